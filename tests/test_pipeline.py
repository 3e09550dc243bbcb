"""analyse checks its arguments before it reads anything, and names what is wrong."""

from __future__ import annotations

import pandas as pd
import pytest

import evidence_lab as el
from evidence_lab.errors import ColumnsError
from evidence_lab.pipeline import OptionsError, submission_frame


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"engine": "spark"}, "engine must be one of local, dask"),
    ({"scheduler": "tcp://x:8786"}, "only applies with engine='dask'"),
    ({"training_split": "dev"}, "training_split must be"),
    ({"random_state": "seven"}, "random_state must be a whole number"),
    ({"embedder": "bert-huge"}, "embedder must be one of"),
    ({"corrections": pd.DataFrame({"text": ["a"], "pcc_sentiment": ["angry"]})},
     "unknown stance label"),
])
def test_bad_arguments_are_named_before_any_file_is_read(tmp_path, kwargs, match):
    missing = tmp_path / "no such folder"  # reading it would be a NoInputError
    with pytest.raises(OptionsError, match=match):
        el.analyse([missing], show_progress=False, **kwargs)


def test_a_submissions_frame_without_text_names_the_column():
    with pytest.raises(ColumnsError, match=r"needs the column\(s\) text; the DataFrame has body"):
        el.analyse(pd.DataFrame({"body": ["x"]}), show_progress=False)


def test_a_submissions_frame_gets_its_missing_columns():
    frame = submission_frame(pd.DataFrame({"text": ["one", "two"]}))
    assert frame["submission_id"].tolist() == ["row-1", "row-2"]
    assert frame["metadata"].tolist() == [{}, {}]
    assert set(frame.columns) >= {"organisation", "respondent_type", "source"}
