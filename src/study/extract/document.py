"""One document as the rules see it: the text, its masked copies, its sentences and look-ups by offset."""

from __future__ import annotations

import re
from bisect import bisect_right

from study.extract.evidence import PhraseIndex
from study.extract.normalise import Span, apply_mask, furniture_spans, legal_spans
from study.extract.numbers import YEAR_PATTERN
from study.extract.sentences import sentence_spans
from study.extract.vocabulary import Terms

__all__ = ["Doc"]

_DATES_AND_DURATIONS = re.compile(
    rf"(?:\d{{1,2}}/)?\d{{1,2}}/{YEAR_PATTERN}|(?<!\w)(?:năm|tháng|ngày|quý)\s+\d+", re.IGNORECASE
)

#: "Đến ngày", "Tới ngày", "Tính đến ngày": the date a count is made to, before a span the legal mask found
_COUNTED_TO = re.compile(r"(?<!\w)(?:đến|tới)\s+ngày\s", re.IGNORECASE)


class Doc:
    """The text of one document with its masks, sentences and indexes, shared by the rules.

    Parameters
    ----------
    text : str
        The NFC text.
    terms : Terms
        The compiled measure dictionary.

    Attributes
    ----------
    text : str
        The text; evidence is copied from it.
    content : str
        The text with page furniture masked (same length).
    years_text : str
        ``content`` with legal document numbers and their dates also masked; years are read from it.
    numbers_text : str
        ``years_text`` with dates and durations (``năm 2``, ``10/2024``) also masked; numbers are read from it.
    sentences : list of (int, int)
        The sentences of ``content``, in order.
    phrases : PhraseIndex
        Tells whether a phrase occurs more than once in ``text``.
    """

    def __init__(self, text: str, terms: Terms):
        self.text = text
        self.terms = terms
        furniture = furniture_spans(text)
        # the date figures are counted to is no legal date, at the head of a sentence too ("Đến ngày 31/3/2025,
        # …": a level dated inside a year, guide 2.9.1), though the legal mask reads "đến ngày" in lower case only
        legal = [s for s in legal_spans(text) if not _COUNTED_TO.search(text, max(0, s[0] - 12), s[0] + 5)]
        self.content = apply_mask(text, furniture)
        self.years_text = apply_mask(text, furniture + legal)
        self.numbers_text = apply_mask(
            self.years_text, [m.span() for m in _DATES_AND_DURATIONS.finditer(self.years_text)]
        )
        self.sentences = sentence_spans(self.content)
        self._sentence_starts = [start for start, _end in self.sentences]
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.phrases = PhraseIndex(text)

    def sentence_of(self, pos: int) -> Span:
        """Return the sentence holding ``pos``, or the empty span ``(pos, pos)`` if none does."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return pos, pos

    def sentence_before(self, sent: Span) -> Span | None:
        """Return the sentence before ``sent``, or None for the first sentence."""
        i = bisect_right(self._sentence_starts, sent[0]) - 1
        return self.sentences[i - 1] if i > 0 else None

    def line_start(self, pos: int) -> int:
        """Return the start of the line holding ``pos`` (``text.rfind("\\n", 0, pos) + 1``)."""
        return self._line_starts[bisect_right(self._line_starts, pos) - 1]
