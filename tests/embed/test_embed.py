"""Embedding backends: the ONNX Runtime export matches PyTorch, is made once, and falls back cleanly."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from evidence_lab import embed
from evidence_lab.embed import (
    EMBEDDERS,
    MiniLMEmbedder,
    PrecomputedEmbedder,
    get_embedder,
    text_key,
)

TEXTS = ["The Commissioner's office did not reply to our two letters about the fund.",
         "Joint working between the councils has never been stronger.",
         "Thank you.",
         "The victim hub, which the Commissioner funds, now answers every referral within a day, "
         "and partners say families are seen far sooner than they were."]


@pytest.fixture(scope="module")
def torch_vectors() -> np.ndarray:
    return MiniLMEmbedder().encode(TEXTS)


def test_torch_backend_gives_unit_vectors_and_caches_by_content(torch_vectors):
    assert torch_vectors.shape == (4, embed.EMBEDDING_DIM)
    assert torch_vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(torch_vectors, axis=1), 1.0, atol=1e-5)
    embedder = MiniLMEmbedder()
    embedder.encode(TEXTS[:1])
    # white space does not change the key, so the same statement is never embedded twice
    assert text_key("Thank   you.\n") == text_key("Thank you.")
    assert list(embedder.cache) == [text_key(TEXTS[0])]


@pytest.mark.slow
def test_onnx_export_matches_torch_and_is_made_once(tmp_path, monkeypatch, torch_vectors):
    from evidence_lab.embed import _onnx as embed_onnx

    monkeypatch.setenv("EVIDENCE_LAB_CACHE", str(tmp_path))
    path = embed_onnx.exported_model_path()
    assert path.parent == tmp_path and path.suffix == ".onnx"
    made = path.stat().st_mtime_ns
    assert embed_onnx.exported_model_path() == path
    assert path.stat().st_mtime_ns == made  # found, not exported again
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind

    model = embed_onnx._OnnxModel(path, embed.bundled_model_path())
    vectors = model.encode(TEXTS, batch_size=3)  # the last batch pads shorter texts
    cosine = (vectors * torch_vectors).sum(axis=1)
    assert cosine.min() >= embed_onnx.MIN_COSINE


@pytest.mark.slow
def test_a_corrupt_cached_export_is_made_again(tmp_path, monkeypatch, torch_vectors):
    from evidence_lab.embed import _onnx as embed_onnx

    monkeypatch.setenv("EVIDENCE_LAB_CACHE", str(tmp_path))
    path = embed_onnx.exported_model_path()
    path.write_bytes(b"not an onnx graph")
    embed_onnx._load_onnx_model.cache_clear()
    try:
        vectors = embed_onnx.OnnxMiniLMEmbedder().encode(TEXTS)
    finally:
        embed_onnx._load_onnx_model.cache_clear()
    assert (vectors * torch_vectors).sum(axis=1).min() >= embed_onnx.MIN_COSINE
    assert path.stat().st_size > 1_000_000


def test_default_falls_back_to_torch_with_the_reason(monkeypatch, torch_vectors):
    from evidence_lab.embed import _onnx

    monkeypatch.setattr(_onnx, "onnx_available", lambda: "ModuleNotFoundError: onnxruntime")
    _onnx._warn_fallback.cache_clear()
    chosen = EMBEDDERS["minilm"]()  # choosing loads nothing; the first encode decides
    with pytest.warns(RuntimeWarning, match="ONNX Runtime backend is unavailable.*onnxruntime"):
        vectors = chosen.encode(TEXTS)
    np.testing.assert_allclose(vectors, torch_vectors, atol=1e-5)


def test_torch_can_be_forced(monkeypatch):
    monkeypatch.setenv("EVIDENCE_LAB_EMBED_BACKEND", "torch")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert type(EMBEDDERS["minilm"]()) is MiniLMEmbedder


def test_unknown_backend_and_missing_precomputed_vectors_are_named():
    with pytest.raises(ValueError, match="minilm-onnx"):
        get_embedder("bert-huge")
    with pytest.raises(KeyError, match="1 text"):
        PrecomputedEmbedder({"known": np.ones(3)}).encode(["known", "unknown"])
