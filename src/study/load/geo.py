"""Loaders of the processed geometry: boundary layers and tile grids (written by ``study build``).

Examples
--------
>>> from study.load import geo
>>> geo.load_boundaries("34").shape  # doctest: +SKIP
(34, 4)
"""

from __future__ import annotations

import functools
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from study import paths
from study.registry.provinces import check_regime

TILE_SIZE = 0.92
"""Side of a drawn tile; the cell pitch is 1, so neighbouring tiles leave a small gap."""


class BoundariesUnavailableError(FileNotFoundError):
    """No boundary layer in the processed data: run ``study build``."""


def processed_path(regime="63") -> Path:
    """Return the path of the processed layer of ``regime``."""
    return Path(paths.processed_dir()) / f"boundaries_{check_regime(regime)}.parquet"


def available(regime="63") -> bool:
    """Return whether the processed boundary layer of ``regime`` exists (``study build`` made it)."""
    return processed_path(regime).exists()


@functools.lru_cache(maxsize=8)
def _read(path: str, mtime_ns: int) -> gpd.GeoDataFrame:
    return gpd.read_parquet(path)


def load_boundaries(regime="63") -> gpd.GeoDataFrame:
    """Return the boundary layer of a regime from the processed data.

    Parameters
    ----------
    regime : {"63", "34"}

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name_vi`` (and ``n_predecessors`` for the 34), ``geometry`` in EPSG:4326.

    Raises
    ------
    BoundariesUnavailableError
        If the layer was not built (no boundary source when ``study build`` ran).
    """
    path = processed_path(regime)
    if not path.exists():
        raise BoundariesUnavailableError(f"{path} does not exist: build the processed data with `study build`")
    return _read(str(path), path.stat().st_mtime_ns).copy()


def neighbour_pairs(frame: gpd.GeoDataFrame, *, tolerance: float = 1e-4, column: str = "code") -> set[tuple[str, str]]:
    """Return the pairs of units whose polygons touch or share a border (within ``tolerance`` degrees).

    Pairs are sorted tuples of codes, e.g. ``("01", "26")``.
    """
    geoms = shapely.buffer(np.asarray(frame.geometry.values), tolerance / 2)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    codes = frame[column].astype(str).to_numpy()
    return {tuple(sorted((codes[i], codes[j]))) for i, j in zip(left, right, strict=True) if i < j}


def load_tiles(regime="63") -> pd.DataFrame:
    """Return the tile layout of a regime (checked by the build).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``row``, ``col``, ``label``, ``name_vi``, one row per unit, sorted by code.
    """
    path = Path(paths.processed_dir()) / f"tiles_{check_regime(regime)}.parquet"
    if not path.exists():
        raise BoundariesUnavailableError(f"{path} does not exist: build the processed data with `study build`")
    frame = _read_table(str(path), path.stat().st_mtime_ns).copy()
    frame = frame.astype({"row": int, "col": int, "code": str, "label": str, "name_vi": str})
    return frame[["code", "row", "col", "label", "name_vi"]]


@functools.lru_cache(maxsize=8)
def _read_table(path: str, mtime_ns: int) -> pd.DataFrame:
    return pd.read_parquet(path)


def tile_frame(regime="63") -> gpd.GeoDataFrame:
    """Return the tiles as square polygons (x = column, y = minus row), for plotting like boundaries.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``name_vi``, ``label``, ``row``, ``col``, ``geometry`` (no CRS: grid units).
    """
    tiles = load_tiles(regime)
    half = TILE_SIZE / 2
    squares = shapely.box(tiles["col"] - half, -tiles["row"] - half, tiles["col"] + half, -tiles["row"] + half)
    return gpd.GeoDataFrame(tiles[["code", "name_vi", "label", "row", "col"]], geometry=squares)
