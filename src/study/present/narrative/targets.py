"""Targets in words: what a target asks, its status and the figures that decided it (from ``targets.tracked()``)."""

from __future__ import annotations

import re

import pandas as pd

from study.analysis.findings.model import Source
from study.present.i18n import catalogue, check_lang, fmt_count, fmt_number, fmt_pct, fmt_pp, t
from study.present.issuers import publisher_label
from study.present.sentences import Sentence

STATUS_ORDER = ("achieved", "met_early", "on_track", "off_track", "not_achieved", "unknown")


def _present(value) -> bool:
    return value is not None and value is not pd.NA and not (isinstance(value, float) and pd.isna(value))


def _amount(value: float, unit: str, lang: str) -> str:
    if unit == "pct" or unit.startswith("percent"):
        return fmt_pct(value, lang)
    times = re.fullmatch(r"times_(\d{4})_level", unit)
    if times:  # a multiple of a base year's level; the year is part of the unit's name
        return t(lang, "target.times_base", value=fmt_number(value, lang), base_year=times.group(1))
    if unit in ("pp", "pp_per_year"):
        return fmt_pp(value, lang)
    if unit in ("households", "count", "people", "houses", "workers", "models"):
        return fmt_count(value, lang)
    if unit in ("pct_per_year", "pct_of_households_reduction"):
        return fmt_pct(value, lang)
    return fmt_number(value, lang)


def _target_amount(row: dict, lang: str) -> str:
    unit = row.get("unit") or ""
    if _present(row.get("target_value")):
        return _amount(row["target_value"], unit, lang)
    low, high = row.get("target_min"), row.get("target_max")
    if _present(low) and _present(high):
        return f"{fmt_number(low, lang)}–{_amount(high, unit, lang)}"
    if _present(low):
        return _amount(low, unit, lang)
    if _present(high):
        return _amount(high, unit, lang)
    return ""


def _indicator(row: dict, lang: str) -> str:
    code = row["indicator"]
    base = {
        "poor_rate_reduction_pp": "poor_rate_pct",
        "poor_households_reduction": "poor_households",
        "poor_near_poor_rate_reduction_pp": "poor_near_poor_rate_pct",
    }.get(code, code)
    names = catalogue(lang).get("indicator", {})
    for key in (base, row.get("label")):
        if key and key in names:
            return t(lang, f"indicator.{key}")
    return (row.get("label") or code).replace("_", " ")


def what(row: dict, lang: str) -> str:
    """What the target asks, in words."""
    amount, indicator = _target_amount(row, lang), _indicator(row, lang)
    kind = row.get("target_type") or ""
    if not kind and "reduction" in str(row["indicator"]):
        # a fall the review cannot judge still reads as a fall: "giảm ... mỗi năm", never "...: 60%"
        kind = "yearly_pace" if str(row.get("unit") or "").endswith("per_year") else "period_total"
    if (
        kind == "level"
        and row["indicator"] == "poor_households"
        and _present(row.get("target_value"))
        and float(row["target_value"]) == 0
    ):
        return t(lang, "target.what_no_poor")
    if kind == "level":
        key = "target.what_level_below" if row.get("comparator") == "below" else "target.what_level_at_most"
    elif kind in ("yearly_pace", "one_year", "period_total"):
        key = f"target.what_{kind}"
    else:
        key = "target.what_other"
    return t(lang, key, indicator=indicator, value=amount, year=row.get("target_year") or "")


def target_label(row: dict, lang: str) -> str:
    """What the target asks and for whom, as a table cell ("giảm tỷ lệ hộ nghèo 3 điểm phần trăm mỗi
    năm (hộ đồng bào dân tộc thiểu số)")."""
    return what(row, lang) + _scope(row, lang)


def _scope(row: dict, lang: str) -> str:
    scope = row.get("scope") or "province"
    if scope in ("province", "national"):
        return ""
    if scope.startswith("district:"):
        return t(lang, "target.scope_district", name=scope.split(":", 1)[1])
    if scope.startswith("province34:"):
        return t(lang, "target.scope_province34", name=scope.split(":", 1)[1])
    if scope.startswith("province63:"):
        return t(lang, "target.scope_province63", name=scope.split(":", 1)[1])
    try:
        return t(lang, f"target.scope_{scope}")
    except KeyError:
        pass
    return t(lang, "target.scope_other", scope=scope.replace("_", " "))


def reason(row: dict, lang: str) -> str:
    """Why the status is what it is, with the figures that decided it."""
    unit = row.get("unit") or ""
    level = row.get("target_type") == "level"
    rate = row["indicator"].endswith("_pct") or row["indicator"] == "poor_rate_reduction_pp"
    fmt_actual = fmt_pct if (level and unit == "pct") or rate else fmt_count
    values = {k: row.get(k) for k in ("actual_year", "previous_year", "first_met_year")}
    values = {k: int(v) if _present(v) else "" for k, v in values.items()}
    if _present(row.get("actual_value")):
        values["actual_value"] = fmt_actual(row["actual_value"], lang)
    if unit.startswith("pp") or (unit == "pct" and row["indicator"].endswith("_pct")):
        pace = fmt_pp  # a change of a rate is in points
    elif unit in ("pct", "pct_per_year", "pct_of_households_reduction"):
        pace = fmt_pct  # a relative change of a count
    else:

        def pace(value, lang):  # a change of a count is in households
            return t(lang, "target.households_value", value=fmt_count(value, lang))

    code = row["reason_code"]
    rose = any(_present(row.get(k)) and float(row[k]) < 0 for k in ("achieved_per_year", "achieved_total"))
    for key, name in (("achieved_per_year", "achieved"), ("needed_per_year", "needed"), ("achieved_total", "total")):
        if _present(row.get(key)):
            values[name] = pace(abs(float(row[key])) if rose and key != "needed_per_year" else row[key], lang)
    if rose and "achieved" in values:
        code = "rise"  # "giảm -0,3" never: a rise is said as a rise
    try:
        return t(lang, f"target.r_{code}", **values)
    except (KeyError, IndexError):
        return t(lang, "target.r_no_figure")


def target_sentence(row: dict, lang: str) -> Sentence:
    """One sentence on a tracked target, with the sources of the target and of the deciding figures."""
    lang = check_lang(lang)
    year, start = row.get("target_year"), row.get("period_start")
    key = "target.target_line" if _present(year) else "target.target_line_noyear"
    if _present(year) and _present(start) and int(start) < int(year):
        key = "target.target_line_period"
    elif _present(year) and row.get("target_type") == "one_year":
        key = "target.target_line_one_year"  # "giảm ... trong năm 2024", not "... trong năm vào năm 2024"
    elif _present(year) and str(row.get("unit") or "").endswith("per_year"):
        key = "target.target_line_per_year"  # "... mỗi năm đến năm 2022", not "... mỗi năm vào năm 2022"
    text = t(
        lang,
        key,
        what=what(row, lang),
        year=int(year) if _present(year) else "",
        scope=_scope(row, lang),
        start=int(start) if _present(start) else "",
        status=t(lang, f"status.{row['status']}"),
        reason=reason(row, lang),
    )
    sources = [
        Source(
            url=row.get("source") or "",
            title=row.get("title") or "",
            date=row.get("doc_date") or "",
            publisher=publisher_label({"issuer": row.get("issuer"), "source_url": row.get("source")}, lang),
            evidence=row.get("evidence") or "",
            row=f"facts:{row['target_id']}",
        )
    ]
    for key in ("actual_source", "previous_source"):
        if row.get(key) and row[key] not in {s.url for s in sources}:
            sources.append(
                Source(
                    url=row[key],
                    title=row.get(f"{key}_title") or "",
                    date=row.get(f"{key}_date") or "",
                    publisher=row.get(f"{key}_publisher") or "",
                    evidence=row.get(f"{key}_evidence") or "",
                )
            )
    text = text[:1].upper() + text[1:]
    flags = str(row.get("flag") or "")
    if "ambiguous" in flags:
        text += " " + t(lang, "target.flag_ambiguous")  # a coder's doubt about the reading is said, not hidden
    elif "inconsistent" in flags:
        text += " " + t(lang, "target.flag_inconsistent")
    return Sentence(text, tuple(sources))


def summary_sentences(frame: pd.DataFrame, lang: str) -> list[Sentence]:
    """How many targets of how many provinces are tracked, by status."""
    lang = check_lang(lang)
    counts = frame["status"].value_counts()
    parts = [
        t(lang, "target.summary_count", n=int(counts[s]), status=t(lang, f"status.{s}"))
        for s in STATUS_ORDER
        if s in counts
    ]
    own = frame["origin"] == "document"
    provinces = frame.loc[own, "province_code"].nunique()
    return [
        Sentence(
            t(
                lang,
                "target.summary",
                n=len(frame),
                own=int(own.sum()),
                provinces=provinces,
                national=int((~own).sum()),
                counts="; ".join(parts),
            )
        )
    ]
