"""Tile-grid layouts: one tile per unit, no shared cell, connected, geographic, neighbour score."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from scipy.stats import spearmanr

from study import boundaries, provinces, tiles

ROOT = Path(__file__).resolve().parents[1]
SHARED_GEO = ROOT.parent / "shared" / "data" / "geo"
UPSTREAM = SHARED_GEO / "upstream" / boundaries.FILENAME
# Measured with benchmarks/tile_grid_score.py (63: 0.978 / 0.667, 34: 1.000 / 0.724); floors leave a margin.
FLOORS = {"63": (0.9, 0.6), "34": (0.9, 0.65)}


@pytest.mark.parametrize("regime", ["63", "34"])
def test_every_unit_has_exactly_one_tile_of_its_own(regime):
    layout = tiles.load_tiles(regime)
    assert sorted(layout["code"]) == sorted(u.code for u in provinces.units(regime))
    assert layout["code"].is_unique
    assert not layout[["row", "col"]].duplicated().any()
    assert layout["label"].is_unique
    assert layout["label"].str.fullmatch(r"[A-Z]{3}").all()
    assert (layout[["row", "col"]] >= 0).all().all()


@pytest.mark.parametrize("regime", ["63", "34"])
def test_layout_file_says_it_is_the_projects_own(regime):
    raw = pd.read_csv(tiles.layout_path(regime), dtype=str)
    assert list(raw.columns) == ["code", "row", "col", "label", "source"]
    assert raw["source"].str.contains("study project's own layout").all()


@pytest.mark.parametrize("regime", ["63", "34"])
def test_layout_is_one_piece_and_geographic(regime):
    layout = tiles.load_tiles(regime)
    assert tiles._pieces(set(zip(layout["row"], layout["col"], strict=True))) == 1
    reference = SHARED_GEO / f"vn_provinces_{regime}.geojson"
    if not reference.exists():
        pytest.skip(f"reference layer absent: {reference}")
    points = gpd.read_file(reference).set_index("code").clip_by_rect(*boundaries.MAINLAND_BOX)
    points = points.to_crs(3405).representative_point().to_crs(4326)
    layout = layout.set_index("code").loc[points.index]
    assert spearmanr(layout["row"], -points.y).statistic > 0.95  # north at the top
    assert spearmanr(layout["col"], points.x).statistic > 0.8  # west on the left


def test_check_rejects_bad_layouts():
    layout = tiles.load_tiles("63")
    with pytest.raises(tiles.TileLayoutError, match="cells holding two units"):
        tiles.check(layout.assign(row=0, col=0), "63")
    with pytest.raises(tiles.TileLayoutError, match="units without a tile: 01"):
        tiles.check(layout[layout["code"] != "01"], "63")
    with pytest.raises(tiles.TileLayoutError, match="more than one tile"):
        tiles.check(pd.concat([layout, layout.head(1).assign(row=99)]), "63")


def test_tiles_are_equal_squares():
    frame = tiles.tile_frame("63")
    assert frame.area.round(6).nunique() == 1
    small = frame.set_index("name_vi").area
    assert small["Bắc Ninh"] == small["Hưng Yên"] == small["Hà Nam"] == small["Nghệ An"]


def test_score_counts_pairs():
    layout = pd.DataFrame({"code": ["a", "b", "c"], "row": [0, 0, 1], "col": [0, 1, 0]})
    result = tiles.score(layout, {("a", "b"), ("b", "c")})
    assert result == {"precision": 0.5, "recall": 0.5, "grid_pairs": 2, "neighbour_pairs": 2, "both": 1}


@pytest.mark.skipif(not UPSTREAM.exists(), reason=f"boundary source copy absent: {UPSTREAM}")
@pytest.mark.parametrize("regime", ["63", "34"])
def test_neighbour_score_floor(regime, monkeypatch, tmp_path):
    monkeypatch.setenv("STUDY_OFFLINE", "1")
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path))
    g63, g34 = boundaries.layers(UPSTREAM, allow_download=False)
    frame = g63 if regime == "63" else g34
    result = tiles.score(tiles.load_tiles(regime), boundaries.neighbour_pairs(frame))
    precision, recall = FLOORS[regime]
    assert result["precision"] >= precision
    assert result["recall"] >= recall


def test_design_proposes_a_valid_layout():
    points = pd.DataFrame({"code": ["a", "b", "c", "d"], "lon": [0, 1, 0, 1], "lat": [1, 1, 0, 0]})
    layout = tiles.design(points, {("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")}, 2, 2, steps=200)
    assert not layout[["row", "col"]].duplicated().any()
    assert tiles.score(layout, {("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")})["precision"] == 1.0
