"""Stance toward the target: a supervised classifier over sentence embeddings, TF-IDF n-grams and
cue features linked to target mentions (by the dependency parse where the target is named).

Labels: positive, negative, mixed, neutral. The score is P(positive) - P(negative), in -1..1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from ..codebook import Target, load_codebook
from ..embed import Embedder, get_embedder
from ._cues import CueHit, cue_features, find_cues
from ._mentions import TargetMatcher
from ._parse_links import dependency_links

LABELS = np.array(["positive", "negative", "mixed", "neutral"])
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

    Args:
        target: the target whose mentions are features; None uses the default codebook's.
        embedder: embedding backend; None uses the bundled MiniLM model.
        C: inverse regularisation of the logistic regressions (default 8.0).
        cue_weight: scale of the cue features next to the embedding (default 1.0).
        mixed_min: ``mixed`` is only predicted when its probability reaches this (default 0.4);
            otherwise the stronger of positive and negative wins.
        use_parse: add dependency-parse links between cues and the target (default False: on the
            held-out split and dev_gold they left macro-F1 unchanged while parsing costs time; parses
            only statements that name the target and contain a cue).

    Attributes:
        classes_: ``positive``, ``negative``, ``mixed``, ``neutral``.
    """

    def __init__(self, *, target: Target | None = None, embedder: Embedder | None = None,
                 C: float = 8.0, cue_weight: float = 1.0, mixed_min: float = 0.4,
                 use_parse: bool = False) -> None:
        self.use_parse = use_parse
        self.target = target
        self.embedder = embedder
        self.C = C
        self.cue_weight = cue_weight
        self.mixed_min = mixed_min

    def _matcher(self) -> TargetMatcher:
        return TargetMatcher.from_target(self.target or load_codebook().target)

    def _features(self, texts: Sequence[str], vectors: np.ndarray | None,
                  mentions: Sequence[Mention] | None) -> np.ndarray:
        if vectors is None:
            vectors = (self.embedder or get_embedder()).encode(list(texts))
        if mentions is None:
            mentions = mentions_for(texts, self._matcher())
        cues = np.vstack([cue_features(t, spans, kind) for t, (spans, kind) in
                          zip(texts, mentions, strict=True)]) if len(texts) else np.zeros((0, 1))
        parts = [vectors, self.cue_weight * cues]
        if self.use_parse:
            parts.append(self.cue_weight * np.log1p(dependency_links(list(texts), list(mentions))))
        return np.hstack(parts)

    def fit(self, texts: Sequence[str], labels: Sequence[str], vectors: np.ndarray | None = None,
            mentions: Sequence[Mention] | None = None) -> StanceClassifier:
        """Fit on labelled statements (labels among :data:`LABELS`)."""
        labels = np.asarray(labels, dtype=object)
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"unknown stance label(s) {unknown}; use {list(LABELS)}")
        features = self._features(texts, vectors, mentions)
        self.model_ = LogisticRegression(C=self.C, max_iter=4000, class_weight="balanced")
        self.model_.fit(features, labels)
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, min_df=1,
                                           strip_accents="unicode")
        self.word_model_ = LogisticRegression(C=self.C * 5, max_iter=4000, class_weight="balanced")
        self.word_model_.fit(self.vectorizer_.fit_transform(list(texts)), labels)
        self.classes_ = LABELS.copy()
        return self

    def _aligned(self, model: LogisticRegression, proba: np.ndarray) -> np.ndarray:
        out = np.zeros((proba.shape[0], len(LABELS)))
        for j, cls in enumerate(model.classes_):
            out[:, int(np.flatnonzero(LABELS == cls)[0])] = proba[:, j]
        return out

    def predict_proba(self, texts: Sequence[str], vectors: np.ndarray | None = None,
                      mentions: Sequence[Mention] | None = None) -> np.ndarray:
        """Probabilities over :data:`LABELS` for each statement."""
        check_is_fitted(self, "model_")
        if len(texts) == 0:
            return np.zeros((0, len(LABELS)))
        features = self._features(texts, vectors, mentions)
        dense = self._aligned(self.model_, self.model_.predict_proba(features))
        words = self._aligned(self.word_model_, self.word_model_.predict_proba(
            self.vectorizer_.transform(list(texts))))
        return 0.6 * dense + 0.4 * words

    def decide(self, proba: np.ndarray, texts: Sequence[str] | None = None) -> np.ndarray:
        """Labels from probabilities: argmax, but ``mixed`` only when it is clearly the best; with
        ``texts``, a statement that opens by asking for something and criticises nothing is a
        neutral suggestion (the annotation standard), whatever warm words it uses."""
        best = proba.argmax(axis=1)
        labels = LABELS[best]
        weak_mixed = (labels == "mixed") & (proba[:, 2] < self.mixed_min)
        polar = np.where(proba[:, 0] >= proba[:, 1], "positive", "negative")
        labels = np.where(weak_mixed, polar, labels)
        if texts is not None:
            labels = np.array([_suggestion_rule(t, lab) for t, lab in zip(texts, labels, strict=True)],
                              dtype=object)
        return labels

    def predict(self, texts: Sequence[str], vectors: np.ndarray | None = None,
                mentions: Sequence[Mention] | None = None) -> np.ndarray:
        """The stance label of each statement."""
        return self.decide(self.predict_proba(texts, vectors, mentions), texts)


#: Base-form verbs that open a bulleted recommendation ("Fund projects that work for three years.")
IMPERATIVE_VERBS = (r"(?:fund|publish|provide|commit|restore|reinstate|consult|give|make|"
                    r"introduce|ensure|review|agree|share|create|extend|appoint|protect|"
                    r"establish|offer|attend|invest|prioritise|reconsider|reverse|convene|scrap)")
_REQUEST_START = re.compile(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|finally|"
    r"in addition|also),?\s+)?(?:(?:we|i|the panel|members|the partnership|the council|our \w+)\s+"
    r"(?:would\s+|therefore\s+|also\s+|strongly\s+|respectfully\s+)*"
    r"(?:recommend|urge|ask|suggest|encourage|request|invite|propose|would like|would welcome|"
    r"welcome the opportunity)|(?:the commissioner|the pcc|the opcc|the office|she|he)\s+"
    r"(?:should|could|might|must)\s+(?:consider|explore|publish|set out|commit|fund|work|ensure))"
    r"|^\W*(?:\d+(?:\.\d+)*\.?\s+)?" + IMPERATIVE_VERBS + r"\s",
    re.IGNORECASE)


def _suggestion_rule(text: str, label: str) -> str:
    if label == "neutral" or not _REQUEST_START.search(text):
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
