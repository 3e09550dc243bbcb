"""Kinds of complaint that evidence to a scrutiny review makes in many words: the same point.

Respondents say "the strategy has still not been published", "we are still waiting for a formal
response" and "eighteen months on it has not appeared": different words, one point (they are
waiting for something promised). Embeddings of such sentences are far apart, because their
subjects differ, so a claim grouped by similarity alone is narrower than the evidence. A
:class:`Complaint` names one such point in words true of every statement that matches it, and the
action that answers it. The patterns are English that any call's evidence shares, never the
words of one call; every word naming the target comes from the codebook (``{target}``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._folding import fold
from ._references import clause_subject


@dataclass(frozen=True)
class Complaint:
    """One kind of complaint.

    Attributes:
        name: a short id.
        pattern: what a statement making it says.
        point: the point in reported speech, true of every statement that matches ``pattern``
            ("{target}" is the target's title with "the").
        action: what answers it, to follow "That the <target> ..." ("{subject}" is the
            concern's subject, :func:`._remedy.subject_phrase`).
        general: what answers it with no subject named, true of every statement that makes
            it (for a subject the evidence does not say in full, :func:`._remedy.remedy`).
    """

    name: str
    pattern: re.Pattern[str]
    point: str
    action: str
    #: ``negative`` for a complaint; ``positive`` for a kind of praise (it answers nothing)
    stance: str = "negative"
    general: str = ""


def _kind(name: str, pattern: str, point: str, action: str, stance: str = "negative",
          general: str = "") -> Complaint:
    return Complaint(name, re.compile(pattern, re.IGNORECASE), point, action, stance, general)


COMPLAINTS: tuple[Complaint, ...] = (
    _kind("waiting",
          r"\bnot (?:yet )?(?:been )?(?:published|appeared|produced)\b|\bstill waiting\b|"
          r"\byet to (?:be )?(?:publish|appear|see|receive)\w*|\bhas not appeared\b|"
          r"\b(?:have|has) been waiting\b|\bhas not happened\b",
          "they were still waiting for something that had been promised or consulted on",
          "publishes {subject}, or sets a date by which it will be published",
          general="sets and publishes a date for each document or meeting promised to "
                  "partners"),
    _kind("consultation",
          r"\bno consultation\b|\bwithout (?:any )?consultation\b|\bnot (?:been )?consulted\b",
          "decisions had been taken without consulting them",
          "consults partners before any further decision on {subject}",
          general="consults partners before taking decisions that affect them"),
    _kind("absence",
          r"\bno(?:body| one) from\b[^.;]{0,60}?\b(?:attend\w*|came|come|been to|visited)\b|"
          r"(?<!\bwe )(?<!\bI )\b(?:did|has|have|had) not (?:\w+ )?(?:attend\w*|come|came|"
          r"been to|visited)\b|"
          r"\bha(?:ve|s) not seen (?:the|her|him|them)\b|"
          r"\b(?:she|he|they) (?:cancelled|withdrew|pulled out)\b|\bsent (?:his |her |their )?"
          r"apologies\b|\b(?:meeting|visit|event|session)s?\b[^.;]{0,60}?\b(?:was|were) "
          r"cancelled\b|\brarely see (?:the|her|him)\b|\binvisible\b",
          "{target} had not been seen, or represented, where they expected",
          "ensures that partners' invitations are answered and their meetings attended, or "
          "explains in good time why they cannot be"),
    _kind("feedback",
          r"\bnever (?:hear|heard|saw|seen|had any feedback|received)\b|"
          r"\bno (?:feedback|response|reply|update|explanation)\b|\bnot (?:been )?told\b|"
          r"\bnobody told\b|\bholding repl\w*|\bautomatic reply\b|\bdo not know what happens\b|"
          r"\btold nothing\b|\bno(?:body| one)(?: from [\w' ]{1,40}?)? has (?:yet )?(?:explained|"
          r"told|been able to tell)\b",
          "they had heard nothing back, or nothing of substance",
          "reports back to partners on {subject} and explains the decisions taken",
          general="explains to partners what has been done with what they send or submit"),
    _kind("notice",
          r"\b(?:only|just) (?:\w+ ){0,2}(?:days?|weeks?)'? ?(?:notice|in advance)\b|"
          r"\bwithout (?:any )?(?:warning|notice)\b|\bworking days for comment\b|\blittle notice\b",
          "they had been given too little notice",
          # the notice was short for something already announced: the panel asks for the future
          "for future {occasions}, gives partners more notice",
          general="gives partners more notice of decisions that affect them"),
    _kind("funding",
          r"\b(?:one|a) year at a time\b|\bfor one year only\b|\bshort[- ]term funding\b|"
          r"\bnot (?:\w+ )?(?:confirmed|agreed|decided|arrive) until\b|\bconfirmed only\b|\bstill do not know whether\b|"
          r"\bnot renewed\b|\blate (?:timetable|decision)\b|"
          r"\b(?:decided|confirmed|agreed|announced) (?:so |too )late\b|\btoo late (?:for \w+ )?to plan\b|"
          r"\bweeks before (?:the|it|our) (?:old )?\w+ (?:ran|runs|run) out\b|\bat risk of redundancy\b",
          "funding was decided too late, or for too short a time, for them to plan",
          "confirms {subject} earlier and for longer",
          general="confirms funding earlier and for longer"),
    _kind("publication",
          r"\bdoes not publish\b|\bno published (?:data|information|evaluation)\b|"
          r"\bwithout a published\b|\bnot been (?:shared|updated)\b",
          "information they needed had not been published or shared",
          "publishes {subject} and keeps it up to date",
          general="publishes the information partners have asked for and keeps it up to date"),
    _kind("presence",
          r"\b(?:attend(?:s|ed)|came to|comes to|joined)\b[^.;]{0,40}?\b(?:meetings?|forums?|"
          r"workshops?|board|events?|sessions?)\b",
          "{target}'s office had come to their meetings in person", "", stance="positive"),
)


def complaints_in(text: str, stance: str = "negative") -> tuple[str, ...]:
    """The names of the :data:`COMPLAINTS` of ``stance`` that ``text`` makes, in the order they
    are listed (``stance="positive"``: the kinds of praise).

    >>> complaints_in("We are still waiting for a reply, and nobody from the office came.")
    ('waiting', 'absence')
    """
    flat = fold(text)
    return tuple(c.name for c in COMPLAINTS if c.stance == stance and c.pattern.search(flat))


def complaint(name: str) -> Complaint:
    """The :class:`Complaint` called ``name``."""
    return next(c for c in COMPLAINTS if c.name == name)


def point_of(finding_text: str, target: str) -> str | None:
    """The point a finding widened by a kind of complaint (or of praise) makes (its words true of every
    organisation it names), or None for a finding that reports its lead statement."""
    return next((c.point.format(target=target) for c in COMPLAINTS
                 if f" that {c.point.format(target=target)}: for example" in finding_text), None)


#: the prefix of a kind that names what several statements praise ("named:the Victim Hub")
NAMED = "named:"


def praised_subject(text: str, stop_words: frozenset[str]) -> str | None:
    """``named:<name>`` when ``text`` is about a named thing other than the target (the subject
    of its clause is a name: "The Victim Hub has been a real success" -> ``named:the Victim
    Hub``), so that statements praising the same named service make one point; else None. Words
    in ``stop_words`` (the target's names, the call's place names) are left out of the name."""
    subject = clause_subject(text)
    if subject is None:
        return None
    (_, root_pos, root_lower), words = subject
    if root_pos != "PROPN" or root_lower in stop_words:
        return None  # the clause is about the target, a person or something unnamed
    names = [word for word, pos, lower in words if pos == "PROPN" and lower not in stop_words]
    return f"{NAMED}the {' '.join(names)}" if names else None
