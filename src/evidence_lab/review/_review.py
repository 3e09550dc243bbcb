"""A review: its calls for evidence in one store, analysed incrementally, with officers' decisions kept.

    >>> from evidence_lab.review import Review
    >>> with Review.open("reviews/ravensmoor.duckdb") as review:      # doctest: +SKIP
    ...     print(review.add_call(["calls/october"], name="October call"))
    ...     analysis = review.analyse()
    ...     review.accept("F-1a2b3c4d")
    ...     review.relabel("coldwater_csp:12", pcc_sentiment="negative")
    ...     print(review.diff())

Each call is ingested and segmented once; each distinct statement is embedded once per model and
parsed once for the findings' checks (the vectors and the parse readings live in the store), so a
re-run costs only model fitting and the cheap stages. Findings
keep the officer's decision (accepted, edited, rejected) from run to run, and a reviewed finding
whose evidence changed is flagged ``needs_review`` rather than silently rewritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Self

import pandas as pd

from ..analysis import Analysis
from ..codebook import OTHER_THEME, Codebook, load_codebook
from ..embed import Embedder, resolve_embedder
from ..errors import ReviewStoreError
from ..schema import SENTIMENT_LABELS, stance_label
from ..store import ReviewStore
from ._calls import CallSummary, add_call
from ._coding import RelabelResult, relabel_many, suggest
from ._diff import ReviewDiff, review_diff
from ._embedder import StoreEmbedder
from ._frames import text_or_none
from ._run import analyse_review


class Review:
    """A scrutiny review held in one :class:`~evidence_lab.store.ReviewStore` file.

    Args:
        store: the open store.
        embedder: embedding backend; None uses the bundled MiniLM model. Vectors are cached in the
            store under the embedder's ``name``.
    """

    def __init__(self, store: ReviewStore, *, embedder: Embedder | None = None) -> None:
        self.store = store
        self._embedder = StoreEmbedder(resolve_embedder(embedder), store)

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
        return add_call(self.store, self._embedder, inputs, name, show_progress=show_progress)

    def calls(self) -> pd.DataFrame:
        """One row per call (see :meth:`ReviewStore.calls`)."""
        return self.store.calls()

    def runs(self) -> pd.DataFrame:
        """One row per analysis run (see :meth:`ReviewStore.runs`)."""
        return self.store.runs()

    # --- analysis ----------------------------------------------------------------------------

    def analyse(self, codebook: Codebook | str | Path | None = None, discover: bool = False, *,
                show_progress: bool = True, random_state: int = 0,
                write: Callable[[Analysis], object] | None = None) -> Analysis:
        """Analyse every call in the review, reusing stored statements and vectors.

        Models are fitted on the shipped corpus plus the review's corrections, and each corrected
        statement keeps the officer's label. When nothing the run reads has changed since the last
        run (statements, corrections, codebook, options, the package), the stored result is reused
        and only the officers' latest decisions on findings are merged in. Drafted findings are merged with the stored ones: a
        finding keeps its status and edited text; a reviewed one whose statements changed is
        flagged ``needs_review``. A finding that is new but shares most statements with a reviewed
        one that was not drafted again inherits its status, flagged ``needs_review``.

        Args:
            codebook: a :class:`Codebook` or YAML path; None uses the shipped default.
            discover: group by themes discovered in the data instead of the codebook's.
            show_progress: show progress bars.
            random_state: seed for theme discovery.
            write: called with the result before the run is marked completed in the review,
                e.g. ``lambda a: el.write_outputs(a, "out")``: a run whose outputs were not
                written is never recorded as completed.

        Returns:
            The :class:`Analysis`; its ``findings`` carry ``status``, ``edited_text`` and
            ``needs_review``, an edited finding's ``text`` is the officer's, and rejected findings
            are left out (they stay in :meth:`findings`).

        Raises:
            ReviewStoreError: when the review holds no submissions yet.
        """
        book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        return analyse_review(self.store, self._embedder, book, discover=discover,
                              show_progress=show_progress, random_state=random_state, write=write)

    # --- officers' decisions -----------------------------------------------------------------

    def relabel(self, segment_id: str, theme: str | None = None, pcc_sentiment: str | None = None,
                by: str = "officer") -> int:
        """Correct one statement's theme and/or stance; the next :meth:`analyse` uses it.

        The statement keeps the officer's label, and the review's correction layer learns from it
        (see :mod:`evidence_lab.adapt`). Returns the ``correction_id``.

        Raises:
            ReviewStoreError: for an unknown statement, a theme not in the codebook of the latest
                run (by id or label, any case), a stance not among positive/negative/mixed/neutral
                (any case), or no label at all.
        """
        if theme is None and pcc_sentiment is None:
            raise ReviewStoreError("relabel needs a theme and/or a stance (pcc_sentiment) to set")
        segment_row = self.store.segment(segment_id)
        if pcc_sentiment is not None:  # in any case; the unknown kept for the message
            pcc_sentiment = stance_label(pcc_sentiment) or pcc_sentiment
        if pcc_sentiment is not None and pcc_sentiment not in SENTIMENT_LABELS:
            raise ReviewStoreError(f"stance must be one of {', '.join(SENTIMENT_LABELS)}, "
                                   f"not {pcc_sentiment!r}")
        if theme is not None:
            book = self._latest_codebook()
            valid = [*book.theme_ids, OTHER_THEME]
            theme = book.theme_id_of(theme) or theme  # its label, or in another case
            if theme not in valid:
                raise ReviewStoreError(f"theme must be one of {', '.join(valid)} (codebook "
                                       f"{book.name!r}), not {theme!r}")
        if not str(by).strip():
            raise ReviewStoreError("relabel needs the name of who corrected it (by=...)")
        return self.store.add_correction(segment_id, segment_row["text"], theme, pcc_sentiment,
                                         str(by).strip())

    def relabel_many(self, frame: pd.DataFrame, by: str = "officer") -> RelabelResult:
        """Record many officers' labels at once (a coding spreadsheet, or :meth:`suggest`'s output).

        Args:
            frame: ``segment_id`` (or ``text``, matched to the review's statements with white space
                and case folded), ``theme`` and/or ``pcc_sentiment``, optionally ``note``. Blank
                labels are left as they are.
            by: who coded them.

        Returns:
            A :class:`RelabelResult`: the correction ids, and each rejected row with its reason
            (the good rows are recorded all the same).
        """
        return relabel_many(self.store, frame, self._latest_codebook(), by=by)

    def suggest(self, n: int = 30, *, codebook: Codebook | str | Path | None = None,
                random_state: int = 0, redact: bool = True) -> pd.DataFrame:
        """The ``n`` statements whose coding would teach the review's models most, in coding order.

        Uncertain (the models' two likeliest labels are close), representative (central in a
        large group of similar statements) and diverse (one per group of a k-means split into
        ``n``); statements already corrected are left out. Analyses the review first (the stored
        run is reused when nothing changed).

        Returns:
            ``segment_id``, ``text`` (personal data redacted unless ``redact=False``), ``theme`` and
            ``pcc_sentiment`` (the tool's current labels, for the officer to keep or change) and a
            blank ``note``: the columns :meth:`relabel_many` reads back.
        """
        analysis = self.analyse(codebook or self._latest_codebook(), show_progress=False)
        corrected = set(self.store.corrections()["segment_id"])
        return suggest(analysis, corrected, n, random_state=random_state, redact=redact)

    def _latest_codebook(self) -> Codebook:
        source = self.store.latest_manifest().get("codebook", {}).get("source", "default")
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
        if text_or_none(row["edited_text"]) is not None:
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
        return review_diff(self.store)
