"""A lead says what it is about: a statement that leaves its subject to the sentence before it
("Nobody from the office attended": attended what?) leads with that sentence, or not at all."""

from __future__ import annotations

import pytest

from evidence_lab.findings import lead_context
from evidence_lab.findings._references import common_ground, respondent_words

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
    # "the fund" is what the statement is about, and only the sentence before says which fund
    ("The fund opened without warning in early July and closed within four weeks.",
     "We struggled with the timing of this year's grant round.",
     "We struggled with the timing of this year's grant round."),
    # with nothing before it, a statement's "the fund" is the one its section is about
    ("The fund opened without warning in early July and closed within four weeks.", "", ""),
])
def test_a_lead_takes_the_sentence_before_only_when_it_needs_it(text, previous, context):
    assert lead_context(text, previous, STOP) == context


COUNTED = "Our volunteers counted more than two thousand lorries on the village lanes in March."


@pytest.mark.parametrize(("text", "previous", "given", "context"), [
    # a bare subject the sentence before does not name, but leans on: which figures?
    ("The figures are passed on, but our volunteers are never told what happens next.",
     COUNTED, frozenset(), COUNTED),
    # said which, it stands alone
    ("The lorry counts are passed on, but our volunteers are never told what happens next.",
     COUNTED, frozenset(), ""),
    ("The figures we collect are passed on, but our volunteers are never told what happens next.",
     COUNTED, frozenset(), ""),
    # a noun the whole call takes as known, or the respondent itself, needs no earlier sentence
    ("The police are rarely seen in the village lanes after dark, residents tell us.",
     COUNTED, frozenset({"police"}), ""),
    # a bare noun in any place, when the sentence before named it, points back to it
    ("Partners have asked twice for the lorries to be diverted away from the primary school.",
     COUNTED, frozenset(), COUNTED),
    # a bare object with no noun before it to belong to: the results of what?
    ("We never saw the results, and nobody has told us what difference our views made.",
     COUNTED, frozenset(), COUNTED),
    # ... while one after a noun it can belong to is that noun's: the results of the survey
    ("Our survey of members closed in May and we never saw the results of it or any reply.",
     COUNTED, frozenset(), ""),
    # a subject a clause specifies is not left to the sentence before
    ("The difficulty is that the survey results have never been shared with the parish.",
     COUNTED, frozenset(), ""),
])
def test_a_bare_definite_that_leans_on_the_sentence_before_takes_it(text, previous, given, context):
    assert lead_context(text, previous, STOP, given) == context


def test_common_ground_is_what_several_respondents_first_call_the_thing():
    statements = [("a", "The police came late."), ("b", "We rang the police twice."),
                  ("c", "In March the police closed the desk."),
                  ("a", "A charge was announced. The charge is high."),
                  ("b", "The charge is high."), ("c", "We pay a new charge; the charge hurts.")]
    known = common_ground(statements)
    assert "police" in known  # three respondents name it bare at first
    assert "charge" not in known  # one does; the others introduce it first
    assert respondent_words("Harlow Fen Parish Council") == frozenset({"harlow", "parish",
                                                                        "council"})


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


FIGURES = "The figures are passed on, but our volunteers never hear what happens next."


def test_a_lead_never_leaves_a_bare_subject_to_a_sentence_the_letter_does_not_show(draft, said):
    found = draft([
        said("Ashfield Watch", FIGURES, "negative", -0.8, point=1, cues="never hear [implied]",
             previous=COUNTED, kind="neighbourhood_watch"),
    ])
    finding = found[found["kind"] == "finding"].iloc[0]
    # "the figures" is read with the sentence that says which: the lorry counts
    assert finding["text"] == (
        "One Neighbourhood Watch group, Ashfield Watch, said that their volunteers counted more "
        "than two thousand lorries on the village lanes in March, and the figures are passed on, "
        "but their volunteers never hear what happens next.")
    # which figures? the evidence does not say, so the remedy takes its general form
    assert found.loc[found["kind"] == "recommendation", "text"].tolist() == [
        ("That the Commissioner explains to partners what has been done with what they send or "
        "submit.")]


def test_a_statement_that_leans_back_is_quoted_with_the_sentence_before(draft, said):
    found = draft([
        said("Brook Partnership", "Volunteers in four villages send lorry counts to the office "
             "every month, but they never hear what is done with the counts.", "negative", -0.9,
             point=1, cues="never hear [implied]"),
        said("Ashfield Watch", COUNTED, "neutral", 0.0, point=2, kind="neighbourhood_watch"),
        said("Ashfield Watch", FIGURES, "negative", -0.8, point=1, cues="never hear [implied]",
             previous=COUNTED, kind="neighbourhood_watch"),
    ])
    finding = found[found["kind"] == "finding"].iloc[0]
    assert finding["segment_ids"][0] == "brook_partnership:0"  # the one that stands alone leads
    assert finding["quotes"][1].startswith(f"“{COUNTED} {FIGURES}”")


ASKED = "We asked the Commissioner's office for help with a mapping exercise in May."


def test_praise_of_what_the_target_did_in_the_sentence_before_is_a_strength(draft, said):
    found = draft([
        said("Fenby Partnership", ASKED, "neutral", 0.0, point=2,
             cues="the Commissioner's office [target]"),
        said("Fenby Partnership", "The response was quick and practical, and really helpful to us.",
             "positive", 0.7, point=1, cues="helpful [praise]", previous=ASKED),
    ])
    strengths = found[(found["kind"] == "finding") & (found["stance"] == "positive")]
    assert strengths["text"].tolist() == [
        ("One community safety partnership, Fenby Partnership, said that they asked the "
        "Commissioner's office for help with a mapping exercise in May, and the response was "
        "quick and practical, and really helpful to them.")]
    assert strengths["quotes"].iloc[0][0].startswith(f"“{ASKED} The response was quick")


@pytest.mark.parametrize("praise", [
    "The staff were kind and really helpful to our residents.",  # the praise is of its own agent
    "The Road Safety Partnership's weekend operation was really helpful to us.",  # a named other
    "They were quick and practical, and really helpful to us.",  # "they": people, not a thing
])
def test_praise_of_another_agent_after_the_target_is_named_is_no_strength(draft, said, praise):
    found = draft([
        said("Fenby Partnership", ASKED, "neutral", 0.0, point=2,
             cues="the Commissioner's office [target]"),
        said("Fenby Partnership", praise, "positive", 0.7, point=1, cues="helpful [praise]",
             previous=ASKED),
    ])
    assert found[(found["kind"] == "finding") & (found["stance"] == "positive")].empty


def test_a_recommendation_names_its_subject_as_the_heading_does(draft, said):
    found = draft([said("Fenby Borough Council", "No consultation took place, and the charge was "
                        "announced after the council had set its budget.", "negative", -0.9,
                        theme="partnerships", point=1, cues="No consultation [implied]",
                        heading="The platform charge", kind="council")])
    assert found.loc[found["kind"] == "recommendation", "text"].tolist() == [
        ("That the Commissioner consults partners before any further decision on the platform "
        "charge.")]


def test_a_statement_that_cannot_stand_alone_is_cited_not_quoted(draft, said):
    dangling = "We heard about it two weeks before it closed, so we could not put in a bid."
    found = draft([
        said("Brook Partnership", "The office's small grants fund was announced two weeks before it "
             "closed, which left small groups no time to bid.", "negative", -0.9, point=1,
             cues="no time [implied]"),
        said("Ashfield Watch", dangling, "negative", -0.8, point=1, kind="neighbourhood_watch"),
    ])
    finding = found[found["kind"] == "finding"].iloc[0]
    assert set(finding["organisations"]) == {"Brook Partnership", "Ashfield Watch"}
    assert "ashfield_watch:1" in finding["segment_ids"]  # still cited: it makes the point
    assert len(finding["quotes"]) == 1 and "heard about it" not in finding["quotes"][0]


@pytest.mark.parametrize(("mention", "leads"), [("addressed", True), ("none", False)])
def test_a_you_leads_only_when_the_letter_was_written_to_the_target(draft, said, mention, leads):
    # written to the Commissioner, "you" is the Commissioner, as it is for the letter's reader;
    # written to the panel, "you" would be the panel, and the letter cannot report it
    found = draft([said("Brook Partnership", "You have not attended a single meeting of our "
                        "board since you were elected in May.", "negative", -0.9, point=1,
                        cues="not attended [implied]", mention=mention)])
    findings = found[found["kind"] == "finding"]
    assert (len(findings) == 1) is leads
