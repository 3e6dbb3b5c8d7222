"""Figures of several maps: :func:`small_multiples` (one panel per year) and :func:`cartogram` (the tile grid
with a key to its codes)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import colors as mcolors

from study.load import geo
from study.present.maps import draw as d
from study.present.maps.choropleth import choropleth, map_title
from study.present.maps.classes import DEFAULT_SCHEME, class_labels, classify, decimals_for
from study.registry import provinces


def _years_text(years: list) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


def small_multiples(
    data: pd.DataFrame,
    column: str,
    years,
    *,
    regime="63",
    layout="geo",
    scheme=DEFAULT_SCHEME,
    k: int = 5,
    bins=None,
    cmap="YlOrRd",
    ncols: int | None = None,
    figsize=None,
    legend_title: str | None = None,
    units: str | None = None,
    suptitle: str | None = None,
    missing_label: str | None = None,
    note: str | None = None,
    fmt: str | None = None,
    lang: str = "en",
    rounded: bool = True,
):
    """Draw one map per year with one shared classification and one legend.

    Parameters
    ----------
    data : pandas.DataFrame
        ``province_code``, ``year`` and ``column``; one row per province and year.
    column : str
    years : sequence of int
        One panel per year, in this order.
    regime, layout, scheme, k, bins, cmap, legend_title, units, missing_label, note, fmt, lang, rounded
        As in :func:`choropleth`; the classes are computed once from the values of all ``years``
        (rounded breaks), so that a colour means the same in every panel.
    ncols : int, optional
        Panels per row (default: all in one row up to 5).
    figsize : tuple, optional
    suptitle : str, optional
        Default: the indicator, the years and the regime.

    Returns
    -------
    matplotlib.figure.Figure
    """
    regime = provinces.check_regime(regime)
    years = list(years)
    if "year" not in data:
        raise ValueError("data must have a 'year' column")
    missing_label = missing_label or d.word("no data", lang)
    pooled = data[data["year"].isin(years)]
    values = pd.to_numeric(pooled[column], errors="coerce").astype(float)
    classed = scheme is not None or bins is not None
    shared = classify(values, scheme or DEFAULT_SCHEME, k, bins, rounded=rounded) if classed else None
    places = decimals_for(values) if bins is None and rounded and values.notna().any() else 1
    fmt = fmt or "{:." + str(places) + "f}"
    title_text = (legend_title or column) + (f" ({units})" if units else "")
    if suptitle is None:
        suptitle = map_title(title_text, _years_text(years), regime, lang).replace("\n", " · ")
    ncols = ncols or min(len(years), 5)
    nrows = math.ceil(len(years) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=figsize or (2.6 * ncols, 3.3 * nrows + 1.3), squeeze=False)
    height = fig.get_figheight()
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.9 / height, top=1 - 0.65 / height, wspace=0.05, hspace=0.15)
    used = layout
    vmin, vmax = (values.min(), values.max()) if shared is None and values.notna().any() else (None, None)
    any_missing = False
    for ax, year in zip(axes.flat, years, strict=False):
        ax._study_panel = True
        frame = data[data["year"] == year]
        choropleth(
            frame,
            column,
            regime=regime,
            layout=layout,
            scheme=scheme,
            k=k,
            bins=shared,
            cmap=cmap,
            ax=ax,
            legend=False,
            title=str(year),
            fmt=fmt,
            vmin=vmin,
            vmax=vmax,
            attribution=False,
            missing_label=missing_label,
            lang=lang,
        )
        used = ax.get_label().split(":")[-1]
        any_missing |= len(frame[frame[column].notna()]) < len(provinces.units(regime))
    for ax in list(axes.flat)[len(years) :]:
        ax.set_axis_off()
    colormap = plt.get_cmap(cmap) if isinstance(cmap, str) else cmap
    if shared is not None and len(shared):
        low = float(values.min()) if values.notna().any() else float(shared[0])
        if bins is None and rounded:
            low = math.floor(round(low * 10**places, 6)) / 10**places
        handles = d.legend_handles(
            d.palette(cmap, len(shared)), class_labels(shared, low, fmt), missing_label if any_missing else None
        )
        fig.legend(
            handles=handles,
            title=title_text,
            loc="lower center",
            ncol=min(len(handles), 6),
            fontsize=6,
            title_fontsize=7,
            frameon=False,
            bbox_to_anchor=(0.5, 0.16 / fig.get_figheight()),
        )
    elif shared is None and vmin is not None:
        mappable = plt.cm.ScalarMappable(norm=mcolors.Normalize(vmin, vmax), cmap=colormap)
        bar = fig.colorbar(mappable, ax=list(axes.flat), orientation="horizontal", shrink=0.5, pad=0.04)
        bar.set_label(title_text, fontsize=7)
    lines = [d.attribution_line(used, lang)] + ([note] if note else [])
    if layout == "geo" and used == "tiles":
        lines.insert(0, d.word("fallback", lang))
    fig.text(0.01, 0.005, "\n".join(lines), ha="left", va="bottom", fontsize=6, color="0.3")
    fig.suptitle(suptitle, fontsize=10)
    return fig


def cartogram(
    data: pd.DataFrame | None = None,
    column: str | None = None,
    *,
    regime="63",
    lang: str = "en",
    scheme=DEFAULT_SCHEME,
    k: int = 5,
    bins=None,
    cmap="YlOrRd",
    legend_title: str | None = None,
    units: str | None = None,
    title: str | None = None,
    year=None,
    note: str | None = None,
    missing_label: str | None = None,
    figsize=None,
):
    """Draw the tile-grid cartogram as a figure of its own, with a key to its three-letter codes.

    Each province is one equal square (small provinces are as visible as large ones). In SVG, each
    label carries the id ``study-tile-<regime>-<code>`` so that the site can add the full name as a
    hover title.

    Parameters
    ----------
    data : pandas.DataFrame, optional
        ``province_code`` and ``column``; without data the grid is drawn in grey (a key map).
    column : str, optional
    regime : {"63", "34"}
    lang : {"en", "vi"}
        Language of the fixed words (key title, default titles).
    scheme, k, bins, cmap, legend_title, units, year, note, missing_label
        As in :func:`choropleth`.
    title : str, optional
        Default: the indicator, year and regime, or "Tile grid" and the regime without data.
    figsize : tuple, optional

    Returns
    -------
    matplotlib.figure.Figure
    """
    regime = provinces.check_regime(regime)
    tiles = geo.tile_frame(regime)
    fig = plt.figure(figsize=figsize or ((8.4, 8.2) if regime == "63" else (7.6, 7.4)))
    grid = fig.add_gridspec(1, 2, width_ratios=(2.2, 1.45), left=0.01, right=0.99, bottom=0.06, top=0.92, wspace=0.02)
    ax, key = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    if data is not None and column is not None:
        choropleth(
            data,
            column,
            regime=regime,
            layout="tiles",
            scheme=scheme,
            k=k,
            bins=bins,
            cmap=cmap,
            ax=ax,
            legend_title=legend_title,
            units=units,
            title="",
            note=None,
            attribution=False,
            missing_label=missing_label,
            lang=lang,
        )
        label = (legend_title or column) + (f" ({units})" if units else "")
        title = title or map_title(label, year, regime, lang)
    else:
        nothing = np.zeros(len(tiles), dtype=bool)
        grey = ["0.86"] * len(tiles)
        d.draw(ax, tiles, grey, nothing, "tiles")
        d.label_tiles(ax, tiles, grey, nothing, regime)
        ax.set_label("study-map:tiles")
        title = title or map_title(d.word("grid", lang), None, regime, lang)
    key.set_axis_off()
    entries = sorted(zip(tiles["label"], tiles["name_vi"], strict=True))
    per_column = math.ceil(len(entries) / 2)
    key.text(0.0, 1.0, d.word("key", lang), transform=key.transAxes, ha="left", va="top", fontsize=8, fontweight="bold")
    step = min(0.028, 0.95 / per_column)
    for i, (code, name) in enumerate(entries):
        x, y = (0.0 if i < per_column else 0.52), 0.955 - step * (i % per_column)
        key.text(
            x,
            y,
            code,
            transform=key.transAxes,
            ha="left",
            va="top",
            fontsize=6.5,
            family="monospace",
            fontweight="bold",
        )
        key.text(x + 0.13, y, name, transform=key.transAxes, ha="left", va="top", fontsize=6.5)
    fig.suptitle(title, fontsize=10)
    lines = [d.attribution_line("tiles", lang)] + ([note] if note else [])
    fig.text(0.01, 0.005, "\n".join(lines), ha="left", va="bottom", fontsize=6, color="0.3")
    return fig
