"""Cross-checks of the review figures: what can be checked against what else a row or a series says.

Two checks stop the build (:class:`~study.build.base.BuildError`, every failing row listed with its
file and line), because a row that fails them holds a figure in the wrong column:

* **count ÷ total ≈ rate**: where a row gives a count (poor, near-poor, or both together), the total
  households and the matching rate, ``100 × count / total`` must be within :data:`RATE_TOLERANCE_PP`
  percentage points of the rate;
* **poor + near-poor = combined**: where a row gives all three counts, the sum must equal the
  combined count within :data:`COUNT_TOLERANCE` (relative, at least one household); where it gives all
  three rates, within :data:`RATE_TOLERANCE_PP`.

One check only flags (the figures may be right: a province's own revision, a change of standard):

* **year-on-year jumps** in the panel: a rate that moves by more than :data:`JUMP_PP` percentage
  points, or rises by more than :data:`RISE_PP`, from one year to the next, or a household count
  that rises by more than :data:`RISE_RATIO` times. The panel's ``review_flag`` column says which
  and the build prints a warning; swapped poor and near-poor columns show up this way.

The thresholds are documented in ``docs/data.md``.
"""

from __future__ import annotations

import logging

import pandas as pd

from study.build.base import BuildError

log = logging.getLogger(__name__)

RATE_TOLERANCE_PP = 0.1
"""Rates computed from counts, or summed, may differ from the stated rate by this many points (rounding)."""
COUNT_TOLERANCE = 0.001
"""poor + near-poor may differ from the combined count by this share of it (at least one household)."""
JUMP_PP = 5.0
"""A rate that moves by more than this many percentage points from one year to the next is flagged."""
RISE_PP = 1.5
"""A rate that rises by more than this many percentage points from one year to the next is flagged."""
RISE_RATIO = 1.5
"""A household count that grows by more than this factor from one year to the next is flagged."""

_TRIPLES = (
    ("poor_households", "poor_rate_pct"),
    ("near_poor_households", "near_poor_rate_pct"),
    ("poor_near_poor_households", "poor_near_poor_rate_pct"),
)
_SUMS = (
    ("poor_households", "near_poor_households", "poor_near_poor_households", "households"),
    ("poor_rate_pct", "near_poor_rate_pct", "poor_near_poor_rate_pct", "points"),
)
MAX_LISTED = 20


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def row_problems(row: dict) -> list[str]:
    """Return what is inconsistent within one raw row (empty when nothing is, or nothing can be checked)."""
    problems = []
    total = _num(row.get("total_households"))
    for count_col, rate_col in _TRIPLES:
        count, rate = _num(row.get(count_col)), _num(row.get(rate_col))
        if total and count is not None and rate is not None:
            computed = 100 * count / total
            if abs(computed - rate) > RATE_TOLERANCE_PP:
                problems.append(
                    f"{count_col} / total_households = {count:g} / {total:g} = {computed:.2f}%, but "
                    f"{rate_col} is {rate:g} (are two columns swapped?)"
                )
    for a_col, b_col, sum_col, unit in _SUMS:
        a, b, combined = _num(row.get(a_col)), _num(row.get(b_col)), _num(row.get(sum_col))
        if a is None or b is None or combined is None:
            continue
        tolerance = RATE_TOLERANCE_PP if unit == "points" else max(1.0, COUNT_TOLERANCE * combined)
        if abs(a + b - combined) > tolerance:
            problems.append(f"{a_col} + {b_col} = {a:g} + {b:g} = {a + b:g}, but {sum_col} is {combined:g}")
    return problems


def check_consistency(frame: pd.DataFrame, raw_dir) -> None:
    """Raise :class:`BuildError` listing every raw row whose counts, totals and rates disagree.

    Parameters
    ----------
    frame : pandas.DataFrame
        Validated raw rows with ``_file`` and ``_line``.
    raw_dir : path-like
        The raw folder, to name the files.
    """
    failures = []
    for row in frame.to_dict("records"):
        for problem in row_problems(row):
            failures.append(f"{raw_dir}/{row['_file']}, line {row['_line']}: {problem}")
    if failures:
        shown = failures[:MAX_LISTED]
        more = f"\n... and {len(failures) - len(shown)} more" if len(failures) > len(shown) else ""
        raise BuildError(
            f"{len(failures)} row(s) whose figures disagree with each other (tolerance "
            f"{RATE_TOLERANCE_PP} points for rates):\n" + "\n".join(shown) + more
        )


def flag_jumps(panel: pd.DataFrame) -> pd.DataFrame:
    """Return ``panel`` with a ``review_flag`` column naming year-on-year jumps, and log a warning.

    Consecutive years of one province and regime are compared; the flag is empty when nothing jumps.
    """
    panel = panel.copy()
    flags = [""] * len(panel)
    order = panel.sort_values(["regime", "province_code", "year"]).index
    previous = None
    for index in order:
        row = panel.loc[index]
        if (
            previous is not None
            and (previous["regime"], previous["province_code"]) == (row["regime"], row["province_code"])
            and int(row["year"]) - int(previous["year"]) == 1
        ):
            notes = []
            for column in ("poor_rate_pct", "near_poor_rate_pct", "poor_near_poor_rate_pct"):
                now, before = _num(row.get(column)), _num(previous.get(column))
                if now is None or before is None:
                    continue
                change = now - before
                if abs(change) > JUMP_PP or change > RISE_PP:
                    notes.append(f"{column} {change:+.2f} points since {int(previous['year'])}")
            for column in ("poor_households", "near_poor_households"):
                now, before = _num(row.get(column)), _num(previous.get(column))
                if now is not None and before and now > RISE_RATIO * before:
                    notes.append(f"{column} x{now / before:.2f} since {int(previous['year'])}")
            flags[panel.index.get_loc(index)] = "; ".join(notes)
        previous = row
    panel["review_flag"] = pd.array(flags, dtype="string")
    flagged = panel[panel["review_flag"] != ""]
    if len(flagged):
        log.warning(
            "%d province-year(s) flagged for review (year-on-year jumps beyond %g points, rises beyond "
            "%g points or x%g; see poverty_panel.review_flag): %s",
            len(flagged),
            JUMP_PP,
            RISE_PP,
            RISE_RATIO,
            "; ".join(f"{r.province} {r.year}: {r.review_flag}" for r in flagged.head(MAX_LISTED).itertuples()),
        )
    return panel
