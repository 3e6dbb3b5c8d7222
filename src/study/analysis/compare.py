"""Cross-sections for comparisons: one value per unit for an indicator and a year, and what they say.

The review series uses end-of-year review figures only (interim and preliminary figures are never
compared), with zero as zero: a unit whose review counted no poor household has a rate of 0. For the
34 units the rule of :mod:`study.analysis.regime34` applies. The GSO survey series is a different
measure and is never mixed with the review in one ranking.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from study import load
from study.analysis import regime34
from study.registry import provinces

SERIES = ("review", "gso")
RANKED = ("published", "unchanged", "aggregated", "reported")
"""Statuses whose values enter rankings (``reported``: a unit of the 63 with its own figure)."""


def select(names) -> list[str]:
    """Resolve ``"all"`` or a list (or comma-separated string) of province names to 63-regime codes."""
    if names is None or (isinstance(names, str) and names.strip().lower() == "all"):
        return [u.code for u in provinces.units("63")]
    if isinstance(names, str):
        names = [n for n in names.split(",") if n.strip()]
    return sorted({provinces.resolve(n, "63").code for n in names})


def end_of_year_panel(review: pd.DataFrame, regime: str) -> pd.DataFrame:
    """Wide end-of-year review panel of a regime: one row per unit and year, one column per indicator."""
    r = review[
        (review["regime"] == regime)
        & (review["reference_point"] == "end_of_year")
        & (review["standard"] == "nd07_2021")
    ]
    if r.empty:
        return pd.DataFrame(
            columns=["province_code", "year", *regime34.RATE_OF, *regime34.RATE_OF.values(), "total_households"]
        )
    wide = r.pivot_table(
        index=["province_code", "year"], columns="indicator", values="value", aggfunc="first", observed=True
    ).reset_index()
    wide.columns.name = None
    for column in [*regime34.RATE_OF, *regime34.RATE_OF.values(), "total_households"]:
        if column not in wide:
            wide[column] = float("nan")
    return regime34._zero_rates(wide)  # zero is zero: no poor household counted is a rate of 0


def cross_section(
    indicator: str = "poor_rate_pct",
    year: int = 2023,
    names="all",
    regime="63",
    series: str = "review",
    review: pd.DataFrame | None = None,
    survey: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per unit of the regime (all of them; missing values stay missing).

    Parameters
    ----------
    indicator : str
        A review indicator (``poor_rate_pct``, ``near_poor_rate_pct``, ``poor_households``, ...). The
        GSO series has ``poor_rate_pct`` only.
    year : int
    names : "all" or list of str
        Provinces (63 regime) to keep; others get no value.
    regime : {"63", "34"}
    series : {"review", "gso"}
    review, survey : pandas.DataFrame, optional
        ``load.poverty_review()`` (all regimes) and ``load.gso_survey()``; read when not given.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``region``, ``value``, ``status`` (see :data:`RANKED` and
        :mod:`study.analysis.regime34`), ``zero_count`` and, for the 34, ``parts`` and ``covered``.
    """
    regime = provinces.check_regime(regime)
    if series not in SERIES:
        raise ValueError(f"unknown series {series!r}: expected 'review' or 'gso'")
    keep = set(select(names))
    if series == "gso":
        if indicator != "poor_rate_pct":
            raise ValueError("the GSO survey series has only 'poor_rate_pct'")
        if regime == "34":
            raise ValueError(
                "the GSO series gives rates without household counts, so it cannot be aggregated to "
                "the 34 new provinces honestly; use series='review' for regime 34"
            )
        g = survey if survey is not None else load.gso_survey()
        g = g[(g["level"] == "province") & (g["year"] == year) & (g["series"] == "gso_multidimensional_survey")]
        values = {c: float(v) for c, v in zip(g["province_code"], g["poor_rate_pct"], strict=True) if pd.notna(v)}
        zero = set()
        preliminary = bool(g["note"].fillna("").str.lower().str.contains("sơ bộ|preliminary").any())
    else:
        review = review if review is not None else load.table("poverty_review")
        panel = regime34._zero_rates(end_of_year_panel(review, "63"))
        panel = panel[(panel["year"] == year) & panel["province_code"].isin(keep)]
        if indicator not in panel.columns:
            raise ValueError(f"unknown indicator {indicator!r}: expected a review indicator")
        if regime == "34":
            out = regime34.aggregate(panel, end_of_year_panel(review, "34"), indicator, year)
            out.insert(2, "region", "")
            return out
        values = {c: float(v) for c, v in zip(panel["province_code"], panel[indicator], strict=True) if pd.notna(v)}
        zero = set(panel.loc[panel["zero_count"].astype(bool), "province_code"])
        preliminary = False
    units = provinces.units("63")
    frame = pd.DataFrame(
        {
            "province_code": [u.code for u in units],
            "province": [u.name_vi for u in units],
            "region": [u.region for u in units],
            "value": [values.get(u.code) if u.code in keep else None for u in units],
        }
    )
    frame["value"] = frame["value"].astype("Float64")
    frame["status"] = ["reported" if pd.notna(v) else "missing" for v in frame["value"]]
    frame["zero_count"] = frame["province_code"].isin(zero)
    frame.attrs["preliminary"] = series == "gso" and preliminary
    return frame


@dataclass
class ComparisonFindings:
    """What a comparison page says: the values, the extremes, what is missing or partial."""

    indicator: str
    year: int
    regime: str
    series: str
    values: pd.DataFrame
    highest: list[dict] = field(default_factory=list)
    lowest: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)
    survey_vs_review: pd.DataFrame | None = None
    preliminary: bool = False


def comparison_findings(
    values: pd.DataFrame, indicator: str, year: int, regime: str, series: str, k: int = 3
) -> ComparisonFindings:
    """The extremes among ranked units (never the same unit in both lists), the missing and the partial."""
    ranked = values[values["status"].isin(RANKED) & values["value"].notna()]
    ranked = ranked.sort_values(["value", "province"], ascending=[False, True])
    k = min(k, len(ranked) // 2)
    records = ranked[["province", "value"]].to_dict("records")
    return ComparisonFindings(
        indicator=indicator,
        year=year,
        regime=regime,
        series=series,
        values=values,
        highest=records[:k],
        # lowest first, and among equal values in name order, as the highest are
        lowest=sorted(records[-k:], key=lambda r: (r["value"], r["province"])) if k else [],
        missing=values.loc[values["status"] == "missing", "province"].tolist(),
        partial=values.loc[values["status"] == "partial", "province"].tolist(),
        preliminary=bool(values.attrs.get("preliminary", False)),
    )


def survey_vs_review(year: int, review: pd.DataFrame | None = None, survey: pd.DataFrame | None = None) -> pd.DataFrame:
    """Provinces with both a GSO survey rate and an end-of-year review rate in ``year``, and the gap.

    Returns
    -------
    pandas.DataFrame
        ``province``, ``review``, ``survey``, ``difference`` (survey minus review, percentage points),
        sorted by the size of the gap.
    """
    a = cross_section("poor_rate_pct", year, series="review", review=review)
    b = cross_section("poor_rate_pct", year, series="gso", survey=survey)
    both = (
        a[["province_code", "province", "value"]]
        .merge(b[["province_code", "value"]], on="province_code", suffixes=("_review", "_survey"))
        .dropna()
    )
    both = both.rename(columns={"value_review": "review", "value_survey": "survey"})
    both["difference"] = (both["survey"].astype(float) - both["review"].astype(float)).round(2)
    order = both["difference"].abs().sort_values(ascending=False).index
    return both.loc[order, ["province", "review", "survey", "difference"]].reset_index(drop=True)
