"""Shared fixtures: the bundled spaCy sentence pipeline (loaded once) and writers of small files.

Test files are written by the tests themselves (python-docx, reportlab, openpyxl, pypdf), so every
expected value can be read off the test.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

# The models are bundled; a test must never reach for the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# the ONNX export of the embedding model is written inside the checkout, never to the home folder
os.environ.setdefault("EVIDENCE_LAB_CACHE",
                      str(Path(__file__).resolve().parents[1] / ".cache" / "evidence_lab"))


@pytest.fixture(scope="session")
def nlp():
    """The bundled pipeline's sentence splitter, as :func:`evidence_lab.segmentation.segment` uses it."""
    from evidence_lab.nlp import load_pipeline

    return load_pipeline("sentences")


class Build:
    """Writers of small submission files; each returns the path it wrote."""

    @staticmethod
    def text(path: Path, text: str, encoding: str = "utf-8") -> Path:
        path.write_bytes(text.encode(encoding))
        return path

    @staticmethod
    def docx(path: Path, paragraphs: Sequence[str],
             table: Sequence[Sequence[str]] | None = None) -> Path:
        import docx

        document = docx.Document()
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        if table:
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
        document.save(str(path))
        return path

    @staticmethod
    def pdf_bytes(pages: Sequence[Sequence[str]]) -> bytes:
        """A text-layer PDF: one list of lines per page, each line drawn on its own row."""
        from reportlab.pdfgen import canvas

        buffer = io.BytesIO()
        sheet = canvas.Canvas(buffer)
        for lines in pages:
            y = 780
            for line in lines:
                sheet.drawString(72, y, line)
                y -= 16
            sheet.showPage()
        sheet.save()
        return buffer.getvalue()

    @classmethod
    def pdf(cls, path: Path, pages: Sequence[Sequence[str]]) -> Path:
        path.write_bytes(cls.pdf_bytes(pages))
        return path

    @staticmethod
    def odt(path: Path, paragraphs: Sequence[str], heading: str | None = None,
            table: Sequence[Sequence[str]] | None = None) -> Path:
        """A minimal OpenDocument text, as the format defines it (mimetype first, stored)."""
        import zipfile
        from xml.sax.saxutils import escape

        body = f'<text:h text:outline-level="1">{escape(heading)}</text:h>' if heading else ""
        body += "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
        if table:
            rows = "".join("<table:table-row>" + "".join(
                f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
                + "</table:table-row>" for row in table)
            body += f"<table:table>{rows}</table:table>"
        content = (
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3">'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                             compress_type=zipfile.ZIP_STORED)
            archive.writestr("content.xml", content)
        return path

    @staticmethod
    def xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(list(row))
        workbook.save(str(path))
        return path


@pytest.fixture(scope="session")
def build() -> type[Build]:
    """Writers of .txt/.docx/.pdf/.xlsx test files (see :class:`Build`)."""
    return Build


@pytest.fixture()
def count_parses(monkeypatch):
    """Call it to start recording every text the bundled parser is given (returns the list it
    fills); the readings in memory are forgotten first, as in a new process."""
    from evidence_lab.findings import forget_readings
    from evidence_lab.nlp import load_pipeline

    def start() -> list[str]:
        forget_readings()
        nlp = load_pipeline("parse")
        seen: list[str] = []
        pipe = nlp.pipe

        def counting(texts, *args, **kwargs):
            texts = list(texts)
            seen.extend(texts)
            return pipe(texts, *args, **kwargs)

        monkeypatch.setattr(nlp, "pipe", counting)
        return seen

    yield start
    forget_readings()
