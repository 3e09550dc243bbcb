"""Every error evidence_lab raises on purpose, in one place.

Each message says what went wrong, where (file, row, field, submission id) and how to fix it.
The CLI turns these into one-line messages and exit codes; Python users catch them by class.
"""

from __future__ import annotations


class EvidenceLabError(Exception):
    """Base class for errors caused by the user's input or configuration (no traceback in the CLI)."""


class UnreadableFileError(EvidenceLabError, OSError):
    """A submission file could not be read: corrupt, empty, encrypted, too large or of the wrong type."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())  # one line: it is printed after "skipped <path>: "
        super().__init__(f"{self.path}: {self.reason}")


class CodebookError(EvidenceLabError, ValueError):
    """A codebook YAML file is malformed; the message names the file, the field and the fix."""

    def __init__(self, path: str, field: str, problem: str, fix: str) -> None:
        self.path, self.field, self.problem, self.fix = str(path), field, problem, fix
        super().__init__(f"{self.path}: field '{field}': {problem}. Fix: {fix}")


class ColumnsError(EvidenceLabError, ValueError):
    """A DataFrame handed to a stage lacks the columns that stage needs."""


class DuplicateIdError(EvidenceLabError, ValueError):
    """Two submissions share a ``submission_id``: statements could not be traced to one of them."""


class NoInputError(EvidenceLabError, ValueError):
    """Nothing readable was found in the inputs."""


class NotFittedError(EvidenceLabError, ValueError):
    """An estimator was used before `fit` was called."""


class GoldFileError(EvidenceLabError, ValueError):
    """A hand-coded gold file for `evaluate` is malformed."""


class ReviewStoreError(EvidenceLabError, ValueError):
    """The review store was asked for something it does not hold (unknown review, finding or segment)."""
