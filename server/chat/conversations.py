"""Conversations kept server-side under the data directory, with an expiry and a cap.

A conversation holds the visit facts given so far (the fields of POST /api/v1/visit, a birth
date or year instead of a personnummer), the language and the kind of the last answer, and for
the chat page the thread: each question *masked* (rutin.redact, as every log line) with the
answer shown. It never holds a personnummer: the raw text of a message is never stored.

Bounded (issue 13, "Conversation files grow without bound"): at most ``max_conversations`` are
kept, the least recently used one going first, and expired or unreadable files are removed by
``sweep``, which the server runs in a background thread, so that no request ever pays for it.
A file that is not a conversation of the stored shape is an unknown conversation: it is removed.
The interface is narrow (new, get, save, delete, sweep, count) so that a database can replace
the files.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
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


def _iso_date(value) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _int_in(low: int, high: int):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _is_bool(value) -> bool:
    return isinstance(value, bool)


def _is_name(value) -> bool:
    return _name_or_none(value) is not None


# What each stored fact may be: a value of another type would fail later, in the rules.
_FACT_CHECKS = {
    "visit_date": _iso_date, "birth_date": _iso_date,
    "patient_age": _int_in(0, 200), "birth_year": _int_in(1800, 2300),
    "occasion": _is_name, "setting": _is_name, "performed_by": _is_name,
    "municipal_home_care": _is_bool, "remote": _is_bool, "lakarmedverkan": _is_bool,
}
assert set(_FACT_CHECKS) == _ALLOWED_KEYS


def _number(value) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def conversation_from_json(data, conversation_id: str) -> Conversation | None:
    """The conversation a stored JSON value describes, or None when it is not of the stored
    shape (any field of the wrong type, a fact the rules could not use)."""
    if not isinstance(data, dict):
        return None
    facts = data.get("facts", {})
    turns = data.get("turns", 0)
    created, updated = _number(data.get("created", 0.0)), _number(data.get("updated", 0.0))
    last_kind = data.get("last_kind")
    if (not isinstance(facts, dict) or data.get("language", "sv") not in ("sv", "en")
            or not (isinstance(turns, int) and not isinstance(turns, bool) and turns >= 0)
            or created is None or updated is None
            or not (last_kind is None or _is_name(last_kind))):
        return None
    kept = {}
    for name, value in facts.items():
        if name not in _ALLOWED_KEYS:
            continue
        if not _FACT_CHECKS[name](value):
            return None
        kept[name] = value
    return Conversation(
        id=conversation_id, facts=kept, language=data.get("language", "sv"), last_kind=last_kind,
        pending=_name_or_none(data.get("pending")),
        pending_rule=_name_or_none(data.get("pending_rule")),
        turns=turns, created=created, updated=updated,
        thread=[t for t in data.get("thread") or [] if isinstance(t, dict)]
        if isinstance(data.get("thread"), list) else [])


def valid_id(conversation_id: str | None) -> bool:
    """True if ``conversation_id`` has the shape of an id this store hands out."""
    return bool(conversation_id) and bool(ID_PATTERN.fullmatch(conversation_id))


class ConversationStore:
    """JSON files ``<directory>/<id>.json``, written atomically, expiring ``ttl_seconds`` after the
    last message; at most ``max_conversations`` of them (None: no cap). Thread-safe within a
    process; ``clock`` is injectable for tests of expiry.

    The cap is kept with an in-memory index of the conversations (id -> last update, oldest
    first), built by ``sweep`` and kept by ``save``, so that saving costs no directory listing.
    With several processes on one directory each keeps its own index; every sweep re-reads the
    directory and enforces the cap on all of it."""

    #: A temp file this much older than now is left over from a crashed write.
    STALE_TEMP_SECONDS = 3600

    def __init__(self, directory: Path, *, ttl_seconds: int, max_conversations: int | None = None,
                 clock=time.time) -> None:
        self.directory = Path(directory)
        self.ttl_seconds = ttl_seconds
        self.max_conversations = max_conversations
        self._clock = clock
        self._lock = threading.Lock()
        self._index: OrderedDict[str, float] = OrderedDict()
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
        """The conversation with this id, or ``None`` if the id is malformed, unknown or expired,
        or its file is not a stored conversation (an expired or malformed file is deleted)."""
        if not valid_id(conversation_id):
            return None
        path = self._path(conversation_id)
        with self._lock:
            return self._load(path, conversation_id)[0]

    def _load(self, path: Path, conversation_id: str) -> tuple[Conversation | None, bool]:
        """Read one file (the lock held): the live conversation or None, and whether the file
        was removed (because it is expired or not a conversation)."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self._index.pop(conversation_id, None)
            return None, False
        except (UnicodeDecodeError, ValueError):
            conv = None
        except OSError:  # unreadable now (permissions, I/O): leave it to the operator
            return None, False
        else:
            try:
                conv = conversation_from_json(json.loads(text), conversation_id)
            except (ValueError, RecursionError):
                conv = None
        if conv is None or self._expired(conv.updated):
            path.unlink(missing_ok=True)
            self._index.pop(conversation_id, None)
            return None, True
        return conv, False

    def save(self, conversation: Conversation) -> None:
        """Write the conversation atomically (temp file + rename) and refresh its expiry. Past
        ``max_conversations`` the least recently used conversations are deleted."""
        conversation.updated = self._clock()
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
            self._index[conversation.id] = conversation.updated
            self._index.move_to_end(conversation.id)
            self._enforce_cap()

    def delete(self, conversation_id: str) -> None:
        """Forget a conversation (no error if it is gone)."""
        if valid_id(conversation_id):
            with self._lock:
                self._path(conversation_id).unlink(missing_ok=True)
                self._index.pop(conversation_id, None)

    def count(self) -> int:
        """How many conversations this store knows of (its index: exact after a sweep)."""
        with self._lock:
            return len(self._index)

    def sweep(self) -> int:
        """Delete every expired conversation, every file that is not a conversation of the
        stored shape and temp files left by a crash; then rebuild the index from the directory
        and enforce the cap. Returns how many conversations were deleted.

        Meant for a background thread: the lock is held for one file at a time, so requests
        go on while a large directory is read."""
        started = self._clock()
        removed = 0
        kept: list[tuple[float, str]] = []
        try:
            entries = list(os.scandir(self.directory))
        except OSError:
            return 0
        for entry in entries:
            name = entry.name
            if name.startswith(".tmp-"):
                self._remove_stale_temp(entry)
                continue
            if not name.endswith(".json"):
                continue
            conversation_id = name[:-len(".json")]
            path = self.directory / name
            with self._lock:
                if not valid_id(conversation_id):  # not a file this store wrote
                    path.unlink(missing_ok=True)
                    removed += 1
                    continue
                conv, gone = self._load(path, conversation_id)
                if conv is None:
                    removed += gone
                    continue
            kept.append((conv.updated, conversation_id))
        kept.sort()
        with self._lock:
            index = OrderedDict((cid, updated) for updated, cid in kept)
            # Saved while the directory was read: keep them, newest last.
            for cid, updated in list(self._index.items()):
                if updated >= started:
                    index[cid] = updated
                    index.move_to_end(cid)
            self._index = index
            removed += self._enforce_cap()
        return removed

    #: The earlier name of ``sweep``.
    purge_expired = sweep

    def _remove_stale_temp(self, entry: os.DirEntry) -> None:
        try:
            if time.time() - entry.stat().st_mtime > self.STALE_TEMP_SECONDS:
                os.unlink(entry.path)
        except OSError:
            pass

    def _enforce_cap(self) -> int:
        """Delete the least recently used conversations past the cap (the lock held)."""
        removed = 0
        while self.max_conversations is not None and len(self._index) > self.max_conversations:
            oldest, _ = self._index.popitem(last=False)
            (self.directory / f"{oldest}.json").unlink(missing_ok=True)
            removed += 1
        return removed

    def _expired(self, updated: float) -> bool:
        return self._clock() - float(updated) > self.ttl_seconds
