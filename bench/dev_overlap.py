"""Training statements that retell a particular dev statement: the check run before any training
text is kept (the dev sets measure the tool; a statement written after one of them teaches that
statement, not its type).

Each shipped training statement is compared with every statement of the real dev sets by the
bundled model's embedding cosine and by the rare words they share (word stems of 6 letters that
fewer than ``--rare`` training statements hold). A pair is listed when the cosine reaches
``--cosine`` or when they share ``--shared`` rare words at a cosine of at least ``--floor``::

    .venv/bin/python bench/dev_overlap.py
    .venv/bin/python bench/dev_overlap.py --files theme_frames   # only these training files

A listed pair is read, not removed blindly: formulaic text (a minute-book reference, the statute a
panel letter cites) shares rare words without retelling anything.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from evidence_lab.embed import resolve_embedder
from evidence_lab.training import corpus_vectors, training_dir

DEV = Path(__file__).resolve().parents[2] / "shared" / "data"


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower())
            if w not in ENGLISH_STOP_WORDS and len(w) > 2}


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def overlaps(files: list[str] | None, *, cosine: float, shared: int, floor: float,
             rare: int) -> list[dict]:
    """Every (training statement, dev statement) pair that is too close, closest first."""
    rows = [{**json.loads(line), "file": path.stem}
            for path in sorted(training_dir().glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [json.loads(line) for name in ("dev_real", "dev_gold")
           for line in (DEV / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()]
    embedder = resolve_embedder(None)
    similarity = (_unit(corpus_vectors([r["text"] for r in rows], embedder))
                  @ _unit(np.asarray(embedder.encode([d["text"] for d in dev]))).T)
    frequency = Counter(w for r in rows for w in _stems(r["text"]))
    dev_stems = [_stems(d["text"]) for d in dev]
    found = []
    for i, row in enumerate(rows):
        if files and row["file"] not in files:
            continue
        for j in np.argsort(-similarity[i])[:5]:
            common = sorted(w for w in _stems(row["text"]) & dev_stems[j] if frequency[w] < rare)
            close = similarity[i, j] >= cosine
            if close or (similarity[i, j] >= floor and len(common) >= shared):
                found.append({"cosine": round(float(similarity[i, j]), 3), "training_id": row["id"],
                              "file": row["file"], "training_text": row["text"],
                              "dev_id": dev[j]["id"], "dev_text": dev[j]["text"],
                              "shared_rare_words": common})
    return sorted(found, key=lambda f: -f["cosine"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", help="training file stems to check (default: all)")
    parser.add_argument("--cosine", type=float, default=0.8)
    parser.add_argument("--shared", type=int, default=3)
    parser.add_argument("--floor", type=float, default=0.55)
    parser.add_argument("--rare", type=int, default=60)
    args = parser.parse_args()
    found = overlaps(args.files, cosine=args.cosine, shared=args.shared, floor=args.floor,
                     rare=args.rare)
    for pair in found:
        print(f"{pair['cosine']:.2f} {pair['training_id']} ({pair['file']}): "
              f"{pair['training_text'][:110]}\n     {pair['dev_id']}: {pair['dev_text'][:110]}\n"
              f"     shared: {', '.join(pair['shared_rare_words'])}")
    print(f"{len(found)} pair(s) to read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
