"""Embedding backends chosen by name, and the shared instance per name."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache

from ._base import Embedder
from ._onnx import OnnxMiniLMEmbedder
from ._torch import MiniLMEmbedder


def _fastest_minilm() -> Embedder:
    """ONNX Runtime when it works here (same vectors, faster, no torch import), else PyTorch;
    which one is decided at the first text encoded, so choosing costs nothing."""
    if os.environ.get("EVIDENCE_LAB_EMBED_BACKEND", "").lower() == "torch":
        return MiniLMEmbedder()
    return OnnxMiniLMEmbedder(fallback=True)


#: Embedding backends by name. ``minilm`` picks ONNX Runtime or PyTorch (set
#: ``EVIDENCE_LAB_EMBED_BACKEND=torch`` to force PyTorch); both give the same vectors.
EMBEDDERS: dict[str, Callable[[], Embedder]] = {
    "minilm": _fastest_minilm, "minilm-torch": MiniLMEmbedder, "minilm-onnx": OnnxMiniLMEmbedder}


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    """Make ``factory`` available as ``get_embedder(name)`` (and ``analyse(embedder=name)``)."""
    if not name or not callable(factory):
        raise ValueError("register_embedder needs a non-empty name and a callable factory")
    EMBEDDERS[name] = factory
    get_embedder.cache_clear()


@cache
def get_embedder(name: str = "minilm") -> Embedder:
    """The shared embedder registered under ``name`` (one per process, so its cache is shared).

    Raises:
        ValueError: naming the registered backends when ``name`` is not one of them.
    """
    if name not in EMBEDDERS:
        raise ValueError(f"embedder must be one of {sorted(EMBEDDERS)}, not {name!r}")
    return EMBEDDERS[name]()


def resolve_embedder(embedder: Embedder | str | None) -> Embedder:
    """An embedder given as itself, by registered name, or None (the default ``minilm``)."""
    if embedder is None:
        return get_embedder()
    if isinstance(embedder, str):
        return get_embedder(embedder)
    return embedder
