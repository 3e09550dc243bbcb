"""How much of the second call's known evidence (tests/data/second_call/README.md) a draft surfaces.

Reads an ``analyse`` output folder (findings.csv, segments.csv) and prints, per concern and
strength, the organisations named in findings about it (of those whose statements make it), and
any concern presented as a strength. The known points and their wording are the ones
``tests/test_second_call.py`` checks.

    evidence-lab analyse tests/data/second_call/evidence \\
        --codebook tests/data/second_call/codebook.yaml --out out/second_call
    python bench/second_call.py out/second_call
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def _known() -> tuple[dict, dict]:
    spec = importlib.util.spec_from_file_location("second_call", ROOT / "tests" / "test_second_call.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CONCERNS, module.STRENGTHS


def main(out: Path) -> None:
    concerns, strengths = _known()
    findings = pd.read_csv(out / "findings.csv", keep_default_na=False)
    findings = findings[findings["kind"] == "finding"]
    segments = pd.read_csv(out / "segments.csv", keep_default_na=False).set_index("segment_id")
    wrong_way = 0
    for label, known, stance in (("concern", concerns, "negative"), ("strength", strengths, "positive")):
        named: dict[str, set[str]] = {k: set() for k in known}
        single: dict[str, int] = dict.fromkeys(known, 0)  # the most named by one finding
        for f in findings.itertuples():
            texts = [segments.loc[s, "text"] for s in str(f.segment_ids).split(";")]
            counts = {k: sum(bool(re.search(p, t)) for t in texts) for k, (p, _) in known.items()}
            best = max(counts, key=lambda k: counts[k])
            if counts[best] * 2 <= len(texts):
                continue
            if f.stance == stance:
                orgs = set(str(f.organisations).split(";")) & known[best][1]
                named[best] |= orgs
                single[best] = max(single[best], len(orgs))
            elif label == "concern":
                wrong_way += 1
        for k, (_, orgs) in known.items():
            print(f"{label} {k}: {len(named[k])}/{len(orgs)} organisations named "
                  f"({single[k]} in one finding)")
        print(f"{label}s surfaced: {sum(bool(v) for v in named.values())}/{len(known)}, fully "
              f"(one finding naming everyone who made it): "
              f"{sum(single[k] == len(known[k][1]) for k in known)}/{len(known)}")
    print(f"concerns presented as strengths: {wrong_way}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
