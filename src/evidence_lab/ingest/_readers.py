"""Readers that turn one file into one or more raw documents, with page offsets where pages exist.

Each reader gets a path and returns a list of :class:`RawDocument`. A reader that cannot read its file
raises :class:`~evidence_lab.errors.UnreadableFileError` with a reason a scrutiny officer can act on.
Readers are registered by file extension in :data:`READERS`; add one there to support a new format.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import UnreadableFileError

#: Files larger than this are refused (a clear message beats running out of memory).
MAX_FILE_BYTES = 25 * 1024 * 1024
#: A .docx/.xlsx whose parts unpack to more than this is treated as a zip bomb.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
TEXT_COLUMN = "text"
OPTIONAL_COLUMNS = ("submission_id", "organisation", "respondent_type")


@dataclass
class RawDocument:
    """Text read from a file (or one row of a tabular file) before segmentation."""

    text: str
    source: str
    page_starts: list[int] | None = None
    submission_id: str | None = None
    organisation: str | None = None
    respondent_type: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


Reader = Callable[[Path], list[RawDocument]]


def _check_size(path: Path) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFileError(str(path), "the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise UnreadableFileError(
            str(path), f"the file is {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES / 1e6:.0f} MB limit; "
            "split it into smaller files")
    return path.read_bytes()


def decode_text(data: bytes, path: str) -> str:
    """Decode bytes of a text file: BOMs first, then UTF-8, then the best detected legacy encoding."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding)
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    if b"\x00" in data:
        raise UnreadableFileError(path, "the file holds binary data, not text; "
                                  "check it is the right file or save it as plain text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("cp1252", errors="replace")
    if _control_share(text) > 0.05:
        raise UnreadableFileError(path, "the file holds binary data, not text; "
                                  "check it is the right file or save it as plain text")
    return text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: most odd (LE) or even (BE) bytes are NUL in ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    odd_nuls = sample[1::2].count(0) / max(1, len(sample[1::2]))
    even_nuls = sample[0::2].count(0) / max(1, len(sample[0::2]))
    return max(odd_nuls, even_nuls) > 0.4 and min(odd_nuls, even_nuls) < 0.05


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / max(1, len(text))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")


def read_text(path: Path) -> list[RawDocument]:
    """Read a ``.txt`` or ``.md`` file in UTF-8, UTF-16 (with or without BOM) or a legacy encoding."""
    text = _normalise_newlines(decode_text(_check_size(path), str(path)))
    if not text.strip():
        raise UnreadableFileError(str(path), "the file holds only white space")
    return [RawDocument(text=text, source=str(path))]


def _check_zip(path: Path, data: bytes, kind: str) -> None:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNZIPPED_BYTES:
                raise UnreadableFileError(
                    str(path), f"the {kind} file unpacks to {total / 1e6:.0f} MB, which looks like a "
                    "zip bomb; it was not opened")
            bad = archive.testzip()
    except zipfile.BadZipFile:
        raise UnreadableFileError(str(path), f"not a valid {kind} file (corrupt or truncated); "
                                  f"open and re-save it in its application") from None
    if bad is not None:
        raise UnreadableFileError(str(path), f"the {kind} file is corrupt (damaged part {bad}); "
                                  "open and re-save it in its application")


def read_docx(path: Path) -> list[RawDocument]:
    """Read a Word ``.docx``: paragraphs and table cells in document order, one paragraph per block."""
    import io

    import docx
    from docx.oxml.ns import qn

    data = _check_size(path)
    _check_zip(path, data, "Word")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise UnreadableFileError(str(path), f"not a readable Word file ({type(exc).__name__}); "
                                  "open and re-save it in Word") from None
    blocks: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        elif element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))).strip()
                         for cell in row.iter(qn("w:tc"))]
                blocks.append(" | ".join(c for c in cells if c))
    text = "\n\n".join(b.strip() for b in blocks if b.strip())
    if not text:
        raise UnreadableFileError(str(path), "the Word file contains no text")
    return [RawDocument(text=text, source=str(path))]


_TERMINAL = re.compile(r"[.!?:;)\"'”’]\s*$")
_BULLET_START = re.compile(r"^\s*([•·▪\-–*]|\(?[0-9a-z]{1,3}[.)])\s")


def _join_pdf_lines(page_text: str) -> str:
    """Re-flow a PDF page: join wrapped lines, keep breaks after sentences, headings and bullets."""
    lines = [ln.rstrip() for ln in _normalise_newlines(page_text).split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line.strip():
            out.append("\n\n")
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(line.strip())
        if not nxt.strip():
            continue
        wrapped = not _TERMINAL.search(line) and not _BULLET_START.match(nxt) and len(line) > 45
        if wrapped and line.endswith("-") and not line.endswith(" -"):
            out[-1] = out[-1][:-1]  # de-hyphenate a word broken across lines
        else:
            out.append(" " if wrapped else "\n")
    text = "".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def read_pdf(path: Path) -> list[RawDocument]:
    """Read a text-layer ``.pdf`` page by page, recording where each page starts in the text."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = _check_size(path)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableFileError(str(path), "the PDF is password-protected; "
                                              "ask the sender for an unprotected copy")
            except UnreadableFileError:
                raise
            except Exception:
                raise UnreadableFileError(str(path), "the PDF is password-protected; "
                                          "ask the sender for an unprotected copy") from None
        pages = [_join_pdf_lines(page.extract_text() or "") for page in reader.pages]
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:
        raise UnreadableFileError(str(path), f"not a readable PDF (corrupt or truncated: "
                                  f"{type(exc).__name__}); re-export it from its application") from None
    if not any(p.strip() for p in pages):
        raise UnreadableFileError(str(path), "the PDF has no text layer (a scan?); run OCR on it "
                                  "or ask the sender for a text copy")
    text_parts: list[str] = []
    page_starts: list[int] = []
    offset = 0
    for page in pages:
        if text_parts:
            text_parts.append("\n\n")
            offset += 2
        page_starts.append(offset)
        text_parts.append(page)
        offset += len(page)
    return [RawDocument(text="".join(text_parts), source=str(path), page_starts=page_starts,
                        metadata={"pages": len(pages)})]


def _read_table(path: Path) -> pd.DataFrame:
    data = _check_size(path)
    try:
        if path.suffix.lower() == ".xlsx":
            import io

            _check_zip(path, data, "Excel")
            return pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl")
        import csv
        import io

        text = decode_text(data, str(path))
        try:
            dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
            sep = dialect.delimiter
        except csv.Error:
            sep = ","
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except UnreadableFileError:
        raise
    except Exception as exc:
        raise UnreadableFileError(str(path), f"not a readable table ({type(exc).__name__}: "
                                  f"{str(exc)[:120]})") from None


def read_table(path: Path) -> list[RawDocument]:
    """Read an online-form export (``.csv`` or ``.xlsx``), one submission per row.

    The ``text`` column is required; ``submission_id``, ``organisation`` and ``respondent_type`` are
    used when present (matched case-insensitively); any other column is kept as metadata.
    """
    table = _read_table(path)
    table.columns = [str(c).strip() for c in table.columns]
    lookup = {c.lower(): c for c in table.columns}
    if TEXT_COLUMN not in lookup:
        raise UnreadableFileError(
            str(path), f"has no '{TEXT_COLUMN}' column (columns: {', '.join(table.columns) or 'none'}); "
            f"rename the column that holds each response to '{TEXT_COLUMN}'")
    text_col = lookup[TEXT_COLUMN]
    known = {lookup[c] for c in OPTIONAL_COLUMNS if c in lookup} | {text_col}
    documents = []
    for row_number, row in enumerate(table.fillna("").to_dict("records"), start=1):
        text = _normalise_newlines(str(row[text_col]))
        if not text.strip():
            continue  # an empty form answer is not a submission
        documents.append(RawDocument(
            text=text,
            source=f"{path}#row={row_number}",
            submission_id=str(row.get(lookup.get("submission_id", ""), "")).strip() or None,
            organisation=str(row.get(lookup.get("organisation", ""), "")).strip() or None,
            respondent_type=str(row.get(lookup.get("respondent_type", ""), "")).strip() or None,
            metadata={k: v for k, v in row.items() if k not in known and str(v).strip()},
        ))
    if not documents:
        raise UnreadableFileError(str(path), f"the '{TEXT_COLUMN}' column is empty in every row")
    return documents


READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".csv": read_table,
    ".xlsx": read_table,
}
