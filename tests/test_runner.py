"""Tests of study.runner: parameter checks, outputs, cache, failures, atomic writes, kernels, Dask.

The notebooks are the tiny ones in tests/data/notebooks; the processed data are built from
data/raw/admin plus the fixture in tests/data/raw_minimal, so no test needs the network or the full data.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from study import build, cli, execute
from study.registry import provinces
from tests.conftest import minimal_raw

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTEBOOKS = HERE / "data" / "notebooks"
MINI = NOTEBOOKS / "mini_profile.ipynb"
FAILS = NOTEBOOKS / "fails_for_one.ipynb"
STATE = NOTEBOOKS / "state_check.ipynb"


@pytest.fixture(scope="module")
def data_env(tmp_path_factory):
    """Processed data built from the minimal fixture; STUDY_* variables point at it."""
    base = tmp_path_factory.mktemp("runner_data")
    raw = base / "raw"
    minimal_raw(raw)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STUDY_RAW_DIR", str(raw))
        mp.setenv("STUDY_PROCESSED_DIR", str(base / "processed"))
        provinces._registry.cache_clear()
        build.run(raw, base / "processed")
        yield base
        execute.shutdown_kernels()
    provinces._registry.cache_clear()


@pytest.fixture
def reports(data_env, tmp_path, monkeypatch):
    """A fresh, empty reports folder for one test."""
    folder = tmp_path / "reports"
    monkeypatch.setenv("STUDY_REPORTS_DIR", str(folder))
    return folder


def _hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if ".partial" in p.name or ".old" in p.name)


# ---------------------------------------------------------------------------------------------
# checks before anything runs
# ---------------------------------------------------------------------------------------------
def test_unknown_parameter_is_rejected(reports):
    with pytest.raises(execute.ParameterError, match=r"does not declare parameter\(s\) 'provinse'.*lang"):
        execute.plan(MINI, {"provinse": "Lạng Sơn"})
    assert not reports.joinpath("mini_profile").exists()


def test_values_are_coerced_to_the_declared_types(reports):
    (job,) = execute.plan(MINI, [("year", "2023"), ("province", "lang son")])
    assert job.parameters == {"year": 2023, "province": "Lạng Sơn"}
    with pytest.raises(execute.ParameterError, match="'year' of mini_profile.ipynb expects an integer"):
        execute.plan(MINI, [("year", "twenty")])
    spec = {"default": "False", "inferred_type_name": "None"}
    assert execute.coerce("flag", "yes", spec) is True
    assert execute.coerce("xs", "a, b", {"default": "['x']", "inferred_type_name": "None"}) == ["a", "b"]
    assert execute.coerce("x", "1,5", {"default": "0.5", "inferred_type_name": "None"}) == 1.5
    assert execute.coerce("n", "3", {"default": "None", "inferred_type_name": "int"}) == 3
    with pytest.raises(execute.ParameterError):
        execute.coerce("flag", "maybe", spec)


def test_provinces_are_resolved_and_named_safely(reports):
    jobs = execute.plan(MINI, province_names=["lang son", "BẮC NINH", "Lạng Sơn"], lang="en")
    assert [j.name for j in jobs] == ["lang-son_en", "bac-ninh_en"]  # duplicates dropped
    assert [j.parameters["province"] for j in jobs] == ["Lạng Sơn", "Bắc Ninh"]
    assert all(j.parameters["lang"] == "en" for j in jobs)
    assert jobs[0].output == reports / "mini_profile" / "lang-son_en.ipynb"


def test_unknown_province_shows_the_registry_message(reports, capsys):
    with pytest.raises(execute.ParameterError, match="Closest names: Lạng Sơn"):
        execute.plan(MINI, province_names=["Lang Sonn"])
    code = cli.main(["batch", str(MINI), "--province", "Lang Sonn", "--no-progress"])
    assert code == 2
    assert "unknown province name 'Lang Sonn'" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["../../etc/passwd", "..", "../reports/x", "/tmp/x"])
def test_unsafe_names_cannot_leave_reports(reports, name):
    with pytest.raises(execute.ParameterError):
        execute.plan(MINI, province_names=[name])
    with pytest.raises(execute.ParameterError):
        execute.plan(MINI, {"province": name})
    try:  # an output name is slugged, or refused when nothing safe is left
        jobs = execute.plan(STATE, {"label": name}, name=name)
    except execute.ParameterError as error:
        assert "safe output name" in str(error)
        jobs = []
    for job in jobs:
        assert job.output.resolve().parent == (reports / "state_check").resolve()
        assert not job.name.startswith(".") and "/" not in job.name
    with pytest.raises(execute.ParameterError, match="output_dir is set by the runner"):
        execute.plan(MINI, {"output_dir": name})


def test_slug_is_ascii():
    assert execute.slug("Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau"
    assert execute.slug("TP. Hồ Chí Minh") == "tp-ho-chi-minh"
    assert execute.slug("../..") == ""
    assert execute.slug("province_profile", keep="_") == "province_profile"


def test_all_means_every_province_with_data(reports):
    from study import load

    jobs = execute.plan(MINI, province_names="all")
    expected = set(load.poverty_panel()["province_code"]) | set(load.documents()["province_code"])
    assert [j.province_code for j in jobs] == sorted(expected)


def test_cache_key_follows_notebook_parameters_and_data(reports, data_env, tmp_path):
    a = execute.plan(MINI, {"province": "Lạng Sơn"})[0].key
    assert execute.plan(MINI, {"province": "lang son"})[0].key == a
    assert execute.plan(MINI, {"province": "Lạng Sơn", "year": "2023"})[0].key != a
    copy = tmp_path / "mini_profile.ipynb"
    copy.write_bytes(MINI.read_bytes() + b"\n")
    assert execute.plan(copy, {"province": "Lạng Sơn"})[0].key != a
    package = data_env / "processed" / "datapackage.json"
    before = package.read_text(encoding="utf-8")
    try:
        package.write_text(before.replace("sha256:", "sha256:0", 1), encoding="utf-8")
        assert execute.plan(MINI, {"province": "Lạng Sơn"})[0].key != a
    finally:
        package.write_text(before, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# execution
# ---------------------------------------------------------------------------------------------
def test_batch_writes_outputs_then_cache_skips_them(reports):
    jobs = execute.plan(MINI, province_names=["Lạng Sơn", "Bắc Ninh"], lang="en")
    result = execute.execute(jobs, workers=2, progress=False)
    assert result.exit_code == 0, result.failures
    folder = reports / "mini_profile"
    for stem in ("lang-son_en", "bac-ninh_en"):
        nb = json.loads((folder / f"{stem}.ipynb").read_text(encoding="utf-8"))
        assert nb["metadata"]["papermill"]["parameters"]["output_dir"] == f"{stem}_files"
        injected = [c for c in nb["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
        assert f'output_dir = "{stem}_files"' in "".join(injected[0]["source"])
        province = nb["metadata"]["papermill"]["parameters"]["province"]
        assert f'province = "{province}"' in "".join(injected[0]["source"])  # readable, not \u-escaped
        assert {p.name for p in (folder / f"{stem}_files").iterdir()} == {
            "trajectory.png",
            "trajectory.svg",
            "panel.csv",
        }
    assert _hidden(folder) == []
    assert all(r["worker_mb"] > 0 for r in result.results)

    again = execute.execute(
        execute.plan(MINI, province_names=["Lạng Sơn", "Bắc Ninh"], lang="en"), workers=2, progress=False
    )
    assert again.results == [] and len(again.cached) == 2
    assert again.seconds < 2
    assert execute.execute(jobs[:1], force=True, progress=False).results[0]["status"] == "ok"


def test_failure_is_reported_and_others_finish(reports, capsys):
    code = cli.main(["batch", str(FAILS), "--province", "Lạng Sơn,Bắc Ninh", "-j", "2", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Bắc Ninh" in err and "cell 4" in err and "# deliberate failure for one province" in err
    assert "ValueError: no target data for Bắc Ninh" in err
    folder = reports / "fails_for_one"
    report = json.loads((folder / "failures.json").read_text(encoding="utf-8"))
    (entry,) = report["failures"]
    assert entry["province"] == "Bắc Ninh" and entry["ename"] == "ValueError"
    assert entry["cell_index"] == 4 and entry["source_cell_index"] == 3
    assert entry["cell_source"] == "# deliberate failure for one province"
    assert (reports / entry["failed_notebook"]).is_file()
    # the other province finished; the failed one left no output, no partial file, no figures
    assert (folder / "lang-son.ipynb").is_file() and (folder / "lang-son_files" / "panel.csv").is_file()
    assert not (folder / "bac-ninh.ipynb").exists() and not (folder / "bac-ninh_files").exists()
    assert _hidden(folder) == []
    # the batch rebuilt the site, which shows the finished run
    index = (reports / "site" / "index.html").read_text(encoding="utf-8")
    assert "lang-son" in index


def test_interrupted_batch_is_finished_by_running_it_again(reports):
    folder = reports / "state_check"
    first = execute.execute(execute.plan(STATE, province_names=["Lạng Sơn"]), progress=False)
    assert first.exit_code == 0
    # what a killed worker leaves behind: a partial notebook and files of a process that is gone
    folder.joinpath(".bac-ninh.partial-999999-0123abcd.ipynb").write_text("{", encoding="utf-8")
    folder.joinpath(".bac-ninh_files.partial-999999-0123abcd").mkdir()
    second = execute.execute(execute.plan(STATE, province_names=["Lạng Sơn", "Bắc Ninh"]), progress=False)
    assert [r["name"] for r in second.results] == ["bac-ninh"] and len(second.cached) == 1
    assert _hidden(folder) == []
    assert sorted(p.name for p in folder.glob("*.ipynb")) == ["bac-ninh.ipynb", "lang-son.ipynb"]


def test_warm_kernel_is_reset_between_runs(reports):
    jobs = execute.plan(STATE, province_names=["Lạng Sơn", "Bắc Ninh", "Quảng Bình"])
    result = execute.execute(jobs, workers=1, progress=False)  # one kernel for the three runs
    assert result.exit_code == 0, result.failures  # the notebook asserts that nothing leaked
    nb = json.loads(jobs[-1].output.read_text(encoding="utf-8"))
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == [1, 2, 3]
    assert "".join(nb["cells"][-1]["outputs"][0]["text"]).strip() == str(NOTEBOOKS)  # cwd restored


def test_fresh_kernel_option(reports):
    (job,) = execute.plan(STATE, {"province": "Bắc Ninh"}, reuse_kernel=False)
    assert execute.execute([job], progress=False).exit_code == 0


def test_dask_local_cluster(reports):
    distributed = pytest.importorskip("distributed")
    jobs = execute.plan(STATE, province_names=["Lạng Sơn", "Bắc Ninh"])
    with distributed.LocalCluster(
        n_workers=1, processes=False, threads_per_worker=2, dashboard_address=None
    ) as cluster:
        result = execute.execute(jobs, scheduler=cluster.scheduler_address, progress=False)
    assert result.exit_code == 0, result.failures
    assert all(job.output.is_file() for job in jobs)


def test_register_adds_run_and_batch():
    parser = cli.build_parser()
    args = parser.parse_args(
        [
            "batch",
            "province_profile",
            "--province",
            "all",
            "-j",
            "3",
            "--lang",
            "vi",
            "-p",
            "year",
            "2024",
            "--scheduler",
            "tcp://x:8786",
            "--force",
        ]
    )
    assert (args.jobs, args.lang, args.parameter, args.scheduler, args.force) == (
        3,
        "vi",
        [["year", "2024"]],
        "tcp://x:8786",
        True,
    )
    args = parser.parse_args(["run", "province_profile", "-p", "province", "Huế"])
    assert args.func is cli._cmd_run


def test_missing_notebook_lists_known_ones(reports):
    with pytest.raises(execute.ParameterError, match="no notebook 'nope'"):
        execute.find_notebook("nope")


@pytest.fixture(autouse=True, scope="module")
def _no_stray_kernels():
    yield
    execute.shutdown_kernels()
    assert os.getpid()  # kernels of forked workers exit with their worker (ipykernel's parent poller)
