"""Stance toward the target: a supervised classifier over sentence embeddings, TF-IDF n-grams and
cue features linked to target mentions (by the dependency parse where the target is named).

Labels: positive, negative, mixed, neutral. The score is P(positive) - P(negative), in -1..1.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from .._rowwise import logistic_proba
from ..codebook import Codebook, load_codebook
from ..embed import Embedder, resolve_embedder
from ..schema import Statements, as_statements
from ..vocabulary import TargetMatcher, vocabulary_of
from ._cues import CueHit, cue_features, find_cues
from ._parse_links import dependency_links

LABELS = np.array(["positive", "negative", "mixed", "neutral"], dtype=object)
Mention = tuple[list[tuple[int, int]], str]  # spans in the text, kind (explicit/pronoun/...)


def mentions_for(texts: Sequence[str], matcher: TargetMatcher) -> list[Mention]:
    """Explicit target mentions of standalone statements (no carry-over between statements)."""
    out = []
    for text in texts:
        spans = matcher.find(text)
        out.append((spans, "explicit" if spans else "none"))
    return out


class StanceClassifier(ClassifierMixin, BaseEstimator):
    """Classify each statement's stance toward the target, scikit-learn style.

    ``X`` is a DataFrame of statements with a ``text`` column (or a list of texts). When it also has
    ``mention_kind`` and ``target_spans`` (from :func:`~evidence_lab.stance.find_mentions`, which
    carries a mention over to the next statement's pronoun), those are used; otherwise each
    statement's own explicit mentions are.

    Args:
        codebook: the codebook whose target is scrutinised (its names, references and request
            phrases); None uses the shipped default.
        embedder: embedding backend, or a registered name; None uses the bundled MiniLM model.
        C: inverse regularisation of the logistic regressions (default 8.0).
        cue_weight: scale of the cue features next to the embedding (default 1.0).
        mixed_min: ``mixed`` is only predicted when its probability reaches this (default 0.4);
            otherwise the stronger of positive and negative wins.
        use_parse: add dependency-parse links between cues and the target (default False:
            re-measured by ``bench/parse_links_eval.py``, stance macro-F1 0.537 with them against
            0.544 without on dev_real and 0.751 either way on dev_gold, so they do not pay for
            the parser; parses only statements that name the target and hold a cue).

    Attributes:
        classes_: ``positive``, ``negative``, ``mixed``, ``neutral``.
        model_, vectorizer_, word_model_: the fitted parts (dense features; TF-IDF n-grams).
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "codebook": [Codebook, None],
        "embedder": [HasMethods(["encode"]), str, None],
        "C": [Interval(Real, 0, None, closed="neither")],
        "cue_weight": [Interval(Real, 0, None, closed="left")],
        "mixed_min": [Interval(Real, 0, 1, closed="both")],
        "use_parse": ["boolean"],
    }

    def __init__(self, *, codebook: Codebook | None = None, embedder: Embedder | str | None = None,
                 C: float = 8.0, cue_weight: float = 1.0, mixed_min: float = 0.4,
                 use_parse: bool = False) -> None:
        self.codebook = codebook
        self.embedder = embedder
        self.C = C
        self.cue_weight = cue_weight
        self.mixed_min = mixed_min
        self.use_parse = use_parse

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    def _codebook(self) -> Codebook:
        return self.codebook or load_codebook()

    def _mentions(self, statements: pd.DataFrame) -> list[Mention]:
        if {"mention_kind", "target_spans"} <= set(statements.columns):
            return [(list(spans), kind) for spans, kind in
                    zip(statements["target_spans"], statements["mention_kind"], strict=True)]
        return mentions_for(statements["text"].tolist(), vocabulary_of(self._codebook()).target)

    def _features(self, statements: pd.DataFrame) -> np.ndarray:
        texts = statements["text"].tolist()
        vectors = resolve_embedder(self.embedder).encode(texts)
        mentions = self._mentions(statements)
        cues = np.vstack([cue_features(t, spans, kind) for t, (spans, kind) in
                          zip(texts, mentions, strict=True)])
        parts = [vectors, self.cue_weight * cues]
        if self.use_parse:
            parts.append(self.cue_weight * np.log1p(dependency_links(texts, mentions)))
        return np.hstack(parts)

    def fit(self, X: Statements, y: Any, sample_weight: Any = None) -> StanceClassifier:
        """Fit on labelled statements (labels among :data:`LABELS`).

        Args:
            X: statements (a DataFrame with ``text``, or a list of texts).
            y: one stance label per statement.
            sample_weight: optional weight per statement.

        Returns:
            self
        """
        self._validate_params()
        statements = as_statements(X, stage="stance classifier")
        labels = np.asarray(y, dtype=object)
        if len(labels) != len(statements):
            raise ValueError(f"fit got {len(statements)} statements but {len(labels)} labels")
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown stance label(s) {unknown}; use {list(LABELS)}")
        self.model_ = LogisticRegression(C=self.C, max_iter=4000, class_weight="balanced")
        self.model_.fit(self._features(statements), labels, sample_weight=sample_weight)
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, min_df=1,
                                           strip_accents="unicode")
        self.word_model_ = LogisticRegression(C=self.C * 5, max_iter=4000, class_weight="balanced")
        self.word_model_.fit(self.vectorizer_.fit_transform(statements["text"].tolist()), labels,
                             sample_weight=sample_weight)
        self.classes_ = LABELS.copy()
        return self

    def _aligned(self, model: LogisticRegression, proba: np.ndarray) -> np.ndarray:
        out = np.zeros((proba.shape[0], len(LABELS)))
        for j, cls in enumerate(model.classes_):
            out[:, int(np.flatnonzero(LABELS == cls)[0])] = proba[:, j]
        return out

    def predict_proba(self, X: Statements) -> np.ndarray:
        """Probabilities over :data:`LABELS` for each statement."""
        check_is_fitted(self, "model_")
        statements = as_statements(X, stage="stance classifier")
        if len(statements) == 0:
            return np.zeros((0, len(LABELS)))
        # a row depends on the text and where it mentions the target (and is the same in any
        # batch); inside a review's run, kept rows are reused (:mod:`evidence_lab._remembered`)
        keys = [row_key(text, spans, kind) for text, (spans, kind)
                in zip(statements["text"], self._mentions(statements), strict=True)]
        return remembered("stance", keys, lambda rows: self._proba(statements.iloc[rows]))

    def _proba(self, statements: pd.DataFrame) -> np.ndarray:
        dense = self._aligned(self.model_, logistic_proba(self.model_, self._features(statements)))
        words = self._aligned(self.word_model_, logistic_proba(
            self.word_model_, self.vectorizer_.transform(statements["text"].tolist())))
        return 0.6 * dense + 0.4 * words

    def decide(self, proba: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Labels from probabilities: argmax, but ``mixed`` only when it is clearly the best; with
        ``texts``, a statement that opens by asking for something and criticises nothing is a
        neutral suggestion (the annotation standard), whatever warm words it uses."""
        labels = LABELS[proba.argmax(axis=1)] if len(proba) else np.array([], dtype=object)
        weak_mixed = (labels == "mixed") & (proba[:, 2] < self.mixed_min)
        polar = np.where(proba[:, 0] >= proba[:, 1], "positive", "negative")
        labels = np.where(weak_mixed, polar, labels).astype(object)
        if texts is not None:
            requests = vocabulary_of(self._codebook()).requests
            labels = np.array([_suggestion_rule(t, lab, requests.opens(t))
                               for t, lab in zip(texts, labels, strict=True)], dtype=object)
        return labels

    def predict(self, X: Statements) -> np.ndarray:
        """The stance label of each statement."""
        statements = as_statements(X, stage="stance classifier")
        return self.decide(self.predict_proba(statements), statements["text"].tolist())

    # -- persistence -------------------------------------------------------------------------
    def to_state(self, prefix: str = "") -> State:
        """The fitted model as arrays and JSON (see :mod:`evidence_lab._persist`)."""
        check_is_fitted(self, "model_")
        params = {k: v for k, v in self.get_params().items() if k not in ("codebook", "embedder")}
        return merge(({}, {f"{prefix}params": params}),
                     logistic_state(self.model_, f"{prefix}model/"),
                     tfidf_state(self.vectorizer_, f"{prefix}vectorizer/"),
                     logistic_state(self.word_model_, f"{prefix}word_model/"))

    @classmethod
    def from_state(cls, state: State, *, prefix: str = "", codebook: Codebook | None = None,
                   embedder: Embedder | str | None = None) -> StanceClassifier:
        """The model :meth:`to_state` described, attached to ``codebook`` and ``embedder``."""
        arrays, meta = state
        model = cls(codebook=codebook, embedder=embedder, **meta[f"{prefix}params"])
        model.model_ = logistic_from_state(arrays, meta, f"{prefix}model/")
        model.vectorizer_ = tfidf_from_state(arrays, meta, f"{prefix}vectorizer/")
        model.word_model_ = logistic_from_state(arrays, meta, f"{prefix}word_model/")
        model.classes_ = LABELS.copy()
        return model


def _suggestion_rule(text: str, label: str, opens_with_request: bool) -> str:
    if label == "neutral" or not opens_with_request:
        return label
    if any(h.group in ("criticism", "implied") for h in find_cues(text)):
        return label
    return "neutral"


def score(proba: np.ndarray) -> np.ndarray:
    """Stance score in -1..1: P(positive) - P(negative)."""
    return proba[:, 0] - proba[:, 1]


def explain(text: str, spans: list[tuple[int, int]], label: str) -> str:
    """The spans that drove a label: target mentions and the cues that agree with the label."""
    wanted = {"positive": {"praise"}, "negative": {"criticism", "implied"},
              "mixed": {"praise", "criticism", "implied", "contrast"}}.get(label, set())
    hits: list[CueHit] = [h for h in find_cues(text) if h.group in wanted]
    parts = [f"{text[s:e]} [target]" for s, e in spans[:3]]
    parts += [f"{h.text} [{h.group}]" for h in hits[:4]]
    return "; ".join(parts)
