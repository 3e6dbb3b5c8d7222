"""Narratives generated from the data, in Vietnamese and English, for the five seed provinces."""

from __future__ import annotations

import re

import pytest

from study.analysis import indicators, profile
from study.present import narrative


@pytest.fixture(autouse=True)
def _data(real_processed):
    return real_processed


def _text(province, lang, year=None):
    return "\n".join(profile.sentences(province, lang, year))


def test_templates_hold_no_numbers():
    for lang, templates in narrative.TEMPLATES.items():
        for key, template in templates.items():
            words = re.sub(r"\{[a-z_0-9]+\}", "", template)
            assert not re.search(r"\d", words), f"{lang}/{key} has a digit: {template!r}"


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (6.02, "vi", "6,02"), (6.02, "en", "6.02"), (5100, "vi", "5.100"), (5100, "en", "5,100"),
    (12.2, "vi", "12,2"), (0.0, "vi", "0"), (1234567.891, "vi", "1.234.567,891"), (0.095, "vi", "0,095"),
    (0.1234, "en", "0.123"), (-2.9, "en", "-2.9"),
])
def test_number_style(value, lang, expected):
    assert narrative.fmt_number(value, lang) == expected


def test_points_are_kept_apart_from_percent():
    assert narrative.fmt_pp(-2.9, "vi") == "2,9 điểm phần trăm"
    assert narrative.fmt_pp(2.9, "en") == "2.9 percentage points"
    assert narrative.fmt_pct(6.02, "vi") == "6,02%"


def test_missing_value_cannot_be_formatted():
    with pytest.raises(ValueError, match="missing"):
        narrative.fmt_number(float("nan"), "en")


def test_unknown_language():
    with pytest.raises(ValueError, match="expected 'vi' or 'en'"):
        narrative.t("fr", "series", items="")


def test_lang_son_rates_and_change_in_both_languages():
    en = _text("Lạng Sơn", "en", 2023)
    assert "8.92% (2022, stated in seed000)" in en
    assert "6.02% (2023, stated in seed000)" in en
    assert "From 2022 to 2023 the poor-household rate fell from 8.92% to 6.02%, down 2.9 percentage points." in en
    assert "estimated the rate at 3.48% for 2024; this is an estimate" in en
    assert "No official review figure was found for 2022 and 2023." in en
    assert "Its region, Northern midlands and mountain areas, had a rate of 11.29% in 2023" in en
    vi = _text("lang son", "vi", 2023)
    assert "Từ 2022 đến 2023, tỷ lệ hộ nghèo giảm từ 8,92% xuống 6,02%, tức giảm 2,9 điểm phần trăm." in vi
    assert "dự ước tỷ lệ hộ nghèo năm 2024 còn 3,48%; đây là số ước tính" in vi
    assert "Không có số liệu rà soát chính thức cho các năm 2022 và 2023." in vi


def test_bac_ninh_zero_poor_households_2024():
    en = _text("Bắc Ninh", "en")
    assert "Bắc Ninh had zero poor households (0%) in the review of 2024." in en
    assert "Near-poor household rate: 0.82% in 2024 (stated in seed003)." in en
    assert "0.94% (2023, interim or preliminary review figure)" in en
    assert "From 2022 to 2023" not in en, "an interim figure must not be compared with an end-of-year one"
    assert "The two figures come from different kinds of source" in en
    assert "part of Bắc Ninh (code 24), formed from Bắc Giang and Bắc Ninh" in en
    assert "Target: no poor households left by the end of 2025 (seed003-f05) - status: on track." in en
    assert "seed003-f15" not in en, "a target stated twice in one document is tracked once"
    vi = _text("Bac Ninh", "vi")
    assert "Bắc Ninh không còn hộ nghèo (0%) theo kết quả rà soát năm 2024." in vi
    assert "tỉnh là một phần của tỉnh Bắc Ninh mới (mã 24)" in vi
    assert "0,82%" in vi


def test_thua_thien_hue_targets_have_status_and_reason():
    en = _text("TT-Huế", "en")
    assert ("Target: poor-household rate at most 2.2% by the end of 2024 (seed001-f01) - status: achieved. "
            "The 2024 figure is 1.4%.") in en
    assert "at most 1.84% by the end of 2025 (seed001-f02) - status: on track." in en
    vi = _text("Thừa Thiên - Huế", "vi")
    assert "tỷ lệ hộ nghèo không quá 2,2% đến cuối năm 2024 (seed001-f01) - tình trạng: đã đạt." in vi
    assert "với tên thành phố Huế (mã 46)" in vi


def test_tay_giang_district_targets_are_named_and_unknown():
    en = _text("Quảng Nam", "en")
    assert "reduce poor households by 270-330 by the end of 2024 (seed002-f01) - status: unknown." in en
    assert "3-4 percentage points a year" in en
    assert "(district:Tây Giang)" in en
    assert "houses supported: 451" in en
    vi = _text("Quảng Nam", "vi")
    assert "giảm 270-330 hộ nghèo" in vi and "nhà ở được hỗ trợ: 451" in vi
    assert "thành phố Đà Nẵng mới (mã 48)" in vi


def test_long_an_relative_reduction_target():
    en = _text("Long An", "en")
    assert "reduce poor households by 10% a year by the end of 2025 (seed004-f01) - status: on track." in en
    assert "Some figures are interim or preliminary rather than end-of-year results (2023)." in en
    assert "Sources disagree" not in en, "an interim update is not a conflict with the end-of-year review"
    vi = _text("Long An", "vi")
    assert "giảm số hộ nghèo 10% mỗi năm đến cuối năm 2025" in vi
    assert "Tây Ninh và Long An" in vi


def test_interim_figures_are_labelled_and_households_only_years_said():
    vi = _text("Hà Nội", "vi")
    assert "Thành phố Hà Nội là đơn vị hành chính cấp tỉnh" in vi
    assert "giảm từ 0,16% xuống 0,095%, tức giảm 0,065 điểm phần trăm" in vi


def test_comparison_leaves_partly_covered_units_out_of_the_extremes():
    import pandas as pd

    values = pd.DataFrame({"province": ["A", "B", "C"], "value": [5.0, 1.0, 9.0],
                           "complete": [True, True, False]})
    en = narrative.comparison_sentences(values, "poor_rate_pct", 2024, "en", total=4)
    text = "\n".join(en)
    assert "Highest: A 5%, B 1%." in text
    assert "1 of the new provinces have figures for only some of their former provinces (C)" in text
    assert "1 of the 4 provinces have no figure for 2024" in text


@pytest.mark.parametrize("province", ["Lạng Sơn", "Thừa Thiên Huế", "Quảng Nam", "Bắc Ninh", "Long An"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_seed_profiles_are_deterministic_and_cite_sources(province, lang):
    first, second = _text(province, lang), _text(province, lang)
    assert first == second
    assert ("Sources:" if lang == "en" else "Nguồn:") in first
    if lang == "vi":
        assert not re.search(r"\d\.\d\d%", first), "Vietnamese text must use a decimal comma"


def test_level_target_rules():
    import pandas as pd

    series = pd.DataFrame({"year": [2022, 2023], "value": [3.56, 2.27]})
    on = indicators.track_level_target("t", "x", "province", "poor_rate_pct", 1.84, 2025, series)
    assert on.status == "on_track" and on.reason_code == "pace_vs_needed"
    assert on.needed_per_year == pytest.approx(0.21) and on.achieved_per_year == pytest.approx(1.29)
    slow = pd.DataFrame({"year": [2022, 2023], "value": [3.0, 2.9]})
    off = indicators.track_level_target("t", "x", "province", "poor_rate_pct", 1.84, 2025, slow)
    assert off.status == "off_track"
    missed = indicators.track_level_target("t", "x", "province", "poor_rate_pct", 2.0, 2023, series)
    assert missed.status == "not_achieved" and missed.actual_value == 2.27
    none = indicators.track_level_target("t", "x", "province", "poor_rate_pct", 2.0, 2023, series.iloc[0:0])
    assert none.status == "unknown"


def test_relative_reduction_uses_compound_yearly_rate():
    import pandas as pd

    series = pd.DataFrame({"year": [2022, 2024], "value": [1000.0, 810.0]})
    tr = indicators.track_reduction_target("t", "x", "province", "poor_households_reduction", 10, None,
                                           "pct_per_year", None, 2025, series, relative=True)
    assert tr.achieved_per_year == pytest.approx(10.0)
    assert tr.status == "on_track"
