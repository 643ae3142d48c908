"""Helpers over the real app (the ``client`` fixture of tests/conftest.py)."""

from __future__ import annotations

import pytest


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
