"""A review: its calls for evidence in one store, analysed incrementally, officers' decisions kept.

``_calls`` adds a call (ingest, segment and embed once), ``_run`` analyses the whole review
(reusing a run whose inputs did not change), ``_lineage`` carries officers' decisions on findings
across runs, ``_corrections`` reads their relabelled statements, ``_diff`` says what the latest
call changed, and ``_review`` holds the :class:`Review` that ties them together.
"""

from ._calls import CallSummary
from ._diff import ReviewDiff
from ._review import Review

__all__ = ["CallSummary", "Review", "ReviewDiff"]
