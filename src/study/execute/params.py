"""Notebook parameters: finding a notebook, reading its ``parameters`` cell, checking and coercing values."""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path

from study import paths
from study.util.files import atomic_write_json, sha256_file
from study.util.text import fold, shorten

LANGS = ("vi", "en")
ENGINE_NAME = "study-warm"
CACHE_FORMAT = 1
DEFAULT_MAX_RUNS_PER_KERNEL = 50
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]  # silences the per-kernel "TCP without encryption" warning


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
        f"no notebook {shorten(text)}: expected a path to an .ipynb file or one of the notebooks in "
        f"{paths.notebooks_dir()}: {', '.join(known) or '(none yet)'}"
    )


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
    check_notebook_file(path)
    digest = sha256_file(path)
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

    try:
        declared = papermill.inspect_notebook(str(path))
    except Exception as error:  # noqa: BLE001 - any reader error means the same to the user
        raise ParameterError(
            f"{path}: cannot read the notebook's parameters ({type(error).__name__}: {shorten(str(error), 200)})"
        ) from None
    try:
        atomic_write_json(memo, declared)
    except OSError:  # a read-only or full reports folder: the memo is only a speed-up
        pass
    return declared


def check_notebook_file(path: str | os.PathLike) -> None:
    """Refuse a notebook file that is empty, binary, not JSON or not a notebook, naming it.

    Raises
    ------
    ParameterError
        With the file and what is wrong with it.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ParameterError(f"{path}: cannot read the notebook ({error.strerror or error})") from None
    if not data.strip():
        raise ParameterError(f"{path}: the notebook file is empty; expected a Jupyter notebook (JSON)")
    if b"\x00" in data[:65536]:
        raise ParameterError(f"{path}: a binary file, not a Jupyter notebook (JSON)")
    try:
        content = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text; expected a Jupyter notebook (JSON)") from None
    except ValueError as error:
        raise ParameterError(f"{path}: not valid JSON ({error}); expected a Jupyter notebook") from None
    if not isinstance(content, dict) or not isinstance(content.get("cells"), list):
        raise ParameterError(f"{path}: JSON, but not a Jupyter notebook (no list of 'cells')")


MAX_JOBS_PER_CORE = 4
"""``-j`` is capped at this many workers per core (each worker keeps a kernel of about 300 MB)."""


def check_jobs(value) -> int:
    """Return the number of parallel workers ``value`` asks for, checked (an ``argparse`` type).

    Values above :data:`MAX_JOBS_PER_CORE` times the cores are capped, with a note on standard error.

    Raises
    ------
    argparse.ArgumentTypeError
        Unless ``value`` is a whole number of at least 1.
    """
    import argparse

    try:
        jobs = int(str(value).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of workers, got {shorten(value)}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 worker, got {jobs}")
    cap = MAX_JOBS_PER_CORE * (os.cpu_count() or 1)
    if jobs > cap:
        print(f"study: note: -j {jobs} capped at {cap} ({MAX_JOBS_PER_CORE} per core)", file=sys.stderr)
        return cap
    return jobs


def check_timeout(value) -> int | None:
    """Return the per-cell timeout in seconds ``value`` asks for (an ``argparse`` type; ``None`` passes).

    Raises
    ------
    argparse.ArgumentTypeError
        Unless ``value`` is a whole number of seconds of at least 1.
    """
    import argparse

    if value is None:
        return None
    try:
        seconds = int(str(value).strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of seconds, got {shorten(value)}") from None
    if seconds < 1:
        raise argparse.ArgumentTypeError(f"expected at least 1 second, got {seconds} (omit --timeout for no limit)")
    return seconds


KNOWN_CHOICES = {"lang": LANGS, "regime": ("63", "34")}
"""Parameters whose values are a closed set whatever the notebook says."""
_QUOTED = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)')\s*(?:,|\bor\b|\|)?""")


def declared_choices(name: str, spec: dict) -> tuple[str, ...] | None:
    """Return the values a parameter accepts, or ``None`` when it is not a closed set.

    :data:`KNOWN_CHOICES` first; otherwise the help comment of the ``parameters`` cell when, without
    its parenthesised remarks, it lists only quoted values (``lang = "en"  # "en" or "vi"``).
    """
    if name in KNOWN_CHOICES:
        return KNOWN_CHOICES[name]
    text = re.sub(r"\([^)]*\)", "", str(spec.get("help") or "")).strip()
    values = []
    while text:
        match = _QUOTED.match(text)
        if not match:
            return None
        values.append(match.group(1) if match.group(1) is not None else match.group(2))
        text = text[match.end() :].strip()
    return tuple(values) if len(values) > 1 else None


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
            f"parameter {shorten(name)}{where} expects {expected} (default {spec.get('default')}); got {shorten(value)}"
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
    folded = fold(text)
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
