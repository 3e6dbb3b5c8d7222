"""A batch: many runs on worker processes, failures isolated and reported, interruption handled."""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from study import paths
from study.execute.kernels import _register_engine, _worker_init, shutdown_kernels
from study.execute.plan import Job, cache_hit
from study.execute.run import _relative, run_job
from study.util.files import atomic_write_json


@dataclass
class BatchResult:
    """What a batch did: the runs it executed, the ones the cache skipped, and how long it took."""

    jobs: list[Job]
    results: list[dict]
    cached: list[Job]
    seconds: float
    interrupted: bool = False

    @property
    def failures(self) -> list[dict]:
        """The executed runs that failed, in job order."""
        return [r for r in self.results if r["status"] != "ok"]

    @property
    def exit_code(self) -> int:
        """0 when every run succeeded or was cached, 130 when interrupted, else 1."""
        if self.interrupted:
            return 130
        return 1 if self.failures else 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_partials(out_dir: Path) -> list[Path]:
    """Remove temporary files left in ``out_dir`` by runs whose process is gone; return them."""
    removed = []
    for entry in sorted(Path(out_dir).glob(".*")):
        match = re.search(r"\.(?:partial|old)-(\d+)-[0-9a-f]+", entry.name)
        if match and not _pid_alive(int(match.group(1))):
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _failure_entry(result: dict, reports: Path) -> dict:
    entry = {
        k: result.get(k)
        for k in (
            "province",
            "province_code",
            "name",
            "cell_index",
            "source_cell_index",
            "cell_source",
            "ename",
            "evalue",
        )
    }
    failed = result.get("failed_notebook")
    entry["failed_notebook"] = _relative(Path(failed), str(reports.resolve())) if failed else None
    return entry


def _write_failures(jobs: list[Job], results: list[dict]) -> Path | None:
    """Merge this batch's outcome into ``reports/<notebook>/failures.json``; return it if it remains."""
    if not jobs:
        return None
    reports = paths.reports_dir()
    path = Path(jobs[0].out_dir) / "failures.json"
    previous = []
    if path.is_file():
        try:
            previous = json.loads(path.read_text(encoding="utf-8")).get("failures", [])
        except (OSError, ValueError):
            previous = []
    covered = {job.name for job in jobs}
    entries = [e for e in previous if e.get("name") not in covered]
    entries += [_failure_entry(r, reports) for r in results if r["status"] != "ok"]
    entries.sort(key=lambda e: (str(e.get("province_code") or ""), str(e.get("name"))))
    if not entries:
        path.unlink(missing_ok=True)
        return None
    atomic_write_json(
        path,
        {
            "notebook": jobs[0].notebook_name,
            "source": _relative(Path(jobs[0].notebook), jobs[0].root),
            "failures": entries,
        },
    )
    return path


MAX_ATTEMPTS = 2
"""A run whose worker process dies is tried this many times in all before it is reported failed."""


def _lost(job: Job, error: BaseException) -> dict:
    """The result of a run whose worker could not report one."""
    return {
        "name": job.name,
        "notebook": job.notebook_name,
        "province": job.province,
        "province_code": job.province_code,
        "output": str(job.output),
        "status": "failed",
        "ename": type(error).__name__,
        "evalue": str(error),
        "cell_index": None,
        "source_cell_index": None,
        "cell_source": None,
        "seconds": None,
    }


def _pool_run(job: Job, track: str) -> dict:
    """Run ``job`` in a pool worker, first leaving a note of which process holds it."""
    Path(track, job.key).write_text(str(os.getpid()), encoding="ascii")
    return run_job(job)


def _stop(processes: dict) -> None:
    """Terminate pool workers (their SIGTERM handler kills their kernels); kill those that linger."""
    for process in processes.values():
        if process.exitcode is None:
            process.terminate()
    deadline = time.monotonic() + 5
    for process in processes.values():
        process.join(max(0.1, deadline - time.monotonic()))
        if process.exitcode is None:
            process.kill()
            process.join(2)


def _run_pool(todo: list[Job], workers: int, advance, stream) -> None:
    """Run ``todo`` on a pool of worker processes; a worker that dies costs at most the run it held.

    When a worker dies (``kill -9``, the out-of-memory killer), the pool breaks and every run still
    in it is lost. A new pool takes them over: the run the dead worker held is tried again once
    (:data:`MAX_ATTEMPTS`) and then reported failed; the others are not charged an attempt.
    On ``KeyboardInterrupt`` the workers are terminated before the exception goes on.
    """
    context = _fork_context()
    attempts: dict[str, int] = {}
    pending = list(todo)
    track = Path(tempfile.mkdtemp(prefix="study-batch-"))
    try:
        while pending:
            executor = concurrent.futures.ProcessPoolExecutor(
                max_workers=min(workers, len(pending)), mp_context=context, initializer=_worker_init
            )
            processes: dict = {}
            try:
                futures = {executor.submit(_pool_run, job, str(track)): job for job in pending}
                processes.update(getattr(executor, "_processes", None) or {})
                pending, lost = [], []
                for future in concurrent.futures.as_completed(futures):
                    job = futures[future]
                    try:
                        advance(future.result())
                    except BrokenProcessPool:
                        lost.append(job)
                    except Exception as error:  # noqa: BLE001 - reported as the run's failure
                        advance(_lost(job, error))
            except BaseException:
                processes.update(getattr(executor, "_processes", None) or {})
                _stop(processes)
                executor.shutdown(wait=False, cancel_futures=True)
                raise
            executor.shutdown(wait=True)
            if not lost:
                break
            for process in processes.values():
                process.join(5)
            dead = {pid for pid, p in processes.items() if p.exitcode not in (None, 0, -signal.SIGTERM)}
            holder = {}
            for job in lost:
                note = track / job.key
                if note.is_file():
                    holder[job.key] = int(note.read_text(encoding="ascii") or 0)
                    note.unlink()
            culprits = {j.key for j in lost if holder.get(j.key) in dead} or set(holder) or {j.key for j in lost}
            for job in lost:
                if job.key not in culprits:
                    pending.append(job)
                    continue
                attempts[job.key] = attempts.get(job.key, 0) + 1
                codes = sorted({processes[p].exitcode for p in dead if p == holder.get(job.key)} or {None})
                how = f"exit code {codes[0]}" if codes[0] is not None else "unknown cause"
                if attempts[job.key] < MAX_ATTEMPTS:
                    print(f"study: the worker running {job.label} died ({how}); trying it once more", file=stream)
                    pending.append(job)
                else:
                    advance(
                        _lost(
                            job,
                            RuntimeError(
                                f"the worker process running it died ({how}) {attempts[job.key]} times; a "
                                "notebook that needs more memory than the machine has is killed this way"
                            ),
                        )
                    )
            for folder in sorted({job.out_dir for job in lost}):
                if Path(folder).is_dir():
                    clean_partials(Path(folder))
    finally:
        shutil.rmtree(track, ignore_errors=True)


def _fork_context():
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def execute(
    jobs: list[Job],
    workers: int = 1,
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
    stream=None,
) -> BatchResult:
    """Run ``jobs``: skip cached ones, execute the rest in parallel, report failures.

    Parameters
    ----------
    jobs : list of Job
        From :func:`plan`.
    workers : int
        Worker processes (a :class:`concurrent.futures.ProcessPoolExecutor`); ``1`` runs in this
        process. Ignored with ``scheduler``.
    scheduler : str, optional
        Address of a Dask distributed scheduler (``tcp://host:8786``); its workers run the jobs
        through ``Client.get_executor()``. They must see the same file system.
    force : bool
        Run even when the cache says the output is up to date.
    progress : bool
        Show a tqdm progress bar (done, failed and left as postfix).

    Returns
    -------
    BatchResult
    """
    started = time.perf_counter()
    stream = stream or sys.stderr
    cached = [] if force else [job for job in jobs if cache_hit(job)]
    cached_keys = {id(job) for job in cached}
    todo = [job for job in jobs if id(job) not in cached_keys]
    for folder in sorted({job.out_dir for job in jobs}):
        if Path(folder).is_dir():
            clean_partials(Path(folder))
    results: list[dict] = []
    interrupted = False
    if todo:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no monitor thread: the pool forks after this
        _register_engine()  # import papermill here, once: forked workers inherit it
        bar = tqdm(
            total=len(jobs),
            initial=len(cached),
            desc=jobs[0].notebook_name,
            unit="run",
            file=stream,
            disable=not progress,
            dynamic_ncols=True,
        )
        counts = {"done": len(cached), "failed": 0}

        def advance(result: dict) -> None:
            results.append(result)
            counts["failed" if result["status"] != "ok" else "done"] += 1
            bar.set_postfix(
                done=counts["done"],
                failed=counts["failed"],
                left=len(jobs) - counts["done"] - counts["failed"],
                refresh=False,
            )
            bar.update(1)

        bar.set_postfix(done=counts["done"], failed=0, left=len(todo), refresh=False)
        client = executor = None
        try:
            if scheduler:
                from distributed import Client

                client = Client(scheduler)
                executor = client.get_executor(pure=False)
                futures = {executor.submit(run_job, job): job for job in todo}
                for future in concurrent.futures.as_completed(futures):
                    try:
                        advance(future.result())
                    except Exception as error:  # the worker itself died
                        advance(_lost(futures[future], error))
            elif workers > 1 and len(todo) > 1:
                _run_pool(todo, workers, advance, stream)
            else:
                for job in todo:
                    advance(run_job(job))
        except KeyboardInterrupt:
            interrupted = True
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the clean-up
        finally:
            bar.close()
            try:
                if executor is not None:
                    executor.shutdown(wait=not interrupted)
                if client is not None:
                    try:
                        client.run(shutdown_kernels)
                    finally:
                        client.close()
                shutdown_kernels()
                if interrupted:
                    for folder in sorted({job.out_dir for job in jobs}):
                        if Path(folder).is_dir():
                            clean_partials(Path(folder))
            finally:
                if interrupted:
                    signal.signal(signal.SIGINT, signal.default_int_handler)
    order = {job.name: i for i, job in enumerate(jobs)}
    results.sort(key=lambda r: order.get(r["name"], 0))
    if not interrupted:
        try:
            _write_failures(jobs, results)
        except OSError as error:
            print(
                f"study: cannot write the failure report in {jobs[0].out_dir} ({error.strerror or error})", file=stream
            )
    return BatchResult(jobs, results, cached, time.perf_counter() - started, interrupted)


def report(result: BatchResult, command: str = "study batch", stream=None) -> None:
    """Print the end-of-batch summary and the failure report (province, cell, error)."""
    stream = stream or sys.stderr
    reports = paths.reports_dir()
    n_ok = len(result.results) - len(result.failures)
    where = Path(result.jobs[0].out_dir) if result.jobs else reports
    print(
        f"{command}: {len(result.jobs)} run(s): {n_ok} executed, {len(result.cached)} up to date (cached), "
        f"{len(result.failures)} failed, in {result.seconds:.1f} s; outputs in {where}",
        file=stream,
    )
    if result.interrupted:
        print(
            f"{command}: interrupted; finished runs are kept, run the same command again to do the rest",
            file=stream,
        )
    if result.failures:
        print(f"{command}: {len(result.failures)} run(s) failed:", file=stream)
        for r in result.failures:
            who = r.get("province") or r["name"]
            if r.get("cell_index") is not None:
                cell = f"cell {r['cell_index']} (source cell {r['source_cell_index']}) `{r.get('cell_source')}`"
            else:
                cell = "before or outside any cell"
            print(
                f"  - {who} [{r['notebook']}/{r['name']}]: {cell}: {r.get('ename')}: {r.get('evalue')}",
                file=stream,
            )
            if r.get("failed_notebook"):
                print(f"    executed notebook with the traceback: {r['failed_notebook']}", file=stream)
        print(f"{command}: report written to {where / 'failures.json'}", file=stream)
