"""Tests of study.site: index grouping, licences, relative links, determinism, and a real browser.

The reports tree is synthetic (executed-looking notebooks with papermill metadata, figures and
tables), so these tests do not run kernels; the runner's own tests cover execution.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import nbformat
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
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

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
            _png()
            if figure.endswith(".png")
            else b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
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
    _executed(reports / "compare_provinces", "compare_provinces", {"year": 2024}, tables=["ranking.csv"])
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


def test_index_groups_runs_and_names_sources_and_licences(tree):
    index = site.build()
    text = index.read_text(encoding="utf-8")
    assert index == tree / "site" / "index.html"
    assert text.index("Lạng Sơn (20)") < text.index("All provinces and national")  # by province, by code
    assert (
        "Bắc Ninh (27)" in text and 'id="nb-compare_provinces"' in text and 'id="nb-province_profile"' in text
    )
    assert (
        "Creative Commons Attribution 4.0" in text and "Creative Commons Attribution-ShareAlike 4.0" in text
    )
    assert 'href="https://langson.gov.vn/x"' in text and "Cổng TTĐT Lạng Sơn" in text
    assert "the last batch failed for this run" in text and "ValueError: no data" in text
    assert "partial" not in text and "failures/" not in text
    assert "file://" not in text and 'href="/' not in text and 'src="/' not in text
    for path in (
        "province_profile/lang-son.html",
        "province_profile/lang-son.ipynb",
        "province_profile/lang-son_files/map.svg",
        "province_profile/lang-son_files/bảng số liệu.csv",
        "compare_provinces/compare_provinces_files/ranking.csv",
    ):
        assert (tree / "site" / path).is_file(), path
    page = (tree / "site" / "province_profile" / "lang-son.html").read_text(encoding="utf-8")
    assert "<title>province_profile - Lạng Sơn</title>" in page and "secret_code_line" in page


def test_every_local_link_resolves(tree):
    site.build()
    assert site.check_links(tree / "site") == []
    (tree / "site" / "province_profile" / "lang-son_files" / "map.svg").unlink()
    problems = site.check_links(tree / "site")
    assert problems and all("map.svg" in p for p in problems)


def test_output_is_deterministic_and_incremental(tree):
    site.build()
    first = {p.relative_to(tree / "site"): p.read_bytes() for p in (tree / "site").rglob("*") if p.is_file()}
    site.build()  # reuses converted pages
    shutil.rmtree(tree / "site")
    site.build()  # converts everything again
    again = {p.relative_to(tree / "site"): p.read_bytes() for p in (tree / "site").rglob("*") if p.is_file()}
    assert first == again
    shutil.rmtree(tree / "compare_provinces")
    site.build()
    assert not (tree / "site" / "compare_provinces").exists()  # stale pages go


def test_no_code_hides_inputs(tree):
    site.build(no_code=True)
    page = (tree / "site" / "province_profile" / "lang-son.html").read_text(encoding="utf-8")
    assert "secret_code_line" not in page and "ran lang-son" in page


def test_register_adds_report(tree, capsys):
    assert cli.main(["report", "--no-code", "-q"]) == 0
    assert "wrote" in capsys.readouterr().out


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Loads the site in the browser: follows every local link of the index and of the pages it links, loads
# pages in iframes (their title must be set), images as images (must have a width) and other files with
# XHR (must not be empty); then writes one line per link into the DOM that --dump-dom prints.
_PROBE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><pre id="out"></pre><script>
const out = document.getElementById("out"), seen = new Set();
const say = (ok, url, info) => { out.textContent += (ok ? "OK " : "BROKEN ") + url + " " + info + "\\n"; };
function page(url, depth) {
  return new Promise(resolve => {
    const f = document.createElement("iframe");
    f.onload = () => {
      let doc = null; try { doc = f.contentDocument; } catch (e) {}
      const ok = !!(doc && doc.title);
      say(ok, url, "title=" + (doc ? doc.title : "?"));
      if (!ok || depth > 1) { resolve(); return; }
      const urls = [...doc.querySelectorAll("a[href], img[src]")].map(e => e.href || e.src);
      Promise.all(urls.map(u => check(u.split("#")[0], depth + 1))).then(resolve);
    };
    f.src = url; document.body.appendChild(f);
  });
}
function check(url, depth) {
  if (!url.startsWith("file:") || seen.has(url)) return Promise.resolve();
  seen.add(url);
  if (/\\.html$/.test(url)) return page(url, depth);
  return new Promise(resolve => {
    if (/\\.(png|svg)$/i.test(url)) {
      const img = new Image();
      img.onload = () => { say(img.naturalWidth > 0, url, "width=" + img.naturalWidth); resolve(); };
      img.onerror = () => { say(false, url, "image error"); resolve(); };
      img.src = url;
    } else {
      const x = new XMLHttpRequest();
      x.onload = () => { say(x.responseText.length > 0, url, "bytes=" + x.responseText.length); resolve(); };
      x.onerror = () => { say(false, url, "xhr error"); resolve(); };
      x.open("GET", url); x.send();
    }
  });
}
seen.add("START"); check("START", 0).then(() => { out.textContent += "FINISHED\\n"; });
</script></body></html>"""


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install -y chromium); "
    "the pure-Python link check still runs",
)
def test_site_renders_in_headless_chromium(tree, tmp_path):
    index = site.build()
    probe = tmp_path / "probe.html"
    probe.write_text(
        _PROBE.replace('seen.add("START"); check("START", 0)', f"page({json.dumps(index.as_uri())}, 0)"),
        encoding="utf-8",
    )
    profile = tmp_path / "chromium-profile"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--allow-file-access-from-files",
        "--virtual-time-budget=20000",
        f"--user-data-dir={profile}",
        "--dump-dom",
        probe.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    report = done.stdout.split('<pre id="out">', 1)[-1].split("</pre>", 1)[0]
    lines = [line for line in report.splitlines() if line.strip()]
    assert lines and lines[-1] == "FINISHED", done.stdout[-3000:]
    broken = [line for line in lines if line.startswith("BROKEN")]
    assert broken == []
    checked = "\n".join(lines)
    for expected in (
        "province_profile/lang-son.html title=province_profile - Lạng Sơn",
        "lang-son_files/trajectory.png width=4",
        "compare_provinces_files/ranking.csv bytes=",
        "lang-son.ipynb bytes=",
    ):
        assert expected in checked.replace("%20", " "), checked
