"""Score the tool against a hand-coded sample: macro-F1, accuracy, Cohen's kappa, Krippendorff's alpha.

The gold file is JSON Lines with ``text``, ``theme`` and ``pcc_sentiment`` (as in the project's
``dev_gold.jsonl``), or a ``.csv``/``.xlsx`` sheet with those columns (the coding file an officer
fills in); rows whose label is null or blank are left out of that task. Labels are checked
against the codebook before anything is scored: a theme may be given by its id or its label, in
any case; an unknown theme or stance names its line and the labels allowed. Stance is scored as the
annotation standard asks: macro-F1 over positive/negative/neutral, where a gold ``mixed`` counts as
right when the tool says mixed, positive or negative.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import accuracy_score, cohen_kappa_score, f1_score

from .codebook import Codebook, load_codebook
from .errors import GoldFileError
from .ingest._readers import json_objects
from .schema import label_cell, stance_label

POLAR = ("positive", "negative", "neutral")


#: a gold file's columns may carry these other names (a sheet coded by hand says "stance")
GOLD_ALIASES = {"stance": "pcc_sentiment"}


def read_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold file (JSON Lines, or a ``.csv``/``.xlsx`` sheet); errors name the line and
    the fix. ``frame.attrs["lines"]`` holds each row's line in the file, for later errors."""
    path = Path(path)
    if not path.is_file():
        raise GoldFileError(f"{path}: no such file; pass the path of a JSONL, CSV or XLSX "
                            "gold file")
    rows, lines = _sheet_rows(path) if path.suffix.lower() in {".csv", ".xlsx"} \
        else _jsonl_rows(path)
    if not rows:
        raise GoldFileError(f"{path}: no labelled statements found")
    frame = pd.DataFrame(rows).rename(columns=lambda c: str(c).strip())
    for alias, column in GOLD_ALIASES.items():
        if alias in frame.columns and column not in frame.columns:
            frame = frame.rename(columns={alias: column})
    if not {"theme", "pcc_sentiment"} & set(frame.columns):
        raise GoldFileError(f"{path}: no 'theme' or 'pcc_sentiment' labels to score against; "
                            f"it has {', '.join(map(str, frame.columns))}")
    for column in ("theme", "pcc_sentiment"):
        if column not in frame.columns:
            frame[column] = None
        frame[column] = pd.Series([label_cell(v) for v in frame[column]], index=frame.index,
                                  dtype=object)
    frame.attrs["lines"] = lines
    return frame


def _jsonl_rows(path: Path) -> tuple[list[dict], list[int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot be read as UTF-8 text ({type(exc).__name__}); "
                            "save it as UTF-8 JSON Lines") from None
    try:
        objects = list(json_objects(text))
    except ValueError as exc:
        # not JSON from its first line: most likely a sheet under another name
        hint = "; a spreadsheet of text, theme and pcc_sentiment is read when saved as .csv" \
            if str(exc).startswith("line 1 is not valid JSON") else ""
        raise GoldFileError(f"{path}: {exc}{hint}") from None
    for number, row in objects:
        if not str(row.get("text") or "").strip():
            raise GoldFileError(f"{path}: line {number} has no 'text'; each line needs "
                                "'text', 'theme' and 'pcc_sentiment'")
    return [row for _, row in objects], [number for number, _ in objects]


def _sheet_rows(path: Path) -> tuple[list[dict], list[int]]:
    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False) \
            if path.suffix.lower() == ".csv" else \
            pd.read_excel(path, dtype=str, keep_default_na=False)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"{path}: cannot be read ({type(exc).__name__}: {exc}); save it as "
                            "UTF-8 CSV or as XLSX") from None
    sheet.columns = [str(c).strip() for c in sheet.columns]
    if "text" not in sheet.columns:
        raise GoldFileError(f"{path}: needs a 'text' column, with 'theme' and/or "
                            f"'pcc_sentiment'; it has {', '.join(sheet.columns)}")
    keep = sheet["text"].str.strip() != ""  # blank rows of a sheet are no statements
    return sheet[keep].to_dict("records"), [int(i) + 2 for i in sheet.index[keep]]


def check_gold_labels(frame: pd.DataFrame, codebook: Codebook, source: str = "gold") -> pd.DataFrame:
    """The gold frame with its labels in the codebook's terms: themes by id (an id or a label,
    any case), stances in lower case. A label the codebook does not know would score as a
    disagreement without a word, so it is an error naming its line and the labels allowed.

    Raises:
        GoldFileError: for an unknown theme or stance.
    """
    lines = frame.attrs.get("lines") or [i + 1 for i in range(len(frame))]
    checked = frame.copy()
    for column, read, allowed in (
            ("theme", codebook.theme_id_of, [*codebook.theme_ids, "other"]),
            ("pcc_sentiment", stance_label, [*POLAR, "mixed"])):
        given = [label_cell(v) for v in checked[column]] if column in checked.columns \
            else [None] * len(checked)
        values = [None if v is None else read(v) for v in given]
        wrong = [(line, v) for line, v, value in zip(lines, given, values, strict=True)
                 if v is not None and value is None]
        if wrong:
            shown = ", ".join(f"line {line} ({value!r})" for line, value in wrong[:5])
            more = f" and {len(wrong) - 5} more" if len(wrong) > 5 else ""
            also = " (a theme may also be given by its label)" if column == "theme" else ""
            raise GoldFileError(f"{source}: unknown {column} on {shown}{more}; use one of "
                                f"{', '.join(allowed)}{also}")
        checked[column] = pd.Series(values, index=checked.index, dtype=object)
    return checked


def krippendorff_alpha_nominal(a: list[str], b: list[str]) -> float:
    """Krippendorff's alpha for two coders and nominal labels (no missing values)."""
    labels = sorted(set(a) | set(b))
    index = {label: i for i, label in enumerate(labels)}
    coincidence = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b, strict=True):
        coincidence[index[x], index[y]] += 1
        coincidence[index[y], index[x]] += 1
    n = coincidence.sum()
    totals = coincidence.sum(axis=1)
    observed = n - np.trace(coincidence)
    expected = (n * n - (totals ** 2).sum()) / (n - 1) if n > 1 else 0.0
    return float(1 - observed / expected) if expected else 1.0


def stance_adjusted(gold: list[str], predicted: list[str]) -> tuple[list[str], list[str]]:
    """Map labels for stance scoring: a gold ``mixed`` is right when the tool is polar or mixed."""
    g_out, p_out = [], []
    for g, p in zip(gold, predicted, strict=True):
        if g == "mixed":
            if p in ("mixed", "positive", "negative"):
                label = "negative" if p == "mixed" else p
                g_out.append(label)
                p_out.append(label)
            else:
                g_out.append("negative")  # the tool missed the criticism in a mixed statement
                p_out.append(p)
        else:
            g_out.append(g)
            p_out.append("negative" if p == "mixed" and g == "negative" else p)
    return g_out, p_out


def _kappa(gold: list[str], predicted: list[str]) -> float:
    """Cohen's kappa; NaN (without a warning) when it is undefined, as on a one-label subset."""
    if len(set(gold) | set(predicted)) < 2:
        return float("nan")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return float(cohen_kappa_score(gold, predicted))


def _scores(gold: list[str], predicted: list[str], labels: list[str]) -> dict[str, Any]:
    # a label neither coded nor predicted has no F1 (a small per-voice subset often lacks one):
    # left out rather than averaged in as 0
    labels = [label for label in labels if label in set(gold) | set(predicted)]
    per_class = f1_score(gold, predicted, labels=labels, average=None, zero_division=0)
    return {
        "n": len(gold),
        "macro_f1": round(float(f1_score(gold, predicted, labels=labels, average="macro",
                                         zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(gold, predicted)), 4),
        "cohen_kappa": round(_kappa(gold, predicted), 4),
        "krippendorff_alpha": round(krippendorff_alpha_nominal(gold, predicted), 4),
        "f1_per_class": {label: round(float(v), 4) for label, v in zip(labels, per_class, strict=True)},
    }


def score_predictions(gold: pd.DataFrame, themes: list[str], stances: list[str],
                      codebook: Codebook) -> dict[str, Any]:
    """Scores of predicted themes and stances against a gold frame (same row order)."""
    report: dict[str, Any] = {}
    has_theme = gold["theme"].notna().to_numpy()
    if has_theme.any():
        g = gold["theme"][has_theme].tolist()
        p = [t for t, keep in zip(themes, has_theme, strict=True) if keep]
        report["theme"] = _scores(g, p, [*codebook.theme_ids, "other"])
        main = [i for i, label in enumerate(g) if label in codebook.theme_ids]
        if main:
            report["theme_main"] = _scores([g[i] for i in main], [p[i] for i in main],
                                           codebook.theme_ids)
    has_stance = gold["pcc_sentiment"].notna().to_numpy()
    if has_stance.any():
        g = gold["pcc_sentiment"][has_stance].tolist()
        p = [s for s, keep in zip(stances, has_stance, strict=True) if keep]
        g_adj, p_adj = stance_adjusted(g, p)
        report["pcc_sentiment"] = _scores(g_adj, p_adj, list(POLAR))
    return report


def heldout_gold() -> pd.DataFrame:
    """The held-out ``test`` split of the shipped labelled corpus, as a gold frame."""
    from .training import load_training_corpus

    return load_training_corpus("test")[["id", "text", "theme", "pcc_sentiment", "voice"]]


def evaluate(gold: str | Path | pd.DataFrame, *, codebook: Codebook | str | Path | None = None,
             corrections: pd.DataFrame | None = None, show_progress: bool = False,
             training_split: str | None = None, errors: str | Path | None = None) -> dict[str, Any]:
    """Run the tool on each gold statement (as one submission, through :func:`analyse`) and score it.

    Args:
        gold: a JSONL path or a DataFrame with ``text``, ``theme``, ``pcc_sentiment`` (and
            optionally ``voice``: who speaks, e.g. minutes, press, submission).
        codebook: codebook or YAML path (default: the shipped one).
        corrections: officer corrections to add to the training data.
        show_progress: show progress bars.
        training_split: fit the models on this split of the shipped corpus only ("train" when
            scoring the held-out split from :func:`heldout_gold`).
        errors: write every disagreement to this CSV (see :func:`error_table`); None writes nothing.

    Returns:
        ``{"theme": {...}, "theme_main": {...}, "pcc_sentiment": {...}}`` with macro-F1, accuracy,
        Cohen's kappa, Krippendorff's alpha and per-class F1 for each task; with a ``voice`` column
        also ``"by_voice": {voice: {task: {...}}}``.
    """
    frame = gold if isinstance(gold, pd.DataFrame) else read_gold(gold)
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    frame = check_gold_labels(frame, book, str(gold) if not isinstance(gold, pd.DataFrame)
                              else "gold")
    predictions = predict_gold(frame, book, corrections=corrections, show_progress=show_progress,
                               training_split=training_split)
    report = score_predictions(frame, predictions["predicted_theme"].tolist(),
                               predictions["predicted_stance"].tolist(), book)
    if "voice" in frame.columns:
        report["by_voice"] = scores_by_voice(frame, predictions, book)
    if errors is not None:
        error_table(frame, predictions).to_csv(errors, index=False)
    return report


def predict_gold(frame: pd.DataFrame, codebook: Codebook, *, corrections: pd.DataFrame | None = None,
                 show_progress: bool = False, training_split: str | None = None) -> pd.DataFrame:
    """The tool's coding of each gold statement, one row per gold row (same order).

    Each statement is analysed as one submission. Columns: ``predicted_theme``,
    ``predicted_stance`` (the submission's labels), ``theme_score_<id>`` and
    ``stance_proba_<label>`` (means over the statement's segments), ``stance_evidence`` (the
    segments' cue and mention spans, `` | ``-joined) and ``n_segments``.
    """
    from .pipeline import analyse

    ids = [f"gold-{i}" for i in range(len(frame))]
    submissions = pd.DataFrame({"submission_id": ids, "text": frame["text"].tolist()})
    result = analyse(submissions, codebook=codebook, corrections=corrections,
                     show_progress=show_progress, training_split=training_split)
    table = result.submissions.set_index("submission_id").loc[ids]
    segments = result.segments
    score_columns = [c for c in segments.columns
                     if c.startswith(("theme_score_", "stance_proba_"))]
    grouped = segments.groupby("submission_id", sort=False)
    means = grouped[score_columns].mean().reindex(ids)
    evidence = grouped["stance_evidence"].agg(
        lambda spans: " | ".join(str(s) for s in spans if str(s))).reindex(ids, fill_value="")
    out = pd.DataFrame({"predicted_theme": table["primary_theme"].to_numpy(),
                        "predicted_stance": table["pcc_sentiment"].to_numpy()})
    out[score_columns] = means.round(3).to_numpy()
    out["stance_evidence"] = evidence.to_numpy()
    out["n_segments"] = grouped.size().reindex(ids, fill_value=0).to_numpy()
    return out


def _stance_agrees(gold: Any, predicted: str) -> bool:
    """True when a predicted stance counts as right under the annotation standard's rule."""
    if not isinstance(gold, str):
        return True  # no gold stance: nothing to disagree with
    g, p = stance_adjusted([gold], [predicted])
    return g == p


def error_table(gold: pd.DataFrame, predictions: pd.DataFrame) -> pd.DataFrame:
    """Every gold statement the tool codes differently, with its scores and evidence spans.

    Columns: ``id`` and ``voice`` when the gold has them, ``text``, ``gold_theme``,
    ``predicted_theme``, ``theme_wrong``, ``gold_stance``, ``predicted_stance``, ``stance_wrong``,
    then the score and evidence columns of :func:`predict_gold`. A gold ``mixed`` counts as agreed
    when the tool says mixed, positive or negative (as in scoring).
    """
    frame = gold.reset_index(drop=True)
    table = pd.DataFrame({column: frame[column] for column in ("id", "voice") if column in frame})
    table["text"] = frame["text"]
    table["gold_theme"] = frame["theme"]
    table["predicted_theme"] = predictions["predicted_theme"].to_numpy()
    table["theme_wrong"] = frame["theme"].notna() & (table["gold_theme"] != table["predicted_theme"])
    table["gold_stance"] = frame["pcc_sentiment"]
    table["predicted_stance"] = predictions["predicted_stance"].to_numpy()
    table["stance_wrong"] = [not _stance_agrees(g, p) for g, p in
                             zip(frame["pcc_sentiment"], table["predicted_stance"], strict=True)]
    extra = [c for c in predictions.columns if c not in ("predicted_theme", "predicted_stance")]
    table[extra] = predictions[extra].to_numpy()
    return table[table["theme_wrong"] | table["stance_wrong"]].reset_index(drop=True)


def scores_by_voice(gold: pd.DataFrame, predictions: pd.DataFrame,
                    codebook: Codebook) -> dict[str, dict[str, Any]]:
    """:func:`score_predictions` for each value of the gold's ``voice`` column (empty: unknown)."""
    voices = gold["voice"].fillna("").astype(str).replace("", "unknown").to_numpy()
    report = {}
    for voice in sorted(set(voices)):
        keep = voices == voice
        report[voice] = score_predictions(
            gold[keep].reset_index(drop=True), predictions["predicted_theme"][keep].tolist(),
            predictions["predicted_stance"][keep].tolist(), codebook)
    return report


def format_scores(scores: dict[str, Any]) -> str:
    """A small fixed-width table of the scores, one task per row (and one row per voice)."""
    lines = [f"{'task':<16}{'n':>5}{'macro-F1':>10}{'accuracy':>10}{'kappa':>8}{'alpha':>8}"]
    for task, s in scores.items():
        if task == "by_voice":
            continue
        lines.append(f"{task:<16}{s['n']:>5}{s['macro_f1']:>10.3f}{s['accuracy']:>10.3f}"
                     f"{s['cohen_kappa']:>8.3f}{s['krippendorff_alpha']:>8.3f}")
        lines.append("    per class: " + ", ".join(f"{k} {v:.2f}" for k, v in s["f1_per_class"].items()))
    if "by_voice" in scores:
        lines.append(format_voice_scores(scores["by_voice"]))
    return "\n".join(lines)


def format_voice_scores(by_voice: dict[str, dict[str, Any]]) -> str:
    """One row per voice: statements, theme and stance macro-F1, negative F1."""
    lines = [f"{'voice':<22}{'n':>5}{'theme':>8}{'stance':>8}{'neg-F1':>8}"]
    for voice, s in by_voice.items():
        theme, stance = s.get("theme", {}), s.get("pcc_sentiment", {})
        n = max(theme.get("n", 0), stance.get("n", 0))
        negative = stance.get("f1_per_class", {}).get("negative")
        cells = [f"{v:>8.3f}" if v is not None else f"{'-':>8}"
                 for v in (theme.get("macro_f1"), stance.get("macro_f1"), negative)]
        lines.append(f"{voice:<22}{n:>5}" + "".join(cells))
    return "\n".join(lines)


# -- learning curve: how much an officer's coding of k statements helps on the rest --------------

LEARNING_STRATEGIES = ("random", "suggest")


def learning_curve(gold: str | Path | pd.DataFrame, ks: list[int], *, seeds: int = 5,
                   codebook: Codebook | str | Path | None = None,
                   strategies: tuple[str, ...] = LEARNING_STRATEGIES) -> pd.DataFrame:
    """Treat ``k`` gold statements as an officer's corrections and score the tool on the rest.

    Each gold statement is one submission, as in :func:`evaluate`. For every ``k``, seed and
    strategy (``random``: any k statements; ``suggest``: the k that
    :func:`~evidence_lab.adapt.suggestion_order` picks, as ``evidence-lab suggest`` does), the
    chosen statements' gold labels train the review's correction layer
    (:class:`~evidence_lab.adapt.CorrectionLayer`, exactly as ``analyse`` uses it) and the other
    statements are scored. The shipped models never see the gold labels.

    Returns:
        One row per (strategy, k, seed): ``strategy``, ``k``, ``seed``, ``n_scored`` (statements
        not coded), ``theme_macro_f1``, ``stance_macro_f1`` on them, and the same without the
        corrections (``theme_macro_f1_without``, ``stance_macro_f1_without``); NaN when the rest
        has no label of that task.

    Raises:
        GoldFileError: for an unreadable gold file, or a ``k`` that leaves fewer than 2 statements.
    """
    frame = (gold if isinstance(gold, pd.DataFrame) else read_gold(gold)).reset_index(drop=True)
    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    frame = check_gold_labels(frame, book, str(gold) if not isinstance(gold, pd.DataFrame)
                              else "gold")
    bad = [k for k in ks if k < 0 or k > len(frame) - 2]
    if bad:
        raise GoldFileError(f"learning curve sizes {bad} do not fit {len(frame)} gold statements; "
                            f"use sizes from 0 to {len(frame) - 2}")
    unknown = sorted(set(strategies) - set(LEARNING_STRATEGIES))
    if unknown:
        raise GoldFileError(f"unknown strategy {unknown}; use {', '.join(LEARNING_STRATEGIES)}")
    base = _shipped_predictions(frame, book)
    rows = []
    for strategy in strategies:
        for k in ks:
            for seed in range(seeds if k else 1):  # k = 0 is the same for every seed
                chosen = _choose(strategy, k, seed, base)
                rows.append({"strategy": strategy, "k": k, "seed": seed,
                             **_score_rest(frame, book, base, chosen)})
    return pd.DataFrame(rows)


def _shipped_predictions(frame: pd.DataFrame, book: Codebook) -> dict[str, Any]:
    from .embed import get_embedder
    from .models import fit_models

    embedder = get_embedder()
    themes, stance = fit_models(book, embedder=embedder)
    statements = frame[["text"]]
    base: dict[str, Any] = {
        "vectors": embedder.encode(frame["text"].tolist()), "texts": frame["text"].tolist(),
        "themes": themes, "stance": stance,
        "theme_proba": themes.predict_proba(statements),
        "stance_proba": stance.predict_proba(statements)}
    # the labels with no corrections are the same for every draw: decided once
    base["theme_labels"] = _themes_of(base["theme_proba"], themes)
    base["stance_labels"] = stance.decide(base["stance_proba"], frame["text"].tolist())
    return base


def _choose(strategy: str, k: int, seed: int, base: dict[str, Any]) -> np.ndarray:
    from .adapt import suggestion_order

    n = len(base["vectors"])
    if k == 0:
        return np.array([], dtype=int)
    if strategy == "random":
        return np.random.default_rng(seed).choice(n, size=k, replace=False)
    return suggestion_order(base["vectors"], base["theme_proba"], base["stance_proba"], k,
                            random_state=seed)


def _adapted(base: dict[str, Any], proba: np.ndarray, labels: pd.Series, chosen: np.ndarray,
             classes: np.ndarray) -> np.ndarray:
    from .adapt import TRANSITION, WORDS, CorrectionLayer, _onehot, shipped_whitening_for

    given = labels.iloc[chosen]
    known = chosen[(given.notna() & given.isin(list(classes))).to_numpy()]
    if not len(known):
        return proba
    whitening = shipped_whitening_for(base["themes"].embedder, base["vectors"].shape[1])
    texts = base["texts"]
    layer = CorrectionLayer(whitening=whitening, words=WORDS.get(str(labels.name), 0.0),
                            transition=TRANSITION.get(str(labels.name), False)).fit(
        base["vectors"][known], proba[known], labels.iloc[known].tolist(), list(classes),
        [texts[i] for i in known])
    out = layer.transform(base["vectors"], proba, texts).copy()  # never the shared shipped array
    out[known] = _onehot(labels.iloc[known].to_numpy(), classes)
    return out


def _score_rest(frame: pd.DataFrame, book: Codebook, base: dict[str, Any],
                chosen: np.ndarray) -> dict[str, Any]:
    """Scores on the statements not chosen, with the corrections and without (paired)."""
    themes, stance = base["themes"], base["stance"]
    rest = np.setdiff1d(np.arange(len(frame)), chosen)
    out: dict[str, Any] = {"n_scored": len(rest)}
    theme_proba = _adapted(base, base["theme_proba"], frame["theme"], chosen, themes.classes_)
    stance_proba = _adapted(base, base["stance_proba"], frame["pcc_sentiment"], chosen,
                            stance.classes_)
    labelled = {"": (_themes_of(theme_proba, themes),
                     stance.decide(stance_proba, frame["text"].tolist())),
                "_without": (base["theme_labels"], base["stance_labels"])}
    for suffix, (theme_labels, stance_labels) in labelled.items():
        scores = score_predictions(frame.iloc[rest], list(theme_labels[rest]),
                                   list(stance_labels[rest]), book)
        out[f"theme_macro_f1{suffix}"] = scores.get("theme", {}).get("macro_f1", np.nan)
        out[f"stance_macro_f1{suffix}"] = scores.get("pcc_sentiment", {}).get("macro_f1", np.nan)
    return out


def _themes_of(proba: np.ndarray, themes: Any) -> np.ndarray:
    """Each statement's theme when it is one short submission (the whole text's, as in analyse)."""
    from .themes import rollup_themes

    ids = [f"gold-{i}" for i in range(len(proba))]
    one = pd.DataFrame({"submission_id": ids, "text": ["x"] * len(ids)})
    for j, cls in enumerate(themes.classes_):
        one[f"theme_score_{cls}"] = proba[:, j]
    rolled = rollup_themes(one, themes.classes_, dict(zip(ids, proba, strict=True)))
    return rolled.loc[ids, "primary_theme"].to_numpy()


def format_learning_curve(curve: pd.DataFrame) -> str:
    """Per strategy and k: mean and spread (standard deviation over seeds) of each task's
    macro-F1 on the statements not coded, and the mean gain over no corrections on the same
    statements."""
    lines = [(f"{'strategy':<10}{'k':>4}{'seeds':>6}{'scored':>7}  {'themes macro-F1 (gain)':<24}"
              f"{'stance macro-F1 (gain)':<24}")]
    for (strategy, k), group in curve.groupby(["strategy", "k"], sort=True):
        cells = []
        for task in ("theme_macro_f1", "stance_macro_f1"):
            mean, spread = group[task].mean(), group[task].std(ddof=0)
            gain = (group[task] - group[f"{task}_without"]).mean()
            cells.append(f"{mean:.3f} ±{spread:.3f} ({gain:+.3f})")
        lines.append(f"{strategy:<10}{k:>4}{len(group):>6}{int(group['n_scored'].iloc[0]):>7}  "
                     f"{cells[0]:<24}{cells[1]:<24}")
    return "\n".join(lines)
