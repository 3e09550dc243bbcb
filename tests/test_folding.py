"""One fold of white space (and case) for every module that compares or keys text."""

from __future__ import annotations

from evidence_lab._folding import fold, fold_case, fold_key
from evidence_lab.embed import text_key


def test_fold_turns_every_run_of_white_space_into_one_space():
    assert fold("  The fund\n\tclosed   early. ") == "The fund closed early."
    assert fold("") == "" and fold(12) == "12"


def test_fold_case_also_folds_case():
    assert fold_case(" Ashby  Vale CSP ") == fold_case("ashby vale csp") == "ashby vale csp"
    assert fold_case("Straße") == "strasse"


def test_the_key_of_a_text_has_not_changed():
    # vectors and readings already stored are found under this key: it must stay as it was
    key = "26cbd5653955339b997a2df1d616d6b49a9daa2b"  # SHA-1 of "The fund closed early."
    assert fold_key("The fund closed early.") == fold_key(" The fund\nclosed  early. ") == key
    assert text_key("The  fund closed early.") == key
