"""findings.md: the draft in Markdown."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from ._text import answered, citation, findings_by_theme, letter, opening, summary

if TYPE_CHECKING:
    from ..analysis import Analysis


def findings_markdown(analysis: Analysis) -> str:
    """The draft findings as Markdown: opening, findings by theme, summary, recommendations."""
    note = "*Draft for officer review: every statement below cites the evidence it rests on.*"
    lines = ["# Draft findings", "", note, "", _escape(opening(analysis)), "", "## Findings", ""]
    for label, rows in findings_by_theme(analysis):
        lines += [f"### {_escape(label)}", ""]
        for _, row in rows.iterrows():
            lines.append(f"- **{row['finding_id']}** {_escape(row['text'])} "
                         f"{_escape(citation(row['segment_ids']))}")
            for quote in row["quotes"]:
                lines.append(f"  - {_escape(quote)}")
        lines.append("")
    lines += ["## Summary", ""] + [f"- {_escape(s)}" for s in summary(analysis)] + [""]
    lines += ["## Draft recommendations", ""]
    recs = analysis.recommendations
    if recs.empty:
        lines.append("No requests or suggestions were found in the evidence.")
    for i, (_, row) in enumerate(recs.iterrows()):
        answers = ", ".join(answered(analysis, row))
        lines.append(f"({letter(i)}) **{row['finding_id']}** {_escape(row['text'])}"
                     f"{f' (answers {answers})' if answers else ''} "
                     f"{_escape(citation(row['segment_ids']))}")
    skipped = analysis.run.get("skipped_files") or []
    if skipped:
        lines += ["", "## Files that could not be read", ""]
        lines += [f"- {_escape(str(s['path']))}: {_escape(str(s['reason']))}" for s in skipped]
    return "\n".join(lines) + "\n"


def _escape(text: object) -> str:
    """Evidence text as Markdown shows it, never as markup: Markdown renderers pass raw HTML
    through (``<svg onload=...>``, ``<iframe>``), so ``&``, ``<`` and ``>`` become entities."""
    return html.escape(str(text), quote=False)
