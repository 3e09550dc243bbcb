"""Who sent a submission, when no manifest says: the organisation a letter names itself by, or a
readable form of its file name.

A submission's sender is what the findings letter credits ("Harlow Fen Community Safety
Partnership said ..."), so a guess must be an organisation's name, never a person's: a candidate
counts only when its last word is one organisations are named by (Council, Partnership, Watch,
Trust ...). Where nothing in the text names one, a file name that reads as a name is used
("kettering_moor_csp.docx" -> "Kettering Moor CSP"); a file name that is an id or a hash is not
turned into a name ("Respondent 001_a3d2ee83").
"""

from __future__ import annotations

import re

from ..vocabulary import ORGANISATION_WORDS

#: the panel a call's evidence is sent to is its recipient, not a sender of evidence
_RECIPIENT = re.compile(r"\bPolice(?:,\s*Fire)? and Crime Panel\b|\bScrutiny Panel\b", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w'’&.-]*|of|for|and|the|on|in|&|St\.?|upon)"
_ORGANISATION = (r"(?P<org>(?:(?:The[ \t]+)?[A-Z][\w'’&.-]*[ \t]+(?:" + _NAME_WORD + r"[ \t]+){0,10}?)?"
                 r"(?:" + "|".join(ORGANISATION_WORDS) + r")\b(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
                 r"[A-Z][\w'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’-]*){0,3})?)")
#: "... on behalf of X", "Response from X", "Submitted by X": the sender in the letter's words
_SAYS_WHO = re.compile(r"(?i:on\s+behalf\s+of|(?:response|submission|evidence|comments)\s+from|"
                       r"submitted\s+by)\s+(?i:the\s+)?" + _ORGANISATION)
#: a letterhead or signature line that is an organisation's name, perhaps after a role or a
#: person ("Clerk to ...", "Jane Roe, Chair, ..."): only the organisation is kept
_NAME_LINE = re.compile(r"^\s*(?:From:\s*)?(?:[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4}"
                        r"(?:[ \t]*,[ \t]*|[ \t]+(?:to|of|for|at)[ \t]+)(?:the[ \t]+)?){0,2}"
                        + _ORGANISATION + r"\s*[,.]?\s*$")
#: a title line that opens with the sender: "Westmoor District Council - Response to the call
#: for evidence", "Harlow Fen CSP: written evidence"
_TITLE_LINE = re.compile(r"^\s*(?:The[ \t]+)?" + _ORGANISATION + r"[ \t]*(?:[-–—:][ \t]*)?"
                         r"(?i:(?:written[ \t]+)?(?:response|submission|evidence|comments)\b)")
_FILE_PREFIX = re.compile(r"^(?:(?:written|our)[\s_-]+)?(?:response|submission|evidence|reply|letter|"
                          r"comments)[\s_-]+(?:from|by|of)[\s_-]+", re.IGNORECASE)
_HAS_ORGANISATION_WORD = re.compile(r"\b(?:" + "|".join(ORGANISATION_WORDS) + r")\b")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Cllr|Councillor|Sir|Dame|Rev|"
                        r"Revd|Lord|Lady)\b\.?")
HEAD_LINES = 8  # a letterhead is in the first lines ...
TAIL_LINES = 12  # ... a signature block in the last
_ID_LIKE = re.compile(r"^(?=.*\d)[\da-f]+$|^\d+$|^[a-z]?\d+$", re.IGNORECASE)
_VOWEL = re.compile(r"[aeiouy]", re.IGNORECASE)
#: short words of file names that are acronyms although they hold a vowel
ACRONYMS = frozenset({"iag", "nhs", "asb", "vru", "cps", "ngo", "idva", "isva"})


def sender_in_text(text: str) -> str | None:
    """The organisation a submission names itself by, or None.

    In order: "on behalf of X" / "Response from X" / "Submitted by X" in the opening or closing
    part of the text; then a line of the letterhead or of the signature block that is nothing
    but an organisation's name, or a title that opens with one ("X - Response to ..."). The
    panel the evidence is sent to is never the sender.
    """
    head, tail = text[:2000], text[-1500:]
    for part in (head, tail):
        for match in _SAYS_WHO.finditer(part):
            name = _clean(match.group("org"))
            if name:
                return name
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in [*lines[:HEAD_LINES], *reversed(lines[-TAIL_LINES:])]:
        found = _NAME_LINE.match(line) or _TITLE_LINE.match(line)
        name = _clean(found.group("org")) if found else None
        if name:
            return name
    return None


def _clean(name: str) -> str | None:
    """The organisation's name alone, or None when it is the recipient, too short, or could hold
    a person's name (the sender is kept unredacted in every output)."""
    name = re.sub(r"\s+", " ", name).strip(" ,.")
    name = re.sub(r"^The\s+", "", name)
    # "Jane Roe of the Mill Lane Residents Association": the part before "of" is no body's name
    before, of, after = name.partition(" of ")
    if of and not _HAS_ORGANISATION_WORD.search(before) and _HAS_ORGANISATION_WORD.search(after):
        name = re.sub(r"^the\s+", "", after)
    if _RECIPIENT.search(name) or _HONORIFIC.search(name) or len(name.split()) < 2:
        return None
    return name


def name_from_file(stem: str, submission_id: str) -> str:
    """A readable sender from a file name: words title-cased, short vowel-less words and known
    acronyms upper-cased ("csp" -> "CSP"); a name that is only ids or hashes gives
    "Respondent <id>"."""
    words = [w for w in re.split(r"[\s_-]+", _FILE_PREFIX.sub("", stem)) if w]
    if not words or all(_ID_LIKE.match(w) for w in words):
        return f"Respondent {submission_id}"
    named = [w if _ID_LIKE.match(w) else _word(w) for w in words]
    return " ".join([named[0][:1].upper() + named[0][1:], *named[1:]])


def _word(word: str) -> str:
    if word.isupper() or word.lower() in ACRONYMS or (len(word) <= 4 and not _VOWEL.search(word)):
        return word.upper()
    if word.lower() in ("and", "of", "for", "the", "on", "upon", "in"):
        return word.lower()
    return word[:1].upper() + word[1:]
