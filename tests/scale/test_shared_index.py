"""Issue 14, item 2: with RUTIN_VECTOR_STORE=http the index manifest and its generation live in
the chroma server (kb/indexstate.py), not on a local disk. Two apps with separate data
directories on one real ``chroma run`` server."""

from __future__ import annotations

import shutil

import chromadb
import pytest
from fastapi.testclient import TestClient

from rutin.config import PROJECT_ROOT, Settings
from server.app import create_app
from tests.scale.services import start_chroma, stop, wait_for

MARK = "zebrafinkpolicyn"  # a word no bundled routine has


@pytest.fixture(scope="module")
def chroma_port(tmp_path_factory):
    proc, port = start_chroma(tmp_path_factory.mktemp("chroma-server"))
    try:
        yield port
    finally:
        stop(proc)


def _settings(port: int, data_dir, documents_dir, **extra) -> Settings:
    return Settings(vector_store="http", chroma_host="127.0.0.1", chroma_port=port,
                    embedding_model="minilm", data_dir=data_dir, documents_dir=documents_dir,
                    secret_key="shared-secret-of-the-test-cluster", index_poll_seconds=0.5,
                    new_conversations_per_minute=0, **extra)


def _anchors(client, question: str) -> list[str]:
    response = client.get("/api/v1/search", params={"q": question, "k": 5})
    assert response.status_code == 200, response.text
    return [hit["anchor"] for hit in response.json()["results"]]


def _texts_with_mark(client) -> list[str]:
    response = client.get("/api/v1/search", params={"q": MARK, "k": 5})
    assert response.status_code == 200, response.text
    return [hit["text"] for hit in response.json()["results"] if MARK in hit["text"]]


@pytest.mark.slow
def test_an_instance_with_an_empty_data_directory_serves_the_shared_index_and_follows_a_publish(
        tmp_path, chroma_port):
    documents = tmp_path / "documents"
    shutil.copytree(PROJECT_ROOT / "documents", documents)
    publisher = _settings(chroma_port, tmp_path / "data-one", documents)
    follower = _settings(chroma_port, tmp_path / "data-two", documents, ingest_on_start=False)
    with TestClient(create_app(publisher, load_in_background=False)) as one:
        first = one.get("/readyz").json()
        assert first["status"] == "ready" and first["chunks"] > 0 and first["generation"]
        # The manifest is in the chroma server, not in the publisher's data directory.
        assert not (tmp_path / "data-one" / "kb" / "manifest.json").exists()
        with TestClient(create_app(follower, load_in_background=False)) as two:
            ready = two.get("/readyz").json()
            assert (ready["generation"], ready["chunks"], ready["documents"]) == (
                first["generation"], first["chunks"], first["documents"])
            assert not any((tmp_path / "data-two").rglob("manifest.json"))
            question = "Hur registreras ett riktat hemsjukvårdsbesök i Cosmic?"
            assert _anchors(one, question) == _anchors(two, question) != []
            assert not _texts_with_mark(two)

            # A publish on instance one: a changed document.
            path = documents / "rh-mobil-hemsjukvard-rapport.txt"
            path.write_text(path.read_text(encoding="utf-8") +
                            f"\n\nKontroll\n\nSe {MARK} vid varje hembesök.\n", encoding="utf-8")
            kb_one = one.app.state.rutin.kb
            old_ids = kb_one._manifest.expected_ids()
            report = kb_one.ingest(documents)
            assert report.updated == ["rh-mobil-hemsjukvard-rapport"]
            second = one.get("/readyz").json()["generation"]
            assert second != first["generation"]
            # Instance two serves it without a restart, by its background poll.
            wait_for(lambda: two.get("/readyz").json()["generation"] == second,
                     "instance two serves the new generation", timeout=120)
            hits = two.get("/api/v1/search", params={"q": MARK, "k": 3}).json()["results"]
            assert hits and hits[0]["document_id"] == "rh-mobil-hemsjukvard-rapport", hits
            assert MARK in hits[0]["text"]
            # The replaced generation's vectors are kept for instances that have not polled yet
            # ... until the next publish, which deletes them.
            chunks = chromadb.HttpClient(host="127.0.0.1", port=chroma_port).get_collection(
                publisher.collection)
            assert set(chunks.get(ids=sorted(old_ids))["ids"]) == old_ids
            path.write_text(path.read_text(encoding="utf-8").replace(MARK, "rapporten"),
                            encoding="utf-8")
            kb_one.ingest(documents)
            third = one.get("/readyz").json()["generation"]
            wait_for(lambda: two.get("/readyz").json()["generation"] == third,
                     "instance two serves the third generation", timeout=120)
            gone = old_ids - kb_one._manifest.expected_ids() - \
                kb_one._state.load_generation(second).expected_ids()
            assert gone and not chunks.get(ids=sorted(gone))["ids"]
            assert not _texts_with_mark(two)


@pytest.mark.slow
def test_an_ingest_without_changes_publishes_no_new_generation(tmp_path, chroma_port):
    settings = _settings(chroma_port, tmp_path / "data", PROJECT_ROOT / "documents",
                         collection="unchanged_chunks")
    with TestClient(create_app(settings, load_in_background=False)) as one:
        generation = one.get("/readyz").json()["generation"]
        report = one.app.state.rutin.kb.ingest(settings.documents_dir)
        assert report.unchanged and not (report.added or report.updated or report.removed)
        assert one.get("/readyz").json()["generation"] == generation
    # A second instance starting with an ingest finds nothing to publish either.
    with TestClient(create_app(settings.model_copy(update={"data_dir": tmp_path / "other"}),
                               load_in_background=False)) as two:
        assert two.get("/readyz").json()["generation"] == generation
