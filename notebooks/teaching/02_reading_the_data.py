# %% [markdown]
# # 2. Đọc số liệu của các tỉnh / Reading the provincial data
#
# Chọn ngôn ngữ bằng tham số `lang` ("vi" hoặc "en"). / Choose the language with the parameter `lang`.

# %% tags=["parameters"]
lang = "en"  # "en" or "vi"
year = 2022  # review year for the regional comparison
region = "Tây Nguyên"  # a GSO region (Vietnamese name, as in the registry)
province = "Quảng Nam"  # a province (any spelling) for the rate and count example
new_province = "Tuyên Quang"  # a province of the 34 (since 1 July 2025)
survey_year = 2023  # year for the survey-versus-review comparison
n_households = 400  # size of the synthetic sample of the last section
seed = 2021  # seed of the synthetic sample

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from study import load
from study.analysis import standard, teaching
from study.present import standard_text
from study.present import teaching as show
from study.present.i18n import fmt_count, fmt_list, fmt_number, fmt_pct, t
from study.registry import provinces

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)


def say(key, **values):
    """Show a text of the catalogue (section [teaching]) in the notebook's language."""
    display(Markdown(t(lang, f"teaching.{key}", **values)))


say("n2_intro", traps=show.bullets(t(lang, f"teaching.n2_trap_{i}") for i in range(1, 7)))

# %%
say("h_n2_what")
say("n2_what")

# %%
# NBVAL_IGNORE_OUTPUT

panel = load.poverty_panel()
review = load.poverty_review()
aggregates = load.aggregates()
survey = load.gso_survey()
sources = load.table("poverty_review_sources")
say(
    "n2_what_counts",
    rows=fmt_count(len(panel), lang),
    provinces=panel["province_code"].nunique(),
    first=int(panel["year"].min()),
    last=int(panel["year"].max()),
    values=fmt_count(len(review), lang),
    sources=fmt_count(review["source_url"].nunique(), lang),
    aggregates=fmt_count(len(aggregates), lang),
    survey=fmt_count(len(survey), lang),
)

# %%
say("h_n2_trap", n=1, title=t(lang, "teaching.n2_trap_1"))
say("n2_rates")
# an invented pair of provinces, to see the point without any data
example = pd.DataFrame(
    {
        "province": [t(lang, "teaching.v_small_high"), t(lang, "teaching.v_large_low")],
        "poor_households": [6000, 9000],
        "poor_rate_pct": [20.0, 1.5],
    }
)
example["implied_households"] = [
    round(teaching.implied_total(c, r))
    for c, r in zip(example["poor_households"], example["poor_rate_pct"], strict=True)
]
show.labelled(example, lang)

# %%
# NBVAL_IGNORE_OUTPUT

rows = load.poverty_panel(province)
name = provinces.resolve(province).name_vi
if rows.empty:
    say("n2_no_rows", province=name)
else:
    columns = ["year", "poor_households", "poor_rate_pct", "households", "households_from"]
    say("n2_province_rows", province=name)
    display(show.labelled(teaching.with_totals(rows)[columns], lang))

# %%
say("h_n2_trap", n=2, title=t(lang, "teaching.n2_trap_2"))
say("n2_points")
say(
    "n2_points_examples",
    text=show.bullets(
        [
            show.describe_change(20.0, 16.0, t(lang, "teaching.v_invented_high"), lang),
            show.describe_change(2.0, 1.0, t(lang, "teaching.v_invented_low"), lang),
        ]
    ),
)

# %%
# NBVAL_IGNORE_OUTPUT

rates = rows.dropna(subset=["poor_rate_pct"]).sort_values("year")
if len(rates) >= 2:
    start, end = rates.iloc[0], rates.iloc[-1]
    sentence = show.describe_change(start["poor_rate_pct"], end["poor_rate_pct"], t(lang, "teaching.v_poor_rate"), lang)
    say("n2_points_province", province=name, first=int(start["year"]), last=int(end["year"]), sentence=sentence)
else:
    say("n2_points_missing", province=name)

# %%
say("h_n2_trap", n=3, title=t(lang, "teaching.n2_trap_3"))
say("n2_mean")
invented = pd.DataFrame(
    {"province": ["A", "B", "C"], "poor_households": [3000, 2000, 1000], "poor_rate_pct": [30.0, 2.0, 1.0]}
)
result = teaching.mean_vs_weighted(invented)
say(
    "n2_mean_invented",
    plain=fmt_pct(round(result["plain_mean_pct"], 2), lang),
    weighted=fmt_pct(round(result["weighted_pct"], 2), lang),
)

# %%
# NBVAL_IGNORE_OUTPUT

in_region = [u.code for u in provinces.units("63") if u.region == region]
rows_region = panel[(panel["year"] == year) & panel["province_code"].isin(in_region)]
result = teaching.mean_vs_weighted(rows_region)
say(
    "n2_mean_region",
    region=region,
    year=year,
    provinces=len(in_region),
    with_rows=len(rows_region),
    usable=result["rows"],
)
if result["rows"]:
    say(
        "n2_mean_region_figures",
        plain=fmt_pct(round(result["plain_mean_pct"], 2), lang),
        weighted=fmt_pct(round(result["weighted_pct"], 2), lang),
    )
published = aggregates[
    (aggregates["level"] == "region")
    & (aggregates["area"] == region)
    & (aggregates["year"] == year)
    & (aggregates["standard"] == "nd07_2021")
    & aggregates["poor_rate_pct"].notna()
]
if len(published):
    values = fmt_list([fmt_pct(v, lang) for v in sorted(set(published["poor_rate_pct"].astype(float)))], lang)
    say("n2_mean_published", values=values)
else:
    say("n2_mean_no_published")
if result["rows"] < len(in_region):
    say("n2_mean_incomplete")

# %%
say("h_n2_trap", n=4, title=t(lang, "teaching.n2_trap_4"))
say("n2_merger")
members = teaching.merger_members(new_province)
say("n2_merger_members", province=provinces.resolve(new_province, "34").name_vi)
show.labelled(members, lang)

# %%
summary = teaching.merger_summary()
say(
    "n2_merger_summary",
    units=len(summary),
    unchanged=int((summary["units_63"] == 1).sum()),
    most=int(summary["units_63"].max()),
)
show.labelled(summary.head(6), lang)

# %%
say("n2_codes")
show.labelled(teaching.reused_codes(), lang)

# %%
crosswalk = load.crosswalk()
new_code = provinces.resolve(new_province, "34").code
show.labelled(crosswalk.loc[crosswalk["code_34"] == new_code, ["code_63", "name_63", "code_34", "name_34"]], lang)

# %%
say("h_n2_trap", n=5, title=t(lang, "teaching.n2_trap_5"))
say("n2_survey")

# %%
# NBVAL_IGNORE_OUTPUT

both = teaching.review_vs_survey(panel, survey, survey_year)
if both.empty:
    say("n2_survey_none", year=survey_year)
else:
    say(
        "n2_survey_both",
        year=survey_year,
        n=len(both),
        higher=int((both["difference_pp"] > 0).sum()),
        lower=int((both["difference_pp"] < 0).sum()),
    )
    display(show.labelled(both, lang))

# %%
say("h_n2_trap", n=6, title=t(lang, "teaching.n2_trap_6"))
say("n2_provincial")
show.provincial_lines(lang)

# %%
national = standard.load_standard("nd07_2021")
say(
    "n2_provincial_rules",
    text=show.bullets(
        f"**{standard.load_standard(code).label}**: {sentence}"
        for code in standard.available_standards(scope="provincial")
        for sentence in standard_text.sentences(standard.load_standard(code), lang)
    ),
)
say("n2_provincial_national", act=national.act, text=show.bullets(standard_text.sentences(national, lang)))

# %%
# NBVAL_IGNORE_OUTPUT

side_by_side = teaching.provincial_review(sources)
say(
    "n2_provincial_rows",
    n=int((side_by_side["standard_kind"] == "provincial").sum()),
    provinces=side_by_side["province"].nunique(),
)
display(show.labelled(side_by_side.drop(columns=["province_code"]), lang, missing="–"))
say("n2_provincial_sentences", text=show.bullets(show.provincial_sentences(side_by_side, lang)))

# %%
say("n2_provincial_why")

# %%
households = standard.synthetic_households(n_households, seed=seed, standard=national)
codes = ["qd59_2015", "nd07_2021", *standard.available_standards(scope="provincial")]
under = standard.income_line_shares(households, codes)
say("n2_provincial_sample", n=len(households), seed=seed)
fig, ax = plt.subplots(figsize=(8, 3.6))
national_bar = [standard.load_standard(code).province is None for code in under["standard"]]
ax.barh(under["label"], under["share_pct"], color=["#2166ac" if n else "#b2182b" for n in national_bar])
for position, value in enumerate(under["share_pct"]):
    ax.text(value + 0.5, position, fmt_pct(round(value, 1), lang), va="center", fontsize=8)
ax.invert_yaxis()
ax.set_xlabel(t(lang, "teaching.fig_under_line"))
ax.set_title(t(lang, "teaching.fig_under_line_title", n=len(households)))
fig.tight_layout()
plt.show()

# %%
dongnai = standard.load_standard("dongnai_2022_2025")
both_standards = standard.compare_standards(households, [national.code, dongnai.code])
moves = pd.crosstab(both_standards[national.code], both_standards[dongnai.code])
moves.index = [show.value_label(c, lang) for c in moves.index]
moves.columns = [show.value_label(c, lang) for c in moves.columns]
say(
    "n2_provincial_dongnai",
    national=national.label,
    province=dongnai.label,
    k=dongnai.min_deprivations,
    k_national=national.min_deprivations,
    ratio=fmt_number(dongnai.poverty_line["rural"] / national.poverty_line["rural"], lang, 2),
)
moves

# %%
say("n2_end")
