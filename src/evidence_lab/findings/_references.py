"""Does a statement stand on its own? Find references it leaves to an earlier sentence.

A lead sentence in a letter must make sense without the respondent's previous sentence: "whilst
they appreciated that letter", "it has undone some of that progress" and "they wrote to the
Commissioner about it" all point back to something the reader of the letter never saw. A
statement is *self-contained* when none of these is found (by the bundled spaCy parse):

- a demonstrative determiner ("that letter", "these changes"), except before words that point
  at the review itself or at time ("this review", "this year", "that time");
- a demonstrative pronoun ("This was ...", "about that"), except "those who/which/that";
- "it"/"its" with no singular common noun before it in the sentence (an opening phrase such as
  "To our knowledge" does not count), or a third-person
  "they/them/their" with no plural noun before it (a person's name is no antecedent for "it"),
  except an opening "It" that only introduces a clause ("It would help if ...", "It is clear
  that ...");
- "such", "the latter", "the former";
- "one" standing for a noun ("adding one");
- a connective that carries on an earlier argument ("therefore", "moreover", "similarly").

First-person "we/our" are not references: the reported voice turns them into the respondent.

A statement can also stand without a reference and still not say what it is about ("Nobody from
the office attended, and we did not receive an apology": attended what?), or open on a short
"the strategy" that the sentence before named in full. :func:`lead_context`
reads such a *thin* statement (fewer than :data:`MIN_SUBJECT_WORDS` nouns or names beyond the
target's own) together with the statement before it, and so does it for one with an unresolved
reference: the pair can lead when it stands alone and names its subject; otherwise the statement
can support a finding but not lead it.
"""

from __future__ import annotations

from functools import lru_cache

from ..nlp import load_pipeline

#: nouns after this/that/these/those that need no earlier sentence
DEICTIC_NOUNS = frozenset({
    "year", "years", "month", "months", "week", "weeks", "time", "morning", "spring", "summer",
    "autumn", "winter", "review", "call", "inquiry", "submission", "response", "evidence", "panel",
    "panel's", "scrutiny", "consultation", "stage", "point", "day", "quarter", "financial",
})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_THIRD_PERSON = frozenset({"it", "its", "they", "them", "their", "theirs"})
#: connectives that carry on an argument made before ("The council therefore ...")
_CARRY_ON = frozenset({"therefore", "thus", "hence", "consequently", "furthermore", "moreover",
                       "likewise", "similarly", "meanwhile", "instead", "nevertheless"})
_CLAUSE_OPENERS = frozenset({"that", "if", "to", "whether", "when", "how", "because"})
#: a lead names what it is about with at least this many nouns or names beyond the target's
MIN_SUBJECT_WORDS = 2
#: the statement before a lead may lend it context when it is no longer than this (words)
MAX_CONTEXT_WORDS = 35


@lru_cache(maxsize=4096)
def unresolved_reference(text: str) -> str | None:
    """The first word of ``text`` that refers back to an earlier sentence, or None if it stands alone.

    >>> unresolved_reference("Whilst we appreciated that letter, it does not explain the delay.")
    'that letter'
    >>> unresolved_reference("The fund closed early and we could not bid.") is None
    True
    """
    doc = load_pipeline("parse")(" ".join(text.split()))
    seen_thing = seen_plural = False  # an earlier noun "it" / "they" can point to
    # nouns of an opening phrase ("To our knowledge, it ...") are no antecedent
    opening = {t.i for t in doc[0].subtree} if len(doc) and doc[0].dep_ == "prep" else set()
    for i, token in enumerate(doc):
        word = token.lower_
        if word in _DEMONSTRATIVES and token.tag_ == "DT":
            following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            if token.dep_ == "det":
                if token.head.lower_ not in DEICTIC_NOUNS:
                    return f"{token.text} {token.head.text}"
            elif not (word == "those" and following in {"who", "which", "that", "whose"}):
                return token.text
        elif word in _CARRY_ON or word in {"such", "latter", "former"} and token.dep_ in {"amod", "det", "predet",
                                                                      "nsubj", "pobj", "dobj"}:
            return token.text
        elif word in _THIRD_PERSON and token.tag_ in {"PRP", "PRP$"}:
            if i == 0 and word == "it" and any(t.lower_ in _CLAUSE_OPENERS for t in doc[1:]):
                continue  # "It would help if ...": introduces a clause, refers to nothing
            if not (seen_thing if word in {"it", "its"} else seen_plural):
                return token.text
        elif word == "one" and token.dep_ in {"dobj", "pobj", "nsubj", "nsubjpass"}:
            return token.text  # "adding one": one of what?
        if token.i in opening:
            continue
        seen_thing = seen_thing or (token.tag_ == "NN" and word not in DEICTIC_NOUNS)
        seen_plural = seen_plural or token.tag_ in {"NNS", "NNPS"}
    return None


def self_contained(text: str) -> bool:
    """True when ``text`` has no :func:`unresolved_reference`."""
    return unresolved_reference(text) is None


def content_words(texts: list[str], stop_words: frozenset[str]) -> list[frozenset[str]]:
    """Per text, the lemmas of its nouns and names ("newsletter", "charge", "july"), less
    ``stop_words`` (the target's own names, the call's place names): what a statement is about."""
    nlp = load_pipeline("parse")
    out = []
    for doc in nlp.pipe([" ".join(t.split()) for t in texts], batch_size=64):
        out.append(frozenset(t.lemma_.lower() for t in doc
                             if t.pos_ in {"NOUN", "PROPN"} and len(t.text) > 2 and not t.is_stop
                             and t.lemma_.lower() not in stop_words
                             and t.lower_ not in stop_words))
    return out



def lead_context(text: str, previous: str, stop_words: frozenset[str]) -> str | None:
    """What a lead needs from before it: "" when ``text`` stands alone and names its subject,
    ``previous`` when the two read together do (and ``previous`` stands alone), None when
    neither: then ``text`` cannot lead.

    >>> lead_context("Nobody from the office attended, and we did not receive an apology.",
    ...              "We invited the office to our annual general meeting in May.",
    ...              frozenset({"office"}))
    'We invited the office to our annual general meeting in May.'
    """
    def named(words: frozenset[str]) -> bool:
        return len(words) >= MIN_SUBJECT_WORDS

    own, before = content_words([text, previous or ""], stop_words)
    if self_contained(text) and named(own) and not _echoes(text, before):
        return ""
    previous = " ".join((previous or "").split())
    if not previous or len(previous.split()) > MAX_CONTEXT_WORDS or previous.endswith((":", "?")) \
            or not self_contained(previous) or not named(own | before):
        return None
    return previous if self_contained(f"{previous} {text}") else None


def _echoes(text: str, before: frozenset[str]) -> bool:
    """True when ``text`` opens on a bare "the <noun>" that the sentence before named in full
    ("Without the strategy, ..." after "the rural crime strategy has not been published"): the
    short form points back to it, as "it" would."""
    doc = load_pipeline("parse")(" ".join(text.split()))
    chunk = next(iter(doc.noun_chunks), None)
    if chunk is None or len(chunk) != 2 or chunk[0].lower_ != "the":
        return False
    head = chunk.root
    return head.pos_ == "NOUN" and head.lower_ not in DEICTIC_NOUNS \
        and head.lemma_.lower() in before and not any(c.dep_ == "prep" for c in head.children)
