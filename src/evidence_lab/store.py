"""The review store: one DuckDB file holding everything a review gathers over its calls for evidence.

A scrutiny review lives for months and takes several calls for evidence. :class:`ReviewStore` keeps
them in one file (e.g. ``reviews/ravensmoor.duckdb``) so each new call only costs what is new:

schema_version  ``version``, ``applied_at``: one row per applied migration.
calls           ``call_id``, ``name``, ``added_at``, ``inputs`` (JSON list of the paths given),
                ``files`` (JSON list of files read), ``skipped`` (JSON list of {path, reason}).
submissions     ``submission_id``, ``call_id``, ``source_id`` (the id ingest gave it),
                ``organisation``, ``respondent_type``, ``source``, ``text``, ``metadata`` (JSON),
                ``content_hash`` (:func:`content_hash` of ``text``), ``seq`` (insertion order).
segments        the segment columns of :mod:`evidence_lab.schema`, plus ``call_id``, ``text_key``
                (:func:`evidence_lab.embed.text_key` of ``text``) and ``seq``.
embeddings      ``key`` (:func:`~evidence_lab.embed.text_key`), ``model`` (embedder name),
                ``vector`` FLOAT[384]; one row per distinct text and model.
readings        ``key`` (:func:`~evidence_lab.embed.text_key` of the text parsed), ``reader``
                (the parser and the reading's version), ``reading`` (JSON): what the findings
                read from a statement's parse, so each text is parsed once per review.
corrections     ``correction_id``, ``segment_id``, ``text``, ``theme``, ``pcc_sentiment``,
                ``corrected_by``, ``corrected_at``: officers' relabelled statements, oldest first.
findings        ``finding_id``, ``kind``, ``theme``, ``stance``, ``text`` (as drafted),
                ``edited_text``, ``status`` (draft/accepted/edited/rejected), ``segment_ids``
                (";"-joined), ``basis_hash``, ``needs_review``, ``current`` (drafted by the latest
                run), ``previous_segment_ids``, ``previous_finding_id``, ``updated_at``.
segment_labels  ``segment_id``, ``run_id``, ``primary_theme``, ``theme_label``, ``pcc_sentiment``:
                each statement's labels from the latest completed run (used by ``diff``).
runs            ``run_id``, ``started``, ``finished``, ``status`` (running/completed/failed/
                interrupted), ``manifest`` (JSON).

Every write happens in a transaction (:meth:`ReviewStore.transaction`), so a run that dies half-way
leaves the file as it was before the transaction began.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, Self

import duckdb
import numpy as np
import pandas as pd

from .embed import EMBEDDING_DIM, text_key
from .errors import ReviewStoreError
from .schema import SEGMENT_COLUMNS

#: The schema this version of evidence_lab writes; older files are migrated on open.
SCHEMA_VERSION = 3
FINDING_STATUSES = ("draft", "accepted", "edited", "rejected")
RUN_STATUSES = ("running", "completed", "failed", "interrupted")
FindingStatus = Literal["draft", "accepted", "edited", "rejected"]
RunStatus = Literal["running", "completed", "failed", "interrupted"]

_TABLES_V1 = [
    """CREATE TABLE calls (
        call_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL UNIQUE, added_at TIMESTAMP NOT NULL,
        inputs JSON NOT NULL, files JSON NOT NULL, skipped JSON NOT NULL)""",
    """CREATE TABLE submissions (
        submission_id VARCHAR PRIMARY KEY, call_id INTEGER NOT NULL, source_id VARCHAR NOT NULL,
        organisation VARCHAR, respondent_type VARCHAR, source VARCHAR, text VARCHAR NOT NULL,
        metadata JSON, content_hash VARCHAR NOT NULL, seq BIGINT NOT NULL)""",
    """CREATE TABLE segments (
        segment_id VARCHAR PRIMARY KEY, submission_id VARCHAR NOT NULL, call_id INTEGER NOT NULL,
        text VARCHAR NOT NULL, start_char BIGINT NOT NULL, end_char BIGINT NOT NULL, page BIGINT,
        paragraph BIGINT NOT NULL, text_key VARCHAR NOT NULL, seq BIGINT NOT NULL)""",
    f"""CREATE TABLE embeddings (
        key VARCHAR NOT NULL, model VARCHAR NOT NULL, vector FLOAT[{EMBEDDING_DIM}] NOT NULL,
        PRIMARY KEY (key, model))""",
    """CREATE TABLE corrections (
        correction_id INTEGER PRIMARY KEY, segment_id VARCHAR NOT NULL, text VARCHAR NOT NULL,
        theme VARCHAR, pcc_sentiment VARCHAR, corrected_by VARCHAR NOT NULL,
        corrected_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE findings (
        finding_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, theme VARCHAR, stance VARCHAR,
        text VARCHAR NOT NULL, edited_text VARCHAR, status VARCHAR NOT NULL, segment_ids VARCHAR NOT NULL,
        basis_hash VARCHAR NOT NULL, needs_review BOOLEAN NOT NULL, current BOOLEAN NOT NULL,
        previous_segment_ids VARCHAR, previous_finding_id VARCHAR, updated_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE segment_labels (
        segment_id VARCHAR PRIMARY KEY, run_id INTEGER NOT NULL, primary_theme VARCHAR,
        theme_label VARCHAR, pcc_sentiment VARCHAR)""",
    """CREATE TABLE runs (
        run_id INTEGER PRIMARY KEY, started TIMESTAMP NOT NULL, finished TIMESTAMP,
        status VARCHAR NOT NULL, manifest JSON NOT NULL)""",
]
#: SQL that takes a file from schema version ``n`` to ``n + 1`` (version 1 is the first).
MIGRATIONS: dict[int, list[str]] = {
    # v2: fitted objects a review reuses across runs (the discovered themes, so ids stay stable)
    1: ["""CREATE TABLE artifacts (name VARCHAR PRIMARY KEY, data BLOB NOT NULL,
           updated_at TIMESTAMP NOT NULL)"""],
    # v3: the findings' parse readings, kept like the vectors so a new call parses only its text
    2: ["""CREATE TABLE readings (key VARCHAR NOT NULL, reader VARCHAR NOT NULL,
           reading VARCHAR NOT NULL, PRIMARY KEY (key, reader))"""],
}

FINDING_STORE_COLUMNS = ["finding_id", "kind", "theme", "stance", "text", "edited_text", "status",
                         "segment_ids", "basis_hash", "needs_review", "current", "previous_segment_ids",
                         "previous_finding_id", "updated_at"]


def content_hash(text: str) -> str:
    """SHA-256 of a submission's exact text: the same id and hash mean "already stored"."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def basis_hash(segment_ids: str | Iterable[str]) -> str:
    """Hash of the set of statements a finding rests on (order does not matter)."""
    ids = segment_ids.split(";") if isinstance(segment_ids, str) else list(segment_ids)
    return hashlib.sha1(";".join(sorted(i for i in ids if i)).encode("utf-8")).hexdigest()[:16]


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _listing(ids: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(map(str, ids[:limit]))
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "") if ids else "none"


class ReviewStore:
    """One review's DuckDB file: calls, submissions, segments, cached embeddings, officers'
    corrections, findings with their review status, and the runs made.

    Args:
        path: the ``.duckdb`` file; its folder is created when ``create`` is True.
        create: create the file when it does not exist (default True); when False a missing file
            raises :class:`ReviewStoreError`.

    Raises:
        ReviewStoreError: when the file is missing (and ``create`` is False), is not a review
            store, was written by a newer evidence_lab, or is open in another program.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise ReviewStoreError(
                f"no review store at {self.path}; create one by adding a call: "
                f"evidence-lab ingest CALL_FOLDER --review {self.path}")
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = self._connect()
        self._depth = 0
        try:
            self._prepare()
        except BaseException:
            self._con.close()
            raise

    # --- connection and schema ---------------------------------------------------------------

    def _connect(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path))
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise ReviewStoreError(
                    f"{self.path} is open in another program (a notebook or another evidence-lab "
                    "command); close it there (Review.close()) and try again") from None
            if "not a valid DuckDB database" in message:
                raise ReviewStoreError(
                    f"{self.path} is not a DuckDB file, so not a review store; pass the path of a "
                    "review store (.duckdb) or of a new file") from None
            raise ReviewStoreError(f"{self.path} cannot be opened ({message})") from None

    def _prepare(self) -> None:
        tables = {row[0] for row in self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if not tables:
            with self.transaction():
                self._con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, "
                                  "applied_at TIMESTAMP NOT NULL)")
                for statement in _TABLES_V1:
                    self._con.execute(statement)
                self._con.execute("INSERT INTO schema_version VALUES (?, ?)", [1, _now()])
        elif "schema_version" not in tables:
            raise ReviewStoreError(
                f"{self.path} is a DuckDB database but not an evidence_lab review store (it has no "
                "schema_version table); pass the path of a review store or of a new file")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise ReviewStoreError(
                f"{self.path} was written by a newer evidence_lab (schema version {version}; this "
                f"one reads up to {SCHEMA_VERSION}); upgrade evidence_lab to open it")
        while version < SCHEMA_VERSION:
            with self.transaction():
                for statement in MIGRATIONS[version]:
                    self._con.execute(statement)
                version += 1
                self._con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
        # DuckDB lets one process write at a time, so a run still "running" here died with its process
        with self.transaction():
            self._con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")

    def read_artifact(self, name: str) -> bytes | None:
        """The bytes stored under ``name``, or None."""
        rows = self._con.execute("SELECT data FROM artifacts WHERE name = ?", [name]).fetchall()
        return bytes(rows[0][0]) if rows else None

    def write_artifact(self, name: str, data: bytes) -> None:
        """Store ``data`` under ``name`` (replacing it), in the caller's transaction if any."""
        self._con.execute("DELETE FROM artifacts WHERE name = ?", [name])
        self._con.execute("INSERT INTO artifacts VALUES (?, ?, ?)", [name, data, _now()])

    @property
    def schema_version(self) -> int:
        """The schema version of the file."""
        return int(self._scalar("SELECT max(version) FROM schema_version"))

    def close(self) -> None:
        """Close the file (other programs may then open it)."""
        self._con.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ReviewStore({str(self.path)!r})"

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All writes inside happen together or not at all; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self._con
            finally:
                self._depth -= 1
            return
        self._con.begin()
        self._depth = 1
        try:
            yield self._con
        except BaseException:
            self._depth = 0
            self._con.rollback()
            raise
        self._depth = 0
        self._con.commit()

    def _insert(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        name = f"_incoming_{table}"
        self._con.register(name, frame)
        try:
            columns = ", ".join(frame.columns)
            self._con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {name}")
        finally:
            self._con.unregister(name)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, or None (the result is read to the end, as DuckDB requires)."""
        rows = self._con.execute(sql, list(params)).fetchall()
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The single value an aggregate query returns."""
        row = self._one(sql, params)
        assert row is not None, sql  # aggregates always return a row
        return row[0]

    def _next_id(self, table: str, column: str) -> int:
        return int(self._scalar(f"SELECT coalesce(max({column}), 0) + 1 FROM {table}"))

    # --- calls -------------------------------------------------------------------------------

    def call_id(self, name: str) -> int | None:
        """The id of the call called ``name``, or None."""
        row = self._one("SELECT call_id FROM calls WHERE name = ?", [name])
        return None if row is None else int(row[0])

    def next_call_id(self) -> int:
        """The id the next new call will get."""
        return self._next_id("calls", "call_id")

    def add_call(self, call_id: int, name: str, inputs: Sequence[str], files: Sequence[str],
                 skipped: Sequence[dict[str, str]]) -> int:
        """Record a new call, or add inputs, files and skipped files to the call ``call_id``."""
        with self.transaction() as con:
            row = self._one("SELECT inputs, files, skipped FROM calls WHERE call_id = ?", [call_id])
            if row is None:
                con.execute("INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?)",
                            [call_id, name, _now(), json.dumps(list(inputs)), json.dumps(list(files)),
                             json.dumps(list(skipped))])
            else:
                merged = [_merge(json.loads(old), new) for old, new in zip(row, (inputs, files, skipped),
                                                                           strict=True)]
                con.execute("UPDATE calls SET inputs = ?, files = ?, skipped = ? WHERE call_id = ?",
                            [*map(json.dumps, merged), call_id])
        return call_id

    def calls(self) -> pd.DataFrame:
        """One row per call: ``call_id``, ``name``, ``added_at``, ``n_submissions``,
        ``n_segments``, ``inputs``, ``files``, ``skipped`` (lists)."""
        frame = self._con.execute("""
            SELECT c.call_id, c.name, c.added_at,
                   (SELECT count(*) FROM submissions s WHERE s.call_id = c.call_id) AS n_submissions,
                   (SELECT count(*) FROM segments g WHERE g.call_id = c.call_id) AS n_segments,
                   c.inputs, c.files, c.skipped
            FROM calls c ORDER BY c.call_id""").df()
        for column in ("inputs", "files", "skipped"):
            frame[column] = frame[column].map(json.loads)
        return frame

    def require_call(self, call_id: int) -> None:
        """Raise :class:`ReviewStoreError` unless the call exists (the message lists those that do)."""
        ids = [str(r[0]) for r in self._con.execute("SELECT call_id FROM calls ORDER BY 1").fetchall()]
        if str(call_id) not in ids:
            raise ReviewStoreError(f"no call {call_id} in {self.path}; it holds calls {_listing(ids)}")

    # --- submissions and segments ------------------------------------------------------------

    def submission_keys(self) -> set[tuple[str, str]]:
        """(``source_id``, ``content_hash``) of every stored submission."""
        return {(a, b) for a, b in self._con.execute(
            "SELECT source_id, content_hash FROM submissions").fetchall()}

    def submission_ids(self) -> set[str]:
        """Every stored ``submission_id``."""
        return {r[0] for r in self._con.execute("SELECT submission_id FROM submissions").fetchall()}

    def add_submissions(self, frame: pd.DataFrame, call_id: int) -> None:
        """Store submissions (columns of :mod:`evidence_lab.schema` plus ``source_id``)."""
        with self.transaction():
            start = self._next_id("submissions", "seq")
            rows = pd.DataFrame({
                "submission_id": frame["submission_id"].astype(str).to_numpy(object),
                "call_id": call_id,
                "source_id": frame["source_id"].astype(str).to_numpy(object),
                "organisation": frame["organisation"].astype(str).to_numpy(object),
                "respondent_type": frame["respondent_type"].fillna("").astype(str).to_numpy(object),
                "source": frame["source"].astype(str).to_numpy(object),
                "text": frame["text"].to_numpy(object),
                "metadata": [json.dumps(m if isinstance(m, dict) else {}, default=str)
                             for m in frame["metadata"]],
                "content_hash": [content_hash(t) for t in frame["text"]],
                "seq": np.arange(start, start + len(frame), dtype=np.int64),
            })
            self._insert("submissions", rows)

    def submissions(self) -> pd.DataFrame:
        """Every stored submission (``metadata`` as a dict), in the order they were added."""
        frame = self._con.execute("""SELECT submission_id, organisation, respondent_type, source,
            text, metadata, call_id, source_id, content_hash FROM submissions ORDER BY seq""").df()
        frame["metadata"] = frame["metadata"].map(lambda m: json.loads(m) if m else {})
        return frame

    def content_digest(self) -> str:
        """Hash of every stored submission (id, text, sender) and statement: what a run reads."""
        parts = self._con.execute(
            """SELECT (SELECT md5(coalesce(string_agg(submission_id || '|' || content_hash || '|'
                          || coalesce(organisation, '') || '|' || coalesce(respondent_type, ''),
                          ',' ORDER BY seq), '')) FROM submissions),
                      (SELECT md5(coalesce(string_agg(segment_id || '|' || text_key, ','
                          ORDER BY seq), '')) FROM segments)""").fetchone()
        return "/".join(str(p) for p in (parts or ()))

    def add_segments(self, frame: pd.DataFrame, call_id: int) -> None:
        """Store segments (columns of :mod:`evidence_lab.schema`) of the call ``call_id``."""
        with self.transaction():
            start = self._next_id("segments", "seq")
            rows = frame[SEGMENT_COLUMNS].copy()
            for column in ("segment_id", "submission_id", "text"):
                rows[column] = rows[column].astype(str).to_numpy(object)
            rows["page"] = rows["page"].astype("Int64").astype(object).where(rows["page"].notna(), None)
            rows["call_id"] = call_id
            rows["text_key"] = [text_key(t) for t in rows["text"]]
            rows["seq"] = np.arange(start, start + len(rows), dtype=np.int64)
            self._insert("segments", rows)

    def segments(self) -> pd.DataFrame:
        """Every stored segment (columns of :mod:`evidence_lab.schema` plus ``call_id`` and
        ``text_key``), in the order they were added."""
        frame = self._con.execute(f"""SELECT {', '.join(SEGMENT_COLUMNS)}, call_id, text_key
            FROM segments ORDER BY seq""").df()
        frame["page"] = frame["page"].astype("Int64")
        frame[["start_char", "end_char", "paragraph"]] = frame[
            ["start_char", "end_char", "paragraph"]].astype("int64")
        return frame

    def segment(self, segment_id: str) -> dict[str, Any]:
        """One segment as a dict.

        Raises:
            ReviewStoreError: when no segment has that id (the message shows ids that exist).
        """
        frame = self._con.execute(f"SELECT {', '.join(SEGMENT_COLUMNS)}, call_id FROM segments "
                                  "WHERE segment_id = ?", [segment_id]).df()
        if frame.empty:
            sid = segment_id.rsplit(":", 1)[0]
            near = [r[0] for r in self._con.execute(
                "SELECT segment_id FROM segments WHERE submission_id = ? ORDER BY seq", [sid]).fetchall()]
            if near:
                hint = f"submission {sid} has statements {_listing(near)}"
            else:
                n = self._scalar("SELECT count(*) FROM segments")
                some = [r[0] for r in self._con.execute(
                    "SELECT segment_id FROM segments ORDER BY seq LIMIT 5").fetchall()]
                hint = f"it holds {n} statements, e.g. {_listing(some)}"
            raise ReviewStoreError(f"no statement {segment_id!r} in {self.path}; {hint} "
                                   "(the segment_id column of segments.csv)")
        return frame.iloc[0].to_dict()

    # --- embeddings --------------------------------------------------------------------------

    def vectors(self, keys: Iterable[str], model: str) -> dict[str, np.ndarray]:
        """Stored vectors of ``model`` for those of ``keys`` it has, by key."""
        wanted = pd.DataFrame({"key": pd.unique(np.asarray(list(keys), dtype=object))})
        if wanted.empty:
            return {}
        self._con.register("_wanted_keys", wanted)
        try:
            found = self._con.execute("""SELECT e.key, e.vector FROM embeddings e
                JOIN _wanted_keys w ON e.key = w.key WHERE e.model = ?""", [model]).fetchnumpy()
        finally:
            self._con.unregister("_wanted_keys")
        return {k: np.asarray(v, dtype=np.float32) for k, v in zip(found["key"], found["vector"],
                                                                   strict=True)}

    def add_vectors(self, keys: Sequence[str], vectors: np.ndarray, model: str) -> None:
        """Store vectors by key and model (keys already stored are left as they are).

        Raises:
            ReviewStoreError: when the vectors do not have the store's 384 dimensions.
        """
        vectors = np.asarray(vectors, dtype=np.float32)
        if len(keys) == 0:
            return
        if vectors.ndim != 2 or vectors.shape[1] != EMBEDDING_DIM:
            raise ReviewStoreError(
                f"{self.path} stores {EMBEDDING_DIM}-dimension embeddings, but embedder {model!r} "
                f"gave shape {vectors.shape}; use a {EMBEDDING_DIM}-dimension embedder with this review")
        frame = pd.DataFrame({"key": np.asarray(keys, dtype=object), "model": model,
                              "vector": list(vectors)}).drop_duplicates("key")
        with self.transaction() as con:
            con.register("_incoming_vectors", frame)
            try:
                con.execute(f"""INSERT INTO embeddings SELECT key, model, vector::FLOAT[{EMBEDDING_DIM}]
                    FROM _incoming_vectors ON CONFLICT DO NOTHING""")
            finally:
                con.unregister("_incoming_vectors")

    def n_vectors(self, model: str | None = None) -> int:
        """How many vectors are stored (for ``model``, or for every model)."""
        if model is None:
            return int(self._scalar("SELECT count(*) FROM embeddings"))
        return int(self._scalar("SELECT count(*) FROM embeddings WHERE model = ?", [model]))

    # --- parse readings ----------------------------------------------------------------------

    def readings(self, reader: str) -> dict[str, str]:
        """Every stored reading of ``reader`` (JSON text), by key."""
        return dict(self._con.execute("SELECT key, reading FROM readings WHERE reader = ?",
                                      [reader]).fetchall())

    def add_readings(self, readings: dict[str, str], reader: str) -> None:
        """Store readings (JSON text) by key for ``reader``; keys already stored are kept."""
        if not readings:
            return
        frame = pd.DataFrame({"key": np.asarray(list(readings), dtype=object), "reader": reader,
                              "reading": np.asarray(list(readings.values()), dtype=object)})
        with self.transaction() as con:
            con.register("_incoming_readings", frame)
            try:
                con.execute("""INSERT INTO readings SELECT key, reader, reading
                    FROM _incoming_readings ON CONFLICT DO NOTHING""")
            finally:
                con.unregister("_incoming_readings")

    def n_readings(self, reader: str | None = None) -> int:
        """How many readings are stored (of ``reader``, or of every reader)."""
        if reader is None:
            return int(self._scalar("SELECT count(*) FROM readings"))
        return int(self._scalar("SELECT count(*) FROM readings WHERE reader = ?", [reader]))

    # --- corrections -------------------------------------------------------------------------

    def add_correction(self, segment_id: str, text: str, theme: str | None,
                       pcc_sentiment: str | None, corrected_by: str) -> int:
        """Record an officer's relabelling of one statement; returns its ``correction_id``."""
        with self.transaction() as con:
            correction_id = self._next_id("corrections", "correction_id")
            con.execute("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [correction_id, segment_id, text, theme, pcc_sentiment, corrected_by, _now()])
        return correction_id

    def corrections(self) -> pd.DataFrame:
        """Every correction, oldest first (``correction_id``, ``segment_id``, ``text``, ``theme``,
        ``pcc_sentiment``, ``corrected_by``, ``corrected_at``)."""
        return self._con.execute("SELECT * FROM corrections ORDER BY correction_id").df()

    # --- findings ----------------------------------------------------------------------------

    def findings(self) -> pd.DataFrame:
        """Every finding ever drafted in this review (columns :data:`FINDING_STORE_COLUMNS`);
        current ones first, in the order they were written. ``segment_ids`` and
        ``previous_segment_ids`` are lists (None when a finding has no previous basis)."""
        frame = self._con.execute(
            "SELECT * FROM findings ORDER BY current DESC, rowid").df()[FINDING_STORE_COLUMNS]
        return _split_ids(frame)

    def finding(self, finding_id: str) -> dict[str, Any]:
        """One stored finding as a dict.

        Raises:
            ReviewStoreError: when no finding has that id (the message lists those that exist).
        """
        frame = self._con.execute("SELECT * FROM findings WHERE finding_id = ?", [finding_id]).df()
        if frame.empty:
            ids = [r[0] for r in self._con.execute(
                "SELECT finding_id FROM findings ORDER BY current DESC, rowid").fetchall()]
            hint = (f"it holds {_listing(ids)}" if ids else
                    "it holds no findings yet; run analyse on the review first")
            raise ReviewStoreError(f"no finding {finding_id!r} in {self.path}; {hint}")
        return _split_ids(frame).iloc[0].to_dict()

    def write_findings(self, frame: pd.DataFrame) -> None:
        """Replace the findings table with ``frame`` (columns :data:`FINDING_STORE_COLUMNS`)."""
        rows = frame.reindex(columns=FINDING_STORE_COLUMNS).astype(object)
        for column in _ID_LISTS:
            rows[column] = rows[column].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        rows = rows.where(rows.notna(), None)
        with self.transaction() as con:
            con.execute("DELETE FROM findings")
            self._insert("findings", rows)

    def set_finding(self, finding_id: str, *, status: FindingStatus,
                    edited_text: str | None = None, keep_edit: bool = False) -> None:
        """Set a finding's review status (and edited text); clears ``needs_review``."""
        if status not in FINDING_STATUSES:
            raise ReviewStoreError(f"status must be one of {', '.join(FINDING_STATUSES)}, "
                                   f"not {status!r}")
        self.finding(finding_id)
        with self.transaction() as con:
            if keep_edit:
                con.execute("UPDATE findings SET status = ?, needs_review = false, updated_at = ? "
                            "WHERE finding_id = ?", [status, _now(), finding_id])
            else:
                con.execute("UPDATE findings SET status = ?, edited_text = ?, needs_review = false, "
                            "updated_at = ? WHERE finding_id = ?",
                            [status, edited_text, _now(), finding_id])

    # --- labels of the latest run -------------------------------------------------------------

    def write_labels(self, frame: pd.DataFrame, run_id: int) -> None:
        """Replace the per-statement labels with those of run ``run_id`` (``segment_id``,
        ``primary_theme``, ``theme_label``, ``pcc_sentiment``)."""
        rows = frame[["segment_id", "primary_theme", "theme_label", "pcc_sentiment"]].astype(object)
        rows.insert(1, "run_id", run_id)
        with self.transaction() as con:
            con.execute("DELETE FROM segment_labels")
            self._insert("segment_labels", rows)

    def labels(self) -> pd.DataFrame:
        """Each statement's labels from the latest completed run, with its call and submission."""
        return self._con.execute("""SELECT g.segment_id, g.submission_id, g.call_id, s.organisation,
                l.run_id, l.primary_theme, l.theme_label, l.pcc_sentiment
            FROM segments g JOIN submissions s USING (submission_id)
            LEFT JOIN segment_labels l USING (segment_id) ORDER BY g.seq""").df()

    # --- runs --------------------------------------------------------------------------------

    def start_run(self, manifest: dict[str, Any]) -> int:
        """Record that a run began; returns its ``run_id``."""
        with self.transaction() as con:
            run_id = self._next_id("runs", "run_id")
            con.execute("INSERT INTO runs VALUES (?, ?, NULL, 'running', ?)",
                        [run_id, _now(), json.dumps(manifest, default=str)])
        return run_id

    def finish_run(self, run_id: int, status: RunStatus, manifest: dict[str, Any]) -> None:
        """Record how run ``run_id`` ended, with its manifest."""
        if status not in RUN_STATUSES:
            raise ReviewStoreError(f"run status must be one of {', '.join(RUN_STATUSES)}, "
                                   f"not {status!r}")
        with self.transaction() as con:
            con.execute("UPDATE runs SET finished = ?, status = ?, manifest = ? WHERE run_id = ?",
                        [_now(), status, json.dumps(manifest, default=str), run_id])

    def runs(self) -> pd.DataFrame:
        """One row per run: ``run_id``, ``started``, ``finished``, ``status``, ``manifest`` (dict)."""
        frame = self._con.execute("SELECT * FROM runs ORDER BY run_id").df()
        frame["manifest"] = frame["manifest"].map(json.loads)
        return frame

    def latest_manifest(self) -> dict[str, Any]:
        """The manifest of the latest completed run (its codebook, mode, what the corrections
        changed), or ``{}`` when no run has completed; failed and interrupted runs never count."""
        row = self._one("SELECT manifest FROM runs WHERE status = 'completed' "
                        "ORDER BY run_id DESC LIMIT 1")
        return {} if row is None else dict(json.loads(row[0]))


_ID_LISTS = ("segment_ids", "previous_segment_ids")  # ";"-joined in the file, lists in Python


def _split_ids(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in _ID_LISTS:
        out[column] = [v.split(";") if isinstance(v, str) else None for v in out[column]]
    return out


def _merge(old: list[Any], new: Iterable[Any]) -> list[Any]:
    out = list(old)
    for item in new:
        if item not in out:
            out.append(item)
    return out


__all__ = ["FINDING_STATUSES", "FINDING_STORE_COLUMNS", "MIGRATIONS", "RUN_STATUSES",
           "SCHEMA_VERSION", "ReviewStore", "basis_hash", "content_hash"]
