"""Large inputs: refused over the size limit with a clear message, and linear work below it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from study.extract import MAX_INPUT_BYTES, ExtractError, extract_file, extract_text, register

TEXTS = Path(__file__).resolve().parent / "texts"


def _large_text(size: int) -> str:
    """A realistic page repeated to at least ``size`` bytes: the results article written for the tests."""
    page = (TEXTS / "t01_province_results.txt").read_text(encoding="utf-8")
    copies = size // len(page.encode("utf-8")) + 1
    return "\n".join([page] * copies)


def test_the_limit_is_five_megabytes():
    assert MAX_INPUT_BYTES == 5_000_000


def test_a_file_over_the_limit_is_refused_with_its_name_size_and_the_limit(tmp_path):
    path = tmp_path / "whole_site_dump.txt"
    path.write_text(_large_text(MAX_INPUT_BYTES + 1), encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(ExtractError) as caught:
        extract_file(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"{size:,} bytes" in message and f"{size / 1e6:.1f} MB" in message
    assert "limit of 5.0 MB (5,000,000 bytes)" in message


def test_a_text_over_the_limit_is_refused_with_its_source():
    text = _large_text(MAX_INPUT_BYTES + 1)
    with pytest.raises(ExtractError, match=r"^portal\.html: .* over the extractor's limit of 5\.0 MB"):
        extract_text(text, doc_id="p", source="portal.html")


def test_the_command_reports_a_file_over_the_limit_and_does_the_others(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text(_large_text(MAX_INPUT_BYTES + 1), encoding="utf-8")
    parser = argparse.ArgumentParser(prog="study")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["extract", str(big), str(TEXTS / "t02_district_plan.txt"), "--out", str(tmp_path / "o")])
    assert args.func(args) == 2
    err = capsys.readouterr().err
    assert f"study extract: error: {big}: " in err and "over the extractor's limit" in err
    assert (tmp_path / "o" / "t02_district_plan.facts.csv").exists()
    assert not (tmp_path / "o" / "big.facts.csv").exists()


def test_ordinary_texts_pass_the_check():
    page = (TEXTS / "t01_province_results.txt").read_text(encoding="utf-8")
    result = extract_text(page * 10, doc_id="p")
    assert result.facts
