"""Assisted coding: propose facts, measure codes and document metadata from Vietnamese policy texts.

``study extract PATH...`` reads plain text, Markdown or HTML, normalises it to NFC and proposes rows
for the raw tables ``documents/facts`` and ``documents/measures`` (columns of
:data:`study.schemas.FACTS` and :data:`study.schemas.MEASURES`), plus a ``documents`` row with the
metadata it can find. Every proposal carries a verbatim ``evidence`` phrase (at most 12 words) and
its character span in the NFC text, so that a reviewer can check it and append the reviewed rows to
``data/raw/documents``.

The rules follow ``docs/coding_guide.md`` and are general: they name no place, figure or phrase of a
particular document. The measure dictionary (terms per code) is data, in
``data/dictionaries/measure_terms.toml``. See ``docs/extract.md`` for the rules and their limits.

Examples
--------
>>> result = extract_text("Năm 2023, tỷ lệ hộ nghèo giảm từ 8,92% xuống còn 6,02%.", doc_id="x")
>>> [(f["indicator"], f["value"], f["year"], f["kind"]) for f in result.facts]
[('poor_rate_pct', 8.92, 2022, 'baseline'), ('poor_rate_pct', 6.02, 2023, 'actual')]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from study import paths, schemas
from study.textnorm import (
    NUMBER_PATTERN,
    TextReadError,
    apply_mask,
    clause_end,
    clause_start,
    line_spans,
    nfc,
    parse_number,
    read_text,
    sentence_spans,
)

__all__ = ["ExtractError", "Extraction", "extract_file", "extract_text", "load_terms", "register", "main"]

MAX_WORDS = 12


class ExtractError(ValueError):
    """An input or dictionary the extractor cannot use; the message names the file and the reason."""


def default_terms_path() -> Path:
    """Return the measure dictionary shipped with the project (``data/dictionaries/measure_terms.toml``)."""
    return paths.root() / "data" / "dictionaries" / "measure_terms.toml"


# ---------------------------------------------------------------------------------------------
# the measure dictionary
# ---------------------------------------------------------------------------------------------
@dataclass
class Terms:
    """The compiled measure dictionary: patterns per code, difficulty patterns, known decisions."""

    codes: dict[str, list[tuple[str, re.Pattern]]]
    difficulty: list[re.Pattern]
    decisions: dict[str, dict]


def _compile_term(term: str, where: str) -> re.Pattern:
    if term.startswith("re:"):
        source = term[3:]
    else:
        source = r"\s+".join(re.escape(part) for part in term.split())
        source = rf"(?<!\w){source}(?!\w)"
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as error:
        raise ExtractError(f"{where}: term {term!r} is not a valid regular expression ({error})") from None


def load_terms(path: str | Path | None = None) -> Terms:
    """Read and compile the measure dictionary.

    Parameters
    ----------
    path : path-like, optional
        A TOML file laid out like ``data/dictionaries/measure_terms.toml``; the default is that file.

    Returns
    -------
    Terms

    Raises
    ------
    ExtractError
        If the file is missing or malformed, names an unknown measure code, or holds a bad pattern.
    """
    path = Path(path) if path else default_terms_path()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ExtractError(f"{path}: measure dictionary not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ExtractError(f"{path}: not valid TOML ({error})") from None
    codes: dict[str, list[tuple[str, re.Pattern]]] = {}
    for code, table in data.get("codes", {}).items():
        if code not in schemas.MEASURE_CODES:
            raise ExtractError(f"{path}: unknown measure code {code!r}; expected one of "
                               + ", ".join(schemas.MEASURE_CODES))
        terms = table.get("terms", [])
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ExtractError(f"{path}: [codes.{code}] terms must be a list of strings")
        codes[code] = [(nfc(t), _compile_term(nfc(t), f"{path} [codes.{code}]")) for t in terms]
    difficulty = [_compile_term(nfc(t), f"{path} [settings]")
                  for t in data.get("settings", {}).get("difficulty", [])]
    decisions = {_decision_key(k): v for k, v in data.get("decisions", {}).items()}
    return Terms(codes, difficulty, decisions)


def _decision_key(number: str) -> str:
    return re.sub(r"\s+", "", nfc(number)).upper()


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
_FURNITURE_ANYWHERE = re.compile(r"view\s+count|lượt\s+xem\s*:|lượt\s+truy\s+cập|\(ảnh\s+minh\s+h[oọ][aạ]\)\s*$",
                                 re.IGNORECASE)
_IMAGE_LINE = re.compile(r"https?://|www\.|^\W*(mô\s+tả\s*:|ảnh\s*:|ảnh\s+minh)|\.(jpe?g|png|gif|webp)\b",
                         re.IGNORECASE)
_INLINE_FURNITURE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|"
    r"(?<![\d.,])(?:\+84|0)\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?![\d,])|"
    r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)|"
    r"(?:điện\s+thoại|đt|hotline|fax|tel)\s*:?\s*[\d .()+-]{8,}",
    re.IGNORECASE,
)
_LEGAL_KIND = (r"(?:Quyết\s+định|Nghị\s+quyết|Nghị\s+định|Chỉ\s+thị|Thông\s+tư|Kết\s+luận|Công\s+văn|Thông\s+báo|"
               r"Kế\s+hoạch|Luật|Văn\s+bản|Hướng\s+dẫn|Đề\s+án|Quy\s+định|Tờ\s+trình|Báo\s+cáo)")
_DATE_WORDS = r"(?:\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
_DOC_NUMBER = r"(?:\d+[\w.]*(?:/\d{4})?(?:/|-)[A-ZĐ][\w.-]*(?:/[\w.-]+)*)"
_LEGAL_REF = re.compile(
    rf"(?:{_LEGAL_KIND}\s+(?:số\s+)?)?{_DOC_NUMBER}(?:\s*,?\s*(?:ngày|ký\s+ngày)\s+{_DATE_WORDS})?",
)
_ROMAN = re.compile(r"(?<!\w)(?:lần\s+thứ|khóa|khoá|Đại\s+hội)\s+[IVXLC]+(?!\w)")


_RELATED = re.compile(r"^\W*(các\s+tin\s+khác|tin\s+liên\s+quan|bài\s+viết\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục|"
                      r"các\s+bài\s+(viết\s+)?khác|tin\s+đã\s+đưa|tin\s+mới\s+hơn|đọc\s+thêm)\W*$", re.IGNORECASE)


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    """Spans of page furniture: counters, page dates, menus, captions, URLs, phone numbers, times.

    A line in square brackets is an editorial note, and everything after a "related news" heading
    (*Các tin khác*, *Tin liên quan* ...) is a list of other articles.
    """
    spans: list[tuple[int, int]] = []
    lines = list(line_spans(text))
    previous_image = False
    for start, end, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if _RELATED.match(stripped):
            spans.append((start, len(text)))
            break
        if stripped.startswith("[") and stripped.endswith("]"):
            spans.append((start, end))
            continue
        is_image = bool(_IMAGE_LINE.search(stripped))
        caption = (previous_image and not is_image and len(stripped.split()) <= 25
                   and not re.search(r"[.;:!?]\W*$", stripped))
        if _FURNITURE_LINE.search(stripped) or _FURNITURE_ANYWHERE.search(stripped) or is_image or caption:
            spans.append((start, end))
        previous_image = is_image
    spans.extend(m.span() for m in _INLINE_FURNITURE.finditer(text))
    return spans


def _legal_spans(text: str) -> list[tuple[int, int]]:
    """Spans of legal document numbers with their dates, and ordinals of congresses and terms."""
    spans = [m.span() for m in _LEGAL_REF.finditer(text)]
    spans.extend(m.span() for m in _ROMAN.finditer(text))
    # a date written right after a (masked) document name: "Kế hoạch ... ngày 20/8/2021"
    spans.extend(m.span() for m in re.finditer(rf"(?:ngày|ký\s+ngày)\s+{_DATE_WORDS}", text))
    return spans


# ---------------------------------------------------------------------------------------------
# years and kinds
# ---------------------------------------------------------------------------------------------
_YR = r"(?<![\d.,/])(?:19|20)\d{2}(?!\d|[.,]\d)"
_YEAR_EXPR = re.compile(
    rf"(?P<since>(?:tính\s+)?từ\s+(?:năm\s+)?(?P<s1>{_YR})\s+(?:đến|tới)\s+nay)"
    rf"|(?P<fromto>từ\s+(?:năm\s+)?(?P<f1>{_YR})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<f2>{_YR}))"
    rf"|(?P<term>nhiệm\s+kỳ\s+{_YR}\s*[-–—]\s*{_YR})"
    rf"|(?P<period>(?:giai\s+đoạn\s+|thời\s+kỳ\s+|năm\s+)?(?P<p1>{_YR})\s*[-–—]\s*(?P<p2>{_YR}))"
    rf"|(?P<compare>so\s+với\s+(?:cùng\s+kỳ\s+)?(?:cuối\s+)?(?:năm\s+)?(?P<c1>{_YR}))"
    rf"|(?P<paren>\(\s*năm\s+(?P<q1>{_YR})\s*\))"
    r"|(?P<now>(?<!\w)(?:(?:đến|tới)\s+nay|hiện\s+nay|hiện\s+tại|hiện\s+có|hiện\s+còn)(?!\w))"
    r"|(?P<date>(?<![\d/])(?:\d{1,2}/)?\d{1,2}/(?P<d1>(?:19|20)\d{2})(?!\d))"
    rf"|(?P<year>(?:năm\s+)?(?P<y1>{_YR}))",
    re.IGNORECASE,
)


@dataclass
class YearExpr:
    start: int
    end: int
    kind: str
    year: int | None
    year_end: int | None = None


def _year_exprs(text: str, doc_year: int | None) -> list[YearExpr]:
    out = []
    for m in _YEAR_EXPR.finditer(text):
        kind = None
        for name in ("since", "fromto", "term", "period", "compare", "paren", "now", "date", "year"):
            if m.group(name) is not None:
                kind = name
                break
        if kind == "since":
            out.append(YearExpr(*m.span(), kind, int(m.group("s1")), doc_year))
        elif kind == "fromto":
            out.append(YearExpr(*m.span(), kind, int(m.group("f1")), int(m.group("f2"))))
        elif kind == "period":
            out.append(YearExpr(*m.span(), kind, int(m.group("p1")), int(m.group("p2"))))
        elif kind == "compare":
            out.append(YearExpr(*m.span(), kind, int(m.group("c1"))))
        elif kind == "paren":
            out.append(YearExpr(*m.span(), kind, int(m.group("q1"))))
        elif kind == "now":
            out.append(YearExpr(*m.span(), kind, doc_year))
        elif kind == "date":
            out.append(YearExpr(*m.span(), kind, int(m.group("d1"))))
        elif kind == "year":
            out.append(YearExpr(*m.span(), kind, int(m.group("y1"))))
        else:
            out.append(YearExpr(*m.span(), kind or "term", None))
    return out


_CUE = re.compile(
    r"(?<!\w)(?:"
    r"(?P<est>dự\s+ước|ước\s+tính|ước\s+đạt|ước\s+thực\s+hiện|ước\s+cả\s+năm|ước)"
    rf"|(?P<tgtyear>(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:cuối\s+năm\s+|hết\s+năm\s+)?(?P<ty>{_YR}))"
    r"|(?P<tgt>phấn\s+đấu|mục\s+tiêu(?!\s+quốc\s+gia)|chỉ\s+tiêu|(?:đã\s+)?đề\s+ra|đặt\s+ra|quyết\s+tâm|đảm\s+bảo|bảo\s+đảm|"
    r"cam\s+kết|dự\s+kiến|kế\s+hoạch\s+giao|sẽ|phải)"
    r"|(?P<act>vượt\s+(?:mức\s+)?(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)|đã|đạt\s+được|kết\s+quả|(?:đến|tới)\s+nay|hiện\s+nay|hiện\s+còn|hiện\s+có|vừa\s+qua|"
    r"qua\s+rà\s+soát|rà\s+soát\s+cuối\s+năm)"
    r")(?!\w)",
    re.IGNORECASE,
)


def _kind_from_cues(context: str, doc_year: int | None, default: str) -> tuple[str, str]:
    """Return ``(kind, cue)`` from the cue nearest to the end of ``context`` (the text before a number)."""
    best = None
    for m in _CUE.finditer(context):
        if best is None or m.end() >= best.end():
            best = m
    if best is None:
        return default, ""
    cue = " ".join(best.group(0).split())
    if best.group("est"):
        return "estimate", cue
    if best.group("tgtyear"):
        year = int(best.group("ty"))
        if doc_year is None or year >= doc_year:
            return "target", cue
        return "actual", cue
    if best.group("tgt"):
        return "target", cue
    return "actual", cue


# ---------------------------------------------------------------------------------------------
# quantities
# ---------------------------------------------------------------------------------------------
_NUM = NUMBER_PATTERN
_QTY = re.compile(
    rf"(?<![\w.,/%-])(?P<a>{_NUM})(?:/(?P<of>\d{{1,5}})(?=\s+[^\W\d]))?(?P<pa>\s*%)?"
    rf"(?:\s*(?P<sep>-|–|—|đến|tới)\s*(?P<b>{_NUM}))?(?![\w/]|[.,]\d)"
)
_FROM_TO = re.compile(
    rf"(?P<verb>(?:giảm|tăng)\s+)?từ\s+(?P<a>{_NUM})(?P<ua>\s*%)?(?P<ha>\s+hộ(?:\s+(?:cận\s+)?nghèo)?)?"
    rf"(?P<ya>\s*\(?\s*(?:(?:đầu|cuối|hết)\s+)?năm\s+(?P<y1>{_YR})\s*\)?)?\s*,?\s*(?:giảm\s+|tăng\s+)?(?:xuống|lên)\s+"
    rf"(?:còn\s+|mức\s+)?(?P<b>{_NUM})(?P<ub>\s*%)?(?P<hb>\s+hộ(?:\s+(?:cận\s+)?nghèo)?)?"
    rf"(?P<yb>\s*\(?\s*(?:vào\s+)?(?:(?:đầu|cuối|hết)\s+)?năm\s+(?P<y2>{_YR})\s*\)?)?",
    re.IGNORECASE,
)
_COUNT_UNIT = re.compile(
    r"\s+(?P<u>căn\s+nhà|căn\s+hộ|ngôi\s+nhà|căn|nhà\s+ở|nhà(?!\s+(?:vệ|văn|máy|nước|trẻ|hàng|đầu|hảo))|"
    r"hộ\s+gia\s+đình|lượt\s+hộ|hộ|lượt\s+(?:người\s+)?lao\s+động|người\s+lao\s+động|lao\s+động|nhân\s+khẩu|"
    r"lượt\s+người|người|huyện|xã(?!\s+hội)|thôn|nhóm\s+nhiệm\s+vụ|nhóm\s+giải\s+pháp|nhiệm\s+vụ|giải\s+pháp|"
    r"mô\s+hình|tiểu\s+dự\s+án|dự\s+án|công\s+trình|suất\s+quà|phần\s+quà|suất|đối\s+tượng)(?!\w)",
    re.IGNORECASE,
)
_MULT = re.compile(r"\s+(?P<m>nghìn\s+tỷ|ngàn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỉ|tỷ|tỉ|triệu|nghìn|ngàn)(?!\s*lệ)(?!\w)",
                   re.IGNORECASE)
_CURRENCY = re.compile(r"\s*(?:đồng|VNĐ|VND|đ)(?!\w)", re.IGNORECASE)
_UNIT_KIND = {
    "căn nhà": "houses", "căn hộ": "houses", "ngôi nhà": "houses", "căn": "houses", "nhà ở": "houses",
    "nhà": "houses", "hộ gia đình": "households", "hộ": "households", "lượt hộ": "households", "lao động": "workers",
    "người lao động": "workers", "lượt lao động": "workers", "lượt người lao động": "workers",
    "nhân khẩu": "people", "lượt người": "people", "người": "people", "huyện": "districts", "xã": "communes",
    "thôn": "count", "nhóm nhiệm vụ": "tasks", "nhóm giải pháp": "tasks", "nhiệm vụ": "tasks",
    "giải pháp": "tasks", "mô hình": "count", "suất quà": "count", "phần quà": "count", "suất": "count",
    "đối tượng": "people", "tiểu dự án": "count", "dự án": "count", "công trình": "count",
}
_MONEY_FACTOR = {"tỷ": 1.0, "tỉ": 1.0, "triệu": 0.001, "nghìn tỷ": 1000.0, "ngàn tỷ": 1000.0,
                 "nghìn tỉ": 1000.0, "ngàn tỉ": 1000.0}
_COUNT_FACTOR = {"triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3}
_QUALIFIER = re.compile(
    r"(?<!\w)(?P<q>hơn|gần|trên|dưới|khoảng|ít\s+nhất|tối\s+thiểu|xấp\s+xỉ|chừng|không\s+dưới)\s*$",
    re.IGNORECASE,
)
_QUALIFIER_MAP = {"tối thiểu": "ít nhất", "không dưới": "ít nhất", "xấp xỉ": "khoảng", "chừng": "khoảng"}
_PER_YEAR = re.compile(r"mỗi\s+năm|hằng\s+năm|hàng\s+năm|theo\s+từng\s+năm|/\s*năm|bình\s+quân[^.;]{0,30}năm",
                       re.IGNORECASE)
_RATE = re.compile(
    r"(?<!\w)(?:tỷ|tỉ)\s+lệ(?P<rest>(?:\s+hộ)?(?:\s+(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|"
    r"nghèo,\s+(?:hộ\s+)?cận\s+nghèo|nghèo\s+đa\s+chiều|cận\s+nghèo|nghèo))?)"
    r"|(?<!\w)(?P<link>chiếm|bằng)(?!\w)",
    re.IGNORECASE,
)
_HOUSEHOLD_MENTION = re.compile(
    r"hộ\s+(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|nghèo,\s+(?:hộ\s+)?cận\s+nghèo|cận\s+nghèo|nghèo)",
    re.IGNORECASE,
)
_HOUSING = re.compile(r"nhà\s+ở|nhà\s+tạm|dột\s+nát|xây\s+(dựng\s+|mới\s+)?nhà|sửa\s+chữa\s+nhà|làm\s+nhà",
                      re.IGNORECASE)
_SHARE_STOP = {
    "so", "trở", "và", "trên", "dưới", "đến", "tới", "vào", "năm", "tương", "theo", "là", "của", "khi", "thì",
    "trong", "sau", "với", "mỗi", "hằng", "hàng", "bình", "ở", "còn", "giảm", "tăng", "nhưng", "đạt", "hoặc",
    "hay", "xuống", "lên", "đề", "cả", "kế", "nhằm", "để", "do", "vượt", "cao", "thấp",
} - {"kế"}
_OTHER_PCT_LABELS = (
    (r"học\s+phí", "tuition_exemption_poor_pupils_pct"),
    (r"bảo\s+hiểm\s+y\s+tế|thẻ\s+bảo\s+hiểm", "health_insurance_poor_elderly_pct"),
    (r"tiền\s+điện", "electricity_support_poor_pct"),
    (r"đào\s+tạo\s+nghề|học\s+nghề|độ\s+tuổi\s+lao\s+động", "vocational_training_poor_working_age_pct"),
    (r"vay\s+vốn|cho\s+vay|nhu\s+cầu\s+về\s+vốn|tín\s+dụng", "credit_access_poor_near_poor_pct"),
    (r"chính\s+sách[^.;]{0,30}(đến\s+tay|đối\s+tượng)", "policies_reaching_beneficiaries_pct"),
    (r"kế\s+hoạch\s+giao|vốn\s+đầu\s+tư\s+công|giải\s+ngân", "public_investment_plan_pct"),
)
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME = rf"[{_UPPER}][\w']*(?:\s+[{_UPPER}][\w']*){{0,3}}"
_SUBUNIT = re.compile(rf"(?<!\w)(?P<level>huyện|thị\s+xã|xã)\s+(?P<name>{_NAME})")


@dataclass
class Quantity:
    """A number with its unit, as read from the text (before it is given an indicator)."""

    start: int  # start of the number (or of "từ" of a range)
    end: int  # end of the unit
    qual_start: int  # start of the qualifier, if any, else start
    value: float | None
    vmin: float | None
    vmax: float | None
    unit: str  # pct, households, houses, workers, people, districts, communes, tasks, count, money
    per_year: bool = False
    qualifier: str = ""
    after: str = ""  # the words right after the unit (household type, group noun)
    is_range: bool = False


@dataclass
class Extraction:
    """What :func:`extract_text` proposes for one document."""

    document: dict
    facts: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    text: str = ""


class _Doc:
    """The text of one document with its masks, sentences and metadata, shared by the rules."""

    def __init__(self, text: str, terms: Terms):
        self.text = text
        self.terms = terms
        furniture = _furniture_spans(text)
        legal = _legal_spans(text)
        self.content = apply_mask(text, furniture)
        self.years_text = apply_mask(text, furniture + legal)
        self.numbers_text = apply_mask(self.years_text, [m.span() for m in re.finditer(
            rf"(?:\d{{1,2}}/)?\d{{1,2}}/{_YR}|(?<!\w)(?:năm|tháng|ngày|quý)\s+\d+", self.years_text,
            re.IGNORECASE)])
        self.sentences = sentence_spans(self.content)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= pos < end:
                return start, end
        return pos, pos


# ---------------------------------------------------------------------------------------------
# document metadata
# ---------------------------------------------------------------------------------------------
_ISSUE_DATE = re.compile(
    r"(?<!\w)Ngày\s+(?:(?P<d1>\d{1,2})\s+tháng\s+(?P<m1>\d{1,2})\s+năm\s+(?P<y1>\d{4})|"
    r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))\s*,?\s+(?P<who>[^.\n]{0,120}?)"
    r"(?:ban\s+hành|đã\s+ban\s+hành|ký|đưa\s+ra|tổ\s+chức|thông\s+qua)",
)
_LINE_DATE = re.compile(r"^\s*(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,\s*)?"  # "Thứ Ba, 26/11/2024 - 10:15"
                        r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:\s+\d{1,2}:\d{2})?")
_UPDATE_DATE = re.compile(r"(?:ngày\s+cập\s+nhật|cập\s+nhật\s+lúc|ngày\s+đăng|đăng\s+lúc)\s*:?\s*"
                          r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.IGNORECASE)
_KIND_PATTERNS = (
    ("conclusion", r"(ban\s+hành|ra)\s+(văn\s+bản\s+|thông\s+báo\s+)?kết\s+luận|^\W*(thông\s+báo\s+)?kết\s+luận"),
    ("plan", r"(ban\s+hành|đưa\s+ra|xây\s+dựng|phê\s+duyệt)\s+kế\s+hoạch|^\W*kế\s+hoạch"),
    ("resolution", r"(ban\s+hành|thông\s+qua)\s+nghị\s+quyết|^\W*nghị\s+quyết"),
    ("directive", r"ban\s+hành\s+chỉ\s+thị|^\W*chỉ\s+thị"),
    ("report", r"(ban\s+hành|có)\s+báo\s+cáo|^\W*báo\s+cáo"),
)
_ISSUER = re.compile(
    r"(?P<body>UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Ban\s+Thường\s+vụ\s+(?:Tỉnh|Huyện|Thành|Thị)\s+ủy|"
    r"Tỉnh\s+ủy|Huyện\s+ủy|Thành\s+ủy|HĐND|Hội\s+đồng\s+nhân\s+dân|Ban\s+Chỉ\s+đạo[^,.;\n]{0,60}?|"
    r"Sở\s+Lao\s+động[^,.;\n]{0,40}?|Huyện|Tỉnh|Thành\s+phố)"
    rf"(?P<level>\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|TP\.?))?(?P<name>\s+{_NAME})?"
    r"\s+(?:đã\s+)?(?:chính\s+thức\s+)?(?:ban\s+hành|đề\s+ra|đưa\s+ra|phê\s+duyệt|ký|xây\s+dựng\s+kế\s+hoạch)",
)
_SOURCE_LINE = re.compile(r"^\s*(?:source|nguồn)\s*:\s*(?P<who>.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def _iso(day, month, year) -> str:
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


def _province_names():
    try:
        from study import provinces

        names = {}
        for unit in provinces.units("63"):
            names[unit.name_vi] = unit.name_vi
        reg = provinces.registry()
        alias_file = reg.admin_dir / "aliases.csv"
        if alias_file.exists():
            with alias_file.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    alias = nfc(row.get("alias", ""))
                    if row.get("regime") == "63" and len(alias) > 3 and alias[0].isupper() and " " in alias:
                        names[alias] = reg.get(row["code"], "63").name_vi
        return names
    except Exception:  # the registry is optional for extraction
        return {}


def _resolve_province(name: str) -> str:
    try:
        from study import provinces

        return provinces.resolve(name, "63").name_vi
    except Exception:
        return ""


def _metadata(doc: _Doc, doc_id: str, source: str) -> dict:
    text, content = doc.text, doc.content
    lines = [(s, e, line) for s, e, line in line_spans(content) if line.strip()]
    title = lines[0][2].strip() if lines else ""
    head = content[: (lines[0][0] if lines else 0) + 1500]
    lead_end = doc.sentences[1][1] if len(doc.sentences) > 1 else len(content)
    lead = content[: max(lead_end, 0)]
    # when menus, banners or a note come first, add the headline (the first line of six words or more
    # that is not a sentence, a banner in capitals or a menu) and the first sentence of twenty words
    for _s, _e, line in lines[:12]:
        words = line.split()
        if (len(words) >= 6 and not line.rstrip().endswith(".") and not line.isupper() and "|" not in line
                and "   " not in line.strip() and line.count(" - ") < 2):
            lead += "\n" + line.strip()
            break
    long_first = next((content[a:b] for a, b in doc.sentences if len(content[a:b].split()) >= 20), "")
    lead += "\n" + long_first
    notes = []
    # kind
    kind = "article"
    for name, pattern in _KIND_PATTERNS:
        if re.search(pattern, lead, re.IGNORECASE | re.MULTILINE):
            kind = name
            break
    if title.endswith(".") and len(title.split()) > 12:
        m = re.search(r"(Kế\s+hoạch|Văn\s+bản\s+kết\s+luận|Chỉ\s+thị|Nghị\s+quyết)\s+[^.]*", title)
        if m and kind != "article":
            title = m.group(0).strip()
            notes.append("the text has no headline; the title is the name the text gives the document")
    title = title.strip().lstrip("\ufeff")
    # dates
    doc_date, date_note = "", ""
    m = _ISSUE_DATE.search(text[:3000])
    if m:
        d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else (
            m.group("d2"), m.group("m2"), m.group("y2"))
        doc_date, date_note = _iso(d, mo, y), "date of the document as stated in the text"
    if not doc_date:
        for _s, _e, line in list(line_spans(text))[:20]:
            lm = _LINE_DATE.match(line)
            if lm and len(line.split()) <= 6 or (lm and re.search(r"view|lượt", line, re.IGNORECASE)):
                doc_date, date_note = _iso(lm["d"], lm["m"], lm["y"]), "page date shown under the headline"
                break
    um = _UPDATE_DATE.search(text)
    if um:
        update = _iso(um["d"], um["m"], um["y"])
        if doc_date:
            date_note += f"; web page updated {update}"
        else:
            doc_date, date_note = update, "web page update date (no date of the document in the text)"
    if not date_note:
        date_note = "no date in the text"
    try:
        doc_year = int(doc_date[:4]) if doc_date else None
    except ValueError:
        doc_year = None
    # the year the document is about, from its title or first sentence ("Kế hoạch ... năm 2024")
    programme_year = None
    first_end = doc.sentences[0][1] if doc.sentences else 0
    for ym in re.finditer(rf"năm\s+({_YR})", doc.years_text[:first_end]):
        if not re.search(r"(đến|tới|so\s+với|từ)\s+(hết\s+|cuối\s+)?$", doc.years_text[:ym.start()],
                         re.IGNORECASE):
            programme_year = int(ym.group(1))
            break
    if programme_year is None:  # "... ban hành Kế hoạch thực hiện Chương trình ... năm 2024" near the top
        for ym in re.finditer(rf"(?:Kế\s+hoạch|Chương\s+trình|Chỉ\s+thị|Nghị\s+quyết|Kết\s+luận|Báo\s+cáo)"
                              rf"[^,.;:\n\d]{{0,120}}?(?<!đến\s)(?<!tới\s)(?<!từ\s)năm\s+({_YR})",
                              doc.years_text[:700]):
            programme_year = int(ym.group(1))
            break
    if doc_year is None:
        doc_year = programme_year
    # locality
    counts = {}
    for name, canonical in _province_names().items():
        n = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", content))
        if n:
            counts[canonical] = counts.get(canonical, 0) + n
    province = max(counts, key=lambda k: counts[k]) if counts else ""
    province = _resolve_province(province) if province else ""
    district = ""
    dm = re.search(rf"(?<!\w)(?:[Hh]uyện(?:\s+[uủ]y)?|UBND\s+huyện|[UỦ]y\s+ban\s+nhân\s+dân\s+huyện)\s+({_NAME})", lead)
    generic_district = len(re.findall(rf"(?<!\w)huyện(?!\s+[{_UPPER}])(?!\s*,\s*thành)", content))
    generic_province = len(re.findall(rf"(?<!\w)tỉnh(?!\s+[{_UPPER}])", content))
    if dm and generic_district > generic_province:
        district = dm.group(1)
    level = "district" if district else "province"
    locality = district or province
    # issuer
    issuer = ""
    im = _ISSUER.search(head)
    if im:
        stop = im.end("name") if im.group("name") else (im.end("level") if im.group("level") else im.end("body"))
        issuer = " ".join(head[im.start():stop].split())
        if not im.group("name"):
            if im.group("level") and locality:
                issuer += f" {locality}"
            elif not im.group("level") and im.group("body") in ("UBND", "HĐND") and locality:
                issuer += (" huyện " if level == "district" else " tỉnh ") + locality
    if not issuer:
        sm = _SOURCE_LINE.search(text)
        if sm:
            issuer = sm.group("who")
            notes.append("issuer is the publisher named as source")
    return {
        "doc_id": doc_id, "title": title, "locality": locality, "locality_level": level,
        "province": province, "district": district, "issuer": issuer, "doc_date": doc_date,
        "date_note": date_note, "kind": kind, "language": "vi", "source": source, "source_url": "",
        "note": "; ".join(["proposed by study extract, to be reviewed", *notes]),
        "_doc_year": doc_year, "_programme_year": programme_year,
    }


# ---------------------------------------------------------------------------------------------
# facts
# ---------------------------------------------------------------------------------------------
def _read_quantity(doc: _Doc, m: re.Match) -> Quantity | None:
    t = doc.numbers_text
    a = parse_number(m.group("a"))
    b = parse_number(m.group("b")) if m.group("b") else None
    end = m.end()
    sep = m.group("sep")
    if b is not None and sep in ("đến", "tới") and 1900 <= b <= 2100 and float(b).is_integer() and "%" not in (
            m.group("pa") or ""):
        # "tăng 5% đến 2025": the second number is a year, not the end of a range
        b, end = None, m.end("a") + len(m.group("pa") or "")
    rest = t[end:end + 80]
    unit, factor, per_year, after = "", 1.0, False, ""
    if m.group("pa") and b is None:
        unit = "pct"
        pm = re.match(r"\s*/\s*năm", rest)
        if pm:
            per_year, end = True, end + pm.end()
    elif rest.startswith("%") or re.match(r"\s*%", rest):
        pm = re.match(r"\s*%(\s*/\s*năm)?", rest)
        unit, per_year, end = "pct", bool(pm.group(1)), end + pm.end()
    else:
        mm = _MULT.match(rest)
        offset = 0
        multiplier = ""
        if mm:
            multiplier = " ".join(mm.group("m").lower().split())
            offset = mm.end()
        cm = _COUNT_UNIT.match(rest, offset)
        if cm and (not multiplier or multiplier in _COUNT_FACTOR):
            unit = _UNIT_KIND[" ".join(cm.group("u").lower().split())]
            factor = _COUNT_FACTOR.get(multiplier, 1.0)
            end += cm.end()
        elif multiplier in _MONEY_FACTOR:
            cur = _CURRENCY.match(rest, offset)
            unit, factor = "money", _MONEY_FACTOR[multiplier]
            end += cur.end() if cur else offset
        else:
            cur = _CURRENCY.match(rest)
            if cur and not multiplier:
                unit, factor, end = "money", 1e-9, end + cur.end()
        if unit == "money" and re.match(r"\s*/", t[end:end + 3]):
            return None  # a rate per person or month, not an amount
    if not unit:
        return None
    values = [a] if b is None else [a, b]
    if any(1900 <= v <= 2100 and float(v).is_integer() for v in values) and unit in ("count", "tasks"):
        return None
    values = [round(v * factor, 6) for v in values]
    start = m.start()
    before = t[max(0, start - 25):start]
    qualifier, qual_start = "", start
    fm = re.search(r"(?<!\w)từ\s*$", before, re.IGNORECASE)
    if fm and b is None and unit != "pct":
        qualifier, qual_start = "ít nhất", start - (len(before) - fm.start())
    elif fm:
        qual_start = start - (len(before) - fm.start())
    qm = _QUALIFIER.search(t[max(0, qual_start - 25):qual_start])
    if qm:
        word = " ".join(qm.group("q").lower().split())
        qualifier = _QUALIFIER_MAP.get(word, word)
        qual_start = qual_start - (min(25, qual_start) - qm.start())
    if re.match(r"\s*trở\s+lên", t[end:end + 12], re.IGNORECASE):
        qualifier = "ít nhất"
    after = t[end:end + 60]
    quantity = Quantity(start=qual_start if fm and b is not None else start, end=end, qual_start=qual_start,
                        value=values[0] if b is None else None,
                        vmin=values[0] if b is not None else None, vmax=values[1] if b is not None else None,
                        unit=unit, per_year=per_year, qualifier=qualifier, after=after, is_range=b is not None)
    if quantity.vmin is not None and quantity.vmin > quantity.vmax:
        return None
    return quantity


def _last(pattern: re.Pattern, text: str):
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    return found


def _household_group(group: str | None) -> str:
    g = " ".join((group or "").lower().split())
    if "cận" in g and "nghèo" in g.replace("cận nghèo", ""):
        return "poor_near_poor"
    if "đa chiều" in g:
        return "poor_near_poor"
    if "cận" in g:
        return "near_poor"
    if "nghèo" in g:
        return "poor"
    return ""


def _classify(doc: _Doc, q: Quantity, sent: tuple[int, int]) -> tuple[str, str, str] | None:
    """Return ``(indicator, unit, label)`` for a quantity, or None when it is not a poverty fact."""
    t = doc.numbers_text
    c_start = clause_start(t, sent[0], q.qual_start)
    clause_before = t[c_start:q.qual_start]
    sentence_before = t[sent[0]:q.qual_start]
    near_before = t[max(sent[0], q.qual_start - 30):q.qual_start]
    after = q.after
    if q.unit == "pct":
        sm = re.match(r"\s*(?:tổng\s+)?số\s+hộ\s+(?:nghèo|cận\s+nghèo)", after, re.IGNORECASE)
        if sm and re.search(r"(?<!\w)giảm(?!\w)", clause_before, re.IGNORECASE):
            per_year = q.per_year or bool(_PER_YEAR.search(t[c_start:q.end + 40]))
            return "poor_households_reduction", "pct_per_year" if per_year else "pct_of_households_reduction", ""
        rm = re.match(r"\s*(?:(?:tỷ|tỉ)\s+lệ\s+)(?:hộ\s+)?(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|"
                      r"nghèo\s+đa\s+chiều|cận\s+nghèo|nghèo)", after, re.IGNORECASE)
        if rm:  # "giảm 1,5 - 2% tỷ lệ hộ nghèo"
            group = _household_group(rm.group("grp"))
            if re.search(r"(?<!\w)giảm(?!\w)", near_before, re.IGNORECASE):
                unit = "pp_per_year" if q.per_year or _PER_YEAR.search(t[c_start:q.end + 40]) else "pp"
                if group == "poor":
                    return "poor_rate_reduction_pp", unit, ""
                return "other", unit, f"{group}_rate_reduction_pp"
            return None
        if re.match(r"\s*(?:dân\s+số|diện\s+tích|số\s+dân)(?!\w)", after, re.IGNORECASE):
            return None  # "80% dân số là đồng bào dân tộc thiểu số": a demographic share
        wm = re.match(r"\s+([^\W\d]\w*)", after)
        share_is = (wm and wm.group(1).lower() == "là" and not _last(_RATE, clause_before)
                    and re.search(r"(?:hộ|người)\s+(?:cận\s+)?nghèo", t[q.end:clause_end(t, q.end, sent[1])],
                                  re.IGNORECASE))
        if wm and (wm.group(1).lower() not in _SHARE_STOP or share_is) and not q.per_year:
            span = t[q.end:clause_end(t, q.end, sent[1])][:160]
            for pattern, label in _OTHER_PCT_LABELS:
                if re.search(pattern, span, re.IGNORECASE) or (
                        label == "public_investment_plan_pct" and re.search(pattern, near_before + span,
                                                                            re.IGNORECASE)):
                    return "other", "pct", label
            return "other", "pct", "share_pct"
        rate = _last(_RATE, clause_before) or _last(_RATE, sentence_before)
        if rate is None:
            return None
        base = clause_before if rate.string is clause_before else sentence_before
        group = ""
        if rate.group("link"):
            mention = _last(_HOUSEHOLD_MENTION, base[: rate.start()])
            group = _household_group(mention.group("grp")) if mention else ""
            if not group and rate.group("link").lower() == "chiếm" and len(base) - rate.end() <= 15 and re.search(
                    r"(?<!\w)(?:vốn|kinh\s+phí|ngân\s+sách|nguồn\s+lực)(?!\w)",
                    base[max(0, rate.start() - 60):rate.start()], re.IGNORECASE):
                return "other", "pct", "funding_share_pct"  # "vốn ngân sách nhà nước chiếm khoảng 60%"
            if not group or len(base) - rate.end() > 15:
                return None
        else:
            group = _household_group(rate.group("grp"))
            if not group:
                tail = base[rate.end():].strip().lower()
                if tail and not re.match(r"(\d|là|đạt|còn|chỉ|ở|khoảng|trên|dưới|hơn|gần|giảm|tăng|xuống|"
                                         r"của|toàn|chung|bình\s+quân|năm|cuối|đến)", tail):
                    return None  # a rate of something else ("tỷ lệ lao động qua đào tạo")
                mention = _last(_HOUSEHOLD_MENTION, base[: rate.start()])
                group = _household_group(mention.group("grp")) if mention else ""
                if not group:
                    return None
        window = base[max(0, rate.start() - 20):]
        verbs = list(re.finditer(r"(?<!\w)(giảm|còn|xuống|ở\s+mức|tăng|lên)(?!\w)", window, re.IGNORECASE))
        reduction = bool(verbs) and verbs[-1].group(1).lower() == "giảm"
        increase = bool(verbs) and verbs[-1].group(1).lower() in ("tăng", "lên")
        per_year = q.per_year or bool(re.search(r"mỗi\s+năm|hằng\s+năm|hàng\s+năm|bình\s+quân",
                                                window, re.IGNORECASE))
        if increase:
            return None
        if reduction:
            unit = "pp_per_year" if per_year else "pp"
            if group == "poor":
                return "poor_rate_reduction_pp", unit, ""
            return "other", unit, f"{group}_rate_reduction_pp"
        return f"{group}_rate_pct", "pct", ""
    if q.unit == "households":
        hm = re.match(r"\s*(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|nghèo,\s+(?:hộ\s+)?cận\s+nghèo|cận\s+nghèo|"
                      r"mới\s+thoát\s+nghèo|thoát\s+nghèo|nghèo|tái\s+nghèo|phát\s+sinh)?", after, re.IGNORECASE)
        grp = " ".join((hm.group("grp") or "").lower().split())
        reduced = re.search(r"(?<!\w)giảm(\s+(được|thêm|tương\s+ứng|khoảng))*\s*(từ\s*)?$", near_before,
                            re.IGNORECASE) or (
            # "giảm 3,3%, tương ứng 640 hộ": the same fall counted in households
            re.search(r"(tương\s+ứng|tương\s+đương)\s*(với\s+)?$", near_before, re.IGNORECASE)
            and re.search(r"(?<!\w)giảm(?!\w)", clause_before, re.IGNORECASE))
        if grp == "thoát nghèo":
            return "other", "households", "households_exited_poverty"
        if grp in ("mới thoát nghèo", "tái nghèo", "phát sinh"):
            return "other", "households", grp.replace(" ", "_") + "_households"
        if grp == "nghèo" and (re.match(r"\s*nghèo\s+(?:phát\s+sinh\s+)?mới(?!\w)", after, re.IGNORECASE)
                               or re.search(r"phát\s+sinh\s*(?:thêm\s+|mới\s+)?$", near_before, re.IGNORECASE)):
            return "other", "households", "new_poor_households"
        if _HOUSING.search(clause_before):
            return "houses_supported", "households", ""
        group = _household_group(grp)
        # "hỗ trợ tiền điện cho 5.320 hộ nghèo": households reached by a support, not the number of poor
        if group and re.search(r"(?<!\w)cho\s*$", near_before, re.IGNORECASE) and re.search(
                r"hỗ\s+trợ|trao|tặng|cấp|chi\s+trả|giải\s+ngân|cho\s+vay|vay\s+vốn", clause_before, re.IGNORECASE):
            span = clause_before + after[:40]
            for pattern, label in ((r"tiền\s+điện", "electricity_support_households"),
                                   (r"vay|tín\s+dụng|giải\s+ngân", "credit_loans_households"),
                                   (r"trợ\s+cấp|trợ\s+giúp", "social_assistance_households")):
                if re.search(pattern, span, re.IGNORECASE):
                    return "other", "households", label
            return "other", "households", "supported_households"
        if not grp:  # "số hộ cận nghèo là 1.947 hộ", "tổng số hộ nghèo của huyện theo ... là 1.980 hộ"
            sm = re.search(r"số\s+hộ\s+(?P<grp>cận\s+nghèo|nghèo)(?:\s+(?:là|còn|có|đạt)|[^\d;:]{0,120}?\s(?:là|còn))?"
                           r"\s*(?:khoảng|hơn|gần|trên|dưới)?\s*$",
                           t[max(sent[0], q.qual_start - 160):q.qual_start], re.IGNORECASE)
            if sm:
                group = _household_group(sm.group("grp"))
        if reduced and group in ("poor", "") and re.search("nghèo", t[sent[0]:sent[1]]):
            return "poor_households_reduction", "households", ""
        if group == "poor":
            return "poor_households", "households", ""
        if group == "near_poor":
            return "near_poor_households", "households", ""
        if group == "poor_near_poor":
            return "other", "households", "poor_near_poor_households"
        label = "social_assistance_households" if re.search(r"trợ\s+cấp|trợ\s+giúp", t[sent[0]:sent[1]],
                                                            re.IGNORECASE) else "households_count"
        return "other", "households", label
    if q.unit == "houses":
        return "houses_supported", "houses", ""
    if q.unit == "workers":
        return "workers_supported", "workers", ""
    if q.unit == "people":
        if re.search(r"việc\s+làm|học\s+nghề|đào\s+tạo\s+nghề|xuất\s+khẩu\s+lao\s+động",
                     t[max(c_start, q.qual_start - 60):q.qual_start], re.IGNORECASE):
            return "workers_supported", "people", ""
        label = "social_assistance_people" if re.search(r"trợ\s+cấp|trợ\s+giúp", t[sent[0]:sent[1]],
                                                        re.IGNORECASE) else "people_count"
        return "other", "people", label
    if q.unit == "money":
        return "budget_billion_vnd", "billion_vnd", ""
    if q.unit == "districts":
        exit_words = re.search(r"thoát\s+khỏi|ra\s+khỏi|thoát\s+nghèo", clause_before + after[:30], re.IGNORECASE)
        label = "poor_district_list_exit" if exit_words else "districts_count"
        return "other", "districts", label
    if q.unit == "communes":
        return "other", "communes", "communes_count"
    if q.unit == "tasks":
        return "other", "count", "tasks_count"
    if q.unit == "count":
        return "other", "count", "count"
    return None


_POVERTY_WORDS = re.compile(r"nghèo|khó\s+khăn|thoát|trợ\s+cấp|trợ\s+giúp|hỗ\s+trợ|ưu\s+tiên|hưởng|bảo\s+trợ|"
                            r"chính\s+sách|vay|nhà|việc\s+làm|đào\s+tạo|kế\s+hoạch|ngân\s+sách|vốn|quỹ|"
                            r"người\s+có\s+công|an\s+sinh|bảo\s+hiểm|học\s+phí|đối\s+tượng",
                            re.IGNORECASE)
_ECONOMY_WORDS = re.compile(r"GRDP|GDP|thu\s+nhập|doanh\s+thu|kim\s+ngạch|tổng\s+sản\s+phẩm|thu\s+ngân\s+sách|"
                            r"giá\s+trị\s+sản\s+xuất|tăng\s+trưởng|dân\s+số|diện\s+tích|sản\s+lượng",
                            re.IGNORECASE)


def _relevant(t: str, q: Quantity, indicator: str, unit: str, sent: tuple[int, int]) -> bool:
    """Whether a number is about poverty reduction (rates always are; counts and money need context)."""
    if indicator.endswith("_rate_pct") or indicator.endswith("_reduction_pp") or indicator in (
            "poor_households", "near_poor_households", "poor_households_reduction"):
        return True
    c0, c1 = clause_start(t, sent[0], q.qual_start), clause_end(t, q.end, sent[1])
    near_before = t[max(c0, q.qual_start - 60):q.qual_start]
    if _ECONOMY_WORDS.search(near_before):
        return False
    return bool(_POVERTY_WORDS.search(t[c0:c1]))


def _scope(doc: _Doc, meta: dict, q_start: int, sent: tuple[int, int]) -> str:
    t = doc.numbers_text
    before = t[max(sent[0], q_start - 90):q_start]
    if re.search(r"dân\s+tộc\s+thiểu\s+số|DTTS", before, re.IGNORECASE):
        return "ethnic_minority"
    if re.search(r"các\s+huyện\s+nghèo|huyện\s+nghèo\s+(?:của|trên)", before, re.IGNORECASE):
        return "poor_districts"
    if re.search(r"cả\s+nước|toàn\s+quốc", before, re.IGNORECASE):
        return "national"
    sub = _last(_SUBUNIT, doc.content[max(sent[0], q_start - 90):q_start])
    if sub:
        level = " ".join(sub.group("level").lower().split())
        name = sub.group("name")
        if meta["locality_level"] == "province" and level in ("huyện", "thị xã"):
            return f"district:{name}"
        if level == "xã":
            return f"commune:{name}"
    return meta["locality_level"]


def _year_for(doc: _Doc, exprs: list[YearExpr], q: Quantity, sent: tuple[int, int]):
    """Return ``(year, year_end, how)`` for a quantity."""
    t = doc.years_text
    pm = re.match(rf"\s*\(\s*năm\s+({_YR})\s*\)", t[q.end:q.end + 20])
    if pm:
        return int(pm.group(1)), None, ""
    am = re.match(rf"\s*(?:vào\s+|trong\s+)?(?:cuối\s+|hết\s+)?năm\s+({_YR})", t[q.end:q.end + 30])
    if am:
        return int(am.group(1)), None, ""
    best = None
    for e in exprs:
        if e.start >= sent[0] and e.end <= q.qual_start and e.kind not in ("compare", "term", "paren"):
            best = e
    if best is None:
        return None, None, ""
    if best.kind == "now":
        if best.year is None:
            return None, None, ""
        return best.year, None, "year inferred from 'đến nay'/'hiện nay' and the document date"
    if best.kind == "since":
        if best.year_end is None:
            return best.year, None, ""
        return best.year, best.year_end, "year_end inferred from 'đến nay' and the document date"
    return best.year, best.year_end, ""


def _year_fallback(doc: _Doc, meta: dict, exprs: list[YearExpr], q: Quantity, sent: tuple[int, int], kind: str,
                   pairs: list[tuple[int, int, int | None, int | None]]):
    """Return ``(year, year_end, how)`` for a quantity whose sentence names no year before it, or None.

    In order: an average per year right after a 'từ … xuống …' pair takes the pair's years; a target takes
    'đến (cuối) năm YYYY' later in its sentence; then the last year named earlier in the same paragraph
    (results are reported paragraph by paragraph, the year stated once at the top); then, for results,
    the year of the document. Targets take no year from other sentences.
    """
    t = doc.years_text
    if q.per_year:
        for a, b, ya, yb in pairs:
            if sent[0] <= a and b <= q.qual_start and ya and yb and not any(
                    b <= e.start < q.qual_start and e.kind not in ("compare", "term") for e in exprs):
                return ya, yb, "period of the 'từ … xuống …' pair before it"
    if kind == "target":
        hm = re.search(rf"(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+({_YR})", t[q.end:sent[1]], re.IGNORECASE)
        if hm:
            return int(hm.group(1)), None, "year from 'đến năm …' later in the sentence"
    if kind == "target":
        return None
    para = t.rfind("\n", 0, sent[0]) + 1
    best = None
    for e in exprs:
        if para <= e.start and e.end <= sent[0] and e.kind not in ("compare", "term") and e.year:
            best = e
    if best is not None:
        return best.year, best.year_end, "year inferred from an earlier sentence of the paragraph"
    return None


def _evidence(text: str, start: int, end: int, lo: int, hi: int, left: int = 4, right: int = 2) -> tuple[int, int]:
    """Return a span of at most 12 words around ``[start, end)`` within ``[lo, hi)``, unique if possible."""
    tokens = [m.span() for m in re.finditer(r"\S+", text[lo:hi])]
    tokens = [(a + lo, b + lo) for a, b in tokens]
    if not tokens:
        return start, end
    first = next((i for i, (a, b) in enumerate(tokens) if b > start), 0)
    last = max((i for i, (a, b) in enumerate(tokens) if a < end), default=first)
    core = last - first + 1
    if core > MAX_WORDS:
        last = first + MAX_WORDS - 1
    i0 = max(0, first - left)
    i1 = min(len(tokens) - 1, last + right)
    while i1 - i0 + 1 > MAX_WORDS:
        if i0 < first:
            i0 += 1
        else:
            i1 -= 1
    span = (tokens[i0][0], tokens[i1][1])
    while text.count(text[span[0]:span[1]]) > 1 and i1 - i0 + 1 < MAX_WORDS:
        if i0 > 0:
            i0 -= 1
        elif i1 < len(tokens) - 1:
            i1 += 1
        else:
            break
        span = (tokens[i0][0], tokens[i1][1])
    a, b = span
    evidence = text[a:b]
    # trim punctuation that belongs to the surrounding text
    stripped = evidence.rstrip(",;:(“\"")
    b -= len(evidence) - len(stripped)
    evidence = text[a:b]
    lstripped = evidence.lstrip(",;:)”\"")
    a += len(evidence) - len(lstripped)
    return a, b


def _fact(doc: _Doc, meta: dict, **values) -> dict:
    row = {c: "" for c in schemas.FACTS.columns}
    row.update({k: v for k, v in values.items() if k in row})
    row["doc_id"] = meta["doc_id"]
    row["source"] = meta["source"]
    a, b = values["_ev"]
    row["evidence"] = doc.text[a:b]
    row["char_start"], row["char_end"] = a, b
    row["_pos"] = values.get("_pos", a)
    for column in ("value", "value_min", "value_max", "year", "year_end"):
        if row[column] == "":
            row[column] = None
    return row


def _extract_facts(doc: _Doc, meta: dict) -> list[dict]:
    t = doc.numbers_text
    doc_year = meta["_doc_year"]
    default_kind = "target" if meta["kind"] in ("plan", "directive", "resolution") else "actual"
    exprs = _year_exprs(doc.years_text, doc_year)
    facts: list[dict] = []
    taken: list[tuple[int, int]] = []
    pairs: list[tuple[int, int, int | None, int | None]] = []

    def clause_bounds(pos, sent):
        return clause_start(t, sent[0], pos), clause_end(t, pos, sent[1])

    # 1. "từ X% xuống còn Y%": a baseline and a result
    for m in _FROM_TO.finditer(doc.years_text):
        sent = doc.sentence_of(m.start())
        before = t[sent[0]:m.start()]
        unit = "pct" if (m.group("ua") or m.group("ub")) else (
            "households" if (m.group("ha") or m.group("hb")) else "")
        if not unit:
            q_unit = _COUNT_UNIT.match(t, m.end())
            if not q_unit or _UNIT_KIND.get(" ".join(q_unit.group("u").lower().split())) != "households":
                continue
            unit = "households"
        if unit == "pct":
            rate = _last(_RATE, before)
            group = ""
            if rate is not None and not rate.group("link"):
                group = _household_group(rate.group("grp"))
                if not group:
                    mention = _last(_HOUSEHOLD_MENTION, before)
                    group = _household_group(mention.group("grp")) if mention else ""
            if not group:
                continue
            indicator = f"{group}_rate_pct"
        else:
            grp = _household_group((m.group("ha") or "") + (m.group("hb") or "") + t[m.end():m.end() + 15])
            if not grp:  # "Số hộ nghèo giảm từ 2.100 hộ xuống còn 1.690 hộ"
                mention = _last(_HOUSEHOLD_MENTION, t[max(sent[0], m.start() - 40):m.start()])
                grp = _household_group(mention.group("grp")) if mention else ""
            indicator = {"poor": "poor_households", "near_poor": "near_poor_households"}.get(grp, "")
            if not indicator:
                continue
        qb = Quantity(m.start("b"), m.end(), m.start("b"), None, None, None, unit)
        year_b, _, how = _year_for(doc, exprs, qb, sent)
        if m.group("y2"):
            year_b = int(m.group("y2"))
        if year_b is None:
            fb = _year_fallback(doc, meta, exprs, qb, sent, "actual", [])
            if fb:
                year_b, _, how = fb
        if year_b is None and meta["_programme_year"]:
            year_b, how = meta["_programme_year"], f"year inferred: document about {meta['_programme_year']}"
        if m.group("y1"):
            year_a = int(m.group("y1"))
        else:
            compare = [e for e in exprs if sent[0] <= e.start < sent[1] and e.kind == "compare"]
            year_a = compare[-1].year if compare else (year_b - 1 if year_b else None)
        pairs.append((m.start(), m.end(), year_a, year_b))
        kind_b, _ = _kind_from_cues(before, doc_year, "actual")
        lo, hi = clause_bounds(m.start(), sent)
        ev = _evidence(doc.text, m.start(), m.end(), sent[0], sent[1], left=0, right=0)
        scope = _scope(doc, meta, m.start(), sent)
        note_a = "start of a 'từ ... xuống' pair" + ("" if m.group("y1") or not year_a else
                                                      "; year from 'so với' or the year before the result")
        facts.append(_fact(doc, meta, indicator=indicator, value=parse_number(m.group("a")), unit=unit,
                           year=year_a, kind="baseline", scope=scope, _ev=ev, _pos=m.start("a"), note=note_a))
        facts.append(_fact(doc, meta, indicator=indicator, value=parse_number(m.group("b")), unit=unit,
                           year=year_b, kind=kind_b, scope=scope, _ev=ev, _pos=m.start("b"),
                           note="end of a 'từ ... xuống' pair" + (f"; {how}" if how else "")))
        taken.append(m.span())

    # 2. numbers with units
    quantities = []
    for m in _QTY.finditer(t):
        if any(a <= m.start() < b for a, b in taken):
            continue
        q = _read_quantity(doc, m)
        if q is not None:
            quantities.append(q)
    previous = None
    for q in quantities:
        sent = doc.sentence_of(q.start)
        if sent[0] == sent[1]:
            continue
        classified = _classify(doc, q, sent)
        if classified is None:
            continue
        indicator, unit, label = classified
        if not _relevant(t, q, indicator, unit, sent):
            continue
        before = t[sent[0]:q.qual_start]
        if label == "tasks_count":
            kind, cue = "actual", ""
        else:
            kind, cue = _kind_from_cues(before, doc_year, default_kind)
        year, year_end, how = _year_for(doc, exprs, q, sent)
        if q.per_year or year is None:
            fb = _year_fallback(doc, meta, exprs, q, sent, kind, pairs)
            if fb and (year is None or fb[2].startswith("period")):
                year, year_end, how = fb
        scope = _scope(doc, meta, q.qual_start, sent)
        notes = []
        # a target quoted in brackets right after a national decision: a national target for its period
        paren = t.rfind("(", sent[0], q.start)
        if paren >= 0 and t.find(")", paren, q.start) < 0:
            ref_window = doc.text[max(sent[0], paren - 160):paren]
            known = [(k, v) for k, v in doc.terms.decisions.items()
                     if re.search(re.escape(k), _decision_key(ref_window))]
            if known or re.search(r"QĐ-TTg|Thủ\s+tướng|Chính\s+phủ", ref_window):
                scope = "national"
                notes.append("target of a national programme quoted in brackets")
                if known and known[-1][1].get("period"):
                    year, year_end = known[-1][1]["period"]
                    how = "period of the national programme"
        if label == "tasks_count":
            year, year_end, how = None, None, ""  # a count describing the document itself
        if year is None and meta["_programme_year"] and scope != "national" and label != "tasks_count":
            year, how = meta["_programme_year"], f"year inferred: document about {meta['_programme_year']}"
        if year is None and kind in ("actual", "estimate") and meta["kind"] in ("article", "report") and (
                doc_year and label != "tasks_count" and scope != "national"):
            year, how = doc_year, "year inferred from the date of the article"
        if label:
            notes.insert(0, f"label={label}")
        if how:
            notes.append(how)
        if cue:
            notes.append(f"kind from '{cue}'")
        if q.qualifier == "ít nhất" and not re.search(r"ít\s+nhất", doc.numbers_text[q.qual_start:q.start]):
            notes.append("written 'từ ...' or '... trở lên' (at least)")
        lo, hi = clause_bounds(q.qual_start, sent)
        ev = _evidence(doc.text, q.qual_start, q.end + len(re.match(r"\s*(\S+)?", q.after).group(0)),
                       lo, hi)
        row = _fact(doc, meta, indicator=indicator, value=q.value, value_min=q.vmin, value_max=q.vmax,
                    unit=unit, year=year, year_end=year_end, kind=kind, scope=scope, qualifier=q.qualifier,
                    note="; ".join(notes), _ev=ev, _pos=q.start)
        # "giảm 5 - 6%, trên 3%": two readings of one statement
        if previous is not None and (previous["indicator"], previous["unit"]) == (indicator, unit) and re.fullmatch(
                r"\s*,\s*", t[previous["_end"]:q.qual_start]):
            row["flag"] = previous["flag"] = "ambiguous"
        row["_end"] = q.end
        facts.append(row)
        previous = row

    # 3. zero stated in words: "không còn hộ nghèo"
    for m in re.finditer(r"(?<!\w)không\s+còn\s+hộ\s+(?P<near>cận\s+)?nghèo(?!\w)", t, re.IGNORECASE):
        if re.match(r"\s*\(?\s*(?:bằng\s+)?0\s*%", t[m.end():m.end() + 15]):
            continue  # the numeral that follows is coded instead
        if re.search(r"\d\s+(?:xã|thôn|bản|ấp|làng|huyện|đơn\s+vị|khu\s+dân\s+cư)[^\d.;,]{0,30}$",
                     t[max(0, m.start() - 60):m.start()], re.IGNORECASE):
            continue  # "3 xã không còn hộ nghèo": a count of units, coded as that count
        sent = doc.sentence_of(m.start())
        q = Quantity(m.start(), m.end(), m.start(), 0.0, None, None, "households")
        before = t[sent[0]:m.start()]
        kind, cue = _kind_from_cues(before, doc_year, default_kind)
        year, year_end, how = _year_for(doc, exprs, q, sent)
        if year is None and meta["_programme_year"]:
            year, how = meta["_programme_year"], f"year inferred: document about {meta['_programme_year']}"
        lo, hi = clause_bounds(m.start(), sent)
        ev = _evidence(doc.text, m.start(), m.end(), lo, hi, left=5, right=0)
        facts.append(_fact(doc, meta, indicator="near_poor_households" if m.group("near") else "poor_households",
                           value=0.0, unit="households", year=year, year_end=year_end, kind=kind,
                           scope=_scope(doc, meta, m.start(), sent),
                           note="; ".join(x for x in ("zero stated in words", how) if x), _ev=ev))

    # 4. a national decision dated wrongly
    for m in re.finditer(
            rf"(?:Quyết\s+định|Nghị\s+định|Nghị\s+quyết)\s+(?:số\s+)?(?P<num>{_DOC_NUMBER})\s*,?\s+ngày\s+"
            r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+"
            r"(?P<y2>\d{4}))", doc.content):
        known = doc.terms.decisions.get(_decision_key(m.group("num")))
        if not known:
            continue
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        written = _iso(d, mo, y)
        if written == known.get("date"):
            continue
        facts.append(_fact(doc, meta, indicator="other", value=float(written.replace("-", "")),
                           unit="date_yyyymmdd", year=int(y), kind="actual", scope="national",
                           flag="date_error", _ev=m.span(),
                           note=f"label=referenced_decision_date; the text dates {m.group('num')} {written}; "
                                f"it is dated {known.get('date')}"))
    facts.sort(key=lambda f: (f["_pos"], f["char_start"]))
    for i, row in enumerate(facts, 1):
        row["fact_id"] = f"{meta['doc_id']}-f{i:02d}"
    return facts


# ---------------------------------------------------------------------------------------------
# measures
# ---------------------------------------------------------------------------------------------
def _extract_measures(doc: _Doc, meta: dict) -> list[dict]:
    text = doc.content
    difficult = []
    for start, end in doc.sentences:
        sentence = text[start:end]
        if any(p.search(sentence) for p in doc.terms.difficulty):
            difficult.append((start, end))
    rows = []
    for code in schemas.MEASURE_CODES:
        found = None
        for term, pattern in doc.terms.codes.get(code, []):
            for m in pattern.finditer(text):
                if any(a <= m.start() < b for a, b in difficult):
                    continue
                sent = doc.sentence_of(m.start())
                if sent[0] == sent[1]:
                    continue
                found = (term, m, sent)
                break
            if found:
                break
        if not found:
            continue
        term, m, sent = found
        lo, hi = clause_start(text, sent[0], m.start()), clause_end(text, m.end(), sent[1])
        n_words = len(text[m.start():m.end()].split())
        ev = _evidence(doc.text, m.start(), m.end(), lo, hi, left=0, right=max(0, 8 - n_words))
        row = {c: "" for c in schemas.MEASURES.columns}
        row.update(doc_id=meta["doc_id"], measure_code=code, evidence=doc.text[ev[0]:ev[1]], char_start=ev[0],
                   char_end=ev[1], note=f"matched term: {term}", source=meta["source"])
        rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# entry points
# ---------------------------------------------------------------------------------------------
def extract_text(text: str, doc_id: str = "doc", source: str = "", terms: Terms | None = None) -> Extraction:
    """Propose facts, measures and metadata for one text.

    Parameters
    ----------
    text : str
        The document text (normalised to NFC here; offsets refer to the NFC text).
    doc_id : str
        The document id written into every row.
    source : str
        The ``source`` column (file name or URL).
    terms : Terms, optional
        The compiled measure dictionary; by default :func:`load_terms` of the project file.

    Returns
    -------
    Extraction
        ``document`` (a row with the columns of :data:`study.schemas.DOCUMENTS`), ``facts`` and
        ``measures`` (rows with the columns of :data:`study.schemas.FACTS` and
        :data:`study.schemas.MEASURES`), and the NFC ``text``.
    """
    text = nfc(text)
    terms = terms or load_terms()
    doc = _Doc(text, terms)
    meta = _metadata(doc, doc_id, source or doc_id)
    facts = _extract_facts(doc, meta)
    measures = _extract_measures(doc, meta)
    for row in facts:
        for key in [k for k in row if k.startswith("_")]:
            del row[key]
    document = {c: meta.get(c, "") for c in schemas.DOCUMENTS.columns}
    return Extraction(document=document, facts=facts, measures=measures, text=text)


def extract_file(path: str | Path, terms: Terms | None = None, doc_id: str | None = None) -> Extraction:
    """Read a plain text, Markdown or HTML file and run :func:`extract_text` on it.

    ``doc_id`` defaults to the file name stem and ``source`` is the file name.

    Raises
    ------
    ExtractError
        If the file cannot be read as UTF-8 text.
    """
    path = Path(path)
    try:
        text, _fmt = read_text(path)
    except TextReadError as error:
        raise ExtractError(str(error)) from None
    return extract_text(text, doc_id=doc_id or path.stem, source=path.name, terms=terms)


# ---------------------------------------------------------------------------------------------
# output
# ---------------------------------------------------------------------------------------------
def _cell(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """Return ``rows`` as CSV text with ``columns`` (LF line ends, Python's minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c, "")) for c in columns])
    return buffer.getvalue()


def to_json(result: Extraction) -> str:
    """Return one document's proposals as JSON (document, facts, measures)."""
    payload = {"document": result.document, "facts": result.facts, "measures": result.measures}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def write_outputs(result: Extraction, out_dir: Path, fmt: str = "csv") -> list[Path]:
    """Write ``<stem>.facts.csv``, ``<stem>.measures.csv``, ``<stem>.documents.csv`` (and ``.json``)."""
    stem = result.document["doc_id"]
    written = []
    for name, rows, table in (("facts", result.facts, schemas.FACTS), ("measures", result.measures,
                                                                        schemas.MEASURES),
                              ("documents", [result.document], schemas.DOCUMENTS)):
        path = Path(out_dir) / f"{stem}.{name}.csv"
        write_atomic(path, to_csv(rows, table.columns))
        written.append(path)
    if fmt == "json":
        path = Path(out_dir) / f"{stem}.json"
        write_atomic(path, to_json(result))
        written.append(path)
    return written


def _cmd_extract(args) -> int:
    try:
        terms = load_terms(args.terms)
    except ExtractError as error:
        print(f"study extract: error: {error}", file=sys.stderr)
        return 2
    failures = 0
    results = []
    for name in args.paths:
        try:
            results.append(extract_file(name, terms=terms))
        except ExtractError as error:
            print(f"study extract: error: {error}", file=sys.stderr)
            failures += 1
    if args.out:
        for result in results:
            written = write_outputs(result, Path(args.out), args.format)
            print(f"study extract: {result.document['source']}: {len(result.facts)} facts, "
                  f"{len(result.measures)} measures -> {', '.join(p.name for p in written)}", file=sys.stderr)
    elif args.format == "json":
        payload = [{"document": r.document, "facts": r.facts, "measures": r.measures} for r in results]
        sys.stdout.write(json.dumps(payload if len(payload) != 1 else payload[0], ensure_ascii=False, indent=2)
                         + "\n")
    else:
        sys.stdout.write(to_csv([f for r in results for f in r.facts], schemas.FACTS.columns))
        sys.stdout.write("\n")
        sys.stdout.write(to_csv([m for r in results for m in r.measures], schemas.MEASURES.columns))
    return 2 if failures else 0


def register(subparsers) -> argparse.ArgumentParser:
    """Add the ``extract`` subcommand to an :mod:`argparse` subparsers object and return its parser."""
    p = subparsers.add_parser(
        "extract", help="propose facts and measure codes from Vietnamese texts",
        description="Read plain text, Markdown or HTML files and propose rows for data/raw/documents "
                    "(facts, measures, documents) for a person to review.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="text (.txt), Markdown (.md) or HTML (.html) files")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    p.add_argument("--out", default=None, metavar="DIR",
                   help="write <stem>.facts.csv, <stem>.measures.csv, <stem>.documents.csv (and <stem>.json "
                        "with --format json) into DIR; default: print to standard output")
    p.add_argument("--terms", default=None, metavar="TOML",
                   help="measure dictionary (default data/dictionaries/measure_terms.toml)")
    p.set_defaults(func=_cmd_extract)
    return p


def main(argv=None) -> int:
    """Run ``extract`` as a stand-alone command (``python -m study.extract``)."""
    parser = argparse.ArgumentParser(prog="study")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["extract", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
