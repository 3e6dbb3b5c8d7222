"""Build step: province boundaries of the 63 and the 34 units, derived from one source kept in the repository.

The geometry is Open Development Mekong's "Địa phận tỉnh" (data of the Viet Nam Department of
Survey and Mapping, CC BY-SA 4.0), in the TopoJSON conversion ``data/diaphantinh.json`` of the
GitHub repository ``phamductu/vietnamese-provincial-icons`` at a pinned commit (:data:`URL`,
:data:`SHA256`). A copy is kept in ``data/raw/geo/`` (its origin, hash and licence in
``data/raw/geo/SOURCE.md`` and ``LICENSE-DATA.md``), so that maps need no network.
``STUDY_BOUNDARIES=PATH`` (or ``study build --boundaries PATH``) points at any other boundary file
(GeoJSON, TopoJSON, GeoPackage, Shapefile, ...) with a column of province names or GSO codes; names
are matched through the registry. A file named like the pinned one must have the pinned hash.

:func:`outputs` writes ``boundaries_63`` (``code``, ``name_vi``, ``geometry``) and ``boundaries_34``
(dissolved through the 2025 crosswalk; ``code``, ``name_vi``, ``n_predecessors``, ``geometry``) as
GeoParquet in EPSG:4326, both simplified with ``shapely.coverage_simplify`` so that neighbours keep
sharing their edges. Vietnam's offshore archipelagos stay in their provinces: Hoàng Sa in Đà Nẵng,
Trường Sa in Khánh Hòa. Loading the layers is :mod:`study.load.geo`'s job.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from study.build import geocheck
from study.build.base import LICENCE_BOUNDARIES, BuildError, Context, Output
from study.registry.geography import BOUNDARY_ATTRIBUTION as ATTRIBUTION
from study.registry.provinces import ProvinceNameError, Registry
from study.util.files import sha256_file

log = logging.getLogger(__name__)

FILENAME = "diaphantinh.json"
COMMIT = "8eb9ac1c0bec06cbc4e3311dfc430da8a67375cd"
URL = f"https://raw.githubusercontent.com/phamductu/vietnamese-provincial-icons/{COMMIT}/data/{FILENAME}"
SHA256 = "fb3c0294dc1951ebec6765937b9478e6ceca202f71622a81421407f51a4c0218"
SIZE = 691_302
ODM_URL = "https://data.vietnam.opendevelopmentmekong.net/dataset/a-phn-tnh"
TOLERANCE = 0.002
"""Coverage simplification tolerance in degrees (about 200 m)."""
GRID = 1e-6
"""Coordinates are rounded to this grid (degrees) before simplification."""

SOURCES = [
    {
        "title": "Open Development Mekong, Địa phận tỉnh (Viet Nam Department of Survey and Mapping), CC BY-SA 4.0",
        "path": ODM_URL,
    },
    {
        "title": f"TopoJSON conversion, phamductu/vietnamese-provincial-icons@{COMMIT[:7]} data/{FILENAME}, "
        f"sha256 {SHA256}",
        "path": URL,
    },
]
NAME_COLUMNS = (
    "ten_tinh",
    "name_vi",
    "name",
    "province",
    "tinh",
    "ten",
    "NAME_1",
    "name_1",
    "shapeName",
    "Name",
    "NAME",
    "ADM1_VI",
    "ADM1_EN",
    "VARNAME_1",
)
CODE_COLUMNS = ("code", "ma_tinh", "province_code", "ma", "gso_code", "MA_TINH")


class BoundaryError(BuildError):
    """A boundary file that cannot be used; the message names the file and what is wrong.

    A :class:`study.BuildError`, so that ``study build`` reports it like any bad raw input.
    """


# ---------------------------------------------------------------------------------------------
# the source file
# ---------------------------------------------------------------------------------------------
def check_pinned(path) -> Path:
    """Check that a file named like the pinned source has the pinned hash; return its path.

    Files with another name are returned unchecked (they are other boundary sources).

    Raises
    ------
    BoundaryError
        If the file does not exist, or is called ``diaphantinh.json`` but its sha256 is not :data:`SHA256`.
    """
    path = Path(path)
    if not path.exists():
        raise BoundaryError(f"{path}: boundary file not found")
    if path.name == FILENAME:
        actual = sha256_file(path)
        if actual != SHA256:
            raise BoundaryError(
                f"{path}: this file is named like the pinned boundary source ({FILENAME}, {SIZE:,} bytes) but "
                f"its sha256 differs: expected {SHA256}, actual {actual} ({path.stat().st_size:,} bytes). "
                f"Restore it from git, or give a file under another name."
            )
    return path


def source_path(raw_dir: Path, path=None) -> Path:
    """Return the checked boundary source: ``path``, else ``STUDY_BOUNDARIES``, else ``<raw>/geo/diaphantinh.json``.

    Raises
    ------
    BoundaryError
        If the file does not exist or fails the hash check.
    """
    given = path or os.environ.get("STUDY_BOUNDARIES") or None
    if given:
        given = Path(given).expanduser()
        if not given.exists():
            raise BoundaryError(
                f"{given}: boundary file not found (from {'the path argument' if path else 'STUDY_BOUNDARIES'})"
            )
        return check_pinned(given)
    return check_pinned(Path(raw_dir) / "geo" / FILENAME)


# ---------------------------------------------------------------------------------------------
# reading any boundary file
# ---------------------------------------------------------------------------------------------
def _pick_column(frame: pd.DataFrame, candidates) -> str | None:
    lower = {str(c).lower(): c for c in frame.columns}
    for name in candidates:
        if name.lower() in lower:
            return lower[name.lower()]
    return None


def read_source(path, registry: Registry) -> gpd.GeoDataFrame:
    """Read a boundary file and return one row per unit of the 63: ``code``, ``name_src``, ``geometry``.

    A column of two-digit GSO codes (``code``, ``ma_tinh``, ...) is used when all its values are
    codes of the 63; otherwise a name column (``ten_tinh``, ``name``, ``NAME_1``, ...) is resolved
    through :func:`study.registry.provinces.Registry.resolve`, which knows the source's misspellings. Several features
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
    codes: list[str] = []
    names: list[str] = []
    code_col = _pick_column(frame, CODE_COLUMNS)
    if code_col is not None:
        values = frame[code_col].astype(str).str.strip()
        if not values.str.fullmatch(r"\d{1,2}").all() or not set(values.str.zfill(2)) <= set(registry.units["63"]):
            code_col = None
    name_col = _pick_column(frame, NAME_COLUMNS)
    if code_col is None and name_col is None:
        raise BoundaryError(
            f"{path}: no province name or code column; expected one of "
            f"{', '.join(NAME_COLUMNS + CODE_COLUMNS)} (columns: {', '.join(map(str, frame.columns))})"
        )
    for position in range(len(frame)):
        if code_col is not None:
            code = str(frame[code_col].iloc[position]).strip().zfill(2)
            codes.append(code)
            names.append(str(frame[name_col].iloc[position]) if name_col else registry.units["63"][code].name_vi)
            continue
        raw = frame[name_col].iloc[position]
        try:
            unit = registry.resolve(str(raw) if raw is not None else "", "63")
        except ProvinceNameError as error:
            raise BoundaryError(f"{path}: feature {position} ({name_col}={raw!r}): {error}") from None
        codes.append(unit.code)
        names.append(str(raw))
    geometry = [_polygons(g) for g in frame.geometry]
    out = gpd.GeoDataFrame({"code": codes, "name_src": names}, geometry=geometry, crs="EPSG:4326")
    out = out[~out.geometry.is_empty]
    missing = sorted(set(registry.units["63"]) - set(out["code"]))
    if missing:
        raise BoundaryError(
            f"{path}: no polygon for {len(missing)} of the 63 units: "
            + ", ".join(f"{c} {registry.units['63'][c].name_vi}" for c in missing)
        )
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


def check_geometry(source: gpd.GeoDataFrame, registry: Registry, path, reference=None) -> None:
    """Refuse a layer that disagrees with known facts (:mod:`study.build.geocheck`).

    Parameters
    ----------
    source : geopandas.GeoDataFrame
        ``code`` and ``geometry`` of the 63 units, as :func:`read_source` returns them.
    registry : study.registry.provinces.Registry
        Names and regions.
    path : path-like
        The file, named in the message.
    reference : path-like, optional
        A trusted boundary file (the kept copy); its polygons are the reference for position and area.

    Raises
    ------
    BoundaryError
        Listing every failing province.
    """
    shapes = None
    if reference is not None and Path(reference).exists():
        ref = read_source(check_pinned(reference), registry)
        shapes = dict(zip(ref["code"], ref.geometry, strict=True))
    failing = geocheck.problems(source["code"], source.geometry, registry, shapes)
    if failing:
        raise BoundaryError(
            f"{path}: {len(failing)} province(s) fail the geometry checks (docs/data.md, "
            "study.build.geocheck):\n" + "\n".join(f"  - {p}" for p in failing)
        )


def layers(
    path, registry: Registry, *, tolerance: float = TOLERANCE, reference=None
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Return the 63- and 34-unit layers derived from a boundary source.

    Parameters
    ----------
    path : path-like
        Boundary file (see :func:`source_path`).
    registry : study.registry.provinces.Registry
        Names, codes and the crosswalk.
    tolerance : float
        Simplification tolerance in degrees.
    reference : path-like, optional
        A trusted boundary file for :func:`check_geometry` (the bounding box and region checks are
        always made).

    Returns
    -------
    (geopandas.GeoDataFrame, geopandas.GeoDataFrame)
        ``code, name_vi, geometry`` for the 63 and ``code, name_vi, n_predecessors, geometry`` for the
        34, EPSG:4326, sorted by code.
    """
    source = read_source(check_pinned(path), registry)
    check_geometry(source, registry, path, reference)
    g63 = gpd.GeoDataFrame(
        {
            "code": source["code"].astype("string"),
            "name_vi": pd.array([registry.units["63"][c].name_vi for c in source["code"]], dtype="string"),
        },
        geometry=simplify(source.geometry, tolerance).values,
        crs="EPSG:4326",
    )
    new_codes = [registry.successor_code[c] for c in g63["code"]]
    rows = []
    for new in sorted(registry.units["34"]):
        parts = [g for g, n in zip(g63.geometry, new_codes, strict=True) if n == new]
        rows.append(
            {
                "code": new,
                "name_vi": registry.units["34"][new].name_vi,
                "n_predecessors": len(parts),
                "geometry": _polygons(shapely.union_all(parts, grid_size=GRID)),
            }
        )
    g34 = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    g34["code"] = g34["code"].astype("string")
    g34["name_vi"] = g34["name_vi"].astype("string")
    g34["n_predecessors"] = g34["n_predecessors"].astype("Int64")
    return g63, g34


def outputs(ctx: Context) -> list[Output]:
    """``study build`` step: the boundary layers of the 63 and the 34 units.

    The source is ``STUDY_BOUNDARIES`` when set, else the copy kept in ``raw/geo`` (see
    :func:`source_path`). A given file that is missing or wrong stops the build with a
    :class:`BoundaryError`; a raw folder without the copy (a test tree) gets no layers, with a warning.

    Returns
    -------
    list of study.build.base.Output
        ``boundaries_63`` and ``boundaries_34`` (GeoParquet, CC BY-SA 4.0).
    """
    if not os.environ.get("STUDY_BOUNDARIES") and not (ctx.raw_dir / "geo" / FILENAME).exists():
        log.warning("%s: no boundary source; maps will draw the tile grid", ctx.raw_dir / "geo" / FILENAME)
        return []
    path = source_path(ctx.raw_dir)
    kept = ctx.raw_dir / "geo" / FILENAME
    reference = kept if kept.exists() and kept.resolve() != path.resolve() else None
    g63, g34 = layers(path, ctx.registry, reference=reference)
    sources = list(SOURCES)
    digest = sha256_file(path)
    if digest != SHA256:
        sources.append({"title": f"local boundary file {path.name} (sha256 {digest})", "path": str(path)})
    common = {
        "code": ("GSO code of the unit in this regime", ""),
        "name_vi": ("Vietnamese name", ""),
        "geometry": (f"polygon, lon/lat EPSG:4326, coverage-simplified (tolerance {TOLERANCE} degrees)", ""),
    }
    note = (
        f" Geometry simplified with shapely.coverage_simplify (tolerance {TOLERANCE} degrees), neighbours "
        "share edges; Hoàng Sa is part of Đà Nẵng and Trường Sa of Khánh Hòa. " + ATTRIBUTION + "."
    )
    return [
        Output(
            "boundaries_63",
            g63,
            "Boundaries of the 63 units in force 2008 - 30 June 2025." + note,
            common,
            sources,
            licence=LICENCE_BOUNDARIES,
            formats=("parquet",),
        ),
        Output(
            "boundaries_34",
            g34,
            "Boundaries of the 34 units in force since 1 July 2025, the 63 "
            "dissolved through the 2025 crosswalk." + note,
            {**common, "n_predecessors": ("number of units of the 63 merged into it", "units")},
            sources,
            licence=LICENCE_BOUNDARIES,
            formats=("parquet",),
        ),
    ]
