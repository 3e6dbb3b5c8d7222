"""Saving figures and tables next to an executed notebook, deterministically and atomically."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from study.util.csvsafe import neutralise_frame
from study.util.files import atomic_write

SOURCE_FONT_SIZE = 7
SVG_SALT = "study"
"""Salt of the ids in SVG files, set at every save: a kernel reset between runs restores matplotlib's
defaults (a random salt), so setting it once at import would give random ids from the second run on."""


def add_source(fig, text: str) -> None:
    """Write a source line under a figure (small, left-aligned), leaving room for it in the layout."""
    engine = fig.get_layout_engine()
    if engine is not None and hasattr(engine, "set") and "rect" in engine.get():
        engine.set(rect=(0, 0.06, 1, 0.94))
    fig.text(0.01, 0.005, text, ha="left", va="bottom", fontsize=SOURCE_FONT_SIZE, color="0.35", wrap=True)


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
    with mpl.rc_context({"svg.hashsalt": SVG_SALT}):
        written = [
            atomic_write(
                folder / f"{name}.png",
                lambda p: fig.savefig(p, format="png", dpi=150, bbox_inches="tight", metadata={"Software": None}),
            ),
            atomic_write(
                folder / f"{name}.svg",
                lambda p: fig.savefig(p, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None}),
            ),
        ]
    return written


def save_table(frame: pd.DataFrame, output_dir: str | os.PathLike | None, name: str) -> list[Path]:
    """Save ``frame`` as ``<output_dir>/<name>.csv`` (UTF-8, no index, formula-like cells neutralised); nothing when
    ``output_dir`` is empty."""
    if not output_dir:
        return []
    path = Path(output_dir) / f"{name}.csv"
    safe = neutralise_frame(frame)
    return [atomic_write(path, lambda p: safe.to_csv(p, index=False, lineterminator="\n", encoding="utf-8"))]
