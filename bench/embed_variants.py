"""Embedding throughput of the bundled MiniLM model under a few settings (run by hand).

    .venv/bin/python bench/embed_variants.py --n 2000 --out bench/results/embed-variants.json

Same synthetic statements (``bench/synthetic.py``) for every variant, model loaded once:

* batch size 16, 32 (the package's default), 64 and 128, texts sorted by length as
  :class:`evidence_lab.embed.MiniLMEmbedder` does;
* the same with the texts in corpus order (what sorting by length buys);
* dynamic int8 quantisation of the Linear layers (``torch.ao.quantization.quantize_dynamic``),
  with the cosine similarity of its vectors to the float32 ones (how much it changes them);
* ONNX Runtime (:mod:`evidence_lab.embed._onnx`, the package's default backend) in float32 at batch
  16 and 32, and its dynamic int8 quantisation (``onnxruntime.quantization.quantize_dynamic``),
  with cosines to PyTorch's float32 vectors. PyTorch and ONNX Runtime at batch 32 are timed twice,
  alternately, so that drift in the machine's speed shows.

Each variant is timed once after a short warm-up; sentences per second are reported.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def _rate(model: Any, texts: list[str], batch_size: int) -> tuple[float, np.ndarray]:
    model.encode(texts[:64], batch_size=batch_size, normalize_embeddings=True)  # warm-up
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                           convert_to_numpy=True, show_progress_bar=False)
    return len(texts) / (time.perf_counter() - start), vectors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="statements (default 2,000)")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args(argv)

    import synthetic
    import torch

    from evidence_lab.embed import bundled_model_path, load_sentence_transformer

    texts = synthetic.make_statements(synthetic.load_sample(), args.n, seed=7)
    by_length = sorted(texts, key=len)
    model = load_sentence_transformer(str(bundled_model_path()))
    report: dict[str, Any] = {"n": len(texts), "torch_threads": torch.get_num_threads(),
                              "load_average_start": os.getloadavg(), "variants": {}}
    reference = None
    for batch in (16, 32, 64, 128):
        rate, vectors = _rate(model, by_length, batch)
        reference = vectors if batch == 32 else reference
        report["variants"][f"sorted, batch {batch}"] = round(rate, 1)
        print(f"  sorted, batch {batch:<4} {rate:7.1f} sentences/s", flush=True)
    rate, _ = _rate(model, texts, 32)
    report["variants"]["unsorted, batch 32"] = round(rate, 1)
    print(f"  unsorted, batch 32   {rate:7.1f} sentences/s", flush=True)

    quantised = torch.ao.quantization.quantize_dynamic(copy.deepcopy(model), {torch.nn.Linear},
                                                       dtype=torch.qint8)
    rate, vectors = _rate(quantised, by_length, 32)
    cosine = (vectors * reference).sum(axis=1)
    report["variants"]["int8 dynamic, sorted, batch 32"] = round(rate, 1)
    report["int8_cosine_to_float32"] = {"mean": round(float(cosine.mean()), 4),
                                        "min": round(float(cosine.min()), 4)}
    print(f"  int8 dynamic, batch 32 {rate:7.1f} sentences/s; cosine to float32 mean "
          f"{cosine.mean():.4f}, min {cosine.min():.4f}", flush=True)
    _onnx_variants(model, by_length, reference, report)
    report["load_average_end"] = os.getloadavg()
    synthetic.write_results(report, args.out)
    return 0


def _onnx_rate(model: Any, texts: list[str], batch_size: int) -> tuple[float, np.ndarray]:
    model.encode(texts[:64], batch_size=batch_size)  # warm-up
    start = time.perf_counter()
    vectors = model.encode(texts, batch_size=batch_size)
    return len(texts) / (time.perf_counter() - start), vectors


def _onnx_variants(torch_model: Any, by_length: list[str], reference: np.ndarray,
                   report: dict[str, Any]) -> None:
    import tempfile

    from onnxruntime.quantization import QuantType, quantize_dynamic

    from evidence_lab.embed import bundled_model_path
    from evidence_lab.embed._onnx import _OnnxModel, exported_model_path

    exported = exported_model_path()
    onnx_model = _OnnxModel(exported, bundled_model_path())

    def record(name: str, rate: float, vectors: np.ndarray | None = None) -> None:
        report["variants"][name] = round(rate, 1)
        line = f"  {name:<34} {rate:7.1f} sentences/s"
        if vectors is not None:
            cosine = (vectors * reference).sum(axis=1)
            report.setdefault("cosine_to_torch_float32", {})[name] = {
                "mean": round(float(cosine.mean()), 7), "min": round(float(cosine.min()), 7)}
            line += f"; cosine to PyTorch mean {cosine.mean():.7f}, min {cosine.min():.7f}"
        print(line, flush=True)

    rate, vectors = _onnx_rate(onnx_model, by_length, 16)
    record("onnx float32, sorted, batch 16", rate, vectors)
    for repeat in (1, 2):
        rate, vectors = _onnx_rate(onnx_model, by_length, 32)
        record(f"onnx float32, sorted, batch 32 (run {repeat})", rate, vectors)
        rate, _ = _rate(torch_model, by_length, 32)
        record(f"torch float32, sorted, batch 32 (run {repeat})", rate)
    with tempfile.TemporaryDirectory() as folder:
        quantised = Path(folder) / "int8.onnx"
        quantize_dynamic(str(exported), str(quantised), weight_type=QuantType.QInt8)
        rate, vectors = _onnx_rate(_OnnxModel(quantised, bundled_model_path()), by_length, 32)
        record("onnx int8 dynamic, sorted, batch 32", rate, vectors)


if __name__ == "__main__":
    raise SystemExit(main())
