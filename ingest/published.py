"""Documents published through the administration pages or ``rutin publish`` (issue 12).

They live under the data directory, not in the documents directory (which may be the
repository's own ``documents/``, read-only in a deployment): ``<data_dir>/published/`` holds
the files and a ``catalog.toml`` in the same format as the documents directory's catalog. That
catalog is the source of truth for what was published; it is written whole, atomically (a
temporary file, fsync, ``os.replace``), so that it survives a restart and a crash leaves the old
or the new one. A published document with the id of one in the documents directory replaces it
(a new version); ``supersedes`` may name a document of either catalog.

Each version of a file gets a name of its own (``<id>-<hash>.<ext>``), so that a replace never
overwrites the file the served version was read from; files the catalog does not name are
ignored, and deleted by the next publish.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
import tomllib
from datetime import date
from pathlib import Path

from ingest.catalog import CATALOG_NAME, CatalogError, _meta_from_entry
from ingest.formats import UnreadableDocument
from ingest.model import Document, DocumentMeta

log = logging.getLogger("rutin.ingest")

PUBLISHED_DIR = "published"
#: The catalog keys a published entry may carry, in the order they are written.
ENTRY_KEYS = ("id", "title", "organization", "kind", "valid_from", "valid_to", "published",
              "supersedes", "external_id", "source_url", "journal_system", "note",
              "published_by", "published_at", "original_filename")


def published_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / PUBLISHED_DIR


def read_published_catalog(data_dir: Path | str) -> dict[str, dict]:
    """The published catalog as raw entries keyed by file name ({} when nothing is published).
    Raises CatalogError when the file is not valid TOML."""
    path = published_dir(data_dir) / CATALOG_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError("", "", f"ogiltig TOML ({error})", path=path) from None
    return {k: v for k, v in raw.items() if isinstance(v, dict)}


def _toml_value(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    # A JSON string is a valid TOML basic string (the same escapes).
    return json.dumps(str(value), ensure_ascii=False)


def catalog_text(entries: dict[str, dict]) -> str:
    lines = ["# Documents published through rutin's administration pages or 'rutin publish'.",
             "# Written by rutin: edit with care (same format as documents/catalog.toml).", ""]
    for filename in sorted(entries, key=lambda f: str(entries[f].get("id", f))):
        entry = entries[filename]
        lines.append(f"[{_toml_value(filename)}]")
        for key in ENTRY_KEYS:
            if entry.get(key) not in (None, ""):
                lines.append(f"{key} = {_toml_value(entry[key])}")
        lines.append("")
    return "\n".join(lines)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a hidden temporary file in the same directory, fsync and
    ``os.replace``: a reader (or a crash) sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_published_catalog(data_dir: Path | str, entries: dict[str, dict]) -> None:
    """Replace the published catalog with ``entries`` (atomically)."""
    write_atomically(published_dir(data_dir) / CATALOG_NAME,
                     catalog_text(entries).encode("utf-8"))


def entry_meta(filename: str, entry: dict) -> DocumentMeta:
    """The DocumentMeta of a published catalog entry (validated like the main catalog)."""
    return _meta_from_entry(filename, entry)


def load_published(data_dir: Path | str, entries: dict[str, dict] | None = None):
    """The published documents (with ``entries`` instead of the catalog on disk, if given) and
    the files that failed; a malformed entry is a failure of its file, not of the whole."""
    from ingest.pipeline import IngestFailure, load_document

    directory = published_dir(data_dir)
    entries = read_published_catalog(data_dir) if entries is None else entries
    documents: list[Document] = []
    failures: list = []
    for filename in sorted(entries):
        try:
            meta = entry_meta(filename, entries[filename])
            documents.append(load_document(directory / filename, meta))
        except CatalogError as error:
            failures.append(IngestFailure(filename, f"katalogposten: {error.key} {error.message}"))
        except UnreadableDocument as error:
            failures.append(IngestFailure(filename, error.reason))
        except OSError as error:
            failures.append(IngestFailure(filename, f"filen kunde inte läsas ({error.strerror})"))
    return documents, failures


def merge(documents: list[Document], published: list[Document]) -> list[Document]:
    """The documents directory's documents with the published ones: a published document
    replaces one of the same id; a document a published one supersedes is marked superseded
    by it (when its own catalog says nothing else) and, without an end of its own, ends the
    day its successor begins (walk-through, stop 20: a routine published with "Ersätter"
    left the old version in force, so the chat kept quoting it)."""
    by_id = {d.id: d for d in documents}
    for doc in published:
        by_id[doc.id] = doc
    for doc in published:
        target = by_id.get(doc.meta.supersedes or "")
        if target is None:
            continue
        meta = target.meta
        if not meta.superseded_by:
            meta = dataclasses.replace(meta, superseded_by=doc.id)
        starts = doc.meta.valid_from
        if meta.valid_to is None and starts is not None and (
                meta.valid_from is None or meta.valid_from < starts):
            meta = dataclasses.replace(meta, valid_to=starts)
        if meta is not target.meta:
            by_id[target.id] = dataclasses.replace(target, meta=meta)
    return sorted(by_id.values(), key=lambda d: d.id)


def load_sources(directory: Path, data_dir: Path | str | None,
                 entries: dict[str, dict] | None = None):
    """Every document the index should hold: ``directory`` (with its catalog) and what was
    published under ``data_dir``; returns (documents, failures) like ``load_directory``."""
    from ingest.pipeline import load_directory

    documents, failures = load_directory(Path(directory))
    if data_dir is None:
        return documents, failures
    try:
        published, published_failures = load_published(data_dir, entries)
    except CatalogError as error:
        log.error("the published catalog cannot be read: %s", error)
        from ingest.pipeline import IngestFailure

        return documents, [*failures, IngestFailure(CATALOG_NAME, str(error))]
    return merge(documents, published), [*failures, *published_failures]
