"""Theme from context: the blend moves probability between codebook themes only, worked by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from evidence_lab.codebook import load_codebook
from evidence_lab.models import fit_models
from evidence_lab.themes import assign_themes
from evidence_lab.themes._context import blend_context, context_proba

CLASSES = np.array(["engagement", "commissioning", "other"], dtype=object)


def test_context_is_the_heading_and_the_neighbours_under_it():
    segments = pd.DataFrame({"submission_id": ["a", "a", "a", "b"],
                             "heading": ["Funding", "Funding", "Visits", ""]})
    proba = np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0], [0.5, 0.5, 0]])
    heading = np.array([[0, 1.0, 0], [0, 1.0, 0], [1.0, 0, 0], [0, 0, 0]])
    context, has = context_proba(segments, proba, heading, heading_share=0.5)
    # row 0: heading (0.5) + its one neighbour under the same heading (0.25), renormalised
    np.testing.assert_allclose(context[0], [0, 1.0, 0])
    np.testing.assert_allclose(context[1], [1 / 3, 2 / 3, 0])
    np.testing.assert_allclose(context[2], [1.0, 0, 0])  # another heading: no neighbours
    assert has.tolist() == [True, True, True, False]  # b: no heading, no neighbour


def test_a_heading_line_keeps_its_own_theme():
    segments = pd.DataFrame({"submission_id": ["a", "a", "a"],
                             "text": ["Grants came late.", "## Visits", "Nobody came."],
                             "heading": ["Funding", "Funding", "Visits"]})
    proba = np.array([[0, 1.0, 0], [1.0, 0, 0], [1.0, 0, 0]])
    _, has = context_proba(segments, proba, proba, heading_share=0.5)
    assert has.tolist() == [True, False, True]


def test_blend_keeps_other_and_moves_the_rest():
    proba = np.array([[0.3, 0.1, 0.6], [0.5, 0.5, 0.0]])
    context = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # the second context is all 'other'
    out = blend_context(proba, context, np.array([True, True]), CLASSES, weight=0.5)
    np.testing.assert_allclose(out[0], [0.15, 0.25, 0.6])  # 0.4 * (0.5 * [.75, .25] + .5 * [0, 1])
    np.testing.assert_allclose(out[1], proba[1])  # context with no theme changes nothing
    np.testing.assert_allclose(blend_context(proba, context, np.array([True, True]), CLASSES,
                                             weight=0.0), proba)


@pytest.mark.slow
def test_a_heading_decides_a_statement_that_names_no_theme():
    theme_model = fit_models(load_codebook())[0]
    segments = pd.DataFrame({"submission_id": ["a", "b"],
                             "text": ["That happened three weeks later."] * 2,
                             "heading": ["The small grants round", "How the office keeps us informed"]})
    alone = assign_themes(segments, theme_model, context_weight=0.0)["primary_theme"].tolist()
    assert alone[0] == alone[1]
    with_context = assign_themes(segments, theme_model)["primary_theme"].tolist()
    assert with_context == ["commissioning", "engagement"]
