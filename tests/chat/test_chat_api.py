"""POST /api/v1/chat over the real app: rules answers, follow-ups, search, no_answer, bad input."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from rules.engine import decide
from rules.facts import resolve_facts


def today():
    return datetime.now(ZoneInfo("Europe/Stockholm")).date()


def test_a_full_registration_question_gets_the_exact_visit_decision(ask, client):
    a = ask("Hur registrerar jag ett hembesök den 2025-06-10 efter utskrivning för en "
            "87-årig patient på säbo?")
    assert a["kind"] == "rule"
    visit = client.post("/api/v1/visit", json={
        "visit_date": "2025-06-10", "patient_age": 87, "occasion": "utskrivning",
        "setting": "sabo"}).json()
    assert a["decision"] == visit
    assert a["decision"]["system"] == "Cosmic" and a["decision"]["patient_fee_sek"] == 0
    assert a["decision"]["eligible"] is True and a["decision"]["compensation_sek"] == 500
    assert "Kontakttyp: Hemsjukvårdsbesök" in a["answer"]
    assert "Region Halland" in a["answer"] and "gäller från 2025-03-31" in a["answer"]
    assert a["question"] is None


def test_a_visit_before_the_cosmic_switch_is_answered_by_the_vas_routine(ask):
    a = ask("Hur registreras ett brytpunktssamtal på säbo 2024-06-15 för en patient som är 80 år?")
    assert a["decision"]["system"] == "VAS"
    assert a["decision"]["patient_fee_sek"] == 200
    assert "gäller från 2023-01-01 till och med 2025-03-30" in a["answer"]


def test_a_missing_age_still_gives_codes_and_both_fees_and_asks_for_the_age(ask):
    a = ask("Vilken vårdtjänst och patientavgift gäller för ett brytpunktssamtal på säbo igår?")
    d = a["decision"]
    assert a["kind"] == "rule"
    assert d["patient_fee_sek"] is None and "patient_age" in d["missing"]
    assert {alt["amount_sek"] for alt in d["fee_alternatives"]} == {200, 0}
    assert any(r["field"] == "Vårdtjänst" for r in d["registration"])
    assert a["question"] == "Hur gammal är patienten?"
    assert a["answer"].rstrip().endswith("Hur gammal är patienten?")


def test_patienten_ar_90_ar_completes_the_earlier_question(ask):
    first = ask("Vad betalar patienten för ett brytpunktssamtal på säbo igår?")
    assert first["decision"]["patient_fee_sek"] is None
    follow = ask("Patienten är 90 år.", first["conversation_id"])
    assert follow["conversation_id"] == first["conversation_id"]
    assert follow["kind"] == "rule"
    assert follow["decision"]["patient_fee_sek"] == 0
    assert follow["decision"]["patient_age"] == 90
    assert follow["facts"]["occasion"] == "brytpunktssamtal"


def test_three_turns_build_up_the_facts_one_question_at_a_time(ask):
    a = ask("Hur registrerar jag mitt hembesök i dag?")
    assert a["kind"] == "rule" and a["question"]
    b = ask("Det var efter utskrivning från sjukhuset.", a["conversation_id"])
    assert b["facts"]["occasion"] == "utskrivning"
    c = ask("Hon bor på äldreboende och är 84 år.", a["conversation_id"])
    assert c["decision"]["eligible"] is True
    assert c["decision"]["patient_fee_sek"] == 200
    assert c["question"] is None


def test_facts_first_then_the_question_uses_them(ask):
    a = ask("Patienten är 90 år.")
    assert a["kind"] == "clarify" and a["decision"] is None and a["citations"] == []
    b = ask("Hur registrerar jag besöket efter utskrivning? Hon bor på säbo.", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_age"] == 90


def test_a_visit_within_lakarmedverkan_gives_no_compensation(ask):
    a = ask("Ger ett hembesök på säbo efter utskrivning inom Läkarmedverkan ersättning? "
            "Patienten är 88 år.")
    assert a["decision"]["eligible"] is False


def test_a_personnummer_gives_the_age_and_is_never_kept_or_echoed(ask, data_dir):
    # 19380503-xxxC: a valid number of someone born 1938-05-03.
    from tests.security.identifiers import luhn_digit
    pnr = "380503-123" + luhn_digit("380503123")
    a = ask(f"Vad betalar patienten {pnr} för ett brytpunktssamtal på säbo 2025-06-10?")
    assert a["decision"]["patient_age"] == 87
    assert a["decision"]["patient_fee_sek"] == 0
    text = json.dumps(a, ensure_ascii=False)
    assert pnr not in text and pnr.replace("-", "") not in text
    from tests.services.storage import data_dir_database, stored_conversation

    stored = stored_conversation(data_dir_database(data_dir), a["conversation_id"])
    # (the number's own forms: the stored id is random and may hold four digits)
    assert "0503-1234" not in stored and "05031234" not in stored and "380503" not in stored
    facts = json.loads(stored)["facts"]
    assert facts["patient_age"] == 87 and "birth_date" not in facts  # six of its digits
    assert "1938-05-03" not in text and "1938-05-03" not in stored


def test_a_personnummer_with_a_wrong_check_digit_is_not_used_and_not_echoed(ask):
    from tests.security.identifiers import luhn_digit
    bad = "380503-123" + str((int(luhn_digit("380503123")) + 1) % 10)
    a = ask(f"Vad betalar patienten {bad} för ett brytpunktssamtal på säbo?")
    assert "Personnumret kunde inte tolkas" in a["answer"]
    assert bad not in json.dumps(a, ensure_ascii=False)
    assert a["decision"]["patient_fee_sek"] is None


def test_a_search_answer_quotes_the_passage_and_names_its_source(ask):
    a = ask("Vem har ansvaret för hemsjukvårdens patienter under jourtid?")
    assert a["kind"] == "search" and a["decision"] is None
    c = a["citations"][0]
    passage = a["passages"][0]
    assert c["quote"] and c["quote"] in passage["text"]
    assert (c["document_id"], c["anchor"]) == (passage["document_id"], passage["anchor"])
    assert "Hallandsjouren" in a["answer"]
    # the 2022 report is dated, not in force: its source line says so
    assert passage["organization"] in a["answer"] and "rapport 2022-02-16" in a["answer"]
    assert c["url"] == f"/documents/{c['document_id']}#{c['anchor']}"  # the contract's form


def test_off_topic_questions_get_no_answer_and_no_sources(ask):
    for q in ("vad blir det för väder i morgon?", "Hur bakar man kanelbullar?",
              "Vad kostar en parkeringsplats i Halmstad?", "What is the capital of France?"):
        a = ask(q)
        assert a["kind"] == "no_answer", q
        assert a["citations"] == [] and a["passages"] == []
        assert a["decision"] is None


def test_an_english_question_is_answered_in_english(ask):
    a = ask("How do I register a home visit after discharge for a 90 year old patient in a "
            "nursing home on 2025-06-10?")
    assert a["kind"] == "rule"
    assert "registered in Cosmic" in a["answer"] and "Patient fee: SEK 0" in a["answer"]
    b = ask("What is the patient fee for a breakpoint conversation in a nursing home yesterday?")
    assert b["question"] == "How old is the patient?"


def test_an_unknown_conversation_id_starts_a_fresh_conversation(ask):
    a = ask("Patienten är 90 år.", "A" * 32)
    assert a["conversation_id"] != "A" * 32
    assert a["kind"] == "clarify"


def test_an_expired_conversation_starts_afresh(ask, data_dir):
    a = ask("Vad betalar patienten för ett brytpunktssamtal på säbo?")
    from tests.services.storage import age_conversation, data_dir_database

    age_conversation(data_dir_database(data_dir), a["conversation_id"], 10 * 24 * 3600)
    b = ask("Patienten är 90 år.", a["conversation_id"])
    assert b["conversation_id"] != a["conversation_id"]
    assert b["kind"] == "clarify"


def test_conversation_ids_that_try_path_tricks_are_refused_with_422(ask, client):
    for bad in ("../../etc/passwd", "..%2F..%2Fsecret_key", "x" * 500, "a/b"):
        r = client.post("/api/v1/chat", json={"message": "hej", "conversation_id": bad})
        assert r.status_code == 422
        assert r.json()["detail"][0]["field"] == "conversation_id"


def test_empty_and_blank_messages_are_422(client):
    for message in ("", "   ", "\n\t ", "\x00\x00"):
        r = client.post("/api/v1/chat", json={"message": message})
        assert r.status_code == 422, message
        assert r.json()["detail"][0]["field"] == "message"


def test_a_two_million_character_message_is_refused_not_answered(client):
    r = client.post("/api/v1/chat", json={"message": "a" * 2_000_000})
    assert r.status_code in (413, 422)


def test_a_message_just_over_the_limit_is_422_naming_the_limit(client):
    r = client.post("/api/v1/chat", json={"message": "ord " * 1200})
    assert r.status_code == 422
    assert "4000" in r.json()["detail"][0]["message"]


def test_a_non_utf8_body_is_a_4xx(client):
    r = client.post("/api/v1/chat", content=b'{"message": "\xff\xfe hej"}',
                    headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500


def test_a_missing_or_non_text_message_is_422(client):
    assert client.post("/api/v1/chat", json={}).status_code == 422
    assert client.post("/api/v1/chat", json={"message": 12}).status_code == 422
    assert client.post("/api/v1/chat", json=["message"]).status_code == 422


def test_html_in_a_message_is_never_echoed(ask):
    a = ask("<script>alert(1)</script> Vad är Läkarmedverkan?")
    assert "<script>" not in json.dumps(a)


def test_the_decision_matches_the_rule_engine_for_the_same_facts(ask, client):
    a = ask("Vad betalar en 70-årig patient i ordinärt boende inskriven i kommunal hemsjukvård "
            "för ett brytpunktssamtal 2025-06-10?")
    from server.state import AppState  # noqa: F401 - the app's own tables are used below
    tables = client.app.state.rutin.rules
    expected = decide(resolve_facts(date(2025, 6, 10), patient_age=70, occasion="brytpunktssamtal",
                                    setting="ordinart_boende", municipal_home_care=True),
                      date(2025, 6, 10), tables).to_api()
    assert a["decision"] == expected
