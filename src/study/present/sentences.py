"""Sentences that carry their sources, and their rendering as Markdown with numbered source notes.

A :class:`Sentence` is text plus the sources of the numbers in it. :func:`to_markdown` writes the
sentences as a list, each followed by the numbers of its sources (``[1]``), and a numbered list of
the sources under it, one note per page: title, publisher, date, every phrase quoted from the
page and the link. Every value that
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


def _richness(source: Source) -> int:
    """How much a source says about its page (title, publisher, date): the fullest names the note."""
    return sum(bool(v) for v in (source.title, source.publisher, source.date))


def _describe(sources: list[Source], lang: str) -> str:
    """One note for one page: its fullest description, every phrase quoted from it, and the link."""
    source = max(sources, key=_richness)  # max keeps the first of equals: the order of the page
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
    phrases = list(dict.fromkeys(s.evidence for s in sources if s.evidence))
    if phrases:
        text += ": " + "; ".join(f'"{escape(p)}"' for p in phrases)
    url = safe_url(source.url)
    if url:
        text += (" " if text else "") + f"[{escape(_short(url))}]({url})"
    return text


def _page(source: Source) -> str:
    """The page a source note stands for: its link (scheme, ``www.`` and a final slash aside), else its
    document or raw row."""
    if source.url:
        return re.sub(r"^https?://(www\.)?", "", source.url.strip()).rstrip("/")
    return source.doc_id or source.row


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
    pages: dict[str, list[Source]] = {}
    lines = []
    for sentence in sentences:
        refs = []
        for source in sentence.sources:
            page = _page(source)
            if page not in numbers:
                numbers[page] = len(numbers) + 1
                pages[page] = []
            if source not in pages[page]:
                pages[page].append(source)
            refs.append(numbers[page])
        marks = "".join(f" [{n}]" for n in sorted(set(refs)))
        lines.append(f"- {sentence.text}{marks}")
    described = [_describe(group, lang) for group in pages.values()]
    if described:
        lines.append("")
        if heading:
            lines.append(f"**{t(lang, 'profile.sources_heading')}**")
            lines.append("")
        lines += [f"{n}. {text}" for n, text in enumerate(described, start=1)]
    return "\n".join(lines)
