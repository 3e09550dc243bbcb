"""findings.docx: the draft as a real Word document (headings, lettered recommendations, citations)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from .._io import atomic_write_bytes
from ._text import citation, findings_by_theme, letter, opening, summary

if TYPE_CHECKING:
    from ..analysis import Analysis


def findings_docx(analysis: Analysis, path: str | Path) -> Path:
    """Write the draft findings to a Word file at ``path`` (atomically) and return the path."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = "Draft findings"
    document.core_properties.author = "evidence_lab"
    document.add_heading("Draft findings", level=0)
    note = document.add_paragraph("Draft for officer review: every statement cites its evidence.")
    note.runs[0].italic = True
    document.add_paragraph(opening(analysis))
    document.add_heading("Findings", level=1)
    for label, rows in findings_by_theme(analysis):
        document.add_heading(label, level=2)
        for _, row in rows.iterrows():
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{row['finding_id']} ").bold = True
            paragraph.add_run(row["text"] + " ")
            cite = paragraph.add_run(citation(row["segment_ids"]))
            cite.font.size = Pt(8)
            for quote in row["quotes"]:
                document.add_paragraph(quote, style="List Bullet 2")
    document.add_heading("Summary", level=1)
    for sentence in summary(analysis):
        document.add_paragraph(sentence, style="List Bullet")
    document.add_heading("Draft recommendations", level=1)
    for i, (_, row) in enumerate(analysis.recommendations.iterrows()):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"({letter(i)}) {row['finding_id']} ").bold = True
        paragraph.add_run(f"{row['text']} ")
        paragraph.add_run(citation(row["segment_ids"])).font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return Path(path)
