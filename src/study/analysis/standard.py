"""The national household poverty standards: thresholds as data, classification as code.

Two standards are modelled, each read from ``data/raw/programme`` with its legal source:

``nd07_2021``
    Decree 07/2021/NĐ-CP (27 January 2021), Article 3: the standard of 2022-2025 (extended to 2026).
    Six dimensions of basic social services measured by twelve deprivation indicators. A household
    whose monthly income per person is at or below the poverty line is *poor* when it is deprived in
    at least the minimum number of indicators (three), and *near-poor* when it is deprived in fewer.
    Above the line and up to an upper bound it is a *middle-income* household ("hộ có mức sống
    trung bình").
``qd59_2015``
    Decision 59/2015/QĐ-TTg (19 November 2015), Articles 1-2: the standard of 2016-2020 (extended to
    2021 by Article 2 of Decree 07/2021). Five dimensions, ten indicators. It has two income lines:
    a household at or below the lower line is *poor* on income alone; between the lower and the
    upper line it is *poor* with at least three deprivations and *near-poor* with fewer.

What the legal texts say about the boundaries (checked against the wording, cited here because the
code depends on it):

* "từ ... trở xuống" means "at or below": Decree 07/2021 defines the poor rural household as one with
  "thu nhập bình quân đầu người/tháng từ 1,5 triệu đồng trở xuống và thiếu hụt từ 3 chỉ số ... trở
  lên" (quoted by Lao động Thủ đô, https://laodongthudo.vn/quy-dinh-chuan-ngheo-da-chieu-giai-doan-
  2021-2025-119787.html), so an income exactly on the line is under it, and "từ 3 chỉ số trở lên"
  means three or more deprivations; the near-poor household has "thiếu hụt dưới 3 chỉ số" (fewer
  than three).
* The middle-income band is "trên 1,5 triệu đồng đến 2,25 triệu đồng" in rural areas and "trên 2
  triệu đồng đến 3 triệu đồng" in urban areas (Báo Lâm Đồng, 21/09/2023,
  https://baolamdong.vn/doi-song/202309/da-lat-tong-ra-soat-ho-ngheo-va-can-ngheo-1532a22/): above
  the line, up to and including the upper bound.
* Decision 59/2015, Article 2: the poor rural household has "thu nhập bình quân đầu người/tháng từ đủ
  700.000 đồng trở xuống", or "trên 700.000 đồng đến 1.000.000 đồng và thiếu hụt từ 03 chỉ số ... trở
  lên" (quoted by Thư viện Pháp luật, https://thuvienphapluat.vn/hoi-dap-phap-luat/4B89F-hd-tieu-chi-
  xac-dinh-ho-ngheo-tai-cac-dia-phuong-co-giong-nhau-khong.html); the near-poor rural household has
  "trên 700.000đ đến 1.000.000đ và thiếu hụt dưới 3 chỉ số" (Báo Vĩnh Long, 07/12/2017,
  http://baovinhlong.com.vn/ban-doc/phan-hoi/201712/tieu-chi-ho-ngheo-ho-can-ngheo-theo-quy-dinh-hien-
  nay-2868994/). Urban: 900.000 and 1.300.000 đồng in the same wording.
* The middle-income band of Decision 59/2015 could not be verified from a stored source, so the
  2016-2020 standard here has no middle-income category: households above its upper line are
  ``not_poor``.

Every number (lines, bounds, the minimum number of deprivations, the indicator list) comes from the
data files, never from this module. Missing or contradictory rows raise :class:`StandardError`
naming the file.

Examples
--------
>>> from study import standard
>>> standard.classify(1_500_000, "rural", 3)
'poor'
>>> standard.classify(1_500_000, "rural", 2)
'near_poor'
>>> standard.classify(1_500_001, "rural", 5)
'middle_income'
"""

from __future__ import annotations

import functools
import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from study import paths
from study.util.text import fold_words

AREAS = ("rural", "urban")
CATEGORIES = ("poor", "near_poor", "middle_income", "not_poor")
CATEGORY_LABELS = {
    "poor": ("hộ nghèo", "poor"),
    "near_poor": ("hộ cận nghèo", "near-poor"),
    "middle_income": ("hộ có mức sống trung bình", "middle-income"),
    "not_poor": ("không thuộc các nhóm trên", "above these groups"),
}
DEFAULT_STANDARD = "nd07_2021"

STANDARD_COLUMNS = ("standard", "item", "area", "value", "unit", "legal_basis", "source_url", "source_title",
                    "note")
INDICATOR_COLUMNS = ("standard", "dimension_code", "dimension_vi", "dimension_en", "indicator_code",
                     "indicator_vi", "indicator_en", "legal_basis", "source_url", "note")
# Files under data/raw/programme: the shared tables first, then supplements with the same columns.
STANDARD_FILES = ("poverty_standard*.csv", "standard_*.csv")
INDICATOR_FILES = ("dimensions_indicators*.csv",)

# Item names in poverty_standard.csv, with the spellings accepted for each role.
ITEMS = {
    "poverty_line": ("poverty_line_income", "poverty_line"),
    "near_poor_line": ("near_poor_income_upper", "near_poor_line"),
    "middle_income_upper": ("middle_income_upper_bound", "middle_income_upper"),
    "min_deprivations": ("poor_min_deprivations", "min_deprivations"),
    "near_poor_max_deprivations": ("near_poor_max_deprivations",),
    "n_indicators": ("indicators",),
    "n_dimensions": ("dimensions",),
}
_AREA_NAMES = {
    "rural": "rural", "nong thon": "rural", "nongthon": "rural",
    "urban": "urban", "thanh thi": "urban", "thanhthi": "urban", "do thi": "urban", "dothi": "urban",
}


class StandardError(ValueError):
    """Bad input to a classification, or standard data that are missing or contradictory."""


def programme_dir() -> Path:
    """Return the folder the standard tables are read from (the processed data, written by ``study build``)."""
    return paths.processed_dir()


@dataclass(frozen=True, eq=False)
class Standard:
    """A household poverty standard, built from data rows.

    Attributes
    ----------
    code : str
        ``"nd07_2021"`` or ``"qd59_2015"``.
    poverty_line : dict
        Income line per area (``"rural"``, ``"urban"``), VND per person per month.
    min_deprivations : int
        Deprivations (of the indicator list) at or above which a household under the
        multidimensional line is poor.
    near_poor_line : dict or None
        The upper income line of the 2016-2020 standard; ``None`` for Decree 07/2021, where the
        poverty line itself is the multidimensional line.
    middle_income_upper : dict or None
        Upper bound of the middle-income band; ``None`` where the source is not verified.
    n_indicators, n_dimensions : int or None
        Number of indicators and dimensions the legal text states.
    indicators : pandas.DataFrame
        One row per indicator: ``dimension_code``, ``dimension_vi``, ``dimension_en``,
        ``indicator_code``, ``indicator_vi``, ``indicator_en``, ``legal_basis``, ``source_url``.
    rows : pandas.DataFrame
        The rows of ``poverty_standard.csv`` (and supplements) for this standard, with ``file``.
    """

    code: str
    poverty_line: dict
    min_deprivations: int
    near_poor_line: dict | None
    middle_income_upper: dict | None
    n_indicators: int | None
    n_dimensions: int | None
    indicators: pd.DataFrame
    rows: pd.DataFrame

    # -- derived ---------------------------------------------------------------------------------
    @property
    def indicator_codes(self) -> tuple[str, ...]:
        """The indicator codes, in the order of the legal text."""
        return tuple(self.indicators["indicator_code"])

    @property
    def dimensions(self) -> pd.DataFrame:
        """One row per dimension with its number of indicators."""
        if self.indicators.empty:
            return pd.DataFrame(columns=["dimension_code", "dimension_vi", "dimension_en", "indicators"])
        return (self.indicators.groupby(["dimension_code", "dimension_vi", "dimension_en"], sort=False)
                .size().rename("indicators").reset_index())

    @property
    def max_deprivations(self) -> int | None:
        """The largest possible number of deprivations (the number of indicators), if known."""
        if self.n_indicators is not None:
            return self.n_indicators
        return len(self.indicators) or None

    @property
    def income_only_line(self) -> dict | None:
        """Line at or below which a household is poor on income alone (2016-2020 standard only)."""
        return self.poverty_line if self.near_poor_line is not None else None

    @property
    def multidimensional_line(self) -> dict:
        """Line at or below which deprivations decide between poor and near-poor."""
        return self.near_poor_line if self.near_poor_line is not None else self.poverty_line

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories this standard can produce, from poorest to best-off."""
        if self.middle_income_upper is None:
            return ("poor", "near_poor", "not_poor")
        return CATEGORIES

    @property
    def legal_basis(self) -> str:
        """The legal bases named by the rows that define the income lines."""
        lines = self.rows[self.rows["item"].isin(ITEMS["poverty_line"])]
        return "; ".join(dict.fromkeys(lines["legal_basis"]))

    def thresholds(self) -> pd.DataFrame:
        """Return the numbers the classification uses, one row per rule and area, with sources."""
        out = []
        roles = [("poverty_line", self.poverty_line), ("near_poor_line", self.near_poor_line),
                 ("middle_income_upper", self.middle_income_upper)]
        for role, values in roles:
            if values is None:
                continue
            for area in AREAS:
                row = self._row(role, area)
                out.append({"rule": role, "area": area, "value": int(values[area]), "unit": row["unit"],
                            "legal_basis": row["legal_basis"], "source_url": row["source_url"]})
        row = self._row("min_deprivations", "all")
        out.append({"rule": "min_deprivations", "area": "all", "value": self.min_deprivations,
                    "unit": row["unit"], "legal_basis": row["legal_basis"], "source_url": row["source_url"]})
        return pd.DataFrame(out)

    def _row(self, role: str, area: str) -> pd.Series:
        rows = self.rows[self.rows["item"].isin(ITEMS[role]) & self.rows["area"].isin([area, "all", ""])]
        return rows.iloc[0]

    def describe(self, lang: str = "en") -> list[str]:
        """Return the rule as sentences, every number printed from the data.

        Parameters
        ----------
        lang : {"en", "vi"}
            Language of the sentences.
        """
        if lang not in ("en", "vi"):
            raise StandardError(f"unknown language {lang!r}: expected 'en' or 'vi'")
        k = self.min_deprivations
        lines = []
        for area in AREAS:
            multi = format_vnd(self.multidimensional_line[area], lang)
            if lang == "en":
                text = f"{area}: "
                if self.income_only_line is not None:
                    low = format_vnd(self.income_only_line[area], lang)
                    text += (f"poor if income is at or below {low}; "
                             f"above that and at or below {multi}: poor with {k} or more deprivations, "
                             f"near-poor with fewer")
                else:
                    text += (f"income at or below {multi}: poor with {k} or more deprivations, "
                             f"near-poor with fewer")
                if self.middle_income_upper is not None:
                    text += (f"; above {multi} and at or below "
                             f"{format_vnd(self.middle_income_upper[area], lang)}: middle-income")
            else:
                name = {"rural": "nông thôn", "urban": "thành thị"}[area]
                text = f"{name}: "
                if self.income_only_line is not None:
                    text += (f"hộ nghèo nếu thu nhập từ {format_vnd(self.income_only_line[area], lang)} trở "
                             f"xuống; trên mức đó đến {multi}: hộ nghèo nếu thiếu hụt từ {k} chỉ số trở lên, "
                             f"hộ cận nghèo nếu thiếu hụt dưới {k} chỉ số")
                else:
                    text += (f"thu nhập từ {multi} trở xuống: hộ nghèo nếu thiếu hụt từ {k} chỉ số trở lên, "
                             f"hộ cận nghèo nếu thiếu hụt dưới {k} chỉ số")
                if self.middle_income_upper is not None:
                    text += (f"; trên {multi} đến {format_vnd(self.middle_income_upper[area], lang)}: "
                             "hộ có mức sống trung bình")
            lines.append(text)
        return lines

    # -- classification --------------------------------------------------------------------------
    def count(self, deprivations) -> int:
        """Return the number of deprivations, checking codes or count against this standard.

        Parameters
        ----------
        deprivations : int, collection of str, or mapping of str to bool
            A count, the codes of the indicators in which the household is deprived, or a mapping
            from indicator code to deprived (true) or not.

        Raises
        ------
        StandardError
            On an unknown indicator code (the message lists the valid ones), a repeated code, a
            negative or too large count, or a value of another type.
        """
        if isinstance(deprivations, bool):
            raise StandardError("deprivations must be a count or a collection of indicator codes, not a bool")
        if isinstance(deprivations, numbers.Integral) or (
                isinstance(deprivations, numbers.Real) and float(deprivations).is_integer()):
            number = int(deprivations)
            if number < 0:
                raise StandardError(f"deprivations is {number}: a count of deprivations cannot be negative")
            if self.max_deprivations is not None and number > self.max_deprivations:
                raise StandardError(f"deprivations is {number}, but standard {self.code!r} has only "
                                    f"{self.max_deprivations} indicators")
            return number
        if isinstance(deprivations, str):
            raise StandardError(f"deprivations is the string {deprivations!r}: pass a count or a list of "
                                f"indicator codes, e.g. [{deprivations!r}]")
        if isinstance(deprivations, Mapping):
            codes = [code for code, deprived in deprivations.items() if deprived]
            self._check_codes(list(deprivations))
            return len(codes)
        if isinstance(deprivations, Iterable):
            codes = list(deprivations)
            self._check_codes(codes)
            repeated = sorted({c for c in codes if codes.count(c) > 1})
            if repeated:
                raise StandardError(f"indicator code(s) {', '.join(repeated)} given more than once")
            return len(codes)
        raise StandardError(f"deprivations must be a count or a collection of indicator codes; got "
                            f"{type(deprivations).__name__}")

    def _check_codes(self, codes: list) -> None:
        if not self.indicator_codes:
            raise StandardError(f"standard {self.code!r} has no indicator list in {programme_dir()} "
                                f"(dimensions_indicators.csv); pass a count of deprivations instead")
        unknown = [str(c) for c in codes if c not in self.indicator_codes]
        if unknown:
            raise StandardError(f"unknown indicator code(s) {', '.join(map(repr, unknown))} for standard "
                                f"{self.code!r}; valid codes: {', '.join(self.indicator_codes)}")

    def classify(self, income_per_person_month, area: str, deprivations) -> str:
        """Return the category of one household: ``poor``, ``near_poor``, ``middle_income`` or ``not_poor``.

        See :func:`classify` for the parameters.
        """
        income = check_income(income_per_person_month)
        area = check_area(area)
        count = self.count(deprivations)
        if self.income_only_line is not None and income <= self.income_only_line[area]:
            return "poor"
        if income <= self.multidimensional_line[area]:
            return "poor" if count >= self.min_deprivations else "near_poor"
        if self.middle_income_upper is not None and income <= self.middle_income_upper[area]:
            return "middle_income"
        return "not_poor"

    def classify_frame(self, df: pd.DataFrame, income: str = "income_per_person_month", area: str = "area",
                       deprivations: str = "deprivations") -> pd.Series:
        """Vectorised :meth:`classify`; see :func:`classify_households`."""
        for column in (income, area):
            if column not in df.columns:
                raise StandardError(f"column {column!r} is missing; the frame has "
                                    f"{', '.join(map(str, df.columns))}")
        values = pd.to_numeric(df[income], errors="coerce").astype("float64")
        bad = values.isna() | ~np.isfinite(values)
        if bad.any():
            raise StandardError(f"column {income!r} is not a finite number in row(s) "
                                f"{_labels(df.index[bad.to_numpy()])}")
        negative = values < 0
        if negative.any():
            raise StandardError(f"column {income!r} is negative in row(s) "
                                f"{_labels(df.index[negative.to_numpy()])}: "
                                "an income per person cannot be negative")
        areas = df[area].map(lambda v: _AREA_NAMES.get(fold_words(v)) if isinstance(v, str) else None)
        if areas.isna().any():
            wrong = sorted({repr(v) for v in df.loc[areas.isna(), area]})
            raise StandardError(f"column {area!r} has {', '.join(wrong)}; expected 'rural' or 'urban'")
        counts = self._counts(df, deprivations)
        line = areas.map(self.multidimensional_line).astype("float64")
        result = np.full(len(df), "not_poor", dtype=object)
        if self.middle_income_upper is not None:
            upper = areas.map(self.middle_income_upper).astype("float64")
            result[(values <= upper).to_numpy()] = "middle_income"
        under = (values <= line).to_numpy()
        deprived = (counts >= self.min_deprivations).to_numpy()
        result[under & ~deprived] = "near_poor"
        result[under & deprived] = "poor"
        if self.income_only_line is not None:
            only = areas.map(self.income_only_line).astype("float64")
            result[(values <= only).to_numpy()] = "poor"
        return pd.Series(pd.Categorical(result, categories=list(self.categories), ordered=True),
                         index=df.index, name="category")

    def _counts(self, df: pd.DataFrame, deprivations: str) -> pd.Series:
        if deprivations in df.columns:
            counts = pd.to_numeric(df[deprivations], errors="coerce")
            bad = counts.isna() | (counts < 0) | (counts % 1 != 0)
            if self.max_deprivations is not None:
                bad |= counts > self.max_deprivations
            if bad.any():
                limit = f"0 to {self.max_deprivations}" if self.max_deprivations is not None else "0 or more"
                raise StandardError(f"column {deprivations!r} must be a whole number {limit}; row(s) "
                                    f"{_labels(df.index[bad.to_numpy()])} are not")
            return counts.astype(int)
        present = [c for c in self.indicator_codes if c in df.columns]
        if not present:
            valid = ", ".join(self.indicator_codes) or "(no indicator list)"
            raise StandardError(f"no column {deprivations!r} and no indicator columns: give a count column "
                                f"or one true/false column per indicator; valid codes for {self.code!r}: "
                                f"{valid}")
        flags = df[present]
        if not all(pd.api.types.is_bool_dtype(flags[c]) or set(pd.unique(flags[c].dropna())) <= {0, 1}
                   for c in present):
            raise StandardError(f"indicator columns must hold true/false (or 0/1): {', '.join(present)}")
        return flags.fillna(False).astype(int).sum(axis=1)


def _labels(index) -> str:
    labels = [str(v) for v in list(index)[:5]]
    more = len(index) - len(labels)
    return ", ".join(labels) + (f" (and {more} more)" if more > 0 else "")


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
    area = _AREA_NAMES.get(fold_words(value)) if isinstance(value, str) else None
    if area is None:
        raise StandardError(f"unknown area {value!r}: expected 'rural' (nông thôn) or 'urban' (thành thị)")
    return area


def format_vnd(value, lang: str = "en") -> str:
    """Format an amount of VND: ``1,500,000 VND`` (en) or ``1.500.000 đồng`` (vi)."""
    text = f"{round(float(value)):,}"
    return f"{text} VND" if lang == "en" else f"{text.replace(',', '.')} đồng"


# ---------------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------------
def _read(folder: Path, patterns: tuple[str, ...], columns: tuple[str, ...]) -> pd.DataFrame:
    from study.schema import read_csv_text

    files: list[Path] = []
    for pattern in patterns:
        files.extend(p for p in sorted(folder.glob(pattern)) if p not in files)
    frames = []
    for path in files:
        frame = read_csv_text(path)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise StandardError(f"{path}: missing column(s) {', '.join(missing)}; "
                                f"expected {', '.join(columns)}")
        if "file" in frame.columns and "line" in frame.columns:  # processed: the raw file and line kept
            place = frame[["file", "line"]].copy()
        else:
            place = pd.DataFrame({"file": path.name, "line": frame["_line"]})
        frame = frame[list(columns)].copy()
        frame["file"] = place["file"].to_numpy()
        frame["line"] = place["line"].to_numpy()
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*columns, "file", "line"])
    return pd.concat(frames, ignore_index=True)


def _number(row, what: str) -> float:
    try:
        value = float(row["value"])
    except ValueError:
        raise StandardError(f"{row['file']}, line {row['line']}: {what} has value {row['value']!r}; "
                            "expected a number without thousands separators") from None
    if not math.isfinite(value) or value < 0:
        raise StandardError(f"{row['file']}, line {row['line']}: {what} has value {row['value']!r}; "
                            "expected a number of zero or more")
    return value


def _values(rows: pd.DataFrame, code: str, role: str, per_area: bool, folder: Path):
    """Return {area: value} (or one value) of ``role``, or None when there is no row."""
    chosen = rows[rows["item"].isin(ITEMS[role])]
    if chosen.empty:
        return None
    out: dict[str, float] = {}
    seen: dict[str, tuple] = {}
    for _, row in chosen.iterrows():
        area = row["area"] or "all"
        if per_area and area not in AREAS:
            raise StandardError(f"{folder / row['file']}, line {row['line']}: {code} {row['item']} has area "
                                f"{area!r}; expected 'rural' or 'urban'")
        value = _number(row, f"{code} {row['item']}")
        if area in out and out[area] != value:
            first = seen[area]
            raise StandardError(f"{folder / row['file']}, line {row['line']}: {code} {row['item']} "
                                f"({area}) is "
                                f"{value:g}, but {first[0]}, line {first[1]} says {out[area]:g}")
        out.setdefault(area, value)
        seen.setdefault(area, (row["file"], row["line"]))
    if per_area:
        missing = [a for a in AREAS if a not in out]
        if missing:
            raise StandardError(f"{folder}: {code} {ITEMS[role][0]} has no row for area {', '.join(missing)}")
        return out
    if len(out) > 1 or "all" not in out:
        raise StandardError(f"{folder}: {code} {ITEMS[role][0]} should have one row with area 'all'")
    return out["all"]


@functools.lru_cache(maxsize=16)
def _load(folder: str, code: str, stamp: tuple) -> Standard:
    path = Path(folder)
    items = _read(path, STANDARD_FILES, STANDARD_COLUMNS)
    known = sorted(set(items["standard"]))
    rows = items[items["standard"] == code].reset_index(drop=True)
    if rows.empty:
        usable = [c for c in known if c in _complete(items)]
        raise StandardError(f"unknown standard {code!r}: {path} has rules for "
                            f"{', '.join(usable) or 'no standard'}")
    missing = [ITEMS[role][0] for role in ("poverty_line", "min_deprivations")
               if not rows["item"].isin(ITEMS[role]).any()]
    if missing:
        raise StandardError(f"standard {code!r} cannot classify households: {path} has no "
                            f"{' and no '.join(missing)} row for it")
    poverty_line = _values(rows, code, "poverty_line", True, path)
    minimum = _values(rows, code, "min_deprivations", False, path)
    near_max = _values(rows, code, "near_poor_max_deprivations", False, path)
    if near_max is not None and near_max != minimum:
        raise StandardError(f"{path}: {code} near_poor_max_deprivations ({near_max:g}) differs from "
                            f"poor_min_deprivations ({minimum:g}); the rule expects the same number")
    near_line = _values(rows, code, "near_poor_line", True, path)
    middle = _values(rows, code, "middle_income_upper", True, path)
    for area in AREAS:
        multi = (near_line or poverty_line)[area]
        if near_line is not None and near_line[area] <= poverty_line[area]:
            raise StandardError(f"{path}: {code} near-poor upper line ({area}) is not above the poverty line")
        if middle is not None and middle[area] <= multi:
            raise StandardError(f"{path}: {code} middle-income upper bound ({area}) is not above the "
                                f"multidimensional line")
    n_ind = _values(rows, code, "n_indicators", False, path)
    n_dim = _values(rows, code, "n_dimensions", False, path)
    indicators = _read(path, INDICATOR_FILES, INDICATOR_COLUMNS)
    indicators = indicators[indicators["standard"] == code]
    indicators = indicators.drop_duplicates("indicator_code").reset_index(drop=True)
    if not indicators.empty:
        if n_ind is not None and len(indicators) != n_ind:
            raise StandardError(f"{path}: {code} lists {len(indicators)} indicators but its 'indicators' row "
                                f"says {n_ind:g}")
        n_dims = indicators["dimension_code"].nunique()
        if n_dim is not None and n_dims != n_dim:
            raise StandardError(f"{path}: {code} lists {n_dims} dimensions but its 'dimensions' row "
                                f"says {n_dim:g}")
    if n_ind is not None and minimum > n_ind:
        raise StandardError(f"{path}: {code} needs {minimum:g} deprivations of only {n_ind:g} indicators")
    return Standard(
        code=code, poverty_line=poverty_line, min_deprivations=int(minimum), near_poor_line=near_line,
        middle_income_upper=middle, n_indicators=None if n_ind is None else int(n_ind),
        n_dimensions=None if n_dim is None else int(n_dim),
        indicators=indicators.drop(columns=["standard", "note", "file", "line"]), rows=rows,
    )


def _complete(items: pd.DataFrame) -> list[str]:
    out = []
    for code, rows in items.groupby("standard", sort=True):
        names = set(rows["item"])
        if names & set(ITEMS["poverty_line"]) and names & set(ITEMS["min_deprivations"]):
            out.append(code)
    return out


def _stamp(folder: Path) -> tuple:
    files = []
    for pattern in (*STANDARD_FILES, *INDICATOR_FILES):
        files.extend(sorted(folder.glob(pattern)))
    return tuple((p.name, p.stat().st_mtime_ns) for p in files)


def load_standard(code: str = DEFAULT_STANDARD, folder: Path | str | None = None) -> Standard:
    """Return the standard ``code`` built from the programme tables.

    Parameters
    ----------
    code : str
        ``"nd07_2021"`` (default) or ``"qd59_2015"``.
    folder : path-like, optional
        Folder holding ``poverty_standard.csv`` and ``dimensions_indicators.csv`` (and supplements
        ``standard_*.csv``, ``dimensions_indicators_*.csv`` with the same columns); defaults to
        ``<raw>/programme``.

    Raises
    ------
    StandardError
        For an unknown standard (the message names those available) or incomplete or contradictory
        data.
    """
    if isinstance(code, Standard):
        return code
    if not isinstance(code, str):
        raise StandardError(f"standard must be a code such as 'nd07_2021'; got {code!r}")
    path = Path(folder) if folder is not None else programme_dir()
    if not path.is_dir():
        raise StandardError(f"{path}: the folder of programme tables (poverty_standard.csv) does not exist")
    return _load(str(path), code.strip(), _stamp(path))


def available_standards(folder: Path | str | None = None) -> list[str]:
    """Return the codes of the standards whose data are complete enough to classify households."""
    path = Path(folder) if folder is not None else programme_dir()
    return _complete(_read(path, STANDARD_FILES, STANDARD_COLUMNS))


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
        ``"nd07_2021"`` (2022-2025, the default) or ``"qd59_2015"`` (2016-2020).

    Returns
    -------
    str
        ``"poor"``, ``"near_poor"``, ``"middle_income"`` (Decree 07/2021 only) or ``"not_poor"``.

    Raises
    ------
    StandardError
        On a negative or non-numeric income, an area other than rural or urban, an unknown indicator
        code (the message lists the valid ones), or an unknown standard.
    """
    return load_standard(standard).classify(income_per_person_month, area, deprivations)


def classify_households(df: pd.DataFrame, standard=DEFAULT_STANDARD, income: str = "income_per_person_month",
                        area: str = "area", deprivations: str = "deprivations") -> pd.Series:
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

    Returns
    -------
    pandas.Series
        Ordered categorical named ``category`` with the index of ``df``.
    """
    return load_standard(standard).classify_frame(df, income=income, area=area, deprivations=deprivations)


def category_counts(categories: pd.Series) -> pd.DataFrame:
    """Return households and shares (percent) per category, in the standard's order."""
    counts = categories.value_counts(sort=False)
    total = int(counts.sum())
    out = pd.DataFrame({"category": [str(c) for c in counts.index], "households": counts.to_numpy()})
    out["share_pct"] = (out["households"] / total * 100).round(1) if total else 0.0
    out["label_vi"] = out["category"].map(lambda c: CATEGORY_LABELS[c][0])
    return out


def lines_table(*standards) -> pd.DataFrame:
    """Return the income lines of one or more standards side by side, one row per area.

    Columns are named ``<code> <line>`` for the lines each standard has (income-only line,
    multidimensional line, middle-income bound), in VND per person per month.
    """
    columns = {}
    for item in standards or (DEFAULT_STANDARD,):
        std = load_standard(item)
        for name, values in (("poor on income alone", std.income_only_line),
                             ("multidimensional line", std.multidimensional_line),
                             ("middle-income up to", std.middle_income_upper)):
            if values is not None:
                columns[f"{std.code} {name}"] = [int(values[a]) for a in AREAS]
    return pd.DataFrame(columns, index=pd.Index(AREAS, name="area"))


def boundary_cases(std=DEFAULT_STANDARD) -> pd.DataFrame:
    """Return households placed exactly on each income boundary of a standard, and 1 VND above it.

    For every area and every line of the standard (the income-only line where there is one, the
    multidimensional line, the middle-income bound where there is one), two incomes (on the line,
    one VND above) are crossed with two deprivation counts (one fewer than the minimum, and the
    minimum). The incomes come from the data, so the table shows how the rule treats its edges.

    Returns
    -------
    pandas.DataFrame
        ``area``, ``boundary``, ``position``, ``income_per_person_month``, ``deprivations``,
        ``category``.
    """
    std = load_standard(std)
    lines = [("income-only line", std.income_only_line), ("multidimensional line", std.multidimensional_line),
             ("middle-income bound", std.middle_income_upper)]
    rows = []
    for area in AREAS:
        for name, values in lines:
            if values is None:
                continue
            for position, income in (("on it", values[area]), ("1 VND above", values[area] + 1)):
                for count in (std.min_deprivations - 1, std.min_deprivations):
                    rows.append({"area": area, "boundary": name, "position": position,
                                 "income_per_person_month": int(income), "deprivations": count})
    frame = pd.DataFrame(rows)
    frame["category"] = std.classify_frame(frame).astype(str)
    return frame


# ---------------------------------------------------------------------------------------------
# synthetic sample for teaching
# ---------------------------------------------------------------------------------------------
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
        The standard whose indicator codes name the deprivation columns.

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
            raise StandardError(f"standard {std.code!r} has neither an indicator list nor a number "
                                "of indicators")
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
    frame = pd.DataFrame({
        "household_id": [f"S{i:04d}" for i in range(1, n + 1)],
        "area": area,
        "household_size": size.astype(int),
        "income_per_person_month": income.astype(np.int64),
    })
    for j, code in enumerate(codes):
        frame[code] = deprived[:, j]
    frame["deprivations"] = deprived.sum(axis=1).astype(int)
    frame["synthetic"] = True
    return frame
