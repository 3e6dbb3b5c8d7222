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
  Y`` alone gives the year after Y; last come the period, the programme year and the date of the
  document (for an undated text, the latest year it names);
* **scope**: a group (``dân tộc thiểu số``, ``các huyện nghèo``, ``cả nước``), a named district or
  commune just before the number, a national decision quoted in brackets, else the level of the
  document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from study.extract.classify import last_match
from study.extract.vocabulary import SUBUNIT, decision_key
from study.extract.years import (
    FromToPairs,
    YearIndex,
    document_period,
    first_period,
    kind_from_cues,
    latest_year,
    period_of,
    review_year,
    year_exprs,
    year_fallback,
    year_for,
)

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = ["Context", "Resolution", "context", "resolve", "scope_of"]


@dataclass
class Context:
    """What the resolution of every number of one document needs: its years, pairs and defaults."""

    doc: Doc
    meta: dict
    exprs: YearIndex
    pairs: FromToPairs
    period: tuple[int, int] | None
    doc_year: int | None
    text_year: int | None
    default_kind: str


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
    text_year = doc_year or latest_year(doc.years_text)  # an undated text: the latest year it names
    # "now" is the year of the document's date; an undated text that reports a household review of a
    # named year ("kết quả rà soát hộ nghèo năm 2021") speaks as of that year
    now_year = doc_year if meta.get("doc_date") else (review_year(doc.years_text) or text_year)
    exprs = year_exprs(doc.years_text, now_year)
    return Context(
        doc=doc,
        meta=meta,
        exprs=exprs,
        pairs=FromToPairs(),
        period=document_period(doc, exprs),
        doc_year=doc_year,
        text_year=text_year,
        default_kind="target" if meta["kind"] in ("plan", "directive", "resolution") else "actual",
    )


def scope_of(doc: Doc, meta: dict, q_start: int, sent: tuple[int, int]) -> str:
    """Return the scope of a number: a group, a named district or commune, or the level of the document."""
    t = doc.numbers_text
    before = t[max(sent[0], q_start - 90) : q_start]
    if re.search(r"dân\s+tộc\s+thiểu\s+số|DTTS", before, re.IGNORECASE):
        return "ethnic_minority"
    if re.search(r"các\s+huyện\s+nghèo|huyện\s+nghèo\s+(?:của|trên)", before, re.IGNORECASE):
        return "poor_districts"
    if re.search(r"cả\s+nước|toàn\s+quốc", before, re.IGNORECASE):
        return "national"
    sub = last_match(SUBUNIT, doc.content[max(sent[0], q_start - 90) : q_start])
    if sub:
        level = " ".join(sub.group("level").lower().split())
        name = sub.group("name")
        if meta["locality_level"] == "province" and level in ("huyện", "thị xã"):
            return f"district:{name}"
        if level == "xã":
            return f"commune:{name}"
    return meta["locality_level"]


def resolve(ctx: Context, q: Quantity, sent: tuple[int, int], indicator: str, unit: str, label: str) -> Resolution:
    """Return the year, kind and scope of quantity ``q`` in sentence ``sent``, given its indicator and unit."""
    doc, meta = ctx.doc, ctx.meta
    t = doc.numbers_text
    before = t[sent[0] : q.qual_start]
    if label == "tasks_count":
        kind, cue = "actual", ""
    else:
        kind, cue = kind_from_cues(before, ctx.doc_year, ctx.default_kind, doc.terms.kind_cue)
    year, year_end, how = year_for(doc, ctx.exprs, q, sent)
    if q.per_year or year is None:
        fb = year_fallback(doc, meta, ctx.exprs, q, sent, kind, ctx.pairs)
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
    if year is None and kind != "target":  # "giảm 5,96% so với năm 2022": the year after
        compare = [e for e in ctx.exprs.starting_in(sent[0], sent[1]) if e.kind == "compare" and e.year]
        if compare:
            year, how = compare[0].year + 1, "year after the year of the comparison"
    scope = scope_of(doc, meta, q.qual_start, sent)
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
    if label == "tasks_count":
        year, year_end, how = None, None, ""  # a count describing the document itself
    if year is None and ctx.period and scope != "national" and label != "tasks_count" and not meta["_programme_year"]:
        level = unit == "pct" and kind == "target" and not q.per_year
        year, year_end = (ctx.period[1], None) if level else ctx.period
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
    if how:
        notes.append(how)
    if cue:
        notes.append(f"kind from '{cue}'")
    return Resolution(year, year_end, kind, scope, notes)
