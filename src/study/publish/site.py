"""The report site: executed notebooks as HTML, their figures and tables, the data's sources and licences.

``study report`` writes ``reports/site/``::

    index.html                      runs grouped by province and by notebook, failures, sources, licences
    <notebook>/<name>.html          the executed notebook (nbconvert HTMLExporter; --no-code hides inputs)
    <notebook>/<name>.ipynb         a copy of the executed notebook
    <notebook>/<name>_files/...     copies of the figures (PNG, SVG) and tables (CSV) the run saved

Every link is relative, so the folder can be published or opened from disk as it is. The output is
deterministic: entries are sorted and no time stamp is written; a notebook is converted again only
when its bytes or the options changed (``.manifest.json``). The new site is assembled in a temporary
folder and moved into place, so a failed ``study report`` leaves the previous site intact.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import html
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from study import paths
from study.registry import provinces

SITE_FORMAT = 1
FIGURE_SUFFIXES = (".png", ".svg")
TABLE_SUFFIXES = (".csv",)
TITLE = "Giảm nghèo bền vững cấp tỉnh 2021–2025 / Provincial sustainable poverty reduction 2021–2025"

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.45;color:#222}
h1{font-size:1.5rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
h3{margin-bottom:.3rem}ul{margin-top:.2rem}li{margin:.15rem 0}.files{font-size:.9em;color:#555}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;
vertical-align:top}.failed{color:#a00}code{background:#f4f4f4;padding:0 .2rem}
""".strip()


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
    figures: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)

    @property
    def page(self) -> str:
        """The run's HTML page, relative to the site folder."""
        return f"{self.notebook}/{self.name}.html"

    @property
    def title(self) -> str:
        """Notebook name, province and language, for headings and page titles."""
        parts = [self.notebook]
        if self.province:
            parts.append(self.province)
        if self.lang:
            parts.append(f"[{self.lang}]")
        return " - ".join(parts[:2]) + (f" {parts[2]}" if len(parts) > 2 else "")


def discover(reports: Path | None = None) -> list[Run]:
    """Return the executed notebooks under ``reports`` (skipping hidden files, ``failures/`` and ``site/``).

    The province and language of a run come from the parameters papermill recorded in the notebook.
    """
    reports = Path(reports or paths.reports_dir())
    runs = []
    if not reports.is_dir():
        return runs
    for folder in sorted(
        p for p in reports.iterdir() if p.is_dir() and not p.name.startswith(".") and p.name != "site"
    ):
        for source in sorted(folder.glob("*.ipynb")):
            if source.name.startswith("."):
                continue
            try:
                meta = json.loads(source.read_text(encoding="utf-8")).get("metadata", {})
            except (OSError, ValueError):
                continue
            params = meta.get("papermill", {}).get("parameters", {}) or {}
            run = Run(folder.name, source.stem, source, lang=params.get("lang"))
            if params.get("province"):
                run.regime = str(params.get("regime", "63"))
                try:
                    unit = provinces.resolve(str(params["province"]), run.regime)
                    run.province, run.province_code = unit.name_vi, unit.code
                except (provinces.ProvinceNameError, FileNotFoundError):
                    run.province = str(params["province"])
            files = folder / f"{source.stem}_files"
            if files.is_dir():
                for path in sorted(p for p in files.rglob("*") if p.is_file()):
                    rel = path.relative_to(files).as_posix()
                    if path.suffix.lower() in FIGURE_SUFFIXES:
                        run.figures.append(rel)
                    elif path.suffix.lower() in TABLE_SUFFIXES:
                        run.tables.append(rel)
            runs.append(run)
    return runs


# ---------------------------------------------------------------------------------------------
# conversion
# ---------------------------------------------------------------------------------------------
def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _nav(run: Run) -> str:
    files = "".join(
        f' · <a href="{_href(run.name + "_files/" + f)}">{html.escape(f)}</a>'
        for f in run.figures + run.tables
    )
    return (
        f'<nav style="font-family:sans-serif;padding:.5rem 1rem;border-bottom:1px solid #ddd">'
        f'<a href="../index.html">← index</a> · <a href="{_href(run.name + ".ipynb")}">notebook (.ipynb)</a>'
        f"{files}</nav>"
    )


def convert(run: Run, target: Path, no_code: bool = False) -> Path:
    """Write ``run`` as a standalone HTML page at ``target`` (nbconvert ``HTMLExporter``)."""
    from study.execute.params import skip_unused_grammar

    skip_unused_grammar()
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(run.source, as_version=4)
    exporter = HTMLExporter(
        exclude_input=no_code, exclude_input_prompt=no_code, exclude_output_prompt=no_code
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": run.title}})
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + _nav(run), body, count=1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def _convert_job(args) -> str:
    run, target, no_code = args
    convert(run, Path(target), no_code)
    return str(target)


# ---------------------------------------------------------------------------------------------
# index
# ---------------------------------------------------------------------------------------------
def _href(path: str) -> str:
    return html.escape(quote(path, safe="/#"))


def _run_item(run: Run, failed: set[tuple[str, str]]) -> str:
    links = [
        f'<a href="{_href(run.page)}">{html.escape(run.title)}</a>',
        f'<a href="{_href(f"{run.notebook}/{run.name}.ipynb")}">ipynb</a>',
    ]
    extra = []
    if run.figures:
        extra.append(
            "figures: "
            + ", ".join(
                f'<a href="{_href(f"{run.notebook}/{run.name}_files/{f}")}">{html.escape(f)}</a>'
                for f in run.figures
            )
        )
    if run.tables:
        extra.append(
            "tables: "
            + ", ".join(
                f'<a href="{_href(f"{run.notebook}/{run.name}_files/{f}")}">{html.escape(f)}</a>'
                for f in run.tables
            )
        )
    note = (
        ' <span class="failed">(the last batch failed for this run; this is the previous output)</span>'
        if (run.notebook, run.name) in failed
        else ""
    )
    files = f'<br><span class="files">{"; ".join(extra)}</span>' if extra else ""
    return f"<li>{' · '.join(links)}{note}{files}</li>"


def _licence(lic: dict) -> str:
    name = html.escape(str(lic.get("title") or lic.get("name") or "licence"))
    url = lic.get("path")
    return f'<a href="{html.escape(url)}">{name}</a>' if url else name


def _sources_section(package_path: Path) -> str:
    if not package_path.is_file():
        return "<p>No data package found (run <code>study build</code>): sources and licences unknown.</p>"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    parts = []
    dataset = package.get("licenses") or []
    parts.append(
        f"<p>{html.escape(str(package.get('title', '')))}. "
        f"Data licence: {', '.join(_licence(lic) for lic in dataset) or 'not stated'}. "
        "Coded data are under CC BY 4.0; boundaries, where present, under CC BY-SA 4.0, as each "
        "resource states below.</p>"
    )
    rows = []
    sources: dict[str, str] = {}
    for res in sorted(package.get("resources", []), key=lambda r: str(r.get("name"))):
        lic = ", ".join(_licence(lic) for lic in res.get("licenses") or dataset) or "not stated"
        rows.append(
            f"<tr><td><code>{html.escape(str(res.get('path', '')))}</code></td>"
            f"<td>{html.escape(str(res.get('description', '')))}</td><td>{lic}</td>"
            f"<td>{len(res.get('sources') or [])}</td></tr>"
        )
        for src in res.get("sources") or []:
            key = str(src.get("path") or src.get("title") or "")
            if key:
                sources.setdefault(key, str(src.get("title") or key))
    parts.append(
        "<table><thead><tr><th>file</th><th>content</th><th>licence</th><th>sources</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    items = []
    for key in sorted(sources):
        title = html.escape(sources[key])
        scheme = urlsplit(key).scheme
        items.append(
            f'<li><a href="{html.escape(key)}">{title}</a></li>'
            if scheme in ("http", "https")
            else f"<li>{title} (<code>{html.escape(key)}</code>)</li>"
        )
    parts.append(f"<details><summary>{len(items)} sources</summary><ul>{''.join(items)}</ul></details>")
    return "".join(parts)


def _failures(reports: Path) -> tuple[str, set[tuple[str, str]]]:
    entries, failed = [], set()
    for path in sorted(reports.glob("*/failures.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for entry in data.get("failures", []):
            failed.add((data.get("notebook", path.parent.name), str(entry.get("name"))))
            source = html.escape(str(entry.get("cell_source") or ""))
            cell = (
                f"cell {entry.get('cell_index')} <code>{source}</code>"
                if entry.get("cell_index") is not None
                else "outside any cell"
            )
            entries.append(
                f'<li class="failed">{html.escape(str(data.get("notebook")))}: '
                f"{html.escape(str(entry.get('province') or entry.get('name')))}: {cell}: "
                f"{html.escape(str(entry.get('ename')))}: {html.escape(str(entry.get('evalue')))}</li>"
            )
    if not entries:
        return "", failed
    return f'<h2 id="failures">Failed runs</h2><ul>{"".join(entries)}</ul>', failed


def render_index(runs: list[Run], reports: Path, package_path: Path) -> str:
    """Return ``index.html``: runs by province, by notebook, failures, data sources and licences."""
    failures_html, failed = _failures(reports)
    by_province: dict[tuple, list[Run]] = {}
    for run in runs:
        key = (run.regime, run.province_code or "~", run.province or "") if run.province else ("~", "~", "")
        by_province.setdefault(key, []).append(run)
    province_parts = []
    for key in sorted(by_province):
        regime, code, name = key
        heading = (
            f"{html.escape(name)} ({html.escape(code)}{', 34 units' if regime == '34' else ''})"
            if name
            else "All provinces and national"
        )
        anchor = f"p-{regime}-{code}" if name else "p-all"
        items = "".join(
            _run_item(r, failed) for r in sorted(by_province[key], key=lambda r: (r.notebook, r.name))
        )
        province_parts.append(f'<h3 id="{html.escape(anchor)}">{heading}</h3><ul>{items}</ul>')
    notebook_parts = []
    for notebook in sorted({r.notebook for r in runs}):
        items = "".join(_run_item(r, failed) for r in runs if r.notebook == notebook)
        notebook_parts.append(
            f'<h3 id="nb-{html.escape(notebook)}">{html.escape(notebook)}</h3><ul>{items}</ul>'
        )
    toc = " · ".join(
        f'<a href="#nb-{html.escape(n)}">{html.escape(n)}</a>' for n in sorted({r.notebook for r in runs})
    )
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(TITLE)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{html.escape(TITLE)}</h1>"
        f"<p>{len(runs)} executed notebook(s). Notebooks: {toc or 'none yet'}. "
        '<a href="#sources">Data sources and licences</a>.</p>'
        f"{failures_html}"
        f'<h2 id="by-province">By province</h2>{"".join(province_parts) or "<p>No runs yet.</p>"}'
        f'<h2 id="by-notebook">By notebook</h2>{"".join(notebook_parts) or "<p>No runs yet.</p>"}'
        f'<h2 id="sources">Data sources and licences</h2>{_sources_section(package_path)}'
        "</body></html>\n"
    )


# ---------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------
def build(reports: Path | None = None, no_code: bool = False, jobs: int = 1, progress=None) -> Path:
    """Write ``reports/site/`` and return its ``index.html``.

    Parameters
    ----------
    reports : path-like, optional
        Default :func:`study.paths.reports_dir`.
    no_code : bool
        Hide input cells (and prompts) in the HTML pages.
    jobs : int
        Processes converting notebooks in parallel.
    progress : callable, optional
        Called with a short message per converted notebook.
    """
    from importlib.metadata import version

    nbconvert_version = version("nbconvert")  # not `import nbconvert`: 2 s when nothing needs converting
    reports = Path(reports or paths.reports_dir())
    say = progress or (lambda message: None)
    site = reports / "site"
    runs = discover(reports)
    manifest_path = site / ".manifest.json"
    try:
        old_manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old_manifest = {}
    staging = reports / f".site-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    staging.mkdir(parents=True)
    try:
        manifest, todo = {}, []
        for run in runs:
            stamp = {
                "sha256": _sha256(run.source),
                "no_code": no_code,
                "nbconvert": nbconvert_version,
                "format": SITE_FORMAT,
                "figures": run.figures,
                "tables": run.tables,
            }
            manifest[run.page] = stamp
            target = staging / run.page
            target.parent.mkdir(parents=True, exist_ok=True)
            if old_manifest.get(run.page) == stamp and (site / run.page).is_file():
                shutil.copy2(site / run.page, target)
            else:
                todo.append((run, str(target), no_code))
            shutil.copy2(run.source, target.with_suffix(".ipynb"))
            for rel in run.figures + run.tables:
                dest = target.parent / f"{run.name}_files" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(run.source.parent / f"{run.name}_files" / rel, dest)
        if jobs > 1 and len(todo) > 1:
            with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
                for done in pool.map(_convert_job, todo):
                    say(f"converted {Path(done).relative_to(staging)}")
        else:
            for item in todo:
                say(f"converted {Path(_convert_job(item)).relative_to(staging)}")
        (staging / "index.html").write_text(
            render_index(runs, reports, paths.processed_dir() / "datapackage.json"), encoding="utf-8"
        )
        (staging / ".manifest.json").write_text(
            json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        trash = reports / f".site-old-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        if site.exists():
            os.replace(site, trash)
        os.replace(staging, site)
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return site / "index.html"


# ---------------------------------------------------------------------------------------------
# link checking (pure Python)
# ---------------------------------------------------------------------------------------------
class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value:
                self.ids.add(value)


def local_links(page: Path) -> tuple[list[str], set[str]]:
    """Return the ``href``/``src`` values and element ids of an HTML file."""
    parser = _Links()
    parser.feed(Path(page).read_text(encoding="utf-8"))
    return parser.links, parser.ids


def check_links(site: Path | None = None) -> list[str]:
    """Return broken local links of every HTML page of ``site`` (empty when all resolve).

    A local link is one without scheme or host (``data:`` and ``https:`` links are not checked). It
    must point to an existing file inside the site folder; a fragment on the same page must name an
    element id.
    """
    site = Path(site or paths.reports_dir() / "site").resolve()
    problems = []
    for page in sorted(site.rglob("*.html")):
        links, ids = local_links(page)
        for link in links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            where = f"{page.relative_to(site)}: {link!r}"
            if not parts.path:
                if parts.fragment and not {parts.fragment, unquote(parts.fragment)} & ids:
                    problems.append(f"{where}: no element with id {parts.fragment!r}")
                continue
            if parts.path.startswith("/"):
                problems.append(f"{where}: absolute path (links must be relative)")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            try:
                target.relative_to(site)
            except ValueError:
                problems.append(f"{where}: leaves the site folder")
                continue
            if not target.is_file():
                problems.append(f"{where}: {target.relative_to(site)} does not exist")
    return problems


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------
