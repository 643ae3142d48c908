"""Helpers over the real app (the ``client`` fixture of tests/conftest.py)."""

from __future__ import annotations

import re

import pytest


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CONVERSATION = re.compile(r'name="conversation_id" value="([^"]+)"')


@pytest.fixture
def post_form(client):
    """Post the ask form of ``page`` ('/' or '/widget') as a browser without JavaScript would:
    GET the page (cookie and token), then POST; returns the response."""
    def _post(page, message, conversation_id=None):
        token = CSRF.search(client.get(page).text).group(1)
        data = {"message": message, "csrf_token": token}
        if conversation_id:
            data["conversation_id"] = conversation_id
        return client.post(page, data=data)
    return _post
