"""The trimmed pipelines must annotate exactly as the fuller ones they replace, only faster."""

from __future__ import annotations

import pytest

from evidence_lab.nlp import KEEP, SPACY_MODEL, load_pipeline, trimmed_pipeline

TEXT = (
    "Dear Ms Pennington,\n\nThe Kelsborough Community Safety Partnership met Chief Inspector "
    "Laura Finch on 3 May. Mr. Tom Hale of Ashby Vale Neighbourhood Watch said the OPCC had not "
    "replied to three letters. We welcome the Commissioner's funding for the Victim Hub, e.g. its "
    "new helpline; however, the Safer Streets bid from Ravensmoor County Council was refused. "
    "Dr Amara Osei (Ravensmoor University) asked why. Yours sincerely, Nadia Brook"
)


def test_each_need_keeps_only_its_components() -> None:
    assert load_pipeline("sentences").pipe_names == ["senter"]
    assert load_pipeline("entities").pipe_names == ["sentencizer", "ner"]
    assert "ner" not in load_pipeline("parse").pipe_names


def test_senter_alone_gives_the_same_sentences_as_with_the_shared_tok2vec() -> None:
    with_tok2vec = trimmed_pipeline(SPACY_MODEL, ("tok2vec", "senter"))
    expected = [s.text for s in with_tok2vec(TEXT).sents]
    assert len(expected) >= 5
    assert [s.text for s in load_pipeline("sentences")(TEXT).sents] == expected


def test_ner_alone_gives_the_same_entities_as_the_full_pipeline() -> None:
    full = trimmed_pipeline(SPACY_MODEL, ("tok2vec", "tagger", "parser", "attribute_ruler", "ner"))
    expected = [(e.start_char, e.end_char, e.label_) for e in full(TEXT).ents]
    assert any(label == "PERSON" for *_, label in expected)
    assert [(e.start_char, e.end_char, e.label_)
            for e in load_pipeline("entities")(TEXT).ents] == expected


def test_unknown_need_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="entities"):
        load_pipeline("everything")  # type: ignore[arg-type]
    assert set(KEEP) == {"sentences", "parse", "entities"}
