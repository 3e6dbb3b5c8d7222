"""Tests of study.standard: the household classification of Decree 07/2021 and Decision 59/2015.

The rules are tested against a fixture copy of the standard tables (tests/data/standard), so that the
boundaries are checked whatever the state of data/raw; one test checks that the project's own tables
give the same numbers.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from study.analysis import standard
from study.analysis.standard import StandardError

FIXTURE = Path(__file__).resolve().parent / "data" / "standard"
RAW_PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "raw" / "programme"


@pytest.fixture(scope="module")
def nd07():
    return standard.load_standard("nd07_2021", folder=FIXTURE)


@pytest.fixture(scope="module")
def qd59():
    return standard.load_standard("qd59_2015", folder=FIXTURE)


# --- Decree 07/2021 -------------------------------------------------------------------------------
def test_nd07_numbers_come_from_the_data(nd07):
    assert nd07.poverty_line == {"rural": 1_500_000, "urban": 2_000_000}
    assert nd07.middle_income_upper == {"rural": 2_250_000, "urban": 3_000_000}
    assert nd07.min_deprivations == 3
    assert nd07.near_poor_line is None and nd07.income_only_line is None
    assert len(nd07.indicator_codes) == 12 and nd07.n_indicators == 12
    assert len(nd07.dimensions) == 6 and set(nd07.dimensions["indicators"]) == {2}


@pytest.mark.parametrize("area, line", [("rural", 1_500_000), ("urban", 2_000_000)])
def test_nd07_income_exactly_at_the_line_is_under_it(nd07, area, line):
    # "từ 1,5 triệu đồng trở xuống": at or below the line
    assert nd07.classify(line, area, 3) == "poor"
    assert nd07.classify(line, area, 2) == "near_poor"
    assert nd07.classify(line + 1, area, 3) == "middle_income"
    assert nd07.classify(line + 1, area, 12) == "middle_income"


@pytest.mark.parametrize("area", ["rural", "urban"])
def test_nd07_three_deprivations_versus_two(nd07, area):
    # "thiếu hụt từ 3 chỉ số trở lên" = 3 or more; "dưới 3 chỉ số" = fewer than 3
    assert nd07.classify(0, area, 3) == "poor"
    assert nd07.classify(0, area, 2) == "near_poor"
    assert nd07.classify(0, area, 0) == "near_poor"
    assert nd07.classify(0, area, 12) == "poor"


@pytest.mark.parametrize("area, upper", [("rural", 2_250_000), ("urban", 3_000_000)])
def test_nd07_middle_income_bounds(nd07, area, upper):
    # "trên 1,5 triệu đồng đến 2,25 triệu đồng": above the line, up to and including the bound
    assert nd07.classify(upper, area, 0) == "middle_income"
    assert nd07.classify(upper + 1, area, 0) == "not_poor"
    assert nd07.classify(upper + 1, area, 12) == "not_poor"


def test_nd07_urban_and_rural_differ(nd07):
    assert nd07.classify(1_800_000, "rural", 4) == "middle_income"
    assert nd07.classify(1_800_000, "urban", 4) == "poor"
    assert nd07.classify(2_500_000, "rural", 0) == "not_poor"
    assert nd07.classify(2_500_000, "urban", 0) == "middle_income"


def test_vietnamese_area_names_are_accepted(nd07):
    assert nd07.classify(1_800_000, "Thành thị", 4) == "poor"
    assert nd07.classify(1_800_000, "nông thôn", 4) == "middle_income"


def test_deprivations_as_codes_or_mapping(nd07):
    codes = list(nd07.indicator_codes[:3])
    assert nd07.classify(1_000_000, "rural", codes) == "poor"
    assert nd07.classify(1_000_000, "rural", codes[:2]) == "near_poor"
    assert nd07.classify(1_000_000, "rural", dict.fromkeys(codes, True)) == "poor"
    assert nd07.classify(1_000_000, "rural", {codes[0]: True, codes[1]: False, codes[2]: True}) == "near_poor"
    assert nd07.classify(1_000_000, "rural", []) == "near_poor"


def test_description_prints_the_numbers(nd07):
    text = " ".join(nd07.describe())
    assert "1,500,000 VND" in text and "2,250,000 VND" in text and "3 or more" in text
    assert "1.500.000 đồng trở xuống" in " ".join(nd07.describe("vi"))


def test_thresholds_table_has_sources(nd07):
    table = nd07.thresholds()
    assert set(table["rule"]) == {"poverty_line", "middle_income_upper", "min_deprivations"}
    assert table["source_url"].str.startswith("http").all()


# --- Decision 59/2015 -----------------------------------------------------------------------------
@pytest.mark.parametrize("area, low, high", [("rural", 700_000, 1_000_000), ("urban", 900_000, 1_300_000)])
def test_qd59_rule(qd59, area, low, high):
    # poor on income alone at or below the lower line ("từ đủ 700.000 đồng trở xuống") ...
    assert qd59.classify(low, area, 0) == "poor"
    assert qd59.classify(0, area, 0) == "poor"
    # ... between the lines, deprivations decide; the upper line is included ("đến 1.000.000 đồng")
    assert qd59.classify(low + 1, area, 3) == "poor"
    assert qd59.classify(low + 1, area, 2) == "near_poor"
    assert qd59.classify(high, area, 3) == "poor"
    assert qd59.classify(high, area, 2) == "near_poor"
    # above the upper line: no middle-income band (not verified), so not poor
    assert qd59.classify(high + 1, area, 10) == "not_poor"


def test_qd59_categories_and_counts(qd59):
    assert qd59.categories == ("poor", "near_poor", "not_poor")
    assert qd59.min_deprivations == 3 and qd59.n_indicators == 10 and qd59.n_dimensions == 5
    with pytest.raises(StandardError, match="only 10 indicators"):
        qd59.classify(800_000, "rural", 11)


def test_same_household_under_both_standards(nd07, qd59):
    # a rural household with 1.2 million VND and two deprivations: near-poor under the 2022-2025
    # standard, above both 2016-2020 lines
    assert nd07.classify(1_200_000, "rural", 2) == "near_poor"
    assert qd59.classify(1_200_000, "rural", 2) == "not_poor"


# --- validation -----------------------------------------------------------------------------------
def test_unknown_indicator_code_lists_the_valid_ones(nd07):
    with pytest.raises(StandardError) as error:
        nd07.classify(1_000_000, "rural", ["employment", "internet"])
    message = str(error.value)
    assert "'internet'" in message
    for code in nd07.indicator_codes:
        assert code in message


@pytest.mark.parametrize("income", [-1, -0.5, float("nan"), float("inf"), "1500000", None, True])
def test_bad_income(nd07, income):
    with pytest.raises(StandardError, match="income"):
        nd07.classify(income, "rural", 0)


@pytest.mark.parametrize("area", ["suburban", "", None, 1])
def test_bad_area(nd07, area):
    with pytest.raises(StandardError, match="rural"):
        nd07.classify(1_000_000, area, 0)


@pytest.mark.parametrize("deprivations", [-1, 13, 2.5, "employment", True, object()])
def test_bad_deprivations(nd07, deprivations):
    with pytest.raises(StandardError):
        nd07.classify(1_000_000, "rural", deprivations)


def test_repeated_code(nd07):
    with pytest.raises(StandardError, match="more than once"):
        nd07.classify(1_000_000, "rural", ["employment", "employment", "nutrition"])


def test_unknown_standard_names_the_available_ones():
    with pytest.raises(StandardError) as error:
        standard.load_standard("qd09_2011", folder=FIXTURE)
    assert "nd07_2021" in str(error.value) and "qd59_2015" in str(error.value)
    assert "provincial" not in str(error.value)


def test_incomplete_standard_is_refused():
    with pytest.raises(StandardError, match="poor_min_deprivations"):
        standard.load_standard("provincial", folder=FIXTURE)


def test_contradictory_rows_are_refused(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    text = (FIXTURE / "poverty_standard.csv").read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    (folder / "standard_extra.csv").write_text(
        header + "\n" + first.replace("1500000", "1600000") + "\n", encoding="utf-8")
    with pytest.raises(StandardError, match="1600000|1.6e"):
        standard.load_standard("nd07_2021", folder=folder)


def test_supplement_file_completes_a_standard(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    rows = pd.read_csv(folder / "poverty_standard.csv", dtype=str, keep_default_na=False)
    is_min = (rows["standard"] == "qd59_2015") & (rows["item"] == "poor_min_deprivations")
    rows[~is_min].to_csv(folder / "poverty_standard.csv", index=False)
    assert "qd59_2015" not in standard.available_standards(folder)
    rows[is_min].to_csv(folder / "standard_qd59_2015.csv", index=False)
    assert standard.load_standard("qd59_2015", folder=folder).min_deprivations == 3


def test_middle_bound_below_the_line_is_refused(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    path = folder / "poverty_standard.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2250000,", ",1400000,"), encoding="utf-8")
    with pytest.raises(StandardError, match="middle-income"):
        standard.load_standard("nd07_2021", folder=folder)


# --- vectorised -----------------------------------------------------------------------------------
def _boundary_frame():
    return pd.DataFrame({
        "income_per_person_month": [1_500_000, 1_500_000, 1_500_001, 2_250_000, 2_250_001, 2_000_000,
                                    3_000_001],
        "area": ["rural", "rural", "rural", "rural", "rural", "urban", "urban"],
        "deprivations": [3, 2, 9, 0, 0, 5, 0],
    }, index=list("abcdefg"))


def test_classify_households_matches_classify(nd07):
    frame = _boundary_frame()
    result = standard.classify_households(frame, standard=nd07)
    expected = [nd07.classify(r.income_per_person_month, r.area, r.deprivations) for r in frame.itertuples()]
    assert list(result.astype(str)) == expected
    assert list(result.index) == list(frame.index)
    assert result.cat.ordered and list(result.cat.categories) == list(standard.CATEGORIES)


def test_classify_households_qd59_matches_classify(qd59):
    incomes = [700_000, 700_001, 1_000_000, 1_000_001, 900_000, 1_300_000]
    frame = pd.DataFrame({"income_per_person_month": incomes,
                          "area": ["rural", "rural", "rural", "rural", "urban", "urban"],
                          "deprivations": [0, 3, 2, 10, 0, 4]})
    result = standard.classify_households(frame, standard=qd59)
    expected = [qd59.classify(r.income_per_person_month, r.area, r.deprivations) for r in frame.itertuples()]
    assert list(result.astype(str)) == expected == ["poor", "poor", "near_poor", "not_poor", "poor", "poor"]


def test_classify_households_from_indicator_columns(nd07):
    frame = pd.DataFrame({"income_per_person_month": [1_000_000, 1_000_000], "area": ["rural", "urban"]})
    for code in nd07.indicator_codes:
        frame[code] = False
    frame.loc[0, list(nd07.indicator_codes[:3])] = True
    assert list(standard.classify_households(frame, standard=nd07).astype(str)) == ["poor", "near_poor"]


def test_classify_households_errors(nd07):
    frame = _boundary_frame()
    with pytest.raises(StandardError, match="negative in row"):
        standard.classify_households(frame.assign(income_per_person_month=[-1, 0, 0, 0, 0, 0, 0]),
                                     standard=nd07)
    with pytest.raises(StandardError, match="'city'"):
        standard.classify_households(frame.assign(area=["city"] * 7), standard=nd07)
    with pytest.raises(StandardError, match="valid codes"):
        standard.classify_households(frame.drop(columns="deprivations"), standard=nd07)
    with pytest.raises(StandardError, match="whole number"):
        standard.classify_households(frame.assign(deprivations=[13, 0, 0, 0, 0, 0, 0]), standard=nd07)
    with pytest.raises(StandardError, match="missing"):
        standard.classify_households(frame.drop(columns="area"), standard=nd07)


# --- synthetic sample -----------------------------------------------------------------------------
def test_synthetic_households_are_labelled_and_reproducible(nd07):
    one = standard.synthetic_households(300, seed=7, standard=nd07)
    two = standard.synthetic_households(300, seed=7, standard=nd07)
    pd.testing.assert_frame_equal(one, two)
    assert one["synthetic"].all()
    assert set(one["area"]) == {"rural", "urban"}
    assert (one["income_per_person_month"] >= 0).all()
    assert (one[list(nd07.indicator_codes)].sum(axis=1) == one["deprivations"]).all()
    categories = standard.classify_households(one, standard=nd07)
    assert set(categories.astype(str)) == set(standard.CATEGORIES)
    assert not one.equals(standard.synthetic_households(300, seed=8, standard=nd07))


def test_synthetic_households_bad_n(nd07):
    with pytest.raises(StandardError):
        standard.synthetic_households(0, standard=nd07)


def test_category_counts(nd07):
    counts = standard.category_counts(standard.classify_households(_boundary_frame(), standard=nd07))
    assert counts["households"].sum() == 7
    assert list(counts["category"]) == list(standard.CATEGORIES)
    assert counts["label_vi"].iloc[0] == "hộ nghèo"


def test_format_vnd():
    assert standard.format_vnd(1_500_000) == "1,500,000 VND"
    assert standard.format_vnd(1_500_000, "vi") == "1.500.000 đồng"


# --- the project's own tables ---------------------------------------------------------------------
@pytest.mark.skipif(not (RAW_PROGRAMME / "poverty_standard.csv").exists(),
                    reason="programme tables not present")
def test_project_tables_agree_with_the_fixture(nd07, qd59):
    real = standard.load_standard("nd07_2021", folder=RAW_PROGRAMME)
    assert real.poverty_line == nd07.poverty_line
    assert real.middle_income_upper == nd07.middle_income_upper
    assert real.min_deprivations == nd07.min_deprivations
    assert len(real.indicator_codes) == 12
    if "qd59_2015" in standard.available_standards(RAW_PROGRAMME):
        old = standard.load_standard("qd59_2015", folder=RAW_PROGRAMME)
        assert old.poverty_line == qd59.poverty_line and old.near_poor_line == qd59.near_poor_line
        assert old.min_deprivations == qd59.min_deprivations


def test_boundary_cases(nd07, qd59):
    cases = standard.boundary_cases(nd07)
    assert len(cases) == 2 * 2 * 2 * 2  # areas x (line, middle bound) x (on, above) x (k-1, k)
    on_line = cases[(cases["boundary"] == "multidimensional line") & (cases["position"] == "on it")]
    assert list(on_line["category"]) == ["near_poor", "poor", "near_poor", "poor"]
    old = standard.boundary_cases(qd59)
    assert set(old["boundary"]) == {"income-only line", "multidimensional line"}
    income_only = old[(old["boundary"] == "income-only line") & (old["position"] == "on it")]
    assert set(income_only["category"]) == {"poor"}


def test_synthetic_households_without_indicator_list(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    rows = pd.read_csv(folder / "dimensions_indicators.csv", dtype=str, keep_default_na=False)
    rows[rows["standard"] != "qd59_2015"].to_csv(folder / "dimensions_indicators.csv", index=False)
    qd59 = standard.load_standard("qd59_2015", folder=folder)
    sample = standard.synthetic_households(50, seed=1, standard=qd59)
    assert "indicator_10" in sample.columns and sample["deprivations"].max() <= 10
    assert len(standard.classify_households(sample, standard=qd59)) == 50


def test_lines_table(nd07, qd59):
    table = standard.lines_table(qd59, nd07)
    assert list(table.index) == ["rural", "urban"]
    assert table.loc["rural", "qd59_2015 poor on income alone"] == 700_000
    assert table.loc["urban", "nd07_2021 middle-income up to"] == 3_000_000
    assert "qd59_2015 middle-income up to" not in table.columns
