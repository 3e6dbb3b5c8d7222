"""Run parameterised notebooks: one (``study run``) or one per province in parallel (``study batch``).

The runner turns a notebook of ``notebooks/`` and a set of parameters into executed notebooks under
``reports/<notebook>/``, with the figures and tables each run saves in ``<name>_files/``.

Guarantees
----------
* Checked first: every parameter is checked against the notebook's ``parameters`` cell before any
  kernel starts; unknown names are rejected, values are coerced to the type of the declared default,
  provinces are resolved through :func:`study.provinces.resolve`, and output names are ASCII slugs
  that cannot leave ``reports/``.
* Cached: a run whose notebook, parameters, processed data, province registry and ``study`` code are
  unchanged is skipped (``reports/.cache/<key>.json``); ``--force`` runs it anyway.
* Atomic: a notebook executes into a hidden temporary file and folder beside its output and is moved
  into place only when every cell succeeded, so an interrupted or failed run never leaves a
  half-written notebook; run the batch again to finish the rest.
* Isolated failures: one failing province does not stop the others. The batch ends with a report that
  names the province, the cell and the error, written to ``reports/<notebook>/failures.json``, and
  the executed notebook with its traceback in ``reports/<notebook>/failures/``.

Speed
-----
Much of a run is overhead, not the notebook's work: importing papermill/nbformat (about 3 s, 2 s of
it ``jsonschema`` building the optional ``rfc3987_syntax`` grammar, which the runner skips: see
:func:`skip_unused_grammar`), starting a kernel (about 1 s) and importing pandas, matplotlib and
geopandas inside it (about 2.5 s). The batch keeps worker processes alive (papermill
is imported once, before the workers fork) and, by default, keeps one warm kernel per worker: before
each notebook the kernel's namespace is reset (``InteractiveShell.reset``), figures are closed and
matplotlib, pandas, warnings, ``sys.path``, ``os.environ`` and the working directory are restored to
their state at kernel start, so each run sees a clean namespace while imported modules stay loaded.
A failed run discards its kernel. ``--fresh-kernel`` starts a new kernel for every run instead.
See ``docs/runner.md`` for measurements.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import atexit
import concurrent.futures
import contextvars
import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from study import __version__, paths, provinces

LANGS = ("vi", "en")
ENGINE_NAME = "study-warm"
CACHE_FORMAT = 1
DEFAULT_MAX_RUNS_PER_KERNEL = 50
KERNEL_ARGUMENTS = [
    "--IPKernelApp.log_level=ERROR"
]  # silences the per-kernel "TCP without encryption" warning


class ParameterError(ValueError):
    """A notebook, parameter, province or output name that cannot be used; nothing was executed."""


# ---------------------------------------------------------------------------------------------
# notebooks and their parameters
# ---------------------------------------------------------------------------------------------
def find_notebook(name: str | os.PathLike) -> Path:
    """Return the notebook file that ``name`` means.

    Parameters
    ----------
    name : str or path-like
        A notebook name under ``notebooks/`` (``"province_profile"``, with or without ``.ipynb``) or a
        path to an ``.ipynb`` file.

    Raises
    ------
    ParameterError
        If no such notebook exists; the message lists the notebooks that do.
    """
    text = str(name)
    names = [text] if text.endswith(".ipynb") else [text, text + ".ipynb"]
    candidates = [Path(n) for n in names] + [paths.notebooks_dir() / n for n in names]
    for candidate in candidates:
        if candidate.suffix == ".ipynb" and candidate.is_file():
            return candidate.resolve()
    known = sorted(p.stem for p in paths.notebooks_dir().glob("*.ipynb"))
    raise ParameterError(
        f"no notebook {text!r}: expected a path to an .ipynb file or one of the notebooks in "
        f"{paths.notebooks_dir()}: {', '.join(known) or '(none yet)'}"
    )


def _sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _cache_dir() -> Path:
    return paths.reports_dir() / ".cache"


def skip_unused_grammar() -> None:
    """Keep ``jsonschema`` from building the ``rfc3987_syntax`` grammar when nbformat is imported.

    ``jsonschema`` imports the optional ``rfc3987_syntax`` package, if installed, to check the ``iri``
    and ``iri-reference`` formats; building its Lark grammar takes about 2 s, paid by every process that
    imports papermill, nbformat or nbconvert. Notebook schemas use neither format, so the runner and
    the site mark the module as absent (only in their own process, and only before ``jsonschema`` is
    first imported); nothing else changes.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]


def notebook_parameters(notebook: str | os.PathLike) -> dict[str, dict]:
    """Return the parameters a notebook declares in its ``parameters``-tagged cell.

    Uses :func:`papermill.inspect_notebook`; the answer is memoised in ``reports/.cache/params/`` by the
    notebook's SHA-256, so that a fully cached batch does not pay papermill's import time.

    Returns
    -------
    dict
        ``{name: {"name", "inferred_type_name", "default", "help"}}`` as papermill reports them
        (``default`` is the source text of the default value).
    """
    path = find_notebook(notebook)
    digest = _sha256_file(path)
    try:
        from importlib.metadata import version

        pm_version = version("papermill")
    except Exception:  # pragma: no cover - metadata missing
        pm_version = "?"
    memo = _cache_dir() / "params" / f"{digest}-{pm_version}.json"
    if memo.is_file():
        try:
            return json.loads(memo.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass
    skip_unused_grammar()
    import papermill

    declared = papermill.inspect_notebook(str(path))
    _write_json_atomic(memo, declared)
    return declared


def _declared_type(spec: dict) -> tuple[str, object]:
    """Return (type name, default value) of a declared parameter."""
    default_text = spec.get("default") or "None"
    try:
        default = ast.literal_eval(default_text)
    except (ValueError, SyntaxError):
        default = None
    hinted = str(spec.get("inferred_type_name") or "None")
    match = re.fullmatch(r"(?:Optional\[)?(\w+)\]?", hinted)
    if match and match.group(1) in {"int", "float", "str", "bool", "list", "dict", "tuple"}:
        return match.group(1), default
    if default is None:
        return "any", None
    return type(default).__name__, default


_TRUE = {"true", "1", "yes", "y", "on"}
_FALSE = {"false", "0", "no", "n", "off"}


def coerce(name: str, value, spec: dict, notebook: str = "") -> object:
    """Return ``value`` converted to the type of the parameter's declared default.

    Strings from the command line are converted (``"2024"`` to ``2024`` for an ``int`` default,
    ``"yes"`` to ``True`` for a ``bool``, ``"a,b"`` or ``"['a', 'b']"`` to a list); Python values are
    checked. A parameter whose default is ``None`` takes a Python literal when the text is one, or
    the string itself.

    Raises
    ------
    ParameterError
        If the value cannot be read as the declared type.
    """
    kind, default = _declared_type(spec)
    where = f" of {notebook}" if notebook else ""

    def fail(expected: str):
        raise ParameterError(
            f"parameter {name!r}{where} expects {expected} (default {spec.get('default')}); got {value!r}"
        )

    if not isinstance(value, str):
        if kind == "float" and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if kind in ("any", type(value).__name__) or (kind == "tuple" and isinstance(value, list)):
            return value
        fail(kind)
    text = value.strip()
    if kind == "str":
        return value
    if kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        fail("true or false")
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            fail("an integer")
    if kind == "float":
        try:
            return float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
        except ValueError:
            fail("a number")
    if kind in ("list", "tuple", "dict"):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            parsed = None
        if kind == "dict":
            if isinstance(parsed, dict):
                return parsed
            fail("a dict literal such as {'a': 1}")
        if isinstance(parsed, list | tuple):
            return list(parsed)
        return [part.strip() for part in text.split(",") if part.strip()]
    try:  # default None: a literal if it is one, else the text
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return value


# ---------------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------------
def slug(text: str, keep: str = "-") -> str:
    """Return an ASCII file-name slug: accents folded, lower case, runs of other characters as ``-``.

    >>> slug("Bà Rịa - Vũng Tàu")
    'ba-ria-vung-tau'
    >>> slug("../../etc/passwd")
    'etc-passwd'
    """
    allowed = re.escape(keep) if keep != "-" else ""
    folded = provinces.fold(text)
    out = re.sub(rf"[^a-z0-9{allowed}]+", "-", folded).strip("-_")
    return re.sub(r"-{2,}", "-", out)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# the plan: jobs, checked before anything runs
# ---------------------------------------------------------------------------------------------
@dataclass
class Job:
    """One notebook execution, fully resolved (picklable, so a Dask worker can run it)."""

    notebook: str  # absolute path of the source notebook
    notebook_name: str  # slug: the folder under reports/
    name: str  # output stem: reports/<notebook_name>/<name>.ipynb
    parameters: dict  # as passed to the notebook (output_dir is added at run time)
    out_dir: str
    key: str
    wants_output_dir: bool = False
    province: str | None = None
    province_code: str | None = None
    lang: str | None = None
    kernel_name: str = "python3"
    reuse_kernel: bool = True
    max_runs_per_kernel: int = DEFAULT_MAX_RUNS_PER_KERNEL
    start_timeout: int = 60
    timeout: int | None = None
    env: dict = field(default_factory=dict)
    cache_dir: str = ""
    root: str = ""

    @property
    def output(self) -> Path:
        """The executed notebook's final path."""
        return Path(self.out_dir) / f"{self.name}.ipynb"

    @property
    def files_dir(self) -> Path:
        """The folder of the figures and tables the run saves."""
        return Path(self.out_dir) / f"{self.name}_files"

    @property
    def label(self) -> str:
        """How reports name this run: the province, else the output name."""
        return self.province or self.name


def provinces_with_data(regime: str = "63") -> list[provinces.Unit]:
    """Return every province with data, ordered by code.

    In the 63 regime: the distinct ``province_code`` of :func:`study.load.poverty_panel` and
    :func:`study.load.documents`. In the 34 regime: the codes of the 34-regime panel plus the successors
    of the 63-regime provinces with data.
    """
    from study import load

    regime = provinces.check_regime(regime)
    codes63 = set(load.poverty_panel(regime="63")["province_code"].dropna().astype(str))
    codes63 |= set(load.documents()["province_code"].dropna().astype(str))
    if regime == "63":
        codes = codes63
    else:
        codes = set(load.poverty_panel(regime="34")["province_code"].dropna().astype(str))
        codes |= {provinces.successor(code).code for code in codes63}
    return [provinces.get(code, regime) for code in sorted(codes)]


def _study_env() -> dict[str, str]:
    """The STUDY_* data locations as this process sees them, passed on to kernels and remote workers.

    ``STUDY_REPORTS_DIR`` is not passed: notebooks write only to their ``output_dir``.
    """
    return {
        "STUDY_ROOT": str(paths.root().resolve()),
        "STUDY_RAW_DIR": str(paths.raw_dir().resolve()),
        "STUDY_PROCESSED_DIR": str(paths.processed_dir().resolve()),
    }


def fingerprint() -> str:
    """Return a hash of everything besides the notebook and its parameters that a run depends on.

    It covers the processed data (the ``hash`` fields of ``datapackage.json``, or the bytes of every
    processed file when there is no data package), the province registry (``data/raw/admin``), the
    source of the ``study`` package and its version.
    """
    digest = hashlib.sha256(f"study {__version__}\n".encode())
    processed = paths.processed_dir()
    package = processed / "datapackage.json"
    if package.is_file():
        try:
            resources = json.loads(package.read_text(encoding="utf-8")).get("resources", [])
            for res in sorted(resources, key=lambda r: str(r.get("path"))):
                digest.update(f"data {res.get('path')} {res.get('hash')}\n".encode())
        except ValueError:
            digest.update(package.read_bytes())
    elif processed.is_dir():
        for path in sorted(p for p in processed.rglob("*") if p.is_file()):
            digest.update(f"data {path.relative_to(processed)} {_sha256_file(path)}\n".encode())
    admin = paths.raw_dir() / "admin"
    if admin.is_dir():
        for path in sorted(admin.glob("*.csv")):
            digest.update(f"admin {path.name} {_sha256_file(path)}\n".encode())
    source = Path(__file__).resolve().parent
    for path in sorted(source.rglob("*.py")):
        digest.update(f"code {path.relative_to(source)} {_sha256_file(path)}\n".encode())
    return digest.hexdigest()


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def plan(
    notebook,
    parameters=None,
    province_names=None,
    lang: str | None = None,
    name: str | None = None,
    kernel_name: str = "python3",
    reuse_kernel: bool = True,
    start_timeout: int = 60,
    timeout: int | None = None,
) -> list[Job]:
    """Check a request and return the jobs it means, without running anything.

    Parameters
    ----------
    notebook : str or path-like
        A notebook name under ``notebooks/`` or a path (see :func:`find_notebook`).
    parameters : dict or list of (name, value), optional
        Parameters for every run; values may be strings (from the command line) or Python values.
    province_names : None, "all" or list of str, optional
        ``None`` for one run with ``parameters`` as given; ``"all"`` for one run per province with
        data (:func:`provinces_with_data`); or names in any spelling, one run each.
    lang : {"vi", "en"}, optional
        Sets the notebook's ``lang`` parameter and adds ``_<lang>`` to output names.
    name : str, optional
        Output name of a run without province (default: the notebook's name); slugged.

    Returns
    -------
    list of Job

    Raises
    ------
    ParameterError
        On an unknown notebook or parameter, a value of the wrong type, an unknown province (the
        :class:`~study.provinces.ProvinceNameError` message is kept) or an unusable output name.
    """
    path = find_notebook(notebook)
    nb_name = slug(path.stem, keep="_")
    if not nb_name:
        raise ParameterError(f"cannot make a safe folder name from the notebook name {path.stem!r}")
    declared = notebook_parameters(path)
    given = list(parameters.items()) if isinstance(parameters, dict) else list(parameters or [])
    unknown = sorted({k for k, _ in given if k not in declared})
    if unknown:
        listed = ", ".join(sorted(declared)) or "none (no cell is tagged 'parameters')"
        raise ParameterError(
            f"{path.name} does not declare parameter(s) {', '.join(map(repr, unknown))}; "
            f"it declares: {listed}"
        )
    values = {k: coerce(k, v, declared[k], path.name) for k, v in given}
    if "output_dir" in values:
        raise ParameterError(
            "output_dir is set by the runner (reports/<notebook>/<name>_files/); do not pass it"
        )
    if lang is not None:
        if lang not in LANGS:
            raise ParameterError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
        if "lang" not in declared:
            raise ParameterError(f"{path.name} has no 'lang' parameter, so --lang cannot be used")
        values["lang"] = lang
    lang_given = values.get("lang")
    regime = provinces.check_regime(values.get("regime", "63")) if "regime" in values else "63"

    try:
        if province_names is None:
            units = [provinces.resolve(values["province"], regime)] if "province" in values else [None]
        else:
            if "province" not in declared:
                raise ParameterError(f"{path.name} has no 'province' parameter, so --province cannot be used")
            if "province" in values:
                raise ParameterError("give provinces with --province, not with -p province")
            if province_names == "all" or province_names == ["all"]:
                units = provinces_with_data(regime)
                if not units:
                    raise ParameterError("no province has data: run `study build` first")
            else:
                units, seen = [], set()
                for raw in province_names:
                    unit = provinces.resolve(raw, regime)
                    if unit.key not in seen:
                        seen.add(unit.key)
                        units.append(unit)
    except provinces.ProvinceNameError as error:
        raise ParameterError(str(error)) from None

    reports = paths.reports_dir()
    out_dir = reports / nb_name
    fp = fingerprint()
    nb_digest = _sha256_file(path)
    env = _study_env()
    jobs, names = [], set()
    for unit in units:
        run_values = dict(values)
        if unit is not None:
            run_values["province"] = unit.name_vi
            stem = slug(unit.name_ascii) + ("_34" if unit.regime == "34" else "")
        else:
            stem = slug(name) if name else nb_name
        if lang_given is not None:
            stem += "_" + slug(str(lang_given))
        if not stem or stem.startswith("."):
            raise ParameterError(f"cannot make a safe output name from {name!r}")
        output = out_dir / f"{stem}.ipynb"
        if not _inside(output, reports) or output.parent.resolve() != out_dir.resolve():
            raise ParameterError(f"output {output} would leave {reports}")
        if stem in names:
            raise ParameterError(f"two runs would write {output}")
        names.add(stem)
        key_doc = {
            "format": CACHE_FORMAT,
            "notebook": nb_digest,
            "parameters": run_values,
            "output": f"{nb_name}/{stem}",
            "kernel": kernel_name,
            "data_code": fp,
        }
        key = hashlib.sha256(_canonical(key_doc).encode()).hexdigest()
        jobs.append(
            Job(
                notebook=str(path),
                notebook_name=nb_name,
                name=stem,
                parameters=run_values,
                out_dir=str(out_dir),
                key=key,
                wants_output_dir="output_dir" in declared,
                province=unit.name_vi if unit else None,
                province_code=unit.code if unit else None,
                lang=str(lang_given) if lang_given is not None else None,
                kernel_name=kernel_name,
                reuse_kernel=reuse_kernel,
                start_timeout=start_timeout,
                timeout=timeout,
                env=env,
                cache_dir=str(_cache_dir()),
                root=str(paths.root().resolve()),
            )
        )
    return jobs


# ---------------------------------------------------------------------------------------------
# cache
# ---------------------------------------------------------------------------------------------
def _write_json_atomic(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:6]}.tmp")
    tmp.write_text(
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n", encoding="utf-8"
    )
    os.replace(tmp, path)


def cache_hit(job: Job) -> bool:
    """Return True when ``job`` ran before with the same key and its output is still in place."""
    record = Path(job.cache_dir) / f"{job.key}.json"
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        stat = job.output.stat()
    except (OSError, ValueError):
        return False
    return data.get("size") == stat.st_size and data.get("mtime_ns") == stat.st_mtime_ns


def _record(job: Job, elapsed: float) -> None:
    stat = job.output.stat()
    _write_json_atomic(
        Path(job.cache_dir) / f"{job.key}.json",
        {
            "key": job.key,
            "notebook": job.notebook,
            "parameters": job.parameters,
            "output": str(job.output),
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "seconds": round(elapsed, 3),
            "study": __version__,
        },
    )


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


def _worker_init() -> None:
    """Initialiser of pool workers: stop their kernels when the worker exits."""
    from multiprocessing import util

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
                    reply = self.wait_for_reply(
                        self.kc.execute(self.study_reset, silent=True, store_history=False)
                    )
                    if reply is None or reply["content"].get("status") != "ok":
                        content = (reply or {}).get("content", {})
                        raise RuntimeError(
                            f"resetting the warm kernel failed: {content.get('ename')}: "
                            f"{content.get('evalue')}"
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
    out_dir.mkdir(parents=True, exist_ok=True)
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
        if tmp_nb.exists():
            failed = out_dir / "failures" / f"{job.name}.ipynb"
            failed.parent.mkdir(exist_ok=True)
            os.replace(tmp_nb, failed)
            result["failed_notebook"] = str(failed)
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
    except BaseException:
        tmp_nb.unlink(missing_ok=True)
        shutil.rmtree(tmp_files, ignore_errors=True)
        raise
    _record(job, result["seconds"])
    (out_dir / "failures" / f"{job.name}.ipynb").unlink(missing_ok=True)
    return result


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
# ---------------------------------------------------------------------------------------------
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
    _write_json_atomic(
        path,
        {
            "notebook": jobs[0].notebook_name,
            "source": _relative(Path(jobs[0].notebook), jobs[0].root),
            "failures": entries,
        },
    )
    return path


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
            elif workers > 1 and len(todo) > 1:
                executor = concurrent.futures.ProcessPoolExecutor(
                    max_workers=min(workers, len(todo)), mp_context=_fork_context(), initializer=_worker_init
                )
            if executor is None:
                for job in todo:
                    advance(run_job(job))
            else:
                futures = {executor.submit(run_job, job): job for job in todo}
                for future in concurrent.futures.as_completed(futures):
                    job = futures[future]
                    try:
                        advance(future.result())
                    except Exception as error:  # the worker itself died
                        advance(
                            {
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
                        )
        except KeyboardInterrupt:
            interrupted = True
        finally:
            bar.close()
            if isinstance(executor, concurrent.futures.ProcessPoolExecutor):
                executor.shutdown(wait=not interrupted, cancel_futures=True)
            elif executor is not None:
                executor.shutdown(wait=not interrupted)
            if client is not None:
                try:
                    client.run(shutdown_kernels)
                finally:
                    client.close()
            if executor is None or client is not None:
                shutdown_kernels()
    order = {job.name: i for i, job in enumerate(jobs)}
    results.sort(key=lambda r: order.get(r["name"], 0))
    if not interrupted:
        _write_failures(jobs, results)
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
                cell = (
                    f"cell {r['cell_index']} (source cell {r['source_cell_index']}) `{r.get('cell_source')}`"
                )
            else:
                cell = "before or outside any cell"
            print(
                f"  - {who} [{r['notebook']}/{r['name']}]: {cell}: {r.get('ename')}: {r.get('evalue')}",
                file=stream,
            )
            if r.get("failed_notebook"):
                print(f"    executed notebook with the traceback: {r['failed_notebook']}", file=stream)
        print(f"{command}: report written to {where / 'failures.json'}", file=stream)


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------
def _split_provinces(values: list[str]) -> list[str] | str:
    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if any(name.lower() == "all" for name in names):
        if len(names) > 1:
            raise ParameterError("--province all cannot be combined with names")
        return "all"
    if not names:
        raise ParameterError("--province needs 'all' or at least one name")
    return names


def _run_command(args, command: str) -> int:
    try:
        province_names = _split_provinces(args.province) if getattr(args, "province", None) else None
        jobs = plan(
            args.notebook,
            args.parameter or [],
            province_names=province_names,
            lang=args.lang,
            name=getattr(args, "name", None),
            kernel_name=args.kernel,
            reuse_kernel=not args.fresh_kernel,
            timeout=args.timeout,
        )
    except ParameterError as error:
        print(f"{command}: error: {error}", file=sys.stderr)
        print(f"{command}: nothing was run.", file=sys.stderr)
        return 2
    result = execute(
        jobs,
        workers=getattr(args, "jobs", 1) or 1,
        scheduler=getattr(args, "scheduler", None),
        force=args.force,
        progress=not args.no_progress,
    )
    report(result, command)
    return result.exit_code


def _cmd_run(args) -> int:
    return _run_command(args, "study run")


def _cmd_batch(args) -> int:
    code = _run_command(args, "study batch")
    if code in (0, 1) and not getattr(args, "no_site", False):
        from study import site

        index = site.build(jobs=max(1, int(getattr(args, "jobs", 1) or 1)))
        print(f"study batch: site written to {index}", file=sys.stderr)
    return code


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("notebook", help="a notebook name under notebooks/ (e.g. province_profile) or a path")
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="set a parameter the notebook declares (repeatable); types follow the declared defaults",
    )
    p.add_argument(
        "--lang", choices=LANGS, default=None, help="language of the narrative; adds _<lang> to names"
    )
    p.add_argument("--force", action="store_true", help="run even when the cached output is up to date")
    p.add_argument(
        "--fresh-kernel",
        action="store_true",
        help="start a new kernel for every run instead of reusing a reset warm kernel per worker",
    )
    p.add_argument("--kernel", default="python3", help="Jupyter kernel name (default python3)")
    p.add_argument("--timeout", type=int, default=None, help="seconds a cell may run (default: no limit)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def register(subparsers) -> None:
    """Add the ``run`` and ``batch`` subcommands to the ``study`` command line.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        What ``parser.add_subparsers()`` returned; each subcommand sets ``func`` to a callable that
        takes the parsed arguments and returns the exit code (0 ok, 1 some run failed, 2 bad request,
        130 interrupted).
    """
    p = subparsers.add_parser(
        "run",
        help="execute one notebook with parameters into reports/<notebook>/",
        description="Execute one notebook with papermill into reports/<notebook>/.",
    )
    _common(p)
    p.add_argument(
        "--name", default=None, help="output name when no province is given (default: notebook name)"
    )
    p.set_defaults(func=_cmd_run)

    p = subparsers.add_parser(
        "batch",
        help="execute a notebook for many provinces in parallel, with a cache",
        description="Execute a notebook once per province, in parallel, skipping runs "
        "whose notebook, parameters and data are unchanged.",
    )
    _common(p)
    p.add_argument(
        "--province",
        action="append",
        required=True,
        metavar="all|NAMES",
        help="'all' (every province with data) or names, comma-separated or repeated",
    )
    p.add_argument(
        "-j", "--jobs", type=int, default=os.cpu_count() or 1, help="parallel workers (default: cores)"
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on a Dask distributed scheduler (tcp://host:8786) instead of local processes",
    )
    p.add_argument("--no-site", action="store_true", help="do not rebuild reports/site after the batch")
    p.set_defaults(func=_cmd_batch)

