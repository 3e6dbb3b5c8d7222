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


ECHO_LIMIT = 80
"""Echoed input is cut to this many characters in error messages."""


def shorten(value, limit: int = ECHO_LIMIT) -> str:
    """Return ``repr(value)`` cut to about ``limit`` characters, for echoing input in a message.

    Examples
    --------
    >>> shorten("x" * 500, 20)
    "'xxxxxxxxxxxxxxxx… (500 characters)"
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    size = len(value) if isinstance(value, str | bytes) else len(text)
    return f"{text[: limit - 3]}… ({size} characters)"
