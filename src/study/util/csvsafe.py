"""CSV files for people: cells that a spreadsheet would run as a formula are neutralised.

A text cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) and is not a
number is prefixed with an apostrophe, as OWASP recommends against CSV injection. Numbers such as
``-3.5`` or ``+84`` stay as they are. Parquet files keep the exact text.
"""

from __future__ import annotations

import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")


def is_formula(text: str) -> bool:
    """Return whether ``text`` would be read as a formula by a spreadsheet (and is not a plain number)."""
    return isinstance(text, str) and text[:1] in TRIGGERS and not _NUMBER.match(text.strip())


def neutralise(value):
    """Return ``value`` with an apostrophe in front when it is a formula-like text cell."""
    return "'" + value if is_formula(value) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` whose text cells are neutralised (other columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_object_dtype(series) or pd.api.types.is_string_dtype(series):
            values = series.astype(object).tolist()
            flags = [is_formula(v) for v in values]
            if any(flags):
                out[column] = pd.array(
                    [neutralise(v) if f else v for v, f in zip(values, flags, strict=True)], dtype=series.dtype
                )
    return out
