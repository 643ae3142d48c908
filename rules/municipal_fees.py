"""The two fee levels for enrolment in home health care (seed 003, a Västra Götaland
municipality; not Region Halland). The routine names the levels and when each applies but gives
no amounts: the answer names the level and never a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.citations import Citation
from rules.conditions import evaluate
from rules.source import RuleSource

# The facts a fee-level row may test (None = unknown).
NEEDS = ("hsv_round_the_clock", "hsv_in_home", "hsv_short_stay", "hsv_day_activity")


@dataclass(frozen=True)
class FeeLevel:
    """One level: its number, the rows (any of) that select it, its text and citations."""

    level: int
    when_any: tuple[dict, ...]
    text: str
    citations: tuple[Citation, ...]
    text_en: str = ""


@dataclass(frozen=True)
class FeeLevelTable:
    """The fee levels of one municipality's routine."""

    document_id: str
    organization: str
    levels: tuple[FeeLevel, ...]
    no_amount_note: str
    no_amount_citations: tuple[Citation, ...]
    no_amount_note_en: str = ""


@dataclass(frozen=True)
class FeeLevelAnswer:
    """Which level applies: ``level`` None when unknown or not described; ``missing`` names facts."""

    level: int | None
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    citations: tuple[Citation, ...]
    organization: str
    document_id: str
    reasons_en: tuple[str, ...] = ()  # ``reasons`` in English, same order

    def to_api(self) -> dict:
        """The answer as JSON."""
        return {"level": self.level, "amount_sek": None, "organization": self.organization,
                "document_id": self.document_id, "reasons": list(self.reasons),
                "missing": list(self.missing), "citations": [c.to_api() for c in self.citations],
                "reasons_en": list(self.reasons_en)}


def parse_fee_levels(src: RuleSource) -> FeeLevelTable:
    """The ``[[fee_levels]]`` rows of a municipal rules file (checked citations)."""
    levels = []
    for i, item in enumerate(src.data.get("fee_levels", [])):
        where = f"fee_levels[{i}]"
        alternatives = src.require(item, "when_any", list, where)
        text, text_en = src.texts(item, "text", where)
        levels.append(FeeLevel(
            level=src.require(item, "level", int, where),
            when_any=tuple(src.when({"w": w}, where, key="w", names=NEEDS) for w in alternatives),
            text=text, text_en=text_en, citations=src.citations(item, where)))
    note = src.require(src.data, "fee_note", dict, "fee_note")
    note_text, note_en = src.texts(note, "text", "fee_note")
    return FeeLevelTable(document_id=src.document_id,
                         organization=src.require(src.data, "organization", str, "organization"),
                         levels=tuple(levels), no_amount_note=note_text, no_amount_note_en=note_en,
                         no_amount_citations=src.citations(note, "fee_note"))


def fee_level(needs: dict, table: FeeLevelTable) -> FeeLevelAnswer:
    """The fee level for a patient's needs (keys of ``NEEDS``, values True/False/None).

    Levels are tried from the highest: the first that holds wins; one that may hold (a fact
    unknown) makes the level unknown and ``missing`` names the facts; if none can hold, the
    routine describes no level for these needs.
    """
    facts = {k: needs.get(k) for k in NEEDS}
    missing: list[str] = []
    citations = list(table.no_amount_citations)
    for level in sorted(table.levels, key=lambda lv: -lv.level):
        results = [evaluate(w, facts) for w in level.when_any]
        if any(r.value is True for r in results):
            return FeeLevelAnswer(level.level, (level.text, table.no_amount_note), (),
                                  tuple(level.citations) + tuple(citations),
                                  table.organization, table.document_id,
                                  (level.text_en, table.no_amount_note_en))
        for r in results:
            missing.extend(m for m in r.missing if m not in missing)
        citations.extend(level.citations)
        if missing:  # this level may hold: a lower one cannot be chosen yet
            break
    if missing:
        reason = "Avgiftsnivån beror på uppgifter som saknas."
        reason_en = "The fee level depends on facts that are missing."
    else:
        reason = "Rutinen beskriver ingen avgiftsnivå för de angivna behoven."
        reason_en = "The routine describes no fee level for the needs given."
    return FeeLevelAnswer(None, (reason, table.no_amount_note), tuple(missing), tuple(citations),
                          table.organization, table.document_id,
                          (reason_en, table.no_amount_note_en))
