"""Score the tile-grid layouts against the real province neighbours.

Prints, for the 63 and the 34 units, the share of grid-adjacent pairs (4-neighbourhood) that are real
neighbours (precision) and the share of real neighbour pairs that are grid-adjacent (recall).
Neighbours come from the boundary source kept in ``data/raw/geo`` (or ``STUDY_BOUNDARIES``).

Usage::

    .venv/bin/python benchmarks/tile_grid_score.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from study.build import boundaries
from study.load import geo
from study.registry.provinces import Registry
from study.tools import tilegrid

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def main() -> int:
    registry = Registry(RAW / "admin")
    start = time.perf_counter()
    g63, g34 = boundaries.layers(boundaries.source_path(RAW), registry)
    print(f"boundaries derived in {time.perf_counter() - start:.1f} s")
    print(f"{'regime':<7}{'tiles':>6}{'grid pairs':>12}{'real pairs':>12}{'both':>6}{'precision':>11}{'recall':>8}")
    for regime, frame in (("63", g63), ("34", g34)):
        layout = pd.read_csv(RAW / "geo" / f"tiles_{regime}.csv", dtype={"code": str})
        result = tilegrid.score(layout, geo.neighbour_pairs(frame))
        print(
            f"{regime:<7}{len(layout):>6}{result['grid_pairs']:>12}{result['neighbour_pairs']:>12}"
            f"{result['both']:>6}{result['precision']:>11.3f}{result['recall']:>8.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
