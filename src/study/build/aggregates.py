"""Build step: national, regional, poor-district and ethnic-minority results of the reviews."""

from __future__ import annotations

from study import schema
from study.build import checks
from study.build.base import Context, Output, fields_of, read_table, sources_of
from study.build.review import choose


def outputs(ctx: Context) -> list[Output]:
    raw = read_table(schema.AGGREGATES, ctx.raw_dir, required=False)
    checks.check_consistency(raw, ctx.raw_dir)
    chosen = choose(raw, unit=("level", "area"))
    frame = raw.drop(columns=["_file", "_line"]).sort_values(
        ["level", "area", "year", "standard", "reference_point", "source_url"], ignore_index=True
    )
    return [
        Output("aggregates", frame, schema.AGGREGATES.description, fields_of(schema.AGGREGATES), sources_of(frame)),
        Output(
            "aggregate_series",
            chosen,
            "One value per level, area, year, indicator and standard among the aggregate sources, chosen by "
            "the same rule as poverty_review.",
            {
                "level": ("national, region, poor_districts, ethnic_minority", ""),
                "area": ("area name", ""),
                "year": ("review year", ""),
                "indicator": ("indicator", ""),
                "value": ("chosen value", ""),
                "unit": ("unit", ""),
                "standard": ("poverty standard", ""),
                "reference_point": ("reference point", ""),
                "comparable": ("under Decree 07/2021", ""),
                "source_type": ("publisher type", ""),
                "source_url": ("URL", ""),
                "source_title": ("title", ""),
                "source_date": ("date", ""),
                "decision": ("decision", ""),
                "evidence": ("verbatim phrase", ""),
                "n_sources": ("rows reporting it", "rows"),
                "n_alternatives": ("other values", "values"),
                "conflict": ("sources disagree", ""),
                "source_row": ("raw file and line", ""),
            },
            sources_of(chosen),
        ),
    ]
