"""Learning the target's office holders from the evidence's own appositions."""

from __future__ import annotations

import pandas as pd
import pytest

from evidence_lab.codebook import load_codebook
from evidence_lab.office_holders import learn_office_holders, with_learned_holders


@pytest.fixture(scope="module")
def target():
    return load_codebook(None).target


@pytest.mark.parametrize("text, name", [
    ("Police and Crime Commissioner Martin Hale opened the new hub in March.", "Martin Hale"),
    ("The Commissioner, Mr Ron Ashby, introduced his annual report.", "Ron Ashby"),
    ("Jane Doe, the county's Police and Crime Commissioner, said she was delighted.", "Jane Doe"),
    ("PCC Tom O'Brien's office replied within a week.", "Tom O'Brien"),
])
def test_a_name_in_apposition_with_the_office_is_learned(target, text, name):
    assert learn_office_holders(target, [text]) == (name,)


@pytest.mark.parametrize("text", [
    "The PCC Annual Report was published in July.",                      # not a person
    "Assistant Commissioner Pat Jones of the Metropolitan Police spoke.",  # a police rank
    "We met the Commissioner and Sarah Brown, our chair, in May.",         # a list, not apposition
    "Sarah Brown said the Commissioner had not replied.",                  # no apposition at all
])
def test_no_name_is_learned_without_a_strict_apposition(target, text):
    assert learn_office_holders(target, [text]) == ()


def test_a_known_holder_is_not_learned_again():
    book = load_codebook(None)
    once = with_learned_holders(book, ["Police and Crime Commissioner Martin Hale spoke."])
    assert once.target.office_holders == (*book.target.office_holders, "Martin Hale")
    assert with_learned_holders(once, ["PCC Martin Hale spoke."]) is once


def test_a_later_statement_naming_only_the_holder_is_about_the_target(tmp_path):
    from evidence_lab import analyse

    submissions = pd.DataFrame({
        "submission_id": ["press", "minutes"],
        "text": ["Police and Crime Commissioner Martin Hale opened the new victims' hub in March.",
                 "Members thanked Mr Hale for opening the hub so quickly."],
    })
    result = analyse(submissions)
    thanked = result.segments[result.segments["text"].str.startswith("Members thanked")].iloc[0]
    assert thanked["mention_kind"] == "explicit"
    assert result.run["office_holders_learned"] == ["Martin Hale"]
    # the models were fitted for the codebook as given: its key did not change
    assert result.codebook.target.office_holders[-1] == "Martin Hale"
    # a public office holder, kept in the outputs as a codebook's office holders are
    from evidence_lab.report import write_outputs

    write_outputs(result, tmp_path / "out")
    written = (tmp_path / "out" / "segments.csv").read_text(encoding="utf-8")
    assert "Commissioner Martin Hale opened" in written
    # in the same forms only: a surname after an honorific may be a private namesake
    assert "thanked Mr [name] for" in written


def test_a_cached_review_run_keeps_the_learned_holders(tmp_path):
    from evidence_lab import Review

    folder = tmp_path / "call"
    folder.mkdir()
    (folder / "press.txt").write_text(
        "Police and Crime Commissioner Martin Hale opened the new victims' hub in March.\n",
        encoding="utf-8")
    (folder / "council.txt").write_text(
        "We thank Mr Hale for the hub, which our residents already use.\n", encoding="utf-8")
    review = Review.open(tmp_path / "review")
    review.add_call(folder)
    fresh = review.analyse()
    again = review.analyse()
    assert fresh.run["office_holders_learned"] == ["Martin Hale"]
    assert again.codebook.target.office_holders == fresh.codebook.target.office_holders
