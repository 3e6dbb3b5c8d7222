"""The real raw data: every row has a source, and the facts the study rests on are there."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from study import load
from study.analysis import coverage, policy, targets
from tests.conftest import RAW

SOURCE_COLUMNS = ("source", "source_url", "legal_basis")


def _raw_csvs():
    # the search log records searches, not figures: it has no source column by design
    return sorted(p for p in RAW.rglob("*.csv") if p.name != "search_log.csv")


@pytest.mark.parametrize("path", _raw_csvs(), ids=lambda p: str(p.relative_to(RAW)))
def test_every_raw_row_has_a_source(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = [c for c in reader.fieldnames if c in SOURCE_COLUMNS]
        assert columns, f"{path} has no source column"
        for line, row in enumerate(reader, start=2):
            assert any((row[c] or "").strip() for c in columns), f"{path}, line {line}: no source"


@pytest.fixture
def data(real_processed):
    return real_processed


def _panel(code, year, column):
    panel = load.poverty_panel()
    row = panel[(panel["province_code"] == code) & (panel["year"] == year)]
    return None if row.empty else row.iloc[0][column]


def _fact(**match):
    facts = load.facts()
    for key, value in match.items():
        facts = facts[facts[key] == value]
    return facts


def test_lang_son_document_figures(data):
    assert len(_fact(doc_id="seed000", indicator="poor_rate_pct", value=8.92, year=2022, kind="baseline")) == 1
    assert len(_fact(doc_id="seed000", indicator="poor_rate_pct", value=6.02, year=2023, kind="actual")) == 1
    assert len(_fact(doc_id="seed000", indicator="poor_rate_pct", value=3.48, year=2024, kind="estimate")) == 1


def test_bac_ninh_2024(data):
    assert _panel("27", 2024, "poor_households") == 0
    assert len(_fact(doc_id="seed003", indicator="poor_rate_pct", value=0.0, year=2024, kind="actual")) == 1
    assert len(_fact(doc_id="seed003", indicator="near_poor_rate_pct", value=0.82, year=2024)) == 1


def test_thua_thien_hue_targets(data):
    assert len(_fact(doc_id="seed001", indicator="poor_rate_pct", value=2.2, year=2024, kind="target")) == 1
    assert len(_fact(doc_id="seed001", indicator="poor_rate_pct", value=1.84, year=2025, kind="target")) == 1


def test_tay_giang_and_long_an(data):
    tg = _fact(doc_id="seed002", indicator="poor_households_reduction", kind="target")
    assert (tg["value_min"] == 270).any() and (tg["value_max"] == 330).any()
    assert len(_fact(doc_id="seed002", indicator="houses_supported", value=451)) == 1
    la = _fact(doc_id="seed004", indicator="poor_households_reduction", value=10, unit="pct_per_year")
    assert len(la) >= 1


def test_flagged_statements_are_kept(data):
    flagged = load.facts()
    flagged = flagged[flagged["flag"] == "date_error"]
    assert "seed002" in set(flagged["doc_id"])
    assert (flagged["note"].str.len() > 0).all(), "a flagged fact says why in its note"


def test_every_seed_document_is_coded(data):
    docs = load.documents()
    assert {f"seed00{i}" for i in range(5)} <= set(docs["doc_id"])
    facts, measures = load.facts(), load.measures()
    for doc in (f"seed00{i}" for i in range(5)):
        assert (facts["doc_id"] == doc).any() and (measures["doc_id"] == doc).any()


def test_series_are_kept_apart(data):
    review = load.poverty_review(standard=None)
    assert set(review["standard"]) >= {"nd07_2021", "qd59_2015"}
    assert set(load.poverty_review()["standard"]) == {"nd07_2021"}
    assert set(load.poverty_panel(regime="34")["regime"]) == {"34"}
    assert "63" not in set(load.poverty_panel(regime="34")["regime"])
    gso = load.gso_survey()
    provinces_2023 = gso[(gso["level"] == "province") & (gso["year"] == 2023)]
    assert provinces_2023["province_code"].nunique() == 63


def test_conflicts_are_visible(data):
    review = load.poverty_review()
    assert review["conflict"].any()
    assert (review.loc[review["conflict"], "n_alternatives"] >= 1).all()
    assert (review["n_sources"] >= 1).all()


def test_coverage_matrix(data):
    frame = coverage.matrix(load.poverty_review(), load.facts())
    assert frame.shape == (63, 5)
    assert frame.loc["Lạng Sơn", 2022] == "D" and frame.loc["Lạng Sơn", 2024] == "R"
    assert frame.loc["Thừa Thiên Huế"].tolist()[:4] == ["R", "R", "R", "R"]
    counts = coverage.summary(frame)
    assert int(counts[2023].sum()) == 63


def test_policy_matrix(data):
    m = policy.matrix(load.measures(), load.documents())
    assert m.shape == (len(load.documents()), 13)
    assert set(policy.shared(m)) <= set(m.columns)
    coverage_ = policy.project_coverage(m)
    assert (coverage_["projects"] <= 7).all()


def test_targets_table_statuses(data):
    table = targets.tracked()
    assert set(table["status"]) <= {"achieved", "met_early", "on_track", "off_track", "not_achieved", "unknown"}
    tth = table.set_index("target_id")
    assert tth.loc["seed001-f01", "status"] == "achieved"
    assert tth.loc["seed001-f02", "status"] in {"met_early", "achieved"}
    assert tth.loc["qd90_national_rate", "status"] in {"on_track", "achieved", "off_track", "not_achieved"}
    assert table["reason_code"].str.len().gt(0).all()
    assert isinstance(table, pd.DataFrame)


def test_doubtful_rows_are_never_listed_as_sources(data):
    """A betting or shop site stays in poverty_review_sources with its reason, but is credited nowhere."""
    import json

    rows = pd.read_csv(data / "poverty_review_sources.csv")
    doubtful = set(rows.loc[rows["doubtful"].fillna("").str.strip() != "", "source_url"])
    assert doubtful, "the raw data hold doubtful rows (betting and shop sites)"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    listed = {s["path"] for r in package["resources"] if r["name"].startswith("poverty_") for s in r.get("sources", [])}
    kept = set(rows.loc[rows["doubtful"].fillna("").str.strip() == "", "source_url"])
    assert not (doubtful - kept) & listed


def test_no_source_from_a_site_unrelated_to_the_subject():
    """Football, betting and shop sites are never a source of programme data (second reading item 9)."""
    unrelated = ("tothethao.com", "rgbet", "blcmhcmc")
    for path in sorted((RAW / "programme").glob("*.csv")) + [RAW / "statistics" / "aggregates.csv"]:
        text = path.read_text(encoding="utf-8")
        assert not any(site in text for site in unrelated), path


SCOPE_FORMS = (
    r"province|district|ethnic_minority|poor_districts|national|(?:district|commune):.+|province34:(?P<new>.+)"
    r"|province63:(?P<old>.+)"
)


def test_every_fact_scope_is_a_coded_form_and_merged_names_are_units_of_the_34():
    """``docs/coding_guide.md`` 2.5: the scope forms; ``province34:<name>`` names a unit of the 34 and
    ``province63:<name>`` one of the 63."""
    import re

    from study.registry import provinces

    names_34 = {u.name_vi for u in provinces.units("34")}
    names_63 = {u.name_vi for u in provinces.units("63")}
    bad = []
    for path in sorted((RAW / "documents").glob("facts*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                match = re.fullmatch(SCOPE_FORMS, row["scope"])
                if (
                    not match
                    or (match.group("new") and match.group("new") not in names_34)
                    or (match.group("old") and match.group("old") not in names_63)
                ):
                    bad.append(f"{path.name}, line {line}: scope {row['scope']!r}")
    assert not bad, "\n".join(bad)


def test_mid_year_repeats_and_misdated_reposts_are_not_new_years(data):
    # Sơn La: "by June 2025 … 10.89%" repeats the end-2024 review (the end-2025 projection of
    # 7.89% is marked doubtful), so 2025 has no value
    panel = load.poverty_panel()
    son_la = panel[(panel["province"] == "Sơn La") & (panel["regime"] == "63")].set_index("year")
    assert son_la.loc[2024, "poor_rate_pct"] == pytest.approx(10.89)
    assert 2025 not in son_la.index
    # Quảng Ninh: the 1.48% near-poor stock of a repost dated 2022 is the early-2021 stock
    quang_ninh = panel[(panel["province"] == "Quảng Ninh") & (panel["regime"] == "63")].set_index("year")
    near = quang_ninh.loc[2022, "near_poor_rate_pct"]
    assert pd.isna(near) or near != pytest.approx(1.48)
    # Lâm Đồng: 1.09% "currently" (derzeit) in a German machine translation of an October 2024 item
    # names no review; it may be the end-2023 result, so it is not a 2024 value
    lam_dong = panel[(panel["province"] == "Lâm Đồng") & (panel["regime"] == "63")].set_index("year")
    assert not (lam_dong["poor_rate_pct"] == pytest.approx(1.09)).any()
