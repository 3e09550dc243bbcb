"""Reading gold files and the scoring rules of the annotation standard."""

from __future__ import annotations

import pandas as pd
import pytest

from evidence_lab import GoldFileError
from evidence_lab.codebook import load_codebook
from evidence_lab.evaluation import (
    check_gold_labels,
    error_table,
    krippendorff_alpha_nominal,
    read_gold,
    scores_by_voice,
    stance_adjusted,
)


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


def _predictions(themes, stances):
    return pd.DataFrame({"predicted_theme": themes, "predicted_stance": stances,
                         "stance_proba_negative": [0.9, 0.1, 0.2, 0.7],
                         "stance_evidence": ["yet to [implied]", "", "", "never [implied]"],
                         "n_segments": [1, 1, 2, 1]})


def _gold():
    return pd.DataFrame({"id": ["a", "b", "c", "d"], "voice": ["minutes", "minutes", "press", None],
                         "text": ["We are yet to see it.", "Item 1.", "The fund helped.", "Never."],
                         "theme": ["engagement", "other", "commissioning", None],
                         "pcc_sentiment": ["negative", "neutral", "mixed", "neutral"]})


def test_error_table_keeps_only_disagreements_with_scores_and_evidence():
    table = error_table(_gold(), _predictions(["engagement", "engagement", "commissioning", "other"],
                                              ["negative", "neutral", "positive", "negative"]))
    # b: theme wrong; c: gold mixed, tool positive counts as right; d: stance wrong, no gold theme
    assert table["id"].tolist() == ["b", "d"]
    assert table["theme_wrong"].tolist() == [True, False]
    assert table["stance_wrong"].tolist() == [False, True]
    assert table["stance_evidence"].tolist() == ["", "never [implied]"]
    assert table["stance_proba_negative"].tolist() == [0.1, 0.7]
    assert list(table.columns[:3]) == ["id", "voice", "text"]


def test_scores_by_voice_scores_each_voice_on_its_own_labels():
    by_voice = scores_by_voice(_gold(), _predictions(["engagement", "other", "partnerships", "other"],
                                                     ["negative", "neutral", "neutral", "neutral"]),
                               load_codebook(None))
    assert list(by_voice) == ["minutes", "press", "unknown"]
    assert by_voice["minutes"]["theme"]["macro_f1"] == 1.0  # labels absent from it do not count
    assert by_voice["minutes"]["pcc_sentiment"]["f1_per_class"] == {"negative": 1.0, "neutral": 1.0}
    assert by_voice["press"]["pcc_sentiment"]["macro_f1"] == 0.0  # missed the mixed statement
    assert "theme" not in by_voice["unknown"]


def test_read_gold_reads_a_coding_sheet_and_a_stance_column(tmp_path):
    sheet = tmp_path / "coded.csv"
    pd.DataFrame({"text": ["The OPCC replied quickly.", "", "Item 4: minutes."],
                  "theme": ["Engagement and communication", "", "other"],
                  "stance": ["Positive", "", ""]}).to_csv(sheet, index=False)
    frame = read_gold(sheet)
    assert frame["text"].tolist() == ["The OPCC replied quickly.", "Item 4: minutes."]
    assert frame.attrs["lines"] == [2, 4]  # blank rows are no statements; lines as the sheet shows
    checked = check_gold_labels(frame, load_codebook(), str(sheet))
    assert checked["theme"].tolist() == ["engagement", "other"]  # a label read as its id
    assert checked["pcc_sentiment"].tolist() == ["positive", None]  # blank: left out of stance
    xlsx = tmp_path / "coded.xlsx"
    pd.read_csv(sheet, dtype=str, keep_default_na=False).to_excel(xlsx, index=False)
    assert read_gold(xlsx)["text"].tolist() == frame["text"].tolist()


@pytest.mark.parametrize(("row", "message"), [
    ('"theme": "commisioning", "pcc_sentiment": "negative"',
     r"unknown theme on line 2 \('commisioning'\); use one of engagement, commissioning"),
    ('"theme": "engagement", "pcc_sentiment": "praise"',
     r"unknown pcc_sentiment on line 2 \('praise'\); use one of positive, negative, neutral"),
])
def test_a_label_the_codebook_does_not_know_is_an_error_not_a_disagreement(tmp_path, row, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Fine.", "theme": "other", "pcc_sentiment": "neutral"}\n'
                    f'{{"text": "The office never replied.", {row}}}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match=message):
        check_gold_labels(read_gold(gold), load_codebook(), str(gold))


def test_a_gold_file_without_labels_says_what_it_has(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "Fine.", "label": "neutral"}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match="no 'theme' or 'pcc_sentiment' labels.*it has text, label"):
        read_gold(gold)
