"""Find the headings of a cleaned document and group its blocks into sections.

Word and HTML headings (and Markdown "#") carry their levels, and nest. Plain text has none, so
a heading is guessed from its look: one short, title-like line without a final period, followed
by body text (e.g. "Syfte", "Registrering i Cosmic", "Beslut HSU 2026-03-03", "Jourtid").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.blocks import Block

MAX_HEADING_LENGTH = 70
MAX_HEADING_WORDS = 10
# Abbreviations a heading may end with: "Förslag avtalstext Övergripande insatser forts."
_HEADING_ABBREVIATIONS = ("forts.", "m.m.", "m.fl.", "etc.")
_NUMBERED_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+[A-ZÅÄÖ]")


@dataclass
class Section:
    """A heading path and the body blocks under it (empty path: text before the first heading)."""

    heading_path: tuple[str, ...]
    blocks: list[Block] = field(default_factory=list)
    heading: Block | None = None


def heading_title(text: str) -> str:
    """The heading as it is shown: without a trailing colon ("Referenser och bilagor:")."""
    return text.rstrip(":").rstrip()


def looks_like_heading(block: Block) -> bool:
    """True if a paragraph looks like a title: one short line, capitalized, no final period."""
    text = block.text
    if block.kind != "paragraph" or block.line_count != 1 or "\n" in text:
        return False
    if len(text) > MAX_HEADING_LENGTH or len(text.split()) > MAX_HEADING_WORDS:
        return False
    if not (text[:1].isupper() or _NUMBERED_HEADING.match(text)):
        return False
    if text.endswith((",", ";", "-", "–")):
        return False
    if text.endswith(".") and not text.lower().endswith(_HEADING_ABBREVIATIONS):
        return False
    if re.search(r"[.!?]\s+\S", text.rstrip(".")):
        return False  # two sentences
    words = text.split()
    if re.fullmatch(r"\d{1,2}[,.]?", words[-1]) and len(words) <= 3:
        return False  # an enumerated label ("Nivå 2"), not a title
    return any(len(re.sub(r"\W", "", w)) >= 3 and not w[:1].isdigit() for w in words)


def is_body(block: Block) -> bool:
    """True for a block that clearly reads as text under a heading: a list, a table, a sentence."""
    if block.kind in ("list", "table"):
        return True
    if block.kind != "paragraph":
        return False
    return len(block.text) >= 80 or block.text.endswith((".", "!", "?", ")"))


def _is_weak_body(block: Block) -> bool:
    """A longish line without a full stop: body only if more text follows it."""
    return block.kind == "paragraph" and len(block.text) >= 60


def mark_headings(blocks: list[Block]) -> list[Block]:
    """Return the blocks with guessed headings turned into ``heading`` blocks (level 0).

    Only for documents without explicit headings: where the format gave headings, those are
    trusted and nothing is guessed. A title-like line is a heading when body text follows it,
    directly or after further headings ("Implementeringsplan" / "Planerad uppföljning").
    """
    if any(block.kind == "heading" and not block.numbered for block in blocks):
        return blocks  # numbered titles ("2.1 Ansvar") alone do not stop the guessing
    heading_at = [False] * len(blocks)
    for index in range(len(blocks) - 1, -1, -1):
        if not looks_like_heading(blocks[index]) or index + 1 >= len(blocks):
            continue
        following = blocks[index + 1]
        # A box of a flow chart ("Stöd från Läkarmedverkan upp till 14 dagar") is followed by
        # one other box only; a real heading's unpunctuated first line has more text after it.
        more_after = index + 2 < len(blocks) and not heading_at[index + 2]
        heading_at[index] = (
            is_body(following)
            or heading_at[index + 1]
            or following.kind == "heading"
            or (_is_weak_body(following) and more_after)
        )
    return [
        Block("heading", heading_title(block.text), 0, page_start=block.page_start)
        if heading_at[index]
        else block
        for index, block in enumerate(blocks)
    ]


def split_sections(blocks: list[Block]) -> list[Section]:
    """Group blocks (headings marked) into sections with nested heading paths.

    A heading of level n closes the open headings of level >= n; level-0 (guessed) headings are
    all on one level.
    """
    sections: list[Section] = [Section(())]
    stack: list[tuple[int, str]] = []
    for block in blocks:
        if block.kind == "heading":
            title = heading_title(block.text)
            level = block.level or 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, title))
            sections.append(Section(tuple(t for _, t in stack), heading=block))
        else:
            sections[-1].blocks.append(block)
    return sections
