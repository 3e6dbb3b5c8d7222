"""Facts from texts written in English (Vietnamese news in English: VNA, VOV, provincial portals).

Some coded documents are English versions of Vietnamese reports. They state the same figures with
English wording, which the Vietnamese rules cannot read: ``30,803 poor households``, ``3.93 per
cent``, ``VND503.4 billion``, ``decrease by 1.5-2 per cent per year``. This module is the same
pipeline in small, with its own words (:data:`study.extract.vocabulary.ENGLISH`):

1. number mentions with English numerals (``30,803``, ``3.48``), ranges and units;
2. the indicator from the nouns and verbs of the clause (``poor households``, ``near the poverty
   line``, ``decrease by``, ``accounting for``, ``(from X% to Y%)``);
3. year and kind from the clause (``in 2019``, ``by the end of 2025``, ``this year``, ``2022:``),
   then the paragraph, then the document (``will``, ``aims`` → target; ``expected``,
   ``projected`` → estimate);
4. filtering: counts and money need a poverty word in their sentence; shares of a population
   (``ethnic minorities accounted for 60%``) and areas are left out.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from study.extract.evidence import evidence_span
from study.extract.facts import fact_row
from study.extract.resolve import mark_baselines
from study.extract.reviews import review_year, reviews
from study.extract.scope import scope_at
from study.extract.vocabulary import ENGLISH

if TYPE_CHECKING:
    from study.extract.document import Doc

__all__ = ["extract_english_facts", "is_english"]

_I = re.IGNORECASE
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)"
_PCT = r"\s*(?:%|per\s*cent|percent)"
MENTION = re.compile(
    rf"(?<![\w.,/])(?:VND\s*)?(?P<a>{_NUM})(?:\s*(?P<pa>{_PCT}))?(?:\s*[-–]\s*(?P<b>{_NUM}))?"
    rf"(?P<pb>{_PCT})?(?:\s+(?P<mult>billion|trillion|million))?(?![\w])",
    _I,
)
_COUNT = re.compile(
    r"\s+(?:(?P<adj>poor|near-poor|new|more|other|deprived|ethnic|Khmer|needy|disadvantaged)\s+){0,2}"
    r"(?P<u>households?|houses|homes|workers|labourers|people|persons|projects|models|communes|districts|"
    r"solutions|tasks|sessions|facilities|options|others|ones|works|trainees|jobs)(?!\w)",
    _I,
)
#: the nouns of things a programme provides or sets, counted with a few words between the number and the noun
#: ("85 essential infrastructure facilities", "320 poverty reduction and production support projects", "6 main
#: tasks", "12,000 H'Mông chickens"); never households, houses or people, whose group must be read exactly
_COUNT_WIDE = re.compile(
    r"\s+(?:[^\W\d][\w’'-]*,?\s+){1,5}?(?P<u>projects|models|facilities|works|tasks|solutions|trainees|jobs|"
    r"chickens|cows|cattle|buffaloes|pigs|goats)(?!\w)",
    _I,
)
#: animals given to households (other rows counted in animals, as the Vietnamese [cues.units.animals])
_ANIMALS = ("chickens", "cows", "cattle", "buffaloes", "pigs", "goats")
_YEAR = r"(?:19|20)\d{2}"
#: the names of rates that are not of poverty: the economy's and the coverage of services
_NOT_POVERTY_RATE = (
    r"growth|GRDP|GDP|inflation|unemployment|urbani[sz]ation|clean\s+water|electricity|health\s+insurance|"
    r"insurance\s+coverage"
)


def is_english(text: str) -> bool:
    """Whether ``text`` is written in English: more English function words than Vietnamese ones."""
    sample = text[:6000]
    en = len(re.findall(r"(?<!\w)(?:the|and|of|to|in|households?|poverty|is|was|with)(?!\w)", sample, _I))
    vi = len(re.findall(r"(?<!\w)(?:và|của|các|những|được|hộ|nghèo|trong|năm|là)(?!\w)", sample, _I))
    return en > 20 and en > 2 * vi


def _value(token: str) -> float:
    return float(token.replace(",", ""))


def _doc_year(doc: Doc, meta: dict) -> tuple[int | None, bool]:
    """The year of the document and whether the text is dated (a date line, a date in its head)."""
    m = re.search(rf"(?<!\d)({_YEAR})-\d{{2}}-\d{{2}}(?!\d)|\d{{1,2}}/\d{{1,2}}/({_YEAR})", doc.text[:800])
    if m:
        return int(m.group(1) or m.group(2)), True
    return meta.get("_doc_year"), bool(meta.get("_dated") or meta.get("_programme_year"))


#: a paragraph that goes on with the one before it ("Of which, …", "In particular, …")
_GOES_ON = re.compile(r"\s*(?:of\s+which|in\s+particular|specifically|in\s+detail|including)\b", re.IGNORECASE)
#: "currently", "at present", "so far": the year of the document's date (coding guide 2.9.1)
_NOW = re.compile(r"(?<!\w)(?:currently|at\s+present|so\s+far|to\s+date|presently)(?!\w)", re.IGNORECASE)
#: "At the beginning of 2021", "at the start of the term": a level then is the review of the year before
_START = re.compile(
    rf"(?<!\w)(?:at\s+)?the\s+(?:beginning|start)\s+of\s+(?:(?P<y>{_YEAR})|the\s+(?:term|period))(?!\w)",
    re.IGNORECASE,
)


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "2": 2, "3": 3, "4": 4, "5": 5, "10": 10}


#: the year compared, which dates no figure: "compared to 2020", "than in 2020", "compared with the end of 2020"
_COMPARED = re.compile(r"(?:compared\s+(?:to|with)|than)\s+(?:in\s+|that\s+of\s+)?(?:the\s+end\s+of\s+)?$", _I)


def _year_in(text: str, last: bool = True) -> tuple[int | None, int | None]:
    """The year (and end year of a period) named in ``text``, the last one if ``last``."""
    found = [  # not the year compared ("increase more than 2 times compared to 2020")
        m
        for m in re.finditer(rf"(?<!\d)(?P<y1>{_YEAR})(?:\s*[-–]\s*(?P<y2>{_YEAR}))?(?!\d)", text)
        if not _COMPARED.search(text[: m.start()][-40:])
    ]
    if not found:
        return None, None
    m = found[-1] if last else found[0]
    return int(m.group("y1")), int(m.group("y2")) if m.group("y2") else None


def _kind(before: str, default: str = "actual", later: bool = False) -> str:
    # a cue inside brackets closed before the number belongs to the aside ("(76 communes have completed …)")
    before = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), before)
    cues = list(ENGLISH["kind"].finditer(before))
    if not cues:  # no cue: the kind of the document (plans, directives and resolutions set targets)
        return default
    cue = cues[-1]
    if cue.group("tgt") and cue.group(0).lower() in ("will", "would") and any(c.group("est") for c in cues):
        # "It is expected that … will decrease to 24% by the end of this year": the future of an
        # expectation is an estimate, unless it is for a later period than the text's ("would … in 2021-2025")
        return "target" if later else "estimate"
    return "estimate" if cue.group("est") else "target" if cue.group("tgt") else "actual"


def _carried_kind(text: str, doc: Doc, para: int, s0: int, sentence: str) -> str:
    """Return the kind a sentence with no cue of its own takes from before it, or ``""``.

    A sentence that opens with ``Of which``, ``In particular`` (or a paragraph after a colon) goes on with
    the last cue before it (in its paragraph, else the paragraph before); the sentences after one that opens
    with a goal (``The province aims …``, ``… sets a goal of striving …``) are goals too, while no result
    cue comes between (the same conventions as the Vietnamese ``Trong đó`` and ``Mục tiêu …``).
    """
    if _GOES_ON.match(sentence) or (s0 == para and text[:para].rstrip().endswith(":")):
        lo = para if s0 > para else doc.line_start(max(0, len(text[:para].rstrip()) - 1))
        cues = list(ENGLISH["kind"].finditer(re.sub(r"\([^()]*\)", " ", text[lo:s0])))
        return _kind(text[lo:s0], "") if cues else ""
    for a, b in reversed([x for x in doc.sentences if para <= x[0] and x[1] <= s0]):
        cues = list(ENGLISH["kind"].finditer(text[a:b]))
        if all(c.group(0).lower() in ("has", "have") for c in cues):
            continue  # "100% of communes have asphalt roads": a state in a list of goals, no result
        opening = ENGLISH["kind"].search(text[a : min(b, a + 60)])
        if opening and opening.group("tgt") and not any(c.group("act") for c in cues):
            return "target"
        return ""
    return ""


def _indicator(sentence: str, rel: int, m: re.Match, after: str) -> tuple[str, str, str] | None:
    """Return ``(indicator, unit, label)`` for a mention at ``rel`` in ``sentence``."""
    before = sentence[:rel]
    near = before[-70:]
    pct = bool(m.group("pa") or m.group("pb"))
    per_year = bool(re.match(r"\s*(?:/\s*year|per\s+year|a\s+year|each\s+year|annually)", after, _I)) or bool(
        re.search(r"each\s+year|per\s+year|annually", sentence[rel : rel + 120], _I)
    )
    near_poor = re.search(r"near[- ]poor|near\s+the\s+poverty", near + after[:40], _I)
    if pct:
        if re.match(r"\s*(?:of\s+(?:the\s+)?)?(?:population|its\s+population)", after, _I) and not re.search(
            r"poor\s+households", near, _I
        ):
            return None
        if (
            re.search(
                r"(?:decrease|reduc|drop|fall|fell|cut|declin)\w*\s+(?:[\w-]+\s+){0,6}?by\s+(?:an\s+average\s+of\s+)?"
                r"(?:over|about|nearly|more\s+than|around)?\s*$",
                near,
                _I,
            )
            or re.search(
                r"reduction\s+rate\s+of\s+(?:nearly|about|over)?\s*$|target\s*\(?$|target\s+of\s*$|average\s+decrease\s+of\s*$|"
                r"(?:reduction|decrease|cut)\s+(?:of|in)\s+the\s+[\w\s-]{0,50}?rate\s+(?:of|by)\s+(?:nearly|about|over)?\s*$",
                near,
                _I,
            )
            or re.match(r"\s*(?:reduction|decrease|(?:percentage\s+points?\s+)?(?:lower|less)\s+than)", after, _I)
            or (re.search(r"(?:by|of|be)\s*(?:over|about|nearly|more\s+than|around)?\s*$", near, _I) and per_year)
            or (
                re.search(r"(?<!\w)by\s*(?:over|about|nearly|more\s+than|around)?\s*$", near, _I)
                and re.search(r"(?:decrease|reduc|drop|fall|fell|cut|declin)", before, _I)
            )
        ):
            if re.search(r"number\s+of\s+poor\s+households|reduce\s+poverty\s+by\s*$", near, _I):
                return "poor_households_reduction", "pct_of_households_reduction", ""
            unit = "pp_per_year" if per_year else "pp"
            if near_poor:
                return "other", unit, "near_poor_rate_reduction_pp"
            return "poor_rate_reduction_pp", unit, ""
        # a rate of the economy or of a service, with no poverty word after its name ("GRDP growth rate of 10.5%",
        # "the rate of households with access to clean water of 99 percent"): no poverty rate
        named = list(re.finditer(r"(?<!\w)(?:rate|ratio|coverage)(?!\w)", before[-140:], _I))
        if named:
            phrase = before[-140:][max(0, named[-1].start() - 50) :]
            if re.search(_NOT_POVERTY_RATE, phrase, _I) and not re.search(r"poor|poverty", phrase, _I):
                return None
        # the rate of the count before it: "1,904 poor households (0.52%)", "7,591 near-poor households (2.06%)"
        gm = re.search(r"(?P<g>near[- ]poor|poor)\s+(?:households|families)\s*\(\s*(?:accounting\s+for\s+)?$", near, _I)
        if gm:
            return ("near_poor_rate_pct" if "near" in gm.group("g").lower() else "poor_rate_pct"), "pct", ""
        if (
            re.search(
                r"(?:rate|ratio)\b[^;]{0,100}(?:was|is|at|of|to|reach|be)\s*(?:only|about|nearly|under)?\s*$",
                before[-140:],
                _I,
            )
            or re.search(r"(?:rate|ratio)\b[^.;]{0,60}$", near, _I)
            or re.search(
                r"(?:accounting\s+for|making\s+up|equivalent\s+to|represent\w*)\s*(?:only|about|nearly)?\s*$", near, _I
            )
            or re.match(r"\s*of\s+(?:the\s+)?(?:provincial\s+)?poverty\s+rate", after, _I)
            or re.search(r"(?:from|to)\s*$", near, _I)
        ):
            if near_poor and not re.search(r"poor\s+households", near[-40:], _I):
                return "near_poor_rate_pct", "pct", ""
            return "poor_rate_pct", "pct", ""
        if re.match(r"\s+of\s+\w+", after, _I):
            return "other", "pct", "share_pct"
        return None
    if m.group("mult") and re.search(r"GDP|GRDP|revenue|export|population", near, _I):
        return None
    if re.match(r"\s*(?:VND)?\s*(?:/|per)\s*(?:person|month|capita)", after, _I):
        return "other", "billion_vnd", "income_per_person_month"
    if re.match(r"\s*times(?!\w)", after, _I):
        return "other", "count", "multiple"
    if m.group("mult") or re.search(r"VND\s*$", sentence[max(0, rel - 4) : rel], _I) or re.match(r"\s*VND", after):
        return "budget_billion_vnd", "billion_vnd", ""
    cm = _COUNT.match(after) or _COUNT_WIDE.match(after)
    if not cm:
        return None
    if cm.re is _COUNT_WIDE and re.search(r"(?<!\w)(?:of|in|to|from|for|with|by)\s", after[: cm.start("u")], _I):
        return None  # "5 of the projects", "2 years to … projects": the noun is not what the number counts
    unit_word = cm.group("u").lower()
    adj = (cm.groupdict().get("adj") or "").lower()
    rest = after[cm.end() : cm.end() + 60]
    if unit_word in ("household", "households", "ones"):
        if re.search(r"escap|lifted|out\s+of\s+poverty", sentence[rel:].split(";")[0] + near[-25:], _I) or re.search(
            r"reduc\w*\s+(?:\w+\s+){0,4}$", near, _I
        ):
            if near_poor or adj == "near-poor":
                return "other", "households", "near_poor_households_reduction"
            return "poor_households_reduction", "households", ""
        if adj == "near-poor" or re.match(r"\s*(?:living\s+)?near\s+the\s+poverty", rest, _I):
            return "near_poor_households", "households", ""
        if adj == "poor" or re.match(r"\s*(?:living\s+)?(?:under|below)\s+the\s+poverty", rest, _I):
            return "poor_households", "households", ""
        return "other", "households", "households_count"
    if unit_word == "others" and re.match(r"\s*(?:living\s+)?near\s+the\s+poverty", rest, _I):
        return "near_poor_households", "households", ""
    if unit_word in ("houses", "homes"):
        return "houses_supported", "houses", ""
    if unit_word in ("trainees", "jobs"):  # "vocational training to 8,500 trainees", "creating 35,000 jobs"
        return "workers_supported", "workers", ""
    if unit_word in _ANIMALS:
        return "other", "count", "animals_count"
    if unit_word in ("workers", "labourers") or (
        unit_word in ("people", "persons") and re.search(r"train|job|employ|vocation", near, _I)
    ):
        return "workers_supported", "workers" if unit_word != "people" else "people", ""
    if unit_word in ("people", "persons"):
        # the members of a group counted just before: "1,904 poor households (0.52%) with 6,456 people"
        gm = re.search(r"(?P<g>near[- ]poor|poor)\s+(?:households|families)\s*(?:\(.{0,30}\))?,?\s*with\s*$", near, _I)
        if gm:
            return "other", "people", ("near_poor" if "near" in gm.group("g").lower() else "poor") + "_people"
        return None
    return "other", "count", f"{unit_word}_count"


def extract_english_facts(doc: Doc, meta: dict) -> list[dict]:
    """Propose the facts of a document written in English (rows as :func:`study.extract.facts.extract_facts`)."""
    text = doc.content
    doc_year, dated = _doc_year(doc, meta)
    # the lead: the first three sentences of six words or more (not menus, banners or a "Log in" line)
    lead = " ".join([text[a:b] for a, b in doc.sentences if len(text[a:b].split()) >= 6][:3])
    lead_year, lead_end = _year_in(lead, last=False)
    # "this year" of an undated text: the year its lead reports on (the end of a period it reviews)
    now_year = doc_year or lead_end or lead_year
    review = None if dated else review_year(text)  # an undated text: the review it reports (guide 2.9.1)
    facts: list[dict] = []
    last_year: tuple[int | None, int | None] = (None, None)  # the last year named before a figure
    first_year = _year_in(text, last=False)[0]
    periods = re.search(rf"(?<!\d)({_YEAR})\s*[-–]\s*{_YEAR}(?!\d)", text)  # the first period the text names
    last_period: tuple[int, int] | None = None
    for s0, s1 in doc.sentences:
        sentence = text[s0:s1]
        para = doc.line_start(s0)
        if s0 == para and re.match(r"\s*\d{1,2}\.(?:\s|$)", sentence):  # a numbered section: no year carries in
            last_year = (None, None)
        if not dated and s0 == para and not (_GOES_ON.match(sentence) or text[:para].rstrip().endswith(":")):
            last_year = (None, None)  # an undated text: only the paragraph's own years date it (guide 2.9.7)
        for m in MENTION.finditer(sentence):
            a_val = _value(m.group("a"))
            if re.fullmatch(_YEAR, m.group("a")) and not (m.group("pa") or m.group("pb") or m.group("mult")):
                continue
            if re.match(r"\s*(?:km|ha|hectares|square|USD|US\$|\$)", sentence[m.end() :], _I) or re.search(
                r"(?:US\$|\$|No\.?\s*|Decision\s+No\.?\s*)$", sentence[: m.start()], _I
            ):
                continue
            after = sentence[m.end() : m.end() + 100]
            found = _indicator(sentence, m.start(), m, after)
            if found is None:
                continue
            indicator, unit, label = found
            paragraph = text[para : text.find("\n", s1) if "\n" in text[s1:] else len(text)]
            if _GOES_ON.match(paragraph) or re.match(r"\s*[-+•*]", paragraph) or text[:para].rstrip().endswith(":"):
                # "Of which, …", a list item or what follows a colon goes on with the paragraph before it
                paragraph = text[text[:para].rstrip().rfind("\n") + 1 : para] + paragraph
            if (
                not indicator.endswith(("_rate_pct", "_reduction_pp"))
                and unit != "billion_vnd"
                and not re.search(ENGLISH["poverty"], paragraph, _I)
            ):
                continue
            b_val = _value(m.group("b")) if m.group("b") else None
            factor = {"billion": 1.0, "trillion": 1000.0, "million": 0.001}.get((m.group("mult") or "").lower(), 1.0)
            if unit != "billion_vnd":
                factor = 1.0
            elif not m.group("mult"):
                factor = 1e-9
            before = sentence[: m.start()]
            # year: in the clause after the number ("in 2019", "by the end of 2025"), else before it
            ym = re.match(  # not past a comma: "it had fallen to 21.29 per cent, and is projected to … by 2025"
                rf"(?:[^.;,]|[.,](?=\d)){{0,120}}?(?:in|(?:by|at)\s+the\s+end(?:\s+of)?|by|of)\s+({_YEAR}|this\s+year)(?!\d)",
                after,
                _I,
            )
            if ym and ym.group(1)[0].isdigit():
                year, year_end = int(ym.group(1)), None
            elif ym:
                year, year_end = now_year, None
            else:
                year, year_end = _year_in(before)
            fm = re.match(rf"[^.;]{{0,120}}?for\s+the\s+(?:period\s+)?({_YEAR})\s*[-–]\s*({_YEAR})", after, _I)
            if year is None and fm:  # "proposes 02 options … for the 2022-2025 period": the period as written
                year, year_end = int(fm.group(1)), int(fm.group(2))
            if year is None and re.search(r"this\s+year|the\s+upcoming", sentence, _I) and now_year:
                year = now_year
            if year is None and re.search(r"last\s+year", sentence, _I) and now_year:
                year = now_year - 1
            level = indicator.endswith(("_rate_pct", "poor_households"))
            start = _START.search(before) or _START.search(sentence[m.end() :])
            if start and level and (start.group("y") or periods):
                # "At the beginning of 2021, … had 84,076 poor households": the review of 2020; "of the term":
                # of the year before the first period the text names
                year, year_end = int(start.group("y") or periods.group(1)) - 1, None
            if year is None and _NOW.search(sentence):  # "currently": the year of the date; undated, none
                # … unless the sentence or its paragraph reports a review: its year (guide 2.9.1)
                named = [y for _s, y in reviews(text[para:s1])] if level else []
                year = named[-1] if named else (doc_year if dated else review)
                if not dated:
                    last_year = (None, None)
            if year is None:
                year, year_end = last_year
            if year is None and dated:  # an undated text gives no year of its own (guide 2.9.7)
                year, year_end = (lead_year, lead_end) if lead_year else (doc_year or first_year, None)
            past = re.match(r"[^,;\d]{0,30}?(?:over|in|during)\s+the\s+(?:past|last)\s+(\w+)\s+years", after, _I)
            n = _NUMBER_WORDS.get(past.group(1).lower()) if past else None
            if n and now_year:  # "(an average fall of X) over the past five years": the years up to now
                year, year_end = now_year - n + 1, now_year
                if unit == "pp" and re.search(r"average", before[-40:], _I):
                    unit = "pp_per_year"
            elif unit.endswith("per_year"):  # an average per year: the period it runs over
                here = _year_in(sentence)
                over = (here if here[1] else None) or last_period or ((lead_year, lead_end) if lead_end else None)
                if over:
                    year, year_end = over
            default = "target" if meta["kind"] in ("plan", "directive", "resolution") else "actual"
            # no cue before the figure: what the sentence goes on with (``Of which, …`` after an expectation),
            # else a goal that opens an earlier sentence of its paragraph (``… sets a goal of striving …``)
            default = _carried_kind(text, doc, para, s0, sentence) or default
            kind = _kind(before, default, later=bool(year and now_year and year > now_year))
            if label in ("tasks_count", "solutions_count"):
                kind = "actual"  # "7 solutions and 6 main tasks": counts describing the document itself (guide 2.4)
            if year is None and review and level and kind in ("actual", "estimate"):
                year = review  # an undated text's levels with no year: the review it reports
            if year is None and kind == "target" and lead_end:  # an undated plan: its targets, of its period
                # a share or rate is due at the end of the period (as in Vietnamese texts)
                year, year_end = (lead_end, None) if unit == "pct" else (lead_year, lead_end)
            elif year is None and kind == "target" and lead_year and unit == "pct":
                year = lead_year  # "… aims to achieve the targets for 2025": a share or rate due then
            qualifier = ""
            qm = re.search(
                r"(?:more\s+than|over|nearly|about|under|almost|around|at\s+least)\s*(?:VND)?\s*$", before, _I
            )
            if qm:
                qualifier = ENGLISH["qualifiers"].get(" ".join(qm.group(0).lower().replace("vnd", "").split()), "")
            pair = re.search(r"from\s*$", before[-8:], _I) is not None
            ev = evidence_span(doc.text, s0 + m.start(), s0 + m.end(), s0, s1, phrases=doc.phrases)
            values = (
                dict(value=round(a_val * factor, 6))
                if b_val is None
                else dict(
                    value_min=round(min(a_val, b_val) * factor, 6), value_max=round(max(a_val, b_val) * factor, 6)
                )
            )
            facts.append(
                fact_row(
                    doc,
                    meta,
                    indicator=indicator,
                    unit=unit,
                    year=year - 1 if pair and year else year,
                    year_end=year_end if unit.endswith("per_year") or n else None,
                    kind="baseline" if pair else kind,
                    scope=scope_at(text, meta, (s0, s1), s0 + m.start(), s0 + m.end()),
                    qualifier=qualifier,
                    note="; ".join(x for x in (f"label={label}" if label else "", "read from English text") if x),
                    _ev=ev,
                    _pos=s0 + m.start(),
                    **values,
                )
            )
        y, y2 = _year_in(sentence)
        if not y and now_year and re.search(r"last\s+year", sentence, _I):
            y = now_year - 1  # "… earmarked over 732 billion VND last year. … came down to 1.69 percent": that year
        if y:
            last_year = (y, y2)
        if y2:
            last_period = (y, y2)
    mark_baselines(doc, facts)  # "At the beginning of 2021, … 21.24% … by the end of 2024, … 8.18%"
    facts.sort(key=lambda f: (f["_pos"], f["char_start"]))
    for i, row in enumerate(facts, 1):
        row["fact_id"] = f"{meta['doc_id']}-f{i:02d}"
    return facts
