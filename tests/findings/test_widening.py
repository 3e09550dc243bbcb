"""Several organisations making one point in other words make one finding: a shared kind of
complaint ("still waiting", "has not appeared") widens a claim that embeddings alone keep narrow,
and the finding then says the point in words true of every organisation it names, with the lead
as its own organisation's example."""

from __future__ import annotations

import pytest

from evidence_lab.findings import complaints_in, point_of


@pytest.mark.parametrize(("text", "kinds"), [
    ("We are still waiting for a formal response to our report.", ("waiting",)),
    ("Eighteen months after the consultation closed it has not appeared.", ("waiting",)),
    ("Nobody from the office came to our summer meeting.", ("absence",)),
    ("Our volunteers never hear what happens to the readings.", ("feedback",)),
    ("The branch was given only four weeks'\nnotice of the proposals.", ("notice",)),
    ("Rest days are cancelled at short notice.", ()),  # not the target's doing
    ("The programme is confirmed only one year at a time, so staff are put on notice.",
     ("funding",)),
    ("The dashboard has not been updated since March, so residents cannot see progress.",
     ("publication",)),
    ("We have been waiting since April for training and nobody has given us a date.", ("waiting",)),
    # absence in other words; not the respondent's own
    ("The Commissioner himself has not come to any of our meetings this year.", ("absence",)),
    ("Our forum invited him to three meetings, and each time he sent apologies.", ("absence",)),
    ("His public meeting in the town was cancelled twice this year.", ("absence",)),
    ("We have not attended the meetings since the spring.", ()),
    # funding decided late or short in other words
    ("The grant is decided too late for us to plan.", ("funding",)),
    ("Our contract has been extended for a year at a time since 2023.", ("funding",)),
])
def test_kinds_of_complaint(text, kinds):
    assert complaints_in(text) == kinds


def _waiting(said):
    return [
        said("Kettering Partnership", "The rural crime strategy that the office consulted on in "
             "spring 2025 has still not been published.", "negative", -0.95, point=1,
             cues="office [target]; not been published [implied]"),
        said("Youth Commission", "Our 2025 report went to the Commissioner in October, and we are "
             "still waiting for a formal response to our recommendations.", "negative", -0.9,
             point=2, cues="Commissioner [target]; still waiting [implied]",
             kind="youth_commission"),
        said("Farm Watch", "Our members sent their views on rural policing in May and are still "
             "waiting for the promised summit on it.", "negative", -0.9, point=3,
             cues="still waiting [implied]", kind="rural_group"),
        # close to the lead in wording, but a different complaint: not named in the widened point
        said("Harlow Partnership", "The rural crime strategy consultation in spring 2025 was badly "
             "organised and confusing for partners.", "negative", -0.8,
             vector=(0.0, 0.9, 0.0, 0.0, 0.44), cues="confusing [criticism]"),
    ]


def test_one_point_in_other_words_is_one_finding_naming_only_who_made_it(draft, said):
    table = draft(_waiting(said))
    found = table[table["kind"] == "finding"].set_index("finding_id")
    widened = found[found["n_organisations"] == 3].iloc[0]
    assert widened["organisations"] == ["Farm Watch", "Kettering Partnership", "Youth Commission"]
    assert widened["text"] == (
        "Evidence from the majority of respondents (Farm Watch, Kettering Partnership and Youth "
        "Commission) "
        "suggested that they were still waiting for something that had been promised or consulted "
        "on: for example, Kettering Partnership said that the rural crime strategy that the office "
        "consulted on in spring 2025 has still not been published.")
    assert point_of(widened["text"], "the Commissioner") == (
        "they were still waiting for something that had been promised or consulted on")
    assert "Harlow Partnership" not in widened["text"]


def test_one_kind_of_praise_in_other_words_is_one_strength(draft, said):
    table = draft([
        said("Youth Commission", "We want to thank the Deputy Commissioner, who came to four of our "
             "workshops and listened properly.", "positive", 0.8, point=1,
             cues="Commissioner [target]; thank [praise]", kind="youth_commission"),
        said("Business Partnership", "The Deputy Commissioner attends our business crime forum each "
             "quarter, and members appreciate having a senior figure in the room.", "positive", 0.7,
             point=2, cues="Commissioner [target]; appreciate [praise]", kind="business"),
    ])
    found = table[table["kind"] == "finding"]
    assert found["organisations"].tolist() == [["Business Partnership", "Youth Commission"]]
    assert found["text"].iloc[0].startswith(
        "It was recognised by both respondents (Business Partnership and Youth Commission) that the "
        "Commissioner's office had come to their meetings in person: for example, ")
    assert complaints_in(found["text"].iloc[0]) == ()  # praise is no complaint


def test_praise_of_one_named_service_in_other_words_is_one_strength(draft, said):
    table = draft([
        said("City Council", "The Victim Hub, which the office opened in 2025, has been a real "
             "success for victims in the city.", "positive", 0.9, theme="commissioning", point=1,
             cues="office [target]; success [praise]", kind="council"),
        said("Abuse Service", "The Victim Hub, funded by the office, has improved the route to our "
             "service considerably this year.", "positive", 0.8, theme="commissioning", point=2,
             cues="office [target]; improved [praise]", kind="victim_services"),
        # praise of the service's own staff, not linked to the target: no strength of the target's
        said("Youth Commission", "The Victim Hub sounds like a good service, and the staff were "
             "kind and helped them quickly.", "positive", 0.8, theme="commissioning", point=4,
             cues="good [praise]; quickly [praise]", kind="youth_commission"),
        said("Youth Commission", "The new youth panel has been a real success with young people in "
             "the county.", "positive", 0.8, theme="commissioning", point=3,
             cues="success [praise]", kind="youth_commission"),
    ])
    found = table[table["kind"] == "finding"]
    hub = found.iloc[0]
    assert hub["organisations"] == ["Abuse Service", "City Council"]
    assert hub["text"].startswith("The majority of respondents (Abuse Service and City Council) "
                                  "spoke well of the Victim Hub: for example, ")
    assert len(found) == 1  # the praise that names no part of the target's is no strength


def test_praise_naming_the_same_scheme_in_other_words_is_one_strength(draft, said):
    """Neither statement's subject is the scheme ("the lighting", "we"), and their wording is
    far apart, but both praise what the target did for Safer Streets: one strength. Praise
    naming another scheme stays apart."""
    lighting = said("Northfold Partnership", "The Safer Streets cameras that the office funded on "
                    "the estate have been a real success.", "positive", 0.9, theme="commissioning",
                    point=1, cues="office [target]; success [praise]")
    funding = said("Borough Council", "We welcome the Safer Streets funding that the office "
                   "secured, which has made a visible difference to residents.", "positive", 0.8,
                   theme="commissioning", point=2, cues="office [target]; welcome [praise]",
                   kind="council")
    other = said("Youth Commission", "We welcome the Youth Voice grants that the office funded, "
                 "which have been a real success with young people.", "positive", 0.8,
                 theme="engagement", point=3, cues="office [target]; success [praise]",
                 kind="youth_commission")
    found = draft([lighting, funding, other])
    found = found[found["kind"] == "finding"]
    scheme = found[found["n_organisations"] == 2]
    assert scheme["organisations"].tolist() == [["Borough Council", "Northfold Partnership"]]
    assert " spoke well of the Safer Streets cameras: for example, " in scheme["text"].iloc[0]
    assert found["organisations"].map(tuple).tolist().count(("Youth Commission",)) == 1
    assert len(found) == 2
