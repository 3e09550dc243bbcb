"""Shipped models: keyed on data and parameters (not code), safe to load, and true to a fresh fit."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from evidence_lab import models
from evidence_lab.codebook import load_codebook

PACKAGE = Path(models.__file__).resolve().parent
PROBES = ["The Commissioner's grant round closed after only ten days.",
          "Nobody from the office has attended our board this year.",
          "The shared control room has cut response times across the two councils.",
          "Apologies for absence were received from Councillor Hughes."]


def _key_in_a_copy(tmp_path: Path, edit: str | None) -> str:
    copy = tmp_path / "src" / "evidence_lab"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.npz"))
    if edit is not None:
        target = copy / edit
        target.write_text(target.read_text(encoding="utf-8") + "\n# a comment edit\n",
                          encoding="utf-8")
    code = ("import evidence_lab, evidence_lab.models as m; from evidence_lab.codebook import "
            f"load_codebook; assert evidence_lab.__file__.startswith({str(copy)!r}); "
            "print(m.model_key(load_codebook()))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(copy.parent), "PATH": "/usr/bin:/bin"},
                         check=True, timeout=120)
    return run.stdout.strip()


def test_a_comment_edit_to_the_estimators_keeps_the_shipped_models(tmp_path):
    original = models.model_key(load_codebook())
    assert _key_in_a_copy(tmp_path / "a", "stance/_classifier.py") == original
    assert _key_in_a_copy(tmp_path / "b", "themes/_guided.py") == original


def test_the_default_codebooks_models_are_shipped_and_loaded_not_fitted(monkeypatch):
    stem = models.models_dir() / models.model_key(load_codebook())
    meta = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["format"] == models.MODEL_FORMAT
    models.clear_cache()

    def refuse(*args, **kwargs):
        raise AssertionError("the shipped models were refitted")

    monkeypatch.setattr(models, "_fit", refuse)
    themes, _ = models.fit_models(load_codebook())
    assert themes.predict(PROBES[:1]).tolist() == ["commissioning"]
    models.clear_cache()


def test_shipped_files_hold_no_pickle():
    for npz in models.models_dir().glob("*.npz"):
        with np.load(npz, allow_pickle=False) as archive:  # raises on an object array
            assert all(archive[name].dtype != object for name in archive.files)


@pytest.mark.slow
def test_shipped_models_predict_as_a_fresh_fit_does():
    """Fails when a change to the features forgot to bump MODEL_FORMAT (the shipped models would
    silently be the old ones): run ``make models`` and bump it."""
    book = load_codebook()
    shipped = models.load_models(models.models_dir() / models.model_key(book), book)
    fresh = models._fit(book, None, None, models.resolve_embedder(None))
    for old, new in zip(shipped, fresh, strict=True):
        np.testing.assert_allclose(old.predict_proba(PROBES), new.predict_proba(PROBES), atol=1e-6)
