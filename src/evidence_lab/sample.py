"""The fictional Ravensmoor call for evidence shipped with the package, to try the tool on.

    >>> import evidence_lab as el
    >>> call = el.sample_call()
    >>> a = el.analyse([call.folder], codebook=call.codebook)   # doctest: +SKIP

The files are package data (``evidence_lab/data/sample_call/``), so notebooks and scripts find them
from any working directory. They are rebuilt by ``corpus/build_sample_call.py``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import NamedTuple


class SampleCall(NamedTuple):
    """Where the sample call's files are.

    Attributes:
        folder: the folder of 20 submissions (.docx, .pdf, .txt, .md and an online-form .csv) with
            its ``manifest.csv`` (``file, organisation, respondent_type, received``).
        codebook: the Ravensmoor Police and Crime Panel's codebook (YAML) for the call.
    """

    folder: Path
    codebook: Path


def sample_call() -> SampleCall:
    """The shipped sample call for evidence and its codebook (paths in the installed package)."""
    data = Path(str(resources.files("evidence_lab") / "data"))
    return SampleCall(folder=data / "sample_call", codebook=data / "ravensmoor_codebook.yaml")


__all__ = ["SampleCall", "sample_call"]
