"""Issue 14, item 1: PostgreSQL stopped under a running service. Requests that need the
database get a Swedish 503 with Retry-After (never a 500), /readyz says why, what needs no
database is still served, and the service recovers by itself when the database is back; an
instance started while the database is down starts, and migrates once it is up."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from rutin.config import PROJECT_ROOT, Settings
from server.app import create_app
from tests.services.postgres import PostgresServer, require_postgres

QUESTION = "Hur registrerar jag ett hembesök efter utskrivning på säbo?"


@pytest.fixture
def postgres():
    """A cluster of this test's own: the test stops and starts it."""
    server = PostgresServer.start_new(require_postgres())
    try:
        yield server
    finally:
        server.close()


def _client(tmp_path, url: str) -> TestClient:
    settings = Settings(data_dir=tmp_path / "data", database_url=url,
                        documents_dir=PROJECT_ROOT / "documents", embedding_model="none",
                        new_conversations_per_minute=0)
    return TestClient(create_app(settings, load_in_background=False))


def test_a_stopped_database_is_a_503_with_retry_after_and_the_service_recovers_by_itself(
        tmp_path, postgres, caplog):
    url = postgres.create_database()
    with _client(tmp_path, url) as client:
        first = client.post("/api/v1/chat", json={"message": QUESTION}).json()
        postgres.stop()
        caplog.set_level(logging.INFO)
        caplog.clear()
        down_chat = client.post("/api/v1/chat", json={
            "message": "Patienten är 90 år.", "conversation_id": first["conversation_id"]})
        down_page = client.get(f"/samtal/{first['conversation_id']}")
        down_ready = client.get("/readyz")
        down_search = client.get("/api/v1/search", params={"q": QUESTION})
        postgres.start()
        up_ready = client.get("/readyz")
        up_chat = client.post("/api/v1/chat", json={
            "message": "Patienten är 90 år.", "conversation_id": first["conversation_id"]})
    assert down_chat.status_code == 503, down_chat.text
    assert int(down_chat.headers["retry-after"]) >= 1
    assert "databas" in down_chat.json()["error"] and "Försök igen" in down_chat.json()["error"]
    assert down_page.status_code == 503 and down_page.headers["content-type"].startswith(
        "text/html")
    assert down_ready.status_code == 503
    assert down_ready.json()["storage"]["writable"] is False
    assert "går inte att nå" in down_ready.json()["storage"]["error"]
    assert down_search.status_code == 200  # what needs no database is still served
    failures = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert failures and all(r.exc_info is None for r in failures)
    assert not any("unhandled error" in r.getMessage() for r in failures)
    # back by itself: no restart of the service, the conversation kept
    assert up_ready.status_code == 200 and up_ready.json()["storage"]["writable"] is True
    assert up_chat.status_code == 200
    assert up_chat.json()["conversation_id"] == first["conversation_id"]
    assert up_chat.json()["facts"]["patient_age"] == 90
    assert up_chat.json()["facts"]["occasion"] == "utskrivning"


def test_an_instance_started_while_the_database_is_down_migrates_and_serves_once_it_is_up(
        tmp_path, postgres):
    url = postgres.create_database()  # empty: no schema yet
    postgres.stop()
    with _client(tmp_path, url) as client:
        down_ready = client.get("/readyz")
        down_chat = client.post("/api/v1/chat", json={"message": QUESTION})
        postgres.start()
        up_ready = client.get("/readyz")
        up_chat = client.post("/api/v1/chat", json={"message": QUESTION})
    assert down_ready.status_code == 503 and down_chat.status_code == 503
    assert up_ready.status_code == 200, up_ready.text
    assert up_chat.status_code == 200 and up_chat.json()["conversation_id"]
