"""The DataFrames the pipeline stages exchange, and their columns, documented in one place.

:data:`COLUMNS` lists every column of every table an analysis returns (a test fails when a stage
adds one that is not listed here); ``theme_score_<id>`` and ``stance_proba_<label>`` stand for one
column per theme and per stance label. List columns hold Python lists in the DataFrames and are
joined only when written to CSV (``a;b``; spans as ``4-8``; quotes with `` | ``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TypeAlias

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
#: Context of each statement, added by :func:`evidence_lab.segmentation.add_context` (evidence
#: text: redacted like ``text`` in every output).
CONTEXT_COLUMNS = ["heading", "previous_text"]
#: Submission ``metadata`` keys the readers fill for context: ``[start, end]`` spans of heading
#: lines a format marks (docx heading styles, Markdown ``#``), and the answers of a form export
#: with one column per question as ``[start, end, question]``.
HEADINGS_KEY = "headings"
FIELDS_KEY = "fields"
SENTIMENT_LABELS = ("positive", "negative", "mixed", "neutral")


def label_cell(value: object) -> str | None:
    """A label as an officer's sheet or a gold file holds it, trimmed; blank, null or NaN as
    None (no label given)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def stance_label(written: str) -> str | None:
    """A stance as :data:`SENTIMENT_LABELS` spells it ("Negative " is negative), or None."""
    key = written.strip().lower()
    return key if key in SENTIMENT_LABELS else None

#: table -> column -> what it holds (the stage that adds it in brackets)
COLUMNS: dict[str, dict[str, str]] = {
    "submissions": {
        "submission_id": "stable id: a form's own id, else a neutral one from the file (ingest)",
        "organisation": "who sent it: manifest, form column, or the file name when unknown (ingest)",
        "respondent_type": "kind of organisation, e.g. community_safety_partnership; '' if unknown",
        "source": "the file the text came from (file.csv#row=3 for tabular rows) (ingest)",
        "text": "the full extracted text; segment offsets index into it (ingest)",
        "metadata": "dict of anything else known: received date, extra form columns, page starts",
        "duplicate_of": "submission_id of the first copy this one repeats, else '' (ingest)",
        "duplicate_group": "id shared by a campaign's copies, else '' (ingest)",
        "language": "detected language code; 'en' for English (ingest)",
        "primary_theme": "the theme holding most of its statements (themes)",
        "themes": "list of the themes it raises (themes)",
        "pcc_sentiment": "positive/negative/mixed/neutral toward the target (stance)",
        "pcc_sentiment_score": "-1..1, P(positive) - P(negative) over its evaluative statements",
        "n_positive": "statements praising the target (stance)",
        "n_negative": "statements criticising the target (stance)",
        "n_mixed": "statements both praising and criticising it (stance)",
        "n_neutral": "statements with no evaluation of it (stance)",
        "n_segments": "statements in it (written to submissions.csv)",
        "call_id": "the call for evidence it came in (review runs)",
    },
    "segments": {
        "segment_id": "<submission_id>:<n>, stable while the submission text is unchanged",
        "submission_id": "the submission it is part of (segment)",
        "text": "exactly submission.text[start_char:end_char] (segment)",
        "start_char": "offset of its first character in the submission text (segment)",
        "end_char": "offset after its last character (segment)",
        "page": "1-based page for paged formats (PDF), else <NA> (segment)",
        "paragraph": "0-based paragraph index within the submission (segment)",
        "heading": "the heading line it sits under (docx heading style, Markdown #, a short title "
                   "line), or in a form export the question it answers; '' if none (context)",
        "previous_text": "the statement before it under the same heading or in the same answer; "
                         "'' for the first (context)",
        "theme_score_<id>": "probability of each codebook theme and 'other' (themes)",
        "primary_theme": "its theme (themes; in discovery mode the discovered theme)",
        "themes": "list: the primary theme and a secondary one that reaches the threshold",
        "subtheme": "sub-theme id inside its codebook theme, '' where none (themes)",
        "codebook_theme": "the codebook's theme, kept beside a discovered one (discovery mode)",
        "discovered_theme": "the emergent theme id, 'unclustered' for outliers (discovery mode)",
        "mentions_target": "True when it names or refers to the target (stance)",
        "mention_kind": "none/explicit/pronoun/addressed, or from its context previous (refers "
                        "back to a statement naming it) / question (the question it answers names "
                        "it): how it refers to the target (stance)",
        "target_spans": "list of (start, end) offsets of the mentions within its text (stance)",
        "pcc_sentiment": "positive/negative/mixed/neutral toward the target (stance)",
        "pcc_sentiment_score": "-1..1, P(positive) - P(negative) (stance)",
        "stance_proba_<label>": "probability of each stance label (stance)",
        "stance_evidence": "the spans that drove the label: mentions and agreeing cues (stance)",
        "call_id": "the call for evidence it came in (review runs)",
        "corrected_by": "who relabelled it, '' when nobody did (review runs)",
        "label_source": ("officer (a correction), review_model (the officers' corrections of "
                         "similar statements changed it) or shipped_model (themes, stance)"),
    },
    "themes": {
        "theme_id": "codebook theme id, 'other', or a discovered id such as t00_grant_round",
        "label": "human label", "keywords": "distinctive words (class-based TF-IDF), ';'-joined",
        "n_segments": "statements coded to it", "n_submissions": "submissions that raise it",
        "n_positive": "its statements praising the target", "n_negative": "criticising it",
        "n_mixed": "doing both", "n_neutral": "doing neither",
        "representatives": "list of its most central statements (discovery mode)",
    },
    "findings": {
        "finding_id": "F-... for a finding, R-... for a recommendation; stable across runs",
        "kind": "finding or recommendation", "theme": "theme id", "theme_label": "its label",
        "stance": "positive (praise), negative (concern) or request", "text": "the draft sentence(s)",
        "organisations": "list of the organisations whose statements support it",
        "n_organisations": "how many", "quantifier": "the word used for them (one, a few, ...)",
        "stance_balance": "e.g. 'three negative, one mixed'", "quotes": "list of verbatim quotes",
        "segment_ids": "list of every statement it rests on, its lead statement first",
        "n_segments": "how many",
        "weight": "strength x breadth of the evidence (orders findings)",
        "finding_ids": "for a recommendation, list of the findings it answers (empty for findings)",
        "status": "draft/accepted/edited/rejected", "edited_text": "the officer's text (reviews)",
        "needs_review": "True when a reviewed finding's evidence changed (reviews)",
    },
    "subthemes": {
        "theme_id": "the codebook theme", "subtheme_id": "<theme>/sNN_<words>",
        "label": "human label", "keywords": "';'-joined", "size": "statements in it",
        "representatives": "list of its most central statements",
    },
}


def documented(table: str, column: str) -> bool:
    """True when :data:`COLUMNS` describes ``column`` of ``table`` (templated names included)."""
    known = COLUMNS[table]
    if column in known:
        return True
    return any(name.endswith(">") and column.startswith(name.split("<")[0]) for name in known)


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
Statements: TypeAlias = "pd.DataFrame | pd.Series | Sequence[str]"


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
