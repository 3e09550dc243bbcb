"""Form exports with one column per question: one submission per row, each answer under its question."""

from __future__ import annotations

import pytest

from evidence_lab.errors import UnreadableFileError
from evidence_lab.ingest import READERS, read_inputs
from evidence_lab.segmentation import add_context, segment

FUNDING = "How well did the grant round work for you?"
CONTACT = "Has the office kept you informed of its decisions"
ROWS = [
    ["id", "Organisation", "Your email address", "District", FUNDING, CONTACT, "Rating"],
    ["F-1", "Harbour Residents", "chair@example.org", "North",
     "It opend to late for us. The money came in October.", "Not at all, we heard nothing back.",
     "2"],
    ["F-2", "", "", "South", "", "Yes, the newsletter is useful.", "4"],
    ["F-3", "", "", "East", "", "", "5"],
]


def _write(tmp_path, build, suffix):
    if suffix == ".xlsx":
        return build.xlsx(tmp_path / "form.xlsx", ROWS)
    import csv

    path = tmp_path / "form.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(ROWS)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_each_answer_is_read_under_its_question(tmp_path, build, suffix):
    path = _write(tmp_path, build, suffix)
    first, second = READERS[suffix](path)  # F-3 answered no question: not a submission
    assert first.text == ("It opend to late for us. The money came in October.\n\n"
                          "Not at all, we heard nothing back.")
    assert first.metadata["fields"] == [[0, 51, FUNDING], [53, 87, CONTACT]]
    assert [first.text[s:e] for s, e, _ in first.metadata["fields"]] == [ROWS[1][4], ROWS[1][5]]
    # the email, district and rating are kept as metadata, never read as evidence
    assert {k: v for k, v in first.metadata.items() if k != "fields"} == {
        "Your email address": "chair@example.org", "District": "North", "Rating": "2"}
    assert first.organisation == "Harbour Residents"
    assert second.text == "Yes, the newsletter is useful."
    assert second.metadata["fields"] == [[0, 30, CONTACT]]


def test_statements_carry_their_question(tmp_path, build, nlp):
    result = read_inputs(_write(tmp_path, build, ".csv"), quiet=True)
    assert result.submissions["submission_id"].tolist() == ["F-1", "F-2"]
    context = add_context(segment(result.submissions, nlp=nlp, show_progress=False),
                          result.submissions)
    assert list(zip(context["text"], context["heading"], context["previous_text"],
                    strict=True)) == [
        ("It opend to late for us.", FUNDING, ""),
        ("The money came in October.", FUNDING, "It opend to late for us."),
        ("Not at all, we heard nothing back.", CONTACT, ""),
        ("Yes, the newsletter is useful.", CONTACT, ""),
    ]


def test_a_text_column_still_wins(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text(f'text,"{FUNDING}"\nThe office replied.,It was far too short for us\n',
                    encoding="utf-8")
    [doc] = READERS[".csv"](path)
    assert doc.text == "The office replied."
    assert doc.metadata == {FUNDING: "It was far too short for us"}


def test_questions_with_no_answers_are_refused(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text(f'id,"{FUNDING}"\nA1,\nA2,  \n', encoding="utf-8")
    with pytest.raises(UnreadableFileError, match=r"has no 'text' column .*or head each free-text "
                       r"column with its question$"):
        READERS[".csv"](path)


@pytest.mark.slow
def test_questions_and_previous_statements_are_redacted_in_outputs(tmp_path):
    import csv

    import evidence_lab as el

    question = "What happened when you rang the office on 01632 960123 about the grant?"
    path = tmp_path / "form.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        answer = ("Write to me at jo.bloggs@example.org for details. The Commissioner's office "
                  "never rang back about the grant round.")
        csv.writer(handle).writerows([["id", question], ["F-1", answer]])
    analysis = el.analyse([path], show_progress=False)
    assert question in set(analysis.segments["heading"])  # the analysis keeps the originals
    out = el.write_outputs(analysis, tmp_path / "out")
    rows = list(csv.DictReader((out / "segments.csv").read_text(encoding="utf-8").splitlines()))
    assert [r["previous_text"] for r in rows][1].startswith("Write to me at [")
    written = (out / "segments.csv").read_text(encoding="utf-8")
    assert "01632 960123" not in written and "jo.bloggs@example.org" not in written
