"""Hostile input stays bounded and nothing is dropped silently (issue 15, defects 4 and 6)."""

from __future__ import annotations

import codecs
import io
import json
import zipfile

import openpyxl
import pytest

from evidence_lab.ingest import MAX_STATEMENTS_PER_SUBMISSION, read_inputs

LETTER = "Dear Panel, the Commissioner has cut the neighbourhood team. We would welcome patrols."


def _docx_bomb(path, paragraphs):
    """A .docx whose document.xml holds ``paragraphs`` tiny paragraphs: small packed, huge
    unpacked (the shape of the 5.6 MB file that unpacked to 191 MB)."""
    body = "<w:p><w:r><w:t>Yes.</w:t></w:r></w:p>" * paragraphs
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
           '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           f"{body}</w:body></w:document>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'))
        archive.writestr("word/document.xml", xml)
    path.write_bytes(buffer.getvalue())
    return path


def test_a_docx_whose_text_unpacks_huge_is_refused_by_name(tmp_path):
    bomb = _docx_bomb(tmp_path / "bomb.docx", 2_000_000)  # about 78 MB of XML, 0.3 MB packed
    (tmp_path / "letter.txt").write_text(LETTER, encoding="utf-8")
    result = read_inputs([tmp_path], quiet=True)
    assert [s.path for s in result.skipped] == [str(bomb)]
    assert "text parts unpack to" in result.skipped[0].reason
    assert "zip bomb" in result.skipped[0].reason
    assert len(result.submissions) == 1  # the good letter is still read


def test_a_submission_with_too_many_statements_is_refused_by_name(tmp_path):
    many = tmp_path / "many.docx"
    _docx_bomb(many, MAX_STATEMENTS_PER_SUBMISSION + 5_000)  # under the size bound
    (tmp_path / "letter.txt").write_text(LETTER, encoding="utf-8")
    result = read_inputs([tmp_path], quiet=True)
    assert [s.path for s in result.skipped] == [str(many)]
    assert f"over the limit of {MAX_STATEMENTS_PER_SUBMISSION:,}" in result.skipped[0].reason


def test_every_sheet_with_a_text_column_is_read_and_others_are_named(tmp_path, capsys):
    path = tmp_path / "form.xlsx"
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Week 1"
    first.append(["submission_id", "text"])
    first.append(["A1", LETTER])
    second = workbook.create_sheet("Week 2")
    second.append(["submission_id", "Text"])
    second.append(["A2", "The grant round opened late again."])
    notes = workbook.create_sheet("Notes")
    notes.append(["comment"])
    notes.append(["checked by the clerk"])
    workbook.save(path)
    result = read_inputs([path])
    assert sorted(result.submissions["submission_id"]) == ["A1", "A2"]
    assert [m["sheet"] for m in result.submissions["metadata"]] == ["Week 1", "Week 2"]
    assert len(result.warnings) == 1 and "'Notes'" in result.warnings[0].reason
    assert f"warning: {path}" in capsys.readouterr().err


def test_a_bad_jsonl_line_is_named_and_the_good_rows_kept(tmp_path):
    path = tmp_path / "coded.jsonl"
    lines = [json.dumps({"id": "J1", "text": LETTER}), "{not json", "[1, 2]",
             json.dumps({"id": "J2", "text": "The office replied within a week."})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_inputs([path], quiet=True)
    assert list(result.submissions["submission_id"]) == ["J1", "J2"]
    reasons = [w.reason for w in result.warnings]
    assert any(r.startswith("line 2 is not valid JSON") for r in reasons)
    assert any(r.startswith("line 3 is not a JSON object") for r in reasons)
    assert not result.skipped


def test_stray_nul_bytes_are_stripped_with_a_warning(tmp_path):
    text = ("Dear Panel,\n\nThe Commissioner has cut the neighbourhood team and response times "
            "have got worse.\x00 We would welcome patrols.\x00\n")
    path = tmp_path / "letter.txt"
    path.write_bytes(text.encode("utf-8"))
    assert len(path.read_bytes()) < 200
    result = read_inputs([path], quiet=True)
    assert not result.skipped
    assert "\x00" not in result.submissions.loc[0, "text"]
    assert "We would welcome patrols." in result.submissions.loc[0, "text"]
    assert "2 stray NUL byte(s)" in result.warnings[0].reason


@pytest.mark.parametrize("data", [bytes(range(256)) * 8, b"\x00\x01\x02hello\x00\x00" * 50])
def test_a_file_of_control_bytes_is_still_binary(tmp_path, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    with pytest.raises(Exception, match="binary data"):
        read_inputs([path], quiet=True)


@pytest.mark.parametrize(("bom", "encoding"), [(codecs.BOM_UTF32_LE, "utf-32-le"),
                                               (codecs.BOM_UTF32_BE, "utf-32-be")])
def test_a_utf32_file_gets_no_nul_warning(tmp_path, bom, encoding):
    """UTF-32 spells every character with zero bytes; none of them is a stray NUL."""
    path = tmp_path / "letter.txt"
    path.write_bytes(bom + LETTER.encode(encoding))
    result = read_inputs([path], quiet=True)
    assert result.submissions.loc[0, "text"] == LETTER
    assert result.warnings == []


def test_a_nul_in_a_utf16_file_is_removed_with_a_warning(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER.replace("team.", "team.\x00").encode("utf-16"))
    result = read_inputs([path], quiet=True)
    assert result.submissions.loc[0, "text"] == LETTER
    assert [w.reason[:23] for w in result.warnings] == ["1 stray NUL byte(s) wer"]


@pytest.mark.parametrize(("name", "content"), [
    ("form.csv", ("submission_id,text\nS1,The Commissioner cut the team.\x00\n"
                  "S2,\x00We would welcome patrols.\n")),
    ("form.jsonl", json.dumps({"id": "S1", "text": "The Commissioner cut the team."}) + "\x00\n"
                   + '{"id": "S2", "text": "We would\x00 welcome patrols."}\n'),  # raw, not \u0000
])
def test_stray_nuls_in_a_table_are_removed_with_a_warning(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    result = read_inputs([path], quiet=True)
    assert list(result.submissions["text"]) == ["The Commissioner cut the team.",
                                                "We would welcome patrols."]
    assert [w.reason for w in result.warnings] == [
        "2 stray NUL byte(s) were removed from the text; check the file was saved as plain text"]
