"""The first schema: conversations, feedback, unanswered questions, audit log (append-only).

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("updated", sa.Float, nullable=False),
        sa.Column("touched", sa.BigInteger, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_conversations_updated", "conversations", ["updated"])
    op.create_index("ix_conversations_touched", "conversations", ["touched"])
    op.create_table(
        "feedback",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("rating", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("citations", sa.Text, nullable=False),
    )
    op.create_index("ix_feedback_at", "feedback", ["at"])
    op.create_table(
        "unanswered",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("organization", sa.Text, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("passages", sa.Text, nullable=False),
    )
    op.create_index("ix_unanswered_at", "unanswered", ["at"])
    op.create_table(
        "audit",
        sa.Column("id", _ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    # The audit log is append-only in the database itself, not only in rutin's code.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE FUNCTION rutin_audit_append_only() RETURNS trigger "
                   "LANGUAGE plpgsql AS $$ BEGIN "
                   "RAISE EXCEPTION 'the audit log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
                   "FOR EACH ROW EXECUTE FUNCTION rutin_audit_append_only()")
        op.execute("CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
                   "FOR EACH STATEMENT EXECUTE FUNCTION rutin_audit_append_only()")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_append_only_{event.lower()} BEFORE {event} "
                       "ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); "
                       "END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_no_truncate ON audit")
        op.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit")
        op.execute("DROP FUNCTION IF EXISTS rutin_audit_append_only()")
    for table in ("audit", "unanswered", "feedback", "conversations"):
        op.drop_table(table)
