"""Evidence phrases: at most 12 words of the text around a number, unique in the text if possible.

Whether a phrase is unique was once answered with ``text.count(phrase)``, a scan of the whole text
for every candidate phrase of every fact, which made extraction quadratic in the length of the text.
:class:`PhraseIndex` answers the same question from an index of the words of the text, built once.
"""

from __future__ import annotations

import re

__all__ = ["MAX_WORDS", "PhraseIndex", "evidence_span"]

_WORD = re.compile(r"\S+")
_SPACE_SPLIT = re.compile(r"(\s+)")


class PhraseIndex:
    """Tell whether a phrase occurs more than once in a text, without scanning the text for each phrase.

    :meth:`repeated` gives the same answer as ``text.count(phrase) > 1`` (occurrences that do not
    overlap). A word of the phrase with white space on both sides (an *inner* word) is a whole word
    (a run of non-space characters) of the text wherever the phrase occurs, so the occurrences of the
    phrase are found among the places of its rarest inner word, from an index of the words of the
    text built on first use. A phrase of one or two words has no inner word and is counted with
    :meth:`str.count`; the extractor asks that only for the few measure rows of a document.

    Parameters
    ----------
    text : str
        The text the phrases are looked up in.
    """

    def __init__(self, text: str):
        self.text = text
        self._places: dict[str, list[int]] | None = None
        self._known: dict[str, bool] = {}

    def _word_places(self) -> dict[str, list[int]]:
        if self._places is None:
            places: dict[str, list[int]] = {}
            for m in _WORD.finditer(self.text):
                places.setdefault(m.group(), []).append(m.start())
            self._places = places
        return self._places

    def repeated(self, phrase: str) -> bool:
        """Return whether ``phrase`` occurs at least twice, without overlap, in the text.

        Parameters
        ----------
        phrase : str
            Any string.

        Returns
        -------
        bool
            ``text.count(phrase) > 1``.
        """
        known = self._known.get(phrase)
        if known is None:
            known = self._known[phrase] = self._count(phrase) > 1
        return known

    def _count(self, phrase: str, limit: int = 2) -> int:
        """Count occurrences of ``phrase`` that do not overlap, up to ``limit``."""
        parts = _SPACE_SPLIT.split(phrase)  # words at even positions, white space at odd positions
        inner = range(2, len(parts) - 2, 2)
        if not phrase or not inner:
            return self.text.count(phrase)
        places = self._word_places()
        word = min(inner, key=lambda i: len(places.get(parts[i], ())))
        offset = sum(len(part) for part in parts[:word])
        count, free = 0, 0
        for place in places.get(parts[word], ()):
            start = place - offset
            if start >= free and self.text.startswith(phrase, start):
                count += 1
                if count >= limit:
                    break
                free = start + len(phrase)
        return count


#: The most words an evidence phrase may have (docs/coding_guide.md).
MAX_WORDS = 12


def evidence_span(
    text: str,
    start: int,
    end: int,
    lo: int,
    hi: int,
    left: int = 4,
    right: int = 2,
    phrases: PhraseIndex | None = None,
) -> tuple[int, int]:
    """Return a span of at most 12 words around ``[start, end)`` within ``[lo, hi)``, unique if possible.

    Parameters
    ----------
    text : str
        The text.
    start, end : int
        The span the evidence must show (a number with its unit, a measure term).
    lo, hi : int
        The clause or sentence the evidence must stay in.
    left, right : int
        Words to add before and after ``[start, end)`` (fewer when the clause is short).
    phrases : PhraseIndex, optional
        The index of ``text``; pass the document's index when calling this for many spans.

    Returns
    -------
    (int, int)
        The evidence span. While the phrase occurs elsewhere in the text and has fewer than
        :data:`MAX_WORDS` words, one more word is added, on the left first. Punctuation that belongs
        to the surrounding text is trimmed from its ends.
    """
    if phrases is None:
        phrases = PhraseIndex(text)
    tokens = [m.span() for m in re.finditer(r"\S+", text[lo:hi])]
    tokens = [(a + lo, b + lo) for a, b in tokens]
    if not tokens:
        return start, end
    first = next((i for i, (a, b) in enumerate(tokens) if b > start), 0)
    last = max((i for i, (a, b) in enumerate(tokens) if a < end), default=first)
    core = last - first + 1
    if core > MAX_WORDS:
        last = first + MAX_WORDS - 1
    i0 = max(0, first - left)
    i1 = min(len(tokens) - 1, last + right)
    while i1 - i0 + 1 > MAX_WORDS:
        if i0 < first:
            i0 += 1
        else:
            i1 -= 1
    span = (tokens[i0][0], tokens[i1][1])
    # (a phrase that cannot grow is not looked up: the answer would not change it)
    while i1 - i0 + 1 < MAX_WORDS and (i0 > 0 or i1 < len(tokens) - 1) and phrases.repeated(text[span[0] : span[1]]):
        if i0 > 0:
            i0 -= 1
        else:
            i1 += 1
        span = (tokens[i0][0], tokens[i1][1])
    a, b = span
    evidence = text[a:b]
    # trim punctuation that belongs to the surrounding text
    stripped = evidence.rstrip(',;:(“"')
    b -= len(evidence) - len(stripped)
    evidence = text[a:b]
    lstripped = evidence.lstrip(',;:)”"')
    a += len(evidence) - len(lstripped)
    return a, b
