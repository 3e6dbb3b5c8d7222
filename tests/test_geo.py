"""Boundaries, the tile grid and the map helpers (no network: the pinned copy beside the repo, or none)."""

from __future__ import annotations

import shutil
import time

import geopandas as gpd
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from study import boundaries, maps, provinces, tiles
from tests.conftest import SHARED

SOURCE = SHARED / "data" / "geo" / "upstream" / "diaphantinh.json"
REFERENCE_63 = SHARED / "data" / "geo" / "vn_provinces_63.geojson"
needs_source = pytest.mark.skipif(not SOURCE.exists(), reason=f"no boundary copy at {SOURCE} (CI provides one)")


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    monkeypatch.setenv("STUDY_OFFLINE", "1")


@pytest.fixture(scope="module")
def layers():
    if not SOURCE.exists():
        pytest.skip(f"no boundary copy at {SOURCE}")
    return boundaries.layers(SOURCE, allow_download=False)


@needs_source
def test_two_layers_with_valid_unique_units(layers):
    g63, g34 = layers
    assert len(g63) == 63 and len(g34) == 34
    for layer, regime in ((g63, "63"), (g34, "34")):
        assert layer["code"].is_unique
        assert set(layer["code"]) == {u.code for u in provinces.units(regime)}
        assert layer.geometry.is_valid.all() and not layer.geometry.is_empty.any()
        assert layer.crs.to_epsg() == 4326


@needs_source
def test_dissolve_agrees_with_the_crosswalk(layers):
    g63, g34 = layers
    area63 = g63.to_crs(3405).set_index("code").area
    area34 = g34.to_crs(3405).set_index("code").area
    for unit in provinces.units("34"):
        parts = [p.code for p in provinces.predecessors(unit.code)]
        assert area34[unit.code] == pytest.approx(area63[parts].sum(), rel=1e-3), unit.name_vi
    assert int(g34.set_index("code").loc["80", "n_predecessors"]) == 2  # Long An + Tây Ninh


@needs_source
def test_areas_match_the_reference_derived_by_another_route(layers):
    if not REFERENCE_63.exists():
        pytest.skip("no reference file")
    g63, _ = layers
    reference = gpd.read_file(REFERENCE_63).to_crs(3405).set_index("code").area
    ours = g63.to_crs(3405).set_index("code").area
    assert ((ours / reference[ours.index] - 1).abs() < 0.01).all()


@needs_source
def test_archipelagos_are_kept(layers):
    g63, _ = layers
    for name, (code, box) in boundaries.ARCHIPELAGOS.items():
        geometry = g63.set_index("code").loc[code, "geometry"]
        assert geometry.intersects(gpd.GeoSeries.from_xy([sum(box[::2]) / 2], [sum(box[1::2]) / 2]).buffer(3)[0]), name
    assert g63.total_bounds[2] > 115  # Trường Sa reaches beyond 115 E


@needs_source
def test_hash_check_rejects_a_corrupted_copy(tmp_path):
    bad = tmp_path / boundaries.FILENAME
    shutil.copy(SOURCE, bad)
    with bad.open("ab") as handle:
        handle.write(b" ")
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.source_path(bad)
    message = str(info.value)
    assert str(bad) in message and boundaries.SHA256 in message


@needs_source
def test_source_misspellings_resolve_and_unknown_names_stop(tmp_path):
    frame = boundaries.read_source(SOURCE)
    assert set(frame["code"]) == {u.code for u in provinces.units("63")}
    assert {"Quản Bình", "Cần Thơn", "Kien Giang"} <= set(frame["name_src"])
    other = tmp_path / "other.geojson"
    broken = frame.rename(columns={"name_src": "name"}).drop(columns=["code"])
    broken.loc[0, "name"] = "Atlantis"
    broken.to_file(other, driver="GeoJSON")
    with pytest.raises(boundaries.BoundaryError, match="feature 0 .*Atlantis"):
        boundaries.read_source(other)


def test_download_that_cannot_connect_gives_up_fast(monkeypatch, tmp_path):
    # a local port where nothing listens stands in for "no network": no test touches the internet
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("STUDY_OFFLINE", raising=False)
    start = time.monotonic()
    with pytest.raises(boundaries.BoundaryError, match="download of .* (failed|did not finish)"):
        boundaries.download(timeout=2, url=f"http://127.0.0.1:{port}/{boundaries.FILENAME}")
    assert time.monotonic() - start < 10


def test_offline_switch_forbids_the_download(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path))
    with pytest.raises(boundaries.BoundaryError, match="STUDY_OFFLINE is set"):
        boundaries.download()


def test_build_succeeds_offline_without_boundaries(raw_copy, tmp_path, monkeypatch):
    from study import build

    monkeypatch.delenv("STUDY_BOUNDARIES", raising=False)
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    written = build.run(raw_copy, tmp_path / "out")
    assert not [p for p in written if p.name.startswith("boundaries_")]


@pytest.mark.parametrize("regime", ["63", "34"])
def test_every_unit_has_one_tile(regime):
    layout = tiles.load_tiles(regime)
    assert sorted(layout["code"]) == sorted(u.code for u in provinces.units(regime))
    assert not layout.duplicated(["row", "col"]).any()


@needs_source
@pytest.mark.parametrize(("regime", "floor"), [("63", 0.9), ("34", 0.9)])
def test_tile_grid_neighbour_score(layers, regime, floor, capsys):
    layer = layers[0] if regime == "63" else layers[1]
    result = tiles.score(tiles.load_tiles(regime), boundaries.neighbour_pairs(layer))
    with capsys.disabled():
        print(f"\ntile grid {regime}: {result['precision']:.3f} of grid-adjacent pairs are real neighbours; "
              f"{result['recall']:.3f} of real neighbour pairs are grid-adjacent")
    assert result["precision"] >= floor


def _values(codes_values):
    return pd.DataFrame({"province_code": list(codes_values), "value": list(codes_values.values())})


def test_missing_data_are_hatched_and_labelled(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(tmp_path))  # no boundaries: tile fallback
    data = _values({"20": 6.02, "46": 2.27, "27": None})
    fig, ax = plt.subplots()
    maps.choropleth(data, "value", layout="tiles", ax=ax, scheme=None)
    hatched = [p for p in [*ax.patches, *ax.collections] if p.get_hatch()]
    assert hatched, "provinces without data must be hatched"
    legend = ax.get_legend()
    assert "no data" in [t.get_text() for t in legend.get_texts()]
    plt.close(fig)


def test_geo_layout_falls_back_to_tiles_with_a_note(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(tmp_path))
    fig, ax = plt.subplots()
    maps.choropleth(_values({"20": 6.02}), "value", layout="geo", ax=ax, scheme=None)
    texts = [t.get_text() for t in fig.findobj(plt.Text)]
    assert any(maps.FALLBACK_NOTE in t for t in texts)
    assert any(tiles.ATTRIBUTION in t for t in texts)
    plt.close(fig)


def test_geo_map_carries_the_attribution(real_processed):
    if not boundaries.available("63"):
        pytest.skip("boundaries were not built (no source)")
    fig, ax = plt.subplots()
    maps.choropleth(_values({"20": 6.02, "46": 2.27}), "value", layout="geo", ax=ax, scheme=None)
    texts = [t.get_text() for t in fig.findobj(plt.Text)]
    assert any(boundaries.ATTRIBUTION in t for t in texts)
    plt.close(fig)


def test_aggregate_to_34_weights_by_households():
    # two parts of one new unit (Long An and Tây Ninh -> Tây Ninh, code 80 of the 34)
    panel = pd.DataFrame({
        "province_code": ["80", "72"], "year": [2023, 2023],
        "poor_households": [3654.0, 2000.0], "poor_rate_pct": [0.75, 0.5],
        "near_poor_households": [9026.0, None], "near_poor_rate_pct": [1.86, None],
        "total_households": [484930.0, 400000.0],
    })
    out = maps.aggregate_to_34(panel).set_index("province_code")
    row = out.loc["80"]
    expected = 100 * (3654 + 2000) / (484930 + 400000)
    assert row["poor_rate_pct"] == pytest.approx(expected, rel=1e-6)
    assert row["poor_rate_pct"] != pytest.approx((0.75 + 0.5) / 2)
    assert bool(row["complete"]) and row["coverage"] == 1


def test_aggregate_to_34_marks_partial_coverage():
    # Quảng Nam's real 2023 review figures; Đà Nẵng has none: the new Đà Nẵng is only half covered
    panel = pd.DataFrame({"province_code": ["49"], "year": [2023], "poor_households": [24669.0],
                          "poor_rate_pct": [5.57], "total_households": [442673.0],
                          "near_poor_households": [8402.0], "near_poor_rate_pct": [1.9]})
    row = maps.aggregate_to_34(panel).set_index("province_code").loc["48"]
    assert not bool(row["complete"]) and row["coverage"] == pytest.approx(0.5)
    assert "48" in str(row["parts_missing"])


def test_partly_covered_units_are_marked(monkeypatch, tmp_path):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(tmp_path))
    data = pd.DataFrame({"province_code": ["15", "20"], "value": [8.18, 3.36]})
    fig, ax = plt.subplots()
    maps.choropleth(data, "value", regime="34", layout="tiles", ax=ax, partial=pd.Series(["15"]))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "partial coverage" in labels
    assert any(c.get_hatch() == "..." for c in ax.collections)
    plt.close(fig)
