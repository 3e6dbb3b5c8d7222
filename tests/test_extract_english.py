"""Facts from English texts (:mod:`study.extract.english`), on sentences written for these tests."""

from __future__ import annotations

from study.extract import extract_text
from study.extract.english import is_english

TEXT = (
    "Province X cuts poverty\n"
    "date 2023-03-01 The provincial People's Committee reported the results of the poverty review.\n"
    "In 2022, the province had 12,345 poor households, accounting for 3.4 per cent of all households, "
    "and 6,789 near-poor households.\n"
    "The household poverty rate will decrease by 1.5 per cent per year in the 2021-2025 period.\n"
    "Last year, the social policy bank provided loans worth over VND25.5 billion to poor households, "
    "and local people helped build 120 houses for the poor.\n"
    "The rate is expected to fall from 3.4% to 2.1% by the end of 2023.\n"
)


def rows():
    return extract_text(TEXT, doc_id="en").facts


def one(facts, value):
    hits = [f for f in facts if f["value"] is not None and abs(f["value"] - value) < 1e-9]
    assert hits, [(f["indicator"], f["value"], f["year"]) for f in facts]
    return hits[0]


def test_english_is_recognised_and_vietnamese_is_not():
    assert is_english(TEXT)
    assert not is_english("Năm 2023, tỷ lệ hộ nghèo của tỉnh giảm còn 2,5%, hộ cận nghèo còn 4,1%. " * 5)


def test_counts_and_rates():
    facts = rows()
    assert (one(facts, 12345)["indicator"], one(facts, 12345)["year"]) == ("poor_households", 2022)
    assert one(facts, 3.4)["indicator"] == "poor_rate_pct"
    assert one(facts, 6789)["indicator"] == "near_poor_households"


def test_reductions_per_year_take_the_period_and_the_kind():
    fall = one(rows(), 1.5)
    assert (fall["indicator"], fall["unit"], fall["year"], fall["year_end"], fall["kind"]) == (
        "poor_rate_reduction_pp",
        "pp_per_year",
        2021,
        2025,
        "target",
    )


def test_money_houses_and_last_year():
    facts = rows()
    money = one(facts, 25.5)
    assert (money["indicator"], money["unit"], money["year"], money["qualifier"]) == (
        "budget_billion_vnd",
        "billion_vnd",
        2022,
        "trên",
    )
    assert one(facts, 120)["indicator"] == "houses_supported"


def test_from_to_gives_a_baseline():
    facts = [f for f in rows() if f["value"] == 2.1]
    assert facts and facts[0]["indicator"] == "poor_rate_pct" and facts[0]["year"] == 2023
    baseline = [f for f in rows() if f["value"] == 3.4 and f["kind"] == "baseline"]
    assert baseline and baseline[0]["year"] == 2022


def test_evidence_spans_are_exact():
    result = extract_text(TEXT, doc_id="en")
    for f in result.facts:
        assert result.text[f["char_start"] : f["char_end"]] == f["evidence"]
        assert len(f["evidence"].split()) <= 12


def test_this_year_of_an_undated_text_is_the_year_its_lead_reports_on():
    text = (
        "Menu\nLog in\n"
        "Province Y reviews poverty reduction work in the 2026-2030 period\n"
        "The provincial conference reviewed the results of the programme for poor households, and the "
        "People's Committee said that the province has carried out all of the policies for the poor.\n"
        "The rate of poor households is expected to reach 1.9 per cent by the end of this year.\n"
        "The rate fell by an average of 1.2 per cent over the past five years.\n"
    )
    facts = extract_text(text, doc_id="en").facts
    assert one(facts, 1.9)["year"] == 2030
    row = one(facts, 1.2)
    assert (row["year"], row["year_end"]) == (2026, 2030)
