"""Indicator attachment for counts of households: which group a count of ``hộ`` belongs to.

Called by :func:`study.extract.attach.attach` for numbers whose unit is households: household-times
(``lượt hộ``), houses given as households, totals of all households, beneficiaries, the group after
``hộ`` or named before the number, the count after a rate (``5,0% với 12.855 hộ``), falls and
households leaving or entering a group, and ``còn / là / tương đương N hộ`` after a level.
Returns ``(indicator, unit, label)`` or ``None``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.groups import HEDGE, HEDGE_ONLY, group_before, household_group, referred_group, subject_before
from study.extract.vocabulary import HOUSING, SUBGROUP_AFTER, SUBGROUP_BEFORE

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = ["households"]

_I = re.IGNORECASE
#: the verb of households leaving poverty after the group they leave, with no other group between
#: ("500 hộ nghèo dân tộc thiểu số thoát nghèo"; not "hộ nghèo, hộ mới thoát nghèo", a list of groups)
_EXITS = re.compile(r"(?:(?!\s*(?:hộ|,|và))[^;.()\d]){0,40}?(?<!\w)thoát\s+(?:khỏi\s+)?(?:cảnh\s+)?nghèo", _I)


def households(doc: Doc, q: Quantity, sent: tuple[int, int], prev_end: int) -> tuple[str, str, str] | None:
    t = doc.numbers_text
    after = t[q.end : min(sent[1], q.end + 90)]
    near = t[max(sent[0], q.qual_start - 60) : q.qual_start]
    clause_before = t[sent[0] : q.qual_start]
    if re.search(r"lượt", t[q.start : q.end], _I) or re.match(r"\s*lượt", after, _I):
        # "23.400 lượt hộ nghèo được vay vốn": household-times served, never the stock of a group
        credit = re.search(r"vay|tín\s+dụng|dư\s+nợ", clause_before + after, _I)
        return "other", "households", "credit_borrower_household_turns" if credit else "household_turns"
    if HOUSING.search(t[max(sent[0], q.qual_start - 80) : q.qual_start]) or re.match(
        r"\s*(?:nghèo|cận\s+nghèo|,|\s)*[^.;]{0,20}được\s+hỗ\s+trợ\s+(?:xây\s+(?:dựng|mới)\s+|sửa\s+chữa\s+)?nhà",
        after,
        _I,
    ):
        return "houses_supported", "households", ""
    if re.search(r"tổng\s+số\s*$", near, _I) and not re.match(r"\s*(?:hộ\s+)?(?:cận\s+)?nghèo", after, _I):
        return "other", "households", "households_total"  # "… trong tổng số 506.184 hộ": all households
    if re.search(r"(?<!\w)(?:cho|với)\s*" + HEDGE + "$", near, _I) and re.match(r"\s*(?:cận\s+)?nghèo", after, _I):
        return "other", "households", "supported_households"  # beneficiaries: "hỗ trợ cho 3.000 hộ nghèo"
    # the group right after "hộ", skipping a bracket ("5.944 hộ (khoảng 13.700 người) cận nghèo")
    am = re.match(
        r"\s*(?:\([^()]{0,60}\)\s*)?(?:thuộc\s+(?:diện\s+)?)?(?:hộ\s+)?(?P<g>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|"
        r"cận\s+nghèo|nghèo)(?P<rest>[^;]{0,60})",
        after,
        _I,
    )
    direct = re.match(r"\s*(?:cận\s+nghèo|nghèo)", after, _I)
    reduction = re.search(r"(?<!\w)giảm(?:\s+(?:được|thêm|khoảng|từ))*\s*" + HEDGE_ONLY + "$", near, _I)
    if re.search(r"(?<!\w)từ\s*" + HEDGE_ONLY + "$", t[max(sent[0], q.start - 30) : q.start], _I) and re.match(
        r"[^.;]{0,40}?(?<!\w)xuống\s+(?:còn\s+)?" + HEDGE_ONLY + r"\d", after, _I
    ):
        # "số hộ nghèo giảm từ 3.586 hộ, chiếm 10,7% xuống còn 2.900 hộ": the start of a fall, a level
        group, _found = subject_before(clause_before)
        if group in ("poor", "near_poor"):
            return f"{group}_households", "households", ""
        reduction = None
    if am:
        group = household_group(am.group("g"))
        if direct and SUBGROUP_AFTER.match(am.group("rest")):
            return "other", "households", f"{group}_subgroup_households"
        if direct and _EXITS.match(am.group("rest")):
            return "other", "households", "households_exited_poverty"  # "giúp 500 hộ nghèo DTTS thoát nghèo"
        if group == "near_poor" and reduction:
            return "other", "households", "near_poor_households_reduction"
        if (
            direct
            and group == "poor"
            and re.search(r"trong\s+đó\s+(?:có\s+)?$", near, _I)
            and re.search(r"(?<!\w)giảm\s*" + HEDGE + r"[\d.,]+\s+hộ", clause_before, _I)
        ):
            return "poor_households_reduction", "households", ""  # "giảm 2.800 hộ nghèo, trong đó có 1.000 hộ nghèo …"
        if not direct and group in ("poor", "near_poor"):
            return f"{group}_households", "households", ""
        return None
    # 1. the count after a rate: "tỷ lệ hộ nghèo 5,0% với 12.855 hộ", "… 4,4% (tương đương 1.485 hộ)" → the
    # count of the rate's group
    wm = re.search(
        r"\d\s*%\s*(?:\)?\s*,?\s*với|\(\s*(?:(?:tương\s+đương|tương\s+ứng)\s*(?:với\s*)?)?)\s*" + HEDGE_ONLY + "$",
        near,
        _I,
    )
    if wm and not re.match(r"\s*(?:cận\s+)?nghèo", after, _I):
        head = clause_before[: len(clause_before) - (len(near) - wm.start())]
        head = head[head.rfind(";") + 1 :]
        since = re.split(r"\d", head)[-1]  # the words since the number before the rate, else the clause
        group, found = subject_before(since)
        if found is None:
            group, found = subject_before(head)
            since = head
        verbs = re.findall(r"(?<!\w)(giảm|tăng|thoát|còn|xuống)(?!\w)", since[found.start() :] if found else "", _I)
        last = verbs[-1].lower() if verbs else ""
        bracket = "(" in near[wm.start() :]
        if found is not None and (not verbs or bracket and last in ("còn", "xuống")):
            # a level, also the level a fall reached: "giảm còn 2,5% (1.200 hộ)"
            if group in ("poor", "near_poor"):
                return f"{group}_households", "households", ""
            if group == "poor_near_poor":
                return "other", "households", "poor_near_poor_households"
        if found is not None and bracket and last == "giảm":  # "giảm 1,5% (640 hộ)": the fall in households
            if group == "poor":
                return "poor_households_reduction", "households", ""
            if group in ("near_poor", "poor_near_poor"):
                return "other", "households", f"{group}_households_reduction"
    # 2. the noun before the number
    nm = re.search(
        r"(?:số\s+)?hộ\s+(?P<g>cận\s+nghèo|nghèo)(?P<mid>[^\d;:]{0,60}?)\s*(?:là|có|còn|:)?\s*" + HEDGE + "$",
        near,
        _I,
    )
    if nm:
        if SUBGROUP_BEFORE.search(nm.group("mid")):
            return "other", "households", f"{household_group(nm.group('g'))}_subgroup_households"
        mid = nm.group("mid")
        before_group = near[max(0, nm.start() - 15) : nm.start()]
        for pattern, label in (
            (r"thoát", "households_exited_poverty"),
            (r"phát\s+sinh", "new_poor_households"),
            (r"tái", "returned_to_poverty_households"),
            (r"chuyển", "households_moved_between_groups"),
        ):
            if re.search(pattern, mid + " " + before_group, _I):
                return "other", "households", label
        if re.search(r"(?<!\w)giảm(?!\s+(?:xuống\s+)?còn)", near[nm.start("mid") :], _I):
            if household_group(nm.group("g")) == "poor":
                return "poor_households_reduction", "households", ""
            return "other", "households", "near_poor_households_reduction"
        if re.search(r"(?<!\w)(?:cho|với)\s*" + HEDGE + "$", near, _I):
            return None
        group = household_group(nm.group("g"))
        if reduction:
            return None
        return f"{group}_households", "households", ""
    # "giảm 13.276 hộ" after the subject: a fall of the subject's households
    if reduction and re.match(r"\s*(?:[,;.)]|$)", after):
        group, found = subject_before(clause_before)
        if found is None and re.search(r"(?<!\w)số\s+hộ\s+giảm", near, _I):
            group = group_before(doc, sent)  # "…, tương ứng với số hộ giảm 3.415 hộ": the group named before
        if group == "poor":
            return "poor_households_reduction", "households", ""
        if group in ("near_poor", "poor_near_poor"):
            return "other", "households", f"{group}_households_reduction"
    # "… còn N hộ", "giảm xuống còn N hộ", "tương đương (khoảng) N hộ" after a level
    lm = re.search(
        r"(?:(?<!\w)còn|chỉ\s+có|có\s+tới|(?<!\w)là|tương\s+đương|tương\s+ứng)\s*(?:với\s+)?" + HEDGE + "$", near, _I
    )
    if lm:
        head = clause_before[: len(clause_before) - (len(near) - lm.start())]
        if re.search(r"(?:tương\s+đương|tương\s+ứng)", lm.group(0), _I):
            verbs = list(re.finditer(r"(?<!\w)(giảm|còn|xuống)(?!\w)", head[-80:], _I))
            if (
                not verbs
                or verbs[-1].group(1).lower() == "giảm"
                and not re.search(r"giảm\s+(?:xuống\s+)?còn", head[-80:], _I)
            ):
                return None  # "giảm 3,3%, tương ứng 640 hộ": a reduction (older rules)
        # the subject is looked for in the number's clause: after ";" a new subject starts
        head = head[max(head.rfind(";"), head.rfind(":")) + 1 :]
        group, found = subject_before(head)
        if found is not None and re.search(
            r"thoát|phát\s+sinh|tái|được|cho|chuyển", head[max(0, found.start() - 12) : found.end() + 25], _I
        ):
            return None
        group = group or referred_group(doc, sent, head)
        if group in ("poor", "near_poor"):
            return f"{group}_households", "households", ""
    return None
