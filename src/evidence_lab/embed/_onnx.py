"""The bundled MiniLM model run by ONNX Runtime instead of PyTorch: same vectors, less waiting.

On the 2-core benchmark machine ONNX Runtime encodes faster than PyTorch in float32, and a run no
longer imports ``sentence_transformers`` and ``torch`` (7 to 12 s of every CLI start). The ONNX
graph is exported from the bundled model once, on first use, into the user's cache folder
(``EVIDENCE_LAB_CACHE``, else ``$XDG_CACHE_HOME/evidence_lab`` or ``~/.cache/evidence_lab``),
checked against PyTorch (cosine >= :data:`MIN_COSINE` on probe sentences) and replaced atomically.
Nothing is downloaded. Int8 quantisation is not used: without AVX-512 VNNI its vectors drift
too far (cosine 0.96 mean, 0.89 min, measured in ``docs/benchmarks.md``).

When ``onnxruntime`` is missing (or ``onnx``, needed only to export), or the export or its check
fails, :func:`onnx_available` says why and the default embedder falls back to PyTorch.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..progress import progress
from ._base import DEFAULT_BATCH_SIZE, EMBEDDING_DIM, CachedEmbedder, bundled_model_path

#: The exported graph must give these cosines with PyTorch's vectors, or it is not used.
MIN_COSINE = 0.999
_PROBES = ("The council's office answered our letter within a week.",
           "Neighbourhood Watch members asked for more visible patrols in the villages.",
           "Funding for the victim hub was renewed for two years.")
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def cache_dir() -> Path:
    """Where exported models live (``EVIDENCE_LAB_CACHE`` overrides the default)."""
    if os.environ.get("EVIDENCE_LAB_CACHE"):
        return Path(os.environ["EVIDENCE_LAB_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "evidence_lab"


def _model_fingerprint(model_dir: Path) -> str:
    """Changes when the bundled weights or the exporter's version change (without importing it)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        exporter = version("onnx")
    except PackageNotFoundError:  # an existing export still runs; a new one will say why it can't
        exporter = "none"
    weights = model_dir / "model.safetensors"
    digest = hashlib.sha1()
    with weights.open("rb") as handle:
        digest.update(handle.read(1 << 20))
    digest.update(f"{weights.stat().st_size}|onnx {exporter}".encode())
    return digest.hexdigest()[:16]


def exported_model_path(model_dir: Path | None = None) -> Path:
    """The ONNX file for the bundled model, exporting and checking it first if needed."""
    model_dir = model_dir or bundled_model_path()
    target = cache_dir() / f"minilm-{_model_fingerprint(model_dir)}.onnx"
    if not target.exists():
        _export(model_dir, target)
    return target


def _export(model_dir: Path, target: Path) -> None:
    """Export the transformer to ONNX (needs PyTorch once), check it, then move it into place."""
    import torch

    from ._torch import load_sentence_transformer

    model = load_sentence_transformer(str(model_dir))
    transformer = model[0].auto_model.eval()

    class _LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                    token_type_ids=token_type_ids).last_hidden_state

    sample = model.tokenizer(list(_PROBES[:2]), padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(suffix=".onnx", dir=target.parent)
    os.close(handle)
    try:
        with torch.no_grad(), _quiet_export():
            torch.onnx.export(
                _LastHiddenState(), tuple(sample[name] for name in _INPUTS), temporary,
                input_names=list(_INPUTS), output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "tokens"}
                              for name in (*_INPUTS, "last_hidden_state")},
                opset_version=17, dynamo=False)
        expected = model.encode(list(_PROBES), normalize_embeddings=True, convert_to_numpy=True)
        got = _OnnxModel(Path(temporary), model_dir).encode(list(_PROBES), batch_size=8)
        cosine = float((expected * got).sum(axis=1).min())
        if cosine < MIN_COSINE:
            raise RuntimeError(f"the exported model's vectors differ from PyTorch's "
                               f"(cosine {cosine:.4f} < {MIN_COSINE})")
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)


@contextmanager
def _quiet_export() -> Iterator[None]:
    """Hide exactly the warnings the TorchScript exporter prints for this model, at this call only.

    Tracing the attention mask's shape arithmetic raises ``TracerWarning`` (constant shapes are what
    the dynamic axes replace) and indexing raises a ``UserWarning`` about negative indices (the model
    uses none); the export is checked against PyTorch's vectors afterwards, so they say nothing.
    """
    from torch.jit import TracerWarning

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=TracerWarning)
        warnings.filterwarnings("ignore", message=r"Exporting aten::index operator",
                                category=UserWarning)
        # dynamo=False is chosen on purpose: the new exporter needs onnxscript and gives the same graph
        warnings.filterwarnings("ignore", message=r"You are using the legacy TorchScript-based ONNX",
                                category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=r"The feature will be removed",
                                category=DeprecationWarning, module=r"torch\.onnx")
        yield


class _OnnxModel:
    """Tokenizer, ONNX Runtime session and mean pooling: what SentenceTransformer.encode does."""

    def __init__(self, onnx_path: Path, model_dir: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(config.get("max_seq_length", 256)))
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id("[PAD]") or 0)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, os.cpu_count() or 1)
        options.log_severity_level = 3  # warnings about unused initialisers are noise
        self.session = onnxruntime.InferenceSession(str(onnx_path), options,
                                                    providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str], *, batch_size: int,
               show_progress: bool = False) -> np.ndarray:
        """Unit-length mean-pooled vectors of ``texts``, ``batch_size`` at a time."""
        texts = list(texts)
        batches = range(0, len(texts), batch_size)
        out = []
        for start in progress(batches, total=len(batches), desc="embed (batches)",
                              disable=not show_progress or len(texts) < 50):
            encodings = self.tokenizer.encode_batch(texts[start:start + batch_size])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))
        if not out:
            return np.zeros((0, EMBEDDING_DIM), np.float32)
        return np.vstack(out).astype(np.float32)


@lru_cache(maxsize=1)
def _load_onnx_model() -> _OnnxModel:
    path = exported_model_path()
    try:
        return _OnnxModel(path, bundled_model_path())
    except Exception:  # noqa: BLE001 - a truncated or corrupt cache file: export it again, once
        path.unlink(missing_ok=True)
        return _OnnxModel(exported_model_path(), bundled_model_path())


@lru_cache(maxsize=1)
def onnx_available() -> str | None:
    """None when the ONNX backend works here, else the reason it does not (checked once)."""
    try:
        _load_onnx_model()  # raises ImportError without onnxruntime (or onnx, if it must export)
    except Exception as exc:  # noqa: BLE001 - any failure means: use PyTorch instead
        return f"{type(exc).__name__}: {exc}"
    return None


class OnnxMiniLMEmbedder(CachedEmbedder):
    """The bundled MiniLM model run by ONNX Runtime; vectors match PyTorch's (cosine >= 0.999).

    It shares the PyTorch backend's name, because its vectors are the same. Nothing is loaded
    until the first text is encoded, so an embedder that is never used costs nothing.

    Args:
        batch_size: texts per forward pass (default 32).
        fallback: when ONNX Runtime cannot run here, encode with PyTorch instead (warning once
            with the reason) rather than fail.
    """

    def __init__(self, *, batch_size: int = DEFAULT_BATCH_SIZE, fallback: bool = False) -> None:
        super().__init__(batch_size=batch_size)
        self.fallback = fallback

    def __getstate__(self) -> dict[str, object]:
        return {**super().__getstate__(), "fallback": self.fallback}

    def _encode_new(self, texts: Sequence[str], *, show_progress: bool) -> np.ndarray:
        if self.fallback:
            reason = onnx_available()
            if reason is not None:
                from ._torch import MiniLMEmbedder

                _warn_fallback(reason)
                return MiniLMEmbedder(batch_size=self.batch_size)._encode_new(
                    texts, show_progress=show_progress)
        return _load_onnx_model().encode(texts, batch_size=self.batch_size,
                                         show_progress=show_progress)


@lru_cache(maxsize=1)
def _warn_fallback(reason: str) -> None:
    warnings.warn(f"embedding with PyTorch: the ONNX Runtime backend is unavailable ({reason})",
                  RuntimeWarning, stacklevel=4)
