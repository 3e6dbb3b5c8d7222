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
import re
from dataclasses import asdict, dataclass, field

import pandas as pd

from study.analysis.indicators import best_by_year, observable_facts, repeat_links

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
REDUCTION_OF = {"poor_rate_reduction_pp": "poor_rate_pct", "poor_households_reduction": "poor_households"}
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
        return _set(t, "met_early", "met_before_target_year", last, previous)
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
            return _set(t, "met_early", "met_before_target_year", last, first, **numbers)
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


# ---------------------------------------------------------------------------------------------
# targets of the coded documents
# ---------------------------------------------------------------------------------------------
#: a coder's note that a province-scope statement is about part of the province only
SUB_AREA = re.compile(r"\b(mountainous|lowland|rural|poor communes|wards and towns|labour capacity)\b", re.I)
#: a note that the figure or target is under another poverty line than Decree 07/2021
OTHER_STANDARD = re.compile(r"\b(city|provincial|own) standard|2016-2020 standard|old standard|59/2015", re.I)
_AT_MOST = re.compile(r"không quá|tối đa", re.I)
_WRITTEN_BELOW = re.compile(r"['\"]dưới", re.I)
_BASELINE = re.compile(r"(?:against|compared with|so với)\s+(?:the\s+)?end[- ](?:of\s+)?(20\d\d)", re.I)
_KEY = ["province_code", "indicator", "unit", "value", "value_min", "value_max", "year", "year_end", "scope"]


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _int(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _label(note) -> str:
    """The ``label=...`` a coder put at the start of a fact's note, if any."""
    note = _text(note)
    return note.split(";", 1)[0].removeprefix("label=").strip() if note.startswith("label=") else ""


def _observable(obs: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """``obs`` without the document figures that :func:`~study.analysis.indicators.observable_facts` rejects."""
    allowed = set(observable_facts(facts)["fact_id"].astype(str))
    return obs[(obs["origin"] != "document") | obs["fact_id"].isin(allowed)]


def _key(row: dict) -> tuple:
    return tuple(None if not isinstance(row[k], str) and pd.isna(row[k]) else row[k] for k in _KEY)


def statements(targets: pd.DataFrame) -> list[list[dict]]:
    """Group target facts that state the same target, in one document or in several of one province.

    Two facts are one target when province, indicator, unit, values, years and scope are equal, or
    when the coder's note says one repeats the other (``repeats seed004-f01``) and they agree on all
    but a year that one of them leaves out. Groups come in order of their first fact id.
    """
    rows = sorted(targets.to_dict("records"), key=lambda r: r["fact_id"])
    parent = {r["fact_id"]: r["fact_id"] for r in rows}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_of: dict[tuple, str] = {}
    for row in rows:
        union(first_of.setdefault(_key(row), row["fact_id"]), row["fact_id"])
    by_id = {r["fact_id"]: r for r in rows}
    for a, b in repeat_links(targets):
        ka, kb = _key(by_id[a]), _key(by_id[b])
        same = all(x == y for i, (x, y) in enumerate(zip(ka, kb, strict=True)) if _KEY[i] not in ("year", "year_end"))
        if same and all(x == y or x is None or y is None for x, y in zip(ka[6:8], kb[6:8], strict=True)):
            union(a, b)
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(find(row["fact_id"]), []).append(row)
    return [groups[k] for k in sorted(groups)]


def _representative(group: list[dict]) -> dict:
    """The first statement of a group that gives a year (else the first)."""
    return next((r for r in group if not pd.isna(r["year"])), group[0])


def judge_fact(row: dict, obs: pd.DataFrame, area: str, scope: str | None = None) -> Tracking:
    """Track one target fact against the observed series of its province (see the module's vocabulary)."""
    indicator, unit, note = row["indicator"], row["unit"], _text(row.get("note"))
    year, end = _int(row["year"]), _int(row["year_end"])
    target_year, start = (end if end is not None else year), (year if end is not None else None)
    value, low, high = _num(row["value"]), _num(row["value_min"]), _num(row["value_max"])
    qualifier = _text(row.get("qualifier"))
    level, reduction = indicator in LEVEL_INDICATORS, indicator in REDUCTION_OF
    relative = unit in ("pct_per_year", "pct_of_households_reduction")
    baseline = (
        _int(_BASELINE.search(note).group(1))
        if unit == "pct_of_households_reduction" and _BASELINE.search(note)
        else None
    )
    if level:
        written_below = not qualifier and _WRITTEN_BELOW.search(note) and not _AT_MOST.search(note)
        comparator = "below" if qualifier == "dưới" or written_below else "at_most"
        target_type, threshold = "level", value if value is not None else high
    elif reduction:
        comparator = "more_than_reduction" if qualifier in ("trên", "hơn") else "at_least_reduction"
        target_type = (
            "yearly_pace"
            if unit in ("pp_per_year", "pct_per_year")
            else "period_total"
            if end is not None or baseline is not None
            else "one_year"
        )
        threshold = value if value is not None else low
    else:
        comparator, target_type, threshold = "", "", value if value is not None else low
    scope = scope or row["scope"]
    common = dict(
        source=_text(row.get("source")),
        label=_label(note),
        province_code=str(row["province_code"]),
        qualifier=qualifier,
    )

    def unknown(reason: str) -> Tracking:
        return Tracking(
            row["fact_id"],
            scope,
            area,
            indicator,
            value,
            low,
            high,
            unit,
            target_year,
            start,
            "unknown",
            reason,
            threshold=threshold,
            comparator=comparator,
            target_type=target_type,
            baseline_year=baseline,
            **common,
        )

    if row["scope"] != "province":
        return unknown("no_figure_for_scope")
    if not (level or reduction):
        return unknown("indicator_not_in_review")
    if OTHER_STANDARD.search(note):
        return unknown("other_standard")
    if SUB_AREA.search(note):
        return unknown("sub_area_of_province")
    if target_year is None:
        return unknown("no_target_year")
    own = obs[obs["province_code"] == str(row["province_code"])]
    series = best_by_year(own, indicator if level else REDUCTION_OF[indicator])
    if level:
        t = track_level_target(
            row["fact_id"],
            area,
            scope,
            indicator,
            threshold,
            target_year,
            series,
            comparator=comparator,
            unit=unit,
            target_min=low,
            target_max=high,
        )
    else:
        t = track_reduction_target(
            row["fact_id"],
            area,
            scope,
            indicator,
            value if value is not None else low,
            None if value is not None else high,
            unit,
            start,
            target_year,
            series,
            relative=relative,
            comparator=comparator,
            target_type=target_type,
            baseline_year=baseline,
        )
    for key, item in common.items():
        setattr(t, key, item)
    return t


def province_targets(
    facts: pd.DataFrame, obs: pd.DataFrame, names: dict[str, str], districts: dict[str, str] | None = None
) -> list[Tracking]:
    """Track every target the documents state, once per distinct target (see :func:`statements`).

    Parameters
    ----------
    facts : pandas.DataFrame
        Coded facts (``load.facts()``, all kinds: the actual figures are observed values too).
    obs : pandas.DataFrame
        :func:`study.analysis.indicators.observations` for the same provinces; document figures that
        :func:`~study.analysis.indicators.observable_facts` rejects are left out, and only
        end-of-year review figures are used.
    names : dict
        Province code -> name, for the ``area`` column.
    districts : dict, optional
        Document id -> district name, to name the district of district-level targets.

    Returns
    -------
    list of Tracking
        ``fact_ids`` and ``sources`` list every statement of the target; ``flag`` joins the coders'
        flags. Targets of another scope than the province keep their scope and are ``unknown``.
    """
    obs = _observable(obs, facts)
    districts = districts or {}
    out = []
    for group in statements(facts[facts["kind"] == "target"]):
        row = _representative(group)
        scope = row["scope"]
        if scope == "district" and districts.get(row["doc_id"]):
            scope = f"district:{districts[row['doc_id']]}"
        code = str(row["province_code"])
        t = judge_fact(row, obs, names.get(code, code), scope)
        t.fact_ids = tuple(r["fact_id"] for r in group)
        t.sources = tuple(dict.fromkeys(_text(r["source"]) for r in group if _text(r["source"])))
        t.flag = "; ".join(sorted({_text(r["flag"]) for r in group} - {""}))
        out.append(t)
    return out


def national_targets(targets: pd.DataFrame, aggregate_series: pd.DataFrame) -> list[Tracking]:
    """Track Decision 90's yearly-reduction targets against national and group aggregates.

    Scopes map to aggregate levels: ``national`` -> national, ``ethnic_minority`` and
    ``poor_districts`` to theirs; only end-of-year figures under Decree 07/2021 are used. Other
    targets are returned with status ``unknown`` (``indicator_not_in_review``).
    """
    level_of = {"national": "national", "ethnic_minority": "ethnic_minority", "poor_districts": "poor_districts"}
    series_all = aggregate_series[
        (aggregate_series["standard"] == "nd07_2021")
        & (aggregate_series["reference_point"] == "end_of_year")
        & (aggregate_series["indicator"] == "poor_rate_pct")
    ]
    out = []
    for row in targets[targets["kind"] == "target"].sort_values("target_id").to_dict("records"):
        start, end = _int(row["period_start"]), _int(row["period_end"])
        value, low, high = _num(row["value"]), _num(row["value_min"]), _num(row["value_max"])
        more = re.search(r"more than|trên|exclusive lower bound", _text(row.get("note")))
        comparator = "more_than_reduction" if more else "at_least_reduction"
        if row["indicator"] == "poor_rate_reduction_pp" and row["scope"] in level_of:
            s = series_all[series_all["level"] == level_of[row["scope"]]]
            s = s.groupby("year", as_index=False).first().rename(columns={"source_url": "source"})
            t = track_reduction_target(
                row["target_id"],
                row["scope"],
                row["scope"],
                row["indicator"],
                value if value is not None else low,
                None if value is not None else high,
                row["unit"],
                start,
                end,
                s[["year", "value", "source"]],
                source=_text(row["source_url"]),
                comparator=comparator,
            )
        else:
            t = Tracking(
                row["target_id"],
                row["scope"],
                row["scope"],
                row["indicator"],
                value,
                low,
                high,
                row["unit"],
                end,
                start,
                "unknown",
                "indicator_not_in_review",
                threshold=value if value is not None else low,
                source=_text(row["source_url"]),
            )
        t.sources = (t.source,) if t.source else ()
        t.fact_ids = ()
        out.append(t)
    return out
