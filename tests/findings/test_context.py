"""A lead says what it is about: a statement that leaves its subject to the sentence before it
("Nobody from the office attended": attended what?) leads with that sentence, or not at all."""

from __future__ import annotations

import pytest

from evidence_lab.findings import lead_context

STOP = frozenset({"office", "commissioner"})
INVITED = "We invited the Commissioner to our annual general meeting in May."


@pytest.mark.parametrize(("text", "previous", "context"), [
    ("Nobody from the office attended, and we did not receive an apology.", INVITED, INVITED),
    ("Nobody from the office attended, and we did not receive an apology.", "", None),
    ("Nobody from the office attended, and we did not receive an apology.",
     "This was a surprise to us.", None),  # the sentence before leans back itself
    ("Eighteen months after the consultation closed it has not appeared.",
     "In March the office said a rural crime strategy would follow shortly.",
     "In March the office said a rural crime strategy would follow shortly."),
    ("Nobody from the office has attended a meeting of our board since January 2025.", INVITED, ""),
    # a bare "the strategy" after the sentence that named it in full points back to it
    ("Without the strategy, partners do not know what the team should prioritise.",
     "The rural crime strategy has still not been published.",
     "The rural crime strategy has still not been published."),
    ("The fund opened without warning in early July and closed within four weeks.",
     "We struggled with the timing of this year's grant round.", ""),
])
def test_a_lead_takes_the_sentence_before_only_when_it_needs_it(text, previous, context):
    assert lead_context(text, previous, STOP) == context


def _attended(said, previous: str):
    return said("Ashby Watch", "Nobody from the office attended, and we did not receive an apology.",
                "negative", -0.95, cues="the office [target]; Nobody from [implied]",
                previous=previous, kind="neighbourhood_watch")


def test_a_thin_statement_leads_with_the_sentence_that_says_what_it_is_about(draft, said):
    found = draft([_attended(said, INVITED)])
    assert found["text"].iloc[0] == (
        "One Neighbourhood Watch group, Ashby Watch, said that they invited the Commissioner to "
        "their annual general meeting in May, and nobody from the office attended, and they did "
        "not receive an apology.")


def test_a_thin_statement_with_nothing_before_it_leads_nothing(draft, said):
    found = draft([_attended(said, "")])
    assert found[found["kind"] == "finding"].empty


def test_a_lead_never_borrows_a_statement_another_finding_cites(draft, said):
    strategy = ("The rural strategy that the office consulted partners on in 2025 has still not "
                "been published.")
    found = draft([
        said("Kettering Partnership", strategy, "negative", -0.95, point=1,
             cues="not been published [implied]"),
        said("Kettering Partnership", "Without the strategy, partners do not know what the team "
             "should prioritise this year.", "negative", -0.9, theme="partnerships", point=2,
             previous=strategy),
    ])
    findings = found[found["kind"] == "finding"]
    assert findings["segment_ids"].tolist() == [["kettering_partnership:0"]]  # said once, not twice


def test_of_two_findings_saying_the_same_thing_the_better_supported_stays(draft, said):
    promised = "The office promised a victims' strategy for the county in its 2025 plan."
    waiting = "It has still not been published, and the review of the referral service is late."
    found = draft([
        said("Victims Charity", promised, "negative", -0.8, theme="commissioning", point=1,
             cues="promised [implied]", kind="victim_services"),
        said("Victims Charity", waiting, "negative", -0.95, theme="commissioning", point=2,
             cues="not been published [implied]", previous=promised, kind="victim_services"),
        said("Northfold Partnership", "We are still waiting for it too.", "negative", -0.9,
             theme="commissioning", point=3, cues="still waiting [implied]"),  # too short to lead
    ])
    findings = found[found["kind"] == "finding"]
    # the strategy finding of two organisations borrows the promise as context; the promise alone
    # (one statement of one organisation) is not said a second time
    assert findings["n_organisations"].tolist() == [2]
    assert "promised a victims' strategy" in findings["text"].iloc[0]
