"""A synthetic call for evidence of any size, built from the sample call's own sentences.

The sample call (``evidence_lab.sample_call()``) is read with :func:`evidence_lab.read_inputs` and
:func:`evidence_lab.segmentation`; its statements are cut at clause boundaries (commas, semicolons,
"and", "but", "which", ...) and new statements are made by joining the head of one statement to the
tail of another, with a seeded RNG. Every statement is unique, so the embedding cache cannot make
the embedding step look faster than it is. Statements are grouped into submissions of about 30
statements (20 to 40), in paragraphs of 2 to 6, each from an organisation drawn from the sample's.

Used by ``bench/run_bench.py`` and ``bench/compare_bertopic.py``; not part of the package.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CALL = REPO / "src" / "evidence_lab" / "data" / "sample_call"  # el.sample_call().folder
MIN_WORDS = 5
STATEMENTS_PER_SUBMISSION = (20, 40)
PARAGRAPH = (2, 6)
# clause boundaries: the cut is made just before the matched text
_CUT = re.compile(r"(?:,|;| -| –)\s+(?:(?:and|but|so|or)\s+)?|\s+(?:and|but|so)\s+(?=[a-z])|"
                  r"\s+(?=(?:which|because|although|while|whilst|where|when|including|without)\s)")
_SUBORDINATE = {"which", "because", "although", "while", "whilst", "where", "when", "including",
                "without"}
_COMMON_STARTS = {"The", "We", "Our", "It", "This", "These", "There", "They", "Their", "In", "Its",
                  "That", "Many", "Some", "Most", "A", "An", "However", "Since", "For", "On", "At"}
_INNER_END = re.compile(r"[.!?]['\"”’)]?\s+\S")


@dataclass(frozen=True)
class Sample:
    """What the synthetic corpus is built from.

    Attributes:
        statements: the sample call's statements with at least ``MIN_WORDS`` words.
        organisations: (organisation, respondent_type) pairs of the sample's submissions.
    """

    statements: list[str]
    organisations: list[tuple[str, str]]


def load_sample(path: Path = SAMPLE_CALL) -> Sample:
    """Read and segment the sample call (loads the spaCy model once)."""
    from evidence_lab import read_inputs, segment

    submissions = read_inputs([path], quiet=True).submissions
    segments = segment(submissions, show_progress=False)
    texts = [" ".join(t.split()) for t in segments["text"]]
    statements = [t for t in dict.fromkeys(texts)
                  if len(t.split()) >= MIN_WORDS and t[-1] in ".!?" and t[0].isupper()
                  and not _INNER_END.search(t)]
    organisations = sorted(set(zip(submissions["organisation"], submissions["respondent_type"],
                                   strict=True)))
    return Sample(statements, organisations)


def _cuts(text: str) -> list[int]:
    """Positions where ``text`` may be cut: clause boundaries at least 3 words from either end."""
    out = []
    for match in _CUT.finditer(text):
        head, tail = text[:match.start()], text[match.end():]
        if len(head.split()) >= 3 and len(tail.split()) >= 3:
            out.append(match.start())
    return out


def _tail(text: str, cut: int) -> str:
    match = _CUT.match(text, cut)
    return text[match.end():].lstrip() if match else text[cut:].lstrip()


def _finish(text: str) -> str:
    text = text.strip().rstrip(",;:-– ")
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def make_statements(sample: Sample, n: int, *, seed: int = 0) -> list[str]:
    """``n`` unique statements, each the head of one sample statement joined to the tail of another.

    Raises:
        ValueError: when the sample has too few statements with clause boundaries to make ``n``.
    """
    return _make(sample, n, seed)[0]


def statement_sources(sample: Sample, n: int, *, seed: int = 0
                      ) -> dict[str, tuple[str, str, float]]:
    """For each statement of :func:`make_statements` (same arguments): the sample statement its
    head came from, the one its tail came from, and the head's share of its words."""
    statements, sources = _make(sample, n, seed)
    return dict(zip(statements, sources, strict=True))


def _make(sample: Sample, n: int, seed: int) -> tuple[list[str], list[tuple[str, str, float]]]:
    rng = np.random.default_rng(seed)
    cuttable = [(s, _cuts(s)) for s in sample.statements]
    cuttable = [(s, c) for s, c in cuttable if c]
    if len(cuttable) < 10:
        raise ValueError("the sample has fewer than 10 statements with clause boundaries")
    joins = [", and ", ", but ", "; ", ", while ", ", ", " and "]
    seen: set[str] = set()
    out: list[str] = []
    sources: list[tuple[str, str, float]] = []
    attempts = 0
    while len(out) < n:
        attempts += 1
        if attempts > 50 * n + 1000:
            raise ValueError(f"could only make {len(out)} unique statements of {n}")
        head_text, head_cuts = cuttable[rng.integers(len(cuttable))]
        tail_text, tail_cuts = cuttable[rng.integers(len(cuttable))]
        head = head_text[:head_cuts[rng.integers(len(head_cuts))]]
        tail = _tail(tail_text, tail_cuts[rng.integers(len(tail_cuts))])
        first = tail.split(" ", 1)[0]
        if first in _COMMON_STARTS:
            tail = first.lower() + tail[len(first):]
        join = ", " if first.lower() in _SUBORDINATE else joins[rng.integers(len(joins))]
        statement = _finish(head + join + tail)
        if len(statement.split()) > 60 or statement in seen:
            continue
        seen.add(statement)
        out.append(statement)
        sources.append((head_text, tail_text, len(head.split()) / len(statement.split())))
    return out, sources


def make_submissions(sample: Sample, n_statements: int, *, seed: int = 0) -> pd.DataFrame:
    """Submissions holding ``n_statements`` synthetic statements in all.

    Returns:
        A submissions DataFrame: ``submission_id``, ``organisation``, ``respondent_type``, ``text``
        and ``n_statements`` (how many statements went into the text).
    """
    rng = np.random.default_rng(seed + 1)
    statements = make_statements(sample, n_statements, seed=seed)
    rows = []
    position = 0
    while position < len(statements):
        size = int(rng.integers(STATEMENTS_PER_SUBMISSION[0], STATEMENTS_PER_SUBMISSION[1] + 1))
        chunk = statements[position:position + size]
        position += len(chunk)
        paragraphs, i = [], 0
        while i < len(chunk):
            step = int(rng.integers(PARAGRAPH[0], PARAGRAPH[1] + 1))
            paragraphs.append(" ".join(chunk[i:i + step]))
            i += step
        organisation, respondent_type = sample.organisations[rng.integers(len(sample.organisations))]
        rows.append({"submission_id": f"syn-{len(rows) + 1:05d}", "organisation": organisation,
                     "respondent_type": respondent_type, "text": "\n\n".join(paragraphs) + "\n",
                     "n_statements": len(chunk)})
    return pd.DataFrame(rows)


def proxy_vectors(texts: list[str], sources: dict[str, tuple[str, str, float]],
                  embed: Callable[[list[str]], np.ndarray]) -> tuple[np.ndarray, int]:
    """Stand-in embeddings for synthetic statements without running the model on each of them.

    A statement's vector is the word-share weighted mean of the embeddings of the two sample
    statements it was cut from, re-normalised: it keeps the corpus's topical structure, so
    clustering and findings do realistic work, but it is not MiniLM's output for the statement.
    Texts with no known sources (segmentation split them differently) are embedded for real.

    Returns:
        (vectors, how many texts were embedded for real)
    """
    unknown = [t for t in texts if " ".join(t.split()) not in sources]
    needed = sorted({s for t in texts if (k := " ".join(t.split())) in sources
                     for s in sources[k][:2]} | set(unknown))
    table = dict(zip(needed, embed(needed), strict=True))
    rows = []
    for text in texts:
        key = " ".join(text.split())
        if key in sources:
            head, tail, share = sources[key]
            vector = share * table[head] + (1 - share) * table[tail]
            rows.append(vector / np.linalg.norm(vector))
        else:
            rows.append(table[text])
    return np.vstack(rows).astype(np.float32), len(unknown)


def write_folder(submissions: pd.DataFrame, folder: Path) -> Path:
    """Write one ``.txt`` per submission plus a ``manifest.csv`` naming the organisations."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "organisation", "respondent_type", "received"])
        for row in submissions.itertuples():
            name = f"{row.submission_id}.txt"
            (folder / name).write_text(row.text, encoding="utf-8")
            writer.writerow([name, row.organisation, row.respondent_type, "2026-11-01"])
    return folder


def write_results(report: dict, out: str | None) -> None:
    """Write a benchmark's results as indented JSON to ``out`` (nothing when ``out`` is None)."""
    import json

    if not out:
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {out}")


def preloaded(texts: list[str], vectors: np.ndarray, embedder=None):  # noqa: ANN001, ANN201
    """The default embedder (or ``embedder``) with ``vectors`` already in its cache, so that
    ``analyse(..., embedder=...)`` uses them and embeds nothing (``analyse`` takes vectors only
    through its embedder)."""
    from evidence_lab.embed import get_embedder, text_key

    embedder = embedder if embedder is not None else get_embedder()
    embedder.preload({text_key(t): v for t, v in zip(texts, vectors, strict=True)})
    return embedder
