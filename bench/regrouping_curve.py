"""Learning curves of a panel that groups evidence its own way (run by hand).

The shared dev sets are coded to the same standard as the shipped training text, so an officer's
corrections on them mostly fix noise, which is not what corrections can teach. A real panel files
some evidence under other themes than the shipped models would ("partnership working is part of
engagement here"). This script simulates such a panel on each dev set by remapping one gold theme
onto another, then runs ``evaluate --learning-curve`` on it (k of the statements as the officer's
corrections, random or as ``suggest`` picks them, 5 draws; the rest scored), beside the set as
coded::

    .venv/bin/python bench/regrouping_curve.py --out bench/results/regrouping-curve.json

Each cell is the mean gain in theme / stance macro-F1 on the statements not coded, over the same
statements with no corrections. Last, an officer who corrects only statements the tool got wrong
(10 or 20 of them), with and without the class transition. The shipped models never see the
labels.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "data"
#: the simulated panels: one gold theme filed under another
PANELS = {"as coded": {}, "partnerships filed under engagement": {"partnerships": "engagement"},
          "commissioning filed under partnerships": {"commissioning": "partnerships"}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="dev_real,dev_gold")
    parser.add_argument("--k", default="0,10,20,30,40")
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent / "src"))
    from evidence_lab.evaluation import learning_curve, read_gold

    rows = []
    for name in args.sets.split(","):
        gold = read_gold(SHARED / f"{name}.jsonl")
        ks = [k for k in map(int, args.k.split(",")) if k <= len(gold) - 10]
        for panel, mapping in PANELS.items():
            coded = gold.copy()
            coded["theme"] = coded["theme"].replace(mapping)
            curve = learning_curve(coded, ks, seeds=args.seeds)
            curve = curve.assign(
                theme_gain=curve["theme_macro_f1"] - curve["theme_macro_f1_without"],
                stance_gain=curve["stance_macro_f1"] - curve["stance_macro_f1_without"])
            means = curve.groupby(["strategy", "k"])[
                ["theme_macro_f1_without", "theme_gain", "stance_gain"]].mean()
            for (strategy, k), row in means.iterrows():
                rows.append({"set": name, "panel": panel, "strategy": strategy, "k": int(k),
                             "theme_without": round(float(row["theme_macro_f1_without"]), 3),
                             "theme_gain": round(float(row["theme_gain"]), 3),
                             "stance_gain": round(float(row["stance_gain"]), 3)})
                if k:
                    print(f"{name:9} {panel:40} {strategy:8} {k:3} themes {row['theme_gain']:+.3f}"
                          f" (from {row['theme_macro_f1_without']:.3f})  stance "
                          f"{row['stance_gain']:+.3f}", flush=True)
        rows += _spotted_mistakes(name, gold)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


def _spotted_mistakes(name: str, gold: object, seeds: int = 5) -> list[dict]:
    """An officer who corrects only statements the tool got wrong: k of them at random, with
    and without the class transition (its guard should keep it out)."""
    import numpy as np

    from evidence_lab import adapt, evaluation
    from evidence_lab.codebook import load_codebook

    book = load_codebook()
    frame = evaluation.check_gold_labels(gold.reset_index(drop=True), book)  # type: ignore[attr-defined]
    base = evaluation._shipped_predictions(frame, book)
    wrong = np.flatnonzero((np.asarray(base["theme_labels"]) != frame["theme"].to_numpy())
                           & frame["theme"].notna().to_numpy())
    rows = []
    for transition in (True, False):
        adapt.TRANSITION["theme"] = transition
        for k in (10, 20):
            gains = []
            for seed in range(seeds):
                chosen = np.random.default_rng(seed).choice(wrong, size=min(k, len(wrong)),
                                                            replace=False)
                scores = evaluation._score_rest(frame, book, base, chosen)
                gains.append(scores["theme_macro_f1"] - scores["theme_macro_f1_without"])
            label = "with the transition" if transition else "shift alone"
            print(f"{name:9} {'spotted mistakes only, ' + label:40} {k:3} themes "
                  f"{np.mean(gains):+.3f}", flush=True)
            rows.append({"set": name, "panel": "spotted mistakes only", "strategy": label,
                         "k": k, "theme_gain": round(float(np.mean(gains)), 3)})
    adapt.TRANSITION["theme"] = True
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
