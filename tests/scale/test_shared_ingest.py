"""Issue 14, item 3: several ``rutin ingest --share`` processes split the embedding of one
publish through the database (kb/claims.py): each document is embedded by one of them, one
commit makes the result live, and a crashed process's document is taken over after its lease.
Real processes on a real ``chroma run`` server and a throwaway PostgreSQL cluster."""

from __future__ import annotations

import signal

import chromadb
import pytest
from sqlalchemy import select

from kb.claims import COMMIT, claims
from kb.indexstate import ChromaIndexState
from rutin.config import PROJECT_ROOT
from rutin.db import Database
from tests.scale.services import start_chroma, start_rutin, stop, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory):
    proc, port = start_chroma(tmp_path_factory.mktemp("chroma-server"))
    try:
        yield port
    finally:
        stop(proc)


def _settings(tmp_path, chroma_port, database: str, collection: str, **extra) -> dict:
    return {"RUTIN_VECTOR_STORE": "http", "RUTIN_CHROMA_HOST": "127.0.0.1",
            "RUTIN_CHROMA_PORT": str(chroma_port), "RUTIN_DATABASE_URL": database,
            "RUTIN_EMBEDDING_MODEL": "minilm", "RUTIN_COLLECTION": collection,
            "RUTIN_DOCUMENTS_DIR": str(PROJECT_ROOT / "documents"),
            "RUTIN_DATA_DIR": str(tmp_path / "data"), **extra}


def _rows(database: str) -> list:
    db = Database(database)
    try:
        with db.connect() as conn:
            return conn.execute(select(claims)).all()
    finally:
        db.dispose()


def _state(chroma_port: int, collection: str) -> ChromaIndexState:
    return ChromaIndexState(chromadb.HttpClient(host="127.0.0.1", port=chroma_port), collection)


def test_two_shared_ingests_split_the_documents_and_one_publishes(tmp_path, chroma_port,
                                                                   postgres_server):
    database = postgres_server.create_database()
    procs = []
    for n in (1, 2):
        settings = _settings(tmp_path / str(n), chroma_port, database, "shared_two")
        procs.append(start_rutin(settings, tmp_path / f"ingest-{n}.log", "ingest", "--share"))
    try:
        for n, proc in enumerate(procs, start=1):
            assert proc.wait(timeout=900) == 0, (tmp_path / f"ingest-{n}.log").read_text()
    finally:
        for proc in procs:
            stop(proc)
    rows = _rows(database)
    documents = [r for r in rows if r.item != COMMIT]
    assert len(documents) == 5 and all(r.done for r in rows), rows
    # Every document embedded by one process, the two processes' shares named in the output.
    logs = [(tmp_path / f"ingest-{n}.log").read_text() for n in (1, 2)]
    assert sum("publicerade." in log and "en annan process" not in log for log in logs) == 1, logs
    workers = {r.done_by for r in documents}
    for worker in workers:
        assert all(worker in log for log in logs), (worker, logs)
    # One commit: a first generation, whose manifest names all five, with every vector stored.
    state = _state(chroma_port, "shared_two")
    pointer = state.current()
    assert pointer is not None and pointer.previous == "" and pointer.documents == 5
    manifest = state.load()[0]
    chunks = chromadb.HttpClient(host="127.0.0.1", port=chroma_port).get_collection("shared_two")
    expected = manifest.expected_ids()
    assert expected and set(chunks.get(ids=sorted(expected))["ids"]) == expected


def test_a_crashed_shared_ingest_has_its_document_taken_over(tmp_path, chroma_port,
                                                            postgres_server):
    database = postgres_server.create_database()
    crashing = start_rutin(_settings(tmp_path / "a", chroma_port, database, "shared_crash",
                                     RUTIN_INGEST_LEASE_SECONDS="5"),
                           tmp_path / "a.log", "ingest", "--share")
    try:
        # Killed while it holds a claim on a document it has not finished.
        held = wait_for(lambda: [r for r in _rows(database)
                                 if r.item != COMMIT and r.worker and not r.done],
                        "the first process holds a document", timeout=600, procs=(crashing,))
        crashing.send_signal(signal.SIGKILL)
        crashing.wait(timeout=60)
    finally:
        stop(crashing)
    lost = {r.item for r in held}
    assert lost and not any(r.done for r in _rows(database) if r.item in lost)
    assert _state(chroma_port, "shared_crash").current() is None  # nothing was published
    survivor = start_rutin(_settings(tmp_path / "b", chroma_port, database, "shared_crash",
                                     RUTIN_INGEST_LEASE_SECONDS="5"),
                           tmp_path / "b.log", "ingest", "--share")
    try:
        assert survivor.wait(timeout=900) == 0, (tmp_path / "b.log").read_text()
    finally:
        stop(survivor)
    rows = _rows(database)
    assert all(r.done for r in rows)
    survivor_name = next(r.done_by for r in rows if r.item == COMMIT)
    assert all(r.done_by == survivor_name for r in rows if r.item in lost)  # taken over
    pointer = _state(chroma_port, "shared_crash").current()
    assert pointer is not None and pointer.documents == 5
