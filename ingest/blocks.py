"""The intermediate pieces between reading a file and chunking it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One line of extracted plain text. ``page_start`` marks the first line of a page or slide."""

    text: str
    page_start: bool = False


@dataclass
class Block:
    """A piece of a document in reading order.

    ``kind`` is ``raw`` (unstructured lines still to be cleaned), ``paragraph``, ``heading``,
    ``list``, ``table`` or ``link`` (an address to keep as metadata, not as text). ``level`` is a
    heading's level where the format gives one (1 = top), 0 where it is guessed from plain text.
    ``line_count`` is how many source lines were joined into a paragraph: a heading is one line.
    ``junk`` is the reason (Swedish) a block is page furniture to drop, set by a reader that can
    tell (an HTML cookie banner or breadcrumb trail); ``numbered`` is the depth of a numbered
    title ("2." is 1, "2.1" is 2), a heading or a list item to be decided from its neighbours.
    """

    kind: str
    text: str = ""
    level: int = 0
    lines: list[Line] = field(default_factory=list)
    page_start: bool = False
    line_count: int = 1
    junk: str = ""
    numbered: int = 0
