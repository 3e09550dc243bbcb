"""Report: the draft findings as Markdown, Word and a self-contained HTML page, and the plots.

:func:`write_outputs` writes every file of a run. The names are imported on first use, so checking
whether a folder already holds a run's outputs loads neither matplotlib nor Word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from ._docx import findings_docx
    from ._html import report_html
    from ._markdown import findings_markdown
    from ._outputs import (
        OUTPUT_FILES,
        REDACT_COLUMNS,
        holds_outputs,
        outputs_key,
        redact_analysis,
        write_outputs,
    )
    from ._plots import (
        PLOTS,
        evidence_map,
        stance_by_theme,
        theme_sizes,
        theme_sizes_across_calls,
        themes_by_respondent_type,
        to_data_uri,
    )
    from ._text import theme_balance

_HOMES = {
    "findings_docx": "_docx", "report_html": "_html", "findings_markdown": "_markdown",
    **dict.fromkeys(("OUTPUT_FILES", "REDACT_COLUMNS", "holds_outputs", "outputs_key",
                     "redact_analysis", "write_outputs"), "_outputs"),
    **dict.fromkeys(("PLOTS", "evidence_map", "stance_by_theme", "theme_sizes",
                     "theme_sizes_across_calls", "themes_by_respondent_type", "to_data_uri"),
                    "_plots"),
    "theme_balance": "_text",
}
__all__ = [
    "OUTPUT_FILES", "PLOTS", "REDACT_COLUMNS", "evidence_map", "findings_docx",
    "findings_markdown", "holds_outputs", "outputs_key", "redact_analysis", "report_html",
    "stance_by_theme", "theme_balance", "theme_sizes", "theme_sizes_across_calls", "themes_by_respondent_type",
    "to_data_uri", "write_outputs",
]
__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
