"""Readers for what arrives from the web and by e-mail: saved web pages and online-form pages
(``.html``, ``.htm``) and e-mailed submissions (``.eml``).

An HTML page is read as a browser shows it: paragraphs, list items, table rows (cells joined with
`` | ``) and headings as blocks, scripts, styles and the page's head left out. An e-mail is read by
its body (the plain-text part, else the HTML part); its sender's address and the other headers
are not evidence and are left out, the subject is kept as the first heading, and text quoted from
an earlier message (``>`` lines, an "Original Message" below the reply) is left out, as it is
someone else's. Attachments are not read: each is named in a warning, so an officer can save it
beside the e-mail.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError
from ..schema import HEADINGS_KEY
from ._readers import WARNINGS_KEY, RawDocument, _check_size, _decode, _failures
from ._text import join_blocks, normalise_newlines

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


def read_eml(path: Path) -> list[RawDocument]:
    """Read an e-mailed submission (``.eml``): its subject as a heading, then its body's text.

    Raises:
        UnreadableFileError: for a file that is not an e-mail, or one with no text in its body.
    """
    data = _check_size(path)
    with _failures(path, "not a readable e-mail", "open it in your e-mail program and save it "
                   "again as .eml, or copy its text into a .txt file"):
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not isinstance(message, EmailMessage) or not any(
                message.get(h) for h in ("From", "Subject", "Date", "Message-ID", "To")):
            raise UnreadableFileError(str(path), "not an e-mail message: it has no From, To, "
                                      "Subject or Date header; save the text as .txt instead")
        body_part = message.get_body(preferencelist=("plain", "html"))
        blocks: list[tuple[str, bool]] = []
        subject = " ".join(str(message.get("Subject") or "").split())
        if subject:
            blocks.append((subject, True))
        if body_part is not None:
            content = str(body_part.get_content())
            if body_part.get_content_subtype() == "html":
                blocks += html_blocks(content)
            else:
                blocks += [(block, False) for block in
                           re.split(r"\n\s*\n", _own_text(normalise_newlines(content)))]
        attachments = [part.get_filename() or part.get_content_type()
                       for part in message.iter_attachments()]
    if body_part is None and not attachments:
        raise UnreadableFileError(str(path), "the e-mail has no text in its body")
    warnings = [f"the attachment '{name}' was not read; save it beside the e-mail to include it"
                for name in attachments]
    if len(blocks) <= bool(subject):  # nothing but the subject: the evidence is attached
        raise UnreadableFileError(str(path), "the e-mail's body has no text"
                                  + (f"; its attachments ({', '.join(map(str, attachments))}) "
                                     "hold the submission: save them and add those files"
                                     if attachments else ""))
    return _document(path, blocks, "e-mail", warnings)
