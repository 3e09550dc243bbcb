"""The command line on a small call for evidence written here: outputs, contract, exit codes.

Full analyses load the bundled models, so there are two (one per mode), shared by module fixtures.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from evidence_lab.cli import main
from evidence_lab.codebook import load_codebook
from evidence_lab.schema import SENTIMENT_LABELS

DATA = Path(__file__).parent / "data"
OUTPUTS = ["submissions.csv", "segments.csv", "themes.csv", "findings.md", "findings.docx",
           "report.html", "run.json"]
CONTRACT = ["submission_id", "organisation", "respondent_type", "primary_theme", "themes",
            "pcc_sentiment", "pcc_sentiment_score"]
FORM_IDS = ["RF-0007", "RF-0042"]


@dataclass
class Run:
    code: int
    out: Path
    stdout: str
    stderr: str

    def table(self, name: str) -> pd.DataFrame:
        return pd.read_csv(self.out / name, dtype={"submission_id": str}, keep_default_na=False)

    @property
    def manifest(self) -> dict:
        return json.loads((self.out / "run.json").read_text(encoding="utf-8"))


def run_cli(*args: str | Path, out: Path | None = None) -> Run:
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = [str(a) for a in args] + (["--out", str(out)] if out is not None else [])
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return Run(code, out or Path(), stdout.getvalue(), stderr.getvalue())


def write_call(folder: Path) -> Path:
    """Three letters (.txt, .md, .docx), a form export with its own ids, and a manifest."""
    import docx

    folder.mkdir(parents=True)
    (folder / "coldwater_csp.txt").write_text(
        "Coldwater Community Safety Partnership response\n\n"
        "The Commissioner has attended our partnership board twice this year and her team helped "
        "broker a data-sharing agreement with the council.\n"
        "However, the grant round opened with only three weeks to bid, which is far too short for "
        "small charities.\nWe were never told why our application to the community fund failed.\n",
        encoding="utf-8")
    (folder / "youth_commission.md").write_text(
        "# Ravensmoor Youth Commission\n\n"
        "- The Commissioner came to our youth forum and listened to what young people said.\n"
        "- Nobody from the office has replied to the letters we sent in the spring.\n"
        "- We would like the annual report published in a format young people can read.\n",
        encoding="utf-8")
    document = docx.Document()
    for paragraph in ["Ravensmoor Fire and Rescue Service",
                      ("Joint working between the fire service and the police has improved since "
                       "the Commissioner took on fire governance."),
                      "The shared control room has cut response times.",
                      ("Partners are being asked to pay for the shared case-management system "
                       "without consultation.")]:
        document.add_paragraph(paragraph)
    document.save(str(folder / "fire.docx"))
    (folder / "form.csv").write_text(
        "submission_id,organisation,respondent_type,text\n"
        "RF-0007,Stanbridge North Neighbourhood Watch,neighbourhood_watch,\"The neighbourhood "
        "officers have been very good, but we rarely see the PCC. The precept rise has not brought "
        "more officers to our streets.\"\n"
        "RF-0042,,,\"The 101 line takes too long to answer. The Commissioner should hold the Chief "
        "Constable to account for call waiting times.\"\n", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "file,organisation,respondent_type,received\n"
        "coldwater_csp.txt,Coldwater Community Safety Partnership,community_safety_partnership,"
        "2026-11-18\n"
        "fire.docx,Ravensmoor Fire and Rescue Service,fire_service,2026-11-05\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def call(tmp_path_factory) -> Path:
    return write_call(tmp_path_factory.mktemp("call") / "evidence")


@pytest.fixture(scope="module")
def codebook_run(call, tmp_path_factory) -> Run:
    out = tmp_path_factory.mktemp("out") / "codebook"
    return run_cli("analyse", call, "--quiet", "--title", "the test call for evidence", out=out)


@pytest.fixture(scope="module")
def discover_run(call, tmp_path_factory, build) -> Run:
    """--discover on the same call plus a truncated PDF, which must be skipped, not fatal."""
    folder = tmp_path_factory.mktemp("call_with_bad_file") / "evidence"
    shutil.copytree(call, folder)
    pdf = build.pdf_bytes([["The Commissioner attended."], ["Page two."]])
    (folder / "broken.pdf").write_bytes(pdf[: len(pdf) // 2])
    return run_cli("analyse", folder, "--discover", "--quiet",
                   out=tmp_path_factory.mktemp("out") / "discover")


@pytest.mark.slow
def test_analyse_writes_every_output(codebook_run):
    assert codebook_run.code == 0, codebook_run.stderr
    for name in OUTPUTS:
        assert (codebook_run.out / name).is_file(), name
        assert (codebook_run.out / name).stat().st_size > 0, name
    assert "Analysed 5 submissions" in codebook_run.stdout
    assert f"Report: {codebook_run.out / 'report.html'}" in codebook_run.stdout
    assert "Traceback" not in codebook_run.stderr
    import docx

    assert docx.Document(str(codebook_run.out / "findings.docx")).paragraphs
    assert "<html" in (codebook_run.out / "report.html").read_text(encoding="utf-8").lower()


@pytest.mark.slow
def test_submissions_contract(codebook_run):
    table = codebook_run.table("submissions.csv")
    assert set(CONTRACT) <= set(table.columns)
    assert sorted(table["submission_id"]) == sorted(["coldwater_csp", "youth_commission", "fire",
                                                     *FORM_IDS])
    allowed = {*load_codebook().theme_ids, "other"}
    assert set(table["primary_theme"]) <= allowed
    for themes, primary in zip(table["themes"], table["primary_theme"], strict=True):
        assert set(themes.split(";")) <= allowed
        assert primary in themes.split(";")
    assert set(table["pcc_sentiment"]) <= set(SENTIMENT_LABELS)
    scores = table["pcc_sentiment_score"].astype(float)
    assert scores.between(-1, 1).all()


@pytest.mark.slow
def test_manifest_and_form_attach_who_sent_it(codebook_run):
    table = codebook_run.table("submissions.csv").set_index("submission_id")
    assert table.loc["coldwater_csp", "organisation"] == "Coldwater Community Safety Partnership"
    assert table.loc["coldwater_csp", "respondent_type"] == "community_safety_partnership"
    assert table.loc["fire", "organisation"] == "Ravensmoor Fire and Rescue Service"
    assert table.loc["fire", "respondent_type"] == "fire_service"
    assert table.loc["RF-0007", "organisation"] == "Stanbridge North Neighbourhood Watch"
    assert table.loc["RF-0007", "respondent_type"] == "neighbourhood_watch"
    assert table.loc["youth_commission", "respondent_type"] == ""


@pytest.mark.slow
def test_segments_and_run_manifest(codebook_run):
    segments = codebook_run.table("segments.csv")
    assert {"segment_id", "submission_id", "text", "start_char", "end_char", "primary_theme",
            "pcc_sentiment"} <= set(segments.columns)
    assert set(segments["submission_id"]) == set(codebook_run.table("submissions.csv")
                                                 ["submission_id"])
    assert all(s.startswith(f"{sub}:") for s, sub in
               zip(segments["segment_id"], segments["submission_id"], strict=True))
    assert set(segments["pcc_sentiment"]) <= set(SENTIMENT_LABELS)
    run = codebook_run.manifest
    assert run["mode"] == "codebook"
    assert run["title"] == "the test call for evidence"
    assert run["skipped_files"] == []
    assert run["counts"]["submissions"] == 5
    assert run["codebook"]["source"] == "default"
    assert len(run["input_files"]) == 4


@pytest.mark.slow
def test_csv_input_keeps_its_ids(codebook_run):
    ids = codebook_run.table("submissions.csv")["submission_id"].tolist()
    assert [i for i in ids if i.startswith("RF-")] == FORM_IDS


@pytest.mark.slow
def test_bad_file_is_skipped_named_and_the_rest_analysed(discover_run):
    assert discover_run.code == 1
    assert "broken.pdf: not a readable PDF: corrupt or truncated" in discover_run.stderr
    assert "1 file(s) could not be read; see run.json" in discover_run.stderr
    assert "Traceback" not in discover_run.stderr
    [skipped] = discover_run.manifest["skipped_files"]
    assert skipped["path"].endswith("broken.pdf")
    assert skipped["reason"].startswith("not a readable PDF: corrupt or truncated")
    assert discover_run.manifest["counts"]["submissions"] == 5
    for name in OUTPUTS:
        assert (discover_run.out / name).is_file(), name


@pytest.mark.slow
def test_discover_themes_are_listed(discover_run):
    assert discover_run.manifest["mode"] == "discover"
    submissions = discover_run.table("submissions.csv")
    themes = discover_run.table("themes.csv")
    listed = set(themes["theme_id"])
    assert set(submissions["primary_theme"]) <= listed
    for value in submissions["themes"]:
        assert set(value.split(";")) <= listed
    assert set(submissions["pcc_sentiment"]) <= set(SENTIMENT_LABELS)


@pytest.mark.slow
def test_evaluate_prints_macro_f1():
    run = run_cli("evaluate", DATA / "tiny_gold.jsonl")
    assert run.code == 0, run.stderr
    header, *rows = run.stdout.splitlines()
    assert header.split() == ["task", "n", "macro-F1", "accuracy", "kappa", "alpha"]
    scored = {line.split()[0]: line.split() for line in rows if not line.startswith(" ")}
    assert set(scored) == {"theme", "theme_main", "pcc_sentiment"}
    assert scored["theme"][1] == "7" and scored["pcc_sentiment"][1] == "6"
    assert all(0 <= float(scored[task][2]) <= 1 for task in scored)


def test_malformed_codebook_is_one_line_exit_2(tmp_path, call):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("target:\n  name: PCC\nthemes:\n  - id: Bad Id\n    label: x\n"
                   "    description: y\n", encoding="utf-8")
    run = run_cli("analyse", call, "--codebook", bad, out=tmp_path / "out")
    assert run.code == 2
    assert run.stderr == (f"evidence-lab: error: {bad}: field 'themes[0].id': 'Bad Id' is not a "
                          "valid id. Fix: use lower-case letters, digits and underscores, starting "
                          "with a letter\n")
    assert not (tmp_path / "out").exists()


def test_codebook_that_is_not_yaml_exit_2(tmp_path, call):
    bad = tmp_path / "codebook.yaml"
    bad.write_text("themes: [unclosed\n", encoding="utf-8")
    run = run_cli("analyse", call, "--codebook", bad, out=tmp_path / "out")
    assert run.code == 2
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith(f"evidence-lab: error: {bad}: field '(file)': is not valid YAML")


def test_malformed_gold_file_exit_2(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Fine.", "theme": "other"}\nnot json\n', encoding="utf-8")
    run = run_cli("evaluate", gold)
    assert run.code == 2
    assert run.stderr == (f"evidence-lab: error: {gold}: line 2 is not valid JSON; write one "
                          "object per line\n")


def test_no_readable_input_exit_2(tmp_path):
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    run = run_cli("analyse", folder, "--quiet", out=tmp_path / "out")
    assert run.code == 2
    assert run.stderr.startswith(f"evidence-lab: error: No readable submissions in {folder} "
                                 f"({folder / 'empty.txt'}: the file is empty (0 bytes))")
    assert "Traceback" not in run.stderr


def test_missing_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    assert "usage: evidence-lab" in capsys.readouterr().err


@pytest.mark.slow
def test_evaluate_writes_errors_and_per_voice_figures(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = (DATA / "tiny_gold.jsonl").read_text(encoding="utf-8").splitlines()
    voiced = [line.replace('{"id"', f'{{"voice": "{"press" if i % 2 else "minutes"}", "id"')
              for i, line in enumerate(lines)]
    gold.write_text("\n".join([*voiced, '{"text": "The meeting closed at noon.", '
                               '"theme": "engagement", "pcc_sentiment": "negative"}']) + "\n",
                    encoding="utf-8")
    errors = tmp_path / "errors.csv"
    run = run_cli("evaluate", gold, "--errors", errors)
    assert run.code == 0, run.stderr
    voices = [line.split()[0] for line in run.stdout.splitlines()
              if line.startswith(("minutes", "press"))]
    assert voices == ["minutes", "press"]
    table = pd.read_csv(errors)
    assert "The meeting closed at noon." in table["text"].tolist()  # wrong on both tasks
    assert {"theme_score_engagement", "stance_proba_negative", "stance_evidence"} <= set(table.columns)
    assert (table["theme_wrong"] | table["stance_wrong"]).all()
