"""The parse pipeline's attribute ruler, matched by table look-up instead of spaCy's ``Matcher``.

The model's ``attribute_ruler`` sets each token's coarse part of speech and morphology from its
fine tag, with exceptions for particular words ("that" as a relative pronoun, "gon na"). It holds
179 patterns of one or two tokens, and spaCy's general-purpose ``Matcher`` tries each at every
token: a third of the findings' parse time at 10,000 statements. Every pattern tests a token's
``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE`` for a value, a set of values (``IN``, ``NOT_IN``) or a
regular expression, so the same matches are found by looking the token's tag and lower-case
form up in tables and testing only the few patterns that need more. The matches are handed to
the ruler's own ``set_annotations`` in the order spaCy's ``match`` gives them, so every token
gets the same attributes (``tests/test_nlp.py`` compares the two on real statements). A ruler
holding any other kind of pattern keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

#: token attributes a pattern may test, in the order :meth:`Doc.to_array` reads them
_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Row = tuple[int, int, int, int]  # a token's tag, lower-case form and dependency (string ids), is_space
Test = Callable[[Row], bool]
Match = tuple[int, int, int, int]  # (attribute set, match id, start, end), as spaCy's ruler sorts them
_Entry = tuple[int, "Test | None", "Test | None"]


class _Unsupported(ValueError):
    """A pattern this matcher does not read (spaCy's matcher is kept)."""


class IndexedAttributeMatcher:
    """The matches of an ``AttributeRuler``'s patterns, found through tables (see the module
    docstring); ``match(doc)`` returns what the ruler's own ``match`` returns.

    Raises:
        ValueError: for a ruler with a pattern of another kind (longer, with operators, or
            testing other attributes).
    """

    def __init__(self, ruler: Any) -> None:
        self._strings = ruler.vocab.strings
        self._regex_seen: dict[tuple[int, int], bool] = {}  # (pattern, word id) -> found
        self._regexes: list[re.Pattern[str]] = []
        #: per attribute (position in a row): value -> (attribute set, test of the first token's
        #: other attributes, test of the second token's or None for a one-token pattern)
        self._by: list[dict[int, list[_Entry]]] = [{} for _ in _ATTRS]
        self._any: list[_Entry] = []  # patterns that fix no attribute: tested at every token
        self._ids = [self._strings[str(i)] for i in range(len(ruler.attrs))]
        for i in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(i))
            for pattern in patterns:
                self._add(i, [dict(spec) for spec in pattern])

    # -- compiling the patterns --------------------------------------------------------------
    def _id(self, value: Any) -> int:
        return int(value) if isinstance(value, bool) else int(self._strings.add(value))

    def _value_test(self, attr: str, value: Any) -> Test:
        at = _ATTRS.index(attr)
        if isinstance(value, dict):
            if len(value) != 1:
                raise _Unsupported(value)
            (op, arg), = value.items()
            if op == "IN":
                allowed = frozenset(self._id(v) for v in arg)
                return lambda row: row[at] in allowed
            if op == "NOT_IN":
                banned = frozenset(self._id(v) for v in arg)
                return lambda row: row[at] not in banned
            if op == "REGEX" and attr != "IS_SPACE":
                self._regexes.append(re.compile(arg))
                return self._regex_test(len(self._regexes) - 1, at)
            raise _Unsupported(value)
        if isinstance(value, (bool, str)):
            wanted = self._id(value)
            return lambda row: row[at] == wanted
        raise _Unsupported(value)

    def _regex_test(self, n: int, at: int) -> Test:
        def test(row: Row) -> bool:
            key = (n, row[at])
            if key not in self._regex_seen:
                self._regex_seen[key] = self._regexes[n].search(self._strings[row[at]]) is not None
            return self._regex_seen[key]
        return test

    def _token_test(self, spec: dict[str, Any], skip: str = "") -> Test | None:
        """One test of ``spec`` on a token's row, less attribute ``skip`` (None: nothing left)."""
        if set(spec) - set(_ATTRS):
            raise _Unsupported(spec)
        tests = [self._value_test(attr, value) for attr, value in spec.items() if attr != skip]
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)

    def _key(self, spec: dict[str, Any]) -> tuple[int, list[int]] | None:
        """The attribute (position in a row) and the values a token must have for ``spec`` to
        match, for the most selective attribute ``spec`` fixes; None when it fixes none."""
        if not spec:
            raise _Unsupported(spec)
        for attr in ("LOWER", "TAG", "DEP", "IS_SPACE"):
            value = spec.get(attr)
            if isinstance(value, (bool, str)):
                return _ATTRS.index(attr), [self._id(value)]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return _ATTRS.index(attr), [self._id(v) for v in value["IN"]]
        return None

    def _add(self, i: int, pattern: list[dict[str, Any]]) -> None:
        if len(pattern) not in (1, 2):
            raise _Unsupported(pattern)
        first, second = pattern[0], pattern[1] if len(pattern) == 2 else None
        then = None if second is None else self._token_test(second) or (lambda row: True)
        key = self._key(first)
        if key is None:
            test = self._token_test(first)
            assert test is not None  # a spec that fixes no attribute tests one
            self._any.append((i, test, then))
            return
        at, values = key
        test = self._token_test(first, skip=_ATTRS[at])
        for value in values:
            self._by[at].setdefault(value, []).append((i, test, then))

    # -- matching ----------------------------------------------------------------------------
    def match(self, doc: Doc) -> list[Match]:
        """Every (attribute set, match id, start, end) of ``doc``, sorted as spaCy's ruler sorts
        them (so that later rules take precedence)."""
        rows: list[Row] = [tuple(r) for r in doc.to_array(list(_ATTRS)).tolist()] \
            if len(doc) else []
        found: set[tuple[int, int, int]] = set()
        last = len(rows) - 1
        for start, row in enumerate(rows):
            for at, table in enumerate(self._by):
                for i, test, then in table.get(row[at], ()):
                    self._found(found, rows, start, last, i, test, then)
            for i, test, then in self._any:
                self._found(found, rows, start, last, i, test, then)
        return sorted((i, self._ids[i], start, end) for i, start, end in found)

    @staticmethod
    def _found(found: set[tuple[int, int, int]], rows: list[Row], start: int, last: int, i: int,
               test: Test | None, then: Test | None) -> None:
        if test is not None and not test(rows[start]):
            return
        if then is None:
            found.add((i, start, start + 1))
        elif start < last and then(rows[start + 1]):
            found.add((i, start, start + 2))


def index_attribute_ruler(nlp: Language) -> bool:
    """Make ``nlp``'s ``attribute_ruler`` (if any) find its matches through
    :class:`IndexedAttributeMatcher`. Returns False, leaving it as it was, when it holds a
    pattern of another kind."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    try:
        matcher = IndexedAttributeMatcher(ruler)
    except _Unsupported:
        return False
    ruler.match = matcher.match
    return True
