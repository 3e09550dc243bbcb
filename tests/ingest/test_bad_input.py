"""Hostile input: a damaged, empty, encrypted, oversized or mislabelled file is skipped with a
reason an officer can act on; the rest of the batch is read; nothing raises past ``read_inputs``."""

from __future__ import annotations

import codecs
import importlib
import io
import os
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_lab.errors import NoInputError, UnreadableFileError
from evidence_lab.ingest import READERS, SUPPORTED, read_inputs

GOOD_TEXT = "The Commissioner attended every meeting of our partnership this year.\n"


def _docx_bytes(build, tmp_path: Path) -> bytes:
    return build.docx(tmp_path / "source.docx", ["The Commissioner replied promptly."],
                      table=[["Area", "Comment"], ["North", "Fine"]]).read_bytes()


def _xlsx_bytes(build, tmp_path: Path) -> bytes:
    return build.xlsx(tmp_path / "source.xlsx",
                      [["submission_id", "text"], ["X-1", "More patrols please."]]).read_bytes()


def _damaged_member(data: bytes, member: str) -> bytes:
    """Overwrite the compressed bytes of one zip member (its CRC no longer matches)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    damaged[start:start + min(40, info.compress_size)] = b"\xff" * min(40, info.compress_size)
    return bytes(damaged)


def truncated_docx(tmp_path, build):
    data = _docx_bytes(build, tmp_path)
    return "truncated.docx", data[: len(data) // 2]


def corrupt_docx(tmp_path, build):
    return "corrupt.docx", _damaged_member(_docx_bytes(build, tmp_path), "word/document.xml")


def truncated_pdf(tmp_path, build):
    data = build.pdf_bytes([["The Commissioner attended."], ["Page two."]])
    return "truncated.pdf", data[: len(data) // 2]


def truncated_xlsx(tmp_path, build):
    data = _xlsx_bytes(build, tmp_path)
    return "truncated.xlsx", data[: len(data) // 2]


def corrupt_xlsx(tmp_path, build):
    return "corrupt.xlsx", _damaged_member(_xlsx_bytes(build, tmp_path), "xl/worksheets/sheet1.xml")


def password_pdf(tmp_path, build):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(build.pdf_bytes([["Confidential evidence."]]))).pages:
        writer.add_page(page)
    writer.encrypt("letmein")
    buffer = io.BytesIO()
    writer.write(buffer)
    return "protected.pdf", buffer.getvalue()


def scanned_pdf(tmp_path, build):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    sheet.rect(100, 100, 300, 400, fill=1)
    sheet.showPage()
    sheet.save()
    return "scan.pdf", buffer.getvalue()


def encrypted_office(tmp_path, build):
    # Word saves a password-protected .docx as an OLE compound file, not a zip
    return "protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000)


def workbook_named_docx(tmp_path, build):
    return "renamed.docx", _xlsx_bytes(build, tmp_path)


def pdf_named_txt(tmp_path, build):
    return "renamed.txt", build.pdf_bytes([["Evidence."]]) + bytes(range(256))


def text_named_pdf(tmp_path, build):
    return "letter.pdf", b"Dear Panel, this is a plain letter saved with the wrong ending."


def binary_md(tmp_path, build):
    return "image.md", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def binary_csv(tmp_path, build):
    return "export.csv", os.urandom(4096)


def control_characters_txt(tmp_path, build):
    return "controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 50 + b"hello"


def bad_utf16_txt(tmp_path, build):
    return "garbled.txt", codecs.BOM_UTF16_LE + bytes([0x00, 0xD8]) * 200  # lone surrogates


def white_space_txt(tmp_path, build):
    return "blank.txt", b" \n\t\r\n  \n"


def csv_without_text_column(tmp_path, build):
    return "form.csv", b"submission_id,response,area\nA1,Hello there,North\n"


def csv_with_empty_text_column(tmp_path, build):
    return "form.csv", b"submission_id,text\nA1,\nA2,  \n"


def csv_with_broken_rows(tmp_path, build):
    return "form.csv", b"submission_id,text\nA1,Fine\nA2,Too,many,cells,here\n"


def unsupported_extension(tmp_path, build):
    return "letter.rtf", rb"{\rtf1\ansi The Commissioner attended.}"


def no_extension(tmp_path, build):
    return "README", b"Some notes."


# (maker, reason regex); every reason must say what is wrong and what to do
BAD_FILES: list[tuple[Callable, str]] = [
    (truncated_docx, (r"not a valid Word file: corrupt or truncated \(BadZipFile\); open and "
                      r"re-save")),
    (corrupt_docx, (r"the Word file is corrupt \(damaged part word/document\.xml: zlib\.error\); "
                    r"open and re-save it in its application")),
    (truncated_pdf, r"not a readable PDF: corrupt or truncated \(\w+\); re-export it"),
    (truncated_xlsx, (r"not a valid Excel file: corrupt or truncated \(BadZipFile\); open and "
                      r"re-save")),
    (corrupt_xlsx, (r"the Excel file is corrupt \(damaged part xl/worksheets/sheet1\.xml: "
                    r"zlib\.error\); open and re-save")),
    (password_pdf, r"the PDF is password-protected; ask the sender for an unprotected copy"),
    (scanned_pdf, r"the PDF has no text layer \(a scan\?\); run OCR on it"),
    (encrypted_office, (r"password-protected Word file, or an old \.doc file renamed to \.docx; "
                        r"remove the password, or open it and save it as \.docx")),
    (workbook_named_docx, (r"not a readable Word document: damaged, or another kind of file "
                           r"renamed to \.docx \(\w+\); open it in its application and save it "
                           r"as \.docx")),
    (pdf_named_txt, r"the file holds binary data, not text; check it is the right file"),
    (text_named_pdf, r"not a PDF file \(no %PDF header\); check it is the right file"),
    (binary_md, r"the file holds binary data, not text"),
    (binary_csv, r"the file holds binary data, not text"),
    (control_characters_txt, r"the file holds binary data, not text"),
    (bad_utf16_txt, (r"looks like UTF-16 text but most of its bytes are not; .* save it again "
                     r"as UTF-8")),
    (white_space_txt, r"the file holds only white space"),
    (csv_without_text_column, (r"has no 'text' column \(columns: submission_id, response, area\); "
                               r"rename the column that holds each response to 'text'")),
    (csv_with_empty_text_column, r"the 'text' column is empty in every row"),
    (csv_with_broken_rows, (r"not a readable CSV table \(Expected 2 fields in line 3, saw 5\); "
                            r"check commas and quotes")),
    (unsupported_extension, r"unsupported file type '\.rtf'; save it as \.txt, \.md, \.docx"),
    (no_extension, r"unsupported file type '\(none\)'"),
]
BAD_IDS = [maker.__name__ for maker, _ in BAD_FILES]
HAS_READER = [(m, r) for m, r in BAD_FILES if m not in (unsupported_extension, no_extension)]


def _batch(tmp_path: Path, name: str, data: bytes) -> tuple[Path, Path, Path]:
    folder = tmp_path / "batch"
    folder.mkdir()
    good = folder / "good_letter.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    bad = folder / name
    bad.write_bytes(data)
    return folder, good, bad


def _assert_skipped(result, bad: Path, reason: str, stderr: str) -> None:
    assert result.submissions["text"].tolist() == [GOOD_TEXT]
    assert [s.path for s in result.skipped] == [str(bad)]
    assert result.skipped[0].reason
    assert re.search(reason, result.skipped[0].reason), result.skipped[0].reason
    assert f"skipped {bad}: {result.skipped[0].reason}\n" in stderr
    assert "Traceback" not in stderr
    assert str(bad) not in result.files


@pytest.mark.parametrize(("maker", "reason"), BAD_FILES, ids=BAD_IDS)
def test_bad_file_is_skipped_and_named(tmp_path, build, capsys, maker, reason):
    name, data = maker(tmp_path, build)
    folder, _good, bad = _batch(tmp_path, name, data)
    result = read_inputs(folder)
    _assert_skipped(result, bad, reason, capsys.readouterr().err)


@pytest.mark.parametrize(("maker", "reason"), HAS_READER, ids=[m.__name__ for m, _ in HAS_READER])
def test_reader_raises_only_unreadable_file_error(tmp_path, build, maker, reason):
    name, data = maker(tmp_path, build)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableFileError, match=reason) as info:
        READERS[path.suffix.lower()](path)
    assert info.value.path == str(path)


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_zero_byte_file(tmp_path, capsys, suffix):
    folder, _good, bad = _batch(tmp_path, f"empty{suffix}", b"")
    result = read_inputs(folder)
    _assert_skipped(result, bad, r"^the file is empty \(0 bytes\)$", capsys.readouterr().err)


def test_file_over_size_limit(tmp_path, capsys, monkeypatch):
    # the limit is read when each file is read; patching the readers' module is enough
    monkeypatch.setattr(importlib.import_module("evidence_lab.ingest._readers"),
                        "MAX_FILE_BYTES", 1000)
    folder, _good, bad = _batch(tmp_path, "long.txt", b"The Commissioner said. " * 100)
    result = read_inputs(folder)
    _assert_skipped(result, bad, r"^the file is 0\.0 MB, over the 0 MB limit; split it into "
                    r"smaller files$", capsys.readouterr().err)


def test_docx_zip_bomb(tmp_path, build, capsys):
    """A real bomb: a 1.4 MB .docx holding 300 MB of zeros is refused before anything unpacks."""
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes(build, tmp_path)))
    folder, _good, bad = _batch(tmp_path, "bomb.docx", b"")
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            archive.writestr(info, source.read(info))
        with archive.open("word/media/image1.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(1 << 20))
    assert bad.stat().st_size < 5_000_000
    result = read_inputs(folder)
    _assert_skipped(result, bad, r"^the Word file unpacks to 315 MB in \d+ parts, which looks "
                    r"like a zip bomb; it was not opened$", capsys.readouterr().err)


def test_xlsx_zip_bomb_by_limit(tmp_path, build, capsys, monkeypatch):
    monkeypatch.setattr(importlib.import_module("evidence_lab.ingest._readers"),
                        "MAX_UNZIPPED_BYTES", 1000)
    folder, _good, bad = _batch(tmp_path, "form.xlsx", _xlsx_bytes(build, tmp_path))
    result = read_inputs(folder)
    _assert_skipped(result, bad, r"the Excel file unpacks to .* which looks like a zip bomb",
                    capsys.readouterr().err)


def test_encrypted_zip_member(tmp_path, build, capsys):
    data = bytearray(_docx_bytes(build, tmp_path))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        local = archive.getinfo("word/document.xml").header_offset
    data[local + 6] |= 0x1  # the "encrypted" flag, in the local header ...
    data[_central_entry(bytes(data), "word/document.xml") + 8] |= 0x1  # ... and the directory
    folder, _good, bad = _batch(tmp_path, "locked.docx", bytes(data))
    result = read_inputs(folder)
    _assert_skipped(result, bad, r"^the Word file is encrypted; remove the password",
                    capsys.readouterr().err)


def _central_entry(data: bytes, name: str) -> int:
    """Offset of the central-directory record for ``name``."""
    marker = b"PK\x01\x02"
    position = data.find(marker)
    while position != -1:
        name_length = int.from_bytes(data[position + 28:position + 30], "little")
        if data[position + 46:position + 46 + name_length] == name.encode():
            return position
        position = data.find(marker, position + 4)
    raise AssertionError(f"{name} not in the central directory")


def test_missing_input_is_reported(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    missing = tmp_path / "not_here.docx"
    result = read_inputs([tmp_path / "good.txt", missing])
    assert len(result.submissions) == 1
    assert [(s.path, s.reason) for s in result.skipped] == [
        (str(missing), "no such file or folder; check the path")]
    assert f"skipped {missing}: no such file or folder" in capsys.readouterr().err


def test_quiet_prints_nothing(tmp_path, capsys):
    folder, _good, _bad = _batch(tmp_path, "empty.txt", b"")
    result = read_inputs(folder, quiet=True)
    assert len(result.skipped) == 1
    assert capsys.readouterr().err == ""


def test_bad_manifest_is_reported_once_and_files_still_read(tmp_path, capsys):
    folder, good, _bad = _batch(tmp_path, "second.txt", b"Another letter about funding.\n")
    manifest = folder / "manifest.csv"
    manifest.write_text("name,organisation\ngood_letter.txt,Coldwater CSP\n")
    result = read_inputs(folder)
    assert len(result.submissions) == 2
    assert [(s.path, s.reason) for s in result.skipped] == [
        (str(manifest), ("the manifest has no 'file' column; its columns should be file, "
                        "organisation, respondent_type, received"))]
    assert capsys.readouterr().err.count("skipped") == 1
    assert str(good) in result.files


def test_binary_manifest_is_reported(tmp_path, capsys):
    folder, _good, _bad = _batch(tmp_path, "second.txt", b"Another letter.\n")
    (folder / "manifest.csv").write_bytes(os.urandom(3000))
    result = read_inputs(folder)
    assert len(result.submissions) == 2
    assert "binary data" in result.skipped[0].reason


@pytest.mark.parametrize(("maker", "reason"), BAD_FILES[:6], ids=BAD_IDS[:6])
def test_only_bad_files_raise_no_input_error(tmp_path, build, capsys, maker, reason):
    name, data = maker(tmp_path, build)
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = folder / name
    bad.write_bytes(data)
    (folder / "empty.txt").write_bytes(b"")
    with pytest.raises(NoInputError, match=(
            rf"^No readable submissions in {folder} \((?=.*{bad}: {reason})"
            rf"(?=.*{folder}/empty\.txt: the file is empty \(0 bytes\)).*\)\. "
            rf"Pass {re.escape(SUPPORTED)} files or folders holding them")):
        read_inputs(folder, quiet=True)


def test_empty_folder_raises_no_input_error(tmp_path):
    with pytest.raises(NoInputError, match=r"\(no files found\)\. Pass \.txt"):
        read_inputs(tmp_path)


def test_lock_and_hidden_files_are_ignored(tmp_path):
    (tmp_path / "letter.txt").write_text(GOOD_TEXT)
    (tmp_path / "~$letter.docx").write_bytes(b"\x00lock")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    result = read_inputs(tmp_path)
    assert result.skipped == [] and len(result.submissions) == 1
