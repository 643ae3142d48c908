"""The table-driven cases of cases.toml, through decide() and through POST /api/v1/visit."""

from __future__ import annotations

import pytest

from rules.engine import decide
from rules.facts import resolve_facts
from rutin.errors import InputError
from tests.rules.cases import CASES, as_json, check

VISIT_CASES = CASES["case"]
INVALID_CASES = CASES["invalid"]
PERSONNUMMER_DIGITS = [c["body"]["personnummer"] for c in INVALID_CASES if "personnummer" in c["body"]]


def _every_value_is_cited(answer: dict, documents) -> None:
    quotes = {(c["document_id"], c["quote"]) for c in answer["citations"]}
    for c in answer["citations"]:
        assert c["quote"] in documents[c["document_id"]].text
        assert c["url"] == f"/documents/{c['document_id']}#{c['anchor']}"
    if answer["registration"] or answer["compensation_sek"] is not None or \
            answer["patient_fee_sek"] is not None:
        assert quotes, "values without citations"
    for row in answer["registration"]:
        # each registration value stands in some cited quote (Summa: the amount's quote)
        value = row["value"].replace(" kr", "")
        assert any(value in q for _, q in quotes), row


@pytest.mark.parametrize("case", VISIT_CASES, ids=[c["name"] for c in VISIT_CASES])
def test_engine_decides_case(case, tables, documents):
    facts = resolve_facts(case["visit_date"], **case["facts"])
    answer = decide(facts, case["visit_date"], tables).to_api()
    check(answer, case["expect"])
    _every_value_is_cited(answer, documents)


@pytest.mark.parametrize("case", VISIT_CASES, ids=[c["name"] for c in VISIT_CASES])
def test_http_visit_answers_case(case, client, documents):
    body = as_json({"visit_date": case["visit_date"], **case["facts"]})
    response = client.post("/api/v1/visit", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    check(answer, case["expect"])
    _every_value_is_cited(answer, documents)
    assert "personnummer" not in response.text


@pytest.mark.parametrize("case", INVALID_CASES, ids=[c["name"] for c in INVALID_CASES])
def test_http_rejects_bad_input_naming_the_field(case, client):
    response = client.post("/api/v1/visit", json=case["body"])
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["detail"][0]["field"] == case["field"], body
    message = body["error"]
    assert case["field"] in message or "Personnumret" in message, message
    for number in PERSONNUMMER_DIGITS:  # never echo a personnummer, in any form
        assert number not in response.text
        assert number.replace("-", "") not in response.text


@pytest.mark.parametrize("case", [c for c in INVALID_CASES if "personnummer" in c["body"]],
                         ids=lambda c: c["name"])
def test_engine_input_error_never_contains_the_personnummer(case):
    body = dict(case["body"])
    from datetime import date

    visit_date = date.fromisoformat(body.pop("visit_date", "2025-06-15"))
    if "birth_date" in body:
        body["birth_date"] = date.fromisoformat(body["birth_date"])
    with pytest.raises(InputError) as err:
        resolve_facts(visit_date, **body)
    assert err.value.field == case["field"]
    assert case["body"]["personnummer"] not in str(err.value)
    assert case["body"]["personnummer"][-4:] not in str(err.value)


def test_visit_date_defaults_to_today_in_stockholm(client):
    from rutin.clock import today_in_stockholm

    answer = client.post("/api/v1/visit", json={"patient_age": 80}).json()
    assert answer["visit_date"] == today_in_stockholm().isoformat()


def test_the_reason_names_the_last_day_a_version_applies(tables):
    """valid_to is the first day a version no longer applies: the reason gives the day before
    (VAS applied up to and including 2025-03-30; Cosmic from 2025-03-31)."""
    from datetime import date

    answer = decide(resolve_facts(date(2025, 3, 20), patient_age=80), date(2025, 3, 20),
                    tables).to_api()
    assert "(VAS, från 2023-01-01 till och med 2025-03-30)." in answer["reasons"][0]
    assert "up to and including 2025-03-30" in answer["reasons_en"][0]
