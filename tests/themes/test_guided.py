"""The guided theme classifier: the shipped models on unseen statements, and custom codebooks."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from evidence_lab.codebook import load_codebook
from evidence_lab.models import fit_models
from evidence_lab.themes import GuidedThemeClassifier

pytestmark = pytest.mark.slow

# Written for this test (not in the training corpus), one per theme, labelled by hand.
UNSEEN = {
    "The Commissioner's summer grant round gave small charities only ten days to submit a bid.":
        "commissioning",
    "Nobody from the Commissioner's office has spoken at our residents' meetings this year.":
        "engagement",
    "The office helped the two district councils and the fire service agree one shared hub.":
        "partnerships",
    "The precept rise has paid for twenty extra neighbourhood officers in the market towns.":
        "operational_policing",
    "Apologies for absence were received from Councillor Hughes.": "other",
}


@pytest.fixture(scope="module")
def theme_model() -> GuidedThemeClassifier:
    return fit_models(load_codebook())[0]


def test_shipped_model_codes_unseen_statements(theme_model):
    predicted = theme_model.predict(list(UNSEEN))
    assert list(predicted) == list(UNSEEN.values())


def test_probabilities_cover_every_class_and_sum_to_one(theme_model):
    proba = theme_model.predict_proba(list(UNSEEN))
    assert proba.shape == (len(UNSEEN), 5)
    assert list(theme_model.classes_) == ["engagement", "commissioning", "partnerships",
                                          "operational_policing", "other"]
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)


def test_custom_codebook_with_new_ids_works_from_descriptions_and_examples(tmp_path):
    path = tmp_path / "mayor.yaml"
    path.write_text(textwrap.dedent("""
        target: {name: Mayor, aliases: [the Mayor, Mayor's office]}
        themes:
          - id: transport
            label: Transport
            description: Buses, trains, roads, cycling and fares.
            examples: [The night bus to the estate was cut., Fares rose again in January.]
          - id: housing
            label: Housing
            description: Council homes, rents, repairs, homelessness and planning for new homes.
            examples: [Repairs to council flats take months., Rents are beyond young families.]
    """))
    codebook = load_codebook(path)
    model = GuidedThemeClassifier(codebook=codebook).fit(["Thank you for inviting our views."],
                                                         ["other"])
    assert not model.covered_
    predicted = model.predict(["The last train home leaves far too early.",
                               "Families wait years for a council home."])
    assert list(predicted) == ["transport", "housing"]
