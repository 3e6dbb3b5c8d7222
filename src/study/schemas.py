"""Table schemas for raw and processed data: one place, used by the build, the loaders and the tests.

A :class:`Table` declares its columns (:class:`Field`), its key and where its raw files live.
:func:`validate` reads a raw CSV as text and checks every cell, so that an error can name the file,
the line and what was expected; it returns a typed :class:`pandas.DataFrame`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# ---------------------------------------------------------------------------------------------
# vocabularies
# ---------------------------------------------------------------------------------------------
STANDARDS = ("nd07_2021", "qd59_2015", "provincial")
REFERENCE_POINTS = ("end_of_year", "interim", "preliminary")
SOURCE_TYPES = ("official_decision", "provincial_decision", "provincial_portal", "newspaper", "secondary")
INDICATORS = (
    "poor_rate_pct", "near_poor_rate_pct", "poor_near_poor_rate_pct", "poor_households",
    "near_poor_households", "poor_rate_reduction_pp", "poor_households_reduction",
    "houses_supported", "workers_supported", "budget_billion_vnd", "other",
)
FACT_KINDS = ("actual", "target", "baseline", "estimate")
MEASURE_CODES = (
    "P1", "P2", "P3", "P4", "P5", "P6", "P7", "CREDIT", "SOCIAL_ASSIST", "EMULATION",
    "LEADERSHIP", "MOBILISATION", "INTEGRATION",
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


def _rate(name, description):
    return Field(name, "float", description, unit="percent", minimum=0, maximum=100)


def _count(name, description, unit="households"):
    return Field(name, "int", description, unit=unit, minimum=0)


_SOURCE_FIELDS = (
    Field("source_type", "enum", "kind of publisher, for the choice rule", values=SOURCE_TYPES, required=True),
    Field("source_url", "text", "URL the figure was read from", required=True),
    Field("source_title", "text", "title of the source page or document"),
    Field("source_date", "date", "publication date of the source, where known"),
    Field("decision", "text", "decision that approved the figure, where stated"),
    Field("evidence", "text", "short verbatim phrase (at most 12 words) in which the figure stands", max_words=12),
    Field("note", "text", "remarks in the project's own words"),
)

# where a figure was read: the tail of tables that need no publisher type or evidence
_CITATION_FIELDS = (
    Field("source_url", "text", "URL the figure was read from", required=True),
    Field("source_title", "text", "title of the source page or document"),
    Field("source_date", "date", "publication date of the source, where known"),
    Field("note", "text", "remarks in the project's own words"),
)

_MEASURE_FIELDS = (
    Field("poor_households", "int", "poor households", unit="households", minimum=0),
    _rate("poor_rate_pct", "poor households as a share of all households"),
    _count("near_poor_households", "near-poor households"),
    _rate("near_poor_rate_pct", "near-poor households as a share of all households"),
    _count("total_households", "all households of the unit, where the source gives it"),
    _count("poor_near_poor_households", "poor and near-poor households together"),
    _rate("poor_near_poor_rate_pct", "poor and near-poor households together (multidimensional poverty rate)"),
    Field("standard", "enum", "poverty standard behind the figure", values=STANDARDS, required=True),
    Field("reference_point", "enum", "end-of-year review, interim update or preliminary result",
          values=REFERENCE_POINTS, required=True),
)

POVERTY_REVIEW = Table(
    name="poverty_review_raw",
    description="Results of the annual poor and near-poor household reviews by province and year, one row "
    "per source (conflicting figures are separate rows).",
    raw="statistics/poverty_review/*.csv",
    fields=(
        Field("province", "text", "province name as written (resolved through the registry)", required=True),
        Field("regime", "enum", "which set of units the province belongs to", values=("63", "34"), required=True),
        Field("year", "year", "review year (the end-of-year review of that year)", required=True,
              minimum=2015, maximum=2030),
        *_MEASURE_FIELDS,
        *_SOURCE_FIELDS[:-1],
        Field("doubtful", "text", "empty, or why the source cannot be trusted (a site unrelated to the subject, a "
              "spam copy); a doubtful row is kept for the record and never chosen"),
        _SOURCE_FIELDS[-1],
    ),
    source_fields=("source_url",),
)

AGGREGATES = Table(
    name="aggregates",
    description="National, regional, poor-district and ethnic-minority results of the annual reviews.",
    raw="statistics/aggregates.csv",
    fields=(
        Field("year", "year", "review year", required=True, minimum=2015, maximum=2030),
        Field("level", "enum", "level of aggregation", required=True,
              values=("national", "region", "poor_districts", "ethnic_minority")),
        Field("area", "text", "name of the area", required=True),
        Field("poor_households", "int", "poor households", unit="households", minimum=0),
        _rate("poor_rate_pct", "poor-household rate"),
        _count("near_poor_households", "near-poor households"),
        _rate("near_poor_rate_pct", "near-poor household rate"),
        _count("poor_near_poor_households", "poor and near-poor households"),
        _rate("poor_near_poor_rate_pct", "poor and near-poor household rate"),
        Field("standard", "enum", "poverty standard", values=STANDARDS, required=True),
        Field("reference_point", "enum", "reference point", values=REFERENCE_POINTS, required=True),
        *_SOURCE_FIELDS,
    ),
    source_fields=("source_url",),
)

GSO_SURVEY = Table(
    name="gso_survey",
    description="General Statistics Office multidimensional poor-household rate (survey-based; a different "
    "measure from the Ministry's review).",
    raw="statistics/gso_survey_*.csv",
    key=("series", "year", "area"),
    fields=(
        Field("year", "year", "reference year", required=True, minimum=2010, maximum=2030),
        Field("area", "text", "province, region or nation", required=True),
        Field("level", "enum", "level", values=("province", "region", "national"), required=True),
        _rate("poor_rate_pct", "multidimensional poor-household rate (survey-based)"),
        Field("series", "text", "name of the statistical series", required=True),
        *_CITATION_FIELDS,
    ),
    source_fields=("source_url",),
)

PROVINCES_63 = Table(
    name="provinces_63",
    description="The 63 province-level units in force from 2008 to 30 June 2025.",
    raw="admin/provinces_63.csv",
    key=("code",),
    fields=(
        Field("code", "code", "GSO code (63-unit regime)", required=True),
        Field("name_vi", "text", "Vietnamese name", required=True),
        Field("name_ascii", "text", "name without diacritics", required=True),
        Field("kind", "enum", "province or centrally-run city", values=("tinh", "thanh_pho"), required=True),
        Field("region", "text", "GSO socio-economic region", required=True),
        Field("region_en", "text", "GSO region, English label", required=True),
        Field("source", "text", "source", required=True),
    ),
)

PROVINCES_34 = Table(
    name="provinces_34",
    description="The 34 province-level units in force since 1 July 2025.",
    raw="admin/provinces_34.csv",
    key=("code",),
    fields=(
        Field("code", "code", "code (34-unit regime)", required=True),
        Field("name_vi", "text", "Vietnamese name", required=True),
        Field("name_ascii", "text", "name without diacritics", required=True),
        Field("kind", "enum", "province or centrally-run city", values=("tinh", "thanh_pho"), required=True),
        Field("source", "text", "source", required=True),
    ),
)

MERGER_2025 = Table(
    name="merger_2025",
    description="Each unit of the 63 and the unit of the 34 it belongs to since 1 July 2025.",
    raw="admin/merger_2025.csv",
    key=("old_code",),
    fields=(
        Field("old_code", "code", "code in the 63-unit regime", required=True),
        Field("old_name", "text", "name in the 63-unit regime", required=True),
        Field("new_code", "code", "code in the 34-unit regime", required=True),
        Field("new_name", "text", "name in the 34-unit regime", required=True),
        Field("source", "text", "source", required=True),
    ),
)

DOCUMENTS = Table(
    name="documents",
    description="Policy documents (plans, conclusions, reports, articles) coded in the study.",
    raw="documents/documents.csv",
    key=("doc_id",),
    fields=(
        Field("doc_id", "text", "document id", required=True),
        Field("title", "text", "title as in the document", required=True),
        Field("locality", "text", "locality the document is about", required=True),
        Field("locality_level", "enum", "level of the locality", values=("province", "district", "commune"),
              required=True),
        Field("province", "text", "province (63-unit regime) the locality lies in", required=True),
        Field("district", "text", "district, for district documents"),
        Field("issuer", "text", "issuing body"),
        Field("doc_date", "date", "date of the document"),
        Field("date_note", "text", "how the date was read"),
        Field("kind", "enum", "kind of document", values=DOCUMENT_KINDS, required=True),
        Field("language", "text", "language code"),
        Field("source", "text", "file name of the seed text, or URL", required=True),
        Field("source_url", "text", "URL of the document, where known"),
        Field("note", "text", "remarks"),
    ),
)

FACTS = Table(
    name="facts",
    description="Numbers the documents state, coded with indicator, unit, year, kind and scope.",
    raw="documents/facts.csv",
    key=("fact_id",),
    fields=(
        Field("fact_id", "text", "fact id", required=True),
        Field("doc_id", "text", "document id", required=True),
        Field("indicator", "enum", "indicator", values=INDICATORS, required=True),
        Field("value", "float", "value (empty for a range)"),
        Field("value_min", "float", "lower end of a range"),
        Field("value_max", "float", "upper end of a range"),
        Field("unit", "text", "unit of the value", required=True),
        Field("year", "year", "year the value refers to", minimum=2000, maximum=2035),
        Field("year_end", "year", "end year of a period", minimum=2000, maximum=2035),
        Field("kind", "enum", "actual, target, baseline or estimate", values=FACT_KINDS, required=True),
        Field("scope", "text", "population or area the value covers", required=True),
        Field("qualifier", "text", "hơn, gần, trên, dưới, khoảng ... as written"),
        Field("evidence", "text", "verbatim phrase (at most 12 words)", max_words=12),
        Field("char_start", "int", "start offset of the evidence in the NFC text", minimum=0),
        Field("char_end", "int", "end offset of the evidence", minimum=0),
        Field("flag", "text", "date_error, ambiguous, inconsistent ..."),
        Field("note", "text", "remarks"),
        Field("source", "text", "seed file name or URL", required=True),
    ),
)

MEASURES = Table(
    name="measures",
    description="Measures the documents commit to, coded after the seven projects of Decision 90/QĐ-TTg and "
    "cross-cutting instruments.",
    raw="documents/measures.csv",
    key=("doc_id", "measure_code"),
    fields=(
        Field("doc_id", "text", "document id", required=True),
        Field("measure_code", "enum", "measure code", values=MEASURE_CODES, required=True),
        Field("evidence", "text", "verbatim phrase (at most 12 words)", max_words=12),
        Field("char_start", "int", "start offset of the evidence", minimum=0),
        Field("char_end", "int", "end offset of the evidence", minimum=0),
        Field("note", "text", "remarks"),
        Field("source", "text", "seed file name or URL", required=True),
    ),
)

TARGETS = Table(
    name="programme_targets",
    description="Goals, funding and targets of the national programme (Decision 90/QĐ-TTg and related decisions).",
    raw="programme/targets.csv",
    key=("target_id",),
    fields=(
        Field("target_id", "text", "stable id", required=True),
        Field("indicator", "text", "indicator (DESIGN vocabulary where it applies)", required=True),
        Field("scope", "text", "national, ethnic_minority, poor_districts, ...", required=True),
        Field("value", "float", "value (empty for a range)"),
        Field("value_min", "float", "lower end of a range, or a floor"),
        Field("value_max", "float", "upper end of a range"),
        Field("unit", "text", "unit", required=True),
        Field("period_start", "year", "first year of the period", minimum=2015, maximum=2035),
        Field("period_end", "year", "last year of the period", minimum=2015, maximum=2035),
        Field("kind", "enum", "target or funding", values=("target", "funding"), required=True),
        Field("legal_basis", "text", "decision that sets it", required=True),
        *_CITATION_FIELDS,
    ),
    source_fields=("source_url",),
)

RAW_TABLES: dict[str, Table] = {
    t.name: t
    for t in (PROVINCES_63, PROVINCES_34, MERGER_2025, POVERTY_REVIEW, AGGREGATES, GSO_SURVEY, DOCUMENTS, FACTS,
              MEASURES, TARGETS)
}


# ---------------------------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------------------------
def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV with every cell as NFC text (no type guessing, empty cells as ``""``)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame.columns = [unicodedata.normalize("NFC", c.strip()) for c in frame.columns]
    return frame.map(lambda v: unicodedata.normalize("NFC", v).strip())


def _parse(value: str, f: Field, where: str):
    """Parse one cell; raise SchemaError naming ``where`` and the expectation."""
    if value == "":
        if f.required:
            raise SchemaError(f"{where}: column {f.name!r} is empty; a value is required ({f.description})")
        return None
    if f.kind in ("int", "year", "float"):
        if not NUMBER_RE.match(value):
            hint = ""
            if re.match(r"^-?\d+,\d+$", value):
                hint = " (use a decimal point, not a comma: '8.92', not '8,92')"
            elif re.match(r"^-?\d{1,3}([.,]\d{3})+$", value):
                hint = " (write numbers without thousands separators)"
            raise SchemaError(f"{where}: column {f.name!r} has {value!r}; expected a number{hint}")
        number = float(value)
        if f.kind in ("int", "year"):
            if not number.is_integer():
                raise SchemaError(f"{where}: column {f.name!r} has {value!r}; expected a whole number")
            number = int(number)
        if f.minimum is not None and number < f.minimum:
            raise SchemaError(f"{where}: column {f.name!r} has {value}; expected at least {f.minimum:g}"
                              + (" (a count cannot be negative)" if f.minimum == 0 else ""))
        if f.maximum is not None and number > f.maximum:
            raise SchemaError(f"{where}: column {f.name!r} has {value}; expected at most {f.maximum:g}"
                              + (" (a rate in percent)" if f.unit == "percent" else ""))
        return number
    if f.kind == "code":
        if not CODE_RE.match(value):
            raise SchemaError(f"{where}: column {f.name!r} has {value!r}; expected a two-digit code such as '08'")
        return value
    if f.kind == "date":
        if not DATE_RE.match(value):
            raise SchemaError(f"{where}: column {f.name!r} has {value!r}; expected a date as YYYY-MM-DD")
        try:
            pd.Timestamp(value)
        except ValueError:
            raise SchemaError(f"{where}: column {f.name!r} has {value!r}, which is not a calendar date") from None
        return value
    if f.kind == "enum":
        if value not in f.values:
            raise SchemaError(f"{where}: column {f.name!r} has {value!r}; expected one of {', '.join(f.values)}")
        return value
    if f.max_words is not None and len(value.split()) > f.max_words:
        raise SchemaError(f"{where}: column {f.name!r} has {len(value.split())} words; "
                          f"expected at most {f.max_words}")
    return value


def validate(frame: pd.DataFrame, table: Table, path: Path | str) -> pd.DataFrame:
    """Check a raw text frame against ``table`` and return it typed.

    Parameters
    ----------
    frame : pandas.DataFrame
        Cells as text, as :func:`read_csv_text` returns them.
    table : Table
        The schema.
    path : path-like
        The file the frame came from, named in error messages.

    Returns
    -------
    pandas.DataFrame
        The declared columns in declared order, typed (``Int64``, ``Float64``, ``string``), plus a
        ``_line`` column with the CSV line number of each row.

    Raises
    ------
    SchemaError
        On a missing or unexpected column, an unparseable or out-of-range value, a missing source,
        or a duplicate key; the message names the file and the line.
    """
    missing = [c for c in table.columns if c not in frame.columns]
    if missing:
        raise SchemaError(f"{path}: missing column(s) {', '.join(missing)}; table {table.name!r} expects "
                          f"the columns {', '.join(table.columns)}")
    unexpected = [c for c in frame.columns if c not in table.columns]
    if unexpected:
        raise SchemaError(f"{path}: unexpected column(s) {', '.join(unexpected)}; table {table.name!r} expects "
                          f"the columns {', '.join(table.columns)}")
    records = []
    for position, row in enumerate(frame.to_dict("records")):
        line = position + 2  # line 1 is the header
        where = f"{path}, line {line}"
        parsed = {f.name: _parse(row[f.name], f, where) for f in table.fields}
        if table.source_fields and not any(parsed.get(s) for s in table.source_fields):
            raise SchemaError(f"{where}: no source; every row needs {' or '.join(table.source_fields)}")
        parsed["_line"] = line
        records.append(parsed)
    out = pd.DataFrame.from_records(records, columns=[*table.columns, "_line"])
    for f in table.fields:
        if f.kind in ("int", "year"):
            out[f.name] = pd.array(out[f.name].tolist(), dtype="Int64")
        elif f.kind == "float":
            out[f.name] = pd.array([None if v is None or (isinstance(v, float) and math.isnan(v)) else v
                                    for v in out[f.name].tolist()], dtype="Float64")
        else:
            out[f.name] = out[f.name].astype("string")
    if table.key:
        duplicated = out.duplicated(list(table.key), keep=False)
        if duplicated.any():
            lines = out.loc[duplicated, "_line"].tolist()
            sample = out.loc[duplicated, list(table.key)].iloc[0].tolist()
            raise SchemaError(f"{path}, lines {', '.join(map(str, lines))}: duplicate key "
                              f"{dict(zip(table.key, sample, strict=True))}; the key "
                              f"({', '.join(table.key)}) must be unique")
    return out
