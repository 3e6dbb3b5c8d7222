"""Shared fixtures: a copy of real raw data in a temporary folder, and a build of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[1]
RAW = Path(os.environ.get("STUDY_RAW_DIR", REPO / "data" / "raw"))  # the documented override
MINIMAL = Path(__file__).resolve().parent / "data" / "raw_minimal"
SHARED = REPO.parent / "shared"


def minimal_raw(raw: Path, programme: bool = False) -> Path:
    """Copy the real admin tables and tile grids (no boundaries) and the minimal review rows into ``raw``."""
    shutil.copytree(RAW / "admin", raw / "admin")
    shutil.copytree(RAW / "geo", raw / "geo", ignore=shutil.ignore_patterns("*.json"))  # tiles, no boundaries
    if programme:
        shutil.copytree(RAW / "programme", raw / "programme")
    shutil.copytree(MINIMAL / "statistics", raw / "statistics")
    return raw


@pytest.fixture
def raw_copy(tmp_path: Path, monkeypatch) -> Path:
    """A raw folder with the real admin tables and a small set of real review rows.

    Builds from it skip the boundary layers (no source, no download), which keeps them fast.
    """
    monkeypatch.delenv("STUDY_BOUNDARIES", raising=False)
    monkeypatch.setenv("STUDY_OFFLINE", "1")
    monkeypatch.setenv("STUDY_CACHE_DIR", str(tmp_path / "cache"))
    return minimal_raw(tmp_path / "raw")


@pytest.fixture
def built(raw_copy: Path, tmp_path: Path) -> Path:
    """Processed data built from ``raw_copy``."""
    from study import build

    out = tmp_path / "processed"
    build.run(raw_copy, out)
    return out


@pytest.fixture(scope="session")
def real_processed(tmp_path_factory) -> Path:
    """The real data/raw built once per test session into a temporary folder, used by the loaders."""
    import os

    from study import build

    out = tmp_path_factory.mktemp("processed")
    offline = os.environ.get("STUDY_OFFLINE")
    cache = os.environ.get("STUDY_CACHE_DIR")
    os.environ["STUDY_OFFLINE"] = "1"  # never a download in tests; STUDY_BOUNDARIES (a local copy) still works
    os.environ["STUDY_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    try:
        build.run(RAW, out)
    finally:
        for name, value in (("STUDY_OFFLINE", offline), ("STUDY_CACHE_DIR", cache)):
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    previous = os.environ.get("STUDY_PROCESSED_DIR")
    os.environ["STUDY_PROCESSED_DIR"] = str(out)
    yield out
    if previous is None:
        os.environ.pop("STUDY_PROCESSED_DIR", None)
    else:
        os.environ["STUDY_PROCESSED_DIR"] = previous
