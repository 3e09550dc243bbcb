"""``evidence-lab review`` end to end on the sample call, in headless Chromium at phone width.

A review store is made from the shipped sample call and analysed with its codebook; the command
serves the page on a free loopback port behind a token. The officer's part is done with the
keyboard alone where a keyboard user would (Tab to the stance, arrow to another, Enter on Save;
Tab to the Findings button and to an Accept), and with clicks for edit and reject. The page must
fit 390 CSS pixels, load nothing from outside this machine and log no console error; every
decision must be in the DuckDB file once the server has stopped (in bounded time, on Ctrl+C).
Screenshots: ``tests/artifacts/browser/review_page-*.png``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import evidence_lab as el

from .conftest import (
    SERVER_START_S,
    SERVER_STOP_S,
    Browser,
    Server,
    free_port,
    jupyter_env,
)
from .test_notebooks_in_lab import WIDGET_TIMEOUT_S, finding_statuses

pytestmark = pytest.mark.slow

PAGE_TIMEOUT_S = 300  # the page analyses the review before it shows (about 30 s here)
PHONE, LAPTOP = 390, 1280
EDITED = "Several partnerships said the grant round opened late."


@dataclass
class ReviewPageServer:
    server: Server
    url: str
    store: Path


@pytest.fixture(scope="module")
def sample_review(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A review store holding the sample call, analysed once with the call's codebook."""
    from evidence_lab.review import Review

    call = el.sample_call()
    path = tmp_path_factory.mktemp("review") / "ravensmoor.duckdb"
    with Review.open(path) as review:
        review.add_call(call.folder, name="Sample call", show_progress=False)
        review.analyse(codebook=call.codebook, show_progress=False)
    return path


@pytest.fixture
def review_page(sample_review: Path, chromium_paths: tuple[str, str],
                tmp_path: Path) -> Iterator[ReviewPageServer]:
    """``evidence-lab review --review R --port P --no-browser`` running; stopped after the test."""
    port = free_port()
    env = jupyter_env(tmp_path / "jupyter")
    server = Server([sys.executable, "-m", "evidence_lab", "review", "--review", str(sample_review),
                     "--port", str(port), "--no-browser", "--by", "Jo Smith"],
                    env, tmp_path / "review.log", tmp_path)
    try:
        output = server.wait_for_output("Review page: ", SERVER_START_S)
        url = output.split("Review page: ", 1)[1].split()[0]
        assert url.startswith(f"http://127.0.0.1:{port}/?token=")
        yield ReviewPageServer(server=server, url=url, store=sample_review)
    finally:
        took = server.stop()
        assert took < SERVER_STOP_S, f"the review page took {took:.0f} s to stop"


def tab_to(browser: Browser, css: str, limit: int = 60) -> None:
    """Press Tab until the focused element matches ``css`` (as a keyboard user moves)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    for _ in range(limit):
        if browser.run("return document.activeElement.matches(arguments[0])", css):
            return
        ActionChains(browser.driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"{limit} presses of Tab never reached {css!r}")


def press(browser: Browser, *keys: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser.driver).send_keys(*keys).perform()


def fits(browser: Browser, width: int) -> list[str]:
    """Elements of the page wider than the window (what a phone would have to scroll sideways)."""
    return browser.run("""
        const limit = arguments[0];
        return Array.from(document.querySelectorAll('.el-review-page *'))
          .filter(e => e.getBoundingClientRect().right > limit + 1 && e.offsetParent !== null)
          .map(e => e.tagName + '.' + Array.from(e.classList).join('.')).slice(0, 10);""", width)


def test_review_page_end_to_end(review_page: ReviewPageServer, browser: Browser):
    from selenium.webdriver.common.keys import Keys

    browser.resize(PHONE, 1600)
    browser.open(review_page.url)
    browser.wait_for(".el-review-page .el-segment-reviewer .el-statement", PAGE_TIMEOUT_S)
    header = browser.text(".el-review-page")
    assert "Review: ravensmoor" in header and "20 submissions" in header
    assert "saved in the review as you make it" in header
    assert not fits(browser, PHONE), f"wider than a phone: {fits(browser, PHONE)}"
    browser.screenshot("review_page-statements-390px")

    # page through one organisation's statements, with the spans behind the stance and the paragraph
    organisation = "Ravensmoor Farm Watch"
    from selenium.webdriver.support.ui import Select

    Select(browser.find(".el-organisation-filter select")[0]).select_by_value(organisation)
    browser.wait("the organisation's statements", lambda: organisation in browser.text(
        ".el-body"), WIDGET_TIMEOUT_S)
    browser.find("button.el-next-button")[0].click()
    browser.wait("the second statement", lambda: "Statement 2 of" in browser.text(
        ".el-position-label"), WIDGET_TIMEOUT_S)
    segment_id = browser.text(".el-segment-id")
    stance = browser.text(".el-stance-label")
    assert segment_id.startswith("ravensmoor_farm_watch:") and stance in (
        "positive", "negative", "mixed", "neutral")
    assert "What drove the stance" in browser.text(".el-body")

    # relabel with the keyboard only: Tab to the stance, arrow to another value, Tab, Enter
    tab_to(browser, ".el-stance-picker select")
    before = browser.run("return document.activeElement.value")
    press(browser, Keys.ARROW_DOWN if before != "neutral" else Keys.ARROW_UP)
    new_stance = browser.run("return document.activeElement.value")
    assert new_stance != before
    tab_to(browser, "button.el-save-button")
    press(browser, Keys.ENTER)
    browser.wait("the saved message", lambda: browser.text(".el-message").startswith(
        f"Saved {segment_id}"), WIDGET_TIMEOUT_S)
    assert browser.text(".el-stance-label") == new_stance

    # findings: Tab to the Findings section button and to a draft's Accept, with Enter
    tab_to(browser, ".el-sections button:not(.mod-active)")
    assert browser.run("return document.activeElement.textContent.trim()") == "Findings"
    press(browser, Keys.ENTER)
    browser.wait_for(".el-review-page .el-findings-reviewer .el-finding", WIDGET_TIMEOUT_S)
    statuses = finding_statuses(browser, ".el-review-page")
    drafts = [f for f, s in statuses.items() if s == "draft"]
    assert len(drafts) >= 3, statuses
    accepted, edited, rejected = drafts[:3]
    tab_to(browser, f".el-finding-{accepted} button.el-accept")
    press(browser, Keys.ENTER)
    browser.wait("accepted", lambda: browser.text(f".el-finding-{accepted} .el-status")
                 == "accepted", WIDGET_TIMEOUT_S)
    # edit and reject with clicks
    browser.find(f".el-finding-{edited} button.el-edit")[0].click()
    editor = browser.wait_for(f".el-finding-{edited} .el-text textarea", WIDGET_TIMEOUT_S)
    editor.clear()
    editor.send_keys(EDITED)
    browser.find(f".el-finding-{edited} button.el-save")[0].click()
    browser.wait("edited", lambda: browser.text(f".el-finding-{edited} .el-status") == "edited",
                 WIDGET_TIMEOUT_S)
    browser.find(f".el-finding-{rejected} button.el-reject")[0].click()
    browser.wait("rejected", lambda: browser.text(f".el-finding-{rejected} .el-status")
                 == "rejected", WIDGET_TIMEOUT_S)
    assert not fits(browser, PHONE), f"wider than a phone: {fits(browser, PHONE)}"
    browser.run("arguments[0].scrollIntoView()", browser.find(f".el-finding-{accepted}")[0])
    browser.screenshot("review_page-findings-390px")
    browser.resize(LAPTOP, 1400)
    browser.run("window.scrollTo(0, 0)")
    browser.screenshot("review_page-findings-1280px")

    assert not browser.console_errors(), f"console errors: {browser.console_errors()}"
    base = review_page.url.split("/?", 1)[0]
    outside = [u for u in browser.resources() if not u.startswith((base, "data:", "blob:"))]
    assert not outside, f"the page loaded from outside this machine: {outside[:5]}"

    took = review_page.server.stop()  # Ctrl+C: the kernel closes the store
    assert took < SERVER_STOP_S and "Traceback" not in review_page.server.output()
    import duckdb

    with duckdb.connect(str(review_page.store), read_only=True) as con:
        correction = con.execute("SELECT theme, pcc_sentiment, corrected_by FROM corrections "
                                 "WHERE segment_id = ?", [segment_id]).fetchall()
        found = dict(con.execute("SELECT finding_id, status FROM findings WHERE finding_id IN "
                                 "(?, ?, ?)", [accepted, edited, rejected]).fetchall())
        text = con.execute("SELECT edited_text FROM findings WHERE finding_id = ?",
                           [edited]).fetchone()[0]
    assert correction == [(None, new_stance, "Jo Smith")]
    assert found == {accepted: "accepted", edited: "edited", rejected: "rejected"}
    assert text == EDITED
