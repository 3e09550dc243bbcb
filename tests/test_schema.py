"""Every column an analysis returns is documented in evidence_lab.schema.COLUMNS."""

from __future__ import annotations

import pandas as pd
import pytest

import evidence_lab as el
from evidence_lab.schema import COLUMNS, documented

CALL = pd.DataFrame({"submission_id": ["csp", "watch"], "organisation": ["A CSP", "B Watch"],
                     "text": [("The Commissioner funded our youth project. It has been a success.\n\n"
                               "The grant round was far too short for small charities to bid."),
                              "Nobody from the office attends our meetings any more."]})


def test_templated_names_are_matched():
    assert documented("segments", "theme_score_engagement")
    assert not documented("segments", "theme_scores")


@pytest.mark.slow
@pytest.mark.parametrize("discover", [False, True], ids=["codebook", "discover"])
def test_every_column_of_every_table_is_documented(discover):
    analysis = el.analyse(CALL, discover=discover, show_progress=False)
    for table in COLUMNS:
        missing = [c for c in getattr(analysis, table).columns if not documented(table, c)]
        assert not missing, f"document {table} columns {missing} in evidence_lab/schema.py"
