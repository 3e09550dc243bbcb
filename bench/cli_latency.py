"""How fast the command line answers: --version, --help, a first run of the sample call, a no-op re-run.

Each command runs as a fresh process, as an officer would type it, several times; the script
prints and saves the median wall time and the peak memory (``ru_maxrss`` of that process).

* ``version`` / ``help``: ``evidence-lab --version`` and ``evidence-lab --help``.
* ``first_run``: ``evidence-lab ingest SAMPLE --review R`` then ``evidence-lab analyse --review R
  --out O`` on a new review store and an empty output folder.
* ``noop_rerun``: ``evidence-lab analyse --review R --out O`` again with nothing new: the stored
  result is reused and the outputs, unchanged, are not rewritten.
* ``direct_run``: ``evidence-lab analyse SAMPLE --out O`` (no review store), for scale.

    .venv/bin/python bench/cli_latency.py --runs 5 --out bench/results/cli-latency.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "evidence_lab" / "data" / "sample_call"
CODEBOOK = ROOT / "src" / "evidence_lab" / "data" / "ravensmoor_codebook.yaml"
CLI = str(Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / "evidence-lab")


def timed(args: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one fresh process running ``args``."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()[-2000:]}")
    return wall, usage.ru_maxrss / 1024


def summary(samples: list[tuple[float, float]]) -> dict[str, Any]:
    walls = [s[0] for s in samples]
    return {"median_s": round(statistics.median(walls), 3), "min_s": round(min(walls), 3),
            "max_s": round(max(walls), 3), "peak_rss_mib": round(max(s[1] for s in samples), 1),
            "runs": len(samples)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"machine": platform.platform(), "cpus": os.cpu_count(),
                               "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    results["version"] = summary([timed([CLI, "--version"]) for _ in range(args.runs)])
    results["help"] = summary([timed([CLI, "--help"]) for _ in range(args.runs)])
    first, noop, direct = [], [], []
    for _ in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="el-latency-"))
        try:
            store, out = work / "review.duckdb", work / "out"
            ingest = timed([CLI, "ingest", str(SAMPLE), "--review", str(store), "--quiet"])
            analyse = [CLI, "analyse", "--review", str(store), "--codebook", str(CODEBOOK),
                       "--out", str(out), "--quiet"]
            run = timed(analyse)
            first.append((ingest[0] + run[0], max(ingest[1], run[1])))
            noop.append(timed(analyse))
            direct.append(timed([CLI, "analyse", str(SAMPLE), "--codebook", str(CODEBOOK),
                                 "--out", str(work / "direct"), "--quiet"]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    results["first_run"] = summary(first)
    results["noop_rerun"] = summary(noop)
    results["direct_run"] = summary(direct)
    results["noop_share_of_first_run"] = round(results["noop_rerun"]["median_s"]
                                               / results["first_run"]["median_s"], 3)
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
