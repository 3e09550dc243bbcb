"""Stance toward the target: mentions, cues, the shipped classifier on hard cases, roll-ups."""

from __future__ import annotations

import pandas as pd
import pytest

from evidence_lab.codebook import Target, load_codebook
from evidence_lab.models import fit_models
from evidence_lab.stance import TargetMatcher, find_cues, find_mentions, rollup_stance
from evidence_lab.stance._assign import submission_stance
from evidence_lab.stance._cues import FEATURE_NAMES, cue_features
from evidence_lab.stance._parse_links import dependency_links

DEFAULT_TARGET = load_codebook().target


def test_aliases_acronyms_and_office_holders_are_found():
    target = Target("Police and Crime Commissioner", ("Commissioner", "PCC", "OPCC"),
                    ("Sarah Pennington",))
    matcher = TargetMatcher.from_target(target)
    text = "Mrs Pennington and the OPCC met us; the PCC's team replied, unlike the council."
    found = [text[s:e] for s, e in matcher.find(text)]
    assert found == ["Mrs Pennington", "OPCC", "PCC"]
    assert matcher.find("The pccp budget and a capacity plan") == []  # acronyms only in capitals


def test_pronouns_carry_a_mention_within_a_submission_only():
    matcher = TargetMatcher.from_target(DEFAULT_TARGET)
    segments = pd.DataFrame({"submission_id": ["a", "a", "b"],
                             "text": ["We met the Commissioner in May.",
                                      "She promised a reply by June.",
                                      "She promised a reply by June."]})
    out = find_mentions(segments, None, matcher)
    assert out["mention_kind"].tolist() == ["explicit", "pronoun", "none"]
    assert out["target_spans"].iloc[1] == [(0, 3)]


def test_letters_addressed_to_the_target_count_you_as_a_mention():
    matcher = TargetMatcher.from_target(DEFAULT_TARGET)
    submissions = pd.DataFrame({"submission_id": ["x"], "text": ["Dear Commissioner, thank you."]})
    segments = pd.DataFrame({"submission_id": ["x"], "text": ["Your grant round was late."]})
    assert find_mentions(segments, submissions, matcher)["mention_kind"].tolist() == ["addressed"]


def test_cues_find_implied_criticism_without_negative_words():
    groups = {h.group for h in find_cues("We are still waiting for the evaluation it promised.")}
    assert "implied" in groups
    assert {h.group for h in find_cues("Whilst the fund was welcome, nobody from the office came.")
            } >= {"contrast", "praise", "implied"}


def test_cue_features_say_when_the_target_speaks_or_thanks_others():
    matcher = TargetMatcher.from_target(DEFAULT_TARGET)

    def flags(text: str) -> tuple[float, float]:
        row = dict(zip(FEATURE_NAMES, cue_features(text, matcher.find(text), "explicit"), strict=True))
        return row["target_speaks"] > 0, row["target_praises"] > 0

    assert flags("The Commissioner, Ms Roe, explained that calls had risen.") == (True, False)
    assert flags("The Commissioner thanked the parish councils for their help.") == (False, True)
    # the target is the one thanked or praised, or the verb belongs to another clause
    assert flags("Members thanked the Commissioner for the new fund.") == (False, False)
    assert flags("The Commissioner was praised by residents.") == (False, False)
    assert flags("The Commissioner's fund, which partners said was late, closed.") == (False, False)


def test_encouraged_by_is_praise_and_encourage_to_a_suggestion():
    assert {h.group for h in find_cues("Members were encouraged by the response.")} == {"praise"}
    assert "suggestion" in {h.group for h in find_cues("We encourage the office to publish it.")}


def test_dependency_links_tie_cues_to_the_target_clause_only():
    matcher = TargetMatcher.from_target(DEFAULT_TARGET)
    texts = ["Whilst the Commissioner was helpful, the council failed to respond.",
             "The Commissioner's grant round was late again."]
    links = dependency_links(texts, [(matcher.find(t), "explicit") for t in texts])
    assert links[0].tolist() == [1.0, 0.0, 0.0]  # praise linked, the council's failure not
    assert links[1].tolist() == [0.0, 1.0, 0.0]


@pytest.mark.slow
def test_shipped_stance_model_reads_the_hard_cases_of_the_issue():
    _, model = fit_models(load_codebook())
    cases = {
        "Joint working between the councils has never been stronger.": "neutral",
        "Officers could not name a single thing the Commissioner had changed for them.": "negative",
        "We are still waiting for the office to publish the evaluation it promised in March.":
            "negative",
        "The Commissioner's victim hub has transformed how quickly we can refer people.":
            "positive",
        "Response times in the north of the county have improved under the Chief Constable.":
            "neutral",
    }
    predicted = model.predict(list(cases))
    assert dict(zip(cases, predicted, strict=True)) == cases


def test_submission_roll_up_counts_and_mixed_rule():
    assert submission_stance(["positive", "positive", "neutral"], [0.8, 0.6, 0.0]) == ("positive", 0.7)
    assert submission_stance(["positive", "negative"], [0.8, -0.6])[0] == "mixed"
    assert submission_stance(["neutral"], [0.1]) == ("neutral", 0.0)
    assert submission_stance(["negative"] * 4 + ["positive"], [-0.5] * 4 + [0.5])[0] == "negative"
    segments = pd.DataFrame({"submission_id": ["a", "a", "b"],
                             "pcc_sentiment": ["positive", "negative", "neutral"],
                             "pcc_sentiment_score": [0.5, -0.5, 0.0]})
    table = rollup_stance(segments)
    assert table.loc["a", "pcc_sentiment"] == "mixed"
    assert table.loc["a", "n_positive"] == 1 and table.loc["b", "n_neutral"] == 1


def test_context_carries_the_target_from_the_statement_before_and_the_question():
    matcher = TargetMatcher.from_target(DEFAULT_TARGET)
    question = "How well has the Commissioner kept you informed?"
    segments = pd.DataFrame({
        "submission_id": ["a", "a", "a", "b", "c", "c"],
        "text": ["The Commissioner closed the front counter.",
                 "This has left our members frustrated.",
                 "It was a long winter.",  # refers back to a statement that names nobody
                 "not well at all",
                 "The council closed the library.", "This has left us frustrated."],
        "heading": ["", "", "", question, "", ""],
        "previous_text": ["", "The Commissioner closed the front counter.",
                          "This has left our members frustrated.", "", "",
                          "The council closed the library."]})
    out = find_mentions(segments, None, matcher)
    assert out["mention_kind"].tolist() == ["explicit", "previous", "previous", "question", "none",
                                            "none"]
    # a heading that names the target but asks nothing carries no mention
    titled = segments.assign(heading=segments["heading"].replace(question, "The Commissioner"))
    assert find_mentions(titled, None, matcher)["mention_kind"].iloc[3] == "none"
    assert out["target_spans"].iloc[1] == [(0, 8)]  # "This has"
    assert out["target_spans"].iloc[3] == []
    alone = find_mentions(segments, None, matcher, context=False)
    assert alone["mention_kind"].tolist() == ["explicit", "none", "none", "none", "none", "none"]
