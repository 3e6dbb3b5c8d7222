"""Stage 4, continued: the scope of a number, whose figure it is (coding guide 2.5).

The cue words are those of ``[cues.scope]`` (:mod:`study.extract.vocabulary`): ethnic-minority
households (``DTTS``, ``dân tộc thiểu số``, a named people), the poor districts and poorest communes
as a group (``các huyện nghèo``, ``xã đặc biệt khó khăn``), the nation (``cả nước``), a named
district or commune (``huyện Cai Lậy``, ``TP Chí Linh``, ``xã Tân Lập``) and words that bring the
figure back to the province (``toàn tỉnh``). They are read, nearest first:

1. in the number's own noun phrase after it, up to a comma, a bracket or the next number
   (``1.000 hộ nghèo dân tộc thiểu số``, ``3% số hộ nghèo DTTS``);
2. between the number and the comma, bracket or number before it, after that number's own noun
   phrase (``tỷ lệ hộ nghèo DTTS giảm 4%``; in ``giảm 1.000 hộ nghèo DTTS năm 2022 với kinh phí 49 tỷ
   đồng`` the money is not the ethnic minorities');
3. in a topic fronted in its clause (``Riêng các xã đặc biệt khó khăn, …``, ``Tại 7 huyện nghèo,
   …``, ``Huyện Cai Lậy tỷ lệ …``);
4. a named unit heading an earlier clause of the sentence, for a list (``Huyện A tỷ lệ hộ nghèo là
   X%; cận nghèo là Y%; Huyện B …``).

Else the figure is the document's (its level). A count of districts or communes is the province's
own figure whatever group its units belong to (``có 5 xã đặc biệt khó khăn``), unless it is national.
"""

from __future__ import annotations

import re

from study.extract.metadata import is_city_province, provinces_named
from study.extract.sentences import clause_start
from study.extract.vocabulary import (
    DISTRICT_LEVELS,
    ETHNIC,
    NATIONAL,
    POOR_AREAS,
    PROVINCE_WORD,
    SCOPE_OPENER,
    SUBUNIT,
    TERRITORY,
    VERB_OPENING,
)

__all__ = ["scope_at"]

_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_STOP = re.compile(r"[,;:.()\[\]\d]")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _unit_scope(m: re.Match, meta: dict) -> str:
    """The scope of a named unit: ``district:<name>``, ``commune:<name>``, or the document's level."""
    level = " ".join(m.group("level").lower().split())
    name = m.group("name")
    if level in DISTRICT_LEVELS:
        if level in ("thành phố", "tp", "tp.") and is_city_province(name):
            return meta["locality_level"]  # "thành phố Cần Thơ" is a province
        if meta["locality_level"] == "district" and name == meta.get("district"):
            return "district"
        return f"district:{name}"
    return f"commune:{name}"


def _cue(text: str, meta: dict, units: bool = True, first: bool = False) -> str:
    """The scope named by the last cue in ``text`` (the first with ``first``), or ``""``.

    A province word right after a group (``hộ đồng bào DTTS của tỉnh``, ``dân tộc thiểu số tại tỉnh``)
    says where the group lives and does not bring the figure back to the province.
    """
    found = []
    for pattern, scope in ((ETHNIC, "ethnic_minority"), (POOR_AREAS, "poor_districts"), (NATIONAL, "national")):
        found += [(m.start(), m.end(), scope) for m in pattern.finditer(text)]
    groups = [end for _start, end, _scope in found]
    found += [
        (m.start(), m.end(), meta["locality_level"])
        for m in PROVINCE_WORD.finditer(text)
        if not any(0 <= m.start() - end <= 8 for end in groups)
    ]
    if units:
        found += [(m.start(), m.end(), _unit_scope(m, meta)) for m in SUBUNIT.finditer(text)]
        # another former province of the 63 named for the figure ("địa bàn Bắc Kạn (cũ) giảm từ …",
        # "khu vực Tây (Hải Dương trước đây) có 6.287 hộ" in a text about the merged province)
        own = meta.get("province")
        found += [(a, b, f"province63:{name}") for a, b, name in provinces_named(text) if own and name != own]
    if not found:
        return ""
    return (min if first else max)(found)[2]


def _own_after(t: str, end: int, limit: int) -> int:
    """The end of the number's own noun phrase: the next comma, bracket or number, at most 70 characters."""
    stop = _STOP.search(t, end, min(limit, end + 70))
    return stop.start() if stop else min(limit, end + 70)


def _before_start(t: str, c0: int, start: int, limit: int) -> int:
    """Where the words before a number that are its own begin.

    After the comma or the open bracket before it (an aside closed before the number is part of the
    words: ``khu vực Tây (Hải Dương trước đây) có 6.287 hộ``), and after the number before it with the
    noun phrase of that number.
    """
    lo, opened = c0, []
    for m in re.finditer(r"[,;:()\[\]]", t[c0:start]):
        if m.group() in "([":
            opened.append(c0 + m.end())
        elif m.group() in ")]":
            if opened:
                opened.pop()
        elif not opened:
            lo = c0 + m.end()
    if opened:
        lo = max(lo, opened[-1])
    for m in _NUMBER.finditer(t, c0, start):
        if _YEAR.fullmatch(m.group()):
            continue
        lo = max(lo, _own_after(t, m.end(), limit))
    return min(lo, start)


def _in_aside(t: str, c0: int, start: int) -> int | None:
    """The start of the bracket the number at ``start`` stands in (``6.287 hộ (với 11.677 nhân khẩu)``), or None."""
    depth = 0
    for i in range(start - 1, c0 - 1, -1):
        if t[i] in ")]":
            depth += 1
        elif t[i] in "([":
            if depth == 0:
                return i
            depth -= 1
    return None


def _topic(t: str, c0: int, lo: int, meta: dict) -> str:
    """The scope of a topic fronted in the clause before ``lo`` (``Riêng …,``, ``Tại …,``, ``Huyện A …``)."""
    scope = ""
    a = c0
    for cut in [*(c0 + m.start() for m in re.finditer(",", t[c0:lo])), lo]:
        segment = t[a:cut]
        # an opener, or the nation itself heading the clause ("Cả nước, tỷ lệ hộ nghèo còn …")
        head = SCOPE_OPENER.match(segment) or NATIONAL.match(segment.lstrip(' \t\n-–•+*“"'))
        unit = SUBUNIT.match(segment.lstrip(' \t\n-–•+*“"'))
        if head or unit:
            found = _cue(segment, meta)
            if found:
                scope = found
        a = cut + 1
    return scope


def scope_at(t: str, meta: dict, sent: tuple[int, int], start: int, end: int | None = None, unit: str = "") -> str:
    """Return the scope of the number at ``start`` (``end`` its end, if known) in sentence ``sent`` of ``t``."""
    level = meta["locality_level"]
    if end is None:
        m = _NUMBER.search(t, start, sent[1])
        end = m.end() if m else start
    c0 = clause_start(t, sent[0], start)
    after = t[end : _own_after(t, end, sent[1])]
    lo = _before_start(t, c0, start, sent[1])
    before = t[lo:start]
    if unit in ("communes", "districts") or TERRITORY.match(after):  # "có 5 xã đặc biệt khó khăn", "95% ấp …"
        return "national" if NATIONAL.search(before) or NATIONAL.search(after) else level
    scope = _cue(after, meta, units=False, first=True) or _cue(before, meta)
    if scope:
        return scope
    aside = _in_aside(t, c0, start)
    if aside is not None:  # an aside in brackets: the scope of the figure it follows
        head = [m for m in _NUMBER.finditer(t, c0, aside) if not _YEAR.fullmatch(m.group())]
        return scope_at(t, meta, sent, head[-1].start(), head[-1].end()) if head else _cue(t[c0:aside], meta) or level
    scope = _topic(t, c0, lo, meta)
    if scope:
        return scope
    # a list of units, each heading a clause: "Huyện A tỷ lệ hộ nghèo là X%; cận nghèo là Y%; Huyện B …"
    cuts = [sent[0], *(sent[0] + m.end() for m in re.finditer(r"[;:]", t[sent[0] : c0]))]
    for a, b in reversed(list(zip(cuts, cuts[1:], strict=False))):
        head = SUBUNIT.match(t[a:b].lstrip(' \t\n-–•+*“"'))
        if head:
            return _unit_scope(head, meta)
        if _cue(t[a:b], meta):
            # a clause that opens with a verb goes on with the subject of the clause before it
            # ("số hộ nghèo DTTS là 21.377 hộ (chiếm 12,71%; giảm 4,34% so với năm 2023 …")
            return _cue(t[a:b], meta) if VERB_OPENING.match(t[c0:start]) else level
    return level
