"""Rows coded ``other``, pair-end years, national asides, sub-areas and measure words of the sixth pass.

Every text here is invented (places, years and figures included); none is copied from a source.
"""

from __future__ import annotations

from study.extract import extract_text
from study.extract.normalise import furniture_spans
from tests.test_extract_stages import facts, label, one

HEAD = " date 2029-05-01 Tỉnh Lai Châu báo cáo kết quả giảm nghèo.\n"


def codes(text: str) -> set[str]:
    return {m["measure_code"] for m in extract_text(text, doc_id="t").measures}


# --- the general reader of "number + unit noun" ------------------------------------------------


def test_materials_animals_plants_and_labour_given_are_other_rows_labelled_from_the_noun():
    rows = facts(
        HEAD + "Năm 2028, các nhà hảo tâm trao cho hộ nghèo 81 tấn xi măng, 43.200 viên gạch, 14 con bò giống "
        "và 9.000 cây quế giống; huy động 3.450 ngày công lao động."
    )
    assert label(one(rows, 81)) == "cement_tonnes_given"
    assert label(one(rows, 43200)) == "bricks_given"
    assert label(one(rows, 14)) == "breeding_livestock"
    assert label(one(rows, 9000)) == "seedlings"
    assert label(one(rows, 3450)) == "labour_days_given"
    assert {one(rows, v)["indicator"] for v in (81, 43200, 14, 9000, 3450)} == {"other"}
    assert one(rows, 81)["year"] == 2028


def test_counts_of_programmes_customers_officials_and_localities_are_other_rows():
    rows = facts(
        HEAD + "Năm 2028, Ngân hàng Chính sách xã hội cho hộ nghèo vay theo 9 chương trình tín dụng, với 7.310 khách "
        "hàng còn dư nợ; tập huấn cho 260 cán bộ giảm nghèo; có 04/15 địa phương chưa đạt kế hoạch giảm nghèo."
    )
    assert label(one(rows, 9)) == "programmes_count"
    assert label(one(rows, 7310)) == "borrowers_count"
    assert label(one(rows, 260)) == "officials_count"
    assert label(one(rows, 4)) == "localities_count"


def test_a_named_indicator_takes_its_number_before_the_noun_reader():
    rows = facts(HEAD + "Năm 2028, toàn tỉnh giảm 1.130 hộ nghèo, hỗ trợ 95 căn nhà và 70 tấn gạo cho hộ nghèo.")
    assert one(rows, 1130)["indicator"] == "poor_households_reduction"
    assert one(rows, 95)["indicator"] == "houses_supported"
    assert label(one(rows, 70)) == "rice_tonnes_given"


def test_the_noun_reader_leaves_out_page_furniture_names_and_figures_outside_poverty():
    rows = facts(
        HEAD + "Tỉnh triển khai 3 Chương trình mục tiêu quốc gia giai đoạn 2026-2030.\n"
        "Sản lượng lúa của tỉnh đạt 9.500 tấn.\n"
        "Địa chỉ: số 17 đường Lê Lợi, điện thoại 0213 3876 555."
    )
    assert not [f for f in rows if f["value"] in (3, 9500, 17)]


def test_an_income_per_head_of_the_poor_is_an_other_row_in_billions():
    rows = facts(
        HEAD + "Năm 2028, thu nhập bình quân của hộ nghèo đạt 31,4 triệu đồng/người/năm; "
        "hộ nghèo DTTS có thu nhập 2,2 triệu đồng/người/tháng."
    )
    assert (one(rows, 0.0314)["indicator"], label(one(rows, 0.0314))) == ("other", "income_per_person_year")
    assert one(rows, 0.0314)["unit"] == "billion_vnd"
    assert label(one(rows, 0.0022)) == "income_per_person_month"


def test_incomes_of_everybody_gdp_per_head_and_the_standard_s_thresholds_are_not_facts():
    rows = facts(
        HEAD + "Năm 2028, GRDP bình quân đầu người của tỉnh đạt 71 triệu đồng/người/năm. "
        "Thu nhập bình quân khu vực nông thôn đạt 48 triệu đồng/người/năm. "
        "Chuẩn nghèo của tỉnh có tiêu chí thu nhập 2,9 triệu đồng/người/tháng ở thành thị."
    )
    assert not [f for f in rows if f["unit"] == "billion_vnd"]


# --- pair-end years, averages over the text's period -------------------------------------------


def test_a_year_right_before_a_pair_dates_its_start_and_the_end_is_the_next_year():
    rows = facts(HEAD + "Tỷ lệ hộ nghèo năm 2027 từ 7,15% đã giảm xuống còn 5,02%.")
    assert (one(rows, 7.15)["year"], one(rows, 7.15)["kind"]) == (2027, "baseline")
    assert (one(rows, 5.02)["year"], one(rows, 5.02)["kind"]) == (2028, "actual")


def test_a_year_after_the_end_of_the_pair_dates_the_end():
    rows = facts(HEAD + "Tỷ lệ hộ nghèo năm 2025 từ 7,15% giảm xuống 4,02% năm 2028.")
    assert (one(rows, 7.15)["year"], one(rows, 4.02)["year"]) == (2025, 2028)


def test_a_fronted_year_with_a_verb_before_the_pair_still_dates_the_result():
    # coding guide example A: "Năm 2025, … giảm từ 12,4% xuống còn 9,1%" → 2024 and 2025
    rows = facts(HEAD + "Năm 2028, tỷ lệ hộ nghèo của tỉnh giảm từ 7,15% xuống còn 5,02%.")
    assert (one(rows, 7.15)["year"], one(rows, 5.02)["year"]) == (2027, 2028)


def test_an_average_fall_over_an_unnamed_period_takes_the_period_of_the_text():
    rows = facts(
        " date 2029-05-01 Tỉnh Lai Châu tổng kết Chương trình giảm nghèo giai đoạn 2026-2030.\n"
        "Tỷ lệ hộ nghèo của tỉnh giảm bình quân 2,35%, vượt kế hoạch."
    )
    row = one(rows, 2.35)
    assert (row["indicator"], row["unit"], row["year"], row["year_end"]) == (
        "poor_rate_reduction_pp",
        "pp_per_year",
        2026,
        2030,
    )


# --- national figures, related articles --------------------------------------------------------


def test_the_nation_fronted_in_a_clause_makes_its_figures_national():
    rows = facts(
        HEAD + "Năm 2028, tỷ lệ hộ nghèo của tỉnh còn 4,1%. "
        "Trên phạm vi cả nước, tỷ lệ hộ nghèo còn 1,71%, số hộ nghèo còn 390.000 hộ."
    )
    assert one(rows, 4.1)["scope"] == "province"
    assert one(rows, 1.71)["scope"] == one(rows, 390000)["scope"] == "national"


def test_related_article_blocks_and_lines_are_page_furniture():
    text = HEAD + "Năm 2028, tỉnh còn 2.100 hộ nghèo.\nBài viết liên quan\nTỉnh B còn 800 hộ nghèo\n"
    assert [f["value"] for f in facts(text)] == [2100]
    text = HEAD + "Năm 2028, tỉnh còn 2.100 hộ nghèo.\nTin liên quan: Tỉnh B còn 800 hộ nghèo\nHết."
    assert [f["value"] for f in facts(text)] == [2100]
    spans = furniture_spans("Tin mới\nNăm 2028, tỉnh còn 2.100 hộ nghèo.\n")
    assert all(b <= len("Tin mới") + 1 for _a, b in spans)  # a menu heading at the top hides nothing


# --- wrong indicators: "hộ nghèo đa chiều", sub-areas ------------------------------------------


def test_multidimensional_poor_households_are_the_poor_unless_broken_into_poor_and_near_poor():
    rows = facts(HEAD + "Cuối năm 2028, tỉnh còn 3.100 hộ nghèo đa chiều, chiếm 2,3%.")
    assert one(rows, 3100)["indicator"] == "poor_households"
    assert one(rows, 2.3)["indicator"] == "poor_rate_pct"
    rows = facts(HEAD + "Cuối năm 2028, tỉnh có 9.400 hộ nghèo đa chiều (trong đó 3.100 hộ nghèo, 6.300 hộ cận nghèo).")
    assert label(one(rows, 9400)) == "poor_near_poor_households"
    assert one(rows, 3100)["indicator"] == "poor_households"
    assert one(rows, 6300)["indicator"] == "near_poor_households"
    rows = facts(HEAD + "Cuối năm 2028, tỷ lệ hộ nghèo đa chiều là 7,4% (hộ nghèo 2,3%, hộ cận nghèo 5,1%).")
    assert one(rows, 7.4)["indicator"] == "poor_near_poor_rate_pct"


def test_a_region_of_the_province_heading_a_clause_makes_its_figure_other():
    rows = facts(HEAD + "Năm 2028, toàn tỉnh giảm 4.200 hộ nghèo, trong đó khu vực miền núi giảm 1.930 hộ.")
    assert one(rows, 4200)["indicator"] == "poor_households_reduction"
    row = one(rows, 1930)
    assert (row["indicator"], label(row), row["scope"]) == ("other", "area_poor_households_reduction", "province")


# --- measures ----------------------------------------------------------------------------------


def test_leadership_and_mobilisation_in_their_usual_words():
    assert "LEADERSHIP" in codes(HEAD + "Ban Thường vụ Tỉnh ủy đã tập trung lãnh đạo và chỉ đạo công tác giảm nghèo.")
    assert "LEADERSHIP" in codes(HEAD + "Các cấp ủy chỉ đạo quyết liệt công tác giảm nghèo.")
    assert "MOBILISATION" in codes(HEAD + "Ủy ban MTTQ tỉnh đã vận động các cơ quan, đơn vị ủng hộ hộ nghèo.")
    assert "MOBILISATION" in codes(HEAD + "Tỉnh kêu gọi các tổ chức, cá nhân chung tay giảm nghèo.")


def test_integration_needs_the_national_programmes_not_a_general_lồng_ghép():
    assert "INTEGRATION" not in codes(HEAD + "Tỉnh lồng ghép tuyên truyền giảm nghèo trong các buổi sinh hoạt thôn.")
    assert "INTEGRATION" in codes(HEAD + "Tỉnh lồng ghép các nguồn vốn để hỗ trợ hộ nghèo.")
    assert "INTEGRATION" in codes(HEAD + "Tỉnh thực hiện giảm nghèo gắn với xây dựng nông thôn mới.")
    assert "INTEGRATION" not in codes(HEAD + "Năm 2028, tỉnh có thêm 5 xã đạt chuẩn nông thôn mới.")


def test_a_rate_per_unit_is_not_a_count_of_the_noun():
    rows = facts(HEAD + "Năm 2028, năng suất lúa của hộ nghèo đạt 6 tấn/ha; tỉnh trao cho hộ nghèo 30 tấn gạo.")
    assert [f["value"] for f in rows] == [30]


def test_income_support_and_labour_export_in_their_paragraph():
    rows = facts(HEAD + "Trong năm 2028 sẽ hỗ trợ thu nhập cho 2.700 người thuộc hộ nghèo.")
    assert label(one(rows, 2700)) == "income_support_people"
    rows = facts(
        HEAD + "Công tác giảm nghèo năm 2028: giải quyết việc làm đạt 9.100 người; "
        "đi làm việc ở nước ngoài theo hợp đồng lao động đạt 1.450 người."
    )
    assert one(rows, 1450)["indicator"] == "workers_supported"


def test_a_pair_reads_an_auxiliary_or_an_adverb_and_the_nation_may_head_its_clause():
    rows = facts(HEAD + "Năm 2028, tỷ lệ hộ nghèo giảm mạnh từ 6,4% xuống 4,9%.")
    assert (one(rows, 6.4)["kind"], one(rows, 4.9)["year"]) == ("baseline", 2028)
    rows = facts(HEAD + "Năm 2028, tỷ lệ hộ nghèo của tỉnh còn 4,1%. Cả nước, tỷ lệ hộ nghèo còn 1,71%.")
    assert one(rows, 1.71)["scope"] == "national"
