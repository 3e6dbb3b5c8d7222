"""Stage 4 of the fact pipeline: the year, kind and scope of a number whose indicator is known.

The cues are read from the number's clause first, then its sentence, its paragraph and the document:

* **kind** (:func:`study.extract.years.kind_from_cues`): the cue word nearest before the number
  (``dự kiến``, ``ước`` → estimate; ``phấn đấu``, ``mục tiêu`` → target; ``đã``, ``còn``, ``tăng
  lên`` → actual), else the kind of the document (plans, directives and resolutions set targets);
* **year** (:mod:`study.extract.years`): a year right after the number, else the nearest year
  expression before it in its sentence (``từ X% năm A xuống Y% năm B``, ``đến 15/10``, ``cuối
  năm``), else a target's ``đến năm YYYY`` later in its sentence, else the nearest year named
  earlier in its paragraph; an average per year runs over the period named in its paragraph, its
  sentence or the document; a level due at the end of a period takes the end year; ``so với năm
  Y`` alone gives the year after Y; a level dated ``đầu năm Y`` is the review of Y - 1; last come
  the period of the lead (for targets, and for results of a review ``Sau N năm …``), the programme
  year and the date of the document (an undated text gives none: coding guide 2.9);
* **scope**: a group (``dân tộc thiểu số``, ``các huyện nghèo``, ``cả nước``), a named district or
  commune just before the number, a national decision quoted in brackets, else the level of the
  document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from study.extract.reviews import lead_review, review_at, review_year, reviews
from study.extract.scope import scope_at
from study.extract.sentences import clause_end, clause_start
from study.extract.vocabulary import CONTINUATION, PLAN_AFTER, PLAN_WORD, decision_key
from study.extract.years import (
    NOW_UNDATED,
    PAST_YEAR,
    FromToPairs,
    YearIndex,
    document_period,
    first_period,
    kind_from_cues,
    lead_end,
    lead_year,
    period_of,
    year_exprs,
    year_fallback,
    year_for,
)

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = ["Context", "Resolution", "carried_kind", "context", "is_level", "mark_baselines", "resolve", "scope_of"]


@dataclass
class Context:
    """What the resolution of every number of one document needs: its years, pairs and defaults."""

    doc: Doc
    meta: dict
    exprs: YearIndex
    pairs: FromToPairs
    period: tuple[int, int] | None  # the period of the headline or lead (a programme's name, a term too)
    doc_year: int | None
    text_year: int | None
    dated_year: int | None  # the year of the document's own date (not of its programme), for 'đến năm YYYY'
    default_kind: str
    framed: bool = False  # the lead reviews the years of a programme ("Sau 4 năm triển khai Chương trình …")
    review: int | None = None  # an undated text: the year of the household review it reports (guide 2.9.1)
    reviews: list = field(default_factory=list)  # (start, year) of the reviews whose results the text reports


@dataclass
class Resolution:
    """The year, kind and scope of a number, with the notes that say how they were read."""

    year: int | None
    year_end: int | None
    kind: str
    scope: str
    notes: list[str] = field(default_factory=list)


def context(doc: Doc, meta: dict) -> Context:
    """Return the :class:`Context` of a document (its year expressions, period and default kind)."""
    doc_year = meta["_doc_year"]
    # "now" is the year of the document's date; an undated text that reports a household review of a
    # named year ("kết quả rà soát hộ nghèo năm 2021") speaks as of that year, another one of no year
    now_year = doc_year if meta.get("_dated") else review_year(doc.years_text)
    # an undated text gives no year to a figure that its clause or paragraph does not date (guide 2.9.7)
    text_year = doc_year
    exprs = year_exprs(doc.years_text, now_year)
    return Context(
        doc=doc,
        meta=meta,
        exprs=exprs,
        pairs=FromToPairs(),
        period=document_period(doc, exprs),
        doc_year=doc_year,
        text_year=text_year,
        dated_year=doc_year if meta.get("_dated") else None,
        default_kind="target" if meta["kind"] in ("plan", "directive", "resolution") else "actual",
        framed=bool(_YEARS_ON.search(doc.years_text, 0, lead_end(doc))),
        review=None if meta.get("_dated") else now_year,
        reviews=reviews(doc.years_text),
    )


def scope_of(doc: Doc, meta: dict, q_start: int, sent: tuple[int, int], end: int | None = None, unit: str = "") -> str:
    """Return the scope of a number: a group, a named district or commune, or the level of the document.

    The rules are those of :func:`study.extract.scope.scope_at`, read where legal references are masked.
    """
    return scope_at(doc.years_text, meta, sent, q_start, end, unit)


def carried_kind(ctx: Context, sent: tuple[int, int]) -> tuple[str, str]:
    """Return ``(kind, cue)`` carried over from the sentences before ``sent``, or ``("", "")``.

    Only for a figure whose sentence has no cue before it and names no year of its own (a new year
    opens a new statement; a period such as ``giai đoạn 2021-2025`` does not):

    * a sentence that opens with ``Trong đó``, ``Cụ thể`` or ``Theo đó``, or a paragraph that follows
      one ending with a colon, continues what comes before it: the last cue of its paragraph so far
      (or of the paragraph before, over a short line such as a caption);
    * a goal stated at the head of an earlier sentence of the paragraph (``Mục tiêu …``, ``Tỉnh phấn
      đấu …``) frames the sentences after it: the nearest earlier sentence with a cue passes its kind
      on when it opens with a target or estimate cue and has no result cue after it.
    """
    doc = ctx.doc
    t, y = doc.numbers_text, doc.years_text  # cues are read where years are not masked
    pattern = doc.terms.kind_cue
    lo = doc.line_start(sent[0])
    own = {
        e.year for e in ctx.exprs.starting_in(sent[0], sent[1]) if e.kind not in ("compare", "term", "period", "name")
    } - {None}
    # a sentence that names a year of its own opens a new statement, unless it goes on (``Trong đó``) with
    # the year just named: "phấn đấu đến cuối năm 2024 giảm … Trong đó, … cuối năm 2024 còn 5.423 hộ"
    said = {e.year for e in ctx.exprs.starting_in(lo, sent[0]) if e.kind not in ("compare", "term", "name")}
    if own and not (CONTINUATION.match(t, sent[0]) and own <= said):
        return "", ""
    head = t[:lo].rstrip()
    if CONTINUATION.match(t, sent[0]) or (lo == sent[0] and head.endswith(":")):
        for _ in range(3 if lo == sent[0] else 0):  # back to the paragraph before, over a short line
            if not head:
                break
            lo = doc.line_start(len(head) - 1)
            if re.search(r"\d", t[lo : len(head)]) or len(t[lo : len(head)].split()) > 30:
                break
            head = t[:lo].rstrip()
        kind, cue = kind_from_cues(y[lo : sent[0]], ctx.dated_year, "", pattern)
        return kind, (f"{cue}, in an earlier sentence" if cue else "")
    for a, b in reversed([s for s in doc.sentences if lo <= s[0] and s[1] <= sent[0]]):
        kind, cue = kind_from_cues(y[a:b], ctx.dated_year, "", pattern)
        if not kind and (CONTINUATION.match(t, a) or (a == lo and t[:a].rstrip().endswith(":"))):
            return carried_kind(ctx, (a, b))  # the sentences after a continuing one go on with it
        if not kind:
            continue
        opening, _cue = kind_from_cues(y[a : min(b, a + 40)], ctx.dated_year, "", pattern)
        if kind in ("target", "estimate") and opening == kind:
            return kind, f"{cue}, opening an earlier sentence"
        if kind == "actual" and ctx.default_kind == "target":
            # a plan that states the situation first ("Theo kết quả rà soát …, tỉnh còn 45.688 hộ nghèo. Số hộ
            # nghèo DTTS 40.475 hộ …"): the sentences after a result go on with it, not with the plan's goals
            return kind, f"{cue}, in an earlier sentence"
        return "", ""
    if goal_paragraph(ctx, sent):
        return "target", _GOAL_CUE
    return "", ""


def goal_paragraph(ctx: Context, sent: tuple[int, int]) -> tuple[int, int] | None:
    """Return the span of the goal paragraph that the paragraph of ``sent`` lists the targets of, or None.

    A paragraph that opens with a goal (``Mục tiêu …``, ``Tỉnh phấn đấu …``), names its due year and ends
    with no result cue after it frames the paragraph after it when that one names no cue and no year before the figure's
    sentence, nor in it: ``Mục tiêu đến năm 2030 … \n Hỗ trợ nhà ở cho 500 hộ; đào tạo nghề cho 300 người.``
    """
    doc, y = ctx.doc, ctx.doc.years_text
    pattern = doc.terms.kind_cue
    lo = doc.line_start(sent[0])
    if kind_from_cues(y[lo : sent[0]], ctx.dated_year, "", pattern)[0]:
        return None
    if any(e.year for e in ctx.exprs.starting_in(lo, sent[1]) if e.kind not in ("compare", "name")):
        return None
    head = y[:lo].rstrip()
    if not head:
        return None
    plo = doc.line_start(len(head) - 1)
    # the goal heads the paragraph ("Mục tiêu …", "Tỉnh A phấn đấu …", not "Hai là, tuyên truyền mục tiêu …")
    # and says when it is due ("đến năm 2030")
    opening, _ = kind_from_cues(y[plo : min(len(head), plo + 25)], ctx.dated_year, "", pattern)
    whole, _ = kind_from_cues(y[plo : len(head)], ctx.dated_year, "", pattern)
    due = _DUE.search(y, plo, len(head))
    return (plo, len(head)) if opening == "target" and whole == "target" and due else None


def resolve(ctx: Context, q: Quantity, sent: tuple[int, int], indicator: str, unit: str, label: str) -> Resolution:
    """Return the year, kind and scope of quantity ``q`` in sentence ``sent``, given its indicator and unit."""
    doc, meta = ctx.doc, ctx.meta
    t = doc.numbers_text
    year_due = None
    if label == "tasks_count":
        kind, cue = "actual", ""
    else:
        # cues are read where years are not masked: "đến cuối năm 2025 … còn 2,5%" is a target
        before = _earlier_items_heads(doc.years_text[sent[0] : q.qual_start])
        kind, cue = kind_from_cues(before, ctx.dated_year, "", doc.terms.kind_cue)
        if not kind:
            kind, cue = carried_kind(ctx, sent)
        if not kind and _FUTURE_AFTER.match(t, q.end, sent[1]):
            kind, cue = "target", "sẽ, after the figure"  # "100% hộ nghèo … sẽ được hỗ trợ": what is to be done
        kind = kind or ctx.default_kind
    if kind == "actual" and _GOAL_VALUE.search(doc.years_text, max(sent[0], q.qual_start - 80), q.qual_start):
        kind, cue = "target", "the value of the 'chỉ tiêu' named before it"  # "đạt và vượt chỉ tiêu giảm nghèo từ 4%"
    if cue == _GOAL_CUE and (goal := goal_paragraph(ctx, sent)):
        due = _DUE.search(doc.years_text, *goal)  # the due year of the goal: "Mục tiêu … đến năm 2030"
        if due:
            year_due = int(due.group(1))
    if label.startswith("plan_") and kind == "target" and PLAN_WORD.match(cue):
        kind, cue = "actual", ""  # "Các địa phương đạt kế hoạch giao như: huyện A đạt 103%": a result against a plan
    if PLAN_AFTER.match(t, q.end) and re.search(
        r"so\s+với\s*(?:mức\s+)?$", t[max(sent[0], q.qual_start - 20) : q.qual_start]
    ):
        kind, cue = "target", "so với … kế hoạch"  # "giảm 3% so với 1,8% kế hoạch giao": the planned value
    if (
        kind == "estimate"
        and cue.lower().startswith("dự kiến")
        and (unit == "billion_vnd" or unit.startswith("pp") or indicator == "poor_households_reduction")
    ):
        # "dự kiến chi 13.100 tỷ đồng", "dự kiến mức giảm … 1,5 - 2%/năm": what a plan intends to spend or
        # to cut is a target; an expected level ("dự kiến … còn 1,2%") stays an estimate
        kind = "target"
    level = is_level(indicator, unit, label)
    year, year_end, how = year_for(doc, ctx.exprs, q, sent, level)
    # "mỗi năm giảm 1.000 hộ", "hằng năm 100% …": a figure for every year of a period
    each_year = (
        q.per_year
        or bool(_EACH_YEAR.search(t[clause_start(t, sent[0], q.qual_start) : q.qual_start][-40:]))
        or bool(_EACH_YEAR_OPENING.match(t, sent[0], q.qual_start))  # "Bình quân mỗi năm, toàn tỉnh …"
    )
    if each_year and not q.per_year:
        q = replace(q, per_year=True)
    bare = _BARE_START.search(t, clause_start(t, sent[0], q.qual_start), q.qual_start) if level else None
    if bare and year is None and not q.per_year:
        # "Tỷ lệ hộ nghèo đầu kỳ là 30,5%": the start of the period named in its paragraph is the review of the
        # year before it; with no period named the year stays empty, not that of an earlier sentence (2.9.1)
        over = period_of(doc, ctx.exprs, q.qual_start, None, names=True)
        if over:
            year, how = over[0] - 1, f"start of the period {over[0]}-{over[1]} = review of {over[0] - 1}"
    if (q.per_year or year is None) and not (bare and year is None and not q.per_year) and how != NOW_UNDATED:
        fb = year_fallback(doc, meta, ctx.exprs, q, sent, kind, ctx.pairs, level)
        if fb and (year is None or fb[2].startswith("period")):
            year, year_end, how = fb
    if (q.per_year or unit.endswith("_per_year")) and not (how or "").startswith("period"):
        over = period_of(doc, ctx.exprs, q.qual_start, ctx.period)
        if over is None and unit == "pp_per_year" and year is None:  # an average fall of a rate: the programme's period
            over = first_period(ctx.exprs)
        if over:  # an average per year runs over a period: its first year, and its last
            year, year_end, how = over[0], over[1], "period of the average per year"
    if year_end and unit == "pct" and kind == "target" and not q.per_year:
        year, year_end = year_end, None  # a level due at the end of a period
    # the comparison of the number's own clause ("giảm 5,96% so với năm 2022")
    c0, c1 = clause_start(t, sent[0], q.qual_start), clause_end(t, q.end, sent[1])
    compare = [e for e in ctx.exprs.starting_in(c0, c1) if e.kind == "compare" and e.year]
    if year and compare and "reduction" in indicator + label and not q.per_year and compare[0].year < year - 1:
        # "năm 2025 … đã giảm được N hộ so với năm 2022": a fall over several years runs from the year compared
        year, year_end, how = compare[0].year, year, "fall over the years since the year compared"
    elif "reduction" in indicator + label and not q.per_year and not compare:
        # "giảm từ 73% (2021) xuống còn 61% (2023), tương đương giảm 12%": the fall over the pair's years
        pair = ctx.pairs.period_before(sent[0], q.qual_start, ctx.exprs)
        if pair and pair[1] - pair[0] > 1:
            year, year_end, how = *pair, "fall over the years of the 'từ … xuống …' pair before it"
        elif pair:
            year, year_end, how = pair[1], None, "year of the result of the 'từ … xuống …' pair before it"
    if year is None and kind != "target" and compare:  # "giảm 5,96% so với năm 2022": the year after
        year, how = compare[0].year + 1, "year after the year of the comparison"
    if year is None and _YEARS_ON.search(doc.years_text, sent[0], q.qual_start):
        # "Sau 5 năm triển khai Chương trình … giai đoạn 2021-2025, … huy động 64.000 tỷ đồng": the years of
        # the programme, named in the paragraph or the lead, up to the document's year (guide 2.9.2)
        over = period_of(doc, ctx.exprs, q.qual_start, ctx.period, names=True)
        if over:
            end = ctx.dated_year if ctx.dated_year and ctx.dated_year > over[0] else over[1]
            year, year_end, how = over[0], end, "years of the programme reviewed ('Sau N năm …')"
    scope = scope_of(doc, meta, q.qual_start, sent, q.end, unit)
    if level and kind in ("actual", "estimate") and scope != "national" and (year is None or _NOW_HOW in (how or "")):
        # "phê duyệt kết quả rà soát hộ nghèo năm 2021 … Theo đó, toàn tỉnh hiện có …": the review's year,
        # dated text or not (guide 2.9.1)
        reviewed = review_at(doc, ctx.reviews, q.qual_start) or lead_review(doc, ctx.reviews)
        if reviewed:
            year, year_end, how = reviewed, None, "year of the review its sentence or paragraph reports (guide 2.9.1)"
    notes = []
    # a target quoted in brackets right after a national decision: a national target for its period
    paren = t.rfind("(", sent[0], q.start)
    if paren >= 0 and t.find(")", paren, q.start) < 0:
        ref_window = doc.text[max(sent[0], paren - 160) : paren]
        known = [(k, v) for k, v in doc.terms.decisions.items() if re.search(re.escape(k), decision_key(ref_window))]
        if known or re.search(r"QĐ-TTg|Thủ\s+tướng|Chính\s+phủ", ref_window):
            scope = "national"
            notes.append("target of a national programme quoted in brackets")
            if known and known[-1][1].get("period"):
                year, year_end = known[-1][1]["period"]
                how = "period of the national programme"
    if (
        kind == "actual"
        and year
        and ctx.dated_year
        and year > ctx.dated_year
        and ("inferred" in (how or "") or "end of the period" in (how or ""))
    ):
        # a result dated only from its context is not later than the text: "giai đoạn 2022-2025, tỷ lệ … sẽ tăng
        # lên 6%. Tuy nhiên, kết quả thống kê sơ bộ … cận nghèo hơn 5%" in a text of 2021 is of 2021
        year, year_end, how = ctx.dated_year, None, "year inferred: a result is not dated after the text"
    if year is None and year_due and not q.per_year:
        year, how = year_due, "due year of the goal paragraph before it"
    if label == "tasks_count":
        year, year_end, how = None, None, ""  # a count describing the document itself
    # the period of the headline or lead: of the plan, for its targets; of the programme a review looks back
    # on ("Sau 4 năm triển khai …"), for its results; a programme's name dates nothing else (guide 2.9.6)
    period = ctx.period if kind == "target" or ctx.framed else None
    if (
        year is None
        and period
        and not (unit == "pct" and kind == "actual" and not q.per_year and not (ctx.framed and indicator == "other"))
        and scope != "national"
        and label != "tasks_count"
        and not meta["_programme_year"]
    ):
        level = unit == "pct" and kind == "target" and not q.per_year
        year, year_end = (period[1], None) if level else period
        how = "year inferred from the period of the document"
    if year is None and meta["_programme_year"] and scope != "national" and label != "tasks_count":
        year, how = meta["_programme_year"], f"year inferred: document about {meta['_programme_year']}"
    if (
        year is None
        and kind in ("actual", "estimate")
        and meta["kind"] in ("article", "report")
        and (ctx.doc_year and label != "tasks_count" and scope != "national")
    ):
        year, how = ctx.doc_year, "year inferred from the date of the article"
    undated = year is None and ctx.text_year and indicator != "other" and scope != "national"
    if undated and kind in ("actual", "estimate"):
        year, how = ctx.text_year, "year inferred: the latest year the undated text names"
    if year is None and not ctx.dated_year and kind != "target" and PAST_YEAR.search(t, doc.line_start(sent[0]), q.end):
        # an undated text: "trong năm vừa qua" in the figure's paragraph is the year its lead reports on
        year, how = lead_year(doc, ctx.exprs), "year inferred: 'năm vừa qua' = the year the undated text's lead reports"
    if year is None and ctx.review and kind in ("actual", "estimate") and level and scope != "national":
        # an undated text that reports a review: its levels with no year of their own are the review's
        year, how = ctx.review, "year inferred: the review the undated text reports (guide 2.9.1)"
    outcome = level or indicator.startswith(("poor_rate_reduction", "poor_households_reduction"))
    if kind == "target" and cue.lower() == "sẽ" and outcome and year and year == ctx.dated_year and not year_end:
        # "Đến hết năm 2021, tỷ lệ hộ nghèo sẽ còn khoảng 2,74%" in a text of 2021: the poverty the year is
        # expected to end with is an estimate of the current year (coding guide 2.4); what the province will
        # do that year ("Trong năm 2021 sẽ hỗ trợ 2.000 người") stays a target
        kind = "estimate"
    if not cue and not how and kind == "target" and year and ctx.text_year and (year_end or year) < ctx.text_year:
        kind = "actual"  # no cue in a plan, but its sentence dates it in a year gone by: the situation, not a goal
    if how:
        notes.append(how)
    if cue:
        notes.append(f"kind from '{cue}'")
    return Resolution(year, year_end, kind, scope, notes)


def _earlier_items_heads(context: str) -> str:
    """Return ``context`` (the sentence before a figure) with the words after the first figure of each earlier
    ``;``-item blanked: a cue after another item's figure is that item's (``hơn 11.000 căn nhà được xây dựng
    … bảo đảm nơi ở kiên cố; hơn 518.000 thẻ BHYT …`` is no target), while a cue heading the list before any
    figure (``Phấn đấu: giảm 2%; …``) still reaches every item."""
    cut = context.rfind(";")
    if cut < 0:
        return context
    out, start = [], 0
    for m in re.finditer(";", context[: cut + 1]):
        item = context[start : m.end()]
        fig = _FIGURE.search(item)
        out.append(item[: fig.start()] + " " * (len(item) - fig.start()) if fig else item)
        start = m.end()
    return "".join(out) + context[start:]


#: the cue noted for a target listed in the paragraph after a goal paragraph
_GOAL_CUE = "a goal paragraph before it"
#: the due year of a goal: "đến năm 2030", "đến hết năm 2030", "vào cuối năm 2030"
_DUE = re.compile(r"(?:(?:đến|tới)\s+(?:hết\s+|cuối\s+)?|vào\s+cuối\s+)(?:năm\s+)?((?:19|20)\d{2})(?![\d/-])", re.I)
#: a figure that is not a year: "11.000", "2%", "05"
_FIGURE = re.compile(r"(?<![\d/.,:-])(?!(?:19|20)\d\d(?![\d.,]\d))\d")


def is_level(indicator: str, unit: str, label: str) -> bool:
    """Return whether a figure is a stock at a point in time (a rate, a count of a household group, a share
    of the poor), whose ``đầu năm Y`` is the review of Y - 1, rather than a flow (coding guide 2.9.1)."""
    return indicator in _LEVELS or (
        indicator == "other" and label.startswith(("share_of_poor", "households_total", "poor_near_poor"))
    )


#: the figure is the value of the goal a result is measured against: "(đạt và) vượt chỉ tiêu giảm nghèo từ 4 – 4,5%"
_GOAL_VALUE = re.compile(
    r"(?:vượt|đạt)\s+(?:mức\s+)?(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu)\s+(?:giảm|tăng)(?:\s+[^\s,;:.\d]+){0,4}\s+(?:từ\s+)?$",
    re.IGNORECASE,
)
#: "sẽ" in the figure's own clause after it, before its verb: "100% hộ nghèo … sẽ được hỗ trợ" (the future)
_FUTURE_AFTER = re.compile(r"[^\d;:()]{0,100}?(?<!\w)sẽ\s+(?:được\s+|tiếp\s+tục\s+)?\w", re.IGNORECASE)
#: "mỗi năm", "hằng năm", "hàng năm" right before a figure: the figure holds for every year
_EACH_YEAR = re.compile(r"(?:mỗi|hằng|hàng)\s+năm(?:\s+\w+){0,3}\s*$", re.IGNORECASE)
#: ... or opening its sentence, up to the first semicolon ("Bình quân mỗi năm, toàn tỉnh triển khai …")
_EACH_YEAR_OPENING = re.compile(
    r"\W*(?:(?:bình|trung)\s+bình\s+|bình\s+quân\s+)?(?:mỗi|hằng|hàng)\s+năm\s*,[^;]*$", re.I
)
#: "Sau 5 năm triển khai", "sau hơn 4 năm thực hiện", "5 năm qua": a review of a programme's years (guide 2.9.2)
_YEARS_ON = re.compile(
    r"(?<!\w)(?:sau|qua)\s+(?:gần\s+|hơn\s+|trên\s+)?(?:\d{1,2}|hai|ba|bốn)\s+năm(?!\s*(?:19|20)\d\d)(?!\w)"
    r"|(?<!\w)(?:\d{1,2}|hai|ba|bốn)\s+năm\s+qua(?!\w)",
    re.IGNORECASE,
)
#: how a year read from "đến nay" / "hiện nay" and the document's date is noted (study.extract.years)
_NOW_HOW = "'đến nay'/'hiện nay'"
_LEVELS = ("poor_households", "near_poor_households", "poor_rate_pct", "near_poor_rate_pct", "poor_near_poor_rate_pct")
#: the start of a year or period, not reached by "đến" ("đầu năm 2022", "đầu giai đoạn"; not "đầu tư")
_START = re.compile(
    r"(?<!đến\s)(?<!tới\s)(?<!với\s)(?<!\w)đầu\s+(?:năm|giai\s+đoạn|kỳ|nhiệm\s+kỳ)(?!\w)"
    r"|(?<!\w)at\s+the\s+(?:beginning|start)\s+of\s+(?:the\s+)?(?:year|term|period|(?:19|20)\d{2})(?!\w)",  # English
    re.IGNORECASE,
)


def _opened_by_start(t: str, lo: int, pos: int) -> bool:
    """Return whether the figure at ``pos`` is dated by a start (``đầu năm``, ``đầu kỳ``) in ``t[lo:pos]`` with no
    later date in between: in ``đầu kỳ … là 27,3%, đến cuối năm 2023 là 21,9%`` only the first figure is."""
    starts = list(_START.finditer(t, lo, pos))
    return bool(starts) and not _LATER_DATE.search(t, starts[-1].end(), pos)


#: a later date between a start and a figure: "đến cuối năm 2023", "hết năm 2024", "năm 2023"
_LATER_DATE = re.compile(r"(?<!\w)(?:đến|tới|hết|cuối|năm)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:19|20)\d{2}", re.I)
#: the start of a period with no year of its own: "đầu kỳ", "đầu giai đoạn" (not "đầu giai đoạn 2021-2025")
_BARE_START = re.compile(
    r"(?<!\w)đầu\s+(?:kỳ|giai\s+đoạn|nhiệm\s+kỳ)(?!\w)(?!\s+(?:19|20)\d{2})(?![^,;]{0,30}?(?:19|20)\d{2})",
    re.IGNORECASE,
)
#: a sentence that moves the account on to a later date: "Đến (hết, cuối) năm 2024, …"
_LATER = re.compile(
    r"\W*(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:19|20)\d{2}"
    r"|\W*(?:However,?\s+)?by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d{2}",  # English: "By 2024, it had fallen to …"
    re.IGNORECASE,
)


def mark_baselines(doc: Doc, facts: list[dict]) -> None:
    """Mark as ``baseline`` the levels that start a comparison (coding guide 2.4), in place.

    A level (a rate or a count of a household group) right after ``so với`` is one (``so với 21,66%
    năm 2021``). So is a level dated at the start of a year or period (``đầu năm 2022``, ``đầu giai
    đoạn``), or followed by a sentence that moves on to a later date (``Đến hết năm 2024, …``), when
    the same indicator comes back later in its paragraph or the next one with a later year (or, after
    ``đầu năm``, the same year): the text compares the two.
    """
    t = doc.years_text
    rows = sorted((f for f in facts if f["indicator"] in _LEVELS), key=lambda f: f["_pos"])
    for i, row in enumerate(rows):
        if row["kind"] != "actual":
            continue
        pos = row["_pos"]
        sent = doc.sentence_of(pos)
        if row["year"] is not None and re.search(r"so\s+với\s*(?:mức\s+)?$", t[max(sent[0], pos - 20) : pos], re.I):
            row["kind"] = "baseline"
            continue
        opened = _opened_by_start(t, clause_start(t, sent[0], pos), pos)
        if row["year"] is None and not opened:  # an undated start ("đầu kỳ", no period named) may still open one
            continue
        line_end = t.find("\n", sent[1])
        if not opened and not _LATER.match(t, sent[1], line_end if line_end >= 0 else len(t)):
            continue
        para_end = t.find("\n", line_end + 1) if line_end >= 0 else len(t)
        while 0 <= para_end < len(t) and not t[line_end:para_end].strip():  # the next non-empty paragraph
            para_end = t.find("\n", para_end + 1)
        para_end = len(t) if para_end < 0 else para_end
        if any(
            later["indicator"] == row["indicator"]
            and later["year"]
            and (row["year"] is None or later["year"] > row["year"] or (opened and later["year"] == row["year"]))
            for later in rows[i + 1 :]
            if later["_pos"] < para_end
        ):
            row["kind"] = "baseline"
            row["note"] = "; ".join(x for x in (row["note"], "start of a comparison with a later year") if x)
