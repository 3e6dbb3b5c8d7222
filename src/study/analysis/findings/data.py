"""The processed tables a page's findings are computed from, loaded once."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from study import load


@dataclass(frozen=True)
class Tables:
    """Processed tables (as :mod:`study.load` returns them) that findings are computed from.

    Tests build one from small frames; :meth:`load` reads the processed data.
    """

    review: pd.DataFrame
    facts: pd.DataFrame
    documents: pd.DataFrame
    measures: pd.DataFrame
    aggregates: pd.DataFrame
    survey: pd.DataFrame
    status_changes: pd.DataFrame
    targets: pd.DataFrame | None = None

    @classmethod
    def load(cls) -> Tables:
        """Read every table from ``data/processed`` (Decree 07/2021 review series, both regimes)."""
        review = load.table("poverty_review")
        review = review[review["standard"] == "nd07_2021"].reset_index(drop=True)
        from study.analysis import targets

        return cls(
            review=review,
            facts=load.facts(),
            documents=load.documents(),
            measures=load.measures(),
            aggregates=load.table("aggregate_series"),
            survey=load.gso_survey(),
            status_changes=load.table("status_changes"),
            targets=targets.tracked(),
        )
