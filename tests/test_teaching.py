"""Tests of study.teaching: points and percent, implied totals, weighted rates, the 2025 merger."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from study.analysis import teaching
from study.registry import provinces


def test_points_and_percent():
    assert teaching.pp_change(4.0, 3.0) == pytest.approx(-1.0)
    assert teaching.percent_change(4.0, 3.0) == pytest.approx(-25.0)
    assert teaching.percent_change(2.0, 3.0) == pytest.approx(50.0)
    with pytest.raises(ValueError, match="undefined"):
        teaching.percent_change(0, 1)
    with pytest.raises(ValueError, match="missing"):
        teaching.pp_change(None, 1)


def test_rate_and_implied_total():
    assert teaching.rate_pct(25, 1000) == pytest.approx(2.5)
    assert teaching.implied_total(25, 2.5) == pytest.approx(1000)
    with pytest.raises(ValueError):
        teaching.rate_pct(1, 0)
    with pytest.raises(ValueError):
        teaching.implied_total(1, 0)


def test_describe_change():
    assert teaching.describe_change(4.0, 3.0) == (
        "the rate went from 4.00% to 3.00%: down 1.00 percentage points, a relative fall of 25.0%")
    assert "up 0.50 percentage points" in teaching.describe_change(1.0, 1.5)
    assert teaching.describe_change(2.0, 2.0).endswith("no change")
    assert "relative" not in teaching.describe_change(0.0, 1.0)


def _three_provinces():
    # an invented region: a small poor province and a large less poor one
    return pd.DataFrame({"province": ["A", "B", "C"], "poor_households": [300, 1000, None],
                         "poor_rate_pct": [30.0, 1.0, 5.0], "total_households": [1000, None, None]})


def test_with_totals_marks_where_the_total_comes_from():
    table = teaching.with_totals(_three_provinces())
    assert list(table["households_from"]) == ["given", "implied", "missing"]
    assert table["households"].iloc[1] == pytest.approx(100_000)


def test_mean_vs_weighted():
    result = teaching.mean_vs_weighted(_three_provinces())
    assert result["rows"] == 2 and result["rows_left_out"] == 1
    assert result["plain_mean_pct"] == pytest.approx(15.5)
    assert result["weighted_pct"] == pytest.approx(1300 / 101_000 * 100)
    assert result["difference_pp"] == pytest.approx(15.5 - 1300 / 101_000 * 100)
    empty = teaching.mean_vs_weighted(_three_provinces().iloc[2:])
    assert empty["rows"] == 0 and math.isnan(empty["weighted_pct"])


def test_merger_members_and_summary():
    members = teaching.merger_members("tuyen quang")
    assert set(members["name_63"]) == {"Tuyên Quang", "Hà Giang"}
    assert set(members["code_34"]) == {provinces.resolve("Tuyên Quang", "34").code}
    summary = teaching.merger_summary()
    assert len(summary) == 34 and summary["units_63"].sum() == 63
    assert summary["units_63"].is_monotonic_decreasing


def test_reused_codes():
    reused = teaching.reused_codes()
    row = reused[reused["code"] == "80"].iloc[0]
    assert row["among_the_63"] == "Long An" and row["among_the_34"] == "Tây Ninh"


def test_review_vs_survey():
    review = pd.DataFrame({"province_code": ["01", "02", "04"], "province": ["X", "Y", "Z"],
                           "year": [2023, 2023, 2022], "poor_rate_pct": [1.0, 30.0, 5.0]})
    survey = pd.DataFrame({"province_code": ["01", "02", "04", None], "year": [2023, 2023, 2023, 2023],
                           "level": ["province", "province", "province", "national"],
                           "series": ["gso_multidimensional_survey"] * 4,
                           "poor_rate_pct": [1.5, 25.0, 4.0, 3.0]})
    out = teaching.review_vs_survey(review, survey, 2023)
    assert list(out["province_code"]) == ["01", "02"]
    assert list(out["difference_pp"]) == [0.5, -5.0]
