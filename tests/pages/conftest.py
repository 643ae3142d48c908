"""The real app over the bundled documents: one knowledge base per test module (ingest once)."""

from __future__ import annotations

import re

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
