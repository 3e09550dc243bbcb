"""Learn who holds the target's office from the evidence itself ("Commissioner Jane Doe").

A codebook may list the target's office holders; the default one cannot know them, and a panel's
evidence often names the Commissioner by name alone after one introduction ("Police and Crime
Commissioner Martin Hale opened the hub. Mr Hale said ..."). Without the name, every later
statement about "Mr Hale" reads as being about nobody, and its praise or criticism is lost.

Only strict appositions with one of the target's own names count, and the name must be a person
to the bundled spaCy entity recogniser:

- the target's name right before a name: "Police and Crime Commissioner Jane Doe",
  "PCC Jane Doe" ("Assistant Commissioner" is a police rank, so "Assistant ..." and "Deputy ..."
  count only where the codebook lists them among the target's names);
- the target's name, a comma, then a titled name: "the Commissioner, Mr Ron Hale,";
- a name, a comma and the target's name closing the phrase: "Jane Doe, the Police and Crime
  Commissioner, said ...".

Learned names are added to the target's ``office_holders`` for this run only (mentions, the
letter's kept names); the fitted models never see them, so their cache keys do not change. An
office holder is a public figure, so, like a codebook's office holders, the name is not redacted.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from .codebook import Codebook, Target

_PERSON_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Dame|Sir|Lord|Lady|Councillor|Cllr)\.?"
# "O'Brien", "McCall" and "Smith-Jones" are one name each; "Doe's" is a name and a possessive
_WORD = r"(?:[A-Z]['’]|Ma?c)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
#: one to three capitalised words, with an optional title before them
_NAME = rf"(?P<name>(?:{_PERSON_TITLES}\s+)?{_WORD}(?:\s+{_WORD}){{0,2}})"
#: what may follow a name that closes an apposition ("..., the Commissioner, said")
_CLOSES = r"(?=\s*[,.;:)]|\s+(?:said|says|told|has|had|is|was|added|explained|announced|wrote))"
#: texts a learner reads at most (the introduction of a name comes early in a call's evidence)
MAX_SNIPPETS = 400


def _target_names(target: Target) -> str:
    # the office's own names, not generic references ("the office") or the office's acronym
    # ("OPCC" names the office, not a person)
    names = [n for n in (target.name, *target.aliases) if n.strip() and not n.upper().startswith("O")]
    return "|".join(r"\s+".join(re.escape(w) for w in n.split())
                    for n in sorted(names, key=len, reverse=True))


def apposition_patterns(target: Target) -> list[re.Pattern[str]]:
    """The three apposition patterns for ``target`` (group ``name`` is the person)."""
    names = _target_names(target)
    if not names:
        return []
    office = rf"(?i:{names})"
    return [
        re.compile(rf"(?<![Dd]eputy\s)(?<![Aa]ssistant\s)\b{office}\s+{_NAME}\b(?!\s+(?:and|&)\b)"),
        re.compile(rf"(?<![Dd]eputy\s)(?<![Aa]ssistant\s)\b{office},\s+(?=(?:{_PERSON_TITLES})\s){_NAME}\b"),
        re.compile(rf"\b{_NAME},\s+(?:the\s+)?(?:\w+(?:'s|’s)\s+)?{office}\b{_CLOSES}"),
    ]


def candidate_names(target: Target, texts: Iterable[str]) -> list[tuple[str, int, int]]:
    """``(text, start, end)`` of each name an apposition pattern finds, in reading order."""
    patterns = apposition_patterns(target)
    found: list[tuple[str, int, int]] = []
    for text in texts:
        if len(found) >= MAX_SNIPPETS:
            break
        for pattern in patterns:
            found.extend((text, m.start("name"), m.end("name")) for m in pattern.finditer(text))
    return found


def _is_person(candidates: list[tuple[str, int, int]]) -> list[str]:
    """The candidates the entity recogniser reads as a person, as written in the text."""
    from .nlp import load_pipeline

    windows = [(text[max(0, s - 120):e + 120], s - max(0, s - 120), e - max(0, s - 120))
               for text, s, e in candidates]
    nlp = load_pipeline("entities")
    people = []
    for doc, (_, start, end) in zip(nlp.pipe(w for w, _, _ in windows), windows, strict=True):
        if any(ent.label_ == "PERSON" and ent.start_char < end and ent.end_char > start
               for ent in doc.ents):
            people.append(doc.text[start:end])
    return people


def _bare(name: str) -> str:
    """A name without its title when a first name remains ("Mr Ron Hale" -> "Ron Hale")."""
    words = name.split()
    if re.fullmatch(_PERSON_TITLES, words[0]) and len(words) >= 3:
        return " ".join(words[1:])
    return name


def learn_office_holders(target: Target, texts: Iterable[str]) -> tuple[str, ...]:
    """Names the evidence introduces as holding ``target``'s office, not already known."""
    known = {n.lower() for n in target.all_names()}
    candidates = candidate_names(target, texts)
    if not candidates:
        return ()
    names = dict.fromkeys(_bare(n) for n in _is_person(candidates))
    return tuple(n for n in names if n.lower() not in known)


def with_holders(codebook: Codebook, names: Iterable[str]) -> Codebook:
    """``codebook`` with ``names`` added to its target's office holders (itself when none is new)."""
    known = set(codebook.target.office_holders)
    extra = tuple(n for n in dict.fromkeys(names) if n not in known)
    if not extra:
        return codebook
    target = dataclasses.replace(codebook.target,
                                 office_holders=(*codebook.target.office_holders, *extra))
    return dataclasses.replace(codebook, target=target)


def with_learned_holders(codebook: Codebook, texts: Iterable[str]) -> Codebook:
    """``codebook`` with the office holders its evidence introduces added to its target."""
    return with_holders(codebook, learn_office_holders(codebook.target, texts))
