"""Text helpers shared by the registry, the standards and the extractor: one fold for the whole package."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, NFC/NFD-proof (``đ`` becomes ``d``).

    Examples
    --------
    >>> fold("Đắk Lắk")
    'dak lak'
    """
    decomposed = unicodedata.normalize("NFD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D").casefold()


def fold_words(text: str) -> str:
    """Return :func:`fold` of ``text`` with runs of white space made one space and the ends trimmed."""
    return " ".join(fold(text).split())
