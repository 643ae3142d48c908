"""The real app over the bundled documents: one knowledge base per test module (ingest once)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def client(data_dir, documents_dir):
    settings = Settings(data_dir=data_dir, documents_dir=documents_dir)
    app = create_app(settings, load_in_background=False)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def ask(client):
    """Send one chat message (optionally in a conversation); return the JSON answer."""
    def _ask(message, conversation_id=None, status=200):
        body = {"message": message}
        if conversation_id is not None:
            body["conversation_id"] = conversation_id
        r = client.post("/api/v1/chat", json=body)
        assert r.status_code == status, r.text
        return r.json()
    return _ask
