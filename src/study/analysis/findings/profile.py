"""The findings of a province profile, computed once from the processed data.

Rules (each shown on the page as it is applied):

* **One value per year and indicator.** The year's end-of-year review figure; else, for the rate,
  zero when the end-of-year review counted no poor household (caveat ``zero_count``); else a figure
  the province's documents state as actual (caveat ``document_figure``); else an interim or
  preliminary review figure (caveat ``interim``/``preliminary``: shown, never compared). A document
  that states the same value as an interim or preliminary review figure adds its source to it.
* **Changes** are computed between consecutive final figures only (not interim or preliminary).
* **Context in the same year**: the nation and the region are compared in the year of the
  province's latest rate; a missing aggregate is said, not replaced by another year's.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

from study.analysis.findings.data import Tables
from study.analysis.findings.model import Change, Context, Finding
from study.analysis.findings.sources import (
    aggregate_finding,
    document_finding,
    review_finding,
    survey_finding,
    text,
)
from study.analysis.indicators import FIRST_REVIEW_YEAR, NOT_YEAR_END, observable_facts, zero_count_rates
from study.registry import provinces
from study.registry.provinces import Unit

YEARS = (2021, 2022, 2023, 2024, 2025)
"""The programme's years: a year of these without a rate is said to be missing."""


@dataclass
class ProvinceFindings:
    """What a province profile says, as data (see the module docstring for the rules)."""

    unit: Unit
    successor: Unit
    merged_with: list[Unit]
    status_change: dict | None
    rates: list[Finding]
    counts: list[Finding]
    near_poor: list[Finding]
    changes: list[Change]
    missing_years: list[int]
    context: Context | None
    estimates: list[Finding]
    survey: list[Finding]
    measures: list[str]
    documents: list[dict]
    conflict_years: list[int]
    national_series: list[Finding] = field(default_factory=list)
    regional_series: list[Finding] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    """Tracked targets of the province's own documents (rows of :func:`study.analysis.targets.tracked`)."""

    def findings(self) -> list[Finding]:
        """Every number the page can show."""
        out = [*self.rates, *self.counts, *self.near_poor, *self.estimates, *self.survey]
        if self.context is not None:
            out += [f for f in (self.context.national, self.context.regional) if f is not None]
        return out

    def rate(self, year: int) -> Finding | None:
        """The page's one poor-household rate of ``year``, if any."""
        return next((f for f in self.rates if f.year == year), None)


def _pick(review: pd.DataFrame, indicator: str, year: int, area: str) -> Finding | None:
    rows = review[(review["indicator"] == indicator) & (review["year"] == year)]
    for point in ("end_of_year", "interim", "preliminary"):
        chosen = rows[rows["reference_point"] == point]
        if len(chosen):
            return review_finding(chosen.iloc[0].to_dict(), area)
    return None


def _document_actual(
    observable: pd.DataFrame, documents: pd.DataFrame, indicator: str, year: int, area: str
) -> Finding | None:
    """A document's figure for the year, only when it may stand for the year's result of this province.

    ``observable`` is :func:`study.analysis.indicators.observable_facts` of the province's facts: it
    leaves out figures the coder noted as interim, start-of-year, of a merged or former territory, or
    under another poverty standard, and flagged ones.
    """
    facts = observable
    f = facts[
        (facts["indicator"] == indicator)
        & (facts["year"] == year)
        & (facts["scope"] == "province")
        & facts["kind"].isin(["actual", "baseline"])
        & facts["value"].notna()
    ]
    if f.empty:
        return None
    f = f.assign(_kind=(f["kind"] != "actual").astype(int)).sort_values(["_kind", "fact_id"])
    return document_finding(f.iloc[0].to_dict(), documents, area)


def _series(
    review: pd.DataFrame,
    facts: pd.DataFrame,
    documents: pd.DataFrame,
    indicator: str,
    area: str,
    count: str | None = None,
) -> list[Finding]:
    """One finding per year (see the module docstring for the order of preference)."""
    years = sorted(
        set(review.loc[review["indicator"] == indicator, "year"].astype(int))
        | set(facts.loc[(facts["indicator"] == indicator) & facts["year"].notna(), "year"].astype(int))
        | (set(review.loc[review["indicator"] == count, "year"].astype(int)) if count else set())
    )
    observable = observable_facts(facts)  # once per series, not once per year
    out = []
    for year in years:
        found = _pick(review, indicator, year, area)
        if found is not None and not found.final and count:
            zero = _zero_count(review, year, area, indicator)
            found = zero or found
        if found is None and count:
            found = _zero_count(review, year, area, indicator)
        if found is None or not found.final:
            stated = _document_actual(observable, documents, indicator, year, area)
            if stated is not None and found is not None and stated.value == found.value:
                # the same value as the interim or preliminary review figure: that label is the more exact
                found = replace(found, sources=found.sources + stated.sources)
            else:
                found = stated or found
        if found is not None:
            out.append(found)
    return out


def _zero_count(review: pd.DataFrame, year: int, area: str, indicator: str) -> Finding | None:
    """A rate of zero when the year's end-of-year review counted no household of the kind."""
    rows = zero_count_rates(review)
    rows = rows[(rows["indicator"] == indicator) & (rows["year"] == year)] if len(rows) else rows
    if rows.empty:
        return None
    base = review_finding(rows.iloc[0].to_dict(), area, ("zero_count",))
    return Finding(
        indicator=indicator,
        value=0.0,
        unit="percent",
        year=year,
        area=area,
        series="review",
        reference_point="end_of_year",
        caveats=base.caveats,
        sources=base.sources,
    )


def _changes(rates: list[Finding]) -> list[Change]:
    """Year-to-year changes between final figures; a bound ("dưới 1,7%", "hơn 17%") is not a figure to subtract."""
    final = [f for f in rates if f.final and f.value is not None and not f.qualifier]
    return [Change(a, b, round(b.value - a.value, 3)) for a, b in zip(final, final[1:], strict=False)]


def _context(tables: Tables, unit: Unit, year: int) -> Context:
    a = tables.aggregates
    a = a[
        (a["indicator"] == "poor_rate_pct")
        & (a["standard"] == "nd07_2021")
        & (a["year"] == year)
        & (a["reference_point"] == "end_of_year")
    ]
    national = a[a["level"] == "national"]
    regional = a[(a["level"] == "region") & (a["area"] == unit.region)]
    return Context(
        year=year,
        national=aggregate_finding(national.iloc[0].to_dict()) if len(national) else None,
        regional=aggregate_finding(regional.iloc[0].to_dict()) if len(regional) else None,
    )


def _context_year(tables: Tables, unit: Unit, rates: list[Finding]) -> int:
    """The year to set the province beside the country and its region.

    The latest year of the province's end-of-year figures (any figure if it has none) for which a
    national or regional end-of-year rate exists; else its latest year, so that the page says that
    figure is missing. An interim 2025 figure is thus never compared with a 2025 aggregate that does
    not exist while 2024 has all three.
    """
    final = sorted({f.year for f in rates if f.final}, reverse=True)
    years = final or sorted({f.year for f in rates}, reverse=True)
    for year in years:
        context = _context(tables, unit, year)
        if context.national is not None or context.regional is not None:
            return year
    return years[0]


def _aggregate_series(tables: Tables, level: str, area: str | None = None) -> list[Finding]:
    a = tables.aggregates
    a = a[
        (a["indicator"] == "poor_rate_pct")
        & (a["standard"] == "nd07_2021")
        & (a["level"] == level)
        & (a["reference_point"] == "end_of_year")
    ]
    if area is not None:
        a = a[a["area"] == area]
    return [aggregate_finding(r) for r in a.sort_values("year").to_dict("records")]


def _status_change(tables: Tables, unit: Unit) -> dict | None:
    s = tables.status_changes
    rows = s[(s["code"] == unit.code) & (s["regime"] == "63")]
    if rows.empty:
        return None
    row = rows.iloc[0].to_dict()
    return {k: text(v) for k, v in row.items()}


def province_findings(province: str, tables: Tables | None = None) -> ProvinceFindings:
    """Compute the findings of one province of the 63.

    Parameters
    ----------
    province : str
        Any spelling the registry accepts.
    tables : Tables, optional
        The processed tables (default: read once with :meth:`Tables.load`).

    Returns
    -------
    ProvinceFindings
    """
    tables = tables or Tables.load()
    unit = provinces.resolve(province, "63")
    code = unit.code
    review = tables.review[(tables.review["province_code"] == code) & (tables.review["regime"] == "63")]
    facts = tables.facts[tables.facts["province_code"] == code]
    docs = tables.documents[tables.documents["province_code"] == code]
    rates = _series(review, facts, docs, "poor_rate_pct", code, count="poor_households")
    counts = _series(review, facts, docs, "poor_households", code)
    near = _series(review, facts, docs, "near_poor_rate_pct", code, count="near_poor_households")
    covered = {f.year for f in rates}
    missing = [y for y in YEARS if y not in covered]
    context = _context(tables, unit, _context_year(tables, unit, rates)) if covered else None
    estimates = facts[
        (facts["kind"] == "estimate")
        & (facts["indicator"] == "poor_rate_pct")
        & (facts["scope"] == "province")
        & facts["value"].notna()
        & facts["year"].notna()
        & (pd.to_numeric(facts["year"], errors="coerce") >= FIRST_REVIEW_YEAR)
        & ~facts["note"].fillna("").astype(str).str.contains(NOT_YEAR_END)
        & facts["flag"].fillna("").astype(str).eq("")
    ]
    survey = tables.survey[
        (tables.survey["province_code"] == code)
        & tables.survey["poor_rate_pct"].notna()
        & (tables.survey["series"] == "gso_multidimensional_survey")
    ]
    if context is not None:
        same = survey[survey["year"] == context.year]
        context.survey = survey_finding(same.iloc[0].to_dict(), code) if len(same) else None
    successor = provinces.successor(code)
    merged_with = [u for u in provinces.predecessors(successor.code) if u.code != code]
    m = tables.measures[tables.measures["province_code"] == code]
    from study.schema import MEASURE_CODES

    return ProvinceFindings(
        unit=unit,
        successor=successor,
        merged_with=merged_with,
        status_change=_status_change(tables, unit),
        rates=rates,
        counts=counts,
        near_poor=near,
        changes=_changes(rates),
        missing_years=missing,
        context=context,
        estimates=[
            document_finding(r, docs, code)
            for r in estimates.sort_values("fact_id").drop_duplicates(["doc_id", "year", "value"]).to_dict("records")
        ],
        survey=[survey_finding(r, code) for r in survey.sort_values("year").to_dict("records")],
        measures=[c for c in MEASURE_CODES if c in set(m["measure_code"])],
        documents=[{k: text(v) for k, v in r.items()} for r in docs.sort_values("doc_id").to_dict("records")],
        conflict_years=sorted({f.year for f in rates + counts if "conflict" in f.caveats}),
        national_series=_aggregate_series(tables, "national"),
        regional_series=_aggregate_series(tables, "region", unit.region),
        targets=_targets(tables, code),
    )


def _targets(tables: Tables, code: str) -> list[dict]:
    """The province's own targets, the judged ones first, then in document order."""
    if tables.targets is None or tables.targets.empty:
        return []
    t = tables.targets
    t = t[(t["origin"] == "document") & (t["province_code"] == code)].copy()
    t["_unknown"] = (t["status"] == "unknown").astype(int)
    return t.sort_values(["_unknown", "target_id"]).drop(columns="_unknown").to_dict("records")
