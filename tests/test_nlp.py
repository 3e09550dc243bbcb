"""The trimmed pipelines must annotate exactly as the fuller ones they replace, only faster."""

from __future__ import annotations

import pytest
from spacy.language import Language

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


#: the ruler's exceptions for particular words and pairs, beside ordinary evidence
RULER_EXCEPTIONS = [
    "Y'all ain't gonna get it, so c'mon, let's go: there is nothin' doin' and I gotta say it.",
    "They ain't got 'em, but it's somethin' the ol' office said it'd do.  \n\n That does it.",
    "But it was late, and whether the grant that we asked for comes is unclear; you did that.",
]


def test_indexed_attribute_ruler_sets_the_same_attributes_as_spacys_matcher() -> None:
    from evidence_lab.training import load_training_corpus

    texts = [TEXT, *RULER_EXCEPTIONS, *load_training_corpus()["text"][:400]]
    plain = trimmed_pipeline(SPACY_MODEL, KEEP["parse"])  # spaCy's Matcher
    indexed = load_pipeline("parse")
    assert indexed.get_pipe("attribute_ruler").match != plain.get_pipe("attribute_ruler").match

    def attributes(nlp: Language) -> list[list[tuple[str, ...]]]:
        return [[(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]
                for doc in nlp.pipe(texts)]

    expected = attributes(plain)
    assert {pos for doc in expected for _, _, pos, *_ in doc} >= {"NOUN", "VERB", "AUX", "PRON",
                                                                  "SCONJ", "SPACE"}
    assert attributes(indexed) == expected


def test_a_ruler_with_patterns_the_index_cannot_read_keeps_spacys_matcher() -> None:
    import spacy

    from evidence_lab._attribute_rules import index_attribute_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "the"}, {"IS_ALPHA": True, "OP": "+"}]], {"POS": "NOUN"}, index=-1)
    before = ruler.match
    assert index_attribute_ruler(nlp) is False
    assert ruler.match == before
    assert nlp("the long report")[2].pos_ == "NOUN"
    simple = spacy.blank("en")
    simple.add_pipe("attribute_ruler").add([[{"LOWER": {"IN": ["report", "plan"]}}]],
                                            {"POS": "NOUN"})
    assert index_attribute_ruler(simple) is True
    assert [t.pos_ for t in simple("the plan and report")] == ["", "NOUN", "", "NOUN"]
