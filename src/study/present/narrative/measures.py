"""The measures page in words: what the provinces' documents commit to, overall and by region."""

from __future__ import annotations

import pandas as pd

from study.present.i18n import check_lang, fmt_list, fmt_number, t
from study.present.sentences import Sentence
from study.schema import MEASURE_CODES


def _share(value: float, lang: str) -> str:
    return f"{fmt_number(round(100 * value), lang, decimals=0)}%"


def measures_sentences(
    shares: pd.DataFrame, n_documents: int, n_provinces: int, lang: str, k: int = 3
) -> list[Sentence]:
    """Sentences from :func:`study.analysis.policy.by_region` and the counts it rests on."""
    lang = check_lang(lang)
    codes = [c for c in MEASURE_CODES if c in shares.columns]
    weights = shares["documents"]
    overall = {c: float((shares[c] * weights).sum() / weights.sum()) for c in codes}
    ordered = sorted(codes, key=lambda c: (-overall[c], codes.index(c)))

    def items(chosen):
        return fmt_list(
            [t(lang, "measures.item", name=t(lang, f"measure.{c}"), share=_share(overall[c], lang)) for c in chosen],
            lang,
        )

    out = [
        Sentence(t(lang, "measures.intro", n=n_documents, provinces=n_provinces)),
        Sentence(t(lang, "measures.most", items=items(ordered[:k]))),
        Sentence(t(lang, "measures.least", items=items(list(reversed(ordered[-k:]))))),
    ]
    for region, row in shares.sort_index().iterrows():
        top = max(codes, key=lambda c: (row[c], -codes.index(c)))
        out.append(
            Sentence(
                t(
                    lang,
                    "measures.region_top",
                    region=region if lang == "vi" else _region_en(region),
                    name=t(lang, f"measure.{top}"),
                    share=_share(row[top], lang),
                    n=int(row["documents"]),
                )
            )
        )
    return out


def _region_en(region: str) -> str:
    from study.registry import provinces

    return next((u.region_en for u in provinces.units("63") if u.region == region), region)
