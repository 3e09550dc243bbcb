"""The shipped labelled corpus: labels follow the standard, and the shipped vectors cover it."""

from __future__ import annotations

import numpy as np

from evidence_lab.embed import text_key
from evidence_lab.training import load_training_corpus, training_dir

THEMES = {"engagement", "commissioning", "partnerships", "operational_policing", "other"}
STANCES = {"positive", "negative", "mixed", "neutral"}


def test_corpus_is_large_labelled_and_split():
    corpus = load_training_corpus()
    assert len(corpus) >= 800
    assert set(corpus["theme"]) <= THEMES and set(corpus["pcc_sentiment"]) <= STANCES
    assert corpus["text"].is_unique and corpus["id"].is_unique
    share = (corpus["split"] == "test").mean()
    assert 0.15 <= share <= 0.25


def test_shipped_vectors_cover_every_statement():
    # a stale cache makes every process re-embed the missing rows: run `make models` after edits
    with np.load(training_dir() / "vectors.npz") as data:
        keys = set(data["keys"].tolist())
    missing = [t for t in load_training_corpus()["text"] if text_key(t) not in keys]
    assert not missing, f"{len(missing)} statements lack shipped vectors; run `make models`"
