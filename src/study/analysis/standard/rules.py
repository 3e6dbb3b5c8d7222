"""Vocabulary, input checks and money formatting shared by the standard modules."""

from __future__ import annotations

import math
import numbers

from study.util.text import fold_words

AREAS = ("rural", "urban")
CATEGORIES = ("poor", "near_poor", "middle_income", "not_poor")
UNDETERMINED = "undetermined"
"""Category of a household that the sourced rules of a standard do not place (see :class:`NotSourcedError`)."""
DEFAULT_STANDARD = "nd07_2021"
NATIONAL = ("qd59_2015", "nd07_2021", "national_2026_2030")
"""The national standards in time order: 2016-2020, 2022-2025 (through 2026), 2027-2030."""
ALIASES = {"nd351_2025": "national_2026_2030", "nd07": "nd07_2021", "qd59": "qd59_2015"}
"""Other accepted names of standard codes."""
MISSING_RULES = {
    "deprivation_rule": "how deprivations enter the classification was not found in any stored source "
    "(only the income lines were)",
    "near_poor_rule": "the near-poor rule was not found in any stored source",
}
"""The rules a standard can lack, with the reason given in error messages."""

STANDARD_COLUMNS = ("standard", "item", "area", "value", "unit", "legal_basis", "source_url", "source_title", "note")
INDICATOR_COLUMNS = (
    "standard",
    "dimension_code",
    "dimension_vi",
    "dimension_en",
    "indicator_code",
    "indicator_vi",
    "indicator_en",
    "legal_basis",
    "source_url",
    "note",
)
# Files under data/raw/programme: the shared tables first, then supplements with the same columns.
STANDARD_FILES = ("poverty_standard*.csv", "standard_*.csv")
INDICATOR_FILES = ("dimensions_indicators*.csv",)

# Item names in the standard tables, with the spellings accepted for each role.
ITEMS = {
    "poverty_line": ("poverty_line_income", "poverty_line"),
    "near_poor_line": ("near_poor_income_upper", "near_poor_line"),
    "middle_income_upper": ("middle_income_upper_bound", "middle_income_upper"),
    "low_income_worker_upper": ("low_income_worker_income_upper",),
    "min_deprivations": ("poor_min_deprivations", "min_deprivations"),
    "near_poor_max_deprivations": ("near_poor_max_deprivations",),
    "n_indicators": ("indicators",),
    "n_dimensions": ("dimensions",),
}
LINE_ROLES = ("poverty_line", "near_poor_line", "middle_income_upper")
"""The income lines that decide a category, from the lowest."""
UNITS = {"VND/person/month": 1, "VND/person/year": 12}
"""Units of the income lines, with the number of months they cover."""
BOUNDS = {"at_or_below": False, "below": True}
"""Values of the ``income_bound`` item: whether an income exactly on a line is above it (strict)."""

_AREA_NAMES = {
    "rural": "rural",
    "nong thon": "rural",
    "nongthon": "rural",
    "urban": "urban",
    "thanh thi": "urban",
    "thanhthi": "urban",
    "do thi": "urban",
    "dothi": "urban",
}


class StandardError(ValueError):
    """Bad input to a classification, or standard data that are missing or contradictory."""


class NotSourcedError(StandardError):
    """The sourced rules of a standard do not decide the category of a household.

    Attributes
    ----------
    standard : str
        The code of the standard.
    rule : str
        The missing rule: ``"deprivation_rule"`` or ``"near_poor_rule"`` (see :data:`MISSING_RULES`).
    known : str or None
        What the sourced rules do say: ``"not_poor"`` when the household is certainly not poor (but
        whether it is near-poor or better is not sourced), ``None`` when even that is open.
    """

    def __init__(self, message: str, standard: str, rule: str, known: str | None):
        super().__init__(message)
        self.standard, self.rule, self.known = standard, rule, known


def check_income(value) -> float:
    """Return an income per person per month as a float, or raise :class:`StandardError`."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise StandardError(f"income per person per month must be a number of VND; got {value!r}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise StandardError(f"income per person per month must be a finite number; got {value!r}")
    if number < 0:
        raise StandardError(f"income per person per month is {value!r}: an income cannot be negative")
    return number


def check_area(value) -> str:
    """Return ``"rural"`` or ``"urban"`` (Vietnamese names accepted), or raise :class:`StandardError`."""
    area = area_code(value)
    if area is None:
        raise StandardError(f"unknown area {value!r}: expected 'rural' (nông thôn) or 'urban' (thành thị)")
    return area


def area_code(value) -> str | None:
    """Return ``"rural"``, ``"urban"`` or ``None`` for any spelling of an area name."""
    return _AREA_NAMES.get(fold_words(value)) if isinstance(value, str) else None


def format_vnd(value, lang: str = "en") -> str:
    """Format an amount of VND: ``1,500,000 VND`` (en) or ``1.500.000 đồng`` (vi)."""
    text = f"{round(float(value)):,}"
    return f"{text} VND" if lang == "en" else f"{text.replace(',', '.')} đồng"


def labels(index) -> str:
    """Return the first few labels of an index, for messages naming rows."""
    shown = [str(v) for v in list(index)[:5]]
    more = len(index) - len(shown)
    return ", ".join(shown) + (f" (and {more} more)" if more > 0 else "")
