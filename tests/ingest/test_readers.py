"""Every reader on a small file written here, with the text and metadata it must give back."""

from __future__ import annotations

import codecs

import pytest

from evidence_lab.ingest import READERS, decode_text, read_inputs
from evidence_lab.schema import SUBMISSION_COLUMNS
from evidence_lab.segmentation import add_context, segment

TEXT = "The Commissioner’s “Safer Streets” plan cost £250,000 – well spent.\nCafé owners agree."


@pytest.mark.parametrize(("case", "data"), [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 BOM", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf-16 LE BOM", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf-16 LE", TEXT.encode("utf-16-le")),
    ("utf-16 BE", TEXT.encode("utf-16-be")),
    ("cp1252", TEXT.encode("cp1252")),
    ("utf-8 CRLF", TEXT.replace("\n", "\r\n").encode("utf-8")),
])
def test_text_encodings(tmp_path, case, data):
    path = tmp_path / "letter.txt"
    path.write_bytes(data)
    [doc] = READERS[".txt"](path)
    assert doc.text == TEXT
    assert doc.source == str(path)
    assert doc.page_starts is None


def test_short_cp1252_file_is_not_misdetected(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Costs £3m – “too much”.".encode("cp1252"))
    assert READERS[".txt"](path)[0].text == "Costs £3m – “too much”."


def test_legacy_cyrillic_still_detected():
    text = "Комиссар посетил все наши встречи в этом году"
    assert decode_text(text.encode("cp1251"), "x.txt") == text


def test_markdown_read_as_text(tmp_path):
    path = tmp_path / "youth.md"
    path.write_text("# Youth Commission\n\n- The Commissioner listened.\n- Funding came late.\n",
                    encoding="utf-8")
    [doc] = READERS[".md"](path)
    assert doc.text == "# Youth Commission\n\n- The Commissioner listened.\n- Funding came late.\n"


def test_docx_paragraphs_and_table(tmp_path, build):
    path = build.docx(tmp_path / "council.docx",
                      ["Ravensmoor County Council response", "", "The Commissioner attended.",
                       "Funding came late."],
                      table=[["Area", "Comment"], ["North", "Patrols are rarer."], ["South", ""]])
    [doc] = READERS[".docx"](path)
    assert doc.text == ("Ravensmoor County Council response\n\nThe Commissioner attended.\n\n"
                        "Funding came late.\n\nArea | Comment\n\nNorth | Patrols are rarer."
                        "\n\nSouth")


def test_docx_cell_paragraphs_and_line_breaks(tmp_path):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("First line")
    paragraph.add_run().add_break()
    paragraph.add_run("second line")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "One statement."
    cell.add_paragraph("Another statement.")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    [doc] = READERS[".docx"](path)
    assert doc.text == "First line\nsecond line\n\nOne statement. Another statement."


def test_pdf_pages(tmp_path, build, nlp):
    path = build.pdf(tmp_path / "federation.pdf", [
        ["The Commissioner has met the Federation twice.", "Officers welcomed the visits."],
        ["Funding for welfare support was cut.", "We ask the Panel to examine this."],
        ["Thank you."],
    ])
    [doc] = READERS[".pdf"](path)
    assert doc.text == ("The Commissioner has met the Federation twice.\n"
                        "Officers welcomed the visits.\n\n"
                        "Funding for welfare support was cut.\n"
                        "We ask the Panel to examine this.\n\n"
                        "Thank you.")
    assert doc.page_starts == [0, doc.text.index("Funding"), doc.text.index("Thank")]
    assert doc.metadata["pages"] == 3

    result = read_inputs(path, quiet=True)
    segments = segment(result.submissions, nlp=nlp, show_progress=False)
    pages = dict(zip(segments["text"], segments["page"], strict=True))
    assert pages == {
        "The Commissioner has met the Federation twice.": 1,
        "Officers welcomed the visits.": 1,
        "Funding for welfare support was cut.": 2,
        "We ask the Panel to examine this.": 2,
        "Thank you.": 3,
    }


def test_pdf_wrapped_lines_are_joined(tmp_path, build):
    path = build.pdf(tmp_path / "wrapped.pdf", [[
        "Our members have told us that the Commissioner's office has not",
        "replied to letters sent in the spring and summer.",
        "- a bullet stays on its own line",
    ]])
    [doc] = READERS[".pdf"](path)
    assert doc.text == ("Our members have told us that the Commissioner's office has not "
                        "replied to letters sent in the spring and summer.\n"
                        "- a bullet stays on its own line")


def test_pdf_running_headers_footers_and_page_numbers_are_layout_not_text(tmp_path, build, nlp):
    header = "Westmoor District Council - Response to the call for evidence"
    footer = "Westmoor District Council, Town Hall, Westmoor"
    path = build.pdf(tmp_path / "westmoor.pdf", [
        [header, "", "The OPCC has not attended our board since January.",
         "Officers tell us that waiting a year for a trial is", "", "Page 1 of 3", footer],
        [header, "", "one of the main reasons they lose faith.", "We welcome the rural team.",
         "", "Page 2 of 3", footer],
        [header, "", "Thank you.", "", "3", footer],
    ])
    [doc] = READERS[".pdf"](path)
    # the header once, as the letterhead it is, and never glued to a page's first sentence; the
    # sentence over the page break stays one sentence
    assert doc.text == (f"{header}\n\nThe OPCC has not attended our board since January.\n"
                        "Officers tell us that waiting a year for a trial is one of the main "
                        "reasons they lose faith.\nWe welcome the rural team.\n\nThank you.")
    assert doc.page_starts == [0, doc.text.index("one of the main"), doc.text.index("Thank")]
    result = read_inputs(path, quiet=True)
    assert result.submissions["organisation"].tolist() == ["Westmoor District Council"]
    segments = segment(result.submissions, nlp=nlp, show_progress=False)
    pages = dict(zip(segments["text"], segments["page"], strict=True))
    assert pages["Officers tell us that waiting a year for a trial is one of the main reasons "
                 "they lose faith."] == 1  # the page it starts on
    assert pages["We welcome the rural team."] == 2


CSV_ROWS = [
    ["submission_id", "Organisation", "respondent_type", "area", "text"],
    ["007", "Stanbridge North Neighbourhood Watch", "neighbourhood_watch", "Stanbridge",
     "The neighbourhood officers came to talk to residents; the Commissioner did not."],
    ["RF-0042", "", "", "", "Funding for the youth diversion scheme was welcome."],
    ["RF-0043", "Ignored Org", "", "North", "  "],
]


def _csv(rows, delimiter):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_rows(tmp_path, delimiter):
    path = tmp_path / "form.csv"
    path.write_text(_csv(CSV_ROWS, delimiter), encoding="utf-8")
    docs = READERS[".csv"](path)
    assert [d.submission_id for d in docs] == ["007", "RF-0042"]  # an empty answer is dropped
    first, second = docs
    assert first.text == CSV_ROWS[1][4]
    assert first.organisation == "Stanbridge North Neighbourhood Watch"
    assert first.respondent_type == "neighbourhood_watch"
    assert first.metadata == {"area": "Stanbridge"}
    assert first.source == f"{path}#row=1"
    assert second.organisation is None and second.metadata == {}
    assert second.source == f"{path}#row=2"


def test_csv_through_read_inputs_keeps_ids(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text(_csv(CSV_ROWS, ";"), encoding="utf-8-sig")
    result = read_inputs(tmp_path, quiet=True)
    table = result.submissions
    assert list(table.columns) == SUBMISSION_COLUMNS
    assert table["submission_id"].tolist() == ["007", "RF-0042"]
    assert table["organisation"].tolist() == ["Stanbridge North Neighbourhood Watch",
                                              "Respondent RF-0042"]
    assert table["metadata"].tolist() == [{"area": "Stanbridge"}, {}]
    assert result.skipped == []


def test_csv_quoted_multiline_text(tmp_path):
    path = tmp_path / "form.csv"
    path.write_text('submission_id,text\nA1,"First line, with a comma.\r\nSecond line."\n',
                    encoding="utf-8")
    [doc] = READERS[".csv"](path)
    assert doc.text == "First line, with a comma.\nSecond line."


def test_xlsx_rows(tmp_path, build):
    path = build.xlsx(tmp_path / "form.xlsx", [
        ["Submission_ID", "organisation", "received", "TEXT"],
        ["RF-0001", "Farm Watch", "2026-10-19",
         "Rural crime is rising and the Commissioner knows it."],
        [1002, None, None, "More patrols please."],
        [None, None, None, None],
    ])
    docs = READERS[".xlsx"](path)
    assert [d.submission_id for d in docs] == ["RF-0001", "1002"]
    assert [d.text for d in docs] == ["Rural crime is rising and the Commissioner knows it.",
                                      "More patrols please."]
    assert docs[0].organisation == "Farm Watch"
    assert docs[0].metadata == {"received": "2026-10-19"}
    assert docs[1].organisation is None


def test_manifest_attaches_who_sent_it(tmp_path, build):
    (tmp_path / "coldwater_csp.txt").write_text("The Commissioner attended our board.\n")
    build.docx(tmp_path / "fire.docx", ["Joint working with the fire service improved."])
    (tmp_path / "unlisted_group.txt").write_text("We were not consulted.\n")
    (tmp_path / "manifest.csv").write_text(
        "file,organisation,respondent_type,received\n"
        "coldwater_csp.txt,Coldwater Community Safety Partnership,community_safety_partnership,"
        "2026-11-18\n"
        "fire.docx,Ravensmoor Fire and Rescue Service,fire_service,\n", encoding="utf-8")
    result = read_inputs(tmp_path, quiet=True)
    table = result.submissions.set_index("submission_id")
    assert table.loc["coldwater_csp", "organisation"] == "Coldwater Community Safety Partnership"
    assert table.loc["coldwater_csp", "respondent_type"] == "community_safety_partnership"
    assert table.loc["coldwater_csp", "metadata"] == {"received": "2026-11-18"}
    assert table.loc["fire", "organisation"] == "Ravensmoor Fire and Rescue Service"
    assert table.loc["fire", "respondent_type"] == "fire_service"
    assert table.loc["unlisted_group", "organisation"] == "Unlisted Group"  # from the file name
    assert table.loc["unlisted_group", "respondent_type"] == ""
    assert sorted(result.files) == sorted(str(tmp_path / n) for n in
                                          ("coldwater_csp.txt", "fire.docx", "unlisted_group.txt"))


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "letter.txt").write_text(f"Letter from folder {folder}.\n")
    ids = read_inputs(tmp_path, quiet=True).submissions["submission_id"].tolist()
    assert ids[0] == "letter"
    assert ids[1].startswith("letter-") and len(set(ids)) == 2


def test_jsonl_and_plain_id_columns_give_submission_ids(tmp_path):
    from evidence_lab.ingest import read_inputs

    (tmp_path / "coded.jsonl").write_text(
        '{"id": "g-1", "text": "The Commissioner visited us.", "theme": "engagement"}\n'
        '{"id": "g-2", "text": "The grant round was late.", "theme": null}\n', encoding="utf-8")
    (tmp_path / "form.csv").write_text("id,text\nq-7,We would welcome more visits.\n",
                                       encoding="utf-8")
    subs = read_inputs(tmp_path, quiet=True).submissions.set_index("submission_id")
    assert sorted(subs.index) == ["g-1", "g-2", "q-7"]
    assert subs.loc["g-1", "metadata"]["theme"] == "engagement"
    assert subs.loc["q-7", "text"] == "We would welcome more visits."


def test_docx_heading_styles_are_marked(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Response of the partnership", level=0)  # the Title style
    document.add_paragraph("We thank the Panel.")
    document.add_heading("Funding", level=2)
    document.add_paragraph("The grant round opened late.")
    path = tmp_path / "headings.docx"
    document.save(str(path))
    [doc] = READERS[".docx"](path)
    assert [doc.text[s:e] for s, e in doc.metadata["headings"]] == [
        "Response of the partnership", "Funding"]


def test_docx_without_heading_styles_marks_none(tmp_path, build):
    path = build.docx(tmp_path / "plain.docx", ["Funding", "The grant round opened late."])
    assert "headings" not in READERS[".docx"](path)[0].metadata


def test_markdown_headings_are_marked(tmp_path, nlp):
    path = tmp_path / "youth.md"
    path.write_text("# Youth Commission\n\nOur submission\n\n## Funding\n\nIt came late.\n",
                    encoding="utf-8")
    [doc] = READERS[".md"](path)
    assert [doc.text[s:e] for s, e in doc.metadata["headings"]] == ["# Youth Commission",
                                                                    "## Funding"]
    result = read_inputs(path, quiet=True)
    context = add_context(segment(result.submissions, nlp=nlp, show_progress=False),
                          result.submissions)
    assert dict(zip(context["text"], context["heading"], strict=True)) == {
        "# Youth Commission": "", "Our submission": "Youth Commission",
        "## Funding": "Youth Commission", "It came late.": "Funding"}
