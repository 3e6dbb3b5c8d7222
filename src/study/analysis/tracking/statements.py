"""The coded documents' targets and Decision 90's goals, read into statements and judged on the data.

A target stated twice (same province, indicator, value, years and scope) is one statement; each
statement is judged by :mod:`study.analysis.tracking.judge` against end-of-year review figures of
its scope, and every reason it cannot be judged is kept as a ``reason_code``.
"""

from __future__ import annotations

import re

import pandas as pd

from study.analysis.indicators import (
    LAST_STANDARD_YEAR,
    OTHER_STANDARD,
    best_by_year,
    observable_facts,
    repeat_links,
)
from study.analysis.tracking.judge import (
    LEVEL_INDICATORS,
    REDUCTION_OF,
    Tracking,
    track_level_target,
    track_reduction_target,
)

# ---------------------------------------------------------------------------------------------
# targets of the coded documents
# ---------------------------------------------------------------------------------------------
#: scope prefix of a figure or target about a merged province of the 34 units (``province34:Phú Thọ``)
MERGED_SCOPE = "province34:"
#: a coder's note that a province-scope statement is about part of the province only
SUB_AREA = re.compile(r"\b(mountainous|lowland|rural|poor communes|wards and towns|labour capacity)\b", re.I)
#: a note that the figure or target is under another poverty line than Decree 07/2021
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
    measured = _label(note) if indicator == "other" else indicator  # a labelled ``other`` the review measures
    level, reduction = indicator in LEVEL_INDICATORS, measured in REDUCTION_OF
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

    if str(row["scope"]).startswith(MERGED_SCOPE):
        return unknown("merged_territory")  # the merged province's target, never judged on the old one
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
    if target_year > LAST_STANDARD_YEAR and level:
        # a level due after 2025 is measured by the next programme's standard, not by Decree 07's
        return unknown("next_standard")
    own = obs[obs["province_code"] == str(row["province_code"])]
    series = best_by_year(own, indicator if level else REDUCTION_OF[measured])
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


def _deadline_passed(t: Tracking, reviewed_year: int | None) -> bool:
    """A pace verdict on a target whose year's review is out: the figure of that year is missing."""
    return (
        t.status in ("on_track", "off_track")
        and reviewed_year is not None
        and t.target_year is not None
        and int(t.target_year) <= reviewed_year
    )


def province_targets(
    facts: pd.DataFrame,
    obs: pd.DataFrame,
    names: dict[str, str],
    districts: dict[str, str] | None = None,
    reviewed_year: int | None = None,
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
    reviewed_year : int, optional
        :func:`study.analysis.indicators.last_reviewed_year`: a target due in or before it is never
        "on track" or "off track" on earlier years; without the figure of its year it is ``unknown``.

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
        if _deadline_passed(t, reviewed_year):
            t.status, t.reason_code = "unknown", "no_figure_for_target_year"
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
