"""Quantities: a number with its unit (per cent, households, houses, workers, people, money ...).

:func:`read_quantity` reads what a number found by :data:`QUANTITY` counts, from the words right
after it, with the qualifier written before it (``hơn``, ``khoảng``, ``từ … trở lên``). Money is
converted to billions of đồng and ``nghìn``/``triệu`` counts are multiplied out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from study.extract.numbers import NUMBER_PATTERN as _NUM
from study.extract.numbers import YEAR_PATTERN as _YR
from study.extract.numbers import parse_number
from study.extract.vocabulary import (
    BARE_COUNT,
    PER_HEAD,
    QUALIFIER,
    QUALIFIER_MAP,
    UNIT_NAME,
    UNIT_NOUN,
    unit_noun_label,
)

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = ["COUNT_UNIT", "FROM_TO", "QUANTITY", "UNIT_KIND", "Quantity", "read_quantity"]

#: A number, a fraction (``15/19 xã``) or a range (``5 - 6%``, ``270 đến 330``), optionally with ``%``.
QUANTITY = re.compile(
    rf"(?<![\w.,/%-])(?P<a>{_NUM})(?:/(?P<of>{_NUM})(?=\s+[^\W\d]))?(?P<pa>\s*%)?"
    rf"(?:\s*(?P<sep>-|–|—|đến|tới)\s*(?P<b>{_NUM}))?(?![\w/]|[.,]\d)"
)
#: A fall or a rise written ``từ X xuống (còn) Y`` (or ``lên``), with optional units and years.
FROM_TO = re.compile(
    rf"(?P<verb>(?:giảm|tăng)(?:\s+(?:mạnh|nhanh|sâu))?\s+)?từ\s+(?:mức\s+)?(?P<a>{_NUM})(?P<ua>\s*%)?(?P<ha>\s+hộ(?:\s+(?:cận\s+)?nghèo)?)?"
    rf"(?P<ya>\s*(?:\(\s*(?:(?:đầu|cuối|hết)\s+)?(?:năm\s+)?|(?:(?:đầu|cuối|hết)\s+)?năm\s+)(?P<y1>{_YR})\s*\)?)?"
    r"\s*,?\s*(?:(?:đã|đều|được|tiếp\s+tục)\s+)*(?:(?:giảm|tăng)(?:\s+(?:mạnh|nhanh|sâu|dần))?\s+)?(?:xuống|lên)\s+"
    rf"(?:còn\s+|mức\s+)?(?:khoảng\s+|dưới\s+|hơn\s+)?(?P<b>{_NUM})(?P<ub>\s*%%?)?(?P<hb>\s+hộ(?:\s+(?:cận\s+)?nghèo)?)?"
    rf"(?P<yb>\s*(?:\(\s*(?:(?:đầu|cuối|hết)\s+)?(?:năm\s+)?|(?:vào\s+)?(?:(?:đầu|cuối|hết)\s+)?năm\s+)(?P<y2>{_YR})\s*\)?)?",
    re.IGNORECASE,
)
#: The noun that says what a number counts, and the kind of unit each noun gives.
COUNT_UNIT = re.compile(
    r"\s+(?P<u>căn\s+nhà|căn\s+hộ|ngôi\s+nhà|căn|nhà\s+ở|nhà(?!\s+(?:vệ|văn|máy|nước|trẻ|hàng|đầu|hảo))|"
    r"hộ\s+gia\s+đình|lượt\s+hộ|hộ|lượt\s+(?:người\s+)?lao\s+động|người\s+lao\s+động|lao\s+động|nhân\s+khẩu|"
    r"lượt\s+người|người|huyện|xã(?!\s+hội)|thôn|nhóm\s+nhiệm\s+vụ|nhóm\s+giải\s+pháp|nhiệm\s+vụ|giải\s+pháp|"
    r"mô\s+hình|tiểu\s+dự\s+án|dự\s+án|công\s+trình|suất\s+quà|phần\s+quà|suất|đối\s+tượng|lần(?!\s+thứ))(?!\w)",
    re.IGNORECASE,
)
#: The whole of a fraction written after the part's group (``793 hộ nghèo/53.904 hộ``).
_WHOLE_AFTER = re.compile(rf"\s+(?:cận\s+)?nghèo\s*/\s*(?P<of>{_NUM})\s+hộ(?!\w)", re.IGNORECASE)
MULTIPLIER = re.compile(
    r"\s+(?P<m>nghìn\s+tỷ|ngàn\s+tỷ|nghìn\s+tỉ|ngàn\s+tỉ|tỷ|tỉ|triệu|nghìn|ngàn)(?!\s*lệ)(?!\w)", re.IGNORECASE
)
CURRENCY = re.compile(r"\s*(?:đồng|VNĐ|VND|đ)(?!\w)", re.IGNORECASE)
UNIT_KIND = {
    "căn nhà": "houses",
    "căn hộ": "houses",
    "ngôi nhà": "houses",
    "căn": "houses",
    "nhà ở": "houses",
    "nhà": "houses",
    "hộ gia đình": "households",
    "hộ": "households",
    "lượt hộ": "households",
    "lao động": "workers",
    "người lao động": "workers",
    "lượt lao động": "workers",
    "lượt người lao động": "workers",
    "nhân khẩu": "people",
    "lượt người": "people",
    "người": "people",
    "huyện": "districts",
    "xã": "communes",
    "thôn": "count",
    "nhóm nhiệm vụ": "tasks",
    "nhóm giải pháp": "tasks",
    "nhiệm vụ": "tasks",
    "giải pháp": "tasks",
    "mô hình": "count",
    "suất quà": "count",
    "phần quà": "count",
    "suất": "count",
    "đối tượng": "people",
    "tiểu dự án": "count",
    "dự án": "count",
    "công trình": "count",
    "lần": "times",
}
MONEY_FACTOR = {
    "tỷ": 1.0,
    "tỉ": 1.0,
    "triệu": 0.001,
    "nghìn tỷ": 1000.0,
    "ngàn tỷ": 1000.0,
    "nghìn tỉ": 1000.0,
    "ngàn tỉ": 1000.0,
}
COUNT_FACTOR = {"triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3}


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
    of: float | None = None  # the whole of a fraction ("14.982/80.972 hộ", "872/1.167 tỷ đồng")
    label: str = ""  # unit "noun": the label of the noun of [cues.units]; unit "income": per year or month
    noun_unit: str = ""  # unit "noun": the coding guide's unit of that noun's family


def read_quantity(doc: Doc, m: re.Match) -> Quantity | None:
    """Return the quantity of a :data:`QUANTITY` match in ``doc.numbers_text``, or None without a unit.

    Parameters
    ----------
    doc : Doc
        The document.
    m : re.Match
        A match of :data:`QUANTITY`.

    Returns
    -------
    Quantity or None
        None when the number has no unit, when a count is a year, when an amount is a rate per person
        or month (``… đồng/người``), or when a range runs backwards.
    """
    t = doc.numbers_text
    a = parse_number(m.group("a"))
    b = parse_number(m.group("b")) if m.group("b") else None
    end = m.end()
    sep = m.group("sep")
    if (
        b is not None
        and sep in ("đến", "tới")
        and 1900 <= b <= 2100
        and float(b).is_integer()
        and "%" not in (m.group("pa") or "")
    ):
        # "tăng 5% đến 2025": the second number is a year, not the end of a range
        b, end = None, m.end("a") + len(m.group("pa") or "")
    rest = t[end : end + 80]
    unit, factor, per_year, after = "", 1.0, False, ""
    noun_unit, noun_label = "", ""
    if m.group("pa") and b is None:
        unit = "pct"
        pm = re.match(r"\s*/\s*năm", rest)
        if pm:
            per_year, end = True, end + pm.end()
    elif rest.startswith("%") or re.match(r"\s*%", rest):
        pm = re.match(r"\s*%(\s*/\s*năm)?", rest)
        unit, per_year, end = "pct", bool(pm.group(1)), end + pm.end()
    else:
        mm = MULTIPLIER.match(rest)
        offset = 0
        multiplier = ""
        if mm:
            multiplier = " ".join(mm.group("m").lower().split())
            offset = mm.end()
        cm = COUNT_UNIT.match(rest, offset)
        if cm and (not multiplier or multiplier in COUNT_FACTOR):
            unit = UNIT_KIND[" ".join(cm.group("u").lower().split())]
            factor = COUNT_FACTOR.get(multiplier, 1.0)
            end += cm.end()
        elif multiplier in MONEY_FACTOR:
            cur = CURRENCY.match(rest, offset)
            unit, factor = "money", MONEY_FACTOR[multiplier]
            end += cur.end() if cur else offset
        else:
            cur = CURRENCY.match(rest)
            if cur and not multiplier:
                unit, factor, end = "money", 1e-9, end + cur.end()
        if unit == "money" and re.match(r"\s*/", t[end : end + 3]):
            ph = PER_HEAD.match(t, end)
            if not ph:
                return None  # a rate per month or per unit, not an amount
            # "24,13 triệu đồng/người/năm": an amount per head, an income if its clause says so
            per = {"tháng": "month"}.get((ph.group("per") or "").lower(), "year")
            unit, noun_label, end = "income", f"per_person_{per}", ph.end()
        if not unit and UNIT_NOUN is not None and (not multiplier or multiplier in COUNT_FACTOR):
            nm = UNIT_NOUN.match(rest, offset)
            if nm and not UNIT_NAME.match(rest, nm.end()):  # "67 tấn xi măng": a noun of [cues.units]
                unit, factor, end = "noun", COUNT_FACTOR.get(multiplier, 1.0), end + nm.end()
                noun_unit, noun_label = unit_noun_label(" ".join(nm.group("u").split()))
    if not unit and b is None and BARE_COUNT.search(t, max(0, m.start() - 80), m.start()):
        if re.match(r"\s*(?:[,;.)]|$)", rest) and not (1900 <= a <= 2100 and float(a).is_integer()):
            unit = "households"  # "Số hộ cận nghèo đồng bào DTTS là 24.839, chiếm …": the noun said before
    if not unit:
        return None
    values = [a] if b is None else [a, b]
    if any(1900 <= v <= 2100 and float(v).is_integer() for v in values) and unit in ("count", "tasks", "noun"):
        return None
    values = [round(v * factor, 6) for v in values]
    start = m.start()
    before = t[max(0, start - 25) : start]
    qualifier, qual_start = "", start
    fm = re.search(r"(?<!\w)từ\s*$", before, re.IGNORECASE)
    to = re.match(rf"[^.;]{{0,40}}?(?<!\w)(?:xuống|lên)\s+(?:còn\s+|mức\s+)?(?:\w+\s+)?{_NUM}", t[end : end + 70])
    if fm and b is None and unit != "pct" and not to:  # not the start of "từ X hộ, … xuống còn Y hộ"
        qualifier, qual_start = "ít nhất", start - (len(before) - fm.start())
    elif fm:
        qual_start = start - (len(before) - fm.start())
    qm = QUALIFIER.search(t[max(0, qual_start - 25) : qual_start])
    if qm:
        word = " ".join(qm.group("q").lower().split())
        qualifier = QUALIFIER_MAP.get(word, word)
        qual_start = qual_start - (min(25, qual_start) - qm.start())
    if re.match(r"\s*trở\s+lên", t[end : end + 12], re.IGNORECASE):
        qualifier = "ít nhất"
    after = t[end : end + 60].split("\n")[0]  # the words after the unit, on the same line
    of = parse_number(m.group("of")) if m.group("of") else None
    wm = _WHOLE_AFTER.match(t, end) if unit == "households" and of is None and b is None else None
    if wm:  # "793 hộ nghèo/53.904 hộ": the part, its group, and the whole it is a part of
        of = parse_number(wm.group("of"))
    quantity = Quantity(
        start=qual_start if fm and b is not None else start,
        end=end,
        qual_start=qual_start,
        value=values[0] if b is None else None,
        vmin=values[0] if b is not None else None,
        vmax=values[1] if b is not None else None,
        unit=unit,
        per_year=per_year,
        qualifier=qualifier,
        after=after,
        is_range=b is not None,
        of=round(of * factor, 6) if of is not None else None,
        label=noun_label,
        noun_unit=noun_unit,
    )
    if quantity.vmin is not None and quantity.vmin > quantity.vmax:
        return None
    return quantity
