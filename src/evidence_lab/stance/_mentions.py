"""Find mentions of the review's target (e.g. the PCC) in statements, including pronoun carry-over.

Aliases come from the codebook's target (name, aliases, office holders). "The office", "your
office", "his/her team" and the office holders' surnames count too. A segment with no explicit
mention inherits one when it uses a third-person singular pronoun (she, he, her, his) right after a
segment of the same submission that mentioned the target, or uses "you/your" in a letter addressed
to the target ("Dear Commissioner").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ..codebook import Target
from ..schema import require_columns

_GENERIC = [r"(?:the|your|her|his|their)\s+office\b(?!\s+(?:of|for)\s+(?:the\s+)?(?!police))",
            r"\b(?:his|her|your)\s+team\b", r"\bthe\s+deputy\b"]
_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor", "Dame", "Sir", "Lord", "Lady")
_PRONOUN = re.compile(r"\b(she|he|her|his|hers|him|herself|himself)\b", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TargetMatcher:
    """Regex matcher for a target's names; build it with :meth:`from_target`."""

    pattern: re.Pattern[str]
    salutation: re.Pattern[str]

    @classmethod
    def from_target(cls, target: Target) -> TargetMatcher:
        """Compile a matcher for ``target`` (names longest first, case-insensitive except acronyms)."""
        names = target.all_names()
        parts = []
        for name in names:
            escaped = r"\s+".join(re.escape(w) for w in name.split())
            # acronyms (PCC, OPCC) must match in capitals, so "pcc" inside words never counts
            flag = "" if name.isupper() else "(?i:"
            parts.append(rf"\b{escaped}\b" if not flag else rf"(?i:\b{escaped}(?:'s|’s)?\b)")
        for holder in target.office_holders:
            surname = holder.split()[-1]
            titles = "|".join(_TITLES)
            parts.append(rf"\b(?:{titles})\.?\s+{re.escape(surname)}\b")
        parts.extend(f"(?i:{g})" for g in _GENERIC)
        pattern = re.compile("|".join(parts))
        names_alt = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
        salutation = re.compile(rf"\bDear\s+(?:[A-Z][a-z]+\s+)?(?:{names_alt}|Commissioner)",
                                re.IGNORECASE)
        return cls(pattern, salutation)

    def find(self, text: str) -> list[tuple[int, int]]:
        """Character spans of explicit mentions in ``text``."""
        return [m.span() for m in self.pattern.finditer(text)]


def find_mentions(segments: pd.DataFrame, submissions: pd.DataFrame | None,
                  matcher: TargetMatcher) -> pd.DataFrame:
    """Add ``mentions_target`` (none/explicit/pronoun/addressed) and ``target_spans`` to segments.

    ``target_spans`` holds ``start-end`` offsets within the segment text, ";"-joined.
    """
    require_columns(segments, ["submission_id", "text"], stage="target mentions")
    addressed: set[str] = set()
    if submissions is not None and len(submissions):
        addressed = {sid for sid, text in zip(submissions["submission_id"], submissions["text"],
                                              strict=True) if matcher.salutation.search(text[:600])}
    kinds, spans_out = [], []
    previous: dict[str, bool] = {}
    for submission_id, text in zip(segments["submission_id"], segments["text"], strict=True):
        spans = matcher.find(text)
        kind = "explicit" if spans else "none"
        if not spans and previous.get(submission_id) and _PRONOUN.search(text):
            spans = [m.span() for m in _PRONOUN.finditer(text)]
            kind = "pronoun"
        elif not spans and submission_id in addressed and _SECOND_PERSON.search(text):
            spans = [m.span() for m in _SECOND_PERSON.finditer(text)]
            kind = "addressed"
        previous[submission_id] = kind != "none"
        kinds.append(kind)
        spans_out.append(";".join(f"{s}-{e}" for s, e in spans))
    out = segments.copy()
    out["mentions_target"] = [k != "none" for k in kinds]
    out["mention_kind"] = kinds
    out["target_spans"] = spans_out
    return out
