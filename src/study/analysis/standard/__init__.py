"""The household poverty standards: thresholds as data, classification as code.

Every standard is read from the programme tables (``data/raw/programme``, processed by ``study
build``), each row with its legal basis, URL and evidence:

``qd59_2015``
    Decision 59/2015/QĐ-TTg (19 November 2015): the standard of 2016-2020 (extended to 2021 by
    Article 2 of Decree 07/2021). Two income lines: a household at or below the lower line is *poor*
    on income alone; between the lower and the upper line it is *poor* with at least three
    deprivations and *near-poor* with fewer. Above the upper line and up to a bound it is a
    *middle-income* household ("hộ có mức sống trung bình", Article 2).
``nd07_2021``
    Decree 07/2021/NĐ-CP (27 January 2021), Article 3: the standard of 2022-2025, amended by Decree
    30/2025/NĐ-CP (low-income workers; the lines and rules unchanged by the amendments seen) and kept
    in force through 31 December 2026 by Decree 351/2025/NĐ-CP. At or below the line, *poor* with
    three or more of the twelve deprivation indicators, *near-poor* with fewer; above the line and up
    to a bound, *middle-income*.
``national_2026_2030``
    Decree 351/2025/NĐ-CP (30 December 2025): from 2027 a household at or below the line and deprived
    in three or more indicators is *poor*. The near-poor rule, the middle-income band and the final
    indicator list of this decree were **not found** in any stored source.
provincial standards
    ``hcmc_2021_2025``, ``hcmc_2025_review``, ``dongnai_2022_2025``, ``binhduong_2021``,
    ``quangninh_2023_2025``: lines set by a province for its own review, each a standard of its own
    (``available_standards(scope="provincial")``). Most are known only by their income lines.

Classification follows the sourced rules and nothing else. When the category of a household
depends on a rule the sources do not give (for instance whether a household under the 2027 line with
two deprivations is near-poor), :func:`classify` raises :class:`NotSourcedError`, which says which
rule is missing and what is known ("not poor"); :func:`classify_households` raises too, or marks such
rows ``"undetermined"`` with ``undetermined="mark"``. No rule is assumed.

What the legal texts say about the boundaries (the code depends on it):

* "từ ... trở xuống" means "at or below": Decree 07/2021 defines the poor rural household as one with
  "thu nhập bình quân đầu người/tháng từ 1,5 triệu đồng trở xuống và thiếu hụt từ 3 chỉ số ... trở
  lên" (Lao động Thủ đô), so an income exactly on the line is under it, and "từ 3 chỉ số trở lên"
  means three or more deprivations; the near-poor household has "thiếu hụt dưới 3 chỉ số" (fewer).
* "trên ... đến ..." (the middle-income band, the near-poor band of Decision 59/2015): above the
  lower line, up to and including the upper one.
* "dưới" (Bình Dương's 2021 lines): strictly below; an income exactly on such a line is above it.
* A yearly line (Hồ Chí Minh City: VND per person per year) is divided by twelve to compare it with a
  monthly income per person.

Every number (lines, bounds, the minimum number of deprivations, the indicator list) comes from the
data files, never from this package. Missing or contradictory rows raise :class:`StandardError`
naming the file.

Examples
--------
>>> from study.analysis import standard
>>> standard.classify(1_500_000, "rural", 3)  # doctest: +SKIP
'poor'
>>> standard.classify(1_500_000, "rural", 2)  # doctest: +SKIP
'near_poor'
>>> standard.classify(1_500_001, "rural", 5)  # doctest: +SKIP
'middle_income'
>>> standard.classify(2_000_000, "rural", 3, standard="national_2026_2030")  # doctest: +SKIP
'poor'
"""

from __future__ import annotations

import pandas as pd

from study.analysis.standard.model import Standard
from study.analysis.standard.rules import (
    ALIASES,
    AREAS,
    CATEGORIES,
    DEFAULT_STANDARD,
    INDICATOR_COLUMNS,
    INDICATOR_FILES,
    ITEMS,
    MISSING_RULES,
    NATIONAL,
    STANDARD_COLUMNS,
    STANDARD_FILES,
    UNDETERMINED,
    NotSourcedError,
    StandardError,
    check_area,
    check_income,
    format_vnd,
)
from study.analysis.standard.samples import (
    boundary_cases,
    category_counts,
    compare_standards,
    income_line_shares,
    lines,
    lines_table,
    shares,
    synthetic_households,
)
from study.analysis.standard.tables import (
    available_standards,
    indicator_table,
    load_standard,
    national_standard,
    programme_dir,
)

__all__ = [
    "ALIASES",
    "AREAS",
    "CATEGORIES",
    "DEFAULT_STANDARD",
    "INDICATOR_COLUMNS",
    "INDICATOR_FILES",
    "ITEMS",
    "MISSING_RULES",
    "NATIONAL",
    "STANDARD_COLUMNS",
    "STANDARD_FILES",
    "UNDETERMINED",
    "NotSourcedError",
    "Standard",
    "StandardError",
    "available_standards",
    "boundary_cases",
    "category_counts",
    "check_area",
    "check_income",
    "classify",
    "classify_households",
    "compare_standards",
    "format_vnd",
    "income_line_shares",
    "indicator_table",
    "lines",
    "lines_table",
    "load_standard",
    "national_standard",
    "programme_dir",
    "shares",
    "synthetic_households",
]


def classify(income_per_person_month, area: str, deprivations, standard=DEFAULT_STANDARD) -> str:
    """Classify one household.

    Parameters
    ----------
    income_per_person_month : float
        Household income per person per month, VND. Zero or more.
    area : {"rural", "urban"}
        Where the household lives (``"nông thôn"`` and ``"thành thị"`` are accepted too).
    deprivations : int, collection of str, or mapping of str to bool
        The number of indicators in which the household is deprived, or their codes
        (see ``load_standard(...).indicator_codes``).
    standard : str or Standard
        ``"nd07_2021"`` (2022-2025, the default), ``"qd59_2015"`` (2016-2020), ``"national_2026_2030"``
        (from 2027) or a provincial code.

    Returns
    -------
    str
        ``"poor"``, ``"near_poor"``, ``"middle_income"`` or ``"not_poor"``.

    Raises
    ------
    NotSourcedError
        When the category depends on a rule the sources do not give (the message names it).
    StandardError
        On a negative or non-numeric income, an area other than rural or urban, an unknown indicator
        code (the message lists the valid ones), or an unknown standard.
    """
    return load_standard(standard).classify(income_per_person_month, area, deprivations)


def classify_households(
    df: pd.DataFrame,
    standard=DEFAULT_STANDARD,
    income: str = "income_per_person_month",
    area: str = "area",
    deprivations: str = "deprivations",
    undetermined: str = "raise",
) -> pd.Series:
    """Classify every household of a frame.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per household with an income column, an area column and either a count column
        (``deprivations``) or one true/false column per indicator code of the standard.
    standard : str or Standard
        As in :func:`classify`.
    income, area, deprivations : str
        Column names.
    undetermined : {"raise", "mark"}
        What to do with households the sourced rules do not place: raise :class:`NotSourcedError`
        (default) or give them the category ``"undetermined"``.

    Returns
    -------
    pandas.Series
        Ordered categorical named ``category`` with the index of ``df``; its categories are those the
        standard can produce (:attr:`Standard.categories`).
    """
    return load_standard(standard).classify_frame(
        df, income=income, area=area, deprivations=deprivations, undetermined=undetermined
    )
