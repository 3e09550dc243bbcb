"""Which review-local adaptation to ship: candidates measured with simulated corrections (issue 16).

For each real dev set (``../shared/data/dev_real.jsonl``, ``dev_gold.jsonl``: scored only, never
trained on by the shipped models), ``--k`` statements are treated as an officer's corrections
(random, or picked as ``evidence-lab suggest`` picks them) and the others are scored, with and
without adaptation, over ``--seeds`` draws. Candidates, all on top of the shipped models:

* ``layer``: :class:`evidence_lab.adapt.CorrectionLayer` as ``analyse`` uses it;
* ``embedding_only``, ``with_words``: the layer without and with the corrected statements' own
  TF-IDF words beside the embedding (themes); ``words``, ``words3``: the same with the whole
  review's vocabulary (words in two statements or more) at scale 1 and 3; ``words_only``: a
  shift on the review's words alone;
* ``kernel``: the layer shipped before it (the shipped model's errors at the corrections carried
  to similar statements by a cosine kernel; strength and width by CV on the corrections);
* ``bias``: one logit bias per class fitted on the corrections (L2, strength by CV);
* ``linear_iso``: a logit shift linear in the embedding, fitted on the corrections with a plain
  L2 penalty (strength by CV); ``layer`` is the same with the penalty measured in the training
  corpus' geometry;
* ``wide``, ``anchors``, ``layer_kernel``: the layer with more strengths to choose from, with the
  codebook's descriptions and examples counted as corrections (themes), and with ``kernel`` on top;
* ``refit``: the shipped heads (embedding and word models of each task) refitted, warm-started,
  on the shipped training rows plus the corrections at weight 30 (slow: 10-30 s a refit, so only
  with ``--candidates refit``);
* ``knn``: a similarity-weighted vote of the corrections added to the shipped probabilities;
* ``spread``: label propagation over the review's own 10-nearest-neighbour graph (corrections
  clamped, the shipped probabilities as the prior of every other statement);
* ``head``: the shipped embedding head refitted on the corrections, pulled towards its shipped
  weights (L2 to them), replacing its share of the shipped probabilities;
* ``stack``: a logistic regression on the corrections over embedding + log shipped probabilities,
  blended half and half.

    .venv/bin/python bench/adapt_candidates.py --k 10,20,30 --seeds 5 --out bench/results/adapt-candidates.json
    .venv/bin/python bench/adapt_candidates.py --k 30 --seeds 5 --candidates refit,layer \
        --out bench/results/adapt-refit.json
    .venv/bin/python bench/adapt_candidates.py --k 10,20,30 --seeds 5 \
        --candidates layer,wide,anchors,layer_kernel --out bench/results/adapt-variants.json
    .venv/bin/python bench/adapt_candidates.py --sets dev_real --k 60,100 --seeds 5 \
        --candidates layer,kernel --out bench/results/adapt-many.json
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_results

from evidence_lab import evaluation as ev
from evidence_lab.adapt import WORDS, CorrectionLayer, shipped_whitening_for
from evidence_lab.codebook import load_codebook
from evidence_lab.models import training_frame

SETS = Path(__file__).resolve().parents[2] / "shared" / "data"
Adapter = Callable[[np.ndarray, dict, np.ndarray, np.ndarray, np.ndarray, str], np.ndarray]


def _onehot(y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    return (y[:, None] == classes[None, :]).astype(float)


def _norm(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, None)
    return p / p.sum(axis=1, keepdims=True)


def layer(P, base, L, y, C, task, words=None):
    """The layer as ``analyse`` fits it (the review's words beside the embedding for themes)."""
    whitening = shipped_whitening_for(base["themes"].embedder, base["vectors"].shape[1])
    scale = WORDS["theme" if task == "theme" else "pcc_sentiment"] if words is None else words
    texts = base["frame"]["text"].tolist()
    fitted = CorrectionLayer(whitening=whitening, words=scale).fit(
        base["vectors"][L], P[L], list(y), list(C), [texts[i] for i in L])
    return fitted.transform(base["vectors"], P, texts)


def embedding_only(P, base, L, y, C, task):
    """The layer on the embedding alone."""
    return layer(P, base, L, y, C, task, words=0.0)


def with_words(P, base, L, y, C, task):
    """The layer with the corrected statements' own words beside the embedding, for themes."""
    return layer(P, base, L, y, C, task, words=1.0 if task == "theme" else 0.0)


def wide(P, base, L, y, C, task):
    """The layer with a wider choice of strengths."""
    whitening = shipped_whitening_for(base["themes"].embedder, base["vectors"].shape[1])
    fitted = CorrectionLayer(lambdas=(30.0, 10.0, 3.0, 1.0, 0.3, 0.1, 0.03), whitening=whitening)
    return fitted.fit(base["vectors"][L], P[L], list(y), list(C)).transform(base["vectors"], P)


def anchors(P, base, L, y, C, task):
    """The layer with the codebook's descriptions and examples counted as corrections (themes)."""
    if task != "theme":
        return layer(P, base, L, y, C, task)
    book = load_codebook()
    texts = [t for th in book.themes for t in th.prompt_texts()]
    labels = [th.id for th in book.themes for _ in th.prompt_texts()]
    vectors = base["themes"].embedder.encode(texts)
    proba = base["themes"].predict_proba(pd.DataFrame({"text": texts}))
    whitening = shipped_whitening_for(base["themes"].embedder, base["vectors"].shape[1])
    fitted = CorrectionLayer(whitening=whitening).fit(
        np.vstack([base["vectors"][L], vectors]), np.vstack([P[L], proba]), [*y, *labels], list(C))
    return fitted.transform(base["vectors"], P)


def layer_kernel(P, base, L, y, C, task):
    """The kernel layer on top of the shipped one."""
    return kernel(layer(P, base, L, y, C, task), base, L, y, C, task)


def linear_iso(P, base, L, y, C, task):
    fitted = CorrectionLayer().fit(base["vectors"][L], P[L], list(y), list(C))
    return fitted.transform(base["vectors"], P)


def bias(P, base, L, y, C, task):
    """The layer's machinery with a constant feature only: one logit bias per class."""
    ones = np.zeros((len(P), 0))
    fitted = CorrectionLayer().fit(ones[L], P[L], list(y), list(C))
    return fitted.transform(ones, P)


def kernel(P, base, L, y, C, task, gammas=(0.0, 1.0, 2.0), taus=(0.1, 0.2, 0.3), shrink=0.5):
    """The layer shipped before: p + gamma * sum_j K r_j / (shrink + sum_j K), K = exp((cos-1)/tau),
    r_j = onehot(y_j) - p(x_j); (gamma, tau) by 5-fold CV on the corrections, one-SE rule."""
    V, n = base["vectors"], len(L)
    truth = _onehot(y, C)
    residuals = truth - P[L]

    def move(p, k, r, gamma):
        if gamma == 0 or k.shape[1] == 0:
            return p
        return _norm(p + gamma * (k @ r) / (shrink + k.sum(axis=1, keepdims=True)))

    if n < 4:
        return P
    fold = np.random.default_rng(0).permutation(n) % min(5, n)
    sims = V[L] @ V[L].T
    unchanged = np.log((P[L] * truth).sum(axis=1) + 1e-9)
    chosen, best = (0.0, taus[0]), 0.0
    for tau in taus:
        K = np.exp((sims - 1.0) / tau)
        for gamma in gammas:
            held = np.empty(n)
            for f in np.unique(fold):
                tr, te = fold != f, fold == f
                moved = move(P[L][te], K[np.ix_(te, tr)], residuals[tr], gamma)
                held[te] = np.log((moved * truth[te]).sum(axis=1) + 1e-9)
            gain = held - unchanged
            mean, error = gain.mean(), gain.std(ddof=1) / np.sqrt(n)
            if gamma > 0 and mean > error and mean > best:
                chosen, best = (gamma, tau), mean
    gamma, tau = chosen
    return move(P, np.exp((V @ V[L].T - 1.0) / tau), residuals, gamma)


def knn(P, base, L, y, C, task, beta=3.0, tau=0.1):
    kernel = np.exp((base["vectors"] @ base["vectors"][L].T - 1) / tau)
    return _norm(P + beta * kernel @ _onehot(y, C))


def spread(P, base, L, y, C, task, alpha=0.5, k=10):
    V = base["vectors"]
    S = V @ V.T
    np.fill_diagonal(S, -1)
    n = len(V)
    W = np.zeros((n, n))
    idx = np.argsort(-S, axis=1)[:, :k]
    rows = np.repeat(np.arange(n), k)
    W[rows, idx.ravel()] = np.exp((S[rows, idx.ravel()] - 1) / 0.1)
    W = np.maximum(W, W.T)
    d = np.sqrt(W.sum(axis=1).clip(1e-9))
    S = W / d[:, None] / d[None, :]
    Y0 = P.copy()
    Y0[L] = _onehot(y, C)
    F = Y0.copy()
    for _ in range(30):
        F = alpha * S @ F + (1 - alpha) * Y0
        F[L] = _onehot(y, C)
    return _norm(F)


def head(P, base, L, y, C, task, lam=1.0):
    model = base["themes"] if task == "theme" else base["stance"]
    lr = model.embedding_model_ if task == "theme" else model.model_
    share = 0.45 if task == "theme" else 0.6  # the head's share of the shipped probabilities
    statements = base["frame"][["text"]]
    F = base["vectors"] if task == "theme" else model._features(statements)
    W0, b0, hc = lr.coef_, lr.intercept_, lr.classes_
    Y, X = _onehot(y, hc), F[L]
    c, d = W0.shape

    def loss(theta):
        W, b = theta[:c * d].reshape(c, d), theta[c * d:]
        Z = X @ W.T + b
        Z -= Z.max(axis=1, keepdims=True)
        Pp = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        G = Pp - Y
        value = -(Y * np.log(Pp + 1e-12)).sum() + lam / 2 * (((W - W0) ** 2).sum()
                                                            + ((b - b0) ** 2).sum())
        return value, np.concatenate([(G.T @ X + lam * (W - W0)).ravel(), G.sum(0) + lam * (b - b0)])

    theta = minimize(loss, np.concatenate([W0.ravel(), b0]), jac=True, method="L-BFGS-B").x
    W, b = theta[:c * d].reshape(c, d), theta[c * d:]

    def proba(W, b):
        Z = F @ W.T + b
        Z -= Z.max(axis=1, keepdims=True)
        out = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        aligned = np.zeros((len(F), len(C)))
        for j, cls in enumerate(hc):
            aligned[:, list(C).index(cls)] = out[:, j]
        return aligned

    return _norm(P + share * (proba(W, b) - proba(W0, b0)))


def _warm(shipped: LogisticRegression, X, y, weights, C: float) -> LogisticRegression:
    refit = LogisticRegression(C=C, max_iter=300, class_weight="balanced", warm_start=True)
    refit.coef_, refit.intercept_ = shipped.coef_.copy(), shipped.intercept_.copy()
    return refit.fit(X, y, sample_weight=weights)


def _training(base: dict, task: str) -> dict:
    """The shipped training rows of a task as the shipped model saw them (computed once)."""
    if task not in base.setdefault("training", {}):
        data = training_frame()
        model = base["themes"] if task == "theme" else base["stance"]
        column = "theme" if task == "theme" else "pcc_sentiment"
        rows = data[data[column].notna()]
        texts, labels = rows["text"].tolist(), rows[column].tolist()
        if task == "theme":  # the codebook's descriptions and examples are training rows too
            book = load_codebook()
            texts += [t for th in book.themes for t in th.prompt_texts()]
            labels += [th.id for th in book.themes for _ in th.prompt_texts()]
            dense = model.embedder.encode(texts)
        else:
            dense = model._features(pd.DataFrame({"text": texts}))
        base["training"][task] = {"dense": dense, "words": model.vectorizer_.transform(texts),
                                  "y": np.array(labels, dtype=object)}
    return base["training"][task]


def refit(P, base, L, y, C, task, weight=30.0):
    """Both heads of the task refitted on its training rows plus the corrections at ``weight``."""
    import copy

    from scipy import sparse

    rows, model = _training(base, task), copy.copy(base["themes" if task == "theme" else "stance"])
    frame = base["frame"].iloc[L][["text"]]
    dense = base["vectors"][L] if task == "theme" else model._features(frame)
    labels = np.concatenate([rows["y"], y])
    weights = np.concatenate([np.ones(len(rows["y"])), np.full(len(y), weight)])
    X = np.vstack([rows["dense"], dense])
    W = sparse.vstack([rows["words"], model.vectorizer_.transform(frame["text"].tolist())])
    if task == "theme":
        model.embedding_model_ = _warm(model.embedding_model_, X, labels, weights, model.C)
        model.word_model_ = _warm(model.word_model_, W, labels, weights, model.C * 2.5)
    else:
        model.model_ = _warm(model.model_, X, labels, weights, model.C)
        model.word_model_ = _warm(model.word_model_, W, labels, weights, model.C * 5)
    return model.predict_proba(base["frame"][["text"]])


def stack(P, base, L, y, C, task):
    if len(set(y)) < 2:
        return P
    X = np.hstack([base["vectors"], np.log(P + 1e-6)])
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(X[L], y)
    Q = np.full_like(P, 1e-6)
    for j, cls in enumerate(lr.classes_):
        Q[:, list(C).index(cls)] = lr.predict_proba(X)[:, j]
    return 0.5 * P + 0.5 * _norm(Q)


def _review_words(base: dict, alpha: float) -> np.ndarray:
    """TF-IDF of the review's own statements (vocabulary from the review, no labels), scaled."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = base["frame"]["text"].tolist()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2,
                                 stop_words="english", strip_accents="unicode")
    return alpha * vectorizer.fit_transform(texts).toarray()


def words(P, base, L, y, C, task, alpha=1.0):
    """The layer with the review's own words beside the embedding (plain L2 on the words)."""
    vectors = base["vectors"]
    T = _review_words(base, alpha)
    d, m = vectors.shape[1], T.shape[1]
    shipped = shipped_whitening_for(base["themes"].embedder, d)
    whitening = np.eye(d + m + 1)
    if shipped is not None:
        keep = [*range(d), d + m]  # [v, 1] of [v, t, 1]
        whitening[np.ix_(keep, keep)] = shipped
    features = np.hstack([vectors, T])
    fitted = CorrectionLayer(whitening=whitening).fit(features[L], P[L], list(y), list(C))
    return fitted.transform(features, P)


def words3(P, base, L, y, C, task):
    return words(P, base, L, y, C, task, alpha=3.0)


def words_only(P, base, L, y, C, task):
    """A logit shift on the review's own words alone (plain L2)."""
    T = _review_words(base, 1.0)
    fitted = CorrectionLayer().fit(T[L], P[L], list(y), list(C))
    return fitted.transform(T, P)


CANDIDATES: dict[str, Adapter] = {"layer": layer, "embedding_only": embedding_only,
                                   "with_words": with_words, "words": words, "words3": words3,
                                   "words_only": words_only, "kernel": kernel, "bias": bias,
                                  "linear_iso": linear_iso, "knn": knn, "spread": spread,
                                  "head": head, "stack": stack, "refit": refit, "wide": wide,
                                  "anchors": anchors, "layer_kernel": layer_kernel}
#: the first table's candidates (a refit takes 10-30 s; the last three are variants of the layer)
DEFAULT = ["layer", "kernel", "bias", "linear_iso", "knn", "spread", "head", "stack"]


def _scores(frame, book, base, theme_p, stance_p, rest):
    themes = ev._themes_of(theme_p, base["themes"])
    stances = base["stance"].decide(stance_p, frame["text"].tolist())
    s = ev.score_predictions(frame.iloc[rest], list(themes[rest]), list(stances[rest]), book)
    return s["theme"]["macro_f1"], s["pcc_sentiment"]["macro_f1"]


def run(name: str, ks: list[int], seeds: int, candidates: list[str]) -> list[dict]:
    book = load_codebook()
    frame = ev.read_gold(SETS / f"{name}.jsonl").reset_index(drop=True)
    base = ev._shipped_predictions(frame, book)
    base["frame"] = frame
    rows = []
    for k in ks:
        for strategy in ("random", "suggest"):
            for seed in range(seeds):
                chosen = ev._choose(strategy, k, seed, base)
                rest = np.setdiff1d(np.arange(len(frame)), chosen)
                before = _scores(frame, book, base, base["theme_proba"], base["stance_proba"], rest)
                for cand in candidates:
                    after = _scores(frame, book, base, *_adapt(CANDIDATES[cand], base, chosen), rest)
                    rows.append({"set": name, "k": k, "strategy": strategy, "seed": seed,
                                 "candidate": cand, "theme_gain": after[0] - before[0],
                                 "stance_gain": after[1] - before[1]})
                print(name, k, strategy, seed, flush=True)
    return rows


def _adapt(adapt: Adapter, base: dict, chosen: np.ndarray) -> list[np.ndarray]:
    """Theme and stance probabilities of every statement after learning from ``chosen``."""
    frame, adapted = base["frame"], []
    for task, column, proba, classes in (
            ("theme", "theme", base["theme_proba"], base["themes"].classes_),
            ("stance", "pcc_sentiment", base["stance_proba"], base["stance"].classes_)):
        labels = frame[column].iloc[chosen]
        L = chosen[labels.notna().to_numpy()]
        y = frame[column].iloc[L].to_numpy(dtype=object)
        out = adapt(proba, base, L, y, np.asarray(classes, dtype=object), task).copy()
        out[L] = _onehot(y, np.asarray(classes, dtype=object))  # the officer's own
        adapted.append(out)
    return adapted


def compact(table: pd.DataFrame) -> str:
    """Mean gains as a Markdown table: a row per set and candidate, a column per k and strategy,
    each cell ``themes / stance``."""
    means = table.xs("mean", axis=1, level=1)
    cells = means["theme_gain"].map("{:+.3f}".format) + " / " + means["stance_gain"].map(
        "{:+.3f}".format)
    wide = cells.unstack(["k", "strategy"])
    header = ["set", "candidate", *[f"{k} {st}" for k, st in wide.columns]]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for (name, cand), row in wide.iterrows():
        lines.append(f"| {name} | {cand} | " + " | ".join(row.tolist()) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", default="30", help="numbers of corrections, comma-separated")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--candidates", default=",".join(DEFAULT),
                        help=f"comma-separated, of {', '.join(CANDIDATES)}")
    parser.add_argument("--sets", default="dev_real,dev_gold", help="dev sets, comma-separated")
    parser.add_argument("--out")
    args = parser.parse_args()
    ks = [int(k) for k in args.k.split(",")]
    candidates = args.candidates.split(",")
    rows = [r for name in args.sets.split(",") for r in run(name, ks, args.seeds, candidates)]
    table = pd.DataFrame(rows).groupby(["set", "k", "strategy", "candidate"])[
        ["theme_gain", "stance_gain"]].agg(["mean", "std"]).round(3)
    print(table.to_string())
    print(compact(table))
    write_results({"k": ks, "seeds": args.seeds, "command": " ".join(sys.argv),
                   "mean_gain": {f"{s}/{k}/{st}/{c}": {"theme": float(v[("theme_gain", "mean")]),
                                                       "stance": float(v[("stance_gain", "mean")])}
                                 for (s, k, st, c), v in table.iterrows()}}, args.out)


if __name__ == "__main__":
    main()
