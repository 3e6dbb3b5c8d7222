"""Words and numbers in the reader's language: the string catalogues and number style.

Every reader-facing string lives in one catalogue per language (``present/strings/en.toml`` and
``vi.toml``, the same keys in both), so that a translator reviews one file. Numbers are formatted
here: Vietnamese style ``5.100`` and ``6,02%``, English ``5,100`` and ``6.02%``; percentage points
are kept apart from percent; a missing value is never formatted (it is said, or shown as "–").
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from pathlib import Path

import pandas as pd

LANGS = ("vi", "en")
STRINGS = Path(__file__).resolve().parent / "strings"
MISSING = "–"
"""How a table shows a missing value (with a legend saying so)."""


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"vi"`` or ``"en"``; raise ``ValueError`` naming the choices otherwise."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: expected 'vi' or 'en'")
    return lang


@functools.cache
def catalogue(lang: str) -> dict[str, dict[str, str]]:
    """Return the string catalogue of ``lang`` (sections of keys)."""
    with open(STRINGS / f"{check_lang(lang)}.toml", "rb") as handle:
        return tomllib.load(handle)


def t(lang: str, key: str, **values) -> str:
    """Fill the string ``section.key`` of ``lang`` with already formatted ``values``.

    Raises
    ------
    KeyError
        If the catalogue has no such key (the message names the catalogue file).
    """
    section, _, name = key.partition(".")
    try:
        template = catalogue(lang)[section][name]
    except KeyError:
        raise KeyError(f"{STRINGS / (lang + '.toml')}: no string {key!r}") from None
    return template.format(**values)


def fmt_number(value: float, lang: str, decimals: int | None = None) -> str:
    """Format a number: ``5.100`` and ``6,02`` in Vietnamese, ``5,100`` and ``6.02`` in English.

    Without ``decimals``, up to three decimals are shown (as precise as the sources print them) and
    trailing zeros dropped, so that rounding noise such as ``3.3599999999999994`` never shows.
    """
    check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        raise ValueError("cannot format a missing value; say that it is missing instead")
    if decimals is None:
        text = f"{float(value):,.3f}".rstrip("0").rstrip(".")
    else:
        text = f"{float(value):,.{decimals}f}"
    if text in ("-0", "-0.0"):
        text = "0"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_pct(value: float, lang: str) -> str:
    """Format a rate in percent (``6,02%`` / ``6.02%``)."""
    return f"{fmt_number(value, lang)}%"


def fmt_pp(value: float, lang: str) -> str:
    """Format a difference of rates in percentage points, without sign (``2,9 điểm phần trăm``)."""
    key = "number.pp_one" if abs(abs(value) - 1) < 1e-9 else "number.pp"  # "1 percentage point", not "points"
    return t(lang, key, value=fmt_number(abs(value), lang))


def fmt_count(value: float, lang: str) -> str:
    """Format a count of households (``5.100`` / ``5,100``)."""
    return fmt_number(round(float(value)), lang, decimals=0)


def fmt_value(value: float, unit: str, lang: str) -> str:
    """Format a value by its unit (``percent``/``pct``, ``households``, ``pp``, ``pp_per_year``, ...)."""
    if unit in ("percent", "pct"):
        return fmt_pct(value, lang)
    if unit in ("households", "count", "people", "houses", "workers"):
        return fmt_count(value, lang)
    if unit == "pp":
        return fmt_pp(value, lang)
    if unit in ("pp_per_year", "pct_per_year"):
        base = fmt_pp(value, lang) if unit == "pp_per_year" else fmt_pct(value, lang)
        return base + (" mỗi năm" if lang == "vi" else " a year")
    return fmt_number(value, lang)


def fmt_date(iso: str, lang: str) -> str:
    """Format an ISO date: ``1/7/2025`` in Vietnamese, ``1 July 2025`` in English."""
    stamp = pd.Timestamp(iso)
    if lang == "vi":
        return f"{stamp.day}/{stamp.month}/{stamp.year}"
    return f"{stamp.day} {stamp.strftime('%B')} {stamp.year}"


def fmt_date_text(value: str, lang: str) -> str:
    """Format a coded date that may be partial: ``2023-12-01`` as :func:`fmt_date`, ``2023-12`` as
    ``12/2023`` or ``December 2023``, anything else (a year, empty) unchanged."""
    value = str(value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return fmt_date(value, lang)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        stamp = pd.Timestamp(value + "-01")
        return f"{stamp.month}/{stamp.year}" if lang == "vi" else f"{stamp.strftime('%B')} {stamp.year}"
    return value


def fmt_list(items: list[str], lang: str, sep: str = ", ") -> str:
    """Join items with ``sep`` and a final "và"/"and".

    Pass ``sep="; "`` when the items hold commas themselves (measure names such as "Production
    support, nutrition"), so that a reader can tell where one item ends.
    """
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    joiner = " và " if lang == "vi" else " and "
    if sep != ", ":
        joiner = sep.rstrip() + joiner
    return sep.join(items[:-1]) + joiner + items[-1]
