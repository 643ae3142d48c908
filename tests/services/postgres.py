"""A throwaway PostgreSQL cluster for the tests, from Debian's binaries
(/usr/lib/postgresql/<version>/bin: initdb, pg_ctl), in a temporary directory, on 127.0.0.1 and
a free port; stopped and removed after.

initdb and postgres refuse to run as root (CI runs as root): as root they run as the
``postgres`` user Debian's package creates (else a ``rutin-pg`` user made with useradd), and the
directory is given to that user. The cluster trusts connections from 127.0.0.1 only.

    server = PostgresServer.start_new()     # or the session fixture ``postgres_server``
    url = server.create_database()          # a fresh database: postgresql+psycopg://…
    server.stop(); server.start()           # the database restarted (outage tests)
    server.close()                          # stop and remove everything

The Makefile's ``services`` target installs the package (``make test`` depends on it). Without
the binaries a test skips, except under CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

#: Generous: a busy 2-core machine starts a cluster in seconds, but may take much longer.
READY_DEADLINE_SECONDS = 120.0
SUPERUSER = "rutin"


def postgres_bindir() -> Path | None:
    """The newest installed /usr/lib/postgresql/<version>/bin holding initdb, or None."""
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        version = Path(initdb).parent.parent.name
        try:
            found.append((float(version), Path(initdb).parent))
        except ValueError:
            continue
    return max(found)[1] if found else None


def require_postgres():
    """The bin directory, or pytest.skip, or (under CI) pytest.fail: CI must run these tests."""
    import pytest

    bindir = postgres_bindir()
    if bindir is None:
        message = ("PostgreSQL's binaries are missing (/usr/lib/postgresql/*/bin/initdb); "
                   "`make services` installs Debian's postgresql package")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return bindir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _service_user() -> pwd.struct_passwd | None:
    """The user the cluster runs as: None (ourselves) unless we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "rutin-pg"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    "rutin-pg"], check=True, capture_output=True)
    return pwd.getpwnam("rutin-pg")


class PostgresServer:
    """One cluster: ``start``/``stop`` (its data kept), ``url``, ``create_database``, ``close``."""

    def __init__(self, bindir: Path, root: Path, port: int | None = None) -> None:
        self.bindir = Path(bindir)
        self.root = Path(root)
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.log = self.root / "postgres.log"
        self.port = port or _free_port()
        self.user = _service_user()
        self.running = False

    @classmethod
    def start_new(cls, bindir: Path | None = None) -> "PostgresServer":
        """initdb a cluster in a new temporary directory and start it."""
        bindir = bindir or postgres_bindir()
        if bindir is None:
            raise FileNotFoundError("no /usr/lib/postgresql/*/bin/initdb")
        server = cls(bindir, Path(tempfile.mkdtemp(prefix="rutin-pg-")))
        try:
            server.init()
            server.start()
        except BaseException:
            server.close()
            raise
        return server

    # ------------------------------------------------------------------ processes

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        kwargs = {}
        if self.user is not None:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8",
               "LANG": "C.UTF-8", "HOME": str(self.root), "PGTZ": "UTC"}
        result = subprocess.run([str(self.bindir / args[0]), *args[1:]], env=env,
                                cwd=self.root, capture_output=True, text=True, **kwargs)
        if check and result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}): "
                               f"{result.stdout}{result.stderr}{self._log_tail()}")
        return result

    def _log_tail(self) -> str:
        try:
            return "\n--- postgres.log ---\n" + self.log.read_text()[-3000:]
        except OSError:
            return ""

    def init(self) -> None:
        """initdb: UTF-8, superuser ``rutin``, trust on 127.0.0.1 (a throwaway cluster)."""
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        if self.user is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")

    def start(self) -> None:
        """Start the cluster and wait until it accepts connections (data kept across stops)."""
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.socket_dir} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options,
                  "-w", "-t", str(int(READY_DEADLINE_SECONDS)), "start")
        self.running = True
        self.wait_ready()

    def stop(self, mode: str = "fast") -> None:
        """Stop the cluster (``fast``: open connections are cut, as in a restart)."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w",
                      "-t", str(int(READY_DEADLINE_SECONDS)), "stop", check=False)
            self.running = False

    def restart(self) -> None:
        self.stop()
        self.start()

    def wait_ready(self, deadline_s: float = READY_DEADLINE_SECONDS) -> None:
        """Poll with a real connection until the server answers (no sleep-and-hope)."""
        import psycopg

        deadline = time.monotonic() + deadline_s
        while True:
            try:
                with psycopg.connect(self.dsn("postgres"), connect_timeout=5) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"PostgreSQL on port {self.port} not ready"
                                       f"{self._log_tail()}")
                time.sleep(0.1)

    def close(self) -> None:
        """Stop the cluster and remove its directory."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------------ databases

    def dsn(self, database: str = "postgres") -> str:
        """A libpq connection string (for psycopg)."""
        return f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname={database}"

    def url(self, database: str = "rutin") -> str:
        """The SQLAlchemy URL of ``database`` (RUTIN_DATABASE_URL)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; its SQLAlchemy URL."""
        import psycopg

        name = name or f"t_{secrets.token_hex(6)}"
        with psycopg.connect(self.dsn("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __enter__(self) -> "PostgresServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
