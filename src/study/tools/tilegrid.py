"""Tools for making and scoring the tile-grid layouts (used by ``benchmarks/tile_grid_score.py``).

How the layouts were made (see ``docs/maps.md``): the centroids of the province polygons were
assigned to grid cells by an optimal assignment (:func:`design`, ``scipy.optimize.linear_sum_assignment``
on the squared distance to the scaled centroid), improved by a simulated-annealing search that rewards
grid neighbours that are real neighbours, and tuned by hand. :func:`score` measures the share of
grid-adjacent pairs (4-neighbourhood) that are real neighbours (``precision``) and the share of real
neighbour pairs that are grid-adjacent (``recall``).
"""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd


def grid_pairs(frame: pd.DataFrame) -> set[tuple[str, str]]:
    """Return the pairs of codes whose cells share a side (4-neighbourhood), as sorted tuples."""
    where = {(int(r), int(c)): str(code) for code, r, c in zip(frame["code"], frame["row"], frame["col"], strict=True)}
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
        Real neighbour pairs, e.g. from :func:`study.load.geo.neighbour_pairs`.

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
    return {
        "precision": len(both) / len(grid) if grid else float("nan"),
        "recall": len(both) / len(real) if real else float("nan"),
        "grid_pairs": len(grid),
        "neighbour_pairs": len(real),
        "both": len(both),
    }


def design(
    points: pd.DataFrame,
    neighbours: set[tuple[str, str]],
    n_rows: int,
    n_cols: int,
    *,
    distance_weight: float = 0.5,
    steps: int = 200_000,
    seed: int = 1,
) -> pd.DataFrame:
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
    return pd.DataFrame(
        {"code": codes, "row": [pos[i][0] - r0 for i in range(n)], "col": [pos[i][1] - c0 for i in range(n)]}
    )


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
