"""The committed data dictionary must equal a fresh rendering of study.schema."""

from __future__ import annotations

from pathlib import Path

from study import schema
from study.schema import datadict

COMMITTED = Path(__file__).resolve().parents[1] / "docs" / "data_dictionary.md"


def test_committed_dictionary_is_current():
    assert COMMITTED.exists(), "docs/data_dictionary.md is missing: run `python -m study.schema.datadict`"
    assert COMMITTED.read_text(encoding="utf-8") == datadict.render(), (
        "docs/data_dictionary.md differs from study.schema: run `python -m study.schema.datadict` and commit it"
    )


def test_every_table_and_column_is_documented():
    text = datadict.render()
    for table in schema.RAW_TABLES.values():
        assert f"## `{table.name}`" in text
        assert f"`data/raw/{table.raw}`" in text
        for field in table.fields:
            assert f"| `{field.name}` |" in text


def test_allowed_values():
    assert datadict.allowed(schema.Field("x", "enum", values=("a", "b"))) == "`a`, `b`"
    assert datadict.allowed(schema.Field("x", "float", minimum=0, maximum=100)) == "0 to 100"
    assert datadict.allowed(schema.Field("x", "int", minimum=0)) == "at least 0"
    assert datadict.allowed(schema.Field("x", "text", max_words=12)) == "at most 12 words"
    assert datadict.allowed(schema.Field("x", "code")).startswith("two digits")


def test_pipes_are_escaped():
    table = schema.Table("t", "a | b", (schema.Field("c", "text", "x | y"),), raw="t.csv")
    section = datadict.render_table(table)
    assert "a \\| b" in section and "x \\| y" in section


def test_write_and_check(tmp_path):
    target = tmp_path / "dd.md"
    assert not datadict.is_current(target)
    datadict.write(target)
    assert datadict.is_current(target)
    assert datadict.main(["--check", "--out", str(target)]) == 0
    target.write_text("old", encoding="utf-8")
    assert datadict.main(["--check", "--out", str(target)]) == 1
