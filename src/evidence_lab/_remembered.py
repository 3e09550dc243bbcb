"""The shipped models' probabilities of each statement, kept between a review's runs.

Adding a call to a review used to re-run the theme and stance models over every statement, old
and new. Their probabilities depend only on the statement (its text and, for stance, where it
mentions the target), its vector and the model, so inside :func:`stored_probabilities` the
classifiers look each statement up before computing it, and the store keeps what they computed
for the next run. The models are those fitted for the run's codebook and embedder by this
version of the package (:func:`probabilities_context` names them: a new package, codebook,
embedder or library version starts afresh). The officers' corrections are not part of it: the
review's correction layer (:mod:`evidence_lab.adapt`) still runs over every statement on top of
the kept probabilities. The classifiers compute row by row (:mod:`evidence_lab._rowwise`), so a
kept row is exactly what a fresh run computes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Protocol

import numpy as np

from ._persist import state_from_bytes, state_to_bytes

#: the store artifact holding the kept probabilities
ARTIFACT = "model-probabilities"


class ArtifactStore(Protocol):
    """Where the probabilities are kept (:class:`evidence_lab.store.ReviewStore` is one)."""

    def read_artifact(self, name: str) -> bytes | None: ...

    def write_artifact(self, name: str, data: bytes) -> None: ...


@dataclass
class _Session:
    context: str
    known: dict[str, dict[str, np.ndarray]]  # task -> row key -> probabilities
    new: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    reused: int = 0
    computed: int = 0


_SESSION: ContextVar[_Session | None] = ContextVar("evidence_lab_probabilities", default=None)


def row_key(*parts: Any) -> str:
    """The key of one statement's row: a hash of what its probabilities depend on."""
    text = json.dumps(parts, separators=(",", ":"), default=_plain, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else list(value)


def remembered(task: str, keys: Sequence[str], compute: Callable[[np.ndarray], np.ndarray]
               ) -> np.ndarray:
    """The probabilities of rows ``keys``: kept ones looked up, the rest from ``compute``
    (given the positions of the rows it must compute). Outside :func:`stored_probabilities`,
    ``compute`` gets every row."""
    session = _SESSION.get()
    if session is None:
        return compute(np.arange(len(keys)))
    known = session.known.get(task, {})
    new = session.new.setdefault(task, {})
    missing = np.array([i for i, k in enumerate(keys) if k not in known and k not in new],
                       dtype=np.int64)
    if len(missing):
        rows = np.asarray(compute(missing))
        new.update({keys[i]: row for i, row in zip(missing, rows, strict=True)})
    session.computed += len(missing)
    session.reused += len(keys) - len(missing)
    return np.vstack([known[k] if k in known else new[k] for k in keys]) if len(keys) else \
        compute(missing)


def probabilities_context(package: str, models: Sequence[Any], embedder: str) -> str:
    """Names the models the kept probabilities are of: the package (its code and data, as a
    hash), the fitted models' own numbers, the embedder and the numeric libraries."""
    versions = [metadata.version(p) for p in ("scikit-learn", "numpy", "scipy")]
    return row_key(package, [_fitted_digest(m) for m in models], embedder, versions)


def _fitted_digest(model: Any) -> str:
    """A hash of a fitted model's learned numbers (arrays, and those of its fitted parts)."""
    digest = hashlib.sha1(type(model).__name__.encode())
    for name, value in sorted(vars(model).items()):
        if not name.endswith("_") or name.startswith("_"):
            continue
        parts = [value] if isinstance(value, np.ndarray) else [
            v for _, v in sorted(vars(value).items()) if isinstance(v, np.ndarray)
        ] if hasattr(value, "__dict__") else []
        for array in parts:
            digest.update(name.encode())
            digest.update(np.ascontiguousarray(array).tobytes() if array.dtype != object
                          else repr(array.tolist()).encode())
    return digest.hexdigest()


@dataclass
class Reuse:
    """How many statements' probabilities a run took from the store and how many it computed."""

    reused: int = 0
    computed: int = 0


@contextmanager
def stored_probabilities(store: ArtifactStore, context: str) -> Iterator[Reuse]:
    """Inside, the classifiers' probabilities are looked up in ``store`` (when it kept them for
    ``context``) before they are computed; on leaving normally, the rows computed are added to
    those kept. Yields a :class:`Reuse`, filled in on leaving."""
    saved = store.read_artifact(ARTIFACT)
    known: dict[str, dict[str, np.ndarray]] = {}
    if saved is not None:
        arrays, meta = state_from_bytes(saved)
        if meta.get("context") == context:
            for task in meta.get("tasks", []):
                known[task] = dict(zip(arrays[f"{task}/keys"].tolist(), arrays[f"{task}/rows"],
                                       strict=True))
    session = _Session(context, known)
    counts = Reuse()
    token = _SESSION.set(session)
    try:
        yield counts
    finally:
        _SESSION.reset(token)
        counts.reused, counts.computed = session.reused, session.computed
    if session.computed:
        store.write_artifact(ARTIFACT, _to_bytes(session))


def _to_bytes(session: _Session) -> bytes:
    arrays: dict[str, np.ndarray] = {}
    tasks = sorted(set(session.known) | set(session.new))
    for task in tasks:
        rows = {**session.known.get(task, {}), **session.new.get(task, {})}
        arrays[f"{task}/keys"] = np.array(list(rows), dtype="U40")
        arrays[f"{task}/rows"] = np.vstack(list(rows.values())) if rows else np.zeros((0, 0))
    return state_to_bytes((arrays, {"context": session.context, "tasks": tasks}))
