"""Routing: registration, fee and compensation questions go to the rules; the rest to search."""

import pytest

from server.chat.intent import CLARIFY, RULES, SEARCH, route


@pytest.mark.parametrize("text", [
    "Hur registrerar jag ett hembesök efter utskrivning?",
    "Vad blir patientavgiften för en 80-åring?",
    "Får vårdcentralen ersättning för brytpunktssamtal?",
    "Vilken kontakttyp ska jag välja i Cosmic?",
    "What is the patient fee for a home visit?",
    "How do I register a visit after discharge?",
])
def test_registration_fee_and_compensation_questions_go_to_the_rules(text):
    assert route(text, {}, None) == RULES


@pytest.mark.parametrize("text", [
    "Vad är Läkarmedverkan i hemsjukvården?",
    "Vem ansvarar för patienterna på natten?",
    "vad blir det för väder i morgon?",
])
def test_other_questions_go_to_search(text):
    assert route(text, {}, None) == SEARCH


def test_facts_alone_continue_an_earlier_rules_question():
    assert route("Patienten är 90 år.", {"patient_age": 90}, RULES) == RULES
    assert route("Patienten är 90 år.", {"patient_age": 90}, CLARIFY) == RULES


def test_facts_alone_in_a_new_conversation_get_a_question_back():
    assert route("Patienten är 90 år.", {"patient_age": 90}, None) == CLARIFY


def test_a_search_question_after_a_rules_answer_goes_to_search():
    assert route("Vad är Läkarmedverkan?", {}, RULES) == SEARCH


def test_a_price_question_outside_the_visits_is_not_a_rules_question():
    assert route("Vad kostar en parkeringsplats i Halmstad?", {}, None) == SEARCH


def test_a_price_question_about_the_visit_is_a_rules_question():
    assert route("Vad kostar läkarbesöket i hemmet för patienten?", {}, None) == RULES


@pytest.mark.parametrize("text", [
    "Från vilket datum betalas extraersättningen för hemsjukvårdsbesök av läkare?",
    "Varför har regionen infört en extra ersättning för läkarbesök hemma hos äldre?",
    "Hur mycket höjs ersättningen för SäBo-uppdraget i de nya avtalen?",
    "Vad innebär avgiftsnivå 1 i hemsjukvården?",
    "Vilket dokument-id hade den tidigare versionen av registreringsrutinen?",
])
def test_questions_about_the_routine_itself_go_to_search(text):
    assert route(text, {}, None) == SEARCH


def test_a_question_about_vas_without_a_visit_date_goes_to_search():
    assert route("Vilken avgiftstyp fyller jag i i VAS?", {}, None) == SEARCH
    assert route("Hur registrerades besöket i VAS?", {"visit_date": "2024-06-15"}, None) == RULES
