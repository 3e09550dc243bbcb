"""An embedder backed by the review store: each distinct statement is embedded once per model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..embed import EMBEDDING_DIM, Embedder, text_key
from ..store import ReviewStore

EMBED_CHUNK = 512  # vectors are committed to the store this many at a time


class StoreEmbedder:
    """Reads the review's embeddings table and encodes (and stores) only what is new.

    Args:
        inner: the embedder that computes vectors the store lacks.
        store: the review store; vectors are kept under ``inner.name``.

    Attributes:
        n_encoded: statements this embedder has encoded (not found in the store).
    """

    def __init__(self, inner: Embedder, store: ReviewStore) -> None:
        self.inner = inner
        self.store = store
        self.name: str = getattr(inner, "name", type(inner).__name__)
        self.n_encoded = 0
        self._seen: dict[str, np.ndarray] = {}  # this process's look-ups, so the store is read once

    def __deepcopy__(self, memo: dict[int, object]) -> StoreEmbedder:
        return self  # a shared service, like every embedder

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Vectors of ``texts``: from this process, else the store, else computed and stored."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        wanted = [k for k in dict.fromkeys(keys) if k not in self._seen]
        if wanted:
            self._seen.update(self.store.vectors(wanted, self.name))
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in self._seen:
                todo.setdefault(key, text)
        items = list(todo.items())
        for start in range(0, len(items), EMBED_CHUNK):  # committed per chunk: a kill keeps progress
            chunk = items[start:start + EMBED_CHUNK]
            vectors = np.asarray(self.inner.encode([t for _, t in chunk],
                                                   show_progress=show_progress), dtype=np.float32)
            self.store.add_vectors([k for k, _ in chunk], vectors, self.name)
            self._seen.update(zip((k for k, _ in chunk), vectors, strict=True))
            self.n_encoded += len(chunk)
        return np.vstack([self._seen[k] for k in keys])
