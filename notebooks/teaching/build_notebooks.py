"""Write and execute the teaching notebooks (the .ipynb files are generated from this script).

Usage (from the repository root)::

    .venv/bin/python notebooks/teaching/build_notebooks.py           # write and execute all
    .venv/bin/python notebooks/teaching/build_notebooks.py --no-run  # write without executing

The notebooks are stored with their outputs so that ``pytest --nbval notebooks/teaching`` can
compare a fresh run with them. Execution records no timings, so a re-run changes nothing unless an
output changes. Cells whose output depends on the growing provincial data carry the nbval marker
``# NBVAL_IGNORE_OUTPUT``: they must still run without error, but their printed figures may change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import nbformat

from study.execute.nbexec import execute_and_write

HERE = Path(__file__).resolve().parent
IGNORE = "# NBVAL_IGNORE_OUTPUT\n"

SETUP = """import matplotlib
import matplotlib.pyplot as plt
import pandas as pd

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 60)
plt.rcParams["figure.dpi"] = 72
plt.rcParams["figure.figsize"] = (8, 4)"""


def md(text: str):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text: str, tags=()):
    cell = nbformat.v4.new_code_cell(text.strip())
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


# ---------------------------------------------------------------------------------------------
# 01 the standard
# ---------------------------------------------------------------------------------------------
def notebook_01():
    return [
        md("""
# 1. The multidimensional poverty standard

Vietnam classifies households as **poor**, **near-poor** or **middle-income** with a national
standard that combines two things:

* the household's **income per person per month**, compared with a line that differs between rural
  and urban areas, and
* its **deprivations**: the basic social services (grouped in *dimensions*) it lacks, measured by a
  list of *indicators*.

The 2022-2025 standard is set by Decree 07/2021/NĐ-CP; the 2016-2020 standard, still used for the
review at the end of 2021, by Decision 59/2015/QĐ-TTg. This notebook reads both from the project's
data tables (`data/raw/programme/`), where every number is stored with its legal basis and the page
it was read from. Nothing below types a threshold by hand: every figure is printed from the data.

The household sample used further down is **synthetic**: invented by a random generator for
practice. It describes no real household or place.
"""),
        code("""
standard_code = "nd07_2021"   # the standard to explain: "nd07_2021" (2022-2025) or "qd59_2015" (2016-2020)
compare_with = "qd59_2015"    # the standard to compare with
n_households = 400            # size of the synthetic sample
seed = 2021                   # seed of the synthetic sample (same seed, same households)
""", tags=["parameters"]),
        code(SETUP + """

from study.analysis import standard

std = standard.load_standard(standard_code)
old = standard.load_standard(compare_with)
print("explained here:", std.code, "-", std.legal_basis)"""),
        md("""
## The rule

The sentences below are generated from the data. Read the words *at or below* carefully: the legal
text says "từ ... trở xuống", so a household whose income is exactly on the line counts as under it.
Likewise "thiếu hụt từ 3 chỉ số trở lên" means *that many or more* deprivations, and "dưới" means
*fewer than*.
"""),
        code("""
for sentence in std.describe("en"):
    print("-", sentence)
print()
for sentence in std.describe("vi"):
    print("-", sentence)"""),
        code("""
std.thresholds()[["rule", "area", "value", "unit", "legal_basis"]]"""),
        md("""
## Dimensions and indicators

A household is *deprived* in an indicator when it falls short of the level the standard sets for
it (for example, no member has health insurance). Only the number of deprivations enters the rule,
not which ones.
"""),
        code("""
print(f"{std.code}: {std.n_dimensions or len(std.dimensions)} dimensions, "
      f"{std.n_indicators or len(std.indicator_codes)} indicators; "
      f"poor needs at least {std.min_deprivations} deprivations")
std.indicators[["dimension_en", "indicator_code", "indicator_vi", "indicator_en"]]"""),
        md("""
## The 2016-2020 standard, for comparison

The earlier standard had lower lines, one dimension fewer, and a different shape: a household at or
below its lower line was poor **on income alone**, whatever its deprivations; between the lower and
the upper line the deprivations decided. The project could not verify the middle-income band of
that standard from a stored source, so it is left out here (such households show as `not_poor`).
"""),
        code("""
for sentence in old.describe("en"):
    print("-", sentence)
print(f"{old.code}: {old.n_dimensions} dimensions, {old.n_indicators} indicators "
      f"(counts as stated in the data)")"""),
        code("""
standard.lines_table(old, std)"""),
        md("""
## Boundary cases

The table below places households exactly on each income boundary of the standard and one VND above
it, with one deprivation fewer than the minimum and with the minimum, in both areas, and classifies
each under both standards. The incomes are computed from the lines, not typed.
"""),
        code("""
cases = standard.boundary_cases(std)
cases[old.code] = standard.classify_households(cases, standard=old).astype(str)
cases.rename(columns={"category": std.code})"""),
        code("""
# the same exercise on the edges of the older standard
standard.boundary_cases(old)"""),
        code("""
# one household, step by step
income, area, k = std.multidimensional_line["rural"], "rural", std.min_deprivations
deprived_in = list(std.indicator_codes[:k])
fewer = deprived_in[:-1] if deprived_in else k - 1
print(f"income {standard.format_vnd(income)} per person per month, {area}, "
      f"deprived in: {', '.join(deprived_in) or f'{k} indicators'}")
print("->", standard.classify(income, area, deprived_in or k, standard=std))
print("with one deprivation fewer ->", standard.classify(income, area, fewer, standard=std))"""),
        code("""
# wrong input is refused with a message that says what is expected
try:
    standard.classify(1, "rural", ["internet"], standard=std)
except standard.StandardError as error:
    print("StandardError:", error)"""),
        md("""
## A synthetic sample (invented households, for practice only)

`standard.synthetic_households` draws incomes and deprivations at random. Each row has
`synthetic = True`. The shares below say something about the generator, **nothing about Vietnam**.
"""),
        code("""
households = standard.synthetic_households(n_households, seed=seed, standard=std)
households["category"] = standard.classify_households(households, standard=std)
assert households["synthetic"].all()
print(f"SYNTHETIC sample: {len(households)} invented households (seed {seed})")
households[["household_id", "area", "household_size", "income_per_person_month", "deprivations",
            "category", "synthetic"]].head(8)"""),
        code("""
counts = pd.crosstab(households["category"], households["area"], margins=True, margins_name="all")
counts"""),
        code("""
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
plt.show()"""),
        md("""
## The same synthetic households under the older standard

The older lines are lower, so many households that are poor or near-poor under the 2022-2025
standard fall above both older lines. This is why rates under the two standards cannot be put on
one line: the review at the end of 2021 used the 2016-2020 standard, the later reviews the new one.
"""),
        code("""
households["category_" + old.code] = standard.classify_households(households, standard=old)
pd.crosstab(households["category"], households["category_" + old.code],
            rownames=[std.code], colnames=[old.code])"""),
    ]


# ---------------------------------------------------------------------------------------------
# 02 reading the data
# ---------------------------------------------------------------------------------------------
def notebook_02():
    return [
        md("""
# 2. Reading the provincial data

The study's figures come from the annual reviews of poor and near-poor households that each
province reports, from national and regional totals, and from a survey of the General Statistics
Office (GSO). This notebook shows how to read them with `study.load`, and five traps to avoid:

1. rates and counts answer different questions;
2. a change in **percentage points** is not a change in **percent**;
3. the plain mean of provincial rates is not the rate of the region;
4. since 1 July 2025 there are 34 provinces, not 63, and some codes changed meaning;
5. the GSO survey and the Ministry review are different measures.

The provincial tables are still being filled in. Cells marked `# NBVAL_IGNORE_OUTPUT` print figures
from them; their output may change when rows are added, and when a figure is missing the notebook
says so instead of guessing.
"""),
        code("""
year = 2022                   # review year for the regional comparison
region = "Tây Nguyên"         # a GSO region (Vietnamese name, as in the registry)
province = "Quảng Nam"        # a province (any spelling) for the rate and count example
new_province = "Tuyên Quang"  # a province of the 34 (since 1 July 2025)
survey_year = 2023            # year for the survey-versus-review comparison
""", tags=["parameters"]),
        code(SETUP + """

from study import load
from study.analysis import teaching
from study.registry import provinces"""),
        md("""
## What is there

`load.poverty_panel()` gives one row per province and year under the 2022-2025 standard;
`load.poverty_review()` the same figures in long form, with their sources; `load.aggregates()`
national and regional totals; `load.gso_survey()` the GSO series.
"""),
        code(IGNORE + """
panel = load.poverty_panel()
review = load.poverty_review()
aggregates = load.aggregates()
survey = load.gso_survey()
print(f"poverty_panel: {len(panel)} province-years, {panel['province_code'].nunique()} provinces of 63, "
      f"years {panel['year'].min()}-{panel['year'].max()}")
print(f"poverty_review: {len(review)} values from {review['source_url'].nunique()} sources")
print(f"aggregates: {len(aggregates)} rows; gso_survey: {len(survey)} rows")"""),
        md("""
## 1. Rates and counts

A **rate** (`poor_rate_pct`) says how common poverty is in a province; a **count**
(`poor_households`) says how many households a programme has to reach. A large province with a low
rate can have more poor households than a small province with a high rate. When a source gives both,
they imply the number of households (count divided by rate); the rates are rounded, so that total
is approximate.
"""),
        code("""
# an invented pair of provinces, to see the point without any data
example = pd.DataFrame({"province": ["small, high rate", "large, low rate"],
                        "poor_households": [6000, 9000], "poor_rate_pct": [20.0, 1.5]})
example["implied_households"] = [round(teaching.implied_total(c, r))
                                 for c, r in zip(example["poor_households"], example["poor_rate_pct"])]
example"""),
        code(IGNORE + """
rows = load.poverty_panel(province)
name = provinces.resolve(province).name_vi
if rows.empty:
    print(f"No review figures for {name} yet.")
else:
    columns = ["year", "poor_households", "poor_rate_pct", "households", "households_from"]
    table = teaching.with_totals(rows)[columns]
    print(f"{name}: review figures under the 2022-2025 standard")
    print(table.to_string(index=False))"""),
        md("""
## 2. Percentage points and percent

When a rate falls from one value to another, say both how many **percentage points** it fell
(the difference) and by how many **percent** (the difference relative to where it started). The
programme's national target is written in points per year. A province that starts high can cut many
points and still a small percent; one that starts low does the reverse.
"""),
        code("""
print(teaching.describe_change(20.0, 16.0, "an invented high rate"))
print(teaching.describe_change(2.0, 1.0, "an invented low rate"))"""),
        code(IGNORE + """
rates = rows.dropna(subset=["poor_rate_pct"]).sort_values("year")
if len(rates) >= 2:
    first, last = rates.iloc[0], rates.iloc[-1]
    sentence = teaching.describe_change(first["poor_rate_pct"], last["poor_rate_pct"],
                                        "the poor-household rate")
    print(f"{name}, {first['year']} to {last['year']}: {sentence}")
else:
    print(f"{name}: fewer than two years with a rate, so no change can be computed yet.")"""),
        md("""
## 3. A mean of rates is not the rate of a region

The rate of a region is its poor households divided by its households. The plain mean of its
provinces' rates gives a small province the same weight as a large one. When small provinces are
poorer, the plain mean overstates the regional rate. The invented region below shows it; the next
cell repeats it on the real rows of one region and year, using only the provinces for which both a
rate and a number of households (given or implied) exist.
"""),
        code("""
invented = pd.DataFrame({"province": ["A", "B", "C"], "poor_households": [3000, 2000, 1000],
                         "poor_rate_pct": [30.0, 2.0, 1.0]})
result = teaching.mean_vs_weighted(invented)
print(f"invented region: plain mean {result['plain_mean_pct']:.2f}%, "
      f"household-weighted {result['weighted_pct']:.2f}%")"""),
        code(IGNORE + """
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
          "so neither figure is the regional rate itself.")"""),
        md("""
## 4. The 2025 merger: 63 provinces became 34

The statistics of 2021-2024 describe the 63 provinces in force until 30 June 2025. Since 1 July 2025
there are 34. A figure for a new province is not comparable with the old figure of the province
whose name it kept: it covers more land and more households. To compare over time, add up the old
provinces (counts, then divide) instead of averaging their rates.
"""),
        code("""
members = teaching.merger_members(new_province)
print(f"{provinces.resolve(new_province, '34').name_vi} (34 units) is made of:")
members"""),
        code("""
summary = teaching.merger_summary()
print(f"{len(summary)} new units; {(summary['units_63'] == 1).sum()} kept their territory unchanged; "
      f"the others absorb up to {summary['units_63'].max()} old units")
summary.head(6)"""),
        md("""
Codes changed meaning too. The same two-digit code can name one province among the 63 and another
among the 34, so `study.registry.provinces` never takes a code without saying which set of units it means.
"""),
        code("""
teaching.reused_codes()"""),
        code("""
crosswalk = load.crosswalk()
new_code = provinces.resolve(new_province, "34").code
crosswalk.loc[crosswalk["code_34"] == new_code, ["code_63", "name_63", "code_34", "name_34"]]"""),
        md("""
## 5. The GSO survey and the Ministry review are different measures

The review counts the households that communes identify, household by household, against the
standard. The GSO figure is estimated from a sample survey. The two are published for the same
provinces and years and carry similar names, but they are not the same number and should never be
mixed in one series. The study keeps them in separate tables.
"""),
        code(IGNORE + """
both = teaching.review_vs_survey(panel, survey, survey_year)
if both.empty:
    print(f"No province has both a review rate and a GSO survey rate for {survey_year} yet.")
else:
    print(f"{survey_year}: {len(both)} provinces with both figures; the survey is higher in "
          f"{(both['difference_pp'] > 0).sum()} and lower in {(both['difference_pp'] < 0).sum()}")
    print(both.to_string(index=False))"""),
    ]


# ---------------------------------------------------------------------------------------------
# 03 exercise and solutions
# ---------------------------------------------------------------------------------------------
PARAMS_03 = """
provinces_to_compare = ["Kon Tum", "Gia Lai", "Quảng Nam", "Lạng Sơn"]  # any spellings, 63-unit names
year_from = 2022   # first year of the comparison
year_to = 2024     # last year of the comparison
"""

READ_PARAMS_03 = """
# papermill may pass the list as text ("Kon Tum, Gia Lai"): accept both
if isinstance(provinces_to_compare, str):
    provinces_to_compare = [name.strip() for name in provinces_to_compare.split(",") if name.strip()]
year_from, year_to = int(year_from), int(year_to)
"""

QUESTIONS = [
    ("Q1. Which figures exist?",
     "For each province in `provinces_to_compare`, list the years from `year_from` to `year_to` that "
     "have a poor-household rate under the 2022-2025 standard (`load.poverty_panel`). Which are missing?"),
    ("Q2. Points and percent.",
     "For each province, take the first and the last year with a rate in that period and compute the "
     "change in percentage points and in percent (`teaching.pp_change`, `teaching.percent_change`). "
     "Why can a province not be compared when it has only one year?"),
    ("Q3. Rankings.",
     "Rank the provinces by the fall in points and by the fall in percent. Do the two rankings agree? "
     "Which province looks best on each, and why?"),
    ("Q4. Per year.",
     "The periods differ between provinces. Divide each change in points by the number of years it "
     "covers. Which provinces meet a reduction target written in points per year? (Read the national "
     "target from `load.table(\"programme_targets\")` rather than typing it.)"),
    ("Q5. The group as a whole.",
     "For the last year in which at least two of the provinces have a rate, compare the plain mean of "
     "their rates with the household-weighted rate (`teaching.mean_vs_weighted`). Which is the rate of "
     "the group?"),
    ("Q6. After the merger.",
     "Which unit of the 34 does each province belong to since 1 July 2025 (`provinces.successor`)? What "
     "would you need to compute a rate for that new unit for an earlier year?"),
    ("Q7. Two measures.",
     "For the provinces with a GSO survey rate, compare it with the review rate of the same year "
     "(`teaching.review_vs_survey`). Why should the two not be joined into one series?"),
    ("Q8. The standard.",
     "A rural household has an income exactly on the poverty line of the 2022-2025 standard and is "
     "deprived in health insurance and housing quality. Classify it with `standard.classify`, then add "
     "one more deprivation, then classify it under the 2016-2020 standard. Explain the three answers."),
]

SOLUTIONS = [
    IGNORE + """
units = [provinces.resolve(name) for name in provinces_to_compare]
codes = [u.code for u in units]
panel = load.poverty_panel()
period = panel[panel["province_code"].isin(codes) & panel["year"].between(year_from, year_to)]
years = list(range(year_from, year_to + 1))
for unit in units:
    mine = (period["province_code"] == unit.code) & period["poor_rate_pct"].notna()
    have = sorted(period.loc[mine, "year"])
    missing = [y for y in years if y not in have]
    print(f"{unit.name_vi}: rate for {[int(y) for y in have] or 'no year'}; missing {missing or 'none'}")""",
    IGNORE + """
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
changes""",
    IGNORE + """
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
              "low-rate provinces more percent.")""",
    IGNORE + """
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
        print("No national target in the programme table.")""",
    IGNORE + """
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
    print("The weighted figure is the rate of the group: poor households over all households.")""",
    """
for unit in units:
    new = provinces.successor(unit.code)
    partners = [u.name_vi for u in provinces.predecessors(new.code) if u.code != unit.code]
    print(f"{unit.name_vi} -> {new.name_vi} (code {new.code} among the 34), together with: "
          f"{', '.join(partners) or 'no other unit'}")
print()
print("For an earlier year, add up the poor households and the households of all the old units of a new")
print("unit and divide; averaging their rates would weight a small province like a large one.")""",
    IGNORE + """
survey = load.gso_survey()
both = teaching.review_vs_survey(panel[panel["province_code"].isin(codes)], survey, 2023)
if both.empty:
    print("None of these provinces has both a review rate and a GSO survey rate for 2023.")
else:
    print(both.to_string(index=False))
print("The review counts identified households; the survey estimates from a sample. Different measures.")""",
    """
from study.analysis import standard

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
      "or more deprivations; the older lines are lower, so the same household is above them.")""",
]


def notebook_03(solutions: bool):
    intro = """
# 3. Comparing provinces: {kind}

Compare the poverty reduction of a few provinces with the tools of notebooks 1 and 2. The data are
incomplete: say plainly when a figure is missing, and never fill a gap by guessing. Change the
parameters to compare other provinces or years.
"""
    cells = [
        md(intro.format(kind="solutions" if solutions else "exercise")),
        code(PARAMS_03, tags=["parameters"]),
        code(SETUP + "\n\nfrom study import load\nfrom study.analysis import standard, teaching\nfrom study.registry import provinces\n" + READ_PARAMS_03),
    ]
    for (title, text), answer in zip(QUESTIONS, SOLUTIONS, strict=True):
        cells.append(md(f"## {title}\n\n{text}"))
        cells.append(code(answer if solutions else "# your code here"))
    return cells


NOTEBOOKS = {
    "01_poverty_standard.ipynb": notebook_01,
    "02_reading_the_data.ipynb": notebook_02,
    "03_comparing_provinces_exercise.ipynb": lambda: notebook_03(False),
    "03_comparing_provinces_solutions.ipynb": lambda: notebook_03(True),
}


def make(name: str, run: bool = True) -> Path:
    """Write (and execute) one notebook; return its path."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = NOTEBOOKS[name]()
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"{Path(name).stem[:2]}-{index:02d}"
    return execute_and_write(nb, HERE / name, run=run)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="notebooks to make (default all)")
    parser.add_argument("--no-run", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    for name in args.names or list(NOTEBOOKS):
        print(f"{make(name, run=not args.no_run).name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
