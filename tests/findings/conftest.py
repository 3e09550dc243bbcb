"""A small call drafted by hand: statements with the labels, context and similarity we choose, so
each rule of the draft can be shown failing and fixed without running the models."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest

import evidence_lab as el
from evidence_lab.codebook import load_codebook
from evidence_lab.embed import Embeddings
from evidence_lab.findings import draft_findings


@dataclass
class Said:
    """One statement of the hand-made call.

    ``point`` stands for what it is about: statements with the same point get the same embedding
    (similarity 1), different points orthogonal ones (similarity 0), unless ``vector`` is given.
    """

    org: str
    text: str
    stance: str
    score: float
    theme: str = "engagement"
    point: int = 0
    cues: str = ""
    previous: str = ""
    heading: str = ""
    kind: str = "community_safety_partnership"
    vector: tuple[float, ...] | None = None
    mention: str = "none"  # its mention_kind: "addressed" when its letter is written to the target


@pytest.fixture(scope="session")
def said() -> type[Said]:
    """The :class:`Said` record (test modules cannot import a conftest under importlib)."""
    return Said


@pytest.fixture(scope="session")
def sample_codebook() -> el.Codebook:
    return load_codebook(el.sample_call().codebook)


@pytest.fixture
def draft(sample_codebook):
    """``draft(statements)`` -> the findings table drafted from them."""

    def run(statements: list[Said]) -> pd.DataFrame:
        segments, vectors = [], []
        width = max([s.point for s in statements] + [len(s.vector or ()) for s in statements]) + 1
        for i, s in enumerate(statements):
            segments.append({
                "segment_id": f"{s.org.lower().replace(' ', '_')}:{i}", "submission_id": s.org,
                "text": s.text, "primary_theme": s.theme, "pcc_sentiment": s.stance,
                "pcc_sentiment_score": s.score, "stance_evidence": s.cues,
                "previous_text": s.previous, "heading": s.heading, "segment_kind": "statement",
                "mention_kind": s.mention})
            vector = np.zeros(width)
            if s.vector is None:
                vector[s.point] = 1.0
            else:
                vector[:len(s.vector)] = s.vector
            vectors.append(vector / np.linalg.norm(vector))
        frame = pd.DataFrame(segments)
        orgs = {s.org: s.kind for s in statements}
        submissions = pd.DataFrame({"submission_id": list(orgs), "organisation": list(orgs),
                                    "respondent_type": list(orgs.values())})
        themes = pd.DataFrame({"theme_id": [t.id for t in sample_codebook.themes],
                               "label": [t.label for t in sample_codebook.themes]})
        embeddings = Embeddings(frame["segment_id"], np.array(vectors))
        return draft_findings(frame, submissions, embeddings, sample_codebook, themes)

    return run
