"""Fact proposals: the pipeline that turns the numbers of a Vietnamese text into ``facts`` rows.

:func:`extract_facts` runs the stages in order, each in its own module:

1. sentences and clauses (:mod:`study.extract.sentences`, on the masked text of
   :mod:`study.extract.document`);
2. number mentions: value, range, fraction, unit, hedge (:mod:`study.extract.quantities`), and the
   ``từ X xuống Y`` pairs (a baseline and a result);
3. indicator attachment from the governing noun phrase (:mod:`study.extract.attach`, then the word
   windows of :mod:`study.extract.classify`);
4. year, kind and scope (:mod:`study.extract.resolve`, with the year expressions of
   :mod:`study.extract.years`);
5. filtering of what is not a figure of the place (:mod:`study.extract.filters`).

Two more passes add a zero stated in words (``không còn hộ nghèo``) and national decisions dated
wrongly. Every row carries a verbatim evidence phrase (:mod:`study.extract.evidence`) and its span
in the NFC text. English texts go through :mod:`study.extract.english` instead.

The work per number is bounded by its sentence: sentences, year expressions, pairs and evidence
phrases are looked up through indexes, so the time grows linearly with the length of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from study import schema
from study.extract.attach import subject_before
from study.extract.classify import classify, household_group, last_match
from study.extract.evidence import evidence_span
from study.extract.filters import is_caption, relevant
from study.extract.metadata import iso_date
from study.extract.normalise import DOC_NUMBER
from study.extract.numbers import parse_number
from study.extract.quantities import COUNT_UNIT, FROM_TO, QUANTITY, UNIT_KIND, Quantity, read_quantity
from study.extract.resolve import context, mark_baselines, resolve, scope_of
from study.extract.sentences import clause_end, clause_start
from study.extract.vocabulary import HOUSEHOLD_MENTION, RATE, RESTATES, SUBGROUP_AFTER, decision_key
from study.extract.years import kind_from_cues, year_fallback, year_for

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = ["extract_facts", "fact_row"]


#: A year written right before a ``từ … xuống …`` pair, with no verb or comma between (``năm 2023 từ …``).
_YEAR_BEFORE_PAIR = re.compile(r"(?<!\w)(?:(?:cuối|hết)\s+)?năm\s+(?P<y>(?:19|20)\d\d)\s*$", re.IGNORECASE)


def fact_row(doc: Doc, meta: dict, **values) -> dict:
    """Return a ``facts`` row from ``values``; ``_ev`` is the evidence span and ``_pos`` the sort position."""
    row = {c: "" for c in schema.FACTS.columns}
    row.update({k: v for k, v in values.items() if k in row})
    row["doc_id"] = meta["doc_id"]
    row["source"] = meta["source"]
    a, b = values["_ev"]
    row["evidence"] = doc.text[a:b]
    row["char_start"], row["char_end"] = a, b
    row["_pos"] = values.get("_pos", a)
    for column in ("value", "value_min", "value_max", "year", "year_end"):
        if row[column] == "":
            row[column] = None
    return row


def extract_facts(doc: Doc, meta: dict) -> list[dict]:
    """Propose the facts of a document.

    Parameters
    ----------
    doc : Doc
        The document.
    meta : dict
        Its metadata (:func:`study.extract.metadata.document_metadata`).

    Returns
    -------
    list of dict
        Rows with the columns of :data:`study.schema.FACTS` in the order of the text, numbered
        ``<doc_id>-f01``, ``-f02`` …, plus ``_pos`` and ``_end`` keys that the caller removes.
    """
    t = doc.numbers_text
    ctx = context(doc, meta)
    default_kind, exprs, pairs = ctx.default_kind, ctx.exprs, ctx.pairs
    facts: list[dict] = []
    taken: list[tuple[int, int]] = []  # spans of the pairs, in order and not overlapping

    def clause_bounds(pos, sent):
        return clause_start(t, sent[0], pos), clause_end(t, pos, sent[1])

    # 1. "từ X% xuống còn Y%": a baseline and a result
    for m in FROM_TO.finditer(doc.years_text):
        sent = doc.sentence_of(m.start())
        before = t[sent[0] : m.start()]
        unit = "pct" if (m.group("ua") or m.group("ub")) else ("households" if (m.group("ha") or m.group("hb")) else "")
        if not unit:
            q_unit = COUNT_UNIT.match(t, m.end())
            if not q_unit or UNIT_KIND.get(" ".join(q_unit.group("u").lower().split())) != "households":
                continue
            unit = "households"
        if unit == "pct":
            rate = last_match(RATE, before)
            group = ""
            if rate is not None and not rate.group("link"):
                group = household_group(rate.group("grp"))
                if not group:
                    mention = last_match(HOUSEHOLD_MENTION, before)
                    group = household_group(mention.group("grp")) if mention else ""
            if not group and rate is None:
                # "giảm từ 6% xuống còn 2% hộ nghèo": the group after the pair, or the subject before it
                after = re.match(
                    r"\s*(?:hộ\s+)?(cận\s+nghèo|nghèo)(?!\w)",
                    (m.group("hb") or "") + t[m.end() : m.end() + 20],
                    re.IGNORECASE,
                )
                group = household_group(after.group(1)) if after else subject_before(before)[0]
            if not group:
                continue
            indicator = f"{group}_rate_pct"
        else:
            grp = household_group((m.group("ha") or "") + (m.group("hb") or "") + t[m.end() : m.end() + 15])
            if not grp:  # "Số hộ nghèo giảm từ 2.100 hộ xuống còn 1.690 hộ"
                mention = last_match(HOUSEHOLD_MENTION, t[max(sent[0], m.start() - 40) : m.start()])
                grp = household_group(mention.group("grp")) if mention else ""
            indicator = {"poor": "poor_households", "near_poor": "near_poor_households"}.get(grp, "")
            if not indicator:
                continue
        # the result is dated by what comes before the pair, not by the year of its start
        qb = Quantity(m.start("b"), m.end(), m.start(), None, None, None, unit)
        year_b, _, how = year_for(doc, exprs, qb, sent, level=True)
        if m.group("y2"):  # "(đầu năm 2024)": the review of 2023
            year_b = int(m.group("y2")) - ("đầu" in m.group("yb").lower())
        if year_b is None:
            fb = year_fallback(doc, meta, exprs, qb, sent, "actual", None, level=True)
            if fb:
                year_b, _, how = fb
        if year_b is None and meta["_programme_year"]:
            year_b, how = meta["_programme_year"], f"year inferred: document about {meta['_programme_year']}"
        if m.group("y1"):  # "từ 9,5% đầu năm 2022": the review of 2021
            year_a = int(m.group("y1")) - ("đầu" in m.group("ya").lower())
        else:
            compare = [e for e in exprs.starting_in(sent[0], sent[1]) if e.kind == "compare"]
            # the year before the result only when the sentence names the result's year ("Năm 2025, … từ
            # X xuống Y") or the text is a plan for one year; a result dated from elsewhere ("đến nay", the
            # paragraph) says nothing of when the fall began
            one_year = not how or year_b == meta["_programme_year"]  # or a one-year plan
            year_a = compare[-1].year if compare else (year_b - 1 if year_b and one_year else None)
            last = pairs.items[-1] if pairs.items else None
            if last and last[2] and last[0] >= sent[0] and RESTATES.search(t, last[1], m.start()):
                # "từ 42.903 hộ (năm 2022) xuống …, tương đương tỷ lệ giảm từ 10,29% xuống …": the same start
                year_a = last[2]
        ym = _YEAR_BEFORE_PAIR.search(doc.years_text, max(sent[0], m.start() - 30), m.start())
        if ym and not m.group("verb") and not m.group("y1"):
            # "tỷ lệ hộ nghèo năm 2023 từ 6,03% đã giảm xuống còn 3,36%": the year written right before the
            # pair dates its start (the review of that year); the end is the year written after it, else
            # the next year (coding guide 2.9.3)
            year_a = int(ym.group("y"))
            year_b = int(m.group("y2")) - ("đầu" in m.group("yb").lower()) if m.group("y2") else year_a + 1
            how = "start dated by the year before the pair; end the year after it"
        pairs.add(m.start(), m.end(), year_a, year_b)
        kind_b, _ = kind_from_cues(doc.years_text[sent[0] : m.start()], ctx.dated_year, "actual", doc.terms.kind_cue)
        lo, hi = clause_bounds(m.start(), sent)
        ev = evidence_span(doc.text, m.start(), m.end(), sent[0], sent[1], left=0, right=0, phrases=doc.phrases)
        scope = scope_of(doc, meta, m.start(), sent)
        note_a = "start of a 'từ ... xuống' pair" + (
            "; year written before the pair"
            if ym and not m.group("verb") and not m.group("y1")
            else ("" if m.group("y1") or not year_a else "; year from 'so với' or the year before the result")
        )
        facts.append(
            fact_row(
                doc,
                meta,
                indicator=indicator,
                value=parse_number(m.group("a")),
                unit=unit,
                year=year_a,
                kind="baseline",
                scope=scope,
                _ev=ev,
                _pos=m.start("a"),
                note=note_a,
            )
        )
        facts.append(
            fact_row(
                doc,
                meta,
                indicator=indicator,
                value=parse_number(m.group("b")),
                unit=unit,
                year=year_b,
                kind=kind_b,
                scope=scope,
                _ev=ev,
                _pos=m.start("b"),
                note="end of a 'từ ... xuống' pair" + (f"; {how}" if how else ""),
            )
        )
        taken.append(m.span())

    # 2. numbers with units
    quantities = []
    taken_starts = [a for a, _b in taken]
    for m in QUANTITY.finditer(t):
        i = bisect_right(taken_starts, m.start()) - 1
        if i >= 0 and m.start() < taken[i][1]:
            continue
        q = read_quantity(doc, m)
        if q is not None:
            quantities.append(q)
    previous = None
    prev_end = (-1, -1, -1)  # (sentence start, sentence end, end of the last number in it)
    for q in quantities:
        sent = doc.sentence_of(q.start)
        if sent[0] == sent[1]:
            continue
        if is_caption(t, q):
            continue  # an image caption ("… còn 1,28%- Ảnh 1."): page furniture
        last_end = prev_end[2] if prev_end[:2] == sent else sent[0]
        prev_end = (sent[0], sent[1], q.end)
        classified = classify(doc, q, sent, last_end) or coordinated(t, q, sent, previous)
        if classified is None:
            continue
        indicator, unit, label = classified
        if not relevant(t, q, indicator, unit, sent, label):
            continue
        res = resolve(ctx, q, sent, indicator, unit, label)
        year, year_end, kind, scope = res.year, res.year_end, res.kind, res.scope
        notes = ([f"label={label}"] if label else []) + res.notes
        if q.qualifier == "ít nhất" and not re.search(r"ít\s+nhất", doc.numbers_text[q.qual_start : q.start]):
            notes.append("written 'từ ...' or '... trở lên' (at least)")
        lo, hi = clause_bounds(q.qual_start, sent)
        ev_end = q.end + len(re.match(r"\s*(\S+)?", q.after).group(0))
        ev = evidence_span(doc.text, q.qual_start, ev_end, lo, hi, phrases=doc.phrases)
        row = fact_row(
            doc,
            meta,
            indicator=indicator,
            value=q.value,
            value_min=q.vmin,
            value_max=q.vmax,
            unit=unit,
            year=year,
            year_end=year_end,
            kind=kind,
            scope=scope,
            qualifier=q.qualifier,
            note="; ".join(notes),
            _ev=ev,
            _pos=q.start,
        )
        # "giảm 5 - 6%, trên 3%": two readings of one statement
        if (
            previous is not None
            and (previous["indicator"], previous["unit"]) == (indicator, unit)
            and re.fullmatch(r"\s*,\s*", t[previous["_end"] : q.qual_start])
        ):
            row["flag"] = previous["flag"] = "ambiguous"
        row["_end"] = q.end
        facts.append(row)
        previous = row
        if q.of is not None and q.of > (q.value or 0) and unit in ("households", "billion_vnd"):
            # "còn 14.982/80.972 hộ nghèo": the part, and the whole it is a part of
            whole = dict(row, value=q.of, _pos=q.start + 1)
            if unit == "households":
                whole.update(indicator="other", note="; ".join(["label=households_total", *notes[1 if label else 0 :]]))
            facts.append(whole)

    # 3. zero stated in words: "không còn hộ nghèo"
    zero_words = r"(?<!\w)không\s+còn\s+(?:hộ\s+(?P<near>cận\s+)?nghèo(?!\w)|(?P<families>gia\s+đình\s+chính\s+sách))"
    for m in re.finditer(zero_words, t, re.IGNORECASE):
        # a sub-population of the poor ("… hộ nghèo có thành viên là người có công", "… gia đình chính sách
        # thuộc hộ nghèo") is coded `other` (guide 2.2), as its counts are
        subgroup = bool(m.group("families")) or bool(SUBGROUP_AFTER.match(t, m.end()))
        if m.group("families") and not re.match(r"[^.;]{0,40}thuộc\s+(?:diện\s+)?hộ\s+nghèo", t[m.end() :], re.I):
            continue
        if re.match(r"\s*\(?\s*(?:bằng\s+)?0\s*%", t[m.end() : m.end() + 15]):
            continue  # the numeral that follows is coded instead
        if re.search(
            r"\d\s+(?:xã|thôn|bản|ấp|làng|huyện|đơn\s+vị|khu\s+dân\s+cư)[^\d.;,]{0,30}$",
            t[max(0, m.start() - 60) : m.start()],
            re.IGNORECASE,
        ):
            continue  # "3 xã không còn hộ nghèo": a count of units, coded as that count
        sent = doc.sentence_of(m.start())
        q = Quantity(m.start(), m.end(), m.start(), 0.0, None, None, "households")
        before = t[sent[0] : m.start()]
        kind, cue = kind_from_cues(
            doc.years_text[sent[0] : m.start()], ctx.dated_year, default_kind, doc.terms.kind_cue
        )
        year, year_end, how = year_for(doc, exprs, q, sent, level=True)
        if year is None and meta["_programme_year"]:
            year, how = meta["_programme_year"], f"year inferred: document about {meta['_programme_year']}"
        lo, hi = clause_bounds(m.start(), sent)
        ev = evidence_span(doc.text, m.start(), m.end(), lo, hi, left=5, right=0, phrases=doc.phrases)
        facts.append(
            fact_row(
                doc,
                meta,
                indicator="other" if subgroup else "near_poor_households" if m.group("near") else "poor_households",
                value=0.0,
                unit="households",
                year=year,
                year_end=year_end,
                kind=kind,
                scope=scope_of(doc, meta, m.start(), sent),
                note="; ".join(
                    x for x in ("label=poor_subgroup_households" if subgroup else "", "zero stated in words", how) if x
                ),
                _ev=ev,
            )
        )

    # 4. a national decision dated wrongly
    for m in re.finditer(
        rf"(?:Quyết\s+định|Nghị\s+định|Nghị\s+quyết)\s+(?:số\s+)?(?P<num>{DOC_NUMBER})\s*,?\s+ngày\s+"
        r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+"
        r"(?P<y2>\d{4}))",
        doc.content,
    ):
        known = doc.terms.decisions.get(decision_key(m.group("num")))
        if not known:
            continue
        d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        written = iso_date(d, mo, y)
        if written == known.get("date"):
            continue
        facts.append(
            fact_row(
                doc,
                meta,
                indicator="other",
                value=float(written.replace("-", "")),
                unit="date_yyyymmdd",
                year=int(y),
                kind="actual",
                scope="national",
                flag="date_error",
                _ev=m.span(),
                note=f"label=referenced_decision_date; the text dates {m.group('num')} {written}; "
                f"it is dated {known.get('date')}",
            )
        )
    mark_baselines(doc, facts)
    facts.sort(key=lambda f: (f["_pos"], f["char_start"]))
    date_headline(doc, facts)
    for i, row in enumerate(facts, 1):
        row["fact_id"] = f"{meta['doc_id']}-f{i:02d}"
    return facts


#: The words that join a second figure to the first in one statement ("từ 3% trở lên và 5% trở lên đối với …")
_JOINED = re.compile(r"\s*(?:trở\s+lên|/\s*năm)?\s*(?:,|và|hoặc)\s*(?:riêng\s+)?", re.IGNORECASE)


def coordinated(t: str, q: Quantity, sent: tuple[int, int], previous: dict | None) -> tuple[str, str, str] | None:
    """Return the indicator of the figure before ``q`` when ``q`` is joined to it with no words of its own.

    ``giảm tỷ lệ hộ nghèo từ 3% trở lên và 5% trở lên đối với đồng bào dân tộc thiểu số``: the second
    percentage is the same fall (its scope is read from its own words).
    """
    if previous is None or q.unit != "pct" or previous["unit"] not in ("pct", "pp", "pp_per_year"):
        return None
    if not sent[0] <= previous["_end"] <= q.qual_start or not _JOINED.fullmatch(t, previous["_end"], q.qual_start):
        return None
    label = previous["note"].split(";")[0][len("label=") :] if previous["note"].startswith("label=") else ""
    return previous["indicator"], previous["unit"], label


def date_headline(doc: Doc, facts: list[dict]) -> None:
    """Give a figure of the headline or lead with no year the year of the same figure in the body, in place.

    A headline repeats the article's main figure (``Hà Nội đạt 218,8% kế hoạch năm …``); the body
    dates it (``hết năm 2022, … đạt 218,8% kế hoạch``). Facts are in the order of the text.
    """
    # the headline and lead: the first two sentences of six words or more (after menus and date lines)
    lead = [(a, b) for a, b in doc.sentences if len(doc.content[a:b].split()) >= 6][:2]
    if not lead:
        return
    head_end = lead[-1][1]
    text = doc.content
    for i, row in enumerate(facts):
        # a subheading: a short line of its own with no full stop ("Đến cuối năm 2030, giảm hộ nghèo xuống 4,2%")
        a = text.rfind("\n", 0, row["_pos"]) + 1
        b = text.find("\n", row["_pos"])
        line = text[a : b if b >= 0 else len(text)].strip()
        heading = bool(line) and not line.endswith((".", ":", ";", "…")) and len(line.split()) <= 20
        if "kind from" not in row["note"] and (row["_pos"] < head_end or heading):
            # no cue of its own: the kind the body gives the same dated figure
            body = next(
                (
                    f
                    for f in facts[i + 1 :]
                    if f["_pos"] >= head_end
                    and f["kind"] != "baseline"
                    and (f["indicator"], f["value"], f["value_min"], f["value_max"], f["year"])
                    == (row["indicator"], row["value"], row["value_min"], row["value_max"], row["year"])
                ),
                None,
            )
            if body is not None and row["year"] is not None:
                row["kind"] = body["kind"]
        if row["_pos"] >= head_end:
            continue
        if row["year"] is not None and "from the date of the article" not in row["note"]:
            continue  # a year of its own (a year inferred from the date alone gives way to the body's)
        same = next(
            (
                f
                for f in facts[i + 1 :]
                if f["_pos"] >= head_end
                and f["year"] is not None
                and (f["indicator"], f["value"], f["value_min"], f["value_max"], f["unit"])
                == (row["indicator"], row["value"], row["value_min"], row["value_max"], row["unit"])
            ),
            None,
        )
        if same is not None:
            row["year"], row["year_end"] = same["year"], same["year_end"]
            note = row["note"].replace("year inferred from the date of the article", "").strip("; ")
            row["note"] = "; ".join(x for x in (note, "year of the same figure in the body") if x)
