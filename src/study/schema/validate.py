"""Read a raw CSV as text and check every cell against its :class:`~study.schema.fields.Table`."""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from pathlib import Path

import pandas as pd

from study.schema.fields import (
    CODE_RE,
    DATE_RE,
    MAX_DIGITS,
    NUMBER_RE,
    SCHEME_RE,
    URL_RE,
    Field,
    SchemaError,
    Table,
)
from study.util.csvsafe import is_formula
from study.util.text import shorten

MAX_ERRORS_SHOWN = 50
"""At most this many bad cells are listed in one error message (all are counted)."""
MAX_RAW_BYTES = 16 * 1024 * 1024
"""Largest raw CSV file read (16 MiB; the largest real one is under 100 kB). Documented in docs/data.md."""
MAX_RAW_ROWS = 200_000
"""Most records in one raw CSV file."""


def read_csv_text(path: Path) -> pd.DataFrame:
    """Read a CSV with every cell as NFC text (no type guessing, empty cells as ``""``).

    The file is read as a stream (never held twice in memory); files larger than
    :data:`MAX_RAW_BYTES` or with more than :data:`MAX_RAW_ROWS` records are refused.

    Parameters
    ----------
    path : path-like
        A UTF-8 CSV file with one header row.

    Returns
    -------
    pandas.DataFrame
        One column per header cell, plus ``_line``: the physical line on which each record starts
        (blank lines and line breaks inside quoted cells counted), so that messages point at the
        line an editor shows.

    Raises
    ------
    SchemaError
        On an empty (0-byte or blank) file, a file that is not UTF-8 text, holds NUL bytes or is too
        large, or a record with more cells than the header.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SchemaError(f"{path}: cannot read the file ({error.strerror or error})") from None
    if size == 0:
        raise SchemaError(f"{path}: the file is empty (0 bytes); expected a header row and data rows")
    if size > MAX_RAW_BYTES:
        raise SchemaError(
            f"{path}: the file has {size:,} bytes; raw tables are limited to {MAX_RAW_BYTES:,} bytes "
            "(docs/data.md): split it into several files"
        )
    header: list[str] | None = None
    rows, lines = [], []
    line = 1
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            for record in reader:
                start, line = line, reader.line_num + 1
                if "\x00" in "".join(record):
                    raise SchemaError(f"{path}, line {start}: the file holds NUL bytes; expected a CSV text file")
                if not record or all(not cell.strip() for cell in record):
                    continue
                if header is None:
                    header = [unicodedata.normalize("NFC", c.strip()) for c in record]
                    continue
                if len(record) > len(header):
                    raise SchemaError(f"{path}, line {start}: {len(record)} cells, but the header has {len(header)}")
                if len(rows) >= MAX_RAW_ROWS:
                    raise SchemaError(
                        f"{path}: more than {MAX_RAW_ROWS:,} rows; raw tables are limited to "
                        f"{MAX_RAW_ROWS:,} rows per file (docs/data.md): split it into several files"
                    )
                record = record + [""] * (len(header) - len(record))
                rows.append([unicodedata.normalize("NFC", v).strip() for v in record])
                lines.append(start)
    except UnicodeDecodeError as error:
        raise SchemaError(f"{path}: not UTF-8 text ({error.reason} near line {line})") from None
    except csv.Error as error:
        if "NUL" in str(error):
            raise SchemaError(f"{path}, line {line}: the file holds NUL bytes; expected a CSV text file") from None
        raise SchemaError(f"{path}, line {line}: not a readable CSV file ({error})") from None
    if header is None:
        raise SchemaError(f"{path}: the file is empty (only blank lines); expected a header row and data rows")
    frame = pd.DataFrame(rows, columns=header, dtype=object) if rows else pd.DataFrame(columns=header)
    frame["_line"] = lines
    return frame


def _check_text(value: str, f: Field, where: str) -> str:
    """Check a text cell: web addresses, formula-like text, word limit; return it."""
    if f.url == "always" or (f.url == "maybe" and SCHEME_RE.match(value)):
        if not URL_RE.match(value):
            raise SchemaError(
                f"{where}: column {f.name!r} has {shorten(value)}; expected a web address beginning "
                "with http:// or https://, without spaces, quotes or angle brackets"
            )
        return value
    if f.url == "maybe" and re.search(r"[<>\"`]", value):
        raise SchemaError(
            f"{where}: column {f.name!r} has {shorten(value)}; expected a file name or a web address, "
            "without quotes or angle brackets"
        )
    if is_formula(value):
        raise SchemaError(
            f"{where}: column {f.name!r} has {shorten(value)}, which begins with "
            f"{value[0]!r} and would run as a formula in a spreadsheet; text cells may not begin "
            "with =, +, - or @ unless they are numbers (rephrase, e.g. put a word first)"
        )
    if f.max_words is not None and len(value.split()) > f.max_words:
        raise SchemaError(f"{where}: column {f.name!r} has {len(value.split())} words; expected at most {f.max_words}")
    return value


def _parse(value: str, f: Field, where: str):
    """Parse one cell; raise SchemaError naming ``where`` and the expectation."""
    if value == "":
        if f.required:
            raise SchemaError(f"{where}: column {f.name!r} is empty; a value is required ({f.description})")
        return None
    if f.kind in ("int", "year", "float"):
        if not NUMBER_RE.match(value):
            hint = ""
            if re.match(r"^-?\d+,\d+$", value):
                hint = " (use a decimal point, not a comma: '8.92', not '8,92')"
            elif re.match(r"^-?\d{1,3}([.,]\d{3})+$", value):
                hint = " (write numbers without thousands separators)"
            raise SchemaError(f"{where}: column {f.name!r} has {shorten(value)}; expected a number{hint}")
        digits = len(value.lstrip("-").split(".")[0].lstrip("0"))
        if digits > MAX_DIGITS:
            raise SchemaError(
                f"{where}: column {f.name!r} has a number of {digits} digits ({shorten(value)}); "
                f"expected at most {MAX_DIGITS} digits"
            )
        number = float(value)
        if f.kind in ("int", "year"):
            if not number.is_integer():
                raise SchemaError(f"{where}: column {f.name!r} has {shorten(value)}; expected a whole number")
            number = int(number)
        if f.minimum is not None and number < f.minimum:
            raise SchemaError(
                f"{where}: column {f.name!r} has {value}; expected at least {f.minimum:g}"
                + (" (a count cannot be negative)" if f.minimum == 0 else "")
            )
        if f.maximum is not None and number > f.maximum:
            raise SchemaError(
                f"{where}: column {f.name!r} has {value}; expected at most {f.maximum:g}"
                + (" (a rate in percent)" if f.unit == "percent" else "")
            )
        return number
    if f.kind == "code":
        if not CODE_RE.match(value):
            raise SchemaError(
                f"{where}: column {f.name!r} has {shorten(value)}; expected a two-digit code such as '08'"
            )
        return value
    if f.kind == "date":
        if not DATE_RE.match(value):
            raise SchemaError(f"{where}: column {f.name!r} has {shorten(value)}; expected a date as YYYY-MM-DD")
        try:
            pd.Timestamp(value)
        except ValueError:
            raise SchemaError(
                f"{where}: column {f.name!r} has {shorten(value)}, which is not a calendar date"
            ) from None
        return value
    if f.kind == "enum":
        if value not in f.values:
            raise SchemaError(f"{where}: column {f.name!r} has {shorten(value)}; expected one of {', '.join(f.values)}")
        return value
    return _check_text(value, f, where)


def validate(frame: pd.DataFrame, table: Table, path: Path | str) -> pd.DataFrame:
    """Check a raw text frame against ``table`` and return it typed.

    Parameters
    ----------
    frame : pandas.DataFrame
        Cells as text, as :func:`read_csv_text` returns them.
    table : Table
        The schema.
    path : path-like
        The file the frame came from, named in error messages.

    Returns
    -------
    pandas.DataFrame
        The declared columns in declared order, typed (``Int64``, ``Float64``, ``string``), plus a
        ``_line`` column with the CSV line number of each row.

    Raises
    ------
    SchemaError
        On a missing or unexpected column, an unparseable or out-of-range value, a missing source,
        or a duplicate key; the message names the file and the line.
    """
    given = [c for c in frame.columns if c != "_line"]
    missing = [c for c in table.columns if c not in given]
    if missing:
        raise SchemaError(
            f"{path}: missing column(s) {', '.join(missing)}; table {table.name!r} expects "
            f"the columns {', '.join(table.columns)}"
        )
    unexpected = [c for c in given if c not in table.columns]
    if unexpected:
        raise SchemaError(
            f"{path}: unexpected column(s) {', '.join(unexpected)}; table {table.name!r} expects "
            f"the columns {', '.join(table.columns)}"
        )
    physical = frame["_line"].tolist() if "_line" in frame.columns else [i + 2 for i in range(len(frame))]
    records, errors = [], []
    for line, row in zip(physical, frame.to_dict("records"), strict=True):
        where = f"{path}, line {line}"
        parsed = {}
        for f in table.fields:
            try:
                parsed[f.name] = _parse(row[f.name], f, where)
            except SchemaError as error:
                errors.append(str(error))
                parsed[f.name] = None
        if table.source_fields and not any(row.get(s) for s in table.source_fields):
            errors.append(f"{where}: no source; every row needs {' or '.join(table.source_fields)}")
        parsed["_line"] = line
        records.append(parsed)
    if errors:
        shown = errors[:MAX_ERRORS_SHOWN]
        more = f"\n... and {len(errors) - len(shown)} more" if len(errors) > len(shown) else ""
        raise SchemaError(f"{path}: {len(errors)} bad cell(s)\n" + "\n".join(shown) + more)
    out = pd.DataFrame.from_records(records, columns=[*table.columns, "_line"])
    for f in table.fields:
        if f.kind in ("int", "year"):
            out[f.name] = pd.array(out[f.name].tolist(), dtype="Int64")
        elif f.kind == "float":
            out[f.name] = pd.array(
                [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in out[f.name].tolist()],
                dtype="Float64",
            )
        else:
            out[f.name] = out[f.name].astype("string")
    if table.key:
        duplicated = out.duplicated(list(table.key), keep=False)
        if duplicated.any():
            lines = out.loc[duplicated, "_line"].tolist()
            sample = out.loc[duplicated, list(table.key)].iloc[0].tolist()
            raise SchemaError(
                f"{path}, lines {', '.join(map(str, lines))}: duplicate key "
                f"{dict(zip(table.key, sample, strict=True))}; the key "
                f"({', '.join(table.key)}) must be unique"
            )
    return out
