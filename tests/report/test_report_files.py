"""findings.docx and findings.md as written by ``write_outputs`` for the sample call: the letter's
parts in order on A4, no links out of the document, and citations that lead back to real
statements (the docx through its numbered annex)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

SECTIONS = ["Draft findings", "Findings", "Summary", "Draft recommendations"]  # findings.md
TRAILING_CITATION = re.compile(r"\[([^\[\]]+)\]\s*$")
FINDING_ID = re.compile(r"^[FR]-[0-9a-f]{8}$")


def known_ids(out) -> tuple[set[str], set[str]]:
    segments = pd.read_csv(out / "segments.csv", dtype=str, keep_default_na=False)
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    return set(segments["segment_id"]), set(findings["finding_id"])


def unresolved(lines: list[str], segment_ids: set[str], finding_ids: set[str]) -> tuple[list, int]:
    """(citations that name no statement or finding, how many statement ids were cited)."""
    bad, cited = [], 0
    for line in lines:
        match = TRAILING_CITATION.search(line)
        if not match:
            continue
        for ref in (r.strip() for r in match.group(1).split(",")):
            if FINDING_ID.match(ref):
                if ref not in finding_ids:
                    bad.append(ref)
            elif ref in segment_ids:
                cited += 1
            else:
                bad.append(ref)
    return bad, cited


LETTER_PARTS = ["Dear Commissioner,", "Findings", "Summary", "Recommendations",
                "We look forward to receiving your response", "Yours sincerely,",
                "Annex: the evidence cited"]


def _docx(sample_report):
    import docx

    return docx.Document(str(sample_report.out / "findings.docx"))


def test_findings_docx_is_an_a4_letter_with_its_parts_in_order(sample_report):
    from docx.shared import Cm

    document = _docx(sample_report)
    section = document.sections[0]
    assert abs(section.page_width - Cm(21.0)) < Cm(0.05)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
    texts = [p.text for p in document.paragraphs]
    assert texts[0].startswith("Ravensmoor Police and Crime Panel")  # letterhead from the codebook
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", texts[1])  # the date
    assert texts[2].startswith("Sarah Pennington")  # the addressee
    positions = [next((i for i, t in enumerate(texts) if t.startswith(part)), -1)
                 for part in LETTER_PARTS]
    assert -1 not in positions, [p for p, i in zip(LETTER_PARTS, positions, strict=True) if i < 0]
    assert positions == sorted(positions), texts
    assert document.styles["Normal"].font.name == "Arial"
    external = [(part.partname, rel.target_ref) for part in document.part.package.iter_parts()
                for rel in part.rels.values() if rel.is_external]
    assert external == [], f"the document links outside itself: {external}"
    body = "\n".join(texts)
    missing = [f for f in sample_report.analysis.findings["finding_id"] if f not in body]
    assert not missing, f"findings missing from findings.docx: {missing}"


def test_findings_docx_has_lettered_recommendations_and_page_numbers(sample_report):
    document = _docx(sample_report)
    recs = [p.text for p in document.paragraphs if re.match(r"^\([a-z]+\) That(?:, [^,]+,)? the ", p.text)]
    assert len(recs) == len(sample_report.analysis.recommendations) >= 3
    assert [r[1] for r in recs] == [chr(97 + i) for i in range(len(recs))]
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_findings_docx_cites_a_numbered_annex_not_runs_of_ids(sample_report):
    document = _docx(sample_report)
    segment_ids, _ = known_ids(sample_report.out)
    body = [p.text for p in document.paragraphs]
    assert not any(re.search(r"\w+:\d+, \w+:\d+", t) for t in body), "inline runs of segment ids"
    annex = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in annex.rows[1:]]
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
    assert all(r[3] in segment_ids for r in rows)
    cited = {s for ids in sample_report.analysis.findings["segment_ids"] for s in ids}
    assert {r[3] for r in rows} == cited
    numbers = [int(n) for t in body for ref in re.findall(r"evidence ([\d–, ]+)\]", t)
               for part in ref.split(", ") for n in part.split("–")]
    assert numbers and max(numbers) == len(rows)


def test_findings_docx_annex_gives_the_statement_the_widest_column(sample_report):
    from docx.shared import Cm

    document = _docx(sample_report)
    annex = document.tables[-1]
    widths = [column.width for column in annex.columns]
    assert sum(widths) <= document.sections[0].page_width - 2 * Cm(2.5)
    assert widths[2] == max(widths) and widths[2] >= Cm(7)
    assert all(row.cells[2].width == widths[2] for row in annex.rows)
    assert "w:tblHeader" in annex.rows[0]._tr.xml, "the title row does not repeat on each page"


def test_findings_docx_lays_out_as_a_three_to_six_page_letter(sample_report, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (scripts/install_test_deps.sh installs it)")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(sample_report.out / "findings.docx")], check=True, capture_output=True,
                   timeout=300, env={**os.environ, "HOME": str(tmp_path)})
    from pypdf import PdfReader

    reader = PdfReader(str(tmp_path / "findings.pdf"))
    pages = [page.extract_text() or "" for page in reader.pages]
    annex_starts = next(i for i, text in enumerate(pages) if "Annex: the evidence cited" in text)
    assert 3 <= annex_starts <= 6, f"the letter runs to {annex_starts} pages before its annex"
    annex_pages = pages[annex_starts:]
    assert all("Statement" in page and "Segment" in page for page in annex_pages), \
        "the annex's title row is missing from one of its pages"
    cited = len(_docx(sample_report).tables[-1].rows) - 1
    assert len(annex_pages) <= cited // 10 + 1, (
        f"{cited} cited statements take {len(annex_pages)} pages: the columns are squeezed")


def test_findings_md_has_the_same_sections(sample_report):
    lines = (sample_report.out / "findings.md").read_text(encoding="utf-8").splitlines()
    headings = [re.sub(r"^#+\s*", "", line) for line in lines if line.startswith("#")]
    assert [h for h in headings if h in SECTIONS] == SECTIONS
    assert lines[0] == "# Draft findings"


def test_every_citation_in_findings_md_is_a_statement_in_segments_csv(sample_report):
    lines = (sample_report.out / "findings.md").read_text(encoding="utf-8").splitlines()
    segment_ids, finding_ids = known_ids(sample_report.out)
    bad, cited = unresolved(lines, segment_ids, finding_ids)
    assert bad == [], f"citations that lead nowhere: {bad[:5]}"
    entries = [line for line in lines if re.match(r"^(- \*\*F-|\([a-z]+\) \*\*R-)", line)]
    assert len(entries) == len(sample_report.analysis.findings)
    uncited = [line[:60] for line in entries if not TRAILING_CITATION.search(line)]
    assert uncited == [], f"findings without a citation: {uncited}"
    assert cited >= sample_report.analysis.findings["n_segments"].sum()


def test_report_html_links_ids_and_opens_each_statement_in_its_paragraph(sample_report):
    page = (sample_report.out / "report.html").read_text(encoding="utf-8")
    findings = sample_report.analysis.findings
    for finding_id in findings["finding_id"]:
        assert f'id="{finding_id}"' in page and f'href="#{finding_id}"' in page
    for ids in findings.loc[findings["kind"] == "recommendation", "finding_ids"]:
        assert all(f'<a href="#{f}">{f}</a>' in page for f in ids)
    cited = {s for ids in findings["segment_ids"] for s in ids}
    assert page.count("<mark>") >= len(cited)  # each cited statement, marked in its paragraph
    title = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert title[:1].isupper()


def test_summary_weighs_concerns_and_strengths_and_cites_findings(sample_report):
    text = (sample_report.out / "findings.md").read_text(encoding="utf-8")
    section = text.split("## Summary", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    ids = set(sample_report.analysis.findings["finding_id"])
    assert lines and all(set(re.findall(r"\bF-[0-9a-f]{8}\b", line)) <= ids for line in lines)
    assert any("concern" in line and re.search(r"\bF-[0-9a-f]{8}\b", line) for line in lines)
    assert any("praised" in line or "praise about" in line or "strength" in line for line in lines)


def test_report_html_counts_in_the_singular_and_dates_as_a_person_writes(sample_report):
    page = (sample_report.out / "report.html").read_text(encoding="utf-8")
    findings = sample_report.analysis.findings
    singles = int((findings["n_segments"] == 1).sum())
    assert singles and page.count("Evidence (1 statement)</summary>") == singles
    assert "(1 statements)" not in page
    assert re.search(r"produced by evidence_lab \S+ on \d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d\.",
                     page)
