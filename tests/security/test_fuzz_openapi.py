"""Issue "Load and fuzz": schema-based fuzzing of the API from its own OpenAPI document
(schemathesis, in-process over ASGI): no input the schema allows or breaks gives a 5xx."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from rutin.config import Settings
from server.app import create_app

DATA_DIR = Path(tempfile.mkdtemp(prefix="rutin-fuzz-"))
# No per-client limit of new conversations: every generated chat should reach the chat.
APP = create_app(Settings(data_dir=DATA_DIR, embedding_model="minilm",
                          new_conversations_per_minute=0), load_in_background=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def running_app():
    """The lifespan runs once (knowledge base loaded); schemathesis then calls the app."""
    with TestClient(APP) as client:
        assert client.get("/readyz").status_code == 200
        yield
    shutil.rmtree(DATA_DIR, ignore_errors=True)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_no_generated_request_gets_a_server_error(case):
    case.call_and_validate(checks=[not_a_server_error])
