"""The review page, driven headlessly: its sections and what its header says."""

from __future__ import annotations

import pytest

from evidence_lab.widgets import FindingsReviewer, ReviewPage, SegmentReviewer

pytest.importorskip("ipywidgets")


def test_page_shows_statements_first_and_switches_sections(analysis):
    page = ReviewPage(analysis, title="Ravensmoor call")
    assert list(page.sections) == ["Statements", "Findings"]
    assert page.switch.options == ("Statements", "Findings")
    assert page.content.children == (page.statements.widget,)
    page.switch.value = "Findings"  # what clicking the button does
    assert page.content.children == (page.findings.widget,)
    assert isinstance(page.statements, SegmentReviewer)
    assert isinstance(page.findings, FindingsReviewer)
    assert "Ravensmoor call" in page.header.value
    assert "2 submissions, 4 statements, 3 findings and recommendations" in page.header.value
    assert "kept in memory" in page.header.value
    assert "el-review-page" in page.widget._dom_classes


def test_a_new_section_gets_a_button(analysis):
    """Where the "code these next" queue (issue 16) goes."""
    import ipywidgets

    page = ReviewPage(analysis)
    queue = ipywidgets.HTML("next statements to code")
    page.add_section("Code these next", queue, "Statements the models are least sure of")
    assert page.switch.options[-1] == "Code these next"
    assert page.switch.tooltips[-1] == "Statements the models are least sure of"
    page.show_section("Code these next")
    assert page.content.children == (queue,)
    with pytest.raises(ValueError, match="already has a section 'Findings'"):
        page.add_section("Findings", queue)
    with pytest.raises(KeyError, match="no section 'Queue'; the sections are Statements"):
        page.show_section("Queue")


def test_page_decisions_go_to_the_review(analysis, recording_review):
    review = recording_review
    page = ReviewPage(analysis, review, by="Jo Smith")
    assert "<code>ravensmoor.duckdb</code>" in page.header.value
    page.statements.stance_picker.value = "mixed"
    page.statements.save_button.click()
    page.findings.controls["F-aaaa1111"]["accept"].click()
    assert review.calls == [("relabel", "csp:0", None, "mixed", "Jo Smith"),
                            ("accept", "F-aaaa1111")]


def test_review_command_names_a_missing_store(tmp_path, capsys):
    from evidence_lab.cli import main

    missing = tmp_path / "nowhere.duckdb"
    assert main(["review", "--review", str(missing), "--no-browser"]) == 2
    assert f"no review store at {missing}; create one by adding a call" in capsys.readouterr().err
    assert not missing.exists()  # nothing was created, no server started
