"""The bundled MiniLM model run by PyTorch through sentence-transformers (the reference backend)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ._base import CachedEmbedder, bundled_model_path


@lru_cache(maxsize=1)
def load_sentence_transformer(path: str) -> Any:
    """The bundled model as a ``SentenceTransformer`` on the CPU, loaded offline (cached)."""
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


class MiniLMEmbedder(CachedEmbedder):
    """The bundled all-MiniLM-L6-v2 model (384 dimensions) run by PyTorch, cached by content hash."""

    def _encode_new(self, texts: Sequence[str], *, show_progress: bool) -> np.ndarray:
        model = load_sentence_transformer(str(bundled_model_path()))
        return model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                            convert_to_numpy=True, show_progress_bar=show_progress and len(texts) >= 50)
