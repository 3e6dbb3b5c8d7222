"""Stage 5 of the fact pipeline: dropping what is not a figure of the place's poverty reduction.

The attachment stage (:mod:`study.extract.attach`) already leaves out shares of a plan and of a
sub-population as ``other`` rows and thresholds (``xã có tỷ lệ hộ nghèo dưới 5%``) as no row. This
stage drops, in addition:

* numbers on an image caption glued to the end of a line (``… còn 1,28%- Ảnh 1.``): page furniture;
* counts and amounts without a poverty word in their clause, or next to words of the economy
  (``GRDP``, ``thu nhập``, ``doanh thu`` …): rates of the household groups always pass; counts of
  the nouns of ``[cues.units]``, of tasks, and ``other`` counts of households and people need the
  poverty word only in their paragraph (so do shares of a plan), and the document's own tasks none;
* an amount per head (``… triệu đồng/người/năm``) passes when :mod:`study.extract.classify` read it
  as the income of the poor;
* multiples (``tăng 1,8 lần``) pass only after ``tăng`` or ``gấp`` (decided by the attachment) and
  when their sentence names the poor or ethnic minorities before them (``thu nhập của hộ nghèo tăng
  1,8 lần``, not the income of all rural people).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.sentences import clause_end, clause_start
from study.extract.vocabulary import ECONOMY_WORDS, POVERTY_WORDS

if TYPE_CHECKING:
    from study.extract.quantities import Quantity

__all__ = ["is_caption", "relevant"]

_CAPTION_END = re.compile(r"[-–]\s*Ảnh\s*\d*\.?\s*$")


def is_caption(t: str, q: Quantity) -> bool:
    """Whether the line of quantity ``q`` ends as an image caption (``… - Ảnh 1.``)."""
    line_end = t.find("\n", q.end)
    return bool(_CAPTION_END.search(t[q.end : line_end if line_end >= 0 else len(t)]))


def relevant(t: str, q: Quantity, indicator: str, unit: str, sent: tuple[int, int], label: str = "") -> bool:
    """Whether a number is about poverty reduction (rates always are; counts and money need context)."""
    if unit == "count" and q.unit == "times":  # a multiple of what the poor have, not of everybody's income
        return bool(re.search(r"nghèo|dân\s+tộc\s+thiểu\s+số|DTTS", t[sent[0] : q.end], re.IGNORECASE))
    if q.unit == "income":  # an income per head: its clause named it (classify)
        return True
    if (
        indicator.endswith("_rate_pct")
        or indicator.endswith("_reduction_pp")
        or indicator in ("poor_households", "near_poor_households", "poor_households_reduction")
        or label.startswith("area_")  # a region's rate, count or fall of a household group (classify.sub_area)
        or label.startswith("access_")  # a share with a basic service of the poverty standard (classify.access_share)
    ):
        return True
    c0, c1 = clause_start(t, sent[0], q.qual_start), clause_end(t, q.end, sent[1])
    near_before = t[max(c0, q.qual_start - 60) : q.qual_start]
    if ECONOMY_WORDS.search(near_before):
        return False
    if q.unit == "tasks":  # "đề ra 4 nhóm giải pháp": the tasks the document sets (coding guide 2.4)
        return True
    counted = indicator in ("other", "workers_supported") and q.unit in ("households", "people")
    planned = label.startswith("plan_")  # "huyện A đạt 103%" in a list after "đạt kế hoạch như:"
    if q.unit in ("noun", "count") or counted or planned:
        # a count of what the poor are given or of the programme's means ("14 dự án liên kết chuỗi giá trị
        # cũng được triển khai", "giải quyết đất ở cho 906 hộ"): the gold codes every figure of a poverty
        # text (coding guide 2.7.1), so its paragraph (line) being about poverty is enough
        a, b = t.rfind("\n", 0, sent[0]) + 1, t.find("\n", sent[1])
        return bool(POVERTY_WORDS.search(t[a : b if b >= 0 else len(t)]))
    return bool(POVERTY_WORDS.search(t[c0:c1]))
