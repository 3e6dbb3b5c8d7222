"""Targets in the documents and the national goals of Decision 90/QĐ-TTg against reported results."""

from __future__ import annotations

import pandas as pd

from study import load
from study.analysis import indicators
from study.present import narrative
from study.registry import provinces


def tracked(lang: str = "en") -> pd.DataFrame:
    """Every target with its status and the reason, as a table.

    Document targets are read from the coded facts (province-wide ones judged against the review
    series and the documents' own actual figures); national goals from ``programme_targets`` are
    judged against the national, ethnic-minority and poor-district aggregates.

    Returns
    -------
    pandas.DataFrame
        One row per target: ``origin`` (document / national), ``target_id``, ``area``, ``scope``,
        ``indicator``, ``target``, ``year``, ``status``, ``reason`` (in ``lang``), ``source``.
    """
    facts = load.facts()
    obs = indicators.observations(load.poverty_review(), facts)
    names = {u.code: u.name_vi for u in provinces.units("63")}
    docs = load.documents()
    districts = {d: x for d, x in zip(docs["doc_id"], docs["district"], strict=True) if isinstance(x, str) and x}
    items = [("document", t) for t in indicators.province_targets(facts, obs, names, districts)]
    items += [("national", t) for t in indicators.national_targets(load.table("programme_targets"),
                                                                   load.table("aggregate_series"))]
    rows = []
    for origin, t in items:
        what, _, reason = narrative.target_parts(t, lang)
        rows.append({
            "origin": origin, "target_id": t.target_id, "area": t.area, "scope": t.scope, "indicator": t.indicator,
            "target": what, "year": t.target_year, "status": t.status, "reason": reason, "source": t.source,
        })
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def status_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Targets per origin and status."""
    order = ["achieved", "on_track", "off_track", "not_achieved", "unknown"]
    counts = frame.groupby(["origin", "status"]).size().unstack(fill_value=0)
    return counts.reindex(columns=[c for c in order if c in counts.columns])
