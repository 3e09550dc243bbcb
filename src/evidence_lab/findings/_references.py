"""Does a statement stand on its own? Find references it leaves to an earlier sentence.

A lead sentence in a letter must make sense without the respondent's previous sentence: "whilst
they appreciated that letter", "it has undone some of that progress" and "they wrote to the
Commissioner about it" all point back to something the reader of the letter never saw. A
statement is *self-contained* when none of these is found (by the bundled spaCy parse):

- a demonstrative determiner ("that letter", "these changes"), except before words that point
  at the review itself or at time ("this review", "this year", "that time");
- a demonstrative pronoun ("This was ...", "about that"), except "those who/which/that";
- "it"/"its" with no singular common noun (or acronym: "the OPCC ... it") before it in the
  sentence (an opening phrase such as "To our knowledge" does not count), or a third-person
  "they/them/their" with no plural noun before it (a person's name is no antecedent for "it"),
  except an opening "It" that only introduces a clause ("It would help if ...", "It is clear
  that ...");
- "he"/"she"/"his"/"her" with no name or title before it in the sentence ("We appreciate the
  time she has given": who?);
- "such", "the latter", "the former", "by then", "since then";
- "one" standing for a noun ("adding one");
- a connective that carries on an earlier argument ("therefore", "moreover", "similarly").

First-person "we/our" are not references: the reported voice turns them into the respondent.

A statement can also stand without a reference and still not say what it is about ("Nobody from
the office attended, and we did not receive an apology": attended what?), or lean on the
sentence before through a bare definite (:func:`leaning_definite`): "Without the strategy, ..."
after the sentence that named the rural crime strategy in full, or "The readings are sent off,
but ..." after a sentence about Speed Watch teams. :func:`lead_context` reads such a statement
(a *thin* one: fewer than :data:`MIN_SUBJECT_WORDS` nouns or names beyond the target's own)
together with the statement before it, and so does it for one with an unresolved reference: the
pair can lead when it stands alone and names its subject; otherwise the statement can support a
finding but not lead it. It is the one notion of "needs the sentence before": a quote that needs
it is quoted with it (``findings._draft``), and a recommendation built from a lead reads the lead
with it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, NamedTuple, Protocol, TypeVar

from spacy.tokens import Doc

from .._folding import fold, fold_key
from ..nlp import SPACY_MODEL, load_pipeline
from ..vocabulary import SECOND_PERSON

#: nouns after this/that/these/those that need no earlier sentence
DEICTIC_NOUNS = frozenset({
    "year", "years", "month", "months", "week", "weeks", "time", "morning", "spring", "summer",
    "autumn", "winter", "review", "call", "inquiry", "submission", "response", "evidence", "panel",
    "panel's", "scrutiny", "consultation", "stage", "point", "day", "quarter", "financial",
})
#: nouns a bare "the <noun>" names without an earlier sentence: times, and the review itself
KNOWN_DEFINITES = frozenset({
    "year", "years", "month", "months", "week", "weeks", "time", "morning", "spring", "summer",
    "autumn", "winter", "review", "call", "inquiry", "panel", "scrutiny", "day", "quarter",
    "moment", "past", "future", "meantime", "end", "start", "beginning",
})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_THIRD_PERSON = frozenset({"it", "its", "they", "them", "their", "theirs"})
#: "he", "she" and theirs point to a person the sentence must name first ("the Commissioner",
#: "Ms Nandra"): "We appreciate the time she has given" leaves the reader asking who
_PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers", "himself", "herself"})
#: an opening "It" that only introduces a clause ("It would help if ...", "It is clear that ...",
#: "It was frustrating that ..."), not one standing for something said before
_EXPLETIVE_IT = re.compile(r"^it\s+(?:is|was|would|will|seems|seemed|may|might|could|can|"
                           r"has been|had been)\b(?:\s+[\w'-]+){0,3}?\s+(?:that|if|to|whether|"
                           r"when|how|because)\b", re.IGNORECASE)
#: connectives that carry on an argument made before ("The council therefore ...")
_CARRY_ON = frozenset({"therefore", "thus", "hence", "consequently", "furthermore", "moreover",
                       "likewise", "similarly", "meanwhile", "instead", "nevertheless"})
#: a lead names what it is about with at least this many nouns or names beyond the target's
MIN_SUBJECT_WORDS = 2
#: the statement before a lead may lend it context when it is no longer than this (words)
MAX_CONTEXT_WORDS = 35

#: a word as the readings keep it: (text, part of speech or tag, lower case or lemma)
Word = tuple[str, str, str]


class Reading(NamedTuple):
    """What the findings need from one statement's parse, kept so each text is parsed once."""

    unresolved: str | None  # :func:`unresolved_reference`
    nouns: tuple[tuple[str, str], ...]  # (lemma, word) of its nouns and names, for content words
    #: each bare definite "the <noun>" that the text names nowhere before it, as (lemma, lower
    #: case, whether it leans back on its own: a clause's subject, or with no noun before it in
    #: the text to be part of): :func:`leaning_definite`
    definites: tuple[tuple[str, str, bool], ...]
    #: the first noun chunk that is a clause's subject: its root's (text, pos, lower) and its
    #: words' (text, pos, lower), for :func:`._complaints.praised_subject`
    subject: tuple[Word, tuple[Word, ...]] | None
    third: Word | None  # the third token's (text, tag, lemma): the verb of "They will <action>"
    #: when the second token is a verb in the third person ("She publishes ..."), the character
    #: offset of the first comma followed by another such verb (a second ask), else None
    second_verb: int | None


#: readings by folded text; filled in batches by :func:`read_all` (cleared when it grows large)
_READINGS: dict[str, Reading] = {}
_MAX_READINGS = 200_000

T = TypeVar("T")
#: a check that parses as it goes: it yields the texts it must read before it can go on, and
#: returns its answer; :func:`run_checks` parses what many checks wait for in one batch
Check = Generator[list[str], None, T]


#: what a :class:`Reading` holds; a stored reading of another version is read again (2: "he",
#: "she", "by then" and an opening "It" that stands for something are unresolved references;
#: 3: every bare definite "the <noun>", not only an opening one; "it" after an acronym; 4: a
#: bare definite with no noun before it leans back wherever it stands)
READING_VERSION = 5


def reader_name() -> str:
    """The parser and the version of :class:`Reading` that stored readings are keyed by: a new
    spaCy model or a reading that holds more makes the stored ones stale, not wrong."""
    return (f"{SPACY_MODEL}-{metadata.version(SPACY_MODEL)}/spacy-{metadata.version('spacy')}"
            f"/reading-{READING_VERSION}")


def encode_reading(reading: Reading) -> str:
    """``reading`` as JSON text (for a store)."""
    return json.dumps(reading, separators=(",", ":"))


def decode_reading(text: str) -> Reading:
    """The :class:`Reading` :func:`encode_reading` wrote (its lists back to tuples, field by
    field: a review reads thousands back on every run)."""
    unresolved, nouns, bare_head, subject, third, second_verb = json.loads(text)
    return Reading(unresolved, tuple(map(tuple, nouns)), bare_head,
                   None if subject is None else (tuple(subject[0]),
                                                 tuple(map(tuple, subject[1]))),
                   None if third is None else tuple(third), second_verb)


class ReadingStore(Protocol):
    """Where readings are kept between runs (:class:`evidence_lab.store.ReviewStore` is one)."""

    def readings(self, reader: str) -> dict[str, str]: ...

    def add_readings(self, readings: dict[str, str], reader: str) -> None: ...


@dataclass
class _Session:
    """The readings of one store while it is in use: those it held, and those it lacks."""

    known: dict[str, str]  # JSON by key, as stored
    #: the answers of checks (:func:`run_remembered`) as stored, by key; None: not kept
    answers: dict[str, str] | None = None
    new_answers: dict[str, str] = field(default_factory=dict)
    new: dict[str, Reading] = field(default_factory=dict)

    def fill(self, texts: list[str]) -> None:
        for text in texts:
            if text not in _READINGS:
                stored = self.known.get(fold_key(text))
                if stored is not None:
                    _READINGS[text] = decode_reading(stored)

    def note(self, texts: list[str]) -> None:
        for text in texts:
            key = fold_key(text)
            if key not in self.known and key not in self.new:
                self.new[key] = _READINGS[text]


_SESSION: ContextVar[_Session | None] = ContextVar("evidence_lab_readings", default=None)


def answers_name(version: str) -> str:
    """The reader name a store keeps the checks' answers under, for the code ``version``."""
    return f"{reader_name()}/answers/{version}"


@contextmanager
def stored_readings(store: ReadingStore, answers: str | None = None) -> Iterator[None]:
    """Inside, every text :func:`read_all` is asked for is looked up in ``store`` before it is
    parsed; on leaving, the readings the store did not hold are added to it. A review keeps its
    readings this way, so re-analysing it after a new call parses only the new statements.

    With ``answers`` (a hash of the code that asks), the answers of the checks run through
    :func:`run_remembered` are kept too, so the old statements' checks are not run again."""
    name = reader_name()
    session = _Session(store.readings(name),
                       None if answers is None else store.readings(answers_name(answers)))
    token = _SESSION.set(session)
    try:
        yield
    finally:
        _SESSION.reset(token)
    store.add_readings({k: encode_reading(r) for k, r in session.new.items()}, name)
    if answers is not None:
        store.add_readings(session.new_answers, answers_name(answers))


def run_remembered(kind: str, keys: list[Any], checks: Callable[[list[int]], Iterable[Check[T]]]
                   ) -> list[T]:
    """:func:`run_checks` of ``checks(positions)`` for the positions whose answer is not kept.

    ``keys`` name everything each answer depends on besides the code (JSON values: the texts,
    and a hash of the vocabulary the check reads); inside :func:`stored_readings` with
    ``answers``, kept answers are read back and new ones kept. Answers must be JSON values."""
    session = _SESSION.get()
    if session is None or session.answers is None:
        return run_checks(checks(list(range(len(keys)))))
    hashed = [hashlib.sha1(json.dumps([kind, key], ensure_ascii=False).encode("utf-8")).hexdigest()
              for key in keys]
    kept, new = session.answers, session.new_answers
    missing = [i for i, h in enumerate(hashed) if h not in kept and h not in new]
    for i, answer in zip(missing, run_checks(checks(missing)), strict=True):
        new[hashed[i]] = json.dumps(answer)
    return [json.loads(kept[h] if h in kept else new[h]) for h in hashed]


def read_all(texts: Iterable[str]) -> None:
    """Parse every text not read yet, in one batch (spaCy's ``pipe`` is far faster than one
    call per text, and the draft asks about the same statements several times). Inside
    :func:`stored_readings`, a text the store holds is not parsed again."""
    folded = list(dict.fromkeys(map(fold, texts)))
    session = _SESSION.get()
    if session is not None:
        session.fill(folded)
    todo = [t for t in folded if t not in _READINGS]
    if todo:
        if len(_READINGS) + len(todo) > _MAX_READINGS:
            _READINGS.clear()
            if session is not None:
                session.fill(folded)
                todo = [t for t in folded if t not in _READINGS]
        for text, doc in zip(todo, load_pipeline("parse").pipe(todo, batch_size=64), strict=True):
            _READINGS[text] = _read(doc)
    if session is not None:
        session.note(folded)


def forget_readings() -> None:
    """Drop the readings kept in memory (as a new process starts): for benchmarks and tests."""
    _READINGS.clear()


def _read(doc: Doc) -> Reading:
    third = (doc[2].text, doc[2].tag_, doc[2].lemma_) if len(doc) > 2 else None
    return Reading(_unresolved(doc), _nouns(doc), _definites(doc), _subject(doc), third,
                   _second_verb(doc))


def _second_verb(doc: Doc) -> int | None:
    if len(doc) < 2 or doc[1].tag_ != "VBZ":
        return None
    return next((doc[t.i - 1].idx for t in doc[2:] if t.tag_ == "VBZ" and doc[t.i - 1].text == ","),
                None)


def reading_of(text: str) -> Reading:
    """The :class:`Reading` of ``text`` (parsed now if it was not read before)."""
    folded = fold(text)
    if folded not in _READINGS:
        read_all([folded])
    return _READINGS[folded]


def run_checks(checks: Iterable[Check[T]]) -> list[T]:
    """The answers of ``checks``, in order: each step, every text the waiting checks need is
    parsed in one batch (:func:`read_all`), so a check parses only what its answer depends on."""
    pending = list(checks)
    answers: list[T | None] = [None] * len(pending)
    waiting: dict[int, list[str]] = {}
    for i in range(len(pending)):
        _step(i, pending, answers, waiting)
    while waiting:
        read_all(text for texts in waiting.values() for text in texts)
        now, waiting = waiting, {}
        for i in now:
            _step(i, pending, answers, waiting)
    return answers  # type: ignore[return-value]  # every check has answered


def _step(i: int, checks: list[Check[T]], answers: list[T | None],
          waiting: dict[int, list[str]]) -> None:
    try:
        waiting[i] = next(checks[i])
    except StopIteration as done:
        answers[i] = done.value


def unresolved_reference(text: str) -> str | None:
    """The first word of ``text`` that refers back to an earlier sentence, or None if it stands alone.

    >>> unresolved_reference("Whilst we appreciated that letter, it does not explain the delay.")
    'that letter'
    >>> unresolved_reference("The fund closed early and we could not bid.") is None
    True
    """
    return reading_of(text).unresolved


def _unresolved(doc: Doc) -> str | None:
    seen_thing = seen_plural = seen_name = False  # an earlier noun "it" / "they" / "she" can point to
    # nouns of an opening phrase ("To our knowledge, it ...") are no antecedent
    opening = {t.i for t in doc[0].subtree} if len(doc) and doc[0].dep_ == "prep" else set()
    for i, token in enumerate(doc):
        word = token.lower_
        if word == "that" and _demonstrative_read_as_mark(doc, i):
            return f"{token.text} {doc[i + 1].text}"  # "would undermine that cooperation, ..."
        if word in _DEMONSTRATIVES and token.tag_ == "DT":
            following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            if token.dep_ == "det":
                if _complementizer_read_as_det(doc, i):
                    continue  # "We were told that money would follow": a clause, not "that money"
                if token.head.lower_ not in DEICTIC_NOUNS:
                    return f"{token.text} {token.head.text}"
            elif not (word == "those" and following in {"who", "which", "that", "whose"}):
                return token.text
        elif word in _CARRY_ON or word in {"such", "latter", "former"} and token.dep_ in {"amod", "det", "predet",
                                                                      "nsubj", "pobj", "dobj"}:
            if word in _CARRY_ON and token.sent.start > 0:
                continue  # "..., It was therefore ...": it carries on the sentence before it
            return token.text
        elif word in _THIRD_PERSON and token.tag_ in {"PRP", "PRP$"}:
            if i == 0 and word == "it" and _EXPLETIVE_IT.match(doc.text):
                continue  # "It would help if ...": introduces a clause, refers to nothing
            if not (seen_thing if word in {"it", "its"} else seen_plural):
                return token.text
        elif word in _PERSONAL and token.tag_ in {"PRP", "PRP$"} and not seen_name:
            return token.text
        elif word == "then" and i > 0 and doc[i - 1].lower_ in {"by", "since", "until", "before"}:
            return f"{doc[i - 1].text} {token.text}"  # "By then ...": by when?
        elif word == "one" and token.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"}:
            return token.text  # "adding one": one of what?
        if token.i in opening:
            continue
        # an acronym names an organisation or a thing, never a person: "the OPCC said it would"
        seen_thing = seen_thing or (token.tag_ == "NN" and word not in DEICTIC_NOUNS) or \
            (token.tag_ == "NNP" and len(token.text) > 1 and token.text.isupper())
        seen_plural = seen_plural or token.tag_ in {"NNS", "NNPS"}
        seen_name = seen_name or token.tag_ in {"NNP", "NNPS"}
    return None


def _complementizer_read_as_det(doc: Doc, i: int) -> bool:
    """"that" after a verb, read by the parser as the determiner of a noun that is the subject of
    the clause it opens ("told that money would follow"): it introduces the clause."""
    noun = doc[i].head
    return doc[i].lower_ == "that" and i > 0 and doc[i - 1].pos_ in {"VERB", "AUX"} \
        and noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.dep_ == "ccomp" \
        and noun.head.i > noun.i


def _demonstrative_read_as_mark(doc: Doc, i: int) -> bool:
    """"that" + a noun the parser read as "that" introducing a clause, where no verb follows the
    noun to make one ("undermine that cooperation, cut funding"): a demonstrative after all. "We
    know that funding was cut" (a verb after the noun) is a clause."""
    if doc[i].tag_ not in {"IN", "WDT"} or i + 1 >= len(doc) or doc[i + 1].tag_ != "NN" \
            or doc[i + 1].lower_ in DEICTIC_NOUNS:
        return False
    after = doc[i + 2] if i + 2 < len(doc) else None
    if after is None or after.text in {",", ".", ";", ":"}:
        return True  # "that cooperation," ends a phrase: no clause's subject stops there
    if after.tag_.startswith("VB") or after.tag_ == "MD":
        return False
    # "said that progress in the year was slow": the clause's subject, its verb further on
    return doc[i + 1].dep_ not in {"nsubj", "nsubjpass", "compound"}


def speaks_to_someone(text: str) -> bool:
    """True when ``text`` says "you" to whoever its respondent wrote to ("You informed the panel
    that ...", "We hope you will consider ..."). The letter can report that only when the
    respondent wrote to the target (then "you" is the target, as the letter's reader is);
    written to the panel, "you" would read as the target and is not."""
    for match in SECOND_PERSON.finditer(text):
        before = text[:match.start()].rstrip()
        if before.lower().endswith("thank"):
            continue  # "thank you" is courtesy, said to nobody in particular
        if match.group()[0].isupper() and before[-1:] not in {"", ".", "!", "?", ":"}:
            continue  # a capitalised "Your" mid-sentence is a title: "Your Police, Your Say"
        return True
    return False


def self_contained(text: str) -> bool:
    """True when ``text`` has no :func:`unresolved_reference`."""
    return unresolved_reference(text) is None


def content_words(texts: list[str], stop_words: frozenset[str]) -> list[frozenset[str]]:
    """Per text, the lemmas of its nouns and names ("newsletter", "charge", "july"), less
    ``stop_words`` (the target's own names, the call's place names): what a statement is about."""
    read_all(texts)
    return [_content(t, stop_words) for t in texts]


def _content(text: str, stop_words: frozenset[str]) -> frozenset[str]:
    return frozenset(lemma for lemma, word in reading_of(text).nouns
                     if lemma not in stop_words and word not in stop_words)


def _nouns(doc: Doc) -> tuple[tuple[str, str], ...]:
    return tuple((t.lemma_.lower(), t.lower_) for t in doc
                 if t.pos_ in {"NOUN", "PROPN"} and len(t.text) > 2 and not t.is_stop)


def lead_context(text: str, previous: str, stop_words: frozenset[str],
                 given: frozenset[str] = frozenset()) -> str | None:
    """What a lead (or a quote) needs from before it: "" when ``text`` stands alone and names
    its subject, ``previous`` when the two read together do (and ``previous`` stands alone),
    None when neither: then ``text`` cannot lead, and is quoted alone. ``given`` are nouns a
    reader of the letter knows without an earlier sentence (:func:`common_ground`, the
    respondent's own name: :func:`respondent_words`).

    >>> lead_context("Nobody from the office attended, and we did not receive an apology.",
    ...              "We invited the office to our annual general meeting in May.",
    ...              frozenset({"office"}))
    'We invited the office to our annual general meeting in May.'
    """
    return run_checks([lead_context_check(text, previous, stop_words, given)])[0]


def lead_context_check(text: str, previous: str, stop_words: frozenset[str],
                       given: frozenset[str] = frozenset()) -> Check[str | None]:
    """:func:`lead_context` as a :data:`Check`: the one notion of "needs the sentence before".
    ``text`` needs it when it has an unresolved reference, names fewer than
    :data:`MIN_SUBJECT_WORDS` nouns of its own, or leans on ``previous`` through a bare definite
    (:func:`leaning_definite`). ``previous`` is parsed only when ``text`` has an unresolved
    reference, is thin, or has a bare definite that ``given`` does not account for; the two
    together only when ``previous`` could lend them what is missing."""
    def named(words: frozenset[str]) -> bool:
        return len(words) >= MIN_SUBJECT_WORDS

    yield [text]
    own, reading = _content(text, stop_words), reading_of(text)
    before: frozenset[str] | None = None
    if reading.unresolved is None and named(own):
        if not previous or not _unknown(reading, stop_words, given):
            return ""  # nothing before to lean on, or every "the <noun>" is known to the reader
        yield [previous]
        before = _content(previous, stop_words)
        if leaning_definite(text, before, stop_words, given) is None:
            return ""
    previous = fold(previous or "")
    if not previous or len(previous.split()) > MAX_CONTEXT_WORDS or previous.endswith((":", "?")):
        return None
    if before is None:
        yield [previous]
        before = _content(previous, stop_words)
    # the sentence lent must itself stand alone: no reference, no unknown subject of its own
    if not self_contained(previous) or not named(own | before) or \
            leaning_definite(previous, frozenset(), stop_words, given) is not None:
        return None
    pair = f"{previous} {text}"
    yield [pair]
    return previous if self_contained(pair) else None


def _unknown(reading: Reading, stop_words: frozenset[str],
             given: frozenset[str]) -> list[tuple[str, str, bool]]:
    return [d for d in reading.definites if not {d[0], d[1]} & (stop_words | given)]


def leaning_definite(text: str, previous_nouns: frozenset[str], stop_words: frozenset[str],
                     given: frozenset[str] = frozenset()) -> str | None:
    """The bare definite ("the readings") by which ``text`` leans on the sentence before it, or
    None. A "the <noun>" with nothing that specifies it (no adjective, compound, of-phrase,
    restrictive relative clause, name: "the readings", not "the Speed Watch readings" or "the
    readings we send") and named nowhere before it in ``text`` points back when

    - its noun is one the sentence before names (``previous_nouns``: its nouns' lemmas): the
      sentence before introduced it ("Without the strategy ..." after "the rural crime strategy
      has not been published"); or
    - it is a clause's subject, what the statement is about, or no noun comes before it in the
      statement that it could belong to ("We never saw the results": of what?), and no reader of
      the letter knows it without an earlier sentence (not in ``given``: what the whole call
      takes as known, the respondent itself): "The readings are sent off, but ..." after a
      sentence about Speed Watch. "The fund opened in July, and we did not hear the outcome"
      says whose outcome.

    The target's names and the call's places (``stop_words``) are known. A subject that a
    clause specifies ("The difficulty is that ...") does not point back.

    >>> leaning_definite("The readings are sent off, but our volunteers never hear back.",
    ...                  frozenset({"watch", "vehicle"}), frozenset())
    'the readings'
    >>> leaning_definite("The police were slow to respond.", frozenset(), frozenset(),
    ...                  frozenset({"police"})) is None
    True
    """
    for lemma, word, subject in _unknown(reading_of(text), stop_words, given):
        if subject or lemma in previous_nouns:
            return f"the {word}"
    return None


def _definites(doc: Doc) -> tuple[tuple[str, str, bool], ...]:
    found: list[tuple[str, str, bool]] = []
    named: set[str] = set()  # nouns, names and verbs before ("charging ... the charge")
    anchors = False  # a noun or name before: what "the outcome" may be the outcome of
    for token in doc:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma not in named and token.lower_ not in KNOWN_DEFINITES \
                and _bare(token):
            leans = _is_subject(token) if token.dep_ in {"nsubj", "nsubjpass"} else not anchors
            found.append((lemma, token.lower_, leans))
        if token.pos_ in {"NOUN", "PROPN", "VERB"}:
            named.add(lemma)
        anchors = anchors or token.pos_ in {"NOUN", "PROPN"}
    return tuple(found)


def _bare(noun: Any) -> bool:
    """"the <noun>" with nothing that says which: no other word in its phrase but a
    non-restrictive relative clause (", which the Commissioner funded, ...": it adds, not picks)."""
    doc = noun.doc
    if noun.i == 0 or doc[noun.i - 1].lower_ != "the" or doc[noun.i - 1].head != noun:
        return False
    for child in noun.children:
        if child.i == noun.i - 1 or child.dep_ == "punct":
            continue
        if child.dep_ == "relcl" and child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ",":
            continue
        return False
    return True


def _is_subject(noun: Any) -> bool:
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    # "The difficulty is that ...", "the result was that ...": the clause says which
    head = noun.head
    return not (head.lemma_ == "be" and any(c.dep_ in {"ccomp", "attr"} and
                                            any(g.dep_ == "mark" for g in c.children)
                                            for c in head.children))


#: a noun that at least this many submissions first mention as a bare "the <noun>" is known to
#: every reader of the call ("the police", "the county", "the force"): no earlier sentence needed
COMMON_GROUND = 3
_WORD = re.compile(r"[a-z][a-z'-]*")


def common_ground(statements: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Nouns the call takes as known: those that at least :data:`COMMON_GROUND` submissions
    first mention as "the <noun>" with nothing before that introduces them. ``statements`` are
    (submission id, text) in the order of each submission. A word of one respondent ("the
    readings") or one that each respondent introduces first ("a charge ... the charge") is not."""
    texts: dict[str, list[str]] = {}
    for submission, text in statements:
        texts.setdefault(submission, []).append(fold(str(text)).lower())
    counts: dict[str, int] = {}
    for parts in texts.values():
        words = _WORD.findall(" ".join(parts))
        first: dict[str, bool] = {}
        for i, word in enumerate(words):
            for key in {word, word.removesuffix("s")}:
                first.setdefault(key, i > 0 and words[i - 1] == "the")
        for key, bare in first.items():
            counts[key] = counts.get(key, 0) + bare
    return frozenset(key for key, n in counts.items() if n >= COMMON_GROUND)


def respondent_words(organisation: str) -> frozenset[str]:
    """The words of a respondent's own name ("the branch" in a staff branch's statement, "the
    council" in a council's): what it calls itself needs no earlier sentence."""
    return frozenset(w for w in _WORD.findall(fold(organisation).lower()) if len(w) > 3)


def _subject(doc: Doc) -> tuple[Word, tuple[Word, ...]] | None:
    chunk = next((c for c in doc.noun_chunks if c.root.dep_ in {"nsubj", "nsubjpass"}), None)
    if chunk is None:
        return None
    root = chunk.root
    return (root.text, root.pos_, root.lower_), tuple((t.text, t.pos_, t.lower_) for t in chunk)


def clause_subject(text: str) -> tuple[Word, tuple[Word, ...]] | None:
    """The first noun chunk of ``text`` that is a clause's subject, as (text, pos, lower) of its
    root and of each of its words; None when no chunk is a subject."""
    return reading_of(text).subject
