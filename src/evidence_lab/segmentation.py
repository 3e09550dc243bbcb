"""Segment submissions into statements (sentences) whose offsets slice the submission text exactly."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pandas as pd

from .errors import DuplicateIdError
from .progress import progress
from .schema import SEGMENT_COLUMNS, require_columns

if TYPE_CHECKING:
    from spacy.language import Language

_BLOCK_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE_END_TERMINAL = re.compile(r"[.!?:;]['\"”’)]?\s*$")
_BULLET = re.compile(r"^([•·▪●◦\-–—*]|\(?[0-9]{1,2}[.)]|[0-9]{1,2}\.[0-9]{1,2}\.?|\(?[a-z][.)])\s+")
_HEADING_MAX = 60
#: A line longer than this (a PDF or export without line breaks) is cut at a sentence end before
#: spaCy sees it: spaCy refuses texts over ``nlp.max_length`` and slows down on very long ones.
MAX_UNIT_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]?\s+")
_SPACE = re.compile(r"\s+")


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Blank-line separated blocks of ``text`` as (start, end) spans."""
    start = 0
    for match in _BLOCK_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _units(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split a block at line breaks that end a sentence, start a bullet or follow a heading line."""
    unit_start = start
    position = start
    block = text[start:end]
    lines = block.split("\n")
    for i, line in enumerate(lines):
        line_end = position + len(line)
        next_line = lines[i + 1] if i + 1 < len(lines) else None
        if next_line is not None:
            breaks = (_LINE_END_TERMINAL.search(line) or _BULLET.match(next_line.strip())
                      or len(line.strip()) < _HEADING_MAX and not line.rstrip().endswith(","))
            if breaks:
                yield unit_start, line_end
                unit_start = line_end + 1
        position = line_end + 1
    yield unit_start, end


def _pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Cut a span longer than ``limit`` after its last sentence end (else white space) in reach."""
    while end - start > limit:
        window = text[start:start + limit]
        cuts = ([m.end() for m in _SENTENCE_END.finditer(window)]
                or [m.end() for m in _SPACE.finditer(window)] or [limit])
        yield start, start + cuts[-1]
        start += cuts[-1]
    yield start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past surrounding white space and a leading bullet mark."""
    piece = text[start:end]
    stripped = piece.lstrip()
    start += len(piece) - len(stripped)
    bullet = _BULLET.match(stripped)
    if bullet and len(stripped) > bullet.end():
        start += bullet.end()
    end = start + len(text[start:end].rstrip())
    return start, end


def segment(submissions: pd.DataFrame, *, nlp: Language | None = None,
            show_progress: bool = True) -> pd.DataFrame:
    """Split each submission into statements, keeping exact character offsets, page and paragraph.

    Args:
        submissions: the submissions DataFrame (needs ``submission_id``, ``text``, ``metadata``).
        nlp: a spaCy pipeline that sets sentence boundaries; defaults to the bundled model's
            ``senter`` (fast, no parser).
        show_progress: show a progress bar.

    Returns:
        The segments DataFrame (columns in :mod:`evidence_lab.schema`); for every row
        ``text == submission_text[start_char:end_char]``. A missing (non-string) text has none.

    Raises:
        ColumnsError: when ``submission_id`` or ``text`` is missing.
        DuplicateIdError: when two submissions share a ``submission_id``.
    """
    require_columns(submissions, ["submission_id", "text"], stage="segment")
    repeated = submissions["submission_id"][submissions["submission_id"].duplicated()]
    if len(repeated):
        shown = ", ".join(map(str, repeated.unique()[:5]))
        raise DuplicateIdError(f"segment needs one row per submission_id, but {shown} "
                               f"occur{'s' if len(repeated.unique()) == 1 else ''} more than once; "
                               "give each submission its own id")
    if nlp is None:
        from .nlp import load_pipeline  # spaCy loads only when something is segmented

        nlp = load_pipeline("sentences")
    limit = max(1, min(MAX_UNIT_CHARS, nlp.max_length - 1))
    units: list[tuple[str, int, int, int]] = []  # submission_id, start, end, paragraph
    texts = {sid: text if isinstance(text, str) else "" for sid, text in
             zip(submissions["submission_id"], submissions["text"], strict=True)}
    for submission_id, text in texts.items():
        for paragraph, (b_start, b_end) in enumerate(_blocks(text)):
            for u_start, u_end in _units(text, b_start, b_end):
                for p_start, p_end in _pieces(text, *_trim(text, u_start, u_end), limit):
                    if text[p_start:p_end].strip():  # a bullet mark is not shown to spaCy
                        units.append((submission_id, p_start, p_end, paragraph))

    pages = {}
    if "metadata" in submissions.columns:
        pages = {sid: (m or {}).get("page_starts") for sid, m in
                 zip(submissions["submission_id"], submissions["metadata"], strict=True)
                 if isinstance(m, dict)}
    rows = []
    counters: dict[str, int] = {}
    unit_texts = (texts[sid][s:e] for sid, s, e, _ in units)
    docs = nlp.pipe(unit_texts, batch_size=256)
    for (submission_id, u_start, _u_end, paragraph), doc in zip(
            units, progress(docs, total=len(units), desc="segment", disable=not show_progress),
            strict=True):
        text = texts[submission_id]
        for sent in doc.sents:
            start, end = _trim(text, u_start + sent.start_char, u_start + sent.end_char)
            if end <= start or not any(ch.isalnum() for ch in text[start:end]):
                continue
            n = counters.get(submission_id, 0)
            counters[submission_id] = n + 1
            page_starts = pages.get(submission_id)
            page = bisect.bisect_right(page_starts, start) if page_starts else pd.NA
            rows.append((f"{submission_id}:{n}", submission_id, text[start:end], start, end, page,
                         paragraph))
    frame = pd.DataFrame(rows, columns=SEGMENT_COLUMNS)
    frame["page"] = frame["page"].astype("Int64")
    frame[["start_char", "end_char", "paragraph"]] = frame[
        ["start_char", "end_char", "paragraph"]].astype("int64")
    return frame
