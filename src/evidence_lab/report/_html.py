"""report.html: one self-contained page (inline styles and images, no network), all text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import jinja2
import pandas as pd
from markupsafe import Markup, escape

from .._version import __version__
from ._plots import PLOTS, to_data_uri
from ._text import answered, findings_by_theme, letter, letter_date, opening, summary

if TYPE_CHECKING:
    from ..analysis import Analysis


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("evidence_lab.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["link_ids"] = link_ids
    return env


def _evidence_of(analysis: Analysis) -> Callable[[list[str] | str], list[dict]]:
    """A function giving each cited statement with the paragraph of its submission it sits in
    (for context); the tables are indexed once, for every finding of the report."""
    segments = analysis.segments.set_index("segment_id")
    orgs = analysis.submissions.set_index("submission_id")["organisation"]
    paragraphs = analysis.segments.groupby(["submission_id", "paragraph"], sort=False)

    def evidence(segment_ids: list[str] | str) -> list[dict]:
        rows = []
        ids = segment_ids.split(";") if isinstance(segment_ids, str) else segment_ids
        for segment_id in ids:
            if segment_id in segments.index:
                seg = segments.loc[segment_id]
                page = seg["page"]
                around = paragraphs.get_group((seg["submission_id"], seg["paragraph"]))
                context = [{"text": " ".join(str(t).split()), "cited": sid == segment_id}
                           for sid, t in zip(around["segment_id"], around["text"], strict=True)]
                rows.append({"segment_id": segment_id, "text": " ".join(str(seg["text"]).split()),
                             "pcc_sentiment": seg["pcc_sentiment"],
                             "organisation": orgs.get(seg["submission_id"], ""),
                             "page": "" if pd.isna(page) else int(page), "context": context})
        return rows

    return evidence


_FINDING_REF = re.compile(r"\b[FR]-[0-9a-f]{8}\b")


def link_ids(text: str) -> Markup:
    """``text`` escaped, with each finding id in it a link to that finding on the page."""
    return Markup(_FINDING_REF.sub(lambda m: f'<a href="#{m.group(0)}">{m.group(0)}</a>',
                                   str(escape(text))))


def _captions(analysis: Analysis) -> dict[str, tuple[str, str]]:
    """Per plot in :data:`PLOTS`: (heading, how to read it)."""
    target = analysis.codebook.target.name
    return {
        "Evidence by theme": (
            "Evidence by theme",
            "How many statements fall under each theme, and how many submissions raise it."),
        "Stance toward the target by theme": (
            f"Stance toward the {target} by theme",
            (f"Statements criticising the {target} go left (red), statements praising go right "
             "(green); mixed statements (amber) are split across the line. Neutral statements "
             "are left out.")),
        "Themes by kind of respondent": (
            "Themes by kind of respondent",
            "How many submissions from each kind of respondent raise each theme."),
        "Map of the evidence": (
            "Map of the evidence",
            "Each dot is a statement; statements that say similar things sit close together."),
    }


def _submission_rows(analysis: Analysis) -> list[dict]:
    labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"], strict=True))
    rows = []
    for row in analysis.submissions.to_dict("records"):
        source = str(row.get("source", ""))
        rows.append({**row, "kind": str(row.get("respondent_type") or "").replace("_", " "),
                     "theme_label": labels.get(row["primary_theme"], row["primary_theme"]),
                     "file": source.replace("\\", "/").rsplit("/", 1)[-1]})
    return rows


def _capitalised(title: str) -> str:
    """A page title starts with a capital ("sample call" -> "Sample call")."""
    return title[:1].upper() + title[1:]


def _when(analysis: Analysis) -> str:
    """When the run started, as a person reads it: "4 December 2026 at 18:40"."""
    started = str(analysis.run.get("started") or "")
    clock = started[11:16] if len(started) >= 16 and started[13:14] == ":" else ""
    return letter_date(analysis) + (f" at {clock}" if clock else "")


def report_html(analysis: Analysis, *, plots: bool = True) -> str:
    """The full report as one HTML string."""
    evidence = _evidence_of(analysis)
    themes = []
    for label, rows in findings_by_theme(analysis):
        items = []
        for _, row in rows.iterrows():
            item = row.to_dict()
            item["evidence"] = evidence(row["segment_ids"])
            items.append(item)
        themes.append((label, items))
    recommendations = [dict(row, letter=letter(i), answers=answered(analysis, row),
                            evidence=evidence(row["segment_ids"]))
                       for i, (_, row) in enumerate(analysis.recommendations.iterrows())]
    captions = _captions(analysis)
    pictures = [(*captions.get(name, (name, "")), to_data_uri(make(analysis)))
                for name, make in PLOTS.items()] if plots else []
    template = _environment().get_template("report.html.j2")
    return template.render(
        title=_capitalised(analysis.run.get("title") or "Draft findings"), version=__version__,
        started=_when(analysis), opening=opening(analysis), themes=themes,
        summary=summary(analysis), recommendations=recommendations, plots=pictures,
        theme_rows=analysis.themes.to_dict("records"),
        submissions=_submission_rows(analysis), target=analysis.codebook.target.name,
        skipped=analysis.run.get("skipped_files") or [])
