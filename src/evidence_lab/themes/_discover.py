"""Emergent themes: cluster statement embeddings, keep outliers out, name clusters by their words.

Choice of method (see ``docs/methods.md``): UMAP compiles with numba for ~40 s in every fresh process
and HDBSCAN on raw 384-d vectors leaves most points as noise, so discovery uses PCA (exact, seeded)
followed by k-means on the unit sphere with k picked by silhouette on a fixed sample. Everything is
seeded, so the same input gives the same themes, ids and labels. A statement whose similarity to its
cluster centre is far below the cluster's typical similarity is left unclustered (``-1``).
New evidence is mapped onto existing themes with :meth:`ThemeDiscoverer.transform`; only statements
that fit no existing theme can form new ones (see :meth:`ThemeDiscoverer.partial_fit`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import CountVectorizer, ENGLISH_STOP_WORDS
from sklearn.metrics import silhouette_score
from sklearn.utils.validation import check_is_fitted

from ..embed import text_key

OUTLIER = -1
_DOMAIN_STOP = {"commissioner", "pcc", "opcc", "office", "police", "crime", "panel", "members",
                "member", "would", "also", "year", "years", "said", "did", "does", "like", "just",
                "need", "needs", "work", "working", "make", "new", "ll", "ve", "don", "isn",
                "wasn", "ravensmoor"}
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _DOMAIN_STOP)


def _slug(words: Sequence[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "_", "_".join(words[:3]).lower()).strip("_") or "theme"


class ThemeDiscoverer(BaseEstimator):
    """Find emergent themes in statements (scikit-learn style).

    Args:
        n_themes: number of clusters; None picks it by silhouette between ``min_themes`` and
            ``max_themes`` (defaults 2 and 14, capped by the data size).
        n_components: PCA dimensions before clustering (default 32).
        outlier_z: a statement is an outlier when its similarity to its centre is this many standard
            deviations below the cluster's mean similarity (default 2.0).
        min_size: clusters smaller than this are dissolved into outliers (default 3).
        n_keywords: keywords kept per theme (default 8).
        random_state: seed for PCA, k-means and sampling (default 0).

    Attributes:
        labels_: cluster index per fitted statement (``-1`` = unclustered).
        themes_: DataFrame with ``theme_id``, ``label``, ``keywords``, ``size``, ``representatives``.
        centres_: unit-length cluster centres in embedding space.
    """

    def __init__(self, *, n_themes: int | None = None, min_themes: int = 2, max_themes: int = 14,
                 n_components: int = 32, outlier_z: float = 2.0, min_size: int = 3,
                 n_keywords: int = 8, random_state: int = 0, prefix: str = "t") -> None:
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.n_components = n_components
        self.outlier_z = outlier_z
        self.min_size = min_size
        self.n_keywords = n_keywords
        self.random_state = random_state
        self.prefix = prefix

    # -- fitting -----------------------------------------------------------------------------
    def fit(self, texts: Sequence[str], vectors: np.ndarray) -> ThemeDiscoverer:
        """Cluster ``vectors`` (one per text) and name the clusters from ``texts``."""
        texts = list(texts)
        if len(texts) < 2:
            raise ValueError("Theme discovery needs at least 2 statements; add more evidence.")
        reduced = self._reduce_fit(vectors)
        k = self.n_themes or self._choose_k(reduced)
        k = max(1, min(k, len(texts)))
        model = KMeans(n_clusters=k, n_init=2, random_state=self.random_state).fit(reduced)
        labels = model.labels_.copy()
        labels = self._mark_outliers(vectors, labels)
        labels = self._renumber_by_size(labels)
        self.labels_ = labels
        self._describe(texts, vectors, labels)
        self.assignments_ = _assignments(texts, labels)
        return self

    def _reduce_fit(self, vectors: np.ndarray) -> np.ndarray:
        n_comp = max(1, min(self.n_components, vectors.shape[0] - 1, vectors.shape[1]))
        self.pca_ = PCA(n_components=n_comp, random_state=self.random_state).fit(vectors)
        return self._reduce(vectors)

    def _reduce(self, vectors: np.ndarray) -> np.ndarray:
        reduced = self.pca_.transform(vectors)
        norms = np.linalg.norm(reduced, axis=1, keepdims=True)
        return reduced / np.where(norms == 0, 1, norms)

    def _choose_k(self, reduced: np.ndarray) -> int:
        n = reduced.shape[0]
        high = min(self.max_themes, max(2, n // 8))
        low = min(self.min_themes, high)
        rng = np.random.default_rng(self.random_state)
        sample = reduced if n <= 1500 else reduced[rng.choice(n, 1500, replace=False)]
        best_k, best_score = low, -1.0
        for k in range(max(2, low), high + 1):
            labels = KMeans(n_clusters=k, n_init=1, random_state=self.random_state).fit_predict(sample)
            if len(set(labels)) < 2:
                continue
            score = silhouette_score(sample, labels, metric="cosine",
                                     random_state=self.random_state)
            if score > best_score + 1e-9:
                best_k, best_score = k, score
        return best_k

    def _mark_outliers(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        labels = labels.copy()
        for cluster in sorted(set(labels.tolist())):
            member = labels == cluster
            if member.sum() < self.min_size:
                labels[member] = OUTLIER
                continue
            centre = vectors[member].mean(axis=0)
            centre /= np.linalg.norm(centre) or 1.0
            sims = vectors[member] @ centre
            cut = sims.mean() - self.outlier_z * sims.std()
            idx = np.flatnonzero(member)
            labels[idx[sims < cut]] = OUTLIER
        return labels

    @staticmethod
    def _renumber_by_size(labels: np.ndarray) -> np.ndarray:
        clusters = [c for c in set(labels.tolist()) if c != OUTLIER]
        # largest first; ties broken by first occurrence so numbering is deterministic
        order = sorted(clusters, key=lambda c: (-(labels == c).sum(), int(np.argmax(labels == c))))
        mapping = {old: new for new, old in enumerate(order)}
        return np.array([mapping.get(c, OUTLIER) for c in labels.tolist()])

    def _describe(self, texts: list[str], vectors: np.ndarray, labels: np.ndarray) -> None:
        clusters = sorted(c for c in set(labels.tolist()) if c != OUTLIER)
        keywords = class_tfidf_keywords(texts, labels, clusters, self.n_keywords)
        centres, rows = [], []
        for cluster in clusters:
            member = labels == cluster
            centre = vectors[member].mean(axis=0)
            centre /= np.linalg.norm(centre) or 1.0
            centres.append(centre)
            sims = vectors[member] @ centre
            idx = np.flatnonzero(member)[np.argsort(-sims, kind="stable")[:3]]
            words = keywords.get(cluster, [])
            rows.append({
                "theme_id": f"{self.prefix}{cluster:02d}_{_slug(words)}",
                "label": ", ".join(words[:3]).capitalize() if words else f"Theme {cluster}",
                "keywords": "; ".join(words),
                "size": int(member.sum()),
                "representatives": [texts[i] for i in idx],
                "spread": float(sims.std()),
                "min_similarity": float(sims.min()),
            })
        self.centres_ = np.vstack(centres) if centres else np.zeros((0, vectors.shape[1]))
        self.themes_ = pd.DataFrame(rows, columns=["theme_id", "label", "keywords", "size",
                                                   "representatives", "spread", "min_similarity"])

    # -- applying ----------------------------------------------------------------------------
    @property
    def outlier_share_(self) -> float:
        """Share of fitted statements left unclustered."""
        check_is_fitted(self, "labels_")
        return float((self.labels_ == OUTLIER).mean())

    def theme_ids(self, labels: np.ndarray) -> list[str]:
        """Theme ids for cluster indices (``""`` for outliers)."""
        ids = self.themes_["theme_id"].tolist()
        return [ids[c] if c != OUTLIER else "" for c in labels.tolist()]

    def partial_fit(self, texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
        """Add a new call's statements to fitted themes, keeping every existing theme id.

        Statements seen in an earlier run keep their theme; new statements close to an existing
        theme join it (as :meth:`transform`); the rest are clustered, and clusters of at least
        ``min_size`` become new themes with new ids.

        Returns:
            the cluster index of each new statement (``-1`` = unclustered).
        """
        check_is_fitted(self, "centres_")
        texts = list(texts)
        keys = [text_key(t) for t in texts]
        known = np.array([k in self.assignments_ for k in keys], dtype=bool)
        labels = self.transform(vectors)
        # a statement seen in an earlier run stays where it was; only new ones are placed
        labels[known] = [self.assignments_[k] for k, seen in zip(keys, known, strict=True) if seen]
        fresh = np.flatnonzero(~known)
        if len(fresh):
            labels[fresh] = _extend(self, [texts[i] for i in fresh], vectors[fresh], labels[fresh])
        self.assignments_.update(_assignments(texts, labels))
        return labels

    def transform(self, vectors: np.ndarray) -> np.ndarray:
        """Assign new statements to the nearest existing theme, or ``-1`` if none fits well."""
        check_is_fitted(self, "centres_")
        if len(self.centres_) == 0:
            return np.full(len(vectors), OUTLIER)
        sims = vectors @ self.centres_.T
        best = sims.argmax(axis=1)
        floor = (self.themes_["min_similarity"].to_numpy())[best]
        return np.where(sims[np.arange(len(best)), best] >= floor, best, OUTLIER)


def _assignments(texts: Sequence[str], labels: np.ndarray) -> dict[str, int]:
    return {text_key(t): int(label) for t, label in zip(texts, labels, strict=True)}


def _extend(model: ThemeDiscoverer, texts: list[str], vectors: np.ndarray,
            labels: np.ndarray) -> np.ndarray:
    """Let statements that fit no existing theme form new themes, numbered after the old ones."""
    rest = np.flatnonzero(labels == OUTLIER)
    if len(rest) < 2 * model.min_size:
        return labels
    fresh = ThemeDiscoverer(min_themes=1, max_themes=max(1, len(rest) // (2 * model.min_size)),
                            n_components=model.n_components, outlier_z=model.outlier_z,
                            min_size=model.min_size, n_keywords=model.n_keywords,
                            random_state=model.random_state, prefix=model.prefix)
    fresh.fit([texts[i] for i in rest], vectors[rest])
    labels = labels.copy()
    rows, centres = [model.themes_], [model.centres_]
    for cluster, row in fresh.themes_.iterrows():
        index = len(model.themes_) + len(rows) - 1
        slug = row["theme_id"].split("_", 1)[1] if "_" in row["theme_id"] else "theme"
        rows.append(pd.DataFrame([{**row.to_dict(), "theme_id": f"{model.prefix}{index:02d}_{slug}"}]))
        centres.append(fresh.centres_[cluster][None, :])
        labels[rest[fresh.labels_ == cluster]] = index
    model.themes_ = pd.concat(rows, ignore_index=True)
    model.centres_ = np.vstack(centres)
    return labels


def class_tfidf_keywords(texts: Sequence[str], labels: np.ndarray, clusters: Sequence[int],
                         n_keywords: int) -> dict[int, list[str]]:
    """Distinctive words per cluster by class-based TF-IDF (each cluster is one document)."""
    if not clusters:
        return {}
    docs = [" ".join(t for t, lab in zip(texts, labels, strict=True) if lab == c) for c in clusters]
    vectorizer = CountVectorizer(stop_words=STOP_WORDS, ngram_range=(1, 2), min_df=1,
                                 token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z\-]+\b")
    try:
        counts = vectorizer.fit_transform(docs).toarray().astype(float)
    except ValueError:  # every word was a stop word
        return {c: [] for c in clusters}
    terms = np.array(vectorizer.get_feature_names_out())
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    average = counts.sum() / len(clusters)
    idf = np.log(1 + average / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    out = {}
    for row, cluster in enumerate(clusters):
        order = np.argsort(-scores[row], kind="stable")
        chosen: list[str] = []
        for j in order:
            if scores[row, j] <= 0:
                break
            term = terms[j]
            if any(term in c.split() or c in term.split() for c in chosen):
                continue  # skip a bigram that repeats a chosen word, and vice versa
            chosen.append(str(term))
            if len(chosen) == n_keywords:
                break
        out[cluster] = chosen
    return out
