"""Document metadata: title, kind, date, province, district, level and issuer of a text.

The province is the one among the 63 provinces (and their aliases) named most often in the text,
resolved through :func:`study.registry.provinces.resolve`; the registry is optional, and without it
the province is left empty.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

from study.extract.normalise import line_spans, nfc
from study.extract.numbers import YEAR_PATTERN as _YR
from study.extract.vocabulary import NAME, SUBUNIT, UPPER

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = ["document_metadata", "iso_date"]

_ISSUE_DATE = re.compile(
    r"(?<!\w)Ngày\s+(?:(?P<d1>\d{1,2})\s+tháng\s+(?P<m1>\d{1,2})\s+năm\s+(?P<y1>\d{4})|"
    r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4}))\s*,?\s+(?P<who>[^.\n]{0,120}?)"
    r"(?:ban\s+hành|đã\s+ban\s+hành|ký|đưa\s+ra|tổ\s+chức|thông\s+qua)",
)
_LINE_DATE = re.compile(
    # a time first: "17:4, Thứ Tư, 28-12-2022", "03:40 PM 21/11/2022"
    r"^\s*(?:\d{1,2}:\d{1,2}(?::\d{2})?\s*(?:[AP]M)?\s*,?\s*(?=Thứ|Chủ|\d))?"
    r"(?:(?:Thứ\s+\w+|Chủ\s+nhật)\s*,\s*)?"  # "Thứ Ba, 26/11/2024 - 10:15"
    r"(?:[^\W\d][^\d\n]{1,40}?\s[-–]\s*)?"  # a byline before it: "Hoàng Minh - 14:43, 12/07/2022"
    r"(?:\d{1,2}:\d{2}\s*,?\s*)?"  # "07:49, 23/12/2022"
    # the day, month and year with one separator throughout: "23/12/2022", "28-12-2022", "(03/01/2024)"
    r"\(?(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?:\s+\d{1,2}:\d{2})?"
)
#: a date line written by the collector above the text: "date 2025-09-23", or "date 2021-11" (a month only)
_STAMP_DATE = re.compile(r"^\s*date\s+(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?!\d)", re.IGNORECASE)
_UPDATE_DATE = re.compile(
    # English too: "Update: 15-07-2020 | 15:38:31"
    # a line opening with "Cập nhật" too: "Cập nhật 27/11/2023, 16:11:04"
    r"(?:ngày\s+cập\s+nhật|cập\s+nhật\s+lúc|ngày\s+đăng|đăng\s+lúc|^\s*update[d]?|^\s*cập\s+nhật)\s*:?\s*"
    r"(?P<d>\d{1,2})(?P<sep>[/-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})",
    re.IGNORECASE | re.MULTILINE,
)
_KIND_PATTERNS = (
    ("conclusion", r"(ban\s+hành|ra)\s+(văn\s+bản\s+|thông\s+báo\s+)?kết\s+luận|^\W*(thông\s+báo\s+)?kết\s+luận"),
    # English pages: "According to Plan No. 128 of …", "… issued a plan to …"
    (
        "plan",
        r"(ban\s+hành|đưa\s+ra|xây\s+dựng|phê\s+duyệt)\s+kế\s+hoạch|^\W*kế\s+hoạch"
        r"|according\s+to\s+(?:the\s+)?plan\s+no|(?:issued|approved|adopted)\s+(?:a|an|the)\s+plan",
    ),
    ("resolution", r"(ban\s+hành|thông\s+qua)\s+nghị\s+quyết|^\W*nghị\s+quyết"),
    ("directive", r"ban\s+hành\s+chỉ\s+thị|^\W*chỉ\s+thị"),
    ("report", r"(ban\s+hành|có)\s+báo\s+cáo|^\W*báo\s+cáo"),
)
_ISSUER = re.compile(
    r"(?P<body>UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Ban\s+Thường\s+vụ\s+(?:Tỉnh|Huyện|Thành|Thị)\s+ủy|"
    r"Tỉnh\s+ủy|Huyện\s+ủy|Thành\s+ủy|HĐND|Hội\s+đồng\s+nhân\s+dân|Ban\s+Chỉ\s+đạo[^,.;\n]{0,60}?|"
    r"Sở\s+Lao\s+động[^,.;\n]{0,40}?|Huyện|Tỉnh|Thành\s+phố)"
    rf"(?P<level>\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|TP\.?))?(?P<name>\s+{NAME})?"
    r"\s+(?:đã\s+)?(?:chính\s+thức\s+)?(?:ban\s+hành|đề\s+ra|đưa\s+ra|phê\s+duyệt|ký|xây\s+dựng\s+kế\s+hoạch)",
)
#: the words after the year that starts a pair: "từ 58% năm 2016 xuống còn 27%": a comparison's year, not the
#: year the text is about
_PAIR_START = re.compile(r"\s*\)?\s*(?:xuống|lên|đến|tới)(?!\w)", re.IGNORECASE)
#: ... and the words before the year that ends one: "… xuống còn 27,9% năm 2021" (a result, not the text's year)
_PAIR_END = re.compile(r"(?<!\w)(?:xuống|lên)\s+(?:còn\s+|mức\s+)?[\d.,]+\s*%?[^\d,.;]{0,12}$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*(?:source|nguồn)\s*:\s*(?P<who>.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def iso_date(day, month, year) -> str:
    """Return ``YYYY-MM-DD``."""
    return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"


@lru_cache(maxsize=256)
def is_city_province(name: str) -> bool:
    """Whether a ``thành phố`` of this name is a province (a centrally run city in the 63 or the 34 units).

    The gazetteer decides (``study.registry.provinces``): ``TP Huế``, ``TP.HCM``, ``thành phố Cần Thơ``
    are provinces, ``thành phố Hà Tĩnh`` (in a province of the same name) and ``TP Chí Linh`` are not.
    """
    try:
        from study.registry import provinces
    except Exception:  # the registry is optional for extraction
        return False
    for regime in ("63", "34"):
        try:
            if provinces.resolve(name, regime=regime).kind == "thanh_pho":
                return True
        except Exception:  # not a province's name
            continue
    return False


def _province_names() -> dict[str, str]:
    """Return the names and multi-word aliases of the 63 provinces, each with its official name."""
    try:
        from study.registry import provinces

        names = {}
        for unit in provinces.units("63"):
            names[unit.name_vi] = unit.name_vi
        reg = provinces.registry()
        alias_file = reg.admin_dir / "aliases.csv"
        if alias_file.exists():
            with alias_file.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    alias = nfc(row.get("alias", ""))
                    if row.get("regime") == "63" and len(alias) > 3 and alias[0].isupper() and " " in alias:
                        names[alias] = reg.get(row["code"], "63").name_vi
        return names
    except Exception:  # the registry is optional for extraction
        return {}


@lru_cache(maxsize=1)
def _province_pattern() -> tuple[re.Pattern | None, dict[str, str]]:
    names = _province_names()
    if not names:
        return None, {}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), names


def provinces_named(text: str) -> list[tuple[int, int, str]]:
    """The provinces of the 63 that ``text`` names (from the gazetteer): ``(start, end, official name)``."""
    pattern, names = _province_pattern()
    return [(m.start(), m.end(), names[m.group()]) for m in pattern.finditer(text)] if pattern else []


def _resolve_province(name: str) -> str:
    try:
        from study.registry import provinces

        return provinces.resolve(name, "63").name_vi
    except Exception:
        return ""


def document_metadata(doc: Doc, doc_id: str, source: str) -> dict:
    """Return a ``documents`` row for ``doc``, with ``_doc_year`` and ``_programme_year`` for the rules.

    Parameters
    ----------
    doc : Doc
        The document.
    doc_id : str
        The document id.
    source : str
        The ``source`` column.

    Returns
    -------
    dict
        The columns of :data:`study.schema.DOCUMENTS` that the text gives, plus ``_doc_year`` (the year of
        the document's date, else of its programme) and ``_programme_year`` (the year the document is
        about, from its title or first sentence), which the caller removes.
    """
    text, content = doc.text, doc.content
    lines = [(s, e, line) for s, e, line in line_spans(content) if line.strip()]
    title = lines[0][2].strip() if lines else ""
    head = content[: (lines[0][0] if lines else 0) + 1500]
    lead_end = doc.sentences[1][1] if len(doc.sentences) > 1 else len(content)
    lead = content[: max(lead_end, 0)]
    # when menus, banners or a note come first, add the headline (the first line of six words or more
    # that is not a sentence, a banner in capitals or a menu) and the first sentence of twenty words
    for _s, _e, line in lines[:12]:
        words = line.split()
        if (
            len(words) >= 6
            and not line.rstrip().endswith(".")
            and not line.isupper()
            and "|" not in line
            and "   " not in line.strip()
            and line.count(" - ") < 2
        ):
            lead += "\n" + line.strip()
            break
    long_first = next((content[a:b] for a, b in doc.sentences if len(content[a:b].split()) >= 20), "")
    lead += "\n" + long_first
    notes = []
    # kind
    kind = "article"
    for name, pattern in _KIND_PATTERNS:
        if re.search(pattern, lead, re.IGNORECASE | re.MULTILINE):
            kind = name
            break
    if title.endswith(".") and len(title.split()) > 12:
        m = re.search(r"(Kế\s+hoạch|Văn\s+bản\s+kết\s+luận|Chỉ\s+thị|Nghị\s+quyết)\s+[^.]*", title)
        if m and kind != "article":
            title = m.group(0).strip()
            notes.append("the text has no headline; the title is the name the text gives the document")
    title = title.strip().lstrip("\ufeff")
    # dates
    doc_date, date_note = "", ""
    m = _ISSUE_DATE.search(text[:3000])
    if m:
        d, mo, y = (
            (m.group("d1"), m.group("m1"), m.group("y1"))
            if m.group("d1")
            else (m.group("d2"), m.group("m2"), m.group("y2"))
        )
        doc_date, date_note = iso_date(d, mo, y), "date of the document as stated in the text"
    stamp = _STAMP_DATE.match(text)
    stamp_year = int(stamp["y"]) if stamp else None
    if not doc_date and stamp and stamp["d"]:
        doc_date, date_note = iso_date(stamp["d"], stamp["m"], stamp["y"]), "date line above the text"
    if not doc_date:
        # under the headline: in the first 20 lines, or the first 3,000 characters after a long menu
        for n_line, (s0, _e, line) in enumerate(islice(line_spans(text), 200)):
            if s0 > 3000 and n_line >= 20:
                break
            lm = _LINE_DATE.match(line)
            if lm and len(line.split()) <= 6 or (lm and re.search(r"view|lượt", line, re.IGNORECASE)):
                doc_date, date_note = iso_date(lm["d"], lm["m"], lm["y"]), "page date shown under the headline"
                break
    um = _UPDATE_DATE.search(text)
    if um:
        update = iso_date(um["d"], um["m"], um["y"])
        if doc_date:
            date_note += f"; web page updated {update}"
        else:
            doc_date, date_note = update, "web page update date (no date of the document in the text)"
    if not date_note:
        date_note = "no date in the text"
    try:
        doc_year = int(doc_date[:4]) if doc_date else None
    except ValueError:
        doc_year = None
    # the year the document is about, from its title or first sentence ("Kế hoạch ... năm 2024")
    programme_year = None
    first_end = doc.sentences[0][1] if doc.sentences else 0
    for ym in re.finditer(rf"năm\s+({_YR})", doc.years_text[:first_end], re.IGNORECASE):
        # not a horizon or a comparison, nor the year of a written date ("ngày 06 tháng 02 năm 2023")
        if not re.search(
            r"(?:(?:đến|tới|so\s+với|từ)\s+(?:hết\s+|cuối\s+)?|tháng\s+\d{1,2},?\s+)$",
            doc.years_text[: ym.start()],
            re.IGNORECASE,
        ) and not (
            _PAIR_START.match(doc.years_text, ym.end()) or _PAIR_END.search(doc.years_text, ym.start() - 40, ym.start())
        ):
            programme_year = int(ym.group(1))
            break
    if programme_year is None:  # "... ban hành Kế hoạch thực hiện Chương trình ... năm 2024" near the top
        for ym in re.finditer(
            rf"(?:Kế\s+hoạch|Chương\s+trình|Chỉ\s+thị|Nghị\s+quyết|Kết\s+luận|Báo\s+cáo)"
            rf"[^,.;:\n\d]{{0,120}}?(?<!đến\s)(?<!tới\s)(?<!từ\s)năm\s+({_YR})",
            doc.years_text[:700],
        ):
            programme_year = int(ym.group(1))
            break
    dated = bool(doc_date) or stamp_year is not None  # the text says when it was written
    if doc_year is None:
        doc_year = stamp_year or programme_year
    # locality
    counts = {}
    for name, canonical in _province_names().items():
        if name not in content:  # a plain substring test first: most names are absent
            continue
        n = len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", content))
        if n:
            counts[canonical] = counts.get(canonical, 0) + n
    province = max(counts, key=lambda k: counts[k]) if counts else ""
    province = _resolve_province(province) if province else ""
    district = ""
    dm = re.search(rf"(?<!\w)(?:[Hh]uyện(?:\s+[uủ]y)?|UBND\s+huyện|[UỦ]y\s+ban\s+nhân\s+dân\s+huyện)\s+({NAME})", lead)
    generic_district = len(re.findall(rf"(?<!\w)huyện(?!\s+[{UPPER}])(?!\s*,\s*thành)", content))
    generic_province = len(re.findall(rf"(?<!\w)tỉnh(?!\s+[{UPPER}])", content))
    if dm and generic_district > generic_province:
        district = dm.group(1)
    elif not dm:
        # a town or a city of a province named near the top (``TP Chí Linh``, ``thị xã …``, ``huyện …``
        # after a banner) whose generic name (``thành phố``, ``thị xã``, ``huyện``) outnumbers ``tỉnh``
        for um in SUBUNIT.finditer(head):
            level = " ".join(um.group("level").lower().split()).rstrip(".")
            if level not in ("huyện", "thị xã", "thành phố", "tp") or is_city_province(um.group("name")):
                continue
            word = {"tp": "thành phố"}.get(level, level).replace(" ", r"\s+")
            generic = len(re.findall(rf"(?<!\w){word}(?!\s*[{UPPER}])(?!\s*,\s*(?:thành|thị))", content))
            if generic > generic_province and um.group("name") not in _province_names():
                district = um.group("name")
            break
    level = "district" if district else "province"
    locality = district or province
    # issuer
    issuer = ""
    im = _ISSUER.search(head)
    if im:
        stop = im.end("name") if im.group("name") else (im.end("level") if im.group("level") else im.end("body"))
        issuer = " ".join(head[im.start() : stop].split())
        if not im.group("name"):
            if im.group("level") and locality:
                issuer += f" {locality}"
            elif not im.group("level") and im.group("body") in ("UBND", "HĐND") and locality:
                issuer += (" huyện " if level == "district" else " tỉnh ") + locality
    if not issuer:
        sm = _SOURCE_LINE.search(text)
        if sm:
            issuer = sm.group("who")
            notes.append("issuer is the publisher named as source")
    return {
        "doc_id": doc_id,
        "title": title,
        "locality": locality,
        "locality_level": level,
        "province": province,
        "district": district,
        "issuer": issuer,
        "doc_date": doc_date,
        "date_note": date_note,
        "kind": kind,
        "language": "vi",
        "source": source,
        "source_url": "",
        "note": "; ".join(["proposed by study extract, to be reviewed", *notes]),
        "_doc_year": doc_year,
        "_programme_year": programme_year,
        "_dated": dated,
    }
