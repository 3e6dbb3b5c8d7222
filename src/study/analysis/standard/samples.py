"""Tables for teaching: lines side by side, boundary cases, a synthetic sample, several standards at once."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from study.analysis.standard.rules import AREAS, DEFAULT_STANDARD, LINE_ROLES, UNDETERMINED, StandardError
from study.analysis.standard.tables import load_standard

LINE_NAMES = {
    "poverty_line": "poverty line",
    "near_poor_line": "near-poor line",
    "middle_income_upper": "middle-income up to",
}
"""Column suffixes of :func:`lines_table`."""


def category_counts(categories: pd.Series) -> pd.DataFrame:
    """Return households and shares (percent) per category, in the standard's order.

    Columns: ``category``, ``households``, ``share_pct``. Their names in words are in
    :func:`study.present.teaching.value_label`.
    """
    counts = categories.value_counts(sort=False)
    total = int(counts.sum())
    out = pd.DataFrame({"category": [str(c) for c in counts.index], "households": counts.to_numpy()})
    out["share_pct"] = (out["households"] / total * 100).round(1) if total else 0.0
    return out


def lines(*standards) -> pd.DataFrame:
    """Return the income lines of one or more standards, one row per standard, line and area.

    Columns: ``standard``, ``label``, ``province``, ``period``, ``rule`` (``poverty_line``,
    ``near_poor_line``, ``middle_income_upper``), ``area``, ``value`` and ``unit`` as stated,
    ``per_month`` (VND per person per month), ``strict`` (the line is a strict bound), ``legal_basis``.
    """
    out = []
    for item in standards or (DEFAULT_STANDARD,):
        std = load_standard(item)
        table = std.thresholds()
        for row in table[table["rule"].isin(LINE_ROLES)].itertuples():
            out.append(
                {
                    "standard": std.code,
                    "label": std.label,
                    "province": std.province,
                    "period": std.period,
                    "rule": row.rule,
                    "area": row.area,
                    "value": row.value,
                    "unit": row.unit,
                    "per_month": row.per_month,
                    "strict": std.strict,
                    "legal_basis": row.legal_basis,
                }
            )
    return pd.DataFrame(
        out,
        columns=[
            "standard",
            "label",
            "province",
            "period",
            "rule",
            "area",
            "value",
            "unit",
            "per_month",
            "strict",
            "legal_basis",
        ],
    )


def lines_table(*standards) -> pd.DataFrame:
    """Return the income lines of one or more standards side by side, one row per area.

    Columns are named ``<code> <line>`` (``poverty line``, ``near-poor line``, ``middle-income up to``)
    for the lines each standard has, in VND per person per month (a yearly line divided by twelve and
    rounded to the VND).
    """
    table = lines(*standards)
    columns = {}
    for (code, rule), group in table.groupby(["standard", "rule"], sort=False):
        values = group.set_index("area")["per_month"]
        columns[f"{code} {LINE_NAMES[rule]}"] = [int(round(values[a])) for a in AREAS]
    return pd.DataFrame(columns, index=pd.Index(AREAS, name="area"))


def boundary_cases(std=DEFAULT_STANDARD) -> pd.DataFrame:
    """Return households placed 1 VND below, exactly on and 1 VND above each income line of a standard.

    For every area and every line (poverty line, near-poor line, middle-income bound, where the
    standard has them), the three incomes are crossed with the deprivation counts around the
    threshold (one fewer than the minimum, and the minimum; a count of 0 when the standard has no
    deprivation rule). Incomes are per person per month and come from the data. Households that the
    sourced rules do not place are marked ``"undetermined"``.

    Returns
    -------
    pandas.DataFrame
        ``area``, ``boundary`` (the rule), ``position`` (``"below"``, ``"on"``, ``"above"``),
        ``income_per_person_month``, ``deprivations``, ``category``.
    """
    std = load_standard(std)
    k = std.min_deprivations
    counts = (k - 1, k) if k is not None else (0,)
    rows = []
    for area in AREAS:
        for role in LINE_ROLES:
            values = getattr(std, role)
            if values is None:
                continue
            line = values[area]
            for position, income in (("below", line - 1), ("on", line), ("above", line + 1)):
                for count in counts:
                    rows.append(
                        {
                            "area": area,
                            "boundary": role,
                            "position": position,
                            "income_per_person_month": income,
                            "deprivations": count,
                        }
                    )
    frame = pd.DataFrame(rows)
    incomes = frame["income_per_person_month"]
    if (incomes % 1 == 0).all():
        frame["income_per_person_month"] = incomes.astype("int64")
    frame["category"] = std.classify_frame(frame, undetermined="mark").astype(str)
    return frame


def synthetic_households(n: int = 200, seed: int = 2021, standard=DEFAULT_STANDARD) -> pd.DataFrame:
    """Return a SYNTHETIC household sample for teaching: invented, not survey data.

    The rows are drawn from simple distributions chosen to give every category a few members; they
    describe no real place or person and must never be read as evidence about poverty in Vietnam.
    Each row carries ``synthetic=True``.

    Parameters
    ----------
    n : int
        Number of households (1 or more).
    seed : int
        Seed of the random generator; the same seed gives the same rows.
    standard : str or Standard
        The standard whose indicator codes name the deprivation columns and whose line centres the
        incomes.

    Returns
    -------
    pandas.DataFrame
        ``household_id``, ``area``, ``household_size``, ``income_per_person_month`` (VND, rounded to
        10,000), one boolean column per indicator (true = deprived; named ``indicator_01``... when
        the data give only the number of indicators), ``deprivations`` (their count) and
        ``synthetic``.
    """
    if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
        raise StandardError(f"n must be a whole number of households, 1 or more; got {n!r}")
    std = load_standard(standard)
    codes = std.indicator_codes
    if not codes:
        if not std.n_indicators:
            raise StandardError(f"standard {std.code!r} has neither an indicator list nor a number of indicators")
        codes = tuple(f"indicator_{i:02d}" for i in range(1, std.n_indicators + 1))
    rng = np.random.default_rng(seed)
    urban = rng.random(n) < 0.35
    area = np.where(urban, "urban", "rural")
    size = rng.integers(1, 8, size=n)
    line = np.where(urban, std.multidimensional_line["urban"], std.multidimensional_line["rural"])
    # incomes around 1.6 times the line, spread wide enough to reach every category
    income = line * np.exp(rng.normal(np.log(1.6), 0.55, size=n))
    income = np.round(income / 10_000) * 10_000
    # poorer households are more often deprived; each indicator has its own base rate
    base = rng.uniform(0.05, 0.30, size=len(codes))
    pressure = np.clip(1.6 - income / line, 0.2, 1.6)
    deprived = rng.random((n, len(base))) < np.clip(base[None, :] * pressure[:, None] * 1.5, 0, 0.9)
    frame = pd.DataFrame(
        {
            "household_id": [f"S{i:04d}" for i in range(1, n + 1)],
            "area": area,
            "household_size": size.astype(int),
            "income_per_person_month": income.astype(np.int64),
        }
    )
    for j, code in enumerate(codes):
        frame[code] = deprived[:, j]
    frame["deprivations"] = deprived.sum(axis=1).astype(int)
    frame["synthetic"] = True
    return frame


def compare_standards(households: pd.DataFrame, standards, undetermined: str = "mark") -> pd.DataFrame:
    """Classify the same households under several standards, one categorical column per standard.

    The count column ``deprivations`` is used under every standard. The indicator lists differ
    between standards (10 indicators in 2016-2020, 12 in 2022-2025, the final 2026-2030 list not
    sourced), so this is the teaching simplification "the same number of deprivations", not a
    re-measurement. Households a standard does not place are ``"undetermined"`` (or raise, with
    ``undetermined="raise"``).
    """
    if "deprivations" not in households.columns:
        raise StandardError("compare_standards needs a 'deprivations' count column")
    out = pd.DataFrame(index=households.index)
    for item in standards:
        std = load_standard(item)
        out[std.code] = std.classify_frame(
            households[["income_per_person_month", "area", "deprivations"]], undetermined=undetermined
        )
    return out


def shares(categories: pd.DataFrame) -> pd.DataFrame:
    """Return the share (percent) of households in each category, one row per standard (column of ``categories``).

    Columns are every category that occurs, in the order poor, near-poor, middle-income, not poor,
    undetermined; missing combinations are 0.
    """
    order = ["poor", "near_poor", "middle_income", "not_poor", UNDETERMINED]
    table = pd.DataFrame(
        {code: categories[code].astype(str).value_counts(normalize=True) * 100 for code in categories.columns}
    ).T.fillna(0.0)
    return table[[c for c in order if c in table.columns]]


def income_line_shares(households: pd.DataFrame, standards) -> pd.DataFrame:
    """Return, per standard, the share of households whose income is under its poverty line.

    Only the income criterion is applied ("at or below", or "below" where the standard writes strict
    bounds); deprivations are not counted. This isolates the effect of the line itself, which is what
    differs most between a provincial and the national standard.

    Returns
    -------
    pandas.DataFrame
        ``standard``, ``label``, ``rural_line``, ``urban_line`` (per month), ``households``,
        ``under_line``, ``share_pct``.
    """
    out = []
    for item in standards:
        std = load_standard(item)
        income = pd.to_numeric(households["income_per_person_month"]).astype("float64")
        line = households["area"].map(std.poverty_line).astype("float64")
        under = (income < line) if std.strict else (income <= line)
        out.append(
            {
                "standard": std.code,
                "label": std.label,
                "rural_line": std.poverty_line["rural"],
                "urban_line": std.poverty_line["urban"],
                "households": len(households),
                "under_line": int(under.sum()),
                "share_pct": float(under.mean() * 100),
            }
        )
    return pd.DataFrame(out)
