"""Sentences that carry their sources, and their rendering as Markdown with numbered source notes.

A :class:`Sentence` is text plus the sources of the numbers in it. :func:`to_markdown` writes the
sentences as a list, each followed by the numbers of its sources (``[1]``), and a numbered list of
the sources under it: title, publisher, date, the verbatim phrase and the link. Every value that
comes from the data is escaped, so that a title or URL can never become live HTML or Markdown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from study.analysis.findings.model import Source
from study.present.i18n import catalogue, fmt_date_text, t
from study.present.issuers import issuer_label
from study.present.titles import display_title

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>`]+$")


@dataclass(frozen=True)
class Sentence:
    """A sentence in the reader's language and the sources of its numbers."""

    text: str
    sources: tuple[Source, ...] = ()


def escape(text: str) -> str:
    """Escape ``text`` for Markdown and HTML: no data value can become markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))


def safe_url(url: str) -> str | None:
    """Return ``url`` if it is a plain http(s) URL without spaces, quotes or brackets; else ``None``."""
    return url if isinstance(url, str) and _SAFE_URL.match(url) else None


def _describe(source: Source, lang: str) -> str:
    publisher = source.publisher
    if publisher in catalogue(lang).get("source_type", {}):
        publisher = t(lang, f"source_type.{publisher}")
    else:
        publisher = issuer_label(publisher, lang)
    date = fmt_date_text(source.date, lang)
    title = f"*{escape(display_title(source.title, lang))}*" if source.title else ""
    parts = [title] + [escape(p) for p in (publisher, date) if p]
    parts = [p for p in parts if p]
    text = ", ".join(parts)
    if not text and not safe_url(source.url):
        text = escape(source.row or source.url)
    if source.evidence:
        text += f': "{escape(source.evidence)}"'
    url = safe_url(source.url)
    if url:
        text += (" " if text else "") + f"[{escape(_short(url))}]({url})"
    return text


def _short(url: str, width: int = 60) -> str:
    bare = re.sub(r"^https?://(www\.)?", "", url)
    return bare if len(bare) <= width else bare[: width - 1] + "…"


def to_markdown(sentences: list[Sentence], lang: str, heading: bool = True) -> str:
    """Render ``sentences`` as a Markdown list with numbered source notes under it.

    Parameters
    ----------
    sentences : list of Sentence
    lang : {"vi", "en"}
    heading : bool
        Write the "Sources" heading above the notes.

    Returns
    -------
    str
    """
    numbers: dict[str, int] = {}
    described: list[str] = []
    lines = []
    for sentence in sentences:
        refs = []
        for source in sentence.sources:
            if source.key not in numbers:
                numbers[source.key] = len(numbers) + 1
                described.append(_describe(source, lang))
            refs.append(numbers[source.key])
        marks = "".join(f" [{n}]" for n in sorted(set(refs)))
        lines.append(f"- {sentence.text}{marks}")
    if described:
        lines.append("")
        if heading:
            lines.append(f"**{t(lang, 'profile.sources_heading')}**")
            lines.append("")
        lines += [f"{n}. {text}" for n, text in enumerate(described, start=1)]
    return "\n".join(lines)
