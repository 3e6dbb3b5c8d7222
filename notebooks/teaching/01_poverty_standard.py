# %% [markdown]
# # 1. The multidimensional poverty standard
#
# Vietnam classifies households as **poor**, **near-poor** or **middle-income** with a national
# standard that combines two things:
#
# * the household's **income per person per month**, compared with a line that differs between rural
#   and urban areas, and
# * its **deprivations**: the basic social services (grouped in *dimensions*) it lacks, measured by a
#   list of *indicators*.
#
# The 2022-2025 standard is set by Decree 07/2021/NĐ-CP; the 2016-2020 standard, still used for the
# review at the end of 2021, by Decision 59/2015/QĐ-TTg. This notebook reads both from the project's
# data tables (`data/raw/programme/`), where every number is stored with its legal basis and the page
# it was read from. Nothing below types a threshold by hand: every figure is printed from the data.
#
# The household sample used further down is **synthetic**: invented by a random generator for
# practice. It describes no real household or place.

# %% tags=["parameters"]
standard_code = "nd07_2021"   # the standard to explain: "nd07_2021" (2022-2025) or "qd59_2015" (2016-2020)
compare_with = "qd59_2015"    # the standard to compare with
n_households = 400            # size of the synthetic sample
seed = 2021                   # seed of the synthetic sample (same seed, same households)

# %%
import matplotlib.pyplot as plt
import pandas as pd

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)

from study.analysis import standard

std = standard.load_standard(standard_code)
old = standard.load_standard(compare_with)
print("explained here:", std.code, "-", std.legal_basis)

# %% [markdown]
# ## The rule
#
# The sentences below are generated from the data. Read the words *at or below* carefully: the legal
# text says "từ ... trở xuống", so a household whose income is exactly on the line counts as under it.
# Likewise "thiếu hụt từ 3 chỉ số trở lên" means *that many or more* deprivations, and "dưới" means
# *fewer than*.

# %%
for sentence in std.describe("en"):
    print("-", sentence)
print()
for sentence in std.describe("vi"):
    print("-", sentence)

# %%
std.thresholds()[["rule", "area", "value", "unit", "legal_basis"]]

# %% [markdown]
# ## Dimensions and indicators
#
# A household is *deprived* in an indicator when it falls short of the level the standard sets for
# it (for example, no member has health insurance). Only the number of deprivations enters the rule,
# not which ones.

# %%
print(f"{std.code}: {std.n_dimensions or len(std.dimensions)} dimensions, "
      f"{std.n_indicators or len(std.indicator_codes)} indicators; "
      f"poor needs at least {std.min_deprivations} deprivations")
std.indicators[["dimension_en", "indicator_code", "indicator_vi", "indicator_en"]]

# %% [markdown]
# ## The 2016-2020 standard, for comparison
#
# The earlier standard had lower lines, one dimension fewer, and a different shape: a household at or
# below its lower line was poor **on income alone**, whatever its deprivations; between the lower and
# the upper line the deprivations decided. The project could not verify the middle-income band of
# that standard from a stored source, so it is left out here (such households show as `not_poor`).

# %%
for sentence in old.describe("en"):
    print("-", sentence)
print(f"{old.code}: {old.n_dimensions} dimensions, {old.n_indicators} indicators "
      f"(counts as stated in the data)")

# %%
standard.lines_table(old, std)

# %% [markdown]
# ## Boundary cases
#
# The table below places households exactly on each income boundary of the standard and one VND above
# it, with one deprivation fewer than the minimum and with the minimum, in both areas, and classifies
# each under both standards. The incomes are computed from the lines, not typed.

# %%
cases = standard.boundary_cases(std)
cases[old.code] = standard.classify_households(cases, standard=old).astype(str)
cases.rename(columns={"category": std.code})

# %%
# the same exercise on the edges of the older standard
standard.boundary_cases(old)

# %%
# one household, step by step
income, area, k = std.multidimensional_line["rural"], "rural", std.min_deprivations
deprived_in = list(std.indicator_codes[:k])
fewer = deprived_in[:-1] if deprived_in else k - 1
print(f"income {standard.format_vnd(income)} per person per month, {area}, "
      f"deprived in: {', '.join(deprived_in) or f'{k} indicators'}")
print("->", standard.classify(income, area, deprived_in or k, standard=std))
print("with one deprivation fewer ->", standard.classify(income, area, fewer, standard=std))

# %%
# wrong input is refused with a message that says what is expected
try:
    standard.classify(1, "rural", ["internet"], standard=std)
except standard.StandardError as error:
    print("StandardError:", error)

# %% [markdown]
# ## A synthetic sample (invented households, for practice only)
#
# `standard.synthetic_households` draws incomes and deprivations at random. Each row has
# `synthetic = True`. The shares below say something about the generator, **nothing about Vietnam**.

# %%
households = standard.synthetic_households(n_households, seed=seed, standard=std)
households["category"] = standard.classify_households(households, standard=std)
assert households["synthetic"].all()
print(f"SYNTHETIC sample: {len(households)} invented households (seed {seed})")
households[["household_id", "area", "household_size", "income_per_person_month", "deprivations",
            "category", "synthetic"]].head(8)

# %%
counts = pd.crosstab(households["category"], households["area"], margins=True, margins_name="all")
counts

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
shares = pd.crosstab(households["area"], households["category"], normalize="index") * 100
shares.plot.barh(stacked=True, ax=left, colormap="viridis")
left.set_xlabel("share of households (%)")
left.set_title("SYNTHETIC households by category")
left.legend(title=None, fontsize=8, loc="lower right")
rural = households[households["area"] == "rural"]
for category, group in rural.groupby("category", observed=True):
    right.scatter(group["income_per_person_month"] / 1e6, group["deprivations"], s=12, label=category)
right.axvline(std.multidimensional_line["rural"] / 1e6, color="black", lw=1)
if std.middle_income_upper is not None:
    right.axvline(std.middle_income_upper["rural"] / 1e6, color="grey", lw=1, ls="--")
if std.income_only_line is not None:
    right.axvline(std.income_only_line["rural"] / 1e6, color="black", lw=1, ls="-.")
right.axhline(std.min_deprivations - 0.5, color="black", lw=0.8, ls=":")
right.set_xlabel("income per person per month (million VND)")
right.set_ylabel("deprivations")
right.set_title("SYNTHETIC rural households and the rule")
right.legend(fontsize=8)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The same synthetic households under the older standard
#
# The older lines are lower, so many households that are poor or near-poor under the 2022-2025
# standard fall above both older lines. This is why rates under the two standards cannot be put on
# one line: the review at the end of 2021 used the 2016-2020 standard, the later reviews the new one.

# %%
households["category_" + old.code] = standard.classify_households(households, standard=old)
pd.crosstab(households["category"], households["category_" + old.code],
            rownames=[std.code], colnames=[old.code])
