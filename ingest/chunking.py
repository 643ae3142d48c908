"""Cut a sectioned document into chunks with stable anchors.

A chunk is a section, or part of a long one cut at paragraph boundaries (about 900 characters);
a table or a list is never cut. The anchor is the heading's slug plus a short hash of the chunk's
own text, so unchanged text keeps its anchor however the rest of the document changes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ingest.blocks import Block
from ingest.catalog import slugify
from ingest.model import Chunk
from ingest.sections import Section

MAX_CHUNK_CHARS = 900
BLOCK_SEPARATOR = "\n\n"
INTRO_SLUG = "inledning"  # the text before the first heading


@dataclass
class Layout:
    """The document text assembled from blocks, with where each block starts."""

    text: str
    spans: dict[int, tuple[int, int]]  # id(block) -> (start, end) in text


def assemble(sections: list[Section]) -> Layout:
    """Join all headings and blocks into the document text, remembering each block's span."""
    parts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    offset = 0
    for section in sections:
        pieces = ([section.heading] if section.heading else []) + section.blocks
        for block in pieces:
            if parts:
                parts.append(BLOCK_SEPARATOR)
                offset += len(BLOCK_SEPARATOR)
            spans[id(block)] = (offset, offset + len(block.text))
            parts.append(block.text)
            offset += len(block.text)
    return Layout("".join(parts), spans)


def normalized(text: str) -> str:
    """Whitespace-insensitive form of a text, used for anchors and quote lookups."""
    return " ".join(text.split())


def anchor_for_text(heading_path: tuple[str, ...], text: str) -> str:
    """``<slug of the last heading>-<6 hex of sha1 of the normalized text>``."""
    slug = slugify(heading_path[-1], max_length=40) if heading_path else INTRO_SLUG
    digest = hashlib.sha1(normalized(text).encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{digest}"


def _groups(blocks: list[Block]) -> list[list[Block]]:
    """Blocks of one section grouped into chunk-sized runs; a list or table is never split."""
    groups: list[list[Block]] = []
    current: list[Block] = []
    size = 0
    for block in blocks:
        length = len(block.text)
        # A table stands alone (with its caption), so a figure is cited by itself.
        alone = block.kind == "table" or (current and current[-1].kind == "table")
        if current and (alone or size + len(BLOCK_SEPARATOR) + length > MAX_CHUNK_CHARS):
            groups.append(current)
            current, size = [], 0
        current.append(block)
        size += length + (len(BLOCK_SEPARATOR) if size else 0)
    if current:
        groups.append(current)
    return groups


def chunk_sections(document_id: str, sections: list[Section], layout: Layout) -> list[Chunk]:
    """The chunks of a document, in order; each text is a verbatim slice of ``layout.text``."""
    chunks: list[Chunk] = []
    used: set[str] = set()
    for section in sections:
        for group in _groups(section.blocks):
            start = layout.spans[id(group[0])][0]
            end = layout.spans[id(group[-1])][1]
            text = layout.text[start:end]
            anchor = anchor_for_text(section.heading_path, text)
            unique, suffix = anchor, 2
            while unique in used:
                unique, suffix = f"{anchor}-{suffix}", suffix + 1
            used.add(unique)
            kinds = {block.kind for block in group}
            kind = "table" if "table" in kinds else "list" if "list" in kinds else "text"
            chunks.append(
                Chunk(
                    document_id=document_id,
                    anchor=unique,
                    heading_path=section.heading_path,
                    text=text,
                    ordinal=len(chunks),
                    kind=kind,
                )
            )
    return chunks
