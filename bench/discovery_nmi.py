"""Discovery against the coders' themes on the real dev sets, as ``analyse --discover`` runs it.

Each gold statement is analysed as one submission with ``discover=True`` (embeddings joined with
the shipped theme scores, then k-means with k by silhouette; see docs/methods.md), and the
statements' ``discovered_theme`` is compared with the gold ``theme``: NMI and ARI over every
statement with a theme (an unclustered statement is its own group of outliers, as a reader meets
it). The dev sets are scored, never trained on::

    .venv/bin/python bench/discovery_nmi.py --out bench/results/discovery-nmi.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

import evidence_lab as el
from evidence_lab.evaluation import read_gold

DEV = Path(__file__).resolve().parents[2] / "shared" / "data"


def discovery_scores(path: Path, seed: int = 0) -> dict[str, float]:
    """NMI and ARI of the discovered themes of ``path``'s statements against their gold theme."""
    gold = read_gold(path)
    gold = gold[gold["theme"].notna()].reset_index(drop=True)
    ids = [f"gold-{i}" for i in range(len(gold))]
    result = el.analyse(pd.DataFrame({"submission_id": ids, "text": gold["text"].tolist()}),
                        discover=True, random_state=seed, show_progress=False)
    # a statement split into several segments takes its first segment's discovered theme
    found = result.segments.groupby("submission_id", sort=False)["discovered_theme"].first()
    found = found.reindex(ids).fillna("unclustered").astype(str)
    return {"n": len(gold), "themes_found": int(found.nunique()),
            "nmi": round(float(normalized_mutual_info_score(gold["theme"], found)), 3),
            "ari": round(float(adjusted_rand_score(gold["theme"], found)), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    results = {name: discovery_scores(DEV / f"{name}.jsonl") for name in ("dev_real", "dev_gold")}
    print(json.dumps(results, indent=2))
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
