"""Score the tool against a hand-coded sample: macro-F1, accuracy, Cohen's kappa, Krippendorff's alpha.

The gold file is JSON Lines with ``text``, ``theme`` and ``pcc_sentiment`` (as in the project's
``dev_gold.jsonl``); rows whose label is null are left out of that task. Stance is scored as the
annotation standard asks: macro-F1 over positive/negative/neutral, where a gold ``mixed`` counts as
right when the tool says mixed, positive or negative.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score

from .codebook import Codebook, load_codebook
from .errors import GoldFileError
from .ingest._readers import json_objects

POLAR = ("positive", "negative", "neutral")


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold JSONL file; errors name the line and the fix."""
    rows = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldFileError(f"{path}: no such file; pass the path of a JSONL gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot be read as UTF-8 text ({type(exc).__name__}); "
                            "save it as UTF-8 JSON Lines") from None
    try:
        objects = list(json_objects(text))
    except ValueError as exc:
        raise GoldFileError(f"{path}: {exc}") from None
    for number, row in objects:
        if not str(row.get("text") or "").strip():
            raise GoldFileError(f"{path}: line {number} has no 'text'; each line needs "
                                "'text', 'theme' and 'pcc_sentiment'")
        rows.append(row)
    if not rows:
        raise GoldFileError(f"{path}: no labelled statements found")
    frame = pd.DataFrame(rows)
    for column in ("theme", "pcc_sentiment"):
        if column not in frame.columns:
            frame[column] = None
    return frame


def krippendorff_alpha_nominal(a: list[str], b: list[str]) -> float:
    """Krippendorff's alpha for two coders and nominal labels (no missing values)."""
    labels = sorted(set(a) | set(b))
    index = {label: i for i, label in enumerate(labels)}
    coincidence = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b, strict=True):
        coincidence[index[x], index[y]] += 1
        coincidence[index[y], index[x]] += 1
    n = coincidence.sum()
    totals = coincidence.sum(axis=1)
    observed = n - np.trace(coincidence)
    expected = (n * n - (totals ** 2).sum()) / (n - 1) if n > 1 else 0.0
    return float(1 - observed / expected) if expected else 1.0


def stance_adjusted(gold: list[str], predicted: list[str]) -> tuple[list[str], list[str]]:
    """Map labels for stance scoring: a gold ``mixed`` is right when the tool is polar or mixed."""
    g_out, p_out = [], []
    for g, p in zip(gold, predicted, strict=True):
        if g == "mixed":
            if p in ("mixed", "positive", "negative"):
                label = "negative" if p == "mixed" else p
                g_out.append(label)
                p_out.append(label)
            else:
                g_out.append("negative")  # the tool missed the criticism in a mixed statement
                p_out.append(p)
        else:
            g_out.append(g)
            p_out.append("negative" if p == "mixed" and g == "negative" else p)
    return g_out, p_out


def _scores(gold: list[str], predicted: list[str], labels: list[str]) -> dict[str, Any]:
    per_class = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    return {
        "n": len(gold),
        "macro_f1": round(float(f1_score(gold, predicted, labels=labels, average="macro",
                                         zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "cohen_kappa": round(float(cohen_kappa_score(gold, predicted)), 4),
        "krippendorff_alpha": round(krippendorff_alpha_nominal(gold, predicted), 4),
        "f1_per_class": {label: round(float(v), 4) for label, v in zip(labels, per_class, strict=True)},
    }


def score_predictions(gold: pd.DataFrame, themes: list[str], stances: list[str],
                      codebook: Codebook) -> dict[str, Any]:
    """Scores of predicted themes and stances against a gold frame (same row order)."""
    report: dict[str, Any] = {}
    has_theme = gold["theme"].notna().to_numpy()
    if has_theme.any():
        g = gold["theme"][has_theme].tolist()
        p = [t for t, keep in zip(themes, has_theme, strict=True) if keep]
        report["theme"] = _scores(g, p, [*codebook.theme_ids, "other"])
        main = [i for i, label in enumerate(g) if label in codebook.theme_ids]
        if main:
            report["theme_main"] = _scores([g[i] for i in main], [p[i] for i in main],
                                           codebook.theme_ids)
    has_stance = gold["pcc_sentiment"].notna().to_numpy()
    if has_stance.any():
        g = gold["pcc_sentiment"][has_stance].tolist()
        p = [s for s, keep in zip(stances, has_stance, strict=True) if keep]
        g_adj, p_adj = stance_adjusted(g, p)
        report["pcc_sentiment"] = _scores(g_adj, p_adj, list(POLAR))
    return report


def heldout_gold() -> pd.DataFrame:
    """The held-out ``test`` split of the shipped labelled corpus, as a gold frame."""
    from .training import load_training_corpus

    return load_training_corpus("test")[["id", "text", "theme", "pcc_sentiment", "voice"]]


def evaluate(gold: str | Path | pd.DataFrame, *, codebook: Codebook | str | Path | None = None,
             corrections: pd.DataFrame | None = None, show_progress: bool = False,
             training_split: str | None = None) -> dict[str, Any]:
    """Run the tool on each gold statement (as one submission, through :func:`analyse`) and score it.

    Args:
        gold: a JSONL path or a DataFrame with ``text``, ``theme``, ``pcc_sentiment``.
        codebook: codebook or YAML path (default: the shipped one).
        corrections: officer corrections to add to the training data.
        show_progress: show progress bars.
        training_split: fit the models on this split of the shipped corpus only ("train" when
            scoring the held-out split from :func:`heldout_gold`).

    Returns:
        ``{"theme": {...}, "theme_main": {...}, "pcc_sentiment": {...}}`` with macro-F1, accuracy,
        Cohen's kappa, Krippendorff's alpha and per-class F1 for each task.
    """
    from .pipeline import analyse

    frame = gold if isinstance(gold, pd.DataFrame) else read_gold(gold)
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    submissions = pd.DataFrame({"submission_id": [f"gold-{i}" for i in range(len(frame))],
                                "text": frame["text"].tolist()})
    result = analyse(submissions, codebook=book, corrections=corrections,
                     show_progress=show_progress, training_split=training_split)
    table = result.submissions.set_index("submission_id").loc[submissions["submission_id"]]
    return score_predictions(frame, table["primary_theme"].tolist(), table["pcc_sentiment"].tolist(),
                             book)


def format_scores(scores: dict[str, Any]) -> str:
    """A small fixed-width table of the scores, one task per row."""
    lines = [f"{'task':<16}{'n':>5}{'macro-F1':>10}{'accuracy':>10}{'kappa':>8}{'alpha':>8}"]
    for task, s in scores.items():
        lines.append(f"{task:<16}{s['n']:>5}{s['macro_f1']:>10.3f}{s['accuracy']:>10.3f}"
                     f"{s['cohen_kappa']:>8.3f}{s['krippendorff_alpha']:>8.3f}")
        lines.append("    per class: " + ", ".join(f"{k} {v:.2f}" for k, v in s["f1_per_class"].items()))
    return "\n".join(lines)

