# %% [markdown]
# # 1. Chuẩn nghèo đa chiều / The multidimensional poverty standard
#
# Chọn ngôn ngữ bằng tham số `lang` ("vi" hoặc "en"). / Choose the language with the parameter `lang`.

# %% tags=["parameters"]
lang = "en"  # "en" or "vi"
standard_code = (
    "nd07_2021"  # the standard explained in detail: "nd07_2021" or "qd59_2015" (those with an indicator list)
)
standards_compared = ["qd59_2015", "nd07_2021", "national_2026_2030"]  # 2016-2020, 2022-2025, 2027-2030
n_households = 400  # size of the synthetic sample
seed = 2021  # seed of the synthetic sample (same seed, same households)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

from study.analysis import standard
from study.present import standard_text
from study.present import teaching as show
from study.present.i18n import fmt_date, fmt_list, fmt_pct, t

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)


def say(key, **values):
    """Show a text of the catalogue (section [teaching]) in the notebook's language."""
    display(Markdown(t(lang, f"teaching.{key}", **values)))


if isinstance(standards_compared, str):  # papermill may pass the list as text
    standards_compared = [code.strip() for code in standards_compared.split(",") if code.strip()]
std = standard.load_standard(standard_code)
compared = [standard.load_standard(code) for code in standards_compared]
old, new = standard.load_standard("qd59_2015"), standard.load_standard("national_2026_2030")
say("n1_intro")

# %%
say("h_n1_timeline", n=1)
say("n1_timeline", acts=fmt_list([s.act for s in compared], lang))
show.standards_overview(standards_compared, lang)

# %%
until = new.value("previous_standard_applies_until")
nd07 = standard.load_standard("nd07_2021")
say(
    "n1_timeline_2026",
    act=new.act,
    until=fmt_date(until, lang),
    old_act=nd07.act,
    old_period=nd07.period,
    period=new.period,
)

# %%
say("h_n1_rule", n=2, act=std.act, period=std.period)
say("n1_rule_words")
say("n1_rule", text=show.bullets(standard_text.sentences(std, lang)))
show.thresholds_display(std, lang, rules=("poverty_line", "middle_income_upper", "min_deprivations"))

# %%
say("h_n1_indicators", n=3)
say(
    "n1_indicators",
    act=std.act,
    dimensions=std.n_dimensions or len(std.dimensions),
    indicators=std.n_indicators or len(std.indicator_codes),
    k=std.min_deprivations,
)
show.indicator_display(std.indicators, lang)

# %%
amendment = standard.load_standard("nd07_2021")
workers = amendment.low_income_worker_upper
say("h_n1_amendment", n=4, act=amendment.value("amended_by"))
say(
    "n1_amendment",
    act=amendment.value("amended_by"),
    base=amendment.act,
    rural=show.money(workers["rural"], lang),
    urban=show.money(workers["urban"], lang),
)
show.thresholds_display(amendment, lang, rules=("low_income_worker_upper",))

# %%
say("h_n1_old", n=5, act=old.act, period=old.period)
say("n1_old", dimensions=old.n_dimensions, indicators=old.n_indicators)
say("n1_rule", text=show.bullets(standard_text.sentences(old, lang)))

# %%
say("h_n1_new", n=6, act=new.act, period=new.period)
say(
    "n1_new",
    act=new.act,
    until=fmt_date(until, lang),
    k=new.min_deprivations,
    old_period=nd07.period,
    missing=fmt_list([t(lang, f"teaching.missing_{m}") for m in new.missing], lang),
)
say("n1_rule", text=show.bullets(standard_text.sentences(new, lang)))

# %%
say("n1_new_lists")
partial = standard.indicator_table("national_2026_2030_partial")
show.indicator_display(partial, lang)

# %%
say("n1_new_draft")
show.indicator_display(standard.indicator_table("national_2026_2030_draft"), lang)

# %%
say("h_n1_lines", n=7)
say("n1_lines")
show.lines_display(standards_compared, lang)

# %%
say("h_n1_boundary", n=8)
say("n1_boundary", act=std.act)
cases = standard.boundary_cases(std)
cases[old.act] = standard.classify_households(cases, standard=old, undetermined="mark").astype(str)
show.labelled(cases.rename(columns={"category": std.act}), lang, categories=(std.act, old.act))

# %%
say("n1_boundary_new", act=new.act)
show.labelled(standard.boundary_cases(new), lang)

# %%
# one household, step by step
income, area, k = std.poverty_line["rural"], "rural", std.min_deprivations
deprived_in = list(std.indicator_codes[:k])
first = standard.classify(income, area, deprived_in, standard=std)
second = standard.classify(income, area, deprived_in[:-1], standard=std)
say(
    "n1_step",
    income=show.money(income, lang),
    area=show.value_label(area, lang),
    codes=fmt_list(show.indicator_names(std, deprived_in, lang), lang),
    first=show.value_label(first, lang),
    second=show.value_label(second, lang),
)
try:
    standard.classify(income, area, k - 1, standard=new)
except standard.NotSourcedError as error:
    say(
        "n1_step_new",
        act=new.act,
        known=t(lang, f"teaching.known_{error.known}"),
        missing=t(lang, f"teaching.missing_{error.rule}"),
    )

# %%
# wrong input is refused with a message that says what is expected (the program's message is in English)
try:
    standard.classify(1, "rural", ["internet"], standard=std)
except standard.StandardError as error:
    say("n1_refused", message=str(error))

# %%
say("h_n1_sample", n=9)
say("n1_sample")
households = standard.synthetic_households(n_households, seed=seed, standard=std)
households["category"] = standard.classify_households(households, standard=std)
assert households["synthetic"].all()
say("n1_sample_size", n=len(households), seed=seed)
show.labelled(
    households[
        ["household_id", "area", "household_size", "income_per_person_month", "deprivations", "category", "synthetic"]
    ].head(8),
    lang,
)

# %%
counts = pd.crosstab(households["category"], households["area"], margins=True, margins_name="total")
counts.index = [show.value_label(c, lang) for c in counts.index]
counts.columns = [show.value_label(c, lang) for c in counts.columns]
counts

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
by_area = pd.crosstab(households["area"], households["category"], normalize="index") * 100
by_area.index = [show.value_label(a, lang) for a in by_area.index]
by_area.columns = [show.value_label(c, lang) for c in by_area.columns]
by_area.plot.barh(stacked=True, ax=left, colormap="viridis")
left.set_xlabel(t(lang, "teaching.fig_share"))
left.set_title(t(lang, "teaching.fig_sample_title"))
left.legend(title=None, fontsize=8, loc="lower right")
rural = households[households["area"] == "rural"]
for category, group in rural.groupby("category", observed=True):
    right.scatter(
        group["income_per_person_month"] / 1e6, group["deprivations"], s=12, label=show.value_label(category, lang)
    )
right.axvline(std.multidimensional_line["rural"] / 1e6, color="black", lw=1)
if std.middle_income_upper is not None:
    right.axvline(std.middle_income_upper["rural"] / 1e6, color="grey", lw=1, ls="--")
if std.income_only_line is not None:
    right.axvline(std.income_only_line["rural"] / 1e6, color="black", lw=1, ls="-.")
right.axhline(std.min_deprivations - 0.5, color="black", lw=0.8, ls=":")
right.set_xlabel(t(lang, "teaching.fig_income_million"))
right.set_ylabel(t(lang, "teaching.fig_deprivations"))
right.set_title(t(lang, "teaching.fig_rural_title"))
right.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %%
say("h_n1_three", n=10)
say("n1_three", standards=fmt_list([s.label for s in compared], lang))
categories = standard.compare_standards(households, standards_compared)
table = standard.shares(categories).round(1)
table.index = [standard.load_standard(code).label for code in table.index]
show.labelled(table.rename(columns=lambda c: show.value_label(c, lang)), lang)

# %%
colours = {
    "poor": "#b2182b",
    "near_poor": "#ef8a62",
    "middle_income": "#67a9cf",
    "not_poor": "#2166ac",
    standard.UNDETERMINED: "#d9d9d9",
}
shares = standard.shares(categories)
fig, ax = plt.subplots(figsize=(9, 3.4))
handles = {}
for position, code in enumerate(shares.index):
    start = 0.0
    for category, value in shares.loc[code].items():
        if value > 0:
            bars = ax.barh(
                position,
                value,
                left=start,
                color=colours[category],
                edgecolor="white",
                hatch="//" if category == standard.UNDETERMINED else None,
            )
            handles.setdefault(category, bars)
            start += value
ax.set_yticks(range(len(shares)), [standard.load_standard(code).label for code in shares.index])
ax.invert_yaxis()
ax.set_xlabel(t(lang, "teaching.fig_share"))
ax.set_title(t(lang, "teaching.fig_three_title", n=len(households)))
ax.legend(
    list(handles.values()),
    [show.value_label(c, lang) for c in handles],
    fontsize=8,
    loc="upper center",
    bbox_to_anchor=(0.5, -0.22),
    ncol=3,
)
fig.tight_layout()
plt.show()

# %%
poor = {code: float(shares.loc[code].get("poor", 0.0)) for code in shares.index}
say(
    "n1_three_reading",
    text=show.bullets(
        t(lang, "teaching.n1_three_poor", standard=standard.load_standard(code).label, share=fmt_pct(round(v, 1), lang))
        for code, v in poor.items()
    ),
)
say("n1_three_undetermined", act=new.act)

# %%
say("n1_three_moves", old=std.label, new=new.label)
moves = pd.crosstab(categories[std.code], categories[new.code])
moves.index = [show.value_label(c, lang) for c in moves.index]
moves.columns = [show.value_label(c, lang) for c in moves.columns]
moves

# %%
say("n1_end")
