"""Where the index manifest and its generation live: a local file, or the shared chroma server.

Embedded (one process): ``data_dir/kb/manifest.json`` as before (kb/manifest.py). The file is
the commit point of an ingest; there is no generation to follow.

``vector_store=http`` (several instances, each with its own local data directory): the manifest
is kept in the chroma server beside the vectors it names, in a small collection
``<collection>_state``:

- one record per document of a generation, id ``<generation>:<document id>``, its document the
  cleaned document with its chunks as JSON (kb.manifest.document_to_json), its metadata
  ``{"generation": ..., "document_id": ...}``;
- one record ``pointer``, whose metadata names the current generation (``current``: not
  ``generation``, which selects a generation's records), the previous one, how many documents
  it has, and the embedding model.

Why chroma and not the database: the manifest describes the vectors, and with
``vector_store=http`` the chroma server is the one service every instance shares (the database
may be the local SQLite default). Keeping the pointer where the chunks are means a publish needs
no agreement between two services, and an instance needs nothing but the chroma server to serve.

A publish (``ChromaIndexState.publish``) writes the chunks first (kb/service.py), then every
record of the new generation, then flips the pointer with one upsert of one record: an instance
reads either the old generation or the new one whole (it checks the record count the pointer
names). The chunks and records of the generation before are kept until the next publish, so an
instance that has not polled yet still finds every vector of what it serves.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from kb.manifest import Manifest, document_from_json, document_to_json

log = logging.getLogger("rutin.kb")

POINTER = "pointer"
#: Records per chroma call (a record holds a whole document with its chunks).
BATCH = 32
#: chroma wants an embedding with every record; the state records all have this one.
_NO_VECTOR = [1.0]


@dataclass(frozen=True)
class Pointer:
    """What the pointer record says: the current generation and the one before it."""

    generation: str
    previous: str
    documents: int
    embedding_model: str
    dim: int
    published_at: str


class FileIndexState:
    """The embedded mode's manifest file (``data_dir/kb/manifest.json``); no generations."""

    shared = False

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> tuple[Manifest, str | None]:
        return Manifest.load(self.path), None

    def current(self) -> Pointer | None:
        return None

    def publish(self, manifest: Manifest) -> tuple[str | None, str | None]:
        """Write ``manifest`` (the commit point); returns (new generation, previous): None."""
        manifest.save(self.path)
        return None, None

    def load_generation(self, generation: str) -> Manifest | None:
        return None


class ChromaIndexState:
    """The manifest and its generation pointer in the chroma server (see the module doc)."""

    shared = True

    def __init__(self, client, collection: str) -> None:
        self.name = f"{collection}_state"
        self._collection = client.get_or_create_collection(
            self.name, embedding_function=None, metadata={"rutin": "index state"})

    def current(self) -> Pointer | None:
        """The pointer as stored now, or None before the first publish."""
        got = self._collection.get(ids=[POINTER], include=["metadatas"])
        if not got["ids"]:
            return None
        m = got["metadatas"][0] or {}
        return Pointer(str(m.get("current", "")), str(m.get("previous", "")),
                       int(m.get("documents", 0)), str(m.get("embedding_model", "")),
                       int(m.get("dim", 0)), str(m.get("published_at", "")))

    def load_generation(self, generation: str, expected: int | None = None) -> Manifest | None:
        """The manifest of ``generation``, or None when its records are not all there (it was
        superseded twice and deleted, or is still being written)."""
        docs = []
        offset = 0
        while True:
            got = self._collection.get(where={"generation": generation}, limit=BATCH,
                                       offset=offset, include=["documents"])
            if not got["ids"]:
                break
            docs += [document_from_json(json.loads(text)) for text in got["documents"]]
            offset += len(got["ids"])
        if expected is not None and len(docs) != expected:
            return None
        return Manifest(documents={d.id: d for d in sorted(docs, key=lambda d: d.id)})

    def load(self) -> tuple[Manifest, str | None]:
        """The current manifest and its generation; an empty manifest and None before the
        first publish. Retries while a publish moves the pointer under the read."""
        for _ in range(10):
            pointer = self.current()
            if pointer is None:
                return Manifest(), None
            manifest = self.load_generation(pointer.generation, pointer.documents)
            if manifest is not None:
                manifest.embedding_model, manifest.dim = pointer.embedding_model, pointer.dim
                return manifest, pointer.generation
            time.sleep(0.2)
        raise RuntimeError(f"the index generation in {self.name} could not be read whole")

    def publish(self, manifest: Manifest) -> tuple[str, str | None]:
        """Make ``manifest`` the current generation for every instance: its records first, then
        the pointer (one record, one upsert: the commit point), then the records of
        generations older than the one replaced are deleted. Returns (new, previous)."""
        before = self.current()
        generation = f"{time.time_ns():x}-{os.urandom(4).hex()}"
        docs = list(manifest.documents.values())
        for start in range(0, len(docs), BATCH):
            batch = docs[start:start + BATCH]
            self._collection.upsert(
                ids=[f"{generation}:{d.id}" for d in batch],
                embeddings=[_NO_VECTOR] * len(batch),
                documents=[json.dumps(document_to_json(d), ensure_ascii=False) for d in batch],
                metadatas=[{"generation": generation, "document_id": d.id} for d in batch])
        previous = before.generation if before else ""
        self._collection.upsert(ids=[POINTER], embeddings=[_NO_VECTOR], documents=[""], metadatas=[{
            "current": generation, "previous": previous, "documents": len(docs),
            "embedding_model": manifest.embedding_model, "dim": manifest.dim,
            "published_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}])
        keep = {generation, previous}
        old = self._collection.get(include=["metadatas"])
        stale = [i for i, m in zip(old["ids"], old["metadatas"])
                 if i != POINTER and (m or {}).get("generation") not in keep]
        for start in range(0, len(stale), 256):
            self._collection.delete(ids=stale[start:start + 256])
        log.info("index: generation %s published (%d documents), replacing %s", generation,
                 len(docs), previous or "none")
        return generation, previous or None


def index_state(settings, client=None):
    """The index state ``settings`` describe: the chroma server's with ``vector_store=http``
    (``client``: a chroma client to use), else the local manifest file."""
    if settings.vector_store == "http":
        if client is None:
            from kb.store import make_client

            client = make_client(settings)
        return ChromaIndexState(client, settings.collection)
    return FileIndexState(Path(settings.data_dir) / "kb" / "manifest.json")
