"""The stages of the fact pipeline, each on small sentences written for these tests (invented figures).

Stage 1 (sentences and clauses) and stage 2 (number mentions) are tested in ``test_extract.py``;
here: stage 3, indicator attachment (:mod:`study.extract.attach`), stage 4, year, kind and scope
(:mod:`study.extract.resolve`), and stage 5, filtering (:mod:`study.extract.filters`).
"""

from __future__ import annotations

import pytest

from study.extract import extract_text
from study.extract.attach import household_group, subject_before
from study.extract.reviews import review_year
from study.extract.vocabulary import KIND_CUE, kind_pattern, load_terms
from study.extract.years import kind_from_cues, latest_year


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
    assert household_group("cận nghèo") == "near_poor"
    assert household_group("HN") == "poor"
    assert household_group("nghèo đa chiều") == "poor_near_poor"
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


# ---------------------------------------------------------------------------------------------
# stage 4: kind and year read beyond the sentence (issue 16, generalisation)
# ---------------------------------------------------------------------------------------------
def test_a_date_line_above_the_text_dates_it():
    result = extract_text(" date 2026-04-07 Đến nay, toàn tỉnh còn 812 hộ nghèo.", doc_id="t")
    assert result.document["doc_date"] == "2026-04-07"
    assert one(result.facts, 812)["year"] == 2026
    month_only = extract_text("date 2026-04\nĐến nay, toàn tỉnh còn 812 hộ nghèo.", doc_id="t")
    assert month_only.document["doc_date"] == ""  # no day is guessed
    assert one(month_only.facts, 812)["year"] == 2026


def test_a_sentence_opening_with_trong_do_continues_the_kind_before_it():
    rows = facts(
        "Chỉ tiêu năm 2027: tỉnh sẽ tạo việc làm cho 9.000 người. "
        "Trong đó, việc làm trong nước khoảng 5.000 lao động, xuất khẩu lao động khoảng 4.000 lao động."
    )
    assert one(rows, 5000)["kind"] == "target"
    assert one(rows, 4000)["kind"] == "target"


def test_a_paragraph_after_a_colon_continues_the_goal_before_it():
    rows = facts("Năm 2027, tỉnh phấn đấu:\n100% hộ nghèo có nhu cầu được vay vốn ưu đãi.")
    assert one(rows, 100)["kind"] == "target"


def test_a_goal_opening_a_sentence_frames_the_next_ones_of_its_paragraph():
    rows = facts(
        "Kết quả năm 2026 rất khả quan. Phấn đấu đến năm 2028 thu nhập của hộ nghèo tăng gấp đôi. "
        "Mỗi năm giảm từ 700 hộ nghèo trở lên.\nToàn tỉnh đã hỗ trợ 320 căn nhà cho hộ nghèo."
    )
    assert one(rows, 700)["kind"] == "target"
    assert one(rows, 320)["kind"] == "actual"  # a new paragraph: the goal does not carry


def test_a_result_after_a_result_sentence_keeps_its_own_kind():
    # "không đạt kế hoạch giảm" names a target missed: it frames nothing
    rows = facts("Năm 2026, có 2 huyện không đạt kế hoạch giảm nghèo. Hộ cận nghèo còn 4.321 hộ.")
    assert one(rows, 4321)["kind"] == "actual"


def test_a_cue_inside_closed_brackets_does_not_decide_the_kind():
    assert kind_from_cues("giảm 3,1% (đạt 110% kế hoạch đề ra); có ", 2026, "actual")[0] == "actual"
    assert kind_from_cues("(năm 2026) phấn đấu giảm ", 2026, "actual")[0] == "target"


def test_the_start_of_a_comparison_is_a_baseline():
    rows = facts(
        "Năm 2022, toàn tỉnh có 9.876 hộ nghèo, chiếm 4,32%. "
        "Đến hết năm 2025, hộ nghèo của tỉnh giảm xuống còn 2.468 hộ, tương đương 1,02%."
    )
    assert one(rows, 9876)["kind"] == "baseline"
    assert one(rows, 4.32)["kind"] == "baseline"
    assert one(rows, 2468)["kind"] == "actual"
    rows = facts("Đầu năm 2026, huyện còn 640 hộ nghèo. Đến cuối năm 2026, số hộ nghèo là 410 hộ.")
    assert one(rows, 640)["kind"] == "baseline"
    assert one(rows, 410)["kind"] == "actual"
    rows = facts("Năm 2026, tỷ lệ hộ nghèo còn 3,3% (so với 5,4% năm 2024).")
    assert one(rows, 5.4)["kind"] == "baseline"
    # a level with no later figure to compare with stays what it is
    assert one(facts("Đầu năm 2026, tỷ lệ hộ nghèo của cả nước là 4,1%."), 4.1)["kind"] == "actual"


def test_the_period_of_the_lead_is_found_after_a_date_line():
    text = (
        "11/03/2026 - 08:15\n"
        "Tỉnh X: hơn 300 tỉ đồng cho giảm nghèo\n"
        "UBND tỉnh vừa ban hành kế hoạch thực hiện chương trình giảm nghèo giai đoạn 2026-2030. "
        "Tỉnh sẽ đầu tư hơn 300 tỉ đồng cho các dự án giảm nghèo. "
        "Phấn đấu 100% người thuộc hộ nghèo được hỗ trợ bảo hiểm y tế."
    )
    rows = facts(text)
    money = one(rows, 300)
    assert (money["year"], money["year_end"]) == (2026, 2030)  # a total over the plan's period
    assert one(rows, 100)["year"] == 2030  # a level due at the end of the period


def test_a_five_year_party_term_is_coded_as_written():
    # coding guide 2.9.2: "nhiệm kỳ 2025 - 2030" is 2025 to 2030, not moved to the plan after it
    rows = facts("Đại hội Đảng bộ tỉnh nhiệm kỳ 2025 - 2030 đề ra chỉ tiêu giảm tỷ lệ hộ nghèo bình quân 1,5%/năm.")
    row = one(rows, 1.5)
    assert (row["year"], row["year_end"]) == (2025, 2030)


def test_a_figure_for_every_year_runs_over_the_period():
    rows = facts("Mục tiêu giai đoạn 2026 - 2030: mỗi năm giảm từ 800 hộ nghèo trở lên.")
    row = one(rows, 800)
    assert (row["year"], row["year_end"]) == (2026, 2030)


def test_a_fall_over_several_years_runs_from_the_year_compared():
    rows = facts(
        "Năm 2026, số hộ nghèo đã giảm được 4.321 hộ so với năm 2023; tỷ lệ hộ nghèo giảm 0,5% so với năm 2025."
    )
    row = one(rows, 4321)
    assert (row["year"], row["year_end"]) == (2023, 2026)
    row = one(rows, 0.5)
    assert (row["year"], row["year_end"]) == (2026, None)  # year on year: the year of the result


def test_the_share_of_a_poor_group_in_a_rate_of_something_else():
    rows = facts("Năm 2026, tỷ lệ trẻ em thuộc hộ nghèo đi học đúng độ tuổi đạt 93%.")
    assert one(rows, 93)["indicator"] == "other"
    # the same rate for the whole population is a general statistic, not a fact, unless it is the share with a
    # basic service of the multidimensional poverty standard (ninth pass, [cues.access]: school attendance)
    assert facts("Năm 2026, tỷ lệ lao động qua đào tạo đạt 93%.") == []


def test_goal_verbs_of_plans_and_resolutions_mark_targets():
    rows = facts("Theo kế hoạch, tổng kinh phí giảm nghèo của tỉnh là 120 tỷ đồng.")
    assert one(rows, 120)["kind"] == "target"
    rows = facts("UBND tỉnh yêu cầu các địa phương giảm 3% tổng số hộ nghèo trong năm 2027.")
    assert one(rows, 3)["kind"] == "target"
    rows = facts("Đại hội Đảng bộ tỉnh đưa ra nghị quyết tỷ lệ hộ nghèo giảm bình quân 1%/năm.")
    assert one(rows, 1)["kind"] == "target"
    # reaching a share of the plan is a result
    assert one(facts("Năm 2026, toàn tỉnh giảm 812 hộ nghèo, đạt 105% kế hoạch."), 105)["kind"] == "actual"


def test_a_period_closing_the_phrase_of_a_count_dates_it():
    rows = facts("Tỉnh có 46 xã thuộc vùng dân tộc thiểu số giai đoạn 2026-2030, trong đó 7 xã đặc biệt khó khăn.")
    row = one(rows, 46)
    assert (row["year"], row["year_end"]) == (2026, 2030)


def test_the_date_figures_are_counted_to_is_a_year_not_a_legal_date():
    rows = facts("Tính đến ngày 30/6/2027, tỷ lệ hộ nghèo của tỉnh còn 2,2%.")
    assert one(rows, 2.2)["year"] == 2027
    rows = facts("Từ năm 2026 đến tháng 5/2028, quỹ đã cho vay hơn 90 tỷ đồng để hộ nghèo phát triển sản xuất.")
    money = one(rows, 90)
    assert (money["year"], money["year_end"]) == (2026, 2028)


def test_the_start_of_a_pair_has_a_year_only_when_the_result_year_is_written():
    rows = facts("Năm 2027, tỷ lệ hộ nghèo giảm từ 4,4% xuống còn 3,1%.")
    assert one(rows, 4.4)["year"] == 2026  # a fall within the year named
    rows = facts(" date 2027-10-02 Đến nay, tỷ lệ hộ nghèo giảm từ 9,9% xuống còn 3,3%.")
    assert one(rows, 3.3)["year"] == 2027
    assert one(rows, 9.9)["year"] is None  # when the fall began is not said


def test_only_the_comparison_of_its_own_clause_dates_a_figure():
    rows = facts(
        "Tỷ lệ hộ nghèo giảm 1,1% so với năm 2026; có 3 xã đặc biệt khó khăn được hỗ trợ "
        "và 100% người thuộc hộ nghèo được cấp thẻ bảo hiểm y tế."
    )
    assert one(rows, 1.1)["year"] == 2027  # the year after the year compared
    assert one(rows, 100)["year"] != 2027  # another clause: the comparison is not its date


def test_a_fall_compared_with_a_year_is_of_the_year_after_it_unless_dated_later():
    # coding guide 2.9.3: "giảm Z% so với năm A" with no other year is A + 1 (an undated "đến nay" is no year)
    rows = facts("Đến nay, tỷ lệ hộ nghèo của tỉnh giảm 2,3% so với năm 2026.")
    assert (one(rows, 2.3)["year"], one(rows, 2.3)["year_end"]) == (2027, None)
    rows = facts(" date 2029-05-04 Đến nay, tỷ lệ hộ nghèo của tỉnh giảm 2,3% so với năm 2026.")
    assert (one(rows, 2.3)["year"], one(rows, 2.3)["year_end"]) == (2026, 2029)


def test_a_level_is_not_dated_by_the_period_of_the_document():
    text = (
        "Giảm nghèo giai đoạn 2026-2030: nhiều kết quả nổi bật của tỉnh\n"
        "Chương trình giảm nghèo bền vững giai đoạn 2026-2030 được triển khai đồng bộ trên địa bàn tỉnh.\n"
        "Tỷ lệ hộ nghèo toàn tỉnh còn 2,4%. Tỉnh đã hỗ trợ 640 căn nhà cho hộ nghèo."
    )
    rows = facts(text)
    assert one(rows, 2.4)["year_end"] is None  # a rate is at one point in time
    # a result with no year in its paragraph: the document's year (guide 2.9.6), none in an undated text (2.9.7)
    assert (one(rows, 640)["year"], one(rows, 640)["year_end"]) == (None, None)
    rows = facts(" date 2028-06-01 " + text)
    assert (one(rows, 640)["year"], one(rows, 640)["year_end"]) == (2028, None)


def test_the_verb_of_coordinated_rates_carries_over():
    rows = facts("Năm 2026, tỉnh còn 1,7% hộ nghèo, 3,4% hộ cận nghèo.")
    assert one(rows, 3.4)["indicator"] == "near_poor_rate_pct"
    rows = facts("Năm 2026, tỉnh giảm 0,9% hộ nghèo và 0,6% hộ cận nghèo.")
    assert label(one(rows, 0.6)) == "near_poor_rate_reduction_pp"


def test_a_rate_over_all_households_is_the_rate_of_the_group_named_before():
    rows = facts("Năm 2026, tỷ lệ hộ nghèo, cận nghèo đa chiều chiếm 21,5% số hộ trên toàn tỉnh.")
    assert one(rows, 21.5)["indicator"] == "poor_near_poor_rate_pct"
    # a share of the poor households is a share, not a rate
    rows = facts("Năm 2026, hộ nghèo dân tộc thiểu số chiếm 61% so với tổng số hộ nghèo.")
    assert one(rows, 61)["indicator"] == "other"


def test_a_new_clause_opens_a_new_subject_for_a_count():
    rows = facts("Năm 2026, số hộ cận nghèo là 3.210 hộ; tổng số hộ thoát nghèo, thoát cận nghèo là 187 hộ.")
    assert one(rows, 3210)["indicator"] == "near_poor_households"
    assert one(rows, 187)["indicator"] == "other"


def test_households_leaving_a_group_lower_its_rate():
    rows = facts("Năm 2026, có 1.240 hộ thoát nghèo, tức giảm 0,71% so với đầu năm.")
    assert one(rows, 0.71)["indicator"] == "poor_rate_reduction_pp"
    rows = facts("Năm 2026, số hộ thoát cận nghèo là 980 hộ, tương ứng giảm 0,35%.")
    assert label(one(rows, 0.35)) == "near_poor_rate_reduction_pp"


def test_the_total_of_all_households_is_not_a_count_of_the_poor():
    rows = facts("Năm 2026, toàn tỉnh có 6.420 hộ nghèo trong tổng số 412.300 hộ, tỷ lệ 1,56%.")
    assert one(rows, 6420)["indicator"] == "poor_households"
    assert label(one(rows, 412300)) == "households_total"
    assert one(rows, 1.56)["indicator"] == "poor_rate_pct"


def test_the_year_a_text_is_about_is_read_from_its_first_sentence_whatever_the_case():
    rows = facts("Năm 2027, công tác giảm nghèo của tỉnh hướng đến mục tiêu lớn. Phấn đấu giảm 5% số hộ nghèo.")
    assert one(rows, 5)["year"] == 2027
    # the year of a page date is not what the text is about
    row = one(facts("THỨ HAI, NGÀY 06 THÁNG 02 NĂM 2027 06:27\nTỉnh giảm 300 hộ nghèo."), 300)
    assert "document about" not in row["note"]


def test_a_multiple_is_a_fact_only_for_the_poor():
    rows = facts("Năm 2026, thu nhập của hộ nghèo tăng 1,6 lần so với năm 2021.")
    assert label(one(rows, 1.6)) == "multiple"
    assert facts("Thu nhập bình quân của người dân nông thôn năm 2026 tăng 1,6 lần so với năm 2021.") == []


def test_this_figure_refers_to_the_group_of_the_sentence_before():
    rows = facts(
        "Đầu năm 2026, huyện còn 1.310 hộ nghèo, chiếm 0,52% dân số. "
        "Đến cuối năm 2027, con số này giảm xuống chỉ còn 402 hộ (0,16%)."
    )
    assert one(rows, 402)["indicator"] == "poor_households"
    assert one(rows, 0.16)["indicator"] == "poor_rate_pct"
    rows = facts("Năm 2027, tỷ lệ hộ nghèo của tỉnh là 1,2%. Dự kiến, con số này sẽ giảm xuống 0,8% vào cuối năm 2028.")
    row = one(rows, 0.8)
    assert (row["indicator"], row["kind"]) == ("poor_rate_pct", "estimate")  # "dự kiến … sẽ": an expectation
