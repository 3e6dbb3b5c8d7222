"""Assisted coding: propose facts, measure codes and document metadata from Vietnamese policy texts.

``study extract PATH...`` reads plain text, Markdown or HTML, normalises it to NFC and proposes rows
for the raw tables ``documents/facts`` and ``documents/measures`` (columns of
:data:`study.schema.FACTS` and :data:`study.schema.MEASURES`), plus a ``documents`` row with the
metadata it can find. Every proposal carries a verbatim ``evidence`` phrase (at most 12 words) and
its character span in the NFC text, so that a reviewer can check it and append the reviewed rows to
``data/raw/documents``.

The rules follow ``docs/coding_guide.md`` and are general: they name no place, figure or phrase of a
particular document. The measure dictionary (terms per code) is data, in
``data/dictionaries/measure_terms.toml``. See ``docs/extract.md`` for the rules, their limits and
the map of the modules of this package.

Examples
--------
>>> result = extract_text("Năm 2023, tỷ lệ hộ nghèo giảm từ 8,92% xuống còn 6,02%.", doc_id="x")
>>> [(f["indicator"], f["value"], f["year"], f["kind"]) for f in result.facts]
[('poor_rate_pct', 8.92, 2022, 'baseline'), ('poor_rate_pct', 6.02, 2023, 'actual')]
"""

from __future__ import annotations

from study.extract.command import main, register
from study.extract.errors import ExtractError
from study.extract.numbers import parse_number
from study.extract.output import to_csv, to_json, write_outputs
from study.extract.pipeline import MAX_INPUT_BYTES, Extraction, extract_file, extract_text
from study.extract.sentences import sentence_spans
from study.extract.vocabulary import Terms, load_terms

__all__ = [
    "MAX_INPUT_BYTES",
    "ExtractError",
    "Extraction",
    "Terms",
    "extract_file",
    "extract_text",
    "load_terms",
    "main",
    "parse_number",
    "register",
    "sentence_spans",
    "to_csv",
    "to_json",
    "write_outputs",
]
