"""Findings: draft the panel's findings and recommendations from the analysed evidence."""

from ._draft import FINDING_COLUMNS, draft_findings
from ._quantifiers import number_word, quantifier
from ._rewrite import short_quote, to_reported_speech

__all__ = [
           "FINDING_COLUMNS",
           "draft_findings",
           "number_word",
           "quantifier",
           "short_quote",
           "to_reported_speech",
]
