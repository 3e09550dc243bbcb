"""Write an analysis to a folder: the CSV tables, the draft (Markdown, Word), report.html, run.json."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path, PurePath, PureWindowsPath
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._io import atomic_write_text, write_csv

if TYPE_CHECKING:
    from ..analysis import Analysis
    from ..redact import Redactor

#: What personal-data redaction covers in written outputs (the review store keeps the originals).
#: Organisations (the ``organisation`` field, findings' ``organisations``) are never redacted,
#: and are kept in text too (see :func:`redact_analysis`).
REDACT_COLUMNS = {"segments": ["text", "stance_evidence", "heading", "previous_text"],
                  "findings": ["text", "quotes"],
                  "subthemes": ["label", "representatives"]}


def redact_analysis(analysis: Analysis, redactor: Redactor | None = None) -> Analysis:
    """A copy whose text columns (:data:`REDACT_COLUMNS`) have personal data redacted.

    Ids and file names are redacted too: a submission whose id or file name holds personal data
    gets a neutral id (:meth:`~evidence_lab.redact.Redactor.neutral_name`) in every table, citation
    and path, and ``run.json`` lists its file under the neutral name. The run manifest records
    what was redacted (kinds and counts), never the data itself.
    """
    from ..redact import Redactor, redact_frame

    redactor = redactor or Redactor(codebook=analysis.codebook)
    user_keep = list(redactor.keep)
    analysis = neutral_ids(analysis, redactor)
    # the organisations that sent evidence are named in text as they are: never as "[name]"
    redactor = redactor.keeping(known_organisations(analysis))
    frames = {}
    for name, columns in REDACT_COLUMNS.items():
        frame = getattr(analysis, name)
        if not frame.empty:
            frames[name] = redact_frame(frame, [c for c in columns if c in frame.columns], redactor)
    run = {**analysis.run, "redaction": {"enabled": True, "kinds": list(redactor.kinds),
                                         "keep": user_keep,
                                         "counts": redactor.report.as_dict()}}
    return dataclasses.replace(analysis, **frames, run=run)


def known_organisations(analysis: Analysis) -> list[str]:
    """The organisations that sent evidence (from the files, tables and manifests), longest first;
    placeholders such as ``Respondent row-3`` are left out."""
    names = {str(o).strip() for o in analysis.submissions["organisation"] if isinstance(o, str)}
    return sorted((n for n in names if n and not n.startswith("Respondent ")),
                  key=lambda n: (-len(n), n))


def neutral_ids(analysis: Analysis, redactor: Redactor) -> Analysis:
    """A copy in which ids, file paths and file-name organisations hold no personal data.

    A submission id made from a file name ("mrs_jane_okafor_14_mill_lane" from ``Mrs Jane Okafor
    14 Mill Lane.txt``) or given in a table is replaced by a neutral one wherever it appears (its
    segments' ids, citations, duplicates, embeddings); the organisation that ingest made from
    such a file name becomes ``Respondent <neutral id>``; every path has its personal folder and
    file names replaced. The mapping back lives only in the review store, which keeps the
    originals.
    """
    from ..ingest import name_from_file  # the readers' libraries load only when outputs are written

    subs = analysis.submissions
    sids, sources = subs["submission_id"].astype(str), subs["source"].astype(str)
    # every id and file name searched in one batch (the spaCy pipeline runs once, not per row)
    asked = list(dict.fromkeys([*map(_stem, sources.unique()), *sids]))
    neutral = dict(zip(asked, redactor.neutral_names(asked), strict=True))
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for sid, source, org in zip(sids, sources, subs["organisation"], strict=True):
        new = _neutral_id(sid, source, neutral)
        if new == sid:
            continue
        ids[sid] = new
        stem = _stem(source)
        # a name ingest made from the file name (older review stores title-cased the stem)
        if org in (name_from_file(stem, sid), stem.replace("_", " ").title(), f"Respondent {sid}"):
            names[str(org)] = f"Respondent {new}"
    if not ids:
        return _with_paths(analysis, redactor)
    swap = _replacer({**ids, **names})

    def segment_id(value: str) -> str:
        sid, colon, n = str(value).rpartition(":")
        return f"{ids.get(sid, sid)}{colon}{n}" if colon else ids.get(str(value), str(value))

    subs = subs.copy()
    subs["submission_id"] = subs["submission_id"].astype(str).map(lambda v: ids.get(v, v))
    subs["organisation"] = subs["organisation"].map(lambda v: names.get(v, v))
    if "duplicate_of" in subs.columns:
        subs["duplicate_of"] = subs["duplicate_of"].map(lambda v: ids.get(v, v))
    segs = analysis.segments.copy()
    segs["segment_id"] = segs["segment_id"].map(segment_id)
    segs["submission_id"] = segs["submission_id"].astype(str).map(lambda v: ids.get(v, v))
    embeddings = analysis.embeddings
    if embeddings is not None:
        embeddings = type(embeddings)([segment_id(i) for i in embeddings.ids], embeddings.matrix)
    frames = {name: _swap_frame(getattr(analysis, name), swap)
              for name in ("findings", "themes", "subthemes")}
    out = dataclasses.replace(analysis, submissions=subs, segments=segs, embeddings=embeddings,
                              run=_swap_value(analysis.run, swap), **frames)
    return _with_paths(out, redactor)


def _neutral_id(sid: str, source: str, neutral: dict[str, str | None]) -> str:
    """``sid``, or a neutral id when it, or the file name it was made from, holds personal data
    (``neutral``: :meth:`~evidence_lab.redact.Redactor.neutral_name` of both)."""
    stem = _stem(source)
    slug = re.sub(r"[^a-z0-9]+", "_", stem.lower()).strip("_")
    if slug and (sid == slug or sid.startswith(slug + "-")):
        made_from = neutral[stem]
        if made_from is not None:
            return made_from + sid[len(slug):]
    return neutral[sid] or sid


def _stem(source: str) -> str:
    file = source.partition("#row=")[0]
    return PureWindowsPath(file).stem if "\\" in file else PurePath(file).stem


def _replacer(mapping: dict[str, str]) -> Callable[[str], str]:
    """A function replacing each key of ``mapping`` standing as a whole token in a text."""
    keys = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w.-])")
    return lambda text: pattern.sub(lambda m: mapping[m.group()], text)


def _swap_value(value: Any, swap: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, dict):
        return {k: _swap_value(v, swap) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_swap_value(v, swap) for v in value)
    return value


def _swap_frame(frame: pd.DataFrame, swap: Callable[[str], str]) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: _swap_value(v, swap))
    return out


def _with_paths(analysis: Analysis, redactor: Redactor) -> Analysis:
    """Every path in the outputs (``source``, the files listed in ``run.json``) made neutral."""
    subs = analysis.submissions.copy()
    run = dict(analysis.run)
    listed = [name for name in ("skipped_files", "read_warnings") if run.get(name)]
    # every path, and every reason a file was skipped, redacted in one batch each
    asked = list(dict.fromkeys([*subs["source"].astype(str), *map(str, run.get("input_files") or []),
                                *(str(s.get("path", "")) for name in listed for s in run[name])]))
    paths = dict(zip(asked, redactor.redact_paths(asked), strict=True))
    reasons = [str(s.get("reason", "")) for name in listed for s in run[name]]
    redacted = dict(zip(reasons, redactor.redact_many(reasons), strict=True))
    subs["source"] = subs["source"].astype(str).map(paths)
    if run.get("input_files"):
        run["input_files"] = [paths[str(p)] for p in run["input_files"]]
    for name in listed:
        run[name] = [{**s, "path": paths[str(s.get("path", ""))],
                      "reason": redacted[str(s.get("reason", ""))]} for s in run[name]]
    return dataclasses.replace(analysis, submissions=subs, run=run)


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
    out = Path(os.path.abspath(out_dir))
    # what a killed run left behind, before deciding whether anything changed; the only recovery
    # of a write (the working-directory case of _write relies on it)
    _recover(out)
    key = outputs_key(analysis, redact=redact, redactor=redactor)
    if skip_unchanged and _holds(out, key):
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
                                                     "basis": basis, "version": __version__,
                                                     "writers": _writers_digest()}))
    return digest.hexdigest()[:24]


@functools.cache
def _writers_digest() -> str:
    """Hash of the code that lays the files out: a changed writer (a new docx layout) rewrites
    the outputs even when the version number and the analysis are the same."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def holds_outputs(out: Path, key: str) -> bool:
    """True when ``out`` holds every output file, written for ``key`` (:func:`outputs_key`).

    What a killed run left beside or in ``out`` is cleared first (see :func:`write_outputs`).
    """
    out = Path(os.path.abspath(out))
    _recover(out)
    return _holds(out, key)


def _holds(out: Path, key: str) -> bool:
    """:func:`holds_outputs` of an absolute ``out`` already recovered."""
    try:
        manifest = json.loads((out / "run.json").read_text(encoding="utf-8"))
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


#: set to a point name (``staged:<file>``, ``before_swap``, ``after_swap``) to make the writer
#: stop there for a while, so a test can kill a real run at that moment
PAUSE_ENV = "EVIDENCE_LAB_PAUSE_AT"
_OUR_NAMES = frozenset((*OUTPUT_FILES, "subthemes.csv"))


def _pause(point: str) -> None:
    if os.environ.get(PAUSE_ENV) == point:
        print(f"evidence_lab paused at {point}", file=sys.stderr, flush=True)
        time.sleep(60)


def _write(analysis: Analysis, out: Path) -> Path:
    """Write every file into a staging folder beside ``out``, then swap it in whole.

    A run killed at any moment leaves ``out`` holding the previous run's files or this run's,
    never a mix. On Linux the two folders are exchanged in one step (``renameat2``); elsewhere
    the old folder is renamed aside first, and the next run puts it back if the kill fell
    between the two renames. Files in ``out`` that are not outputs are moved across unchanged.
    A folder that is the working directory (or holds it) is written file by file instead.
    """
    out = Path(os.path.abspath(out))
    if Path.cwd() == out or out in Path.cwd().parents:
        out.mkdir(parents=True, exist_ok=True)
        return _write_files(analysis, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging, aside = _staging(out), _aside(out)  # write_outputs cleared what a killed run left
    staging.mkdir()
    _write_files(analysis, staging)
    if out.is_dir():
        for entry in out.iterdir():  # the user's own files travel with the folder
            if entry.name not in _OUR_NAMES and not _is_temporary(entry.name):
                os.replace(entry, staging / entry.name)
    _pause("before_swap")
    if out.exists() and _exchange(staging, out):
        _pause("after_swap")
        shutil.rmtree(staging, ignore_errors=True)  # now the previous run's files
        return out
    if out.exists():
        os.replace(out, aside)
    os.replace(staging, out)
    _pause("after_swap")
    shutil.rmtree(aside, ignore_errors=True)
    return out


def _staging(out: Path) -> Path:
    return out.parent / f".{out.name}.staging"


def _aside(out: Path) -> Path:
    return out.parent / f".{out.name}.old"


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")


def _clear_stale(out: Path) -> None:
    """Remove temporary files a killed run left in ``out`` (``.submissions.csv.*.tmp``)."""
    for entry in out.glob(".*.tmp"):
        entry.unlink(missing_ok=True)


def _recover(out: Path) -> None:
    """Undo what a killed run left: put back a folder renamed aside, the user's files moved into
    the staging folder, and remove the rest (temporary files included)."""
    staging, aside = _staging(out), _aside(out)
    if aside.is_dir() and not out.exists():
        os.replace(aside, out)
    for leftover in (staging, aside):
        if not leftover.is_dir():
            continue
        if out.is_dir():
            for entry in leftover.iterdir():
                if (entry.name not in _OUR_NAMES and not _is_temporary(entry.name)
                        and not (out / entry.name).exists()):
                    os.replace(entry, out / entry.name)
        shutil.rmtree(leftover, ignore_errors=True)
    if out.is_dir():
        _clear_stale(out)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
    return done


def _write_files(analysis: Analysis, out: Path) -> Path:
    from ._docx import findings_docx
    from ._html import report_html
    from ._markdown import findings_markdown

    write_csv(flat(analysis.submission_table()), out / "submissions.csv")
    _pause("staged:submissions.csv")
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
    _pause("staged:report.html")
    atomic_write_text(out / "run.json", json.dumps(analysis.run, indent=2, default=str))
    return out
