"""The review's codebook: the target under scrutiny and the themes to code evidence against."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ._folding import fold_case
from .errors import CodebookError

OTHER_THEME = "other"
_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Theme:
    """One theme of a codebook."""

    id: str
    label: str
    description: str
    examples: tuple[str, ...] = ()

    def prompt_texts(self) -> list[str]:
        """Texts that describe the theme for zero-shot matching: label+description, then examples."""
        return [f"{self.label}: {self.description}", *self.examples]


@dataclass(frozen=True)
class Target:
    """Who the review scrutinises (e.g. the Police and Crime Commissioner) and how they are named.

    Attributes:
        name: the office's full name ("Police and Crime Commissioner", "Mayor of London").
        aliases: other names and acronyms ("Commissioner", "PCC", "OPCC"); acronyms match in capitals.
        office_holders: people who hold the office ("Sarah Pennington"); kept unredacted.
        short_name: how a letter refers to the target after "the" ("Commissioner"); default: the
            last word of ``name``.
        references: generic phrases that mean the target in evidence about it ("the office",
            "your team"); "the office of X" is X's office, so a reference followed by "of"/"for"
            does not count.
    """

    name: str
    aliases: tuple[str, ...] = ()
    office_holders: tuple[str, ...] = ()
    short_name: str = ""
    references: tuple[str, ...] = ()

    def all_names(self) -> list[str]:
        """The target's name, aliases and office holders, longest first (so longer names win)."""
        names = {self.name, *self.aliases, *self.office_holders}
        return sorted((n for n in names if n.strip()), key=len, reverse=True)

    @property
    def title(self) -> str:
        """The name a letter uses after "the": ``short_name``, else the last word of ``name``."""
        return self.short_name or self.name.split()[-1]


@dataclass(frozen=True)
class Vocabulary:
    """The call's own words, beyond the target's names: everything else that is not English.

    Attributes:
        respondent_kinds: ``(kind id, singular noun, plural noun)`` for each kind of respondent
            (``("council", "council", "councils")``); an unlisted kind reads as its id in words.
        request_phrases: extra phrases that open a request to the target ("the forum asks that"),
            beside the English ones every call shares ("we recommend", "we would welcome").
        stop_words: words theme discovery ignores when naming themes (place names, the review's
            own name); the target's names are always ignored.
    """

    respondent_kinds: tuple[tuple[str, str, str], ...] = ()
    request_phrases: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()

    def respondent_noun(self, kind: str, *, plural: bool) -> str:
        """A respondent kind in words: ``council`` -> "council"/"councils"; "" -> "respondent"."""
        for kind_id, singular, many in self.respondent_kinds:
            if kind_id == kind:
                return many if plural else singular
        if not kind or kind == "other":
            return "respondents" if plural else "respondent"
        words = kind.replace("_", " ")
        return words + ("s" if plural and not words.endswith("s") else "")


@dataclass(frozen=True)
class Letter:
    """How the findings letter is laid out and addressed (the codebook's ``letter:`` section).

    Every field has a default, so a codebook without the section still gives a letter an officer
    can complete: "[Panel name]" and "[address]" placeholders where nothing is known.

    Attributes:
        sender: who writes: the panel's name for the letterhead and the signature block.
        address: the letterhead's address lines.
        addressee: the addressee's lines (name, office, "by email"); default: the target's name.
        salutation: default "Dear <target short name>".
        subject: the letter's subject line; default: the run's title.
        closing: the paragraph before the sign-off.
        sign_off: "Yours sincerely".
        signatory: the signature block's lines under the space for a signature.
        font: the letter's font (a font Word and LibreOffice both know, e.g. "Arial").
        font_size: in points.
    """

    sender: str = "[Panel name]"
    address: tuple[str, ...] = ("[address]",)
    addressee: tuple[str, ...] = ()
    salutation: str = ""
    subject: str = ""
    closing: str = ("We look forward to receiving your response to these findings and "
                    "recommendations, and to discussing them with you at the Panel's next meeting.")
    sign_off: str = "Yours sincerely"
    signatory: tuple[str, ...] = ("Chair of the Panel",)
    font: str = "Arial"
    font_size: float = 11.0


@dataclass(frozen=True)
class Codebook:
    """A target and its themes, as read from a YAML file.

    Attributes:
        name: a human name for the codebook.
        target: the office holder under scrutiny.
        themes: the themes; ``other`` is implicit and must not be listed.
        vocabulary: respondent kinds, extra request phrases and stop words (:class:`Vocabulary`).
        letter: how the findings letter is addressed and signed (:class:`Letter`).
        source: where the codebook came from (a path, or ``"default"``).
        sha256: hash of the file's bytes, recorded in every run manifest.
    """

    name: str
    target: Target
    themes: tuple[Theme, ...]
    vocabulary: Vocabulary = Vocabulary()
    letter: Letter = Letter()
    source: str = "default"
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def theme_ids(self) -> list[str]:
        """Theme ids in codebook order, without ``other``."""
        return [t.id for t in self.themes]

    def theme(self, theme_id: str) -> Theme:
        """The theme with this id (``KeyError`` when the codebook has none)."""
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def theme_id_of(self, written: str) -> str | None:
        """The theme an officer means by ``written``: its id or its label, in any case and with
        any surrounding space ("Engagement and communication", "ENGAGEMENT", "other"); None when
        the codebook has no such theme."""
        key = fold_case(written)
        for theme in self.themes:
            if key in (fold_case(theme.id), fold_case(theme.label)):
                return theme.id
        return OTHER_THEME if key == OTHER_THEME else None

    def label_of(self, theme_id: str) -> str:
        """A theme's human label; ``Other`` for ``other`` and the id itself when unknown."""
        if theme_id == OTHER_THEME:
            return "Other"
        try:
            return self.theme(theme_id).label
        except KeyError:
            return theme_id


def default_codebook_path() -> Path:
    """Path of the default PCC-scrutiny codebook shipped with the package."""
    return Path(str(resources.files("evidence_lab") / "data" / "default_codebook.yaml"))


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read a codebook YAML file, or the shipped default when ``path`` is None.

    Raises:
        CodebookError: naming the file, the field and the fix, when the file is malformed.
    """
    file = Path(path) if path is not None else default_codebook_path()
    try:
        raw_bytes = file.read_bytes()
    except OSError as exc:
        raise CodebookError(str(file), "(file)", f"cannot be read ({exc.strerror})",
                            "pass the path of an existing YAML codebook") from None
    try:
        raw = yaml.safe_load(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise CodebookError(str(file), "(file)", "is not UTF-8 text",
                            "save the codebook as UTF-8 (plain text) YAML") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise CodebookError(str(file), "(file)", f"is not valid YAML{line}",
                            "check indentation and quoting; see the default codebook") from None
    codebook = _parse(raw, str(file))
    return dataclasses.replace(codebook, source="default" if path is None else str(file),
                               sha256=hashlib.sha256(raw_bytes).hexdigest())


def _parse(raw: Any, where: str) -> Codebook:
    if not isinstance(raw, dict):
        raise CodebookError(where, "(top level)", "is not a mapping",
                            "write 'target:' and 'themes:' keys at the top level")
    target = _parse_target(raw.get("target"), where)
    themes_raw = raw.get("themes")
    if themes_raw is not None and not isinstance(themes_raw, list):
        raise CodebookError(where, "themes", f"is a {type(themes_raw).__name__}, not a list",
                            "write each theme as a list item starting with '- id:'")
    if not themes_raw:
        raise CodebookError(where, "themes", "is missing or empty",
                            "list at least one theme with 'id', 'label' and 'description'")
    themes = tuple(_parse_theme(item, i, where) for i, item in enumerate(themes_raw))
    ids = [t.id for t in themes]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CodebookError(where, "themes[].id", f"repeats {', '.join(duplicates)}",
                            "give every theme a unique id")
    vocabulary = _parse_vocabulary(raw.get("vocabulary"), where)
    return Codebook(str(raw.get("name") or Path(where).stem), target, themes, vocabulary,
                    _parse_letter(raw.get("letter"), where))


_LETTER_TEXT = ("sender", "salutation", "subject", "closing", "sign_off", "font")
_LETTER_LINES = ("address", "addressee", "signatory")


def _parse_letter(raw: Any, where: str) -> Letter:
    if raw is None:
        return Letter()
    if not isinstance(raw, dict):
        raise CodebookError(where, "letter", f"is a {type(raw).__name__}, not a mapping",
                            "write 'letter:' with indented 'sender:', 'address:', 'addressee:' ...")
    unknown = sorted(set(raw) - set(_LETTER_TEXT) - set(_LETTER_LINES) - {"font_size"})
    if unknown:
        raise CodebookError(where, f"letter.{unknown[0]}", "is not a letter field",
                            f"use only {', '.join(_LETTER_TEXT + _LETTER_LINES)} and font_size")
    values: dict[str, Any] = {}
    for key in _LETTER_TEXT:
        if raw.get(key) is not None:
            if not isinstance(raw[key], str) or not raw[key].strip():
                raise CodebookError(where, f"letter.{key}", "is not text",
                                    f"write 'letter.{key}' as one line of text, or leave it out")
            values[key] = " ".join(raw[key].split())
    for key in _LETTER_LINES:
        if raw.get(key) is not None:
            values[key] = _strings(raw[key], where, f"letter.{key}")
    if raw.get("font_size") is not None:
        size = raw["font_size"]
        if isinstance(size, bool) or not isinstance(size, int | float) or not 8 <= size <= 16:
            raise CodebookError(where, "letter.font_size", f"{size!r} is not a size in points",
                                "write a number from 8 to 16, e.g. 'font_size: 11'")
        values["font_size"] = float(size)
    return Letter(**values)


def _parse_target(raw: Any, where: str) -> Target:
    if raw is not None and not isinstance(raw, dict):
        raise CodebookError(where, "target", f"is a {type(raw).__name__}, not a mapping",
                            "write 'target:' with an indented 'name:' (and optional 'aliases:')")
    if raw is None or not str(raw.get("name") or "").strip():
        raise CodebookError(where, "target.name", "is missing",
                            "add 'target:' with a 'name:', the office under scrutiny")
    lists = {key: _strings(raw.get(key), where, f"target.{key}")
             for key in ("aliases", "office_holders", "references")}
    short_name = raw.get("short_name") or ""
    if not isinstance(short_name, str):
        raise CodebookError(where, "target.short_name", "is not text",
                            "write the name a letter uses after 'the', e.g. 'short_name: Mayor'")
    return Target(str(raw["name"]).strip(), lists["aliases"], lists["office_holders"],
                  short_name.strip(), lists["references"])


def _strings(value: Any, where: str, field_name: str) -> tuple[str, ...]:
    """A YAML list of strings (missing = empty); anything else is an error naming the field."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CodebookError(where, field_name, "is not a list of names or phrases",
                            f"write '{field_name}' as a YAML list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _parse_vocabulary(raw: Any, where: str) -> Vocabulary:
    if raw is None:
        return Vocabulary()
    if not isinstance(raw, dict):
        raise CodebookError(where, "vocabulary", f"is a {type(raw).__name__}, not a mapping",
                            "write 'vocabulary:' with indented 'respondent_kinds:', "
                            "'request_phrases:' or 'stop_words:'")
    kinds_raw = raw.get("respondent_kinds") or {}
    if not isinstance(kinds_raw, dict):
        raise CodebookError(where, "vocabulary.respondent_kinds", "is not a mapping",
                            "write each kind as 'council: [council, councils]'")
    kinds = []
    for kind, nouns in kinds_raw.items():
        if (not isinstance(nouns, list) or len(nouns) != 2
                or not all(isinstance(n, str) and n.strip() for n in nouns)):
            raise CodebookError(where, f"vocabulary.respondent_kinds.{kind}",
                                "is not a [singular, plural] pair",
                                f"write '{kind}: [{kind}, {kind}s]' with the two nouns")
        kinds.append((str(kind), nouns[0].strip(), nouns[1].strip()))
    return Vocabulary(tuple(kinds), _strings(raw.get("request_phrases"), where,
                                             "vocabulary.request_phrases"),
                      tuple(w.lower() for w in _strings(raw.get("stop_words"), where,
                                                         "vocabulary.stop_words")))


def _parse_theme(raw: Any, index: int, where: str) -> Theme:
    field_name = f"themes[{index}]"
    if not isinstance(raw, dict):
        raise CodebookError(where, field_name, "is not a mapping",
                            "write each theme as 'id:', 'label:', 'description:'")
    theme_id = str(raw.get("id") or "").strip()
    if not _ID_PATTERN.match(theme_id):
        raise CodebookError(where, f"{field_name}.id", f"{theme_id!r} is not a valid id",
                            "use lower-case letters, digits and underscores, starting with a letter")
    if theme_id == OTHER_THEME:
        raise CodebookError(where, f"{field_name}.id", "'other' is reserved",
                            "remove it: statements that fit no theme are labelled 'other' automatically")
    for key in ("label", "description"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise CodebookError(where, f"{field_name}.{key}", "is missing or empty",
                                f"give theme '{theme_id}' a one-line {key}")
    examples = raw.get("examples") or []
    if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
        raise CodebookError(where, f"{field_name}.examples", "is not a list of statements",
                            "write examples as a YAML list of strings, or leave them out")
    return Theme(theme_id, raw["label"].strip(), " ".join(raw["description"].split()),
                 tuple(e.strip() for e in examples))
