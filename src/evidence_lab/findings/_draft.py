"""Draft findings and recommendations from analysed segments, every sentence traceable.

A finding is one *claim*: a point several statements make. Statements are grouped by theme and
polarity (criticism of the target, or praise of it), and a statement joins a claim only when it
is itself close to the claim's lead statement (cosine similarity of their embeddings at least
:data:`CLAIM_SIMILARITY`, checked statement by statement, never against a cluster centre) and
shares a noun or name with it (the newsletter, the charge, July). So an
organisation is named and counted only when one of its own statements makes the point, and a
claim made by one organisation says so ("One council, ...").

Polarity must be earned: a statement counts as praise only when the stance model found an
evaluative word of praise in it (``[praise]`` in ``stance_evidence``), so a plain fact about a
charge or a date never becomes a "strength". The lead is the clearest self-contained statement
of the claim (see :mod:`._references`), rewritten in the panel's reporting voice; the tally of
stances goes to the ``stance_balance`` column, not into the prose. Draft recommendations come
from the evidence's own requests and each cites the findings it answers (:mod:`._recommend`).
No language model is used: selection is by embeddings and rules, so every claim can be traced.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import islice

import numpy as np
import pandas as pd

from .._folding import fold
from ..codebook import OTHER_THEME, Codebook
from ..embed import Embeddings
from ..nlp import load_pipeline
from ..vocabulary import vocabulary_of
from ._common import (
    CLAIM_SIMILARITY,
    FINDING_COLUMNS,
    NAMED_AT_MOST,
    described_by_kind,
    org_list,
    quotes_for,
    record,
    share_a_word,
    who_phrase,
)
from ._complaints import NAMED, complaint, complaints_in, praised_subject
from ._evaluation import JUDGING, evaluates
from ._quantifiers import number_word
from ._recommend import draft_recommendations
from ._references import (
    clause_subject,
    common_ground,
    content_words,
    lead_context_check,
    read_all,
    respondent_words,
    run_checks,
    run_remembered,
    speaks_to_someone,
)
from ._rewrite import to_reported_speech

MIN_WORDS = 6
LEAD_WORDS = (8, 50)
#: a lead's stance score must be at least this far from zero: a finding opens on a clear statement
LEAD_STRENGTH = 0.3  # and it must carry an evaluative cue (:func:`evaluative`) ...
CLEAR_CRITICISM = 0.5  # ... unless it is criticism scored at least this strongly  # a lead between these lengths reads as one sentence of a letter
#: claims per theme and polarity: a letter makes room for concerns before praise
MAX_PER_GROUP = {"negative": 4, "positive": 2}


@dataclass(frozen=True)
class Claim:
    """One point: its lead statement and every statement (row positions) that makes it."""

    lead: int
    members: np.ndarray
    polarity: str
    #: the kind of complaint (:data:`._complaints.COMPLAINTS`) that joined members beyond those
    #: close to the lead, "" when every member is close to it
    kind: str = ""


def polarity(frame: pd.DataFrame) -> pd.Series:
    """``positive`` (praise of the target), ``negative`` (criticism), or "".

    Praise of the target needs an evaluative word of praise and a mention of the target in the
    statement itself (a ``[target]`` span in ``stance_evidence``: its name, a pronoun or "the
    office" standing for it): "The Road Safety Partnership's operation was well run" praises a
    partner, "The pilot, funded by the Commissioner, was effective" what the target funded.

    Background is neither: a statement the stance model leans one way counts only when it
    carries a judgement of that polarity (:func:`._evaluation.evaluates`), so a fee, a date or
    what was funded never becomes a strength or a concern.
    """
    cues = frame.get("stance_evidence", pd.Series("", index=frame.index)).fillna("").astype(str)
    stance = frame["pcc_sentiment"]
    text = frame["text"].astype(str)
    # a word of praise the stance lexicon found, or one that judges beyond it ("listened")
    praise = (stance == "positive") & (cues.str.contains("[praise]", regex=False)
                                       | text.map(lambda t: JUDGING.search(t) is not None))
    mentions = cues.map(lambda c: tuple(part[:-len(" [target]")].strip() for part in c.split("; ")
                                        if part.endswith(" [target]")))
    # praise of the target, not of a third party: the statement itself names the target (or
    # refers to it: "she", "your office", "it" after a sentence naming it), so a partner's
    # operation, the force's team or a funded charity's own staff is no strength of the target's;
    # or it carries on the sentence before, which names the target, about no agent of its own
    # ("We asked the office for help." "The response was quick.": :func:`praise_lent`)
    praise &= mentions.map(bool) | praise_lent(frame, praise & ~mentions.map(bool))
    praise &= pd.Series([bool(t) and evaluates(t, "positive", m) for t, m
                         in zip(text.where(praise, ""), mentions, strict=True)], index=frame.index)
    # criticism whose only cue is a word of praise ("has improved") is a stance error, not a concern
    critical = ((stance == "negative") | ((stance == "mixed") & (frame["pcc_sentiment_score"] < 0))) \
        & ~(cues.str.contains("[praise]", regex=False) & ~cues.str.contains("[criticism]", regex=False))
    critical &= text.where(critical, "").map(lambda t: bool(t) and evaluates(t, "negative"))
    return pd.Series(np.select([praise, critical], ["positive", "negative"], ""), index=frame.index)


#: nouns for people and bodies: a statement whose subject is one of them praises that agent
#: ("The staff were kind", "Our volunteers ..."), not the target named in the sentence before
AGENTS = frozenset({
    "staff", "people", "person", "officer", "volunteer", "worker", "member", "resident", "team",
    "colleague", "partner", "adviser", "advisor", "coordinator", "manager", "chair", "inspector",
    "pcso", "constable", "sergeant", "nurse", "counsellor", "caseworker", "student", "pupil",
    "survivor", "victim", "family", "child", "parent", "user", "client", "police", "force",
    "charity", "council", "partnership", "organisation", "group", "agency", "provider",
    "everyone", "anyone", "nobody", "someone",
})
#: a pronoun subject that stands for what the sentence before named, not for a person
_THING_PRONOUNS = frozenset({"it", "this", "that"})


def praise_lent(frame: pd.DataFrame, candidates: pd.Series) -> pd.Series:
    """Per statement of ``candidates`` (praise that names no target), True when it praises what
    the target did in the sentence before it: that statement, in the same submission, names the
    target, and this one is about no agent of its own. Its subject is a thing ("The response
    was quick and practical", "The new lighting ... has been a real success", "It has been
    invaluable"), not a name ("The Road Safety Partnership's operation was well run"), a person
    or body ("The staff were kind", "Young people were positive") or "they"/"we"; so the praise
    is of what the target did, and the finding reads it with that sentence (:class:`Contexts`)."""
    out = pd.Series(False, index=frame.index)
    if "previous_text" not in frame.columns or not candidates.any():
        return out
    cues = frame.get("stance_evidence", pd.Series("", index=frame.index)).fillna("").astype(str)
    naming = {(sub, fold(str(t))) for sub, t, c in zip(frame["submission_id"], frame["text"], cues,
                                                       strict=True) if "[target]" in c}
    previous = frame["previous_text"].fillna("").astype(str)
    lent = candidates & pd.Series([(sub, fold(p)) in naming for sub, p in
                                   zip(frame["submission_id"], previous, strict=True)],
                                  index=frame.index)
    rows = np.flatnonzero(lent.to_numpy())
    read_all(frame["text"].iloc[rows])
    for i in rows:
        out.iloc[i] = not _agent_of_its_own(str(frame["text"].iloc[i]))
    return out


def _agent_of_its_own(text: str) -> bool:
    subject = clause_subject(text)
    if subject is None:
        return False
    (_, pos, lower), words = subject
    if pos == "PRON":
        return lower not in _THING_PRONOUNS
    return any(p == "PROPN" for _, p, _ in words) or lower in AGENTS or \
        lower.removesuffix("s") in AGENTS


#: how ingest names a respondent it knows only by an id ("Respondent 004_e2ef4a96")
PLACEHOLDER = "Respondent "

_FIRST_PERSON = re.compile(r"\b(?:we|our|ours|us|I|my|me)\b", re.IGNORECASE)


def speaks_of_itself(text: str, organisation: str) -> bool:
    """True when ``text`` is about its own respondent: "we", "our", or the respondent by the
    last word of its own name ("the council" in Calderwick Borough Council's statement, "the
    forum", "the Federation"), so its particulars are not credited to anyone else."""
    if _FIRST_PERSON.search(text):
        return True
    last = organisation.split()[-1] if organisation.split() else ""
    return len(last) > 3 and last.isalpha() and \
        re.search(rf"\bthe {re.escape(last)}\b", text, re.IGNORECASE) is not None


def lead_sentence(who: str, orgs: str, n_orgs: int, statement: str, stance: str, turn: int,
                  speaker: str = "", others: str = "", context: str = "",
                  organisation: str = "") -> str:
    """The lead in the panel's reporting voice; ``turn`` varies the frame between findings.

    The respondent's sentence becomes reported speech; a clause that opens with a name (a capital
    letter) follows "According to ..." rather than "said that". A statement about the respondent
    itself ("our business crime forum") is attributed to its ``speaker`` alone, the other
    organisations (``others``, e.g. "one other respondent (X)") as making a similar point, so no
    organisation is credited with another's forum (:func:`speaks_of_itself`: "our forum", or "the
    council" in ``organisation``'s own statement). ``context`` is the respondent's sentence before
    the statement when the statement needs it to be understood (:func:`._references.lead_context`):
    both are reported, in order.
    """
    clause = to_reported_speech(statement)
    if context:
        clause = f"{to_reported_speech(context)}, and {clause}"
    if n_orgs > 1 and speaker and speaks_of_itself(f"{context} {statement}", organisation):
        opener = f"According to {speaker}, {clause}" if clause[:1].isupper() else \
            f"{speaker[:1].upper()}{speaker[1:]} said that {clause}"
        return f"{opener}; {others} made a similar point."
    if clause[:1].isupper():
        return f"According to {who} ({orgs}), {clause}."
    if n_orgs == 1:
        named = who if who.lower().endswith(orgs.lower()) else f"{who}, {orgs},"
        if orgs.startswith(PLACEHOLDER) and who.lower().endswith("respondent"):
            named = f"{who} ({orgs[len(PLACEHOLDER):]})"  # "one respondent (004_e2ef4a96)"
        return f"{named[0].upper()}{named[1:]} said that {clause}."
    if stance == "positive":
        frames = ("It was recognised by {who} ({orgs}) that {clause}.",
                  "{Who} ({orgs}) said that {clause}.")
    else:
        frames = ("Evidence from {who} ({orgs}) suggested that {clause}.",
                  "{Who} ({orgs}) said that {clause}.")
    return frames[turn % 2].format(who=who, Who=who[0].upper() + who[1:], orgs=orgs, clause=clause)


def point_sentence(who: str, orgs: str, kind: str, target: str, speaker: str, statement: str,
                   context: str = "") -> str:
    """A finding widened by a kind of complaint: the point in words true of every organisation
    named (:attr:`._complaints.Complaint.point`), then the lead as its ``speaker``'s example, so
    no organisation is credited with another's particulars."""
    clause = to_reported_speech(statement)
    if context:
        clause = f"{to_reported_speech(context)}, and {clause}"
    example = f"according to {speaker}, {clause}" if clause[:1].isupper() else \
        f"{speaker} said that {clause}"
    if kind.startswith(NAMED):  # several praised one named service in their own words
        return f"{who[0].upper()}{who[1:]} ({orgs}) spoke well of {kind[len(NAMED):]}: for " \
               f"example, {example}."
    point = complaint(kind).point.format(target=target)
    if complaint(kind).stance == "positive":
        return f"It was recognised by {who} ({orgs}) that {point}: for example, {example}."
    return f"Evidence from {who} ({orgs}) suggested that {point}: for example, {example}."


def topic_words(texts: list[str], vectors: np.ndarray, stop_words: frozenset[str]) -> list[frozenset[str]]:
    """Per text of one theme and polarity: the nouns and names it is about
    (:func:`._references.content_words`), so two statements that share none are not one point.
    Only a statement with another at least :data:`CLAIM_SIMILARITY` close (``vectors``, one row
    per text) is read: for the others, which join no claim by closeness, the words are empty."""
    close = (vectors @ vectors.T) >= CLAIM_SIMILARITY
    np.fill_diagonal(close, False)
    picked = np.flatnonzero(close.any(axis=0) | close.any(axis=1))
    out = [frozenset[str]()] * len(texts)
    for i, words in zip(picked, content_words([texts[i] for i in picked], stop_words), strict=True):
        out[i] = words
    return out


def evaluative(frame: pd.DataFrame) -> pd.Series:
    """Statements in which the stance model found an evaluative cue, not only a mention of the
    target (``stance_evidence`` holds a span tagged other than ``[target]``)."""
    cues = frame.get("stance_evidence", pd.Series("", index=frame.index)).fillna("").astype(str)
    return cues.str.contains(r"\[(?!target\])[a-z]+\]", regex=True)


def lead_contexts(frame: pd.DataFrame, asks: pd.Series, fit: pd.Series,
                  stop_words: frozenset[str], given: pd.Series) -> pd.Series:
    """Per statement, what it needs to lead a finding: "" (it stands alone), the statement before
    it (:func:`._references.lead_context`), or None: it cannot lead. A lead is one sentence's
    length, not a request, not a question or table row, and ``fit`` (eligible, clear, and of a
    polarity on a theme: what a claim can be led by). Only those are parsed, with the statement
    before one only when it cannot lead alone (:func:`._references.lead_context_check`; ``given``,
    per statement, the nouns its reader knows without an earlier sentence: :func:`known_words`)."""
    words = frame["text"].str.split().str.len()
    fits = fit & words.between(*LEAD_WORDS) & ~asks & \
        ~frame["text"].str.contains(r"\?|\|", regex=True)
    previous = frame.get("previous_text", pd.Series("", index=frame.index)).fillna("").astype(str)
    contexts = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    leads = np.flatnonzero(fits.to_numpy())
    texts = frame["text"].to_numpy()
    # a review keeps the answers (stored_readings): a new call's statements are checked, and an
    # old one only when what it is checked with (its text, the one before, given words) changed
    words = hashlib.sha1(" ".join(sorted(stop_words)).encode("utf-8")).hexdigest()
    found = run_remembered(
        "lead_context", [[texts[i], previous.iloc[i], words, sorted(given.iloc[i])] for i in leads],
        lambda todo: (lead_context_check(texts[leads[j]], previous.iloc[leads[j]], stop_words,
                                         given.iloc[leads[j]]) for j in todo))
    addressed = _addressed_to_target(frame)
    for i, context in zip(leads, found, strict=True):
        contexts.iloc[i] = None if speaks_to_someone(texts[i]) and not addressed[i] else context
    return contexts


def _addressed_to_target(frame: pd.DataFrame) -> np.ndarray:
    """Per statement, whether its submission is written to the target (``mention_kind``
    "addressed" from :func:`evidence_lab.stance.find_mentions`, or an explicit mention in a
    submission so addressed): there "you" is the target, as it is for the letter's reader."""
    if "mention_kind" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    addressed = frame["mention_kind"].eq("addressed").to_numpy()
    if "submission_id" not in frame.columns:
        return addressed
    written_to_target = frame["submission_id"].to_numpy()[addressed]
    return frame["submission_id"].isin(written_to_target).to_numpy()


def _claims(vectors: np.ndarray, idx: np.ndarray, contexts: np.ndarray, orgs: np.ndarray,
            stance: str, words: list[frozenset[str]], scores: np.ndarray,
            kinds: list[tuple[str, ...]]) -> list[Claim]:
    """Greedy claims: the lead with the most organisations making its point, then the next, ...

    ``idx`` are row positions of one theme and polarity (``words`` their content words,
    ``contexts`` what each needs to lead, None when it cannot: :func:`lead_contexts`); a
    statement makes the lead's point when it is at least :data:`CLAIM_SIMILARITY` close to the
    lead *and* shares a topic word with it (:func:`topic_words`; similar wording about something
    else is not the same point), or when it makes the same kind of complaint as the lead's first
    (``kinds``, :func:`._complaints.complaints_in`: "still waiting" and "has not appeared" are one
    point in other words). A statement belongs to at most one claim.
    """
    if len(idx) == 0:
        return []
    can_lead = np.array([c is not None for c in contexts], dtype=bool)
    standalone = np.array([c == "" for c in contexts], dtype=bool)
    sims = vectors[idx] @ vectors[idx].T
    shared = share_a_word(words)
    similar = (sims >= CLAIM_SIMILARITY) & (shared | np.eye(len(idx), dtype=bool))
    same_kind = np.array([[bool(a) and a[0] in b for b in kinds] for a in kinds], dtype=bool) \
        if len(kinds) else np.zeros_like(similar)
    close = similar | same_kind
    free = np.ones(len(idx), dtype=bool)
    claims: list[Claim] = []
    while len(claims) < MAX_PER_GROUP[stance]:
        best, best_key = -1, None
        for i in np.flatnonzero(free & can_lead):
            near = close[i] & free
            # breadth, then a statement that needs no context, then clarity, then the earliest:
            # not how many statements agree, so relabelling one of them does not hand the lead
            # (and the id) to another
            key = (len(set(orgs[near])), bool(standalone[i]), round(abs(float(scores[i])), 1),
                   -int(idx[i]))
            if best_key is None or key > best_key:
                best, best_key = int(i), key
        if best < 0 or best_key is None:
            break
        near = close[best] & free
        if set(orgs[near]) - set(orgs[similar[best] & free]):
            # widened by a kind of complaint: its point must be true of every member, so the
            # members are the statements that make that complaint, not those only close to the lead
            near &= same_kind[best]
        n_orgs, n = len(set(orgs[near])), int(near.sum())
        if n_orgs < 2 and n < 2 and claims and abs(scores[best]) < CLEAR_CRITICISM:
            break  # past a theme's first point, a single mild statement is a quote, not a finding
        order = np.argsort(-sims[best][near], kind="stable")
        widened = bool(len(kinds)) and bool(kinds[best]) and not (near <= similar[best]).all()
        claims.append(Claim(int(idx[best]), idx[np.flatnonzero(near)[order]], stance,
                            kinds[best][0] if widened else ""))
        free &= ~near
    return claims


def _theme_claims(frame: pd.DataFrame, vectors: np.ndarray, mask: pd.Series,
                  contexts: pd.Series, stop_words: frozenset[str], signs: pd.Series) -> list[Claim]:
    """The claims of one theme (``mask``): its concerns, then its strengths (:func:`_claims`)."""
    out: list[Claim] = []
    for stance in ("negative", "positive"):
        idx = np.flatnonzero((mask & (signs == stance)).to_numpy())
        texts = [frame["text"].iloc[i] for i in idx]
        if stance == "positive":  # every one is read for what it praises (praised_subject)
            read_all(texts)
        words = topic_words(texts, vectors[idx], stop_words)
        kinds = [complaints_in(frame["text"].iloc[i], stance) for i in idx]
        if stance == "positive":
            kinds = [k + tuple(n for n in [praised_subject(frame["text"].iloc[i], stop_words)] if n)
                     for k, i in zip(kinds, idx, strict=True)]
        out.extend(_claims(vectors, idx, contexts.to_numpy()[idx],
                           frame["organisation"].to_numpy()[idx], stance, words,
                           frame["pcc_sentiment_score"].to_numpy()[idx], kinds))
    return out


def names_in(text: str, stop_words: frozenset[str]) -> tuple[str, ...]:
    """The proper-noun phrases of ``text`` ("Safer Streets", "Home Office"), runs of names in
    its words less those in ``stop_words`` (the target's names, the call's places)."""
    doc = load_pipeline("parse")(fold(text))
    phrases: list[str] = []
    run: list[str] = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.lower_ not in stop_words:
            run.append(token.text)
            continue
        if run:
            phrases.append(" ".join(run))
        run = []
    return tuple(dict.fromkeys(phrases))


def named_phrase(text: str, name: str) -> str:
    """How ``text`` names ``name`` (:func:`names_in`), as a letter refers to it: the noun phrase
    it opens, from the name to its noun ("the Safer Streets funding"), else the name."""
    doc = load_pipeline("parse")(fold(text))
    for chunk in doc.noun_chunks:
        words = [t.text for t in chunk]
        first = next((i for i in range(len(words)) if " ".join(words[i:]).startswith(name)), None)
        if first is not None and chunk.root.pos_ == "NOUN":
            return "the " + " ".join(words[first:])
    return name


def _merge_named(claims: dict[str, list[Claim]], frame: pd.DataFrame, contexts: pd.Series,
                 stop_words: frozenset[str]) -> dict[str, list[Claim]]:
    """Strengths that praise the same named thing in other words made one: two organisations'
    leads (each read with the sentence it reports) that name the same proper-noun phrase
    ("Safer Streets"), on a theme they share (a lead's theme among the other's themes), checked
    pairwise, are one finding under the better supported lead (more organisations, then one
    that needs no context), whose point is that they spoke well of that name."""
    themes = frame["themes"] if "themes" in frame.columns else frame["primary_theme"]
    strengths = [(theme, c) for theme, cs in claims.items() for c in cs
                 if c.polarity == "positive" and not c.kind.startswith(NAMED)]
    if len(strengths) < 2:
        return claims

    def named(c: Claim) -> tuple[str, ...]:
        return names_in(f"{contexts.iloc[c.lead] or ''} {frame['text'].iloc[c.lead]}", stop_words)

    def on(c: Claim) -> set[str]:
        coded = themes.iloc[c.lead]  # a list of theme ids, or "a;b" as a table holds them
        coded = coded.split(";") if isinstance(coded, str) else list(coded) \
            if isinstance(coded, (list, tuple, np.ndarray)) else []
        return {str(frame["primary_theme"].iloc[c.lead]), *(str(t) for t in coded if t)}

    def support(c: Claim) -> tuple[int, bool]:
        return len(set(frame["organisation"].iloc[c.members])), contexts.iloc[c.lead] == ""

    names = {id(c): named(c) for _, c in strengths}
    merged: dict[int, tuple[str, Claim]] = {}  # a claim's id -> (theme, the claim it joined)
    out = {theme: list(cs) for theme, cs in claims.items()}
    for i, (theme_a, a) in enumerate(strengths):
        for theme_b, b in strengths[i + 1:]:
            if id(a) in merged or id(b) in merged:
                continue
            common = [n for n in names[id(a)] if n in names[id(b)]]
            orgs_a = set(frame["organisation"].iloc[a.members])
            if not common or not orgs_a.isdisjoint(frame["organisation"].iloc[b.members]) \
                    or not ({theme_a} & on(b) or {theme_b} & on(a)):
                continue
            (theme, lead), (other_theme, other) = sorted(
                [(theme_a, a), (theme_b, b)], key=lambda tc: support(tc[1]), reverse=True)
            members = np.concatenate([lead.members, other.members])
            phrase = named_phrase(str(frame["text"].iloc[lead.lead]), common[0]) \
                if common[0] in names_in(str(frame["text"].iloc[lead.lead]), stop_words) \
                else common[0]
            joined = Claim(lead.lead, members, "positive", f"{NAMED}{phrase}")
            out[theme] = [joined if c is lead else c for c in out[theme]]
            out[other_theme] = [c for c in out[other_theme] if c is not other]
            merged[id(a)] = merged[id(b)] = (theme, joined)
    return out


def _theme_findings(frame: pd.DataFrame, claims: list[Claim], found: Contexts, theme: str,
                    theme_label: str, codebook: Codebook, all_orgs: pd.DataFrame) -> list[dict]:
    contexts = found.leads
    records = []
    turns = {"negative": 0, "positive": 0}
    for claim in claims:
        stance = claim.polarity
        turn = turns[stance]
        turns[stance] += 1
        rows = frame.iloc[claim.members]
        who, word = who_phrase(rows, all_orgs, codebook)
        lead = frame.iloc[claim.lead]
        rest = rows[rows["organisation"] != lead["organisation"]]
        others = ""
        if not rest.empty:
            n_rest = rest["organisation"].nunique()
            others = (f"{number_word(n_rest)} other "
                      f"{'respondent' if n_rest == 1 else 'respondents'} "
                      f"({org_list(rest['named_as'], NAMED_AT_MOST - 1)})")
        speaker = _speaker(lead["named_as"])
        if claim.kind:
            text = point_sentence(who, org_list(rows["named_as"]), claim.kind,
                                  f"the {codebook.target.title}", speaker,
                                  lead["text"], contexts.iloc[claim.lead])
        else:
            text = lead_sentence(who, org_list(rows["named_as"]),
                                 rows["organisation"].nunique(), lead["text"], stance, turn,
                                 speaker, others, contexts.iloc[claim.lead],
                                 lead["organisation"])
        records.append(record("finding", theme, theme_label, stance, text, rows, word,
                              _quotes(claim, frame, found), lead["segment_id"])
                       | {_CONTEXT: contexts.iloc[claim.lead]})
    return records


#: a quote that needs the sentence before it is quoted with it only when both together are at most
#: this long (a longer pair would be cut, and the cut could fall in the statement's own point)
MAX_QUOTE_WITH_CONTEXT_WORDS = 45


class Contexts:
    """What each statement needs from before it (:func:`._references.lead_context_check`), one
    notion for leads and quotes: "" (it stands alone), the statement before it, or None (it
    cannot be made to stand alone). Leads' are found in one batch (:func:`lead_contexts`); a
    quote's when it is first asked for."""

    def __init__(self, frame: pd.DataFrame, leads: pd.Series, stop_words: frozenset[str],
                 given: pd.Series) -> None:
        self.frame, self.stop_words, self.given = frame, stop_words, given
        self.leads = leads
        self._known: dict[int, str | None] = {}
        self._addressed: np.ndarray | None = None  # _addressed_to_target, when first needed

    def of(self, position: int) -> str | None:
        if position not in self._known and speaks_to_someone(str(self.frame["text"].iloc[position])):
            if self._addressed is None:
                self._addressed = _addressed_to_target(self.frame)
            if not self._addressed[position]:
                self._known[position] = None  # "you" to the panel: no sentence before fixes it
        if position not in self._known:
            previous = self.frame["previous_text"].iloc[position] \
                if "previous_text" in self.frame.columns else ""
            self._known[position] = run_checks([lead_context_check(
                str(self.frame["text"].iloc[position]),
                previous if isinstance(previous, str) else "", self.stop_words,
                self.given.iloc[position])])[0]
        return self._known[position]


def _quotes(claim: Claim, frame: pd.DataFrame, contexts: Contexts) -> list[str]:
    """The claim's quotes: the lead, then other organisations' statements that stand alone; a
    quoted statement that needs the sentence before it ("We are still waiting for it.", "The
    readings are sent off, ...", the lead that its finding reports with that sentence) is quoted
    and cited with that statement, when the two stand alone together and are short enough to
    quote whole. Another organisation's statement that cannot be made to stand alone ("We heard
    about it two weeks before it closed") is cited, not quoted: the quote would leave the reader
    asking what "it" is."""
    order = list(islice((position for position in quote_order(claim, frame, contexts)
                         if position == claim.lead or contexts.of(position) is not None), 2))
    before: dict[int, int] = {}
    for position in order:
        prior = _statement_before(frame, position)
        if prior is None or not contexts.of(position):
            continue
        text, prior_text = str(frame["text"].iloc[position]), str(frame["text"].iloc[prior])
        if len(text.split()) + len(prior_text.split()) <= MAX_QUOTE_WITH_CONTEXT_WORDS:
            before[position] = prior
    return quotes_for(order, frame, before=before)


def _statement_before(frame: pd.DataFrame, position: int) -> int | None:
    """The row of the statement just before ``position`` in its submission, if it is a statement."""
    previous = frame["previous_text"].iloc[position] if "previous_text" in frame.columns else None
    if not isinstance(previous, str) or not previous.strip():
        return None
    same = np.flatnonzero((frame["submission_id"].to_numpy() == frame["submission_id"].iloc[position])
                          & (frame["text"].to_numpy() == previous))
    return int(same[0]) if len(same) else None


def quote_order(claim: Claim, frame: pd.DataFrame, contexts: Contexts,
                wanted: int = 2) -> list[int]:
    """One member per organisation, in the order their quotes are offered: the lead first, then
    the first other organisations' statements that stand alone (:class:`Contexts`), then the
    rest (so the first two are the two :func:`quotes_for` quotes). Only the few statements
    needed are read, one by one."""
    members = [int(m) for m in claim.members]
    order = [claim.lead, *(m for m in members if m != claim.lead)] if claim.lead in members else members
    picked: list[int] = []
    organisations: set[str] = set()
    for position in order:
        organisation = str(frame["organisation"].iloc[position])
        if organisation in organisations:
            continue
        if position == claim.lead or contexts.of(position) == "":
            picked.append(position)
            organisations.add(organisation)
            if len(picked) == wanted:
                break
    for position in order:  # then each other organisation's first statement, as it comes
        organisation = str(frame["organisation"].iloc[position])
        if organisation not in organisations:
            picked.append(position)
            organisations.add(organisation)
    return picked


def known_words(frame: pd.DataFrame) -> pd.Series:
    """Per statement, the nouns its reader knows without an earlier sentence: what the whole
    call takes as known (:func:`._references.common_ground`) and the respondent's own name
    (:func:`._references.respondent_words`)."""
    common = common_ground(zip(frame["submission_id"].astype(str), frame["text"], strict=True))
    own = {o: respondent_words(str(o)) for o in frame["organisation"].unique()}
    return pd.Series([common | own[o] for o in frame["organisation"]], index=frame.index,
                     dtype=object)


def _speaker(named_as: str) -> str:
    """Who said it, as a sentence names them: "a member of the public", or the name."""
    return f"a {named_as}" if named_as[:1].islower() else named_as


#: a finding record's key (not a column) for the sentence its lead reports before the statement
_CONTEXT = "_context"


def _without_repeats(records: list[dict], frame: pd.DataFrame) -> list[dict]:
    """``records`` less repeats: where a finding's lead borrows, as context, a statement another
    finding cites, the letter would say the same thing twice, so the less supported of the two
    (fewer organisations, then fewer statements; the borrowing one on a tie) is left out."""
    texts = dict(zip(frame["segment_id"], frame["text"].map(fold),
                     strict=True))

    def support(r: dict) -> tuple[int, int]:
        return int(r["n_organisations"]), int(r["n_segments"])

    dropped: set[int] = set()
    for i, r in enumerate(records):
        context = fold(r.get(_CONTEXT) or "")
        if not context or i in dropped:
            continue
        for j, other in enumerate(records):
            if j == i or j in dropped or context not in {texts[s] for s in other["segment_ids"]}:
                continue
            if support(other) >= support(r):
                dropped.add(i)
                break
            dropped.add(j)
    return [r for i, r in enumerate(records) if i not in dropped]


def draft_findings(segments: pd.DataFrame, submissions: pd.DataFrame, embeddings: Embeddings,
                   codebook: Codebook, themes: pd.DataFrame) -> pd.DataFrame:
    """Findings and draft recommendations (columns :data:`FINDING_COLUMNS`), ordered by support.

    Args:
        segments: analysed segments (themes and stance assigned).
        submissions: analysed submissions (``organisation``, ``respondent_type``).
        embeddings: the segments' vectors, by ``segment_id``.
        codebook: the codebook (for theme labels and the target's name).
        themes: the themes table (for labels of discovered themes).
    """
    if segments.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    meta = submissions.set_index("submission_id")[["organisation", "respondent_type"]]
    frame = segments.join(meta, on="submission_id").reset_index(drop=True)
    # the name prose uses: "member of the public", not "Member of the public" (data keeps the name)
    frame["named_as"] = described_by_kind(frame["organisation"], frame["respondent_type"], codebook)
    if "segment_kind" in frame.columns:  # letter furniture is not evidence
        frame = frame[frame["segment_kind"].fillna("statement") == "statement"].reset_index(drop=True)
    vectors = embeddings.rows(frame["segment_id"])
    vocabulary = vocabulary_of(codebook)
    requests = vocabulary.requests
    eligible = (frame["text"].str.split().str.len() >= MIN_WORDS) & \
        ~frame["primary_theme"].isin([OTHER_THEME, "unclustered"])
    asks = frame["text"].map(requests.opens).astype(bool)
    score = frame["pcc_sentiment_score"]
    # a lead is clear: praise with its word of praise, criticism with an evaluative cue or strongly
    clear = (score.abs() >= LEAD_STRENGTH) & (evaluative(frame) | (score <= -CLEAR_CRITICISM)
                                              | frame["text"].map(lambda t: JUDGING.search(t)
                                                                  is not None))
    signs = polarity(frame)
    # only a statement of a polarity on a theme can lead a claim (:func:`_theme_findings`)
    can_lead = eligible & clear & (signs != "") & frame["primary_theme"].isin(themes["theme_id"])
    given = known_words(frame)
    contexts = Contexts(frame, lead_contexts(frame, asks, can_lead, vocabulary.stop_words, given),
                        vocabulary.stop_words, given)
    all_orgs = submissions[["organisation", "respondent_type"]].drop_duplicates()
    labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    records: list[dict] = []
    claims = {theme: _theme_claims(frame, vectors, eligible & ~asks & (frame["primary_theme"] == theme),
                                   contexts.leads, vocabulary.stop_words, signs)
              for theme in themes["theme_id"]}
    claims = _merge_named(claims, frame, contexts.leads, vocabulary.stop_words)
    for theme in themes["theme_id"]:
        records.extend(_theme_findings(frame, claims[theme], contexts, theme,
                                       labels.get(theme, codebook.label_of(theme)), codebook,
                                       all_orgs))
    found = pd.DataFrame(_without_repeats(records, frame), columns=FINDING_COLUMNS)
    if not found.empty:
        found = found.sort_values(["n_organisations", "n_segments", "weight"],
                                  ascending=False, kind="stable")
    recs = draft_recommendations(frame, vectors, eligible, found, codebook, all_orgs,
                                 contexts.leads, given)
    table = pd.concat([found, pd.DataFrame(recs, columns=FINDING_COLUMNS)], ignore_index=True)
    return table.reset_index(drop=True)
