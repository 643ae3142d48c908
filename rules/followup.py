"""Follow-up of home health care in the Västra Götaland municipality (seed 003).

"En första uppföljning sker senast efter två månader, därefter sker regelbunden uppföljning
minst var sjätte månad eller tidigare vid behov." Months are calendar months clamped to the
month's end; each later deadline counts from the previous follow-up (taken as done on its last
allowed day unless the actual date of the last follow-up is given).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rules.citations import Citation
from rules.months import add_months
from rules.source import RuleSource


@dataclass(frozen=True)
class FollowupRule:
    """The follow-up intervals of one organization's routine, with citations."""

    document_id: str
    organization: str
    first_within_months: int
    first_citations: tuple[Citation, ...]
    then_every_months: int
    then_citations: tuple[Citation, ...]


@dataclass(frozen=True)
class FollowupAnswer:
    """Latest dates for the coming follow-ups of a patient enrolled on ``enrolled_on``."""

    enrolled_on: date
    first_by: date
    next_by: tuple[date, ...]
    reasons: tuple[str, ...]
    citations: tuple[Citation, ...]
    organization: str
    document_id: str
    reasons_en: tuple[str, ...] = ()  # ``reasons`` in English, same order

    def to_api(self) -> dict:
        """The answer as JSON."""
        return {"enrolled_on": self.enrolled_on.isoformat(), "first_by": self.first_by.isoformat(),
                "next_by": [d.isoformat() for d in self.next_by],
                "organization": self.organization, "document_id": self.document_id,
                "reasons": list(self.reasons),
                "citations": [c.to_api() for c in self.citations],
                "reasons_en": list(self.reasons_en)}


def parse_followup(src: RuleSource) -> FollowupRule:
    """The ``[followup]`` table of a municipal rules file (checked citations)."""
    t = src.require(src.data, "followup", dict, "followup")
    return FollowupRule(
        document_id=src.document_id,
        organization=src.require(src.data, "organization", str, "organization"),
        first_within_months=src.require(t, "first_within_months", int, "followup"),
        first_citations=src.citations(t, "followup.first", key="first_quotes"),
        then_every_months=src.require(t, "then_every_months", int, "followup"),
        then_citations=src.citations(t, "followup.then", key="then_quotes"))


def followup_schedule(enrolled_on: date, rule: FollowupRule, *, last_followup: date | None = None,
                      count: int = 3) -> FollowupAnswer:
    """The latest allowed dates of the first and the next ``count`` follow-ups.

    With ``last_followup`` (the date of the latest follow-up actually made), the later deadlines
    count from it. Raises ValueError if ``last_followup`` is before ``enrolled_on``.
    """
    first = add_months(enrolled_on, rule.first_within_months)
    reasons = [f"Första uppföljningen ska ske senast {first.isoformat()}, "
               f"{rule.first_within_months} månader efter anslutningen {enrolled_on.isoformat()}."]
    reasons_en = [f"The first follow-up must take place by {first.isoformat()}, "
                  f"{rule.first_within_months} months after enrolment on "
                  f"{enrolled_on.isoformat()}."]
    if last_followup is not None:
        if last_followup < enrolled_on:
            raise ValueError("last_followup före enrolled_on")
        start = last_followup
        reasons.append(f"Därefter minst var {rule.then_every_months}:e månad räknat från senaste "
                       f"uppföljningen {last_followup.isoformat()} (tidigare vid behov).")
        reasons_en.append(f"After that at least every {rule.then_every_months} months, counted "
                          f"from the latest follow-up on {last_followup.isoformat()} (earlier "
                          "if needed).")
    else:
        start = first
        reasons.append(f"Därefter minst var {rule.then_every_months}:e månad (tidigare vid behov); "
                       "datumen nedan gäller om varje uppföljning görs sista tillåtna dag.")
        reasons_en.append(f"After that at least every {rule.then_every_months} months (earlier "
                          "if needed); the dates below hold if each follow-up is made on its "
                          "last allowed day.")
    later, day = [], start
    for _ in range(count):
        day = add_months(day, rule.then_every_months)
        later.append(day)
    reasons.append(f"Rutinen gäller {rule.organization}, inte Region Halland.")
    reasons_en.append(f"The routine is that of {rule.organization}, not Region Halland.")
    return FollowupAnswer(enrolled_on=enrolled_on, first_by=first, next_by=tuple(later),
                          reasons=tuple(reasons), reasons_en=tuple(reasons_en),
                          citations=rule.first_citations + rule.then_citations,
                          organization=rule.organization, document_id=rule.document_id)
