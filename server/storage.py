"""The data directory and the database as the storage the server writes to: probes for
``/readyz``.

The index manifest and the CSRF key are written under ``RUTIN_DATA_DIR``; conversations,
feedback, the report and the audit log go to the database (rutin/db: by default a SQLite file
in the same directory), which ``probe_database`` asks. A directory
that turned read-only, filled up or went away is found here by writing and removing a small
file, which works for every user (a read-only mount stops root too); a write that fails in a
request is answered 503 by server/errors.py.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from server.errors import describe_storage_failure


def storage_directories(state) -> list[Path]:
    """The directories the server writes to: the data directory and the conversation store's."""
    directories = [Path(state.settings.data_dir)]
    store_dir = getattr(state.conversations, "directory", None)
    if isinstance(store_dir, Path) and store_dir not in directories:
        directories.append(store_dir)
    return directories


def probe_storage(directories: list[Path]) -> str | None:
    """None when a file can be created and removed in every directory; else why not, in
    Swedish, naming the directory."""
    for directory in directories:
        try:
            if not directory.is_dir():
                what = "finns inte" if not directory.exists() else "är ingen katalog"
                return f"Datakatalogen {directory} {what}; inget kan sparas."
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".rutin-probe-")
            os.close(fd)
            os.unlink(tmp)
        except OSError as exc:
            return (f"Datakatalogen {directory} går inte att skriva till "
                    f"({describe_storage_failure(exc)}); inget kan sparas.")
    return None


def probe_database(state) -> str | None:
    """None when the database answers (and its schema is migrated); else why not, in Swedish
    (never the URL's password)."""
    database = getattr(state, "database", None)
    return database.ping() if database is not None else None
