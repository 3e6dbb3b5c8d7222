"""The measures page in words: ties are named together, thin regions say so."""

from __future__ import annotations

import pandas as pd
import pytest

from study.present.i18n import t
from study.present.narrative.measures import FEW_DOCUMENTS, measures_sentences, with_ties
from study.schema import MEASURE_CODES


def _shares(rows: dict[str, tuple[dict[str, float], int]]) -> pd.DataFrame:
    """Regions x measure codes (0 where not given) plus ``documents``, as ``policy.by_region`` returns."""
    frame = pd.DataFrame(
        {region: {**dict.fromkeys(MEASURE_CODES, 0.0), **shares} for region, (shares, _) in rows.items()}
    ).T
    frame["documents"] = [n for _, n in rows.values()]
    return frame


# Invented shares in the shape of real regions: 9 of 21 documents (43%) for three measures at once.
TIED = _shares(
    {
        "Bắc Trung Bộ và duyên hải miền Trung": ({"P2": 9 / 21, "P3": 9 / 21, "P4": 9 / 21, "P1": 5 / 21}, 21),
        "Tây Nguyên": ({"P1": 4 / 6, "P2": 1 / 6}, 6),
        "Đồng bằng sông Hồng": ({"CREDIT": 12 / 20, "P2": 5 / 20}, 20),
    }
)


def _region_sentence(sentences, start: str) -> str:
    return next(s.text for s in sentences if s.text.startswith(start))


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_shared_first_place_names_every_measure_that_shares_it(lang):
    sentences = measures_sentences(TIED, n_documents=47, n_provinces=20, lang=lang)
    region = "North Central" if lang == "en" else "Bắc Trung Bộ"
    text = _region_sentence(sentences, region)
    assert "43%" in text
    assert ("tied" if lang == "en" else "ngang nhau") in text
    for code in ("P2", "P3", "P4"):
        assert t(lang, f"measure.{code}") in text, (code, text)
    # names hold commas themselves, so ties are separated by semicolons
    assert text.count(";") >= 2


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_single_leader_is_not_called_a_tie(lang):
    sentences = measures_sentences(TIED, n_documents=47, n_provinces=20, lang=lang)
    region = "Red River" if lang == "en" else "Đồng bằng sông Hồng"
    text = _region_sentence(sentences, region)
    assert "60%" in text
    assert "tied" not in text and "ngang nhau" not in text


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_region_on_few_documents_says_so(lang):
    assert TIED.loc["Tây Nguyên", "documents"] < FEW_DOCUMENTS
    sentences = measures_sentences(TIED, n_documents=47, n_provinces=20, lang=lang)
    text = _region_sentence(sentences, "Central Highlands" if lang == "en" else "Tây Nguyên")
    assert ("few documents" if lang == "en" else "ít văn bản") in text
    other = _region_sentence(sentences, "Red River" if lang == "en" else "Đồng bằng sông Hồng")
    assert "few documents" not in other and "ít văn bản" not in other


def test_with_ties_extends_the_cut_to_every_equal_share():
    share = {"a": 0.5, "b": 0.4, "c": 0.3, "d": 0.3, "e": 0.1}
    assert with_ties(["a", "b", "c", "d", "e"], share, 3) == ["a", "b", "c", "d"]
    assert with_ties(["a", "b", "c", "d", "e"], share, 2) == ["a", "b"]
    assert with_ties(["a", "b"], share, 3) == ["a", "b"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_most_named_list_keeps_ties_at_the_cut(lang):
    sentences = measures_sentences(TIED, n_documents=47, n_provinces=20, lang=lang)
    most = sentences[1].text
    # P3, P4 and P1 are tied at 9/47 (19%) behind P2 and CREDIT: all three are named
    for code in ("P2", "CREDIT", "P1", "P3", "P4"):
        assert t(lang, f"measure.{code}") in most, (code, most)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_printed_table_names_regions_in_the_page_language(lang):
    from study.present.tables import measures_table

    table = measures_table(TIED, lang)
    if lang == "en":
        assert "Red River Delta" in table.columns and "Đồng bằng sông Hồng" not in table.columns
    else:
        assert "Đồng bằng sông Hồng" in table.columns
    assert table.iloc[0].tolist() == [21, 6, 20]
    assert table.loc[t(lang, "measure.CREDIT")].tolist() == [0, 0, 60]
