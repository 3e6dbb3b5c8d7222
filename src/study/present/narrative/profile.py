"""The narrative of a province profile, rendered from its findings (never from the tables directly).

A sentence can only say what a finding holds: every number in it is a formatted value of one of
the page's findings, and the sentence carries that finding's sources.
"""

from __future__ import annotations

from study.analysis.findings.model import Finding
from study.analysis.findings.profile import ProvinceFindings
from study.analysis.findings.sources import official_site, site_name
from study.present.i18n import check_lang, fmt_count, fmt_date, fmt_list, fmt_pct, fmt_pp, t
from study.present.issuers import publisher_label
from study.present.narrative.targets import target_sentence
from study.present.sentences import Sentence, escape
from study.present.titles import display_title
from study.registry.provinces import MERGER_DATE, Unit
from study.schema import MEASURE_CODES


def kind_word(unit: Unit, lang: str, capital: bool = False) -> str:
    """ "tỉnh" or "thành phố" for a unit (Vietnamese text names the kind of unit); empty in English."""
    if lang != "vi":
        return ""
    word = "thành phố" if unit.kind == "thanh_pho" else "tỉnh"
    return word[:1].upper() + word[1:] if capital else word


def document_label(doc: dict, lang: str) -> str:
    """A document as a reader knows it: its title, publisher (issuer, or the site of an article) and date (escaped)."""
    title, issuer = escape(display_title(doc.get("title", ""), lang)), escape(publisher_label(doc, lang))
    date = fmt_date(doc["doc_date"], lang) if doc.get("doc_date") else ""
    if issuer and date:
        return t(lang, "document.doc", title=title, issuer=issuer, date=date)
    if issuer:
        return t(lang, "document.doc_nodate", title=title, issuer=issuer)
    return t(lang, "document.doc_noissuer", title=title)


QUALIFIER_KEYS = {
    "hơn": "more_than",
    "trên": "above",
    "dưới": "below",
    "ít nhất": "at_least",
    "khoảng": "about",
    "gần": "nearly",
}


def qualified(f: Finding, lang: str) -> str:
    """The hedge a document wrote before the number ("dưới", "khoảng", ...), in the reader's language."""
    key = QUALIFIER_KEYS.get(f.qualifier)
    return t(lang, f"qualifier.{key}") if key else ""


def _label(f: Finding, lang: str) -> str:
    if "zero_count" in f.caveats:
        return t(lang, "profile.label_zero_near" if f.indicator.startswith("near") else "profile.label_zero")
    if "interim" in f.caveats:
        return t(lang, "profile.label_interim")
    if "preliminary" in f.caveats:
        return t(lang, "profile.label_preliminary")
    if f.series == "document":
        site = site_name(f.sources[0].url) if f.sources else ""
        if site and not official_site(site):
            return t(lang, "profile.label_article", site=escape(site))
        return t(lang, "profile.label_document")
    return ""


def _sources(*findings: Finding | None) -> tuple:
    out = []
    for f in findings:
        if f is not None:
            out += [s for s in f.sources if s not in out]
    return tuple(out)


def _identity(f: ProvinceFindings, lang: str) -> list[Sentence]:
    unit = f.unit
    region = unit.region if lang == "vi" else unit.region_en
    out = [
        Sentence(
            t(
                lang,
                "profile.identity",
                name=unit.name_vi,
                region=region,
                code=unit.code,
                kind_cap=kind_word(unit, lang, True),
            )
        )
    ]
    if f.status_change:
        change = f.status_change
        out.append(
            Sentence(
                t(
                    lang,
                    "profile.status_change",
                    date=fmt_date(change["date"], lang),
                    name_after=escape(change["name_after"]),
                    legal_basis=escape(change["legal_basis"]),
                    kind=kind_word(unit, lang),
                )
            )
        )
    date = fmt_date(MERGER_DATE, lang)
    new = f.successor
    if f.merged_with:
        others = fmt_list([f"{kind_word(u, lang)} {u.name_vi}".strip() for u in f.merged_with], lang)
        key = "profile.merger_keeps_name" if new.name_vi == unit.name_vi else "profile.merger_into"
        out.append(
            Sentence(
                t(
                    lang,
                    key,
                    date=date,
                    name=unit.name_vi,
                    new=new.name_vi,
                    others=others,
                    kind=kind_word(unit, lang),
                    new_kind=kind_word(new, lang),
                )
            )
        )
    else:
        out.append(
            Sentence(
                t(
                    lang,
                    "profile.merger_same",
                    date=date,
                    new=new.name_vi,
                    kind=kind_word(unit, lang),
                    new_kind=kind_word(new, lang),
                )
            )
        )
    return out


def _rate_items(rates: list[Finding], lang: str) -> list[str]:
    """ "6,02% năm 2023 (label)" for each rate, with its hedge when a document gave one."""
    return [
        t(
            lang,
            "profile.rate_item",
            value=qualified(r, lang) + fmt_pct(r.value, lang),
            year=r.year,
            label=_label(r, lang),
        )
        for r in rates
    ]


def _rates(f: ProvinceFindings, lang: str) -> list[Sentence]:
    out = []
    if f.rates:
        items = _rate_items(f.rates, lang)
        out.append(Sentence(t(lang, "profile.rates", items="; ".join(items)), _sources(*f.rates)))
    else:
        out.append(Sentence(t(lang, "profile.no_rates", name=f.unit.name_vi)))
    rate_years = {r.year for r in f.rates}
    for count in f.counts:
        if count.year not in rate_years and count.value is not None:
            out.append(
                Sentence(
                    t(
                        lang,
                        # only an end-of-year review "counted"; an interim stock is a figure of the year
                        "profile.count_only"
                        if count.series == "review" and count.final
                        else "profile.count_only_document",
                        year=count.year,
                        value=qualified(count, lang) + fmt_count(count.value, lang),
                        label=_label(count, lang),
                    ),
                    _sources(count),
                )
            )
    if f.rates and f.missing_years:
        key = "profile.missing" if len(f.missing_years) > 1 else "profile.missing_one"
        out.append(Sentence(t(lang, key, years=fmt_list([str(y) for y in f.missing_years], lang))))
    for change in f.changes:
        values = dict(
            y0=change.before.year,
            y1=change.after.year,
            v0=fmt_pct(change.before.value, lang),
            v1=fmt_pct(change.after.value, lang),
            d=fmt_pp(change.points, lang),
        )
        key = (
            "profile.change_down"
            if change.points < 0
            else "profile.change_up"
            if change.points > 0
            else "profile.change_flat"
        )
        text = t(lang, key, **values)
        if change.mixed:
            text += " " + t(lang, "profile.change_mixed")
        out.append(Sentence(text, _sources(change.before, change.after)))
    if any(not r.final for r in f.rates):
        out.append(Sentence(t(lang, "profile.interim_not_compared")))
    return out


def _context(f: ProvinceFindings, lang: str) -> list[Sentence]:
    c = f.context
    if c is None:
        return []
    region = f.unit.region if lang == "vi" else f.unit.region_en
    out = []
    if c.national is not None:
        out.append(
            Sentence(
                t(lang, "profile.national", year=c.year, value=fmt_pct(c.national.value, lang)), _sources(c.national)
            )
        )
    else:
        out.append(Sentence(t(lang, "profile.no_national", year=c.year)))
    if c.regional is not None:
        out.append(
            Sentence(
                t(lang, "profile.regional", region=region, year=c.year, value=fmt_pct(c.regional.value, lang)),
                _sources(c.regional),
            )
        )
    else:
        out.append(Sentence(t(lang, "profile.no_regional", region=region, year=c.year)))
    if c.survey is not None:
        label = t(lang, "profile.label_survey_preliminary") if "survey_preliminary" in c.survey.caveats else ""
        out.append(
            Sentence(
                t(lang, "profile.survey", year=c.year, value=fmt_pct(c.survey.value, lang), label=label),
                _sources(c.survey),
            )
        )
    return out


def profile_sentences(f: ProvinceFindings, lang: str) -> list[Sentence]:
    """The narrative of one province, from its findings.

    Parameters
    ----------
    f : ProvinceFindings
        From :func:`study.analysis.findings.profile.province_findings`.
    lang : {"vi", "en"}

    Returns
    -------
    list of Sentence
    """
    lang = check_lang(lang)
    docs = {d["doc_id"]: d for d in f.documents}
    out = _identity(f, lang) + _rates(f, lang)
    if f.near_poor:
        items = _rate_items(f.near_poor, lang)
        out.append(Sentence(t(lang, "profile.near_poor", items="; ".join(items)), _sources(*f.near_poor)))
    for e in f.estimates:
        doc = docs.get(e.sources[0].doc_id) if e.sources else None
        label = document_label(doc, lang) if doc else ""
        out.append(
            Sentence(
                t(lang, "profile.estimate", doc=label, year=e.year, value=qualified(e, lang) + fmt_pct(e.value, lang)),
                _sources(e),
            )
        )
    out += _context(f, lang)
    judged = [row for row in f.targets if row["status"] != "unknown"]
    for row in judged:
        out.append(target_sentence(row, lang))
    if len(f.targets) > len(judged):
        n = len(f.targets) - len(judged)
        out.append(Sentence(t(lang, "profile.targets_unjudged_one" if n == 1 else "profile.targets_unjudged", n=n)))
    if f.measures:
        names = [
            t(lang, f"measure.{code}").lower() if lang == "vi" else t(lang, f"measure.{code}") for code in f.measures
        ]
        out.append(
            Sentence(t(lang, "profile.measures", n=len(f.measures), total=len(MEASURE_CODES), names="; ".join(names)))
        )
    else:
        out.append(Sentence(t(lang, "profile.no_measures", name=f.unit.name_vi)))
    if f.conflict_years:
        out.append(Sentence(t(lang, "profile.conflict", years=fmt_list([str(y) for y in f.conflict_years], lang))))
    if f.documents:
        out.append(
            Sentence(t(lang, "profile.documents", items="; ".join(document_label(d, lang) for d in f.documents)))
        )
    return out
