"""Draft findings and recommendations from analysed segments, every sentence traceable.

A finding synthesises a group of similar statements (same theme, same stance toward the target)
from across submissions: the statements are clustered by embedding similarity, each cluster becomes
one finding whose lead sentence is written in the panel's voice from its most central statement,
with the organisations that support it, the balance of their stance, one or two verbatim quotes, and
the ``segment_id`` of every statement it rests on. Praise and criticism are never lumped together:
they are clustered separately, and a close pair on one theme becomes a contrast finding. Draft
recommendations come from statements that ask for something ("should", "would welcome", ...).
No language model is used: selection is by embeddings and rules, so every claim can be traced.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering, KMeans

from ..codebook import OTHER_THEME, Codebook
from ..embed import Embeddings
from ..vocabulary import RequestMatcher, vocabulary_of
from ._quantifiers import number_word, quantifier
from ._rewrite import short_quote, to_reported_speech

FINDING_COLUMNS = ["finding_id", "kind", "theme", "theme_label", "stance", "text", "organisations",
                   "n_organisations", "quantifier", "stance_balance", "quotes", "segment_ids",
                   "n_segments", "weight", "status"]
MIN_WORDS = 6
CLUSTER_DISTANCE = 0.5  # cosine distance (average linkage) under which statements form one point
CONTRAST_SIMILARITY = 0.75
MAX_PER_GROUP = 4
MAX_AGGLOMERATIVE = 1500
_ANAPHORIC = re.compile(r"^\W*(?:this|that|these|those|it|they also|such|both|the latter|"
                        r"the former|here|there)\b", re.IGNORECASE)


def _cluster(vectors: np.ndarray, random_state: int = 0) -> np.ndarray:
    if len(vectors) == 1:
        return np.zeros(1, dtype=int)
    if len(vectors) > MAX_AGGLOMERATIVE:  # agglomerative is quadratic; k-means scales
        k = max(2, len(vectors) // 25)
        return KMeans(n_clusters=k, n_init=2, random_state=random_state).fit_predict(vectors)
    return AgglomerativeClustering(n_clusters=None, distance_threshold=CLUSTER_DISTANCE,
                                   metric="cosine", linkage="average").fit_predict(vectors)


def _who(orgs: pd.DataFrame, all_orgs: pd.DataFrame, codebook: Codebook) -> tuple[str, str]:
    """('Several community safety partnerships', quantifier) for the organisations in ``orgs``."""
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
    elif word == "one":
        phrase = f"one {noun}"
    else:
        phrase = f"{word} {noun}"
    return phrase[0].upper() + phrase[1:], word


def _org_list(orgs: pd.Series) -> str:
    names = sorted(orgs.unique())
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _balance(labels: pd.Series) -> str:
    counts = labels.value_counts()
    parts = [f"{number_word(int(counts[k]))} {k}" for k in ("positive", "negative", "mixed", "neutral")
             if counts.get(k, 0)]
    return ", ".join(parts)


def _central(idx: np.ndarray, vectors: np.ndarray, texts: pd.Series) -> list[int]:
    """Row positions ordered from most to least central, preferring quotable lengths."""
    centre = vectors[idx].mean(axis=0)
    sims = vectors[idx] @ centre
    lengths = texts.iloc[idx].str.split().str.len().to_numpy()
    penalty = np.where((lengths >= 10) & (lengths <= 45), 0.0, 0.05)
    # a lead must stand on its own: "This has helped ..." needs the sentence before it
    penalty += np.where(texts.iloc[idx].str.match(_ANAPHORIC).to_numpy(), 0.08, 0.0)
    return [int(idx[i]) for i in np.argsort(-(sims - penalty), kind="stable")]


def _finding_id(kind: str, theme: str, stance: str, segment_ids: list[str]) -> str:
    anchor = min(segment_ids)
    return "F-" + hashlib.sha1(f"{kind}|{theme}|{stance}|{anchor}".encode()).hexdigest()[:8] \
        if kind == "finding" else "R-" + hashlib.sha1(f"{theme}|{anchor}".encode()).hexdigest()[:8]


def _record(kind: str, theme: str, codebook: Codebook, theme_labels: dict[str, str], stance: str,
            text: str, rows: pd.DataFrame, who_word: str, quotes: list[str]) -> dict:
    segment_ids = rows["segment_id"].tolist()
    return {
        "finding_id": _finding_id(kind, theme, stance, segment_ids),
        "kind": kind, "theme": theme,
        "theme_label": theme_labels.get(theme, codebook.label_of(theme)),
        "stance": stance, "text": text,
        "organisations": sorted(rows["organisation"].unique()),
        "n_organisations": int(rows["organisation"].nunique()),
        "quantifier": who_word, "stance_balance": _balance(rows["pcc_sentiment"]),
        "quotes": quotes, "segment_ids": segment_ids, "n_segments": len(segment_ids),
        "weight": round(float(rows["pcc_sentiment_score"].abs().mean()) * rows["organisation"].nunique(), 4),
        "status": "draft",
    }


def _quotes(order: list[int], frame: pd.DataFrame, limit: int = 2) -> list[str]:
    quotes, seen = [], set()
    for position in order:
        row = frame.iloc[position]
        if row["organisation"] in seen:
            continue
        seen.add(row["organisation"])
        quotes.append(f"“{short_quote(row['text'])}” ({row['organisation']}) [{row['segment_id']}]")
        if len(quotes) == limit:
            break
    return quotes


def _lead(who: str, row: pd.Series, orgs: str) -> str:
    return f"{who} ({orgs}) said that {to_reported_speech(row['text'])}."


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
    vectors = embeddings.rows(frame["segment_id"])
    requests = vocabulary_of(codebook).requests
    words = frame["text"].str.split().str.len()
    eligible = (words >= MIN_WORDS) & ~frame["primary_theme"].isin([OTHER_THEME, "unclustered"])
    all_orgs = submissions[["organisation", "respondent_type"]].drop_duplicates()
    theme_labels = dict(zip(themes["theme_id"], themes["label"], strict=True))
    records: list[dict] = []
    asks = frame["text"].map(requests.opens).astype(bool)
    for theme in themes["theme_id"]:
        in_theme = eligible & ~asks & (frame["primary_theme"] == theme)
        records.extend(_theme_findings(frame, vectors, in_theme, theme, codebook, theme_labels, all_orgs))
    asking = frame["text"].map(lambda t: requests.anywhere.search(t) is not None).astype(bool)
    wanted = eligible & asking & (frame["pcc_sentiment"] != "positive")
    records.extend(_recommendations(frame, vectors, wanted, codebook, requests, theme_labels,
                                    all_orgs))
    table = pd.DataFrame(records, columns=FINDING_COLUMNS)
    if table.empty:
        return table
    table["_order"] = table["kind"].map({"finding": 0, "recommendation": 1})
    table = table.sort_values(["_order", "n_organisations", "weight", "n_segments"],
                              ascending=[True, False, False, False], kind="stable")
    return table.drop(columns="_order").reset_index(drop=True)


def _groups(frame: pd.DataFrame, vectors: np.ndarray, mask: pd.Series) -> list[np.ndarray]:
    idx = np.flatnonzero(mask.to_numpy())
    if len(idx) == 0:
        return []
    labels = _cluster(vectors[idx])
    groups = [idx[labels == c] for c in sorted(set(labels.tolist()))]
    scored = [(frame.iloc[g]["organisation"].nunique(), len(g), g) for g in groups]
    scored.sort(key=lambda s: (-s[0], -s[1], int(s[2][0])))
    kept = [g for n_orgs, n, g in scored if n_orgs >= 2 or n >= 2]
    if not kept and scored:
        kept = [scored[0][2]]
    return kept[:MAX_PER_GROUP]


def _theme_findings(frame: pd.DataFrame, vectors: np.ndarray, in_theme: pd.Series, theme: str,
                    codebook: Codebook, theme_labels: dict[str, str], all_orgs: pd.DataFrame) -> list[dict]:
    critical = _groups(frame, vectors, in_theme & frame["pcc_sentiment"].isin(["negative", "mixed"]))
    positive = _groups(frame, vectors, in_theme & (frame["pcc_sentiment"] == "positive"))
    records = []
    used_positive: set[int] = set()
    for group in critical:
        centre = vectors[group].mean(axis=0)
        match = None
        for j, other in enumerate(positive):
            if j in used_positive:
                continue
            other_centre = vectors[other].mean(axis=0)
            cosine = float(centre @ other_centre / (np.linalg.norm(centre) * np.linalg.norm(other_centre)))
            if cosine >= CONTRAST_SIMILARITY:
                match = j
                break
        if match is not None:
            used_positive.add(match)
            records.append(_contrast(frame, vectors, positive[match], group, theme, codebook,
                                     theme_labels, all_orgs))
        else:
            records.append(_single(frame, vectors, group, theme, "negative", codebook, theme_labels,
                                   all_orgs))
    for j, group in enumerate(positive):
        if j not in used_positive:
            records.append(_single(frame, vectors, group, theme, "positive", codebook, theme_labels,
                                   all_orgs))
    return records


def _single(frame: pd.DataFrame, vectors: np.ndarray, group: np.ndarray, theme: str, stance: str,
            codebook: Codebook, theme_labels: dict[str, str], all_orgs: pd.DataFrame) -> dict:
    rows = frame.iloc[group]
    order = _central(group, vectors, frame["text"])
    who, word = _who(rows, all_orgs, codebook)
    text = _lead(who, frame.iloc[order[0]], _org_list(rows["organisation"]))
    text += f" Their stance toward the {codebook.target.name}: {_balance(rows['pcc_sentiment'])}."
    return _record("finding", theme, codebook, theme_labels, stance, text, rows, word,
                   _quotes(order, frame))


def _contrast(frame: pd.DataFrame, vectors: np.ndarray, praise: np.ndarray, concern: np.ndarray,
              theme: str, codebook: Codebook, theme_labels: dict[str, str],
              all_orgs: pd.DataFrame) -> dict:
    praise_rows, concern_rows = frame.iloc[praise], frame.iloc[concern]
    praise_order = _central(praise, vectors, frame["text"])
    concern_order = _central(concern, vectors, frame["text"])
    praise_who, _ = _who(praise_rows, all_orgs, codebook)
    concern_who, word = _who(concern_rows, all_orgs, codebook)
    text = (f"Whilst {praise_who[0].lower() + praise_who[1:]} "
            f"({_org_list(praise_rows['organisation'])}) said that "
            f"{to_reported_speech(frame.iloc[praise_order[0]]['text'])}, "
            f"{concern_who[0].lower() + concern_who[1:]} ({_org_list(concern_rows['organisation'])}) "
            f"said that {to_reported_speech(frame.iloc[concern_order[0]]['text'])}.")
    rows = pd.concat([praise_rows, concern_rows])
    quotes = _quotes(praise_order, frame, 1) + _quotes(concern_order, frame, 1)
    return _record("finding", theme, codebook, theme_labels, "contrast", text, rows, word, quotes)


def _recommendation_text(statement: str, target: str, who: str, orgs: str,
                         requests: RequestMatcher) -> str:
    """A lettered recommendation in the panel's form, from the evidence's own request."""
    action = requests.requested_action(statement)
    if action is not None:
        return f"That the {target} {to_reported_speech(action)} (raised by {who}: {orgs})."
    flat = " ".join(statement.split()).rstrip(" .;")
    return (f"That the {target} considers the request from {who} ({orgs}), who said that "
            f"{to_reported_speech(flat)}.")


def _recommendations(frame: pd.DataFrame, vectors: np.ndarray, mask: pd.Series, codebook: Codebook,
                     requests: RequestMatcher, theme_labels: dict[str, str],
                     all_orgs: pd.DataFrame) -> list[dict]:
    records: list[dict] = []
    idx = np.flatnonzero(mask.to_numpy())
    if len(idx) == 0:
        return records
    labels = _cluster(vectors[idx])
    groups = [idx[labels == c] for c in sorted(set(labels.tolist()))]
    groups.sort(key=lambda g: (-frame.iloc[g]["organisation"].nunique(), -len(g), int(g[0])))
    for group in groups[:10]:
        rows = frame.iloc[group]
        order = _central(group, vectors, frame["text"])
        lead_row = frame.iloc[order[0]]
        who, word = _who(rows, all_orgs, codebook)
        theme = rows["primary_theme"].mode().iloc[0]
        text = _recommendation_text(lead_row["text"], codebook.target.name,
                                    who[0].lower() + who[1:], _org_list(rows["organisation"]),
                                    requests)
        records.append(_record("recommendation", theme, codebook, theme_labels, "request", text, rows,
                               word, _quotes(order, frame, 1)))
    return records



