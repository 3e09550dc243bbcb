"""Run small numeric work on one thread: on a shared two-core machine it is ten times faster.

scikit-learn's k-means (OpenMP) and PCA (BLAS) start a thread per core. On the matrices the
sub-themes and discovery cluster (a few thousand statements, 32 to 390 numbers each) the threads
spend their time waiting for one another, and when other programs hold the cores they wait for
the scheduler too: at 10,000 statements ``discover_subthemes`` took 25 to 31 s on two threads
with the machine busy (12 to 15 CPU s, mostly spinning), 2.2 to 2.5 s on one (1.2 to 1.4 CPU
s), with the same sub-themes. The embedding (ONNX Runtime's own threads) and the spaCy parse are
left as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits


@contextmanager
def single_threaded() -> Iterator[None]:
    """Inside, BLAS and OpenMP (k-means, PCA, silhouette) use one thread; the previous limits
    come back on leaving."""
    with threadpool_limits(limits=1):
        yield
