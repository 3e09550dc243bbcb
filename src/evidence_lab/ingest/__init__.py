"""Ingest: read submissions from files and folders with exact provenance, and flag duplicates."""

from ._formats import READERS, SUPPORTED
from ._ingest import (
    MAX_STATEMENTS_PER_SUBMISSION,
    IngestResult,
    SkippedFile,
    read_inputs,
    read_manifest,
)
from ._quality import flag_submissions, language_of
from ._readers import MAX_FILE_BYTES, MAX_UNZIPPED_BYTES, RawDocument, decode_text
from ._sender import name_from_file, sender_in_text

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_STATEMENTS_PER_SUBMISSION",
    "MAX_UNZIPPED_BYTES",
    "READERS",
    "SUPPORTED",
    "IngestResult",
    "RawDocument",
    "SkippedFile",
    "decode_text",
    "flag_submissions",
    "language_of",
    "name_from_file",
    "read_inputs",
    "read_manifest",
    "sender_in_text",
]
