"""The tables of rutin's state (SQLAlchemy Core). Changing a table means a new migration in
``migrations/versions`` as well: the migrations, not this module, create the schema.

Expiry, caps and retention are single indexed statements: ``conversations.updated`` (expiry),
``conversations.touched`` (least recently used first, for the cap), ``*.at`` (retention). No
table holds a personnummer: the stores write masked text only (rutin/redact.py).
"""

from __future__ import annotations

from sqlalchemy import (BigInteger, Column, Float, Index, Integer, MetaData, String, Table,
                        Text)

metadata = MetaData()

#: An autoincrementing key on PostgreSQL (bigint) and SQLite (its rowid alias "INTEGER").
_ID = BigInteger().with_variant(Integer(), "sqlite")

conversations = Table(
    "conversations", metadata,
    Column("id", String(64), primary_key=True),
    Column("created", Float, nullable=False),
    #: The store's clock at the last message: expiry.
    Column("updated", Float, nullable=False),
    #: Nanoseconds of the last save, unique per process: least recently used first (the cap).
    Column("touched", BigInteger, nullable=False),
    #: The stored form (Conversation.to_json) as JSON text.
    Column("data", Text, nullable=False),
    Index("ix_conversations_updated", "updated"),
    Index("ix_conversations_touched", "touched"),
)

feedback = Table(
    "feedback", metadata,
    #: server.feedback.feedback_key: one row per answer, the latest vote.
    Column("key", String(64), primary_key=True),
    Column("at", Float, nullable=False),
    Column("rating", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("citations", Text, nullable=False),  # JSON [[document_id, anchor], ...]
    Index("ix_feedback_at", "at"),
)

unanswered = Table(
    "unanswered", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("question", Text, nullable=False),
    Column("organization", Text, nullable=False),
    Column("language", String(8), nullable=False),
    Column("passages", Text, nullable=False),  # JSON [[document_id, anchor], ...]
    Index("ix_unanswered_at", "at"),
)

audit = Table(
    "audit", metadata,
    Column("id", _ID, primary_key=True, autoincrement=True),
    Column("at", Float, nullable=False),
    Column("action", String(100), nullable=False),
    Column("who", Text, nullable=False),
    Column("detail", Text, nullable=False),  # JSON object
    Index("ix_audit_at", "at"),
)
