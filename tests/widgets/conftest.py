"""A small analysis made by hand (no models needed), and a stand-in for the review store."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from evidence_lab import Analysis, load_codebook

# two statements in the first paragraph, one in the second (offsets counted by hand)
CSP_TEXT = ("The OPCC grant round opened late again. "
            "Funding for the youth scheme was confirmed.\n\n"
            "Nobody from the office attends our board.")


@pytest.fixture
def analysis() -> Analysis:
    submissions = pd.DataFrame({
        "submission_id": ["csp", "watch"], "organisation": ["Coldwater CSP", "Farm Watch"],
        "respondent_type": ["community_safety_partnership", "rural_group"], "source": ["a", "b"],
        "text": [CSP_TEXT, "The Commissioner came to our meeting and listened."],
        "primary_theme": ["commissioning", "engagement"],
        "pcc_sentiment": ["negative", "positive"]})
    segments = pd.DataFrame({
        "segment_id": ["csp:0", "csp:1", "csp:2", "watch:0"],
        "submission_id": ["csp", "csp", "csp", "watch"],
        "text": ["The OPCC grant round opened late again.",
                 "Funding for the youth scheme was confirmed.",
                 "Nobody from the office attends our board.",
                 "The Commissioner came to our meeting and listened."],
        "start_char": [0, 40, 85, 0], "end_char": [39, 83, 126, 50],
        "page": [pd.NA, pd.NA, 2, pd.NA], "paragraph": [0, 0, 1, 0],
        "primary_theme": ["commissioning", "commissioning", "partnerships", "engagement"],
        "pcc_sentiment": ["negative", "neutral", "negative", "positive"],
        "target_spans": ["4-8", "", "", "4-16"],
        "stance_evidence": ["OPCC [target]; late [criticism]", "", "Nobody [implied]",
                            "Commissioner [target]; listened [praise]"],
    })
    themes = pd.DataFrame({"theme_id": ["commissioning", "partnerships", "engagement"],
                           "label": ["Commissioning and funding", "Partnership working",
                                     "Engagement and communication"]})
    findings = pd.DataFrame({
        "finding_id": ["F-aaaa1111", "F-bbbb2222", "F-cccc3333"],
        "kind": ["finding", "finding", "recommendation"],
        "theme": ["commissioning", "engagement", "commissioning"],
        "theme_label": ["Commissioning and funding", "Engagement and communication",
                        "Commissioning and funding"],
        "stance": ["negative", "positive", "request"],
        "text": ["A few respondents said the grant round opened late.",
                 "One respondent said the Commissioner listened.",
                 "Publish the grant timetable three months ahead."],
        "segment_ids": ["csp:0", "watch:0", "csp:0;csp:1"],
    })
    return Analysis(submissions=submissions, segments=segments, themes=themes, findings=findings,
                    codebook=load_codebook(), run={})


class RecordingReview:
    """Stands in for :class:`evidence_lab.review.Review`: records what the widgets ask of it."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.path = Path("/reviews/ravensmoor.duckdb")

    def relabel(self, segment_id, theme=None, pcc_sentiment=None, by="officer"):
        self.calls.append(("relabel", segment_id, theme, pcc_sentiment, by))
        return len(self.calls)

    def findings(self) -> pd.DataFrame:
        return pd.DataFrame({"finding_id": ["F-bbbb2222"], "status": ["edited"],
                             "edited_text": ["The Commissioner listened to the Farm Watch."],
                             "text": ["One respondent said the Commissioner listened."]})

    def accept(self, finding_id):
        self.calls.append(("accept", finding_id))

    def edit(self, finding_id, text):
        self.calls.append(("edit", finding_id, text))

    def reject(self, finding_id):
        self.calls.append(("reject", finding_id))


@pytest.fixture
def recording_review() -> RecordingReview:
    return RecordingReview()
