"""What the province profile shows, gathered from the processed data (the notebook only displays it)."""

from __future__ import annotations

import pandas as pd

from study import load
from study.analysis import indicators
from study.present import narrative
from study.registry import provinces


def observed(province: str) -> pd.DataFrame:
    """Observed poor-household rates by year (review first, else a document's stated figure)."""
    code = provinces.resolve(province).code
    obs = indicators.observations(load.poverty_review(), load.facts())
    return indicators.best_by_year(obs[obs["province_code"] == code], "poor_rate_pct")


def estimates(province: str) -> pd.DataFrame:
    """Estimates of the poor-household rate stated in the province's documents."""
    facts = load.facts(province)
    f = facts[(facts["kind"] == "estimate") & (facts["indicator"] == "poor_rate_pct") & facts["value"].notna()]
    return pd.DataFrame({"year": f["year"].astype(int), "value": f["value"].astype(float),
                         "doc_id": f["doc_id"].astype(str)}).reset_index(drop=True)


def rate_targets(province: str) -> pd.DataFrame:
    """Province-wide poor-household-rate targets stated in the province's documents."""
    facts = load.facts(province)
    f = facts[(facts["kind"] == "target") & (facts["indicator"] == "poor_rate_pct") & facts["value"].notna()
              & (facts["scope"] == "province") & facts["year"].notna()]
    return pd.DataFrame({"year": f["year"].astype(int), "value": f["value"].astype(float),
                         "fact_id": f["fact_id"].astype(str)}).reset_index(drop=True)


def national() -> pd.DataFrame:
    """National poor-household rate by year (end-of-year reviews, Decree 07/2021)."""
    a = load.table("aggregate_series")
    a = a[(a["level"] == "national") & (a["indicator"] == "poor_rate_pct") & (a["standard"] == "nd07_2021")
          & (a["reference_point"] == "end_of_year")]
    return pd.DataFrame({"year": a["year"].astype(int), "value": a["value"].astype(float),
                         "source": a["source_url"].astype(str)}).reset_index(drop=True)


def regional(province: str) -> pd.DataFrame:
    """The poor-household rate of the province's GSO region by year (end-of-year reviews, Decree 07/2021)."""
    unit = provinces.resolve(province)
    a = load.table("aggregate_series")
    a = a[(a["level"] == "region") & (a["area"] == unit.region) & (a["indicator"] == "poor_rate_pct")
          & (a["standard"] == "nd07_2021") & (a["reference_point"] == "end_of_year")]
    return pd.DataFrame({"year": a["year"].astype(int), "value": a["value"].astype(float),
                         "source": a["source_url"].astype(str)}).reset_index(drop=True)


def official_table(province: str) -> pd.DataFrame:
    """The official review figures of a province, one row per year, with their reference points."""
    panel = load.poverty_panel(province)
    columns = ["year", "poor_households", "poor_rate_pct", "near_poor_households", "near_poor_rate_pct",
               "total_households", "poor_near_poor_rate_pct", "reference_points", "any_conflict"]
    return panel[columns].reset_index(drop=True)


def sources_table(province: str) -> pd.DataFrame:
    """Every review source row of a province (all standards and reference points)."""
    s = load.poverty_sources(province)
    columns = ["year", "standard", "reference_point", "source_type", "poor_households", "poor_rate_pct",
               "near_poor_households", "near_poor_rate_pct", "source_title", "source_url"]
    return s[columns].sort_values(["year", "standard", "reference_point", "source_url"]).reset_index(drop=True)


def documents_table(province: str) -> pd.DataFrame:
    """The province's coded documents."""
    d = load.documents(province)
    return d[["doc_id", "title", "locality", "issuer", "doc_date", "kind", "source"]].reset_index(drop=True)


def measures_table(province: str) -> pd.DataFrame:
    """Measure codes of the province's documents, with the evidence phrase."""
    from study.schema import MEASURE_LABELS

    m = load.measures(province)
    out = m[["doc_id", "measure_code", "evidence"]].copy()
    out.insert(2, "measure", out["measure_code"].map(MEASURE_LABELS))
    return out.reset_index(drop=True)


def merger_table(province: str) -> pd.DataFrame:
    """The unit of the 34 the province belongs to since 1 July 2025 and its other parts."""
    unit = provinces.resolve(province)
    new = provinces.successor(unit.code)
    parts = provinces.predecessors(new.code)
    return pd.DataFrame({"code_63": [p.code for p in parts], "province_63": [p.name_vi for p in parts],
                         "code_34": new.code, "province_34": new.name_vi})


def sentences(province: str, lang: str, year: int | None = None) -> list[str]:
    """The profile narrative (see :func:`study.present.narrative.profile_sentences`)."""
    return narrative.profile_sentences(province, lang, load.poverty_review(), load.facts(), load.documents(),
                                       load.measures(), load.table("aggregate_series"), year=year)


def provinces_with_data() -> list[str]:
    """Codes (63 regime) of provinces with a review figure or a coded document, sorted."""
    codes = set(load.poverty_panel()["province_code"]) | set(load.documents()["province_code"])
    return sorted(codes)
