"""Tests of study.analysis.standard: the household standards of 2016-2020, 2022-2025, 2027-2030 and the provinces.

The rules of Decree 07/2021 and Decision 59/2015 are tested against a fixture copy of the standard tables
(tests/data/standard, completed here with the sourced near-poor rule), so that the boundaries are checked
whatever the state of data/raw. The 2026-2030 decree and the provincial standards exist only in the project's
own tables (data/raw/programme), which the second half reads directly: every income line is tested one VND
below, on and one VND above, with the deprivation counts around the threshold.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from study.analysis import standard
from study.analysis.standard import NotSourcedError, StandardError
from study.present import standard_text

FIXTURE = Path(__file__).resolve().parent / "data" / "standard"
RAW_PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "raw" / "programme"
NEAR_POOR_RULE = [  # the sourced rows of data/raw/programme (poverty_standard.csv, standard_qd59_2015.csv)
    [
        "nd07_2021",
        "near_poor_max_deprivations",
        "all",
        "3",
        "indicators (fewer than, of 12)",
        "NĐ 07/2021/NĐ-CP",
        "https://laodongthudo.vn/quy-dinh-chuan-ngheo-da-chieu-giai-doan-2021-2025-119787.html",
        "Lao động Thủ đô",
        "Near-poor household: income at or below the poverty line AND deprived in fewer than 3 indicators.",
    ],
    [
        "qd59_2015",
        "near_poor_max_deprivations",
        "all",
        "3",
        "indicators (fewer than, of 10)",
        "QĐ 59/2015/QĐ-TTg, Art. 2(2)",
        "http://baovinhlong.com.vn/ban-doc/phan-hoi/201712/tieu-chi-ho-ngheo-ho-can-ngheo-theo-quy-dinh-hien-nay-2868994/",
        "Báo Vĩnh Long",
        "Near-poor: above the poverty line and up to the near-poor line with fewer than 3.",
    ],
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The fixture tables plus the sourced near-poor rule (a supplement file, as in data/raw)."""
    out = tmp_path_factory.mktemp("standard") / "programme"
    shutil.copytree(FIXTURE, out)
    with open(out / "standard_near_poor.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(standard.STANDARD_COLUMNS)
        writer.writerows(NEAR_POOR_RULE)
    return out


@pytest.fixture(scope="module")
def nd07(folder):
    return standard.load_standard("nd07_2021", folder=folder)


@pytest.fixture(scope="module")
def qd59(folder):
    return standard.load_standard("qd59_2015", folder=folder)


def real(code):
    return standard.load_standard(code, folder=RAW_PROGRAMME)


# --- Decree 07/2021 -------------------------------------------------------------------------------
def test_nd07_numbers_come_from_the_data(nd07):
    assert nd07.poverty_line == {"rural": 1_500_000, "urban": 2_000_000}
    assert nd07.middle_income_upper == {"rural": 2_250_000, "urban": 3_000_000}
    assert nd07.min_deprivations == 3 and nd07.near_poor_rule and nd07.missing == ()
    assert nd07.near_poor_line is None and nd07.income_only_line is None
    assert len(nd07.indicator_codes) == 12 and nd07.n_indicators == 12
    assert len(nd07.dimensions) == 6 and set(nd07.dimensions["indicators"]) == {2}


@pytest.mark.parametrize("area, line", [("rural", 1_500_000), ("urban", 2_000_000)])
def test_nd07_income_exactly_at_the_line_is_under_it(nd07, area, line):
    # "từ 1,5 triệu đồng trở xuống": at or below the line
    assert nd07.classify(line - 1, area, 3) == "poor"
    assert nd07.classify(line, area, 3) == "poor"
    assert nd07.classify(line, area, 2) == "near_poor"
    assert nd07.classify(line + 1, area, 3) == "middle_income"
    assert nd07.classify(line + 1, area, 12) == "middle_income"


@pytest.mark.parametrize("area", ["rural", "urban"])
def test_nd07_three_deprivations_versus_two(nd07, area):
    # "thiếu hụt từ 3 chỉ số trở lên" = 3 or more; "dưới 3 chỉ số" = fewer than 3
    assert nd07.classify(0, area, 4) == "poor"
    assert nd07.classify(0, area, 3) == "poor"
    assert nd07.classify(0, area, 2) == "near_poor"
    assert nd07.classify(0, area, 0) == "near_poor"
    assert nd07.classify(0, area, 12) == "poor"


@pytest.mark.parametrize("area, upper", [("rural", 2_250_000), ("urban", 3_000_000)])
def test_nd07_middle_income_bounds(nd07, area, upper):
    # "trên 1,5 triệu đồng đến 2,25 triệu đồng": above the line, up to and including the bound
    assert nd07.classify(upper - 1, area, 0) == "middle_income"
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
    text = " ".join(standard_text.sentences(nd07))
    assert "1,500,000 VND" in text and "2,250,000 VND" in text and "3 or more" in text
    assert "1.500.000 đồng trở xuống" in " ".join(standard_text.sentences(nd07, "vi"))
    with pytest.raises(StandardError, match="language"):
        standard_text.sentences(nd07, "fr")


def test_thresholds_table_has_sources(nd07):
    table = nd07.thresholds()
    assert set(table["rule"]) == {"poverty_line", "middle_income_upper", "min_deprivations"}
    assert table["source_url"].str.startswith("http").all()


def test_a_near_poor_rule_without_its_row_is_not_assumed():
    # the bare fixture has no near_poor_max_deprivations row: under the line with too few deprivations
    # the household is not poor, and whether it is near-poor is not decided
    bare = standard.load_standard("nd07_2021", folder=FIXTURE)
    assert bare.missing == ("near_poor_rule",) and "near_poor" not in bare.categories
    assert bare.classify(1_000_000, "rural", 3) == "poor"
    with pytest.raises(NotSourcedError, match="near-poor rule") as error:
        bare.classify(1_000_000, "rural", 2)
    assert error.value.rule == "near_poor_rule" and error.value.known == "not_poor"


# --- Decision 59/2015 -----------------------------------------------------------------------------
@pytest.mark.parametrize("area, low, high", [("rural", 700_000, 1_000_000), ("urban", 900_000, 1_300_000)])
def test_qd59_rule(qd59, area, low, high):
    # poor on income alone at or below the lower line ("từ đủ 700.000 đồng trở xuống") ...
    assert qd59.classify(low - 1, area, 0) == "poor"
    assert qd59.classify(low, area, 0) == "poor"
    assert qd59.classify(0, area, 0) == "poor"
    # ... between the lines, deprivations decide; the upper line is included ("đến 1.000.000 đồng")
    assert qd59.classify(low + 1, area, 3) == "poor"
    assert qd59.classify(low + 1, area, 2) == "near_poor"
    assert qd59.classify(high - 1, area, 2) == "near_poor"
    assert qd59.classify(high, area, 3) == "poor"
    assert qd59.classify(high, area, 2) == "near_poor"
    # above the upper line: no middle-income band in the fixture, so not poor
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


def test_unknown_standard_names_the_available_ones(folder):
    with pytest.raises(StandardError) as error:
        standard.load_standard("qd09_2011", folder=folder)
    assert "nd07_2021" in str(error.value) and "qd59_2015" in str(error.value)
    assert "provincial" not in str(error.value)


def test_mixed_provincial_rows_are_refused(folder):
    # the old mixed code "provincial" has areas such as "Đồng Nai (rural)": not one standard
    with pytest.raises(StandardError, match="area"):
        standard.load_standard("provincial", folder=folder)


def test_contradictory_rows_are_refused(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    text = (FIXTURE / "poverty_standard.csv").read_text(encoding="utf-8").splitlines()
    header, first = text[0], text[1]
    (folder / "standard_extra.csv").write_text(
        header + "\n" + first.replace("1500000", "1600000") + "\n", encoding="utf-8"
    )
    with pytest.raises(StandardError, match="1600000|1.6e"):
        standard.load_standard("nd07_2021", folder=folder)


def test_supplement_file_completes_a_standard(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    rows = pd.read_csv(folder / "poverty_standard.csv", dtype=str, keep_default_na=False)
    is_min = (rows["standard"] == "qd59_2015") & (rows["item"] == "poor_min_deprivations")
    rows[~is_min].to_csv(folder / "poverty_standard.csv", index=False)
    # without its deprivation rule the standard still loads, but decides nothing under its upper line
    lines_only = standard.load_standard("qd59_2015", folder=folder)
    assert lines_only.min_deprivations is None and lines_only.missing == ("deprivation_rule",)
    with pytest.raises(NotSourcedError, match="deprivations"):
        lines_only.classify(600_000, "rural", 0)
    rows[is_min].to_csv(folder / "standard_qd59_2015.csv", index=False)
    assert standard.load_standard("qd59_2015", folder=folder).min_deprivations == 3


def test_middle_bound_below_the_line_is_refused(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    path = folder / "poverty_standard.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",2250000,", ",1400000,"), encoding="utf-8")
    with pytest.raises(StandardError, match="middle-income"):
        standard.load_standard("nd07_2021", folder=folder)


def test_bad_bound_and_mixed_units_are_refused(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    header = ",".join(standard.STANDARD_COLUMNS)
    (folder / "standard_bad.csv").write_text(
        header + "\nnd07_2021,income_bound,all,under,rule,x,https://example.org,x,x\n", encoding="utf-8"
    )
    with pytest.raises(StandardError, match="income_bound"):
        standard.load_standard("nd07_2021", folder=folder)
    (folder / "standard_bad.csv").write_text(
        header + "\nqd59_2015,middle_income_upper_bound,all,20000000,VND/person/year,x,https://example.org,x,x\n",
        encoding="utf-8",
    )
    with pytest.raises(StandardError, match="per month and per year"):
        standard.load_standard("qd59_2015", folder=folder)


# --- vectorised -----------------------------------------------------------------------------------
def _boundary_frame():
    return pd.DataFrame(
        {
            "income_per_person_month": [1_500_000, 1_500_000, 1_500_001, 2_250_000, 2_250_001, 2_000_000, 3_000_001],
            "area": ["rural", "rural", "rural", "rural", "rural", "urban", "urban"],
            "deprivations": [3, 2, 9, 0, 0, 5, 0],
        },
        index=list("abcdefg"),
    )


def test_classify_households_matches_classify(nd07):
    frame = _boundary_frame()
    result = standard.classify_households(frame, standard=nd07)
    expected = [nd07.classify(r.income_per_person_month, r.area, r.deprivations) for r in frame.itertuples()]
    assert list(result.astype(str)) == expected
    assert list(result.index) == list(frame.index)
    assert result.cat.ordered and list(result.cat.categories) == list(standard.CATEGORIES)


def test_classify_households_qd59_matches_classify(qd59):
    incomes = [700_000, 700_001, 1_000_000, 1_000_001, 900_000, 1_300_000]
    frame = pd.DataFrame(
        {
            "income_per_person_month": incomes,
            "area": ["rural", "rural", "rural", "rural", "urban", "urban"],
            "deprivations": [0, 3, 2, 10, 0, 4],
        }
    )
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
        standard.classify_households(frame.assign(income_per_person_month=[-1, 0, 0, 0, 0, 0, 0]), standard=nd07)
    with pytest.raises(StandardError, match="'city'"):
        standard.classify_households(frame.assign(area=["city"] * 7), standard=nd07)
    with pytest.raises(StandardError, match="valid codes"):
        standard.classify_households(frame.drop(columns="deprivations"), standard=nd07)
    with pytest.raises(StandardError, match="whole number"):
        standard.classify_households(frame.assign(deprivations=[13, 0, 0, 0, 0, 0, 0]), standard=nd07)
    with pytest.raises(StandardError, match="missing"):
        standard.classify_households(frame.drop(columns="area"), standard=nd07)
    with pytest.raises(StandardError, match="'raise' or 'mark'"):
        standard.classify_households(frame, standard=nd07, undetermined="guess")


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
    assert "label_vi" not in counts and "label_en" not in counts  # words live in study.present.teaching


def test_format_vnd():
    assert standard.format_vnd(1_500_000) == "1,500,000 VND"
    assert standard.format_vnd(1_500_000, "vi") == "1.500.000 đồng"


def test_boundary_cases(nd07, qd59):
    cases = standard.boundary_cases(nd07)
    assert len(cases) == 2 * 2 * 3 * 2  # areas x (line, middle bound) x (below, on, above) x (k-1, k)
    on_line = cases[(cases["boundary"] == "poverty_line") & (cases["position"] == "on")]
    assert list(on_line["category"]) == ["near_poor", "poor", "near_poor", "poor"]
    old = standard.boundary_cases(qd59)
    assert set(old["boundary"]) == {"poverty_line", "near_poor_line"}
    income_only = old[(old["boundary"] == "poverty_line") & (old["position"] == "on")]
    assert set(income_only["category"]) == {"poor"}


def test_synthetic_households_without_indicator_list(tmp_path):
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURE, folder)
    rows = pd.read_csv(folder / "dimensions_indicators.csv", dtype=str, keep_default_na=False)
    rows[rows["standard"] != "qd59_2015"].to_csv(folder / "dimensions_indicators.csv", index=False)
    qd59 = standard.load_standard("qd59_2015", folder=folder)
    sample = standard.synthetic_households(50, seed=1, standard=qd59)
    assert "indicator_10" in sample.columns and sample["deprivations"].max() <= 10
    assert len(standard.classify_households(sample, standard=qd59, undetermined="mark")) == 50


# --- the project's own tables: every standard, every line -------------------------------------------
pytestmark_raw = pytest.mark.skipif(
    not (RAW_PROGRAMME / "poverty_standard_more.csv").exists(), reason="programme tables not present"
)


@pytestmark_raw
def test_project_tables_agree_with_the_fixture(nd07, qd59):
    assert real("nd07_2021").poverty_line == nd07.poverty_line
    assert real("nd07_2021").middle_income_upper == nd07.middle_income_upper
    assert real("nd07_2021").min_deprivations == nd07.min_deprivations and real("nd07_2021").near_poor_rule
    assert len(real("nd07_2021").indicator_codes) == 12
    old = real("qd59_2015")
    assert old.poverty_line == qd59.poverty_line and old.near_poor_line == qd59.near_poor_line
    assert old.min_deprivations == qd59.min_deprivations and old.near_poor_rule


@pytestmark_raw
def test_every_standard_of_the_project_loads():
    codes = standard.available_standards(RAW_PROGRAMME)
    national = {"qd59_2015", "nd07_2021", "national_2026_2030"}
    provincial = {"hcmc_2021_2025", "hcmc_2025_review", "dongnai_2022_2025", "binhduong_2021", "quangninh_2023_2025"}
    assert set(codes) == national | provincial
    assert set(standard.available_standards(RAW_PROGRAMME, scope="provincial")) == provincial
    assert set(standard.available_standards(RAW_PROGRAMME, scope="national")) == national
    for code in codes:
        std = real(code)
        assert std.period and std.legal_basis
        assert (std.province is None) == (code in national)
        assert std.rows["source_url"].str.startswith("http").all()


@pytestmark_raw
def test_new_standard_files_keep_their_sources():
    for name in ("poverty_standard_more.csv", "dimensions_indicators_2026_2030.csv"):
        rows = pd.read_csv(RAW_PROGRAMME / name, dtype=str, keep_default_na=False)
        for column in ("legal_basis", "source_url", "note"):
            assert (rows[column].str.strip() != "").all(), (name, column)
        assert rows["source_url"].str.startswith("http").all()
    more = pd.read_csv(RAW_PROGRAMME / "poverty_standard_more.csv", dtype=str, keep_default_na=False)
    assert "provincial" not in set(more["standard"])  # recoded: one code per provincial standard


# Decision 59/2015 with its middle-income band (Art. 2), from the project's tables
@pytestmark_raw
@pytest.mark.parametrize(
    "area, low, high, middle", [("rural", 700_000, 1_000_000, 1_500_000), ("urban", 900_000, 1_300_000, 1_950_000)]
)
def test_qd59_every_line(area, low, high, middle):
    old = real("qd59_2015")
    assert old.categories == standard.CATEGORIES and old.middle_income_upper[area] == middle
    for k in (0, 2, 3, 4):
        assert old.classify(low - 1, area, k) == "poor" and old.classify(low, area, k) == "poor"
    assert [old.classify(low + 1, area, k) for k in (2, 3, 4)] == ["near_poor", "poor", "poor"]
    assert [old.classify(high - 1, area, k) for k in (2, 3)] == ["near_poor", "poor"]
    assert [old.classify(high, area, k) for k in (2, 3, 4)] == ["near_poor", "poor", "poor"]
    assert [old.classify(high + 1, area, k) for k in (2, 3, 10)] == ["middle_income"] * 3
    assert old.classify(middle - 1, area, 0) == "middle_income"
    assert old.classify(middle, area, 0) == "middle_income"
    assert old.classify(middle + 1, area, 10) == "not_poor"


# Decree 07/2021 as amended by Decree 30/2025
@pytestmark_raw
def test_nd07_amendment():
    std = real("nd07_2021")
    assert std.act == "NĐ 07/2021/NĐ-CP" and std.period == "2022-2025"
    assert "NĐ 30/2025/NĐ-CP" in std.values("amended_by")
    assert std.low_income_worker_upper == {"rural": 2_250_000, "urban": 3_000_000}
    table = std.thresholds()
    workers = table[table["rule"] == "low_income_worker_upper"]
    assert set(workers["legal_basis"].str[:16]) == {"NĐ 30/2025/NĐ-CP"}
    # the amendment does not touch the household lines
    assert std.poverty_line == {"rural": 1_500_000, "urban": 2_000_000}


@pytestmark_raw
@pytest.mark.parametrize("area, line, middle", [("rural", 1_500_000, 2_250_000), ("urban", 2_000_000, 3_000_000)])
def test_nd07_every_line(area, line, middle):
    std = real("nd07_2021")
    for income in (line - 1, line):
        assert [std.classify(income, area, k) for k in (2, 3, 4)] == ["near_poor", "poor", "poor"]
    assert [std.classify(line + 1, area, k) for k in (2, 3, 4)] == ["middle_income"] * 3
    assert [std.classify(i, area, 3) for i in (middle - 1, middle, middle + 1)] == [
        "middle_income",
        "middle_income",
        "not_poor",
    ]


# Decree 351/2025: the 2027-2030 lines, the 3-deprivation rule, and nothing assumed about the near-poor
@pytestmark_raw
def test_national_2026_2030_numbers():
    new = real("national_2026_2030")
    assert standard.load_standard("nd351_2025", folder=RAW_PROGRAMME).code == "national_2026_2030"
    assert new.act == "NĐ 351/2025/NĐ-CP" and new.period == "2027-2030"
    assert new.poverty_line == {"rural": 2_200_000, "urban": 2_800_000}
    assert new.min_deprivations == 3 and not new.near_poor_rule and new.missing == ("near_poor_rule",)
    assert new.middle_income_upper is None and new.indicator_codes == () and new.max_deprivations is None
    assert new.value("previous_standard_applies_until") == "2026-12-31"
    assert new.categories == ("poor", standard.UNDETERMINED)


@pytestmark_raw
@pytest.mark.parametrize("area, line", [("rural", 2_200_000), ("urban", 2_800_000)])
def test_national_2026_2030_every_line(area, line):
    new = real("national_2026_2030")
    for income in (0, line - 1, line):
        assert new.classify(income, area, 3) == "poor"
        assert new.classify(income, area, 4) == "poor"
        with pytest.raises(NotSourcedError) as error:
            new.classify(income, area, 2)
        assert error.value.rule == "near_poor_rule" and error.value.known == "not_poor"
    for k in (0, 2, 3, 4):
        with pytest.raises(NotSourcedError, match="not poor"):
            new.classify(line + 1, area, k)
    with pytest.raises(StandardError, match="no indicator list"):
        new.classify(line, area, ["employment"])


@pytestmark_raw
def test_national_2026_2030_frames_raise_or_mark():
    new = real("national_2026_2030")
    frame = pd.DataFrame(
        {
            "income_per_person_month": [2_200_000, 2_200_000, 2_200_001],
            "area": ["rural"] * 3,
            "deprivations": [3, 2, 5],
        },
        index=["a", "b", "c"],
    )
    with pytest.raises(NotSourcedError, match="row\\(s\\) b, c"):
        standard.classify_households(frame, standard=new)
    marked = standard.classify_households(frame, standard=new, undetermined="mark")
    assert list(marked.astype(str)) == ["poor", "undetermined", "undetermined"]
    assert list(marked.cat.categories) == ["poor", "undetermined"]


# Đồng Nai (QĐ 32/2022/QĐ-UBND): its own lines, 2 deprivations, middle-income band; near-poor not sourced
@pytestmark_raw
@pytest.mark.parametrize("area, line, middle", [("rural", 2_000_000, 3_000_000), ("urban", 2_500_000, 3_750_000)])
def test_dongnai_every_line(area, line, middle):
    std = real("dongnai_2022_2025")
    assert std.province == "Đồng Nai" and std.min_deprivations == 2 and std.missing == ("near_poor_rule",)
    for income in (line - 1, line):
        assert std.classify(income, area, 2) == "poor" and std.classify(income, area, 3) == "poor"
        with pytest.raises(NotSourcedError, match="near-poor"):
            std.classify(income, area, 1)
    assert [std.classify(line + 1, area, k) for k in (1, 2, 3)] == ["middle_income"] * 3
    assert [std.classify(i, area, 0) for i in (middle - 1, middle, middle + 1)] == [
        "middle_income",
        "middle_income",
        "not_poor",
    ]


@pytestmark_raw
def test_dongnai_uses_the_indicator_list_of_decree_07():
    std = real("dongnai_2022_2025")
    assert std.indicator_codes == real("nd07_2021").indicator_codes
    assert std.classify(1_900_000, "rural", ["employment", "nutrition"]) == "poor"
    # the same household is middle-income under the national standard
    assert real("nd07_2021").classify(1_900_000, "rural", ["employment", "nutrition"]) == "middle_income"


# Hồ Chí Minh City: yearly lines (VND per person per year), income criterion only
@pytestmark_raw
@pytest.mark.parametrize(
    "code, poor_year, near_year",
    [("hcmc_2021_2025", 36_000_000, 46_000_000), ("hcmc_2025_review", 46_000_000, 54_000_000)],
)
def test_hcmc_every_line(code, poor_year, near_year):
    std = real(code)
    assert std.unit == "VND/person/year" and std.province == "Hồ Chí Minh"
    assert std.poverty_line["rural"] == std.poverty_line["urban"] == poor_year / 12
    assert std.missing == ("deprivation_rule",) and std.categories == ("not_poor", standard.UNDETERMINED)
    table = std.thresholds()
    assert set(table["value"]) == {poor_year, near_year}
    near_month = near_year / 12
    for area in ("rural", "urban"):
        for income in (poor_year / 12 - 1, poor_year / 12, poor_year / 12 + 1, near_month - 1, near_month):
            with pytest.raises(NotSourcedError, match="deprivations") as error:
                std.classify(income, area, 0)
            assert error.value.rule == "deprivation_rule" and error.value.known is None
        assert std.classify(near_month + 1, area, 0) == "not_poor"
        assert std.classify(near_month + 1, area, 5) == "not_poor"
    assert "36.000.000 đồng/năm" in " ".join(standard_text.sentences(real("hcmc_2021_2025"), "vi"))


# Bình Dương 2021: strict bounds ("dưới")
@pytestmark_raw
@pytest.mark.parametrize("area, line, near", [("rural", 1_200_000, 1_600_000), ("urban", 1_400_000, 1_800_000)])
def test_binhduong_strict_lines(area, line, near):
    std = real("binhduong_2021")
    assert std.strict and std.period == "2021"
    for income in (line - 1, line, line + 1, near - 1):
        with pytest.raises(NotSourcedError):
            std.classify(income, area, 0)
    # an income exactly on the near-poor line is not below it
    assert std.classify(near, area, 0) == "not_poor" and std.classify(near + 1, area, 0) == "not_poor"
    assert "dưới 1.200.000 đồng" in " ".join(standard_text.sentences(std, "vi"))
    shares = standard.income_line_shares(
        pd.DataFrame({"income_per_person_month": [line - 1, line, line + 1], "area": [area] * 3}), [std]
    )
    assert shares["under_line"].iloc[0] == 1  # strictly below only


# Quảng Ninh: only the income line is sourced, so no household is classified
@pytestmark_raw
@pytest.mark.parametrize("area, line", [("rural", 2_100_000), ("urban", 2_600_000)])
def test_quangninh_lines_only(area, line):
    std = real("quangninh_2023_2025")
    assert std.missing == ("deprivation_rule", "near_poor_rule") and std.categories == (standard.UNDETERMINED,)
    assert std.poverty_line[area] == line
    for income in (line - 1, line):
        with pytest.raises(NotSourcedError) as error:
            std.classify(income, area, 3)
        assert error.value.known is None
    with pytest.raises(NotSourcedError) as error:
        std.classify(line + 1, area, 0)
    assert error.value.known == "not_poor"


@pytestmark_raw
@pytest.mark.parametrize(
    "code",
    [
        "qd59_2015",
        "nd07_2021",
        "national_2026_2030",
        "dongnai_2022_2025",
        "hcmc_2021_2025",
        "hcmc_2025_review",
        "binhduong_2021",
        "quangninh_2023_2025",
    ],
)
def test_boundary_cases_agree_with_classify(code):
    std = real(code)
    cases = standard.boundary_cases(std)
    assert set(cases["position"]) == {"below", "on", "above"}
    for row in cases.itertuples():
        try:
            expected = std.classify(row.income_per_person_month, row.area, row.deprivations)
        except NotSourcedError:
            expected = standard.UNDETERMINED
        assert row.category == expected, row


@pytestmark_raw
@pytest.mark.parametrize(
    "year, code",
    [
        (2016, "qd59_2015"),
        (2020, "qd59_2015"),
        (2021, "qd59_2015"),
        (2022, "nd07_2021"),
        (2025, "nd07_2021"),
        (2026, "nd07_2021"),
        (2027, "national_2026_2030"),
        (2030, "national_2026_2030"),
    ],
)
def test_national_standard_of_a_year(year, code):
    assert standard.national_standard(year, folder=RAW_PROGRAMME).code == code


@pytestmark_raw
def test_national_standard_before_the_data():
    with pytest.raises(StandardError, match="2015"):
        standard.national_standard(2015, folder=RAW_PROGRAMME)


@pytestmark_raw
def test_three_standards_side_by_side():
    codes = ["qd59_2015", "nd07_2021", "national_2026_2030"]
    stds = [real(c) for c in codes]
    sample = standard.synthetic_households(300, seed=3, standard=stds[1])
    categories = standard.compare_standards(sample, stds)
    assert list(categories.columns) == codes
    assert set(categories["national_2026_2030"].astype(str)) <= {"poor", "undetermined"}
    shares = standard.shares(categories)
    assert shares.sum(axis=1).round(6).eq(100).all()
    # the lines rise from one standard to the next, so the poor share does not fall on this sample
    poor = shares["poor"]
    assert poor["qd59_2015"] <= poor["nd07_2021"] <= poor["national_2026_2030"]


@pytestmark_raw
def test_lines_table_and_indicator_lists():
    table = standard.lines_table(real("qd59_2015"), real("nd07_2021"), real("hcmc_2025_review"))
    assert list(table.index) == ["rural", "urban"]
    assert table.loc["rural", "qd59_2015 poverty line"] == 700_000
    assert table.loc["rural", "qd59_2015 near-poor line"] == 1_000_000
    assert table.loc["urban", "nd07_2021 middle-income up to"] == 3_000_000
    assert table.loc["urban", "hcmc_2025_review poverty line"] == round(46_000_000 / 12)
    partial = standard.indicator_table("national_2026_2030_partial", folder=RAW_PROGRAMME)
    assert {"dependants", "digital_services_use", "internet_access", "domestic_waste"} <= set(partial["indicator_code"])
    with pytest.raises(StandardError, match="no indicator rows"):
        standard.indicator_table("national_2026_2030", folder=RAW_PROGRAMME)
