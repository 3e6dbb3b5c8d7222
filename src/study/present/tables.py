"""Tables fit to print: headers in words in the reader's language, numbers in the reader's style.

Counts are whole numbers with thousands separators, rates have a fixed number of decimals, a
missing value is "–" (with a legend under the table), and no cell holds ``NaN``, ``<NA>`` or
rounding noise. These tables are for reading; the CSV files saved next to the notebooks keep the
tidy, full-precision data.
"""

from __future__ import annotations

import pandas as pd

from study.analysis.findings.sources import publisher, text
from study.present.i18n import MISSING, fmt_count, fmt_date_text, fmt_number, t
from study.present.issuers import publisher_label
from study.present.titles import display_title

RATE_DECIMALS = 2
"""Decimals of a rate in a printed table (the sources print at most two or three)."""


class PrintTable(pd.DataFrame):
    """A printed table that a notebook shows whole: every row, every column, every cell uncut.

    pandas shortens a long frame to its first and last five rows and cuts long cells with "...";
    a table a reader is meant to read (63 provinces, 286 targets, document titles) must not be.
    """

    @property
    def _constructor(self):
        return PrintTable

    def _repr_html_(self) -> str:
        with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.max_colwidth", None):
            return super()._repr_html_()

    def __repr__(self) -> str:
        with pd.option_context(
            "display.max_rows", None, "display.max_columns", None, "display.max_colwidth", None, "display.width", None
        ):
            return super().__repr__()


def cell(value, kind: str, lang: str) -> str:
    """One printed cell: ``kind`` is ``count``, ``rate``, ``year`` or ``text``; missing values are "–"."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return MISSING
    if kind == "count":
        return fmt_count(value, lang)
    if kind == "rate":
        return fmt_number(value, lang, decimals=RATE_DECIMALS)
    if kind == "year":
        return str(int(value))
    text = str(value).strip()
    return text or MISSING


def decimals_of(values: pd.Series, most: int = 3) -> int:
    """The fewest decimals (at least :data:`RATE_DECIMALS`, at most ``most``) that show every value as printed."""
    for decimals in range(RATE_DECIMALS, most + 1):
        if all(pd.isna(v) or round(float(v), decimals) == round(float(v), most) for v in values):
            return decimals
    return most


def _column(values: pd.Series, kind: str, lang: str) -> list[str]:
    if kind == "rate":  # one number of decimals per column, enough to show what the sources print
        decimals = decimals_of(values)
        return [MISSING if pd.isna(v) else fmt_number(v, lang, decimals=decimals) for v in values]
    return [cell(v, kind, lang) for v in values]


def printable(frame: pd.DataFrame, kinds: dict[str, str], lang: str) -> pd.DataFrame:
    """Return ``frame`` as text cells with headers in words (``table.<column>`` of the catalogue).

    Parameters
    ----------
    frame : pandas.DataFrame
    kinds : dict
        Column -> ``count``, ``rate``, ``year`` or ``text``; only these columns are kept, in this order.
    lang : {"vi", "en"}
    """
    out = PrintTable({t(lang, f"table.{column}"): _column(frame[column], kind, lang) for column, kind in kinds.items()})
    out.index = range(1, len(out) + 1)
    return out


def legend(lang: str) -> str:
    """The line under a printed table that says what "–" means."""
    return t(lang, "table.missing_legend")


def review_table(panel: pd.DataFrame, lang: str, review: pd.DataFrame | None = None) -> pd.DataFrame:
    """A province's review figures by year (``load.poverty_panel`` rows), printed.

    With ``review`` (the same province's ``load.poverty_review`` rows) each figure that is not an
    end-of-year review result is marked in its own cell ("690 (tạm tính)"), because one year's row
    can hold an end-of-year rate beside an interim count; without it the row lists the reference
    points of its values.
    """
    frame = panel.copy()
    for rate, count in (("poor_rate_pct", "poor_households"), ("near_poor_rate_pct", "near_poor_households")):
        zero = frame[rate].isna() & (frame[count] == 0)  # zero is zero: no household counted is a rate of 0
        frame.loc[zero, rate] = 0.0
    frame["reference_point"] = [
        "; ".join(t(lang, f"table.{p}") for p in str(v).split(";") if p) if isinstance(v, str) else None
        for v in frame["reference_points"]
    ]
    frame["conflict"] = [t(lang, "table.yes") if bool(v) else "" for v in frame["any_conflict"].fillna(False)]
    kinds = {
        "year": "year",
        "poor_households": "count",
        "poor_rate_pct": "rate",
        "near_poor_households": "count",
        "near_poor_rate_pct": "rate",
        "total_households": "count",
        "reference_point": "text",
        "conflict": "text",
    }
    if review is None:
        return printable(frame, kinds, lang)
    del kinds["reference_point"]
    out = printable(frame, kinds, lang)
    points = {
        (int(r["year"]), r["indicator"]): r["reference_point"]
        for r in review.to_dict("records")
        if r["reference_point"] != "end_of_year"
    }
    for i, year in enumerate(frame["year"]):
        for column in ("poor_households", "poor_rate_pct", "near_poor_households", "near_poor_rate_pct"):
            point = points.get((int(year), column))
            header = t(lang, f"table.{column}")
            if point and out.iat[i, out.columns.get_loc(header)] != MISSING:
                out.iat[i, out.columns.get_loc(header)] += f" ({t(lang, f'table.{point}')})"
    return out


def _kind_label(doc: dict, lang: str) -> str | None:
    """A document's kind in words; a plan, report or resolution read in a newspaper is an article on it."""
    kind = doc.get("kind")
    if not kind:
        return None
    label = t(lang, f"doc_kind.{kind}")
    if kind != "article" and publisher(doc) != text(doc.get("issuer")):
        return t(lang, "doc_kind.reported", kind=label)
    return label


def documents_table(documents: list[dict], lang: str) -> pd.DataFrame:
    """The coded documents of a page (title, publisher, date, kind), printed.

    The publisher is the issuer of a plan, report or resolution and the site of an article
    (:func:`study.present.issuers.publisher_label`); a plan, report or resolution read in a
    newspaper is given as an article on it, since the text coded is the newspaper's.
    """
    frame = pd.DataFrame(documents, columns=["title", "issuer", "doc_date", "kind", "source_url", "source"])
    frame["issuer"] = [publisher_label(d, lang) or None for d in frame.to_dict("records")]
    frame["title"] = [display_title(v, lang) if isinstance(v, str) else None for v in frame["title"]]
    frame["date"] = [fmt_date_text(v, lang) or None if isinstance(v, str) else None for v in frame["doc_date"]]
    frame["kind"] = [_kind_label(d, lang) for d in documents]
    return printable(frame, {"title": "text", "issuer": "text", "date": "text", "kind": "text"}, lang)


def comparison_table(values: pd.DataFrame, indicator: str, lang: str) -> pd.DataFrame:
    """The values of a comparison, largest first, missing last, with each unit's status in words."""
    frame = values.sort_values(["value", "province"], ascending=[False, True], na_position="last").copy()
    frame["status"] = [t(lang, f"unit_status.{s}") for s in frame["status"]]
    frame[indicator] = frame["value"]
    kinds = {"province": "text", indicator: "rate" if indicator.endswith("_pct") else "count", "status": "text"}
    if "parts" in frame:
        kinds.update({"parts": "text", "covered": "text"})
    return printable(frame, kinds, lang)


def survey_table(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Provinces with both a review and a survey rate, the largest gap first."""
    return printable(gaps, {"province": "text", "review": "rate", "survey": "rate", "difference": "rate"}, lang)


def measures_table(shares: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The measures-by-region table as printed: measures down, regions across, in ``lang``.

    ``shares`` is :func:`study.analysis.policy.by_region`. Cells are whole percentages of the
    region's documents; the first row gives how many documents each column rests on.
    """
    from study.registry import provinces
    from study.schema import MEASURE_CODES

    codes = [c for c in MEASURE_CODES if c in shares.columns]
    printed = (shares[codes] * 100).round(0).astype(int).T
    printed.index = [t(lang, f"measure.{c}") for c in codes]
    documents = pd.DataFrame([shares["documents"].astype(int).to_numpy()], columns=printed.columns)
    documents.index = [t(lang, "measures.documents_row")]
    out = pd.concat([documents, printed])
    out.columns = [provinces.region_label(r, lang) for r in out.columns]
    return out
