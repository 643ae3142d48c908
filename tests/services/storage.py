"""Looking into rutin's database from a test: the rows the stores wrote, and rows written
behind their back (a stored conversation of the wrong shape, an old report entry)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import insert, select, text

from rutin.db import Database, SQLITE_FILENAME, sqlite_url
from rutin.db.schema import conversations


def data_dir_database(data_dir: Path) -> Database:
    """The SQLite database a server on ``data_dir`` (no RUTIN_DATABASE_URL) uses."""
    return Database(sqlite_url(Path(data_dir) / SQLITE_FILENAME), keep_open=False)


def conversation_ids(db: Database) -> set[str]:
    with db.connect() as conn:
        return set(conn.execute(select(conversations.c.id)).scalars())


def stored_conversation(db: Database, conversation_id: str) -> str | None:
    """The stored JSON text of one conversation, or None."""
    with db.connect() as conn:
        return conn.execute(select(conversations.c.data)
                            .where(conversations.c.id == conversation_id)).scalar()


def write_conversation(db: Database, conversation_id: str, data, updated: float,
                       touched: int = 1, raw: str | None = None) -> None:
    """A row as if another (older, or broken) writer had stored it."""
    with db.begin() as conn:
        conn.execute(insert(conversations).values(
            id=conversation_id, created=updated, updated=updated, touched=touched,
            data=raw if raw is not None else json.dumps(data)))


def all_text(db: Database) -> str:
    """Every row of every table as text: for "no personnummer is stored" checks."""
    out = []
    with db.connect() as conn:
        for table in ("conversations", "feedback", "unanswered", "audit"):
            out += [repr(tuple(r)) for r in conn.execute(text(f"SELECT * FROM {table}"))]
    return "\n".join(out)


def age_conversation(db: Database, conversation_id: str, seconds: float) -> None:
    """Move a conversation's last message ``seconds`` into the past (as if time had passed)."""
    with db.begin() as conn:
        conn.execute(conversations.update().where(conversations.c.id == conversation_id)
                     .values(updated=conversations.c.updated - seconds))
