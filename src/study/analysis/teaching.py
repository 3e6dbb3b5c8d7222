"""Small helpers for the teaching notebooks: rates and counts, points and percent, weighted means.

Every function takes plain numbers or frames (as :mod:`study.load` returns them) and reads no file,
so a teacher can use them on any table. Their words (sentences, tables in the reader's language) are
in :mod:`study.present.teaching`.

Vocabulary
----------
rate
    A share in percent: poor households per 100 households (``poor_rate_pct``).
count
    A number of households (``poor_households``).
percentage points (pp)
    The difference of two rates: from 4.0 % to 3.0 % is a fall of 1.0 pp.
percent change
    The change relative to the starting value: from 4.0 % to 3.0 % is a fall of 25 %.
"""

from __future__ import annotations

import math

import pandas as pd

from study.registry import provinces


def _number(value, name: str) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        raise ValueError(f"{name} is missing")
    return float(value)


def pp_change(before, after) -> float:
    """Return the change of a rate in percentage points (``after - before``)."""
    return _number(after, "after") - _number(before, "before")


def percent_change(before, after) -> float:
    """Return the change relative to ``before``, in percent.

    Raises
    ------
    ValueError
        If ``before`` is zero (a relative change from nothing is undefined) or a value is missing.
    """
    start = _number(before, "before")
    if start == 0:
        raise ValueError("percent change from 0 is undefined; give the change in points instead")
    return (_number(after, "after") - start) / start * 100


def rate_pct(count, total) -> float:
    """Return ``count`` as a percentage of ``total``."""
    whole = _number(total, "total")
    if whole <= 0:
        raise ValueError(f"total must be positive; got {total!r}")
    return _number(count, "count") / whole * 100


def implied_total(count, rate) -> float:
    """Return the total a count and its rate imply (``count / (rate / 100)``).

    Rates are published rounded, so the implied total is approximate; a rate of 0 implies nothing.
    """
    share = _number(rate, "rate")
    if share <= 0:
        raise ValueError("a rate of 0 (or less) does not imply a total")
    return _number(count, "count") / (share / 100)


def with_totals(
    frame: pd.DataFrame, count: str = "poor_households", rate: str = "poor_rate_pct", total: str = "total_households"
) -> pd.DataFrame:
    """Return ``frame`` with a household total per row: given, or implied by the count and the rate.

    Adds ``households`` (float) and ``households_from`` (``"given"``, ``"implied"`` or ``"missing"``).
    """
    out = frame.copy()
    if total in out:
        given = pd.to_numeric(out[total], errors="coerce")
    else:
        given = pd.Series(float("nan"), index=out.index)
    counts = pd.to_numeric(out[count], errors="coerce").astype("float64")
    rates = pd.to_numeric(out[rate], errors="coerce").astype("float64")
    implied = (counts / (rates / 100)).where(rates > 0)
    given = given.astype("float64")
    out["households"] = given.fillna(implied)
    out["households_from"] = "missing"
    out.loc[implied.notna(), "households_from"] = "implied"
    out.loc[given.notna(), "households_from"] = "given"
    return out


def mean_vs_weighted(
    frame: pd.DataFrame, count: str = "poor_households", rate: str = "poor_rate_pct", total: str = "total_households"
) -> dict:
    """Compare the plain mean of provincial rates with the household-weighted rate of the same rows.

    Only rows with a rate and a household total (given or implied, see :func:`with_totals`) are used,
    so that both figures describe the same provinces.

    Returns
    -------
    dict
        ``rows`` (used), ``rows_left_out`` (no rate or no total), ``plain_mean_pct``,
        ``weighted_pct`` (poor households of the rows over their households), ``difference_pp``.
        The figures are ``nan`` when no row can be used.
    """
    table = with_totals(frame, count=count, rate=rate, total=total)
    rates = pd.to_numeric(table[rate], errors="coerce").astype("float64")
    usable = rates.notna() & table["households"].notna()
    used = table[usable]
    result = {
        "rows": int(usable.sum()),
        "rows_left_out": int((~usable).sum()),
        "plain_mean_pct": float("nan"),
        "weighted_pct": float("nan"),
        "difference_pp": float("nan"),
    }
    if len(used):
        households = used["households"].astype("float64")
        plain = float(rates[usable].mean())
        weighted = float((rates[usable] / 100 * households).sum() / households.sum() * 100)
        result.update(plain_mean_pct=plain, weighted_pct=weighted, difference_pp=plain - weighted)
    return result


def merger_members(new_name: str) -> pd.DataFrame:
    """Return the units of the 63 that form a unit of the 34 since 1 July 2025, with their regions.

    Parameters
    ----------
    new_name : str
        Any spelling of the name of a unit of the 34 (``"Tuyên Quang"``, ``"tuyen quang"``).
    """
    unit = provinces.resolve(new_name, "34")
    rows = [
        {
            "code_63": old.code,
            "name_63": old.name_vi,
            "region": old.region,
            "code_34": unit.code,
            "name_34": unit.name_vi,
        }
        for old in provinces.predecessors(unit.code)
    ]
    return pd.DataFrame(rows, columns=["code_63", "name_63", "region", "code_34", "name_34"])


def merger_summary() -> pd.DataFrame:
    """Return the 34 units with the number of old units each absorbs, largest first, then by code."""
    rows = []
    for new in provinces.units("34"):
        old = provinces.predecessors(new.code)
        rows.append(
            {
                "code_34": new.code,
                "name_34": new.name_vi,
                "units_63": len(old),
                "names_63": ", ".join(u.name_vi for u in old),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["units_63", "code_34"], ascending=[False, True], ignore_index=True)


def reused_codes() -> pd.DataFrame:
    """Return the codes that name one unit among the 63 and a different unit among the 34."""
    old = {u.code: u.name_vi for u in provinces.units("63")}
    rows = []
    for new in provinces.units("34"):
        if new.code in old and old[new.code] != new.name_vi:
            rows.append({"code": new.code, "among_the_63": old[new.code], "among_the_34": new.name_vi})
    return pd.DataFrame(rows, columns=["code", "among_the_63", "among_the_34"])


def review_vs_survey(
    review: pd.DataFrame, survey: pd.DataFrame, year: int, series: str = "gso_multidimensional_survey"
) -> pd.DataFrame:
    """Put the Ministry review rate and the GSO survey rate of the same provinces and year side by side.

    Parameters
    ----------
    review : pandas.DataFrame
        ``load.poverty_panel()`` (one row per province and year).
    survey : pandas.DataFrame
        ``load.gso_survey()``.
    year : int
        The year to compare.
    series : str
        The GSO series.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``review_pct``, ``survey_pct``, ``difference_pp``
        (survey minus review), for the provinces that have both figures, ordered by code.
    """
    left = review[(review["year"] == year) & review["poor_rate_pct"].notna()]
    left = left[["province_code", "province", "poor_rate_pct"]]
    left = left.rename(columns={"poor_rate_pct": "review_pct"})
    right = survey[(survey["year"] == year) & (survey["level"] == "province") & (survey["series"] == series)]
    right = right[["province_code", "poor_rate_pct"]].rename(columns={"poor_rate_pct": "survey_pct"})
    out = left.merge(right, on="province_code", how="inner")
    out["review_pct"] = out["review_pct"].astype("float64")
    out["survey_pct"] = out["survey_pct"].astype("float64")
    out["difference_pp"] = (out["survey_pct"] - out["review_pct"]).round(2)
    return out.sort_values("province_code", ignore_index=True)


def provincial_review(sources: pd.DataFrame) -> pd.DataFrame:
    """Return the review rows under a provincial standard, each with the national-standard rows beside it.

    Parameters
    ----------
    sources : pandas.DataFrame
        Every review row (``load.table("poverty_review_sources")``), with ``standard`` ``"provincial"``
        for a province's own line and ``"nd07_2021"`` for the national one.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``regime``, ``year``, ``standard_kind`` (``provincial`` or
        ``national``), ``reference_point``, ``source_type``, ``poor_households``, ``poor_rate_pct``,
        ``near_poor_households``, ``near_poor_rate_pct``: for every province, unit set and year with a
        provincial-standard row, those rows and the national-standard rows of the same year
        (identical rows from several sources shown once).
    """
    keys = ["province_code", "regime", "year"]
    own = sources[sources["standard"] == "provincial"]
    national = sources[sources["standard"] == "nd07_2021"].merge(own[keys].drop_duplicates(), on=keys)
    columns = [
        *keys[:1],
        "province",
        *keys[1:],
        "standard_kind",
        "reference_point",
        "source_type",
        "poor_households",
        "poor_rate_pct",
        "near_poor_households",
        "near_poor_rate_pct",
    ]
    both = pd.concat([own.assign(standard_kind="provincial"), national.assign(standard_kind="national")])
    both = both[columns].drop_duplicates()
    return both.sort_values(
        ["province", "regime", "year", "standard_kind"], ascending=[True, True, True, False], ignore_index=True
    )
