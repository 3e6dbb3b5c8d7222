"""What every build step shares: the error type, the output record, the context and the raw-table reader.

A step is a function ``outputs(ctx) -> list[Output]``: it reads its raw tables through
:func:`read_table` (which checks every cell against :mod:`study.schema`), resolves province names
through ``ctx.registry`` (built from the admin tables of the raw folder being built, never from the
default one) and returns its processed tables. The steps are listed in :mod:`study.build.steps`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from study import schema
from study.registry.provinces import ProvinceNameError, Registry
from study.schema import Table

# Choice rule for conflicting figures (lower rank wins). Documented in docs/data.md.
SOURCE_RANK = {name: rank for rank, name in enumerate(schema.SOURCE_TYPES)}
REFERENCE_RANK = {name: rank for rank, name in enumerate(schema.REFERENCE_POINTS)}
REVIEW_INDICATORS = (
    "poor_households",
    "poor_rate_pct",
    "near_poor_households",
    "near_poor_rate_pct",
    "total_households",
    "poor_near_poor_households",
    "poor_near_poor_rate_pct",
)
INDICATOR_UNITS = {
    "poor_households": "households",
    "near_poor_households": "households",
    "total_households": "households",
    "poor_near_poor_households": "households",
    "poor_rate_pct": "percent",
    "near_poor_rate_pct": "percent",
    "poor_near_poor_rate_pct": "percent",
}
LICENCE_DATA = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
LICENCE_BOUNDARIES = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution-ShareAlike 4.0",
}


class BuildError(RuntimeError):
    """The build stopped; the message says which file and row and what was expected."""


@dataclass
class Output:
    """A processed table ready to be written."""

    name: str
    frame: pd.DataFrame
    description: str
    fields: dict[str, tuple[str, str]]  # column -> (description, unit)
    sources: list[dict]
    licence: dict = None  # type: ignore[assignment]
    formats: tuple[str, ...] = ("parquet", "csv")


@dataclass(frozen=True)
class Context:
    """What a step needs besides its own files: the raw folder and the registry built from its admin tables."""

    raw_dir: Path
    registry: Registry

    @classmethod
    def for_folder(cls, raw_dir: Path) -> Context:
        """Return the context of a raw folder (its ``admin/`` tables make the registry)."""
        raw_dir = Path(raw_dir)
        try:
            registry = Registry(raw_dir / "admin")
        except (FileNotFoundError, ProvinceNameError) as error:
            raise BuildError(str(error)) from None
        return cls(raw_dir, registry)


# ---------------------------------------------------------------------------------------------
# load
# ---------------------------------------------------------------------------------------------
def read_table(table: Table, raw_dir: Path, required: bool = True) -> pd.DataFrame:
    """Read and validate every raw file of ``table``; return one frame with ``_file`` and ``_line``."""
    files = sorted(raw_dir.glob(table.raw))
    if not files:
        if required:
            raise BuildError(f"{raw_dir / table.raw}: no raw file for table {table.name!r}")
        return schema.validate(pd.DataFrame(columns=table.columns), table, raw_dir / table.raw).assign(
            _file=pd.Series(dtype="string")
        )
    frames = []
    for path in files:
        where = path.relative_to(raw_dir.parent) if raw_dir.parent in path.parents else path
        frame = schema.validate(schema.read_csv_text(path), table, where)
        frame["_file"] = str(path.relative_to(raw_dir))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def resolve_column(
    frame: pd.DataFrame, column: str, regime_column: str | None, ctx: Context, regime: str = "63"
) -> pd.DataFrame:
    """Replace the names in ``column`` by the registry's names and insert ``province_code`` first."""
    codes, names = [], []
    for row in frame.to_dict("records"):
        unit_regime = row[regime_column] if regime_column else regime
        try:
            unit = ctx.registry.resolve(row[column], unit_regime)
        except ProvinceNameError as error:
            raise BuildError(f"{ctx.raw_dir / row['_file']}, line {row['_line']}: column {column!r}: {error}") from None
        codes.append(unit.code)
        names.append(unit.name_vi)
    frame = frame.copy()
    frame.insert(0, "province_code", pd.array(codes, dtype="string"))
    frame[column] = pd.array(names, dtype="string")
    return frame


def check_unique(frame: pd.DataFrame, key: list[str], raw_dir: Path) -> None:
    duplicated = frame.duplicated(key, keep=False)
    if duplicated.any():
        rows = frame.loc[duplicated]
        where = "; ".join(f"{raw_dir / f}, line {line}" for f, line in zip(rows["_file"], rows["_line"], strict=True))
        raise BuildError(
            f"{where}: duplicate rows for key ({', '.join(key)}) = "
            f"{rows[key].iloc[0].astype(str).tolist()}; each must appear once"
        )


# ---------------------------------------------------------------------------------------------
# process
# ---------------------------------------------------------------------------------------------
def fields_of(table: Table, extra: dict[str, tuple[str, str]] | None = None, drop=()) -> dict:
    out = {}
    for f in table.fields:
        if f.name not in drop:
            out[f.name] = (f.description, f.unit)
    out.update(extra or {})
    return out


def sources_of(frame: pd.DataFrame, url: str = "source_url", title: str = "source_title") -> list[dict]:
    """The distinct sources (title, link) of a table's rows, for its data-package entry.

    Rows marked ``doubtful`` (a site unrelated to the subject, a spam copy) stay in the table with
    their reason, but are not listed as sources the data rest on.
    """
    seen = {}
    for row in frame.to_dict("records"):
        doubtful = row.get("doubtful")
        if isinstance(doubtful, str) and doubtful.strip():
            continue
        link = row.get(url)
        if isinstance(link, str) and link and link not in seen:
            seen[link] = {"title": str(row.get(title) or link), "path": str(link)}
    return [seen[k] for k in sorted(seen)]
