"""Feedback on answers (issue 11): helpful or not, with an optional reason, for the content
owners to read.

Each record holds the question *masked* (rutin.redact), the answer's kind and the passages it
cited; never a personnummer, never the conversation id (a key derived from it with the turn
number lets a person change their vote, and says nothing of the conversation). Stored in the
database (rutin/db, table ``feedback``), one row per answer: a changed vote replaces it.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, select

from rutin.db import Database, database_in, upsert
from rutin.db.schema import feedback as table
from rutin.redact import mask_personnummer

RATINGS = ("helpful", "not_helpful")
#: A reason is kept to this many characters.
REASON_CHARS = 500
QUESTION_CHARS = 600


@dataclass(frozen=True)
class Feedback:
    key: str
    at: float
    rating: str
    reason: str
    question: str
    kind: str
    citations: tuple[tuple[str, str], ...]  # (document_id, anchor)

    def to_json(self) -> dict:
        return {"key": self.key, "at": self.at, "rating": self.rating, "reason": self.reason,
                "question": self.question, "kind": self.kind,
                "citations": [list(c) for c in self.citations]}


def feedback_key(conversation_id: str, turn: int, secret: bytes = b"") -> str:
    """A key for one answer that does not reveal the conversation it belongs to."""
    return hashlib.sha256(secret + f"{conversation_id}:{turn}".encode()).hexdigest()[:24]


class FeedbackStore:
    """The database's ``feedback`` table (``database``: a ``rutin.db.Database``, or a directory
    for its SQLite file), one row per answer key, the latest vote counting. Votes older than
    ``retention_days`` are deleted by ``purge`` (the server's background sweep; an indexed
    statement). Raises ``rutin.errors.DatabaseUnavailable`` when the database cannot be
    reached."""

    def __init__(self, database: Database | Path, clock=time.time,
                 retention_days: int = 365) -> None:
        self.database = database if isinstance(database, Database) else database_in(database)
        self.retention_seconds = retention_days * 86400.0
        self._clock = clock

    def purge(self) -> int:
        """Delete the votes older than the retention; returns how many."""
        cutoff = self._clock() - self.retention_seconds
        with self.database.begin() as conn:
            return conn.execute(delete(table).where(table.c.at < cutoff)).rowcount

    def add(self, key: str, rating: str, reason: str, question: str, kind: str,
            citations: list[dict]) -> Feedback:
        """Record a vote, replacing an earlier one on the same answer (ValueError for a rating
        other than RATINGS)."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        entry = Feedback(
            key=key, at=self._clock(), rating=rating,
            reason=mask_personnummer(" ".join(reason.split()))[:REASON_CHARS],
            question=mask_personnummer(question)[:QUESTION_CHARS], kind=kind,
            citations=tuple((str(c.get("document_id")), str(c.get("anchor")))
                            for c in citations if isinstance(c, dict)))
        values = {"at": entry.at, "rating": entry.rating, "reason": entry.reason,
                  "question": entry.question, "kind": entry.kind[:40],
                  "citations": json.dumps([list(c) for c in entry.citations],
                                          ensure_ascii=False)}
        with self.database.begin() as conn:
            conn.execute(upsert(conn, table, {"key": entry.key, **values}, ["key"], values))
        return entry

    def all(self) -> list[Feedback]:
        """Every answer's latest vote, newest first."""
        with self.database.connect() as conn:
            rows = conn.execute(select(table).order_by(table.c.at.desc(), table.c.key)).all()
        out = []
        for row in rows:
            try:
                citations = tuple(tuple(str(x) for x in c)[:2] for c in json.loads(row.citations))
            except (ValueError, TypeError):
                citations = ()
            out.append(Feedback(row.key, float(row.at), row.rating, row.reason, row.question,
                                row.kind, citations))
        return out
