"""The draft findings on the sample call: traceable, counted right, never lumping praise and
criticism, with organisations by stance and the strongest statements each way."""

from __future__ import annotations

import re

import pytest

import evidence_lab as el
from evidence_lab.findings import quantifier

pytestmark = pytest.mark.slow
SAMPLE = el.sample_call()


@pytest.fixture(scope="module")
def analysis() -> el.Analysis:
    return el.analyse([SAMPLE.folder], codebook=SAMPLE.codebook,
                      show_progress=False)


def test_every_finding_has_citations_that_resolve_to_evidence(analysis):
    segments = analysis.segments.set_index("segment_id")
    texts = analysis.submissions.set_index("submission_id")["text"]
    assert len(analysis.findings) >= 10
    for _, finding in analysis.findings.iterrows():
        cited = finding["segment_ids"]
        assert cited and all(cited)
        for segment_id in cited:
            seg = segments.loc[segment_id]
            source = texts[seg["submission_id"]]
            assert source[seg["start_char"]:seg["end_char"]] == seg["text"]


def test_counts_and_quantifiers_agree_with_the_cited_organisations(analysis):
    segments = analysis.segments.set_index("segment_id")
    subs = analysis.submissions.set_index("submission_id")
    for _, finding in analysis.findings.iterrows():
        cited = {subs.loc[segments.loc[s, "submission_id"], "organisation"]
                 for s in finding["segment_ids"]}
        assert finding["n_organisations"] == len(cited)
        assert set(finding["organisations"]) == cited
        if finding["stance"] == "contrast":
            continue
        kinds = set(subs.loc[subs["organisation"].isin(cited), "respondent_type"])
        group = subs["organisation"] if len(kinds) != 1 else \
            subs.loc[subs["respondent_type"] == kinds.pop(), "organisation"]
        word = quantifier(len(cited), group.nunique())
        assert finding["quantifier"] == word
        lead = finding["text"].lower() if finding["kind"] == "recommendation" else \
            finding["text"].split(" (")[0].lower()
        expected = {"one": "one", "all": "all" if len(cited) > 2 else "both"}.get(word, word)
        assert expected in lead


def test_praise_and_criticism_are_never_lumped_together(analysis):
    segments = analysis.segments.set_index("segment_id")
    for _, finding in analysis.findings[analysis.findings["kind"] == "finding"].iterrows():
        stances = set(segments.loc[finding["segment_ids"], "pcc_sentiment"])
        if finding["stance"] == "positive":
            assert stances == {"positive"}
        elif finding["stance"] == "negative":
            assert stances <= {"negative", "mixed"}
        else:
            assert finding["stance"] == "contrast" and finding["text"].startswith("Whilst")


def test_quotes_are_verbatim_from_the_cited_statements(analysis):
    segments = analysis.segments.set_index("segment_id")
    for _, finding in analysis.findings.iterrows():
        for quote in finding["quotes"]:
            body, segment_id = re.match(r"“(.*)” \(.*\) \[(.*)\]$", quote).groups()
            assert body.rstrip(" …") in " ".join(segments.loc[segment_id, "text"].split())


def test_recommendations_come_from_requests_in_the_evidence(analysis):
    recs = analysis.recommendations
    assert len(recs) >= 3
    segments = analysis.segments.set_index("segment_id")
    for _, rec in recs.iterrows():
        texts = segments.loc[rec["segment_ids"], "text"].str.lower()
        assert texts.str.contains(r"should|welcome|recommend|urge|ask|would like|opportunity|"
                                  r"scope|benefit|suggest|need|must|^(?:fund|publish|provide|"
                                  r"commit|restore|consult|give|make|ensure|review|share)\b").all()
        assert rec["text"].startswith("That the Police and Crime Commissioner ")
        assert "(raised by " in rec["text"] or "considers the request from" in rec["text"]


def test_finding_ids_are_stable_across_runs(analysis):
    again = el.analyse([SAMPLE.folder], codebook=SAMPLE.codebook,
                       show_progress=False)
    assert again.findings["finding_id"].tolist() == analysis.findings["finding_id"].tolist()


def test_roll_ups_by_organisation_and_strongest_statements(analysis):
    table = analysis.stance_by_organisation()
    assert "Ravensmoor Victim Support Trust" in table.index
    assert set(table.columns) <= {"engagement", "commissioning", "partnerships", "operational_policing"}
    assert set(table.to_numpy().ravel()) <= {"", "positive", "negative", "mixed", "neutral"}
    strongest = analysis.strongest_statements(3)
    praise = strongest[strongest["direction"] == "praise"]
    criticism = strongest[strongest["direction"] == "criticism"]
    assert len(praise) == 3 and len(criticism) == 3
    assert (praise["pcc_sentiment_score"] > 0).all() and (criticism["pcc_sentiment_score"] < 0).all()
