"""Plain-Python text handling for the extractor: reading, NFC, HTML/Markdown to text, masks, sentences.

Everything here uses only :mod:`unicodedata`, :mod:`re` and :mod:`html.parser`. Offsets are always
offsets into the NFC text that :func:`to_text` returns, so that ``text[start:end]`` gives back the
evidence a reviewer sees.

Masking keeps offsets: a masked copy of the text has the same length as the text, with the masked
characters replaced by spaces (see :func:`apply_mask`). The extractor looks for numbers in a masked
copy (page furniture, URLs, legal document numbers and dates removed) and copies evidence from the
original.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

Span = tuple[int, int]


class TextReadError(ValueError):
    """A file that cannot be read as text; the message names the file and the reason."""


# ---------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------
def nfc(text: str) -> str:
    """Return ``text`` in Unicode normal form C (composed), the form all offsets refer to."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Return ``text`` lower-cased and without diacritics (``đ`` becomes ``d``), for loose matching."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").casefold()


def detect_format(path: Path, head: str) -> str:
    """Return ``"html"``, ``"markdown"`` or ``"text"`` from the file suffix, else from the content."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".txt", ".text", ""):
        if re.match(r"\s*(<!doctype html|<html|<body|<div|<p[\s>])", head, re.IGNORECASE):
            return "html"
        return "text"
    return "text"


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a file as UTF-8 and return ``(nfc_text, format)``.

    Line ends are normalised as Python's text mode does (``\\r\\n`` and ``\\r`` become ``\\n``), so
    that offsets agree with ``unicodedata.normalize('NFC', open(path, encoding='utf-8').read())``
    for plain-text files. HTML and Markdown are converted to plain text first; offsets then refer
    to the converted text.

    Raises
    ------
    TextReadError
        If the file is missing, is a folder, cannot be read, is binary or is not UTF-8.
    """
    path = Path(path)
    if not path.exists():
        raise TextReadError(f"{path}: no such file")
    if path.is_dir():
        raise TextReadError(f"{path}: is a folder, expected a text, Markdown or HTML file")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TextReadError(f"{path}: cannot be read ({error.strerror or error})") from None
    if b"\x00" in data[:4096]:
        raise TextReadError(f"{path}: looks like a binary file (NUL bytes); expected UTF-8 text")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise TextReadError(
            f"{path}: not UTF-8 text (byte {error.start}: {error.reason}); convert it to UTF-8 first, "
            "e.g. iconv -f WINDOWS-1258 -t UTF-8"
        ) from None
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    fmt = detect_format(path, raw[:200])
    if fmt == "html":
        raw = html_to_text(raw)
    elif fmt == "markdown":
        raw = markdown_to_text(raw)
    return nfc(raw), fmt


# ---------------------------------------------------------------------------------------------
# HTML and Markdown
# ---------------------------------------------------------------------------------------------
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section",
    "article", "blockquote", "dd", "dt", "hr", "title", "main",
}
_SKIP_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "figcaption", "button",
              "select", "iframe", "svg", "template", "head"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS and not self.skip:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in ("br", "hr") and not self.skip:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS and not self.skip:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(source: str) -> str:
    """Return the visible text of an HTML page, one block element per line.

    Scripts, styles, navigation, footers, forms and figure captions are dropped; images are dropped
    with their ``alt`` text. When the body has no ``<h1>``, the ``<title>`` becomes the first line.
    """
    parser = _TextParser()
    parser.feed(source)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    body = "\n".join(line for line in lines if line)
    if not re.search(r"<h1[\s>]", source, re.IGNORECASE):
        title = " ".join("".join(parser.title).split())
        if title and not body.startswith(title):
            body = title + "\n" + body
    return body + "\n"


def markdown_to_text(source: str) -> str:
    """Return Markdown as plain text: images dropped, links reduced to their text, markup removed."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", source)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*[-*+]\s+", "- ", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"^\s*([-*_])\s*(\1\s*){2,}$", "", text, flags=re.MULTILINE)
    return html.unescape(text)


# ---------------------------------------------------------------------------------------------
# masks
# ---------------------------------------------------------------------------------------------
def apply_mask(text: str, spans) -> str:
    """Return ``text`` with every character inside ``spans`` replaced by a space (line ends kept)."""
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def line_spans(text: str):
    """Yield ``(start, end, line)`` for every line of ``text`` (``end`` excludes the line end)."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line), line
        start += len(line) + 1


# ---------------------------------------------------------------------------------------------
# sentences and clauses
# ---------------------------------------------------------------------------------------------
_ABBREVIATIONS = ("TP", "Tp", "TS", "ThS", "PGS", "GS", "BS", "KS", "Th.S", "St", "Mr", "Ms", "v.v", "Q", "P")
_END_PUNCT = re.compile(r"[.!?…]+[\"”’)]*\s+")


def _starts_sentence(rest: str) -> bool:
    rest = rest.lstrip("\"“‘(«")
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "-–•")


def _glued(line: str) -> list[int]:
    """Positions where a lower-case word runs into a capitalised one (``nghèoĐể``)."""
    cuts = []
    for i in range(2, len(line) - 1):
        if line[i].isupper() and line[i + 1].islower() and line[i - 1].islower() and line[i - 2].islower():
            cuts.append(i)
    return cuts


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentences with plain regular expressions; return ``(start, end)`` pairs.

    A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` followed by space and a capital
    letter or a digit (not after a known abbreviation such as ``TP.``), or where a caption was glued
    to the next paragraph without a space (``thoát nghèoĐể``).
    """
    spans: list[Span] = []
    for line_start, _line_end, line in line_spans(text):
        cuts = [0]
        for match in _END_PUNCT.finditer(line):
            if not _starts_sentence(line[match.end():]):
                continue
            word = re.search(r"(\S+)$", line[: match.start()])
            if line[match.start()] == "." and word and word.group(1) in _ABBREVIATIONS:
                continue
            cuts.append(match.end())
        cuts.extend(_glued(line))
        cuts = sorted(set(cuts)) + [len(line)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = line[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail > lead:
                spans.append((line_start + a + lead, line_start + a + trail))
    return spans


def clause_start(text: str, sent_start: int, pos: int) -> int:
    """Return the start of the clause holding ``pos``: after the last ``;`` or ``:`` in its sentence."""
    segment = text[sent_start:pos]
    cut = max(segment.rfind(";"), segment.rfind(":"))
    return sent_start + cut + 1 if cut >= 0 else sent_start


def clause_end(text: str, pos: int, sent_end: int) -> int:
    """Return the end of the clause holding ``pos`` (the next ``;`` or ``:``, or the sentence end)."""
    segment = text[pos:sent_end]
    cuts = [i for i in (segment.find(";"), segment.find(":")) if i >= 0]
    return pos + min(cuts) if cuts else sent_end


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------
#: A Vietnamese numeral: thousands dot and decimal comma ("5.100", "53,7", "1.250,5"), or a plain
#: integer; an English decimal point is accepted only with one or two decimals ("3.48").
NUMBER_PATTERN = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+)"


def parse_number(token: str) -> float:
    """Parse a Vietnamese numeral.

    >>> parse_number("8,92"), parse_number("5.100"), parse_number("1.250,5"), parse_number("3.48")
    (8.92, 5100.0, 1250.5, 3.48)
    """
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return float(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    raise ValueError(f"not a number: {token!r}")


def words(text: str) -> int:
    """Return the number of whitespace-separated words in ``text``."""
    return len(text.split())
