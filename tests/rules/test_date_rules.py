"""Date rules beside the visit: Läkarmedverkan's 14 days, the VG follow-up and fee levels."""

from __future__ import annotations

from datetime import date

from rules.followup import followup_schedule
from rules.lakarmedverkan import decide_support, support_until
from rules.months import add_months
from rules.municipal_fees import fee_level


def test_lakarmedverkan_supports_up_to_14_days_after_discharge(tables):
    rule = tables.lakarmedverkan
    assert support_until(date(2026, 4, 1), rule) == date(2026, 4, 15)
    answer = decide_support(date(2026, 12, 25), rule)
    assert answer.support_until == date(2027, 1, 8)
    assert any("individuellt beslut" in r for r in answer.reasons)
    assert any("14 dagar" in c.quote for c in answer.citations)


def test_lakarmedverkan_says_who_the_support_is_for_and_who_starts_it(tables):
    # walk-through, stop 27: the 14 days read as if every discharged patient had them
    answer = decide_support(date(2026, 12, 2), tables.lakarmedverkan)
    assert any("hög risk för oplanerad återinskrivning" in r for r in answer.reasons)
    assert any("high risk of unplanned readmission" in r for r in answer.reasons_en)
    quotes = [c.quote for c in answer.citations]
    assert "Patient med identifierad hög risk för oplanerad återinskrivning" in quotes
    assert any(q.startswith("Läkare inom slutenvården identifierar och initierar") for q in quotes)


def test_lakarmedverkan_before_the_decision_says_start_date_unknown(tables):
    answer = decide_support(date(2026, 1, 10), tables.lakarmedverkan)
    assert any("anger inte från vilket datum" in r for r in answer.reasons)


def test_first_followup_at_the_latest_two_months_after_enrolment_then_every_six(tables):
    answer = followup_schedule(date(2026, 1, 15), tables.followup)
    assert answer.first_by == date(2026, 3, 15)
    assert answer.next_by == (date(2026, 9, 15), date(2027, 3, 15), date(2027, 9, 15))
    assert "Västra Götaland" in answer.organization


def test_followup_months_clamp_to_the_end_of_a_short_month(tables):
    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)
    answer = followup_schedule(date(2026, 12, 31), tables.followup, last_followup=date(2027, 2, 10))
    assert answer.first_by == date(2027, 2, 28)
    assert answer.next_by[0] == date(2027, 8, 10)


def test_round_the_clock_needs_are_fee_level_2_without_amount(tables):
    answer = fee_level({"hsv_round_the_clock": True}, tables.fee_levels)
    assert answer.level == 2 and answer.to_api()["amount_sek"] is None


def test_needs_only_at_day_activity_are_fee_level_1(tables):
    answer = fee_level({"hsv_round_the_clock": False, "hsv_in_home": False,
                        "hsv_day_activity": True}, tables.fee_levels)
    assert answer.level == 1


def test_unknown_round_the_clock_leaves_the_level_unknown(tables):
    answer = fee_level({"hsv_in_home": False, "hsv_short_stay": True}, tables.fee_levels)
    assert answer.level is None and answer.missing == ("hsv_round_the_clock",)


def test_date_rule_endpoints(client):
    r = client.get("/api/v1/lakarmedverkan", params={"discharge_date": "2026-04-01"})
    assert r.status_code == 200 and r.json()["support_until"] == "2026-04-15"
    r = client.get("/api/v1/followup", params={"enrolled_on": "2026-01-15"})
    assert r.status_code == 200 and r.json()["first_by"] == "2026-03-15"
    r = client.get("/api/v1/hemsjukvard-avgiftsniva", params={"hsv_round_the_clock": "true"})
    assert r.status_code == 200 and r.json()["level"] == 2
    r = client.get("/api/v1/lakarmedverkan", params={"discharge_date": "2026-02-30"})
    assert r.status_code == 422 and r.json()["detail"][0]["field"] == "discharge_date"


def test_date_rule_answers_give_their_reasons_in_english_too(tables):
    answers = [decide_support(date(2026, 1, 10), tables.lakarmedverkan).to_api(),
               followup_schedule(date(2026, 1, 10), tables.followup).to_api(),
               followup_schedule(date(2026, 1, 10), tables.followup,
                                 last_followup=date(2026, 2, 1)).to_api(),
               fee_level({"hsv_round_the_clock": True}, tables.fee_levels).to_api(),
               fee_level({"hsv_round_the_clock": None}, tables.fee_levels).to_api()]
    for api in answers:
        assert len(api["reasons_en"]) == len(api["reasons"]) > 0
        for sv, en in zip(api["reasons"], api["reasons_en"]):
            assert en and en != sv
    assert "up to and including 2026-01-24" in answers[0]["reasons_en"][0]
    assert "decided the rule on 2026-03-03" in answers[0]["reasons_en"][-1]


def test_rule_endpoints_keep_swedish_reasons_and_add_the_same_reasons_in_english(client):
    r = client.post("/api/v1/visit", json={"visit_date": "2025-06-10", "patient_age": 87,
                                           "occasion": "inskrivning", "setting": "ordinart_boende"})
    assert r.status_code == 200
    body = r.json()
    assert body["reasons"][0].startswith("Besöksdagen 2025-06-10 gäller rutinen")
    assert "Patientens ålder på besöksdagen: 87 år." in body["reasons"]
    assert len(body["reasons_en"]) == len(body["reasons"])
    assert body["reasons_en"][0].startswith("On the visit date 2025-06-10 the routine in force")
    assert "The patient's age on the visit date: 87." in body["reasons_en"]
    for path, params in [("/api/v1/lakarmedverkan", {"discharge_date": "2026-04-01"}),
                         ("/api/v1/followup", {"enrolled_on": "2026-01-15"}),
                         ("/api/v1/hemsjukvard-avgiftsniva", {"hsv_round_the_clock": "true"})]:
        body = client.get(path, params=params).json()
        assert len(body["reasons_en"]) == len(body["reasons"]) > 0, path
