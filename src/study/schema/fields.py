"""Vocabularies and the :class:`Field` / :class:`Table` declarations that every schema is made of."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# vocabularies
# ---------------------------------------------------------------------------------------------
STANDARDS = ("nd07_2021", "qd59_2015", "provincial")
REFERENCE_POINTS = ("end_of_year", "interim", "preliminary")
SOURCE_TYPES = ("official_decision", "provincial_decision", "provincial_portal", "newspaper", "secondary")
INDICATORS = (
    "poor_rate_pct",
    "near_poor_rate_pct",
    "poor_near_poor_rate_pct",
    "poor_households",
    "near_poor_households",
    "poor_rate_reduction_pp",
    "poor_households_reduction",
    "houses_supported",
    "workers_supported",
    "budget_billion_vnd",
    "other",
)
FACT_KINDS = ("actual", "target", "baseline", "estimate")
MEASURE_CODES = (
    "P1",
    "P2",
    "P3",
    "P4",
    "P5",
    "P6",
    "P7",
    "CREDIT",
    "SOCIAL_ASSIST",
    "EMULATION",
    "LEADERSHIP",
    "MOBILISATION",
    "INTEGRATION",
)
MEASURE_LABELS = {
    "P1": "Infrastructure in poor districts and extremely difficult communes",
    "P2": "Livelihood diversification, poverty-reduction models",
    "P3": "Production support, nutrition",
    "P4": "Vocational training, sustainable employment",
    "P5": "Housing support",
    "P6": "Communication, information poverty",
    "P7": "Capacity building, monitoring and evaluation",
    "CREDIT": "Preferential credit",
    "SOCIAL_ASSIST": "Social assistance, insurance, tuition, electricity",
    "EMULATION": "Emulation movements",
    "LEADERSHIP": "Party resolutions, steering, named responsibility",
    "MOBILISATION": "Mobilising enterprises, funds, people",
    "INTEGRATION": "Integration with other national target programmes",
}
DOCUMENT_KINDS = ("plan", "conclusion", "report", "article", "resolution", "directive")

CODE_RE = re.compile(r"^\d{2}$")
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_RE = re.compile(r"^https?://[^\s\"'<>`\\]+$", re.IGNORECASE)
"""A web address the project accepts as a source: http or https, no white space, quotes, angle brackets,
backquotes or backslashes (so that it can be put into HTML or Markdown without escaping tricks)."""
SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^www\.", re.IGNORECASE)
MAX_DIGITS = 15
"""Numbers have at most this many digits before the decimal point (exact in float64 and Int64)."""


class SchemaError(ValueError):
    """Raw data that does not match its schema; the message names file, line and expectation."""


@dataclass(frozen=True)
class Field:
    """One column.

    ``kind`` is one of ``text``, ``int``, ``float``, ``date`` (ISO ``YYYY-MM-DD``), ``code``
    (two-digit GSO code), ``year``, ``enum`` (``values`` lists the allowed set).
    """

    name: str
    kind: str = "text"
    description: str = ""
    unit: str = ""
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    values: tuple[str, ...] = ()
    max_words: int | None = None
    url: str = ""
    """``"always"``: the cell is a web address (``http``/``https``, no white space, quotes or angle
    brackets); ``"maybe"``: a file name or a web address, checked as an address when it has a scheme
    (``xyz:``) or starts with ``www.``; ``""``: not an address."""

    @property
    def frictionless_type(self) -> str:
        return {"int": "integer", "year": "integer", "float": "number", "date": "date"}.get(self.kind, "string")


@dataclass(frozen=True)
class Table:
    """A table: its columns, its key, and the raw files it is read from (a glob under ``data/raw``)."""

    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ()
    raw: str = ""
    source_fields: tuple[str, ...] = ("source",)
    licence: str = "CC-BY-4.0"
    extra: dict = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)
