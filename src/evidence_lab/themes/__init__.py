"""Themes: guided (codebook) classification and emergent theme discovery."""

from ._assign import assign_themes, rollup_themes
from ._discover import OUTLIER, ThemeDiscoverer, class_tfidf_keywords
from ._guided import GuidedThemeClassifier

__all__ = ["GuidedThemeClassifier", "ThemeDiscoverer", "class_tfidf_keywords", "OUTLIER",
           "assign_themes", "rollup_themes"]
