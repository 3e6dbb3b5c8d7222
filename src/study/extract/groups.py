"""The household group a figure speaks of, read from the words around it.

Helpers of the indicator attachment (:mod:`study.extract.attach`, :mod:`study.extract.counts`): the
group a group noun names (``hộ nghèo``, ``HCN``, ``nghèo đa chiều``), the subject that carries over in
a sentence, the group of the sentence before (a subject that points back, ``con số này``; a region
breaking a total down), and the indicator of a rate or a fall of a group.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.vocabulary import AREAS, GROUP_NOUN

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = [
    "HEDGE",
    "HEDGE_ONLY",
    "area_group",
    "fall",
    "group_before",
    "household_group",
    "last_exit",
    "rate",
    "referred_group",
    "subject_before",
]

_I = re.IGNORECASE
#: the hedges and level words allowed between a noun and its number
HEDGE = r"(?:khoảng|hơn|gần|trên|dưới|chỉ|còn|ở\s+mức|mức)?\s*"
#: the hedges alone
HEDGE_ONLY = r"(?:khoảng|hơn|gần|trên|dưới)?\s*"


def household_group(words: str | None) -> str:
    """Return ``poor``, ``near_poor``, ``poor_near_poor`` or ``""`` for the words naming a household group.

    ``HN`` and ``HCN`` are the abbreviations of *hộ nghèo* and *hộ cận nghèo*; *nghèo đa chiều* (the
    multidimensional poor) counts poor and near-poor households together.
    """
    g = " ".join((words or "").lower().split())
    g = {"hn": "nghèo", "hcn": "cận nghèo"}.get(g, g)
    if "cận" in g and "nghèo" in g.replace("cận nghèo", ""):
        return "poor_near_poor"
    if "đa chiều" in g:
        return "poor_near_poor"
    if "cận" in g:
        return "near_poor"
    if "nghèo" in g:
        return "poor"
    return ""


def subject_before(text: str) -> tuple[str, re.Match | None]:
    """Return the group of the last group noun in ``text`` (the subject that carries over) and its match."""
    last = None
    for last in GROUP_NOUN.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    if last is None:
        return "", None
    return household_group(last.group("g")), last


def last_exit(text: str) -> str:
    """Return the group the last households leaving a group leave (``thoát (cận) nghèo``), or ``""``."""
    found = re.findall(r"thoát\s+(cận\s+nghèo|nghèo)(?!\w)", text, _I)
    return found[-1] if found else ""


#: a subject that points back to the previous sentence: "con số này", "tỷ lệ này", "số hộ này"
_ANAPHOR = re.compile(r"(?<!\w)(?:con\s+số|tỷ\s+lệ|số\s+hộ|số\s+lượng)\s+(?:nói\s+trên\s+|trên\s+)?này(?!\w)", _I)


def referred_group(doc: Doc, sent: tuple[int, int], before: str) -> str:
    """Return the group a subject such as ``con số này`` (this figure) in ``before`` refers to, or ``""``.

    ``Năm 2021 còn 1.526 hộ nghèo. Đến năm 2022, con số này giảm xuống còn 258 hộ``: the group named
    last in the sentence before (in the same or the previous paragraph).
    """
    if not _ANAPHOR.search(before) or GROUP_NOUN.search(before[_ANAPHOR.search(before).end() :]):
        return ""
    previous = doc.sentence_before(sent)
    return subject_before(doc.numbers_text[previous[0] : previous[1]])[0] if previous else ""


def group_before(doc: Doc, sent: tuple[int, int]) -> str:
    """Return the group named last in the sentence before ``sent`` (in its paragraph or the one before), or ``""``."""
    previous = doc.sentence_before(sent)
    if previous is None or doc.numbers_text[previous[1] : sent[0]].count("\n") > 2:
        return ""
    return subject_before(doc.numbers_text[previous[0] : previous[1]])[0]


def area_group(doc: Doc, sent: tuple[int, int], head: str) -> str:
    """Return the group of the sentence before when ``head`` breaks it down by region, or ``""``.

    ``Tổng số hộ nghèo là 3.400 hộ, chiếm 0,9%. Trong đó, khu vực thành thị là 700 hộ, chiếm 0,6%``: the
    region's count and rate are of the poor (:func:`study.extract.classify.sub_area` makes them the region's).
    """
    if not AREAS.search(head) or GROUP_NOUN.search(head):
        return ""
    previous = doc.sentence_before(sent)
    return subject_before(doc.numbers_text[previous[0] : previous[1]])[0] if previous else ""


def rate(group: str) -> tuple[str, str, str]:
    if group in ("poor", "near_poor", "poor_near_poor"):
        return f"{group}_rate_pct", "pct", ""
    return "other", "pct", "share_pct"


def fall(group: str, per_year: bool) -> tuple[str, str, str]:
    unit = "pp_per_year" if per_year else "pp"
    if group == "poor":
        return "poor_rate_reduction_pp", unit, ""
    return "other", unit, f"{group or 'rate'}_rate_reduction_pp"
