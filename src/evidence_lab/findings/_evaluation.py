"""Is a statement a point of evaluation, or background? Only evaluation can be a finding.

A finding tells the target what respondents think of its work: praise, criticism, or a request.
A statement that only reports a date, a fee, a procedure or what was funded ("From April the office
began charging for each user", "The pilot was funded for two years and ended in March") is the
background to a point, not the point: the stance model may lean it one way, but the letter must not
present it as a strength or a concern.

- **Praise** needs a word that judges how well something is done ("a real success", "helpful",
  "encouraging"). The stance lexicon's praise words that only report an action ("funded",
  "invested", "committed", "delivered", "increased") do not count on their own.
- **Criticism** needs a word of criticism or implied criticism from the stance lexicon ("delayed",
  "still waiting", "nobody from"), or a negation or limiting word that carries the complaint
  ("no consultation took place", "only a week's notice", "they rarely see an officer"), a word
  that judges without the lexicon's words ("cannot", "impossible", "unanswered", "costly",
  "patchy"), or a contrast that sets up the complaint ("she would speak, but she cancelled").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..stance import find_cues

if TYPE_CHECKING:
    from ..stance._cues import CueHit

#: praise words of the stance lexicon that report an action rather than judge it
REPORTING_PRAISE = re.compile(
    r"(?:fund\w*|invest\w*|secured|deliver\w*|committed|increase[ds]?|expanded|open\w*|enabl\w*|"
    r"achiev\w*|brokered|supported)", re.IGNORECASE)
#: words that judge how well something is done, beyond the stance lexicon's praise words
JUDGING = re.compile(
    r"(?<![\w-])(?:encourag\w+|kind|popular|dependable|constructive|worthwhile|reassur\w+|"
    r"invaluable|vital|excellent|fantastic|exemplary|robust|timely|listened|"
    r"made (?:a|an) (?:real |visible |big |huge |significant |noticeable )?difference)"
    r"(?![\w-])", re.IGNORECASE)
#: modal verbs of a request: a statement asking for something is not praise of what was done
_REQUEST = re.compile(r"(?<![\w-])(?:should|must|ought to|needs? to)(?![\w-])", re.IGNORECASE)
#: negation and limiting words that carry a complaint without a word of criticism
_COMPLAINT = re.compile(
    r"(?<![\w-])(?:not|no|never|nobody|none|nothing|neither|nor|without|only|rarely|seldom|"
    r"hardly|barely|little|fewer|less|too|vacant|\w+n't|cannot|but|however|rather than|against|"
    r"impossible|undone|unanswered|missed|cancell?ed|weaken\w*|difficult|harder|complex|"
    r"complicated|time-consuming|costly|expensive|limited|patchy|inconsistent|piecemeal|"
    r"unacceptable|overstretched|at-risk|at risk|redundanc\w*|los(?:e|es|ing|t))(?![\w-])",
    re.IGNORECASE)


def evaluates(text: str, stance: str, target_mentions: tuple[str, ...] = ()) -> bool:
    """True when ``text`` carries a judgement of its ``stance`` (``positive``/``negative``).

    Praise that asks for something ("the Commissioner should give successful projects longer
    funding") or that a contrast turns into criticism ("the hub is good, but it closed early") is
    not a strength. A word of praise the target itself speaks ("the Commissioner thanked the partners", with
    "Commissioner" among ``target_mentions``) is the target praising others, not praise of it.

    >>> evaluates("The Victim Hub has been a real success.", "positive")
    True
    >>> evaluates("The pilot was funded for two years and ended in March 2026.", "positive")
    False
    >>> evaluates("No consultation took place before the charge was announced.", "negative")
    True
    >>> evaluates("From April 2026 the office began charging for each user.", "negative")
    False
    """
    cues = find_cues(text)
    if stance == "positive":
        if _REQUEST.search(text) or _turns_critical(cues):
            return False  # a request, or praise that a "but" turns into criticism: not a strength
        return any(h.group == "praise" and not REPORTING_PRAISE.fullmatch(h.text)
                   and not _spoken_by(text, h.start, target_mentions)
                   and not _asked_about(text, h.start) for h in cues) \
            or JUDGING.search(text) is not None
    if stance == "negative":
        return any(h.group in {"criticism", "implied"} for h in cues) \
            or _COMPLAINT.search(text) is not None
    return False


#: an indirect question: what follows is asked about, not judged ("how well the office enables
#: effective policing", "whether its decisions are effective")
_ASKED = re.compile(r"\b(?:how|whether|to what extent|if)\b[^.;:!?]*$", re.IGNORECASE)


def _asked_about(text: str, start: int) -> bool:
    """True when the word at ``start`` is inside an indirect question ("we welcome the Panel's
    decision to look at how well the Commissioner enables effective policing")."""
    return _ASKED.search(text[:start]) is not None


def _turns_critical(cues: list[CueHit]) -> bool:
    """True when a contrast ("but", "however", "although") comes before a word of criticism."""
    contrast = next((h.start for h in cues if h.group == "contrast"), None)
    return contrast is not None and any(h.group in {"criticism", "implied"} and h.start > contrast
                                        for h in cues)


def _spoken_by(text: str, start: int, mentions: tuple[str, ...]) -> bool:
    """True when the word at ``start`` follows one of ``mentions`` as its verb ("the
    Commissioner thanked", "she also welcomed")."""
    before = text[:start]
    return any(re.search(rf"{re.escape(m)}\s+(?:\w+\s+)?$", before) for m in mentions if m)
