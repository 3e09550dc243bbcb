"""findings.docx: the draft as the panel's letter to the target, ready to edit and sign.

A4, the codebook's letterhead, date, addressee and salutation (:class:`~evidence_lab.codebook.Letter`),
an opening that states the call and who responded, the findings under theme headings, the summary,
the lettered recommendations, the closing, sign-off and signature block, and page numbers in the
footer. Findings cite their evidence by number in an annex at the end (segment id, organisation,
quote) rather than by runs of segment ids in the text; each finding keeps its id, in small grey
type, so an officer's notes and decisions can follow it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._io import atomic_write_bytes
from ._text import (
    EvidenceAnnex,
    answered,
    findings_by_theme,
    letter,
    letter_date,
    letter_opening,
    summary,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

    from ..analysis import Analysis

GREY = (0x59, 0x59, 0x59)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when laying out pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _set_up(document: Document, font: str, size: float) -> None:
    """A4 with 2.5 cm margins; the letter's font in every style it uses; page numbers."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "List Bullet", "Table Grid"):
        style = document.styles[name]
        style.font.name = font
        style.element.rPr.rFonts.set(qn("w:eastAsia"), font)  # Word reads the East Asian slot too
        if name.startswith("Heading") or name == "Title":
            style.font.color.rgb = RGBColor(0, 0, 0)
    document.styles["Normal"].font.size = Pt(size)
    document.styles["Normal"].paragraph_format.space_after = Pt(6)
    document.styles["Heading 1"].font.size = Pt(size + 3)
    document.styles["Heading 2"].font.size = Pt(size + 1)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _small(paragraph: Paragraph, text: str) -> None:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(*GREY)


def _head(document: Document, analysis: Analysis, parts: dict[str, Any]) -> None:
    """Letterhead, date, addressee, salutation, subject and the opening."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head = document.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    head.add_run(parts["sender"]).bold = True
    for line in parts["address"]:
        head.add_run("\n" + line)
    document.add_paragraph(letter_date(analysis)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("\n".join(parts["addressee"]))
    document.add_paragraph(parts["salutation"] + ",")
    document.add_paragraph().add_run(parts["subject"]).bold = True
    for paragraph in letter_opening(analysis):
        document.add_paragraph(paragraph)


def _body(document: Document, analysis: Analysis, annex: EvidenceAnnex) -> None:
    """Findings by theme, the summary and the lettered recommendations."""
    document.add_heading("Findings", level=1)
    for label, rows in findings_by_theme(analysis):
        document.add_heading(label, level=2)
        for _, row in rows.iterrows():
            paragraph = document.add_paragraph(row["text"] + " ")
            _small(paragraph, f"[{row['finding_id']}; evidence {annex.cite(row['segment_ids'])}]")
    document.add_heading("Summary", level=1)
    for sentence in summary(analysis):
        document.add_paragraph(sentence)
    document.add_heading("Recommendations", level=1)
    recs = analysis.recommendations
    if recs.empty:
        document.add_paragraph("The evidence asked nothing of the target that the Panel could "
                               "put as a recommendation.")
    for i, (_, row) in enumerate(recs.iterrows()):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"({letter(i)}) ").bold = True
        paragraph.add_run(row["text"] + " ")
        answers = ", ".join(answered(analysis, row))
        _small(paragraph, f"[{row['finding_id']}; {f'answers {answers}; ' if answers else ''}"
                          f"evidence {annex.cite(row['segment_ids'])}]")


def _close(document: Document, parts: dict[str, Any]) -> None:
    document.add_paragraph(parts["closing"])
    document.add_paragraph(parts["sign_off"] + ",")
    signature = document.add_paragraph("\n\n")  # room to sign
    signature.add_run(parts["signatory"][0]).bold = True
    for line in parts["signatory"][1:]:
        signature.add_run("\n" + line)


#: the annex columns: title, width (cm, 16 in all: A4 less its 2.5 cm margins) and font size
#: (pt); the statement gets the room, the segment id a smaller font so most ids fit one line
ANNEX_COLUMNS = (("No.", 1.0, 9), ("Organisation", 3.4, 9), ("Statement", 7.4, 9),
                 ("Segment", 4.2, 8))


def _annex(document: Document, annex: EvidenceAnnex) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Annex: the evidence cited", level=1)
    document.add_paragraph("Each number in the letter refers to a statement below, quoted as "
                           "written, with the organisation that made it and its segment id in "
                           "segments.csv.")
    table = document.add_table(rows=1, cols=len(ANNEX_COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    _repeat_as_header(table.rows[0])
    for cell, (title, *_) in zip(table.rows[0].cells, ANNEX_COLUMNS, strict=True):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for number, entry in annex.entries():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(number), entry["organisation"]
        cells[2].text, cells[3].text = f"“{entry['text']}”", entry["segment_id"]
    _size_columns(table)


def _size_columns(table: Any) -> None:
    """Fixed column widths and a smaller font: Word reads each cell's width, LibreOffice the
    table grid's, so both are set (equal widths squeezed each quote into a 4 cm column)."""
    from docx.shared import Cm, Pt

    for column, (_, width, font_pt) in zip(table.columns, ANNEX_COLUMNS, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(font_pt)


def _repeat_as_header(row: Any) -> None:
    """The annex's title row repeats at the top of every page it runs over."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def letter_parts(analysis: Analysis) -> dict[str, Any]:
    """The codebook's letter settings with the defaults filled in from the call."""
    settings = analysis.codebook.letter
    target = analysis.codebook.target
    return {"sender": settings.sender, "address": settings.address,
            "addressee": settings.addressee or (target.name,),
            "salutation": settings.salutation or f"Dear {target.title}",
            "subject": settings.subject or analysis.run.get("title") or "Call for evidence",
            "closing": settings.closing, "sign_off": settings.sign_off,
            "signatory": ("[Name]", *settings.signatory)}


def findings_docx(analysis: Analysis, path: str | Path) -> Path:
    """Write the draft letter to a Word file at ``path`` (atomically) and return the path."""
    import docx

    settings = analysis.codebook.letter
    document = docx.Document()
    document.core_properties.title = "Draft findings"
    document.core_properties.author = "evidence_lab"
    _set_up(document, settings.font, settings.font_size)
    parts = letter_parts(analysis)
    annex = EvidenceAnnex(analysis)
    _head(document, analysis, parts)
    _body(document, analysis, annex)
    _close(document, parts)
    _annex(document, annex)
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return Path(path)
