"""The package's layers import downwards only: build → load → analysis → presentation → execution → site.

A module of a lower layer that imports a higher one (an analysis module formatting sentences with the
presentation's string catalogue, say) ties numbers to words and is refused here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import study

PACKAGE = Path(study.__file__).parent

# Subpackages each layer may not import (higher layers).
FORBIDDEN = {
    "analysis": ("study.present", "study.execute", "study.publish"),
    "present": ("study.execute", "study.publish"),
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_never_imports_a_higher_one(layer):
    offending = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in _imports(path):
            if module.startswith(FORBIDDEN[layer]):
                offending.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not offending, "\n".join(offending)


def test_the_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from study.present.i18n import t\n    return t\n", encoding="utf-8")
    assert (2, "study.present.i18n") in _imports(module)
