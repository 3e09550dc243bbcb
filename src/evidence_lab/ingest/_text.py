"""Text helpers every reader shares: one newline convention, one way of joining blocks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

Tag = TypeVar("Tag")
#: what separates two blocks (paragraphs, table rows, form answers, PDF pages) in a text
BLOCK_SEPARATOR = "\n\n"


def normalise_newlines(text: str) -> str:
    """``text`` with Windows and old Mac line ends as ``\\n``, and a form feed as a blank line."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")


def join_blocks(blocks: Iterable[tuple[str, Tag]], *, keep_empty: bool = False
                ) -> tuple[str, list[tuple[int, int, Tag]]]:
    """Blocks stripped and joined by a blank line, with where each one sits in the joined text.

    Args:
        blocks: (text, tag) pairs; the tag (a heading flag, a form question, ...) comes back
            with the block's span.
        keep_empty: keep a block that is empty once stripped (a PDF's blank page keeps its
            place); by default it is left out.

    Returns:
        (text, spans): ``spans`` holds ``(start, end, tag)`` for each block kept, in order.
    """
    parts: list[str] = []
    spans: list[tuple[int, int, Tag]] = []
    offset = 0
    for block, tag in blocks:
        block = block.strip()
        if not block and not keep_empty:
            continue
        if parts:
            offset += len(BLOCK_SEPARATOR)
        spans.append((offset, offset + len(block), tag))
        parts.append(block)
        offset += len(block)
    return BLOCK_SEPARATOR.join(parts), spans
