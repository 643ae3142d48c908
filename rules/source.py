"""Reading one rules file: typed fields, and quotes checked against the ingested documents."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ingest.model import Document
from rules.citations import Citation, locate
from rules.conditions import check_keys


class RuleDataError(ValueError):
    """A rules file that cannot be trusted: a quote not in its document, an uncited value,
    overlapping versions, a bad field. The message names the file and the entry."""


@dataclass(frozen=True)
class CitedQuote:
    """One quote a rules file rests on, and where in the file it is written: what
    ``rules.quotecheck.broken_quotes`` checks a new version of a document against."""

    table: str  # the rules file, e.g. "rh-hemsjukvardsbesok-cosmic.toml"
    row: str  # the row as its owner knows it: its id (or field=value) and its conditions
    field: str  # the key of the quote list: "quotes", "validity_quotes", …
    document_id: str  # the document the quote stands in
    quote: str
    valid_to: date | None = None  # the end of the file's validity; None: open-ended
    table_document_id: str = ""  # the document the rules file is about


def _value(value) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return " eller ".join(_value(v) for v in value)
    return str(value)


def _conditions(when: Mapping) -> str:
    return ", ".join(f"{key} = {_value(value)}" for key, value in when.items())


def row_label(table: Mapping, where: str) -> str:
    """``where`` (a row id, 'field=value', 'compensation') with the level and the conditions
    the row applies under, e.g. 'cosmic.lakarmedverkan (när lakarmedverkan = ja)'."""
    label = where
    if isinstance(table.get("level"), int):
        label += f" nivå {table['level']}"
    when = table.get("when")
    if isinstance(when, Mapping) and when:
        label += f" (när {_conditions(when)})"
    alternatives = table.get("when_any")
    if isinstance(alternatives, list) and all(alternatives):
        label += " (när " + " eller ".join(
            f"[{_conditions(w)}]" for w in alternatives if isinstance(w, Mapping)) + ")"
    return label


class RuleSource:
    """One parsed TOML rules file and the documents its quotes must stand in."""

    def __init__(self, path: Path, data: Mapping, documents: Mapping[str, Document]) -> None:
        self.path = path
        self.data = data
        self.documents = documents
        self.document_id = self.require(data, "document_id", str, "")
        #: Every quote checked so far, with its row (``citations`` adds them).
        self.cited: list[CitedQuote] = []

    def fail(self, where: str, message: str) -> RuleDataError:
        """An error naming this file and the entry ``where``."""
        return RuleDataError(f"{self.path.name}: {where}: {message}")

    def require(self, table: Mapping, key: str, kind: type | tuple, where: str):
        """``table[key]``, which must exist and be of ``kind``."""
        if key not in table:
            raise self.fail(where or key, f"'{key}' saknas")
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where or key, f"'{key}' har fel typ ({type(value).__name__})")
        return value

    def texts(self, table: Mapping, key: str, where: str) -> tuple[str, str]:
        """A Swedish text ``table[key]`` and its English version ``table[key + "_en"]``; both
        must be there (issue 10: an English question gets English reasons), neither blank."""
        out = []
        for k in (key, f"{key}_en"):
            value = self.require(table, k, str, where)
            if not value.strip():
                raise self.fail(where or k, f"'{k}' är tom")
            out.append(value)
        return out[0], out[1]

    def optional_date(self, table: Mapping, key: str) -> date | None:
        """A TOML date or nothing."""
        value = table.get(key)
        if value is not None and not isinstance(value, date):
            raise self.fail(key, "ska vara ett datum (ÅÅÅÅ-MM-DD utan citattecken)")
        return value

    def citations(self, table: Mapping, where: str, key: str = "quotes") -> tuple[Citation, ...]:
        """The checked citations of an entry: every value needs at least one.

        Each item of ``quotes`` is a string (a quote from this file's document) or a table
        ``{document = "...", quote = "..."}``. Raises RuleDataError if a quote is not verbatim in
        the cited document's cleaned text, so a changed document cannot keep stale rules.
        """
        items = table.get(key)
        if not items:
            raise self.fail(where, "värdet saknar citat ('quotes')")
        out = []
        for item in items:
            if isinstance(item, str):
                doc_id, quote = self.document_id, item
            elif isinstance(item, Mapping) and isinstance(item.get("quote"), str):
                doc_id, quote = item.get("document", self.document_id), item["quote"]
            else:
                raise self.fail(where, "ett citat ska vara en text eller {document, quote}")
            document = self.documents.get(doc_id)
            if document is None:
                raise self.fail(where, f"dokumentet '{doc_id}' finns inte i kunskapsbasen")
            citation = locate(document, quote)
            if citation is None:
                raise self.fail(where, f"citatet {quote!r} står inte ordagrant i '{doc_id}'")
            out.append(citation)
            valid_to = self.data.get("valid_to")
            self.cited.append(CitedQuote(
                table=self.path.name, row=row_label(table, where), field=key,
                document_id=doc_id, quote=quote,
                valid_to=valid_to if isinstance(valid_to, date) else None,
                table_document_id=self.document_id))
        return tuple(out)

    def when(self, table: Mapping, where: str, key: str = "when",
             names: tuple[str, ...] | None = None) -> dict:
        """A row's conditions; every key must name a fact (of ``names``, default VisitFacts)."""
        when = table.get(key, {})
        if not isinstance(when, Mapping):
            raise self.fail(where, f"'{key}' ska vara en tabell")
        bad = check_keys(when, names)
        if bad:
            raise self.fail(where, f"okända villkor {bad}")
        return dict(when)
