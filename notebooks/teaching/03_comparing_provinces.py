# %% [markdown] tags=["exercise-only"]
# # 3. So sánh các tỉnh: bài tập / Comparing provinces: exercise

# %% [markdown] tags=["solutions-only"]
# # 3. So sánh các tỉnh: lời giải / Comparing provinces: solutions

# %% tags=["parameters"]
lang = "en"  # "en" or "vi"
provinces_to_compare = ["Kon Tum", "Gia Lai", "Quảng Nam", "Lạng Sơn"]  # any spellings, 63-unit names
year_from = 2022  # first year of the comparison
year_to = 2024  # last year of the comparison

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from study import load
from study.analysis import standard, teaching
from study.present import teaching as show
from study.present.i18n import fmt_list, fmt_number, fmt_pct, t
from study.registry import provinces

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)


def say(key, **values):
    """Show a text of the catalogue (section [teaching]) in the notebook's language."""
    display(Markdown(t(lang, f"teaching.{key}", **values)))


# papermill may pass the list as text ("Kon Tum, Gia Lai"): accept both
if isinstance(provinces_to_compare, str):
    provinces_to_compare = [name.strip() for name in provinces_to_compare.split(",") if name.strip()]
year_from, year_to = int(year_from), int(year_to)
say("n3_intro")

# %%
say("h_q", n=1, title=t(lang, "teaching.q1_title"))
say("q1", first=year_from, last=year_to)

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

units = [provinces.resolve(name) for name in provinces_to_compare]
codes = [u.code for u in units]
panel = load.poverty_panel()
period = panel[panel["province_code"].isin(codes) & panel["year"].between(year_from, year_to)]
years = list(range(year_from, year_to + 1))
lines = []
for unit in units:
    mine = (period["province_code"] == unit.code) & period["poor_rate_pct"].notna()
    have = sorted(int(y) for y in period.loc[mine, "year"])
    missing = [y for y in years if y not in have]
    lines.append(
        t(
            lang,
            "teaching.a1",
            province=unit.name_vi,
            have=fmt_list([str(y) for y in have], lang) or t(lang, "teaching.no_year"),
            missing=fmt_list([str(y) for y in missing], lang) or t(lang, "teaching.none"),
        )
    )
display(Markdown(show.bullets(lines)))

# %%
say("h_q", n=2, title=t(lang, "teaching.q2_title"))
say("q2")

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

rows = []
for unit in units:
    mine = (period["province_code"] == unit.code) & period["poor_rate_pct"].notna()
    rates = period[mine].sort_values("year")
    if len(rates) < 2:
        say("a2_left_out", province=unit.name_vi, n=len(rates))
        continue
    start, end = rates.iloc[0], rates.iloc[-1]
    before, after = float(start["poor_rate_pct"]), float(end["poor_rate_pct"])
    rows.append(
        {
            "province": unit.name_vi,
            "from": int(start["year"]),
            "to": int(end["year"]),
            "rate_from": before,
            "rate_to": after,
            "change_pp": round(teaching.pp_change(before, after), 2),
            "change_pct": round(teaching.percent_change(before, after), 1),
        }
    )
columns = ["province", "from", "to", "rate_from", "rate_to", "change_pp", "change_pct"]
changes = pd.DataFrame(rows, columns=columns)
show.labelled(changes, lang)

# %%
say("h_q", n=3, title=t(lang, "teaching.q3_title"))
say("q3")

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

if changes.empty:
    say("a_no_changes")
else:
    ranked = changes.assign(
        rank_by_points=changes["change_pp"].rank(method="min").astype(int),
        rank_by_percent=changes["change_pct"].rank(method="min").astype(int),
    )
    columns = ["province", "change_pp", "rank_by_points", "change_pct", "rank_by_percent"]
    display(show.labelled(ranked[columns], lang))
    same = (ranked["rank_by_points"] == ranked["rank_by_percent"]).all()
    say("a3_agree" if same else "a3_differ")

# %%
say("h_q", n=4, title=t(lang, "teaching.q4_title"))
say("q4")

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

targets = load.table("programme_targets")
national = targets[(targets["indicator"] == "poor_rate_reduction_pp") & (targets["scope"] == "national")]
if changes.empty:
    say("a_no_changes")
else:
    changes["years"] = changes["to"] - changes["from"]
    changes["pp_per_year"] = (changes["change_pp"] / changes["years"]).round(2)
    display(show.labelled(changes[["province", "from", "to", "pp_per_year"]], lang))
    if len(national):
        row = national.iloc[0]
        low = float(row["value_min"] if pd.notna(row["value_min"]) else row["value"])
        meets = changes.loc[-changes["pp_per_year"] >= low, "province"].tolist()
        say(
            "a4_target",
            value=fmt_number(low, lang),
            basis=row["legal_basis"],
            provinces=fmt_list(meets, lang) or t(lang, "teaching.none"),
        )
    else:
        say("a4_no_target")

# %%
say("h_q", n=5, title=t(lang, "teaching.q5_title"))
say("q5")

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

with_rate = period[period["poor_rate_pct"].notna()]
counts = with_rate.groupby("year").size()
candidates = counts[counts >= 2]
if candidates.empty:
    say("a5_none")
else:
    last_year = int(candidates.index.max())
    result = teaching.mean_vs_weighted(with_rate[with_rate["year"] == last_year])
    say(
        "a5",
        year=last_year,
        used=result["rows"],
        left_out=result["rows_left_out"],
        plain=fmt_pct(round(result["plain_mean_pct"], 2), lang),
        weighted=fmt_pct(round(result["weighted_pct"], 2), lang),
    )

# %%
say("h_q", n=6, title=t(lang, "teaching.q6_title"))
say("q6")

# %% tags=["solution"]
lines = []
for unit in units:
    new = provinces.successor(unit.code)
    partners = [u.name_vi for u in provinces.predecessors(new.code) if u.code != unit.code]
    lines.append(
        t(
            lang,
            "teaching.a6",
            province=unit.name_vi,
            new=new.name_vi,
            code=new.code,
            partners=fmt_list(partners, lang) or t(lang, "teaching.no_other_unit"),
        )
    )
display(Markdown(show.bullets(lines)))
say("a6_how")

# %%
say("h_q", n=7, title=t(lang, "teaching.q7_title"))
say("q7", year=2023)

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

survey = load.gso_survey()
both = teaching.review_vs_survey(panel[panel["province_code"].isin(codes)], survey, 2023)
if both.empty:
    say("a7_none", year=2023)
else:
    display(show.labelled(both, lang))
say("a7_why")

# %%
say("h_q", n=8, title=t(lang, "teaching.q8_title"))
nd07, old, new = (standard.load_standard(code) for code in ("nd07_2021", "qd59_2015", "national_2026_2030"))
say("q8", act=nd07.act, old=old.act, new=new.act)

# %% tags=["solution"]
income = nd07.poverty_line["rural"]
deprived = ["health_insurance", "housing_quality"]
three = deprived + ["employment"]
answers = [
    (nd07.act, deprived, standard.classify(income, "rural", deprived, standard=nd07)),
    (nd07.act, three, standard.classify(income, "rural", three, standard=nd07)),
    (old.act, deprived, standard.classify(income, "rural", len(deprived), standard=old)),
    (new.act, three, standard.classify(income, "rural", len(three), standard=new)),
]
lines = [
    t(
        lang,
        "teaching.a8_line",
        act=act,
        income=show.money(income, lang),
        deprived=fmt_list(show.indicator_names(nd07, codes_, lang), lang),
        category=show.value_label(category, lang),
    )
    for act, codes_, category in answers
]
try:
    standard.classify(income, "rural", len(deprived), standard=new)
except standard.NotSourcedError as error:
    lines.append(
        t(
            lang,
            "teaching.a8_not_sourced",
            act=new.act,
            deprived=fmt_list(show.indicator_names(nd07, deprived, lang), lang),
            known=t(lang, f"teaching.known_{error.known}"),
            missing=t(lang, f"teaching.missing_{error.rule}"),
        )
    )
display(Markdown(show.bullets(lines)))
say("a8_why", k=nd07.min_deprivations)
