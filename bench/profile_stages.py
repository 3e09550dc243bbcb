"""Where the post-embedding stages and the report spend their time (cProfile; run by hand).

    .venv/bin/python bench/profile_stages.py --n 10000 > bench/results/profile-10000.txt

Needs the synthetic corpus's vectors in ``bench/_cache/`` (``run_bench.py --n N`` leaves them
there). Runs ``analyse(submissions, segments=..., embedder=...)`` once to fit and cache the models,
then profiles a second run and ``write_outputs``, printing the functions with the largest
cumulative time (evidence_lab's own first, then everything).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _print(profile: cProfile.Profile, title: str, limit: int) -> None:
    for restriction, label in (("evidence_lab", "evidence_lab functions"), ("", "all functions")):
        stream = io.StringIO()
        stats = pstats.Stats(profile, stream=stream).sort_stats("cumulative")
        stats.print_stats(restriction, limit) if restriction else stats.print_stats(limit)
        print(f"==== {title}: {label}, by cumulative time ====")
        print("\n".join(line for line in stream.getvalue().splitlines()
                        if line.strip() and not line.startswith(("   Ordered", "   List reduced"))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--discover", action="store_true")
    parser.add_argument("--limit", type=int, default=30)
    args = parser.parse_args(argv)

    import synthetic

    from evidence_lab import segment
    from evidence_lab.pipeline import analyse
    from evidence_lab.report import write_outputs

    submissions = synthetic.make_submissions(synthetic.load_sample(), args.n, seed=args.seed)
    segments = segment(submissions, show_progress=False)
    with np.load(HERE / "_cache" / f"synthetic-{args.n}-seed{args.seed}.npz") as data:
        if data["texts"].tolist() != segments["text"].tolist():
            raise SystemExit("cached vectors do not match the corpus; run run_bench.py first")
        vectors = data["vectors"]
    embedder = synthetic.preloaded(segments["text"].tolist(), vectors)
    analyse(submissions, segments=segments, embedder=embedder, discover=args.discover,
            show_progress=False)  # fits and caches the models
    profile = cProfile.Profile()
    result = profile.runcall(analyse, submissions, segments=segments, embedder=embedder,
                             discover=args.discover, show_progress=False)
    print(f"analyse stages (s): {result.run['timings_s']}")
    _print(profile, "analyse (post-embedding, models cached)", args.limit)
    profile = cProfile.Profile()
    with tempfile.TemporaryDirectory() as out:
        profile.runcall(write_outputs, result, out)
    _print(profile, "write_outputs", args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
