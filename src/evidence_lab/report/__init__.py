"""Report: the draft findings as Markdown, Word and a self-contained HTML page, and the plots."""

from ._docx import findings_docx
from ._html import report_html
from ._markdown import findings_markdown
from ._outputs import REDACT_COLUMNS, redact_analysis, write_outputs
from ._plots import (
    PLOTS,
    evidence_map,
    stance_by_theme,
    theme_sizes,
    theme_sizes_across_calls,
    themes_by_respondent_type,
    to_data_uri,
)

__all__ = ["PLOTS", "REDACT_COLUMNS", "evidence_map", "findings_docx", "findings_markdown",
           "redact_analysis", "report_html", "stance_by_theme", "theme_sizes",
           "theme_sizes_across_calls", "themes_by_respondent_type", "to_data_uri", "write_outputs"]
