"""The review store: schema and migrations, transactions, a killed process, and each table's round trip.

No model is loaded: rows are written by the tests, so every expected value can be read off them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from evidence_lab import store as store_module
from evidence_lab.errors import ReviewStoreError
from evidence_lab.store import (
    FINDING_STORE_COLUMNS,
    SCHEMA_VERSION,
    ReviewStore,
    basis_hash,
    content_hash,
)

TABLES = {"schema_version", "artifacts", "calls", "submissions", "segments", "embeddings", "readings",
          "corrections", "findings", "segment_labels", "runs"}


def submissions(*ids: str) -> pd.DataFrame:
    return pd.DataFrame({
        "submission_id": list(ids), "source_id": list(ids),
        "organisation": [f"Org {i}" for i in ids], "respondent_type": ["council"] * len(ids),
        "source": [f"{i}.txt" for i in ids], "text": [f"Text of {i}. Second sentence." for i in ids],
        "metadata": [{"received": "2026-10-01", "page_starts": [0, 9]} for _ in ids],
    })


def segments(*ids: str) -> pd.DataFrame:
    rows = []
    for sid in ids:
        rows.append((f"{sid}:0", sid, f"Text of {sid}.", 0, 9 + len(sid), 1, 0))
        rows.append((f"{sid}:1", sid, "Second sentence.", 11 + len(sid), 27 + len(sid), pd.NA, 0))
    frame = pd.DataFrame(rows, columns=["segment_id", "submission_id", "text", "start_char",
                                        "end_char", "page", "paragraph"])
    frame["page"] = frame["page"].astype("Int64")
    return frame


def add_call(store: ReviewStore, name: str, *ids: str) -> int:
    call_id = store.next_call_id()
    with store.transaction():
        store.add_call(call_id, name, [f"/calls/{name}"], [f"/calls/{name}/{i}.txt" for i in ids], [])
        store.add_submissions(submissions(*ids), call_id)
        store.add_segments(segments(*ids), call_id)
    return call_id


def finding(finding_id: str, segment_ids: str, status: str = "draft") -> dict:
    return {"finding_id": finding_id, "kind": "finding", "theme": "engagement", "stance": "negative",
            "text": f"Text of {finding_id}.", "edited_text": None, "status": status,
            "segment_ids": segment_ids, "basis_hash": basis_hash(segment_ids), "needs_review": False,
            "current": True, "previous_segment_ids": None, "previous_finding_id": None,
            "updated_at": pd.Timestamp("2026-11-01 10:00")}


@pytest.fixture()
def path(tmp_path: Path) -> Path:
    return tmp_path / "reviews" / "ravensmoor.duckdb"


@pytest.fixture()
def store(path: Path):
    with ReviewStore(path) as opened:
        yield opened


# --- schema ------------------------------------------------------------------------------------

def test_new_store_has_every_table_and_the_schema_version(path):
    with ReviewStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 3
    assert path.is_file()  # the reviews/ folder was created
    with duckdb.connect(str(path)) as con:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables")
                  .fetchall()}
        vector_type = con.execute("SELECT data_type FROM information_schema.columns WHERE "
                                  "table_name = 'embeddings' AND column_name = 'vector'").fetchall()
    assert tables == TABLES
    assert vector_type == [("FLOAT[384]",)]


def test_reopening_keeps_the_data(path):
    with ReviewStore(path) as store:
        add_call(store, "october", "a", "b")
    with ReviewStore(path, create=False) as store:
        assert store.calls()["name"].tolist() == ["october"]
        assert store.submissions()["submission_id"].tolist() == ["a", "b"]


def test_missing_store_is_not_created_when_create_is_false(path):
    with pytest.raises(ReviewStoreError, match=r"no review store at .*ravensmoor.duckdb; create one "
                       r"by adding a call: evidence-lab ingest"):
        ReviewStore(path, create=False)
    assert not path.exists()


def test_a_file_that_is_not_duckdb_is_refused(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database " * 200)
    with pytest.raises(ReviewStoreError, match=r"notes.duckdb is not a DuckDB file, so not a review "
                       r"store"):
        ReviewStore(bogus)


def test_a_duckdb_file_of_something_else_is_refused(tmp_path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE people (name VARCHAR)")
    with pytest.raises(ReviewStoreError, match=r"not an evidence_lab review store \(it has no "
                       r"schema_version table\)"):
        ReviewStore(other)


def test_a_store_from_a_newer_version_is_refused(path):
    ReviewStore(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("INSERT INTO schema_version VALUES (99, now())")
    with pytest.raises(ReviewStoreError, match=r"written by a newer evidence_lab \(schema version 99; "
                       r"this one reads up to 3\); upgrade evidence_lab"):
        ReviewStore(path)


def test_an_older_store_is_migrated_on_open(path, monkeypatch):
    with ReviewStore(path) as store:
        add_call(store, "october", "a")
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 4)
    monkeypatch.setitem(store_module.MIGRATIONS, 3, ["ALTER TABLE calls ADD COLUMN notes VARCHAR"])
    with ReviewStore(path) as store:
        assert store.schema_version == 4
        assert store.submissions()["submission_id"].tolist() == ["a"]
    with duckdb.connect(str(path)) as con:
        assert con.execute("SELECT notes FROM calls").fetchall() == [(None,)]
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,), (2,), (3,),
                                                                                (4,)]


def test_a_version_1_store_gains_the_artifacts_table(path):
    with ReviewStore(path) as store:
        add_call(store, "october", "a")
    with duckdb.connect(str(path)) as con:  # make it look as a v1 store did
        con.execute("DROP TABLE artifacts")
        con.execute("DROP TABLE readings")
        con.execute("DELETE FROM schema_version WHERE version > 1")
    with ReviewStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.write_artifact("themes", b"fitted")
        assert store.read_artifact("themes") == b"fitted"
        assert store.read_artifact("missing") is None


def test_a_store_open_elsewhere_gives_a_clear_error(path):
    ReviewStore(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from evidence_lab.store import ReviewStore
            store = ReviewStore({str(path)!r})
            print("open", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(ReviewStoreError, match=r"is open in another program .* close it there "
                           r"\(Review.close\(\)\) and try again"):
            ReviewStore(path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


# --- transactions ------------------------------------------------------------------------------

def test_an_error_inside_a_transaction_leaves_nothing_behind(path):
    with ReviewStore(path) as store:
        add_call(store, "october", "a")
        with pytest.raises(RuntimeError, match="died"), store.transaction():
            store.add_call(2, "november", ["/calls/november"], [], [])
            store.add_submissions(submissions("b"), 2)
            store.add_segments(segments("b"), 2)
            raise RuntimeError("died half-way")
        store.add_correction("a:0", "Text of a.", "engagement", None, "jo")  # still writable
    with ReviewStore(path) as store:
        assert store.calls()["name"].tolist() == ["october"]
        assert store.submission_ids() == {"a"}
        assert store.segments()["segment_id"].tolist() == ["a:0", "a:1"]
        assert store.corrections()["segment_id"].tolist() == ["a:0"]


def test_nested_transactions_commit_or_roll_back_together(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add_correction("a:0", "Text.", "engagement", None, "jo")
        with store.transaction():
            store.add_correction("a:1", "Text.", None, "negative", "jo")
        raise RuntimeError("outer fails after the inner one finished")
    assert store.corrections().empty


def test_a_killed_process_leaves_the_store_consistent(path):
    with ReviewStore(path) as store:
        add_call(store, "october", "a")
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_store import submissions, segments
        from evidence_lab.store import ReviewStore
        store = ReviewStore({str(path)!r})
        store.start_run({{"mode": "codebook"}})
        with store.transaction():
            store.add_call(2, "november", ["/calls/november"], [], [])
            store.add_submissions(submissions("b"), 2)
            store.add_segments(segments("b"), 2)
            os._exit(9)  # killed mid-transaction: no rollback, no close
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 9, result.stderr
    with ReviewStore(path) as store:
        assert store.calls()["call_id"].tolist() == [1]
        assert store.submission_ids() == {"a"}
        assert len(store.segments()) == 2
        assert store.runs()["status"].tolist() == ["interrupted"]  # its process died


# --- tables ------------------------------------------------------------------------------------

def test_submissions_and_segments_round_trip(store):
    call_id = add_call(store, "october", "a", "b")
    subs = store.submissions()
    assert subs["metadata"].tolist()[0] == {"received": "2026-10-01", "page_starts": [0, 9]}
    assert subs["content_hash"].tolist() == [content_hash("Text of a. Second sentence."),
                                             content_hash("Text of b. Second sentence.")]
    assert set(subs["call_id"]) == {call_id}
    segs = store.segments()
    expected = segments("a", "b")
    pd.testing.assert_frame_equal(segs[expected.columns.tolist()], expected, check_dtype=False)
    assert segs["page"].dtype == "Int64" and segs["page"].isna().tolist() == [False, True] * 2
    assert store.submission_keys() == {("a", content_hash("Text of a. Second sentence.")),
                                       ("b", content_hash("Text of b. Second sentence."))}


def test_calls_list_counts_and_joined_inputs(store):
    add_call(store, "october", "a", "b")
    store.add_call(1, "october", ["/calls/october-late"], ["/calls/october-late/c.txt"],
                   [{"path": "/calls/october-late/x.pdf", "reason": "encrypted"}])
    calls = store.calls()
    assert calls[["call_id", "name", "n_submissions", "n_segments"]].values.tolist() == [
        [1, "october", 2, 4]]
    assert calls["inputs"][0] == ["/calls/october", "/calls/october-late"]
    assert calls["skipped"][0] == [{"path": "/calls/october-late/x.pdf", "reason": "encrypted"}]
    assert store.call_id("october") == 1 and store.call_id("november") is None
    assert store.next_call_id() == 2


def test_vectors_are_stored_once_per_text_and_model(store):
    rng = np.random.default_rng(0)
    first = rng.random((3, 384), dtype=np.float32)
    store.add_vectors(["k1", "k2", "k3"], first, "minilm")
    store.add_vectors(["k1", "k4"], rng.random((2, 384), dtype=np.float32), "minilm")  # k1 kept
    store.add_vectors(["k1"], rng.random((1, 384), dtype=np.float32), "other-model")
    found = store.vectors(["k1", "k3", "missing"], "minilm")
    assert sorted(found) == ["k1", "k3"]
    np.testing.assert_array_equal(found["k1"], first[0])
    assert store.n_vectors("minilm") == 4 and store.n_vectors() == 5


def test_a_version_2_store_gains_the_readings_table_and_keeps_its_vectors(path):
    with ReviewStore(path) as store:
        store.add_vectors(["k1"], np.ones((1, 384), dtype=np.float32), "minilm")
    with duckdb.connect(str(path)) as con:  # as a v2 store was: no readings
        con.execute("DROP TABLE readings")
        con.execute("DELETE FROM schema_version WHERE version = 3")
    with ReviewStore(path) as store:
        assert store.schema_version == 3
        assert store.n_vectors("minilm") == 1 and store.n_readings() == 0
        store.add_readings({"k1": "[null]"}, "parser-1")
        assert store.readings("parser-1") == {"k1": "[null]"}


def test_readings_round_trip_once_per_text_and_reader(store):
    store.add_readings({"k1": '["that letter"]', "k2": "[null]"}, "parser-1")
    store.add_readings({"k1": '["changed"]', "k3": "[null]"}, "parser-1")  # k1 is kept as it was
    store.add_readings({"k1": '["other"]'}, "parser-2")
    store.add_readings({}, "parser-1")
    assert store.readings("parser-1") == {"k1": '["that letter"]', "k2": "[null]", "k3": "[null]"}
    assert store.readings("parser-2") == {"k1": '["other"]'}
    assert store.readings("parser-3") == {}
    assert store.n_readings("parser-1") == 3 and store.n_readings() == 4


def test_vectors_of_another_size_are_refused(store):
    with pytest.raises(ReviewStoreError, match=r"stores 384-dimension embeddings, but embedder "
                       r"'big' gave shape \(1, 768\); use a 384-dimension embedder"):
        store.add_vectors(["k"], np.zeros((1, 768)), "big")


def test_unknown_statement_names_those_that_exist(store):
    add_call(store, "october", "a")
    with pytest.raises(ReviewStoreError, match=r"no statement 'a:7' in .*; submission a has "
                       r"statements a:0, a:1 \(the segment_id column of segments.csv\)"):
        store.segment("a:7")
    with pytest.raises(ReviewStoreError, match=r"no statement 'zz:0' .* it holds 2 statements, "
                       r"e.g. a:0, a:1"):
        store.segment("zz:0")
    assert store.segment("a:1")["text"] == "Second sentence."


def test_findings_round_trip_and_decisions(store):
    store.write_findings(pd.DataFrame([finding("F-1", "a:0;b:0"), finding("F-2", "c:0")]))
    store.set_finding("F-1", status="edited", edited_text="The officer's words.")
    table = store.findings()
    assert table.columns.tolist() == FINDING_STORE_COLUMNS
    assert table.set_index("finding_id")["status"].to_dict() == {"F-1": "edited", "F-2": "draft"}
    assert store.finding("F-1")["edited_text"] == "The officer's words."
    with pytest.raises(ReviewStoreError, match=r"no finding 'F-9' in .*; it holds F-1, F-2"):
        store.set_finding("F-9", status="accepted")
    with pytest.raises(ReviewStoreError, match=r"status must be one of draft, accepted, edited, "
                       r"rejected, not 'done'"):
        store.set_finding("F-1", status="done")  # type: ignore[arg-type]


def test_finding_lookup_in_an_empty_store_says_to_analyse_first(store):
    with pytest.raises(ReviewStoreError, match=r"no finding 'F-1' .* no findings yet; run analyse"):
        store.finding("F-1")


def test_runs_record_start_end_and_manifest(store):
    run_id = store.start_run({"mode": "codebook"})
    assert store.runs()["status"].tolist() == ["running"]
    store.finish_run(run_id, "completed", {"mode": "codebook", "counts": {"findings": 3}})
    runs = store.runs()
    assert runs["status"].tolist() == ["completed"]
    assert runs["manifest"][0]["counts"] == {"findings": 3}
    assert runs["finished"][0] >= runs["started"][0]


def test_latest_manifest_is_the_latest_completed_runs(store):
    assert store.latest_manifest() == {}
    first = store.start_run({"mode": "codebook"})
    assert store.latest_manifest() == {}  # still running
    store.finish_run(first, "completed", {"mode": "codebook", "n": 1})
    second = store.start_run({"mode": "discover"})
    store.finish_run(second, "completed", {"mode": "discover", "n": 2})
    store.finish_run(store.start_run({"mode": "codebook"}), "failed", {"mode": "codebook", "n": 3})
    assert store.latest_manifest() == {"mode": "discover", "n": 2}


def test_corrections_keep_their_history(store):
    store.add_correction("a:0", "Text of a.", "engagement", None, "jo")
    store.add_correction("a:0", "Text of a.", None, "negative", "sam")
    table = store.corrections().astype(object)
    table = table.where(table.notna(), None)
    assert table[["correction_id", "theme", "pcc_sentiment", "corrected_by"]].values.tolist() == [
        [1, "engagement", None, "jo"], [2, None, "negative", "sam"]]


def test_basis_hash_ignores_order_and_content_hash_is_exact():
    assert basis_hash("a:1;b:0") == basis_hash(["b:0", "a:1"]) != basis_hash("a:1")
    assert content_hash("x y") != content_hash("x  y")
    assert json.dumps(content_hash("x"))  # a plain string
