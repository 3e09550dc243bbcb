"""The draft's words: opening, summary and the ordering of findings, shared by every format."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..findings import (
    known_words,
    lead_context,
    number_word,
    point_of,
    polarity,
    to_reported_speech,
)
from ..vocabulary import vocabulary_of

if TYPE_CHECKING:
    from ..analysis import Analysis


def opening(analysis: Analysis) -> str:
    """First paragraph: the call, how many organisations responded and of which kinds."""
    subs = analysis.submissions
    title = analysis.run.get("title") or "the call for evidence"
    received = ("One submission was received" if len(subs) == 1 else
                f"{number_word(len(subs)).capitalize()} submissions were received")
    return (f"This draft sets out the evidence received in response to {title}. "
            f"{received} from {_who_responded(analysis, listed=': {}')}. "
            f"The evidence was divided into {number_word(len(analysis.segments))} statements, "
            f"each coded to a theme and to its stance toward the {analysis.codebook.target.name}. "
            f"Every finding cites the statements it rests on by their segment id.")


def findings_by_theme(analysis: Analysis) -> list[tuple[str, pd.DataFrame]]:
    """(theme label, findings) in the order of the themes with the most support."""
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    order = findings.groupby("theme")["n_organisations"].sum().sort_values(ascending=False, kind="stable")
    return [(findings.loc[findings["theme"] == t, "theme_label"].iloc[0], findings[findings["theme"] == t])
            for t in order.index]


#: a theme is a concern (or a strength) when at least this share of its evaluative statements
#: criticise (or praise) the target; between the two shares the evidence on it is divided
LEANING_SHARE = 0.6


def theme_balance(analysis: Analysis) -> pd.DataFrame:
    """Per theme, the weight of evidence each way from every statement, not only the findings.

    Columns ``theme``, ``label``, ``critical`` and ``praising`` (statements of that polarity,
    :func:`evidence_lab.findings.polarity`: background counts neither way), ``critical_orgs``
    and ``praising_orgs`` (organisations that made them) and ``verdict``: ``concern`` when at
    least :data:`LEANING_SHARE` of the evaluative statements criticise, ``strength`` when as many
    praise, else ``divided``. Sorted by the weight of concern: organisations, then statements.
    """
    segments = analysis.segments.merge(analysis.submissions[["submission_id", "organisation"]],
                                       on="submission_id", how="left")
    segments = segments[~segments["primary_theme"].isin(["other", "unclustered"])]
    if "segment_kind" in segments.columns:
        segments = segments[segments["segment_kind"].fillna("statement") == "statement"]
    signs = polarity(segments) if not segments.empty else pd.Series(dtype=object)
    rows = []
    for theme, group in segments.groupby("primary_theme", sort=False):
        critical, praising = group[signs[group.index] == "negative"], group[signs[group.index] == "positive"]
        total = len(critical) + len(praising)
        if not total:
            continue
        share = len(critical) / total
        verdict = "concern" if share >= LEANING_SHARE else \
            "strength" if share <= 1 - LEANING_SHARE else "divided"
        rows.append({"theme": theme, "label": analysis.codebook.label_of(str(theme)),
                     "critical": len(critical), "praising": len(praising),
                     "critical_orgs": critical["organisation"].nunique(),
                     "praising_orgs": praising["organisation"].nunique(), "verdict": verdict})
    columns = ["theme", "label", "critical", "praising", "critical_orgs", "praising_orgs", "verdict"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["critical_orgs", "critical"], ascending=False, kind="stable") \
        .reset_index(drop=True)


def _and(items: list[str]) -> str:
    """"a, b and c"; "a and b, and c and d" when an item has an "and" of its own."""
    if len(items) == 1:
        return items[0]
    last = ", and " if any(" and " in item for item in items) else " and "
    return ", ".join(items[:-1]) + last + items[-1]


def _orgs(n: int) -> str:
    return f"{number_word(n)} organisation{'s' if n != 1 else ''}"


def _ids(findings: pd.DataFrame, theme: str, stance: str, limit: int = 3,
         also: frozenset[str] = frozenset()) -> list[str]:
    """The theme's first ``limit`` finding ids of ``stance``, and any of ``also`` after them
    (a major concern no recommendation answers is still cited)."""
    ids = findings.loc[(findings["theme"] == theme) & (findings["stance"] == stance), "finding_id"]
    return [f for i, f in enumerate(ids) if i < limit or f in also]


def _unanswered(analysis: Analysis, findings: pd.DataFrame) -> frozenset[str]:
    """Concerns of two or more organisations that no recommendation answers (nothing specific
    could be asked): the summary cites them, so the letter still points to them."""
    recs = analysis.findings[analysis.findings["kind"] == "recommendation"]
    answers = {f for ids in recs["finding_ids"] for f in ids}
    major = findings[(findings["stance"] == "negative") & (findings["n_organisations"] >= 2)]
    return frozenset(set(major["finding_id"]) - answers)


def _cite(ids: list[str]) -> str:
    return f"; {', '.join(ids)}" if ids else ""


def _concerns(balance: pd.DataFrame, findings: pd.DataFrame,
              also: frozenset[str] = frozenset()) -> list[str]:
    """The concern themes, ranked by how many organisations criticised them (then statements);
    equal numbers of organisations are named together as a tie, and a later theme that drew
    the most critical statements of all says so (the ranking is by organisations)."""
    concerns = balance[balance["verdict"] == "concern"]
    lines: list[str] = []
    most = int(concerns["critical"].max()) if len(concerns) else 0
    groups = list(concerns.groupby("critical_orgs", sort=False))
    # "raised by the most organisations" only where there is a ranking by organisations to state
    ranked = len(groups) > 1 and int(concerns["critical_orgs"].max()) > 1
    for rank, (orgs, group) in enumerate(groups):
        labels = [str(label).lower() for label in group["label"]]
        ids = [f for theme in group["theme"] for f in _ids(findings, str(theme), "negative",
                                                            also=also)]
        if len(group) > 1:
            counts = _and([number_word(int(n)) for n in group["critical"]])
            opener = ("The concerns raised by the most organisations were about" if rank == 0
                      and ranked else "The main concerns in the evidence were about" if rank == 0
                      else "Next came")
            lines.append(f"{opener} {_and(labels)}, each criticised by {_orgs(int(orgs))} "
                         f"({counts} critical statements{_cite(ids)}).")
        else:
            critical = int(group["critical"].iloc[0])
            lines.append(_concern_line(rank, labels[0], critical, int(orgs), ids,
                                       most=critical == most, ranked=ranked))
    return lines


def _concern_line(rank: int, label: str, critical: int, orgs: int, ids: list[str],
                  most: bool, ranked: bool = True) -> str:
    """One concern theme's line of the summary (see :func:`_concerns`); ``most``: no concern
    theme drew more critical statements; ``ranked``: the themes differ in how many
    organisations criticised them, so the first is named as the one the most raised."""
    ref = f" ({', '.join(ids)})" if ids else ""
    statements = f"{number_word(critical)} critical statement{'s' if critical != 1 else ''}"
    if rank == 0:
        opener = "The concern raised by the most organisations" if ranked else \
            "The main concern in the evidence"
        return f"{opener} was about {label}: {_orgs(orgs)} made {statements}{ref}."
    if most:
        return (f"{label[0].upper() + label[1:]} drew the most critical statements of any "
                f"theme, {number_word(critical)}, from {_orgs(orgs)}{ref}.")
    return f"{label[0].upper() + label[1:]} came next: {statements} from {_orgs(orgs)}{ref}."


def _widest(analysis: Analysis, findings: pd.DataFrame, stance: str) -> list[str]:
    """The two most widely shared findings of ``stance``, with their leads."""
    what = "concern" if stance == "negative" else "strength"
    widest = findings[findings["stance"] == stance].sort_values(
        ["n_organisations", "n_segments", "weight"], ascending=False, kind="stable").head(2)
    target = f"the {analysis.codebook.target.title}"
    # a point one organisation made is not "widely shared", whatever its rank
    shared = bool(len(widest)) and int(widest["n_organisations"].iloc[0]) > 1
    counts = widest["n_organisations"].astype(int).tolist()
    if shared and len(counts) == 2 and counts[0] == counts[1]:  # a tie is named as a tie
        tied = findings[(findings["stance"] == stance)
                        & (findings["n_organisations"].astype(int) == counts[0])]
        first, second = (row for _, row in widest.iterrows())
        said = [_point_in_summary(r, target) or _lead_of(analysis, r) for r in (first, second)]
        ids = _and([str(i) for i in tied["finding_id"]])
        return [(f"{number_word(len(tied)).capitalize()} {what}s were the most widely shared, "
                 f"equally ({_orgs(counts[0])} each{': ' + ids if len(tied) > 2 else ''}). "
                 f"One ({first['finding_id']}) was that {said[0]}."),
                f"{'The other' if len(tied) == 2 else 'Another'} ({second['finding_id']}) was that "
                + f"{said[1]}."]
    openers = (f"The most widely shared {what}", f"The next {what}") if shared else (
        f"One {what}", f"Another {what}")
    return [f"{openers[rank]} ({_orgs(int(row['n_organisations']))}, {row['finding_id']}) was that "
            f"{_point_in_summary(row, target) or _lead_of(analysis, row)}."
            for rank, (_, row) in enumerate(widest.iterrows())]


#: a kind of complaint's point says "they" of the organisations its finding names; the summary,
#: which names none, says who
_THEIRS = {"they": "respondents", "them": "respondents", "their": "respondents'"}


def _point_in_summary(row: pd.Series, target: str) -> str | None:
    """The point of a finding widened by a kind of complaint (:func:`point_of`), its "they"
    made "respondents", or None for a finding that reports its lead statement."""
    point = point_of(str(row["text"]), target)
    if point is None:
        return None
    return re.sub(r"\b(they|them|their)\b", lambda m: _THEIRS[m.group(1)], point)


def summary(analysis: Analysis) -> list[str]:
    """The weight of evidence: the concern themes largest first, the most widely shared
    concerns, then the strengths, then the themes on which the evidence was divided; ties named
    as ties, each citing its finding ids. Which themes are concerns, strengths or divided is
    read from every statement's stance (:func:`theme_balance`), so a theme the evidence mostly
    criticises is never summed up as a strength."""
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    target = analysis.codebook.target.title
    balance = theme_balance(analysis)
    also = _unanswered(analysis, findings)
    lines = _concerns(balance, findings, also) + _widest(analysis, findings, "negative")
    strengths = balance[balance["verdict"] == "strength"].sort_values(
        ["praising_orgs", "praising"], ascending=False, kind="stable")
    for _, row in strengths.iterrows():
        ids = _ids(findings, str(row["theme"]), "positive")
        lines.append(f"The {target} was praised for {str(row['label']).lower()}: "
                     f"{number_word(int(row['praising']))} statements from "
                     f"{_orgs(int(row['praising_orgs']))} praised it"
                     f"{' (' + ', '.join(ids) + ')' if ids else ''}.")
    lines += _widest(analysis, findings, "positive")
    for _, row in balance[balance["verdict"] == "divided"].iterrows():
        ids = _ids(findings, str(row["theme"]), "negative", also=also) + \
            _ids(findings, str(row["theme"]), "positive")
        lines.append(f"On {str(row['label']).lower()} the evidence was divided: "
                     f"{number_word(int(row['praising']))} statements from "
                     f"{_orgs(int(row['praising_orgs']))} praised the {target} and "
                     f"{number_word(int(row['critical']))} from {_orgs(int(row['critical_orgs']))} "
                     f"were critical{' (' + ', '.join(ids) + ')' if ids else ''}.")
    return lines


def _lead_of(analysis: Analysis, row: pd.Series) -> str:
    """The finding's lead statement as reported speech, after the sentence before it when it
    needs that one to be understood (:func:`evidence_lab.findings.lead_context`)."""
    segments = analysis.segments
    if "segment_kind" in segments.columns:  # as the draft reads them: statements only
        segments = segments[segments["segment_kind"].fillna("statement") == "statement"]
    frame = segments.join(analysis.submissions.set_index("submission_id")[["organisation"]],
                          on="submission_id").reset_index(drop=True)
    at = int(np.flatnonzero(frame["segment_id"].to_numpy() == row["segment_ids"][0])[0])
    lead = frame.iloc[at]
    text = str(lead["text"])
    context = lead_context(text, str(lead.get("previous_text", "") or ""),
                           vocabulary_of(analysis.codebook).stop_words,
                           known_words(frame).iloc[at])
    clause = to_reported_speech(text)
    return f"{to_reported_speech(context)}, and {clause}" if context else clause


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
    title = analysis.run.get("title")
    call = "the Panel's call for evidence"
    if title:  # a title that names the call itself ("the Panel's call for evidence") is the call
        call = title if "call for evidence" in title.lower() else f"{call} on {title}"
    submissions = "submission" if len(subs) == 1 else "submissions"
    return [
        (f"The Panel has now considered the written evidence it received in response to {call}: "
         f"{number_word(len(subs))} {submissions} from {_who_responded(analysis, listed='({})')}. "
         f"The Panel is grateful to everyone who took the time to "
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


def _who_responded(analysis: Analysis, listed: str) -> str:
    """"four organisations and individuals" and their kinds (``listed`` wraps the list: ": {}"
    or " ({})"), or just "four respondents" when no kind is known, so nothing is said twice."""
    n_orgs, parts = _respondents(analysis)
    noun = analysis.codebook.vocabulary.respondent_noun("", plural=n_orgs != 1)
    if parts == [f"{number_word(n_orgs)} {noun}"]:
        return parts[0]
    who = "organisation or individual" if n_orgs == 1 else "organisations and individuals"
    return f"{number_word(n_orgs)} {who}" + (" " if listed.startswith("(") else "") + \
        listed.format(_and(parts))


def _respondents(analysis: Analysis) -> tuple[int, list[str]]:
    """How many organisations responded, and their kinds counted in words, largest first
    ("four community safety partnerships", "one youth commission")."""
    subs = analysis.submissions
    kinds = Counter(subs.drop_duplicates("organisation")["respondent_type"].fillna(""))
    nouns = analysis.codebook.vocabulary
    parts = [f"{number_word(n)} {nouns.respondent_noun(kind, plural=n != 1)}"
             for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    return int(subs["organisation"].nunique()), parts
