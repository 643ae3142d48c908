"""Citations: a verbatim quote, the document it stands in, and the passage (anchor) holding it."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.model import Document


@dataclass(frozen=True)
class Citation:
    """One quote that a value rests on; ``quote`` stands verbatim in the document's text."""

    document_id: str
    quote: str
    anchor: str | None = None
    title: str = ""
    section: str = ""

    @property
    def url(self) -> str:
        """The document page, at the passage when the anchor is known."""
        base = f"/documents/{self.document_id}"
        return f"{base}#{self.anchor}" if self.anchor else base

    def to_api(self) -> dict:
        """The citation as the API shows it."""
        return {"document_id": self.document_id, "anchor": self.anchor, "quote": self.quote,
                "url": self.url, "title": self.title, "section": self.section}


def locate(document: Document, quote: str) -> Citation | None:
    """A citation of ``quote`` in ``document``, or None if the quote is not in its text.

    The anchor is that of the first chunk whose text contains the quote; if a chunk boundary
    cuts the quote, the chunk holding its start is taken.
    """
    if not quote or quote not in document.text:
        return None
    chunk = next((c for c in document.chunks if quote in c.text), None)
    if chunk is None:  # a heading ("Registrering i Cosmic") anchors the section it opens
        chunk = next((c for c in document.chunks if c.heading_path
                      and c.heading_path[-1].strip() == quote.strip()), None)
    if chunk is None:
        head = quote[:24]
        chunk = next((c for c in document.chunks if head in c.text), None)
    return Citation(
        document_id=document.id,
        quote=quote,
        anchor=chunk.anchor if chunk else None,
        title=document.meta.title,
        section=chunk.section if chunk else "",
    )
