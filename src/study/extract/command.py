"""The ``study extract`` command: its arguments, document ids and what it prints or writes.

:func:`register` adds the subcommand to the ``study`` command line (``src/study/cli.py``);
:func:`main` runs it alone (``python -m study.extract``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path

from study import schema
from study.extract.errors import ExtractError
from study.extract.output import to_csv, to_json, write_atomic, write_outputs
from study.extract.pipeline import Extraction, extract_file
from study.extract.vocabulary import load_terms
from study.util.csvsafe import neutralise

__all__ = ["document_ids", "formula_safe", "main", "register"]


def document_ids(paths: list[str | Path]) -> list[str]:
    """Return one document id per input file, all different.

    The id is the file name stem. Stems that two or more inputs share (``a/doc.txt``, ``b/doc.txt``;
    compared without regard to case, as on case-insensitive file systems) are suffixed with the
    name of the file's folder (``doc-a``, ``doc-b``), and, if that still clashes, with a counter
    (``doc-a-2``) in the order of the arguments. The ids depend only on the paths and their order.

    Parameters
    ----------
    paths : list of path-like
        The input files, in the order given.

    Returns
    -------
    list of str
        The ids, in the same order.
    """
    stems = [Path(p).stem for p in paths]
    shared = Counter(stem.casefold() for stem in stems)
    used = {stem.casefold() for stem in stems if shared[stem.casefold()] == 1}
    ids = []
    for path, stem in zip(paths, stems, strict=True):
        if shared[stem.casefold()] == 1:
            ids.append(stem)
            continue
        folder = Path(path).absolute().parent.name or "root"
        base = candidate = f"{stem}-{folder}"
        n = 2
        while candidate.casefold() in used:
            candidate = f"{base}-{n}"
            n += 1
        used.add(candidate.casefold())
        ids.append(candidate)
    return ids


def formula_safe(result: Extraction) -> Extraction:
    """Return a copy of ``result`` whose text cells cannot run as spreadsheet formulas (:mod:`study.util.csvsafe`).

    CSV output is for people, who open it in a spreadsheet; JSON output keeps the exact text.
    """
    return dataclasses.replace(
        result,
        document={k: neutralise(v) for k, v in result.document.items()},
        facts=[{k: neutralise(v) for k, v in row.items()} for row in result.facts],
        measures=[{k: neutralise(v) for k, v in row.items()} for row in result.measures],
    )


def _cmd_extract(args) -> int:
    """Run the command on parsed arguments; return the exit status (2 if any input failed)."""
    if args.out and Path(args.out).exists() and not Path(args.out).is_dir():
        print(
            f"study extract: error: --out {args.out} is a file; expected a folder (it is created if missing)",
            file=sys.stderr,
        )
        return 2
    try:
        terms = load_terms(args.terms)
    except ExtractError as error:
        print(f"study extract: error: {error}", file=sys.stderr)
        return 2
    failures = 0
    results = []
    for name, doc_id in zip(args.paths, document_ids(args.paths), strict=True):
        try:
            results.append(extract_file(name, terms=terms, doc_id=doc_id))
        except ExtractError as error:
            print(f"study extract: error: {error}", file=sys.stderr)
            failures += 1
    if args.out:
        for result in results:
            try:
                written = write_outputs(formula_safe(result), Path(args.out), "csv")
                if args.format == "json":
                    path = Path(args.out) / f"{result.document['doc_id']}.json"
                    write_atomic(path, to_json(result))
                    written.append(path)
            except OSError as error:
                print(f"study extract: error: cannot write to {args.out} ({error.strerror or error})", file=sys.stderr)
                return 2
            print(
                f"study extract: {result.document['source']}: {len(result.facts)} facts, "
                f"{len(result.measures)} measures -> {', '.join(p.name for p in written)}",
                file=sys.stderr,
            )
    elif args.format == "json":
        payload = [{"document": r.document, "facts": r.facts, "measures": r.measures} for r in results]
        sys.stdout.write(json.dumps(payload if len(payload) != 1 else payload[0], ensure_ascii=False, indent=2) + "\n")
    else:
        safe = [formula_safe(r) for r in results]
        sys.stdout.write(to_csv([f for r in safe for f in r.facts], schema.FACTS.columns))
        sys.stdout.write("\n")
        sys.stdout.write(to_csv([m for r in safe for m in r.measures], schema.MEASURES.columns))
    return 2 if failures else 0


def register(subparsers) -> argparse.ArgumentParser:
    """Add the ``extract`` subcommand to an :mod:`argparse` subparsers object and return its parser."""
    p = subparsers.add_parser(
        "extract",
        help="propose facts and measure codes from Vietnamese texts",
        description="Read plain text, Markdown or HTML files and propose rows for data/raw/documents "
        "(facts, measures, documents) for a person to review.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="text (.txt), Markdown (.md) or HTML (.html) files")
    p.add_argument("--format", choices=["csv", "json"], default="csv", help="output format (default csv)")
    p.add_argument(
        "--out",
        default=None,
        metavar="DIR",
        help="write <id>.facts.csv, <id>.measures.csv, <id>.documents.csv (and <id>.json "
        "with --format json) into DIR, where <id> is the file name stem (suffixed with the "
        "folder name when two inputs share a stem); default: print to standard output",
    )
    p.add_argument(
        "--terms",
        default=None,
        metavar="TOML",
        help="measure dictionary (default data/dictionaries/measure_terms.toml)",
    )
    p.set_defaults(func=_cmd_extract)
    return p


def main(argv=None) -> int:
    """Run ``extract`` as a stand-alone command (``python -m study.extract``).

    Parameters
    ----------
    argv : list of str, optional
        The arguments after ``extract``; by default ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="study")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["extract", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)
