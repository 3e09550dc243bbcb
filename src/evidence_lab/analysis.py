"""The result of an analysis: DataFrames in, DataFrames and reports out."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._io import atomic_write_text, write_csv
from .codebook import Codebook

if TYPE_CHECKING:
    from .redact import Redactor

#: What personal-data redaction covers in written outputs (the review store keeps the originals).
REDACT_COLUMNS = {"submissions": ["organisation"], "segments": ["text", "stance_evidence"],
                  "findings": ["text", "organisations", "quotes"],
                  "subthemes": ["label", "representatives"]}
SUBMISSION_OUTPUT = ["submission_id", "organisation", "respondent_type", "primary_theme", "themes",
                     "pcc_sentiment", "pcc_sentiment_score", "n_positive", "n_negative", "n_mixed",
                     "n_neutral", "n_segments", "duplicate_of", "duplicate_group", "language",
                     "source"]


@dataclass
class Analysis:
    """Everything one run produced.

    Attributes:
        submissions: one row per submission, with ``primary_theme``, ``themes``, ``pcc_sentiment``
            and ``pcc_sentiment_score`` (see :mod:`evidence_lab.schema`).
        segments: one row per statement with themes, stance, scores and the spans behind them.
        themes: one row per theme: id, label, keywords, counts and stance counts.
        findings: draft findings and recommendations with citations to ``segment_id``.
        codebook: the codebook used.
        run: the run manifest (versions, codebook hash, inputs, skipped files, counts, timings).
        skipped: files that could not be read, with reasons.
        vectors: segment embeddings, row-aligned with ``segments``.
        subthemes: sub-themes found inside each codebook theme (id, label, keywords, size).
        discoverer: the fitted :class:`~evidence_lab.themes.ThemeDiscoverer` in discovery mode
            (keep it to map the next call onto the same theme ids).
    """

    submissions: pd.DataFrame
    segments: pd.DataFrame
    themes: pd.DataFrame
    findings: pd.DataFrame
    codebook: Codebook
    run: dict[str, Any]
    skipped: list[Any] = field(default_factory=list)
    vectors: np.ndarray | None = field(default=None, repr=False)
    subthemes: pd.DataFrame = field(default_factory=pd.DataFrame)
    discoverer: Any = field(default=None, repr=False)

    @property
    def recommendations(self) -> pd.DataFrame:
        """The draft recommendations part of :attr:`findings`."""
        return self.findings[self.findings["kind"] == "recommendation"].reset_index(drop=True)

    def stance_by_organisation(self) -> pd.DataFrame:
        """Organisations by theme: each cell is the organisation's stance toward the target on that
        theme (positive/negative/mixed/neutral), from its statements coded to the theme."""
        from .stance._assign import submission_stance

        frame = self.segments.join(self.submissions.set_index("submission_id")["organisation"],
                                   on="submission_id")
        frame = frame[frame["primary_theme"] != "other"]
        cells = {}
        for (organisation, theme), group in frame.groupby(["organisation", "primary_theme"]):
            cells[(organisation, theme)] = submission_stance(
                group["pcc_sentiment"].tolist(), group["pcc_sentiment_score"].tolist())[0]
        table = pd.Series(cells, dtype=object).unstack(fill_value="")
        table.index.name, table.columns.name = "organisation", "theme"
        return table

    def strongest_statements(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` statements most strongly praising and criticising the target, with provenance."""
        columns = ["segment_id", "submission_id", "text", "primary_theme", "pcc_sentiment",
                   "pcc_sentiment_score", "stance_evidence"]
        frame = self.segments[columns].join(
            self.submissions.set_index("submission_id")["organisation"], on="submission_id")
        praise = frame[frame["pcc_sentiment"] == "positive"].nlargest(n, "pcc_sentiment_score")
        criticism = frame[frame["pcc_sentiment"] == "negative"].nsmallest(n, "pcc_sentiment_score")
        return pd.concat([praise.assign(direction="praise"), criticism.assign(direction="criticism")],
                         ignore_index=True)

    def submission_table(self) -> pd.DataFrame:
        """Submissions as written to ``submissions.csv`` (no full text)."""
        counts = self.segments.groupby("submission_id").size()
        table = self.submissions.copy()
        table["n_segments"] = table["submission_id"].map(counts).fillna(0).astype(int)
        return table[[c for c in SUBMISSION_OUTPUT if c in table.columns]]

    def segment_table(self) -> pd.DataFrame:
        """Segments as written to ``segments.csv``."""
        drop = [c for c in self.segments.columns if c.startswith("stance_proba_")]
        return self.segments.drop(columns=drop)

    def redacted(self, redactor: Redactor | None = None) -> Analysis:
        """A copy whose text columns (:data:`REDACT_COLUMNS`) have personal data redacted.

        The run manifest records what was redacted (kinds and counts), never the data itself.
        """
        from .redact import Redactor, redact_frame

        redactor = redactor or Redactor(codebook=self.codebook)
        frames = {}
        for name, columns in REDACT_COLUMNS.items():
            frame = getattr(self, name)
            if not frame.empty:
                frames[name] = redact_frame(frame, [c for c in columns if c in frame.columns], redactor)
        run = {**self.run, "redaction": {"enabled": True, "kinds": list(redactor.kinds),
                                         "keep": list(redactor.keep),
                                         "counts": redactor.report.as_dict()}}
        return dataclasses.replace(self, **frames, run=run)

    def to_dir(self, path: str | Path, *, redact: bool = True,
               redactor: Redactor | None = None) -> Path:
        """Write submissions.csv, segments.csv, themes.csv, findings.csv/.md/.docx, report.html and
        run.json into ``path`` (created if needed); every file is replaced atomically.

        Args:
            path: output folder.
            redact: redact personal data (emails, phones, postcodes, addresses, NI numbers and
                private individuals' names) from everything written (default True).
            redactor: a configured :class:`~evidence_lab.redact.Redactor` (kinds, keep-list).
        """
        if redact:
            return self.redacted(redactor)._write(path)
        view = dataclasses.replace(self, run={**self.run, "redaction": {"enabled": False}})
        return view._write(path)

    def _write(self, path: str | Path) -> Path:
        from .report import findings_docx, findings_markdown, report_html

        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        write_csv(self.submission_table(), out / "submissions.csv")
        write_csv(self.segment_table(), out / "segments.csv")
        write_csv(self.themes.drop(columns=["representatives"], errors="ignore"), out / "themes.csv")
        if not self.subthemes.empty:
            subthemes = self.subthemes.copy()
            subthemes["representatives"] = subthemes["representatives"].map(" | ".join)
            write_csv(subthemes, out / "subthemes.csv")
        findings = self.findings.copy()
        findings["quotes"] = findings["quotes"].map(lambda q: " | ".join(q) if isinstance(q, list) else q)
        write_csv(findings, out / "findings.csv")
        write_csv(self.stance_by_organisation().reset_index(), out / "stance_by_organisation.csv")
        write_csv(self.strongest_statements(), out / "strongest_statements.csv")
        atomic_write_text(out / "findings.md", findings_markdown(self))
        findings_docx(self, out / "findings.docx")
        atomic_write_text(out / "report.html", report_html(self))
        atomic_write_text(out / "run.json", json.dumps(self.run, indent=2, default=str))
        return out

    def _repr_html_(self) -> str:
        from .report import summary_html

        return summary_html(self)

    def __repr__(self) -> str:
        counts = self.run.get("counts", {})
        return (f"Analysis({counts.get('submissions', len(self.submissions))} submissions, "
                f"{counts.get('segments', len(self.segments))} segments, "
                f"{len(self.themes)} themes, {len(self.findings)} findings/recommendations)")
