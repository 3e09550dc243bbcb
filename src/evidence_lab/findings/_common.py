"""What findings and recommendations share: the table's columns, ids, wording of who said it."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
from scipy import sparse

from .._folding import fold
from ..codebook import Codebook
from ._quantifiers import number_word, quantifier
from ._rewrite import short_quote

FINDING_COLUMNS = ["finding_id", "kind", "theme", "theme_label", "stance", "text", "organisations",
                   "n_organisations", "quantifier", "stance_balance", "quotes", "segment_ids",
                   "n_segments", "weight", "finding_ids", "status"]
#: cosine similarity to a claim's lead at or above which a statement makes the same point: on the
#: sample call about the top 1% of all pairs of statements (docs/draft.md), where paraphrases sit
CLAIM_SIMILARITY = 0.55


def who_phrase(orgs: pd.DataFrame, all_orgs: pd.DataFrame, codebook: Codebook) -> tuple[str, str]:
    """('several community safety partnerships', quantifier) for the organisations in ``orgs``."""
    n = orgs["organisation"].nunique()
    types = orgs["respondent_type"].fillna("").unique()
    if len(types) == 1 and types[0]:
        total = all_orgs.loc[all_orgs["respondent_type"] == types[0], "organisation"].nunique()
        noun = codebook.vocabulary.respondent_noun(types[0], plural=n != 1)
    else:
        total = all_orgs["organisation"].nunique()
        noun = "respondents" if n != 1 else "respondent"
    word = quantifier(n, total)
    if word == "all":
        phrase = f"all {number_word(n)} {noun}" if n > 2 else f"both {noun}"
    else:
        phrase = f"{word} {noun}"
    return phrase, word


#: a finding naming at least this many organisations names only :data:`NAMED_AT_MOST` of them in
#: its prose, then "and N others" (every one stays in the ``organisations`` column and the annex)
MANY_ORGANISATIONS = 7
NAMED_AT_MOST = 3


def org_list(orgs: pd.Series, at_most: int = NAMED_AT_MOST) -> str:
    """Organisations as a list in prose, alphabetical; a respondent known only by its kind
    ("member of the public", see :func:`described_by_kind`) comes last, as "a member of the
    public".

    From :data:`MANY_ORGANISATIONS` on, the first ``at_most`` in ``orgs``' own order (a
    finding's members closest to its lead first, so the organisation quoted as the example is
    among them) are named and the rest counted: "A, B, C and four others". ``at_most`` is
    one less where the list follows an organisation already named ("X said ...; seven other
    respondents (A, B and five others) made a similar point").
    """
    names = sorted(orgs.unique())
    if len(names) == 1:
        return names[0]
    if len(names) >= MANY_ORGANISATIONS:
        first = list(dict.fromkeys(orgs))[:at_most]
        shown = [n if not n[:1].islower() else f"a {n}" for n in first]
        return f"{', '.join(shown)} and {number_word(len(names) - len(first))} others"
    named = [n for n in names if not n[:1].islower()]
    names = named + [f"a {n}" for n in names if n[:1].islower()]
    return ", ".join(names[:-1]) + " and " + names[-1]


def described_by_kind(organisations: pd.Series, kinds: pd.Series, codebook: Codebook) -> pd.Series:
    """``organisations`` where a name is only its respondent kind in sentence case ("Member of
    the public" for kind ``public``) written as the description it is ("member of the public"),
    so prose reads "... and a member of the public". A name in title case ("Youth Commission")
    is a name, and stays."""
    def name(organisation: object, kind: object) -> object:
        if not isinstance(organisation, str) or len(organisation) < 2:
            return organisation
        noun = codebook.vocabulary.respondent_noun(str(kind or ""), plural=False)
        described = organisation[1:] == noun[1:] and organisation[0].lower() == noun[0].lower()
        return noun if described else organisation
    return pd.Series([name(o, k) for o, k in zip(organisations, kinds, strict=True)],
                     index=organisations.index, dtype=object)


def balance(labels: pd.Series) -> str:
    counts = labels.value_counts()
    parts = [f"{number_word(int(counts[k]))} {k}" for k in ("positive", "negative", "mixed", "neutral")
             if counts.get(k, 0)]
    return ", ".join(parts)


def finding_id(kind: str, theme: str, stance: str, anchor: str) -> str:
    """``F-``/``R-`` and 8 hex digits from what the finding is about and its lead statement."""
    prefix = "F-" if kind == "finding" else "R-"
    return prefix + hashlib.sha1(f"{kind}|{theme}|{stance}|{anchor}".encode()).hexdigest()[:8]


def record(kind: str, theme: str, theme_label: str, stance: str, text: str, rows: pd.DataFrame,
           who_word: str, quotes: list[str], anchor: str, cites: list[str] | None = None) -> dict:
    """One row of :data:`FINDING_COLUMNS`."""
    return {
        "finding_id": finding_id(kind, theme, stance, anchor),
        "kind": kind, "theme": theme, "theme_label": theme_label, "stance": stance, "text": text,
        "organisations": sorted(rows["organisation"].unique()),
        "n_organisations": int(rows["organisation"].nunique()),
        "quantifier": who_word, "stance_balance": balance(rows["pcc_sentiment"]),
        "quotes": quotes, "segment_ids": rows["segment_id"].tolist(), "n_segments": len(rows),
        "weight": round(float(rows["pcc_sentiment_score"].abs().mean()) * rows["organisation"].nunique(), 4),
        "finding_ids": list(cites or []), "status": "draft",
    }


def quotes_for(order: list[int], frame: pd.DataFrame, limit: int = 2,
               before: dict[int, int] | None = None) -> list[str]:
    """Verbatim quotes, one per organisation, in ``order`` (row positions). ``before`` maps a
    position to the row of the statement just before it, quoted with it (and cited) when the
    statement alone would not say what it is about."""
    quotes, seen = [], set()
    for position in order:
        row = frame.iloc[position]
        if row["organisation"] in seen:
            continue
        seen.add(row["organisation"])
        if position in (before or {}):  # the pair is kept short by the caller: quoted whole
            prior = frame.iloc[(before or {})[position]]
            quotes.append(f"“{fold(prior['text'])} {fold(row['text'])}” ({row['organisation']}) "
                          f"[{prior['segment_id']}, {row['segment_id']}]")
        else:
            quotes.append(f"“{short_quote(row['text'])}” ({row['organisation']}) "
                          f"[{row['segment_id']}]")
        if len(quotes) == limit:
            break
    return quotes


def share_a_word(words: list[frozenset[str]]) -> np.ndarray:
    """``(n, n)``: True where texts ``i`` and ``j`` have a word in common (through a sparse
    text-by-word matrix: the pairs' set intersections took seconds at 10,000 statements)."""
    vocabulary: dict[str, int] = {}
    columns = [vocabulary.setdefault(w, len(vocabulary)) for ws in words for w in sorted(ws)]
    rows = np.repeat(np.arange(len(words)), [len(ws) for ws in words])
    incidence = sparse.csr_matrix((np.ones(len(columns), dtype=np.int32), (rows, columns)),
                                  shape=(len(words), len(vocabulary)))
    return np.asarray((incidence @ incidence.T).toarray() > 0)
