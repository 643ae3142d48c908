"""Helpers for the fault tests: document folders, subprocess environments, the rutin command."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from rutin.config import PROJECT_ROOT

SEED_DOCUMENTS = PROJECT_ROOT / "documents"
RUTIN = str(Path(sys.executable).parent / "rutin")
PROBE = str(Path(__file__).parent / "kbprobe.py")


def rutin_env(data_dir: Path, documents_dir: Path = SEED_DOCUMENTS, **extra: str) -> dict:
    """The environment of a rutin subprocess: offline, its own data dir, MiniLM for speed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(data_dir), "RUTIN_DOCUMENTS_DIR": str(documents_dir),
                "RUTIN_EMBEDDING_MODEL": "minilm", "RUTIN_LOG_LEVEL": "INFO",
                "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


@pytest.fixture
def seed_copy(tmp_path) -> Path:
    """A copy of the five bundled documents with their catalog."""
    target = tmp_path / "documents"
    shutil.copytree(SEED_DOCUMENTS, target)
    return target
