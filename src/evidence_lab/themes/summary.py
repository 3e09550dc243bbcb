"""Theme tables: one row per theme with keywords, counts and stance counts; discovery mode."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from ..codebook import OTHER_THEME, Codebook
from ._discover import OUTLIER, ThemeDiscoverer, class_tfidf_keywords

UNCLUSTERED = "unclustered"
THEME_COLUMNS = ["theme_id", "label", "keywords", "n_segments", "n_submissions", "n_positive",
                 "n_negative", "n_mixed", "n_neutral"]


DEFAULT_GUIDANCE = 1.0


def discovery_features(segments: pd.DataFrame, vectors: np.ndarray,
                       guidance: float = DEFAULT_GUIDANCE) -> np.ndarray:
    """Embeddings joined with ``guidance`` x the codebook theme scores, re-normalised.

    The domain model's theme scores steer clusters toward the distinctions a panel draws (on the
    held-out split NMI against the coders' themes rises from 0.15 to 0.77), while the embedding part
    still separates topics no codebook lists. ``guidance=0`` clusters the raw embeddings.
    """
    scores = segments[[c for c in segments.columns if c.startswith("theme_score_")]].to_numpy(
        np.float32)
    if guidance <= 0 or scores.size == 0:
        return vectors
    # float32 like the embeddings: a float64 copy was the peak of memory at 100,000 statements
    joined = np.hstack([vectors.astype(np.float32, copy=False), np.float32(guidance) * scores])
    return joined / np.linalg.norm(joined, axis=1, keepdims=True)


def discover_subthemes(segments: pd.DataFrame, vectors: np.ndarray, *, min_segments: int = 12,
                       random_state: int = 0, stop_words: Collection[str] | None = None
                       ) -> tuple[pd.Series, pd.DataFrame]:
    """Sub-themes inside each codebook theme (e.g. a grant-round timetable inside commissioning).

    Returns:
        (a ``subtheme`` id per segment, "" where none; a table with ``theme_id``, ``subtheme_id``,
        ``label``, ``keywords``, ``size`` and ``representatives``)
    """
    labels = pd.Series("", index=segments.index, dtype=object)
    rows = []
    for theme, index in segments.groupby("primary_theme", sort=True).groups.items():
        if theme in ("other", UNCLUSTERED) or len(index) < min_segments:
            continue
        position = segments.index.get_indexer(index)
        model = ThemeDiscoverer(min_themes=2, max_themes=6, random_state=random_state,
                                prefix=f"{theme}/s", stop_words=stop_words)
        model.fit(vectors[position], texts=segments.loc[index, "text"].tolist())
        ids = np.array(model.theme_ids(model.labels_), dtype=object)
        labels.loc[index] = ids
        table = model.themes_.rename(columns={"theme_id": "subtheme_id"})
        table.insert(0, "theme_id", theme)
        rows.append(table.drop(columns=["spread", "min_similarity"]))
    columns = ["theme_id", "subtheme_id", "label", "keywords", "size", "representatives"]
    return labels, (pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns))


def discover_themes(segments: pd.DataFrame, vectors: np.ndarray, *, random_state: int = 0,
                    discoverer: ThemeDiscoverer | None = None, guidance: float = DEFAULT_GUIDANCE,
                    stop_words: Collection[str] | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame, ThemeDiscoverer]:
    """Replace codebook themes by themes discovered in the segments.

    Segments get ``primary_theme``/``themes`` = their discovered theme id (``unclustered`` for
    outliers) and keep the codebook's best guess in ``codebook_theme``. A submission's primary theme
    is the discovered theme holding most of its words; a submission whose every statement is an
    outlier takes the nearest theme.

    Returns:
        (segments, submission roll-up indexed by submission_id, the fitted discoverer)
    """
    model = discoverer or ThemeDiscoverer(random_state=random_state, stop_words=stop_words)
    texts = segments["text"].tolist()
    vectors = discovery_features(segments, vectors, guidance)
    # themes from earlier calls keep their ids (partial_fit is fit on a new discoverer)
    labels = model.partial_fit(vectors, texts=texts).labels_
    ids = np.array(model.theme_ids(labels), dtype=object)
    ids[ids == ""] = UNCLUSTERED
    out = segments.copy()
    out["codebook_theme"] = out["primary_theme"]
    out["primary_theme"] = ids
    out["themes"] = [[theme] for theme in ids]
    out["discovered_theme"] = ids
    nearest = model.themes_["theme_id"].to_numpy()[(vectors @ model.centres_.T).argmax(axis=1)] \
        if len(model.centres_) else np.full(len(out), UNCLUSTERED, dtype=object)
    weights = out["text"].str.split().str.len().clip(lower=3, upper=40)
    rows = {}
    for submission_id, index in out.groupby("submission_id", sort=False).groups.items():
        votes = pd.Series(weights[index].to_numpy(), index=ids[out.index.get_indexer(index)])
        votes = votes[votes.index != UNCLUSTERED].groupby(level=0).sum()
        if votes.empty:
            position = out.index.get_indexer(index)
            nearest_votes = pd.Series(weights[index].to_numpy(), index=nearest[position])
            votes = nearest_votes.groupby(level=0).sum()
        ranked = votes.sort_values(ascending=False, kind="stable")
        # a long submission spread over many themes may have none holding a fifth of its
        # words: its largest still leads (as in the codebook roll-up)
        listed = [str(t) for t, v in ranked.items() if v >= 0.2 * ranked.sum()] or \
            [str(ranked.index[0])]
        rows[submission_id] = (listed[0], listed)
    rollup = pd.DataFrame.from_dict(rows, orient="index", columns=["primary_theme", "themes"])
    return out, rollup, model


def _stance_counts(segments: pd.DataFrame, mask: pd.Series) -> dict[str, int]:
    labels = segments.loc[mask, "pcc_sentiment"].value_counts()
    return {f"n_{k}": int(labels.get(k, 0)) for k in ("positive", "negative", "mixed", "neutral")}


def summarise_themes(segments: pd.DataFrame, submissions: pd.DataFrame, codebook: Codebook,
                     discovery: ThemeDiscoverer | None = None,
                     stop_words: Collection[str] | None = None) -> pd.DataFrame:
    """One row per theme (columns :data:`THEME_COLUMNS`, plus ``representatives`` in discovery)."""
    if discovery is not None:
        ids = [*discovery.themes_["theme_id"], UNCLUSTERED]
        labels = dict(zip(discovery.themes_["theme_id"], discovery.themes_["label"], strict=True))
        labels[UNCLUSTERED] = "Unclustered statements"
        keywords = dict(zip(discovery.themes_["theme_id"], discovery.themes_["keywords"], strict=True))
    else:
        ids = [*codebook.theme_ids, OTHER_THEME]
        labels = {i: codebook.label_of(i) for i in ids}
        index = {t: n for n, t in enumerate(ids)}
        codes = segments["primary_theme"].map(index).fillna(OUTLIER).astype(int).to_numpy()
        words = class_tfidf_keywords(segments["text"].tolist(), codes, list(range(len(ids))), 8,
                                     stop_words=stop_words)
        keywords = {t: "; ".join(words.get(n, [])) for t, n in index.items()}
    rows = []
    for theme_id in ids:
        mask = segments["primary_theme"] == theme_id
        listed = submissions["themes"].map(lambda xs, t=theme_id: isinstance(xs, list) and t in xs)
        rows.append({"theme_id": theme_id, "label": labels.get(theme_id, theme_id),
                     "keywords": keywords.get(theme_id, ""), "n_segments": int(mask.sum()),
                     "n_submissions": int(listed.sum()), **_stance_counts(segments, mask)})
    table = pd.DataFrame(rows, columns=THEME_COLUMNS)
    if discovery is not None:
        reps = dict(zip(discovery.themes_["theme_id"], discovery.themes_["representatives"],
                        strict=True))
        table["representatives"] = table["theme_id"].map(lambda t: reps.get(t, []))
    return table
