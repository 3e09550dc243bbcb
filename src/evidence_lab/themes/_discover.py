"""Emergent themes: cluster statement embeddings, keep outliers out, name clusters by their words.

Choice of method (see ``docs/methods.md``): UMAP compiles with numba for ~40 s in every fresh process
and HDBSCAN on raw 384-d vectors leaves most points as noise, so discovery uses PCA (exact, seeded)
followed by k-means on the unit sphere with k picked by silhouette on a fixed sample. Everything is
seeded, so the same input gives the same themes, ids and labels. A statement whose similarity to its
cluster centre is far below the cluster's typical similarity is left unclustered (``-1``).
New evidence is mapped onto existing themes with :meth:`ThemeDiscoverer.predict`; only statements
that fit no existing theme can form new ones (see :meth:`ThemeDiscoverer.partial_fit`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from numbers import Integral, Real
from typing import Any, ClassVar

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClusterMixin
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.metrics import silhouette_score
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from .._persist import State
from .._threads import single_threaded
from ..embed import text_key
from ..vocabulary import SCRUTINY_STOP_WORDS

OUTLIER = -1
#: Words no theme is named by when the caller gives none of its own (a codebook's call vocabulary
#: adds the target's names and the call's place names; see :func:`evidence_lab.vocabulary_of`).
DEFAULT_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS | SCRUTINY_STOP_WORDS)


def _slug(words: Sequence[str]) -> str:
    return re.sub(r"[^a-z0-9]+", "_", "_".join(words[:3]).lower()).strip("_") or "theme"


class ThemeDiscoverer(ClusterMixin, BaseEstimator):
    """Find emergent themes in statement vectors (scikit-learn style clustering).

    ``X`` is one vector per statement (the embeddings, optionally joined with theme scores); the
    statements' ``texts`` name the themes (class-based TF-IDF keywords) and let a later call
    recognise statements seen before.

    Args:
        n_themes: number of clusters; None picks it by silhouette between ``min_themes`` and
            ``max_themes`` (defaults 2 and 14, capped by the data size).
        min_themes, max_themes: the range searched when ``n_themes`` is None.
        n_components: PCA dimensions before clustering (default 32).
        outlier_z: a statement is an outlier when its similarity to its centre is this many standard
            deviations below the cluster's mean similarity (default 2.0).
        min_size: clusters smaller than this are dissolved into outliers (default 3).
        n_keywords: keywords kept per theme (default 8).
        random_state: seed for PCA, k-means and sampling (default 0).
        prefix: start of every theme id (default ``"t"``: ``t00_grant_round``).
        stop_words: words never used as keywords; None uses :data:`DEFAULT_STOP_WORDS`.

    Attributes:
        labels_: cluster index per statement of the last ``fit`` or ``partial_fit`` batch
            (``-1`` = unclustered).
        themes_: DataFrame with ``theme_id``, ``label``, ``keywords``, ``size``, ``representatives``,
            ``spread`` and ``min_similarity``.
        centres_: unit-length cluster centres in the input space.
        assignments_: cluster index of every statement seen, by the content hash of its text.
        n_features_in_: width of ``X``.
    """

    _parameter_constraints: ClassVar[dict[str, list[Any]]] = {
        "n_themes": [Interval(Integral, 1, None, closed="left"), None],
        "min_themes": [Interval(Integral, 1, None, closed="left")],
        "max_themes": [Interval(Integral, 1, None, closed="left")],
        "n_components": [Interval(Integral, 1, None, closed="left")],
        "outlier_z": [Interval(Real, 0, None, closed="neither")],
        "min_size": [Interval(Integral, 1, None, closed="left")],
        "n_keywords": [Interval(Integral, 0, None, closed="left")],
        "random_state": ["random_state"],
        "prefix": [str],
        "stop_words": [Collection, None],
    }

    def __init__(self, *, n_themes: int | None = None, min_themes: int = 2, max_themes: int = 14,
                 n_components: int = 32, outlier_z: float = 2.0, min_size: int = 3,
                 n_keywords: int = 8, random_state: int | None = 0, prefix: str = "t",
                 stop_words: Collection[str] | None = None) -> None:
        self.n_themes = n_themes
        self.min_themes = min_themes
        self.max_themes = max_themes
        self.n_components = n_components
        self.outlier_z = outlier_z
        self.min_size = min_size
        self.n_keywords = n_keywords
        self.random_state = random_state
        self.prefix = prefix
        self.stop_words = stop_words

    # -- fitting -----------------------------------------------------------------------------
    def fit(self, X: Any, y: Any = None, *, texts: Sequence[str] | None = None) -> ThemeDiscoverer:
        """Cluster the statements ``X`` and name the clusters from ``texts``.

        Args:
            X: one vector per statement.
            y: ignored.
            texts: the statements' texts, for keywords and labels (None: themes are numbered).

        Returns:
            self
        """
        self._validate_params()
        X = validate_data(self, X, dtype=[np.float64, np.float32])
        texts = self._texts(texts, X)
        if len(texts) < 2:
            raise ValueError(f"Theme discovery needs at least 2 statements (got {len(texts)} "
                             "sample); add more evidence.")
        seed = self._seed()
        with single_threaded():  # small matrices: threads only wait for each other
            reduced = self._reduce_fit(X, seed)
            k = self.n_themes or self._choose_k(reduced, seed)
            k = max(1, min(k, len(texts)))
            model = KMeans(n_clusters=k, n_init=2, random_state=seed).fit(reduced)
        labels = self._mark_outliers(X, model.labels_.copy())
        labels = self._renumber_by_size(labels)
        self.labels_ = labels
        self._describe(texts, X, labels)
        self.assignments_ = _assignments(texts, labels)
        return self

    def _seed(self) -> int | None:
        state = self.random_state
        if state is None or isinstance(state, (int, np.integer)):
            return None if state is None else int(state)
        return int(np.random.RandomState(state).randint(np.iinfo(np.int32).max))

    @staticmethod
    def _texts(texts: Sequence[str] | None, X: np.ndarray) -> list[str]:
        if texts is None:  # unnamed statements: their vectors stand in for their texts
            return [hashlib.sha1(np.ascontiguousarray(row).tobytes()).hexdigest() for row in X]
        texts = list(texts)
        if len(texts) != len(X):
            raise ValueError(f"got {len(X)} vectors but {len(texts)} texts")
        return texts

    def _reduce_fit(self, X: np.ndarray, seed: int | None) -> np.ndarray:
        n_comp = max(1, min(self.n_components, X.shape[0] - 1, X.shape[1]))
        self.pca_ = PCA(n_components=n_comp, random_state=seed).fit(X)
        return self._reduce(X)

    def _reduce(self, X: np.ndarray) -> np.ndarray:
        reduced = self.pca_.transform(X)
        norms = np.linalg.norm(reduced, axis=1, keepdims=True)
        return reduced / np.where(norms == 0, 1, norms)

    def _choose_k(self, reduced: np.ndarray, seed: int | None) -> int:
        n = reduced.shape[0]
        high = min(self.max_themes, max(2, n // 8))
        low = min(self.min_themes, high)
        rng = np.random.default_rng(seed)
        sample = reduced if n <= 1500 else reduced[rng.choice(n, 1500, replace=False)]
        best_k, best_score = low, -1.0
        for k in range(max(2, low), high + 1):
            if k >= len(sample):
                break
            labels = KMeans(n_clusters=k, n_init=1, random_state=seed).fit_predict(sample)
            if len(set(labels)) < 2:
                continue
            score = silhouette_score(sample, labels, metric="cosine", random_state=seed)
            if score > best_score + 1e-9:
                best_k, best_score = k, score
        return best_k

    def _mark_outliers(self, X: np.ndarray, labels: np.ndarray) -> np.ndarray:
        labels = labels.copy()
        for cluster in sorted(set(labels.tolist())):
            member = labels == cluster
            if member.sum() < self.min_size:
                labels[member] = OUTLIER
                continue
            sims = _unit(X[member]) @ _centre(X[member])
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
        return np.array([mapping.get(c, OUTLIER) for c in labels.tolist()], dtype=np.int64)

    def _describe(self, texts: list[str], X: np.ndarray, labels: np.ndarray) -> None:
        clusters = sorted(c for c in set(labels.tolist()) if c != OUTLIER)
        keywords = class_tfidf_keywords(texts, labels, clusters, self.n_keywords,
                                        stop_words=self.stop_words)
        centres, rows = [], []
        for cluster in clusters:
            member = labels == cluster
            centre = _centre(X[member])
            centres.append(centre)
            sims = _unit(X[member]) @ centre
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
        self.centres_ = np.vstack(centres) if centres else np.zeros((0, X.shape[1]))
        self.themes_ = pd.DataFrame(rows, columns=THEME_TABLE_COLUMNS)

    # -- applying ----------------------------------------------------------------------------
    @property
    def outlier_share_(self) -> float:
        """Share of the last batch's statements left unclustered."""
        check_is_fitted(self, "labels_")
        return float((self.labels_ == OUTLIER).mean())

    def theme_ids(self, labels: np.ndarray) -> list[str]:
        """Theme ids for cluster indices (``""`` for outliers)."""
        ids = self.themes_["theme_id"].tolist()
        return [ids[c] if c != OUTLIER else "" for c in labels.tolist()]

    def partial_fit(self, X: Any, y: Any = None, *,
                    texts: Sequence[str] | None = None) -> ThemeDiscoverer:
        """Add a new call's statements to the fitted themes, keeping every existing theme id.

        Statements seen in an earlier batch keep their theme; new statements close to an existing
        theme join it (as :meth:`predict`); the rest are clustered, and clusters of at least
        ``min_size`` become new themes with new ids. Before any ``fit`` this is ``fit``.

        Returns:
            self, with :attr:`labels_` holding this batch's cluster indices.
        """
        if not hasattr(self, "centres_"):
            return self.fit(X, texts=texts)
        X = validate_data(self, X, dtype=[np.float64, np.float32], reset=False)
        texts = self._texts(texts, X)
        keys = [text_key(t) for t in texts]
        known = np.array([k in self.assignments_ for k in keys], dtype=bool)
        labels = self.predict(X)
        # a statement seen in an earlier run stays where it was; only new ones are placed
        labels[known] = [self.assignments_[k] for k, seen in zip(keys, known, strict=True) if seen]
        fresh = np.flatnonzero(~known)
        if len(fresh):
            labels[fresh] = _extend(self, [texts[i] for i in fresh], X[fresh], labels[fresh])
        self.assignments_.update(_assignments(texts, labels))
        self.labels_ = labels
        return self

    def predict(self, X: Any) -> np.ndarray:
        """The nearest existing theme of each statement, or ``-1`` if none fits well."""
        check_is_fitted(self, "centres_")
        X = validate_data(self, X, dtype=[np.float64, np.float32], reset=False)
        if len(self.centres_) == 0:
            return np.full(len(X), OUTLIER, dtype=np.int64)
        sims = _unit(X) @ self.centres_.T
        best = sims.argmax(axis=1)
        floor = (self.themes_["min_similarity"].to_numpy())[best]
        return np.where(sims[np.arange(len(best)), best] >= floor, best, OUTLIER).astype(np.int64)

    def fit_predict(self, X: Any, y: Any = None, *, texts: Sequence[str] | None = None
                    ) -> np.ndarray:
        """Fit and return :attr:`labels_` (outliers are ``-1``)."""
        return self.fit(X, texts=texts).labels_

    # -- persistence -------------------------------------------------------------------------
    def to_state(self) -> State:
        """The fitted themes as arrays and JSON (the review store keeps them between calls)."""
        check_is_fitted(self, "centres_")
        params = self.get_params()
        params["stop_words"] = None if self.stop_words is None else sorted(self.stop_words)
        themes = self.themes_.to_dict("list")
        arrays = {"centres": self.centres_, "labels": self.labels_,
                  "pca_components": self.pca_.components_, "pca_mean": self.pca_.mean_}
        meta = {"params": params, "themes": themes, "assignments": self.assignments_,
                "n_features_in": int(self.n_features_in_)}
        return arrays, meta

    @classmethod
    def from_state(cls, state: State) -> ThemeDiscoverer:
        """The discoverer :meth:`to_state` described."""
        arrays, meta = state
        model = cls(**meta["params"])
        model.centres_ = np.asarray(arrays["centres"])
        model.labels_ = np.asarray(arrays["labels"], dtype=np.int64)
        model.themes_ = pd.DataFrame(meta["themes"], columns=THEME_TABLE_COLUMNS)
        model.assignments_ = {str(k): int(v) for k, v in meta["assignments"].items()}
        model.n_features_in_ = int(meta["n_features_in"])
        model.pca_ = PCA(n_components=arrays["pca_components"].shape[0])
        model.pca_.components_ = np.asarray(arrays["pca_components"])
        model.pca_.mean_ = np.asarray(arrays["pca_mean"])
        model.pca_.n_components_ = model.pca_.components_.shape[0]
        model.pca_.n_features_in_ = model.pca_.components_.shape[1]
        model.pca_.whiten = False
        return model


THEME_TABLE_COLUMNS = ["theme_id", "label", "keywords", "size", "representatives", "spread",
                       "min_similarity"]


def _unit(X: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(norms == 0, 1, norms)


def _centre(X: np.ndarray) -> np.ndarray:
    centre = _unit(X).mean(axis=0)
    return centre / (np.linalg.norm(centre) or 1.0)


def _assignments(texts: Sequence[str], labels: np.ndarray) -> dict[str, int]:
    return {text_key(t): int(label) for t, label in zip(texts, labels, strict=True)}


def _extend(model: ThemeDiscoverer, texts: list[str], X: np.ndarray,
            labels: np.ndarray) -> np.ndarray:
    """Let statements that fit no existing theme form new themes, numbered after the old ones."""
    rest = np.flatnonzero(labels == OUTLIER)
    if len(rest) < 2 * model.min_size:
        return labels
    fresh = ThemeDiscoverer(min_themes=1, max_themes=max(1, len(rest) // (2 * model.min_size)),
                            n_components=model.n_components, outlier_z=model.outlier_z,
                            min_size=model.min_size, n_keywords=model.n_keywords,
                            random_state=model.random_state, prefix=model.prefix,
                            stop_words=model.stop_words)
    fresh.fit(X[rest], texts=[texts[i] for i in rest])
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
                         n_keywords: int, *, stop_words: Collection[str] | None = None
                         ) -> dict[int, list[str]]:
    """Distinctive words per cluster by class-based TF-IDF (each cluster is one document).

    ``stop_words`` are never keywords (None: :data:`DEFAULT_STOP_WORDS`; English stop words are
    always left out).
    """
    if not clusters:
        return {}
    stop = sorted(DEFAULT_STOP_WORDS if stop_words is None
                  else ENGLISH_STOP_WORDS | {w.lower() for w in stop_words})
    docs = [" ".join(t for t, lab in zip(texts, labels, strict=True) if lab == c) for c in clusters]
    vectorizer = CountVectorizer(stop_words=stop, ngram_range=(1, 2), min_df=1,
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
