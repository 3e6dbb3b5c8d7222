"""Small helpers for the teaching notebooks: rates and counts, points and percent, weighted means.

Every function takes plain numbers or frames (as :mod:`study.load` returns them) and reads no file,
so a teacher can use them on any table.

Vocabulary
----------
rate
    A share in percent: poor households per 100 households (``poor_rate_pct``).
count
    A number of households (``poor_households``).
percentage points (pp)
    The difference of two rates: from 4.0 % to 3.0 % is a fall of 1.0 pp.
percent change
    The change relative to the starting value: from 4.0 % to 3.0 % is a fall of 25 %.

The second half gives the notebooks their words: texts of the ``[teaching]`` section of the string
catalogues, tables with their headers and values in the reader's language (:func:`labelled`), and the
tables of the standards and of the provincial-standard figures that notebooks 1 and 2 show.
"""

from __future__ import annotations

import math

import pandas as pd

from study.present.i18n import catalogue, check_lang, fmt_count, fmt_number, fmt_pct, t
from study.registry import provinces


def _number(value, name: str) -> float:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        raise ValueError(f"{name} is missing")
    return float(value)


def pp_change(before, after) -> float:
    """Return the change of a rate in percentage points (``after - before``)."""
    return _number(after, "after") - _number(before, "before")


def percent_change(before, after) -> float:
    """Return the change relative to ``before``, in percent.

    Raises
    ------
    ValueError
        If ``before`` is zero (a relative change from nothing is undefined) or a value is missing.
    """
    start = _number(before, "before")
    if start == 0:
        raise ValueError("percent change from 0 is undefined; give the change in points instead")
    return (_number(after, "after") - start) / start * 100


def rate_pct(count, total) -> float:
    """Return ``count`` as a percentage of ``total``."""
    whole = _number(total, "total")
    if whole <= 0:
        raise ValueError(f"total must be positive; got {total!r}")
    return _number(count, "count") / whole * 100


def implied_total(count, rate) -> float:
    """Return the total a count and its rate imply (``count / (rate / 100)``).

    Rates are published rounded, so the implied total is approximate; a rate of 0 implies nothing.
    """
    share = _number(rate, "rate")
    if share <= 0:
        raise ValueError("a rate of 0 (or less) does not imply a total")
    return _number(count, "count") / (share / 100)


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


def with_totals(
    frame: pd.DataFrame, count: str = "poor_households", rate: str = "poor_rate_pct", total: str = "total_households"
) -> pd.DataFrame:
    """Return ``frame`` with a household total per row: given, or implied by the count and the rate.

    Adds ``households`` (float) and ``households_from`` (``"given"``, ``"implied"`` or ``"missing"``).
    """
    out = frame.copy()
    if total in out:
        given = pd.to_numeric(out[total], errors="coerce")
    else:
        given = pd.Series(float("nan"), index=out.index)
    counts = pd.to_numeric(out[count], errors="coerce").astype("float64")
    rates = pd.to_numeric(out[rate], errors="coerce").astype("float64")
    implied = (counts / (rates / 100)).where(rates > 0)
    given = given.astype("float64")
    out["households"] = given.fillna(implied)
    out["households_from"] = "missing"
    out.loc[implied.notna(), "households_from"] = "implied"
    out.loc[given.notna(), "households_from"] = "given"
    return out


def mean_vs_weighted(
    frame: pd.DataFrame, count: str = "poor_households", rate: str = "poor_rate_pct", total: str = "total_households"
) -> dict:
    """Compare the plain mean of provincial rates with the household-weighted rate of the same rows.

    Only rows with a rate and a household total (given or implied, see :func:`with_totals`) are used,
    so that both figures describe the same provinces.

    Returns
    -------
    dict
        ``rows`` (used), ``rows_left_out`` (no rate or no total), ``plain_mean_pct``,
        ``weighted_pct`` (poor households of the rows over their households), ``difference_pp``.
        The figures are ``nan`` when no row can be used.
    """
    table = with_totals(frame, count=count, rate=rate, total=total)
    rates = pd.to_numeric(table[rate], errors="coerce").astype("float64")
    usable = rates.notna() & table["households"].notna()
    used = table[usable]
    result = {
        "rows": int(usable.sum()),
        "rows_left_out": int((~usable).sum()),
        "plain_mean_pct": float("nan"),
        "weighted_pct": float("nan"),
        "difference_pp": float("nan"),
    }
    if len(used):
        households = used["households"].astype("float64")
        plain = float(rates[usable].mean())
        weighted = float((rates[usable] / 100 * households).sum() / households.sum() * 100)
        result.update(plain_mean_pct=plain, weighted_pct=weighted, difference_pp=plain - weighted)
    return result


def merger_members(new_name: str) -> pd.DataFrame:
    """Return the units of the 63 that form a unit of the 34 since 1 July 2025, with their regions.

    Parameters
    ----------
    new_name : str
        Any spelling of the name of a unit of the 34 (``"Tuyên Quang"``, ``"tuyen quang"``).
    """
    unit = provinces.resolve(new_name, "34")
    rows = [
        {
            "code_63": old.code,
            "name_63": old.name_vi,
            "region": old.region,
            "code_34": unit.code,
            "name_34": unit.name_vi,
        }
        for old in provinces.predecessors(unit.code)
    ]
    return pd.DataFrame(rows, columns=["code_63", "name_63", "region", "code_34", "name_34"])


def merger_summary() -> pd.DataFrame:
    """Return the 34 units with the number of old units each absorbs, largest first, then by code."""
    rows = []
    for new in provinces.units("34"):
        old = provinces.predecessors(new.code)
        rows.append(
            {
                "code_34": new.code,
                "name_34": new.name_vi,
                "units_63": len(old),
                "names_63": ", ".join(u.name_vi for u in old),
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["units_63", "code_34"], ascending=[False, True], ignore_index=True)


def reused_codes() -> pd.DataFrame:
    """Return the codes that name one unit among the 63 and a different unit among the 34."""
    old = {u.code: u.name_vi for u in provinces.units("63")}
    rows = []
    for new in provinces.units("34"):
        if new.code in old and old[new.code] != new.name_vi:
            rows.append({"code": new.code, "among_the_63": old[new.code], "among_the_34": new.name_vi})
    return pd.DataFrame(rows, columns=["code", "among_the_63", "among_the_34"])


def review_vs_survey(
    review: pd.DataFrame, survey: pd.DataFrame, year: int, series: str = "gso_multidimensional_survey"
) -> pd.DataFrame:
    """Put the Ministry review rate and the GSO survey rate of the same provinces and year side by side.

    Parameters
    ----------
    review : pandas.DataFrame
        ``load.poverty_panel()`` (one row per province and year).
    survey : pandas.DataFrame
        ``load.gso_survey()``.
    year : int
        The year to compare.
    series : str
        The GSO series.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``review_pct``, ``survey_pct``, ``difference_pp``
        (survey minus review), for the provinces that have both figures, ordered by code.
    """
    left = review[(review["year"] == year) & review["poor_rate_pct"].notna()]
    left = left[["province_code", "province", "poor_rate_pct"]]
    left = left.rename(columns={"poor_rate_pct": "review_pct"})
    right = survey[(survey["year"] == year) & (survey["level"] == "province") & (survey["series"] == series)]
    right = right[["province_code", "poor_rate_pct"]].rename(columns={"poor_rate_pct": "survey_pct"})
    out = left.merge(right, on="province_code", how="inner")
    out["review_pct"] = out["review_pct"].astype("float64")
    out["survey_pct"] = out["survey_pct"].astype("float64")
    out["difference_pp"] = (out["survey_pct"] - out["review_pct"]).round(2)
    return out.sort_values("province_code", ignore_index=True)


# ---------------------------------------------------------------------------------------------
# words for the teaching notebooks (catalogue section [teaching])
# ---------------------------------------------------------------------------------------------
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
    from study.analysis import standard

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
    from study.analysis import standard

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


def provincial_review(sources: pd.DataFrame) -> pd.DataFrame:
    """Return the review rows under a provincial standard, each with the national-standard rows beside it.

    Parameters
    ----------
    sources : pandas.DataFrame
        Every review row (``load.table("poverty_review_sources")``), with ``standard`` ``"provincial"``
        for a province's own line and ``"nd07_2021"`` for the national one.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province``, ``regime``, ``year``, ``standard_kind`` (``provincial`` or
        ``national``), ``reference_point``, ``source_type``, ``poor_households``, ``poor_rate_pct``,
        ``near_poor_households``, ``near_poor_rate_pct``: for every province, unit set and year with a
        provincial-standard row, those rows and the national-standard rows of the same year
        (identical rows from several sources shown once).
    """
    keys = ["province_code", "regime", "year"]
    own = sources[sources["standard"] == "provincial"]
    national = sources[sources["standard"] == "nd07_2021"].merge(own[keys].drop_duplicates(), on=keys)
    columns = [
        *keys[:1],
        "province",
        *keys[1:],
        "standard_kind",
        "reference_point",
        "source_type",
        "poor_households",
        "poor_rate_pct",
        "near_poor_households",
        "near_poor_rate_pct",
    ]
    both = pd.concat([own.assign(standard_kind="provincial"), national.assign(standard_kind="national")])
    both = both[columns].drop_duplicates()
    return both.sort_values(
        ["province", "regime", "year", "standard_kind"], ascending=[True, True, True, False], ignore_index=True
    )


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
    from study.analysis import standard

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
