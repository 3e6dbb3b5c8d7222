"""Build step: the General Statistics Office's survey-based series (a different measure from the review)."""

from __future__ import annotations

import pandas as pd

from study import schema
from study.build.base import BuildError, Context, Output, fields_of, read_table, sources_of
from study.registry.provinces import ProvinceNameError


def outputs(ctx: Context) -> list[Output]:
    frame = read_table(schema.GSO_SURVEY, ctx.raw_dir, required=False)
    codes = []
    for row in frame.to_dict("records"):
        if row["level"] != "province":
            codes.append(None)
            continue
        try:
            codes.append(ctx.registry.resolve(row["area"], "63").code)
        except ProvinceNameError as error:
            raise BuildError(f"{ctx.raw_dir / row['_file']}, line {row['_line']}: column 'area': {error}") from None
    frame.insert(0, "province_code", pd.array(codes, dtype="string"))
    frame = frame.drop(columns=["_file", "_line"]).sort_values(["series", "year", "level", "area"], ignore_index=True)
    return [
        Output(
            "gso_survey",
            frame,
            schema.GSO_SURVEY.description,
            fields_of(schema.GSO_SURVEY, {"province_code": ("GSO code (63 regime) for provinces", "")}),
            sources_of(frame),
        )
    ]
