"""Feedback on answers (issue 11): helpful or not, with an optional reason, for the content
owners to read.

Each record holds the question *masked* (rutin.redact), the answer's kind and the passages it
cited; never a personnummer, never the conversation id (a key derived from it with the turn
number lets a person change their vote, and says nothing of the conversation). Stored as JSON
lines under the data directory, one line per vote, the latest vote of a key counting.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

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
    """``<directory>/feedback.jsonl``, appended under a lock; thread-safe within a process and
    append-only across processes (each line is written with one O_APPEND write). Votes older
    than ``retention_days`` are deleted by ``purge`` (the server's background sweep)."""

    def __init__(self, directory: Path, clock=time.time, retention_days: int = 365) -> None:
        from server.report import JsonLines

        self.directory = Path(directory)
        self.path = self.directory / "feedback.jsonl"
        self.lines = JsonLines(self.path, retention_days * 86400.0, clock)
        self._clock = clock

    def purge(self) -> int:
        return self.lines.purge()

    def add(self, key: str, rating: str, reason: str, question: str, kind: str,
            citations: list[dict]) -> Feedback:
        """Record a vote (ValueError for a rating other than RATINGS)."""
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}")
        entry = Feedback(
            key=key, at=self._clock(), rating=rating,
            reason=mask_personnummer(" ".join(reason.split()))[:REASON_CHARS],
            question=mask_personnummer(question)[:QUESTION_CHARS], kind=kind,
            citations=tuple((str(c.get("document_id")), str(c.get("anchor")))
                            for c in citations if isinstance(c, dict)))
        self.lines.append(entry.to_json())
        return entry

    def all(self) -> list[Feedback]:
        """Every answer's latest vote, newest first."""
        latest: dict[str, Feedback] = {}
        for d in self.lines.records():
            try:
                entry = Feedback(str(d["key"]), float(d["at"]), str(d["rating"]),
                                 str(d.get("reason", "")), str(d.get("question", "")),
                                 str(d.get("kind", "")),
                                 tuple(tuple(c)[:2] for c in d.get("citations") or []))
            except (ValueError, KeyError, TypeError):
                continue  # a torn or foreign line is skipped, never fatal
            latest[entry.key] = entry
        return sorted(latest.values(), key=lambda f: -f.at)
