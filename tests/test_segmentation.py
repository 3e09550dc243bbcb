"""Segmentation: statements whose offsets slice the submission text exactly; page and paragraph."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evidence_lab.errors import ColumnsError, DuplicateIdError
from evidence_lab.nlp import blank_pipeline
from evidence_lab.schema import CONTEXT_COLUMNS, SEGMENT_COLUMNS
from evidence_lab.segmentation import add_context, segment


def submissions(*texts: str, metadata: list[dict] | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        "submission_id": [f"s{i}" for i in range(len(texts))],
        "text": list(texts),
        "metadata": metadata or [{} for _ in texts],
    })


def check_offsets(subs: pd.DataFrame, segs: pd.DataFrame) -> None:
    """Every invariant the schema promises for segments."""
    texts = dict(zip(subs["submission_id"], subs["text"], strict=True))
    assert list(segs.columns) == SEGMENT_COLUMNS
    for submission_id, group in segs.groupby("submission_id", sort=False):
        text = texts[submission_id]
        previous_end = 0
        for n, row in enumerate(group.itertuples()):
            assert row.segment_id == f"{submission_id}:{n}"
            assert text[row.start_char:row.end_char] == row.text
            assert row.text == row.text.strip() and row.text
            assert row.start_char >= previous_end  # in order, no overlap
            previous_end = row.end_char
        assert group["paragraph"].is_monotonic_increasing


def test_sentences_bullets_and_paragraphs(nlp):
    text = ("Response of the Coldwater partnership\n\n"
            "The Commissioner attended our board twice. She listened to members.\n"
            "• Funding arrived late.\n"
            "• The grant round was too short\n\n"
            "1. We ask for longer bidding windows.\n"
            "2) We ask for feedback on failed bids.")
    subs = submissions(text)
    segs = segment(subs, nlp=nlp, show_progress=False)
    check_offsets(subs, segs)
    assert segs["text"].tolist() == [
        "Response of the Coldwater partnership",
        "The Commissioner attended our board twice.",
        "She listened to members.",
        "Funding arrived late.",
        "The grant round was too short",
        "We ask for longer bidding windows.",
        "We ask for feedback on failed bids.",
    ]
    assert segs["paragraph"].tolist() == [0, 1, 1, 1, 1, 2, 2]
    assert segs["page"].isna().all() and str(segs["page"].dtype) == "Int64"


def test_wrapped_line_is_one_statement(nlp):
    text = ("Our members have told us that the office has not replied to the letters they sent,\n"
            "and that the grant round opened with only three weeks to bid.")
    segs = segment(submissions(text), nlp=nlp, show_progress=False)
    assert segs["text"].tolist() == [text]


def test_pages_from_page_starts(nlp):
    text = "First page statement.\n\nSecond page statement. Another one.\n\nThird page."
    starts = [0, text.index("Second"), text.index("Third")]
    segs = segment(submissions(text, metadata=[{"page_starts": starts}]), nlp=nlp,
                   show_progress=False)
    assert segs["page"].tolist() == [1, 2, 2, 3]


def test_statement_without_letters_or_digits_is_dropped(nlp):
    segs = segment(submissions("Fine.\n\n* * *\n\n---\n\nGood."), nlp=nlp, show_progress=False)
    assert segs["text"].tolist() == ["Fine.", "Good."]


def test_missing_text_gives_no_segments(nlp):
    subs = pd.DataFrame({"submission_id": ["a", "b"], "text": [None, "The Commissioner came."]})
    segs = segment(subs, nlp=nlp, show_progress=False)
    assert segs["submission_id"].tolist() == ["b"]


def test_no_submissions_gives_empty_frame(nlp):
    segs = segment(submissions(), nlp=nlp, show_progress=False)
    assert list(segs.columns) == SEGMENT_COLUMNS and segs.empty


def test_missing_column_is_named():
    with pytest.raises(ColumnsError, match=r"^segment needs the column\(s\) text; the DataFrame "
                       r"has submission_id\. Pass the output of the previous pipeline stage\.$"):
        segment(pd.DataFrame({"submission_id": ["a"]}), show_progress=False)


def test_duplicate_ids_are_refused(nlp):
    subs = pd.DataFrame({"submission_id": ["a", "a", "b"], "text": ["One.", "Two.", "Three."]})
    with pytest.raises(DuplicateIdError, match=r"^segment needs one row per submission_id, but a "
                       r"occurs more than once; give each submission its own id$"):
        segment(subs, nlp=nlp, show_progress=False)


def test_text_longer_than_the_pipeline_accepts():
    """A submission with no line breaks longer than ``nlp.max_length`` is cut, not refused."""
    nlp = blank_pipeline()
    nlp.max_length = 2_000
    sentence = "The Commissioner's office answered {} letters late. "
    text = "".join(sentence.format(i) for i in range(300)).strip()  # ~15,000 characters, one line
    subs = submissions(text)
    segs = segment(subs, nlp=nlp, show_progress=False)
    check_offsets(subs, segs)
    assert segs["text"].tolist() == [sentence.format(i).strip() for i in range(300)]


def test_long_line_without_spaces_is_cut_not_refused():
    nlp = blank_pipeline()
    nlp.max_length = 1_000
    subs = submissions("x" * 5_000)
    segs = segment(subs, nlp=nlp, show_progress=False)
    check_offsets(subs, segs)
    assert "".join(segs["text"]) == "x" * 5_000


# Fragments that stress the splitter: line and paragraph breaks, bullets, numbering, quotes,
# non-Latin scripts, odd white space (NBSP, tab, line separator) and stray punctuation.
FRAGMENTS = st.sampled_from([
    "\n", "\n\n", "\n \n", "\r\n", "\t", " ", "\u00a0", "\u2028", "• ", "- ", "* ", "1. ", "a) ",
    "(ii) ", ".", "!", "?", "…", ":", ";", "“", "”", "’", "—", "The Commissioner", "PCC",
    "funding was cut", "Ça va", "Ελλάδα", "名古屋", "🙂", "e.g.", "Mr.", "£3m", "101",
])
TEXTS = st.lists(st.one_of(FRAGMENTS, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXTS, min_size=1, max_size=3))
def test_segments_slice_the_text_exactly(nlp, texts):
    subs = submissions(*texts)
    segs = segment(subs, nlp=nlp, show_progress=False)
    check_offsets(subs, segs)


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, cuts=st.lists(st.integers(0, 400), max_size=3))
def test_page_numbers_follow_page_starts(nlp, text, cuts):
    starts = sorted({0, *(c for c in cuts if c <= len(text))})
    segs = segment(submissions(text, metadata=[{"page_starts": starts}]), nlp=nlp,
                   show_progress=False)
    for row in segs.itertuples():
        assert 1 <= row.page <= len(starts)
        assert starts[row.page - 1] <= row.start_char
        assert row.page == len(starts) or row.start_char < starts[row.page]


# -- context: heading and previous statement ------------------------------------------------------

def test_short_title_lines_become_headings(nlp):
    text = ("Response of the Coldwater partnership\n\n"
            "1. Funding:\n"
            "The grant round opened late. This left our members frustrated.\n\n"
            "2. The front counter\n\n"
            "The counter closed in May.\n\n"
            "Yours sincerely,\n\n"
            "Jane Example\n\n"
            "Chair")
    subs = submissions(text)
    context = add_context(segment(subs, nlp=nlp, show_progress=False), subs)
    rows = list(zip(context["text"], context["heading"], context["previous_text"], strict=True))
    assert rows == [
        ("Response of the Coldwater partnership", "", ""),
        ("Funding:", "Response of the Coldwater partnership", ""),
        ("The grant round opened late.", "Funding", ""),
        ("This left our members frustrated.", "Funding", "The grant round opened late."),
        ("The front counter", "Funding", "This left our members frustrated."),
        ("The counter closed in May.", "The front counter", ""),
        ("Yours sincerely,", "The front counter", "The counter closed in May."),
        ("Jane Example", "The front counter", "Yours sincerely,"),  # nothing follows: no heading
        ("Chair", "The front counter", "Jane Example"),
    ]


def test_marked_headings_replace_title_lines(nlp):
    text = "# Funding\n\n28 October 2026\n\nIt came late.\n\nShort line\n\nIt is short."
    marked = [[0, len("# Funding")]]
    subs = submissions(text, metadata=[{"headings": marked}])
    context = add_context(segment(subs, nlp=nlp, show_progress=False), subs)
    assert context["heading"].tolist() == ["", "Funding", "Funding", "Funding", "Funding"]
    assert context["previous_text"].tolist() == ["", "", "28 October 2026", "It came late.",
                                                 "Short line"]


def test_form_fields_give_the_question_as_heading(nlp):
    first, second = "Too slow. It took months.", "Not really"
    text = f"{first}\n\n{second}"
    fields = [[0, len(first), "How quickly were grants paid?"],
              [len(first) + 2, len(text), "Did the office consult you?"]]
    subs = submissions(text, metadata=[{"fields": fields}])
    context = add_context(segment(subs, nlp=nlp, show_progress=False), subs)
    assert context["heading"].tolist() == ["How quickly were grants paid?"] * 2 + [
        "Did the office consult you?"]
    assert context["previous_text"].tolist() == ["", "Too slow.", ""]


def test_context_without_submissions_and_when_empty(nlp):
    segs = segment(submissions("Funding\n\nIt came late.", "Late."), nlp=nlp, show_progress=False)
    context = add_context(segs)
    assert context["heading"].tolist() == ["", "Funding", ""]
    empty = add_context(segment(submissions(), nlp=nlp, show_progress=False))
    assert list(empty.columns) == [*SEGMENT_COLUMNS, *CONTEXT_COLUMNS] and empty.empty
    with pytest.raises(ColumnsError, match=r"^context needs the column\(s\) start_char, end_char"):
        add_context(pd.DataFrame({"submission_id": ["a"], "text": ["x"]}))


def test_letterheads_contents_lists_and_contact_lines_are_not_headings(nlp):
    text = ("Harbour Residents Association\n\n"
            "12 Quay Street\n\n"
            "Telephone: 01234 567890\n\n"
            "Contents\n\nGrants\n\nVisits\n\nOur response\n\n"
            "Visits\n\nThe Commissioner has not visited us.")
    subs = submissions(text)
    context = add_context(segment(subs, nlp=nlp, show_progress=False), subs)
    assert list(zip(context["text"], context["heading"], strict=True)) == [
        ("Harbour Residents Association", ""), ("12 Quay Street", ""),
        ("Telephone: 01234 567890", ""), ("Contents", ""), ("Grants", ""), ("Visits", ""),
        ("Our response", ""),  # the section title and its sub-title head the body below
        ("Visits", "Our response"), ("The Commissioner has not visited us.", "Visits")]


# -- letter furniture -----------------------------------------------------------------------------

def test_letter_furniture_is_found_and_evidence_is_not():
    from evidence_lab.segmentation import letter_furniture

    lines = [("Submission to the Coldwater Police and Crime Panel", True),
             ("10 November 2026", True), ("Dear Chair,", True),
             ("Thank you for inviting the partnership to contribute.", False),
             ("The grant round opened late and nobody told us why.", False),
             ("Evidence from partners shows the fund opened late", False),
             ("Tel: [phone]", True), ("Yours sincerely,", True), ("[name]", True),
             ("Chair, Coldwater Community Safety Partnership", True)]
    frame = pd.DataFrame({"submission_id": "a", "text": [text for text, _ in lines]})
    assert letter_furniture(frame).tolist() == [flag for _, flag in lines]


def test_a_covering_note_and_an_attachments_heading_are_furniture():
    from evidence_lab.segmentation import letter_furniture

    lines = [("Our response to the call for evidence", True),
             ("Please find our response attached.", True),
             ("We enclose a copy of our annual report.", True),
             ("Attachment: Westmoor CSP response.docx", True),
             ("Please find below our concerns about the grant round, which opened late.", False),
             ("We attach great importance to the Commissioner's visits to our board.", False),
             ("The OPCC has not attended our board since January.", False)]
    frame = pd.DataFrame({"submission_id": "a", "text": [text for text, _ in lines]})
    assert letter_furniture(frame).tolist() == [flag for _, flag in lines]
