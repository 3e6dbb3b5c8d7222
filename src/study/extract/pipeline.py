"""The extractor's entry points: :func:`extract_text` and :func:`extract_file`, and their result.

Inputs larger than :data:`MAX_INPUT_BYTES` (5 MB of UTF-8) are refused with an
:class:`~study.extract.errors.ExtractError` that names the file, its size and the limit: policy
texts are a few kilobytes to a few hundred, and a larger file is almost always a wrong input (a
whole web site, a database dump). The time grows linearly with the size (about 1 s per MB of
dense text, see ``benchmarks/bench_extract.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from study import schema
from study.extract.document import Doc
from study.extract.english import extract_english_facts, is_english
from study.extract.errors import ExtractError
from study.extract.facts import extract_facts
from study.extract.measures import extract_measures
from study.extract.metadata import document_metadata
from study.extract.normalise import TextReadError, nfc, read_text
from study.extract.vocabulary import Terms, load_terms

__all__ = ["MAX_INPUT_BYTES", "ExtractError", "Extraction", "check_size", "extract_file", "extract_text"]

#: The largest input the extractor reads, in bytes of UTF-8 (5 MB).
MAX_INPUT_BYTES = 5_000_000


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def check_size(size: int, name: str) -> None:
    """Refuse an input of ``size`` bytes over :data:`MAX_INPUT_BYTES`.

    Parameters
    ----------
    size : int
        The size of the input in bytes (of the file, or of the text encoded as UTF-8).
    name : str
        The file name or document id, for the message.

    Raises
    ------
    ExtractError
        If ``size`` is over the limit; the message names the input, its size and the limit.
    """
    if size > MAX_INPUT_BYTES:
        raise ExtractError(
            f"{name}: {_megabytes(size)} ({size:,} bytes) is over the extractor's limit of "
            f"{_megabytes(MAX_INPUT_BYTES)} ({MAX_INPUT_BYTES:,} bytes); split the text into smaller files"
        )


@dataclass
class Extraction:
    """What :func:`extract_text` proposes for one document."""

    document: dict
    facts: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    text: str = ""


def extract_text(text: str, doc_id: str = "doc", source: str = "", terms: Terms | None = None) -> Extraction:
    """Propose facts, measures and metadata for one text.

    Parameters
    ----------
    text : str
        The document text (normalised to NFC here; offsets refer to the NFC text).
    doc_id : str
        The document id written into every row.
    source : str
        The ``source`` column (file name or URL).
    terms : Terms, optional
        The compiled measure dictionary; by default :func:`load_terms` of the project file.

    Returns
    -------
    Extraction
        ``document`` (a row with the columns of :data:`study.schema.DOCUMENTS`), ``facts`` and
        ``measures`` (rows with the columns of :data:`study.schema.FACTS` and
        :data:`study.schema.MEASURES`), and the NFC ``text``.
    """
    if len(text) * 4 > MAX_INPUT_BYTES:  # a character is at most 4 bytes of UTF-8
        check_size(len(text.encode("utf-8", "surrogatepass")), source or doc_id)
    text = nfc(text)
    terms = terms or load_terms()
    doc = Doc(text, terms)
    meta = document_metadata(doc, doc_id, source or doc_id)
    facts = extract_english_facts(doc, meta) if is_english(text) else extract_facts(doc, meta)
    measures = extract_measures(doc, meta)
    for row in facts:
        for key in [k for k in row if k.startswith("_")]:
            del row[key]
    document = {c: meta.get(c, "") for c in schema.DOCUMENTS.columns}
    return Extraction(document=document, facts=facts, measures=measures, text=text)


def extract_file(path: str | Path, terms: Terms | None = None, doc_id: str | None = None) -> Extraction:
    """Read a plain text, Markdown or HTML file and run :func:`extract_text` on it.

    Parameters
    ----------
    path : path-like
        A UTF-8 text (``.txt``), Markdown (``.md``) or HTML (``.html``, ``.htm``) file.
    terms : Terms, optional
        The compiled measure dictionary; by default :func:`load_terms` of the project file.
    doc_id : str, optional
        The document id; by default the file name stem. ``source`` is the file name.

    Returns
    -------
    Extraction

    Raises
    ------
    ExtractError
        If the file cannot be read as UTF-8 text, or is larger than :data:`MAX_INPUT_BYTES` (checked
        before it is read).
    """
    path = Path(path)
    if path.is_file():
        check_size(path.stat().st_size, str(path))
    try:
        text, _fmt = read_text(path)
    except TextReadError as error:
        raise ExtractError(str(error)) from None
    return extract_text(text, doc_id=doc_id or path.stem, source=path.name, terms=terms)
