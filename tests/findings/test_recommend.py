"""Recommendations are short requests in the panel's form: the evidence's own request where one
answers the concern (on whatever theme it was coded), else a remedy built from the concern's
subject, never a restatement of the concern."""

from __future__ import annotations

import pytest

from evidence_lab.findings import ANSWER_SIMILARITY, remedy

STRATEGY = "However, the rural crime strategy that the office consulted on in spring 2025 has still " \
           "not been published, and we are still waiting for the summit that was promised."


@pytest.mark.parametrize(("lead", "shared", "action"), [
    (STRATEGY, {"strategy"},
     "publishes the rural crime strategy, or sets a date by which it will be published"),
    (("No consultation took place, and the charge was announced after the council had set the "
     "budget."), {"charge"}, "consults partners before taking decisions that affect them"),
    (("The closure of the public front counter at the police station has been keenly felt by older "
     "residents."), {"closure"},
     ("reviews the closure of the public front counter at the police station in the light of this "
     "evidence and reports back to the Panel")),
    # what a respondent is "still waiting for" is the subject
    (("Our 2025 report went to the office in October, and we are still waiting for a formal response "
     "to our recommendations."), {"report"},
     ("publishes the formal response to the recommendations, or sets a date by which it will be "
      "published")),
    # the complaint's own words ("only a few weeks' notice") are not its subject
    (("The closure of the front counter at the police station was announced with only a few weeks' "
     "notice."), {"notice", "week"},
     "for future closures, gives partners more notice"),
    (("In 2025 the consultation draft reached us with ten working days for comment, which did not "
      "fit our board cycles."), {"draft"}, "for future consultation drafts, gives partners more notice"),
    # what the complaint's verb lacks is the subject; the respondent itself never is
    (("The office has not published any figures on 101 waiting times, so the council cannot tell "
      "whether anything changed."), {"figure"},
     "publishes the figures on 101 waiting times, or sets a date by which they will be published"),
    # a relative clause that points back is left out of the subject
    (("The review of the referral service that was meant to inform it has still not been "
      "published."), set(), ("publishes the review of the referral service, or sets a date by which "
     "it will be published")),
])
def test_a_remedy_acts_on_the_concerns_subject(lead, shared, action):
    assert remedy(lead, frozenset(shared), frozenset({"office"})) == action


CHARGED = "The charge was announced without any consultation, after the council set its budget."


@pytest.mark.parametrize(("given", "evidence", "action"), [
    # "the charge" alone: which charge? the finding's evidence (its heading here) says
    (frozenset(), ["The platform charge"],
     "consults partners before any further decision on the platform charge"),
    (frozenset(), ["We pay £900 for each user of the case platform."],
     "consults partners before taking decisions that affect them"),  # nothing says which
    # a charge every respondent knows by that name needs nothing more
    (frozenset({"charge"}), [], "consults partners before any further decision on the charge"),
])
def test_a_remedy_names_its_subject_as_the_evidence_does(given, evidence, action):
    assert remedy(CHARGED, frozenset({"budget"}), frozenset({"office"}), given, evidence) == action


def _concern(said, org: str, text: str, point: int, theme: str = "engagement"):
    return said(org, text, "negative", -0.95, theme=theme, point=point,
                cues="office [target]; still waiting [implied]")


def test_a_concern_nobody_asked_about_gets_a_short_remedy(draft, said):
    table = draft([
        _concern(said, "Kettering Partnership", STRATEGY, 1),
        _concern(said, "Harlow Partnership", "The rural crime strategy the office promised us has "
                 "still not been published and we are still waiting for it.", 1),
    ])
    recs = table[table["kind"] == "recommendation"]
    finding = table[table["kind"] == "finding"]["finding_id"].iloc[0]
    assert recs["text"].tolist() == [("That the Commissioner publishes the rural crime strategy, or "
                                     "sets a date by which it will be published.")]
    assert recs["finding_ids"].tolist() == [[finding]]


def test_a_request_on_another_theme_answers_nothing_and_the_concern_takes_a_remedy(draft, said):
    table = draft([
        _concern(said, "Kettering Partnership", STRATEGY, 1),
        _concern(said, "Harlow Partnership", "The rural crime strategy the office promised us has "
                 "still not been published and we are still waiting for it.", 1),
        said("Kettering Partnership", "We recommend that the Commissioner publishes the strategy "
             "before the summer.", "neutral", 0.0,
             theme="operational_policing", vector=(0.0, 0.6, 0.8)),
    ])
    recs = table[table["kind"] == "recommendation"]
    assert recs["text"].tolist() == [("That the Commissioner publishes the rural crime strategy, or "
                                     "sets a date by which it will be published.")]


def test_a_request_answers_a_concern_only_when_it_answers_its_lead(draft, said):
    """Close to one of the concern's other statements (0.6) but not to its lead (0.2): loosely
    related, so not tied to it; close to the lead and about what it names: tied."""
    lead = _concern(said, "Kettering Partnership", STRATEGY, 1)
    lead.vector = (0.0, 1.0, 0.0, 0.0)
    other = _concern(said, "Harlow Partnership", "The rural crime strategy the office promised us "
                     "has still not been published and we are still waiting for it.", 1)
    other.vector = (0.0, 0.7, 0.71, 0.0)
    loose = said("Ashby Partnership", "We recommend that the Commissioner publishes the strategy "
                 "for volunteers in the coastal towns.", "neutral", 0.0,
                 vector=(0.0, 0.2, 0.8, 0.57))
    table = draft([lead, other, loose])
    recs = table[table["kind"] == "recommendation"]
    assert not recs["text"].str.contains("coastal").any()
    answering = said("Ashby Partnership", "We recommend that the Commissioner publishes the rural "
                     "crime strategy before the summer.", "neutral", 0.0,
                     vector=(0.0, 0.6, 0.0, 0.8))
    recs = draft([lead, other, answering])
    recs = recs[recs["kind"] == "recommendation"]
    assert recs["text"].tolist() == [("That the Commissioner publishes the rural crime strategy "
                                     "before the summer.")]
    assert ANSWER_SIMILARITY <= 0.6


def test_a_concern_takes_at_most_two_of_the_evidences_requests(draft, said):
    # each request close to the concern (0.7), but not to each other (0.49): three requests
    asks = [said(org, f"We recommend that the Commissioner {action}.", "neutral", 0.0,
                 vector=(0.0, 0.7, *(0.714 if k == i else 0.0 for k in range(3))))
            for i, (org, action) in enumerate((
                ("Ashby Partnership", "publishes the strategy before the summer"),
                ("Coldwater Partnership", "publishes the strategy with a timetable"),
                ("Harlow Partnership", "publishes the strategy and a summary")))]
    table = draft([_concern(said, "Kettering Partnership", STRATEGY, 1), *asks])
    recs = table[table["kind"] == "recommendation"]
    assert len(recs) == 2 and all(len(ids) == 1 for ids in recs["finding_ids"])


def test_requests_that_only_sound_alike_are_not_credited_to_each_other(draft, said):
    # both close to the concern and to each other (same point), but asking for different things
    asks = [said("Ashby Partnership", "We would welcome a named contact in the office for our "
                 "board and the strategy.", "neutral", 0.0, point=1),
            said("Coldwater Partnership", "We would welcome a clear timetable from the office.",
                 "neutral", 0.0, point=1)]
    table = draft([_concern(said, "Kettering Partnership", STRATEGY, 1), *asks])
    recs = table[table["kind"] == "recommendation"]
    assert all(len(orgs) == 1 for orgs in recs["organisations"]), recs[["text", "organisations"]]
    same = [said("Ashby Partnership", "We would welcome a timetable for the strategy from the "
                 "office.", "neutral", 0.0, point=1), asks[1]]
    table = draft([_concern(said, "Kettering Partnership", STRATEGY, 1), *same])
    recs = table[table["kind"] == "recommendation"]
    assert any(len(orgs) == 2 for orgs in recs["organisations"])  # both ask for a timetable


def test_a_request_after_the_fact_reads_as_a_commitment_for_the_future(draft, said):
    closure = ("The closure of the front counter at the police station was announced with only a few "
               "weeks' notice.")
    table = draft([
        _concern(said, "Kettering Partnership", closure, 1),
        _concern(said, "Fire Service", "The closure of the front counter at the police station was "
                 "announced with only a few weeks' notice to partners.", 1),
    ])
    recs = table[table["kind"] == "recommendation"]["text"].tolist()
    assert recs == ["That, for future closures, the Commissioner gives partners more notice."]


def _feedback(said, org: str, text: str, point: int):
    return said(org, text, "negative", -0.9, theme="commissioning", point=point,
                cues="office [target]; no explanation [implied]")


def test_a_concern_of_several_organisations_takes_a_remedy_true_of_them_all(draft, said):
    """Hearing nothing back about an application is one partnership's particular; the other
    hears nothing back about its monitoring returns. The remedy asks what is true of both."""
    application = _feedback(said, "Kettering Partnership", "Our application for a rural youth "
                            "outreach worker was turned down by the office in a one-line email, "
                            "with no explanation.", 1)
    returns = _feedback(said, "Haven Service", "We send detailed monitoring returns every quarter, "
                        "but we have never received any analysis back from the office.", 2)
    table = draft([application, returns])
    findings = table[table["kind"] == "finding"]
    assert findings["n_organisations"].tolist() == [2]
    recs = table[table["kind"] == "recommendation"]["text"].tolist()
    assert recs == [("That the Commissioner explains to partners what has been done with what they "
                    "send or submit.")]
    # the same particular, when it is the one organisation's finding, is kept
    alone = draft([application])
    recs = alone[alone["kind"] == "recommendation"]["text"].tolist()
    assert recs == [("That the Commissioner reports back to partners on the application for a rural "
                    "youth outreach worker and explains the decisions taken.")]


def test_a_subject_every_organisation_names_is_kept(draft, said):
    """Both partnerships complain of the strategy, one only in the sentence before its own
    ("We are still waiting for it."): the remedy names the strategy."""
    table = draft([
        _concern(said, "Kettering Partnership", STRATEGY, 1),
        said("Harlow Partnership", "Eighteen months on, we are still waiting for it.", "negative",
             -0.9, point=2, cues="still waiting [implied]",
             previous="The office told partners that a rural crime strategy would be published."),
    ])
    assert table[table["kind"] == "finding"]["n_organisations"].tolist() == [2]
    recs = table[table["kind"] == "recommendation"]["text"].tolist()
    assert recs == [("That the Commissioner publishes the rural crime strategy, or sets a date by "
                     "which it will be published.")]


def test_a_concern_with_nothing_specific_to_ask_takes_no_vague_recommendation(draft, said):
    """No kind of complaint, and a subject ("the bid") the evidence never says in full: nothing
    an officer could act on, so the finding stands without a recommendation of its own."""
    table = draft([said("Kettering Partnership", "Because the board meets every two months, "
                        "the bid could not be discussed by the board at all and had to be approved "
                        "by the chair alone.", "negative", -0.9, theme="commissioning", point=1,
                        cues="could not [implied]")])
    assert len(table[table["kind"] == "finding"]) == 1
    recs = table[table["kind"] == "recommendation"]["text"].tolist()
    assert not any("raised in this evidence" in r for r in recs)
    assert recs == []


@pytest.mark.parametrize(("action", "statement", "named"), [
    ("considers providing a named contact for the partnership and attendance at their board",
     "We would welcome a named contact for the partnership and attendance at our board.",
     "considers providing a named contact for Harlow Fen Partnership and attendance at its board"),
    ("attends their board twice a year", "We ask the office to attend our board twice a year.",
     "attends Harlow Fen Partnership's board twice a year"),
    # someone else's "their" is left alone
    ("tells volunteers what happens to their data", "Our volunteers send data every month.",
     "tells volunteers what happens to their data"),
])
def test_a_single_organisations_request_names_whose_board_it_is(action, statement, named):
    from evidence_lab.findings._recommend import own_named

    assert own_named(action, statement, "Harlow Fen Partnership") == named
