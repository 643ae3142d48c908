"""The data that ingest hands to the knowledge base, the rules and the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class DocumentMeta:
    """What the catalog says of one document."""

    id: str
    title: str
    organization: str = "Okänd"
    kind: str = "document"  # routine | decision | report | document
    journal_system: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None  # exclusive: the version holds on [valid_from, valid_to)
    published: date | None = None
    supersedes: str | None = None
    superseded_by: str | None = None
    source_url: str | None = None
    external_id: str | None = None
    note: str | None = None
    seed: str | None = None  # the seed file this document was renamed from
    filename: str = ""
    in_catalog: bool = True

    def in_force_on(self, day: date) -> bool:
        """True if this document's validity interval contains ``day`` (open ends hold)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_to is not None and day >= self.valid_to:
            return False
        return True


@dataclass(frozen=True)
class Chunk:
    """One retrievable passage: a section (or part of one) with its heading path."""

    document_id: str
    anchor: str  # stable id inside the document: unchanged text keeps its anchor
    heading_path: tuple[str, ...]
    text: str  # cleaned text, what users see and citations quote
    ordinal: int  # position in the document
    kind: str = "text"  # text | list | table

    @property
    def section(self) -> str:
        """The heading path as one string, e.g. 'Förutsättningar'."""
        return " › ".join(self.heading_path)


@dataclass
class Document:
    """A cleaned, sectioned document."""

    meta: DocumentMeta
    text: str  # the whole cleaned text: every chunk's text stands in it verbatim
    chunks: list[Chunk] = field(default_factory=list)
    content_hash: str = ""  # sha256 of the source file bytes plus the catalog entry
    warnings: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # bare URLs cleaned out of the text
    # junk taken out of the text (never indexed): (text, reason in Swedish), for the preview
    dropped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta.id

    def find_anchor(self, quote: str) -> str | None:
        """The anchor of the chunk that contains ``quote`` (whitespace-insensitive), else None."""
        wanted = " ".join(quote.split())
        if not wanted:
            return None
        for chunk in self.chunks:
            if wanted in " ".join(chunk.text.split()):
                return chunk.anchor
        return None

    def chunk(self, anchor: str) -> Chunk | None:
        """The chunk with this anchor, or None."""
        return next((c for c in self.chunks if c.anchor == anchor), None)
