"""The readers by file extension: add a reader here to support a new format."""

from __future__ import annotations

from functools import partial

from ._opendocument import read_odt
from ._readers import Reader, read_docx, read_pdf, read_table, read_text
from ._web import read_eml, read_html

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".docx": read_docx,
    ".odt": read_odt,
    ".pdf": read_pdf,
    ".csv": read_table,
    ".xlsx": read_table,
    ".jsonl": read_table,
    ".html": read_html,
    ".htm": read_html,
}
#: an e-mail reads its attached letters with the same readers
READERS[".eml"] = partial(read_eml, readers=READERS)

#: the extensions as an officer reads them in an error ("save it as .docx, .pdf, ...")
SUPPORTED = ", ".join(list(READERS)[:-1]) + " or " + list(READERS)[-1]
