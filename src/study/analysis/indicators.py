"""Derived figures: series per province, changes in points, targets against results.

Functions take frames (as :mod:`study.load` returns them) and return frames; nothing here reads
files, so every rule is tested on small real rows.

Vocabulary
----------
origin
    ``review`` for the official annual review (``poverty_review``), ``document`` for a figure a
    coded policy document states (``facts``).
kind
    ``actual``, ``baseline``, ``estimate`` or ``target`` (as coded; a review figure is ``actual``).
status
    For a target: ``achieved`` (the figure of the target year meets it), ``not_achieved`` (it
    does not), ``on_track`` (no figure for the target year yet, but the latest one already meets it
    or the recent pace suffices), ``off_track`` (the recent pace is too slow), ``unknown`` (no
    figure to judge by). ``reason`` says which figures decided it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import pandas as pd

RATE_INDICATORS = ("poor_rate_pct", "near_poor_rate_pct", "poor_near_poor_rate_pct")
COUNT_INDICATORS = ("poor_households", "near_poor_households", "poor_near_poor_households", "total_households")
SERIES_COLUMNS = ["province_code", "year", "indicator", "value", "origin", "kind", "reference_point", "source",
                  "source_title", "doc_id", "fact_id", "conflict"]


def observations(review: pd.DataFrame, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Combine review values and document-stated figures for provinces into one long frame.

    Parameters
    ----------
    review : pandas.DataFrame
        Chosen review values (``load.poverty_review()``), Decree 07/2021 standard.
    facts : pandas.DataFrame, optional
        Coded facts (``load.facts()``); only province-wide rates and counts with a year are used.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SERIES_COLUMNS`, sorted by province, indicator, year and origin.
    """
    parts = []
    if len(review):
        r = review[review["indicator"].isin(RATE_INDICATORS + COUNT_INDICATORS)]
        parts.append(pd.DataFrame({
            "province_code": r["province_code"].astype(str), "year": r["year"].astype(int),
            "indicator": r["indicator"].astype(str), "value": r["value"].astype(float), "origin": "review",
            "kind": "actual", "reference_point": r["reference_point"].astype(str),
            "source": r["source_url"].astype(str), "source_title": r["source_title"].fillna("").astype(str),
            "doc_id": "", "fact_id": "", "conflict": r["conflict"].astype(bool),
        }))
    if facts is not None and len(facts):
        f = facts[facts["indicator"].isin(RATE_INDICATORS + COUNT_INDICATORS) & (facts["scope"] == "province")
                  & facts["value"].notna() & facts["year"].notna()]
        parts.append(pd.DataFrame({
            "province_code": f["province_code"].astype(str), "year": f["year"].astype(int),
            "indicator": f["indicator"].astype(str), "value": f["value"].astype(float), "origin": "document",
            "kind": f["kind"].astype(str), "reference_point": "", "source": f["source"].astype(str),
            "source_title": "", "doc_id": f["doc_id"].astype(str), "fact_id": f["fact_id"].astype(str),
            "conflict": False,
        }))
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    out = pd.concat(parts, ignore_index=True)[SERIES_COLUMNS]
    return out.sort_values(["province_code", "indicator", "year", "origin", "kind", "fact_id"],
                           ignore_index=True)


def best_by_year(obs: pd.DataFrame, indicator: str = "poor_rate_pct", include_interim: bool = False
                 ) -> pd.DataFrame:
    """One observed value per province and year: an end-of-year review figure first, else a document's
    actual or baseline figure, else (with ``include_interim``) an interim or preliminary review figure.

    Estimates and targets are never used as observed values. Interim and preliminary figures are left
    out by default, so that changes between years and target statuses rest on end-of-year results.

    Returns
    -------
    pandas.DataFrame
        ``province_code, year, value, origin, kind, reference_point, source, doc_id``.
    """
    o = obs[(obs["indicator"] == indicator) & obs["kind"].isin(["actual", "baseline"])].copy()
    interim = (o["origin"] == "review") & (o["reference_point"] != "end_of_year")
    if not include_interim:
        o = o[~interim]
        interim = interim[~interim]
    o["_rank"] = ((o["origin"] != "review").astype(int) * 2 + (o["kind"] != "actual").astype(int)
                  + interim.astype(int) * 4)
    o = o.sort_values(["province_code", "year", "_rank", "fact_id"], kind="mergesort")
    out = o.groupby(["province_code", "year"], sort=True).head(1)
    columns = ["province_code", "year", "value", "origin", "kind", "reference_point", "source", "doc_id"]
    return out[columns].reset_index(drop=True)


def change_pp(before: float, after: float) -> float:
    """Return the change of a rate in percentage points (``after - before``), rounded to 3 decimals."""
    return round(float(after) - float(before), 3)


def relative_change_pct(before: float, after: float) -> float:
    """Return the relative change of a count in percent (``(after - before) / before * 100``)."""
    if before == 0:
        return math.nan
    return round((float(after) - float(before)) / float(before) * 100, 2)


def annual_reduction_needed(current: float, current_year: int, target: float, target_year: int) -> float:
    """Percentage points a year needed to go from ``current`` to ``target`` by ``target_year``."""
    years = target_year - current_year
    if years <= 0:
        return math.nan
    return round((float(current) - float(target)) / years, 2)


@dataclass
class Tracking:
    """A target and what the data say about it."""

    target_id: str
    scope: str
    area: str
    indicator: str
    target_text_value: float | None
    target_min: float | None
    target_max: float | None
    unit: str
    target_year: int | None
    period_start: int | None
    status: str
    reason_code: str
    actual_year: int | None = None
    actual_value: float | None = None
    previous_year: int | None = None
    previous_value: float | None = None
    needed_per_year: float | None = None
    achieved_per_year: float | None = None
    source: str = ""
    label: str = ""


def _label(note) -> str:
    """The ``label=...`` a coder put at the start of a fact's note, if any."""
    if isinstance(note, str) and note.startswith("label="):
        return note.split(";", 1)[0].removeprefix("label=").strip()
    return ""


def track_level_target(target_id: str, area: str, scope: str, indicator: str, target: float, target_year: int,
                       series: pd.DataFrame, source: str = "") -> Tracking:
    """Judge a target such as "poor-household rate at most 2.2% at the end of 2024".

    Parameters
    ----------
    series : pandas.DataFrame
        Observed values of the unit with ``year`` and ``value`` (e.g. from :func:`best_by_year`).

    Returns
    -------
    Tracking
    """
    base = dict(target_id=target_id, scope=scope, area=area, indicator=indicator, target_text_value=target,
                target_min=None, target_max=None, unit="pct", target_year=target_year, period_start=None,
                source=source)
    s = series.dropna(subset=["value"]).sort_values("year")
    if s.empty:
        return Tracking(**base, status="unknown", reason_code="no_figure")
    at_year = s[s["year"] == target_year]
    if len(at_year):
        value = float(at_year["value"].iloc[0])
        status = "achieved" if value <= target + 1e-9 else "not_achieved"
        return Tracking(**base, status=status, reason_code="figure_of_target_year", actual_year=target_year,
                        actual_value=value)
    before = s[s["year"] < target_year]
    if before.empty:
        return Tracking(**base, status="unknown", reason_code="figures_only_after_target_year")
    last = before.iloc[-1]
    year, value = int(last["year"]), float(last["value"])
    needed = annual_reduction_needed(value, year, target, target_year)
    if value <= target + 1e-9:
        return Tracking(**base, status="on_track", reason_code="already_below_target", actual_year=year,
                        actual_value=value, needed_per_year=needed)
    if len(before) >= 2:
        prev = before.iloc[-2]
        pace = round((float(prev["value"]) - value) / (year - int(prev["year"])), 2)
        status = "on_track" if pace >= needed else "off_track"
        return Tracking(**base, status=status, reason_code="pace_vs_needed", actual_year=year, actual_value=value,
                        previous_year=int(prev["year"]), previous_value=float(prev["value"]),
                        needed_per_year=needed, achieved_per_year=pace)
    return Tracking(**base, status="unknown", reason_code="one_figure_before_target_year", actual_year=year,
                    actual_value=value, needed_per_year=needed)


def track_reduction_target(target_id: str, area: str, scope: str, indicator: str, minimum: float | None,
                           maximum: float | None, unit: str, period_start: int | None, period_end: int | None,
                           series: pd.DataFrame, source: str = "", relative: bool = False) -> Tracking:
    """Judge a yearly-reduction target such as "1.0-1.5 points a year" or "10% fewer poor households a year".

    The achieved pace is the average yearly reduction between the first and the last observed years
    within the period (points for rates, percent of the previous count when ``relative``). The target
    is met when the pace reaches ``minimum``; ``reason_code`` says how many years it rests on.
    """
    base = dict(target_id=target_id, scope=scope, area=area, indicator=indicator, target_text_value=None,
                target_min=minimum, target_max=maximum, unit=unit, target_year=period_end,
                period_start=period_start, source=source)
    s = series.dropna(subset=["value"]).sort_values("year")
    if period_start is not None:
        s = s[s["year"] >= period_start - 1]
    if period_end is not None:
        s = s[s["year"] <= period_end]
    if len(s) < 2:
        return Tracking(**base, status="unknown", reason_code="fewer_than_two_years")
    first, last = s.iloc[0], s.iloc[-1]
    years = int(last["year"]) - int(first["year"])
    if relative:
        if float(first["value"]) <= 0:
            return Tracking(**base, status="unknown", reason_code="zero_baseline")
        ratio = float(last["value"]) / float(first["value"])
        pace = round((1 - ratio ** (1 / years)) * 100, 2)
    else:
        pace = round((float(first["value"]) - float(last["value"])) / years, 2)
    floor = minimum if minimum is not None else maximum
    complete = period_end is not None and int(last["year"]) >= period_end
    if floor is None:
        status = "unknown"
    elif pace >= floor - 1e-9:
        status = "achieved" if complete else "on_track"
    else:
        status = "not_achieved" if complete else "off_track"
    return Tracking(**base, status=status, reason_code="average_pace", actual_year=int(last["year"]),
                    actual_value=float(last["value"]), previous_year=int(first["year"]),
                    previous_value=float(first["value"]), achieved_per_year=pace, needed_per_year=floor)


def tracking_frame(items: list[Tracking]) -> pd.DataFrame:
    """Return tracked targets as a frame (one row per target)."""
    return pd.DataFrame([asdict(t) for t in items])


def province_targets(facts: pd.DataFrame, obs: pd.DataFrame, names: dict[str, str],
                     districts: dict[str, str] | None = None) -> list[Tracking]:
    """Track every province-wide target the documents state against observed figures.

    Parameters
    ----------
    facts : pandas.DataFrame
        Coded facts (``load.facts()``).
    obs : pandas.DataFrame
        :func:`observations` for the same provinces.
    names : dict
        Province code -> name, for the ``area`` column.
    districts : dict, optional
        Document id -> district name, to name the district of district-level targets.
    """
    out = []
    targets = facts[facts["kind"] == "target"].sort_values("fact_id")
    # a document that states the same target twice is tracked once (the first statement)
    same = ["doc_id", "indicator", "value", "value_min", "value_max", "unit", "year", "year_end", "scope"]
    targets = targets.drop_duplicates(subset=same, keep="first")
    districts = districts or {}
    for row in targets.to_dict("records"):
        code = row["province_code"]
        area = names.get(code, code)
        indicator = row["indicator"]
        first_year = None if pd.isna(row["year"]) else int(row["year"])
        year = int(row["year_end"]) if not pd.isna(row["year_end"]) else first_year
        label = _label(row.get("note"))
        if row["scope"] != "province":
            scope = row["scope"]
            if scope == "district" and districts.get(row["doc_id"]):
                scope = f"district:{districts[row['doc_id']]}"
            out.append(Tracking(row["fact_id"], scope, area, indicator, _num(row["value"]),
                                _num(row["value_min"]), _num(row["value_max"]), row["unit"], year, None,
                                "unknown", "no_figure_for_scope", source=row["source"], label=label))
            continue
        if indicator in RATE_INDICATORS and not pd.isna(row["value"]) and year is not None:
            series = best_by_year(obs[obs["province_code"] == code], indicator)
            out.append(track_level_target(row["fact_id"], area, "province", indicator, float(row["value"]), year,
                                          series, source=row["source"]))
        elif indicator == "poor_households_reduction" and row["unit"] == "pct_per_year":
            series = best_by_year(obs[obs["province_code"] == code], "poor_households")
            start = None if pd.isna(row["year_end"]) else first_year
            end = year
            out.append(track_reduction_target(row["fact_id"], area, "province", indicator, _num(row["value"]), None,
                                              "pct_per_year", start, end, series, source=row["source"],
                                              relative=True))
        elif indicator == "poor_households" and not pd.isna(row["value"]) and year is not None:
            series = best_by_year(obs[obs["province_code"] == code], "poor_households")
            tracked = track_level_target(row["fact_id"], area, "province", indicator, float(row["value"]), year,
                                         series, source=row["source"])
            tracked.unit = "households"
            out.append(tracked)
        else:
            out.append(Tracking(row["fact_id"], row["scope"], area, indicator, _num(row["value"]),
                                _num(row["value_min"]), _num(row["value_max"]), row["unit"], year, None,
                                "unknown", "not_trackable_with_review_data", source=row["source"], label=label))
    return out


def national_targets(targets: pd.DataFrame, aggregate_series: pd.DataFrame) -> list[Tracking]:
    """Track Decision 90's yearly-reduction targets against national and group aggregates.

    Scopes map to aggregate levels: ``national`` -> national, ``ethnic_minority`` and
    ``poor_districts`` to theirs. Other targets are returned with status ``unknown``.
    """
    level_of = {"national": "national", "ethnic_minority": "ethnic_minority", "poor_districts": "poor_districts"}
    series_all = aggregate_series[(aggregate_series["standard"] == "nd07_2021")
                                  & (aggregate_series["reference_point"] == "end_of_year")]
    out = []
    for row in targets[targets["kind"] == "target"].sort_values("target_id").to_dict("records"):
        start = None if pd.isna(row["period_start"]) else int(row["period_start"])
        end = None if pd.isna(row["period_end"]) else int(row["period_end"])
        if row["indicator"] == "poor_rate_reduction_pp" and row["scope"] in level_of:
            s = series_all[(series_all["level"] == level_of[row["scope"]])
                           & (series_all["indicator"] == "poor_rate_pct")][["year", "value"]]
            s = s.groupby("year", as_index=False)["value"].first()
            out.append(track_reduction_target(row["target_id"], row["scope"], row["scope"], row["indicator"],
                                              _num(row["value_min"]) if not pd.isna(row["value_min"])
                                              else _num(row["value"]), _num(row["value_max"]), row["unit"],
                                              start, end, s, source=row["source_url"]))
        else:
            out.append(Tracking(row["target_id"], row["scope"], row["scope"], row["indicator"], _num(row["value"]),
                                _num(row["value_min"]), _num(row["value_max"]), row["unit"], end, start,
                                "unknown", "not_trackable_with_review_data", source=row["source_url"]))
    return out


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
