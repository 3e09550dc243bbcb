"""Segment submissions into statements (sentences) whose offsets slice the submission text exactly."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pandas as pd

from .errors import DuplicateIdError
from .progress import progress
from .schema import FIELDS_KEY, HEADINGS_KEY, SEGMENT_COLUMNS, require_columns

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


# -- context: the heading (or form question) a statement sits under, and the statement before it --

_TITLE_MAX_CHARS = 80
_TITLE_MAX_WORDS = 10
_TITLE_END = re.compile(r"[.!?;,…'\"”’)\]]$")
_LINE_PREFIX = re.compile(r"^(#{1,6}|[•·▪●◦\-–—*]|\(?[0-9]{1,2}[.)]|[0-9]{1,2}(\.[0-9]{1,2})+\.?|"
                          r"\(?[a-z][.)])?$")
_YEAR = re.compile(r"\b(19|20)[0-9]{2}\b")
_HEADING_MARKS = re.compile(r"^[#*_\s]+|[*_:\s]+$")


def _whole_line(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` fills its line, but for a bullet, number or ``#`` before it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end:len(text) if line_end < 0 else line_end]
    return not after.strip() and bool(_LINE_PREFIX.match(text[line_start:start].strip()))


def is_title_line(text: str, start: int, end: int) -> bool:
    """True when the statement ``text[start:end]`` reads as a short title line: a whole line of at
    most ten words that ends without sentence punctuation (a colon may end it), starts with a
    capital letter and is not a date."""
    piece = _HEADING_MARKS.sub("", text[start:end])
    if not piece or len(piece) > _TITLE_MAX_CHARS or len(piece.split()) > _TITLE_MAX_WORDS:
        return False
    if _TITLE_END.search(piece) or not piece[0].isupper():
        return False
    if _YEAR.search(piece) and len(piece.split()) <= 4:  # "October 2026", a date line
        return False
    return _whole_line(text, start, end)


#: Contact details and references: an email or web address, a UK postcode, or five digits or more
#: (a phone number).
_CONTACT = re.compile(r"@|\bwww\.|https?:|\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b|"
                      r"(?:[0-9][^0-9\n]{0,2}){5}")
#: A heading is at most this many title lines above the body text it heads (a section title and
#: a sub-title); the lines of a longer run (a letterhead, an address block) are not headings.
_MAX_HEADING_RUN = 2


def _is_furniture(statement: str) -> bool:
    """A short line of letter furniture, neither heading nor body text: contact details, or a
    line that starts with a number and ends without punctuation (a street address, a date)."""
    if len(statement) > _TITLE_MAX_CHARS:
        return False
    return bool(_CONTACT.search(statement)) or (statement[:1].isdigit()
                                                and not _TITLE_END.search(statement))


def _heading_flags(text: str | None, statements: list[str], spans: list[tuple[int, int]],
                   marked: list[list[int]] | None) -> list[bool]:
    """Which statements (``spans`` of ``text``, in order) are heading lines.

    A format's own marks (docx styles, Markdown ``#``) decide when it has any. Otherwise a short
    title line is a heading when body text follows it within :data:`_MAX_HEADING_RUN` title lines
    (letter furniture in between is skipped), so a closing name and role, or a letterhead's
    address block, are not headings. Without the submission ``text`` each statement is taken to
    fill its line.
    """
    if marked:
        return [any(s < m_end and m_start < e for m_start, m_end in marked) for s, e in spans]
    kinds = []
    for statement, (start, end) in zip(statements, spans, strict=True):
        if _is_furniture(statement):
            kinds.append("furniture")
        elif (is_title_line(text, start, end) if text is not None
              else is_title_line(statement, 0, len(statement))):
            kinds.append("title")
        else:
            kinds.append("body")
    flags = [False] * len(spans)
    titles_to_body: int | None = None  # title lines between here and the next body statement
    for i in range(len(spans) - 1, -1, -1):
        if kinds[i] == "body":
            titles_to_body = 0
        elif kinds[i] == "title" and titles_to_body is not None:
            flags[i] = titles_to_body < _MAX_HEADING_RUN
            titles_to_body += 1
    return flags


def add_context(segments: pd.DataFrame, submissions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add the context columns: ``heading`` and ``previous_text`` (see :mod:`evidence_lab.schema`).

    ``heading`` is the text of the last heading line above the statement (without ``#`` or bold
    marks), or in a form export the question the answer was given to; '' when there is none.
    ``previous_text`` is the statement before it under the same heading (or in the same answer);
    '' for the first. Heading lines come from ``metadata["headings"]`` when the reader marked
    any, else from :func:`is_title_line`.

    Args:
        segments: the output of :func:`segment` (needs ``submission_id``, ``text``, ``start_char``,
            ``end_char``), each submission's statements in order.
        submissions: the submissions it came from (``submission_id``, ``text``, ``metadata``);
            None finds headings in the statements alone, without form questions.

    Raises:
        ColumnsError: when a needed column is missing.
    """
    require_columns(segments, ["submission_id", "text", "start_char", "end_char"], stage="context")
    texts: dict[str, str] = {}
    metadata: dict[str, dict] = {}
    if submissions is not None and len(submissions):
        require_columns(submissions, ["submission_id", "text"], stage="context")
        texts = {sid: t for sid, t in zip(submissions["submission_id"], submissions["text"],
                                          strict=True) if isinstance(t, str)}
        if "metadata" in submissions.columns:
            metadata = {sid: m for sid, m in zip(submissions["submission_id"],
                                                 submissions["metadata"], strict=True)
                        if isinstance(m, dict)}
    heading = pd.Series("", index=segments.index, dtype=object)
    previous = pd.Series("", index=segments.index, dtype=object)
    for submission_id, group in segments.groupby("submission_id", sort=False):
        meta = metadata.get(submission_id, {})
        context = _submission_context(texts.get(submission_id), group, meta)
        heading.loc[group.index] = [h for h, _ in context]
        previous.loc[group.index] = [p for _, p in context]
    out = segments.copy()
    out["heading"] = heading
    out["previous_text"] = previous
    return out


def _submission_context(text: str | None, group: pd.DataFrame, meta: dict
                        ) -> list[tuple[str, str]]:
    """(heading, previous statement) for each statement of one submission."""
    spans = list(zip(group["start_char"].astype(int), group["end_char"].astype(int), strict=True))
    statements = [str(t) for t in group["text"]]
    flags = _heading_flags(text, statements, spans, meta.get(HEADINGS_KEY))
    fields = meta.get(FIELDS_KEY) or []
    out = []
    heading, before, section = "", "", ("heading", "")
    for (start, _end), statement, flag in zip(spans, statements, flags, strict=True):
        field = next((f for f in fields if f[0] <= start < f[1]), None)
        key = ("field", str(field[2])) if field else ("heading", heading)
        if key != section:  # a new answer or section: nothing before it to refer back to
            section, before = key, ""
        out.append((key[1], before))
        if flag and not field:
            heading = _HEADING_MARKS.sub("", statement)
            section, before = ("heading", heading), ""
        else:
            before = statement
    return out


# -- letter furniture: salutations, sign-offs, signature blocks, contact lines, mastheads ----------

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december")
#: the words a letter signs off with; the short lines after them are its signature block
_SIGN_OFF_WORDS = (r"yours\s+(?:sincerely|faithfully|truly)|kind(?:est)?\s+regards|best\s+wishes|"
                   r"with\s+(?:best|kind)\s+(?:wishes|regards)|regards")
_FURNITURE = re.compile(
    r"^\W*(?:"
    r"dear\b[^.!?]{0,60}"                                     # Dear Chair, / Dear Commissioner
    r"|(?:" + _SIGN_OFF_WORDS + r"|many\s+thanks|thank\s+you)\W*"
    r"|(?:tel(?:ephone)?|phone|mobile|e-?mail|web(?:site)?|address|date|ref(?:erence)?)\s*[:.].*"
    r"|(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _MONTHS + r")\s+\d{4})\W*"      # 10 November 2026
    r"|(?:\[\w+\](?:\s*(?:and|,)\s*)?)+\W*"                   # a redacted name and nothing else
    r"|(?:(?:our|the|a)\s+)?(?:written\s+)?(?:submission|response|evidence)\s+(?:to|from|of)\b"
    r"(?=[^.!?]*\b(?:panel|call\s+for\s+evidence|review|inquiry|committee)\b)[^.!?]{0,90}"  # masthead
    # a covering note's "please find attached" and the heading of an e-mail's attachment
    r"|please\s+find\s+(?:(?:attached|enclosed)\b[^.!?]{0,80}|[^.!?]{0,60}\b(?:attached|enclosed))"
    r"[.!]?"
    r"|(?:(?:i|we)\s+(?:attach|enclose)|attached\s+(?:is|are))\s+(?:our|my|a|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:response|submission|evidence|letter|comments|report|document|copy)"
    r"\b[^.!?]{0,80}[.!]?"
    r"|attachment:\s.{1,200}"
    r")$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\W*(?:" + _SIGN_OFF_WORDS + r")\b", re.IGNORECASE)
SIGNATURE_MAX_WORDS = 15  # a line of a signature block (name, role, organisation) is this short


def without_furniture(segments: pd.DataFrame) -> pd.DataFrame:
    """``segments`` less a letter's furniture (see :func:`letter_furniture`): not evidence, so
    never stored, themed, given a stance or cited."""
    return segments[~letter_furniture(segments)].reset_index(drop=True)


def letter_furniture(segments: pd.DataFrame) -> pd.Series:
    """True for the statements that are a letter's furniture, not evidence: the salutation, the
    sign-off and the signature block after it, contact lines, a date on its own, a redacted name
    on its own, a masthead ("Submission to the ... Panel", "Our response to the call for
    evidence"), a covering note's "Please find our response attached." and an e-mail
    attachment's heading. Themes, stance and findings leave them out.

    Needs ``submission_id`` and ``text``; the statements of a submission in their order.
    """
    require_columns(segments, ["submission_id", "text"], stage="letter furniture")
    text = segments["text"].fillna("").astype(str).str.strip()
    furniture = text.str.match(_FURNITURE)
    # everything short after the sign-off is the signature block (name, role, organisation)
    signed = text.str.match(_SIGN_OFF).groupby(segments["submission_id"], sort=False).cummax()
    short = text.str.split().str.len() <= SIGNATURE_MAX_WORDS
    return (furniture | (signed & short)).astype(bool)
