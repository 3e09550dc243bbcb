"""Apply the stance classifier to segments and roll stance up to submissions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import require_columns
from ._classifier import StanceClassifier, explain, score

#: a submission is mixed only when both sides carry real weight: the minority polarity holds at
#: least this share of its evaluative statements ...
MIXED_MINORITY = 1 / 3
MIXED_MIN_STATEMENTS = 2  # ... and at least this many of them, or as many as the other side
# (a mixed statement counts half to each)


def assign_stance(segments: pd.DataFrame, classifier: StanceClassifier) -> pd.DataFrame:
    """Add ``pcc_sentiment``, ``pcc_sentiment_score``, ``stance_proba_*`` and ``stance_evidence``.

    Needs the ``mention_kind`` and ``target_spans`` columns from :func:`find_mentions`; the
    classifier's embedder supplies the vectors (in a pipeline run, from its cache).
    """
    require_columns(segments, ["text", "mention_kind", "target_spans"], stage="stance")
    out = segments.copy()
    texts = out["text"].tolist()
    proba = classifier.predict_proba(out)
    labels = classifier.decide(proba, texts)
    out["pcc_sentiment"] = labels
    out["pcc_sentiment_score"] = score(proba).round(4) if len(out) else []
    for j, label in enumerate(classifier.classes_):
        out[f"stance_proba_{label}"] = proba[:, j].round(4) if len(out) else []
    out["stance_evidence"] = [explain(t, list(spans), lab) for t, spans, lab in
                              zip(texts, out["target_spans"], labels, strict=True)]
    return out


def submission_stance(labels: list[str], scores: list[float]) -> tuple[str, float]:
    """One submission's stance from its statements' labels and scores."""
    positive = labels.count("positive") + 0.5 * labels.count("mixed")
    negative = labels.count("negative") + 0.5 * labels.count("mixed")
    polar = positive + negative
    evaluative = [s for s, lab in zip(scores, labels, strict=True) if lab != "neutral"]
    mean = float(np.mean(evaluative)) if evaluative else 0.0
    if polar == 0:
        return "neutral", 0.0
    minority = min(positive, negative)
    if minority / polar >= MIXED_MINORITY and (minority >= MIXED_MIN_STATEMENTS or positive == negative):
        return "mixed", round(mean, 4)
    return ("positive" if positive > negative else "negative"), round(mean, 4)


def rollup_stance(segments: pd.DataFrame) -> pd.DataFrame:
    """Per submission: ``pcc_sentiment``, ``pcc_sentiment_score`` and counts of each label."""
    require_columns(segments, ["submission_id", "pcc_sentiment", "pcc_sentiment_score"],
                    stage="stance roll-up")
    rows = {}
    for submission_id, group in segments.groupby("submission_id", sort=False):
        labels = group["pcc_sentiment"].tolist()
        label, value = submission_stance(labels, group["pcc_sentiment_score"].tolist())
        rows[submission_id] = {"pcc_sentiment": label, "pcc_sentiment_score": value,
                               **{f"n_{lab}": labels.count(lab) for lab in
                                  ("positive", "negative", "mixed", "neutral")}}
    return pd.DataFrame.from_dict(rows, orient="index")
