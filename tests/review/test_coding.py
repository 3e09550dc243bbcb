"""Coding in bulk on the sample call: suggest -> fill in the file -> relabel --from-file -> analyse.

One review of the shipped sample call is built once (module fixture); the tests then read and
write coding files in CSV and XLSX, with bad rows that must be named and good ones kept.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import evidence_lab as el
from evidence_lab.cli import main
from evidence_lab.errors import ReviewStoreError
from evidence_lab.review import CODING_COLUMNS, Review, read_coding_file


@pytest.fixture(scope="module")
def sample_review(tmp_path_factory):
    path = tmp_path_factory.mktemp("coding") / "sample.duckdb"
    call = el.sample_call()
    with Review.open(path) as review:
        review.add_call([call.folder], name="sample", show_progress=False)
        first = review.analyse(call.codebook, show_progress=False)
    return path, call, first


@pytest.mark.slow
def test_suggest_fill_relabel_from_file_and_see_the_effect(sample_review, tmp_path, capsys):
    path, call, first = sample_review
    out = tmp_path / "next.xlsx"
    assert main(["suggest", "--review", str(path), "-n", "12", "--out", str(out)]) == 0
    assert "relabel --review" in capsys.readouterr().out
    sheet = read_coding_file(out)
    assert list(sheet.columns) == CODING_COLUMNS
    assert len(sheet) == 12 and sheet["segment_id"].is_unique
    assert set(sheet["segment_id"]) <= set(first.segments["segment_id"])
    # the officer codes every suggested statement the opposite way on stance, keeps the themes
    flip = {"positive": "negative", "negative": "positive", "neutral": "negative",
            "mixed": "negative"}
    sheet["pcc_sentiment"] = sheet["pcc_sentiment"].map(flip)
    sheet.to_excel(out, index=False)
    assert main(["relabel", "--review", str(path), "--from-file", str(out)]) == 0
    assert "Recorded 12 correction(s); rejected 0 row(s)." in capsys.readouterr().out
    with Review.open(path, create=False) as review:
        assert len(review.corrections()) == 12
        second = review.analyse(call.codebook, show_progress=False)
        again = review.suggest(5)
    segs = second.segments.set_index("segment_id")
    coded = sheet.set_index("segment_id")
    assert (segs.loc[coded.index, "pcc_sentiment"] == coded["pcc_sentiment"]).all()
    assert (segs.loc[coded.index, "label_source"] == "officer").all()
    changed = second.run["review"]["changed_by_corrections"]
    assert len(changed) == (segs["label_source"] == "review_model").sum()
    assert not set(again["segment_id"]) & set(coded.index)  # coded ones are not suggested again


def _relabel_from_file(review_path: Path, coding: pd.DataFrame, file: Path,
                       capsys: pytest.CaptureFixture[str]) -> tuple[int, int, str]:
    """``relabel --from-file`` on ``coding`` saved as ``file``: the number of corrections before,
    the exit code and what it printed."""
    coding.to_csv(file, index=False)
    with Review.open(review_path, create=False) as review:
        before = len(review.corrections())
    code = main(["relabel", "--review", str(review_path), "--from-file", str(file)])
    return before, code, capsys.readouterr().out


@pytest.mark.slow
def test_bad_rows_are_named_and_good_ones_kept(sample_review, tmp_path, capsys):
    path, _call, first = sample_review
    some = first.segments.iloc[:2]
    coding = pd.DataFrame({
        "segment_id": [some["segment_id"].iloc[0], "nobody:9", None, None, some["segment_id"].iloc[1]],
        "text": [None, None, "  " + some["text"].iloc[1].upper() + " ", "Text nobody wrote.", None],
        "theme": ["partnerships", "engagement", "commissioning", "engagement", "budgets"],
        "pcc_sentiment": ["negative", None, None, "angry", "positive"],
    })
    before, code, out = _relabel_from_file(path, coding, tmp_path / "coding.csv", capsys)
    assert code == 2
    assert "Recorded 2 correction(s); rejected 3 row(s)." in out
    assert "row 2 (nobody:9): no statement 'nobody:9' in the review" in out
    assert "row 4 (no id): no statement in the review has this text" in out
    assert "row 5" in out and "theme 'budgets' is not in codebook" in out
    with Review.open(path, create=False) as review:
        added = review.corrections().iloc[before:]
    assert added["segment_id"].tolist() == some["segment_id"].tolist()  # the text row matched
    assert added["theme"].tolist() == ["partnerships", "commissioning"]


def test_a_coding_file_needs_an_id_or_a_text(tmp_path):
    file = tmp_path / "labels.csv"
    file.write_text("theme,pcc_sentiment\nengagement,positive\n", encoding="utf-8")
    with pytest.raises(ReviewStoreError, match="needs a 'segment_id' or a 'text' column"):
        read_coding_file(file)
    with pytest.raises(ReviewStoreError, match="must be .csv or .xlsx"):
        read_coding_file(Path(__file__))


@pytest.mark.slow
def test_labels_as_an_officer_writes_them_and_rows_left_uncoded(sample_review, tmp_path, capsys):
    path, call, first = sample_review
    ids = first.segments["segment_id"].iloc[10:14].tolist()
    book = el.load_codebook(call.codebook)
    label = book.label_of("engagement")
    coding = pd.DataFrame({"segment_id": [*ids, None],
                           "theme": [f" {label.upper()} ", "Partnerships", None, None, None],
                           "pcc_sentiment": ["Negative", None, "NEUTRAL ", None, None]})
    before, code, out = _relabel_from_file(path, coding, tmp_path / "partly.csv", capsys)
    assert code == 0
    # a label or another case is the theme meant; the fourth row was not coded yet, the last is blank
    assert "Recorded 3 correction(s); rejected 0 row(s); 1 row(s) left uncoded." in out
    with Review.open(path, create=False) as review:
        added = review.corrections().iloc[before:]
        review.relabel(ids[3], theme="Commissioning", pcc_sentiment=" Positive")
        last = review.corrections().iloc[-1]
    assert added["theme"].fillna("").tolist() == ["engagement", "partnerships", ""]
    assert added["pcc_sentiment"].fillna("").tolist() == ["negative", "", "neutral"]
    assert (last["theme"], last["pcc_sentiment"]) == ("commissioning", "positive")
