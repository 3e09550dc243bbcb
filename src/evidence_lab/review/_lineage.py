"""Findings across runs: a finding keeps the officer's decision, and its evidence's changes show.

A drafted finding with a stored id keeps its status and edited text; a reviewed one whose
statements changed is flagged ``needs_review``. A new finding that shares most statements with a
reviewed one no longer drafted inherits its decision, flagged ``needs_review``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..store import FINDING_STORE_COLUMNS, ReviewStore, basis_hash
from ._frames import records, text_or_none

SUCCESSOR_OVERLAP = 0.5  # share of statements (Jaccard) a new finding must share with a reviewed one


def merge_findings(store: ReviewStore, drafted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(findings to show, rows to store): drafted findings merged with the stored decisions."""
    now = pd.Timestamp.now().floor("s")
    stored = store.findings()
    by_id = {r["finding_id"]: r for r in records(stored)}
    drafted_ids = set(drafted["finding_id"])
    continued = {r["previous_finding_id"] for r in by_id.values() if r["previous_finding_id"]}
    orphans = [r for r in by_id.values() if r["finding_id"] not in drafted_ids
               and r["status"] != "draft" and r["finding_id"] not in continued]
    rows = []
    for new in records(drafted):
        basis = basis_hash(new["segment_ids"])
        old = by_id.get(new["finding_id"])
        successor_of = None
        if old is None:
            old = predecessor(new, orphans)
            if old is not None:
                orphans.remove(old)
                successor_of = old["finding_id"]
        row = {"finding_id": new["finding_id"], "kind": new["kind"], "theme": new["theme"],
               "stance": new["stance"], "text": new["text"], "segment_ids": new["segment_ids"],
               "basis_hash": basis, "current": True, "updated_at": now}
        if old is None:
            row.update(status="draft", edited_text=None, needs_review=False,
                       previous_segment_ids=None, previous_finding_id=None)
        else:
            changed = old["basis_hash"] != basis or successor_of is not None
            reviewed = old["status"] != "draft"
            row.update(status=old["status"], edited_text=text_or_none(old["edited_text"]),
                       needs_review=bool(old["needs_review"]) or (changed and reviewed),
                       previous_segment_ids=old["segment_ids"] if changed
                       else _ids_or_none(old["previous_segment_ids"]),
                       previous_finding_id=successor_of or text_or_none(old["previous_finding_id"]))
            if not changed and old["text"] == new["text"] and old["current"]:
                row["updated_at"] = old["updated_at"]
        rows.append(row)
    for old in records(stored):  # kept with the officer's decision, no longer drafted
        if old["finding_id"] not in drafted_ids:
            rows.append({**old, "current": False})
    table = pd.DataFrame(rows, columns=FINDING_STORE_COLUMNS)
    table["needs_review"] = table["needs_review"].astype(bool)
    table["current"] = table["current"].astype(bool)

    decided = table[table["current"]].set_index("finding_id")
    shown = drafted.copy()
    shown["status"] = shown["finding_id"].map(decided["status"])
    shown["edited_text"] = shown["finding_id"].map(decided["edited_text"])
    shown["needs_review"] = shown["finding_id"].map(decided["needs_review"]).astype(bool)
    edited = shown["edited_text"].notna()
    shown.loc[edited, "text"] = shown.loc[edited, "edited_text"]
    shown = shown[shown["status"] != "rejected"].reset_index(drop=True)
    return shown, table


def _ids_or_none(value: Any) -> list[str] | None:
    return list(value) if isinstance(value, list) else None


def predecessor(new: dict[str, Any], orphans: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The reviewed finding, not drafted again, that ``new`` most likely continues (or None)."""
    ids = set(new["segment_ids"])
    best, best_overlap = None, SUCCESSOR_OVERLAP
    for old in orphans:
        if old["kind"] != new["kind"] or old["theme"] != new["theme"]:
            continue
        old_ids = set(old["segment_ids"] or [])
        overlap = len(ids & old_ids) / len(ids | old_ids)
        if overlap >= best_overlap:
            best, best_overlap = old, overlap
    return best
