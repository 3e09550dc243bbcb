"""The sample call ships inside the package, so it is found from any working directory."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import evidence_lab as el


def test_sample_call_is_package_data_with_its_manifest_and_codebook():
    call = el.sample_call()
    assert call.folder.is_dir() and call.folder.parent.name == "data"
    with (call.folder / "manifest.csv").open(encoding="utf-8", newline="") as fh:
        manifest = list(csv.DictReader(fh))
    files = {p.name for p in call.folder.iterdir()} - {"manifest.csv"}
    assert len(files) == 18 and {row["file"] for row in manifest} <= files  # 17 + the form export
    assert {p.suffix for p in call.folder.iterdir()} == {".docx", ".pdf", ".txt", ".md", ".csv"}
    book = el.load_codebook(call.codebook)
    assert book.theme_ids == ["engagement", "commissioning", "partnerships", "operational_policing"]


def test_sample_call_resolves_outside_the_checkout(tmp_path):
    script = "import evidence_lab as el; c = el.sample_call(); print(c.folder.is_dir(), c.codebook)"
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": ""})
    found, codebook = out.stdout.split()
    assert found == "True" and codebook.endswith("ravensmoor_codebook.yaml")
