"""Load documents: read, clean, find sections, chunk. What the knowledge base calls."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from ingest.catalog import CATALOG_NAME, default_meta, load_catalog
from ingest.chunking import assemble, chunk_sections, normalized
from ingest.cleaning import clean_blocks
from ingest.formats import SUPPORTED_SUFFIXES, UnreadableDocument, read_blocks, read_data_blocks
from ingest.model import Document, DocumentMeta
from ingest.sections import mark_headings, split_sections

log = logging.getLogger("rutin.ingest")


@dataclass(frozen=True)
class IngestFailure:
    """A file that could not be ingested, and why (in Swedish)."""

    filename: str
    reason: str


#: Bumped whenever cleaning, sectioning or chunking changes what a file gives, so an index
#: built by an older version re-reads every document (the knowledge base re-embeds a document
#: only when its content hash changes). 2: web-page junk, numbered headings, slide boxes.
#: 3: answer units no longer end at an abbreviation ("kl.") or a list number ("2.").
INGEST_VERSION = "3"


def content_hash(data: bytes, meta: DocumentMeta) -> str:
    """sha256 of the file bytes, the catalog entry and ``INGEST_VERSION``: editing either, or
    upgrading to a version that cleans differently, counts as a change."""
    entry = json.dumps(dataclasses.asdict(meta), sort_keys=True, default=str)
    return hashlib.sha256(
        data + b"\0" + entry.encode("utf-8") + b"\0" + INGEST_VERSION.encode("ascii")
    ).hexdigest()


def load_document(path: Path, meta: DocumentMeta | None = None) -> Document:
    """Read, clean, section and chunk the file at ``path``.

    ``meta`` is its catalog entry; without one the document gets defaults (id from the file
    name, title from its first heading or line, organization "Okänd", ``in_catalog=False``) and
    a warning. Raises ``UnreadableDocument`` for an unsupported, empty, corrupt or encrypted file.
    """
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        read_blocks(path)  # raises the reason, in Swedish
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(path.name, f"filen kunde inte läsas ({error.strerror})") from error
    return build_document(path.name, data, meta)


def build_document(filename: str, data: bytes, meta: DocumentMeta | None = None) -> Document:
    """Like ``load_document``, for the bytes of a file named ``filename`` (e.g. an upload).

    The junk left out of the text (cookie banners, breadcrumbs, page tools, repeated blocks)
    is in ``Document.dropped`` with its reason; it is never part of the text or the chunks.
    """
    warnings: list[str] = []
    dropped: list[tuple[str, str]] = []
    blocks, links = clean_blocks(read_data_blocks(filename, data, warnings), dropped)
    blocks = mark_headings(blocks)
    if not blocks:
        raise UnreadableDocument(filename, "dokumentet innehåller ingen text efter rensning")
    if meta is None:
        meta = _suggested_meta(filename, data, _first_title(blocks))
        message = f"{filename}: saknas i {CATALOG_NAME}; läses in med standardvärden (id {meta.id})"
        log.warning(message)
        warnings.append(message)
    elif not meta.filename:
        meta = dataclasses.replace(meta, filename=filename)
    sections = split_sections(blocks)
    layout = assemble(sections)
    return Document(
        meta=meta,
        text=layout.text,
        chunks=chunk_sections(meta.id, sections, layout),
        content_hash=content_hash(data, meta),
        warnings=warnings,
        links=links,
        dropped=dropped,
    )


def load_directory(directory: Path) -> tuple[list[Document], list[IngestFailure]]:
    """Load every supported document in ``directory`` (not recursive), ordered by file name.

    The catalog itself and hidden files are skipped; a file of another type is reported as a
    failure. One unreadable file does not stop the others. Raises ``CatalogError`` if the catalog
    itself is malformed, since no document's metadata could then be trusted, and
    ``FileNotFoundError`` if ``directory`` is not a directory.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"dokumentmappen {directory} finns inte")
    catalog = load_catalog(directory)
    documents: list[Document] = []
    failures: list[IngestFailure] = []
    for path in sorted(directory.iterdir()):
        if path.name == CATALOG_NAME or path.name.startswith((".", "~$")) or not path.is_file():
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            reason = f"filtypen stöds inte; använd {', '.join(SUPPORTED_SUFFIXES)}"
            failures.append(IngestFailure(path.name, reason))
            log.warning("skipping %s: %s", path.name, reason)
            continue
        try:
            document = load_document(path, catalog.get(path.name))
        except UnreadableDocument as error:
            failures.append(IngestFailure(error.filename, error.reason))
            log.warning("cannot ingest %s: %s", error.filename, error.reason)
            continue
        taken = {meta.id for meta in catalog.values()} | {d.id for d in documents}
        if not document.meta.in_catalog and document.id in taken:
            document = _renamed(document, f"{document.id}-{document.content_hash[:6]}")
        documents.append(document)
    missing = sorted(set(catalog) - {path.name for path in directory.iterdir()})
    for filename in missing:
        log.warning("%s names %s, which is not in %s", CATALOG_NAME, filename, directory)
    return documents, failures


def _renamed(document: Document, new_id: str) -> Document:
    """The document under another id (an uncatalogued file whose name clashes with an id)."""
    message = f"{document.meta.filename}: id {document.id} är upptaget; använder {new_id}"
    log.warning(message)
    return dataclasses.replace(
        document,
        meta=dataclasses.replace(document.meta, id=new_id),
        chunks=[dataclasses.replace(c, document_id=new_id) for c in document.chunks],
        warnings=[*document.warnings, message],
    )


def anchor_for(document: Document, quote: str) -> str | None:
    """The anchor of the chunk that contains ``quote`` (whitespace-insensitive), else None."""
    return document.find_anchor(quote)


def quote_in_text(document: Document, quote: str) -> bool:
    """True if ``quote`` stands in the document's cleaned text (whitespace-insensitive)."""
    wanted = normalized(quote)
    return bool(wanted) and wanted in normalized(document.text)


def _suggested_meta(filename: str, data: bytes, first_title: str | None) -> DocumentMeta:
    """Defaults for a document without a catalog entry, filled from what its text says (title,
    organization, kind, validity, document id; ``ingest.suggest``): not "Protected" and
    "Okänd" for an intranet page that names both. Still ``in_catalog=False``."""
    from ingest.catalog import KINDS
    from ingest.suggest import suggest_catalog

    meta = default_meta(filename, title=first_title)
    try:
        found = suggest_catalog(filename, data)
    except UnreadableDocument:
        return meta
    if found.valid_from and found.valid_to and not found.valid_from < found.valid_to:
        found.valid_to = None
    return dataclasses.replace(
        meta,
        title=found.title or meta.title,
        organization=found.organization or meta.organization,
        kind=found.kind if found.kind in KINDS else meta.kind,
        valid_from=found.valid_from,
        valid_to=found.valid_to,
        published=found.published,
        external_id=found.document_id,
    )


def _first_title(blocks) -> str | None:
    for block in blocks:
        if block.kind == "heading":
            return block.text
    for block in blocks:
        if block.text.strip():
            return block.text.strip().split("\n")[0][:120]
    return None
