"""Plots where a picture beats a table. Each returns a matplotlib Figure (shown inline in Jupyter)."""

from __future__ import annotations

import base64
import io
import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..analysis import Analysis

STANCE_COLOURS = {"positive": "#1a9850", "mixed": "#fdae61", "neutral": "#bdbdbd", "negative": "#d73027"}


#: figures are drawn this wide (inches) at :data:`DPI`, so that shrunk to a 390 px phone screen
#: their 9-10 pt text still reads at about 10 px
WIDTH, DPI = 5.0, 150
LABEL_WIDTH = 18  # characters per line of a wrapped axis label


def _figure(height: float = 3.5) -> tuple[Figure, Axes]:
    """A figure :data:`WIDTH` wide (every plot is: see there) and ``height`` inches high."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    return fig, fig.add_subplot()


def _wrap(labels: list[str] | pd.Index | pd.Series, width: int = LABEL_WIDTH) -> list[str]:
    """Long labels wrapped onto lines of ``width`` characters."""
    return [textwrap.fill(str(label), width) for label in labels]


def _themes(analysis: Analysis) -> pd.DataFrame:
    table = analysis.themes[analysis.themes["n_segments"] > 0]
    return table.sort_values("n_segments", kind="stable")


def theme_sizes(analysis: Analysis) -> Figure:
    """Horizontal bars: statements per theme, each labelled with its statements and submissions."""
    table = _themes(analysis)
    fig, ax = _figure(0.55 * len(table) + 1.2)
    y = np.arange(len(table))
    bars = ax.barh(y, table["n_segments"], color="#4575b4", label="statements")
    ax.bar_label(bars, [f"{s} ({n} submission{'s' * (n != 1)})" if n else f"{s}" for s, n in
                        zip(table["n_segments"], table["n_submissions"], strict=True)],
                 padding=3, fontsize=9)
    ax.set_yticks(y, _wrap(table["label"]))
    ax.set_xlabel("statements")
    ax.set_xlim(0, max(1, table["n_segments"].max()) * 1.35)  # room for the labels
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title("Evidence by theme")
    return fig


def stance_by_theme(analysis: Analysis) -> Figure:
    """Diverging bars: statements praising (right) and criticising (left) the target, per theme.

    Statements with no theme (``other``) are left out; mixed statements are split across the line.
    """
    table = _themes(analysis)
    table = table[~table["theme_id"].isin(["other", "unclustered"])]
    target = analysis.codebook.target.name
    fig, ax = _figure(0.55 * len(table) + 1.8)
    y = np.arange(len(table))
    neg, mixed = table["n_negative"].to_numpy(), table["n_mixed"].to_numpy()
    pos = table["n_positive"].to_numpy()
    ax.barh(y, -neg, color=STANCE_COLOURS["negative"], label="negative")
    ax.barh(y, -mixed / 2, left=-neg, color=STANCE_COLOURS["mixed"], label="mixed")
    ax.barh(y, pos, color=STANCE_COLOURS["positive"], label="positive")
    ax.barh(y, mixed / 2, left=pos, color=STANCE_COLOURS["mixed"])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(y, _wrap(table["label"]))
    reach = max(1.0, float(np.max(neg + mixed / 2, initial=0)), float(np.max(pos + mixed / 2, initial=0)))
    ax.set_xlim(-reach * 1.1, reach * 1.1)
    ax.xaxis.set_major_formatter(lambda value, _: f"{abs(value):g}")  # counts either way
    ax.set_xlabel("\u2190 criticising    praising \u2192\n(statements)")
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(loc="outside lower center", ncols=3, fontsize=9, frameon=False)
    fig.suptitle(textwrap.fill(f"Stance toward the {target} by theme", 40), fontsize=12)
    return fig


def themes_by_respondent_type(analysis: Analysis) -> Figure:
    """Heat map: how many submissions of each kind of respondent raise each theme."""
    subs = analysis.submissions.assign(theme=analysis.submissions["themes"]).explode("theme")
    subs["respondent_type"] = subs["respondent_type"].replace("", "unknown").fillna("unknown")
    labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"], strict=True))
    table = pd.crosstab(subs["respondent_type"], subs["theme"].map(lambda t: labels.get(t, t)))
    fig, ax = _figure(0.4 * table.shape[0] + 2.6)
    image = ax.imshow(table.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(table.shape[1]), _wrap(table.columns, 12), rotation=30, ha="right",
                  fontsize=9)
    ax.set_yticks(range(table.shape[0]), [t.replace("_", " ") for t in table.index])
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        ax.text(j, i, str(value), ha="center", va="center", fontsize=9)
    fig.colorbar(image, ax=ax, label="submissions")
    ax.set_title("Themes by kind of respondent")
    return fig


def evidence_map(analysis: Analysis) -> Figure:
    """2-D map of the statements (PCA of their embeddings), coloured by theme."""
    from sklearn.decomposition import PCA

    fig, ax = _figure(5.0)
    vectors = analysis.vectors
    if vectors is None or len(vectors) < 3:
        ax.set_title("Too few statements for a map")
        return fig
    points = PCA(n_components=2, random_state=0).fit_transform(vectors)
    labels = dict(zip(analysis.themes["theme_id"], analysis.themes["label"], strict=True))
    for theme, index in analysis.segments.groupby("primary_theme").groups.items():
        position = analysis.segments.index.get_indexer(index)
        ax.scatter(points[position, 0], points[position, 1], s=10, alpha=0.7,
                   label=labels.get(theme, theme))
    fig.legend(loc="outside lower center", ncols=2, fontsize=9, markerscale=2, frameon=False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("Map of the evidence\n(similar statements sit close together)")
    return fig


def theme_sizes_across_calls(counts: pd.DataFrame) -> Figure:
    """Grouped horizontal bars of statements per theme for each call (``counts``: index theme,
    columns calls, e.g. ``pd.crosstab(theme, call)``)."""
    n_calls = max(1, counts.shape[1])
    fig, ax = _figure((0.25 * n_calls + 0.2) * len(counts) + 1.6)
    y = np.arange(len(counts))[::-1]  # first theme on top
    height = 0.8 / n_calls
    for j, call in enumerate(counts.columns):  # first call on top within each theme
        ax.barh(y + 0.4 - height * (j + 0.5), counts[call].to_numpy(), height=height,
                label=str(call))
    ax.set_yticks(y, [str(t) for t in counts.index])
    ax.set_xlabel("statements")
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(loc="outside lower center", ncols=min(3, n_calls), fontsize=9, frameon=False,
               title=counts.columns.name, title_fontsize=9)
    ax.set_title("Theme sizes across calls for evidence")
    return fig


def to_data_uri(fig: Figure) -> str:
    """PNG data URI of a figure, for a self-contained HTML report."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


PLOTS = {"Evidence by theme": theme_sizes, "Stance toward the target by theme": stance_by_theme,
         "Themes by kind of respondent": themes_by_respondent_type, "Map of the evidence": evidence_map}
