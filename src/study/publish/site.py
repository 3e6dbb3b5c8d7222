"""The report site: a static, bilingual study site built from the executed notebooks.

``study report`` writes ``reports/site/``::

    index.html, en/index.html         the home page: the study's headline figures and short texts
    vi|en/provinces-63.html, -34      provinces by region, for the 63 and for the 34 units
    vi|en/p63-<code>.html, p34-...    one page per province: region, successor or predecessors, reports
    vi|en/comparisons.html, measures.html, targets.html, teaching.html   the reports of each section
    vi|en/sources.html                the data package's resources, licences and sources; report tables
    vi|en/gallery.html                one figure of each kind
    <notebook>/<name>.html            a run as a report: numbered figures, tables, hidden code, reproduce box
    <notebook>/<name>.ipynb           a copy of the executed notebook
    <notebook>/<name>_files/...       its figures (PNG, SVG) and tables (CSV)
    assets/                           site.css, site.js and the search index (search-index.js)

Every page is rendered from the Jinja2 templates in ``study/publish/templates`` with autoescaping;
notebook HTML and Markdown pass through the allow-list sanitiser of :mod:`study.publish.safe`. Links
are relative and nothing is loaded from the network, so the folder works opened from disk. The
output is deterministic (sorted, no time stamps). The new site is assembled in a temporary folder
and moved into place, so a failed ``study report`` leaves the previous site intact. Details:
``docs/site.md``.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
import uuid
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from study import paths
from study.publish.model import FIGURE_SUFFIXES, TABLE_SUFFIXES, Run, discover  # noqa: F401  (public names)
from study.publish.pages import TEMPLATES, Site, read_tables, search_index
from study.registry import provinces

SITE_FORMAT = 2
_TILE_GROUP = re.compile(r'(<g id="study-tile-(63|34)-(\d{2})">)')


def _failures(reports: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """Lines describing the last batches' failures, and the (notebook, name) pairs that failed."""
    entries, failed = [], set()
    for path in sorted(reports.glob("*/failures.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for entry in data.get("failures", []) if isinstance(data, dict) else []:
            failed.add((str(data.get("notebook", path.parent.name)), str(entry.get("name"))))
            cell = (
                f"cell {entry.get('cell_index')} ({entry.get('cell_source') or ''})"
                if entry.get("cell_index") is not None
                else "outside any cell"
            )
            entries.append(
                f"{data.get('notebook')}: {entry.get('province') or entry.get('name')}: {cell}: "
                f"{entry.get('ename')}: {entry.get('evalue')}"
            )
    return entries, failed


def _aliases() -> dict[tuple[str, str], list[str]]:
    """Other names of each unit, from ``data/processed/aliases.csv`` (empty when it is missing)."""
    out: dict[tuple[str, str], list[str]] = {}
    path = paths.processed_dir() / "aliases.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                key = (str(row.get("regime", "")), str(row.get("code", "")).zfill(2))
                if row.get("alias") and row["alias"] not in out.setdefault(key, []):
                    out[key].append(row["alias"])
    except OSError:
        pass
    return out


def _copy_figure(source: Path, dest: Path) -> None:
    """Copy a figure; in an SVG, give each tile label of the tile grid its province's full name as a hover title."""
    if source.suffix.lower() != ".svg":
        shutil.copy2(source, dest)
        return
    text = source.read_text(encoding="utf-8", errors="replace")

    def title(match: re.Match) -> str:
        try:
            name = provinces.get(match.group(3), match.group(2)).name_vi
        except (provinces.ProvinceNameError, FileNotFoundError):
            return match.group(1)
        return f"{match.group(1)}<title>{html.escape(name)}</title>"

    dest.write_text(_TILE_GROUP.sub(title, text), encoding="utf-8")


def build(reports: Path | None = None, no_code: bool = False, jobs: int = 1, progress=None) -> Path:
    """Write ``reports/site/`` and return its ``index.html``.

    Parameters
    ----------
    reports : path-like, optional
        Default :func:`study.paths.reports_dir`.
    no_code : bool
        Leave code cells out of the report pages (by default they are there, hidden behind a toggle).
    jobs : int
        Kept for the command line; pages are rendered in this process (no nbconvert export).
    progress : callable, optional
        Called with a short message per written report page.
    """
    reports = Path(reports or paths.reports_dir())
    say = progress or (lambda message: None)
    site = reports / "site"
    runs = discover(reports)
    failures, failed = _failures(reports)
    package_path = paths.processed_dir() / "datapackage.json"
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        package = None
    aliases = _aliases()
    builder = Site(
        runs,
        no_code=no_code,
        failed=failed,
        failures=failures,
        package=package,
        records_tables={r.page: read_tables(r) for r in runs},
    )
    staging = reports / f".site-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    staging.mkdir(parents=True)
    try:
        for run in runs:
            folder = staging / run.notebook
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(run.source, folder / f"{run.name}.ipynb")
            for rel in run.figures + run.tables:
                dest = folder / f"{run.name}_files" / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                _copy_figure(run.source.parent / f"{run.name}_files" / rel, dest)
        for path, text in builder.all_pages(aliases):
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            if path.endswith(".html") and "/" in path and not path.startswith(("vi/", "en/")):
                say(f"wrote {path}")
        assets = staging / "assets"
        assets.mkdir()
        for name in ("site.css", "site.js"):
            shutil.copy2(TEMPLATES / name, assets / name)
        (assets / "search-index.js").write_text(search_index(aliases), encoding="utf-8")
        (staging / ".format").write_text(f"{SITE_FORMAT}\n", encoding="utf-8")
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
