"""Data to sentences, in Vietnamese and English, from templates.

Every number in a sentence comes from the data passed in; the templates hold words only (a test
checks that no template contains a digit). Vietnamese text uses Vietnamese number style (``6,02%``,
``5.100``); percentage points are kept apart from percent; a missing figure is said plainly; an
estimate is called an estimate; each paragraph cites its sources.
"""

from __future__ import annotations

import math

import pandas as pd

from study import indicators, provinces

LANGS = ("vi", "en")

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "identity": "{name} is a province-level unit of the {region} region (GSO code {code}).",
        "merger_same": "Since {date} it continues as {new} (code {new_code}) with unchanged borders.",
        "merger": "Since {date} it is part of {new} (code {new_code}), formed from {parts}.",
        "series": "Poor-household rate by year: {items}.",
        "series_item": "{value} ({year}, {origin})",
        "origin_review": "official review",
        "origin_document": "stated in {doc}",
        "no_series": "No poor-household rate for {name} was found in the official reviews or the coded documents.",
        "missing_years": "No official review figure was found for {years}.",
        "change_down": "From {y0} to {y1} the poor-household rate fell from {v0} to {v1}, down {d}.",
        "change_up": "From {y0} to {y1} the poor-household rate rose from {v0} to {v1}, up {d}.",
        "change_flat": "From {y0} to {y1} the poor-household rate stayed at {v1}.",
        "zero_poor": "{name} reached zero poor households ({zero}) in the {year} review.",
        "near_poor": "Near-poor households: {value} in {year} ({origin}).",
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
        "compare_intro": "{n} provinces have a {indicator_label} for {year}.",
        "compare_none": "No province has a {indicator_label} for {year}.",
        "compare_high": "Highest: {items}.",
        "compare_low": "Lowest: {items}.",
        "compare_item": "{name} {value}",
        "compare_missing": "{n} of the {total} provinces have no figure for {year} and are shown as missing.",
        "compare_series_note": "Figures are from the official review series ({standard} standard).",
        "compare_gso_note": "Figures are from the GSO survey-based series, a different measure from the review.",
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
        "identity": "{name} là đơn vị hành chính cấp tỉnh thuộc vùng {region} (mã {code}).",
        "merger_same": "Từ ngày {date}, tỉnh giữ nguyên địa giới với tên {new} (mã {new_code}).",
        "merger": "Từ ngày {date}, tỉnh là một phần của {new} (mã {new_code}), hình thành từ {parts}.",
        "series": "Tỷ lệ hộ nghèo theo năm: {items}.",
        "series_item": "{value} ({year}, {origin})",
        "origin_review": "kết quả rà soát chính thức",
        "origin_document": "theo {doc}",
        "no_series": "Không tìm thấy tỷ lệ hộ nghèo của {name} trong kết quả rà soát chính thức hay văn bản đã mã hóa.",
        "missing_years": "Không có số liệu rà soát chính thức cho {years}.",
        "change_down": "Từ {y0} đến {y1}, tỷ lệ hộ nghèo giảm từ {v0} xuống {v1}, tức giảm {d}.",
        "change_up": "Từ {y0} đến {y1}, tỷ lệ hộ nghèo tăng từ {v0} lên {v1}, tức tăng {d}.",
        "change_flat": "Từ {y0} đến {y1}, tỷ lệ hộ nghèo giữ ở mức {v1}.",
        "zero_poor": "{name} không còn hộ nghèo ({zero}) theo kết quả rà soát năm {year}.",
        "near_poor": "Hộ cận nghèo: {value} năm {year} ({origin}).",
        "estimate": "{doc} dự ước tỷ lệ hộ nghèo năm {year} còn {value}; đây là số ước tính, không phải kết quả "
                    "rà soát.",
        "national": "Để so sánh, tỷ lệ hộ nghèo cả nước năm {year} là {value} ({source}).",
        "regional": "Vùng {region} có tỷ lệ hộ nghèo {value} năm {year} ({source}).",
        "no_regional": "Dữ liệu không có số liệu của vùng {region} năm {year}.",
        "no_national": "Dữ liệu không có số liệu cả nước năm {year}.",
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
        "compare_intro": "{n} tỉnh có {indicator_label} năm {year}.",
        "compare_none": "Không tỉnh nào có {indicator_label} năm {year}.",
        "compare_high": "Cao nhất: {items}.",
        "compare_low": "Thấp nhất: {items}.",
        "compare_item": "{name} {value}",
        "compare_missing": "{n} trong {total} tỉnh không có số liệu năm {year} và được thể hiện là thiếu dữ liệu.",
        "compare_series_note": "Số liệu theo kết quả rà soát chính thức (chuẩn nghèo {standard}).",
        "compare_gso_note": "Số liệu theo chuỗi điều tra của Tổng cục Thống kê, khác với kết quả rà soát.",
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

    Without ``decimals``, up to two decimals are shown and trailing zeros dropped.
    """
    _check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing value; say that it is missing instead")
    if decimals is None:
        text = f"{float(value):,.2f}".rstrip("0").rstrip(".")
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
    if unit in ("pp", "pp_per_year"):
        return fmt_pp(value, lang)
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


def profile_sentences(province: str, lang: str, review: pd.DataFrame, facts: pd.DataFrame,
                      documents: pd.DataFrame, measures: pd.DataFrame, aggregate_series: pd.DataFrame,
                      year: int | None = None) -> list[str]:
    """Sentences that describe one province (63 regime) from the data.

    Parameters
    ----------
    province : str
        Any spelling of a province name.
    lang : {"vi", "en"}
    review, facts, documents, measures, aggregate_series : pandas.DataFrame
        As :mod:`study.load` returns them (``review`` under the Decree 07/2021 standard).
    year : int, optional
        A focus year: the national comparison is given for it (default: the latest observed year).

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
    out.append(t(lang, "identity", name=unit.name_vi, region=region, code=code))
    new = provinces.successor(code)
    parts = [u for u in provinces.predecessors(new.code) if u.code != code]
    if parts:
        out.append(t(lang, "merger", new=new.name_vi, new_code=new.code, date=fmt_date(provinces.MERGER_DATE, lang),
                     parts=fmt_list([u.name_vi for u in provinces.predecessors(new.code)], lang)))
    else:
        out.append(t(lang, "merger_same", new=new.name_vi, new_code=new.code,
                     date=fmt_date(provinces.MERGER_DATE, lang)))

    obs = indicators.observations(review, facts_p)
    series = indicators.best_by_year(obs, "poor_rate_pct")
    if series.empty and not (review["indicator"] == "poor_households").any():
        out.append(t(lang, "no_series", name=unit.name_vi))
    else:
        items = []
        for row in series.to_dict("records"):
            origin = (t(lang, "origin_review") if row["origin"] == "review"
                      else t(lang, "origin_document", doc=row["doc_id"]))
            items.append(t(lang, "series_item", value=fmt_pct(row["value"], lang), year=row["year"], origin=origin))
        if items:
            out.append(t(lang, "series", items="; ".join(items)))
        years = sorted(set(series["year"]))
        review_years = set(review.loc[review["indicator"].isin(["poor_rate_pct", "poor_households"]),
                                      "year"].astype(int))
        if years:
            span = range(min(2021, years[0]), max(years) + 1)
            missing = [str(y) for y in span if y not in review_years]
            if missing:
                out.append(t(lang, "missing_years", years=fmt_list(missing, lang)))
        rows = series.to_dict("records")
        for before, after in zip(rows, rows[1:], strict=False):
            d = indicators.change_pp(before["value"], after["value"])
            values = dict(y0=before["year"], y1=after["year"], v0=fmt_pct(before["value"], lang),
                          v1=fmt_pct(after["value"], lang), d=fmt_pp(d, lang))
            key = "change_down" if d < 0 else "change_up" if d > 0 else "change_flat"
            out.append(t(lang, key, **values))
        zero_years = sorted(set(review.loc[(review["indicator"] == "poor_households") & (review["value"] == 0),
                                           "year"].astype(int)))
        for y in zero_years:
            out.append(t(lang, "zero_poor", name=unit.name_vi, year=y, zero=fmt_pct(0, lang)))
    near = indicators.best_by_year(obs, "near_poor_rate_pct")
    if len(near):
        last = near.iloc[-1]
        origin = (t(lang, "origin_review") if last["origin"] == "review"
                  else t(lang, "origin_document", doc=last["doc_id"]))
        out.append(t(lang, "near_poor", value=fmt_pct(last["value"], lang), year=last["year"], origin=origin))
    estimates = obs[(obs["kind"] == "estimate") & (obs["indicator"] == "poor_rate_pct")]
    for row in estimates.to_dict("records"):
        label = _doc_label(row["doc_id"], documents, lang)
        out.append(t(lang, "estimate", doc=label[:1].upper() + label[1:],
                     year=row["year"], value=fmt_pct(row["value"], lang)))
    focus = year if year is not None else (int(series["year"].max()) if len(series) else None)
    if focus is not None:
        national = aggregate_series[(aggregate_series["level"] == "national")
                                    & (aggregate_series["indicator"] == "poor_rate_pct")
                                    & (aggregate_series["standard"] == "nd07_2021")
                                    & (aggregate_series["reference_point"] == "end_of_year")
                                    & (aggregate_series["year"] == focus)]
        if len(national):
            row = national.iloc[0]
            out.append(t(lang, "national", year=focus, value=fmt_pct(row["value"], lang), source=row["source_url"]))
        else:
            out.append(t(lang, "no_national", year=focus))
        regional = aggregate_series[(aggregate_series["level"] == "region")
                                    & (aggregate_series["area"] == unit.region)
                                    & (aggregate_series["indicator"] == "poor_rate_pct")
                                    & (aggregate_series["standard"] == "nd07_2021")
                                    & (aggregate_series["reference_point"] == "end_of_year")
                                    & (aggregate_series["year"] == focus)]
        if len(regional):
            row = regional.iloc[0]
            out.append(t(lang, "regional", region=region, year=focus, value=fmt_pct(row["value"], lang),
                         source=row["source_url"]))
        else:
            out.append(t(lang, "no_regional", region=region, year=focus))
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


def _measure_order():
    from study.schemas import MEASURE_CODES

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
    fmt = fmt_pct if tracked.unit in ("pct", "pp") else fmt_number
    values = {"year": tracked.actual_year if tracked.actual_year is not None else tracked.target_year,
              "scope": tracked.scope}
    if tracked.actual_value is not None:
        values["value"] = (fmt_pct(tracked.actual_value, lang) if tracked.unit == "pct"
                           else fmt_number(tracked.actual_value, lang))
    if tracked.previous_year is not None:
        values["y0"] = tracked.previous_year
    unit_pp = tracked.unit in ("pp_per_year", "pct")
    if tracked.achieved_per_year is not None:
        values["achieved"] = fmt_pp(tracked.achieved_per_year, lang) if unit_pp else fmt_pct(
            tracked.achieved_per_year, lang)
    if tracked.needed_per_year is not None and not math.isnan(tracked.needed_per_year):
        values["needed"] = fmt_pp(tracked.needed_per_year, lang) if unit_pp else fmt_pct(
            tracked.needed_per_year, lang)
    try:
        reason = t(lang, f"reason_{tracked.reason_code}", **values)
    except KeyError:
        reason = t(lang, "reason_no_figure")
    label = INDICATOR_LABELS[lang].get(tracked.indicator, tracked.indicator)
    if tracked.indicator in indicators.RATE_INDICATORS and tracked.target_text_value is not None:
        what = t(lang, "what_rate", value=fmt(tracked.target_text_value, lang))
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
        if tracked.indicator in ("poor_households_reduction", "poor_rate_reduction_pp"):
            what = t(lang, "what_reduction", indicator=label, value=amount)
        else:
            name = tracked.label or label
            what = t(lang, "what_generic", indicator=name.replace("_", " "), value=amount)
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
    have = values.dropna(subset=["value"]).sort_values(["value", "province"], ascending=[False, True])
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
    missing = total - len(have)
    if missing > 0:
        out.append(t(lang, "compare_missing", n=missing, total=total, year=year))
    return out


# ---------------------------------------------------------------------------------------------
# policy measures and targets
# ---------------------------------------------------------------------------------------------
def policy_sentences(m: pd.DataFrame, lang: str) -> list[str]:
    """Sentences on a documents x measure-codes matrix (see :func:`study.policy.matrix`)."""
    from study import policy

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
