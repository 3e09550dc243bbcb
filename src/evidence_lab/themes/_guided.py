"""Guided themes: score every statement against the codebook's themes.

Three sources of knowledge are combined:

* zero-shot: cosine similarity of the statement to each theme's label and description;
* few-shot: similarity to the theme's example statements (and the examples join the training rows);
* supervised: logistic regressions on sentence embeddings and on TF-IDF word n-grams, fitted on the
  shipped labelled corpus plus any officer corrections.

With a custom codebook whose theme ids the shipped corpus does not cover, the supervised part is
fitted on the codebook's own descriptions and examples, and zero/few-shot similarity carries more weight.
"""

from __future__ import annotations

from numbers import Real
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils import Tags
from sklearn.utils._param_validation import HasMethods, Interval
from sklearn.utils.validation import check_is_fitted

from .._persist import (
    State,
    logistic_from_state,
    logistic_state,
    merge,
    tfidf_from_state,
    tfidf_state,
)
from .._remembered import remembered, row_key
from .._rowwise import logistic_proba, rowwise_dot
from ..codebook import OTHER_THEME, Codebook, load_codebook
from ..embed import Embedder, resolve_embedder
from ..schema import Statements, as_statements

MIN_ROWS_PER_THEME = 8  # fewer labelled rows than this and a theme counts as "not covered"


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _aligned(classes: np.ndarray, model: LogisticRegression, proba: np.ndarray) -> np.ndarray:
    """``proba`` from ``model``'s class order re-ordered into ``classes`` (absent classes get 0)."""
    out = np.zeros((proba.shape[0], len(classes)))
    for j, cls in enumerate(model.classes_):
        out[:, int(np.flatnonzero(classes == cls)[0])] = proba[:, j]
    return out


class GuidedThemeClassifier(ClassifierMixin, BaseEstimator):
    """Classify statements into a codebook's themes (plus ``other``), scikit-learn style.

    ``X`` is a DataFrame of statements with a ``text`` column (or a list of texts). Their
    embeddings come from ``embedder``; in a pipeline run it already holds every statement's vector,
    so nothing is embedded twice.

    Args:
        codebook: the codebook; None uses the shipped default.
        embedder: an embedding backend, or the name of a registered one; None uses the bundled
            MiniLM model.
        supervised_weight: share of the supervised models in the final probabilities when the
            training data covers every theme (default 0.9; the fitted models already learn from the
            codebook examples, so raw similarity only nudges them); the rest is zero-shot
            similarity. With a codebook the training data does not cover the split is 0.5.
        threshold: a secondary theme is listed when its probability reaches this (default 0.3).
        other_similarity: zero-shot similarity below which a statement leans to ``other`` (0.2).
        C: inverse regularisation strength of the logistic regressions (default 4.0).

    Attributes:
        classes_: theme ids in codebook order, then ``other``.
        covered_: True when the supervised models saw every theme.
        prototypes_: unit-length centre of each theme's description and examples.
        embedding_model_, vectorizer_, word_model_: the fitted supervised parts.
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "codebook": [Codebook, None],
        "embedder": [HasMethods(["encode"]), str, None],
        "supervised_weight": [Interval(Real, 0, 1, closed="both")],
        "threshold": [Interval(Real, 0, 1, closed="both")],
        "other_similarity": [Interval(Real, -1, 1, closed="both")],
        "C": [Interval(Real, 0, None, closed="neither")],
    }

    def __init__(self, *, codebook: Codebook | None = None, embedder: Embedder | str | None = None,
                 supervised_weight: float = 0.9, threshold: float = 0.3,
                 other_similarity: float = 0.2, C: float = 4.0) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.supervised_weight = supervised_weight
        self.threshold = threshold
        self.other_similarity = other_similarity
        self.C = C

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _vectors(self, statements: pd.DataFrame) -> np.ndarray:
        return resolve_embedder(self.embedder).encode(statements["text"].tolist())

    def fit(self, X: Statements, y: Any, sample_weight: Any = None) -> GuidedThemeClassifier:
        """Fit on labelled statements; labels outside the codebook are ignored.

        Args:
            X: statements (a DataFrame with ``text``, or a list of texts).
            y: one theme id (or ``other``) per statement.
            sample_weight: optional weight per statement (officers' corrections may count more).

        Returns:
            self
        """
        self._validate_params()
        statements = as_statements(X, stage="theme classifier")
        codebook = self.codebook or load_codebook()
        self.classes_ = np.array([*codebook.theme_ids, OTHER_THEME], dtype=object)
        labels = np.asarray(y, dtype=object)
        if len(labels) != len(statements):
            raise ValueError(f"fit got {len(statements)} statements but {len(labels)} labels")
        weights = (np.ones(len(labels)) if sample_weight is None
                   else np.asarray(sample_weight, dtype=np.float64))
        keep = np.isin(labels, self.classes_)
        texts = statements["text"][keep].tolist()
        vectors = self._vectors(statements)[keep]
        labels, weights = labels[keep], weights[keep]

        counts = {c: int((labels == c).sum()) for c in codebook.theme_ids}
        self.covered_ = all(n >= MIN_ROWS_PER_THEME for n in counts.values())
        # the codebook's own descriptions and examples are always training rows (few-shot)
        prompt_texts = [text for theme in codebook.themes for text in theme.prompt_texts()]
        prompt_labels = np.array([theme.id for theme in codebook.themes
                                  for _ in theme.prompt_texts()], dtype=object)
        prompt_vectors = resolve_embedder(self.embedder).encode(prompt_texts)
        self.prototypes_ = self._prototypes(codebook, prompt_vectors, prompt_labels)

        if not self.covered_:
            # only the codebook's own statements describe its themes; 'other' keeps real examples
            other = labels == OTHER_THEME
            texts = [t for t, o in zip(texts, other, strict=True) if o]
            vectors, labels, weights = vectors[other], labels[other], weights[other]
        all_texts = [*texts, *prompt_texts]
        all_vectors = np.vstack([vectors, prompt_vectors]) if len(texts) else prompt_vectors
        all_labels = np.concatenate([labels, prompt_labels])
        all_weights = np.concatenate([weights, np.ones(len(prompt_texts))])

        self.embedding_model_ = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        self.embedding_model_.fit(all_vectors, all_labels, sample_weight=all_weights)
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                           strip_accents="unicode")
        tfidf = self.vectorizer_.fit_transform(all_texts)
        self.word_model_ = LogisticRegression(C=self.C * 2.5, max_iter=3000, class_weight="balanced")
        self.word_model_.fit(tfidf, all_labels, sample_weight=all_weights)
        return self

    @staticmethod
    def _prototypes(codebook: Codebook, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        rows = []
        for theme_id in codebook.theme_ids:
            centre = vectors[labels == theme_id].mean(axis=0)
            rows.append(centre / (np.linalg.norm(centre) or 1.0))
        return np.vstack(rows)

    def similarity(self, vectors: np.ndarray) -> np.ndarray:
        """Cosine similarity of each statement vector to each theme's prototype (zero/few-shot)."""
        check_is_fitted(self, "prototypes_")
        return rowwise_dot(vectors, self.prototypes_)

    def predict_proba(self, X: Statements) -> np.ndarray:
        """Probability of each class in :attr:`classes_` for each statement (each row the same
        in any batch; inside a review's run, kept rows are reused: :mod:`evidence_lab._remembered`)."""
        check_is_fitted(self, "embedding_model_")
        statements = as_statements(X, stage="theme classifier")
        if len(statements) == 0:
            return np.zeros((0, len(self.classes_)))
        keys = [row_key(text) for text in statements["text"]]
        return remembered("themes", keys, lambda rows: self._proba(statements.iloc[rows]))

    def _proba(self, statements: pd.DataFrame) -> np.ndarray:
        vectors = self._vectors(statements)
        supervised = 0.5 * _aligned(self.classes_, self.embedding_model_,
                                    logistic_proba(self.embedding_model_, vectors))
        supervised += 0.5 * _aligned(self.classes_, self.word_model_, logistic_proba(
            self.word_model_, self.vectorizer_.transform(statements["text"].tolist())))
        sims = self.similarity(vectors)
        with_other = np.hstack([sims, np.full((len(sims), 1), self.other_similarity)])
        zero_shot = _softmax(with_other, temperature=0.05)
        weight = self.supervised_weight if self.covered_ else 0.5
        return weight * supervised + (1 - weight) * zero_shot

    def predict(self, X: Statements) -> np.ndarray:
        """The most probable class for each statement."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]

    # -- persistence -------------------------------------------------------------------------
    def to_state(self, prefix: str = "") -> State:
        """The fitted model as arrays and JSON (see :mod:`evidence_lab._persist`)."""
        check_is_fitted(self, "embedding_model_")
        params = {k: v for k, v in self.get_params().items() if k not in ("codebook", "embedder")}
        own = ({f"{prefix}prototypes": self.prototypes_},
               {f"{prefix}params": params, f"{prefix}classes": self.classes_.tolist(),
                f"{prefix}covered": bool(self.covered_)})
        return merge(own, logistic_state(self.embedding_model_, f"{prefix}embedding_model/"),
                     tfidf_state(self.vectorizer_, f"{prefix}vectorizer/"),
                     logistic_state(self.word_model_, f"{prefix}word_model/"))

    @classmethod
    def from_state(cls, state: State, *, prefix: str = "", codebook: Codebook | None = None,
                   embedder: Embedder | str | None = None) -> GuidedThemeClassifier:
        """The model :meth:`to_state` described, attached to ``codebook`` and ``embedder``."""
        arrays, meta = state
        model = cls(codebook=codebook, embedder=embedder, **meta[f"{prefix}params"])
        model.classes_ = np.array(meta[f"{prefix}classes"], dtype=object)
        model.covered_ = bool(meta[f"{prefix}covered"])
        model.prototypes_ = np.asarray(arrays[f"{prefix}prototypes"])
        model.embedding_model_ = logistic_from_state(arrays, meta, f"{prefix}embedding_model/")
        model.vectorizer_ = tfidf_from_state(arrays, meta, f"{prefix}vectorizer/")
        model.word_model_ = logistic_from_state(arrays, meta, f"{prefix}word_model/")
        return model
