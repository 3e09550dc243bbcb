"""What adapting to an officer's corrections adds to analyse (issue 16: under 2 s for 200 at 10,000).

A synthetic call of ``--n`` statements (``bench/synthetic.py``) with stand-in vectors (so the
embedding step, which corrections do not touch, costs nothing here) is analysed three times in one
process: a warm-up, then with no corrections and with ``--corrections`` random ones (random
statements, random labels). The difference of the stages that corrections touch (``fit_models``:
the correction layers; ``themes`` and ``stance``: applying them) is the cost of adapting.

    .venv/bin/python bench/adapt_cost.py --n 10000 --corrections 200 --out bench/results/adapt-cost.json
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import load_sample, make_submissions, proxy_vectors, statement_sources, write_results

import evidence_lab as el
from evidence_lab.codebook import OTHER_THEME, load_codebook
from evidence_lab.embed import BUNDLED_MODEL, PrecomputedEmbedder, get_embedder
from evidence_lab.segmentation import segment

STAGES = ("fit_models", "themes", "stance")


def _timed(name: str, subs: pd.DataFrame, segs: pd.DataFrame, embedder: PrecomputedEmbedder,
           corrections: pd.DataFrame | None, runs: dict) -> el.Analysis:
    started = time.perf_counter()
    result = el.analyse(subs, segments=segs, embedder=embedder, corrections=corrections,
                        show_progress=False)
    runs[name] = {"total_s": round(time.perf_counter() - started, 2),
                  **{s: result.run["timings_s"][s] for s in STAGES},
                  "label_source": result.segments["label_source"].value_counts().to_dict()}
    print(name, runs[name], flush=True)
    return result


def _systematic(segments: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` corrections that disagree with the shipped model the same way (as a review's own
    grouping does), so that cross-validation keeps the layer on and its full cost is paid."""
    themes = [*load_codebook().theme_ids, OTHER_THEME]
    shift = {t: themes[(i + 1) % len(themes)] for i, t in enumerate(themes)}
    flip = {"positive": "negative", "negative": "positive", "mixed": "negative",
            "neutral": "neutral"}
    chosen = segments.sample(n, random_state=0)
    return pd.DataFrame({"segment_id": chosen["segment_id"], "text": chosen["text"],
                         "theme": chosen["primary_theme"].map(shift),
                         "pcc_sentiment": chosen["pcc_sentiment"].map(flip)})


def _isolated(segments: pd.DataFrame, embedder: PrecomputedEmbedder,
              corrections: pd.DataFrame) -> dict:
    """The adapting work alone, best of three: fit both layers, then predict every statement with
    the adapted models minus the same with the shipped ones; plus, once, the training corpus'
    geometry the layers share (kept for the process after the first review's corrections)."""
    from evidence_lab.adapt import adapt_models, corpus_whitening
    from evidence_lab.models import fit_models
    from evidence_lab.training import cached_corpus_vectors

    shipped = fit_models(load_codebook(), embedder=embedder)
    statements = segments[["segment_id", "submission_id", "text"]]
    fits, applies = [], []
    for _ in range(3):
        started = time.perf_counter()
        themes, stance = adapt_models(shipped, corrections)
        fits.append(time.perf_counter() - started)
        started = time.perf_counter()
        themes.predict_proba(statements)
        stance.predict_proba(statements)
        adapted = time.perf_counter() - started
        started = time.perf_counter()
        shipped[0].predict_proba(statements)
        shipped[1].predict_proba(statements)
        applies.append(adapted - (time.perf_counter() - started))
    started = time.perf_counter()  # once per process: the training corpus' geometry
    corpus_whitening(cached_corpus_vectors(embedder))
    geometry = time.perf_counter() - started
    out = {"corpus_geometry_s": round(geometry, 3), "fit_layers_s": round(min(fits), 3),
           "apply_layers_s": round(max(min(applies), 0), 3),
           "lambda": {"theme": themes.layer_.lambda_, "stance": stance.layer_.lambda_}}
    out["total_s"] = round(geometry + out["fit_layers_s"] + out["apply_layers_s"], 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--corrections", type=int, default=200)
    parser.add_argument("--out")
    args = parser.parse_args()
    sample = load_sample()
    subs = make_submissions(sample, args.n).drop(columns="n_statements")
    segs = segment(subs, show_progress=False)
    vectors, _ = proxy_vectors(segs["text"].tolist(), statement_sources(sample, args.n),
                               lambda texts: get_embedder().encode(texts))
    embedder = PrecomputedEmbedder(dict(zip(segs["text"], vectors, strict=True)),
                                   name=BUNDLED_MODEL)
    runs = {}
    for name in ("warm-up", "none"):
        result = _timed(name, subs, segs, embedder, None, runs)
    corrections = _systematic(result.segments, args.corrections)
    result = _timed("corrected", subs, segs, embedder, corrections, runs)
    runs["isolated"] = _isolated(result.segments, embedder, corrections)
    print("isolated", runs["isolated"], flush=True)
    added = sum(runs["corrected"][s] - runs["none"][s] for s in STAGES)
    report = {"statements": len(segs), "corrections": args.corrections, "runs": runs,
              "added_by_adapting_s": round(added, 2),
              "isolated_adapting_s": runs["isolated"]["total_s"], "command": " ".join(sys.argv)}
    print(f"adapting to {args.corrections} corrections at {len(segs)} statements adds "
          f"{added:.2f} s to analyse (stages {', '.join(STAGES)}; the same work timed alone: "
          f"{runs['isolated']['total_s']:.2f} s)")
    write_results(report, args.out)


if __name__ == "__main__":
    main()
