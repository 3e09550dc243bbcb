"""Saved web pages and e-mailed submissions are read as a person reads them: the visible text in
blocks, headings marked, an e-mail's own words without its headers or quoted replies, with the
letters attached to it."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from evidence_lab.errors import UnreadableFileError
from evidence_lab.ingest import READERS, read_inputs
from evidence_lab.ingest._web import read_eml, read_html
from evidence_lab.schema import HEADINGS_KEY

PAGE = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Form 17</title>
<style>p {color: red}</style><script>var tracking = "not evidence";</script></head>
<body><nav><a href="/">Home</a></nav>
<h2>Question 3: engagement</h2>
<p>The Commissioner&#8217;s office has not   replied
to our letters since March.</p>
<table><tr><th>Area</th><th>Patrols</th></tr><tr><td>Eastwick</td><td>fell by half</td></tr></table>
<ul><li>Speed Watch data goes unanswered.</li><li>Meetings were cancelled.<br>Twice.</li></ul>
</body></html>"""


def test_a_web_page_reads_as_its_visible_blocks_with_headings(tmp_path):
    path = tmp_path / "form17.html"
    path.write_bytes(PAGE.replace("Commissioner&#8217;s", "Commissioner\u2019s").encode("cp1252"))
    [document] = read_html(path)
    blocks = document.text.split("\n\n")
    assert blocks == ["Home", "Question 3: engagement",
                      "The Commissioner’s office has not replied to our letters since March.",
                      "Area | Patrols", "Eastwick | fell by half",
                      "Speed Watch data goes unanswered.", "Meetings were cancelled.\nTwice."]
    assert "tracking" not in document.text and "Form 17" not in document.text
    [[start, end]] = document.metadata[HEADINGS_KEY]
    assert document.text[start:end] == "Question 3: engagement"


def test_a_page_whose_head_is_never_closed_is_still_read(tmp_path):
    path = tmp_path / "old.htm"
    path.write_text("<html><head><title>Reply<body><p>The OPCC never replied to us.</p>",
                    encoding="utf-8")
    [document] = read_html(path)
    assert document.text == "The OPCC never replied to us."


def test_a_page_with_no_visible_text_is_refused(tmp_path):
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><script>x()</script></head><body> </body></html>",
                    encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="the web page contains no text"):
        read_html(path)


def _email(body: str, *, html: str | None = None, attachment: bool = False) -> bytes:
    message = EmailMessage()
    message["From"] = "Jo Bloggs <jo.bloggs@example.org>"
    message["To"] = "panel@example.gov.uk"
    message["Subject"] = "Response to the call for evidence"
    message.set_content(body)
    if html is not None:
        message.add_alternative(html, subtype="html")
    if attachment:
        message.add_attachment(b"%PDF-1.4 ...", maintype="application", subtype="pdf",
                               filename="response.pdf")
    return message.as_bytes()


REPLY = ("Dear Panel,\n\nThe OPCC has not attended our board since January.\n\n"
         "Yours sincerely,\nClerk to Eastwick Parish Council\n\n"
         "On 3 November 2026, Panel Support wrote:\n> Please send your evidence by Friday.\n")


def test_an_email_is_its_subject_and_own_words_without_headers_or_quoted_text(tmp_path):
    path = tmp_path / "eastwick.eml"
    path.write_bytes(_email(REPLY))
    [document] = read_eml(path)
    assert document.text.startswith("Response to the call for evidence\n\nDear Panel,")
    assert "The OPCC has not attended our board since January." in document.text
    assert "example.org" not in document.text and "Jo Bloggs" not in document.text
    assert "Please send your evidence" not in document.text and "wrote:" not in document.text
    [[start, end]] = document.metadata[HEADINGS_KEY]
    assert document.text[start:end] == "Response to the call for evidence"


def test_an_html_only_email_is_read_and_an_attachment_is_named(tmp_path):
    message = EmailMessage()
    message["From"], message["Subject"] = "clerk@example.org", "Evidence"
    message.set_content("<p>Nobody from the office came to the rural summit.</p>", subtype="html")
    message.add_attachment(b"data", maintype="application", subtype="pdf", filename="annex.pdf")
    path = tmp_path / "summit.eml"
    path.write_bytes(message.as_bytes())
    [document] = READERS[".eml"](path)
    assert document.text == "Evidence\n\nNobody from the office came to the rural summit."
    [warning] = document.metadata["reader_warnings"]  # b"data" is no PDF
    assert warning.startswith("the attachment 'annex.pdf' could not be read: not a PDF file")


def test_an_attached_letter_is_read_as_part_of_the_submission(tmp_path, build):
    letter = build.docx(tmp_path / "letter.docx", [
        "Dear Panel,", "The OPCC has not attended a meeting of our board since January.",
        "Yours faithfully,", "Westmoor Community Safety Partnership"])
    message = EmailMessage()
    message["From"], message["Subject"] = "jo.bloggs@example.org", "Our response"
    message.set_content("Please find our response attached.\n\nJo")
    message.add_attachment(letter.read_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="Westmoor CSP response.docx")
    message.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="logo.png")
    folder = tmp_path / "call"
    folder.mkdir()
    (folder / "westmoor.eml").write_bytes(message.as_bytes())
    [document] = READERS[".eml"](folder / "westmoor.eml")
    assert document.text.split("\n\n") == [
        "Our response", "Please find our response attached.", "Jo",
        "Attachment: Westmoor CSP response.docx", "Dear Panel,",
        "The OPCC has not attended a meeting of our board since January.", "Yours faithfully,",
        "Westmoor Community Safety Partnership"]
    assert document.metadata["reader_warnings"] == [
        "the attachment 'logo.png' was not read; save it beside the e-mail to include it"]
    submissions = read_inputs(folder).submissions
    assert submissions["organisation"].tolist() == ["Westmoor Community Safety Partnership"]


def test_an_email_whose_attachments_cannot_be_read_says_so(tmp_path):
    message = EmailMessage()
    message["From"], message["Subject"] = "clerk@example.org", "Our response"
    message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf",
                           filename="response.pdf")
    path = tmp_path / "attached.eml"
    path.write_bytes(message.as_bytes())
    with pytest.raises(UnreadableFileError, match=r"its attachments \(response\.pdf\) could not "
                                                  "be read"):
        read_eml(path, READERS)


def test_a_text_file_named_eml_is_not_an_email(tmp_path):
    path = tmp_path / "notes.eml"
    path.write_text("Just some notes about the meeting.\n", encoding="utf-8")
    with pytest.raises(UnreadableFileError, match="not an e-mail message"):
        read_eml(path)


def test_an_emailed_submission_is_ingested_with_its_sender_from_the_sign_off(tmp_path):
    folder = tmp_path / "call"
    folder.mkdir()
    (folder / "eastwick.eml").write_bytes(_email(REPLY, attachment=True))
    (folder / "form17.html").write_text(PAGE, encoding="utf-8")
    result = read_inputs(folder)
    submissions = result.submissions.set_index("submission_id")
    assert submissions.loc["eastwick", "organisation"] == "Eastwick Parish Council"
    assert "replied to our letters since March" in submissions.loc["form17", "text"]
    assert result.skipped == []
    [warning] = [w.reason for w in result.warnings if w.path.endswith("eastwick.eml")]
    assert warning.startswith("the attachment 'response.pdf' could not be read: ")
