"""Tests of study.publish.site: pages, navigation, language switch, search index, escaping and sanitising.

The reports tree is synthetic (executed-looking notebooks with papermill metadata, figures and
tables), so these tests do not run kernels; the runner's own tests cover execution. The browser test is
in tests/test_site_browser.py.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from study import cli, paths
from study.build import admin, save
from study.build.base import Context
from study.publish import site

CODE_MARKER = "secret_code_line = 41 + 1"


def _png(width: int = 4, height: int = 3) -> bytes:
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _executed(folder: Path, name: str, parameters: dict, figures=(), tables=()) -> None:
    nb = new_notebook(
        cells=[
            new_markdown_cell(f"# Report {name}"),
            new_code_cell('province = "Lạng Sơn"  # the default', execution_count=1, metadata={"tags": ["parameters"]}),
            new_markdown_cell("## Trajectory"),
            new_code_cell(
                'figures.save_figure(fig, output_dir, "trajectory")',
                execution_count=2,
                outputs=[new_output("display_data", data={"image/png": base64.b64encode(_png()).decode()})],
            ),
            new_code_cell(
                CODE_MARKER,
                execution_count=1,
                outputs=[new_output("stream", name="stdout", text=f"ran {name}\n")],
            ),
        ],
        metadata={
            "papermill": {"parameters": parameters},
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        },
    )
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{name}.ipynb")
    files = folder / f"{name}_files"
    for figure in figures:
        files.mkdir(exist_ok=True)
        (files / figure).write_bytes(
            _png() if figure.endswith(".png") else b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
        )
    for table in tables:
        files.mkdir(exist_ok=True)
        (files / table).write_text("year,value\n2024,1.5\n", encoding="utf-8")


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A reports folder with three runs of two notebooks, a failure report and a data package."""
    reports, processed = tmp_path / "reports", tmp_path / "processed"
    monkeypatch.setenv("STUDY_REPORTS_DIR", str(reports))
    monkeypatch.setenv("STUDY_PROCESSED_DIR", str(processed))
    save.write_all(admin.outputs(Context.for_folder(paths.raw_dir())), processed)  # the registry
    _executed(
        reports / "province_profile",
        "lang-son",
        {"province": "Lạng Sơn", "output_dir": "lang-son_files"},
        figures=["trajectory.png", "map.svg"],
        tables=["panel.csv", "bảng số liệu.csv"],
    )
    _executed(
        reports / "province_profile",
        "bac-ninh_en",
        {"province": "Bắc Ninh", "lang": "en"},
        figures=["trajectory.png"],
    )
    _executed(reports / "province_profile", "bac-ninh_vi", {"province": "Bắc Ninh", "lang": "vi"})
    _executed(reports / "province_profile", "tay-ninh_34_en", {"province": "Tây Ninh", "regime": "34", "lang": "en"})
    _executed(reports / "compare_provinces", "compare_provinces", {"year": 2024}, tables=["ranking.csv"])
    _executed(reports / "compare_provinces", "compare_provinces_en", {"lang": "en"})
    _executed(reports / "compare_provinces", "compare_provinces_vi", {"lang": "vi"})
    _executed(
        reports / "compare_provinces",
        "compare-provinces-34-review-2024_vi",
        {"lang": "vi", "series": "review", "year": 2024, "regime": "34", "indicator": "poor_rate_pct"},
    )
    (reports / "province_profile" / "failures.json").write_text(
        json.dumps(
            {
                "notebook": "province_profile",
                "failures": [
                    {
                        "province": "Bắc Ninh",
                        "name": "bac-ninh_en",
                        "cell_index": 4,
                        "cell_source": "plot(x)",
                        "ename": "ValueError",
                        "evalue": "no data",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    # leftovers the site must ignore
    (reports / "province_profile" / ".lang-son.partial-1-abc.ipynb").write_text("{", encoding="utf-8")
    (reports / "province_profile" / "failures").mkdir()
    (reports / ".cache").mkdir()
    processed.mkdir(exist_ok=True)
    cc_by = {
        "name": "CC-BY-4.0",
        "path": "https://creativecommons.org/licenses/by/4.0/",
        "title": "Creative Commons Attribution 4.0",
    }
    cc_by_sa = {
        "name": "CC-BY-SA-4.0",
        "path": "https://creativecommons.org/licenses/by-sa/4.0/",
        "title": "Creative Commons Attribution-ShareAlike 4.0",
    }
    (processed / "datapackage.json").write_text(
        json.dumps(
            {
                "title": "Test data",
                "licenses": [cc_by],
                "resources": [
                    {
                        "name": "poverty_panel-parquet",
                        "path": "poverty_panel.parquet",
                        "description": "panel",
                        "licenses": [cc_by],
                        "sources": [{"title": "Cổng TTĐT Lạng Sơn", "path": "https://langson.gov.vn/x"}],
                    },
                    {
                        "name": "boundaries-geojson",
                        "path": "boundaries_63.geojson",
                        "description": "polygons",
                        "licenses": [cc_by_sa],
                        "sources": [{"title": "seed file", "path": "seed.txt"}],
                    },
                ],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return reports


def _page(tree, path):
    return (tree / "site" / path).read_text(encoding="utf-8")


def _title(text):
    return re.search(r"<title>(.*?)</title>", text, re.S).group(1)


def test_home_navigation_and_sources(tree):
    index = site.build()
    assert index == tree / "site" / "index.html"
    home = index.read_text(encoding="utf-8")
    assert '<html lang="vi"' in home and 'id="lang-switch"' in home and 'href="en/index.html"' in home
    for key in ("provinces-63", "provinces-34", "comparisons", "measures", "targets", "teaching", "sources", "gallery"):
        assert f'href="vi/{key}.html"' in home, key
        assert (tree / "site" / "en" / f"{key}.html").is_file()
    assert "ValueError: no data" in home  # the failure report
    sources = _page(tree, "en/sources.html")
    assert "Creative Commons Attribution 4.0" in sources and "Creative Commons Attribution-ShareAlike 4.0" in sources
    assert 'href="https://langson.gov.vn/x"' in sources and "Cổng TTĐT Lạng Sơn" in sources
    assert "compare_provinces/compare_provinces_files/ranking.csv" in sources
    for path in (
        "province_profile/lang-son.html",
        "province_profile/lang-son.ipynb",
        "province_profile/lang-son_files/map.svg",
        "province_profile/lang-son_files/bảng số liệu.csv",
        "assets/site.css",
        "assets/site.js",
        "assets/search-index.js",
    ):
        assert (tree / "site" / path).is_file(), path
    assert "partial" not in home and "failures/" not in home
    for page in (tree / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "file://" not in text and 'href="/' not in text and 'src="/' not in text
        assert '<script src="http' not in text and '<link rel="stylesheet" href="http' not in text  # offline


def test_provinces_by_region_and_links_between_regimes(tree):
    site.build()
    p63 = _page(tree, "vi/provinces-63.html")
    assert "Đồng bằng sông Hồng" in p63 and 'href="../vi/p63-27.html"' in p63
    assert "Red River Delta" in _page(tree, "en/provinces-63.html")
    bac_ninh = _page(tree, "en/p63-27.html")  # Bắc Ninh became part of Bắc Ninh (34) with Bắc Giang
    assert 'href="../en/p34-24.html"' in bac_ninh and "province_profile/bac-ninh_en.html" in bac_ninh
    merged = _page(tree, "en/p34-24.html")
    assert 'href="../en/p63-24.html"' in merged and 'href="../en/p63-27.html"' in merged
    tay_ninh = _page(tree, "en/p34-80.html")
    assert "tay-ninh_34_en.html" in tay_ninh and 'href="../en/p63-80.html"' in tay_ninh  # Long An is a part
    assert "Lạng Sơn" in _page(tree, "vi/p63-20.html") and "lang-son.html" in _page(tree, "vi/p63-20.html")


def test_language_switch_lands_on_the_same_page(tree):
    site.build()
    en = _page(tree, "province_profile/bac-ninh_en.html")
    vi = _page(tree, "province_profile/bac-ninh_vi.html")
    assert re.search(r'id="lang-switch"[^>]*href="../province_profile/bac-ninh_vi.html"', en, re.S)
    assert re.search(r'id="lang-switch"[^>]*href="../province_profile/bac-ninh_en.html"', vi, re.S)
    assert '<html lang="en"' in en and '<html lang="vi"' in vi
    assert re.search(r'id="lang-switch"[^>]*href="../vi/p63-20.html"', _page(tree, "en/p63-20.html"), re.S)
    assert re.search(r'id="lang-switch"[^>]*href="../index.html"', _page(tree, "en/index.html"), re.S)
    # a run in one language only: the switch goes to the province's page in the other language
    assert re.search(
        r'id="lang-switch"[^>]*href="../vi/p34-80.html"', _page(tree, "province_profile/tay-ninh_34_en.html"), re.S
    )


def test_titles_are_distinct(tree):
    site.build()
    titles = [_title(p.read_text(encoding="utf-8")) for p in (tree / "site").rglob("*.html")]
    assert len(titles) == len(set(titles)), [t for t in titles if titles.count(t) > 1][:5]
    assert "Comparing provinces" in _title(_page(tree, "compare_provinces/compare_provinces_en.html"))
    assert "So sánh các tỉnh" in _title(_page(tree, "compare_provinces/compare_provinces_vi.html"))
    # parameters are said in words, never as code (second reading item 14)
    title = _title(_page(tree, "compare_provinces/compare-provinces-34-review-2024_vi.html"))
    assert "kết quả rà soát, tỷ lệ hộ nghèo, năm 2024, 34 tỉnh, từ 1/7/2025" in title
    for page in (tree / "site").rglob("*.html"):
        assert not re.search(r"\b(series|year|regime|indicator)=", page.read_text(encoding="utf-8")), page


def test_report_page_hides_code_numbers_figures_and_says_how_to_reproduce(tree):
    site.build()
    page = _page(tree, "province_profile/bac-ninh_en.html")
    assert '<details class="code">' in page and "secret_code_line" in page and 'id="code-toggle"' in page
    assert "the default" not in page  # the notebook's default parameter cell (another province) is left out
    assert "Figure 1.</b> Trajectory" in page and 'href="bac-ninh_en_files/trajectory.png"' in page
    assert "study run province_profile -p province &#39;Bắc Ninh&#39; --lang en" in page
    page34 = _page(tree, "province_profile/tay-ninh_34_en.html")
    assert "study run province_profile -p province &#39;Tây Ninh&#39; -p regime 34 --lang en" in page34
    assert "34 units, from 1 July 2025" in page34


def test_no_code_hides_inputs(tree):
    site.build(no_code=True)
    page = _page(tree, "province_profile/lang-son.html")
    assert "secret_code_line" not in page and "ran lang-son" in page and "code-toggle" not in page


def test_every_local_link_resolves(tree):
    site.build()
    assert site.check_links(tree / "site") == []
    (tree / "site" / "province_profile" / "lang-son_files" / "map.svg").unlink()
    problems = site.check_links(tree / "site")
    assert problems and all("map.svg" in p for p in problems)


def test_output_is_deterministic(tree):
    site.build()
    first = {p.relative_to(tree / "site"): p.read_bytes() for p in (tree / "site").rglob("*") if p.is_file()}
    shutil.rmtree(tree / "site")
    site.build()
    again = {p.relative_to(tree / "site"): p.read_bytes() for p in (tree / "site").rglob("*") if p.is_file()}
    assert first == again
    shutil.rmtree(tree / "compare_provinces")
    site.build()
    assert not (tree / "site" / "compare_provinces").exists()  # stale pages go


def test_search_index_knows_every_spelling(tree):
    site.build()
    text = _page(tree, "assets/search-index.js")
    data = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    by = {(u["r"], u["c"]): u for u in data["units"]}
    assert len(data["units"]) == 63 + 34
    hue = by[("63", "46")]
    assert "thuathienhue" in hue["k"] and "tthue" in hue["k"] and hue["h"]["en"] == "en/p63-46.html"
    assert "hochiminh" in by[("34", "79")]["k"] and "hcm" in by[("34", "79")]["k"]


def test_malformed_notebook_is_skipped(tree):
    (tree / "province_profile" / "broken.ipynb").write_text("{not json", encoding="utf-8")
    (tree / "province_profile" / "list.ipynb").write_text("[]", encoding="utf-8")
    site.build()
    assert not (tree / "site" / "province_profile" / "broken.html").exists()


def test_tile_svg_gets_full_names_on_hover(tree):
    files = tree / "province_profile" / "lang-son_files"
    (files / "tiles.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><g id="study-tile-63-46"><path/></g></svg>', encoding="utf-8"
    )
    site.build()
    svg = _page(tree, "province_profile/lang-son_files/tiles.svg")
    assert '<g id="study-tile-63-46"><title>Thừa Thiên Huế</title>' in svg


def test_register_adds_report(tree, capsys):
    assert cli.main(["report", "--no-code", "-q"]) == 0
    assert "wrote" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# script injection (issue 15, Bad 1)
# ---------------------------------------------------------------------------------------------
PAYLOADS = [
    'https://x/"><script>alert(1)</script>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
]


class _Live(HTMLParser):
    """Collects live script: script elements, event handlers, javascript: URLs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed"):
            self.scripts.append(dict(attrs).get("src") or "")
            self._in_script = tag == "script" and not dict(attrs).get("src")
        for name, value in attrs:
            lowered = re.sub(r"[\s\x00-\x1f]", "", (value or "")).lower()
            if name.lower().startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if lowered.startswith(("javascript:", "vbscript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name.lower() == "style":
                self.found.append(f"<{tag} style>")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts[-1] += "|inline:" + data.strip()
            self._in_script = False


def test_no_live_script_from_hostile_data(tree):
    hostile = new_notebook(
        cells=[
            new_markdown_cell("# Hostile\n\n" + "\n\n".join(PAYLOADS) + "\n\n[x](javascript:alert(1))"),
            new_code_cell(
                "display(Markdown(sources))",
                execution_count=1,
                outputs=[
                    new_output(
                        "display_data",
                        data={"text/markdown": "Sources: " + "; ".join(PAYLOADS), "text/plain": "<Markdown>"},
                    ),
                    new_output(
                        "display_data",
                        data={"text/html": "<table><tr><td>" + "</td><td>".join(PAYLOADS) + "</td></tr></table>"},
                    ),
                    new_output("stream", name="stdout", text="\n".join(PAYLOADS)),
                ],
            ),
        ],
        metadata={"papermill": {"parameters": {"province": "Huế", "lang": "en", "note": PAYLOADS[0]}}},
    )
    nbformat.write(hostile, tree / "province_profile" / "hue_en.ipynb")
    package_path = paths.processed_dir() / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["title"] = PAYLOADS[1]
    package["resources"][0]["sources"] += [{"title": p, "path": p} for p in PAYLOADS]
    package["resources"][0]["description"] = PAYLOADS[0]
    package["licenses"][0]["path"] = "javascript:alert(1)"
    package_path.write_text(json.dumps(package), encoding="utf-8")
    site.build()
    pages = sorted((tree / "site").rglob("*.html"))
    assert any("hue_en" in p.name for p in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = _Live()
        parser.feed(text)
        assert parser.found == [], (page, parser.found)
        for s in parser.scripts:
            assert s == '|inline:document.documentElement.className = "js";' or re.fullmatch(
                r"(\.\./)*assets/(site|search-index)\.js", s
            ), (page, s)
    hue = _page(tree, "province_profile/hue_en.html")
    assert "alert(1)" in hue  # the payloads are shown as text, not dropped silently ...
    assert "&lt;script&gt;" in hue or "&lt;svg onload" in hue  # ... escaped


def test_vietnamese_report_chrome_has_no_english():
    """The injected-parameters cell and the meta line are labelled in Vietnamese (second reading item 15)."""
    from study.publish import notebook
    from study.publish.words import WORDS

    nb = new_notebook(
        cells=[
            new_markdown_cell("# Hồ sơ tỉnh"),
            new_code_cell('province = "Lạng Sơn"', metadata={"tags": ["injected-parameters"]}),
        ]
    )
    body = notebook.render(nbformat.from_dict(nb), words=WORDS["vi"])
    text = "".join(body.blocks) if hasattr(body, "blocks") else str(body)
    assert "Mã (tham số của lần chạy)" in text and "parameters" not in text
    assert WORDS["vi"]["notebook"] == "Sổ tính" and "notebook" not in WORDS["vi"]["notebook_file"]


def test_figure_captions_name_their_section_and_never_link_another_figure():
    """Headings displayed from code give captions; a loop saving two figures links neither wrongly (items 12, 14)."""
    from study.publish import notebook
    from study.publish.words import WORDS

    png = base64.b64encode(_png()).decode()
    loop = 'for stem in ("map", "tiles"):\n    figures.save_figure(fig, output_dir, f"{stem}_review_{year}")'
    nb = new_notebook(
        cells=[
            new_code_cell(
                'display(page.heading(lang, "h_map"))',
                outputs=[new_output("display_data", data={"text/markdown": "## Bản đồ"})],
            ),
            new_code_cell(
                loop,
                outputs=[new_output("display_data", data={"image/png": png}) for _ in range(2)],
            ),
            new_code_cell(
                'figures.save_figure(fig, output_dir, "ranking")',
                outputs=[new_output("display_data", data={"image/png": png})],
            ),
        ]
    )
    saved = ["map_review_2024.png", "tiles_review_2024.png", "ranking.png", "ranking.svg"]
    body = notebook.render(nbformat.from_dict(nb), saved_figures=saved, files_href="x_files/", words=WORDS["vi"])
    assert [f.caption for f in body.figures] == ["Bản đồ", "Bản đồ", "Bản đồ"]
    assert body.figures[0].files == [] and body.figures[1].files == []
    assert body.figures[2].files == ["x_files/ranking.png", "x_files/ranking.svg"]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_home_measures_card_counts_the_documents_of_the_region_table(lang):
    """The home card's count is the sum of the documents the region shares rest on."""
    from study.publish import home

    record = {
        "notebook": "policy_measures",
        "lang": lang,
        "page": "policy_measures/x.html",
        "files": "policy_measures/",
        "figures": ["measures_by_region.png"],
        "tables": {
            "measures_by_region.csv": [
                {"region": "Tây Nguyên", "documents": "6"},
                {"region": "Đồng bằng sông Hồng", "documents": "20"},
            ]
        },
    }
    card = next(item for item in home.gather([record], lang) if item["key"] == "measures")
    assert card["text"].startswith("26 ")
    assert ("region" if lang == "en" else "vùng") in card["text"]
    assert "project" not in card["text"] and "dự án" not in card["text"]


def test_home_targets_card_lists_every_target_it_counts():
    """The card said '10 national targets' above a table of 8."""
    from study.publish import home

    table = [{"target": f"target {i}", "year": "2025", "status": "on_track" if i < 3 else "unknown"} for i in range(10)]
    record = {
        "notebook": "targets_tracking",
        "lang": "en",
        "page": "t.html",
        "files": "t/",
        "figures": [],
        "tables": {"national_targets.csv": table},
    }
    card = next(item for item in home.gather([record], "en") if item["key"] == "targets")
    assert card["text"].startswith("10 ") and len(card["table"]["rows"]) == 10


def test_home_map_card_names_every_unit_tied_at_an_extreme():
    """Hà Nội and Quảng Ninh both had 0% in 2024: the card named one of them as 'the lowest'."""
    from study.publish import home

    record = {
        "notebook": "compare_provinces",
        "lang": "vi",
        "page": "c.html",
        "files": "c/",
        "figures": ["map_review_2024_63.png"],
        "tables": {
            "values_review_2024_63.csv": [
                {"province": "Quảng Ninh", "value": "0"},
                {"province": "Hà Giang", "value": "19.5"},
                {"province": "Hà Nội", "value": "0"},
            ]
        },
    }
    card = next(item for item in home.gather([record], "vi") if item["key"] == "map")
    assert "thấp nhất Hà Nội và Quảng Ninh (0%)" in card["text"]
    assert "cao nhất Hà Giang (19,5%)" in card["text"]


def test_lowest_units_are_in_value_then_name_order():
    from study.analysis import compare

    values = pd.DataFrame(
        {
            "province": ["Quảng Ninh", "Hà Nội", "Hà Giang", "Lai Châu", "Bình Dương", "Điện Biên"],
            "value": [0.0, 0.0, 19.5, 20.0, 0.1, 15.0],
            "status": ["unchanged"] * 6,
        }
    )
    found = compare.comparison_findings(values, "poor_rate_pct", 2024, "34", "review", k=3)
    assert [r["province"] for r in found.lowest] == ["Hà Nội", "Quảng Ninh", "Bình Dương"]


def test_home_figures_are_numbered_without_gaps():
    """A headline without a figure (the targets card) left the figures numbered 1, 2, 4."""
    from study.publish import pages
    from study.publish.words import WORDS

    items = [
        {"key": k, "title": k, "text": "", "figure": f, "link": "x.html", "link_title": "x", "table": None}
        for k, f in (("map", "a.png"), ("change", "b.png"), ("targets", None), ("measures", "c.png"))
    ]
    chrome = {k: "" for k in ("lang", "title", "home_href", "sources_href", "switch_href", "switch_label")}
    chrome.update(switch_title="", other_lang="", active="", kind="")
    html = (
        pages.environment()
        .get_template("home.html")
        .render(items=items, w=WORDS["vi"], nav=[], root="", runs=[], failures=[], **chrome)
    )
    assert re.findall(r"<b>Hình (\d+)\.</b>", html) == ["1", "2", "3"]
    assert re.findall(r'id="figure-(\d+)"', html) == ["1", "2", "3"]
