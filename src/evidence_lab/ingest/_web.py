"""Readers for what arrives from the web and by e-mail: saved web pages and online-form pages
(``.html``, ``.htm``) and e-mailed submissions (``.eml``).

An HTML page is read as a browser shows it: paragraphs, list items, table rows (cells joined with
`` | ``) and headings as blocks, scripts, styles and the page's head left out. An e-mail is read by
its body (the plain-text part, else the HTML part); its sender's address and the other headers
are not evidence and are left out, the subject is kept as the first heading, and text quoted from
an earlier message (``>`` lines, an "Original Message" below the reply) is left out, as it is
someone else's. An attached letter (Word, OpenDocument, PDF, text or a web page) is read as part
of the submission, under a heading naming it; any other attachment is named in a warning, so an
officer can save it beside the e-mail.
"""

from __future__ import annotations

import email
import email.policy
import re
import tempfile
from collections.abc import Mapping
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError
from ..schema import HEADINGS_KEY
from ._readers import WARNINGS_KEY, RawDocument, Reader, _check_size, _decode, _failures
from ._text import BLOCK_SEPARATOR, join_blocks, normalise_newlines

#: elements whose start or end closes the block before them
_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section", "article",
    "header", "footer", "main", "aside", "nav", "blockquote", "pre", "form", "fieldset",
    "legend", "label", "figure", "figcaption", "address", "hr", "caption", "body", "h1", "h2",
    "h3", "h4", "h5", "h6",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: elements whose content a reader of the page never sees as text
_HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg", "math",
                     "iframe", "object"})
_CELLS = frozenset({"td", "th"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                   "source", "track", "wbr", "param"})
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class _PageText(HTMLParser):
    """Blocks of a page's visible text, each with whether it is a heading."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self._parts: list[str] = []
        self._cells: list[str] | None = None  # the cells of the table row being read
        self._hidden = 0
        self._heading = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._hidden = 0  # a head left open (no </head>, as browsers allow) ends here
        if tag in _HIDDEN:
            self._hidden += tag not in _VOID
        elif tag == "br":
            self._parts.append("\n")
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in _CELLS:
            self._end_cell()
        elif tag in _BLOCKS:
            self._flush()
            self._heading = tag in _HEADINGS
            self._pre += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _CELLS:
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag in _BLOCKS:
            self._flush()
            self._pre -= tag == "pre" and self._pre > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            # a line break in the markup is a space on the page; only <br> (and <pre>) break lines
            self._parts.append(data if self._pre else _SPACES.sub(" ", data.replace("\n", " ")))

    def close(self) -> None:
        super().close()
        self._end_row()
        self._flush()

    def _text(self) -> str:
        text = "".join(self._parts)
        self._parts = []
        if self._pre:
            return text.strip("\n")
        return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()

    def _end_cell(self) -> None:
        if self._cells is None:
            return
        cell = " ".join(self._text().split())
        if cell:
            self._cells.append(cell)

    def _end_row(self) -> None:
        if self._cells is None:
            return
        self._end_cell()
        if self._cells:
            self.blocks.append((" | ".join(self._cells), False))
        self._cells = None

    def _flush(self) -> None:
        if self._cells is not None:
            return  # inside a table row: its cells are one block
        text = self._text()
        if text:
            self.blocks.append((text, self._heading))
        self._heading = False


def html_blocks(markup: str) -> list[tuple[str, bool]]:
    """The visible text of an HTML page as (block, is heading) pairs, in reading order."""
    parser = _PageText()
    parser.feed(markup)
    parser.close()
    return parser.blocks


def _document(path: Path, blocks: list[tuple[str, bool]], what: str,
              warnings: list[str] | None = None) -> list[RawDocument]:
    text, spans = join_blocks((normalise_newlines(block), heading) for block, heading in blocks)
    if not text.strip():
        raise UnreadableFileError(str(path), f"the {what} contains no text")
    metadata: dict[str, Any] = {}
    headings = [[start, end] for start, end, heading in spans if heading]
    if headings:
        metadata[HEADINGS_KEY] = headings
    if warnings:
        metadata[WARNINGS_KEY] = warnings
    return [RawDocument(text=text, source=str(path), metadata=metadata)]


def read_html(path: Path) -> list[RawDocument]:
    """Read a saved web page or online-form page (``.html``, ``.htm``) as a browser shows it.

    The encoding is the page's own ``<meta charset>`` when it names one Python knows, else
    found as for a text file (BOMs, UTF-8, a legacy encoding).
    """
    data = _check_size(path)
    declared = _CHARSET.search(data[:4096])
    markup = None
    if declared:
        try:
            markup = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            markup = None  # a wrong or unknown declaration: decoded as an unmarked file
    if markup is None:
        markup = _decode(data, str(path))[0]
    with _failures(path, "not a readable web page", "open it in a browser and save it again "
                   "as a web page (.html), or copy its text into a .txt file"):
        blocks = html_blocks(markup)
    return _document(path, blocks, "web page")


#: where a reply's own text ends and the message it answers begins
_QUOTED_FROM = re.compile(r"^(-{2,}\s*Original Message\s*-{2,}|On .{4,200} wrote:|"
                          r"From: .+\nSent: .+)$", re.IGNORECASE | re.MULTILINE)


def _own_text(body: str) -> str:
    """The reply's own text: up to an earlier message it quotes, without ``>`` lines."""
    quoted = _QUOTED_FROM.search(body)
    if quoted:
        body = body[:quoted.start()]
    return "\n".join(line for line in body.split("\n") if not line.lstrip().startswith(">"))


#: attached documents read with the e-mail (one letter each); a sheet's rows are separate
#: submissions and an attached e-mail another message, so those are named, not read
ATTACHED_DOCUMENTS = (".txt", ".md", ".docx", ".odt", ".pdf", ".html", ".htm")


def read_eml(path: Path, readers: Mapping[str, Reader] | None = None) -> list[RawDocument]:
    """Read an e-mailed submission (``.eml``): its subject as a heading, its body's text, then
    each attached document (:data:`ATTACHED_DOCUMENTS`) under a heading "Attachment: <name>",
    read by ``readers`` (by extension; the registry passes its own). Other attachments, and
    attachments that cannot be read, are named in a warning.

    Raises:
        UnreadableFileError: for a file that is not an e-mail, or one with no text at all.
    """
    data = _check_size(path)
    with _failures(path, "not a readable e-mail", "open it in your e-mail program and save it "
                   "again as .eml, or copy its text into a .txt file"):
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or not any(
                message.get(h) for h in ("From", "Subject", "Date", "Message-ID", "To")):
            raise UnreadableFileError(str(path), "not an e-mail message: it has no From, To, "
                                      "Subject or Date header; save the text as .txt instead")
        subject = " ".join(str(message.get("Subject") or "").split())
        blocks = [(subject, True)] if subject else []
        body = _body_blocks(message)
        attached = [(part.get_filename() or part.get_content_type(), part)
                    for part in message.iter_attachments()]
    warnings: list[str] = []
    documents: list[tuple[str, bool]] = []
    with _failures(path, "an attachment of the e-mail is damaged", "save the attachments "
                   "beside the e-mail and add those files"):
        for name, part in attached:
            documents += _attachment_blocks(str(name), part, readers or {}, warnings)
    if not body and not documents:
        listed = ", ".join(str(name) for name, _ in attached)
        raise UnreadableFileError(str(path), "the e-mail's body has no text" + (
            f"; its attachments ({listed}) could not be read: save them and add those files"
            if attached else ""))
    return _document(path, blocks + body + documents, "e-mail", warnings)


def _body_blocks(message: EmailMessage) -> list[tuple[str, bool]]:
    """The message's own text: the plain-text body, else the HTML one, without quoted replies."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return []
    content = str(part.get_content())
    if part.get_content_subtype() == "html":
        return html_blocks(content)
    return [(block, False) for block in re.split(r"\n\s*\n", _own_text(normalise_newlines(content)))
            if block.strip()]


def _attachment_blocks(name: str, part: Any, readers: Mapping[str, Reader],
                       warnings: list[str]) -> list[tuple[str, bool]]:
    """An attached document's blocks under its own heading, or [] with a warning saying why."""
    suffix = Path(name).suffix.lower()
    reader = readers.get(suffix) if suffix in ATTACHED_DOCUMENTS else None
    if reader is None:
        warnings.append(f"the attachment '{name}' was not read; save it beside the e-mail to "
                        "include it")
        return []
    with tempfile.TemporaryDirectory() as folder:
        attached = Path(folder) / f"attachment{suffix}"  # never the sender's name for a path
        attached.write_bytes(part.get_payload(decode=True) or b"")
        try:
            documents = reader(attached)
        except UnreadableFileError as exc:
            warnings.append(f"the attachment '{name}' could not be read: {exc.reason}")
            return []
    blocks = [(f"Attachment: {name}", True)]
    for document in documents:
        headings = {(a, b) for a, b in document.metadata.get(HEADINGS_KEY, [])}
        offset = 0
        for block in document.text.split(BLOCK_SEPARATOR):
            blocks.append((block, (offset, offset + len(block)) in headings))
            offset += len(block) + len(BLOCK_SEPARATOR)
    return blocks
