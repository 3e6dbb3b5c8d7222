"""Data to sentences, in Vietnamese and English, from templates.

Every number in a sentence comes from the data passed in; the templates hold words only (a test
checks that no template contains a digit). Vietnamese text uses Vietnamese number style (``6,02%``,
``5.100``); percentage points are kept apart from percent; a missing figure is said plainly; an
estimate is called an estimate; each paragraph cites its sources.
"""

from __future__ import annotations

import math

import pandas as pd

from study.analysis import indicators
from study.registry import provinces

LANGS = ("vi", "en")

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "identity": "{name} is a province-level unit of the {region} region (GSO code {code}).",
        "merger_same": "Since {date} it continues as {new} (code {new_code}) with unchanged borders.",
        "merger": "Since {date} it is part of {new} (code {new_code}), formed from {parts}.",
        "series": "Poor-household rate by year: {items}.",
        "series_item": "{value} ({year}, {origin})",
        "origin_review": "official review",
        "origin_interim": "interim or preliminary review figure",
        "change_mixed": "The two figures come from different kinds of source ({a} and {b}); compare with care.",
        "households_only": "The {year} review counted {value} poor households but no rate is in the data.",
        "what_zero": "no poor households left",
        "reason_target_met_zero": "The latest figure, {value} in {year}, already meets the target; no figure for "
                                  "the target year yet.",
        "origin_document": "stated in {doc}",
        "no_series": "No poor-household rate for {name} was found in the official reviews or the coded documents.",
        "missing_years": "No official review figure was found for {years}.",
        "missing_year": "No official review figure was found for {years}.",
        "change_down": "From {y0} to {y1} the poor-household rate fell from {v0} to {v1}, down {d}.",
        "change_up": "From {y0} to {y1} the poor-household rate rose from {v0} to {v1}, up {d}.",
        "change_flat": "From {y0} to {y1} the poor-household rate stayed at {v1}.",
        "zero_poor": "{name} had zero poor households ({zero}) in the review of {years}.",
        "near_poor": "Near-poor household rate: {value} in {year} ({origin}).",
        "estimate": "{doc} estimated the rate at {value} for {year}; this is an estimate, not a review result.",
        "national": "For comparison, the national rate in {year} was {value} ({source}).",
        "regional": "Its region, {region}, had a rate of {value} in {year} ({source}).",
        "no_regional": "No figure for its region ({region}) in {year} is in the data.",
        "no_national": "No national figure for {year} is in the data.",
        "target": "Target: {what} by the end of {year} ({doc}) - status: {status}. {reason}",
        "target_noyear": "Target: {what}, no year stated ({doc}) - status: {status}. {reason}",
        "what_generic": "{indicator}: {value}",
        "measures": "Its documents commit to {n} of the {total} measure types: {codes}.",
        "no_measures": "No coded document of {name} lists measures.",
        "conflict": "Sources disagree on some figures ({years}); the value shown follows the documented choice "
                    "rule and the alternatives are kept in the data.",
        "interim": "Some figures are interim or preliminary rather than end-of-year results ({years}).",
        "sources": "Sources: {sources}.",
        "pp": "{value} percentage points",
        "status_achieved": "achieved",
        "status_not_achieved": "not achieved",
        "status_on_track": "on track",
        "status_off_track": "off track",
        "status_unknown": "unknown",
        "reason_figure_of_target_year": "The {year} figure is {value}.",
        "reason_already_below_target": "The latest figure, {value} in {year}, is already below the target; "
                                       "no figure for the target year yet.",
        "reason_pace_vs_needed": "The rate fell by {achieved} a year from {y0} to {year}; {needed} a year are "
                                 "needed to reach the target.",
        "reason_average_pace": "The average yearly reduction from {y0} to {year} was {achieved}; the target "
                               "asks for {needed}.",
        "reason_no_figure": "No figure is available to judge it.",
        "reason_no_figure_for_scope": "No official figure exists for this scope ({scope}).",
        "reason_fewer_than_two_years": "Fewer than two yearly figures are available.",
        "reason_figures_only_after_target_year": "Figures exist only after the target year.",
        "reason_one_figure_before_target_year": "Only one figure ({value} in {year}) is available; the pace "
                                                "cannot be judged.",
        "reason_not_trackable_with_review_data": "The review data do not measure this target.",
        "reason_zero_baseline": "The baseline is zero.",
        "what_rate": "poor-household rate at most {value}",
        "what_households": "poor households at most {value}",
        "what_reduction": "reduce {indicator} by {value}",
        "what_reduce_households": "reduce poor households by {value}",
        "compare_intro": "{n} provinces have a {indicator_label} for {year}.",
        "compare_none": "No province has a {indicator_label} for {year}.",
        "compare_high": "Highest: {items}.",
        "compare_low": "Lowest: {items}.",
        "compare_item": "{name} {value}",
        "compare_missing": "{n} of the {total} provinces have no figure for {year} and are shown as missing.",
        "compare_series_note": "Figures are from the official review series ({standard} standard).",
        "compare_gso_note": "Figures are from the GSO survey-based series, a different measure from the review.",
        "compare_partial": "{n} of the new provinces have figures for only some of their former provinces ({names}); "
                           "they are left out of the highest and lowest and marked on the maps.",
        "source_profile": "Sources: provincial and Ministry review results; coded documents (tables below).",
        "source_measures": "Source: the study's coding of the documents (data/raw/documents/measures.csv).",
        "source_targets": "Sources: coded document {doc}; review figures in data/processed/poverty_review.csv.",
        "source_review_series": "Ministry review series, {standard} standard; sources in "
                                "data/processed/poverty_review.csv.",
        "source_gso_series": "GSO survey-based series (Statistical Yearbook), not the Ministry review.",
        "policy_intro": "{n} coded documents commit to {k} of the {total} measure types.",
        "policy_shared": "All of them commit to: {codes}.",
        "policy_shared_none": "No measure type appears in every document.",
        "policy_distinct": "Only {doc} commits to: {codes}.",
        "policy_absent": "No document commits to: {codes}.",
        "policy_projects": "{doc} maps onto {n} of the programme's {total} projects ({codes}).",
        "tracking_intro": "{n} targets are tracked: {counts}.",
        "tracking_count": "{n} {status}",
    },
    "vi": {
        "identity": "{kind_cap} {name} là đơn vị hành chính cấp tỉnh thuộc vùng {region} (mã {code}).",
        "merger_same": "Từ ngày {date}, {kind} giữ nguyên địa giới với tên {new_kind} {new} (mã {new_code}).",
        "merger": "Từ ngày {date}, {kind} là một phần của {new_kind} {new} mới (mã {new_code}), hình thành từ "
                  "{parts}.",
        "series": "Tỷ lệ hộ nghèo theo năm: {items}.",
        "series_item": "{value} ({year}, {origin})",
        "origin_review": "kết quả rà soát chính thức",
        "origin_interim": "số liệu rà soát giữa kỳ hoặc sơ bộ",
        "change_mixed": "Hai số liệu đến từ hai loại nguồn khác nhau ({a} và {b}); cần thận trọng khi so sánh.",
        "households_only": "Kết quả rà soát năm {year} ghi nhận {value} hộ nghèo nhưng dữ liệu chưa có tỷ lệ.",
        "what_zero": "không còn hộ nghèo",
        "reason_target_met_zero": "Số liệu gần nhất, {value} năm {year}, đã đạt mục tiêu; chưa có số liệu của năm "
                                  "mục tiêu.",
        "origin_document": "theo {doc}",
        "no_series": "Không tìm thấy tỷ lệ hộ nghèo của {name} trong kết quả rà soát chính thức hay văn bản đã mã hóa.",
        "missing_years": "Không có số liệu rà soát chính thức cho các năm {years}.",
        "missing_year": "Không có số liệu rà soát chính thức cho năm {years}.",
        "change_down": "Từ {y0} đến {y1}, tỷ lệ hộ nghèo giảm từ {v0} xuống {v1}, tức giảm {d}.",
        "change_up": "Từ {y0} đến {y1}, tỷ lệ hộ nghèo tăng từ {v0} lên {v1}, tức tăng {d}.",
        "change_flat": "Từ {y0} đến {y1}, tỷ lệ hộ nghèo giữ ở mức {v1}.",
        "zero_poor": "{name} không còn hộ nghèo ({zero}) theo kết quả rà soát năm {years}.",
        "near_poor": "Tỷ lệ hộ cận nghèo: {value} năm {year} ({origin}).",
        "estimate": "{doc} dự ước tỷ lệ hộ nghèo năm {year} còn {value}; đây là số ước tính, không phải kết quả "
                    "rà soát.",
        "national": "Để so sánh, tỷ lệ hộ nghèo cả nước năm {year} là {value} ({source}).",
        "regional": "Vùng {region} có tỷ lệ hộ nghèo {value} năm {year} ({source}).",
        "no_regional": "Chưa có số liệu của vùng {region} năm {year} trong bộ dữ liệu.",
        "no_national": "Chưa có số liệu cả nước năm {year} trong bộ dữ liệu.",
        "target": "Mục tiêu: {what} đến cuối năm {year} ({doc}) - tình trạng: {status}. {reason}",
        "target_noyear": "Mục tiêu: {what}, không nêu năm ({doc}) - tình trạng: {status}. {reason}",
        "what_generic": "{indicator}: {value}",
        "measures": "Các văn bản của tỉnh cam kết {n} trong {total} nhóm giải pháp: {codes}.",
        "no_measures": "Chưa có văn bản nào của {name} được mã hóa giải pháp.",
        "conflict": "Các nguồn không thống nhất ở một số số liệu ({years}); giá trị hiển thị theo quy tắc chọn "
                    "nguồn đã công bố, các giá trị khác vẫn được lưu trong dữ liệu.",
        "interim": "Một số số liệu là kết quả giữa kỳ hoặc sơ bộ, không phải kết quả cuối năm ({years}).",
        "sources": "Nguồn: {sources}.",
        "pp": "{value} điểm phần trăm",
        "status_achieved": "đã đạt",
        "status_not_achieved": "không đạt",
        "status_on_track": "đúng tiến độ",
        "status_off_track": "chậm tiến độ",
        "status_unknown": "chưa xác định",
        "reason_figure_of_target_year": "Số liệu năm {year} là {value}.",
        "reason_already_below_target": "Số liệu gần nhất, {value} năm {year}, đã thấp hơn mục tiêu; chưa có số "
                                       "liệu của năm mục tiêu.",
        "reason_pace_vs_needed": "Tỷ lệ giảm {achieved} mỗi năm từ {y0} đến {year}; cần giảm {needed} mỗi năm "
                                 "để đạt mục tiêu.",
        "reason_average_pace": "Mức giảm bình quân mỗi năm từ {y0} đến {year} là {achieved}; mục tiêu là "
                               "{needed}.",
        "reason_no_figure": "Chưa có số liệu để đánh giá.",
        "reason_no_figure_for_scope": "Không có số liệu chính thức cho phạm vi này ({scope}).",
        "reason_fewer_than_two_years": "Có ít hơn hai năm số liệu.",
        "reason_figures_only_after_target_year": "Chỉ có số liệu sau năm mục tiêu.",
        "reason_one_figure_before_target_year": "Chỉ có một số liệu ({value} năm {year}); chưa đánh giá được tốc "
                                                "độ.",
        "reason_not_trackable_with_review_data": "Dữ liệu rà soát không đo được mục tiêu này.",
        "reason_zero_baseline": "Số liệu gốc bằng không.",
        "what_rate": "tỷ lệ hộ nghèo không quá {value}",
        "what_households": "số hộ nghèo không quá {value}",
        "what_reduction": "giảm {indicator} {value}",
        "what_reduce_households": "giảm {value} hộ nghèo",
        "compare_intro": "{n} tỉnh có {indicator_label} năm {year}.",
        "compare_none": "Không tỉnh nào có {indicator_label} năm {year}.",
        "compare_high": "Cao nhất: {items}.",
        "compare_low": "Thấp nhất: {items}.",
        "compare_item": "{name} {value}",
        "compare_missing": "{n} trong {total} tỉnh không có số liệu năm {year} và được thể hiện là thiếu dữ liệu.",
        "compare_series_note": "Số liệu theo kết quả rà soát chính thức (chuẩn nghèo {standard}).",
        "compare_gso_note": "Số liệu theo chuỗi điều tra của Tổng cục Thống kê, khác với kết quả rà soát.",
        "compare_partial": "{n} tỉnh mới chỉ có số liệu của một phần các tỉnh cũ hợp thành ({names}); các tỉnh này "
                           "không được xếp vào nhóm cao nhất, thấp nhất và được đánh dấu trên bản đồ.",
        "source_profile": "Nguồn: kết quả rà soát của tỉnh và của Bộ; các văn bản đã mã hóa (xem các bảng dưới).",
        "source_measures": "Nguồn: mã hóa văn bản của nghiên cứu (data/raw/documents/measures.csv).",
        "source_targets": "Nguồn: văn bản đã mã hóa {doc}; số liệu rà soát trong data/processed/poverty_review.csv.",
        "source_review_series": "Chuỗi kết quả rà soát của Bộ, chuẩn nghèo {standard}; nguồn trong "
                                "data/processed/poverty_review.csv.",
        "source_gso_series": "Chuỗi số liệu điều tra của Tổng cục Thống kê (Niên giám), không phải kết quả rà soát.",
        "policy_intro": "{n} văn bản đã mã hóa cam kết {k} trong {total} nhóm giải pháp.",
        "policy_shared": "Tất cả văn bản đều cam kết: {codes}.",
        "policy_shared_none": "Không có nhóm giải pháp nào xuất hiện trong mọi văn bản.",
        "policy_distinct": "Chỉ {doc} cam kết: {codes}.",
        "policy_absent": "Không văn bản nào cam kết: {codes}.",
        "policy_projects": "{doc} gắn với {n} trong {total} dự án của Chương trình ({codes}).",
        "tracking_intro": "Theo dõi {n} mục tiêu: {counts}.",
        "tracking_count": "{n} {status}",
    },
}

# the legal name of the national standard, as data (not typed into templates)
STANDARD_NAMES = {"en": "Decree 07/2021/NĐ-CP", "vi": "Nghị định 07/2021/NĐ-CP"}

INDICATOR_LABELS = {
    "en": {"poor_rate_pct": "poor-household rate", "near_poor_rate_pct": "near-poor household rate",
           "poor_near_poor_rate_pct": "poor and near-poor household rate",
           "poor_households": "number of poor households", "poor_households_reduction": "poor households",
           "poor_rate_reduction_pp": "the poor-household rate"},
    "vi": {"poor_rate_pct": "tỷ lệ hộ nghèo", "near_poor_rate_pct": "tỷ lệ hộ cận nghèo",
           "poor_near_poor_rate_pct": "tỷ lệ hộ nghèo và cận nghèo", "poor_households": "số hộ nghèo",
           "poor_households_reduction": "số hộ nghèo", "poor_rate_reduction_pp": "tỷ lệ hộ nghèo"},
}


# words for the labels coders give to facts of indicator "other" (docs/coding_guide.md) and for
# indicators without a sentence of their own
OTHER_LABELS = {
    "credit_access_eligible_pct": ("eligible households with access to preferential credit",
                                   "hộ đủ điều kiện được vay vốn ưu đãi"),
    "vocational_training_poor_working_age_pct": ("poor people of working age trained in a trade",
                                                 "người nghèo trong độ tuổi lao động được đào tạo nghề"),
    "public_investment_plan_pct": ("public investment plan carried out", "kế hoạch vốn đầu tư công được thực hiện"),
    "poor_district_list_exit": ("leave the national list of poor districts (a list of this many districts)",
                                "ra khỏi danh sách huyện nghèo (danh sách gồm số huyện này)"),
    "workers_supported": ("workers given jobs or training", "lao động được hỗ trợ việc làm"),
    "houses_supported": ("houses supported", "nhà ở được hỗ trợ"),
    "budget_billion_vnd": ("budget (billion VND)", "kinh phí (tỷ đồng)"),
}


def other_label(label: str, lang: str) -> str:
    """Words for a fact label or indicator in ``lang`` (the label itself, readable, when unknown)."""
    words = OTHER_LABELS.get(label)
    if words:
        return words[0] if lang == "en" else words[1]
    return label.replace("_", " ")


def _check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected 'vi' or 'en'")
    return lang


def t(lang: str, key: str, **values) -> str:
    """Fill template ``key`` of ``lang`` with already formatted ``values``."""
    return TEMPLATES[_check_lang(lang)][key].format(**values)


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------
def fmt_number(value: float, lang: str, decimals: int | None = None) -> str:
    """Format a number: ``5.100`` and ``6,02`` in Vietnamese, ``5,100`` and ``6.02`` in English.

    Without ``decimals``, up to three decimals are shown (as precise as the sources print them) and
    trailing zeros dropped.
    """
    _check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value; say that it is missing instead")
    if decimals is None:
        text = f"{float(value):,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{float(value):,.{decimals}f}"
    if text in ("-0", "-0.0"):
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(value: float, lang: str) -> str:
    """Format a rate in percent (``6,02%`` / ``6.02%``)."""
    return f"{fmt_number(value, lang)}%"


def fmt_pp(value: float, lang: str) -> str:
    """Format a difference of rates in percentage points, without sign (``2,9 điểm phần trăm``)."""
    return t(lang, "pp", value=fmt_number(abs(value), lang))


def fmt_count(value: float, lang: str) -> str:
    """Format a count of households (``5.100`` / ``5,100``)."""
    return fmt_number(round(float(value)), lang, decimals=0)


def fmt_date(iso: str, lang: str) -> str:
    """Format an ISO date: ``1/7/2025`` in Vietnamese, ``1 July 2025`` in English."""
    stamp = pd.Timestamp(iso)
    if lang == "vi":
        return f"{stamp.day}/{stamp.month}/{stamp.year}"
    return f"{stamp.day} {stamp.strftime('%B')} {stamp.year}"


def fmt_list(items: list[str], lang: str) -> str:
    """Join items with commas and a final "và"/"and"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    joiner = " và " if lang == "vi" else " and "
    return ", ".join(items[:-1]) + joiner + items[-1]


def fmt_value(value: float, unit: str, lang: str) -> str:
    """Format a value with its unit from the facts vocabulary."""
    if unit in ("pct",):
        return fmt_pct(value, lang)
    if unit == "pp":
        return fmt_pp(value, lang)
    if unit == "pp_per_year":
        return fmt_pp(value, lang) + (" mỗi năm" if lang == "vi" else " a year")
    if unit == "pct_per_year":
        return fmt_pct(value, lang) + (" mỗi năm" if lang == "vi" else " a year")
    return fmt_number(value, lang)


# ---------------------------------------------------------------------------------------------
# province profile
# ---------------------------------------------------------------------------------------------
def _doc_label(doc_id: str, documents: pd.DataFrame, lang: str) -> str:
    row = documents[documents["doc_id"] == doc_id]
    if row.empty:
        return doc_id
    row = row.iloc[0]
    issuer = row["issuer"] if isinstance(row["issuer"], str) and row["issuer"] else ""
    kind = {"en": {"plan": "the plan", "conclusion": "the conclusion", "article": "the article",
                   "report": "the report", "resolution": "the resolution", "directive": "the directive"},
            "vi": {"plan": "kế hoạch", "conclusion": "kết luận", "article": "bài viết", "report": "báo cáo",
                   "resolution": "nghị quyết", "directive": "chỉ thị"}}[lang].get(row["kind"], doc_id)
    label = f"{kind} {doc_id}"
    if issuer:
        label += f" ({issuer})"
    return label


def _kind_vi(unit, capital: bool = False) -> str:
    """"tỉnh" or "thành phố" for a unit (Vietnamese text names the kind of unit)."""
    word = "thành phố" if unit.kind == "thanh_pho" else "tỉnh"
    return word[:1].upper() + word[1:] if capital else word


def _origin(row, lang: str) -> str:
    if row["origin"] == "review":
        return t(lang, "origin_review" if row.get("reference_point") == "end_of_year" else "origin_interim")
    return t(lang, "origin_document", doc=row["doc_id"])


def profile_sentences(province: str, lang: str, review: pd.DataFrame, facts: pd.DataFrame,
                      documents: pd.DataFrame, measures: pd.DataFrame, aggregate_series: pd.DataFrame,
                      year: int | None = None) -> list[str]:
    """Sentences that describe one province (63 regime) from the data.

    Changes between years and target statuses rest on end-of-year review figures and on figures the
    province's documents state; interim or preliminary figures are listed, labelled as such, but not
    compared. A change between a review figure and a document figure says so.

    Parameters
    ----------
    province : str
        Any spelling of a province name.
    lang : {"vi", "en"}
    review, facts, documents, measures, aggregate_series : pandas.DataFrame
        As :mod:`study.load` returns them (``review`` under the Decree 07/2021 standard).
    year : int, optional
        A focus year: the national and regional comparison is given for it (default: the latest year
        with an end-of-year review figure, or else the latest observed year).

    Returns
    -------
    list of str
    """
    lang = _check_lang(lang)
    unit = provinces.resolve(province, "63")
    code = unit.code
    review = review[review["province_code"] == code]
    facts_p = facts[facts["province_code"] == code]
    docs_p = documents[documents["province_code"] == code]
    out: list[str] = []
    region = unit.region if lang == "vi" else unit.region_en
    out.append(t(lang, "identity", name=unit.name_vi, region=region, code=code, kind_cap=_kind_vi(unit, True)))
    new = provinces.successor(code)
    parts = [u for u in provinces.predecessors(new.code) if u.code != code]
    date = fmt_date(provinces.MERGER_DATE, lang)
    if parts:
        out.append(t(lang, "merger", new=new.name_vi, new_code=new.code, date=date, kind=_kind_vi(unit),
                     new_kind=_kind_vi(new), parts=fmt_list([u.name_vi for u in provinces.predecessors(new.code)],
                                                            lang)))
    else:
        out.append(t(lang, "merger_same", new=new.name_vi, new_code=new.code, date=date, kind=_kind_vi(unit),
                     new_kind=_kind_vi(new)))

    obs = indicators.observations(review, facts_p)
    listed = indicators.best_by_year(obs, "poor_rate_pct", include_interim=True)
    series = indicators.best_by_year(obs, "poor_rate_pct")
    end_of_year = review[review["reference_point"] == "end_of_year"]
    counts_only = end_of_year[(end_of_year["indicator"] == "poor_households")
                              & ~end_of_year["year"].isin(set(listed["year"]))]
    if listed.empty and counts_only.empty:
        out.append(t(lang, "no_series", name=unit.name_vi))
    else:
        items = [t(lang, "series_item", value=fmt_pct(row["value"], lang), year=row["year"], origin=_origin(row, lang))
                 for row in listed.to_dict("records")]
        if items:
            out.append(t(lang, "series", items="; ".join(items)))
        for row in counts_only.sort_values("year").to_dict("records"):
            out.append(t(lang, "households_only", year=int(row["year"]), value=fmt_count(row["value"], lang)))
        known = set(listed["year"]) | set(counts_only["year"].astype(int))
        review_years = set(end_of_year.loc[end_of_year["indicator"].isin(["poor_rate_pct", "poor_households"]),
                                           "year"].astype(int))
        if known:
            span = range(min(2021, min(known)), max(known) + 1)
            missing = [str(y) for y in span if y not in review_years]
            if missing:
                key = "missing_years" if len(missing) > 1 else "missing_year"
                out.append(t(lang, key, years=fmt_list(missing, lang)))
        rows = series.to_dict("records")
        for before, after in zip(rows, rows[1:], strict=False):
            d = indicators.change_pp(before["value"], after["value"])
            values = dict(y0=before["year"], y1=after["year"], v0=fmt_pct(before["value"], lang),
                          v1=fmt_pct(after["value"], lang), d=fmt_pp(d, lang))
            key = "change_down" if d < 0 else "change_up" if d > 0 else "change_flat"
            sentence = t(lang, key, **values)
            if before["origin"] != after["origin"]:
                sentence += " " + t(lang, "change_mixed", a=_origin(before, lang), b=_origin(after, lang))
            out.append(sentence)
        zero_years = sorted(set(end_of_year.loc[(end_of_year["indicator"] == "poor_households")
                                                & (end_of_year["value"] == 0), "year"].astype(int)))
        if zero_years:
            out.append(t(lang, "zero_poor", name=unit.name_vi, zero=fmt_pct(0, lang),
                         years=fmt_list([str(y) for y in zero_years], lang)))
    near = indicators.best_by_year(obs, "near_poor_rate_pct", include_interim=True)
    if len(near):
        last = near.iloc[-1]
        out.append(t(lang, "near_poor", value=fmt_pct(last["value"], lang), year=last["year"],
                     origin=_origin(last, lang)))
    estimates = obs[(obs["kind"] == "estimate") & (obs["indicator"] == "poor_rate_pct")]
    for row in estimates.to_dict("records"):
        label = _doc_label(row["doc_id"], documents, lang)
        out.append(t(lang, "estimate", doc=label[:1].upper() + label[1:], year=row["year"],
                     value=fmt_pct(row["value"], lang)))
    focus = year
    if focus is None and len(end_of_year):
        focus = int(end_of_year["year"].max())
    if focus is None and len(listed):
        focus = int(listed["year"].max())
    if focus is not None:
        out.extend(_context_sentences(unit, region, focus, aggregate_series, lang))
    names = {code: unit.name_vi}
    districts = {d: x for d, x in zip(docs_p["doc_id"], docs_p["district"], strict=True) if isinstance(x, str) and x}
    for tracked in indicators.province_targets(facts_p, obs, names, districts):
        out.append(target_sentence(tracked, lang))
    m = measures[measures["province_code"] == code]
    codes = sorted(set(m["measure_code"]), key=lambda c: list(_measure_order()).index(c))
    if codes:
        out.append(t(lang, "measures", n=len(codes), total=len(_measure_order()), codes=", ".join(codes)))
    else:
        out.append(t(lang, "no_measures", name=unit.name_vi))
    conflict_years = sorted(set(review.loc[review["conflict"].astype(bool), "year"].astype(int)))
    if conflict_years:
        out.append(t(lang, "conflict", years=fmt_list([str(y) for y in conflict_years], lang)))
    interim_years = sorted(set(review.loc[review["reference_point"] != "end_of_year", "year"].astype(int)))
    if interim_years:
        out.append(t(lang, "interim", years=fmt_list([str(y) for y in interim_years], lang)))
    sources = sorted(set(review["source_url"].dropna().astype(str)) | set(docs_p["source"].astype(str)))
    if sources:
        out.append(t(lang, "sources", sources="; ".join(sources)))
    return out


def _context_sentences(unit, region: str, focus: int, aggregate_series: pd.DataFrame, lang: str) -> list[str]:
    """The national and regional rate of the focus year, or a plain statement that they are missing."""
    out = []
    a = aggregate_series[(aggregate_series["indicator"] == "poor_rate_pct")
                         & (aggregate_series["standard"] == "nd07_2021")
                         & (aggregate_series["reference_point"] == "end_of_year")
                         & (aggregate_series["year"] == focus)]
    national = a[a["level"] == "national"]
    if len(national):
        row = national.iloc[0]
        out.append(t(lang, "national", year=focus, value=fmt_pct(row["value"], lang), source=row["source_url"]))
    else:
        out.append(t(lang, "no_national", year=focus))
    regional = a[(a["level"] == "region") & (a["area"] == unit.region)]
    if len(regional):
        row = regional.iloc[0]
        out.append(t(lang, "regional", region=region, year=focus, value=fmt_pct(row["value"], lang),
                     source=row["source_url"]))
    else:
        out.append(t(lang, "no_regional", region=region, year=focus))
    return out


def _measure_order():
    from study.schema import MEASURE_CODES

    return MEASURE_CODES


def target_sentence(tracked: indicators.Tracking, lang: str) -> str:
    """One sentence on a tracked target: what, by when, status and the reason."""
    what, status, reason = target_parts(tracked, lang)
    key = "target" if tracked.target_year else "target_noyear"
    return t(lang, key, what=what, year=tracked.target_year, doc=tracked.target_id, status=status,
             reason=reason).strip()


def target_parts(tracked: indicators.Tracking, lang: str) -> tuple[str, str, str]:
    """What a target asks, its status and the reason, each as text in ``lang``."""
    status = t(lang, f"status_{tracked.status}")
    if tracked.unit in ("pct", "pp", "pp_per_year"):
        per_year = fmt_pp  # a change of a rate is in points
    elif tracked.unit == "pct_per_year":
        per_year = fmt_pct  # a relative change of a count
    else:
        per_year = fmt_number
    values = {"year": tracked.actual_year if tracked.actual_year is not None else tracked.target_year,
              "scope": tracked.scope}
    if tracked.actual_value is not None:
        values["value"] = (fmt_pct(tracked.actual_value, lang) if tracked.unit == "pct"
                           else fmt_number(tracked.actual_value, lang))
    if tracked.previous_year is not None:
        values["y0"] = tracked.previous_year
    if tracked.achieved_per_year is not None:
        values["achieved"] = per_year(tracked.achieved_per_year, lang)
    if tracked.needed_per_year is not None and not math.isnan(tracked.needed_per_year):
        values["needed"] = per_year(tracked.needed_per_year, lang)
    zero_target = tracked.indicator == "poor_households" and tracked.target_text_value == 0
    reason_code = tracked.reason_code
    if zero_target and reason_code == "already_below_target":
        reason_code = "target_met_zero"
    try:
        reason = t(lang, f"reason_{reason_code}", **values)
    except KeyError:
        reason = t(lang, "reason_no_figure")
    label = INDICATOR_LABELS[lang].get(tracked.indicator, tracked.indicator)
    if tracked.indicator in indicators.RATE_INDICATORS and tracked.target_text_value is not None:
        what = t(lang, "what_rate", value=fmt_pct(tracked.target_text_value, lang))
    elif zero_target:
        what = t(lang, "what_zero")
    elif tracked.indicator == "poor_households" and tracked.target_text_value is not None:
        what = t(lang, "what_households", value=fmt_number(tracked.target_text_value, lang))
    else:
        low, high = tracked.target_min, tracked.target_max
        if tracked.target_text_value is not None:
            amount = fmt_value(tracked.target_text_value, tracked.unit, lang)
        elif low is not None and high is not None:
            amount = f"{fmt_number(low, lang)}-{fmt_value(high, tracked.unit, lang)}"
        elif low is not None:
            amount = fmt_value(low, tracked.unit, lang)
        else:
            amount = ""
        if tracked.indicator == "poor_households_reduction" and tracked.unit == "households":
            what = t(lang, "what_reduce_households", value=amount)
        elif tracked.indicator in ("poor_households_reduction", "poor_rate_reduction_pp"):
            what = t(lang, "what_reduction", indicator=label, value=amount)
        else:
            what = t(lang, "what_generic", indicator=other_label(tracked.label or tracked.indicator, lang),
                     value=amount)
    return what, status, reason


# ---------------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------------
def comparison_sentences(values: pd.DataFrame, indicator: str, year: int, lang: str, total: int,
                         series: str = "review", n: int = 3) -> list[str]:
    """Sentences on a cross-section: how many provinces have a figure, highest, lowest, missing.

    Parameters
    ----------
    values : pandas.DataFrame
        One row per province with ``province`` (name) and ``value`` (missing allowed).
    total : int
        Number of units compared (63 or 34, or the size of a chosen list).
    series : {"review", "gso"}
        Which series the figures come from; said in the text.
    """
    lang = _check_lang(lang)
    label = INDICATOR_LABELS[lang].get(indicator, indicator)
    have = values.dropna(subset=["value"])
    partial = pd.DataFrame(columns=have.columns)
    if "complete" in have.columns:
        complete = have["complete"].fillna(False).astype(bool)
        partial = have[~complete]
        have = have[complete]
    have = have.sort_values(["value", "province"], ascending=[False, True])
    if series == "review":
        out = [t(lang, "compare_series_note", standard=STANDARD_NAMES[lang])]
    else:
        out = [t(lang, "compare_gso_note")]
    if have.empty:
        out.append(t(lang, "compare_none", indicator_label=label, year=year))
    else:
        fmt = fmt_pct if indicator.endswith("_pct") else fmt_count
        out.append(t(lang, "compare_intro", n=len(have), indicator_label=label, year=year))
        high = [t(lang, "compare_item", name=r["province"], value=fmt(r["value"], lang))
                for r in have.head(n).to_dict("records")]
        low = [t(lang, "compare_item", name=r["province"], value=fmt(r["value"], lang))
               for r in have.tail(n).iloc[::-1].to_dict("records")]
        out.append(t(lang, "compare_high", items=", ".join(high)))
        out.append(t(lang, "compare_low", items=", ".join(low)))
    if len(partial):
        out.append(t(lang, "compare_partial", n=len(partial), names=", ".join(sorted(partial["province"]))))
    missing = total - len(have) - len(partial)
    if missing > 0:
        out.append(t(lang, "compare_missing", n=missing, total=total, year=year))
    return out


# ---------------------------------------------------------------------------------------------
# policy measures and targets
# ---------------------------------------------------------------------------------------------
def policy_sentences(m: pd.DataFrame, lang: str) -> list[str]:
    """Sentences on a documents x measure-codes matrix (see :func:`study.policy.matrix`)."""
    from study.analysis import policy

    lang = _check_lang(lang)
    used = [c for c in m.columns if m[c].any()]
    out = [t(lang, "policy_intro", n=len(m), k=len(used), total=len(m.columns))]
    common = policy.shared(m)
    out.append(t(lang, "policy_shared", codes=", ".join(common)) if common else t(lang, "policy_shared_none"))
    for doc, codes in policy.distinctive(m).items():
        if codes:
            out.append(t(lang, "policy_distinct", doc=doc, codes=", ".join(codes)))
    missing = policy.absent(m)
    if missing:
        out.append(t(lang, "policy_absent", codes=", ".join(missing)))
    for row in policy.project_coverage(m).to_dict("records"):
        out.append(t(lang, "policy_projects", doc=row["document"], n=row["projects"], total=row["of"],
                     codes=row["codes"] or "-"))
    return out


def tracking_sentences(frame: pd.DataFrame, lang: str) -> list[str]:
    """A summary sentence of tracked targets by status (``frame`` from :func:`study.targets.tracked`)."""
    lang = _check_lang(lang)
    order = ["achieved", "on_track", "off_track", "not_achieved", "unknown"]
    counts = frame["status"].value_counts()
    parts = [t(lang, "tracking_count", n=int(counts[s]), status=t(lang, f"status_{s}")) for s in order if s in counts]
    return [t(lang, "tracking_intro", n=len(frame), counts=", ".join(parts))]
