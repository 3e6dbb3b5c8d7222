"""Reading the standard tables and building a :class:`~study.analysis.standard.model.Standard` from them.

The rows come from the processed tables ``poverty_standard`` and ``dimensions_indicators`` (written by
``study build`` from ``data/raw/programme``) or from any folder of raw CSV files with the same
columns. Every number is checked here: missing or contradictory rows raise :class:`StandardError`
naming the file and line.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

import pandas as pd

from study import paths
from study.analysis.standard.model import Standard
from study.analysis.standard.rules import (
    ALIASES,
    AREAS,
    BOUNDS,
    DEFAULT_STANDARD,
    INDICATOR_COLUMNS,
    INDICATOR_FILES,
    ITEMS,
    LINE_ROLES,
    STANDARD_COLUMNS,
    STANDARD_FILES,
    UNITS,
    StandardError,
    area_code,
)


def programme_dir() -> Path:
    """Return the folder the standard tables are read from (the processed data, written by ``study build``)."""
    return paths.processed_dir()


def _read(folder: Path, patterns: tuple[str, ...], columns: tuple[str, ...]) -> pd.DataFrame:
    from study.schema import read_csv_text

    files: list[Path] = []
    for pattern in patterns:
        files.extend(p for p in sorted(folder.glob(pattern)) if p not in files)
    frames = []
    for path in files:
        frame = read_csv_text(path)
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise StandardError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(columns)}")
        if "file" in frame.columns and "line" in frame.columns:  # processed: the raw file and line kept
            place = frame[["file", "line"]].copy()
        else:
            place = pd.DataFrame({"file": path.name, "line": frame["_line"]})
        frame = frame[list(columns)].copy()
        frame["file"] = place["file"].to_numpy()
        frame["line"] = place["line"].to_numpy()
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*columns, "file", "line"])
    return pd.concat(frames, ignore_index=True)


def _number(row, what: str) -> float:
    try:
        value = float(row["value"])
    except ValueError:
        raise StandardError(
            f"{row['file']}, line {row['line']}: {what} has value {row['value']!r}; "
            "expected a number without thousands separators"
        ) from None
    if not math.isfinite(value) or value < 0:
        raise StandardError(
            f"{row['file']}, line {row['line']}: {what} has value {row['value']!r}; expected a number of zero or more"
        )
    return value


def _values(rows: pd.DataFrame, code: str, role: str, per_area: bool, folder: Path):
    """Return {area: value} (or one value) of ``role``, or None when there is no row.

    Per area, a row with area ``all`` gives the value of both areas.
    """
    chosen = rows[rows["item"].isin(ITEMS[role])]
    if chosen.empty:
        return None
    out: dict[str, float] = {}
    seen: dict[str, tuple] = {}
    for _, row in chosen.iterrows():
        area = row["area"] or "all"
        if per_area and area != "all":
            area = area_code(area) or area
            if area not in AREAS:
                raise StandardError(
                    f"{folder / row['file']}, line {row['line']}: {code} {row['item']} has area "
                    f"{row['area']!r}; expected 'rural', 'urban' or 'all'"
                )
        value = _number(row, f"{code} {row['item']}")
        for one in AREAS if per_area and area == "all" else (area,):
            if one in out and out[one] != value:
                first = seen[one]
                raise StandardError(
                    f"{folder / row['file']}, line {row['line']}: {code} {row['item']} "
                    f"({one}) is {value:g}, but {first[0]}, line {first[1]} says {out[one]:g}"
                )
            out.setdefault(one, value)
            seen.setdefault(one, (row["file"], row["line"]))
    if per_area:
        missing = [a for a in AREAS if a not in out]
        if missing:
            raise StandardError(f"{folder}: {code} {ITEMS[role][0]} has no row for area {', '.join(missing)}")
        return out
    if len(out) > 1 or "all" not in out:
        raise StandardError(f"{folder}: {code} {ITEMS[role][0]} should have one row with area 'all'")
    return out["all"]


def _text(rows: pd.DataFrame, item: str) -> str | None:
    values = list(dict.fromkeys(rows.loc[rows["item"] == item, "value"].astype(str)))
    return values[-1] if values else None


def _unit(rows: pd.DataFrame, code: str, folder: Path) -> str:
    lines = rows[rows["item"].isin([name for role in LINE_ROLES for name in ITEMS[role]])]
    units = set(lines["unit"])
    wrong = sorted(units - set(UNITS))
    if wrong:
        raise StandardError(
            f"{folder}: {code} has income lines in {', '.join(map(repr, wrong))}; expected "
            f"{' or '.join(map(repr, UNITS))}"
        )
    if len(units) > 1:
        raise StandardError(f"{folder}: {code} mixes income lines per month and per year")
    return units.pop()


@functools.lru_cache(maxsize=32)
def _load(folder: str, code: str, stamp: tuple) -> Standard:
    path = Path(folder)
    items = _read(path, STANDARD_FILES, STANDARD_COLUMNS)
    rows = items[items["standard"] == code].reset_index(drop=True)
    if rows.empty:
        usable = _loadable(path, items, stamp)
        raise StandardError(f"unknown standard {code!r}: {path} has rules for {', '.join(usable) or 'no standard'}")
    if not rows["item"].isin(ITEMS["poverty_line"]).any():
        raise StandardError(
            f"standard {code!r} cannot classify households: {path} has no {ITEMS['poverty_line'][0]} row for it"
        )
    unit = _unit(rows, code, path)
    months = UNITS[unit]
    lines = {role: _values(rows, code, role, True, path) for role in (*LINE_ROLES,)}
    minimum = _values(rows, code, "min_deprivations", False, path)
    near_max = _values(rows, code, "near_poor_max_deprivations", False, path)
    if near_max is not None and minimum is None:
        raise StandardError(f"{path}: {code} has a near_poor_max_deprivations row but no poor_min_deprivations")
    if near_max is not None and near_max != minimum:
        raise StandardError(
            f"{path}: {code} near_poor_max_deprivations ({near_max:g}) differs from "
            f"poor_min_deprivations ({minimum:g}); the rule expects the same number"
        )
    poverty_line, near_line, middle = lines["poverty_line"], lines["near_poor_line"], lines["middle_income_upper"]
    for area in AREAS:
        multi = (near_line or poverty_line)[area]
        if near_line is not None and near_line[area] <= poverty_line[area]:
            raise StandardError(f"{path}: {code} near-poor upper line ({area}) is not above the poverty line")
        if middle is not None and middle[area] <= multi:
            raise StandardError(
                f"{path}: {code} middle-income upper bound ({area}) is not above the multidimensional line"
            )
    bound = _text(rows, "income_bound") or "at_or_below"
    if bound not in BOUNDS:
        raise StandardError(f"{path}: {code} income_bound is {bound!r}; expected {' or '.join(map(repr, BOUNDS))}")
    n_ind = _values(rows, code, "n_indicators", False, path)
    n_dim = _values(rows, code, "n_dimensions", False, path)
    indicators = _read(path, INDICATOR_FILES, INDICATOR_COLUMNS)
    source = _text(rows, "indicator_list_of") or code
    indicators = indicators[indicators["standard"] == source]
    if source != code and indicators.empty:
        raise StandardError(f"{path}: {code} takes the indicator list of {source!r}, which has none")
    indicators = indicators.drop_duplicates("indicator_code").reset_index(drop=True)
    if not indicators.empty:
        if n_ind is not None and len(indicators) != n_ind:
            raise StandardError(
                f"{path}: {code} lists {len(indicators)} indicators but its 'indicators' row says {n_ind:g}"
            )
        n_dims = indicators["dimension_code"].nunique()
        if n_dim is not None and n_dims != n_dim:
            raise StandardError(f"{path}: {code} lists {n_dims} dimensions but its 'dimensions' row says {n_dim:g}")
    if n_ind is not None and minimum is not None and minimum > n_ind:
        raise StandardError(f"{path}: {code} needs {minimum:g} deprivations of only {n_ind:g} indicators")

    def monthly(values):
        return None if values is None else {a: values[a] / months for a in AREAS}

    return Standard(
        code=code,
        poverty_line=monthly(poverty_line),
        min_deprivations=None if minimum is None else int(minimum),
        near_poor_line=monthly(near_line),
        middle_income_upper=monthly(middle),
        near_poor_rule=near_max is not None,
        n_indicators=None if n_ind is None else int(n_ind),
        n_dimensions=None if n_dim is None else int(n_dim),
        indicators=indicators.drop(columns=["standard", "note", "file", "line"]),
        rows=rows,
        unit=unit,
        strict=BOUNDS[bound],
        province=_text(rows, "province"),
        period=_text(rows, "period"),
    )


def _loadable(path: Path, items: pd.DataFrame, stamp: tuple) -> list[str]:
    out = []
    for code, rows in items.groupby("standard", sort=True):
        if not set(rows["item"]) & set(ITEMS["poverty_line"]):
            continue
        try:
            _load(str(path), code, stamp)
        except StandardError:
            continue
        out.append(code)
    return out


def _stamp(folder: Path) -> tuple:
    files = []
    for pattern in (*STANDARD_FILES, *INDICATOR_FILES):
        files.extend(sorted(folder.glob(pattern)))
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


def _folder(folder) -> Path:
    path = Path(folder) if folder is not None else programme_dir()
    if not path.is_dir():
        raise StandardError(f"{path}: the folder of programme tables (poverty_standard.csv) does not exist")
    return path


def load_standard(code: str = DEFAULT_STANDARD, folder: Path | str | None = None) -> Standard:
    """Return the standard ``code`` built from the programme tables.

    Parameters
    ----------
    code : str
        ``"nd07_2021"`` (default), ``"qd59_2015"``, ``"national_2026_2030"`` (also ``"nd351_2025"``) or
        a provincial code (:func:`available_standards` lists them).
    folder : path-like, optional
        Folder holding ``poverty_standard*.csv`` / ``standard_*.csv`` and ``dimensions_indicators*.csv``
        with the same columns; defaults to the processed data.

    Raises
    ------
    StandardError
        For an unknown standard (the message names those available) or incomplete or contradictory
        data.
    """
    if isinstance(code, Standard):
        return code
    if not isinstance(code, str):
        raise StandardError(f"standard must be a code such as 'nd07_2021'; got {code!r}")
    path = _folder(folder)
    name = code.strip()
    return _load(str(path), ALIASES.get(name, name), _stamp(path))


def available_standards(folder: Path | str | None = None, scope: str | None = None) -> list[str]:
    """Return the codes of the standards that can be loaded (their lines are complete and consistent).

    Parameters
    ----------
    folder : path-like, optional
        As in :func:`load_standard`.
    scope : {None, "national", "provincial"}
        Keep only national standards or only provincial ones.
    """
    if scope not in (None, "national", "provincial"):
        raise StandardError(f"scope must be None, 'national' or 'provincial'; got {scope!r}")
    path = _folder(folder)
    stamp = _stamp(path)
    codes = _loadable(path, _read(path, STANDARD_FILES, STANDARD_COLUMNS), stamp)
    if scope is None:
        return codes
    provincial = {c for c in codes if _load(str(path), c, stamp).province}
    return [c for c in codes if (c in provincial) == (scope == "provincial")]


def indicator_table(code: str, folder: Path | str | None = None) -> pd.DataFrame:
    """Return the dimension and indicator rows recorded under ``code``, loadable standard or not.

    Used for lists that are not a standard's full list (``"national_2026_2030_draft"``,
    ``"national_2026_2030_partial"``). Columns as in ``dimensions_indicators.csv``, with ``file``.
    """
    path = _folder(folder)
    rows = _read(path, INDICATOR_FILES, INDICATOR_COLUMNS)
    rows = rows[rows["standard"] == ALIASES.get(code, code)]
    if rows.empty:
        known = sorted(set(_read(path, INDICATOR_FILES, INDICATOR_COLUMNS)["standard"]))
        raise StandardError(f"no indicator rows for {code!r}; {path} has {', '.join(known)}")
    return rows.drop(columns=["line"]).reset_index(drop=True)


def national_standard(year: int, folder: Path | str | None = None) -> Standard:
    """Return the national standard in force in ``year``: the one whose period starts last, at or before it.

    The periods come from the data (``period`` rows: 2016-2020, 2022-2025, 2027-2030), so 2021 falls to
    Decision 59/2015 (kept for 2021 by Decree 07/2021) and 2026 to Decree 07/2021 (kept through 2026 by
    Decree 351/2025).

    Raises
    ------
    StandardError
        If ``year`` is before the first national period in the data.
    """
    from study.analysis.standard.rules import NATIONAL

    starts = {}
    for code in NATIONAL:
        std = load_standard(code, folder)
        if std.period:
            starts[code] = int(str(std.period)[:4])
    chosen = [code for code, start in starts.items() if start <= int(year)]
    if not chosen:
        raise StandardError(
            f"no national standard in the data applies to {year}; periods: "
            f"{', '.join(f'{c} from {s}' for c, s in starts.items())}"
        )
    return load_standard(max(chosen, key=starts.get), folder)
