"""The target is configurable: a review of a Mayor works as one of a Commissioner does.

The same small call is written twice, once about a Police and Crime Commissioner and once with the
words swapped for a Mayor (Mayor, Deputy Mayor for Policing, MOPAC). Each is analysed with its own
codebook; mentions, requests and stance must come out the same.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

import evidence_lab as el
from evidence_lab.codebook import Target, load_codebook
from evidence_lab.vocabulary import retarget, vocabulary_of

# (statement about the PCC, the same about the Mayor, hand-coded stance, opens with a request)
CALL = [
    ("The Commissioner's victim hub has cut the time it takes us to refer families for support.",
     "The Mayor's victim hub has cut the time it takes us to refer families for support.",
     "positive", False),
    ("Nobody from the OPCC has attended our partnership board since the spring.",
     "Nobody from MOPAC has attended our partnership board since the spring.",
     "negative", False),
    ("We are still waiting for the Deputy PCC to publish the review she promised in March.",
     ("We are still waiting for the Deputy Mayor for Policing to publish the review she promised "
      "in March."), "negative", False),
    ("Joint working between the two district councils has never been stronger.",
     "Joint working between the two district councils has never been stronger.",
     "neutral", False),
    ("We would welcome a longer grant round so that small charities can bid.",
     "We would welcome a longer grant round so that small charities can bid.",
     "neutral", True),
    ("The Commissioner should publish the outcome of every grant decision.",
     "The Mayor should publish the outcome of every grant decision.",
     "neutral", True),
    ("We thank the Commissioner for the new funding for youth diversion in the town centre.",
     "We thank the Mayor for the new funding for youth diversion in the town centre.",
     "positive", False),
    ("Response times in the north of the county have improved under the Chief Constable.",
     "Response times in the north of the county have improved under the Chief Constable.",
     "neutral", False),
]

MAYOR_CODEBOOK = """
name: Mayor scrutiny (test)
target:
  name: Mayor of London
  short_name: Mayor
  aliases: [Mayor, Deputy Mayor for Policing, MOPAC, Mayor's Office for Policing and Crime]
  references: [the office, your office, her office, his office]
vocabulary:
  respondent_kinds:
    borough: [borough, boroughs]
"""


@pytest.fixture(scope="module")
def mayor_codebook(tmp_path_factory: pytest.TempPathFactory) -> el.Codebook:
    default = Path(el.default_codebook_path()).read_text(encoding="utf-8")
    themes = default[default.index("themes:"):]
    path = tmp_path_factory.mktemp("mayor") / "mayor.yaml"
    path.write_text(textwrap.dedent(MAYOR_CODEBOOK) + themes, encoding="utf-8")
    return load_codebook(path)


def _mentions(book: el.Codebook, texts: list[str]) -> list[bool]:
    matcher = vocabulary_of(book).target
    return [bool(matcher.find(t)) for t in texts]


def test_mentions_and_requests_are_found_alike(mayor_codebook):
    pcc, mayor = [row[0] for row in CALL], [row[1] for row in CALL]
    pcc_book = load_codebook()
    expected_mentions = [True, True, True, False, False, True, True, False]
    assert _mentions(pcc_book, pcc) == expected_mentions
    assert _mentions(mayor_codebook, mayor) == expected_mentions
    asks = [row[3] for row in CALL]
    assert [vocabulary_of(pcc_book).requests.opens(t) for t in pcc] == asks
    assert [vocabulary_of(mayor_codebook).requests.opens(t) for t in mayor] == asks
    assert vocabulary_of(mayor_codebook).requests.requested_action(mayor[5]) == (
        "publish the outcome of every grant decision")


def test_the_plural_of_the_target_is_the_office_as_an_institution():
    """Evidence about a change to the role ("elected Police and Crime Commissioners", "PCCs")
    evaluates the target; a word that merely starts with an acronym does not name it."""
    matcher = vocabulary_of(load_codebook()).target
    texts = ["We oppose the introduction of elected Police and Crime Commissioners.",
             "Many PCCs have taken on fire governance.", "Commissioners' pay is set nationally.",
             "The PCCSU guidance was read.", "The commissioning round opened."]
    assert [[t[s:e] for s, e in matcher.find(t)] for t in texts] == [
        ["Police and Crime Commissioners"], ["PCCs"], ["Commissioners"], [], []]


def test_the_respondent_kinds_and_stop_words_are_the_codebooks(mayor_codebook):
    assert mayor_codebook.vocabulary.respondent_noun("borough", plural=True) == "boroughs"
    assert {"mayor", "mopac"} <= vocabulary_of(mayor_codebook).stop_words
    assert "commissioner" not in vocabulary_of(mayor_codebook).stop_words


def test_training_text_is_retargeted_for_a_new_office(mayor_codebook):
    source = load_codebook().target
    assert retarget(["The Commissioner's fund and the OPCC's team."], source,
                    mayor_codebook.target) == ["The Mayor's fund and the MOPAC's team."]
    # the plural (the office as an institution) keeps its plural in the new office's words
    assert retarget(["Elected PCCs and the Commissioners' pay."], source,
                    mayor_codebook.target) == ["Elected MOPACs and the Mayors' pay."]
    same = Target(source.name, source.aliases, ("Dawn Okafor",))
    assert retarget(["The PCC came."], source, same) == ["The PCC came."]


@pytest.mark.slow
def test_stance_toward_a_mayor_is_read_as_toward_a_commissioner(mayor_codebook):
    coded = [row[2] for row in CALL]
    results = {}
    for name, book, column in (("pcc", load_codebook(), 0), ("mayor", mayor_codebook, 1)):
        call = pd.DataFrame({"submission_id": [f"s{i}" for i in range(len(CALL))],
                             "text": [row[column] for row in CALL]})
        analysis = el.analyse(call, codebook=book, show_progress=False)
        results[name] = analysis.segments["pcc_sentiment"].tolist()
        assert analysis.segments["mentions_target"].tolist() == [
            True, True, True, False, False, True, True, False]
    agree = [sum(p == c for p, c in zip(results[n], coded, strict=True)) for n in results]
    assert agree[0] >= 6, results["pcc"]  # the shipped models read the PCC call well...
    assert agree[1] >= agree[0], results["mayor"]  # ...and the Mayor's as well
