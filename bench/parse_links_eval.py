"""Do the dependency-parse links (``StanceClassifier(use_parse=True)``) earn their cost? (run by hand)

    .venv/bin/python bench/parse_links_eval.py ../shared/data/dev_real.jsonl \\
        ../shared/data/dev_gold.jsonl --out bench/results/parse_links.json

Two stance classifiers are fitted on the same shipped training text with the same vectors, one
with ``use_parse=False`` (the default) and one with ``use_parse=True``; each gold statement is
classified whole, with its own explicit target mentions (as ``evidence-lab evaluate`` classifies a
short statement), and scored as the annotation standard asks (macro-F1 over positive, negative and
neutral; a gold ``mixed`` is right when the tool is polar or mixed). The gold files are for
measuring only: nothing is fitted or tuned on them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from synthetic import write_results

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def fit(use_parse: bool) -> Any:
    """A stance classifier fitted on the shipped corpus, vectors from the shipped cache."""
    from evidence_lab.codebook import load_codebook
    from evidence_lab.embed import PrecomputedEmbedder, resolve_embedder
    from evidence_lab.models import training_frame
    from evidence_lab.stance import StanceClassifier
    from evidence_lab.training import corpus_vectors

    data = training_frame()
    data = data[data["pcc_sentiment"].notna()].reset_index(drop=True)
    texts = data["text"].tolist()
    embedder = resolve_embedder(None)
    cached = PrecomputedEmbedder(dict(zip(texts, corpus_vectors(texts, embedder), strict=True)),
                                 name=embedder.name)
    model = StanceClassifier(codebook=load_codebook(), embedder=cached, use_parse=use_parse)
    model.fit(data[["text"]], data["pcc_sentiment"].tolist())
    return model.set_params(embedder=embedder)


def score(gold: Any, predicted: list[str]) -> dict[str, Any]:
    from sklearn.metrics import f1_score

    from evidence_lab.evaluation import POLAR, stance_adjusted

    g, p = stance_adjusted(gold["pcc_sentiment"].tolist(), predicted)
    per_class = f1_score(g, p, labels=list(POLAR), average=None, zero_division=0)
    return {"n": len(g), "macro_f1": round(float(f1_score(g, p, labels=list(POLAR),
                                                          average="macro", zero_division=0)), 4),
            **{f"{label}_f1": round(float(v), 4) for label, v in zip(POLAR, per_class,
                                                                      strict=True)}}


def main(argv: list[str] | None = None) -> int:
    from evidence_lab.evaluation import read_gold

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="+", help="JSONL gold files")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {}
    for use_parse in (False, True):
        started = time.perf_counter()
        model = fit(use_parse)
        fitted = time.perf_counter() - started
        name = "use_parse" if use_parse else "default"
        report[name] = {"fit_s": round(fitted, 1)}
        for path in args.gold:
            gold = read_gold(path)
            gold = gold[gold["pcc_sentiment"].notna()].reset_index(drop=True)
            figures = report[name][path.name] = score(gold, model.predict(gold[["text"]]).tolist())
            print(f"{name:<10} {path.name:<16} n {figures['n']:>4} stance macro-F1 "
                  f"{figures['macro_f1']:.3f} negative F1 {figures['negative_f1']:.3f}")
    write_results(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
