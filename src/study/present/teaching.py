"""Words for the teaching notebooks: sentences, and tables in the reader's language.

Texts come from the ``[teaching]`` section of the string catalogues; :func:`labelled` gives a table
its headers and coded values in the reader's language. The numbers come from
:mod:`study.analysis.teaching` and :mod:`study.analysis.standard`.
"""

from __future__ import annotations

import pandas as pd

from study.analysis import standard
from study.analysis.teaching import percent_change, pp_change
from study.present.i18n import catalogue, check_lang, fmt_count, fmt_number, fmt_pct, t

VALUE_COLUMNS = (
    "area",
    "category",
    "rule",
    "boundary",
    "position",
    "reference_point",
    "source_type",
    "standard_kind",
    "households_from",
    "synthetic",
)
"""Columns whose values :func:`labelled` translates (``v_<value>`` or ``cat_<value>`` in the catalogue)."""


def describe_change(before, after, label: str | None = None, lang: str = "en") -> str:
    """Return a sentence giving a change of a rate both in points and in percent.

    Parameters
    ----------
    before, after : float
        The rate at the start and at the end, in percent.
    label : str, optional
        What the rate is (default: "the rate" / "tỷ lệ").
    lang : {"en", "vi"}
        Language of the sentence.

    >>> describe_change(4.0, 3.0)
    'the rate went from 4.00% to 3.00%: down 1.00 percentage points, a relative fall of 25.0%'
    """
    points = pp_change(before, after)
    direction = "down" if points < 0 else "up" if points > 0 else "same"
    values = {
        "label": label if label is not None else text(lang, "the_rate"),
        "before": fmt_number(float(before), lang, 2) + "%",
        "after": fmt_number(float(after), lang, 2) + "%",
        "points": fmt_number(abs(points), lang, 2),
    }
    sentence = text(lang, f"change_{direction}", **values)
    if direction != "same" and float(before) != 0:
        relative = percent_change(before, after)
        sentence += text(
            lang,
            "change_relative_fall" if relative < 0 else "change_relative_rise",
            relative=fmt_number(abs(relative), lang, 1) + "%",
        )
    return sentence


def text(lang: str, key: str, **values) -> str:
    """Return the string ``teaching.<key>`` of the catalogue of ``lang``, filled with ``values``."""
    return t(check_lang(lang), f"teaching.{key}", **values)


def has_text(key: str) -> bool:
    """Return whether the catalogue section ``[teaching]`` has ``key`` (checked in English)."""
    return key in catalogue("en").get("teaching", {})


def value_label(value, lang: str) -> str:
    """Return a category, area, rule or other coded value in words (the value itself if unknown)."""
    name = str(value)
    for key in (f"cat_{name}", f"v_{name}"):
        if has_text(key):
            return text(lang, key)
    return name


def labelled(
    frame: pd.DataFrame,
    lang: str,
    values: tuple[str, ...] = VALUE_COLUMNS,
    categories: tuple[str, ...] = (),
    missing: str | None = None,
) -> pd.DataFrame:
    """Return ``frame`` for display: headers in ``lang`` (``col_<name>``) and coded values in words.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table with the project's column names.
    lang : {"en", "vi"}
        Language of the headers and values.
    values : tuple of str
        Columns whose coded values are translated (those present).
    categories : tuple of str
        More columns holding categories (e.g. one per standard code).
    missing : str, optional
        Shown instead of a missing value (e.g. ``"–"``); by default missing values stay as they are.
    """
    check_lang(lang)
    out = frame.copy()
    if missing is not None:
        out = out.astype(object).where(out.notna(), missing)
    for column in out.columns:
        if column in values or column in categories:
            out[column] = out[column].map(lambda v: v if pd.isna(v) else value_label(v, lang))
    out.columns = [text(lang, f"col_{c}") if has_text(f"col_{c}") else c for c in out.columns]
    if out.index.name and has_text(f"col_{out.index.name}"):
        out.index.name = text(lang, f"col_{out.index.name}")
    return out


def bullets(sentences) -> str:
    """Return sentences as a Markdown list."""
    return "\n".join(f"- {s}" for s in sentences)


def money(value, lang: str) -> str:
    """Return an amount of VND in the reader's style (``1.500.000 đồng`` / ``1,500,000 VND``)."""
    return text(lang, "money", amount=fmt_number(round(float(value)), lang, 0))


def standards_overview(codes, lang: str) -> pd.DataFrame:
    """Return one row per standard: period, act, lines per month, deprivation rule, what is not sourced."""
    rows = []
    for code in codes:
        std = standard.load_standard(code)
        k = std.min_deprivations
        missing = [text(lang, f"missing_{m}") for m in std.missing]
        middle = std.middle_income_upper
        rows.append(
            {
                "code": std.code,
                "period": std.period or "–",
                "act": std.act or std.legal_basis,
                "rural_line": money(std.poverty_line["rural"], lang),
                "urban_line": money(std.poverty_line["urban"], lang),
                "min_deprivations": "–" if k is None else text(lang, "k_or_more", k=k),
                "middle_income": "–"
                if middle is None
                else " / ".join(money(middle[a], lang) for a in ("rural", "urban")),
                "not_sourced": "; ".join(missing) or "–",
            }
        )
    return labelled(pd.DataFrame(rows), lang)


def lines_display(codes, lang: str) -> pd.DataFrame:
    """Return the income lines of standards side by side, per month, one row per line and area."""
    table = standard.lines(*codes)
    table["value"] = [money(v, lang) for v in table["per_month"]]
    wide = table.pivot_table(index=["rule", "area"], columns="label", values="value", aggfunc="first", sort=False)
    wide = wide[[standard.load_standard(c).label for c in codes if standard.load_standard(c).label in wide.columns]]
    wide.index = pd.MultiIndex.from_tuples(
        [(value_label(r, lang), value_label(a, lang)) for r, a in wide.index],
        names=[text(lang, "col_rule"), text(lang, "col_area")],
    )
    wide.columns.name = None
    return wide.fillna("–")


def indicator_display(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return dimensions and indicators with their names in ``lang``.

    A Vietnamese name that the sources do not give is shown as "–", with the English name of the
    source beside it: the notebook never translates a legal term it has not seen.
    """
    name = "indicator_vi" if lang == "vi" else "indicator_en"
    dimension = "dimension_vi" if lang == "vi" else "dimension_en"
    out = pd.DataFrame(
        {"dimension": indicators[dimension].replace("", "–"), "indicator": indicators[name].replace("", "–")}
    )
    if lang == "vi" and (indicators["indicator_vi"] == "").any():
        out["indicator_source_en"] = indicators["indicator_en"]
    return labelled(out, lang)


def indicator_names(std, codes, lang: str) -> list[str]:
    """Return the names of indicator codes of a standard in ``lang``, lower-cased to sit inside a sentence."""
    column = "indicator_vi" if lang == "vi" else "indicator_en"
    names = dict(zip(std.indicators["indicator_code"], std.indicators[column], strict=True))
    return [(names.get(c) or c)[:1].lower() + (names.get(c) or c)[1:] for c in codes]


def _figure(row, lang: str) -> str:
    if pd.isna(row["poor_households"]):
        return text(lang, "no_count")
    count = fmt_count(row["poor_households"], lang)
    if pd.isna(row["poor_rate_pct"]):
        return text(lang, "count_only", count=count, point=value_label(row["reference_point"], lang))
    return text(
        lang,
        "count_rate",
        count=count,
        rate=fmt_pct(float(row["poor_rate_pct"]), lang),
        point=value_label(row["reference_point"], lang),
    )


def provincial_sentences(table: pd.DataFrame, lang: str) -> list[str]:
    """Return one sentence per province and year of :func:`provincial_review`: both counts, or what is missing."""
    out = []
    for (name, year), group in table.groupby(["province", "year"], sort=False):
        order = {"end_of_year": 0, "interim": 1, "preliminary": 2}
        group = group.assign(_order=group["reference_point"].map(order).fillna(3)).sort_values("_order")
        own = group[group["standard_kind"] == "provincial"].iloc[0]
        national = group[group["standard_kind"] == "national"]
        values = {"province": name, "year": int(year), "own": _figure(own, lang)}
        if national.empty:
            out.append(text(lang, "prov_only", **values))
        else:
            out.append(text(lang, "prov_both", national=_figure(national.iloc[0], lang), **values))
    return out


def provincial_lines(lang: str) -> pd.DataFrame:
    """Return each provincial standard's poverty line per month beside the national line of the same period.

    The national standard is the one in force in the last year of the provincial period
    (:func:`study.analysis.standard.national_standard`). Columns (in ``lang``): province, standard,
    period, area, the provincial line per month, the national standard and its line, and their ratio.
    """
    rows = []
    for code in standard.available_standards(scope="provincial"):
        std = standard.load_standard(code)
        national = standard.national_standard(int(str(std.period)[-4:]))
        for area in ("rural", "urban"):
            line, base = std.poverty_line[area], national.poverty_line[area]
            rows.append(
                {
                    "province": std.province,
                    "standard": code,
                    "period": std.period or "–",
                    "area": area,
                    "provincial_line": money(line, lang),
                    "national": national.label,
                    "national_line": money(base, lang),
                    "ratio": fmt_number(line / base, lang, 2),
                }
            )
    return labelled(pd.DataFrame(rows), lang)


def thresholds_display(std, lang: str, rules=None) -> pd.DataFrame:
    """Return the thresholds of a standard (:meth:`Standard.thresholds`) with values in words and sources.

    Parameters
    ----------
    std : Standard
        A loaded standard.
    lang : {"en", "vi"}
        Language of the table.
    rules : collection of str, optional
        Keep only these rules (``poverty_line``, ``near_poor_line``, ``middle_income_upper``,
        ``low_income_worker_upper``, ``min_deprivations``).
    """
    table = std.thresholds()
    if rules is not None:
        table = table[table["rule"].isin(rules)]
    values = []
    for row in table.itertuples():
        if row.rule == "min_deprivations":
            values.append(text(lang, "k_or_more", k=int(row.value)))
        elif str(row.unit).endswith("year"):
            values.append(text(lang, "money_year", amount=money(row.value, lang)))
        else:
            values.append(money(row.value, lang))
    out = table.assign(value=values)[["rule", "area", "value", "legal_basis", "source_url"]]
    return labelled(out.reset_index(drop=True), lang)
