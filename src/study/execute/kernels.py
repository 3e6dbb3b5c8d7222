"""Warm kernels: one per worker, reset between runs so that each run sees a clean namespace."""

from __future__ import annotations

import atexit
import threading
from dataclasses import dataclass

from study.execute.params import ENGINE_NAME, KERNEL_ARGUMENTS, skip_unused_grammar
from study.execute.plan import Job, _canonical

# ---------------------------------------------------------------------------------------------
# worker side: warm kernels and the papermill engine
# ---------------------------------------------------------------------------------------------
# Runs silently in a reused kernel before each notebook. Snapshots are taken on the first call (a
# fresh kernel) and kept in a module outside the user namespace.
_RESET_CODE = r"""
def __study_reset(cwd):
    import os, sys, types, warnings
    state = sys.modules.get("__study_warm__")
    first = state is None
    if first:
        state = sys.modules["__study_warm__"] = types.ModuleType("__study_warm__")
        state.environ = dict(os.environ)
        state.path = list(sys.path)
        state.filters = list(warnings.filters)
    if "matplotlib" in sys.modules:
        import matplotlib
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            matplotlib.rc_file_defaults()
            try:
                from matplotlib_inline.config import InlineBackend
                matplotlib.rcParams.update(InlineBackend.instance().rc)
            except Exception:
                pass
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                sys.modules["pandas"].reset_option("all")
            except Exception:
                pass
    if not first:
        os.environ.clear()
        os.environ.update(state.environ)
        sys.path[:] = state.path
        warnings.filters[:] = state.filters
    os.chdir(cwd)
    get_ipython().reset(new_session=True)
__study_reset(%r)
"""


@dataclass
class _Slot:
    km: object
    key: tuple
    owner: int
    runs: int = 0


_SLOTS: dict[int, _Slot] = {}
_SLOTS_LOCK = threading.Lock()


def _kill(slot: _Slot) -> None:
    """Stop a slot's kernel process (SIGKILL: a kernel has nothing to save) and remove its files."""
    km = slot.km
    try:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        km.cleanup_connection_file()
        close = getattr(km, "_close_control_socket", None)
        if close is not None:
            close()
    except Exception:  # the kernel may already be gone
        pass


def shutdown_kernels() -> int:
    """Stop every warm kernel of this process; return how many there were (also run at exit)."""
    with _SLOTS_LOCK:
        slots = list(_SLOTS.values())
        _SLOTS.clear()
    for slot in slots:
        _kill(slot)
    return len(slots)


atexit.register(shutdown_kernels)


def _on_terminate(signum, frame) -> None:  # pragma: no cover - runs in a pool worker
    """SIGTERM in a pool worker (the batch was interrupted): kill its kernels, then die of the signal."""
    import os
    import signal

    for slot in list(_SLOTS.values()):  # no lock: the interrupted thread may hold it
        _kill(slot)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


def _worker_init() -> None:
    """Initialiser of pool workers: stop their kernels when the worker exits or is terminated.

    Workers ignore SIGINT: on Ctrl-C the main process alone decides (it terminates the workers, whose
    SIGTERM handler kills their kernels), so that no worker prints a traceback or starts another run.
    """
    import signal
    from multiprocessing import util

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_terminate)
    util.Finalize(None, shutdown_kernels, exitpriority=10)


def _slot_for(job: Job) -> _Slot:
    from jupyter_client.manager import AsyncKernelManager

    key = (job.kernel_name, _canonical(job.env))
    ident = threading.get_ident()
    with _SLOTS_LOCK:
        slot = _SLOTS.pop(ident, None)
    if slot is not None:
        alive = False
        try:
            process = slot.km.provisioner.process
            alive = process is not None and process.poll() is None
        except AttributeError:
            pass
        if not job.reuse_kernel or slot.key != key or slot.runs >= job.max_runs_per_kernel or not alive:
            _kill(slot)
            slot = None
    if slot is None:
        slot = _Slot(AsyncKernelManager(kernel_name=job.kernel_name), key, ident)
    slot.runs += 1
    with _SLOTS_LOCK:
        _SLOTS[ident] = slot
    return slot


def _discard_slot() -> None:
    with _SLOTS_LOCK:
        slot = _SLOTS.pop(threading.get_ident(), None)
    if slot is not None:
        _kill(slot)


_ENGINE_LOCK = threading.Lock()
_ENGINE_READY = False


def _register_engine() -> None:
    """Import papermill and register the ``study-warm`` engine (once per process)."""
    global _ENGINE_READY
    with _ENGINE_LOCK:
        if _ENGINE_READY:
            return
        skip_unused_grammar()
        from papermill.clientwrap import PapermillNotebookClient
        from papermill.engines import NBClientEngine, papermill_engines

        class _Client(PapermillNotebookClient):
            study_reset = None

            def papermill_execute_cells(self):
                if self.study_reset:
                    reply = self.wait_for_reply(self.kc.execute(self.study_reset, silent=True, store_history=False))
                    if reply is None or reply["content"].get("status") != "ok":
                        content = (reply or {}).get("content", {})
                        raise RuntimeError(
                            f"resetting the warm kernel failed: {content.get('ename')}: {content.get('evalue')}"
                        )
                super().papermill_execute_cells()

        class WarmKernelEngine(NBClientEngine):
            """nbclient engine that executes in a kernel the caller keeps (``study_km``) and resets it."""

            @classmethod
            def execute_managed_notebook(
                cls,
                nb_man,
                kernel_name,
                log_output=False,
                stdout_file=None,
                stderr_file=None,
                start_timeout=60,
                execution_timeout=None,
                study_km=None,
                study_reset=None,
                study_start=None,
                study_rewrite=None,
                **kwargs,
            ):
                kwargs.pop("input_path", None)
                client = _Client(
                    nb_man,
                    km=study_km,
                    timeout=execution_timeout,
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log_output=log_output,
                    stdout_file=stdout_file,
                    stderr_file=stderr_file,
                    extra_arguments=list(KERNEL_ARGUMENTS),
                    **kwargs,
                )
                client.study_reset = study_reset
                try:
                    return client.execute(**(study_start or {}))
                finally:
                    if client.kc is not None and study_km is not None:
                        try:
                            client.kc.stop_channels()
                        except Exception:
                            pass
                    _rewrite(nb_man.nb, study_rewrite or {})

        papermill_engines.register(ENGINE_NAME, WarmKernelEngine)
        _ENGINE_READY = True


def _rewrite(nb, mapping: dict[str, str]) -> None:
    """Replace temporary paths by final ones in the injected-parameters cell and papermill metadata."""
    if not mapping:
        return

    def fix(text):
        if isinstance(text, str):
            for old, new in mapping.items():
                text = text.replace(old, new)
        return text

    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = fix(cell.source)
    meta = nb.metadata.get("papermill", {})
    for key in ("input_path", "output_path"):
        if key in meta:
            meta[key] = fix(meta[key])
    if isinstance(meta.get("parameters"), dict):
        meta["parameters"] = {k: fix(v) for k, v in meta["parameters"].items()}
