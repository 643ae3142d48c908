"""Publish, replace and remove a document (issue 12, item 2): what the administration pages and
``rutin publish`` / ``rutin remove`` call.

Publishing is atomic for the readers. In order:

1. the upload is checked (type, size, readable, not empty, not a duplicate, its catalog fields,
   ``supersedes`` known and not circular, no rule table's quote broken) and nothing is written
   if any check fails;
2. the file is written under a name of its own in ``<data_dir>/published/`` (a file the
   catalog does not name is never read);
3. the index is brought in line with the new document set (``KnowledgeBase.apply``: vectors
   first, then the manifest with ``os.replace``); until that commit the old version answers;
4. the published catalog is replaced atomically: the source of truth, read at every start;
5. the previous file of a replaced document is deleted.

A crash (kill -9) before step 4 leaves the old catalog: the next start serves, or re-ingests, the
previous version; after it, the new one. Replace and remove go the same way.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ingest.catalog import CATALOG_NAME, KINDS, CatalogError, load_catalog, slugify
from ingest.formats import SUPPORTED_SUFFIXES, UnreadableDocument
from ingest.model import Document, DocumentMeta
from ingest.published import (entry_meta, load_sources, published_dir, read_published_catalog,
                              write_atomically, write_published_catalog)
from rutin.redact import mask_personnummer

log = logging.getLogger("rutin.publish")

#: One write (publish, replace, remove, re-ingest) at a time per process.
WRITE_LOCK = threading.Lock()
UPLOADS_DIR = ".uploads"
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
KIND_LABELS = {"routine": "Rutin", "decision": "Beslut", "report": "Rapport",
               "document": "Dokument"}
_DOCUMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")


class PublishError(Exception):
    """A publish, replace or remove that was refused; ``message`` says why, in Swedish, and
    ``field`` names the form field to correct (or '' for the file as a whole)."""

    def __init__(self, message: str, field: str = "file") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# -- the sibling parts (suggestions, preview, rule quotes), through thin adapters --------------


@dataclass
class Suggestion:
    title: str | None = None
    organization: str | None = None
    kind: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    document_id: str | None = None  # the organization's own id (e.g. RH-12272): external_id
    supersedes: str | None = None
    published: date | None = None
    evidence: dict[str, str] = field(default_factory=dict)


def suggest(filename: str, data: bytes, organizations: tuple[str, ...] = ()) -> Suggestion:
    """Catalog fields read from the text (``ingest.suggest``), or what the file name and first
    heading give when that part is not there. ``organizations``: the ones already published;
    one whose name (or its part in brackets, "Sektor Välfärd") the document's head names is
    suggested when the text names no organization of its own."""
    try:
        from ingest.suggest import suggest_catalog
    except ImportError:
        suggest_catalog = None
    if suggest_catalog is not None:
        try:
            s = suggest_catalog(filename, data)
        except UnreadableDocument:
            return Suggestion()  # the preview says why the file cannot be read
        out = Suggestion(**{f.name: getattr(s, f.name, None) or ({} if f.name == "evidence"
                                                                 else None)
                            for f in dataclasses.fields(Suggestion)})
        if out.organization is None and organizations:
            found = _known_organization(filename, data, organizations)
            if found is not None:
                out.organization, out.evidence["organization"] = found
        return out
    return Suggestion(title=_first_heading(filename, data)
                      or Path(filename).stem.replace("-", " ").replace("_", " ").strip() or None)


#: How many of a document's first lines may name its organization.
ORGANIZATION_HEAD_LINES = 12


def _known_organization(filename: str, data: bytes,
                        organizations: tuple[str, ...]) -> tuple[str, str] | None:
    """(organization, the line naming it) for the first published organization that the
    document's head names in full, without its part in brackets, or by that part ("Sektor
    Välfärd" for "Kommun i Västra Götaland (Sektor Välfärd)": walk-through, stop 19, the field
    was left empty)."""
    from ingest.formats import read_data_blocks
    from ingest.suggest import document_lines

    try:
        head = document_lines(read_data_blocks(filename, data, []))[:ORGANIZATION_HEAD_LINES]
    except UnreadableDocument:
        return None
    for org in organizations:
        names = [org]
        m = re.match(r"^(?P<name>.+?)\s*\((?P<part>[^)]+)\)\s*$", org)
        if m:
            names += [m.group("name"), m.group("part")]
        for line in head:
            if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", line, re.I) for n in names
                   if len(n) >= 5):
                return org, line
    return None


def _first_heading(filename: str, data: bytes) -> str | None:
    """The document's first heading (or line), read as the ingest reads it."""
    import tempfile

    from ingest.cleaning import clean_blocks
    from ingest.formats import read_blocks
    from ingest.pipeline import _first_title
    from ingest.sections import mark_headings

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("upload" + Path(filename).suffix.lower())
        path.write_bytes(data)
        try:
            blocks, _ = clean_blocks(read_blocks(path, []))
        except (UnreadableDocument, ValueError):
            return None
    title = _first_title(mark_headings(blocks))
    return " ".join(title.split())[:200] if title else None


@dataclass
class Preview:
    document: Document
    dropped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _preview_document(path: Path, data: bytes, meta: DocumentMeta) -> Preview:
    try:
        from ingest.preview import preview_document
    except ImportError:
        preview_document = None
    if preview_document is not None:
        p = preview_document(path.name, data, meta)
        return Preview(p.document, list(getattr(p, "dropped", []) or []),
                       list(getattr(p, "warnings", []) or []))
    from ingest.pipeline import load_document

    document = load_document(path, meta)
    return Preview(document, [], list(document.warnings))


@dataclass(frozen=True)
class RuleProblem:
    """A rule table's quote that the new document set no longer holds."""

    text: str  # Swedish

    def describe(self) -> str:
        return self.text


def broken_rule_quotes(document: Document, current: dict[str, Document]) -> list:
    """The rule rows and quotes that ``document`` (a new or changed version) would break in the
    rule tables of the ``current`` documents (``rules.quotecheck``); when that part is not
    there, the rule tables' own check over the new document set."""
    from rules.tables import RuleDataError, load_tables

    try:
        from rules.quotecheck import broken_quotes
    except ImportError:
        broken_quotes = None
    if broken_quotes is not None:
        try:
            tables = load_tables(current)
        except RuleDataError:  # the tables of now do not stand: nothing of theirs to break
            return []
        return list(broken_quotes(document, tables))
    try:
        load_tables({**current, document.id: document})
    except RuleDataError as error:
        return [RuleProblem(str(error))]
    return []


# -- checks ------------------------------------------------------------------------------------


def size_text(size: int) -> str:
    """A byte count as a Swedish reader says it: '20 MB', '1,5 MB', '64 kB'."""
    if size >= 1024 * 1024:
        value = f"{size / (1024 * 1024):.1f}".replace(".0", "").replace(".", ",")
        return f"{value} MB"
    return f"{max(1, size // 1024)} kB"


def check_upload(filename: str, data: bytes, limit: int) -> str:
    """The file's suffix, or a PublishError for a wrong type, an oversize or an empty file."""
    name = Path(filename or "").name
    suffix = Path(name).suffix.lower()
    if not name:
        raise PublishError("Välj en fil att publicera.")
    if suffix not in SUPPORTED_SUFFIXES:
        raise PublishError(f"Filtypen {suffix or '(ingen)'} stöds inte; ladda upp en fil av "
                           "typen .txt, .md, .pdf, .docx eller .html.")
    if len(data) > limit:
        raise PublishError(f"Filen är för stor: högst {size_text(limit)} tas emot "
                           "(inställningen RUTIN_ADMIN_UPLOAD_MAX_BYTES).")
    if not data.strip():
        raise PublishError("Filen är tom; det finns inget att publicera.")
    return suffix


def _parse_date(value, name: str, label: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise PublishError(f"{label} ska vara ett datum ÅÅÅÅ-MM-DD, inte {str(value)[:40]!r}.",
                           name) from None


def _text(fields: dict, key: str, limit: int = 300) -> str | None:
    value = fields.get(key)
    if value is None:
        return None
    value = " ".join(mask_personnummer(str(value)).split())[:limit]
    return value or None


@dataclass
class Fields:
    """The catalog fields of one document, checked."""

    id: str
    title: str
    organization: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    supersedes: str | None
    external_id: str | None = None
    published: date | None = None

    def entry(self) -> dict:
        return {k: v for k, v in dataclasses.asdict(self).items() if v not in (None, "")}


def check_fields(fields: dict, *, replace: str | None, known: dict[str, DocumentMeta]) -> Fields:
    """The catalog fields of a publish (``replace``: the id of the document replaced), checked
    against the documents ``known`` now (id -> meta). Raises PublishError naming the field."""
    title = _text(fields, "title")
    if not title:
        raise PublishError("Ange dokumentets titel.", "title")
    organization = _text(fields, "organization", 120) or "Okänd"
    kind = (_text(fields, "kind", 20) or "document").lower()
    if kind not in KINDS:
        raise PublishError(f"Typen ska vara en av {', '.join(KIND_LABELS[k] for k in KINDS)}.",
                           "kind")
    valid_from = _parse_date(fields.get("valid_from"), "valid_from", "Gäller från")
    valid_to = _parse_date(fields.get("valid_to"), "valid_to", "Gäller till")
    if valid_from and valid_to and not valid_from < valid_to:
        raise PublishError("”Gäller till” ska vara senare än ”Gäller från”.", "valid_to")
    if replace:
        if replace not in known:
            raise PublishError(f"Det finns inget dokument med id {replace!r} att ersätta.", "id")
        document_id = replace
    else:
        document_id = _text(fields, "id", 80)
        if not document_id:
            # from the title; a new version often has its predecessor's title, so the next
            # free "-2", "-3" … (walk-through, stop 21: the default id clashed)
            base = slugify(title, max_length=76)
            document_id = base
            number = 2
            while document_id in known:
                document_id, number = f"{base}-{number}", number + 1
        if not _DOCUMENT_ID.match(document_id):
            raise PublishError("Id får bara innehålla bokstäverna a–z, siffror, - och _ "
                               "(högst 80 tecken).", "id")
        if document_id in known:
            raise PublishError(
                f"Id {document_id!r} används redan av ”{known[document_id].title}”. Välj ett "
                "annat id, eller ersätt det dokumentet (”Ersätt” i listan).", "id")
    supersedes = _text(fields, "supersedes", 80)
    if supersedes:
        if supersedes == document_id:
            raise PublishError("Ett dokument kan inte ersätta sig självt.", "supersedes")
        if supersedes not in known:
            raise PublishError(f"”Ersätter” pekar på {supersedes!r}, som inte finns bland "
                               "dokumenten. Ange id för ett publicerat dokument.", "supersedes")
        # Circular: the chain of what ``supersedes`` itself supersedes leads back here.
        seen, current = {document_id}, supersedes
        while current:
            if current in seen:
                raise PublishError(f"”Ersätter” {supersedes!r} ger en cirkel: {supersedes!r} "
                                   f"ersätter (via sina föregångare) {document_id!r}.",
                                   "supersedes")
            seen.add(current)
            meta = known.get(current)
            current = meta.supersedes if meta is not None else None
    return Fields(document_id, title, organization, kind, valid_from, valid_to, supersedes,
                  _text(fields, "external_id", 80),
                  _parse_date(fields.get("published"), "published", "Publicerad"))


def resolve_supersedes(value: str | None, known: dict[str, DocumentMeta]) -> str | None:
    """The document id a suggested "replaces" names: an id, an organization's own id (the
    catalog's external_id, e.g. RH-12272) or a title; else the text as it was read."""
    if not value:
        return None
    wanted = " ".join(value.split()).casefold()
    # (and without a remark in brackets after it: "Ersätter: Rutin för anslutning … (tidigare
    # version)" was left unread: walk-through, stop 44)
    bare = re.sub(r"\s*\([^)]*\)\s*[.]?$", "", wanted).strip()
    titled = []
    for document_id, meta in known.items():
        names = (document_id.casefold(), (meta.external_id or "").casefold(),
                 meta.title.casefold())
        if wanted in names or (bare and bare in names):
            if bare == meta.title.casefold() or wanted == meta.title.casefold():
                titled.append(document_id)  # (a title several versions share: the latest)
                continue
            return document_id
    if titled:
        return latest_version(titled, known)
    return value


def latest_version(ids: list[str], known: dict[str, DocumentMeta]) -> str:
    """Of documents sharing a title, the one no other of them replaces, the latest to begin."""
    current = [i for i in ids if not any(known[j].supersedes == i for j in ids)] or ids
    return max(current, key=lambda i: (known[i].valid_from or date.min, i))


def same_title_predecessor(title: str | None, valid_from: date | None,
                           known: dict[str, DocumentMeta]) -> str | None:
    """The published document a new one with the same title is the next version of: the
    latest of that title beginning before ``valid_from`` (or any, when a date is missing);
    None when no document has the title (walk-through, stop 44: a new version of the
    municipality's routine from 2027, the same title, had no "Ersätter" proposed, and the
    rule tables' check of what it breaks was skipped)."""
    if not title:
        return None
    wanted = _normalized(title)
    same = [i for i, m in known.items() if _normalized(m.title) == wanted
            and (valid_from is None or m.valid_from is None or m.valid_from < valid_from)]
    return latest_version(same, known) if same else None


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class Outcome:
    """What a publish, replace or remove did."""

    action: str  # publish | replace | remove
    document_id: str
    title: str
    filename: str = ""
    chunks: int = 0
    seconds: float = 0.0


class Publisher:
    """Publish, replace and remove documents of one data directory and knowledge base.

    ``kb`` is an open ``KnowledgeBase``; ``on_applied`` (optional) is called with the new
    document set once it is served (the server reloads its rule tables there)."""

    def __init__(self, settings, kb, on_applied=None) -> None:
        self.settings = settings
        self.kb = kb
        self.on_applied = on_applied
        self.directory = published_dir(settings.data_dir)

    # -- reading -------------------------------------------------------------------------------

    def catalog(self) -> dict[str, dict]:
        return read_published_catalog(self.settings.data_dir)

    def published_ids(self) -> dict[str, str]:
        """Published document id -> its file name."""
        return {str(e.get("id")): f for f, e in self.catalog().items()}

    def known(self) -> dict[str, DocumentMeta]:
        """Every document id that a catalog (or the index) knows now, with its metadata."""
        known = {d.id: d.meta for d in self.kb.documents()}
        try:
            for meta in load_catalog(Path(self.settings.documents_dir)).values():
                known.setdefault(meta.id, meta)
        except (CatalogError, OSError):
            pass
        for filename, entry in self.catalog().items():
            try:
                meta = entry_meta(filename, entry)
            except CatalogError:
                continue
            known.setdefault(meta.id, meta)
        return known

    # -- uploads kept between the preview and the publish ---------------------------------------

    def keep_upload(self, filename: str, data: bytes) -> str:
        """Keep an uploaded file for its publish; returns its token."""
        import secrets

        uploads = self.directory / UPLOADS_DIR
        uploads.mkdir(parents=True, exist_ok=True)
        cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
        for old in uploads.iterdir():
            try:
                if old.stat().st_mtime < cutoff:
                    old.unlink()
            except OSError:
                pass
        token = secrets.token_urlsafe(18)
        suffix = Path(filename).suffix.lower()
        write_atomically(uploads / f"{token}{suffix}", data)
        return f"{token}{suffix}"

    def upload(self, token: str) -> tuple[Path, bytes]:
        if not re.fullmatch(r"[A-Za-z0-9_-]{20,40}\.[a-z]{2,5}", token or ""):
            raise PublishError("Den uppladdade filen finns inte längre; ladda upp den igen.")
        path = self.directory / UPLOADS_DIR / token
        try:
            return path, path.read_bytes()
        except OSError:
            raise PublishError("Den uppladdade filen finns inte längre (den sparas ett dygn); "
                               "ladda upp den igen.") from None

    def drop_upload(self, token: str) -> None:
        try:
            (self.directory / UPLOADS_DIR / token).unlink(missing_ok=True)
        except (OSError, ValueError):
            pass

    # -- preview ---------------------------------------------------------------------------------

    def preview(self, filename: str, data: bytes, fields: dict, *, replace: str | None = None):
        """(Preview, Fields, broken quotes) of an upload with these fields, without publishing.
        Raises PublishError for what cannot be published at all (the file: field "file"),
        before what is to be corrected in the fields."""
        lenient = self.lenient_preview(filename, data)
        if not lenient.document.chunks or not lenient.document.text.strip():
            raise PublishError(f"{Path(filename).name}: dokumentet innehåller ingen text "
                               "efter rensning.")
        self._check_duplicate(data, lenient.document, replace)
        checked = check_fields(fields, replace=replace, known=self.known())
        suffix = Path(filename).suffix.lower()
        meta = DocumentMeta(**checked.entry(), filename=f"{checked.id}{suffix}")
        import tempfile

        with tempfile.TemporaryDirectory(prefix=".preview-", dir=self._tmp_parent()) as tmp:
            path = Path(tmp) / (Path(filename).stem[:80] + suffix)
            path.write_bytes(data)
            try:
                preview = _preview_document(path, data, meta)
            except UnreadableDocument as error:
                raise PublishError(f"{Path(filename).name}: {error.reason}.") from None
        broken = broken_rule_quotes(preview.document, {d.id: d for d in self.kb.documents()})
        return preview, checked, broken

    def lenient_preview(self, filename: str, data: bytes) -> Preview:
        """The document as it would be indexed, whatever its catalog fields (the preview shown
        beside a field to correct)."""
        import tempfile

        suffix = check_upload(filename, data, self.settings.admin_upload_max_bytes)
        meta = DocumentMeta(id="forhandsgranskning", title=Path(filename).stem or "Utan titel",
                            filename=f"forhandsgranskning{suffix}")
        with tempfile.TemporaryDirectory(prefix=".preview-", dir=self._tmp_parent()) as tmp:
            path = Path(tmp) / ("upload" + suffix)
            path.write_bytes(data)
            try:
                return _preview_document(path, data, meta)
            except UnreadableDocument as error:
                raise PublishError(f"{Path(filename).name}: {error.reason}.") from None

    def _tmp_parent(self) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        return self.directory

    def _source_hashes(self) -> dict[str, str]:
        """sha256 of each served document's source file -> its id."""
        directories = {Path(self.settings.documents_dir), self.directory}
        out = {}
        for doc in self.kb.documents():
            for directory in directories:
                path = directory / (doc.meta.filename or "")
                if doc.meta.filename and path.is_file():
                    try:
                        out[hashlib.sha256(path.read_bytes()).hexdigest()] = doc.id
                    except OSError:
                        pass
                    break
        return out

    def _check_duplicate(self, data: bytes, document: Document, replace: str | None) -> None:
        """A file whose bytes, or whose cleaned text, are those of a served document."""
        served = {d.id: d for d in self.kb.documents()}
        same = self._source_hashes().get(hashlib.sha256(data).hexdigest())
        if same is None:
            text = _normalized(document.text)
            same = next((d.id for d in served.values() if _normalized(d.text) == text), None)
        if same is None or same not in served:
            return
        other = served[same]
        if other.id == replace:
            raise PublishError("Filen har samma innehåll som den version av "
                               f"”{other.meta.title}” som redan är publicerad; inget att "
                               "ersätta.")
        raise PublishError(f"Dokumentet finns redan: samma innehåll som ”{other.meta.title}” "
                           f"(id {other.id}). Ersätt det i stället, om det är en ny version.")

    # -- writing -----------------------------------------------------------------------------

    def publish(self, filename: str, data: bytes, fields: dict, who: str, *,
                replace: str | None = None, progress=None) -> Outcome:
        """Publish (or with ``replace``, a new version of) a document. Raises PublishError,
        with nothing changed, when it is refused."""
        with WRITE_LOCK:
            started = time.perf_counter()
            preview, checked, broken = self.preview(filename, data, fields, replace=replace)
            if broken:
                raise PublishError(
                    "Dokumentet publicerades inte: det bryter citat som regeltabellerna vilar "
                    "på, och reglerna fortsätter att svara från den version de citerar. "
                    + " ".join(b.describe() for b in broken[:5]))
            suffix = Path(filename).suffix.lower()
            digest = hashlib.sha256(data).hexdigest()[:12]
            stored = f"{checked.id}-{digest}{suffix}"
            catalog = self.catalog()
            previous = [f for f, e in catalog.items() if e.get("id") == checked.id]
            entry = checked.entry() | {
                "published_by": mask_personnummer(who)[:200],
                "published_at": datetime.now(timezone.utc).replace(microsecond=0)
                .isoformat(),
                "original_filename": mask_personnummer(Path(filename).name)[:200]}
            new_catalog = {f: e for f, e in catalog.items() if f not in previous}
            new_catalog[stored] = entry
            write_atomically(self.directory / stored, data)
            try:
                documents = self._apply(new_catalog, progress, must_hold=checked.id,
                                        stored=stored)
            except BaseException:
                if stored not in previous:
                    (self.directory / stored).unlink(missing_ok=True)
                raise
            write_published_catalog(self.settings.data_dir, new_catalog)  # the commit
            for old in previous:
                if old != stored:
                    (self.directory / old).unlink(missing_ok=True)
            self._tidy(new_catalog)
            doc = documents[checked.id]
            return Outcome("replace" if replace else "publish", doc.id, doc.meta.title,
                           stored, len(doc.chunks), time.perf_counter() - started)

    def remove(self, document_id: str, who: str, progress=None) -> Outcome:
        """Remove a published document. A document of the documents directory cannot be
        removed here (its file is there); a published new version of one can, and the
        directory's version answers again."""
        with WRITE_LOCK:
            started = time.perf_counter()
            catalog = self.catalog()
            files = [f for f, e in catalog.items() if e.get("id") == document_id]
            if not files:
                if any(d.id == document_id for d in self.kb.documents()):
                    raise PublishError(
                        f"”{document_id}” finns i dokumentkatalogen (RUTIN_DOCUMENTS_DIR), inte "
                        "bland de publicerade dokumenten; ta bort filen och dess katalogpost "
                        "där och läs in på nytt.", "id")
                raise PublishError(f"Det finns inget publicerat dokument med id "
                                   f"{document_id!r}.", "id")
            dependants = sorted(str(e.get("id")) for f, e in catalog.items()
                                if e.get("supersedes") == document_id and f not in files)
            if dependants:
                raise PublishError(f"”{document_id}” ersätts av {', '.join(dependants)}; ta "
                                   "bort eller ersätt det dokumentet först.", "id")
            title = str(catalog[files[0]].get("title", document_id))
            new_catalog = {f: e for f, e in catalog.items() if f not in files}
            self._apply(new_catalog, progress, must_hold=None, stored=None)
            write_published_catalog(self.settings.data_dir, new_catalog)  # the commit
            for f in files:
                (self.directory / f).unlink(missing_ok=True)
            return Outcome("remove", document_id, title, files[0], 0,
                           time.perf_counter() - started)

    def _apply(self, catalog: dict[str, dict], progress, *, must_hold: str | None,
               stored: str | None) -> dict[str, Document]:
        """Index the document set that ``catalog`` gives, as a restart would read it."""
        from ingest.catalog import CatalogError as _CatalogError

        try:
            documents, failures = load_sources(Path(self.settings.documents_dir),
                                               self.settings.data_dir, catalog)
        except _CatalogError as error:
            raise PublishError(f"Dokumentkatalogen kan inte läsas: {error}. Inget har "
                               "ändrats.") from None
        if stored is not None:
            failed = next((f for f in failures if f.filename == stored), None)
            if failed is not None:
                raise PublishError(f"{failed.reason}.")
        by_id = {d.id: d for d in documents}
        if must_hold is not None and must_hold not in by_id:
            raise PublishError("Dokumentet kunde inte läsas in; inget har ändrats.")
        try:
            from rules.quotecheck import RuleQuoteError, check_ingest
        except ImportError:
            check_ingest = None
        if check_ingest is not None:
            # The whole new set, as the next start's ingest will judge it (a removal too).
            try:
                check_ingest({d.id: d for d in self.kb.documents()}, documents, failures)
            except RuleQuoteError as error:
                # (the reason without the server's paths: "/tmp/wt-46/rules/data: …" was shown
                # to a content owner: walk-through, stop 46)
                where = f"{error.filename}: " if error.filename else ""
                raise PublishError(
                    "Ändringen gjordes inte: den bryter citat som regeltabellerna vilar på, och "
                    f"reglerna fortsätter att svara från den version de citerar. "
                    f"{where}{error.message}", "file") from None
        self.kb.apply(documents, failures, progress=progress or False)
        if self.on_applied is not None:
            self.on_applied(by_id)
        return by_id

    def _tidy(self, catalog: dict[str, dict]) -> None:
        """Delete files in the published directory that no catalog entry names (left by a
        publish that was interrupted)."""
        named = set(catalog) | {CATALOG_NAME}
        for path in self.directory.iterdir():
            if path.is_file() and not path.name.startswith(".") and path.name not in named:
                path.unlink(missing_ok=True)

    # -- status ----------------------------------------------------------------------------------

    def status(self) -> list[dict]:
        """Each published file: its entry, and whether it is served or why it failed."""
        served = {d.id: d for d in self.kb.documents()}
        failures = {getattr(f, "filename", ""): getattr(f, "reason", "")
                    for f in self.kb.failures}
        rows = []
        for filename, entry in sorted(self.catalog().items(),
                                      key=lambda kv: str(kv[1].get("title", ""))):
            document_id = str(entry.get("id", ""))
            doc = served.get(document_id)
            if filename in failures:
                state, reason = "failed", failures[filename]
            elif doc is not None and doc.meta.filename == filename:
                state, reason = "served", ""
            else:
                state, reason = "failed", "finns inte i kunskapsbasen; läs in igen"
            rows.append({"filename": filename, "entry": entry, "id": document_id,
                         "state": state, "reason": reason,
                         "chunks": len(doc.chunks) if doc is not None else 0})
        return rows
