"""Which rule rows a new version of a document would break: the quotes it no longer contains.

Every value of a rule table rests on a verbatim quote (rules/tables.py). A new or changed
version of a document (the same id, or a document that supersedes one a table cites) that no
longer contains such a quote would leave the rules citing text that is not there. The admin
preview and ``rutin publish`` show ``broken_quotes`` and refuse to publish; an ingest of the
documents directory (``rutin ingest``, ``POST /admin/reingest``, the ingest at start) is
refused by ``check_ingest`` with the same reason, so the last good index and the rule tables
keep serving the version the rules cite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.catalog import CatalogError
from ingest.model import Document
from rules.citations import locate
from rules.source import CitedQuote, RuleDataError

__all__ = ["BrokenQuote", "RuleQuoteError", "broken_quotes", "check_ingest", "describe_all"]


@dataclass(frozen=True)
class BrokenQuote:
    """A quote of a rule row that a new version of a document no longer contains."""

    table: str  # the rules file, e.g. "rh-hemsjukvardsbesok-cosmic.toml"
    row: str  # the row: its id (or field=value) and the conditions it applies under
    field: str  # the key of the quote list in the row ("quotes", "validity_quotes", …)
    quote: str
    document_id: str = ""  # the document the quote stands in today
    new_document_id: str = ""  # the new version that lacks it (another id if it supersedes)

    def describe(self) -> str:
        """One Swedish sentence for a content owner."""
        where = f"'{self.document_id}'" if self.document_id else "dokumentet"
        if self.new_document_id and self.new_document_id != self.document_id:
            version = f"'{self.new_document_id}', som ersätter {where}"
        else:
            version = f"den nya versionen av {where}"
        field = f" ({self.field})" if self.field != "quotes" else ""
        return (f"Regeln {self.row} i regeltabellen {self.table}{field} bygger på "
                f"citatet ”{self.quote}”, som inte står i {version}.")

    def to_json(self) -> dict:
        return {"table": self.table, "row": self.row, "field": self.field, "quote": self.quote,
                "document_id": self.document_id, "new_document_id": self.new_document_id,
                "description": self.describe()}


def _supersedes(document: Document, cited: CitedQuote) -> bool:
    """True if ``document`` replaces the document of ``cited`` while the quote's table holds:
    a table that ends when (or before) the new version begins stays with the old one, and a
    table of ``document`` itself that quotes the version it replaces knows what it does."""
    if not document.meta.supersedes or document.meta.supersedes != cited.document_id:
        return False
    if cited.table_document_id == document.id:
        return False
    start = document.meta.valid_from
    return cited.valid_to is None or (start is not None and cited.valid_to > start)


def broken_quotes(document: Document, tables) -> list[BrokenQuote]:
    """The rule rows and quotes of ``tables`` (``rules.tables.RuleTables``) that ``document``
    no longer contains, in file and row order.

    ``document`` is a new or changed version: a quote is checked when it stands in the
    document of the same id, or in the document ``document`` supersedes (unless the quote's
    table ends when the new version begins). A quote counts as contained when it stands
    verbatim in the cleaned text, as ``load_tables`` requires. Empty: nothing breaks.
    """
    out = []
    for cited in getattr(tables, "quotes", ()) or ():
        if cited.document_id != document.id and not _supersedes(document, cited):
            continue
        if locate(document, cited.quote) is not None:
            continue
        out.append(BrokenQuote(table=cited.table, row=cited.row, field=cited.field,
                               quote=cited.quote, document_id=cited.document_id,
                               new_document_id=document.id))
    return out


def describe_all(broken: Sequence[BrokenQuote], limit: int = 5) -> str:
    """The reason a content owner is given, without a final full stop: how many rule rows
    break and the first ``limit`` of them."""
    rows = {(b.table, b.row) for b in broken}
    head = (f"{len(broken)} citat i {len(rows)} regelrad{'er' if len(rows) != 1 else ''} "
            "står inte längre i dokumentet, så reglerna skulle hänvisa till text som inte finns")
    shown = " ".join(b.describe() for b in broken[:limit])
    more = f" … och {len(broken) - limit} till." if len(broken) > limit else ""
    return f"{head}: {shown}{more}".rstrip(".")


class RuleQuoteError(CatalogError):
    """An ingest refused because the rule tables would no longer stand in the documents.

    A ``CatalogError``, so that every ingest path treats it alike: nothing is changed, the
    last good index keeps serving, and /readyz and /documents say it is degraded and why.
    ``broken`` lists the quotes (empty when ``load_tables`` failed for another reason).
    """

    kind = "rules"

    def __init__(self, message: str, *, filename: str = "", path: Path | None = None,
                 broken: Sequence[BrokenQuote] = ()) -> None:
        self.broken = tuple(broken)
        super().__init__(filename, "", message, path=path)

    def _text(self) -> str:
        where = str(self.path) if self.path is not None else self.filename
        return f"{where}: {self.message}" if where else self.message


def _indexed_after(old: Mapping[str, Document], documents: Iterable[Document],
                   failures: Iterable) -> dict[str, Document]:
    """What ``KnowledgeBase.apply`` would index: the given documents, and the previous version
    of each document whose file failed to load."""
    failed = {getattr(f, "filename", "") for f in failures}
    after = {d.id: d for d in old.values() if d.meta.filename and d.meta.filename in failed}
    for doc in documents:
        after.setdefault(doc.id, doc)
    return after


def check_ingest(old: Mapping[str, Document], documents: Sequence[Document],
                 failures: Sequence = (), *, directory: Path | None = None,
                 data_dir: Path | None = None):
    """Raise ``RuleQuoteError`` unless ingesting ``documents`` over the indexed ``old``
    (id -> Document) leaves rule tables that stand: no new or changed document breaks a quote
    of the tables loaded now, and ``load_tables`` succeeds on the documents indexed after.
    Returns those tables. ``directory``: the documents directory, named in the reason."""
    from rules.tables import DATA_DIR, load_tables

    data_dir = DATA_DIR if data_dir is None else Path(data_dir)
    try:
        current = load_tables(old, data_dir) if old else None
    except RuleDataError:
        current = None  # the index of now does not stand either: only the outcome counts
    if current is not None:
        changed = [d for d in documents
                   if d.id not in old or old[d.id].content_hash != d.content_hash]
        for doc in changed:
            broken = broken_quotes(doc, current)
            if broken:
                filename = doc.meta.filename or doc.id
                path = Path(directory) / doc.meta.filename if directory and doc.meta.filename \
                    else None
                if path is not None and not path.is_file():
                    path = None  # published under the data directory, not in ``directory``
                raise RuleQuoteError(describe_all(broken), filename=filename, path=path,
                                     broken=broken)
    after = _indexed_after(old, documents, failures)
    try:
        return load_tables(after, data_dir)
    except RuleDataError as exc:
        raise RuleQuoteError(f"regeltabellerna stämmer inte med dokumenten: {exc}",
                             path=Path(data_dir)) from None
