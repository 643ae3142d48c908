"""Conversations kept server-side under the data directory, with an expiry.

A conversation holds the visit facts given so far (the fields of POST /api/v1/visit, a birth
date or year instead of a personnummer), the language and the kind of the last answer, and for
the chat page the thread: each question *masked* (rutin.redact, as every log line) with the
answer shown. It never holds a personnummer: the raw text of a message is never stored.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from server.chat.facts import FACT_FIELDS

# secrets.token_urlsafe(24) gives 32 characters of [A-Za-z0-9_-]; anything else is refused
# before it comes near the file system, so an id can never name a path outside the directory.
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
_ALLOWED_KEYS = frozenset(FACT_FIELDS)
#: The chat page's thread keeps this many turns (the oldest go first).
MAX_THREAD_TURNS = 20


@dataclass
class Conversation:
    """One conversation: its id, the facts so far, and bookkeeping."""

    id: str
    facts: dict = field(default_factory=dict)
    language: str = "sv"
    last_kind: str | None = None
    #: The fact the assistant last asked for (a POST /api/v1/visit field, or a date rule's
    #: "discharge_date" / "enrolled_on"), answered by a short reply; None when nothing is asked.
    pending: str | None = None
    #: The date rule a pending date belongs to ("lakarmedverkan" or "followup").
    pending_rule: str | None = None
    turns: int = 0
    created: float = 0.0
    updated: float = 0.0
    #: The chat page's questions (masked) and answers, oldest first (server/chat/thread.py).
    thread: list = field(default_factory=list)

    def to_json(self) -> dict:
        """The stored form: only allowed fact names, never message text."""
        return {
            "id": self.id,
            "facts": {k: v for k, v in self.facts.items() if k in _ALLOWED_KEYS},
            "language": self.language,
            "last_kind": self.last_kind,
            "pending": self.pending,
            "pending_rule": self.pending_rule,
            "turns": self.turns,
            "created": self.created,
            "updated": self.updated,
            "thread": self.thread[-MAX_THREAD_TURNS:],
        }


def _name_or_none(value) -> str | None:
    """A stored fact or rule name (letters and underscores), anything else None."""
    return value if isinstance(value, str) and re.fullmatch(r"[a-z_]{1,40}", value) else None


def valid_id(conversation_id: str | None) -> bool:
    """True if ``conversation_id`` has the shape of an id this store hands out."""
    return bool(conversation_id) and bool(ID_PATTERN.fullmatch(conversation_id))


class ConversationStore:
    """JSON files ``<directory>/<id>.json``, written atomically, expiring ``ttl_seconds`` after the
    last message. Thread-safe within a process; ``clock`` is injectable for tests of expiry."""

    def __init__(self, directory: Path, *, ttl_seconds: int, clock=time.time) -> None:
        self.directory = Path(directory)
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last_purge = clock()
        self.directory.mkdir(parents=True, exist_ok=True)

    def _path(self, conversation_id: str) -> Path:
        if not valid_id(conversation_id):
            raise ValueError("invalid conversation id")
        return self.directory / f"{conversation_id}.json"

    def new(self, language: str = "sv") -> Conversation:
        """A fresh conversation with an unguessable id (not stored until ``save``)."""
        now = self._clock()
        return Conversation(id=secrets.token_urlsafe(24), language=language, created=now,
                            updated=now)

    def get(self, conversation_id: str | None) -> Conversation | None:
        """The conversation with this id, or ``None`` if the id is malformed, unknown or expired
        (an expired one is deleted)."""
        if not valid_id(conversation_id):
            return None
        path = self._path(conversation_id)
        with self._lock:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError, OSError):
                return None
            if self._expired(data.get("updated", 0)):
                path.unlink(missing_ok=True)
                return None
        facts = data.get("facts") or {}
        return Conversation(
            id=conversation_id,
            facts={k: v for k, v in facts.items() if k in _ALLOWED_KEYS},
            language=data.get("language", "sv"),
            last_kind=data.get("last_kind"),
            pending=_name_or_none(data.get("pending")),
            pending_rule=_name_or_none(data.get("pending_rule")),
            turns=int(data.get("turns", 0)),
            created=float(data.get("created", 0.0)),
            updated=float(data.get("updated", 0.0)),
            thread=[t for t in data.get("thread") or [] if isinstance(t, dict)]
            if isinstance(data.get("thread"), list) else [],
        )

    def save(self, conversation: Conversation) -> None:
        """Write the conversation atomically (temp file + rename) and refresh its expiry; at most
        once per ``ttl_seconds`` also delete the conversations that have expired."""
        conversation.updated = self._clock()
        if conversation.updated - self._last_purge > self.ttl_seconds:
            self._last_purge = conversation.updated
            self.purge_expired()
        path = self._path(conversation.id)
        payload = json.dumps(conversation.to_json(), ensure_ascii=False)
        with self._lock:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(payload)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def delete(self, conversation_id: str) -> None:
        """Forget a conversation (no error if it is gone)."""
        if valid_id(conversation_id):
            with self._lock:
                self._path(conversation_id).unlink(missing_ok=True)

    def purge_expired(self) -> int:
        """Delete every expired conversation file; returns how many were deleted."""
        removed = 0
        with self._lock:
            for path in self.directory.glob("*.json"):
                try:
                    updated = json.loads(path.read_text(encoding="utf-8")).get("updated", 0)
                except (json.JSONDecodeError, UnicodeDecodeError, OSError):
                    updated = 0
                if self._expired(updated):
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed

    def _expired(self, updated: float) -> bool:
        return self._clock() - float(updated) > self.ttl_seconds
