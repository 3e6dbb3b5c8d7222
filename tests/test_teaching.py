"""Tests of study.analysis.teaching and of the teaching notebooks in Vietnamese.

Points and percent, implied totals, weighted rates, the 2025 merger; the words of the notebooks (the
``[teaching]`` section of the catalogues); and each teaching notebook executed with ``lang="vi"``: it must
run, and its headings and texts must all be Vietnamese (the stored ``.ipynb`` files are in English and
checked by nbval).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from study.analysis import standard, teaching
from study.analysis.standard import tables as standard_tables
from study.execute import twins
from study.present import teaching as show
from study.present.i18n import catalogue
from study.registry import provinces

RAW_PROGRAMME = Path(__file__).resolve().parents[1] / "data" / "raw" / "programme"


def test_points_and_percent():
    assert teaching.pp_change(4.0, 3.0) == pytest.approx(-1.0)
    assert teaching.percent_change(4.0, 3.0) == pytest.approx(-25.0)
    assert teaching.percent_change(2.0, 3.0) == pytest.approx(50.0)
    with pytest.raises(ValueError, match="undefined"):
        teaching.percent_change(0, 1)
    with pytest.raises(ValueError, match="missing"):
        teaching.pp_change(None, 1)


def test_rate_and_implied_total():
    assert teaching.rate_pct(25, 1000) == pytest.approx(2.5)
    assert teaching.implied_total(25, 2.5) == pytest.approx(1000)
    with pytest.raises(ValueError):
        teaching.rate_pct(1, 0)
    with pytest.raises(ValueError):
        teaching.implied_total(1, 0)


def test_describe_change():
    assert show.describe_change(4.0, 3.0) == (
        "the rate went from 4.00% to 3.00%: down 1.00 percentage points, a relative fall of 25.0%"
    )
    assert "up 0.50 percentage points" in show.describe_change(1.0, 1.5)
    assert show.describe_change(2.0, 2.0).endswith("no change")
    assert "relative" not in show.describe_change(0.0, 1.0)


def _three_provinces():
    # an invented region: a small poor province and a large less poor one
    return pd.DataFrame(
        {
            "province": ["A", "B", "C"],
            "poor_households": [300, 1000, None],
            "poor_rate_pct": [30.0, 1.0, 5.0],
            "total_households": [1000, None, None],
        }
    )


def test_with_totals_marks_where_the_total_comes_from():
    table = teaching.with_totals(_three_provinces())
    assert list(table["households_from"]) == ["given", "implied", "missing"]
    assert table["households"].iloc[1] == pytest.approx(100_000)


def test_mean_vs_weighted():
    result = teaching.mean_vs_weighted(_three_provinces())
    assert result["rows"] == 2 and result["rows_left_out"] == 1
    assert result["plain_mean_pct"] == pytest.approx(15.5)
    assert result["weighted_pct"] == pytest.approx(1300 / 101_000 * 100)
    assert result["difference_pp"] == pytest.approx(15.5 - 1300 / 101_000 * 100)
    empty = teaching.mean_vs_weighted(_three_provinces().iloc[2:])
    assert empty["rows"] == 0 and math.isnan(empty["weighted_pct"])


def test_merger_members_and_summary():
    members = teaching.merger_members("tuyen quang")
    assert set(members["name_63"]) == {"Tuyên Quang", "Hà Giang"}
    assert set(members["code_34"]) == {provinces.resolve("Tuyên Quang", "34").code}
    summary = teaching.merger_summary()
    assert len(summary) == 34 and summary["units_63"].sum() == 63
    assert summary["units_63"].is_monotonic_decreasing


def test_reused_codes():
    reused = teaching.reused_codes()
    row = reused[reused["code"] == "80"].iloc[0]
    assert row["among_the_63"] == "Long An" and row["among_the_34"] == "Tây Ninh"


def test_review_vs_survey():
    review = pd.DataFrame(
        {
            "province_code": ["01", "02", "04"],
            "province": ["X", "Y", "Z"],
            "year": [2023, 2023, 2022],
            "poor_rate_pct": [1.0, 30.0, 5.0],
        }
    )
    survey = pd.DataFrame(
        {
            "province_code": ["01", "02", "04", None],
            "year": [2023, 2023, 2023, 2023],
            "level": ["province", "province", "province", "national"],
            "series": ["gso_multidimensional_survey"] * 4,
            "poor_rate_pct": [1.5, 25.0, 4.0, 3.0],
        }
    )
    out = teaching.review_vs_survey(review, survey, 2023)
    assert list(out["province_code"]) == ["01", "02"]
    assert list(out["difference_pp"]) == [0.5, -5.0]


# ---------------------------------------------------------------------------------------------
# words of the notebooks
# ---------------------------------------------------------------------------------------------
def test_describe_change_in_vietnamese():
    assert show.describe_change(4.0, 3.0, lang="vi") == (
        "tỷ lệ giảm từ 4,00% xuống 3,00%: giảm 1,00 điểm phần trăm, tức giảm 25,0% so với mức ban đầu"
    )
    assert show.describe_change(1.0, 1.5, "tỷ lệ hộ nghèo", "vi").startswith("tỷ lệ hộ nghèo tăng từ 1,00%")
    assert show.describe_change(2.0, 2.0, lang="vi").endswith("không thay đổi")
    with pytest.raises(ValueError, match="'vi' or 'en'"):
        show.describe_change(1, 2, lang="fr")


def test_labelled_translates_headers_and_values():
    frame = pd.DataFrame(
        {
            "area": ["rural", "urban"],
            "category": ["poor", "undetermined"],
            "poor_households": [1, None],
            "other": ["x", "y"],
        }
    )
    vi = show.labelled(frame, "vi", missing="–")
    assert list(vi.columns) == ["khu vực", "phân loại", "số hộ nghèo", "other"]
    assert list(vi["khu vực"]) == ["nông thôn", "thành thị"]
    assert list(vi["phân loại"]) == ["hộ nghèo", "chưa xác định (quy định chưa có nguồn)"]
    assert vi["số hộ nghèo"].iloc[1] == "–"
    en = show.labelled(frame, "en")
    assert list(en.columns)[:2] == ["area", "category"] and en["category"].iloc[0] == "poor"
    assert show.value_label("middle_income", "vi") == "hộ có mức sống trung bình"
    assert show.value_label("no such value", "vi") == "no such value"


def test_money_and_bullets():
    assert show.money(1_500_000, "vi") == "1.500.000 đồng"
    assert show.money(1_500_000, "en") == "1,500,000 VND"
    assert show.bullets(["a", "b"]) == "- a\n- b"


@pytest.fixture
def raw_standards(monkeypatch):
    """Read the standards from data/raw/programme instead of the processed data."""
    monkeypatch.setattr(standard_tables, "programme_dir", lambda: RAW_PROGRAMME)


def test_standards_overview_and_lines(raw_standards):
    codes = ["qd59_2015", "nd07_2021", "national_2026_2030"]
    overview = show.standards_overview(codes, "vi")
    assert list(overview["mã"]) == codes
    assert overview.loc[2, "chưa tìm thấy trong nguồn"] == "quy định về hộ cận nghèo"
    assert overview.loc[1, "chuẩn nông thôn (đồng/người/tháng)"] == "1.500.000 đồng"
    lines = show.lines_display(codes, "en")
    assert lines.loc[("poverty line", "rural"), "NĐ 351/2025/NĐ-CP (2027-2030)"] == "2,200,000 VND"
    assert lines.loc[("near-poor line", "urban"), "NĐ 07/2021/NĐ-CP (2022-2025)"] == "–"
    shown = show.thresholds_display(standard.load_standard("hcmc_2021_2025"), "vi")
    assert "36.000.000 đồng/năm" in set(shown["mức"])


def test_provincial_lines_use_the_national_standard_of_the_period(raw_standards):
    table = show.provincial_lines("en")
    binhduong = table[table["standard"] == "binhduong_2021"]
    assert set(binhduong["national standard of the same period"]) == {"QĐ 59/2015/QĐ-TTg (2016-2020)"}
    dongnai = table[(table["standard"] == "dongnai_2022_2025") & (table["area"] == "rural")].iloc[0]
    assert dongnai["ratio"] == "1.33" and dongnai["national line of the same period, per month"] == "1,500,000 VND"


def _sources():
    base = {
        "province": "X",
        "regime": "63",
        "source_type": "newspaper",
        "near_poor_households": None,
        "near_poor_rate_pct": None,
    }
    rows = [
        dict(
            base,
            province_code="01",
            year=2023,
            standard="provincial",
            reference_point="interim",
            poor_households=246,
            poor_rate_pct=0.064,
        ),
        dict(
            base,
            province_code="01",
            year=2023,
            standard="nd07_2021",
            reference_point="end_of_year",
            poor_households=0,
            poor_rate_pct=None,
        ),
        dict(
            base,
            province_code="01",
            year=2022,
            standard="nd07_2021",
            reference_point="end_of_year",
            poor_households=258,
            poor_rate_pct=0.067,
        ),
        dict(
            base,
            province_code="02",
            province="Y",
            year=2021,
            standard="provincial",
            reference_point="end_of_year",
            poor_households=7057,
            poor_rate_pct=None,
        ),
        dict(
            base,
            province_code="02",
            province="Y",
            year=2021,
            standard="qd59_2015",
            reference_point="end_of_year",
            poor_households=9000,
            poor_rate_pct=None,
        ),
    ]
    return pd.DataFrame(rows)


def test_provincial_review_puts_the_national_figures_beside():
    table = teaching.provincial_review(_sources())
    assert list(zip(table["province"], table["year"], table["standard_kind"], strict=True)) == [
        ("X", 2023, "provincial"),
        ("X", 2023, "national"),
        ("Y", 2021, "provincial"),
    ]
    sentences = show.provincial_sentences(table, "vi")
    assert sentences[0] == (
        "**X, năm 2023**: theo chuẩn của địa phương 246 hộ nghèo, chiếm 0,064% (số liệu giữa kỳ); "
        "theo chuẩn quốc gia 0 hộ nghèo (rà soát cuối năm)."
    )
    assert "no national-standard figure" in show.provincial_sentences(table, "en")[1]


# ---------------------------------------------------------------------------------------------
# the teaching notebooks in Vietnamese
# ---------------------------------------------------------------------------------------------
TEACHING = [t for t in twins.TWINS if t.source.parent.name == "teaching"]
ENGLISH = re.compile(
    r"\b(the|and|of|with|which|what|households?|standard|rate|under|not|is|are|per|line)\b", re.IGNORECASE
)
CODE = re.compile(r"```.*?```|`[^`]*`", re.DOTALL)


def _run(twin, lang: str) -> nbformat.NotebookNode:
    """Execute the notebook that ``twin`` makes with ``lang`` injected after its parameters cell."""
    from nbclient import NotebookClient

    nb = twins.derive(twin)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(
        index + 1, nbformat.v4.new_code_cell(f"lang = {lang!r}", metadata={"tags": ["injected-parameters"]})
    )
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    NotebookClient(
        nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(twin.target.parent)}}
    ).execute()
    return nb


def _outputs(nb, mime: str) -> list[str]:
    return [
        o["data"][mime]
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") in ("display_data", "execute_result") and mime in o.get("data", {})
    ]


@pytest.fixture(scope="module", params=TEACHING, ids=lambda t: t.target.stem)
def vietnamese(request):
    return request.param, _run(request.param, "vi")


def _static(template: str) -> list[str]:
    """The parts of a catalogue template between its placeholders, long enough to be telling."""
    return [part.strip(" .:;,*#\n") for part in re.split(r"\{\w+\}", template) if len(part.strip(" .:;,*#\n")) >= 12]


@pytest.mark.slow
def test_teaching_notebook_runs_in_vietnamese_without_english_headings(vietnamese):
    twin, nb = vietnamese
    markdown = _outputs(nb, "text/markdown")
    assert markdown, f"{twin.target.name}: no text shown"
    headings = [line for text in markdown for line in text.splitlines() if line.startswith("#")]
    assert headings, f"{twin.target.name}: no heading shown"
    en, vi = catalogue("en")["teaching"], catalogue("vi")["teaching"]
    english_headings = {
        part
        for key, template in en.items()
        if key.startswith(("h_", "q"))
        for part in _static(template)
        if part not in vi[key]
    }
    for heading in headings:
        assert not ENGLISH.search(CODE.sub("", heading)), f"{twin.target.name}: English heading {heading!r}"
        assert not any(part in heading for part in english_headings), heading
    # no English sentence of the catalogue anywhere in the texts, and no English words outside code
    english_parts = {part for key, template in en.items() for part in _static(template) if part not in vi[key]}
    for text in markdown:
        plain = CODE.sub("", text)
        assert not [p for p in english_parts if p in plain], f"{twin.target.name}: {plain[:200]!r}"
        assert not ENGLISH.search(plain), f"{twin.target.name}: English words in {plain[:300]!r}"
    if twin.variant == "exercise":  # the questions stay, the answers are hidden
        assert sum(line.startswith("## Câu") for line in headings) == 8
        assert sum(c.source == twins.ANSWER_PLACEHOLDER for c in nb.cells) == 8
    # table headers in Vietnamese: none is an English header of the catalogue
    english_columns = {v for k, v in en.items() if k.startswith("col_") and v != vi[k]}
    for html in _outputs(nb, "text/html"):
        headers = set(re.findall(r"<th[^>]*>([^<]+)</th>", html))
        assert not headers & english_columns, f"{twin.target.name}: {headers & english_columns}"
