"""Scope, undated texts that report a review, and measure terms of the fifth pass (development set only).

Every text here is invented (places, years and figures included); none is copied from a source.
"""

from __future__ import annotations

import pytest

from study.extract import extract_text
from study.extract.reviews import review_year
from tests.test_extract_stages import facts, one


def codes(text: str) -> set[str]:
    return {m["measure_code"] for m in extract_text(text, doc_id="t").measures}


#: English filler: enough function words for the text to be read as English
FILLER = "In the past, the work of the people and of the local authorities in the fight against poverty was hard. " * 3


def doc_level(text: str) -> tuple[str, str]:
    meta = extract_text(text, doc_id="t").document
    return meta["locality_level"], meta["district"]


# --- scope: groups -----------------------------------------------------------------------------


def test_a_group_named_after_the_number_sets_its_scope():
    rows = facts(" date 2029-05-01 Tỉnh Lạng Sơn phấn đấu giảm 900 hộ nghèo, trong đó có 300 hộ nghèo DTTS.")
    assert one(rows, 900)["scope"] == "province"
    assert one(rows, 300)["scope"] == "ethnic_minority"
    rows = facts(" date 2029-05-01 Tỉnh yêu cầu giảm 3% tổng số hộ nghèo và 4% số hộ nghèo dân tộc thiểu số tại tỉnh.")
    assert (one(rows, 3)["scope"], one(rows, 4)["scope"]) == ("province", "ethnic_minority")


def test_a_named_people_is_an_ethnic_minority_but_not_the_majority():
    rows = facts(" date 2029-05-01 Năm 2028, tỉnh Sơn La còn 12 hộ nghèo dân tộc Mông; 3 hộ nghèo là người Dao.")
    assert one(rows, 12)["scope"] == one(rows, 3)["scope"] == "ethnic_minority"
    rows = facts(" date 2029-05-01 Năm 2028, tỉnh Sơn La còn 40 hộ nghèo là người Kinh.")
    assert one(rows, 40)["scope"] == "province"


def test_a_group_before_the_number_does_not_reach_past_a_comma_or_another_figure():
    rows = facts(
        " date 2029-05-01 Tổng số hộ nghèo là 5.100 hộ (trong đó, có 4.800 hộ nghèo DTTS, "
        "310 hộ nghèo không có khả năng lao động)."
    )
    assert one(rows, 4800)["scope"] == "ethnic_minority"
    assert one(rows, 310)["scope"] == "province"
    rows = facts(
        " date 2029-05-01 Tỉnh giao vốn Chương trình giảm 500 hộ nghèo dân tộc thiểu số năm 2028 "
        "với kinh phí gần 21 tỷ đồng."
    )
    assert one(rows, 500)["scope"] == "ethnic_minority"
    assert one(rows, 21)["scope"] == "province"


def test_a_fronted_topic_scopes_its_clause():
    rows = facts(
        " date 2029-05-01 Tỷ lệ hộ nghèo toàn tỉnh giảm còn 8,5%. "
        "Riêng các xã đặc biệt khó khăn, tỷ lệ hộ nghèo giảm bình quân 4,2% mỗi năm."
    )
    assert one(rows, 8.5)["scope"] == "province"
    assert one(rows, 4.2)["scope"] == "poor_districts"
    rows = facts(" date 2029-05-01\nTại 5 huyện nghèo, tỷ lệ nghèo đa chiều giảm từ 60,5% (2026) xuống còn 52,1%.")
    assert one(rows, 60.5)["scope"] == one(rows, 52.1)["scope"] == "poor_districts"
    rows = facts(" date 2029-05-01 Tỷ lệ hộ nghèo trên địa bàn các huyện, xã nghèo giảm bình quân 3,5%/năm.")
    assert one(rows, 3.5)["scope"] == "poor_districts"


def test_a_count_or_share_of_territorial_units_stays_the_provinces():
    rows = facts(" date 2029-05-01 Toàn tỉnh Điện Biên có 7 xã đặc biệt khó khăn và 95% thôn có đường giao thông.")
    assert one(rows, 7)["scope"] == "province"


def test_the_nation_but_not_the_national_standard():
    rows = facts(" date 2029-05-01 Năm 2028, tỷ lệ hộ nghèo cả nước còn 1,9%; tỉnh Yên Bái còn 4,4%.")
    assert one(rows, 1.9)["scope"] == "national"
    assert one(rows, 4.4)["scope"] == "province"
    rows = facts(
        " date 2029-05-01 Đến cuối năm 2028, tỉnh Bình Định không còn hộ nghèo theo chuẩn nghèo cả nước, "
        "còn dưới 0,8% hộ nghèo theo chuẩn của tỉnh."
    )
    assert one(rows, 0.8)["scope"] == "province"


def test_a_clause_that_opens_with_a_verb_goes_on_with_the_group_before():
    rows = facts(
        " date 2029-05-01 Năm 2028, số hộ nghèo đồng bào DTTS là 2.100 hộ (chiếm 9,1% hộ đồng bào DTTS của tỉnh; "
        "giảm 2,2% so với năm 2027)."
    )
    assert one(rows, 9.1)["scope"] == "ethnic_minority"
    assert one(rows, 2.2)["scope"] == "ethnic_minority"


# --- scope: named units --------------------------------------------------------------------------


def test_named_districts_in_any_case_and_a_list_of_them():
    rows = facts(
        " date 2029-05-01 Toàn tỉnh Long An có 3.000 hộ nghèo, tỷ lệ 1,2%. Cụ thể: Huyện Tân Mỹ tỷ lệ hộ nghèo là "
        "1,45%; cận nghèo là 2,75%; Thị xã Hòa Lạc, tỷ lệ hộ nghèo 0,9%."
    )
    assert one(rows, 1.2)["scope"] == "province"
    assert one(rows, 1.45)["scope"] == one(rows, 2.75)["scope"] == "district:Tân Mỹ"
    assert one(rows, 0.9)["scope"] == "district:Hòa Lạc"


def test_a_city_of_a_province_is_a_district_but_a_city_province_is_not():
    rows = facts(" date 2029-05-01 Tỉnh Hải Dương: năm 2028, TP Phú Lạc còn 60 hộ nghèo, chiếm 0,2%.")
    assert one(rows, 60)["scope"] == "district:Phú Lạc"
    rows = facts(" date 2029-05-01 Năm 2028, TP Cần Thơ còn 600 hộ nghèo, chiếm 0,2%.")
    assert one(rows, 600)["scope"] == "province"


def test_a_province_word_brings_the_figure_back_to_the_province():
    rows = facts(" date 2029-05-01 Làm việc tại huyện Mường Tè, lãnh đạo tỉnh cho biết năm 2028 giảm 800 hộ nghèo.")
    assert one(rows, 800)["scope"] == "province"


def test_a_town_of_a_province_named_at_the_top_makes_a_district_text():
    text = (
        "TP Phú Lạc còn 60 hộ nghèo\n"
        "Năm 2028, TP Phú Lạc còn 60 hộ nghèo, chiếm 0,2% tổng số hộ trên địa bàn thành phố. "
        "Kết quả rà soát của thành phố được UBND thành phố phê duyệt; toàn thành phố còn 100 hộ cận nghèo.\n"
    )
    assert doc_level(text) == ("district", "Phú Lạc")
    assert one(facts(text), 100)["scope"] == "district"


def test_english_scope_from_the_same_cues():
    rows = facts(
        FILLER + "\nTra Giang (VNA) - The province had 4,100 poor households, including over 2,300 Khmer ethnic ones. "
        "The poverty rate in poor districts will decrease to about 21 per cent by the end of 2029.\n"
    )
    assert one(rows, 4100)["scope"] == "province"
    assert one(rows, 2300)["scope"] == "ethnic_minority"
    assert one(rows, 21)["scope"] == "poor_districts"


# --- undated texts that report a review ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Theo kết quả rà soát cuối năm 2027, toàn tỉnh còn 500 hộ nghèo.", 2027),
        ("Qua rà soát hộ nghèo, cận nghèo cuối 2026, huyện còn 80 hộ nghèo.", 2026),
        ("Kết quả rà soát hộ nghèo theo chuẩn nghèo giai đoạn 2026-2030 cho thấy …", None),
        ("According to the 2027 poverty review, the province had 900 poor households.", 2027),
    ],
)
def test_the_year_of_the_review_a_text_reports(text, year):
    assert review_year(text) == year


def test_an_undated_text_dates_its_levels_by_the_review_it_reports():
    text = (
        "Tỉnh Kon Tum nỗ lực giảm nghèo\n"
        "Nhiều năm qua, tỉnh đã triển khai nhiều chính sách hỗ trợ người nghèo.\n"
        "Theo kết quả rà soát cuối năm 2027, toàn tỉnh có 4.200 hộ nghèo.\n"
        "Hiện tỷ lệ hộ nghèo của tỉnh là 2,6%, tỷ lệ hộ cận nghèo còn 3,1%.\n"
    )
    rows = facts(text)
    assert one(rows, 4200)["year"] == 2027
    assert one(rows, 2.6)["year"] == one(rows, 3.1)["year"] == 2027
    # without a review it names, an undated text gives no year (guide 2.9.7)
    rows = facts(text.replace("Theo kết quả rà soát cuối năm 2027, toàn", "Toàn"))
    assert one(rows, 2.6)["year"] is None


def test_an_undated_english_text_dates_its_levels_by_its_review():
    rows = facts(
        "Kon Giang fights poverty\n" + FILLER + "\n"
        "According to the 2027 poverty review, the province had 4,200 poor households.\n"
        "The poverty rate is currently 2.6 per cent.\n"
    )
    assert one(rows, 2.6)["year"] == 2027


# --- measure terms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Tỉnh tập trung đầu tư hạ tầng kinh tế - xã hội cho các xã vùng cao.", "P1"),
        ("Huyện hỗ trợ các tổ tự quản giảm nghèo để nâng cao sinh kế cho người dân.", "P2"),
        ("Các hộ được chuyển giao khoa học kỹ thuật và hỗ trợ giống, phân bón.", "P3"),
        ("Tỉnh đẩy mạnh giáo dục nghề nghiệp và tổ chức phiên giao dịch việc làm.", "P4"),
        ("Năm qua, tỉnh đã bàn giao 40 nhà đại đoàn kết cho hộ nghèo.", "P5"),
        ("Huyện tạo điều kiện cho người dân vùng sâu tiếp cận thông tin qua đài truyền thanh.", "P6"),
        ("Tỉnh tổ chức tập huấn cho cán bộ làm công tác giảm nghèo cấp xã.", "P7"),
        ("Các hộ nghèo đều tiếp cận được nguồn vốn vay ưu đãi.", "CREDIT"),
        ("Người nghèo được cấp thẻ BHYT và hỗ trợ chi phí học tập.", "SOCIAL_ASSIST"),
        ("Ban Thường vụ Tỉnh ủy đã ban hành nghị quyết về giảm nghèo.", "LEADERSHIP"),
        ("UBND tỉnh yêu cầu các sở, ngành phối hợp thực hiện.", "LEADERSHIP"),
        ("Tỉnh huy động, lồng ghép, sử dụng hiệu quả các nguồn lực cho giảm nghèo.", "MOBILISATION"),
        ("The province organised job fairs and supported guest workers.", "P4"),
    ],
)
def test_general_measure_terms(sentence, code):
    assert code in codes(" date 2029-05-01 " + sentence)


def test_measure_terms_left_out():
    # a party resolution cited by number, or a bare "phát triển sản xuất", is no measure of the text's own
    found = codes(" date 2029-05-01 Thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy, tỉnh vay vốn để phát triển sản xuất.")
    assert "LEADERSHIP" not in found and "P3" not in found
    # "employment" in a list of deprivations is not a job measure
    assert "P4" not in codes("The poor lack access to employment, health care and housing in 2029.")


# --- scope: another former province, asides ---------------------------------------------------------


def test_another_former_province_named_for_a_figure():
    text = (
        " date 2029-05-01 Sau hợp nhất, tỉnh Thái Nguyên có nhiều đổi mới.\n"
        "Đến nay, tỷ lệ hộ nghèo của địa bàn Thái Nguyên (cũ) giảm từ 5,5% xuống còn 1,2%, trong khi "
        "địa bàn Bắc Kạn (cũ) giảm từ 25,5% xuống còn 16,5%.\n"
    )
    rows = facts(text)
    assert one(rows, 1.2)["scope"] == "province"
    assert one(rows, 16.5)["scope"] == "province63:Bắc Kạn"


def test_an_aside_in_brackets_takes_the_scope_of_the_figure_it_follows():
    rows = facts(
        " date 2029-05-01 Thành phố Hải Phòng sau sáp nhập: Hải Phòng mới có khu vực phía Tây "
        "(Hải Dương trước đây) có tới 5.200 hộ "
        "(với 10.400 nhân khẩu) thuộc diện hộ nghèo."
    )
    assert one(rows, 5200)["scope"] == "province63:Hải Dương"
    # a share of all the poor stays the province's, even after a group
    rows = facts(
        " date 2029-05-01 Năm 2028, tỉnh Trà Vinh có hộ nghèo dân tộc Khmer 2.100 hộ, chiếm 2,5% so với tổng số "
        "hộ dân cư dân tộc Khmer (chiếm 55,5% so với tổng số hộ nghèo)."
    )
    assert one(rows, 2.5)["scope"] == "ethnic_minority"
    assert one(rows, 55.5)["scope"] == "province"
