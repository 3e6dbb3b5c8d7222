"""Build step: the project's tile-grid layouts (``raw/geo/tiles_63.csv``, ``tiles_34.csv``), checked.

Every province is one equal square in rough geographic order; row 0 is the north, column 0 the
west. The step checks that every unit of the regime has exactly one cell of its own and a unique
label, and writes ``tiles_63`` and ``tiles_34`` with the unit names. How the layouts were made and
how well they keep real neighbours together: ``docs/maps.md`` and :mod:`study.tools.tilegrid`.
"""

from __future__ import annotations

import pandas as pd

from study.build.base import BuildError, Context, Output
from study.registry.provinces import Registry
from study.schema import SchemaError, read_csv_text


class TileLayoutError(BuildError):
    """A tile layout that misses a unit, repeats one or puts two units in one cell."""


def check(frame: pd.DataFrame, registry: Registry, regime="63", where="tile layout") -> None:
    """Raise :class:`TileLayoutError` unless every unit of ``regime`` has exactly one cell of its own."""
    expected = set(registry.units[regime])
    codes = frame["code"].astype(str)
    problems = []
    if codes.duplicated().any():
        problems.append("units with more than one tile: " + ", ".join(sorted(set(codes[codes.duplicated()]))))
    if set(codes) - expected:
        problems.append(f"codes that are not {regime}-unit codes: " + ", ".join(sorted(set(codes) - expected)))
    if expected - set(codes):
        problems.append("units without a tile: " + ", ".join(sorted(expected - set(codes))))
    cells = frame[["row", "col"]].astype(int).apply(tuple, axis=1)
    if cells.duplicated().any():
        shared = sorted(set(cells[cells.duplicated()]))
        problems.append(
            "cells holding two units: " + ", ".join(f"{cell} ({', '.join(codes[cells == cell])})" for cell in shared)
        )
    if frame["label"].astype(str).duplicated().any():
        problems.append("repeated labels")
    if problems:
        raise TileLayoutError(f"{where}: " + "; ".join(problems))


def outputs(ctx: Context) -> list[Output]:
    """The two layouts with the units' names, sorted by code."""
    result = []
    for regime in ("63", "34"):
        path = ctx.raw_dir / "geo" / f"tiles_{regime}.csv"
        if not path.exists():
            raise BuildError(f"{path}: the tile layout of the {regime} units is missing")
        try:
            frame = read_csv_text(path).drop(columns=["_line"])
        except SchemaError as error:
            raise BuildError(str(error)) from None
        missing = {"code", "row", "col", "label"} - set(frame.columns)
        if missing:
            raise BuildError(
                f"{path}: missing column(s) {', '.join(sorted(missing))}; expected code, row, col, label, source"
            )
        for column in ("row", "col"):
            bad = ~frame[column].astype(str).str.fullmatch(r"\d{1,3}")
            if bad.any():
                raise BuildError(
                    f"{path}: column {column!r} has {frame.loc[bad, column].iloc[0]!r}; expected a "
                    "grid index (a whole number from 0 to 999)"
                )
        frame["code"] = frame["code"].astype(str).str.zfill(2)
        check(frame, ctx.registry, regime, path)
        frame["name_vi"] = [ctx.registry.units[regime][c].name_vi for c in frame["code"]]
        frame = frame[["code", "name_vi", "label", "row", "col"]].sort_values("code", ignore_index=True)
        frame = frame.astype({"code": "string", "name_vi": "string", "label": "string", "row": "Int64", "col": "Int64"})
        result.append(
            Output(
                f"tiles_{regime}",
                frame,
                f"Tile-grid layout of the {regime} units (the project's own).",
                {
                    "code": ("GSO code in this regime", ""),
                    "name_vi": ("Vietnamese name", ""),
                    "label": ("three-letter label drawn on the tile", ""),
                    "row": ("grid row, 0 = north", ""),
                    "col": ("grid column, 0 = west", ""),
                },
                [{"title": "data/raw/geo/SOURCE.md", "path": "data/raw/geo/SOURCE.md"}],
            )
        )
    return result
