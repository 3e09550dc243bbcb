"""Stance: sentiment toward the review's target (e.g. the PCC), not sentiment of the words."""

from ._assign import assign_stance, rollup_stance, submission_stance
from ._classifier import LABELS, StanceClassifier, explain, mentions_for, score
from ._cues import FEATURE_NAMES, find_cues
from ..vocabulary import TargetMatcher
from ._mentions import find_mentions

__all__ = ["StanceClassifier", "TargetMatcher", "find_mentions", "assign_stance", "rollup_stance",
           "LABELS", "score", "submission_stance", "explain", "find_cues", "mentions_for", "FEATURE_NAMES"]
