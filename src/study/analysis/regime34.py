"""Review figures of the 34 units in force since 1 July 2025, by one documented rule.

For each unit of the 34 and a year:

1. a figure published for the new unit itself (a regime-34 review row) is used as it is
   (``status = "published"``);
2. a unit whose borders did not change keeps its own figure, whether or not its household counts
   are known (``"unchanged"``);
3. a merged unit gets a household-weighted aggregate when every part has the figure and its
   household total (given, or derived as count / rate x 100) (``"aggregated"``): the rate is the
   sum of the parts' counts over the sum of their totals, never a mean of rates;
4. otherwise it is ``"partial"`` (some parts covered) or ``"missing"`` (none), has no value, and is
   kept out of rankings; the covered parts are listed.

Zero is zero: a part whose end-of-year review counted no poor household has a rate of 0.
"""

from __future__ import annotations

import pandas as pd

from study.registry import provinces

RATE_OF = {
    "poor_rate_pct": "poor_households",
    "near_poor_rate_pct": "near_poor_households",
    "poor_near_poor_rate_pct": "poor_near_poor_households",
}
STATUSES = ("published", "unchanged", "aggregated", "partial", "missing")


def _zero_rates(panel: pd.DataFrame) -> pd.DataFrame:
    """Fill a missing rate with 0 where the count of the same row is 0 (and say so in ``zero_count``)."""
    panel = panel.copy()
    panel["zero_count"] = False
    for rate, count in RATE_OF.items():
        if rate in panel and count in panel:
            zero = panel[rate].isna() & (panel[count] == 0)
            panel.loc[zero, rate] = 0.0
            panel.loc[zero, "zero_count"] = True
    return panel


def _total(row: dict, rate: str) -> float | None:
    total = row.get("total_households")
    if total is not None and not pd.isna(total):
        return float(total)
    count, value = row.get(RATE_OF[rate]), row.get(rate)
    if count is not None and value is not None and not pd.isna(count) and not pd.isna(value) and value > 0:
        return float(count) / float(value) * 100
    return None


def aggregate(panel63: pd.DataFrame, panel34: pd.DataFrame, indicator: str, year: int) -> pd.DataFrame:
    """One row per unit of the 34 for ``indicator`` and ``year``, by the rule of the module docstring.

    Parameters
    ----------
    panel63, panel34 : pandas.DataFrame
        End-of-year review panels of the two regimes (``load.poverty_panel(regime=...)`` rows whose
        ``reference_points`` is ``end_of_year``), one row per unit and year.
    indicator : str
        A rate (``poor_rate_pct``, ``near_poor_rate_pct``, ``poor_near_poor_rate_pct``) or a count.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``value``, ``status``, ``parts`` (names of the 63 units),
        ``covered`` (names of the parts with the figure), ``zero_count``.
    """
    p63 = _zero_rates(panel63[panel63["year"] == year])
    p34 = _zero_rates(panel34[panel34["year"] == year])
    own = {r["province_code"]: r for r in p63.to_dict("records")}
    published = {r["province_code"]: r for r in p34.to_dict("records") if not pd.isna(r.get(indicator))}
    rows = []
    for unit in provinces.units("34"):
        parts = provinces.predecessors(unit.code)
        covered = [p for p in parts if p.code in own and not pd.isna(own[p.code].get(indicator))]
        row = {
            "province_code": unit.code,
            "province": unit.name_vi,
            "value": None,
            "parts": "; ".join(p.name_vi for p in parts),
            "covered": "; ".join(p.name_vi for p in covered),
            "zero_count": False,
        }
        if unit.code in published:
            r = published[unit.code]
            row.update(value=float(r[indicator]), status="published", zero_count=bool(r["zero_count"]))
        elif len(parts) == 1 and covered:
            r = own[parts[0].code]
            row.update(value=float(r[indicator]), status="unchanged", zero_count=bool(r["zero_count"]))
        elif len(covered) == len(parts):
            row.update(_combine([own[p.code] for p in parts], indicator))
        else:
            row["status"] = "partial" if covered else "missing"
        rows.append(row)
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype("Float64")
    return out


def _combine(rows: list[dict], indicator: str) -> dict:
    """The household-weighted rate (or the sum of counts) of complete parts; partial when a total is unknown."""
    if indicator not in RATE_OF:
        return {"value": float(sum(float(r[indicator]) for r in rows)), "status": "aggregated"}
    totals = [_total(r, indicator) for r in rows]
    if any(t is None for t in totals):
        return {"status": "partial"}
    counts = [
        float(r[RATE_OF[indicator]]) if not pd.isna(r.get(RATE_OF[indicator])) else float(r[indicator]) / 100 * t
        for r, t in zip(rows, totals, strict=True)
    ]
    return {
        "value": round(100 * sum(counts) / sum(totals), 2),
        "status": "aggregated",
        "zero_count": all(bool(r["zero_count"]) for r in rows),
    }
