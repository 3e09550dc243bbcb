"""Spans of redacted text: the span itself, and the helpers that find, trim, merge and apply them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ._patterns import (
    _BEFORE_PLACE,
    _BEFORE_STREET,
    _EDGE_WORDS,
    _HONORIFIC_BEFORE,
    _HONORIFICS,
    _NAME_LINE,
    _NAME_WORD,
    _NOT_PERSON_WORDS,
    _ORG_ONLY_WORDS,
    _PHONE_CANDIDATE,
    _PLACE_FIRST,
    _PLACE_LAST,
    _ROLE_LINE_START,
    _STREET_SURNAMES,
    _TOKEN,
    _UK_NSN,
    ALL_KINDS,
    PLACEHOLDERS,
)


@dataclass(frozen=True)
class Span:
    """One redacted stretch of the original text.

    Attributes:
        kind: one of :data:`ALL_KINDS`.
        start: offset of the first character in the original text.
        end: offset just past the last character.
        original: ``text[start:end]``, the personal data removed.
    """

    kind: str
    start: int
    end: int
    original: str

    @property
    def placeholder(self) -> str:
        """What replaces the span in the output, e.g. ``[email]``."""
        return PLACEHOLDERS[self.kind]



# --- helpers -------------------------------------------------------------------------------------

def _compile_keep(names: Sequence[str]) -> tuple[re.Pattern[str] | None, frozenset[str]]:
    """A pattern finding the kept names in text, and the normalised names.

    Only the full names (and whatever forms the codebook lists) are kept: a surname on its own
    is not, so "Mrs Okafor" is redacted though an office holder is called Dawn Okafor."""
    if not names:
        return None, frozenset()
    parts = []
    for name in sorted(set(names), key=len, reverse=True):
        escaped = r"\s+".join(re.escape(w) for w in name.split())
        parts.append(rf"\b{escaped}\b" if name.isupper() else rf"(?i:\b{escaped}\b)")
    normalised = {" ".join(n.split()).lower() for n in names}
    return re.compile("|".join(parts)), frozenset(normalised)


def _may_hold_email(text: str) -> bool:
    """A cheap test before the email patterns run: an @, or "at" written out or bracketed."""
    if "@" in text:
        return True
    lower = text.lower()
    return " at " in lower and (" dot " in lower or "(at)" in lower) or any(
        f"{o}at{c}" in lower for o, c in ("()", "[]", "{}", "<>"))


def _phone_spans(text: str) -> list[Span]:
    """UK phone numbers: libphonenumber's matches, and the longest run of digit groups that makes
    a UK number (which also catches the Ofcom drama ranges libphonenumber calls invalid)."""
    import phonenumbers

    spans = []
    for found in phonenumbers.PhoneNumberMatcher(text, "GB",
                                                 leniency=phonenumbers.Leniency.POSSIBLE):
        number = found.number
        raw = found.raw_string
        if (number.country_code == 44 and raw[:1] in "0+("
                and _UK_NSN.fullmatch(str(number.national_number))):
            spans.append(Span("phone", found.start, found.end, raw))
    for match in _PHONE_CANDIDATE.finditer(text):
        groups = list(re.finditer(r"\d+", match.group()))
        international = match.group().startswith("+")
        for n in range(len(groups), 0, -1):
            end = groups[n - 1].end()
            candidate = match.group()[:end]
            digits = "".join(g.group() for g in groups[:n])
            national = digits[2:] if international else digits
            if international and national.startswith("0"):
                national = national[1:]  # +44 (0)...
            elif not international:
                national = national[1:]  # the trunk 0
            if not international and candidate.startswith("(") != (")" in candidate):
                continue  # "(01632" without its closing bracket, or a stray one
            if _UK_NSN.fullmatch(national):
                spans.append(Span("phone", match.start(), match.start() + end, candidate))
                break
    return spans


def _rstrip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\n,.":
        end -= 1
    return start, end


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _longest_first(spans: list[Span]) -> list[Span]:
    """Resolve overlaps: the longest span wins, then the earlier one, then ALL_KINDS order."""
    chosen: list[Span] = []
    order = sorted(spans, key=lambda s: (-(s.end - s.start), s.start, ALL_KINDS.index(s.kind)))
    for span in order:
        if not _overlaps(span.start, span.end, ((c.start, c.end) for c in chosen)):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def _apply(text: str, spans: Sequence[Span]) -> str:
    """``text`` with each (non-overlapping, sorted) span replaced by its placeholder."""
    parts, position = [], 0
    for span in spans:
        parts += [text[position:span.start], span.placeholder]
        position = span.end
    parts.append(text[position:])
    return "".join(parts)


def _mask(text: str, spans: Sequence[Span]) -> tuple[str, list[tuple[int, int, int]]]:
    """The text with spans replaced, and its unchanged pieces as (masked start, length, original
    start)."""
    pieces, parts, position, masked_at = [], [], 0, 0
    for span in [*spans, Span("email", len(text), len(text), "")]:
        piece = text[position:span.start]
        pieces.append((masked_at, len(piece), position))
        parts.append(piece)
        masked_at += len(piece)
        if span.end > span.start:
            parts.append(span.placeholder)
            masked_at += len(span.placeholder)
        position = span.end
    return "".join(parts), pieces


def _unmask(start: int, end: int, pieces: list[tuple[int, int, int]]) -> int | None:
    """Original offset of a masked ``start:end`` lying within one unchanged piece, else None."""
    for masked_at, length, original_at in pieces:
        if masked_at <= start and end <= masked_at + length:
            return original_at + start - masked_at
    return None


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """``text`` in pieces of at most ``size`` characters, cut at a line break or space if any."""
    start = 0
    while len(text) - start > size:
        cut = max(text.rfind("\n", start, start + size), text.rfind(" ", start, start + size))
        cut = cut + 1 if cut > start else start + size
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _split_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for line in text[start:end].split("\n"):
        yield position, position + len(line)
        position += len(line) + 1


def _subtract(start: int, end: int, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``start:end`` minus the kept spans."""
    parts = [(start, end)]
    for ks, ke in kept:
        parts = [p for s, e in parts for p in ((s, min(e, ks)), (max(s, ke), e)) if p[0] < p[1]]
    return parts


def _words(text: str, start: int, end: int) -> list[str]:
    return [m.group() for m in _TOKEN.finditer(text[start:end])]


def _key(word: str) -> str:
    return word.lower().rstrip(".").removesuffix("'s").removesuffix("’s").rstrip("'’")


def _looks_like_person(text: str, start: int, end: int, org: bool) -> bool:
    """False for an entity that reads as an organisation, street or place rather than a person."""
    words = _words(text, start, end)
    keys = {_key(w) for w in words}
    if any(any(c.isdigit() or c == "@" for c in w) for w in words) or keys & _NOT_PERSON_WORDS:
        return False
    if org and (keys & (_ORG_ONLY_WORDS | _STREET_SURNAMES) or not 2 <= len(words) <= 3
                or not all(_NAME_WORD.fullmatch(w) for w in words)):
        return False
    before = text[max(0, start - 20):start]
    after = text[end:end + 2]
    following = _TOKEN.match(text, end + 1) if text[end:end + 1] == " " else None
    if following is not None and _key(following.group()) in _NOT_PERSON_WORDS:
        return False  # "St Anne's Church", "Tom Hale Trust": the name of an organisation
    if _ROLE_LINE_START.match(text[text.rfind("\n", 0, start) + 1:start]):
        return False  # "Chief Executive, Haven Ravensmoor"
    if words[-1].lower() in _STREET_SURNAMES and _BEFORE_STREET.search(before):
        return False  # "on Mill Lane"
    if words[0] in _PLACE_FIRST or words[-1] in _PLACE_LAST or "St" in words[1:]:
        return False  # "Little Bewley", "Ashby Vale", "Fenwick St Mary"
    return not (_BEFORE_PLACE.search(before) and not after.startswith(("'s", "’s")))


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """True when the span is a line of its own, or one of names joined by "and" / "&" / ","."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end]
    return bool(_NAME_LINE.fullmatch(line.strip()))


def _enough_name(text: str, start: int, end: int) -> bool:
    """Two name words, or one after an honorific ("Mrs Clarke"); a lone word is too little."""
    words = [w for w in _words(text, start, end) if w.rstrip(".") not in _HONORIFICS]
    if len(words) >= 2:
        return True
    honorific = _HONORIFIC_BEFORE.search(text[max(0, start - 12):start])
    return bool(words) and (honorific is not None or len(_words(text, start, end)) > 1)


def _trim_tokens(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim non-name words from both ends; None when no capitalised word is left."""
    tokens = [(m.start() + start, m.end() + start, m.group())
              for m in _TOKEN.finditer(text[start:end])]

    def edge(token: str) -> bool:
        return (token.lower().rstrip(".") in _EDGE_WORDS or not token[0].isalpha()
                or token[0].islower())

    while tokens and edge(tokens[0][2]):
        tokens.pop(0)
    while tokens and edge(tokens[-1][2]):
        tokens.pop()
    if not tokens or not any(t[2][0].isupper() and any(c.islower() for c in t[2])
                             for t in tokens):
        return None
    return tokens[0][0], tokens[-1][1]
