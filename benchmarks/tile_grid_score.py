"""Print how well the tile grids keep real neighbours together (63 and 34 units).

Usage: .venv/bin/python benchmarks/tile_grid_score.py [BOUNDARY_FILE]

Neighbours are computed from the boundaries (polygons that touch or share a border); a pair of
tiles is adjacent when the cells share a side. Two shares are printed: of the grid-adjacent pairs,
how many are real neighbours (precision), and of the real neighbour pairs, how many are
grid-adjacent (recall: a square grid cannot place a province next to all of its neighbours).
"""

from __future__ import annotations

import sys

from study import boundaries, tiles


def main(argv: list[str]) -> int:
    path = boundaries.source_path(argv[0] if argv else None, allow_download=True)
    g63, g34 = boundaries.layers(path)
    print(f"boundaries: {path}")
    print(f"{'units':>5}  {'grid pairs':>10}  {'real pairs':>10}  {'both':>5}  {'precision':>9}  {'recall':>6}")
    for regime, layer in (("63", g63), ("34", g34)):
        result = tiles.score(tiles.load_tiles(regime), boundaries.neighbour_pairs(layer))
        print(f"{regime:>5}  {result['grid_pairs']:>10}  {result['neighbour_pairs']:>10}  {result['both']:>5}  "
              f"{result['precision']:>9.3f}  {result['recall']:>6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
