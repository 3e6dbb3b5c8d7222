"""Loaders for processed data: the one way notebooks and the analysis read data.

:mod:`study.load.tables` reads the tables, :mod:`study.load.geo` the boundary layers and tile grids.
The names below are the tables' loaders, so that ``from study import load; load.poverty_panel()`` works.
"""

from study.load.tables import (
    DataNotBuiltError,
    aggregates,
    crosswalk,
    documents,
    facts,
    gso_survey,
    measures,
    poverty_panel,
    poverty_review,
    poverty_sources,
    provinces_table,
    search_log,
    sources_of,
    table,
)

__all__ = [
    "DataNotBuiltError",
    "aggregates",
    "crosswalk",
    "documents",
    "facts",
    "gso_survey",
    "measures",
    "poverty_panel",
    "poverty_review",
    "poverty_sources",
    "provinces_table",
    "search_log",
    "sources_of",
    "table",
]
