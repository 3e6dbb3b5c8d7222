"""The home page's headline items, from plain data (so that a findings structure can feed it later).

:func:`gather` takes plain records of what the runs saved (no paths, no package objects) and returns
the items the home template shows: a title, a short generated text, a figure, an optional small table
and the page it comes from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from study.present.i18n import fmt_list, fmt_pct, t

TEXT = {
    "vi": {
        "map": "Bản đồ năm {year}",
        "map_text": "{n} tỉnh có số liệu năm {year}; cao nhất {top} ({top_value}), thấp nhất {low} ({low_value}).",
        "change": "Thay đổi từ năm 2021",
        "change_text": "Tỷ lệ hộ nghèo của các tỉnh cũ (trước sáp nhập) qua các năm, cùng một thang màu cho mọi năm.",
        "targets": "Mục tiêu: đạt và chưa đạt",
        "targets_text": "{n} mục tiêu quốc gia: {counts}.",
        "measures": "Giải pháp theo vùng",
        "measures_text": (
            "{n} văn bản đã mã hóa (văn bản chính thức và bài báo): các nhóm giải pháp được nêu, so sánh theo vùng."
        ),
        "columns": ["mục tiêu", "năm", "tình trạng"],
        "status": {
            "met": "đạt",
            "on_track": "đúng hướng",
            "missed": "không đạt",
            "off_track": "chệch hướng",
            "unknown": "chưa đo được",
        },
    },
    "en": {
        "map": "The map of {year}",
        "map_text": "{n} provinces with figures for {year}; highest {top} ({top_value}), lowest {low} ({low_value}).",
        "change": "Change since 2021",
        "change_text": "The poor household rate of the former provinces (before the merger) by year, one colour scale.",
        "targets": "Targets met and missed",
        "targets_text": "{n} national targets: {counts}.",
        "measures": "Measures by region",
        "measures_text": (
            "{n} coded texts (documents and press reports): the kinds of measure they name, compared by region."
        ),
        "columns": ["target", "year", "status"],
        "status": {
            "met": "met",
            "on_track": "on track",
            "missed": "missed",
            "off_track": "off track",
            "unknown": "not measurable yet",
        },
    },
}


def _status(code: str, lang: str) -> str:
    """A target status in words, from the catalogue."""
    try:
        return t(lang, f"status.{code}")
    except KeyError:
        return code


def _pick(records: Sequence[Mapping], notebook: str, lang: str) -> Mapping | None:
    same = [r for r in records if r.get("notebook") == notebook]
    return next((r for r in same if r.get("lang") == lang), same[0] if same else None)


def _png(record: Mapping, pattern: str) -> list[str]:
    return sorted(f for f in record.get("figures", []) if f.endswith(".png") and re.search(pattern, f))


def _tied(rows: list[tuple[str, float]], value: float, lang: str) -> str:
    """The names of the units whose value is ``value``, in name order, joined as a list."""
    return fmt_list(sorted(str(name) for name, v in rows if abs(v - value) < 1e-9), lang)


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def gather(records: Sequence[Mapping], lang: str) -> list[dict]:
    """Return the home page's headline items in ``lang``.

    Parameters
    ----------
    records : sequence of mapping
        One per run: ``notebook``, ``lang`` (or None), ``page`` and ``files`` (hrefs from the site
        root), ``title``, ``figures`` (file names in the run's folder) and ``tables`` (file name to a
        list of row dicts, as read from the CSV).
    lang : {"vi", "en"}

    Returns
    -------
    list of dict
        ``key``, ``title``, ``text``, ``figure`` (href from the site root or None), ``link`` (the page),
        ``link_title``, ``table`` (``{"columns": [...], "rows": [[...]]}`` or None).
    """
    words = TEXT["vi" if lang == "vi" else "en"]
    items = []
    compare = _pick(records, "compare_provinces", lang)
    if compare:
        maps = _png(compare, r"(^|/)map_")
        dated = sorted(((int(m.group(1)), f) for f in maps if (m := re.search(r"_(\d{4})_", f))), reverse=True)
        if dated:
            year, figure = dated[0]
            table = compare.get("tables", {}).get(re.sub(r"^map_", "values_", figure)[:-4] + ".csv") or []
            rows = [(r.get("province"), _number(r.get("value"))) for r in table]
            rows = [r for r in rows if r[1] is not None]
            text = ""
            if rows:
                high, low = max(v for _, v in rows), min(v for _, v in rows)
                text = words["map_text"].format(
                    n=len(rows),
                    year=year,
                    top=_tied(rows, high, lang),  # every unit at the extreme, in name order: a tie is a tie
                    top_value=fmt_pct(high, lang),
                    low=_tied(rows, low, lang),
                    low_value=fmt_pct(low, lang),
                )
            items.append(
                {
                    "key": "map",
                    "title": words["map"].format(year=year),
                    "text": text,
                    "figure": compare["files"] + figure,
                    "link": compare["page"],
                    "link_title": compare.get("title", ""),
                    "table": None,
                }
            )
        multiples = _png(compare, r"small_multiples|change")
        if multiples:
            items.append(
                {
                    "key": "change",
                    "title": words["change"],
                    "text": words["change_text"],
                    "figure": compare["files"] + multiples[0],
                    "link": compare["page"],
                    "link_title": compare.get("title", ""),
                    "table": None,
                }
            )
    targets = _pick(records, "targets_tracking", lang)
    if targets:
        table = targets.get("tables", {}).get("national_targets.csv") or []
        counts: dict[str, int] = {}
        for row in table:
            counts[str(row.get("status") or "unknown")] = counts.get(str(row.get("status") or "unknown"), 0) + 1
        text = (
            words["targets_text"].format(
                n=len(table), counts=", ".join(f"{n} {_status(k, lang)}" for k, n in sorted(counts.items()))
            )
            if table
            else ""
        )
        figures = _png(targets, r".")
        rows = [[r.get("target", ""), r.get("year", ""), _status(str(r.get("status")), lang)] for r in table]
        small = {"columns": words["columns"], "rows": rows} if table else None
        items.append(
            {
                "key": "targets",
                "title": words["targets"],
                "text": text,
                "figure": targets["files"] + figures[0] if figures else None,
                "link": targets["page"],
                "link_title": targets.get("title", ""),
                "table": small,
            }
        )
    measures = _pick(records, "policy_measures", lang)
    if measures:
        table = measures.get("tables", {}).get("measures_by_region.csv") or []
        n_documents = sum(int(_number(row.get("documents")) or 0) for row in table)
        figures = _png(measures, r"heatmap|region") or _png(measures, r".")
        items.append(
            {
                "key": "measures",
                "title": words["measures"],
                "text": words["measures_text"].format(n=n_documents) if n_documents else "",
                "figure": measures["files"] + figures[0] if figures else None,
                "link": measures["page"],
                "link_title": measures.get("title", ""),
                "table": None,
            }
        )
    return items
