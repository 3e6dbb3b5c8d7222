"""The measures page in words: what the provinces' documents commit to, overall and by region."""

from __future__ import annotations

import pandas as pd

from study.present.i18n import check_lang, fmt_list, fmt_number, t
from study.present.sentences import Sentence
from study.registry import provinces
from study.schema import MEASURE_CODES

FEW_DOCUMENTS = 10
"""A region resting on fewer coded documents than this is said to rest on few documents."""


def _share(value: float, lang: str) -> str:
    return f"{fmt_number(round(100 * value), lang, decimals=0)}%"


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def with_ties(ordered: list[str], share: dict[str, float], k: int) -> list[str]:
    """Return the first ``k`` codes of ``ordered`` and every later code tied with the ``k``-th.

    Parameters
    ----------
    ordered : list of str
        Measure codes, from the largest share to the smallest (or the reverse).
    share : dict
        The share of each code.
    k : int
        How many to take before ties.
    """
    if len(ordered) <= k:
        return list(ordered)
    last = share[ordered[k - 1]]
    return list(ordered[:k]) + [c for c in ordered[k:] if _same(share[c], last)]


def measures_sentences(
    shares: pd.DataFrame, n_documents: int, n_provinces: int, lang: str, k: int = 3
) -> list[Sentence]:
    """Sentences from :func:`study.analysis.policy.by_region` and the counts it rests on.

    Ties are named together: the most and least named lists take every measure tied with the
    ``k``-th, and a region whose first place is shared names all the measures that share it. A
    region resting on fewer than :data:`FEW_DOCUMENTS` documents says so.
    """
    lang = check_lang(lang)
    codes = [c for c in MEASURE_CODES if c in shares.columns]
    weights = shares["documents"]
    overall = {c: float((shares[c] * weights).sum() / weights.sum()) for c in codes}
    ordered = sorted(codes, key=lambda c: (-overall[c], codes.index(c)))
    least = sorted(codes, key=lambda c: (overall[c], codes.index(c)))

    def items(chosen, share):
        return fmt_list(
            [t(lang, "measures.item", name=t(lang, f"measure.{c}"), share=_share(share[c], lang)) for c in chosen],
            lang,
            sep="; ",
        )

    out = [
        Sentence(t(lang, "measures.intro", n=n_documents, provinces=n_provinces)),
        Sentence(t(lang, "measures.most", items=items(with_ties(ordered, overall, k), overall))),
        Sentence(t(lang, "measures.least", items=items(with_ties(least, overall, k), overall))),
    ]
    for region, row in shares.sort_index().iterrows():
        best = max(float(row[c]) for c in codes)
        tops = [c for c in codes if _same(float(row[c]), best)]
        n = int(row["documents"])
        key = "measures.region_top" if len(tops) == 1 else "measures.region_tie"
        if n < FEW_DOCUMENTS:
            key += "_few"
        out.append(
            Sentence(
                t(
                    lang,
                    key,
                    region=provinces.region_label(region, lang),
                    name=fmt_list([t(lang, f"measure.{c}") for c in tops], lang, sep="; "),
                    share=_share(best, lang),
                    n=n,
                )
            )
        )
    return out
