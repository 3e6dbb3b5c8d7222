"""The province registry: codes, names, aliases, regions and the 2025 crosswalk.

Two regimes of province-level units exist in the data:

* ``"63"`` - the 63 units in force from 2008 to 30 June 2025 (what the poverty statistics describe);
* ``"34"`` - the 34 units in force since 1 July 2025 (Nghị quyết 202/2025/QH15).

New units reuse old codes with other meanings (code 80 is Long An among the 63 and Tây Ninh among the
34), so every function that takes a code also takes the regime. Names are matched in one place,
:func:`resolve`, which folds accents, case, Unicode normal form, hyphens, spaces and the common
prefixes ("tỉnh", "thành phố", "TP."), and knows the aliases in ``data/raw/admin/aliases.csv``.

Examples
--------
>>> from study.registry.provinces import resolve
>>> resolve("lang son").code
'20'
>>> resolve("Huế", regime="34").name_vi
'Huế'
"""

from __future__ import annotations

import csv
import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from study import paths
from study.util.text import fold

REGIMES = ("63", "34")
MERGER_DATE = "2025-07-01"  # Nghị quyết 202/2025/QH15 takes effect (data/raw/admin/SOURCES.md)
_PREFIXES = ("thanhpho", "tinh", "tp")


class ProvinceNameError(ValueError):
    """A province name, code or regime that cannot be resolved to exactly one unit.

    Attributes
    ----------
    name : str
        The input as given.
    regime : str
        The regime it was looked up in.
    candidates : list of str
        The closest known names (empty when nothing is close).
    """

    def __init__(self, message: str, name: str = "", regime: str = "", candidates=()):
        super().__init__(message)
        self.name = name
        self.regime = regime
        self.candidates = list(candidates)


@dataclass(frozen=True)
class Unit:
    """A province-level unit of one regime."""

    code: str
    regime: str
    name_vi: str
    name_ascii: str
    kind: str
    region: str = ""
    region_en: str = ""

    @property
    def key(self) -> str:
        """The code with its regime, e.g. ``'80@63'``; unique across regimes."""
        return f"{self.code}@{self.regime}"

    def __str__(self) -> str:
        return f"{self.name_vi} ({self.code}, {self.regime} units)"


REGIME_LABELS = {
    "en": {"63": "63 units, before 1 July 2025", "34": "34 units, from 1 July 2025"},
    "vi": {"63": "63 tỉnh, trước 1/7/2025", "34": "34 tỉnh, từ 1/7/2025"},
}
"""A regime in words, as maps and page titles name it."""


def regime_label(regime, lang: str = "en") -> str:
    """Return ``"63 units, before 1 July 2025"`` (or the Vietnamese) for a regime."""
    return REGIME_LABELS["vi" if lang == "vi" else "en"][check_regime(regime)]


def region_label(region: str, lang: str = "en") -> str:
    """Return a GSO region (as the registry names it, in Vietnamese) in ``lang``.

    An unknown region is returned as given.
    """
    if lang == "vi":
        return region
    return next((u.region_en for u in units("63") if u.region == region and u.region_en), region)


def check_regime(regime) -> str:
    """Return ``regime`` as ``"63"`` or ``"34"``, or raise :class:`ProvinceNameError`."""
    text = str(regime).strip()
    if text not in REGIMES:
        raise ProvinceNameError(
            f"unknown regime {regime!r}: expected '63' (units until 30 June 2025) or '34' (units since 1 July 2025)",
            regime=text,
        )
    return text


def name_key(text: str) -> str:
    """Return the matching key of a name: folded, letters and digits only, prefixes removed.

    >>> name_key("TP. Hồ Chí Minh") == name_key("ho chi minh")
    True
    """
    key = re.sub(r"[^0-9a-z]+", "", fold(text))
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            key = key[len(prefix) :]
            break
    return key


class Registry:
    """Units of both regimes, their aliases and the crosswalk.

    Parameters
    ----------
    admin_dir : path-like
        ``data/raw/admin`` (the build reads the raw folder it builds) or ``data/processed`` (everything
        else): the unit tables, ``aliases.csv``, and ``merger_2025.csv`` (raw) or ``crosswalk_2025.csv``
        (processed).
    """

    def __init__(self, admin_dir: Path):
        self.admin_dir = Path(admin_dir)
        self.units: dict[str, dict[str, Unit]] = {"63": {}, "34": {}}
        for row in _read(self.admin_dir / "provinces_63.csv"):
            self.units["63"][row["code"]] = Unit(
                row["code"],
                "63",
                row["name_vi"],
                row["name_ascii"],
                row["kind"],
                row["region"],
                row["region_en"],
            )
        for row in _read(self.admin_dir / "provinces_34.csv"):
            self.units["34"][row["code"]] = Unit(row["code"], "34", row["name_vi"], row["name_ascii"], row["kind"])
        if (self.admin_dir / "merger_2025.csv").exists():
            pairs = [(r["old_code"], r["new_code"]) for r in _read(self.admin_dir / "merger_2025.csv")]
        else:
            pairs = [(r["code_63"], r["code_34"]) for r in _read(self.admin_dir / "crosswalk_2025.csv")]
        self.successor_code: dict[str, str] = dict(pairs)
        self.index: dict[str, dict[str, set[str]]] = {"63": {}, "34": {}}
        for regime, units in self.units.items():
            for unit in units.values():
                for spelling in (unit.name_vi, unit.name_ascii):
                    self.index[regime].setdefault(name_key(spelling), set()).add(unit.code)
        for row in _read(self.admin_dir / "aliases.csv"):
            regime = check_regime(row["regime"])
            if row["code"] not in self.units[regime]:
                raise ProvinceNameError(
                    f"{self.admin_dir / 'aliases.csv'}: alias {row['alias']!r} names code "
                    f"{row['code']!r}, which is not a {regime}-unit code"
                )
            self.index[regime].setdefault(name_key(row["alias"]), set()).add(row["code"])
        self.display: dict[str, dict[str, str]] = {"63": {}, "34": {}}
        for regime, units in self.units.items():
            for unit in units.values():
                self.display[regime].setdefault(name_key(unit.name_vi), unit.name_vi)

    def resolve(self, name: str, regime: str = "63") -> Unit:
        regime = check_regime(regime)
        if not isinstance(name, str) or not name.strip():
            raise ProvinceNameError(
                f"empty province name (regime {regime}): expected a name such as 'Lạng Sơn'",
                name=str(name),
                regime=regime,
            )
        key = name_key(name)
        codes = self.index[regime].get(key, set())
        if len(codes) == 1:
            return self.units[regime][next(iter(codes))]
        if len(codes) > 1:
            options = sorted(self.units[regime][c].name_vi for c in codes)
            raise ProvinceNameError(
                f"ambiguous province name {name!r} in the {regime} units: it may mean "
                + ", ".join(options)
                + ". Write the full name.",
                name=name,
                regime=regime,
                candidates=options,
            )
        other = "34" if regime == "63" else "63"
        hint = ""
        other_codes = self.index[other].get(key, set())
        if len(other_codes) == 1:
            code = next(iter(other_codes))
            if regime == "34":
                successor = self.successor(code)
                hint = (
                    f" {self.units['63'][code].name_vi} is a unit of the 63 (until 30 June 2025); "
                    f"since 1 July 2025 it is part of {successor.name_vi} (code {successor.code}). "
                    "Use regime='63', or successor()."
                )
            else:
                hint = (
                    f" {self.units['34'][code].name_vi} is a unit of the 34 (since 1 July 2025); "
                    "use regime='34', or predecessors()."
                )
        candidates = self.suggest(name, regime)
        suggestion = f" Closest names: {', '.join(candidates)}." if candidates else ""
        raise ProvinceNameError(
            f"unknown province name {name!r} in the {regime} units.{hint}{suggestion}",
            name=name,
            regime=regime,
            candidates=candidates,
        )

    def suggest(self, name: str, regime: str, n: int = 3) -> list[str]:
        key = name_key(name)
        keys = list(self.index[regime])
        close = difflib.get_close_matches(key, keys, n=n * 2, cutoff=0.6)
        if not close and key:
            close = [k for k in keys if key in k or k in key]
        names: list[str] = []
        for k in close:
            for code in sorted(self.index[regime][k]):
                label = self.units[regime][code].name_vi
                if label not in names:
                    names.append(label)
        return names[:n]

    def get(self, code, regime: str) -> Unit:
        regime = check_regime(regime)
        text = str(code).strip().zfill(2)
        try:
            return self.units[regime][text]
        except KeyError:
            raise ProvinceNameError(
                f"unknown province code {code!r} in the {regime} units: expected one of "
                + ", ".join(sorted(self.units[regime])),
                name=str(code),
                regime=regime,
            ) from None

    def successor(self, code) -> Unit:
        old = self.get(code, "63")
        return self.units["34"][self.successor_code[old.code]]

    def predecessors(self, code) -> list[Unit]:
        new = self.get(code, "34")
        return [self.units["63"][old] for old, c in sorted(self.successor_code.items()) if c == new.code]


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise FileNotFoundError(
            f"{path}: the province registry needs this file (build the processed data with `study build`)"
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: unicodedata.normalize("NFC", v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


@functools.lru_cache(maxsize=4)
def _registry(admin_dir: str, stamp: int = 0) -> Registry:
    return Registry(Path(admin_dir))


def registry() -> Registry:
    """Return the registry of the processed data (``<processed>``, written by ``study build``; cached)."""
    folder = paths.processed_dir()
    stamp = (folder / "crosswalk_2025.csv").stat().st_mtime_ns if (folder / "crosswalk_2025.csv").exists() else 0
    return _registry(str(folder), stamp)


def resolve(name: str, regime="63") -> Unit:
    """Return the unit a name means, whatever its spelling.

    Parameters
    ----------
    name : str
        A province name in any common spelling: with or without accents, any case, NFC or NFD,
        with hyphens or spaces, with a prefix ("tỉnh", "TP."), or a known alias ("HCM", "TT-Huế").
    regime : {"63", "34"}
        The set of units to look in: ``"63"`` until 30 June 2025, ``"34"`` since 1 July 2025.

    Returns
    -------
    Unit

    Raises
    ------
    ProvinceNameError
        If the name is unknown or ambiguous; its message and ``candidates`` list the closest names.
        Also when ``name`` is not a ``str`` (bytes, a number, None): the message names the type expected.
    """
    if not isinstance(name, str):
        raise ProvinceNameError(
            f"resolve() expects a province name as str (e.g. 'Lạng Sơn'), got {type(name).__name__} "
            f"{repr(name)[:60]}"
            + (
                ": decode bytes first, e.g. name.decode('utf-8')"
                if isinstance(name, bytes | bytearray)
                else "; for a GSO code use get(code, regime)"
            ),
            name=repr(name)[:60],
            regime=str(regime),
        )
    return registry().resolve(name, regime)


def get(code, regime) -> Unit:
    """Return the unit with GSO ``code`` in ``regime`` (a code means nothing without its regime)."""
    return registry().get(code, regime)


def units(regime="63") -> list[Unit]:
    """Return the units of a regime, ordered by code."""
    regime = check_regime(regime)
    return [registry().units[regime][code] for code in sorted(registry().units[regime])]


def successor(code) -> Unit:
    """Return the unit of the 34 that the unit of the 63 with ``code`` belongs to since 1 July 2025."""
    return registry().successor(code)


def predecessors(code) -> list[Unit]:
    """Return the units of the 63 that make up the unit of the 34 with ``code``."""
    return registry().predecessors(code)


def crosswalk() -> list[tuple[Unit, Unit]]:
    """Return (old unit, new unit) pairs for the 63 old units, ordered by old code."""
    return [(old, successor(old.code)) for old in units("63")]
