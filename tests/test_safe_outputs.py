"""Safe outputs: spreadsheet-formula neutralisation and atomic writes (evidence_lab._io)."""

from __future__ import annotations

import csv
import os

import pandas as pd
import pytest

from evidence_lab._io import neutralise_formula, safe_frame, write_csv


@pytest.mark.parametrize("cell", ["=SUM(A1:A9)", "+44 7700 900123", "-2+3", "@SUM(1)",
                                  "\t=1+1", "\r=1+1", '=HYPERLINK("http://x","click")'])
def test_formula_cells_get_an_apostrophe(cell):
    assert neutralise_formula(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["The Commissioner replied.", "", " =SUM(A1)", "1+1", "a=b",
                                  "'=already quoted", "£1,150", 42, -5, 1.5, None])
def test_other_cells_unchanged(cell):
    assert neutralise_formula(cell) == cell


def test_safe_frame_neutralises_text_only():
    frame = pd.DataFrame({
        "text": ["=cmd|' /C calc'!A0", "plain", None],
        "typed": pd.array(["@x", "y", None], dtype="string"),
        "score": [-0.5, 0.25, 1.0],
        "n": [-1, 2, 3],
    })
    out = safe_frame(frame)
    assert out["text"].tolist()[:2] == ["'=cmd|' /C calc'!A0", "plain"]
    assert out["typed"].tolist()[:2] == ["'@x", "y"]
    assert out["text"].isna().tolist() == out["typed"].isna().tolist() == [False, False, True]
    assert out["score"].tolist() == [-0.5, 0.25, 1.0]
    assert out["n"].tolist() == [-1, 2, 3]
    assert frame.loc[0, "text"] == "=cmd|' /C calc'!A0"  # the input is not changed


def test_write_csv_is_formula_safe_utf8(tmp_path):
    path = tmp_path / "out" / "segments.csv"
    write_csv(pd.DataFrame({"text": ["-1 star from Zoë", "fine"], "score": [-1, 2]}), path)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [["text", "score"], ["'-1 star from Zoë", "-1"], ["fine", "2"]]


def test_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "findings.csv"
    path.write_text("old contents\n", encoding="utf-8")

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_csv(pd.DataFrame({"text": ["new"]}), path)
    assert path.read_text(encoding="utf-8") == "old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.csv"]  # no temporary file left


def test_successful_write_replaces_the_file(tmp_path):
    path = tmp_path / "findings.csv"
    path.write_text("old contents\n", encoding="utf-8")
    write_csv(pd.DataFrame({"text": ["new"]}), path)
    assert path.read_text(encoding="utf-8") == "text\nnew\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.csv"]
