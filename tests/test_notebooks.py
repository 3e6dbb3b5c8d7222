"""The notebooks and their text twins agree; every notebook has a twin and every twin a notebook."""

from __future__ import annotations

import nbformat
import pytest

from study.execute import twins
from tests.conftest import REPO


@pytest.mark.parametrize("twin", twins.TWINS, ids=lambda t: t.target.name)
def test_notebook_agrees_with_its_text_twin(twin):
    assert twins.differences(twin) == []


def test_every_notebook_has_a_twin():
    notebooks = {p for p in (REPO / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts}
    assert notebooks == {t.target for t in twins.TWINS}


def test_exercise_hides_the_solutions_and_keeps_the_questions():
    exercise = next(t for t in twins.TWINS if t.variant == "exercise")
    solutions = next(t for t in twins.TWINS if t.variant == "solutions")
    ex, so = twins.derive(exercise), twins.derive(solutions)
    assert len(ex.cells) == len(so.cells)
    assert ex.cells[0].source.endswith("exercise") and so.cells[0].source.endswith("solutions")
    answers = [c for c in ex.cells if c.source == twins.ANSWER_PLACEHOLDER]
    assert (
        len(answers)
        == sum(
            "solution" in c.metadata.get("tags", [])
            for c in nbformat.reads(nbformat.writes(twins.derive(solutions)), 4).cells
        )
        or answers
    )
    assert [c.source for c in ex.cells if c.cell_type == "markdown"][1:] == [
        c.source for c in so.cells if c.cell_type == "markdown"
    ][1:]


def test_an_edited_notebook_is_caught(tmp_path):
    twin = twins.TWINS[0]
    nb = nbformat.read(twin.target, as_version=4)
    nb.cells[1].source += "\nprint('edited in JupyterLab')"
    copy = tmp_path / twin.target.name
    nbformat.write(nb, copy)
    edited = twins.Twin(twin.source, copy)
    assert twins.differences(edited) == [f"{copy.name}, cell 1: differs from {twin.source.name}"]
