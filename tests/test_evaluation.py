"""Reading gold files and the scoring rules of the annotation standard."""

from __future__ import annotations

import pytest

from evidence_lab import GoldFileError
from evidence_lab.evaluation import krippendorff_alpha_nominal, read_gold, stance_adjusted


def test_read_gold_keeps_rows_and_adds_missing_label_columns(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "The OPCC replied quickly.", "pcc_sentiment": "positive"}\n\n'
                    '{"text": "Item 4: minutes.", "pcc_sentiment": null}\n', encoding="utf-8")
    frame = read_gold(gold)
    assert frame["text"].tolist() == ["The OPCC replied quickly.", "Item 4: minutes."]
    assert frame["theme"].isna().all()
    assert frame["pcc_sentiment"].tolist()[0] == "positive"


@pytest.mark.parametrize(("content", "message"), [
    ('{"text": "Fine."}\n[1, 2]\n', "line 2 is not a JSON object"),
    ('{"text": "Fine."}\n{"text": ""}\n', "line 2 has no 'text'"),
    ("\n\n", "no labelled statements"),
])
def test_read_gold_names_the_line_and_the_fix(tmp_path, content, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFileError, match=message):
        read_gold(gold)


def test_gold_mixed_counts_as_right_when_the_tool_finds_either_side():
    gold, predicted = stance_adjusted(["mixed", "mixed", "mixed", "neutral"],
                                      ["positive", "mixed", "neutral", "neutral"])
    assert gold == ["positive", "negative", "negative", "neutral"]
    assert predicted == ["positive", "negative", "neutral", "neutral"]


def test_alpha_is_one_for_agreement_and_below_zero_for_systematic_disagreement():
    assert krippendorff_alpha_nominal(["a", "b", "a"], ["a", "b", "a"]) == 1.0
    assert krippendorff_alpha_nominal(["a", "b", "a", "b"], ["b", "a", "b", "a"]) < 0
