"""The real app on a fresh data directory, for the security tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app


@pytest.fixture
def make_client(tmp_path) -> Iterator:
    """``make_client(**settings)``: a TestClient (lifespan running) of the real app whose
    knowledge base is fully loaded (lexical retrieval unless embedding_model is given)."""

    @contextmanager
    def factory(**overrides):
        # One client asks for many "users": no per-client limit of new conversations unless a
        # test sets one.
        values = {"data_dir": tmp_path / "data", "embedding_model": "none",
                  "new_conversations_per_minute": 0, **overrides}
        app = create_app(Settings(**values), load_in_background=False)
        with TestClient(app) as client:
            yield client

    return factory
