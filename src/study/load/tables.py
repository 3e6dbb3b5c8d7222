"""Loaders for processed data: the one way notebooks read data.

Each loader reads a Parquet file written by ``study build`` from :func:`study.paths.processed_dir`
and caches it per file version, so a notebook that calls a loader many times reads the file once.
If the processed data are missing, the error says how to make them.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from study import paths
from study.registry import provinces


class DataNotBuiltError(FileNotFoundError):
    """Processed data are missing: run ``study build`` (or ``make build``) first."""


@functools.lru_cache(maxsize=64)
def _read(path: str, mtime_ns: int) -> pd.DataFrame:
    return pd.read_parquet(path)


def table(name: str) -> pd.DataFrame:
    """Return the processed table ``name`` (a copy; the cached frame is never handed out).

    Parameters
    ----------
    name : str
        A table of ``data/processed``, e.g. ``"poverty_panel"``.

    Raises
    ------
    DataNotBuiltError
        If ``<processed>/<name>.parquet`` does not exist.
    """
    path = Path(paths.processed_dir()) / f"{name}.parquet"
    if not path.exists():
        raise DataNotBuiltError(
            f"{path} does not exist: build the processed data first with `study build` (or `make build`)"
        )
    return _read(str(path), path.stat().st_mtime_ns).copy()


def _code(province, regime: str) -> str | None:
    if province is None:
        return None
    return provinces.resolve(province, regime).code


def provinces_table(regime="63") -> pd.DataFrame:
    """Return the units of a regime (``"63"`` or ``"34"``) with names, regions and crosswalk codes."""
    return table(f"provinces_{provinces.check_regime(regime)}")


def crosswalk() -> pd.DataFrame:
    """Return the 63 -> 34 crosswalk (``code_63``, ``name_63``, ``code_34``, ``name_34``)."""
    return table("crosswalk_2025")


def poverty_panel(province=None, regime="63", standard_note: bool = False) -> pd.DataFrame:
    """Return the review figures, one row per province and year, under the Decree 07/2021 standard.

    Parameters
    ----------
    province : str, optional
        Any spelling of a province name; all provinces when omitted.
    regime : {"63", "34"}
        ``"63"`` for the units the statistics describe; ``"34"`` for figures published for a merged
        province (few; use :func:`study.indicators` to aggregate the 63 to the 34).
    """
    regime = provinces.check_regime(regime)
    frame = table("poverty_panel")
    frame = frame[frame["regime"] == regime]
    code = _code(province, regime)
    if code is not None:
        frame = frame[frame["province_code"] == code]
    return frame.reset_index(drop=True)


def poverty_review(province=None, regime="63", standard: str | None = "nd07_2021") -> pd.DataFrame:
    """Return chosen review values in long form (one row per province, year, indicator, standard).

    ``standard=None`` returns every standard; the default keeps only figures under Decree 07/2021,
    so that figures under the 2016-2020 standard or a provincial line are never mixed in silently.
    """
    regime = provinces.check_regime(regime)
    frame = table("poverty_review")
    frame = frame[frame["regime"] == regime]
    if standard is not None:
        frame = frame[frame["standard"] == standard]
    code = _code(province, regime)
    if code is not None:
        frame = frame[frame["province_code"] == code]
    return frame.reset_index(drop=True)


def poverty_sources(province=None, regime="63") -> pd.DataFrame:
    """Return every raw review row (all sources, standards and reference points) for inspection."""
    regime = provinces.check_regime(regime)
    frame = table("poverty_review_sources")
    frame = frame[frame["regime"] == regime]
    code = _code(province, regime)
    if code is not None:
        frame = frame[frame["province_code"] == code]
    return frame.reset_index(drop=True)


def aggregates() -> pd.DataFrame:
    """Return national, regional, poor-district and ethnic-minority review results."""
    return table("aggregates")


def gso_survey() -> pd.DataFrame:
    """Return the GSO survey-based series (a different measure from the review; never mix silently)."""
    return table("gso_survey")


def _of_province(frame: pd.DataFrame, province) -> pd.DataFrame:
    """``frame`` itself, or its rows of one province (any spelling, 63 regime)."""
    code = _code(province, "63")
    return frame if code is None else frame[frame["province_code"] == code].reset_index(drop=True)


def documents(province=None) -> pd.DataFrame:
    """Return the coded documents, optionally of one province (63 regime)."""
    return _of_province(table("documents"), province)


def facts(province=None) -> pd.DataFrame:
    """Return the facts coded from the documents, optionally of one province (63 regime)."""
    return _of_province(table("facts"), province)


def measures(province=None) -> pd.DataFrame:
    """Return the measure codes of the documents, optionally of one province (63 regime)."""
    return _of_province(table("measures"), province)


def search_log(province=None) -> pd.DataFrame:
    """Return the search log: province-years searched without finding an end-of-year figure."""
    return _of_province(table("search_log"), province)


def sources_of(frame: pd.DataFrame) -> list[str]:
    """Return the distinct source URLs of a frame, sorted (for captions)."""
    for column in ("source_url", "source"):
        if column in frame:
            return sorted({str(v) for v in frame[column].dropna() if str(v)})
    return []
