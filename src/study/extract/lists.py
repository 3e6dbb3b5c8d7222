"""Figures of a list whose indicator is named once, in the clause that opens the list.

``Năm 2024, toàn tỉnh giảm 1.500 hộ nghèo, trong đó: xã A 120 hộ, xã B 85 hộ, thị trấn C 40 hộ`` and
``Tỷ lệ hộ nghèo các huyện như sau: huyện A 4,2%, huyện B 6,1%``: each item is a named unit followed by
a bare figure, and takes the indicator of the opening clause (a fall, a stock or a rate of the poor or
near-poor), while its scope is the unit's (:mod:`study.extract.scope`) and its year the clause's. The
opening clause ends with a colon, ``trong đó``, ``gồm``, ``cụ thể`` or ``như sau`` (in its sentence, or
as the line or sentence before the list).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.attach import subject_before
from study.extract.vocabulary import SUBGROUP_AFTER, SUBUNIT

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = ["list_item"]

_I = re.IGNORECASE
#: A list item: a named unit right before its figure, with at most a colon or a link word between
_ITEM = re.compile(rf"(?:^|[,;:(]|\s(?:và|và\s+ở|là))\s*(?:{SUBUNIT.pattern})\s*(?::|là|có)?\s*$")
#: The words that close the clause opening a list ("…, trong đó:", "… như sau:", "Cụ thể:")
_OPENER = re.compile(r"(?:trong\s+đó|bao\s+gồm|gồm|cụ\s+thể(?:\s+là)?|như\s+sau)\s*:?|:", _I)
#: A ";" and a few words (no figure, no group) that lead into a breakdown ("; nhiều nhất là")
_LEAD = re.compile(r";\s*(?:[^\W\d]+\s+){0,3}?(?:là|có|gồm|ở|tại)\s+", _I)
#: Only items between the opener and the figure: units, figures, commas and link words
_ITEMS_ONLY = re.compile(rf"(?:\s|[,;:()%.]|\d|(?:{SUBUNIT.pattern})|(?i:hộ|và|là|có)(?!\w))*")
_FALL = re.compile(r"(?<!\w)(?:giảm(?!\s+(?:xuống\s+)?còn)(?![^\d,;]*\s+để\s)|thoát\s+nghèo)(?!\w)", _I)
#: Words after the group noun that narrow it ("hộ nghèo … có nhu cầu vay vốn", "… được hỗ trợ")
_NARROWER = re.compile(r"[^,;:\d]{0,60}?(?<!\w)(?:có\s+nhu\s+cầu|được|cần)(?!\w)", _I)


def _opening(doc: Doc, sent: tuple[int, int], pos: int) -> str:
    """Return the clause that opens the list holding the item at ``pos``, or ``""``."""
    t = doc.numbers_text
    openers = list(_OPENER.finditer(t, sent[0], pos))
    for m in reversed(openers):
        if _ITEMS_ONLY.fullmatch(t, m.end(), pos):
            head = t[sent[0] : m.start()]
            if head.strip():
                return head
            break  # "Cụ thể: huyện A 420 hộ, …": the sentence before opens the list
    else:
        if not _ITEMS_ONLY.fullmatch(t, sent[0], pos):
            # "giảm 418 hộ nghèo; nhiều nhất là xã A 96 hộ, xã B 90 hộ": a total, then after ";" a few
            # words that introduce its breakdown by named units
            for m in reversed(list(_LEAD.finditer(t, sent[0], pos))):
                if _ITEMS_ONLY.fullmatch(t, m.end(), pos) and _ITEM.search(t, m.start(), pos):
                    head = t[sent[0] : m.start()]
                    return head if re.search(r"\d", head) else ""
            return ""
    before = doc.sentence_before(sent)
    return t[before[0] : before[1]] if before else ""


def list_item(doc: Doc, q: Quantity, sent: tuple[int, int], prev_end: int) -> tuple[str, str, str] | None:
    """Return ``(indicator, unit, label)`` of a bare figure listed after a named unit, or None."""
    if q.unit not in ("households", "pct"):
        return None
    t = doc.numbers_text
    if re.match(r"\s*(?:hộ\s+)?(?:cận\s+nghèo|nghèo|dân|đồng\s+bào|DTTS)", t[q.end : q.end + 20], _I):
        return None  # the item names its own group
    if not _ITEM.search(t, max(sent[0], prev_end), q.qual_start):
        return None
    opening = _opening(doc, sent, q.qual_start)
    group, found = subject_before(opening)
    if found is None or group not in ("poor", "near_poor", "poor_near_poor"):
        return None
    if SUBGROUP_AFTER.match(opening, found.end()) or _NARROWER.match(opening, found.end()):
        return None  # "số hộ nghèo … có nhu cầu tiếp cận nguồn vốn gồm: …": a narrower group (coded `other`)
    # a fall when "giảm" governs the group ("giảm 1.500 hộ nghèo", "tỷ lệ hộ nghèo giảm 2,1%"), not the
    # purpose of a programme ("… để giảm nghèo gồm:")
    fall = bool(_FALL.search(opening[max(0, found.start() - 40) : found.start()])) or bool(
        re.match(
            r"[^,;:\d]{0,30}?(?<!\w)giảm\s*(?:được\s+)?(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?\d",
            opening[found.end() :],
            _I,
        )
    )
    if q.unit == "pct":
        if fall:
            return (
                ("poor_rate_reduction_pp", "pp", "")
                if group == "poor"
                else ("other", "pp", f"{group}_rate_reduction_pp")
            )
        return f"{group}_rate_pct", "pct", ""
    if fall:
        if group == "poor":
            return "poor_households_reduction", "households", ""
        return "other", "households", f"{group}_households_reduction"
    if group in ("poor", "near_poor"):
        return f"{group}_households", "households", ""
    return "other", "households", "poor_near_poor_households"
