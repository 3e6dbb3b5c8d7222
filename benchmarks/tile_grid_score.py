"""Score the tile-grid layouts against the real province neighbours.

Prints, for the 63 and the 34 units, the share of grid-adjacent pairs (4-neighbourhood) that are real
neighbours (precision) and the share of real neighbour pairs that are grid-adjacent (recall).

Neighbours come from the boundary source: ``STUDY_BOUNDARIES``, else ``../shared/data/geo/upstream/
diaphantinh.json`` next to the repository, else the cached or downloaded pinned file.

Usage::

    .venv/bin/python benchmarks/tile_grid_score.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from study import boundaries, tiles

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "geo" / "upstream" / boundaries.FILENAME


def main() -> int:
    if not os.environ.get("STUDY_BOUNDARIES") and SHARED.exists():
        os.environ["STUDY_BOUNDARIES"] = str(SHARED)
    start = time.perf_counter()
    try:
        g63, g34 = boundaries.layers()
    except boundaries.BoundaryError as error:
        print(f"tile_grid_score: no boundaries ({error})", file=sys.stderr)
        return 2
    print(f"boundaries derived in {time.perf_counter() - start:.1f} s")
    print(f"{'regime':<7}{'tiles':>6}{'grid pairs':>12}{'real pairs':>12}{'both':>6}{'precision':>11}{'recall':>8}")
    for regime, frame in (("63", g63), ("34", g34)):
        layout = tiles.load_tiles(regime)
        result = tiles.score(layout, boundaries.neighbour_pairs(frame))
        print(f"{regime:<7}{len(layout):>6}{result['grid_pairs']:>12}{result['neighbour_pairs']:>12}"
              f"{result['both']:>6}{result['precision']:>11.3f}{result['recall']:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
