"""Apply a fitted theme classifier to segments, and roll segment themes up to submissions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..codebook import OTHER_THEME
from ..schema import require_columns
from ._context import CONTEXT_WEIGHT, blend_context, context_proba
from ._guided import GuidedThemeClassifier

MAX_THEMES_PER_SEGMENT = 2
SUBMISSION_THEME_SHARE = 0.2  # a theme is listed for a submission when it holds this share


def _theme_list(proba_row: np.ndarray, classes: np.ndarray, threshold: float, limit: int) -> list[str]:
    order = np.argsort(-proba_row, kind="stable")
    chosen = [str(classes[order[0]])]
    for j in order[1:limit]:
        if proba_row[j] >= threshold and classes[j] != OTHER_THEME:
            chosen.append(str(classes[j]))
    if chosen[0] == OTHER_THEME and len(chosen) > 1:
        chosen = chosen[1:]  # a real secondary theme beats "other"
    return chosen


def assign_themes(segments: pd.DataFrame, classifier: GuidedThemeClassifier, *,
                  context_weight: float = CONTEXT_WEIGHT) -> pd.DataFrame:
    """Add ``primary_theme``, ``themes`` (a list) and ``theme_score_<id>`` columns to ``segments``.

    Args:
        segments: the segments DataFrame (needs ``text``; with ``submission_id`` and ``heading``
            from :func:`~evidence_lab.segmentation.add_context`, the context counts).
        classifier: a fitted :class:`GuidedThemeClassifier` (its embedder supplies the vectors).
        context_weight: share of a statement's codebook-theme probability its heading and
            neighbours decide (default :data:`~evidence_lab.themes._context.CONTEXT_WEIGHT`;
            0 reads each statement alone).
    """
    require_columns(segments, ["text"], stage="themes")
    out = segments.copy()
    proba = classifier.predict_proba(out)
    classes = classifier.classes_
    if context_weight > 0 and len(out) and "submission_id" in out.columns:
        proba = _with_context(out, proba, classifier, context_weight)
    for j, cls in enumerate(classes):
        out[f"theme_score_{cls}"] = proba[:, j].round(4) if len(out) else []
    lists = [_theme_list(row, classes, classifier.threshold, MAX_THEMES_PER_SEGMENT) for row in proba]
    out["primary_theme"] = [lst[0] for lst in lists]
    out["themes"] = lists
    return out


def _with_context(segments: pd.DataFrame, proba: np.ndarray, classifier: GuidedThemeClassifier,
                  weight: float) -> np.ndarray:
    heading_proba = None
    if "heading" in segments.columns:
        headings = segments["heading"].fillna("").astype(str)
        unique = sorted(set(headings) - {""})
        if unique:
            by_text = dict(zip(unique, classifier.predict_proba(pd.DataFrame({"text": unique})),
                               strict=True))
            blank = np.zeros(len(classifier.classes_))
            heading_proba = np.vstack([by_text.get(h, blank) for h in headings])
    context, has = context_proba(segments, proba, heading_proba)
    return blend_context(proba, context, has, classifier.classes_, weight=weight)


def rollup_themes(segments: pd.DataFrame, classes: np.ndarray,
                  whole_text_proba: dict[str, np.ndarray] | None = None) -> pd.DataFrame:
    """Each submission's ``primary_theme`` and ``themes`` from its segments' theme scores.

    Segments vote with their probabilities weighted by length; ``other`` only wins when nothing else
    has weight. ``whole_text_proba`` (submission id -> probabilities) overrides the vote for short
    submissions that are best read as a single statement.

    Returns:
        DataFrame indexed by ``submission_id`` with ``primary_theme`` and ``themes`` (a list).
    """
    score_cols = [f"theme_score_{c}" for c in classes]
    require_columns(segments, ["submission_id", "text", *score_cols], stage="theme roll-up")
    weights = segments["text"].str.split().str.len().clip(lower=3, upper=40).to_numpy(float)
    weighted = segments[score_cols].to_numpy() * weights[:, None]
    sums = pd.DataFrame(weighted, columns=list(classes)).groupby(
        segments["submission_id"].to_numpy(), sort=False).sum()
    rows = {}
    for submission_id, totals in sums.iterrows():
        vector = totals.to_numpy(float)
        if whole_text_proba and submission_id in whole_text_proba:
            vector = whole_text_proba[submission_id]
        rows[submission_id] = _submission_themes(vector, classes)
    return pd.DataFrame.from_dict(rows, orient="index", columns=["primary_theme", "themes"])


def _submission_themes(vector: np.ndarray, classes: np.ndarray) -> tuple[str, list[str]]:
    share = vector / (vector.sum() or 1.0)
    real = [j for j in np.argsort(-share, kind="stable") if classes[j] != OTHER_THEME]
    other_j = int(np.flatnonzero(classes == OTHER_THEME)[0])
    if not real or share[other_j] > 0.5 and share[real[0]] < 0.25:
        return OTHER_THEME, [OTHER_THEME]
    listed = [str(classes[j]) for j in real if share[j] >= SUBMISSION_THEME_SHARE] or [str(classes[real[0]])]
    return listed[0], listed
