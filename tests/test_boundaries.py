"""Boundaries: the pinned source, its hash check, offline behaviour, the 63 and 34 layers.

Needs no network: ``STUDY_BOUNDARIES`` points at the development copy in ``../shared`` next to the
repository (skipped with a reason when it is absent), and download tests use a local server that
never answers or an unresolvable host.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from study import boundaries, build, paths, provinces

ROOT = Path(__file__).resolve().parents[1]
SHARED_GEO = ROOT.parent / "shared" / "data" / "geo"
UPSTREAM = SHARED_GEO / "upstream" / boundaries.FILENAME
needs_source = pytest.mark.skipif(not UPSTREAM.exists(), reason=f"boundary source copy absent: {UPSTREAM}")


@pytest.fixture(autouse=True)
def _no_download(monkeypatch, tmp_path):
    """Never touch the network or the user's cache."""
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("STUDY_OFFLINE", "1")
    monkeypatch.delenv("STUDY_BOUNDARIES", raising=False)


@pytest.fixture(scope="module")
def layers():
    if not UPSTREAM.exists():
        pytest.skip(f"boundary source copy absent: {UPSTREAM}")
    return boundaries.layers(UPSTREAM, allow_download=False)


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
        for _name, (code, box) in boundaries.ARCHIPELAGOS.items():
            assert by_code[code].intersects(shapely.box(*box))
        minx, miny, maxx, _ = frame.total_bounds
        assert maxx > 116.5 and miny < 7.5  # Trường Sa reaches ~116.9 E, ~7.0 N


def test_source_misspellings_resolve():
    if not UPSTREAM.exists():
        pytest.skip(f"boundary source copy absent: {UPSTREAM}")
    source = boundaries.read_source(UPSTREAM).set_index("code")
    assert source.loc["44", "name_src"] == "Quản Bình"
    assert source.loc["92", "name_src"] == "Cần Thơn"
    assert source.loc["79", "name_src"] == "TP. Hồ Chí Minh"
    assert source.loc["77", "name_src"] == "Bà Rịa -Vũng Tàu"


# ---------------------------------------------------------------------------------------------
# other boundary files
# ---------------------------------------------------------------------------------------------
@needs_source
def test_other_file_by_name_and_by_code(tmp_path):
    source = gpd.read_file(UPSTREAM)
    named = gpd.GeoDataFrame({"name": source["ten_tinh"]}, geometry=source.geometry, crs="EPSG:4326")
    path = tmp_path / "provinces.gpkg"
    named.to_file(path, engine="pyogrio")
    assert len(boundaries.read_source(path)) == 63
    coded = gpd.GeoDataFrame({"ma_tinh": [provinces.resolve(n).code for n in named["name"]]},
                             geometry=source.geometry, crs="EPSG:4326")
    path = tmp_path / "provinces.geojson"
    coded.to_file(path, driver="GeoJSON", engine="pyogrio")
    assert set(boundaries.read_source(path)["code"]) == {u.code for u in provinces.units("63")}


@needs_source
def test_unknown_name_is_a_clear_error(tmp_path):
    source = gpd.read_file(UPSTREAM)
    source = source.set_crs("EPSG:4326")
    source.loc[5, "ten_tinh"] = "Atlantis"
    path = tmp_path / "bad.geojson"
    source[["ten_tinh", "geometry"]].to_file(path, driver="GeoJSON", engine="pyogrio")
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.read_source(path)
    message = str(info.value)
    assert str(path) in message and "feature 5" in message and "Atlantis" in message


# ---------------------------------------------------------------------------------------------
# hash check, download, offline
# ---------------------------------------------------------------------------------------------
@needs_source
def test_pinned_file_has_pinned_hash():
    assert UPSTREAM.stat().st_size == boundaries.SIZE
    assert boundaries.sha256(UPSTREAM) == boundaries.SHA256
    assert boundaries.check_pinned(UPSTREAM) == UPSTREAM


@needs_source
def test_corrupted_copy_rejected(tmp_path, monkeypatch):
    data = bytearray(UPSTREAM.read_bytes())
    data[1000] = ord("7") if data[1000] != ord("7") else ord("8")
    bad = tmp_path / boundaries.FILENAME
    bad.write_bytes(bytes(data))
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.source_path(bad)
    message = str(info.value)
    assert str(bad) in message
    assert boundaries.SHA256 in message and boundaries.sha256(bad) in message
    monkeypatch.setenv("STUDY_BOUNDARIES", str(bad))
    with pytest.raises(build.BuildError, match="sha256"):  # a wrong file stops the build
        boundaries.build_outputs(paths.raw_dir())


def test_missing_local_file_named(tmp_path):
    with pytest.raises(boundaries.BoundaryError, match="not found"):
        boundaries.source_path(tmp_path / "nowhere.geojson")


def test_offline_switch_forbids_download():
    start = time.perf_counter()
    with pytest.raises(boundaries.BoundaryError, match="STUDY_OFFLINE"):
        boundaries.download()
    assert time.perf_counter() - start < 1


def test_build_without_network_returns_nothing_quickly(monkeypatch, caplog):
    monkeypatch.delenv("STUDY_OFFLINE")
    monkeypatch.setattr(boundaries, "URL", "https://study-offline.invalid/diaphantinh.json")
    start = time.perf_counter()
    assert boundaries.build_outputs(paths.raw_dir()) == []
    assert time.perf_counter() - start < 10
    assert "boundaries unavailable" in caplog.text


def test_download_gives_up_on_a_silent_server(monkeypatch):
    """A server that accepts the connection and never answers: the timeout must end the download."""
    monkeypatch.delenv("STUDY_OFFLINE")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    held = []
    threading.Thread(target=lambda: held.append(server.accept()), daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/{boundaries.FILENAME}"
    start = time.perf_counter()
    with pytest.raises(boundaries.BoundaryError, match="failed|did not finish"):
        boundaries.download(timeout=1, url=url)
    assert time.perf_counter() - start < 10
    server.close()


# ---------------------------------------------------------------------------------------------
# build step and loader
# ---------------------------------------------------------------------------------------------
@needs_source
def test_build_step_writes_small_layers_and_loads_back(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDY_BOUNDARIES", str(UPSTREAM))
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(tmp_path / "processed"))
    assert not boundaries.available("63")
    with pytest.raises(boundaries.BoundariesUnavailableError, match="study build"):
        boundaries.load_boundaries("63")
    monkeypatch.setattr(build, "STEPS", [build.admin_outputs])  # build.run adds the boundary step itself
    written = build.run(paths.raw_dir(), tmp_path / "processed")
    names = {p.name for p in written}
    assert {"boundaries_63.parquet", "boundaries_34.parquet", "datapackage.json"} <= names
    for regime, n in (("63", 63), ("34", 34)):
        assert boundaries.available(regime)
        frame = boundaries.load_boundaries(regime)
        assert len(frame) == n and frame.crs.to_epsg() == 4326 and frame.geometry.is_valid.all()
        assert boundaries.processed_path(regime).stat().st_size < 600_000
    import json

    package = json.loads((tmp_path / "processed" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "boundaries_63-parquet")
    assert resource["licenses"] == [build.LICENCE_BOUNDARIES]
    assert any(s["path"] == boundaries.URL for s in resource["sources"])
    assert boundaries.SHA256 in json.dumps(resource["sources"])


@needs_source
def test_build_step_is_deterministic(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDY_BOUNDARIES", str(UPSTREAM))
    digests = []
    for name in ("a", "b"):
        for output in boundaries.build_outputs(paths.raw_dir()):
            (tmp_path / name).mkdir(exist_ok=True)
            build._write_frame(output, tmp_path / name)
        digests.append([boundaries.sha256(p) for p in sorted((tmp_path / name).iterdir())])
    assert digests[0] == digests[1]
