"""Years and kinds of value: the year expressions of a text, the year of a number, and its kind.

A number takes its year from the words right after it, else from the nearest year expression before
it in its sentence (:func:`year_for`), else from its paragraph or pair (:func:`year_fallback`).
Its kind (``target``, ``actual``, ``estimate``) comes from the nearest cue word before it
(:func:`kind_from_cues`). Year expressions are kept in a :class:`YearIndex`, so that finding the
ones before a number costs a binary search, not a pass over all of them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from study.extract.numbers import YEAR_PATTERN as _YR
from study.extract.vocabulary import CONTINUATION, KIND_CUE, NEXT_PERIOD

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = [
    "NOW_UNDATED",
    "FromToPairs",
    "YearExpr",
    "YearIndex",
    "continued_paragraph",
    "document_period",
    "first_period",
    "latest_year",
    "lead_end",
    "period_of",
    "start_year",
    "term_plan",
    "kind_from_cues",
    "year_exprs",
    "year_fallback",
    "year_for",
]

_YEAR_EXPR = re.compile(
    rf"(?P<since>(?:tính\s+)?từ\s+(?:năm\s+)?(?P<s1>{_YR})\s+(?:đến|tới)\s+nay)"
    rf"|(?P<fromto>từ\s+(?:năm\s+)?(?P<f1>{_YR})\s+(?:đến|tới)\s+(?:(?:hết|cuối)\s+)?"
    rf"(?:(?:tháng\s+\d{{1,2}}\s+)?(?:năm\s+)?(?P<f2>{_YR})|tháng\s+\d{{1,2}}/(?P<f3>(?:19|20)\d{{2}})(?!\d)))"
    # two years in a row joined by "và": "Trong năm 2021 và 2022, …" is the period 2021-2022 (guide 2.9.2)
    rf"|(?P<both>năm\s+(?P<a1>{_YR})\s+và\s+(?:năm\s+)?(?P<a2>{_YR})(?!\s*[-–—/]))"
    rf"|(?P<term>nhiệm\s+kỳ\s+(?P<t1>{_YR})\s*[-–—]\s*(?P<t2>{_YR}))"
    rf"|(?P<period>(?:giai\s+đoạn\s+|thời\s+kỳ\s+|năm\s+)?(?P<p1>{_YR})\s*[-–—]\s*(?P<p2>{_YR}))"
    rf"|(?P<compare>so\s+với\s+(?:cùng\s+kỳ\s+)?(?:(?P<cs>đầu\s+)|cuối\s+)?(?:năm\s+|giai\s+đoạn\s+|kỳ\s+)?(?P<c1>{_YR})"
    rf"(?:\s*[-–—]\s*{_YR})?)"
    # the start of a year or period: "đầu năm 2022", "tính từ đầu năm 2022", "đầu giai đoạn 2021-2025" (a
    # stock at that date is the review of the year before); not "từ đầu năm 2024 đến nay" (a flow)
    rf"|(?P<start>(?<!\w)(?:(?:tính\s+)?từ\s+)?đầu\s+(?:(?:năm\s+)?(?P<b1>{_YR})(?!\s*[-–—]\s*\d)"
    rf"|(?:giai\s+đoạn|kỳ|nhiệm\s+kỳ)\s+(?P<b2>{_YR})\s*[-–—]\s*{_YR})(?!\s*(?:đến|tới)\s))"
    rf"|(?P<paren>\(\s*(?:(?:đầu|cuối|hết)\s+)?(?:năm\s+)?(?P<q1>{_YR})\s*\))"
    r"|(?P<now>(?<!\w)(?:(?:đến|tới)\s+nay|hiện\s+nay|hiện\s+tại|hiện\s+có|hiện\s+còn)(?!\w))"
    r"|(?P<season>(?<!với\s)(?<!\w)(?:đầu|cuối)\s+năm(?!\s*(?:nay|học|\d|trước|\())(?!\w))"
    r"|(?P<date>(?<![\d/])(?:\d{1,2}/)?\d{1,2}/(?P<d1>(?:19|20)\d{2})(?!\d))"
    rf"|(?P<year>(?:năm\s+)?(?P<y1>{_YR}))",
    re.IGNORECASE,
)

#: the words before a period that make it part of a name: a programme, a steering committee, a project
#: plan, or the poverty standard ("Chương trình MTQG giảm nghèo bền vững giai đoạn 2021-2025", "chuẩn
#: nghèo đa chiều giai đoạn 2022-2025"), with no clause break in between (coding guide 2.9.6)
_NAMED_PERIOD = re.compile(
    r"(?:chương\s+trình|\bCT\s*MTQG|ban\s+chỉ\s+đạo|đề\s+án|chuẩn\s+(?:nghèo|mới|cận\s+nghèo))[^.;:,\n\d]*$",
    re.IGNORECASE,
)


@dataclass
class YearExpr:
    """A year expression: its span, its kind (``year``, ``period``, ``since``, ``now`` …) and its years."""

    start: int
    end: int
    kind: str
    year: int | None
    year_end: int | None = None


class YearIndex:
    """The year expressions of a text in order, looked up by offset.

    Parameters
    ----------
    exprs : list of YearExpr
        Non-overlapping expressions in the order of the text (as :func:`year_exprs` finds them).
    """

    def __init__(self, exprs: list[YearExpr]):
        self.exprs = exprs
        self._starts = [e.start for e in exprs]
        self._ends = [e.end for e in exprs]

    def __iter__(self):
        return iter(self.exprs)

    def __len__(self) -> int:
        return len(self.exprs)

    def last(self, lo: int, hi: int, skip: tuple[str, ...], with_year: bool = False) -> YearExpr | None:
        """Return the last expression inside ``[lo, hi)`` whose kind is not in ``skip`` (and has a year)."""
        i = bisect_right(self._ends, hi) - 1
        while i >= 0 and self.exprs[i].start >= lo:
            e = self.exprs[i]
            if e.kind not in skip and (e.year or not with_year):
                return e
            i -= 1
        return None

    def starting_in(self, lo: int, hi: int) -> list[YearExpr]:
        """Return the expressions that start in ``[lo, hi)``."""
        return self.exprs[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]


class FromToPairs:
    """The ``từ … xuống …`` pairs of a text with their years, in the order of the text."""

    def __init__(self):
        self.items: list[tuple[int, int, int | None, int | None]] = []
        self._starts: list[int] = []

    def add(self, start: int, end: int, year_a: int | None, year_b: int | None) -> None:
        """Record a pair spanning ``[start, end)`` (pairs are added in the order of the text)."""
        self.items.append((start, end, year_a, year_b))
        self._starts.append(start)

    def period_before(self, lo: int, hi: int, exprs: YearIndex) -> tuple[int, int] | None:
        """Return the years of the first pair inside ``[lo, hi)`` with no year named between it and ``hi``."""
        for i in range(bisect_left(self._starts, lo), len(self.items)):
            _a, b, ya, yb = self.items[i]
            if b > hi:
                break
            if ya and yb and not any(e.kind not in ("compare", "term") for e in exprs.starting_in(b, hi)):
                return ya, yb
        return None


def period_of(
    doc: Doc, exprs: YearIndex, pos: int, period: tuple[int, int] | None, names: bool = False
) -> tuple[int, int] | None:
    """Return the period an average per year at ``pos`` runs over, or None.

    The nearest period (``giai đoạn 2021-2025``, ``nhiệm kỳ 2020-2025``, ``từ 2021 đến 2024``) named
    before it in its paragraph, else the period of the document. With ``names``, the period of a
    programme's name counts too (``Sau 5 năm triển khai Chương trình … giai đoạn 2021-2025``).
    """
    para = doc.line_start(pos)
    kinds = ("period", "term", "fromto", "since", *(("name",) if names else ()))
    i = bisect_right(exprs._ends, pos) - 1
    while i >= 0 and exprs.exprs[i].start >= para:
        e = exprs.exprs[i]
        if e.kind in kinds and e.year and e.year_end and e.year_end > e.year:
            return term_plan(e)
        i -= 1
    if doc.text is not None:  # the period named later in its own sentence ("… áp dụng cho giai đoạn 2021-2025")
        sent = doc.sentence_of(pos)
        for e in exprs.starting_in(pos, sent[1]):
            if e.kind in ("period", "term", "fromto") and e.year and e.year_end and e.year_end > e.year:
                return term_plan(e)
    return period


def term_plan(e: YearExpr) -> tuple[int, int]:
    """Return the years a period expression covers, as written (coding guide 2.9.2).

    A party term ``nhiệm kỳ 2020-2025`` covers 2020 to 2025: it is not moved to the plan after it.
    """
    return e.year, e.year_end


def latest_year(text: str) -> int | None:
    """Return the latest year a text names as past or present (not a horizon such as ``đến năm 2030``).

    Used as the year of an undated text: its most recent figures are as of that year.
    """
    years = [
        int(m.group(1))
        for m in re.finditer(r"(?<![\d/.,])((?:19|20)\d{2})(?!\d)", text)
        if not re.search(
            r"(?:đến|tới|từ|trước|mục\s+tiêu|tầm\s+nhìn)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?$|[-–]\s*$",
            text[max(0, m.start() - 20) : m.start()],
            re.IGNORECASE,
        )
    ]
    return max(years) if years else None


def first_period(exprs: YearIndex) -> tuple[int, int] | None:
    """Return the first period named anywhere in the text (a programme, a term), or None."""
    for e in exprs:
        if e.kind in ("period", "term", "name") and e.year and e.year_end and e.year_end - e.year >= 2:
            return e.year, e.year_end
    return None


def document_period(doc: Doc, exprs: YearIndex) -> tuple[int, int] | None:
    """Return the period a document is about (``giai đoạn 2021-2025`` in its headline or lead), or None.

    The lead is the first two sentences of six words or more (a date line or a byline does not
    count), and at most 800 characters. The period of a programme or a party term named there counts:
    averages per year and a plan's targets run over it (coding guide 2.9.4, 2.9.5).
    """
    for e in exprs.starting_in(0, lead_end(doc)):
        if e.kind in ("period", "fromto", "name", "term") and e.year and e.year_end and e.year_end - e.year >= 2:
            return e.year, e.year_end
    return None


#: "trong năm vừa qua", "năm qua": the year just past (not "5 năm qua", "những năm qua", spans of years)
PAST_YEAR = re.compile(
    r"(?<!\d\s)(?<!những\s)(?<!nhiều\s)(?<!các\s)(?<!mấy\s)(?<!hai\s)(?<!ba\s)(?<!\w)năm\s+(?:vừa\s+)?qua(?!\w)",
    re.IGNORECASE,
)


def lead_year(doc: Doc, exprs: YearIndex) -> int | None:
    """Return the last single year named in the lead (``Đến cuối năm 2022, tỷ lệ hộ nghèo còn …``), or None:
    the year an undated text reports on, which its ``năm vừa qua`` means further down."""
    named = [e.year for e in exprs.starting_in(0, lead_end(doc)) if e.year and not e.year_end and e.kind != "compare"]
    return named[-1] if named else None


def lead_end(doc: Doc) -> int:
    """Return the end of the lead: the first two sentences of six words or more, at most 800 characters."""
    if not doc.sentences:
        return 0
    full = [(a, b) for a, b in doc.sentences if len(doc.content[a:b].split()) >= 6][:2] or doc.sentences[:1]
    return min(full[-1][1], full[0][0] + 800)


def start_year(e: YearExpr, level: bool) -> tuple[int | None, str]:
    """Return the year a level dated ``đầu năm Y`` / ``đầu giai đoạn Y-Z`` stands for: the review of Y - 1.

    A flow dated so (``Đầu năm 2024, tỉnh hỗ trợ …``) keeps the year as written (coding guide 2.9.1).
    """
    if level and e.year:
        return e.year - 1, f"start of {e.year} = review of {e.year - 1}"
    return e.year, ""


def year_exprs(text: str, doc_year: int | None) -> YearIndex:
    """Return the year expressions of ``text``; ``đến nay`` and ``hiện nay`` take ``doc_year``."""
    out = []
    for m in _YEAR_EXPR.finditer(text):
        kind = None
        for name in (
            "since",
            "fromto",
            "both",
            "term",
            "period",
            "compare",
            "start",
            "paren",
            "now",
            "season",
            "date",
            "year",
        ):
            if m.group(name) is not None:
                kind = name
                break
        if kind == "since":
            out.append(YearExpr(*m.span(), kind, int(m.group("s1")), doc_year))
        elif kind == "fromto":
            out.append(YearExpr(*m.span(), kind, int(m.group("f1")), int(m.group("f2") or m.group("f3"))))
        elif kind == "both":  # consecutive years only; others are two separate dates
            a1, a2 = int(m.group("a1")), int(m.group("a2"))
            out.append(YearExpr(*m.span(), "period", a1, a2) if a2 == a1 + 1 else YearExpr(*m.span(), "year", a2))
        elif kind == "term":
            out.append(YearExpr(*m.span(), kind, int(m.group("t1")), int(m.group("t2"))))
        elif kind == "period":  # the period of a programme's name or of the standard dates no figure
            name = "name" if _NAMED_PERIOD.search(text[max(0, m.start() - 150) : m.start()]) else kind
            out.append(YearExpr(*m.span(), name, int(m.group("p1")), int(m.group("p2"))))
        elif kind == "compare":  # "so với đầu năm 2022", "… đầu giai đoạn 2021-2025": the review of the year before
            out.append(YearExpr(*m.span(), kind, int(m.group("c1")) - (1 if m.group("cs") else 0)))
        elif kind == "start":  # the year as written; a level takes the year before (:func:`start_year`)
            out.append(YearExpr(*m.span(), kind, int(m.group("b1") or m.group("b2"))))
        elif kind == "paren":
            out.append(YearExpr(*m.span(), kind, int(m.group("q1"))))
        elif kind == "season":  # "cuối năm": the year of its paragraph, else of the document
            out.append(YearExpr(*m.span(), kind, None, doc_year))
        elif kind == "now":
            out.append(YearExpr(*m.span(), kind, doc_year))
        elif kind == "date":
            out.append(YearExpr(*m.span(), kind, int(m.group("d1"))))
        elif kind == "year":
            out.append(YearExpr(*m.span(), kind, int(m.group("y1"))))
        else:
            out.append(YearExpr(*m.span(), kind or "term", None))
    return YearIndex(out)


def kind_from_cues(
    context: str, doc_year: int | None, default: str, pattern: re.Pattern | None = None
) -> tuple[str, str]:
    """Return ``(kind, cue)`` from the cue nearest to the end of ``context`` (the text before a number).

    ``pattern`` is the compiled ``[cues.kind]`` of the dictionary in use (the shipped one by default).
    """
    # a cue inside brackets closed before the number belongs to the aside ("(đạt 111% kế hoạch đề ra)")
    context = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), context)
    best = None
    for m in (pattern or KIND_CUE).finditer(context):
        if m.group("tgtyear") and not (doc_year and int(m.group("ty")) > doc_year):
            continue  # "đến cuối năm 2022 là 15.943 hộ": the date of a result, not a goal
        if m.group("act") and re.search(r"(?<!\w)sẽ\s+$", context[max(0, m.start() - 8) : m.start()], re.IGNORECASE):
            continue  # "sẽ tăng lên": the future, read from "sẽ"
        if best is None or m.end() >= best.end():
            best = m
    if best is None:
        return default, ""
    cue = " ".join(best.group(0).split())
    if best.group("est"):
        return "estimate", cue
    if best.group("tgtyear"):  # "đến năm 2025 … còn dưới 3%" in a text of 2022: a goal
        return "target", cue
    if best.group("tgt"):
        # "dự kiến … sẽ giảm xuống 0,56%": the future of an expectation stays an estimate
        if cue.lower() == "sẽ" and any(m.group("est") for m in (pattern or KIND_CUE).finditer(context[: best.start()])):
            return "estimate", cue
        return "target", cue
    return "actual", cue


def year_for(doc: Doc, exprs: YearIndex, q: Quantity, sent: tuple[int, int], level: bool = False):
    """Return ``(year, year_end, how)`` for a quantity (``level``: a stock at a point in time, not a flow)."""
    t = doc.years_text
    # a year in brackets right after the number (and its group) is its own: "73,26% (2021)", "(năm 2020)",
    # "1.234 hộ nghèo (hết năm 2023)"; "(đầu năm 2022)" after a level is the review of 2021
    pm = re.match(rf"[^\d(),.;:]{{0,30}}?\(\s*(?:(đầu)|cuối|hết)?\s*(?:năm\s+)?({_YR})\s*\)", t[q.end : q.end + 54])
    if pm:
        if pm.group(1):
            year, how = start_year(YearExpr(0, 0, "start", int(pm.group(2))), level)
            return year, None, how
        return int(pm.group(2)), None, ""
    am = re.match(rf"\s*(?:vào\s+|trong\s+)?(?:cuối\s+|hết\s+)?năm\s+({_YR})", t[q.end : q.end + 30])
    if am:
        return int(am.group(1)), None, ""
    best = exprs.last(sent[0], q.qual_start, ("compare", "term", "paren", "name"))
    if best is not None and NEXT_PERIOD.search(t, best.end, q.qual_start):
        return None, None, ""  # "Giai đoạn 2022-2025 … tạo đà cho giai đoạn mới với mục tiêu …": not that period
    if best is None:
        # "58 xã thuộc vùng … giai đoạn 2021-2025": a period closing the number's own phrase
        stop = min(sent[1], q.end + 80, *(i for i in (t.find(";", q.end), t.find(",", q.end)) if i >= 0))
        later = [e for e in exprs.starting_in(q.end, stop) if e.kind == "period" and e.year_end]
        if later:
            return later[0].year, later[0].year_end, "period named after the number in its phrase"
        # "Trong tổng số 524 hộ nghèo của thành phố năm 2023 có …": a year closing the number's noun phrase
        ym = re.match(
            rf"[^\d,.;:()]{{0,40}}?\s(?<!đến\s)(?<!tới\s)(?<!từ\s)(?<!với\s)(?<!kỳ\s)năm\s+({_YR})", t[q.end : stop]
        )
        phrase = t[q.end : q.end + ym.start(1)] if ym else ""
        if ym and len(phrase.split()) <= 7 and not re.search(r"so\s+với", phrase, re.IGNORECASE):
            return int(ym.group(1)), None, "year named after the number in its phrase"
        return None, None, ""
    if best.kind == "start":
        year, how = start_year(best, level)
        return year, None, how
    if best.kind == "season":
        para = doc.line_start(sent[0])
        named = exprs.last(para, best.start, ("compare", "term", "season", "now", "name"), with_year=True)
        year, how = (named.year, "year named before it in its paragraph") if named else (best.year_end, "document date")
        if year is None:
            return None, None, ""
        if level and t[best.start : best.start + 3].lower() == "đầu":  # "đầu năm" of that year: the review before
            return year - 1, None, f"start of the year ({how}) = review of {year - 1}"
        return year, None, f"year of 'đầu/cuối năm' from the {how}"
    if best.kind == "now":
        if best.year is None:  # "đến nay" in an undated text: no year, not that of an earlier sentence (2.9.1)
            return None, None, NOW_UNDATED
        return best.year, None, "year inferred from 'đến nay'/'hiện nay' and the document date"
    if best.kind == "since":
        if best.year_end is None:
            return best.year, None, ""
        return best.year, best.year_end, "year_end inferred from 'đến nay' and the document date"
    return best.year, best.year_end, ""


#: how :func:`year_for` says that ``đến nay`` / ``hiện nay`` dates a figure of an undated text (no year)
NOW_UNDATED = "'đến nay'/'hiện nay' in an undated text"


def continued_paragraph(doc: Doc, para: int) -> tuple[int, int] | None:
    """Return the span of the paragraph that the paragraph at ``para`` goes on with, or None.

    A paragraph that opens with ``Trong đó``, ``Cụ thể``, ``Theo đó`` (``[cues.continuation]``) or
    follows one that ends with a colon continues the paragraph before it; short lines in between
    (a caption, a repeated subheading) are passed over.
    """
    t = doc.years_text
    head = t[:para].rstrip()
    if not (CONTINUATION.match(t, para) or head.endswith(":")):
        return None
    for _ in range(3):
        if not head:
            break
        lo = doc.line_start(len(head) - 1)
        if len(t[lo : len(head)].split()) > 15 or head.endswith(":"):
            return lo, len(head)
        head = t[:lo].rstrip()
    return None


def year_fallback(
    doc: Doc,
    meta: dict,
    exprs: YearIndex,
    q: Quantity,
    sent: tuple[int, int],
    kind: str,
    pairs: FromToPairs | None,
    level: bool = False,
):
    """Return ``(year, year_end, how)`` for a quantity whose sentence names no year before it, or None.

    In order: an average per year right after a 'từ … xuống …' pair takes the pair's years; a target takes
    'đến (cuối) năm YYYY' later in its sentence; then the last year named earlier in the same paragraph
    (results are reported paragraph by paragraph, the year stated once at the top); then, for results,
    the year of the document. Targets take no year from other sentences.
    """
    t = doc.years_text
    if q.per_year and pairs is not None:
        period = pairs.period_before(sent[0], q.qual_start, exprs)
        if period:
            return *period, "period of the 'từ … xuống …' pair before it"
    if kind == "target":
        hm = re.search(
            rf"(?:(?:đến|tới)\s+(?:hết\s+|cuối\s+)?|vào\s+(?:cuối\s+)?)(?:năm\s+)?({_YR})(?![\d/-])",
            t[q.end : sent[1]],
            re.IGNORECASE,
        )
        if hm:
            return int(hm.group(1)), None, "year from 'đến năm …' later in the sentence"
    para = doc.line_start(sent[0])
    # a target takes a year named earlier in its paragraph, but not a period (the period of a
    # programme named in passing is not the due date of the target)
    best = exprs.last(para, sent[0], ("compare", "term", "name"), with_year=True)
    before = continued_paragraph(doc, para) if best is None and kind != "target" else None
    if before:  # a result in a paragraph that goes on with the one before: the year named there
        best = exprs.last(*before, ("compare", "term", "name"), with_year=True)
    if best is not None and kind == "target" and best.kind in ("period", "fromto", "since", "now"):
        return None
    if best is not None and best.kind == "start":
        year, how = start_year(best, level)
        return year, None, "; ".join(x for x in ("year inferred from an earlier sentence of the paragraph", how) if x)
    if best is not None and best.kind == "now":
        return best.year, None, "year inferred from 'đến nay'/'hiện nay' in an earlier sentence and the document date"
    if best is not None and level and best.year_end and best.year and best.year_end > best.year:
        # "Giai đoạn 2021 - 2023, huyện đã đạt … Cụ thể, … còn 2.900 hộ": a stock at the end of the period
        return best.year_end, None, "a level at the end of the period named in an earlier sentence (guide 2.9.1)"
    if best is not None:
        return best.year, best.year_end, "year inferred from an earlier sentence of the paragraph"
    return None
