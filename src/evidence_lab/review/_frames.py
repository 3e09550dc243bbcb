"""Small helpers for the review's DataFrames."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._folding import fold_case


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts with string keys."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def text_or_none(value: Any) -> str | None:
    """``value`` when it is text, else None (NaN and None from the store alike)."""
    return value if isinstance(value, str) else None


def org_key(name: Any) -> str:
    """An organisation's name folded for comparison ("Ashby  Vale CSP" == "ashby vale csp")."""
    return fold_case(name)
