"""From the 63 units to the 34: household totals and household-weighted aggregation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from study.registry import provinces


def household_totals(panel: pd.DataFrame) -> pd.DataFrame:
    """Return each row's total households: as reported, else derived from a count and its rate.

    ``total_households`` is used when given (``total_source = "reported"``). Otherwise, when the poor
    count and the poor rate are both known and the rate is above zero, total = poor_households /
    poor_rate_pct * 100 (``"derived_poor"``); failing that, the same from the near-poor count and rate
    (``"derived_near_poor"``). Rates are published rounded (to 0.01 pp at best), so a derived total
    carries a relative error up to about 0.005 / rate (0.16 % at a 3.2 % rate).

    Returns
    -------
    pandas.DataFrame
        ``panel`` with ``total_used`` (float) and ``total_source`` (str or NA) added.
    """
    out = panel.copy()

    def num(column):
        if column not in out:
            return pd.Series(np.nan, index=out.index)
        return pd.to_numeric(out[column], errors="coerce").astype(float)

    reported = num("total_households")
    from_poor = num("poor_households") / num("poor_rate_pct").where(num("poor_rate_pct") > 0) * 100
    from_near = num("near_poor_households") / num("near_poor_rate_pct").where(num("near_poor_rate_pct") > 0) * 100
    out["total_used"] = reported.fillna(from_poor).fillna(from_near)
    source = pd.Series(pd.NA, index=out.index, dtype="string")
    source[from_near.notna()] = "derived_near_poor"
    source[from_poor.notna()] = "derived_poor"
    source[reported.notna()] = "reported"
    out["total_source"] = source
    return out


def aggregate_to_34(panel: pd.DataFrame, *, complete_only: bool = False) -> pd.DataFrame:
    """Aggregate a panel of the 63 units to the 34 units, weighting by households.

    For each new unit and year, over the old units (parts) that are covered:
    ``poor_rate_pct = 100 * sum(poor_households) / sum(total_households)`` and the same for the
    near-poor; never a plain mean of rates. A part is covered (for the poor rate) when its poor
    count and its total households are known; the total is the reported one or, failing that, one
    derived from a count and its rate (:func:`household_totals`); ``derived_total`` says so.

    Parameters
    ----------
    panel : pandas.DataFrame
        The processed ``poverty_panel`` layout: ``province_code`` (63-unit codes), ``year``,
        ``poor_households``, ``poor_rate_pct``, ``near_poor_households``, ``near_poor_rate_pct``,
        ``total_households``. Rows with ``regime`` other than ``"63"`` are ignored.
    complete_only : bool
        Blank the figures (NA) of new units whose parts are not all covered.

    Returns
    -------
    pandas.DataFrame
        One row per new unit and year with data: ``province_code`` (34-unit code), ``province``,
        ``regime`` (``"34"``), ``year``, ``poor_households``, ``total_households``, ``poor_rate_pct``,
        ``near_poor_households``, ``near_poor_rate_pct``, ``derived_total`` (a covered part's total was
        derived), ``n_parts``, ``n_covered``, ``coverage`` (covered parts / all parts), ``complete``,
        ``near_poor_coverage``, ``parts_covered`` and ``parts_missing`` (63-unit codes, ``;``-separated).
        Figures of incomplete units describe only their covered parts.
    """
    frame = panel
    if "regime" in frame:
        frame = frame[frame["regime"].astype(str) == "63"]
    if frame[["province_code", "year"]].duplicated().any():
        raise ValueError("panel has more than one row per province_code and year")
    frame = household_totals(frame)
    frame = frame.assign(province_code=frame["province_code"].astype(str).str.zfill(2))
    frame["new_code"] = [provinces.successor(c).code for c in frame["province_code"]]

    def num(part, column):
        if column not in part:
            return pd.Series(np.nan, index=part.index)
        return pd.to_numeric(part[column], errors="coerce").astype(float)

    rows = []
    for (new, year), part in frame.groupby(["new_code", "year"], sort=True):
        all_parts = [u.code for u in provinces.predecessors(new)]
        poor, near, total = num(part, "poor_households"), num(part, "near_poor_households"), part["total_used"]
        covered = poor.notna() & total.notna()
        near_covered = near.notna() & total.notna()
        covered_codes = sorted(part.loc[covered, "province_code"])
        poor_sum, total_sum = poor[covered].sum(), total[covered].sum()
        near_total = total[near_covered].sum()
        row = {
            "province_code": new,
            "province": provinces.get(new, "34").name_vi,
            "regime": "34",
            "year": year,
            "poor_households": poor_sum if covered.any() else np.nan,
            "total_households": total_sum if covered.any() else np.nan,
            "poor_rate_pct": 100 * poor_sum / total_sum if covered.any() and total_sum > 0 else np.nan,
            "near_poor_households": near[near_covered].sum() if near_covered.any() else np.nan,
            "near_poor_rate_pct": (
                100 * near[near_covered].sum() / near_total if near_covered.any() and near_total > 0 else np.nan
            ),
            "derived_total": bool((part.loc[covered, "total_source"] != "reported").any()),
            "n_parts": len(all_parts),
            "n_covered": len(covered_codes),
            "coverage": len(covered_codes) / len(all_parts),
            "near_poor_coverage": int(near_covered.sum()) / len(all_parts),
            "parts_covered": ";".join(covered_codes),
            "parts_missing": ";".join(c for c in all_parts if c not in covered_codes),
        }
        row["complete"] = row["n_covered"] == row["n_parts"]
        rows.append(row)
    columns = [
        "province_code",
        "province",
        "regime",
        "year",
        "poor_households",
        "total_households",
        "poor_rate_pct",
        "near_poor_households",
        "near_poor_rate_pct",
        "derived_total",
        "n_parts",
        "n_covered",
        "coverage",
        "complete",
        "near_poor_coverage",
        "parts_covered",
        "parts_missing",
    ]
    out = pd.DataFrame(rows, columns=columns)
    if complete_only and len(out):
        figures = ["poor_households", "total_households", "poor_rate_pct", "near_poor_households", "near_poor_rate_pct"]
        out.loc[~out["complete"], figures] = np.nan
    for column in (
        "poor_households",
        "total_households",
        "poor_rate_pct",
        "near_poor_households",
        "near_poor_rate_pct",
        "coverage",
        "near_poor_coverage",
    ):
        out[column] = out[column].astype("Float64")
    for column in ("n_parts", "n_covered"):
        out[column] = out[column].astype("Int64")
    for column in ("province_code", "province", "regime", "parts_covered", "parts_missing"):
        out[column] = out[column].astype("string")
    return out.reset_index(drop=True)
