"""The draft's words: opening, summary and the ordering of findings, shared by every format."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from ..findings import number_word

if TYPE_CHECKING:
    from ..analysis import Analysis


def opening(analysis: Analysis) -> str:
    """First paragraph: the call, how many organisations responded and of which kinds."""
    subs = analysis.submissions
    n_orgs = subs["organisation"].nunique()
    kinds = Counter(subs.drop_duplicates("organisation")["respondent_type"].fillna(""))
    nouns = analysis.codebook.vocabulary
    parts = [f"{number_word(n)} {nouns.respondent_noun(kind, plural=n != 1)}"
             for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    listing = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    title = analysis.run.get("title") or "the call for evidence"
    return (f"This draft sets out the evidence received in response to {title}. "
            f"{number_word(len(subs)).capitalize()} submissions were received from "
            f"{number_word(n_orgs)} organisations and individuals: {listing}. "
            f"The evidence was divided into {number_word(len(analysis.segments))} statements, "
            f"each coded to a theme and to its stance toward the {analysis.codebook.target.name}. "
            f"Every finding cites the statements it rests on by their segment id.")


def findings_by_theme(analysis: Analysis) -> list[tuple[str, pd.DataFrame]]:
    """(theme label, findings) in the order of the themes with the most support."""
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    order = findings.groupby("theme")["n_organisations"].sum().sort_values(ascending=False, kind="stable")
    return [(findings.loc[findings["theme"] == t, "theme_label"].iloc[0], findings[findings["theme"] == t])
            for t in order.index]


def summary(analysis: Analysis) -> list[str]:
    """Sentences on the main strengths and concerns, from the theme stance counts and findings."""
    themes = analysis.themes[analysis.themes["n_segments"] > 0]
    themes = themes[~themes["theme_id"].isin(["other", "unclustered"])]
    lines = []
    if not themes.empty:
        pos = themes.sort_values(["n_positive", "n_segments"], ascending=False, kind="stable").iloc[0]
        neg = themes.sort_values(["n_negative", "n_segments"], ascending=False, kind="stable").iloc[0]
        if pos["n_positive"]:
            lines.append(f"Respondents were most often positive about {pos['label'].lower()} "
                         f"({number_word(int(pos['n_positive']))} statements praising the "
                         f"{analysis.codebook.target.name}).")
        if neg["n_negative"]:
            lines.append(f"Most concerns were raised about {neg['label'].lower()} "
                         f"({number_word(int(neg['n_negative']))} critical statements).")
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    strengths = findings[findings["stance"] == "positive"].head(2)
    concerns = findings[findings["stance"].isin(["negative", "contrast"])].head(3)
    for label, rows in (("Main strength", strengths), ("Main concern", concerns)):
        for _, row in rows.iterrows():
            lines.append(f"{label} ({row['theme_label']}): {row['text'].split(' Their stance')[0]} "
                         f"[{row['finding_id']}]")
    return lines


def citation(segment_ids: list[str] | str) -> str:
    """Bracketed citation of every segment a finding rests on."""
    ids = segment_ids.split(";") if isinstance(segment_ids, str) else list(segment_ids)
    return "[" + ", ".join(ids) + "]"


def letter(index: int) -> str:
    """(a), (b), ... (z), (aa) ... for recommendation numbering."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(97 + rem) + letters
    return letters
