"""The result of an analysis: DataFrames in, DataFrames and reports out."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .codebook import Codebook

if TYPE_CHECKING:
    from .embed import Embeddings

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
        embeddings: segment embeddings keyed by ``segment_id``
            (:class:`~evidence_lab.embed.Embeddings`).
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
    embeddings: Embeddings | None = field(default=None, repr=False)
    subthemes: pd.DataFrame = field(default_factory=pd.DataFrame)
    discoverer: Any = field(default=None, repr=False)

    @property
    def vectors(self) -> np.ndarray:
        """The segments' embeddings as a matrix, one row per row of :attr:`segments`."""
        if self.embeddings is None:
            raise ValueError("this analysis holds no embeddings")
        return self.embeddings.rows(self.segments["segment_id"])

    @property
    def recommendations(self) -> pd.DataFrame:
        """The draft recommendations part of :attr:`findings`."""
        return self.findings[self.findings["kind"] == "recommendation"].reset_index(drop=True)

    def stance_by_organisation(self) -> pd.DataFrame:
        """Organisations by theme: each cell is the organisation's stance toward the target on that
        theme (positive/negative/mixed/neutral), from its statements coded to the theme."""
        from .stance import submission_stance

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

    def _repr_html_(self) -> str:
        """A compact HTML summary for Jupyter: counts, stance toward the target, the themes table."""
        counts = self.run.get("counts", {})
        stance = self.submissions["pcc_sentiment"].value_counts().to_dict()
        head = (f"<b>Analysis</b>: {counts.get('submissions', 0)} submissions, "
                f"{counts.get('segments', 0)} statements, {len(self.themes)} themes, "
                f"{counts.get('findings', 0)} findings, {counts.get('recommendations', 0)} "
                f"recommendations. Stance toward the {html.escape(self.codebook.target.name)}: "
                + ", ".join(f"{html.escape(str(k))} {v}" for k, v in stance.items()))
        table = self.themes.drop(columns=["representatives"], errors="ignore").to_html(index=False)
        return f"<div>{head}</div>{table}"

    def __repr__(self) -> str:
        counts = self.run.get("counts", {})
        return (f"Analysis({counts.get('submissions', len(self.submissions))} submissions, "
                f"{counts.get('segments', len(self.segments))} segments, "
                f"{len(self.themes)} themes, {len(self.findings)} findings/recommendations)")
