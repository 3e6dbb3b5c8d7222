# %% [markdown] tags=["exercise-only"]
# # 3. Comparing provinces: exercise

# %% [markdown] tags=["solutions-only"]
# # 3. Comparing provinces: solutions

# %% [markdown]
# Compare the poverty reduction of a few provinces with the tools of notebooks 1 and 2. The data are
# incomplete: say plainly when a figure is missing, and never fill a gap by guessing. Change the
# parameters to compare other provinces or years.

# %% tags=["parameters"]
provinces_to_compare = ["Kon Tum", "Gia Lai", "Quảng Nam", "Lạng Sơn"]  # any spellings, 63-unit names
year_from = 2022   # first year of the comparison
year_to = 2024     # last year of the comparison

# %%
import matplotlib.pyplot as plt
import pandas as pd

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)

from study import load
from study.analysis import standard, teaching
from study.registry import provinces

# papermill may pass the list as text ("Kon Tum, Gia Lai"): accept both
if isinstance(provinces_to_compare, str):
    provinces_to_compare = [name.strip() for name in provinces_to_compare.split(",") if name.strip()]
year_from, year_to = int(year_from), int(year_to)

# %% [markdown]
# ## Q1. Which figures exist?
#
# For each province in `provinces_to_compare`, list the years from `year_from` to `year_to` that have a poor-household rate under the 2022-2025 standard (`load.poverty_panel`). Which are missing?

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

units = [provinces.resolve(name) for name in provinces_to_compare]
codes = [u.code for u in units]
panel = load.poverty_panel()
period = panel[panel["province_code"].isin(codes) & panel["year"].between(year_from, year_to)]
years = list(range(year_from, year_to + 1))
for unit in units:
    mine = (period["province_code"] == unit.code) & period["poor_rate_pct"].notna()
    have = sorted(period.loc[mine, "year"])
    missing = [y for y in years if y not in have]
    print(f"{unit.name_vi}: rate for {[int(y) for y in have] or 'no year'}; missing {missing or 'none'}")

# %% [markdown]
# ## Q2. Points and percent.
#
# For each province, take the first and the last year with a rate in that period and compute the change in percentage points and in percent (`teaching.pp_change`, `teaching.percent_change`). Why can a province not be compared when it has only one year?

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

rows = []
for unit in units:
    mine = (period["province_code"] == unit.code) & period["poor_rate_pct"].notna()
    rates = period[mine].sort_values("year")
    if len(rates) < 2:
        print(f"{unit.name_vi}: {len(rates)} year(s) with a rate - a change needs two, so it is left out")
        continue
    first, last = rates.iloc[0], rates.iloc[-1]
    before, after = float(first["poor_rate_pct"]), float(last["poor_rate_pct"])
    rows.append({"province": unit.name_vi, "from": int(first["year"]), "to": int(last["year"]),
                 "rate_from": before, "rate_to": after,
                 "change_pp": round(teaching.pp_change(before, after), 2),
                 "change_pct": round(teaching.percent_change(before, after), 1)})
columns = ["province", "from", "to", "rate_from", "rate_to", "change_pp", "change_pct"]
changes = pd.DataFrame(rows, columns=columns)
changes

# %% [markdown]
# ## Q3. Rankings.
#
# Rank the provinces by the fall in points and by the fall in percent. Do the two rankings agree? Which province looks best on each, and why?

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

if changes.empty:
    print("No province has two years with a rate in the period.")
else:
    ranked = changes.assign(rank_by_points=changes["change_pp"].rank(method="min").astype(int),
                            rank_by_percent=changes["change_pct"].rank(method="min").astype(int))
    columns = ["province", "change_pp", "rank_by_points", "change_pct", "rank_by_percent"]
    print(ranked[columns].to_string(index=False))
    if (ranked["rank_by_points"] == ranked["rank_by_percent"]).all():
        print("The rankings agree.")
    else:
        print("The rankings differ: high-rate provinces cut more points, "
              "low-rate provinces more percent.")

# %% [markdown]
# ## Q4. Per year.
#
# The periods differ between provinces. Divide each change in points by the number of years it covers. Which provinces meet a reduction target written in points per year? (Read the national target from `load.table("programme_targets")` rather than typing it.)

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

targets = load.table("programme_targets")
national = targets[(targets["indicator"] == "poor_rate_reduction_pp") & (targets["scope"] == "national")]
if changes.empty:
    print("No changes to compare.")
else:
    changes["years"] = changes["to"] - changes["from"]
    changes["pp_per_year"] = (changes["change_pp"] / changes["years"]).round(2)
    print(changes[["province", "from", "to", "pp_per_year"]].to_string(index=False))
    if len(national):
        row = national.iloc[0]
        low = row["value_min"] if pd.notna(row["value_min"]) else row["value"]
        print(f"national target: a reduction of at least {float(low):g} {row['unit']} ({row['legal_basis']})")
        meets = changes.loc[-changes["pp_per_year"] >= float(low), "province"].tolist()
        print("provinces at or above that pace:", ", ".join(meets) or "none")
    else:
        print("No national target in the programme table.")

# %% [markdown]
# ## Q5. The group as a whole.
#
# For the last year in which at least two of the provinces have a rate, compare the plain mean of their rates with the household-weighted rate (`teaching.mean_vs_weighted`). Which is the rate of the group?

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

with_rate = period[period["poor_rate_pct"].notna()]
counts = with_rate.groupby("year").size()
candidates = counts[counts >= 2]
if candidates.empty:
    print("No year with a rate for two or more of the provinces.")
else:
    last_year = int(candidates.index.max())
    result = teaching.mean_vs_weighted(with_rate[with_rate["year"] == last_year])
    print(f"{last_year}: {result['rows']} provinces usable, {result['rows_left_out']} left out")
    print(f"plain mean {result['plain_mean_pct']:.2f}%  vs  household-weighted {result['weighted_pct']:.2f}%")
    print("The weighted figure is the rate of the group: poor households over all households.")

# %% [markdown]
# ## Q6. After the merger.
#
# Which unit of the 34 does each province belong to since 1 July 2025 (`provinces.successor`)? What would you need to compute a rate for that new unit for an earlier year?

# %% tags=["solution"]
for unit in units:
    new = provinces.successor(unit.code)
    partners = [u.name_vi for u in provinces.predecessors(new.code) if u.code != unit.code]
    print(f"{unit.name_vi} -> {new.name_vi} (code {new.code} among the 34), together with: "
          f"{', '.join(partners) or 'no other unit'}")
print()
print("For an earlier year, add up the poor households and the households of all the old units of a new")
print("unit and divide; averaging their rates would weight a small province like a large one.")

# %% [markdown]
# ## Q7. Two measures.
#
# For the provinces with a GSO survey rate, compare it with the review rate of the same year (`teaching.review_vs_survey`). Why should the two not be joined into one series?

# %% tags=["solution"]
# NBVAL_IGNORE_OUTPUT

survey = load.gso_survey()
both = teaching.review_vs_survey(panel[panel["province_code"].isin(codes)], survey, 2023)
if both.empty:
    print("None of these provinces has both a review rate and a GSO survey rate for 2023.")
else:
    print(both.to_string(index=False))
print("The review counts identified households; the survey estimates from a sample. Different measures.")

# %% [markdown]
# ## Q8. The standard.
#
# A rural household has an income exactly on the poverty line of the 2022-2025 standard and is deprived in health insurance and housing quality. Classify it with `standard.classify`, then add one more deprivation, then classify it under the 2016-2020 standard. Explain the three answers.

# %% tags=["solution"]

std, old = standard.load_standard("nd07_2021"), standard.load_standard("qd59_2015")
income = std.poverty_line["rural"]
deprived = ["health_insurance", "housing_quality"]
print(f"income {standard.format_vnd(income)}, rural, deprived in {deprived}:",
      standard.classify(income, "rural", deprived, standard=std))
three = deprived + ["employment"]
print(f"with {three}:", standard.classify(income, "rural", three, standard=std))
print(f"under {old.code}, {len(deprived)} deprivations:",
      standard.classify(income, "rural", len(deprived), standard=old))
print("On the line counts as under it ('trở xuống'); poor needs", std.min_deprivations,
      "or more deprivations; the older lines are lower, so the same household is above them.")
