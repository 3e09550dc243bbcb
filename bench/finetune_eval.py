"""Does fine-tuning the bundled sentence encoder lift themes and stance on real text?

Issue 13 names a linear head on frozen MiniLM embeddings as a ceiling. This measures the obvious
next step before anyone builds it into the package: the bundled model fine-tuned SetFit-style
(batch-all triplet loss over the shipped training corpus, each statement's class the pair of its
theme and stance, so statements with the same coding are pulled together), then the same theme
and stance estimators fitted on the new vectors and the real dev sets scored through ``analyse``,
exactly as ``evidence-lab evaluate`` scores them with the shipped models.

Only the shipped corpus is trained on; the dev sets are scored, never seen in training. Seeded
(torch, Python and the batch order), CPU only::

    .venv/bin/python bench/finetune_eval.py --epochs 1 --out bench/results/finetune-eval.json
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
from sentence_transformers import SentenceTransformer, losses

from evidence_lab.codebook import load_codebook
from evidence_lab.embed import BUNDLED_MODEL, bundled_model_path
from evidence_lab.evaluation import read_gold, score_predictions
from evidence_lab.pipeline import analyse
from evidence_lab.training import load_training_corpus

DEV = Path(__file__).resolve().parents[2] / "shared" / "data"


class TunedEmbedder:
    """A fine-tuned copy of the bundled model as an evidence_lab embedder (unit vectors)."""

    def __init__(self, model: SentenceTransformer, name: str) -> None:
        self.model, self.name = model, name
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts, *, show_progress: bool = False) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            vectors = self.model.encode(new, batch_size=64, normalize_embeddings=True,
                                        show_progress_bar=show_progress)
            self._cache.update(zip(new, np.asarray(vectors, dtype=np.float32), strict=True))
        return np.vstack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384))


def fine_tune(corpus: pd.DataFrame, *, epochs: int, batch: int, lr: float, seed: int
              ) -> SentenceTransformer:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    model = SentenceTransformer(str(bundled_model_path()), device="cpu")
    classes = (corpus["theme"] + "|" + corpus["pcc_sentiment"]).astype("category")
    labels = torch.tensor(classes.cat.codes.to_numpy(), dtype=torch.long)
    texts = corpus["text"].tolist()
    loss = losses.BatchAllTripletLoss(model)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr)
    model.train()
    rng = np.random.default_rng(seed)
    for epoch in range(epochs):
        order = rng.permutation(len(texts))
        started, total = time.perf_counter(), 0.0
        for step, first in enumerate(range(0, len(order), batch)):
            picked = order[first:first + batch]
            features = model.preprocess([texts[i] for i in picked])
            value = loss([features], labels[picked])
            optimiser.zero_grad()
            value.backward()
            optimiser.step()
            total += float(value.detach())
            if step % 20 == 0:
                print(f"epoch {epoch} step {step} loss {total / (step + 1):.4f} "
                      f"{time.perf_counter() - started:.0f}s", flush=True)
    model.eval()
    return model


def score(path: Path, embedder, book) -> dict[str, float]:
    gold = read_gold(path)
    ids = [f"gold-{i}" for i in range(len(gold))]
    result = analyse(pd.DataFrame({"submission_id": ids, "text": gold["text"].tolist()}),
                     codebook=book, embedder=embedder, show_progress=False)
    table = result.submissions.set_index("submission_id").loc[ids]
    report = score_predictions(gold, table["primary_theme"].tolist(),
                               table["pcc_sentiment"].tolist(), book)
    return {"theme": round(report["theme"]["macro_f1"], 3),
            "stance": round(report["pcc_sentiment"]["macro_f1"], 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch", type=int, default=48)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    book = load_codebook()
    corpus = load_training_corpus()
    results: dict[str, object] = {"settings": vars(args) | {"out": str(args.out)}}
    results["frozen"] = {name: score(DEV / f"{name}.jsonl", None, book)  # the shipped models
                         for name in ("dev_real", "dev_gold")}
    print("frozen", results["frozen"], flush=True)
    started = time.perf_counter()
    tuned = TunedEmbedder(fine_tune(corpus, epochs=args.epochs, batch=args.batch, lr=args.lr,
                                    seed=args.seed), f"{BUNDLED_MODEL}-tuned")
    results["fine_tune_seconds"] = round(time.perf_counter() - started, 1)
    results["tuned"] = {name: score(DEV / f"{name}.jsonl", tuned, book)
                        for name in ("dev_real", "dev_gold")}
    print("tuned", results["tuned"], flush=True)
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
