"""Benchmark ``study batch`` against a plain loop of papermill command-line calls.

Prints, in one run:

* where a single run's time goes (papermill import, kernel start, each cell of the notebook);
* the wall time of a plain loop ``papermill in out -p province X`` over a set of provinces;
* the wall time of ``study batch`` on the same notebook and provinces (warm kernels, the default),
  and with ``--fresh-kernel``, both as new processes (interpreter start and imports included), and
  the ratio to the loop;
* the wall time of ``study batch --province all`` once every province is up to date (cached);
* peak resident memory per worker (worker process + its kernel, VmHWM) and of the loop's largest process.

Usage::

    .venv/bin/python benchmarks/bench_batch.py                       # notebooks/province_profile if it exists
    .venv/bin/python benchmarks/bench_batch.py --notebook tests/data/notebooks/mini_profile.ipynb -n 6 -j 2

Outputs go to a temporary reports folder; ``reports/`` is not touched. Without processed data in
``data/processed`` the minimal test data are built into a temporary folder. This is a measurement,
not a test: it reports whatever it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _minimal_data(base: Path) -> dict[str, str]:
    raw = base / "raw"
    shutil.copytree(REPO / "data" / "raw" / "admin", raw / "admin")
    shutil.copytree(REPO / "tests" / "data" / "raw_minimal" / "statistics", raw / "statistics")
    env = {"STUDY_RAW_DIR": str(raw), "STUDY_PROCESSED_DIR": str(base / "processed")}
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "study.cli",
            "build",
            "--raw",
            str(raw),
            "--out",
            env["STUDY_PROCESSED_DIR"],
        ],
        check=True,
        env={**os.environ, **env},
        capture_output=True,
    )
    return env


def _timed(command: list[str], env: dict) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True)
    return time.perf_counter() - start, done


_DRIVER = """
import json, sys
from study import execute
jobs = execute.plan(sys.argv[1], province_names=json.loads(sys.argv[2]), reuse_kernel=sys.argv[4] == 'warm')
result = execute.execute(jobs, workers=int(sys.argv[3]), progress=False)
print(json.dumps({"results": result.results, "cached": len(result.cached), "seconds": result.seconds}))
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_nb = REPO / "notebooks" / "province_profile.ipynb"
    if not default_nb.exists():
        default_nb = REPO / "tests" / "data" / "notebooks" / "mini_profile.ipynb"
    parser.add_argument("--notebook", default=str(default_nb))
    parser.add_argument("-n", "--provinces", type=int, default=6, help="how many provinces (first by code)")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    env = {"STUDY_REPORTS_DIR": str(work / "reports")}
    if not (REPO / "data" / "processed" / "datapackage.json").exists():
        env.update(_minimal_data(work / "data"))
    os.environ.update(env)
    sys.path.insert(0, str(REPO / "src"))
    from study import execute

    notebook = execute.find_notebook(args.notebook)
    declared = execute.notebook_parameters(notebook)
    units = execute.provinces_with_data()
    if len(units) < args.provinces:
        units = (units * args.provinces)[: args.provinces] if units else []
    units = units[: args.provinces]
    names = [u.name_vi for u in units]
    distinct = list(dict.fromkeys(names))
    print(f"notebook: {notebook.relative_to(REPO) if notebook.is_relative_to(REPO) else notebook}")
    print(f"provinces ({len(distinct)}): {', '.join(distinct)}; workers: {args.jobs}; cores: {os.cpu_count()}")
    print(f"data: {os.environ.get('STUDY_PROCESSED_DIR', REPO / 'data' / 'processed')}\n")

    # 1. where a run's time goes ---------------------------------------------------------------
    print("== where one run's time goes ==")
    seconds, _ = _timed([str(BIN / "python"), "-c", "pass"], env)
    print(f"python start                               {seconds:6.2f} s")
    seconds, _ = _timed([str(BIN / "python"), "-c", "import papermill"], env)
    print(f"python + import papermill (nbformat etc.)  {seconds:6.2f} s")
    seconds, _ = _timed(
        [
            str(BIN / "python"),
            "-c",
            "from jupyter_client.manager import start_new_kernel as s; "
            "km, kc = s(kernel_name='python3'); kc.stop_channels(); km.shutdown_kernel(now=True)",
        ],
        env,
    )
    print(f"python + start and stop a kernel           {seconds:6.2f} s")
    loop_dir = work / "loop"
    loop_dir.mkdir()
    first = loop_dir / "profile.ipynb"
    command = [
        str(BIN / "papermill"),
        str(notebook),
        str(first),
        "--no-progress-bar",
        "-p",
        "province",
        distinct[0],
    ]
    if "output_dir" in declared:
        command += ["-p", "output_dir", str(loop_dir / "profile_files")]
    seconds, done = _timed(command, env)
    if done.returncode != 0:
        print(done.stderr[-3000:])
        return 1
    print(f"papermill CLI, whole run                   {seconds:6.2f} s")
    cells = json.loads(first.read_text(encoding="utf-8"))["cells"]
    timed = sorted(
        (
            (c["metadata"].get("papermill", {}).get("duration") or 0.0, i, c)
            for i, c in enumerate(cells)
            if c["cell_type"] == "code"
        ),
        key=lambda t: (-t[0], t[1]),
    )
    print(f"  cells (sum {sum(t[0] for t in timed):.2f} s), slowest:")
    for duration, index, cell in timed[:6]:
        line = next((s for s in "".join(cell["source"]).splitlines() if s.strip()), "")[:70]
        print(f"    {duration:6.2f} s  cell {index:2d}  {line}")

    # 2. plain papermill loop ------------------------------------------------------------------
    print("\n== plain loop of papermill CLI calls vs study batch ==")
    start = time.perf_counter()
    for i, name in enumerate(names):
        command = [
            str(BIN / "papermill"),
            str(notebook),
            str(loop_dir / f"{i}.ipynb"),
            "--no-progress-bar",
            "-p",
            "province",
            name,
        ]
        if "output_dir" in declared:
            command += ["-p", "output_dir", str(loop_dir / f"{i}_files")]
        subprocess.run(command, env={**os.environ, **env}, check=True, capture_output=True)
    loop_seconds = time.perf_counter() - start
    loop_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"papermill loop, {len(names)} runs                 {loop_seconds:7.2f} s  "
        f"({loop_seconds / len(names):.2f} s/run; largest process {loop_peak:.0f} MB)"
    )

    # 3. study batch (new process each, like the command line) -----------------------------------
    peaks = {}
    for mode in ("warm", "fresh"):
        shutil.rmtree(work / "reports", ignore_errors=True)
        seconds, done = _timed(
            [str(BIN / "python"), "-c", _DRIVER, str(notebook), json.dumps(distinct), str(args.jobs), mode],
            env,
        )
        if done.returncode != 0:
            print(done.stderr[-3000:])
            return 1
        out = json.loads(done.stdout.strip().splitlines()[-1])
        failed = [r for r in out["results"] if r["status"] != "ok"]
        peak = max((r.get("worker_mb") or 0) + (r.get("kernel_mb") or 0) for r in out["results"])
        peaks[mode] = (
            peak,
            max(r.get("worker_mb") or 0 for r in out["results"]),
            max(r.get("kernel_mb") or 0 for r in out["results"]),
        )
        label = "study batch (warm kernels)" if mode == "warm" else "study batch --fresh-kernel"
        ratio = (loop_seconds / len(names)) / (seconds / len(distinct))
        print(
            f"{label:28s} {len(distinct)} runs  {seconds:7.2f} s  ({seconds / len(distinct):.2f} s/run; "
            f"loop/batch ratio {ratio:.1f}x)"
        )
        if failed:
            print(f"  FAILED: {failed}")
    # 4. cached re-run of all provinces ----------------------------------------------------------
    print("\n== cached re-run of all provinces ==")
    shutil.rmtree(work / "reports", ignore_errors=True)
    all_command = [
        str(BIN / "python"),
        "-m",
        "study.cli",
        "batch",
        str(notebook),
        "--province",
        "all",
        "-j",
        str(args.jobs),
        "--no-progress",
        "--no-site",
    ]
    seconds, done = _timed(all_command, env)
    n_all = len(execute.provinces_with_data())
    print(f"study batch --province all (first run)     {seconds:7.2f} s  {done.stderr.strip().splitlines()[-1]}")
    print(
        f"  = {seconds / n_all:.2f} s/run; the loop's {loop_seconds / len(names):.2f} s/run x {n_all} runs "
        f"would take {loop_seconds / len(names) * n_all:.0f} s (extrapolated, not run): ratio "
        f"{loop_seconds / len(names) * n_all / seconds:.1f}x"
    )
    seconds, done = _timed(all_command, env)
    print(f"study batch --province all (all cached)    {seconds:7.2f} s  {done.stderr.strip().splitlines()[-1]}")

    print("\n== peak memory per worker (resident, VmHWM; shared pages counted in each process) ==")
    for mode, (peak, worker, kernel) in peaks.items():
        print(f"{mode:6s} worker + kernel {peak:6.0f} MB  (worker {worker:.0f} MB, kernel {kernel:.0f} MB)")
    print(f"papermill loop, largest single process {loop_peak:.0f} MB")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
