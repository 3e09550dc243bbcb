"""Where the heavy stages run: in this process (``"local"``) or on a Dask distributed cluster.

With ``engine="dask"`` segmenting and embedding (about 95% of a run's time; stance and the other
stages are fitted models over the vectors and take under a second per 10,000 statements) are split
into chunks of whole submissions and mapped over the cluster's workers: a ``LocalCluster`` by
default, or the scheduler at ``scheduler`` (e.g. ``tcp://10.0.0.5:8786``). Each worker loads the
bundled models once. Segment ids are per submission, so the result equals a local run's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .embed import EMBEDDING_DIM, Embedder, resolve_embedder
from .schema import SEGMENT_COLUMNS
from .segmentation import segment


def segment_and_embed_chunk(submissions: pd.DataFrame,
                            embedder: Embedder | str | None = None) -> tuple[pd.DataFrame, np.ndarray]:
    """One chunk's segments and their embeddings (runs on a worker, with the caller's embedder)."""
    segments = segment(submissions, show_progress=False)
    vectors = resolve_embedder(embedder).encode(segments["text"].tolist())
    return segments, vectors


def _chunks(submissions: pd.DataFrame, n_chunks: int) -> list[pd.DataFrame]:
    size = max(1, -(-len(submissions) // n_chunks))
    return [submissions.iloc[i:i + size] for i in range(0, len(submissions), size)]


def run_on_dask(submissions: pd.DataFrame, embedder: Embedder | str | None = None, *,
                scheduler: str | None = None, n_workers: int = 2,
                chunks_per_worker: int = 4) -> tuple[pd.DataFrame, np.ndarray]:
    """Segment and embed ``submissions`` on a Dask cluster; (segments, vectors) in input order.

    Args:
        submissions: the submissions DataFrame.
        embedder: the embedder the run uses (sent to the workers; a registered name is resolved
            on each worker, so each loads its model once); None is the default ``minilm``.
        scheduler: address of a running scheduler; None starts a ``LocalCluster`` of
            ``n_workers`` single-threaded worker processes for this call.
        n_workers: workers of the local cluster (default 2).
        chunks_per_worker: how many chunks of submissions each worker gets (default 4).
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("engine='dask' needs Dask: pip install 'evidence-lab[dask]'") from None
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
    try:
        with Client(scheduler or cluster) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})) or n_workers)
            chunks = _chunks(submissions, workers * chunks_per_worker)
            futures = client.map(segment_and_embed_chunk, chunks, [embedder] * len(chunks),
                                 pure=False)
            results = client.gather(futures)
    finally:
        if cluster is not None:
            cluster.close()
    segments = pd.concat([r[0] for r in results], ignore_index=True)[SEGMENT_COLUMNS]
    segments["page"] = segments["page"].astype("Int64")
    vectors = np.vstack([r[1] for r in results]) if results else np.zeros((0, EMBEDDING_DIM),
                                                                          dtype=np.float32)
    return segments, vectors
