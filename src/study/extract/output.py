"""Writing proposals: CSV and JSON text, and files written atomically.

Every file goes to a temporary file in the target folder and is moved into place with
:func:`os.replace`, so that a reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from study import schema

if TYPE_CHECKING:
    from study.extract.pipeline import Extraction

__all__ = ["to_csv", "to_json", "write_atomic", "write_outputs"]


def _cell(value) -> str:
    """Return a CSV cell: empty for None, whole floats without ``.0``, others with up to six decimals."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def to_csv(rows: list[dict], columns: list[str]) -> str:
    """Return ``rows`` as CSV text with ``columns`` (LF line ends, Python's minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c, "")) for c in columns])
    return buffer.getvalue()


def to_json(result: Extraction) -> str:
    """Return one document's proposals as JSON (document, facts, measures)."""
    payload = {"document": result.document, "facts": result.facts, "measures": result.measures}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder and :func:`os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(content)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise


def write_outputs(result: Extraction, out_dir: Path, fmt: str = "csv") -> list[Path]:
    """Write ``<id>.facts.csv``, ``<id>.measures.csv``, ``<id>.documents.csv`` (and ``<id>.json``).

    Parameters
    ----------
    result : Extraction
        One document's proposals; ``<id>`` is its ``doc_id``.
    out_dir : path-like
        The folder (created if missing).
    fmt : {"csv", "json"}
        With ``"json"`` the JSON file is written too.

    Returns
    -------
    list of Path
        The files written.
    """
    stem = result.document["doc_id"]
    written = []
    for name, rows, table in (
        ("facts", result.facts, schema.FACTS),
        ("measures", result.measures, schema.MEASURES),
        ("documents", [result.document], schema.DOCUMENTS),
    ):
        path = Path(out_dir) / f"{stem}.{name}.csv"
        write_atomic(path, to_csv(rows, table.columns))
        written.append(path)
    if fmt == "json":
        path = Path(out_dir) / f"{stem}.json"
        write_atomic(path, to_json(result))
        written.append(path)
    return written
