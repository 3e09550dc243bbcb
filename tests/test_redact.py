"""Redaction of personal data: each kind, what is kept, configuration, counts and false positives.

Tests marked ``slow`` run the bundled spaCy pipeline (loaded once, shared through the module
fixture); the pattern kinds are tested with ``use_ner=False`` so they need no model.
"""

from __future__ import annotations

import csv
import doctest
import hashlib
import time
from pathlib import Path

import pandas as pd
import pytest

from evidence_lab import Codebook, ColumnsError, Target, Theme
from evidence_lab import redact as redact_module
from evidence_lab.nlp import load_pipeline
from evidence_lab.redact import ALL_KINDS, RedactionReport, Redactor, Span, redact_frame

SIGNATURE = "Contact: Jo Hart, j.hart@example.org, 01632 960 123, 14 Mill Lane, Ashby Vale AV3 2QT"
CODEBOOK = Codebook(
    "test",
    Target("Police and Crime Commissioner", aliases=("Commissioner", "PCC"),
           office_holders=("Sarah Pennington", "Raj Mehta")),
    (Theme("engagement", "Engagement", "How the Commissioner engages with the public."),),
)


@pytest.fixture(scope="module")
def entities_nlp():
    """The bundled pipeline's tagger and NER, as the default Redactor loads it (cached)."""
    return load_pipeline("entities")


@pytest.fixture()
def redactor(entities_nlp):
    """The default redactor, all kinds, with the shared pipeline and the test codebook."""
    return Redactor(codebook=CODEBOOK, nlp=entities_nlp)


@pytest.fixture()
def rules():
    """Pattern kinds only: no model."""
    return Redactor(use_ner=False)


# --- each kind, in a letter signature ------------------------------------------------------------

@pytest.mark.slow
def test_signature_every_kind(redactor):
    text, spans = redactor.redact(SIGNATURE)
    assert text == "Contact: [name], [email], [phone], [address] [postcode]"
    assert [(s.kind, s.original) for s in spans] == [
        ("person", "Jo Hart"),
        ("email", "j.hart@example.org"),
        ("phone", "01632 960 123"),
        ("address", "14 Mill Lane, Ashby Vale"),
        ("postcode", "AV3 2QT"),
    ]
    assert all(SIGNATURE[s.start:s.end] == s.original for s in spans)


@pytest.mark.slow
def test_signature_block_of_a_letter(redactor):
    letter = ("Yours sincerely,\n\nTom Ashworth\nChair, Ravensmoor Farm Watch\n"
              "Holly Bank Farm, Kettering Moor\nPhone: 01632 961 207\n"
              "Email: t.ashworth@example.org\nNI: QQ 12 34 56 C\n")
    text, _ = redactor.redact(letter)
    assert text == ("Yours sincerely,\n\n[name]\nChair, Ravensmoor Farm Watch\n"
                    "Holly Bank Farm, Kettering Moor\nPhone: [phone]\n"
                    "Email: [email]\nNI: [NI number]\n")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # the small model tags a signature on its own line as ORG; it is still a private person
    ("Yours sincerely,\n\nNadia Brook\nChief Executive, Haven Ravensmoor",
     "Yours sincerely,\n\n[name]\nChief Executive, Haven Ravensmoor"),
    ("Amara Osei and Daniel Pike\nCo-chairs, Ravensmoor Youth Commission",
     "[name] and [name]\nCo-chairs, Ravensmoor Youth Commission"),
    ("Dear Sarah Jones,\nThank you for your letter.", "Dear [name],\nThank you for your letter."),
    ("Kind regards,\nJo O'Neill-McDonald", "Kind regards,\n[name]"),
])
def test_signature_names(redactor, text, expected):
    assert redactor.redact(text)[0] == expected


@pytest.mark.parametrize("phone", [
    "01632 960 123", "(01632) 960123", "07700 900123", "+44 7700 900 123", "07700900123",
    "+447700900123", "+44 (0)1632 960123", "020 7946 0000", "0113 496 0000", "0800 123 4567",
    "01632-960-123",
])
def test_phone_numbers(rules, phone):
    text, spans = rules.redact(f"Please ring {phone} after 6pm.")
    assert text == "Please ring [phone] after 6pm."
    assert spans == [Span("phone", 12, 12 + len(phone), phone)]


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "M1 1AE", "RG12 8ZZ", "AV3 2QT", "B33 8TH",
                                      "CR2 6XH", "DN55 1PT", "EC1A 1BB", "W1A 0AX", "SW1A1AA"])
def test_postcodes(rules, postcode):
    assert rules.redact(f"Ashby Vale {postcode}, England")[0] == "Ashby Vale [postcode], England"


@pytest.mark.parametrize("number", ["QQ 12 34 56 C", "QQ123456C", "AB 12 34 56 A", "JG 10 37 40"])
def test_ni_numbers(rules, number):
    assert rules.redact(f"My NI number is {number}.")[0] == "My NI number is [NI number]."


@pytest.mark.parametrize(("address", "rest"), [
    ("14 Mill Lane, Ashby Vale", " AV3 2QT"),
    ("221B Baker Street", "."),
    ("Flat 2, 10 St John's Road", ", near the park."),
    ("7 Orchard Close\nLittle Bewley", "\n\nDear Sir,"),
    ("3 The Crescent, Harlow Fen", "."),
    ("12-14 Station Road", " was broken into."),
])
def test_addresses(rules, address, rest):
    text, spans = rules.redact(f"We live at {address}{rest}")
    assert spans[0] == Span("address", 11, 11 + len(address), address)
    assert text.startswith("We live at [address]")


# --- what is kept --------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "We wrote to Chief Constable Raj Mehta in March.",
    "Deputy Commissioner Marcus Doyle came to our meeting.",
    "The Deputy Commissioner, Marcus Doyle, attended two of our board meetings.",
    "We thank Cllr Jane Smith and Councillor Helen Marsh for their support.",
    "Ravensmoor County Council and the Neighbourhood Watch both responded.",
    "Sarah Pennington visited our group in May.",
    "We met Ms Sarah Pennington twice.",  # an office holder's full name, with a title
    "Raj Mehta told the Panel that response times had improved.",
    "The Commissioner and the PCC's office did not reply.",
    "Dear Councillor Marsh,",
])
def test_public_office_holders_and_organisations_kept(redactor, text):
    assert redactor.redact(text) == (text, [])


@pytest.mark.slow
def test_office_holder_is_redacted_without_the_codebook(entities_nlp):
    # the control for the test above: the codebook is what keeps this name
    text = "Sarah Pennington visited our group in May."
    assert Redactor(nlp=entities_nlp).redact(text)[0] == "[name] visited our group in May."


@pytest.mark.slow
def test_private_person_in_a_sentence(redactor):
    assert redactor.redact("My neighbour Susan Clarke was burgled twice last year.")[0] == (
        "My neighbour [name] was burgled twice last year.")


@pytest.mark.slow
def test_honorifics_and_ranks_stay_outside_the_placeholder(redactor):
    assert redactor.redact("Mrs Clarke from number 4 helped us.")[0] == (
        "Mrs [name] from number 4 helped us.")
    assert redactor.redact("We thank Sergeant Lee Harrington.")[0] == "We thank Sergeant [name]."


@pytest.mark.slow
def test_keep_list(entities_nlp):
    text = "My neighbour Susan Clarke was burgled."
    assert Redactor(keep=["Susan Clarke"], nlp=entities_nlp).redact(text) == (text, [])


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Community Speed Watch teams in Ashby Magna, Thornleigh and Little Bewley recorded speeds.",
    "Ashby Vale is a district of three market towns.",
    "Burglaries on Mill Lane and Station Road rose this year.",
])
def test_places_and_streets_without_a_number_are_not_names(redactor, text):
    assert redactor.redact(text) == (text, [])


# --- configuration, overlaps, counts -------------------------------------------------------------

@pytest.mark.slow
def test_kinds_are_configurable(entities_nlp):
    text, spans = Redactor(kinds=("email",), nlp=entities_nlp).redact(SIGNATURE)
    assert text == "Contact: Jo Hart, [email], 01632 960 123, 14 Mill Lane, Ashby Vale AV3 2QT"
    assert [s.kind for s in spans] == ["email"]
    text, _ = Redactor(kinds=("phone", "postcode"), nlp=entities_nlp).redact(SIGNATURE)
    assert text == ("Contact: Jo Hart, j.hart@example.org, [phone], 14 Mill Lane, "
                    "Ashby Vale [postcode]")


def test_use_ner_false_keeps_names_and_loads_no_model():
    redactor = Redactor(use_ner=False)
    text, _ = redactor.redact(SIGNATURE)
    assert text == "Contact: Jo Hart, [email], [phone], [address] [postcode]"
    assert redactor.nlp is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Letter from Mr T Ashworth.", "Letter from Mr [name]."),
    ("Mrs J Smith and Dr Elena Marchetti replied.", "Mrs [name] and Dr [name] replied."),
    ("Dear Mr Chairman,", "Dear Mr Chairman,"),
    ("Councillor Mrs Smith spoke.", "Councillor Mrs Smith spoke."),
])
def test_names_after_an_honorific_need_no_model(text, expected):
    assert Redactor(use_ner=False).redact(text)[0] == expected


def test_kept_names_block_patterns_only_inside_them():
    redactor = Redactor(use_ner=False, keep=["12 Downing Street"])
    text = "I live at 14 Mill Lane, the Commissioner never came. Write to 12 Downing Street."
    assert redactor.redact(text)[0] == (
        "I live at [address], the Commissioner never came. Write to 12 Downing Street.")


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match=r"unknown redaction kind\(s\) 'names'; choose from email"):
        Redactor(kinds=("email", "names"))


@pytest.mark.parametrize(("text", "expected"), [
    ("Write to AV32QT@EXAMPLE.ORG today", "Write to [email] today"),       # postcode inside
    ("Write to 01632960123@example.org today", "Write to [email] today"),  # phone inside
])
def test_overlapping_spans_longest_wins(rules, text, expected):
    redacted, spans = rules.redact(text)
    assert redacted == expected
    assert [s.kind for s in spans] == ["email"]


@pytest.mark.slow
def test_report_counts(redactor):
    texts = [SIGNATURE, "Ring 07700 900123 or 01632 960 123.", "No personal data here.",
             "My neighbour Susan Clarke was burgled.", "NI: QQ 12 34 56 C, SW1A 1AA"]
    redactor.redact_many(texts)
    assert redactor.report.as_dict() == {
        "email": 1, "phone": 3, "postcode": 2, "address": 1, "ni_number": 1, "person": 2,
        "total": 10, "texts": 5, "texts_changed": 4}
    redactor.redact("j.hart@example.org")  # counts accumulate
    assert (redactor.report.email, redactor.report.total, redactor.report.texts) == (2, 11, 6)


def test_empty_report():
    report = RedactionReport()
    assert report.total == 0
    assert list(report.as_dict()) == [*ALL_KINDS, "total", "texts", "texts_changed"]


@pytest.mark.slow
def test_redact_many_matches_redact(redactor, entities_nlp):
    texts = [SIGNATURE, "", "The Commissioner replied.", "My neighbour Susan Clarke was burgled.",
             "Chief Constable Raj Mehta", "Tel 0800 123 4567"]
    one_by_one = [Redactor(codebook=CODEBOOK, nlp=entities_nlp).redact(t)[0] for t in texts]
    assert redactor.redact_many(texts) == one_by_one



def _tag(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


@pytest.mark.slow
def test_neutral_names_and_paths_in_one_batch_match_one_by_one(redactor, entities_nlp):
    values = ["mrs_jane_okafor_14_mill_lane", "ravensmoor_csp", "Mrs Jane Okafor 14 Mill Lane RG1 4XX"]
    assert redactor.neutral_names(values) == [
        f"mrs_name_address-{_tag(values[0])}", None, f"mrs_name_address_postcode-{_tag(values[2])}"]
    paths = ["/in/Mrs Jane Okafor.txt#row=2", "/in/council.docx", "C:\\Users\\Jane Okafor\\a.txt",
             "/in/.hidden/council.docx"]
    assert redactor.redact_paths(paths) == [
        f"/in/mrs_name-{_tag('Mrs Jane Okafor')}.txt#row=2", "/in/council.docx",
        f"C:\\Users\\name-{_tag('Jane Okafor')}\\a.txt", "/in/.hidden/council.docx"]
    fresh = Redactor(codebook=CODEBOOK, nlp=entities_nlp)
    assert [fresh.neutral_name(v) for v in values] == redactor.neutral_names(values)
    assert [fresh.redact_path(p) for p in paths] == redactor.redact_paths(paths)


# --- no false positives --------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The licence costs £1,150 for each user from April 2026.",
    "Some 68 per cent of respondents were satisfied.",
    "Detentions under section 136 fell.",
    "The 2026/27 budget rises by 4.9%.",
    "There were 101 calls about anti-social behaviour.",
    "Our 62 schemes cover about 1,900 member households.",
    "Call 101 or 999 in an emergency.",
    "From 1 April 2026 to 31 March 2027 the grant is £25,000.",
    "Paragraph 4.2 of the 2025 plan sets out 3 priorities.",
    "The M1 and the A14 run through the county.",
    "Response times fell from 14 minutes to 0.9 minutes in 2025.",
    "We have 3 Community Speed Watch teams and 2 Farm Watch groups.",
    "See ISBN 978-0-12-345678-9 and case 2026/0001234.",
    "Waiting times on 101 were 12 minutes 30 seconds, up from 09:45 in 2024.",
])
def test_no_false_positives(redactor, text):
    assert redactor.redact(text) == (text, [])


# --- frames, offsets, hostile input --------------------------------------------------------------

@pytest.mark.slow
def test_redact_frame(redactor):
    frame = pd.DataFrame({
        "text": ["Ring 07700 900123.", "My neighbour Susan Clarke was burgled.", None],
        "quotes": [["j.hart@example.org wrote", "fine"], [], ["SW1A 1AA"]],
        "n": [1, 2, 3],
    })
    out = redact_frame(frame, ["text", "quotes"], redactor)
    assert out["text"].tolist()[:2] == ["Ring [phone].", "My neighbour [name] was burgled."]
    assert pd.isna(out.loc[2, "text"]) and out["text"].dtype == frame["text"].dtype
    assert out["quotes"].tolist() == [["[email] wrote", "fine"], [], ["[postcode]"]]
    assert out["n"].tolist() == [1, 2, 3]
    assert frame.loc[0, "text"] == "Ring 07700 900123."  # the input is not changed
    assert redactor.report.texts == 5


def test_redact_frame_names_missing_columns(rules):
    with pytest.raises(ColumnsError, match="redact_frame needs the column.s. quotes"):
        redact_frame(pd.DataFrame({"text": ["a"]}), ["text", "quotes"], rules)


def test_hostile_input_is_fast(rules):
    hostile = ("a@" * 50_000 + "0" * 50_000 + " 0" * 50_000 + "A" * 50_000 + "1 Ab " * 20_000
               + "QQ" * 20_000 + "x.y-z" * 20_000)
    started = time.perf_counter()
    redacted, _ = rules.redact(hostile)
    assert time.perf_counter() - started < 5  # catastrophic backtracking would take minutes
    assert len(redacted) > 0


def test_non_string_is_refused(rules):
    with pytest.raises(TypeError, match="item 1 is float. Use redact_frame"):
        rules.redact_many(["a", float("nan")])


def test_module_docstring_example():
    assert doctest.testmod(redact_module).failed == 0


# --- the pre-filter that spares the model ----------------------------------------------------------

@pytest.mark.parametrize(("text", "needs_model"), [
    ("The Deputy Commissioner wrote to Ravensmoor County Council.", False),
    ("The Chief Constable replied.", True),  # not organisation words: the model decides
    ("We thank Sarah Pennington for her letter.", False),  # an office holder is kept
    ("Ms Pennington replied within the week.", True),  # a surname alone is not kept
    ("The trust wrote to Tom Hale in March.", True),
    ("Ravensmoor Council and Tom Hale attended.", True),  # the pair after an organisation word
    ("Tom\nHale", False),  # a name never runs across a line break
])
def test_model_only_sees_texts_that_may_hold_a_name(text, needs_model):
    assert Redactor(codebook=CODEBOOK, use_ner=False)._may_hold_name(text) is needs_model


@pytest.mark.slow
def test_prefilter_changes_no_output_on_the_sample_call(entities_nlp):
    """Skipping the model where no redactable name can be must not change a single redaction."""
    from evidence_lab import read_inputs, sample_call, segment

    sample = sample_call().folder
    submissions = read_inputs(sample).submissions
    texts = submissions["text"].tolist() + segment(submissions, show_progress=False)["text"].tolist()

    class EveryText(Redactor):
        def _may_hold_name(self, text: str) -> bool:
            return True

    filtered = Redactor(codebook=CODEBOOK, nlp=entities_nlp).redact_many(texts)
    assert filtered == EveryText(codebook=CODEBOOK, nlp=entities_nlp).redact_many(texts)
    assert sum("[name]" in t for t in filtered) >= 5


# -- the table of formats (issue 15, defect 2) -------------------------------------------------

FORMATS = Path(__file__).parent / "data" / "redaction_formats.csv"
FORMATS_CODEBOOK = Codebook(
    "formats", Target("Police and Crime Commissioner", aliases=("Commissioner", "PCC"),
                      office_holders=("Sarah Pennington", "Dawn Okafor")),
    (Theme("engagement", "Engagement", "How the Commissioner engages with the public."),))


def _format_rows():
    with FORMATS.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def format_outputs(entities_nlp):
    rows = _format_rows()
    redactor = Redactor(codebook=FORMATS_CODEBOOK, nlp=entities_nlp)
    return rows, redactor.redact_many([r["text"] for r in rows])


def test_format_table_has_at_least_100_personal_formats():
    rows = _format_rows()
    assert sum(r["kind"] != "organisation" for r in rows) >= 100
    assert {r["kind"] for r in rows} == {*ALL_KINDS, "organisation"}


@pytest.mark.slow
def test_recall_on_the_format_table_is_at_least_098(format_outputs):
    rows, outputs = format_outputs
    personal = [(r, out) for r, out in zip(rows, outputs, strict=True)
                if r["kind"] != "organisation"]
    missed = [(r["text"], out) for r, out in personal
              if any(part.lower() in out.lower() for part in r["secret"].split("|"))]
    assert 1 - len(missed) / len(personal) >= 0.98, missed


@pytest.mark.slow
def test_no_organisation_in_the_format_table_is_blanked(format_outputs):
    rows, outputs = format_outputs
    blanked = [out for r, out in zip(rows, outputs, strict=True)
               if r["kind"] == "organisation" and r["secret"] not in out]
    assert blanked == []


@pytest.mark.slow
def test_an_office_holders_surname_alone_is_not_kept(entities_nlp):
    redactor = Redactor(codebook=FORMATS_CODEBOOK, nlp=entities_nlp)
    assert redactor.redact("Mrs Okafor wrote; Dawn Okafor replied.")[0] == (
        "Mrs [name] wrote; Dawn Okafor replied.")
