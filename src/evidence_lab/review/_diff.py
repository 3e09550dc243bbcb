"""What the latest call changed in a review: organisations, statements per theme, stance shifts."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pandas as pd

from ..errors import ReviewStoreError
from ..store import ReviewStore
from ._frames import org_key, records

_NO_THEMES = ("other", "unclustered")


@dataclass(frozen=True)
class ReviewDiff:
    """What the latest call changed, compared with the review before it (labels of the latest run).

    Attributes:
        call_id: the latest call.
        call_name: its name.
        run_id: the run whose labels are compared.
        new_organisations: ``organisation``, ``respondent_type``, ``n_submissions``: organisations
            first heard from in the latest call.
        theme_counts: per theme ``theme``, ``label``, ``statements_before``, ``statements_after``,
            ``change``, ``organisations_before``, ``organisations_after``.
        stance_shifts: per theme ``theme``, ``label``, ``positive_before``, ``negative_before``,
            ``positive_after``, ``negative_after``, ``net_before``, ``net_after``, ``shift``; net is
            the share of positive minus the share of negative statements (-1..1), NaN with none.
        new_themes: ``theme``, ``label``, ``statements``, ``organisations``: themes that had no
            statements before the latest call.
        changed_by_corrections: ``segment_id``, ``primary_theme``, ``pcc_sentiment``: statements
            whose label the officers' corrections of other statements changed in that run.
    """

    call_id: int
    call_name: str
    run_id: int
    new_organisations: pd.DataFrame
    theme_counts: pd.DataFrame
    stance_shifts: pd.DataFrame
    new_themes: pd.DataFrame
    changed_by_corrections: pd.DataFrame = dataclasses.field(default_factory=lambda: pd.DataFrame(
        columns=["segment_id", "primary_theme", "pcc_sentiment"]))

    def __str__(self) -> str:
        new_statements = int(self.theme_counts["change"].sum()) if len(self.theme_counts) else 0
        lines = [(f"Call {self.call_id} '{self.call_name}' (labels from run {self.run_id}): "
                  f"{len(self.new_organisations)} new organisation(s), {new_statements} new "
                  "statements.")]
        if len(self.new_organisations):
            lines.append("New organisations: " + ", ".join(
                f"{o} ({t})" if t else str(o) for o, t in zip(
                    self.new_organisations["organisation"], self.new_organisations["respondent_type"],
                    strict=True)) + ".")
        lines.append("Statements per theme (before -> after):")
        width = max([len(str(x)) for x in self.theme_counts["label"]] + [10])
        for row in records(self.theme_counts):
            lines.append(f"  {row['label']:<{width}}  {row['statements_before']:>4} -> "
                         f"{row['statements_after']:<4} ({row['change']:+d})")
        lines.append("Stance toward the target (net = share positive - share negative):")
        for row in records(self.stance_shifts):
            before = "  n/a" if pd.isna(row["net_before"]) else f"{row['net_before']:+.2f}"
            after = "  n/a" if pd.isna(row["net_after"]) else f"{row['net_after']:+.2f}"
            shift = row["shift"]
            trend = ("" if pd.isna(shift) or abs(shift) < 0.005 else
                     " (more positive)" if shift > 0 else " (more critical)")
            lines.append(f"  {row['label']:<{width}}  {before} -> {after}{trend}")
        if len(self.new_themes):
            lines.append("New themes: " + ", ".join(
                f"{label} ({n} statements)" for label, n in zip(
                    self.new_themes["label"], self.new_themes["statements"], strict=True)) + ".")
        else:
            lines.append("New themes: none.")
        lines += changed_lines(self.changed_by_corrections)
        return "\n".join(lines)


def review_diff(store: ReviewStore) -> ReviewDiff:
    """What the latest call changed compared with the review before it, by the latest run's labels.

    Raises:
        ReviewStoreError: when the review has no calls, or the latest call was added after the
            latest run (run :meth:`analyse` first).
    """
    calls = store.calls()
    if calls.empty:
        raise ReviewStoreError(f"{store.path} has no calls yet; add one with "
                               f"evidence-lab ingest CALL_FOLDER --review {store.path}")
    latest = calls.iloc[-1]
    labelled = store.labels()
    if labelled["run_id"].isna().any():
        raise ReviewStoreError(
            f"call {latest['call_id']} '{latest['name']}' has statements the latest run did not "
            f"label; analyse the review first: evidence-lab analyse --review {store.path} --out DIR")
    before = labelled[labelled["call_id"] < latest["call_id"]]
    names = labelled.drop_duplicates("primary_theme").set_index("primary_theme")["theme_label"]

    def per_theme(frame: pd.DataFrame) -> pd.DataFrame:
        groups = frame.groupby("primary_theme")
        return pd.DataFrame({"statements": groups.size(), "organisations": groups["organisation"]
                             .nunique(), "positive": groups["pcc_sentiment"].agg(
                                 lambda s: int((s == "positive").sum())),
                             "negative": groups["pcc_sentiment"].agg(
                                 lambda s: int((s == "negative").sum()))})

    old, new = per_theme(before), per_theme(labelled)
    both = new.add_suffix("_after").join(old.add_suffix("_before"), how="outer").fillna(0)
    both = both.astype(int).sort_values(["statements_after", "statements_before"],
                                        ascending=False, kind="stable")
    both.index.name = "theme"
    both = both.reset_index()
    both["label"] = both["theme"].map(names).fillna(both["theme"])
    both["change"] = both["statements_after"] - both["statements_before"]
    theme_counts = both[["theme", "label", "statements_before", "statements_after", "change",
                         "organisations_before", "organisations_after"]]
    stance = both[["theme", "label", "positive_before", "negative_before", "positive_after",
                   "negative_after"]].copy()
    for when in ("before", "after"):
        n = both[f"statements_{when}"].where(both[f"statements_{when}"] > 0)
        stance[f"net_{when}"] = ((both[f"positive_{when}"] - both[f"negative_{when}"]) / n).round(2)
    stance["shift"] = (stance["net_after"] - stance["net_before"]).round(2)
    fresh = both[(both["statements_before"] == 0) & (both["statements_after"] > 0)
                 & ~both["theme"].isin(_NO_THEMES)]
    new_themes = fresh.rename(columns={"statements_after": "statements",
                                       "organisations_after": "organisations"})[
        ["theme", "label", "statements", "organisations"]].reset_index(drop=True)

    subs = store.submissions()
    known = set(subs.loc[subs["call_id"] < latest["call_id"], "organisation"].map(org_key))
    latest_subs = subs[(subs["call_id"] == latest["call_id"])
                       & ~subs["organisation"].map(org_key).isin(known)]
    new_orgs = latest_subs.groupby("organisation", sort=False).agg(
        respondent_type=("respondent_type", "first"),
        n_submissions=("submission_id", "size")).reset_index()
    return ReviewDiff(call_id=int(latest["call_id"]), call_name=str(latest["name"]),
                      run_id=int(labelled["run_id"].max()), new_organisations=new_orgs,
                      theme_counts=theme_counts.reset_index(drop=True),
                      stance_shifts=stance.reset_index(drop=True), new_themes=new_themes,
                      changed_by_corrections=_changed(store))


def _changed(store: ReviewStore) -> pd.DataFrame:
    rows = store.latest_manifest().get("review", {}).get("changed_by_corrections", [])
    return pd.DataFrame(rows, columns=["segment_id", "primary_theme", "pcc_sentiment"])


def changed_lines(changed: pd.DataFrame, limit: int = 20) -> list[str]:
    """"N other statement(s) changed" and the first ``limit`` of them, one a line."""
    if changed.empty:
        return []
    lines = [f"{len(changed)} other statement(s) changed because of the officers' corrections:"]
    lines += [f"  {r['segment_id']}: {r['primary_theme']}, {r['pcc_sentiment']}"
              for r in records(changed.head(limit))]
    if len(changed) > limit:
        lines.append(f"  ... and {len(changed) - limit} more (label_source = review_model in "
                     "segments.csv)")
    return lines


