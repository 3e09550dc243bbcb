"""findings.docx and findings.md as written by ``write_outputs`` for the sample call: the sections
a panel expects, no links out of the document, and citations that lead back to real statements."""

from __future__ import annotations

import re

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

SECTIONS = ["Draft findings", "Findings", "Summary", "Draft recommendations"]
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


def test_findings_docx_has_the_sections_and_no_external_links(sample_report):
    import docx

    document = docx.Document(str(sample_report.out / "findings.docx"))
    headings = [p.text for p in document.paragraphs
                if p.style.name == "Title" or p.style.name.startswith("Heading")]
    positions = [headings.index(s) if s in headings else -1 for s in SECTIONS]
    assert -1 not in positions, f"missing sections: {[s for s, i in zip(SECTIONS, positions) if i < 0]}"
    assert positions == sorted(positions), f"sections out of order: {headings}"
    external = [(part.partname, rel.target_ref) for part in document.part.package.iter_parts()
                for rel in part.rels.values() if rel.is_external]
    assert external == [], f"the document links outside itself: {external}"
    text = "\n".join(p.text for p in document.paragraphs)
    missing = [f for f in sample_report.analysis.findings["finding_id"] if f not in text]
    assert not missing, f"findings missing from findings.docx: {missing}"


def test_findings_docx_citations_resolve(sample_report):
    import docx

    document = docx.Document(str(sample_report.out / "findings.docx"))
    segment_ids, finding_ids = known_ids(sample_report.out)
    bad, cited = unresolved([p.text for p in document.paragraphs], segment_ids, finding_ids)
    assert bad == [] and cited > 0


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
