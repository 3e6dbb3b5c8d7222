"""The stages of the fact pipeline, each on small sentences written for these tests (invented figures).

Stage 1 (sentences and clauses) and stage 2 (number mentions) are tested in ``test_extract.py``;
here: stage 3, indicator attachment (:mod:`study.extract.attach`), stage 4, year, kind and scope
(:mod:`study.extract.resolve`), and stage 5, filtering (:mod:`study.extract.filters`).
"""

from __future__ import annotations

import pytest

from study.extract import extract_text
from study.extract.attach import group_of, subject_before
from study.extract.vocabulary import KIND_CUE, kind_pattern, load_terms
from study.extract.years import kind_from_cues, latest_year, review_year


def facts(text: str):
    return extract_text(text, doc_id="t").facts


def one(rows, value, indicator=None):
    hits = [f for f in rows if f["value"] is not None and abs(f["value"] - value) < 1e-9]
    if indicator is not None:
        hits = [f for f in hits if f["indicator"] == indicator]
    assert hits, [(f["indicator"], f["value"], f["year"]) for f in rows]
    return hits[0]


def label(row) -> str:
    return row["note"].split(";")[0].removeprefix("label=")


# ---------------------------------------------------------------------------------------------
# stage 3: indicator attachment
# ---------------------------------------------------------------------------------------------
def test_group_nouns_and_the_subject_that_carries_over():
    assert group_of("cận nghèo") == "near_poor"
    assert group_of("HN") == "poor"
    assert group_of("nghèo đa chiều") == "poor_near_poor"
    assert subject_before("tỷ lệ hộ nghèo 1,7%, cận nghèo ")[0] == "near_poor"
    assert subject_before("số hộ thoát cận nghèo là ")[0] == ""  # leaving the group is not the group


def test_a_rate_belongs_to_the_count_before_it():
    rows = facts("Năm 2024, toàn tỉnh còn 1.234 hộ nghèo, chiếm 2,15%; có 2.345 hộ cận nghèo (4,05%).")
    assert one(rows, 1234)["indicator"] == "poor_households"
    assert one(rows, 2.15)["indicator"] == "poor_rate_pct"
    assert one(rows, 2345)["indicator"] == "near_poor_households"
    assert one(rows, 4.05)["indicator"] == "near_poor_rate_pct"


def test_the_noun_before_the_number():
    rows = facts("Năm 2024, số hộ cận nghèo là 3.456 hộ. Hộ nghèo có 789 hộ. Hộ nghèo của huyện giảm xuống còn 512 hộ.")
    assert one(rows, 3456)["indicator"] == "near_poor_households"
    assert one(rows, 789)["indicator"] == "poor_households"
    assert one(rows, 512)["indicator"] == "poor_households"


def test_coordinated_clauses_carry_the_subject_until_a_new_one():
    rows = facts(
        "Năm 2024, tỷ lệ hộ nghèo còn 3,1%, hộ cận nghèo còn 5,2%; huyện A tỷ lệ hộ nghèo 2,4%, cận nghèo 4,4%."
    )
    assert one(rows, 3.1)["indicator"] == "poor_rate_pct"
    assert one(rows, 5.2)["indicator"] == "near_poor_rate_pct"
    assert one(rows, 2.4)["indicator"] == "poor_rate_pct"
    assert one(rows, 4.4)["indicator"] == "near_poor_rate_pct"


def test_shares_of_a_plan_and_of_a_sub_population_are_not_rates_of_the_province():
    rows = facts(
        "Năm 2024, huyện giảm 320 hộ nghèo, đạt 128,5% kế hoạch. Hộ nghèo không có khả năng lao động "
        "410 hộ, chiếm 35,2% so với tổng số hộ nghèo."
    )
    plan = one(rows, 128.5)
    assert plan["indicator"] == "other" and label(plan) == "plan_achievement_pct"
    share = one(rows, 35.2)
    assert share["indicator"] == "other" and label(share) == "share_of_poor_households_pct"
    assert one(rows, 410)["indicator"] == "other"  # a sub-population, not the poor households


def test_thresholds_are_not_rates():
    rows = facts("Năm 2024, có 20 xã có tỷ lệ hộ nghèo dưới 5%.")
    assert not [f for f in rows if f["value"] == 5]


def test_reductions_versus_levels():
    rows = facts(
        "Năm 2024, tỉnh phấn đấu giảm 1,5% hộ nghèo. Tỷ lệ hộ nghèo 4,2%, thấp hơn 0,9% so với năm 2023. "
        "Toàn tỉnh có 12.000 hộ cận nghèo (giảm 1.100 hộ). Dự kiến cuối năm còn dưới 3% hộ nghèo."
    )
    assert one(rows, 1.5)["indicator"] == "poor_rate_reduction_pp"
    assert one(rows, 4.2)["indicator"] == "poor_rate_pct"
    assert one(rows, 0.9)["indicator"] == "poor_rate_reduction_pp"
    near = one(rows, 1100)
    assert near["indicator"] == "other" and label(near) == "near_poor_households_reduction"
    assert one(rows, 3)["indicator"] == "poor_rate_pct"


def test_households_leaving_or_entering_a_group_are_not_its_stock():
    rows = facts("Năm 2024, số hộ thoát cận nghèo là 640 hộ; số hộ nghèo phát sinh mới là 75 hộ.")
    assert one(rows, 640)["indicator"] == "other"
    assert label(one(rows, 75)) == "new_poor_households"


def test_beneficiaries_and_housing_in_households():
    rows = facts("Năm 2024, huyện tổ chức đối thoại cho 3.100 hộ nghèo và hỗ trợ nhà ở cho 215 hộ.")
    assert one(rows, 3100)["indicator"] == "other"
    assert one(rows, 215)["indicator"] == "houses_supported"


def test_fractions_and_multiples():
    rows = facts(
        "Năm 2024, tỉnh còn 4.321/65.432 hộ nghèo; giải ngân 321/456 tỷ đồng vốn giảm nghèo. "
        "Thu nhập của hộ nghèo tăng 1,7 lần."
    )
    assert one(rows, 4321)["indicator"] == "poor_households"
    assert label(one(rows, 65432)) == "households_total"
    assert one(rows, 321)["indicator"] == one(rows, 456)["indicator"] == "budget_billion_vnd"
    assert label(one(rows, 1.7)) == "multiple"


# ---------------------------------------------------------------------------------------------
# stage 4: year, kind and scope
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "context, kind",
    [
        ("Dự kiến cuối năm, tỷ lệ hộ nghèo còn ", "estimate"),
        ("Ước cả năm, tỷ lệ hộ nghèo còn ", "estimate"),
        ("Tỉnh phấn đấu tỷ lệ hộ nghèo còn ", "target"),
        ("Chương trình mục tiêu quốc gia đã giúp tỷ lệ hộ nghèo còn ", "actual"),
        ("Tỷ lệ hộ nghèo tăng lên ", "actual"),
    ],
)
def test_kind_from_the_nearest_cue(context, kind):
    assert kind_from_cues(context, 2024, "actual")[0] == kind


def test_the_kind_cues_are_data(tmp_path):
    pattern = kind_pattern({"kind": {"estimate": ["áng chừng"], "target": ["nhắm tới"], "actual": ["xong"]}})
    assert kind_from_cues("Áng chừng còn ", 2024, "actual", pattern)[0] == "estimate"
    assert kind_from_cues("nhắm tới ", 2024, "actual", pattern)[0] == "target"
    assert KIND_CUE.search("dự kiến") and load_terms().codes  # the shipped file has both parts


def test_years_from_the_paragraph_not_the_document():
    text = (
        "10/01/2025 08:30\n"
        "Năm 2023, tỉnh đã hỗ trợ xây 150 căn nhà. Toàn tỉnh còn 900 hộ nghèo.\n"
        "Cuối năm, tỷ lệ hộ nghèo còn 2,2%.\n"
    )
    rows = facts(text)
    assert one(rows, 150)["year"] == 2023
    assert one(rows, 900)["year"] == 2023  # the year named earlier in its paragraph
    assert one(rows, 2.2)["year"] == 2025  # "cuối năm": the year of the document


def test_from_to_pairs_and_averages_over_a_period():
    rows = facts(
        "Giai đoạn 2021 - 2025, tỷ lệ hộ nghèo giảm từ 7,5% năm 2021 xuống 3,2% năm 2024, bình quân giảm 1,4%/năm."
    )
    assert (one(rows, 7.5)["year"], one(rows, 7.5)["kind"]) == (2021, "baseline")
    assert one(rows, 3.2)["year"] == 2024
    avg = one(rows, 1.4)
    assert (avg["indicator"], avg["unit"], avg["year"], avg["year_end"]) == (
        "poor_rate_reduction_pp",
        "pp_per_year",
        2021,
        2024,
    )


def test_the_year_after_a_comparison_and_the_year_of_an_undated_review():
    rows = facts("Tỷ lệ hộ nghèo chiếm 4,1% (giảm 0,8% so với năm 2022).")
    assert one(rows, 4.1)["year"] == 2023 and one(rows, 0.8)["year"] == 2023
    assert review_year("UBND tỉnh phê duyệt kết quả rà soát hộ nghèo năm 2021.") == 2021
    assert latest_year("năm 2022 … năm 2023 … đến năm 2030") == 2023  # a horizon is not a date


def test_money_with_its_hedge_and_scope():
    rows = facts(
        "Năm 2024, tỉnh giải ngân được hơn 45,6 tỷ đồng; vốn hỗ trợ đồng bào dân tộc thiểu số là 850 triệu đồng."
    )
    money = one(rows, 45.6)
    assert (money["indicator"], money["unit"], money["qualifier"]) == ("budget_billion_vnd", "billion_vnd", "hơn")
    assert one(rows, 0.85)["scope"] == "ethnic_minority"


# ---------------------------------------------------------------------------------------------
# stage 5: filtering
# ---------------------------------------------------------------------------------------------
def test_captions_and_economy_figures_are_dropped():
    rows = facts("Tỷ lệ hộ nghèo của tỉnh còn 2,1%- Ảnh 1.\nNăm 2024, GRDP đạt 51.000 tỷ đồng.")
    assert not [f for f in rows if f["value"] in (2.1, 51000)]
