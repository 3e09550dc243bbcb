"""The review-local correction layer: systematic corrections move similar statements, noise nothing."""

from __future__ import annotations

import numpy as np
import pytest

from evidence_lab.adapt import CorrectionLayer, corpus_whitening

CLASSES = ["engagement", "commissioning", "partnerships"]
SHIPPED = [0.6, 0.25, 0.15]  # the shipped model's view of every statement here: engagement


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _group(centre: int, n: int, rng: np.random.Generator, dim: int = 8) -> np.ndarray:
    rows = 0.15 * rng.standard_normal((n, dim))
    rows[:, centre] += 1.0
    return _unit(rows)


def _review(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Sixteen corrected statements in two groups; the panel files group b under commissioning
    (a systematic relabel: the shipped model says engagement for all of them)."""
    vectors = np.vstack([_group(0, 8, rng), _group(1, 8, rng)])
    return vectors, np.tile(SHIPPED, (16, 1)), ["engagement"] * 8 + ["commissioning"] * 8


def test_a_systematic_relabel_moves_similar_statements_and_only_them():
    rng = np.random.default_rng(0)
    vectors, proba, labels = _review(rng)
    layer = CorrectionLayer().fit(vectors, proba, labels, CLASSES)
    assert layer.lambda_ is not None
    unseen_b, unseen_a = _group(1, 20, rng), _group(0, 20, rng)
    moved_b = layer.transform(unseen_b, np.tile(SHIPPED, (20, 1)))
    moved_a = layer.transform(unseen_a, np.tile(SHIPPED, (20, 1)))
    assert (moved_b.argmax(axis=1) == 1).mean() >= 0.9  # like group b: now commissioning
    assert (moved_a.argmax(axis=1) == 0).all()  # like group a: still engagement
    assert moved_b.sum(axis=1) == pytest.approx(np.ones(20))


def test_random_noise_corrections_change_nothing():
    rng = np.random.default_rng(1)
    unchanged = 0
    for _ in range(10):
        vectors = _unit(rng.standard_normal((30, 8)))
        proba = rng.dirichlet(np.ones(3), size=30)
        labels = list(rng.choice(CLASSES, size=30))  # labels that owe nothing to the text
        layer = CorrectionLayer(random_state=int(rng.integers(100))).fit(vectors, proba, labels,
                                                                         CLASSES)
        unchanged += layer.lambda_ is None
        if layer.lambda_ is None:
            fresh = rng.dirichlet(np.ones(3), size=5)
            assert layer.transform(_unit(rng.standard_normal((5, 8))), fresh) == pytest.approx(fresh)
    assert unchanged >= 9  # the one-standard-error rule: noise does not earn a shift


def test_too_few_corrections_leave_the_model_alone():
    vectors, proba, labels = _review(np.random.default_rng(0))
    layer = CorrectionLayer().fit(vectors[7:10], proba[7:10], labels[7:10], CLASSES)
    assert layer.lambda_ is None
    assert layer.transform(vectors, proba) == pytest.approx(proba)


def test_the_corpus_geometry_makes_its_well_known_directions_dear():
    rng = np.random.default_rng(2)
    # a corpus that varies a lot along the first axis and little along the second
    corpus = rng.standard_normal((500, 2)) * np.array([1.0, 0.1])
    whitening = corpus_whitening(corpus)
    features = np.hstack([corpus, np.ones((500, 1))]) @ whitening
    moments = features.T @ features / 500
    assert moments == pytest.approx(np.diag(np.diag(moments)), abs=1e-6)  # decorrelated
    # the same corrections, explained along either axis: the shift leans on the cheap one
    vectors = np.array([[1.0, 1.0], [-1.0, -1.0]] * 4)
    proba = np.tile([0.5, 0.5], (8, 1))
    labels = ["engagement", "commissioning"] * 4
    shift = CorrectionLayer(lambdas=[1.0], whitening=whitening).fit(
        vectors, proba, labels, CLASSES[:2]).coef_
    assert abs(shift[1, 0] - shift[1, 1]) > 5 * abs(shift[0, 0] - shift[0, 1])


def test_bad_labels_are_named():
    vectors, proba, labels = _review(np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"unknown label\(s\) \['budgets'\]"):
        CorrectionLayer().fit(vectors, proba, ["budgets", *labels[1:]], CLASSES)
    with pytest.raises(ValueError, match="one of each per corrected statement"):
        CorrectionLayer().fit(vectors, proba, labels[:3], CLASSES)


def test_with_words_a_relabel_follows_a_name_the_embedding_does_not_separate():
    rng = np.random.default_rng(3)
    vectors = _group(0, 16, rng)  # one blur of similar statements in the embedding
    texts = [f"the speed watch scheme reported item {i}" if i % 2 else f"the survey reported item {i}"
             for i in range(16)]
    labels = ["commissioning" if i % 2 else "engagement" for i in range(16)]
    layer = CorrectionLayer(words=1.0).fit(vectors, np.tile(SHIPPED, (16, 1)), labels, CLASSES,
                                           texts)
    assert layer.lambda_ is not None
    unseen = _group(0, 2, rng)
    moved = layer.transform(unseen, np.tile(SHIPPED, (2, 1)),
                            ["volunteers on speed watch again", "a new survey this spring"])
    assert list(moved.argmax(axis=1)) == [1, 0]
    with pytest.raises(ValueError, match="texts"):
        layer.transform(unseen, np.tile(SHIPPED, (2, 1)))


def _regrouping_review(rng: np.random.Generator, n: int = 24) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A panel that files partnership working under engagement: wherever the shipped model says
    partnerships, the officer says engagement; elsewhere the officer agrees with it. The vectors
    say nothing (random), so only the class itself can carry the regrouping."""
    shipped = rng.choice(3, size=n)
    proba = np.full((n, 3), 0.1)
    proba[np.arange(n), shipped] = 0.8
    labels = ["engagement" if c == 2 else CLASSES[c] for c in shipped]
    return _unit(rng.standard_normal((n, 8))), proba, labels


def test_a_panel_filing_one_theme_under_another_moves_the_whole_class():
    rng = np.random.default_rng(2)
    vectors, proba, labels = _regrouping_review(rng)
    layer = CorrectionLayer(transition=True).fit(vectors, proba, labels, CLASSES)
    assert layer.transition_prior_ is not None
    assert layer.transition_[0, 2] > 0.5  # partnerships, as the shipped model sees it -> engagement
    unseen = np.array([[0.1, 0.1, 0.8], [0.1, 0.8, 0.1], [0.8, 0.1, 0.1]])
    moved = layer.transform(_unit(rng.standard_normal((3, 8))), unseen)
    assert moved.argmax(axis=1).tolist() == [0, 1, 0]  # only the regrouped class moved
    assert moved.sum(axis=1) == pytest.approx(np.ones(3))


def test_a_panel_that_codes_as_the_model_expects_teaches_no_regrouping():
    rng = np.random.default_rng(3)
    regrouped = 0
    for _ in range(10):
        proba = rng.dirichlet(np.ones(3) * 0.5, size=30)
        # labels drawn from the shipped model's own probabilities: it is right as often as it
        # says, so its mistakes are noise, not a regrouping
        labels = [CLASSES[rng.choice(3, p=row)] for row in proba]
        layer = CorrectionLayer(transition=True, random_state=int(rng.integers(100))).fit(
            _unit(rng.standard_normal((30, 8))), proba, labels, CLASSES)
        regrouped += layer.transition_prior_ is not None
    assert regrouped <= 1


def test_corrections_picked_for_being_wrong_teach_no_regrouping():
    """An officer who only fixes the mistakes they spot: every correction disagrees with the
    shipped model, which says nothing about the statements it got right, so no class moves."""
    rng = np.random.default_rng(4)
    shipped = rng.choice(3, size=20)
    proba = np.full((20, 3), 0.1)
    proba[np.arange(20), shipped] = 0.8
    labels = [CLASSES[(c + 1 + int(rng.integers(2))) % 3] for c in shipped]  # never the model's
    layer = CorrectionLayer(transition=True).fit(_unit(rng.standard_normal((20, 8))), proba,
                                                 labels, CLASSES)
    assert layer.transition_prior_ is None
    assert layer.transition_ == pytest.approx(np.eye(3))


def test_a_regrouping_shown_on_every_example_moves_that_class_alone():
    """Corrections that all disagree, but the same way: whatever the model calls partnerships,
    the officer files under engagement, every time. That class moves; the others, of which the
    corrections show nothing, stay."""
    rng = np.random.default_rng(5)
    proba = np.tile([0.1, 0.1, 0.8], (8, 1))  # the model: partnerships, each time
    layer = CorrectionLayer(transition=True).fit(_unit(rng.standard_normal((8, 8))), proba,
                                                 ["engagement"] * 8, CLASSES)
    assert layer.transition_prior_ is not None
    assert layer.transition_[:, :2] == pytest.approx(np.eye(3)[:, :2])  # the others stay
    moved = layer.transform(_unit(rng.standard_normal((1, 8))), np.array([[0.1, 0.1, 0.8]]))
    assert moved.argmax(axis=1).tolist() == [0]
