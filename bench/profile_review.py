"""Where a review's incremental run spends its time (cProfile; run by hand, it is not a test).

    .venv/bin/python bench/profile_review.py --n 10000 > bench/results/profile-review-10000.txt
    .venv/bin/python bench/profile_review.py --n 10000 --time-only   # no profiler: JSON timings

The scenario is ``run_bench.py``'s incremental one: a review holding 90% of a synthetic call of N
statements, analysed once, then, as a fresh process would see it (a fresh embedder, no parse
readings in memory), ``add_call`` of the other 10% and ``Review.analyse``. Both steps are
profiled; the functions with the largest cumulative time are printed (evidence_lab's own first).

The vectors come from ``bench/_cache/`` (``run_bench.py --n N`` leaves them there; without them
they are embedded here and saved), and the review holding the old 90% is kept there too, so a
second run profiles at once (``--fresh-setup`` builds it again).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from profile_stages import _print


def _vectors(n: int, seed: int, texts: list[str]) -> np.ndarray:
    path = HERE / "_cache" / f"synthetic-{n}-seed{seed}.npz"
    if path.exists():
        with np.load(path) as data:
            if data["texts"].tolist() == texts:
                return np.asarray(data["vectors"])
    from evidence_lab.embed import EMBEDDERS

    start = time.perf_counter()
    vectors = EMBEDDERS["minilm"]().encode(texts)
    print(f"embedded {len(texts):,} statements in {time.perf_counter() - start:.1f} s", flush=True)
    path.parent.mkdir(exist_ok=True)
    np.savez(path, texts=np.array(texts), vectors=vectors)
    return vectors


def _timed(review: Any, folder: Path) -> dict[str, Any]:
    """Wall and CPU seconds of ``add_call`` of ``folder`` and of the ``analyse`` after it."""
    out: dict[str, Any] = {}
    for name, step in (("add_call", lambda: review.add_call([folder], name="new",
                                                            show_progress=False)),
                       ("analyse", lambda: review.analyse(show_progress=False))):
        wall, cpu = time.perf_counter(), time.process_time()
        result = step()
        out[f"{name}_s"] = round(time.perf_counter() - wall, 3)
        out[f"{name}_cpu_s"] = round(time.process_time() - cpu, 3)
    out["timings_s"] = result.run["timings_s"]
    out["probabilities"] = result.run["review"].get("probabilities")
    out["load_average"] = os.getloadavg()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--fresh-setup", action="store_true",
                        help="build the review of the old 90%% again")
    parser.add_argument("--setup-tag", default="",
                        help="keep the set-up review under this tag (one per version compared)")
    parser.add_argument("--time-only", action="store_true",
                        help="no profiler: print the two steps' wall and CPU seconds as JSON")
    args = parser.parse_args(argv)

    import synthetic

    from evidence_lab import segment
    from evidence_lab.embed import EMBEDDERS, text_key
    from evidence_lab.findings import forget_readings
    from evidence_lab.review import Review

    submissions = synthetic.make_submissions(synthetic.load_sample(), args.n, seed=args.seed)
    ids = submissions["submission_id"].tolist()
    old = submissions["submission_id"].isin(set(ids[: round(len(ids) * 0.9)]))
    work = Path(tempfile.mkdtemp(prefix="el-profile-review-"))
    new_folder = synthetic.write_folder(submissions[~old], work / "call-new")
    kept = HERE / "_cache" / f"review-old-{args.n}-seed{args.seed}{args.setup_tag}.duckdb"
    if args.fresh_setup or not kept.exists():
        segments = segment(submissions, show_progress=False)
        vectors = _vectors(args.n, args.seed, segments["text"].tolist())
        old_folder = synthetic.write_folder(submissions[old], work / "call-old")
        known = EMBEDDERS["minilm"]()
        known.preload({text_key(t): v for t, v in zip(segments["text"], vectors, strict=True)})
        kept.unlink(missing_ok=True)
        start = time.perf_counter()
        with Review.open(kept, embedder=known) as review:
            review.add_call([old_folder], name="old", show_progress=False)
            review.analyse(show_progress=False)
        print(f"set-up (old 90%, added and analysed): {time.perf_counter() - start:.1f} s")
    store = work / "review.duckdb"
    shutil.copy(kept, store)
    forget_readings()
    review = Review.open(store, embedder=EMBEDDERS["minilm"]())
    try:
        if args.time_only:
            print(json.dumps(_timed(review, new_folder)), flush=True)
            return 0
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.runcall(review.add_call, [new_folder], name="new", show_progress=False)
        added = time.perf_counter() - start
        _print(profile, f"add_call of the new 10% ({added:.2f} s)", args.limit)
        profile = cProfile.Profile()
        start = time.perf_counter()
        result = profile.runcall(review.analyse, show_progress=False)
        analysed = time.perf_counter() - start
        print(f"analyse stages (s): {result.run['timings_s']}")
        _print(profile, f"Review.analyse after the new call ({analysed:.2f} s)", args.limit)
        print(f"add_call {added:.2f} s, analyse {analysed:.2f} s, load {os.getloadavg()}")
    finally:
        review.close()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
