"""What context buys: themes and stance on the project's own labelled context set (run by hand).

    .venv/bin/python bench/context_eval.py --out bench/results/context.json

``bench/data/context/statements.jsonl`` holds 79 statements written for this project (not taken
from any real document) in 14 short documents: submissions, form answers (short, informal,
misspelt), minutes, press, a panel report and the Commissioner's own voice. Each row has its
document, voice, the heading or form question it sits under, and its gold theme and stance (by
``../shared/data/ANNOTATION.md``); the statement before it under the same heading is its
``previous_text``. Many read ambiguously alone ("It closed three weeks later", "not well at all
tbh") and some have context that misleads (a force spokesperson under a headline about the
Commissioner), so the set measures both what context fixes and what it breaks.

The theme blend's two weights are found by grid search. Its figure is cross-validated by document:
the odd documents (c01, c03, ...) choose the weights and the even ones are scored with them, then
the other way round; the package's defaults are the weights best on the whole set. The stance
part (mentions carried from the previous statement or the heading) has no weights; it is scored on
all of it. Everything runs through the package's own functions with the shipped models.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from synthetic import write_results

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "context" / "statements.jsonl"
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)
HEADING_SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)


def load_set(path: Path = DATA) -> pd.DataFrame:
    """The labelled context set as segments: ids, offsets, ``heading`` and ``previous_text``."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    frame = pd.DataFrame(rows)
    frame["submission_id"] = frame["doc"]
    frame["segment_id"] = frame["doc"] + ":" + frame.groupby("doc").cumcount().astype(str)
    previous, ends = [], []
    for _, group in frame.groupby("doc", sort=False):
        last_heading, last_text, offset = None, "", 0
        for heading, text in zip(group["heading"], group["text"], strict=True):
            previous.append(last_text if heading == last_heading else "")
            last_heading, last_text = heading, text
            offset += len(text) + 1
            ends.append(offset - 1)
    frame["previous_text"] = previous
    frame["end_char"] = ends
    frame["start_char"] = frame["end_char"] - frame["text"].str.len()
    frame["split"] = np.where(frame["doc"].str[1:].astype(int) % 2 == 1, "tune", "test")
    return frame


def _macro(gold: list[str], predicted: list[str], labels: list[str]) -> float:
    from sklearn.metrics import f1_score

    labels = [label for label in labels if label in set(gold) | set(predicted)]
    return round(float(f1_score(gold, predicted, labels=labels, average="macro",
                                zero_division=0)), 4)


def theme_scores(frame: pd.DataFrame, predicted: np.ndarray, classes: list[str]) -> dict[str, float]:
    """Theme macro-F1 and accuracy per split and overall."""
    out = {}
    for name, keep in (("tune", frame["split"] == "tune"), ("test", frame["split"] == "test"),
                       ("all", frame["split"].notna())):
        gold = frame["theme"][keep].tolist()
        pred = list(predicted[keep.to_numpy()])
        out[f"{name}_macro_f1"] = _macro(gold, pred, classes)
        out[f"{name}_accuracy"] = round(float(np.mean([g == p for g, p in zip(gold, pred,
                                                                              strict=True)])), 4)
    return out


def run_themes(frame: pd.DataFrame) -> dict[str, Any]:
    from evidence_lab.codebook import load_codebook
    from evidence_lab.models import fit_models
    from evidence_lab.themes._context import blend_context, context_proba

    theme_model, _ = fit_models(load_codebook())
    classes = theme_model.classes_
    proba = theme_model.predict_proba(frame[["text"]])
    unique = sorted(set(frame["heading"]))
    by_heading = dict(zip(unique, theme_model.predict_proba(pd.DataFrame({"text": unique})),
                          strict=True))
    heading_proba = np.vstack([by_heading[h] for h in frame["heading"]])
    grid = []
    for weight, share in itertools.product(WEIGHTS, HEADING_SHARES):
        context, has = context_proba(frame, proba, heading_proba, heading_share=share)
        blended = blend_context(proba, context, has, classes, weight=weight)
        grid.append({"weight": weight, "heading_share": share,
                     **theme_scores(frame, classes[blended.argmax(axis=1)], list(classes))})
    alone = next(g for g in grid if g["weight"] == 0.0)
    # the package's defaults (CONTEXT_WEIGHT, HEADING_SHARE), per voice
    variants = {"alone": proba,
                "with_context": blend_context(proba, *context_proba(frame, proba, heading_proba),
                                              classes)}
    by_voice = {}
    for voice in sorted(set(frame["voice"])):
        keep = (frame["voice"] == voice).to_numpy()
        gold = frame["theme"][keep].tolist()
        by_voice[voice] = {"n": int(keep.sum())}
        for name, p in variants.items():
            predicted = list(classes[p[keep].argmax(axis=1)])
            by_voice[voice][name] = _macro(gold, predicted, list(classes))
            by_voice[voice][f"{name}_correct"] = sum(g == q for g, q in zip(gold, predicted,
                                                                            strict=True))

    def best(split: str) -> dict[str, Any]:  # ties go to the lighter blend
        return max(grid, key=lambda g: (g[f"{split}_macro_f1"], g[f"{split}_accuracy"],
                                        -g["weight"], -g["heading_share"]))

    folds = [{"chosen_on": a, "scored_on": b, "weight": best(a)["weight"],
              "heading_share": best(a)["heading_share"], "macro_f1": best(a)[f"{b}_macro_f1"],
              "alone_macro_f1": alone[f"{b}_macro_f1"]}
             for a, b in (("tune", "test"), ("test", "tune"))]
    return {"alone": alone, "cross_validated": folds, "chosen_on_all": best("all"),
            "shipped_by_voice": by_voice, "grid": grid}


def run_stance(frame: pd.DataFrame) -> dict[str, Any]:
    from evidence_lab.codebook import load_codebook
    from evidence_lab.evaluation import POLAR, stance_adjusted
    from evidence_lab.models import fit_models
    from evidence_lab.stance import assign_stance, find_mentions
    from evidence_lab.vocabulary import vocabulary_of

    book = load_codebook()
    _, stance_model = fit_models(book)
    matcher = vocabulary_of(book).target
    out: dict[str, Any] = {}
    for name, context in (("alone", False), ("with_context", True)):
        segs = find_mentions(frame, None, matcher, context=context)
        labelled = assign_stance(segs, stance_model)
        gold, pred = stance_adjusted(frame["pcc_sentiment"].tolist(),
                                     labelled["pcc_sentiment"].tolist())
        negative = [g == "negative" for g in gold], [p == "negative" for p in pred]
        from sklearn.metrics import f1_score

        voices = frame["voice"].to_numpy()
        by_voice = {voice: _macro([g for g, v in zip(gold, voices, strict=True) if v == voice],
                                  [p for p, v in zip(pred, voices, strict=True) if v == voice],
                                  list(POLAR)) for voice in sorted(set(voices))}
        out[name] = {"macro_f1": _macro(gold, pred, list(POLAR)),
                     "negative_f1": round(float(f1_score(*negative, zero_division=0)), 4),
                     "macro_f1_by_voice": by_voice,
                     "mention_kinds": segs["mention_kind"].value_counts().to_dict()}
        if context:
            changed = labelled["mention_kind"].isin(["previous", "question"])
            out["context_mentions"] = [
                {"text": t, "kind": k, "gold": g, "predicted": p}
                for t, k, g, p in zip(frame["text"][changed], labelled["mention_kind"][changed],
                                      frame["pcc_sentiment"][changed],
                                      labelled["pcc_sentiment"][changed], strict=True)]
    return out


def run_dev(path: Path) -> dict[str, Any]:
    """A gold file scored as ``evidence-lab evaluate`` does, with context on and off (no regression
    check: the real dev sets have no headings, so only neighbours inside a statement differ)."""
    from evidence_lab.codebook import load_codebook
    from evidence_lab.evaluation import read_gold, score_predictions
    from evidence_lab.pipeline import analyse

    gold = read_gold(path)
    book = load_codebook()
    ids = [f"gold-{i}" for i in range(len(gold))]
    submissions = pd.DataFrame({"submission_id": ids, "text": gold["text"].tolist()})
    out = {}
    for name, context in (("alone", False), ("with_context", True)):
        table = analyse(submissions, codebook=book, show_progress=False,
                        context=context).submissions.set_index("submission_id").loc[ids]
        scores = score_predictions(gold, table["primary_theme"].tolist(),
                                   table["pcc_sentiment"].tolist(), book)
        out[name] = {"theme_macro_f1": scores["theme"]["macro_f1"],
                     "stance_macro_f1": scores["pcc_sentiment"]["macro_f1"],
                     "negative_f1": scores["pcc_sentiment"]["f1_per_class"].get("negative")}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--dev", type=Path, nargs="*", default=[],
                        help="gold files to score with context on and off (regression check)")
    args = parser.parse_args(argv)
    frame = load_set()
    report = {"n": len(frame), "n_tune": int((frame["split"] == "tune").sum()),
              "n_test": int((frame["split"] == "test").sum()),
              "themes": run_themes(frame), "stance": run_stance(frame),
              "dev": {path.name: run_dev(path) for path in args.dev}}
    themes = report["themes"]
    print(f"{len(frame)} statements ({report['n_tune']} tune, {report['n_test']} test)")
    for fold in themes["cross_validated"]:
        print(f"theme weights chosen on {fold['chosen_on']} (weight {fold['weight']:.2f}, heading "
              f"share {fold['heading_share']:.2f}), scored on {fold['scored_on']}: macro-F1 "
              f"{fold['macro_f1']:.3f} (alone {fold['alone_macro_f1']:.3f})")
    for name in ("alone", "chosen_on_all"):
        t = themes[name]
        print(f"theme {name:<14} weight {t['weight']:.2f} heading share {t['heading_share']:.2f}: "
              f"macro-F1 {t['all_macro_f1']:.3f}, accuracy {t['all_accuracy']:.3f} (all)")
    print("theme macro-F1 by voice, alone -> with the shipped weights (in-sample): " + ", ".join(
        f"{v} {f['alone']:.2f} -> {f['with_context']:.2f} ({f['alone_correct']} -> "
        f"{f['with_context_correct']} of {f['n']} right)"
        for v, f in themes["shipped_by_voice"].items()))
    for name in ("alone", "with_context"):
        s = report["stance"][name]
        print(f"stance {name:<13} macro-F1 {s['macro_f1']:.3f} negative F1 {s['negative_f1']:.3f} "
              f"mention kinds {s['mention_kinds']}; by voice " + ", ".join(
                  f"{v} {f:.2f}" for v, f in s["macro_f1_by_voice"].items()))
    for name, dev in report["dev"].items():
        for mode, figures in dev.items():
            print(f"{name} {mode:<13} theme macro-F1 {figures['theme_macro_f1']:.3f} stance "
                  f"macro-F1 {figures['stance_macro_f1']:.3f} negative F1 {figures['negative_f1']}")
    write_results(report, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
