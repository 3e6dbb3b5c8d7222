"""Score ``study extract`` against the hand-coded gold standard.

Runs the extractor on every ``*.txt`` file of a seed folder (default ``../shared/seeds`` next to the
repository root) and compares its proposals with ``data/raw/documents/facts.csv`` and
``measures.csv`` (rows are matched to files through their ``source`` column).

* A fact matches when the indicator is the same, the value is within 0.01 (for ranges: both the
  minimum and the maximum) and the year is the same (two empty years are the same).
* A measure matches when the document and the code are the same.

It prints precision, recall and F1 per document and overall, and the unmatched rows sorted into
error types (wrong year, wrong indicator, wrong value, wrong kind of value, missed, spurious).

Held-out texts: ``--texts DIR --gold-facts CSV --gold-measures CSV`` score any folder of texts
against any gold pair (same columns as ``facts.csv`` / ``measures.csv``); ``--heldout`` is short
for ``--texts tests/heldout --gold-facts tests/heldout/gold_facts.csv --gold-measures
tests/heldout/gold_measures.csv`` and ``--fresh`` for the ``fresh_*`` texts with
``fresh_facts.csv`` / ``fresh_measures.csv``. Only files that have a gold row (or that match
``--pattern``) are scored.

Usage::

    .venv/bin/python benchmarks/extract_eval.py [--seeds DIR] [--gold DIR] [--verbose] [--strict]
    .venv/bin/python benchmarks/extract_eval.py --heldout [-v]
    .venv/bin/python benchmarks/extract_eval.py --fresh [-v]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from study.extract import extract_file, load_terms  # noqa: E402

GOALS = {"facts_precision": 0.90, "facts_recall": 0.85, "measures_f1": 0.85}


def _float(value):
    if value in ("", None):
        return None
    return float(value)


def _year(value):
    if value in ("", None):
        return None
    return int(float(value))


def _norm_fact(row: dict) -> dict:
    return {
        "indicator": row["indicator"],
        "value": _float(row.get("value")),
        "min": _float(row.get("value_min")),
        "max": _float(row.get("value_max")),
        "year": _year(row.get("year")),
        "evidence": row.get("evidence", ""),
        "kind": row.get("kind", ""),
        "id": row.get("fact_id", ""),
    }


def _close(a, b) -> bool:
    return a is not None and b is not None and abs(a - b) <= 0.01


def _same_value(g: dict, p: dict) -> bool:
    if g["value"] is not None:
        return _close(g["value"], p["value"])
    return _close(g["min"], p["min"]) and _close(g["max"], p["max"])


def match_facts(gold: list[dict], proposed: list[dict]):
    """Return ``(pairs, missed, spurious)``: matched (gold, proposal) pairs and the unmatched rows."""
    free = list(range(len(proposed)))
    pairs = []
    missed = []
    for g in gold:
        hit = next(
            (
                i
                for i in free
                if proposed[i]["indicator"] == g["indicator"]
                and proposed[i]["year"] == g["year"]
                and _same_value(g, proposed[i])
            ),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            free.remove(hit)
            pairs.append((g, proposed[hit]))
    return pairs, missed, [proposed[i] for i in free]


def _error_type(row: dict, others: list[dict]) -> str:
    """Name why ``row`` found no partner among ``others``."""
    for o in others:
        if o["indicator"] == row["indicator"] and _same_value(row, o):
            return "wrong year"
    for o in others:
        if o["year"] == row["year"] and _same_value(row, o):
            return "wrong indicator"
    for o in others:
        if o["indicator"] == row["indicator"] and o["year"] == row["year"]:
            if (row["value"] is None) != (o["value"] is None):
                return "range vs single value"
            return "wrong value"
    return ""


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (1.0 for an empty denominator)."""
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


HELDOUT = REPO / "tests" / "heldout"


def evaluate(
    seeds: Path,
    gold_dir: Path | None = None,
    terms_path: Path | None = None,
    *,
    gold_facts_path: Path | None = None,
    gold_measures_path: Path | None = None,
    pattern: str = "*.txt",
) -> dict:
    """Run the extractor on the texts of ``seeds`` and score it; return a JSON-ready dict.

    The gold rows come from ``gold_dir/facts.csv`` and ``gold_dir/measures.csv`` unless
    ``gold_facts_path`` / ``gold_measures_path`` name the files. With explicit gold files only
    the texts named in their ``source`` column are scored.
    """
    terms = load_terms(terms_path)
    gold_dir = gold_dir or REPO / "data" / "raw" / "documents"
    gold_facts = _read(gold_facts_path or gold_dir / "facts.csv")
    gold_measures = _read(gold_measures_path or gold_dir / "measures.csv")
    files = sorted(p for p in seeds.glob(pattern))
    if gold_facts_path or gold_measures_path:
        named = {r["source"] for r in gold_facts} | {r["source"] for r in gold_measures}
        files = [p for p in files if p.name in named]
    if not files:
        raise SystemExit(f"extract_eval: no *.txt files in {seeds}")
    docs = []
    errors = Counter()
    error_rows = []
    totals = Counter()
    for path in files:
        result = extract_file(path, terms=terms)
        gold = [_norm_fact(r) for r in gold_facts if r["source"] == path.name]
        proposed = [_norm_fact(r) for r in result.facts]
        pairs, missed, spurious = match_facts(gold, proposed)
        g_codes = {r["measure_code"] for r in gold_measures if r["source"] == path.name}
        p_codes = {r["measure_code"] for r in result.measures}
        kind_errors = [(g, p) for g, p in pairs if g["kind"] != p["kind"]]
        for g in missed:
            kind = _error_type(g, spurious) or "missed"
            errors[f"facts: {kind}"] += 1
            error_rows.append(
                f"{path.name}  FN {kind:22s} gold {g['id']}: {g['indicator']} "
                f"{g['value'] if g['value'] is not None else (g['min'], g['max'])} year {g['year']}"
                f"  «{g['evidence']}»"
            )
        for p in spurious:
            kind = _error_type(p, missed) or "spurious"
            if kind == "spurious":
                errors["facts: spurious"] += 1
            error_rows.append(
                f"{path.name}  FP {kind:22s} prop {p['id']}: {p['indicator']} "
                f"{p['value'] if p['value'] is not None else (p['min'], p['max'])} year {p['year']}"
                f"  «{p['evidence']}»"
            )
        for g, p in kind_errors:
            errors["facts: matched but other kind (not scored)"] += 1
            error_rows.append(f"{path.name}  kind: gold {g['id']} {g['kind']} vs proposed {p['kind']}")
        for code in sorted(g_codes - p_codes):
            errors["measures: missed"] += 1
            error_rows.append(f"{path.name}  measure FN {code}")
        for code in sorted(p_codes - g_codes):
            errors["measures: spurious"] += 1
            error_rows.append(f"{path.name}  measure FP {code}")
        ftp, mtp = len(pairs), len(g_codes & p_codes)
        totals.update(ftp=ftp, fpred=len(proposed), fgold=len(gold), mtp=mtp, mpred=len(p_codes), mgold=len(g_codes))
        docs.append(
            {
                "file": path.name,
                "facts": prf(ftp, len(proposed), len(gold)),
                "facts_counts": (ftp, len(proposed), len(gold)),
                "measures": prf(mtp, len(p_codes), len(g_codes)),
                "measures_counts": (mtp, len(p_codes), len(g_codes)),
            }
        )
    overall = {
        "facts": prf(totals["ftp"], totals["fpred"], totals["fgold"]),
        "facts_counts": (totals["ftp"], totals["fpred"], totals["fgold"]),
        "measures": prf(totals["mtp"], totals["mpred"], totals["mgold"]),
        "measures_counts": (totals["mtp"], totals["mpred"], totals["mgold"]),
    }
    return {"documents": docs, "overall": overall, "error_types": dict(errors), "errors": error_rows}


def _report(result: dict) -> str:
    lines = [
        f"{'document':28s} {'facts P':>8s} {'R':>6s} {'F1':>6s} {'tp/pred/gold':>13s}   "
        f"{'meas. P':>8s} {'R':>6s} {'F1':>6s} {'tp/pred/gold':>13s}"
    ]
    rows = [*result["documents"], {"file": "OVERALL", **result["overall"]}]
    for d in rows:
        fp, fr, ff = d["facts"]
        mp, mr, mf = d["measures"]
        lines.append(
            f"{d['file']:28s} {fp:8.3f} {fr:6.3f} {ff:6.3f} {'/'.join(map(str, d['facts_counts'])):>13s}   "
            f"{mp:8.3f} {mr:6.3f} {mf:6.3f} {'/'.join(map(str, d['measures_counts'])):>13s}"
        )
    lines.append("")
    lines.append("error types:")
    if not result["error_types"]:
        lines.append("  none")
    for name, n in sorted(result["error_types"].items()):
        lines.append(f"  {name}: {n}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seeds",
        type=Path,
        default=REPO.parent / "shared" / "seeds",
        help="folder of seed texts (default ../shared/seeds next to the repository)",
    )
    parser.add_argument(
        "--gold",
        type=Path,
        default=REPO / "data" / "raw" / "documents",
        help="folder holding the gold facts.csv and measures.csv",
    )
    parser.add_argument("--terms", type=Path, default=None, help="measure dictionary (TOML)")
    parser.add_argument(
        "--texts",
        type=Path,
        default=None,
        help="folder of texts to score instead of the seeds (with --gold-facts/--gold-measures)",
    )
    parser.add_argument("--gold-facts", type=Path, default=None, help="gold facts CSV (facts.csv columns)")
    parser.add_argument("--gold-measures", type=Path, default=None, help="gold measures CSV (measures.csv columns)")
    parser.add_argument("--pattern", default="*.txt", help="glob of the texts to read (default *.txt)")
    parser.add_argument(
        "--heldout",
        action="store_true",
        help="score the held-out texts of tests/heldout against gold_facts.csv/gold_measures.csv",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="score tests/heldout/fresh_*.txt against fresh_facts.csv/fresh_measures.csv",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list every unmatched row")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 if a goal is missed (facts P>=0.90, R>=0.85; measures F1>=0.85)",
    )
    args = parser.parse_args(argv)
    if args.heldout or args.fresh:
        stem = "fresh" if args.fresh else "gold"
        args.texts = args.texts or HELDOUT
        args.gold_facts = args.gold_facts or HELDOUT / f"{stem}_facts.csv"
        args.gold_measures = args.gold_measures or HELDOUT / f"{stem}_measures.csv"
    folder = args.texts or args.seeds
    if not folder.is_dir():
        print(f"extract_eval: text folder {folder} not found; pass --seeds DIR or --texts DIR", file=sys.stderr)
        return 2
    result = evaluate(
        folder,
        args.gold,
        args.terms,
        gold_facts_path=args.gold_facts,
        gold_measures_path=args.gold_measures,
        pattern=args.pattern,
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(_report(result))
        if args.verbose and result["errors"]:
            print("\nunmatched rows:")
            print("\n".join("  " + line for line in result["errors"]))
    fp, fr, _ = result["overall"]["facts"]
    _, _, mf = result["overall"]["measures"]
    met = fp >= GOALS["facts_precision"] and fr >= GOALS["facts_recall"] and mf >= GOALS["measures_f1"]
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
