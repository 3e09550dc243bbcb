"""Coding in bulk: a spreadsheet of labels in, and the statements worth coding next out.

:func:`relabel_many` records a frame of officers' labels (by ``segment_id``, or by ``text`` for a
hand-coded file), keeping the good rows and naming each bad one with its reason.
:func:`suggest` picks the statements whose coding would teach the review's models most and
writes them in the same columns, with the tool's current guess, so one file goes out and comes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._folding import fold_case
from ..adapt import suggestion_order_of
from ..codebook import OTHER_THEME, Codebook
from ..errors import ReviewStoreError
from ..schema import SENTIMENT_LABELS, label_cell, stance_label
from ..store import ReviewStore

if TYPE_CHECKING:
    from ..analysis import Analysis

#: The columns a coding file holds (``segment_id`` or ``text`` identifies the statement).
CODING_COLUMNS = ["segment_id", "text", "theme", "pcc_sentiment", "note"]


@dataclass(frozen=True)
class RelabelResult:
    """What :meth:`Review.relabel_many` recorded.

    Attributes:
        correction_ids: one per recorded label (a row matched by text may label several statements).
        rejected: ``row`` (1-based data row of the file), ``segment_id``, ``reason`` per bad row.
    """

    correction_ids: list[int]
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["row", "segment_id", "reason"]))
    #: rows with a statement but no label yet (a suggestions file coded in part): not an error
    uncoded: int = 0

    def __str__(self) -> str:
        left = f"; {self.uncoded} row(s) left uncoded" if self.uncoded else ""
        lines = [(f"Recorded {len(self.correction_ids)} correction(s); rejected "
                 f"{len(self.rejected)} row(s){left}.")]
        lines += [f"  row {r.row} ({r.segment_id or 'no id'}): {r.reason}"
                  for r in self.rejected.itertuples()]
        if self.correction_ids:
            lines.append("The next analyse uses them.")
        return "\n".join(lines)


def read_coding_file(path: str | Path) -> pd.DataFrame:
    """A coding file (``.csv`` or ``.xlsx``) as a frame of strings, blanks as missing.

    Raises:
        ReviewStoreError: for a missing file, another format, or neither ``segment_id`` nor ``text``.
    """
    path = Path(path)
    if not path.is_file():
        raise ReviewStoreError(f"{path}: no such file; pass a .csv or .xlsx coding file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        elif suffix == ".xlsx":
            frame = pd.read_excel(path, dtype=str, keep_default_na=False)
        else:
            raise ReviewStoreError(f"{path}: a coding file must be .csv or .xlsx, not {suffix!r}")
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, ReviewStoreError):
            raise
        raise ReviewStoreError(f"{path}: cannot be read ({type(exc).__name__}: {exc}); save it as "
                               "UTF-8 CSV or as XLSX") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if not {"segment_id", "text"} & set(frame.columns):
        raise ReviewStoreError(f"{path}: needs a 'segment_id' or a 'text' column, with 'theme' "
                               "and/or 'pcc_sentiment'; it has " + ", ".join(frame.columns))
    return frame.map(lambda v: v.strip() if isinstance(v, str) else v).replace("", None)


def relabel_many(store: ReviewStore, frame: pd.DataFrame, book: Codebook,
                 by: str = "officer") -> RelabelResult:
    """Record each good row of ``frame`` as a correction; name each bad row with its reason.

    A row is found by ``segment_id`` when it has one, else by ``text`` (white space and case
    folded; every statement with that text gets the label). A theme may be written as its id or
    its label, in any case; a stance in any case. Blank labels are left as they are, and a row
    with neither is counted as not yet coded (``uncoded``), not rejected.
    """
    if not {"segment_id", "text"} & set(frame.columns):
        raise ReviewStoreError("relabel_many needs a 'segment_id' or a 'text' column")
    if not str(by).strip():
        raise ReviewStoreError("relabel_many needs the name of who coded the rows (by=...)")
    segments = store.segments()
    texts = dict(zip(segments["segment_id"], segments["text"], strict=True))
    by_text: dict[str, list[str]] = {}
    for sid, text in texts.items():
        by_text.setdefault(fold_case(text), []).append(sid)
    themes = [*book.theme_ids, OTHER_THEME]
    ids: list[int] = []
    bad: list[dict[str, Any]] = []
    uncoded = 0
    for number, row in enumerate(frame.to_dict("records"), start=1):
        sid, text = label_cell(row.get("segment_id")), label_cell(row.get("text"))
        written_theme = label_cell(row.get("theme"))
        written_stance = label_cell(row.get("pcc_sentiment"))
        if written_theme is None and written_stance is None:
            uncoded += bool(sid or text)  # a row not coded yet; a wholly blank line is nothing
            continue
        # as the officer wrote them: a theme's label or any case; the unknown kept for the reason
        theme = (book.theme_id_of(written_theme) or written_theme) if written_theme else None
        stance = (stance_label(written_stance) or written_stance) if written_stance else None
        reason = _row_problem(sid, text, theme, stance, texts, by_text, themes, book)
        if reason:
            bad.append({"row": number, "segment_id": sid or "", "reason": reason})
            continue
        targets = [sid] if sid else by_text[fold_case(row["text"])]
        ids += [store.add_correction(t, texts[t], theme, stance, str(by).strip()) for t in targets]
    return RelabelResult(ids, pd.DataFrame(bad, columns=["row", "segment_id", "reason"]), uncoded)


def _row_problem(sid: str | None, text: str | None, theme: str | None, stance: str | None,
                 texts: dict[str, str], by_text: dict[str, list[str]], themes: list[str],
                 book: Codebook) -> str | None:
    if sid is not None and sid not in texts:
        return f"no statement {sid!r} in the review"
    if sid is None and text is None:
        return "neither a segment_id nor a text"
    if sid is None and fold_case(text) not in by_text:
        return "no statement in the review has this text"
    if theme is None and stance is None:
        return "no theme and no pcc_sentiment"
    if theme is not None and theme not in themes:
        return f"theme {theme!r} is not in codebook {book.name!r} ({', '.join(themes)})"
    if stance is not None and stance not in SENTIMENT_LABELS:
        return f"pcc_sentiment {stance!r} is not one of {', '.join(SENTIMENT_LABELS)}"
    return None


def suggest(analysis: Analysis, corrected: set[str], n: int, *, random_state: int = 0,
            redact: bool = True) -> pd.DataFrame:
    """The ``n`` statements to code next (not yet corrected), with the tool's current labels.

    Returns:
        A frame with :data:`CODING_COLUMNS` (``note`` blank), the order to code them in.
    """
    if n < 1:
        raise ReviewStoreError(f"suggest needs a number of statements of at least 1, not {n}")
    segs = analysis.segments[~analysis.segments["segment_id"].isin(corrected)].reset_index(drop=True)
    if segs.empty:
        return pd.DataFrame(columns=CODING_COLUMNS)
    if analysis.embeddings is None:
        raise ReviewStoreError("suggest needs the analysis' embeddings; run analyse again")
    order = suggestion_order_of(segs, analysis.embeddings, n, random_state=random_state)
    theme = segs["codebook_theme"] if "codebook_theme" in segs.columns else segs["primary_theme"]
    out = pd.DataFrame({"segment_id": segs["segment_id"], "text": segs["text"], "theme": theme,
                        "pcc_sentiment": segs["pcc_sentiment"], "note": ""}).iloc[order]
    out = out.reset_index(drop=True)
    if redact:
        from ..redact import Redactor, redact_frame

        out = redact_frame(out, ["text"], Redactor(codebook=analysis.codebook))
    return out


def write_coding_file(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write a coding frame as ``.csv`` or ``.xlsx`` (by the file's suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ReviewStoreError(f"{path}: write the suggestions to a .csv or .xlsx file")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_excel(path, index=False)
    return path
