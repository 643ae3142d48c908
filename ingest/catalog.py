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
    """The catalog cannot be used; the message names the file, the line and the key to fix.

    ``filename`` is the document's table ('' for a file that is no valid TOML), ``key`` the key
    in it, ``path`` the catalog file and ``line`` the line to look at (1-based, None if unknown).
    """

    def __init__(self, filename: str, key: str, message: str, *, path: Path | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        self.filename = filename
        self.key = key
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(self._text())

    def _text(self) -> str:
        where = str(self.path) if self.path is not None else CATALOG_NAME
        if self.line is not None:
            where += f", rad {self.line}"
        if self.column is not None:
            where += f", kolumn {self.column}"
        what = f"[{self.filename!r}] {self.key}: " if self.filename else ""
        return f"{where}: {what}{self.message}"

    def located(self, path: Path, text: str) -> "CatalogError":
        """This error with the catalog's path and the line of its table and key in ``text``."""
        self.path = path
        if self.line is None:
            self.line = _line_of(text, self.filename, self.key)
        self.args = (self._text(),)
        return self


def _line_of(text: str, filename: str, key: str) -> int | None:
    """The line (1-based) of ``key`` in the table ``[filename]`` of a TOML ``text``; the
    table's header line when the key is not written there; None when the table is not found."""
    lines = text.splitlines()
    header = None
    quoted = re.escape(key)
    key_line = re.compile(rf"""^\s*(?:{quoted}|"{quoted}"|'{quoted}')\s*=""")
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("[") and not stripped.startswith("[["):
            try:
                names = tomllib.loads(stripped)
            except tomllib.TOMLDecodeError:
                continue
            if header is not None:
                break  # the next table
            if filename in names:
                header = number
        elif header is not None and key and key_line.match(line):
            return number
    if header is None:  # e.g. an inline table: the first line that names the file
        return next((n for n, line in enumerate(lines, start=1) if filename and filename in line),
                    None)
    return header


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
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise CatalogError("", "", "katalogen är inte UTF-8-text", path=path,
                           line=line) from None
    except OSError as error:
        raise CatalogError("", "", f"katalogen kan inte läsas ({error.strerror})",
                           path=path) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib says where: "... (at line 13, column 18)"
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
        raise CatalogError("", "", f"ogiltig TOML ({detail})", path=path,
                           line=int(found.group(1)) if found else None,
                           column=int(found.group(2)) if found else None) from None

    try:
        catalog: dict[str, DocumentMeta] = {}
        for filename, entry in raw.items():
            if not isinstance(entry, dict):
                raise CatalogError(filename, "",
                                   "varje dokument ska vara en tabell, t.ex. [\"fil.txt\"]")
            catalog[filename] = _meta_from_entry(filename, entry)
        _validate(catalog)
    except CatalogError as error:
        raise error.located(path, text) from None
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
