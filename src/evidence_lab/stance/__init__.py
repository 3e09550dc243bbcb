"""Stance: sentiment toward the review's target (e.g. the PCC), not sentiment of the words."""

from ..vocabulary import TargetMatcher
from ._assign import assign_stance, rollup_stance, submission_stance
from ._classifier import LABELS, StanceClassifier, explain, mentions_for, score
from ._cues import FEATURE_NAMES, find_cues
from ._mentions import find_mentions

__all__ = [
           "FEATURE_NAMES",
           "LABELS",
           "StanceClassifier",
           "TargetMatcher",
           "assign_stance",
           "explain",
           "find_cues",
           "find_mentions",
           "mentions_for",
           "rollup_stance",
           "score",
           "submission_stance",
]
