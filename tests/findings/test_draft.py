"""The draft findings on the sample call: traceable, counted right, never lumping praise and
criticism, with organisations by stance and the strongest statements each way."""

from __future__ import annotations

import re

import pytest

import evidence_lab as el
from evidence_lab.codebook import load_codebook
from evidence_lab.findings import (
    CLAIM_SIMILARITY,
    COMPLAINTS,
    JUDGING,
    MANY_ORGANISATIONS,
    NAMED_AT_MOST,
    complaints_in,
    lead_context,
    number_word,
    point_of,
    praised_subject,
    quantifier,
    self_contained,
)
from evidence_lab.report import findings_markdown
from evidence_lab.vocabulary import vocabulary_of

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
        kinds = set(subs.loc[subs["organisation"].isin(cited), "respondent_type"])
        group = subs["organisation"] if len(kinds) != 1 else \
            subs.loc[subs["respondent_type"] == kinds.pop(), "organisation"]
        assert finding["quantifier"] == quantifier(len(cited), group.nunique())
        if finding["kind"] == "finding":  # every organisation it rests on is named in it
            # (a respondent known only by its kind is named as one: "a member of the public"),
            # or, past MANY_ORGANISATIONS, three of them and the rest counted ("and four others")
            named = sum(org.lower() in finding["text"].lower() for org in cited)
            if len(cited) >= MANY_ORGANISATIONS:
                assert named == NAMED_AT_MOST, finding["text"]
                assert f" and {number_word(len(cited) - named)} others" in finding["text"]
            else:
                assert named == len(cited), finding["text"]


def _lead_similarity(analysis, finding) -> dict[str, float]:
    """Per organisation named: its best statement's similarity to the finding's lead."""
    vectors = analysis.embeddings
    segments = analysis.segments.set_index("segment_id")
    orgs = analysis.submissions.set_index("submission_id")["organisation"]
    lead = vectors.rows([finding["segment_ids"][0]])[0]
    best: dict[str, float] = {}
    for segment_id in finding["segment_ids"]:
        org = orgs[segments.loc[segment_id, "submission_id"]]
        best[org] = max(best.get(org, -1.0), float(vectors.rows([segment_id])[0] @ lead))
    return best


def _makes_the_point(analysis, finding) -> dict[str, bool]:
    """Per organisation named: its best statement is at least CLAIM_SIMILARITY close to the lead,
    or, in a finding widened by a kind of complaint, one of its statements makes that complaint."""
    segments = analysis.segments.set_index("segment_id")
    orgs = analysis.submissions.set_index("submission_id")["organisation"]
    target = f"the {analysis.codebook.target.title}"
    kind = next((c.name for c in COMPLAINTS if point_of(finding["text"], target)
                 == c.point.format(target=target)), None)
    made: dict[str, bool] = {}
    for org, sim in _lead_similarity(analysis, finding).items():
        made[org] = sim >= CLAIM_SIMILARITY - 1e-6
    named = re.search(r" spoke well of (.+?): for example", finding["text"])
    if named:  # praise of one named service: each organisation's statement is about it
        stop_words = vocabulary_of(analysis.codebook).stop_words
        made = dict.fromkeys(made, False)
        for segment_id in finding["segment_ids"]:
            org = orgs[segments.loc[segment_id, "submission_id"]]
            made[org] = made[org] or praised_subject(segments.loc[segment_id, "text"], stop_words) \
                == f"named:{named.group(1)}"
    if kind:
        made = dict.fromkeys(made, False)
        for segment_id in finding["segment_ids"]:
            org = orgs[segments.loc[segment_id, "submission_id"]]
            made[org] = made[org] or kind in complaints_in(segments.loc[segment_id, "text"],
                                                           finding["stance"])
    return made


def test_attribution_precision_every_named_organisation_makes_the_point(analysis):
    """docs/draft.md reports this figure: the share of (organisation, finding) pairs whose
    organisation's own statement makes the lead's point (close to it, or the same complaint)."""
    pairs = [made for _, f in analysis.findings[analysis.findings["kind"] == "finding"].iterrows()
             for made in _makes_the_point(analysis, f).values()]
    assert len(pairs) >= 30  # enough pairs for the figure in docs/draft.md to mean something
    assert sum(pairs) / len(pairs) == 1.0


def test_one_organisation_findings_say_so(analysis):
    single = analysis.findings[(analysis.findings["kind"] == "finding")
                               & (analysis.findings["n_organisations"] == 1)]
    for _, finding in single.iterrows():
        assert finding["text"].startswith("One ") or finding["text"].startswith(
            ("According to one ", "According to One ")), finding["text"]


def test_praise_and_criticism_are_never_lumped_together(analysis):
    segments = analysis.segments.set_index("segment_id")
    for _, finding in analysis.findings[analysis.findings["kind"] == "finding"].iterrows():
        cited = segments.loc[finding["segment_ids"]]
        if finding["stance"] == "positive":  # a strength rests on praise the model found words for
            assert set(cited["pcc_sentiment"]) == {"positive"}
            # (a word of praise the stance model found, or one that judges beyond its lexicon)
            assert (cited["stance_evidence"].str.contains("[praise]", regex=False)
                    | cited["text"].str.contains(JUDGING)).all()
        else:
            assert finding["stance"] == "negative"
            assert set(cited["pcc_sentiment"]) <= {"negative", "mixed"}


def test_leads_stand_alone_in_the_panels_voice(analysis):
    segments = analysis.segments.set_index("segment_id")
    stop_words = vocabulary_of(analysis.codebook).stop_words
    for _, finding in analysis.findings[analysis.findings["kind"] == "finding"].iterrows():
        lead = segments.loc[finding["segment_ids"][0]]
        context = lead_context(lead["text"], lead["previous_text"], stop_words)
        assert context is not None, finding["text"]  # alone, or with the sentence before it
        assert self_contained(f"{context} {lead['text']}"), finding["text"]
        assert not re.search(r"said that [A-Z]", finding["text"]), finding["text"]
        assert "stance toward" not in finding["text"].lower()  # tallies live in a column
        assert finding["stance_balance"]


def test_quotes_are_verbatim_from_the_cited_statements(analysis):
    segments = analysis.segments.set_index("segment_id")
    for _, finding in analysis.findings.iterrows():
        for quote in finding["quotes"]:
            body, cited = re.match(r"“(.*)” \(.*\) \[(.*)\]$", quote).groups()
            # one statement, or a statement with the one before it in the same submission
            ids = cited.split(", ")
            assert len(ids) <= 2 and len({segments.loc[i, "submission_id"] for i in ids}) == 1
            said = " ".join(" ".join(segments.loc[i, "text"].split()) for i in ids)
            assert body.rstrip(" …") in said


def test_recommendations_are_requests_that_cite_their_findings(analysis):
    recs = analysis.recommendations
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    assert len(recs) >= 3
    title = load_codebook(SAMPLE.codebook).target.title
    for _, rec in recs.iterrows():
        # "That the Commissioner ...", or for future occasions "That, for future closures, the ..."
        assert re.match(rf"That(?:, (?:for future [^,]+|in future),)? the {title} ", rec["text"]), \
            rec["text"]
        assert rec["finding_ids"] and set(rec["finding_ids"]) <= set(findings["finding_id"])
        assert not re.search(r"\b(?:considers the request|said that)\b|\(raised by", rec["text"])
        # one clear request: no second ask or reason after it, and short
        assert not re.search(r", and |, which |\bso that\b|;", rec["text"]), rec["text"]
        assert len(rec["text"].split()) <= 32, rec["text"]
    answered = {f for ids in recs["finding_ids"] for f in ids}
    major = findings[(findings["stance"] == "negative") & (findings["n_organisations"] >= 2)]
    # one or more per major concern, unless nothing specific can be asked: then no vague
    # recommendation, and the summary cites the concern instead
    unanswered = set(major["finding_id"]) - answered
    assert len(unanswered) <= 1, unanswered
    assert not recs["text"].str.contains("raised in this evidence").any()
    markdown = findings_markdown(analysis)
    cited = markdown[markdown.index("## Summary"):markdown.index("## Draft recommendations")]
    assert all(f in cited for f in unanswered), (unanswered, cited)


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


def _redraft(analysis, segment_id: str, label: str):
    from evidence_lab.findings import draft_findings

    segments = analysis.segments.copy()
    segments.loc[segments["segment_id"] == segment_id, "pcc_sentiment"] = label
    again = draft_findings(segments, analysis.submissions, analysis.embeddings, analysis.codebook,
                           analysis.themes)
    return again[again["kind"] == "finding"].set_index("finding_id")


def test_finding_ids_survive_one_relabel(analysis):
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    cited = {s for ids in findings["segment_ids"] for s in ids}
    segments = analysis.segments
    elsewhere = segments.loc[(segments["pcc_sentiment"] == "negative")
                             & ~segments["segment_id"].isin(cited), "segment_id"].iloc[0]
    assert set(_redraft(analysis, elsewhere, "neutral").index) == set(findings["finding_id"])
    widest = findings.sort_values("n_segments", ascending=False, kind="stable").iloc[0]
    if widest["n_segments"] >= 3:  # a member relabelled away: the finding stays, without it
        member = widest["segment_ids"][-1]
        kept = _redraft(analysis, member, "neutral")
        assert widest["finding_id"] in kept.index
        assert member not in kept.loc[widest["finding_id"], "segment_ids"]


def test_a_quote_that_refers_back_comes_with_the_statement_it_needs(analysis):
    from evidence_lab.findings import unresolved_reference

    segments = analysis.segments.set_index("segment_id")
    paired = [re.match(r"“.*” \(.*\) \[(.*)\]$", quote).group(1).split(", ")
              for quotes in analysis.findings["quotes"] for quote in quotes]
    paired = [ids for ids in paired if len(ids) == 2]
    assert paired  # the sample call has such statements ("This year it did not open until ...")
    for first, second in paired:
        assert unresolved_reference(segments.loc[second, "text"]) is not None
        assert unresolved_reference(segments.loc[first, "text"]) is None
