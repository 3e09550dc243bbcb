"""The documented quantifier mapping and meaning-preserving reported speech."""

from __future__ import annotations

import pandas as pd
import pytest

import evidence_lab as el
from evidence_lab.codebook import load_codebook
from evidence_lab.findings import (
    action_phrase,
    number_word,
    quantifier,
    short_quote,
    speaks_of_itself,
    to_reported_speech,
    unresolved_reference,
)


@pytest.mark.parametrize(("count", "total", "word"), [
    (1, 15, "one"), (2, 15, "a few"), (3, 15, "a few"), (4, 15, "several"), (6, 15, "several"),
    (7, 15, "many"), (8, 15, "the majority of"), (15, 15, "all"), (2, 3, "the majority of"),
    (2, 2, "all"), (0, 5, "no")])
def test_quantifier_mapping(count, total, word):
    assert quantifier(count, total) == word


def test_the_majority_is_never_written_over_a_small_share():
    for total in range(2, 40):
        for count in range(1, total + 1):
            if quantifier(count, total) == "the majority of":
                assert count * 2 > total


@pytest.mark.parametrize(("sentence", "reported"), [
    ("We are still waiting for the rural crime strategy.",
     "they are still waiting for the rural crime strategy"),
    ("However, our members have stopped applying to the fund.",
     "their members have stopped applying to the fund"),
    ("I wrote to the Commissioner and nobody replied to me.",
     "they wrote to the Commissioner and nobody replied to them"),
    ("We believe that the grant round should open in April.",
     "the grant round should open in April"),
    ("The Victim Hub has improved the route to our service.",
     "the Victim Hub has improved the route to their service"),
    ("Marcus Doyle came to our workshops.", "Marcus Doyle came to their workshops"),
    ("OPCC staff answered our questions quickly.", "OPCC staff answered their questions quickly"),
    # minutes' reporting frames: the lead already says who reported it
    ("It was heard that, as well as the survey, questions came from surgeries.",
     "as well as the survey, questions came from surgeries"),
    ("Members also heard that the working group had raised a concern.",
     "the working group had raised a concern"),
])
def test_reported_speech_keeps_the_meaning(sentence, reported):
    assert to_reported_speech(sentence) == reported


def test_a_respondent_known_only_by_an_id_is_named_once():
    from evidence_lab.findings._draft import lead_sentence

    lead = lead_sentence("one respondent", "Respondent 004_e2ef4a96", 1,
                         "The grant round opened late.", "negative", 0)
    assert lead == "One respondent (004_e2ef4a96) said that the grant round opened late."
    lead = lead_sentence("one university", "University of Merebridge", 1, "The round was late.",
                         "negative", 0)
    assert lead == "One university, University of Merebridge, said that the round was late."


def test_short_quote_is_verbatim_and_marks_a_cut():
    text = " ".join(f"w{i}" for i in range(50))
    quote = short_quote(text, max_words=10)
    assert quote == " ".join(f"w{i}" for i in range(10)) + " …"
    assert short_quote("Short and whole.") == "Short and whole."
    assert number_word(3) == "three" and number_word(20) == "20"


@pytest.mark.parametrize(("sentence", "reference"), [
    ("Whilst we appreciated that letter, it does not explain the delay.", "that letter"),
    ("The new charge has undone some of that progress.", "that progress"),
    ("I wrote to the Commissioner about it in September.", "it"),
    ("This was the office's idea and it saved us time.", "This"),
    ("They told us the board was cancelled.", "They"),
    ("The council therefore has a strong interest in the outcome.", "therefore"),
    ("The fund opened in July and closed four weeks later.", None),
    ("It would help if the office sent a short update.", None),
    ("Those who reported a crime were not told what happened next.", None),
    ("This year the grant round opened late.", None),
    ("To our knowledge it has not been published.", "it"),
    # an opening "It" standing for something said before, not introducing a clause
    ("It has still not been published, and the review that was meant to inform it is late.", "It"),
    ("It was clear that the office had not read our report.", None),
    # "he"/"she" with no name before them: who?
    ("We appreciate the time she has given to officer welfare.", "she"),
    ("He accepted, then withdrew two days before the meeting.", "He"),
    ("Nobody from the Commissioner's office has come since he was elected.", None),
    ("By then two of our workers had been given notice.", "By then"),
    # an acronym names an organisation, which "it" can stand for; a person's name cannot
    ("In May the OPCC told partners that it would charge for each user.", None),
    ("In May Ms Hale told partners that it would charge for each user.", "it"),
    # a connective carries on the sentence before it, when there is one
    ("We backed the scheme in 2024. It was therefore a shock when the scheme closed.", None),
    # "that" + a noun the parser reads as opening a clause, with no verb to make one
    ("Passing control to the office would undermine that cooperation, cut its funding.",
     "that cooperation"),
    ("We know that funding was cut last year.", None),
    ("The office said that progress in the first year was slow.", None),
    ("We were told that money would follow.", None),
])
def test_references_to_an_earlier_sentence_are_found(sentence, reference):
    assert unresolved_reference(sentence) == reference


@pytest.mark.parametrize(("sentence", "speaks"), [
    ("You informed the panel that most incidents were domestic.", True),
    ("We hope you will consider these points before the budget is set.", True),
    ("Your office has not replied to our letters.", True),
    # a title's capitalised "Your" and thanks say "you" to nobody
    ("The two \"Your Police, Your Say\" meetings were advertised only a week in advance.", False),
    ("Thank you for the chance to respond to the review of the grants scheme.", False),
])
def test_a_statement_that_says_you_to_whoever_it_was_written_to(sentence, speaks):
    from evidence_lab.findings._references import speaks_to_someone

    assert speaks_to_someone(sentence) is speaks


@pytest.mark.parametrize(("statement", "action"), [
    ("We recommend that the Commissioner publishes the timetable for each round.",
     "publishes the timetable for each round"),
    ("The Commissioner should make sure that volunteers are told about it.", None),
    ("We would welcome the Commissioner taking a visible lead on mental health.",
     "takes a visible lead on mental health"),
    ("We ask the Commissioner to explain the decision, and to meet the council each year.",
     "explains the decision"),  # one request: the second ask is cut
    (("We recommend that the Commissioner publishes the rural crime strategy, which would give a "
     "basis for measuring progress."), "publishes the rural crime strategy"),
    (("We recommend that the Commissioner publishes the running costs of the platform, consults "
     "partners on a fair model, and considers a licence."), "publishes the running costs of the platform"),
    ("We do not suggest the Commissioner should interfere in operational matters.", None),
    # asked after the fact: a commitment for the future, never "has given"
    ("The Commissioner should have given partners more notice of the closure of the station.",
     "in future, gives partners more notice of the closure of the station"),
])
def test_requests_become_the_panels_recommendation_form(statement, action):
    codebook = load_codebook(el.sample_call().codebook)
    assert action_phrase(statement, codebook) == action


def test_a_respondent_known_only_by_its_kind_reads_as_a_description():
    from evidence_lab.findings._common import described_by_kind, org_list

    book = load_codebook()
    organisations = pd.Series(["Member of the public", "Kettering Moor Parish Council",
                               "Ashby Vale Community Safety Partnership", "Youth Commission"])
    kinds = pd.Series(["public", "parish_council", "community_safety_partnership",
                       "youth_commission"])
    described = described_by_kind(organisations, kinds, book)
    # sentence case is a description; title case ("Youth Commission") is a name and stays
    assert described.tolist() == ["member of the public", "Kettering Moor Parish Council",
                                  "Ashby Vale Community Safety Partnership", "Youth Commission"]
    assert org_list(described) == ("Ashby Vale Community Safety Partnership, Kettering Moor "
                                   "Parish Council, Youth Commission and a member of the public")
    assert org_list(described[:1]) == "member of the public"  # "One member of the public said"


@pytest.mark.parametrize(("opening", "rest"), [
    ("Our volunteers in", " and five others) made a similar point."),  # about the respondent itself
    ("Volunteers in", "Ashby Partnership, Barton Partnership, Coldwater Partnership and five others)"),
])
def test_a_finding_of_many_organisations_names_three_and_counts_the_rest(draft, said, opening,
                                                                         rest):
    places = ["Ashby", "Barton", "Coldwater", "Denby", "Elham", "Fenwick", "Grayling", "Harlow"]
    table = draft([said(f"{place} Partnership", f"{opening} {place} never hear what happens to the "
                        "speed readings they send to the office.", "negative", -0.9 + i / 100,
                        cues="office [target]; never hear [implied]")
                   for i, place in enumerate(places)])
    finding = table[table["kind"] == "finding"].iloc[0]
    assert finding["n_organisations"] == 8
    assert finding["organisations"] == sorted(f"{p} Partnership" for p in places)  # all, in the data
    named = [p for p in places if f"{p} Partnership" in finding["text"]]
    assert len(named) == 3 and "Ashby" in named  # the organisation quoted is among those named
    assert rest in finding["text"]
    assert len(finding["text"].split()) <= 40  # words, counted as the letter prints them


@pytest.mark.parametrize(("text", "organisation", "own"), [
    ("Our forum meets every quarter and the office never comes.", "Rural Crime Forum", True),
    ("The office has published no figures, so the council cannot tell what changed.",
     "Calderwick Borough Council", True),
    ("The office has published no figures on waiting times.", "Calderwick Borough Council", False),
])
def test_a_statement_about_its_own_respondent_is_told(text, organisation, own):
    assert speaks_of_itself(text, organisation) is own
