"""Readings kept between runs: what the draft reads from a statement's parse goes to a store and
comes back from it, so a text the store holds is not parsed again (findings._references).

The store here is a dict; the review's DuckDB store is tested in tests/test_store.py and
tests/review/test_review.py. A reading planted in the store shows it was read back, not parsed:
no parse of the text would give it.
"""

from __future__ import annotations

import json

import pytest

from evidence_lab._folding import fold_key
from evidence_lab.embed import text_key
from evidence_lab.findings import (
    forget_readings,
    lead_context,
    stored_readings,
    unresolved_reference,
)

LETTER = "Whilst we appreciated that letter, it does not explain the delay."
PLAIN = "The fund closed early and we could not bid."


class DictStore:
    """Readings by reader, then key, as JSON text: what ReviewStore keeps in its table."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, str]] = {}
        self.added: list[dict[str, str]] = []

    def readings(self, reader: str) -> dict[str, str]:
        return dict(self.rows.get(reader, {}))

    def add_readings(self, readings: dict[str, str], reader: str) -> None:
        self.added.append(dict(readings))
        for key, reading in readings.items():
            self.rows.setdefault(reader, {}).setdefault(key, reading)

    def only(self) -> dict[str, str]:
        """The readings of the one reader (the parser and version) that stored any."""
        (rows,) = self.rows.values()
        return rows


@pytest.fixture()
def parsed(count_parses) -> list[str]:
    """Every text the bundled parser is given from here on (the readings in memory forgotten)."""
    return count_parses()


def test_the_readings_key_is_the_embedding_key():
    # one fold, one hash: a statement's vector and reading are stored under the same key
    assert fold_key(" The  fund\nclosed. ") == text_key("The fund closed.") == text_key(
        "The fund   closed.")


def test_readings_go_to_the_store_and_come_back_the_same(parsed):
    store = DictStore()
    with stored_readings(store):
        before = unresolved_reference(LETTER), unresolved_reference(PLAIN)
    assert before == ("that letter", None)
    assert sorted(store.only()) == sorted({text_key(LETTER), text_key(PLAIN)})
    assert parsed == [LETTER, PLAIN]
    forget_readings()  # as a new process would start
    with stored_readings(store):
        after = unresolved_reference(LETTER), unresolved_reference(PLAIN)
    assert after == before
    assert parsed == [LETTER, PLAIN]  # nothing parsed the second time
    assert store.added[-1] == {}  # and nothing new to store


def test_a_stored_reading_is_used_instead_of_a_parse(parsed):
    store = DictStore()
    with stored_readings(store):
        unresolved_reference(PLAIN)
    planted = json.loads(store.only()[text_key(PLAIN)])
    planted[0] = "PLANTED"  # the unresolved reference no parse of PLAIN gives
    store.only()[text_key(PLAIN)] = json.dumps(planted)
    forget_readings()
    with stored_readings(store):
        assert unresolved_reference(PLAIN) == "PLANTED"
    assert parsed == [PLAIN]


def test_only_new_texts_are_parsed_and_each_once(parsed):
    store = DictStore()
    with stored_readings(store):
        unresolved_reference(LETTER)
    forget_readings()
    text = "Nobody from the office attended, and we did not receive an apology."
    previous = "We invited the office to our annual general meeting in May."
    with stored_readings(store):
        assert lead_context(text, previous, frozenset({"office"})) == previous
        assert lead_context(text, previous, frozenset({"office"})) == previous
        unresolved_reference(LETTER)
    # the statement, the one before it and the pair, each parsed once; LETTER came from the store
    assert parsed == [LETTER, text, previous, f"{previous} {text}"]
    assert set(store.added[-1]) == {text_key(text), text_key(previous),
                                    text_key(f"{previous} {text}")}


def test_readings_outside_a_store_are_kept_in_memory_only(parsed):
    assert unresolved_reference(LETTER) == "that letter"
    assert unresolved_reference(LETTER) == "that letter"
    assert parsed == [LETTER]


def test_a_lead_that_stands_alone_does_not_parse_the_statement_before(parsed):
    lead = "Nobody from the office has attended a meeting of our board since January 2025."
    assert lead_context(lead, "We invited the Commissioner in May.", frozenset({"office"})) == ""
    assert parsed == [lead]
