"""Analysing a whole review: reuse what the store holds, and recompute nothing when nothing changed.

A run's inputs are the stored submissions and statements, the officers' corrections, the codebook,
the options, the themes discovered before (in discovery mode) and the package itself (its code and
training data). Their hash is the run's key; the labelled result of the last run is kept in the
store under its key, so a re-run with the same key skips every model and clustering step and only
merges the officers' latest decisions on findings.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from .._persist import frames_from_bytes, frames_to_bytes, state_from_bytes, state_to_bytes
from .._remembered import probabilities_context, stored_probabilities
from .._version import __version__
from ..analysis import Analysis
from ..codebook import Codebook
from ..embed import Embeddings
from ..errors import ReviewStoreError
from ..office_holders import with_holders
from ..schema import SEGMENT_COLUMNS, SUBMISSION_COLUMNS
from ..store import ReviewStore, RunStatus
from ._corrections import effective_corrections
from ._embedder import StoreEmbedder
from ._lineage import merge_findings

CACHE_ARTIFACT = "analysis-cache"
_CACHED_FRAMES = ("submissions", "segments", "themes", "findings", "subthemes")


@lru_cache(maxsize=1)
def package_digest() -> str:
    """Hash of the package's code and data files: a new version invalidates every cached run."""
    root = Path(str(resources.files("evidence_lab")))
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".jsonl", ".yaml", ".j2", ".json", ".npz"):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def run_key(store: ReviewStore, book: Codebook, corrections: pd.DataFrame | None, *,
            discover: bool, random_state: int) -> str:
    """Hash of everything a review's analysis depends on (see the module docstring)."""
    digest = hashlib.sha256(package_digest().encode())
    digest.update(store.content_digest().encode())
    digest.update((book.sha256 or repr(book)).encode())
    digest.update(repr((discover, random_state)).encode())
    if corrections is not None:
        digest.update(corrections.to_csv(index=False).encode())
    if discover:
        digest.update(store.read_artifact(discoverer_name(book)) or b"")
    return digest.hexdigest()[:24]


def discoverer_name(book: Codebook) -> str:
    """The artifact holding a review's discovered themes for ``book``."""
    return f"discoverer:{book.sha256[:16]}"


def analyse_review(store: ReviewStore, embedder: StoreEmbedder, book: Codebook, *,
                   discover: bool, show_progress: bool, random_state: int,
                   write: Callable[[Analysis], object] | None = None) -> Analysis:
    """Analyse every call in ``store`` (see :meth:`evidence_lab.review.Review.analyse`).

    ``write`` gets the result before the run is marked completed, so a run whose outputs were
    not written (killed, or failed while writing) is never recorded as completed.
    """
    subs = store.submissions()
    if subs.empty:
        raise ReviewStoreError(f"{store.path} holds no submissions yet; add a call first: "
                               f"evidence-lab ingest CALL_FOLDER --review {store.path}")
    segs = store.segments()
    corrections, ignored = effective_corrections(store, book)
    calls = store.calls()
    key = run_key(store, book, corrections, discover=discover, random_state=random_state)
    begun = {"mode": "discover" if discover else "codebook",
             "codebook": {"name": book.name, "source": book.source, "sha256": book.sha256},
             "calls": calls["call_id"].tolist(), "run_key": key,
             "counts": {"submissions": len(subs), "segments": len(segs)}}
    run_id = store.start_run(begun)
    try:
        analysis = _cached(store, key, book)
        reused = analysis is not None
        if analysis is None:
            analysis = _fresh(store, embedder, book, subs, segs, corrections,
                              discover=discover, show_progress=show_progress,
                              random_state=random_state)
        shown, rows = merge_findings(store, analysis.findings)
        run = _manifest(analysis, key, store, calls, run_id, corrections, ignored, shown, rows,
                        reused)
        result = _result(analysis, embedder, shown, run, subs, segs, corrections)
        if write is not None:
            write(result)
        with store.transaction():
            if not reused:
                store.write_artifact(CACHE_ARTIFACT, _cache_bytes(key, analysis))
                if discover and analysis.discoverer is not None:
                    store.write_artifact(discoverer_name(book),
                                         state_to_bytes(analysis.discoverer.to_state()))
            store.write_findings(rows)
            store.write_labels(_labels(analysis, book), run_id)
            store.finish_run(run_id, "completed", run)
    except BaseException as exc:
        status: RunStatus = "failed" if isinstance(exc, Exception) else "interrupted"
        with contextlib.suppress(Exception):  # the original error is the one to report
            store.finish_run(run_id, status, {**begun, "error": f"{type(exc).__name__}: {exc}"})
        raise
    return result


def _result(analysis: Analysis, embedder: StoreEmbedder, shown: pd.DataFrame,
            run: dict[str, Any], subs: pd.DataFrame, segs: pd.DataFrame,
            corrections: pd.DataFrame | None) -> Analysis:
    if analysis.embeddings is None:  # a reused run: the vectors are all in the store
        analysis = dataclasses.replace(analysis, embeddings=Embeddings.of(
            analysis.segments["segment_id"], analysis.segments["text"], embedder))
    return _with_provenance(dataclasses.replace(analysis, findings=shown, run=run), subs, segs,
                            corrections)


def _fresh(store: ReviewStore, embedder: StoreEmbedder, book: Codebook, subs: pd.DataFrame,
           segs: pd.DataFrame, corrections: pd.DataFrame | None, *, discover: bool,
           show_progress: bool, random_state: int) -> Analysis:
    from ..findings import stored_readings
    from ..models import fit_models
    from ..pipeline import analyse
    from ..themes import ThemeDiscoverer

    discoverer = None
    if discover:
        saved = store.read_artifact(discoverer_name(book))
        discoverer = None if saved is None else ThemeDiscoverer.from_state(state_from_bytes(saved))
    # the findings' parse readings are kept in the store like the vectors, and so are the
    # shipped models' probabilities: a new call's statements are parsed and predicted, the rest
    # are read back (the corrections' layer still runs over every statement)
    context = probabilities_context(package_digest(), fit_models(book, embedder=embedder),
                                    embedder.name)
    with stored_readings(store, answers=package_digest()), \
            stored_probabilities(store, context) as reuse:
        analysis = analyse(subs[SUBMISSION_COLUMNS], codebook=book, discover=discover,
                           corrections=corrections, embedder=embedder,
                           segments=segs[SEGMENT_COLUMNS], discoverer=discoverer,
                           show_progress=show_progress, random_state=random_state)
    run = {**analysis.run, "probabilities": {"reused": reuse.reused, "computed": reuse.computed}}
    return dataclasses.replace(analysis, run=run)


def _cache_bytes(key: str, analysis: Analysis) -> bytes:
    frames = {name: getattr(analysis, name) for name in _CACHED_FRAMES}
    return frames_to_bytes(frames, {"key": key, "run": analysis.run})


def _cached(store: ReviewStore, key: str, book: Codebook) -> Analysis | None:
    data = store.read_artifact(CACHE_ARTIFACT)
    if data is None:
        return None
    frames, extra = frames_from_bytes(data)
    if extra.get("key") != key:
        return None
    segments = frames["segments"]
    segments["page"] = segments["page"].astype("Int64")
    segments["target_spans"] = [[tuple(span) for span in spans] for spans in
                                segments["target_spans"]]
    run = dict(extra["run"])
    run["timings_s"] = {}
    # the office holders the evidence introduced, as the fresh run learned them (kept names)
    book = with_holders(book, run.get("office_holders_learned", ()))
    return Analysis(submissions=frames["submissions"], segments=segments, themes=frames["themes"],
                    findings=frames["findings"], codebook=book, run=run,
                    subthemes=frames["subthemes"])


def _labels(analysis: Analysis, book: Codebook) -> pd.DataFrame:
    theme_labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"], strict=True))
    labels = analysis.segments[["segment_id", "primary_theme", "pcc_sentiment"]].copy()
    labels["theme_label"] = labels["primary_theme"].map(
        lambda t: theme_labels.get(t, book.label_of(t) if t in book.theme_ids else t))
    return labels


def _manifest(analysis: Analysis, key: str, store: ReviewStore, calls: pd.DataFrame, run_id: int,
              corrections: pd.DataFrame | None, ignored: list[dict[str, Any]],
              shown: pd.DataFrame, rows: pd.DataFrame, reused: bool) -> dict[str, Any]:
    run = dict(analysis.run)
    probabilities = run.pop("probabilities", None)
    run["run_key"] = key
    run["input_files"] = [f for files in calls["files"] for f in files]
    run["skipped_files"] = [s for skipped in calls["skipped"] for s in skipped]
    run["review"] = {"path": str(store.path.resolve()), "run_id": run_id,
                     "calls": calls[["call_id", "name"]].to_dict("records"),
                     "corrections": 0 if corrections is None else len(corrections),
                     "corrections_ignored": ignored, "reused_previous_run": reused,
                     # statements whose shipped-model probabilities were kept from earlier runs
                     "probabilities": None if reused else probabilities,
                     "changed_by_corrections": changed_by_corrections(analysis.segments)}
    current = rows["current"]
    run["counts"] = {**run["counts"],
                     "findings": int((shown["kind"] == "finding").sum()),
                     "recommendations": int((shown["kind"] == "recommendation").sum()),
                     "rejected": int((current & (rows["status"] == "rejected")).sum()),
                     "needs_review": int((current & rows["needs_review"]).sum())}
    return run


def _with_provenance(analysis: Analysis, subs: pd.DataFrame, segs: pd.DataFrame,
                     corrections: pd.DataFrame | None) -> Analysis:
    """Each statement's and submission's call, and who corrected a statement (if anyone)."""
    segments = analysis.segments.copy()
    segments["call_id"] = segments["segment_id"].map(dict(zip(segs["segment_id"], segs["call_id"],
                                                              strict=True)))
    by = {} if corrections is None else dict(zip(corrections["segment_id"],
                                                 corrections["corrected_by"], strict=True))
    segments["corrected_by"] = [by.get(s, "") for s in segments["segment_id"]]
    submissions = analysis.submissions.copy()
    submissions["call_id"] = submissions["submission_id"].map(
        dict(zip(subs["submission_id"], subs["call_id"], strict=True)))
    return dataclasses.replace(analysis, segments=segments, submissions=submissions)


def changed_by_corrections(segments: pd.DataFrame) -> list[dict[str, str]]:
    """The statements whose label the officers' corrections of other statements changed
    (``label_source`` is ``review_model``): ``segment_id``, ``primary_theme``, ``pcc_sentiment``."""
    if "label_source" not in segments.columns:
        return []
    moved = segments[segments["label_source"] == "review_model"]
    return [{"segment_id": str(r.segment_id), "primary_theme": str(r.primary_theme),
             "pcc_sentiment": str(r.pcc_sentiment)} for r in moved.itertuples()]
