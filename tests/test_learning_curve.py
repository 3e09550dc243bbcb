"""evaluate --learning-curve: k gold statements as corrections, the rest scored with and without."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evidence_lab.cli import main
from evidence_lab.errors import GoldFileError
from evidence_lab.evaluation import format_learning_curve, learning_curve, read_gold

TINY = Path(__file__).parent / "data" / "tiny_gold.jsonl"


@pytest.mark.slow
def test_learning_curve_scores_the_rest_with_and_without_corrections():
    gold = read_gold(TINY)
    curve = learning_curve(gold, [0, 2, 4], seeds=2)
    assert curve.groupby(["strategy", "k"]).size().to_dict() == {
        ("random", 0): 1, ("random", 2): 2, ("random", 4): 2,
        ("suggest", 0): 1, ("suggest", 2): 2, ("suggest", 4): 2}
    assert (curve["n_scored"] == len(gold) - curve["k"]).all()
    start = curve[curve["k"] == 0]
    assert np.allclose(start["theme_macro_f1"], start["theme_macro_f1_without"])
    scores = curve[["theme_macro_f1", "stance_macro_f1"]].to_numpy()
    assert ((scores >= 0) & (scores <= 1)).all()
    table = format_learning_curve(curve)
    assert table.splitlines()[0].split()[:4] == ["strategy", "k", "seeds", "scored"]
    assert len(table.splitlines()) == 7


def test_sizes_that_leave_nothing_to_score_are_refused():
    with pytest.raises(GoldFileError, match=r"sizes \[7\] do not fit 7 gold statements"):
        learning_curve(TINY, [0, 7])


def test_cli_learning_curve_errors_are_one_line(capsys):
    assert main(["evaluate", str(TINY), "--learning-curve", "0,ten"]) == 2
    assert "whole numbers separated by commas" in capsys.readouterr().err
