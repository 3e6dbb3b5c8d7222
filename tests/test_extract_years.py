"""Years and kinds read in the third pass over the development set, on sentences written for these tests.

Every text here is invented (places, years and figures included); none is copied from a source.
"""

from __future__ import annotations

from study.extract import extract_text
from study.extract.normalise import furniture_spans
from study.extract.sentences import sentence_spans
from tests.test_extract_stages import facts, one


def years(row):
    return row["year"], row["year_end"]


# --- years -------------------------------------------------------------------------------------


def test_a_bare_year_in_brackets_after_a_number_is_its_year():
    rows = facts(" date 2029-04-02 Ở vùng cao, tỷ lệ hộ nghèo giảm từ 48,5% (2026) xuống còn 31,2%.")
    assert (one(rows, 48.5)["kind"], one(rows, 48.5)["year"]) == ("baseline", 2026)
    assert one(rows, 31.2)["year"] == 2029  # the start's year is not the result's
    rows = facts(" date 2029-04-02 Toàn tỉnh còn 1.234 hộ nghèo (hết năm 2027), giảm mạnh.")
    assert one(rows, 1234)["year"] == 2027


def test_a_paragraph_that_goes_on_with_the_one_before_takes_its_year():
    rows = facts(
        " date 2029-03-01 Tin từ Sở, tính đến hết năm 2027, toàn tỉnh còn 2.345 hộ nghèo.\n"
        "Trong đó, 1.234 hộ nghèo là đồng bào dân tộc thiểu số."
    )
    assert one(rows, 1234)["year"] == 2027
    # a new paragraph that does not go on with the one before keeps the date of the article
    rows = facts(
        " date 2029-03-01 Tin từ Sở, tính đến hết năm 2027, toàn tỉnh còn 2.345 hộ nghèo.\n"
        "Toàn tỉnh có 1.234 hộ nghèo là đồng bào dân tộc thiểu số."
    )
    assert one(rows, 1234)["year"] == 2029


def test_a_fall_stated_after_a_pair_runs_over_the_pair_years():
    rows = facts("Tỷ lệ hộ nghèo giảm từ 20,5% (năm 2026) xuống còn 12,5% (năm 2028), tương đương giảm 8%.")
    assert years(one(rows, 8, "poor_rate_reduction_pp")) == (2026, 2028)
    rows = facts("Tỷ lệ hộ nghèo giảm từ 6,5% (năm 2027) xuống còn 4,5% (năm 2028), tương đương giảm 2%.")
    assert years(one(rows, 2, "poor_rate_reduction_pp")) == (2028, None)


def test_a_pair_restated_as_an_equivalent_keeps_the_start_year_of_the_first():
    rows = facts(
        "Đến cuối năm 2028, tỉnh đã giảm từ 9.100 hộ nghèo (năm 2026) xuống còn 6.400 hộ, "
        "tương đương tỷ lệ giảm từ 8,8% xuống còn 6,1%."
    )
    assert one(rows, 8.8)["year"] == 2026


def test_a_text_without_a_date_speaks_as_of_the_review_it_reports():
    rows = facts(
        "Tỉnh Hòa Bình còn 1,5% hộ nghèo\n"
        "UBND tỉnh vừa phê duyệt kết quả rà soát hộ nghèo, hộ cận nghèo năm 2027 trên địa bàn tỉnh.\n"
        "Việc rà soát là cơ sở để thực hiện chính sách trong năm 2028."
    )
    assert one(rows, 1.5)["year"] == 2027


def test_a_headline_figure_takes_the_year_of_the_same_figure_in_the_body():
    rows = facts(
        "Tỉnh vượt 150,5% kế hoạch năm về giảm hộ nghèo\n"
        "Ngành lao động tổng kết công tác giảm nghèo của tỉnh trong năm qua.\n"
        "Hết năm 2027, tỉnh giảm được 900 hộ nghèo, đạt 150,5% kế hoạch."
    )
    assert [f["year"] for f in rows if f["value"] == 150.5] == [2027, 2027]


def test_a_new_period_is_not_the_period_named_before_it():
    rows = facts(
        "Giai đoạn 2026-2029, công tác giảm nghèo của tỉnh đạt nhiều kết quả, "
        "tạo đà cho giai đoạn mới với mục tiêu không còn hộ nghèo."
    )
    assert one(rows, 0, "poor_households")["year"] is None


def test_a_target_is_due_at_the_year_named_after_it_with_vao_cuoi():
    rows = facts("Tỉnh dự kiến chi hơn 250 tỷ đồng cho mục tiêu không còn hộ nghèo vào cuối 2028.")
    assert (one(rows, 250)["kind"], one(rows, 250)["year"]) == ("target", 2028)


def test_a_ranking_against_the_nation_is_not_a_national_figure():
    rows = facts(
        " date 2027-06-01 Tỉnh có diện tích rộng thứ 3 cả nước; với 45 xã thuộc vùng đặc biệt khó khăn "
        "của đồng bào dân tộc thiểu số và miền núi, công tác giảm nghèo còn nhiều thách thức."
    )
    assert (one(rows, 45)["scope"], one(rows, 45)["year"]) == ("province", 2027)


# --- kinds -------------------------------------------------------------------------------------


def test_a_planned_sum_or_fall_is_a_target_and_an_expected_level_an_estimate():
    rows = facts(
        " date 2027-05-01 Tỉnh dự kiến mức giảm tỷ lệ hộ nghèo năm 2027 từ 1,2 - 1,5%. "
        "Dự kiến cuối năm 2027, tỷ lệ hộ nghèo còn 2,3%."
    )
    assert rows and one(rows, 2.3)["kind"] == "estimate"
    assert [f["kind"] for f in rows if f["value_min"] == 1.2] == ["target"]


def test_a_date_named_with_den_nam_is_a_goal_only_after_the_date_of_the_text():
    text = " date 2027-07-01 Đến cuối năm {y}, tỷ lệ hộ nghèo của tỉnh còn 2,8%."
    assert one(facts(text.format(y=2029)), 2.8)["kind"] == "target"
    assert one(facts(text.format(y=2026)), 2.8)["kind"] == "actual"  # the date of a result


def test_a_past_figure_in_a_plan_is_the_situation_not_a_goal():
    rows = facts(
        "Kế hoạch giảm nghèo năm 2028 của tỉnh\n"
        "UBND tỉnh ban hành Kế hoạch giảm nghèo bền vững năm 2028 trên địa bàn tỉnh.\n"
        "Cuối năm 2026, toàn tỉnh còn 812 hộ nghèo. Giảm 300 hộ nghèo trong năm."
    )
    assert one(rows, 812)["kind"] == "actual"
    assert one(rows, 300)["kind"] == "target"


def test_the_sentences_after_a_continuing_one_go_on_with_its_kind():
    rows = facts(
        "Năm 2028, tỉnh phấn đấu giảm 1,5% tỷ lệ hộ nghèo.\n"
        "Trong đó, tỷ lệ hộ nghèo dân tộc thiểu số giảm 3%. 100% hộ nghèo có nhu cầu được vay vốn ưu đãi."
    )
    assert one(rows, 100)["kind"] == "target"


# --- page furniture and sentences ----------------------------------------------------------------


def test_a_line_repeated_as_the_next_line_is_a_caption():
    text = (
        "Tỉnh đẩy mạnh giảm nghèo bền vững trong năm 2027\n"
        "Cán bộ xã thăm 12 hộ nghèo tại thôn Bản Mới\n"
        "Cán bộ xã thăm 12 hộ nghèo tại thôn Bản Mới\n"
        "Năm 2027, toàn tỉnh giảm được 640 hộ nghèo."
    )
    assert [f["value"] for f in facts(text)] == [640]
    masked = furniture_spans(text)
    assert len([s for s in masked if text[s[0] : s[1]].startswith("Cán bộ")]) == 2
    # a headline repeated at the top keeps its first copy
    text = "Tỉnh giảm 700 hộ nghèo trong năm 2027\nTỉnh giảm 700 hộ nghèo trong năm 2027\nNội dung bài viết."
    assert [f["value"] for f in facts(text)] == [700]


def test_no_dot_before_a_number_does_not_end_a_sentence():
    text = "According to Plan No. 45 of the People's Committee, the rate will fall."
    assert len(sentence_spans(text)) == 1


def test_date_lines_with_a_time_or_a_byline_first():
    for line in ("07:15, 03/04/2027", "Minh Anh - 09:30, 03/04/2027"):
        doc = extract_text(f"Tỉnh giảm nghèo bền vững\n{line}\nNội dung bài viết về giảm nghèo.", doc_id="t").document
        assert doc["doc_date"] == "2027-04-03"
    menu = "".join(f"  • Mục {i}\n" for i in range(40))
    doc = extract_text(f"{menu}Tỉnh giảm nghèo bền vững\n03/04/2027 09:30\nNội dung bài viết.", doc_id="t").document
    assert doc["doc_date"] == "2027-04-03"  # under the headline, after a long menu


# --- English -----------------------------------------------------------------------------------


def test_english_years_at_the_end_and_numbered_sections():
    rows = facts(
        "Province strives for poverty rate under 2%\n"
        "The provincial committee reviewed the poverty reduction programme of the period 2026 - 2030.\n"
        "The province has carried out many policies for the poor, and the people of the communes have "
        "helped to build new houses for poor households.\n"
        "The province had 3,210 poor households at the end of 2026. "
        "The province is striving for under 2% of the poverty rate at the end 2027.\n"
    )
    assert [f["year"] for f in rows if f["value"] == 2 and "striving" in f["evidence"]] == [2027]
    rows = facts(
        "Poverty reduction plan of the province in the 2026 - 2030 period\n"
        "According to Plan No. 45 of the Provincial People's Committee on poverty reduction in 2026 - 2030:\n"
        "The plan is for the poor and near-poor households of the province, and it is carried out by the "
        "departments and the people's committees of the districts and communes.\n"
        "1. Goals\n"
        "- 2027: The poverty rate of the province will decrease by 2.5%.\n"
        "2. Capital from the central budget:\n"
        "- Over VND120 billion for poor households\n"
    )
    money = one(rows, 120)
    assert (money["year"], money["kind"]) == (2026, "target")  # not 2027; a plan sets targets


def test_english_expectations_asides_and_the_start_of_a_comparison():
    rows = facts(
        "date 2027-11-02 The province reviewed its poverty reduction work this year.\n"
        "It is expected that the poverty rate will decrease to about 3.1 per cent by the end of this year.\n"
        "In the 2028-2030 period, it is expected that the poverty rate would decrease by 1.5 per cent per year.\n"
        "The province plans to reduce 900 poor households (210 communes have completed the criteria); "
        "support the building of 400 houses for poor households.\n"
        "At the beginning of 2025, the poverty rate of the province was 14.2%. "
        "By the end of 2027, the poverty rate had dropped to 3.6%.\n"
    )
    assert one(rows, 3.1)["kind"] == "estimate"
    assert one(rows, 1.5)["kind"] == "target"  # a later period: a goal
    assert one(rows, 400)["kind"] == "target"  # the cue in brackets belongs to the aside
    assert one(rows, 14.2)["kind"] == "baseline"
