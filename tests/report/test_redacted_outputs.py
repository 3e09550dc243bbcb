"""The sample call's written outputs keep every organisation that sent evidence (issue 15)."""

from __future__ import annotations

import csv

import pandas as pd

from .conftest import SAMPLE, SampleReport


def _manifest_organisations() -> set[str]:
    return set(pd.read_csv(SAMPLE.folder / "manifest.csv")["organisation"])


def test_organisation_field_is_written_as_sent(sample_report: SampleReport) -> None:
    with (sample_report.out / "submissions.csv").open(encoding="utf-8") as stream:
        written = {row["organisation"] for row in csv.DictReader(stream)}
    assert _manifest_organisations() <= written
    assert not any("[name]" in o for o in written)
    with (sample_report.out / "findings.csv").open(encoding="utf-8") as stream:
        cited = {o for row in csv.DictReader(stream) for o in row["organisations"].split(";")}
    assert not any("[name]" in o for o in cited)


def test_organisations_named_in_statements_are_kept(sample_report: SampleReport) -> None:
    original = sample_report.analysis.segments.set_index("segment_id")["text"]
    with (sample_report.out / "segments.csv").open(encoding="utf-8") as stream:
        written = {row["segment_id"]: row["text"] for row in csv.DictReader(stream)}
    organisations = _manifest_organisations()
    checked = 0
    for segment_id, text in original.items():
        for organisation in (o for o in organisations if o in text):
            checked += 1
            assert organisation in written[segment_id], (segment_id, written[segment_id])
    assert checked >= 5


def test_findings_markdown_escapes_raw_html_from_the_evidence(sample_report: SampleReport) -> None:
    import dataclasses

    from evidence_lab.report import findings_markdown

    payloads = ['"><svg onload=alert(2)>', '<iframe src="https://example.org/x"></iframe>']
    findings = sample_report.analysis.findings.copy()
    findings["text"] = [f"{t} {payloads[i % 2]}" for i, t in enumerate(findings["text"])]
    findings["quotes"] = [[*q, payloads[1]] for q in findings["quotes"]]
    analysis = dataclasses.replace(sample_report.analysis, findings=findings)
    markdown = findings_markdown(analysis)
    assert "<svg" not in markdown and "<iframe" not in markdown
    assert "&lt;svg onload=alert(2)&gt;" in markdown and "&lt;iframe" in markdown
