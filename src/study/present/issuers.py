"""Who a reader is told a document comes from, in the reader's language.

Documents are coded as their source writes them, so an English article's issuer reads "Hung Yen
Provincial People's Committee". A Vietnamese page names the same body as Vietnamese readers know it
("UBND tỉnh Hưng Yên"). Only the bodies below are renamed, each by a pattern; any other issuer is
shown as coded, in both languages.

A newspaper's text is not issued by the body it reports on: its coded ``issuer`` is that body (the
committee whose plan or figures it gives), but the page names the site that published the text
(:func:`publisher_label`), so that a Báo Dân sinh article never reads as an issuance of the provincial
People's Committee; a text read on the body's own portal (``*.gov.vn``) keeps its issuer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from study.analysis.findings.sources import publisher
from study.registry import provinces

_PLACE = r"(?P<place>[A-ZĐÀ-Ỹ][\w'’ -]*?)"
_COMMITTEE = r"(?:the\s+)?(?:provincial\s+)?People['’]s\s+Committee"
_LABOUR = r"(?:the\s+)?(?:provincial\s+)?Department\s+of\s+Labou?r[,\s-]+(?:War\s+)?Invalids,?\s+and\s+Social\s+Affairs"

_SO_LDTBXH = "Sở Lao động - Thương binh và Xã hội tỉnh"

BODIES = (
    (re.compile(rf"^{_COMMITTEE}\s+(?:of\s+)?{_PLACE}(?:\s+province)?$", re.I), "UBND tỉnh"),
    (re.compile(rf"^{_PLACE}\s+Provincial\s+People['’]s\s+Committee$", re.I), "UBND tỉnh"),
    (re.compile(rf"^{_COMMITTEE}\s*\({_PLACE}\)$", re.I), "UBND tỉnh"),
    (re.compile(rf"^{_LABOUR}\s+(?:in|of)\s+{_PLACE}(?:\s+province)?$", re.I), _SO_LDTBXH),
    (re.compile(rf"^{_LABOUR}\s*\({_PLACE}\)$", re.I), _SO_LDTBXH),
)
"""(pattern, Vietnamese name of the body): the place is the named group ``place``."""


def issuer_label(issuer: str, lang: str) -> str:
    """Return ``issuer`` as a reader of ``lang`` knows it.

    Parameters
    ----------
    issuer : str
        The issuer as coded (in the language of its source).
    lang : {"en", "vi"}
        The page's language.

    Returns
    -------
    str
        For Vietnamese pages, a provincial People's Committee or Department of Labour named in
        English becomes "UBND tỉnh <province>" / "Sở Lao động - Thương binh và Xã hội tỉnh
        <province>", with the province's Vietnamese name; everything else is returned unchanged.

    Examples
    --------
    >>> issuer_label("Hung Yen Provincial People's Committee", "vi")
    'UBND tỉnh Hưng Yên'
    """
    text = str(issuer or "").strip()
    if lang != "vi" or not text:
        return text
    for pattern, body in BODIES:
        match = pattern.match(text)
        if not match:
            continue
        try:
            unit = provinces.resolve(match.group("place").strip(), "63")
        except provinces.ProvinceNameError:
            return text
        word = "thành phố" if unit.kind == "thanh_pho" else "tỉnh"
        return body.replace("tỉnh", word) + f" {unit.name_vi}"
    return text


def publisher_label(doc: Mapping, lang: str) -> str:
    """Return who published ``doc``, as a page in ``lang`` names it.

    Parameters
    ----------
    doc : Mapping
        A document row (``issuer``, ``source_url`` and/or ``source``).
    lang : {"en", "vi"}
        The page's language.

    Returns
    -------
    str
        :func:`study.analysis.findings.sources.publisher` (the site, unless it is a government
        portal, else the issuer), with a provincial body named in English put in the reader's
        language.

    Examples
    --------
    >>> publisher_label({"issuer": "UBND tỉnh Ninh Bình",
    ...                  "source_url": "https://baodansinh.vn/ninh-binh-123.htm"}, "vi")
    'baodansinh.vn'
    >>> publisher_label({"issuer": "People's Committee of Ninh Binh province",
    ...                  "source_url": "https://ninhbinh.gov.vn/ke-hoach.htm"}, "vi")
    'UBND tỉnh Ninh Bình'
    """
    return issuer_label(publisher(doc), lang)
