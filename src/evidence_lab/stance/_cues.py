"""Cue lexicons and features for stance toward the target: praise, criticism, implied criticism,
negation, contrast and suggestion cues, found near (linked to) a target mention or anywhere.

The word lists are the project's own, written for this domain: "we are still waiting for",
"nobody from the office attended" and "stopped applying" are criticism without a negative word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ._mentions import CONTEXT_KINDS

PRAISE = [
    r"welcom\w*", r"thank\w*", r"grateful", r"prais\w*", r"commend\w*", r"congratulat\w*",
    r"valu(?:able|ed)", r"helpful", r"excellent", r"outstanding", r"impressive", r"positive\w*",
    r"success\w*", r"effective(?:ly)?", r"improv\w*", r"transform\w*", r"strong(?:er|ly)?",
    r"secured", r"invest\w*", r"funded", r"deliver(?:ed|ing)", r"support(?:ed|ive)",
    r"committed", r"leadership", r"championed", r"brokered", r"responsive", r"open(?:ness)?\b",
    r"accessible", r"lifeline", r"innovative", r"pleased", r"appreciat\w*", r"benefit\w*",
    r"good", r"great", r"well[- ]\w+", r"clear(?:ly)?", r"quick(?:ly)?", r"praised", r"recognis\w*",
    r"proactive", r"enabl\w*", r"achiev\w*", r"expanded", r"national leader",
    r"encouraging", r"encouraged by",
]
CRITICISM = [
    r"concern\w*", r"disappoint\w*", r"frustrat\w*", r"fail\w*", r"poor(?:ly)?", r"lack\w*",
    r"inadequate", r"insufficient", r"unclear", r"confus\w*", r"delay\w*", r"late\b", r"slow\w*",
    r"cut(?:s)?\b", r"withdr[ae]w\w*", r"criticis\w*", r"worr\w*", r"problem\w*", r"gap\w*",
    r"absent", r"absence", r"invisible", r"remote", r"ignor\w*", r"dismiss\w*", r"burden\w*",
    r"imposed", r"unilateral\w*", r"without consultation", r"top[- ]down", r"tokenistic",
    r"bureaucra\w*", r"opaque", r"lost", r"loss", r"reduc\w*", r"short[- ]term", r"uncertain\w*",
    r"struggl\w*", r"unable", r"mistrust", r"distrust", r"let down", r"broken", r"wors\w*",
    r"damag\w*", r"questionable", r"unfair", r"overdue", r"rejected", r"refus\w*",
    # objections to what the target proposes or is ("objectives" is not one)
    r"object(?:s|ed|ing|ions?)?", r"oppos(?:e|ed|es|ing|ition)", r"ill[- ]thought(?:[- ]out)?",
    r"ill[- ]conceived", r"misuse\w*", r"regret\w*", r"unworkable", r"flaw\w*", r"undermin\w*",
    r"unnecessary", r"unaccountable", r"politicis\w*", r"wasteful", r"costly",
]
IMPLIED = [
    r"still waiting", r"yet to", r"have not (?:yet )?(?:been|heard|seen|received)",
    r"has not (?:yet )?(?:been|responded|replied|attended|published|shared)", r"never (?:been )?\w+",
    r"no(?:body| one) from", r"not (?:once|one)", r"no (?:response|reply|feedback|update|answer|word)",
    r"could not (?:name|tell|say|explain|find)", r"did not (?:attend|respond|reply|consult|explain)",
    r"stopped (?:applying|attending|coming|bothering)", r"not (?:been )?(?:consulted|invited|told|informed)",
    r"no longer", r"empty chair", r"we were not", r"without (?:any )?(?:warning|notice|explanation)",
    r"little (?:or no|evidence|sign|contact)", r"few (?:of|if any)", r"has gone quiet",
    r"only (?:heard|learned|found out)", r"is not clear", r"remains? unclear", r"left (?:us|partners)",
    r"in the dark", r"disappeared", r"no sign", r"not (?:been )?(?:shared|published|reported back)",
    r"not (?:kept|followed through)", r"promised", r"holding reply", r"chased",
    r"no proven", r"cannot (?:adequately|possibly|see how)", r"how can (?:one|a single)",
]
CONTRAST = [r"whilst", r"while", r"although", r"though", r"however", r"but", r"despite",
            r"nevertheless", r"yet", r"on the other hand", r"notwithstanding"]
NEGATION = [r"not", r"no", r"never", r"n't", r"nobody", r"none", r"nothing", r"neither", r"nor",
            r"without"]
# "encouraged by the response" is praise, "we encourage the office to" a suggestion
SUGGESTION = [r"should", r"would welcome", r"recommend\w*", r"encourag(?:e|es|ed)(?!\s+by)", r"opportunity",
              r"could consider", r"ask(?:ed)? that", r"suggest\w*", r"urge\w*", r"propose\w*",
              r"would like", r"it would be helpful", r"invite\w*", r"request\w*", r"hope"]
QUESTION = [r"\?", r"asked (?:about|whether|how|what|why)", r"questioned", r"sought assurance",
            r"queried"]

#: what the target does when a statement reports its own words or its thanks: the statement then
#: says what the target said or thanked others for, which is not an evaluation of the target
REPORTING_VERBS = [
    r"explain\w*", r"stat(?:ed|es)", r"said", r"says", r"told", r"tells", r"repl(?:ied|ies)",
    r"respond(?:ed|s)", r"inform\w*", r"remind\w*", r"add(?:ed|s)", r"outlin\w*", r"advis\w*",
    r"confirm\w*", r"highlight\w*", r"report(?:ed|s)", r"not(?:ed|es)", r"indicat\w*",
    r"clarif\w*", r"acknowledg\w*", r"comment\w*", r"set out", r"updat(?:ed|es)",
    r"present(?:ed|s)", r"assur\w*", r"emphasi[sz]\w*", r"stress\w*", r"point(?:ed|s) out",
    r"describ\w*", r"gave", r"introduc\w*", r"argu\w*", r"maintain\w*", r"insist\w*",
]
TARGET_PRAISING = [r"thank\w*", r"paid tribute", r"pays tribute", r"congratulat\w*", r"commend(?:ed|s)",
                   r"prais(?:ed|es)(?!\s+by)", r"welcom(?:ed|es)"]
SPEAKER_WINDOW = 40  # characters between the end of a target mention and its verb ("the PCC, Ms Roe, said")

CUE_GROUPS = {
    "praise": PRAISE, "criticism": CRITICISM, "implied": IMPLIED, "contrast": CONTRAST,
    "negation": NEGATION, "suggestion": SUGGESTION, "question": QUESTION,
}


def _compile(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w])", re.IGNORECASE)


PATTERNS = {name: _compile(words) for name, words in CUE_GROUPS.items()}
_REPORTING = _compile(REPORTING_VERBS)
_PRAISING = _compile(TARGET_PRAISING)
_CLAUSE_BREAK = re.compile(r"[.;:?!]|\b(?:and|but|who|which|that)\b", re.IGNORECASE)
PATTERNS["question"] = re.compile("|".join(QUESTION), re.IGNORECASE)
LINK_WINDOW = 80  # characters: a cue this close to a target mention counts as linked to it


@dataclass(frozen=True)
class CueHit:
    """One cue found in a statement."""

    group: str
    start: int
    end: int
    text: str


def find_cues(text: str) -> list[CueHit]:
    """Every cue in ``text``, in order of position."""
    return list(_cues_of(text))


@lru_cache(maxsize=65536)
def _cues_of(text: str) -> tuple[CueHit, ...]:
    # features, the suggestion rule and the explanation all ask for the same statement's cues
    hits = [CueHit(group, m.start(), m.end(), m.group(0))
            for group, pattern in PATTERNS.items() for m in pattern.finditer(text)]
    return tuple(sorted(hits, key=lambda h: (h.start, h.group)))


FEATURE_NAMES = [
    *(f"{g}_any" for g in CUE_GROUPS), *(f"{g}_linked" for g in ("praise", "criticism", "implied")),
    "mentions_explicit", "mentions_pronoun", "mentions_addressed", "praise_after_contrast",
    "criticism_after_contrast", "negated_praise", "length", "target_speaks", "target_praises",
]


def _linked(hit: CueHit, spans: list[tuple[int, int]]) -> bool:
    return any(abs(hit.start - s) <= LINK_WINDOW or abs(hit.start - e) <= LINK_WINDOW
               for s, e in spans)


def _target_verb(text: str, spans: list[tuple[int, int]], pattern: re.Pattern[str]) -> bool:
    """True when a target mention is the subject of a verb of ``pattern``: the verb follows the
    mention within :data:`SPEAKER_WINDOW` characters, with no clause break between them."""
    for _, end in spans:
        window = text[end:end + SPEAKER_WINDOW]
        match = pattern.search(window)
        if match and not _CLAUSE_BREAK.search(window[:match.start()]):
            return True
    return False


def cue_features(text: str, spans: list[tuple[int, int]], mention_kind: str) -> np.ndarray:
    """A fixed-length vector of cue counts (log-scaled) for one statement."""
    hits = find_cues(text)
    counts = {f"{g}_any": 0.0 for g in CUE_GROUPS}
    for hit in hits:
        counts[f"{hit.group}_any"] += 1
    for group in ("praise", "criticism", "implied"):
        counts[f"{group}_linked"] = float(sum(1 for h in hits if h.group == group and _linked(h, spans)))
    contrast_at = [h.start for h in hits if h.group == "contrast"]
    first_contrast = contrast_at[0] if contrast_at else None
    negations = [h.end for h in hits if h.group == "negation"]
    counts.update({
        # a mention its context supplies (the statement before, the question) counts as its own
        "mentions_explicit": float(mention_kind in ("explicit", *CONTEXT_KINDS)),
        "mentions_pronoun": float(mention_kind == "pronoun"),
        "mentions_addressed": float(mention_kind == "addressed"),
        "praise_after_contrast": float(first_contrast is not None and any(
            h.group == "praise" and h.start > first_contrast for h in hits)),
        "criticism_after_contrast": float(first_contrast is not None and any(
            h.group in ("criticism", "implied") and h.start > first_contrast for h in hits)),
        "negated_praise": float(any(h.group == "praise" and any(0 <= h.start - n <= 25 for n in negations)
                                    for h in hits)),
        "length": len(text.split()) / 40.0,
        "target_speaks": float(_target_verb(text, spans, _REPORTING)),
        "target_praises": float(_target_verb(text, spans, _PRAISING)),
    })
    return np.log1p(np.array([counts[name] for name in FEATURE_NAMES], dtype=np.float32))
