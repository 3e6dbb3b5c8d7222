"""One run: execute a notebook into a temporary file and move it into place only when every cell succeeded."""

from __future__ import annotations

import asyncio
import contextvars
import json
import os
import shutil
import threading
import time
import uuid
from pathlib import Path

from study.execute.kernels import _RESET_CODE, _discard_slot, _register_engine, _slot_for
from study.execute.params import ENGINE_NAME
from study.execute.plan import Job, _record


def _peak_mb(pid: int | None) -> float | None:
    """Peak resident memory (VmHWM) of a live process, in MB (Linux), else None."""
    if not pid:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _relative(path: Path, root: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path(root)))
    except ValueError:
        return str(path)


def _describe(error: BaseException, job: Job) -> dict:
    """Turn an execution error into the report entry: cell index, first source line, error."""
    info = {
        "ename": type(error).__name__,
        "evalue": str(error).strip()[:2000],
        "cell_index": None,
        "source_cell_index": None,
        "cell_source": None,
    }
    if isinstance(error, OSError):
        target = f" {error.filename}" if error.filename else ""
        info["evalue"] = f"cannot write{target}: {error.strerror or error} (is the reports folder read-only or full?)"
    if hasattr(error, "cell_index") and hasattr(error, "ename"):
        info["ename"], info["evalue"] = error.ename, error.evalue
        info["cell_index"] = error.cell_index
        lines = [line for line in str(getattr(error, "source", "") or "").splitlines() if line.strip()]
        info["cell_source"] = lines[0] if lines else ""
        info["source_cell_index"] = _source_index(job.notebook, error.cell_index)
    return info


def _source_index(notebook: str, executed_index: int) -> int:
    """Map a cell index of the executed notebook (with papermill's injected cell) to the source's."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return executed_index
    for index, cell in enumerate(cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return executed_index - 1 if executed_index > index else executed_index
    return executed_index - 1 if executed_index > 0 else 0


_THREAD = threading.local()


def run_job(job: Job) -> dict:
    """Execute one job (in a worker): temp files, papermill, atomic move, cache record.

    Each thread runs its jobs on its own asyncio loop, which its warm kernel's client sockets belong
    to. (Executors such as Dask's copy the submitter's context, and with it the loop that
    ``jupyter_core.utils.run_sync`` remembers in a context variable; that loop belongs to another
    thread.)

    Returns
    -------
    dict
        ``status`` ("ok" or "failed"), ``name``, ``province``, ``output``, ``seconds``, peak memory
        (``worker_mb``, ``kernel_mb``) and, on failure, ``ename``, ``evalue``, ``cell_index``,
        ``source_cell_index``, ``cell_source`` and ``failed_notebook``.
    """
    loop = getattr(_THREAD, "loop", None)
    if loop is None or loop.is_closed():
        loop = _THREAD.loop = asyncio.new_event_loop()

    def in_own_loop():
        asyncio.set_event_loop(loop)
        try:
            from jupyter_core.utils import _loop

            _loop.set(loop)
        except ImportError:  # pragma: no cover - older jupyter_core keeps no loop in a context variable
            pass
        return _run_job(job)

    return contextvars.copy_context().run(in_own_loop)


def _run_job(job: Job) -> dict:
    import resource

    import papermill

    _register_engine()
    start = time.perf_counter()
    out_dir = Path(job.out_dir)
    token = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp_nb = out_dir / f".{job.name}.partial-{token}.ipynb"
    tmp_files = out_dir / f".{job.name}_files.partial-{token}"
    params = dict(job.parameters)
    if job.wants_output_dir:
        params["output_dir"] = str(tmp_files)
    rewrite = {
        str(tmp_files): f"{job.name}_files",
        str(tmp_nb): _relative(job.output, job.root),
        job.notebook: _relative(Path(job.notebook), job.root),
    }
    from papermill.translators import PythonTranslator

    for value in params.values():  # papermill writes "L\u1ea1ng S\u01a1n"; show "Lạng Sơn" (same value)
        if isinstance(value, str) and job.kernel_name.startswith("python"):
            escaped, readable = PythonTranslator.translate_str(value), json.dumps(value, ensure_ascii=False)
            if escaped != readable and escaped not in rewrite:
                rewrite[escaped] = readable
    cwd = str(Path(job.notebook).parent)
    slot = _slot_for(job)
    kernel_env = {**os.environ, **job.env}
    result = {
        "name": job.name,
        "notebook": job.notebook_name,
        "province": job.province,
        "province_code": job.province_code,
        "output": str(job.output),
        "status": "ok",
    }

    def finish() -> dict:
        result["seconds"] = round(time.perf_counter() - start, 3)
        result["worker_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        result["kernel_mb"] = _peak_mb(getattr(getattr(slot.km, "provisioner", None), "pid", None))
        return result

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        papermill.execute_notebook(
            job.notebook,
            str(tmp_nb),
            parameters=params,
            engine_name=ENGINE_NAME,
            kernel_name=job.kernel_name,
            request_save_on_cell_execute=False,
            progress_bar=False,
            start_timeout=job.start_timeout,
            execution_timeout=job.timeout,
            study_km=slot.km,
            study_reset=_RESET_CODE % cwd,
            study_start={"cwd": cwd, "env": kernel_env},
            study_rewrite=rewrite,
        )
    except Exception as error:
        result.update(status="failed", **_describe(error, job))
        finish()
        _discard_slot()  # never reuse a kernel in an unknown state
        shutil.rmtree(tmp_files, ignore_errors=True)
        failed = _keep_failed(tmp_nb, out_dir / "failures" / f"{job.name}.ipynb")
        if failed:
            result["failed_notebook"] = failed
        return result
    except BaseException:
        _discard_slot()
        tmp_nb.unlink(missing_ok=True)
        shutil.rmtree(tmp_files, ignore_errors=True)
        raise
    finish()
    if not job.reuse_kernel:
        _discard_slot()
    try:  # figures and tables first, then the notebook: the notebook is the cache's witness
        _swap_in(tmp_files, job.files_dir)
        os.replace(tmp_nb, job.output)
    except BaseException as error:
        tmp_nb.unlink(missing_ok=True)
        shutil.rmtree(tmp_files, ignore_errors=True)
        if not isinstance(error, OSError):
            raise
        result.update(status="failed", **_describe(error, job))
        return result
    try:  # without its record the run is only done again next time
        _record(job, result["seconds"])
        (out_dir / "failures" / f"{job.name}.ipynb").unlink(missing_ok=True)
    except OSError:
        pass
    return result


def _keep_failed(tmp_nb: Path, failed: Path) -> str | None:
    """Move a failed run's notebook to ``failures/`` when it is a whole notebook; return where, or None.

    A notebook that could not be written completely (a full disk) is removed instead, so that no
    truncated notebook is ever left in ``failures/``.
    """
    if not tmp_nb.exists():
        return None
    try:
        json.loads(tmp_nb.read_text(encoding="utf-8"))
        failed.parent.mkdir(exist_ok=True)
        os.replace(tmp_nb, failed)
    except (OSError, ValueError):
        try:
            tmp_nb.unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return str(failed)


def _swap_in(new: Path, final: Path) -> None:
    """Replace folder ``final`` by ``new`` (or remove it when ``new`` does not exist)."""
    trash = final.with_name(f".{final.name}.old-{os.getpid()}-{uuid.uuid4().hex[:6]}")
    if final.exists():
        os.replace(final, trash)
    if new.exists():
        os.replace(new, final)
    shutil.rmtree(trash, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# the batch: cache check, executor, progress, failure report
