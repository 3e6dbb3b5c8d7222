# %% tags=["parameters"]
province = "Lạng Sơn"  # any spelling: "lang son", "TT-Huế", ...
lang = "en"  # "en" or "vi"
output_dir = ""  # where figures and tables are saved; empty: not saved

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from study import load
from study.analysis.findings.profile import province_findings
from study.present import charts, figures, maps, narrative, page, tables
from study.present.i18n import t
from study.present.sentences import to_markdown

f = province_findings(province)
unit, new = f.unit, f.successor
display(Markdown(f"# {unit.name_vi}: {t(lang, 'page.h_profile').lower()}"))
display(page.text(lang, "intro"))

# %%
display(page.heading(lang, "h_narrative"))
display(Markdown(to_markdown(narrative.profile_sentences(f, lang), lang)))

# %%
display(page.heading(lang, "h_trajectory"))
fig, ax = plt.subplots(figsize=(7.5, 3.6), layout="constrained")
title = t(lang, "chart.profile_title", name=unit.name_vi, regime_note=t(lang, "chart.regime_63"))
charts.trajectory(f, lang=lang, title=title, ax=ax)
figures.add_source(fig, t(lang, "source.source_review_series", standard=narrative.STANDARD_NAMES[lang]))
figures.save_figure(fig, output_dir, "trajectory")
plt.show()

# %%
display(page.heading(lang, "h_where"))
fig, axes = plt.subplots(1, 2, figsize=(7.5, 6.5))
maps.locator(
    unit.code, regime="63", ax=axes[0], attribution=False, title=f"{unit.name_vi} ({t(lang, 'chart.regime_63')})"
)
maps.locator(
    new.code, regime="34", ax=axes[1], attribution=False, title=f"{new.name_vi} ({t(lang, 'chart.regime_34')})"
)
figures.add_source(fig, maps.attribution_for("geo", lang))
figures.save_figure(fig, output_dir, "locator")
plt.show()

# %%
display(page.heading(lang, "h_review"))
panel = load.poverty_panel(unit.name_vi)
figures.save_table(panel, output_dir, "review_figures")
display(tables.review_table(panel, lang, review=load.poverty_review(unit.name_vi)))
display(Markdown(tables.legend(lang) + " · " + t(lang, "table.review_legend")))

# %%
display(page.heading(lang, "h_documents"))
tables.documents_table(f.documents, lang)
