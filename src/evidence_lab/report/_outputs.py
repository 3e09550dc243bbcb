"""Write an analysis to a folder: the CSV tables, the draft (Markdown, Word), report.html, run.json."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .._io import atomic_write_text, write_csv

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..redact import Redactor

#: What personal-data redaction covers in written outputs (the review store keeps the originals).
REDACT_COLUMNS = {"submissions": ["organisation"],
                  "segments": ["text", "stance_evidence", "heading", "previous_text"],
                  "findings": ["text", "organisations", "quotes"],
                  "subthemes": ["label", "representatives"]}


def redact_analysis(analysis: Analysis, redactor: Redactor | None = None) -> Analysis:
    """A copy whose text columns (:data:`REDACT_COLUMNS`) have personal data redacted.

    The run manifest records what was redacted (kinds and counts), never the data itself.
    """
    from ..redact import Redactor, redact_frame

    redactor = redactor or Redactor(codebook=analysis.codebook)
    frames = {}
    for name, columns in REDACT_COLUMNS.items():
        frame = getattr(analysis, name)
        if not frame.empty:
            frames[name] = redact_frame(frame, [c for c in columns if c in frame.columns], redactor)
    run = {**analysis.run, "redaction": {"enabled": True, "kinds": list(redactor.kinds),
                                         "keep": list(redactor.keep),
                                         "counts": redactor.report.as_dict()}}
    return dataclasses.replace(analysis, **frames, run=run)


#: every file :func:`write_outputs` writes (subthemes.csv only when there are sub-themes)
OUTPUT_FILES = ("submissions.csv", "segments.csv", "themes.csv", "findings.csv",
                "stance_by_organisation.csv", "strongest_statements.csv", "findings.md",
                "findings.docx", "report.html", "run.json")


def write_outputs(analysis: Analysis, out_dir: str | Path, *, redact: bool = True,
                  redactor: Redactor | None = None, skip_unchanged: bool = True) -> Path:
    """Write submissions.csv, segments.csv, themes.csv, findings.csv/.md/.docx, report.html and
    run.json into ``out_dir`` (created if needed); every file is replaced atomically.

    Args:
        analysis: the result of :func:`evidence_lab.analyse` (or of ``Review.analyse``).
        out_dir: output folder.
        redact: redact personal data (emails, phones, postcodes, addresses, NI numbers and
            private individuals' names) from everything written (default True).
        redactor: a configured :class:`~evidence_lab.redact.Redactor` (kinds, keep-list).
        skip_unchanged: leave the folder as it is when it already holds these outputs (the same
            tables, findings, decisions, title and redaction settings; ``run.json`` records them
            as ``outputs_key``), so re-running a review with nothing new rewrites nothing.

    Returns:
        The output folder.
    """
    out = Path(out_dir)
    key = outputs_key(analysis, redact=redact, redactor=redactor)
    if skip_unchanged and holds_outputs(out, key):
        return out
    if redact:
        view = redact_analysis(analysis, redactor)
    else:
        view = dataclasses.replace(analysis, run={**analysis.run, "redaction": {"enabled": False}})
    view.run["outputs_key"] = key
    return _write(view, out)


def outputs_key(analysis: Analysis, *, redact: bool, redactor: Redactor | None) -> str:
    """Hash of everything the written files show (not run timings or the run's own id).

    A review's run carries the key of its inputs (``run_key``), which fixes every label; the
    officers' decisions on findings, the title and the redaction settings are added to it. A
    standalone analysis is hashed by its content.
    """
    from .._persist import frames_to_bytes
    from .._version import __version__

    decisions = [c for c in ("finding_id", "text", "status", "edited_text", "needs_review")
                 if c in analysis.findings.columns]
    if analysis.run.get("run_key"):
        frames = {"findings": analysis.findings[decisions]}
        basis = analysis.run["run_key"]
    else:
        frames = {name: getattr(analysis, name) for name in
                  ("submissions", "segments", "themes", "findings", "subthemes")}
        basis = "content"
    stable = {k: analysis.run.get(k) for k in ("title", "mode", "codebook", "skipped_files",
                                                "input_files")}
    settings = repr(redactor) if redact else "no redaction"
    digest = hashlib.sha256(frames_to_bytes(frames, {"run": stable, "redaction": settings,
                                                     "basis": basis, "version": __version__}))
    return digest.hexdigest()[:24]


def holds_outputs(out: Path, key: str) -> bool:
    """True when ``out`` holds every output file, written for ``key`` (:func:`outputs_key`)."""
    try:
        manifest = json.loads((Path(out) / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("outputs_key") == key and all((out / f).is_file() for f in OUTPUT_FILES)


#: list columns whose items are sentences: joined with " | " in a CSV cell (the rest with ";")
_SENTENCE_LISTS = ("quotes", "representatives")


def flat(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every list cell as text, for a CSV: ``[a, b]`` -> ``a;b``, spans
    ``[(4, 8)]`` -> ``4-8``, sentence lists joined by `` | ``."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype != object:
            continue
        sep = " | " if column in _SENTENCE_LISTS else ";"
        out[column] = out[column].map(lambda v, sep=sep: _cell(v, sep))
    return out


def _cell(value: object, sep: str) -> object:
    if not isinstance(value, (list, tuple)):
        return value
    return sep.join("-".join(map(str, item)) if isinstance(item, (list, tuple)) else str(item)
                    for item in value)


def _write(analysis: Analysis, out: Path) -> Path:
    from ._docx import findings_docx
    from ._html import report_html
    from ._markdown import findings_markdown

    out.mkdir(parents=True, exist_ok=True)
    write_csv(flat(analysis.submission_table()), out / "submissions.csv")
    write_csv(flat(analysis.segment_table()), out / "segments.csv")
    write_csv(flat(analysis.themes.drop(columns=["representatives"], errors="ignore")),
              out / "themes.csv")
    if not analysis.subthemes.empty:
        write_csv(flat(analysis.subthemes), out / "subthemes.csv")
    write_csv(flat(analysis.findings), out / "findings.csv")
    write_csv(analysis.stance_by_organisation().reset_index(), out / "stance_by_organisation.csv")
    write_csv(flat(analysis.strongest_statements()), out / "strongest_statements.csv")
    atomic_write_text(out / "findings.md", findings_markdown(analysis))
    findings_docx(analysis, out / "findings.docx")
    atomic_write_text(out / "report.html", report_html(analysis))
    atomic_write_text(out / "run.json", json.dumps(analysis.run, indent=2, default=str))
    return out
