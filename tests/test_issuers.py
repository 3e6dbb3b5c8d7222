"""Issuers named in English by English-language sources read as Vietnamese readers know them on VI pages."""

from __future__ import annotations

import pandas as pd
import pytest

from study import load
from study.analysis.findings.sources import document_source, site_name
from study.present.issuers import issuer_label, publisher_label
from study.present.narrative import document_label
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
    assert "UBND tỉnh Hưng Yên" in _describe([source], "vi")
    assert "Hung Yen Provincial People's Committee" in _describe([source], "en")
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


ARTICLE = {
    "title": "Ninh Bình: Tỷ lệ hộ nghèo giảm còn 1,65%",
    "issuer": "UBND tỉnh Ninh Bình",
    "doc_date": "2022-01-05",
    "kind": "article",
    "source_url": "https://www.baodansinh.vn:443/ninh-binh-ty-le-ho-ngheo.htm",
    "source": "https://www.baodansinh.vn:443/ninh-binh-ty-le-ho-ngheo.htm",
}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_an_article_is_named_by_its_site_not_by_the_body_it_reports_on(lang):
    table = documents_table([ARTICLE], lang).to_string()
    assert "baodansinh.vn" in table and "UBND tỉnh Ninh Bình" not in table
    label = document_label(ARTICLE, lang)
    assert "baodansinh.vn" in label and "UBND" not in label


def test_a_text_on_the_issuers_own_portal_keeps_its_issuer_and_a_reported_plan_names_the_newspaper():
    portal = dict(
        ARTICLE, kind="plan", issuer="People's Committee of Ninh Binh province", source_url="https://ninhbinh.gov.vn/a"
    )
    assert publisher_label(portal, "vi") == "UBND tỉnh Ninh Bình"
    reported = dict(ARTICLE, kind="plan", source_url="https://tienphong.vn/bac-lieu-thi-dua.tpo")
    assert publisher_label(reported, "vi") == "tienphong.vn"
    assert publisher_label(dict(ARTICLE, source_url="", source="seed.txt"), "vi") == "UBND tỉnh Ninh Bình"
    # Quảng Ngãi btb19: an English page of the provincial portal with no issuer coded names the portal
    no_issuer = dict(ARTICLE, issuer="", source_url="https://quangngai.gov.vn/en/rate-of-poor-households.html")
    assert publisher_label(no_issuer, "en") == "quangngai.gov.vn"


def test_sources_under_document_figures_name_the_site_of_an_article():
    documents = pd.DataFrame([dict(ARTICLE, doc_id="dbsh13")])
    fact = {"fact_id": "dbsh13-f01", "doc_id": "dbsh13", "evidence": "giảm còn 1,65%", "source": ARTICLE["source"]}
    source = document_source(fact, documents)
    assert source.publisher == "baodansinh.vn"
    assert "UBND" not in _describe([source], "vi")


def test_every_text_read_outside_a_government_portal_is_named_by_its_site():
    docs = load.documents().to_dict("records")
    online = [d for d in docs if str(d.get("source_url") or d.get("source") or "").startswith("http")]
    assert len(online) > 150  # only the seed files (no URL) have no site
    for d in online:
        site = site_name(d.get("source_url") or d["source"])
        expected = d["issuer"] if site.endswith(".gov.vn") else site
        if site.endswith(".gov.vn") and not (isinstance(expected, str) and expected):
            expected = site  # a portal page with no issuer coded is named by the portal
        assert publisher_label(d, "en") == expected, d["doc_id"]
