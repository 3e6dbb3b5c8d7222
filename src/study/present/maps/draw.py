"""Drawing pieces shared by the map functions: shapes, polygons, the island inset, labels, legends, titles."""

from __future__ import annotations

import logging
import math

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib.patches import Patch

from study.load import geo
from study.registry import provinces
from study.registry.geography import ARCHIPELAGOS, ATTRIBUTIONS, MAINLAND_BOX

log = logging.getLogger(__name__)

LAYOUTS = ("geo", "tiles")
FALLBACK_NOTE = "Boundaries unavailable: tile-grid layout shown"
"""Written on a map asked for with ``layout="geo"`` when the boundary layers were not built."""
MISSING_STYLE = {"facecolor": "white", "edgecolor": "0.45", "hatch": "////", "linewidth": 0.4}
EDGE_STYLE = {"edgecolor": "white", "linewidth": 0.3}
MAIN_XLIM = (102.0, 114.3)
"""Main-axes longitude range: the mainland (102-110 E) plus open sea on the right for the inset."""
MAIN_YLIM = (8.2, 23.6)
INSET_BOUNDS = (0.69, 0.03, 0.30, 0.46)
"""Inset position in main-axes fractions: lon ~110.5-114.2 E, lat ~8.7-15.3 N, open sea."""
INSET_BOX = (110.4, 6.6, 117.4, 17.4)
"""lon/lat window of the inset (both archipelagos)."""
TILE_GID = "study-tile-{regime}-{code}"
"""SVG id of a tile's label (``study.publish`` adds the province's full name as a hover title)."""

WORDS = {
    "en": {
        "no data": "no data",
        "key": "Key to the tile codes",
        "grid": "Tile grid (each province one square)",
        "fallback": FALLBACK_NOTE,
    },
    "vi": {
        "no data": "không có số liệu",
        "key": "Chú giải mã ô",
        "grid": "Lưới ô (mỗi tỉnh một ô vuông)",
        "fallback": "Không có lớp ranh giới: hiển thị lưới ô",
    },
}


regime_label = provinces.regime_label


def word(key: str, lang: str = "en") -> str:
    """Return a fixed map word in ``lang`` (``"vi"`` or ``"en"``)."""
    return WORDS["vi" if lang == "vi" else "en"][key]


def shapes(regime="63", layout="geo") -> tuple[gpd.GeoDataFrame, str, str | None]:
    """Return the polygons to draw, the layout actually used and a note (the fallback note, or None).

    Parameters
    ----------
    regime : {"63", "34"}
    layout : {"geo", "tiles"}

    Returns
    -------
    (geopandas.GeoDataFrame, str, str or None)
        ``code``, ``name_vi`` (tiles also ``label``, ``row``, ``col``) and ``geometry``.
    """
    regime = provinces.check_regime(regime)
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}: expected one of {', '.join(LAYOUTS)}")
    if layout == "geo":
        try:
            return geo.load_boundaries(regime), "geo", None
        except geo.BoundariesUnavailableError as error:
            # the figure carries the note; no warning output, so that notebooks read the same offline
            log.info("%s (%s)", FALLBACK_NOTE, error)
    return geo.tile_frame(regime), "tiles", (FALLBACK_NOTE if layout == "geo" else None)


def mainland(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The geometry clipped to the mainland window."""
    return frame.geometry.clip_by_rect(*MAINLAND_BOX)


def islands(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The geometry clipped to the archipelagos' window."""
    return frame.geometry.clip_by_rect(*INSET_BOX)


def values_for(data: pd.DataFrame, column: str, frame: gpd.GeoDataFrame, regime: str) -> pd.Series:
    """Return ``column`` aligned to ``frame``'s codes (NaN where missing), after checking ``data``."""
    if "province_code" not in data or column not in data:
        raise ValueError(
            f"data must have the columns 'province_code' and {column!r} (it has: {', '.join(map(str, data.columns))})"
        )
    codes = data["province_code"].astype(str).str.zfill(2)
    if codes.duplicated().any():
        dup = sorted(set(codes[codes.duplicated()]))
        raise ValueError(
            f"data has more than one row for province_code {', '.join(dup)}: give one row per "
            "province (e.g. filter to one year), or use small_multiples() for several years"
        )
    unknown = sorted(set(codes) - set(frame["code"].astype(str)))
    if unknown:
        raise ValueError(
            f"province_code {', '.join(unknown)} not among the {regime} units: pass the right "
            "regime (aggregate_to_34() turns 63-unit data into the 34)"
        )
    series = pd.Series(pd.to_numeric(data[column], errors="coerce").astype(float).to_numpy(), index=codes)
    return frame["code"].astype(str).map(series).astype(float)


def new_axes(layout: str, regime: str, figsize=None):
    """A new figure sized for one map; return its axes."""
    if figsize is None:
        figsize = (5.0, 8.0) if layout == "geo" or regime == "63" else (4.2, 7.5)
    _, ax = plt.subplots(figsize=figsize)
    return ax


def draw(ax, frame: gpd.GeoDataFrame, facecolors: list, missing: np.ndarray, layout: str) -> None:
    """Draw filled polygons (and, for geo, the island inset) on ``ax``."""
    geoms = mainland(frame) if layout == "geo" else frame.geometry
    present = ~missing
    if present.any():
        gpd.GeoSeries(geoms[present].values).plot(
            ax=ax, color=[facecolors[i] for i in np.flatnonzero(present)], **EDGE_STYLE
        )
    if missing.any():
        gpd.GeoSeries(geoms[missing].values).plot(ax=ax, **MISSING_STYLE)
    if layout == "geo":
        ax.set_xlim(*MAIN_XLIM)
        ax.set_ylim(*MAIN_YLIM)
        ax.set_aspect(1 / math.cos(math.radians(16)))
        inset(ax, frame, facecolors, missing)
    else:
        ax.set_aspect("equal")
        ax.set_xlim(frame["col"].min() - 0.6, frame["col"].max() + 0.6)
        ax.set_ylim(-frame["row"].max() - 0.6, -frame["row"].min() + 0.6)
    ax.set_axis_off()


def inset(ax, frame, facecolors, missing):
    """Draw the archipelagos in an inset axes of ``ax``, coloured like their province; return the inset."""
    box = ax.inset_axes(list(INSET_BOUNDS))
    parts = islands(frame)
    keep = ~parts.is_empty.to_numpy()
    for i in np.flatnonzero(keep):
        style = dict(MISSING_STYLE) if missing[i] else {"color": facecolors[i], "edgecolor": "0.3", "linewidth": 0.6}
        gpd.GeoSeries([parts.iloc[i]]).plot(ax=box, **style)
    for name, (_code, window) in ARCHIPELAGOS.items():
        box.text(window[0] + 0.1, window[3] + 0.1, name, ha="left", va="bottom", fontsize=5.5, color="0.25")
    box.set_xlim(INSET_BOX[0], INSET_BOX[2])
    box.set_ylim(INSET_BOX[1], INSET_BOX[3])
    box.set_aspect(1 / math.cos(math.radians(12)))
    box.set_xticks([])
    box.set_yticks([])
    box.set_xlabel("")  # geopandas labels the axes "x" and "y"
    box.set_ylabel("")
    for spine in box.spines.values():
        spine.set_edgecolor("0.6")
        spine.set_linewidth(0.6)
    box.set_label("islands")
    return box


def label_tiles(ax, frame: gpd.GeoDataFrame, facecolors: list, missing: np.ndarray, regime: str, bold=None) -> None:
    """Write each tile's three-letter code, in white on dark fills; each label carries an SVG id."""
    box = ax.get_position()
    width_pt = box.width * ax.figure.get_figwidth() * 72
    height_pt = box.height * ax.figure.get_figheight() * 72
    pitch = min(width_pt / (np.ptp(frame["col"]) + 1.2), height_pt / (np.ptp(frame["row"]) + 1.2))
    size = float(np.clip(0.32 * pitch, 3.0, 7.0))
    for i, row in enumerate(frame.itertuples(index=False)):
        dark = False
        if not missing[i] and facecolors[i] is not None:
            r, g, b = mcolors.to_rgb(facecolors[i])
            dark = 0.299 * r + 0.587 * g + 0.114 * b < 0.5
        text = ax.text(
            row.col,
            -row.row,
            row.label,
            ha="center",
            va="center",
            fontsize=size,
            color="white" if dark else "0.1",
            fontweight="bold" if row.code == bold else "normal",
        )
        text.set_gid(TILE_GID.format(regime=regime, code=row.code))


def attribution_line(layout: str, lang: str = "en") -> str:
    """Return the attribution line of a drawn layout (``"geo"`` or ``"tiles"``) in ``lang``."""
    return ATTRIBUTIONS["vi" if lang == "vi" else "en"]["geo" if layout == "geo" else "tiles"]


def footer(ax, layout: str, note: str | None, fallback: str | None, attribution: bool = True, lang: str = "en") -> None:
    """Write the attribution (and ``note``) under the map, and the fallback note over it, in ``lang``."""
    lines = [attribution_line(layout, lang)] if attribution else []
    if note:
        lines.append(note)
    if lines:
        ax.text(0.0, -0.005, "\n".join(lines), transform=ax.transAxes, ha="left", va="top", fontsize=6, color="0.3")
    if fallback:
        fallback_note(ax, word("fallback", lang) if fallback == FALLBACK_NOTE else fallback)


def fallback_note(ax, text: str = FALLBACK_NOTE) -> None:
    """Write the fallback note in a box at the top of ``ax``."""
    ax.text(
        0.99,
        0.995,
        text,
        transform=ax.transAxes,
        ha="right",
        va="top",
        fontsize=7,
        color="0.1",
        style="italic",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": "#fff5cc", "edgecolor": "0.6"},
    )


def legend_handles(colours: list, labels: list[str], missing_label: str | None) -> list[Patch]:
    """Patches for a class legend, with the hatched missing-data patch last."""
    handles = [
        Patch(facecolor=c, edgecolor="0.6", linewidth=0.4, label=lab) for c, lab in zip(colours, labels, strict=True)
    ]
    if missing_label:
        handles.append(Patch(label=missing_label, **MISSING_STYLE))
    return handles


def legend_place(layout: str, regime: str) -> dict:
    """Where the legend goes: open sea (geo) or the empty cells west of the central coast (tiles)."""
    if layout == "geo":
        return {"loc": "upper right"}
    return {"loc": "upper left", "bbox_to_anchor": (0.0, 0.52 if regime == "63" else 0.68)}


def palette(cmap, n: int) -> list:
    """``n`` colours of ``cmap``, light to dark."""
    colormap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    return [colormap(x) for x in (np.linspace(0.15, 0.95, n) if n > 1 else [0.6])]


# ---------------------------------------------------------------------------------------------
# maps sharing a figure: one colour scale, never two identical tile panels
# ---------------------------------------------------------------------------------------------
def sibling(ax, column: str, regime: str):
    """Return another map of the same column and regime on ``ax``'s figure, or None.

    Panels of :func:`study.present.maps.small_multiples` (``_study_panel``) are not siblings: they
    already share their classes and show different years.
    """
    for other in ax.figure.axes:
        info = getattr(other, "_study_map", None)
        if (
            other is not ax
            and info
            and info["column"] == column
            and info["regime"] == regime
            and not getattr(other, "_study_panel", False)
            and not getattr(ax, "_study_panel", False)
        ):
            return other
    return None


def merge_into(ax, keep):
    """Remove ``ax`` from its figure and let ``keep`` take the space of both (same grid); return ``keep``."""
    try:
        a, b = ax.get_subplotspec(), keep.get_subplotspec()
    except AttributeError:
        a = b = None
    if a is not None and b is not None and a.get_gridspec() is b.get_gridspec():
        rows = (min(a.rowspan.start, b.rowspan.start), max(a.rowspan.stop, b.rowspan.stop))
        cols = (min(a.colspan.start, b.colspan.start), max(a.colspan.stop, b.colspan.stop))
        keep.set_subplotspec(a.get_gridspec()[rows[0] : rows[1], cols[0] : cols[1]])
    ax.remove()
    return keep
