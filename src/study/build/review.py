"""Build step: the annual review figures by province; one value chosen per indicator among the sources."""

from __future__ import annotations

import pandas as pd

from study import schema
from study.build import checks
from study.build.base import (
    INDICATOR_UNITS,
    REFERENCE_RANK,
    REVIEW_INDICATORS,
    SOURCE_RANK,
    Context,
    Output,
    check_unique,
    fields_of,
    read_table,
    resolve_column,
    sources_of,
)


def repeats_previous_review(long: pd.DataFrame, unit: list[str]) -> pd.Series:
    """Mark interim stocks that repeat the end-of-year review of the year before.

    Between two reviews a province reports the list in force, which is the previous review's
    result: "by June 2025 the rate was 10.89%" when the end-2024 review found 10.89%. Such a row
    is not a measurement of the new year, so it is not chosen (it stays in
    ``poverty_review_sources``).

    Parameters
    ----------
    long : pandas.DataFrame
        One row per raw row and indicator, with ``year``, ``indicator``, ``standard``,
        ``reference_point`` and ``value``.
    unit : list of str
        Columns that name the unit (``province_code``, ``regime``).

    Returns
    -------
    pandas.Series
        Boolean, aligned with ``long``: true for an ``interim`` row whose value equals an
        ``end_of_year`` value of the same unit, indicator and standard one year earlier.
    """
    key = [*unit, "indicator", "standard"]
    ends = long.loc[long["reference_point"] == "end_of_year", [*key, "year", "value"]].copy()
    ends["year"] = ends["year"].astype(int) + 1
    ends["_value"] = ends["value"].astype(float).round(6)
    ends = ends.drop(columns="value").drop_duplicates()
    probe = long[[*key, "year", "reference_point", "value"]].copy()
    probe["year"] = probe["year"].astype(int)
    probe["_value"] = probe["value"].astype(float).round(6)
    probe["_row"] = range(len(probe))
    hits = probe[probe["reference_point"] == "interim"].merge(ends, on=[*key, "year", "_value"], how="inner")
    mask = pd.Series(False, index=long.index)
    mask.iloc[sorted(set(hits["_row"]))] = True
    return mask


def choose(sources: pd.DataFrame, unit: tuple[str, ...] = ("province_code", "province", "regime")) -> pd.DataFrame:
    """Choose one value per province, regime, year, indicator and standard.

    The rule (documented in ``docs/data.md``): the best ``reference_point`` wins (end of year >
    interim > preliminary: an interim update is not the year's review), then the best
    ``source_type`` (official decision > provincial decision > provincial portal > newspaper >
    secondary copy), then the latest ``source_date``, then file and line order. Rows with a
    ``doubtful`` reason are never chosen, nor interim stocks that repeat the previous year's
    review (:func:`repeats_previous_review`); among the others a row with an ``evidence`` phrase comes
    before one without, right after the reference point. Every alternative
    stays in ``poverty_review_sources``; the chosen row says how many rows of its reference point
    reported the indicator (``n_sources``), how many other values they gave (``n_alternatives``) and
    whether they conflict (``conflict``).

    Parameters
    ----------
    sources : pandas.DataFrame
        The validated raw rows with ``province_code``.
    unit : tuple of str
        Columns that name the unit (the first ones are the grouping key, the last is carried along);
        ``("level", "area")`` for aggregates.

    Returns
    -------
    pandas.DataFrame
        Long table, one row per (province_code, regime, year, indicator, standard).
    """
    unit = list(unit)
    id_cols = [
        *unit,
        "year",
        "standard",
        "reference_point",
        "source_type",
        "source_url",
        "source_title",
        "source_date",
        "decision",
        "evidence",
        "_file",
        "_line",
    ]
    id_cols += [c for c in ("doubtful",) if c in sources.columns]
    indicators = [c for c in REVIEW_INDICATORS if c in sources.columns]
    long = sources[id_cols + indicators].melt(
        id_vars=id_cols, value_vars=indicators, var_name="indicator", value_name="value"
    )
    long = long[long["value"].notna()].copy()
    if "doubtful" in long.columns:
        long = long[long["doubtful"].fillna("").astype(str).str.strip() == ""].copy()
    long = long[~repeats_previous_review(long, [c for c in unit if c != "province"])].copy()
    long["_evidence_rank"] = (long["evidence"].fillna("").astype(str).str.strip() == "").astype(int)
    long["_source_rank"] = long["source_type"].map(SOURCE_RANK).astype(int)
    long["_reference_rank"] = long["reference_point"].map(REFERENCE_RANK).astype(int)
    long["_date_rank"] = long["source_date"].fillna("0000-00-00").astype(str)
    group = [c for c in unit if c != "province"] + ["year", "indicator", "standard"]
    long = long.sort_values(
        [*group, "_reference_rank", "_evidence_rank", "_source_rank", "_date_rank", "_file", "_line"],
        ascending=[True] * len(group) + [True, True, True, False, True, True],
        kind="mergesort",
    )
    chosen = long.groupby(group, sort=True, observed=True).head(1).copy()
    # alternatives are counted among rows of the chosen reference point: an interim update is a
    # different measurement, not a competing report of the same review
    stats = (
        long.groupby([*group, "reference_point"], sort=True, observed=True)["value"]
        .agg(n_sources="size", n_values=lambda s: s.astype(float).round(6).nunique())
        .reset_index()
    )
    chosen = chosen.merge(stats, on=[*group, "reference_point"], how="left")
    chosen["n_sources"] = chosen["n_sources"].astype("Int64")
    chosen["n_alternatives"] = (chosen["n_values"] - 1).astype("Int64")
    chosen["conflict"] = chosen["n_alternatives"] > 0
    chosen["unit"] = chosen["indicator"].map(INDICATOR_UNITS).astype("string")
    chosen["comparable"] = chosen["standard"] == "nd07_2021"
    chosen["value"] = chosen["value"].astype("Float64")
    indicators = [c for c in REVIEW_INDICATORS if c in sources.columns]
    chosen["source_row"] = (chosen["_file"].astype(str) + ":" + chosen["_line"].astype(str)).astype("string")
    columns = [
        *unit,
        "year",
        "indicator",
        "value",
        "unit",
        "standard",
        "reference_point",
        "comparable",
        "source_type",
        "source_url",
        "source_title",
        "source_date",
        "decision",
        "evidence",
        "n_sources",
        "n_alternatives",
        "conflict",
        "source_row",
    ]
    return chosen[columns].sort_values(group, ignore_index=True)


def outputs(ctx: Context) -> list[Output]:
    raw = read_table(schema.POVERTY_REVIEW, ctx.raw_dir)
    raw = resolve_column(raw, "province", "regime", ctx)
    checks.check_consistency(raw, ctx.raw_dir)
    check_unique(raw, ["province_code", "regime", "year", "standard", "reference_point", "source_url"], ctx.raw_dir)
    sources = raw.copy()
    sources["source_row"] = (sources["_file"].astype(str) + ":" + sources["_line"].astype(str)).astype("string")
    sources = sources.sort_values(
        ["province_code", "regime", "year", "standard", "_file", "_line"], ignore_index=True
    ).drop(columns=["_file", "_line"])
    chosen = choose(raw)
    panel = (
        chosen[chosen["standard"] == "nd07_2021"]
        .pivot_table(
            index=["province_code", "province", "regime", "year"],
            columns="indicator",
            values="value",
            aggfunc="first",
            observed=True,
        )
        .reset_index()
    )
    panel.columns.name = None
    for column in REVIEW_INDICATORS:
        if column not in panel:
            panel[column] = pd.array([None] * len(panel), dtype="Float64")
    conflicts = (
        chosen[chosen["standard"] == "nd07_2021"]
        .groupby(["province_code", "regime", "year"], observed=True)["conflict"]
        .any()
        .rename("any_conflict")
        .reset_index()
    )
    refs = (
        chosen[chosen["standard"] == "nd07_2021"]
        .groupby(["province_code", "regime", "year"], observed=True)["reference_point"]
        .agg(lambda s: ";".join(sorted(set(s))))
        .rename("reference_points")
        .reset_index()
    )
    panel = panel.merge(conflicts, on=["province_code", "regime", "year"]).merge(
        refs, on=["province_code", "regime", "year"]
    )
    panel = panel[
        ["province_code", "province", "regime", "year", *REVIEW_INDICATORS, "reference_points", "any_conflict"]
    ].sort_values(["regime", "province_code", "year"], ignore_index=True)
    panel = checks.flag_jumps(panel)
    for column in REVIEW_INDICATORS:
        panel[column] = panel[column].astype("Float64")
    review_fields = fields_of(schema.POVERTY_REVIEW)
    indicator_fields = {k: v for k, v in review_fields.items() if k in REVIEW_INDICATORS}
    return [
        Output(
            "poverty_review_sources",
            sources,
            "Every raw review figure with its source, the province resolved to its code.",
            {
                "province_code": ("GSO code in the row's regime", ""),
                **review_fields,
                "source_row": ("raw file and line", ""),
            },
            sources_of(sources),
        ),
        Output(
            "poverty_review",
            chosen,
            "One value per province, regime, year, indicator and standard, chosen by the documented rule "
            "among conflicting sources; conflicts stay visible.",
            {
                "province_code": ("GSO code in the row's regime", ""),
                "province": ("province name", ""),
                "regime": ("63 or 34 units", ""),
                "year": ("review year", ""),
                "indicator": ("poor_households, poor_rate_pct, ...", ""),
                "value": ("the chosen value", ""),
                "unit": ("unit of the value", ""),
                "standard": ("poverty standard", ""),
                "reference_point": ("reference point of the chosen source", ""),
                "comparable": ("true when the figure is under the national Decree 07/2021 standard", ""),
                "source_type": ("publisher type of the chosen source", ""),
                "source_url": ("URL of the chosen source", ""),
                "source_title": ("title", ""),
                "source_date": ("date", ""),
                "decision": ("approving decision", ""),
                "evidence": ("verbatim phrase", ""),
                "n_sources": ("rows that report this indicator", "rows"),
                "n_alternatives": ("other distinct values among them", "values"),
                "conflict": ("true when sources disagree", ""),
                "source_row": ("raw file and line of the chosen row", ""),
            },
            sources_of(chosen),
        ),
        Output(
            "poverty_panel",
            panel,
            "Wide view of poverty_review under the Decree 07/2021 standard: one row per province, regime and year.",
            {
                "province_code": ("GSO code", ""),
                "province": ("province name", ""),
                "regime": ("63 or 34", ""),
                "year": ("review year", ""),
                **indicator_fields,
                "reference_points": ("reference points of the chosen values", ""),
                "any_conflict": ("true when any indicator has conflicting sources", ""),
                "review_flag": ("year-on-year jumps to review (docs/data.md); empty when none", ""),
            },
            sources_of(chosen),
        ),
    ]


def search_log_outputs(ctx: Context) -> list[Output]:
    """The search log, names resolved (63 units)."""
    log = read_table(schema.SEARCH_LOG, ctx.raw_dir, required=False)
    log = resolve_column(log, "province", None, ctx)
    check_unique(log, ["province_code", "year"], ctx.raw_dir)
    log = log.drop(columns=["_file", "_line"]).sort_values(["province_code", "year"], ignore_index=True)
    return [
        Output(
            "search_log",
            log,
            schema.SEARCH_LOG.description,
            {"province_code": ("GSO code (63 regime)", ""), **fields_of(schema.SEARCH_LOG)},
            [{"title": "data/raw/statistics/search_log.csv", "path": "data/raw/statistics/search_log.csv"}],
        )
    ]
