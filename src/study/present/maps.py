"""Maps: choropleths, locator maps and small multiples of provinces; Axes in, Axes out.

Two layouts:

* ``layout="geo"`` draws the province boundaries (:mod:`study.load.geo`, built by ``study build``).
  The mainland is drawn in the main axes, limited to about 102-110 E, 8-24 N; the archipelagos
  Hoàng Sa (part of Đà Nẵng) and Trường Sa (part of Khánh Hòa) are drawn, coloured like their
  province, in an inset at the lower right. Every map carries the boundary attribution
  (:data:`study.BOUNDARY_ATTRIBUTION`). When the boundary layers were not built, the map falls back
  to the tile grid and says so on the figure (:data:`FALLBACK_NOTE`).
* ``layout="tiles"`` draws the project's tile grid (:mod:`study.load.geo`): one equal square per
  province, labelled, so that small provinces are as visible as large ones.

Missing values are never drawn as zero: they are hatched and labelled ``"no data"`` in the legend.
Classes come from ``mapclassify`` (quantiles, natural breaks, equal intervals) or from explicit
``bins``; ``scheme=None`` gives an unclassed colour scale with a colour bar.

:func:`aggregate_to_34` turns a panel of the 63 units into the 34 units, weighting by households.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from study import load, maps
>>> panel = load.poverty_panel()  # doctest: +SKIP
>>> ax = maps.choropleth(panel[panel.year == 2023], "poor_rate_pct", units="%")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import math
import warnings

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib.patches import Patch

from study.load import geo
from study.registry import provinces
from study.registry.geography import ARCHIPELAGOS, BOUNDARY_ATTRIBUTION, MAINLAND_BOX, TILE_ATTRIBUTION

log = logging.getLogger(__name__)

SCHEMES = {"quantiles": "Quantiles", "natural_breaks": "NaturalBreaks", "equal_interval": "EqualInterval"}
LAYOUTS = ("geo", "tiles")
FALLBACK_NOTE = "Boundaries unavailable: tile-grid layout shown"
MISSING_STYLE = {"facecolor": "white", "edgecolor": "0.45", "hatch": "////", "linewidth": 0.4}
EDGE_STYLE = {"edgecolor": "white", "linewidth": 0.3}
MAIN_XLIM = (102.0, 114.3)
"""Main-axes longitude range: the mainland (102-110 E) plus open sea on the right for the inset."""
MAIN_YLIM = (8.2, 23.6)
INSET_BOUNDS = (0.69, 0.03, 0.30, 0.46)
"""Inset position in main-axes fractions: lon ~110.5-114.2 E, lat ~8.7-15.3 N, open sea."""
INSET_BOX = (110.4, 6.6, 117.4, 17.4)
"""lon/lat window of the inset (both archipelagos)."""


# ---------------------------------------------------------------------------------------------
# geometry
# ---------------------------------------------------------------------------------------------
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


def _mainland(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.geometry.clip_by_rect(*MAINLAND_BOX)


def _islands(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.geometry.clip_by_rect(*INSET_BOX)


# ---------------------------------------------------------------------------------------------
# classification
# ---------------------------------------------------------------------------------------------
def classify(values, scheme="quantiles", k=5, bins=None) -> np.ndarray:
    """Return the upper bounds of the classes of ``values`` (missing values ignored).

    Parameters
    ----------
    values : array-like
        Numbers; NaN/NA are left out.
    scheme : {"quantiles", "natural_breaks", "equal_interval"}
        ``mapclassify`` scheme.
    k : int
        Number of classes (reduced to the number of distinct values when there are fewer).
    bins : sequence of float, optional
        Explicit upper bounds; the largest value closes the last class if it is above them.

    Returns
    -------
    numpy.ndarray
        Increasing upper bounds; a value ``x`` is in class ``i`` when ``bins[i-1] < x <= bins[i]``.
    """
    import mapclassify

    x = pd.to_numeric(pd.Series(values), errors="coerce").astype(float).dropna().to_numpy()
    if bins is not None:
        upper = np.unique(np.asarray(bins, dtype=float))
        if len(x) and x.max() > upper[-1]:
            upper = np.append(upper, x.max())
        return upper
    if len(x) == 0:
        return np.array([])
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}: expected one of {', '.join(SCHEMES)} or None")
    distinct = len(np.unique(x))
    k = max(1, min(int(k), distinct))
    if k == 1:
        return np.array([x.max()])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = getattr(mapclassify, SCHEMES[scheme])(x, k=k)
    return np.unique(np.asarray(result.bins, dtype=float))


def _class_labels(bins: np.ndarray, low: float, fmt: str) -> list[str]:
    labels, lower = [], low
    for upper in bins:
        labels.append(f"{fmt.format(lower)} – {fmt.format(upper)}")
        lower = upper
    return labels


def _values(data: pd.DataFrame, column: str, frame: gpd.GeoDataFrame, regime: str) -> pd.Series:
    """Return ``column`` aligned to ``frame``'s codes (NaN where missing), after checking ``data``."""
    if "province_code" not in data or column not in data:
        raise ValueError(f"data must have the columns 'province_code' and {column!r} "
                         f"(it has: {', '.join(map(str, data.columns))})")
    codes = data["province_code"].astype(str).str.zfill(2)
    if codes.duplicated().any():
        dup = sorted(set(codes[codes.duplicated()]))
        raise ValueError(f"data has more than one row for province_code {', '.join(dup)}: give one row per "
                         "province (e.g. filter to one year), or use small_multiples() for several years")
    unknown = sorted(set(codes) - set(frame["code"].astype(str)))
    if unknown:
        raise ValueError(f"province_code {', '.join(unknown)} not among the {regime} units: pass the right "
                         "regime (aggregate_to_34() turns 63-unit data into the 34)")
    series = pd.Series(pd.to_numeric(data[column], errors="coerce").astype(float).to_numpy(), index=codes)
    return frame["code"].astype(str).map(series).astype(float)


# ---------------------------------------------------------------------------------------------
# drawing
# ---------------------------------------------------------------------------------------------
def _new_axes(layout: str, regime: str, figsize=None):
    if figsize is None:
        figsize = (5.0, 8.0) if layout == "geo" or regime == "63" else (4.2, 7.5)
    _, ax = plt.subplots(figsize=figsize)
    return ax


def _draw(ax, frame: gpd.GeoDataFrame, facecolors: list, missing: np.ndarray, layout: str,
          highlight=None) -> None:
    """Draw filled polygons (and, for geo, the island inset) on ``ax``."""
    geoms = _mainland(frame) if layout == "geo" else frame.geometry
    present = ~missing
    if present.any():
        gpd.GeoSeries(geoms[present].values).plot(ax=ax, color=[facecolors[i] for i in np.flatnonzero(present)],
                                                  **EDGE_STYLE)
    if missing.any():
        gpd.GeoSeries(geoms[missing].values).plot(ax=ax, **MISSING_STYLE)
    if layout == "geo":
        ax.set_xlim(*MAIN_XLIM)
        ax.set_ylim(*MAIN_YLIM)
        ax.set_aspect(1 / math.cos(math.radians(16)))
        _inset(ax, frame, facecolors, missing, highlight)
    else:
        ax.set_aspect("equal")
        ax.set_xlim(frame["col"].min() - 0.6, frame["col"].max() + 0.6)
        ax.set_ylim(-frame["row"].max() - 0.6, -frame["row"].min() + 0.6)
    ax.set_axis_off()


def _inset(ax, frame, facecolors, missing, highlight=None):
    """Draw the archipelagos in an inset axes of ``ax``."""
    inset = ax.inset_axes(list(INSET_BOUNDS))
    islands = _islands(frame)
    keep = ~islands.is_empty.to_numpy()
    for i in np.flatnonzero(keep):
        style = dict(MISSING_STYLE) if missing[i] else {"color": facecolors[i], "edgecolor": "0.3",
                                                          "linewidth": 0.6}
        gpd.GeoSeries([islands.iloc[i]]).plot(ax=inset, **style)
    for name, (_code, box) in ARCHIPELAGOS.items():
        inset.text(box[0] + 0.1, box[3] + 0.1, name, ha="left", va="bottom", fontsize=5.5, color="0.25")
    inset.set_xlim(INSET_BOX[0], INSET_BOX[2])
    inset.set_ylim(INSET_BOX[1], INSET_BOX[3])
    inset.set_aspect(1 / math.cos(math.radians(12)))
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_edgecolor("0.6")
        spine.set_linewidth(0.6)
    inset.set_label("islands")
    return inset


def _label_tiles(ax, frame: gpd.GeoDataFrame, facecolors: list, missing: np.ndarray, bold=None) -> None:
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
        ax.text(row.col, -row.row, row.label, ha="center", va="center", fontsize=size,
                color="white" if dark else "0.1", fontweight="bold" if row.code == bold else "normal")


def _footer(ax, layout: str, note: str | None, fallback: str | None, attribution: bool = True) -> None:
    lines = ([BOUNDARY_ATTRIBUTION if layout == "geo" else TILE_ATTRIBUTION] if attribution else [])
    if note:
        lines.append(note)
    if lines:
        ax.text(0.0, -0.005, "\n".join(lines), transform=ax.transAxes, ha="left", va="top", fontsize=6,
                color="0.3")
    if fallback:
        ax.text(0.99, 0.995, fallback, transform=ax.transAxes, ha="right", va="top", fontsize=7, color="0.1",
                style="italic", bbox={"boxstyle": "round,pad=0.3", "facecolor": "#fff5cc", "edgecolor": "0.6"})


def _legend_handles(colours: list, labels: list[str], missing_label: str | None) -> list[Patch]:
    handles = [Patch(facecolor=c, edgecolor="0.6", linewidth=0.4, label=lab) for c, lab in zip(colours, labels,
                                                                                                   strict=True)]
    if missing_label:
        handles.append(Patch(label=missing_label, **MISSING_STYLE))
    return handles


def _legend_place(layout: str, regime: str) -> dict:
    """Where the legend goes: open sea (geo) or the empty cells west of the central coast (tiles)."""
    if layout == "geo":
        return {"loc": "upper right"}
    return {"loc": "upper left", "bbox_to_anchor": (0.0, 0.52 if regime == "63" else 0.68)}


def choropleth(data: pd.DataFrame, column: str, *, regime="63", layout="geo", scheme="quantiles", k: int = 5,
               bins=None, cmap="YlOrRd", ax=None, legend: bool = True, legend_title: str | None = None,
               units: str | None = None, title: str | None = None, missing_label: str = "no data",
               note: str | None = None, fmt: str = "{:.1f}", vmin=None, vmax=None, labels: bool = True,
               attribution: bool = True, figsize=None, partial=None,
               partial_label: str = "partial coverage"):
    """Draw a choropleth map of one indicator by province.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per province: ``province_code`` (codes of ``regime``) and ``column``. Provinces
        without a row, or with a missing value, are drawn hatched and labelled ``missing_label``.
    column : str
        The column to map.
    regime : {"63", "34"}
        The units ``data`` describes.
    layout : {"geo", "tiles"}
        Boundaries (falls back to tiles, with a note, when they were not built) or the tile grid.
    scheme : {"quantiles", "natural_breaks", "equal_interval"} or None
        ``mapclassify`` classification; ``None`` draws an unclassed colour scale.
    k : int
        Number of classes.
    bins : sequence of float, optional
        Explicit class upper bounds (overrides ``scheme``); used to share classes between maps.
    cmap : str or matplotlib colormap
        Colours, light to dark for low to high.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    legend : bool
        Draw the legend (classes and the missing-data patch) or colour bar.
    legend_title, units : str, optional
        Legend title (defaults to ``column``) and units appended in brackets.
    title : str, optional
        Axes title.
    missing_label : str
        Legend label of missing data.
    note : str, optional
        A line added under the attribution (e.g. the source of the figures).
    fmt : str
        Format of the class bounds.
    vmin, vmax : float, optional
        Range of the unclassed scale (``scheme=None``).
    labels : bool
        Write the tile labels (tile layout).
    attribution : bool
        Write the attribution line (turned off by :func:`small_multiples`, which writes it once).
    figsize : tuple, optional
        Size of the new figure when ``ax`` is omitted.
    partial : sequence of str, optional
        Codes of units whose value covers only part of them (e.g. a new province of the 34 with
        figures for some of its former provinces): drawn with a dotted overlay and a legend entry.
    partial_label : str
        Legend label of that overlay.

    Returns
    -------
    matplotlib.axes.Axes
    """
    regime = provinces.check_regime(regime)
    frame, used, fallback = shapes(regime, layout)
    values = _values(data, column, frame, regime).to_numpy()
    missing = np.isnan(values)
    ax = ax if ax is not None else _new_axes(used, regime, figsize)
    colormap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    title_text = legend_title or column
    if units:
        title_text = f"{title_text} ({units})"
    handles = []
    if scheme is None and bins is None:
        lo = np.nanmin(values) if vmin is None and (~missing).any() else (vmin if vmin is not None else 0.0)
        hi = np.nanmax(values) if vmax is None and (~missing).any() else (vmax if vmax is not None else 1.0)
        norm = mcolors.Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1)
        facecolors = [None if m else colormap(norm(v)) for v, m in zip(values, missing, strict=True)]
        if legend:
            mappable = plt.cm.ScalarMappable(norm=norm, cmap=colormap)
            bar = ax.figure.colorbar(mappable, ax=ax, shrink=0.35, pad=0.01, aspect=18)
            bar.set_label(title_text, fontsize=7)
            bar.ax.tick_params(labelsize=6)
            if missing.any():
                handles = _legend_handles([], [], missing_label)
    else:
        upper = classify(values, scheme or "quantiles", k, bins)
        n = len(upper)
        palette = [colormap(x) for x in (np.linspace(0.15, 0.95, n) if n > 1 else [0.6])]
        index = np.clip(np.searchsorted(upper, values, side="left"), 0, max(n - 1, 0))
        facecolors = [None if m else palette[i] for i, m in zip(index, missing, strict=True)]
        low = float(np.nanmin(values)) if (~missing).any() else (upper[0] if n else 0.0)
        if bins is not None:
            low = min(low, float(upper[0])) if n else low
        handles = _legend_handles(palette[:n], _class_labels(upper, low, fmt),
                                  missing_label if missing.any() else None)
    _draw(ax, frame, facecolors, missing, used)
    partial_codes = {str(c) for c in (list(partial) if partial is not None else [])}
    if partial_codes:
        chosen = frame["code"].astype(str).isin(partial_codes).to_numpy()
        geoms = _mainland(frame) if used == "geo" else frame.geometry
        if chosen.any():
            gpd.GeoSeries(geoms[chosen].values).plot(ax=ax, facecolor="none", edgecolor="0.15", hatch="...",
                                                     linewidth=0.6)
            handles = [*handles, Patch(facecolor="white", edgecolor="0.15", hatch="...", label=partial_label)]
    if used == "tiles" and labels:
        _label_tiles(ax, frame, facecolors, missing)
    if legend and handles:
        ax.legend(handles=handles, title=None if scheme is None and bins is None else title_text, fontsize=6,
                  title_fontsize=7, frameon=False, **_legend_place(used, regime))
    if title:
        ax.set_title(title, fontsize=9)
    _footer(ax, used, note, fallback, attribution)
    ax.set_label(f"study-map:{used}")
    return ax


def attribution_for(layout: str = "geo") -> str:
    """The attribution line of a layout actually drawn (geo boundaries, or the tile grid when they are missing)."""
    used = "geo" if layout == "geo" and geo.available("63") else "tiles"
    return BOUNDARY_ATTRIBUTION if used == "geo" else TILE_ATTRIBUTION


def locator(province, *, regime="63", layout="geo", ax=None, color="#c0392b", title: str | None = None,
            figsize=None, attribution: bool = True):
    """Draw a map with one province highlighted.

    Parameters
    ----------
    province : str
        Any spelling of the province name (resolved with :func:`study.registry.provinces.resolve`), or a code.
    regime : {"63", "34"}
    layout : {"geo", "tiles"}
        As in :func:`choropleth` (geo falls back to tiles when boundaries are unavailable).
    ax : matplotlib.axes.Axes, optional
    color : str
        Fill of the province.
    title : str, optional
        Defaults to the province's name.
    figsize : tuple, optional
    attribution : bool
        Write the data attribution under the map (turn off when the figure carries it once for
        several maps; :func:`attribution_for` gives the line).

    Returns
    -------
    matplotlib.axes.Axes
    """
    regime = provinces.check_regime(regime)
    text = str(province).strip()
    unit = provinces.get(text, regime) if text.isdigit() else provinces.resolve(text, regime)
    frame, used, fallback = shapes(regime, layout)
    ax = ax if ax is not None else _new_axes(used, regime, figsize)
    target = (frame["code"].astype(str) == unit.code).to_numpy()
    facecolors = [color if t else "0.87" for t in target]
    _draw(ax, frame, facecolors, np.zeros(len(frame), dtype=bool), used, highlight=unit.code)
    if used == "tiles":
        _label_tiles(ax, frame, facecolors, np.zeros(len(frame), dtype=bool), bold=unit.code)
    else:
        point = _mainland(frame)[target].iloc[0].representative_point()
        ax.scatter([point.x], [point.y], s=180, facecolors="none", edgecolors=color, linewidths=1.2, zorder=5)
    ax.set_title(title or unit.name_vi, fontsize=9)
    _footer(ax, used, None, fallback, attribution=attribution)
    ax.set_label(f"study-map:{used}")
    return ax


def small_multiples(data: pd.DataFrame, column: str, years, *, regime="63", layout="geo", scheme="quantiles",
                    k: int = 5, bins=None, cmap="YlOrRd", ncols: int | None = None, figsize=None,
                    legend_title: str | None = None, units: str | None = None, suptitle: str | None = None,
                    missing_label: str = "no data", note: str | None = None, fmt: str = "{:.1f}"):
    """Draw one map per year with one shared classification and one legend.

    Parameters
    ----------
    data : pandas.DataFrame
        ``province_code``, ``year`` and ``column``; one row per province and year.
    column : str
    years : sequence of int
        One panel per year, in this order.
    regime, layout, scheme, k, bins, cmap, legend_title, units, missing_label, note, fmt
        As in :func:`choropleth`; the classes are computed once from the values of all ``years``.
    ncols : int, optional
        Panels per row (default: all in one row up to 4).
    figsize : tuple, optional
    suptitle : str, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    years = list(years)
    if "year" not in data:
        raise ValueError("data must have a 'year' column")
    pooled = data[data["year"].isin(years)]
    values = pd.to_numeric(pooled[column], errors="coerce")
    shared = classify(values, scheme or "quantiles", k, bins) if (scheme is not None or bins is not None) else None
    ncols = ncols or min(len(years), 4)
    nrows = math.ceil(len(years) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (2.6 * ncols, 3.3 * nrows + 1.2), squeeze=False)
    height = fig.get_figheight()
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.85 / height, top=1 - (0.6 if suptitle else 0.35) / height,
                        wspace=0.05, hspace=0.15)
    used = layout
    vmin, vmax = (values.min(), values.max()) if shared is None and values.notna().any() else (None, None)
    any_missing = False
    for ax, year in zip(axes.flat, years, strict=False):
        frame = data[data["year"] == year]
        choropleth(frame, column, regime=regime, layout=layout, scheme=scheme, k=k, bins=shared, cmap=cmap, ax=ax,
                   legend=False, title=str(year), fmt=fmt, vmin=vmin, vmax=vmax, attribution=False,
                   missing_label=missing_label)
        used = ax.get_label().split(":")[-1]
        any_missing |= len(frame[frame[column].notna()]) < len(provinces.units(regime))
    for ax in list(axes.flat)[len(years):]:
        ax.set_axis_off()
    title_text = (legend_title or column) + (f" ({units})" if units else "")
    colormap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    if shared is not None and len(shared):
        n = len(shared)
        palette = [colormap(x) for x in (np.linspace(0.15, 0.95, n) if n > 1 else [0.6])]
        low = float(values.min()) if values.notna().any() else float(shared[0])
        handles = _legend_handles(palette, _class_labels(shared, low, fmt), missing_label if any_missing else None)
        fig.legend(handles=handles, title=title_text, loc="lower center", ncol=min(len(handles), 6), fontsize=6,
                   title_fontsize=7, frameon=False, bbox_to_anchor=(0.5, 0.12 / fig.get_figheight()))
    elif shared is None and vmin is not None:
        mappable = plt.cm.ScalarMappable(norm=mcolors.Normalize(vmin, vmax), cmap=colormap)
        bar = fig.colorbar(mappable, ax=list(axes.flat), orientation="horizontal", shrink=0.5, pad=0.04)
        bar.set_label(title_text, fontsize=7)
    lines = [BOUNDARY_ATTRIBUTION if used == "geo" else TILE_ATTRIBUTION] + ([note] if note else [])
    fig.text(0.01, 0.005, "\n".join(lines), ha="left", va="bottom", fontsize=6, color="0.3")
    if suptitle:
        fig.suptitle(suptitle, fontsize=10)
    return fig


# ---------------------------------------------------------------------------------------------
# 63 -> 34
# ---------------------------------------------------------------------------------------------
def household_totals(panel: pd.DataFrame) -> pd.DataFrame:
    """Return each row's total households: as reported, else derived from a count and its rate.

    ``total_households`` is used when given (``total_source = "reported"``). Otherwise, when the poor
    count and the poor rate are both known and the rate is above zero, total = poor_households /
    poor_rate_pct * 100 (``"derived_poor"``); failing that, the same from the near-poor count and rate
    (``"derived_near_poor"``). Rates are published rounded (to 0.01 pp at best), so a derived total
    carries a relative error up to about 0.005 / rate (0.16 % at a 3.2 % rate).

    Returns
    -------
    pandas.DataFrame
        ``panel`` with ``total_used`` (float) and ``total_source`` (str or NA) added.
    """
    out = panel.copy()

    def num(column):
        if column not in out:
            return pd.Series(np.nan, index=out.index)
        return pd.to_numeric(out[column], errors="coerce").astype(float)

    reported = num("total_households")
    from_poor = num("poor_households") / num("poor_rate_pct").where(num("poor_rate_pct") > 0) * 100
    from_near = num("near_poor_households") / num("near_poor_rate_pct").where(num("near_poor_rate_pct") > 0) * 100
    out["total_used"] = reported.fillna(from_poor).fillna(from_near)
    source = pd.Series(pd.NA, index=out.index, dtype="string")
    source[from_near.notna()] = "derived_near_poor"
    source[from_poor.notna()] = "derived_poor"
    source[reported.notna()] = "reported"
    out["total_source"] = source
    return out


def aggregate_to_34(panel: pd.DataFrame, *, complete_only: bool = False) -> pd.DataFrame:
    """Aggregate a panel of the 63 units to the 34 units, weighting by households.

    For each new unit and year, over the old units (parts) that are covered:
    ``poor_rate_pct = 100 * sum(poor_households) / sum(total_households)`` and the same for the
    near-poor; never a plain mean of rates. A part is covered (for the poor rate) when its poor
    count and its total households are known; the total is the reported one or, failing that, one
    derived from a count and its rate (:func:`household_totals`); ``derived_total`` says so.

    Parameters
    ----------
    panel : pandas.DataFrame
        The processed ``poverty_panel`` layout: ``province_code`` (63-unit codes), ``year``,
        ``poor_households``, ``poor_rate_pct``, ``near_poor_households``, ``near_poor_rate_pct``,
        ``total_households``. Rows with ``regime`` other than ``"63"`` are ignored.
    complete_only : bool
        Blank the figures (NA) of new units whose parts are not all covered.

    Returns
    -------
    pandas.DataFrame
        One row per new unit and year with data: ``province_code`` (34-unit code), ``province``,
        ``regime`` (``"34"``), ``year``, ``poor_households``, ``total_households``, ``poor_rate_pct``,
        ``near_poor_households``, ``near_poor_rate_pct``, ``derived_total`` (a covered part's total was
        derived), ``n_parts``, ``n_covered``, ``coverage`` (covered parts / all parts), ``complete``,
        ``near_poor_coverage``, ``parts_covered`` and ``parts_missing`` (63-unit codes, ``;``-separated).
        Figures of incomplete units describe only their covered parts.
    """
    frame = panel
    if "regime" in frame:
        frame = frame[frame["regime"].astype(str) == "63"]
    if frame[["province_code", "year"]].duplicated().any():
        raise ValueError("panel has more than one row per province_code and year")
    frame = household_totals(frame)
    frame = frame.assign(province_code=frame["province_code"].astype(str).str.zfill(2))
    frame["new_code"] = [provinces.successor(c).code for c in frame["province_code"]]

    def num(part, column):
        if column not in part:
            return pd.Series(np.nan, index=part.index)
        return pd.to_numeric(part[column], errors="coerce").astype(float)

    rows = []
    for (new, year), part in frame.groupby(["new_code", "year"], sort=True):
        all_parts = [u.code for u in provinces.predecessors(new)]
        poor, near, total = num(part, "poor_households"), num(part, "near_poor_households"), part["total_used"]
        covered = poor.notna() & total.notna()
        near_covered = near.notna() & total.notna()
        covered_codes = sorted(part.loc[covered, "province_code"])
        poor_sum, total_sum = poor[covered].sum(), total[covered].sum()
        near_total = total[near_covered].sum()
        row = {
            "province_code": new, "province": provinces.get(new, "34").name_vi, "regime": "34", "year": year,
            "poor_households": poor_sum if covered.any() else np.nan,
            "total_households": total_sum if covered.any() else np.nan,
            "poor_rate_pct": 100 * poor_sum / total_sum if covered.any() and total_sum > 0 else np.nan,
            "near_poor_households": near[near_covered].sum() if near_covered.any() else np.nan,
            "near_poor_rate_pct": (100 * near[near_covered].sum() / near_total
                                   if near_covered.any() and near_total > 0 else np.nan),
            "derived_total": bool((part.loc[covered, "total_source"] != "reported").any()),
            "n_parts": len(all_parts), "n_covered": len(covered_codes),
            "coverage": len(covered_codes) / len(all_parts),
            "near_poor_coverage": int(near_covered.sum()) / len(all_parts),
            "parts_covered": ";".join(covered_codes),
            "parts_missing": ";".join(c for c in all_parts if c not in covered_codes),
        }
        row["complete"] = row["n_covered"] == row["n_parts"]
        rows.append(row)
    columns = ["province_code", "province", "regime", "year", "poor_households", "total_households",
               "poor_rate_pct", "near_poor_households", "near_poor_rate_pct", "derived_total", "n_parts",
               "n_covered", "coverage", "complete", "near_poor_coverage", "parts_covered", "parts_missing"]
    out = pd.DataFrame(rows, columns=columns)
    if complete_only and len(out):
        figures = ["poor_households", "total_households", "poor_rate_pct", "near_poor_households",
                   "near_poor_rate_pct"]
        out.loc[~out["complete"], figures] = np.nan
    for column in ("poor_households", "total_households", "poor_rate_pct", "near_poor_households",
                   "near_poor_rate_pct", "coverage", "near_poor_coverage"):
        out[column] = out[column].astype("Float64")
    for column in ("n_parts", "n_covered"):
        out[column] = out[column].astype("Int64")
    for column in ("province_code", "province", "regime", "parts_covered", "parts_missing"):
        out[column] = out[column].astype("string")
    return out.reset_index(drop=True)


__all__ = ["choropleth", "locator", "small_multiples", "aggregate_to_34", "household_totals", "classify", "shapes",
           "FALLBACK_NOTE"]
