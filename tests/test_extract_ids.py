"""Document ids: inputs that share a file name stem get distinct, deterministic ids."""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from study.extract import register
from study.extract.command import document_ids

TEXTS = Path(__file__).resolve().parent / "texts"


def _run(argv) -> int:
    parser = argparse.ArgumentParser(prog="study")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["extract", *map(str, argv)])
    return args.func(args)


def test_unique_stems_are_kept():
    assert document_ids(["a/t01.txt", "b/t02.md", "t03.html"]) == ["t01", "t02", "t03"]


def test_shared_stems_take_the_folder_name_then_a_counter():
    ids = document_ids(["a/doc.txt", "b/doc.txt", "c/other.txt", "a/doc.md", "x/a/doc.html", "Doc.txt"])
    assert ids == ["doc-a", "doc-b", "other", "doc-a-2", "doc-a-3", f"Doc-{Path.cwd().name}"]
    assert len({i.casefold() for i in ids}) == len(ids)
    assert document_ids(["a/doc.txt", "b/doc.txt"]) == ["doc-a", "doc-b"]  # the same every time


def test_a_generated_id_does_not_take_the_stem_of_another_input():
    assert document_ids(["a/doc.txt", "b/doc.txt", "doc-a.txt"]) == ["doc-a-2", "doc-b", "doc-a"]


def test_two_files_with_the_same_stem_keep_both_documents(tmp_path):
    page_a = (TEXTS / "t01_province_results.txt").read_text(encoding="utf-8")
    page_b = (TEXTS / "t02_district_plan.txt").read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "doc.txt").write_text(page_a, encoding="utf-8")
    (tmp_path / "b" / "doc.txt").write_text(page_b, encoding="utf-8")
    out = tmp_path / "out"
    assert _run([tmp_path / "a" / "doc.txt", tmp_path / "b" / "doc.txt", "--out", out, "--format", "json"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"doc-{folder}.{kind}" for folder in "ab" for kind in ("facts.csv", "measures.csv", "documents.csv", "json")
    )
    facts = {}
    for folder in "ab":
        with (out / f"doc-{folder}.facts.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and {r["doc_id"] for r in rows} == {f"doc-{folder}"}
        assert rows[0]["fact_id"] == f"doc-{folder}-f01"
        facts[folder] = rows
        document = json.loads((out / f"doc-{folder}.json").read_text(encoding="utf-8"))["document"]
        assert document["doc_id"] == f"doc-{folder}" and document["source"] == "doc.txt"
    assert facts["a"][0]["evidence"] in page_a and facts["b"][0]["evidence"] in page_b
    assert [r["evidence"] for r in facts["a"]] != [r["evidence"] for r in facts["b"]]


def test_standard_output_also_gets_distinct_ids(tmp_path, capsys):
    for folder in "ab":
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "doc.txt").write_text("Năm 2024, tỷ lệ hộ nghèo còn 3,1%.", encoding="utf-8")
    assert _run([tmp_path / "a" / "doc.txt", tmp_path / "b" / "doc.txt", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert [d["document"]["doc_id"] for d in payload] == ["doc-a", "doc-b"]
