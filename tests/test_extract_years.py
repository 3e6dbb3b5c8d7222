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
    # coding guide 2.9.1: "hiện nay" in an undated text is the year of the review it reports
    rows = facts(
        "Tỉnh Hòa Bình hiện nay còn 1,5% hộ nghèo\n"
        "UBND tỉnh vừa phê duyệt kết quả rà soát hộ nghèo, hộ cận nghèo năm 2027 trên địa bàn tỉnh.\n"
        "Việc rà soát là cơ sở để thực hiện chính sách trong năm 2028."
    )
    assert one(rows, 1.5)["year"] == 2027
    # without "hiện nay" too, a level with no year in its paragraph is the review's (fifth pass, guide 2.9.1);
    # a text that names no review leaves it empty (tests/test_extract_scope.py)
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


# --- fourth pass: the year conventions of coding guide 2.9 --------------------------------------

#: a paragraph without figures that makes a short invented text read as English
_EN = (
    "The province and the people of the districts work with the poor and the near-poor households in the fight "
    "against poverty, and the programme is carried out in the communes of the province with the help of the people.\n"
)


def test_a_stock_at_the_start_of_a_year_is_the_review_of_the_year_before():
    rows = facts(" date 2029-02-10 Đầu năm 2028, toàn huyện có 1.432 hộ nghèo, chiếm 3,75% số hộ.")
    assert (one(rows, 1432)["year"], one(rows, 3.75)["year"]) == (2027, 2027)
    assert "review of 2027" in one(rows, 1432)["note"]
    rows = facts(" date 2029-02-10 Số hộ nghèo tính từ đầu năm 2028 của tỉnh là 2.468 hộ.")
    assert one(rows, 2468)["year"] == 2027
    rows = facts(" date 2029-02-10 Toàn tỉnh còn 1.357 hộ cận nghèo (đầu năm 2028).")
    assert one(rows, 1357)["year"] == 2027
    # a flow that starts then keeps the year as written; "từ đầu năm … đến nay" is a flow too
    rows = facts(" date 2029-02-10 Đầu năm 2028, tỉnh đã hỗ trợ xây dựng 246 căn nhà cho hộ nghèo.")
    assert one(rows, 246)["year"] == 2028
    rows = facts(" date 2028-09-10 Từ đầu năm 2028 đến nay, toàn tỉnh giảm được 579 hộ nghèo.")
    assert one(rows, 579)["year"] == 2028


def test_start_of_year_stocks_in_pairs_paragraphs_and_english():
    rows = facts("Tỷ lệ hộ nghèo giảm từ 7,45% đầu năm 2027 xuống còn 3,15% cuối năm 2029.")
    assert (one(rows, 7.45)["year"], one(rows, 3.15)["year"]) == (2026, 2029)
    rows = facts(" date 2029-03-01 Năm 2028, huyện đẩy mạnh giảm nghèo. Đầu năm, huyện còn 864 hộ nghèo.")
    assert one(rows, 864)["year"] == 2027
    rows = facts(
        "date 2029-05-02 "
        + _EN
        + "At the beginning of 2027, the province had 12,345 poor households, accounting for 9.87% of the population."
    )
    assert (one(rows, 12345)["year"], one(rows, 9.87)["year"]) == (2026, 2026)
    rows = facts(
        _EN + "The province reviews its poverty reduction in the 2026-2030 term.\n"
        "At the beginning of the term, the poverty rate of the province was 17.65%, "
        "equivalent to 23,456 poor households."
    )
    assert (one(rows, 17.65)["year"], one(rows, 23456)["year"]) == (2025, 2025)


def test_the_start_of_a_period_compared_with_is_the_review_before_it():
    rows = facts(
        " date 2030-01-05 Đến cuối năm 2029, tỷ lệ hộ nghèo của tỉnh đã giảm 2,35% so với đầu giai đoạn 2026 - 2030."
    )
    assert (one(rows, 2.35)["year"], one(rows, 2.35)["year_end"]) == (2025, 2029)
    rows = facts(" date 2030-01-05 Đầu giai đoạn 2026 - 2030, toàn tỉnh có 8.642 hộ nghèo.")
    assert one(rows, 8642)["year"] == 2025


def test_periods_of_programme_names_and_of_the_standard_date_no_figure():
    rows = facts(
        " date 2029-07-01 Thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2026-2030, "
        "tỉnh đã hỗ trợ xây dựng 975 căn nhà cho hộ nghèo."
    )
    assert (one(rows, 975)["year"], one(rows, 975)["year_end"]) == (2029, None)  # the document's year
    # the standard's period is no period of the average: the term of the lead is
    rows = facts(
        " date 2025-10 Đại hội Đảng bộ tỉnh lần thứ XX, nhiệm kỳ 2025-2030, đề ra các mục tiêu phát triển.\n"
        "Tỷ lệ hộ nghèo theo chuẩn nghèo giai đoạn 2026 - 2030 giảm bình quân 2,5%/năm."
    )
    assert (one(rows, 2.5)["year"], one(rows, 2.5)["year_end"]) == (2025, 2030)
    # "Sau N năm triển khai …": the years of the programme, up to the document's year (guide 2.9.2)
    rows = facts(
        " date 2029-08-01\nSau 3 năm triển khai Chương trình mục tiêu quốc gia giai đoạn 2026 - 2030, "
        "tỉnh đã huy động hơn 864 tỷ đồng cho giảm nghèo."
    )
    assert (one(rows, 864)["year"], one(rows, 864)["year_end"]) == (2026, 2029)


def test_an_undated_text_gives_no_year_that_its_paragraph_does_not_name():
    rows = facts(
        "Tỉnh quyết liệt giảm nghèo\n"
        "Năm 2027, toàn tỉnh giảm 1.234 hộ nghèo.\n"
        "Các cấp đã hỗ trợ xây dựng 357 căn nhà cho hộ nghèo."
    )
    assert one(rows, 1234)["year"] == 2027
    assert one(rows, 357)["year"] is None  # not "the latest year the text names"
    rows = facts(
        _EN + "In 2027, the province reduced 1,234 poor households.\n"
        "The province currently has 4,321 poor households and the district committees help them."
    )
    assert one(rows, 4321)["year"] is None  # "currently" in an undated text
    rows = facts(
        _EN + "In 2027, the province reduced 1,234 poor households.\n"
        "The district committees have helped build 357 houses for poor households.\n"
    )
    assert (one(rows, 1234)["year"], one(rows, 357)["year"]) == (2027, None)  # not from the paragraph before


def test_now_is_the_year_of_the_date():
    rows = facts(" date 2029-04-12 Hiện nay, toàn tỉnh còn 2.345 hộ nghèo.")
    assert one(rows, 2345)["year"] == 2029
    rows = facts(
        "date 2029-04-12 " + _EN + "In 2027, the province reduced 1,234 poor households.\n"
        "There are 5,432 poor households in the province at present, accounting for 2.1% of the households."
    )
    assert (one(rows, 5432)["year"], one(rows, 2.1)["year"]) == (2029, 2029)


def test_the_date_a_document_was_issued_dates_no_figure():
    rows = facts(
        " date 2029-06-01\nTỉnh huy động được hơn 456 tỷ đồng để thực hiện Nghị quyết 09-NQ/TU "
        "(ban hành tháng 5/2026). Trong đó, vốn tín dụng đạt trên 123 tỷ đồng."
    )
    assert one(rows, 123)["year"] == 2029  # not 2026


def test_a_year_closing_the_noun_phrase_of_a_number_is_its_year():
    rows = facts("Trong tổng số 642 hộ nghèo của huyện năm 2027 có 31 hộ nghèo dân tộc thiểu số.")
    assert one(rows, 642)["year"] == 2027
    rows = facts("Tỷ lệ hộ nghèo giảm 2,7% so với cuối năm 2027.")
    assert one(rows, 2.7)["year"] == 2028  # the year compared is not the figure's


def test_a_sentence_opening_with_each_year_runs_over_the_period():
    rows = facts(
        "Kế hoạch giảm nghèo giai đoạn 2026 - 2030 của tỉnh được triển khai trên toàn địa bàn.\n"
        "Bình quân mỗi năm, toàn tỉnh triển khai 15 - 25 mô hình giảm nghèo; mỗi mô hình 150 triệu đồng."
    )
    row = next(f for f in rows if f["value_min"] == 15)
    assert (row["year"], row["year_end"]) == (2026, 2030)
