"""Emergent theme discovery: deterministic, outliers kept out, ids stable when a new call arrives."""

from __future__ import annotations

import numpy as np
import pytest

from evidence_lab.themes import OUTLIER, ThemeDiscoverer, class_tfidf_keywords


def _blobs(rng: np.random.Generator, centres: np.ndarray, per: int, noise: float = 0.05):
    points = np.vstack([c + noise * rng.standard_normal((per, centres.shape[1])) for c in centres])
    return points / np.linalg.norm(points, axis=1, keepdims=True)


TOPICS = [["grant round timetable deadline", "grant bids deadline short"],
          ["rural crime farm thefts", "farm machinery rural thefts"],
          ["knife crime young people", "young people knife violence"]]


def _corpus(seed: int = 0, per: int = 20):
    rng = np.random.default_rng(seed)
    centres = np.eye(3, 16)
    vectors = _blobs(rng, centres, per)
    texts = [TOPICS[i][j % 2] + f" case {j}" for i in range(3) for j in range(per)]
    return texts, vectors, centres


def test_finds_the_planted_topics_and_names_them():
    texts, vectors, _ = _corpus()
    model = ThemeDiscoverer(random_state=0).fit(vectors, texts=texts)
    assert len(model.themes_) == 3
    clustered = model.labels_ != OUTLIER
    for block in range(3):
        labels = set(model.labels_[block * 20:(block + 1) * 20][clustered[block * 20:(block + 1) * 20]])
        assert len(labels) == 1  # each planted topic is one theme
    keywords = " ".join(model.themes_["keywords"])
    for word in ("grant", "rural", "knife"):
        assert word in keywords
    assert model.outlier_share_ <= 0.1


def test_same_input_and_seed_give_the_same_themes_ids_and_labels():
    texts, vectors, _ = _corpus()
    first = ThemeDiscoverer(random_state=3).fit(vectors, texts=texts)
    second = ThemeDiscoverer(random_state=3).fit(vectors, texts=texts)
    assert first.themes_["theme_id"].tolist() == second.themes_["theme_id"].tolist()
    assert first.themes_["label"].tolist() == second.themes_["label"].tolist()
    np.testing.assert_array_equal(first.labels_, second.labels_)


def test_a_far_away_statement_is_left_unclustered():
    texts, vectors, _ = _corpus()
    odd = np.zeros((1, 16))
    odd[0, 10] = 1.0
    model = ThemeDiscoverer(n_themes=3, random_state=0).fit(np.vstack([vectors, odd]),
                                                           texts=[*texts, "an unrelated remark"])
    assert model.labels_[-1] == OUTLIER


def test_a_new_call_keeps_existing_ids_and_only_new_topics_get_new_ids():
    texts, vectors, centres = _corpus()
    model = ThemeDiscoverer(random_state=0).fit(vectors, texts=texts)
    before = model.themes_["theme_id"].tolist()
    rng = np.random.default_rng(7)
    again = _blobs(rng, centres[:1], 6)  # more on a known topic
    novel_centre = np.zeros((1, 16))
    novel_centre[0, 5] = 1.0
    novel = _blobs(rng, novel_centre, 8)
    labels = model.partial_fit(np.vstack([again, novel]),
                               texts=["grant deadline again"] * 6 + ["road safety speeding"] * 8).labels_
    after = model.themes_["theme_id"].tolist()
    assert after[:len(before)] == before  # old ids kept
    assert len(after) == len(before) + 1  # one new theme
    known = model.themes_["theme_id"].tolist().index(before[int(model.predict(again[:1])[0])])
    assert set(labels[:6]) == {known}
    assert set(labels[6:]) == {len(before)}
    assert "road" in model.themes_["keywords"].iloc[-1]


def test_class_tfidf_prefers_words_distinctive_of_a_cluster():
    texts = ["grant deadline grant", "grant timetable", "farm thefts", "farm quad bikes"]
    words = class_tfidf_keywords(texts, np.array([0, 0, 1, 1]), [0, 1], 2)
    assert words[0][0] == "grant"
    assert words[1][0] == "farm"


def test_too_few_statements_is_a_clear_error():
    with pytest.raises(ValueError, match="at least 2 statements"):
        ThemeDiscoverer().fit(np.ones((1, 4)), texts=["only one"])


def test_a_submission_spread_over_many_themes_still_has_a_primary_theme():
    """One long submission with statements on six topics (none a fifth of its words) rolls up to
    its largest theme instead of failing (a 10,000-statement call found this)."""
    import pandas as pd

    from evidence_lab.themes.summary import discover_themes

    rng = np.random.default_rng(0)
    centres = np.eye(6, 16)
    vectors = _blobs(rng, centres, 12)
    words = ["grant", "rural", "knife", "school", "traffic", "housing"]
    texts = [f"{words[i]} matter number {j}" for i in range(6) for j in range(12)]
    # statement j of each topic belongs to submission j % 4; submission "spread" takes one of each
    owners = [f"s{j % 4}" for i in range(6) for j in range(12)]
    for i in range(6):
        owners[i * 12] = "spread"
    segments = pd.DataFrame({"segment_id": [f"g{k}" for k in range(len(texts))],
                             "submission_id": owners, "text": texts,
                             "primary_theme": "other", "themes": [["other"]] * len(texts)})
    out, rollup, model = discover_themes(segments, vectors, random_state=0, guidance=0.0)
    assert len(model.themes_) == 6
    spread = rollup.loc["spread"]
    assert spread["primary_theme"] == spread["themes"][0]
    assert spread["primary_theme"] in set(out.loc[out["submission_id"] == "spread", "primary_theme"])
