"""Source titles on the pages: coders' bracketed notes said in the reader's language."""

from __future__ import annotations

import re

import pytest

from study.analysis.findings.data import Tables
from study.analysis.findings.profile import province_findings
from study.present import narrative, tables
from study.present.sentences import to_markdown
from study.present.titles import display_title

CODERS_ENGLISH = re.compile(r"URL slug|headline not in|stored (?:text|copy|excerpt)|translation|edition|search-listing")


@pytest.mark.parametrize(
    ("title", "vi", "en"),
    [
        (
            "Sơn La: từ chính sách giảm nghèo (Dân trí; title per URL slug)",
            "Sơn La: từ chính sách giảm nghèo (Dân trí; tiêu đề lấy từ đường dẫn)",
            "Sơn La: từ chính sách giảm nghèo (Dân trí; title taken from the web address)",
        ),
        (
            "Bringing new hope (Báo Điện Biên Phủ, English edition; title per URL slug)",
            "Bringing new hope (Báo Điện Biên Phủ; ấn bản tiếng Anh; tiêu đề lấy từ đường dẫn)",
            "Bringing new hope (Báo Điện Biên Phủ; English edition; title taken from the web address)",
        ),
        (
            "Vietnam.vn German translation of Báo Lâm Đồng 'Thu nhập bình quân đầu người' (title per URL slug)",
            "Thu nhập bình quân đầu người (bản dịch máy sang tiếng Đức; tiêu đề lấy từ đường dẫn)",
            "Thu nhập bình quân đầu người (machine translation into German; title taken from the web address)",
        ),
        (
            "(no headline in the stored excerpt; URL slug lang-son-phan-dau)",
            "Văn bản không có tiêu đề (đường dẫn: lang-son-phan-dau)",
            "Untitled text (web address: lang-son-phan-dau)",
        ),
        ("Kinh tế - xã hội tỉnh Nam Định (page 82)", "Kinh tế - xã hội tỉnh Nam Định (trang 82)", None),
        (
            "Quảng Ngãi (Sở LĐTBXH Quảng Nam, trang giảm nghèo)",
            "Quảng Ngãi (Sở LĐTBXH Quảng Nam, trang giảm nghèo)",
            None,
        ),
        ("Tiền Giang còn 1,6% hộ nghèo", "Tiền Giang còn 1,6% hộ nghèo", "Tiền Giang còn 1,6% hộ nghèo"),
    ],
)
def test_coders_notes_are_said_in_the_pages_language(title, vi, en):
    assert display_title(title, "vi") == vi
    if en is not None:
        assert display_title(title, "en") == en


def test_a_described_head_with_its_own_note_reads_in_vietnamese():
    title = (
        "Báo Dân tộc và Phát triển (chuyên trang Chương trình MTQG), item on Gia Lai's poverty plan; "
        "headline not in the stored excerpt (URL slug gia-lai-phan-dau-giam-ty-le-ho-ngheo)"
    )
    assert display_title(title, "vi") == "Bài viết của Báo Dân tộc và Phát triển (tiêu đề lấy từ đường dẫn)"
    cantho = (
        "Cổng thông tin điện tử thành phố Cần Thơ (media.cantho.gov.vn), article on the city's programme "
        "(headline not in the stored excerpt)"
    )
    assert (
        display_title(cantho, "vi")
        == "Bài viết của Cổng thông tin điện tử thành phố Cần Thơ (bản lưu không có tiêu đề)"
    )


def test_an_unknown_english_note_is_left_out_of_a_vietnamese_page_only():
    title = "Lao Cai: changes (Lào Cai external information portal, English)"
    assert display_title(title, "vi") == "Lao Cai: changes (ấn bản tiếng Anh)"
    assert "Báo Ninh Bình" in display_title("A (Báo Ninh Bình; search-listing page)", "vi")
    assert "repost of" not in display_title("B (Liên minh HTX Yên Bái, repost of Cổng TTĐT Yên Bái)", "vi")


@pytest.fixture(scope="module")
def loaded(real_processed):
    return Tables.load()


@pytest.mark.parametrize("province", ["Sơn La", "Điện Biên", "Lâm Đồng", "Quảng Ninh", "Cà Mau", "Ninh Bình"])
def test_vietnamese_profiles_print_no_coders_english_and_no_iso_dates(province, loaded):
    f = province_findings(province, loaded)
    text = to_markdown(narrative.profile_sentences(f, "vi"), "vi")
    assert not CODERS_ENGLISH.search(text), CODERS_ENGLISH.search(text)
    table = tables.documents_table(f.documents, "vi").to_string()
    assert not CODERS_ENGLISH.search(table)
    assert not re.search(r"\b20\d\d-\d\d(-\d\d)?\b", table)


def test_one_source_note_per_page_with_every_phrase_quoted():
    from study.analysis.findings.model import Source
    from study.present.sentences import Sentence

    url = "https://dantri.com.vn/lao-dong/so-ho-ngheo.htm"
    full = Source(
        url=url, title="Số hộ nghèo còn 7,89%", publisher="newspaper", date="2025-11-05", evidence="còn 7,89%"
    )
    second = Source(url=url.replace("https://", "http://www.") + "/", title="Số hộ nghèo còn 7,89%", evidence="21,66%")
    bare = Source(url=url)
    other = Source(url="https://baoyenbai.com.vn/12/345882/6-tinh.html", title="6 tỉnh không còn hộ nghèo")
    sentences = [Sentence("A.", (bare,)), Sentence("B.", (full, other)), Sentence("C.", (second,))]
    text = to_markdown(sentences, "en")
    notes = [line for line in text.splitlines() if re.match(r"\d+\. ", line)]
    assert len(notes) == 2  # the same page by another scheme, www. or a final slash is one note
    assert notes[0].count("](") == 1  # one link
    assert "newspaper" in notes[0] and "5 November 2025" in notes[0]  # the fullest description names it
    assert '"còn 7,89%"; "21,66%"' in notes[0]
    assert "- A. [1]" in text and "- B. [1] [2]" in text and "- C. [1]" in text


def test_a_resolution_read_in_a_newspaper_is_an_article_on_it():
    # Quảng Ninh n204: Nhân Dân's summary of an HĐND resolution, coded `resolution` by guide 1
    reported = {
        "title": "Quảng Ninh thông qua nghị quyết nâng mức chuẩn nghèo đa chiều",
        "issuer": "Hội đồng nhân dân tỉnh Quảng Ninh",
        "doc_date": "",
        "kind": "resolution",
        "source": "https://nhandan.vn/quang-ninh-thong-qua-nghi-quyet-post745473.html",
    }
    portal = dict(reported, source="https://quangninh.gov.vn/nghi-quyet.html")
    table = tables.documents_table([reported, portal], "vi")
    kinds = list(table.iloc[:, -1])
    assert kinds == ["bài viết về nghị quyết", "nghị quyết"]
    assert list(tables.documents_table([reported], "en").iloc[:, -1]) == ["article on a resolution"]


def test_an_untitled_page_shows_the_slug_its_coder_copied():
    # Gia Lai w3b02: "(no headline in the stored excerpt; URL slug gia-lai-phan-dau-…)" read "Untitled
    # text (see its web address)" in a table with no link
    title = "(no headline in the stored excerpt; URL slug gia-lai-phan-dau-giam-ty-le-ho-ngheo-trong-dong-bao)"
    assert (
        display_title(title, "vi")
        == "Văn bản không có tiêu đề (đường dẫn: gia-lai-phan-dau-giam-ty-le-ho-ngheo-trong-dong-bao)"
    )
    assert display_title(title, "en").startswith("Untitled text (web address: gia-lai-phan-dau")
    assert display_title("(headline not in the stored text)", "en") == "Untitled text (see its web address)"


@pytest.mark.parametrize(
    ("value", "evidence", "shown"),
    [
        (0, "Mặc dù vẫn còn 925 hộ cận nghèo (chiếm 0,24%)", False),  # 0 is not read inside 0,24
        (0, "không còn hộ nghèo", True),  # a zero stated in words
        (0, "tỷ lệ hộ nghèo 0%", True),
        (1.93, "tỷ lệ 11.93%", False),
        (1.93, "cả nước là 1,93%.", True),
        (23511, "còn 23.511 hộ nghèo", True),
    ],
)
def test_a_phrase_is_quoted_only_where_it_shows_the_value(value, evidence, shown):
    from study.analysis.findings.sources import evidence_for

    assert (evidence_for(value, evidence) == evidence) is shown


def test_the_gso_table_note_is_said_in_the_pages_language():
    # VI profiles printed "(GSO Statistical Yearbook 2023 table, …)" in English and dropped where the
    # file is held, so "GSO" read as the publisher of a GitHub file
    title = (
        "Tỷ lệ hộ nghèo theo Chuẩn nghèo đa chiều(*) (GSO Statistical Yearbook 2023 table, PX-Web V14.49; "
        "xlsx export held in GitHub repo phnam05/vietnam-english-score-analysis)"
    )
    vi = display_title(title, "vi")
    assert "Yearbook" not in vi and "Niên giám Thống kê" in vi
    assert "kho GitHub phnam05/vietnam-english-score-analysis" in vi
    assert "GitHub repository phnam05/vietnam-english-score-analysis" in display_title(title, "en")
