"""The vector store: a chroma collection of chunk embeddings, made by our own embedder.

Embedded (default): ``chromadb.PersistentClient`` under ``data_dir/chroma`` (one process).
``vector_store=http``: a chroma server (``chroma run``) shared by several rutin processes.

The collection records the embedding model and dimension in its metadata. Opening it with
another model either rebuilds it (``on_mismatch="rebuild"``: the ingest does this, then
re-embeds every document) or refuses with a ConfigurationError that says what to do
(``on_mismatch="refuse"``: opening without ingest, RUTIN_INGEST_ON_START=false).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Literal

import numpy as np

from rutin.config import Settings
from rutin.errors import ConfigurationError

log = logging.getLogger("rutin.kb")

#: Chroma caps the size of one add; stay well below it.
BATCH = 256


def make_client(settings: Settings):
    """The chroma client ``settings`` asks for (telemetry off; never reaches the internet)."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.vector_store == "http":
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port,
                                   settings=chroma_settings)
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class ModelMismatch(ConfigurationError):
    """The collection was built with another embedding model than the one configured."""


class VectorStore:
    """Chunk vectors with metadata ``document_id``, ``generation``, ``ordinal``."""

    def __init__(self, client, name: str, model_name: str, dim: int,
                 on_mismatch: Literal["rebuild", "refuse"] = "rebuild") -> None:
        self._client = client
        self.name = name
        self.model_name = model_name
        self.dim = dim
        self.rebuilt = False
        metadata = {"embedding_model": model_name, "embedding_dim": dim}
        collection = client.get_or_create_collection(
            name, embedding_function=None, metadata=metadata,
            configuration={"hnsw": {"space": "cosine"}},
        )
        found = collection.metadata or {}
        if (found.get("embedding_model"), found.get("embedding_dim")) != (model_name, dim):
            if on_mismatch == "refuse":
                raise ModelMismatch(
                    f"Indexet i samlingen {name!r} är byggt med inbäddningsmodellen "
                    f"{found.get('embedding_model')!r}, men RUTIN_EMBEDDING_MODEL är "
                    f"{model_name!r}. Kör 'rutin ingest' för att bygga om indexet, eller sätt "
                    f"RUTIN_EMBEDDING_MODEL={found.get('embedding_model')}."
                )
            log.warning("collection %s was built with %r; rebuilding for %r", name,
                        found.get("embedding_model"), model_name)
            client.delete_collection(name)
            collection = client.create_collection(
                name, embedding_function=None, metadata=metadata,
                configuration={"hnsw": {"space": "cosine"}},
            )
            self.rebuilt = True
        self._collection = collection

    def count(self) -> int:
        """Number of vectors stored."""
        return self._collection.count()

    def entries(self) -> dict[str, dict]:
        """Every stored id with its metadata."""
        got = self._collection.get(include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"] or [{}] * len(got["ids"])))

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict]) -> None:
        """Write vectors (idempotent: re-running a crashed ingest rewrites the same ids)."""
        for start in range(0, len(ids), BATCH):
            end = start + BATCH
            self._collection.upsert(ids=list(ids[start:end]),
                                    embeddings=np.asarray(vectors[start:end], dtype=np.float32),
                                    metadatas=list(metadatas[start:end]))

    def delete(self, ids: Sequence[str]) -> None:
        """Remove vectors by id."""
        ids = list(ids)
        for start in range(0, len(ids), BATCH):
            self._collection.delete(ids=ids[start:start + BATCH])

    def reconcile(self, expected: set[str]) -> tuple[int, set[str]]:
        """Delete every stored id not in ``expected`` (left by a crashed or superseded ingest).
        Returns (how many were deleted, the expected ids that are missing)."""
        stored = set(self.entries())
        stale = stored - expected
        if stale:
            self.delete(sorted(stale))
        return len(stale), expected - stored

    def vectors(self, ids: Sequence[str]) -> list[np.ndarray | None]:
        """The stored vectors of ``ids`` (None for an id not stored), in the order asked."""
        got = self._collection.get(ids=list(ids), include=["embeddings"])
        found = {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"])}
        return [found.get(i) for i in ids]

    def query(self, vector: np.ndarray, n: int,
              document_ids: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The ``n`` nearest ids with their cosine similarity, best first; restricted to
        ``document_ids`` when given."""
        # No count() first: chroma 1.x returns fewer than n_results (or none) by itself, and the
        # extra round trip was 1.4 ms of a 38 ms search (bench/FINDINGS.md).
        if n <= 0 or (document_ids is not None and not document_ids):
            return []
        where = None
        if document_ids is not None:
            where = ({"document_id": document_ids[0]} if len(document_ids) == 1
                     else {"document_id": {"$in": list(document_ids)}})
        res = self._collection.query(query_embeddings=np.asarray([vector], dtype=np.float32),
                                     n_results=n, where=where,
                                     include=["distances"])
        ids = res["ids"][0]
        dists = res["distances"][0]
        # cosine space: distance = 1 - cosine similarity
        return [(i, 1.0 - float(d)) for i, d in zip(ids, dists)]
