"""Reader for OpenDocument text (``.odt``, as LibreOffice and some council systems save letters).

The text is read from the document's ``content.xml`` in order: paragraphs, headings (recorded as
headings), list items, and table rows with their cells joined by `` | ``, as for Word. The file is
checked as an Office zip is (encryption, corruption, zip bombs) before any XML is parsed, and the
XML is parsed without entities or network access.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError
from ..schema import HEADINGS_KEY
from ._readers import RawDocument, _check_size, _check_zip, _failures
from ._text import join_blocks

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_MIMETYPE = "application/vnd.oasis.opendocument.text"


def _tag(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


#: inline elements that stand for characters
_SPACE, _TAB, _BREAK = _tag(_TEXT, "s"), _tag(_TEXT, "tab"), _tag(_TEXT, "line-break")
#: inline elements whose text is not the document's (notes, tracked deletions, annotations)
_SKIPPED = frozenset({_tag(_TEXT, "note"), _tag(_TEXT, "tracked-changes"),
                      _tag(_OFFICE, "annotation")})


def _inline(element: Any) -> str:
    """A paragraph's text, with its spaces, tabs and line breaks."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == _SPACE:
            parts.append(" " * int(child.get(_tag(_TEXT, "c"), "1") or 1))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        elif child.tag not in _SKIPPED:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks(container: Any) -> Iterator[tuple[str, bool]]:
    """The body's paragraphs, headings and table rows in order, each with whether it is a heading."""
    for element in container:
        if element.tag in (_tag(_TEXT, "p"), _tag(_TEXT, "h")):
            yield _inline(element), element.tag == _tag(_TEXT, "h")
        elif element.tag == _tag(_TABLE, "table-row"):
            cells = [" ".join(b.strip() for b, _ in _blocks(cell) if b.strip())
                     for cell in element if cell.tag == _tag(_TABLE, "table-cell")]
            yield " | ".join(c for c in cells if c), False
        elif element.tag not in _SKIPPED:
            yield from _blocks(element)  # lists, sections, tables, frames: their paragraphs


def read_odt(path: Path) -> list[RawDocument]:
    """Read an OpenDocument text file (``.odt``): paragraphs, headings, lists and tables in order."""
    data = _check_size(path)
    _check_zip(path, data, "OpenDocument", ".odt")
    with _failures(path, "not a readable OpenDocument text: damaged, or another kind of file "
                   "renamed to .odt", "open it in its application and save it as .odt or .docx"):
        from lxml import etree

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip() \
                if "mimetype" in names else ""
            if mimetype and mimetype != _MIMETYPE:
                raise UnreadableFileError(str(path), f"this OpenDocument file is not a text "
                                          f"document ({mimetype}); save it as .odt text or .docx")
            if "content.xml" not in names:
                raise UnreadableFileError(str(path), "the OpenDocument file has no content.xml; "
                                          "open and re-save it in its application")
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            root = etree.fromstring(archive.read("content.xml"), parser)
        body = root.find(f"{_tag(_OFFICE, 'body')}/{_tag(_OFFICE, 'text')}")
        text, spans = join_blocks(_blocks(body if body is not None else root))
    if not text:
        raise UnreadableFileError(str(path), "the OpenDocument file contains no text")
    headings = [[start, end] for start, end, heading in spans if heading]
    return [RawDocument(text=text, source=str(path),
                        metadata={HEADINGS_KEY: headings} if headings else {})]
