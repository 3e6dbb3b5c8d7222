# %% tags=["parameters"]
lang = "en"  # "en" or "vi"
output_dir = ""  # where figures and tables are saved; empty: not saved

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

from study import load
from study.analysis import policy
from study.present import charts, figures, page, tables
from study.present.i18n import t
from study.present.narrative.measures import measures_sentences
from study.present.sentences import to_markdown
from study.registry import provinces

measures, documents = load.measures(), load.documents()
regions = {u.code: u.region for u in provinces.units("63")}
shares = policy.by_region(measures, documents, regions)
with_measures = documents[documents["doc_id"].isin(set(measures["doc_id"]))]
display(Markdown(f"# {t(lang, 'page.h_measures')}"))
display(page.text(lang, "measures_intro"))
display(
    Markdown(
        to_markdown(
            measures_sentences(shares, len(with_measures), with_measures["province_code"].nunique(), lang), lang
        )
    )
)

# %%
display(page.heading(lang, "h_measures_region"))
fig, ax = plt.subplots(figsize=(7.5, 5.2), layout="constrained")
charts.measure_share_heatmap(shares, lang=lang, ax=ax)
figures.add_source(fig, t(lang, "source.source_measures"))
figures.save_figure(fig, output_dir, "measures_by_region")
plt.show()

# %%
display(page.heading(lang, "h_measures_table"))
figures.save_table(shares.reset_index(names="region"), output_dir, "measures_by_region")
tables.measures_table(shares, lang)
