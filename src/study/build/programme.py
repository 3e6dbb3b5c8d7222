"""Build step: the programme's targets (Decision 90/QĐ-TTg) and the poverty standards as tables."""

from __future__ import annotations

from study import schema
from study.build.base import Context, Output, fields_of, read_table, sources_of


def outputs(ctx: Context) -> list[Output]:
    targets = read_table(schema.TARGETS, ctx.raw_dir, required=False).drop(columns=["_file", "_line"])
    targets = targets.sort_values("target_id", ignore_index=True)
    return [
        Output("programme_targets", targets, schema.TARGETS.description, fields_of(schema.TARGETS), sources_of(targets))
    ]


STANDARD_FILES = ("poverty_standard*.csv", "standard_*.csv")
"""Raw files of the poverty standards' lines and rules (``raw/programme``), in reading order."""
INDICATOR_FILES = ("dimensions_indicators*.csv",)
"""Raw files of the standards' dimensions and deprivation indicators."""


def _concat(folder, patterns: tuple[str, ...], name: str):
    import pandas as pd

    files = []
    for pattern in patterns:
        files.extend(p for p in sorted(folder.glob(pattern)) if p not in files)
    frames = []
    for path in files:
        frame = schema.read_csv_text(path).rename(columns={"_line": "line"})
        frame.insert(len(frame.columns) - 1, "file", path.name)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=["file", "line"])
    frame = pd.concat(frames, ignore_index=True).fillna("")
    for column in frame.columns:
        frame[column] = frame[column].astype("Int64" if column == "line" else "string")
    return frame


def standards_outputs(ctx: Context) -> list[Output]:
    """The poverty standards (lines, rules, dimensions, indicators) as read by :mod:`study.analysis.standard`.

    The cells stay text here: :func:`study.analysis.standard.load_standard` checks them (and names
    the raw file and line, kept in ``file`` and ``line``) when it builds a standard.
    """
    folder = ctx.raw_dir / "programme"
    items = _concat(folder, STANDARD_FILES, "poverty_standard")
    indicators = _concat(folder, INDICATOR_FILES, "dimensions_indicators")
    source = [{"title": "data/raw/programme/SOURCES.md", "path": "data/raw/programme/SOURCES.md"}]
    common = {"file": ("raw file of the row", ""), "line": ("line of the row in that file", "")}
    return [
        Output(
            "poverty_standard",
            items,
            "Lines and rules of each poverty standard, one row per item and area.",
            common,
            source,
        ),
        Output(
            "dimensions_indicators",
            indicators,
            "Dimensions and deprivation indicators of each standard.",
            common,
            source,
        ),
    ]
