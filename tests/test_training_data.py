"""The shipped labelled corpus: labels follow the standard, and the shipped vectors cover it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from evidence_lab.embed import text_key
from evidence_lab.training import load_training_corpus, near_twins, training_dir, voice_balance

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


def _shipped_vectors(corpus):
    with np.load(training_dir() / "vectors.npz") as data:
        cached = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    return np.vstack([cached[text_key(t)] for t in corpus["text"]])


def test_few_statements_have_a_near_twin():
    # the corpus must not resemble itself: templates refilled with new names are removed
    corpus = load_training_corpus()
    twins = near_twins(corpus, _shipped_vectors(corpus))
    assert len(twins) <= 0.01 * len(corpus), twins.to_string()


def test_near_twins_finds_refilled_templates_and_close_meanings():
    corpus = pd.DataFrame({"id": ["a", "b", "c", "d"], "text": [
        "The Commissioner's grant paid for new locks and door chains at the homes of older "
        "residents in the north of the county, 40 in all.",
        "The Commissioner's grant paid for new locks and door chains at the homes of older "
        "residents in the north of the county, 95 in all.",
        "Apologies were received from two members.",
        "Item 3: declarations of interest."]})
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.1], [-1.0, 0.0]])
    twins = near_twins(corpus, vectors)
    # a-b share most word 5-grams though their vectors differ; a-c are close in meaning
    assert twins.set_index("id")["twin_id"].to_dict() == {"a": "c", "b": "a", "c": "a"}
    assert twins.set_index("id").loc["b", "jaccard"] >= 0.5


def test_voice_balance_counts_each_voice_and_organisation_kind():
    corpus = pd.DataFrame({"voice": ["minutes", "minutes", "submission"],
                           "organisation_kind": ["", "", "csp"],
                           "pcc_sentiment": ["negative", "neutral", "negative"]})
    table = voice_balance(corpus)
    assert table.loc["minutes", "total"] == 2
    assert table.loc["submission/csp", "negative"] == 1
