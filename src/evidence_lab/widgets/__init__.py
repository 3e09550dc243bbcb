"""Jupyter widgets for the officer's review: correct statements' theme and stance, sign off
findings.

    >>> from evidence_lab.widgets import FindingsReviewer, SegmentReviewer
    >>> reviewer = SegmentReviewer(analysis, theme="commissioning")   # doctest: +SKIP
    >>> reviewer                                                        # doctest: +SKIP
    >>> el.analyse(inputs, corrections=reviewer.corrections)           # doctest: +SKIP

Both widgets work with or without a :class:`~evidence_lab.review.Review`. Given one, every decision
is written to the review store at once (``review.relabel``, ``review.accept`` / ``edit`` /
``reject``) and the next ``review.analyse()`` uses it. Without one, decisions are kept in memory:
:attr:`SegmentReviewer.corrections` can be passed to :func:`evidence_lab.analyse` and
:attr:`FindingsReviewer.findings` carries a ``status`` column. :class:`ReviewPage` puts both on one
page, which ``evidence-lab review --review R`` serves to officers who do not write code.

``ipywidgets`` is imported only when a widget is built, so importing evidence_lab never needs it.
Every button's work is done by a plain method (``next``, ``relabel``, ``accept``, ...), so the
widgets can be driven, and tested, without a browser.

Files: ``_html`` (highlighting and tags), ``_segments`` (SegmentReviewer), ``_findings``
(FindingsReviewer), ``_page`` (the review page and its server), ``_base`` (shared display).
"""

from __future__ import annotations

from ._findings import FINDING_STATUSES, FindingsReviewer
from ._html import highlight
from ._page import ReviewPage, serve
from ._segments import CORRECTION_COLUMNS, SegmentReviewer

__all__ = ["CORRECTION_COLUMNS", "FINDING_STATUSES", "FindingsReviewer", "ReviewPage",
           "SegmentReviewer", "highlight", "serve"]
