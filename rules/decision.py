"""The answer of the rule engine: what the API returns from POST /api/v1/visit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rules.citations import Citation


@dataclass
class Decision:
    """One visit's decision.

    ``eligible`` / ``compensation_sek``: None while a fact that decides them is missing (named in
    ``missing``). ``patient_fee_sek``: None while the age is unknown (then ``fee_alternatives``
    lists the fee for each age band) or when the routine prescribes no fee for the visit.
    ``registration`` holds only decided values, in the routine's order; ``alternatives`` the
    possible values of a field that a missing fact still decides. ``trace`` lists each rule row
    that was tested and its outcome (True / False / None = unknown). ``reasons_en`` /
    ``notices_en`` say ``reasons`` / ``notices`` in English, in the same order (issue 10).
    """

    visit_date: date
    eligible: bool | None = None
    compensation_sek: int | None = None
    patient_fee_sek: int | None = None
    patient_fee_category: str | None = None
    system: str | None = None
    routine: dict | None = None
    registration: list[tuple[str, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # Swedish (the API contract's field)
    reasons_en: list[str] = field(default_factory=list)  # the same reasons in English
    missing: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    notices_en: list[str] = field(default_factory=list)
    fee_alternatives: list[dict] = field(default_factory=list)
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    trace: list[dict] = field(default_factory=list)
    patient_age: int | None = None

    def cite(self, citations) -> None:
        """Add citations, keeping the first of each (document, quote)."""
        seen = {(c.document_id, c.quote) for c in self.citations}
        for c in citations:
            if (c.document_id, c.quote) not in seen:
                seen.add((c.document_id, c.quote))
                self.citations.append(c)

    def say(self, sv: str, en: str) -> None:
        """Add a reason in Swedish and in English (``reasons`` and ``reasons_en`` stay parallel)."""
        self.reasons.append(sv)
        self.reasons_en.append(en)

    def need(self, names) -> None:
        """Name facts that are still missing (each once, in order)."""
        for n in names:
            if n not in self.missing:
                self.missing.append(n)

    def to_api(self) -> dict:
        """The API answer: the contract's fields first, then the extra ones."""
        return {
            "eligible": self.eligible,
            "compensation_sek": self.compensation_sek,
            "patient_fee_sek": self.patient_fee_sek,
            "system": self.system,
            "routine": self.routine,
            "registration": [{"field": f, "value": v} for f, v in self.registration],
            "reasons": list(self.reasons),
            "missing": list(self.missing),
            "citations": [c.to_api() for c in self.citations],
            "visit_date": self.visit_date.isoformat(),
            "patient_age": self.patient_age,
            "patient_fee_category": self.patient_fee_category,
            "fee_alternatives": list(self.fee_alternatives),
            "alternatives": [{"field": f, "values": vs} for f, vs in self.alternatives.items()],
            "notices": list(self.notices),
            "reasons_en": list(self.reasons_en),
            "notices_en": list(self.notices_en),
            "trace": list(self.trace),
        }
