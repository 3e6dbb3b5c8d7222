"""Writing the processed folder: frames to Parquet/CSV, the ``datapackage.json``, and the staged swap.

The whole folder is built in a staging folder beside it and swapped in at the end with two renames
(old folder aside, new folder in), so that a failed or killed build never leaves tables of two builds
side by side, and no file that the build no longer writes survives (an old ``boundaries_63.parquet``
could otherwise still be read). A build killed between the two renames leaves no ``out_dir`` but the
old folder beside it: the next build (or :func:`clean_leftovers`) moves it back before anything else,
and removes leftover staging and old folders.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from study.build.base import LICENCE_DATA, Output
from study.util.csvsafe import neutralise_frame
from study.util.files import sha256_file

KEEP = ("README.md",)
"""Files of the processed folder that are not built but kept across builds (tracked in git)."""
STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"


def write_frame(output: Output, folder: Path) -> list[Path]:
    written = []
    frame = output.frame.reset_index(drop=True)
    is_geo = hasattr(frame, "geometry") and frame.__class__.__name__ == "GeoDataFrame"
    if "parquet" in output.formats:
        path = folder / f"{output.name}.parquet"
        if is_geo:  # GeoParquet
            frame.to_parquet(path, index=False, compression="zstd")
        else:
            frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
        written.append(path)
    if "geojson" in output.formats:
        path = folder / f"{output.name}.geojson"
        frame.to_file(path, driver="GeoJSON", engine="pyogrio", COORDINATE_PRECISION=5, WRITE_BBOX="NO")
        written.append(path)
    if "csv" in output.formats:
        path = folder / f"{output.name}.csv"
        if is_geo:
            frame = frame.drop(columns=frame.geometry.name)
        neutralise_frame(frame).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written


def datapackage(outputs: list[Output], staged: dict[str, Path]) -> dict:
    resources = []
    for output in outputs:
        for fmt in output.formats:
            filename = f"{output.name}.{fmt}"
            fields = []
            for column in output.frame.columns:
                description, unit = output.fields.get(column, ("", ""))
                dtype = output.frame[column].dtype
                kind = (
                    "integer"
                    if pd.api.types.is_integer_dtype(dtype)
                    else "number"
                    if pd.api.types.is_float_dtype(dtype)
                    else "boolean"
                    if pd.api.types.is_bool_dtype(dtype)
                    else "geojson"
                    if column == "geometry"
                    else "string"
                )
                entry = {"name": column, "type": kind, "description": description}
                if unit:
                    entry["unit"] = unit
                fields.append(entry)
            resources.append(
                {
                    "name": f"{output.name}-{fmt}",
                    "path": filename,
                    "format": fmt,
                    "description": output.description,
                    "hash": f"sha256:{sha256_file(staged[filename])}",
                    "schema": {"fields": fields},
                    "sources": output.sources,
                    "licenses": [output.licence or LICENCE_DATA],
                }
            )
    return {
        "name": "study-processed",
        "title": "Vietnam provincial sustainable poverty reduction 2021-2025: processed data",
        "description": "Built by `study build` from data/raw; every figure keeps its source.",
        "licenses": [LICENCE_DATA],
        "resources": resources,
    }


def clean_leftovers(out_dir: Path) -> list[Path]:
    """Tidy what a killed build left beside ``out_dir``; return the folders removed.

    When ``out_dir`` itself is missing (the build was killed between moving the old folder aside
    and moving the new one in), the most recent old folder is moved back first, so that the
    previous data are in place again. Staging folders and the other old folders are removed.
    """
    out_dir = Path(out_dir)
    olds = sorted(out_dir.parent.glob(f"{out_dir.name}{OLD_PREFIX}*"), key=lambda p: p.stat().st_mtime_ns)
    if not out_dir.exists() and olds:
        os.replace(olds.pop(), out_dir)
    removed = []
    for path in sorted(out_dir.parent.glob(f"{out_dir.name}{STAGING_PREFIX}*")) + olds:
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def write_all(outputs: list[Output], out_dir: Path, say=lambda message: None) -> list[Path]:
    """Write ``outputs`` and the data package into a staging folder, then swap it in for ``out_dir``.

    Returns
    -------
    list of pathlib.Path
        The files written (in ``out_dir``), ``datapackage.json`` last.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(out_dir)
    token = uuid.uuid4().hex[:8]
    staging = out_dir.parent / f"{out_dir.name}{STAGING_PREFIX}{token}"
    staging.mkdir()
    try:
        staged: dict[str, Path] = {}
        for output in outputs:
            say(f"writing {output.name}")
            for path in write_frame(output, staging):
                staged[path.name] = path
        package = datapackage(outputs, staged)
        (staging / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
        )
        for name in KEEP:
            if (out_dir / name).is_file():
                shutil.copy2(out_dir / name, staging / name)
        old = out_dir.parent / f"{out_dir.name}{OLD_PREFIX}{token}"
        if out_dir.exists():
            os.replace(out_dir, old)
        try:
            os.replace(staging, out_dir)
        except BaseException:
            if old.exists() and not out_dir.exists():
                os.replace(old, out_dir)  # put the previous data back
            raise
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / name for name in sorted(staged)] + [out_dir / "datapackage.json"]
