"""A review: its calls for evidence in one store, analysed incrementally, with officers' decisions kept.

    >>> from evidence_lab.review import Review
    >>> with Review.open("reviews/ravensmoor.duckdb") as review:      # doctest: +SKIP
    ...     print(review.add_call(["calls/october"], name="October call"))
    ...     analysis = review.analyse()
    ...     review.accept("F-1a2b3c4d")
    ...     review.relabel("coldwater_csp:12", pcc_sentiment="negative")
    ...     print(review.diff())

Each call is ingested and segmented once; each distinct statement is embedded once per model (the
vectors live in the store), so a re-run costs only model fitting and the cheap stages. Findings
keep the officer's decision (accepted, edited, rejected) from run to run, and a reviewed finding
whose evidence changed is flagged ``needs_review`` rather than silently rewritten.
"""

from __future__ import annotations

import contextlib
import dataclasses
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import numpy as np
import pandas as pd

from .analysis import Analysis
from .codebook import OTHER_THEME, Codebook, load_codebook
from .embed import EMBEDDING_DIM, Embedder, get_embedder, text_key
from .errors import ReviewStoreError
from .ingest import SkippedFile, read_inputs
from .pipeline import analyse as analyse_inputs
from .schema import SEGMENT_COLUMNS, SENTIMENT_LABELS, SUBMISSION_COLUMNS
from .segmentation import segment
from .store import FINDING_STORE_COLUMNS, ReviewStore, RunStatus, basis_hash, content_hash

EMBED_CHUNK = 512  # vectors are committed to the store this many at a time
SUCCESSOR_OVERLAP = 0.5  # share of statements (Jaccard) a new finding must share with a reviewed one
_NO_THEMES = (OTHER_THEME, "unclustered")


class _StoreEmbedder:
    """Embedder that reads the review's embeddings table and encodes (and stores) only what is new."""

    def __init__(self, inner: Embedder, store: ReviewStore) -> None:
        self.inner = inner
        self.store = store
        self.name: str = getattr(inner, "name", type(inner).__name__)
        self.n_encoded = 0

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        keys = [text_key(t) for t in texts]
        found = self.store.vectors(keys, self.name)
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in found:
                todo.setdefault(key, text)
        items = list(todo.items())
        for start in range(0, len(items), EMBED_CHUNK):  # committed per chunk: a kill keeps progress
            chunk = items[start:start + EMBED_CHUNK]
            vectors = self.inner.encode([t for _, t in chunk], show_progress=show_progress)
            self.store.add_vectors([k for k, _ in chunk], vectors, self.name)
            found.update(zip((k for k, _ in chunk), np.asarray(vectors, dtype=np.float32), strict=True))
            self.n_encoded += len(chunk)
        return np.vstack([found[k] for k in keys])


@dataclass(frozen=True)
class CallSummary:
    """What :meth:`Review.add_call` stored.

    Attributes:
        call_id: the call the new submissions joined; None when nothing was new (nothing stored).
        name: the call's name.
        existing_call: True when the submissions joined a call already in the review (same name).
        n_submissions: new submissions stored.
        n_already_stored: submissions skipped because the review already holds them (same id, same
            text).
        renamed: ``{ingest id: stored id}`` for new texts whose id the review already used.
        n_segments: statements stored.
        n_embedded: statements embedded now (the others' vectors were already in the store).
        skipped: files that could not be read, with reasons.
    """

    call_id: int | None
    name: str
    existing_call: bool
    n_submissions: int
    n_already_stored: int
    renamed: dict[str, str] = field(default_factory=dict)
    n_segments: int = 0
    n_embedded: int = 0
    skipped: list[SkippedFile] = field(default_factory=list)

    def __str__(self) -> str:
        if self.call_id is None:
            lines = [(f"Nothing new in '{self.name}': all {self.n_already_stored} submission(s) "
                      "are already in the review.")]
        else:
            joined = " (added to the existing call)" if self.existing_call else ""
            reused = self.n_segments - min(self.n_embedded, self.n_segments)
            lines = [(f"Call {self.call_id} '{self.name}'{joined}: {self.n_submissions} new "
                      f"submission(s), {self.n_segments} statements; {self.n_embedded} embedded "
                      f"now, {reused} reused.")]
            if self.n_already_stored:
                lines.append(f"{self.n_already_stored} submission(s) already in the review were "
                             "skipped.")
        for old, new in self.renamed.items():
            lines.append(f"{old}: the review already holds a different text with this id; "
                         f"stored as {new}.")
        lines += [f"Could not read {s.path}: {s.reason}" for s in self.skipped]
        return "\n".join(lines)


@dataclass(frozen=True)
class ReviewDiff:
    """What the latest call changed, compared with the review before it (labels of the latest run).

    Attributes:
        call_id: the latest call.
        call_name: its name.
        run_id: the run whose labels are compared.
        new_organisations: ``organisation``, ``respondent_type``, ``n_submissions``: organisations
            first heard from in the latest call.
        theme_counts: per theme ``theme``, ``label``, ``statements_before``, ``statements_after``,
            ``change``, ``organisations_before``, ``organisations_after``.
        stance_shifts: per theme ``theme``, ``label``, ``positive_before``, ``negative_before``,
            ``positive_after``, ``negative_after``, ``net_before``, ``net_after``, ``shift``; net is
            the share of positive minus the share of negative statements (-1..1), NaN with none.
        new_themes: ``theme``, ``label``, ``statements``, ``organisations``: themes that had no
            statements before the latest call.
    """

    call_id: int
    call_name: str
    run_id: int
    new_organisations: pd.DataFrame
    theme_counts: pd.DataFrame
    stance_shifts: pd.DataFrame
    new_themes: pd.DataFrame

    def __str__(self) -> str:
        new_statements = int(self.theme_counts["change"].sum()) if len(self.theme_counts) else 0
        lines = [(f"Call {self.call_id} '{self.call_name}' (labels from run {self.run_id}): "
                  f"{len(self.new_organisations)} new organisation(s), {new_statements} new "
                  "statements.")]
        if len(self.new_organisations):
            lines.append("New organisations: " + ", ".join(
                f"{o} ({t})" if t else str(o) for o, t in zip(
                    self.new_organisations["organisation"], self.new_organisations["respondent_type"],
                    strict=True)) + ".")
        lines.append("Statements per theme (before -> after):")
        width = max([len(str(x)) for x in self.theme_counts["label"]] + [10])
        for row in _records(self.theme_counts):
            lines.append(f"  {row['label']:<{width}}  {row['statements_before']:>4} -> "
                         f"{row['statements_after']:<4} ({row['change']:+d})")
        lines.append("Stance toward the target (net = share positive - share negative):")
        for row in _records(self.stance_shifts):
            before = "  n/a" if pd.isna(row["net_before"]) else f"{row['net_before']:+.2f}"
            after = "  n/a" if pd.isna(row["net_after"]) else f"{row['net_after']:+.2f}"
            shift = row["shift"]
            trend = ("" if pd.isna(shift) or abs(shift) < 0.005 else
                     " (more positive)" if shift > 0 else " (more critical)")
            lines.append(f"  {row['label']:<{width}}  {before} -> {after}{trend}")
        if len(self.new_themes):
            lines.append("New themes: " + ", ".join(
                f"{label} ({n} statements)" for label, n in zip(
                    self.new_themes["label"], self.new_themes["statements"], strict=True)) + ".")
        else:
            lines.append("New themes: none.")
        return "\n".join(lines)


class Review:
    """A scrutiny review held in one :class:`~evidence_lab.store.ReviewStore` file.

    Args:
        store: the open store.
        embedder: embedding backend; None uses the bundled MiniLM model. Vectors are cached in the
            store under the embedder's ``name``.
    """

    def __init__(self, store: ReviewStore, *, embedder: Embedder | None = None) -> None:
        self.store = store
        self._embedder = _StoreEmbedder(embedder or get_embedder(), store)

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True,
             embedder: Embedder | None = None) -> Review:
        """Open the review stored at ``path`` (a ``.duckdb`` file, created if ``create``).

        Raises:
            ReviewStoreError: see :class:`~evidence_lab.store.ReviewStore`.
        """
        return cls(ReviewStore(path, create=create), embedder=embedder)

    @property
    def path(self) -> Path:
        """The store's file."""
        return self.store.path

    def close(self) -> None:
        """Close the store so that other programs can open it."""
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        calls = self.store.calls()
        return (f"Review({str(self.path)!r}: {len(calls)} call(s), "
                f"{int(calls['n_submissions'].sum())} submissions, "
                f"{int(calls['n_segments'].sum())} statements)")

    # --- calls -------------------------------------------------------------------------------

    def add_call(self, inputs: Sequence[str | Path] | str | Path, name: str | None = None, *,
                 show_progress: bool = True) -> CallSummary:
        """Ingest a call for evidence: store its new submissions, their statements and vectors.

        A submission already stored (same ``submission_id``, same text) is skipped; a new text whose
        id is taken is stored as ``<id>-c<call_id>``. Only statements whose (text, model) has no
        vector in the store are embedded. Nothing is stored unless everything is.

        Args:
            inputs: files and/or folders, as for :func:`evidence_lab.ingest.read_inputs`.
            name: the call's name; default the folder's (or file's) name. Submissions added under the
                name of a call already in the review join that call (a call that grows over weeks).
            show_progress: show progress bars and report skipped files on stderr.

        Raises:
            NoInputError: when no input could be read.
        """
        paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
        if not paths:
            raise ReviewStoreError("add_call needs at least one file or folder of submissions")
        name = (name or _call_name(paths)).strip()
        if not name:
            raise ReviewStoreError("the call's name is empty; pass a name such as 'October call'")
        ingest = read_inputs(paths, quiet=not show_progress)
        subs = ingest.submissions.copy()
        subs["source_id"] = subs["submission_id"]
        stored = self.store.submission_keys()
        is_new = [(sid, content_hash(text)) not in stored
                  for sid, text in zip(subs["submission_id"], subs["text"], strict=True)]
        new = subs[is_new].reset_index(drop=True)
        existing = self.store.call_id(name)
        call_id = existing if existing is not None else self.store.next_call_id()
        summary = CallSummary(call_id=None, name=name, existing_call=existing is not None,
                              n_submissions=0, n_already_stored=len(subs) - len(new),
                              skipped=list(ingest.skipped))
        if new.empty:
            return summary
        taken = self.store.submission_ids()
        renamed: dict[str, str] = {}
        final_ids = []
        for sid in new["submission_id"]:
            final = sid
            if final in taken:
                final = f"{sid}-c{call_id}"
                while final in taken:
                    final += "x"
                renamed[sid] = final
            taken.add(final)
            final_ids.append(final)
        new["submission_id"] = final_ids
        segs = segment(new, show_progress=show_progress)
        before = self._embedder.n_encoded
        self._embedder.encode(segs["text"].tolist(), show_progress=show_progress)  # stored first
        with self.store.transaction():
            self.store.add_call(call_id, name, [str(Path(p).resolve()) for p in paths], ingest.files,
                                [{"path": s.path, "reason": s.reason} for s in ingest.skipped])
            self.store.add_submissions(new, call_id)
            self.store.add_segments(segs, call_id)
        return dataclasses.replace(summary, call_id=call_id, n_submissions=len(new), renamed=renamed,
                                   n_segments=len(segs),
                                   n_embedded=self._embedder.n_encoded - before)

    def calls(self) -> pd.DataFrame:
        """One row per call (see :meth:`ReviewStore.calls`)."""
        return self.store.calls()

    def runs(self) -> pd.DataFrame:
        """One row per analysis run (see :meth:`ReviewStore.runs`)."""
        return self.store.runs()

    # --- analysis ----------------------------------------------------------------------------

    @staticmethod
    def _discoverer_name(book: Codebook) -> str:
        return f"discoverer:{book.sha256[:16]}"

    def _discoverer(self, book: Codebook) -> Any:
        """The themes discovered in earlier runs (their ids stay), or None on the first run."""
        data = self.store.read_artifact(self._discoverer_name(book))
        return None if data is None else pickle.loads(data)  # noqa: S301 - our own store

    def analyse(self, codebook: Codebook | str | Path | None = None, discover: bool = False, *,
                show_progress: bool = True, random_state: int = 0) -> Analysis:
        """Analyse every call in the review, reusing stored statements and vectors.

        Models are fitted on the shipped corpus plus the review's corrections, and each corrected
        statement keeps the officer's label. Drafted findings are merged with the stored ones: a
        finding keeps its status and edited text; a reviewed one whose statements changed is
        flagged ``needs_review``. A finding that is new but shares most statements with a reviewed
        one that was not drafted again inherits its status, flagged ``needs_review``.

        Args:
            codebook: a :class:`Codebook` or YAML path; None uses the shipped default.
            discover: group by themes discovered in the data instead of the codebook's.
            show_progress: show progress bars.
            random_state: seed for theme discovery.

        Returns:
            The :class:`Analysis`; its ``findings`` carry ``status``, ``edited_text`` and
            ``needs_review``, an edited finding's ``text`` is the officer's, and rejected findings
            are left out (they stay in :meth:`findings`).

        Raises:
            ReviewStoreError: when the review holds no submissions yet.
        """
        book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        subs = self.store.submissions()
        if subs.empty:
            raise ReviewStoreError(f"{self.path} holds no submissions yet; add a call first: "
                                   f"evidence-lab ingest CALL_FOLDER --review {self.path}")
        segs = self.store.segments()
        corrections, labels, ignored = self._effective_corrections(book)
        calls = self.store.calls()
        begun = {"mode": "discover" if discover else "codebook",
                 "codebook": {"name": book.name, "source": book.source, "sha256": book.sha256},
                 "calls": calls["call_id"].tolist(), "counts": {"submissions": len(subs),
                                                                "segments": len(segs)}}
        run_id = self.store.start_run(begun)
        try:
            vectors = self._embedder.encode(segs["text"].tolist(), show_progress=show_progress)
            discoverer = self._discoverer(book) if discover else None
            analysis = analyse_inputs(
                subs[SUBMISSION_COLUMNS], codebook=book, discover=discover, corrections=corrections,
                labels=labels, embedder=self._embedder, segments=segs[SEGMENT_COLUMNS],
                vectors=vectors, show_progress=show_progress, random_state=random_state,
                discoverer=discoverer)
            shown, rows = self._merge_findings(analysis.findings)
            run = dict(analysis.run)
            run["input_files"] = [f for files in calls["files"] for f in files]
            run["skipped_files"] = [s for skipped in calls["skipped"] for s in skipped]
            run["review"] = {"path": str(self.path.resolve()), "run_id": run_id,
                             "calls": calls[["call_id", "name"]].to_dict("records"),
                             "corrections": 0 if labels is None else len(labels),
                             "corrections_ignored": ignored}
            run["counts"] = {**run["counts"],
                             "findings": int((shown["kind"] == "finding").sum()),
                             "recommendations": int((shown["kind"] == "recommendation").sum()),
                             "rejected": int((rows["current"] & (rows["status"] == "rejected")).sum()),
                             "needs_review": int((rows["current"] & rows["needs_review"]).sum())}
            theme_labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"], strict=True))
            seg_labels = analysis.segments[["segment_id", "primary_theme", "pcc_sentiment"]].copy()
            seg_labels["theme_label"] = seg_labels["primary_theme"].map(
                lambda t: theme_labels.get(t, book.label_of(t) if t in book.theme_ids else t))
            with self.store.transaction():
                if discover and analysis.discoverer is not None:
                    self.store.write_artifact(self._discoverer_name(book),
                                              pickle.dumps(analysis.discoverer))
                self.store.write_findings(rows)
                self.store.write_labels(seg_labels, run_id)
                self.store.finish_run(run_id, "completed", run)
        except BaseException as exc:
            status: RunStatus = "failed" if isinstance(exc, Exception) else "interrupted"
            with contextlib.suppress(Exception):  # the original error is the one to report
                self.store.finish_run(run_id, status,
                                      {**begun, "error": f"{type(exc).__name__}: {exc}"})
            raise
        segments = analysis.segments.copy()
        segments["call_id"] = segments["segment_id"].map(dict(zip(segs["segment_id"], segs["call_id"],
                                                                  strict=True)))
        by = {} if labels is None else dict(zip(labels["segment_id"], labels["corrected_by"],
                                                strict=True))
        segments["corrected_by"] = [by.get(s, "") for s in segments["segment_id"]]
        submissions = analysis.submissions.copy()
        submissions["call_id"] = submissions["submission_id"].map(
            dict(zip(subs["submission_id"], subs["call_id"], strict=True)))
        return dataclasses.replace(analysis, findings=shown, run=run, segments=segments,
                                   submissions=submissions)

    def _effective_corrections(self, book: Codebook
                               ) -> tuple[pd.DataFrame | None, pd.DataFrame | None, list[dict]]:
        """(training rows, per-statement labels, ignored corrections): the latest label per field."""
        history = self.store.corrections()
        if history.empty:
            return None, None, []
        history = history.sort_values("correction_id")
        valid = {*book.theme_ids, OTHER_THEME}
        bad = history["theme"].notna() & ~history["theme"].isin(valid)
        ignored = [{"correction_id": int(r["correction_id"]), "segment_id": r["segment_id"],
                    "theme": r["theme"], "reason": f"theme not in codebook {book.name!r}"}
                   for r in _records(history[bad])]
        history = history.assign(theme=history["theme"].where(~bad))
        latest = history.groupby("segment_id", sort=False).agg(
            text=("text", "last"), theme=("theme", "last"), pcc_sentiment=("pcc_sentiment", "last"),
            corrected_by=("corrected_by", "last")).reset_index()  # "last" skips missing labels
        latest = latest[latest["theme"].notna() | latest["pcc_sentiment"].notna()]
        if latest.empty:
            return None, None, ignored
        training = latest[["text", "theme", "pcc_sentiment"]].reset_index(drop=True)
        return training, latest[["segment_id", "theme", "pcc_sentiment", "corrected_by"]], ignored

    def _merge_findings(self, drafted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(findings to show, rows to store): drafted findings merged with the stored decisions."""
        now = pd.Timestamp.now().floor("s")
        stored = self.store.findings()
        by_id = {r["finding_id"]: r for r in _records(stored)}
        drafted_ids = set(drafted["finding_id"])
        continued = {r["previous_finding_id"] for r in by_id.values() if r["previous_finding_id"]}
        orphans = [r for r in by_id.values() if r["finding_id"] not in drafted_ids
                   and r["status"] != "draft" and r["finding_id"] not in continued]
        rows = []
        for new in _records(drafted):
            basis = basis_hash(new["segment_ids"])
            old = by_id.get(new["finding_id"])
            successor_of = None
            if old is None:
                old = _predecessor(new, orphans)
                if old is not None:
                    orphans.remove(old)
                    successor_of = old["finding_id"]
            row = {"finding_id": new["finding_id"], "kind": new["kind"], "theme": new["theme"],
                   "stance": new["stance"], "text": new["text"], "segment_ids": new["segment_ids"],
                   "basis_hash": basis, "current": True, "updated_at": now}
            if old is None:
                row.update(status="draft", edited_text=None, needs_review=False,
                           previous_segment_ids=None, previous_finding_id=None)
            else:
                changed = old["basis_hash"] != basis or successor_of is not None
                reviewed = old["status"] != "draft"
                row.update(status=old["status"], edited_text=_text_or_none(old["edited_text"]),
                           needs_review=bool(old["needs_review"]) or (changed and reviewed),
                           previous_segment_ids=old["segment_ids"] if changed
                           else _text_or_none(old["previous_segment_ids"]),
                           previous_finding_id=successor_of or _text_or_none(old["previous_finding_id"]))
                if not changed and old["text"] == new["text"] and old["current"]:
                    row["updated_at"] = old["updated_at"]
            rows.append(row)
        for old in _records(stored):  # kept with the officer's decision, no longer drafted
            if old["finding_id"] not in drafted_ids:
                rows.append({**old, "current": False})
        table = pd.DataFrame(rows, columns=FINDING_STORE_COLUMNS)
        table["needs_review"] = table["needs_review"].astype(bool)
        table["current"] = table["current"].astype(bool)

        decided = table[table["current"]].set_index("finding_id")
        shown = drafted.copy()
        shown["status"] = shown["finding_id"].map(decided["status"])
        shown["edited_text"] = shown["finding_id"].map(decided["edited_text"])
        shown["needs_review"] = shown["finding_id"].map(decided["needs_review"]).astype(bool)
        edited = shown["edited_text"].notna()
        shown.loc[edited, "text"] = shown.loc[edited, "edited_text"]
        shown = shown[shown["status"] != "rejected"].reset_index(drop=True)
        return shown, table

    # --- officers' decisions -----------------------------------------------------------------

    def relabel(self, segment_id: str, theme: str | None = None, pcc_sentiment: str | None = None,
                by: str = "officer") -> int:
        """Correct one statement's theme and/or stance; the next :meth:`analyse` uses it.

        The statement keeps the officer's label, and the models are refitted with it as a training
        row. Returns the ``correction_id``.

        Raises:
            ReviewStoreError: for an unknown statement, a theme not in the codebook of the latest
                run, a stance not among positive/negative/mixed/neutral, or no label at all.
        """
        if theme is None and pcc_sentiment is None:
            raise ReviewStoreError("relabel needs a theme and/or a stance (pcc_sentiment) to set")
        segment_row = self.store.segment(segment_id)
        if pcc_sentiment is not None and pcc_sentiment not in SENTIMENT_LABELS:
            raise ReviewStoreError(f"stance must be one of {', '.join(SENTIMENT_LABELS)}, "
                                   f"not {pcc_sentiment!r}")
        if theme is not None:
            book = self._latest_codebook()
            valid = [*book.theme_ids, OTHER_THEME]
            if theme not in valid:
                raise ReviewStoreError(f"theme must be one of {', '.join(valid)} (codebook "
                                       f"{book.name!r}), not {theme!r}")
        if not str(by).strip():
            raise ReviewStoreError("relabel needs the name of who corrected it (by=...)")
        return self.store.add_correction(segment_id, segment_row["text"], theme, pcc_sentiment,
                                         str(by).strip())

    def _latest_codebook(self) -> Codebook:
        runs = self.store.runs()
        done = runs[runs["status"] == "completed"]
        if len(done):
            source = done.iloc[-1]["manifest"].get("codebook", {}).get("source", "default")
            if source != "default" and Path(source).is_file():
                return load_codebook(source)
        return load_codebook()

    def corrections(self) -> pd.DataFrame:
        """Every correction, oldest first (``correction_id``, ``segment_id``, ``text``, ``theme``,
        ``pcc_sentiment``, ``corrected_by``, ``corrected_at``)."""
        return self.store.corrections()

    def findings(self) -> pd.DataFrame:
        """Every finding drafted in the review with its decision (columns
        :data:`~evidence_lab.store.FINDING_STORE_COLUMNS`); ``current`` marks those drafted by the
        latest run."""
        return self.store.findings()

    def accept(self, finding_id: str) -> None:
        """Sign off a finding as it now reads (an edited finding keeps its edit); clears
        ``needs_review``."""
        row = self.store.finding(finding_id)
        if _text_or_none(row["edited_text"]) is not None:
            self.store.set_finding(finding_id, status="edited", keep_edit=True)
        else:
            self.store.set_finding(finding_id, status="accepted")

    def edit(self, finding_id: str, text: str) -> None:
        """Replace a finding's text with the officer's; clears ``needs_review``."""
        if not str(text).strip():
            raise ReviewStoreError(f"the new text of {finding_id} is empty; to drop a finding "
                                   "reject it instead")
        self.store.set_finding(finding_id, status="edited", edited_text=str(text).strip())

    def reject(self, finding_id: str) -> None:
        """Leave a finding out of the draft from now on (kept in :meth:`findings`)."""
        self.store.set_finding(finding_id, status="rejected", keep_edit=True)

    # --- what changed ------------------------------------------------------------------------

    def diff(self) -> ReviewDiff:
        """What the latest call changed compared with the review before it, by the latest run's labels.

        Raises:
            ReviewStoreError: when the review has no calls, or the latest call was added after the
                latest run (run :meth:`analyse` first).
        """
        calls = self.store.calls()
        if calls.empty:
            raise ReviewStoreError(f"{self.path} has no calls yet; add one with "
                                   f"evidence-lab ingest CALL_FOLDER --review {self.path}")
        latest = calls.iloc[-1]
        labelled = self.store.labels()
        if labelled["run_id"].isna().any():
            raise ReviewStoreError(
                f"call {latest['call_id']} '{latest['name']}' has statements the latest run did not "
                f"label; analyse the review first: evidence-lab analyse --review {self.path} --out DIR")
        before = labelled[labelled["call_id"] < latest["call_id"]]
        names = labelled.drop_duplicates("primary_theme").set_index("primary_theme")["theme_label"]

        def per_theme(frame: pd.DataFrame) -> pd.DataFrame:
            groups = frame.groupby("primary_theme")
            return pd.DataFrame({"statements": groups.size(), "organisations": groups["organisation"]
                                 .nunique(), "positive": groups["pcc_sentiment"].agg(
                                     lambda s: int((s == "positive").sum())),
                                 "negative": groups["pcc_sentiment"].agg(
                                     lambda s: int((s == "negative").sum()))})

        old, new = per_theme(before), per_theme(labelled)
        both = new.add_suffix("_after").join(old.add_suffix("_before"), how="outer").fillna(0)
        both = both.astype(int).sort_values(["statements_after", "statements_before"],
                                            ascending=False, kind="stable")
        both.index.name = "theme"
        both = both.reset_index()
        both["label"] = both["theme"].map(names).fillna(both["theme"])
        both["change"] = both["statements_after"] - both["statements_before"]
        theme_counts = both[["theme", "label", "statements_before", "statements_after", "change",
                             "organisations_before", "organisations_after"]]
        stance = both[["theme", "label", "positive_before", "negative_before", "positive_after",
                       "negative_after"]].copy()
        for when in ("before", "after"):
            n = both[f"statements_{when}"].where(both[f"statements_{when}"] > 0)
            stance[f"net_{when}"] = ((both[f"positive_{when}"] - both[f"negative_{when}"]) / n).round(2)
        stance["shift"] = (stance["net_after"] - stance["net_before"]).round(2)
        fresh = both[(both["statements_before"] == 0) & (both["statements_after"] > 0)
                     & ~both["theme"].isin(_NO_THEMES)]
        new_themes = fresh.rename(columns={"statements_after": "statements",
                                           "organisations_after": "organisations"})[
            ["theme", "label", "statements", "organisations"]].reset_index(drop=True)

        subs = self.store.submissions()
        known = set(subs.loc[subs["call_id"] < latest["call_id"], "organisation"].map(_org_key))
        latest_subs = subs[(subs["call_id"] == latest["call_id"])
                           & ~subs["organisation"].map(_org_key).isin(known)]
        new_orgs = latest_subs.groupby("organisation", sort=False).agg(
            respondent_type=("respondent_type", "first"),
            n_submissions=("submission_id", "size")).reset_index()
        return ReviewDiff(call_id=int(latest["call_id"]), call_name=str(latest["name"]),
                          run_id=int(labelled["run_id"].max()), new_organisations=new_orgs,
                          theme_counts=theme_counts.reset_index(drop=True),
                          stance_shifts=stance.reset_index(drop=True), new_themes=new_themes)


def _call_name(paths: Sequence[str | Path]) -> str:
    resolved = [Path(p).resolve() for p in paths]
    if len(resolved) == 1:
        return resolved[0].stem if resolved[0].is_file() else resolved[0].name
    if len({p.parent for p in resolved}) == 1 and all(p.is_file() for p in resolved):
        return resolved[0].parent.name
    return " + ".join(p.name for p in resolved)


def _org_key(name: Any) -> str:
    return " ".join(str(name).split()).casefold()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _predecessor(new: dict[str, Any], orphans: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The reviewed finding, not drafted again, that ``new`` most likely continues (or None)."""
    ids = set(new["segment_ids"].split(";"))
    best, best_overlap = None, SUCCESSOR_OVERLAP
    for old in orphans:
        if old["kind"] != new["kind"] or old["theme"] != new["theme"]:
            continue
        old_ids = set(str(old["segment_ids"]).split(";"))
        overlap = len(ids & old_ids) / len(ids | old_ids)
        if overlap >= best_overlap:
            best, best_overlap = old, overlap
    return best


__all__ = ["CallSummary", "Review", "ReviewDiff"]
