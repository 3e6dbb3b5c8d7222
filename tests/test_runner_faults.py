"""Faults of the runner (issue 15): a killed worker, Ctrl-C, bad notebooks and options, unwritable reports."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from study import build, cli, execute
from study.execute import params, run
from study.execute.plan import cache_hit
from study.registry import provinces
from tests.conftest import minimal_raw

planmod = sys.modules["study.execute.plan"]

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MINI = HERE / "data" / "notebooks" / "mini_profile.ipynb"
STATE = HERE / "data" / "notebooks" / "state_check.ipynb"

FAULTY = [
    'province = "Lạng Sơn"\nmode = ""\nmarker = ""',
    "import os, pathlib, signal, time\nwho = province.replace(' ', '_')",
    "if mode == 'kill_once' and province == 'Bắc Ninh' and not pathlib.Path(marker).exists():\n"
    "    pathlib.Path(marker).write_text('x')\n    os.kill(os.getppid(), signal.SIGKILL)\n    time.sleep(60)\n"
    "if mode == 'kill_always' and province == 'Bắc Ninh':\n    os.kill(os.getppid(), signal.SIGKILL)\n"
    "    time.sleep(60)",
    "if mode == 'sleep' and province != 'Lạng Sơn':\n"
    "    pathlib.Path(marker, who).write_text(str(os.getpid()))\n    time.sleep(120)",
    "print('done', province)",
]


@pytest.fixture(scope="module")
def data_env(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults_data")
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
    folder = tmp_path / "reports"
    monkeypatch.setenv("STUDY_REPORTS_DIR", str(folder))
    return folder


@pytest.fixture
def faulty(tmp_path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in FAULTY]
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "faulty.ipynb"
    nbformat.write(nb, path)
    return path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


# ---------------------------------------------------------------------------------------------
# #2 a killed worker costs at most its run
# ---------------------------------------------------------------------------------------------
def test_killed_worker_is_replaced_and_its_run_retried(reports, faulty, tmp_path):
    names = ["Lạng Sơn", "Bắc Ninh", "Quảng Bình"]
    jobs = execute.plan(faulty, {"mode": "kill_once", "marker": str(tmp_path / "killed")}, province_names=names)
    result = execute.execute(jobs, workers=2, progress=False)
    assert (tmp_path / "killed").exists()  # the worker was killed once
    assert result.exit_code == 0, result.failures
    assert all(job.output.is_file() for job in jobs)


def test_worker_killed_twice_fails_only_its_run(reports, faulty, capsys):
    names = ["Lạng Sơn", "Bắc Ninh", "Quảng Bình"]
    jobs = execute.plan(faulty, {"mode": "kill_always"}, province_names=names)
    result = execute.execute(jobs, workers=2, progress=False)
    assert [r["province"] for r in result.failures] == ["Bắc Ninh"]
    assert "died" in result.failures[0]["evalue"] and "2 times" in result.failures[0]["evalue"]
    assert sorted(r["province"] for r in result.results if r["status"] == "ok") == ["Lạng Sơn", "Quảng Bình"]
    assert "trying it once more" in capsys.readouterr().err
    assert not [p for p in (reports / "faulty").rglob(".*") if ".partial" in p.name]


# ---------------------------------------------------------------------------------------------
# #3 one Ctrl-C (or kill -INT of the main process) stops the batch within seconds
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("group", [False, True], ids=["kill-INT-main", "ctrl-c-process-group"])
def test_interrupt_stops_runs_and_kernels(reports, faulty, tmp_path, data_env, group):
    marker = tmp_path / "pids"
    marker.mkdir()
    env = {**os.environ, "STUDY_REPORTS_DIR": str(reports), "PYTHONUNBUFFERED": "1"}
    command = [
        sys.executable,
        "-m",
        "study.cli",
        "batch",
        str(faulty),
        "--province",
        "Lạng Sơn,Bắc Ninh,Quảng Bình",
        "-j",
        "3",
        "-p",
        "mode",
        "sleep",
        "-p",
        "marker",
        str(marker),
        "--no-progress",
        "--no-site",
    ]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(list(marker.iterdir())) < 2 or not (reports / "faulty" / "lang-son.ipynb").exists():
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.2)
    kernels = [int(p.read_text()) for p in marker.iterdir()]
    started = time.monotonic()
    if group:
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    err = err.decode()
    assert proc.returncode == 130, err
    assert time.monotonic() - started < 10
    assert "interrupted" in err and "Traceback" not in err
    time.sleep(1)
    assert not [pid for pid in kernels if _alive(pid)]
    folder = reports / "faulty"
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    assert sorted(p.name for p in folder.glob("*.ipynb")) == ["lang-son.ipynb"]
    again = execute.plan(faulty, {"mode": "sleep", "marker": str(marker)}, province_names=["Lạng Sơn"])
    assert cache_hit(again[0])  # the finished run stays cached


# ---------------------------------------------------------------------------------------------
# #9 and the "Poor" list
# ---------------------------------------------------------------------------------------------
def test_notebook_named_site_is_refused(reports, tmp_path):
    site = tmp_path / "site.ipynb"
    shutil.copy(STATE, site)
    with pytest.raises(execute.ParameterError, match="reserved"):
        execute.plan(site, province_names=["Lạng Sơn"])
    assert not (reports / "site").exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary", b"{not json", b"[1, 2]"],
    ids=["empty", "binary", "not-json", "not-a-notebook"],
)
def test_bad_notebook_files_are_refused(reports, tmp_path, capsys, content):
    path = tmp_path / "bad.ipynb"
    path.write_bytes(content)
    assert cli.main(["run", str(path), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "bad.ipynb" in err and "Traceback" not in err


COMPARE = REPO / "notebooks" / "compare_provinces.ipynb"


@pytest.mark.parametrize(
    ("notebook", "args", "message"),
    [
        (COMPARE, ["-p", "regime", "35"], "takes one of '63', '34'"),
        (COMPARE, ["-p", "series", "survey"], "takes one of 'gso', 'review'"),
        (MINI, ["-p", "lang", "fr"], "takes one of 'vi', 'en'"),
    ],
)
def test_bad_parameter_values_are_refused_before_running(reports, capsys, notebook, args, message):
    assert cli.main(["run", str(notebook), *args, "--no-progress"]) == 2
    assert message in capsys.readouterr().err
    assert not list(reports.rglob("*.ipynb"))


def test_timeout_and_jobs_are_checked():
    for bad in ("0", "-5", "x"):
        with pytest.raises(argparse.ArgumentTypeError):
            params.check_timeout(bad)
        with pytest.raises(argparse.ArgumentTypeError):
            params.check_jobs(bad)
    assert params.check_timeout("30") == 30 and params.check_jobs("2") == 2
    cap = params.MAX_JOBS_PER_CORE * (os.cpu_count() or 1)
    assert params.check_jobs(str(cap * 10)) == cap
    with pytest.raises(execute.ParameterError, match="timeout"):
        execute.plan(MINI, timeout=0)


def test_batch_all_before_any_build(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(tmp_path / "nothing"))
    monkeypatch.setenv("STUDY_REPORTS_DIR", str(tmp_path / "reports"))
    provinces._registry.cache_clear()
    try:
        assert cli.main(["batch", str(MINI), "--province", "all", "--no-progress"]) == 2
        assert cli.main(["batch", str(MINI), "--province", "Lạng Sơn", "--no-progress"]) == 2
    finally:
        provinces._registry.cache_clear()
    err = capsys.readouterr().err
    assert "study build" in err and "Traceback" not in err


def test_long_names_are_cut_in_messages(reports):
    with pytest.raises(execute.ParameterError) as info:
        execute.plan(MINI, [("year", "9" * 5000)])
    assert len(str(info.value)) < 400


def test_unwritable_reports_folder_is_refused(data_env, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("STUDY_REPORTS_DIR", str(blocker / "reports"))
    assert cli.main(["run", str(MINI), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "cannot write the outputs there" in err and "Traceback" not in err


def test_full_disk_is_refused_before_running(reports, monkeypatch):
    monkeypatch.setattr(planmod.shutil, "disk_usage", lambda p: shutil._ntuple_diskusage(1, 1, 1024))
    with pytest.raises(execute.ParameterError, match="MiB free"):
        execute.plan(MINI)


def test_disk_full_during_a_run_leaves_no_truncated_notebook(reports, monkeypatch):
    import papermill.iorw

    real = papermill.iorw.write_ipynb

    def half(nb, path, **kwargs):
        text = nbformat.writes(nb)
        Path(path).write_text(text[: len(text) // 2], encoding="utf-8")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(papermill.iorw, "write_ipynb", half)
    monkeypatch.setattr(papermill.execute, "write_ipynb", half, raising=False)
    (job,) = execute.plan(STATE, province_names=["Lạng Sơn"])
    result = execute.execute([job], progress=False)
    monkeypatch.setattr(papermill.iorw, "write_ipynb", real)
    (entry,) = result.failures
    assert "No space left on device" in entry["evalue"]
    folder = reports / "state_check"
    assert not (folder / "failures").exists() or not list((folder / "failures").iterdir())
    assert not [p for p in folder.rglob("*") if ".partial" in p.name]


def test_malformed_files_under_reports_do_not_stop_a_batch(reports):
    (job,) = execute.plan(STATE, province_names=["Lạng Sơn"])
    folder = reports / "state_check"
    folder.mkdir(parents=True, exist_ok=True)
    job.output.write_text('{"cells": [', encoding="utf-8")  # truncated output, no cache record
    (folder / "failures.json").write_text("{", encoding="utf-8")
    Path(job.cache_dir, f"{job.key}.json").write_text("not json", encoding="utf-8")
    result = execute.execute([job], progress=False)
    assert result.exit_code == 0, result.failures
    assert json.loads(job.output.read_text(encoding="utf-8"))["cells"]


def test_run_reports_unwritable_output_as_its_failure(reports, monkeypatch):
    (job,) = execute.plan(STATE, province_names=["Lạng Sơn"])

    def refuse(new, final):
        raise PermissionError(13, "Permission denied", str(final))

    monkeypatch.setattr(run, "_swap_in", refuse)
    result = execute.execute([job], progress=False)
    (entry,) = result.failures
    assert "Permission denied" in entry["evalue"] and "read-only or full" in entry["evalue"]
