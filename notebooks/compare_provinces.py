# %% tags=["parameters"]
provinces = "all"  # "all" or a list of names, e.g. ["Lạng Sơn", "Bắc Ninh"]
indicator = "poor_rate_pct"
year = 2023
series = "gso"  # "gso" (survey-based, complete for 2023) or "review" (official review)
lang = "en"  # "en" or "vi"
regime = "63"  # "63" (units the data describe) or "34" (units since 1 July 2025)
output_dir = ""  # where figures and tables are saved; empty: not saved

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from study import load
from study.analysis import compare, coverage
from study.present import charts, figures, maps, page, tables
from study.present.i18n import t
from study.present.narrative.comparison import STANDARD_NAMES, comparison_sentences, indicator_label, survey_sentences
from study.present.sentences import to_markdown
from study.registry import provinces as registry

regime = registry.check_regime(regime)
values = compare.cross_section(indicator, year, provinces, regime=regime, series=series)
found = compare.comparison_findings(values, indicator, year, regime, series)
label = indicator_label(indicator, lang)
regime_note = t(lang, f"chart.regime_{regime}")
source_note = (
    t(lang, "source.source_gso_series")
    if series == "gso"
    else t(lang, "source.source_review_series", standard=STANDARD_NAMES[lang])
)
display(Markdown(f"# {t(lang, 'page.h_compare')}: {label}, {year} ({regime_note})"))
display(page.text(lang, "compare_intro"))
display(Markdown(to_markdown(comparison_sentences(found, lang), lang)))

# %%
partial = values.loc[values["status"] == "partial", "province_code"]
title = f"{label[:1].upper()}{label[1:]}, {year} ({regime_note})"
layouts = [("geo", "h_map", "map"), ("tiles", "h_tiles", "tiles")]
if maps.shapes(regime, "geo")[1] == "tiles":  # no boundary layer: the tile grid is drawn once
    layouts = layouts[1:]
for layout, heading, stem in layouts:
    display(page.heading(lang, heading))
    fig, ax = plt.subplots(figsize=(6.5, 7.5), layout="constrained")
    maps.choropleth(
        values,
        "value",
        regime=regime,
        layout=layout,
        ax=ax,
        lang=lang,
        year=year,
        title=title,
        legend_title=f"{label} (%)" if indicator.endswith("_pct") else label,
        missing_label=t(lang, "chart.no_data"),
        partial=partial,
        partial_label=t(lang, "chart.partial"),
    )
    figures.add_source(fig, source_note)
    figures.save_figure(fig, output_dir, f"{stem}_{series}_{indicator}_{year}_{regime}")
    plt.show()

# %%
display(page.heading(lang, "h_survey"))
gaps = compare.survey_vs_review(year)
survey = load.gso_survey()
preliminary = survey.loc[survey["year"] == year, "note"].fillna("").str.lower().str.contains("sơ bộ").any()
display(Markdown(to_markdown(survey_sentences(gaps, year, lang, bool(preliminary)), lang)))
figures.save_table(gaps, output_dir, f"survey_vs_review_{year}")
tables.survey_table(gaps, lang)

# %%
display(page.heading(lang, "h_years"))
panel = compare.end_of_year_panel(load.table("poverty_review"), "63")
per_year = panel.groupby("year")["poor_rate_pct"].count()
years = [int(y) for y, n in per_year.items() if n >= 5]
fig = maps.small_multiples(
    panel,
    "poor_rate_pct",
    years,
    layout="tiles",
    lang=lang,
    legend_title=f"{indicator_label('poor_rate_pct', lang)} (%)",
    missing_label=t(lang, "chart.no_data"),
    note=t(lang, "source.source_review_series", standard=STANDARD_NAMES[lang]),
)
figures.save_figure(fig, output_dir, "review_small_multiples")
plt.show()

# %%
display(page.heading(lang, "h_ranking"))
ranked = values[values["status"].isin(compare.RANKED)]
fig, ax = plt.subplots(figsize=(6.5, max(2.5, 0.2 * ranked["value"].notna().sum() + 1)), layout="constrained")
charts.ranking(
    ranked,
    label=f"{label}, {year}",
    lang=lang,
    ax=ax,
    missing=values.loc[~values["status"].isin(compare.RANKED), "province"].tolist(),
)
figures.add_source(fig, source_note)
figures.save_figure(fig, output_dir, f"ranking_{series}_{indicator}_{year}_{regime}")
plt.show()

# %%
display(page.heading(lang, "h_known"))
known = coverage.matrix(load.poverty_review(), load.facts(), searched=load.search_log())
fig, ax = plt.subplots(figsize=(6.5, 12.5), layout="constrained")
charts.coverage_heatmap(known, lang=lang, ax=ax)
figures.save_figure(fig, output_dir, "coverage")
plt.show()

# %%
display(page.heading(lang, "h_table"))
figures.save_table(values, output_dir, f"values_{series}_{indicator}_{year}_{regime}")
display(tables.comparison_table(values, indicator, lang))
display(Markdown(tables.legend(lang)))
