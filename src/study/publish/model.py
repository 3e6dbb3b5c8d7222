"""What the site is made of: the executed runs under ``reports/``, their titles, languages and sections."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from study import paths
from study.present.i18n import t
from study.registry import provinces

FIGURE_SUFFIXES = (".png", ".svg")
TABLE_SUFFIXES = (".csv",)
LANGS = ("vi", "en")
SECTIONS = {
    "province_profile": "provinces",
    "compare_provinces": "comparisons",
    "policy_measures": "measures",
    "targets_tracking": "targets",
}
"""Section of each known notebook; notebooks under ``notebooks/teaching/`` go to "teaching", others to
"comparisons"."""
NOTEBOOK_TITLES = {
    "vi": {
        "province_profile": "Hồ sơ tỉnh",
        "compare_provinces": "So sánh các tỉnh",
        "policy_measures": "Giải pháp chính sách",
        "targets_tracking": "Theo dõi mục tiêu",
    },
    "en": {
        "province_profile": "Province profile",
        "compare_provinces": "Comparing provinces",
        "policy_measures": "Policy measures",
        "targets_tracking": "Tracking the targets",
    },
}
RESERVED = {"site", "vi", "en", "assets"}
SERIES_WORDS = {
    "vi": {"gso": "khảo sát của Thống kê", "review": "kết quả rà soát"},
    "en": {"gso": "GSO survey", "review": "official review"},
}
"""How a run's series is named in page titles (indicators and regimes have their words elsewhere)."""
"""Folders of the site that no notebook folder may take."""


@dataclass
class Run:
    """An executed notebook found under ``reports/<notebook>/``."""

    notebook: str
    name: str
    source: Path
    province: str | None = None
    province_code: str | None = None
    regime: str = "63"
    lang: str | None = None
    parameters: dict = field(default_factory=dict)
    input_path: str = ""
    figures: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)
    title: str = ""

    @property
    def page(self) -> str:
        """The run's HTML page, relative to the site folder."""
        return f"{self.notebook}/{self.name}.html"

    @property
    def files(self) -> str:
        """The run's figures and tables folder, relative to the site folder (ends with ``/``)."""
        return f"{self.notebook}/{self.name}_files/"

    @property
    def base(self) -> str:
        """The run's name without its language suffix (``lang-son`` for ``lang-son_vi``)."""
        return re.sub(r"_(vi|en)$", "", self.name) if self.lang else self.name

    @property
    def section(self) -> str:
        """The site section the run belongs to."""
        if self.notebook in SECTIONS:
            return SECTIONS[self.notebook]
        return "teaching" if "teaching" in PurePosixPath(self.input_path).parts else "comparisons"

    def label(self, lang: str) -> str:
        """The notebook's name in ``lang`` (the folder name for unknown notebooks)."""
        return NOTEBOOK_TITLES["vi" if lang == "vi" else "en"].get(self.notebook) or self.notebook.replace("_", " ")

    def command(self) -> str:
        """The exact ``study run`` command that reproduces this run."""
        nb = self.input_path or self.notebook
        target = PurePosixPath(nb)
        notebook = target.stem if target.parent.as_posix() in ("notebooks", ".", "") else nb
        parts = ["study", "run", notebook]
        for key, value in sorted(self.parameters.items()):
            if key in ("output_dir", "lang"):
                continue
            if isinstance(value, list):
                value = ",".join(map(str, value))
            parts += ["-p", key, str(value)]
        if self.lang:
            parts += ["--lang", self.lang]
        default = "_".join(filter(None, [self.notebook, self.lang])) if not self.province else None
        if default is not None and self.name != default:
            parts += ["--name", self.base]
        return " ".join(shlex.quote(p) for p in parts)


def _title(run: Run) -> str:
    lang = run.lang or "vi"
    parts = [run.label(lang)]
    if run.province:
        where = run.province + (" (34)" if run.regime == "34" else "")
        parts.append(where)
    if not run.province:
        extra = describe_parameters(run.parameters, lang)
        if extra:
            parts.append(extra)
    return " · ".join(parts)


def describe_parameters(parameters: dict, lang: str) -> str:
    """Say a run's parameters in words for a title: ``"official review, poor-household rate, 2024, 34 units…"``.

    Only the parameters a reader chooses between (series, indicator, year, regime) are named; a
    value without words (in :data:`SERIES_WORDS`, the catalogue's indicators, the regimes) is left
    out rather than shown as a code.
    """
    lang = "vi" if lang == "vi" else "en"
    out = []
    series, indicator = parameters.get("series"), parameters.get("indicator")
    year, regime = parameters.get("year"), parameters.get("regime")
    if str(series) in SERIES_WORDS[lang]:
        out.append(SERIES_WORDS[lang][str(series)])
    if indicator:
        try:
            out.append(t(lang, f"indicator.{indicator}"))
        except KeyError:
            pass
    if year not in (None, ""):
        out.append(f"năm {year}" if lang == "vi" else str(year))
    if str(regime) in provinces.REGIMES:
        out.append(provinces.regime_label(regime, lang))
    return ", ".join(out)


def discover(reports: Path | None = None) -> list[Run]:
    """Return the executed notebooks under ``reports`` (skipping hidden files, ``failures/`` and the site).

    The province, language and parameters of a run come from the metadata papermill recorded in
    the notebook; a file that is not a readable notebook is skipped. Titles are made distinct.
    """
    reports = Path(reports or paths.reports_dir())
    runs: list[Run] = []
    if not reports.is_dir():
        return runs
    for folder in sorted(
        p for p in reports.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name not in RESERVED
    ):
        for source in sorted(folder.glob("*.ipynb")):
            if source.name.startswith("."):
                continue
            try:
                meta = json.loads(source.read_text(encoding="utf-8")).get("metadata", {})
                papermill = meta.get("papermill", {}) or {}
                params = dict(papermill.get("parameters", {}) or {})
            except (OSError, ValueError, AttributeError):
                continue
            lang = params.get("lang") if params.get("lang") in LANGS else None
            run = Run(
                folder.name,
                source.stem,
                source,
                lang=lang,
                parameters=params,
                input_path=str(papermill.get("input_path") or ""),
            )
            if params.get("province"):
                run.regime = str(params.get("regime", "63"))
                try:
                    unit = provinces.resolve(str(params["province"]), run.regime)
                    run.province, run.province_code = unit.name_vi, unit.code
                except (provinces.ProvinceNameError, FileNotFoundError):
                    run.province = str(params["province"])
            files = folder / f"{source.stem}_files"
            if files.is_dir():
                for path in sorted(p for p in files.rglob("*") if p.is_file() and not p.name.startswith(".")):
                    rel = path.relative_to(files).as_posix()
                    if path.suffix.lower() in FIGURE_SUFFIXES:
                        run.figures.append(rel)
                    elif path.suffix.lower() in TABLE_SUFFIXES:
                        run.tables.append(rel)
            runs.append(run)
    seen: dict[str, int] = {}
    for run in runs:
        run.title = _title(run)
        seen[run.title] = seen.get(run.title, 0) + 1
    for run in runs:
        if seen[run.title] > 1:
            run.title = f"{run.title} · {run.name}"
    return runs


def counterpart(run: Run, runs: list[Run]) -> Run | None:
    """The same run in the other language (``<name>_vi`` and ``<name>_en``), or None."""
    if not run.lang:
        return None
    other = "en" if run.lang == "vi" else "vi"
    return next((r for r in runs if r.notebook == run.notebook and r.lang == other and r.base == run.base), None)


def region_of(unit, lang: str) -> str:
    """A unit's region in ``lang``; for the 34, the regions of its predecessors."""
    if unit.regime == "63":
        return (unit.region_en if lang == "en" else unit.region) or "—"
    names = []
    for part in provinces.predecessors(unit.code):
        name = (part.region_en if lang == "en" else part.region) or "—"
        if name not in names:
            names.append(name)
    return " / ".join(names) or "—"
