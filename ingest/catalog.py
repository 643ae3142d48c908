"""The catalog: what ``documents/catalog.toml`` says of each document, validated."""

from __future__ import annotations

import dataclasses
import logging
import re
import tomllib
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from ingest.model import DocumentMeta

log = logging.getLogger("rutin.ingest")

CATALOG_NAME = "catalog.toml"

_DATE_KEYS = ("valid_from", "valid_to", "published")
_TEXT_KEYS = (
    "id",
    "title",
    "organization",
    "kind",
    "journal_system",
    "supersedes",
    "superseded_by",
    "source_url",
    "external_id",
    "note",
    "seed",
)
KINDS = ("routine", "decision", "report", "document")


class CatalogError(ValueError):
    """The catalog cannot be used; the message names the file (table) and the key to fix."""

    def __init__(self, filename: str, key: str, message: str) -> None:
        super().__init__(f"{CATALOG_NAME} [{filename!r}] {key}: {message}")
        self.filename = filename
        self.key = key
        self.message = message


def slugify(text: str, max_length: int = 48) -> str:
    """A lowercase ASCII slug: 'Registrering i Cosmic' -> 'registrering-i-cosmic'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "dokument"


def load_catalog(directory: Path) -> dict[str, DocumentMeta]:
    """Read ``directory/catalog.toml`` into metadata keyed by file name.

    A missing catalog gives an empty mapping. Unknown keys are ignored. Raises ``CatalogError``
    (naming the file and key) for a malformed entry: a missing id or title, a date that is not a
    date, valid_from not before valid_to, a duplicate id, or supersedes/superseded_by naming an
    id that is not in the catalog.
    """
    path = Path(directory) / CATALOG_NAME
    if not path.exists():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise CatalogError("", "toml", f"katalogen går inte att läsa: {error}") from error

    catalog: dict[str, DocumentMeta] = {}
    for filename, entry in raw.items():
        if not isinstance(entry, dict):
            raise CatalogError(filename, "", "varje dokument ska vara en tabell, t.ex. [\"fil.txt\"]")
        catalog[filename] = _meta_from_entry(filename, entry)
    _validate(catalog)
    return catalog


def default_meta(filename: str, title: str | None = None) -> DocumentMeta:
    """Metadata for a document without a catalog entry: id from the file stem, kind 'document'."""
    stem = Path(filename).stem
    return DocumentMeta(
        id=slugify(stem, max_length=80),
        title=title or stem,
        filename=filename,
        in_catalog=False,
    )


def _meta_from_entry(filename: str, entry: dict[str, Any]) -> DocumentMeta:
    values: dict[str, Any] = {"filename": filename, "in_catalog": True}
    for key in _TEXT_KEYS:
        if key in entry:
            value = entry[key]
            if not isinstance(value, str) or not value.strip():
                raise CatalogError(filename, key, "ska vara en icke-tom textsträng")
            values[key] = value.strip()
    for key in _DATE_KEYS:
        if key in entry:
            value = entry[key]
            if not isinstance(value, date) or hasattr(value, "hour"):
                raise CatalogError(filename, key, f"ska vara ett datum ÅÅÅÅ-MM-DD, inte {value!r}")
            values[key] = value
    for key in ("id", "title"):
        if key not in values:
            raise CatalogError(filename, key, "saknas")
    if values.get("kind", "document") not in KINDS:
        raise CatalogError(filename, "kind", f"ska vara en av {', '.join(KINDS)}")
    known = {f.name for f in dataclasses.fields(DocumentMeta)}
    unknown = sorted(set(entry) - known)
    if unknown:
        log.debug("catalog entry %s: ignoring unknown keys %s", filename, unknown)
    return DocumentMeta(**values)


def _validate(catalog: dict[str, DocumentMeta]) -> None:
    seen: dict[str, str] = {}
    for filename, meta in catalog.items():
        if meta.id in seen:
            raise CatalogError(filename, "id", f"{meta.id!r} används redan av {seen[meta.id]!r}")
        seen[meta.id] = filename
        if meta.valid_from and meta.valid_to and not meta.valid_from < meta.valid_to:
            raise CatalogError(filename, "valid_to", "ska vara senare än valid_from")
    for filename, meta in catalog.items():
        for key in ("supersedes", "superseded_by"):
            target = getattr(meta, key)
            if target is not None and target not in seen:
                raise CatalogError(filename, key, f"{target!r} finns inte i katalogen")
            if target == meta.id:
                raise CatalogError(filename, key, "ett dokument kan inte ersätta sig självt")
