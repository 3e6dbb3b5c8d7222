"""Targets against results: each target the documents or Decision 90/QĐ-TTg state, judged on the data.

Functions take frames (as :mod:`study.load` returns them) and return plain data (:class:`Tracking`,
or a frame of them); nothing here reads files or writes words, so the narrative renders the result.

Vocabulary
----------
target_type
    ``level`` (a figure to reach by ``target_year``: "below 1% by 2025", "no poor households"),
    ``one_year`` (a fall within one year: from the end of ``target_year - 1`` to the end of
    ``target_year``), ``yearly_pace`` (an average fall each year over ``period_start``..``target_year``;
    a missing start means "not stated": the whole series up to ``target_year`` is used) or
    ``period_total`` (a total fall from the end of ``baseline_year`` to the end of ``target_year``).
comparator
    ``below`` (*dưới*: strictly below, a figure equal to the target does not meet it), ``at_most``
    (*không quá*, *tối đa*, or no qualifier on a level target), ``at_least_reduction`` (a fall of at
    least the threshold) or ``more_than_reduction`` (*trên*, *hơn*: a fall of more than it).
threshold
    The number the status is judged against: the stated value, or for a range the end a province
    must at least reach (the minimum of a fall, the maximum of a level). ``target_min`` and
    ``target_max`` keep both ends of a range as stated.
status
    ``achieved`` (the figure of the target year meets it), ``not_achieved`` (it does not),
    ``met_early`` (a figure before the target year already meets it), ``on_track`` / ``off_track``
    (no figure for the target year yet: the recent pace reaches / misses the pace needed),
    ``unknown`` (nothing to judge by; ``reason_code`` says why).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import pandas as pd

STATUSES = ("achieved", "met_early", "on_track", "off_track", "not_achieved", "unknown")
COMPARATORS = ("below", "at_most", "at_least_reduction", "more_than_reduction")
LEVEL_INDICATORS = (
    "poor_rate_pct",
    "near_poor_rate_pct",
    "poor_near_poor_rate_pct",
    "poor_households",
    "near_poor_households",
)
#: reduction indicator -> the level series it is a fall of
REDUCTION_OF = {
    "poor_rate_reduction_pp": "poor_rate_pct",
    "poor_households_reduction": "poor_households",
    # coded as ``other`` with this label (guide 2.3): the fall of the poor + near-poor rate, which the
    # review publishes as ``poor_near_poor_rate_pct``
    "poor_near_poor_rate_reduction_pp": "poor_near_poor_rate_pct",
}
_EPS = 1e-9


@dataclass
class Tracking:
    """A target and what the data say about it (every number that decided the status is kept)."""

    target_id: str
    scope: str
    area: str
    indicator: str
    target_value: float | None
    target_min: float | None
    target_max: float | None
    unit: str
    target_year: int | None
    period_start: int | None
    status: str
    reason_code: str
    threshold: float | None = None
    comparator: str = ""
    target_type: str = ""
    baseline_year: int | None = None
    actual_year: int | None = None
    actual_value: float | None = None
    actual_source: str = ""
    previous_year: int | None = None
    previous_value: float | None = None
    previous_source: str = ""
    achieved_total: float | None = None
    achieved_per_year: float | None = None
    needed_per_year: float | None = None
    first_met_year: int | None = None
    source: str = ""
    label: str = ""
    province_code: str = ""
    qualifier: str = ""
    flag: str = ""
    fact_ids: tuple[str, ...] = field(default_factory=tuple)
    sources: tuple[str, ...] = field(default_factory=tuple)


def annual_reduction_needed(current: float, current_year: int, target: float, target_year: int) -> float:
    """Units a year (points for a rate) needed to go from ``current`` to ``target`` by ``target_year``."""
    years = target_year - current_year
    if years <= 0:
        return math.nan
    return round((float(current) - float(target)) / years, 2)


def meets(value: float, threshold: float, comparator: str) -> bool:
    """Whether ``value`` (a level, or a fall for a reduction) meets ``threshold`` under ``comparator``."""
    if comparator == "below":
        return value < threshold - _EPS
    if comparator == "at_most":
        return value <= threshold + _EPS
    if comparator == "more_than_reduction":
        return value > threshold + _EPS
    if comparator == "at_least_reduction":
        return value >= threshold - _EPS
    raise ValueError(f"unknown comparator {comparator!r}; expected one of {COMPARATORS}")


def _point(row) -> dict:
    return {
        "year": int(row["year"]),
        "value": float(row["value"]),
        "source": str(row["source"]) if "source" in row and isinstance(row["source"], str) else "",
    }


def _clean(series: pd.DataFrame) -> list[dict]:
    s = series.dropna(subset=["value"]).sort_values("year")
    return [_point(r) for r in s.to_dict("records")]


def _set(
    t: Tracking, status: str, reason: str, actual: dict | None = None, previous: dict | None = None, **numbers
) -> Tracking:
    t.status, t.reason_code = status, reason
    if actual:
        t.actual_year, t.actual_value, t.actual_source = actual["year"], actual["value"], actual["source"]
    if previous:
        t.previous_year, t.previous_value, t.previous_source = previous["year"], previous["value"], previous["source"]
    for key, value in numbers.items():
        setattr(t, key, value)
    return t


def track_level_target(
    target_id: str,
    area: str,
    scope: str,
    indicator: str,
    target: float,
    target_year: int,
    series: pd.DataFrame,
    source: str = "",
    comparator: str = "at_most",
    unit: str = "pct",
    target_min: float | None = None,
    target_max: float | None = None,
) -> Tracking:
    """Judge a level target such as "poor-household rate below 1% at the end of 2025".

    Parameters
    ----------
    target : float
        The threshold (for a range, its upper end; ``target_min``/``target_max`` keep the range).
    series : pandas.DataFrame
        Observed values of the unit: ``year``, ``value`` and optionally ``source``
        (e.g. from :func:`study.analysis.indicators.best_by_year`).
    comparator : {"at_most", "below"}

    Returns
    -------
    Tracking
        ``achieved`` / ``not_achieved`` on the figure of the target year; ``met_early`` when the last
        figure before it already meets the target; else ``on_track`` / ``off_track`` on the pace of
        the last two figures against the pace needed; else ``unknown``.
    """
    ranged = target_min is not None and target_max is not None
    t = Tracking(
        target_id,
        scope,
        area,
        indicator,
        None if ranged else float(target),
        target_min,
        target_max,
        unit,
        target_year,
        None,
        "unknown",
        "",
        threshold=float(target),
        comparator=comparator,
        target_type="level",
        source=source,
    )
    points = _clean(series)
    if not points:
        return _set(t, "unknown", "no_figure")
    met = [p["year"] for p in points if p["year"] <= target_year and meets(p["value"], target, comparator)]
    t.first_met_year = met[0] if met else None
    before = [p for p in points if p["year"] < target_year]
    at = [p for p in points if p["year"] == target_year]
    if at:
        status = "achieved" if meets(at[0]["value"], target, comparator) else "not_achieved"
        return _set(t, status, "figure_of_target_year", at[0], before[-1] if before else None)
    if not before:
        return _set(t, "unknown", "figures_only_after_target_year")
    last = before[-1]
    previous = before[-2] if len(before) >= 2 else None
    if meets(last["value"], target, comparator):
        # met at the series' first figure: when it was first met cannot be told from these figures
        code = "met_at_first_figure" if t.first_met_year == points[0]["year"] else "met_before_target_year"
        return _set(t, "met_early", code, last, previous)
    needed = annual_reduction_needed(last["value"], last["year"], target, target_year)
    if any(p["year"] > target_year for p in points):
        return _set(t, "unknown", "no_figure_for_target_year", last, previous)
    if previous is None:
        return _set(t, "unknown", "one_figure_before_target_year", last, needed_per_year=needed)
    pace = round((previous["value"] - last["value"]) / (last["year"] - previous["year"]), 2)
    return _set(
        t,
        "on_track" if pace >= needed - _EPS else "off_track",
        "pace_vs_needed",
        last,
        previous,
        achieved_per_year=pace,
        needed_per_year=needed,
    )


def _fall(first: dict, last: dict, relative: bool) -> float | None:
    """The fall from ``first`` to ``last``: in the series' unit, or in percent of ``first`` when relative."""
    if not relative:
        return round(first["value"] - last["value"], 4)
    if first["value"] <= 0:
        return None
    return round((first["value"] - last["value"]) / first["value"] * 100, 2)


def _pace(first: dict, last: dict, relative: bool) -> float | None:
    """Average fall a year (compound percent a year when relative)."""
    years = last["year"] - first["year"]
    if years <= 0:
        return None
    if not relative:
        return round((first["value"] - last["value"]) / years, 2)
    if first["value"] <= 0:
        return None
    return round((1 - (last["value"] / first["value"]) ** (1 / years)) * 100, 2)


def track_reduction_target(
    target_id: str,
    area: str,
    scope: str,
    indicator: str,
    minimum: float | None,
    maximum: float | None,
    unit: str,
    period_start: int | None,
    period_end: int | None,
    series: pd.DataFrame,
    source: str = "",
    relative: bool = False,
    comparator: str = "at_least_reduction",
    target_type: str = "yearly_pace",
    baseline_year: int | None = None,
) -> Tracking:
    """Judge a reduction target: "1.0-1.5 points a year", "10% fewer poor households a year",
    "3 points in 2023" or "halve the poor households against the end of 2021 by 2025".

    Parameters
    ----------
    minimum, maximum : float or None
        The stated value or range; the threshold is ``minimum`` (``maximum`` when it is the only one).
    series : pandas.DataFrame
        Observed levels (``year``, ``value``, optionally ``source``) of the series the target is a fall
        of: the rate for points, the count for households or percent of households.
    relative : bool
        The fall is in percent of the earlier count (compound percent a year for a yearly pace).
    target_type : {"yearly_pace", "one_year", "period_total"}
        See the module's vocabulary. For ``yearly_pace`` the pace is the average yearly fall between
        the first and the last figure of ``period_start - 1`` .. ``period_end``; ``one_year`` compares
        ``period_end - 1`` with ``period_end``; ``period_total`` compares ``baseline_year`` (default
        ``period_start - 1``) with ``period_end``.

    Returns
    -------
    Tracking
    """
    ranged = minimum is not None and maximum is not None
    floor = minimum if minimum is not None else maximum
    t = Tracking(
        target_id,
        scope,
        area,
        indicator,
        None if ranged else floor,
        minimum if ranged else None,
        maximum if ranged else None,
        unit,
        period_end,
        period_start,
        "unknown",
        "",
        threshold=floor,
        comparator=comparator,
        target_type=target_type,
        source=source,
    )
    points = _clean(series)
    if floor is None or period_end is None:
        return _set(t, "unknown", "no_target_year" if floor is not None else "no_target_value")
    after = any(p["year"] > period_end for p in points)
    if target_type == "one_year":
        t.baseline_year = period_end - 1
        by_year = {p["year"]: p for p in points}
        first, last = by_year.get(period_end - 1), by_year.get(period_end)
        if first and last:
            fall = _fall(first, last, relative)
            if fall is None:
                return _set(t, "unknown", "zero_baseline", last, first)
            status = "achieved" if meets(fall, floor, comparator) else "not_achieved"
            return _set(t, status, "change_in_target_year", last, first, achieved_total=fall, achieved_per_year=fall)
        before = [p for p in points if p["year"] < period_end]
        if after or len(before) < 2 or last:
            return _set(t, "unknown", "no_figures_for_target_year")
        pace = _pace(before[-2], before[-1], relative)
        if pace is None:
            return _set(t, "unknown", "zero_baseline", before[-1], before[-2])
        status = "on_track" if meets(pace, floor, comparator) else "off_track"
        return _set(
            t, status, "recent_pace_vs_needed", before[-1], before[-2], achieved_per_year=pace, needed_per_year=floor
        )
    if target_type == "period_total":
        base_year = (
            baseline_year if baseline_year is not None else (period_start - 1 if period_start is not None else None)
        )
        t.baseline_year = base_year
        base = [p for p in points if p["year"] == base_year]
        later = [p for p in points if base_year is not None and base_year < p["year"] <= period_end]
        if not base:
            return _set(t, "unknown", "no_baseline_figure")
        if not later:
            return _set(t, "unknown", "fewer_than_two_years", previous=base[0])
        first, last = base[0], later[-1]
        fall, pace = _fall(first, last, relative), _pace(first, last, relative)
        if fall is None:
            return _set(t, "unknown", "zero_baseline", last, first)
        numbers = {"achieved_total": fall, "achieved_per_year": pace}
        if last["year"] == period_end:
            status = "achieved" if meets(fall, floor, comparator) else "not_achieved"
            return _set(t, status, "total_change", last, first, **numbers)
        if meets(fall, floor, comparator):
            return _set(t, "met_early", "fall_met_before_end", last, first, **numbers)
        if after:
            return _set(t, "unknown", "no_figure_for_target_year", last, first, **numbers)
        years_left = period_end - last["year"]
        if relative:
            goal = first["value"] * (1 - floor / 100)
            needed = 100.0 if goal <= 0 else round((1 - (goal / last["value"]) ** (1 / years_left)) * 100, 2)
        else:
            needed = round((floor - fall) / years_left, 2)
        status = "on_track" if pace is not None and pace >= needed - _EPS else "off_track"
        return _set(t, status, "pace_vs_needed", last, first, needed_per_year=needed, **numbers)
    lower = -math.inf if period_start is None else period_start - 1
    window = [p for p in points if lower <= p["year"] <= period_end]
    if len(window) < 2:
        return _set(t, "unknown", "fewer_than_two_years")
    first, last = window[0], window[-1]
    pace = _pace(first, last, relative)
    if pace is None:
        return _set(t, "unknown", "zero_baseline", last, first)
    numbers = {"achieved_per_year": pace, "needed_per_year": floor, "achieved_total": _fall(first, last, relative)}
    ok = meets(pace, floor, comparator)
    if last["year"] >= period_end:
        return _set(t, "achieved" if ok else "not_achieved", "average_pace", last, first, **numbers)
    if after:
        return _set(t, "unknown", "no_figure_for_target_year", last, first, **numbers)
    return _set(t, "on_track" if ok else "off_track", "average_pace", last, first, **numbers)


def tracking_frame(items: list[Tracking]) -> pd.DataFrame:
    """Return tracked targets as a frame (one row per target; tuples joined by ``"; "``)."""
    rows = []
    for item in items:
        row = asdict(item)
        row["fact_ids"] = "; ".join(item.fact_ids)
        row["sources"] = "; ".join(item.sources)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[f.name for f in Tracking.__dataclass_fields__.values()])
    for column in ("target_year", "period_start", "baseline_year", "actual_year", "previous_year", "first_met_year"):
        frame[column] = frame[column].astype("Int64")
    return frame
