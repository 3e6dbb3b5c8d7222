"""Rendering the site's pages from the Jinja2 templates in ``templates/`` (autoescaped)."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jinja2

from study.publish import home, notebook
from study.publish.model import LANGS, Run, counterpart, region_of
from study.publish.safe import safe_url
from study.publish.words import LANG_NAMES, WORDS
from study.registry import provinces

TEMPLATES = Path(__file__).with_name("templates")
GENERATED = (
    "index",
    "provinces-63",
    "provinces-34",
    "comparisons",
    "measures",
    "targets",
    "teaching",
    "sources",
    "gallery",
)
NAV = (
    ("index", "home"),
    ("provinces-63", "provinces_63"),
    ("provinces-34", "provinces_34"),
    ("comparisons", "comparisons"),
    ("measures", "measures"),
    ("targets", "targets"),
    ("teaching", "teaching"),
    ("sources", "sources"),
    ("gallery", "gallery"),
)


def environment() -> jinja2.Environment:
    """The template environment: autoescape on for every template, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def path_of(key: str, lang: str) -> str:
    """The site path of a generated page: the Vietnamese home is ``index.html``, the rest ``<lang>/<key>.html``."""
    return "index.html" if key == "index" and lang == "vi" else f"{lang}/{key}.html"


def province_path(unit, lang: str) -> str:
    """The site path of a province's page."""
    return f"{lang}/p{unit.regime}-{unit.code}.html"


def root_of(path: str) -> str:
    """The relative prefix from a page at ``path`` to the site root."""
    return "../" * path.count("/")


def other(lang: str) -> str:
    """The other language."""
    return "en" if lang == "vi" else "vi"


class Site:
    """Renders every page of one site from the runs, the registry and the data package."""

    def __init__(
        self,
        runs: list[Run],
        *,
        no_code: bool = False,
        failed=frozenset(),
        failures=(),
        package: dict | None = None,
        records_tables: dict | None = None,
    ):
        self.runs, self.no_code, self.failed, self.failures = runs, no_code, set(failed), list(failures)
        self.package = package
        self.tables = records_tables or {}
        self.env = environment()

    # -- shared context ---------------------------------------------------------------------------
    def _context(self, path: str, lang: str, kind: str, title: str, switch: str, active: str | None = None) -> dict:
        w = WORDS[lang]
        return {
            "lang": lang,
            "other_lang": other(lang),
            "root": root_of(path),
            "kind": kind,
            "title": title,
            "w": w,
            "home_href": path_of("index", lang),
            "sources_href": path_of("sources", lang),
            "nav": [{"href": path_of(key, lang), "label": w[label], "active": key == active} for key, label in NAV],
            "switch_href": switch,
            "switch_label": WORDS[lang]["switch"],
            "switch_title": WORDS[lang]["switch_title"],
        }

    def _render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)

    def _run_item(self, run: Run, lang: str) -> dict:
        thumb = next((run.files + f for f in run.figures if f.endswith(".png")), None)
        return {
            "page": run.page,
            "title": run.title,
            "thumb": thumb,
            "failed": (run.notebook, run.name) in self.failed,
            "other_lang": LANG_NAMES[run.lang] if run.lang and run.lang != lang else "",
        }

    def _runs_for(self, lang: str, keep) -> list[Run]:
        chosen = [r for r in self.runs if keep(r)]
        own = [r for r in chosen if r.lang in (lang, None)]
        rest = [r for r in chosen if r.lang not in (lang, None) and counterpart(r, self.runs) is None]
        return sorted(own, key=lambda r: r.title) + sorted(rest, key=lambda r: r.title)

    # -- pages ------------------------------------------------------------------------------------
    def records(self) -> list[dict]:
        """Plain records of the runs for :func:`study.publish.home.gather`."""
        return [
            {
                "notebook": r.notebook,
                "name": r.name,
                "lang": r.lang,
                "page": r.page,
                "files": r.files,
                "title": r.title,
                "figures": list(r.figures),
                "tables": self.tables.get(r.page, {}),
            }
            for r in self.runs
        ]

    def home(self, lang: str, items: list[dict] | None = None) -> tuple[str, str]:
        """The home page: the headline items (default :func:`study.publish.home.gather`)."""
        path = path_of("index", lang)
        items = home.gather(self.records(), lang) if items is None else items
        ctx = self._context(path, lang, "home", WORDS[lang]["home"], path_of("index", other(lang)), "index")
        runs = [self._run_item(r, lang) for r in self._runs_for(lang, lambda r: True)]
        return path, self._render("home.html", items=items, failures=self.failures, runs=runs, **ctx)

    def section(self, key: str, lang: str) -> tuple[str, str]:
        """A section page (comparisons, measures, targets, teaching): its reports in ``lang`` first."""
        path = path_of(key, lang)
        runs = self._runs_for(lang, lambda r: r.section == key)
        ctx = self._context(path, lang, "section", WORDS[lang][key], path_of(key, other(lang)), key)
        return path, self._render(
            "section.html",
            heading=WORDS[lang][key],
            intro=WORDS[lang][f"intro_{key}"],
            runs=[self._run_item(r, lang) for r in runs],
            **ctx,
        )

    def _count(self, unit) -> int:
        return sum(1 for r in self.runs if r.province_code == unit.code and r.regime == unit.regime)

    def provinces(self, regime: str, lang: str) -> tuple[str, str]:
        """Provinces of a regime by region, each linking to its page."""
        key = f"provinces-{regime}"
        path = path_of(key, lang)
        groups: dict[str, list[dict]] = {}
        for unit in provinces.units(regime):
            groups.setdefault(region_of(unit, lang), []).append(
                {"name": unit.name_vi, "href": province_path(unit, lang), "reports": self._count(unit)}
            )
        regions = [
            (name, sorted(units, key=lambda u: provinces.name_key(u["name"])))
            for name, units in sorted(groups.items(), key=lambda g: provinces.name_key(g[0]))
        ]
        ctx = self._context(path, lang, "provinces", WORDS[lang][f"provinces_{regime}"], path_of(key, other(lang)), key)
        return path, self._render(
            "provinces.html",
            heading=WORDS[lang][f"provinces_{regime}"],
            intro=WORDS[lang][f"intro_{regime}"],
            regions=regions,
            **ctx,
        )

    def province(self, unit, lang: str, aliases: list[str]) -> tuple[str, str]:
        """One province: region, successor or predecessors (linked), other names, its reports."""
        from study.present.maps import regime_label

        path = province_path(unit, lang)
        successor = predecessors = None
        if unit.regime == "63":
            new = provinces.successor(unit.code)
            parts = provinces.predecessors(new.code)
            successor = {"name": new.name_vi, "href": province_path(new, lang), "same": len(parts) == 1}
        else:
            predecessors = [
                {"name": p.name_vi, "href": province_path(p, lang)} for p in provinces.predecessors(unit.code)
            ]
        runs = self._runs_for(lang, lambda r: r.province_code == unit.code and r.regime == unit.regime)
        figure = next(
            (r.files + f for r in runs for f in r.figures if f.startswith("locator") and f.endswith(".png")), None
        )
        info = {
            "name": unit.name_vi,
            "code": unit.code,
            "region": region_of(unit, lang),
            "regime_label": regime_label(unit.regime, lang),
        }
        ctx = self._context(
            path,
            lang,
            "province",
            f"{unit.name_vi} ({unit.regime})",
            province_path(unit, other(lang)),
            f"provinces-{unit.regime}",
        )
        return path, self._render(
            "province.html",
            unit=info,
            successor=successor,
            predecessors=predecessors,
            aliases=aliases,
            runs=[self._run_item(r, lang) for r in runs],
            figure=figure,
            **ctx,
        )

    def report(self, run: Run) -> tuple[str, str]:
        """A run's page: title, meta, the reproduce box, the rendered notebook with hidden code."""
        lang = run.lang or "vi"
        w = WORDS[lang]
        twin = counterpart(run, self.runs)
        if twin is not None:
            switch = twin.page
        elif run.province_code and run.province:
            switch = province_path(provinces.get(run.province_code, run.regime), other(lang))
        else:
            switch = path_of(_section_key(run), other(lang))
        body = notebook.render(
            notebook.load(run.source),
            saved_figures=run.figures,
            files_href=f"{run.name}_files/",
            no_code=self.no_code,
            words={"figure": w["figure"], "code": w["code_label"], "download": w["download"]},
        )
        meta = [{"label": w["notebook"], "value": run.label(lang), "href": path_of(_section_key(run), lang)}]
        if run.province:
            href = province_path(provinces.get(run.province_code, run.regime), lang) if run.province_code else None
            meta.append({"label": w["province"], "value": run.province, "href": href})
            from study.present.maps import regime_label

            meta.append({"label": w["regime"], "value": regime_label(run.regime, lang), "href": None})
        if run.lang:
            meta.append({"label": w["language"], "value": LANG_NAMES[run.lang], "href": None})
        files = [{"href": run.files + f, "name": f} for f in run.figures + run.tables]
        ctx = self._context(run.page, lang, "report", run.title, switch, _section_key(run))
        if twin is None:
            ctx["switch_title"] = w["switch_title"]
        html = self._render(
            "report.html",
            meta=meta,
            failed=(run.notebook, run.name) in self.failed,
            command=run.command(),
            ipynb=f"{run.notebook}/{run.name}.ipynb",
            files=files,
            blocks=body.blocks,
            has_code=not self.no_code,
            **ctx,
        )
        return run.page, html

    def sources(self, lang: str) -> tuple[str, str]:
        """Data and sources: the data package's resources, licences and sources; the reports' tables."""
        path = path_of("sources", lang)
        tables = [
            {"href": r.files + t, "name": t, "run": r.title}
            for r in self.runs
            for t in r.tables
            if r.lang in (lang, None)
        ]
        ctx = self._context(path, lang, "sources", WORDS[lang]["sources"], path_of("sources", other(lang)), "sources")
        return path, self._render(
            "sources.html",
            heading=WORDS[lang]["sources"],
            package=_package(self.package),
            tables=tables,
            failures=self.failures,
            **ctx,
        )

    def gallery(self, lang: str) -> tuple[str, str]:
        """One figure of each kind (by file name, without years, codes and provinces)."""
        path = path_of("gallery", lang)
        kinds: dict[str, dict] = {}
        for run in sorted(self.runs, key=lambda r: (r.lang != lang, r.notebook, r.name)):
            for fig in run.figures:
                if not fig.endswith(".png"):
                    continue
                kind = figure_kind(fig)
                svg = fig[:-4] + ".svg"
                kinds.setdefault(
                    kind,
                    {
                        "kind": kind,
                        "src": run.files + fig,
                        "page": run.page,
                        "title": run.title,
                        "svg": run.files + (svg if svg in run.figures else fig),
                    },
                )
        ctx = self._context(path, lang, "gallery", WORDS[lang]["gallery"], path_of("gallery", other(lang)), "gallery")
        return path, self._render(
            "gallery.html", heading=WORDS[lang]["gallery"], figures=[kinds[k] for k in sorted(kinds)], **ctx
        )

    def all_pages(self, aliases: dict) -> list[tuple[str, str]]:
        """Every page of the site as (path, html)."""
        pages = [self.report(run) for run in self.runs]
        for lang in LANGS:
            pages.append(self.home(lang))
            pages += [self.section(key, lang) for key in ("comparisons", "measures", "targets", "teaching")]
            pages += [self.provinces("63", lang), self.provinces("34", lang), self.sources(lang), self.gallery(lang)]
            for regime in ("63", "34"):
                pages += [self.province(u, lang, aliases.get((regime, u.code), [])) for u in provinces.units(regime)]
        return pages


def _section_key(run: Run) -> str:
    """The generated page listing a run: its section, or the provinces of its regime."""
    return f"provinces-{run.regime}" if run.section == "provinces" else run.section


def figure_kind(name: str) -> str:
    """The kind of a saved figure from its file name: ``map_gso_poor_rate_pct_2023_63.png`` -> ``map``."""
    stem = Path(name).stem
    if stem.endswith("_targets"):
        return "targets"
    stem = re.sub(r"_(\d{4}|63|34)(?=_|$)", "", stem)
    return stem.split("_")[0] if stem.startswith(("map_", "ranking_", "values_")) else stem


def _licences(items) -> list[dict]:
    out = []
    for lic in items or []:
        name = str(lic.get("title") or lic.get("name") or "licence")
        out.append({"name": name, "href": safe_url(lic.get("path"), allow_relative=False)})
    return out


def _package(package: dict | None) -> dict | None:
    if package is None:
        return None
    dataset = _licences(package.get("licenses"))
    resources, sources = [], {}
    for res in sorted(package.get("resources", []), key=lambda r: str(r.get("name"))):
        resources.append(
            {
                "path": str(res.get("path", "")),
                "description": str(res.get("description", "")),
                "licences": _licences(res.get("licenses")) or dataset,
                "n_sources": len(res.get("sources") or []),
            }
        )
        for src in res.get("sources") or []:
            key = str(src.get("path") or src.get("title") or "")
            if key:
                sources.setdefault(key, str(src.get("title") or key))
    items = [{"key": k, "title": sources[k], "href": safe_url(k, allow_relative=False)} for k in sorted(sources)]
    return {"title": str(package.get("title", "")), "licences": dataset, "resources": resources, "sources": items}


def read_tables(run: Run, limit: int = 2000) -> dict:
    """The run's CSV tables as lists of row dicts (at most ``limit`` rows each), for the home page."""
    out = {}
    for rel in run.tables:
        path = run.source.parent / f"{run.name}_files" / rel
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                out[rel] = [row for _, row in zip(range(limit), csv.DictReader(handle), strict=False)]
        except (OSError, UnicodeDecodeError, csv.Error):
            continue
    return out


def search_index(aliases: dict) -> str:
    """The search index as a script: every unit of both regimes with its name keys and page paths."""
    registry = provinces.registry()
    units = []
    for regime in ("63", "34"):
        keys: dict[str, set[str]] = {}
        for key, codes in registry.index[regime].items():
            for code in codes:
                keys.setdefault(code, set()).add(key)
        for unit in provinces.units(regime):
            spellings = [unit.name_vi, unit.name_ascii, *aliases.get((regime, unit.code), [])]
            names = {provinces.name_key(n) for n in spellings}
            units.append(
                {
                    "n": unit.name_vi,
                    "r": regime,
                    "c": unit.code,
                    "k": sorted((keys.get(unit.code, set()) | names) - {""}),
                    "h": {lang: province_path(unit, lang) for lang in LANGS},
                }
            )
    data = json.dumps({"units": units}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "window.STUDY_SEARCH = " + data.replace("<", "\\u003c") + ";\n"
