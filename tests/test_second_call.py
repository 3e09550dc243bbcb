"""A second call, written for this test and never used to tune the draft (tests/data/second_call,
its README lists what the evidence says): every concern is surfaced as a concern and never as a
strength, each finding names only organisations whose own statements make its point, praise of
third parties is no strength, and the letter's parts are in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import evidence_lab as el
from evidence_lab.report import write_outputs

pytestmark = pytest.mark.slow

CALL = Path(__file__).parent / "data" / "second_call"

#: the README's concerns: what a statement making it says, and who makes it
CONCERNS = {
    "C1": ((r"\bgrant\b|\bcontract\b|year at a time|too late for us to plan|short-term funding|"
           r"given notice|extension|redundancy"), {"Northfold Community Safety Partnership",
                             "Southmere Community Safety Partnership", "Calderwick Borough Council",
                             "Calderwick Victims' Voice"}),
    "C2": ((r"\bcancelled\b|has not come|did not come|been to a Watch meeting|withdrew|"
           r"sent apologies|came in his place|rarely see the Commissioner"),
           {"Lowmoor and District Neighbourhood Watch", "Calderwick Youth Commission",
            "Calderwick Rural Crime Forum", "Hollins Cross Parish Council"}),
    "C3": (r"survey|never heard back|heard anything back|what difference our views",
           {"Lowmoor and District Neighbourhood Watch", "Calderwick Youth Commission",
            "Member of the public"}),
    "C4": (r"Brindle Street|not consulted before the decision",
           {"Calderwick Police Federation", "Calderwick Borough Council"}),
    "C5": (r"victims' strategy|still not been published|still waiting for it",
           {"Calderwick Victims' Voice", "Northfold Community Safety Partnership"}),
    "C6": (r"\b101\b|waited \w+ minutes|on hold|waits", {"Lowmoor and District Neighbourhood Watch", "Calderwick Rural Crime Forum",
                        "Calderwick Borough Council", "Member of the public"}),
}
STRENGTHS = {
    "S1": (r"Safer Streets|Kingsway|new lighting",
           {"Northfold Community Safety Partnership", "Calderwick Borough Council"}),
    "S2": (r"Deputy Commissioner|Priya Nandra|time she has given",
           {"Calderwick Youth Commission", "Calderwick Police Federation"}),
    "S3": (r"sexual violence advisers", {"Calderwick Victims' Voice"}),
}
#: praise of others than the Commissioner: never a strength
THIRD_PARTIES = r"PCSO|neighbourhood team|rural crime officers|volunteers|officer who eventually"
LETTER_PARTS = ["Dear Commissioner,", "Findings", "Summary", "Recommendations",
                "We look forward to receiving your response", "Yours sincerely,",
                "Annex: the evidence cited"]


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> tuple[el.Analysis, Path]:
    analysis = el.analyse([CALL / "evidence"], codebook=CALL / "codebook.yaml", show_progress=False)
    return analysis, write_outputs(analysis, tmp_path_factory.mktemp("second_call"))


def _cited(analysis: el.Analysis) -> list[tuple[dict, list[tuple[str, str]]]]:
    """Per finding: the finding and its (organisation, statement) pairs."""
    segments = analysis.segments.set_index("segment_id")
    orgs = analysis.submissions.set_index("submission_id")["organisation"]
    findings = analysis.findings[analysis.findings["kind"] == "finding"]
    return [(f, [(orgs[segments.loc[s, "submission_id"]], segments.loc[s, "text"])
                 for s in f["segment_ids"]]) for f in findings.to_dict("records")]


def _about(pairs: list[tuple[str, str]], known: dict) -> str | None:
    """The known point most of the finding's statements make, if any."""
    counts = {k: sum(bool(re.search(p, t)) for _, t in pairs) for k, (p, _) in known.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] * 2 > len(pairs) else None


def surfaced(analysis: el.Analysis) -> dict[str, tuple[int, int]]:
    """Per concern: (organisations named in concern findings about it, of those who made it)."""
    named: dict[str, set[str]] = {c: set() for c in CONCERNS}
    for finding, pairs in _cited(analysis):
        concern = _about(pairs, CONCERNS)
        if finding["stance"] == "negative" and concern:
            named[concern] |= set(finding["organisations"]) & CONCERNS[concern][1]
    return {c: (len(named[c]), len(CONCERNS[c][1])) for c in CONCERNS}


def test_every_concern_is_surfaced_as_a_concern_and_none_as_a_strength(second):
    analysis, _ = second
    assert all(n > 0 for n, _ in surfaced(analysis).values()), surfaced(analysis)
    for finding, pairs in _cited(analysis):
        if finding["stance"] == "positive":
            assert _about(pairs, CONCERNS) is None, finding["text"]
            assert not any(re.search(THIRD_PARTIES, t) for _, t in pairs), finding["text"]


def test_each_finding_names_only_organisations_that_make_its_point(second):
    analysis, _ = second
    for finding, pairs in _cited(analysis):
        known = CONCERNS if finding["stance"] == "negative" else STRENGTHS
        point = _about(pairs, known)
        if point is None:
            continue
        assert set(finding["organisations"]) <= known[point][1], (point, finding["text"])
        for org in finding["organisations"]:  # each named organisation's own statement says it
            assert any(o == org and re.search(known[point][0], t) for o, t in pairs), \
                (point, org, finding["text"])


def test_no_lead_leaves_a_pronoun_for_the_reader_to_resolve(second):
    analysis, _ = second
    for finding, _ in _cited(analysis):
        # (a respondent's "we" is reported as "they"; "he", "she" or "it" at the start points back)
        assert not re.search(r"\bsaid that (?:he|she|it) ", finding["text"]), finding["text"]


def test_the_letter_parts_are_in_order(second):
    import docx

    _, out = second
    texts = [p.text for p in docx.Document(str(out / "findings.docx")).paragraphs]
    assert texts[0].startswith("Calderwick Police and Crime Panel")
    positions = [next((i for i, t in enumerate(texts) if t.startswith(part)), -1)
                 for part in LETTER_PARTS]
    assert -1 not in positions and positions == sorted(positions), positions
    recommendations = [t for t in texts if re.match(r"^\([a-z]\) That", t)]
    assert recommendations and all(re.search(r"\bF-[0-9a-f]{8}\b", t) for t in recommendations)
