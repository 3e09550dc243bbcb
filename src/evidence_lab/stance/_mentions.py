"""Find mentions of the review's target (e.g. the PCC) in statements, including pronoun carry-over.

Names come from the codebook's target (name, aliases, office holders with a title and surname, and
generic references such as "the office"; see :class:`~evidence_lab.vocabulary.TargetMatcher`). A segment with no explicit
mention inherits one when it uses a third-person singular pronoun (she, he, her, his) right after a
segment of the same submission that mentioned the target, or uses "you/your" in a letter addressed
to the target ("Dear Commissioner").
"""

from __future__ import annotations

import pandas as pd

from ..schema import require_columns
from ..vocabulary import PRONOUN, SECOND_PERSON, TargetMatcher


def find_mentions(segments: pd.DataFrame, submissions: pd.DataFrame | None,
                  matcher: TargetMatcher) -> pd.DataFrame:
    """Add ``mentions_target`` (none/explicit/pronoun/addressed) and ``target_spans`` to segments.

    ``target_spans`` is a list of ``(start, end)`` offsets within the segment text.
    """
    require_columns(segments, ["submission_id", "text"], stage="target mentions")
    addressed: set[str] = set()
    if submissions is not None and len(submissions):
        addressed = {sid for sid, text in zip(submissions["submission_id"], submissions["text"],
                                              strict=True) if matcher.salutation.search(text[:600])}
    kinds: list[str] = []
    spans_out: list[list[tuple[int, int]]] = []
    previous: dict[str, bool] = {}
    for submission_id, text in zip(segments["submission_id"], segments["text"], strict=True):
        spans = matcher.find(text)
        kind = "explicit" if spans else "none"
        if not spans and previous.get(submission_id) and PRONOUN.search(text):
            spans = [m.span() for m in PRONOUN.finditer(text)]
            kind = "pronoun"
        elif not spans and submission_id in addressed and SECOND_PERSON.search(text):
            spans = [m.span() for m in SECOND_PERSON.finditer(text)]
            kind = "addressed"
        previous[submission_id] = kind != "none"
        kinds.append(kind)
        spans_out.append(spans)
    out = segments.copy()
    out["mentions_target"] = [k != "none" for k in kinds]
    out["mention_kind"] = kinds
    out["target_spans"] = spans_out
    return out
