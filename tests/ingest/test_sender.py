"""Who sent a submission when no manifest says: the letter's own words, else its file name."""

from __future__ import annotations

import pytest

from evidence_lab.ingest import read_inputs
from evidence_lab.ingest._sender import name_from_file, sender_in_text


@pytest.mark.parametrize(("text", "sender"), [
    ("Dear Chair,\nI write on behalf of the Harlow Fen Community Safety Partnership.\nThe fund "
     "was late.", "Harlow Fen Community Safety Partnership"),
    ("Response from Tarnley Parish Council\n\nWe welcome the review.", "Tarnley Parish Council"),
    ("Evidence from the University of Merebridge, Department of Criminology\nOur findings.",
     "University of Merebridge"),
    ("From: Ossington Vale Victim Support Trust\nTo: the panel\nWe support victims.",
     "Ossington Vale Victim Support Trust"),
    # the signature block: the organisation after the person and their role, never the person
    ("Our board met twice.\n\nYours sincerely\nJane Roe, Chair, Merebridge Youth Commission",
     "Merebridge Youth Commission"),
    ("We were not consulted.\n\nYours faithfully\nJ Smith\nClerk to Fenwick St Mary Parish Council",
     "Fenwick St Mary Parish Council"),
    ("I write on behalf of Jane Roe of the Mill Lane Residents Association.",
     "Mill Lane Residents Association"),  # the organisation without the person
])
def test_the_sender_is_the_organisation_the_letter_names_itself_by(text, sender):
    assert sender_in_text(text) == sender


@pytest.mark.parametrize("text", [
    "We think the Commissioner is doing well.\nCouncillor Bob Jones",  # a person, not a body
    "I am responding on behalf of my family.",
    "On behalf of Mrs Okafor Residents Group, thank you.",  # could be a person's name: not kept
    "Submission to the Ravensmoor Police and Crime Panel\n\nOur concerns follow.",  # the recipient
    "Members of the Hampshire Police and Crime Panel reviewed the draft.",
    "The Commissioner has never visited Tarnley Parish Council, although we asked.",  # in a sentence
])
def test_no_sender_is_guessed_from_a_person_the_recipient_or_a_sentence(text):
    assert sender_in_text(text) is None


@pytest.mark.parametrize(("stem", "name"), [
    ("kettering_moor_csp", "Kettering Moor CSP"),
    ("ravensmoor_iag_reply", "Ravensmoor IAG Reply"),
    ("response-from-tarnley-parish-council", "Tarnley Parish Council"),
    ("submission_03", "Submission 03"),
    ("001_a3d2ee8318056f83", "Respondent 001_a3d2ee8318056f83"),  # a hash is not a name
])
def test_a_file_name_reads_as_a_name_or_stays_an_id(stem, name):
    assert name_from_file(stem, stem) == name


def test_ingest_credits_the_letter_s_own_name_before_the_file_name(tmp_path):
    (tmp_path / "7f3a9c01.txt").write_text(
        "Response from Brackenfold Neighbourhood Watch\n\nNobody from the office came to our "
        "meeting.\n", encoding="utf-8")
    (tmp_path / "manifest_says.txt").write_text("On behalf of Tarnley Parish Council: thanks.\n")
    (tmp_path / "manifest.csv").write_text("file,organisation\nmanifest_says.txt,Tarnley Town "
                                           "Council\n", encoding="utf-8")
    table = read_inputs(tmp_path, quiet=True).submissions.set_index("submission_id")
    assert table.loc["7f3a9c01", "organisation"] == "Brackenfold Neighbourhood Watch"
    assert table.loc["manifest_says", "organisation"] == "Tarnley Town Council"  # the manifest wins
