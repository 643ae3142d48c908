"""Scale: the real ingest path on synthetic corpora of about 1k, 10k and 100k chunks.

Each size runs in its own subprocess (peak memory is that process's). Ingest time and chunks/s,
index size on disk, peak memory and search p50/p95 over the benchmark questions are measured.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench import kbaccess
from bench.measure import dir_size_mib, peak_rss_mib, summary_ms, time_calls


def run(params: dict) -> dict:
    """Stage: ingest ``corpus_dir`` into a fresh data dir with ``model``, then query it."""
    data_dir, corpus = Path(params["data_dir"]), Path(params["corpus_dir"])
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    settings = kbaccess.settings_for(data_dir, params["model"], corpus, ingest_on_start=False)
    out: dict = {"model": params["model"], "documents": params.get("documents")}
    start = time.perf_counter()
    kb = kbaccess.open_kb(settings)
    out["open_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    report = kb.ingest(corpus)
    out["ingest_s"] = round(time.perf_counter() - start, 2)
    out["ingest_report"] = _plain(report)
    out["chunks"] = kbaccess.chunk_count(kb)
    out["chunks_per_s"] = round(out["chunks"] / out["ingest_s"], 1) if out["ingest_s"] else None
    out["peak_rss_after_ingest_mib"] = peak_rss_mib()
    questions = params["questions"]
    kbaccess.search(kb, "uppvärmning")
    out["search"] = summary_ms(time_calls(lambda q: kbaccess.search(kb, q), questions, repeats=1))
    kb.close()
    out["index_mib"] = dir_size_mib(data_dir)
    if params.get("vector_source"):
        out["vectors"] = vector_index(Path(params["vector_source"]), data_dir / "vectors-only",
                                      out["chunks"], params["dense_model"], questions)
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def vector_index(source: Path, target: Path, n: int, model: str, questions: list[str],
                 k: int = 5) -> dict:
    """The dense half at a size whose dense ingest would not fit the run: ``n`` vectors made
    from the real chunk vectors of ``source`` (each a real vector plus a little noise, so they
    cluster like real ones) upserted into a fresh chroma collection (cosine HNSW, as kb/store.py
    makes it), then the floor at that size: one new query embedding plus one vector query."""
    import chromadb
    import numpy as np
    from chromadb.config import Settings as ChromaSettings

    from kb.embedding import make_embedder

    chroma = ChromaSettings(anonymized_telemetry=False)
    src = chromadb.PersistentClient(path=str(source / "chroma"), settings=chroma)
    base = None
    for collection in src.list_collections():
        got = src.get_collection(collection.name if hasattr(collection, "name") else collection)
        base = np.asarray(got.get(include=["embeddings"])["embeddings"], dtype=np.float32)
        break
    if base is None or not len(base):
        return {"error": f"no vectors in {source}"}
    rng = np.random.default_rng(0)
    client = chromadb.PersistentClient(path=str(target), settings=chroma)
    coll = client.get_or_create_collection("bench_vectors", embedding_function=None,
                                           configuration={"hnsw": {"space": "cosine"}})
    start = time.perf_counter()
    batch = 4096
    for first in range(0, n, batch):
        size = min(batch, n - first)
        vecs = base[rng.integers(0, len(base), size)] + rng.normal(0, 0.02, (size, base.shape[1]))
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        coll.upsert(ids=[f"v{first + i}" for i in range(size)],
                    embeddings=vecs.astype(np.float32),
                    metadatas=[{"document_id": f"d{(first + i) // 10}"} for i in range(size)])
    insert_s = time.perf_counter() - start
    embedder = make_embedder(kbaccess.settings_for(target, model))
    encode = getattr(embedder, "_encode", None)

    def floor(question: str) -> None:
        vec = encode([question], query=True) if encode else embedder.embed_queries([question])
        coll.query(query_embeddings=np.asarray(vec[:1], dtype=np.float32), n_results=k)

    def vector_only(question: str, cache={}) -> None:
        if question not in cache:
            cache[question] = np.asarray(embedder.embed_queries([question])[:1], dtype=np.float32)
        coll.query(query_embeddings=cache[question], n_results=k)

    floor("uppvärmning")
    for q in questions:  # embed once so the second series times the vector query alone
        vector_only(q)
    return {"vectors": n, "insert_s": round(insert_s, 1),
            "vectors_per_s": round(n / insert_s, 1) if insert_s else None,
            "floor": summary_ms(time_calls(floor, questions)),
            "vector_query": summary_ms(time_calls(vector_only, questions)),
            "index_mib": dir_size_mib(target)}


def _plain(report) -> object:
    """A JSON-able view of whatever ``KnowledgeBase.ingest`` returned."""
    if report is None or isinstance(report, (int, float, str, bool)):
        return report
    if isinstance(report, dict):
        return {str(k): _plain(v) for k, v in report.items()}
    if isinstance(report, (list, tuple)):
        return [_plain(v) for v in report][:20]
    fields = getattr(report, "__dict__", None)
    if fields:
        return {k: _plain(v) for k, v in fields.items() if not k.startswith("_")}
    return str(report)
