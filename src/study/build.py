"""Raw data to processed tables: load, check against the schemas, normalise, save.

``study build`` reads every table under ``data/raw``, checks each cell against
:mod:`study.schemas`, resolves province names to codes through :mod:`study.provinces`, chooses one
value per province, year, indicator and standard among conflicting sources, and writes
``data/processed`` as Parquet and CSV plus a ``datapackage.json``.

Guarantees
----------
* Deterministic: the same raw files give byte-identical processed files (rows are sorted, no
  timestamps are written).
* Atomic: nothing is written until every table has been read and checked; each file is written to
  a temporary name in the same folder and moved into place, so a failed build leaves the previous
  processed data as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from study import paths, provinces, schemas
from study.provinces import ProvinceNameError
from study.schemas import SchemaError, Table

# Choice rule for conflicting figures (lower rank wins). Documented in docs/data.md.
SOURCE_RANK = {name: rank for rank, name in enumerate(schemas.SOURCE_TYPES)}
REFERENCE_RANK = {name: rank for rank, name in enumerate(schemas.REFERENCE_POINTS)}
REVIEW_INDICATORS = (
    "poor_households", "poor_rate_pct", "near_poor_households", "near_poor_rate_pct", "total_households",
    "poor_near_poor_households", "poor_near_poor_rate_pct",
)
INDICATOR_UNITS = {
    "poor_households": "households", "near_poor_households": "households", "total_households": "households",
    "poor_near_poor_households": "households", "poor_rate_pct": "percent", "near_poor_rate_pct": "percent",
    "poor_near_poor_rate_pct": "percent",
}
LICENCE_DATA = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0"}
LICENCE_BOUNDARIES = {"name": "CC-BY-SA-4.0", "path": "https://creativecommons.org/licenses/by-sa/4.0/",
                      "title": "Creative Commons Attribution-ShareAlike 4.0"}


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


# ---------------------------------------------------------------------------------------------
# load
# ---------------------------------------------------------------------------------------------
def read_table(table: Table, raw_dir: Path, required: bool = True) -> pd.DataFrame:
    """Read and validate every raw file of ``table``; return one frame with ``_file`` and ``_line``."""
    files = sorted(raw_dir.glob(table.raw))
    if not files:
        if required:
            raise BuildError(f"{raw_dir / table.raw}: no raw file for table {table.name!r}")
        return schemas.validate(pd.DataFrame(columns=table.columns), table, raw_dir / table.raw).assign(
            _file=pd.Series(dtype="string"))
    frames = []
    for path in files:
        try:
            text = schemas.read_csv_text(path)
        except (pd.errors.ParserError, UnicodeDecodeError) as error:
            raise BuildError(f"{path}: not a readable UTF-8 CSV file ({error})") from None
        frame = schemas.validate(text, table, path.relative_to(raw_dir.parent) if raw_dir.parent in path.parents
                                 else path)
        frame["_file"] = str(path.relative_to(raw_dir))
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _resolve_column(frame: pd.DataFrame, column: str, regime_column: str | None, raw_dir: Path,
                    regime: str = "63") -> pd.DataFrame:
    codes, names = [], []
    for row in frame.to_dict("records"):
        unit_regime = row[regime_column] if regime_column else regime
        try:
            unit = provinces.resolve(row[column], unit_regime)
        except ProvinceNameError as error:
            raise BuildError(f"{raw_dir / row['_file']}, line {row['_line']}: column {column!r}: {error}") from None
        codes.append(unit.code)
        names.append(unit.name_vi)
    frame = frame.copy()
    frame.insert(0, "province_code", pd.array(codes, dtype="string"))
    frame[column] = pd.array(names, dtype="string")
    return frame


def _check_unique(frame: pd.DataFrame, key: list[str], raw_dir: Path) -> None:
    duplicated = frame.duplicated(key, keep=False)
    if duplicated.any():
        rows = frame.loc[duplicated]
        where = "; ".join(f"{raw_dir / f}, line {line}" for f, line in zip(rows["_file"], rows["_line"], strict=True))
        raise BuildError(f"{where}: duplicate rows for key ({', '.join(key)}) = "
                         f"{rows[key].iloc[0].astype(str).tolist()}; each must appear once")


# ---------------------------------------------------------------------------------------------
# process
# ---------------------------------------------------------------------------------------------
def _fields(table: Table, extra: dict[str, tuple[str, str]] | None = None, drop=()) -> dict:
    out = {}
    for f in table.fields:
        if f.name not in drop:
            out[f.name] = (f.description, f.unit)
    out.update(extra or {})
    return out


def _sources(frame: pd.DataFrame, url: str = "source_url", title: str = "source_title") -> list[dict]:
    seen = {}
    for row in frame.to_dict("records"):
        link = row.get(url)
        if isinstance(link, str) and link and link not in seen:
            seen[link] = {"title": str(row.get(title) or link), "path": str(link)}
    return [seen[k] for k in sorted(seen)]


def admin_outputs(raw_dir: Path) -> list[Output]:
    p63 = read_table(schemas.PROVINCES_63, raw_dir)
    p34 = read_table(schemas.PROVINCES_34, raw_dir)
    merger = read_table(schemas.MERGER_2025, raw_dir)
    if len(p63) != 63 or len(p34) != 34 or len(merger) != 63:
        raise BuildError(f"{raw_dir / 'admin'}: expected 63 old units, 34 new units and 63 crosswalk rows; "
                         f"found {len(p63)}, {len(p34)} and {len(merger)}")
    unknown_old = set(merger["old_code"]) - set(p63["code"])
    unknown_new = set(merger["new_code"]) - set(p34["code"])
    if unknown_old or unknown_new or set(p34["code"]) - set(merger["new_code"]):
        raise BuildError(f"{raw_dir / 'admin/merger_2025.csv'}: codes do not match the unit tables "
                         f"(old {sorted(unknown_old)}, new {sorted(unknown_new)})")
    new_names = dict(zip(p34["code"], p34["name_vi"], strict=True))
    to_new = dict(zip(merger["old_code"], merger["new_code"], strict=True))
    t63 = p63.drop(columns=["_line", "_file"])
    t63.insert(6, "code_34", pd.array([to_new[c] for c in t63["code"]], dtype="string"))
    t63.insert(7, "name_34", pd.array([new_names[to_new[c]] for c in t63["code"]], dtype="string"))
    old_names = dict(zip(p63["code"], p63["name_vi"], strict=True))
    t34 = p34.drop(columns=["_line", "_file"])
    parts = {c: sorted(o for o, n in to_new.items() if n == c) for c in t34["code"]}
    t34.insert(4, "n_predecessors", pd.array([len(parts[c]) for c in t34["code"]], dtype="Int64"))
    t34.insert(5, "predecessor_codes", pd.array([";".join(parts[c]) for c in t34["code"]], dtype="string"))
    t34.insert(6, "predecessor_names", pd.array(["; ".join(old_names[o] for o in parts[c]) for c in t34["code"]],
                                                dtype="string"))
    cross = pd.DataFrame({
        "code_63": merger["old_code"], "name_63": merger["old_name"], "code_34": merger["new_code"],
        "name_34": merger["new_name"], "source": merger["source"],
    }).sort_values("code_63", ignore_index=True)
    admin_source = [{"title": "data/raw/admin/SOURCES.md", "path": "data/raw/admin/SOURCES.md"}]
    return [
        Output("provinces_63", t63.sort_values("code", ignore_index=True), schemas.PROVINCES_63.description,
               _fields(schemas.PROVINCES_63, {"code_34": ("code of the unit of the 34 it belongs to", ""),
                                              "name_34": ("name of the unit of the 34 it belongs to", "")}),
               admin_source),
        Output("provinces_34", t34.sort_values("code", ignore_index=True), schemas.PROVINCES_34.description,
               _fields(schemas.PROVINCES_34, {
                   "n_predecessors": ("number of units of the 63 merged into it", "units"),
                   "predecessor_codes": ("codes (63 regime) of those units, ';'-separated", ""),
                   "predecessor_names": ("names of those units", "")}), admin_source),
        Output("crosswalk_2025", cross, schemas.MERGER_2025.description, {
            "code_63": ("code in the 63-unit regime", ""), "name_63": ("name in the 63-unit regime", ""),
            "code_34": ("code in the 34-unit regime", ""), "name_34": ("name in the 34-unit regime", ""),
            "source": ("source", "")}, admin_source),
    ]


def choose(sources: pd.DataFrame, unit: tuple[str, ...] = ("province_code", "province", "regime")) -> pd.DataFrame:
    """Choose one value per province, regime, year, indicator and standard.

    The rule (documented in ``docs/data.md``): the best ``reference_point`` wins (end of year >
    interim > preliminary: an interim update is not the year's review), then the best
    ``source_type`` (official decision > provincial decision > provincial portal > newspaper >
    secondary copy), then the latest ``source_date``, then file and line order. Every alternative
    stays in ``poverty_review_sources``; the chosen row says how many rows of its reference point
    reported the indicator (``n_sources``), how many other values they gave (``n_alternatives``) and
    whether they conflict (``conflict``).

    Parameters
    ----------
    sources : pandas.DataFrame
        The validated raw rows with ``province_code``.
    unit : tuple of str
        Columns that name the unit (the first ones are the grouping key, the last is carried along);
        ``("level", "area")`` for aggregates.

    Returns
    -------
    pandas.DataFrame
        Long table, one row per (province_code, regime, year, indicator, standard).
    """
    unit = list(unit)
    id_cols = [*unit, "year", "standard", "reference_point", "source_type",
               "source_url", "source_title", "source_date", "decision", "evidence", "_file", "_line"]
    indicators = [c for c in REVIEW_INDICATORS if c in sources.columns]
    long = sources[id_cols + indicators].melt(
        id_vars=id_cols, value_vars=indicators, var_name="indicator", value_name="value")
    long = long[long["value"].notna()].copy()
    long["_source_rank"] = long["source_type"].map(SOURCE_RANK).astype(int)
    long["_reference_rank"] = long["reference_point"].map(REFERENCE_RANK).astype(int)
    long["_date_rank"] = long["source_date"].fillna("0000-00-00").astype(str)
    group = [c for c in unit if c != "province"] + ["year", "indicator", "standard"]
    long = long.sort_values(
        [*group, "_reference_rank", "_source_rank", "_date_rank", "_file", "_line"],
        ascending=[True] * len(group) + [True, True, False, True, True], kind="mergesort")
    chosen = long.groupby(group, sort=True, observed=True).head(1).copy()
    # alternatives are counted among rows of the chosen reference point: an interim update is a
    # different measurement, not a competing report of the same review
    stats = long.groupby([*group, "reference_point"], sort=True, observed=True)["value"].agg(
        n_sources="size", n_values=lambda s: s.astype(float).round(6).nunique()).reset_index()
    chosen = chosen.merge(stats, on=[*group, "reference_point"], how="left")
    chosen["n_sources"] = chosen["n_sources"].astype("Int64")
    chosen["n_alternatives"] = (chosen["n_values"] - 1).astype("Int64")
    chosen["conflict"] = chosen["n_alternatives"] > 0
    chosen["unit"] = chosen["indicator"].map(INDICATOR_UNITS).astype("string")
    chosen["comparable"] = chosen["standard"] == "nd07_2021"
    chosen["value"] = chosen["value"].astype("Float64")
    indicators = [c for c in REVIEW_INDICATORS if c in sources.columns]
    chosen["source_row"] = (chosen["_file"].astype(str) + ":" + chosen["_line"].astype(str)).astype("string")
    columns = [*unit, "year", "indicator", "value", "unit", "standard",
               "reference_point", "comparable", "source_type", "source_url", "source_title", "source_date",
               "decision", "evidence", "n_sources", "n_alternatives", "conflict", "source_row"]
    return chosen[columns].sort_values(group, ignore_index=True)


def review_outputs(raw_dir: Path) -> list[Output]:
    raw = read_table(schemas.POVERTY_REVIEW, raw_dir)
    raw = _resolve_column(raw, "province", "regime", raw_dir)
    _check_unique(raw, ["province_code", "regime", "year", "standard", "reference_point", "source_url"], raw_dir)
    sources = raw.copy()
    sources["source_row"] = (sources["_file"].astype(str) + ":" + sources["_line"].astype(str)).astype("string")
    sources = sources.sort_values(["province_code", "regime", "year", "standard", "_file", "_line"],
                                  ignore_index=True).drop(columns=["_file", "_line"])
    chosen = choose(raw)
    panel = chosen[chosen["standard"] == "nd07_2021"].pivot_table(
        index=["province_code", "province", "regime", "year"], columns="indicator", values="value",
        aggfunc="first", observed=True).reset_index()
    panel.columns.name = None
    for column in REVIEW_INDICATORS:
        if column not in panel:
            panel[column] = pd.array([None] * len(panel), dtype="Float64")
    conflicts = chosen[chosen["standard"] == "nd07_2021"].groupby(
        ["province_code", "regime", "year"], observed=True)["conflict"].any().rename("any_conflict").reset_index()
    refs = chosen[chosen["standard"] == "nd07_2021"].groupby(
        ["province_code", "regime", "year"], observed=True)["reference_point"].agg(
        lambda s: ";".join(sorted(set(s)))).rename("reference_points").reset_index()
    panel = panel.merge(conflicts, on=["province_code", "regime", "year"]).merge(
        refs, on=["province_code", "regime", "year"])
    panel = panel[["province_code", "province", "regime", "year", *REVIEW_INDICATORS, "reference_points",
                   "any_conflict"]].sort_values(["regime", "province_code", "year"], ignore_index=True)
    for column in REVIEW_INDICATORS:
        panel[column] = panel[column].astype("Float64")
    review_fields = _fields(schemas.POVERTY_REVIEW)
    indicator_fields = {k: v for k, v in review_fields.items() if k in REVIEW_INDICATORS}
    return [
        Output("poverty_review_sources", sources,
               "Every raw review figure with its source, the province resolved to its code.",
               {"province_code": ("GSO code in the row's regime", ""), **review_fields,
                "source_row": ("raw file and line", "")}, _sources(sources)),
        Output("poverty_review", chosen,
               "One value per province, regime, year, indicator and standard, chosen by the documented rule "
               "among conflicting sources; conflicts stay visible.",
               {"province_code": ("GSO code in the row's regime", ""), "province": ("province name", ""),
                "regime": ("63 or 34 units", ""), "year": ("review year", ""),
                "indicator": ("poor_households, poor_rate_pct, ...", ""), "value": ("the chosen value", ""),
                "unit": ("unit of the value", ""), "standard": ("poverty standard", ""),
                "reference_point": ("reference point of the chosen source", ""),
                "comparable": ("true when the figure is under the national Decree 07/2021 standard", ""),
                "source_type": ("publisher type of the chosen source", ""),
                "source_url": ("URL of the chosen source", ""), "source_title": ("title", ""),
                "source_date": ("date", ""), "decision": ("approving decision", ""),
                "evidence": ("verbatim phrase", ""),
                "n_sources": ("rows that report this indicator", "rows"),
                "n_alternatives": ("other distinct values among them", "values"),
                "conflict": ("true when sources disagree", ""),
                "source_row": ("raw file and line of the chosen row", "")}, _sources(chosen)),
        Output("poverty_panel", panel,
               "Wide view of poverty_review under the Decree 07/2021 standard: one row per province, regime and "
               "year.",
               {"province_code": ("GSO code", ""), "province": ("province name", ""), "regime": ("63 or 34", ""),
                "year": ("review year", ""), **indicator_fields,
                "reference_points": ("reference points of the chosen values", ""),
                "any_conflict": ("true when any indicator has conflicting sources", "")}, _sources(chosen)),
    ]


def aggregates_outputs(raw_dir: Path) -> list[Output]:
    raw = read_table(schemas.AGGREGATES, raw_dir, required=False)
    chosen = choose(raw, unit=("level", "area"))
    frame = raw.drop(columns=["_file", "_line"]).sort_values(
        ["level", "area", "year", "standard", "reference_point", "source_url"], ignore_index=True)
    return [
        Output("aggregates", frame, schemas.AGGREGATES.description, _fields(schemas.AGGREGATES), _sources(frame)),
        Output("aggregate_series", chosen,
               "One value per level, area, year, indicator and standard among the aggregate sources, chosen by "
               "the same rule as poverty_review.",
               {"level": ("national, region, poor_districts, ethnic_minority", ""), "area": ("area name", ""),
                "year": ("review year", ""), "indicator": ("indicator", ""), "value": ("chosen value", ""),
                "unit": ("unit", ""), "standard": ("poverty standard", ""),
                "reference_point": ("reference point", ""), "comparable": ("under Decree 07/2021", ""),
                "source_type": ("publisher type", ""), "source_url": ("URL", ""), "source_title": ("title", ""),
                "source_date": ("date", ""), "decision": ("decision", ""), "evidence": ("verbatim phrase", ""),
                "n_sources": ("rows reporting it", "rows"), "n_alternatives": ("other values", "values"),
                "conflict": ("sources disagree", ""), "source_row": ("raw file and line", "")},
               _sources(chosen)),
    ]


def programme_outputs(raw_dir: Path) -> list[Output]:
    targets = read_table(schemas.TARGETS, raw_dir, required=False).drop(columns=["_file", "_line"])
    targets = targets.sort_values("target_id", ignore_index=True)
    return [Output("programme_targets", targets, schemas.TARGETS.description, _fields(schemas.TARGETS),
                   _sources(targets))]


def gso_outputs(raw_dir: Path) -> list[Output]:
    frame = read_table(schemas.GSO_SURVEY, raw_dir, required=False)
    codes = []
    for row in frame.to_dict("records"):
        if row["level"] != "province":
            codes.append(None)
            continue
        try:
            codes.append(provinces.resolve(row["area"], "63").code)
        except ProvinceNameError as error:
            raise BuildError(f"{raw_dir / row['_file']}, line {row['_line']}: column 'area': {error}") from None
    frame.insert(0, "province_code", pd.array(codes, dtype="string"))
    frame = frame.drop(columns=["_file", "_line"]).sort_values(["series", "year", "level", "area"],
                                                               ignore_index=True)
    return [Output("gso_survey", frame, schemas.GSO_SURVEY.description,
                   _fields(schemas.GSO_SURVEY, {"province_code": ("GSO code (63 regime) for provinces", "")}),
                   _sources(frame))]


def document_outputs(raw_dir: Path) -> list[Output]:
    docs = read_table(schemas.DOCUMENTS, raw_dir, required=False)
    docs = _resolve_column(docs, "province", None, raw_dir)
    facts = read_table(schemas.FACTS, raw_dir, required=False)
    measures = read_table(schemas.MEASURES, raw_dir, required=False)
    known = set(docs["doc_id"])
    for frame in (facts, measures):
        for row in frame.to_dict("records"):
            if row["doc_id"] not in known:
                raise BuildError(f"{raw_dir / row['_file']}, line {row['_line']}: doc_id {row['doc_id']!r} is not "
                                 "in documents/documents.csv")
    for row in facts.to_dict("records"):
        has_value = not pd.isna(row["value"])
        has_range = not (pd.isna(row["value_min"]) and pd.isna(row["value_max"]))
        if has_value == has_range:
            raise BuildError(f"{raw_dir / row['_file']}, line {row['_line']}: a fact needs either 'value' or "
                             "'value_min'/'value_max', not both and not neither")
    province_of = dict(zip(docs["doc_id"], docs["province_code"], strict=True))
    facts.insert(2, "province_code", pd.array([province_of[d] for d in facts["doc_id"]], dtype="string"))
    measures.insert(1, "province_code", pd.array([province_of[d] for d in measures["doc_id"]], dtype="string"))
    docs = docs.drop(columns=["_file", "_line"]).sort_values("doc_id", ignore_index=True)
    facts = facts.drop(columns=["_file", "_line"]).sort_values("fact_id", ignore_index=True)
    measures = measures.drop(columns=["_file", "_line"]).sort_values(["doc_id", "measure_code"], ignore_index=True)
    src = [{"title": s, "path": s} for s in sorted(set(docs["source"]))]
    code_field = {"province_code": ("GSO code (63 regime) of the document's province", "")}
    return [
        Output("documents", docs, schemas.DOCUMENTS.description, {**code_field, **_fields(schemas.DOCUMENTS)}, src),
        Output("facts", facts, schemas.FACTS.description, {**code_field, **_fields(schemas.FACTS)}, src),
        Output("measures", measures, schemas.MEASURES.description, {**code_field, **_fields(schemas.MEASURES)},
               src),
    ]


# Steps run in this order; other modules (boundaries, programme) append their own.
STEPS: list[Callable[[Path], list[Output]]] = [
    admin_outputs, review_outputs, aggregates_outputs, gso_outputs, document_outputs, programme_outputs,
]


# ---------------------------------------------------------------------------------------------
# save
# ---------------------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_frame(output: Output, folder: Path) -> list[Path]:
    written = []
    frame = output.frame.reset_index(drop=True)
    is_geo = hasattr(frame, "geometry") and frame.__class__.__name__ == "GeoDataFrame"
    if "parquet" in output.formats:
        path = folder / f"{output.name}.parquet"
        if is_geo:  # GeoParquet
            frame.to_parquet(path, index=False, compression="zstd")
        else:
            frame.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
        written.append(path)
    if "geojson" in output.formats:
        path = folder / f"{output.name}.geojson"
        frame.to_file(path, driver="GeoJSON", engine="pyogrio", COORDINATE_PRECISION=5, WRITE_BBOX="NO")
        written.append(path)
    if "csv" in output.formats:
        path = folder / f"{output.name}.csv"
        if is_geo:
            frame = frame.drop(columns=frame.geometry.name)
        frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written


def _datapackage(outputs: list[Output], staged: dict[str, Path]) -> dict:
    resources = []
    for output in outputs:
        for fmt in output.formats:
            filename = f"{output.name}.{fmt}"
            fields = []
            for column in output.frame.columns:
                description, unit = output.fields.get(column, ("", ""))
                dtype = output.frame[column].dtype
                kind = ("integer" if pd.api.types.is_integer_dtype(dtype) else "number"
                        if pd.api.types.is_float_dtype(dtype) else "boolean" if pd.api.types.is_bool_dtype(dtype)
                        else "geojson" if column == "geometry" else "string")
                entry = {"name": column, "type": kind, "description": description}
                if unit:
                    entry["unit"] = unit
                fields.append(entry)
            resources.append({
                "name": f"{output.name}-{fmt}", "path": filename, "format": fmt,
                "description": output.description,
                "hash": f"sha256:{_sha256(staged[filename])}",
                "schema": {"fields": fields},
                "sources": output.sources,
                "licenses": [output.licence or LICENCE_DATA],
            })
    return {
        "name": "study-processed",
        "title": "Vietnam provincial sustainable poverty reduction 2021-2025: processed data",
        "description": "Built by `study build` from data/raw; every figure keeps its source.",
        "licenses": [LICENCE_DATA],
        "resources": resources,
    }


def run(raw_dir: Path | None = None, out_dir: Path | None = None, progress: Callable[[str], None] | None = None
        ) -> list[Path]:
    """Build ``out_dir`` from ``raw_dir``.

    Parameters
    ----------
    raw_dir, out_dir : path-like, optional
        Default to :func:`study.paths.raw_dir` and :func:`study.paths.processed_dir`.
    progress : callable, optional
        Called with a short message at each step.

    Returns
    -------
    list of pathlib.Path
        The files written, ``datapackage.json`` last.

    Raises
    ------
    BuildError, SchemaError
        On bad raw input; nothing in ``out_dir`` is changed then.
    """
    raw_dir = Path(raw_dir or paths.raw_dir())
    out_dir = Path(out_dir or paths.processed_dir())
    say = progress or (lambda message: None)
    provinces._registry.cache_clear()
    from study import boundaries  # imports this module; registered here to avoid a cycle

    outputs: list[Output] = []
    for step in [*STEPS, boundaries.build_outputs]:
        say(f"{step.__name__.removesuffix('_outputs')}: reading and checking")
        try:
            outputs.extend(step(raw_dir))
        except (SchemaError, boundaries.BoundaryError) as error:
            raise BuildError(str(error)) from None
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".build-") as tmp:
        staging = Path(tmp)
        staged: dict[str, Path] = {}
        for output in outputs:
            say(f"writing {output.name}")
            for path in _write_frame(output, staging):
                staged[path.name] = path
        package = _datapackage(outputs, staged)
        package_path = staging / "datapackage.json"
        package_path.write_text(json.dumps(package, ensure_ascii=False, indent=2, sort_keys=False) + "\n",
                                encoding="utf-8")
        written = []
        for name in sorted(staged):
            os.replace(staged[name], out_dir / name)
            written.append(out_dir / name)
        os.replace(package_path, out_dir / "datapackage.json")
        written.append(out_dir / "datapackage.json")
    return written
