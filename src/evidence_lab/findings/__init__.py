"""Findings: draft the panel's findings and recommendations from the analysed evidence."""

from ._common import CLAIM_SIMILARITY, FINDING_COLUMNS, MANY_ORGANISATIONS, NAMED_AT_MOST
from ._complaints import COMPLAINTS, complaints_in, point_of, praised_subject
from ._draft import draft_findings, known_words, polarity, speaks_of_itself
from ._evaluation import JUDGING, evaluates
from ._quantifiers import number_word, quantifier
from ._recommend import ANSWER_SIMILARITY, action_phrase, one_request
from ._references import (
    forget_readings,
    lead_context,
    leaning_definite,
    reader_name,
    self_contained,
    stored_readings,
    unresolved_reference,
)
from ._remedy import remedy
from ._rewrite import short_quote, to_reported_speech

__all__ = [
           "ANSWER_SIMILARITY",
           "CLAIM_SIMILARITY",
           "COMPLAINTS",
           "FINDING_COLUMNS",
           "JUDGING",
           "MANY_ORGANISATIONS",
           "NAMED_AT_MOST",
           "action_phrase",
           "complaints_in",
           "draft_findings",
           "evaluates",
           "forget_readings",
           "known_words",
           "lead_context",
           "leaning_definite",
           "number_word",
           "one_request",
           "point_of",
           "polarity",
           "praised_subject",
           "quantifier",
           "reader_name",
           "remedy",
           "self_contained",
           "short_quote",
           "speaks_of_itself",
           "stored_readings",
           "to_reported_speech",
           "unresolved_reference",
]
