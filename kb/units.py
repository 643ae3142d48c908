"""Answer units of a passage: its sentences, list items and table lines, as spans.

A unit is the smallest piece an answer quotes (issue 10, "Evidence at sentence level"). The
knowledge base embeds every unit at ingest, beside its chunk (a second collection,
``<collection>_units``), so that the chat can score the units of the top passages against the
question densely as well as lexically (server/chat/sentences.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Chunk, Document, DocumentMeta

# A sentence ends at . ! ? ; followed by space, or at a line break (the routines are full of
# bullet lists and "Fält: värde" lines, one per line).
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ0-9•·\-(\"”])|\s*\n\s*")
_LIST_NUMBER = re.compile(r"\d{1,2}\.")
# A full stop that ends an abbreviation ends no sentence ("senast kl. 15.00 samma dag":
# walk-through, stop 21, quoted "… senast kl." without the time).
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:kl|ca|c:a|t\.ex|bl\.a|s\.k|nr|tel|resp|jfr|ev|fr\.o\.m|"
                           r"t\.o\.m|o\.s\.v|m\.m|d\.v\.s|e\.g|i\.e|approx)\.$", re.I)


@dataclass(frozen=True)
class Span:
    """A piece of a passage: ``text[start:end]``."""

    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """The sentences (and list items, lines) of ``text`` as spans, blanks dropped. A line that
    is all in parentheses belongs to the line before ("- utskrivning från slutenvård …" /
    "(räknas som inskrivningssamtal …)")."""
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group() and (
                _ABBREVIATION.search(text[max(pos, m.start() - 12):m.start()])
                # a list number is no sentence: "2. Regionstyrelsen … genomför förslaget" (the
                # HSU decision's points were quoted ending on a bare "2.": walk-through,
                # stop 21)
                or _LIST_NUMBER.fullmatch(text[pos:m.start()].strip())):
            continue
        _add_span(text, pos, m.start(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    merged: list[Span] = []
    for span in spans:
        piece = text[span.start:span.end]
        if merged and piece.startswith("(") and piece.endswith(")"):
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not re.search(r"\w", stripped):
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append(Span(start + lead, start + lead + len(stripped)))


def unit_texts(meta: DocumentMeta, chunk: Chunk) -> list[str]:
    """What is embedded for each unit of ``chunk``: the heading path gives it its context
    ("Registrering i VAS: Avgiftstyp: H3")."""
    head = chunk.section or meta.title
    return [f"{head}: {chunk.text[s.start:s.end]}" for s in split_sentences(chunk.text)]


def unit_ids(chunk_store_id: str, count: int) -> list[str]:
    """The unit store ids of a chunk's ``count`` units."""
    return [f"{chunk_store_id}#u{i}" for i in range(count)]


def document_unit_ids(doc: Document, chunk_store_id) -> set[str]:
    """Every unit store id of ``doc`` (``chunk_store_id``: kb.manifest.chunk_id)."""
    return {uid for c in doc.chunks
            for uid in unit_ids(chunk_store_id(doc, c), len(split_sentences(c.text)))}
