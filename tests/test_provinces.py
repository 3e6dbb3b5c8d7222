"""The province registry: spellings, regimes, crosswalk and errors."""

from __future__ import annotations

import csv
import unicodedata

import pytest

from study.registry import provinces
from study.registry.provinces import ProvinceNameError, resolve
from tests.conftest import RAW

OFFICIAL = list(csv.DictReader((RAW / "admin" / "provinces_63.csv").open(encoding="utf-8")))

SPELLINGS = [
    # (spelling, regime, expected code)
    ("lang son", "63", "20"),
    ("Lang Son", "63", "20"),
    ("lạng sơn", "63", "20"),
    ("LẠNG SƠN", "63", "20"),
    ("Tỉnh Lạng Sơn", "63", "20"),
    ("Thừa Thiên - Huế", "63", "46"),
    ("Thừa Thiên-Huế", "63", "46"),
    ("TT-Huế", "63", "46"),
    ("TT Huế", "63", "46"),
    ("thua thien hue", "63", "46"),
    ("Huế", "63", "46"),
    ("Hue", "63", "46"),
    ("Thành phố Huế", "63", "46"),
    ("TP. Hồ Chí Minh", "63", "79"),
    ("Thành phố Hồ Chí Minh", "63", "79"),
    ("HCM", "63", "79"),
    ("TPHCM", "63", "79"),
    ("tp.hcm", "63", "79"),
    ("Sài Gòn", "63", "79"),
    ("Ho Chi Minh City", "63", "79"),
    ("Hoà Bình", "63", "17"),
    ("Hòa Bình", "63", "17"),
    ("hoa binh", "63", "17"),
    ("Đắk Lắk", "63", "66"),
    ("Đăk Lăk", "63", "66"),
    ("Dak Lak", "63", "66"),
    ("Daklak", "63", "66"),
    ("Đắk Nông", "63", "67"),
    ("Đăk Nông", "63", "67"),
    ("Thanh Hoá", "63", "38"),
    ("Thanh Hóa", "63", "38"),
    ("Khánh Hoà", "63", "56"),
    ("Bà Rịa - Vũng Tàu", "63", "77"),
    ("Bà Rịa -Vũng Tàu", "63", "77"),
    ("Ba Ria Vung Tau", "63", "77"),
    ("BRVT", "63", "77"),
    ("Quản Bình", "63", "44"),
    ("Cần Thơn", "63", "92"),
    ("Kien Giang", "63", "91"),
    ("Bắc Cạn", "63", "06"),
    ("Kontum", "63", "62"),
    ("Hà Nội", "63", "01"),
    ("Hanoi", "63", "01"),
    ("thành phố Hà Nội", "63", "01"),
    ("Long An", "63", "80"),
    ("long-an", "63", "80"),
    ("Bắc Ninh", "63", "27"),
    ("Bắc Giang", "63", "24"),
    ("  Quảng   Nam ", "63", "49"),
    ("Quảng Ngãi", "63", "51"),
    ("Quang Ninh", "63", "22"),
    # the 34 units since 1 July 2025
    ("Huế", "34", "46"),
    ("Thừa Thiên Huế", "34", "46"),
    ("Tây Ninh", "34", "80"),
    ("Bắc Ninh", "34", "24"),
    ("Lào Cai", "34", "15"),
    ("Quảng Trị", "34", "44"),
    ("Gia Lai", "34", "52"),
    ("Đồng Tháp", "34", "82"),
    ("An Giang", "34", "91"),
    ("HCM", "34", "79"),
    ("Đăk Lăk", "34", "66"),
    ("lang son", "34", "20"),
    ("Hồ Chí Minh", "34", "79"),
    ("Cà Mau", "34", "96"),
    ("ca mau", "63", "96"),
    ("Tiền Giang", "63", "82"),
    ("Bạc Liêu", "63", "95"),
    ("Hải Phòng", "34", "31"),
    ("Hai Phong City", "63", "31"),
    ("Đà Nẵng", "34", "48"),
    ("Danang", "63", "48"),
    ("Cần Thơ", "34", "92"),
]


@pytest.mark.parametrize(("spelling", "regime", "code"), SPELLINGS)
def test_resolve_spellings(spelling, regime, code):
    assert resolve(spelling, regime=regime).code == code


@pytest.mark.parametrize(("spelling", "regime", "code"), SPELLINGS)
def test_resolve_spellings_in_nfd(spelling, regime, code):
    assert resolve(unicodedata.normalize("NFD", spelling), regime=regime).code == code


@pytest.mark.parametrize("row", OFFICIAL, ids=[r["code"] for r in OFFICIAL])
def test_every_official_name_resolves_in_nfd_and_ascii(row):
    nfd = unicodedata.normalize("NFD", row["name_vi"])
    assert nfd != row["name_vi"] or row["name_vi"].isascii()
    assert resolve(nfd).code == row["code"]
    assert resolve(row["name_ascii"].lower()).code == row["code"]


def test_spellings_cover_at_least_sixty():
    assert len(SPELLINGS) >= 60
    assert len({s for s, _, _ in SPELLINGS}) >= 55


def test_lang_son_code_is_20():
    assert resolve("lang son").code == "20"


def test_codes_carry_their_regime():
    assert provinces.get("80", "63").name_vi == "Long An"
    assert provinces.get("80", "34").name_vi == "Tây Ninh"
    assert provinces.get("24", "63").name_vi == "Bắc Giang"
    assert provinces.get("24", "34").name_vi == "Bắc Ninh"
    assert provinces.get(8, "63").name_vi == "Tuyên Quang"
    with pytest.raises(ProvinceNameError, match="regime"):
        provinces.get("80", "2025")
    with pytest.raises(ProvinceNameError, match="unknown province code '03'"):
        provinces.get("03", "63")


def test_crosswalk_counts_and_examples():
    pairs = provinces.crosswalk()
    assert len(pairs) == 63
    assert len({new.code for _, new in pairs}) == 34
    assert provinces.successor("80").name_vi == "Tây Ninh"
    assert provinces.successor("27").name_vi == "Bắc Ninh"
    assert provinces.successor("27").code == "24"
    assert [u.name_vi for u in provinces.predecessors("24")] == ["Bắc Giang", "Bắc Ninh"]
    assert sum(len(provinces.predecessors(u.code)) == 1 for u in provinces.units("34")) == 11


def test_units_of_both_regimes():
    assert len(provinces.units("63")) == 63
    assert len(provinces.units(34)) == 34
    regions = {u.region for u in provinces.units("63")}
    assert len(regions) == 6


def test_unknown_name_lists_candidates():
    with pytest.raises(ProvinceNameError) as info:
        resolve("Lang Sonn")
    assert "Lạng Sơn" in info.value.candidates
    assert "Closest names: Lạng Sơn" in str(info.value)


def test_ambiguous_abbreviation_is_rejected_with_candidates():
    with pytest.raises(ProvinceNameError, match="ambiguous") as info:
        resolve("QN")
    assert set(info.value.candidates) == {"Quảng Nam", "Quảng Ngãi", "Quảng Ninh"}


def test_old_name_in_new_regime_points_to_successor():
    with pytest.raises(ProvinceNameError, match="part of Tây Ninh") as info:
        resolve("Long An", regime="34")
    assert info.value.regime == "34"


def test_new_only_name_in_old_regime_points_to_new_regime():
    # "Huế" resolves in both; the 34-unit name "Tây Ninh" is also a 63 unit, so use a name only in 34
    with pytest.raises(ProvinceNameError, match="unknown province name"):
        resolve("Atlantis")


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
def test_empty_or_non_text_names(bad):
    with pytest.raises(ProvinceNameError):
        resolve(bad)


def test_unknown_regime():
    with pytest.raises(ProvinceNameError, match="expected '63'"):
        resolve("Lạng Sơn", regime="64")


def test_accent_folding_does_not_merge_two_units():
    for regime in ("63", "34"):
        keys = {}
        for unit in provinces.units(regime):
            keys.setdefault(provinces.name_key(unit.name_vi), []).append(unit.code)
        assert all(len(codes) == 1 for codes in keys.values())


def test_cli_resolves_every_name_and_reports_failures(capsys):
    from study import cli

    code = cli.main(["provinces", "lang son", "Lang Sonn", "TT-Huế"])
    captured = capsys.readouterr()
    assert code == 2
    assert "Lạng Sơn" in captured.out and "Thừa Thiên Huế" in captured.out
    assert "Closest names: Lạng Sơn" in captured.err
