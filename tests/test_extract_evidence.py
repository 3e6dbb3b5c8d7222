"""Evidence phrases: the uniqueness check through the word index gives what ``text.count`` gave."""

from __future__ import annotations

import re

from study.extract import extract_text
from study.extract.evidence import MAX_WORDS, PhraseIndex, evidence_span

# Written for these tests: repeated phrases, a phrase that overlaps itself, and words inside words.
REPEATS = (
    "Năm 2024, huyện hỗ trợ 120 hộ nghèo vay vốn sản xuất. Năm 2024, huyện hỗ trợ 120 hộ nghèo vay vốn "
    "chăn nuôi.\n"
    "Tỷ lệ hộ nghèo giảm còn 5,1%. Tỷ lệ hộ cận nghèo giảm còn 5,1%; đến nay không còn hộ nghèo.\n"
    "Đến nay không còn hộ nghèo ở thôn Bản Mới.\n"
)
SMALL = REPEATS + "aa aa aa aa; hộ hộ hộ; 1120 hộ nghèo và 120 hộ nghèo.\n"


def reference_span(text, start, end, lo, hi, left=4, right=2):
    """The evidence rule as it was written before the index: ``text.count`` for every candidate."""
    tokens = [(a + lo, b + lo) for a, b in (m.span() for m in re.finditer(r"\S+", text[lo:hi]))]
    if not tokens:
        return start, end
    first = next((i for i, (a, b) in enumerate(tokens) if b > start), 0)
    last = max((i for i, (a, b) in enumerate(tokens) if a < end), default=first)
    if last - first + 1 > MAX_WORDS:
        last = first + MAX_WORDS - 1
    i0, i1 = max(0, first - left), min(len(tokens) - 1, last + right)
    while i1 - i0 + 1 > MAX_WORDS:
        if i0 < first:
            i0 += 1
        else:
            i1 -= 1
    span = (tokens[i0][0], tokens[i1][1])
    while text.count(text[span[0] : span[1]]) > 1 and i1 - i0 + 1 < MAX_WORDS:
        if i0 > 0:
            i0 -= 1
        elif i1 < len(tokens) - 1:
            i1 += 1
        else:
            break
        span = (tokens[i0][0], tokens[i1][1])
    a, b = span
    evidence = text[a:b]
    stripped = evidence.rstrip(',;:(“"')
    b -= len(evidence) - len(stripped)
    evidence = text[a:b]
    a += len(evidence) - len(evidence.lstrip(',;:)”"'))
    return a, b


def test_repeated_agrees_with_str_count_on_every_phrase_of_a_small_text():
    index = PhraseIndex(SMALL)
    words = [m.span() for m in re.finditer(r"\S+", SMALL)]
    checked = 0
    for i in range(len(words)):
        for j in range(i, min(len(words), i + MAX_WORDS)):
            phrase = SMALL[words[i][0] : words[j][1]]
            assert index.repeated(phrase) == (SMALL.count(phrase) > 1), phrase
            checked += 1
    # phrases that are not whole words: parts of words, leading or trailing space, overlapping repeats
    for phrase in ("aa aa", "aa aa aa", " aa aa ", "ộ hộ h", "120 hộ nghèo", "20 hộ", " hộ ", "", "ghèo vay vốn s"):
        assert index.repeated(phrase) == (SMALL.count(phrase) > 1), phrase
    assert checked > 500


def test_evidence_spans_are_those_of_the_count_rule():
    index = PhraseIndex(SMALL)
    words = [m.span() for m in re.finditer(r"\S+", SMALL)]
    for line_start, line in zip([0] + [m.end() for m in re.finditer("\n", SMALL)], SMALL.split("\n"), strict=False):
        lo, hi = line_start, line_start + len(line)
        inside = [(a, b) for a, b in words if lo <= a and b <= hi]
        for k, (a, _b) in enumerate(inside):
            for _a2, b2 in inside[k : k + 3]:
                for left, right in ((4, 2), (0, 0), (5, 0), (0, 7)):
                    expected = reference_span(SMALL, a, b2, lo, hi, left, right)
                    assert evidence_span(SMALL, a, b2, lo, hi, left, right, phrases=index) == expected
                    assert evidence_span(SMALL, a, b2, lo, hi, left, right) == expected


def test_repeated_evidence_grows_until_it_is_unique():
    # the rows the extractor gave before the index was introduced
    text = REPEATS
    facts = extract_text(text, doc_id="u").facts
    assert [(f["evidence"], f["char_start"], f["char_end"]) for f in facts] == [
        ("Năm 2024, huyện hỗ trợ 120 hộ nghèo vay vốn sản", 0, 47),
        ("Năm 2024, huyện hỗ trợ 120 hộ nghèo vay vốn chăn", 54, 102),
        ("hộ nghèo giảm còn 5,1%.", 115, 138),
        ("cận nghèo giảm còn 5,1%", 148, 171),
        ("đến nay không còn hộ nghèo.", 173, 200),
        ("Đến nay không còn hộ nghèo", 201, 227),
    ]
    for f in facts:
        assert text[f["char_start"] : f["char_end"]] == f["evidence"]
        assert text.count(f["evidence"]) == 1


def test_the_word_index_is_built_once_and_only_when_needed():
    index = PhraseIndex(SMALL)
    assert index.repeated("hộ nghèo") and index._places is None  # two words: counted directly
    assert index.repeated("120 hộ nghèo")
    places = index._places
    assert places is not None and places["hộ"][:2] == [SMALL.index("hộ"), SMALL.index("hộ", SMALL.index("hộ") + 1)]
    assert not index.repeated("vay vốn sản xuất")
    assert index._places is places
