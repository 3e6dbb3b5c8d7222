"""Issuers named in English by English-language sources read as Vietnamese readers know them on VI pages."""

from __future__ import annotations

import pytest

from study.present.issuers import issuer_label
from study.present.sentences import Source, _describe
from study.present.tables import documents_table


@pytest.mark.parametrize(
    ("coded", "expected"),
    [
        ("People's Committee of Ninh Binh province", "UBND tỉnh Ninh Bình"),
        ("Hung Yen Provincial People's Committee", "UBND tỉnh Hưng Yên"),
        ("provincial People’s Committee (Cà Mau)", "UBND tỉnh Cà Mau"),
        ("Provincial People's Committee (Tuyen Quang)", "UBND tỉnh Tuyên Quang"),
        (
            "Department of Labour-Invalids and Social Affairs in Phu Yen",
            "Sở Lao động - Thương binh và Xã hội tỉnh Phú Yên",
        ),
        (
            "Department of Labor, War Invalids and Social Affairs (Binh Duong)",
            "Sở Lao động - Thương binh và Xã hội tỉnh Bình Dương",
        ),
        ("People's Committee of Can Tho", "UBND thành phố Cần Thơ"),
    ],
)
def test_english_provincial_bodies_are_named_in_vietnamese(coded, expected):
    assert issuer_label(coded, "vi") == expected
    assert issuer_label(coded, "en") == coded


@pytest.mark.parametrize(
    "coded",
    ["UBND tỉnh Lạng Sơn", "Báo Lạng Sơn", "People's Committee of Atlantis province", "Vietnam News Agency", ""],
)
def test_other_issuers_are_shown_as_coded(coded):
    assert issuer_label(coded, "vi") == coded


def test_source_notes_and_document_tables_use_the_vietnamese_name():
    source = Source(
        url="https://example.org/a", title="Hung Yen cuts poverty", publisher="Hung Yen Provincial People's Committee"
    )
    assert "UBND tỉnh Hưng Yên" in _describe(source, "vi")
    assert "Hung Yen Provincial People's Committee" in _describe(source, "en")
    table = documents_table(
        [
            {
                "title": "t",
                "issuer": "People's Committee of Ninh Binh province",
                "doc_date": "2023-01-02",
                "kind": "report",
            }
        ],
        "vi",
    )
    assert "UBND tỉnh Ninh Bình" in table.to_string()
