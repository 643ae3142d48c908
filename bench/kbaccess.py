"""How the benchmark reaches the knowledge base: settings, the open index, its floor parts.

The floor of an answer is one query embedding plus one vector query with the same model and
index. The model instance used for the floor is a fresh one (no query cache), and the vector
query goes to the knowledge base's own chroma collection.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from rutin.config import Settings


def settings_for(data_dir: Path, model: str, documents_dir: Path | None = None, **extra) -> Settings:
    """Settings for one benchmark stage: its own data directory and embedding model."""
    values = {"data_dir": Path(data_dir), "embedding_model": model, "log_level": "WARNING", **extra}
    if documents_dir is not None:
        values["documents_dir"] = Path(documents_dir)
    return Settings(**values)


def open_kb(settings: Settings):
    """``kb.service.open_knowledge_base(settings)`` (ingests ``documents_dir`` when needed)."""
    from kb.service import open_knowledge_base

    return open_knowledge_base(settings)


def search(kb, query: str, k: int = 5):
    """``kb.search(query, k=k)``, tolerating the keyword being named otherwise."""
    params = inspect.signature(kb.search).parameters
    for name in ("k", "top_k", "limit", "n"):
        if name in params:
            return kb.search(query, **{name: k})
    return kb.search(query)


def _walk(obj, depth: int = 3, seen: set | None = None):
    """Objects reachable from ``obj`` through attributes, breadth first, a few levels deep."""
    seen = seen if seen is not None else set()
    frontier = [obj]
    for _ in range(depth):
        nxt = []
        for item in frontier:
            if id(item) in seen:
                continue
            seen.add(id(item))
            yield item
            attrs = getattr(item, "__dict__", None)
            if isinstance(attrs, dict):
                nxt.extend(v for v in attrs.values() if hasattr(v, "__dict__"))
        frontier = nxt


def find_collection(kb):
    """The chromadb Collection inside the knowledge base, or None (lexical-only)."""
    from chromadb.api.models.Collection import Collection

    for item in _walk(kb):
        if isinstance(item, Collection):
            return item
    return None


def find_embedder(kb):
    """The knowledge base's embedder (anything with ``embed_queries``), or None."""
    for item in _walk(kb):
        if hasattr(item, "embed_queries") and hasattr(item, "embed_passages"):
            return item
    return None


def chunk_count(kb) -> int:
    """The number of chunks in the knowledge base."""
    return int(kb.chunk_count())
