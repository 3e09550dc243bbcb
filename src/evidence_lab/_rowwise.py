"""Predictions that do not depend on which other statements are predicted with them.

A matrix product through BLAS (``X @ W``) sums each row's products in an order that depends on
how the rows are split into blocks, so one statement's probabilities move in the last digits
(up to 1e-7 here) with the batch it is predicted in. A review keeps each statement's shipped-model
probabilities from run to run (:mod:`evidence_lab._remembered`) and must give exactly what a
fresh run over all of its statements gives, so the classifiers compute them row by row:
``einsum`` (one fixed order per row) for dense features, scipy's row-by-row product for sparse
ones, and the logistic regression's softmax on top.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import expit, softmax


def rowwise_dot(X: Any, W: np.ndarray) -> np.ndarray:
    """``X @ W.T`` computed row by row: each row's result is the same in any batch."""
    if sparse.issparse(X):
        return np.asarray(sparse.csr_matrix(X) @ np.asarray(W, dtype=np.float64).T)
    X = np.asarray(X, dtype=np.float64)
    return np.einsum("ij,kj->ik", X, np.asarray(W, dtype=np.float64))


def logistic_proba(model: Any, X: Any) -> np.ndarray:
    """A fitted ``LogisticRegression``'s ``predict_proba(X)``, row by row (equal to
    scikit-learn's within 1e-12)."""
    scores = rowwise_dot(X, model.coef_) + model.intercept_
    if scores.shape[1] == 1:  # two classes: one logit
        positive = expit(scores[:, 0])
        return np.column_stack([1.0 - positive, positive])
    return np.asarray(softmax(scores, axis=1))
