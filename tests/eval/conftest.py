"""A knowledge base over the real documents with the default model, one per test module."""

from __future__ import annotations

import pytest

from kb.service import open_knowledge_base
from rutin.config import Settings


@pytest.fixture(scope="module")
def kb(tmp_path_factory, documents_dir):
    knowledge_base = open_knowledge_base(
        Settings(data_dir=tmp_path_factory.mktemp("eval"), documents_dir=documents_dir))
    yield knowledge_base
    knowledge_base.close()
