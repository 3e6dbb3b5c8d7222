"""Policy measures: which measures each document commits to, what the localities share and where they differ."""

from __future__ import annotations

import pandas as pd

from study.schema import MEASURE_CODES

PROJECTS = ("P1", "P2", "P3", "P4", "P5", "P6", "P7")


def matrix(measures: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Documents x measure codes (1 = the document commits to it), rows labelled "doc_id - locality".

    Every coded document gets a row, also one with no measure; every code gets a column.
    """
    labels = {d: f"{d} - {loc}" for d, loc in zip(documents["doc_id"], documents["locality"], strict=True)}
    out = pd.DataFrame(0, index=[labels[d] for d in sorted(labels)], columns=list(MEASURE_CODES), dtype=int)
    for doc, code in zip(measures["doc_id"], measures["measure_code"], strict=True):
        out.loc[labels[doc], code] = 1
    out.index.name = "document"
    return out


def shared(m: pd.DataFrame) -> list[str]:
    """Codes every document commits to."""
    return [c for c in m.columns if len(m) and m[c].all()]


def distinctive(m: pd.DataFrame) -> dict[str, list[str]]:
    """For each document, the codes that no other document has."""
    out = {}
    for doc in m.index:
        others = m.drop(index=doc)
        out[doc] = [c for c in m.columns if m.loc[doc, c] and (others.empty or not others[c].any())]
    return out


def absent(m: pd.DataFrame) -> list[str]:
    """Codes no document commits to."""
    return [c for c in m.columns if not m[c].any()]


def project_coverage(m: pd.DataFrame) -> pd.DataFrame:
    """How many of the programme's seven projects each document's measures map onto, and which."""
    projects = [c for c in PROJECTS if c in m.columns]
    return pd.DataFrame(
        {
            "document": m.index,
            "projects": [sum(int(m.loc[d, c]) for c in projects) for d in m.index],
            "of": len(projects),
            "codes": [", ".join(c for c in projects if m.loc[d, c]) for d in m.index],
            "cross_cutting": [", ".join(c for c in m.columns if c not in projects and m.loc[d, c]) for d in m.index],
        }
    )


def by_region(measures: pd.DataFrame, documents: pd.DataFrame, regions: dict[str, str]) -> pd.DataFrame:
    """Share of each region's documents (with at least one measure) that commit to each kind of measure.

    Parameters
    ----------
    measures, documents : pandas.DataFrame
        ``load.measures()`` and ``load.documents()``.
    regions : dict
        Province code (63 units) -> region name.

    Returns
    -------
    pandas.DataFrame
        Regions x measure codes, shares between 0 and 1, plus ``documents`` (how many documents each
        region's shares rest on).
    """
    with_measures = documents[documents["doc_id"].isin(set(measures["doc_id"]))]
    doc_region = {d: regions[c] for d, c in zip(with_measures["doc_id"], with_measures["province_code"], strict=True)}
    m = matrix(measures, with_measures)
    m.index = [doc_region[label.split(" - ")[0]] for label in m.index]
    shares = m.groupby(level=0).mean()
    shares["documents"] = m.groupby(level=0).size()
    return shares
