"""rutin's database: conversations, feedback, the unanswered-questions report and the audit
log (issue 14, item 1), on SQLAlchemy Core with Alembic migrations that run on start.

``RUTIN_DATABASE_URL`` unset or empty: the SQLite file ``<data_dir>/rutin.sqlite3`` (WAL, a busy
timeout; a connection per use, so a data directory that went away is found at once). Set:
that database, e.g. PostgreSQL through psycopg 3 (``postgresql+psycopg://…``), shared by every
instance. An unreachable database raises ``rutin.errors.DatabaseUnavailable`` (the server
answers 503 with Retry-After); connections are checked before use (``pool_pre_ping``), so the
service recovers by itself when the database comes back, and migrations that could not run at
start run on the first use after.

Usage: ``db = open_database(settings)`` (migrated), then ``with db.begin() as conn:`` for a
transaction or ``with db.connect() as conn:`` to read; ``db.ping()`` for /readyz;
``db.dispose()`` at shutdown.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.pool import NullPool
from sqlalchemy import create_engine

from rutin.errors import DatabaseUnavailable

log = logging.getLogger("rutin.db")

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_FILENAME = "rutin.sqlite3"
#: Milliseconds a SQLite writer waits for another's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000
#: Seconds a PostgreSQL connection attempt may take; a request waits at most this for it.
CONNECT_TIMEOUT_SECONDS = 5
#: pg_advisory_xact_lock key that serializes migrations of instances starting together.
_MIGRATION_LOCK = 0x7275_7469_6E

__all__ = ["Database", "DatabaseUnavailable", "database_url", "open_database", "upsert",
           "MIGRATIONS_DIR", "SQLITE_FILENAME"]


def database_url(settings) -> str:
    """The SQLAlchemy URL of ``settings``: RUTIN_DATABASE_URL, else the SQLite file under the
    data directory."""
    secret = getattr(settings, "database_url", None)
    value = secret.get_secret_value().strip() if secret is not None else ""
    if value:
        return value
    return sqlite_url(Path(settings.data_dir) / SQLITE_FILENAME)


def sqlite_url(path: Path) -> str:
    """The URL of the SQLite file ``path`` (special characters of the path escaped)."""
    return URL.create("sqlite", database=str(Path(path).absolute())).render_as_string()


def _is_unavailable(exc: BaseException) -> bool:
    """True for an error of the database's reachability or state, not of our statement."""
    if isinstance(exc, (OperationalError, InterfaceError, PoolTimeout)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


class Database:
    """One engine on one database, with the schema migrated to the head revision."""

    def __init__(self, url: str | URL, *, migrate: bool = True, keep_open: bool = True) -> None:
        """``keep_open`` (SQLite): hold one idle connection while the Database lives, so that
        the write-ahead log is not checkpointed after every statement (see
        ``_create_sqlite_file``); off for the short-lived stores of tools and tests."""
        self.url = make_url(url)
        self._keep_open = keep_open
        self.dialect = self.url.get_backend_name()
        self._migrated = False
        self._migrate_lock = threading.Lock()
        self._keeper = None  # SQLite: see _create_sqlite_file
        if self.dialect == "sqlite":
            database = self.url.database or ""
            if not database or database == ":memory:":
                raise ValueError("rutin needs a SQLite file, not an in-memory database")
            self.path: Path | None = Path(database).absolute()
            self.engine = self._sqlite_engine(self.path)
        else:
            self.path = None
            connect_args = {}
            if self.dialect == "postgresql":
                connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
            self.engine = create_engine(self.url, pool_pre_ping=True, pool_size=5,
                                        max_overflow=10, pool_timeout=CONNECT_TIMEOUT_SECONDS * 2,
                                        pool_recycle=1800, connect_args=connect_args)
        if migrate:
            try:
                self.upgrade()
            except DatabaseUnavailable as exc:
                # Not fatal: /readyz says so, requests get 503, and the first use after the
                # database came back migrates.
                log.error("database: cannot migrate now, retried on first use: %s", exc.message)

    @staticmethod
    def _sqlite_engine(path: Path) -> Engine:
        # mode=rw: a database file that went away is an error, never a new empty database
        # (Database.upgrade creates the file). A connection per use (NullPool): cheap for
        # SQLite, and a data directory removed or replaced is noticed at the next request.
        from urllib.parse import quote

        url = URL.create("sqlite", database=f"file:{quote(str(path))}?mode=rw",
                         query={"uri": "true"})
        engine = create_engine(url, poolclass=NullPool,
                               connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.close()

        return engine

    # ------------------------------------------------------------------ migrations

    def upgrade(self) -> None:
        """Migrate the schema to the head revision (idempotent; serialized across processes
        by a lock file next to a SQLite database or an advisory lock on PostgreSQL)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self._migrate_lock:
            try:
                if self.path is not None:
                    self._create_sqlite_file()
                with self._cross_process_lock(), self.engine.begin() as conn:
                    if self.dialect == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                     {"key": _MIGRATION_LOCK})
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
                if self._keeper is not None:  # now holding the log open (a read does it)
                    self._keeper.execute("SELECT count(*) FROM alembic_version").fetchall()
            except Exception as exc:
                if _is_unavailable(exc) or isinstance(exc, OSError):
                    raise self.unavailable(exc) from exc
                raise
            self._migrated = True

    def _create_sqlite_file(self) -> None:
        import sqlite3

        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False)
        conn.execute("PRAGMA journal_mode = WAL")  # persistent: set once per file
        # Kept open (idle) while the Database lives: with WAL the last connection to close
        # checkpoints and removes the log, which a connection per use would do on every
        # statement. Requests still open the file by its path, so a removed or replaced file
        # is noticed; this one only keeps the log.
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None
        if self._keep_open:
            self._keeper = conn
        else:
            conn.close()

    @contextmanager
    def _cross_process_lock(self) -> Iterator[None]:
        if self.path is None:  # PostgreSQL: the advisory lock in the transaction
            yield
            return
        with open(self.path.with_name(self.path.name + ".migrate-lock"), "a") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _ensure_migrated(self) -> None:
        if not self._migrated:
            self.upgrade()

    # ------------------------------------------------------------------ use

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection in a transaction, committed at the end (rolled back on an error).
        Raises DatabaseUnavailable when the database cannot be reached or written."""
        self._ensure_migrated()
        try:
            with self.engine.begin() as conn:
                yield conn
        except (DBAPIError, PoolTimeout) as exc:
            if _is_unavailable(exc):
                raise self.unavailable(exc) from exc
            raise

    #: Reads use a transaction as well (one snapshot); the name says what the caller does.
    connect = begin

    def ping(self) -> str | None:
        """None when the database answers a query and the schema is migrated; else why not,
        in Swedish (for /readyz)."""
        try:
            self._ensure_migrated()
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1 FROM conversations WHERE 1 = 0"))
        except DatabaseUnavailable as exc:
            return exc.message
        except (DBAPIError, PoolTimeout) as exc:
            return self.unavailable(exc).message
        return None

    def unavailable(self, exc: BaseException) -> DatabaseUnavailable:
        """The DatabaseUnavailable for ``exc``: which database, and the driver's first line
        (never the URL, which may hold a password)."""
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        reason = reason[0] if reason else type(exc).__name__
        if self.path is not None:
            return DatabaseUnavailable(
                f"Databasen {self.path} går inte att använda ({reason}); inget kan sparas.",
                retry_after=60, embedded=True)
        where = f"{self.url.host or 'lokal'}:{self.url.port or 5432}/{self.url.database or ''}"
        return DatabaseUnavailable(f"Databasen ({self.dialect} på {where}) går inte att nå "
                                   f"({reason}); inget kan sparas eller läsas.")

    @property
    def kind(self) -> str:
        """"sqlite" or "postgresql" (the dialect), for /readyz."""
        return self.dialect

    def dispose(self) -> None:
        self.engine.dispose()
        if self._keeper is not None:
            self._keeper.close()
            self._keeper = None


def open_database(settings, *, migrate: bool = True) -> Database:
    """The database of ``settings`` (see ``database_url``), migrated to the head revision
    unless it cannot be reached now. A URL no driver understands is a ConfigurationError
    naming RUTIN_DATABASE_URL."""
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    from rutin.errors import ConfigurationError

    try:
        return Database(database_url(settings), migrate=migrate)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        raise ConfigurationError(
            "RUTIN_DATABASE_URL är ingen användbar databasadress (till exempel "
            "postgresql+psycopg://användare:lösenord@värd/rutin): "
            f"{type(exc).__name__}") from None


_BY_DIRECTORY: dict[Path, Database] = {}
_BY_DIRECTORY_LOCK = threading.Lock()


def database_in(directory: Path) -> Database:
    """The SQLite database ``<directory>/rutin.sqlite3``, one per directory in a process: what
    a store built on a directory (the stores' older signature, used by tests and tools) uses."""
    path = (Path(directory) / SQLITE_FILENAME).absolute()
    with _BY_DIRECTORY_LOCK:
        db = _BY_DIRECTORY.get(path)
        if db is None or not path.exists():
            db = _BY_DIRECTORY[path] = Database(sqlite_url(path), keep_open=False)
        return db


def upsert(conn: Connection, table, values: dict, keys: list[str], changes: dict):
    """``INSERT … ON CONFLICT (keys) DO UPDATE SET changes`` in the connection's dialect
    (SQLite and PostgreSQL both have it): one statement, no race between two writers."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:  # pragma: no cover - only the two databases above are supported
        raise NotImplementedError(conn.dialect.name)
    return dialect_insert(table).values(**values).on_conflict_do_update(
        index_elements=keys, set_=changes)


def next_touch(_state={"last": 0}, _lock=threading.Lock()) -> int:
    """Nanoseconds now, strictly increasing within the process: the order of saves."""
    with _lock:
        now = max(time.time_ns(), _state["last"] + 1)
        _state["last"] = now
        return now
