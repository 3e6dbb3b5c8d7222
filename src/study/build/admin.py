"""Build step: the units of both regimes, the 2025 crosswalk and the name aliases (``raw/admin``)."""

from __future__ import annotations

import pandas as pd

from study import schema
from study.build.base import BuildError, Context, Output, fields_of, read_table


def outputs(ctx: Context) -> list[Output]:
    p63 = read_table(schema.PROVINCES_63, ctx.raw_dir)
    p34 = read_table(schema.PROVINCES_34, ctx.raw_dir)
    merger = read_table(schema.MERGER_2025, ctx.raw_dir)
    if len(p63) != 63 or len(p34) != 34 or len(merger) != 63:
        raise BuildError(
            f"{ctx.raw_dir / 'admin'}: expected 63 old units, 34 new units and 63 crosswalk rows; "
            f"found {len(p63)}, {len(p34)} and {len(merger)}"
        )
    unknown_old = set(merger["old_code"]) - set(p63["code"])
    unknown_new = set(merger["new_code"]) - set(p34["code"])
    if unknown_old or unknown_new or set(p34["code"]) - set(merger["new_code"]):
        raise BuildError(
            f"{ctx.raw_dir / 'admin/merger_2025.csv'}: codes do not match the unit tables "
            f"(old {sorted(unknown_old)}, new {sorted(unknown_new)})"
        )
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
    t34.insert(
        6,
        "predecessor_names",
        pd.array(["; ".join(old_names[o] for o in parts[c]) for c in t34["code"]], dtype="string"),
    )
    cross = pd.DataFrame(
        {
            "code_63": merger["old_code"],
            "name_63": merger["old_name"],
            "code_34": merger["new_code"],
            "name_34": merger["new_name"],
            "source": merger["source"],
        }
    ).sort_values("code_63", ignore_index=True)
    aliases = read_table(schema.ALIASES, ctx.raw_dir).drop(columns=["_line", "_file"])
    admin_source = [{"title": "data/raw/admin/SOURCES.md", "path": "data/raw/admin/SOURCES.md"}]
    return [
        Output(
            "provinces_63",
            t63.sort_values("code", ignore_index=True),
            schema.PROVINCES_63.description,
            fields_of(
                schema.PROVINCES_63,
                {
                    "code_34": ("code of the unit of the 34 it belongs to", ""),
                    "name_34": ("name of the unit of the 34 it belongs to", ""),
                },
            ),
            admin_source,
        ),
        Output(
            "provinces_34",
            t34.sort_values("code", ignore_index=True),
            schema.PROVINCES_34.description,
            fields_of(
                schema.PROVINCES_34,
                {
                    "n_predecessors": ("number of units of the 63 merged into it", "units"),
                    "predecessor_codes": ("codes (63 regime) of those units, ';'-separated", ""),
                    "predecessor_names": ("names of those units", ""),
                },
            ),
            admin_source,
        ),
        Output(
            "crosswalk_2025",
            cross,
            schema.MERGER_2025.description,
            {
                "code_63": ("code in the 63-unit regime", ""),
                "name_63": ("name in the 63-unit regime", ""),
                "code_34": ("code in the 34-unit regime", ""),
                "name_34": ("name in the 34-unit regime", ""),
                "source": ("source", ""),
            },
            admin_source,
        ),
        Output(
            "status_changes",
            read_table(schema.STATUS_CHANGES, ctx.raw_dir, required=False).drop(columns=["_line", "_file"]),
            schema.STATUS_CHANGES.description,
            fields_of(schema.STATUS_CHANGES),
            admin_source,
        ),
        Output(
            "aliases",
            aliases.sort_values(["regime", "code", "alias"], ignore_index=True),
            schema.ALIASES.description,
            fields_of(schema.ALIASES),
            admin_source,
        ),
    ]
