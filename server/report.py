"""What users could not find (issue 12, item 5): the questions answered ``no_answer`` and the
answers marked not helpful, for the content owners to find gaps in their routines.

Questions are stored masked (rutin.redact) with the organization asked about, the language and
the passages shown beside the refusal; never a personnummer, never a conversation id. The
report groups similar questions, counts each group per ISO week and per organization, and
exports CSV. Entries older than ``RUTIN_REPORT_RETENTION_DAYS`` are deleted (feedback too).
The entries and the audit log live in the database (rutin/db, tables ``unanswered`` and
``audit``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, insert, select

from rutin.db import Database, database_in
from rutin.db.schema import audit as audit_table
from rutin.db.schema import unanswered as unanswered_table
from rutin.redact import mask_personnummer

QUESTION_CHARS = 600
#: Two questions whose content words overlap this much (Jaccard) are one group.
GROUP_SIMILARITY = 0.5
_WORD = re.compile(r"[a-zåäöéü0-9]+", re.I)
_STOP = frozenset(
    "och att det som en ett i på av för med till är om har jag vi du de den man kan ska hur "
    "vad vem vilka vilken när var the a an of to in is are for what who how when which do does "
    "can i we it".split())


@dataclass(frozen=True)
class Unanswered:
    at: float
    question: str
    organization: str
    language: str
    passages: tuple[tuple[str, str], ...]  # (document_id, anchor) shown nearby

    def to_json(self) -> dict:
        return {"at": self.at, "question": self.question, "organization": self.organization,
                "language": self.language, "passages": [list(p) for p in self.passages]}


class JsonLines:
    """Append-only JSON lines with an age limit: ``add`` appends one line with one O_APPEND
    write; ``purge`` rewrites the file without lines older than ``retention_seconds``
    (temp file + rename)."""

    def __init__(self, path: Path, retention_seconds: float, clock=time.time) -> None:
        self.path = Path(path)
        self.retention_seconds = retention_seconds
        self._clock = clock
        self._lock = threading.Lock()

    def append(self, record: dict) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)

    def records(self) -> list[dict]:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue  # a torn line is skipped, never fatal
            if isinstance(record, dict):
                out.append(record)
        return out

    def purge(self) -> int:
        """Delete the records older than the retention; returns how many."""
        cutoff = self._clock() - self.retention_seconds
        with self._lock:
            records = self.records()
            kept = [r for r in records if _number(r.get("at")) >= cutoff]
            if len(kept) == len(records):
                return 0
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".jsonl")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    for r in kept:
                        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            return len(records) - len(kept)


def _number(value) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


class UnansweredStore:
    """The database's ``unanswered`` table (``database``: a ``rutin.db.Database``, or a
    directory for its SQLite file): one row per question the chat could not answer. ``purge``
    deletes the rows past ``retention_days`` (an indexed statement)."""

    def __init__(self, database: Database | Path, retention_days: int, clock=time.time) -> None:
        self.database = database if isinstance(database, Database) else database_in(database)
        self.retention_seconds = retention_days * 86400.0
        self._clock = clock

    def add(self, question: str, organization: str | None, language: str,
            passages: list[dict]) -> None:
        entry = Unanswered(
            at=self._clock(), question=mask_personnummer(question)[:QUESTION_CHARS],
            organization=mask_personnummer(organization or "")[:200], language=language,
            passages=tuple((str(p.get("document_id")), str(p.get("anchor")))
                           for p in passages[:3] if isinstance(p, dict)))
        with self.database.begin() as conn:
            conn.execute(insert(unanswered_table).values(
                at=entry.at, question=entry.question, organization=entry.organization,
                language=entry.language[:8],
                passages=json.dumps([list(p) for p in entry.passages], ensure_ascii=False)))

    def all(self) -> list[Unanswered]:
        """Every entry, oldest first."""
        t = unanswered_table
        with self.database.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.at, t.c.id)).all()
        out = []
        for row in rows:
            try:
                passages = tuple(tuple(str(x) for x in p)[:2] for p in json.loads(row.passages))
            except (ValueError, TypeError):
                passages = ()
            out.append(Unanswered(float(row.at), row.question, row.organization, row.language,
                                  passages))
        return out

    def purge(self) -> int:
        """Delete the entries older than the retention; returns how many."""
        cutoff = self._clock() - self.retention_seconds
        with self.database.begin() as conn:
            return conn.execute(delete(unanswered_table)
                                .where(unanswered_table.c.at < cutoff)).rowcount


@dataclass
class Group:
    """Similar questions together: how many, when, from which organization, what was shown."""

    question: str  # the first asked, as the group's name
    source: str  # "no_answer" | "not_helpful" | both ("no_answer+not_helpful")
    count: int = 0
    weeks: dict[str, int] = field(default_factory=dict)
    organizations: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    passages: list[tuple[str, str]] = field(default_factory=list)
    words: frozenset[str] = frozenset()

    def to_json(self) -> dict:
        return {"question": self.question, "source": self.source, "count": self.count,
                "weeks": dict(sorted(self.weeks.items())),
                "organizations": dict(sorted(self.organizations.items())),
                "examples": self.examples, "reasons": self.reasons,
                "passages": [{"document_id": d, "anchor": a} for d, a in self.passages]}


def _words(question: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(question.lower()) if w not in _STOP and len(w) > 1)


def _week(at: float) -> str:
    year, week, _ = datetime.fromtimestamp(at, tz=timezone.utc).isocalendar()
    return f"{year}-V{week:02d}"


def build_report(unanswered: list[Unanswered], feedback: list,
                 organizations: dict[str, str] | None = None) -> list[Group]:
    """Group the unanswered questions and the not-helpful answers (``server.feedback``), the
    biggest group first. The texts are masked again: an entry stored by an older version
    (under a weaker mask) never reaches a report or its CSV with a personnummer.
    ``organizations``: each document id's organization, for a not-helpful answer's: the
    organization of the routine it quoted (walk-throughs, stop 40: such answers were listed
    "Per organisation –", out of the content owner's sight)."""
    m = mask_personnummer
    owners = organizations or {}
    items = [(u.at, m(u.question), m(u.organization) or "alla", u.passages, "no_answer", "")
             for u in unanswered]
    items += [(f.at, m(f.question),
               next((owners[d] for d, _a in f.citations if d in owners), ""),
               f.citations, "not_helpful", m(f.reason))
              for f in feedback if f.rating == "not_helpful"]
    groups: list[Group] = []
    for at, question, organization, passages, source, reason in sorted(items):
        words = _words(question)
        group = next((g for g in groups if words and g.words and
                      len(words & g.words) / len(words | g.words) >= GROUP_SIMILARITY), None)
        if group is None:
            group = Group(question=question, source=source, words=words)
            groups.append(group)
        elif source not in group.source.split("+"):
            group.source = "no_answer+not_helpful"
        group.count += 1
        week = _week(at)
        group.weeks[week] = group.weeks.get(week, 0) + 1
        if organization:
            group.organizations[organization] = group.organizations.get(organization, 0) + 1
        if question not in group.examples and len(group.examples) < 5:
            group.examples.append(question)
        if reason and len(group.reasons) < 5:
            group.reasons.append(reason)
        for p in passages:
            if tuple(p) not in group.passages and len(group.passages) < 5:
                group.passages.append(tuple(p))
    return sorted(groups, key=lambda g: (-g.count, g.question))


def _cell(value) -> str:
    """A CSV cell a spreadsheet never runs as a formula (a question starting "=", "+" …)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def document_organizations(kb) -> dict[str, str]:
    """Each document id of ``kb`` (None: none) and its organization."""
    return {d.id: d.meta.organization for d in kb.documents()} if kb is not None else {}


def report_csv(groups: list[Group]) -> str:
    """One row per group and week: what the content owners open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["fråga", "källa", "antal", "vecka", "antal_veckan", "organisationer",
                     "exempel", "skäl", "visade_stycken"])
    for g in groups:
        for week, n in sorted(g.weeks.items()):
            writer.writerow([_cell(v) for v in (
                g.question, g.source, g.count, week, n,
                "; ".join(f"{o} ({c})" for o, c in g.organizations.items()),
                " | ".join(g.examples), " | ".join(g.reasons),
                " ".join(f"{d}#{a}" for d, a in g.passages))])
    return out.getvalue()


class AuditLog:
    """The database's ``audit`` table (``database``: a ``rutin.db.Database``, or a directory for
    its SQLite file): who did what to the knowledge base and its reports, and when (issue 12,
    item 6). Append-only: nothing in rutin updates or deletes it, no retention applies, and the
    database refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of it (triggers of the first
    migration)."""

    def __init__(self, database: Database | Path, clock=time.time) -> None:
        self.database = database if isinstance(database, Database) else database_in(database)
        self._clock = clock

    def record(self, action: str, who: str, **detail) -> None:
        with self.database.begin() as conn:
            conn.execute(insert(audit_table).values(
                at=self._clock(), action=action[:100], who=mask_personnummer(who)[:200],
                detail=json.dumps({k: mask_personnummer(str(v))[:500]
                                   for k, v in detail.items()}, ensure_ascii=False)))

    def entries(self) -> list[dict]:
        """Newest first."""
        t = audit_table
        with self.database.connect() as conn:
            rows = conn.execute(select(t).order_by(t.c.at.desc(), t.c.id.desc())).all()
        out = []
        for row in rows:
            try:
                detail = json.loads(row.detail)
            except ValueError:
                detail = {}
            out.append({"at": float(row.at), "action": row.action, "who": row.who,
                        "detail": detail if isinstance(detail, dict) else {}})
        return out
