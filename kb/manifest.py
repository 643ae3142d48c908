"""The manifest: which documents (and which version of each) the index holds, as one JSON file.

It is the source of truth for what is indexed. The ingest writes chunks to the vector store
first, then replaces the manifest atomically (``os.replace``), then deletes chunks of versions
the manifest no longer names. A crash at any point leaves either the old or the new manifest;
``kb.store.VectorStore.reconcile`` deletes whatever chunks it does not name, so a search never
sees half a document (issue: kill -9 during ingest).

The manifest also carries the cleaned documents with their chunks, so pages and search work
at start without parsing the sources again.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path

from ingest.model import Chunk, Document, DocumentMeta

FORMAT_VERSION = 1


_DATE_FIELDS = {f.name for f in fields(DocumentMeta) if "date" in str(f.type)}


def _meta_from_json(data: dict) -> DocumentMeta:
    known = {f.name for f in fields(DocumentMeta)}
    data = {k: v for k, v in data.items() if k in known}
    for key in _DATE_FIELDS:
        if data.get(key):
            data[key] = date.fromisoformat(data[key])
    return DocumentMeta(**data)


def document_to_json(doc: Document) -> dict:
    """A JSON-ready dict of ``doc`` (every field of Document, dates as ISO strings)."""
    meta = asdict(doc.meta)
    for key in _DATE_FIELDS:
        if meta.get(key) is not None:
            meta[key] = meta[key].isoformat()
    out = {f.name: getattr(doc, f.name) for f in fields(Document)
           if f.name not in ("meta", "chunks")}
    out["meta"] = meta
    out["chunks"] = [{**asdict(c), "heading_path": list(c.heading_path)} for c in doc.chunks]
    return out


def document_from_json(data: dict) -> Document:
    """The inverse of ``document_to_json`` (fields unknown to this version are ignored)."""
    chunk_fields = {f.name for f in fields(Chunk)}
    chunks = [Chunk(**{k: v for k, v in c.items() if k in chunk_fields}
                    | {"heading_path": tuple(c["heading_path"])}) for c in data["chunks"]]
    doc_fields = {f.name for f in fields(Document)} - {"meta", "chunks"}
    rest = {k: v for k, v in data.items() if k in doc_fields}
    return Document(meta=_meta_from_json(dict(data["meta"])), chunks=chunks, **rest)


def generation(doc: Document) -> str:
    """The version tag of a document's chunks in the store: a prefix of its content hash."""
    return (doc.content_hash or "nohash")[:16]


def chunk_id(doc: Document, chunk: Chunk) -> str:
    """The vector store id of ``chunk``: document, version and position."""
    return f"{doc.id}:{generation(doc)}:{chunk.ordinal}"


@dataclass
class Manifest:
    """Indexed documents by id, and the embedding model the vectors were made with."""

    embedding_model: str = ""
    dim: int = 0
    documents: dict[str, Document] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "Manifest":
        """The manifest at ``path``; an empty one if the file is missing or unreadable (then
        everything is ingested again, which is always safe)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT_VERSION:
                return cls()
            docs = [document_from_json(d) for d in data.get("documents", [])]
        except (OSError, ValueError, TypeError, KeyError):
            return cls()
        return cls(data.get("embedding_model", ""), int(data.get("dim", 0)),
                   {d.id: d for d in docs})

    def save(self, path: Path) -> None:
        """Write atomically: a temporary file in the same directory, fsync, os.replace."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "format": FORMAT_VERSION,
            "embedding_model": self.embedding_model,
            "dim": self.dim,
            "documents": [document_to_json(d) for d in self.documents.values()],
        }
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def expected_ids(self) -> set[str]:
        """The store ids of every chunk of every document in the manifest."""
        return {chunk_id(d, c) for d in self.documents.values() for c in d.chunks}

    def expected_unit_ids(self) -> set[str]:
        """The unit store ids (kb/units.py) of every chunk in the manifest."""
        from kb.units import document_unit_ids

        return set().union(*(document_unit_ids(d, chunk_id) for d in self.documents.values()))
