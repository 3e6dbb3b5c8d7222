"""Text normalisation: reading files, NFC, HTML and Markdown to text, and masks of page furniture.

Everything here uses only :mod:`unicodedata`, :mod:`re` and :mod:`html.parser`. Offsets are always
offsets into the NFC text that :func:`read_text` returns, so that ``text[start:end]`` gives back the
evidence a reviewer sees.

Masking keeps offsets: a masked copy of the text has the same length as the text, with the masked
characters replaced by spaces (see :func:`apply_mask`). The extractor looks for numbers in a masked
copy (page furniture, URLs, legal document numbers and dates removed, see :func:`furniture_spans`
and :func:`legal_spans`) and copies evidence from the original.
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
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
    "hr",
    "title",
    "main",
}
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "figcaption",
    "button",
    "select",
    "iframe",
    "svg",
    "template",
    "head",
}


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
# page furniture and legal references (masked before numbers are read)
# ---------------------------------------------------------------------------------------------
_FURNITURE_LINE = re.compile(
    r"^\W*(thống\s+kê\s+truy|truy\s+c\w+\s+(tổng|hiện\s+tại|hôm\s+nay|trong)|lượt\s+(truy\s+cập|xem)|"
    r"số\s+lượt|đang\s+(truy\s+cập|online)|online\b|ngày\s+cập\s+nhật|cập\s+nhật\s+lúc|ngày\s+đăng|"
    r"đăng\s+lúc|các\s+tin\s+khác|tin\s+khác|tin\s+liên\s+quan|bài\s+viết\s+liên\s+quan|"
    r"xem\s+tin\s+theo\s+ngày|xem\s+thêm|tìm\s+kiếm|đơn\s+vị\s+hỗ\s+trợ|chung\s+nhan|chứng\s+nhận\s+tín|"
    r"chia\s+sẻ|in\s+bài|menu\b|bản\s+in|gửi\s+email|trang\s+chủ|liên\s+hệ|please\s+enter|source\s*:|"
    r"nguồn\s*:|mô\s+tả\s*:|ảnh\s*:|ảnh\s+minh\s+h|bản\s+quyền|copyright|©|"
    r"\d{1,2}/\d{1,2}/\d{4}(\s+\d{1,2}:\d{2})?\W*($|view|lượt)|"
    r"(điện\s+thoại|đt|hotline|fax|tel|e-?mail)\s*:)",
    re.IGNORECASE,
)
_FURNITURE_ANYWHERE = re.compile(
    r"view\s+count|lượt\s+xem\s*:|lượt\s+truy\s+cập|\(ảnh\s+minh\s+h[oọ][aạ]\)\s*$", re.IGNORECASE
)
_IMAGE_LINE = re.compile(
    r"https?://|www\.|^\W*(mô\s+tả\s*:|ảnh\s*:|ảnh\s+minh)|\.(jpe?g|png|gif|webp)\b", re.IGNORECASE
)
_INLINE_FURNITURE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|"
    r"(?<![\d.,])(?:\+84|0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?![\d,])|"
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)|"
    r"(?:điện\s+thoại|đt|hotline|fax|tel)\s*:?\s*[\d .()+-]{8,}",
    re.IGNORECASE,
)
_LEGAL_KIND = (
    r"(?:Quyết\s+định|Nghị\s+quyết|Nghị\s+định|Chỉ\s+thị|Thông\s+tư|Kết\s+luận|Công\s+văn|Thông\s+báo|"
    r"Kế\s+hoạch|Luật|Văn\s+bản|Hướng\s+dẫn|Đề\s+án|Quy\s+định|Tờ\s+trình|Báo\s+cáo)"
)
_DATE_WORDS = r"(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
DOC_NUMBER = r"(?:\d+[\w.]*(?:/\d{4})?(?:/|-)[A-ZĐ][\w.-]*(?:/[\w.-]+)*)"
_LEGAL_REF = re.compile(
    rf"(?:{_LEGAL_KIND}\s+(?:số\s+)?)?{DOC_NUMBER}(?:\s*,?\s*(?:ngày|ký\s+ngày)\s+{_DATE_WORDS})?",
)
_ROMAN = re.compile(r"(?<!\w)(?:lần\s+thứ|khóa|khoá|Đại\s+hội)\s+[IVXLC]+(?!\w)")


#: The heading of a list of other articles at the foot of a page, alone on its line: everything after it
#: is page furniture (their headlines quote other places' figures). Headings that a menu at the top of
#: a page also shows ("Tin mới", "Đọc nhiều") are not in the list: they would hide the article.
_RELATED = re.compile(
    r"^\W*(các\s+tin\s+khác|(?:tin|tin\s+bài|tin\s+tức|bài|bài\s+viết|các\s+bài|các\s+tin)\s+liên\s+quan|"
    r"tin\s+cùng\s+(?:chuyên\s+mục|chủ\s+đề|danh\s+mục)|"
    r"các\s+bài\s+(viết\s+)?khác|tin\s+đã\s+đưa|các\s+tin\s+đã\s+đưa|tin\s+mới\s+hơn|tin\s+cũ\s+hơn|đọc\s+thêm|"
    r"có\s+thể\s+bạn\s+quan\s+tâm|bạn\s+đọc\s+quan\s+tâm|related\s+(?:news|articles|posts)|other\s+news)\W*$",
    re.IGNORECASE,
)
#: A line that opens with such a heading and names one other article ("Tin liên quan: <headline>").
_RELATED_LINE = re.compile(
    r"^\W*(?:(?:tin|bài|bài\s+viết)\s+liên\s+quan|xem\s+thêm|đọc\s+thêm|related)\s*[:>»-]", re.IGNORECASE
)


def furniture_spans(text: str) -> list[Span]:
    """Spans of page furniture: counters, page dates, menus, captions, URLs, phone numbers, times.

    A line in square brackets is an editorial note, and everything after a "related news" heading
    (*Các tin khác*, *Tin liên quan* ...) is a list of other articles.
    """
    spans: list[Span] = []
    lines = list(line_spans(text))
    previous_image = False
    for start, end, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if _RELATED.match(stripped):
            spans.append((start, len(text)))
            break
        if _RELATED_LINE.match(stripped):  # "Tin liên quan: …": the headline of another article
            spans.append((start, end))
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            spans.append((start, end))
            continue
        is_image = bool(_IMAGE_LINE.search(stripped))
        caption = (
            previous_image and not is_image and len(stripped.split()) <= 25 and not re.search(r"[.;:!?]\W*$", stripped)
        )
        if _FURNITURE_LINE.search(stripped) or _FURNITURE_ANYWHERE.search(stripped) or is_image or caption:
            spans.append((start, end))
        previous_image = is_image
    spans.extend(_repeated_lines(lines))
    spans.extend(m.span() for m in _INLINE_FURNITURE.finditer(text))
    return spans


def _repeated_lines(lines) -> list[Span]:
    """Spans of a line of three words or more repeated as the next line: an image's alt text and caption.

    Both copies are captions, except at the top, where a headline repeated (page title, then heading)
    keeps its first copy.
    """
    spans: list[Span] = []
    full = [(start, end, line.strip()) for start, end, line in lines if line.strip()]
    for i in range(1, len(full)):
        (s0, e0, a), (s1, e1, b) = full[i - 1], full[i]
        if a == b and len(a.split()) >= 3:
            spans.extend([(s1, e1)] if i <= 1 else [(s0, e0), (s1, e1)])
    return spans


def legal_spans(text: str) -> list[Span]:
    """Spans of legal document numbers with their dates, and ordinals of congresses and terms."""
    spans = [m.span() for m in _LEGAL_REF.finditer(text)]
    spans.extend(m.span() for m in _ROMAN.finditer(text))
    # a date written right after a (masked) document name: "Kế hoạch ... ngày 20/8/2021"; not the date
    # figures are counted to ("thống kê đến ngày 1/7/2025", "tính đến ngày …", "thời điểm ngày …")
    spans.extend(
        m.span() for m in re.finditer(rf"(?<!đến\s)(?<!tới\s)(?<!điểm\s)(?:ngày|ký\s+ngày)\s+{_DATE_WORDS}", text)
    )
    # the date a document was issued: "(ban hành tháng 5/2021)", "được phê duyệt năm 2022" (guide 2.9.6)
    spans.extend(m.span() for m in _ISSUED.finditer(text))
    return spans


_ISSUED = re.compile(
    r"(?<!\w)(?<!đăng\s)(?:ban\s+hành|thông\s+qua|phê\s+duyệt|ký)\s+(?:vào\s+)?(?:ngày\s+\d{1,2}/|tháng\s+|năm\s+)"
    r"(?:\d{1,2}/)?(?:19|20)\d{2}(?!\d)",
    re.IGNORECASE,
)
