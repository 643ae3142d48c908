"""The rule tables: every ``rules/data/*.toml`` file, parsed and checked against the documents.

One file per routine version (OpenFisca style): its validity ``[valid_from, valid_to)``, and for
every value the document and the verbatim quote it rests on. Every Swedish text (``reason``,
``reason_met``, ``reason_not_met``, ``text``, ``extension``) has its English version beside it
(``reason_en`` …) for English questions (issue 10). ``load_tables`` fails with ``RuleDataError``
if a quote is not in its document, a value has no citation, a text lacks its English version, or
two versions of the visit routine overlap.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.model import Document
from rules.citations import Citation
from rules.followup import FollowupRule, parse_followup
from rules.lakarmedverkan import LakarmedverkanRule, parse_lakarmedverkan
from rules.municipal_fees import FeeLevelTable, parse_fee_levels
from rules.source import CitedQuote, RuleDataError, RuleSource

__all__ = ["RuleDataError", "RuleTables", "VisitRoutine", "load_tables", "DATA_DIR"]

log = logging.getLogger("rutin.rules")

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Row:
    """A rule row: conditions, a plain-Swedish text (and its English version), and the
    citations it rests on."""

    id: str
    when: dict
    text: str
    citations: tuple[Citation, ...]
    text_en: str = ""


@dataclass(frozen=True)
class OccasionRule:
    """Which patients a visit at ``occasion`` gives the compensation for (any of ``when_any``)."""

    id: str
    occasion: str
    when_any: tuple[dict, ...]
    reason_met: str
    reason_not_met: str
    citations: tuple[Citation, ...]
    reason_met_en: str = ""
    reason_not_met_en: str = ""


@dataclass(frozen=True)
class Option:
    """One possible value of a registration field, chosen when ``when`` holds."""

    when: dict
    value: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class RegistrationField:
    """A field of the journal system, in routine order; its value from options or the fee."""

    field: str
    options: tuple[Option, ...] = ()
    source: str | None = None  # "fee_category" | "fee_amount": filled from the fee row


@dataclass(frozen=True)
class FeeRow:
    """The patient fee for the patients ``when`` selects (by age)."""

    id: str
    when: dict
    amount_sek: int
    category: str | None
    reason: str
    citations: tuple[Citation, ...]
    reason_en: str = ""


@dataclass(frozen=True)
class VisitRoutine:
    """One version of the routine for registering targeted physician home visits."""

    document_id: str
    title: str
    organization: str
    system: str
    valid_from: date
    valid_to: date | None
    system_citations: tuple[Citation, ...]
    compensation_sek: int
    compensation_citations: tuple[Citation, ...]
    exclusions: tuple[Row, ...]
    occasions: tuple[OccasionRule, ...]
    registration: tuple[RegistrationField, ...]
    fees: tuple[FeeRow, ...]
    before: Row | None  # what to say of visits before the first version
    source_file: str

    def in_force_on(self, day: date) -> bool:
        """True if ``day`` lies in ``[valid_from, valid_to)``."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    def to_api(self) -> dict:
        """The ``routine`` object of the API answer."""
        return {"document_id": self.document_id, "title": self.title,
                "organization": self.organization,
                "valid_from": self.valid_from.isoformat(),
                "valid_to": self.valid_to.isoformat() if self.valid_to else None}


@dataclass(frozen=True)
class NoticeTable:
    """Decisions worth mentioning on a visit answer (seed 002), from ``valid_from`` on."""

    document_id: str
    organization: str
    valid_from: date
    valid_to: date | None
    notices: tuple[Row, ...]

    def in_force_on(self, day: date) -> bool:
        """True if ``day`` lies in ``[valid_from, valid_to)``."""
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass
class RuleTables:
    """Everything the rule engine reads; built once by ``load_tables``."""

    visit_routines: tuple[VisitRoutine, ...] = ()  # sorted by valid_from, never overlapping
    notices: tuple[NoticeTable, ...] = ()
    lakarmedverkan: LakarmedverkanRule | None = None
    followup: FollowupRule | None = None
    fee_levels: FeeLevelTable | None = None
    warnings: list[str] = field(default_factory=list)
    #: Every quote the loaded files rest on, with its file and row (rules/quotecheck.py).
    quotes: tuple[CitedQuote, ...] = ()

    def visit_routine_on(self, day: date) -> VisitRoutine | None:
        """The version of the visit routine in force on ``day``, or None."""
        return next((r for r in self.visit_routines if r.in_force_on(day)), None)


def load_tables(documents: Mapping[str, Document], data_dir: Path = DATA_DIR) -> RuleTables:
    """Read every rules file in ``data_dir`` and check it against ``documents`` (id -> Document).

    A file whose own document is not among ``documents`` is skipped with a warning (no rule
    answers without its source). Raises ``RuleDataError`` naming the file and entry when a quote
    is not verbatim in its document, a value lacks a citation, a text lacks its English version
    (``'reason_en' saknas``), a file is malformed, the table's
    validity disagrees with the document's catalog entry, or visit routine versions overlap.
    """
    tables = RuleTables()
    routines: list[VisitRoutine] = []
    notices: list[NoticeTable] = []
    quotes: list[CitedQuote] = []
    files = sorted(Path(data_dir).glob("*.toml"))
    if not files:
        raise RuleDataError(f"{data_dir}: inga regelfiler (*.toml)")
    for path in files:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise RuleDataError(f"{path.name}: ogiltig TOML: {exc}") from None
        src = RuleSource(path, data, documents)
        if src.document_id not in documents:
            msg = f"{path.name}: dokumentet '{src.document_id}' saknas; reglerna används inte"
            log.warning(msg)
            tables.warnings.append(msg)
            continue
        kind = src.require(data, "kind", str, "kind")
        if kind == "visit_routine":
            routines.append(_parse_visit_routine(src))
        elif kind == "notices":
            notices.append(_parse_notices(src))
            if "lakarmedverkan" in data:
                tables.lakarmedverkan = parse_lakarmedverkan(src)
        elif kind == "municipal_routine":
            tables.followup = parse_followup(src)
            tables.fee_levels = parse_fee_levels(src)
        else:
            raise src.fail("kind", f"okänd sort {kind!r}")
        quotes.extend(src.cited)
    routines.sort(key=lambda r: r.valid_from)
    for earlier, later in zip(routines, routines[1:]):
        if earlier.valid_to is None or earlier.valid_to > later.valid_from:
            raise RuleDataError(
                f"{earlier.source_file} och {later.source_file} överlappar: "
                f"[{earlier.valid_from}, {earlier.valid_to or '…'}) och "
                f"[{later.valid_from}, {later.valid_to or '…'})")
    tables.visit_routines = tuple(routines)
    tables.notices = tuple(notices)
    tables.quotes = tuple(quotes)
    return tables


def _validity(src: RuleSource) -> tuple[date, date | None, Document]:
    document = src.documents[src.document_id]
    valid_from = src.optional_date(src.data, "valid_from")
    valid_to = src.optional_date(src.data, "valid_to")
    if valid_from is None:
        raise src.fail("valid_from", "saknas")
    if valid_to is not None and valid_to <= valid_from:
        raise src.fail("valid_to", "måste vara efter valid_from")
    meta = document.meta
    # The catalog and the rules must tell the same story about when a version holds.
    if meta.valid_from is not None and meta.valid_from != valid_from:
        raise src.fail("valid_from", f"{valid_from} men katalogen säger {meta.valid_from}")
    if valid_to is None and meta.valid_to is not None and meta.superseded_by:
        # a table that names no end holds until the catalog ends its document: a content
        # owner published the next version ("Ersätter" = it) from that day (walk-through,
        # stop 46: publishing the Cosmic routine's 2027 version failed on this check, the
        # preview having said it broke nothing); the rules stop answering for days after it
        valid_to = meta.valid_to
    if meta.valid_to != valid_to and meta.in_catalog:
        raise src.fail("valid_to", f"{valid_to} men katalogen säger {meta.valid_to}")
    return valid_from, valid_to, document


def _rows(src: RuleSource, key: str, text_key: str) -> tuple[Row, ...]:
    rows = []
    for i, item in enumerate(src.data.get(key, [])):
        rid = src.require(item, "id", str, f"{key}[{i}]")
        text, text_en = src.texts(item, text_key, rid)
        rows.append(Row(id=rid, when=src.when(item, rid), text=text, text_en=text_en,
                        citations=src.citations(item, rid)))
    return tuple(rows)


def _parse_visit_routine(src: RuleSource) -> VisitRoutine:
    data = src.data
    valid_from, valid_to, document = _validity(src)
    src.citations(data, "valid_from", key="validity_quotes")
    comp = src.require(data, "compensation", dict, "compensation")
    occasions = []
    for i, item in enumerate(data.get("occasions", [])):
        rid = src.require(item, "id", str, f"occasions[{i}]")
        alternatives = src.require(item, "when_any", list, rid)
        met, met_en = src.texts(item, "reason_met", rid)
        not_met, not_met_en = src.texts(item, "reason_not_met", rid)
        occasions.append(OccasionRule(
            id=rid, occasion=src.require(item, "occasion", str, rid),
            when_any=tuple(src.when({"w": w}, rid, key="w") for w in alternatives),
            reason_met=met, reason_not_met=not_met,
            reason_met_en=met_en, reason_not_met_en=not_met_en,
            citations=src.citations(item, rid)))
    registration = []
    for i, item in enumerate(data.get("registration", [])):
        name = src.require(item, "field", str, f"registration[{i}]")
        options = tuple(
            Option(when=src.when(o, name), value=src.require(o, "value", str, name),
                   citations=src.citations(o, f"{name}={o.get('value')}"))
            for o in item.get("options", []))
        source = item.get("source")
        if source not in (None, "fee_category", "fee_amount") or (not options and not source):
            raise src.fail(name, "ett fält behöver 'options' eller source = fee_category/fee_amount")
        registration.append(RegistrationField(field=name, options=options, source=source))
    fees = []
    for i, item in enumerate(data.get("fees", [])):
        rid = src.require(item, "id", str, f"fees[{i}]")
        reason, reason_en = src.texts(item, "reason", rid)
        fees.append(FeeRow(id=rid, when=src.when(item, rid),
                           amount_sek=src.require(item, "amount_sek", int, rid),
                           category=item.get("category"),
                           reason=reason, reason_en=reason_en,
                           citations=src.citations(item, rid)))
    before = None
    if "before" in data:
        b = data["before"]
        text, text_en = src.texts(b, "reason", "before")
        before = Row(id="before", when={}, text=text, text_en=text_en,
                     citations=src.citations(b, "before"))
    return VisitRoutine(
        document_id=src.document_id, title=document.meta.title,
        organization=src.require(data, "organization", str, "organization"),
        system=src.require(data, "system", str, "system"),
        valid_from=valid_from, valid_to=valid_to,
        system_citations=src.citations(data, "system", key="system_quotes"),
        compensation_sek=src.require(comp, "amount_sek", int, "compensation"),
        compensation_citations=src.citations(comp, "compensation"),
        exclusions=_rows(src, "exclusions", "reason"),
        occasions=tuple(occasions), registration=tuple(registration), fees=tuple(fees),
        before=before, source_file=src.path.name)


def _parse_notices(src: RuleSource) -> NoticeTable:
    valid_from, valid_to, _ = _validity(src)
    if "validity_quotes" in src.data:
        src.citations(src.data, "valid_from", key="validity_quotes")
    return NoticeTable(document_id=src.document_id,
                       organization=src.require(src.data, "organization", str, "organization"),
                       valid_from=valid_from, valid_to=valid_to,
                       notices=_rows(src, "notices", "text"))
