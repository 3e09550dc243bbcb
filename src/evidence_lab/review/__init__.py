"""A review: its calls for evidence in one store, analysed incrementally, officers' decisions kept.

``_calls`` adds a call (ingest, segment and embed once), ``_run`` analyses the whole review
(reusing a run whose inputs did not change), ``_lineage`` carries officers' decisions on findings
across runs, ``_corrections`` reads their relabelled statements, ``_coding`` reads a coding
spreadsheet and suggests what to code next, ``_diff`` says what the latest
call changed, and ``_review`` holds the :class:`Review` that ties them together.
"""

from ._calls import CallSummary
from ._coding import CODING_COLUMNS, RelabelResult, read_coding_file, write_coding_file
from ._diff import ReviewDiff
from ._review import Review

__all__ = ["CODING_COLUMNS", "CallSummary", "RelabelResult", "Review", "ReviewDiff",
           "read_coding_file", "write_coding_file"]
