"""A shared ingest: several ``rutin ingest --share`` processes, on one host or many, split the
embedding of one publish through the database (RUTIN_DATABASE_URL, issue 14 item 3).

Every process reads the same documents and the same current generation (kb/indexstate.py), so
they compute the same plan: the documents to embed, named by a key over the model, the base
generation and every document's content hash. Each registers the plan's rows (one per document,
one ``COMMIT`` row; inserting a row that is there already does nothing), then claims rows one at
a time: an UPDATE that takes a row only while it is not done and its lease has run out (or was
never taken), so two processes never hold one row. Biggest documents first, so the shares end
together. A process renews its lease while it embeds; one that crashes stops renewing, and
after ``lease`` seconds its row is taken over by another (the vectors it wrote are rewritten,
upserts of the same ids). When every document row is done, the process that claims the
``COMMIT`` row publishes (KnowledgeBase.commit: one pointer flip); the others wait until it is
done and exit. The serving instances follow the pointer (server/app.py). The table is created
by the migration 0002 of rutin/db.
"""

from __future__ import annotations

import hashlib
import os
import socket
import time
from collections.abc import Iterable

from sqlalchemy import (Boolean, Column, Float, Integer, MetaData, String, Table, delete,
                        func, select, update)

#: The row of a plan that stands for its commit.
COMMIT = ":commit"  # no document id has a colon (kb.manifest.chunk_id splits on it)

claims = Table(
    "ingest_claims", MetaData(),
    Column("plan", String(64), primary_key=True),
    Column("item", String(200), primary_key=True),
    Column("chunks", Integer, nullable=False),
    Column("worker", String(200), nullable=True),
    Column("lease_until", Float, nullable=False),
    Column("done", Boolean, nullable=False),
    Column("done_by", String(200), nullable=True),
    Column("created", Float, nullable=False),
)


def worker_name() -> str:
    """This process: host, pid and a random part (a pid can come back after a restart)."""
    return f"{socket.gethostname()}:{os.getpid()}:{os.urandom(3).hex()}"


def plan_key(model: str, base_generation: str | None, documents: Iterable) -> str:
    """The same for every process that reads the same documents on the same generation."""
    digest = hashlib.sha256(f"{model}\n{base_generation or ''}\n".encode())
    for doc in sorted(documents, key=lambda d: d.id):
        digest.update(f"{doc.id}\t{doc.content_hash}\n".encode())
    return digest.hexdigest()[:64]


class ClaimBoard:
    """The claims of one plan in the database (rutin.db.Database)."""

    def __init__(self, db, plan: str, worker: str, lease: float) -> None:
        self.db, self.plan, self.worker, self.lease = db, plan, worker, lease

    def register(self, items: dict[str, int]) -> None:
        """The plan's rows (document id -> chunk count) and its COMMIT row, if not there."""
        now = time.time()
        rows = [{"plan": self.plan, "item": item, "chunks": n, "worker": None,
                 "lease_until": 0.0, "done": False, "done_by": None, "created": now}
                for item, n in [*items.items(), (COMMIT, 0)]]
        with self.db.begin() as conn:
            if conn.dialect.name == "postgresql":
                from sqlalchemy.dialects.postgresql import insert
            else:
                from sqlalchemy.dialects.sqlite import insert
            for start in range(0, len(rows), 500):
                conn.execute(insert(claims).values(rows[start:start + 500])
                             .on_conflict_do_nothing(index_elements=["plan", "item"]))

    def claim(self, *, commit: bool = False) -> str | None:
        """Take one open row (a document, biggest first; or the COMMIT row): its item, or None
        when none is open now (all done, or all held under a live lease)."""
        while True:
            now = time.time()
            item_filter = claims.c.item == COMMIT if commit else claims.c.item != COMMIT
            with self.db.begin() as conn:
                row = conn.execute(
                    select(claims.c.item).where(claims.c.plan == self.plan, item_filter,
                                                claims.c.done.is_(False),
                                                claims.c.lease_until < now)
                    .order_by(claims.c.chunks.desc(), claims.c.item).limit(1)).first()
                if row is None:
                    return None
                taken = conn.execute(
                    update(claims).where(claims.c.plan == self.plan, claims.c.item == row.item,
                                         claims.c.done.is_(False), claims.c.lease_until < now)
                    .values(worker=self.worker, lease_until=now + self.lease)).rowcount
            if taken == 1:
                return row.item
            # another process took it between the read and the update: the next one

    def renew(self, item: str) -> bool:
        """Extend this process's lease on ``item``; False when it lost it (taken over)."""
        with self.db.begin() as conn:
            return conn.execute(
                update(claims).where(claims.c.plan == self.plan, claims.c.item == item,
                                     claims.c.worker == self.worker, claims.c.done.is_(False))
                .values(lease_until=time.time() + self.lease)).rowcount == 1

    def finish(self, item: str) -> bool:
        """Mark ``item`` done by this process; False if another process did it first."""
        with self.db.begin() as conn:
            return conn.execute(
                update(claims).where(claims.c.plan == self.plan, claims.c.item == item,
                                     claims.c.done.is_(False))
                .values(done=True, done_by=self.worker)).rowcount == 1

    def open_documents(self) -> int:
        """Document rows of the plan not done yet."""
        with self.db.connect() as conn:
            return conn.execute(select(func.count()).select_from(claims).where(
                claims.c.plan == self.plan, claims.c.item != COMMIT,
                claims.c.done.is_(False))).scalar_one()

    def committed(self) -> bool:
        with self.db.connect() as conn:
            return bool(conn.execute(select(claims.c.done).where(
                claims.c.plan == self.plan, claims.c.item == COMMIT)).scalar())

    def split(self) -> dict[str, dict[str, int]]:
        """Per worker: the documents and chunks it embedded (its done rows)."""
        with self.db.connect() as conn:
            rows = conn.execute(
                select(claims.c.done_by, func.count(), func.sum(claims.c.chunks))
                .where(claims.c.plan == self.plan, claims.c.item != COMMIT,
                       claims.c.done.is_(True))
                .group_by(claims.c.done_by)).all()
        return {w: {"documents": int(n), "chunks": int(c or 0)} for w, n, c in rows}

    def purge(self, older_than: float = 7 * 24 * 3600) -> None:
        """Delete the rows of plans registered more than ``older_than`` seconds ago."""
        with self.db.begin() as conn:
            conn.execute(delete(claims).where(claims.c.created < time.time() - older_than))

