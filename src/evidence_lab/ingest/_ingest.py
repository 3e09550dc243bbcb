"""Collect submissions from files and folders, attach who sent them, and report what was skipped."""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import NoInputError, UnreadableFileError
from ..schema import SUBMISSION_COLUMNS
from ._formats import READERS, SUPPORTED
from ._readers import WARNINGS_KEY, RawDocument, decode_text
from ._sender import name_from_file, sender_in_text

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "organisation", "respondent_type", "received")
#: A submission that would make more statements than this is refused: no real letter comes near
#: it, and a crafted file (a zip bomb of short paragraphs) would otherwise take hours to segment.
MAX_STATEMENTS_PER_SUBMISSION = 20_000
_STATEMENT_END = re.compile(r"[.!?;](?=\s|$)|\n")


@dataclass
class SkippedFile:
    """A file that was not ingested, and why."""

    path: str
    reason: str


@dataclass
class IngestResult:
    """What :func:`read_inputs` found.

    Attributes:
        submissions: the submissions DataFrame (columns in :mod:`evidence_lab.schema`).
        skipped: files that could not be read, with the reason for each.
        files: every input file that was read successfully.
        warnings: files that were read, but not all of them (a sheet left out, a bad line
            skipped, stray NUL bytes removed), with what happened.
    """

    submissions: pd.DataFrame
    skipped: list[SkippedFile] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    warnings: list[SkippedFile] = field(default_factory=list)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "submission"


def _expand(inputs: Iterable[str | Path]) -> list[tuple[Path, Path | None]]:
    """Every file to read, with the manifest that describes it (if its folder has one)."""
    found: list[tuple[Path, Path | None]] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if file.name == MANIFEST_NAME or file.name.startswith((".", "~$")):
                    continue
                manifest = file.parent / MANIFEST_NAME
                found.append((file, manifest if manifest.is_file() else None))
        else:
            manifest = path.parent / MANIFEST_NAME
            found.append((path, manifest if manifest.is_file() and path.name != MANIFEST_NAME else None))
    return found


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Read a folder's ``manifest.csv`` (file, organisation, respondent_type, received) by file name.

    Raises:
        UnreadableFileError: when the manifest cannot be read or has no ``file`` column.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            str(path), f"the manifest cannot be opened ({exc.strerror or exc})") from None
    text = decode_text(data, str(path))
    try:
        rows = list(csv.DictReader(text.splitlines()))
    except csv.Error as exc:
        raise UnreadableFileError(str(path), f"the manifest is not a readable CSV table ({exc}); "
                                  "its columns should be " + ", ".join(MANIFEST_COLUMNS)) from None
    if rows and "file" not in {str(k).strip().lower() for k in rows[0] if k is not None}:
        raise UnreadableFileError(str(path), "the manifest has no 'file' column; its columns "
                                  "should be " + ", ".join(MANIFEST_COLUMNS))
    entries = {}
    for row in rows:
        clean = {k.strip().lower(): (v or "").strip() for k, v in row.items()
                 if k and not isinstance(v, list)}  # a list holds a row's surplus cells
        if clean.get("file"):
            entries[clean.pop("file")] = clean
    return entries


def _submission_id(doc: RawDocument, path: Path, row_index: int, tabular: bool) -> str:
    if doc.submission_id:
        return doc.submission_id
    if tabular:
        return f"{_slug(path.stem)}-r{row_index + 1}"
    return _slug(path.stem)


def read_inputs(inputs: Sequence[str | Path] | str | Path, *, quiet: bool = False) -> IngestResult:
    """Read every submission in the given files and folders.

    Args:
        inputs: files and/or folders (folders are searched recursively, ``manifest.csv`` applied).
        quiet: when False (the default) each skipped file is reported on stderr as it is found.

    Returns:
        An :class:`IngestResult` with the submissions DataFrame and the skipped files.

    Raises:
        NoInputError: when no input exists or no file could be read.
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    skipped: list[SkippedFile] = []

    def skip(path: str, reason: str) -> None:
        skipped.append(SkippedFile(path, reason))
        if not quiet:
            print(f"skipped {path}: {reason}", file=sys.stderr)

    for missing in (str(p) for p in inputs if not Path(p).exists()):
        skip(missing, "no such file or folder; check the path")
    manifests: dict[Path, dict[str, dict[str, str]]] = {}
    rows: list[dict] = []
    files: list[str] = []
    warnings: list[SkippedFile] = []
    used_ids: set[str] = set()

    for path, manifest_path in _expand([p for p in inputs if Path(p).exists()]):
        if manifest_path is not None and manifest_path not in manifests:
            try:
                manifests[manifest_path] = read_manifest(manifest_path)
            except UnreadableFileError as exc:  # the files are still read, without the manifest
                manifests[manifest_path] = {}
                skip(exc.path, exc.reason)
        try:
            documents = _read_one(path)
        except UnreadableFileError as exc:
            skip(exc.path, exc.reason)
            continue
        files.append(str(path))
        for message in dict.fromkeys(m for d in documents for m in d.metadata.get(WARNINGS_KEY, [])):
            warnings.append(SkippedFile(str(path), message))
            if not quiet:
                print(f"warning: {path}: {message}", file=sys.stderr)
        entry = manifests.get(manifest_path, {}).get(path.name, {}) if manifest_path else {}
        tabular = path.suffix.lower() in (".csv", ".xlsx", ".jsonl")
        for index, doc in enumerate(documents):
            rows.append(_row(doc, path, index, tabular, entry, used_ids))

    if not rows:
        reasons = "; ".join(f"{s.path}: {s.reason}" for s in skipped) or "no files found"
        raise NoInputError(f"No readable submissions in {', '.join(map(str, inputs))} ({reasons}). "
                           f"Pass {SUPPORTED} files or folders holding them.")
    return IngestResult(pd.DataFrame(rows, columns=SUBMISSION_COLUMNS), skipped, files, warnings)


def _read_one(path: Path) -> list[RawDocument]:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFileError(str(path), f"unsupported file type '{path.suffix or '(none)'}'; "
                                  f"save it as {SUPPORTED}")
    try:
        documents = reader(path)
    except UnreadableFileError:
        raise
    except OSError as exc:
        raise UnreadableFileError(str(path), f"cannot be opened ({exc.strerror or exc})") from None
    except Exception as exc:  # noqa: BLE001 - a reader bug must not sink the batch
        raise UnreadableFileError(str(path), f"could not be read ({type(exc).__name__}: {exc})") from None
    for doc in documents:
        _check_statements(doc, path)
    return documents


def _check_statements(doc: RawDocument, path: Path) -> None:
    """Refuse a submission that would make over :data:`MAX_STATEMENTS_PER_SUBMISSION` statements
    (counted cheaply, by sentence ends and line breaks, before anything is segmented)."""
    if len(doc.text) < MAX_STATEMENTS_PER_SUBMISSION * 2:
        return  # too short to hold that many statements
    count = len(_STATEMENT_END.findall(doc.text))
    if count > MAX_STATEMENTS_PER_SUBMISSION:
        raise UnreadableFileError(
            doc.source or str(path), f"holds about {count:,} statements, over the limit of "
            f"{MAX_STATEMENTS_PER_SUBMISSION:,} for one submission; it was not read. Split it "
            "into smaller files if it is a real submission")


def _row(doc: RawDocument, path: Path, index: int, tabular: bool, entry: dict[str, str],
         used_ids: set[str]) -> dict:
    submission_id = _submission_id(doc, path, index, tabular)
    if submission_id in used_ids:  # same file name in two folders: disambiguate by folder
        digest = hashlib.sha1(str(path.parent).encode()).hexdigest()[:6]
        submission_id = f"{submission_id}-{digest}"
        while submission_id in used_ids:
            submission_id += "x"
    used_ids.add(submission_id)
    metadata = dict(doc.metadata)
    if doc.page_starts is not None:
        metadata["page_starts"] = doc.page_starts
    if entry.get("received"):
        metadata["received"] = entry["received"]
    # a manifest or a form's own column says who sent it; else the letter names itself; else the
    # file name, when it reads as a name (a form row is one respondent among many in one file)
    fallback = f"Respondent {submission_id}" if tabular else name_from_file(path.stem, submission_id)
    organisation = (doc.organisation or entry.get("organisation") or sender_in_text(doc.text)
                    or fallback)
    return {
        "submission_id": submission_id,
        "organisation": organisation,
        "respondent_type": doc.respondent_type or entry.get("respondent_type", "") or "",
        "source": doc.source,
        "text": doc.text,
        "metadata": metadata,
    }
