"""Draft recommendations: the panel's requests of the target, each answering its findings.

Every concern that several organisations raise (a *major* concern: a negative finding of two or
more organisations, and the strongest concern of each theme) gets at least one recommendation,
and every recommendation cites the findings it answers in ``finding_ids``. Where the evidence
itself asks for something that answers a concern's lead, on the concern's theme (close to the
lead, :data:`ANSWER_SIMILARITY`, and about something the lead names), the request is reused in
the panel's form, "That the Commissioner publishes ...", cut to its one request. Where nobody
asked for anything that answers it, the recommendation is a short remedy built from the concern
itself (:mod:`._remedy`). Requests that lean on an earlier sentence ("publish it") are not reused.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import numpy as np
import pandas as pd

from ..codebook import Codebook
from ..vocabulary import ORGANISATION_WORDS, vocabulary_of
from ._common import CLAIM_SIMILARITY, quotes_for, record, share_a_word, who_phrase
from ._complaints import COMPLAINTS
from ._references import (
    Check,
    content_words,
    reading_of,
    run_checks,
    run_remembered,
    self_contained,
)
from ._remedy import GENERAL_WORDS, remedy, word_stems
from ._rewrite import to_reported_speech

#: cosine similarity of a request to a concern's *lead* statement at or above which (and with a
#: noun or name in common with the lead) the request answers that concern; only concerns on the
#: request's own theme are considered. On the sample call the requests that answer a concern's
#: lead sit at 0.33-0.62, while a request only loosely related to it (the integrated care board's
#: "board" for a partnership's board, 0.30) or close only to one of its other statements sits
#: below (docs/draft.md)
ANSWER_SIMILARITY = 0.33
MAX_RECOMMENDATIONS = 12
#: a concern is answered by at most this many of the evidence's requests (the letter asks for
#: the two most widely made, not every variation on them)
MAX_PER_CONCERN = 2
#: the most words an action runs to after "That the <target>" (whole clauses are kept)
MAX_ACTION_WORDS = 32
#: a request the respondent disowns ("we do not suggest the Commissioner should ...")
_NEGATED = re.compile(r"\b(?:not|never|nor|no longer)\b[^.;]{0,40}?\b(?:suggest|should|must|needs?|"
                      r"ask|recommend|want)\b|\b(?:should|must)\s+not\b|\bshouldn't\b",
                      re.IGNORECASE)
_IRREGULAR = {"be": "is", "have": "has", "do": "does", "go": "goes"}


def third_person(verb: str) -> str:
    """``publish`` -> ``publishes``, ``carry`` -> ``carries``: the verb after "That the X"."""
    verb = verb.lower()
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def action_phrase(statement: str, codebook: Codebook) -> str | None:
    """What ``statement`` asks the target to do, phrased to follow "That the <target> ...".

    None when the statement asks nothing that can stand in a letter on its own.
    """
    return run_checks([action_check(statement, codebook)])[0]


def action_check(statement: str, codebook: Codebook) -> Check[str | None]:
    """:func:`action_phrase` as a :data:`._references.Check`, so that many requests are parsed
    together: the statement, then the action after "They" (when it opens "have ..."), after
    "They will", after "She" (:func:`one_request`), then the action itself."""
    vocabulary = vocabulary_of(codebook)
    if _NEGATED.search(statement):
        return None
    yield [statement]
    if not self_contained(statement):
        return None
    action = vocabulary.requests.requested_action(statement)
    if action is None:
        return None
    action = to_reported_speech(action)
    if action.startswith("considers "):  # "would welcome X": X is a noun phrase or "the PCC doing"
        wanted = re.sub(rf"^{vocabulary.target.subject}(?:'s|’s)?\s+", "", action[len("considers "):],
                        flags=re.IGNORECASE)
        action = wanted if wanted != action[len("considers "):] else "considers providing " + wanted
    # "should have given more notice": asked after the fact, so asked for the future
    occasion = ""
    if action.startswith("have "):
        yield [f"They {action}"]
        done = reading_of(f"They {action}").third
        if done is not None and done[1] == "VBN":
            occasion, action = "in future, ", done[2] + action[len("have ") + len(done[0]):]
    # parsed after "will", a verb opening the action is tagged as the base form it is
    yield [f"They will {action}"]
    text, tag, lemma = reading_of(f"They will {action}").third or ("", "", "")
    if tag in {"VB", "VBG", "VBP"}:
        action = third_person(lemma) + action[len(text):]
        # "to explain X, and to work with Y" -> "explains X, and works with Y"
        action = re.sub(r"\b(and|or) to (\w+)", lambda m: f"{m.group(1)} {third_person(m.group(2))}",
                        action)
    elif tag != "VBZ" and not action.startswith("considers "):
        action = "considers " + action
    if len(action.split()) < 4:
        return None
    action = _first_ask(action)
    yield [f"She {action}"]
    action = _one_ask(action)
    yield [action]
    if not self_contained(action):
        return None
    return occasion + _short(action)


#: an action that opens with the occasions it applies to ("for future closures, gives ...",
#: "in future, consults ..."): the letter puts them before the target
_OCCASION = re.compile(r"^((?:for future [^,]+|in future),)\s+(.+)$")


def recommendation_text(target_title: str, action: str) -> str:
    """The recommendation in the panel's form: "That the Commissioner publishes X." An action
    for future occasions reads as a commitment for them: "That, for future closures, the
    Commissioner gives partners more notice." (never more notice of what has already happened)."""
    opening = _OCCASION.match(action)
    if opening:
        return f"That, {opening.group(1)} the {target_title} {opening.group(2)}."
    return f"That the {target_title} {action}."


_KIND_WORDS = frozenset(w.lower() for w in ORGANISATION_WORDS)


def own_named(action: str, statement: str, organisation: str) -> str:
    """A request of one organisation, with its words for itself named for the letter's reader:
    "the partnership" (a word of its own name) becomes the organisation, and "their board" (its
    "our board") "its board", or "<organisation>'s board" where it is not named before.

    >>> own_named("considers providing a named contact for the partnership and attendance at "
    ...           "their board", "We would welcome a named contact for the partnership and "
    ...           "attendance at our board.", "Harlow Fen Community Safety Partnership")
    'considers providing a named contact for Harlow Fen Community Safety Partnership and attendance at its board'
    """
    own = {w.lower() for w in re.findall(r"[A-Za-z]+", organisation)} & _KIND_WORDS
    named = False
    if own:
        itself = re.compile(rf"\bthe ({'|'.join(sorted(own))})\b")
        if itself.search(action):
            action, named = itself.sub(organisation, action, count=1), True
    ours = {m.lower() for m in re.findall(r"\bour (\w+)", statement, flags=re.IGNORECASE)}

    def theirs(match: re.Match[str]) -> str:
        nonlocal named
        if match.group(1).lower() not in ours:
            return match.group(0)  # someone else's: "volunteers and their data"
        owner = "its" if named else f"{organisation}'s"
        named = True
        return f"{owner} {match.group(1)}"

    return re.sub(r"\btheir (\w+)", theirs, action)


#: where a request's first ask ends: a second ask (", and funds ...", "; and ..."), or the
#: reasons and asides after it (", which would ...", "so that ...", "because ...")
_SECOND_ASK = re.compile(r"\s*(?:;|,\s+(?:and|as well as|while|whilst|which|because|as|since|"
                         r"in order to)\b|,?\s+(?:so that|so as to|because|given that)\b)",
                         re.IGNORECASE)


def one_request(action: str) -> str:
    """``action`` cut to its first ask, without the reasons given for it: "publishes the
    timetable before each round opens, and considers two-year awards so that partners can plan"
    -> "publishes the timetable before each round opens". An alternative the respondent offers
    (", or ...") is part of the one request and stays.

    >>> one_request("publishes the rural crime strategy, which would give a basis for progress")
    'publishes the rural crime strategy'
    """
    return _one_ask(_first_ask(action))


def _first_ask(action: str) -> str:
    cut = _SECOND_ASK.search(action)
    return action[:cut.start()].rstrip(" ,") if cut and cut.start() > 0 else action


def _one_ask(action: str) -> str:
    # "publishes X, consults Y": a verb in the third person after a comma is a second ask
    comma = reading_of(f"She {action}").second_verb
    return action if comma is None else action[:comma - len("She ")].rstrip(" ,")


def _short(action: str) -> str:
    """``action`` cut to its clauses that fit :data:`MAX_ACTION_WORDS` (a recommendation is one
    short sentence): "publishes X, and considers Y, and ..." keeps "publishes X, and considers Y"."""
    if len(action.split()) <= MAX_ACTION_WORDS:
        return action
    clauses = re.split(r",\s+(?=(?:and|or)\s)", action)
    kept = clauses[0]
    for clause in clauses[1:]:
        if len(f"{kept}, {clause}".split()) > MAX_ACTION_WORDS:
            break
        kept = f"{kept}, {clause}"
    return kept


def _asks(frame: pd.DataFrame, eligible: pd.Series, codebook: Codebook) -> pd.Series:
    """Per row: the action it asks for (None when it asks nothing reusable)."""
    requests = vocabulary_of(codebook).requests
    asking = eligible & frame["text"].map(lambda t: requests.anywhere.search(t) is not None)
    actions = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    rows = np.flatnonzero(asking.to_numpy())
    # parsed in batches, step by step across the requests (:func:`action_check`); a review keeps
    # the answers by statement and the patterns the check reads (stored_readings)
    vocabulary = vocabulary_of(codebook)
    patterns = hashlib.sha1(repr([requests.opening.pattern, requests.anywhere.pattern,
                                  [(p.pattern, form) for p, form in requests.asks],
                                  vocabulary.target.subject]).encode("utf-8")).hexdigest()
    texts = frame["text"].to_numpy()
    found = run_remembered("action", [[texts[i], patterns] for i in rows],
                           lambda todo: (action_check(texts[rows[j]], codebook) for j in todo))
    for i, action in zip(rows, found, strict=True):
        actions.iloc[i] = action
    return actions


def _request_claims(frame: pd.DataFrame, vectors: np.ndarray, candidates: np.ndarray,
                    stop_words: frozenset[str] = frozenset()) -> list[list[int]]:
    """Requests grouped like claims: the request with the most organisations asking much the same
    (:data:`CLAIM_SIMILARITY`, and a word in common beyond the target's names: "a named OPCC
    contact" and "a clear timetable from the OPCC" are two requests) first; each group lists its
    lead request first."""
    orgs = frame["organisation"].to_numpy()
    free = np.ones(len(candidates), dtype=bool)
    words = [w - GENERAL_WORDS for w in _topics(frame, [int(c) for c in candidates], stop_words)]
    close = ((vectors[candidates] @ vectors[candidates].T) >= CLAIM_SIMILARITY) & \
        (share_a_word(words) | np.eye(len(candidates), dtype=bool))
    groups = []
    while free.any():
        best = max(np.flatnonzero(free), key=lambda i: (len(set(orgs[candidates[close[i] & free]])),
                                                        -int(candidates[i])))
        near = close[best] & free
        groups.append([int(candidates[best])] + [int(c) for c in candidates[near] if c != candidates[best]])
        free &= ~near
    return groups


def _cited(frame: pd.DataFrame, vectors: np.ndarray, group: list[int], findings: pd.DataFrame,
           position: dict[str, int], stop_words: frozenset[str]) -> list[str]:
    """The concerns on the request's theme whose lead it answers, closest first: its lead
    request is at least :data:`ANSWER_SIMILARITY` close to the concern's lead statement and
    names something the lead names (a noun or name in common). A request close only to one of a
    concern's other statements, or on another theme, does not answer it."""
    theme = frame["primary_theme"].iloc[group[0]]
    concerns = findings[(findings["stance"] == "negative") & (findings["theme"] == theme)]
    if concerns.empty:
        return []
    leads = [position[f["segment_ids"][0]] for _, f in concerns.iterrows()]
    asked, *about = _topics(frame, [group[0], *leads], stop_words)
    closeness = vectors[leads] @ vectors[group[0]]
    asked = asked - GENERAL_WORDS  # "time" in "response times" and "waiting times" is no link
    answered = [(float(c), f) for c, f, words in zip(closeness, concerns["finding_id"], about,
                                                      strict=True)
                if c >= ANSWER_SIMILARITY and asked & words]
    return [f for _, f in sorted(answered, key=lambda pair: -pair[0])]


def draft_recommendations(frame: pd.DataFrame, vectors: np.ndarray, eligible: pd.Series,
                          findings: pd.DataFrame, codebook: Codebook,
                          all_orgs: pd.DataFrame, contexts: pd.Series | None = None,
                          given: pd.Series | None = None) -> list[dict]:
    """Recommendation records (see :func:`._common.record`), each citing the findings it answers.

    The evidence's own requests come first, those asked by the most organisations first; then
    every major concern no request answers gets one asking the target to respond to it, built
    from its lead read with the sentence its lead needs (``contexts``, per row, as the findings
    read it) and naming its subject as the evidence does (``given``: per row, the nouns a reader
    knows without an earlier sentence). Two concerns that take the same remedy share one
    recommendation citing both.
    """
    if findings.empty:
        return []
    actions = _asks(frame, eligible, codebook)
    candidates = np.flatnonzero(actions.notna().to_numpy())
    labels = dict(zip(findings["theme"], findings["theme_label"], strict=False))
    records: list[dict] = []
    position = {s: i for i, s in enumerate(frame["segment_id"])}  # a segment's row in frame
    stop_words = vocabulary_of(codebook).stop_words
    for group in _request_claims(frame, vectors, candidates, stop_words) if len(candidates) else []:
        cites = _cited(frame, vectors, group, findings, position, stop_words)
        answers = Counter(f for r in records for f in r["finding_ids"])
        cites = [f for f in cites if answers[f] < MAX_PER_CONCERN]
        if not cites or len(records) == MAX_RECOMMENDATIONS:
            continue
        rows = frame.iloc[sorted(group)]
        theme = frame["primary_theme"].iloc[group[0]]
        asked = str(actions.iloc[group[0]])
        if rows["organisation"].nunique() == 1:  # its "our board" is its own, and says whose
            asked = own_named(asked, str(frame["text"].iloc[group[0]]),
                              str(frame["organisation"].iloc[group[0]]))
        text = recommendation_text(codebook.target.title, asked)
        records.append(record("recommendation", theme, labels.get(theme, theme), "request", text,
                              rows, who_phrase(rows, all_orgs, codebook)[1],
                              quotes_for(group, frame, 1), frame["segment_id"].iloc[group[0]], cites))
    answered = {f for r in records for f in r["finding_ids"]}
    for _, concern in _major_concerns(findings).iterrows():
        if concern["finding_id"] in answered:
            continue
        members = [position[s] for s in concern["segment_ids"] if s in position]
        rows = frame.iloc[members]
        shared = frozenset().union(*_topics(frame, members[1:], stop_words)) if len(members) > 1 \
            else frozenset()
        lead = frame["text"].iloc[members[0]]
        context = contexts.iloc[members[0]] if contexts is not None else None
        if context is None and not self_contained(lead) and "previous_text" in frame.columns:
            context = frame["previous_text"].iloc[members[0]] or ""  # "It has not ..."
        if context and not self_contained(lead):
            lead = f"{context} {lead}".strip()
        evidence = [context or "", *(frame["heading"].iloc[m] if "heading" in frame.columns
                                     else "" for m in members[:1]),
                    *frame["text"].iloc[members[1:]]]
        action = remedy(lead, shared, stop_words,
                        given.iloc[members[0]] if given is not None else frozenset(),
                        [str(e) for e in evidence if isinstance(e, str) and e],
                        _named_by_all(frame, members, lead)) \
            or _general_point(str(concern["text"]), codebook.target.title)
        if action is None:  # nothing specific to ask: the finding stands without one of its own
            continue
        text = recommendation_text(codebook.target.title, action)
        same = next((r for r in records if r["text"] == text), None)
        if same is not None:  # one remedy for two concerns: one recommendation citing both
            same["finding_ids"] = [*same["finding_ids"], concern["finding_id"]]
            continue
        records.append(record("recommendation", concern["theme"], concern["theme_label"], "request",
                              text, rows, who_phrase(rows, all_orgs, codebook)[1],
                              quotes_for(members, frame, 1), "answer:" + concern["finding_id"],
                              [concern["finding_id"]]))
    return records


def _named_by_all(frame: pd.DataFrame, members: list[int], lead: str) -> frozenset[str] | None:
    """The words (stems) every organisation of a concern uses in its statements, each read
    with the sentence before it when it leans on it ("We are still waiting for it."; the lead
    with its context), so that its remedy asks about what they all complained of ("the decision
    to charge partners" names the charge); None for a concern of one organisation, whose
    particulars are its own to ask about."""
    orgs = frame["organisation"].iloc[members].to_numpy()
    if len(set(orgs)) < 2:
        return None
    previous = frame["previous_text"] if "previous_text" in frame.columns else \
        pd.Series("", index=frame.index)
    texts = [lead]
    for m in members[1:]:
        text, before = str(frame["text"].iloc[m]), previous.iloc[m]
        texts.append(f"{before} {text}" if isinstance(before, str) and before
                     and not self_contained(text) else text)
    named: dict[str, frozenset[str]] = {}
    for org, text in zip(orgs, texts, strict=True):  # by word stems: no parse (a review re-runs this)
        named[org] = named.get(org, frozenset()) | word_stems(text)
    return frozenset.intersection(*named.values())


def _general_point(finding_text: str, target_title: str) -> str | None:
    """The general form of the point of a finding widened by a kind of complaint (true of every
    organisation it names), or None: a concern with no specific remedy takes no vague one."""
    kind = next((c for c in COMPLAINTS if c.stance == "negative" and c.general
                 and f" that {c.point.format(target=f'the {target_title}')}: for example"
                 in finding_text), None)
    return kind.general if kind is not None else None


def _topics(frame: pd.DataFrame, rows: list[int], stop_words: frozenset[str]) -> list[frozenset[str]]:
    return content_words([frame["text"].iloc[i] for i in rows], stop_words)


def _major_concerns(findings: pd.DataFrame) -> pd.DataFrame:
    """Negative findings of two or more organisations, plus each theme's strongest concern."""
    if findings.empty:
        return findings
    negative = findings[findings["stance"] == "negative"]
    first = negative.groupby("theme", sort=False).head(1)
    major = negative[(negative["n_organisations"] >= 2) | negative.index.isin(first.index)]
    return major.sort_values(["n_organisations", "weight"], ascending=False, kind="stable")
