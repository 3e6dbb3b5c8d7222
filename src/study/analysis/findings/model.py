"""The findings model: plain data that every chart, table and sentence of a page renders from.

A :class:`Finding` holds one number with everything a reader needs to trust it: the value and its
unit, the year, the unit of territory, the series it belongs to, the reference point, the caveats
and the source rows it came from. A page computes its findings once; two sentences of one page can
therefore never pick different figures for the same year, and every number in the text can be
traced to its row.

Vocabulary
----------
series
    ``review`` (the annual poor and near-poor household review), ``document`` (a figure a coded
    policy document states), ``aggregate`` (national or regional review result), ``survey`` (the
    General Statistics Office's survey-based series, a different measure).
reference_point
    ``end_of_year``, ``interim``, ``preliminary`` (review and aggregates); empty for documents.
caveats
    ``interim``, ``preliminary`` (not the year's final review), ``conflict`` (sources disagree; the
    value follows the documented choice rule), ``zero_count`` (a rate of zero derived from a review
    that counted no poor household), ``survey_preliminary`` (GSO's "sơ bộ" figures),
    ``document_figure`` (stated in a policy document, not a review result), ``partial`` (a merged
    unit whose parts are not all covered).
"""

from __future__ import annotations

from dataclasses import dataclass, field

CAVEATS = ("interim", "preliminary", "conflict", "zero_count", "survey_preliminary", "document_figure", "partial")
SERIES = ("review", "document", "aggregate", "survey")


@dataclass(frozen=True)
class Source:
    """Where a number was read: a page or document, the raw row, and the verbatim phrase."""

    url: str
    title: str = ""
    date: str = ""
    publisher: str = ""
    evidence: str = ""
    row: str = ""
    decision: str = ""
    doc_id: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity for source notes: two rows read from the same page with the same phrase are one note."""
        return (self.url or self.doc_id or self.row, self.title, self.evidence)


@dataclass(frozen=True)
class Finding:
    """One number of a page, with its unit, year, series, reference point, caveats and sources."""

    indicator: str
    value: float | None
    unit: str
    year: int | None
    area: str
    series: str
    reference_point: str = ""
    kind: str = "actual"
    caveats: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    qualifier: str = ""

    def __post_init__(self):
        unknown = [c for c in self.caveats if c not in CAVEATS]
        if unknown or self.series not in SERIES:
            raise ValueError(
                f"finding {self.indicator} {self.year}: unknown caveat(s) {unknown} or series {self.series!r}"
            )

    @property
    def final(self) -> bool:
        """True for an end-of-year review result (or a document's stated actual figure): comparable."""
        return not ({"interim", "preliminary"} & set(self.caveats))


@dataclass(frozen=True)
class Change:
    """The change of a rate between two comparable findings, in percentage points."""

    before: Finding
    after: Finding
    points: float

    @property
    def mixed(self) -> bool:
        """True when the two figures come from different series (review and document)."""
        return self.before.series != self.after.series


@dataclass
class Context:
    """The nation and the province's region in the same year as the province's figure."""

    year: int
    national: Finding | None = None
    regional: Finding | None = None
    survey: Finding | None = None


@dataclass
class Collected:
    """Every finding of a page by role, in the order the page shows them."""

    items: dict[str, list[Finding]] = field(default_factory=dict)

    def add(self, role: str, finding: Finding | None) -> None:
        """Append ``finding`` under ``role`` (``None`` is ignored)."""
        if finding is not None:
            self.items.setdefault(role, []).append(finding)

    def all(self) -> list[Finding]:
        """Every finding, in role order."""
        return [f for group in self.items.values() for f in group]
