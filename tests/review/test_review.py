"""A review over several calls: incremental ingest and embedding, decisions on findings kept over runs,
corrections, a run that dies half-way, diff, and the command line.

The calls are three short letters each, written below. Tests marked ``slow`` use the bundled models;
the expensive part (model fitting) is shared: the ``history`` fixture runs one review through two
calls once, and the other slow tests reuse its fitted models (same codebook, no corrections). The
fast tests use a hash "embedder", so they check the mechanics without loading the MiniLM model.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from evidence_lab.cli import main
from evidence_lab.embed import get_embedder
from evidence_lab.errors import NoInputError, ReviewStoreError
from evidence_lab.findings import reader_name
from evidence_lab.ingest import read_inputs
from evidence_lab.report import write_outputs
from evidence_lab.review import Review
from evidence_lab.segmentation import segment
from evidence_lab.store import ReviewStore

CALL_1 = {
    "manifest.csv": "file,organisation,respondent_type\n"
                    "alder_csp.txt,Alder Community Safety Partnership,community_safety_partnership\n"
                    "birch_watch.txt,Birch Neighbourhood Watch,neighbourhood_watch\n"
                    "cedar_council.txt,Cedar District Council,council\n",
    "alder_csp.txt": "Alder Community Safety Partnership response.\n\n"
                     "The Commissioner has been very visible at our community meetings this year, and "
                     "residents appreciate it.\n\n"
                     "The front counter at Alder police station was closed without any consultation "
                     "with local residents.\n\n"
                     "We would welcome an earlier grant round so that summer projects can be funded "
                     "in time.\n",
    "birch_watch.txt": "Birch Neighbourhood Watch response.\n\n"
                       "The Commissioner regularly attends our meetings and listens to residents, which "
                       "we value greatly.\n\n"
                       "The front counter at Birch police station was closed without any consultation "
                       "with local people.\n\n"
                       "Rural burglary is rising and we rarely see a patrol car in the villages.\n",
    "cedar_council.txt": "Cedar District Council response.\n\n"
                         "The grant round for community safety projects opens far too late in the year "
                         "for councils to plan.\n\n"
                         "The Violence Reduction Unit funded by the Commissioner has worked well with "
                         "our youth service.\n\n"
                         "The Commissioner should publish the evaluation of the street triage pilot.\n",
}
REPEATED = ("The Commissioner has been very visible at our community meetings this year, and residents "
            "appreciate it.")
CALL_2 = {
    "manifest.csv": "file,organisation,respondent_type\n"
                    "abbey_residents.txt,Abbey Residents Association,residents_group\n"
                    "alder_csp_followup.txt,Alder Community Safety Partnership,"
                    "community_safety_partnership\n"
                    "yew_youth.txt,Yew Youth Commission,youth_commission\n"
                    "zeal_victims.txt,Zeal Victim Support,victim_services\n",
    # its statement ids sort before alder_csp's; the front-counter finding keeps its id all the same
    "abbey_residents.txt": "Abbey Residents Association response.\n\n"
                           "The front counter at Abbey police station was closed without any "
                           "consultation with residents.\n",
    "alder_csp_followup.txt": "Alder Community Safety Partnership: further evidence.\n\n"
                              f"{REPEATED}\n\n"
                              "Residents still say the loss of the front counter has made it harder "
                              "to report crime.\n",
    "yew_youth.txt": "Yew Youth Commission response.\n\n"
                     "Young people told us the Commissioner never visits schools or youth clubs to hear "
                     "their views.\n\n"
                     "The front counter at Yew police station was closed without any consultation with "
                     "young people.\n\n"
                     "We would welcome funding for youth workers over three years rather than one.\n",
    "zeal_victims.txt": "Zeal Victim Support response.\n\n"
                        "Victims of domestic abuse wait too long for a call back after reporting to the "
                        "police.\n\n"
                        "The grant round for victim services opens far too late in the year for "
                        "charities to plan.\n\n"
                        "The Commissioner should publish how the victims fund is allocated.\n",
}


def write_call(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Counting:
    """Wraps an embedder and records every text it is asked to encode."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.texts = inner, inner.name, []

    def encode(self, texts, *, show_progress: bool = False) -> np.ndarray:
        self.texts.extend(texts)
        return self.inner.encode(texts, show_progress=show_progress)


class HashEmbedder:
    """A model-free embedder: a fixed pseudo-random unit vector per text."""

    name = "test-hash"

    def encode(self, texts, *, show_progress: bool = False) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int(hashlib.sha1(text.encode()).hexdigest()[:8], 16)
            vector = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
            rows.append(vector / np.linalg.norm(vector))
        return np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)


@pytest.fixture(scope="module")
def calls(tmp_path_factory) -> SimpleNamespace:
    root = tmp_path_factory.mktemp("calls")
    return SimpleNamespace(first=write_call(root / "october", CALL_1),
                           second=write_call(root / "december", CALL_2))


def statement_texts(folder: Path) -> list[str]:
    return segment(read_inputs([folder], quiet=True).submissions, show_progress=False)["text"].tolist()


# --- fast: ingest mechanics with a hash embedder --------------------------------------------------

@pytest.fixture()
def counter() -> Counting:
    return Counting(HashEmbedder())


@pytest.fixture()
def review(tmp_path, counter):
    with Review.open(tmp_path / "review.duckdb", embedder=counter) as opened:
        yield opened


def test_add_call_stores_segments_and_embeds_each_statement_once(review, counter, calls):
    summary = review.add_call([calls.first], show_progress=False)
    texts = statement_texts(calls.first)
    assert (summary.call_id, summary.name, summary.n_submissions, summary.n_segments) == (
        1, "october", 3, len(texts))
    assert summary.n_embedded == len(set(texts))
    assert sorted(counter.texts) == sorted(set(texts))
    assert review.calls()[["call_id", "name", "n_submissions"]].values.tolist() == [[1, "october", 3]]
    assert str(summary).startswith(f"Call 1 'october': 3 new submission(s), {len(texts)} statements")


def test_adding_the_same_call_again_stores_nothing(review, counter, calls):
    review.add_call([calls.first], show_progress=False)
    encoded = len(counter.texts)
    again = review.add_call([calls.first], name="october again", show_progress=False)
    assert again.call_id is None and again.n_already_stored == 3
    assert str(again) == "Nothing new in 'october again': all 3 submission(s) are already in the review."
    assert len(counter.texts) == encoded
    assert review.calls()["name"].tolist() == ["october"]


def test_a_changed_text_under_a_stored_id_is_kept_as_a_new_submission(review, calls, tmp_path):
    review.add_call([calls.first], show_progress=False)
    late = write_call(tmp_path / "late", {"birch_watch.txt": "Birch Neighbourhood Watch, second "
                                          "thoughts.\n\nThe Commissioner should hold meetings in "
                                          "the villages.\n"})
    summary = review.add_call([late], show_progress=False)
    assert summary.renamed == {"birch_watch": "birch_watch-c2"}
    assert "birch_watch: the review already holds a different text with this id; stored as " \
           "birch_watch-c2." in str(summary)
    subs = review.store.submissions().set_index("submission_id")
    assert subs.loc["birch_watch-c2", "source_id"] == "birch_watch"
    assert subs.loc["birch_watch", "text"] == CALL_1["birch_watch.txt"]
    assert review.add_call([late], show_progress=False).call_id is None  # already stored


def test_a_call_added_under_an_existing_name_joins_that_call(review, calls, tmp_path):
    review.add_call([calls.first], show_progress=False)
    late = write_call(tmp_path / "late", {"dale_parish.txt": "Dale Parish Council.\n\nWe have never "
                                          "met the Commissioner.\n"})
    summary = review.add_call([late], name="october", show_progress=False)
    assert (summary.call_id, summary.existing_call, summary.n_submissions) == (1, True, 1)
    calls_table = review.calls()
    assert calls_table[["call_id", "n_submissions"]].values.tolist() == [[1, 4]]
    assert calls_table["inputs"][0] == [str(calls.first.resolve()), str(late.resolve())]


def test_add_call_that_dies_half_way_stores_no_call_and_the_retry_reuses_the_vectors(
        review, calls, monkeypatch):
    def die(self, frame, call_id):
        raise KeyboardInterrupt  # e.g. Ctrl-C after the submissions were written

    with monkeypatch.context() as patch:
        patch.setattr(ReviewStore, "add_segments", die)
        with pytest.raises(KeyboardInterrupt):
            review.add_call([calls.first], show_progress=False)
    path = review.path
    review.close()
    with Review.open(path, embedder=Counting(HashEmbedder())) as reopened:
        assert reopened.calls().empty and reopened.store.submissions().empty
        summary = reopened.add_call([calls.first], show_progress=False)
        assert summary.n_submissions == 3 and summary.n_embedded == 0  # vectors were committed
        assert len(reopened.store.segments()) == summary.n_segments


def test_add_call_with_nothing_readable_raises(review, tmp_path):
    with pytest.raises(NoInputError, match="No readable submissions"):
        review.add_call([tmp_path / "missing"], show_progress=False)
    assert review.calls().empty


def test_unknown_ids_say_what_exists(review, calls):
    review.add_call([calls.first], show_progress=False)
    with pytest.raises(ReviewStoreError, match=r"no finding 'F-nope' .* no findings yet; run analyse"):
        review.accept("F-nope")
    with pytest.raises(ReviewStoreError, match=r"no statement 'alder_csp:99' .* submission alder_csp "
                       r"has statements alder_csp:0, alder_csp:1"):
        review.relabel("alder_csp:99", pcc_sentiment="negative")


def test_relabel_checks_its_labels(review, calls):
    review.add_call([calls.first], show_progress=False)
    with pytest.raises(ReviewStoreError, match="relabel needs a theme and/or a stance"):
        review.relabel("alder_csp:1")
    with pytest.raises(ReviewStoreError, match=r"stance must be one of positive, negative, mixed, "
                       r"neutral, not 'angry'"):
        review.relabel("alder_csp:1", pcc_sentiment="angry")
    with pytest.raises(ReviewStoreError, match=r"theme must be one of engagement, commissioning, "
                       r"partnerships, operational_policing, other .*not 'parking'"):
        review.relabel("alder_csp:1", theme="parking")
    assert review.relabel("alder_csp:1", theme="engagement", by="Jo") == 1
    assert review.corrections()[["segment_id", "theme", "corrected_by"]].values.tolist() == [
        ["alder_csp:1", "engagement", "Jo"]]


def test_diff_and_analyse_need_the_right_state(review, calls):
    with pytest.raises(ReviewStoreError, match="holds no submissions yet; add a call first"):
        review.analyse(show_progress=False)
    with pytest.raises(ReviewStoreError, match="has no calls yet"):
        review.diff()
    review.add_call([calls.first], show_progress=False)
    with pytest.raises(ReviewStoreError, match=r"call 1 'october' has statements the latest run did "
                       r"not label; analyse the review first"):
        review.diff()


# --- slow: the bundled models, one review through two calls --------------------------------------

@pytest.fixture(scope="module")
def history(calls, tmp_path_factory) -> SimpleNamespace:
    """Call 1, two runs with officers' decisions between them, a correction, call 2, a third run.

    Every finding of the first run is accepted except one edited and one rejected (neither about
    the front counter, which call 2 adds to under the same finding id).
    """
    path = tmp_path_factory.mktemp("review") / "ravensmoor.duckdb"
    embedder = Counting(get_embedder())
    h = SimpleNamespace(path=path, embedder=embedder)
    with Review.open(path, embedder=embedder) as review:
        review.add_call([calls.first], show_progress=False)
        h.first = review.analyse(show_progress=False)
        findings = h.first.findings
        h.front_counter = _most_cited(findings, "front counter")
        others = findings[findings["finding_id"] != h.front_counter]["finding_id"].tolist()
        h.edited, h.rejected = others[0], others[1]
        h.accepted = [f for f in findings["finding_id"] if f not in (h.edited, h.rejected)]
        for finding_id in h.accepted:
            review.accept(finding_id)
        review.edit(h.edited, "The officer's own wording of this finding.")
        review.reject(h.rejected)

        before = len(embedder.texts)
        h.second = review.analyse(show_progress=False)
        h.encoded_on_rerun = embedder.texts[before:]

        cited = {s for ids in h.second.findings["segment_ids"] for s in ids}
        segs = h.second.segments.set_index("segment_id")
        h.relabelled = next(s for s in segs.index if s.startswith("cedar") and s not in cited
                            and segs.loc[s, "pcc_sentiment"] != "negative")
        h.label_before = segs.loc[h.relabelled, "pcc_sentiment"]
        review.relabel(h.relabelled, pcc_sentiment="negative", by="Jo Hart")

        before = len(embedder.texts)
        h.call_2 = review.add_call([calls.second], show_progress=False)
        h.encoded_for_call_2 = embedder.texts[before:]
        h.third = review.analyse(show_progress=False)
        h.findings = review.findings()
        h.diff = review.diff()
        h.runs = review.runs()
    return h


def _most_cited(findings: pd.DataFrame, words: str) -> str:
    quoted = findings[findings["quotes"].map(lambda q: any(words in x for x in q))]
    return quoted.sort_values("n_segments", ascending=False)["finding_id"].iloc[0]


@pytest.mark.slow
def test_rerun_with_nothing_new_embeds_nothing(history):
    assert history.encoded_on_rerun == []


@pytest.mark.slow
def test_second_call_embeds_only_its_new_statements(history, calls):
    new = set(statement_texts(calls.second))
    assert REPEATED in new  # said again in call 2, already embedded for call 1
    assert sorted(history.encoded_for_call_2) == sorted(new - {REPEATED})
    assert history.call_2.n_embedded == len(new) - 1


@pytest.mark.slow
def test_decisions_on_findings_survive_a_rerun(history):
    shown = history.second.findings.set_index("finding_id")
    assert (shown.loc[history.accepted, "status"] == "accepted").all()
    assert shown.loc[history.edited, "status"] == "edited"
    assert shown.loc[history.edited, "text"] == "The officer's own wording of this finding."
    assert history.rejected not in shown.index  # left out of the draft ...
    stored = history.findings.set_index("finding_id")
    assert stored.loc[history.rejected, "status"] == "rejected"  # ... but remembered
    assert not shown["needs_review"].any()  # nothing changed between the first two runs


@pytest.mark.slow
def test_finding_whose_evidence_changed_is_flagged_not_rewritten_silently(history):
    before = history.second.findings.set_index("finding_id")
    after = history.third.findings.set_index("finding_id")
    stored = history.findings.set_index("finding_id")
    kept = [f for f in history.accepted if f in after.index]
    changed = [f for f in kept if after.loc[f, "segment_ids"] != before.loc[f, "segment_ids"]]
    assert changed, "call 2 should add statements to at least one accepted finding"
    for finding_id in kept:
        assert after.loc[finding_id, "status"] == "accepted"
        assert bool(after.loc[finding_id, "needs_review"]) == (finding_id in changed)
    for finding_id in changed:
        assert stored.loc[finding_id, "previous_segment_ids"] == before.loc[finding_id, "segment_ids"]
        assert after.loc[finding_id, "text"] == stored.loc[finding_id, "text"]  # the new draft


@pytest.mark.slow
def test_a_finding_keeps_its_id_and_decision_when_new_evidence_joins_it(history):
    after = history.third.findings
    grown = after[after["segment_ids"].map(lambda ids: "abbey_residents:1" in ids)].iloc[0]
    assert grown["finding_id"] == history.front_counter  # ids follow the lead statement
    assert (grown["status"], bool(grown["needs_review"])) == ("accepted", True)
    stored = history.findings.set_index("finding_id")
    assert stored.loc[history.front_counter, "current"]


@pytest.mark.slow
def test_edited_finding_keeps_its_text_in_the_written_draft(history, tmp_path):
    out = write_outputs(history.third, tmp_path / "out")
    draft = (out / "findings.md").read_text(encoding="utf-8")
    assert "The officer's own wording of this finding." in draft
    assert history.rejected not in draft
    table = pd.read_csv(out / "findings.csv")
    assert {"status", "edited_text", "needs_review"} <= set(table.columns)


@pytest.mark.slow
def test_relabel_sets_the_next_runs_label_and_trains_on_it(history):
    assert history.label_before != "negative"
    segs = history.third.segments.set_index("segment_id")
    assert segs.loc[history.relabelled, "pcc_sentiment"] == "negative"
    assert segs.loc[history.relabelled, "corrected_by"] == "Jo Hart"
    assert history.third.run["review"]["corrections"] == 1


@pytest.mark.slow
def test_diff_reports_new_organisations_and_theme_counts(history, calls):
    diff = history.diff
    assert (diff.call_id, diff.call_name) == (2, "december")
    assert diff.new_organisations["organisation"].tolist() == [
        "Abbey Residents Association", "Yew Youth Commission", "Zeal Victim Support"]
    counts = diff.theme_counts
    assert counts["statements_before"].sum() == len(statement_texts(calls.first))
    assert counts["statements_after"].sum() == len(statement_texts(calls.first)) + len(
        statement_texts(calls.second))
    front_counter_theme = history.third.segments.set_index("segment_id").loc["yew_youth:2",
                                                                              "primary_theme"]
    assert counts.set_index("theme").loc[front_counter_theme, "change"] >= 1
    text = str(diff)
    assert "3 new organisation(s)" in text and "Yew Youth Commission (youth_commission)" in text
    assert "Statements per theme (before -> after):" in text


@pytest.mark.slow
def test_runs_are_recorded(history):
    assert history.runs["status"].tolist() == ["completed"] * 3
    assert history.runs["manifest"].iloc[-1]["counts"]["submissions"] == 7


@pytest.mark.slow
def test_run_that_dies_half_way_leaves_the_store_as_it_was(history, calls, tmp_path, monkeypatch):
    path = tmp_path / "review.duckdb"
    with Review.open(path) as review:
        review.add_call([calls.first], show_progress=False)
        review.analyse(show_progress=False)
        review.accept(review.findings()["finding_id"].iloc[0])
        findings_before = review.findings()

        def die(self, frame, run_id):
            raise RuntimeError("killed while writing")  # after the findings were rewritten

        with monkeypatch.context() as patch:
            patch.setattr(ReviewStore, "write_labels", die)
            review.add_call([calls.second], show_progress=False)
            with pytest.raises(RuntimeError, match="killed while writing"):
                review.analyse(show_progress=False)
    with Review.open(path, create=False) as review:
        pd.testing.assert_frame_equal(review.findings(), findings_before)
        assert review.runs()["status"].tolist() == ["completed", "failed"]
        assert "killed while writing" in review.runs()["manifest"].iloc[-1]["error"]
        done = review.analyse(show_progress=False)
        assert review.runs()["status"].tolist() == ["completed", "failed", "completed"]
        assert done.run["counts"]["submissions"] == 7


@pytest.mark.slow
def test_cli_round_trip(history, calls, tmp_path, capsys):
    store = str(tmp_path / "cli.duckdb")
    assert main(["ingest", str(calls.first), "--review", store, "--quiet"]) == 0
    assert "Call 1 'october': 3 new submission(s)" in capsys.readouterr().out
    assert main(["analyse", "--review", store, "--out", str(tmp_path / "out1"), "--quiet"]) == 0
    assert (tmp_path / "out1" / "findings.csv").is_file()
    assert main(["findings", "--review", store]) == 0
    listed = capsys.readouterr().out.splitlines()
    first_id = next(line for line in listed if line.startswith(("F-", "R-"))).split()[0]
    assert main(["findings", "accept", first_id, "--review", store]) == 0
    assert capsys.readouterr().out.strip() == f"{first_id}: accepted"
    assert main(["ingest", str(calls.second), "--review", store, "--name", "December call",
                 "--quiet"]) == 0
    assert main(["analyse", "--review", store, "--out", str(tmp_path / "out2"), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["findings", "--all", "--review", store]) == 0  # --all: its id may have moved
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"{first_id}  accepted") for line in listed)
    assert main(["diff", "--review", store]) == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Call 2 'December call'")
    assert "Yew Youth Commission (youth_commission)" in shown


@pytest.mark.slow
def test_cli_errors_are_one_line(tmp_path, calls, capsys):
    missing = str(tmp_path / "nowhere.duckdb")
    assert main(["diff", "--review", missing]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("evidence-lab: error: no review store at")
    assert not Path(missing).exists()
    assert main(["analyse", "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err.strip() == ("evidence-lab: error: analyse needs INPUT files or "
                                               "folders, or --review REVIEW.duckdb")
    store = str(tmp_path / "r.duckdb")
    assert main(["ingest", str(calls.first), "--review", store, "--quiet"]) == 0
    assert main(["findings", "reject", "F-0000", "--review", store]) == 2
    assert "no finding 'F-0000'" in capsys.readouterr().err
    assert main(["findings", "edit", "F-0000", "--review", store]) == 2
    assert capsys.readouterr().err.strip().endswith("edit ID TEXT (quote the TEXT)")
    assert main(["relabel", "alder_csp:1", "--review", store]) == 2
    assert capsys.readouterr().err.strip() == "evidence-lab: error: relabel needs --theme and/or --stance"


@pytest.mark.slow
def test_discovered_themes_keep_their_ids_when_a_new_call_arrives(calls, tmp_path):
    with Review.open(tmp_path / "themes.duckdb") as review:
        review.add_call([calls.first], show_progress=False)
        first = review.analyse(discover=True, show_progress=False)
        first_ids = first.themes["theme_id"].tolist()
        before = first.segments.set_index("segment_id")["primary_theme"]
        review.add_call([calls.second], show_progress=False)
        second = review.analyse(discover=True, show_progress=False)
    second_ids = second.themes["theme_id"].tolist()
    assert [t for t in first_ids if t != "unclustered"] == [
        t for t in second_ids[:len(first_ids) - 1]]  # every earlier theme keeps its id and place
    after = second.segments.set_index("segment_id")["primary_theme"]
    kept = before.index.intersection(after.index)
    assert (after[kept] == before[kept]).mean() >= 0.9  # earlier statements stay in their themes


@pytest.mark.slow
def test_a_rerun_with_nothing_new_reuses_the_last_run(history):
    # only decisions on findings changed between the first and second runs: nothing is recomputed
    assert not history.first.run["review"]["reused_previous_run"]
    assert history.second.run["review"]["reused_previous_run"]
    assert history.second.segments["pcc_sentiment"].tolist() == \
        history.first.segments["pcc_sentiment"].tolist()
    assert history.second.findings["status"].isin(["accepted", "edited"]).all()  # decisions merged
    # a correction and a new call change the inputs: the third run is computed afresh
    assert not history.third.run["review"]["reused_previous_run"]


@pytest.mark.slow
def test_unchanged_outputs_are_not_rewritten(history, tmp_path):
    out = write_outputs(history.third, tmp_path / "out", redact=False)
    stamps = {f.name: f.stat().st_mtime_ns for f in out.iterdir()}
    write_outputs(history.third, out, redact=False)
    assert {f.name: f.stat().st_mtime_ns for f in out.iterdir()} == stamps
    findings = history.third.findings.copy()
    findings.loc[0, "status"] = "rejected"  # an officer's decision changes what the draft shows
    write_outputs(dataclasses.replace(history.third, findings=findings), out, redact=False)
    assert (out / "findings.md").stat().st_mtime_ns != stamps["findings.md"]


@pytest.mark.slow
def test_outputs_written_by_older_report_code_are_rewritten(history, tmp_path, monkeypatch):
    from evidence_lab.report import _outputs

    out = write_outputs(history.third, tmp_path / "out", redact=False)
    stamp = (out / "findings.docx").stat().st_mtime_ns
    # the same analysis, laid out by a changed writer (as after an upgrade of a checkout)
    monkeypatch.setattr(_outputs, "_writers_digest", lambda: "a newer docx layout")
    write_outputs(history.third, out, redact=False)
    assert (out / "findings.docx").stat().st_mtime_ns != stamp


@pytest.mark.slow
def test_a_review_runs_columns_are_documented(history):
    from evidence_lab.schema import COLUMNS, documented

    for table in COLUMNS:
        frame = getattr(history.third, table)
        assert [c for c in frame.columns if not documented(table, c)] == []


@pytest.mark.slow
def test_each_statement_says_where_its_label_came_from(history):
    segs = history.third.segments.set_index("segment_id")
    assert segs.loc[history.relabelled, "label_source"] == "officer"
    assert set(segs["label_source"]) <= {"officer", "review_model", "shipped_model"}
    assert (history.first.segments["label_source"] == "shipped_model").all()  # nothing corrected
    changed = history.third.run["review"]["changed_by_corrections"]
    assert [c["segment_id"] for c in changed] == segs.index[
        segs["label_source"] == "review_model"].tolist()
    assert history.diff.changed_by_corrections["segment_id"].tolist() == [
        c["segment_id"] for c in changed]


CALL_3 = {
    "manifest.csv": "file,organisation,respondent_type\n"
                    "elm_council.txt,Elm Parish Council,council\n",
    "elm_council.txt": "Elm Parish Council response.\n\n"
                       "The front counter at Elm police station was closed without any consultation "
                       "with the parish.\n\n"
                       "Nobody from the office came to our annual meeting, and we had no apology.\n\n"
                       "The Commissioner should publish the date of the next grant round by March.\n",
}


@pytest.mark.slow
def test_a_new_call_parses_only_its_new_statements(history, calls, tmp_path, count_parses):
    path = tmp_path / "copy.duckdb"  # the history's store as it was, in a file of this test's own
    path.write_bytes(history.path.read_bytes())
    with ReviewStore(path) as store:
        stored = store.n_readings(reader_name())  # the parses (the checks' answers apart)
    assert stored > 0  # the history's runs kept what they read
    parsed = count_parses()  # as a new process starts: only the store remembers
    third = write_call(tmp_path / "february", CALL_3)
    with Review.open(path, embedder=history.embedder) as review:
        review.add_call([third], show_progress=False)
        review.analyse(show_progress=False)
    old = set(statement_texts(calls.first)) | set(statement_texts(calls.second))
    assert parsed and not old & set(parsed)  # the old calls' statements came from the store
    assert len(parsed) == len(set(parsed))  # each new text parsed once
    assert set(parsed) & set(statement_texts(third))
    with ReviewStore(path) as store:
        assert store.n_readings(reader_name()) == stored + len(parsed)


def _outputs(analysis, folder: Path) -> dict[str, bytes]:
    """What a run writes, less run.json and report.html (they show the run's timings, paths
    and run id) and the .docx (it records when it was written)."""
    write_outputs(analysis, folder, skip_unchanged=False)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.name not in ("run.json", "report.html") and p.suffix != ".docx"}


@pytest.mark.slow
def test_an_incremental_review_gives_exactly_what_a_fresh_one_gives(calls, tmp_path):
    """Two calls added one after the other, analysed after each (the second run reuses the
    first run's probabilities), against a fresh review holding both: the same labels, findings
    and draft; and again after a correction (the correction layer runs on the kept ones)."""
    embedder = get_embedder()
    with Review.open(tmp_path / "incremental.duckdb", embedder=embedder) as review:
        review.add_call([calls.first], name="october", show_progress=False)
        first = review.analyse(show_progress=False)
        review.add_call([calls.second], name="december", show_progress=False)
        second = review.analyse(show_progress=False)
        relabelled = second.segments["segment_id"].iloc[-1]
        review.relabel(relabelled, theme="commissioning", pcc_sentiment="negative", by="Jo Hart")
        corrected = review.analyse(show_progress=False)
    with Review.open(tmp_path / "fresh.duckdb", embedder=embedder) as review:
        review.add_call([calls.first], name="october", show_progress=False)
        review.add_call([calls.second], name="december", show_progress=False)
        fresh = review.analyse(show_progress=False)
        review.relabel(relabelled, theme="commissioning", pcc_sentiment="negative", by="Jo Hart")
        fresh_corrected = review.analyse(show_progress=False)

    n_first = len(first.segments)
    assert first.run["review"]["probabilities"]["reused"] == 0
    kept = second.run["review"]["probabilities"]
    assert kept["reused"] >= 2 * n_first  # themes and stance of every statement of call 1
    assert 0 < kept["computed"] < 2 * len(second.segments)
    assert corrected.run["review"]["probabilities"]["computed"] == 0  # only the layer re-ran
    assert fresh.run["review"]["probabilities"]["reused"] == 0

    for incremental, whole, name in ((second, fresh, "both"),
                                     (corrected, fresh_corrected, "corrected")):
        columns = [c for c in whole.segments.columns if c != "call_id"]
        pd.testing.assert_frame_equal(incremental.segments[columns], whole.segments[columns])
        pd.testing.assert_frame_equal(incremental.findings, whole.findings)
        written = _outputs(incremental, tmp_path / f"{name}-incremental")
        assert {"segments.csv", "findings.csv", "findings.md"} <= set(written)
        assert written == _outputs(whole, tmp_path / f"{name}-fresh")
    assert corrected.segments.set_index("segment_id").loc[relabelled, "primary_theme"] == \
        "commissioning"
