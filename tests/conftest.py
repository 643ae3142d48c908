"""Fixtures shared by every test: the bundled documents and an isolated, offline environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Models load from local files only; huggingface_hub reads this when it is first imported,
# so it is set here, before any test module imports a model library.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture(autouse=True)
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Isolate each test from the developer's shell: no RUTIN_* settings leak in, offline hub."""
    for name in list(os.environ):
        if name.startswith("RUTIN_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    return monkeypatch


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A data directory for one test module."""
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def client(data_dir, documents_dir):
    """The real app (default model) over the bundled documents, ingested once per module."""
    from fastapi.testclient import TestClient

    from rutin.config import Settings
    from server.app import create_app

    # One client asks every test's questions: no per-client limit of new conversations.
    settings = Settings(data_dir=data_dir, documents_dir=documents_dir,
                        new_conversations_per_minute=0)
    with TestClient(create_app(settings, load_in_background=False)) as c:
        yield c


@pytest.fixture(scope="session")
def documents_dir() -> Path:
    """The repository's bundled documents/ (with catalog.toml); read-only."""
    return PROJECT_ROOT / "documents"


# --------------------------------------------------------------------------- PostgreSQL

@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster for the session (tests/services/postgres.py): Debian's
    binaries, 127.0.0.1, a free port, as a non-root user. Skips without the binaries, except
    under CI. A test that stops the server must start it again (or use its own
    ``PostgresServer.start_new()``)."""
    from tests.services.postgres import PostgresServer, require_postgres

    server = PostgresServer.start_new(require_postgres())
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def postgres_url(postgres_server) -> str:
    """The SQLAlchemy URL (``postgresql+psycopg://…``) of a database on the session's cluster,
    for RUTIN_DATABASE_URL. Shared by the session; ``postgres_server.create_database()`` gives
    an empty one."""
    return postgres_server.create_database("rutin")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """An empty database of each kind, for the storage tests that must hold on both: the
    SQLite file of a new data directory, and a new database on the session's PostgreSQL."""
    if request.param == "sqlite":
        from rutin.db import SQLITE_FILENAME, sqlite_url

        return sqlite_url(tmp_path / "data" / SQLITE_FILENAME)
    return request.getfixturevalue("postgres_server").create_database()
