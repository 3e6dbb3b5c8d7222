"""A household poverty standard built from sourced rows, and how it classifies households.

The classification follows the rules the sources state, and only those. When a rule is missing from
the data (the near-poor rule of the 2026-2030 decree, how deprivations count in a provincial
standard known only by its income lines), a household whose category depends on it is *not
determined*: :meth:`Standard.classify` raises :class:`NotSourcedError`, and
:meth:`Standard.classify_frame` raises too unless asked to mark such rows ``"undetermined"``.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from study.analysis.standard.rules import (
    AREAS,
    CATEGORIES,
    ITEMS,
    LINE_ROLES,
    MISSING_RULES,
    UNDETERMINED,
    NotSourcedError,
    StandardError,
    area_code,
    check_area,
    check_income,
    format_vnd,
    labels,
)

_ACT = re.compile(r"\b(?:NĐ|QĐ|NQ) \d+/\d{4}/[\wĐđ]+(?:-[\wĐđ]+)*")


@dataclass(frozen=True, eq=False)
class Standard:
    """A household poverty standard, built from data rows.

    Attributes
    ----------
    code : str
        ``"nd07_2021"``, ``"qd59_2015"``, ``"national_2026_2030"`` or a provincial code such as
        ``"dongnai_2022_2025"``.
    poverty_line : dict
        Income line per area (``"rural"``, ``"urban"``) in VND per person per month (a yearly line
        is divided by twelve; :attr:`unit` and :meth:`thresholds` keep the stated value).
    min_deprivations : int or None
        Deprivations at or above which a household under the multidimensional line is poor;
        ``None`` when the sources give no deprivation rule for the standard.
    near_poor_line : dict or None
        The upper income line of the near-poor group where the standard has one (Decision 59/2015, the
        provincial standards of Hồ Chí Minh City and Bình Dương); ``None`` for Decree 07/2021, where
        the poverty line itself is the multidimensional line.
    middle_income_upper : dict or None
        Upper bound of the middle-income band ("hộ có mức sống trung bình"); ``None`` where not sourced.
    near_poor_rule : bool
        Whether the near-poor rule (under the multidimensional line with fewer deprivations than
        :attr:`min_deprivations`) is sourced.
    n_indicators, n_dimensions : int or None
        Number of indicators and dimensions the legal text states.
    indicators : pandas.DataFrame
        One row per indicator: ``dimension_code``, ``dimension_vi``, ``dimension_en``,
        ``indicator_code``, ``indicator_vi``, ``indicator_en``, ``legal_basis``, ``source_url``.
    rows : pandas.DataFrame
        The rows of the standard tables for this standard, with ``file`` and ``line``.
    unit : str
        Unit of the stated income lines: ``"VND/person/month"`` or ``"VND/person/year"``.
    strict : bool
        True when the lines are strict bounds ("dưới": an income exactly on a line is above it).
    province : str or None
        The province that set the standard; ``None`` for a national standard.
    period : str or None
        The years the standard applies to, as the sources state them.
    """

    code: str
    poverty_line: dict
    min_deprivations: int | None
    near_poor_line: dict | None
    middle_income_upper: dict | None
    near_poor_rule: bool
    n_indicators: int | None
    n_dimensions: int | None
    indicators: pd.DataFrame
    rows: pd.DataFrame
    unit: str = "VND/person/month"
    strict: bool = False
    province: str | None = None
    period: str | None = None

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
        return (
            self.indicators.groupby(["dimension_code", "dimension_vi", "dimension_en"], sort=False)
            .size()
            .rename("indicators")
            .reset_index()
        )

    @property
    def max_deprivations(self) -> int | None:
        """The largest possible number of deprivations (the number of indicators), if known."""
        if self.n_indicators is not None:
            return self.n_indicators
        return len(self.indicators) or None

    @property
    def income_only_line(self) -> dict | None:
        """Line at or below which a household is poor on income alone (Decision 59/2015 shape only)."""
        if self.near_poor_line is not None and self.min_deprivations is not None:
            return self.poverty_line
        return None

    @property
    def multidimensional_line(self) -> dict:
        """The top of the poor and near-poor groups: where deprivations decide between the two."""
        return self.near_poor_line if self.near_poor_line is not None else self.poverty_line

    @property
    def missing(self) -> tuple[str, ...]:
        """The rules the sources do not give: ``"deprivation_rule"``, ``"near_poor_rule"``."""
        out = []
        if self.min_deprivations is None:
            out.append("deprivation_rule")
        if not self.near_poor_rule and not (self.min_deprivations is None and self.near_poor_line is not None):
            out.append("near_poor_rule")
        return tuple(out)

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories this standard can produce, from poorest to best-off (``undetermined`` last)."""
        k = self.min_deprivations
        possible = {
            "poor": k is not None,
            "near_poor": k is not None and self.near_poor_rule,
            "middle_income": self.middle_income_upper is not None,
            "not_poor": (
                self.near_poor_rule
                or self.middle_income_upper is not None
                or (k is None and self.near_poor_line is not None)
            ),
        }
        out = tuple(c for c in CATEGORIES if possible[c])
        return out + ((UNDETERMINED,) if self.missing else ())

    @property
    def legal_basis(self) -> str:
        """The legal bases named by the rows that define the income lines."""
        lines = self.rows[self.rows["item"].isin(ITEMS["poverty_line"])]
        return "; ".join(dict.fromkeys(lines["legal_basis"]))

    @property
    def act(self) -> str | None:
        """The number of the act named by the income-line rows (``"NĐ 07/2021/NĐ-CP"``), if any."""
        for text in self.rows.loc[self.rows["item"].isin(ITEMS["poverty_line"]), "legal_basis"]:
            match = _ACT.search(str(text))
            if match:
                return match.group(0)
        return None

    @property
    def label(self) -> str:
        """A short name: the act and period (national) or the province and period (provincial)."""
        head = self.province or self.act or self.code
        return f"{head} ({self.period})" if self.period else head

    @property
    def low_income_worker_upper(self) -> dict | None:
        """Income bound of the low-income worker criterion (Decree 30/2025 amending Decree 07/2021)."""
        rows = self.rows[self.rows["item"].isin(ITEMS["low_income_worker_upper"])]
        if rows.empty:
            return None
        values = {area_code(a) or a: float(v) for a, v in zip(rows["area"], rows["value"], strict=True)}
        return {a: values[a] for a in AREAS if a in values} or None

    def value(self, item: str) -> str | None:
        """Return the value of a one-row item of this standard (``"decree"``, ``"amended_by"``...)."""
        rows = self.rows[self.rows["item"] == item]
        return None if rows.empty else str(rows["value"].iloc[-1])

    def values(self, item: str) -> list[str]:
        """Return every distinct value of ``item`` for this standard, in file order."""
        return list(dict.fromkeys(self.rows.loc[self.rows["item"] == item, "value"].astype(str)))

    def stated(self, role: str, area: str) -> float | None:
        """Return a line as the source states it (in :attr:`unit`), or ``None``."""
        if getattr(self, role) is None:
            return None
        return float(self._row(role, area)["value"])

    def thresholds(self) -> pd.DataFrame:
        """Return the numbers the classification uses, one row per rule and area, with sources.

        Columns: ``rule``, ``area``, ``value`` (as stated), ``unit``, ``per_month`` (VND per person per
        month), ``legal_basis``, ``source_url``.
        """
        out = []
        for role in (*LINE_ROLES, "low_income_worker_upper"):
            values = getattr(self, role)
            if values is None:
                continue
            for area in AREAS:
                row = self._row(role, area)
                stated = float(row["value"])
                out.append(
                    {
                        "rule": role,
                        "area": area,
                        "value": stated,
                        "unit": row["unit"],
                        "per_month": float(values[area]),
                        "legal_basis": row["legal_basis"],
                        "source_url": row["source_url"],
                    }
                )
        if self.min_deprivations is not None:
            row = self._row("min_deprivations", "all")
            out.append(
                {
                    "rule": "min_deprivations",
                    "area": "all",
                    "value": float(self.min_deprivations),
                    "unit": row["unit"],
                    "per_month": float("nan"),
                    "legal_basis": row["legal_basis"],
                    "source_url": row["source_url"],
                }
            )
        return pd.DataFrame(out, columns=["rule", "area", "value", "unit", "per_month", "legal_basis", "source_url"])

    def _row(self, role: str, area: str) -> pd.Series:
        rows = self.rows[self.rows["item"].isin(ITEMS[role]) & self.rows["area"].isin([area, "all", ""])]
        return rows.iloc[0]

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
            isinstance(deprivations, numbers.Real) and float(deprivations).is_integer()
        ):
            number = int(deprivations)
            if number < 0:
                raise StandardError(f"deprivations is {number}: a count of deprivations cannot be negative")
            if self.max_deprivations is not None and number > self.max_deprivations:
                raise StandardError(
                    f"deprivations is {number}, but standard {self.code!r} has only {self.max_deprivations} indicators"
                )
            return number
        if isinstance(deprivations, str):
            raise StandardError(
                f"deprivations is the string {deprivations!r}: pass a count or a list of "
                f"indicator codes, e.g. [{deprivations!r}]"
            )
        if isinstance(deprivations, Mapping):
            self._check_codes(list(deprivations))
            return sum(1 for deprived in deprivations.values() if deprived)
        if isinstance(deprivations, Iterable):
            codes = list(deprivations)
            self._check_codes(codes)
            repeated = sorted({c for c in codes if codes.count(c) > 1})
            if repeated:
                raise StandardError(f"indicator code(s) {', '.join(repeated)} given more than once")
            return len(codes)
        raise StandardError(
            f"deprivations must be a count or a collection of indicator codes; got {type(deprivations).__name__}"
        )

    def _check_codes(self, codes: list) -> None:
        if not self.indicator_codes:
            raise StandardError(
                f"standard {self.code!r} has no indicator list in the programme tables "
                f"(dimensions_indicators*.csv); pass a count of deprivations instead"
            )
        unknown = [str(c) for c in codes if c not in self.indicator_codes]
        if unknown:
            raise StandardError(
                f"unknown indicator code(s) {', '.join(map(repr, unknown))} for standard "
                f"{self.code!r}; valid codes: {', '.join(self.indicator_codes)}"
            )

    def _under(self, income: float, line: float) -> bool:
        return income < line if self.strict else income <= line

    def decide(self, income: float, area: str, count: int) -> tuple[str, str | None, str | None]:
        """Return ``(category, missing rule, known)`` for checked input (see :meth:`classify`).

        ``category`` is ``"undetermined"`` when the sourced rules do not decide; ``missing rule`` then
        names the rule that would, and ``known`` is ``"not_poor"`` when the household is at least
        certainly not poor.
        """
        k = self.min_deprivations
        line = self.poverty_line[area]
        upper = None if self.near_poor_line is None else self.near_poor_line[area]
        middle = None if self.middle_income_upper is None else self.middle_income_upper[area]
        top = upper if upper is not None else line
        if k is None:  # only the income lines are sourced
            if self._under(income, top):
                return UNDETERMINED, "deprivation_rule", None
            if middle is not None and self._under(income, middle):
                return "middle_income", None, None
            if upper is not None or middle is not None:
                return "not_poor", None, None
            return UNDETERMINED, "near_poor_rule", "not_poor"
        if upper is not None and self._under(income, line):
            return "poor", None, None
        if self._under(income, top):
            if count >= k:
                return "poor", None, None
            if self.near_poor_rule:
                return "near_poor", None, None
            return UNDETERMINED, "near_poor_rule", "not_poor"
        if middle is not None and self._under(income, middle):
            return "middle_income", None, None
        if self.near_poor_rule or middle is not None:
            return "not_poor", None, None
        return UNDETERMINED, "near_poor_rule", "not_poor"

    def classify(self, income_per_person_month, area: str, deprivations) -> str:
        """Return the category of one household: ``poor``, ``near_poor``, ``middle_income`` or ``not_poor``.

        See :func:`study.analysis.standard.classify` for the parameters.

        Raises
        ------
        NotSourcedError
            When the category depends on a rule the sources do not give; the message says which rule
            and what is known (for example that the household is not poor).
        """
        income = check_income(income_per_person_month)
        area = check_area(area)
        count = self.count(deprivations)
        category, rule, known = self.decide(income, area, count)
        if category == UNDETERMINED:
            raise self._not_sourced(income, area, rule, known)
        return category

    def _not_sourced(self, income: float, area: str, rule: str, known: str | None) -> NotSourcedError:
        what = (
            "it is not poor, but whether it is near-poor or better is open"
            if known == "not_poor"
            else "not even whether it is poor"
        )
        message = (
            f"standard {self.code!r} ({self.label}) does not decide this household "
            f"({format_vnd(income)} per person per month, {area}): {MISSING_RULES[rule]}; "
            f"the sourced rules say {what}"
        )
        return NotSourcedError(message, self.code, rule, known)

    def classify_frame(
        self,
        df: pd.DataFrame,
        income: str = "income_per_person_month",
        area: str = "area",
        deprivations: str = "deprivations",
        undetermined: str = "raise",
    ) -> pd.Series:
        """Classify every row of ``df``; see :func:`study.analysis.standard.classify_households`."""
        if undetermined not in ("raise", "mark"):
            raise StandardError(f"undetermined must be 'raise' or 'mark'; got {undetermined!r}")
        for column in (income, area):
            if column not in df.columns:
                raise StandardError(f"column {column!r} is missing; the frame has {', '.join(map(str, df.columns))}")
        values = pd.to_numeric(df[income], errors="coerce").astype("float64")
        bad = values.isna() | ~np.isfinite(values)
        if bad.any():
            raise StandardError(
                f"column {income!r} is not a finite number in row(s) {labels(df.index[bad.to_numpy()])}"
            )
        negative = values < 0
        if negative.any():
            raise StandardError(
                f"column {income!r} is negative in row(s) "
                f"{labels(df.index[negative.to_numpy()])}: "
                "an income per person cannot be negative"
            )
        areas = df[area].map(area_code)
        if areas.isna().any():
            wrong = sorted({repr(v) for v in df.loc[areas.isna(), area]})
            raise StandardError(f"column {area!r} has {', '.join(wrong)}; expected 'rural' or 'urban'")
        counts = self._counts(df, deprivations)
        decided = [self.decide(x, a, c) for x, a, c in zip(values.to_numpy(), areas, counts.to_numpy(), strict=True)]
        result = np.array([d[0] for d in decided], dtype=object)
        open_rows = result == UNDETERMINED
        if open_rows.any() and undetermined == "raise":
            rules = sorted({d[1] for d in decided if d[0] == UNDETERMINED})
            raise NotSourcedError(
                f"standard {self.code!r} ({self.label}) does not decide row(s) {labels(df.index[open_rows])}: "
                f"{'; '.join(MISSING_RULES[r] for r in rules)}; pass undetermined='mark' to mark them "
                f"{UNDETERMINED!r}",
                self.code,
                rules[0],
                None,
            )
        return pd.Series(
            pd.Categorical(result, categories=list(self.categories), ordered=True), index=df.index, name="category"
        )

    def _counts(self, df: pd.DataFrame, deprivations: str) -> pd.Series:
        if deprivations in df.columns:
            counts = pd.to_numeric(df[deprivations], errors="coerce")
            bad = counts.isna() | (counts < 0) | (counts % 1 != 0)
            if self.max_deprivations is not None:
                bad |= counts > self.max_deprivations
            if bad.any():
                limit = f"0 to {self.max_deprivations}" if self.max_deprivations is not None else "0 or more"
                raise StandardError(
                    f"column {deprivations!r} must be a whole number {limit}; row(s) "
                    f"{labels(df.index[bad.to_numpy()])} are not"
                )
            return counts.astype(int)
        present = [c for c in self.indicator_codes if c in df.columns]
        if not present:
            valid = ", ".join(self.indicator_codes) or "(no indicator list)"
            raise StandardError(
                f"no column {deprivations!r} and no indicator columns: give a count column "
                f"or one true/false column per indicator; valid codes for {self.code!r}: "
                f"{valid}"
            )
        flags = df[present]
        if not all(
            pd.api.types.is_bool_dtype(flags[c]) or set(pd.unique(flags[c].dropna())) <= {0, 1} for c in present
        ):
            raise StandardError(f"indicator columns must hold true/false (or 0/1): {', '.join(present)}")
        return flags.fillna(False).astype(int).sum(axis=1)
