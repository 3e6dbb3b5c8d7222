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

Development and test sets (issue 16): ``--split benchmarks/extract_split.csv --set dev|test --texts
/work/texts --gold data/raw/documents`` scores the documents of one set: their texts are
``<texts>/<doc_id>.txt`` and their gold rows are the rows of ``facts*.csv`` / ``measures*.csv`` in
the gold folder with that ``doc_id``. The split itself is made by ``--make-split`` (by province,
stratified by region, deterministic: see :func:`make_split`). When the text folder is absent (as
in CI) the script says so and exits with status 0. ``--set unseen`` scores documents of
development-set provinces that were coded after the rules were last written (they never served
to write a rule), a second held-out check beside the test set. ``--set blind`` scores documents of
test-set provinces coded blind (the coders did not look at the extractor's proposals) while the
third pass on the rules was under way; the rule-writer never saw them. ``--set blind2`` scores 21
documents of test-set provinces coded under the year convention of coding guide 2.9 (issue 16,
fourth pass) by coders who never ran or read the extractor, while the rules were being brought to
that convention on the development set. ``--set blind3`` scores 19 more documents of test-set
provinces coded the same way while the fifth pass (scope, undated texts, measure terms) was written
on the development set; neither set was read by the rule-writers. ``--set blind4`` (11 documents of
test-set provinces) and ``--set unseen2`` (10 documents of development-set provinces) were coded the
same way while the sixth pass was written; the lead's brief for that pass quoted errors of blind3, so
blind4 and unseen2 are the clean measures of it. ``--set blind5`` (11 documents of test-set provinces)
and ``--set unseen3`` (13 documents of development-set provinces) were coded the same way while the
seventh pass was written, and are the clean measures of that pass.

Error kinds: an unmatched gold row and an unmatched proposal of the same document are paired when
they differ in one respect only, and the pair counts once: ``wrong year`` (same indicator and
value), ``wrong indicator`` (same value and year), ``wrong indicator and year`` (same value),
``wrong value`` (same indicator and year); the rest are ``missed`` (gold rows) and ``spurious``
(proposals). ``wrong kind`` counts matched rows whose kind (actual, target, baseline, estimate)
differs and ``wrong scope`` those whose scope differs (a merged province's ``province34:…`` counts
as the province); neither changes P/R.

Usage::

    .venv/bin/python benchmarks/extract_eval.py [--seeds DIR] [--gold DIR] [--verbose] [--strict]
    .venv/bin/python benchmarks/extract_eval.py --heldout [-v]
    .venv/bin/python benchmarks/extract_eval.py --fresh [-v]
    .venv/bin/python benchmarks/extract_eval.py --split benchmarks/extract_split.csv --set dev \
        --texts /work/texts --gold data/raw/documents [-v]
    .venv/bin/python benchmarks/extract_eval.py --split benchmarks/extract_split.csv --set blind3 \
        --texts /work/texts --gold data/raw/documents --named-only   # the study's named indicators only
    .venv/bin/python benchmarks/extract_eval.py --make-split   # rewrite benchmarks/extract_split.csv
"""

from __future__ import annotations

import argparse
import csv
import hashlib
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
        "scope": row.get("scope", ""),
        "id": row.get("fact_id", ""),
    }


def _scope_key(scope: str) -> str:
    """The scope as compared: a merged province (``province34:…``) counts as the province (not proposed)."""
    return "province" if scope.startswith("province34:") else scope


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


def _describe(row: dict) -> str:
    value = row["value"] if row["value"] is not None else (row["min"], row["max"])
    return f"{row['indicator']} {value} year {row['year']}"


#: How an unmatched gold row and an unmatched proposal may differ, tried in this order.
PAIR_KINDS = (
    ("wrong year", lambda g, p: g["indicator"] == p["indicator"] and _same_value(g, p)),
    ("wrong indicator", lambda g, p: g["year"] == p["year"] and _same_value(g, p)),
    ("wrong indicator and year", lambda g, p: _same_value(g, p)),
    ("wrong value", lambda g, p: g["indicator"] == p["indicator"] and g["year"] == p["year"]),
)


def pair_errors(missed: list[dict], spurious: list[dict]):
    """Pair unmatched gold rows with unmatched proposals that differ in one respect.

    Returns ``(pairs, missed, spurious)`` where ``pairs`` is a list of ``(kind, gold, proposal)`` and
    the two lists hold the rows left unpaired.
    """
    missed, spurious = list(missed), list(spurious)
    pairs = []
    for kind, same in PAIR_KINDS:
        for g in list(missed):
            hit = next((p for p in spurious if same(g, p)), None)
            if hit is not None:
                pairs.append((kind, g, hit))
                missed.remove(g)
                spurious.remove(hit)
    return pairs, missed, spurious


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
SPLIT = REPO / "benchmarks" / "extract_split.csv"
RESERVED = REPO.parent / "shared" / "reserved_sources.txt"
#: The regions of the coded documents (``documents_<region>.csv``), in the order the split visits them.
REGIONS = ("tdmn", "dbsh", "btb", "tnnb", "dbscl", "n2", "s2")
#: The share of each region's documents that goes to the test set.
TEST_SHARE = 0.30


def _province_key(province: str) -> str:
    return hashlib.sha256(province.encode("utf-8")).hexdigest()


def reserved_sources(path: Path = RESERVED) -> set[str]:
    """The reserved pages (never in any set), one URL per line; ``#`` lines are comments."""
    if not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def make_split(gold_dir: Path, reserved: set[str], share: float = TEST_SHARE) -> list[dict]:
    """Split the coded documents by province into ``dev`` and ``test``.

    Every document of a province goes to the same set. Regions are visited in :data:`REGIONS` order;
    in each, the provinces not yet placed are taken in the order of the SHA-256 of their name and
    put in the test set while the region's test documents number fewer than ``share`` of its
    documents (one over is allowed); the others go to the development set. Documents whose source
    is a reserved page are left out.
    """
    docs = []
    for region in REGIONS:
        path = gold_dir / f"documents_{region}.csv"
        if path.is_file():
            docs += [(r["doc_id"], r["province"], region) for r in _read(path) if r["source"] not in reserved]
    placed: dict[str, str] = {}
    for region in REGIONS:
        here = [d for d in docs if d[2] == region]
        target = round(len(here) * share)
        n_test = sum(1 for d in here if placed.get(d[1]) == "test")
        for province in sorted({d[1] for d in here}, key=_province_key):
            if province in placed:
                continue
            n = sum(1 for d in here if d[1] == province)
            if n_test < target and n_test + n <= target + 1:
                placed[province], n_test = "test", n_test + n
            else:
                placed[province] = "dev"
    return [{"doc_id": d, "province": p, "region": r, "set": placed[p]} for d, p, r in docs]


def write_split(rows: list[dict], path: Path = SPLIT) -> None:
    """Write the split as CSV (``doc_id,province,set``)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "province", "set"], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row[k] for k in ("doc_id", "province", "set")})


def _gold_rows(gold_dir: Path, stem: str) -> list[dict]:
    rows = []
    for path in sorted(gold_dir.glob(f"{stem}*.csv")):
        rows += _read(path)
    return rows


def score(items: list[tuple[str, Path, str, list[dict], set[str]]], terms, named_only: bool = False) -> dict:
    """Score the extractor on ``(name, path, doc_id, gold facts, gold measure codes)`` items.

    With ``named_only`` only facts with a named indicator are scored, on both sides: the rows coded
    ``other`` (materials, incomes, counts of programmes, labelled in ``note``) are left out, so that the
    figures the study compares (rates, counts of poor households, falls, houses, money) are scored alone.
    """
    docs = []
    errors = Counter()
    error_rows = []
    totals = Counter()
    for name, path, doc_id, gold_rows, g_codes in items:
        result = extract_file(path, terms=terms, doc_id=doc_id)
        gold = [_norm_fact(r) for r in gold_rows]
        proposed = [_norm_fact(r) for r in result.facts]
        if named_only:
            gold = [r for r in gold if r["indicator"] != "other"]
            proposed = [r for r in proposed if r["indicator"] != "other"]
        matched, missed, spurious = match_facts(gold, proposed)
        paired, missed, spurious = pair_errors(missed, spurious)
        p_codes = {r["measure_code"] for r in result.measures}
        for kind, g, p in paired:
            errors[f"facts: {kind}"] += 1
            error_rows.append(
                f"{name}  {kind:24s} gold {g['id']}: {_describe(g)}  «{g['evidence']}»  "
                f"proposed {_describe(p)}  «{p['evidence']}»"
            )
        for g in missed:
            errors["facts: missed"] += 1
            error_rows.append(f"{name}  {'missed':24s} gold {g['id']}: {_describe(g)}  «{g['evidence']}»")
        for p in spurious:
            errors["facts: spurious"] += 1
            error_rows.append(f"{name}  {'spurious':24s} prop {p['id']}: {_describe(p)}  «{p['evidence']}»")
        for g, p in matched:
            if g["kind"] != p["kind"]:
                errors["facts: wrong kind (matched, not scored)"] += 1
                error_rows.append(
                    f"{name}  {'wrong kind':24s} gold {g['id']}: {g['kind']}, proposed {p['kind']}  «{g['evidence']}»"
                )
            if g["scope"] and _scope_key(g["scope"]) != _scope_key(p["scope"]):
                errors["facts: wrong scope (matched, not scored)"] += 1
                error_rows.append(
                    f"{name}  {'wrong scope':24s} gold {g['id']}: {g['scope']}, "
                    f"proposed {p['scope']}  «{g['evidence']}»"
                )
        for code in sorted(g_codes - p_codes):
            errors["measures: missed"] += 1
            error_rows.append(f"{name}  measure missed   {code}")
        for code in sorted(p_codes - g_codes):
            errors["measures: spurious"] += 1
            error_rows.append(f"{name}  measure spurious {code}")
        ftp, mtp = len(matched), len(g_codes & p_codes)
        ktp = sum(1 for g, p in matched if g["kind"] == p["kind"])
        totals.update(
            ftp=ftp, ktp=ktp, fpred=len(proposed), fgold=len(gold), mtp=mtp, mpred=len(p_codes), mgold=len(g_codes)
        )
        docs.append(
            {
                "file": name,
                "facts": prf(ftp, len(proposed), len(gold)),
                "facts_counts": (ftp, len(proposed), len(gold)),
                "measures": prf(mtp, len(p_codes), len(g_codes)),
                "measures_counts": (mtp, len(p_codes), len(g_codes)),
            }
        )
    return {"documents": docs, "overall": overall(totals), "error_types": dict(errors), "errors": error_rows}


def overall(totals: Counter) -> dict:
    """Pooled P/R/F1 of facts (with and without the kind) and of measure codes from summed counts
    (``ftp``, ``fpred``, ``fgold``, ``ktp``, ``mtp``, ``mpred``, ``mgold``)."""
    return {
        "facts": prf(totals["ftp"], totals["fpred"], totals["fgold"]),
        "facts_counts": (totals["ftp"], totals["fpred"], totals["fgold"]),
        "facts_with_kind": prf(totals["ktp"], totals["fpred"], totals["fgold"]),
        "measures": prf(totals["mtp"], totals["mpred"], totals["mgold"]),
        "measures_counts": (totals["mtp"], totals["mpred"], totals["mgold"]),
    }


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
    ``gold_facts_path`` / ``gold_measures_path`` name the files; rows are matched to files through
    their ``source`` column. With explicit gold files only the texts named in ``source`` are scored.
    """
    gold_dir = gold_dir or REPO / "data" / "raw" / "documents"
    gold_facts = _read(gold_facts_path or gold_dir / "facts.csv")
    gold_measures = _read(gold_measures_path or gold_dir / "measures.csv")
    files = sorted(p for p in seeds.glob(pattern))
    if gold_facts_path or gold_measures_path:
        named = {r["source"] for r in gold_facts} | {r["source"] for r in gold_measures}
        files = [p for p in files if p.name in named]
    if not files:
        raise SystemExit(f"extract_eval: no *.txt files in {seeds}")
    items = [
        (
            p.name,
            p,
            p.stem,
            [r for r in gold_facts if r["source"] == p.name],
            {r["measure_code"] for r in gold_measures if r["source"] == p.name},
        )
        for p in files
    ]
    return score(items, load_terms(terms_path))


def split_documents(split: Path, which: str, texts: Path, gold_dir: Path) -> list[dict]:
    """The documents of set(s) ``which`` of ``split`` with their text path and gold rows.

    Each item: ``row`` (the split's row), ``path`` (``texts/<doc_id>.txt``), ``facts`` (its gold facts)
    and ``measures`` (its gold measure codes). A reserved page in any set, or a missing text, stops.
    """
    reserved = reserved_sources()
    wanted = set(which.split(","))
    chosen = [r for r in _read(split) if r["set"] in wanted]
    facts = _gold_rows(gold_dir, "facts")
    measures = _gold_rows(gold_dir, "measures")
    documents = {r["doc_id"]: r for r in _gold_rows(gold_dir, "documents")}
    items = []
    for row in chosen:
        doc_id = row["doc_id"]
        meta = documents.get(doc_id, {})
        if meta.get("source") in reserved or meta.get("source_url") in reserved:
            raise SystemExit(f"extract_eval: {doc_id} is a reserved page and may not be in any set")
        path = texts / f"{doc_id}.txt"
        if not path.is_file():
            raise SystemExit(f"extract_eval: no text {path} for {doc_id}")
        items.append(
            {
                "row": row,
                "path": path,
                "facts": [r for r in facts if r["doc_id"] == doc_id],
                "measures": {r["measure_code"] for r in measures if r["doc_id"] == doc_id},
            }
        )
    if not items:
        raise SystemExit(f"extract_eval: no documents in set {which!r} of {split}")
    return items


def evaluate_split(
    split: Path, which: str, texts: Path, gold_dir: Path, terms_path: Path | None = None, named_only: bool = False
) -> dict:
    """Score the documents of set ``which`` of ``split``: texts ``texts/<doc_id>.txt``, gold by ``doc_id``."""
    items = [
        (d["row"]["doc_id"], d["path"], d["row"]["doc_id"], d["facts"], d["measures"])
        for d in split_documents(split, which, texts, gold_dir)
    ]
    return score(items, load_terms(terms_path), named_only=named_only)


ERROR_ORDER = (
    "facts: wrong indicator",
    "facts: wrong year",
    "facts: wrong indicator and year",
    "facts: wrong value",
    "facts: wrong kind (matched, not scored)",
    "facts: wrong scope (matched, not scored)",
    "facts: missed",
    "facts: spurious",
    "measures: missed",
    "measures: spurious",
)


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
    fp, fr, ff = result["overall"]["facts"]
    kp, kr, _ = result["overall"].get("facts_with_kind", (0, 0, 0))
    lines += [
        "",
        f"facts P {fp:.2f}  R {fr:.2f}  F1 {ff:.2f}   (requiring the kind too: P {kp:.2f}  R {kr:.2f})   "
        f"measures F1 {result['overall']['measures'][2]:.2f}",
        "",
        "error kinds:",
    ]
    errors = result["error_types"]
    for name in ERROR_ORDER:
        lines.append(f"  {name}: {errors.get(name, 0)}")
    for name in sorted(set(errors) - set(ERROR_ORDER)):
        lines.append(f"  {name}: {errors[name]}")
    return "\n".join(lines)


#: The sets of the split: the development set, the first test set, and the sets coded blind later
#: (``blind*`` from test-set provinces, ``unseen*`` from development-set provinces).
SETS = (
    "dev",
    "test",
    "unseen",
    "blind",
    "blind2",
    "blind3",
    "blind4",
    "unseen2",
    "blind5",
    "unseen3",
    "blind6",
    "unseen4",
    "blind7",
    "unseen5",
)


def _sets(value: str) -> str:
    """Check a ``--set`` value: one set name or several joined by commas."""
    names = [v.strip() for v in value.split(",")]
    unknown = [n for n in names if n not in SETS]
    if unknown or not all(names):
        raise argparse.ArgumentTypeError(
            f"unknown set {', '.join(unknown) or repr(value)}; expected one of {', '.join(SETS)}"
        )
    return ",".join(names)


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
        help="folder holding the gold facts*.csv and measures*.csv",
    )
    parser.add_argument("--terms", type=Path, default=None, help="measure dictionary (TOML)")
    parser.add_argument(
        "--texts",
        type=Path,
        default=None,
        help="folder of texts to score instead of the seeds (with --gold-facts/--gold-measures or --split)",
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
    parser.add_argument("--split", type=Path, default=None, help="the split CSV (doc_id,province,set)")
    parser.add_argument(
        "--set",
        dest="which",
        type=_sets,
        default="dev",
        help="the set to score, or several joined by commas (dev,unseen,unseen2); one of " + ", ".join(SETS),
    )
    parser.add_argument(
        "--make-split", action="store_true", help=f"write the split of the coded documents to {SPLIT.name} and stop"
    )
    parser.add_argument(
        "--named-only",
        action="store_true",
        help="with --split: score only facts with a named indicator (leave out rows coded 'other')",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list every unmatched row")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 1 if a goal is missed (facts P>=0.90, R>=0.85; measures F1>=0.85)",
    )
    args = parser.parse_args(argv)
    if args.make_split:
        rows = make_split(args.gold, reserved_sources())
        write_split(rows, args.split or SPLIT)
        counts = Counter(r["set"] for r in rows)
        print(f"extract_eval: {counts['dev']} dev and {counts['test']} test documents written to {args.split or SPLIT}")
        return 0
    if args.heldout or args.fresh:
        stem = "fresh" if args.fresh else "gold"
        args.texts = args.texts or HELDOUT
        args.gold_facts = args.gold_facts or HELDOUT / f"{stem}_facts.csv"
        args.gold_measures = args.gold_measures or HELDOUT / f"{stem}_measures.csv"
    if args.split is not None:
        folder = args.texts or Path("/work/texts")
        if not folder.is_dir():
            print(f"extract_eval: text folder {folder} not found; the {args.which} set cannot be scored here")
            return 0
        if not args.split.is_file():
            print(f"extract_eval: split file {args.split} not found", file=sys.stderr)
            return 2
        result = evaluate_split(args.split, args.which, folder, args.gold, args.terms, named_only=args.named_only)
    else:
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
