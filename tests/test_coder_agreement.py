"""``benchmarks/coder_agreement.py``: a second coder scored against the first as the extractor is."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "benchmarks" / "agreement"


def _module():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("coder_agreement", ROOT / "benchmarks" / "coder_agreement.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fact(fact_id, indicator, value, year, kind="actual"):
    return {
        "fact_id": fact_id,
        "doc_id": fact_id.split("-")[0],
        "indicator": indicator,
        "value": value,
        "value_min": "",
        "value_max": "",
        "year": year,
        "kind": kind,
        "scope": "province",
        "evidence": "",
    }


def test_a_year_read_differently_is_one_disagreement_of_kind_year():
    agreement = _module()
    first = [_fact("d1-f01", "poor_rate_pct", "9.16", "2023"), _fact("d1-f02", "poor_households", "20222", "2023")]
    second = [_fact("d1-g01", "poor_rate_pct", "9.16", "2024"), _fact("d1-g02", "poor_households", "20222", "2023")]
    result = agreement.compare(
        first,
        [{"doc_id": "d1", "measure_code": "P7"}],
        second,
        [{"doc_id": "d1", "measure_code": "P7"}, {"doc_id": "d1", "measure_code": "CREDIT"}],
    )
    assert result["overall"]["facts_counts"] == (1, 2, 2)
    assert result["error_types"]["facts: wrong year"] == 1
    assert result["error_types"]["measures: spurious"] == 1
    assert result["overall"]["measures_counts"] == (1, 2, 1)


def test_the_second_coder_coded_only_documents_of_the_clean_blind_set():
    with (ROOT / "benchmarks" / "extract_split.csv").open(encoding="utf-8") as handle:
        blind2 = {r["doc_id"] for r in csv.DictReader(handle) if r["set"] == "blind2"}
    header = (ROOT / "data" / "raw" / "documents" / "facts.csv").read_text(encoding="utf-8").splitlines()[0]
    for path in sorted(AGREEMENT.glob("facts_second_*.csv")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == header, path
        assert {r["doc_id"] for r in csv.DictReader(lines)} <= blind2, path
