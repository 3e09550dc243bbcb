"""Theme from context: a statement's theme leans towards what its heading (or form question) and
its neighbours are about.

A short statement often says little of its theme by itself ("It opened far too late for us." under
"Grant funding"; "Not at all." answering "Has the office kept you informed?"). The context of a
statement is the theme distribution of its heading and of the statements either side of it under
the same heading. The blend only moves a statement's probability *between the codebook themes*:
its share of ``other`` is its own, so a greeting under a heading stays procedural.

The weights were chosen on the project's own labelled context set (``bench/data/context/``, by
``bench/context_eval.py``), never on the real dev sets; see ``docs/methods.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..codebook import OTHER_THEME

#: Share of a statement's codebook-theme probability that its context decides (0 turns it off).
CONTEXT_WEIGHT = 0.6
#: Within the context, the heading's share; the neighbours share the rest equally.
HEADING_SHARE = 0.75


def context_proba(segments: pd.DataFrame, proba: np.ndarray, heading_proba: np.ndarray | None,
                  *, heading_share: float = HEADING_SHARE) -> tuple[np.ndarray, np.ndarray]:
    """Each statement's context distribution and whether it has any context.

    A heading line itself (the row whose text the next row's ``heading`` is) has no context: the
    section above it is not what it is about.

    Args:
        segments: statements in submission order, with ``submission_id`` and (optionally)
            ``heading`` and ``text``.
        proba: the statements' own theme probabilities (rows as ``segments``).
        heading_proba: the theme probabilities of each row's heading text, or None for none.
        heading_share: the heading's weight within the context (default :data:`HEADING_SHARE`).

    Returns:
        (context probabilities with rows summing to 1 where there is context, a boolean mask of
        the rows that have any)
    """
    n = len(segments)
    context = np.zeros_like(proba)
    weight = np.zeros(n)
    submissions = segments["submission_id"].to_numpy()
    headings = (segments["heading"].fillna("").astype(str).to_numpy() if "heading" in segments
                else np.full(n, "", dtype=object))
    for i in range(n):
        for j in (i - 1, i + 1):  # neighbours under the same heading of the same submission
            if 0 <= j < n and submissions[j] == submissions[i] and headings[j] == headings[i]:
                context[i] += 0.5 * (1 - heading_share) * proba[j]
                weight[i] += 0.5 * (1 - heading_share)
        if heading_proba is not None and headings[i]:
            context[i] += heading_share * heading_proba[i]
            weight[i] += heading_share
    texts = segments["text"].astype(str).to_numpy() if "text" in segments else None
    if texts is not None:  # a heading line is what the text below it is about: it keeps its own
        for i in range(n - 1):
            if (submissions[i + 1] == submissions[i] and headings[i + 1] != headings[i]
                    and headings[i + 1] and headings[i + 1] in texts[i]):
                weight[i] = 0.0
    has = weight > 0
    context[has] /= weight[has, None]
    return context, has


def blend_context(proba: np.ndarray, context: np.ndarray, has_context: np.ndarray,
                  classes: np.ndarray, *, weight: float = CONTEXT_WEIGHT) -> np.ndarray:
    """``proba`` with each row's codebook-theme mass shared out partly by its context.

    A row keeps its ``other`` probability; of the rest, a share ``weight * m`` follows its
    context's distribution over the themes and the remainder its own, where ``m`` is the context's
    own codebook-theme mass: a heading that reads as procedural ("Who we are", "Annex") has little
    say, rather than its small theme probabilities being blown up to a confident vote. Rows without
    context are unchanged.
    """
    out = proba.copy()
    themes = np.asarray(classes) != OTHER_THEME
    own = proba[:, themes]
    mass = own.sum(axis=1, keepdims=True)
    ctx = context[:, themes]
    ctx_mass = ctx.sum(axis=1, keepdims=True)
    usable = has_context & (ctx_mass[:, 0] > 0) & (mass[:, 0] > 0)
    own_share = np.divide(own, mass, out=np.zeros_like(own), where=mass > 0)
    ctx_share = np.divide(ctx, ctx_mass, out=np.zeros_like(ctx), where=ctx_mass > 0)
    say = weight * np.clip(ctx_mass, 0.0, 1.0)
    mixed = mass * ((1 - say) * own_share + say * ctx_share)
    out[np.ix_(usable, themes)] = mixed[usable]
    return out
