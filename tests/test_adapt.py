"""The review-local correction layer: corrections move similar statements, and only those."""

from __future__ import annotations

import numpy as np
import pytest

from evidence_lab.adapt import CorrectionLayer

CLASSES = ["engagement", "commissioning"]


def _unit(*rows: list[float]) -> np.ndarray:
    v = np.array(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _review() -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Ten corrected statements in two tight groups the shipped model gets wrong in one."""
    rng = np.random.default_rng(0)
    group_a = np.array([1.0, 0.0, 0.0]) + 0.02 * rng.standard_normal((5, 3))
    group_b = np.array([0.0, 1.0, 0.0]) + 0.02 * rng.standard_normal((5, 3))
    vectors = _unit(*group_a, *group_b)
    # the shipped model says engagement for both groups; the officer codes group b commissioning
    proba = np.tile([0.7, 0.3], (10, 1))
    return vectors, proba, ["engagement"] * 5 + ["commissioning"] * 5


def test_a_statement_like_the_corrected_ones_takes_their_label():
    vectors, proba, labels = _review()
    layer = CorrectionLayer().fit(vectors, proba, labels, CLASSES)
    assert layer.gamma_ > 0
    new = _unit([0.01, 1.0, 0.0], [0.0, 0.0, 1.0])
    moved = layer.transform(new, np.array([[0.7, 0.3], [0.7, 0.3]]))
    assert moved[0].argmax() == 1  # near group b: now commissioning
    assert moved[1] == pytest.approx([0.7, 0.3], abs=1e-3)  # like none of them: unchanged
    assert moved.sum(axis=1) == pytest.approx([1.0, 1.0])


def test_corrections_that_agree_with_the_model_change_nothing_much():
    vectors = _review()[0]
    layer = CorrectionLayer().fit(vectors, np.tile([0.99, 0.01], (10, 1)), ["engagement"] * 10,
                                  CLASSES)
    moved = layer.transform(vectors[:1], np.array([[0.99, 0.01]]))
    assert moved[0].argmax() == 0


def test_too_few_corrections_leave_the_model_alone():
    vectors, proba, labels = _review()
    layer = CorrectionLayer().fit(vectors[5:8], proba[5:8], labels[5:8], CLASSES)
    assert layer.gamma_ == 0
    assert layer.transform(vectors, proba) == pytest.approx(proba)


def test_bad_labels_are_named():
    vectors, proba, labels = _review()
    with pytest.raises(ValueError, match=r"unknown label\(s\) \['budgets'\]"):
        CorrectionLayer().fit(vectors, proba, ["budgets", *labels[1:]], CLASSES)
    with pytest.raises(ValueError, match="one of each per corrected statement"):
        CorrectionLayer().fit(vectors, proba, labels[:3], CLASSES)
