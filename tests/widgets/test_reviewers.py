"""The review widgets, driven headlessly: buttons are clicked with ``Button.click()`` and dropdowns
set as a person would, on a small hand-made analysis (no models needed)."""

from __future__ import annotations

import pytest

from evidence_lab.widgets import CORRECTION_COLUMNS, FindingsReviewer, SegmentReviewer, highlight

pytest.importorskip("ipywidgets")


def test_segment_reviewer_pages_through_one_theme(analysis):
    reviewer = SegmentReviewer(analysis, theme="commissioning")
    assert reviewer.selection["segment_id"].tolist() == ["csp:0", "csp:1"]
    assert reviewer.current["segment_id"] == "csp:0"
    assert reviewer.prev_button.disabled and not reviewer.next_button.disabled
    reviewer.next_button.click()
    assert reviewer.current["segment_id"] == "csp:1"
    assert reviewer.next_button.disabled
    reviewer.next_button.click()  # stays on the last statement
    assert reviewer.current["segment_id"] == "csp:1"
    reviewer.prev_button.click()
    assert reviewer.current["segment_id"] == "csp:0"
    assert "Statement <b>1</b> of 2" in reviewer.position_label.value


def test_segment_reviewer_shows_the_spans_behind_the_stance(analysis):
    reviewer = SegmentReviewer(analysis, theme="commissioning")
    body = reviewer.body.value
    assert '<mark title="target"' in body and ">OPCC</mark>" in body
    assert '<mark title="criticism"' in body and ">late</mark>" in body
    assert "Coldwater CSP" in body and "negative" in body
    assert reviewer.theme_picker.value == "commissioning"
    assert reviewer.stance_picker.value == "negative"


def test_filter_dropdowns_change_the_selection(analysis):
    reviewer = SegmentReviewer(analysis)
    assert len(reviewer.selection) == 4
    reviewer.stance_filter.value = "negative"
    assert reviewer.selection["segment_id"].tolist() == ["csp:0", "csp:2"]
    reviewer.theme_filter.value = "partnerships"
    assert reviewer.selection["segment_id"].tolist() == ["csp:2"]
    reviewer.stance_filter.value = "positive"
    assert reviewer.selection.empty
    assert "No statements" in reviewer.position_label.value and reviewer.save_button.disabled
    reviewer.go_to("watch:0")  # widens the filters to find it
    assert reviewer.current["segment_id"] == "watch:0"
    assert reviewer.theme_filter.value == "__all__"


def test_relabel_in_memory_gives_corrections_for_analyse(analysis):
    reviewer = SegmentReviewer(analysis, theme="commissioning")
    reviewer.next_button.click()  # csp:1, commissioning / neutral
    reviewer.stance_picker.value = "positive"
    reviewer.save_button.click()
    assert "Saved csp:1" in reviewer.message.value
    table = reviewer.corrections
    assert table.columns.tolist() == CORRECTION_COLUMNS
    assert table.to_dict("records") == [{"segment_id": "csp:1", "theme": None,
                                         "pcc_sentiment": "positive",
                                         "text": "Funding for the youth scheme was confirmed."}]
    # a second correction of the same statement updates its row; the earlier stance stays
    reviewer.relabel("csp:1", theme="partnerships")
    assert len(reviewer.corrections) == 1
    assert reviewer.corrections.iloc[0][["theme", "pcc_sentiment"]].tolist() == [
        "partnerships", "positive"]
    assert reviewer.labels_of("csp:1") == ("partnerships", "positive")
    assert "corrected; the model said Commissioning and funding, neutral" in reviewer.body.value
    assert 'Theme: <b class="el-theme-label">Partnership working</b>' in reviewer.body.value
    assert reviewer.theme_picker.value == "partnerships"
    assert reviewer.message.value.startswith("Saved csp:1: Partnership working, positive")


def test_labels_set_in_an_earlier_session_are_marked(analysis):
    analysis.segments["corrected_by"] = ["", "", "Jo Smith", ""]
    reviewer = SegmentReviewer(analysis, theme="partnerships")
    assert "label set by Jo Smith" in reviewer.body.value


def test_saving_unchanged_labels_records_nothing(analysis):
    reviewer = SegmentReviewer(analysis)
    reviewer.save_button.click()
    assert reviewer.corrections.empty
    assert "Nothing to save" in reviewer.message.value


def test_bad_labels_are_refused_with_the_valid_values(analysis):
    reviewer = SegmentReviewer(analysis)
    with pytest.raises(ValueError, match="theme must be one of engagement, .*other"):
        reviewer.relabel("csp:0", theme="budgets")
    with pytest.raises(ValueError, match="stance must be one of positive, negative, mixed, neu"):
        reviewer.relabel("csp:0", pcc_sentiment="angry")
    with pytest.raises(KeyError, match="no statement 'csp:99'"):
        reviewer.relabel("csp:99", pcc_sentiment="neutral")
    with pytest.raises(ValueError, match="theme must be one of commissioning, engagement"):
        SegmentReviewer(analysis, theme="budgets")


def test_relabel_with_a_review_stores_only_what_changed(analysis, recording_review):
    review = recording_review
    reviewer = SegmentReviewer(analysis, review=review, by="Jo Smith")
    reviewer.theme_picker.value = "partnerships"  # csp:0: theme changed, stance left as it was
    reviewer.save_button.click()
    assert review.calls == [("relabel", "csp:0", "partnerships", None, "Jo Smith")]
    assert "in the review" in reviewer.message.value


def test_findings_reviewer_in_memory(analysis):
    reviewer = FindingsReviewer(analysis)
    rows = reviewer.controls
    assert list(rows) == ["F-aaaa1111", "F-bbbb2222", "F-cccc3333"]
    rows["F-aaaa1111"]["accept"].click()
    rows["F-cccc3333"]["reject"].click()
    rows["F-bbbb2222"]["edit"].click()
    assert rows["F-bbbb2222"]["text"].layout.display is None  # the editor opened
    assert rows["F-bbbb2222"]["text"].value == "One respondent said the Commissioner listened."
    rows["F-bbbb2222"]["text"].value = "The Farm Watch said the Commissioner listened."
    rows["F-bbbb2222"]["save"].click()
    assert rows["F-bbbb2222"]["text"].layout.display == "none"
    table = reviewer.findings.set_index("finding_id")
    assert table["status"].to_dict() == {"F-aaaa1111": "accepted", "F-bbbb2222": "edited",
                                         "F-cccc3333": "rejected"}
    assert table.loc["F-bbbb2222", "text"] == "The Farm Watch said the Commissioner listened."
    assert table.loc["F-bbbb2222", "drafted_text"] == (
        "One respondent said the Commissioner listened.")
    assert "Drafted as: One respondent said" in rows["F-bbbb2222"]["html"].value
    assert reviewer.status_counts() == {"draft": 0, "accepted": 1, "edited": 1, "rejected": 1}
    assert rows["F-aaaa1111"]["accept"].disabled and rows["F-cccc3333"]["reject"].disabled
    assert "line-through" in rows["F-cccc3333"]["html"].value
    assert "1 accepted, 1 edited, 1 rejected" in reviewer.summary.value


def test_an_empty_edit_is_refused_in_the_widget(analysis):
    reviewer = FindingsReviewer(analysis)
    row = reviewer.controls["F-aaaa1111"]
    row["edit"].click()
    row["text"].value = "   "
    row["save"].click()
    assert "is empty; to drop a finding reject it" in row["message"].value
    assert reviewer.findings.loc[0, "status"] == "draft"
    with pytest.raises(ValueError, match="is empty"):
        reviewer.edit("F-aaaa1111", "")


def test_findings_reviewer_with_a_review(analysis, recording_review):
    review = recording_review
    reviewer = FindingsReviewer(analysis, review=review, kind="finding")
    assert list(reviewer.controls) == ["F-aaaa1111", "F-bbbb2222"]
    # the review's stored decision is shown, even though the analysis predates it
    assert reviewer.findings.loc[1, "status"] == "edited"
    shown = reviewer.controls["F-bbbb2222"]["html"].value
    assert "The Commissioner listened to the Farm Watch." in shown
    reviewer.controls["F-aaaa1111"]["accept"].click()
    reviewer.reject("F-bbbb2222")
    reviewer.edit("F-aaaa1111", "Three partners said the round opened late.")
    assert review.calls == [("accept", "F-aaaa1111"), ("reject", "F-bbbb2222"),
                            ("edit", "F-aaaa1111", "Three partners said the round opened late.")]
    with pytest.raises(KeyError, match="no finding 'F-nope'"):
        reviewer.accept("F-nope")


def test_widgets_display_as_ipywidgets(analysis):
    for reviewer in (SegmentReviewer(analysis), FindingsReviewer(analysis)):
        bundle = reviewer._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle
        view = bundle["application/vnd.jupyter.widget-view+json"]
        assert view["model_id"] == reviewer.widget.model_id


def test_highlight_escapes_the_statement():
    out = highlight("<b>The OPCC</b> was late", "7-11", "OPCC [target]; late [criticism]")
    assert out.startswith("&lt;b&gt;The <mark") and "&lt;/b&gt;" in out
    assert ">late</mark>" in out


def test_the_fixture_offsets_index_the_submission_text(analysis):
    texts = analysis.submissions.set_index("submission_id")["text"]
    for row in analysis.segments.itertuples():
        assert texts[row.submission_id][row.start_char:row.end_char] == row.text


def test_organisation_filter_pages_through_one_respondent(analysis):
    reviewer = SegmentReviewer(analysis, organisation="Farm Watch")
    assert reviewer.selection["segment_id"].tolist() == ["watch:0"]
    assert reviewer.organisation_filter.value == "Farm Watch"
    reviewer.organisation_filter.value = "Coldwater CSP"
    assert reviewer.selection["segment_id"].tolist() == ["csp:0", "csp:1", "csp:2"]
    reviewer.stance_filter.value = "negative"
    assert reviewer.selection["segment_id"].tolist() == ["csp:0", "csp:2"]
    reviewer.show(organisation="Farm Watch")  # show() resets the other filters
    assert reviewer.stance_filter.value == "__all__" and len(reviewer.selection) == 1
    with pytest.raises(ValueError, match="no statements from organisation 'Nobody'"):
        reviewer.show(organisation="Nobody")


def test_a_statement_is_shown_in_its_paragraph(analysis):
    reviewer = SegmentReviewer(analysis, organisation="Coldwater CSP")
    reviewer.next()  # csp:1, the second statement of paragraph 0
    context = reviewer.context.value
    assert "In its paragraph (2 statements)" in context
    assert context.index("The OPCC grant round") < context.index('class="el-this-statement"')
    assert ">Funding for the youth scheme was confirmed.</span>" in context
    assert "Nobody from the office" not in context  # the next paragraph is not shown
    reviewer.next()  # csp:2 is alone in its paragraph: nothing more to show
    assert reviewer.context.value == ""


def test_list_columns_read_like_joined_strings(analysis):
    """``target_spans`` and ``segment_ids`` as Python lists (the list-column DataFrames)."""
    joined_body = SegmentReviewer(analysis).body.value
    joined_cites = FindingsReviewer(analysis).controls["F-cccc3333"]["html"].value
    analysis.segments["target_spans"] = [[(4, 8)], [], [], ["4-16"]]
    analysis.findings["segment_ids"] = [["csp:0"], ["watch:0"], ["csp:0", "csp:1"]]
    assert SegmentReviewer(analysis).body.value == joined_body
    html = FindingsReviewer(analysis).controls["F-cccc3333"]["html"].value
    assert html == joined_cites and "[csp:0, csp:1]" in html


def test_controls_carry_css_classes_for_pages_and_browser_tests(analysis):
    reviewer = SegmentReviewer(analysis)
    assert "el-save-button" in reviewer.save_button._dom_classes
    assert "el-segment-reviewer" in reviewer.widget._dom_classes
    findings = FindingsReviewer(analysis)
    assert "el-accept" in findings.controls["F-aaaa1111"]["accept"]._dom_classes
    assert findings.controls["F-aaaa1111"]["accept"].tooltip == "Accept F-aaaa1111 as it reads"


def test_highlight_reads_spans_as_lists_too():
    text = "The OPCC was late"
    joined = highlight(text, "4-8", "late [criticism]")
    assert highlight(text, [(4, 8)], ["late [criticism]"]) == joined
    assert highlight(text, ["4-8"], "late [criticism]") == joined
    assert highlight(text, None, None) == text


def test_the_output_carries_a_static_snapshot_and_a_readable_repr(analysis):
    """What a saved notebook shows where the live widget cannot be (untrusted, or on a web page)."""
    reviewer = SegmentReviewer(analysis, theme="commissioning")
    bundle = reviewer._repr_mimebundle_()
    assert bundle["text/plain"] == "SegmentReviewer(2 statements shown, 0 corrected)"
    snapshot = bundle["text/html"]
    assert snapshot.startswith('<div class="el-snapshot">') and ">OPCC</mark>" in snapshot
    assert "Statement <b>1</b> of 2" in snapshot
    assert "run the notebook to use the buttons" in snapshot
    assert "<button" not in snapshot and "<select" not in snapshot
    findings = FindingsReviewer(analysis)._repr_mimebundle_()
    assert findings["text/plain"].startswith("FindingsReviewer(3 listed: 3 draft")
    assert findings["text/html"].count("F-") == 3
    assert "A few respondents said" in findings["text/html"]
