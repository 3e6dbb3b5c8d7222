"""The extractor's vocabulary: the measure dictionary and the cue words that decide indicators and kinds.

The measure dictionary (terms per measure code, difficulty patterns, known national decisions) is
data: :func:`load_terms` reads ``data/dictionaries/measure_terms.toml`` (or another file laid out
the same way) and compiles it into :class:`Terms`. The cue words below are the general Vietnamese
wording of the coding guide (``docs/coding_guide.md``): they name no place, figure or phrase of a
particular document.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from study import paths, schema
from study.extract.errors import ExtractError
from study.extract.normalise import nfc
from study.extract.numbers import YEAR_PATTERN as _YR

__all__ = ["Terms", "decision_key", "default_terms_path", "load_terms"]


def default_terms_path() -> Path:
    """Return the measure dictionary shipped with the project (``data/dictionaries/measure_terms.toml``)."""
    return paths.root() / "data" / "dictionaries" / "measure_terms.toml"


# ---------------------------------------------------------------------------------------------
# the measure dictionary
# ---------------------------------------------------------------------------------------------
@dataclass
class Terms:
    """The compiled measure dictionary: patterns per code, difficulty patterns, known decisions."""

    codes: dict[str, list[tuple[str, re.Pattern]]]
    difficulty: list[re.Pattern]
    decisions: dict[str, dict]
    kind_cue: re.Pattern | None = None  # the [cues.kind] of the file, if it has them


def _compile_term(term: str, where: str) -> re.Pattern:
    if term.startswith("re:"):
        source = term[3:]
    else:
        source = r"\s+".join(re.escape(part) for part in term.split())
        source = rf"(?<!\w){source}(?!\w)"
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as error:
        raise ExtractError(f"{where}: term {term!r} is not a valid regular expression ({error})") from None


def load_terms(path: str | Path | None = None) -> Terms:
    """Read and compile the measure dictionary.

    Parameters
    ----------
    path : path-like, optional
        A TOML file laid out like ``data/dictionaries/measure_terms.toml``; the default is that file.

    Returns
    -------
    Terms

    Raises
    ------
    ExtractError
        If the file is missing or malformed, names an unknown measure code, or holds a bad pattern.
    """
    path = Path(path) if path else default_terms_path()
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ExtractError(f"{path}: measure dictionary not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ExtractError(f"{path}: not valid TOML ({error})") from None
    codes: dict[str, list[tuple[str, re.Pattern]]] = {}
    for code, table in data.get("codes", {}).items():
        if code not in schema.MEASURE_CODES:
            raise ExtractError(
                f"{path}: unknown measure code {code!r}; expected one of " + ", ".join(schema.MEASURE_CODES)
            )
        terms = table.get("terms", [])
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ExtractError(f"{path}: [codes.{code}] terms must be a list of strings")
        codes[code] = [(nfc(t), _compile_term(nfc(t), f"{path} [codes.{code}]")) for t in terms]
    difficulty = [_compile_term(nfc(t), f"{path} [settings]") for t in data.get("settings", {}).get("difficulty", [])]
    decisions = {decision_key(k): v for k, v in data.get("decisions", {}).items()}
    cues = data.get("cues", {})
    try:
        kind_cue = kind_pattern(cues) if cues.get("kind") else None
    except re.error as error:
        raise ExtractError(f"{path}: [cues.kind] holds a bad pattern ({error})") from None
    return Terms(codes, difficulty, decisions, kind_cue)


def decision_key(number: str) -> str:
    """Return the number of a legal document without spaces, upper-cased (``90/QĐ-TTg`` → ``90/QĐ-TTG``)."""
    return re.sub(r"\s+", "", nfc(number)).upper()


# ---------------------------------------------------------------------------------------------
# cue words: kind of value (estimate, target, actual)
# ---------------------------------------------------------------------------------------------
def _phrase(term: str) -> str:
    """The regular expression of a dictionary phrase (``re:`` terms are taken as they are)."""
    if term.startswith("re:"):
        return term[3:]
    return r"\s+".join(re.escape(part) for part in nfc(term).split())


def _alternatives(terms: list[str]) -> str:
    return "|".join(_phrase(t) for t in sorted(terms, key=len, reverse=True))


def _cues(path: Path | None = None) -> dict:
    """The ``[cues]`` tables of the dictionary (the shipped file by default); empty if it has none."""
    try:
        with (path or default_terms_path()).open("rb") as handle:
            return tomllib.load(handle).get("cues", {})
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def kind_pattern(cues: dict) -> re.Pattern:
    """Compile the ``[cues.kind]`` lists into the pattern that :func:`study.extract.years.kind_from_cues` reads."""
    kind = cues.get("kind", {})
    return re.compile(
        r"(?<!\w)(?:"
        rf"(?P<est>{_alternatives(kind.get('estimate', ['ước']))})"
        rf"|(?P<tgtyear>(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?(?:cuối\s+năm\s+|hết\s+năm\s+)?(?P<ty>{_YR}))"
        rf"|(?P<tgt>{_alternatives(kind.get('target', ['phấn đấu']))})"
        rf"|(?P<act>{_alternatives(kind.get('actual', ['đã']))})"
        r")(?!\w)",
        re.IGNORECASE,
    )


_CUES = _cues()
#: The kind cues of the shipped dictionary (``[cues.kind]`` of ``measure_terms.toml``).
KIND_CUE = kind_pattern(_CUES)
#: Words that open a sentence continuing the one before it (``[cues.continuation]``: "Trong đó: …").
CONTINUATION = re.compile(
    rf"[\s\-–•+*]*(?:{_alternatives(_CUES.get('continuation', {}).get('words', ['trong đó']))})(?!\w)",
    re.IGNORECASE,
)

#: Words right before ``rà soát`` that make it a review whose results the text reports (``[cues.review]
#: results``): ``Theo kết quả rà soát hộ nghèo năm 2024``, ``phê duyệt kết quả rà soát …``.
REVIEW_RESULT = re.compile(
    rf"(?<!\w)(?:{_alternatives(_CUES.get('review', {}).get('results', ['kết quả']))})(?:[\s,]+\w+){{0,3}}[\s,]*$",
    re.IGNORECASE,
)

#: A period after the one named before ("giai đoạn mới", "giai đoạn tới", "thời gian tới"): its years
#: are not given, so a figure after it takes no year from the period named earlier.
NEXT_PERIOD = re.compile(r"(?:giai\s+đoạn|thời\s+kỳ|thời\s+gian)\s+(?:mới|tới|tiếp\s+theo|sau)(?!\w)", re.IGNORECASE)
#: Words that restate what was just said in other terms ("…, tương đương tỷ lệ giảm từ …").
RESTATES = re.compile(r"tương\s+(?:đương|ứng)", re.IGNORECASE)

# ---------------------------------------------------------------------------------------------
# cue words: indicators
# ---------------------------------------------------------------------------------------------
#: Qualifiers written before a number, and the coding guide's spelling of some of them.
QUALIFIER = re.compile(
    r"(?<!\w)(?P<q>hơn|gần|trên|dưới|khoảng|ít\s+nhất|tối\s+thiểu|xấp\s+xỉ|chừng|không\s+dưới)\s*$",
    re.IGNORECASE,
)
QUALIFIER_MAP = {"tối thiểu": "ít nhất", "không dưới": "ít nhất", "xấp xỉ": "khoảng", "chừng": "khoảng"}
#: Words that make a rate or a fall a rate per year.
PER_YEAR = re.compile(
    r"mỗi\s+năm|hằng\s+năm|hàng\s+năm|theo\s+từng\s+năm|/\s*năm|bình\s+quân[^.;]{0,30}năm", re.IGNORECASE
)
#: A rate (``tỷ lệ hộ nghèo``) or a link word (``chiếm``, ``bằng``) before a percentage.
RATE = re.compile(
    r"(?<!\w)(?:tỷ|tỉ)\s+lệ(?P<rest>(?:\s+hộ)?(?:\s+(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|"
    r"nghèo,\s+(?:hộ\s+)?cận\s+nghèo|nghèo\s+đa\s+chiều|cận\s+nghèo|nghèo|HN(?!\w)|HCN(?!\w)))?)"
    r"|(?<!\w)(?P<link>chiếm|bằng)(?!\w)",
    re.IGNORECASE,
)
#: A count of a household group whose noun comes before it and is not repeated (``Số hộ nghèo … là 24.839,``).
BARE_COUNT = re.compile(r"(?<!\w)số\s+hộ\s+(?:cận\s+)?nghèo[^\d;.:]{0,40}\s(?:là|còn)\s*$", re.IGNORECASE)
HOUSEHOLD_MENTION = re.compile(
    r"hộ\s+(?P<grp>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|nghèo,\s+(?:hộ\s+)?cận\s+nghèo|cận\s+nghèo|nghèo)",
    re.IGNORECASE,
)
#: A noun naming a household group: ``hộ nghèo``, ``tỷ lệ hộ cận nghèo``, a bare ``cận nghèo`` after a
#: comma, and the abbreviations ``HN`` (hộ nghèo) and ``HCN`` (hộ cận nghèo). The subject of a clause.
GROUP_NOUN = re.compile(
    r"(?<!\w)(?:(?:hộ|tỷ\s+lệ(?:\s+hộ)?)\s+)?(?P<g>nghèo\s+và\s+(?:hộ\s+)?cận\s+nghèo|nghèo,\s+(?:hộ\s+)?cận\s+nghèo|"
    r"(?<!thoát\s)(?<!sang\s)cận\s+nghèo|HN|HCN|(?<=hộ\s)nghèo|(?<=lệ\s)nghèo\s+đa\s+chiều|(?<=lệ\s)nghèo|(?<=lệ\sgiảm\s)nghèo)(?!\w)",
    re.IGNORECASE,
)
#: Words right after ``hộ (cận) nghèo`` that make a sub-population of the group, not the group
#: (``hộ nghèo không có khả năng lao động``, ``… có thành viên là người có công``).
SUBGROUP_AFTER = re.compile(
    rf"\s*(?:{_alternatives(_CUES.get('subgroup', {}).get('after', ['không có khả năng']))})", re.IGNORECASE
)
#: The same words between a group noun and the number it governs (``hộ nghèo không có khả năng lao
#: động 2.580 hộ``).
SUBGROUP_BEFORE = re.compile(
    _alternatives(_CUES.get("subgroup", {}).get("before", ["không có khả năng"])), re.IGNORECASE
)
HOUSING = re.compile(
    r"nhà\s+ở|nhà\s+tạm|dột\s+nát|xây\s+(dựng\s+|mới\s+)?nhà|sửa\s+chữa\s+nhà|làm\s+nhà", re.IGNORECASE
)
#: Words after a percentage that do not start the name of a share (``80% hộ nghèo`` does; ``11% tính theo
#: chuẩn …`` does not).
SHARE_STOP = set(
    "so trở và trên dưới đến tới vào năm tương theo là của khi thì trong sau với mỗi hằng hàng bình ở còn"
    " giảm tăng nhưng đạt hoặc hay xuống lên đề cả kế nhằm để do vượt cao thấp tính".split()
) - {"kế"}
OTHER_PCT_LABELS = (
    (r"học\s+phí", "tuition_exemption_poor_pupils_pct"),
    (r"bảo\s+hiểm\s+y\s+tế|thẻ\s+bảo\s+hiểm", "health_insurance_poor_elderly_pct"),
    (r"tiền\s+điện", "electricity_support_poor_pct"),
    (r"đào\s+tạo\s+nghề|học\s+nghề|độ\s+tuổi\s+lao\s+động", "vocational_training_poor_working_age_pct"),
    (r"vay\s+vốn|cho\s+vay|nhu\s+cầu\s+về\s+vốn|tín\s+dụng", "credit_access_poor_near_poor_pct"),
    (r"chính\s+sách[^.;]{0,30}(đến\s+tay|đối\s+tượng)", "policies_reaching_beneficiaries_pct"),
    (r"kế\s+hoạch\s+giao|vốn\s+đầu\s+tư\s+công|giải\s+ngân", "public_investment_plan_pct"),
)
#: A plan named right after a percentage, or after ``so với`` after it (``[cues.plan] words``): ``đạt 125%
#: kế hoạch``, ``đạt 192,5% so với chỉ tiêu tỉnh giao``, ``vượt 0,5% so với Nghị quyết``.
PLAN_AFTER = re.compile(
    rf"\s*\)?\s*(?:so\s+với\s+)?(?:{_alternatives(_CUES.get('plan', {}).get('words', ['kế hoạch']))})",
    re.IGNORECASE,
)
#: A plan named anywhere before a bare ``đạt X%`` of its clause (``Các địa phương đạt kế hoạch như: …``).
PLAN_WORD = re.compile(rf"(?<!\w)(?:{_alternatives(_CUES.get('plan', {}).get('words', ['kế hoạch']))})", re.IGNORECASE)
#: The same words between ``vượt`` and a percentage: ``vượt chỉ tiêu 0,2%``, ``vượt kế hoạch 15%``.
PLAN_EXCEEDED = re.compile(
    rf"(?<!\w)vượt\s+(?:mức\s+)?(?:so\s+với\s+)?(?:{_alternatives(_CUES.get('plan', {}).get('words', ['kế hoạch']))})"
    r"[^\d,;()]{0,30}$",
    re.IGNORECASE,
)
#: Loans of the social-policy bank and their overdue part (``[cues.credit]``).
CREDIT_LOANS = re.compile(_alternatives(_CUES.get("credit", {}).get("loans", ["dư nợ"])), re.IGNORECASE)
CREDIT_OVERDUE = re.compile(_alternatives(_CUES.get("credit", {}).get("overdue", ["nợ quá hạn"])), re.IGNORECASE)
#: Members of a poor group named inside a rate of something else ("tỷ lệ lao động thuộc hộ nghèo …").
POOR_MEMBERS = re.compile(r"(?:thuộc|của)\s+(?:các\s+)?(?:hộ\s+)?(?:nghèo|cận\s+nghèo|HN|HCN)(?!\w)", re.IGNORECASE)
#: Words that put a count or an amount in a poverty context, and words of the economy that do not.
POVERTY_WORDS = re.compile(
    r"nghèo|khó\s+khăn|thoát|trợ\s+cấp|trợ\s+giúp|hỗ\s+trợ|ưu\s+tiên|hưởng|bảo\s+trợ|"
    r"chính\s+sách|vay|nhà|việc\s+làm|đào\s+tạo|kế\s+hoạch|ngân\s+sách|vốn|quỹ|"
    r"người\s+có\s+công|an\s+sinh|bảo\s+hiểm|học\s+phí|đối\s+tượng|giải\s+ngân|kinh\s+phí|phân\s+bổ|"
    r"dư\s+nợ|tín\s+dụng|thu\s+nợ",  # the social-policy bank's loans outstanding and lent
    re.IGNORECASE,
)


def _unit_nouns(units: dict) -> tuple[re.Pattern | None, list[tuple[re.Pattern, str, str]]]:
    """Compile ``[cues.units]``: one pattern for any noun, and (pattern, unit, label) per noun."""
    entries = []
    for family in units.values():
        if not isinstance(family, dict):
            continue  # "names": words after a noun, read by UNIT_NAME
        for noun, label in family.get("nouns", {}).items():
            entries.append((noun, family.get("unit", "count"), label))
    if not entries:
        return None, []
    # the longest noun first, so that "tấn xi măng" wins over "tấn"
    entries.sort(key=lambda e: len(e[0]), reverse=True)
    compiled = [(re.compile(rf"(?:{_phrase(n)})(?!\w)", re.IGNORECASE), u, lab) for n, u, lab in entries]
    alternatives = "|".join(f"(?:{_phrase(n)})" for n, _u, _l in entries)
    any_noun = re.compile(rf"\s*(?P<u>{alternatives})(?!\w)(?!\s*/)", re.IGNORECASE)
    return any_noun, compiled


#: A noun of ``[cues.units]`` right after a number (``67 tấn xi măng``, ``12 chương trình tín dụng``):
#: the number gives an ``other`` row labelled from the noun, unless a named indicator takes it; not a
#: rate per unit (``5 tấn/ha``).
UNIT_NOUN, UNIT_NOUNS = _unit_nouns(_CUES.get("units", {}))
#: Words right after such a noun that make it a name (``3 Chương trình mục tiêu quốc gia``), not a count.
UNIT_NAME = re.compile(
    rf"\s*(?:{_alternatives(_CUES.get('units', {}).get('names', ['mục tiêu quốc gia']))})(?!\w)", re.IGNORECASE
)


def unit_noun_label(noun: str) -> tuple[str, str]:
    """Return ``(unit, label)`` of a noun matched by :data:`UNIT_NOUN`."""
    for pattern, unit, label in UNIT_NOUNS:
        if pattern.fullmatch(noun):
            return unit, label
    return "count", "count"


_ACCESS = _CUES.get("access", {})
#: The people a share of access to a basic service counts (``[cues.access] who``: ``hộ dân``, ``trẻ em``).
ACCESS_WHO = re.compile(rf"(?<!\w)(?:{_alternatives(_ACCESS.get('who', ['hộ dân']))})(?!\w)", re.IGNORECASE)
#: The services of the multidimensional poverty standard (``[cues.access.services]``), as (pattern, label).
ACCESS_SERVICES = [
    (re.compile(rf"(?<!\w)(?:{_alternatives(terms)})(?!\w)", re.IGNORECASE), f"access_{name}_pct")
    for name, terms in _ACCESS.get("services", {}).items()
]

_INCOME = _CUES.get("income", {})
#: Words that make an amount per head and time an income (``[cues.income] words``), the groups it must
#: be of (``groups``), and the sentences where it is not a poverty figure (``not_in``: GRDP, a standard).
INCOME_WORDS = re.compile(_alternatives(_INCOME.get("words", ["thu nhập"])), re.IGNORECASE)
INCOME_GROUPS = re.compile(_alternatives(_INCOME.get("groups", ["nghèo"])), re.IGNORECASE)
INCOME_NOT = re.compile(_alternatives(_INCOME.get("not_in", ["GRDP"])), re.IGNORECASE)
#: An amount per head or household and time, right after the money unit: ``/người/năm``, ``/khẩu/tháng``.
PER_HEAD = re.compile(r"\s*/\s*(?:người|khẩu|nhân\s+khẩu|hộ)(?:\s*/\s*(?P<per>năm|tháng))?(?!\w)", re.IGNORECASE)

ECONOMY_WORDS = re.compile(
    r"GRDP|GDP|(?<!hỗ\strợ\s)thu\s+nhập|doanh\s+thu|kim\s+ngạch|tổng\s+sản\s+phẩm|thu\s+ngân\s+sách|"
    r"giá\s+trị\s+sản\s+xuất|tăng\s+trưởng|dân\s+số|diện\s+tích|sản\s+lượng",
    re.IGNORECASE,
)


# ---------------------------------------------------------------------------------------------
# names of places
# ---------------------------------------------------------------------------------------------
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
NAME = rf"[{UPPER}][\w']*(?:\s+[{UPPER}][\w']*){{0,3}}"
#: A named district-level unit (``huyện``, ``thị xã``, ``quận``, a city of a province ``thành phố`` /
#: ``TP``) or commune-level unit (``xã``, ``phường``, ``thị trấn``), any case: ``Huyện Cai Lậy``,
#: ``TP. Phan Rang-Tháp Chàm``, ``TX. Gò Công`` (thị xã). Whether a ``thành phố`` is a province is decided
#: from the gazetteer.
SUBUNIT = re.compile(
    rf"(?<!\w)(?P<level>(?i:huyện|thị\s+xã|quận|thành\s+phố|thị\s+trấn|phường|xã)|TP\.?|TX\.?)\s*"
    rf"(?P<name>(?!(?:Ủy|Uỷ|Đảng|Hội|Đoàn)(?!\w))[{UPPER}][\w'-]*(?:\s+[{UPPER}][\w'-]*){{0,3}})"
)
#: The levels of :data:`SUBUNIT` that are districts (the others are communes).
DISTRICT_LEVELS = ("huyện", "thị xã", "quận", "thành phố", "tp", "tp.", "tx", "tx.")

# ---------------------------------------------------------------------------------------------
# cue words: scope (coding guide 2.5; the phrase lists are [cues.scope] of measure_terms.toml)
# ---------------------------------------------------------------------------------------------
_SCOPE = _CUES.get("scope", {})
#: Ethnic-minority households: the phrases of ``[cues.scope] ethnic`` and a named people after
#: ``dân tộc`` / ``người`` / ``đồng bào`` (``hộ nghèo dân tộc Khmer``, ``2 hộ là người Hoa``), not the
#: majority Kinh; English ``Khmer``, ``H'Mong``… before ``ethnic`` are in the phrases.
ETHNIC = re.compile(
    rf"(?:{_alternatives(_SCOPE.get('ethnic', ['dân tộc thiểu số']))})"
    rf"|(?<!\w)(?i:dân\s+tộc|người|đồng\s+bào)\s+(?-i:(?!(?:Kinh|Việt)(?!\w))[{UPPER}][\w'-]+)"
    rf"|(?<!\w)(?-i:[{UPPER}][\w'-]+)\s+ethnic(?!\w)",
    re.IGNORECASE,
)
#: The poor districts and the poorest communes as a group (``[cues.scope] poor_areas``).
POOR_AREAS = re.compile(_alternatives(_SCOPE.get("poor_areas", ["huyện nghèo"])), re.IGNORECASE)
#: "cả nước" / "toàn quốc" naming the nation (``[cues.scope] national``), not in a ranking ("đông thứ 4
#: cả nước", "cao nhất cả nước") and not the national poverty standard ("theo chuẩn nghèo cả nước").
NATIONAL = re.compile(
    r"(?<!thứ\s)(?<!\d\s)(?<!nhất\s)(?<!đầu\s)(?<!chuẩn\snghèo\s)(?<!chuẩn\s)"
    rf"(?:{_alternatives(_SCOPE.get('national', ['cả nước', 'toàn quốc']))})",
    re.IGNORECASE,
)
#: The words opening a topic fronted at the head of a clause (``Riêng …,``, ``Tại …,``).
SCOPE_OPENER = re.compile(
    rf"[\s\-–•+*(“\"]*(?:{_alternatives(_SCOPE.get('openers', ['riêng', 'tại']))})(?!\w)", re.IGNORECASE
)
#: Units of territory counted or shared out right after a number (``5 xã``, ``25 thôn``, ``95% ấp``):
#: such a figure is the province's own, whatever group its units belong to (``[cues.scope] units``).
TERRITORY = re.compile(rf"\s*(?:{_alternatives(_SCOPE.get('units', ['xã', 'huyện']))})(?!\w)", re.IGNORECASE)
#: A clause with no subject of its own, opening with a verb of change or share ("; giảm 4,34% so với
#: năm 2023"): it goes on with the group of the clause before it.
VERB_OPENING = re.compile(r"[\s(]*(?:và\s+)?(?:giảm|tăng|đạt|chiếm|còn)(?!\w)", re.IGNORECASE)
#: Regions of the province (``khu vực miền núi``, ``vùng đồng bằng``): a figure they head is a sub-area's.
AREAS = re.compile(_alternatives(_SCOPE.get("areas", ["khu vực miền núi"])), re.IGNORECASE)
#: Words between a named district and a number that bring the figure back to the province (``toàn tỉnh``).
PROVINCE_WORD = re.compile(_alternatives(_SCOPE.get("province", ["toàn tỉnh"])), re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# English texts (study.extract.english)
# ---------------------------------------------------------------------------------------------
ENGLISH = {
    # the kind of a figure from the last cue before it: estimates, then targets, then results
    "kind": re.compile(
        rf"(?<!\w)(?:(?P<est>{_alternatives(_CUES.get('english', {}).get('estimate', ['expected']))})"
        rf"|(?P<tgt>{_alternatives(_CUES.get('english', {}).get('target', ['will']))})"
        rf"|(?P<act>{_alternatives(_CUES.get('english', {}).get('actual', ['had']))}))(?!\w)",
        re.IGNORECASE,
    ),
    # a count or an amount is a poverty fact only in a sentence with one of these words
    "poverty": r"poor|poverty|needy|deprived|disadvantaged|welfare|social\s+policy|loans?|houses?|livelihood",
    # English hedges and the coding guide's qualifiers
    "qualifiers": {
        "more than": "hơn",
        "over": "trên",
        "nearly": "gần",
        "almost": "gần",
        "about": "khoảng",
        "around": "khoảng",
        "under": "dưới",
        "at least": "ít nhất",
    },
}
