"""Printed tables (study.present.tables): whole, in the reader's language and number style, no NaN."""

from __future__ import annotations

import re

import pandas as pd

from study.analysis import targets
from study.present import tables
from study.present.i18n import MISSING, t


def _targets_table(lang: str) -> pd.DataFrame:
    frame = targets.tracked()
    frame = frame[frame["origin"] == "document"].copy()
    frame["province"] = frame["area"]
    frame["target"] = frame["label"].fillna("") + " " + "x" * 80  # long cells, as document titles are
    frame["year"] = frame["target_year"]
    return tables.printable(frame, {"province": "text", "target": "text", "year": "year"}, lang)


def test_long_tables_are_shown_whole_in_a_notebook():
    """A table of every province's targets is printed whole (second reading item 16: 10 of 286 rows)."""
    printed = _targets_table("vi")
    assert len(printed) > 60  # longer than pandas' default display limit
    html = printed._repr_html_()
    assert html.count("<tr") == len(printed) + 1  # every row and the header
    assert "..." not in html and "…" not in html
    assert "x" * 80 in html  # no cell is cut
    text = repr(printed)
    assert "..." not in text and len(text.splitlines()) >= len(printed)


def test_whole_printing_does_not_change_pandas_settings():
    _targets_table("en")._repr_html_()
    assert pd.get_option("display.max_rows") == 60


def test_printed_cells_in_the_readers_style():
    frame = pd.DataFrame(
        {"province": ["Lạng Sơn", "Hà Nội"], "poor_households": [23511.0, None], "poor_rate_pct": [6.02, 0.095]}
    )
    kinds = {"province": "text", "poor_households": "count", "poor_rate_pct": "rate"}
    vi = tables.printable(frame, kinds, "vi")
    en = tables.printable(frame, kinds, "en")
    assert list(vi.columns)[0] == t("vi", "table.province")
    assert vi.iloc[0, 1] == "23.511" and en.iloc[0, 1] == "23,511"  # never 23511.0
    assert vi.iloc[1, 1] == MISSING
    assert vi.iloc[:, 2].tolist() == ["6,020", "0,095"]  # one number of decimals per column
    assert not re.search(r"nan|<NA>", vi.to_string() + en.to_string())


def test_review_table_marks_each_interim_figure_in_its_own_cell():
    """Hà Nội 2023: an interim count beside an end-of-year rate (second reading item 11)."""
    from study import load

    panel, review = load.poverty_panel("Hà Nội"), load.poverty_review("Hà Nội")
    points = review.set_index(["year", "indicator"])["reference_point"]
    interim = [(y, i) for (y, i), p in points.items() if p != "end_of_year" and i == "poor_households"]
    assert interim, "the data hold an interim count for Hà Nội"
    year, _ = interim[0]
    for lang in ("vi", "en"):
        printed = tables.review_table(panel, lang, review=review)
        row = printed[printed[t(lang, "table.year")] == str(year)].iloc[0]
        assert row[t(lang, "table.poor_households")].endswith(f"({t(lang, 'table.interim')})")
        assert not row[t(lang, "table.poor_rate_pct")].endswith(")")  # the rate is end-of-year
        assert t(lang, "table.reference_point") not in printed.columns
        assert "; " not in printed.to_string()
