"""The :class:`Redactor`, its running :class:`RedactionReport`, and :func:`redact_frame`."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..schema import require_columns
from ._patterns import (
    _ADDRESS,
    _ADDRESS_ANY_CASE,
    _ALL_CAPS_RUN,
    _CAPITALISED,
    _EMAIL,
    _EMAIL_WORDS,
    _FIRST_NAME_THEN_SURNAME,
    _FIRST_NAMES,
    _HONORIFIC_NAME,
    _HONORIFICS,
    _HOUSE_NAME,
    _LOWER_NAME,
    _MAY_HOLD_PHONE,
    _NAME_THEN_TITLE,
    _NER_BATCH,
    _NER_CHUNK,
    _NI_NUMBER,
    _NOT_PERSON_WORDS,
    _OPENERS,
    _ORG_ONLY_WORDS,
    _PLAIN_NAME_WORDS,
    _POSTCODE,
    _STREET_SURNAMES,
    _TITLED_NAME,
    ALL_KINDS,
)
from ._spans import (
    Span,
    _alone_on_line,
    _apply,
    _chunks,
    _compile_keep,
    _enough_name,
    _key,
    _longest_first,
    _looks_like_person,
    _mask,
    _may_hold_email,
    _phone_spans,
    _rstrip_span,
    _split_lines,
    _subtract,
    _trim_tokens,
    _unmask,
    _words,
)

if TYPE_CHECKING:
    from spacy.language import Language

    from ..codebook import Codebook


@dataclass
class RedactionReport:
    """How much a :class:`Redactor` removed, per kind, over every text it has seen.

    Attributes:
        email, phone, postcode, address, ni_number, person: spans redacted of each kind.
        texts: texts passed through the redactor.
        texts_changed: texts in which at least one span was redacted.
    """

    email: int = 0
    phone: int = 0
    postcode: int = 0
    address: int = 0
    ni_number: int = 0
    person: int = 0
    texts: int = 0
    texts_changed: int = 0

    @property
    def total(self) -> int:
        """Spans redacted, all kinds together."""
        return sum(getattr(self, kind) for kind in ALL_KINDS)

    def add(self, spans: Sequence[Span]) -> None:
        """Count the spans redacted from one text."""
        self.texts += 1
        self.texts_changed += bool(spans)
        for span in spans:
            setattr(self, span.kind, getattr(self, span.kind) + 1)

    def as_dict(self) -> dict[str, int]:
        """Counts per kind, ``total``, ``texts`` and ``texts_changed``, for ``run.json``."""
        return {**{kind: getattr(self, kind) for kind in ALL_KINDS}, "total": self.total,
                "texts": self.texts, "texts_changed": self.texts_changed}


class Redactor:
    """Replace personal data in texts with placeholders; see the module docstring for the kinds.

    Args:
        kinds: the kinds to redact, a subset of :data:`ALL_KINDS` (default: all).
        keep: extra names never to redact (people or organisations), matched case-insensitively
            except for all-capital acronyms.
        codebook: its target's name, aliases and office holders are kept.
        use_ner: find private individuals' names with the spaCy pipeline (default True). With
            False no model is loaded and only names after an honorific ("Mrs Clarke") are found.
        nlp: a spaCy pipeline with an ``ner`` component to use instead of the bundled
            ``load_pipeline("entities")``, which is loaded on first need.

    Attributes:
        report: a :class:`RedactionReport` accumulating counts over every call.

    Raises:
        ValueError: when ``kinds`` names an unknown kind.
    """

    def __init__(self, *, kinds: Sequence[str] = ALL_KINDS, keep: Sequence[str] = (),
                 codebook: Codebook | None = None, use_ner: bool = True,
                 nlp: Language | None = None) -> None:
        if isinstance(kinds, str):
            kinds = (kinds,)
        unknown = [k for k in kinds if k not in ALL_KINDS]
        if unknown:
            raise ValueError(f"unknown redaction kind(s) {', '.join(map(repr, unknown))}; "
                             f"choose from {', '.join(ALL_KINDS)}")
        self.kinds = tuple(k for k in ALL_KINDS if k in kinds)
        self.keep = tuple(keep)
        self.codebook = codebook
        self.use_ner = use_ner
        self.nlp = nlp
        self.report = RedactionReport()
        self._memo: dict[str, list[Span]] = {}  # spans by text: a text is searched once
        self._keep_pattern, self._kept_names = _compile_keep(self._keep_names())

    # -- public ----------------------------------------------------------------------------------

    def redact(self, text: str) -> tuple[str, list[Span]]:
        """Redact one text.

        Returns:
            The redacted text and the spans removed, with offsets into the original ``text``,
            in text order.
        """
        spans = self._redact_spans([text])[0]
        return _apply(text, spans), spans

    def redact_many(self, texts: Iterable[str]) -> list[str]:
        """Redact many texts, running the spaCy pipeline in batches (much faster than a loop).

        Only texts that still hold two capitalised words in a row once the pattern kinds are
        replaced go through the pipeline.
        """
        texts = list(texts)
        return [_apply(t, s) for t, s in zip(texts, self._redact_spans(texts), strict=True)]

    def keeping(self, names: Iterable[str]) -> Redactor:
        """A redactor like this one that also keeps ``names`` (e.g. the organisations that sent
        evidence), sharing its pipeline; its :attr:`report` starts from zero."""
        extra = [n for n in dict.fromkeys(names) if isinstance(n, str) and n.strip()]
        return Redactor(kinds=self.kinds, keep=(*self.keep, *extra), codebook=self.codebook,
                        use_ner=self.use_ner, nlp=self.nlp)

    def neutral_name(self, value: str) -> str | None:
        """A stand-in for an id or file name that holds personal data, or None when it holds none.

        Underscores read as spaces ("Mrs_Jane_Okafor" is a name). The stand-in is the redacted
        words as a slug and a hash of the original, so it stays stable from run to run and two
        files never share it: ``Mrs Jane Okafor 14 Mill Lane RG1 4XX`` becomes
        ``mrs_name_address_postcode-<8 hex digits>``. Only the review store keeps the original.
        """
        return self.neutral_names([value])[0]

    def neutral_names(self, values: Iterable[str]) -> list[str | None]:
        """:meth:`neutral_name` of each value, searched together (as :meth:`redact_many`)."""
        values = list(values)
        words = [" ".join(v.replace("_", " ").split()) for v in values]
        out: list[str | None] = []
        for value, text, spans in zip(values, words, self._redact_spans(words), strict=True):
            if not spans:
                out.append(None)
                continue
            slug = re.sub(r"[^a-z0-9]+", "_", _apply(text, spans).lower()).strip("_")
            out.append(f"{slug or 'submission'}-"
                       f"{hashlib.sha256(value.encode('utf-8')).hexdigest()[:8]}")
        return out

    def redact_path(self, path: str) -> str:
        """``path`` with every folder or file name that holds personal data made neutral.

        The extension and a ``#row=N`` suffix are kept: ``/in/Mrs Jane Okafor.txt#row=2`` becomes
        ``/in/mrs_name-<hash>.txt#row=2``.
        """
        return self.redact_paths([path])[0]

    def redact_paths(self, paths: Iterable[str]) -> list[str]:
        """:meth:`redact_path` of each path, their names searched together."""
        split = [_path_parts(p) for p in paths]
        stems = list(dict.fromkeys(named[0] for parts, _ in split for part in parts
                                   if (named := _named_part(part)) is not None))
        neutral = dict(zip(stems, self.neutral_names(stems), strict=True))
        out = []
        for parts, tail in split:
            for i, part in enumerate(parts):
                named = _named_part(part)
                if named is not None and neutral[named[0]] is not None:
                    parts[i] = f"{neutral[named[0]]}{named[1]}"
            out.append("".join(parts) + tail)
        return out

    def __repr__(self) -> str:
        return (f"Redactor(kinds={self.kinds!r}, keep={self.keep!r}, "
                f"codebook={getattr(self.codebook, 'name', None)!r}, use_ner={self.use_ner})")

    # -- internals -------------------------------------------------------------------------------

    def _keep_names(self) -> list[str]:
        names = list(self.keep)
        if self.codebook is not None:
            names += self.codebook.target.all_names()
        return [n for n in names if n.strip()]

    def _run_ner(self) -> bool:
        return self.use_ner and "person" in self.kinds

    def _redact_spans(self, texts: list[str]) -> list[list[Span]]:
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"Redactor needs strings; item {i} is {type(text).__name__}. "
                                f"Use redact_frame for columns with missing values.")
        # derived columns quote the statements again: each distinct text is searched once
        fresh = list(dict.fromkeys(t for t in texts if t not in self._memo))
        kept = [self._kept_spans(t) for t in fresh]
        found = [self._pattern_spans(t, k) for t, k in zip(fresh, kept, strict=True)]
        if self._run_ner():
            self._add_person_spans(fresh, kept, found)
        for text, spans in zip(fresh, found, strict=True):
            spans.sort(key=lambda s: s.start)
            self._memo[text] = spans
        out = [list(self._memo[t]) for t in texts]
        for spans in out:
            self.report.add(spans)
        return out

    def _kept_spans(self, text: str) -> list[tuple[int, int]]:
        spans = [m.span() for m in _TITLED_NAME.finditer(text)]
        spans += [m.span() for m in _NAME_THEN_TITLE.finditer(text)]
        if self._keep_pattern is not None:
            spans += [m.span() for m in self._keep_pattern.finditer(text)]
        return spans

    def _pattern_spans(self, text: str, kept: list[tuple[int, int]]) -> list[Span]:
        candidates: list[Span] = []
        if "email" in self.kinds and _may_hold_email(text):
            candidates += [Span("email", *m.span(), m.group())
                           for pattern in (_EMAIL, _EMAIL_WORDS) for m in pattern.finditer(text)]
        if "phone" in self.kinds and _MAY_HOLD_PHONE.search(text):
            candidates += _phone_spans(text)
        if "postcode" in self.kinds:
            candidates += [Span("postcode", *m.span(), m.group()) for m in _POSTCODE.finditer(text)]
        if "address" in self.kinds:
            for match in itertools.chain(_ADDRESS.finditer(text),
                                         _ADDRESS_ANY_CASE.finditer(text),
                                         _HOUSE_NAME.finditer(text)):
                start, end = _rstrip_span(text, *match.span())
                candidates.append(Span("address", start, end, text[start:end]))
        if "ni_number" in self.kinds:
            candidates += [Span("ni_number", *m.span(), m.group())
                           for m in _NI_NUMBER.finditer(text)]
        if "person" in self.kinds:
            for match in _HONORIFIC_NAME.finditer(text):
                start, end = match.span(1)
                if (_looks_like_person(text, start, end, org=False)
                        and not set(map(_key, _words(text, start, end))) & _ORG_ONLY_WORDS
                        and not self._is_kept_name(match.group(1))):
                    candidates.append(Span("person", start, end, match.group(1)))
            candidates += self._lower_case_names(text)
        # a match lying wholly inside a kept name ("12 Downing Street" on the keep-list) stays
        candidates = [s for s in candidates
                      if not any(ks <= s.start and s.end <= ke for ks, ke in kept)]
        return _longest_first(candidates)

    def _lower_case_names(self, text: str) -> list[Span]:
        """Names in lower case: "mrs okafor", "mr tom ashworth", "jane okafor"."""
        spans = []
        for match in _LOWER_NAME.finditer(text):
            group = 1 if match.group(1) else 2
            start, end = match.span(group)
            words = match.group(group).split()
            if group == 1 and len(words) == 2 and words[0] not in _FIRST_NAMES:
                end = start + len(words[0])  # "mrs okafor said": the second word is prose
                words = words[:1]
            if any(w in _PLAIN_NAME_WORDS for w in words[-1:]) or self._is_kept_name(" ".join(words)):
                continue
            spans.append(Span("person", start, end, text[start:end]))
        for match in _FIRST_NAME_THEN_SURNAME.finditer(text):
            start, end = match.span()
            if (match.group(1).lower() in _FIRST_NAMES
                    and _key(match.group(2)) not in _ORG_ONLY_WORDS | _STREET_SURNAMES
                    and _looks_like_person(text, start, end, org=False)
                    and not self._is_kept_name(match.group())):
                spans.append(Span("person", start, end, match.group()))
        return spans

    def _add_person_spans(self, texts: list[str], kept: list[list[tuple[int, int]]],
                          found: list[list[Span]]) -> None:
        """Run NER on the pattern-redacted texts that may hold a name; add ``person`` spans."""
        jobs: list[tuple[str, tuple[int, int, list[tuple[int, int, int]]]]] = []
        for i, (text, spans) in enumerate(zip(texts, found, strict=True)):
            masked, pieces = _mask(text, spans)
            # names in capitals ("JANE OKAFOR") read to the model in title case, same length
            masked = _ALL_CAPS_RUN.sub(lambda m: m.group().title(), masked)
            if not self._may_hold_name(masked):
                continue
            for offset, chunk in _chunks(masked, _NER_CHUNK):
                jobs.append((chunk, (i, offset, pieces)))
        if not jobs:
            return
        nlp = self._pipeline()
        for doc, (i, offset, pieces) in nlp.pipe(jobs, as_tuples=True, batch_size=_NER_BATCH):
            for ent in doc.ents:
                if ent.label_ not in ("PERSON", "ORG"):
                    continue
                start = _unmask(offset + ent.start_char, offset + ent.end_char, pieces)
                if start is None:
                    continue  # touches a placeholder: not a name
                end = start + ent.end_char - ent.start_char
                titled = _ALL_CAPS_RUN.sub(lambda m: m.group().title(), texts[i])
                for s, e in self._name_parts(titled, start, end, kept[i], ent.label_ == "ORG"):
                    found[i].append(Span("person", s, e, texts[i][s:e]))

    def _may_hold_name(self, text: str) -> bool:
        """Whether NER could find a name here that :meth:`_name_parts` would redact.

        A redacted name has two capitalised words in a row, none of them an organisation word
        (:data:`_NOT_PERSON_WORDS` rejects the whole entity), and is not a kept name. Texts without
        such a pair ("the Chief Constable", "Marcus Doyle" when he holds office) skip the model,
        which is most of the time the report takes.
        """
        words = [(m.start(), m.end(), m.group()) for m in _CAPITALISED.finditer(text)]
        for (_, end, first), (start, _, second) in itertools.pairwise(words):
            if (end == start or text[end:start].strip(" \t") or first in _OPENERS
                    or _key(first) in _NOT_PERSON_WORDS or _key(second) in _NOT_PERSON_WORDS):
                continue
            if not self._is_kept_name(f"{first} {second}"):
                return True
        return False

    def _pipeline(self) -> Language:
        if self.nlp is None:
            from ..nlp import load_pipeline

            self.nlp = load_pipeline("entities")
        return self.nlp

    def _name_parts(self, text: str, start: int, end: int, kept: list[tuple[int, int]],
                    org: bool) -> Iterator[tuple[int, int]]:
        """The parts of an entity to redact as a private individual's name, line by line.

        A ``PERSON`` entity counts unless it looks like an organisation, street or place, or is a
        kept name. The small model often tags a signature ("Nadia Brook" on its own line) as
        ``ORG``, so an ``ORG`` entity counts when it is two or three name-like words alone on
        their line (or joined by "and") and has no organisation word.
        """
        for line_start, line_end in _split_lines(text, start, end):
            piece = _trim_tokens(text, line_start, line_end)
            if piece is None:
                continue
            s, e = piece
            if org and not _alone_on_line(text, s, e):
                continue
            if not _looks_like_person(text, s, e, org) or self._is_kept_name(text[s:e]):
                continue
            for part in _subtract(s, e, kept):
                trimmed = _trim_tokens(text, *part)
                if trimmed is not None and _enough_name(text, *trimmed):
                    yield trimmed

    def _is_kept_name(self, name: str) -> bool:
        words = name.split()
        while words and words[0].rstrip(".") in _HONORIFICS:
            words = words[1:]
        key = " ".join(words).removesuffix("'s").removesuffix("’s").lower()
        return key in self._kept_names


def _path_parts(path: str) -> tuple[list[str], str]:
    """A path's folder and file names with the separators between them, and its ``#row=N``."""
    file, hash_mark, row = path.partition("#row=")
    return re.split(r"([/\\])", file), hash_mark + row


def _named_part(part: str) -> tuple[str, str] | None:
    """(stem, ".extension") of a folder or file name; None for a separator or a hidden name."""
    if part in ("", "/", "\\") or part.startswith("."):
        return None
    stem, dot, suffix = part.rpartition(".") if "." in part else (part, "", "")
    return stem, dot + suffix


def redact_frame(frame: pd.DataFrame, columns: Sequence[str], redactor: Redactor) -> pd.DataFrame:
    """A copy of ``frame`` with the text in ``columns`` redacted.

    String cells are redacted, list cells (e.g. findings ``quotes``) element by element; other
    values (numbers, missing values) are left as they are. All texts go through
    :meth:`Redactor.redact_many` together, so the pipeline runs in batches.

    Raises:
        ColumnsError: naming the columns ``frame`` lacks.
    """
    require_columns(frame, columns, stage="redact_frame")
    out = frame.copy()
    texts: list[str] = []
    for column in columns:
        for value in out[column]:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, (list, tuple)):
                texts += [v for v in value if isinstance(v, str)]
    redacted = iter(redactor.redact_many(texts))

    def replace(value: Any) -> Any:
        if isinstance(value, str):
            return next(redacted)
        if isinstance(value, (list, tuple)):
            return type(value)(next(redacted) if isinstance(v, str) else v for v in value)
        return value

    for column in columns:
        out[column] = pd.Series([replace(v) for v in out[column]], index=out.index,
                                dtype=out[column].dtype)
    return out


