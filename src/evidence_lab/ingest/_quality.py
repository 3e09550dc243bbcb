"""Flag submissions an officer should look at before counting them: duplicates and non-English text.

Campaign letters (one template sent by many people, sometimes lightly edited) and the same file
sent twice would otherwise be counted as many voices. Near-duplicates are found with word 5-gram
shingles: two submissions whose shingle sets have a Jaccard similarity of at least ``threshold``
are grouped, and so are two whose shorter one has most of its shingles in the other
(containment: a campaign letter with a few words changed, or with a personal paragraph added);
with embeddings, near-identical vectors that share some wording group a reworded copy.
``duplicate_group`` names the submissions forming each campaign.
Candidates come from MinHash locality-sensitive hashing (numpy, no pairwise loop), and every
candidate pair is confirmed with the exact Jaccard similarity, so a flag is never a hash accident.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..schema import require_columns

SHINGLE_WORDS = 5
DUPLICATE_THRESHOLD = 0.8
#: A text of at least this many words whose share of English function words is below
#: :data:`ENGLISH_MIN_SHARE` is flagged ``non-en``; English prose runs at 0.35-0.55.
LANGUAGE_MIN_WORDS = 20
ENGLISH_MIN_SHARE = 0.15

#: Two texts are also near-duplicates when this share of the shorter one's shingles is in the
#: other (a campaign letter with a few words changed, or a personal paragraph added), provided
#: the shorter has at least ``CONTAINMENT_MIN_SHINGLES`` shingles (about 25 words).
CONTAINMENT_THRESHOLD = 0.6
CONTAINMENT_MIN_SHINGLES = 20
#: With ``vectors``, two texts whose embeddings have at least this cosine similarity and share
#: at least ``EMBEDDING_MIN_CONTAINMENT`` of their shingles are a campaign too (a reworded copy).
EMBEDDING_THRESHOLD = 0.95
EMBEDDING_MIN_CONTAINMENT = 0.3

# 64 MinHash values in 32 bands of 2: P(candidate) is 0.99 at Jaccard 0.4, 0.27 at 0.1; every
# candidate is confirmed exactly, and a bucket's members meet at most _MAX_LEADERS leaders
_BANDS, _ROWS = 32, 2
_MAX_LEADERS = 50  # comparisons per LSH bucket member, bounding the worst case
_NON_LATIN = re.compile(r"[^\x00-\u024f]")  # Cyrillic, Greek, Arabic, Han, ... letters
_LANGUAGE_SAMPLE_TOKENS = 500
_PUNCTUATION = str.maketrans(dict.fromkeys(string.punctuation + "“”‘’–—…•·«»¿¡", " "))

# Common English function words, none of one letter (Welsh "a"/"i" and similar stay low).
_ENGLISH = frozenset({
    "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
    "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
    "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
    "how", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
    "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "under", "until", "up", "us", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
})


def flag_submissions(submissions: pd.DataFrame, *,
                     threshold: float = DUPLICATE_THRESHOLD,
                     vectors: np.ndarray | None = None) -> pd.DataFrame:
    """Flag duplicate and near-duplicate submissions and guess whether each is in English.

    Args:
        submissions: needs ``submission_id`` and ``text`` (the submissions DataFrame).
        threshold: Jaccard similarity of word 5-gram shingles at or above which two submissions
            are near-duplicates (default 0.8). Case, punctuation and spacing are ignored.
            Two submissions are grouped too when :data:`CONTAINMENT_THRESHOLD` of the shorter's
            shingles are in the other (a campaign letter lightly edited).
        vectors: optional embeddings, one row per submission (unit length or not): a pair with
            cosine similarity of at least :data:`EMBEDDING_THRESHOLD` that shares at least
            :data:`EMBEDDING_MIN_CONTAINMENT` of its shingles is grouped as well.

    Returns:
        A copy of ``submissions`` with three more columns:

        ``duplicate_of``
            the ``submission_id`` of the first submission (in row order) of its duplicate group,
            or "" for that first submission and for submissions with no duplicate.
        ``duplicate_group``
            ``dup-1``, ``dup-2``, ... shared by every member of a group (numbered in row order of
            each group's first member), or "".
        ``language``
            ``non-en`` when a text of at least 20 words has few common English function words
            (or is mostly in a non-Latin script), else ``en``.

    Raises:
        ColumnsError: when ``submission_id`` or ``text`` is missing.
    """
    require_columns(submissions, ["submission_id", "text"], stage="flag_submissions")
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1], not {threshold!r}")
    texts = [t if isinstance(t, str) else "" for t in submissions["text"]]
    ids = [str(s) for s in submissions["submission_id"]]
    tokens = [_tokens(t) for t in texts]
    if vectors is not None and len(vectors) != len(texts):
        raise ValueError(f"vectors has {len(vectors)} rows for {len(texts)} submissions")
    groups = _duplicate_groups(tokens, threshold, vectors)
    duplicate_of = [""] * len(texts)
    duplicate_group = [""] * len(texts)
    for number, members in enumerate(groups, start=1):
        for member in members:
            duplicate_group[member] = f"dup-{number}"
            if member != members[0]:
                duplicate_of[member] = ids[members[0]]
    out = submissions.copy()
    out["duplicate_of"] = duplicate_of
    out["duplicate_group"] = duplicate_group
    out["language"] = [_language(t) for t in tokens]
    return out


def language_of(text: str) -> str:
    """``en`` or ``non-en`` by a stopword-share heuristic (texts under 20 words are ``en``)."""
    return _language(_tokens(text))


def _tokens(text: str) -> list[str]:
    """Lower-case words and numbers; punctuation splits tokens (a C-speed translate, no regex)."""
    return text.lower().translate(_PUNCTUATION).split()


def _language(tokens: list[str]) -> str:
    """Only the first 500 tokens are read: a language shows within a few hundred words."""
    words = [t for t in tokens[:_LANGUAGE_SAMPLE_TOKENS] if t.isalpha()]
    letters = "".join(words)
    if not letters.isascii() and len(_NON_LATIN.findall(letters)) > len(letters) / 2:
        return "non-en"
    if len(words) < LANGUAGE_MIN_WORDS:
        return "en"
    share = len([w for w in words if w in _ENGLISH]) / len(words)
    return "non-en" if share < ENGLISH_MIN_SHARE else "en"


def _duplicate_groups(token_lists: Sequence[list[str]], threshold: float,
                      vectors: np.ndarray | None = None) -> list[list[int]]:
    """Row indices of each group of (near-)identical token lists; groups, members in row order."""
    parent = list(range(len(token_lists)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)  # the root is the earliest row

    first_of: dict[str, int] = {}  # identical texts need no hashing
    distinct: list[int] = []
    for index, tokens in enumerate(token_lists):
        if not tokens:
            continue
        key = " ".join(tokens)
        if key in first_of:
            union(first_of[key], index)
        else:
            first_of[key] = index
            distinct.append(index)

    if len(distinct) > 1:
        shingles = _shingle_sets([token_lists[i] for i in distinct])
        for a, b in _similar_pairs(shingles, threshold):
            union(distinct[a], distinct[b])
        if vectors is not None:
            chosen = np.asarray(vectors, dtype=np.float32)[distinct]
            for a, b in _embedding_pairs(shingles, chosen):
                union(distinct[a], distinct[b])

    members: dict[int, list[int]] = {}
    for index in range(len(token_lists)):
        members.setdefault(find(index), []).append(index)
    return sorted((m for m in members.values() if len(m) > 1), key=lambda m: m[0])


def _mix(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: spreads structured 64-bit values over the whole range."""
    z = values.astype(np.uint64, copy=True)
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def _shingle_sets(token_lists: Sequence[list[str]]) -> list[np.ndarray]:
    """Sorted unique 64-bit hashes of each text's word 5-grams (a shorter text is one shingle).

    Vectorised over the whole corpus: tokens are numbered with one ``pd.factorize`` and every
    window of five token numbers is hashed at once; windows that cross two texts are dropped.
    """
    lengths = np.array([len(t) for t in token_lists], dtype=np.int64)
    codes = pd.factorize(pd.Series([t for tokens in token_lists for t in tokens],
                                   dtype=object))[0].astype(np.uint64) + np.uint64(1)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    weights = _mix(np.arange(1, SHINGLE_WORDS + 1, dtype=np.uint64))
    padded = np.concatenate([codes, np.zeros(SHINGLE_WORDS, dtype=np.uint64)])
    doc_of = np.repeat(np.arange(len(lengths)), lengths)
    position = np.arange(len(codes)) - starts[doc_of]
    width = np.minimum(lengths, SHINGLE_WORDS)[doc_of]  # a short text is one shingle of itself
    keep = position + width <= lengths[doc_of]
    hashed = np.zeros(len(codes), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(SHINGLE_WORDS):
            part = padded[offset:offset + len(codes)] * weights[offset]
            hashed += np.where(offset < width, part, np.uint64(0))
        hashed = _mix(hashed)
    # one sort makes each text's shingles unique: the text number goes in the top bits
    shift = np.uint64(64 - max(1, len(lengths).bit_length()))
    keys = np.sort((doc_of[keep].astype(np.uint64) << shift) | (hashed[keep] >> (64 - shift)))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]  # np.unique is far slower here (numpy 2.4)
    bounds = np.searchsorted(keys >> shift, np.arange(1, len(lengths), dtype=np.uint64))
    return np.split(keys & ((np.uint64(1) << shift) - np.uint64(1)), bounds)


def _signatures(shingles: Sequence[np.ndarray]) -> np.ndarray:
    """MinHash signatures, one row of ``_BANDS * _ROWS`` values per shingle set."""
    rng = np.random.default_rng(20240601)
    count = _BANDS * _ROWS
    multipliers = rng.integers(1, 2**63, size=count, dtype=np.uint64) | np.uint64(1)
    offsets = rng.integers(0, 2**63, size=count, dtype=np.uint64)
    flat = np.concatenate(shingles)
    starts = np.cumsum([0] + [len(s) for s in shingles[:-1]])
    signatures = np.empty((len(shingles), count), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(count):
            hashed = (flat * multipliers[k] + offsets[k]) >> np.uint64(16)
            signatures[:, k] = np.minimum.reduceat(hashed, starts)
    return signatures


def _near_copies(a: np.ndarray, b: np.ndarray, threshold: float) -> bool:
    """Jaccard at least ``threshold``, or the shorter mostly contained in the longer."""
    small, large = sorted((a.size, b.size))
    common = np.intersect1d(a, b, assume_unique=True).size
    if small >= threshold * large and common / (a.size + b.size - common) >= threshold:
        return True
    return small >= CONTAINMENT_MIN_SHINGLES and common >= CONTAINMENT_THRESHOLD * small


def _embedding_pairs(shingles: Sequence[np.ndarray], vectors: np.ndarray) -> list[tuple[int, int]]:
    """Pairs whose embeddings are nearly the same and that share some wording (a reworded copy)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1, norms)
    pairs = []
    for i in range(len(unit) - 1):  # row by row: memory stays O(n), not O(n^2)
        similar = np.flatnonzero(unit[i + 1:] @ unit[i] >= EMBEDDING_THRESHOLD) + i + 1
        for j in similar.tolist():
            small = min(shingles[i].size, shingles[j].size)
            common = np.intersect1d(shingles[i], shingles[j], assume_unique=True).size
            if small and common >= EMBEDDING_MIN_CONTAINMENT * small:
                pairs.append((i, j))
    return pairs


def _similar_pairs(shingles: Sequence[np.ndarray], threshold: float) -> list[tuple[int, int]]:
    """Pairs (i, j) with Jaccard >= ``threshold``, enough to connect every group (not all pairs).

    Each LSH bucket is scanned once: a member joins the first earlier "leader" of the bucket it is
    similar to, or becomes a leader itself, so a bucket of n near-copies costs n comparisons.
    """
    signatures = _signatures(shingles)
    weights = _mix(np.arange(1, _ROWS + 1, dtype=np.uint64))
    verdicts: dict[tuple[int, int], bool] = {}  # the same pair often shares several bands
    with np.errstate(over="ignore"):
        for band in range(_BANDS):
            block = signatures[:, band * _ROWS:(band + 1) * _ROWS]
            keys = _mix((block * weights).sum(axis=1, dtype=np.uint64))
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            run_starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            run_ends = np.r_[run_starts[1:], len(order)]
            for start, end in zip(run_starts, run_ends, strict=True):
                if end - start < 2:
                    continue
                leaders: list[int] = []
                for member in sorted(order[start:end].tolist()):
                    for leader in leaders[:_MAX_LEADERS]:
                        pair = (leader, member)
                        if pair not in verdicts:
                            verdicts[pair] = _near_copies(shingles[leader], shingles[member],
                                                          threshold)
                        if verdicts[pair]:
                            break
                    else:
                        leaders.append(member)
    return [pair for pair, similar in verdicts.items() if similar]
