"""Hostile input and faults in the build, the schema and the command line (issue 15)."""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from study import build, cli
from study.build import boundaries, save
from study.build.base import Output
from study.registry.provinces import ProvinceNameError, Registry, resolve
from study.schema import SchemaError, read_csv_text

REVIEW = Path("statistics/poverty_review/fixture.csv")
REPO = Path(__file__).resolve().parents[1]
KEPT = REPO / "data" / "raw" / "geo" / boundaries.FILENAME


def _edit(raw: Path, line: int, column: str, value: str) -> None:
    path = raw / REVIEW
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows[line - 2][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


# ---------------------------------------------------------------------------------------------
# #1 (schema part): web addresses; #4: formula-like raw text is refused
# ---------------------------------------------------------------------------------------------
URLS = [
    'https://x/"><script>alert(1)</script>',
    "javascript:alert(1)",
    "ftp://example.org/a",
    "https://a b.vn",
    "https://x/'onmouseover='alert(1)",
    "www.example.org",
]


@pytest.mark.parametrize("url", URLS)
def test_source_url_must_be_http_without_quotes(raw_copy, tmp_path, url):
    _edit(raw_copy, 3, "source_url", url)
    with pytest.raises(build.BuildError, match="expected a web address beginning with http:// or https://"):
        build.run(raw_copy, tmp_path / "out")


def test_document_source_is_a_file_name_or_a_web_address(raw_copy, tmp_path):
    docs = raw_copy / "documents"
    docs.mkdir()
    header = (
        "doc_id,title,locality,locality_level,province,district,issuer,doc_date,date_note,kind,language,"
        "source,source_url,note\n"
    )
    for source, ok in (
        ("seed000.txt", True),
        ("https://langson.gov.vn/a", True),
        ("<svg onload=alert(1)>", False),
        ("javascript:alert(1)", False),
    ):
        (docs / "documents.csv").write_text(
            header + f'd1,T,Lạng Sơn,province,Lạng Sơn,,,,,plan,vi,"{source}",,\n', encoding="utf-8"
        )
        if ok:
            build.run(raw_copy, tmp_path / "out")
        else:
            with pytest.raises(build.BuildError, match="column 'source'"):
                build.run(raw_copy, tmp_path / "out")


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"])
def test_formula_like_raw_text_is_refused(raw_copy, tmp_path, value):
    _edit(raw_copy, 3, "note", value)
    with pytest.raises(build.BuildError, match="would run as a formula in a spreadsheet") as info:
        build.run(raw_copy, tmp_path / "out")
    assert "fixture.csv, line 3" in str(info.value)


def test_numbers_in_text_cells_are_not_formulas(raw_copy, tmp_path):
    _edit(raw_copy, 3, "note", "-3.5")
    build.run(raw_copy, tmp_path / "out")


def test_processed_csv_is_formula_safe_and_parquet_exact(tmp_path):
    frame = pd.DataFrame({"a": pd.array(["=1+2", "@x", "-3.5", "ok"], dtype="string"), "n": [1, 2, 3, 4]})
    save.write_frame(Output("t", frame, "", {}, []), tmp_path)
    text = (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()
    assert text[1:] == ["'=1+2,1", "'@x,2", "-3.5,3", "ok,4"]
    assert pd.read_parquet(tmp_path / "t.parquet")["a"].tolist() == ["=1+2", "@x", "-3.5", "ok"]


def test_extract_csv_output_is_formula_safe(tmp_path, capsys, monkeypatch):
    from study.extract import command
    from study.extract.pipeline import Extraction

    def fake(name, terms=None, doc_id="doc"):
        return Extraction(
            {"doc_id": doc_id, "title": "=cmd()", "source": name},
            [{"fact_id": "f1", "doc_id": doc_id, "evidence": "@SUM(1)", "value": -2.0}],
            [{"doc_id": doc_id, "measure_code": "P1", "evidence": "+x"}],
        )

    monkeypatch.setattr(command, "extract_file", fake)
    text = tmp_path / "doc.txt"
    text.write_text("x", encoding="utf-8")
    assert cli.main(["extract", str(text)]) == 0
    out = capsys.readouterr().out
    assert "'@SUM(1)" in out and "'+x" in out and ",-2," in out
    assert cli.main(["extract", str(text), "--out", str(tmp_path / "p"), "--format", "json"]) == 0
    assert "'=cmd()" in (tmp_path / "p" / "doc.documents.csv").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "p" / "doc.json").read_text(encoding="utf-8"))["document"]["title"] == "=cmd()"


# ---------------------------------------------------------------------------------------------
# #5 physical lines; #6 the registry of the raw folder given
# ---------------------------------------------------------------------------------------------
def test_source_row_is_the_physical_line(raw_copy, tmp_path):
    path = raw_copy / REVIEW
    lines = path.read_text(encoding="utf-8").splitlines()
    # a blank line after the header, and a note over three lines in the first Lạng Sơn row
    row = lines[2].rsplit(",", 1)[0] + ',"first line\nsecond line\nthird line"'
    path.write_text("\n".join([lines[0], "", lines[1], row, "", *lines[3:]]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    build.run(raw_copy, out)
    sources = pd.read_parquet(out / "poverty_review_sources.parquet")
    where = dict(zip(sources["province_code"] + "/" + sources["year"].astype(str), sources["source_row"], strict=True))
    name = "statistics/poverty_review/fixture.csv"
    assert where["27/2022"] == f"{name}:3"  # Bắc Ninh after the blank line
    assert where["20/2021"] == f"{name}:4"  # the three-line record starts here
    assert where["20/2024"] == f"{name}:8"  # after the record's three lines and a blank line
    review = pd.read_parquet(out / "poverty_review.parquet")
    assert set(review.loc[review["province_code"] == "20", "source_row"]) >= {f"{name}:4", f"{name}:8"}
    frame = read_csv_text(path)
    assert frame["_line"].tolist() == [3, 4, 8, 9, 10, 11]


def test_build_raw_copy_resolves_names_through_its_own_aliases(raw_copy, tmp_path, capsys):
    aliases = raw_copy / "admin" / "aliases.csv"
    aliases.write_text(
        aliases.read_text(encoding="utf-8").rstrip("\n") + "\nXứ Lạng Test,63,20,variant,test\n", encoding="utf-8"
    )
    _edit(raw_copy, 3, "province", "Xứ Lạng Test")
    out = tmp_path / "out"
    assert cli.main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    sources = pd.read_parquet(out / "poverty_review_sources.parquet")
    assert (sources["province"] == "Lạng Sơn").sum() == 3
    with pytest.raises(ProvinceNameError):  # the default registry does not know the copy's alias
        Registry(REPO / "data" / "raw" / "admin").resolve("Xứ Lạng Test")


# ---------------------------------------------------------------------------------------------
# #8 and #10: the processed folder is swapped whole; leftovers and stale files go
# ---------------------------------------------------------------------------------------------
def _consistent(folder: Path) -> bool:
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    listed = {r["path"]: r["hash"] for r in package["resources"]}
    files = {p.name for p in folder.iterdir() if p.is_file()} - {"datapackage.json", "README.md"}
    return files == set(listed) and all(
        f"sha256:{hashlib.sha256((folder / n).read_bytes()).hexdigest()}" == h for n, h in listed.items()
    )


def test_rebuild_leaves_no_stale_file(built, raw_copy):
    (built / "boundaries_63.parquet").write_bytes(b"old boundaries of an earlier, online build")
    (built / "README.md").write_text("kept\n", encoding="utf-8")
    build.run(raw_copy, built)
    assert not (built / "boundaries_63.parquet").exists()
    assert (built / "README.md").read_text(encoding="utf-8") == "kept\n"
    assert _consistent(built)
    assert not list(built.parent.glob("processed.*"))


def test_leftovers_of_a_killed_build_are_removed(built, raw_copy):
    (built.parent / f"processed{save.STAGING_PREFIX}dead").mkdir()
    (built.parent / f"processed{save.OLD_PREFIX}dead").mkdir()
    build.run(raw_copy, built)
    assert not list(built.parent.glob("processed.*")) and _consistent(built)


def test_interrupted_swap_puts_the_old_folder_back(built, raw_copy, monkeypatch):
    before = _hashes(built)
    real = os.replace
    calls = []

    def replace(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(save.os, "replace", replace)
    _edit(raw_copy, 3, "poor_households", "7000")
    with pytest.raises(KeyboardInterrupt):
        build.run(raw_copy, built)
    monkeypatch.setattr(save.os, "replace", real)
    assert _hashes(built) == before and _consistent(built)
    assert not list(built.parent.glob("processed.*"))


KILLER = """
import os, signal, sys
from study import build
from study.build import save
real, calls = os.replace, []
def replace(src, dst):
    calls.append(src)
    if len(calls) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
save.os.replace = replace
build.run(sys.argv[1], sys.argv[2])
"""


@pytest.mark.parametrize("at", [1, 2], ids=["before-the-swap", "between-the-two-renames"])
def test_build_killed_during_the_swap(built, raw_copy, at):
    before = _hashes(built)
    _edit(raw_copy, 3, "poor_households", "7000")
    proc = subprocess.run([sys.executable, "-c", KILLER, str(raw_copy), str(built), str(at)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert list(built.parent.glob("processed.*"))  # the kill left a staging or old folder
    save.clean_leftovers(built)  # what the next build does first
    assert _hashes(built) == before and _consistent(built)
    build.run(raw_copy, built)
    assert _consistent(built) and not list(built.parent.glob("processed.*"))
    panel = pd.read_parquet(built / "poverty_panel.parquet")
    assert 7000 in panel["poor_households"].tolist()


# ---------------------------------------------------------------------------------------------
# #12 boundary geometry
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def kept_source():
    if not KEPT.exists():
        pytest.skip("the kept boundary copy is absent")
    registry = Registry(REPO / "data" / "raw" / "admin")
    return registry, boundaries.read_source(KEPT, registry)


def _swap(source, registry, a: str, b: str):
    out = source.copy()
    i = out.index[out["code"] == resolve(a).code][0]
    j = out.index[out["code"] == resolve(b).code][0]
    geometry = out.geometry.copy()
    geometry[i], geometry[j] = out.geometry[j], out.geometry[i]
    return out.set_geometry(geometry)


def test_names_on_the_wrong_polygons_are_refused(kept_source):
    registry, source = kept_source
    boundaries.check_geometry(source, registry, KEPT, KEPT)  # the kept copy passes
    far = _swap(source, registry, "Hà Giang", "Cà Mau")
    with pytest.raises(boundaries.BoundaryError, match="2 province") as info:
        boundaries.check_geometry(far, registry, "far.geojson")  # region bands alone catch it
    assert "02 Hà Giang" in str(info.value) and "96 Cà Mau" in str(info.value)
    near = _swap(source, registry, "Bắc Ninh", "Hưng Yên")  # neighbours of one region: the reference
    with pytest.raises(boundaries.BoundaryError) as info:
        boundaries.check_geometry(near, registry, "near.geojson", KEPT)
    assert "27 Bắc Ninh" in str(info.value) and "33 Hưng Yên" in str(info.value)


def test_shifted_layer_is_refused_by_the_build(kept_source, raw_copy, tmp_path, monkeypatch, capsys):
    registry, source = kept_source
    shifted = source.copy().set_geometry(source.geometry.translate(xoff=50))
    path = tmp_path / "shifted.geojson"
    shifted.rename(columns={"name_src": "ten_tinh"}).to_file(path, driver="GeoJSON")
    shutil.copy(KEPT, raw_copy / "geo" / KEPT.name)
    code = cli.main(["build", "--raw", str(raw_copy), "--out", str(tmp_path / "out"), "--boundaries", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "63 province(s) fail the geometry checks" in err and "01 Hà Nội: bounds" in err
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# #13 cross-checks
# ---------------------------------------------------------------------------------------------
def test_count_total_and_rate_must_agree(raw_copy, tmp_path):
    _edit(raw_copy, 5, "poor_households", "13578")  # Lạng Sơn 2025: the near-poor count in the poor column
    with pytest.raises(build.BuildError, match=r"fixture.csv, line 5: poor_households / total_households") as info:
        build.run(raw_copy, tmp_path / "out")
    assert "are two columns swapped?" in str(info.value)


def test_poor_plus_near_poor_must_be_the_combined_count(raw_copy, tmp_path):
    _edit(raw_copy, 6, "poor_near_poor_households", "25203")
    with pytest.raises(build.BuildError, match=r"line 6: poor_households \+ near_poor_households"):
        build.run(raw_copy, tmp_path / "out")


def test_swapped_poor_and_near_poor_are_flagged_not_refused(raw_copy, tmp_path, caplog):
    for column, other in (("poor_households", "near_poor_households"), ("poor_rate_pct", "near_poor_rate_pct")):
        rows = list(csv.DictReader((raw_copy / REVIEW).open(encoding="utf-8")))
        _edit(raw_copy, 4, column, rows[2][other])
        _edit(raw_copy, 4, other, rows[2][column])
    with caplog.at_level(logging.WARNING):
        build.run(raw_copy, tmp_path / "out")
    panel = pd.read_parquet(tmp_path / "out" / "poverty_panel.parquet").set_index(["province_code", "year"])
    assert "poor_rate_pct -5.68 points since 2024" in panel.loc[("20", 2025), "review_flag"]
    assert panel.loc[("20", 2024), "review_flag"] == ""
    assert "flagged for review" in caplog.text and "Lạng Sơn 2025" in caplog.text


def test_real_data_builds_with_the_cross_checks(real_processed):
    panel = pd.read_parquet(real_processed / "poverty_panel.parquet")
    assert "review_flag" in panel.columns
    assert (panel["review_flag"] != "").sum() <= 5


# ---------------------------------------------------------------------------------------------
# "Poor": clear errors and limits
# ---------------------------------------------------------------------------------------------
def test_empty_raw_file_is_named(raw_copy, tmp_path, capsys):
    (raw_copy / "statistics" / "poverty_review" / "empty.csv").write_bytes(b"")
    assert cli.main(["build", "--raw", str(raw_copy), "--out", str(tmp_path / "out")]) == 2
    assert "empty.csv: the file is empty (0 bytes)" in capsys.readouterr().err


def test_empty_tile_layout_is_named(raw_copy, tmp_path, capsys):
    (raw_copy / "geo" / "tiles_34.csv").write_bytes(b"")
    assert cli.main(["build", "--raw", str(raw_copy), "--out", str(tmp_path / "out")]) == 2
    assert "tiles_34.csv: the file is empty" in capsys.readouterr().err


def test_twenty_digit_count_is_refused(raw_copy, tmp_path, capsys):
    _edit(raw_copy, 3, "poor_households", "12345678901234567890")
    assert cli.main(["build", "--raw", str(raw_copy), "--out", str(tmp_path / "out")]) == 2
    assert "a number of 20 digits" in capsys.readouterr().err


def test_huge_raw_file_is_refused_before_reading(raw_copy, tmp_path):
    path = raw_copy / "statistics" / "poverty_review" / "huge.csv"
    with path.open("wb") as handle:
        handle.write(b"province,year\n")
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB without writing them
    with pytest.raises(build.BuildError, match="raw tables are limited to"):
        build.run(raw_copy, tmp_path / "out")


def test_long_input_is_cut_in_messages(raw_copy, tmp_path):
    _edit(raw_copy, 3, "province", "Lạng Sơn" * 2000)
    _edit(raw_copy, 4, "poor_rate_pct", "x" * 5000)
    with pytest.raises(build.BuildError) as info:
        build.run(raw_copy, tmp_path / "out")
    assert len(str(info.value)) < 1000 and "(5000 characters)" in str(info.value)


@pytest.mark.parametrize("value", [20, b"Ha Noi", None])
def test_resolve_names_the_type_expected(value):
    with pytest.raises(ProvinceNameError, match="expects a province name as str"):
        resolve(value)


def test_build_out_or_raw_is_a_file(raw_copy, tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    assert cli.main(["build", "--raw", str(raw_copy), "--out", str(target)]) == 2
    assert "the output must be a folder, not a file" in capsys.readouterr().err
    assert cli.main(["build", "--raw", str(target), "--out", str(tmp_path / "o")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_extract_out_is_a_file(tmp_path, capsys):
    text = tmp_path / "doc.txt"
    text.write_text("Năm 2024, tỷ lệ hộ nghèo còn 3,36%.", encoding="utf-8")
    assert cli.main(["extract", str(text), "--out", str(text)]) == 2
    assert "is a file; expected a folder" in capsys.readouterr().err


def test_schema_read_errors_name_the_file(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a,b\n1,\x002\n")
    with pytest.raises(SchemaError, match="bad.csv.*NUL bytes"):
        read_csv_text(path)
    path.write_bytes(b"a,b\n\xff\xfe,1\n")
    with pytest.raises(SchemaError, match="bad.csv: not UTF-8"):
        read_csv_text(path)
    path.write_bytes(b"\n\n  \n")
    with pytest.raises(SchemaError, match="bad.csv: the file is empty"):
        read_csv_text(path)
