"""Each notebook opened in JupyterLab in headless Chromium, run as an officer runs it.

The notebook is opened from a copy of ``notebooks/`` (a working directory outside the checkout);
its saved outputs must show (for the review widgets, the static snapshot they save with the
notebook, since a notebook opened for the first time is not trusted to run widget code) before
they are cleared and every cell is run (Run > Run All Cells). The test fails on a cell
that raised (with its error), on a console error in the page, and on a kernel other than the
project's. For the review notebook it then waits for the widget views, reads the statement's
labels and a finding's status off the page, picks another stance and clicks Save correction,
clicks Accept on a draft finding, and reads both decisions back from the review's DuckDB file.
A screenshot of each notebook is kept in ``tests/artifacts/browser/``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import KERNEL_NAME, NOTEBOOKS, Browser, JupyterLab

pytestmark = pytest.mark.slow

NOTEBOOK_TIMEOUT_S = 600
WIDGET_TIMEOUT_S = 60

_KERNEL = "jupyterapp.shell.currentWidget.sessionContext.session.kernel"
READY = f"""
const panel = window.jupyterapp && jupyterapp.shell.currentWidget;
if (!panel || !panel.sessionContext || !panel.sessionContext.session) return null;
const kernel = {_KERNEL};
if (!kernel || kernel.connectionStatus !== 'connected' || kernel.status !== 'idle') return null;
return kernel.name;
"""
STATE = f"""
const panel = jupyterapp.shell.currentWidget;
const cells = panel.content.widgets.filter(c => c.model.type === 'code');
const errors = [];
cells.forEach((cell, i) => cell.model.outputs.toJSON().forEach(out => {{
  if (out.output_type === 'error')
    errors.push(`code cell ${{i + 1}}: ${{out.ename}}: ${{out.evalue}}`);
}}));
const running = Array.from(panel.node.querySelectorAll('.jp-InputPrompt'))
  .some(p => p.textContent.includes('*'));
return {{status: {_KERNEL}.status, running: running, errors: errors,
        unrun: cells.filter(c => c.model.executionCount === null).length, cells: cells.length}};
"""


SCROLL_TO_WIDGET = """
const panel = jupyterapp.shell.currentWidget;
const index = panel.content.widgets.findIndex(c => c.model.type === 'code' && c.model.outputs
  .toJSON().some(o => o.data && o.data['application/vnd.jupyter.widget-view+json']));
panel.content.activeCellIndex = index;
panel.content.scrollToItem(index);
"""


def run_all_cells(browser: Browser, lab: JupyterLab, name: str) -> dict[str, Any]:
    """Open ``name`` in JupyterLab, clear its saved outputs, run every cell; the final state."""
    browser.open(lab.notebook_url(name))
    kernel = browser.wait("the notebook's kernel to be ready", lambda: browser.run(READY),
                          timeout=120)
    assert kernel == KERNEL_NAME, f"{name} runs in kernel {kernel!r}, not the project's"
    browser.wait_for(".jp-OutputArea-output", 60)  # the saved outputs show before any run
    browser.screenshot(f"{Path(name).stem}-saved")
    if name.startswith("02_"):  # the widgets' saved snapshots (the notebook is not trusted yet)
        browser.run(SCROLL_TO_WIDGET)
        browser.wait_for(".el-snapshot .el-statement", WIDGET_TIMEOUT_S)
        browser.screenshot(f"{Path(name).stem}-saved-widget")
    browser.run("return jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    browser.run("jupyterapp.commands.execute('notebook:run-all-cells')")
    settled: list[dict[str, Any]] = []

    def finished() -> dict[str, Any] | None:
        state = browser.run(STATE)
        done = state["status"] == "idle" and not state["running"] and (
            state["unrun"] == 0 or state["errors"])
        settled.append(state if done else {})
        return state if len(settled) >= 3 and all(settled[-3:]) else None  # idle for ~1.5 s

    return browser.wait(f"{name} to run to the end", finished, NOTEBOOK_TIMEOUT_S)


def select_other(select: Any) -> str:
    """Choose the option after the selected one (wrapping) in a <select>; its value."""
    from selenium.webdriver.support.ui import Select

    choice = Select(select)
    values = [option.get_attribute("value") for option in choice.options]
    current = select.get_attribute("value")
    chosen = values[(values.index(current) + 1) % len(values)]
    choice.select_by_value(chosen)
    return chosen


def review_store(lab: JupyterLab) -> Path:
    """The review file notebook 02 made (in the server's temporary folder)."""
    stores = sorted(Path(lab.env["TMPDIR"]).glob("*/ravensmoor.duckdb"))
    assert len(stores) == 1, f"expected one review store, found {stores}"
    return stores[0]


def decisions(store: Path, segment_id: str, finding_id: str) -> tuple[list[tuple], str]:
    """(the corrections of ``segment_id``, the status of ``finding_id``) in the DuckDB file."""
    import duckdb

    with duckdb.connect(str(store), read_only=True) as con:
        corrections = con.execute("SELECT theme, pcc_sentiment, corrected_by FROM corrections "
                                  "WHERE segment_id = ? ORDER BY correction_id",
                                  [segment_id]).fetchall()
        status = con.execute("SELECT status FROM findings WHERE finding_id = ?",
                             [finding_id]).fetchone()
    return corrections, status[0] if status else ""


FINDINGS = """
return Array.from(document.querySelectorAll(arguments[0] + ' .el-finding')).map(box => [
  Array.from(box.classList).find(c => c.startsWith('el-finding-')).slice('el-finding-'.length),
  box.querySelector('.el-status').textContent]);
"""


def finding_statuses(browser: Browser, within: str) -> dict[str, str]:
    """finding_id -> the status shown on the page, for the findings reviewer inside ``within``."""
    return dict(browser.run(FINDINGS, within))


def accept_a_draft_finding(browser: Browser, within: str) -> str:
    """Click Accept on the first finding shown as draft; its id once the page says accepted."""
    drafts = [f for f, status in finding_statuses(browser, within).items() if status == "draft"]
    assert drafts, "no draft finding left to accept"
    box = f"{within} .el-finding-{drafts[0]}"
    browser.run("arguments[0].scrollIntoView()", browser.find(box)[0])
    browser.find(f"{box} button.el-accept")[0].click()
    browser.wait(f"{drafts[0]} shown as accepted",
                 lambda: browser.text(f"{box} .el-status") == "accepted", WIDGET_TIMEOUT_S)
    return drafts[0]


def review_in_the_widgets(browser: Browser, lab: JupyterLab) -> None:
    """Relabel a statement and accept a finding by clicking, then find both in the store."""
    reviewer = browser.wait_for(".el-segment-reviewer", WIDGET_TIMEOUT_S)
    browser.wait_for(".el-findings-reviewer .el-finding", WIDGET_TIMEOUT_S)
    browser.run("arguments[0].scrollIntoView()", reviewer)
    segment_id = browser.text(".el-segment-reviewer .el-segment-id")
    theme = browser.text(".el-segment-reviewer .el-theme-label")
    stance = browser.text(".el-segment-reviewer .el-stance-label")
    assert segment_id and theme and stance in ("positive", "negative", "mixed", "neutral")
    picker = browser.find(".el-segment-reviewer .el-stance-picker select")[0]
    assert picker.get_attribute("value") == stance  # the picker starts at the shown label
    new_stance = select_other(picker)
    browser.find(".el-segment-reviewer button.el-save-button")[0].click()
    message = browser.wait("the save message", lambda: "Saved" in browser.text(
        ".el-segment-reviewer .el-message") and browser.text(".el-segment-reviewer .el-message"),
        WIDGET_TIMEOUT_S)
    assert message.startswith(f"Saved {segment_id}: ") and "in the review" in message
    browser.wait("the new stance on the page", lambda: browser.text(
        ".el-segment-reviewer .el-stance-label") == new_stance, WIDGET_TIMEOUT_S)
    browser.screenshot("02_review_themes_and_stance-statement")

    finding_id = accept_a_draft_finding(browser, ".el-findings-reviewer")
    browser.screenshot("02_review_themes_and_stance-finding")

    lab.shutdown_kernels()  # releases the store's lock, as closing the notebook would
    store = review_store(lab)
    deadline = time.monotonic() + 30
    while True:
        try:
            corrections, status = decisions(store, segment_id, finding_id)
            break
        except Exception:  # the kernel may take a moment to let go of the file
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    assert corrections[-1] == (None, new_stance, "officer")
    assert status == "accepted"


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_notebook_runs_in_jupyterlab(name: str, browser: Browser, jupyterlab: JupyterLab):
    state = run_all_cells(browser, jupyterlab, name)
    assert not state["errors"], f"{name}: {state['errors'][0]}"
    assert state["unrun"] == 0
    stem = Path(name).stem
    if stem == "02_review_themes_and_stance":
        review_in_the_widgets(browser, jupyterlab)
    else:
        browser.screenshot(stem)
        jupyterlab.shutdown_kernels()
    assert not browser.console_errors(), f"{name}: console errors {browser.console_errors()}"
    outside = [url for url in browser.resources()
               if not url.startswith((jupyterlab.url, "data:", "blob:"))]
    assert not outside, f"{name}: the page loaded from outside this machine: {outside[:5]}"
