# %% tags=["parameters"]
lang = "en"  # "en" or "vi"
output_dir = ""  # where figures and tables are saved; empty: not saved

# %%
from IPython.display import Markdown, display

from study.analysis import targets
from study.present import figures, page, tables
from study.present.i18n import t
from study.present.narrative.targets import reason, summary_sentences, target_label, target_sentence
from study.present.sentences import to_markdown

table = targets.tracked()
display(Markdown(f"# {t(lang, 'page.h_targets')}"))
display(page.text(lang, "targets_intro"))
display(Markdown(to_markdown(summary_sentences(table, lang), lang)))
figures.save_table(table, output_dir, "targets")
for origin, name in (("national", "national_targets"), ("document", "province_targets")):
    rows = table[table["origin"] == origin]
    figures.save_table(
        rows.assign(target=[target_label(r, lang) for r in rows.to_dict("records")])[
            ["area", "target", "target_year", "status"]
        ].rename(columns={"target_year": "year"}),
        output_dir,
        name,
    )

# %%
display(page.heading(lang, "h_national_targets"))
national = table[table["origin"] == "national"]
display(Markdown(to_markdown([target_sentence(r, lang) for r in national.to_dict("records")], lang)))

# %%
display(page.heading(lang, "h_province_targets"))
own = table[(table["origin"] == "document") & (table["status"] != "unknown")].sort_values(["area", "target_id"])
lines = []
for area, rows in own.groupby("area", sort=True):
    lines.append(f"**{area}**")
    lines.append("")
    lines.append(to_markdown([target_sentence(r, lang) for r in rows.to_dict("records")], lang, heading=False))
    lines.append("")
display(Markdown("\n".join(lines)))

# %%
display(page.heading(lang, "h_targets_table"))
frame = table[table["origin"] == "document"].sort_values(["area", "target_id"]).copy()
frame["province"] = frame["area"]
frame["target"] = [target_label(r, lang) for r in frame.to_dict("records")]
frame["status"] = [t(lang, f"status.{s}") for s in frame["status"]]
frame["reason"] = [reason(r, lang) for r in frame.to_dict("records")]
frame["year"] = frame["target_year"]
display(
    tables.printable(
        frame, {"province": "text", "target": "text", "year": "year", "status": "text", "reason": "text"}, lang
    )
)
display(Markdown(tables.legend(lang)))
