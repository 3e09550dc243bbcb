"""Fit (and cache per process) the theme and stance models for a codebook.

Models are fitted from the shipped labelled corpus (with its cached embeddings) plus any officer
corrections, at run time: fitting takes about a second, and no pickled estimator has to match the
installed scikit-learn version.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .codebook import Codebook
from .embed import Embedder, get_embedder
from .stance import StanceClassifier, TargetMatcher, mentions_for
from .themes import GuidedThemeClassifier
from .training import corpus_vectors, load_training_corpus

_CACHE: dict[tuple, tuple[GuidedThemeClassifier, StanceClassifier]] = {}


def training_frame(corrections: pd.DataFrame | None = None, split: str | None = None) -> pd.DataFrame:
    """The shipped corpus (optionally one split) followed by officer corrections.

    ``corrections`` has columns ``text`` and ``theme`` and/or ``pcc_sentiment`` (missing labels are
    NaN and ignored by the model they would feed). A correction outranks a shipped row with the
    same text.
    """
    corpus = load_training_corpus(split)[["text", "theme", "pcc_sentiment"]]
    if corrections is None or corrections.empty:
        return corpus.reset_index(drop=True)
    extra = corrections.reindex(columns=["text", "theme", "pcc_sentiment"])
    corpus = corpus[~corpus["text"].isin(set(extra["text"]))]
    return pd.concat([corpus, extra], ignore_index=True)


def fit_models(codebook: Codebook, *, corrections: pd.DataFrame | None = None,
               split: str | None = None, embedder: Embedder | None = None
               ) -> tuple[GuidedThemeClassifier, StanceClassifier]:
    """Fitted theme and stance models for ``codebook`` (cached by codebook and corrections)."""
    key = (codebook.sha256, codebook.source, split,
           None if corrections is None else pd.util.hash_pandas_object(
               corrections.reindex(columns=["text", "theme", "pcc_sentiment"]).astype(str),
               index=False).sum())
    if key in _CACHE:
        return _CACHE[key]
    embedder = embedder or get_embedder()
    data = training_frame(corrections, split)
    vectors = corpus_vectors(data["text"].tolist(), embedder)
    themed = data["theme"].notna().to_numpy()
    themes = GuidedThemeClassifier(codebook=codebook, embedder=embedder).fit(
        data["text"][themed].tolist(), data["theme"][themed].tolist(), vectors[themed])
    stanced = data["pcc_sentiment"].notna().to_numpy()
    texts: Sequence[str] = data["text"][stanced].tolist()
    stance = StanceClassifier(target=codebook.target, embedder=embedder).fit(
        texts, data["pcc_sentiment"][stanced].tolist(), vectors[stanced],
        mentions_for(texts, TargetMatcher.from_target(codebook.target)))
    _CACHE[key] = (themes, stance)
    return themes, stance


def clear_cache() -> None:
    """Forget fitted models (e.g. after editing the training data)."""
    _CACHE.clear()


__all__ = ["fit_models", "training_frame", "clear_cache"]
