"""Charts: trajectories, rankings, measure heatmaps, coverage. Axes in, Axes out."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from study.present.i18n import fmt_number, fmt_pct, t
from study.schema import MEASURE_CODES


def label(lang: str, key: str) -> str:
    """A chart word from the catalogue (section ``chart``)."""
    return t(lang, f"chart.{key}")


def _ax(ax, figsize=(6.5, 3.6)):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def year_runs(items) -> list[list]:
    """Split findings ordered by year into runs of consecutive years.

    A line is drawn through each run only, so that it never crosses a year without a value
    (2022 → 2024 with 2023 missing gives two runs, not one segment over the gap).
    """
    runs: list[list] = []
    for item in sorted(items, key=lambda f: f.year):
        if runs and item.year == runs[-1][-1].year + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def trajectory(findings, *, lang: str = "en", title: str | None = None, ax=None):
    """Plot a province's poor-household rate by year from its findings, marking where each point comes from.

    End-of-year review figures are filled circles joined by a grey line, figures stated in documents
    squares (not joined: they are compared with care), interim or preliminary figures hollow circles,
    the documents' estimates hollow diamonds, the nation dashed and the region dotted. No line is
    drawn across a year without a value (:func:`year_runs`).

    Parameters
    ----------
    findings : study.analysis.findings.profile.ProvinceFindings
    lang : {"en", "vi"}
    title : str, optional
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _ax(ax)
    rates = [f for f in findings.rates if f.value is not None]
    final = [f for f in rates if f.final]
    for run in year_runs([f for f in final if f.series == "review"]):
        ax.plot([f.year for f in run], [f.value for f in run], color="0.6", lw=1, zorder=1)
    groups = (
        ("review", [f for f in final if f.series == "review"], dict(marker="o", color="#1b6ca8")),
        ("document", [f for f in final if f.series == "document"], dict(marker="s", color="#e07b39")),
        (
            "interim",
            [f for f in rates if not f.final],
            dict(marker="o", facecolor="white", edgecolor="#1b6ca8", linewidth=1.2),
        ),
        ("estimate", findings.estimates, dict(marker="D", facecolor="none", edgecolor="#e07b39")),
    )
    taken = {f.year for f in rates}
    for key, items, style in groups:
        if items:
            # an estimate for a year that also has a figure is drawn a little to the right, so that
            # neither marker hides the other
            shift = 0.18 if key == "estimate" else 0.0
            ax.scatter(
                [f.year + (shift if f.year in taken else 0.0) for f in items],
                [f.value for f in items],
                s=40,
                zorder=3,
                label=label(lang, key),
                clip_on=False,
                **style,
            )
    for key, series, style in (
        ("national", findings.national_series, dict(color="0.2", ls="--", marker=".")),
        ("regional", findings.regional_series, dict(color="0.45", ls=":", marker="x", ms=4)),
    ):
        if series:
            name = (
                label(lang, key)
                if key == "national"
                else (findings.unit.region if lang == "vi" else findings.unit.region_en)
            )
            for i, run in enumerate(year_runs(series)):
                ax.plot(
                    [f.year for f in run], [f.value for f in run], lw=1, zorder=2, label=None if i else name, **style
                )
    ax.set_ylabel(label(lang, "rate"))
    ax.set_xlabel(label(lang, "year"))
    values = [f.value for f in rates + findings.estimates + findings.national_series + findings.regional_series]
    top = max(values + [1]) * 1.15
    # a little room below zero, so that a 0% point (no poor household left) is drawn whole, not on the axis
    ax.set_ylim(-0.03 * top, top)
    years = [f.year for f in rates + findings.estimates + findings.national_series + findings.regional_series]
    if years:
        ax.set_xticks(range(min(years), max(years) + 1))
        ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    ax.grid(axis="y", color="0.9")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, loc="left", fontsize=10)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def ranking(
    values: pd.DataFrame,
    *,
    label: str,
    highlight: list[str] | None = None,
    unit: str = "%",
    missing: list[str] | None = None,
    lang: str = "en",
    ax=None,
):
    """Horizontal bars of one value per province, largest on top; provinces without data listed apart.

    ``values`` has ``province`` and ``value``. ``highlight`` names provinces drawn in a strong colour.
    """
    have = values.dropna(subset=["value"]).sort_values(["value", "province"], ascending=[True, False])
    ax = _ax(ax, figsize=(6.5, max(2.0, 0.22 * len(have) + 1)))
    colors = ["#1b6ca8" if highlight and p in highlight else "#9cc3e0" for p in have["province"]]
    ax.barh(have["province"], have["value"], color=colors)
    for y, v in enumerate(have["value"]):
        text = fmt_pct(v, lang) if unit == "%" else fmt_number(v, lang)
        ax.text(v, y, f" {text}", va="center", fontsize=7)
    ax.set_xlabel(label)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=7)
    if missing:
        ax.text(
            1.0,
            0.0,
            f"{t(lang, 'chart.no_data')}: {len(missing)}",
            transform=ax.transAxes,
            ha="right",
            va="bottom",
            fontsize=7,
            color="0.4",
        )
    return ax


def measure_heatmap(matrix: pd.DataFrame, *, lang: str = "en", ax=None):
    """Documents x measure codes, 1 where a document commits to the measure.

    ``matrix`` is indexed by document label with one column per measure code (0/1).
    """
    ax = _ax(ax, figsize=(7.5, 0.45 * len(matrix) + 1.6))
    columns = [c for c in MEASURE_CODES if c in matrix.columns]
    sns.heatmap(
        matrix[columns],
        ax=ax,
        cmap=sns.color_palette(["#f1f1f1", "#1b6ca8"], as_cmap=True),
        cbar=False,
        linewidths=0.5,
        linecolor="white",
        vmin=0,
        vmax=1,
    )
    ax.set_xlabel("")
    ax.set_ylabel("")
    names = [t(lang, f"measure.{c}") for c in columns]
    ax.set_xticks(np.arange(len(columns)) + 0.5, names, rotation=60, ha="right", fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    ax.set_title(label(lang, "measures_title"), loc="left", fontsize=10)
    ax.legend(
        [plt.Rectangle((0, 0), 1, 1, color="#1b6ca8"), plt.Rectangle((0, 0), 1, 1, color="#f1f1f1")],
        [label(lang, "measures_legend"), label(lang, "measures_absent")],
        fontsize=7,
        frameon=False,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.02),
        ncol=2,
    )
    return ax


def measure_legend(lang: str = "en") -> pd.DataFrame:
    """The measure kinds with their names in ``lang``, for a table under the heatmap."""
    return pd.DataFrame({t(lang, "table.measure"): [t(lang, f"measure.{c}") for c in MEASURE_CODES]})


def coverage_heatmap(matrix: pd.DataFrame, *, lang: str = "en", ax=None):
    """Draw a province x year coverage matrix (cells as :func:`study.coverage.matrix` codes them)."""
    codes = {"": 0, "-": 1, "D": 2, "i": 3, "R": 4}
    numeric = matrix.apply(lambda column: column.map(codes)).astype(float)
    ax = _ax(ax, figsize=(6.5, 0.17 * len(matrix) + 1.6))
    palette = ["#ffffff", "#e3e3e3", "#f2c48d", "#9cc3e0", "#1b6ca8"]
    sns.heatmap(
        numeric,
        ax=ax,
        cmap=sns.color_palette(palette, as_cmap=True),
        vmin=-0.5,
        vmax=4.5,
        cbar=False,
        linewidths=0.3,
        linecolor="0.85",
        yticklabels=True,
    )
    ax.set_ylabel("")
    ax.set_xlabel("")
    ax.tick_params(axis="y", labelsize=6.5, length=0)
    ax.tick_params(axis="x", labelsize=8, length=0)
    ax.set_title(label(lang, "coverage_title"), loc="left", fontsize=10)
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=c, edgecolor="0.7") for c in palette]
    names = [label(lang, f"coverage_{k}") for k in ("none", "searched", "document", "interim", "review")]
    ax.legend(handles, names, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    return ax


def measure_share_heatmap(shares: pd.DataFrame, *, lang: str = "en", ax=None):
    """Regions x kinds of measure: the share of each region's documents that commit to each kind.

    ``shares`` is :func:`study.analysis.policy.by_region`; cells are labelled in percent and a
    colour bar gives the scale.
    """
    codes = [c for c in MEASURE_CODES if c in shares.columns]
    ax = _ax(ax, figsize=(7.5, 0.5 * len(shares) + 3.2))
    data = (shares[codes] * 100).round(0)
    names = [t(lang, f"measure.{c}") for c in codes]
    from study.registry import provinces

    rows = [provinces.region_label(r, lang) for r in shares.index]
    rows = [f"{r} ({int(n)})" for r, n in zip(rows, shares["documents"], strict=True)]
    sns.heatmap(
        data,
        ax=ax,
        cmap="Blues",
        vmin=0,
        vmax=100,
        annot=True,
        fmt=".0f",
        annot_kws={"fontsize": 7},
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": label(lang, "share_of_documents"), "shrink": 0.6},
    )
    ax.set_xticks(np.arange(len(codes)) + 0.5, names, rotation=60, ha="right", fontsize=7)
    ax.set_yticks(np.arange(len(rows)) + 0.5, rows, rotation=0, fontsize=7)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_title(label(lang, "measures_by_region"), loc="left", fontsize=10)
    return ax
