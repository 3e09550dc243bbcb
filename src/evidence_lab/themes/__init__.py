"""Themes: guided (codebook) classification and emergent theme discovery."""

from ._assign import assign_themes, rollup_themes
from ._discover import OUTLIER, ThemeDiscoverer, class_tfidf_keywords
from ._guided import GuidedThemeClassifier

__all__ = [
           "OUTLIER",
           "GuidedThemeClassifier",
           "ThemeDiscoverer",
           "assign_themes",
           "class_tfidf_keywords",
           "rollup_themes",
]
