"""The plan of a run or batch: jobs with their output paths and cache keys, and the cache itself."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from study import __version__, paths
from study.execute.params import (
    CACHE_FORMAT,
    DEFAULT_MAX_RUNS_PER_KERNEL,
    LANGS,
    ParameterError,
    _cache_dir,
    _inside,
    coerce,
    declared_choices,
    find_notebook,
    notebook_parameters,
    slug,
)
from study.registry import provinces
from study.util.files import atomic_write_json, sha256_file
from study.util.text import shorten

RESERVED_NAMES = {"site": "the site that `study report` writes (and replaces whole)"}
"""Folder names under ``reports/`` that no notebook may take."""


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


RESULT_SETTINGS = ("STUDY_BOUNDARIES",)
"""``STUDY_*`` settings that change what a run produces (the data locations are covered by their content)."""


def fingerprint() -> str:
    """Return a hash of everything besides the notebook and its parameters that a run depends on.

    It covers the processed data (the ``hash`` fields of ``datapackage.json``: every table, the
    registry's admin tables, the tile grids, the standards and the boundary layers, since the build
    is the only door from ``data/raw``), the lock file of exact package versions, the Python version,
    the ``STUDY_*`` settings that change results, and the source of the whole ``study`` package.
    """
    digest = hashlib.sha256(f"study {__version__}\npython {sys.version}\n".encode())
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
            digest.update(f"data {path.relative_to(processed)} {sha256_file(path)}\n".encode())
    lock = paths.root() / "requirements.lock"
    digest.update(f"lock {sha256_file(lock) if lock.is_file() else 'none'}\n".encode())
    for name in RESULT_SETTINGS:
        digest.update(f"setting {name}={os.environ.get(name, '')}\n".encode())
    source = Path(__file__).resolve().parents[1]
    for path in sorted(source.rglob("*.py")):
        digest.update(f"code {path.relative_to(source).as_posix()} {sha256_file(path)}\n".encode())
    return digest.hexdigest()


MIN_FREE_BYTES = 50 * 1024 * 1024
"""A batch is refused when the reports folder has less free space than this (50 MiB)."""


def check_writable(folder: Path) -> None:
    """Refuse to plan runs into a folder that cannot be written or whose disk is (nearly) full.

    Raises
    ------
    ParameterError
        Naming the folder and the reason.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".probe-")
        os.close(handle)
        os.unlink(probe)
        free = shutil.disk_usage(folder).free
    except OSError as error:
        raise ParameterError(
            f"{folder}: cannot write the outputs there ({error.strerror or error}); check the "
            "permissions of the reports folder (STUDY_REPORTS_DIR)"
        ) from None
    if free < MIN_FREE_BYTES:
        raise ParameterError(
            f"{folder}: only {free / 2**20:.0f} MiB free on its disk; at least "
            f"{MIN_FREE_BYTES / 2**20:.0f} MiB are needed to run notebooks"
        )


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
        :class:`~study.registry.provinces.ProvinceNameError` message is kept) or an unusable output name.
    """
    path = find_notebook(notebook)
    nb_name = slug(path.stem, keep="_")
    if not nb_name:
        raise ParameterError(f"cannot make a safe folder name from the notebook name {shorten(path.stem)}")
    if nb_name in RESERVED_NAMES:
        raise ParameterError(
            f"a notebook may not be called {nb_name!r}: reports/{nb_name}/ is reserved for "
            f"{RESERVED_NAMES[nb_name]}; rename the notebook"
        )
    if timeout is not None and (not isinstance(timeout, int) or isinstance(timeout, bool) or timeout < 1):
        raise ParameterError(f"timeout must be a whole number of seconds of at least 1, got {shorten(timeout)}")
    declared = notebook_parameters(path)
    given = list(parameters.items()) if isinstance(parameters, dict) else list(parameters or [])
    unknown = sorted({k for k, _ in given if k not in declared})
    if unknown:
        listed = ", ".join(sorted(declared)) or "none (no cell is tagged 'parameters')"
        raise ParameterError(
            f"{path.name} does not declare parameter(s) {', '.join(map(repr, unknown))}; it declares: {listed}"
        )
    values = {k: coerce(k, v, declared[k], path.name) for k, v in given}
    for key, value in values.items():
        choices = declared_choices(key, declared[key])
        if choices is not None and str(value) not in choices:
            raise ParameterError(
                f"parameter {key!r} of {path.name} takes one of {', '.join(map(repr, choices))}; got {shorten(value)}"
            )
    if "output_dir" in values:
        raise ParameterError("output_dir is set by the runner (reports/<notebook>/<name>_files/); do not pass it")
    if lang is not None:
        if lang not in LANGS:
            raise ParameterError(f"unknown language {lang!r}: expected one of {', '.join(LANGS)}")
        if "lang" not in declared:
            raise ParameterError(f"{path.name} has no 'lang' parameter, so --lang cannot be used")
        values["lang"] = lang
    lang_given = values.get("lang")

    try:
        regime = provinces.check_regime(values.get("regime", "63")) if "regime" in values else "63"
        if province_names is None:
            units = [provinces.resolve(values["province"], regime)] if "province" in values else [None]
        else:
            if "province" not in declared:
                raise ParameterError(f"{path.name} has no 'province' parameter, so --province cannot be used")
            if "province" in values:
                raise ParameterError("give provinces with --province, not with -p province")
            if province_names == "all" or province_names == ["all"]:
                try:
                    units = provinces_with_data(regime)
                except (OSError, ValueError) as error:
                    raise ParameterError(
                        f"cannot list the provinces with data ({shorten(str(error), 300)}): run `study build` first"
                    ) from None
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
    except FileNotFoundError as error:  # no processed registry yet
        raise ParameterError(f"{error.args[0] if error.args else error}") from None

    reports = paths.reports_dir()
    out_dir = reports / nb_name
    check_writable(out_dir)
    fp = fingerprint()
    nb_digest = sha256_file(path)
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
    atomic_write_json(
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
