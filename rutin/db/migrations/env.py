"""Alembic's environment for rutin: run programmatically by ``rutin.db.Database.upgrade`` on a
connection it hands over (``config.attributes["connection"]``); there is no alembic.ini."""

from __future__ import annotations

from alembic import context

from rutin.db.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
