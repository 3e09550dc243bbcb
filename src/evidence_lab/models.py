"""Fit (and cache per process) the theme and stance models for a codebook.

Models are fitted from the shipped labelled corpus (with its cached embeddings) plus any officer
corrections. Fitting takes 10-50 s on two cores, so the models for the default codebook (and the
sample call's) are shipped pre-fitted in ``data/models/<key>.npz`` (learned numbers) and
``<key>.json`` (parameters, classes and vocabularies): plain arrays and JSON, never pickle, so they
load safely under any scikit-learn version.

The key hashes what a fitted model depends on: the training data, the codebook's themes and target
names, the estimators' parameters and :data:`MODEL_FORMAT`. Editing a comment, or upgrading
scikit-learn, does not invalidate it; changing a feature must bump :data:`MODEL_FORMAT` (a test
compares the shipped models with a fresh fit, so a forgotten bump fails CI).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from ._persist import load_state, merge, save_state
from .codebook import Codebook, load_codebook
from .embed import BUNDLED_MODEL, Embedder, PrecomputedEmbedder, resolve_embedder
from .stance import StanceClassifier
from .themes import GuidedThemeClassifier
from .training import corpus_vectors, load_training_corpus, training_dir
from .vocabulary import retarget

#: Version of the models' features and file layout: bump it when a change alters what is fitted.
MODEL_FORMAT = 3
Models = tuple[GuidedThemeClassifier, StanceClassifier]
_CACHE: dict[tuple[str, str], Models] = {}


def models_dir() -> Path:
    """Folder of the pre-fitted models shipped with the package (built by ``make models``)."""
    return Path(str(resources.files("evidence_lab") / "data" / "models"))


def _estimators(codebook: Codebook, embedder: Embedder | str | None) -> Models:
    return (GuidedThemeClassifier(codebook=codebook, embedder=embedder),
            StanceClassifier(codebook=codebook, embedder=embedder))


def model_key(codebook: Codebook, corrections: pd.DataFrame | None = None,
              split: str | None = None) -> str:
    """Hash of everything a fitted model depends on (see the module docstring)."""
    digest = hashlib.sha256()
    for file in sorted(training_dir().glob("*.jsonl")):
        digest.update(file.read_bytes())
    themes = [(t.id, t.label, t.description, t.examples) for t in codebook.themes]
    target = codebook.target
    names = (target.name, target.aliases, target.office_holders, target.references)
    requests = codebook.vocabulary.request_phrases  # the stance suggestion rule reads them
    params = [{k: v for k, v in est.get_params().items() if k not in ("codebook", "embedder")}
              for est in _estimators(codebook, None)]
    digest.update(json.dumps([themes, names, requests, params, split, MODEL_FORMAT],
                             default=list).encode())
    if corrections is not None and not corrections.empty:
        digest.update(corrections.reindex(columns=["text", "theme", "pcc_sentiment"])
                      .astype(str).to_csv(index=False).encode())
    return digest.hexdigest()[:16]


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
               split: str | None = None, embedder: Embedder | None = None) -> Models:
    """Fitted theme and stance models for ``codebook`` (cached by codebook and corrections).

    The shipped models are used when their key matches and ``embedder`` is the bundled model
    (their vectors are that model's); anything else is fitted here and kept for the process.
    """
    embedder = resolve_embedder(embedder)
    cache_key = (model_key(codebook, corrections, split), embedder.name)
    if cache_key not in _CACHE:
        shipped = models_dir() / cache_key[0]
        if shipped.with_suffix(".json").is_file() and embedder.name == BUNDLED_MODEL:
            _CACHE[cache_key] = load_models(shipped, codebook)
        else:
            _CACHE[cache_key] = _fit(codebook, corrections, split, embedder)
    # the same fitted numbers, reading vectors from this caller's embedder (same model name)
    return tuple(copy.copy(model).set_params(embedder=embedder)
                 for model in _CACHE[cache_key])


def _fit(codebook: Codebook, corrections: pd.DataFrame | None, split: str | None,
         embedder: Embedder) -> Models:
    data = training_frame(corrections, split)
    # the corpus is written about the default codebook's target; another target's review learns
    # from the same statements with the names swapped (officers' corrections are already its own)
    shipped = len(data) - (0 if corrections is None else len(corrections))
    texts = [*retarget(data["text"][:shipped].tolist(), load_codebook().target, codebook.target),
             *data["text"][shipped:].tolist()]
    data = data.assign(text=texts)
    # the training texts' vectors come from the shipped cache; the estimators look them up there
    vectors = corpus_vectors(texts, embedder)
    lookup = _TrainingEmbedder(PrecomputedEmbedder(dict(zip(texts, vectors, strict=True)),
                                                   name=embedder.name), embedder)
    themes, stance = _estimators(codebook, lookup)
    themed = data["theme"].notna().to_numpy()
    themes.fit(data.loc[themed, ["text"]], data.loc[themed, "theme"].tolist())
    stanced = data["pcc_sentiment"].notna().to_numpy()
    stance.fit(data.loc[stanced, ["text"]], data.loc[stanced, "pcc_sentiment"].tolist())
    return themes.set_params(embedder=None), stance.set_params(embedder=None)


class _TrainingEmbedder:
    """The training rows' cached vectors first, the live embedder for anything else (the
    codebook's own descriptions and examples)."""

    def __init__(self, cached: PrecomputedEmbedder, live: Embedder) -> None:
        self.cached, self.live, self.name = cached, live, live.name

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        try:
            return self.cached.encode(texts)
        except KeyError:
            return self.live.encode(texts, show_progress=show_progress)

    def __deepcopy__(self, memo: dict[int, object]) -> _TrainingEmbedder:
        return self


def load_models(stem: Path, codebook: Codebook, embedder: Embedder | str | None = None) -> Models:
    """The models saved at ``stem`` (``.npz`` + ``.json``), attached to ``codebook`` and ``embedder``."""
    state = load_state(stem)
    return (GuidedThemeClassifier.from_state(state, prefix="themes/", codebook=codebook,
                                             embedder=embedder),
            StanceClassifier.from_state(state, prefix="stance/", codebook=codebook,
                                        embedder=embedder))


def save_models(codebook: Codebook) -> Path:
    """Fit the models for ``codebook`` and ship them in the package (run after editing the data)."""
    themes, stance = _fit(codebook, None, None, resolve_embedder(None))
    stem = models_dir() / model_key(codebook)
    arrays, meta = merge(themes.to_state("themes/"), stance.to_state("stance/"))
    meta["format"] = MODEL_FORMAT
    meta["codebook"] = codebook.name
    save_state(stem, (arrays, meta))
    return stem.with_suffix(".json")


def clear_cache() -> None:
    """Forget fitted models (e.g. after editing the training data)."""
    _CACHE.clear()


if __name__ == "__main__":  # python -m evidence_lab.models [CODEBOOK.yaml ...]
    import sys

    from .codebook import load_codebook

    for source in sys.argv[1:] or ["-"]:  # "-" is the shipped default codebook
        print(f"wrote {save_models(load_codebook(None if source == '-' else source))}")
