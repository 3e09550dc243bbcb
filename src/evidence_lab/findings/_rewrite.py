"""Turn a respondent's sentence into the panel's reported speech, keeping its meaning.

Only meaning-preserving changes are made: first-person pronouns become third person ("we are still
waiting" -> "they are still waiting"), a leading discourse marker or opinion frame is dropped
("However, ...", "We believe that ..."), the first letter is lower-cased where it is not a name, and
the final full stop is removed so the clause can follow "said that". Tense and content are kept.
"""

from __future__ import annotations

import re

from .._folding import fold

_FRAMES = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:however|second(?:ly)?|overall|frankly|honestly|in addition|additionally|also|secondly|thirdly|finally|"
    r"moreover|furthermore|equally|put simply|in short|in summary|to be clear|sadly|unfortunately|"
    r"first(?:ly)?|in our (?:view|experience)|in my (?:view|experience)|for our part|again)\s*,\s*)?"
    r"(?:(?:we|i) (?:believe|feel|think|consider|would say|would argue|note|observe) (?:that )?|"
    r"(?:it is|our|my) (?:view|experience|concern) (?:is )?(?:that )?|"
    # minutes' reporting frames: the letter already says who reported it
    r"it was (?:(?:also|further) )?(?:heard|noted|reported|explained) that,? |"
    r"members (?:(?:also|further) )?(?:heard|noted|learned|learnt|were told|were informed) that,? )?",
    re.IGNORECASE)
_PRONOUNS = [
    (r"\bI am\b", "they are"), (r"\bI was\b", "they were"), (r"\bI'm\b", "they are"),
    (r"\bI have\b", "they have"), (r"\bI've\b", "they have"), (r"\bI\b", "they"),
    (r"\bwe're\b", "they are"), (r"\bwe've\b", "they have"), (r"\bwe'd\b", "they would"),
    (r"\bwe\b", "they"), (r"\bours\b", "theirs"), (r"\bour\b", "their"), (r"\bus\b", "them"),
    (r"\bourselves\b", "themselves"), (r"\bmyself\b", "themselves"), (r"\bmy\b", "their"),
    (r"\bme\b", "them"),
]
_SMALL_WORDS = {"the", "a", "an", "there", "this", "that", "these", "those", "it", "its", "they",
                "their", "in", "since", "after", "when", "while", "whilst", "although", "most",
                "many", "some", "no", "nobody", "none", "not", "only", "each", "every", "all",
                "too", "despite", "without", "partners", "members", "officers", "staff",
                "residents", "communities", "funding", "grants", "our", "we", "i", "young",
                "victims", "people", "two", "three", "four", "five", "last", "one"}


def _match_case(replacement: str, original: str) -> str:
    return replacement[0].upper() + replacement[1:] if original[:1].isupper() and original != "I" \
        else replacement


def to_reported_speech(sentence: str) -> str:
    """Rewrite ``sentence`` as a clause that can follow "... said that"."""
    text = fold(sentence)
    text = _FRAMES.sub("", text, count=1) or text
    text = re.sub(r"^(?:but|and|so|yet)\s+(?=\w)", "", text, flags=re.IGNORECASE) or text
    for pattern, replacement in _PRONOUNS:
        flags = 0 if pattern.startswith(r"\bI") else re.IGNORECASE
        text = re.sub(pattern, lambda m, r=replacement: _match_case(r, m.group(0)), text, flags=flags)
    # "also" and a parenthetical "however" lean on the sentence before; the letter has none
    text = re.sub(r"(?<=\w)(?:,\s*however,|\s+also)(?=\s)", "", text)
    return _lower_first(text).rstrip(" .;:")


def _lower_first(text: str) -> str:
    """Lower-case the first word unless it is an acronym, "I", or starts a proper name."""
    words = text.split(" ", 2)
    first = words[0]
    if not first or not first[0].isupper() or first.isupper() and len(first) > 1:
        return text
    starts_name = len(words) > 1 and words[1][:1].isupper() and first.lower() not in _SMALL_WORDS
    if starts_name or any(ch.isupper() for ch in first[1:]):
        return text
    return first.lower() + text[len(first):]


def short_quote(text: str, max_words: int = 35) -> str:
    """A verbatim quote of ``text``, cut at a word boundary with an ellipsis when too long."""
    words = fold(text).split(" ")
    if len(words) <= max_words:
        return " ".join(words)
    return " ".join(words[:max_words]).rstrip(",;:") + " …"
