"""Saving figures and tables next to an executed notebook, deterministically and atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib as mpl
import pandas as pd

mpl.rcParams["svg.hashsalt"] = "study"  # stable ids in SVG files

SOURCE_FONT_SIZE = 7


def add_source(fig, text: str) -> None:
    """Write a source line under a figure (small, left-aligned), leaving room for it in the layout."""
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        engine.set(rect=(0, 0.06, 1, 0.94))
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=SOURCE_FONT_SIZE, color="0.35", wrap=True)


def _atomic(path: Path, write) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=path.suffix)
    os.close(handle)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path


def save_figure(fig, output_dir: str | os.PathLike | None, name: str) -> list[Path]:
    """Save ``fig`` as ``<output_dir>/<name>.png`` and ``.svg``; do nothing when ``output_dir`` is empty.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    if not output_dir:
        return []
    folder = Path(output_dir)
    written = [
        _atomic(folder / f"{name}.png", lambda p: fig.savefig(p, format="png", dpi=150, bbox_inches="tight",
                                                              metadata={"Software": None})),
        _atomic(folder / f"{name}.svg", lambda p: fig.savefig(p, format="svg", bbox_inches="tight",
                                                              metadata={"Date": None, "Creator": None})),
    ]
    return written


def save_table(frame: pd.DataFrame, output_dir: str | os.PathLike | None, name: str) -> list[Path]:
    """Save ``frame`` as ``<output_dir>/<name>.csv`` (UTF-8, no index); nothing when ``output_dir`` is empty."""
    if not output_dir:
        return []
    path = Path(output_dir) / f"{name}.csv"
    return [_atomic(path, lambda p: frame.to_csv(p, index=False, lineterminator="\n", encoding="utf-8"))]
