"""Sentence and clause spans, found with plain regular expressions.

Offsets are offsets into the text given, so that ``text[start:end]`` is the sentence. The work per
line is linear in its length: no prefix or suffix of a line is copied per full stop.
"""

from __future__ import annotations

import re

from study.extract.normalise import Span, line_spans

__all__ = ["clause_end", "clause_start", "sentence_spans"]

_ABBREVIATIONS = (
    "TP",
    "Tp",
    "TX",
    "TS",
    "ThS",
    "PGS",
    "GS",
    "BS",
    "KS",
    "Th.S",
    "St",
    "Mr",
    "Ms",
    "No",
    "v.v",
    "Q",
    "P",
)
_END_PUNCT = re.compile(r"[.!?…]+[\"”’)]*\s+")
_OPENING_QUOTES = '"“‘(«'


def _starts_sentence(line: str, pos: int) -> bool:
    """Whether ``line[pos:]``, after opening quotes and brackets, starts with a capital, a digit or a dash."""
    n = len(line)
    while pos < n and line[pos] in _OPENING_QUOTES:
        pos += 1
    return pos < n and (line[pos].isupper() or line[pos].isdigit() or line[pos] in "-–•")


def _word_before(line: str, end: int) -> str:
    """Return the run of non-space characters that ends at ``end`` (empty after a space)."""
    start = end
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    return line[start:end]


def _glued(line: str) -> list[int]:
    """Positions where a lower-case word runs into a capitalised one (``nghèoĐể``)."""
    cuts = []
    for i in range(2, len(line) - 1):
        if line[i].isupper() and line[i + 1].islower() and line[i - 1].islower() and line[i - 2].islower():
            cuts.append(i)
    return cuts


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentences; return ``(start, end)`` pairs in order.

    A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` followed by space and a capital
    letter or a digit (not after a known abbreviation such as ``TP.``), or where a caption was glued
    to the next paragraph without a space (``thoát nghèoĐể``).

    Parameters
    ----------
    text : str
        The text (NFC).

    Returns
    -------
    list of (int, int)
        Non-overlapping spans in increasing order, without leading or trailing white space.
    """
    spans: list[Span] = []
    for line_start, _line_end, line in line_spans(text):
        cuts = [0]
        for match in _END_PUNCT.finditer(line):
            if not _starts_sentence(line, match.end()):
                continue
            if line[match.start()] == "." and _word_before(line, match.start()) in _ABBREVIATIONS:
                continue
            cuts.append(match.end())
        cuts.extend(_glued(line))
        cuts = sorted(set(cuts)) + [len(line)]
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = line[a:b]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail > lead:
                spans.append((line_start + a + lead, line_start + a + trail))
    return spans


def clause_start(text: str, sent_start: int, pos: int) -> int:
    """Return the start of the clause holding ``pos``: after the last ``;`` or ``:`` in its sentence."""
    segment = text[sent_start:pos]
    cut = max(segment.rfind(";"), segment.rfind(":"))
    return sent_start + cut + 1 if cut >= 0 else sent_start


def clause_end(text: str, pos: int, sent_end: int) -> int:
    """Return the end of the clause holding ``pos`` (the next ``;`` or ``:``, or the sentence end)."""
    segment = text[pos:sent_end]
    cuts = [i for i in (segment.find(";"), segment.find(":")) if i >= 0]
    return pos + min(cuts) if cuts else sent_end
