"""evidence_lab: analyse the written evidence sent to a Police and Crime Panel's scrutiny review.

Pipeline: ingest -> segment -> embed -> themes -> stance -> findings -> report.

    >>> import evidence_lab as el
    >>> call = el.sample_call()                          # the shipped sample call for evidence
    >>> a = el.analyse([call.folder], codebook=call.codebook)  # doctest: +SKIP
    >>> a.submissions, a.segments, a.themes, a.findings  # doctest: +SKIP
    >>> el.write_outputs(a, "out/sample_call")          # doctest: +SKIP

The public names below are imported on first use, so ``import evidence_lab`` (and the command
line's ``--version`` and ``--help``) does not load spaCy, scikit-learn or PyTorch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_names
from ._version import __version__

if TYPE_CHECKING:
    from .analysis import Analysis
    from .codebook import Codebook, Target, Theme, default_codebook_path, load_codebook
    from .errors import (
        CodebookError,
        ColumnsError,
        DuplicateIdError,
        EvidenceLabError,
        GoldFileError,
        NoInputError,
        ReviewStoreError,
        UnreadableFileError,
    )
    from .evaluation import evaluate
    from .ingest import flag_submissions, read_inputs
    from .pipeline import analyse
    from .report import write_outputs
    from .review import Review
    from .sample import sample_call
    from .segmentation import segment

#: public name -> the module that defines it
_HOMES = {
    "Analysis": "analysis",
    "Codebook": "codebook", "Target": "codebook", "Theme": "codebook",
    "default_codebook_path": "codebook", "load_codebook": "codebook",
    "CodebookError": "errors", "ColumnsError": "errors", "DuplicateIdError": "errors",
    "EvidenceLabError": "errors", "GoldFileError": "errors", "NoInputError": "errors",
    "ReviewStoreError": "errors", "UnreadableFileError": "errors",
    "evaluate": "evaluation",
    "flag_submissions": "ingest", "read_inputs": "ingest",
    "analyse": "pipeline",
    "write_outputs": "report",
    "Review": "review",
    "sample_call": "sample",
    "segment": "segmentation",
}

__all__ = [
    "Analysis", "Codebook", "CodebookError", "ColumnsError", "DuplicateIdError",
    "EvidenceLabError", "GoldFileError", "NoInputError", "Review", "ReviewStoreError", "Target",
    "Theme", "UnreadableFileError", "__version__", "analyse", "default_codebook_path", "evaluate",
    "flag_submissions", "load_codebook", "read_inputs", "sample_call", "segment", "write_outputs",
]


__getattr__, __dir__ = lazy_names(__name__, _HOMES, globals())
