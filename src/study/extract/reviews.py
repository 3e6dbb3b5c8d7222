"""The household reviews a text reports, and the year they give to the levels stated with them.

Coding guide 2.9.1: *hiện có*, *hiện còn*, *hiện nay*, *đến nay* (and a level with no year of its own,
``toàn tỉnh có …``, ``… còn …``) take the year of the review whose results the sentence or its
paragraph reports (``phê duyệt kết quả rà soát hộ nghèo, hộ cận nghèo năm 2021 … Theo đó, toàn tỉnh
hiện có …`` → 2021), whether or not the text is dated; else the year of the document's date; in an
undated text that names no review, none.

* :func:`review_year`: the review a whole (undated) text reports: the one named in the lead, else the
  latest it names;
* :func:`reviews` and :func:`review_at`: the reviews whose results a text reports (a review named
  after ``kết quả``, ``theo``, ``qua`` …, ``[cues.review] results`` of ``measure_terms.toml``), and the
  one that the sentence of a figure, its paragraph before it, or the paragraph it continues
  (``Theo đó``, ``Trong đó``, after a colon) names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from study.extract.numbers import YEAR_PATTERN as _YR
from study.extract.vocabulary import REVIEW_RESULT
from study.extract.years import continued_paragraph, lead_end

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = ["REVIEW", "lead_review", "review_at", "review_year", "reviews"]

#: The household review a text names, with its year: ``kết quả rà soát hộ nghèo năm 2021``, ``theo
#: kết quả rà soát cuối năm 2023``, ``qua rà soát hộ nghèo, cận nghèo cuối 2023``, ``điều tra, rà soát …
#: năm 2023``; English ``the 2023 poverty review``, ``review of poor households in 2023``. Not a
#: period (``theo chuẩn nghèo giai đoạn 2022-2025``), which dates no review.
REVIEW = re.compile(
    rf"rà\s+soát[^.\n]{{0,120}}?(?:(?:năm|cuối|hết)\s+(?:năm\s+)?|kỳ\s+)(?P<y1>{_YR})(?!\s*[-–]\s*\d)"
    rf"|(?P<y2>{_YR})\s+(?:household\s+|poverty\s+|poor\s+household\s+)*(?:review|survey)"
    rf"|(?:review|survey)\s+of\s+poor(?:\s+and\s+near-poor)?\s+households\s+(?:in|at\s+the\s+end\s+of)\s+(?P<y3>{_YR})",
    re.IGNORECASE,
)


def _year(m: re.Match) -> int:
    return int(m.group("y1") or m.group("y2") or m.group("y3"))


def review_year(text: str) -> int | None:
    """Return the year of the household review a text reports (coding guide 2.9.1).

    The review named in the lead (the first 800 characters) first, else the latest review the text
    names (``Theo kết quả rà soát cuối năm 2023, toàn tỉnh còn …`` further down).
    """
    years = [_year(m) for m in REVIEW.finditer(text)]
    lead = [_year(m) for m in REVIEW.finditer(text[:800])]
    return lead[0] if lead else (max(years) if years else None)


def reviews(text: str) -> list[tuple[int, int]]:
    """Return ``(start, year)`` of every review whose results ``text`` reports, in the order of the text.

    A review counts when one of ``[cues.review] results`` (``kết quả``, ``theo``, ``qua``, ``phê
    duyệt`` …) comes right before its ``rà soát`` (``Theo kết quả rà soát hộ nghèo năm 2024``), or
    when it is named in English; a review announced or planned (``tổ chức rà soát hộ nghèo năm
    2025``) reports no results.
    """
    out = []
    for m in REVIEW.finditer(text):
        if m.group("y1") and not REVIEW_RESULT.search(text[max(0, m.start() - 40) : m.start()]):
            continue
        out.append((m.start(), _year(m)))
    return out


def review_at(doc: Doc, found: list[tuple[int, int]], pos: int) -> int | None:
    """Return the year of the review whose results are reported where the figure at ``pos`` stands.

    The review named in the figure's sentence (before or after it), else the last one named before it
    in its paragraph, else the last one of the paragraph its paragraph continues (``Theo đó``, ``Trong
    đó``, ``Cụ thể``, after a colon; up to three paragraphs back, each continuing the one before).
    """
    if not found:
        return None
    starts = [s for s, _y in found]

    def within(lo: int, hi: int) -> list[int]:
        return [y for _s, y in found[bisect_left(starts, lo) : bisect_left(starts, hi)]]

    sent = doc.sentence_of(pos)
    para = doc.line_start(pos)
    here = within(para, pos) or within(sent[0], sent[1])
    if here:
        return here[-1]
    lo = para
    for _ in range(3):
        before = continued_paragraph(doc, lo)
        if before is None:
            return None
        named = within(*before)
        if named:
            return named[-1]
        lo = before[0]
    return None


def lead_review(doc: Doc, found: list[tuple[int, int]]) -> int | None:
    """Return the year of the review whose results the headline or lead reports, or None.

    A text that opens by reporting a review (``UBND tỉnh phê duyệt kết quả rà soát hộ nghèo năm 2021``)
    reports its results throughout: the ``hiện có`` of each district listed further down, after a
    caption or a heading, is that review's too (coding guide 2.9.1), when nothing nearer dates it.
    """
    end = lead_end(doc)
    named = [y for s, y in found if s < end]
    return named[0] if named else None
