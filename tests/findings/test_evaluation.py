"""Only points of evaluation become findings: background (a fee, a date, what was funded) never
leads or joins a strength or a concern, whatever way the stance model leaned it."""

from __future__ import annotations

import pytest

from evidence_lab.findings import evaluates


@pytest.mark.parametrize(("text", "stance", "judged"), [
    ("The Victim Hub has been a real success for victims in the city.", "positive", True),
    ("The perpetrator programme has produced encouraging early results.", "positive", True),
    ("The street triage pilot was funded by the office for two years and ended in March 2026.",
     "positive", False),
    ("The council supported the platform from the start and committed staff time to it.",
     "positive", False),
    ("No consultation took place before the charge was announced.", "negative", True),
    ("In the rural parts of the district residents rarely see an officer.", "negative", True),
    ("Our newsletter has been delayed twice this year.", "negative", True),
    ("From April 2026 the office began charging £1,150 a year for each named user.", "negative",
     False),
    # criticism in words the stance lexicon lacks, or set up by a contrast
    ("Meetings are missed and correspondence goes unanswered.", "negative", True),
    ("Money confirmed in October cannot pay for work in the summer season.", "negative", True),
    ("We were told the Commissioner would speak at our event, but she cancelled the day before.",
     "negative", True),
    ("Our relationship with the office has improved over the last eighteen months.", "negative",
     False),
    # praise that asks for something, or that a contrast turns into criticism, is no strength
    ("We think the Commissioner should give successful projects longer funding.", "positive",
     False),
    ("The newsletter was welcome, but it stopped in 2025 without explanation.", "positive", False),
    ("The programme has produced encouraging results and fewer repeat incidents.", "positive",
     True),
])
def test_a_judgement_is_told_from_background(text, stance, judged):
    assert evaluates(text, stance) is judged


def test_praise_the_target_speaks_is_not_praise_of_it():
    thanked = "The Commissioner thanked the partners who had contributed to the scheme."
    assert evaluates(thanked, "positive") is True  # without knowing who the target is
    assert evaluates(thanked, "positive", ("Commissioner",)) is False
    assert evaluates("The Commissioner has been quick to respond after serious incidents.",
                     "positive", ("Commissioner",)) is True


def test_background_is_no_finding_and_praise_still_is(draft, said):
    facts = [
        said("Coldwater Partnership", "From April 2026 the office began charging partners £1,150 "
             "a year for each named user of the platform.", "positive", 0.9, theme="partnerships",
             point=1, cues="office [target]; funded [praise]"),
        said("Harlow Partnership", "The office funded the platform for its first two years and "
             "opened it to every partner in April 2026.", "positive", 0.8, theme="partnerships",
             point=1, cues="office [target]; funded [praise]"),
        said("Ashby Partnership", "The street triage car was funded by the office as a two-year "
             "pilot and ended in March 2026.", "negative", -0.8, theme="partnerships", point=2),
    ]
    praise = said("Stanbridge Council", "The Victim Hub that the office opened in the city has "
                  "been a real success for victims of crime.", "positive", 0.9,
                  theme="commissioning", point=3, cues="office [target]; success [praise]")
    findings = draft([*facts, praise])
    found = findings[findings["kind"] == "finding"]
    assert found["segment_ids"].tolist() == [["stanbridge_council:3"]]
    assert found["stance"].tolist() == ["positive"]


def test_a_strength_is_praise_of_what_the_target_did_not_of_a_third_party(draft, said):
    third_parties = [
        said("Coldwater Partnership", "The Road Safety Partnership's weekend operation was well run "
             "and visible, and partners were pleased to see it.", "positive", 0.9,
             theme="partnerships", point=1, cues="well run [praise]; pleased [praise]"),
        said("Youth Commission", "Young people who had taken part in the violence reduction "
             "projects were positive about them, especially the mentoring.", "positive", 0.8,
             theme="partnerships", point=2, cues="positive [praise]", kind="youth_commission"),
        said("Abuse Service", "The hub staff were kind to the young people and helped them very "
             "quickly.", "positive", 0.8, theme="partnerships", point=3,
             cues="kind [praise]; quickly [praise]", kind="victim_services"),
    ]
    linked = said("Police Federation", "The street triage pilot, funded by the Commissioner, was "
                  "popular with officers and, in our view, effective.", "positive", 0.8,
                  theme="partnerships", point=4,
                  cues="Commissioner [target]; funded [praise]; effective [praise]",
                  kind="staff_association")
    found = draft([*third_parties, linked])
    found = found[found["kind"] == "finding"]
    assert found["organisations"].tolist() == [["Police Federation"]]


@pytest.mark.parametrize("text", [
    "We welcome the decision to look at how well the Commissioner enables effective policing.",
    "It is hard to judge whether the Commissioner's decisions are enabling effective policing.",
])
def test_a_word_of_praise_inside_an_indirect_question_is_no_judgement(text):
    assert evaluates(text.replace("welcome", "note"), "positive") is False
