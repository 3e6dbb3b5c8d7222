"""The site in a real browser: headless Chromium driven over the DevTools protocol.

Loads every page kind (home, provinces, province, section, report, sources, gallery) at 1280 px and
390 px, checks there is no horizontal overflow, clicks the language switch, types into the search
box and clicks a result, clicks the code toggle, and saves screenshots under the test's tmp_path
(``artefacts/``). Skipped, with the reason, when Chromium or websocket-client is missing.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
import urllib.request

import pytest

from study.publish import site
from tests.test_site import tree  # noqa: F401  (the synthetic reports fixture)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
websocket = pytest.importorskip("websocket", reason="websocket-client is not installed (it is in requirements.lock)")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed (Debian: apt-get install -y chromium); "
    "the pure-Python page and link tests still run",
)

PAGES = {
    "home": "index.html",
    "home_en": "en/index.html",
    "provinces": "vi/provinces-63.html",
    "province": "en/p34-24.html",
    "section": "en/comparisons.html",
    "report": "province_profile/bac-ninh_en.html",
    "sources": "vi/sources.html",
    "gallery": "en/gallery.html",
}


class Browser:
    """A headless Chromium and one page, spoken to over the DevTools protocol."""

    def __init__(self, profile):
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                pytest.fail("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.counter = 0
        self.send("Page.enable")
        self.send("Runtime.enable")

    def send(self, method, **params):
        self.counter += 1
        self.ws.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, condition, timeout=15.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.js(f"document.readyState === 'complete' && ({condition})"):
                    return True
            except RuntimeError:
                pass  # the page is navigating
            time.sleep(0.1)
        return False

    def open(self, url, width=1280):
        self.send(
            "Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600
        )
        self.send("Page.navigate", url=url)
        assert self.wait(f"location.href === {json.dumps(url)} && document.readyState === 'complete'"), url

    def click(self, selector):
        """A real mouse click in the middle of the element (scrolled into view first)."""
        self.wait(f"!!document.querySelector({json.dumps(selector)})")
        box = self.js(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: "center"}}); const r = e.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        assert box, f"no element {selector} on {self.js('location.href')}"
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self, path):
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"]))

    def close(self):
        try:
            self.ws.close()
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def browser(tmp_path):
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    b = Browser(profile)
    yield b
    b.close()


def test_pages_fit_and_controls_work(tree, tmp_path, browser):  # noqa: F811
    root = site.build().parent
    artefacts = tmp_path / "artefacts"
    artefacts.mkdir()
    overflow = []
    for kind, path in PAGES.items():
        for width in (1280, 390):
            browser.open((root / path).as_uri(), width)
            assert browser.js("document.title.length > 0"), path
            assert browser.js("!!document.getElementById('lang-switch') && !!document.getElementById('search')")
            extra = browser.js("document.documentElement.scrollWidth - window.innerWidth")
            if extra > 0:
                overflow.append(f"{path} at {width}px: {extra}px too wide")
            browser.screenshot(artefacts / f"{kind}_{width}.png")
    assert overflow == []

    # the language switch lands on the same report in the other language
    browser.open((root / PAGES["report"]).as_uri())
    browser.click("#lang-switch")
    target = (root / "province_profile/bac-ninh_vi.html").as_uri()
    assert browser.wait(f"location.href === {json.dumps(target)} && document.documentElement.lang === 'vi'")
    browser.click("#lang-switch")
    assert browser.wait("document.documentElement.lang === 'en' && location.href.endsWith('bac-ninh_en.html')")

    # code is hidden until the toggle is clicked
    visible = "[...document.querySelectorAll('details.code')].map(d => d.offsetParent !== null && d.open)"
    assert browser.js(visible) and not any(browser.js(visible))
    browser.click("#code-toggle")
    assert browser.wait(f"{visible}.every(x => x)")
    assert browser.js("document.getElementById('code-toggle').getAttribute('aria-pressed')") == "true"
    browser.screenshot(artefacts / "report_code_shown.png")

    # search: any spelling the registry accepts, then a click on the result
    for query, expected in (("tt hue", "Thừa Thiên Huế"), ("HCM", "Hồ Chí Minh"), ("bac ninh", "Bắc Ninh")):
        browser.open((root / "en/index.html").as_uri())
        browser.click("#search")
        browser.send("Input.insertText", text=query)
        assert browser.wait("!document.getElementById('search-results').hidden"), query
        first = browser.js("document.querySelector('#search-results a').textContent")
        assert first.startswith(expected), (query, first)
    browser.screenshot(artefacts / "search.png")
    browser.click("#search-results a")
    assert browser.wait("/\\/en\\/p(63|34)-(24|27)\\.html$/.test(location.href)")
    assert browser.js("document.querySelector('h1').textContent").startswith("Bắc Ninh")
    assert len(list(artefacts.glob("*.png"))) >= 2 * len(PAGES) + 2
