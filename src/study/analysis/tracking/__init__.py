"""Targets against results: each target the documents or Decision 90/QĐ-TTg state, judged on the data.

Two modules:

* :mod:`~study.analysis.tracking.judge` — the rules: a level target or a fall, against a series of
  end-of-year figures, gives a :class:`Tracking` (status, reason, the figures it rests on);
* :mod:`~study.analysis.tracking.statements` — the coded facts and the programme's goals read into
  statements (one per distinct target) and judged with those rules.

Functions take frames (as :mod:`study.load` returns them) and return plain data; nothing here reads
files or writes words, so the narrative renders the result.
"""

from study.analysis.indicators import observable_facts
from study.analysis.tracking.judge import (
    COMPARATORS,
    LEVEL_INDICATORS,
    REDUCTION_OF,
    STATUSES,
    Tracking,
    annual_reduction_needed,
    meets,
    track_level_target,
    track_reduction_target,
    tracking_frame,
)
from study.analysis.tracking.statements import judge_fact, national_targets, province_targets, statements

__all__ = [
    "COMPARATORS",
    "LEVEL_INDICATORS",
    "REDUCTION_OF",
    "STATUSES",
    "Tracking",
    "annual_reduction_needed",
    "judge_fact",
    "meets",
    "national_targets",
    "observable_facts",
    "province_targets",
    "statements",
    "track_level_target",
    "track_reduction_target",
    "tracking_frame",
]
