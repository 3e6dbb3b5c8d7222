"""One map: :func:`choropleth` of an indicator, :func:`locator` of one province."""

from __future__ import annotations

import math

import geopandas as gpd
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors
from matplotlib.patches import Patch

from study.load import geo
from study.present.maps import draw as d
from study.present.maps.classes import DEFAULT_SCHEME, class_labels, classify, decimals_for
from study.registry import provinces


def _same_values(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def map_title(label: str, year=None, regime=None, lang: str = "en") -> str:
    """Return a map title naming the indicator, the year(s) and the regime, e.g.
    ``"Poor household rate (%), 2024\\n63 units, before 1 July 2025"``."""
    head = f"{label}, {year}" if year is not None else label
    return f"{head}\n{d.regime_label(regime, lang)}" if regime is not None else head


def choropleth(
    data: pd.DataFrame,
    column: str,
    *,
    regime="63",
    layout="geo",
    scheme=DEFAULT_SCHEME,
    k: int = 5,
    bins=None,
    cmap="YlOrRd",
    ax=None,
    legend: bool = True,
    legend_title: str | None = None,
    units: str | None = None,
    title: str | None = None,
    missing_label: str | None = None,
    note: str | None = None,
    fmt: str | None = None,
    vmin=None,
    vmax=None,
    labels: bool = True,
    attribution: bool = True,
    figsize=None,
    partial=None,
    partial_label: str = "partial coverage",
    year=None,
    lang: str = "en",
    rounded: bool = True,
):
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
    scheme : {"fisher_jenks", "natural_breaks", "quantiles", "equal_interval"} or None
        ``mapclassify`` classification (breaks rounded, see ``rounded``); ``None`` draws an unclassed
        colour scale.
    k : int
        Number of classes.
    bins : sequence of float, optional
        Explicit class upper bounds (overrides ``scheme``); used to share classes between maps.
    cmap : str or matplotlib colormap
        Colours, light to dark for low to high.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted. When the figure already holds a map of
        the same ``column`` and ``regime``, this map uses its classes (one colour scale for the geo
        and tile layouts); when both would be the same tile grid (boundaries unavailable), ``ax`` is
        removed, the other panel takes its place and carries the fallback note, and it is returned.
    legend : bool
        Draw the legend (classes and the missing-data patch) or colour bar.
    legend_title, units : str, optional
        Legend title (defaults to ``column``) and units appended in brackets.
    title : str, optional
        Axes title; when omitted and ``year`` is given, a title naming the indicator, year and regime.
    missing_label : str, optional
        Legend label of missing data (default "no data" in ``lang``).
    note : str, optional
        A line added under the attribution (e.g. the source of the figures).
    fmt : str, optional
        Format of the class bounds (default: the decimals of the rounded breaks).
    vmin, vmax : float, optional
        Range of the unclassed scale (``scheme=None``).
    labels : bool
        Write the tile labels (tile layout).
    attribution : bool
        Write the attribution line (turned off by :func:`small_multiples`, which writes it once).
    figsize : tuple, optional
        Size of the new figure when ``ax`` is omitted.
    partial : sequence of str, optional
        Codes of units whose value covers only part of them: drawn with a dotted overlay and a legend entry.
    partial_label : str
        Legend label of that overlay.
    year : int or str, optional
        The year shown, for the default title.
    lang : {"en", "vi"}
        Language of the default title and missing-data label.
    rounded : bool
        Round computed class breaks (:func:`study.present.maps.classes.round_breaks`).

    Returns
    -------
    matplotlib.axes.Axes
    """
    regime = provinces.check_regime(regime)
    frame, used, fallback = d.shapes(regime, layout)
    values = d.values_for(data, column, frame, regime).to_numpy()
    missing_label = missing_label or d.word("no data", lang)
    other = d.sibling(ax, column, regime) if ax is not None else None
    shared_low = None
    if other is not None:
        info = other._study_map
        if used == "tiles" and info["layout"] == "tiles" and _same_values(values, info["values"]):
            if fallback and not info["fallback"]:
                d.fallback_note(other, d.word("fallback", lang) if fallback == d.FALLBACK_NOTE else fallback)
                info["fallback"] = True
            return d.merge_into(ax, other)
        if bins is None and scheme is not None and info.get("bins") is not None:
            bins, fmt, shared_low = info["bins"], fmt or info["fmt"], info["low"]
        if scheme is None and vmin is None and vmax is None:
            vmin, vmax = info.get("range", (None, None))
    missing = np.isnan(values)
    ax = ax if ax is not None else d.new_axes(used, regime, figsize)
    title_text = legend_title or column
    if units:
        title_text = f"{title_text} ({units})"
    handles, upper, scale_range, low = [], None, None, None
    if scheme is None and bins is None:
        colormap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
        lo = np.nanmin(values) if vmin is None and (~missing).any() else (vmin if vmin is not None else 0.0)
        hi = np.nanmax(values) if vmax is None and (~missing).any() else (vmax if vmax is not None else 1.0)
        scale_range = (lo, hi)
        norm = mcolors.Normalize(vmin=lo, vmax=hi if hi > lo else lo + 1)
        facecolors = [None if m else colormap(norm(v)) for v, m in zip(values, missing, strict=True)]
        if legend:
            mappable = plt.cm.ScalarMappable(norm=norm, cmap=colormap)
            bar = ax.figure.colorbar(mappable, ax=ax, shrink=0.35, pad=0.01, aspect=18)
            bar.set_label(title_text, fontsize=7)
            bar.ax.tick_params(labelsize=6)
            if missing.any():
                handles = d.legend_handles([], [], missing_label)
    else:
        computed = bins is None
        upper = classify(values, scheme or DEFAULT_SCHEME, k, bins, rounded=rounded)
        n = len(upper)
        colours = d.palette(cmap, n)
        index = np.clip(np.searchsorted(upper, values, side="left"), 0, max(n - 1, 0))
        facecolors = [None if m else colours[i] for i, m in zip(index, missing, strict=True)]
        low = float(np.nanmin(values)) if (~missing).any() else (upper[0] if n else 0.0)
        places = decimals_for(values) if computed and rounded and (~missing).any() else 1
        if shared_low is not None:
            low = shared_low
        elif computed and rounded:
            low = math.floor(round(low * 10**places, 6)) / 10**places
        elif n:
            low = min(low, float(upper[0]))
        fmt = fmt or "{:." + str(places) + "f}"
        handles = d.legend_handles(colours[:n], class_labels(upper, low, fmt), missing_label if missing.any() else None)
    d.draw(ax, frame, facecolors, missing, used)
    partial_codes = {str(c) for c in (list(partial) if partial is not None else [])}
    if partial_codes:
        chosen = frame["code"].astype(str).isin(partial_codes).to_numpy()
        geoms = d.mainland(frame) if used == "geo" else frame.geometry
        if chosen.any():
            gpd.GeoSeries(geoms[chosen].values).plot(
                ax=ax, facecolor="none", edgecolor="0.15", hatch="...", linewidth=0.6
            )
            handles = [*handles, Patch(facecolor="white", edgecolor="0.15", hatch="...", label=partial_label)]
    if used == "tiles" and labels:
        d.label_tiles(ax, frame, facecolors, missing, regime)
    if legend and handles:
        ax.legend(
            handles=handles,
            title=None if scheme is None and bins is None else title_text,
            fontsize=6,
            title_fontsize=7,
            frameon=False,
            **d.legend_place(used, regime),
        )
    if title is None and year is not None:
        title = map_title(title_text, year, regime, lang)
    if title:
        ax.set_title(title, fontsize=9)
    d.footer(ax, used, note, None if getattr(ax, "_study_panel", False) else fallback, attribution, lang)
    ax.set_label(f"study-map:{used}")
    ax._study_map = {
        "column": column,
        "regime": regime,
        "layout": used,
        "fallback": bool(fallback),
        "values": values,
        "bins": upper,
        "fmt": fmt,
        "range": scale_range,
        "low": low,
    }
    return ax


def attribution_for(layout: str = "geo", lang: str = "en") -> str:
    """The attribution line, in ``lang``, of the layout actually drawn (boundaries, or tiles when they are missing)."""
    used = "geo" if layout == "geo" and geo.available("63") else "tiles"
    return d.attribution_line(used, lang)


def locator(
    province,
    *,
    regime="63",
    layout="geo",
    ax=None,
    color="#c0392b",
    title: str | None = None,
    figsize=None,
    attribution: bool = True,
    lang: str = "en",
):
    """Draw a map with one province highlighted.

    Parameters
    ----------
    province : str
        Any spelling of the province name (resolved with :func:`study.registry.provinces.resolve`), or a code.
    regime : {"63", "34"}
    layout : {"geo", "tiles"}
        As in :func:`choropleth` (geo falls back to tiles, with a note, when boundaries are unavailable).
    ax : matplotlib.axes.Axes, optional
    color : str
        Fill of the province.
    title : str, optional
        Defaults to the province's name and the regime, e.g. "Bắc Ninh (63 units, before 1 July 2025)".
    figsize : tuple, optional
    attribution : bool
        Write the data attribution under the map (turn off when the figure carries it once for
        several maps; :func:`attribution_for` gives the line).
    lang : {"en", "vi"}
        Language of the default title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    regime = provinces.check_regime(regime)
    text = str(province).strip()
    unit = provinces.get(text, regime) if text.isdigit() else provinces.resolve(text, regime)
    frame, used, fallback = d.shapes(regime, layout)
    ax = ax if ax is not None else d.new_axes(used, regime, figsize)
    target = (frame["code"].astype(str) == unit.code).to_numpy()
    facecolors = [color if t else "0.87" for t in target]
    nothing = np.zeros(len(frame), dtype=bool)
    d.draw(ax, frame, facecolors, nothing, used)
    if used == "tiles":
        d.label_tiles(ax, frame, facecolors, nothing, regime, bold=unit.code)
    else:
        point = d.mainland(frame)[target].iloc[0].representative_point()
        ax.scatter(
            [point.x], [point.y], s=180, facecolors="none", edgecolors=color, linewidths=1.2, zorder=5, clip_on=False
        )
    ax.set_title(title or f"{unit.name_vi} ({d.regime_label(regime, lang)})", fontsize=9)
    d.footer(ax, used, None, fallback, attribution=attribution, lang=lang)
    ax.set_label(f"study-map:{used}")
    return ax
