"""Review-local adaptation: an officer's corrections change the labels of similar statements.

The shipped models know the training corpus, not a review's own way of grouping evidence (one
panel files a funded service's outreach under commissioning, another under engagement). A few dozen
corrections can teach that, but as a handful of rows among thousands of shipped training rows they
barely count, and refitting the shipped models takes tens of seconds.

So the shipped models stay as they are and a :class:`CorrectionLayer` sits on top of each: a
review-level logit shift, linear in the statement's sentence embedding ``v``, fitted on the
corrected statements with the shipped model's log-probabilities as the offset::

    p'(x) = softmax(log p(x) + [v(x), 1] W)
    W = argmin  sum_j CE(p'(x_j), y_j) + lambda/2 |G^(1/2) W|^2

``G`` is the second-moment matrix of the shipped training corpus' embeddings (with a small ridge):
the penalty is measured in the training data's own geometry, a cheap stand-in for refitting the
model on its training rows plus the corrections (a direction the training data pins down costs
more to move than one it says little about). Everything is fitted in the whitened coordinates
``[v, 1] G^(-1/2)``, where the penalty is a plain L2. ``lambda`` is chosen by cross-validation
on the corrections themselves (held-out log-likelihood of the officers' labels), and no shift at
all stays unless a strength beats it, statement by statement, by more than one standard error of
the gain, so corrections that do not generalise change nothing.

Why this and not the alternatives: ``bench/adapt_candidates.py`` measured it against the kernel
layer shipped before it (the shipped model's errors carried to similar statements by a cosine
kernel), a per-class bias, the same shift with a plain L2 penalty, a nearest-neighbour vote, label
propagation, a prior-regularised refit of the embedding head, a stacked model and a full refit of
the shipped heads with the corrections at weight 30, on the shared real dev sets with 10-30
simulated corrections. It was the only one that gained on the larger set (both tasks, from 20
corrections on) without ever losing more than 0.005 there; the kernel layer, the bias and the
plain L2 lost 0.04-0.06 of themes with 10 corrections on one set or the other. No candidate
reached the issue's targets on those sets (``docs/learning.md`` has the figures and commands).
It costs a few dozen small L-BFGS fits over the corrections and one (n, d) x (d, c) product to
apply.

For themes, the shift sits on a **class transition** learned first (:func:`fit_transition`):
``p'(x) = T p(x)``, where ``T[y, c]`` is how often this review files under ``y`` what the shipped
model puts in ``c``, pulled towards "no regrouping" by pseudo-counts chosen by the same
cross-validation and one-standard-error rule. A panel that files partnership working under
engagement is one off-diagonal entry, learned from the few corrections that show it and applied
to the whole class, where the shift alone must move a direction the training corpus pins down.
On the dev sets with one gold theme remapped onto another (``bench/regrouping_curve.py``), 30
corrections then gain 0.10-0.24 of theme macro-F1 on the rest, against 0.00-0.02 for the shift
alone; on the sets as coded it learns no regrouping and the figures are the shift's. Stance
keeps the shift alone: its labels are fixed by the annotation standard, not by the panel.

:func:`adapt_models` wraps the shipped theme and stance models so that every stage that asks them
for probabilities (statements and short whole submissions) gets the adapted ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import minimize
from scipy.special import log_softmax
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted

from ._folding import fold
from ._threads import single_threaded
from .embed import Embedder, Embeddings, resolve_embedder
from .schema import Statements, as_statements
from .stance import StanceClassifier
from .themes import GuidedThemeClassifier

#: ``label_source`` values: who decided a statement's label.
LABEL_SOURCES = ("officer", "review_model", "shipped_model")
#: candidate penalty strengths, strongest first (each fit warm-starts the next)
LAMBDAS = (10.0, 3.0, 1.0, 0.3, 0.1)
#: scale of the review's own words beside the embedding, per task: off, as measured with the
#: shipped models: themes +0.01 to +0.02 on dev_real's simulated corrections and -0.005 to -0.01 on
#: dev_gold, within a statement's worth, for 5 s more with 200 corrections at 10,000 statements
#: (the budget is 2 s); ``docs/learning.md`` has the figures
WORDS = {"theme": 0.0, "pcc_sentiment": 0.0}
MAX_WORDS = 2000  # the corrections' most frequent words and word pairs
#: per task, whether the layer first learns a class transition (a panel filing one theme's
#: statements under another): on for themes, off for stance, whose labels the annotation standard
#: fixes (on dev_real it cost stance 0.04 with 10-30 random corrections and gained nothing)
TRANSITION = {"theme": True, "pcc_sentiment": False}
#: candidate strengths of the transition's pull to "no regrouping" (pseudo-counts on the diagonal)
TRANSITION_PRIORS = (30.0, 10.0, 3.0, 1.0)
#: a transition needs corrections that sample the review, not only the model's mistakes: when
#: the officer agrees with the shipped model on fewer than this share of what its confidence
#: expects, the corrections were picked for being wrong (fixing what an officer spotted), and a
#: transition fitted on them would call the whole model wrong (dev_real, 10-20 such corrections:
#: themes -0.08 to -0.12 with it, -0.01 with the shift alone)
REPRESENTATIVE_AGREEMENT = 0.5
#: from corrections that are not such a sample, a class still moves when at least this many
#: corrections of what the model puts in it ...
CONSISTENT_MIN = 4
#: ... nearly all go to one other class (a regrouping the officer shows on every example)
CONSISTENT_SHARE = 0.9
_EM_STEPS = 60
MIN_CORRECTIONS = 4  # fewer and cross-validation cannot choose; the layer changes nothing
RIDGE = 1e-3  # added to the corpus second moments so that no direction is free to move
_GEOMETRY: dict[tuple[str, int], np.ndarray | None] = {}


def _onehot(labels: np.ndarray, classes: np.ndarray) -> np.ndarray:
    return (labels[:, None] == classes[None, :]).astype(np.float64)


def _with_bias(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    return np.hstack([vectors, np.ones((len(vectors), 1))])


def corpus_whitening(vectors: np.ndarray) -> np.ndarray:
    """``G^(-1/2)`` for ``G`` the second moments of ``[v, 1]`` over ``vectors`` (ridge
    :data:`RIDGE`, scaled so that its mean eigenvalue is 1): the map into the coordinates where
    :class:`CorrectionLayer`'s penalty is a plain L2."""
    features = np.hstack([np.asarray(vectors, dtype=np.float32),
                          np.ones((len(vectors), 1), dtype=np.float32)])
    moments = (features.T @ features).astype(np.float64) / len(features)  # float32: 3x faster
    moments += RIDGE * np.eye(len(moments))
    moments *= len(moments) / np.trace(moments)
    values, basis = np.linalg.eigh(moments)
    return basis / np.sqrt(values)  # columns: eigenvectors scaled by 1/sqrt(eigenvalue)


def shipped_whitening(embedder: Embedder | str | None) -> np.ndarray | None:
    """:func:`corpus_whitening` of the shipped training corpus' cached vectors for ``embedder``
    (kept per process); None when the cache does not hold this embedder's vectors (a plain L2)."""
    from .training import cached_corpus_vectors

    embedder = resolve_embedder(embedder)
    vectors = cached_corpus_vectors(embedder)
    key = (getattr(embedder, "name", ""), 0 if vectors is None else vectors.shape[1])
    if key not in _GEOMETRY:
        _GEOMETRY[key] = None if vectors is None else corpus_whitening(vectors)
    return _GEOMETRY[key]


def shipped_whitening_for(embedder: Embedder | str | None, dim: int) -> np.ndarray | None:
    """:func:`shipped_whitening` when it fits vectors of ``dim`` numbers, else None."""
    whitening = shipped_whitening(embedder)
    return whitening if whitening is not None and len(whitening) == dim + 1 else None


def _shift(offset: np.ndarray, features: np.ndarray, truth: np.ndarray, strength: float,
           start: np.ndarray | None = None) -> np.ndarray:
    """``W`` minimising cross-entropy of softmax(offset + features W) + strength/2 |W|^2."""
    d, c = features.shape[1], truth.shape[1]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights = theta.reshape(d, c)
        logp = log_softmax(offset + features @ weights, axis=1)
        value = -(truth * logp).sum() + strength / 2 * (weights * weights).sum()
        grad = features.T @ (np.exp(logp) - truth) + strength * weights
        return float(value), grad.ravel()

    x0 = np.zeros(d * c) if start is None else start.ravel()
    found = minimize(loss, x0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return np.asarray(found.x).reshape(d, c)


def fit_transition(proba: np.ndarray, truth: np.ndarray, prior: float,
                   movable: np.ndarray | None = None) -> np.ndarray:
    """``T`` (c x c, each column a distribution) such that ``proba @ T.T`` best explains the
    officers' labels ``truth`` (one-hot), with ``prior`` pseudo-counts of "no regrouping" on
    each column's diagonal: the maximum a posteriori of a label-transition model, by EM.

    ``T[y, c]`` is how often a statement the shipped model would put in class ``c`` is filed by
    this review under ``y``: a panel that files partnership working under engagement makes
    ``T[engagement, partnerships]`` large, and the whole class follows, not only near-copies of
    the corrected statements. Only the columns ``movable`` marks may leave the identity (all by
    default; see :func:`_movable_classes`).
    """
    c = truth.shape[1]
    fixed = np.zeros(c, dtype=bool) if movable is None else ~np.asarray(movable, dtype=bool)
    transition = 0.8 * np.eye(c) + 0.2 / c  # off the identity, or EM can never leave it
    transition[:, fixed] = np.eye(c)[:, fixed]
    for _ in range(_EM_STEPS):
        # each correction's share of its label owed to each class the shipped model saw
        source = truth @ transition * proba
        source /= np.clip(source.sum(axis=1, keepdims=True), 1e-12, None)
        counts = truth.T @ source + prior * np.eye(c)
        transition = counts / counts.sum(axis=0, keepdims=True)
        transition[:, fixed] = np.eye(c)[:, fixed]
    return transition


def _movable_classes(proba: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """Which classes the transition may move. All of them when the corrections agree with the
    shipped model about as often as its own confidence expects (:data:`REPRESENTATIVE_AGREEMENT`:
    a sample of the review, as ``suggest`` gives). Corrections picked for being wrong (an officer
    fixing the mistakes they spot) say nothing about the statements the model got right, so then
    only a class the officer regroups consistently moves: :data:`CONSISTENT_MIN` corrections of
    what the model puts in it, :data:`CONSISTENT_SHARE` of them to one other class."""
    shipped, given = proba.argmax(axis=1), truth.argmax(axis=1)
    c = truth.shape[1]
    if float((shipped == given).mean()) >= REPRESENTATIVE_AGREEMENT * float(proba.max(axis=1).mean()):
        return np.ones(c, dtype=bool)
    movable = np.zeros(c, dtype=bool)
    for k in range(c):
        counts = np.bincount(given[shipped == k], minlength=c)
        target = int(counts.argmax())
        movable[k] = counts.sum() >= CONSISTENT_MIN and target != k and \
            counts[target] >= CONSISTENT_SHARE * counts.sum()
    return movable


def _choose_transition(proba: np.ndarray, truth: np.ndarray, folds: int, random_state: int,
                       movable: np.ndarray, priors: Sequence[float] = TRANSITION_PRIORS
                       ) -> float | None:
    """The transition's prior by cross-validation on the corrections, as for the shift: taken
    only when its held-out gain in log-likelihood over no regrouping exceeds one standard error."""
    n = len(truth)
    if n < MIN_CORRECTIONS or not movable.any():
        return None
    fold = np.random.default_rng(random_state).permutation(n) % min(folds, n)
    unchanged = np.log(np.clip((truth * proba).sum(axis=1), 1e-9, None))
    chosen, best = None, 0.0
    for prior in priors:
        held_out = np.empty(n)
        for k in np.unique(fold):
            train, test = fold != k, fold == k
            moved = proba[test] @ fit_transition(proba[train], truth[train], prior, movable).T
            held_out[test] = np.log(np.clip((truth[test] * moved).sum(axis=1), 1e-9, None))
        gain = held_out - unchanged
        mean, error = float(gain.mean()), float(gain.std(ddof=1) / np.sqrt(n))
        if mean > error and mean > best:
            chosen, best = float(prior), mean
    return chosen


class CorrectionLayer(BaseEstimator):
    """A review-level logit shift, linear in the embedding, fitted on the officers' corrections.

    Args:
        lambdas: candidate penalty strengths (cross-validation picks one, or none).
        whitening: ``(d + 1, d + 1)`` map of ``[vector, 1]`` into the coordinates where the
            penalty is a plain L2 (:func:`shipped_whitening` gives the training corpus' own);
            None: a plain L2 on the raw embedding.
        folds: cross-validation folds over the corrections (default 5).
        random_state: seed of the fold assignment.
        words: scale of the review's own words (TF-IDF 1-2-grams of the corrected statements,
            plain L2) beside the embedding; 0 (the default) uses the embedding alone. The word
            features let a review's own names ("Speed Watch", "the hub") carry a relabel that
            the embedding blurs.
        transition: first learn a class transition from the corrections (a review filing one
            class's statements under another, :func:`fit_transition`), its strength chosen by
            cross-validation, then the shift on top of it.

    Attributes:
        classes_: the label of each probability column.
        lambda_: the chosen strength, or None (no shift: the shipped probabilities stay).
        coef_: ``(d + 1, c)`` logit shift per ``[vector, 1]`` (zeros when ``lambda_`` is None).
        word_coef_: ``(m, c)`` logit shift per word feature (m = 0 without ``words``).
        vectorizer_: the TF-IDF over the corrected statements' words, or None.
        cv_gain_: mean held-out gain in log-likelihood over no shift, per strength tried.
        transition_: ``(c, c)`` the learned class transition (identity without one).
        transition_prior_: its chosen prior, or None (no regrouping learned).
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "lambdas": ["array-like"], "whitening": ["array-like", None],
        "folds": [Interval(Integral, 2, None, closed="left")],
        "random_state": ["random_state"],
        "words": [Interval(Real, 0, None, closed="left")],
        "transition": ["boolean"],
    }

    def __init__(self, *, lambdas: Sequence[float] = LAMBDAS, whitening: Any = None,
                 folds: int = 5, random_state: int = 0, words: float = 0.0,
                 transition: bool = False) -> None:
        self.lambdas = lambdas
        self.whitening = whitening
        self.folds = folds
        self.random_state = random_state
        self.words = words
        self.transition = transition

    def _features(self, vectors: np.ndarray) -> np.ndarray:
        features = _with_bias(vectors)
        return features if self.whitening is None else features @ np.asarray(self.whitening)

    def _words(self, texts: Sequence[str] | None, n: int) -> Any:
        """The scaled word features of ``texts``, sparse (a 10,000-statement review has far
        more rows than the corrections have words)."""
        if self.vectorizer_ is None:
            return sparse.csr_matrix((n, 0))
        if texts is None:
            raise ValueError("this layer reads the statements' words: pass their texts")
        return self.words * self.vectorizer_.transform(list(texts))

    def fit(self, vectors: np.ndarray, proba: np.ndarray, labels: Sequence[str],
            classes: Sequence[str], texts: Sequence[str] | None = None) -> CorrectionLayer:
        """Learn from corrected statements.

        Args:
            vectors: (n, d) embeddings of the corrected statements.
            proba: (n, c) the shipped model's probabilities for them.
            labels: the officer's label of each (one of ``classes``).
            classes: the label of each probability column.
            texts: the corrected statements' texts (needed with ``words``).

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
        self.vectorizer_ = None
        if self.words > 0:
            if texts is None or len(texts) != len(y):
                raise ValueError("a layer with words needs the text of each corrected statement")
            # a word of one correction counts (a service named once among the corrections is
            # often named again and again in the rest); the most frequent keep the fit small
            self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                                               max_features=MAX_WORDS, stop_words="english",
                                               strip_accents="unicode")
            try:
                self.vectorizer_.fit(list(texts))
            except ValueError:  # nothing but stop words: the embedding alone
                self.vectorizer_ = None
        dense = self._features(vectors)
        features = np.hstack([dense, self._words(texts, len(y)).toarray()])
        truth = _onehot(y, self.classes_)
        proba = np.clip(np.asarray(proba, dtype=np.float64), 1e-9, None)
        movable = _movable_classes(proba, truth)
        self.transition_prior_ = _choose_transition(proba, truth, self.folds, self.random_state,
                                                    movable) if self.transition else None
        self.transition_ = np.eye(len(self.classes_)) if self.transition_prior_ is None else \
            fit_transition(proba, truth, self.transition_prior_, movable)
        offset = np.log(np.clip(proba @ self.transition_.T, 1e-9, None))
        self.lambda_, self.cv_gain_ = self._choose(features, offset, truth)
        shift = (np.zeros((features.shape[1], len(self.classes_))) if self.lambda_ is None
                 else _shift(offset, features, truth, self.lambda_))
        embedded, self.word_coef_ = shift[:dense.shape[1]], shift[dense.shape[1]:]
        # folded back into raw [vector, 1] coordinates: applying it is one small product
        self.coef_ = embedded if self.whitening is None else np.asarray(self.whitening) @ embedded
        return self

    def _choose(self, features: np.ndarray, offset: np.ndarray, truth: np.ndarray
                ) -> tuple[float | None, dict[float, float]]:
        """The strength by cross-validation on the officers' own labels.

        Each strength's held-out log-likelihood is compared, statement by statement, with no
        shift; a strength is only taken when its mean gain exceeds one standard error of that gain
        (a correction must earn its reach, not win by noise), and then the best such one is.
        """
        n = len(truth)
        if n < MIN_CORRECTIONS:
            return None, {}
        fold = np.random.default_rng(self.random_state).permutation(n) % min(self.folds, n)
        unchanged = (truth * log_softmax(offset, axis=1)).sum(axis=1)
        starts: dict[int, np.ndarray] = {}
        gains: dict[float, float] = {}
        chosen, best = None, 0.0
        for strength in self.lambdas:
            held_out = np.empty(n)
            for k in np.unique(fold):
                train, test = fold != k, fold == k
                starts[k] = _shift(offset[train], features[train], truth[train], float(strength),
                                   starts.get(k))
                logp = log_softmax(offset[test] + features[test] @ starts[k], axis=1)
                held_out[test] = (truth[test] * logp).sum(axis=1)
            gain = held_out - unchanged
            mean, error = float(gain.mean()), float(gain.std(ddof=1) / np.sqrt(n))
            gains[float(strength)] = mean
            if mean > error and mean > best:
                chosen, best = float(strength), mean
        return chosen, gains

    def transform(self, vectors: np.ndarray, proba: np.ndarray,
                  texts: Sequence[str] | None = None) -> np.ndarray:
        """The adapted probabilities of statements (same column order as :attr:`classes_`);
        ``texts`` are needed when the layer reads words."""
        check_is_fitted(self, "coef_")
        proba = np.asarray(proba, dtype=np.float64)
        if len(proba) and self.transition_prior_ is not None:
            proba = proba @ self.transition_.T
        if len(proba) == 0 or self.lambda_ is None:
            return proba
        logits = np.log(np.clip(proba, 1e-9, None)) + _with_bias(vectors) @ self.coef_
        if self.vectorizer_ is not None:
            logits += np.asarray(self._words(texts, len(proba)) @ self.word_coef_)
        return np.exp(log_softmax(logits, axis=1))


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
        texts = statements["text"].tolist()
        vectors = resolve_embedder(embedder).encode(texts)
        adapted = self.layer_.transform(vectors, shipped, texts)
        moved = shipped.argmax(axis=1) != adapted.argmax(axis=1)
        self.moved_ = getattr(self, "moved_", set()) | {
            fold(t) for t in statements["text"][moved]}
        return adapted


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
    params.setdefault("whitening", shipped_whitening_for(model.embedder, vectors.shape[1]))
    params.setdefault("words", WORDS.get(field, 0.0))
    params.setdefault("transition", TRANSITION.get(field, False))
    return CorrectionLayer(**params).fit(vectors, model.predict_proba(statements),
                                         rows[field].tolist(), list(model.classes_),
                                         statements["text"].tolist())


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
    return np.array([fold(t) in moved for t in texts], dtype=bool)


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
    with single_threaded():  # see evidence_lab._threads
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
           "adapt_models", "corpus_whitening", "fit_layer", "moved_by_corrections",
           "shipped_whitening", "shipped_whitening_for", "suggestion_order"]


def suggestion_order_of(segments: pd.DataFrame, embeddings: Embeddings, n: int, *,
                        random_state: int = 0) -> np.ndarray:
    """:func:`suggestion_order` over an analysis' segments: their vectors and their
    ``theme_score_*`` and ``stance_proba_*`` columns. Returns positions in ``segments``."""
    theme_cols = [c for c in segments.columns if c.startswith("theme_score_")]
    stance_cols = [c for c in segments.columns if c.startswith("stance_proba_")]
    return suggestion_order(embeddings.rows(segments["segment_id"]),
                            segments[theme_cols].to_numpy(float),
                            segments[stance_cols].to_numpy(float), n, random_state=random_state)
