# %% [markdown]
# # 2. Reading the provincial data
#
# The study's figures come from the annual reviews of poor and near-poor households that each
# province reports, from national and regional totals, and from a survey of the General Statistics
# Office (GSO). This notebook shows how to read them with `study.load`, and five traps to avoid:
#
# 1. rates and counts answer different questions;
# 2. a change in **percentage points** is not a change in **percent**;
# 3. the plain mean of provincial rates is not the rate of the region;
# 4. since 1 July 2025 there are 34 provinces, not 63, and some codes changed meaning;
# 5. the GSO survey and the Ministry review are different measures.
#
# The provincial tables are still being filled in. Cells marked `# NBVAL_IGNORE_OUTPUT` print figures
# from them; their output may change when rows are added, and when a figure is missing the notebook
# says so instead of guessing.

# %% tags=["parameters"]
year = 2022                   # review year for the regional comparison
region = "Tây Nguyên"         # a GSO region (Vietnamese name, as in the registry)
province = "Quảng Nam"        # a province (any spelling) for the rate and count example
new_province = "Tuyên Quang"  # a province of the 34 (since 1 July 2025)
survey_year = 2023            # year for the survey-versus-review comparison

# %%
import matplotlib.pyplot as plt
import pandas as pd

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)

from study import load
from study.analysis import teaching
from study.registry import provinces

# %% [markdown]
# ## What is there
#
# `load.poverty_panel()` gives one row per province and year under the 2022-2025 standard;
# `load.poverty_review()` the same figures in long form, with their sources; `load.aggregates()`
# national and regional totals; `load.gso_survey()` the GSO series.

# %%
# NBVAL_IGNORE_OUTPUT

panel = load.poverty_panel()
review = load.poverty_review()
aggregates = load.aggregates()
survey = load.gso_survey()
print(f"poverty_panel: {len(panel)} province-years, {panel['province_code'].nunique()} provinces of 63, "
      f"years {panel['year'].min()}-{panel['year'].max()}")
print(f"poverty_review: {len(review)} values from {review['source_url'].nunique()} sources")
print(f"aggregates: {len(aggregates)} rows; gso_survey: {len(survey)} rows")

# %% [markdown]
# ## 1. Rates and counts
#
# A **rate** (`poor_rate_pct`) says how common poverty is in a province; a **count**
# (`poor_households`) says how many households a programme has to reach. A large province with a low
# rate can have more poor households than a small province with a high rate. When a source gives both,
# they imply the number of households (count divided by rate); the rates are rounded, so that total
# is approximate.

# %%
# an invented pair of provinces, to see the point without any data
example = pd.DataFrame({"province": ["small, high rate", "large, low rate"],
                        "poor_households": [6000, 9000], "poor_rate_pct": [20.0, 1.5]})
example["implied_households"] = [round(teaching.implied_total(c, r))
                                 for c, r in zip(example["poor_households"], example["poor_rate_pct"], strict=True)]
example

# %%
# NBVAL_IGNORE_OUTPUT

rows = load.poverty_panel(province)
name = provinces.resolve(province).name_vi
if rows.empty:
    print(f"No review figures for {name} yet.")
else:
    columns = ["year", "poor_households", "poor_rate_pct", "households", "households_from"]
    table = teaching.with_totals(rows)[columns]
    print(f"{name}: review figures under the 2022-2025 standard")
    print(table.to_string(index=False))

# %% [markdown]
# ## 2. Percentage points and percent
#
# When a rate falls from one value to another, say both how many **percentage points** it fell
# (the difference) and by how many **percent** (the difference relative to where it started). The
# programme's national target is written in points per year. A province that starts high can cut many
# points and still a small percent; one that starts low does the reverse.

# %%
print(teaching.describe_change(20.0, 16.0, "an invented high rate"))
print(teaching.describe_change(2.0, 1.0, "an invented low rate"))

# %%
# NBVAL_IGNORE_OUTPUT

rates = rows.dropna(subset=["poor_rate_pct"]).sort_values("year")
if len(rates) >= 2:
    first, last = rates.iloc[0], rates.iloc[-1]
    sentence = teaching.describe_change(first["poor_rate_pct"], last["poor_rate_pct"],
                                        "the poor-household rate")
    print(f"{name}, {first['year']} to {last['year']}: {sentence}")
else:
    print(f"{name}: fewer than two years with a rate, so no change can be computed yet.")

# %% [markdown]
# ## 3. A mean of rates is not the rate of a region
#
# The rate of a region is its poor households divided by its households. The plain mean of its
# provinces' rates gives a small province the same weight as a large one. When small provinces are
# poorer, the plain mean overstates the regional rate. The invented region below shows it; the next
# cell repeats it on the real rows of one region and year, using only the provinces for which both a
# rate and a number of households (given or implied) exist.

# %%
invented = pd.DataFrame({"province": ["A", "B", "C"], "poor_households": [3000, 2000, 1000],
                         "poor_rate_pct": [30.0, 2.0, 1.0]})
result = teaching.mean_vs_weighted(invented)
print(f"invented region: plain mean {result['plain_mean_pct']:.2f}%, "
      f"household-weighted {result['weighted_pct']:.2f}%")

# %%
# NBVAL_IGNORE_OUTPUT

in_region = [u.code for u in provinces.units("63") if u.region == region]
rows_region = panel[(panel["year"] == year) & panel["province_code"].isin(in_region)]
result = teaching.mean_vs_weighted(rows_region)
print(f"{region}, {year}: {len(in_region)} provinces in the region, {len(rows_region)} with review rows, "
      f"{result['rows']} usable (rate and households)")
if result["rows"]:
    print(f"plain mean of their rates: {result['plain_mean_pct']:.2f}%")
    print(f"household-weighted rate of the same provinces: {result['weighted_pct']:.2f}%")
published = aggregates[(aggregates["level"] == "region") & (aggregates["area"] == region)
                       & (aggregates["year"] == year) & (aggregates["standard"] == "nd07_2021")
                       & aggregates["poor_rate_pct"].notna()]
if len(published):
    values = ", ".join(f"{v:g}%" for v in sorted(set(published["poor_rate_pct"].astype(float))))
    print(f"published regional rate (aggregates): {values}")
else:
    print("No published regional rate for this region and year in the aggregates table.")
if result["rows"] < len(in_region):
    print("Not every province of the region is in the data, "
          "so neither figure is the regional rate itself.")

# %% [markdown]
# ## 4. The 2025 merger: 63 provinces became 34
#
# The statistics of 2021-2024 describe the 63 provinces in force until 30 June 2025. Since 1 July 2025
# there are 34. A figure for a new province is not comparable with the old figure of the province
# whose name it kept: it covers more land and more households. To compare over time, add up the old
# provinces (counts, then divide) instead of averaging their rates.

# %%
members = teaching.merger_members(new_province)
print(f"{provinces.resolve(new_province, '34').name_vi} (34 units) is made of:")
members

# %%
summary = teaching.merger_summary()
print(f"{len(summary)} new units; {(summary['units_63'] == 1).sum()} kept their territory unchanged; "
      f"the others absorb up to {summary['units_63'].max()} old units")
summary.head(6)

# %% [markdown]
# Codes changed meaning too. The same two-digit code can name one province among the 63 and another
# among the 34, so `study.registry.provinces` never takes a code without saying which set of units it means.

# %%
teaching.reused_codes()

# %%
crosswalk = load.crosswalk()
new_code = provinces.resolve(new_province, "34").code
crosswalk.loc[crosswalk["code_34"] == new_code, ["code_63", "name_63", "code_34", "name_34"]]

# %% [markdown]
# ## 5. The GSO survey and the Ministry review are different measures
#
# The review counts the households that communes identify, household by household, against the
# standard. The GSO figure is estimated from a sample survey. The two are published for the same
# provinces and years and carry similar names, but they are not the same number and should never be
# mixed in one series. The study keeps them in separate tables.

# %%
# NBVAL_IGNORE_OUTPUT

both = teaching.review_vs_survey(panel, survey, survey_year)
if both.empty:
    print(f"No province has both a review rate and a GSO survey rate for {survey_year} yet.")
else:
    print(f"{survey_year}: {len(both)} provinces with both figures; the survey is higher in "
          f"{(both['difference_pp'] > 0).sum()} and lower in {(both['difference_pp'] < 0).sum()}")
    print(both.to_string(index=False))
