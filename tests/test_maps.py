"""Map helpers: choropleths, fallback to tiles, missing data, islands, locator, small multiples, 63 -> 34."""

from __future__ import annotations

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from study import paths  # noqa: E402
from study.build import admin, boundaries, save, tiles  # noqa: E402
from study.build.base import Context  # noqa: E402
from study.load import geo as geo_load  # noqa: E402
from study.present import maps  # noqa: E402
from study.registry import provinces  # noqa: E402
from study.registry.geography import BOUNDARY_ATTRIBUTION, MAINLAND_BOX, TILE_ATTRIBUTION  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
MISSING = ["27", "33", "35", "48", "56"]  # Bắc Ninh, Hưng Yên, Hà Nam, Đà Nẵng (Hoàng Sa), Khánh Hòa (Trường Sa)


def _processed(folder: Path, with_boundaries: bool) -> Path:
    """A processed folder with the registry and the tile grids, and the boundary layers if asked."""
    ctx = Context.for_folder(paths.raw_dir())
    outputs = admin.outputs(ctx) + tiles.outputs(ctx) + (boundaries.outputs(ctx) if with_boundaries else [])
    save.write_all(outputs, folder)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A processed folder holding the two boundary layers (built from the copy in data/raw/geo)."""
    return _processed(tmp_path_factory.mktemp("built") / "processed", True)


@pytest.fixture(scope="module")
def without_boundaries(tmp_path_factory):
    """A processed folder without boundary layers (as when a user's boundary file was unusable)."""
    return _processed(tmp_path_factory.mktemp("nogeo") / "processed", False)


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.delenv("STUDY_BOUNDARIES", raising=False)
    yield
    plt.close("all")


@pytest.fixture
def geo(built, monkeypatch):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(built))
    return built


@pytest.fixture
def no_geo(without_boundaries, monkeypatch):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(without_boundaries))


def sample(regime="63", missing=MISSING):
    codes = [u.code for u in provinces.units(regime)]
    values = np.linspace(0.5, 12.0, len(codes))
    frame = pd.DataFrame({"province_code": codes, "poor_rate_pct": values})
    frame.loc[frame["province_code"].isin(missing), "poor_rate_pct"] = np.nan
    return frame


def hatched(ax):
    return [c for c in ax.collections if c.get_hatch()]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def legend_labels(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


# ---------------------------------------------------------------------------------------------
# choropleth
# ---------------------------------------------------------------------------------------------
def test_geo_choropleth_missing_hatched_and_labelled(geo):
    data = sample().query("province_code != '01'")  # a province without a row is missing too
    ax = maps.choropleth(data, "poor_rate_pct", units="%", title="Tỷ lệ hộ nghèo")
    assert ax.get_label() == "study-map:geo"
    collections = hatched(ax)
    assert len(collections) == 1
    assert len(collections[0].get_paths()) >= len(MISSING) - 2 + 1  # mainland parts of the missing units
    assert collections[0].get_hatch() == maps.MISSING_STYLE["hatch"]
    assert legend_labels(ax)[-1] == "no data"
    assert ax.get_legend().legend_handles[-1].get_hatch() == maps.MISSING_STYLE["hatch"]
    assert BOUNDARY_ATTRIBUTION in "\n".join(texts(ax))
    assert maps.FALLBACK_NOTE not in "\n".join(texts(ax))


def test_missing_never_coloured_as_a_value(geo):
    data = sample()
    data["poor_rate_pct"] = data["poor_rate_pct"].fillna(0)  # zeros are values, not missing
    ax = maps.choropleth(data, "poor_rate_pct")
    assert not hatched(ax)
    assert "no data" not in legend_labels(ax)
    ax = maps.choropleth(sample(), "poor_rate_pct")
    filled = [c for c in ax.collections if not c.get_hatch()]
    assert sum(len(c.get_paths()) for c in filled) == 63 - len(MISSING)


def test_islands_in_inset_main_axes_mainland(geo):
    ax = maps.choropleth(sample(missing=[]), "poor_rate_pct")
    assert ax.get_xlim() == pytest.approx(maps.MAIN_XLIM) and ax.get_ylim() == pytest.approx(maps.MAIN_YLIM)
    for collection in ax.collections:
        for path in collection.get_paths():
            x, y = path.vertices[:, 0], path.vertices[:, 1]
            assert x.max() <= MAINLAND_BOX[2] + 1e-9 and y.min() >= MAINLAND_BOX[1] - 1e-9
    (inset,) = ax.child_axes
    assert len(inset.collections) == 2  # Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa), not dropped
    vertices = np.vstack([p.vertices for c in inset.collections for p in c.get_paths()])
    assert vertices[:, 0].max() > 116.5 and vertices[:, 1].min() < 7.5 and vertices[:, 1].max() > 16.5
    labels = [t.get_text() for t in inset.texts]
    assert "Hoàng Sa" in labels and "Trường Sa" in labels


def test_islands_take_their_province_colour_or_hatch(geo):
    ax = maps.choropleth(sample(), "poor_rate_pct")  # Đà Nẵng and Khánh Hòa missing
    (inset,) = ax.child_axes
    assert inset.collections and all(c.get_hatch() for c in inset.collections)


@pytest.mark.parametrize("scheme", ["fisher_jenks", "quantiles", "natural_breaks", "equal_interval"])
def test_schemes(geo, scheme):
    ax = maps.choropleth(sample(), "poor_rate_pct", scheme=scheme, k=4)
    labels = legend_labels(ax)
    assert len(labels) == 5 and labels[-1] == "no data"
    assert labels[-2].endswith("– 12")  # rounded breaks: the values span 0.5-12, so whole numbers


def test_unclassed_scale_has_colourbar(geo):
    ax = maps.choropleth(sample(), "poor_rate_pct", scheme=None)
    assert len(ax.figure.axes) == 2  # map and colour bar (the inset is a child axes)
    assert legend_labels(ax) == ["no data"]


def test_explicit_bins_and_few_values(geo):
    ax = maps.choropleth(sample(), "poor_rate_pct", bins=[2, 5, 10])
    assert legend_labels(ax)[:4] == ["0.5 – 2.0", "2.0 – 5.0", "5.0 – 10.0", "10.0 – 12.0"]
    flat = sample(missing=[]).assign(poor_rate_pct=1.0)
    ax = maps.choropleth(flat, "poor_rate_pct", k=5)
    assert legend_labels(ax) == ["1.0 – 1.0"]


def test_vietnamese_diacritics_render(geo):
    assert "DejaVu Sans" in plt.rcParams["font.sans-serif"]
    ax = maps.choropleth(
        sample(),
        "poor_rate_pct",
        title="Tỷ lệ hộ nghèo, Đắk Lắk, Thừa Thiên Huế",
        legend_title="Tỷ lệ (%)",
        note="Nguồn: Bộ LĐ-TB&XH",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning from the renderer
        ax.figure.canvas.draw()
    assert ax.get_title() == "Tỷ lệ hộ nghèo, Đắk Lắk, Thừa Thiên Huế"


def test_bad_data_rejected(geo):
    with pytest.raises(ValueError, match="more than one row"):
        maps.choropleth(pd.concat([sample(), sample()]), "poor_rate_pct")
    with pytest.raises(ValueError, match="not among the 34 units"):
        maps.choropleth(sample(), "poor_rate_pct", regime="34")
    with pytest.raises(ValueError, match="province_code"):
        maps.choropleth(pd.DataFrame({"x": [1]}), "x")
    with pytest.raises(ValueError, match="unknown layout"):
        maps.choropleth(sample(), "poor_rate_pct", layout="hexagons")


# ---------------------------------------------------------------------------------------------
# tiles and fallback
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("regime", ["63", "34"])
def test_tiles_render_without_boundaries(no_geo, regime):
    missing = ["27", "33"] if regime == "63" else ["24", "33"]
    ax = maps.choropleth(sample(regime, missing), "poor_rate_pct", regime=regime, layout="tiles")
    assert ax.get_label() == "study-map:tiles"
    labels = texts(ax)
    assert set(geo_load.load_tiles(regime)["label"]) <= set(labels)
    assert TILE_ATTRIBUTION in "\n".join(labels)
    assert maps.FALLBACK_NOTE not in "\n".join(labels)
    assert len(hatched(ax)[0].get_paths()) == 2
    assert "no data" in legend_labels(ax)


def test_geo_falls_back_to_tiles_with_note(no_geo):
    assert not geo_load.available("63")
    ax = maps.choropleth(sample(), "poor_rate_pct", layout="geo")  # the figure says it, no warning output
    assert ax.get_label() == "study-map:tiles"
    assert maps.FALLBACK_NOTE in texts(ax)
    assert TILE_ATTRIBUTION in "\n".join(texts(ax))


# ---------------------------------------------------------------------------------------------
# locator, small multiples
# ---------------------------------------------------------------------------------------------
def test_locator_geo_highlights_one_province(geo):
    ax = maps.locator("Quản Bình", color="#c0392b")
    assert ax.get_title() == "Quảng Bình (63 units, before 1 July 2025)"
    faces = np.vstack([c.get_facecolor() for c in ax.collections if len(c.get_facecolor()) > 1])
    red = np.all(np.isclose(faces[:, :3], matplotlib.colors.to_rgb("#c0392b")), axis=1)
    assert red.sum() == 1
    assert BOUNDARY_ATTRIBUTION in "\n".join(texts(ax))


def test_locator_tiles_and_34(no_geo):
    ax = maps.locator("Đồng Nai", regime="34", layout="tiles")
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert bold == ["DNI"]
    ax = maps.locator("79", regime="34", layout="tiles")
    assert ax.get_title() == "Hồ Chí Minh (34 units, from 1 July 2025)"
    ax = maps.locator("79", regime="34", layout="tiles", lang="vi", title="TP. HCM")
    assert ax.get_title() == "TP. HCM"


def test_small_multiples_share_classes(geo):
    frames = [
        sample().assign(year=y, poor_rate_pct=lambda d, i=i: d["poor_rate_pct"] * (1 - 0.2 * i))
        for i, y in enumerate((2022, 2023, 2024))
    ]
    data = pd.concat(frames, ignore_index=True)
    fig = maps.small_multiples(data, "poor_rate_pct", [2022, 2023, 2024], units="%", suptitle="Tỷ lệ hộ nghèo")
    panels = [ax for ax in fig.axes if ax.get_label().startswith("study-map")]
    assert [ax.get_title() for ax in panels] == ["2022", "2023", "2024"]
    assert all(ax.get_legend() is None for ax in panels)
    (legend,) = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[-1] == "no data" and len(labels) == 6
    assert labels[0].startswith(f"{np.floor(data['poor_rate_pct'].min()):.0f} –")  # classes from all years together
    assert BOUNDARY_ATTRIBUTION in "\n".join(t.get_text() for t in fig.texts)


def test_small_multiples_tiles(no_geo):
    data = pd.concat([sample("34", ["24"]).assign(year=y) for y in (2023, 2024)], ignore_index=True)
    fig = maps.small_multiples(data, "poor_rate_pct", [2023, 2024], regime="34", layout="tiles")
    assert TILE_ATTRIBUTION in "\n".join(t.get_text() for t in fig.texts)


def test_geo_and_tiles_share_one_colour_scale(geo):
    fig, axes = plt.subplots(1, 2)
    data = sample()
    data.loc[data["province_code"] == "01", "poor_rate_pct"] = 29.6  # one outlier
    maps.choropleth(data, "poor_rate_pct", layout="geo", ax=axes[0])
    maps.choropleth(data, "poor_rate_pct", layout="tiles", ax=axes[1], scheme="quantiles")
    left, right = (legend_labels(ax) for ax in axes)
    assert left == right  # the second map reuses the first one's classes


def test_missing_geometry_draws_one_tile_panel_with_note(no_geo):
    for order in (["geo", "tiles"], ["tiles", "geo"]):
        fig, axes = plt.subplots(1, 2, figsize=(9, 6.5), layout="constrained")
        for ax, layout in zip(axes, order, strict=True):
            maps.choropleth(sample(), "poor_rate_pct", layout=layout, ax=ax)
        panels = [ax for ax in fig.axes if ax.get_label().startswith("study-map")]
        assert len(panels) == 1, order  # never two identical tile grids side by side
        assert maps.FALLBACK_NOTE in texts(panels[0])
        assert panels[0].get_subplotspec().colspan == range(0, 2)  # it takes the whole row
        plt.close(fig)


def test_small_multiples_fallback_says_so_once(no_geo):
    data = pd.concat([sample().assign(year=y) for y in (2023, 2024)], ignore_index=True)
    fig = maps.small_multiples(data, "poor_rate_pct", [2023, 2024], layout="geo")
    footer = "\n".join(t.get_text() for t in fig.texts)
    assert maps.FALLBACK_NOTE in footer and TILE_ATTRIBUTION in footer
    panels = [ax for ax in fig.axes if ax.get_label().startswith("study-map")]
    assert len(panels) == 2 and not any(maps.FALLBACK_NOTE in texts(ax) for ax in panels)


def test_classes_are_readable_and_split_outliers():
    values = [0.5, 0.8, 1.1, 1.9, 2.4, 3.0, 3.3, 4.1, 5.2, 6.0, 7.1, 9.5, 14.2, 21.0, 29.6]
    upper = maps.classify(values, k=5)
    assert upper[-1] == 30 and np.all(upper == np.round(upper))  # whole numbers for a range of ~30
    assert len(upper) == 5
    assert (np.diff(np.concatenate([[0], upper])) < 20).all()  # no class spanning 7.1-29.6
    assert list(maps.classify([0.31, 0.52, 1.2, 1.9, 2.44], k=3)) == [0.5, 1.2, 2.5]
    assert list(maps.classify(values, bins=[2, 5, 10])) == [2, 5, 10, 29.6]  # explicit bins kept


def test_titles_name_indicator_year_and_regime(geo):
    ax = maps.choropleth(sample(), "poor_rate_pct", legend_title="Poor households", units="%", year=2024)
    assert ax.get_title() == "Poor households (%), 2024\n63 units, before 1 July 2025"
    data = pd.concat([sample("34", []).assign(year=y) for y in (2023, 2024)], ignore_index=True)
    fig = maps.small_multiples(
        data, "poor_rate_pct", [2023, 2024], regime="34", legend_title="Tỷ lệ hộ nghèo", units="%", lang="vi"
    )
    assert fig._suptitle.get_text() == "Tỷ lệ hộ nghèo (%), 2023–2024 · 34 tỉnh, từ 1/7/2025"


def test_locator_marker_not_clipped(geo):
    ax = maps.locator("Cà Mau")  # the southern tip, near the edge of the axes
    (marker,) = [c for c in ax.collections if type(c) is matplotlib.collections.PathCollection]
    assert not marker.get_clip_on()


@pytest.mark.parametrize("regime", ["63", "34"])
def test_cartogram_has_key_and_svg_ids(no_geo, regime, tmp_path):
    fig = maps.cartogram(sample(regime, []), "poor_rate_pct", regime=regime, legend_title="Poor", units="%", year=2024)
    texts_all = [t.get_text() for ax in fig.axes for t in ax.texts]
    tiles = geo_load.load_tiles(regime)
    for code, name in zip(tiles["label"], tiles["name_vi"], strict=True):
        assert texts_all.count(code) == 2 and name in texts_all  # on the grid and in the key
    assert "2024" in fig._suptitle.get_text() and regime in fig._suptitle.get_text()
    fig.savefig(tmp_path / "c.svg")
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    assert f'id="{maps.TILE_GID.format(regime=regime, code=tiles["code"].iloc[0])}"' in svg
    assert "Key to the tile codes" in texts_all
    plain = maps.cartogram(regime=regime, lang="vi")
    assert "Chú giải mã ô" in [t.get_text() for ax in plain.axes for t in ax.texts]


# ---------------------------------------------------------------------------------------------
# 63 -> 34
# ---------------------------------------------------------------------------------------------
def panel(rows):
    columns = [
        "province_code",
        "regime",
        "year",
        "poor_households",
        "poor_rate_pct",
        "near_poor_households",
        "near_poor_rate_pct",
        "total_households",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns[3:]:
        frame[column] = frame[column].astype("Float64")
    return frame


# Real figures from data/raw/statistics/poverty_review/research_2026.csv (standard nd07_2021), year 2022:
# Bình Thuận 10,689 poor (3.2 %), 14,994 near-poor (4.49 %); Đắk Nông 13,342 poor (7.97 %);
# Lâm Đồng 6,636 poor (1.94 %), 11,601 near-poor; Bắc Ninh 3,467 poor (0.94 %), 5,109 near-poor (1.38 %);
# Bắc Giang poor rate 3.86 % only. Year 2021: Tây Ninh 2,064 poor (0.64 %), 320,018 households.
REAL = [
    ("60", "63", 2022, 10689, 3.2, 14994, 4.49, None),
    ("67", "63", 2022, 13342, 7.97, None, None, None),
    ("68", "63", 2022, 6636, 1.94, 11601, None, None),
    ("27", "63", 2022, 3467, 0.94, 5109, 1.38, None),
    ("24", "63", 2022, None, 3.86, None, 4.25, None),
    ("72", "63", 2021, 2064, 0.64, 3740, 1.17, 320018),
]


def test_aggregate_weights_by_households():
    out = maps.aggregate_to_34(panel(REAL)).set_index(["province_code", "year"])
    lam_dong = out.loc[("68", 2022)]  # Lâm Đồng (34) = Lâm Đồng + Đắk Nông + Bình Thuận
    totals = 10689 / 3.2 * 100 + 13342 / 7.97 * 100 + 6636 / 1.94 * 100  # 334,031 + 167,403 + 342,062
    assert lam_dong["poor_households"] == 30667
    assert lam_dong["total_households"] == pytest.approx(totals)
    assert lam_dong["poor_rate_pct"] == pytest.approx(100 * 30667 / totals)
    assert lam_dong["poor_rate_pct"] == pytest.approx(3.636, abs=5e-4)
    assert abs(lam_dong["poor_rate_pct"] - np.mean([3.2, 7.97, 1.94])) > 0.7  # not a plain mean (4.37)
    assert bool(lam_dong["derived_total"]) and bool(lam_dong["complete"]) and lam_dong["coverage"] == 1
    # near-poor: Bình Thuận and Lâm Đồng have counts (totals derived from their poor figures), Đắk Nông not
    assert lam_dong["near_poor_households"] == 14994 + 11601
    assert lam_dong["near_poor_rate_pct"] == pytest.approx(100 * 26595 / (10689 / 3.2 * 100 + 6636 / 1.94 * 100))
    assert lam_dong["near_poor_coverage"] == pytest.approx(2 / 3)


def test_aggregate_flags_incomplete_coverage():
    out = maps.aggregate_to_34(panel(REAL)).set_index(["province_code", "year"])
    bac_ninh = out.loc[("24", 2022)]  # Bắc Ninh (34) = Bắc Giang + Bắc Ninh; Bắc Giang has a rate but no count
    assert bac_ninh["n_parts"] == 2 and bac_ninh["n_covered"] == 1
    assert bac_ninh["coverage"] == 0.5 and not bac_ninh["complete"]
    assert bac_ninh["parts_missing"] == "24" and bac_ninh["parts_covered"] == "27"
    assert bac_ninh["poor_rate_pct"] == pytest.approx(0.94)
    tay_ninh = out.loc[("80", 2021)]  # Tây Ninh (34) = Long An + Tây Ninh; reported total, Long An absent
    assert not bool(tay_ninh["derived_total"])
    assert tay_ninh["poor_rate_pct"] == pytest.approx(100 * 2064 / 320018)
    assert tay_ninh["coverage"] == 0.5 and tay_ninh["parts_missing"] == "80"
    strict = maps.aggregate_to_34(panel(REAL), complete_only=True).set_index(["province_code", "year"])
    assert pd.isna(strict.loc[("24", 2022), "poor_rate_pct"])
    assert strict.loc[("68", 2022), "poor_rate_pct"] == pytest.approx(
        lam := 100 * 30667 / (10689 / 3.2 * 100 + 13342 / 7.97 * 100 + 6636 / 1.94 * 100)
    )
    assert lam > 0


def test_aggregate_ignores_34_rows_and_rejects_duplicates():
    rows = REAL + [("68", "34", 2022, 1, 1.0, None, None, None)]
    out = maps.aggregate_to_34(panel(rows))
    assert out.loc[(out["province_code"] == "68") & (out["year"] == 2022), "poor_households"].item() == 30667
    with pytest.raises(ValueError, match="more than one row"):
        maps.aggregate_to_34(panel(REAL + [REAL[0]]))


def test_aggregate_output_maps_on_34(no_geo):
    out = maps.aggregate_to_34(panel(REAL))
    ax = maps.choropleth(out[out["year"] == 2022], "poor_rate_pct", regime="34", layout="tiles")
    assert len(hatched(ax)[0].get_paths()) == 34 - 2


def test_partly_covered_units_are_marked(no_geo):
    data = pd.DataFrame({"province_code": ["15", "20"], "value": [8.18, 3.36]})
    fig, ax = plt.subplots()
    maps.choropleth(data, "value", regime="34", layout="tiles", ax=ax, partial=pd.Series(["15"]))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "partial coverage" in labels
    assert any(c.get_hatch() == "..." for c in ax.collections)
    plt.close(fig)


def test_vietnamese_maps_have_no_english_footer(geo):
    """A Vietnamese map's attribution, legend and fallback are in Vietnamese (second reading item 15)."""
    ax = maps.choropleth(sample(), "poor_rate_pct", units="%", title="Tỷ lệ hộ nghèo", lang="vi")
    footer = "\n".join(texts(ax))
    assert "Ranh giới: Open Development Mekong" in footer
    assert BOUNDARY_ATTRIBUTION not in footer and "Boundaries" not in footer
    assert maps.attribution_for("geo", "vi").startswith("Ranh giới")


def test_vietnamese_fallback_note_and_tile_attribution(no_geo):
    data = pd.concat([sample().assign(year=y) for y in (2023, 2024)], ignore_index=True)
    fig = maps.small_multiples(data, "poor_rate_pct", [2023, 2024], layout="geo", lang="vi")
    footer = "\n".join(t.get_text() for t in fig.texts)
    assert "Không có lớp ranh giới" in footer and "Lưới ô: bố cục" in footer
    assert maps.FALLBACK_NOTE not in footer and TILE_ATTRIBUTION not in footer
