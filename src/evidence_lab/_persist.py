"""Fitted models as plain arrays and JSON: safe to load (no pickle), readable, version-independent.

A fitted estimator of this package describes itself as ``(arrays, meta)``: named NumPy arrays (saved
with ``allow_pickle=False``) and a JSON-serialisable dict (parameters, classes, vocabularies). The
scikit-learn parts inside (logistic regressions, TF-IDF vectorizers) are rebuilt from their learned
numbers, so a model shipped with the package loads under any scikit-learn version that has the same
estimators, and nothing in the file can run code when it is read.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

State = tuple[dict[str, np.ndarray], dict[str, Any]]

_TFIDF_PARAMS = ("ngram_range", "sublinear_tf", "min_df", "strip_accents", "lowercase",
                 "token_pattern", "norm", "use_idf", "smooth_idf")


def logistic_state(model: LogisticRegression, prefix: str) -> State:
    """A fitted logistic regression's coefficients, intercepts and classes."""
    arrays = {f"{prefix}coef": model.coef_, f"{prefix}intercept": model.intercept_}
    return arrays, {f"{prefix}classes": [str(c) for c in model.classes_]}


def logistic_from_state(arrays: dict[str, np.ndarray], meta: dict[str, Any],
                        prefix: str) -> LogisticRegression:
    """A logistic regression that predicts as the saved one did."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression()
    model.classes_ = np.array(meta[f"{prefix}classes"], dtype=object)
    model.coef_ = np.asarray(arrays[f"{prefix}coef"], dtype=np.float64)
    model.intercept_ = np.asarray(arrays[f"{prefix}intercept"], dtype=np.float64)
    model.n_features_in_ = model.coef_.shape[1]
    return model


def tfidf_state(vectorizer: TfidfVectorizer, prefix: str) -> State:
    """A fitted TF-IDF vectorizer's parameters, vocabulary and idf weights."""
    params = {k: v for k, v in vectorizer.get_params().items() if k in _TFIDF_PARAMS}
    params["ngram_range"] = list(params["ngram_range"])
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    meta = {f"{prefix}params": params, f"{prefix}terms": terms}
    return {f"{prefix}idf": vectorizer.idf_}, meta


def tfidf_from_state(arrays: dict[str, np.ndarray], meta: dict[str, Any],
                     prefix: str) -> TfidfVectorizer:
    """A TF-IDF vectorizer that transforms texts as the saved one did."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = dict(meta[f"{prefix}params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    vectorizer = TfidfVectorizer(**params)
    vectorizer.vocabulary_ = {term: i for i, term in enumerate(meta[f"{prefix}terms"])}
    vectorizer.idf_ = np.asarray(arrays[f"{prefix}idf"], dtype=np.float64)
    return vectorizer


def merge(*states: State) -> State:
    """One state from several (their keys must already be prefixed apart)."""
    arrays: dict[str, np.ndarray] = {}
    meta: dict[str, Any] = {}
    for part_arrays, part_meta in states:
        arrays.update(part_arrays)
        meta.update(part_meta)
    return arrays, meta


def state_to_bytes(state: State) -> bytes:
    """One byte string holding a state (the review store keeps it in a BLOB)."""
    arrays, meta = state
    buffer = io.BytesIO()
    contents: dict[str, Any] = {**arrays, "__meta__": np.frombuffer(json.dumps(meta).encode("utf-8"),
                                                                   dtype=np.uint8)}
    np.savez_compressed(buffer, **contents)
    return buffer.getvalue()


def state_from_bytes(data: bytes) -> State:
    """The state :func:`state_to_bytes` wrote (no pickle is ever read)."""
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files if name != "__meta__"}
        meta = json.loads(archive["__meta__"].tobytes().decode("utf-8"))
    return arrays, meta


def save_state(stem: Path, state: State) -> tuple[Path, Path]:
    """Write ``<stem>.npz`` (arrays) and ``<stem>.json`` (everything else, indented), atomically."""
    arrays, meta = state
    stem.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    contents: dict[str, Any] = dict(arrays)
    np.savez_compressed(buffer, **contents)
    written = []
    for suffix, data in ((".npz", buffer.getvalue()),
                         (".json", json.dumps(meta, indent=1, sort_keys=True).encode("utf-8"))):
        target = stem.with_suffix(suffix)
        handle, temporary = tempfile.mkstemp(dir=stem.parent, prefix=f".{target.name}.",
                                             suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # package data: readable by everyone, as a normal file is
        os.replace(temporary, target)
        written.append(target)
    return written[0], written[1]


def load_state(stem: Path) -> State:
    """The state :func:`save_state` wrote at ``stem``."""
    meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    with np.load(stem.with_suffix(".npz"), allow_pickle=False) as archive:
        arrays = {name: archive[name] for name in archive.files}
    return arrays, meta


#: dtypes a cached frame's columns are restored to (anything else stays as JSON gave it)
_RESTORABLE = {"int64", "int32", "float64", "float32", "bool", "Int64", "boolean"}


def frames_to_bytes(frames: dict[str, pd.DataFrame], extra: dict[str, Any]) -> bytes:
    """DataFrames (list and dict cells allowed) and a JSON dict, as one compressed byte string."""
    payload = {"extra": extra, "frames": {}}
    for name, frame in frames.items():
        payload["frames"][name] = {
            "columns": [str(c) for c in frame.columns],
            "dtypes": [str(t) for t in frame.dtypes],
            "data": json.loads(frame.to_json(orient="values", double_precision=15,
                                             default_handler=str)),
        }
    return zlib.compress(json.dumps(payload).encode("utf-8"), 6)


def frames_from_bytes(data: bytes) -> tuple[dict[str, pd.DataFrame], dict[str, Any]]:
    """What :func:`frames_to_bytes` wrote: the frames (numeric dtypes restored) and the dict."""
    payload = json.loads(zlib.decompress(data).decode("utf-8"))
    frames = {}
    for name, part in payload["frames"].items():
        frame = pd.DataFrame(part["data"], columns=part["columns"])
        if frame.empty:
            frame = pd.DataFrame({c: pd.Series(dtype=object) for c in part["columns"]})
        for column, dtype in zip(part["columns"], part["dtypes"], strict=True):
            if dtype in _RESTORABLE:
                frame[column] = frame[column].astype(dtype)
        frames[name] = frame
    return frames, payload["extra"]
