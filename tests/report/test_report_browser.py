"""report.html opened in headless Chromium, as a scrutiny officer would open it on a laptop or phone.

The laptop checks use Chromium's command line (``--screenshot``, ``--dump-dom`` and the console
lines it logs on stderr). Chromium's headless window cannot be narrower than 500 CSS pixels, so the
phone view (390 px) is emulated through the DevTools protocol over a pipe (``Emulation.
setDeviceMetricsOverride``), which also reports every network request and console message directly.
Screenshots are kept in ``tests/artifacts/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import base64
import dataclasses
import fcntl
import html
import json
import os
import re
import select
import shutil
import struct
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from evidence_lab.report import write_outputs

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAPTOP = (1280, 2000)
PHONE = (390, 1800)
BROWSER_TIMEOUT_S = 120
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
         "--hide-scrollbars"]
PAYLOAD = "Payload <script>alert(1)</script> and <img src=x onerror=alert(1)> end."


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("headless Chromium is not installed: run scripts/install_test_deps.sh "
                "(or sudo apt-get install chromium) to open report.html in a browser")


def run_chromium(chromium: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
                           "--v=0", *args], capture_output=True, text=True,
                          timeout=BROWSER_TIMEOUT_S, check=False)


def console_lines(stderr: str) -> list[str]:
    """What the page wrote to the console (Chromium logs it as ``...:CONSOLE:<line>] "..."``),
    uncaught exceptions included."""
    return [line for line in stderr.splitlines()
            if ":CONSOLE" in line or "Uncaught" in line or "ERROR:CONSOLE" in line]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


class _Resources(HTMLParser):
    """Every URL the page would load: src/href/srcset/poster/data attributes and CSS url(...)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("src", "href", "srcset", "poster", "data", "action", "formaction"):
                self.urls.append(value)
            if name == "style":
                self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", value)
        if tag == "img":
            self.images.append(dict(attrs).get("src") or "")

    def handle_data(self, data: str) -> None:
        if self.lasttag == "style":
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (no network port):
    Chromium reads commands on fd 3 and writes replies and events on fd 4, NUL-separated."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_child, self._write = os.pipe()
        self._read, from_child = os.pipe()

        def wire() -> None:  # in the child: put the pipe ends on fds 3 and 4
            high_in = fcntl.fcntl(to_child, fcntl.F_DUPFD, 10)
            high_out = fcntl.fcntl(from_child, fcntl.F_DUPFD, 10)
            os.dup2(high_in, 3)
            os.dup2(high_out, 4)

        self.process = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe",
             "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire)  # noqa: PLW1509 - no threads start it
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._read], [], [], left)
            if ready:
                chunk = os.read(self._read, 1 << 20)
                if not chunk:
                    raise EOFError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict[str, Any] | None = None, *,
             browser: bool = False) -> dict[str, Any]:
        self._id += 1
        message: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + BROWSER_TIMEOUT_S
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        deadline = time.monotonic() + BROWSER_TIMEOUT_S
        while True:
            event = self._message(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def open(self, url: str, width: int, height: int, *, mobile: bool) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, browser=True)["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 browser=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height,
                                                         "deviceScaleFactor": 1, "mobile": mobile})
        self.send("Page.navigate", {"url": url})
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot",
                                                    {"format": "png"})["data"]))
        return path

    def problems(self) -> list[str]:
        """Console messages, uncaught exceptions, browser log errors and dialogs (e.g. alert())."""
        out = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"uncaught: {params['exceptionDetails'].get('text')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                out.append(f"log {params['entry']['level']}: {params['entry']['text']}")
            elif method == "Page.javascriptDialogOpening":
                out.append(f"dialog: {params.get('message')}")
        return out

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True)
            self.process.wait(timeout=10)
        except (OSError, RuntimeError, TimeoutError, EOFError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=10)
        finally:
            os.close(self._write)
            os.close(self._read)


@pytest.fixture
def devtools(chromium: str, tmp_path: Path):
    client = DevTools(chromium, tmp_path / "profile")
    try:
        yield client
    finally:
        client.close()


# --- laptop: Chromium's command line ---------------------------------------------------------------


def test_report_renders_on_a_laptop_without_console_errors(chromium, sample_report, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report_laptop.png"
    shot.unlink(missing_ok=True)
    url = (sample_report.out / "report.html").as_uri()
    done = run_chromium(chromium, tmp_path / "profile", f"--screenshot={shot}",
                        f"--window-size={LAPTOP[0]},{LAPTOP[1]}", url)
    assert shot.is_file(), f"no screenshot; Chromium said: {done.stderr[-2000:]}"
    assert png_size(shot) == LAPTOP
    assert shot.stat().st_size > 50_000, "the screenshot is nearly empty"
    assert console_lines(done.stderr) == []


def test_rendered_dom_has_the_findings_and_loads_nothing_from_the_network(chromium, sample_report,
                                                                          tmp_path):
    url = (sample_report.out / "report.html").as_uri()
    done = run_chromium(chromium, tmp_path / "profile", f"--window-size={LAPTOP[0]},{LAPTOP[1]}",
                        "--dump-dom", url)
    dom = done.stdout
    assert '<h2 id="findings">Findings</h2>' in dom
    finding_ids = sample_report.analysis.findings["finding_id"].tolist()
    assert finding_ids and re.search(r"\bF-[0-9a-f]{8}\b", dom)
    missing = [f for f in finding_ids if f not in dom]
    assert not missing, f"findings missing from the rendered page: {missing}"
    first = sample_report.analysis.findings.iloc[0]
    words = html.escape(str(first["text"]).split(" (")[0], quote=False)
    assert words in dom  # the finding's own words, not just its id
    resources = _Resources()
    resources.feed(dom)
    remote = [u for u in resources.urls if re.match(r"\s*(https?:)?//", u, flags=re.IGNORECASE)]
    assert not remote, f"report.html loads from the network: {remote[:3]}"
    assert len(resources.images) == 4
    assert all(src.startswith("data:image/png;base64,") for src in resources.images)
    assert console_lines(done.stderr) == []


def test_console_scan_catches_a_broken_page(chromium, tmp_path):
    """The console check above can fail: a page with a script error is caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>undefinedFunction();</script>",
                    encoding="utf-8")
    done = run_chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert any("Uncaught ReferenceError" in line for line in console_lines(done.stderr))


# --- phone and behaviour: the DevTools protocol --------------------------------------------------


def test_report_fits_a_phone_screen(devtools, sample_report):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report_phone.png"
    devtools.open((sample_report.out / "report.html").as_uri(), *PHONE, mobile=True)
    width, page_width = devtools.evaluate("[window.innerWidth, document.documentElement.scrollWidth]")
    devtools.screenshot(shot)
    assert width == PHONE[0]
    assert page_width <= width, f"the page is {page_width}px wide on a {width}px phone: it scrolls sideways"
    wide = devtools.evaluate("""Array.from(document.querySelectorAll('main > *'))
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == [], f"these blocks stick out past the screen edge: {wide}"
    assert png_size(shot) == PHONE and shot.stat().st_size > 30_000
    assert devtools.problems() == []
    local = ("file://", "data:")
    assert [u for u in devtools.requests() if not u.startswith(local)] == []


def test_search_box_filters_the_findings(devtools, sample_report):
    devtools.open((sample_report.out / "report.html").as_uri(), *LAPTOP, mobile=False)
    shown, total, note = devtools.evaluate("""(() => {
        const box = document.getElementById('search');
        box.value = 'victim hub';
        box.dispatchEvent(new Event('input'));
        const items = document.querySelectorAll('[data-search]');
        const shown = Array.from(items).filter(e => e.offsetParent !== null).length;
        return [shown, items.length, document.getElementById('search-count').textContent];
    })()""")
    assert 0 < shown < total
    assert note == f"{shown} of {total} items match"
    assert devtools.problems() == []


def test_officers_decisions_show_in_the_report(sample_report, tmp_path):
    findings = sample_report.analysis.findings.copy()
    findings["status"] = "draft"
    findings["needs_review"] = False
    findings.loc[0, "status"] = "accepted"
    findings.loc[1, ["status", "needs_review"]] = ["edited", True]
    reviewed = dataclasses.replace(sample_report.analysis, findings=findings)
    page = (write_outputs(reviewed, tmp_path / "out", redact=False) / "report.html").read_text("utf-8")
    assert page.count("accepted by an officer") == 1
    assert page.count("edited by an officer") == 1
    assert page.count("needs review: its evidence changed") == 1


# --- hostile evidence ------------------------------------------------------------------------------


def hostile(sample_report: Any) -> Any:
    """The sample analysis with a payload in a cited statement, its organisation and a finding."""
    analysis = sample_report.analysis
    finding = analysis.findings.iloc[0]
    segment_id = finding["segment_ids"][0]
    segments = analysis.segments.copy()
    hit = segments["segment_id"] == segment_id
    segments.loc[hit, "text"] = PAYLOAD
    submissions = analysis.submissions.copy()
    submission_id = segments.loc[hit, "submission_id"].iloc[0]
    submissions.loc[submissions["submission_id"] == submission_id, "organisation"] = \
        '<b onmouseover="alert(3)">Evil & Co</b>'
    findings = analysis.findings.copy()
    findings.loc[0, "text"] = "Finding <script>alert(2)</script> text"
    findings.at[0, "quotes"] = [f"“{PAYLOAD}” [{segment_id}]"]
    return dataclasses.replace(analysis, segments=segments, submissions=submissions,
                               findings=findings)


def test_evidence_containing_html_is_written_as_text(sample_report, tmp_path):
    out = write_outputs(hostile(sample_report), tmp_path / "out", redact=False)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;b onmouseover=" in page and "Evil &amp; Co" in page
    assert page.count("<script") == 1  # the page's own search script, nothing else


def test_evidence_containing_html_shows_as_text_in_the_browser(devtools, sample_report, tmp_path):
    out = write_outputs(hostile(sample_report), tmp_path / "out", redact=False)
    devtools.open((out / "report.html").as_uri(), *LAPTOP, mobile=False)
    shown = devtools.evaluate("""(() => {
        document.querySelectorAll('details').forEach(d => d.open = true);
        return [document.body.innerText.includes('<script>alert(1)</script>'),
                document.body.innerText.includes('<img src=x onerror=alert(1)>'),
                document.querySelectorAll('img[src="x"], b[onmouseover]').length,
                document.scripts.length];
    })()""")
    assert shown == [True, True, 0, 1]
    assert devtools.problems() == []  # no alert() dialog, no error
