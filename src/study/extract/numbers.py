"""Vietnamese number style: numerals with a thousands dot and a decimal comma, and years.

Vietnamese writes ``5.100`` for five thousand one hundred and ``53,7`` for fifty-three point seven;
an English decimal point is accepted only with one or two decimals (``3.48``), since ``5.100`` would
otherwise be ambiguous. Everything here is plain :mod:`re`.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_PATTERN", "YEAR_PATTERN", "parse_number", "words"]

#: A Vietnamese numeral: thousands dot and decimal comma ("5.100", "53,7", "1.250,5"), or a plain
#: integer; an English decimal point is accepted only with one or two decimals ("3.48").
NUMBER_PATTERN = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+)"

#: A year from 1900 to 2099 standing alone: not part of a longer number, a date or a decimal.
YEAR_PATTERN = r"(?<![\d.,/])(?:19|20)\d{2}(?!\d|[.,]\d)"


def parse_number(token: str) -> float:
    """Parse a Vietnamese numeral.

    Parameters
    ----------
    token : str
        A numeral as written: ``"8,92"``, ``"5.100"``, ``"1.250,5"``, ``"3.48"`` or ``"2024"``.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``token`` is not a numeral.

    Examples
    --------
    >>> parse_number("8,92"), parse_number("5.100"), parse_number("1.250,5"), parse_number("3.48")
    (8.92, 5100.0, 1250.5, 3.48)
    """
    token = token.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return float(token.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+,\d+", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    raise ValueError(f"not a number: {token!r}")


def words(text: str) -> int:
    """Return the number of whitespace-separated words in ``text``."""
    return len(text.split())
