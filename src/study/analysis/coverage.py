"""What is known: a province x year matrix of the poverty figures in the data."""

from __future__ import annotations

import pandas as pd

from study.registry import provinces

YEARS = (2021, 2022, 2023, 2024, 2025)
CORE = ("poor_rate_pct", "poor_households")
LEGEND = {
    "R": "end-of-year review figure",
    "i": "interim or preliminary figure only",
    "D": "figure stated in a coded document only",
    "-": "searched, nothing found (data/raw/statistics/search_log.csv)",
    "": "not searched yet",
}


def matrix(
    review: pd.DataFrame, facts: pd.DataFrame | None = None, years=YEARS, searched: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the 63 provinces x ``years`` with a code per cell (see :data:`LEGEND`).

    Parameters
    ----------
    review : pandas.DataFrame
        Chosen review values (``load.poverty_review()``, Decree 07/2021, 63 regime).
    facts : pandas.DataFrame, optional
        Coded document facts; province-wide actual rates and counts count as "D".
    searched : pandas.DataFrame, optional
        The search log (``load.search_log()``): an empty cell that was searched becomes "-".
    """
    units = provinces.units("63")
    cells = {(u.code, y): "" for u in units for y in years}
    if facts is not None and len(facts):
        f = facts[
            facts["indicator"].isin(CORE)
            & facts["kind"].isin(["actual", "baseline"])
            & (facts["scope"] == "province")
            & facts["year"].notna()
        ]
        for code, year in zip(f["province_code"], f["year"].astype(int), strict=True):
            if (code, year) in cells:
                cells[(code, year)] = "D"
    r = review[review["indicator"].isin(CORE) & (review["regime"] == "63")]
    for row in r.sort_values("reference_point").to_dict("records"):
        key = (row["province_code"], int(row["year"]))
        if key not in cells:
            continue
        if row["reference_point"] == "end_of_year":
            cells[key] = "R"
        elif cells[key] != "R":
            cells[key] = "i"
    if searched is not None and len(searched):
        for code, year in zip(searched["province_code"], searched["year"].astype(int), strict=True):
            if cells.get((code, year)) == "":
                cells[(code, year)] = "-"
    frame = pd.DataFrame(
        [[cells[(u.code, y)] for y in years] for u in units],
        index=pd.Index([u.name_vi for u in units], name="province"),
        columns=list(years),
    )
    return frame


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Count provinces per year by code: rows R, i, D, none."""
    rows = {}
    for code, label in (
        ("R", "end_of_year"),
        ("i", "interim_only"),
        ("D", "document_only"),
        ("-", "searched_not_found"),
        ("", "not_searched"),
    ):
        rows[label] = (frame == code).sum()
    return pd.DataFrame(rows).T


def end_of_year_rates(review: pd.DataFrame, years=YEARS) -> int:
    """Count the province-years (63 units) with an end-of-year poor-household rate under Decree 07/2021."""
    r = review[
        (review["indicator"] == "poor_rate_pct")
        & (review["regime"] == "63")
        & (review["reference_point"] == "end_of_year")
        & (review["standard"] == "nd07_2021")
        & review["year"].isin(list(years))
    ]
    return int(r[["province_code", "year"]].drop_duplicates().shape[0])


def render(frame: pd.DataFrame, rates: int | None = None) -> str:
    """The matrix as fixed-width text for a terminal (``rates``: the count of end-of-year rates, printed)."""
    width = max(len(n) for n in frame.index) + 2
    head = " " * width + " ".join(f"{y:>4}" for y in frame.columns)
    lines = [head]
    for name, row in frame.iterrows():
        lines.append(name.ljust(width) + " ".join(f"{(c or '.'):>4}" for c in row))
    lines.append("")
    lines.append("  ".join(f"{k or '.'} = {v}" for k, v in LEGEND.items()))
    counts = summary(frame)
    lines.append("")
    lines.append(
        "provinces per year: "
        + "; ".join(f"{y}: {int(counts.loc['end_of_year', y])} end-of-year" for y in frame.columns)
    )
    if rates is not None:
        lines.append(f"province-years with an end-of-year poor-household rate (Decree 07/2021): {rates}")
    lines.append(
        f"province-years searched without result: {int((frame == '-').sum().sum())}; "
        f"not searched yet: {int((frame == '').sum().sum())}"
    )
    return "\n".join(lines)
