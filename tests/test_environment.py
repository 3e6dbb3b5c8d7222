"""pyproject.toml, environment.yml and requirements.lock describe the same environment."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import REPO

# conda-forge spelling of PyPI names, where they differ
CONDA_NAMES: dict[str, str] = {}


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    specs = list(data["project"]["dependencies"])
    for group in data["project"]["optional-dependencies"].values():  # dev and the optional extras
        specs += list(group)
    out = {}
    for spec in specs:
        name, version = re.match(r"^([A-Za-z0-9_.\-\[\]]+?)\s*(>=.*)?$", spec).groups()
        out[CONDA_NAMES.get(name.lower(), name.lower())] = version or ""
    return out


def _environment() -> dict[str, str]:
    out = {}
    in_deps = False
    for line in (REPO / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*([><=].*)?$", line)
        if in_deps and match:
            out[match.group(1).lower()] = (match.group(2) or "").strip()
    out.pop("python", None)
    return out


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    assert _environment() == _pyproject()


def test_lock_file_pins_every_dependency_exactly():
    lock = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            lock[name.lower().replace("_", "-")] = version
    for name in _pyproject():
        assert name.replace("_", "-") in lock, f"{name} is not pinned in requirements.lock"


def test_lock_satisfies_lower_bounds():
    lock = {}
    for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            lock[name.lower()] = tuple(int(p) for p in re.findall(r"\d+", version)[:3])
    for name, spec in _pyproject().items():
        if spec.startswith(">="):
            floor = tuple(int(p) for p in re.findall(r"\d+", spec)[:3])
            assert lock[name] >= floor, f"{name} {lock[name]} is below {spec}"
