"""Raw data to processed tables: read, check against the schemas, normalise, save.

``study build`` is the only reader of ``data/raw``. Each step (:mod:`study.build.steps`) reads its
raw tables, checks every cell against :mod:`study.schema` (reporting every bad cell with its file,
line and column), resolves province names through the registry of the raw folder being built, and
returns processed tables; :mod:`study.build.save` writes them with a ``datapackage.json``.

Guarantees
----------
* Deterministic: the same raw files give byte-identical processed files (rows are sorted, no
  timestamps are written).
* Atomic as a set: nothing is written until every step has succeeded; the whole processed folder
  is built beside the old one and swapped in, so a failed build leaves the previous data as they
  were and no file of an earlier build survives that this build did not write.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from study import paths
from study.build.base import BuildError, Context, Output
from study.build.review import choose
from study.build.save import write_all
from study.build.steps import STEPS
from study.schema import SchemaError

__all__ = ["BuildError", "Context", "Output", "STEPS", "choose", "run"]


def run(
    raw_dir: Path | None = None, out_dir: Path | None = None, progress: Callable[[str], None] | None = None
) -> list[Path]:
    """Build ``out_dir`` from ``raw_dir``.

    Parameters
    ----------
    raw_dir, out_dir : path-like, optional
        Default to :func:`study.paths.raw_dir` and :func:`study.paths.processed_dir`.
    progress : callable, optional
        Called with a short message at each step.

    Returns
    -------
    list of pathlib.Path
        The files written, ``datapackage.json`` last.

    Raises
    ------
    BuildError
        On bad raw input (the message names the file, line and column); nothing in ``out_dir`` is
        changed then.
    """
    raw_dir = Path(raw_dir or paths.raw_dir())
    out_dir = Path(out_dir or paths.processed_dir())
    if not raw_dir.is_dir():
        what = "is a file, not a folder" if raw_dir.exists() else "does not exist"
        raise BuildError(f"{raw_dir}: the raw data folder {what}")
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(f"{out_dir}: the output must be a folder, not a file")
    say = progress or (lambda message: None)
    ctx = Context.for_folder(raw_dir)
    outputs: list[Output] = []
    for name, step in STEPS:
        say(f"{name}: reading and checking")
        try:
            outputs.extend(step(ctx))
        except SchemaError as error:
            raise BuildError(str(error)) from None
    try:
        return write_all(outputs, out_dir, say)
    except OSError as error:
        raise BuildError(
            f"{out_dir}: cannot write the processed data ({error.strerror or error}"
            f"{': ' + str(error.filename) if error.filename else ''})"
        ) from None
