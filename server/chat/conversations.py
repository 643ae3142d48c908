"""Placeholder until the chat work fills it in: conversations kept under the data directory."""

from pathlib import Path


class ConversationStore:
    def __init__(self, directory: Path, *, ttl_seconds: int) -> None:
        self.directory = directory
        self.ttl_seconds = ttl_seconds
