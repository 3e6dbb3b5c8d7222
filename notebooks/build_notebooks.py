"""Write and execute the main notebooks (the .ipynb files are generated from this script).

Usage (from the repository root)::

    .venv/bin/python notebooks/build_notebooks.py            # write and execute all
    .venv/bin/python notebooks/build_notebooks.py --no-run   # write without executing
    make notebooks                                            # the same, after `study build`

The notebooks are stored with their outputs, executed with their default parameters, so that
``pytest --nbval`` compares a fresh run with them (narratives and key tables included). Execution
records no timings, so a re-run changes nothing unless the data change. Run it again after
changing data/raw.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from study.execute.nbexec import execute_and_write

HERE = Path(__file__).resolve().parent


def make(name: str, cells: list, run: bool = True) -> Path:
    """Write (and execute) one notebook from ``(kind, source, *tags)`` tuples; return its path."""
    nb = nbformat.v4.new_notebook()
    for index, (kind, text, *tags) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text)
        if tags:
            cell.metadata["tags"] = list(tags)
        cell["id"] = f"cell-{index:02d}"
        nb.cells.append(cell)
    return execute_and_write(nb, HERE / f"{name}.ipynb", run=run)


profile = [
("md", "# Province profile\n\nOne province of the 63 (the units the poverty statistics describe): its official review figures over time, what its policy documents state and commit to, its region and the nation, and what became of it in the 2025 merger. Change the parameters below, or run `study run province_profile -p province \"Lạng Sơn\"`."),
("code", 'province = "Lạng Sơn"  # any spelling: "lang son", "TT-Huế", ...\nyear = 2023  # focus year for the national comparison\nlang = "en"  # "en" or "vi"\noutput_dir = ""  # where figures and tables are saved; empty: not saved', "parameters"),
("code", "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n\nfrom study.analysis import profile\nfrom study.present import charts, figures, maps, narrative\nfrom study.registry import provinces\n\nunit = provinces.resolve(province)\ndisplay(Markdown(f\"## {unit.name_vi} ({unit.region_en if lang == 'en' else unit.region})\"))"),
("md", "## Narrative\nGenerated from the data: every number below is read from `data/processed`."),
("code", "display(Markdown(\"\\n\".join(f\"- {s}\" for s in profile.sentences(unit.name_vi, lang, year))))"),
("md", "## Poor-household rate over time\nOfficial review figures (circles), figures stated in the province's documents (squares), the documents' estimates (hollow diamonds) and targets (stars), the province's region (dotted) and the nation (dashed)."),
("code", "fig, ax = plt.subplots(figsize=(6.5, 3.6), layout=\"constrained\")\ncharts.trajectory(profile.observed(unit.name_vi), estimates=profile.estimates(unit.name_vi),\n                  targets=profile.rate_targets(unit.name_vi), national=profile.national(),\n                  regional=profile.regional(unit.name_vi), lang=lang,\n                  title=unit.name_vi, ax=ax)\nfigures.add_source(fig, narrative.t(lang, \"source_profile\"))\nfigures.save_figure(fig, output_dir, \"trajectory\")\nplt.show()"),
("md", "## Where it is\nLocator map; since 1 July 2025 the province belongs to the unit of the 34 shown in the table after it."),
("code", "new = provinces.successor(unit.code)\nfig, axes = plt.subplots(1, 2, figsize=(7.5, 6.5))\nmaps.locator(unit.code, regime=\"63\", ax=axes[0], attribution=False, title=f\"{unit.name_vi} (63)\")\nmaps.locator(new.code, regime=\"34\", ax=axes[1], attribution=False, title=f\"{new.name_vi} (34)\")\nfigures.add_source(fig, maps.attribution_for(\"geo\"))\nfigures.save_figure(fig, output_dir, \"locator\")\nplt.show()"),
("code", "profile.merger_table(unit.name_vi)"),
("md", "## Official review figures\nOne row per year under the Decree 07/2021 standard, chosen among sources by the documented rule (`docs/data.md`); `any_conflict` marks years where sources disagree."),
("code", "official = profile.official_table(unit.name_vi)\nfigures.save_table(official, output_dir, \"official_figures\")\nofficial"),
("md", "Every source row, including other standards, interim and preliminary figures:"),
("code", "profile.sources_table(unit.name_vi)"),
("md", "## Documents and the measures they commit to"),
("code", "profile.documents_table(unit.name_vi)"),
("code", "measures = profile.measures_table(unit.name_vi)\nfigures.save_table(measures, output_dir, \"measures\")\nmeasures"),
]

policy_nb = [
("md", "# Policy measures\n\nWhich measures each coded document commits to, coded after the seven projects of the National Target Programme (Decision 90/QĐ-TTg: P1-P7) and cross-cutting instruments (credit, social assistance, emulation, leadership, mobilisation, integration). The coding rules are in `docs/coding_guide.md`."),
("code", 'lang = "en"  # "en" or "vi"\noutput_dir = ""  # where figures and tables are saved; empty: not saved', "parameters"),
("code", "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n\nfrom study import load\nfrom study.analysis import policy\nfrom study.present import charts, figures, narrative\n\nmatrix = policy.matrix(load.measures(), load.documents())"),
("md", "## What the documents share and where they differ"),
("code", "display(Markdown(\"\\n\".join(f\"- {s}\" for s in narrative.policy_sentences(matrix, lang))))"),
("code", "fig, ax = plt.subplots(figsize=(7.5, 3.6), layout=\"constrained\")\ncharts.measure_heatmap(matrix, lang=lang, ax=ax)\nfigures.add_source(fig, narrative.t(lang, \"source_measures\"))\nfigures.save_figure(fig, output_dir, \"measures_heatmap\")\nplt.show()"),
("code", "charts.measure_legend()"),
("md", "## The programme's seven projects in each plan"),
("code", "projects = policy.project_coverage(matrix)\nfigures.save_table(projects, output_dir, \"project_coverage\")\nprojects"),
("md", "## Evidence\nEach code with the phrase of the document it rests on."),
("code", "evidence = load.measures()[[\"doc_id\", \"measure_code\", \"evidence\"]]\nfigures.save_table(evidence, output_dir, \"measures_evidence\")\nevidence"),
]

targets_nb = [
("md", "# Targets tracking\n\nEvery target the coded documents state, and the national goals of Decision 90/QĐ-TTg, against the reported results. Status: *achieved* (the figure of the target year meets it), *not achieved*, *on track* (no figure for the target year yet, but the latest figure or the recent pace is enough), *off track*, *unknown* (no figure to judge by); the reason names the figures that decided it."),
("code", 'lang = "en"  # "en" or "vi"\noutput_dir = ""  # where figures and tables are saved; empty: not saved', "parameters"),
("code", "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n\nfrom study.analysis import profile, targets\nfrom study.present import charts, figures, narrative\n\ntable = targets.tracked(lang)\ndisplay(Markdown(\"\\n\".join(f\"- {s}\" for s in narrative.tracking_sentences(table, lang))))"),
("code", "targets.status_counts(table)"),
("md", "## Targets stated in the documents"),
("code", "documents = table[table[\"origin\"] == \"document\"].drop(columns=[\"origin\"]).reset_index(drop=True)\nfigures.save_table(documents, output_dir, \"document_targets\")\ndocuments[[\"target_id\", \"area\", \"target\", \"year\", \"status\", \"reason\"]]"),
("md", "## National goals of Decision 90/QĐ-TTg"),
("code", "national = table[table[\"origin\"] == \"national\"].drop(columns=[\"origin\"]).reset_index(drop=True)\nfigures.save_table(national, output_dir, \"national_targets\")\nnational[[\"target_id\", \"scope\", \"target\", \"year\", \"status\", \"reason\"]]"),
("md", "## Thừa Thiên Huế: targets against the review series\nThe 2023 conclusion of the provincial party standing committee set rates for the end of 2024 and 2025; the chart sets them against the reported rates."),
("code", "name = \"Thừa Thiên Huế\"\nfig, ax = plt.subplots(figsize=(6.5, 3.6), layout=\"constrained\")\ncharts.trajectory(profile.observed(name), targets=profile.rate_targets(name), national=profile.national(),\n                  lang=lang, title=name, ax=ax)\nfigures.add_source(fig, narrative.t(lang, \"source_targets\", doc=\"seed001\"))\nfigures.save_figure(fig, output_dir, \"thua_thien_hue_targets\")\nplt.show()"),
]

compare_nb = [
("md", "# Comparing provinces\n\nOne indicator for one year across provinces: maps in two layouts (boundaries and the project's tile grid, where every province is one equal cell), a ranking and a table, with a generated narrative. Two series exist and are never mixed: the Ministry's annual **review** (Decree 07/2021 standard; partial coverage here) and the General Statistics Office's **survey-based** rate (`series=\"gso\"`, all 63 provinces for 2023). For the 34 provinces in force since 1 July 2025 (`regime=\"34\"`), review figures are aggregated with household counts as weights, and a new province whose parts are not all covered is marked."),
("code", 'provinces = "all"  # "all" or a list of names, e.g. ["Lạng Sơn", "Bắc Ninh"]\nindicator = "poor_rate_pct"\nyear = 2023\nseries = "gso"  # "gso" (survey-based, complete for 2023) or "review" (official review)\nlang = "en"  # "en" or "vi"\nregime = "63"  # "63" (units the data describe) or "34" (units since 1 July 2025)\noutput_dir = ""  # where figures and tables are saved; empty: not saved', "parameters"),
("code", "import matplotlib.pyplot as plt\nfrom IPython.display import Markdown, display\n\nfrom study.analysis import compare\nfrom study.present import charts, figures, maps, narrative\nfrom study.registry import provinces as registry\n\nregime = registry.check_regime(regime)\nvalues = compare.cross_section(indicator, year, provinces, regime=regime, series=series)\nlabel = narrative.INDICATOR_LABELS[lang].get(indicator, indicator)"),
("md", "## Narrative"),
("code", "display(Markdown(\"\\n\".join(f\"- {s}\" for s in narrative.comparison_sentences(\n    values, indicator, year, lang, total=len(values), series=series))))"),
("md", "## Maps\nLeft: boundaries (with the offshore archipelagos in an inset); right: tile grid. Provinces without a figure are hatched and labelled *no data*, never drawn as zero."),
("code", "fig, axes = plt.subplots(1, 2, figsize=(9, 6.5), layout=\"constrained\")\nfor ax, layout in zip(axes, [\"geo\", \"tiles\"]):\n    maps.choropleth(values, \"value\", regime=regime, layout=layout, scheme=\"quantiles\", k=5, ax=ax,\n                    legend_title=f\"{label} (%)\" if indicator.endswith(\"_pct\") else label,\n                    title=f\"{label[:1].upper()}{label[1:]}, {year}\",\n                    partial=values.loc[~values[\"complete\"].fillna(False).astype(bool) & values[\"value\"].notna(), \"province_code\"] if \"complete\" in values else None)\nnote = (narrative.t(lang, \"source_gso_series\") if series == \"gso\"\n        else narrative.t(lang, \"source_review_series\", standard=narrative.STANDARD_NAMES[lang]))\nfigures.add_source(fig, note)\nfigures.save_figure(fig, output_dir, f\"map_{series}_{indicator}_{year}_{regime}\")\nplt.show()"),
("md", "## The review series year by year\nThe Ministry's review figures for the 63 provinces, one tile map per year with one shared classification: the gaps show how partial the published series is."),
("code", "from study import load\n\npanel = load.poverty_panel()\nper_year = panel.groupby(\"year\")[\"poor_rate_pct\"].count()\nyears = [int(y) for y, n in per_year.items() if n >= 5]\nfig = maps.small_multiples(panel, \"poor_rate_pct\", years, layout=\"tiles\", legend_title=f\"{narrative.INDICATOR_LABELS[lang]['poor_rate_pct']} (%)\",\n                           note=narrative.t(lang, \"source_review_series\", standard=narrative.STANDARD_NAMES[lang]))\nfigures.save_figure(fig, output_dir, \"review_small_multiples\")\nplt.show()"),
("md", "## Ranking"),
("code", "have = values.dropna(subset=[\"value\"])\nfig, ax = plt.subplots(figsize=(6.5, max(2.5, 0.2 * len(have) + 1)), layout=\"constrained\")\ncharts.ranking(values, label=f\"{label}, {year}\", lang=lang, ax=ax,\n               missing=values.loc[values[\"value\"].isna(), \"province\"].tolist())\nfigures.save_figure(fig, output_dir, f\"ranking_{series}_{indicator}_{year}_{regime}\")\nplt.show()"),
("md", "## What is known\nThe official review figures in the data, province by year (`study coverage` prints the same matrix)."),
("code", "from study import load\nfrom study.analysis import coverage\n\nknown = coverage.matrix(load.poverty_review(), load.facts())\nfig, ax = plt.subplots(figsize=(6.5, 11), layout=\"constrained\")\ncharts.coverage_heatmap(known, lang=lang, ax=ax)\nfigures.save_figure(fig, output_dir, \"coverage\")\nplt.show()\ncoverage.summary(known)"),
("md", "## Table"),
("code", "figures.save_table(values, output_dir, f\"values_{series}_{indicator}_{year}_{regime}\")\nvalues.sort_values(\"value\", ascending=False, na_position=\"last\").reset_index(drop=True)"),
]

NOTEBOOKS = {
    "province_profile": profile,
    "policy_measures": policy_nb,
    "targets_tracking": targets_nb,
    "compare_provinces": compare_nb,
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebooks to make (default all)")
    parser.add_argument("--no-run", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    for name in args.names or list(NOTEBOOKS):
        print(make(name, NOTEBOOKS[name], run=not args.no_run).name, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
