"""Jupyter widgets for the officer's review: correct statements' theme and stance, sign off findings.

    >>> from evidence_lab.widgets import FindingsReviewer, SegmentReviewer
    >>> reviewer = SegmentReviewer(analysis, theme="commissioning")   # doctest: +SKIP
    >>> reviewer                                                        # doctest: +SKIP
    >>> el.analyse(inputs, corrections=reviewer.corrections)           # doctest: +SKIP

Both widgets work with or without a :class:`~evidence_lab.review.Review`. Given one, every decision
is written to the review store at once (``review.relabel``, ``review.accept`` / ``edit`` /
``reject``) and the next ``review.analyse()`` uses it. Without one, decisions are kept in memory:
:attr:`SegmentReviewer.corrections` can be passed to :func:`evidence_lab.analyse` and
:attr:`FindingsReviewer.findings` carries a ``status`` column.

``ipywidgets`` is imported only when a widget is built, so importing evidence_lab never needs it.
Every button's work is done by a plain method (``next``, ``relabel``, ``accept``, ...), so the
widgets can be driven, and tested, without a browser.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from .codebook import OTHER_THEME
from .schema import SENTIMENT_LABELS, require_columns

if TYPE_CHECKING:
    from .analysis import Analysis
    from .review import Review

#: Columns of :attr:`SegmentReviewer.corrections`; usable as ``corrections=`` and ``labels=`` of
#: :func:`evidence_lab.analyse`.
CORRECTION_COLUMNS = ["segment_id", "text", "theme", "pcc_sentiment"]
FINDING_STATUSES = ("draft", "accepted", "edited", "rejected")
_ALL = "__all__"
_CUE_COLOURS = {"target": "#cfe2ff", "praise": "#c7ebd3", "criticism": "#f8cdc9",
                "implied": "#f8cdc9", "contrast": "#fde3bf"}
_STANCE_COLOURS = {"positive": "#1a7f45", "negative": "#c0281f", "mixed": "#b06000",
                   "neutral": "#666666"}
_STATUS_COLOURS = {"draft": "#666666", "accepted": "#1a7f45", "edited": "#1d4e89",
                   "rejected": "#c0281f"}


def _ipywidgets() -> Any:
    try:
        import ipywidgets
    except ImportError:  # pragma: no cover - ipywidgets is a dependency, but may be removed
        raise ImportError("The review widgets need ipywidgets: pip install 'ipywidgets>=8'") from None
    return ipywidgets


def _tag(label: str, colour: str) -> str:
    return (f'<span style="background:{colour};color:#fff;border-radius:3px;padding:0 .4em;'
            f'font-size:.85em">{html.escape(label)}</span>')


def _spans(value: Any) -> list[tuple[int, int]]:
    """``[(4, 8)]`` as it is, or ``"4-8;133-147"`` (a CSV cell) -> ``[(4, 8), (133, 147)]``;
    anything unparsable is skipped."""
    if isinstance(value, (list, tuple)):
        return [(int(s), int(e)) for s, e in value]
    out = []
    for part in str(value if isinstance(value, str) else "").split(";"):
        start, _, end = part.partition("-")
        if start.strip().isdigit() and end.strip().isdigit():
            out.append((int(start), int(end)))
    return out


def _cues(value: Any) -> list[tuple[str, str]]:
    """``"OPCC [target]; delay [criticism]"`` -> ``[("OPCC", "target"), ("delay", "criticism")]``."""
    out = []
    for part in str(value if isinstance(value, str) else "").split(";"):
        match = re.fullmatch(r"\s*(.+?)\s*\[(\w+)\]\s*", part)
        if match:
            out.append((match.group(1), match.group(2)))
    return out


def highlight(text: str, target_spans: Any, stance_evidence: Any) -> str:
    """The statement as escaped HTML, with target mentions and the stance cues that drove its label
    marked (blue: the target; green: praise; red: criticism; amber: contrast)."""
    marks: list[tuple[int, int, str]] = [(s, e, "target") for s, e in _spans(target_spans)
                                         if 0 <= s < e <= len(text)]
    for cue, kind in _cues(stance_evidence):
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
        colour = _CUE_COLOURS.get(kind, "#eeeeee")
        out.append(html.escape(text[at:start]))
        out.append(f'<mark title="{html.escape(kind)}" style="background:{colour};padding:0 .1em">'
                   f"{html.escape(text[start:end])}</mark>")
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def _flagged(value: Any) -> bool:
    return bool(value) if isinstance(value, (bool, int)) or hasattr(value, "dtype") else False


class _Displayable:
    """Shows :attr:`widget` wherever the object is the last expression of a notebook cell."""

    widget: Any

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class SegmentReviewer(_Displayable):
    """Page through statements with their theme, stance and the spans behind the stance; relabel.

    Args:
        analysis: the :class:`~evidence_lab.analysis.Analysis` to review; its ``segments`` need
            ``segment_id``, ``submission_id``, ``text``, ``primary_theme`` and ``pcc_sentiment``
            (``target_spans`` and ``stance_evidence`` are highlighted when present).
        review: a :class:`~evidence_lab.review.Review`; each relabel is stored with
            ``review.relabel`` and used by the next ``review.analyse()``. None (default) keeps
            relabels in :attr:`corrections`.
        theme: show only statements whose ``primary_theme`` is this theme id; None (default)
            shows every statement. The widget's "Theme" filter changes it.
        stance: show only statements with this stance; None (default) shows every stance.
        by: who is correcting, recorded with each correction in a review (default "officer").

    Attributes:
        corrections: one row per relabelled statement (``segment_id``, ``text``, ``theme``,
            ``pcc_sentiment``; a label left unchanged is None). Pass it to
            :func:`evidence_lab.analyse` as ``corrections=`` (to retrain the models) and/or
            ``labels=`` (to keep the officer's label for that statement).
        position: index of the statement shown, within :attr:`selection`.
        widget: the ipywidgets box, made of the controls below.
        theme_filter, stance_filter: dropdowns choosing which statements to page through.
        prev_button, next_button, position_label: paging.
        body: the statement, its labels and the spans behind its stance (HTML).
        theme_picker, stance_picker, save_button: relabelling the statement shown.
        message: what the last save did.
    """

    def __init__(self, analysis: Analysis, review: Review | None = None, theme: str | None = None,
                 *, stance: str | None = None, by: str = "officer") -> None:
        require_columns(analysis.segments, ["segment_id", "submission_id", "text", "primary_theme",
                                            "pcc_sentiment"], stage="SegmentReviewer")
        self.analysis = analysis
        self.review = review
        self.by = by
        self.corrections = pd.DataFrame(columns=CORRECTION_COLUMNS, dtype=object)
        self._segments = analysis.segments.reset_index(drop=True)
        self._organisations = dict(zip(analysis.submissions["submission_id"],
                                       analysis.submissions["organisation"], strict=True))
        book = analysis.codebook
        self.theme_choices = [(book.label_of(t), t) for t in book.theme_ids]
        self.theme_choices.append(("Other (no theme)", OTHER_THEME))
        self._theme_labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"],
                                      strict=True)) if len(analysis.themes) else {}
        self._theme_labels.update({t: label for label, t in self.theme_choices})
        self._check_filter(theme, stance)
        self.theme, self.stance = theme, stance
        self.position = 0
        self._build()
        self._select()

    # --- what is shown -------------------------------------------------------------------------

    @property
    def selection(self) -> pd.DataFrame:
        """The statements being paged through (after the theme and stance filters)."""
        return self._selection

    @property
    def current(self) -> pd.Series | None:
        """The statement shown (a row of ``analysis.segments``), None when the selection is empty."""
        if self._selection.empty:
            return None
        return self._selection.iloc[self.position]

    def labels_of(self, segment_id: str) -> tuple[str, str]:
        """(theme, stance) of a statement as it now stands: the officer's, else the model's."""
        row = self._segments.loc[self._segments["segment_id"] == segment_id]
        if row.empty:
            raise KeyError(f"no statement {segment_id!r} in this analysis; segment ids look like "
                           f"{self._segments['segment_id'].iloc[0]!r}")
        theme, stance = row.iloc[0]["primary_theme"], row.iloc[0]["pcc_sentiment"]
        done = self.corrections[self.corrections["segment_id"] == segment_id]
        if len(done):
            theme = done.iloc[0]["theme"] if pd.notna(done.iloc[0]["theme"]) else theme
            stance = (done.iloc[0]["pcc_sentiment"] if pd.notna(done.iloc[0]["pcc_sentiment"])
                      else stance)
        return str(theme), str(stance)

    def _check_filter(self, theme: str | None, stance: str | None) -> None:
        themes = set(self._segments["primary_theme"].dropna())
        if theme is not None and theme not in themes:
            raise ValueError(f"theme must be one of {', '.join(sorted(themes))} (or None for all), "
                             f"not {theme!r}")
        if stance is not None and stance not in SENTIMENT_LABELS:
            raise ValueError(f"stance must be one of {', '.join(SENTIMENT_LABELS)} (or None for all), "
                             f"not {stance!r}")

    def show(self, theme: str | None = None, stance: str | None = None) -> None:
        """Page through the statements of ``theme`` and/or ``stance`` (None: all), from the first."""
        self._check_filter(theme, stance)
        self.theme, self.stance = theme, stance
        self._syncing = True
        try:
            self.theme_filter.value = theme or _ALL
            self.stance_filter.value = stance or _ALL
        finally:
            self._syncing = False
        self._select()

    def _select(self) -> None:
        keep = pd.Series(True, index=self._segments.index)
        if self.theme is not None:
            keep &= self._segments["primary_theme"] == self.theme
        if self.stance is not None:
            keep &= self._segments["pcc_sentiment"] == self.stance
        self._selection = self._segments[keep]
        self.position = 0
        self._render()

    # --- moving --------------------------------------------------------------------------------

    def next(self) -> None:
        """Show the next statement (stays on the last one)."""
        self.go(self.position + 1)

    def prev(self) -> None:
        """Show the previous statement (stays on the first one)."""
        self.go(self.position - 1)

    def go(self, position: int) -> None:
        """Show the statement at ``position`` within :attr:`selection` (clipped to its ends)."""
        self.position = max(0, min(int(position), len(self._selection) - 1))
        self._render()

    def go_to(self, segment_id: str) -> None:
        """Show statement ``segment_id``, widening the filters to all statements if it is hidden."""
        hits = (self._selection["segment_id"] == segment_id).to_numpy().nonzero()[0]
        if not len(hits):
            if not (self._segments["segment_id"] == segment_id).any():
                raise KeyError(f"no statement {segment_id!r} in this analysis")
            self.show(None, None)
            hits = (self._selection["segment_id"] == segment_id).to_numpy().nonzero()[0]
        self.go(int(hits[0]))

    # --- relabelling ---------------------------------------------------------------------------

    def relabel(self, segment_id: str | None = None, theme: str | None = None,
                pcc_sentiment: str | None = None) -> bool:
        """Correct a statement's theme and/or stance (default: the statement shown).

        Labels equal to the statement's current ones are not recorded. With a review the
        correction is stored via ``review.relabel``; otherwise it updates :attr:`corrections`.

        Returns:
            True when something was recorded.

        Raises:
            ValueError: for a theme not in the codebook or a stance not among
                positive/negative/mixed/neutral (a review raises its ``ReviewStoreError``).
            KeyError: for a statement not in the analysis.
        """
        if segment_id is None:
            row = self.current
            if row is None:
                raise KeyError("no statement is shown; pass segment_id=...")
            segment_id = str(row["segment_id"])
        valid_themes = [t for _, t in self.theme_choices]
        if theme is not None and theme not in valid_themes:
            raise ValueError(f"theme must be one of {', '.join(valid_themes)}, not {theme!r}")
        if pcc_sentiment is not None and pcc_sentiment not in SENTIMENT_LABELS:
            raise ValueError(f"stance must be one of {', '.join(SENTIMENT_LABELS)}, "
                             f"not {pcc_sentiment!r}")
        old_theme, old_stance = self.labels_of(segment_id)
        theme = None if theme == old_theme else theme
        pcc_sentiment = None if pcc_sentiment == old_stance else pcc_sentiment
        if theme is None and pcc_sentiment is None:
            return False
        if self.review is not None:
            self.review.relabel(segment_id, theme=theme, pcc_sentiment=pcc_sentiment, by=self.by)
        text = str(self._segments.loc[self._segments["segment_id"] == segment_id, "text"].iloc[0])
        self._record(segment_id, text, theme, pcc_sentiment)
        where = ("in the review; the next review.analyse() uses it" if self.review is not None else
                 "in .corrections; pass it to evidence_lab.analyse(..., corrections=...)")
        new_theme, new_stance = self.labels_of(segment_id)
        self.message.value = html.escape(f"Saved {segment_id}: "
                                         f"{self._theme_labels.get(new_theme, new_theme)}, "
                                         f"{new_stance} ({where}).")
        self._render(keep_message=True)
        return True

    def _record(self, segment_id: str, text: str, theme: str | None, stance: str | None) -> None:
        table = self.corrections
        hit = table["segment_id"] == segment_id
        if hit.any():  # one row per statement: the latest label of each field wins
            if theme is not None:
                table.loc[hit, "theme"] = theme
            if stance is not None:
                table.loc[hit, "pcc_sentiment"] = stance
        else:
            row = pd.DataFrame([[segment_id, text, theme, stance]], columns=CORRECTION_COLUMNS,
                               dtype=object)
            self.corrections = row if table.empty else pd.concat([table, row], ignore_index=True)

    # --- the widget ----------------------------------------------------------------------------

    def _build(self) -> None:
        w = _ipywidgets()
        self._syncing = False
        themes = [("All themes", _ALL)] + [
            (self._theme_labels.get(t, t), t) for t in self._segments["primary_theme"].dropna()
            .drop_duplicates().sort_values()]
        self.theme_filter = w.Dropdown(options=themes, value=self.theme or _ALL,
                                        description="Theme", layout=w.Layout(width="auto"))
        self.stance_filter = w.Dropdown(options=[("All stances", _ALL)] + [(s, s) for s in
                                                                            SENTIMENT_LABELS],
                                         value=self.stance or _ALL, description="Stance",
                                         layout=w.Layout(width="auto"))
        self.prev_button = w.Button(description="Prev", icon="arrow-left", tooltip="Previous statement",
                              layout=w.Layout(width="6em"))
        self.next_button = w.Button(description="Next", icon="arrow-right", tooltip="Next statement",
                              layout=w.Layout(width="6em"))
        self.position_label = w.HTML()
        self.body = w.HTML()
        self.theme_picker = w.Dropdown(options=self.theme_choices, description="Theme",
                                     layout=w.Layout(width="auto"))
        self.stance_picker = w.Dropdown(options=list(SENTIMENT_LABELS), description="Stance",
                                      layout=w.Layout(width="auto"))
        self.save_button = w.Button(description="Save correction", button_style="primary", icon="check",
                              tooltip="Record the theme and stance chosen above for this statement")
        self.message = w.HTML()
        self.prev_button.on_click(lambda _: self.prev())
        self.next_button.on_click(lambda _: self.next())
        self.save_button.on_click(self._on_save)
        self.theme_filter.observe(self._on_filter, names="value")
        self.stance_filter.observe(self._on_filter, names="value")
        self.widget = w.VBox([
            w.HBox([self.theme_filter, self.stance_filter], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.prev_button, self.next_button, self.position_label],
                   layout=w.Layout(align_items="center", flex_flow="row wrap")),
            self.body,
            w.HBox([self.theme_picker, self.stance_picker, self.save_button],
                   layout=w.Layout(flex_flow="row wrap", align_items="center")),
            self.message,
        ])

    def _on_filter(self, change: dict) -> None:
        if self._syncing:
            return
        theme = self.theme_filter.value
        stance = self.stance_filter.value
        self.theme = None if theme == _ALL else theme
        self.stance = None if stance == _ALL else stance
        self._select()

    def _on_save(self, _button: Any = None) -> None:
        row = self.current
        if row is None:
            return
        try:
            changed = self.relabel(str(row["segment_id"]), theme=self.theme_picker.value,
                                   pcc_sentiment=self.stance_picker.value)
        except (ValueError, KeyError) as exc:  # ReviewStoreError is a ValueError
            self.message.value = f'<span style="color:#c0281f">Not saved: {html.escape(str(exc))}</span>'
            return
        if not changed:
            self.message.value = "Nothing to save: these are the statement's labels already."

    def _render(self, *, keep_message: bool = False) -> None:
        if not hasattr(self, "widget"):
            return
        if not keep_message:
            self.message.value = ""
        n = len(self._selection)
        self.prev_button.disabled = self.position <= 0
        self.next_button.disabled = self.position >= n - 1
        self.save_button.disabled = n == 0
        if n == 0:
            self.position_label.value = "No statements match these filters."
            self.body.value = ""
            return
        row = self.current
        assert row is not None
        segment_id = str(row["segment_id"])
        theme, stance = self.labels_of(segment_id)
        corrected = (self.corrections["segment_id"] == segment_id).any()
        self.position_label.value = f"&nbsp;Statement <b>{self.position + 1}</b> of {n}"
        page = row.get("page")
        place = html.escape(segment_id) + ("" if page is None or pd.isna(page) else f", p.{int(page)}")
        text = highlight(str(row["text"]), row.get("target_spans"), row.get("stance_evidence"))
        evidence = row.get("stance_evidence")
        why = (html.escape(str(evidence)) if isinstance(evidence, str) and evidence.strip()
               else "no cue words; the label comes from the statement as a whole")
        note = ""
        earlier = row.get("corrected_by")  # a review's analysis marks statements corrected before
        if isinstance(earlier, str) and earlier.strip():
            note = f" &nbsp;<i>(label set by {html.escape(earlier)})</i>"
        if corrected:
            note = (f' &nbsp;<i>(corrected; the model said {html.escape(str(row["primary_theme"]))}, '
                    f'{html.escape(str(row["pcc_sentiment"]))})</i>')
        self.body.value = (
            '<div style="border-left:4px solid '
            f'{_STANCE_COLOURS.get(stance, "#999")};padding:.4em .8em;margin:.4em 0;max-width:60em">'
            f'<div style="color:#555;font-size:.9em">'
            f'<b>{html.escape(str(self._organisations.get(row["submission_id"], "")))}</b> '
            f'[{place}]</div>'
            f'<div style="font-size:1.05em;line-height:1.5;margin:.3em 0">{text}</div>'
            f'<div>Theme: <b>{html.escape(self._theme_labels.get(theme, theme))}</b> &nbsp;'
            f'Stance toward the {html.escape(self.analysis.codebook.target.name)}: '
            f'{_tag(stance, _STANCE_COLOURS.get(stance, "#666"))}{note}</div>'
            f'<div style="color:#555;font-size:.9em">What drove the stance: {why}</div></div>')
        self._syncing = True
        try:
            if theme in [t for _, t in self.theme_choices]:
                self.theme_picker.value = theme
            self.stance_picker.value = stance if stance in SENTIMENT_LABELS else "neutral"
        finally:
            self._syncing = False

    def __repr__(self) -> str:
        return (f"SegmentReviewer({len(self._selection)} statements shown, "
                f"{len(self.corrections)} corrected)")


class FindingsReviewer(_Displayable):
    """List draft findings and recommendations with Accept, Edit and Reject buttons.

    Args:
        analysis: the :class:`~evidence_lab.analysis.Analysis` whose ``findings`` to review.
        review: a :class:`~evidence_lab.review.Review`; decisions are stored with
            ``review.accept`` / ``edit`` / ``reject`` and kept from run to run. None (default)
            keeps them in :attr:`findings`.
        kind: ``"finding"`` or ``"recommendation"`` to list only one kind; None (default) lists both.

    Attributes:
        findings: the findings with ``status`` (draft/accepted/edited/rejected) and ``edited_text``
            as decided so far; an edited finding's ``text`` is the officer's.
        widget: the ipywidgets box.
        summary: how many findings have each status (HTML).
        controls: per ``finding_id`` its widgets: ``html`` (the finding), ``accept``, ``edit``,
            ``reject`` buttons, ``text`` (the editor, shown by Edit), ``save`` and ``cancel``
            buttons and ``message``.
    """

    def __init__(self, analysis: Analysis, review: Review | None = None, *,
                 kind: str | None = None) -> None:
        require_columns(analysis.findings, ["finding_id", "kind", "text"], stage="FindingsReviewer")
        if kind is not None and kind not in ("finding", "recommendation"):
            raise ValueError(f"kind must be 'finding', 'recommendation' or None, not {kind!r}")
        self.analysis = analysis
        self.review = review
        table = analysis.findings.copy()
        if kind is not None:
            table = table[table["kind"] == kind]
        table = table.reset_index(drop=True)
        if "status" not in table.columns:
            table["status"] = "draft"
        table["status"] = table["status"].fillna("draft")
        if "edited_text" not in table.columns:
            table["edited_text"] = None
        table["edited_text"] = table["edited_text"].astype(object)
        table["drafted_text"] = table["text"]
        if review is not None:
            self._from_review(table)
        self.findings = table
        self.controls: dict[str, dict[str, Any]] = {}
        self._build()

    def _from_review(self, table: pd.DataFrame) -> None:
        """Show the decisions the review store holds (an analysis may predate them)."""
        stored = self.review.findings().set_index("finding_id") if self.review is not None else None
        if stored is None or stored.empty:
            return
        for i, finding_id in enumerate(table["finding_id"]):
            if finding_id in stored.index:
                row = stored.loc[finding_id]
                table.loc[i, "status"] = row["status"]
                edited = row["edited_text"]
                table.at[i, "edited_text"] = edited if isinstance(edited, str) else None
                table.loc[i, "drafted_text"] = row["text"]
                if isinstance(edited, str):
                    table.loc[i, "text"] = edited

    def _index(self, finding_id: str) -> int:
        hits = (self.findings["finding_id"] == finding_id).to_numpy().nonzero()[0]
        if not len(hits):
            raise KeyError(f"no finding {finding_id!r} listed; ids look like "
                           f"{self.findings['finding_id'].iloc[0] if len(self.findings) else 'F-...'}")
        return int(hits[0])

    # --- decisions -----------------------------------------------------------------------------

    def accept(self, finding_id: str) -> None:
        """Sign off a finding as it now reads (an edited finding keeps its edit: status stays
        ``edited``)."""
        i = self._index(finding_id)
        if self.review is not None:
            self.review.accept(finding_id)
        edited = self.findings.at[i, "edited_text"]
        self.findings.loc[i, "status"] = "edited" if isinstance(edited, str) else "accepted"
        self._clear_flag(i)
        self._refresh(finding_id, f"Accepted {finding_id}.")

    def edit(self, finding_id: str, text: str) -> None:
        """Replace a finding's text with the officer's (status ``edited``).

        Raises:
            ValueError: when ``text`` is empty (reject the finding instead).
        """
        i = self._index(finding_id)
        text = str(text).strip()
        if not text:
            raise ValueError(f"the new text of {finding_id} is empty; to drop a finding reject it "
                             "instead")
        if self.review is not None:
            self.review.edit(finding_id, text)
        self.findings.loc[i, "status"] = "edited"
        self.findings.at[i, "edited_text"] = text
        self.findings.loc[i, "text"] = text
        self._clear_flag(i)
        self._refresh(finding_id, f"Saved the edit of {finding_id}.")

    def reject(self, finding_id: str) -> None:
        """Leave a finding out of the draft (status ``rejected``; Accept brings it back)."""
        i = self._index(finding_id)
        if self.review is not None:
            self.review.reject(finding_id)
        self.findings.loc[i, "status"] = "rejected"
        self._refresh(finding_id, f"Rejected {finding_id}.")

    def _clear_flag(self, i: int) -> None:
        if "needs_review" in self.findings.columns:
            self.findings.loc[i, "needs_review"] = False

    def status_counts(self) -> dict[str, int]:
        """How many listed findings have each status."""
        counts = self.findings["status"].value_counts()
        return {s: int(counts.get(s, 0)) for s in FINDING_STATUSES}

    # --- the widget ----------------------------------------------------------------------------

    def _build(self) -> None:
        w = _ipywidgets()
        self.summary = w.HTML()
        boxes = []
        for _, row in self.findings.iterrows():
            finding_id = str(row["finding_id"])
            parts = {
                "html": w.HTML(layout=w.Layout(width="100%")),
                "accept": w.Button(description="Accept", icon="check", button_style="success",
                                   layout=w.Layout(width="7em")),
                "edit": w.Button(description="Edit", icon="pencil", layout=w.Layout(width="7em")),
                "reject": w.Button(description="Reject", icon="times", button_style="danger",
                                   layout=w.Layout(width="7em")),
                "text": w.Textarea(layout=w.Layout(width="100%", height="7em", display="none")),
                "save": w.Button(description="Save edit", button_style="primary",
                                 layout=w.Layout(width="8em", display="none")),
                "cancel": w.Button(description="Cancel", layout=w.Layout(width="7em", display="none")),
                "message": w.HTML(),
            }
            parts["accept"].on_click(lambda _, f=finding_id: self._safely(self.accept, f))
            parts["reject"].on_click(lambda _, f=finding_id: self._safely(self.reject, f))
            parts["edit"].on_click(lambda _, f=finding_id: self._open_editor(f))
            parts["save"].on_click(lambda _, f=finding_id: self._save_edit(f))
            parts["cancel"].on_click(lambda _, f=finding_id: self._close_editor(f))
            self.controls[finding_id] = parts
            boxes.append(w.VBox([
                parts["html"],
                w.HBox([parts["accept"], parts["edit"], parts["reject"]],
                       layout=w.Layout(flex_flow="row wrap")),
                parts["text"],
                w.HBox([parts["save"], parts["cancel"]]),
                parts["message"],
            ], layout=w.Layout(border="1px solid #ddd", padding="4px 8px", margin="4px 0")))
            self._render_row(finding_id)
        self._update_summary()
        self.widget = w.VBox([self.summary, *boxes])

    def _safely(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except (ValueError, KeyError) as exc:  # ReviewStoreError is a ValueError
            self.controls[args[0]]["message"].value = (f'<span style="color:#c0281f">'
                                                    f"{html.escape(str(exc))}</span>")

    def _open_editor(self, finding_id: str) -> None:
        parts = self.controls[finding_id]
        parts["text"].value = str(self.findings.loc[self._index(finding_id), "text"])
        for name in ("text", "save", "cancel"):
            parts[name].layout.display = None
        parts["message"].value = "Edit the wording, then Save edit."

    def _close_editor(self, finding_id: str) -> None:
        parts = self.controls[finding_id]
        for name in ("text", "save", "cancel"):
            parts[name].layout.display = "none"
        parts["message"].value = ""

    def _save_edit(self, finding_id: str) -> None:
        parts = self.controls[finding_id]
        try:
            self.edit(finding_id, parts["text"].value)
        except (ValueError, KeyError) as exc:
            parts["message"].value = f'<span style="color:#c0281f">{html.escape(str(exc))}</span>'
            return
        for name in ("text", "save", "cancel"):
            parts[name].layout.display = "none"

    def _refresh(self, finding_id: str, message: str) -> None:
        if finding_id in self.controls:
            self._render_row(finding_id)
            self.controls[finding_id]["message"].value = html.escape(message)
            self._update_summary()

    def _render_row(self, finding_id: str) -> None:
        row = self.findings.loc[self._index(finding_id)]
        status = str(row["status"])
        theme = row.get("theme_label", row.get("theme", ""))
        ids = row.get("segment_ids", "")
        cites = ", ".join(ids) if isinstance(ids, list) else str(ids or "").replace(";", ", ")
        flag = ""
        flagged = _flagged(row.get("needs_review"))
        if flagged:
            flag = " " + _tag("needs review: its evidence changed", "#b06000")
        style = "opacity:.55;text-decoration:line-through" if status == "rejected" else ""
        drafted = ""
        if status == "edited" and row.get("drafted_text") != row["text"]:
            drafted = (f'<div style="color:#666;font-size:.85em">Drafted as: '
                       f'{html.escape(str(row.get("drafted_text", "")))}</div>')
        self.controls[finding_id]["html"].value = (
            f'<div style="line-height:1.45"><code>{html.escape(finding_id)}</code> '
            f'{html.escape(str(row["kind"]))} &middot; {html.escape(str(theme))} &middot; '
            f'{_tag(status, _STATUS_COLOURS.get(status, "#666"))}{flag}'
            f'<div style="{style};margin:.2em 0">{html.escape(str(row["text"]))}</div>{drafted}'
            f'<div style="color:#666;font-size:.8em;word-break:break-all">[{html.escape(cites)}]'
            f"</div></div>")
        self.controls[finding_id]["accept"].disabled = status in ("accepted", "edited") and not flagged
        self.controls[finding_id]["reject"].disabled = status == "rejected"

    def _update_summary(self) -> None:
        counts = self.status_counts()
        self.summary.value = (f"<b>{len(self.findings)}</b> listed: " + ", ".join(
            f"{n} {s}" for s, n in counts.items()) +
            (". Decisions are stored in the review." if self.review is not None else
             ". Decisions are kept in <code>.findings</code> (status column)."))

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in self.status_counts().items())
        return f"FindingsReviewer({len(self.findings)} listed: {counts})"


__all__ = ["CORRECTION_COLUMNS", "FindingsReviewer", "SegmentReviewer", "highlight"]
