"""evidence_lab: analyse the written evidence sent to a Police and Crime Panel's scrutiny review.

Pipeline: ingest -> segment -> embed -> themes -> stance -> findings -> report.

    >>> import evidence_lab as el
    >>> a = el.analyse(["corpus/sample_call"])          # doctest: +SKIP
    >>> a.submissions, a.segments, a.themes, a.findings  # doctest: +SKIP
    >>> a.to_dir("out/sample_call")                     # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis import Analysis  # noqa: E402
from .codebook import Codebook, Target, Theme, default_codebook_path, load_codebook  # noqa: E402
from .errors import (  # noqa: E402
    CodebookError,
    ColumnsError,
    DuplicateIdError,
    EvidenceLabError,
    GoldFileError,
    NoInputError,
    ReviewStoreError,
    UnreadableFileError,
)
from .evaluate import evaluate  # noqa: E402
from .ingest import flag_submissions, read_inputs  # noqa: E402
from .pipeline import analyse  # noqa: E402
from .review import Review  # noqa: E402
from .segment import segment  # noqa: E402

__all__ = [
    "__version__", "analyse", "Analysis", "Review", "read_inputs", "flag_submissions", "segment", "evaluate",
    "load_codebook", "DuplicateIdError",
    "default_codebook_path", "Codebook", "Target", "Theme", "EvidenceLabError", "UnreadableFileError",
    "CodebookError", "ColumnsError", "NoInputError", "GoldFileError", "ReviewStoreError",
]
