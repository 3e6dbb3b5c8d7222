"""The build's steps, in the order they run. Each is ``outputs(ctx) -> list[Output]`` (see :mod:`study.build.base`)."""

from __future__ import annotations

from collections.abc import Callable

from study.build import admin, aggregates, boundaries, documents, gso, programme, review, tiles
from study.build.base import Context, Output

STEPS: list[tuple[str, Callable[[Context], list[Output]]]] = [
    ("admin", admin.outputs),
    ("review", review.outputs),
    ("search log", review.search_log_outputs),
    ("aggregates", aggregates.outputs),
    ("gso", gso.outputs),
    ("documents", documents.outputs),
    ("programme", programme.outputs),
    ("standards", programme.standards_outputs),
    ("tiles", tiles.outputs),
    ("boundaries", boundaries.outputs),
]
"""(name, step) pairs; add a step here and nowhere else."""
