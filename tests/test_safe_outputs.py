"""Safe outputs: spreadsheet-formula neutralisation and atomic writes (evidence_lab._io)."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil

import pandas as pd
import pytest

from evidence_lab._io import neutralise_formula, safe_frame, write_csv


@pytest.mark.parametrize("cell", ["=SUM(A1:A9)", "+44 7700 900123", "-2+3", "@SUM(1)",
                                  "\t=1+1", "\r=1+1", '=HYPERLINK("http://x","click")'])
def test_formula_cells_get_an_apostrophe(cell):
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["The Commissioner replied.", "", " =SUM(A1)", "1+1", "a=b",
                                  "'=already quoted", "£1,150", 42, -5, 1.5, None])
def test_other_cells_unchanged(cell):
    assert neutralise_formula(cell) == cell


def test_safe_frame_neutralises_text_only():
    frame = pd.DataFrame({
        "text": ["=cmd|' /C calc'!A0", "plain", None],
        "typed": pd.array(["@x", "y", None], dtype="string"),
        "score": [-0.5, 0.25, 1.0],
        "n": [-1, 2, 3],
    })
    out = safe_frame(frame)
    assert out["text"].tolist()[:2] == ["'=cmd|' /C calc'!A0", "plain"]
    assert out["typed"].tolist()[:2] == ["'@x", "y"]
    assert out["text"].isna().tolist() == out["typed"].isna().tolist() == [False, False, True]
    assert out["score"].tolist() == [-0.5, 0.25, 1.0]
    assert out["n"].tolist() == [-1, 2, 3]
    assert frame.loc[0, "text"] == "=cmd|' /C calc'!A0"  # the input is not changed


def test_write_csv_is_formula_safe_utf8(tmp_path):
    path = tmp_path / "out" / "segments.csv"
    write_csv(pd.DataFrame({"text": ["-1 star from Zoë", "fine"], "score": [-1, 2]}), path)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [["text", "score"], ["'-1 star from Zoë", "-1"], ["fine", "2"]]


def test_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "findings.csv"
    path.write_text("old contents\n", encoding="utf-8")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_csv(pd.DataFrame({"text": ["new"]}), path)
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.csv"]  # no temporary file left


def test_successful_write_replaces_the_file(tmp_path):
    path = tmp_path / "findings.csv"
    path.write_text("old contents\n", encoding="utf-8")
    write_csv(pd.DataFrame({"text": ["new"]}), path)
    assert path.read_text(encoding="utf-8") == "text\nnew\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.csv"]


# -- personal data in file names and ids (issue 15, defect 1) ----------------------------------

PRIVATE_FILE = "Mrs Jane Okafor 14 Mill Lane RG1 4XX.txt"
PRIVATE_BITS = ("okafor", "jane", "mill lane", "mill_lane", "rg1", "4xx")
LETTER = ("Dear Panel,\n\nI am writing about policing in my village. The Commissioner has cut the "
          "neighbourhood team and response times have got worse since last year. I would welcome "
          "more visible patrols at weekends.\n\nThe youth service funded by the office has been "
          "good for our estate, and I hope it continues.\n\nYours faithfully\n")


def _output_texts(folder):
    """Every output file's text (a .docx by its XML parts), by file name."""
    import zipfile

    texts = {}
    for path in sorted(folder.iterdir()):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                texts[path.name] = " ".join(archive.read(n).decode("utf-8", "replace")
                                            for n in archive.namelist())
        else:  # embedded pictures are base64 noise that may spell anything
            texts[path.name] = re.sub(r"data:[\w/+.-]+;base64,[\w+/=]+", "",
                                      path.read_text(encoding="utf-8"))
    return texts


@pytest.fixture(scope="module")
def private_call(tmp_path_factory):
    """A call holding a file named after a person and her address, and one form row whose id is a
    person's name; analysed and written once for the tests below."""
    import evidence_lab as el

    folder = tmp_path_factory.mktemp("call")
    (folder / PRIVATE_FILE).write_text(LETTER, encoding="utf-8")
    (folder / "form.csv").write_text(
        "submission_id,text\nJane Okafor,\"The Commissioner should publish the grant "
        "decisions. We would welcome a clearer timetable for the community safety fund.\"\n",
        encoding="utf-8")
    analysis = el.analyse([folder], show_progress=False)
    out = el.write_outputs(analysis, tmp_path_factory.mktemp("out"))
    return analysis, _output_texts(out)


@pytest.mark.slow
def test_no_output_holds_a_name_from_a_file_name_or_id(private_call):
    _, texts = private_call
    assert {"submissions.csv", "segments.csv", "run.json", "report.html", "findings.md",
            "findings.docx", "findings.csv"} <= set(texts)
    leaks = {name: bit for name, text in texts.items() for bit in PRIVATE_BITS
             if bit in text.lower()}
    assert leaks == {}


@pytest.mark.slow
def test_neutral_ids_are_stable_and_consistent(private_call):
    analysis, texts = private_call
    rows = list(csv.DictReader(texts["submissions.csv"].splitlines()))
    ids = {r["submission_id"] for r in rows}
    assert len(ids) == 2 and all(re.fullmatch(r"[a-z_]+-[0-9a-f]{8}(-r1)?", i) for i in ids)
    segments = list(csv.DictReader(texts["segments.csv"].splitlines()))
    assert {s["submission_id"] for s in segments} == ids
    assert all(s["segment_id"].rpartition(":")[0] in ids for s in segments)
    # the analysis itself (and so the review store) keeps the originals
    assert "mrs_jane_okafor_14_mill_lane_rg1_4xx" in set(analysis.submissions["submission_id"])


# -- organisations are never blanked (issue 15, defect 3) -------------------------------------

ORGANISATIONS = ("Harrow Lane Tenants", "Fenby Youth", "Brookside Mosque", "St Anne's Church",
                 "Mill Road Residents", "Fenby Food Bank", "Kelby Women's Aid", "Ashdown Scouts",
                 "Orchard Vale Surgery", "Riverside Community Trust", "Tolley Carers Group",
                 "Greyfield Partnership", "Netherby Sports Association", "Wren Street Chapel",
                 "Hallam Housing Cooperative")
TOPICS = ("more visible patrols at weekends", "a clearer grant timetable",
          "faster answers to our letters", "support for victims of burglary",
          "a youth worker on the estate", "better lighting near the station")
OPENERS = ("{org} asks the Commissioner for {topic}.",
           "Members of {org} told us the Commissioner should fund {topic}.",
           "We at {org} would welcome {topic}; the Commissioner has not replied so far.",
           "{org} thanks the Commissioner for {topic} but wants more.")


def _three_hundred_rows(path):
    """A 300-row form export: 15 organisations, 20 rows each, every row naming its sender."""
    rows = []
    for i in range(300):
        org = ORGANISATIONS[i % len(ORGANISATIONS)]
        topic = TOPICS[(i // len(ORGANISATIONS)) % len(TOPICS)]
        opener = OPENERS[i % len(OPENERS)].format(org=org, topic=topic)
        rows.append({"submission_id": f"R{i + 1:03d}", "organisation": org,
                     "respondent_type": "community group",
                     "text": f"{opener} Contact Tom Ashworth on 07700 900{i % 1000:03d}. "
                             f"Week {i % 52 + 1} of our diary."})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def organisations_call(tmp_path_factory):
    import evidence_lab as el

    folder = tmp_path_factory.mktemp("orgs")
    _three_hundred_rows(folder / "form.csv")
    analysis = el.analyse([folder], show_progress=False)
    return _output_texts(el.write_outputs(analysis, tmp_path_factory.mktemp("orgs_out")))


@pytest.mark.slow
def test_organisation_field_is_never_redacted(organisations_call):
    rows = list(csv.DictReader(organisations_call["submissions.csv"].splitlines()))
    assert {r["organisation"] for r in rows} == set(ORGANISATIONS)
    table = list(csv.DictReader(organisations_call["stance_by_organisation.csv"].splitlines()))
    assert {r["organisation"] for r in table} <= set(ORGANISATIONS)
    assert len(table) >= 10


@pytest.mark.slow
def test_organisations_named_in_text_stay_and_people_go(organisations_call):
    segments = list(csv.DictReader(organisations_call["segments.csv"].splitlines()))
    named = [s["text"] for s in segments if any(o in s["text"] for o in ORGANISATIONS)]
    assert len(named) >= 250  # each row's first statement names its sender
    for name in ("segments.csv", "findings.md", "report.html", "findings.csv"):
        assert "Tom Ashworth" not in organisations_call[name]
        assert "07700 900" not in organisations_call[name]
    blanked = [s["text"] for s in segments if "[name]" in s["text"] and "Contact" not in s["text"]]
    assert blanked == []


# -- a killed run never mixes two runs' outputs (issue 15, defect 5) -----------------------------

KILL_POINTS = ("staged:submissions.csv", "before_swap", "after_swap")
DETERMINISTIC = ("submissions.csv", "segments.csv", "themes.csv", "findings.csv",
                 "stance_by_organisation.csv", "strongest_statements.csv", "findings.md")


def _cli(*args, pause=None):
    import subprocess
    import sys

    env = {**os.environ, "EVIDENCE_LAB_PAUSE_AT": pause or ""}
    return subprocess.Popen([sys.executable, "-m", "evidence_lab", *map(str, args)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _run_and_kill(args, point):
    """Start the CLI, wait until it reports pausing at ``point``, and SIGKILL it there."""
    import select
    import signal
    import time

    proc = _cli(*args, pause=point)
    deadline, seen = time.monotonic() + 300, ""
    while time.monotonic() < deadline and f"paused at {point}" not in seen:
        ready, _, _ = select.select([proc.stderr], [], [], 5)
        if ready:
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            seen += line
    assert f"paused at {point}" in seen, seen
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """An old run's outputs, and a finished new run (one more submission, a new title)."""
    root = tmp_path_factory.mktemp("kill")
    old_in, new_in = root / "old_in", root / "new_in"
    old_in.mkdir()
    (old_in / "a.txt").write_text(LETTER, encoding="utf-8")
    (old_in / "b.txt").write_text("The Commissioner's grant round opened late again. We would "
                                  "welcome a published timetable.\n", encoding="utf-8")
    shutil.copytree(old_in, new_in)
    (new_in / "c.txt").write_text("Our residents praise the new rural patrol, which the "
                                  "Commissioner funded.\n", encoding="utf-8")
    old_out, new_out = root / "old_out", root / "new_out"
    for inputs, out, title in ((old_in, old_out, "Old"), (new_in, new_out, "New")):
        assert _cli("analyse", inputs, "--out", out, "--title", title, "--quiet").wait() == 0
    return {"root": root, "new_in": new_in, "old": _snapshot(old_out),
            "new": _snapshot(new_out), "old_out": old_out}


def _is_old(files, runs):
    return files == runs["old"]


def _is_new(files, runs):
    return (set(files) == set(runs["new"])
            and all(files[name] == runs["new"][name] for name in DETERMINISTIC)
            and json.loads(files["run.json"])["title"] == "New")


@pytest.mark.slow
@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_killed_run_leaves_the_old_outputs_or_the_new_ones(two_runs, point, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(two_runs["old_out"], out)
    (out / "notes.txt").write_text("the officer's own notes", encoding="utf-8")
    _run_and_kill(["analyse", two_runs["new_in"], "--out", out, "--title", "New", "--quiet"],
                  point)
    files = _snapshot(out)
    files.pop("notes.txt", None)  # may be on its way into the new folder; put back below
    if point == "after_swap":
        assert _is_new(files, two_runs)
    else:
        assert _is_old(files, two_runs)
    # the next good run clears what the killed one left, and keeps the officer's notes
    assert _cli("analyse", two_runs["new_in"], "--out", out, "--title", "New", "--quiet").wait() == 0
    files = _snapshot(out)
    assert files.pop("notes.txt") == b"the officer's own notes"
    assert _is_new(files, two_runs)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def test_stale_temporary_files_are_cleared(tmp_path):
    from evidence_lab.report._outputs import _recover

    out = tmp_path / "out"
    out.mkdir()
    (out / ".submissions.csv.x1y2.tmp").write_text("half a file", encoding="utf-8")
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    _recover(out)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


@pytest.mark.slow
def test_the_store_marks_a_run_completed_only_after_its_outputs(two_runs, tmp_path):
    from evidence_lab.store import ReviewStore

    review, out = tmp_path / "r.duckdb", tmp_path / "out"
    assert _cli("ingest", two_runs["new_in"], "--review", review, "--quiet").wait() == 0
    _run_and_kill(["analyse", "--review", review, "--out", out, "--quiet"], "before_swap")
    assert not out.exists()
    with ReviewStore(review) as store:
        assert "completed" not in set(store.runs()["status"])
    assert _cli("analyse", "--review", review, "--out", out, "--quiet").wait() == 0
    with ReviewStore(review) as store:
        assert store.runs()["status"].tolist()[-1] == "completed"
    assert (out / "run.json").is_file()
