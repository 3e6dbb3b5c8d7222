"""Province boundaries: the pinned source, its checks, the 63- and 34-unit layers.

The geometry is Open Development Mekong's "Địa phận tỉnh" (data of the Viet Nam Department of
Survey and Mapping, CC BY-SA 4.0), in the TopoJSON conversion ``data/diaphantinh.json`` of the
GitHub repository ``phamductu/vietnamese-provincial-icons`` at a pinned commit (:data:`URL`,
:data:`SHA256`). The project never commits that file:

* ``STUDY_BOUNDARIES=PATH`` (or ``path=`` of :func:`source_path`) points at a local copy. A copy
  named like the pinned file (``diaphantinh.json``) must have the pinned sha256, or it is rejected.
  Any other boundary file (GeoJSON, TopoJSON, GeoPackage, Shapefile, ...) with a column of province
  names or GSO codes is accepted too; names are matched through :func:`study.provinces.resolve`.
* Otherwise the file is downloaded once with ``pooch`` into the cache (``STUDY_CACHE_DIR`` or the
  user cache folder), its hash checked. The download gives up after :data:`TIMEOUT` seconds, and
  ``STUDY_OFFLINE=1`` forbids it altogether.

:func:`build_outputs` is a ``study build`` step. It writes ``boundaries_63`` (``code``, ``name_vi``,
``geometry``) and ``boundaries_34`` (dissolved through the 2025 crosswalk; ``code``, ``name_vi``,
``n_predecessors``, ``geometry``) as GeoParquet in EPSG:4326, both simplified with
``shapely.coverage_simplify`` so that neighbours keep sharing their edges. Vietnam's offshore
archipelagos stay in their provinces: Hoàng Sa in Đà Nẵng, Trường Sa in Khánh Hòa. When no boundary
file can be had, the step logs a warning and returns nothing, and the build still succeeds;
:mod:`study.maps` then draws the tile grid.

Examples
--------
>>> from study import boundaries
>>> boundaries.available("63")  # doctest: +SKIP
True
>>> boundaries.load_boundaries("34").shape  # doctest: +SKIP
(34, 4)
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from study import build, paths, provinces
from study.provinces import ProvinceNameError

log = logging.getLogger(__name__)

FILENAME = "diaphantinh.json"
COMMIT = "8eb9ac1c0bec06cbc4e3311dfc430da8a67375cd"
URL = f"https://raw.githubusercontent.com/phamductu/vietnamese-provincial-icons/{COMMIT}/data/{FILENAME}"
SHA256 = "fb3c0294dc1951ebec6765937b9478e6ceca202f71622a81421407f51a4c0218"
SIZE = 691_302
ODM_URL = "https://data.vietnam.opendevelopmentmekong.net/dataset/a-phn-tnh"
ATTRIBUTION = "Boundaries: Open Development Mekong / Viet Nam Department of Survey and Mapping, CC BY-SA 4.0"
TIMEOUT = 5.0
"""Seconds a download may wait for the server (connect and read) before it gives up."""
TOLERANCE = 0.002
"""Coverage simplification tolerance in degrees (about 200 m)."""
GRID = 1e-6
"""Coordinates are rounded to this grid (degrees) before simplification."""
MAINLAND_BOX = (102.0, 8.0, 110.0, 24.0)
"""lon/lat box holding the mainland and near-shore islands; the archipelagos lie outside it."""
ARCHIPELAGOS = {"Hoàng Sa": ("48", (110.5, 15.0, 113.5, 17.5)), "Trường Sa": ("56", (111.0, 6.0, 117.5, 12.5))}
"""Name -> (code of the province holding it, in both regimes; lon/lat box)."""

SOURCES = [
    {"title": "Open Development Mekong, Địa phận tỉnh (Viet Nam Department of Survey and Mapping), CC BY-SA 4.0",
     "path": ODM_URL},
    {"title": f"TopoJSON conversion, phamductu/vietnamese-provincial-icons@{COMMIT[:7]} data/{FILENAME}, "
              f"sha256 {SHA256}", "path": URL},
]
NAME_COLUMNS = ("ten_tinh", "name_vi", "name", "province", "tinh", "ten", "NAME_1", "name_1", "shapeName",
                "Name", "NAME", "ADM1_VI", "ADM1_EN", "VARNAME_1")
CODE_COLUMNS = ("code", "ma_tinh", "province_code", "ma", "gso_code", "MA_TINH")


class BoundaryError(build.BuildError):
    """A boundary file that cannot be used; the message names the file and what is wrong.

    A :class:`study.build.BuildError`, so that ``study build`` reports it like any bad raw input.
    """


class BoundariesUnavailableError(FileNotFoundError):
    """No boundary layer: neither processed data nor a usable source file."""


# ---------------------------------------------------------------------------------------------
# the source file
# ---------------------------------------------------------------------------------------------
def sha256(path) -> str:
    """Return the hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_pinned(path) -> Path:
    """Check that a file named like the pinned source has the pinned hash; return its path.

    Files with another name are returned unchecked (they are other boundary sources).

    Raises
    ------
    BoundaryError
        If the file is called ``diaphantinh.json`` but its sha256 is not :data:`SHA256`.
    """
    path = Path(path)
    if path.name == FILENAME:
        actual = sha256(path)
        if actual != SHA256:
            raise BoundaryError(
                f"{path}: this file is named like the pinned boundary source ({FILENAME}, {SIZE:,} bytes) but "
                f"its sha256 differs: expected {SHA256}, actual {actual} ({path.stat().st_size:,} bytes). "
                f"Download it again from {URL}, or give a file under another name.")
    return path


def cache_dir() -> Path:
    """Return the download cache folder (``STUDY_CACHE_DIR`` or the user cache, e.g. ``~/.cache/study``)."""
    import pooch

    return Path(os.environ.get("STUDY_CACHE_DIR") or pooch.os_cache("study"))


def download(timeout: float = TIMEOUT, url: str | None = None) -> Path:
    """Download the pinned source into :func:`cache_dir` (once), check its hash and return its path.

    Parameters
    ----------
    timeout : float
        Seconds the HTTP request may wait for the server. The whole call is also cut off after
        ``2 * timeout + 5`` seconds, so that a resolver that does not answer cannot hang a build.
    url : str, optional
        Another address of the same file (a mirror); the hash must still match.

    Raises
    ------
    BoundaryError
        If ``STUDY_OFFLINE`` is set, the download fails or times out, or the hash differs.
    """
    import pooch

    if os.environ.get("STUDY_OFFLINE", "").strip() not in ("", "0"):
        raise BoundaryError(f"STUDY_OFFLINE is set: not downloading {URL}")
    target = cache_dir()
    cached = target / FILENAME
    if cached.exists() and sha256(cached) == SHA256:
        return cached
    result: dict = {}

    def work():
        try:
            downloader = pooch.HTTPDownloader(timeout=timeout, progressbar=False)
            result["path"] = pooch.retrieve(url or URL, known_hash=f"sha256:{SHA256}", fname=FILENAME,
                                            path=target, downloader=downloader, progressbar=False)
        except Exception as error:  # noqa: BLE001 - reported below with the URL
            result["error"] = error

    thread = threading.Thread(target=work, name="study-boundaries-download", daemon=True)
    thread.start()
    thread.join(2 * timeout + 5)
    if thread.is_alive():
        raise BoundaryError(f"download of {url or URL} did not finish within {2 * timeout + 5:.0f} s; "
                            "set STUDY_BOUNDARIES to a local copy")
    if "error" in result:
        error = result["error"]
        raise BoundaryError(f"download of {url or URL} failed ({type(error).__name__}: {error}); "
                            "set STUDY_BOUNDARIES to a local copy") from None
    return Path(result["path"])


def source_path(path=None, *, allow_download: bool = True, timeout: float = TIMEOUT) -> Path:
    """Return a checked boundary source file.

    Parameters
    ----------
    path : path-like, optional
        A local boundary file; defaults to ``STUDY_BOUNDARIES``, then to the cached or downloaded
        pinned file.
    allow_download : bool
        Whether to download the pinned file when no local copy is given.
    timeout : float
        Download timeout in seconds (see :func:`download`).

    Raises
    ------
    BoundaryError
        If the given file does not exist or fails the hash check, or the download fails.
    """
    given = path or os.environ.get("STUDY_BOUNDARIES") or None
    if given:
        given = Path(given).expanduser()
        if not given.exists():
            raise BoundaryError(f"{given}: boundary file not found (from "
                                f"{'the path argument' if path else 'STUDY_BOUNDARIES'})")
        return check_pinned(given)
    cached = cache_dir() / FILENAME
    if cached.exists():
        return check_pinned(cached)
    if not allow_download:
        raise BoundaryError(f"no boundary file: set STUDY_BOUNDARIES, or allow the download of {URL}")
    return download(timeout=timeout)


# ---------------------------------------------------------------------------------------------
# reading any boundary file
# ---------------------------------------------------------------------------------------------
def _pick_column(frame: pd.DataFrame, candidates) -> str | None:
    lower = {str(c).lower(): c for c in frame.columns}
    for name in candidates:
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def read_source(path) -> gpd.GeoDataFrame:
    """Read a boundary file and return one row per unit of the 63: ``code``, ``name_src``, ``geometry``.

    A column of two-digit GSO codes (``code``, ``ma_tinh``, ...) is used when all its values are
    codes of the 63; otherwise a name column (``ten_tinh``, ``name``, ``NAME_1``, ...) is resolved
    through :func:`study.provinces.resolve`, which knows the source's misspellings. Several features
    of one province are merged. Geometries are repaired, reduced to their polygons and put in
    EPSG:4326 (assumed when the file has no CRS, as TopoJSON files usually do).

    Raises
    ------
    BoundaryError
        If a name does not resolve (the message names the file, the feature and the closest names),
        if no usable column exists, or if provinces are missing.
    """
    path = Path(path)
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except Exception as error:  # noqa: BLE001 - any reader error means the same to the user
        raise BoundaryError(f"{path}: not a readable boundary file ({type(error).__name__}: {error})") from None
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    elif frame.crs.to_epsg() != 4326:
        frame = frame.to_crs("EPSG:4326")
    registry = provinces.registry()
    codes: list[str] = []
    names: list[str] = []
    code_col = _pick_column(frame, CODE_COLUMNS)
    if code_col is not None:
        values = frame[code_col].astype(str).str.strip()
        if not values.str.fullmatch(r"\d{1,2}").all() or not set(values.str.zfill(2)) <= set(registry.units["63"]):
            code_col = None
    name_col = _pick_column(frame, NAME_COLUMNS)
    if code_col is None and name_col is None:
        raise BoundaryError(f"{path}: no province name or code column; expected one of "
                            f"{', '.join(NAME_COLUMNS + CODE_COLUMNS)} (columns: {', '.join(map(str, frame.columns))})")
    for position in range(len(frame)):
        if code_col is not None:
            code = str(frame[code_col].iloc[position]).strip().zfill(2)
            codes.append(code)
            names.append(str(frame[name_col].iloc[position]) if name_col else registry.units["63"][code].name_vi)
            continue
        raw = frame[name_col].iloc[position]
        try:
            unit = provinces.resolve(str(raw) if raw is not None else "", "63")
        except ProvinceNameError as error:
            raise BoundaryError(f"{path}: feature {position} ({name_col}={raw!r}): {error}") from None
        codes.append(unit.code)
        names.append(str(raw))
    geometry = [_polygons(g) for g in frame.geometry]
    out = gpd.GeoDataFrame({"code": codes, "name_src": names}, geometry=geometry, crs="EPSG:4326")
    out = out[~out.geometry.is_empty]
    missing = sorted(set(registry.units["63"]) - set(out["code"]))
    if missing:
        raise BoundaryError(f"{path}: no polygon for {len(missing)} of the 63 units: "
                            + ", ".join(f"{c} {registry.units['63'][c].name_vi}" for c in missing))
    if out["code"].duplicated().any():
        out = out.dissolve("code", aggfunc={"name_src": lambda s: "; ".join(sorted(set(s)))}).reset_index()
        out["geometry"] = [_polygons(g) for g in out.geometry]
    return out.sort_values("code", ignore_index=True)[["code", "name_src", "geometry"]]


def _polygons(geometry):
    """Return the polygonal part of a repaired geometry (lines and points left by make_valid dropped)."""
    if geometry is None or geometry.is_empty:
        return shapely.MultiPolygon()
    geometry = shapely.make_valid(geometry)
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, shapely.Polygon | shapely.MultiPolygon)]
    parts = [q for p in parts for q in shapely.get_parts(p)]
    if not parts:
        return shapely.MultiPolygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


# ---------------------------------------------------------------------------------------------
# the two layers
# ---------------------------------------------------------------------------------------------
def simplify(geometries: gpd.GeoSeries, tolerance: float = TOLERANCE) -> gpd.GeoSeries:
    """Simplify a polygon coverage without opening gaps or overlaps between neighbours.

    The coordinates are rounded to :data:`GRID` and repaired; where two units overlap (the source has
    one sliver of about 1e-8 square degrees between Thái Nguyên and Bắc Giang) the overlap is removed
    from the unit that comes later. The units are then simplified together with
    ``shapely.coverage_simplify`` (shared edges are simplified once, identically for both sides) and
    repaired again.
    """
    rounded = shapely.set_precision(np.asarray(geometries.values), GRID)
    repaired = np.asarray([_polygons(g) for g in rounded], dtype=object)
    left, right = shapely.STRtree(repaired).query(repaired, predicate="overlaps")
    for i, j in zip(left, right, strict=True):  # slivers where the source overlaps: the later unit yields
        if i < j:
            repaired[j] = _polygons(shapely.difference(repaired[j], repaired[i], grid_size=GRID))
    simplified = shapely.coverage_simplify(np.asarray(repaired, dtype=object), tolerance)
    return gpd.GeoSeries([_polygons(g) for g in simplified], index=geometries.index, crs=geometries.crs)


def layers(path=None, *, tolerance: float = TOLERANCE, allow_download: bool = True
           ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Return the 63- and 34-unit layers derived from a boundary source.

    Parameters
    ----------
    path : path-like, optional
        Boundary file; see :func:`source_path` for the default.
    tolerance : float
        Simplification tolerance in degrees.
    allow_download : bool
        Whether the pinned file may be downloaded.

    Returns
    -------
    (geopandas.GeoDataFrame, geopandas.GeoDataFrame)
        ``code, name_vi, geometry`` for the 63 and ``code, name_vi, n_predecessors, geometry`` for the
        34, EPSG:4326, sorted by code.
    """
    source = read_source(source_path(path, allow_download=allow_download))
    registry = provinces.registry()
    g63 = gpd.GeoDataFrame({
        "code": source["code"].astype("string"),
        "name_vi": pd.array([registry.units["63"][c].name_vi for c in source["code"]], dtype="string"),
    }, geometry=simplify(source.geometry, tolerance).values, crs="EPSG:4326")
    new_codes = [registry.successor_code[c] for c in g63["code"]]
    rows = []
    for new in sorted(registry.units["34"]):
        parts = [g for g, n in zip(g63.geometry, new_codes, strict=True) if n == new]
        rows.append({"code": new, "name_vi": registry.units["34"][new].name_vi, "n_predecessors": len(parts),
                     "geometry": _polygons(shapely.union_all(parts, grid_size=GRID))})
    g34 = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    g34["code"] = g34["code"].astype("string")
    g34["name_vi"] = g34["name_vi"].astype("string")
    g34["n_predecessors"] = g34["n_predecessors"].astype("Int64")
    return g63, g34


def build_outputs(raw_dir: Path | None = None) -> list[build.Output]:
    """``study build`` step: the boundary layers, or nothing (with a warning) when no source is available.

    Parameters
    ----------
    raw_dir : path-like
        The raw data folder (unused: the source is outside the repository; see :func:`source_path`).

    Returns
    -------
    list of study.build.Output
        ``boundaries_63`` and ``boundaries_34`` (GeoParquet, CC BY-SA 4.0), or ``[]``.

    Raises
    ------
    BoundaryError
        If a boundary file is given but is wrong (bad hash, unknown name): a wrong file is an error,
        a missing one is not.
    """
    try:
        path = source_path()
    except BoundaryError as error:
        if os.environ.get("STUDY_BOUNDARIES"):
            raise
        log.warning("boundaries unavailable, maps will use the tile grid: %s", error)
        return []
    g63, g34 = layers(path)
    sources = list(SOURCES)
    if sha256(path) != SHA256:
        sources.append({"title": f"local boundary file {path.name} (sha256 {sha256(path)})", "path": str(path)})
    common = {"code": ("GSO code of the unit in this regime", ""), "name_vi": ("Vietnamese name", ""),
              "geometry": ("polygon, lon/lat EPSG:4326, coverage-simplified (tolerance "
                           f"{TOLERANCE} degrees)", "")}
    note = (f" Geometry simplified with shapely.coverage_simplify (tolerance {TOLERANCE} degrees), neighbours "
            "share edges; Hoàng Sa is part of Đà Nẵng and Trường Sa of Khánh Hòa. " + ATTRIBUTION + ".")
    return [
        build.Output("boundaries_63", g63, "Boundaries of the 63 units in force 2008 - 30 June 2025." + note,
                     common, sources, licence=build.LICENCE_BOUNDARIES, formats=("parquet",)),
        build.Output("boundaries_34", g34, "Boundaries of the 34 units in force since 1 July 2025, the 63 "
                     "dissolved through the 2025 crosswalk." + note,
                     {**common, "n_predecessors": ("number of units of the 63 merged into it", "units")},
                     sources, licence=build.LICENCE_BOUNDARIES, formats=("parquet",)),
    ]


# ---------------------------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------------------------
def processed_path(regime="63") -> Path:
    """Return the path of the processed layer of ``regime``."""
    return Path(paths.processed_dir()) / f"boundaries_{provinces.check_regime(regime)}.parquet"


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
        raise BoundariesUnavailableError(
            f"{path} does not exist: run `study build` with the boundary source available (STUDY_BOUNDARIES="
            f"a local copy of {FILENAME}, or network access to {URL}); maps fall back to the tile grid")
    return _read(str(path), path.stat().st_mtime_ns).copy()


def neighbour_pairs(frame: gpd.GeoDataFrame, *, tolerance: float = 1e-4, column: str = "code"
                    ) -> set[tuple[str, str]]:
    """Return the pairs of units whose polygons touch or share a border (within ``tolerance`` degrees).

    Pairs are sorted tuples of codes, e.g. ``("01", "26")``.
    """
    geoms = shapely.buffer(np.asarray(frame.geometry.values), tolerance / 2)
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    codes = frame[column].astype(str).to_numpy()
    return {tuple(sorted((codes[i], codes[j]))) for i, j in zip(left, right, strict=True) if i < j}

