"""What a document will look like in the index, before it is published.

``preview_document(filename, data, meta)`` runs the same reading, cleaning, sectioning and
chunking as ingest does for the knowledge base (``ingest.pipeline.build_document``), and returns
the cleaned document with its passages, the junk left out (text and reason) and the warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.model import Document, DocumentMeta
from ingest.pipeline import build_document


@dataclass
class Preview:
    """A cleaned document as the index would get it, with what was dropped and why."""

    document: Document
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, reason in Swedish)
    warnings: list[str] = field(default_factory=list)


def preview_document(filename: str, data: bytes, meta: DocumentMeta) -> Preview:
    """The preview of the file ``filename`` with contents ``data`` under catalog entry ``meta``.

    Raises ``ingest.formats.UnreadableDocument`` (its ``reason`` in Swedish) for an unsupported,
    empty, corrupt, encrypted or non-text file, or one with no text left after cleaning.
    """
    document = build_document(filename, data, meta)
    warnings = list(document.warnings)
    if not document.chunks:
        warnings.append("dokumentet ger inga avsnitt att söka i")
    if document.dropped:
        warnings.append(f"{len(document.dropped)} rader eller block rensades bort som skräp "
                        "(se listan)")
    return Preview(document=document, dropped=list(document.dropped), warnings=warnings)
