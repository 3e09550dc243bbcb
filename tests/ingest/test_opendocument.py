"""OpenDocument text (.odt) is read like Word: paragraphs, headings and table rows in order."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from evidence_lab.errors import UnreadableFileError
from evidence_lab.ingest import read_inputs
from evidence_lab.ingest._opendocument import read_odt
from evidence_lab.schema import HEADINGS_KEY


def test_an_odt_reads_its_heading_paragraphs_and_table_rows(tmp_path, build):
    path = build.odt(tmp_path / "letter.odt",
                     ["Dear Panel,", "The OPCC has not attended our board since January."],
                     heading="Response of Eastwick Parish Council",
                     table=[["Area", "Patrols"], ["Eastwick", "fell by half"]])
    [document] = read_odt(path)
    assert document.text.split("\n\n") == [
        "Response of Eastwick Parish Council", "Dear Panel,",
        "The OPCC has not attended our board since January.", "Area | Patrols",
        "Eastwick | fell by half"]
    [[start, end]] = document.metadata[HEADINGS_KEY]
    assert document.text[start:end] == "Response of Eastwick Parish Council"


def test_an_odt_saved_by_libreoffice_is_read_as_the_word_file_it_came_from(tmp_path, build):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (scripts/install_test_deps.sh installs it)")
    lines = ["Dear Panel,", "Nobody from the Commissioner’s office came to the rural summit.",
             "Yours faithfully,", "Eastwick Parish Council"]
    word = build.docx(tmp_path / "eastwick.docx", lines, table=[["Area", "Patrols"]])
    subprocess.run([office, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"),
                    str(word)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "HOME": str(tmp_path)})
    [document] = read_odt(tmp_path / "odt" / "eastwick.odt")
    assert document.text.split("\n\n") == [*lines, "Area | Patrols"]
    submissions = read_inputs(tmp_path / "odt").submissions
    assert submissions["organisation"].tolist() == ["Eastwick Parish Council"]


def test_an_odt_that_is_a_spreadsheet_or_empty_is_refused(tmp_path, build):
    import zipfile

    sheet = tmp_path / "sheet.odt"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(UnreadableFileError, match="not a text document"):
        read_odt(sheet)
    with pytest.raises(UnreadableFileError, match="contains no text"):
        read_odt(build.odt(tmp_path / "blank.odt", []))
