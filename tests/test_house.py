"""The house: reproducible outputs in warm kernels, a cache key that covers every input, full validation reports.

Each test here failed before the layout issue's fixes: SVG ids were random from the second run in a
warm kernel, the cache key ignored the tile grids, the standards, the lock file and the boundary
setting, and validation stopped at the first bad cell with line numbers that skipped blank lines.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from study import build, execute
from study.registry import provinces
from study.schema import SchemaError
from tests.conftest import minimal_raw

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIGURES = HERE / "data" / "notebooks" / "figure_check.ipynb"
NAMES = ["Lạng Sơn", "Bắc Ninh", "Kon Tum"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """Raw data copied (admin, tiles, programme, the minimal statistics) and built; STUDY_* point at it."""
    base = tmp_path_factory.mktemp("house")
    raw = base / "raw"
    minimal_raw(raw, programme=True)
    root = base / "root"
    root.mkdir()
    shutil.copy(REPO / "requirements.lock", root / "requirements.lock")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STUDY_RAW_DIR", str(raw))
        mp.setenv("STUDY_PROCESSED_DIR", str(base / "processed"))
        mp.setenv("STUDY_REPORTS_DIR", str(base / "reports"))
        mp.setenv("STUDY_ROOT", str(root))
        mp.delenv("STUDY_BOUNDARIES", raising=False)
        provinces._registry.cache_clear()
        build.run(raw, base / "processed")
        yield base
        execute.shutdown_kernels()
    provinces._registry.cache_clear()


def _digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*_files/*"))
        if p.suffix in (".png", ".svg", ".csv")
    }


def test_warm_kernel_outputs_are_byte_identical_to_fresh_ones(env):
    reports = env / "reports" / "figure_check"
    runs = []
    for fresh in (False, False, True):  # warm twice (the second run reuses reset kernels), then fresh
        jobs = execute.plan(FIGURES, province_names=NAMES, reuse_kernel=not fresh)
        result = execute.execute(jobs, workers=1, force=True, progress=False)
        assert result.exit_code == 0, result.failures
        runs.append(_digests(reports))
    assert len(runs[0]) == 3 * len(NAMES)
    assert runs[0] == runs[1] == runs[2]


def _key(env) -> str:
    return execute.plan(FIGURES, {"province": "Lạng Sơn"})[0].key


def _rebuild(env):
    provinces._registry.cache_clear()
    build.run(env / "raw", env / "processed")


@pytest.mark.parametrize("edit", ["tiles", "standard", "lock", "boundaries_setting", "review"])
def test_cache_key_changes_with_every_kind_of_input(env, edit, monkeypatch):
    before = _key(env)
    raw = env / "raw"
    if edit == "tiles":
        path = raw / "geo" / "tiles_63.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("LSN", "LSO", 1), encoding="utf-8")
    elif edit == "standard":
        path = raw / "programme" / "poverty_standard.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Income criterion", "Income line", 1), encoding="utf-8")
    elif edit == "review":
        path = raw / "statistics" / "poverty_review" / "fixture.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("newspaper", "secondary", 1), encoding="utf-8")
    elif edit == "lock":
        path = env / "root" / "requirements.lock"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "# re-pinned\n", encoding="utf-8")
    try:
        if edit == "boundaries_setting":
            monkeypatch.setenv("STUDY_BOUNDARIES", "/elsewhere/other.geojson")
        else:
            _rebuild(env)
        assert _key(env) != before, f"changing the {edit} left the cache key as it was"
    finally:
        if edit != "boundaries_setting":
            path.write_text(text, encoding="utf-8")
            if edit != "lock":
                _rebuild(env)
    assert _key(env) == before or edit == "boundaries_setting"


def test_validation_reports_every_bad_cell_with_physical_lines(tmp_path):
    from study.schema import POVERTY_REVIEW, read_csv_text, validate

    header = ",".join(POVERTY_REVIEW.columns)
    good = (
        "Lạng Sơn,63,2023,13578,6.02,,,,,,nd07_2021,end_of_year,newspaper,https://example.org/a,"
        '"A title\nthat spans\nthree lines",,,,,'
    )
    lines = [
        header,
        good,
        "",
        good.replace("13578", "-5").replace("2023", "2022"),
        good.replace("6.02", '"8,92"').replace("2023", "2021").replace("https://example.org/a", ""),
    ]
    path = tmp_path / "review.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        validate(read_csv_text(path), POVERTY_REVIEW, path)
    message = str(info.value)
    assert "4 bad cell(s)" in message  # the empty source is reported as a required cell and as no source
    # the first record spans lines 2-4, a blank line 5, then records on lines 6-8 and 9-11
    assert "line 6: column 'poor_households' has -5" in message
    assert "line 9: column 'poor_rate_pct' has '8,92'" in message
    assert "line 9: no source" in message and "line 9: column 'source_url' is empty" in message
