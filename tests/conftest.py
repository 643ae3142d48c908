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


@pytest.fixture(scope="session")
def documents_dir() -> Path:
    """The repository's bundled documents/ (with catalog.toml); read-only."""
    return PROJECT_ROOT / "documents"
