"""A short recommendation for a concern nobody asked anything about: a remedy from its subject.

When no request in the evidence answers a concern, the recommendation is built from the
finding itself, in one short sentence that follows "That the <target> ...": an action matched to
the kind of complaint (:data:`._complaints.COMPLAINTS`: a strategy "still not published" asks for it to be published, "no
consultation took place" asks for consultation, "nobody from the office attended" asks for
attendance) applied to the concern's subject, the noun phrase of its lead that the other
statements share ("the charge", "the rural crime strategy"). With no kind matched, the target is
asked to review the subject and report back to the Panel. The kinds are English that any call's
evidence shares, not words of one call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .._folding import fold
from ..nlp import load_pipeline
from ._complaints import COMPLAINTS

_SUFFIXES = (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def word_stem(word: str) -> str:
    """A word without its inflection ("charges", "charged", "charging" -> "charg"): enough to
    tell whether two statements use the same word, without parsing either."""
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[:-len(suffix)] + replacement
            break
    return word.rstrip("e") if len(word) > 3 else word


def word_stems(text: str) -> frozenset[str]:
    """The stems (:func:`word_stem`) of every word of ``text``."""
    return frozenset(word_stem(w) for w in re.findall(r"[a-z]+", fold(text).lower()))

_FALLBACK = "reviews {subject} in the light of this evidence and reports back to the Panel"
_OWNERS = re.compile(r"^(?:our|their|my|your|his|her|its)\s+", re.IGNORECASE)
_DROPPED = frozenset({"this", "that", "these", "those", "a", "an", "any", "no", "several", "many", "some",
                      "few", "all", "both", "most"})
#: words too general to be a concern's subject on their own
GENERAL_WORDS = frozenset({"people", "partner", "member", "resident", "officer", "organisation",
                           # respondents themselves, never what a remedy acts on
                           "council", "partnership", "forum", "federation", "association",
                           "branch", "charity", "group", "commission",
                      "year", "month", "week", "time", "way", "lot", "part", "number", "view"})


def subject_phrase(lead: str, shared: frozenset[str], stop_words: frozenset[str],
                   skip: tuple[int, int] = (0, 0),
                   required: frozenset[str] | None = None) -> str | None:
    """The noun phrase ``lead`` is about: the subject of its main clause, else its first noun
    chunk whose head is shared with the other statements (``shared``: their nouns and names),
    else its first specific one (a subject shared with them first); with
    "the" for a respondent's own "our" and no opening negation ("No consultation" -> None). A
    chunk overlapping ``skip`` (the characters of the complaint itself: "only a few weeks'
    notice") is not the subject. With ``required`` (the nouns every organisation of the
    finding names), a subject whose noun is not among them is one organisation's particular,
    not what they all complained of: None."""
    doc = load_pipeline("parse")(fold(lead))
    awaited = next((c for c in doc.noun_chunks if c.start_char > skip[1]), None) \
        if skip[1] and doc.text[skip[1]:].startswith(" for ") else None
    chunks = [] if awaited is None else [(True, awaited)]  # "still waiting for <X>": X
    for chunk in doc.noun_chunks:
        head = chunk.root.lemma_.lower()
        if chunk.start_char < skip[1] and skip[0] < chunk.end_char:
            continue
        if chunk.root.pos_ == "PRON" or head in stop_words or head in GENERAL_WORDS \
                or chunk[0].lower_ in {"no", "any", "some", "every", "each"}:
            continue
        # a lone singular noun as a verb's object is part of the verb ("took place", "take
        # part"), not a thing named: a singular thing takes a determiner
        if len(chunk) == 1 and chunk.root.tag_ == "NN" and chunk.root.dep_ == "dobj":
            continue
        chunks.append((head in shared, chunk))
    # what the lead's main clause is about ("the charge was announced after the council had set
    # its budget": the charge), then what the other statements also name, then the first
    main = [(s, c) for s, c in chunks if c.root.dep_ in {"nsubj", "nsubjpass"}
            and c.root.head.dep_ == "ROOT"]
    # what the complaint's own verb lacks ("has not published any figures on 101 waiting times")
    lacked = next((c for c in doc.noun_chunks if c.root.dep_ == "dobj" and skip[1]
                   and skip[0] <= c.root.head.idx < skip[1]), None)
    picked = awaited or lacked or next((c for s, c in main if s), None) or next((c for _, c in main), None) \
        or next((c for s, c in chunks if s), None) or next((c for _, c in chunks), None)
    if picked is None or (required is not None and word_stem(picked.root.lemma_.lower()) not in required):
        return None
    return _phrase(doc, picked)


#: a preposition that specifies the noun it follows ("the closure of ...", "the figures on ...",
#: "the application for ...", "a response to ..."); "for" and "to" only when attached to it
_SPECIFYING = frozenset({"of", "on", "about"})
_ATTACHED = frozenset({"for", "to"})


def _phrase(doc: Any, picked: Any) -> str | None:
    """The noun chunk ``picked`` with the phrases that say which (of-, on-, for-phrases), as a
    recommendation names it: "the" for "our", no quantifier or number before it."""
    end = picked.end  # "the closure" -> "the closure of the public front counter at ..."
    after = [doc[picked.end]] if picked.end < len(doc) else []  # "figures on ..." parsed loose
    for child in [*picked.root.rights, *after]:
        if child.dep_ != "prep" or child.i < picked.end:
            continue
        if (child.lower_ in _SPECIFYING and (child.head == picked.root or child.i == picked.end)) \
                or (child.lower_ in _ATTACHED and child.head == picked.root):
            end = max(end, child.right_edge.i + 1)
    # a relative clause ("the review ... that was meant to inform it") is left to the evidence
    clauses = {t.i for t in doc[picked.start:end] if t.dep_ in {"relcl", "acl"}
               for t in t.subtree}
    words = [t for t in doc[picked.start:end] if (not t.is_punct or t.tag_ == "POS")
             and t.i not in clauses]
    while words and (words[0].lower_ in _DROPPED or words[0].pos_ == "NUM"):
        words = words[1:]
    if not words:
        return None
    phrase = _OWNERS.sub("the ", "".join(t.text_with_ws for t in words).strip(" ,;"))
    # "a response to our recommendations": the respondent's "our" is not the panel's
    phrase = re.sub(r"\b(?:our|my)\b", "the", phrase)
    phrase = " ".join(phrase.split())
    if phrase[:4] == "The ":
        phrase = "the " + phrase[4:]
    # "a Watch meeting" -> "the Watch meeting"; a name ("Brindle Street") takes none
    if not phrase.lower().startswith("the ") and (picked.root.pos_ != "PROPN"
                                                  or not phrase[:1].isupper()):
        phrase = "the " + phrase
    return phrase


def bare_noun(subject: str) -> str | None:
    """The noun of a subject that is only "the <noun>" ("the readings", "the charge"), whose
    reader needs an earlier sentence to know which; None for one that says which ("the rural
    crime strategy", "the figures on 101 waiting times", a name)."""
    words = subject.split()
    if len(words) != 2 or words[0] != "the" or not words[1].isalpha() or not words[1].islower():
        return None
    return words[1]


def specified(noun: str, texts: Iterable[str], stop_words: frozenset[str]) -> str | None:
    """The first phrase of ``texts`` (the finding's own evidence: its lead's context and
    heading, its statements) that names ``noun`` and says which ("the RavenShare charge" for
    "the charge"), as a recommendation names it; None when none does."""
    lemma = load_pipeline("parse")(f"They discussed the {noun}.")[-2].lemma_.lower()
    parse = load_pipeline("parse")
    for text in texts:
        doc = parse(fold(text))
        if not any(t.pos_ in {"VERB", "AUX"} for t in doc):  # a heading: a noun phrase alone
            doc = parse(f"They discussed {fold(text).rstrip('.')}.")
        for chunk in doc.noun_chunks:
            if chunk.root.lemma_.lower() != lemma or chunk.root.pos_ != "NOUN":
                continue
            phrase = _phrase(doc, chunk)
            if phrase is not None and bare_noun(phrase) is None and \
                    phrase.split()[-1].lower() not in stop_words:
                return phrase
    return None


def occasions(subject: str) -> str | None:
    """The kind of thing ``subject`` is, in the plural, for a request about future ones: "the
    closure of the public front counter at the station" -> "closures", "the consultation draft"
    -> "consultation drafts"; None when it names no common noun."""
    doc = load_pipeline("parse")(f"They discussed {subject}.")  # parsed as the object it is
    chunk = next((c for c in doc.noun_chunks if c.root.dep_ == "dobj"), None)
    if chunk is None or chunk.root.pos_ != "NOUN":
        return None
    words = [t for t in chunk if t.pos_ in {"NOUN", "ADJ"} and t.i <= chunk.root.i
             and (t.i == chunk.root.i or t.dep_ in {"compound", "amod"})]
    root = chunk.root
    plural = root.text if root.tag_ == "NNS" else _plural(root.text)
    return " ".join([t.text for t in words if t.i != root.i] + [plural]).lower()


def _plural(noun: str) -> str:
    if re.search(r"(?:s|sh|ch|x|z)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def remedy(lead: str, shared: frozenset[str], stop_words: frozenset[str],
           given: frozenset[str] = frozenset(), evidence: Iterable[str] = (),
           required: frozenset[str] | None = None) -> str | None:
    """A short action answering the concern ``lead`` states, to follow "That the <target> ...",
    or None when the lead names no subject to act on.

    A subject that is only "the <noun>" ("the readings", "the charge") and not known to every
    reader (``given``: :func:`._references.common_ground`) is named as the finding's
    ``evidence`` names it in full ("the RavenShare charge", :func:`specified`); when it does
    not, the action takes the complaint's general form (:attr:`._complaints.Complaint.general`),
    with no subject (None without a kind of complaint). So does a concern of several
    organisations whose subject is not named by each of them (``required``: the nouns every
    one of them names, :func:`subject_phrase`): "the application for a rural youth outreach
    worker" is one partnership's particular, not what four organisations hearing nothing back
    complained of.

    >>> remedy("The rural crime strategy has still not been published.", frozenset({"strategy"}),
    ...        frozenset())
    'publishes the rural crime strategy, or sets a date by which it will be published'
    """
    lead = fold(lead)
    found = next(((c.action, m.span()) for c in COMPLAINTS
                  if c.stance == "negative" and (m := c.pattern.search(lead))), None)
    action, span = found or (_FALLBACK, (0, 0))
    if "{subject}" not in action and "{occasions}" not in action:
        return action
    subject = subject_phrase(lead, shared, stop_words, span, required)
    complaint = next((c for c in COMPLAINTS if c.stance == "negative" and c.action == action), None)
    general = complaint.general if complaint is not None and complaint.general else None
    noun = bare_noun(subject) if subject is not None else None
    if subject is not None and noun is not None and not {noun, noun.removesuffix("s")} & given:
        subject = specified(noun, evidence, stop_words)
    if subject is None:
        return general
    if "{occasions}" in action:
        kind = occasions(subject)
        return None if kind is None else action.format(occasions=kind)
    action = action.format(subject=subject)
    plural = occasions(subject)  # "the figures on ...": they will be published, not it
    if plural is not None and plural.split()[-1] == _head_word(subject):
        action = action.replace(" it will be ", " they will be ")
    return action


def _head_word(subject: str) -> str:
    doc = load_pipeline("parse")(f"They discussed {subject}.")
    chunk = next((c for c in doc.noun_chunks if c.root.dep_ == "dobj"), None)
    return chunk.root.lower_ if chunk is not None else ""
