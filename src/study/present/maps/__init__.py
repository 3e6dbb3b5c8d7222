"""Maps: choropleths, locator maps, small multiples and the tile-grid cartogram; Axes in, Axes out.

Two layouts:

* ``layout="geo"`` draws the province boundaries (:mod:`study.load.geo`, built by ``study build``).
  The mainland is drawn in the main axes, limited to about 102-110 E, 8-24 N; the archipelagos
  Hoàng Sa (part of Đà Nẵng) and Trường Sa (part of Khánh Hòa) are drawn, coloured like their
  province, in an inset at the lower right. Every map carries the boundary attribution
  (:data:`study.registry.geography.BOUNDARY_ATTRIBUTION`). When the boundary layers were not built,
  the map falls back to the tile grid and says so on the figure (:data:`FALLBACK_NOTE`); a figure
  that asked for a geo map and a tile map of the same values then shows one tile panel, not two.
* ``layout="tiles"`` draws the project's tile grid: one equal square per province, labelled, so
  that small provinces are as visible as large ones. :func:`cartogram` draws it as a figure of its
  own with a key to the three-letter codes.

Missing values are never drawn as zero: they are hatched and labelled ``"no data"`` in the legend.
Classes come from ``mapclassify`` (Fisher-Jenks by default, rounded to readable breaks) or from
explicit ``bins``; ``scheme=None`` gives an unclassed colour scale with a colour bar. Maps of the
same column on one figure share one colour scale.

:func:`aggregate_to_34` turns a panel of the 63 units into the 34 units, weighting by households.

Modules: :mod:`~study.present.maps.classes` (classification), :mod:`~study.present.maps.draw`
(shared drawing), :mod:`~study.present.maps.choropleth` (one map), :mod:`~study.present.maps.multiples`
(several maps, the cartogram), :mod:`~study.present.maps.aggregate` (63 -> 34).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from study import load
>>> from study.present import maps
>>> panel = load.poverty_panel()  # doctest: +SKIP
>>> ax = maps.choropleth(panel[panel.year == 2023], "poor_rate_pct", units="%", year=2023)  # doctest: +SKIP
"""

from __future__ import annotations

from study.present.maps.aggregate import aggregate_to_34, household_totals
from study.present.maps.choropleth import attribution_for, choropleth, locator, map_title
from study.present.maps.classes import DEFAULT_SCHEME, SCHEMES, classify, round_breaks
from study.present.maps.draw import (
    FALLBACK_NOTE,
    INSET_BOUNDS,
    INSET_BOX,
    LAYOUTS,
    MAIN_XLIM,
    MAIN_YLIM,
    MISSING_STYLE,
    TILE_GID,
    regime_label,
    shapes,
)
from study.present.maps.multiples import cartogram, small_multiples

__all__ = [
    "choropleth",
    "locator",
    "small_multiples",
    "cartogram",
    "aggregate_to_34",
    "household_totals",
    "classify",
    "round_breaks",
    "shapes",
    "attribution_for",
    "map_title",
    "regime_label",
    "FALLBACK_NOTE",
    "MISSING_STYLE",
    "MAIN_XLIM",
    "MAIN_YLIM",
    "INSET_BOUNDS",
    "INSET_BOX",
    "LAYOUTS",
    "SCHEMES",
    "DEFAULT_SCHEME",
    "TILE_GID",
]
