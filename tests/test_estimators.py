"""The fitted parts behave as scikit-learn estimators: scikit-learn's own checks where they apply.

:class:`ThemeDiscoverer` takes numeric vectors, so every check in ``check_estimator`` applies. The
classifiers take statements (text), which the numeric checks cannot feed; they get the API checks
that need no numeric fit, and the rest is checked here on a small coded call with a registered
hashing embedder (fast, deterministic, no model to load).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks as checks
from sklearn.utils._param_validation import InvalidParameterError

from evidence_lab.codebook import load_codebook
from evidence_lab.stance import StanceClassifier
from evidence_lab.themes import GuidedThemeClassifier, ThemeDiscoverer

API_CHECKS = [checks.check_estimator_cloneable, checks.check_estimator_tags_renamed,
              checks.check_valid_tag_types, checks.check_estimator_repr,
              checks.check_no_attributes_set_in_init,
              checks.check_do_not_raise_errors_in_init_or_set_params, checks.check_mixin_order,
              checks.check_parameters_default_constructible, checks.check_get_params_invariance,
              checks.check_set_params, checks.check_estimators_unfitted]


class HashEmbedder:
    """Texts to unit vectors seeded by their hash: stable, fast, and blind to meaning."""

    name = "hash-test"

    def encode(self, texts, *, show_progress=False):
        rows = [np.random.default_rng(int(hashlib.md5(t.encode()).hexdigest()[:8], 16))
                .standard_normal(24) for t in texts]
        matrix = np.array(rows, dtype=np.float32).reshape(len(texts), 24)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True).clip(1e-9)


STATEMENTS = pd.DataFrame({
    "text": ["The grant round closed after ten days.", "Funding for the hub was renewed.",
             "Nobody from the office came to our meeting.", "The newsletter reached every parish.",
             "The councils now share one control room.", "Partners pooled their data at last.",
             "The precept paid for more officers.", "Response times fell in the north.",
             "Apologies were received from two members.", "The minutes were approved."] * 2,
    "theme": ["commissioning", "commissioning", "engagement", "engagement", "partnerships",
              "partnerships", "operational_policing", "operational_policing", "other", "other"] * 2,
    "pcc_sentiment": ["negative", "positive", "negative", "positive", "neutral", "neutral",
                      "positive", "neutral", "neutral", "neutral"] * 2,
})


@pytest.mark.parametrize("estimator", [GuidedThemeClassifier(), StanceClassifier()],
                         ids=lambda e: type(e).__name__)
@pytest.mark.parametrize("check", API_CHECKS, ids=lambda c: c.__name__)
def test_classifiers_pass_the_api_checks(estimator, check):
    check(type(estimator).__name__, estimator)


def test_theme_discoverer_passes_every_estimator_check():
    results = checks.check_estimator(ThemeDiscoverer(), on_fail=None, on_skip=None)
    failed = {r["check_name"]: str(r["exception"])[:200] for r in results
              if r["status"] == "failed"}
    assert not failed
    assert sum(r["status"] == "passed" for r in results) >= 40


def _fitted(estimator, column):
    return estimator.fit(STATEMENTS[["text"]], STATEMENTS[column])


@pytest.mark.parametrize(("make", "column"), [
    (lambda: GuidedThemeClassifier(codebook=load_codebook(), embedder=HashEmbedder()), "theme"),
    (lambda: StanceClassifier(codebook=load_codebook(), embedder=HashEmbedder()), "pcc_sentiment"),
], ids=["themes", "stance"])
def test_fit_returns_self_keeps_params_and_is_repeatable(make, column):
    estimator = make()
    before = estimator.get_params()
    assert _fitted(estimator, column) is estimator
    assert estimator.get_params() == before  # parameters are stored as given, never changed
    first = estimator.predict_proba(STATEMENTS[["text"]])
    np.testing.assert_allclose(_fitted(clone(estimator), column).predict_proba(STATEMENTS[["text"]]),
                               first)
    learned = [name for name in vars(estimator) if not name.startswith("_")
               and name not in before]
    assert learned and all(name.endswith("_") for name in learned)
    assert type(estimator).from_state(estimator.to_state(), codebook=load_codebook(),
                                      embedder=estimator.embedder).predict(
        STATEMENTS[["text"]]).tolist() == estimator.predict(STATEMENTS[["text"]]).tolist()


@pytest.mark.parametrize(("estimator", "match"), [
    (GuidedThemeClassifier(threshold=-1), "threshold"),
    (GuidedThemeClassifier(C=0), "'C'"),
    (StanceClassifier(mixed_min=2), "mixed_min"),
    (StanceClassifier(use_parse="yes"), "use_parse"),
])
def test_bad_parameters_are_refused_at_fit(estimator, match):
    with pytest.raises(InvalidParameterError, match=match):
        estimator.fit(STATEMENTS[["text"]], STATEMENTS["theme"])


def test_bad_discoverer_parameters_are_refused_at_fit():
    with pytest.raises(InvalidParameterError, match="min_size"):
        ThemeDiscoverer(min_size=0).fit(np.eye(4))


def test_partial_fit_returns_self_with_the_batch_labels():
    rng = np.random.default_rng(0)
    vectors = np.vstack([np.eye(3, 8)[i] + 0.02 * rng.standard_normal((10, 8)) for i in range(3)])
    model = ThemeDiscoverer(random_state=0)
    assert model.partial_fit(vectors) is model  # a first partial_fit is a fit
    assert model.partial_fit(vectors[:4]) is model
    assert len(model.labels_) == 4


def test_unfitted_classifiers_say_so():
    with pytest.raises(NotFittedError):
        StanceClassifier().predict(["The office never replied."])
