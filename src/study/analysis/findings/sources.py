"""Turning processed rows into :class:`~study.analysis.findings.model.Source` and ``Finding`` records."""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

import pandas as pd

from study.analysis.findings.model import Finding, Source

UNITS = {
    "poor_rate_pct": "percent",
    "near_poor_rate_pct": "percent",
    "poor_near_poor_rate_pct": "percent",
    "poor_households": "households",
    "near_poor_households": "households",
    "poor_near_poor_households": "households",
    "total_households": "households",
}


def text(value) -> str:
    """A cell as text: missing values become ``""``."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def spellings(value: float) -> set[str]:
    """How a source may print ``value``: ``1,93`` / ``1.93`` / ``1,930``; ``23.511`` / ``23,511`` / ``23511``."""
    value = float(value)
    out = set()
    if value.is_integer():
        whole = int(value)
        out |= {str(whole), f"{whole:,}", f"{whole:,}".replace(",", ".")}
    for decimals in (1, 2, 3):
        fixed = f"{value:.{decimals}f}"
        if float(fixed) == round(value, 3):
            out |= {fixed, fixed.replace(".", ",")}
    return out


#: a number as printed, whole: "0,24", "23.511", "1.93" (so that 0 is not read inside 0,24)
_PRINTED_NUMBER = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")


def evidence_for(value, evidence: str) -> str:
    """The evidence phrase if it shows ``value``; else ``""`` (a row's phrase may quote another of its figures).

    The phrase's numbers are compared whole (``0`` is not shown by ``0,24%``); a zero stated in words
    (``không còn hộ nghèo``, a phrase with no number) is shown by its phrase.
    """
    if not evidence or value is None:
        return ""
    printed = {n.rstrip(".,") for n in _PRINTED_NUMBER.findall(evidence)}
    if float(value) == 0 and not printed:
        return evidence
    return evidence if printed & spellings(value) else ""


def review_source(row: dict) -> Source:
    """The source of a chosen review or aggregate row; its phrase is kept only where it shows the value."""
    return Source(
        url=text(row.get("source_url")),
        title=text(row.get("source_title")),
        date=text(row.get("source_date")),
        publisher=text(row.get("source_type")),
        evidence=evidence_for(row.get("value"), text(row.get("evidence"))),
        row=text(row.get("source_row")),
        decision=text(row.get("decision")),
    )


def review_finding(row: dict, area: str, extra: tuple[str, ...] = ()) -> Finding:
    """A finding from a chosen review row (``load.poverty_review()``)."""
    caveats = list(extra)
    if row["reference_point"] in ("interim", "preliminary"):
        caveats.append(row["reference_point"])
    if bool(row.get("conflict")):
        caveats.append("conflict")
    return Finding(
        indicator=str(row["indicator"]),
        value=float(row["value"]),
        unit=UNITS[str(row["indicator"])],
        year=int(row["year"]),
        area=area,
        series="review",
        reference_point=str(row["reference_point"]),
        caveats=tuple(caveats),
        sources=(review_source(row),),
    )


def aggregate_finding(row: dict) -> Finding:
    """A national or regional finding from ``aggregate_series``."""
    caveats = [row["reference_point"]] if row["reference_point"] in ("interim", "preliminary") else []
    return Finding(
        indicator=str(row["indicator"]),
        value=float(row["value"]),
        unit=UNITS[str(row["indicator"])],
        year=int(row["year"]),
        area=str(row["area"]),
        series="aggregate",
        reference_point=str(row["reference_point"]),
        caveats=tuple(caveats),
        sources=(review_source(row),),
    )


def site_name(url: str) -> str:
    """The host of ``url`` as a reader knows a site: ``"https://www.baodansinh.vn:443/a"`` → ``"baodansinh.vn"``.

    Returns an empty string for anything that is not an http(s) URL with a host.
    """
    try:
        parts = urlsplit(str(url or "").strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    return host[4:] if host.startswith("www.") else host


def official_site(site: str) -> bool:
    """Whether ``site`` is a Vietnamese government portal (``*.gov.vn``), where a body publishes its own texts."""
    return site == "gov.vn" or site.endswith(".gov.vn")


def publisher(doc: Mapping) -> str:
    """Who published the text that was coded: the site, unless it is the issuer's own portal.

    A document's coded ``issuer`` is the body whose plan, report or figures it gives (the provincial
    People's Committee, say). When the text was read in a newspaper (a report of the plan, an
    article), naming that body as the source would read as if it had issued the newspaper's text, so
    the newspaper's site is named instead. Texts read on a government portal (``*.gov.vn``) and texts
    without a URL (the seed files) keep their issuer.

    Parameters
    ----------
    doc : Mapping
        A document row: ``issuer``, ``source_url`` and/or ``source``.

    Returns
    -------
    str
        :func:`site_name` of the URL when it is not an official site; else the issuer as coded, or
        the portal's name when no issuer is coded.
    """
    for key in ("source_url", "source"):
        site = site_name(text(doc.get(key)))
        if site:
            return (text(doc.get("issuer")) or site) if official_site(site) else site
    return text(doc.get("issuer"))


def document_source(fact: dict, documents: pd.DataFrame) -> Source:
    """The source of a coded fact: its document's title, publisher and date, and the fact's evidence."""
    doc = documents[documents["doc_id"] == fact["doc_id"]]
    d = doc.iloc[0].to_dict() if len(doc) else {}
    url = text(d.get("source_url")) or text(fact.get("source"))
    return Source(
        url=url if url.startswith("http") else "",
        title=text(d.get("title")),
        date=text(d.get("doc_date")),
        publisher=publisher(d),
        evidence=text(fact.get("evidence")),
        row=f"facts:{fact['fact_id']}",
        doc_id=text(fact.get("doc_id")),
    )


def document_finding(fact: dict, documents: pd.DataFrame, area: str) -> Finding:
    """A finding from a coded fact (a figure a policy document states)."""
    value = fact.get("value")
    return Finding(
        indicator=str(fact["indicator"]),
        value=None if pd.isna(value) else float(value),
        unit=UNITS.get(str(fact["indicator"]), text(fact.get("unit"))),
        year=None if pd.isna(fact["year"]) else int(fact["year"]),
        area=area,
        series="document",
        kind=str(fact["kind"]),
        caveats=("document_figure",),
        sources=(document_source(fact, documents),),
        qualifier=text(fact.get("qualifier")),
    )


def survey_finding(row: dict, area: str) -> Finding:
    """A finding of the GSO survey series; the yearbook's "sơ bộ" figures are marked preliminary."""
    note = text(row.get("note")).lower()
    preliminary = "sơ bộ" in note or "preliminary" in note
    return Finding(
        indicator="poor_rate_pct",
        value=float(row["poor_rate_pct"]),
        unit="percent",
        year=int(row["year"]),
        area=area,
        series="survey",
        reference_point="preliminary" if preliminary else "",
        caveats=("survey_preliminary",) if preliminary else (),
        sources=(
            Source(
                url=text(row.get("source_url")),
                title=text(row.get("source_title")),
                date=text(row.get("source_date")),
                publisher="GSO",
            ),
        ),
    )
