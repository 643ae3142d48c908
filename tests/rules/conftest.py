"""Shared fixtures: the real documents, ingested by the real pipeline, and the rule tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from rules.tables import load_tables

DOCUMENTS_DIR = Path(__file__).resolve().parents[2] / "documents"


@pytest.fixture(scope="session")
def documents():
    """The bundled documents as ``{id: Document}`` (cleaned text and chunks)."""
    from ingest.pipeline import load_directory

    docs, failures = load_directory(DOCUMENTS_DIR)
    assert not failures, failures
    return {d.id: d for d in docs}


@pytest.fixture(scope="session")
def tables(documents):
    """The rule tables loaded and checked against the real documents."""
    return load_tables(documents)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The real app (lexical-only knowledge base for speed) with its lifespan run."""
    from fastapi.testclient import TestClient

    from rutin.config import Settings
    from server.app import create_app

    data_dir = tmp_path_factory.mktemp("data")
    app = create_app(Settings(data_dir=data_dir, embedding_model="none"), load_in_background=False)
    with TestClient(app) as c:
        yield c
