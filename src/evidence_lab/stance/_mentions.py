"""Find mentions of the review's target (e.g. the PCC) in statements, including pronoun carry-over.

Names come from the codebook's target (name, aliases, office holders with a title and surname, and
generic references such as "the office"; see :class:`~evidence_lab.vocabulary.TargetMatcher`). A segment with no explicit
mention inherits one when it uses a third-person singular pronoun (she, he, her, his) right after a
segment of the same submission that mentioned the target, or uses "you/your" in a letter addressed
to the target ("Dear Commissioner").

With the context columns of :func:`~evidence_lab.segmentation.add_context` two more kinds follow
from the statement's context: ``previous`` when a demonstrative subject refers back to a preceding
statement that named the target ("This has left our members frustrated." after a sentence about the
Commissioner's decision), and ``question`` when the question it answers (a form field, or a heading
that asks) names the target ("not well at all" under "How well has the Commissioner's office kept
you informed?"). A heading that only names the target does not count: under "How the Commissioner
works with us" a closing "Yours sincerely," is no evaluation of her.
"""

from __future__ import annotations

import re

import pandas as pd

from ..schema import require_columns
from ..vocabulary import PRONOUN, SECOND_PERSON, TargetMatcher

#: A demonstrative subject that refers back to what the statement before said ("this has left",
#: "it was announced", "that means").
ANAPHOR = re.compile(
    r"\b(?:this|that|it|these|those)(?:\s+(?:decision|change|cut|closure|move|announcement|"
    r"approach|letter|reply|response|plan|policy))?\s+(?:has|had|have|was|were|is|are|means|"
    r"meant|left|leaves|caused|causes|made|makes|will|would|took|came|led|leads|put|puts|let|"
    r"lets|seems?|seemed|felt|feels)\b", re.IGNORECASE)
#: Mention kinds that come from a statement's context rather than its own words.
CONTEXT_KINDS = ("previous", "question")


def find_mentions(segments: pd.DataFrame, submissions: pd.DataFrame | None,
                  matcher: TargetMatcher, *, context: bool = True) -> pd.DataFrame:
    """Add ``mentions_target``, ``mention_kind`` and ``target_spans`` to segments.

    ``mention_kind`` is none/explicit/pronoun/addressed, and with ``context`` (the default) and the
    ``previous_text``/``heading`` columns also previous/question; ``target_spans`` is a list of
    ``(start, end)`` offsets within the segment text (the anaphor for ``previous``, none for
    ``question``).
    """
    require_columns(segments, ["submission_id", "text"], stage="target mentions")
    addressed: set[str] = set()
    if submissions is not None and len(submissions):
        addressed = {sid for sid, text in zip(submissions["submission_id"], submissions["text"],
                                              strict=True) if matcher.salutation.search(text[:600])}
    kinds: list[str] = []
    spans_out: list[list[tuple[int, int]]] = []
    previous: dict[str, tuple[str, bool]] = {}  # submission -> (last statement, did it mention)
    n = len(segments)
    before = _column(segments, "previous_text", n) if context else [None] * n
    headings = _column(segments, "heading", n) if context else [None] * n
    named_questions = {h: bool(matcher.find(h)) for h in set(headings)
                       if h and h.rstrip().endswith("?")}
    for submission_id, text, prior, heading in zip(segments["submission_id"], segments["text"],
                                                   before, headings, strict=True):
        last_text, last_mentioned = previous.get(submission_id, ("", False))
        spans = matcher.find(text)
        kind = "explicit" if spans else "none"
        if not spans and last_mentioned and PRONOUN.search(text):
            spans = [m.span() for m in PRONOUN.finditer(text)]
            kind = "pronoun"
        elif not spans and submission_id in addressed and SECOND_PERSON.search(text):
            spans = [m.span() for m in SECOND_PERSON.finditer(text)]
            kind = "addressed"
        elif not spans and prior and prior == last_text and last_mentioned and ANAPHOR.search(text):
            spans = [m.span() for m in ANAPHOR.finditer(text)][:1]
            kind = "previous"
        elif not spans and heading and named_questions.get(heading):
            kind = "question"
        previous[submission_id] = (text, kind not in ("none", "question"))
        kinds.append(kind)
        spans_out.append(spans)
    out = segments.copy()
    out["mentions_target"] = [k != "none" for k in kinds]
    out["mention_kind"] = kinds
    out["target_spans"] = spans_out
    return out


def _column(frame: pd.DataFrame, name: str, n: int) -> list[str | None]:
    if name not in frame.columns:
        return [None] * n
    return [v if isinstance(v, str) else None for v in frame[name]]
