"""The narrative of a comparison page, rendered from its :class:`~study.analysis.compare.ComparisonFindings`."""

from __future__ import annotations

import pandas as pd

from study.analysis.compare import ComparisonFindings
from study.present.i18n import check_lang, fmt_count, fmt_list, fmt_pct, fmt_pp, t
from study.present.sentences import Sentence

STANDARD_NAMES = {"en": "Decree 07/2021/NĐ-CP", "vi": "Nghị định 07/2021/NĐ-CP"}
"""The legal name of the national standard, as data (not typed into templates)."""


def indicator_label(indicator: str, lang: str) -> str:
    """The indicator in words (``indicator.<code>`` of the catalogue)."""
    return t(lang, f"indicator.{indicator}")


def fmt_indicator(value: float, indicator: str, lang: str) -> str:
    """A value of ``indicator``: a rate in percent, a count of households."""
    return fmt_pct(value, lang) if indicator.endswith("_pct") else fmt_count(value, lang)


def comparison_sentences(f: ComparisonFindings, lang: str) -> list[Sentence]:
    """What a comparison of one indicator in one year says, from its findings.

    Parameters
    ----------
    f : ComparisonFindings
    lang : {"vi", "en"}

    Returns
    -------
    list of Sentence
    """
    lang = check_lang(lang)
    label = indicator_label(f.indicator, lang)
    values = f.values
    have = values[values["value"].notna()]
    out = []
    if have.empty:
        out.append(Sentence(t(lang, "compare.compare_none", indicator_label=label, year=f.year)))
    else:
        out.append(Sentence(t(lang, "compare.compare_intro", n=len(have), indicator_label=label, year=f.year)))
    if f.highest:
        items = [
            t(lang, "compare.compare_item", name=r["province"], value=fmt_indicator(r["value"], f.indicator, lang))
            for r in f.highest
        ]
        out.append(Sentence(t(lang, "compare.compare_high", items="; ".join(items))))
        items = [
            t(lang, "compare.compare_item", name=r["province"], value=fmt_indicator(r["value"], f.indicator, lang))
            for r in f.lowest
        ]
        out.append(Sentence(t(lang, "compare.compare_low", items="; ".join(items))))
    zero = values.loc[values["zero_count"].astype(bool) & values["value"].notna(), "province"].tolist()
    if zero:
        out.append(Sentence(t(lang, "compare.zero_note", names=fmt_list(zero, lang))))
    if f.regime == "34":
        out.append(Sentence(t(lang, "compare.rule_34")))
        counts = values["status"].value_counts()
        out.append(
            Sentence(
                t(
                    lang,
                    "compare.counts_by_status",
                    **{
                        s: int(counts.get(s, 0)) for s in ("published", "unchanged", "aggregated", "partial", "missing")
                    },
                )
            )
        )
        if f.partial:
            out.append(Sentence(t(lang, "compare.compare_partial", n=len(f.partial), names=fmt_list(f.partial, lang))))
    if f.missing:
        out.append(Sentence(t(lang, "compare.compare_missing", n=len(f.missing), total=len(values), year=f.year)))
    if f.series == "gso":
        out.append(Sentence(t(lang, "compare.compare_gso_note")))
        if f.preliminary:
            out.append(Sentence(t(lang, "compare.survey_preliminary", year=f.year)))
    else:
        out.append(Sentence(t(lang, "compare.compare_series_note", standard=STANDARD_NAMES[lang])))
    return out


def survey_sentences(gaps: pd.DataFrame, year: int, lang: str, preliminary: bool) -> list[Sentence]:
    """How far the GSO survey and the Ministry review differ, for provinces that have both in ``year``."""
    if gaps.empty:
        return [Sentence(t(lang, "compare.survey_none", year=year))]
    higher = int((gaps["difference"] > 0).sum())
    out = [
        Sentence(
            t(
                lang,
                "compare.survey_intro",
                year=year,
                n=len(gaps),
                higher=higher,
                max_gap=fmt_pp(float(gaps["difference"].abs().max()), lang),
            )
        )
    ]
    if preliminary:
        out.append(Sentence(t(lang, "compare.survey_preliminary", year=year)))
    return out
