"""Targets in the documents and the national goals of Decision 90/QĐ-TTg against reported results, as data.

The table holds numbers, codes and the sources' own words only (titles, issuers, evidence phrases);
sentences and labels in the reader's language are the narrative's work.
"""

from __future__ import annotations

import pandas as pd

from study import load
from study.analysis import indicators, tracking
from study.registry import provinces

#: columns added to the :class:`study.analysis.tracking.Tracking` fields
DOCUMENT_COLUMNS = ["origin", "doc_id", "doc_ids", "title", "issuer", "doc_date", "evidence"]


def tracked() -> pd.DataFrame:
    """Every target with its status, the reason code and the numbers that decided it.

    Document targets are read from the coded facts (each distinct target once, see
    :func:`study.analysis.tracking.statements`; province-wide ones judged against the end-of-year
    review series and the documents' own end-of-year figures); national goals from
    ``programme_targets`` are judged against the national, ethnic-minority and poor-district
    aggregates.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``origin`` (``document`` / ``national``), the fields of
        :class:`~study.analysis.tracking.Tracking` (``fact_ids`` and ``sources`` joined by ``"; "``),
        ``doc_id`` (the document of the first statement; ``doc_ids`` all of them), ``title``,
        ``issuer`` and ``doc_date`` of that document (for a national goal: the source's title and
        date, and the legal basis as issuer), ``evidence`` (the phrase of the first statement), and
        ``source`` (the URL of that document); ``actual_source_title``, ``_date``, ``_publisher`` and
        ``_evidence`` (and the same for ``previous_source``) name the pages of the figures that
        decided the verdict.
    """
    facts = load.facts()
    review = load.poverty_review()
    obs = indicators.observations(review, facts)
    names = {u.code: u.name_vi for u in provinces.units("63")}
    docs = load.documents()
    districts = {d: x for d, x in zip(docs["doc_id"], docs["district"], strict=True) if isinstance(x, str) and x}
    reviewed = indicators.last_reviewed_year(review)
    document = tracking.tracking_frame(tracking.province_targets(facts, obs, names, districts, reviewed))
    document.insert(0, "origin", "document")
    _add_documents(document, facts, docs)
    programme = load.table("programme_targets").set_index("target_id")
    national = tracking.tracking_frame(
        tracking.national_targets(programme.reset_index(), load.table("aggregate_series"))
    )
    national.insert(0, "origin", "national")
    info = programme.reindex(national["target_id"])
    national["doc_id"], national["doc_ids"] = "", ""
    national["title"] = info["source_title"].fillna("").to_numpy()
    national["issuer"] = info["legal_basis"].fillna("").to_numpy()
    national["doc_date"] = info["source_date"].fillna("").astype(str).to_numpy()
    national["evidence"] = ""
    frame = pd.concat([document, national], ignore_index=True)
    _add_pages(frame, [review, load.table("aggregate_series")], facts, docs)
    columns = ["origin"] + [c for c in frame.columns if c not in DOCUMENT_COLUMNS] + DOCUMENT_COLUMNS[1:]
    return frame[columns]


#: what is said of the page behind the figure that decided a verdict (``actual_source``) and of its
#: comparison figure (``previous_source``): title, date, publisher and the phrase that shows the value
PAGE_FIELDS = ("title", "date", "publisher", "evidence")


def _add_pages(frame: pd.DataFrame, series: list[pd.DataFrame], facts: pd.DataFrame, docs: pd.DataFrame) -> None:
    """Name the pages of ``actual_source`` and ``previous_source``, so that no source note is a bare link.

    A review or aggregate row gives its title, date and source type, and its phrase where it shows the
    value (:func:`~study.analysis.findings.sources.evidence_for`); a coded document gives its title, date
    and issuer, and the phrase of its fact of that year and value.
    """
    from study.analysis.findings.sources import evidence_for, publisher, text

    rows = pd.concat(
        [s[["source_url", "source_title", "source_date", "source_type", "year", "value", "evidence"]] for s in series],
        ignore_index=True,
    )
    pages = {}
    for r in rows.to_dict("records"):
        pages.setdefault(
            text(r["source_url"]), (text(r["source_title"]), text(r["source_date"]), text(r["source_type"]))
        )
    for d in docs.to_dict("records"):
        for key in ("source", "source_url"):
            if text(d.get(key)):
                pages.setdefault(text(d[key]), (text(d.get("title")), text(d.get("doc_date")), publisher(d)))
    stated = pd.concat(
        [
            rows.rename(columns={"source_url": "url"})[["url", "year", "value", "evidence"]],
            facts.rename(columns={"source": "url"})[["url", "year", "value", "evidence"]],
        ],
        ignore_index=True,
    )
    phrases: dict[tuple, list[str]] = {}  # (url, year) -> the phrases stated there, in order
    for url, year, evidence in zip(stated["url"], stated["year"], stated["evidence"], strict=True):
        if pd.notna(year):
            phrases.setdefault((text(url), int(year)), []).append(text(evidence))
    for which in ("actual", "previous"):
        found = {field: [] for field in PAGE_FIELDS}
        for url, year, value in zip(
            frame[f"{which}_source"], frame[f"{which}_year"], frame[f"{which}_value"], strict=True
        ):
            title, date, publisher = pages.get(text(url), ("", "", ""))
            phrase = ""
            if text(url) and pd.notna(year) and pd.notna(value):
                same = phrases.get((text(url), int(year)), [])
                phrase = next((e for e in (evidence_for(value, x) for x in same) if e), "")
            for field, item in zip(PAGE_FIELDS, (title, date, publisher, phrase), strict=True):
                found[field].append(item)
        for field in PAGE_FIELDS:
            frame[f"{which}_source_{field}"] = found[field]


def _add_documents(frame: pd.DataFrame, facts: pd.DataFrame, docs: pd.DataFrame) -> None:
    """Give each document target its document's id, URL, title, issuer, date and evidence phrase."""
    fact = facts.set_index("fact_id")
    doc = docs.set_index("doc_id")
    first = frame["fact_ids"].str.split("; ").str[0]
    doc_id = fact["doc_id"].reindex(first).astype(str).to_numpy()
    frame["doc_id"] = doc_id
    frame["doc_ids"] = [
        "; ".join(dict.fromkeys(fact["doc_id"].reindex(ids.split("; ")).astype(str))) for ids in frame["fact_ids"]
    ]
    info = doc.reindex(doc_id)
    url = info["source"].where(info["source"].notna(), info["source_url"]).to_numpy()
    frame["source"] = [u if isinstance(u, str) and u else s for u, s in zip(url, frame["source"], strict=True)]
    urls = doc["source"].fillna("").astype(str)
    frame["sources"] = [
        "; ".join(dict.fromkeys(u for u in urls.reindex(ids.split("; ")).fillna("") if u) or [s])
        for ids, s in zip(frame["doc_ids"], frame["sources"], strict=True)
    ]
    frame["title"] = info["title"].fillna("").astype(str).to_numpy()
    frame["issuer"] = info["issuer"].fillna("").astype(str).to_numpy()
    frame["doc_date"] = info["doc_date"].fillna("").astype(str).to_numpy()
    frame["evidence"] = fact["evidence"].reindex(first).fillna("").astype(str).to_numpy()


def status_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Targets per origin and status."""
    counts = frame.groupby(["origin", "status"]).size().unstack(fill_value=0)
    return counts.reindex(columns=[c for c in tracking.STATUSES if c in counts.columns])
