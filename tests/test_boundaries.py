"""Boundaries: the copy kept in the repository, its hash check, other files, the 63 and 34 layers.

Needs no network: the source is ``data/raw/geo/diaphantinh.json``; reference layers derived by
another route lie in ``../shared`` next to the repository (that test is skipped without them).
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from study import build, paths
from study.build import boundaries, save
from study.build.base import LICENCE_BOUNDARIES, Context
from study.load import geo
from study.registry import provinces
from study.registry.geography import ARCHIPELAGOS
from study.registry.provinces import Registry
from study.util.files import sha256_file

ROOT = Path(__file__).resolve().parents[1]
SHARED_GEO = ROOT.parent / "shared" / "data" / "geo"
UPSTREAM = ROOT / "data" / "raw" / "geo" / boundaries.FILENAME
REGISTRY = Registry(ROOT / "data" / "raw" / "admin")


@pytest.fixture(autouse=True)
def _no_setting(monkeypatch):
    monkeypatch.delenv("STUDY_BOUNDARIES", raising=False)


@pytest.fixture(scope="module")
def layers():
    return boundaries.layers(UPSTREAM, REGISTRY)


# ---------------------------------------------------------------------------------------------
# layers
# ---------------------------------------------------------------------------------------------
def test_layers_have_every_unit_once(layers):
    g63, g34 = layers
    assert len(g63) == 63 and len(g34) == 34
    assert g63["code"].is_unique and g34["code"].is_unique
    assert set(g63["code"]) == {u.code for u in provinces.units("63")}
    assert set(g34["code"]) == {u.code for u in provinces.units("34")}
    assert list(g63.columns) == ["code", "name_vi", "geometry"]
    assert list(g34.columns) == ["code", "name_vi", "n_predecessors", "geometry"]
    assert g63.crs.to_epsg() == 4326 and g34.crs.to_epsg() == 4326
    assert g63.loc[g63["code"] == "44", "name_vi"].item() == "Quảng Bình"


def test_geometries_valid_and_neighbours_share_edges(layers):
    for frame in layers:
        assert frame.geometry.is_valid.all()
        assert not frame.geometry.is_empty.any()
        assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
        assert shapely.coverage_is_valid(frame.geometry.values)  # no overlaps, edges match


def test_dissolve_agrees_with_crosswalk(layers):
    g63, g34 = layers
    areas63 = g63.to_crs(6933).set_index("code").area
    areas34 = g34.to_crs(6933).set_index("code").area
    for row in g34.itertuples():
        parts = [u.code for u in provinces.predecessors(row.code)]
        assert row.n_predecessors == len(parts)
        assert row.name_vi == provinces.get(row.code, "34").name_vi
        assert areas34[row.code] == pytest.approx(areas63[parts].sum(), rel=1e-6)
        union = shapely.union_all(g63.set_index("code").geometry[parts].values)
        assert shapely.symmetric_difference(union, g34.set_index("code").geometry[row.code]).area < 1e-6


@pytest.mark.skipif(not (SHARED_GEO / "vn_provinces_63.geojson").exists(), reason="reference layers absent")
def test_areas_agree_with_reference_files(layers):
    for frame, name in zip(layers, ("vn_provinces_63.geojson", "vn_provinces_34.geojson"), strict=True):
        reference = gpd.read_file(SHARED_GEO / name).to_crs(6933).set_index("code").area
        ours = frame.to_crs(6933).set_index("code").area
        assert set(ours.index) == set(reference.index)
        assert ((ours / reference[ours.index] - 1).abs() < 0.01).all()


def test_archipelagos_kept(layers):
    for frame in layers:
        by_code = frame.set_index("code").geometry
        for _name, (code, box) in ARCHIPELAGOS.items():
            assert by_code[code].intersects(shapely.box(*box))
        minx, miny, maxx, _ = frame.total_bounds
        assert maxx > 116.5 and miny < 7.5  # Trường Sa reaches ~116.9 E, ~7.0 N


def test_source_misspellings_resolve():
    source = boundaries.read_source(UPSTREAM, REGISTRY).set_index("code")
    assert source.loc["44", "name_src"] == "Quản Bình"
    assert source.loc["92", "name_src"] == "Cần Thơn"
    assert source.loc["79", "name_src"] == "TP. Hồ Chí Minh"
    assert source.loc["77", "name_src"] == "Bà Rịa -Vũng Tàu"


# ---------------------------------------------------------------------------------------------
# other boundary files
# ---------------------------------------------------------------------------------------------
def test_other_file_by_name_and_by_code(tmp_path):
    source = gpd.read_file(UPSTREAM)
    named = gpd.GeoDataFrame({"name": source["ten_tinh"]}, geometry=source.geometry, crs="EPSG:4326")
    path = tmp_path / "provinces.gpkg"
    named.to_file(path, engine="pyogrio")
    assert len(boundaries.read_source(path, REGISTRY)) == 63
    coded = gpd.GeoDataFrame(
        {"ma_tinh": [provinces.resolve(n).code for n in named["name"]]}, geometry=source.geometry, crs="EPSG:4326"
    )
    path = tmp_path / "provinces.geojson"
    coded.to_file(path, driver="GeoJSON", engine="pyogrio")
    assert set(boundaries.read_source(path, REGISTRY)["code"]) == {u.code for u in provinces.units("63")}


def test_unknown_name_is_a_clear_error(tmp_path):
    source = gpd.read_file(UPSTREAM)
    source = source.set_crs("EPSG:4326")
    source.loc[5, "ten_tinh"] = "Atlantis"
    path = tmp_path / "bad.geojson"
    source[["ten_tinh", "geometry"]].to_file(path, driver="GeoJSON", engine="pyogrio")
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.read_source(path, REGISTRY)
    message = str(info.value)
    assert str(path) in message and "feature 5" in message and "Atlantis" in message


# ---------------------------------------------------------------------------------------------
# the copy in the repository, other files
# ---------------------------------------------------------------------------------------------
def test_kept_copy_has_pinned_hash_and_licence_record():
    assert UPSTREAM.stat().st_size == boundaries.SIZE
    assert sha256_file(UPSTREAM) == boundaries.SHA256
    assert boundaries.source_path(UPSTREAM.parents[1]) == UPSTREAM
    record = (ROOT / "data" / "raw" / "geo" / "SOURCE.md").read_text(encoding="utf-8")
    assert boundaries.SHA256 in record and "CC BY-SA 4.0" in record
    assert boundaries.FILENAME in (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")


def test_corrupted_copy_rejected(tmp_path, monkeypatch):
    data = bytearray(UPSTREAM.read_bytes())
    data[1000] = ord("7") if data[1000] != ord("7") else ord("8")
    bad = tmp_path / boundaries.FILENAME
    bad.write_bytes(bytes(data))
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.source_path(tmp_path, bad)
    message = str(info.value)
    assert str(bad) in message
    assert boundaries.SHA256 in message and sha256_file(bad) in message
    monkeypatch.setenv("STUDY_BOUNDARIES", str(bad))
    with pytest.raises(build.BuildError, match="sha256"):  # a wrong file stops the build
        boundaries.outputs(Context(paths.raw_dir(), REGISTRY))


def test_missing_local_file_named(tmp_path, monkeypatch):
    with pytest.raises(boundaries.BoundaryError, match="not found"):
        boundaries.source_path(tmp_path, tmp_path / "nowhere.geojson")
    monkeypatch.setenv("STUDY_BOUNDARIES", str(tmp_path / "gone.geojson"))
    with pytest.raises(boundaries.BoundaryError, match="STUDY_BOUNDARIES"):
        boundaries.source_path(tmp_path)


# ---------------------------------------------------------------------------------------------
# build step and loader
# ---------------------------------------------------------------------------------------------
def test_build_step_writes_small_layers_and_loads_back(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(tmp_path / "processed"))
    assert not geo.available("63")
    with pytest.raises(geo.BoundariesUnavailableError, match="study build"):
        geo.load_boundaries("63")
    outputs = boundaries.outputs(Context(paths.raw_dir(), REGISTRY))
    written = save.write_all(outputs, tmp_path / "processed")
    names = {p.name for p in written}
    assert {"boundaries_63.parquet", "boundaries_34.parquet", "datapackage.json"} <= names
    for regime, n in (("63", 63), ("34", 34)):
        assert geo.available(regime)
        frame = geo.load_boundaries(regime)
        assert len(frame) == n and frame.crs.to_epsg() == 4326 and frame.geometry.is_valid.all()
        assert geo.processed_path(regime).stat().st_size < 600_000
    package = json.loads((tmp_path / "processed" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "boundaries_63-parquet")
    assert resource["licenses"] == [LICENCE_BOUNDARIES]
    assert any(s["path"] == boundaries.URL for s in resource["sources"])
    assert boundaries.SHA256 in json.dumps(resource["sources"])


def test_build_step_is_deterministic(tmp_path):
    digests = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        for output in boundaries.outputs(Context(paths.raw_dir(), REGISTRY)):
            save.write_frame(output, tmp_path / name)
        digests.append({p.name: sha256_file(p) for p in sorted((tmp_path / name).iterdir())})
    assert digests[0] == digests[1]
