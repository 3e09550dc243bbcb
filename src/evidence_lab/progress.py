"""Progress bars that work in terminals and in Jupyter (tqdm's auto front end)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from tqdm.auto import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "",
             disable: bool = False) -> Iterable[T]:
    """Wrap ``items`` in a progress bar with counts and ETA; bars under 50 items stay hidden."""
    hide = disable or (total is not None and total < 50)
    return tqdm(items, total=total, desc=desc, disable=hide, leave=False, unit="it")
