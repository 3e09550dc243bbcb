"""The review widget's "Code these next" queue: the statements suggest would pick, in order."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from evidence_lab.embed import Embeddings
from evidence_lab.widgets import SegmentReviewer


@pytest.fixture
def scored(analysis):
    """The hand-made analysis with probabilities and vectors (two near statements, two apart)."""
    segs = analysis.segments.copy()
    # csp:1 is the one the models are least sure of; csp:0 and csp:2 are near each other
    theme = {"csp:0": [0.9, 0.1], "csp:1": [0.5, 0.5], "csp:2": [0.8, 0.2], "watch:0": [0.95, 0.05]}
    for j, cls in enumerate(["commissioning", "engagement"]):
        segs[f"theme_score_{cls}"] = [theme[s][j] for s in segs["segment_id"]]
    for j, label in enumerate(["positive", "negative", "mixed", "neutral"]):
        segs[f"stance_proba_{label}"] = [0.7 if j == 1 else 0.1] * len(segs)
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.99, 0.14, 0], [0, 0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return dataclasses.replace(analysis, segments=segs,
                               embeddings=Embeddings(segs["segment_id"].tolist(), vectors))


def test_code_these_next_pages_through_the_suggested_statements(scored):
    reviewer = SegmentReviewer(scored, theme="commissioning")
    queue = reviewer.code_next(3)
    assert len(queue) == 3 and len(set(queue)) == 3
    assert "csp:1" in queue  # the uncertain one, alone in its group
    assert not {"csp:0", "csp:2"} <= set(queue)  # one pick per group of near statements
    assert reviewer.selection["segment_id"].tolist() == queue
    assert reviewer.theme_filter.value == "__all__"
    reviewer.queue_button.click()  # the button does the same (default n covers everything)
    assert len(reviewer.selection) == 4
    reviewer.theme_filter.value = "engagement"  # choosing a filter ends the queue
    assert reviewer.selection["segment_id"].tolist() == ["watch:0"]


def test_corrected_statements_leave_the_queue(scored):
    reviewer = SegmentReviewer(scored)
    reviewer.relabel("csp:1", theme="partnerships")
    assert "csp:1" not in reviewer.code_next(3)
