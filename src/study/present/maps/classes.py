"""Classification of map values: ``mapclassify`` schemes or explicit bins, with readable rounded breaks."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd

SCHEMES = {
    "fisher_jenks": "FisherJenks",
    "natural_breaks": "NaturalBreaks",
    "quantiles": "Quantiles",
    "equal_interval": "EqualInterval",
}
DEFAULT_SCHEME = "fisher_jenks"
"""Fisher-Jenks: classes that follow the gaps in the data, so that a few high values get their own
class instead of stretching the top quantile (a quantile class of 7.1-29.6 tells a reader little)."""


def decimals_for(values) -> int:
    """Return the number of decimals that rounded breaks of ``values`` keep.

    Two significant digits of the range: a range of 30 gives whole numbers, 5 one decimal, 0.5 two.

    Parameters
    ----------
    values : array-like of float

    Returns
    -------
    int
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    span = float(x.max() - x.min()) if len(x) else 0.0
    if span <= 0:
        span = abs(float(x.max())) if len(x) and x.max() != 0 else 1.0
    return int(min(4, max(0, 1 - math.floor(math.log10(span)))))


def round_breaks(upper, values, decimals: int | None = None) -> np.ndarray:
    """Round the inner class bounds to ``decimals`` and close the last class at the maximum, rounded up.

    Parameters
    ----------
    upper : array-like of float
        Increasing upper bounds (the last one the largest value).
    values : array-like of float
        The classified values (NaN ignored).
    decimals : int, optional
        Default :func:`decimals_for`.

    Returns
    -------
    numpy.ndarray
        Increasing, distinct, rounded upper bounds; every value lies at or below the last one.
    """
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    upper = np.asarray(upper, dtype=float)
    if not len(upper) or not len(x):
        return upper
    decimals = decimals_for(x) if decimals is None else decimals
    scale = 10.0**decimals
    inner = np.round(upper[:-1], decimals)
    top = math.ceil(round(float(x.max()) * scale, 6)) / scale
    inner = inner[(inner >= x.min()) & (inner < top)]
    return np.unique(np.append(inner, top))


def classify(values, scheme=DEFAULT_SCHEME, k=5, bins=None, rounded: bool = True) -> np.ndarray:
    """Return the upper bounds of the classes of ``values`` (missing values ignored).

    Parameters
    ----------
    values : array-like
        Numbers; NaN/NA are left out.
    scheme : {"fisher_jenks", "natural_breaks", "quantiles", "equal_interval"}
        ``mapclassify`` scheme.
    k : int
        Number of classes (reduced to the number of distinct values when there are fewer).
    bins : sequence of float, optional
        Explicit upper bounds, kept as given; the largest value closes the last class if it is above them.
    rounded : bool
        Round the computed breaks (:func:`round_breaks`) so that a reader can read them.

    Returns
    -------
    numpy.ndarray
        Increasing upper bounds; a value ``x`` is in class ``i`` when ``bins[i-1] < x <= bins[i]``.
    """
    import mapclassify

    x = pd.to_numeric(pd.Series(values), errors="coerce").astype(float).dropna().to_numpy()
    if bins is not None:
        upper = np.unique(np.asarray(bins, dtype=float))
        if len(x) and x.max() > upper[-1]:
            upper = np.append(upper, x.max())
        return upper
    if len(x) == 0:
        return np.array([])
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}: expected one of {', '.join(SCHEMES)} or None")
    distinct = len(np.unique(x))
    k = max(1, min(int(k), distinct))
    if k == 1:
        upper = np.array([x.max()])
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = getattr(mapclassify, SCHEMES[scheme])(x, k=k)
        upper = np.unique(np.asarray(result.bins, dtype=float))
    return round_breaks(upper, x) if rounded else upper


def class_labels(bins, low: float, fmt: str) -> list[str]:
    """Return ``"low – b1"``, ``"b1 – b2"``, ... for the classes closed by ``bins``."""
    labels, lower = [], low
    for upper in bins:
        labels.append(f"{fmt.format(lower)} – {fmt.format(upper)}")
        lower = upper
    return labels
