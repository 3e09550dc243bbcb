"""One analysis of the sample call, written to disk once and shared by the report tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import evidence_lab as el
from evidence_lab import Analysis
from evidence_lab.report import write_outputs

SAMPLE = el.sample_call()


@dataclass(frozen=True)
class SampleReport:
    """The sample call's analysis and the folder ``write_outputs`` wrote it to (redacted)."""

    analysis: Analysis
    out: Path


@pytest.fixture(scope="session")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> SampleReport:
    analysis = el.analyse([SAMPLE.folder], codebook=SAMPLE.codebook,
                          show_progress=False)
    out = write_outputs(analysis, tmp_path_factory.mktemp("sample_report"))
    return SampleReport(analysis=analysis, out=out)
