"""Charts: trajectories, rankings, measure heatmaps, coverage. Axes in, Axes out."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from study.schema import MEASURE_CODES, MEASURE_LABELS

LABELS = {
    "en": {"rate": "Poor-household rate (% of households)", "year": "Year (end-of-year review)",
           "review": "Official review", "document": "Stated in a document", "estimate": "Estimate (document)",
           "target": "Target (document)", "national": "National (review)", "regional": "Region (review)",
           "measures_title": "Measures by document",
           "coverage_title": "What is known: province x year", "no_data": "no data",
           "ranking_title": "{label}, {year}"},
    "vi": {"rate": "Tỷ lệ hộ nghèo (% số hộ)", "year": "Năm (rà soát cuối năm)", "review": "Rà soát chính thức",
           "document": "Theo văn bản", "estimate": "Ước tính (văn bản)", "target": "Mục tiêu (văn bản)",
           "national": "Cả nước (rà soát)", "regional": "Vùng (rà soát)", "measures_title": "Giải pháp theo văn bản",
           "coverage_title": "Dữ liệu hiện có: tỉnh x năm", "no_data": "không có số liệu",
           "ranking_title": "{label}, {year}"},
}


def _ax(ax, figsize=(6.5, 3.6)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def trajectory(observed: pd.DataFrame, *, estimates: pd.DataFrame | None = None,
               targets: pd.DataFrame | None = None, national: pd.DataFrame | None = None,
               regional: pd.DataFrame | None = None, lang: str = "en",
               title: str | None = None, ax=None):
    """Plot a province's poor-household rate by year, marking where each point comes from.

    Parameters
    ----------
    observed : pandas.DataFrame
        ``year``, ``value``, ``origin`` (``review`` or ``document``), as
        :func:`study.indicators.best_by_year` returns.
    estimates, targets, national, regional : pandas.DataFrame, optional
        ``year`` and ``value`` each.
    lang : {"en", "vi"}
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    labels = LABELS[lang]
    ax = _ax(ax)
    if len(observed):
        ax.plot(observed["year"], observed["value"], color="0.6", lw=1, zorder=1)
        for origin, marker, color in (("review", "o", "#1b6ca8"), ("document", "s", "#e07b39")):
            part = observed[observed["origin"] == origin]
            if len(part):
                ax.scatter(part["year"], part["value"], marker=marker, color=color, s=36, zorder=3,
                           label=labels[origin])
    if estimates is not None and len(estimates):
        ax.scatter(estimates["year"], estimates["value"], marker="D", facecolor="none", edgecolor="#e07b39", s=36,
                   zorder=3, label=labels["estimate"])
    if targets is not None and len(targets):
        ax.scatter(targets["year"], targets["value"], marker="*", color="#2a9d55", s=90, zorder=4,
                   label=labels["target"])
    if national is not None and len(national):
        ax.plot(national["year"], national["value"], color="0.2", lw=1, ls="--", marker=".", zorder=2,
                label=labels["national"])
    if regional is not None and len(regional):
        ax.plot(regional["year"], regional["value"], color="0.45", lw=1, ls=":", marker="x", ms=4, zorder=2,
                label=labels["regional"])
    ax.set_ylabel(labels["rate"])
    ax.set_xlabel(labels["year"])
    ax.set_ylim(bottom=0)
    frames = (observed, estimates, targets, national, regional)
    years = pd.concat([f["year"] for f in frames if f is not None and len(f)])
    if len(years):
        ax.set_xticks(range(int(years.min()), int(years.max()) + 1))
    ax.grid(axis="y", color="0.9")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, loc="left", fontsize=11)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, frameon=False, loc="upper right")
    return ax


def ranking(values: pd.DataFrame, *, label: str, highlight: list[str] | None = None, unit: str = "%",
            missing: list[str] | None = None, lang: str = "en", ax=None):
    """Horizontal bars of one value per province, largest on top; provinces without data listed apart.

    ``values`` has ``province`` and ``value``. ``highlight`` names provinces drawn in a strong colour.
    """
    have = values.dropna(subset=["value"]).sort_values(["value", "province"], ascending=[True, False])
    ax = _ax(ax, figsize=(6.5, max(2.0, 0.22 * len(have) + 1)))
    colors = ["#1b6ca8" if highlight and p in highlight else "#9cc3e0" for p in have["province"]]
    ax.barh(have["province"], have["value"], color=colors)
    for y, v in enumerate(have["value"]):
        ax.text(v, y, f" {v:g}{unit}", va="center", fontsize=7)
    ax.set_xlabel(label)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=7)
    if missing:
        ax.text(1.0, 0.0, f"{LABELS[lang]['no_data']}: {len(missing)}", transform=ax.transAxes, ha="right",
                va="bottom", fontsize=7, color="0.4")
    return ax


def measure_heatmap(matrix: pd.DataFrame, *, lang: str = "en", ax=None):
    """Documents x measure codes, 1 where a document commits to the measure.

    ``matrix`` is indexed by document label with one column per measure code (0/1).
    """
    ax = _ax(ax, figsize=(7.5, 0.45 * len(matrix) + 1.6))
    columns = [c for c in MEASURE_CODES if c in matrix.columns]
    sns.heatmap(matrix[columns], ax=ax, cmap=sns.color_palette(["#f1f1f1", "#1b6ca8"], as_cmap=True), cbar=False,
                linewidths=0.5, linecolor="white", vmin=0, vmax=1)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks(np.arange(len(columns)) + 0.5, columns, rotation=60, ha="right", fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(LABELS[lang]["measures_title"], loc="left", fontsize=11)
    return ax


def measure_legend() -> pd.DataFrame:
    """The measure codes with their English labels, for a table under the heatmap."""
    return pd.DataFrame({"code": list(MEASURE_LABELS), "measure": list(MEASURE_LABELS.values())})


def coverage_heatmap(matrix: pd.DataFrame, *, lang: str = "en", ax=None):
    """Draw a province x year coverage matrix (cells as :func:`study.coverage.matrix` codes them)."""
    codes = {"": 0, "D": 1, "i": 2, "R": 3}
    numeric = matrix.replace(codes).astype(float)
    ax = _ax(ax, figsize=(5.5, 0.16 * len(matrix) + 1.5))
    palette = ["#f4f4f4", "#f2c48d", "#9cc3e0", "#1b6ca8"]
    sns.heatmap(numeric, ax=ax, cmap=sns.color_palette(palette, as_cmap=True), vmin=-0.5, vmax=3.5, cbar=False,
                linewidths=0.3, linecolor="white")
    ax.set_ylabel("")
    ax.set_xlabel("")
    ax.tick_params(axis="y", labelsize=6)
    ax.set_title(LABELS[lang]["coverage_title"], loc="left", fontsize=10)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in palette]
    names = {"en": ["none", "document only", "interim/preliminary", "end-of-year review"],
             "vi": ["không có", "chỉ theo văn bản", "giữa kỳ/sơ bộ", "rà soát cuối năm"]}[lang]
    ax.legend(handles, names, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax
