"""Schemas of the raw tables: vocabularies, field and table declarations, and cell-by-cell validation.

``study.schema`` is the bottom of the package with the registry: the build, the loaders, the data
dictionary and the tests all read the same declarations.
"""

from study.schema.fields import (
    CODE_RE,
    DATE_RE,
    DOCUMENT_KINDS,
    FACT_KINDS,
    INDICATORS,
    MEASURE_CODES,
    MEASURE_LABELS,
    NUMBER_RE,
    REFERENCE_POINTS,
    SOURCE_TYPES,
    STANDARDS,
    Field,
    SchemaError,
    Table,
)
from study.schema.tables import (
    AGGREGATES,
    ALIASES,
    DOCUMENTS,
    FACTS,
    GSO_SURVEY,
    MEASURES,
    MERGER_2025,
    POVERTY_REVIEW,
    PROVINCES_34,
    PROVINCES_63,
    RAW_TABLES,
    SEARCH_LOG,
    STATUS_CHANGES,
    TARGETS,
)
from study.schema.validate import read_csv_text, validate

__all__ = [
    "AGGREGATES",
    "ALIASES",
    "CODE_RE",
    "DATE_RE",
    "DOCUMENT_KINDS",
    "DOCUMENTS",
    "FACT_KINDS",
    "FACTS",
    "GSO_SURVEY",
    "INDICATORS",
    "MEASURE_CODES",
    "MEASURE_LABELS",
    "MEASURES",
    "MERGER_2025",
    "NUMBER_RE",
    "POVERTY_REVIEW",
    "PROVINCES_34",
    "PROVINCES_63",
    "RAW_TABLES",
    "SEARCH_LOG",
    "STATUS_CHANGES",
    "REFERENCE_POINTS",
    "SOURCE_TYPES",
    "STANDARDS",
    "TARGETS",
    "Field",
    "SchemaError",
    "Table",
    "read_csv_text",
    "validate",
]
