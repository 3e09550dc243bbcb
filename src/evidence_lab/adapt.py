"""Review-local adaptation: an officer's corrections change the labels of similar statements.

The shipped models know the training corpus, not a review's own way of grouping evidence (one
panel files a funded service's outreach under commissioning, another under engagement). A few dozen
corrections can teach that, but as a handful of rows among thousands of shipped training rows they
barely count, and refitting the shipped models takes tens of seconds.

So the shipped models stay as they are and a :class:`CorrectionLayer` sits on top of each. At every
corrected statement it knows the shipped model's *error* (the officer's label, one-hot, minus the
shipped probabilities) and carries that error to other statements in proportion to their
similarity (a Gaussian-like kernel on the cosine similarity of the sentence embeddings)::

    p'(x) = p(x) + gamma * sum_j K(x, x_j) r_j / (shrink + sum_j K(x, x_j)),
    K(x, x_j) = exp((cos(x, x_j) - 1) / tau),      r_j = onehot(y_j) - p(x_j)

A near-copy of a corrected statement takes the officer's label; a statement like none of them keeps
the shipped model's probabilities; ``gamma`` (how far to trust the corrections) and ``tau`` (how
wide "similar" is) are chosen by cross-validation on the corrections themselves, and ``gamma = 0``
(no change) stays unless a setting beats it on held-out corrections by more than one standard
error, so corrections that do not generalise change nothing.

Why this and not the alternatives: on the shared real dev sets with simulated corrections it lifted
stance macro-F1 more than a prior-regularised refit of the embedding head, a nearest-neighbour vote
blended with the shipped probabilities, a stacked model on embeddings plus shipped probabilities,
or label propagation over the review's similarity graph, and it never needs the training corpus
(it costs one matrix product; see ``docs/learning.md`` for the figures and commands).

:func:`adapt_models` wraps the shipped theme and stance models so that every stage that asks them
for probabilities (statements and short whole submissions) gets the adapted ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted

from .embed import Embedder, Embeddings, resolve_embedder
from .schema import Statements, as_statements
from .stance import StanceClassifier
from .themes import GuidedThemeClassifier

#: ``label_source`` values: who decided a statement's label.
LABEL_SOURCES = ("officer", "review_model", "shipped_model")
GAMMAS = (0.0, 1.0, 2.0)
TAUS = (0.1, 0.2, 0.3)
MIN_CORRECTIONS = 4  # fewer and cross-validation cannot choose; the layer changes nothing


def _onehot(labels: np.ndarray, classes: np.ndarray) -> np.ndarray:
    return (labels[:, None] == classes[None, :]).astype(np.float64)


class CorrectionLayer(BaseEstimator):
    """Carry the shipped model's errors at corrected statements to similar statements.

    Args:
        gammas: candidate strengths; 0 (leave the shipped probabilities alone) should be one.
        taus: candidate kernel widths on the cosine scale (0.1: only close paraphrases count).
        shrink: pseudo-count of "no correction" in the kernel average (default 0.5): a statement
            near one corrected statement moves less than one near several that agree.
        folds: cross-validation folds over the corrections (default 5).
        random_state: seed of the fold assignment.

    Attributes:
        classes_: the label of each probability column.
        vectors_: unit vectors of the corrected statements.
        residuals_: one-hot officer label minus the shipped probabilities, per correction.
        gamma_, tau_: the chosen strength and width (``gamma_ == 0`` means no change).
        cv_loglik_: mean held-out log-likelihood of each (gamma, tau) tried.
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "gammas": ["array-like"], "taus": ["array-like"],
        "shrink": [Interval(Real, 0, None, closed="neither")],
        "folds": [Interval(Integral, 2, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(self, *, gammas: Sequence[float] = GAMMAS, taus: Sequence[float] = TAUS,
                 shrink: float = 0.5, folds: int = 5, random_state: int = 0) -> None:
        self.gammas = gammas
        self.taus = taus
        self.shrink = shrink
        self.folds = folds
        self.random_state = random_state

    def fit(self, vectors: np.ndarray, proba: np.ndarray, labels: Sequence[str],
            classes: Sequence[str]) -> CorrectionLayer:
        """Learn from corrected statements.

        Args:
            vectors: (n, d) unit embeddings of the corrected statements.
            proba: (n, c) the shipped model's probabilities for them.
            labels: the officer's label of each (one of ``classes``).
            classes: the label of each probability column.

        Returns:
            self
        """
        self._validate_params()
        self.classes_ = np.asarray(classes, dtype=object)
        y = np.asarray(labels, dtype=object)
        if len(y) != len(vectors) or len(y) != len(proba):
            raise ValueError(f"fit got {len(vectors)} vectors, {len(proba)} probability rows and "
                             f"{len(y)} labels; pass one of each per corrected statement")
        unknown = sorted(set(y) - set(self.classes_))
        if unknown:
            raise ValueError(f"unknown label(s) {unknown}; use {list(self.classes_)}")
        self.vectors_ = np.asarray(vectors, dtype=np.float32)
        self.residuals_ = _onehot(y, self.classes_) - np.asarray(proba, dtype=np.float64)
        self.gamma_, self.tau_, self.cv_loglik_ = self._choose(y)
        return self

    def _choose(self, y: np.ndarray) -> tuple[float, float, dict[tuple[float, float], float]]:
        """(gamma, tau) by cross-validation on the officers' own labels.

        Each setting's held-out log-likelihood is compared, statement by statement, with leaving
        the shipped probabilities alone (gamma 0); a setting is only taken when its mean gain
        exceeds one standard error of that gain (a correction must earn its reach, not win by
        noise), and then the best such setting is.
        """
        n = len(y)
        if n < MIN_CORRECTIONS:
            return 0.0, float(self.taus[0]), {}
        rng = np.random.default_rng(self.random_state)
        fold = rng.permutation(n) % min(self.folds, n)
        truth = _onehot(y, self.classes_)
        base = truth - self.residuals_  # the shipped probabilities of the corrected statements
        sims = self.vectors_ @ self.vectors_.T
        unchanged = np.log((base * truth).sum(axis=1) + 1e-9)
        scores: dict[tuple[float, float], float] = {}
        chosen, best_gain = (0.0, float(self.taus[0])), 0.0
        for tau in self.taus:
            kernel = np.exp((sims - 1.0) / tau)
            for gamma in self.gammas:
                held_out = np.empty(n)
                for k in np.unique(fold):
                    train, test = fold != k, fold == k
                    part = kernel[np.ix_(test, train)]
                    moved = self._move(base[test], part, self.residuals_[train], gamma)
                    held_out[test] = np.log((moved * truth[test]).sum(axis=1) + 1e-9)
                gain = held_out - unchanged
                scores[(float(gamma), float(tau))] = float(held_out.mean())
                mean, error = float(gain.mean()), float(gain.std(ddof=1) / np.sqrt(n))
                if gamma > 0 and mean > error and mean > best_gain:
                    chosen, best_gain = (float(gamma), float(tau)), mean
        return chosen[0], chosen[1], scores

    def _move(self, proba: np.ndarray, kernel: np.ndarray, residuals: np.ndarray,
              gamma: float) -> np.ndarray:
        if gamma == 0 or kernel.shape[1] == 0:
            return proba
        shift = kernel @ residuals / (self.shrink + kernel.sum(axis=1, keepdims=True))
        out = np.clip(proba + gamma * shift, 1e-9, None)
        return out / out.sum(axis=1, keepdims=True)

    def transform(self, vectors: np.ndarray, proba: np.ndarray) -> np.ndarray:
        """The adapted probabilities of statements (same column order as :attr:`classes_`)."""
        check_is_fitted(self, "residuals_")
        proba = np.asarray(proba, dtype=np.float64)
        if len(proba) == 0 or self.gamma_ == 0:
            return proba
        kernel = np.exp((np.asarray(vectors, dtype=np.float32) @ self.vectors_.T - 1.0) / self.tau_)
        return self._move(proba, kernel.astype(np.float64), self.residuals_, self.gamma_)


class _Adapted:
    """Mixin: the shipped model's probabilities, then the review's correction layer on top.

    ``moved_`` collects the texts whose most likely label the layer changed (over every
    :meth:`predict_proba` call of this model), so the pipeline can say which labels came from the
    review's corrections without asking the shipped model a second time.
    """

    layer_: CorrectionLayer
    moved_: set[str]

    def _adapted(self, statements: pd.DataFrame, shipped: np.ndarray,
                 embedder: Embedder | str | None) -> np.ndarray:
        if len(statements) == 0:
            return shipped
        vectors = resolve_embedder(embedder).encode(statements["text"].tolist())
        adapted = self.layer_.transform(vectors, shipped)
        moved = shipped.argmax(axis=1) != adapted.argmax(axis=1)
        self.moved_ = getattr(self, "moved_", set()) | {
            _key(t) for t in statements["text"][moved]}
        return adapted


def _key(text: str) -> str:
    return " ".join(str(text).split())


class ReviewThemeClassifier(_Adapted, GuidedThemeClassifier):
    """A fitted :class:`GuidedThemeClassifier` with a review's :class:`CorrectionLayer` on top."""

    def predict_proba(self, X: Statements) -> np.ndarray:
        """The shipped probabilities moved by the review's corrections."""
        statements = as_statements(X, stage="theme classifier")
        return self._adapted(statements, super().predict_proba(statements), self.embedder)


class ReviewStanceClassifier(_Adapted, StanceClassifier):
    """A fitted :class:`StanceClassifier` with a review's :class:`CorrectionLayer` on top."""

    def predict_proba(self, X: Statements) -> np.ndarray:
        """The shipped probabilities moved by the review's corrections."""
        statements = as_statements(X, stage="stance classifier")
        return self._adapted(statements, super().predict_proba(statements), self.embedder)


def _wrap(model: Any, kind: type, layer: CorrectionLayer) -> Any:
    adapted = kind(**model.get_params())
    adapted.__dict__.update({k: v for k, v in vars(model).items() if k.endswith("_")})
    adapted.layer_ = layer
    adapted.moved_ = set()
    return adapted


def fit_layer(model: GuidedThemeClassifier | StanceClassifier, corrections: pd.DataFrame,
              field: str, **params: Any) -> CorrectionLayer | None:
    """A :class:`CorrectionLayer` for ``model`` from the rows of ``corrections`` with ``field``.

    Returns None when no correction labels ``field``.
    """
    rows = corrections.dropna(subset=[field]) if field in corrections.columns else corrections[:0]
    rows = rows[rows[field].isin(list(model.classes_))]
    if rows.empty:
        return None
    rows = rows.drop_duplicates("text", keep="last")
    statements = rows[["text"]].reset_index(drop=True)
    vectors = resolve_embedder(model.embedder).encode(statements["text"].tolist())
    return CorrectionLayer(**params).fit(vectors, model.predict_proba(statements),
                                         rows[field].tolist(), list(model.classes_))


def adapt_models(models: tuple[GuidedThemeClassifier, StanceClassifier],
                 corrections: pd.DataFrame | None, **params: Any
                 ) -> tuple[GuidedThemeClassifier, StanceClassifier]:
    """The shipped (theme, stance) models with each one's correction layer on top.

    Args:
        models: fitted theme and stance models (with their embedder set).
        corrections: ``text`` with ``theme`` and/or ``pcc_sentiment`` (NaN: no label for that task).
        params: passed to :class:`CorrectionLayer`.

    Returns:
        The same models when there is nothing to learn from; otherwise
        :class:`ReviewThemeClassifier` and/or :class:`ReviewStanceClassifier`.
    """
    themes, stance = models
    if corrections is None or corrections.empty:
        return themes, stance
    theme_layer = fit_layer(themes, corrections, "theme", **params)
    stance_layer = fit_layer(stance, corrections, "pcc_sentiment", **params)
    if theme_layer is not None:
        themes = _wrap(themes, ReviewThemeClassifier, theme_layer)
    if stance_layer is not None:
        stance = _wrap(stance, ReviewStanceClassifier, stance_layer)
    return themes, stance


def moved_by_corrections(model: Any, texts: Sequence[str]) -> np.ndarray:
    """True for each text whose most likely label an adapted model's correction layer changed in
    its predictions so far (always False for a plain shipped model)."""
    moved: set[str] = getattr(model, "moved_", set()) if isinstance(model, _Adapted) else set()
    return np.array([_key(t) in moved for t in texts], dtype=bool)


def _margin_uncertainty(proba: np.ndarray) -> np.ndarray:
    top = np.sort(proba, axis=1)
    return 1.0 - (top[:, -1] - top[:, -2])


def suggestion_order(vectors: np.ndarray, theme_proba: np.ndarray, stance_proba: np.ndarray,
                     n: int, *, random_state: int = 0) -> np.ndarray:
    """Positions of ``n`` statements to code next: uncertain, representative, diverse.

    The statements are split into ``n`` groups by k-means on their embeddings (k-means++ seeding),
    so large groups get more picks and no two picks come from one group; in each group the pick is
    the statement whose labels the models are least sure of (margin between the two most likely
    labels, theme and stance averaged) times how central it is in its group (cosine to the centre).
    """
    from sklearn.cluster import KMeans

    n = min(n, len(vectors))
    if n <= 0:
        return np.array([], dtype=int)
    uncertainty = 0.5 * _margin_uncertainty(theme_proba) + 0.5 * _margin_uncertainty(stance_proba)
    km = KMeans(n_clusters=n, n_init=3, random_state=random_state).fit(vectors)
    centres = km.cluster_centers_ / np.maximum(
        np.linalg.norm(km.cluster_centers_, axis=1, keepdims=True), 1e-9)
    central = np.clip((vectors * centres[km.labels_]).sum(axis=1), 0, None)
    score = uncertainty * central
    picks = []
    for c in range(n):
        members = np.flatnonzero(km.labels_ == c)
        if len(members):
            picks.append(int(members[np.argmax(score[members])]))
    sizes = np.bincount(km.labels_, minlength=n)
    # the biggest groups first: an officer who stops early has coded what matters most
    return np.array(sorted(picks, key=lambda p: -sizes[km.labels_[p]]), dtype=int)


__all__ = ["LABEL_SOURCES", "CorrectionLayer", "ReviewStanceClassifier", "ReviewThemeClassifier",
           "adapt_models", "fit_layer", "moved_by_corrections",
           "suggestion_order"]


def suggestion_order_of(segments: pd.DataFrame, embeddings: Embeddings, n: int, *,
                        random_state: int = 0) -> np.ndarray:
    """:func:`suggestion_order` over an analysis' segments: their vectors and their
    ``theme_score_*`` and ``stance_proba_*`` columns. Returns positions in ``segments``."""
    theme_cols = [c for c in segments.columns if c.startswith("theme_score_")]
    stance_cols = [c for c in segments.columns if c.startswith("stance_proba_")]
    return suggestion_order(embeddings.rows(segments["segment_id"]),
                            segments[theme_cols].to_numpy(float),
                            segments[stance_cols].to_numpy(float), n, random_state=random_state)
