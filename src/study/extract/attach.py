"""Indicator attachment: which indicator a number belongs to, read from its governing noun phrase.

This stage runs before the older word-window rules of :mod:`study.extract.classify` and decides the
cases that ordinary Vietnamese reporting writes around a number, in the order of the issue that
introduced it:

1. a rate that belongs to the count before it (``N hộ cận nghèo, chiếm X%``, ``258 hộ (0,067%)``);
2. the noun before the number (``hộ cận nghèo là N hộ``, ``hộ nghèo dân tộc Khmer N hộ``,
   ``… còn N hộ``, ``N hộ (…) thuộc diện hộ nghèo``);
3. coordinated clauses: the subject (``hộ nghèo``, ``hộ cận nghèo``) carries over to the following
   figures until a new one appears (``tỷ lệ hộ nghèo 1,77%, cận nghèo 2,14%``);
4. percentages that are not rates of the province: shares of a plan (``đạt 140,4% kế hoạch``) and
   of a sub-population (``chiếm 13% so với tổng số hộ nghèo``);
5. reductions versus levels (``giảm X% hộ nghèo``, ``thấp hơn X% so với năm …``, ``còn X% hộ
   nghèo``), and counts of a reduction of near-poor households.

Every function returns ``(indicator, unit, label)`` or ``None`` when it has nothing to say, so
that the next rule can try. The words come from :mod:`study.extract.vocabulary`. This module reads
percentages; counts of households are read by :mod:`study.extract.counts`, and the group of a sentence
(its subject, the sentence before) by :mod:`study.extract.groups`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.counts import households
from study.extract.groups import (
    HEDGE,
    HEDGE_ONLY,
    area_group,
    fall,
    group_before,
    household_group,
    last_exit,
    rate,
    referred_group,
    subject_before,
)
from study.extract.vocabulary import (
    AREAS,
    BARE_COUNT,
    CREDIT_LOANS,
    CREDIT_OVERDUE,
    GROUP_NOUN,
    PER_YEAR,
    PLAN_AFTER,
    PLAN_EXCEEDED,
    PLAN_WORD,
    SUBGROUP_AFTER,
    SUBGROUP_BEFORE,
)

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = ["attach", "household_group", "referred_group", "subject_before"]

_I = re.IGNORECASE


def _pct(doc: Doc, q: Quantity, sent: tuple[int, int], prev_end: int) -> tuple[str, str, str] | None:
    t = doc.numbers_text
    after = t[q.end : min(sent[1], q.end + 80)]
    near = t[max(sent[0], q.qual_start - 40) : q.qual_start]
    near_q = t[max(sent[0], q.start - 40) : q.start]  # with the qualifier ("thấp hơn 1,89%")
    segment = t[max(sent[0], prev_end) : q.qual_start]  # words since the previous number
    if re.search(r"(?:xã|huyện|đơn\s+vị|địa\s+phương)[^,;]{0,25}có\s+tỷ\s+lệ[^,;\d]{0,25}$", near, _I):
        return "skip", "", ""  # a threshold ("xã có tỷ lệ hộ nghèo dưới 5%"), not a rate
    if re.search(
        r"\d\s+(?:xã|huyện|thôn|bản|ấp|làng|đơn\s+vị|địa\s+phương)[^,;\d]{0,25}tỷ\s+lệ[^,;\d]{0,25}(?:trên|dưới)\s*$",
        near_q,
        _I,
    ):
        return "skip", "", ""  # units counted by a threshold ("có 11 xã tỷ lệ hộ nghèo trên 25%"), not a rate
    clause_before = t[sent[0] : q.qual_start]
    # "giảm bình quân 9,7%": an average, per year of the period it runs over (coding guide 2.9.4)
    per_year = (
        q.per_year
        or bool(PER_YEAR.search(t[q.end : q.end + 20]))
        or bool(re.search(r"giảm\s+bình\s+quân\s*$", near_q, _I))
    )
    # credit programmes: "nợ quá hạn chiếm 0,12% tổng dư nợ", "tổng dư nợ … tăng 8,2% so với năm 2027"
    if re.search(r"(?:chiếm|là|còn)\s*(?:tỷ\s+lệ\s+)?" + HEDGE + "$", near, _I) and CREDIT_OVERDUE.search(segment):
        return "other", "pct", "overdue_loans_share_pct"
    if re.search(r"(?<!\w)tăng\s*" + HEDGE + "$", near, _I) and CREDIT_LOANS.search(clause_before):
        if not GROUP_NOUN.search(clause_before, CREDIT_LOANS.search(clause_before).end()):
            return "other", "pct", "loans_growth_pct"
    # 4. shares of a plan or of the previous year's result: not a rate of the province
    if PLAN_AFTER.match(after):
        if re.search(r"so\s+với\s*(?:mức\s+)?$", near_q, _I):
            # "giảm 3% so với 1,8% kế hoạch giao": the planned value of the figure compared (a target)
            group = subject_before(clause_before)[0] or ("poor" if "nghèo" in clause_before.lower() else "")
            if re.search(r"(?<!\w)giảm(?!\s+(?:xuống\s+)?còn)[^;]*so\s+với\s*$", near_q, _I) and group:
                return fall(group, per_year)
            return rate(group) if group else ("other", "pct", "planned_value_pct")
        if re.search(r"(?<!\w)vượt\s*" + HEDGE_ONLY + "$", near, _I):
            return "other", "pct", "plan_exceeded_pct"  # "vượt 0,5% so với Nghị quyết": above the plan
        if re.search(r"(?:đạt|bằng|vượt|đạt\s+tỷ\s+lệ)\s*(?:khoảng|hơn|gần|trên)?\s*$", near, _I) or re.search(
            r"(?:^|[(,;])\s*$|\w+\s+$", segment
        ):
            return "other", "pct", "plan_achievement_pct"
    if re.search(r"(?:chỉ\s+tiêu|mục\s+tiêu|kế\s+hoạch)\s+giảm\s+nghèo\s*(?:là\s+|đạt\s+)?" + HEDGE + "$", near_q, _I):
        return fall("poor", per_year)  # "vượt chỉ tiêu giảm nghèo 4 - 4,5%": the planned fall, not the excess
    if PLAN_EXCEEDED.search(near_q):
        return "other", "pct", "plan_exceeded_pct"  # "vượt chỉ tiêu 0,2%", "vượt kế hoạch tỉnh giao 15%"
    if (
        re.search(r"(?<!\w)đạt\s*" + HEDGE_ONLY + "$", near, _I)
        and re.match(r"\s*(?:[(,;.]|$)", after)
        and PLAN_WORD.search(clause_before[clause_before.rfind(";") + 1 :])
    ):
        return "other", "pct", "plan_achievement_pct"  # "Các địa phương đạt kế hoạch như: huyện A đạt 103%, …"
    if re.match(r"\s*\)?\s*so\s+với\s+cùng\s+kỳ", after, _I) and re.search(r"(?:đạt|bằng|tăng)\s*$", near, _I):
        return "other", "pct", "change_on_previous_year_pct"
    # a part of the province ("khu vực thành thị chiếm 22% với 41.000 hộ"): its share, not a rate (guide 2.5)
    if re.search(r"chiếm\s*(?:tỷ\s+lệ\s+)?" + HEDGE + "$", near, _I) and (area := list(AREAS.finditer(segment))):
        if not GROUP_NOUN.search(segment, area[-1].end()):
            return "other", "pct", "area_households_share_pct"
    # 4. shares of a sub-population ("chiếm 47% so với tổng số hộ nghèo")
    sm = re.match(
        r"\s*\)?\s*(?:so\s+với|trên|của|trong)\s+(?:tổng\s+)?(?:số\s+)?hộ\s+(?P<g>cận\s+nghèo|nghèo)", after, _I
    )
    if not sm and re.search(r"chiếm\s*(?:tỷ\s+lệ\s+)?" + HEDGE + "$", near, _I):
        # "chiếm 74,2% (tổng) số hộ nghèo", "chiếm 60% hộ nghèo của tỉnh": a share of all the poor
        sm = re.match(
            r"\s*(?:trong\s+)?(?:tổng\s+)?(?:số\s+)?hộ\s+(?P<g>cận\s+nghèo|nghèo)(?!\s+(?:là|đạt|giảm|còn))", after, _I
        )
    if sm:
        return "other", "pct", f"share_of_{household_group(sm.group('g'))}_households_pct"
    # 5. "tỷ lệ giảm hộ nghèo là 4,46%", "tương ứng giảm 3,87%", "thấp hơn 1,89% so với năm …"
    # (also "kết quả / mức giảm hộ nghèo năm 2030 của tỉnh là 2,04%": the fall named as a noun, with its year and owner)
    rm = re.search(
        r"(?:tỷ\s+lệ|kết\s+quả|mức)\s+giảm\s+(?:tỷ\s+lệ\s+)?(?:hộ\s+)?(?P<g>cận\s+nghèo|nghèo)"
        r"(?:\s+(?:năm\s+\d{4}|của\s+(?:toàn\s+)?(?:tỉnh|huyện|thành\s+phố)|toàn\s+tỉnh|chung))*\s*(?:là|đạt)?\s*"
        + HEDGE
        + "$",
        t[max(sent[0], q.qual_start - 80) : q.qual_start],
        _I,
    )
    if rm:
        return fall(household_group(rm.group("g")), per_year)
    if re.search(
        r"(?:tương\s+ứng|tương\s+đương|tức(?:\s+là)?)\s+(?:với\s+)?giảm\s*" + HEDGE + "$", near_q, _I
    ) or re.search(r"thấp\s+hơn\s*" + HEDGE + "$", near_q, _I):
        group, _m = subject_before(clause_before)
        if not group:  # "2.030 hộ thoát nghèo, tức giảm 0,62%": households leaving a group lower its rate
            exits = last_exit(clause_before)
            group = household_group(exits) if exits else ""
        if group:
            return fall(group, per_year)
    # 1. a rate right after a count: "N hộ (cận nghèo), chiếm (tỷ lệ) X%", "N hộ (X%)"
    cm = re.search(
        r"(?P<n>\d[\d.,]*)(?:\s+hộ(?P<g>\s+(?:nghèo|cận\s+nghèo)[^\d,;()]{0,40})?|(?P<bare>))\s*(?:,|\(|;)\s*"
        r"(?:(?:chiếm|bằng|tương\s+đương|tương\s+ứng|tỷ\s+lệ|với\s+tỷ\s+lệ)\s+)*(?:tỷ\s+lệ\s+)?" + HEDGE + "$",
        clause_before[-120:],
        _I,
    )
    if cm and cm.group("bare") is not None:
        # "Số hộ cận nghèo … là 24.839, chiếm tỷ lệ 15,7%": a count whose noun was said before it
        bare = BARE_COUNT.search(clause_before[: len(clause_before) - len(cm.group(0)) + cm.start("n") - cm.start()])
        cm = cm if bare else None
    if cm and not re.search(r"giảm\s*" + HEDGE + "$", near, _I):
        if cm.group("g") and SUBGROUP_AFTER.match(cm.group("g").split("nghèo", 1)[-1]):
            return "other", "pct", "share_pct"
        group = household_group(cm.group("g") or "")
        if not group:
            head = clause_before[: len(clause_before) - len(cm.group(0))]
            group, found = subject_before(head)
            if found is not None and SUBGROUP_BEFORE.search(head[found.start() : found.end() + 60]):
                return "other", "pct", "share_pct"
            group = group or referred_group(doc, sent, head) or area_group(doc, sent, head)
        if (
            group
            and re.search(
                r"(?<!\w)giảm(?!\s+(?:xuống\s+)?còn)",
                clause_before[-len(cm.group(0)) - 40 : -len(cm.group(0))]
                if len(clause_before) > len(cm.group(0))
                else "",
                _I,
            )
            and re.search(r"tương\s+(?:đương|ứng)", cm.group(0), _I)
        ):
            return fall(group, per_year)  # "giảm 2.800 hộ nghèo, tương đương 2%"
        if group:
            return rate(group)
    # 5. "giảm X% hộ nghèo" (points), "còn X% hộ nghèo" (a level)
    hm = re.match(r"\s*(?:hộ\s+)?(?P<g>cận\s+nghèo|nghèo)(?!\s+(?:đa\s+chiều\s+)?trên)", after, _I)
    if hm and not re.match(r"\s*(?:tổng\s+)?số", after, _I):
        group = household_group(hm.group("g"))
        vm = re.search(r"(?<!\w)(giảm|còn|xuống)\s*(?:mức\s+)?" + HEDGE + "$", near, _I)
        verb = vm.group(1).lower() if vm else ""
        if verb == "giảm" or (
            re.search(r"trong\s+đó\s+(?:có\s+)?$", near, _I)
            and re.search(r"(?<!\w)giảm\s*" + HEDGE + r"[\d,.]+\s*%\s*(?:hộ\s+)?(?:cận\s+)?nghèo", clause_before, _I)
        ):
            return fall(group, per_year)
        if verb in ("còn", "xuống"):
            return rate(group)
        # coordinated: "còn 1,6% hộ nghèo, 3,2% hộ cận nghèo" – the verb of the first figure carries over
        cv = re.search(
            r"(?<!\w)(giảm|còn|xuống)\s*"
            + HEDGE
            + r"[\d.,]+\s*%\s*(?:hộ\s+)?(?:cận\s+)?nghèo\s*(?:,|và)\s*"
            + HEDGE
            + "$",
            near_q,
            _I,
        )
        if cv:
            return fall(group, per_year) if cv.group(1).lower() == "giảm" else rate(group)
    # 5. "giảm (bình quân, ít nhất, từ) X%" with the subject named earlier in the sentence
    fm = re.search(
        r"(?<!\w)giảm(?:\s+(?:bình\s+quân|ít\s+nhất|từ|trên|khoảng|hơn|được|thêm|mỗi\s+năm|hằng\s+năm))*\s*$",
        near_q,
        _I,
    )
    if fm and not re.match(r"\s*(?:tổng\s+)?(?:số\s+)?hộ|\s*tỷ\s+lệ|\s*(?:\([^)]*\)\s*)?,?\s*(?:xuống|lên)", after, _I):
        group, found = subject_before(clause_before)
        if found is None and "%" not in clause_before and (group := group_before(doc, sent)) == "poor":
            return fall(group, per_year)  # "Tỉnh phấn đấu đến cuối năm 2024 giảm từ 2% trở lên": the rate of before
        if found is not None:
            between = clause_before[found.end() :]
            if re.search(r"số\s+$", clause_before[max(0, found.start() - 6) : found.start()], _I) and not re.search(
                r"tỷ\s+lệ|%", between, _I
            ):
                unit = "pct_per_year" if per_year else "pct_of_households_reduction"
                if group == "poor":
                    return "poor_households_reduction", unit, ""
                return "other", unit, f"{group}_households_reduction_pct"
            return fall(group, per_year)
    # "Dự kiến, con số này sẽ giảm xuống 0,56%": the level of the group of the sentence before
    if re.search(r"(?<!\w)(?:xuống|còn)\s*" + HEDGE + "$", near, _I) and not subject_before(clause_before)[0]:
        group = referred_group(doc, sent, clause_before)
        if group:
            return rate(group)
    # 3. carry-over: "tỷ lệ hộ nghèo 1,77%, cận nghèo 2,14%", "…, hộ cận nghèo 2%"; and the group right
    # before the first figure with only a level verb between ("Hộ nghèo còn 1,6%")
    if True:
        group, found = subject_before(segment)
        if prev_end <= sent[0] and found is not None:
            # the first figure: a household group written bare ("Hộ nghèo còn 1,6%"), or any group brought
            # down to a level ("giảm hộ nghèo xuống 4,6%", "giảm tỷ lệ hộ nghèo còn 0,9%"); a group
            # governed by a verb without "còn"/"xuống" is read by the rules below
            if re.fullmatch(r"\s*(?:(?:giảm\s+)?(?:xuống|còn)|xuống\s+còn)\s*(?:mức\s+)?", segment[found.end() :], _I):
                return rate(group)
            if re.match(r"tỷ\s+lệ", found.group(0), _I) or re.search(
                r"(?<!\w)giảm\s*$", segment[max(0, found.start() - 12) : found.start()], _I
            ):
                found = None
        if found is not None and re.fullmatch(
            r"\s*(?:là|còn|chiếm|ở\s+mức|đạt|giảm\s+còn|còn\s+dưới|dưới|khoảng|trên|hơn|chỉ\s+còn|\s)*",
            segment[found.end() :],
            _I,
        ):
            if re.search(r"(?<!\w)giảm(?!\s+còn)(?!\s+xuống)", segment[found.end() :], _I) or re.search(
                r"(?<!\w)(?:mức\s+)?giảm\s+$", segment[max(0, found.start() - 12) : found.start()], _I
            ):
                return fall(group, per_year)
            return rate(group)
    return None


def attach(doc: Doc, q: Quantity, sent: tuple[int, int], prev_end: int) -> tuple[str, str, str] | None:
    """Return ``(indicator, unit, label)`` for a quantity from its governing noun phrase, or None.

    Parameters
    ----------
    doc : Doc
        The document.
    q : Quantity
        The number with its unit (stage 2).
    sent : (int, int)
        Its sentence.
    prev_end : int
        The end of the previous number in the same sentence (the sentence start if none): the
        words between the two are where a new subject would be named.
    """
    if q.unit == "pct":
        return _pct(doc, q, sent, prev_end)
    if q.unit == "households":
        return households(doc, q, sent, prev_end)
    return None
