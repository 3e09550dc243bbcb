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

from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..codebook import OTHER_THEME, Codebook, load_codebook
from ..embed import Embedder, get_embedder

MIN_ROWS_PER_THEME = 8  # fewer labelled rows than this and a theme counts as "not covered"


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class GuidedThemeClassifier(ClassifierMixin, BaseEstimator):
    """Classify statements into a codebook's themes (plus ``other``), scikit-learn style.

    Args:
        codebook: the codebook; None uses the shipped default.
        embedder: an embedding backend; None uses the bundled MiniLM model.
        supervised_weight: share of the supervised models in the final probabilities when the
            training data covers every theme (default 0.9; the fitted models already learn from the
            codebook examples, so raw similarity only nudges them); the
            rest is zero-shot similarity. With a custom codebook the split is 0.5.
        threshold: a secondary theme is listed when its probability reaches this (default 0.3).
        other_similarity: zero-shot similarity below which a statement leans to ``other`` (0.2).
        C: inverse regularisation strength of the logistic regressions (default 4.0).

    Attributes:
        classes_: theme ids in codebook order, then ``other``.
        covered_: True when the supervised models saw every theme.
    """

    def __init__(self, *, codebook: Codebook | None = None, embedder: Embedder | None = None,
                 supervised_weight: float = 0.9, threshold: float = 0.3,
                 other_similarity: float = 0.2, C: float = 4.0) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.supervised_weight = supervised_weight
        self.threshold = threshold
        self.other_similarity = other_similarity
        self.C = C

    def _embed(self, texts: Sequence[str], vectors: np.ndarray | None) -> np.ndarray:
        if vectors is not None:
            return vectors
        return (self.embedder or get_embedder()).encode(list(texts))

    def fit(self, texts: Sequence[str], themes: Sequence[str],
            vectors: np.ndarray | None = None) -> GuidedThemeClassifier:
        """Fit on labelled statements; labels outside the codebook are ignored.

        Args:
            texts: statements.
            themes: one theme id (or ``other``) per statement.
            vectors: their embeddings, if already computed.
        """
        codebook = self.codebook or load_codebook()
        self.classes_ = np.array([*codebook.theme_ids, OTHER_THEME])
        labels = np.asarray(themes, dtype=object)
        keep = np.isin(labels, self.classes_)
        vectors = self._embed(texts, vectors)[keep]
        texts = [t for t, k in zip(texts, keep, strict=True) if k]
        labels = labels[keep]

        counts = {c: int((labels == c).sum()) for c in codebook.theme_ids}
        self.covered_ = all(n >= MIN_ROWS_PER_THEME for n in counts.values())
        # the codebook's own descriptions and examples are always training rows (few-shot)
        prompt_texts, prompt_labels = [], []
        for theme in codebook.themes:
            for text in theme.prompt_texts():
                prompt_texts.append(text)
                prompt_labels.append(theme.id)
        prompt_vectors = self._embed(prompt_texts, None)
        self.prototypes_ = self._prototypes(codebook, prompt_vectors, prompt_labels)

        if not self.covered_:
            # only the codebook's own statements describe its themes; 'other' keeps real examples
            other = labels == OTHER_THEME
            texts = [t for t, o in zip(texts, other, strict=True) if o]
            vectors, labels = vectors[other], labels[other]
        all_texts = [*texts, *prompt_texts]
        all_vectors = np.vstack([vectors, prompt_vectors]) if len(texts) else prompt_vectors
        all_labels = np.concatenate([labels, np.asarray(prompt_labels, dtype=object)])

        self.embedding_model_ = LogisticRegression(C=self.C, max_iter=3000,
                                                   class_weight="balanced").fit(all_vectors, all_labels)
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1,
                                           strip_accents="unicode")
        tfidf = self.vectorizer_.fit_transform(all_texts)
        self.word_model_ = LogisticRegression(C=self.C * 2.5, max_iter=3000,
                                              class_weight="balanced").fit(tfidf, all_labels)
        return self

    @staticmethod
    def _prototypes(codebook: Codebook, vectors: np.ndarray, labels: list[str]) -> np.ndarray:
        rows = []
        for theme_id in codebook.theme_ids:
            member = np.array([lab == theme_id for lab in labels])
            centre = vectors[member].mean(axis=0)
            rows.append(centre / (np.linalg.norm(centre) or 1.0))
        return np.vstack(rows)

    def _aligned(self, model: LogisticRegression, proba: np.ndarray) -> np.ndarray:
        out = np.zeros((proba.shape[0], len(self.classes_)))
        for j, cls in enumerate(model.classes_):
            out[:, int(np.flatnonzero(self.classes_ == cls)[0])] = proba[:, j]
        return out

    def similarity(self, vectors: np.ndarray) -> np.ndarray:
        """Cosine similarity of each statement to each theme's prototype (zero/few-shot)."""
        check_is_fitted(self, "prototypes_")
        return vectors @ self.prototypes_.T

    def predict_proba(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Probability of each class in :attr:`classes_` for each statement."""
        check_is_fitted(self, "embedding_model_")
        vectors = self._embed(texts, vectors)
        if len(texts) == 0:
            return np.zeros((0, len(self.classes_)))
        supervised = 0.5 * self._aligned(self.embedding_model_,
                                         self.embedding_model_.predict_proba(vectors))
        supervised += 0.5 * self._aligned(self.word_model_, self.word_model_.predict_proba(
            self.vectorizer_.transform(list(texts))))
        sims = self.similarity(vectors)
        with_other = np.hstack([sims, np.full((len(sims), 1), self.other_similarity)])
        zero_shot = _softmax(with_other, temperature=0.05)
        weight = self.supervised_weight if self.covered_ else 0.5
        return weight * supervised + (1 - weight) * zero_shot

    def predict(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """The most probable class for each statement."""
        return self.classes_[self.predict_proba(texts, vectors).argmax(axis=1)]
