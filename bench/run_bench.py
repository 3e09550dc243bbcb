"""Time every stage of evidence_lab on a synthetic call for evidence of N statements.

Run by hand (it is not a test); one heavy benchmark at a time on a two-core machine::

    .venv/bin/python bench/run_bench.py --n 10000 --out bench/results/10000.json
    .venv/bin/python bench/run_bench.py --n 10000 --discover --out bench/results/10000-discover.json
    .venv/bin/python bench/run_bench.py --n 100000 --out bench/results/100000.json

What is measured (wall-clock seconds, ``time.perf_counter``; memory as resident set size):

* machine: cores, RAM, CPU model and the instruction sets that matter for PyTorch on the CPU
  (avx2, avx512f, avx512_vnni, avx512_bf16, amx), and torch's own CPU capability;
* cold start: ``import evidence_lab``, ``import sentence_transformers``, loading the MiniLM model and
  the spaCy sentence pipeline, each in a fresh interpreter;
* stages, one after another in this process: read (``read_inputs`` on a folder of ``.txt`` files
  with a ``manifest.csv``), segment, embed (a fresh embedder of the default backend, so its cache is
  empty; the model is loaded beforehand and timed apart), the post-embedding stages through
  ``analyse(submissions, segments=..., embedder=...)`` (the vectors preloaded into the embedder) (fit_models, themes, stance, findings, as the
  run manifest times them), discover (``analyse(..., discover=True)`` after embedding), and report
  (``write_outputs``). A sampling thread records each stage's peak RSS;
* whole run: ``analyse(folder)`` plus ``write_outputs`` in a fresh interpreter, as a user would run it,
  with its own peak RSS (``resource.getrusage``: it covers torch's native allocations);
* incremental: 10% new submissions on top of 90% already analysed. With ``evidence_lab.review``
  (when it exists) through its API; always through the embedding cache alone (the old 90%'s
  vectors preloaded into the embedder, everything else recomputed), as a lower bound of what a
  store that caches only embeddings can do.

``--proxy-vectors K`` is for an N too large to embed in the time available (100,000 statements
at the rate a busy two-core machine gives): K random statements are embedded for real to measure
the rate (the embedding time at N is extrapolated from it) and every statement gets a stand-in
vector, the word-share weighted mean of the embeddings of the two sample sentences it was cut
from (``synthetic.proxy_vectors``); the post-embedding stages then do realistic work on realistic
structure, but the whole run and the incremental runs, which must embed, are skipped.

The synthetic corpus is built by ``bench/synthetic.py`` from the sample call; its statements and
vectors are cached in ``bench/_cache/`` for ``bench/compare_bertopic.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

FLAGS_OF_INTEREST = ("avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512_vnni", "avx512_bf16",
                     "avx_vnni", "amx_bf16", "amx_int8")
CACHE = HERE / "_cache"


# -- machine and memory -----------------------------------------------------------------------
def _lscpu() -> dict[str, str]:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def machine_info() -> dict[str, Any]:
    """Cores, RAM, CPU model and the instruction-set flags that decide torch's CPU kernels."""
    import psutil
    import torch

    cpu = _lscpu()
    flags = set(cpu.get("Flags", "").split())
    return {
        "nproc": os.cpu_count(),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "cpu_model": cpu.get("Model name", platform.processor()),
        "hypervisor": cpu.get("Hypervisor vendor", ""),
        "flags": {f: f in flags for f in FLAGS_OF_INTEREST},
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "torch_cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "python": platform.python_version(),
    }


def tree_state() -> dict[str, Any]:
    """The package's commit and a hash of its uncommitted changes (others edit it as we measure)."""
    import hashlib

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=HERE.parent, capture_output=True, text=True,
                              check=False).stdout

    diff = git("diff", "HEAD", "--", "src") + git("ls-files", "--others", "--exclude-standard", "src")
    return {"commit": git("rev-parse", "HEAD").strip(),
            "src_changes_sha1": hashlib.sha1(diff.encode()).hexdigest()[:12],
            "src_files_changed": len(git("status", "--porcelain", "--", "src").splitlines())}


def rss_mib() -> float:
    """Current resident set size of this process, MiB."""
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def max_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB), MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Stages:
    """Times stages and samples RSS every 20 ms to find each stage's peak."""

    def __init__(self) -> None:
        self.results: dict[str, dict[str, float]] = {}
        self._peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self._peak = max(self._peak, rss_mib())
            time.sleep(0.02)

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, float]]:
        import psutil

        extra: dict[str, float] = {}
        self._peak = before = rss_mib()
        cpu_before = sum(psutil.Process().cpu_times()[:2])
        start = time.perf_counter()
        yield extra
        seconds = time.perf_counter() - start
        # CPU seconds of this process (all threads): less disturbed by other work than wall time
        extra["cpu_s"] = round(sum(psutil.Process().cpu_times()[:2]) - cpu_before, 2)
        self._peak = max(self._peak, rss_mib())
        self.results[name] = {"seconds": round(seconds, 3), "rss_before_mib": round(before, 1),
                              "rss_peak_mib": round(self._peak, 1),
                              "load_average_1min": round(os.getloadavg()[0], 2), **extra}
        print(f"  {name:<22} {seconds:9.2f} s   peak RSS {self._peak:8.0f} MiB"
              + "".join(f"   {k}={v}" for k, v in extra.items()), flush=True)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


# -- embedding backend -------------------------------------------------------------------------
def new_embedder() -> Any:
    """A fresh embedder (empty cache) of the backend the package picks, or the one forced with
    ``EVIDENCE_LAB_EMBED_BACKEND=torch`` (``--backend torch`` sets it, for the child runs too)."""
    from evidence_lab.embed import EMBEDDERS

    return EMBEDDERS["minilm"]()


# -- cold start -------------------------------------------------------------------------------
_COLD = {
    "import evidence_lab": "import evidence_lab",
    "import sentence_transformers": "import sentence_transformers",
    "import torch": "import torch",
    "load MiniLM (after imports)": (
        "from evidence_lab.embed import bundled_model_path, load_sentence_transformer; "
        "import sentence_transformers, torch; t0 = time.perf_counter(); "
        "load_sentence_transformer(str(bundled_model_path())); "
        "print(time.perf_counter() - t0); raise SystemExit"),
    "load MiniLM, ONNX Runtime (after imports)": (
        "from evidence_lab.embed._onnx import _load_onnx_model; import onnxruntime; "
        "t0 = time.perf_counter(); _load_onnx_model(); print(time.perf_counter() - t0); "
        "raise SystemExit"),
    "load spaCy senter (after imports)": (
        "from evidence_lab.nlp import load_pipeline; t0 = time.perf_counter(); "
        "load_pipeline('sentences'); print(time.perf_counter() - t0); raise SystemExit"),
}


def cold_start(repeats: int = 2) -> dict[str, dict[str, float]]:
    """Seconds for each import or model load in a fresh interpreter (first and best of ``repeats``)."""
    out = {}
    for name, code in _COLD.items():
        program = f"import time; t0 = time.perf_counter(); {code}; print(time.perf_counter() - t0)"
        runs = []
        for _ in range(repeats):
            done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                                  env={**os.environ, "PYTHONWARNINGS": "ignore"}, check=True)
            runs.append(float(done.stdout.split()[-1]))
        out[name] = {"first_s": round(runs[0], 2), "best_s": round(min(runs), 2)}
        print(f"  {name:<36} first {runs[0]:6.2f} s   best {min(runs):6.2f} s", flush=True)
    return out


# -- whole run in a fresh interpreter ----------------------------------------------------------
def _whole_child(folder: str, out_dir: str, discover: bool) -> None:
    """Entry point of the child process: analyse a folder as a user would and print JSON."""
    start = time.perf_counter()
    import evidence_lab
    from evidence_lab.report import write_outputs

    imported = time.perf_counter()
    result = evidence_lab.analyse([folder], discover=discover, show_progress=False)
    analysed = time.perf_counter()
    write_outputs(result, out_dir)
    done = time.perf_counter()
    print(json.dumps({"import_s": round(imported - start, 3),
                      "analyse_s": round(analysed - imported, 3),
                      "write_outputs_s": round(done - analysed, 3),
                      "total_s": round(done - start, 3),
                      "pipeline_timings_s": result.run["timings_s"],
                      "counts": result.run["counts"],
                      "peak_rss_mib": round(max_rss_mib(), 1)}))


def whole_run(folder: Path, out_dir: Path, discover: bool) -> dict[str, Any]:
    """Run :func:`_whole_child` in a fresh interpreter and return what it measured."""
    args = [sys.executable, str(Path(__file__).resolve()), "--_whole", str(folder), "--out",
            str(out_dir)] + (["--discover"] if discover else [])
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"whole run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- incremental -------------------------------------------------------------------------------
def incremental_review(submissions: Any, segments: Any, vectors: np.ndarray, old_ids: set[str],
                       discover: bool, work: Path, stages: Stages) -> dict[str, Any]:
    """Incremental scenario through :class:`evidence_lab.review.Review`, when that module exists.

    Set-up (timed, but not the measure): a review holding the old 90% of submissions, added with
    their vectors already known (preloaded embedder) and analysed once. Measured: a fresh process's
    view, i.e. a fresh embedder and no parse readings in memory, adding the new 10% as a second call (segment, embed the new
    statements, store them) and re-analysing the whole review.
    """
    if importlib.util.find_spec("evidence_lab.review") is None:
        return {"skipped": "evidence_lab.review does not exist"}
    import synthetic

    from evidence_lab.embed import text_key
    from evidence_lab.findings import forget_readings

    try:
        from evidence_lab.review import Review
    except ImportError as exc:
        return {"skipped": f"evidence_lab.review has no usable Review class ({exc})"}
    old = submissions["submission_id"].isin(old_ids)
    old_folder = synthetic.write_folder(submissions[old], work / "call-old")
    new_folder = synthetic.write_folder(submissions[~old], work / "call-new")
    store = work / "review.duckdb"
    known = new_embedder()
    known.preload({text_key(t): v for t, v in zip(segments["text"], vectors, strict=True)})
    out: dict[str, Any] = {}
    try:
        with stages.stage("review_setup_old_90pct"):
            with Review.open(store, embedder=known) as review:
                review.add_call([old_folder], name="old", show_progress=False)
                review.analyse(discover=discover, show_progress=False)
        # a fresh process's view: a fresh embedder, and no parse readings in memory (the
        # review's store keeps them, as it keeps the vectors)
        forget_readings()
        review = Review.open(store, embedder=new_embedder())
        try:
            with stages.stage("review_add_new_10pct") as extra:
                summary = review.add_call([new_folder], name="new", show_progress=False)
                extra["embedded"] = summary.n_embedded
            with stages.stage("review_analyse_all"):
                review.analyse(discover=discover, show_progress=False)
        finally:
            review.close()
    except Exception as exc:  # the module is being written; report rather than crash the bench
        return {"skipped": f"Review API failed: {type(exc).__name__}: {exc}"}
    out["add_new_s"] = stages.results["review_add_new_10pct"]["seconds"]
    out["analyse_s"] = stages.results["review_analyse_all"]["seconds"]
    out["seconds"] = round(out["add_new_s"] + out["analyse_s"], 3)
    out["setup_old_s"] = stages.results["review_setup_old_90pct"]["seconds"]
    out["new_statements_embedded"] = summary.n_embedded
    return out


def incremental_cache(ingest: Any, segments: Any, vectors: np.ndarray, old_ids: set[str],
                      discover: bool, stages: Stages) -> dict[str, Any]:
    """Re-analyse everything with the old submissions' vectors preloaded in a fresh embedder."""
    from evidence_lab.embed import text_key
    from evidence_lab.ingest import IngestResult
    from evidence_lab.pipeline import analyse

    old = segments["submission_id"].isin(old_ids).to_numpy()
    embedder = new_embedder()
    embedder.preload({text_key(t): v for t, v in zip(segments["text"][old], vectors[old],
                                                      strict=True)})
    new_segments = int((~old).sum())
    with stages.stage("incremental_cache") as extra:
        result = analyse(IngestResult(ingest.submissions, [], ingest.files), discover=discover,
                         embedder=embedder, show_progress=False)
        extra["new_segments"] = new_segments
    return {"seconds": stages.results["incremental_cache"]["seconds"], "new_segments": new_segments,
            "pipeline_timings_s": result.run["timings_s"]}


# -- the benchmark -----------------------------------------------------------------------------
def _save_corpus(n: int, seed: int, segments: Any, vectors: np.ndarray, proxy: bool) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"synthetic-{n}-seed{seed}{'-proxy' if proxy else ''}.npz"
    np.savez(path, segment_ids=np.array(segments["segment_id"].tolist()),
             texts=np.array(segments["text"].tolist()), vectors=vectors)
    return path


def run(n: int, *, discover: bool, seed: int, whole: bool, incremental: bool,
        cold: bool, proxy_sample: int = 0) -> dict[str, Any]:
    import psutil

    from evidence_lab.report import write_outputs

    report: dict[str, Any] = {"n_requested": n, "seed": seed, "discover": discover,
                              "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
                              # other work on a shared two-core machine slows every stage down
                              "load_average_start": os.getloadavg()}
    print("machine", flush=True)
    report["machine"] = machine_info()
    report["package_tree"] = tree_state()
    for key, value in report["machine"].items():
        print(f"  {key:<22} {value}")
    if cold:
        print("cold start (fresh interpreter each)", flush=True)
        report["cold_start"] = cold_start()

    import synthetic

    from evidence_lab import read_inputs, segment
    from evidence_lab.pipeline import analyse

    print(f"building a synthetic call of {n:,} statements", flush=True)
    sample = synthetic.load_sample()
    submissions = synthetic.make_submissions(sample, n, seed=seed)
    work = Path(tempfile.mkdtemp(prefix=f"el-bench-{n}-"))
    folder = synthetic.write_folder(submissions, work / "call")
    report["corpus"] = {"submissions": len(submissions), "statements": n,
                        "sample_statements": len(sample.statements),
                        "organisations": len(sample.organisations)}

    stages = Stages()
    print("stages", flush=True)
    with stages.stage("read"):
        ingest = read_inputs([folder], quiet=True)
    with stages.stage("segment") as extra:
        segments = segment(ingest.submissions, show_progress=False)
        extra["segments"] = len(segments)
    report["corpus"]["segments"] = len(segments)
    report["corpus"]["mean_words"] = round(float(segments["text"].str.split().str.len().mean()), 1)
    with stages.stage("load_model") as extra:
        embedder = new_embedder()
        embedder.encode(["The panel met in March."])  # loads the model
        extra["backend"] = type(embedder).__name__
    report["embed_backend"] = type(embedder).__name__
    texts = segments["text"].tolist()
    if proxy_sample:
        # embed a random sample for real to measure the rate; the rest get proxy vectors
        rng = np.random.default_rng(seed)
        chosen = rng.choice(len(texts), min(proxy_sample, len(texts)), replace=False)
        with stages.stage("embed") as extra:
            embedder.encode([texts[i] for i in sorted(chosen)])
            extra["embedded"] = len(chosen)
        rate = len(chosen) / stages.results["embed"]["seconds"]
        stages.results["embed"]["extrapolated_s"] = round(len(texts) / rate, 1)
        with stages.stage("proxy_vectors") as extra:
            sources = synthetic.statement_sources(sample, n, seed=seed)
            vectors, extra["embedded_for_real"] = synthetic.proxy_vectors(
                texts, sources, lambda batch: new_embedder().encode(batch))
        report["corpus"]["proxy_vectors"] = True
    else:
        with stages.stage("embed"):
            vectors = embedder.encode(texts)
        rate = len(texts) / stages.results["embed"]["seconds"]
    stages.results["embed"]["sentences_per_s"] = round(rate, 1)
    print(f"  embedding: {rate:.1f} sentences/s", flush=True)
    report["corpus"]["vectors_file"] = str(_save_corpus(n, seed, segments, vectors,
                                                          bool(proxy_sample)))

    with stages.stage("post_embedding") as extra:
        embedder = synthetic.preloaded(texts, vectors, embedder)
        result = analyse(ingest, segments=segments, embedder=embedder,
                         discover=discover, show_progress=False)
    report["post_embedding_pipeline_s"] = result.run["timings_s"]
    print(f"  (inside analyse: {result.run['timings_s']})", flush=True)
    with stages.stage("post_embedding_again"):  # models now cached, as in a long-lived session
        analyse(ingest, segments=segments, embedder=embedder, discover=discover,
                show_progress=False)
    with stages.stage("discover") as extra:
        # the whole post-embedding run in discovery mode, as analyse --discover runs it
        found = analyse(ingest, segments=segments, embedder=embedder, discover=True,
                        show_progress=False)
        extra["themes"] = found.segments["discovered_theme"].nunique()
        extra["outlier_share"] = round(float(
            (found.segments["discovered_theme"] == "unclustered").mean()), 4)
    with stages.stage("report") as extra:
        write_outputs(result, work / "out")
        extra["findings"] = len(result.findings)
    report["stages"] = stages.results

    if incremental:
        print("incremental: 10% new submissions", flush=True)
        ids = ingest.submissions["submission_id"].tolist()
        old_ids = set(ids[: int(round(len(ids) * 0.9))])
        report["incremental"] = {
            "embedding_cache": incremental_cache(ingest, segments, vectors, old_ids, discover, stages),
            "review": incremental_review(ingest.submissions, segments, vectors, old_ids, discover,
                                         work, stages),
        }
        print(f"  review module: {report['incremental']['review']}", flush=True)
    stages.close()
    report["this_process_peak_rss_mib"] = round(max_rss_mib(), 1)

    if whole:
        print("whole run: analyse(folder) + write_outputs in a fresh interpreter", flush=True)
        report["whole"] = whole_run(folder, work / "out-whole", discover)
        print(f"  {report['whole']}", flush=True)
    report["targets"] = targets(report)
    report["load_average_end"] = os.getloadavg()
    report["available_ram_gib_after"] = round(psutil.virtual_memory().available / 2**30, 1)
    shutil.rmtree(work, ignore_errors=True)
    return report


def targets(report: dict[str, Any]) -> dict[str, Any]:
    """The issue's targets that this run can check (BERTopic is in compare_bertopic.py)."""
    out: dict[str, Any] = {}
    stages = report["stages"]
    embed = stages["embed"].get("extrapolated_s", stages["embed"]["seconds"])
    parts = {s: stages[s]["seconds"] for s in ("read", "segment", "post_embedding", "report")}
    total = embed + sum(parts.values())
    out["stages_sum_over_embed"] = {"embed_s": embed, **{f"{k}_s": v for k, v in parts.items()},
                                    "total_s": round(total, 1), "ratio": round(total / embed, 2),
                                    "target": 1.5, "met": total / embed <= 1.5}
    out["peak_rss_this_process_mib"] = {"value": report["this_process_peak_rss_mib"],
                                        "target": 2048,
                                        "met": report["this_process_peak_rss_mib"] < 2048}
    whole = report.get("whole")
    if whole:
        embed = whole["pipeline_timings_s"]["embed"]
        ratio = whole["analyse_s"] / embed
        out["whole_over_embed"] = {"analyse_s": whole["analyse_s"], "embed_s": embed,
                                   "ratio": round(ratio, 2), "target": 1.5, "met": ratio <= 1.5}
        out["peak_rss_whole_mib"] = {"value": whole["peak_rss_mib"], "target": 2048,
                                     "met": whole["peak_rss_mib"] < 2048}
    # a full analysis under the same conditions as the incremental runs: models already fitted
    full = sum(stages[s]["seconds"] for s in ("read", "segment", "embed", "post_embedding_again"))
    for name, key in (("embedding_cache", "incremental_cache_over_full"),
                      ("review", "incremental_review_over_full")):
        incremental = report.get("incremental", {}).get(name, {})
        if "seconds" in incremental:
            ratio = incremental["seconds"] / full
            out[key] = {"incremental_s": incremental["seconds"], "full_s": round(full, 2),
                        "ratio": round(ratio, 3), "target": 0.2, "met": ratio <= 0.2}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="statements (default 10,000)")
    parser.add_argument("--discover", action="store_true", help="analyse in discovery mode")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic corpus")
    parser.add_argument("--out", help="write the results as JSON here (e.g. bench/results/N.json)")
    parser.add_argument("--no-whole", action="store_true", help="skip the fresh-process whole run")
    parser.add_argument("--no-incremental", action="store_true", help="skip the incremental runs")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold-start timings")
    parser.add_argument("--proxy-vectors", type=int, default=0, metavar="K",
                        help="embed only K random statements (to measure the rate) and give the "
                        "rest stand-in vectors from their source sentences; implies --no-whole "
                        "and --no-incremental (for N too large to embed in the time available)")
    parser.add_argument("--backend", choices=("default", "torch"), default="default",
                        help="embedding backend: the package's choice (ONNX Runtime when it works) "
                             "or PyTorch")
    parser.add_argument("--_whole", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.backend == "torch":
        os.environ["EVIDENCE_LAB_EMBED_BACKEND"] = "torch"  # inherited by the child processes
    if args._whole:
        _whole_child(args._whole, args.out, args.discover)
        return 0
    proxy = args.proxy_vectors > 0
    report = run(args.n, discover=args.discover, seed=args.seed,
                 whole=not (args.no_whole or proxy), incremental=not (args.no_incremental or proxy),
                 cold=not args.no_cold, proxy_sample=args.proxy_vectors)
    print("targets", json.dumps(report["targets"], indent=2))
    import synthetic

    synthetic.write_results(report, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
