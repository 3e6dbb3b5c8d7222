"""The layout of ``study.extract``: small modules, no import cycles, the public names in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import study.extract

PACKAGE = Path(study.extract.__file__).resolve().parent
MODULES = sorted(p for p in PACKAGE.glob("*.py") if p.name != "__main__.py")


def _imports(path: Path) -> set[str]:
    """The ``study.extract`` modules that ``path`` imports when it is loaded (not under TYPE_CHECKING)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("study.extract."):
            found.add(node.module.rsplit(".", 1)[1])
    return found


def test_every_module_is_small_and_documented():
    for path in MODULES:
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 500, path.name
        assert ast.get_docstring(ast.parse(source)), path.name


def test_the_modules_import_each_other_without_cycles():
    graph = {p.stem: _imports(p) for p in MODULES if p.stem != "__init__"}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, " -> ".join((*trail, name))
        if name in done:
            return
        for other in graph[name]:
            visit(other, (*trail, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_the_public_names_are_importable_from_the_package():
    for name in (
        "ExtractError",
        "Extraction",
        "extract_file",
        "extract_text",
        "load_terms",
        "register",
        "main",
        "parse_number",
        "sentence_spans",
    ):
        assert name in study.extract.__all__ and hasattr(study.extract, name)
