"""Readers that turn one file into one or more raw documents, with page offsets where pages exist.

Each reader gets a path and returns a list of :class:`RawDocument`. A reader that cannot read its
file raises :class:`~evidence_lab.errors.UnreadableFileError` with a reason a scrutiny officer can
act on, and nothing else: whatever a parser raises on a damaged or hostile file becomes that error.
Readers are registered by file extension in :data:`._formats.READERS`; add one there to support a
new format.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .._folding import fold_case
from ..errors import UnreadableFileError
from ..schema import FIELDS_KEY, HEADINGS_KEY
from ._forms import join_answers, question_columns
from ._text import BLOCK_SEPARATOR, join_blocks, normalise_newlines

#: Files larger than this are refused (a clear message beats running out of memory).
MAX_FILE_BYTES = 25 * 1024 * 1024
#: A .docx/.xlsx whose parts unpack to more than this is treated as a zip bomb.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
#: A .docx/.xlsx whose XML parts (the text, not the pictures) unpack to more than this is refused.
MAX_UNZIPPED_XML_BYTES = 64 * 1024 * 1024
#: A .docx/.xlsx with more parts than this is treated as a zip bomb.
MAX_ZIP_MEMBERS = 10_000
TEXT_COLUMN = "text"
#: metadata key of what a reader noticed but read past (a sheet left out, a bad line, NULs)
WARNINGS_KEY = "reader_warnings"
OPTIONAL_COLUMNS = ("submission_id", "organisation", "respondent_type")

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted Office files and old .doc/.xls
_BINARY = ("the file holds binary data, not text; check it is the right file or save it as "
           "plain text")
_UNPRINTABLE = frozenset({"Cc", "Cs", "Co", "Cn"})
_TEXT_CHECK_CHARS = 100_000


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


@contextmanager
def _failures(path: Path, what: str, fix: str) -> Iterator[None]:
    """Turn whatever a parser raises on a damaged or hostile file into :class:`UnreadableFileError`.

    The reason reads ``<what> (<exception type>); <fix>``: the officer gets the problem and the fix,
    a developer can tell failures apart by the type.
    """
    try:
        yield
    except UnreadableFileError:
        raise
    except MemoryError:
        raise UnreadableFileError(str(path), "the file is too large to read in memory; "
                                  "split it into smaller files") from None
    except Exception as exc:  # noqa: BLE001 - parsers raise many types on garbage
        raise UnreadableFileError(str(path), f"{what} ({_kind_of(exc)}); {fix}") from None


def _kind_of(exc: BaseException) -> str:
    """The exception's type name, with its module when the bare name says nothing (zlib.error)."""
    name = type(exc).__name__
    return f"{type(exc).__module__}.{name}" if name.islower() else name


def _check_size(path: Path) -> bytes:
    """The file's bytes, after refusing empty and over-large files."""
    try:
        size = path.stat().st_size
        if size == 0:
            raise UnreadableFileError(str(path), "the file is empty (0 bytes)")
        if size > MAX_FILE_BYTES:
            raise UnreadableFileError(
                str(path), f"the file is {size / 1e6:.1f} MB, over the "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB limit; split it into smaller files")
        return path.read_bytes()
    except UnreadableFileError:  # an OSError too
        raise
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be opened ({exc.strerror or exc}); check the "
                                  "file exists and you have permission to read it") from None


def decode_text(data: bytes, path: str) -> str:
    """Decode bytes of a text file: BOMs first, then UTF-8, then the best detected legacy encoding.

    A few stray NUL characters are removed (see :func:`_decode`, which also counts them).

    Raises:
        UnreadableFileError: when the bytes are binary, or are marked as UTF-8/UTF-16 but are not.
    """
    return _decode(data, path)[0]


def _decode(data: bytes, path: str) -> tuple[str, int]:
    """The text of a text file's bytes (as :func:`decode_text`) and how many NULs were removed.

    Every reader of text (plain, CSV, JSON Lines, manifests) decodes here, so each one removes
    the same NULs and can warn with the same count. The NULs counted are NUL characters of the
    text, not zero bytes: UTF-16 and UTF-32 spell ordinary characters with zero bytes.
    """
    for bom, encoding, name in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
                                (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
                                (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
                                (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                                (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            return _without_nuls(_printable(_decode_marked(data, encoding, name, path), path))
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _without_nuls(_printable(_decode_marked(data, encoding, "UTF-16", path), path))
    nuls = data.count(0)
    if nuls:  # a few stray NULs in UTF-8 text are removed; otherwise it is binary
        data = data.replace(b"\x00", b"")
        if _control_share(data) > _BINARY_CONTROL_SHARE or not _is_utf8(data):
            raise UnreadableFileError(path, _BINARY)
    return _decode_unmarked(data, path), nuls


def _without_nuls(text: str) -> tuple[str, int]:
    """``text`` less its NUL characters, and how many there were."""
    nuls = text.count("\x00")
    return (text.replace("\x00", "") if nuls else text), nuls


def _nul_warning(nuls: int) -> str:
    return (f"{nuls} stray NUL byte(s) were removed from the text; check the file was saved as "
            "plain text")


def _decode_unmarked(data: bytes, path: str) -> str:
    """Bytes with no BOM and no NULs: UTF-8, else Windows-1252, else the detected encoding."""
    try:
        return _printable(data.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    try:  # English with £, curly quotes or an accent: Windows-1252, which detectors often miss
        text = data.decode("cp1252")
        letters = [ch for ch in text[:_TEXT_CHECK_CHARS] if ch.isalpha()]
        if sum(1 for ch in letters if ord(ch) > 127) <= 0.3 * len(letters):  # not Cyrillic, Greek
            return _printable(text, path)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("cp1252", errors="replace")
    return _printable(text, path)


#: a file is binary when over this share of its first bytes are control bytes (NUL included)
_BINARY_CONTROL_SHARE = 0.05
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32), 127])


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _control_share(data: bytes) -> float:
    sample = data[:_TEXT_CHECK_CHARS]
    return (len(sample) - len(sample.translate(None, _CONTROL_BYTES))) / max(1, len(sample))


def _decode_marked(data: bytes, encoding: str, name: str, path: str) -> str:
    """Decode bytes whose BOM or layout says ``name``; a few bad bytes become U+FFFD.

    Raises:
        UnreadableFileError: when over 1% of the characters would be U+FFFD.
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(1, len(text) // 100):
        raise UnreadableFileError(path, f"the file looks like {name} text but most of its bytes "
                                  "are not; check it is the right file or save it again as UTF-8 "
                                  "text")
    return text


def _printable(text: str, path: str) -> str:
    """``text`` unless over 5% of it is control, unassigned or private-use characters (binary)."""
    sample = text[:_TEXT_CHECK_CHARS]
    bad = sum(1 for ch in sample
              if ch not in "\n\r\t\f\v" and (ch == "\ufffd"
                                            or unicodedata.category(ch) in _UNPRINTABLE))
    if bad > 0.05 * max(1, len(sample)):
        raise UnreadableFileError(path, _BINARY)
    return text


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: most odd (LE) or even (BE) bytes are NUL in ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    odd_nuls = sample[1::2].count(0) / max(1, len(sample[1::2]))
    even_nuls = sample[0::2].count(0) / max(1, len(sample[0::2]))
    return max(odd_nuls, even_nuls) > 0.4 and min(odd_nuls, even_nuls) < 0.05


_MARKDOWN_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S.*$", re.MULTILINE)


def read_text(path: Path) -> list[RawDocument]:
    """Read a ``.txt`` or ``.md`` file: UTF-8, UTF-16 (with or without BOM) or a legacy encoding.

    In a ``.md`` file the ``#`` heading lines are recorded in ``metadata["headings"]``.
    """
    decoded, nuls = _decode(_check_size(path), str(path))
    text = normalise_newlines(decoded)
    if not text.strip():
        raise UnreadableFileError(str(path), "the file holds only white space")
    metadata: dict[str, Any] = {}
    if nuls:
        metadata[WARNINGS_KEY] = [_nul_warning(nuls)]
    if path.suffix.lower() == ".md":
        spans = [[m.start(), m.end()] for m in _MARKDOWN_HEADING.finditer(text)]
        if spans:
            metadata[HEADINGS_KEY] = spans
    return [RawDocument(text=text, source=str(path), metadata=metadata)]


def _check_zip(path: Path, data: bytes, kind: str, extension: str) -> None:
    """Refuse an Office (zip) file that is encrypted, corrupt, or a zip bomb, before parsing it."""
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFileError(
            str(path), f"this is a password-protected {kind} file, or an old {extension[:-1]} file "
            f"renamed to {extension}; remove the password, or open it and save it as {extension}")
    with (_failures(path, f"not a valid {kind} file: corrupt or truncated",
                    "open and re-save it in its application"),
          zipfile.ZipFile(io.BytesIO(data)) as archive):
        members = archive.infolist()
        total = sum(info.file_size for info in members)
        if total > MAX_UNZIPPED_BYTES or len(members) > MAX_ZIP_MEMBERS:
            raise UnreadableFileError(
                str(path), f"the {kind} file unpacks to {total / 1e6:.0f} MB in {len(members)} "
                "parts, which looks like a zip bomb; it was not opened")
        markup = sum(info.file_size for info in members
                     if info.filename.lower().endswith((".xml", ".rels")))
        if markup > MAX_UNZIPPED_XML_BYTES:  # pictures are large, text is not
            raise UnreadableFileError(
                str(path), f"the {kind} file's text parts unpack to {markup / 1e6:.0f} MB, over "
                f"the {MAX_UNZIPPED_XML_BYTES / 1e6:.0f} MB limit (a 1,000-page document needs "
                "far less), which looks like a zip bomb; it was not opened. Split it into "
                "smaller files if it is a real submission")
        if any(info.flag_bits & 0x1 for info in members):
            raise UnreadableFileError(str(path), f"the {kind} file is encrypted; remove the "
                                      f"password and save it again as {extension}")
        for info in members:  # unpack every part once, as testzip does, naming the bad one
            try:
                with archive.open(info) as part:
                    while part.read(1 << 20):
                        pass
            except Exception as exc:  # noqa: BLE001 - BadZipFile (CRC), zlib.error, ...
                raise UnreadableFileError(
                    str(path), f"the {kind} file is corrupt (damaged part {info.filename}: "
                    f"{_kind_of(exc)}); open and re-save it in its application") from None


def read_docx(path: Path) -> list[RawDocument]:
    """Read a Word ``.docx``: paragraphs and table rows in document order, one block each.

    Table cells of a row are joined with `` | ``; content controls are read like the body.
    Paragraphs in a heading style (Title, Subtitle, Heading 1-9, or any style or paragraph with an
    outline level) are recorded in ``metadata["headings"]`` as ``[start, end]`` spans of the text.
    """
    data = _check_size(path)
    _check_zip(path, data, "Word", ".docx")
    with _failures(path, "not a readable Word document: damaged, or another kind of file renamed "
                   "to .docx", "open it in its application and save it as .docx"):
        import docx

        document = docx.Document(io.BytesIO(data))
        text, blocks = join_blocks(_docx_blocks(document.element.body,
                                                _docx_heading_styles(document)))
        spans = [[start, end] for start, end, heading in blocks if heading]
    if not text:
        raise UnreadableFileError(str(path), "the Word file contains no text")
    return [RawDocument(text=text, source=str(path),
                        metadata={HEADINGS_KEY: spans} if spans else {})]


_HEADING_STYLE = re.compile(r"^(heading|title|subtitle)\b", re.IGNORECASE)


def _docx_heading_styles(document: Any) -> frozenset[str]:
    """Ids of the paragraph styles that are headings: by name, or by an outline level."""
    from docx.oxml.ns import qn

    ids = set()
    for style in document.styles:
        element = style.element
        by_name = _HEADING_STYLE.match(str(style.name or "")) or _HEADING_STYLE.match(
            str(style.style_id or ""))
        if by_name or element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}") is not None:
            ids.add(str(style.style_id))
    return frozenset(ids)


def _docx_is_heading(paragraph: Any, heading_styles: frozenset[str]) -> bool:
    from docx.oxml.ns import qn

    properties = paragraph.find(qn("w:pPr"))
    if properties is None:
        return False
    if properties.find(qn("w:outlineLvl")) is not None:
        return True
    style = properties.find(qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")) in heading_styles


def _docx_blocks(container: Any, heading_styles: frozenset[str] = frozenset()
                 ) -> Iterator[tuple[str, bool]]:
    """Paragraph and table-row texts of a body (or content control) in document order, each with
    whether it is a heading paragraph."""
    from docx.oxml.ns import qn

    for element in container.iterchildren():
        if element.tag == qn("w:p"):
            yield _docx_paragraph(element), _docx_is_heading(element, heading_styles)
        elif element.tag == qn("w:tbl"):
            for row in element.iterchildren(qn("w:tr")):
                cells = [" ".join(b.strip() for b, _ in _docx_blocks(cell) if b.strip())
                         for cell in row.iterchildren(qn("w:tc"))]
                yield " | ".join(c for c in cells if c), False
        elif element.tag == qn("w:sdt"):
            for content in element.iterchildren(qn("w:sdtContent")):
                yield from _docx_blocks(content, heading_styles)


def _docx_paragraph(paragraph: Any) -> str:
    from docx.oxml.ns import qn

    breaks = {qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:tab"): "\t"}
    parts = []
    for node in paragraph.iter(qn("w:t"), *breaks):
        parts.append((node.text or "") if node.tag == qn("w:t") else breaks[node.tag])
    return "".join(parts)


_TERMINAL = re.compile(r"[.!?:;)\"'”’]\s*$")
_BULLET_START = re.compile(r"^\s*([•·▪\-–*]|\(?[0-9a-z]{1,3}[.)]|[0-9]{1,2}\.[0-9]{1,2}\.?)\s")


def _join_pdf_lines(page_text: str) -> str:
    """Re-flow a PDF page: join wrapped lines, keep breaks after sentences, headings and bullets."""
    lines = [ln.rstrip() for ln in normalise_newlines(page_text).split("\n")]
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


#: a line that is only a page number: "3", "Page 3", "Page 3 of 10", "3 / 10", "- 3 -"
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$",
                          re.IGNORECASE)
#: how many lines at the top and at the bottom of a page can be a running header or footer
_EDGE_LINES = 3


def _line_key(line: str) -> str:
    """A line as it repeats from page to page: spaces folded, case folded, numbers alike."""
    return re.sub(r"\d+", "#", fold_case(line))


def _without_running_lines(pages: list[str]) -> list[str]:
    """Pages without what the page layout repeats: page numbers at a page's top or bottom, and
    lines repeated at the top or bottom of most pages (a running header "Westmoor District Council -
    Response to the call for evidence", a footer with the council's address). A running header
    is kept once, where it first appears, as a block of its own (it is often the letterhead that
    names the sender); without that it would run into the first sentence of every page."""
    lines = [normalise_newlines(page).split("\n") for page in pages]
    edges = [_edges(page_lines) for page_lines in lines]
    seen: dict[str, int] = {}
    for page_lines, (top, bottom) in zip(lines, edges, strict=True):
        for key in {_line_key(page_lines[i]) for i in top + bottom}:
            seen[key] = seen.get(key, 0) + 1
    needed = max(2, -(-3 * len(pages) // 5))  # on at least 60% of the pages, and two
    running = {key for key, count in seen.items() if count >= needed and len(pages) > 1}
    kept: set[str] = set()
    out = []
    for page_lines, (top, bottom) in zip(lines, edges, strict=True):
        drop: set[int] = set()
        for i in top + bottom:
            line, key = page_lines[i].strip(), _line_key(page_lines[i])
            if _PAGE_NUMBER.match(line):
                drop.add(i)
            elif key in running:
                if i in top and key not in kept and re.search(r"[A-Za-z]", line):
                    kept.add(key)
                    page_lines[i] = line + "\n"  # its own block: a blank line after it
                else:
                    drop.add(i)
        out.append("\n".join(line for i, line in enumerate(page_lines) if i not in drop))
    return out


def _edges(page_lines: list[str]) -> tuple[list[int], list[int]]:
    """Indices of a page's first and last :data:`_EDGE_LINES` non-empty lines."""
    filled = [i for i, line in enumerate(page_lines) if line.strip()]
    top = filled[:_EDGE_LINES]
    return top, [i for i in filled[-_EDGE_LINES:] if i not in top]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.messages) < 20:
            self.messages.append(record.getMessage())


@contextmanager
def _pdf_warnings() -> Iterator[list[str]]:
    """Collect pypdf's repair warnings for the file being read (they would otherwise reach stderr
    without naming the file); they still propagate to any logging the application configured."""
    logger = logging.getLogger("pypdf")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


_PROTECTED = "the PDF is password-protected; ask the sender for an unprotected copy"


def read_pdf(path: Path) -> list[RawDocument]:
    """Read a text-layer ``.pdf`` page by page, recording where each page starts in the text.

    Pages are joined with a blank line; ``page_starts[i]`` is the offset of page ``i + 1``.
    """
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    data = _check_size(path)
    if b"%PDF" not in data[:1024]:
        raise UnreadableFileError(str(path), "not a PDF file (no %PDF header); check it is the "
                                  "right file or export it again as PDF")
    with _pdf_warnings() as warnings, _failures(path, "not a readable PDF: corrupt or truncated",
                                                "re-export it from its application"):
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                decrypted = reader.decrypt("")
            except DependencyError:
                raise UnreadableFileError(
                    str(path), "the PDF is encrypted (AES); if it opens without a password, "
                    "'pip install cryptography' lets evidence_lab read it, otherwise ask the "
                    "sender for an unprotected copy") from None
            except Exception:  # noqa: BLE001 - any failure to decrypt means "protected"
                raise UnreadableFileError(str(path), _PROTECTED) from None
            if not decrypted:
                raise UnreadableFileError(str(path), _PROTECTED)
        pages = [_join_pdf_lines(page) for page in
                 _without_running_lines([page.extract_text() or "" for page in reader.pages])]
    if not any(p.strip() for p in pages):
        raise UnreadableFileError(str(path), "the PDF has no text layer (a scan?); run OCR on it "
                                  "or ask the sender for a text copy")
    text, page_starts = _join_pages(pages)
    metadata: dict[str, Any] = {"pages": len(pages)}
    if warnings:
        metadata[WARNINGS_KEY] = sorted(set(warnings))
    return [RawDocument(text=text, source=str(path), page_starts=page_starts,
                        metadata=metadata)]


def _join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """The pages' texts joined by a blank line, and where each page starts; a sentence that runs
    over a page break (a page ending without a full stop, the next starting in lower case) is
    joined by a space, so it stays one statement, starting on the page it starts on."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    previous = ""  # the last page with text
    for page in (p.strip() for p in pages):
        if parts:
            runs_on = bool(previous) and bool(page) and not _TERMINAL.search(previous) \
                and page[:1].islower()
            separator = " " if runs_on else BLOCK_SEPARATOR
            parts.append(separator)
            offset += len(separator)
        starts.append(offset)
        parts.append(page)
        offset += len(page)
        previous = page or previous
    return "".join(parts), starts


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most fields (``,`` on a tie)."""
    header = text.split("\n", 1)[0]
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: (counts[d], d == ","))


def _read_table(path: Path, warnings: list[str]) -> pd.DataFrame:
    data = _check_size(path)
    if path.suffix.lower() == ".xlsx":
        _check_zip(path, data, "Excel", ".xlsx")
        with _failures(path, "not a readable Excel workbook: damaged, or another kind of file "
                       "renamed to .xlsx", "open it in its application and save it as .xlsx"):
            sheets = pd.read_excel(io.BytesIO(data), dtype=str, engine="openpyxl",
                                   keep_default_na=False, sheet_name=None)
        return _workbook_table(sheets, warnings)
    decoded, nuls = _decode(data, str(path))
    if nuls:
        warnings.append(_nul_warning(nuls))
    text = normalise_newlines(decoded)
    if path.suffix.lower() == ".jsonl":
        return _read_jsonl(path, text, warnings)
    try:
        return pd.read_csv(io.StringIO(text), sep=_delimiter(text), dtype=str,
                           keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise UnreadableFileError(str(path), "the table has no header row; the first row must name "
                                  f"the columns, one of them '{TEXT_COLUMN}'") from None
    except pd.errors.ParserError as exc:
        detail = str(exc).split("C error: ")[-1].strip().rstrip(".")
        raise UnreadableFileError(str(path), f"not a readable CSV table ({detail}); check commas "
                                  "and quotes on that line, or save it again from the spreadsheet"
                                  ) from None
    except Exception as exc:  # noqa: BLE001 - pandas raises many types on garbage
        raise UnreadableFileError(str(path), f"not a readable CSV table ({type(exc).__name__}); "
                                  "save it again from the spreadsheet as CSV") from None


def _workbook_table(sheets: dict[str, pd.DataFrame], warnings: list[str]) -> pd.DataFrame:
    """Every sheet with a ``text`` column, one after another (``sheet`` kept in the metadata);
    with none, the first sheet (its columns may be the form's questions). Each other sheet that
    holds anything is named in ``warnings``."""
    def has_text(frame: pd.DataFrame) -> bool:
        return TEXT_COLUMN in {str(c).strip().lower() for c in frame.columns}

    chosen = [name for name, frame in sheets.items() if has_text(frame)] or list(sheets)[:1]
    left = [name for name, frame in sheets.items() if name not in chosen and not frame.empty]
    if left:
        warnings.append(f"only sheet(s) {', '.join(map(repr, chosen))} were read; "
                        f"{', '.join(map(repr, left))} have no '{TEXT_COLUMN}' column and were "
                        f"not; add one there, or move those responses to a read sheet")
    if len(chosen) == 1:
        return sheets[chosen[0]]
    frames = []
    for name in chosen:
        frame = sheets[name].copy()
        frame.columns = [TEXT_COLUMN if str(c).strip().lower() == TEXT_COLUMN else c
                         for c in frame.columns]
        frames.append(frame.assign(sheet=name))
    return pd.concat(frames, ignore_index=True).fillna("")


def json_objects(text: str, bad: list[str] | None = None) -> Iterator[tuple[int, dict]]:
    """The objects of a JSON Lines text with their line numbers; blank lines are skipped.

    Args:
        text: the file's text.
        bad: when given, a line that is not a JSON object is described here and skipped
            instead of stopping the read.

    Raises:
        ValueError: naming the first line that is not a JSON object, and the fix (only when
            ``bad`` is None).
    """
    import json

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            problem = None if isinstance(row, dict) else (
                f"line {number} is not a JSON object; write one object per line, "
                "with a 'text' field")
        except json.JSONDecodeError:
            problem = f"line {number} is not valid JSON; write one object per line"
        if problem is None:
            yield number, row
        elif bad is None:
            raise ValueError(problem)
        else:
            bad.append(problem)


def _read_jsonl(path: Path, text: str, warnings: list[str]) -> pd.DataFrame:
    """JSON Lines: one object per line (e.g. a hand-coded sample or a form export); a bad line
    is left out and named in ``warnings``, the good ones are kept."""
    bad: list[str] = []
    rows = [{k: "" if v is None else str(v) for k, v in row.items()}
            for _, row in json_objects(text, bad)]
    if not rows:
        raise UnreadableFileError(str(path), bad[0] if bad else "the file holds no JSON objects")
    warnings += [f"{problem}; it was left out, the other lines were read" for problem in bad]
    frame = pd.DataFrame(rows).fillna("")
    if "id" in frame.columns and "submission_id" not in frame.columns:
        frame = frame.rename(columns={"id": "submission_id"})
    return frame


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if count == 0 else f"{name}.{count}")
    return out


def read_table(path: Path) -> list[RawDocument]:
    """Read an online-form export (``.csv``, ``.xlsx`` or ``.jsonl``), one submission per row.

    The response is the ``text`` column; a table without one whose headers are the form's
    questions is read per question (:mod:`evidence_lab.ingest._forms`): the row's answers become
    its text and ``metadata["fields"]`` says which question each answer spans. ``submission_id``
    (or else ``id``), ``organisation`` and ``respondent_type`` are used when present (matched
    case-insensitively, values kept exactly as given); any other non-empty column is kept in
    ``metadata``. Rows with no response are not submissions.
    """
    warnings: list[str] = []
    table = _read_table(path, warnings)
    table.columns = _unique([str(c).strip() for c in table.columns])
    lookup: dict[str, str] = {}
    for column in table.columns:
        lookup.setdefault(column.lower(), column)
    if "submission_id" not in lookup and "id" in lookup:
        lookup["submission_id"] = lookup["id"]  # a plain "id" column (e.g. a coded sample) is the id
    identity = {lookup[c] for c in OPTIONAL_COLUMNS if c in lookup}
    questions = [] if TEXT_COLUMN in lookup else question_columns(table, sorted(identity))
    if TEXT_COLUMN not in lookup and not questions:
        raise UnreadableFileError(
            str(path), f"has no '{TEXT_COLUMN}' column (columns: "
            f"{', '.join(table.columns) or 'none'}); rename the column that holds each response "
            f"to '{TEXT_COLUMN}', or head each free-text column with its question")
    answers = questions or [lookup[TEXT_COLUMN]]
    known = identity | set(answers)

    def cell(row: dict[str, Any], name: str) -> str | None:
        return str(row[lookup[name]]).strip() or None if name in lookup else None

    documents = []
    for row_number, row in enumerate(table.fillna("").to_dict("records"), start=1):
        metadata = {k: v for k, v in row.items() if k not in known and str(v).strip()}
        if questions:
            text, fields = join_answers(row, questions)
            if fields:
                metadata[FIELDS_KEY] = fields
        else:
            text = normalise_newlines(str(row[answers[0]]))
        if not text.strip():
            continue  # an empty form answer is not a submission
        documents.append(RawDocument(
            text=text,
            source=f"{path}#row={row_number}",
            submission_id=cell(row, "submission_id"),
            organisation=cell(row, "organisation"),
            respondent_type=cell(row, "respondent_type"),
            metadata=metadata,
        ))
    if not documents:
        what = f"the '{TEXT_COLUMN}' column is" if not questions else "every question column is"
        raise UnreadableFileError(str(path), f"{what} empty in every row")
    if warnings:
        documents[0].metadata[WARNINGS_KEY] = warnings
    return documents
