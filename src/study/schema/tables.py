"""The raw tables: columns, keys, where their files live and which columns name the source."""

from __future__ import annotations

from study.schema.fields import (
    DOCUMENT_KINDS,
    FACT_KINDS,
    INDICATORS,
    MEASURE_CODES,
    REFERENCE_POINTS,
    SOURCE_TYPES,
    STANDARDS,
    Field,
    Table,
)


def _rate(name, description):
    return Field(name, "float", description, unit="percent", minimum=0, maximum=100)


def _count(name, description, unit="households"):
    return Field(name, "int", description, unit=unit, minimum=0)


_SOURCE_FIELDS = (
    Field("source_type", "enum", "kind of publisher, for the choice rule", values=SOURCE_TYPES, required=True),
    Field("source_url", "text", "URL the figure was read from", required=True, url="always"),
    Field("source_title", "text", "title of the source page or document"),
    Field("source_date", "date", "publication date of the source, where known"),
    Field("decision", "text", "decision that approved the figure, where stated"),
    Field("evidence", "text", "short verbatim phrase (at most 12 words) in which the figure stands", max_words=12),
    Field("note", "text", "remarks in the project's own words"),
)

# where a figure was read: the tail of tables that need no publisher type or evidence
_CITATION_FIELDS = (
    Field("source_url", "text", "URL the figure was read from", required=True, url="always"),
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
    Field(
        "reference_point",
        "enum",
        "end-of-year review, interim update or preliminary result",
        values=REFERENCE_POINTS,
        required=True,
    ),
)

POVERTY_REVIEW = Table(
    name="poverty_review_raw",
    description="Results of the annual poor and near-poor household reviews by province and year, one row "
    "per source (conflicting figures are separate rows).",
    raw="statistics/poverty_review/*.csv",
    fields=(
        Field("province", "text", "province name as written (resolved through the registry)", required=True),
        Field("regime", "enum", "which set of units the province belongs to", values=("63", "34"), required=True),
        Field(
            "year",
            "year",
            "review year (the end-of-year review of that year)",
            required=True,
            minimum=2015,
            maximum=2030,
        ),
        *_MEASURE_FIELDS,
        *_SOURCE_FIELDS[:-1],
        Field(
            "doubtful",
            "text",
            "empty, or why the source cannot be trusted (a site unrelated to the subject, a "
            "spam copy); a doubtful row is kept for the record and never chosen",
        ),
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
        Field(
            "level",
            "enum",
            "level of aggregation",
            required=True,
            values=("national", "region", "poor_districts", "ethnic_minority"),
        ),
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
    raw="documents/documents*.csv",
    key=("doc_id",),
    fields=(
        Field("doc_id", "text", "document id", required=True),
        Field("title", "text", "title as in the document", required=True),
        Field("locality", "text", "locality the document is about", required=True),
        Field(
            "locality_level", "enum", "level of the locality", values=("province", "district", "commune"), required=True
        ),
        Field("province", "text", "province (63-unit regime) the locality lies in", required=True),
        Field("district", "text", "district, for district documents"),
        Field("issuer", "text", "issuing body"),
        Field("doc_date", "date", "date of the document"),
        Field("date_note", "text", "how the date was read"),
        Field("kind", "enum", "kind of document", values=DOCUMENT_KINDS, required=True),
        Field("language", "text", "language code"),
        Field("source", "text", "file name of the seed text, or URL", required=True, url="maybe"),
        Field("source_url", "text", "URL of the document, where known", url="always"),
        Field("note", "text", "remarks"),
    ),
)

FACTS = Table(
    name="facts",
    description="Numbers the documents state, coded with indicator, unit, year, kind and scope.",
    raw="documents/facts*.csv",
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
        Field("source", "text", "seed file name or URL", required=True, url="maybe"),
    ),
)

MEASURES = Table(
    name="measures",
    description="Measures the documents commit to, coded after the seven projects of Decision 90/QĐ-TTg and "
    "cross-cutting instruments.",
    raw="documents/measures*.csv",
    key=("doc_id", "measure_code"),
    fields=(
        Field("doc_id", "text", "document id", required=True),
        Field("measure_code", "enum", "measure code", values=MEASURE_CODES, required=True),
        Field("evidence", "text", "verbatim phrase (at most 12 words)", max_words=12),
        Field("char_start", "int", "start offset of the evidence", minimum=0),
        Field("char_end", "int", "end offset of the evidence", minimum=0),
        Field("note", "text", "remarks"),
        Field("source", "text", "seed file name or URL", required=True, url="maybe"),
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

ALIASES = Table(
    name="aliases",
    description="Other spellings and abbreviations of unit names, each tied to one code of one regime.",
    raw="admin/aliases.csv",
    key=("alias", "regime", "code"),
    fields=(
        Field("alias", "text", "the other spelling", required=True),
        Field("regime", "enum", "which set of units the code belongs to", values=("63", "34"), required=True),
        Field("code", "code", "GSO code in that regime", required=True),
        Field("kind", "text", "variant, abbreviation, former name, ..."),
        Field("source", "text", "where the spelling is used", required=True),
    ),
)

STATUS_CHANGES = Table(
    name="status_changes",
    description="Changes of a unit's status other than the 2025 merger (a province that became a centrally-run "
    "city), with the date it took effect.",
    raw="admin/status_changes.csv",
    key=("code", "regime", "date"),
    fields=(
        Field("code", "code", "GSO code", required=True),
        Field("regime", "enum", "regime of the code", values=("63", "34"), required=True),
        Field("date", "date", "date the change took effect", required=True),
        Field("change", "enum", "what changed", values=("centrally_run_city",), required=True),
        Field("name_after", "text", "name of the unit after the change", required=True),
        Field("legal_basis", "text", "the act that made the change", required=True),
        Field("source_url", "text", "URL the change was read from", required=True),
        Field("source_title", "text", "title of the source page"),
        Field("evidence", "text", "short verbatim phrase (at most 12 words)", max_words=12),
    ),
    source_fields=("source_url",),
)

SEARCH_LOG = Table(
    name="search_log",
    description="Province-years still without an end-of-year review figure after a search, with what was tried: "
    "'no data' on a map means searched and not found.",
    raw="statistics/search_log.csv",
    key=("province", "year"),
    fields=(
        Field("province", "text", "province name (63 units)", required=True),
        Field("year", "year", "review year searched for", required=True, minimum=2015, maximum=2030),
        Field("queries", "text", "the queries tried, separated by ' | '", required=True),
        Field("found", "text", "what was found, in the project's own words", required=True),
        Field("searched_on", "date", "date of the search", required=True),
        Field("note", "text", "remarks"),
    ),
    source_fields=(),
)

RAW_TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        PROVINCES_63,
        PROVINCES_34,
        MERGER_2025,
        ALIASES,
        POVERTY_REVIEW,
        AGGREGATES,
        GSO_SURVEY,
        DOCUMENTS,
        FACTS,
        MEASURES,
        TARGETS,
        SEARCH_LOG,
        STATUS_CHANGES,
    )
}
