"""SegmentReviewer: page through statements with the spans behind their labels, and relabel them."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..codebook import OTHER_THEME
from ..schema import SENTIMENT_LABELS, require_columns
from ._base import Displayable, ipywidgets
from ._html import STANCE_COLOURS, error, highlight, in_paragraph, tag

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..review import Review

#: Columns of :attr:`SegmentReviewer.corrections`; usable as ``corrections=`` and ``labels=`` of
#: :func:`evidence_lab.analyse`.
CORRECTION_COLUMNS = ["segment_id", "text", "theme", "pcc_sentiment"]
ALL = "__all__"


class SegmentReviewer(Displayable):
    """Page through statements with their theme, stance and the spans behind the stance; relabel.

    Args:
        analysis: the :class:`~evidence_lab.analysis.Analysis` to review; its ``segments`` need
            ``segment_id``, ``submission_id``, ``text``, ``primary_theme`` and ``pcc_sentiment``
            (``target_spans`` and ``stance_evidence`` are highlighted when present; with
            ``paragraph``, ``start_char`` and ``end_char`` the statement is also shown in its
            paragraph). ``target_spans`` may be a list or a ";"-joined string.
        review: a :class:`~evidence_lab.review.Review`; each relabel is stored with
            ``review.relabel`` and used by the next ``review.analyse()``. None (default) keeps
            relabels in :attr:`corrections`.
        theme: show only statements whose ``primary_theme`` is this theme id; None (default)
            shows every statement. The widget's "Theme" filter changes it.
        stance: show only statements with this stance; None (default) shows every stance.
        organisation: show only statements from this organisation; None (default) shows all.
        by: who is correcting, recorded with each correction in a review (default "officer").

    Attributes:
        corrections: one row per relabelled statement (``segment_id``, ``text``, ``theme``,
            ``pcc_sentiment``; a label left unchanged is None). Pass it to
            :func:`evidence_lab.analyse` as ``corrections=`` (to retrain the models) and/or
            ``labels=`` (to keep the officer's label for that statement).
        position: index of the statement shown, within :attr:`selection`.
        widget: the ipywidgets box, made of the controls below. Each control carries a CSS class
            ``el-<name>`` (e.g. ``el-save``) so that a page or a browser test can find it.
        theme_filter, stance_filter, organisation_filter: dropdowns choosing which statements to
            page through.
        prev_button, next_button, position_label: paging.
        body: the statement, its labels and the spans behind its stance (HTML).
        context: the statement inside its paragraph, underlined (HTML; empty when the segments
            lack paragraph offsets).
        theme_picker, stance_picker, save_button: relabelling the statement shown.
        queue_button: "Code these next": page through the statements whose coding would teach
            the review's models most (see :meth:`code_next`).
        message: what the last save did.
    """

    def __init__(self, analysis: Analysis, review: Review | None = None, theme: str | None = None,
                 *, stance: str | None = None, organisation: str | None = None,
                 by: str = "officer") -> None:
        require_columns(analysis.segments, ["segment_id", "submission_id", "text", "primary_theme",
                                            "pcc_sentiment"], stage="SegmentReviewer")
        self.analysis = analysis
        self.review = review
        self.by = by
        self.corrections = pd.DataFrame(columns=CORRECTION_COLUMNS, dtype=object)
        self._segments = analysis.segments.reset_index(drop=True)
        subs = analysis.submissions
        self._organisations = dict(zip(subs["submission_id"], subs["organisation"], strict=True))
        self._texts = (dict(zip(subs["submission_id"], subs["text"], strict=True))
                       if "text" in subs.columns else {})
        self._segments["_organisation"] = self._segments["submission_id"].map(
            self._organisations).fillna("").astype(str)
        book = analysis.codebook
        self.theme_choices = [(book.label_of(t), t) for t in book.theme_ids]
        self.theme_choices.append(("Other (no theme)", OTHER_THEME))
        self._theme_labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"],
                                      strict=True)) if len(analysis.themes) else {}
        self._theme_labels.update({t: label for label, t in self.theme_choices})
        self._check_filter(theme, stance, organisation)
        self.theme, self.stance, self.organisation = theme, stance, organisation
        self.queue: list[str] | None = None
        self.position = 0
        self._build()
        self._select()

    # --- what is shown -------------------------------------------------------------------------

    @property
    def selection(self) -> pd.DataFrame:
        """The statements being paged through (after the theme, stance and organisation filters)."""
        return self._selection

    @property
    def current(self) -> pd.Series | None:
        """The statement shown (a row of ``analysis.segments``); None when nothing is selected."""
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

    def _check_filter(self, theme: str | None, stance: str | None,
                      organisation: str | None) -> None:
        themes = set(self._segments["primary_theme"].dropna())
        if theme is not None and theme not in themes:
            raise ValueError(f"theme must be one of {', '.join(sorted(themes))} (or None for all), "
                             f"not {theme!r}")
        if stance is not None and stance not in SENTIMENT_LABELS:
            raise ValueError(f"stance must be one of {', '.join(SENTIMENT_LABELS)} (or None for "
                             f"all), not {stance!r}")
        if organisation is not None and organisation not in set(self._segments["_organisation"]):
            raise ValueError(f"no statements from organisation {organisation!r}; the organisations "
                             f"are listed in analysis.submissions['organisation']")

    def show(self, theme: str | None = None, stance: str | None = None,
             organisation: str | None = None) -> None:
        """Page through the statements of ``theme``, ``stance`` and ``organisation`` (None: any),
        from the first."""
        self._check_filter(theme, stance, organisation)
        self.theme, self.stance, self.organisation = theme, stance, organisation
        self.queue = None
        self._syncing = True
        try:
            self.theme_filter.value = theme or ALL
            self.stance_filter.value = stance or ALL
            self.organisation_filter.value = organisation or ALL
        finally:
            self._syncing = False
        self._select()

    def code_next(self, n: int = 30) -> list[str]:
        """Page through the ``n`` statements to code next, in the order to code them.

        The same choice as ``evidence-lab suggest``: uncertain, representative and diverse
        statements not corrected yet (see :func:`evidence_lab.adapt.suggestion_order`). A filter
        chosen afterwards ends the queue. Returns their ``segment_id``s.
        """
        from ..adapt import suggestion_order_of

        segs = self._segments
        done = set(self.corrections["segment_id"])
        if "corrected_by" in segs.columns:
            done |= set(segs.loc[segs["corrected_by"].fillna("").astype(str) != "", "segment_id"])
        open_ = segs[~segs["segment_id"].isin(done)]
        embeddings = self.analysis.embeddings
        if embeddings is None or open_.empty:
            self.queue = []
        else:
            order = suggestion_order_of(open_, embeddings, n)
            self.queue = open_["segment_id"].iloc[order].tolist()
        self.theme = self.stance = self.organisation = None
        self._syncing = True
        try:
            for dropdown in (self.theme_filter, self.stance_filter, self.organisation_filter):
                dropdown.value = ALL
        finally:
            self._syncing = False
        self._select()
        return list(self.queue)

    def _select(self) -> None:
        if self.queue is not None:
            by_id = self._segments.set_index("segment_id", drop=False)
            self._selection = by_id.loc[self.queue].drop(columns="_organisation").reset_index(
                drop=True)
            self.position = 0
            self._render()
            return
        keep = pd.Series(True, index=self._segments.index)
        if self.theme is not None:
            keep &= self._segments["primary_theme"] == self.theme
        if self.stance is not None:
            keep &= self._segments["pcc_sentiment"] == self.stance
        if self.organisation is not None:
            keep &= self._segments["_organisation"] == self.organisation
        self._selection = self._segments[keep].drop(columns="_organisation")
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
            self.show(None, None, None)
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
        w = ipywidgets()
        self._syncing = False
        wide = {"description_width": "initial"}
        themes = [("All themes", ALL)] + [
            (self._theme_labels.get(t, t), t) for t in self._segments["primary_theme"].dropna()
            .drop_duplicates().sort_values()]
        organisations = [("All organisations", ALL)] + [
            (o, o) for o in sorted(set(self._segments["_organisation"]) - {""})]
        self.theme_filter = w.Dropdown(options=themes, value=self.theme or ALL,
                                       description="Theme", style=wide,
                                       layout=w.Layout(width="auto", max_width="100%"))
        self.stance_filter = w.Dropdown(options=[("All stances", ALL)] + [(s, s) for s in
                                                                          SENTIMENT_LABELS],
                                        value=self.stance or ALL, description="Stance", style=wide,
                                        layout=w.Layout(width="auto", max_width="100%"))
        self.organisation_filter = w.Dropdown(options=organisations, value=self.organisation or ALL,
                                              description="From", style=wide,
                                              layout=w.Layout(width="auto", max_width="100%"))
        self.prev_button = w.Button(description="Prev", icon="arrow-left",
                                    tooltip="Previous statement", layout=w.Layout(width="6em"))
        self.next_button = w.Button(description="Next", icon="arrow-right",
                                    tooltip="Next statement", layout=w.Layout(width="6em"))
        self.position_label = w.HTML()
        self.body = w.HTML(layout=w.Layout(max_width="100%"))
        self.context = w.HTML(layout=w.Layout(max_width="100%"))
        self.theme_picker = w.Dropdown(options=self.theme_choices, description="Theme", style=wide,
                                       layout=w.Layout(width="auto", max_width="100%"))
        self.stance_picker = w.Dropdown(options=list(SENTIMENT_LABELS), description="Stance",
                                        style=wide, layout=w.Layout(width="auto", max_width="100%"))
        self.save_button = w.Button(description="Save correction", button_style="primary",
                                    icon="check", layout=w.Layout(width="auto"),
                                    tooltip="Record the theme and stance chosen here for this "
                                    "statement")
        self.queue_button = w.Button(description="Code these next", icon="list",
                                     layout=w.Layout(width="auto"),
                                     tooltip="Page through the statements whose coding would "
                                     "teach the models most")
        self.queue_button.on_click(lambda _: self.code_next())
        self.message = w.HTML()
        self.prev_button.on_click(lambda _: self.prev())
        self.next_button.on_click(lambda _: self.next())
        self.save_button.on_click(self._on_save)
        for dropdown in (self.theme_filter, self.stance_filter, self.organisation_filter):
            dropdown.observe(self._on_filter, names="value")
        for name in ("theme_filter", "stance_filter", "organisation_filter", "queue_button",
                     "prev_button", "next_button", "position_label", "body", "context", "theme_picker",
                     "stance_picker", "save_button", "message"):
            getattr(self, name).add_class("el-" + name.replace("_", "-"))
        row = {"flex_flow": "row wrap", "align_items": "center", "max_width": "100%"}
        self.widget = w.VBox([
            w.HBox([self.theme_filter, self.stance_filter, self.organisation_filter,
                    self.queue_button], layout=w.Layout(**row)),
            w.HBox([self.prev_button, self.next_button, self.position_label],
                   layout=w.Layout(**row)),
            self.body,
            self.context,
            w.HBox([self.theme_picker, self.stance_picker, self.save_button],
                   layout=w.Layout(**row)),
            self.message,
        ], layout=w.Layout(max_width="100%"))
        self.widget.add_class("el-segment-reviewer")

    def _on_filter(self, change: dict) -> None:
        if self._syncing:
            return
        filters = (self.theme_filter, self.stance_filter, self.organisation_filter)
        chosen = [d.value for d in filters]
        self.theme, self.stance, self.organisation = (None if v == ALL else v for v in chosen)
        self.queue = None
        self._select()

    def _on_save(self, _button: Any = None) -> None:
        row = self.current
        if row is None:
            return
        try:
            changed = self.relabel(str(row["segment_id"]), theme=self.theme_picker.value,
                                   pcc_sentiment=self.stance_picker.value)
        except (ValueError, KeyError) as exc:  # ReviewStoreError is a ValueError
            self.message.value = error(f"Not saved: {exc}")
            return
        if not changed:
            self.message.value = "Nothing to save: these are the statement's labels already."

    def _paragraph(self, row: pd.Series) -> str:
        """The statement in its paragraph (HTML), or "" when the paragraph is the statement."""
        if not {"paragraph", "start_char", "end_char"} <= set(row.index):
            return ""
        if pd.isna(row["paragraph"]) or row["submission_id"] not in self._texts:
            return ""
        same = self._segments[(self._segments["submission_id"] == row["submission_id"])
                              & (self._segments["paragraph"] == row["paragraph"])]
        if len(same) < 2:
            return ""
        start, end = int(same["start_char"].min()), int(same["end_char"].max())
        paragraph = str(self._texts[row["submission_id"]])[start:end]
        own_start, own_end = int(row["start_char"]) - start, int(row["end_char"]) - start
        if paragraph[own_start:own_end] != row["text"]:  # offsets that do not index the text
            return ""
        statement = highlight(str(row["text"]), row.get("target_spans"), row.get("stance_evidence"))
        return ('<details open style="color:#333;font-size:.95em;line-height:1.5;'
                'margin:.2em 0 .4em">'
                '<summary style="cursor:pointer;color:#555">In its paragraph '
                f"({len(same)} statements)</summary>"
                f"<div>{in_paragraph(paragraph, own_start, own_end, statement)}</div></details>")

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
            self.context.value = ""
            return
        row = self.current
        assert row is not None
        segment_id = str(row["segment_id"])
        theme, stance = self.labels_of(segment_id)
        corrected = (self.corrections["segment_id"] == segment_id).any()
        self.position_label.value = f"&nbsp;Statement <b>{self.position + 1}</b> of {n}"
        page = row.get("page")
        place = (f'<span class="el-segment-id">{html.escape(segment_id)}</span>'
                 + ("" if page is None or pd.isna(page) else f", p.{int(page)}"))
        text = highlight(str(row["text"]), row.get("target_spans"), row.get("stance_evidence"))
        evidence = row.get("stance_evidence")
        why = (html.escape(str(evidence)) if isinstance(evidence, str) and evidence.strip()
               else "no cue words; the label comes from the statement as a whole")
        note = ""
        earlier = row.get("corrected_by")  # a review's analysis marks statements corrected before
        if isinstance(earlier, str) and earlier.strip():
            note = f" &nbsp;<i>(label set by {html.escape(earlier)})</i>"
        if corrected:
            model_theme = str(row["primary_theme"])
            note = (" &nbsp;<i>(corrected; the model said "
                    f"{html.escape(self._theme_labels.get(model_theme, model_theme))}, "
                    f'{html.escape(str(row["pcc_sentiment"]))})</i>')
        self.body.value = (
            '<div style="border-left:4px solid '
            f'{STANCE_COLOURS.get(stance, "#999")};padding:.4em .8em;margin:.4em 0;max-width:60em;'
            'overflow-wrap:anywhere">'
            f'<div style="color:#555;font-size:.9em">'
            f'<b>{html.escape(str(self._organisations.get(row["submission_id"], "")))}</b> '
            f"[{place}]</div>"
            f'<div class="el-statement" style="font-size:1.05em;line-height:1.5;margin:.3em 0">'
            f"{text}</div>"
            '<div>Theme: <b class="el-theme-label">'
            f"{html.escape(self._theme_labels.get(theme, theme))}</b> &nbsp;Stance toward the "
            f"{html.escape(self.analysis.codebook.target.name)}: "
            f'<span class="el-stance-label">{tag(stance, STANCE_COLOURS.get(stance, "#595959"))}'
            f"</span>{note}</div>"
            f'<div style="color:#555;font-size:.9em">What drove the stance: {why}</div></div>')
        self.context.value = self._paragraph(row)
        self._syncing = True
        try:
            if theme in [t for _, t in self.theme_choices]:
                self.theme_picker.value = theme
            self.stance_picker.value = stance if stance in SENTIMENT_LABELS else "neutral"
        finally:
            self._syncing = False

    def snapshot(self) -> str:
        """The position, the statement shown and its paragraph, as static HTML."""
        return (f"<div>{self.position_label.value}</div>{self.body.value}{self.context.value}"
                f"<div>{self.message.value}</div>")

    def __repr__(self) -> str:
        return (f"SegmentReviewer({len(self._selection)} statements shown, "
                f"{len(self.corrections)} corrected)")
