"""Form exports with one column per question: each answer is read under its question.

Online consultation tools export a submission as one row with a column per form field; the
header of a free-text field is the question ("How well does the office communicate with you?").
Such a table has no single ``text`` column. Each row becomes one submission whose text is its
answers in column order (a blank line between them), and ``metadata["fields"]`` records every
answer as ``[start, end, question]`` so segmentation can give each statement its question as
context (:func:`evidence_lab.segmentation.add_context`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ._text import join_blocks, normalise_newlines

#: A header is a question when it ends with "?" or has at least this many words.
QUESTION_MIN_WORDS = 4
#: ... and its typical (median) non-empty answer has at least this many words.
ANSWER_MIN_WORDS = 3
#: Headers of fields that hold who answered, never evidence (matched as words, any case).
_PERSONAL_FIELD = re.compile(r"\b(e-?mail|phone|telephone|mobile|name|postcode|post code|"
                             r"address|date|time|consent|age)\b", re.IGNORECASE)


def question_columns(table: pd.DataFrame, known: Sequence[str] = ()) -> list[str]:
    """The columns of ``table`` that are free-text answers to a question, in table order.

    A column qualifies when its header reads as a question (ends with ``?`` or has at least
    :data:`QUESTION_MIN_WORDS` words), does not ask for personal details (name, email, phone,
    address, date...), and its median non-empty answer has at least :data:`ANSWER_MIN_WORDS`
    words; the ``known`` columns (id, organisation, respondent type) never do.
    """
    out = []
    for column in table.columns:
        header = str(column).strip()
        if header in known or _PERSONAL_FIELD.search(header):
            continue
        if not (header.endswith("?") or len(header.split()) >= QUESTION_MIN_WORDS):
            continue
        answers = [str(v) for v in table[column] if str(v).strip()]
        if answers and pd.Series([len(a.split()) for a in answers]).median() >= ANSWER_MIN_WORDS:
            out.append(column)
    return out


def join_answers(row: dict[str, object], questions: Sequence[str]) -> tuple[str, list[list]]:
    """One row's non-empty answers joined by blank lines, and their ``[start, end, question]``.

    Returns:
        (text, fields); the text is '' when every answer is empty.
    """
    text, spans = join_blocks((normalise_newlines(str(row.get(question, "") or "")),
                               str(question).strip()) for question in questions)
    return text, [list(span) for span in spans]

