"""Escaping and sanitising for the site: nothing from data or notebooks reaches a page as live script.

Every value the site writes goes through Jinja2's autoescaping; HTML that must stay HTML (notebook
outputs, Markdown cells and outputs) goes through :func:`clean_html`, an allow-list sanitiser
(``bleach``): only the tags and attributes a report needs survive, ``href`` may only be http(s),
mailto, a fragment or a relative path, and ``src`` only those or a ``data:image/png|jpeg|gif`` URI.
No ``<script>``, no ``on*=`` handler, no ``style``, no ``javascript:`` URL passes.

``bleach`` 6.4 was chosen over ``nh3`` because it is already pinned in ``requirements.lock`` (it comes
with nbconvert) and is pure Python; ``nh3`` (Rust, faster) is not installed here and would add a
compiled dependency for pages that are sanitised once per report.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import bleach

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    }
)
_COMMON = {"class", "title", "lang"}
_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "col": {"span"},
    "colgroup": {"span"},
}
_IMAGE_DATA = re.compile(r"^data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]+$")
_UNSAFE_URL_CHARS = re.compile(r"[\s\"'<>`\\]")
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|embed|template|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


def safe_url(url, *, allow_relative: bool = True) -> str | None:
    """Return ``url`` when it is safe in an ``href``, else None.

    Safe: an http(s) or mailto URL, a fragment, or (``allow_relative``) a relative path, with no white
    space, quotes, angle brackets or backslashes.

    Parameters
    ----------
    url : object
    allow_relative : bool

    Returns
    -------
    str or None
    """
    if url is None:
        return None
    text = str(url).strip()
    if not text or _UNSAFE_URL_CHARS.search(text) or any(ord(c) < 32 for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return text if parts.netloc else None
    if scheme == "mailto":
        return text
    if scheme or text.startswith("//") or ":" in text.split("/", 1)[0]:
        return None
    return text if allow_relative else None


def _allowed(tag: str, name: str, value: str) -> bool:
    if name in _COMMON or name in _ATTRIBUTES.get(tag, ()):
        if name == "href":
            return safe_url(value) is not None
        if name == "src":
            return bool(_IMAGE_DATA.match(value)) or safe_url(value) is not None
        return True
    return False


_CLEANER = bleach.sanitizer.Cleaner(
    tags=TAGS,
    attributes=_allowed,
    protocols={"http", "https", "mailto", "data"},
    strip=True,
    strip_comments=True,
)


def clean_html(text: str) -> str:
    """Return ``text`` (an HTML fragment) with only allow-listed tags, attributes and URLs.

    Script-like elements are dropped with their content; other disallowed tags are stripped and
    their text kept (escaped).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return _CLEANER.clean(_DROP_WITH_CONTENT.sub("", str(text)))


def markdown_html(text: str) -> str:
    """Return Markdown ``text`` as sanitised HTML (``mistune``, then :func:`clean_html`)."""
    import mistune

    return clean_html(mistune.html(str(text)))
