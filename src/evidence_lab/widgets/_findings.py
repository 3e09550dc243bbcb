"""FindingsReviewer: sign off the draft findings and recommendations (accept, edit, reject)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..schema import require_columns
from ._base import Displayable, ipywidgets
from ._html import STATUS_COLOURS, error, flagged, id_list, tag

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..review import Review

FINDING_STATUSES = ("draft", "accepted", "edited", "rejected")


class FindingsReviewer(Displayable):
    """List draft findings and recommendations with Accept, Edit and Reject buttons.

    Args:
        analysis: the :class:`~evidence_lab.analysis.Analysis` whose ``findings`` to review.
        review: a :class:`~evidence_lab.review.Review`; decisions are stored with
            ``review.accept`` / ``edit`` / ``reject`` and kept from run to run. None (default)
            keeps them in :attr:`findings`.
        kind: ``"finding"`` or ``"recommendation"`` to list only one kind; None (default) lists
            both.

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
            example = self.findings["finding_id"].iloc[0] if len(self.findings) else "F-..."
            raise KeyError(f"no finding {finding_id!r} listed; ids look like {example}")
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
        w = ipywidgets()
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
                "cancel": w.Button(description="Cancel",
                                   layout=w.Layout(width="7em", display="none")),
                "message": w.HTML(),
            }
            parts["accept"].on_click(lambda _, f=finding_id: self._safely(self.accept, f))
            parts["reject"].on_click(lambda _, f=finding_id: self._safely(self.reject, f))
            parts["edit"].on_click(lambda _, f=finding_id: self._open_editor(f))
            parts["save"].on_click(lambda _, f=finding_id: self._save_edit(f))
            parts["cancel"].on_click(lambda _, f=finding_id: self._close_editor(f))
            for name, part in parts.items():
                part.add_class(f"el-{name}")
            parts["accept"].tooltip = f"Accept {finding_id} as it reads"
            parts["edit"].tooltip = f"Edit the wording of {finding_id}"
            parts["reject"].tooltip = f"Leave {finding_id} out of the draft"
            parts["text"].placeholder = f"The wording of {finding_id}"
            self.controls[finding_id] = parts
            box = w.VBox([
                parts["html"],
                w.HBox([parts["accept"], parts["edit"], parts["reject"]],
                       layout=w.Layout(flex_flow="row wrap")),
                parts["text"],
                w.HBox([parts["save"], parts["cancel"]]),
                parts["message"],
            ], layout=w.Layout(border="1px solid #ddd", padding="4px 8px", margin="4px 0",
                               max_width="100%"))
            box.add_class("el-finding")
            box.add_class(f"el-finding-{finding_id}")
            boxes.append(box)
            self._render_row(finding_id)
        self._update_summary()
        self.summary.add_class("el-findings-summary")
        self.widget = w.VBox([self.summary, *boxes], layout=w.Layout(max_width="100%"))
        self.widget.add_class("el-findings-reviewer")

    def _safely(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except (ValueError, KeyError) as exc:  # ReviewStoreError is a ValueError
            self.controls[args[0]]["message"].value = error(str(exc))

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
            parts["message"].value = error(str(exc))
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
        cites = ", ".join(id_list(row.get("segment_ids")))
        flag = ""
        needs = flagged(row.get("needs_review"))
        if needs:
            flag = " " + tag("needs review: its evidence changed", "#b06000")
        style = "opacity:.55;text-decoration:line-through" if status == "rejected" else ""
        drafted = ""
        if status == "edited" and row.get("drafted_text") != row["text"]:
            drafted = (f'<div style="color:#666;font-size:.85em">Drafted as: '
                       f'{html.escape(str(row.get("drafted_text", "")))}</div>')
        self.controls[finding_id]["html"].value = (
            f'<div style="line-height:1.45"><code>{html.escape(finding_id)}</code> '
            f'{html.escape(str(row["kind"]))} &middot; {html.escape(str(theme))} &middot; '
            f'<span class="el-status">{tag(status, STATUS_COLOURS.get(status, "#595959"))}</span>'
            f"{flag}"
            f'<div style="{style};margin:.2em 0">{html.escape(str(row["text"]))}</div>{drafted}'
            f'<div style="color:#666;font-size:.8em;word-break:break-all">[{html.escape(cites)}]'
            f"</div></div>")
        signed_off = status in ("accepted", "edited")
        self.controls[finding_id]["accept"].disabled = signed_off and not needs
        self.controls[finding_id]["reject"].disabled = status == "rejected"

    def _update_summary(self) -> None:
        counts = self.status_counts()
        self.summary.value = (f"<b>{len(self.findings)}</b> listed: " + ", ".join(
            f"{n} {s}" for s, n in counts.items()) +
            (". Decisions are stored in the review." if self.review is not None else
             ". Decisions are kept in <code>.findings</code> (status column)."))

    def snapshot(self, limit: int = 5) -> str:
        """The status counts and the first ``limit`` findings as listed, as static HTML."""
        rows = [self.controls[f]["html"].value for f in list(self.controls)[:limit]]
        more = len(self.controls) - len(rows)
        return (f"<div>{self.summary.value}</div>" + "".join(
            f'<div style="border:1px solid #ddd;padding:4px 8px;margin:4px 0">{row}</div>'
            for row in rows) + (f"<div>… and {more} more.</div>" if more > 0 else ""))

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {s}" for s, n in self.status_counts().items())
        return f"FindingsReviewer({len(self.findings)} listed: {counts})"
