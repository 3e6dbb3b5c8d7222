"""Notebooks as text: each ``.ipynb`` of ``notebooks/`` is made from a plain-text twin (jupytext, percent format).

People edit, review and lint the twin (``notebooks/<name>.py``); the ``.ipynb`` keeps the executed
outputs that nbval checks; the teaching notebooks are also stored in Vietnamese (``*_vi.ipynb``: the
same twin with ``lang = "vi"`` in its parameters cell), so that nbval checks both languages.
``make notebooks`` (``python -m study.execute.twins``) rebuilds every ``.ipynb`` from its twin and
executes it. One twin can give several notebooks: the teaching exercise
and its solutions come from ``teaching/03_comparing_provinces.py``, whose cells tagged ``solution``
are replaced by an empty answer cell in the exercise, and whose cells tagged ``exercise-only`` or
``solutions-only`` appear in one of the two only.

Examples
--------
>>> from study.execute import twins
>>> [t.target.name for t in twins.TWINS][:1]  # doctest: +SKIP
['province_profile.ipynb']
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from study import paths
from study.execute.nbexec import execute_and_write

ANSWER_PLACEHOLDER = "# your code here"
VARIANT_TAGS = {"exercise": ("solutions-only",), "solutions": ("exercise-only",), "": ()}


@dataclass(frozen=True)
class Twin:
    """A text source and the notebook made from it (``variant``: ``""``, ``"exercise"`` or ``"solutions"``)."""

    source: Path
    target: Path
    variant: str = ""
    lang: str = ""
    """When set, the ``lang = ...`` line of the parameters cell is set to this language (a stored variant)."""


def _twins(root: Path) -> list[Twin]:
    main = [
        Twin(root / f"{n}.py", root / f"{n}.ipynb")
        for n in ("province_profile", "compare_provinces", "policy_measures", "targets_tracking")
    ]
    teaching = root / "teaching"
    out = list(main)
    for lang, suffix in (("", ""), ("vi", "_vi")):  # the teaching notebooks are stored in both languages
        out += [
            Twin(teaching / "01_poverty_standard.py", teaching / f"01_poverty_standard{suffix}.ipynb", lang=lang),
            Twin(teaching / "02_reading_the_data.py", teaching / f"02_reading_the_data{suffix}.ipynb", lang=lang),
            Twin(
                teaching / "03_comparing_provinces.py",
                teaching / f"03_comparing_provinces_exercise{suffix}.ipynb",
                "exercise",
                lang=lang,
            ),
            Twin(
                teaching / "03_comparing_provinces.py",
                teaching / f"03_comparing_provinces_solutions{suffix}.ipynb",
                "solutions",
                lang=lang,
            ),
        ]
    return out


TWINS = _twins(paths.root() / "notebooks")
"""Every notebook of the project and the twin it is made from."""


def derive(twin: Twin) -> nbformat.NotebookNode:
    """Return the (unexecuted) notebook that ``twin`` makes, with stable cell ids.

    Raises
    ------
    FileNotFoundError
        If the text source does not exist.
    """
    import jupytext

    if not twin.source.is_file():
        raise FileNotFoundError(f"{twin.source}: the text twin of {twin.target.name} does not exist")
    nb = jupytext.read(twin.source, fmt="py:percent")
    cells = []
    for cell in nb.cells:
        tags = list(cell.metadata.get("tags", []))
        if any(tag in VARIANT_TAGS[twin.variant] for tag in tags):
            continue
        if twin.variant == "exercise" and "solution" in tags:
            cell = nbformat.v4.new_code_cell(ANSWER_PLACEHOLDER)
            tags = [t for t in tags if t != "solution"]
        metadata = {"tags": tags} if tags else {}
        if twin.lang and "parameters" in tags:
            cell.source = re.sub(r'^lang = "[a-z]+"', f'lang = "{twin.lang}"', cell.source, flags=re.M)
        if cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=metadata)
        else:
            new = nbformat.v4.new_code_cell(cell.source, metadata=metadata)
        cells.append(new)
    out = nbformat.v4.new_notebook()
    out.cells = cells
    for index, cell in enumerate(out.cells):
        cell["id"] = f"{twin.target.stem[:24]}-{index:02d}"
    return out


def differences(twin: Twin) -> list[str]:
    """Return how the stored ``.ipynb`` differs from what its twin makes (cell types, sources, tags)."""
    made = derive(twin)
    if not twin.target.is_file():
        return [f"{twin.target}: missing; run `make notebooks`"]
    stored = nbformat.read(twin.target, as_version=4)
    problems = []
    if len(made.cells) != len(stored.cells):
        problems.append(f"{twin.target.name}: {len(stored.cells)} cells, its twin makes {len(made.cells)}")
    for index, (a, b) in enumerate(zip(made.cells, stored.cells, strict=False)):
        tags_a, tags_b = a.metadata.get("tags", []), b.metadata.get("tags", [])
        if a.cell_type != b.cell_type or a.source != b.source or list(tags_a) != list(tags_b):
            problems.append(f"{twin.target.name}, cell {index}: differs from {twin.source.name}")
    return problems


def make(twin: Twin, run: bool = True) -> Path:
    """Write (and execute) the notebook of ``twin``; return its path."""
    return execute_and_write(derive(twin), twin.target, run=run)


def main(argv=None) -> int:
    """``python -m study.execute.twins [NAMES] [--no-run]``: rebuild notebooks from their twins."""
    parser = argparse.ArgumentParser(description="Rebuild the notebooks from their text twins and execute them.")
    parser.add_argument("names", nargs="*", help="notebook file names (default: all)")
    parser.add_argument("--no-run", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    chosen = [t for t in TWINS if not args.names or t.target.name in args.names or t.target.stem in args.names]
    if args.names and not chosen:
        print(f"twins: no notebook named {', '.join(args.names)}", file=sys.stderr)
        return 2
    for twin in chosen:
        print(f"twins: {twin.source.name} -> {make(twin, run=not args.no_run).name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
