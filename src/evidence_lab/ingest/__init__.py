"""Ingest: read submissions from files and folders with exact provenance."""

from ._ingest import IngestResult, SkippedFile, read_inputs, read_manifest
from ._readers import MAX_FILE_BYTES, READERS, RawDocument, decode_text

__all__ = ["IngestResult", "SkippedFile", "read_inputs", "read_manifest", "READERS", "RawDocument",
           "MAX_FILE_BYTES", "decode_text"]
