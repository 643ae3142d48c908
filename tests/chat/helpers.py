"""Chat messages through the real app with an organization picked, for the tests of
tests/chat (the ``client`` fixture of tests/conftest.py)."""

from __future__ import annotations


def ask_in(client, organization, message, cid=None):
    """One chat message with ``organization`` picked (in the conversation ``cid``)."""
    body = {"message": message, "organization": organization}
    if cid:
        body["conversation_id"] = cid
    r = client.post("/api/v1/chat", json=body)
    assert r.status_code == 200, r.text
    return r.json()


def ask_halland(client, message, cid=None):
    """One chat message with Region Halland picked."""
    return ask_in(client, "Region Halland", message, cid)
