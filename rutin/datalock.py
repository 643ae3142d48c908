"""One process per data directory while the vector store is embedded.

chromadb's PersistentClient is thread-safe but not process-safe (issue "Concurrency"): two
processes writing one chroma directory corrupt it. The process that opens the embedded store
takes an exclusive ``flock`` on ``<data_dir>/rutin.lock``; a second process (a second ``rutin
serve``, a uvicorn ``--workers 2``, a ``rutin ingest`` beside a running server) gets one clear
ConfigurationError instead. The kernel releases the lock when the process dies, even by kill -9,
so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

from rutin.errors import ConfigurationError

LOCK_FILE = "rutin.lock"

# flock belongs to an open file: a second open() in this process would conflict with the first.
# So the process keeps one open lock file per directory and counts its holders (the app and the
# CLI in one process, or several test apps one after another).
_held: dict[Path, list] = {}
_guard = threading.Lock()


def acquire_data_dir(data_dir: Path | str) -> Path:
    """Take this process's exclusive hold on ``data_dir`` (created if missing); return its path.

    Raises ConfigurationError naming the other process when another one holds it.
    Pair every call with ``release_data_dir``.
    """
    path = Path(data_dir).resolve()
    with _guard:
        if path in _held:
            _held[path][1] += 1
            return path
        try:
            path.mkdir(parents=True, exist_ok=True)
            fd = os.open(path / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise ConfigurationError(
                f"Datakatalogen {data_dir} kan inte skapas eller skrivas ({exc.strerror}); "
                "sätt RUTIN_DATA_DIR till en skrivbar katalog.") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 32, 0).decode(errors="replace").strip() or "okänd"
            os.close(fd)
            raise ConfigurationError(
                f"Datakatalogen {data_dir} används redan av en annan rutin-process (pid {other}). "
                "Den inbäddade vektorbutiken tål bara en process: stoppa den andra, eller kör "
                "flera instanser med RUTIN_VECTOR_STORE=http mot en chroma-server.") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        _held[path] = [fd, 1]
        return path


def release_data_dir(data_dir: Path | str) -> None:
    """Give back one hold on ``data_dir``; the lock goes when the last holder releases it."""
    path = Path(data_dir).resolve()
    with _guard:
        entry = _held.get(path)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            del _held[path]
            fcntl.flock(entry[0], fcntl.LOCK_UN)
            os.close(entry[0])
