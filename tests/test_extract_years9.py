"""Years and kinds of the ninth pass (development set dev, unseen, unseen2, unseen3), on sentences written
for these tests.

Every text here is invented (places, years and figures included); none is copied from a source.
"""

from __future__ import annotations

from study.extract import extract_text
from tests.test_extract_stages import facts, one

HEAD = "Tỉnh A đẩy mạnh công tác giảm nghèo bền vững cho đồng bào\n"


# --- document dates ----------------------------------------------------------------------------------


def test_a_date_line_in_brackets_or_an_update_line_dates_the_text():
    body = "\nToàn tỉnh có 1.234 hộ nghèo, giảm nhiều so với trước đây."
    assert extract_text(HEAD + "(05/02/2027)" + body, doc_id="t").document["doc_date"] == "2027-02-05"
    assert extract_text(HEAD + "Cập nhật 14/3/2026, 09:12:40" + body, doc_id="t").document["doc_date"] == "2026-03-14"
    # a date in a sentence is still not a date line
    text = HEAD + "Ngày 05/02/2027 tỉnh A họp bàn nhiều nội dung quan trọng về đời sống." + body
    assert extract_text(text, doc_id="t").document["doc_date"] == ""


def test_a_level_counted_to_a_date_at_the_head_of_a_sentence_takes_that_year():
    text = (
        "date 2027-05\nNgân hàng tỉnh A chia sẻ kết quả cho vay trong năm 2026 với nhiều tín hiệu tốt.\n"
        "Đến ngày 30/4/2027, toàn tỉnh có 3.456 hộ nghèo được vay vốn ưu đãi."
    )
    assert one(facts(text), 3456)["year"] == 2027


def test_the_year_a_text_is_about_is_not_a_year_of_a_pair():
    # an undated text whose first sentence gives a "từ … xuống" pair: its start year dates nothing else
    text = (
        "Tỉnh A đã giảm tỷ lệ hộ nghèo từ 40,5% năm 2011 xuống còn 20,1% năm 2026, một kết quả đáng ghi nhận.\n"
        "Tỉnh B lại có tỷ lệ hộ nghèo cao nhất vùng, với 33,3% theo một báo cáo khác."
    )
    rows = facts(text)
    assert one(rows, 40.5)["year"] == 2011
    assert one(rows, 33.3)["year"] != 2011


# --- the start of a period -------------------------------------------------------------------------------


def test_a_level_at_the_start_of_an_unnamed_period_has_no_year_and_is_a_baseline():
    text = (
        "Theo kết quả rà soát, số hộ nghèo đầu kỳ của tỉnh A là 12.345 hộ, chiếm tỷ lệ 25,5%, "
        "đến cuối năm 2026 là 9.876 hộ, chiếm tỷ lệ 19,9%. Tỷ lệ hộ nghèo dân tộc thiểu số đầu kỳ là 33,1%, "
        "đến cuối năm 2026 là 26,2%."
    )
    rows = facts(text)
    start = one(rows, 33.1)
    assert start["year"] is None and start["kind"] == "baseline"
    assert one(rows, 12345)["kind"] == "baseline"
    assert one(rows, 25.5)["kind"] == "baseline"
    # the level after the later date is that date's result, not a start
    end = one(rows, 19.9)
    assert end["year"] == 2026 and end["kind"] == "actual"


def test_a_level_at_the_start_of_a_period_named_in_its_paragraph_is_the_review_before_it():
    text = (
        "date 2027-03-01\nTrong giai đoạn 2026 - 2030, tỉnh A tập trung nhiều nguồn lực. "
        "Tỷ lệ hộ nghèo đầu kỳ là 14,4%."
    )
    assert one(facts(text), 14.4)["year"] == 2025


# --- periods and 'đến nay' ---------------------------------------------------------------------------------


def test_two_consecutive_years_joined_by_va_are_a_period():
    text = "Trong năm 2025 và 2026, tỉnh A đã phân bổ gần 150 tỷ đồng cho vay giảm nghèo."
    row = one(facts(text), 150)
    assert (row["year"], row["year_end"]) == (2025, 2026)


def test_den_nay_in_an_undated_text_takes_no_year_from_an_earlier_sentence():
    text = (
        "Tỉnh A đẩy mạnh tín dụng chính sách cho người nghèo ở vùng cao.\n"
        "Năm 2025, tỉnh đã cho vay 120 tỷ đồng giảm nghèo. Đến nay, ngân hàng đã giải ngân 95 tỷ đồng cho hộ nghèo."
    )
    rows = facts(text)
    assert one(rows, 120)["year"] == 2025
    assert one(rows, 95)["year"] is None


# --- kinds ---------------------------------------------------------------------------------------------


def test_a_programme_named_by_its_goal_is_a_target():
    text = (
        "date 2027-06-01\nTỉnh A vừa giao vốn Chương trình giảm 800 hộ nghèo dân tộc thiểu số năm 2027. "
        "Từ năm 2024, tỉnh triển khai kế hoạch thực hiện mỗi năm giảm 600 hộ nghèo dân tộc thiểu số."
    )
    rows = facts(text)
    assert one(rows, 800)["kind"] == "target"
    assert one(rows, 600)["kind"] == "target"
    # a programme named by its purpose, not by a figure, sets no goal for the figure after it
    text = "date 2027-06-01\nChương trình giảm nghèo của tỉnh A đã hỗ trợ 700 hộ nghèo trong năm 2026."
    assert one(facts(text), 700)["kind"] == "actual"


def test_an_english_level_before_by_a_later_year_is_a_baseline():
    text = (
        "Province A reduces poverty in the mountains\n\nThe province has worked hard for the people of the "
        "region, and the results of the work are clear to all of them in the villages and in the towns.\n"
        "In 2026, the province's poverty rate stood at 31.5 per cent. "
        "By 2029, it had fallen to 12.25 per cent, a steady decline for the people of the province."
    )
    rows = facts(text)
    assert one(rows, 31.5)["kind"] == "baseline"
    assert one(rows, 12.25)["kind"] == "actual"


def test_targets_listed_after_a_goal_paragraph_take_its_kind_and_due_year():
    text = (
        "Tỉnh A đặt mục tiêu giảm nghèo cho đồng bào dân tộc thiểu số\n"
        "Mục tiêu của tỉnh đến năm 2030 phấn đấu giảm mạnh số hộ nghèo dân tộc thiểu số.\n"
        "Hỗ trợ nhà ở cho 1.234 hộ nghèo; đào tạo nghề cho khoảng 567 người lao động."
    )
    rows = facts(text)
    for value in (1234, 567):
        assert (one(rows, value)["kind"], one(rows, value)["year"]) == ("target", 2030)
    # a paragraph with a result cue of its own after the goal is no list of targets
    assert one(facts(text.replace("Hỗ trợ nhà ở", "Năm 2026, tỉnh đã hỗ trợ nhà ở")), 1234)["kind"] == "actual"
    # nor is a paragraph after one that only mentions a goal further in, with no due year
    text = (
        "Tỉnh A triển khai nhiều giải pháp giảm nghèo cho đồng bào\n"
        "Hai là, đẩy mạnh tuyên truyền mục tiêu giảm nghèo đến các tầng lớp dân cư.\n"
        "Ba là, ưu tiên đầu tư nhà ở cho các hộ nghèo tại 03 huyện vùng cao của tỉnh."
    )
    assert one(facts(text), 3)["kind"] == "actual"


def test_a_result_dated_from_its_context_is_not_later_than_the_text():
    text = (
        "date 2026-11-20\nTỉnh A rà soát hộ nghèo cuối năm\n"
        "Theo dự báo, giai đoạn 2027-2030, tỷ lệ hộ nghèo sẽ tăng lên 6,5%. Tuy nhiên, kết quả thống kê sơ bộ, "
        "hộ cận nghèo chỉ còn hơn 4,5%."
    )
    assert one(facts(text), 4.5)["year"] == 2026
