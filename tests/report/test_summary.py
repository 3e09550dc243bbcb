"""The summary follows the weight of evidence from every statement: concern themes largest first
(organisations, then statements) with their finding ids, a tie named as a tie, a theme mostly
criticised never summed up as a strength, and a close theme called divided."""

from __future__ import annotations

import pandas as pd

import evidence_lab as el
from evidence_lab.codebook import load_codebook
from evidence_lab.findings import FINDING_COLUMNS
from evidence_lab.report import findings_markdown

CRITICAL = ("Nobody from the office has replied to the letters our members sent in the spring.",
            "criticism")
PRAISING = ("The Victim Hub, opened by the office, has been a real success for victims in the city.",
            "praise")  # praise of what the target did: it names the target's office


def _analysis(counts: dict[str, list[tuple[str, str]]]) -> el.Analysis:
    """``counts``: theme -> (organisation, 'criticism' or 'praise') per statement."""
    rows = []
    for theme, said in counts.items():
        for i, (org, kind) in enumerate(said):
            text, tag = CRITICAL if kind == "criticism" else PRAISING
            rows.append({"segment_id": f"{org}:{theme}:{i}", "submission_id": org, "text": text,
                         "primary_theme": theme,
                         "pcc_sentiment": "negative" if kind == "criticism" else "positive",
                         "pcc_sentiment_score": -0.9 if kind == "criticism" else 0.9,
                         "stance_evidence": f"{text.split()[0]} [{tag}]"
                                           + ("; office [target]" if kind == "praise" else "")})
    segments = pd.DataFrame(rows)
    orgs = sorted(segments["submission_id"].unique())
    submissions = pd.DataFrame({"submission_id": orgs, "organisation": orgs,
                                "respondent_type": "council"})
    finding = dict.fromkeys(FINDING_COLUMNS, "")
    finding.update({"finding_id": "F-00000001", "kind": "finding", "theme": "engagement",
                    "theme_label": "Engagement and communication", "stance": "negative",
                    "organisations": ["a"], "n_organisations": 1, "segment_ids": [rows[0]["segment_id"]],
                    "n_segments": 1, "weight": 0.9, "quotes": [], "finding_ids": []})
    return el.Analysis(submissions=submissions, segments=segments, themes=pd.DataFrame(),
                       findings=pd.DataFrame([finding], columns=FINDING_COLUMNS),
                       codebook=load_codebook(el.sample_call().codebook), run={})


def _summary(analysis: el.Analysis) -> list[str]:
    text = findings_markdown(analysis).split("## Summary", 1)[1].split("\n## ", 1)[0]
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


def test_the_largest_concern_comes_first_a_tie_is_a_tie_and_close_themes_are_divided():
    analysis = _analysis({
        # criticised by four organisations, praised by one: the main concern, with its finding
        "engagement": [("a", "criticism"), ("b", "criticism"), ("c", "criticism"),
                       ("d", "criticism"), ("e", "praise")],
        # criticised by three, as are the partnerships: a tie, named as one
        "commissioning": [("a", "criticism"), ("b", "criticism"), ("c", "criticism")],
        "operational_policing": [("d", "criticism"), ("e", "criticism"), ("f", "criticism"),
                                 ("a", "praise")],
        # two each way: divided, not a strength and not a concern
        "partnerships": [("a", "criticism"), ("b", "criticism"), ("c", "praise"), ("d", "praise")],
    })
    lines = _summary(analysis)
    assert lines[0] == ("The concern raised by the most organisations was about engagement and "
                        "communication: four organisations made four critical statements "
                        "(F-00000001).")
    assert lines[1] == ("Next came commissioning and funding, and enabling operational policing, "
                        "each criticised by three organisations (three and three critical "
                        "statements).")
    assert lines[-1].startswith("On partnership working the evidence was divided: two statements "
                                "from two organisations praised the Commissioner and two from two "
                                "organisations were critical")
    assert not any("praised for" in line for line in lines)  # no theme is mostly praise


def test_a_later_concern_with_more_statements_says_it_drew_the_most():
    lines = _summary(_analysis({
        "engagement": [("a", "criticism"), ("b", "criticism"), ("c", "criticism")],
        "commissioning": [("a", "criticism"), ("a", "criticism"), ("b", "criticism"),
                          ("b", "criticism")],
        "partnerships": [("c", "criticism")]}))
    assert lines[0].startswith("The concern raised by the most organisations was about "
                               "engagement and communication: three organisations made three")
    assert lines[1] == ("Commissioning and funding drew the most critical statements of any "
                        "theme, four, from two organisations.")
    assert lines[2] == "Partnership working came next: one critical statement from one organisation."


def test_a_theme_mostly_praised_is_a_strength():
    analysis = _analysis({"engagement": [("a", "criticism")],
                          "commissioning": [("a", "praise"), ("b", "praise"), ("c", "praise")]})
    assert "The Commissioner was praised for commissioning and funding: three statements from " \
           "three organisations praised it." in _summary(analysis)


def _opening(analysis: el.Analysis, path) -> str:
    import docx

    from evidence_lab.report import findings_docx

    paragraphs = [p.text for p in docx.Document(str(findings_docx(analysis, path))).paragraphs]
    return next(p for p in paragraphs if p.startswith("The Panel has now considered"))


def test_the_letter_opening_names_the_call_once(tmp_path):
    analysis = _analysis({"engagement": [("a", "criticism")]})
    analysis.run["title"] = "the Ravensmoor Panel's call for evidence"
    assert _opening(analysis, tmp_path / "a.docx").startswith(
        "The Panel has now considered the written evidence it received in response to the "
        "Ravensmoor Panel's call for evidence: one submission")
    analysis.run["title"] = "rural crime"
    assert "in response to the Panel's call for evidence on rural crime:" in \
        _opening(analysis, tmp_path / "b.docx")


def test_the_opening_counts_in_the_singular_and_lists_kinds_only_when_known(tmp_path):
    from evidence_lab.report._text import opening

    analysis = _analysis({"engagement": [("a", "criticism")]})
    assert "One submission was received from one organisation or individual: one council." in \
        opening(analysis)
    assert ": one submission from one organisation or individual (one council)." in \
        _opening(analysis, tmp_path / "a.docx")
    analysis.submissions["respondent_type"] = ""  # nobody's kind known: nothing to list
    assert "One submission was received from one respondent." in opening(analysis)
    assert ": one submission from one respondent." in _opening(analysis, tmp_path / "b.docx")


def test_a_point_one_organisation_made_is_not_called_widely_shared():
    lines = _summary(_analysis({"engagement": [("a", "criticism"), ("b", "criticism")]}))
    concern = next(line for line in lines if "F-00000001) was that" in line)
    assert concern.startswith("One concern (one organisation, F-00000001) was that")
    assert not any("most widely shared" in line for line in lines)


def test_two_points_made_by_equally_many_organisations_are_a_tie_not_a_ranking():
    analysis = _analysis({"engagement": [("a", "criticism"), ("b", "criticism"), ("c", "criticism"),
                                         ("d", "criticism")]})
    first = analysis.findings.iloc[0].to_dict()
    first.update({"organisations": ["a", "b"], "n_organisations": 2,
                  "segment_ids": ["a:engagement:0", "b:engagement:1"], "n_segments": 2})
    second = first | {"finding_id": "F-00000002", "organisations": ["c", "d"],
                      "segment_ids": ["c:engagement:2", "d:engagement:3"], "weight": 0.5}
    analysis.findings = pd.DataFrame([first, second], columns=FINDING_COLUMNS)
    lines = _summary(analysis)
    tie = next(i for i, line in enumerate(lines) if "F-00000001) was that" in line)
    assert lines[tie].startswith("Two concerns were the most widely shared, equally (two "
                                 "organisations each). One (F-00000001) was that ")
    assert lines[tie + 1].startswith("The other (F-00000002) was that ")
    assert not any("The next concern" in line for line in lines)


def test_a_tie_of_three_says_three_and_names_them_all():
    analysis = _analysis({"engagement": [(o, "criticism") for o in "abcdef"]})
    base = analysis.findings.iloc[0].to_dict() | {"n_organisations": 2, "n_segments": 2}
    rows = [base | {"finding_id": f"F-0000000{n}", "organisations": list(pair),
                    "segment_ids": [f"{o}:engagement:{'abcdef'.index(o)}" for o in pair],
                    "weight": 1.0 - n / 10}
            for n, pair in enumerate(["ab", "cd", "ef"], start=1)]
    analysis.findings = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    lines = _summary(analysis)
    assert any(line.startswith("Three concerns were the most widely shared, equally (two "
                               "organisations each: F-00000001, F-00000002 and F-00000003). One "
                               "(F-00000001) was that ") for line in lines), lines
    assert any(line.startswith("Another (F-00000002) was that ") for line in lines)


def test_a_kind_of_complaint_is_summed_up_as_what_respondents_said():
    analysis = _analysis({"engagement": [("a", "criticism"), ("b", "criticism")]})
    analysis.findings.loc[0, ["text", "n_organisations"]] = (
        "Evidence from two respondents (a and b) suggested that they had heard nothing back, or "
        "nothing of substance: for example, a said that nobody replied.", 2)
    concern = next(line for line in _summary(analysis) if "F-00000001) was that" in line)
    assert concern == ("The most widely shared concern (two organisations, F-00000001) was that "
                       "respondents had heard nothing back, or nothing of substance.")


def test_with_nothing_to_rank_by_organisations_the_summary_does_not_rank():
    lines = _summary(_analysis({"engagement": [("a", "criticism"), ("a", "criticism")],
                                "commissioning": [("a", "criticism")]}))
    assert lines[0] == ("The main concerns in the evidence were about engagement and "
                        "communication, and commissioning and funding, each criticised by one "
                        "organisation (two and one critical statements; F-00000001).")
    single = _summary(_analysis({"engagement": [("a", "criticism"), ("b", "criticism")]}))
    assert single[0] == ("The main concern in the evidence was about engagement and "
                         "communication: two organisations made two critical statements "
                         "(F-00000001).")
