"""A standard's rule as sentences in Vietnamese or English, every number printed from the data.

The templates are the ``[teaching]`` section of the string catalogues
(``study/present/strings/{vi,en}.toml``); the legal wording they follow: "từ ... trở xuống" is "at or
below", "trên ... đến ..." is "above ... and at or below ...", "dưới" is "below" (strict).
"""

from __future__ import annotations

from study.analysis.standard.rules import AREAS, StandardError, format_vnd
from study.present.i18n import t


def money(std, role: str, area: str, lang: str) -> str:
    """Return a line of ``std`` as the source states it (``36.000.000 đồng/năm`` for a yearly line)."""
    amount = format_vnd(std.stated(role, area), lang)
    return t(lang, "teaching.money_year", amount=amount) if std.unit.endswith("year") else amount


def _cmp(std, amount: str, lang: str) -> str:
    return t(lang, "teaching.cmp_below" if std.strict else "teaching.cmp_at_or_below", amount=amount)


def _band(std, low: str, high: str, lang: str) -> str:
    return t(lang, "teaching.band_strict" if std.strict else "teaching.band", low=low, high=high)


def _outcome(std, lang: str) -> str:
    key = "teaching.o_split" if std.near_poor_rule else "teaching.o_poor_only"
    return t(lang, key, k=std.min_deprivations)


def area_rules(std, area: str, lang: str) -> list[str]:
    """Return the rules of ``std`` in one area, as clauses."""
    line = money(std, "poverty_line", area, lang)
    upper = money(std, "near_poor_line", area, lang) if std.near_poor_line is not None else None
    rules = []
    if std.min_deprivations is None:
        rules.append(t(lang, "teaching.d_lines_poor", cmp=_cmp(std, line, lang)))
        if upper is not None:
            rules.append(t(lang, "teaching.d_lines_near", band=_band(std, line, upper, lang)))
        rules.append(t(lang, "teaching.d_lines_no_rule"))
    elif upper is not None:
        rules.append(t(lang, "teaching.d_poor_income_only", cmp=_cmp(std, line, lang)))
        rules.append(t(lang, "teaching.d_band", band=_band(std, line, upper, lang), outcome=_outcome(std, lang)))
    else:
        rules.append(t(lang, "teaching.d_multi", cmp=_cmp(std, line, lang), outcome=_outcome(std, lang)))
    if std.middle_income_upper is not None:
        top = upper if upper is not None else line
        middle = money(std, "middle_income_upper", area, lang)
        rules.append(t(lang, "teaching.d_middle", band=_band(std, top, middle, lang)))
    return rules


def sentences(std, lang: str = "en") -> list[str]:
    """Return the rule of a standard as sentences, every number printed from the data.

    Parameters
    ----------
    std : Standard
        A loaded standard (:func:`study.analysis.standard.load_standard`).
    lang : {"en", "vi"}
        Language of the sentences.

    Returns
    -------
    list of str
        One sentence per area (one for both when the lines are the same).

    Raises
    ------
    StandardError
        If ``lang`` is not "en" or "vi".
    """
    if lang not in ("en", "vi"):
        raise StandardError(f"unknown language {lang!r}: expected 'en' or 'vi'")
    per_area = {area: "; ".join(area_rules(std, area, lang)) for area in AREAS}
    if per_area["rural"] == per_area["urban"]:
        return [t(lang, "teaching.d_area", area=t(lang, "teaching.area_all"), rules=per_area["rural"])]
    return [t(lang, "teaching.d_area", area=t(lang, f"teaching.area_{area}"), rules=per_area[area]) for area in AREAS]
