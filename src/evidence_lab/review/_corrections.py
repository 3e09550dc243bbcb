"""Officers' corrections: the latest label per statement, checked against the codebook."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..codebook import OTHER_THEME, Codebook
from ..store import ReviewStore
from ._frames import records


def effective_corrections(store: ReviewStore, book: Codebook
                          ) -> tuple[pd.DataFrame | None, list[dict[str, Any]]]:
    """(the latest label per statement and field, ignored corrections) for ``book``.

    The frame has ``segment_id``, ``text``, ``theme``, ``pcc_sentiment`` and ``corrected_by``, as
    :func:`evidence_lab.analyse` takes it; a theme the codebook lacks is ignored (and listed).
    """
    history = store.corrections()
    if history.empty:
        return None, []
    history = history.sort_values("correction_id")
    valid = {*book.theme_ids, OTHER_THEME}
    bad = history["theme"].notna() & ~history["theme"].isin(valid)
    ignored = [{"correction_id": int(r["correction_id"]), "segment_id": r["segment_id"],
                "theme": r["theme"], "reason": f"theme not in codebook {book.name!r}"}
               for r in records(history[bad])]
    history = history.assign(theme=history["theme"].where(~bad))
    latest = history.groupby("segment_id", sort=False).agg(
        text=("text", "last"), theme=("theme", "last"), pcc_sentiment=("pcc_sentiment", "last"),
        corrected_by=("corrected_by", "last")).reset_index()  # "last" skips missing labels
    latest = latest[latest["theme"].notna() | latest["pcc_sentiment"].notna()]
    if latest.empty:
        return None, ignored
    columns = ["segment_id", "text", "theme", "pcc_sentiment", "corrected_by"]
    return latest[columns].reset_index(drop=True), ignored

