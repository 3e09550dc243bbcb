"""Patterns compiled from a codebook's words: mentions of the target, and requests made of it.

Everything that names the target (the Commissioner, a Mayor, a Chief Constable) comes from the
codebook's :class:`~evidence_lab.codebook.Target`; what stays here is English that every call
shares: pronouns, "we recommend", "would welcome", the imperative verbs that open a bulleted
recommendation. Stance (mentions, the suggestion rule), findings (recommendations) and redaction
(kept names) all read the same compiled patterns, built once per codebook.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._folding import fold, fold_case
from .codebook import Codebook, Target

#: the last word of an organisation's name (a person's name or role never ends in one of these):
#: ingest reads a sender's name by it, redaction keeps a name that holds one
ORGANISATION_WORDS = (
    "Council", "Councils", "Partnership", "Watch", "Federation", "Commission", "Service",
    "Services", "University", "Trust", "Association", "Group", "Branch", "Board", "Forum",
    "Network", "Alliance", "Union", "Society", "Charity", "Centre", "Authority", "Constabulary",
    "College", "Department", "Committee", "Project", "Foundation", "Hub", "Collective",
    "Coalition", "Office", "Agency", "Unison", "UNISON", "Institute", "School",
    "Academy", "Church", "Mosque", "Synagogue", "Diocese", "Chamber", "BID", "CSP", "NHW",
)

_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "Councillor", "Dame", "Sir", "Lord", "Lady")
PRONOUN = re.compile(r"\b(she|he|her|his|hers|him|herself|himself)\b", re.IGNORECASE)
SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)

#: Base-form verbs that open a bulleted recommendation ("Fund projects that work for three years.")
IMPERATIVE_VERBS = (r"(?:fund|publish|provide|commit|restore|reinstate|consult|give|make|"
                    r"introduce|ensure|review|agree|share|create|extend|appoint|protect|"
                    r"establish|offer|attend|invest|prioritise|reconsider|reverse|convene|scrap)")
_NUMBERING = r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?"
_ORDINAL = r"(?:(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|in addition|also),?\s+)?"
# who asks in the evidence: the respondent, never the target
_ASKER = r"(?:we|i|the panel|members|the partnership|the council|our \w+)"
_ASKER_ADVERBS = r"(?:would\s+|therefore\s+|also\s+|strongly\s+|respectfully\s+)*"
_ASK_VERBS = (r"(?:recommend|urge|ask|suggest|encourage|request|invite|propose|would like|"
              r"would welcome|welcome the opportunity)")
_TARGET_ACTIONS = r"(?:consider|explore|publish|set out|commit|fund|work|ensure)"
# a request anywhere in a statement (a recommendation's raw material)
_REQUEST_WORDS = (r"should|would welcome|we recommend|recommend that|we urge|urge the|we ask|"
                  r"ask that|we would like|there is an opportunity|there is scope|"
                  r"would benefit from|we suggest|needs? to|must")


def _phrase(text: str) -> str:
    """A literal phrase whose words may be split by any white space."""
    return r"\s+".join(re.escape(word) for word in text.split())


@dataclass(frozen=True)
class TargetMatcher:
    """Regex matcher for a target's names; build it with :meth:`from_target`.

    Attributes:
        pattern: explicit mentions: names, aliases, office holders (with a title and surname), and
            the target's generic references ("the office").
        salutation: a letter addressed to the target ("Dear Commissioner", "Dear Mayor Khan").
        subject: the target as the subject of a clause ("the PCC", "the office", "she").
    """

    pattern: re.Pattern[str]
    salutation: re.Pattern[str]
    subject: str

    @classmethod
    def from_target(cls, target: Target) -> TargetMatcher:
        """Compile a matcher for ``target`` (names longest first, case-insensitive except acronyms)."""
        names = target.all_names()
        names_alt = "|".join(_phrase(n) for n in names)
        parts = []
        for name in names:
            # acronyms (PCC, OPCC) must match in capitals, so "pcc" inside words never counts;
            # the plural ("elected Police and Crime Commissioners", "PCCs") is the office as an
            # institution, which evidence about a proposed change of role evaluates
            parts.append(rf"\b{_phrase(name)}s?\b" if name.isupper()
                         else rf"(?i:\b{_phrase(name)}(?:'s|’s|s)?\b)")
        titles = "|".join(_TITLES)
        for holder in target.office_holders:
            parts.append(rf"\b(?:{titles})\.?\s+{re.escape(holder.split()[-1])}\b")
        # "the office" is the target's, but "the office of the chief executive" is not
        not_owned = rf"(?!\s+(?:of|for)\s+(?!(?:the\s+)?(?:{names_alt})))" if names else ""
        parts.extend(rf"(?i:\b{_phrase(ref)}\b{not_owned})" for ref in target.references)
        salutation = re.compile(
            rf"\bDear\s+(?:[A-Z][a-z]+\s+)?(?:{names_alt}|{_phrase(target.title)})", re.IGNORECASE)
        references = "|".join(_phrase(r) for r in target.references)
        subject = rf"(?:(?:the\s+)?(?:{names_alt})|{references + '|' if references else ''}she|he)"
        return cls(re.compile("|".join(parts)), salutation, subject)

    def find(self, text: str) -> list[tuple[int, int]]:
        """Character spans of explicit mentions in ``text``."""
        return [m.span() for m in self.pattern.finditer(text)]


@dataclass(frozen=True)
class RequestMatcher:
    """Requests in evidence: statements that ask the target (or anyone) to do something.

    Attributes:
        opening: a statement that *opens* by asking ("We would welcome ...", "The Commissioner
            should consider ...", "Fund projects for three years."): a suggestion, not a finding.
        anywhere: a request anywhere in the statement ("... and the office must publish it").
        asks: ``(pattern, form)`` pairs that pull out the requested action (group ``action``);
            ``form`` is how the action follows "That the <target> ...".
    """

    opening: re.Pattern[str]
    anywhere: re.Pattern[str]
    asks: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def from_codebook(cls, codebook: Codebook, matcher: TargetMatcher) -> RequestMatcher:
        """Compile the request patterns for ``codebook``'s target and its extra request phrases."""
        subject = matcher.subject
        extra = "|".join(_phrase(p) for p in codebook.vocabulary.request_phrases)
        extra_opening = rf"|{_NUMBERING}(?:{extra})" if extra else ""
        opening = re.compile(
            rf"{_NUMBERING}{_ORDINAL}(?:{_ASKER}\s+{_ASKER_ADVERBS}{_ASK_VERBS}"
            rf"|{subject}\s+(?:should|could|might|must)\s+{_TARGET_ACTIONS})"
            rf"|{_NUMBERING}{IMPERATIVE_VERBS}\s{extra_opening}", re.IGNORECASE)
        anywhere = re.compile(rf"\b(?:{_REQUEST_WORDS}{'|' + extra if extra else ''})\b",
                              re.IGNORECASE)
        asks = (
            (re.compile(rf"recommends? that {subject}\s+(?P<action>.+)", re.IGNORECASE), "{action}"),
            (re.compile(rf"(?:urge|ask|invite|encourage|would like) {subject} to (?P<action>.+)",
                        re.IGNORECASE), "{action}"),
            (re.compile(rf"{subject} (?:should|must|needs? to) (?P<action>.+)", re.IGNORECASE), "{action}"),
            (re.compile(r"would welcome (?P<action>.+)", re.IGNORECASE), "considers {action}"),
            (re.compile(rf"{_NUMBERING}(?P<action>{IMPERATIVE_VERBS}\s.+)", re.IGNORECASE), "{action}"),
        )
        return cls(opening, anywhere, asks)

    def opens(self, text: str) -> bool:
        """True when ``text`` opens by asking for something."""
        return self.opening.search(text) is not None

    def requested_action(self, text: str, *, min_words: int = 3) -> str | None:
        """The action ``text`` asks for, phrased to follow "That the <target> ..." (or None)."""
        flat = fold(text).rstrip(" .;")
        for pattern, form in self.asks:
            match = pattern.search(flat)
            if match and len(match.group("action").split()) >= min_words:
                asked = match.group("action")
                return form.format(action=asked[0].lower() + asked[1:])
        return None


@dataclass(frozen=True)
class CallVocabulary:
    """Every pattern compiled from one codebook; get it with :func:`vocabulary_of`."""

    target: TargetMatcher
    requests: RequestMatcher
    stop_words: frozenset[str]


#: Words too common in scrutiny evidence to name a theme by, whatever the call.
SCRUTINY_STOP_WORDS = frozenset(
    ["panel", "members", "member", "would", "also", "year", "years", "said", "did", "does", "like", "just", "need", "needs", "work", "working", "make", "new", "ll", "ve", "don", "isn", "wasn"])


def _target_words(target: Target) -> set[str]:
    """Words that only name the target: its name's and title's words, acronyms, office holders'
    names, and the nouns of its references ("office"); not every alias word ("fire" in "Police,
    Fire and Crime Commissioner" also names a fire service)."""
    words = {w.lower().strip(",") for w in (*target.name.split(), *target.title.split())}
    words |= {a.lower() for a in target.aliases if a.isupper()}
    words |= {w.lower() for holder in target.office_holders for w in holder.split()}
    words |= {r.split()[-1].lower() for r in target.references}
    return words


@lru_cache(maxsize=32)
def vocabulary_of(codebook: Codebook) -> CallVocabulary:
    """The compiled patterns of ``codebook`` (cached: a codebook is immutable)."""
    target = TargetMatcher.from_target(codebook.target)
    stop = SCRUTINY_STOP_WORDS | _target_words(codebook.target) | set(codebook.vocabulary.stop_words)
    return CallVocabulary(target, RequestMatcher.from_codebook(codebook, target),
                          frozenset(w for w in stop if w))


def retarget(texts: Sequence[str], source: Target, dest: Target) -> list[str]:
    """``texts`` written about ``source`` rewritten about ``dest`` (training text for a new target).

    The shipped corpus is written about a Police and Crime Commissioner; a review of a Mayor or a
    Chief Constable learns from the same statements with the target's names swapped: the full name
    becomes ``dest.name``, an acronym ``dest``'s first acronym (else its title), any other name its
    title ("the Commissioner's fund" -> "the Mayor's fund"). Texts are unchanged when ``dest`` keeps
    every name of ``source`` (the same office, perhaps with named office holders).
    """
    if set(source.all_names()) <= set(dest.all_names()):
        return list(texts)
    names = TargetMatcher.from_target(Target(source.name, source.aliases)).pattern
    acronym = next((a for a in dest.aliases if a.isupper()), dest.title)
    source_names = {fold_case(n) for n in source.all_names()}

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        possessive = "’s" if found.endswith("’s") else "'s" if found.endswith("'s") else ""
        bare = found[:len(found) - len(possessive)] if possessive else found
        plural = "s" if bare[-1:] in ("s", "S") and fold_case(bare) not in source_names else ""
        bare = bare[:len(bare) - len(plural)] if plural else bare
        if fold_case(bare) == fold_case(source.name):
            return dest.name + plural + possessive
        return (acronym if bare.isupper() else dest.title) + plural + possessive

    return [names.sub(swap, text) for text in texts]
