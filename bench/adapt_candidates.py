"""Which review-local adaptation to ship: candidates measured with simulated corrections (issue 16).

For each real dev set (``../shared/data/dev_real.jsonl``, ``dev_gold.jsonl``: scored only, never
trained on by the shipped models), ``--k`` statements are treated as an officer's corrections
(random, or picked as ``evidence-lab suggest`` picks them) and the others are scored, with and
without adaptation, over ``--seeds`` draws. Candidates, all on top of the shipped models:

* ``layer``: :class:`evidence_lab.adapt.CorrectionLayer` (the shipped model's errors at the
  corrections carried to similar statements; strength and width by CV on the corrections);
* ``knn``: a similarity-weighted vote of the corrections added to the shipped probabilities;
* ``spread``: label propagation over the review's own 10-nearest-neighbour graph (corrections
  clamped, the shipped probabilities as the prior of every other statement);
* ``head``: the shipped embedding head refitted on the corrections, pulled towards its shipped
  weights (L2 to them), replacing its share of the shipped probabilities;
* ``stack``: a logistic regression on the corrections over embedding + log shipped probabilities,
  blended half and half.

    .venv/bin/python bench/adapt_candidates.py --k 30 --seeds 5 --out bench/results/adapt-candidates.json
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
from evidence_lab.adapt import CorrectionLayer
from evidence_lab.codebook import load_codebook

SETS = Path(__file__).resolve().parents[2] / "shared" / "data"
Adapter = Callable[[np.ndarray, dict, np.ndarray, np.ndarray, np.ndarray, str], np.ndarray]


def _onehot(y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    return (y[:, None] == classes[None, :]).astype(float)


def _norm(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-9, None)
    return p / p.sum(axis=1, keepdims=True)


def layer(P, base, L, y, C, task):
    fitted = CorrectionLayer().fit(base["vectors"][L], P[L], list(y), list(C))
    return fitted.transform(base["vectors"], P)


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


def stack(P, base, L, y, C, task):
    if len(set(y)) < 2:
        return P
    X = np.hstack([base["vectors"], np.log(P + 1e-6)])
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(X[L], y)
    Q = np.full_like(P, 1e-6)
    for j, cls in enumerate(lr.classes_):
        Q[:, list(C).index(cls)] = lr.predict_proba(X)[:, j]
    return 0.5 * P + 0.5 * _norm(Q)


CANDIDATES: dict[str, Adapter] = {"layer": layer, "knn": knn, "spread": spread, "head": head,
                                  "stack": stack}


def _scores(frame, book, base, theme_p, stance_p, rest):
    themes = ev._themes_of(theme_p, base["themes"])
    stances = base["stance"].decide(stance_p, frame["text"].tolist())
    s = ev.score_predictions(frame.iloc[rest], list(themes[rest]), list(stances[rest]), book)
    return s["theme"]["macro_f1"], s["pcc_sentiment"]["macro_f1"]


def run(name: str, k: int, seeds: int) -> list[dict]:
    book = load_codebook()
    frame = ev.read_gold(SETS / f"{name}.jsonl").reset_index(drop=True)
    base = ev._shipped_predictions(frame, book)
    base["frame"] = frame
    rows = []
    for strategy in ("random", "suggest"):
        for seed in range(seeds):
            chosen = ev._choose(strategy, k, seed, base)
            rest = np.setdiff1d(np.arange(len(frame)), chosen)
            before = _scores(frame, book, base, base["theme_proba"], base["stance_proba"], rest)
            for cand, adapt in CANDIDATES.items():
                adapted = []
                for task, column, proba, classes in (
                        ("theme", "theme", base["theme_proba"], base["themes"].classes_),
                        ("stance", "pcc_sentiment", base["stance_proba"], base["stance"].classes_)):
                    labels = frame[column].iloc[chosen]
                    L = chosen[labels.notna().to_numpy()]
                    y = frame[column].iloc[L].to_numpy(dtype=object)
                    out = adapt(proba, base, L, y, np.asarray(classes, dtype=object), task).copy()
                    out[L] = _onehot(y, np.asarray(classes, dtype=object))  # the officer's own
                    adapted.append(out)
                after = _scores(frame, book, base, adapted[0], adapted[1], rest)
                rows.append({"set": name, "strategy": strategy, "seed": seed, "candidate": cand,
                             "theme_gain": after[0] - before[0], "stance_gain": after[1] - before[1]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=30)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args()
    rows = [r for name in ("dev_real", "dev_gold") for r in run(name, args.k, args.seeds)]
    table = pd.DataFrame(rows).groupby(["set", "strategy", "candidate"])[
        ["theme_gain", "stance_gain"]].agg(["mean", "std"]).round(3)
    print(table.to_string())
    write_results({"k": args.k, "seeds": args.seeds, "command": " ".join(sys.argv),
                   "mean_gain": {f"{s}/{st}/{c}": {"theme": float(v[("theme_gain", "mean")]),
                                                  "stance": float(v[("stance_gain", "mean")])}
                                 for (s, st, c), v in table.iterrows()}}, args.out)


if __name__ == "__main__":
    main()
