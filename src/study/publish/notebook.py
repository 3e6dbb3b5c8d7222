"""An executed notebook as the body of a report page: prose, numbered figures, tables, hidden code.

Cells are rendered here, not by nbconvert's page template, so that the page works from disk with no
network (no CDN scripts) and so that every piece is escaped or sanitised (:mod:`study.publish.safe`):

* Markdown cells and ``text/markdown`` outputs: Markdown to HTML, then the allow-list sanitiser;
* ``text/html`` outputs (tables): the sanitiser, in a scrolling box;
* images: ``<img>`` with a data URI (PNG/JPEG; SVG only as an image, where it cannot run script),
  numbered "Figure N" with a caption (the section heading, and download links to the PNG/SVG the
  run saved when the cell's ``save_figure`` call names them);
* code cells: in a ``<details class="code">`` block, closed (the page's toggle opens them all); the
  cell tagged ``parameters`` (the notebook's defaults, e.g. another province) is left out: the
  injected parameters and the "reproduce" box say what was run.
"""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from study.publish.safe import clean_html, markdown_html

_SAVE_CALL = re.compile(r"save_figure\(\s*[^,]+,\s*[^,]+,\s*(f?)([\"'])(.+?)\2")
_HEADING = re.compile(r"^\s{0,3}(#{1,3})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/svg+xml")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class Figure:
    """A numbered figure of a page."""

    number: int
    src: str
    caption: str
    files: list[str] = field(default_factory=list)


@dataclass
class Body:
    """A rendered notebook: the HTML blocks, its first heading and its figures."""

    blocks: list[str]
    heading: str | None
    figures: list[Figure]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _saved_names(source: str, saved: list[str]) -> list[str]:
    """Return the saved figure files a cell's ``save_figure(fig, dir, "name")`` call wrote."""
    found = []
    for is_f, _quote, name in _SAVE_CALL.findall(source):
        if is_f:
            pattern = re.compile("^" + re.sub(r"\\\{.*?\\\}", ".+", re.escape(name)) + r"\.(png|svg)$")
        else:
            pattern = re.compile("^" + re.escape(name) + r"\.(png|svg)$")
        found += [f for f in saved if pattern.match(Path(f).name)]
    return found


def _image(mime: str, data) -> str | None:
    text = _text(data).strip()
    if mime == "image/svg+xml":
        text = base64.b64encode(text.encode("utf-8")).decode("ascii")
    elif not re.fullmatch(r"[A-Za-z0-9+/=\s]+", text):
        return None
    return f"data:{mime};base64,{''.join(text.split())}"


def render(nb: dict, *, saved_figures=(), files_href: str = "", no_code: bool = False, words=None) -> Body:
    """Render an executed notebook (nbformat 4 as a dict) as HTML blocks.

    Parameters
    ----------
    nb : dict
        The notebook (``json.load`` of the ``.ipynb``).
    saved_figures : sequence of str
        Figure files the run saved (relative to its ``_files`` folder).
    files_href : str
        Href of the run's ``_files`` folder from the page, ending with ``/``.
    no_code : bool
        Leave out code cells.
    words : dict, optional
        ``figure``, ``code``, ``download`` labels in the page's language.

    Returns
    -------
    Body
    """
    words = words or {"figure": "Figure", "code": "Code", "download": "Download"}
    blocks, figures, heading, section = [], [], None, ""
    saved = list(saved_figures)
    for cell in nb.get("cells", []):
        tags = set((cell.get("metadata") or {}).get("tags") or [])
        source = _text(cell.get("source"))
        if cell.get("cell_type") == "markdown":
            for level, title in _HEADING.findall(source):
                if heading is None and level == "#":
                    heading = title
                section = title
            blocks.append(f'<div class="prose">{markdown_html(source)}</div>')
            continue
        if cell.get("cell_type") != "code" or "parameters" in tags:
            continue
        if not no_code and source.strip():
            label = words.get("code_parameters", words["code"]) if "injected-parameters" in tags else words["code"]
            blocks.append(
                f'<details class="code"><summary>{html.escape(label)}</summary>'
                f"<pre><code>{html.escape(source)}</code></pre></details>"
            )
        files = _saved_names(source, saved)
        if len({Path(f).with_suffix("") for f in files}) > 1:
            files = []  # a cell saving several figures under computed names: which is which is unknown
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                text = _ANSI.sub("", _text(output.get("text")))
                if output.get("name") == "stderr" or not text.strip():
                    continue
                blocks.append(f'<pre class="output">{html.escape(text)}</pre>')
            elif kind == "error":
                trace = _ANSI.sub("", "\n".join(output.get("traceback") or []))
                blocks.append(f'<pre class="output error">{html.escape(trace or _text(output.get("evalue")))}</pre>')
            elif kind in ("display_data", "execute_result"):
                data = output.get("data") or {}
                mime = next((m for m in _IMAGE_TYPES if m in data), None)
                if mime:
                    src = _image(mime, data[mime])
                    if src is None:
                        continue
                    number = len(figures) + 1
                    caption = section or words["figure"]
                    figure = Figure(number, src, caption, [files_href + f for f in files])
                    figures.append(figure)
                    links = " · ".join(
                        f'<a href="{html.escape(h)}">{html.escape(Path(h).suffix[1:].upper())}</a>'
                        for h in figure.files
                    )
                    blocks.append(
                        f'<figure id="figure-{number}"><img src="{src}" alt="{html.escape(caption)}">'
                        f"<figcaption><b>{html.escape(words['figure'])} {number}.</b> {html.escape(caption)}"
                        + (
                            f' <span class="downloads">{html.escape(words["download"])}: {links}</span>'
                            if links
                            else ""
                        )
                        + "</figcaption></figure>"
                    )
                elif "text/html" in data:
                    blocks.append(f'<div class="table-wrap">{clean_html(_text(data["text/html"]))}</div>')
                elif "text/markdown" in data:
                    text = _text(data["text/markdown"])
                    for level, title in _HEADING.findall(text):  # headings displayed from code name sections too
                        if heading is None and level == "#":
                            heading = title
                        section = title
                    blocks.append(f'<div class="prose">{markdown_html(text)}</div>')
                elif "text/plain" in data:
                    text = _text(data["text/plain"])
                    if not re.fullmatch(r"<(Figure|matplotlib)[^>]*>", text.strip()):
                        blocks.append(f'<pre class="output">{html.escape(text)}</pre>')
    return Body(blocks, heading, figures)


def load(path: Path) -> dict:
    """Read a notebook file as a dict (raises ``ValueError`` when it is not a notebook)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ValueError(f"{path}: not a notebook (no list of cells)")
    return data
