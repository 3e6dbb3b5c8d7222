"""Source titles as a reader of each language should see them.

Coders write a title as the source prints it and, in brackets at its end, what a reader should know
about it: the outlet, that the headline was taken from the URL because the stored copy lacks it,
that the text is an English edition or a machine translation, a repost. Those notes are written in
English (``"Dân trí; title per URL slug"``). A Vietnamese page must not print them in English, and
an English page need not print coders' shorthand either. :func:`display_title` keeps the title and
the outlet, and says each known note in the page's language; a note it does not know is kept on an
English page and left out of a Vietnamese one when it is English.
"""

from __future__ import annotations

import re

from study.present.i18n import t

_LANGUAGES = {
    "english": "en",
    "japanese": "ja",
    "french": "fr",
    "german": "de",
    "chinese": "zh",
    "spanish": "es",
}
"""Languages named in coders' notes, by the key of their name in the string catalogues."""
_NAMES = "(?:" + "|".join(name.capitalize() for name in _LANGUAGES) + ")"

NOTES = (
    # the headline is not in the stored copy: the title was read from the URL or written by the coder
    ("descriptive", re.compile(r"descriptive title|original headline not in", re.I)),
    ("opening", re.compile(r"opening words", re.I)),
    ("from_url", re.compile(r"URL slug|title per URL|from the URL", re.I)),
    ("no_headline", re.compile(r"headline not in|no headline in", re.I)),
    ("listing", re.compile(r"search[- ]listing", re.I)),
    ("translation", re.compile(r"\btranslation\b", re.I)),
    ("edition", re.compile(rf"\b{_NAMES}(?: edition)?$|VNA {_NAMES}", re.I)),
    ("page", re.compile(r"^(?:print )?page \d+$", re.I)),
    ("yearbook", re.compile(r"Statistical Yearbook", re.I)),
    ("held", re.compile(r"held in GitHub repo\s+\S+", re.I)),
    ("tag", re.compile(r"\btag page\b", re.I)),
    ("repost", re.compile(r"\brepost\b|\baggregator\b", re.I)),
    ("citing", re.compile(r"\bciting\b", re.I)),
)
"""(note, pattern): the kinds of coder's note the pages say in the reader's language, first match wins."""

_ENGLISH = re.compile(
    r"\b(of|the|per|from|not|in|on|with|and|page|portal|item|edition|translation|external|provincial|"
    r"information|results|which|cut|off|stored|copy|headline|title|URL|slug|opening|words|used)\b",
    re.I,
)
_DESCRIBED = re.compile(
    r"^(?P<outlet>[^(),]+?)(?:\s*\([^)]*\))?,?\s+(?:an?\s+)?(?:English\s+)?(?:news\s+)?(?:article|item|report)\b", re.I
)
"""A title the coder wrote as a description: "<outlet> article of <date> on …", "<outlet> (<site>), item on …"."""
_SLUG = re.compile(r"URL slug:?\s+[\'\"]?([a-z0-9][a-z0-9-]{8,})", re.I)
"""The slug a coder copied from the URL of a page whose stored copy has no headline."""
_QUOTED = re.compile(r"['‘“\"](?P<quoted>[^'’”\"]{8,})['’”\"]")


def _trailing_brackets(title: str) -> tuple[str, str]:
    """Split ``"Head (note)"`` into ``("Head", "note")``; the brackets must close the title (the head may be empty)."""
    text = title.rstrip()
    if not text.endswith(")"):
        return text, ""
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return text[:i].rstrip(), text[i + 1 : -1].strip()
    return text, ""


def _language_of(part: str) -> str:
    for word, key in _LANGUAGES.items():
        if word in part.lower():
            return key
    return ""


def _outlet(part: str) -> str:
    """The outlet named before a note in one part (``"Lao Động, English edition"`` → ``"Lao Động"``)."""
    head = re.split(r",\s*|\s+(?=(?:English|German|French|Japanese)\b)", part, maxsplit=1)[0].strip()
    return "" if _ENGLISH.search(head) or head.lower() in _LANGUAGES else head


def display_title(title: str, lang: str) -> str:
    """Return a source's coded ``title`` with its bracketed notes said in ``lang``.

    Parameters
    ----------
    title : str
        The title as coded, possibly ending in a bracketed coder's note.
    lang : {"en", "vi"}
        The page's language.

    Returns
    -------
    str
        The headline, then in brackets the outlet and the known notes in ``lang``; a title coded as
        a description of a translated article ("Vietnam.vn German translation of X 'headline'") shows
        the quoted headline. Unknown English notes are dropped on Vietnamese pages.

    Examples
    --------
    >>> display_title("Sơn La: từ chính sách giảm nghèo (Dân trí; title per URL slug)", "vi")
    'Sơn La: từ chính sách giảm nghèo (Dân trí; tiêu đề lấy từ đường dẫn)'
    >>> display_title("Sơn La: từ chính sách giảm nghèo (Dân trí; title per URL slug)", "en")
    'Sơn La: từ chính sách giảm nghèo (Dân trí; title taken from the web address)'
    """
    head, inside = _trailing_brackets(str(title or ""))
    parts = [p.strip() for p in inside.split(";") if p.strip()]
    pieces = head.split(";")  # a coder's note may also follow the head: "…, item on X; headline not in …"
    while len(pieces) > 1 and any(pattern.search(pieces[-1]) for _, pattern in NOTES):
        parts.insert(0, pieces.pop().strip())
    head = ";".join(pieces).strip()
    notes: list[tuple[str, str, str]] = []
    kept: list[str] = []
    described = _DESCRIBED.match(head) if lang == "vi" and _ENGLISH.search(head) else None
    translated = _QUOTED.search(head) if re.search(r"\btranslation of\b", head, re.I) else None
    if translated:
        notes.append(("translation", _language_of(head.split("translation")[0]), ""))
        head = translated.group("quoted").strip()
    elif described:
        head = t(lang, "title_note.article_by", outlet=described.group("outlet").strip())
    for part in parts:
        kind = next((k for k, pattern in NOTES if pattern.search(part)), "")
        if not kind:
            if lang == "en" or not _ENGLISH.search(part):
                kept.append(part)
            continue
        outlet = "" if kind in ("yearbook", "held") else _outlet(part)  # the note names the table, not an outlet
        if outlet and outlet not in kept:
            kept.append(outlet)
        note = (kind, _language_of(part) if kind in ("translation", "edition") else "", part)
        if note[:2] not in [n[:2] for n in notes]:
            notes.append(note)
    kinds = {n[0] for n in notes}
    if kinds & {"descriptive", "opening"}:
        notes = [n for n in notes if n[0] not in ("from_url", "no_headline")]
    elif "from_url" in kinds:
        notes = [n for n in notes if n[0] != "no_headline"]  # read from the URL says there was no headline
    if not head:  # nothing but notes: say there is no headline, and where to look
        slug = next((m.group(1) for p in parts if (m := _SLUG.search(p))), "")
        head = t(lang, "title_note.untitled_slug", slug=slug) if slug else t(lang, "title_note.untitled")
        notes = [n for n in notes if n[0] not in ("from_url", "no_headline")]
    said = [_say(kind, language, lang, part) for kind, language, part in notes]
    tail = "; ".join([*kept, *said])
    return f"{head} ({tail})" if tail else head


def _say(kind: str, language: str, lang: str, part: str) -> str:
    if kind == "page":
        return t(lang, "title_note.page", page=part.split()[-1])
    if kind == "held":
        return t(lang, "title_note.held", repo=re.search(r"GitHub repo\s+(\S+)", part).group(1))
    if kind in ("translation", "edition") and language:
        return t(lang, f"title_note.{kind}_in", language=t(lang, f"title_note.language_{language}"))
    return t(lang, f"title_note.{kind}")
