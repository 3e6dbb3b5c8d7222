"""Cross-sections for comparisons: one value per province for an indicator and a year."""

from __future__ import annotations

import pandas as pd

from study import load
from study.registry import provinces

SERIES = ("review", "gso")


def select(names) -> list[str]:
    """Resolve ``"all"`` or a list (or comma-separated string) of province names to 63-regime codes."""
    if names is None or (isinstance(names, str) and names.strip().lower() == "all"):
        return [u.code for u in provinces.units("63")]
    if isinstance(names, str):
        names = [n for n in names.split(",") if n.strip()]
    return sorted({provinces.resolve(n, "63").code for n in names})


def cross_section(indicator: str = "poor_rate_pct", year: int = 2023, names="all", regime="63",
                  series: str = "review") -> pd.DataFrame:
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
        ``"34"`` aggregates the review series to the new provinces with household weights
        (:func:`study.present.maps.aggregate_to_34`) and flags partial coverage.
    series : {"review", "gso"}
        The Ministry's review series, or the GSO survey-based series (a different measure).

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``value``, ``source`` and, for the 34, ``coverage`` and
        ``complete``.
    """
    regime = provinces.check_regime(regime)
    if series not in SERIES:
        raise ValueError(f"unknown series {series!r}: expected 'review' or 'gso'")
    keep = set(select(names))
    units = provinces.units("63")
    if series == "gso":
        if indicator != "poor_rate_pct":
            raise ValueError("the GSO survey series has only 'poor_rate_pct'")
        g = load.gso_survey()
        g = g[(g["level"] == "province") & (g["year"] == year)
              & (g["series"] == "gso_multidimensional_survey")]
        values = dict(zip(g["province_code"], g["poor_rate_pct"].astype(float), strict=True))
        source = dict(zip(g["province_code"], g["source_url"], strict=True))
    else:
        panel = load.poverty_panel(regime="63")
        panel = panel[panel["year"] == year]
        if indicator not in panel.columns:
            raise ValueError(f"unknown indicator {indicator!r}: expected one of the poverty_panel columns")
        values = {c: float(v) for c, v in zip(panel["province_code"], panel[indicator], strict=True) if pd.notna(v)}
        chosen = load.poverty_review()
        chosen = chosen[(chosen["year"] == year) & (chosen["indicator"] == indicator)]
        source = dict(zip(chosen["province_code"], chosen["source_url"], strict=True))
    frame = pd.DataFrame({
        "province_code": [u.code for u in units], "province": [u.name_vi for u in units],
        "region": [u.region for u in units],
        "value": [values.get(u.code) if u.code in keep else None for u in units],
        "source": [source.get(u.code, "") for u in units],
    })
    frame["value"] = frame["value"].astype("Float64")
    if regime == "63":
        return frame
    if series == "gso":
        raise ValueError("the GSO series gives rates without household counts, so it cannot be aggregated to the "
                         "34 new provinces honestly; use series='review' for regime 34")
    from study.present import maps

    panel = load.poverty_panel(regime="63")
    panel = panel[panel["province_code"].isin(keep) & (panel["year"] == year)]
    aggregated = maps.aggregate_to_34(panel)
    if indicator not in aggregated.columns:
        raise ValueError(f"indicator {indicator!r} cannot be aggregated to the 34 units; use a rate or a count")
    by_code = aggregated.set_index("province_code")
    units34 = provinces.units("34")
    out = pd.DataFrame({
        "province_code": [u.code for u in units34], "province": [u.name_vi for u in units34],
        "value": [by_code[indicator].get(u.code) for u in units34], "source": "",
    })
    out["value"] = out["value"].astype("Float64")
    for column in ("coverage", "complete"):
        if column in by_code.columns:
            out[column] = [by_code[column].get(u.code) for u in units34]
    return out
