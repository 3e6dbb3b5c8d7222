"""Measure proposals: one row per measure code whose dictionary term occurs in the text.

For each code of :data:`study.schema.MEASURE_CODES`, the first term of the dictionary (in the order
written) that occurs in a sentence that is not about a difficulty gives one row, with the phrase
from that term on as evidence.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from study import schema
from study.extract.evidence import evidence_span
from study.extract.sentences import clause_end, clause_start

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = ["extract_measures"]


def extract_measures(doc: Doc, meta: dict) -> list[dict]:
    """Propose the measures of a document.

    Parameters
    ----------
    doc : Doc
        The document (with its measure dictionary in ``doc.terms``).
    meta : dict
        Its metadata (``doc_id`` and ``source`` are used).

    Returns
    -------
    list of dict
        Rows with the columns of :data:`study.schema.MEASURES`, in the order of the measure codes.
    """
    text = doc.content
    difficult = []
    for start, end in doc.sentences:
        sentence = text[start:end]
        if any(p.search(sentence) for p in doc.terms.difficulty):
            difficult.append((start, end))
    difficult_starts = [start for start, _end in difficult]  # sentences: in order, not overlapping
    rows = []
    for code in schema.MEASURE_CODES:
        found = None
        for term, pattern in doc.terms.codes.get(code, []):
            for m in pattern.finditer(text):
                i = bisect_right(difficult_starts, m.start()) - 1
                if i >= 0 and m.start() < difficult[i][1]:
                    continue
                sent = doc.sentence_of(m.start())
                if sent[0] == sent[1]:
                    continue
                found = (term, m, sent)
                break
            if found:
                break
        if not found:
            continue
        term, m, sent = found
        lo, hi = clause_start(text, sent[0], m.start()), clause_end(text, m.end(), sent[1])
        n_words = len(text[m.start() : m.end()].split())
        ev = evidence_span(doc.text, m.start(), m.end(), lo, hi, left=0, right=max(0, 8 - n_words), phrases=doc.phrases)
        row = {c: "" for c in schema.MEASURES.columns}
        row.update(
            doc_id=meta["doc_id"],
            measure_code=code,
            evidence=doc.text[ev[0] : ev[1]],
            char_start=ev[0],
            char_end=ev[1],
            note=f"matched term: {term}",
            source=meta["source"],
        )
        rows.append(row)
    return rows
