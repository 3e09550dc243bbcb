"""The one documented mapping from counts to the words a panel uses for them.

==========================  ==================
count of organisations       word
==========================  ==================
1                            one
all of the group (n >= 2)    all
more than half               the majority of
2-3                          a few
4-6                          several
7 or more                    many
==========================  ==================

"The majority" is only written when the count is more than half of the group it is taken over
(all respondents, or all respondents of one kind), so it is never written over 2 of 15.
"""

from __future__ import annotations

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]


def quantifier(count: int, total: int) -> str:
    """The word for ``count`` organisations out of ``total`` (see the module table)."""
    if count <= 0:
        return "no"
    if count == 1:
        return "one"
    if count >= total:
        return "all"
    if count * 2 > total:
        return "the majority of"
    if count <= 3:
        return "a few"
    if count <= 6:
        return "several"
    return "many"


def number_word(n: int) -> str:
    """``three`` for 3 (up to twelve), digits above."""
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)
