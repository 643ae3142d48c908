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

    docs = load_directory(DOCUMENTS_DIR)
    return {d.id: d for d in docs}


@pytest.fixture(scope="session")
def tables(documents):
    """The rule tables loaded and checked against the real documents."""
    return load_tables(documents)
