"""Review years, lists that carry an indicator, breakdowns, credit and plan shares (seventh pass).

Every text here is invented (places, years and figures included); none is copied from a source.
"""

from __future__ import annotations

from study.extract.reviews import reviews
from tests.test_extract_stages import facts, label, one

HEAD = " date 2029-03-10 Tỉnh Lai Châu báo cáo kết quả giảm nghèo.\n"


# --- 1. the review's year for stocks (guide 2.9.1) --------------------------------------------


def test_a_dated_text_dates_now_levels_by_the_review_its_paragraph_reports():
    rows = facts(
        HEAD + "UBND tỉnh phê duyệt kết quả rà soát hộ nghèo, hộ cận nghèo năm 2028. Theo đó, toàn tỉnh hiện "
        "có 4.210 hộ nghèo, chiếm 2,15%; hiện còn 6.300 hộ cận nghèo.\n"
        "Trong đó, hộ nghèo dân tộc thiểu số hiện có 2.100 hộ.\n"
        "Đến nay, tỉnh đã hỗ trợ 120 căn nhà cho hộ nghèo.\n"
    )
    assert {one(rows, v)["year"] for v in (4210, 2.15, 6300, 2100)} == {2028}
    assert one(rows, 120)["year"] == 2029  # a flow "đến nay" keeps the document's year


def test_a_review_named_after_the_figure_in_its_sentence_dates_it_too():
    rows = facts(HEAD + "Toàn tỉnh hiện còn 3.950 hộ nghèo, theo kết quả rà soát cuối năm 2028.\n")
    assert one(rows, 3950)["year"] == 2028


def test_without_a_reported_review_now_is_the_date_of_the_text():
    rows = facts(HEAD + "Tỉnh sẽ tổ chức rà soát hộ nghèo năm 2029.\nHiện nay, toàn tỉnh còn 3.950 hộ nghèo.\n")
    assert one(rows, 3950)["year"] == 2029
    assert reviews("Tỉnh sẽ tổ chức rà soát hộ nghèo năm 2029.") == []
    assert reviews("Theo kết quả điều tra, rà soát hộ nghèo năm 2028, …")[0][1] == 2028


# --- 2. lists that carry an indicator -----------------------------------------------------------


def test_a_list_of_communes_after_a_fall_gives_one_fall_per_commune():
    rows = facts(
        HEAD + "Năm 2028, toàn tỉnh giảm 1.500 hộ nghèo, trong đó: xã Tân Lập 120 hộ, xã Minh Khai 85 hộ, "
        "thị trấn Yên Thế 40 hộ.\n"
    )
    assert one(rows, 1500)["indicator"] == "poor_households_reduction"
    for value, name in ((120, "commune:Tân Lập"), (85, "commune:Minh Khai"), (40, "commune:Yên Thế")):
        row = one(rows, value)
        assert (row["indicator"], row["scope"], row["year"]) == ("poor_households_reduction", name, 2028)


def test_a_list_opened_by_the_sentence_before_and_lists_of_stocks_and_rates():
    rows = facts(
        HEAD + "Năm 2028, toàn tỉnh giảm 1.500 hộ nghèo. Cụ thể: huyện Mường Tè 420 hộ, huyện Sìn Hồ 380 hộ.\n"
        "Năm 2028, toàn tỉnh có 6.300 hộ cận nghèo, gồm: huyện Mường Tè 1.420 hộ, huyện Sìn Hồ 980 hộ.\n"
        "Năm 2028, tỷ lệ hộ nghèo giảm 2,1%, trong đó: huyện Mường Tè 3,2%, huyện Sìn Hồ 4,1%.\n"
    )
    assert one(rows, 420)["indicator"] == "poor_households_reduction"
    assert one(rows, 1420)["indicator"] == "near_poor_households"
    assert one(rows, 980)["scope"] == "district:Sìn Hồ"
    assert one(rows, 3.2)["indicator"] == "poor_rate_reduction_pp"


def test_a_list_of_a_narrower_group_or_of_a_programmes_purpose_is_not_the_groups_fall():
    rows = facts(
        HEAD + "Năm 2028, các huyện có số hộ nghèo có nhu cầu vay vốn để giảm nghèo gồm: huyện Mường Tè 834 hộ, "
        "huyện Sìn Hồ 952 hộ.\n"
    )
    assert one(rows, 834)["indicator"] == "other"


# --- 3. breakdowns into parts of the province ---------------------------------------------------


def test_urban_and_rural_parts_are_other_and_the_total_is_the_provinces():
    rows = facts(
        HEAD + "Năm 2028, khu vực thành thị chiếm 22% với 41.000 hộ, trong đó tỷ lệ hộ nghèo 1,2% với 490 hộ; "
        "khu vực nông thôn chiếm 78% với 145.000 hộ, trong đó tỷ lệ hộ nghèo 5,4% với 7.830 hộ. Toàn tỉnh có "
        "8.320 hộ nghèo, chiếm 4,47%.\n"
    )
    assert label(one(rows, 22)) == "area_households_share_pct"
    assert {one(rows, v)["indicator"] for v in (22, 1.2, 490, 78, 5.4, 7830)} == {"other"}
    assert one(rows, 8320)["indicator"] == "poor_households"
    assert one(rows, 4.47)["indicator"] == "poor_rate_pct"


# --- 4. credit programmes -----------------------------------------------------------------------


def test_household_turns_and_loans_outstanding_are_credit_figures():
    rows = facts(
        HEAD + "Năm 2028, có 23.400 lượt hộ nghèo và các đối tượng chính sách được vay vốn.\n"
        "Đến nay, tổng dư nợ đạt 4.250 tỷ đồng, với 61.300 khách hàng còn dư nợ.\n"
    )
    assert (one(rows, 23400)["indicator"], label(one(rows, 23400))) == ("other", "credit_borrower_household_turns")
    assert (one(rows, 4250)["indicator"], one(rows, 4250)["year"]) == ("budget_billion_vnd", 2029)
    assert label(one(rows, 61300)) == "borrowers_count"


# --- 5. shares of a plan and of a group ---------------------------------------------------------


def test_shares_of_a_plan_are_not_falls_or_rates():
    rows = facts(
        HEAD + "Năm 2028, số hộ nghèo giảm 1.230 hộ, đạt 192,5% so với tỉnh giao. Tỷ lệ hộ nghèo giảm 2,5%, vượt "
        "0,5% so với Nghị quyết. Tỷ lệ hộ cận nghèo giảm 1,2%, vượt chỉ tiêu 0,2%.\n"
    )
    assert label(one(rows, 192.5)) == "plan_achievement_pct"
    assert label(one(rows, 0.5)) == "plan_exceeded_pct"
    assert label(one(rows, 0.2)) == "plan_exceeded_pct"
    assert one(rows, 2.5)["indicator"] == "poor_rate_reduction_pp"


def test_the_planned_value_compared_and_a_list_of_achievements():
    rows = facts(
        HEAD + "Năm 2028, huyện Mường Tè có tỷ lệ giảm nghèo vượt kế hoạch, đạt 167% (giảm 3% so với 1,8% kế hoạch "
        "giao). Các huyện đạt kế hoạch giao như: huyện Sìn Hồ đạt 100%, huyện Tam Đường đạt 103%.\n"
    )
    assert (one(rows, 1.8)["indicator"], one(rows, 1.8)["kind"]) == ("poor_rate_reduction_pp", "target")
    assert one(rows, 3)["indicator"] == "poor_rate_reduction_pp"
    assert {label(one(rows, v)) for v in (167, 100, 103)} == {"plan_achievement_pct"}
    assert one(rows, 103)["kind"] == "actual"


def test_shares_of_all_the_poor_are_not_poor_rates():
    rows = facts(
        HEAD + "Năm 2028, có 1.200 hộ nghèo là hộ dân tộc thiểu số, chiếm 60% hộ nghèo của tỉnh; hộ nghèo có người "
        "có công chiếm tỷ lệ 2,4% trong tổng số hộ nghèo. Toàn tỉnh còn 4.210 hộ nghèo, chiếm 2,15% số hộ dân.\n"
    )
    assert label(one(rows, 60)) == "share_of_poor_households_pct"
    assert one(rows, 2.4)["indicator"] == "other"
    assert one(rows, 2.15)["indicator"] == "poor_rate_pct"


def test_english_currently_after_a_review_named_earlier_in_the_paragraph():
    rows = facts(
        "date 2029-03-10 The provincial People's Committee of Lai Chau reported the results of the poverty "
        "reduction work in the year.\n"
        "The results of the 2028 poverty review were approved in February 2029. The province currently has 4,210 "
        "poor households, accounting for 2.15 per cent of the total households in the province. The province also "
        "built 120 houses for poor households in the year with the support of the state and of the community.\n"
        "In the coming time, the province will continue to mobilise resources for the poor and the near-poor "
        "households and to support them in the production.\n"
    )
    assert one(rows, 4210)["year"] == 2028
    assert one(rows, 120)["year"] == 2029
