"""The DataFrames the pipeline stages exchange, and their columns, documented in one place.

submissions (one row per submission)
    submission_id    str   stable id: a CSV's own id, else a hash of the source path and content
    organisation     str   who sent it (manifest, form column, or the file name when unknown)
    respondent_type  str   kind of organisation, e.g. ``community_safety_partnership``; "" if unknown
    source           str   file the text came from (``file.csv#row=3`` for tabular rows)
    text             str   the full extracted text; segment offsets index into it
    metadata         dict  anything else known (received date, extra form columns, page starts)

segments (one row per statement, i.e. sentence)
    segment_id       str   ``<submission_id>:<n>``, stable while the submission text is unchanged
    submission_id    str
    text             str   exactly ``submission.text[start_char:end_char]``
    start_char       int
    end_char         int
    page             int   1-based page for paged formats (PDF), else <NA>
    paragraph        int   0-based paragraph index within the submission

After the themes stage segments also carry ``primary_theme``, ``themes`` (";"-joined) and one
``theme_score_<id>`` column per theme; after the stance stage ``mentions_target``,
``target_spans``, ``pcc_sentiment``, ``pcc_sentiment_score`` and ``stance_evidence``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Union

import pandas as pd

from .errors import ColumnsError

SUBMISSION_COLUMNS = ["submission_id", "organisation", "respondent_type", "source", "text", "metadata"]
SEGMENT_COLUMNS = [
    "segment_id",
    "submission_id",
    "text",
    "start_char",
    "end_char",
    "page",
    "paragraph",
]
SENTIMENT_LABELS = ("positive", "negative", "mixed", "neutral")


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, stage: str) -> None:
    """Raise :class:`ColumnsError` naming every column ``stage`` needs but ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ColumnsError(
            f"{stage} needs the column(s) {', '.join(missing)}; the DataFrame has "
            f"{', '.join(map(str, frame.columns)) or 'no columns'}. "
            f"Pass the output of the previous pipeline stage."
        )


#: What a fitted classifier takes as ``X``: a DataFrame of statements (``text`` plus any context
#: columns a model uses), or plain texts.
Statements = Union[pd.DataFrame, pd.Series, Sequence[str]]


def as_statements(X: Statements, *, stage: str) -> pd.DataFrame:
    """``X`` as a DataFrame with a ``text`` column (a list or Series of texts becomes one).

    Raises:
        ColumnsError: when a DataFrame has no ``text`` column.
        TypeError: when ``X`` is neither a DataFrame nor a sequence of texts.
    """
    if isinstance(X, pd.DataFrame):
        require_columns(X, ["text"], stage=stage)
        return X.reset_index(drop=True)
    if isinstance(X, str) or not isinstance(X, (pd.Series, Sequence)) and not hasattr(X, "__array__"):
        raise TypeError(f"{stage} takes a DataFrame of statements with a 'text' column or a list of "
                        f"texts, not {type(X).__name__}")
    texts = [str(t) for t in X]
    return pd.DataFrame({"text": texts})
