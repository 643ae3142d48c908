"""POST /api/v1/visit and the date rules beside it (Läkarmedverkan, follow-up, fee level)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict, Field

from rules.engine import decide
from rules.facts import resolve_facts
from rules.followup import followup_schedule
from rules.lakarmedverkan import decide_support
from rules.municipal_fees import fee_level
from rules.tables import RuleTables
from rutin.clock import today_in_stockholm
from rutin.errors import InputError
from server.errors import ApiError
from server.state import State
from server.types import IsoDate

router = APIRouter(tags=["regler"])

#: The date rules answer 404 when the knowledge base lacks the document that holds the rule.
_RULE_MISSING = {404: {"model": ApiError, "description": "Regeln finns inte i kunskapsbasen."}}

class VisitRequest(BaseModel):
    """The facts of a visit; every field optional (see the API contract)."""

    model_config = ConfigDict(extra="forbid")

    visit_date: IsoDate | None = Field(None, description="Besöksdagen; standard i dag (Europe/Stockholm).")
    # strict: a JSON integer, as the OpenAPI says; pydantic alone reads false as 0 and "90" as 90.
    patient_age: int | None = Field(None, ge=0, le=130, strict=True,
                                    description="Ålder i hela år på besöksdagen.")
    birth_date: IsoDate | None = Field(None, description="Födelsedatum, i stället för patient_age.")
    personnummer: str | None = Field(None, max_length=20, description="10 eller 12 siffror; "
                                     "lagras, loggas och återges aldrig.")
    occasion: Literal["utskrivning", "inskrivning", "brytpunktssamtal", "annat"] | None = None
    setting: Literal["sabo", "ordinart_boende", "annat"] | None = None
    municipal_home_care: bool | None = Field(None, strict=True)
    remote: bool = Field(False, strict=True)
    lakarmedverkan: bool = Field(False, strict=True)
    performed_by: Literal["lakare", "sjukskoterska", "annan"] = "lakare"


def _tables(state) -> RuleTables:
    if state.rules is None:
        raise HTTPException(503, state.not_ready_message("Reglerna"))
    return state.rules


@router.post("/visit")
def visit(body: VisitRequest, state: State) -> dict:
    """Registration, patient fee and compensation for one visit, by the routine in force."""
    tables = _tables(state)
    visit_date = body.visit_date or today_in_stockholm()
    facts = resolve_facts(
        visit_date, patient_age=body.patient_age, birth_date=body.birth_date,
        personnummer=body.personnummer, occasion=body.occasion, setting=body.setting,
        municipal_home_care=body.municipal_home_care, remote=body.remote,
        lakarmedverkan=body.lakarmedverkan, performed_by=body.performed_by)
    return decide(facts, visit_date, tables).to_api()


@router.get("/lakarmedverkan", responses=_RULE_MISSING)
def lakarmedverkan(state: State, discharge_date: Annotated[IsoDate, Query(
        description="Utskrivningsdag från slutenvården (ÅÅÅÅ-MM-DD).")]) -> dict:
    """Until when Läkarmedverkan supports a patient after discharge (HSU 2026-03-03)."""
    rule = _tables(state).lakarmedverkan
    if rule is None:
        raise HTTPException(404, "Beslutet om Läkarmedverkan finns inte i kunskapsbasen.")
    return decide_support(discharge_date, rule).to_api()


@router.get("/followup", responses=_RULE_MISSING)
def followup(state: State,
             enrolled_on: Annotated[IsoDate, Query(
                 description="Dag för anslutning till hemsjukvården.")],
             last_followup: Annotated[IsoDate | None, Query(
                 description="Senaste uppföljningen.")] = None) -> dict:
    """Latest dates of the follow-ups of home health care (the Västra Götaland routine)."""
    rule = _tables(state).followup
    if rule is None:
        raise HTTPException(404, "Rutinen för uppföljning finns inte i kunskapsbasen.")
    if last_followup is not None and last_followup < enrolled_on:
        raise InputError("last_followup", "last_followup kan inte vara före enrolled_on.")
    return followup_schedule(enrolled_on, rule, last_followup=last_followup).to_api()


@router.get("/hemsjukvard-avgiftsniva", responses=_RULE_MISSING)
def hemsjukvard_avgiftsniva(
        state: State,
        hsv_round_the_clock: bool | None = Query(None, description="Behov av HSV-insatser dygnet runt."),
        hsv_in_home: bool | None = Query(None, description="HSV-insatser i hemmet."),
        hsv_short_stay: bool | None = Query(None, description="Behov under korttid (växelvård/avlastning)."),
        hsv_day_activity: bool | None = Query(None, description="Behov under dagverksamhet.")) -> dict:
    """The fee level for enrolment in home health care (the Västra Götaland routine)."""
    table = _tables(state).fee_levels
    if table is None:
        raise HTTPException(404, "Rutinen för avgiftsnivåer finns inte i kunskapsbasen.")
    needs = {"hsv_round_the_clock": hsv_round_the_clock, "hsv_in_home": hsv_in_home,
             "hsv_short_stay": hsv_short_stay, "hsv_day_activity": hsv_day_activity}
    return fee_level(needs, table).to_api()
