"""The rule engine: ``decide(facts, visit_date, tables) -> Decision``. Pure: no clock, no I/O.

The version of the routine in force on the visit date decides (tables.visit_routine_on). Rows
are tested three-valued: a row on an unknown fact is unknown, and an unknown that could change
the answer leaves it None with the fact named in ``missing``.
"""

from __future__ import annotations

from datetime import date

from rules.conditions import evaluate, evaluate_any
from rules.decision import Decision
from rules.facts import FACT_NAMES_EN, FACT_NAMES_SV, VisitFacts
from rules.tables import RuleTables, VisitRoutine

NOT_DESCRIBED = ("Rutinen beskriver bara registrering och patientavgift för riktade "
                 "hemsjukvårdsbesök som ger ersättningen; för det här besöket anger den varken "
                 "registrering eller patientavgift.")
NOT_DESCRIBED_EN = ("The routine only describes registration and the patient fee for targeted "
                    "home health care visits that give the compensation; for this visit it gives "
                    "neither a registration nor a patient fee.")


def decide(facts: VisitFacts, visit_date: date, tables: RuleTables) -> Decision:
    """Decide registration, patient fee and compensation for a visit on ``visit_date``.

    ``facts`` are checked facts (``rules.facts.resolve_facts``); ``tables`` from
    ``rules.tables.load_tables``. Never raises for missing facts: they are named in
    ``Decision.missing``.
    """
    d = Decision(visit_date=visit_date, patient_age=facts.patient_age)
    routine = tables.visit_routine_on(visit_date)
    if routine is None:
        _no_routine(d, visit_date, tables)
        return d
    d.system = routine.system
    d.routine = routine.to_api()
    # the last day the version applies (valid_to is the first day it no longer does)
    last = date.fromordinal(routine.valid_to.toordinal() - 1) if routine.valid_to else None
    until = f" till och med {last.isoformat()}" if last else ""
    until_en = f" up to and including {last.isoformat()}" if last else ""
    d.say(f"Besöksdagen {visit_date.isoformat()} gäller rutinen "
          f"\"{routine.title}\" ({routine.system}, från "
          f"{routine.valid_from.isoformat()}{until}).",
          f"On the visit date {visit_date.isoformat()} the routine in force is "
          f"“{routine.title}” ({routine.system}, from "
          f"{routine.valid_from.isoformat()}{until_en}).")
    d.cite(routine.system_citations)
    if facts.patient_age is not None:
        d.say(f"Patientens ålder på besöksdagen: {facts.patient_age} år.",
              f"The patient's age on the visit date: {facts.patient_age}.")

    excluded = _exclusions(d, facts, routine)
    if excluded:
        # Nothing is left to decide: a fact still unknown (say the occasion of a phone call)
        # changes no value, so it is not asked for.
        d.missing.clear()
        d.eligible, d.compensation_sek = False, 0
        d.say(NOT_DESCRIBED, NOT_DESCRIBED_EN)
    else:
        _occasions(d, facts, routine)
        _registration_and_fee(d, facts, routine)
    _notices(d, facts, visit_date, tables)
    return d


def _no_routine(d: Decision, visit_date: date, tables: RuleTables) -> None:
    first = tables.visit_routines[0] if tables.visit_routines else None
    if first is not None and visit_date < first.valid_from and first.before is not None:
        # Before the first version: no compensation existed; never extrapolate backwards.
        d.eligible, d.compensation_sek = False, 0
        d.say(first.before.text, first.before.text_en)
        d.cite(first.before.citations)
        d.trace.append({"rule": "before", "document_id": first.document_id, "result": True})
    else:
        d.say(f"Ingen rutin i kunskapsbasen gäller för besök {visit_date.isoformat()}.",
              f"No routine in the knowledge base covers visits on {visit_date.isoformat()}.")


def _exclusions(d: Decision, facts: VisitFacts, routine: VisitRoutine) -> bool:
    excluded = False
    for row in routine.exclusions:
        m = evaluate(row.when, facts)
        d.trace.append({"rule": row.id, "document_id": routine.document_id, "result": m.value})
        if m.value is True:
            excluded = True
            d.say(row.text, row.text_en)
            d.cite(row.citations)
        elif m.value is None:
            d.need(m.missing)
    return excluded


def _occasions(d: Decision, facts: VisitFacts, routine: VisitRoutine) -> None:
    outcome: bool | None = False
    for rule in routine.occasions:
        alternatives = [{"occasion": rule.occasion, **w} for w in rule.when_any]
        m = evaluate_any(alternatives, facts)
        d.trace.append({"rule": rule.id, "document_id": routine.document_id, "result": m.value})
        if m.value is True:
            outcome = True
            d.say(rule.reason_met, rule.reason_met_en)
            d.cite(rule.citations)
        elif m.value is None:
            if outcome is False:
                outcome = None
            d.need(m.missing)
        elif rule.occasion == facts.occasion:
            d.say(rule.reason_not_met, rule.reason_not_met_en)
            d.cite(rule.citations)
    if outcome is True and d.missing:  # an exclusion row is still unknown
        outcome = None
    d.eligible = outcome
    if outcome is True:
        d.compensation_sek = routine.compensation_sek
        d.cite(routine.compensation_citations)
    elif outcome is False:
        d.compensation_sek = 0
        d.cite(routine.compensation_citations)
    else:
        d.say("Om besöket ger ersättningen beror på uppgifter som saknas: "
              + ", ".join(FACT_NAMES_SV.get(m, m) for m in d.missing) + ".",
              "Whether the visit gives the compensation depends on facts that are missing: "
              + ", ".join(FACT_NAMES_EN.get(m, m) for m in d.missing) + ".")


def _registration_and_fee(d: Decision, facts: VisitFacts, routine: VisitRoutine) -> None:
    if d.eligible is False:
        d.say(NOT_DESCRIBED, NOT_DESCRIBED_EN)
        return
    fee = None
    for row in routine.fees:
        m = evaluate(row.when, facts)
        d.trace.append({"rule": row.id, "document_id": routine.document_id, "result": m.value})
        if m.value is True:
            fee = row
    if fee is not None:
        d.patient_fee_sek, d.patient_fee_category = fee.amount_sek, fee.category
        d.say(fee.reason, fee.reason_en)
        d.cite(fee.citations)
    else:
        d.need(["patient_age"])
        d.say("Patientavgiften beror på patientens ålder på besöksdagen, som saknas.",
              "The patient fee depends on the patient's age on the visit date, which is missing.")
        for row in routine.fees:
            d.fee_alternatives.append({"when": _age_label(row.when), "amount_sek": row.amount_sek,
                                       "category": row.category,
                                       "when_en": _age_label_en(row.when)})
            d.cite(row.citations)
    for reg in routine.registration:
        if reg.source is not None:
            if fee is None:
                continue
            value = fee.category if reg.source == "fee_category" else f"{fee.amount_sek} kr"
            if value:
                d.registration.append((reg.field, value))
            continue
        chosen, possible = None, []
        for option in reg.options:
            m = evaluate(option.when, facts)
            if m.value is True:
                chosen = option
                break
            if m.value is None:
                possible.append(option)
        if chosen is not None:
            d.registration.append((reg.field, chosen.value))
            d.cite(chosen.citations)
        elif possible:
            d.alternatives[reg.field] = [o.value for o in possible]
            for o in possible:
                d.cite(o.citations)


def _age_label(when: dict) -> str:
    if "age_below" in when:
        return f"under {when['age_below']} år"
    if "age_from" in when:
        return f"{when['age_from']} år och äldre"
    return "alla åldrar"


def _age_label_en(when: dict) -> str:
    if "age_below" in when:
        return f"under {when['age_below']}"
    if "age_from" in when:
        return f"{when['age_from']} and older"
    return "all ages"


def _notices(d: Decision, facts: VisitFacts, visit_date: date, tables: RuleTables) -> None:
    for table in tables.notices:
        if not table.in_force_on(visit_date):
            continue
        for row in table.notices:
            m = evaluate({**row.when, "remote": False}, facts)
            d.trace.append({"rule": row.id, "document_id": table.document_id, "result": m.value})
            if m.value is not False:
                d.notices.append(row.text)
                d.notices_en.append(row.text_en)
                d.say(row.text, row.text_en)
                d.cite(row.citations)
