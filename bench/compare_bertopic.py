"""Compare evidence_lab's theme discovery with BERTopic: quality against gold themes, and time.

BERTopic is not a dependency of evidence_lab. Install it into the venv for this script only::

    .venv/bin/pip install bertopic        # brings umap-learn, hdbscan, numba, plotly
    .venv/bin/python bench/compare_bertopic.py --n 10000 --out bench/results/bertopic-10000.json

Both methods get the same texts and the same precomputed MiniLM embeddings, so only the
post-embedding work is compared.

(a) Quality: NMI and ARI of discovered clusters against the gold ``theme`` labels, on the shipped
    labelled corpus (``evidence_lab.training.load_training_corpus()``), on its held-out ``test``
    split, and on the rows of ``/work/shared/data/dev_gold.jsonl`` that have a theme; outlier
    shares. Scores are given over all rows (outliers form one cluster of their own, which is how a
    reader meets them) and over the clustered rows only. evidence_lab, two ways:
    ``evidence_lab_raw`` is ``ThemeDiscoverer(random_state=0)`` on the embeddings alone (the same
    input BERTopic gets); ``evidence_lab_guided`` is ``themes.summary.discover_themes`` as
    ``analyse(..., discover=True)`` runs it (embeddings joined with the codebook theme scores),
    with the theme model fitted on the ``train`` split for the test rows and on the whole corpus
    for dev_gold, so no gold label leaks in (not run on the whole corpus, which trained it).
    BERTopic: its defaults (UMAP 15 neighbours, 5 components, cosine; HDBSCAN min_cluster_size
    10), with UMAP seeded so the scores repeat.
(b) Time on N synthetic statements (``bench/synthetic.py``; vectors from ``bench/_cache/`` when
    ``run_bench.py`` left them there): BERTopic ``fit_transform(texts, embeddings)`` warm (numba
    already compiled in this process) and cold (a fresh interpreter, import and first fit timed
    apart, to show the numba compile cost), unseeded as users run it and seeded; against
    evidence_lab's ``ThemeDiscoverer.fit`` and its whole post-embedding pipeline
    (``analyse(submissions, segments=..., embedder=..., discover=True)``).
(c) Determinism: discovery twice on the same input must give identical labels and theme ids
    (asserted); BERTopic seeded twice is reported.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
DEV_GOLD = Path("/work/shared/data/dev_gold.jsonl")
CACHE = HERE / "_cache"


def bertopic_model(seed: int | None) -> Any:
    """BERTopic with its default UMAP and HDBSCAN settings; ``seed`` fixes UMAP (single-threaded)."""
    from bertopic import BERTopic
    from umap import UMAP

    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    return BERTopic(umap_model=umap, verbose=False)


def scores(gold: list[str], labels: np.ndarray) -> dict[str, Any]:
    """NMI and ARI against gold, over all rows and over clustered rows; cluster count; outliers."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    labels = np.asarray(labels)
    gold_arr = np.asarray(gold, dtype=object)
    clustered = labels != -1
    out = {
        "n": len(labels),
        "clusters": len(set(labels[clustered].tolist())),
        "outlier_share": round(float((~clustered).mean()), 4),
        "nmi": round(float(normalized_mutual_info_score(gold_arr, labels)), 4),
        "ari": round(float(adjusted_rand_score(gold_arr, labels)), 4),
    }
    if clustered.sum() > 1:
        out["nmi_clustered"] = round(float(normalized_mutual_info_score(
            gold_arr[clustered], labels[clustered])), 4)
        out["ari_clustered"] = round(float(adjusted_rand_score(gold_arr[clustered],
                                                               labels[clustered])), 4)
    return out


def guided_labels(texts: list[str], vectors: np.ndarray, split: str | None) -> np.ndarray | None:
    """Labels of ``discover_themes`` as ``analyse(discover=True)`` runs it (embeddings joined with
    the codebook theme scores), with the theme model fitted on ``split`` of the shipped corpus
    (``"train"`` when the statements are the held-out ``test`` rows, so no gold label leaks in).
    None when this version of the package has no guided discovery."""
    import inspect

    import pandas as pd

    from evidence_lab import load_codebook
    from evidence_lab.models import fit_models
    from evidence_lab.themes import assign_themes
    from evidence_lab.themes.summary import discover_themes

    if "guidance" not in inspect.signature(discover_themes).parameters:
        return None
    theme_model, _ = fit_models(load_codebook(), split=split)
    ids = [f"s{i}" for i in range(len(texts))]
    segments = pd.DataFrame({"segment_id": ids, "submission_id": ids, "text": texts})
    segments = assign_themes(segments, vectors, theme_model)
    _, _, model = discover_themes(segments, vectors, random_state=0)
    return model.labels_


def quality(name: str, texts: list[str], gold: list[str], vectors: np.ndarray,
            split: str | None | bool) -> dict[str, Any]:
    """All methods on one labelled corpus; ``split`` is the training split for guided discovery
    (False: skip guided discovery, because its theme model was trained on these very rows)."""
    from evidence_lab.themes import ThemeDiscoverer

    methods: dict[str, np.ndarray] = {}
    methods["evidence_lab_raw"] = ThemeDiscoverer(random_state=0).fit(texts, vectors).labels_
    if split is not False:
        guided = guided_labels(texts, vectors, split)
        if guided is not None:
            methods["evidence_lab_guided"] = guided
    methods["bertopic"] = np.asarray(bertopic_model(seed=0).fit_transform(texts, embeddings=vectors)[0])
    out: dict[str, Any] = {"gold_themes": len(set(gold)), "n": len(texts)}
    print(f"  {name:<22} gold themes {out['gold_themes']:>2}  n {len(texts):>5}")
    for method, labels in methods.items():
        s = out[method] = scores(gold, labels)
        print(f"    {method:<20} clusters {s['clusters']:>3}  outliers {s['outlier_share']:.3f}  "
              f"NMI {s['nmi']:.3f}  ARI {s['ari']:.3f}  "
              f"(clustered only: NMI {s.get('nmi_clustered', float('nan')):.3f}  "
              f"ARI {s.get('ari_clustered', float('nan')):.3f})", flush=True)
    return out


def labelled_corpora() -> dict[str, tuple[list[str], list[str], np.ndarray, str | None | bool]]:
    """(texts, gold themes, vectors, training split for guided discovery) per labelled corpus:
    the whole shipped corpus (raw discovery and BERTopic only), its held-out test split, and the
    rows of dev_gold with a theme (not in the shipped corpus)."""
    from evidence_lab.embed import get_embedder
    from evidence_lab.evaluation import read_gold
    from evidence_lab.training import corpus_vectors, load_training_corpus

    embedder = get_embedder()
    corpus = load_training_corpus()
    corpus = corpus[corpus["theme"].notna()].reset_index(drop=True)
    vectors = corpus_vectors(corpus["text"].tolist(), embedder)
    test = (corpus["split"] == "test").to_numpy()
    out = {"training_corpus": (corpus["text"].tolist(), corpus["theme"].tolist(), vectors, False),
           "training_corpus_test": (corpus["text"][test].tolist(), corpus["theme"][test].tolist(),
                                    vectors[test], "train")}
    if DEV_GOLD.is_file():
        gold = read_gold(DEV_GOLD)
        gold = gold[gold["theme"].notna()]
        texts = gold["text"].tolist()
        out["dev_gold"] = (texts, gold["theme"].tolist(), embedder.encode(texts), None)
    return out


# -- synthetic corpus and timing -------------------------------------------------------------
def synthetic_inputs(n: int, seed: int) -> tuple[Any, Any, np.ndarray]:
    """Submissions, segments and vectors of the synthetic corpus ``run_bench.py`` embedded.

    The cache holds each statement's text, segment id and vector. Submissions are rebuilt from it
    (one statement per paragraph, organisations from the sample) and segmented again; vectors are
    matched by text, and a statement segmented differently is embedded for real. Without a cache
    the corpus is built and embedded here (slow: about 10 minutes for 10,000 statements).
    """
    import pandas as pd
    import synthetic

    from evidence_lab import segment
    from evidence_lab.embed import MiniLMEmbedder

    sample = synthetic.load_sample()
    path = CACHE / f"synthetic-{n}-seed{seed}.npz"
    if not path.is_file():
        print(f"  embedding {n:,} statements (no cache at {path})", flush=True)
        submissions = synthetic.make_submissions(sample, n, seed=seed)
        segments = segment(submissions, show_progress=False)
        vectors = MiniLMEmbedder().encode(segments["text"].tolist(), show_progress=True)
        CACHE.mkdir(exist_ok=True)
        np.savez(path, segment_ids=np.array(segments["segment_id"].tolist()),
                 texts=np.array(segments["text"].tolist()), vectors=vectors)
        return submissions, segments, vectors
    with np.load(path) as data:
        texts, ids, cached = data["texts"].tolist(), data["segment_ids"].tolist(), data["vectors"]
    by_submission: dict[str, list[str]] = {}
    for text, segment_id in zip(texts, ids, strict=True):
        by_submission.setdefault(segment_id.rsplit(":", 1)[0], []).append(text)
    orgs = sample.organisations
    submissions = pd.DataFrame([
        {"submission_id": sid, "organisation": orgs[i % len(orgs)][0],
         "respondent_type": orgs[i % len(orgs)][1], "text": "\n\n".join(statements) + "\n"}
        for i, (sid, statements) in enumerate(by_submission.items())])
    segments = segment(submissions, show_progress=False)
    lookup = dict(zip(texts, cached, strict=True))
    missing = sorted({t for t in segments["text"] if t not in lookup})
    if missing:
        lookup.update(zip(missing, MiniLMEmbedder().encode(missing), strict=True))
    print(f"  vectors from {path} ({len(missing)} statements segmented differently, embedded now)",
          flush=True)
    vectors = np.vstack([lookup[t] for t in segments["text"]]).astype(np.float32)
    return submissions, segments, vectors


def _timed(fn: Any) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - start, 3)


def _cold_child(path: str, seed: str) -> None:
    """Child process: import BERTopic and fit it on cached vectors; print JSON timings."""
    start = time.perf_counter()
    import bertopic  # noqa: F401
    import umap  # noqa: F401

    imported = time.perf_counter()
    with np.load(path) as data:
        texts, vectors = data["texts"].tolist(), data["vectors"]
    loaded = time.perf_counter()
    topics, _ = bertopic_model(None if seed == "none" else int(seed)).fit_transform(
        texts, embeddings=vectors)
    done = time.perf_counter()
    print(json.dumps({"import_s": round(imported - start, 3), "fit_transform_s": round(done - loaded, 3),
                      "topics": int(len(set(topics)) - (-1 in set(topics))),
                      "outlier_share": round(float(np.mean(np.asarray(topics) == -1)), 4)}))


def cold_bertopic(path: Path, seed: int | None, repeats: int) -> list[dict[str, Any]]:
    """BERTopic in fresh interpreters; the first may also pay numba's on-disk cache filling."""
    runs = []
    for _ in range(repeats):
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--_cold", str(path),
                               "--seed", "none" if seed is None else str(seed)],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"    cold ({'unseeded' if seed is None else 'seeded'}): {runs[-1]}", flush=True)
    return runs


def timing(n: int, seed: int) -> dict[str, Any]:
    """Post-embedding time of both methods on the synthetic corpus, plus determinism checks."""
    import synthetic

    from evidence_lab.pipeline import analyse
    from evidence_lab.themes import ThemeDiscoverer

    submissions, segments, vectors = synthetic_inputs(n, seed)
    texts = segments["text"].tolist()
    path = CACHE / f"bertopic-input-{n}-seed{seed}.npz"  # exactly what both methods get
    np.savez(path, texts=np.array(texts), vectors=vectors)
    out: dict[str, Any] = {"segments": len(texts)}

    print("  BERTopic in fresh interpreters (import, then first fit_transform)", flush=True)
    out["bertopic_cold_unseeded"] = cold_bertopic(path, None, repeats=2)
    out["bertopic_cold_seeded"] = cold_bertopic(path, 0, repeats=1)

    bertopic_model(None).fit_transform(texts[:500], embeddings=vectors[:500])  # compile numba
    (topics_a, _), seconds = _timed(lambda: bertopic_model(None).fit_transform(texts, embeddings=vectors))
    out["bertopic_warm_unseeded_s"] = seconds
    (topics_b, _), seconds = _timed(lambda: bertopic_model(0).fit_transform(texts, embeddings=vectors))
    out["bertopic_warm_seeded_s"] = seconds
    (topics_c, _), seconds = _timed(lambda: bertopic_model(0).fit_transform(texts, embeddings=vectors))
    out["bertopic_seeded_repeat_identical"] = bool(np.array_equal(topics_b, topics_c))
    out["bertopic_topics"] = int(len(set(topics_a)) - (-1 in set(topics_a)))
    out["bertopic_outlier_share"] = round(float(np.mean(np.asarray(topics_a) == -1)), 4)
    print(f"  BERTopic warm: unseeded {out['bertopic_warm_unseeded_s']} s, seeded "
          f"{out['bertopic_warm_seeded_s']} s; {out['bertopic_topics']} topics, outliers "
          f"{out['bertopic_outlier_share']}; seeded repeat identical: "
          f"{out['bertopic_seeded_repeat_identical']}", flush=True)

    first, seconds = _timed(lambda: ThemeDiscoverer(random_state=0).fit(texts, vectors))
    out["discoverer_fit_s"] = seconds
    second, seconds = _timed(lambda: ThemeDiscoverer(random_state=0).fit(texts, vectors))
    out["discoverer_fit_repeat_s"] = seconds
    assert np.array_equal(first.labels_, second.labels_), "discovery is not deterministic"
    assert first.themes_["theme_id"].tolist() == second.themes_["theme_id"].tolist()
    out["discoverer_deterministic"] = True
    out["discoverer_themes"] = len(first.themes_)
    out["discoverer_outlier_share"] = round(first.outlier_share_, 4)
    print(f"  ThemeDiscoverer.fit: {out['discoverer_fit_s']} s, repeat {out['discoverer_fit_repeat_s']}"
          f" s, identical labels; {out['discoverer_themes']} themes, outliers "
          f"{out['discoverer_outlier_share']}", flush=True)

    for label in ("first", "again"):  # first fits the theme and stance models; again reuses them
        result, seconds = _timed(lambda: analyse(submissions, segments=segments,
                                                 embedder=synthetic.preloaded(texts, vectors),
                                                 discover=True, show_progress=False))
        out[f"post_embedding_discover_{label}_s"] = seconds
        out[f"post_embedding_discover_{label}_stages"] = result.run["timings_s"]
        print(f"  analyse(discover=True) post-embedding ({label}): {seconds} s "
              f"{result.run['timings_s']}", flush=True)
        if label == "first":
            first_themes = result.segments["primary_theme"].tolist()
    assert result.segments["primary_theme"].tolist() == first_themes, "analyse is not deterministic"
    out["analyse_discover_deterministic"] = True
    ratio = out["bertopic_warm_unseeded_s"] / out["post_embedding_discover_again_s"]
    out["target_post_embedding_2x_faster"] = {
        "bertopic_fit_transform_s": out["bertopic_warm_unseeded_s"],
        "evidence_lab_post_embedding_s": out["post_embedding_discover_again_s"],
        "speedup": round(ratio, 2), "target": 2.0, "met": ratio >= 2.0}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="synthetic statements (default 10,000)")
    parser.add_argument("--seed", default="0", help="seed of the synthetic corpus")
    parser.add_argument("--out", help="write the results as JSON here")
    parser.add_argument("--skip-timing", action="store_true", help="quality only")
    parser.add_argument("--_cold", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._cold:
        _cold_child(args._cold, args.seed)
        return 0
    import bertopic

    report: dict[str, Any] = {"bertopic": bertopic.__version__, "n": args.n,
                              "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
                              "load_average_start": os.getloadavg()}
    print("quality against gold themes", flush=True)
    report["quality"] = {name: quality(name, *data) for name, data in labelled_corpora().items()}
    if not args.skip_timing:
        print(f"time on {args.n:,} synthetic statements", flush=True)
        report["timing"] = timing(args.n, int(args.seed))
        print("target", json.dumps(report["timing"]["target_post_embedding_2x_faster"]))
    report["load_average_end"] = os.getloadavg()
    import synthetic

    synthetic.write_results(report, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
