"""What a quantity is about: its indicator, unit and label, whether it concerns poverty, and its scope.

The rules follow ``docs/coding_guide.md`` and read only the words around a number in its clause and
sentence; the cue words are in :mod:`study.extract.vocabulary`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.attach import attach
from study.extract.groups import household_group
from study.extract.lists import list_item
from study.extract.sentences import clause_end, clause_start
from study.extract.vocabulary import (
    ACCESS_SERVICES,
    ACCESS_WHO,
    AREAS,
    CREDIT_LOANS,
    HOUSEHOLD_MENTION,
    HOUSING,
    INCOME_GROUPS,
    INCOME_NOT,
    INCOME_WORDS,
    OTHER_PCT_LABELS,
    PER_YEAR,
    POOR_MEMBERS,
    PROVINCE_WORD,
    RATE,
    SHARE_STOP,
)

if TYPE_CHECKING:
    from study.extract.document import Doc
    from study.extract.quantities import Quantity

__all__ = ["classify", "household_group", "last_match"]


def last_match(pattern: re.Pattern, text: str) -> re.Match | None:
    """Return the last match of ``pattern`` in ``text``, or None."""
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last match is wanted
        pass
    return found


def _share_label(span: str) -> str:
    """Return the label of a share of a poor group from the words that say what it counts."""
    for pattern, label in OTHER_PCT_LABELS:
        if re.search(pattern, span, re.IGNORECASE):
            return label
    return "share_pct"


#: The number's own group noun right after it ("12.500 hộ nghèo đa chiều") or closing the words before it.
_OWN_GROUP_AFTER = re.compile(r"\s*(?:hộ\s+)?(?P<g>(?:cận\s+)?nghèo(?:\s+đa\s+chiều)?)(?!\w)", re.IGNORECASE)
_GROUP_BEFORE = re.compile(r"(?:hộ\s+)?(?:cận\s+)?nghèo(?:\s+đa\s+chiều)?(?!\w)", re.IGNORECASE)
#: A breakdown of a figure into the poor and the near-poor right after it ("(trong đó 4.000 hộ nghèo,
#: 8.500 hộ cận nghèo)", "gồm 2% hộ nghèo và 4,2% hộ cận nghèo").
_BREAKDOWN = re.compile(
    r"[^;]{0,40}?(?:\(|trong\s+đó|bao\s+gồm|gồm)[^;]{0,100}?(?<!cận\s)nghèo[^;]{0,80}?cận\s+nghèo", re.IGNORECASE
)


def multidimensional(t: str, q: Quantity, sent: tuple[int, int], found: tuple[str, str, str]) -> tuple[str, str, str]:
    """Read ``hộ nghèo đa chiều`` as the poor (coding guide 2.2), or as the poor and near-poor together
    when the text breaks the figure into both groups (``12.500 hộ nghèo đa chiều (trong đó 4.000 hộ nghèo,
    8.500 hộ cận nghèo)``); ``tỷ lệ nghèo đa chiều`` without ``hộ`` stays both groups."""
    indicator = found[0]
    if indicator not in ("poor_households", "poor_rate_pct", "poor_near_poor_rate_pct"):
        return found
    own = _OWN_GROUP_AFTER.match(t, q.end) if q.unit == "households" else None
    if own is None:
        before = t[max(sent[0], q.qual_start - 100) : q.qual_start]
        own = last_match(_GROUP_BEFORE, before)
        if own is None or re.search(r"\d", before[own.end() :]):
            return found
    words = " ".join(own.group(0).lower().split())
    if not words.startswith("hộ") and q.unit != "households" or "đa chiều" not in words or "cận" in words:
        return found
    if _BREAKDOWN.match(t, q.end, sent[1]):
        if q.unit == "households":
            return "other", "households", "poor_near_poor_households"
        return "poor_near_poor_rate_pct", "pct", ""
    return ("poor_rate_pct", "pct", "") if indicator == "poor_near_poor_rate_pct" else found


def classify(doc: Doc, q: Quantity, sent: tuple[int, int], prev_end: int | None = None) -> tuple[str, str, str] | None:
    """Return ``(indicator, unit, label)`` for a quantity, or None when it is not a poverty fact.

    The governing noun phrase (:func:`study.extract.attach.attach`) decides first; the word windows
    below decide what it leaves open; ``hộ nghèo đa chiều`` is read last (:func:`multidimensional`).
    """
    found = _classify(doc, q, sent, prev_end)
    return (
        None
        if found is None
        else sub_area(doc.numbers_text, q, sent, multidimensional(doc.numbers_text, q, sent, found))
    )


_NAMED_GROUP_FIGURES = (
    "poor_rate_pct",
    "near_poor_rate_pct",
    "poor_near_poor_rate_pct",
    "poor_households",
    "near_poor_households",
    "poor_rate_reduction_pp",
    "poor_households_reduction",
)


def sub_area(t: str, q: Quantity, sent: tuple[int, int], found: tuple[str, str, str]) -> tuple[str, str, str]:
    """A rate, stock or fall whose clause opens with a region of the province (``khu vực miền núi giảm
    2.779 hộ``, ``vùng đồng bằng còn dưới 1,5%``) is that sub-area's: ``other``, ``label=area_<indicator>``."""
    if found[0] not in _NAMED_GROUP_FIGURES:
        return found
    before = t[clause_start(t, sent[0], q.qual_start) : q.qual_start]
    area = last_match(AREAS, before)
    if area is None:
        # the region that opens the sentence governs its breakdown ("Khu vực thành thị chiếm 3%, trong đó
        # tỷ lệ hộ nghèo 1,4%; tỷ lệ hộ cận nghèo 1,6%"), unless the province comes back
        before = t[sent[0] : q.qual_start]
        area = last_match(AREAS, before)
    if area is None or PROVINCE_WORD.search(before, area.end()):
        return found  # "…, toàn tỉnh còn 2,1%": the province again
    return "other", found[1], f"area_{found[0]}"


def access_share(t: str, q: Quantity, sent: tuple[int, int]) -> tuple[str, str, str] | None:
    """A share of households or people with a basic service (``99% hộ dân có điện lưới``, ``tỷ lệ trẻ em đến
    trường đạt 98%``): ``other``, ``label=access_<service>_pct`` (``[cues.access]``); None otherwise."""
    if q.unit != "pct" or q.per_year:
        return None
    c0, c1 = clause_start(t, sent[0], q.qual_start), clause_end(t, q.end, sent[1])
    after, before = t[q.end : c1], t[c0 : q.qual_start]
    if (who := ACCESS_WHO.match(after.lstrip(" ")[:30].removeprefix("số ").lstrip())) is not None:
        span = after
    elif (rate := last_match(re.compile(r"(?<!\w)(?:tỷ|tỉ)\s+lệ(?!\w)", re.IGNORECASE), before)) and re.search(
        r"(?:đạt|là|ở\s+mức)?\s*(?:khoảng|hơn|gần|trên|dưới)?\s*$", before
    ):
        span = before[rate.end() :]
        who = ACCESS_WHO.search(span[:40])
        if who is None or re.search(r"\d|nghèo", span):
            return None
    else:
        return None
    for pattern, label in ACCESS_SERVICES:
        if pattern.search(span[:90]):
            return "other", "pct", label
    return None


def _classify(doc: Doc, q: Quantity, sent: tuple[int, int], prev_end: int | None = None) -> tuple[str, str, str] | None:
    listed = list_item(doc, q, sent, sent[0] if prev_end is None else prev_end)
    if listed is not None:  # "giảm 1.500 hộ nghèo, trong đó: xã A 120 hộ, …": the indicator of the list
        return listed
    attached = attach(doc, q, sent, sent[0] if prev_end is None else prev_end)
    if attached is None:
        attached = access_share(doc.numbers_text, q, sent)
    if attached is not None:
        return None if attached[0] == "skip" else attached
    t = doc.numbers_text
    c_start = clause_start(t, sent[0], q.qual_start)
    clause_before = t[c_start : q.qual_start]
    sentence_before = t[sent[0] : q.qual_start]
    near_before = t[max(sent[0], q.qual_start - 30) : q.qual_start]
    after = q.after
    if q.unit == "pct":
        sm = re.match(r"\s*(?:tổng\s+)?số\s+hộ\s+(?P<g>nghèo|cận\s+nghèo)", after, re.IGNORECASE)
        if sm and re.search(r"(?<!\w)giảm(?!\w)", clause_before, re.IGNORECASE):
            per_year = q.per_year or bool(PER_YEAR.search(t[c_start : q.end + 40]))
            unit = "pct_per_year" if per_year else "pct_of_households_reduction"
            if "cận" in sm.group("g").lower():
                return "other", unit, "near_poor_households_reduction_pct"
            return "poor_households_reduction", unit, ""
        rm = re.match(
            r"\s*(?:(?:tỷ|tỉ)\s+lệ\s+)(?:hộ\s+)?(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|"
            r"nghèo\s+đa\s+chiều|cận\s+nghèo|nghèo)",
            after,
            re.IGNORECASE,
        )
        if rm:  # "giảm 1,5 - 2% tỷ lệ hộ nghèo"
            group = household_group(rm.group("grp"))
            if re.search(r"(?<!\w)giảm(?!\w)", near_before, re.IGNORECASE):
                unit = "pp_per_year" if q.per_year or PER_YEAR.search(t[c_start : q.end + 40]) else "pp"
                if group == "poor":
                    return "poor_rate_reduction_pp", unit, ""
                return "other", unit, f"{group}_rate_reduction_pp"
            return None
        if re.match(r"\s*(?:dân\s+số|diện\s+tích|số\s+dân)(?!\w)", after, re.IGNORECASE):
            return None  # "80% dân số là đồng bào dân tộc thiểu số": a demographic share
        wm = re.match(r"\s+([^\W\d]\w*)", after)
        share_is = (
            wm
            and wm.group(1).lower() == "là"
            and not last_match(RATE, clause_before)
            and re.search(r"(?:hộ|người)\s+(?:cận\s+)?nghèo", t[q.end : clause_end(t, q.end, sent[1])], re.IGNORECASE)
        )
        # "tỷ lệ hộ nghèo … chiếm 4,2% số hộ (dân) toàn tỉnh": the rate of the group named before, over all households
        of_all = re.match(r"\s+số\s+hộ(?!\s+(?:cận\s+)?nghèo)", after) and any(
            r.group("grp") for r in RATE.finditer(clause_before)
        )
        if wm and (wm.group(1).lower() not in SHARE_STOP or share_is) and not q.per_year and not of_all:
            span = t[q.end : clause_end(t, q.end, sent[1])][:160]
            for pattern, label in OTHER_PCT_LABELS:
                if re.search(pattern, span, re.IGNORECASE) or (
                    label == "public_investment_plan_pct" and re.search(pattern, near_before + span, re.IGNORECASE)
                ):
                    return "other", "pct", label
            return "other", "pct", "share_pct"
        rate = last_match(RATE, clause_before) or last_match(RATE, sentence_before)
        if rate is None:
            return None
        base = clause_before if rate.string is clause_before else sentence_before
        group = ""
        if rate.group("link"):
            mention = last_match(HOUSEHOLD_MENTION, base[: rate.start()])
            group = household_group(mention.group("grp")) if mention else ""
            if (
                not group
                and rate.group("link").lower() == "chiếm"
                and len(base) - rate.end() <= 15
                and re.search(
                    r"(?<!\w)(?:vốn|kinh\s+phí|ngân\s+sách|nguồn\s+lực)(?!\w)",
                    base[max(0, rate.start() - 60) : rate.start()],
                    re.IGNORECASE,
                )
            ):
                return "other", "pct", "funding_share_pct"  # "vốn ngân sách nhà nước chiếm khoảng 60%"
            if not group or len(base) - rate.end() > 15:
                return None
        else:
            group = household_group(rate.group("grp"))
            if group == "poor_near_poor" and "hộ" in rate.group("rest").lower() and "cận" not in rate.group("rest"):
                group = "poor"  # "tỷ lệ hộ nghèo đa chiều" is the poor rate; "tỷ lệ nghèo đa chiều" both groups
            if not group:
                tail = base[rate.end() :].strip().lower()
                if tail and not re.match(
                    r"(\d|là|đạt|còn|chỉ|ở|khoảng|trên|dưới|hơn|gần|giảm|tăng|xuống|"
                    r"của|toàn|chung|bình\s+quân|năm|cuối|đến|dtts|dân\s+tộc|đồng\s+bào|trên|theo|cả|tại)",
                    tail,
                ):
                    # a rate of something else ("tỷ lệ lao động qua đào tạo"): a fact only when it is
                    # the share of a poor group ("tỷ lệ trẻ em thuộc hộ nghèo đi học đúng độ tuổi")
                    if POOR_MEMBERS.search(tail) and rate.string is clause_before:
                        return "other", "pct", _share_label(tail)
                    return None
                mention = last_match(HOUSEHOLD_MENTION, base[: rate.start()])
                group = household_group(mention.group("grp")) if mention else ""
                if not group:
                    return None
        window = base[max(0, rate.start() - 20) :]
        verbs = list(re.finditer(r"(?<!\w)(giảm|còn|xuống|ở\s+mức|tăng|(?<!trở\s)lên)(?!\w)", window, re.IGNORECASE))
        reduction = bool(verbs) and verbs[-1].group(1).lower() == "giảm"
        # "tăng 2%" is a change of the rate (no row); "tăng lên 6,06%", "lên 28%" give the level it reached
        increase = bool(verbs) and verbs[-1].group(1).lower() == "tăng"
        per_year = q.per_year or bool(re.search(r"mỗi\s+năm|hằng\s+năm|hàng\s+năm|bình\s+quân", window, re.IGNORECASE))
        if increase:
            return None
        if reduction:
            unit = "pp_per_year" if per_year else "pp"
            if group == "poor":
                return "poor_rate_reduction_pp", unit, ""
            return "other", unit, f"{group}_rate_reduction_pp"
        return f"{group}_rate_pct", "pct", ""
    if q.unit == "households":
        hm = re.match(
            r"\s*(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|nghèo,\s+(?:hộ\s+)?cận\s+nghèo|cận\s+nghèo|"
            r"mới\s+thoát\s+nghèo|thoát\s+nghèo|nghèo|tái\s+nghèo|phát\s+sinh)?",
            after,
            re.IGNORECASE,
        )
        grp = " ".join((hm.group("grp") or "").lower().split())
        reduced = re.search(
            r"(?<!\w)giảm(\s+(được|thêm|tương\s+ứng|khoảng))*\s*(từ\s*)?$", near_before, re.IGNORECASE
        ) or (
            # "giảm 3,3%, tương ứng 640 hộ": the same fall counted in households
            re.search(r"(tương\s+ứng|tương\s+đương)\s*(với\s+)?$", near_before, re.IGNORECASE)
            and re.search(r"(?<!\w)giảm(?!\w)", clause_before, re.IGNORECASE)
        )
        if grp == "thoát nghèo":
            return "other", "households", "households_exited_poverty"
        if grp in ("mới thoát nghèo", "tái nghèo", "phát sinh"):
            return "other", "households", grp.replace(" ", "_") + "_households"
        if grp == "nghèo" and (
            re.match(r"\s*nghèo\s+(?:phát\s+sinh\s+)?mới(?!\w)", after, re.IGNORECASE)
            or re.search(r"phát\s+sinh\s*(?:thêm\s+|mới\s+)?$", near_before, re.IGNORECASE)
        ):
            return "other", "households", "new_poor_households"
        if HOUSING.search(clause_before):
            return "houses_supported", "households", ""
        group = household_group(grp)
        # "hỗ trợ tiền điện cho 5.320 hộ nghèo": households reached by a support, not the number of poor
        if (
            group
            and re.search(r"(?<!\w)cho\s*$", near_before, re.IGNORECASE)
            and re.search(
                r"hỗ\s+trợ|trao|tặng|cấp|chi\s+trả|giải\s+ngân|cho\s+vay|vay\s+vốn", clause_before, re.IGNORECASE
            )
        ):
            span = clause_before + after[:40]
            for pattern, label in (
                (r"tiền\s+điện", "electricity_support_households"),
                (r"vay|tín\s+dụng|giải\s+ngân", "credit_loans_households"),
                (r"trợ\s+cấp|trợ\s+giúp", "social_assistance_households"),
            ):
                if re.search(pattern, span, re.IGNORECASE):
                    return "other", "households", label
            return "other", "households", "supported_households"
        if not grp:  # "số hộ cận nghèo là 1.947 hộ", "tổng số hộ nghèo của huyện theo ... là 1.980 hộ"
            sm = re.search(
                r"số\s+hộ\s+(?P<grp>cận\s+nghèo|nghèo)(?:\s+(?:là|còn|có|đạt)|[^\d;:]{0,120}?\s(?:là|còn))?"
                r"\s*(?:khoảng|hơn|gần|trên|dưới)?\s*$",
                t[max(sent[0], q.qual_start - 160) : q.qual_start],
                re.IGNORECASE,
            )
            if sm:
                group = household_group(sm.group("grp"))
        if reduced and group in ("poor", "") and re.search("nghèo", t[sent[0] : sent[1]]):
            return "poor_households_reduction", "households", ""
        if group == "poor":
            return "poor_households", "households", ""
        if group == "near_poor":
            return "near_poor_households", "households", ""
        if group == "poor_near_poor":
            return "other", "households", "poor_near_poor_households"
        label = (
            "social_assistance_households"
            if re.search(r"trợ\s+cấp|trợ\s+giúp", t[sent[0] : sent[1]], re.IGNORECASE)
            else "households_count"
        )
        return "other", "households", label
    if q.unit == "houses":
        # "còn 1.300 nhà tạm cần được hỗ trợ": houses not yet supported
        if re.match(r"[^.;,\d]{0,25}(?:cần\s+(?:được\s+)?|chưa\s+được\s+|có\s+nhu\s+cầu\s+)hỗ\s+trợ", after, re.I):
            return "other", "houses", "houses_needing_support"
        return "houses_supported", "houses", ""
    if q.unit == "workers":
        return "workers_supported", "workers", ""
    if q.unit == "people":
        if re.search(
            r"việc\s+làm|học\s+nghề|đào\s+tạo\s+nghề|xuất\s+khẩu\s+lao\s+động|hợp\s+đồng\s+lao\s+động|"
            r"làm\s+việc\s+ở\s+nước\s+ngoài",
            t[max(c_start, q.qual_start - 60) : q.qual_start],
            re.IGNORECASE,
        ):
            return "workers_supported", "people", ""
        label = (
            "social_assistance_people"
            if re.search(r"trợ\s+cấp|trợ\s+giúp", t[sent[0] : sent[1]], re.IGNORECASE)
            else "income_support_people"
            if re.search(r"hỗ\s+trợ\s+thu\s+nhập", clause_before, re.IGNORECASE)
            else "people_count"
        )
        return "other", "people", label
    if q.unit == "money":
        return "budget_billion_vnd", "billion_vnd", ""
    if q.unit == "noun":  # "67 tấn xi măng", "12 chương trình tín dụng": labelled from the noun
        return "other", q.noun_unit, q.label
    if q.unit == "income":  # "thu nhập … đạt 24,13 triệu đồng/người/năm", not the GRDP per head
        income = last_match(INCOME_WORDS, sentence_before)
        # the poor named between the income and the number, or since the comma before it ("hộ nghèo có thu nhập …")
        since_comma = re.split(r"[,;(]", sentence_before)[-1]
        of_poor = income and (INCOME_GROUPS.search(sentence_before, income.end()) or INCOME_GROUPS.search(since_comma))
        if of_poor and not INCOME_NOT.search(sentence_before):
            return "other", "billion_vnd", f"income_{q.label}"
        if re.search(r"/\s*hộ", t[q.start : q.end]) and CREDIT_LOANS.search(since_comma):
            return "other", "billion_vnd", "average_loan_per_household"  # "dư nợ bình quân 45 triệu đồng/hộ"
        return None
    if q.unit == "districts":
        exit_words = re.search(r"thoát\s+khỏi|ra\s+khỏi|thoát\s+nghèo", clause_before + after[:30], re.IGNORECASE)
        label = "poor_district_list_exit" if exit_words else "districts_count"
        return "other", "districts", label
    if q.unit == "communes":
        return "other", "communes", "communes_count"
    if q.unit == "tasks":
        return "other", "count", "tasks_count"
    if q.unit == "count":
        return "other", "count", "count"
    if q.unit == "times":  # "thu nhập … tăng 1,8 lần so với năm 2020": a multiple
        if re.search(r"(?:tăng|gấp)(?:\s+(?:ít\s+nhất|trên|hơn|khoảng|là|lên))*\s*$", near_before, re.IGNORECASE):
            return "other", "count", "multiple"
        return None
    return None
