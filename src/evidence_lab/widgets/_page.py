"""The review page: the statement and findings reviewers on one page, served without code.

``evidence-lab review --review R`` runs :func:`serve`: Voila shows a one-cell notebook whose output
is a :class:`ReviewPage` over the review's latest analysis, on 127.0.0.1 behind a token. The
officer sees no code: a row of section buttons (Statements, Findings), then the section.

A section is any ipywidgets widget; :meth:`ReviewPage.add_section` adds one. The "code these next"
queue of the learning work (issue 16) is meant to arrive as a third section.
"""

from __future__ import annotations

import html
import os
import secrets
import socket
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvidenceLabError
from ._base import Displayable, ipywidgets
from ._findings import FindingsReviewer
from ._segments import SegmentReviewer

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..codebook import Codebook
    from ..review import Review

DEFAULT_PORT = 8866
#: A Jupyter data folder holding the page's Voila template (``voila/templates/evidence_lab``).
TEMPLATES = Path(__file__).resolve().parent / "jupyter"
#: Seconds the page may take to analyse the review before Voila gives up (the sample call takes
#: well under a minute; a review of 10,000 statements a few).
ANALYSIS_TIMEOUT_S = 1800
# Narrow screens: controls take the full width, text wraps anywhere rather than overflowing.
_CSS = """<style>
.el-review-page { max-width: 62em; }
.el-review-page .widget-dropdown select { min-width: 0; max-width: 100%; }
.el-review-page .widget-html-content { overflow-wrap: anywhere; }
.el-review-page .widget-button:focus-visible, .el-review-page select:focus-visible,
.el-review-page .widget-toggle-button:focus-visible, .el-review-page textarea:focus-visible {
  outline: 3px solid #1d4e89; outline-offset: 1px; }
.el-review-page .widget-hbox { overflow: visible; }
@media (max-width: 600px) {
  .el-review-page .widget-dropdown { width: calc(100% - 4px) !important; box-sizing: border-box; }
  .el-review-page .widget-dropdown > label { min-width: 4.5em; }
}
</style>"""


class ReviewPage(Displayable):
    """One page for reviewing an analysis: statements (relabel) and findings (sign off).

    Args:
        analysis: the :class:`~evidence_lab.analysis.Analysis` to review (usually
            ``review.analyse()``'s).
        review: the :class:`~evidence_lab.review.Review` that stores each decision; None keeps
            decisions in the reviewers (``statements.corrections``, ``findings.findings``).
        by: who is reviewing, recorded with each correction (default "officer").
        title: the page's heading (default: the analysis's ``run["title"]``, else "Review").

    Attributes:
        statements: the :class:`SegmentReviewer` (all statements; filters by theme, stance and
            organisation).
        findings: the :class:`FindingsReviewer` (every finding and recommendation).
        sections: section title -> widget, in the order of the section buttons.
        switch: the section buttons (ipywidgets ToggleButtons).
        content: the box holding the chosen section's widget.
        widget: the whole page (an ipywidgets VBox with CSS class ``el-review-page``).
    """

    def __init__(self, analysis: Analysis, review: Review | None = None, *, by: str = "officer",
                 title: str | None = None) -> None:
        w = ipywidgets()
        self.analysis = analysis
        self.review = review
        self.statements = SegmentReviewer(analysis, review=review, by=by)
        self.findings = FindingsReviewer(analysis, review=review)
        self.sections: dict[str, Any] = {}
        self.title = title or str(analysis.run.get("title") or "Review")
        self.header = w.HTML(_CSS + self._header_html())
        self.switch = w.ToggleButtons(options=[], style={"button_width": "auto"},
                                      tooltips=[])
        self.switch.add_class("el-sections")
        self.content = w.Box(layout=w.Layout(max_width="100%", margin="8px 0 0 0"))
        self.switch.observe(lambda change: self._show(change["new"]), names="value")
        self.widget = w.VBox([self.header, self.switch, self.content],
                             layout=w.Layout(max_width="100%", padding="0 4px"))
        self.widget.add_class("el-review-page")
        self.add_section("Statements", self.statements.widget,
                         "Page through statements by theme, stance and organisation; relabel")
        self.add_section("Findings", self.findings.widget,
                         "Accept, edit or reject the draft findings and recommendations")

    def _header_html(self) -> str:
        segments, subs = self.analysis.segments, self.analysis.submissions
        where = ("" if self.review is None else
                 f" &middot; <code>{html.escape(self.review.path.name)}</code>")
        return (f'<h2 style="margin:.2em 0;font-size:1.4em">{html.escape(self.title)}</h2>'
                f'<div style="color:#555">{len(subs)} submissions, {len(segments)} statements, '
                f"{len(self.analysis.findings)} findings and recommendations{where}. Stance is "
                f"toward the {html.escape(self.analysis.codebook.target.name)}. Every decision is "
                + ("saved in the review as you make it." if self.review is not None else
                   "kept in memory.") + "</div>")

    def add_section(self, title: str, widget: Any, description: str = "") -> None:
        """Add a section (a button on the section row, then ``widget`` when chosen).

        Args:
            title: the button's label; must not be taken.
            widget: an ipywidgets widget, or an object with a ``widget`` attribute (a reviewer).
            description: the button's tooltip.

        Raises:
            ValueError: when a section of that title exists.
        """
        if title in self.sections:
            raise ValueError(f"the page already has a section {title!r}; choose another title")
        self.sections[title] = getattr(widget, "widget", widget)
        self.switch.options = list(self.sections)
        self.switch.tooltips = [*self.switch.tooltips, description]
        if len(self.sections) == 1:
            self.switch.value = title
            self._show(title)

    def show_section(self, title: str) -> None:
        """Show the section ``title`` (as clicking its button does)."""
        if title not in self.sections:
            raise KeyError(f"no section {title!r}; the sections are {', '.join(self.sections)}")
        self.switch.value = title

    def _show(self, title: str | None) -> None:
        if title in self.sections:
            self.content.children = [self.sections[title]]

    @classmethod
    def open(cls, path: str | Path, *, codebook: Codebook | str | Path | None = None,
             by: str = "officer") -> ReviewPage:
        """Analyse the review stored at ``path`` and build its page.

        The analysis is the one ``evidence-lab analyse --review`` makes (stored statements and
        vectors are reused; corrections and decisions are kept), with the codebook and mode of the
        review's latest completed run unless ``codebook`` is given. The review stays open while
        the page lives (the file is locked for other programs until then).

        Raises:
            ReviewStoreError: for a missing file or an empty review.
        """
        from ..review import Review

        review = Review.open(path, create=False)
        try:
            analysis = review.analyse(**_latest_settings(review, codebook), show_progress=False)
        except BaseException:
            review.close()
            raise
        return cls(analysis, review, by=by, title=f"Review: {Path(path).stem}")

    def snapshot(self) -> str:
        """The header and the section shown, as static HTML."""
        shown = {"Statements": self.statements, "Findings": self.findings}.get(self.switch.value)
        return self.header.value + (shown.snapshot() if shown is not None else "")

    def __repr__(self) -> str:
        return f"ReviewPage({self.title!r}: sections {', '.join(self.sections)})"


def _latest_settings(review: Review, codebook: Codebook | str | Path | None) -> dict[str, Any]:
    """``codebook`` and ``discover`` as the review's latest completed run used them."""
    manifest = review.store.latest_manifest()
    if codebook is None:
        source = manifest.get("codebook", {}).get("source", "default")
        codebook = source if source != "default" and Path(source).is_file() else None
    return {"codebook": codebook, "discover": manifest.get("mode") == "discover"}


def page_notebook(review_path: str | Path, *, codebook: str | Path | None = None,
                  by: str = "officer") -> Any:
    """The one-cell notebook Voila runs to show the page of ``review_path`` (an nbformat node)."""
    import nbformat

    args = [repr(str(Path(review_path).resolve()))]
    if codebook is not None:
        args.append(f"codebook={str(Path(codebook).resolve())!r}")
    args.append(f"by={by!r}")
    source = ("from evidence_lab.widgets import ReviewPage\n\n"
              f"ReviewPage.open({', '.join(args)})")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.metadata["title"] = f"Review: {Path(review_path).stem}"
    return nb


def free_port(first: int, tries: int = 50) -> int:
    """The first port from ``first`` on that nothing listens on at 127.0.0.1.

    Raises:
        EvidenceLabError: when ``tries`` ports in a row are taken.
    """
    for port in range(first, first + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise EvidenceLabError(f"ports {first}-{first + tries - 1} on 127.0.0.1 are all taken; "
                           "pass a free one with --port")


def serve(review_path: str | Path, *, port: int | None = None, codebook: str | Path | None = None,
          by: str = "officer", open_browser: bool = True, token: str | None = None) -> None:
    """Serve the review page of ``review_path`` on http://127.0.0.1 until interrupted (Ctrl+C).

    Args:
        review_path: the review store (``.duckdb``); it must exist and hold a call.
        port: the port (default 8866, or the next free one).
        codebook: a codebook YAML to analyse with (default: the latest run's).
        by: who is reviewing, recorded with each correction (default "officer").
        open_browser: open the page in the default browser (default True).
        token: the secret the page's address carries; default a new random one. Only this
            machine can reach the page (it listens on 127.0.0.1), and only with the token.

    Raises:
        EvidenceLabError: when Voila is not installed.
        ReviewStoreError: when ``review_path`` is not a review store.
    """
    import nbformat

    from ..store import ReviewStore

    try:
        from voila.app import Voila
    except ImportError:
        raise EvidenceLabError("the review page needs Voila: pip install "
                               "'evidence-lab[notebooks]' (or 'voila>=0.5')") from None
    ReviewStore(review_path, create=False).close()  # a clear error now, not inside the page
    token = token or secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="evidence-lab-review-") as folder:
        notebook = Path(folder) / "review.ipynb"
        nbformat.write(page_notebook(review_path, codebook=codebook, by=by), notebook)
        port = port or free_port(DEFAULT_PORT)
        # the page's own Voila template (no CDN stylesheets) is found on the Jupyter path
        os.environ["JUPYTER_PATH"] = os.pathsep.join(
            [str(TEMPLATES), *filter(None, [os.environ.get("JUPYTER_PATH")])])
        argv = [str(notebook), "--Voila.ip=127.0.0.1", f"--Voila.port={port}",
                "--Voila.port_retries=0", f"--Voila.token={token}", "--theme=light",
                "--template=evidence_lab",
                "--show_tracebacks=True", f"--VoilaExecutor.timeout={ANALYSIS_TIMEOUT_S}",
                f"--Voila.open_browser={open_browser}"]
        app = Voila()
        app.initialize(argv)
        print(f"Review page: http://127.0.0.1:{port}/?token={token}", flush=True)
        print("It analyses the review first (a minute for a small call). Stop with Ctrl+C.",
              flush=True)
        app.start()
