"""The draft's words: opening, summary and the ordering of findings, shared by every format."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

import pandas as pd

from ..findings import number_word

if TYPE_CHECKING:
    from ..analysis import Analysis


def opening(analysis: Analysis) -> str:
    """First paragraph: the call, how many organisations responded and of which kinds."""
    subs = analysis.submissions
    n_orgs, parts = _respondents(analysis)
    listing = _and(parts)
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


def _theme_weights(findings: pd.DataFrame, stance: str) -> list[tuple[int, str, list[str]]]:
    """Per theme: (organisations behind its ``stance`` findings, label, finding ids), most first."""
    rows = findings[findings["stance"] == stance]
    weights = []
    for theme, group in rows.groupby("theme", sort=False):
        orgs = {o for names in group["organisations"] for o in names}
        weights.append((len(orgs), str(group["theme_label"].iloc[0]), group["finding_id"].tolist()))
    return sorted(weights, key=lambda w: -w[0])


def _leaders(weights: list[tuple[int, str, list[str]]]) -> tuple[list[str], int, list[str]]:
    """The theme labels tied for the most organisations, that count, and their finding ids."""
    if not weights:
        return [], 0, []
    top = weights[0][0]
    tied = [w for w in weights if w[0] == top]
    return [w[1].lower() for w in tied], top, [f for w in tied for f in w[2][:3]]


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def summary(analysis: Analysis) -> list[str]:
    """The main concerns and strengths by weight of evidence (how many organisations stand behind
    them), ties named as ties, each citing its finding ids."""
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    target = analysis.codebook.target.title
    lines = _breadth(analysis)
    for stance, noun in (("negative", "concern"), ("positive", "praise")):
        labels, count, ids = _leaders(_theme_weights(findings, stance))
        if not labels:
            continue
        orgs = f"{number_word(count)} organisation{'s' if count != 1 else ''}"
        if len(labels) > 1:
            lines.append(f"Among the findings, {noun} about {_and(labels)} carried equal weight: "
                         f"{orgs} raised each ({', '.join(ids)}).")
        elif stance == "negative":
            lines.append(f"Among the findings, the greatest weight of concern was about {labels[0]}, "
                         f"raised by {orgs} ({', '.join(ids)}).")
        else:
            lines.append(f"The {target} was most often praised for {labels[0]}, by {orgs} "
                         f"({', '.join(ids)}).")
        widest = findings[findings["stance"] == stance].sort_values(
            ["n_organisations", "weight"], ascending=False, kind="stable").head(2)
        for rank, (_, row) in enumerate(widest.iterrows()):
            what = ("concern", "strength")[stance == "positive"]
            n = int(row["n_organisations"])
            lines.append(f"The {('most widely shared', 'next')[rank]} {what} "
                         f"({number_word(n)} organisation{'s' if n != 1 else ''}, "
                         f"{row['finding_id']}) was that {_lead_of(analysis, row)}.")
    divided = _divided(findings)
    if divided:
        lines.append(f"On {_and(divided)} the evidence was divided, with praise and concern "
                     f"from similar numbers of organisations.")
    return lines


def _breadth(analysis: Analysis) -> list[str]:
    """One sentence on where the criticism in all the evidence lies, from the statements' stance
    labels (not only the findings): the theme with the most critical statements."""
    segments = analysis.segments.merge(analysis.submissions[["submission_id", "organisation"]],
                                       on="submission_id", how="left")
    critical = segments[(segments["pcc_sentiment"] == "negative")
                        & ~segments["primary_theme"].isin(["other", "unclustered"])]
    if critical.empty:
        return []
    counts = critical.groupby("primary_theme").agg(n=("segment_id", "size"),
                                                   orgs=("organisation", "nunique"))
    counts = counts.sort_values(["n", "orgs"], ascending=False, kind="stable")
    top = counts.iloc[0]
    label = analysis.codebook.label_of(str(counts.index[0])).lower()
    tied = counts[counts["n"] == top["n"]]
    if len(tied) > 1:
        labels = [analysis.codebook.label_of(str(t)).lower() for t in tied.index]
        return [(f"Across all the evidence, {_and(labels)} drew equal numbers of critical "
                f"statements ({number_word(int(top['n']))} each).")]
    return [(f"Across all the evidence, most critical statements were about {label} "
            f"({number_word(int(top['n']))} statements from {number_word(int(top['orgs']))} "
            f"organisations).")]


def _lead_of(analysis: Analysis, row: pd.Series) -> str:
    """The finding's lead statement as reported speech."""
    from ..findings import to_reported_speech

    segments = analysis.segments.set_index("segment_id")
    return to_reported_speech(str(segments.loc[row["segment_ids"][0], "text"]))


def _divided(findings: pd.DataFrame) -> list[str]:
    """Themes whose praise and concern come from similar numbers of organisations (within one)."""
    praise = {label: n for n, label, _ in _theme_weights(findings, "positive")}
    concern = {label: n for n, label, _ in _theme_weights(findings, "negative")}
    return [label.lower() for label in concern
            if label in praise and min(praise[label], concern[label]) >= 2
            and abs(praise[label] - concern[label]) <= 1]


def letter_date(analysis: Analysis) -> str:
    """The run's date as a letter writes it ("2 December 2026")."""
    started = str(analysis.run.get("started") or "")
    try:
        day = datetime.strptime(started[:10], "%Y-%m-%d")
    except ValueError:
        day = datetime.now()
    return f"{day.day} {day:%B %Y}"


def letter_opening(analysis: Analysis) -> list[str]:
    """The letter's opening paragraphs: the call, who responded, and how the letter is set out."""
    subs = analysis.submissions
    n_orgs, parts = _respondents(analysis)
    title = analysis.run.get("title")
    call = f"the Panel's call for evidence on {title}" if title else "the Panel's call for evidence"
    return [
        (f"The Panel has now considered the written evidence it received in response to {call}: "
         f"{number_word(len(subs))} submissions from {number_word(n_orgs)} organisations and "
         f"individuals ({_and(parts)}). The Panel is grateful to everyone who took the time to "
         f"respond."),
        ("This letter sets out what the evidence told the Panel, theme by theme, followed by a "
        "summary and the Panel's recommendations. The numbers after each finding refer to the "
        "statements quoted in the annex, on which the finding rests."),
    ]


class EvidenceAnnex:
    """Numbers the statements a letter cites, in order of first citation, for its annex."""

    def __init__(self, analysis: Analysis) -> None:
        self._segments = analysis.segments.set_index("segment_id")
        self._orgs = analysis.submissions.set_index("submission_id")["organisation"]
        self._numbers: dict[str, int] = {}

    def cite(self, segment_ids: list[str]) -> str:
        """Annex numbers of ``segment_ids`` ("3, 5-7"), numbering new ones as they come."""
        numbers = sorted({self._numbers.setdefault(s, len(self._numbers) + 1) for s in segment_ids})
        spans: list[list[int]] = []
        for n in numbers:
            if spans and n == spans[-1][1] + 1:
                spans[-1][1] = n
            else:
                spans.append([n, n])
        return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)

    def entries(self) -> list[tuple[int, dict[str, str]]]:
        """(number, segment_id/organisation/text) for every statement cited, in number order."""
        out = []
        for segment_id, number in sorted(self._numbers.items(), key=lambda kv: kv[1]):
            seg = self._segments.loc[segment_id]
            out.append((number, {"segment_id": segment_id,
                                 "organisation": str(self._orgs.get(seg["submission_id"], "")),
                                 "text": " ".join(str(seg["text"]).split())}))
        return out


def answered(analysis: Analysis, recommendation: pd.Series) -> list[str]:
    """The ids of the findings in the draft that ``recommendation`` answers (a rejected finding
    is not in the draft, so it is not cited)."""
    shown = set(analysis.findings["finding_id"])
    return [f for f in recommendation.get("finding_ids", []) if f in shown]


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


def _respondents(analysis: Analysis) -> tuple[int, list[str]]:
    """How many organisations responded, and their kinds counted in words, largest first
    ("four community safety partnerships", "one youth commission")."""
    subs = analysis.submissions
    kinds = Counter(subs.drop_duplicates("organisation")["respondent_type"].fillna(""))
    nouns = analysis.codebook.vocabulary
    parts = [f"{number_word(n)} {nouns.respondent_noun(kind, plural=n != 1)}"
             for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    return int(subs["organisation"].nunique()), parts
