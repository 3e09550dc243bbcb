"""The Dask engine gives the same analysis as a local run (on a real LocalCluster)."""

from __future__ import annotations

import numpy as np
import pytest

import evidence_lab as el
from evidence_lab.embed import PrecomputedEmbedder
from evidence_lab.engine import run_on_dask
from evidence_lab.ingest import read_inputs
from evidence_lab.segmentation import letter_furniture, segment

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow
SAMPLE = el.sample_call().folder


def test_dask_engine_matches_a_local_run():
    submissions = read_inputs([SAMPLE], quiet=True).submissions.head(6)
    local_segments = segment(submissions, show_progress=False)
    local_vectors = el.analyse(submissions, segments=local_segments, show_progress=False).vectors
    dask_segments, dask_vectors = run_on_dask(submissions, n_workers=2, chunks_per_worker=2)
    assert dask_segments.to_dict("records") == local_segments.to_dict("records")
    kept = ~letter_furniture(local_segments).to_numpy()  # the analysis leaves furniture out
    np.testing.assert_allclose(dask_vectors[kept], local_vectors, atol=1e-5)
    local = el.analyse(submissions, show_progress=False)
    distributed = el.analyse(submissions, engine="dask", show_progress=False)
    for column in ("primary_theme", "themes", "pcc_sentiment"):
        assert distributed.submissions[column].tolist() == local.submissions[column].tolist()
    assert distributed.findings["finding_id"].tolist() == local.findings["finding_id"].tolist()


def test_the_cluster_embeds_with_the_embedder_the_user_chose():
    submissions = read_inputs([SAMPLE], quiet=True).submissions.head(2)
    texts = segment(submissions, show_progress=False)["text"].tolist()
    chosen = {t: np.full(4, i, dtype=np.float32) for i, t in enumerate(texts)}
    _, vectors = run_on_dask(submissions, PrecomputedEmbedder(chosen, name="mine"), n_workers=1,
                             chunks_per_worker=2)
    np.testing.assert_array_equal(vectors, np.vstack([chosen[t] for t in texts]))


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match=r"engine must be one of local, dask, not 'spark'"):
        el.analyse(read_inputs([SAMPLE], quiet=True).submissions.head(1), engine="spark")
