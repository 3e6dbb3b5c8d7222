"""Years and kinds of the eighth pass (enlarged development set), on sentences written for these tests.

Every text here is invented (places, years and figures included); none is copied from a source.
"""

from __future__ import annotations

from study.extract import extract_text
from tests.test_extract_stages import facts, one


def kind(rows, value, indicator=None):
    return one(rows, value, indicator)["kind"]


# --- document dates ----------------------------------------------------------------------------------


def test_date_lines_with_a_time_first_or_hyphens_date_the_text():
    head = "Phê duyệt kết quả rà soát hộ nghèo của tỉnh A\n\n"
    body = "\n\nToàn tỉnh có 1.234 hộ nghèo, giảm nhiều so với trước đây."
    doc = extract_text(head + "17:4, Thứ Tư, 28-12-2027" + body, doc_id="t").document
    assert doc["doc_date"] == "2027-12-28"
    doc = extract_text(head + "03:40 PM 21/11/2026" + body, doc_id="t").document
    assert doc["doc_date"] == "2026-11-21"
    doc = extract_text("Province A cuts poverty\nUpdate: 15-07-2026 | 15:38:31\n" + body, doc_id="t").document
    assert doc["doc_date"] == "2026-07-15"
    # a date in a sentence is not a date line
    doc = extract_text(
        head + "Ngày 28-12-2027 là ngày họp của tỉnh A với nhiều nội dung quan trọng." + body, doc_id="t"
    )
    assert doc.document["doc_date"] == ""


# --- the review a text reports ------------------------------------------------------------------------


def test_the_review_of_the_lead_dates_the_current_levels_of_the_whole_text():
    text = (
        "Tỉnh A: hộ nghèo còn 1,25%\n\n"
        "Thứ Hai, 05/01/2027, 09:00\n\n"
        "Ngày 4-1-2027, UBND tỉnh A ban hành quyết định phê duyệt kết quả rà soát hộ nghèo năm 2026.\n\n"
        "Theo đó, toàn tỉnh hiện có 4.321 hộ nghèo, tỷ lệ 1,25%.\n\n"
        "Trao nhà cho một hộ nghèo ở xã B. Ảnh: C.\n\n"
        "Huyện Đông Sơn hiện có 321 hộ nghèo, tỷ lệ 1,11%.\n\n"
        "Huyện Tây Sơn hiện có 432 hộ nghèo, tỷ lệ 2,22%.\n"
    )
    rows = facts(text)
    assert one(rows, 4321)["year"] == 2026
    assert one(rows, 321)["year"] == 2026  # after the caption, still the review's
    assert one(rows, 2.22)["year"] == 2026
    # without a review in the lead, "hiện có" is the year of the date
    rows = facts(text.replace("phê duyệt kết quả rà soát hộ nghèo năm 2026", "họp bàn công tác giảm nghèo"))
    assert one(rows, 321)["year"] == 2027


# --- levels dated by a period ---------------------------------------------------------------------------


def test_a_level_dated_by_a_period_of_an_earlier_sentence_is_at_its_end():
    rows = facts(
        " date 2028-11-03 Giai đoạn 2026 - 2028, huyện A đã đạt nhiều kết quả trong giảm nghèo. "
        "Cụ thể, hộ cận nghèo của huyện là 1.234 hộ, tỷ lệ 5,67%."
    )
    assert (one(rows, 1234)["year"], one(rows, 1234)["year_end"]) == (2028, None)
    assert one(rows, 5.67)["year"] == 2028
    # a period in the level's own clause is coded as written
    rows = facts(" date 2028-06-10 Giai đoạn 2021 - 2025, toàn tỉnh có trên 4.321 hộ nghèo (chiếm gần 9%).")
    assert one(rows, 4321)["year"] == 2021


# --- kinds ------------------------------------------------------------------------------------------------


def test_in_a_plan_the_sentences_after_a_result_go_on_with_it():
    rows = facts(
        "Kế hoạch thực hiện giảm nghèo của tỉnh A\n"
        "Theo kết quả rà soát hộ nghèo năm 2026, tỉnh A còn 4.321 hộ nghèo. Số hộ nghèo DTTS 1.234 hộ.\n"
        "Phấn đấu giảm 2% tỷ lệ hộ nghèo mỗi năm."
    )
    assert kind(rows, 1234) == "actual"
    assert kind(rows, 2) == "target"


def test_a_continuation_that_restates_the_year_of_a_goal_is_part_of_it():
    rows = facts(
        " date 2027-12-20 Tỉnh A phấn đấu đến cuối năm 2028 giảm trên 1.111 hộ nghèo. "
        "Trong đó, số hộ nghèo toàn tỉnh cuối năm 2028 còn 2.222 hộ."
    )
    assert kind(rows, 2222) == "target"
    # a continuation with another year is a statement of its own
    rows = facts(
        " date 2027-12-20 Tỉnh A phấn đấu đến cuối năm 2028 giảm trên 1.111 hộ nghèo. "
        "Trong đó, số hộ nghèo toàn tỉnh cuối năm 2026 còn 2.222 hộ."
    )
    assert kind(rows, 2222) == "actual"


def test_sẽ_after_the_figure_in_its_sentence_makes_a_target():
    rows = facts(" date 2027-05-01 Năm nay, 100% hộ nghèo, hộ cận nghèo thiếu hụt nước sạch sẽ được hỗ trợ.")
    assert kind(rows, 100) == "target"
    rows = facts(" date 2027-05-01 Năm nay, 100% hộ nghèo, hộ cận nghèo đã được hỗ trợ nước sạch.")
    assert kind(rows, 100) == "actual"


def test_a_cue_after_the_figure_of_an_earlier_list_item_stays_in_that_item():
    rows = facts(
        " date 2027-05-01 Toàn tỉnh có 1.200 hộ thoát nghèo; hơn 300 căn nhà được sửa chữa bảo đảm an toàn "
        "cho hộ nghèo; hơn 5.000 thẻ BHYT được cấp cho hộ nghèo."
    )
    assert kind(rows, 5000) == "actual"
    # a cue heading the list before any figure reaches every item
    rows = facts(
        " date 2027-05-01 Năm 2028, tỉnh phấn đấu: hỗ trợ 300 căn nhà cho hộ nghèo; đào tạo nghề cho 500 lao động "
        "thuộc hộ nghèo."
    )
    assert kind(rows, 500) == "target"


def test_a_forecast_is_an_estimate_and_sẽ_tăng_lên_is_not_a_result():
    rows = facts(
        " date 2026-12-01 Theo dự báo của Sở, năm 2027 tỷ lệ hộ nghèo sẽ tăng lên mức 6,25%, hộ cận nghèo là 7,5%."
    )
    assert kind(rows, 6.25) == "estimate"
    assert kind(rows, 7.5) == "estimate"
    rows = facts(" date 2026-12-01 Năm 2027, tỷ lệ hộ cận nghèo của tỉnh sẽ tăng lên 6,25% do thiên tai.")
    assert kind(rows, 6.25) == "target"


# --- the year just past -------------------------------------------------------------------------------


def test_năm_vừa_qua_in_an_undated_text_is_the_year_its_lead_reports():
    rows = facts(
        "Đến cuối năm 2027, tỷ lệ hộ nghèo của tỉnh A còn gần 9%, giảm mạnh so với trước.\n\n"
        "Đáng chú ý, trong năm vừa qua, số hộ nghèo phát sinh mới không nhiều. "
        "Toàn tỉnh chỉ có hơn 12 hộ tái nghèo."
    )
    assert one(rows, 12)["year"] == 2027
    # "những năm qua" is a span of years, not the year just past
    rows = facts(
        "Đến cuối năm 2027, tỷ lệ hộ nghèo của tỉnh A còn gần 9%, giảm mạnh so với trước.\n\n"
        "Những năm qua, toàn tỉnh chỉ có hơn 12 hộ tái nghèo."
    )
    assert one(rows, 12)["year"] is None


# --- English ------------------------------------------------------------------------------------------


#: a closing line with no figure, so that short test texts read as English (enough function words)
PAD = (
    "The province and the people of the district work with the poor households in the villages and the "
    "communes of the mountain areas to the end of the programme, and the poverty of the people is the "
    "concern of the whole political system of the province.\n"
)


def english(text):
    return extract_text(text + PAD, doc_id="en").facts


def test_english_of_which_goes_on_with_the_expectation_before_it():
    rows = english(
        "Province A plans new support for its mountain areas\n"
        "It is expected that the total capital needs of the programme for the period 2026 - 2030 are more than "
        "1,234 billion VND for the poor households. Of which, the central budget is more than 567.8 billion VND "
        "and the provincial budget is nearly 98.7 billion VND for the poor.\n"
    )
    assert {one(rows, v)["kind"] for v in (1234, 567.8, 98.7)} == {"estimate"}


def test_english_a_goal_frames_its_paragraph_and_the_year_compared_dates_nothing():
    rows = english(
        "Province A sets goals for its mountain areas\n"
        "The plan of Province A covers the period 2026 - 2030 and supports the poor households in the mountain "
        "areas.\n"
        "Province A sets a goal of striving for the income of ethnic minorities to increase 2 times compared to "
        "2025. The poverty rate among ethnic minorities decreases by 3-4% each year. 100% of communes have "
        "concrete roads to the commune centre. 80% of schools of the poor communes have new classrooms.\n"
    )
    assert one(rows, 100)["kind"] == "target"
    assert one(rows, 80)["kind"] == "target"
    assert one(rows, 80)["year"] == 2030  # a share due at the end of the period of the lead, not 2025


def test_english_years_last_year_a_period_after_the_figure_and_no_year_past_a_comma():
    rows = english(
        " date 2027-03-08 Province A reports on poverty reduction\n"
        "Province A spent over 123 billion VND last year on rural roads for poor communes and poor households.\n"
        "More roads were built. The rate of poor households came down to 2.34 percent.\n"
    )
    assert one(rows, 2.34)["year"] == 2026
    rows = english(
        "Province A reports on poverty reduction in its mountain areas\n"
        "In 2026, the poverty rate of Province A stood at 30.5 per cent. By 2028, it had fallen to 21.5 per "
        "cent, and is projected to drop further to 17.5 per cent by the end of 2029.\n"
    )
    assert one(rows, 21.5)["year"] == 2028
    assert one(rows, 17.5)["year"] == 2029


def test_english_with_the_goal_of_is_a_purpose_and_a_period_after_the_figure_dates_it():
    rows = english(
        "Province A discusses a new poverty line for the poor households\n"
        "With the goal of better support for the poor, the department of Province A proposes 02 options for the "
        "poverty line of the poor households for the 2026-2030 period.\n"
    )
    row = one(rows, 2)
    assert (row["kind"], row["year"]) == ("actual", 2026)


def test_sẽ_for_the_current_year_is_an_estimate_of_poverty_but_a_target_of_support():
    rows = facts(" date 2027-11-20 Đến hết năm 2027, tỷ lệ hộ nghèo của tỉnh sẽ còn khoảng 3,45%, giảm 0,67%.")
    assert kind(rows, 3.45) == "estimate"
    rows = facts(" date 2027-11-20 Trong năm 2027 sẽ hỗ trợ nhà ở cho 345 hộ nghèo của tỉnh.")
    assert kind(rows, 345) == "target"
    rows = facts(" date 2027-11-20 Đến hết năm 2028, tỷ lệ hộ nghèo của tỉnh sẽ còn khoảng 2,34%.")
    assert kind(rows, 2.34) == "target"


def test_meeting_a_plan_is_a_result_and_the_value_of_the_goal_met_is_a_target():
    rows = facts(
        " date 2027-12-30 Năm 2027, tỉnh đã hoàn thành các nhiệm vụ. Trong đó, chỉ tiêu giảm nghèo đạt kế hoạch. "
        "Tỷ lệ hộ nghèo giảm trên 2,5%."
    )
    row = one(rows, 2.5)
    assert (row["kind"], row["year"]) == ("actual", 2027)
    rows = facts(" date 2027-12-30 Năm 2028, tỉnh quyết tâm triển khai đạt và vượt chỉ tiêu giảm nghèo từ 3 – 3,5%.")
    assert {r["kind"] for r in rows if r["value_min"] == 3} == {"target"}


def test_dự_kiến_before_a_fall_in_households_is_what_a_plan_intends():
    rows = facts(" date 2027-11-20 Năm 2028, tỉnh dự kiến giảm tỷ lệ hộ nghèo 1%, tương ứng khoảng 1.500 hộ.")
    assert kind(rows, 1500) == "target"
    rows = facts(" date 2027-11-20 Năm 2028, tỉnh dự kiến còn khoảng 1.500 hộ nghèo.")
    assert kind(rows, 1500) == "estimate"
