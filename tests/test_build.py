"""The data build: determinism, atomic writes and clear errors on bad raw input."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from study import build, cli

REVIEW = Path("statistics/poverty_review/fixture.csv")


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _edit(raw: Path, relpath: Path, line: int, column: str, value: str) -> None:
    """Set one cell of a raw CSV (line numbers as in an editor; line 1 is the header)."""
    path = raw / relpath
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_build_twice_gives_identical_files(raw_copy, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    build.run(raw_copy, first)
    build.run(raw_copy, second)
    assert _hashes(first) == _hashes(second)
    build.run(raw_copy, first)  # rebuilding in place changes nothing either
    assert _hashes(first) == _hashes(second)


def test_outputs_and_datapackage(built):
    names = {p.name for p in built.iterdir()}
    for table in (
        "provinces_63",
        "provinces_34",
        "crosswalk_2025",
        "poverty_review",
        "poverty_panel",
        "poverty_review_sources",
    ):
        assert f"{table}.parquet" in names and f"{table}.csv" in names
    package = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    review = resources["poverty_review.parquet"]
    fields = {f["name"]: f for f in review["schema"]["fields"]}
    assert fields["value"]["type"] == "number"
    assert fields["n_alternatives"]["type"] == "integer"
    assert review["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("langson.gov.vn" in s["path"] for s in review["sources"])
    digest = hashlib.sha256((built / "poverty_review.parquet").read_bytes()).hexdigest()
    assert review["hash"] == f"sha256:{digest}"
    assert not [n for n in names if n.startswith(".build-")]


def test_lang_son_figures_and_their_sources(built):
    panel = pd.read_parquet(built / "poverty_panel.parquet")
    lang_son = panel[panel["province_code"] == "20"].set_index("year")
    assert lang_son.loc[2024, "poor_rate_pct"] == pytest.approx(3.36)
    assert lang_son.loc[2025, "poor_households"] == 4643
    review = pd.read_parquet(built / "poverty_review.parquet")
    assert review["source_url"].notna().all()


def test_conflicting_sources_stay_visible(built):
    review = pd.read_parquet(built / "poverty_review.parquet")
    near = review[(review["province_code"] == "44") & (review["indicator"] == "near_poor_households")]
    assert len(near) == 1
    row = near.iloc[0]
    assert row["n_sources"] == 2 and row["n_alternatives"] == 1 and bool(row["conflict"])
    sources = pd.read_parquet(built / "poverty_review_sources.parquet")
    assert set(sources.loc[sources["province_code"] == "44", "near_poor_households"]) == {12248, 12250}


def test_choice_rule_prefers_better_source_type(raw_copy, tmp_path):
    # make the second Quảng Bình row (12,250 near-poor) an official decision: it must win
    _edit(raw_copy, REVIEW, 7, "source_type", "official_decision")
    out = tmp_path / "out"
    build.run(raw_copy, out)
    review = pd.read_parquet(out / "poverty_review.parquet")
    near = review[(review["province_code"] == "44") & (review["indicator"] == "near_poor_households")]
    assert near.iloc[0]["value"] == 12250
    assert near.iloc[0]["source_type"] == "official_decision"


BAD_INPUTS = [
    # (column, value, expected fragment of the message)
    ("poor_rate_pct", "8,92", "expected a number (use a decimal point, not a comma: '8.92', not '8,92')"),
    ("poor_rate_pct", "108.5", "expected at most 100 (a rate in percent)"),
    ("poor_households", "-12", "expected at least 0 (a count cannot be negative)"),
    ("poor_households", "5.100.000", "without thousands separators"),
    ("province", "Lang Sonn", "unknown province name 'Lang Sonn' in the 63 units. Closest names: Lạng Sơn"),
    ("province", "QN", "ambiguous province name 'QN'"),
    ("standard", "nd07", "expected one of nd07_2021, qd59_2015, provincial"),
    ("source_url", "", "column 'source_url' is empty"),
    ("year", "2023.5", "expected a whole number"),
    ("source_date", "16/09/2025", "expected a date as YYYY-MM-DD"),
]


@pytest.mark.parametrize(("column", "value", "message"), BAD_INPUTS, ids=[f"{c}={v}" for c, v, _ in BAD_INPUTS])
def test_bad_input_stops_the_build_and_keeps_outputs(raw_copy, built, column, value, message):
    before = _hashes(built)
    _edit(raw_copy, REVIEW, 3, column, value)
    with pytest.raises(build.BuildError) as info:
        build.run(raw_copy, built)
    text = str(info.value)
    assert "fixture.csv" in text and "line 3" in text
    assert message in text
    assert _hashes(built) == before


def test_missing_column(raw_copy, built):
    before = _hashes(built)
    path = raw_copy / REVIEW
    frame = pd.read_csv(path, dtype=str, keep_default_na=False).drop(columns=["near_poor_rate_pct"])
    frame.to_csv(path, index=False)
    with pytest.raises(build.BuildError, match=r"fixture.csv: missing column\(s\) near_poor_rate_pct"):
        build.run(raw_copy, built)
    assert _hashes(built) == before


def test_duplicate_key(raw_copy, built):
    before = _hashes(built)
    path = raw_copy / REVIEW
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[2]]) + "\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="duplicate rows") as info:
        build.run(raw_copy, built)
    assert "line 3" in str(info.value) and f"line {len(lines) + 1}" in str(info.value)
    assert _hashes(built) == before


def test_duplicate_key_across_spellings(raw_copy, built):
    path = raw_copy / REVIEW
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[2].replace("Lạng Sơn", "lang son")]) + "\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="duplicate rows"):
        build.run(raw_copy, built)


def test_admin_tables_are_checked(raw_copy, tmp_path):
    path = raw_copy / "admin" / "merger_2025.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match="expected 63 old units, 34 new units and 63 crosswalk rows"):
        build.run(raw_copy, tmp_path / "out")


def test_cli_reports_error_and_exit_code(raw_copy, built, capsys):
    _edit(raw_copy, REVIEW, 2, "poor_rate_pct", "8,92")
    code = cli.main(["build", "--raw", str(raw_copy), "--out", str(built)])
    err = capsys.readouterr().err
    assert code == 2
    assert "line 2" in err and "'8,92'" in err
    assert "previous processed data are unchanged" in err


def test_an_interim_stock_repeating_last_years_review_is_not_a_new_value():
    from study.build.review import repeats_previous_review

    rows = pd.DataFrame(
        {
            "province_code": ["14", "14", "14", "14", "14"],
            "regime": [63] * 5,
            "indicator": ["poor_rate_pct"] * 5,
            "standard": ["nd07_2021"] * 5,
            "year": [2024, 2025, 2025, 2024, 2023],
            "reference_point": ["end_of_year", "interim", "preliminary", "interim", "end_of_year"],
            # June 2025: 10.89 (the end-2024 result again); end-2025 expected 7.89; mid-2024 11.5
            "value": [10.89, 10.89, 7.89, 11.5, 14.41],
        },
        index=[10, 11, 12, 13, 14],
    )
    marked = repeats_previous_review(rows, ["province_code", "regime"])
    assert marked.tolist() == [False, True, False, False, False]
    # another province's end-2024 figure does not make a repeat
    rows.loc[10, "province_code"] = "15"
    assert not repeats_previous_review(rows, ["province_code", "regime"]).any()
