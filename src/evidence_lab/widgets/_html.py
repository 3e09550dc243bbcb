"""HTML pieces shared by the review widgets: coloured tags, the statement with the spans that drove
its stance highlighted, and readers of the list-like columns.

``target_spans``, ``segment_ids`` and ``themes`` are Python lists in the DataFrames from
evidence_lab's list-column release on, and ";"-joined strings before it (and in CSV files): the
readers here accept both.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

#: Background of each kind of highlighted span (blue: the target; green: praise; red: criticism).
CUE_COLOURS = {"target": "#cfe2ff", "praise": "#c7ebd3", "criticism": "#f8cdc9",
               "implied": "#f8cdc9", "contrast": "#fde3bf"}
#: Colour of each stance's tag: dark enough for white text (WCAG AA contrast).
STANCE_COLOURS = {"positive": "#1a7f45", "negative": "#c0281f", "mixed": "#9a5400",
                  "neutral": "#595959"}
#: Colour of each finding status's tag.
STATUS_COLOURS = {"draft": "#595959", "accepted": "#1a7f45", "edited": "#1d4e89",
                  "rejected": "#c0281f"}
ERROR_COLOUR = "#c0281f"


def tag(label: str, colour: str) -> str:
    """``label`` as a small coloured tag (escaped)."""
    return (f'<span style="background:{colour};color:#fff;border-radius:3px;padding:0 .4em;'
            f'font-size:.85em;white-space:nowrap">{html.escape(label)}</span>')


def error(message: str) -> str:
    """``message`` (escaped) in the error colour."""
    return f'<span style="color:{ERROR_COLOUR}">{html.escape(message)}</span>'


def _items(value: Any) -> list[Any]:
    """A list column's value as a list: a list/tuple/array as it is, a string split on ";"."""
    if isinstance(value, str):
        return [part for part in value.split(";") if part.strip()]
    if isinstance(value, (list, tuple, np.ndarray, pd.Series)):
        return list(value)
    return []


def id_list(value: Any) -> list[str]:
    """``["csp:0", "csp:1"]`` or ``"csp:0;csp:1"`` -> ``["csp:0", "csp:1"]``; None/NaN -> ``[]``."""
    return [str(item).strip() for item in _items(value) if str(item).strip()]


def spans(value: Any) -> list[tuple[int, int]]:
    """Character spans from ``"4-8;133-147"``, ``["4-8", "133-147"]`` or ``[(4, 8), (133, 147)]``.

    Anything that does not read as a (start, end) pair of integers is skipped.
    """
    out = []
    for item in _items(value):
        if isinstance(item, str):
            start, _, end = item.partition("-")
            pair: Iterable[Any] = (start.strip(), end.strip())
        else:
            pair = item
        try:
            start_i, end_i = (int(x) for x in pair)
        except (TypeError, ValueError):
            continue
        out.append((start_i, end_i))
    return out


def cues(value: Any) -> list[tuple[str, str]]:
    """``"OPCC [target]; delay [criticism]"`` (or a list of such items) -> ``[("OPCC", "target"),
    ("delay", "criticism")]``."""
    out = []
    for part in _items(value):
        match = re.fullmatch(r"\s*(.+?)\s*\[(\w+)\]\s*", str(part))
        if match:
            out.append((match.group(1), match.group(2)))
    return out


def highlight(text: str, target_spans: Any, stance_evidence: Any) -> str:
    """The statement as escaped HTML, with target mentions and the stance cues that drove its label
    marked (blue: the target; green: praise; red: criticism; amber: contrast).

    Args:
        text: the statement.
        target_spans: where it names the target (see :func:`spans`), offsets into ``text``.
        stance_evidence: the cues, ``"word [kind]"`` items (see :func:`cues`); each cue marks its
            first occurrence not already marked.
    """
    marks: list[tuple[int, int, str]] = [(s, e, "target") for s, e in spans(target_spans)
                                         if 0 <= s < e <= len(text)]
    for cue, kind in cues(stance_evidence):
        if kind == "target":
            continue
        for match in re.finditer(re.escape(cue), text, flags=re.IGNORECASE):
            if not any(s < match.end() and match.start() < e for s, e, _ in marks):
                marks.append((match.start(), match.end(), kind))
                break
    out, at = [], 0
    for start, end, kind in sorted(marks):
        if start < at:
            continue
        colour = CUE_COLOURS.get(kind, "#eeeeee")
        out.append(html.escape(text[at:start]))
        out.append(f'<mark title="{html.escape(kind)}" style="background:{colour};color:inherit;'
                   f'padding:0 .1em">{html.escape(text[start:end])}</mark>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def in_paragraph(paragraph: str, start: int, end: int, statement_html: str) -> str:
    """The paragraph as escaped HTML with ``paragraph[start:end]`` replaced by ``statement_html``
    (the statement, highlighted) and underlined, so the officer sees what came before and after."""
    return (f"{html.escape(paragraph[:start])}"
            f'<span class="el-this-statement" style="text-decoration:underline;'
            f'text-decoration-thickness:2px;font-weight:600">{statement_html}</span>'
            f"{html.escape(paragraph[end:])}")


def flagged(value: Any) -> bool:
    """True for a true boolean flag (numpy and pandas booleans too); False for NA, None or text."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, (bool, int, np.bool_, np.integer)):
        return bool(value)
    return False
