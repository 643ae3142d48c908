"""A real ``rutin serve`` on 127.0.0.1 for the tests whose behaviour is the HTTP server's
(header limits, read timeouts, admission control), and raw-socket helpers to talk to it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from rutin.config import PROJECT_ROOT

from .sweep import stop_server

RUTIN = str(Path(sys.executable).parent / "rutin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Served:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def connect(self, timeout: float = 30.0) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=timeout)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def rutin_serve(work: Path, *, ready: bool, deadline_s: float = 600.0, **settings):
    """``rutin serve`` with lexical retrieval on its own data directory under ``work`` and the
    given settings (``RUTIN_<NAME>``); waits (generously) for /readyz when ``ready``, else for
    /healthz; stops it afterwards."""
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(work / "data"), "RUTIN_EMBEDDING_MODEL": "none",
                "RUTIN_DOCUMENTS_DIR": str(PROJECT_ROOT / "documents"),
                "RUTIN_LOG_LEVEL": "INFO", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False", "PYTHONUNBUFFERED": "1"})
    env.update({f"RUTIN_{k.upper()}": str(v) for k, v in settings.items()})
    log = work / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([RUTIN, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                   env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=PROJECT_ROOT)
    served = Served(port, process, log)
    try:
        probe = f"{served.url}/{'readyz' if ready else 'healthz'}"
        deadline = time.monotonic() + deadline_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"rutin serve exited with {process.returncode}:\n"
                                   + served.log_text()[-3000:])
            try:
                if httpx.get(probe, timeout=10).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"{probe} did not answer 200:\n" + served.log_text()[-3000:])
            time.sleep(0.2)
        yield served
    finally:
        stop_server(process, timeout=60)


def read_until_closed(sock: socket.socket, deadline_s: float = 120.0) -> tuple[bytes, bool]:
    """Everything the server sends until it closes the connection: (data, closed). ``closed``
    is False if the deadline passed with the connection still open."""
    sock.settimeout(1.0)
    data = b""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError:  # reset: closed
            return data, True
        if not chunk:
            return data, True
        data += chunk
    return data, False


def status_of(response: bytes) -> int | None:
    """The status code of a raw HTTP response (None if there is none)."""
    if not response.startswith(b"HTTP/1."):
        return None
    return int(response.split(b" ", 2)[1])
