"""Derived figures: series per province, changes in points and percent.

Functions take frames (as :mod:`study.load` returns them) and return frames; nothing here reads
files, so every rule is tested on small real rows.

Vocabulary
----------
origin
    ``review`` for the official annual review (``poverty_review``), ``document`` for a figure a
    coded policy document states (``facts``).
kind
    ``actual``, ``baseline``, ``estimate`` or ``target`` (as coded; a review figure is ``actual``).

:func:`observable_facts` says which document figures may stand for an end-of-year result (no
interim, start-of-year, merged-territory or other-standard figure); targets against results are in
:mod:`study.analysis.tracking`.
"""

from __future__ import annotations

import math
import re

import pandas as pd

RATE_INDICATORS = ("poor_rate_pct", "near_poor_rate_pct", "poor_near_poor_rate_pct")
COUNT_INDICATORS = ("poor_households", "near_poor_households", "poor_near_poor_households", "total_households")
#: a note that a document's figure is not an end-of-year result of the unit (never an observed value)
#: a coder's note that a figure is under another poverty line than Decree 07/2021's: a city's or
#: province's own standard or line ("city poverty line", "the city's own multidimensional standard"),
#: or the 2016-2020 standard
OTHER_STANDARD = re.compile(
    r"(?<!before the )\b(?:city|city's|provincial|province's|own)(?:\s+(?:multidimensional|poverty|near-poor))*"
    r"\s+(?:standard|poverty line|near-poor line|line)\b"
    r"|2016-2020 standard|old standard|59/2015|before the new (?:multidimensional )?standard",
    re.I,
)
NOT_YEAR_END = re.compile(
    r"interim|preliminar|mid-year|in progress|stock to|đến ngày|sơ bộ|đầu năm"
    # "start of 2022", "start of the year" are stocks; "start of the 'từ … xuống' pair" is a past level
    r"|start of (?!the (?:[\"'“]?từ|from|pair|comparison|20\d\d (?:fall|target)))"
    r"|current|reference date|merged|former |not an end-of-year|" + OTHER_STANDARD.pattern,
    re.I,
)
#: the first review under the Decree 07/2021 standard was the one at the end of 2021 (the list for 2022)
FIRST_REVIEW_YEAR = 2021
#: the last year the Decree 07/2021 standard measures (its lists serve 2022-2025)
LAST_STANDARD_YEAR = 2025
#: how a coder explains a year under coding guide 2.9 ("year inferred (guide 2.9.6): …", "year recoded
#: (guide 2.9.1): was 2022"): it quotes the text's cues ("đầu năm 2022", "currently") to say where the
#: year came from, so it is not read as a remark that the figure is not an end-of-year one
_YEAR_CONVENTION = re.compile(r"year (?:inferred|recoded)\s*\(guide 2\.9[^;]*", re.I)
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November)\b|tháng")
_REPEATS = re.compile(r"\brepeat(?:s|ed)?\b(.*)", re.I)
_FACT_REF = re.compile(r"\b((?:[a-z][a-z0-9]*-)?f\d+)\b")  # "f04", "seed004-f01", "w10a08-f01"
#: "year inferred as for w10a08-f01": the figure's year rests on another statement's
_YEAR_AS_FOR = re.compile(r"year inferred as for\s+((?:[a-z][a-z0-9]*-)?f\d+)", re.I)
SERIES_COLUMNS = [
    "province_code",
    "year",
    "indicator",
    "value",
    "origin",
    "kind",
    "reference_point",
    "source",
    "source_title",
    "doc_id",
    "fact_id",
    "conflict",
]


#: the rate a count of zero households implies exactly (no poor household left: a rate of 0%)
ZERO_RATE_OF = {"poor_households": "poor_rate_pct", "near_poor_households": "near_poor_rate_pct"}


def zero_count_rates(review: pd.DataFrame) -> pd.DataFrame:
    """Return a rate of 0 for every end-of-year review that counted no household of its kind.

    A review that finds no poor household publishes the count (0) and often no rate; the rate is then
    exactly 0%, not an estimate. Only end-of-year rows are used, and only where the review gives no
    end-of-year rate of its own for that province, year and kind. The rows keep the count's source.
    The profiles (:mod:`study.analysis.findings.profile`, caveat ``zero_count``) and the target
    tracking both read zeros from here.

    Parameters
    ----------
    review : pandas.DataFrame
        Chosen review values (``load.poverty_review()``), long format (``indicator``, ``value``).
    """
    keys = ["province_code", "regime", "year"] if "regime" in review else ["province_code", "year"]
    zero = review[
        review["indicator"].isin(list(ZERO_RATE_OF))
        & (review["value"].astype(float) == 0)
        & (review["reference_point"] == "end_of_year")
    ].copy()
    if zero.empty:
        return zero
    zero["indicator"] = zero["indicator"].map(ZERO_RATE_OF)
    rates = review["indicator"].isin(list(ZERO_RATE_OF.values())) & (review["reference_point"] == "end_of_year")
    have = review[rates][[*keys, "indicator"]]
    zero = zero.merge(have.drop_duplicates(), on=[*keys, "indicator"], how="left", indicator="_have")
    return zero[zero["_have"] == "left_only"].drop(columns="_have").reset_index(drop=True)


def observations(review: pd.DataFrame, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Combine review values and document-stated figures for provinces into one long frame.

    Parameters
    ----------
    review : pandas.DataFrame
        Chosen review values (``load.poverty_review()``), Decree 07/2021 standard.
    facts : pandas.DataFrame, optional
        Coded facts (``load.facts()``); only province-wide rates and counts with a year are used.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SERIES_COLUMNS`, sorted by province, indicator, year and origin.
    """
    parts = []
    if len(review):
        r = review[review["indicator"].isin(RATE_INDICATORS + COUNT_INDICATORS)]
        r = pd.concat([r, zero_count_rates(r)], ignore_index=True)
        parts.append(
            pd.DataFrame(
                {
                    "province_code": r["province_code"].astype(str),
                    "year": r["year"].astype(int),
                    "indicator": r["indicator"].astype(str),
                    "value": r["value"].astype(float),
                    "origin": "review",
                    "kind": "actual",
                    "reference_point": r["reference_point"].astype(str),
                    "source": r["source_url"].astype(str),
                    "source_title": r["source_title"].fillna("").astype(str),
                    "doc_id": "",
                    "fact_id": "",
                    "conflict": r["conflict"].astype(bool),
                }
            )
        )
    if facts is not None and len(facts):
        f = facts[
            facts["indicator"].isin(RATE_INDICATORS + COUNT_INDICATORS)
            & (facts["scope"] == "province")
            & facts["value"].notna()
            & facts["year"].notna()
        ]
        parts.append(
            pd.DataFrame(
                {
                    "province_code": f["province_code"].astype(str),
                    "year": f["year"].astype(int),
                    "indicator": f["indicator"].astype(str),
                    "value": f["value"].astype(float),
                    "origin": "document",
                    "kind": f["kind"].astype(str),
                    "reference_point": "",
                    "source": f["source"].astype(str),
                    "source_title": "",
                    "doc_id": f["doc_id"].astype(str),
                    "fact_id": f["fact_id"].astype(str),
                    "conflict": False,
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    out = pd.concat(parts, ignore_index=True)[SERIES_COLUMNS]
    return out.sort_values(["province_code", "indicator", "year", "origin", "kind", "fact_id"], ignore_index=True)


def best_by_year(obs: pd.DataFrame, indicator: str = "poor_rate_pct", include_interim: bool = False) -> pd.DataFrame:
    """One observed value per province and year: an end-of-year review figure first, else a document's
    actual or baseline figure, else (with ``include_interim``) an interim or preliminary review figure.

    Estimates and targets are never used as observed values. Interim and preliminary figures are left
    out by default, so that changes between years and target statuses rest on end-of-year results.

    Returns
    -------
    pandas.DataFrame
        ``province_code, year, value, origin, kind, reference_point, source, doc_id``.
    """
    o = obs[(obs["indicator"] == indicator) & obs["kind"].isin(["actual", "baseline"])].copy()
    interim = (o["origin"] == "review") & (o["reference_point"] != "end_of_year")
    if not include_interim:
        o = o[~interim]
        interim = interim[~interim]
    o["_rank"] = (
        (o["origin"] != "review").astype(int) * 2 + (o["kind"] != "actual").astype(int) + interim.astype(int) * 4
    )
    o = o.sort_values(["province_code", "year", "_rank", "fact_id"], kind="mergesort")
    out = o.groupby(["province_code", "year"], sort=True).head(1)
    columns = ["province_code", "year", "value", "origin", "kind", "reference_point", "source", "doc_id"]
    return out[columns].reset_index(drop=True)


def change_pp(before: float, after: float) -> float:
    """Return the change of a rate in percentage points (``after - before``), rounded to 3 decimals."""
    return round(float(after) - float(before), 3)


def relative_change_pct(before: float, after: float) -> float:
    """Return the relative change of a count in percent (``(after - before) / before * 100``)."""
    if before == 0:
        return math.nan
    return round((float(after) - float(before)) / float(before) * 100, 2)


def repeat_links(facts: pd.DataFrame) -> list[tuple[str, str]]:
    """Pairs of fact ids that a coder's note says repeat each other (``repeats seed004-f01``, ``repeats f04``)."""
    ids, out = set(facts["fact_id"].astype(str)), []
    for fid, doc, note in zip(facts["fact_id"], facts["doc_id"], facts["note"], strict=True):
        match = _REPEATS.search(note if isinstance(note, str) else "")
        for ref in _FACT_REF.findall(match.group(1)) if match else []:
            ref = ref if "-" in ref else f"{doc}-{ref}"
            if ref in ids and ref != fid:
                out.append((fid, ref))
    return out


#: a year counts as reviewed once the series holds end-of-year results of this many provinces for it
REVIEWED_YEAR_MIN_PROVINCES = 5


def last_reviewed_year(review: pd.DataFrame) -> int | None:
    """The latest year whose end-of-year review results the series holds for several provinces.

    A target due in or before that year is judged on the figure of its year only: its review has
    been published, so a pace measured on earlier years is no longer a verdict.

    Parameters
    ----------
    review : pandas.DataFrame
        The ``poverty_review`` table (``province_code``, ``year``, ``indicator``, ``standard``,
        ``reference_point``).

    Returns
    -------
    int or None
        The latest year with end-of-year Decree 07/2021 poor-household rates of at least
        :data:`REVIEWED_YEAR_MIN_PROVINCES` provinces; ``None`` if no year has that many.
    """
    rows = review[
        (review["indicator"] == "poor_rate_pct")
        & (review["standard"] == "nd07_2021")
        & (review["reference_point"] == "end_of_year")
    ]
    counts = rows.groupby("year")["province_code"].nunique()
    years = [int(y) for y, n in counts.items() if n >= REVIEWED_YEAR_MIN_PROVINCES]
    return max(years) if years else None


def observable_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """Facts that may stand for an observed end-of-year value of their province.

    Actual and baseline figures of the province's own scope, of a year the Decree 07/2021 standard
    measured (:data:`FIRST_REVIEW_YEAR` on: an earlier figure is under an earlier standard, and a
    change across standards is not a change), not flagged by the coder, whose note
    (or the note of a statement it repeats, or whose year it shares: "year inferred as for …") does not
    say they are interim, mid-year, start-of-year, preliminary, not end-of-year, of a merged or former
    territory, or under another poverty line; the same figure stated in another text under another
    poverty line counts as under it too. Estimates and targets are never observed values.
    """
    notes = facts["note"].fillna("").astype(str).str.replace(_YEAR_CONVENTION, "", regex=True)
    bad = set(facts.loc[notes.str.contains(NOT_YEAR_END) | notes.str.contains(_MONTH), "fact_id"])
    links = repeat_links(facts)
    for _ in range(2):  # a repeat of a rejected statement is rejected, and the other way round
        bad |= {x for a, b in links if a in bad or b in bad for x in (a, b)}
    # a figure dated "as for" a rejected statement shares its date, so it is not a year-end figure either
    for fid, doc, note in zip(facts["fact_id"], facts["doc_id"], notes, strict=True):
        ref = _YEAR_AS_FOR.search(note)
        if ref and (ref.group(1) if "-" in ref.group(1) else f"{doc}-{ref.group(1)}") in bad:
            bad.add(fid)
    # the same figure (province, indicator, year, value) stated in another text shares the standard
    # a coder found for it: a twin of a figure under another poverty line is not a Decree 07 figure
    other = facts[notes.str.contains(OTHER_STANDARD)]
    if len(other) and "province_code" in facts:
        twins = set(zip(other["province_code"], other["indicator"], other["year"], other["value"], strict=True))
        keys = zip(facts["province_code"], facts["indicator"], facts["year"], facts["value"], strict=True)
        same = [key in twins for key in keys]
        bad |= set(facts.loc[same, "fact_id"])
    keep = (
        facts["kind"].isin(["actual", "baseline"])
        & (pd.to_numeric(facts["year"], errors="coerce") >= FIRST_REVIEW_YEAR)
        & (facts["scope"] == "province")
        & facts["flag"].fillna("").astype(str).eq("")
        & ~facts["fact_id"].isin(bad)
    )
    return facts[keep]
