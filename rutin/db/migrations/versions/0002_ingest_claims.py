"""The claims of a shared ingest (kb/claims.py): which process embeds which document of a
publish, under a lease, and who commits it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_claims",
        sa.Column("plan", sa.String(64), primary_key=True),
        sa.Column("item", sa.String(200), primary_key=True),
        sa.Column("chunks", sa.Integer, nullable=False),
        sa.Column("worker", sa.String(200), nullable=True),
        sa.Column("lease_until", sa.Float, nullable=False),
        sa.Column("done", sa.Boolean, nullable=False),
        sa.Column("done_by", sa.String(200), nullable=True),
        sa.Column("created", sa.Float, nullable=False),
    )
    op.create_index("ix_ingest_claims_open", "ingest_claims", ["plan", "done", "lease_until"])
    op.create_index("ix_ingest_claims_created", "ingest_claims", ["created"])


def downgrade() -> None:
    op.drop_table("ingest_claims")
