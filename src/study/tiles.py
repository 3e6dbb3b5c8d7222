"""Tile-grid cartogram: every province one equal square, in rough geographic order.

The layouts are the project's own (``data/raw/geo/tiles_63.csv`` and ``tiles_34.csv``; columns
``code, row, col, label, source``; row 0 is the north, column 0 the west). They ship with the
project, need no boundary file, and give Bắc Ninh or Hưng Yên as much room as Gia Lai.

How they were made (see ``docs/maps.md``): the centroids of the province polygons were assigned to
grid cells by an optimal assignment (:func:`design`, ``scipy.optimize.linear_sum_assignment`` on the
squared distance to the scaled centroid), the assignment was improved by a simulated-annealing search
that rewards grid neighbours that are real neighbours, penalises those that are not, keeps tiles
near their geographic place and keeps the grid in one piece, and the result was tuned by hand.

Quality is measured by :func:`score`: the share of grid-adjacent pairs (4-neighbourhood) that are
real neighbours (``precision``) and the share of real neighbour pairs that are grid-adjacent
(``recall``). ``benchmarks/tile_grid_score.py`` prints both.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from study import paths, provinces

_SHIPPED = Path(__file__).resolve().parents[2] / "data" / "raw" / "geo"
SIZE = 0.92
"""Side of a drawn tile; the cell pitch is 1, so neighbouring tiles leave a small gap."""
ATTRIBUTION = "Tile grid: study project layout"


class TileLayoutError(ValueError):
    """A tile layout that misses a unit, repeats one or puts two units in one cell."""


def layout_path(regime="63") -> Path:
    """Return the CSV of the layout of ``regime`` (``<raw>/geo``, else the copy shipped with the package)."""
    name = f"tiles_{provinces.check_regime(regime)}.csv"
    path = paths.raw_dir() / "geo" / name
    return path if path.exists() else _SHIPPED / name


def load_tiles(regime="63") -> pd.DataFrame:
    """Return the tile layout of a regime, checked.

    Parameters
    ----------
    regime : {"63", "34"}

    Returns
    -------
    pandas.DataFrame
        ``code``, ``row``, ``col``, ``label``, ``name_vi``, one row per unit, sorted by code.

    Raises
    ------
    TileLayoutError
        If the layout does not give every unit exactly one cell of its own.
    """
    regime = provinces.check_regime(regime)
    path = layout_path(regime)
    frame = pd.read_csv(path, dtype={"code": str, "label": str}, encoding="utf-8")
    check(frame, regime, path)
    frame["name_vi"] = [provinces.get(c, regime).name_vi for c in frame["code"]]
    return frame[["code", "row", "col", "label", "name_vi"]].sort_values("code", ignore_index=True)


def check(frame: pd.DataFrame, regime="63", where="tile layout") -> None:
    """Raise :class:`TileLayoutError` unless every unit of ``regime`` has exactly one cell of its own."""
    regime = provinces.check_regime(regime)
    expected = {u.code for u in provinces.units(regime)}
    codes = frame["code"].astype(str)
    problems = []
    if codes.duplicated().any():
        problems.append("units with more than one tile: " + ", ".join(sorted(set(codes[codes.duplicated()]))))
    if set(codes) - expected:
        problems.append(f"codes that are not {regime}-unit codes: " + ", ".join(sorted(set(codes) - expected)))
    if expected - set(codes):
        problems.append("units without a tile: " + ", ".join(sorted(expected - set(codes))))
    cells = frame[["row", "col"]].astype(int).apply(tuple, axis=1)
    if cells.duplicated().any():
        shared = sorted(set(cells[cells.duplicated()]))
        problems.append("cells holding two units: " + ", ".join(
            f"{cell} ({', '.join(codes[cells == cell])})" for cell in shared))
    if frame["label"].astype(str).duplicated().any():
        problems.append("repeated labels")
    if problems:
        raise TileLayoutError(f"{where}: " + "; ".join(problems))


def tile_frame(regime="63") -> gpd.GeoDataFrame:
    """Return the tiles as square polygons (x = column, y = minus row), for plotting like boundaries.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name_vi``, ``label``, ``row``, ``col``, ``geometry`` (no CRS: grid units).
    """
    tiles = load_tiles(regime)
    half = SIZE / 2
    squares = shapely.box(tiles["col"] - half, -tiles["row"] - half, tiles["col"] + half, -tiles["row"] + half)
    return gpd.GeoDataFrame(tiles[["code", "name_vi", "label", "row", "col"]], geometry=squares)


def grid_pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """Return the pairs of codes whose cells share a side (4-neighbourhood), as sorted tuples."""
    where = {(int(r), int(c)): str(code) for code, r, c in zip(frame["code"], frame["row"], frame["col"],
                                                                 strict=True)}
    pairs = set()
    for (r, c), code in where.items():
        for other in (where.get((r + 1, c)), where.get((r, c + 1))):
            if other is not None:
                pairs.add(tuple(sorted((code, other))))
    return pairs


def score(frame: pd.DataFrame, neighbours: set[tuple[str, str]]) -> dict:
    """Score a layout against the real neighbour pairs.

    Parameters
    ----------
    frame : pandas.DataFrame
        A layout (``code``, ``row``, ``col``).
    neighbours : set of tuple
        Real neighbour pairs, e.g. from :func:`study.boundaries.neighbour_pairs`.

    Returns
    -------
    dict
        ``precision`` (share of grid-adjacent pairs that are real neighbours), ``recall`` (share of
        real neighbour pairs that are grid-adjacent), and the counts ``grid_pairs``,
        ``neighbour_pairs``, ``both``.
    """
    grid = grid_pairs(frame)
    real = {tuple(sorted(p)) for p in neighbours}
    both = grid & real
    return {"precision": len(both) / len(grid) if grid else float("nan"),
            "recall": len(both) / len(real) if real else float("nan"),
            "grid_pairs": len(grid), "neighbour_pairs": len(real), "both": len(both)}


def design(points: pd.DataFrame, neighbours: set[tuple[str, str]], n_rows: int, n_cols: int, *,
           distance_weight: float = 0.5, steps: int = 200_000, seed: int = 1) -> pd.DataFrame:
    """Propose a layout from centroids: optimal assignment, then an annealing search.

    This is the first stage of how the shipped layouts were made (they were then tuned by hand).

    Parameters
    ----------
    points : pandas.DataFrame
        ``code``, ``lon``, ``lat`` of a point inside each unit (mainland).
    neighbours : set of tuple
        Real neighbour pairs.
    n_rows, n_cols : int
        The grid to fill.
    distance_weight : float
        Weight of the squared distance of a tile from its scaled geographic place.
    steps : int
        Annealing steps.
    seed : int
        Random seed (the result is deterministic for a seed).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``row``, ``col``.
    """
    from scipy.optimize import linear_sum_assignment

    codes = points["code"].astype(str).tolist()
    n = len(codes)
    index = {c: i for i, c in enumerate(codes)}
    adjacent = np.zeros((n, n), dtype=bool)
    for a, b in neighbours:
        if a in index and b in index:
            adjacent[index[a], index[b]] = adjacent[index[b], index[a]] = True
    lon, lat = points["lon"].to_numpy(float), points["lat"].to_numpy(float)
    tx = (lon - lon.min()) / (np.ptp(lon) or 1) * (n_cols - 1)
    ty = (lat.max() - lat) / (np.ptp(lat) or 1) * (n_rows - 1)
    cells = [(r, c) for r in range(n_rows) for c in range(n_cols)]
    cost = np.array([[(r - ty[i]) ** 2 + (c - tx[i]) ** 2 for r, c in cells] for i in range(n)])
    _, assigned = linear_sum_assignment(cost)
    pos = {i: cells[assigned[i]] for i in range(n)}

    def objective(pos):
        where = {p: i for i, p in pos.items()}
        good = bad = 0
        for (r, c), i in where.items():
            for j in (where.get((r + 1, c)), where.get((r, c + 1))):
                if j is not None:
                    good, bad = (good + 1, bad) if adjacent[i, j] else (good, bad + 1)
        spread = sum((pos[i][0] - ty[i]) ** 2 + (pos[i][1] - tx[i]) ** 2 for i in pos)
        return 2 * good - bad - distance_weight * spread - 6 * (_pieces(set(pos.values())) - 1)

    rng = random.Random(seed)
    current = objective(pos)
    best = (current, dict(pos))
    for step in range(steps):
        temperature = 2.0 * (1 - step / steps) + 0.01
        i = rng.randrange(n)
        r, c = pos[i]
        target = (r + rng.randint(-2, 2), c + rng.randint(-2, 2))
        if not (0 <= target[0] < n_rows and 0 <= target[1] < n_cols) or target == (r, c):
            continue
        new = dict(pos)
        other = next((k for k, p in pos.items() if p == target), None)
        new[i] = target
        if other is not None:
            new[other] = (r, c)
        value = objective(new)
        if value >= current or rng.random() < math.exp((value - current) / temperature):
            pos, current = new, value
            if current > best[0]:
                best = (current, dict(pos))
    pos = best[1]
    r0, c0 = min(p[0] for p in pos.values()), min(p[1] for p in pos.values())
    return pd.DataFrame({"code": codes, "row": [pos[i][0] - r0 for i in range(n)],
                         "col": [pos[i][1] - c0 for i in range(n)]})


def _pieces(cells: set[tuple[int, int]]) -> int:
    """Return the number of 4-connected pieces of a set of cells."""
    seen: set[tuple[int, int]] = set()
    pieces = 0
    for start in cells:
        if start in seen:
            continue
        pieces += 1
        stack = [start]
        seen.add(start)
        while stack:
            r, c = stack.pop()
            for q in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if q in cells and q not in seen:
                    seen.add(q)
                    stack.append(q)
    return pieces
