"""Routing by meaning (server/chat/router.py), measured on what the chat really does: every
message goes through POST /api/v1/chat with the facts the extractor finds (issue 9: the old
router tests called the router with no facts and passed while the chat routed otherwise)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from server.chat.router import FEATURES, KINDS, WEIGHTS_PATH, load_router, message_features


def kind_of(ask, text, conversation_id=None):
    return ask(text, conversation_id)["understood"]["kind"]


@pytest.mark.parametrize("text", [
    "Jag gjorde ett hembesök igår hos en 87-årig patient på säbo efter utskrivning. "
    "Hur registrerar jag besöket?",
    "hembesök 3/4 2024 hos 90-åring i khsv efter utskrivning, vad betalar pat",
    "did a home visit yesterday at a Sabo after discharge, she's 84, how do I register it",
])
def test_a_described_visit_goes_to_the_rules(ask, text):
    assert kind_of(ask, text) == "visit"


@pytest.mark.parametrize("text", [
    "Vad är Läkarmedverkan i hemsjukvården?",
    "Vem ansvarar för patienterna på natten?",
    "var journalförs uppföljningen av hemsjukvård?",
    "högkostnadsskyddet för patientavgifter?",
    "Vilka kriterier gäller för att anslutas till hemsjukvården?",
])
def test_questions_about_what_the_routines_say_are_not_visits(ask, text):
    assert kind_of(ask, text) in ("search", "out_of_scope")


@pytest.mark.parametrize("text", [
    "gäller vas rutinen fortfarande",
    "sen när registrerar vi i cosmic",
])
def test_questions_about_versions_go_to_the_catalog(ask, text):
    assert kind_of(ask, text) == "version"


def test_a_question_after_a_rules_answer_is_a_new_question(ask):
    a = ask("hembesök idag hos 88-åring på säbo efter utskrivning, hur reggar jag")
    assert a["understood"]["kind"] == "visit"
    assert kind_of(ask, "Vad är Läkarmedverkan?", a["conversation_id"]) != "visit"


def test_the_weights_match_the_features_and_name_every_kind():
    weights = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert tuple(weights["kinds"]) == KINDS and tuple(weights["features"]) == FEATURES
    coef = np.asarray(weights["models"]["features"]["coef"])
    assert coef.shape == (len(KINDS), len(FEATURES))


def test_without_the_trained_embedding_model_the_features_model_routes():
    router = load_router()
    features = message_features("hembesök igår hos 87-åring på säbo, hur registrerar jag",
                                {"visit_date": "2026-11-30", "patient_age": 87,
                                 "setting": "sabo"}, None, "sv")
    route = router.classify(features, None, "none")
    assert route.kind == "visit"
    assert abs(sum(route.probabilities.values()) - 1.0) < 1e-5


def test_a_hesitant_out_of_scope_naming_the_best_sections_heading_is_searched(ask):
    # walk-through, stop 30: refused while naming "Kväll och natt" as the nearest section
    body = ask("vad gäller på kvällar och nätter för patienter som annars går till "
               "vårdcentralen")
    assert body["kind"] == "search"
    assert "Patienterna ansluts inte till kommunal hälso- och sjukvård" in body["answer"]
    # a sure "out of scope" stays refused though a heading's words are named
    assert ask("how do I get a Cosmic login as a locum?")["kind"] == "no_answer"


@pytest.mark.parametrize("text", [
    # walk-through, stop 37: a card on the nurse's visit, "Extra ersättning: nej"
    "hej ny ssk här. var hemma hos en pat idag som sa att hon inte vill ha hemsjukvård mer, "
    "kan hon bara säga upp det sådär",
    "was at a pt's home today, she says she doesnt want home care anymore, can she just stop",
])
def test_a_visit_told_as_the_story_of_another_question_gets_no_card(ask, text):
    body = ask(text)
    assert body["kind"] != "rule", body["answer"]
    assert body["understood"]["kind"] != "visit"
    assert "Extra ersättning" not in body["answer"] and "Extra compensation" not in body["answer"]


@pytest.mark.parametrize("text", [
    "gjorde hembesök igår hos 90-åring på säbo, vad ska jag tänka på",
    "jag gjorde ett hembesök igår hos en 88-åring, vad gäller då",
    "jag är ssk och gjorde hembesök idag hos 87-åring, hur registrerar jag",
])
def test_what_applies_to_a_visit_just_told_is_still_the_visits_answer(ask, text):
    assert ask(text)["kind"] in ("rule", "clarify")
