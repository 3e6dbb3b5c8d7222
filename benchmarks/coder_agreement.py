"""How far two careful human coders agree on the same texts (issue 16: the ceiling of the goal).

The extractor is asked to reach facts P ≥ 0.85 and R ≥ 0.80 against one coder's rows. Before reading
its misses as the rules' fault, this script measures what a second coder reaches on the same texts,
coding blind (without the first coder's rows, the extractor or its rules), under the same coding
guide. The second coder's rows are scored exactly as the extractor's are (``extract_eval.py``: same
matching of indicator, value and year, same error kinds), with the first coder as gold.

Inputs: the first coder's rows (``facts*.csv`` / ``measures*.csv`` in ``--gold``, default
``data/raw/documents``) and the second coder's (``facts_second_*.csv`` / ``measures_second_*.csv``
in ``--second``, default ``benchmarks/agreement``). Only documents the second coder coded are
compared. No text is needed, so it runs anywhere.

Usage::

    .venv/bin/python benchmarks/coder_agreement.py [--gold DIR] [--second DIR] [--named-only] [--verbose] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_eval import (  # noqa: E402
    ERROR_ORDER,
    _describe,
    _gold_rows,
    _norm_fact,
    match_facts,
    overall,
    pair_errors,
    prf,
)

REPO = Path(__file__).resolve().parents[1]
SECOND = REPO / "benchmarks" / "agreement"


def compare(first_facts, first_measures, second_facts, second_measures) -> dict:
    """Score the second coder's rows against the first coder's, per document and overall.

    Parameters
    ----------
    first_facts, first_measures, second_facts, second_measures : list of dict
        Rows with the columns of ``facts.csv`` and ``measures.csv``.

    Returns
    -------
    dict
        ``documents`` (per-document P/R/F1 of facts and measure codes), ``overall`` (the same,
        pooled, with ``facts_with_kind``), ``error_types`` (counts by kind) and ``errors`` (one line
        per disagreement).
    """
    doc_ids = sorted({r["doc_id"] for r in second_facts} | {r["doc_id"] for r in second_measures})
    totals, errors, lines, docs = Counter(), Counter(), [], []
    for doc_id in doc_ids:
        gold = [_norm_fact(r) for r in first_facts if r["doc_id"] == doc_id]
        other = [_norm_fact(r) for r in second_facts if r["doc_id"] == doc_id]
        matched, missed, spurious = match_facts(gold, other)
        paired, missed, spurious = pair_errors(missed, spurious)
        for kind, g, p in paired:
            errors[f"facts: {kind}"] += 1
            lines.append(f"{doc_id}  {kind:24s} first {g['id']}: {_describe(g)}  second {p['id']}: {_describe(p)}")
        for g in missed:
            errors["facts: missed"] += 1
            lines.append(f"{doc_id}  {'only first':24s} {g['id']}: {_describe(g)}  «{g['evidence']}»")
        for p in spurious:
            errors["facts: spurious"] += 1
            lines.append(f"{doc_id}  {'only second':24s} {p['id']}: {_describe(p)}  «{p['evidence']}»")
        kinds = sum(1 for g, p in matched if g["kind"] == p["kind"])
        errors["facts: wrong kind (matched, not scored)"] += len(matched) - kinds
        g_codes = {r["measure_code"] for r in first_measures if r["doc_id"] == doc_id}
        p_codes = {r["measure_code"] for r in second_measures if r["doc_id"] == doc_id}
        errors["measures: missed"] += len(g_codes - p_codes)
        errors["measures: spurious"] += len(p_codes - g_codes)
        for code in sorted(g_codes ^ p_codes):
            lines.append(f"{doc_id}  measure only {'first' if code in g_codes else 'second'}: {code}")
        counts = (len(matched), len(other), len(gold))
        m_counts = (len(g_codes & p_codes), len(p_codes), len(g_codes))
        totals.update(ftp=counts[0], fpred=counts[1], fgold=counts[2], ktp=kinds)
        totals.update(mtp=m_counts[0], mpred=m_counts[1], mgold=m_counts[2])
        docs.append({"doc_id": doc_id, "facts": prf(*counts), "facts_counts": counts, "measures": prf(*m_counts)})
    return {"documents": docs, "overall": overall(totals), "error_types": dict(errors), "errors": lines}


def report(result: dict) -> str:
    """The comparison as a table, then the disagreements by kind."""
    out = [f"{'document':10s} {'facts P':>8s} {'R':>6s} {'F1':>6s} {'agree/second/first':>19s}   {'meas. F1':>8s}"]
    for d in result["documents"]:
        p, r, f = d["facts"]
        counts = "/".join(map(str, d["facts_counts"]))
        out.append(f"{d['doc_id']:10s} {p:8.2f} {r:6.2f} {f:6.2f} {counts:>19s}   {d['measures'][2]:8.2f}")
    o = result["overall"]
    p, r, f = o["facts"]
    kp, kr, _ = o["facts_with_kind"]
    mp, mr, mf = o["measures"]
    out += [
        "",
        f"second coder against the first: facts P {p:.2f} R {r:.2f} F1 {f:.2f} "
        f"({'/'.join(map(str, o['facts_counts']))}); with kind P {kp:.2f} R {kr:.2f}; "
        f"measures P {mp:.2f} R {mr:.2f} F1 {mf:.2f} ({'/'.join(map(str, o['measures_counts']))})",
        "disagreements (missed = only the first coder, spurious = only the second):",
    ]
    out += [f"  {k:42s} {result['error_types'][k]:5d}" for k in ERROR_ORDER if result["error_types"].get(k)]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=REPO / "data" / "raw" / "documents", help="first coder's rows")
    parser.add_argument("--second", type=Path, default=SECOND, help="second coder's rows")
    parser.add_argument(
        "--named-only", action="store_true", help="compare only facts with a named indicator (not 'other')"
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    second_facts = _gold_rows(args.second, "facts_second")
    second_measures = _gold_rows(args.second, "measures_second")
    if not second_facts:
        print(f"coder_agreement: no facts_second_*.csv in {args.second}", file=sys.stderr)
        return 2
    first_facts = _gold_rows(args.gold, "facts")
    if args.named_only:
        first_facts = [r for r in first_facts if r["indicator"] != "other"]
        second_facts = [r for r in second_facts if r["indicator"] != "other"]
    result = compare(first_facts, _gold_rows(args.gold, "measures"), second_facts, second_measures)
    if args.json:
        print(json.dumps({k: v for k, v in result.items() if k != "errors"}, indent=1))
    else:
        print(report(result))
        if args.verbose:
            print("\n".join(result["errors"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
