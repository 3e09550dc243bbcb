"""Dependency-parse links between evaluative cues and target mentions.

A cue counts as *linked* to the target when, in the parse, the cue word and a target word belong to
the same clause, i.e. climb to the same governing verb ("the Commissioner's [target] grant round was
[verb] late [cue]"), so "whilst the Commissioner was helpful, the council failed to reply" links the
praise, not the failure, to the target. Only statements that name
the target and contain a cue are parsed, which keeps the parser (the slowest spaCy component) off most
of the text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from spacy.tokens import Doc, Token

from ..nlp import load_pipeline
from ._cues import find_cues

LINK_GROUPS = ("praise", "criticism", "implied")


def _clause_head(token: Token) -> Token:
    """The verb (or root) heading the clause a token belongs to."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def _linked(a: Token, b: Token) -> bool:
    return a.sent.start == b.sent.start and _clause_head(a).i == _clause_head(b).i


def _doc_links(doc: Doc, spans: list[tuple[int, int]]) -> list[float]:
    targets = [t for t in doc if any(s <= t.idx < e for s, e in spans)]
    counts = dict.fromkeys(LINK_GROUPS, 0.0)
    for hit in find_cues(doc.text):
        if hit.group not in counts:
            continue
        cue = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if cue is not None and any(_linked(cue.root, t) for t in targets):
            counts[hit.group] += 1
    return [counts[g] for g in LINK_GROUPS]


def dependency_links(texts: Sequence[str], mentions: Sequence[tuple[list[tuple[int, int]], str]],
                     batch_size: int = 64) -> np.ndarray:
    """Per statement: counts of praise, criticism and implied-criticism cues linked to the target."""
    out = np.zeros((len(texts), len(LINK_GROUPS)), dtype=np.float32)
    todo = [i for i, (text, (spans, _)) in enumerate(zip(texts, mentions, strict=True))
            if spans and any(h.group in LINK_GROUPS for h in find_cues(text))]
    if not todo:
        return out
    nlp = load_pipeline("parse")
    for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=batch_size), strict=True):
        out[i] = _doc_links(doc, mentions[i][0])
    return out
