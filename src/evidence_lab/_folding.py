"""Text folded for comparison and for keys: one definition for every module that needs it.

``fold`` turns every run of white space (spaces, tabs, line breaks) into one space and trims the
ends, so a statement read from a PDF and the same statement typed in a spreadsheet compare equal;
``fold_case`` also folds case. The embedding cache's keys (:func:`evidence_lab.embed.text_key`)
and the parse readings a review stores are both hashes of ``fold``: changing what it does would
orphan every stored vector, so it does not change.
"""

from __future__ import annotations

import hashlib


def fold(text: object) -> str:
    """``text`` with white space folded: ``"  the  office\\n met "`` -> ``"the office met"``."""
    return " ".join(str(text).split())


def fold_case(text: object) -> str:
    """``text`` with white space and case folded (:meth:`str.casefold`): for matching names and
    statements typed by hand."""
    return fold(text).casefold()


def fold_key(text: object) -> str:
    """SHA-1 (hex) of :func:`fold` of ``text``: the key of a text's cached vector or reading."""
    return hashlib.sha1(fold(text).encode("utf-8")).hexdigest()


__all__ = ["fold", "fold_case", "fold_key"]
