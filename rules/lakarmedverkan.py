"""Läkarmedverkan after discharge (seed 002, HSU 2026-03-03): support up to 14 days.

"Läkarstöd erbjuds från Läkarmedverkan i upp till 14 dagar, med möjlighet till förlängning
utifrån individuellt beslut och särskild prövning." The 14 days are counted from the day after
discharge: discharge on day D, support up to and including D + 14. Longer only by an individual
decision, which this rule cannot make: it says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rules.citations import Citation
from rules.source import RuleSource


@dataclass(frozen=True)
class LakarmedverkanRule:
    """The support period of Läkarmedverkan after discharge, with its citations."""

    document_id: str
    organization: str
    decided_on: date
    support_days: int
    citations: tuple[Citation, ...]
    extension: str
    extension_citations: tuple[Citation, ...]
    extension_en: str = ""
    #: What the decision says of when its extension of Läkarmedverkan starts (nothing: the
    #: note says so), with its citations; empty when the file has no ``start_note``.
    start_note: str = ""
    start_note_en: str = ""
    start_citations: tuple[Citation, ...] = ()
    #: Who the support is for and who starts it, with its citations; empty when the file
    #: has no ``eligibility``.
    eligibility: str = ""
    eligibility_en: str = ""
    eligibility_citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class SupportAnswer:
    """Until when Läkarmedverkan supports a patient discharged on ``discharge_date``."""

    discharge_date: date
    support_until: date
    reasons: tuple[str, ...]
    citations: tuple[Citation, ...]
    organization: str
    document_id: str
    reasons_en: tuple[str, ...] = ()  # ``reasons`` in English, same order

    def to_api(self) -> dict:
        """The answer as JSON."""
        return {"discharge_date": self.discharge_date.isoformat(),
                "support_until": self.support_until.isoformat(),
                "organization": self.organization, "document_id": self.document_id,
                "reasons": list(self.reasons),
                "citations": [c.to_api() for c in self.citations],
                "reasons_en": list(self.reasons_en)}


def parse_lakarmedverkan(src: RuleSource) -> LakarmedverkanRule:
    """The ``[lakarmedverkan]`` table of a rules file (checked citations)."""
    t = src.require(src.data, "lakarmedverkan", dict, "lakarmedverkan")
    decided_on = src.optional_date(t, "decided_on")
    if decided_on is None:
        raise src.fail("lakarmedverkan.decided_on", "saknas")
    src.citations(t, "lakarmedverkan.decided_on", key="decided_quotes")
    extension, extension_en = src.texts(t, "extension", "lakarmedverkan")
    start_note, start_note_en, start_citations = "", "", ()
    if "start_note" in t:
        start_note, start_note_en = src.texts(t, "start_note", "lakarmedverkan")
        start_citations = src.citations(t, "lakarmedverkan.start_note", key="start_quotes")
    eligibility, eligibility_en, eligibility_citations = "", "", ()
    if "eligibility" in t:
        eligibility, eligibility_en = src.texts(t, "eligibility", "lakarmedverkan")
        eligibility_citations = src.citations(t, "lakarmedverkan.eligibility",
                                              key="eligibility_quotes")
    return LakarmedverkanRule(
        document_id=src.document_id,
        organization=src.require(src.data, "organization", str, "organization"),
        decided_on=decided_on,
        support_days=src.require(t, "support_days", int, "lakarmedverkan"),
        citations=src.citations(t, "lakarmedverkan.support_days"),
        extension=extension, extension_en=extension_en,
        extension_citations=src.citations(t, "lakarmedverkan.extension", key="extension_quotes"),
        start_note=start_note, start_note_en=start_note_en, start_citations=start_citations,
        eligibility=eligibility, eligibility_en=eligibility_en,
        eligibility_citations=eligibility_citations)


def support_until(discharge_date: date, rule: LakarmedverkanRule) -> date:
    """The last day of Läkarmedverkan's support: ``discharge_date`` + ``support_days`` days."""
    return discharge_date + timedelta(days=rule.support_days)


def decide_support(discharge_date: date, rule: LakarmedverkanRule) -> SupportAnswer:
    """Until when, with the reasons and citations; pure (no clock)."""
    until = support_until(discharge_date, rule)
    reasons = [
        f"Läkarmedverkan ger stöd i upp till {rule.support_days} dagar efter utskrivningen: "
        f"till och med {until.isoformat()} (beslutet säger inte hur dagarna räknas; här "
        "räknas de från dagen efter utskrivningen).",
        rule.extension,
    ]
    reasons_en = [
        f"Läkarmedverkan gives support for up to {rule.support_days} days after discharge: "
        f"up to and including {until.isoformat()} (the decision does not say how the days "
        "are counted; here from the day after discharge).",
        rule.extension_en,
    ]
    if rule.eligibility:
        reasons.insert(1, rule.eligibility)
        reasons_en.insert(1, rule.eligibility_en)
    if discharge_date < rule.decided_on:
        reasons.append(f"Regeln beslutades av HSU {rule.decided_on.isoformat()}; dokumenten anger "
                       "inte från vilket datum den tillämpas, så den gäller kanske inte en "
                       "utskrivning före beslutet.")
        reasons_en.append(f"HSU decided the rule on {rule.decided_on.isoformat()}; the documents "
                          "do not say from which date it applies, so it may not hold for a "
                          "discharge before the decision.")
    return SupportAnswer(discharge_date=discharge_date, support_until=until,
                         reasons=tuple(reasons), reasons_en=tuple(reasons_en),
                         citations=(rule.citations + rule.eligibility_citations
                                    + rule.extension_citations),
                         organization=rule.organization, document_id=rule.document_id)
