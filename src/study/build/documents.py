"""Build step: coded policy documents, the facts they state and the measures they commit to."""

from __future__ import annotations

import pandas as pd

from study import schema
from study.build.base import BuildError, Context, Output, fields_of, read_table, resolve_column


def outputs(ctx: Context) -> list[Output]:
    docs = read_table(schema.DOCUMENTS, ctx.raw_dir, required=False)
    docs = resolve_column(docs, "province", None, ctx)
    facts = read_table(schema.FACTS, ctx.raw_dir, required=False)
    measures = read_table(schema.MEASURES, ctx.raw_dir, required=False)
    known = set(docs["doc_id"])
    for frame in (facts, measures):
        for row in frame.to_dict("records"):
            if row["doc_id"] not in known:
                raise BuildError(
                    f"{ctx.raw_dir / row['_file']}, line {row['_line']}: doc_id {row['doc_id']!r} is not "
                    "in documents/documents.csv"
                )
    for row in facts.to_dict("records"):
        has_value = not pd.isna(row["value"])
        has_range = not (pd.isna(row["value_min"]) and pd.isna(row["value_max"]))
        if has_value == has_range:
            raise BuildError(
                f"{ctx.raw_dir / row['_file']}, line {row['_line']}: a fact needs either 'value' or "
                "'value_min'/'value_max', not both and not neither"
            )
    province_of = dict(zip(docs["doc_id"], docs["province_code"], strict=True))
    facts.insert(2, "province_code", pd.array([province_of[d] for d in facts["doc_id"]], dtype="string"))
    measures.insert(1, "province_code", pd.array([province_of[d] for d in measures["doc_id"]], dtype="string"))
    docs = docs.drop(columns=["_file", "_line"]).sort_values("doc_id", ignore_index=True)
    facts = facts.drop(columns=["_file", "_line"]).sort_values("fact_id", ignore_index=True)
    measures = measures.drop(columns=["_file", "_line"]).sort_values(["doc_id", "measure_code"], ignore_index=True)
    src = [{"title": s, "path": s} for s in sorted(set(docs["source"]))]
    code_field = {"province_code": ("GSO code (63 regime) of the document's province", "")}
    return [
        Output("documents", docs, schema.DOCUMENTS.description, {**code_field, **fields_of(schema.DOCUMENTS)}, src),
        Output("facts", facts, schema.FACTS.description, {**code_field, **fields_of(schema.FACTS)}, src),
        Output("measures", measures, schema.MEASURES.description, {**code_field, **fields_of(schema.MEASURES)}, src),
    ]
