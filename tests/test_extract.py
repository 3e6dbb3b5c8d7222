"""Assisted coding (``study extract``) on texts written for these tests (``tests/texts``), never the seeds."""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from pathlib import Path

import pytest

from study import schema as schemas
from study.extract import (
    ExtractError,
    extract_file,
    extract_text,
    load_terms,
    parse_number,
    register,
    sentence_spans,
    to_csv,
)

TEXTS = Path(__file__).resolve().parent / "texts"
ALL_TEXTS = sorted(p for p in TEXTS.iterdir() if p.suffix in (".txt", ".md", ".html"))


def facts_of(text: str, **kwargs):
    return extract_text(text, doc_id="t", **kwargs).facts


def brief(facts):
    """(indicator, value or (min, max), unit, year, kind) per fact."""
    out = []
    for f in facts:
        value = f["value"] if f["value"] not in ("", None) else (f["value_min"], f["value_max"])
        out.append((f["indicator"], value, f["unit"], f["year"], f["kind"]))
    return out


def find(facts, indicator, value):
    hits = [
        f
        for f in facts
        if f["indicator"] == indicator and f["value"] not in ("", None) and abs(f["value"] - value) < 1e-9
    ]
    assert hits, f"no {indicator} = {value} in {brief(facts)}"
    return hits[0]


# ---------------------------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "token, value",
    [
        ("8,92", 8.92),
        ("5.100", 5100),
        ("0,82", 0.82),
        ("1.250,5", 1250.5),
        ("12.345", 12345),
        ("2024", 2024),
        ("06", 6),
        ("3.48", 3.48),
        ("1.234.567", 1234567),
    ],
)
def test_parse_number_reads_vietnamese_numerals(token, value):
    assert parse_number(token) == pytest.approx(value)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Năm 2025, hỗ trợ kinh phí 53,7 tỷ đồng cho hộ nghèo.", 53.7),
        ("Năm 2025, Quỹ Vì người nghèo hỗ trợ 637 triệu đồng cho hộ nghèo.", 0.637),
        ("Năm 2025, tổng vốn hỗ trợ giảm nghèo là 1.200 tỷ.", 1200),
        ("Năm 2025, vốn ngân sách hỗ trợ hộ nghèo 2 nghìn tỷ đồng.", 2000),
    ],
)
def test_money_is_converted_to_billions(sentence, expected):
    fact = find(facts_of(sentence), "budget_billion_vnd", expected)
    assert fact["unit"] == "billion_vnd" and fact["year"] == 2025


def test_ranges_keep_min_and_max():
    facts = facts_of("Kế hoạch năm 2026: phấn đấu giảm từ 270 đến 330 hộ nghèo; tỷ lệ hộ nghèo giảm 5 - 6%.")
    assert brief(facts) == [
        ("poor_households_reduction", (270.0, 330.0), "households", 2026, "target"),
        ("poor_rate_reduction_pp", (5.0, 6.0), "pp", 2026, "target"),
    ]
    assert all(f["value"] is None for f in facts)


def test_from_to_gives_a_baseline_and_a_result():
    facts = facts_of("Năm 2025, tỷ lệ hộ nghèo của huyện giảm từ 12,4% xuống còn 9,1%, giảm 3,3%, tương ứng 640 hộ.")
    assert brief(facts) == [
        ("poor_rate_pct", 12.4, "pct", 2024, "baseline"),
        ("poor_rate_pct", 9.1, "pct", 2025, "actual"),
        ("poor_rate_reduction_pp", 3.3, "pp", 2025, "actual"),
        ("poor_households_reduction", 640.0, "households", 2025, "actual"),
    ]


def test_from_to_with_years_in_brackets_and_an_estimate():
    facts = facts_of("Dự ước tỷ lệ hộ nghèo giảm từ 7,5% (năm 2024) xuống còn 5,25% (năm 2025).")
    assert brief(facts) == [
        ("poor_rate_pct", 7.5, "pct", 2024, "baseline"),
        ("poor_rate_pct", 5.25, "pct", 2025, "estimate"),
    ]


def test_from_to_with_plain_years_and_counts():
    facts = facts_of(
        "Tỷ lệ hộ nghèo từ 5,2% năm 2022 giảm xuống 3,1% năm 2023. "
        "Số hộ nghèo giảm từ 2.100 hộ xuống còn 1.690 hộ vào năm 2023."
    )
    assert brief(facts) == [
        ("poor_rate_pct", 5.2, "pct", 2022, "baseline"),
        ("poor_rate_pct", 3.1, "pct", 2023, "actual"),
        ("poor_households", 2100.0, "households", 2022, "baseline"),
        ("poor_households", 1690.0, "households", 2023, "actual"),
    ]
    assert all(f["qualifier"] == "" for f in facts)


def test_a_fall_of_a_rate_is_in_points_and_a_fall_of_a_count_in_percent_is_relative():
    facts = facts_of("Năm 2025, tỷ lệ hộ nghèo giảm 2,4% so với năm 2024. Phấn đấu mỗi năm giảm 8% số hộ nghèo.")
    assert brief(facts) == [
        ("poor_rate_reduction_pp", 2.4, "pp", 2025, "actual"),
        # no year in its clause: the nearest year named before it in its paragraph (issue 16)
        ("poor_households_reduction", 8.0, "pct_per_year", 2025, "target"),
    ]


def test_percent_before_the_rate_and_per_year_rates():
    facts = facts_of("Phấn đấu giảm 1,5 - 2% tỷ lệ hộ nghèo; hộ nghèo dân tộc thiểu số giảm trên 3%/năm.")
    assert brief(facts)[0] == ("poor_rate_reduction_pp", (1.5, 2.0), "pp", None, "target")
    ethnic = facts[1]
    assert (ethnic["unit"], ethnic["qualifier"], ethnic["scope"]) == ("pp_per_year", "trên", "ethnic_minority")


def test_qualifiers_are_copied_and_at_least_is_mapped():
    facts = facts_of(
        "Năm 2025 đã hỗ trợ hơn 1.200 hộ nghèo, gần 80 tỷ đồng; tạo việc làm từ 300 lao động trở lên "
        "và khoảng 45 căn nhà cho hộ nghèo."
    )
    assert [(f["indicator"], f["qualifier"]) for f in facts] == [
        ("poor_households", "hơn"),
        ("budget_billion_vnd", "gần"),
        ("workers_supported", "ít nhất"),
        ("houses_supported", "khoảng"),
    ]


def test_rates_of_near_poor_and_of_both_groups():
    facts = facts_of(
        "Đến cuối năm 2024, toàn tỉnh còn 2.310 hộ cận nghèo, chiếm tỷ lệ 1,95%; tỷ lệ nghèo đa chiều là 3,4%.",
    )
    assert [f["indicator"] for f in facts] == ["near_poor_households", "near_poor_rate_pct", "poor_near_poor_rate_pct"]


def test_zero_in_words_and_not_twice_with_a_numeral():
    facts = facts_of("Phấn đấu đến năm 2026 huyện không còn hộ nghèo.")
    assert brief(facts) == [("poor_households", 0.0, "households", 2026, "target")]
    facts = facts_of("Năm 2025, xã đã không còn hộ nghèo (bằng 0%).")
    assert brief(facts) == [("poor_rate_pct", 0.0, "pct", 2025, "actual")]


# ---------------------------------------------------------------------------------------------
# kinds and years
# ---------------------------------------------------------------------------------------------
def test_targets_actuals_and_estimates_on_a_written_article():
    facts = extract_file(TEXTS / "t01_province_results.txt").facts
    assert find(facts, "poor_rate_pct", 3.95)["kind"] == "actual"
    assert find(facts, "poor_rate_pct", 3.95)["year"] == 2024  # from the headline
    estimate = find(facts, "poor_rate_pct", 3.2)
    assert (estimate["kind"], estimate["year"], estimate["qualifier"]) == ("estimate", 2025, "khoảng")
    target = find(facts, "poor_rate_pct", 3.0)
    assert (target["kind"], target["year"], target["qualifier"]) == ("target", 2025, "dưới")
    assert find(facts, "near_poor_rate_pct", 2.63)["kind"] == "actual"
    assert find(facts, "poor_rate_reduction_pp", 4.5)["scope"] == "ethnic_minority"
    assert find(facts, "budget_billion_vnd", 0.637)["unit"] == "billion_vnd"
    assert find(facts, "houses_supported", 1024)["unit"] == "houses"
    # the caption ("Ảnh: 25 hộ ..."), counters, phone numbers and the related-news list give nothing
    values = {f["value"] for f in facts}
    assert not values & {25.0, 1532.0, 10.0, 20250115.0}


def test_a_plan_year_is_given_to_targets_and_a_period_to_since_until_now():
    facts = extract_file(TEXTS / "t02_district_plan.txt").facts
    assert {f["year"] for f in facts} == {2024, 2025}
    assert {f["kind"] for f in facts} == {"target", "baseline"}
    assert all(f["scope"] in ("district", "ethnic_minority") for f in facts)
    facts = facts_of("Đến nay đã hỗ trợ 1.500 căn nhà cho hộ nghèo; tính từ năm 2016 đến nay đã xóa 800 nhà tạm.")
    assert [(f["year"], f["year_end"]) for f in facts] == [(None, None), (2016, None)]
    dated = extract_text(
        "Tin ngày\n05/12/2025 10:00\nĐến nay đã hỗ trợ 1.500 căn nhà cho hộ nghèo; tính từ "
        "năm 2016 đến nay đã xóa 800 nhà tạm.",
        doc_id="d",
    ).facts
    assert [(f["year"], f["year_end"]) for f in dated] == [(2025, None), (2016, 2025)]


def test_a_wrong_date_of_a_known_national_decision_is_flagged():
    facts = facts_of("Thực hiện Quyết định số 90/QĐ-TTg ngày 18/3/2022 của Thủ tướng Chính phủ.")
    assert len(facts) == 1
    fact = facts[0]
    assert (fact["indicator"], fact["value"], fact["unit"], fact["flag"], fact["scope"]) == (
        "other",
        20220318.0,
        "date_yyyymmdd",
        "date_error",
        "national",
    )
    assert fact["note"].startswith("label=referenced_decision_date")
    assert facts_of("Thực hiện Quyết định số 90/QĐ-TTg ngày 18/01/2022 của Thủ tướng Chính phủ.") == []


def test_legal_numbers_periods_durations_and_ordinals_are_not_facts():
    text = (
        "Thực hiện Nghị quyết số 11-NQ/TU ngày 03/11/2021 và Kế hoạch số 245/KH-UBND ngày 03/02/2024, "
        "giai đoạn 2021 - 2025, trong 2 năm 2023 - 2024, Đại hội lần thứ XX, chiến lược 10 năm."
    )
    assert facts_of(text) == []


def test_other_numbers_are_left_out():
    text = (
        "Năm 2024, tỷ lệ lao động qua đào tạo đạt 68%; thu nhập bình quân đạt 52 triệu đồng/người/năm; "
        "GRDP đạt 45.000 tỷ đồng; toàn tỉnh có 9 huyện, 150 xã."
    )
    assert facts_of(text) == []


# ---------------------------------------------------------------------------------------------
# input forms
# ---------------------------------------------------------------------------------------------
def test_nfd_input_gives_the_same_rows_as_nfc():
    nfc_result = extract_file(TEXTS / "t01_province_results.txt")
    raw = (TEXTS / "t04_nfd_copy_of_t01.txt").read_text(encoding="utf-8")
    assert raw != unicodedata.normalize("NFC", raw)  # the file really is NFD
    nfd_result = extract_file(TEXTS / "t04_nfd_copy_of_t01.txt")
    strip = [{k: v for k, v in f.items() if k not in ("fact_id", "doc_id", "source")} for f in nfd_result.facts]
    assert strip == [{k: v for k, v in f.items() if k not in ("fact_id", "doc_id", "source")} for f in nfc_result.facts]
    assert [m["measure_code"] for m in nfd_result.measures] == [m["measure_code"] for m in nfc_result.measures]
    assert nfd_result.document["province"] == "Sóc Trăng"


def test_page_furniture_is_ignored():
    result = extract_file(TEXTS / "t06_furniture.txt")
    assert result.facts == []
    assert result.document["title"] == "Lai Châu chú trọng giảm nghèo về thông tin"
    assert result.document["doc_date"] == "2024-09-12"
    assert [m["measure_code"] for m in result.measures] == ["P6"]


def test_html_input():
    result = extract_file(TEXTS / "t03_portal.html")
    assert "var visits" not in result.text and "Lượt truy cập" not in result.text
    assert "Trao 30 căn nhà" not in result.text  # figure caption and alt text dropped
    assert brief(result.facts) == [
        ("poor_rate_reduction_pp", (3.0, 4.0), "pp", 2024, "target"),
        ("poor_rate_reduction_pp", (5.0, 6.0), "pp", 2024, "target"),
        ("houses_supported", 1500.0, "houses", 2024, "target"),
        ("budget_billion_vnd", 75.0, "billion_vnd", 2024, "target"),
        ("poor_households_reduction", 6120.0, "households", 2023, "actual"),
        ("poor_rate_pct", 32.75, "pct", 2022, "baseline"),
        ("poor_rate_pct", 27.2, "pct", 2023, "actual"),
    ]
    assert result.facts[1]["scope"] == "poor_districts"
    doc = result.document
    assert (doc["province"], doc["locality_level"], doc["kind"], doc["doc_date"], doc["issuer"]) == (
        "Hà Giang",
        "province",
        "plan",
        "2024-03-12",
        "UBND tỉnh Hà Giang",
    )
    assert {m["measure_code"] for m in result.measures} >= {"P5", "CREDIT", "LEADERSHIP", "MOBILISATION"}


def test_markdown_input_and_a_district_conclusion():
    result = extract_file(TEXTS / "t05_markdown.md")
    doc = result.document
    assert (doc["kind"], doc["locality"], doc["locality_level"], doc["doc_date"]) == (
        "conclusion",
        "Bảo Lạc",
        "district",
        "2025-02-05",
    )
    assert brief(result.facts) == [
        ("poor_rate_reduction_pp", 6.3, "pp", 2024, "actual"),
        ("poor_rate_pct", 28.4, "pct", 2024, "actual"),
        ("near_poor_households", 1947.0, "households", 2024, "actual"),
        ("poor_rate_pct", 24.0, "pct", 2025, "target"),
        ("houses_supported", 120.0, "houses", 2025, "target"),
    ]


def test_sentences_split_on_glued_captions_and_not_on_thousands():
    text = "Tỷ lệ còn 5.100 hộ. Tiếp theo TP. Hồ Chí Minh có hộ nghèoĐể đạt mục tiêu"
    pieces = [text[a:b] for a, b in sentence_spans(text)]
    assert pieces == ["Tỷ lệ còn 5.100 hộ.", "Tiếp theo TP. Hồ Chí Minh có hộ nghèo", "Để đạt mục tiêu"]
    text = "Toàn huyện còn 900 hộ nghèo. Riêng TX. Bình Minh còn 120 hộ nghèo."
    pieces = [text[a:b] for a, b in sentence_spans(text)]
    assert pieces == ["Toàn huyện còn 900 hộ nghèo.", "Riêng TX. Bình Minh còn 120 hộ nghèo."]  # thị xã


# ---------------------------------------------------------------------------------------------
# measures
# ---------------------------------------------------------------------------------------------
def test_measures_from_the_dictionary():
    result = extract_file(TEXTS / "t02_district_plan.txt")
    assert [m["measure_code"] for m in result.measures] == ["P4", "P5", "P6", "P7", "INTEGRATION"]


def test_difficulties_are_not_measures():
    text = (
        "Tuy nhiên, việc hỗ trợ sinh kế, tạo việc làm còn gặp nhiều khó khăn. Tỉnh đẩy mạnh tuyên truyền về giảm nghèo."
    )
    assert [m["measure_code"] for m in extract_text(text).measures] == ["P6"]


def test_basic_services_list_is_not_housing_support():
    text = "Đáp ứng nhu cầu về các dịch vụ xã hội cơ bản như y tế, giáo dục, nhà ở, nước sinh hoạt."
    assert extract_text(text).measures == []


def test_dictionary_can_be_extended_and_is_checked(tmp_path):
    custom = tmp_path / "terms.toml"
    custom.write_text('[codes.P3]\nterms = ["trồng cây ăn quả"]\n', encoding="utf-8")
    terms = load_terms(custom)
    assert [m["measure_code"] for m in extract_text("Hỗ trợ trồng cây ăn quả.", terms=terms).measures] == ["P3"]
    custom.write_text('[codes.P9]\nterms = ["x"]\n', encoding="utf-8")
    with pytest.raises(ExtractError, match="unknown measure code 'P9'"):
        load_terms(custom)
    custom.write_text('[codes.P1]\nterms = ["re:("]\n', encoding="utf-8")
    with pytest.raises(ExtractError, match="not a valid regular expression"):
        load_terms(custom)


# ---------------------------------------------------------------------------------------------
# rows, spans and output
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ALL_TEXTS, ids=lambda p: p.name)
def test_rows_have_the_schema_columns_and_exact_spans(path):
    result = extract_file(path)
    for row in result.facts:
        assert list(row) == schemas.FACTS.columns
        assert result.text[row["char_start"] : row["char_end"]] == row["evidence"]
        assert 0 < len(row["evidence"].split()) <= 12
        assert row["indicator"] in schemas.INDICATORS and row["kind"] in schemas.FACT_KINDS
        single = row["value"] is not None
        assert single or not (row["value_min"] is None and row["value_max"] is None)
        if row["indicator"] == "other":
            assert row["note"].startswith("label=")
    for row in result.measures:
        assert list(row) == schemas.MEASURES.columns
        assert result.text[row["char_start"] : row["char_end"]] == row["evidence"]
        assert len(row["evidence"].split()) <= 12
    assert list(result.document) == schemas.DOCUMENTS.columns
    assert result.document["doc_id"] == path.stem and result.document["source"] == path.name


def test_output_validates_against_the_raw_schemas(tmp_path):
    for path in ALL_TEXTS:
        result = extract_file(path)
        facts = tmp_path / f"{path.stem}.facts.csv"
        facts.write_text(to_csv(result.facts, schemas.FACTS.columns), encoding="utf-8")
        schemas.validate(schemas.read_csv_text(facts), schemas.FACTS, facts)
        measures = tmp_path / f"{path.stem}.measures.csv"
        measures.write_text(to_csv(result.measures, schemas.MEASURES.columns), encoding="utf-8")
        schemas.validate(schemas.read_csv_text(measures), schemas.MEASURES, measures)


def _parser():
    parser = argparse.ArgumentParser(prog="study")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def test_cli_writes_files_atomically(tmp_path):
    args = _parser().parse_args(
        [
            "extract",
            str(TEXTS / "t02_district_plan.txt"),
            str(TEXTS / "t03_portal.html"),
            "--out",
            str(tmp_path),
            "--format",
            "json",
        ]
    )
    assert args.func(args) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"{stem}.{kind}"
        for stem in ("t02_district_plan", "t03_portal")
        for kind in ("facts.csv", "measures.csv", "documents.csv", "json")
    )
    with (tmp_path / "t02_district_plan.facts.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == schemas.FACTS.columns
    assert rows[0]["value_min"] == "1.5" and rows[0]["fact_id"] == "t02_district_plan-f01"
    payload = json.loads((tmp_path / "t03_portal.json").read_text(encoding="utf-8"))
    assert set(payload) == {"document", "facts", "measures"}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_prints_to_stdout(capsys):
    args = _parser().parse_args(["extract", str(TEXTS / "t02_district_plan.txt")])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    facts_part, measures_part = out.split("\n\n")
    assert facts_part.splitlines()[0] == ",".join(schemas.FACTS.columns)
    assert measures_part.splitlines()[0] == ",".join(schemas.MEASURES.columns)
    args = _parser().parse_args(["extract", str(TEXTS / "t02_district_plan.txt"), "--format", "json"])
    assert args.func(args) == 0
    assert json.loads(capsys.readouterr().out)["document"]["kind"] == "plan"


def test_cli_reports_unreadable_files(tmp_path, capsys):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    latin = tmp_path / "old.txt"
    latin.write_bytes("Tỷ lệ hộ nghèo".encode("utf-16"))
    args = _parser().parse_args(
        [
            "extract",
            str(tmp_path / "missing.txt"),
            str(binary),
            str(latin),
            str(tmp_path),
            str(TEXTS / "t02_district_plan.txt"),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert "missing.txt: no such file" in err
    assert "binary file" in err
    assert "not UTF-8" in err or "binary file" in err
    assert "is a folder" in err
    assert (tmp_path / "out" / "t02_district_plan.facts.csv").exists()  # the readable file is still done


# ---------------------------------------------------------------------------------------------
# held-out texts (tests/heldout): written for the tests, gold coded before the extractor was run
# ---------------------------------------------------------------------------------------------
HELDOUT = Path(__file__).resolve().parent / "heldout"


def _eval_module():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "extract_eval.py"
    spec = importlib.util.spec_from_file_location("extract_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The held-out gold follows coding guide 2.9: its start-of-year stocks (h03, fresh_1) were recoded to the
# review of the year before, like the coded documents (benchmarks/gold_year_recode.csv).
@pytest.mark.parametrize("stem, fact_floor, measure_floor", [("gold", 0.95, 0.90), ("fresh", 0.90, 0.85)])
def test_heldout_scores_do_not_regress(stem, fact_floor, measure_floor):
    ev = _eval_module()
    result = ev.evaluate(
        HELDOUT, gold_facts_path=HELDOUT / f"{stem}_facts.csv", gold_measures_path=HELDOUT / f"{stem}_measures.csv"
    )
    assert len(result["documents"]) == (6 if stem == "gold" else 2)
    assert result["overall"]["facts"][2] >= fact_floor, result["errors"]
    assert result["overall"]["measures"][2] >= measure_floor, result["errors"]


def test_heldout_gold_spans_match_the_texts():
    for name in ("gold_facts.csv", "gold_measures.csv", "fresh_facts.csv", "fresh_measures.csv"):
        with (HELDOUT / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = unicodedata.normalize("NFC", (HELDOUT / row["source"]).read_text(encoding="utf-8"))
                assert text[int(row["char_start"]) : int(row["char_end"])] == row["evidence"]
                assert len(row["evidence"].split()) <= 12


def _heldout(name):
    return extract_file(next(HELDOUT.glob(f"{name}_*.txt")))


def _rows(result, indicator):
    return [f for f in result.facts if f["indicator"] == indicator]


def test_results_without_a_year_take_the_paragraph_or_article_year():
    h04 = _heldout("h04")  # article of January 2025 about 2024
    fall = [f for f in _rows(h04, "poor_rate_reduction_pp") if f["value"] == 4.8]
    assert fall and fall[0]["year"] == 2024  # "so với cuối năm 2023" is the comparison, the paragraph says 2024
    h06 = _heldout("h06")
    assert {f["year"] for f in _rows(h06, "budget_billion_vnd")} == {2024}


def test_targets_take_the_year_named_before_them_in_their_paragraph():
    h05 = _heldout("h05")  # a directive "đến năm 2030"; "mỗi năm … khoảng 12.000 lao động" names no year
    workers = [f for f in _rows(h05, "workers_supported") if f["value"] == 12000]
    # issue 16: a figure with no year in its clause takes the nearest year before it in its paragraph
    # (the held-out gold codes 2030 too); a period named in passing is not a due date
    assert workers and workers[0]["kind"] == "target" and workers[0]["year"] == 2030
    per_year = [f for f in _rows(h05, "poor_rate_reduction_pp") if f["value_min"] == 1]
    assert per_year and per_year[0]["year"] == 2030  # "đến năm 2030" later in the same sentence


def test_from_to_pairs_with_start_and_end_of_year():
    # coding guide 2.9.1: a level "đầu năm 2022" is the review of 2021; the average runs from it (2.9.3)
    h03 = _heldout("h03")
    rates = {(f["value"], f["year"], f["kind"]) for f in _rows(h03, "poor_rate_pct")}
    assert {(5.62, 2021, "baseline"), (2.18, 2024, "actual")} <= rates
    counts = {(f["value"], f["year"]) for f in _rows(h03, "poor_households")}
    assert {(17330, 2021), (6870, 2024)} <= counts
    avg = [f for f in _rows(h03, "poor_rate_reduction_pp") if f["value"] == 1.15]
    assert avg and (avg[0]["unit"], avg[0]["year"], avg[0]["year_end"]) == ("pp_per_year", 2021, 2024)


def test_counts_of_units_fractions_and_flows():
    h03 = _heldout("h03")
    # "3 xã không còn hộ nghèo" is a count of communes, not zero poor households
    assert not [f for f in _rows(h03, "poor_households") if f["value"] == 0]
    assert [f for f in h03.facts if f["unit"] == "communes" and f["value"] == 15]  # "15/19 xã"
    h04 = _heldout("h04")
    labels = {f["note"].split(";")[0] for f in h04.facts if f["indicator"] == "other"}
    assert {"label=households_exited_poverty", "label=new_poor_households"} <= labels
    assert [f for f in _rows(h04, "poor_households") if f["value"] == 1980]  # "số hộ nghèo … là 1.980 hộ"
    assert [f for f in _rows(h04, "workers_supported") if f["value"] == 640 and f["unit"] == "people"]
    assert not [f for f in h04.facts if f["value"] == 80]  # "80% dân số"
    h06 = _heldout("h06")
    assert not _rows(h06, "poor_households") or all(f["value"] == 0 for f in _rows(h06, "poor_households"))
    assert [f for f in h06.facts if f["value"] == 5320 and f["indicator"] == "other"]  # beneficiaries


def test_heldout_furniture_dates_and_general_rates_are_not_facts():
    for path in sorted(HELDOUT.glob("h0*.txt")):
        result = extract_file(path)
        values = {f["value"] for f in result.facts}
        evidence = " ".join(f["evidence"] for f in result.facts)
        assert "Lượt" not in evidence and "Tin liên quan" not in evidence
        # 98.5 (h06, "Tỷ lệ hộ dân sử dụng nước sạch đạt 98,5%") is an access share since the ninth pass
        assert not values & {1234, 2315.0 if path.name.startswith("h03") else -1, 45678, 92, 68, 62, 24.5}
        assert not [f for f in result.facts if f["indicator"] == "other" and f["unit"] == "date_yyyymmdd"]


def test_heldout_measures_skip_statistics_and_meeting_organisers():
    h01 = {m["measure_code"] for m in _heldout("h01").measures}
    assert "SOCIAL_ASSIST" not in h01  # "tỷ lệ bao phủ bảo hiểm y tế đạt 92%"
    assert "LEADERSHIP" not in h01  # "Ban Chỉ đạo … tổ chức hội nghị"
    assert "P3" not in {m["measure_code"] for m in _heldout("h04").measures}  # "suy dinh dưỡng … còn 24,5%"
    assert "EMULATION" in {m["measure_code"] for m in _heldout("h06").measures}
