"""Understanding a message through the real app (issue 9): routing by meaning, organization
scope, replies to the assistant's own questions, changed facts, version questions."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from rutin.clock import today_in_stockholm
from tests.chat.helpers import ask_halland, ask_in


def test_general_question_about_the_500_kr_gets_no_registration_card(ask):
    body = ask("när får VC de 500 kr extra för läkarbesök i hemmet?")
    assert body["decision"] is None
    assert body["kind"] in ("search", "version")


def test_question_naming_another_region_never_gets_hallands_rules(ask):
    body = ask("Jag är läkare i Region Stockholm och gjorde ett hembesök igår hos en 87-åring "
               "på säbo efter utskrivning, hur registrerar jag besöket?")
    assert body["kind"] == "no_answer" and body["decision"] is None
    assert "Region Stockholm" in body["answer"] and "500" not in body["answer"]


def test_visit_question_about_the_vastra_gotaland_municipality_gets_no_halland_card(ask):
    body = ask("Jag jobbar i Västra Götaland och gjorde ett hembesök igår hos en 90-åring, "
               "ska patienten betala 200 kr?")
    assert body["decision"] is None
    assert "Region Hallands regler" in body["answer"]


def test_organization_field_scopes_the_answer(ask, client):
    r = client.post("/api/v1/chat", json={"message": "Vem beslutar om anslutning till "
                                                     "hemsjukvården?",
                                          "organization": "Region Skåne"})
    assert r.status_code == 200
    assert r.json()["kind"] == "no_answer" and "Region Skåne" in r.json()["answer"]


def test_bare_age_reply_answers_the_pending_age_question(ask):
    a = ask("hembesök igår hos pat på säbo efter utskrivning, hur reggar jag")
    assert a["question"] == "Hur gammal är patienten?"
    b = ask("87", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0
    assert b["decision"]["compensation_sek"] == 500 and b["question"] is None


@pytest.mark.parametrize("reply", ["typ 80", "runt 80", "ungefär 80 år"])
def test_a_rough_age_reply_answers_the_pending_age_question(ask, reply):
    # walk-through, stop 41: "typ 80" to the age's question was refused
    a = ask("var hos en tant på säbo igår, hon kom hem från lasarettet i tisdags. hur reggar jag")
    assert a["question"] == "Hur gammal är patienten?"
    b = ask(reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200, b["answer"]
    assert b["understood"]["facts"]["patient_age"] == 80


@pytest.mark.parametrize("question", ["85 år o äldre betalar dom nåt",
                                      "what do patients aged 85 and over pay"])
def test_an_age_bound_asked_of_the_fee_is_no_patients_age(ask, question):
    # walk-throughs, stop 41: "85 år o äldre betalar dom nåt" was read as an 85-year-old's
    # visit, and asked what one wanted to know
    body = ask(question)
    assert body["kind"] == "search" and "patient_age" not in body["understood"]["facts"]
    assert "85 år och äldre" in body["answer"], body["answer"]


def test_a_birthday_on_the_visits_day_is_that_age_on_it(ask):
    # walk-through, stop 41: "pat fyller 85 samma dag som besöket, avgift?" was 84 and paid
    # 200 kr; the routine's fee category is "85 år och äldre"
    body = ask("pat fyller 85 samma dag som besöket, avgift?")
    assert body["understood"]["facts"]["patient_age"] == 85
    assert "85 år eller äldre" in body["answer"] and "under 85" not in body["answer"]


@pytest.mark.parametrize("first, correction", [
    ("jag e på läkarmedverkan, besök på säbo efter utskrivning i måndags 84 år",
     "nej det var inte det, jag sitter på vc"),
    ("I'm with lmv, saw a pt at sabo after discharge yesterday, 84", "no sorry I'm at the vc")])
def test_saying_one_sits_at_the_clinic_corrects_a_visit_within_lakarmedverkan(ask, first,
                                                                             correction):
    # walk-through, stop 41: the correction was refused, and the thread kept "no 500 kr"
    a = ask(first)
    assert a["decision"]["eligible"] is False
    b = ask(correction, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 500, b["answer"]


def test_not_knowing_whether_the_patient_is_enrolled_leaves_the_compensation_open(client):
    # walk-through, stop 41: "vet ej om hen e inskriven i khsv" was read as not enrolled, and
    # the 500 kr denied
    a = _ask_halland(client, "3 dagar sen åkte jag hem till pat efter utskrivning från "
                             "sjukhuset 84 år")
    assert a["decision"]["eligible"] is None
    b = _ask_halland(client, "vet ej om hen e inskriven i khsv", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is None, b["answer"]
    assert "municipal_home_care" not in b["understood"]["facts"]


@pytest.mark.parametrize("message", [
    "home visit today, 88 yo, lives at home, discharged yesterday, not sure he's in khsv",
    "hembesök idag 88 år bor hemma utskriven igår, osäker på om hon har khsv",
    "hembesök idag 88 år bor hemma utskriven igår, vet inte hon har khsv"])
def test_not_sure_the_patient_is_enrolled_said_before_the_patient_leaves_it_open(client, message):
    # walk-through, stop 44: "not sure he's in khsv" was read as enrolled, and the discharge's
    # 500 kr given
    a = _ask_halland(client, message)
    assert a["kind"] == "rule" and a["decision"]["eligible"] is None, a["answer"]
    assert "municipal_home_care" not in a["understood"]["facts"]


def test_a_correction_after_a_what_if_says_the_what_if_is_left(ask):
    # walk-through, stop 41: "förlåt hon är 91 inte 79" after "om besöket var 2/4 2025
    # istället" went back to the visit of 12/3 2025 (VAS) without a word
    a = ask("läk hembesök 12/3 2025 säbo efter utskrivning pat 79 år")
    b = ask("ok o om besöket var 2/4 2025 istället", a["conversation_id"])
    assert b["decision"]["system"] == "Cosmic"
    c = ask("förlåt hon är 91 inte 79", a["conversation_id"])
    assert c["decision"]["system"] == "VAS"
    assert c["answer"].startswith("Obs: svaret gäller besöket som du beskrev det (besöksdag "
                                  "2025-03-12), inte det tänkta fallet (besöksdag 2025-04-02)")


def test_pronoun_age_reply_and_a_later_correction_are_said(ask):
    a = ask("hembesök igår hos pat på säbo efter utskrivning, hur reggar jag")
    b = ask("hon är 72", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 200
    c = ask("förlåt, hon är 86", a["conversation_id"])
    assert c["decision"]["patient_fee_sek"] == 0
    assert "Ändrat: ålder 72 → 86" in c["answer"]


def test_a_what_if_question_after_a_visit_answer_amends_that_visit(ask):
    a = ask("hembesök idag på säbo, brytpunktssamtal, pat 87")
    assert a["decision"]["patient_fee_sek"] == 0
    b = ask("vad betalar patienten om hon är 60?", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200
    assert "Ändrat: ålder 87 → 60" in b["answer"]
    c = ask("vad blir det om besöket gjordes via video?", b["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["eligible"] is False


def test_a_what_if_age_in_the_conditional_amends_the_visit(ask):
    # stop 25: "och om hon hade varit 90?" was refused as out of scope, and so was the fee
    # question after it
    a = ask("hembesök igår efter utskrivning, pat 82 år, säbo")
    assert a["decision"]["patient_fee_sek"] == 200
    b = ask("och om hon hade varit 90?", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0
    assert "Ändrat: ålder 82 → 90" in b["answer"]


def test_same_but_in_another_month_asks_the_same_visit_in_that_month(ask):
    # walk-through, stop 25: "samma men juni 2024" after a card was refused, and so was the
    # "och i juni 2024" after it
    a = ask("brytpunktssamtal säbo 83-åring 12/5 2024")
    b = ask("samma men juni 2024", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS"
    assert b["decision"]["compensation_sek"] == 500 and "juni 2024" in b["answer"]


@pytest.mark.parametrize("then,system", [("31/3 2025 då?", "Cosmic"),
                                         ("28 mars 2025?", "VAS")])
def test_a_day_alone_after_a_card_asks_the_same_visit_on_that_day(ask, then, system):
    # walk-through RE8981, stop 56: "31/3 2025 då?" after a card was refused twice, the day
    # the journal systems switched, where "och 31/3 2025?" moved the visit
    a = ask("läkarbesök brytpunktssamtal säbo 80 år igår")
    b = ask(then, a["conversation_id"])
    assert b["kind"] == "rule", b["answer"]
    assert b["decision"]["system"] == system and b["decision"]["compensation_sek"] == 500

def test_a_nurse_making_the_visit_instead_takes_away_the_500_kr(ask):
    # walk-through, stop 25: "och om ssk gjorde besöket istället för läkare" kept the 500 kr
    a = ask("inskrivningssamtal khsv ordinärt boende 79 år igår")
    assert a["decision"]["compensation_sek"] == 500
    b = ask("och om ssk gjorde besöket istället för läkare", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is False


def test_a_visit_corrected_to_a_month_asks_the_day_when_the_routine_changed_in_it(ask):
    # walk-through, stop 25: "var i mars 2025" after a card got "Cosmic … gäller inte ännu"
    a = ask("inskrivning säbo 80 år igår")
    b = ask("var i mars 2025", a["conversation_id"])
    assert b["kind"] == "clarify" and "mars 2025" in b["answer"]
    c = ask("28/3", b["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["system"] == "VAS"


def test_a_visit_corrected_to_a_month_in_one_version_gets_that_versions_card(ask):
    a = ask("home visit at nursing home yesterday, admission, 80 y/o")
    b = ask("sorry, it was in june 2024", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS"


def test_a_general_question_after_a_visit_answer_is_not_an_amendment(ask):
    a = ask("hembesök idag på säbo, brytpunktssamtal, pat 87")
    b = ask("vem fattar beslut om anslutning till hemsjukvården i VG?", a["conversation_id"])
    assert b["kind"] != "rule" and b["decision"] is None


def test_something_else_reply_gives_no_compensation_and_no_riktad_vardtjanst(ask):
    a = ask("hembesök idag hos en 82-åring på säbo, hur registrerar jag det?")
    assert "brytpunktssamtal" in (a["question"] or "")
    b = ask("något annat, ett vanligt uppföljningsbesök", a["conversation_id"])
    d = b["decision"]
    assert d["eligible"] is False and d["compensation_sek"] == 0
    assert not any("Riktad" in str(alt) for alt in d.get("alternatives") or [])


def test_nonsense_reply_asks_the_question_again(ask):
    a = ask("hembesök hos pat på säbo idag efter utskrivning, hur registrerar jag")
    b = ask("asdfg", a["conversation_id"])
    assert b["question"] == a["question"] and "förstod inte svaret" in b["answer"]
    assert b["decision"]["system"] == "Cosmic"  # the registration so far stays on screen
    c = ask("90", a["conversation_id"])
    assert c["decision"]["patient_fee_sek"] == 0


def test_swedish_day_month_date_chooses_the_vas_routine(ask):
    body = ask("hembesök 10/5 2024 hos 87-åring på säbo efter utskrivning, hur reggar jag")
    assert body["decision"]["system"] == "VAS"
    assert body["facts"]["visit_date"] == "2024-05-10"


def test_an_unreadable_date_is_asked_for_not_replaced_by_today(ask):
    body = ask("hembesök 31/2 hos 87-åring på säbo efter utskrivning, hur reggar jag")
    assert body["decision"] is None and body["question"] == "Vilket datum gjordes besöket?"


def test_is_the_vas_routine_still_valid_is_a_version_answer(ask):
    body = ask("gäller VAS-rutinen fortfarande?")
    assert body["kind"] == "version"
    assert "gäller inte längre" in body["answer"] and "2025-03-30" in body["answer"]
    assert body["citations"]


def test_why_a_routine_was_replaced_is_answered_with_the_newer_versions_stated_reason(ask):
    # walk-through, stop 39: "varför byttes den ut" after the VAS routine's answer repeated
    # that answer, the VAS routine's own start note included
    first = ask("gäller VAS-rutinen fortfarande?")
    body = ask("varför byttes den ut", first["conversation_id"])
    assert body["kind"] == "version"
    assert "journalsystembytet till Cosmic" in body["answer"]
    assert "Rutinen är ny 2022-12-19" not in body["answer"]
    assert any("pga. journalsystembyte till Cosmic" in c["quote"] for c in body["citations"])
    english = ask("why was the VAS routine replaced")
    assert english["answer"].startswith("“Registrering av riktade hemsjukvårdsbesök av läkare i VAS”")
    assert "was replaced on 2025-03-31" in english["answer"]


def test_what_changed_between_vas_and_cosmic_lists_the_rule_table_differences(ask):
    body = ask("vad ändrades mellan VAS och Cosmic?")
    assert body["kind"] == "version"
    assert "Kontakttyp" in body["answer"] and "Besökstyp" in body["answer"]
    assert any("2025-03-31 Rutinen är ny" in c["quote"] for c in body["citations"])
    # an amount only where the version's own text states it: Cosmic gives 200 kr, and for 85
    # and older only the category (the 0 kr rests on the VAS routine)
    new = next(line for line in body["answer"].splitlines() if line.startswith("• Nytt i Cosmic"))
    assert "Läkare närsjukvård 200 kr" in new
    assert "Läkare närsjukvård äldre (inget belopp angivet)" in new
    assert "äldre 0 kr" not in new


def test_a_telefonnr_question_is_not_covered(ask):
    body = ask("vad är telefonnr till läkarmedverkan?")
    assert body["kind"] == "no_answer" and body["citations"] == []


def test_what_a_clinic_is_paid_for_an_ordinary_visit_is_not_answered_by_another_topic(ask):
    # stop 25: "vad får vc betalt för …" asked for an amount, and got the report's sentence on
    # child health care's home visits, which names none
    a = ask("vad får vc betalt för ett vanligt hembesök hos khsv-pat")
    assert "barnhälsovården" not in a["answer"]
    # (since stop 28 "vad får vc betalt" is the compensation rule: none for an ordinary visit)
    assert "ger ingen extra ersättning" in a["answer"]


def test_lakarmedverkan_end_date_question_with_a_swedish_date_is_a_date_rule(ask):
    body = ask("skrevs ut 1 april 2026, hur länge kan läkarmedverkan stötta?")
    assert body["date_rule"]["support_until"] == "2026-04-15"
    assert body["decision"] is None


def test_a_physician_fee_asked_of_the_municipality_is_not_covered(client):
    # the Västra Götaland municipality's routine is about nurses' and therapists' care: its
    # fee levels are no answer to what a physician's home visit costs
    r = client.post("/api/v1/chat", json={
        "message": "vad betalar patienten för ett läkarbesök i hemmet?",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    body = r.json()
    assert body["kind"] == "no_answer" and body["citations"] == []
    assert "Nivå 1" not in body["answer"]


def test_the_patient_fee_for_a_therapists_visit_is_not_covered(ask):
    # the physicians' routine states neither, and its compensation rule is no answer to it
    for question in ("vad betalar patienten för ett hembesök av arbetsterapeut?",
                     "what does the patient pay for a nurse home visit?"):
        body = ask(question)
        assert body["kind"] == "no_answer" and body["citations"] == [], question
        assert "500" not in body["answer"]


def test_what_pat_pays_for_a_physician_visit_gets_both_fee_rows(ask):
    body = ask("vad betalar pat för läkarbesök i hemmet")
    assert "200 kr" in body["answer"] and "85 år" in body["answer"]
    assert {c["document_id"] for c in body["citations"]} >= {"rh-hemsjukvardsbesok-cosmic",
                                                             "rh-hemsjukvardsbesok-vas"}


def test_a_general_registration_question_lists_every_field_of_the_routine_in_force(ask):
    body = ask("hur registrerar jag ett hembesök?")
    assert body["decision"] is None and body["kind"] == "search"
    for line in ("Kontakttyp: Hemsjukvårdsbesök", "Kund: Primärvård",
                 "Riktad hemsjukvård| information| brytpunktssamtal (vid brytpunktssamtal)"):
        assert line in body["answer"]
    assert "Cosmic" in body["answer"].splitlines()[0]
    assert "rh-hemsjukvardsbesok-cosmic" in {c["document_id"] for c in body["citations"]}
    # the journal system named picks its version, said to be no longer in force
    past = ask("hur registrerade man riktade hembesök i VAS?")
    assert "till och med 2025-03-30" in past["answer"] and "Avgiftstyp: H3" in past["answer"]


def test_phone_number_question_is_not_covered(ask):
    body = ask("vad är telefonnumret till hallandsjouren?")
    assert body["kind"] == "no_answer" and body["citations"] == []


def test_an_english_question_with_a_swedish_term_gets_an_english_frame(ask):
    body = ask("How many percent did Läkarmedverkan visits go up in 2021?")
    assert "45 procent" in body["answer"] and "Source:" in body["answer"]
    # an English lead names what the Swedish quote is (walk-through, stop 23)
    assert body["answer"].startswith("The report says (in Swedish):\n“")


def test_a_share_asked_for_is_answered_by_its_sentence_not_a_table(ask):
    body = ask("med hur många procent ökade läkarmedverkans besök 2021 jmf med året innan")
    assert "45 procent" in body["answer"]


def test_a_reply_to_a_question_of_an_expired_conversation_starts_a_new_one_and_says_so(ask):
    gone = "a" * 32
    body = ask("87", gone)
    assert body["conversation_restarted"] is True and body["conversation_id"] != gone
    assert body["kind"] != "rule" and body["decision"] is None
    again = ask("87", body["conversation_id"])
    assert again["conversation_restarted"] is False


def test_a_kva_code_question_is_not_covered_rather_than_answered_with_a_rule(ask):
    for question in ("What is the KVÅ code for an occupational therapist's home visit?",
                     "vilken kvå-kod för arbetsterapeutens hembesök"):
        body = ask(question)
        assert body["kind"] == "no_answer", question
        assert body["citations"] == [] and body["decision"] is None


def test_a_short_follow_up_pointing_back_is_searched_with_the_quoted_passages_heading(ask):
    # "var journalför jag den?" alone names nothing; after an answer on the follow-up of home
    # care it asks where that follow-up is recorded (walk-through as a new user: refused).
    first = ask("när ska uppföljning av hemsjukvård göras?")
    assert first["citations"][0]["section"] == "Uppföljning av hemsjukvård"
    second = ask("var journalför jag den?", first["conversation_id"])
    assert second["kind"] == "search" and "Treserva" in second["answer"]
    alone = ask("var journalför jag den?")
    assert "Treserva" not in alone["answer"]


def test_a_follow_up_on_a_decision_asks_about_that_decision(ask):
    first = ask("vad innebär HSU-beslutet om läkarinsatser i hemmet?")
    second = ask("vad kostar satsningen?", first["conversation_id"])
    assert "28,5 miljoner" in second["answer"]


def test_a_long_new_question_after_a_search_answer_is_read_on_its_own(ask):
    first = ask("när ska uppföljning av hemsjukvård göras?")
    second = ask("Vem har ansvaret för hemsjukvårdens patienter under jourtid i Halland?",
                 first["conversation_id"])
    assert "Hallandsjouren" in second["answer"]
    assert second["citations"][0]["section"] != "Uppföljning av hemsjukvård"


def test_can_i_do_the_visit_by_phone_gets_the_rule_in_english(ask):
    body = ask("Can I do the visit by phone instead?")
    assert body["kind"] == "search"
    assert "can never take place remotely" in body["answer"]
    assert "kan aldrig ske på distans" in body["citations"][0]["quote"]


@pytest.mark.parametrize("question, says", [
    ("hur mkt får vc betalt per hembesök enl HSU-beslutet 2026?", "varken belopp eller startdatum"),
    ("how much does the health centre get per home visit under the HSU decision?",
     "neither an amount nor a start date"),
])
def test_an_amount_the_decision_does_not_give_is_said_to_be_missing(ask, question, says):
    body = ask(question)
    # not covered (no citations, as the API says), with the decision's own words named
    assert body["kind"] == "no_answer" and says in body["answer"] and body["citations"] == []
    assert "Ersättning per hemsjukvårdsbesök" in body["answer"]
    assert "Läkarinsatser i hemmet" in body["answer"]


@pytest.mark.parametrize("question, fact", [
    ("hur mycket höjs ersättningen för säbo-uppdraget enligt beslutet?", "50 procent"),
    ("vad kostar satsningen enligt HSU-beslutet?", "28,5 miljoner"),
])
def test_an_amount_the_decision_gives_is_quoted(ask, question, fact):
    body = ask(question)
    assert body["kind"] == "search" and fact in body["answer"]


def test_a_date_given_while_the_age_is_asked_for_amends_the_visit_and_asks_again(ask):
    first = ask("How do I register a home visit in Cosmic? Patient discharged from hospital, "
                "lives in a nursing home.")
    assert first["question"] and "How old" in first["question"]
    from datetime import timedelta

    from rutin.clock import today_in_stockholm

    second = ask("yesterday", first["conversation_id"])
    yesterday = (today_in_stockholm() - timedelta(days=1)).isoformat()
    assert second["facts"]["visit_date"] == yesterday
    assert second["decision"]["visit_date"] == yesterday
    assert "did not understand" not in second["answer"]
    assert "How old" in second["question"]
    third = ask("she is 90", second["conversation_id"])
    assert third["decision"]["patient_age"] == 90
    assert third["facts"]["visit_date"] == second["facts"]["visit_date"]


def test_can_the_physician_do_the_visit_by_video_gets_the_rule(ask):
    body = ask("kan läkaren göra besöket via video?")
    assert "kan aldrig ske på distans" in body["answer"] and "ger inte ersättningen" in body["answer"]


@pytest.mark.parametrize("question", ["kan brytpunktsamtal göras på video",
                                      "Can the breakpoint conversation be done by video call?"])
def test_can_an_occasion_be_done_remotely_gets_the_rule(ask, question):
    # walk-through, stop 26: the Vårdtjänst line was quoted, and in English it was refused
    body = ask(question)
    assert body["kind"] == "search" and body["decision"] is None
    assert "kan aldrig ske på distans" in body["answer"]
    assert body["citations"][0]["document_id"] == "rh-hemsjukvardsbesok-cosmic"


@pytest.mark.parametrize("question", ["hur registrerar jag besöket?", "hur reggar vi det?",
                                      "how do I register the visit?"])
def test_how_do_i_register_the_visit_gets_the_registration_and_a_question_back(ask, question):
    # The developer guide's example: the physician's own visit, just made. A registration
    # answer asking for what is missing, never one quoted line.
    body = ask(question)
    assert body["kind"] in ("rule", "clarify") and body["question"]
    assert body["decision"] is None or body["decision"]["system"] == "Cosmic"


def test_a_general_registration_question_is_still_a_search(ask):
    body = ask("hur registrerar man besöket i cosmic generellt?")
    assert body["decision"] is None


def test_a_corrected_day_without_a_year_keeps_the_visits_year(ask):
    a = ask("inskrivning ny pat ordinärt boende 31/3 2025, 90 år")
    assert a["decision"]["routine"]["document_id"] == "rh-hemsjukvardsbesok-cosmic"
    b = ask("och om det var 30/3", a["conversation_id"])
    assert b["facts"]["visit_date"] == "2025-03-30"
    assert b["decision"]["routine"]["document_id"] == "rh-hemsjukvardsbesok-vas"


def test_a_fact_after_another_question_amends_the_visit_described_before(ask):
    a = ask("hembesök efter utskrivning 12/11 pat 74 år säbo")
    b = ask("hur bokar jag tolk", a["conversation_id"])
    assert b["kind"] == "no_answer"
    c = ask("hon är 90 förresten", a["conversation_id"])
    assert c["facts"]["visit_date"] == "2026-11-12" and c["facts"]["occasion"] == "utskrivning"
    assert c["facts"]["patient_age"] == 90 and c["decision"]["patient_fee_sek"] == 0


def test_whether_a_visit_within_lakarmedverkan_gives_500_kr_is_the_visit_rule(ask):
    body = ask("pat har läkarmedverkan, jag gjorde hembesök efter utskrivning igår. får vc 500kr?")
    assert body.get("date_rule") is None
    # the patient has Läkarmedverkan's support: whether this visit was made within it is
    # asked (walk-through, stop 20: a visit by the clinic's own physician was denied the 500 kr)
    assert body["question"] == "Gjordes besöket inom Läkarmedverkan i hemsjukvården?"
    within = ask("ja", body["conversation_id"])
    assert within["decision"]["eligible"] is False
    assert ask("hembesök inom läkarmedverkan igår efter utskrivning, får vc 500kr?")[
        "decision"]["eligible"] is False


def test_how_long_lakarmedverkan_helps_after_a_discharge_asked_in_english(ask):
    body = ask("pt discharged nov 25, how long can läkarmedverkan help out at home")
    assert body["decision"] is None
    assert body["date_rule"]["support_until"] == "2026-12-09"


def test_a_date_given_after_a_date_rules_answer_corrects_its_date(ask):
    a = ask("Vi anslöt en patient den 15 oktober 2026, när måste första uppföljningen göras?")
    assert a["date_rule"]["first_by"] == "2026-12-15"
    b = ask("förresten var det 28/10 vi anslöt henne", a["conversation_id"])
    assert b["date_rule"]["first_by"] == "2026-12-28"
    c = ask("hur länge får en patient stöd av Läkarmedverkan efter utskrivning? utskriven 20/11")
    d = ask("nej förresten, det var 25/11", c["conversation_id"])
    assert d["date_rule"]["support_until"] == "2026-12-09" and d["decision"] is None


def test_a_short_swedish_reply_with_an_english_looking_word_stays_swedish(ask):
    a = ask("hur lång tid efter anslutning ska första uppföljningen ske")
    b = ask("vi skrev in honom 3/11", a["conversation_id"])
    assert "I have noted" not in b["answer"] and "What do you want" not in b["answer"]


def test_a_search_answer_comes_from_the_version_in_force_not_the_one_it_replaced(ask):
    body = ask("500 kr")
    assert body["citations"][0]["document_id"] == "rh-hemsjukvardsbesok-cosmic"
    # the earlier version named: its passage answers
    old = ask("hur registrerade man ersättningen i vas")
    assert old["citations"][0]["document_id"] == "rh-hemsjukvardsbesok-vas"


def test_where_it_says_so_names_the_passage_the_last_answer_quoted(ask):
    a = ask("hur ofta ska läkemedelsgenomgång göras på säbo")
    assert a["kind"] == "search" and a["citations"]
    b = ask("var står det?", a["conversation_id"])
    assert b["kind"] == "search"
    assert [(c["document_id"], c["anchor"]) for c in b["citations"]] == \
        [(a["citations"][0]["document_id"], a["citations"][0]["anchor"])]
    assert a["citations"][0]["section"] in b["answer"]


def test_an_amount_asked_after_an_answer_from_the_decision_is_the_decisions_notice(client):
    def ask_in(message, cid=None):
        body = {"message": message, "organization": "Region Halland"}
        if cid:
            body["conversation_id"] = cid
        return client.post("/api/v1/chat", json=body).json()

    a = ask_in("Vad innebär beslutet i HSU 2026-03-03 för vårdcentralerna?")
    assert a["citations"][0]["document_id"] == "rh-hsu-lakarinsatser-i-hemmet"
    b = ask_in("Vilket belopp blir ersättningen per hemsjukvårdsbesök och från vilket datum "
               "gäller den?", a["conversation_id"])
    assert b["kind"] == "no_answer" and "500 kr" not in b["answer"]
    assert "varken belopp eller startdatum" in b["answer"]


def test_what_she_pays_right_after_a_registration_answer_is_that_visits_fee(ask):
    a = ask("hey, did a home visit at a sabo yesterday after the pt got discharged from "
            "hospital, she's 82. how do i register it in cosmic?")
    b = ask("and what does she pay", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 200 and b["facts"]["patient_age"] == 82


@pytest.mark.parametrize("question", ["lön sjuksköterska hemsjukvård",
                                      "what is the salary of a district nurse",
                                      "vad tjänar en sjuksköterska i månaden",
                                      "what does a nurse earn per month"])
def test_a_salary_is_not_covered(ask, question):
    # walk-through in the widget, stop 26: the table of home visits was quoted
    body = ask(question)
    assert body["kind"] == "no_answer" and body["citations"] == []


@pytest.mark.parametrize("question", ["vad tjänar vårdcentralen på ett hembesök",
                                      "how much does the clinic get paid for a home visit"])
def test_what_the_clinic_earns_on_a_home_visit_is_the_compensation_rule(ask, question):
    # the English question was refused, the Swedish one quoted a report's sentence on visits
    body = ask(question)
    assert body["kind"] == "search"
    assert "Ersättning utgår med 500 kr" in body["answer"]


def test_the_meaning_of_a_word_is_never_a_sentence_about_a_word_grouped_with_it(ask):
    # walk-through, stop 27: "Vad betyder vårdbegäran?" got "Underlag för bedömning … i IT
    # -systemet SAMSA" (SAMSA shares a lexicon group with vårdbegäran), without the word, as
    # if it were the meaning
    body = ask("Vad betyder vårdbegäran?")
    assert "vårdbegäran" in body["answer"].lower().split("\n", 1)[1]
    assert body["answer"].startswith("Rutinerna förklarar inte vad ”vårdbegäran” betyder")
    # an abbreviation is still explained under the lexicon's full name
    assert "Läkarmedverkan" in ask("vad betyder lmv")["answer"]


def test_a_travel_allowance_is_not_covered(ask):
    body = ask("whats the mileage reimbursement for driving to home visits")
    assert body["kind"] == "no_answer" and "500" not in body["answer"]
    assert "VAS" not in body["answer"]  # the nearby pointer names no replaced version


def test_the_meaning_of_a_word_is_the_sentence_explaining_it_or_said_to_be_missing(ask):
    explained = ask("vad betyder hemsjukvård")
    assert explained["answer"].startswith("Med hemsjukvård avses")
    abbreviation = ask("vad betyder SIP?")
    assert "samordnad individuell plan" in abbreviation["answer"]
    assert "förklarar inte" not in abbreviation["answer"]
    # only used, never explained: said so, and where the word is used is quoted
    used = ask("vad betyder växelvård?")
    assert used["answer"].startswith("Rutinerna förklarar inte vad ”växelvård” betyder.")
    assert "Växelvård eller Avlastning" in used["citations"][0]["quote"]


def test_a_fee_the_routine_gives_no_amount_for_is_not_covered_with_its_description(client):
    body = client.post("/api/v1/chat", json={
        "message": "Vad kostar hemsjukvården för patienten? det finns visst två nivåer",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"}).json()
    assert body["kind"] == "no_answer" and body["citations"] == []
    assert body["answer"].startswith("Rutinerna anger inget belopp för avgiften.")
    assert "Nivå 1" in body["answer"] and "dygnet runt" in body["answer"]


def test_a_changed_age_with_a_fee_question_amends_the_visit(ask):
    a = ask("brytpunktssamtal igår säbo 83 år")
    assert a["decision"]["patient_fee_sek"] == 200
    b = ask("pat fyllde 85 dagen innan besöket förresten, ändrar det avgiften?",
            a["conversation_id"])
    # (the birthday is the day before the visit: her birth date, 85 years before it)
    assert "birth_date" in b["facts"] and "patient_age" not in b["facts"]
    assert b["decision"]["patient_fee_sek"] == 0
    assert "ålder på besöksdagen: 85 år" in b["answer"]
    assert b["facts"]["visit_date"] == a["facts"]["visit_date"]


def test_a_follow_up_on_the_decisions_notice_points_back_at_the_decision(ask):
    a = ask("hur mkt blir nya ersättningen per hembesök enl hsu beslutet")
    assert a["kind"] == "no_answer"
    b = ask("vad kostar satsningen totalt", a["conversation_id"])
    assert "28,5 miljoner kronor" in b["answer"]


def test_since_when_the_500_kr_exists_is_its_start_date(ask):
    body = ask("När infördes den extra ersättningen på 500 kr för riktade hemsjukvårdsbesök?")
    assert "infördes 2023-01-01" in body["answer"]


def test_asking_what_an_occasion_word_means_leaves_the_visit_unchanged(ask):
    a = ask("hembesök säbo 5/11 pat 88")
    assert a["question"] and "occasion" in a["decision"]["missing"]
    b = ask("vad betyder brytpunktssamtal", a["conversation_id"])
    assert b["decision"] is None and b["kind"] == "search"
    assert "förklarar inte" in b["answer"]
    c = ask("87", a["conversation_id"])  # the visit is still the one described
    assert c["facts"].get("occasion") is None


def test_where_it_says_so_after_a_registration_answer_lists_its_passages(ask):
    a = ask("inskrivningssamtal hemma hos ny pat 14/10, 92 år")
    assert a["decision"]["eligible"] is True
    b = ask("var står det?", a["conversation_id"])
    assert b["kind"] == "search" and "Registrering i Cosmic" in b["answer"]
    assert {c["document_id"] for c in b["citations"]} >= {"rh-hemsjukvardsbesok-cosmic"}


def test_can_it_be_extended_after_the_support_period_quotes_the_extension_clause(ask):
    # walk-through, stop 19: "kan det förlängas?" after the 14-day answer quoted that the
    # agreements with the clinics are extended automatically
    a = ask("pat utskriven 20/11, hur länge kan läkarmedverkan stötta?")
    assert a["kind"] == "rule"
    b = ask("kan det förlängas?", a["conversation_id"])
    assert "möjlighet till förlängning" in b["answer"]
    assert "Avtalen förlängs" not in b["answer"]


def test_an_age_correction_to_the_occasions_question_changes_the_age(ask):
    # walk-through, stop 19: "nej 85" kept 84 and made the occasion "annat"
    a = ask("vad kostar hembesök för pat 84 år")
    assert a["decision"]["patient_fee_sek"] == 200 and "occasion" in a["decision"]["missing"]
    b = ask("nej 85", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 0 and "Ändrat: ålder 84 → 85" in b["answer"]
    assert "occasion" in b["decision"]["missing"]


def test_a_bare_age_while_another_fact_is_asked_for_is_kept(ask):
    # walk-through, stop 19: "77" to the housing question was "Jag förstod inte svaret"
    a = ask("hembesök 2/4 khsv efter utskrivning")
    assert a["question"] and a["decision"]["patient_fee_sek"] is None
    b = ask("77", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200


def test_an_age_with_the_verb_first_amends_the_visit(ask):
    a = ask("inskrivningssamtal igår 83 år ordinärt boende")
    b = ask("förresten är hon 86", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0


def test_a_month_without_a_day_is_asked_for_and_its_year_kept(ask):
    # walk-through, stop 19: "i feb 2025" became today's Cosmic registration; a month across
    # two versions of the routine (VAS until 2025-03-30, Cosmic from 2025-03-31) is asked for
    # its day, and the reply's day is in that month's year
    a = ask("brytpunktssamtal på säbo i mars 2025, pat 87, hur registrerar jag?")
    assert a["kind"] == "clarify" and a["decision"] is None
    assert "”i mars 2025” anger ingen dag" in a["answer"]
    b = ask("14/3", a["conversation_id"])
    assert b["decision"]["system"] == "VAS" and "2025-03-14" in b["answer"]
    # a month wholly inside one version is answered by it (walk-through, stop 22)
    c = ask("brytpunktssamtal på säbo i feb 2025, pat 87, hur registrerar jag?")
    assert c["decision"]["system"] == "VAS" and "hela ”feb 2025”" in c["answer"]


def test_a_month_of_a_year_out_of_range_keeps_the_conversation(ask):
    # a year the conversation store refuses was kept as the visit's year
    a = ask("brytpunktssamtal på säbo i feb 9999, pat 87, hur registrerar jag?")
    assert a["kind"] == "clarify"
    b = ask("14/2 2025", a["conversation_id"])
    assert b["conversation_id"] == a["conversation_id"]
    assert b["decision"]["system"] == "VAS" and "2025-02-14" in b["answer"]


def test_a_visit_last_week_is_answered_by_the_one_routine_in_force_all_week(ask):
    # (it was asked for its day; all of last week lies in the Cosmic routine's time:
    # walk-throughs, stop 22, counted such questions as refused wrongly)
    a = ask("hw much does pt pay for home vist, 80yo, last week, after discharge, lives at home "
            "enroled in home care")
    assert a["kind"] == "rule" and a["decision"]["patient_fee_sek"] == 200
    assert a["answer"].startswith("The day is missing, but all of “last week” falls under")


def test_what_does_that_mean_after_a_search_answer_quotes_that_answers_whole_section(ask):
    # walk-through, stop 19: "vad betyder det" quoted a sentence on the buses' hygiene
    a = ask("vem ansvarar på kväll o natt för en pat som brukar gå till vårdcentralen")
    assert "kvälls- och nattetid" in a["answer"]
    b = ask("vad betyder det", a["conversation_id"])
    assert b["kind"] == "search" and "Patienterna ansluts inte" in b["answer"]
    assert "buss" not in b["answer"].lower()
    assert b["citations"][0]["document_id"] == a["citations"][0]["document_id"]


def test_what_does_that_mean_after_a_registration_answer_asks_which_word(ask):
    a = ask("inskrivningssamtal igår 83 år ordinärt boende")
    b = ask("vad betyder det?", a["conversation_id"])
    assert b["kind"] == "clarify" and "Vilket ord" in b["answer"]
    # the visit is still the conversation's: a changed age amends it
    c = ask("och om hon är 86?", a["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["patient_fee_sek"] == 0


def test_a_follow_up_naming_no_organization_stays_with_the_last_answers_organization(ask):
    # walk-through, stop 19: after the municipality's fee levels, "hur mycket kr är det då"
    # got Region Halland's 200 kr for a physician's visit
    a = ask("vad betyder nivå 1 o nivå 2")
    assert "Västra Götaland" in a["answer"]
    b = ask("hur mycket kr är det då", a["conversation_id"])
    assert "200 kr" not in b["answer"] and "Region Halland" not in b["answer"]
    assert b["understood"]["organization"] == "Kommun i Västra Götaland (Sektor Välfärd)"


def test_a_report_and_a_decision_are_dated_never_said_to_be_in_force(ask):
    # walk-through, stop 19: "(Region Halland, gäller från 2022-02-16)" for the 2022 report
    a = ask("vem har ansvar på natten för hemsjukvårdspat")
    assert "Hallandsjouren" in a["answer"] and "rapport 2022-02-16" in a["answer"]
    assert "gäller från 2022-02-16" not in a["answer"]
    assert a["citations"][0]["document_kind"] == "report"
    b = ask("Vilka rutiner gäller idag för Region Halland?")
    assert "är ett beslut daterat 2026-03-03" in b["answer"]
    assert "gäller från 2025-03-31; gäller i dag" in b["answer"]
    c = ask("gäller hsu-beslutet fortfarande?")
    assert "gäller i dag" not in c["answer"] and "beslut daterat 2026-03-03" in c["answer"]


@pytest.mark.parametrize("message, verdict", [
    # walk-through, stop 19: the HSU decision's "ersättning för hembesök av läkare" read as a yes
    ("vanligt hembesök säbo pga förkylning ingen utskrivning ger det 500", "Nej, ett sådant besök"),
    ("is the 500 kr paid for a regular checkup at sabo", "No, such a visit"),
    ("får man 500 kr för brytpunktssamtal på säbo?", "Ja, ett sådant besök ger 500 kr"),
    # walk-through, stop 26: "500kr" written together was no amount, and one occasion was
    # quoted without a no
    ("pat inskriven khsv ordinärt boende vanligt uppföljn besök ingen utskrivn ger det 500kr",
     "Nej, ett sådant besök"),
])
def test_whether_a_kind_of_visit_gives_the_500_kr_is_answered_yes_or_no_by_the_rules(
        ask, message, verdict):
    body = ask(message)
    assert body["decision"] is None and verdict in body["answer"]
    assert "någon av nedan" in body["answer"] and body["citations"]


def test_how_one_registered_in_vas_lists_the_vas_fields_and_a_fee_follow_up_stays_in_vas(ask):
    # walk-through, stop 19: "hur registrerade man i vas" got the Summa line only, and "och vad
    # betalade pat över 85" then Cosmic's fee line
    a = ask("hur registrerade man i vas")
    assert "Besökstyp: Hemsjukvårdsbesök" in a["answer"] and "Avgiftstyp: H3" in a["answer"]
    assert "som gällde till och med 2025-03-30" in a["answer"]
    b = ask("och vad betalade pat över 85", a["conversation_id"])
    assert "avgiftsfritt" in b["answer"] and "Cosmic" not in b["answer"]
    assert "som gällde till och med 2025-03-30" in b["answer"]
    assert "gäller i dag" not in b["answer"]


def test_an_english_fee_question_naming_the_age_limit_gets_the_fee_rows_in_english(ask):
    body = ask("whats the fee if pt is over 85")
    assert "The patient is 85 or older" in body["answer"] and "SEK 0" in body["answer"]
    assert all(c["document_id"].startswith("rh-") for c in body["citations"])


def test_facts_alone_after_an_offer_to_check_one_visit_start_that_visit(ask):
    # walk-through, stop 19: every short reply after the general registration answer went to
    # search, and the facts were lost
    a = ask("need to register a visit")
    b = ask("nursing home", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["setting"] == "sabo"
    c = ask("88", b["conversation_id"])
    assert c["decision"]["patient_fee_sek"] == 0
    d = ask("discharge", c["conversation_id"])
    assert d["decision"]["compensation_sek"] == 500
    e = ask("last tuesday", d["conversation_id"])
    # a day before today, the day assumed until then
    assert e["decision"]["visit_date"] < d["decision"]["visit_date"]
    assert e["decision"]["compensation_sek"] == 500


def test_whether_a_patient_can_say_no_is_answered_with_the_voluntariness_sentence(ask):
    # walk-through, stop 19: "kan hon säga nej" was refused
    body = ask("kan patienten säga nej till hemsjukvård?")
    assert "alltid frivilligt" in body["answer"]


@pytest.mark.parametrize("query, needed", [
    # walk-through, stop 19 (widget): one sentence of each section, the needed one left out
    ("uppföljning hemsjukvård", ["två månader", "var sjätte månad"]),
    ("cosmic", ["Kontakttyp: Hemsjukvårdsbesök", "Kund: Primärvård", "Patientavgift:"]),
])
def test_a_search_box_query_naming_a_sections_heading_gets_the_whole_section(ask, query, needed):
    body = ask(query)
    assert body["kind"] == "search"
    for text in needed:
        assert text in body["answer"]


def test_a_bare_how_do_i_register_gets_the_registration_fields(ask):
    body = ask("hur registrerar jag")
    assert "Kontakttyp: Hemsjukvårdsbesök" in body["answer"] and body["decision"] is None


def test_an_amount_for_a_year_no_document_names_is_not_covered(ask):
    # walk-through, stop 19: the 2026 decision's 28,5 miljoner was quoted as 2027's budget
    body = ask("Vad är budgeten för hemsjukvården i Halland 2027?")
    assert body["kind"] == "no_answer" and "28,5" not in body["answer"]
    # a year a document names, in a passage without the amount (walk-through, stop 26: the
    # HSU decision of 2025-02-11 to investigate was quoted as the 2025 budget outcome)
    body = ask("Vad är vårt budgetutfall för hemsjukvården 2025?")
    assert body["kind"] == "no_answer" and "Tilläggsbeslut" not in body["answer"]
    # the amount the decision states still answers what it is financed with
    assert "28,5 miljoner kronor" in ask("vad är budgeten för läkarinsatserna")["answer"]
    # "hur stor är finansieringen" asks that amount too (walk-through, stop 26: the first
    # part got the decision's points without it)
    body = ask("Hur stor är finansieringen av läkarinsatserna och var kommer pengarna ifrån?")
    assert body["answer"].count("28,5 miljoner kronor") == 1
    assert "En utvidgning av Läkarmedverkans insatser" not in body["answer"]


def test_where_it_says_so_after_an_age_corrected_card_lists_the_places(ask):
    # re-check, stop 19: "var står det?" after "nej 85" was "Jag förstod inte svaret"
    a = ask("vad kostar hembesök för pat 84 år")
    b = ask("nej 85", a["conversation_id"])
    c = ask("var står det?", b["conversation_id"])
    assert "bygger på de här ställena" in c["answer"] and c["citations"]


def test_a_follow_up_after_a_figure_reads_the_same_table(ask):
    # walk-through, stop 19: "och undersköterskorna 2021?" got the table of monthly averages
    a = ask("Hur många hembesök gjorde läkarna på Vårdcentralen Halland 2020?")
    assert "2213" in a["answer"]
    b = ask("och undersköterskorna 2021?", a["conversation_id"])
    assert "7018" in b["answer"] and "25,4" not in b["answer"]


def test_a_difference_between_things_no_document_is_named_after_is_no_version_question(ask):
    # re-check, stop 19: "ssih asih skillnad" got the VAS → Cosmic changes
    body = ask("ssih asih skillnad")
    assert body["kind"] != "version" and "Journalsystem: VAS → Cosmic" not in body["answer"]
    assert "VAS → Cosmic" in ask("vad är nytt i den nya versionen?")["answer"]


def test_an_amount_asked_of_an_organization_whose_routines_lack_it_says_where_it_is(client):
    # re-check, stop 19: with the Västra Götaland municipality picked, "får vi 500 kr …" quoted
    # an unrelated sentence of its routine
    body = client.post("/api/v1/chat", json={
        "message": "får vi 500 kr för hembesök efter utskrivning",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"}).json()
    assert body["kind"] == "no_answer" and body["decision"] is None
    assert "tar inte upp 500 kr" in body["answer"] and "Region Halland" in body["answer"]
    assert "Cosmic" in body["answer"] and "VAS" not in body["answer"]


def test_how_do_i_register_alone_in_english_gets_how_the_visit_is_registered(ask):
    # stop 19's known miss: "how do i register" was refused as out of scope, while "hur
    # registrerar jag" got the registration's fields
    body = ask("how do i register")
    assert body["kind"] == "search" and "Kontakttyp: Hemsjukvårdsbesök" in body["answer"]
    assert "Kund: Primärvård" in body["answer"] and "Want to know" in body["answer"]


def test_when_something_was_introduced_is_answered_with_the_sentence_giving_the_date(ask):
    # stop 19's known miss: "när infördes 500 kr ersättningen" quoted the occasions of
    # "Förutsättningar" instead of the background's "… infördes 2023-01-01"
    for question in ("när infördes 500 kr ersättningen", "when was the 500 kr introduced"):
        body = ask(question)
        assert body["kind"] == "search", question
        assert "infördes 2023-01-01" in body["answer"], question


def test_nite_is_read_as_night(ask):
    # stop 19's known miss: "who covers home care pts at nite" quoted the HSU decision's aim
    body = ask("who covers home care pts at nite")
    assert "Hallandsjouren" in body["answer"]


def test_a_patient_with_lakarmedverkans_support_is_asked_whether_the_visit_was_within_it(ask):
    # walk-through, stop 20: "har stöd från läkarmedverkan" denied the clinic's 500 kr
    a = ask("pat utskriven 20/11 o har stöd från läkarmedverkan, jag gjorde hembesök igår på "
            "säbo. får vc 500")
    assert a["decision"]["compensation_sek"] is None
    assert a["question"] == "Gjordes besöket inom Läkarmedverkan i hemsjukvården?"
    b = ask("nej", a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 500
    c = ask("pat med läkarmedverkan, hembesök idag säbo 90 år utskrivning")
    assert ask("ja", c["conversation_id"])["decision"]["compensation_sek"] == 0


def test_what_a_field_means_is_said_to_be_unexplained_with_the_fields_line(ask):
    # walk-through, stop 20: "Kund: Primärvård" was quoted as if it were the meaning, and
    # "whats vårdtjänst mean" after a card repeated the card
    a = ask("brytpunktssamtal säbo idag 79-åring")
    b = ask("vad betyder kund primärvård?", a["conversation_id"])
    assert b["answer"].startswith("Rutinerna förklarar inte vad ”kund primärvård” betyder.")
    en = ask("hi, did a home visit yesterday at a nursing home, pt 91, discharged from hosptial "
             "last week. how do i registr it in cosmic")
    c = ask("whats vårdtjänst mean", en["conversation_id"])
    assert c["decision"] is None
    assert c["answer"].startswith("The routines do not explain what “vårdtjänst” means.")
    assert "brytpunktssamtal" in c["answer"]


def test_an_abbreviation_with_its_expansion_in_brackets_is_explained(ask):
    body = ask("what does PKT mean")
    assert "Palliativa konsultteam" in body["answer"] and "do not explain" not in body["answer"]


def test_a_patient_on_leave_from_hospital_in_the_vg_municipality_gets_its_permission_rule(ask):
    # walk-through, stop 20: the Halland HSU decision was quoted, and "vastra gotaland"
    # without its letters named no organization
    body = ask("in the vastra gotaland kommun, if a pt is on leave from hospital who does the "
               "nursing at home")
    assert "permission från slutenvård" in body["answer"]
    assert "Västra Götaland" in body["citations"][0]["organization"]


def test_another_year_alone_in_a_what_if_moves_the_visit_to_that_year(ask):
    # walk-through, stop 20: "och om det var 2026 istället?" quoted "Avtalen förlängs …"
    a = ask("brytpunktssamtal 14/2 2024 säbo 86-åring hur reg")
    assert a["decision"]["system"] == "VAS"
    b = ask("och om det var 2026 istället?", a["conversation_id"])
    assert b["decision"]["system"] == "Cosmic" and b["facts"]["visit_date"] == "2026-02-14"
    assert "2024-02-14 → 2026-02-14" in b["answer"]


def test_how_long_lakarmedverkan_supports_without_a_date_states_the_rule_and_counts_a_reply(ask):
    # walk-through, stop 20: "hur länge har läkarmedverkan pat då" and the widget's
    # "läkarmedverkan 14 dagar" quoted the indicator "… inom och efter 14 dagar"
    for question in ("hur länge har läkarmedverkan pat då", "läkarmedverkan 14 dagar"):
        body = ask(question)
        assert body["kind"] == "search" and body.get("date_rule") is None, question
        assert "i upp till 14 dagar, med möjlighet till förlängning" in body["answer"], question
        assert "indikator" not in body["answer"].lower()
    a = ask("how long does lakarmedverkan support last")
    assert "up to 14 days" in a["answer"]
    # the offer to count is a question: the discharge date in reply is counted from
    b = ask("2026-11-20", a["conversation_id"])
    assert b["date_rule"]["support_until"] == "2026-12-04"
    # a visit described in full after the offer is a new question, not the discharge date
    c = ask("hur länge har läkarmedverkan pat då")
    d = ask("brytpunktssamtal säbo 2026-11-03 88 år hur reg", c["conversation_id"])
    assert d["decision"] is not None and d.get("date_rule") is None


def test_how_long_lakarmedverkan_supports_after_a_vague_discharge_asks_the_day(ask):
    # stop 20: got the Västra Götaland routine's validity
    a = ask("hur länge stöttar lmv efter utskrivning, pat skrevs ut förra veckan")
    assert a["kind"] == "clarify" and "Vilket datum skrevs patienten ut" in a["answer"]
    assert ask("2026-11-18", a["conversation_id"])["date_rule"]["support_until"] == "2026-12-02"


def test_the_age_from_which_the_patient_pays_nothing_is_the_fee_rule_in_english(ask):
    # walk-through, stop 20: "how old must the pt be to not pay anything" got a Swedish quote
    # alone, never saying 85 in English
    body = ask("how old must the pt be to not pay anything")
    assert "85 or older" in body["answer"] and "SEK 200" in body["answer"]


def test_doctors_and_nurses_asked_in_english_get_both_rows_of_the_table(ask):
    # walk-through, stop 20: "doctors" named no row, so only the nurses' 368 was given
    body = ask("how many home visits did doctors do in 2019 vs nurses")
    assert "Läkare 2019: 3016" in body["answer"] and "Sjuksköterska/DSK 2019: 368" in body["answer"]


def test_the_next_follow_up_counts_from_the_latest_follow_up_given(client):
    # re-check, stop 20: "senaste uppföljning 15/9" was read as the enrolment, so the first
    # follow-up's two months were counted from it (2026-11-15 instead of 2027-03-15)
    vg = "Kommun i Västra Götaland (Sektor Välfärd)"
    a = client.post("/api/v1/chat", json={
        "message": "vår patient hade sin senaste uppföljning 2026-09-15, när måste nästa vara "
                   "senast?", "organization": vg}).json()
    assert a["date_rule"]["next_by"][0] == "2027-03-15" and "2026-11-15" not in a["answer"]
    assert "minst var sjätte månad" in a["citations"][0]["quote"]
    b = client.post("/api/v1/chat", json={"message": "nej förlåt det var 2026-10-15",
                                          "conversation_id": a["conversation_id"],
                                          "organization": vg}).json()
    assert b["date_rule"]["next_by"][0] == "2027-04-15"


def test_the_follow_up_date_after_the_rules_sentence_and_after_the_first_one(ask):
    # walk-through, stop 26: the day of enrolment given after the follow-up sentence got
    # "Vid fortsatt anslutning beslutas datum …"; "om första gjordes 10 maj" was counted as
    # the day of enrolment (2 months, not 6)
    a = ask("När ska den första uppföljningen göras efter att någon anslutits till "
            "hemsjukvården?")
    b = ask("Patienten anslöts 2026-01-15, vilket datum är senast då?", a["conversation_id"])
    assert b["kind"] == "rule" and "senast 2026-03-15" in b["answer"]
    c = ask("När är nästa uppföljning om första gjordes 10 maj 2026?")
    assert c["date_rule"]["next_by"][0] == "2026-11-10"


@pytest.mark.parametrize("message, next_by", [
    # walk-through, stop 44: each counted as the day of enrolment (the first follow-up two
    # months later, not the next six months after it)
    ("vi gjorde första uppföljningen 15 juni 2026, när måste nästa vara gjord?", "2026-12-15"),
    ("om första uppf gjordes 20/3 2026, när är nästa senast?", "2026-09-20"),
    ("we did the first follow up 15/6 2026, when is the next due?", "2026-12-15")])
def test_a_follow_up_said_done_in_other_words_counts_six_months(client, message, next_by):
    a = ask_in(client, VG, message)
    assert a["kind"] == "rule" and a["date_rule"]["next_by"][0] == next_by


def test_a_follow_up_made_beside_the_enrolment_counts_six_months_from_the_follow_up(client):
    # walk-through, stop 46: "ansluten till hsv 31/8 i år, första uppf gjord 15/10" counted the
    # first follow-up from 31/8, a deadline 15 days late; "uppföljning gjord 2027-01-20" was
    # taken as an enrolment (two months, not six)
    a = ask_in(client, VG, "ny pat här i kommunen: kvinna 87 ansluten till hsv 31/8 2026, "
                           "första uppf gjord 15/10 2026. när är nästa uppf senast")
    assert a["kind"] == "rule" and a["date_rule"]["next_by"][0] == "2027-04-15"
    assert a["date_rule"]["last_followup"] == "2026-10-15"
    assert a["date_rule"]["enrolled_on"] == "2026-08-31"
    b = ask_in(client, VG, "uppföljning gjord 2027-01-20. nästa senast?")
    assert b["date_rule"]["next_by"][0] == "2027-07-20" and "anslutningen" not in b["answer"]


def test_a_follow_up_planned_or_said_done_after_the_count_counts_from_its_own_day(client):
    # walk-through, stop 46: after the first follow-up was counted from yesterday's
    # enrolment, "om vi gör första uppf redan 20/1" was read as last January's enrolment;
    # "men vi gjorde ju den 15/10?" as an enrolment too; "nästa år" after the follow-up's day
    # moved the enrolment told before it a year ahead
    from rules.months import add_months

    today = today_in_stockholm()
    a = ask_in(client, VG, f"hon anslöts {(today - timedelta(days=1)).isoformat()}. när ska "
                           "första uppföljningen vara gjord senast")
    assert a["date_rule"]["enrolled_on"] == (today - timedelta(days=1)).isoformat()
    planned = today + timedelta(days=40)
    b = ask_in(client, VG, f"om vi gör första uppf redan {planned.day}/{planned.month}, när "
                           "blir nästa då", a["conversation_id"])
    assert b["date_rule"]["last_followup"] == planned.isoformat()
    assert b["date_rule"]["next_by"][0] == add_months(planned, 6).isoformat()
    c = ask_in(client, VG, "ny pat: kvinna 87 ansluten till hsv 2026-08-31. när är nästa uppf "
                           "senast")
    assert c["date_rule"]["first_by"] == "2026-10-31"
    d = ask_in(client, VG, "men vi gjorde ju den 15/10 2026?", c["conversation_id"])
    assert d["date_rule"]["next_by"][0] == "2027-04-15"
    e = ask_in(client, VG, "hon anslöts 5/12 2026. första uppföljningen gör vi 20 januari "
                           "nästa år. när ska nästa uppföljning efter den vara klar")
    assert e["date_rule"]["next_by"][0] == f"{today.year + 1}-07-20"


def test_a_follow_up_made_in_a_month_without_its_day_counts_from_the_months_first_day(client):
    # walk-through, stop 46: "hon flyttade in 1 juli, uppf gjordes i augusti nån gång, minns
    # ej datum" called the move-in day "den senaste uppföljningen"
    a = ask_in(client, VG, "hon flyttade in 1 juli 2026, uppf gjordes i augusti nån gång, "
                           "minns ej datum. när är nästa?")
    assert a["kind"] == "rule" and a["date_rule"]["last_followup"].endswith("-08-01")
    assert a["date_rule"]["next_by"][0].endswith("-02-01")
    assert "månadens första dag" in a["answer"]


def test_a_first_follow_up_planned_is_said_in_time_or_too_late(client):
    # walk-through, stop 46: "ny pat, inskriven i hemsjukvården 20/10. vi tänkte göra första uppf
    # i januari, är det ok?" was counted as a follow-up made on 1 January; "om vi tar den 22/12
    # istället då? går det" after the first follow-up on 18/12 was last year's 22 December
    a = ask_in(client, VG, "ny pat, inskriven i hemsjukvården 2026-10-20. vi tänkte göra första "
                           "uppf i januari 2027, är det ok?")
    assert a["answer"].split("\n")[1].startswith("Nej: första uppföljningen ska göras senast "
                                                 "2026-12-20")
    assert a["date_rule"]["planned_in_time"] is False
    assert any("senast efter två månader" in c["quote"] for c in a["citations"])
    b = ask_in(client, VG, "ny pat inskriven 2026-10-20, första uppf gjord 2026-12-18. när är "
                           "nästa?")
    assert b["date_rule"]["next_by"][0] == "2027-06-18"
    c = ask_in(client, VG, "om vi tar den 2026-12-22 istället då? går det", b["conversation_id"])
    assert c["date_rule"]["planned_in_time"] is False and "2026-12-22 är för sent" in c["answer"]
    d = ask_in(client, VG, "enrolled 2026-10-20, we plan the first follow-up on 2026-12-10, ok?")
    assert d["answer"].split("\n")[1].startswith("Yes: 2026-12-10 is within the routine's two "
                                                 "months")


def test_a_dose_the_routines_never_state_is_not_covered(ask):
    # re-check, stop 20: "whats the morphine dose …" quoted the palliative team's sentence
    body = ask("whats the morphine dose for end of life pts at home")
    assert body["kind"] == "no_answer" and "PKT" not in body["answer"].split("closest")[0]


def test_how_many_kronor_an_occasion_gives_is_the_compensation_rule(ask):
    # stop 20: "hur många kronor får vc för ett brytpunktssamtal" quoted the decision's
    # 28,5 miljoner kronor
    body = ask("hur många kronor får vc för ett brytpunktssamtal")
    assert "Ersättning utgår med 500 kr" in body["answer"] and "28,5" not in body["answer"]


def test_where_it_says_a_claim_after_a_card_names_the_place_that_says_it(ask):
    # walk-through, stop 20: "var står det att det är gratis över 85?" quoted the Cosmic fee
    # line, which names no amount
    a = ask("hembesök 87-åring säbo 2026-04-03")
    b = ask("utskrivning", a["conversation_id"])
    c = ask("var står det att det är gratis över 85?", b["conversation_id"])
    assert [x["quote"] for x in c["citations"]] == ["Avgiftsfritt om 85 år och äldre."]
    assert "Registrering i VAS" in c["answer"]


def test_who_decides_is_answered_with_the_sentence_naming_who_decides(ask):
    # answer set, tuning part: "vem beslutar om anslutning hsv" quoted "Vid fortsatt anslutning
    # beslutas datum för nästa uppföljning." (the section "Bedömning och beslut" ranks 5th)
    for question in ("vem beslutar om anslutning hsv",
                     "who decides on enrolment in home health care in the municipality"):
        body = ask(question)
        assert body["kind"] == "search", question
        assert "tas av hemsjukvårdens planeringsfunktion" in body["answer"], question


def test_an_abbreviation_is_explained_under_its_full_name(ask):
    # walk-through, stop 21: "what does lmv mean" quoted a bare table row of the section
    # "Läkarmedverkan" and "vad betyder lmv" was refused
    for question in ("what does lmv mean", "vad betyder lmv"):
        body = ask(question)
        assert body["kind"] == "search", question
        assert "Läkarmedverkan, stöttar upp patienter" in body["answer"], question
    assert ask("whats vårdtjänst mean")["answer"].startswith("The routines do not explain")


def test_a_word_asked_first_or_with_its_region_is_explained_by_its_defining_sentence(ask):
    # stop 41: "Läkarmedverkan i Halland vad är det" and "vad är läkarmedverkan i halland"
    # quoted a bullet of the HSU decision that names it and explains nothing
    for question in ("Läkarmedverkan i Halland vad är det", "vad är läkarmedverkan i halland",
                     "läkarmedverkan??? vad e det", "what is läkarmedverkan in halland"):
        body = ask(question)
        assert body["kind"] == "search", question
        assert "Läkarmedverkan, stöttar upp patienter" in body["answer"], question


def test_a_fee_the_best_routine_gives_no_amount_for_is_never_another_organizations_amount(ask):
    # walk-through, stop 21: a VG nurse's "vad kostar hemsjukvården för patienten, vilka
    # avgiftsnivåer finns" got Region Halland's 200 kr for a physician's visit
    body = ask("vad kostar hemsjukvården för patienten, vilka avgiftsnivåer finns")
    assert body["kind"] == "no_answer"
    assert "två avgiftsnivåer" in body["answer"] and "200 kr" not in body["answer"]


def test_what_a_word_is_typed_with_e_and_a_filler_is_its_definition(ask):
    # walk-through, stop 41: "hej e ny usk här, vad e hemsjukvård egentligen" got a table of
    # visits per month, and its follow-up on who decides was said not to be covered
    a = ask("hej e ny usk här, vad e hemsjukvård egentligen")
    assert a["kind"] == "search" and "Med hemsjukvård avses" in a["answer"], a["answer"]
    b = ask("ok men vem bestämmer om nån får hemsjukvård", a["conversation_id"])
    assert "tas av hemsjukvårdens planeringsfunktion" in b["answer"], b["answer"]


@pytest.mark.parametrize("question", ["what does SIP mean, i hear it all the time",
                                      "vad betyder SIP, hör det hela tiden"])
def test_a_meaning_asked_before_a_remark_is_explained(ask, question):
    # walk-through, stop 41: "what does SIP mean, i hear it all the time" was refused
    body = ask(question)
    assert body["kind"] == "search" and "samordnad individuell plan" in body["answer"]


def test_a_fee_levels_amount_is_said_not_given_never_a_physician_visits_fee(ask):
    # stop 41: "what does level 2 cost" got Cosmic's "Patientavgift: 200 kr …"; "hur många
    # kronor i månaden är nivå 2" and "how many kronor per month is level 2" a bare refusal
    for question in ("what does level 2 cost", "hur många kronor i månaden är nivå 2",
                     "how many kronor per month is level 2"):
        body = ask(question)
        assert body["kind"] == "no_answer", question
        assert "Nivå 2 Behov av HSV" in body["answer"], question
        assert "200 kr" not in body["answer"], question


def test_the_sabo_assignments_pay_is_not_the_targeted_visits_500_kr(ask):
    # walk-through, stop 21: "hur ska säbo-ersättningen räknas ut nu" got the 500 kr rule
    body = ask("hur ska säbo-ersättningen räknas ut nu")
    assert "50 procent för uppdraget Säbo" in body["answer"]
    assert "500 kr" not in body["answer"]


def test_a_yes_no_question_gets_the_sentence_saying_no(ask):
    # walk-through, stop 21: "… permission …, ska hen anslutas till hemsjukvården" was answered
    # with "När patienten ansluts till hemsjukvården ska hen meddelas …"
    body = ask("vi har en pat på permission från sjukhuset över helgen, ska hen anslutas till "
               "hemsjukvården")
    assert "Patienterna ansluts inte" in body["answer"]


def test_the_same_visit_in_a_season_asks_for_its_day_and_a_reply_not_understood_asks_again(ask):
    # walk-through, stop 21: "och om det var i våras?" after a card was refused; "and what did
    # it look like in VAS if the visit was in november 2024" too, and a day it could not read
    # then got today's Cosmic card
    a = ask("inskrivningssamtal ny pat säbo 3/4, 86-åring, reg?")
    b = ask("och om det var i våras?", a["conversation_id"])
    # (all of last spring lies in the Cosmic routine's time: answered, saying so)
    assert b["kind"] == "rule" and "hela ”i våras”" in b["answer"]
    c = ask("how do I register a home visit after discharge for an 87 yo at Sabo in Cosmic")
    d = ask("and what did it look like in VAS if the visit was in march 2025",
            c["conversation_id"])
    assert d["kind"] == "clarify" and "march 2025" in d["answer"]
    e = ask("hmm not sure", d["conversation_id"])
    assert e["kind"] == "clarify" and e["decision"] is None
    f = ask("14 mar", d["conversation_id"])
    assert f["decision"]["system"] == "VAS" and f["facts"]["visit_date"] == "2025-03-14"
    # (a day alone is that day of the month asked about: walk-through, stop 37, "the 20th"
    # after "march last year" was not understood)
    h = ask("the 14th", d["conversation_id"])
    assert h["decision"]["system"] == "VAS" and h["facts"]["visit_date"] == "2025-03-14"
    # november 2024 lies wholly in VAS's time: answered (walk-through, stop 22)
    g = ask("and what did it look like in VAS if the visit was in november 2024",
            c["conversation_id"])
    assert g["decision"]["system"] == "VAS" and "november 2024" in g["answer"]


def test_whether_the_patient_must_accept_is_that_it_is_voluntary(ask):
    # walk-through, stop 21: "måste pat tacka ja till hemsjukvård" got the fee levels
    body = ask("måste pat tacka ja till hemsjukvård")
    assert "alltid frivilligt" in body["answer"]


def test_an_english_question_whether_home_care_is_voluntary_quotes_the_voluntariness_sentence(ask):
    # own check, stop 40: "home care" was read as "care home" too, and the nursing-home
    # sentence of the same passage was quoted
    body = ask("is home care voluntary for the pt")
    assert "alltid frivilligt" in body["answer"]
    assert "Vård-och omsorgsboende ansluts" not in body["answer"]


def test_a_follow_up_of_a_wound_with_no_discharge_is_no_targeted_visit(ask):
    # walk-through, stop 21: the occasion was asked again and the riktade codes kept
    a = ask("hembesök hos 87-åring")
    b = ask("hon bor på säbo, uppföljning av sår, ingen utskrivning", a["conversation_id"])
    assert b["facts"]["occasion"] == "annat"
    assert b["decision"]["compensation_sek"] == 0 and b["decision"]["registration"] == []


def test_what_the_clinic_gets_after_a_card_is_that_visits_compensation(ask):
    # walk-through, stop 21: "och vad får vc i ersättning" quoted the HSU decision's 28,5 mkr
    a = ask("reg av hembesök khsv efter utskrivning, 79-åring ordinärt boende")
    b = ask("och vad får vc i ersättning", a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 500 and "28,5" not in b["answer"]


def test_a_bare_question_word_and_a_pronoun_question_follow_up_the_last_answer(ask):
    # walk-through, stop 21: both were refused after the 500 kr rule
    a = ask("is there extra pay for home visits")
    b = ask("how much", a["conversation_id"])
    assert b["kind"] == "search" and "500 kr" in b["answer"]
    c = ask("does it apply if I'm working for Läkarmedverkan", b["conversation_id"])
    assert c["kind"] == "search" and "utgår ej" in c["answer"]


def test_an_english_age_correction_with_an_adverb_changes_the_fee(ask):
    # walk-through, stop 21: "sorry, she's actually 84" was refused
    a = ask("patient turned 85 last week, discharge visit at her flat today, she's in "
            "municipal home care. fee?")
    assert a["facts"]["setting"] == "ordinart_boende"
    b = ask("sorry, she's actually 84", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 200 and b["answer"].startswith("Changed: age")


def test_a_fee_asked_with_an_age_alone_is_answered_not_only_noted(ask):
    # walk-through, stop 21: the widget's "85 år avgift" was noted and the question asked back
    body = ask("85 år avgift")
    assert body["kind"] == "search" and "85 år eller äldre" in body["answer"]
    # that age's row only (walk-through, stop 25: both rows were quoted, the 0 kr never said)
    assert "0 kr" in body["answer"] and "betalar 200 kr" not in body["answer"]


def test_what_someone_of_an_age_pays_is_that_ages_fee_row(ask):
    # walk-through, stop 25: "vad betalar en 85-åring …" got the fee line with both ages
    a = ask("vad betalar en 85-åring för läkarbesök i hemmet")
    assert a["kind"] == "search" and a["decision"] is None
    assert "0 kr" in a["answer"] and "betalar 200 kr" not in a["answer"]
    b = ask("what does a 70 year old pay for a doctor's home visit")
    assert "pays SEK 200" in b["answer"] and "85 or older" not in b["answer"]


@pytest.mark.parametrize("first, then, opening, system", [
    # walk-through, stop 21: "which routine was in force then" after a card led with the
    # routine in force today; "och 31 mars 2025" after a version answer was noted as a visit's
    # date
    ("I did a breakpoint talk on 20 Feb 2025, patient 86, in VAS what do I enter",
     "which routine was in force then", "On 2025-02-20", "VAS"),
    ("vilken rutin gällde för ett besök 15/3 2025", "och 31 mars 2025",
     "Den 2025-03-31 gällde", "Cosmic"),
])
def test_a_day_pointed_back_at_or_given_alone_asks_which_version_held_then(ask, first, then,
                                                                         opening, system):
    a = ask(first)
    b = ask(then, a["conversation_id"])
    assert b["kind"] == "version" and b["answer"].startswith(opening)
    assert system in b["answer"].split("\n")[0]


def test_why_after_a_card_gives_that_answers_reasons(ask):
    # walk-through, stop 21: "why?" quoted the aims of the SäBo agreements
    a = ask("how do I register a home visit in Cosmic after hospital discharge, patient 88, "
            "lives in a Sabo")
    b = ask("why?", a["conversation_id"])
    assert b["decision"] is not None and "Why:" in b["answer"]
    assert b["answer"].startswith("The answer rests on the reasons")


def test_what_an_abbreviation_is_gets_the_sentence_spelling_it_out(ask):
    # walk-through, stop 21: "what is SIP" quoted a sentence using the word
    assert "samordnad individuell plan" in ask("what is SIP")["answer"]


def test_what_a_decision_decided_is_its_decision_section_whole(ask):
    # walk-through, stop 21: "what did the HSU decide in March 2026" quoted the background's
    # 2025 decision; "… i korthet" one point ending on a bare "3."
    for question in ("what did the HSU decide in March 2026",
                     "vad innebär HSU-beslutet från 3 mars 2026 i korthet"):
        body = ask(question)
        assert "Beslut HSU 2026-03-03" in body["answer"], question
        assert "28,5 miljoner kronor" in body["answer"] and "2025-02-11" not in body["answer"]


def test_a_replaced_routine_is_not_quoted_when_its_successor_has_no_hit(ask):
    # walk-through, stop 21: the widget's "utskrivning hemsjukvård" quoted the VAS routine
    # (ended 2025-03-30) above the municipal routine's "Utskrivning från hemsjukvård"
    body = ask("utskrivning hemsjukvård")
    assert "VAS" not in body["answer"] and "Utskrivning från hemsjukvård" in body["answer"]


def test_a_short_question_in_the_words_of_the_last_answers_section_follows_it_up(ask):
    # walk-through, stop 21: "måste man vara över 65" after the criteria of enrolment was
    # refused; a short question about something else is still not covered
    a = ask("hej jag är ny, vilka kriterier gäller för att få hemsjukvård i ordinärt boende")
    b = ask("måste man vara över 65", a["conversation_id"])
    assert "oavsett ålder" in b["answer"]
    c = ask("var parkerar jag bilen", a["conversation_id"])
    assert c["kind"] == "no_answer"


def test_a_day_alone_with_no_visit_is_no_visit(ask):
    # walk-through, stop 21: "lunchmeny idag" was noted as a visit's date
    assert ask("lunchmeny idag")["kind"] == "no_answer"


def test_uppf_is_read_as_a_follow_up(ask):
    # walk-through, stop 21: "pat anslöts 3/11, när senast ska första uppf vara" was refused
    body = ask("pat anslöts 3/11, när senast ska första uppf vara")
    assert body["date_rule"]["first_by"].endswith("-01-03")


def test_an_amount_elsewhere_that_speaks_of_something_else_is_no_answer(ask):
    # walk-through, stop 21: "hur mycket är nivå 2 i kronor" got the HSU decision's 28,5
    # miljoner kronor; answer set, tuning part: the cost of starting an äldremottagning got
    # the physician visit's 200 kr
    for question in ("hur mycket är nivå 2 i kronor",
                     "Vad kostar det att starta en äldremottagning på en vårdcentral?"):
        body = ask(question)
        assert body["kind"] == "no_answer", question
        assert "28,5" not in body["answer"] and "200 kr" not in body["answer"], question


def test_when_the_500_kr_was_introduced_is_not_a_versions_start(ask):
    # walk-through, stop 21: "när infördes 500 kr" got the Cosmic version's 2025-03-31
    assert "infördes 2023-01-01" in ask("när infördes 500 kr")["answer"]


def test_khsv_ordinart_is_ordinary_housing(ask):
    # walk-through, stop 21: "pat 86 år khsv ordinärt, utskriven …" was asked the housing
    body = ask("pat 86 år khsv ordinärt, utskriven från sjukhus i förrgår, hembesök idag")
    assert body["facts"]["setting"] == "ordinart_boende"
    assert body["decision"]["compensation_sek"] == 500


def test_how_much_was_paid_out_in_a_year_is_no_rule_statement(ask):
    # walk-through, stop 21: "Hur mycket betalades ut … 2024" got the 500 kr rule
    body = ask("Hur mycket betalades ut i ersättning för riktade hembesök 2024")
    assert body["kind"] == "no_answer" and "500 kr" not in body["answer"]


def test_a_documents_id_is_answered_from_the_catalog_without_a_no(ask):
    # walk-through, stop 21: "vilket dokument-id har den nya nattrutinen" got the Cosmic note
    # on RH-12272, and a question that asks no yes or no opened on "Nej, …"
    body = ask("vilket dokument-id har vas-rutinen")
    assert body["kind"] == "version" and "RH-12272" in body["answer"]
    assert not body["answer"].startswith("Nej")
    assert ask("gäller VAS-rutinen fortfarande?")["answer"].startswith("Nej")


def test_a_search_box_query_naming_a_sections_heading_gets_that_section(ask):
    # walk-through, stop 21: the widget's "avgift hemsjukvård" got the Cosmic fee line, not
    # the section "Avgift för Hemsjukvård"
    body = ask("avgift hemsjukvård")
    assert "två avgiftsnivåer" in body["answer"] and "Nivå 2" in body["answer"]


def test_a_passage_whose_rare_heading_the_question_names_answers_it(ask):
    # answer set, tuning part: "… läkaransvaret … på jourtid" quoted the report's sentence on
    # "läkaransvaret" instead of the section "Jourtid"
    body = ask("vem har läkaransvaret för hemsjukvårdspatienterna på jourtid")
    assert "Hallandsjouren" in body["answer"]


def test_a_yes_no_part_after_a_comma_gets_the_sentence_saying_not(ask):
    # answer set, tuning part: "…, och blir patienten då inskriven i hemsjukvården?" quoted
    # only that the municipality gives the care, not "Patienterna ansluts inte …"
    body = ask("En patient som normalt går till vårdcentralen behöver en planerad injektion "
               "sent på kvällen. Kan kommunens sjuksköterska ta den, och blir patienten då "
               "inskriven i hemsjukvården?")
    assert "ansluts inte" in body["answer"]


def test_which_criteria_gets_the_listed_criteria_not_the_sentence_naming_them(ask):
    # answer set, tuning part: the bullets are a passage of their own beside the sentence
    # "… kriterier för anslutning är uppfyllda"
    body = ask("Vilka kriterier måste vara uppfyllda för att en patient ska kunna skrivas in i "
               "hemsjukvården?")
    assert "mottagningar" in body["answer"] and "över tid" in body["answer"]
    cited = body["citations"][0]
    assert cited["quote"].startswith("- Patienter") and cited["section"].startswith("Vem kan")
    assert body["passages"][0]["anchor"] == cited["anchor"]  # the quoted passage listed first
    # the sentence naming them is said first: it holds a condition of its own (walk-through,
    # stop 27: "om vårdbegäran är gjord" was lost)
    assert body["answer"].startswith("Personer i ordinärt boende kan beviljas hemsjukvård om "
                                     "vårdbegäran är gjord")
    assert any(c["quote"].startswith("Personer i ordinärt boende") for c in body["citations"])


def test_who_is_on_call_asks_who_is_on_duty_not_for_a_phone_number(ask):
    # known since stop 21: "on call" read as a phone number asked, and refused
    body = ask("who is on call at night for home care patients")
    assert body["kind"] == "search" and "Hallandsjouren" in body["answer"]
    assert ask("what is the phone number to hallandsjouren")["kind"] == "no_answer"


def test_an_age_given_for_today_is_not_the_age_on_a_visit_day_moved_back(ask):
    # walk-through, stop 22: "sorry she's actually 86" for a visit today, then "what if i did
    # the visit on 10 March 2025", was 86 on that day and free of charge; she was 84 or 85
    a = ask("hi, how do i register a home visit in cosmic after a pt got discharged from "
            "hospital, she's 79, lives at home with khsv")
    b = ask("sorry she's actually 86", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 0
    c = ask("what if i did the visit on 10 March 2025", a["conversation_id"])
    assert c["decision"]["system"] == "VAS" and c["decision"]["patient_fee_sek"] is None
    assert "84 or 85" in c["answer"] and c["question"] == "How old is the patient?"
    d = ask("84", a["conversation_id"])
    assert d["decision"]["patient_fee_sek"] == 200
    # an age given with its visit's day moves with certainty when both sides agree
    e = ask("hembesök igår säbo brytpunktssamtal pat 84")
    f = ask("och om det var 3/3 2025", e["conversation_id"])
    assert f["decision"]["patient_fee_sek"] == 200 and "82 eller 83 år" in f["answer"]


def test_a_birthday_answering_the_age_question_gives_the_birth_date(ask):
    # walk-through, stop 22: "hon fyller 85 den 1 oktober 2026" after a visit of 5/5 2026 was
    # read as 85 by the age question's reply reader: free of charge
    a = ask("brytpunktssamtal säbo hembesök 5/5 2026")
    assert a["question"] == "Hur gammal är patienten?"
    b = ask("hon fyller 85 den 1 oktober 2026", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 200
    assert b["facts"]["birth_date"] == "1941-10-01" and "patient_age" not in b["facts"]


def test_the_day_after_the_visit_is_counted_from_the_visits_day(ask):
    # walk-through, stop 22: "och om det var dagen efter" after a visit on 30/3 2025 got an
    # HSU indicator line; the day after is Cosmic's first day
    a = ask("hembesök 30/3 2025 brytpunktssamtal 70 år khsv")
    assert a["decision"]["system"] == "VAS"
    b = ask("och om det var dagen efter", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["visit_date"] == "2025-03-31"
    assert b["decision"]["system"] == "Cosmic"
    c = ask("what about two days before", a["conversation_id"])
    assert c["facts"]["visit_date"] == "2025-03-29" and c["decision"]["system"] == "VAS"


def test_a_few_words_naming_something_else_do_not_amend_the_visit(ask):
    # walk-through in the widget, stop 22: "hallandsjouren telefon" after a card made the
    # visit remote, without compensation; "det var per telefon" still amends it
    a = ask("87-åring utskriven igår säbo, hembesök idag")
    b = ask("hallandsjouren telefon", a["conversation_id"])
    assert b["decision"] is None and "Hallandsjouren" in b["answer"]
    c = ask("läkarmedverkan 14 dagar", a["conversation_id"])
    assert c["decision"] is None and "14 dagar" in c["answer"]
    d = ask("87-åring utskriven igår säbo, hembesök idag")
    e = ask("det var per telefon", d["conversation_id"])
    assert e["decision"]["compensation_sek"] == 0 and e["facts"]["remote"] is True


def test_a_month_or_year_inside_one_routine_version_is_answered_by_that_version(ask):
    # walk-through, stop 22: "… registered in VAS in 2024" was taken as a visit today in
    # Cosmic, and "hembesök juni 2024 …" asked for the day although all of June 2024 is VAS
    body = ask("vad betalar en 84-åring för hembesök i vas 2024 brytpunktssamtal khsv")
    assert body["decision"]["system"] == "VAS" and body["decision"]["patient_fee_sek"] == 200
    assert body["answer"].startswith("Dagen saknas, men hela ”2024”")
    june = ask("hembesök juni 2024 brytpunktssamtal säbo 84-åring hur reg")
    assert june["decision"]["system"] == "VAS" and june["decision"]["compensation_sek"] == 500
    # a year across two versions still asks for the day
    both = ask("hembesök brytpunktssamtal säbo 84-åring 2025")
    assert both["kind"] == "clarify" and both["question"] == "Vilket datum gjordes besöket?"


def test_a_system_named_that_is_not_todays_answers_under_that_systems_routine(ask):
    # walk-through, stop 22: "… registrerat i VAS" got today's Cosmic card; since stop 28 a
    # visit described is answered for the VAS routine's days, each of which gives the same
    a = ask("hembesök brytpunktssamtal säbo 84-åring registrerat i VAS")
    assert a["kind"] == "rule" and "besök som registrerades i VAS gällde" in a["answer"]
    assert a["decision"]["system"] == "VAS" and a["decision"]["patient_fee_sek"] == 200
    b = ask("20/2 2025", a["conversation_id"])
    assert b["decision"]["system"] == "VAS" and b["decision"]["patient_fee_sek"] == 200
    assert b["facts"]["visit_date"] == "2025-02-20"


def test_a_day_to_come_with_no_visit_is_no_visit_to_register(ask):
    # walk-through, stop 22: a move into a vård- och omsorgsboende tomorrow got the Cosmic card
    a = ask("en dam flyttar in på vård och omsorgsboende imorgon, måste hon ansökas till "
            "hemsjukvård")
    assert a["decision"] is None and "ansluts till hemsjukvården vid inflyttning" in a["answer"]
    b = ask("och lss boende?", a["conversation_id"])
    assert b["decision"] is None and "LSS" in b["answer"]


def test_a_registration_field_of_a_named_system_is_never_out_of_scope(ask):
    # re-check, stop 22: "vilken kund ska jag ange i cosmic" was refused
    body = ask("vilken kund ska jag ange i cosmic")
    assert body["kind"] == "search" and "Kund: Primärvård" in body["answer"]
    # and a field of the card just shown (re-check, stop 22: refused)
    card = ask("hembesök idag säbo brytpunktssamtal 88 år")
    field = ask("vilken kund ska jag välja", card["conversation_id"])
    assert "Primärvård" in field["answer"] and field["kind"] != "no_answer"


def test_an_age_group_is_no_patients_age(ask):
    # re-check, stop 22: the widget's "hälsosamtal 40-åringar" noted a patient of 40
    body = ask("hälsosamtal 40-åringar")
    assert body["decision"] is None and body["kind"] == "search"
    assert "hälsosamtal" in body["answer"]


def test_a_section_on_fees_does_not_answer_a_question_asking_no_fee(ask):
    # re-check, stop 22: "… behöver nu insatser hemma på kvällen, vad gäller" got level 1 of
    # the fee levels instead of "… krävs en vårdbegäran"
    body = ask("en patient har hemsjukvård bara på dagverksamheten men behöver nu insatser "
               "hemma på kvällen, vad gäller")
    assert "krävs en vårdbegäran" in body["answer"] and "Nivå 1" not in body["answer"]
    assert "Nivå 1" in ask("vilken avgiftsnivå gäller vid insatser bara på dagverksamhet")["answer"]


def test_what_one_pays_for_a_level_without_an_amount_is_said_to_have_none(ask):
    # re-check, stop 22: "vad betalar patienten för nivå 1 per månad" quoted the fee levels'
    # labels run together and never said that the routine gives no amount
    body = ask("vad betalar patienten för nivå 1 per månad")
    assert body["kind"] == "no_answer" and "anger inget belopp" in body["answer"]
    assert "Nivå 1, Behov" in body["answer"] and "Nivå 2" not in body["answer"]


def test_what_a_routine_rests_on_and_when_an_agreement_expires_are_found(ask):
    # answer set, tuning part: "vilket avtal bygger rutinen … på" quoted "bygger på patientens
    # delaktighet"; walk-through, stop 22: the agreement's "Giltighet 2028-12-31" was missed
    assert "ligger till grund" in ask("vilket avtal bygger rutinen för anslutning till "
                                      "hemsjukvård på")["answer"]
    assert "2028-12-31" in ask("when does the home care agreement expire")["answer"]


def test_a_version_question_naming_a_month_is_about_that_month(ask):
    # walk-through, stop 22: "vilken rutin gällde i februari 2025" led with today's routine
    body = ask("vilken rutin gällde i februari 2025")
    assert body["kind"] == "version" and body["answer"].startswith("Den 2025-02-01 gällde")
    assert "VAS" in body["answer"].split("\n")[0]


def test_a_fee_of_home_care_is_the_section_on_it_not_the_physician_visits(ask):
    # walk-through, stop 22: "vad kostar hemsjukvård för patienten" got the physician visit's
    # 200 kr, not the municipality's "Avgift för Hemsjukvård" (which gives no amount)
    body = ask("vad kostar hemsjukvård för patienten")
    assert body["kind"] == "no_answer" and "anger inget belopp" in body["answer"]
    assert "Avgift för Hemsjukvård" in body["answer"] and "200 kr" not in body["answer"]


def test_when_did_the_compensation_start_gets_its_start(ask):
    # walk-through as an English locum, stop 22: the occasions were quoted
    assert "2023-01-01" in ask("when did the extra 500 kr compensation start")["answer"]


def test_a_month_of_last_year_after_a_card_amends_the_visit(ask):
    # re-check, stop 22: "och i april förra året" after a card dropped the visit for a version
    # answer; a month across two routine versions asks for its day
    a = ask("brytpunktssamtal säbo 84-åring idag")
    b = ask("och i april förra året", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic"
    assert b["facts"]["visit_date"].endswith("-04-01")
    # (written relative to this year, and across two versions, it failed with an error:
    # stop 22's review)
    also = ask("och i mars förra året", ask("brytpunktssamtal säbo 84-åring idag")["conversation_id"])
    assert also["kind"] == "clarify" and also["question"] == "Vilket datum gjordes besöket?"
    c = ask("och i mars 2025", a["conversation_id"])
    assert c["kind"] == "clarify" and c["question"] == "Vilket datum gjordes besöket?"
    d = ask("14/3", a["conversation_id"])
    assert d["decision"]["system"] == "VAS" and d["facts"]["visit_date"] == "2025-03-14"


def test_a_short_version_follow_up_stays_with_its_document_but_a_list_is_a_list(ask):
    # walk-through, stop 22: "och idag då" after a version answer turned to another routine;
    # "vilka rutiner finns" after one still lists every document
    a = ask("vilken rutin gällde i februari 2025")
    assert a["kind"] == "version" and a["answer"].startswith("Den 2025-02-01 gällde")
    b = ask("och idag då", a["conversation_id"])
    assert b["answer"].startswith("I dag (") and "Cosmic" in b["answer"].split("\n")[0]
    c = ask("vilka rutiner finns", a["conversation_id"])
    assert c["answer"].startswith("Kunskapsbasen innehåller de här dokumenten:")


def test_another_patient_in_the_same_conversation_starts_from_no_facts(ask):
    # walk-through, stop 22: the second patient kept the first one's housing, and "ny
    # patient … vanlig uppföljning" was taken for an enrolment
    a = ask("hembesök igår hos 87-åring på säbo efter utskrivning, hur registrerar jag")
    assert a["decision"]["compensation_sek"] == 500
    b = ask("ny patient, hembesök idag hos en 60-åring i eget boende, vanlig uppföljning",
            a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 0
    assert b["answer"].startswith("En annan patient:") and "Ändrat" not in b["answer"]
    c = ask("och en annan pat, 92 år, brytpunktssamtal", a["conversation_id"])
    assert c["facts"].get("setting") is None and c["question"] is not None
    assert "särskilt boende" in c["question"]


def test_another_lady_or_the_next_one_is_another_patient_and_home_care_unknown_is_asked(ask):
    # walk-through, stop 46: "en annan tant nu. 88 år, bor hemma i lgh, utskriven från
    # sjukhuset 24/11 … khsv vet ej" corrected the last patient's facts, kept her enrolment
    # from the SäBo and gave 500 kr
    a = ask("tant 86 år säbo, inskrivningsbesök 2026-11-20")
    assert a["decision"]["compensation_sek"] == 500
    b = ask("en annan tant nu. 88 år, bor hemma i lgh, utskriven från sjukhuset 2026-11-24, var "
            "där 2026-11-26. khsv vet ej", a["conversation_id"])
    assert b["answer"].startswith("En annan patient:") and "Ändrat" not in b["answer"]
    assert "municipal_home_care" not in b["facts"]
    assert b["decision"]["compensation_sek"] is None and "kommunal hemsjukvård" in b["question"]
    c = ask("nästa: gubbe 90 år på säbo, brytpunktssamtal 2026-11-30", b["conversation_id"])
    assert c["answer"].startswith("En annan patient:")


def test_a_visit_day_named_before_the_day_after_the_discharge_is_the_visits_own(ask):
    # walk-through, stop 46: "hembesök i måndags på säbo dagen efter han kom hem från
    # sjukhuset" moved the visit to Tuesday
    today = today_in_stockholm()
    monday = today - timedelta(days=today.weekday() or 7)
    body = ask("gubbe 90 år, hembesök i måndags på säbo dagen efter han kom hem från sjukhuset")
    assert body["facts"]["visit_date"] == monday.isoformat()
    assert ask("pat 88 år säbo utskriven 2026-12-01, hembesök dagen efter")[
        "facts"]["visit_date"] == "2026-12-02"


def test_still_and_an_age_answers_the_question_for_the_age(ask):
    # walk-through, stop 46: "hon fyller år i augusti så fortf 84", the reply to "Hur gammal
    # är patienten?", was refused
    a = ask("brytpunktssamtal på säbo 2025-03-31, hur registrerar jag")
    assert a["question"] == "Hur gammal är patienten?"
    b = ask("hon fyller år i augusti så fortf 84", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200


def test_two_occasions_offered_to_choose_from_keep_the_visits_occasion(ask):
    # walk-through, stop 46: "vilken vårdtjänst väljer jag, inskrivningssamtal el brytpunkt?
    # hon är ju redan inskriven på säbo sen länge" after a discharge turned the visit into a
    # new patient's enrolment
    a = ask("hembesök 2026-11-20 hos pat 85 år på säbo, utskriven från sjukhuset 2026-11-18")
    b = ask("ok men vilken vårdtjänst väljer jag, inskrivningssamtal el brytpunkt? hon är ju "
            "redan inskriven på säbo sen länge", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["occasion"] == "utskrivning"
    assert "ny patient" not in b["answer"] and "inskrivningssamtal" in b["answer"]


def test_where_to_document_naming_another_organizations_system_asks_the_routines(client):
    # walk-through, stop 46: with the Västra Götaland municipality picked, "var dokumenterar
    # jag uppföljningen, i journalen i cosmic?" got the Cosmic routine's versions
    a = ask_in(client, VG, "okej.. var dokumenterar jag uppföljningen, i journalen i cosmic?")
    assert a["kind"] == "search" and "Treserva" in a["answer"]


def test_the_visit_told_anew_after_what_ifs_drops_the_what_ifs_facts(ask):
    # walk-through, stop 46: after "if it was Läkarmedverkan who did the visit" and "can i do
    # it as a video visit instead", "which vårdtjänst for a brytpunktssamtal, pt in own house"
    # kept both, said no compensation and gave no vårdtjänst
    a = ask("how do i register a hemsjukvård visit after discharge, pt 91 living on säbo, "
            "visit 2026-12-01")
    b = ask("does the VC still get the 500 kr if it was Läkarmedverkan who did the visit",
            a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 0
    c = ask("can i do it as a video visit instead", b["conversation_id"])
    assert c["decision"]["compensation_sek"] == 0
    d = ask("which vårdtjänst for a brytpunktssamtal, pt in own house", c["conversation_id"])
    assert "remote" not in d["facts"] and "lakarmedverkan" not in d["facts"]
    assert "Riktad hemsjukvård| information| brytpunktssamtal" in d["answer"]
    assert d["answer"].startswith("Note: the answer is for the visit as you described it")


def test_a_day_soon_to_come_after_a_visit_of_last_year_is_this_years(ask):
    # walk-through, stop 46: after a visit of last year, "skrivs ut på tisdag 8/12" was read
    # as last year's 8 December; "hon var alltså 84 då" was refused
    today = today_in_stockholm()
    soon = today + timedelta(days=2)
    a = ask(f"en annan tant nu, född -40, bor på säbo. jag hade brytpunktssamtal med henne o "
            f"anhöriga 15/3 {today.year - 1} men glömde regga. hur gör jag")
    assert a["facts"]["visit_date"] == f"{today.year - 1}-03-15"
    b = ask("hon var alltså 84 då", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["patient_age"] == 84
    c = ask(f"samma pat igen som i början, tanten 87 på säbo. hon blev inlagd igen o skrivs ut "
            f"{soon.day}/{soon.month}. kan LM ta henne igen o till när", b["conversation_id"])
    assert c["date_rule"]["discharge_date"] == soon.isoformat()
    after = soon + timedelta(days=1)
    d = ask(f"om jag åker ut till henne {after.day}/{after.month} efter utskrivningen, hur "
            "reggar jag och vad betalar hon", c["conversation_id"])
    assert d["facts"]["visit_date"] == after.isoformat()
    assert d["facts"]["patient_age"] == 87 and d["facts"]["setting"] == "sabo"
    assert d["decision"]["patient_fee_sek"] == 0 and d["decision"]["compensation_sek"] == 500


def test_a_birthday_the_same_year_is_in_the_visits_year(ask):
    # walk-through, stop 46: "hon fyllde 85 i maj samma år" after a visit of 28/3 2025 was
    # May 2026: born 1941 and 83 on the visit's day
    a = ask("hembesök 28/3-25 pat 84 år khsv ordinärt boende, utskriven från sjukhuset dagen "
            "innan")
    b = ask("hon fyllde 85 i maj samma år, spelar det nån roll för avgiften?", a["conversation_id"])
    assert b["facts"]["birth_date"].startswith("1940-05")
    assert "på besöksdagen: 84 år" in b["answer"] and b["decision"]["patient_fee_sek"] == 200


def test_the_visit_told_otherwise_in_a_longer_money_question_is_answered_on_the_card(ask):
    # walk-through, stop 46: "ok glöm videon, jag var där på plats. men pat är listad på en
    # annan vc än min, får vi 500 kr ändå?" after a video's card got the 500 kr's conditions;
    # "så blir det 500 kr då eller inte" was then answered "Nej: besöket ger … 500 kr"
    a = ask("brytpunktssamtal säbo 2026-11-20, 91-åring")
    b = ask("det gjordes iofs via videolänk", a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 0
    c = ask("ok glöm videon, jag var där på plats. men pat är listad på en annan vc än min, får "
            "vi 500 kr ändå?", b["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500
    assert c["answer"].startswith("Ändrat: på distans ja → nej")
    d = ask("så blir det 500 kr då eller inte", c["conversation_id"])
    assert d["answer"].startswith("Ja")


def test_another_visit_of_the_same_patient_later_counts_her_age_from_the_first(ask):
    # walk-through, stop 46: "84 år på besöksdagen" of a visit of 15/3 2025, then "hon har
    # planerat läkarbesök 15/1-27" kept her at 84 and charged 200 kr
    a = ask("brytpunktssamtal säbo 2025-03-15, hur gör jag")
    b = ask("84 år på besöksdagen", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 200
    c = ask("ok. hon har planerat läkarbesök 2027-01-15, ett nytt brytpunktssamtal. vad betalar "
            "hon", b["conversation_id"])
    assert "Åldern 84 år gällde 2025-03-15; på besöksdagen 2027-01-15" in c["answer"]
    assert c["decision"]["patient_fee_sek"] == 0


def test_a_visits_day_after_a_comma_stays_with_the_visit_naming_none(ask):
    # walk-through, stop 46: "ny pat igen. gubbe som fyllde 85 samma dag som jag var där,
    # 31/3-25. inskrivningsbesök khsv, bor hemma" became two visits, one of them today's
    body = ask("ny pat igen. gubbe som fyllde 85 samma dag som jag var där, 31/3-25. "
               "inskrivningsbesök khsv, bor hemma. vilket system o vad betalade han")
    assert body.get("visits") in (None, 1) and body["facts"]["visit_date"] == "2025-03-31"
    assert body["decision"]["patient_fee_sek"] == 0


def test_a_birthday_without_its_year_beside_the_visits_day_is_in_the_visits_year(ask):
    # walk-through, stop 46: "va? han fyllde 85 den 31/3, då var han väl 84 den 28/3?" after a
    # visit of 28/3 2025 made him born 1941-03-31 and 83
    a = ask("inskrivningsbesök khsv 2025-03-28, gubbe 85 år, bor hemma")
    b = ask("va? han fyllde 85 den 31/3, då var han väl 84 den 28/3?", a["conversation_id"])
    assert b["facts"]["birth_date"] == "1940-03-31"
    assert b["decision"]["patient_fee_sek"] == 200 and "på besöksdagen: 84 år" in b["answer"]


def test_a_side_question_said_so_changes_nothing_of_the_visit(ask):
    # walk-through, stop 46: "ok. en sidofråga, vad ska jag skriva i journalen vid
    # brytpunktssamtal, finns det nån mall eller sökord" made the enrolment visit a
    # brytpunktssamtal
    a = ask("inskrivningsbesök khsv 2025-03-28, gubbe 84 år, bor hemma")
    b = ask("ok. en sidofråga, vad ska jag skriva i journalen vid brytpunktssamtal, finns det "
            "nån mall eller sökord", a["conversation_id"])
    assert b["kind"] != "rule" and "Ändrat" not in b["answer"]
    c = ask("vad betalar han då", b["conversation_id"])
    assert c["facts"]["occasion"] == "inskrivning" and c["decision"]["patient_fee_sek"] == 200


def test_a_routine_follow_up_weeks_after_discharge_gives_no_compensation(ask):
    # walk-through, stop 46: "can I bill the 500 for a routine follow-up 3 weeks after
    # discharge, nothing special, pt on sabo" was read as the discharge's visit: "Yes, … SEK 500"
    body = ask("can I bill the 500 for a routine follow-up 3 weeks after discharge, nothing "
               "special, pt on sabo")
    assert body["facts"]["occasion"] == "annat"
    assert "No, such a visit gives no extra compensation" in body["answer"]


def test_occasions_denied_together_leave_the_visits_own_occasion(ask):
    # stop 46: "jag gjorde ett vanligt hembesök i förrgår pga uvi, ingen utskrivning eller
    # inskrivning. 500?" was read as two occasions offered, and the occasion asked
    body = ask("nästa pat. 92 år, säbo, jag gjorde ett vanligt hembesök 2026-11-20 pga uvi, ingen "
               "utskrivning eller inskrivning. 500?")
    assert body["facts"]["occasion"] == "annat" and body["decision"]["compensation_sek"] == 0


def test_a_day_of_a_visit_to_come_is_the_next_such_day_and_a_birthday_that_day_counts(ask):
    # walk-through, stop 46: "gubbe ska skrivas in i khsv …, jag åker ut 12/1. han fyller 85
    # just den dagen" was last January's visit, at 84, 200 kr
    today = today_in_stockholm()
    ahead = today + timedelta(days=40)
    body = ask(f"ny pat. gubbe ska skrivas in i khsv hemma i radhus, jag åker ut "
               f"{ahead.day}/{ahead.month}. han fyller 85 just den dagen haha. betalar han?")
    assert body["facts"]["visit_date"] == ahead.isoformat()
    assert body["decision"]["patient_fee_sek"] == 0 and "på besöksdagen: 85 år" in body["answer"]


def test_lm_joined_to_its_support_is_laekarmedverkan(ask):
    # walk-through, stop 46: "LM-stödet alltså, utskriven 30/11, hög risk. till vilket datum?"
    # was refused
    body = ask("LM-stödet alltså, utskriven 2026-11-30, hög risk. till vilket datum?")
    assert body["kind"] == "rule" and body["date_rule"]["support_until"] == "2026-12-14"


def test_a_birthday_known_by_its_month_asks_the_age_of_a_visit_in_that_month(ask):
    # walk-through, stop 46: "hon fyller 85 i mars" took 1 March, so a visit moved to 20/3-27
    # was at 85 and free of charge; "hon fyller den 28e mars" was then refused, and "född
    # 28/3-42. vad betalar hon vid besöket 20/3?" moved the visit to last March
    a = ask("ny pat, tant ska skrivas in i khsv, bor hemma, inskrivningsbesöket 2027-01-15. hon "
            "fyller 85 i mars")
    assert a["decision"]["patient_fee_sek"] == 200
    b = ask("nej förresten besöket blev flyttat till 2027-03-20", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] is None and b["question"] == "Hur gammal är patienten?"
    c = ask("hon fyller den 28e mars om det spelar nån roll", b["conversation_id"])
    assert c["facts"]["birth_date"] == "1942-03-28" and c["decision"]["patient_fee_sek"] == 200
    d = ask("född 28/3-42. vad betalar hon vid besöket 20/3?", c["conversation_id"])
    assert d["facts"]["visit_date"] == "2027-03-20" and d["decision"]["patient_fee_sek"] == 200


def test_the_visit_went_home_to_after_a_discharge_is_the_visits_day(ask):
    # walk-through, stop 46: "kom hem från sjukhuset i måndags o jag var hem till honom i
    # tisdags" dated the visit on the discharge's Monday
    today = today_in_stockholm()
    monday = today - timedelta(days=today.weekday() or 7)
    tuesday = today - timedelta(days=(today.weekday() - 1) % 7 or 7)
    body = ask("ny pat. farbror 86 år, inskriven khsv sen länge i ordinärt boende, kom hem från "
               "sjukhuset i måndags o jag var hem till honom i tisdags. reg?")
    assert body["facts"]["visit_date"] == tuesday.isoformat() != monday.isoformat()


def test_an_age_paying_before_cosmic_is_the_vas_fee(ask):
    # walk-through, stop 46: "before cosmic, did an 86 yo pay" asked what was wanted
    body = ask("before cosmic, did an 86 yo pay")
    assert body["kind"] == "search" and "free of charge" in body["answer"]
    assert "VAS" in body["answer"].split("\n")[0]


def test_each_what_if_asks_of_the_visit_as_told_and_the_visit_in_reality_comes_back(ask):
    # walk-through, stop 46: "och om LM gjorde besöket?" after "om jag hade tagit det per
    # telefon istället?" kept the phone call; "nä men det var ju jag själv som var där på plats
    # igår, vc-läkare. så vad blir det i verkligheten" was refused
    a = ask("hembesök 2026-11-20 hos pat 87 på säbo, utskriven 2026-11-18, hur reggar jag")
    b = ask("om jag hade tagit det per telefon istället?", a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 0
    c = ask("och om LM gjorde besöket?", b["conversation_id"])
    assert c["decision"]["compensation_sek"] == 0
    assert "distans" not in c["answer"] and "Läkarmedverkan" in c["answer"]
    d = ask("nä men det var ju jag själv som var där på plats, vc-läkare. så vad blir det i "
            "verkligheten", c["conversation_id"])
    assert d["kind"] == "rule" and d["decision"]["compensation_sek"] == 500


def test_an_earlier_patient_again_takes_no_facts_of_the_last_one(ask):
    # walk-through, stop 46: "samma pat igen som förut, farbrorn som …" after another patient
    # (80, SäBo) was given her age and fee
    a = ask("ny pat: dam 80 år, säbo, brytpunktssamtal 2026-12-03. betalar hon?")
    b = ask("samma pat igen som förut, farbrorn som kom hem från sjukhuset 2026-11-30. jag var "
            "där 2026-12-01, hur reggar jag", a["conversation_id"])
    assert b["answer"].startswith("En annan patient:")
    assert "patient_age" not in b["facts"] and "setting" not in b["facts"]


def test_the_talk_around_a_question_keeps_the_pointer_to_the_organization_that_covers_it(
        client):
    # walk-through, stop 46: with the municipality picked, "läste nåt om att läkarmedverkan
    # stöttar 14 dagar efter utskrivning. gäller det våra pat här också?" was refused without
    # saying the decision is Region Halland's
    body = ask_in(client, VG, "läste nåt om att läkarmedverkan stöttar 14 dagar efter "
                              "utskrivning. gäller det våra pat här också?")
    assert body["kind"] == "no_answer" and "Det gör en rutin från Region Halland" in body["answer"]


def test_a_visit_told_as_now_after_a_discharge_is_today(ask):
    # walk-through, stop 46: "tant på säbo som fyller 85 idag haha, jag är där nu efter att hon
    # skrevs ut i torsdags" dated the visit on the discharge's Thursday, at 84, 200 kr
    body = ask("nästa. tant på säbo som fyller 85 idag haha, jag är där nu efter att hon skrevs "
               "ut i torsdags. vad blir avgiften")
    assert body["facts"]["visit_date"] == today_in_stockholm().isoformat()
    assert body["decision"]["patient_fee_sek"] == 0


def test_a_statistics_question_after_a_card_is_the_reports_table(ask):
    # walk-through, stop 46: "antal hembesök av läkare 2021 statistik" after a visit's card
    # moved the visit to 2021 and was refused
    a = ask("nästa. tant på säbo 86 år, brytpunktssamtal 2026-12-01")
    b = ask("antal hembesök av läkare 2021 statistik", a["conversation_id"])
    assert b["kind"] == "search" and "Läkare 2021: 2715" in b["answer"]


def test_a_new_patient_alone_is_still_the_enrolment(ask):
    a = ask("hembesök idag hos 80-åring på säbo efter utskrivning")
    b = ask("ny patient, 81 år, säbo, igår", a["conversation_id"])
    assert b["facts"]["occasion"] == "inskrivning"
    assert b["decision"]["compensation_sek"] == 500


def test_which_routine_held_for_registering_doctors_visits_on_a_month_is_the_registration_one(ask):
    # walk-through, stop 46: "hemsjukvården" named the HSU decision's "hälso- och
    # sjukvårdsutskottet" by its parts, and no version was said to have held in March 2025
    body = ask("vilken rutin gällde i mars 2025 för registrering av läkarbesök i hemsjukvården")
    assert body["kind"] == "version"
    assert body["answer"].startswith("Den 2025-03-01 gällde ”Registrering av riktade "
                                     "hemsjukvårdsbesök av läkare i VAS”")


def test_before_cosmic_is_the_vas_routine(ask):
    # walk-through, stop 46: "innan cosmic då, vilken avgiftstyp" and "what was the
    # avgiftstyp before cosmic" got today's Cosmic fields
    a = ask("innan cosmic, vilken avgiftstyp")
    assert "Avgiftstyp: H3" in a["answer"] and "Kontakttyp" not in a["answer"]
    b = ask("what was the avgiftstyp before cosmic")
    assert "H3" in b["answer"] and "Läkare närsjukvård" not in b["answer"]
    c = ask("vilken rutin gällde innan vi bytte till cosmic")
    assert c["kind"] == "version" and c["answer"].startswith(
        "”Registrering av riktade hemsjukvårdsbesök av läkare i VAS”")


def test_a_year_or_a_day_alone_after_how_a_visit_is_registered_asks_it_of_then(ask):
    # walk-through, stop 46: "2023?" after how a visit was registered quoted a reference
    # line; "nej förresten, jag menar 31 mars 2025" was refused
    a = ask("hur registrerar jag ett hembesök?")
    assert "i Cosmic" in a["answer"].split("\n")[0]
    b = ask("2024?", a["conversation_id"])
    assert "i VAS" in b["answer"].split("\n")[0] and "Avgiftstyp: H3" in b["answer"]
    c = ask("nej förresten, jag menar 31 mars 2025", b["conversation_id"])
    assert c["kind"] in ("rule", "search") and "i Cosmic" in c["answer"].split("\n")[0]


def test_a_request_to_explain_in_plain_words_asks_the_question_it_follows(client):
    # walk-through, stop 46: "vad är skillnaden mellan nivå 1 och 2 egentligen, förklara
    # enkelt" was refused; without "förklara enkelt" both levels were quoted
    for message in ("vad är skillnaden mellan nivå 1 och 2 egentligen, förklara enkelt",
                    "what is the difference between level 1 and 2, in simple terms?"):
        body = ask_in(client, VG, message)
        assert body["kind"] == "search", message
        assert "Nivå 1" in body["answer"] and "Nivå 2" in body["answer"], message


def test_is_a_version_in_force_today_is_answered_yes_or_no_first(ask):
    # walk-through, stop 22: "gäller VAS-rutinen idag?" opened on the Cosmic routine
    old = ask("gäller VAS-rutinen idag?")
    assert old["kind"] == "version"
    assert old["answer"].startswith("Nej, ”Registrering av riktade hemsjukvårdsbesök av läkare "
                                    "i VAS”") and "gäller inte i dag" in old["answer"]
    new = ask("gäller cosmic-rutinen idag")
    assert new["answer"].startswith("Ja, i dag (")
    then = ask("gällde cosmic rutinen 1 jan 2024")
    assert then["answer"].startswith("Nej,") and "gällde inte den 2024-01-01" in then["answer"]


def test_the_users_own_organization_beats_a_denied_or_echoed_one_and_is_remembered(ask):
    # walk-through, stop 23: a nurse in the VG municipality got Halland's night duty twice,
    # and "… i västra götaland inte halland …" got Halland's decision
    a = ask("jag jobbar i en kommun i västra götaland inte halland. vem tar beslutet om "
            "anslutning hos oss")
    assert a["understood"]["organization"].startswith("Kommun i Västra Götaland")
    assert "planeringsfunktion" in a["answer"]
    b = ask("vem ansvarar för patienterna på natten", a["conversation_id"])
    assert b["understood"]["organization"].startswith("Kommun i Västra Götaland")
    assert "Hallandsjouren" not in b["answer"]
    c = ask("hallandsjouren? vi är ju i västra götaland, vad gäller för oss")
    assert c["understood"]["organization"].startswith("Kommun i Västra Götaland")
    assert "Under jourtid har Hallandsjouren" not in c["answer"]


def test_an_age_given_as_the_one_at_the_visit_stays_when_the_date_is_corrected(ask):
    # walk-through, stop 23: "nej fel datum, besöket var 10/4 2023" made her 84 and 200 kr
    a = ask("hembesök 3/4 2024 efter utskrivning, säbo, hur reggar jag")
    b = ask("hon var 85 vid besöket", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 0
    c = ask("nej fel datum, besöket var 10/4 2023", a["conversation_id"])
    assert c["decision"]["patient_fee_sek"] == 0
    assert "Patientens ålder på besöksdagen: 85 år" in c["answer"]


def test_a_birthday_next_week_counts_for_a_visit_moved_past_it(ask):
    # walk-through, stop 23: "fyller 85 nästa vecka" was forgotten for a visit on 15/12
    a = ask("inskrivning ny pat ordinärt boende idag, hon fyller 85 nästa vecka. betalar hon")
    assert a["decision"]["patient_fee_sek"] == 200
    later = today_in_stockholm() + timedelta(days=21)  # past the end of next week, whatever today is
    b = ask(f"och om jag åker dit {later.day}/{later.month} {later.year} istället",
            a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 0


def test_registration_asked_of_a_month_is_that_versions_registration(ask):
    # walk-throughs, stop 23: "vad gällde i mars 2024, hur registrerade man då" got the
    # version only, "hur registrerade man ett hembesök i mars 2024" was refused, and a field
    # asked of a month got the Västra Götaland fee levels
    for question in ("vad gällde i mars 2024, hur registrerade man då",
                     "hur registrerade man ett hembesök i mars 2024",
                     "vilken avgiftstyp gällde för hembesök i mars 2024"):
        body = ask(question)
        assert body["kind"] == "search", question
        assert "- Avgiftstyp: H3" in body["answer"], question
        assert body["citations"][0]["document_id"] == "rh-hemsjukvardsbesok-vas", question
    which = ask("vilken registreringsrutin gällde i feb 2025")
    assert which["kind"] == "version"


def test_which_fields_of_a_named_system_get_its_registration(ask):
    body = ask("ja men vilka fält fyllde man i i vas")
    assert body["kind"] == "search" and "- Besökstyp: Hemsjukvårdsbesök" in body["answer"]
    english = ask("which fields do i fill in in cosmic")
    assert "- Kontakttyp: Hemsjukvårdsbesök" in english["answer"]


def test_a_visit_made_remote_can_be_made_in_person_again_after_another_question(ask):
    # walk-through, stop 23: once "video" was said, "jag åker ut fysiskt alltså, inte
    # video" and "hembesök på plats då" were refused or quoted the BVC's home visits
    a = ask("brytpunktssamtal säbo 92 år idag vilken vårdtjänst")
    assert a["decision"]["compensation_sek"] == 500
    b = ask("kan jag ta det på video istället", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 0
    ask("vad är läkarmedverkan", a["conversation_id"])
    c = ask("hembesök på plats då", a["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500
    assert "Ändrat: på distans ja → nej" in c["answer"]


def test_there_in_a_follow_up_is_the_organization_of_the_last_answer(ask):
    # walk-through, stop 23: "does the 500 kr … apply there too" got Region Halland's rule
    a = ask("next month im in a municipality in Vastra Gotaland. who decides if a patient "
            "gets enrolled in home care there")
    assert "planeringsfunktion" in a["answer"]
    b = ask("does the 500 kr for targeted home visits apply there too", a["conversation_id"])
    assert b["understood"]["organization"].startswith("Kommun i Västra Götaland")
    assert "do not mention SEK 500" in b["answer"]


def test_a_short_question_after_an_answer_stays_with_its_document_when_it_answers(ask):
    # walk-through, stop 23: "med hur många procent ökade besöken" after Läkarmedverkan's
    # figures got the HSU decision's 50 procent; "måste jag ge henne nån info också" after
    # the discharge rule and "varifrån kommer pengarna" after the cost were refused
    a = ask("hur många besök och patienter hade läkarmedverkan 2021 jämfört med 2020")
    b = ask("med hur många procent ökade besöken", a["conversation_id"])
    assert "45 procent" in b["answer"]
    c = ask("pat har blivit bättre o kan gå till vc själv nu, hur gör jag för att skriva ut "
            "henne från hemsjukvården")
    d = ask("måste jag ge henne nån info också", c["conversation_id"])
    assert "informationsbladet" in d["answer"]
    e = ask("hur mycket kostar satsningen på läkarinsatser i hemmet")
    f = ask("varifrån kommer pengarna", e["conversation_id"])
    assert "omfördelade medel" in f["answer"]


def test_a_follow_up_naming_only_the_heading_of_the_last_answer_is_not_answered_by_it(ask):
    a = ask("Vilka indikatorer ska vi följa upp för läkarinsatserna")
    b = ask("är de indikatorerna fastställda eller bara förslag", a["conversation_id"])
    assert b["kind"] == "no_answer"


def test_a_bare_number_after_och_is_the_age_of_the_visit_being_asked_about(ask):
    # walk-through in the widget, stop 23: "och 60?" while the occasion was asked got
    # "Jag förstod inte svaret" and kept 90 years and 0 kr
    a = ask("avgift 90 år")
    assert a["facts"]["patient_age"] == 90 and a["question"]
    b = ask("och 60?", a["conversation_id"])
    assert "Ändrat: ålder 90 → 60" in b["answer"] and "förstod inte" not in b["answer"]
    assert b["decision"]["patient_fee_sek"] == 200


def test_what_a_lower_case_abbreviation_means_is_answered_by_the_sentence_spelling_it_out(ask):
    # walk-through in the widget, stop 23: "vad är säbo" quoted the SäBo agreement's duties
    body = ask("vad är säbo")
    assert "Särskilt boende" in body["answer"]


def test_a_birthday_on_a_coming_weekday_is_still_to_come(ask):
    # walk-through re-check, stop 23: "fyller 85 på fredag" asked on a Wednesday was 85
    body = ask("hembesök idag på säbo, brytpunktssamtal, pat fyller 85 på fredag. vad betalar hon")
    assert body["decision"]["patient_fee_sek"] == 200


def test_an_organization_named_beside_another_chosen_is_answered_and_said(client):
    # re-check, stop 23: with the Västra Götaland municipality chosen, "Gäller
    # Hallandsjouren …" got Halland's rule with no word that it is another organization's
    body = client.post("/api/v1/chat", json={
        "message": "Gäller Hallandsjouren för våra patienter på natten också?",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"}).json()
    assert body["answer"].startswith("Frågan nämner Region Halland, så svaret kommer från dess "
                                     "dokument – inte från Kommun i Västra Götaland")


def test_registration_of_an_occasion_in_a_month_and_a_field_after_it(ask):
    # re-check, stop 23: "hur registrerades brytpunktssamtal i juni 2024" was refused and
    # "vad hade man för avgiftstyp då" got Cosmic's fee line
    a = ask("hur registrerades brytpunktssamtal i juni 2024")
    assert "- Avgiftstyp: H3" in a["answer"]
    b = ask("vad hade man för avgiftstyp då", a["conversation_id"])
    assert "Avgiftstyp: H3" in b["answer"]
    c = ask("vad betalade en 70-åring för hembesök i maj 2024")
    d = ask("vanligt återbesök, inget speciellt", c["conversation_id"])
    assert d["kind"] == "rule" and d["decision"]["compensation_sek"] == 0


def test_is_the_decision_in_force_is_a_version_answer_citing_the_decisions_own_date(ask):
    # stop 24: "är hsu beslutet i kraft" quoted the decision's points; the version answer then
    # cited "- Giltighet 2028-12-31" (the agreement's validity) as the decision's date
    body = ask("är hsu beslutet i kraft")
    assert body["kind"] == "version"
    assert "2026-03-03" in body["answer"]
    quotes = [c["quote"] for c in body["citations"]]
    assert quotes and not any("Giltighet" in q for q in quotes)
    assert body["citations"][0]["document_id"] == "rh-hsu-lakarinsatser-i-hemmet"


def test_a_patient_not_enrolled_in_khsv_discharged_home_gets_no_500_kr(ask):
    # walk-through, stop 24: "som inte är inskriven i khsv" was read as enrolled, and the
    # discharge visit got "Extra ersättning: ja, 500 kr"
    body = ask("hembesök 2/11 2026 efter utskrivning hos 70-åring som inte är inskriven i khsv, "
               "ordinärt boende, blir det 500")
    assert body["facts"]["municipal_home_care"] is False
    assert body["decision"]["compensation_sek"] == 0
    assert "redan är inskrivna" in body["answer"]


def test_an_age_asked_in_the_conditional_after_a_card_is_the_same_visit_at_that_age(ask):
    # walk-through, stop 24: "och vad hade det blivit för 84-åring" got a quote on health talks
    a = ask("87-åring säbo, besök efter utskrivning 14/10 2024")
    assert a["decision"]["patient_fee_sek"] == 0
    b = ask("och vad hade det blivit för 84-åring", a["conversation_id"])
    assert b["decision"] is not None and b["decision"]["system"] == "VAS"
    assert b["facts"]["patient_age"] == 84 and b["decision"]["patient_fee_sek"] == 200
    assert b["decision"]["compensation_sek"] == 500
    assert "87 → 84" in b["answer"]


def test_a_what_if_on_the_visits_day_after_another_question_is_still_that_visit(ask):
    # walk-through, stop 24: a question on Cosmic's fields between, then "och om besöket var
    # 31/3?" quoted the contact type line instead of the visit on that day
    a = ask("besök 28/3 2025 inskrivning ny pat khsv 80 år, hur reg")
    assert a["decision"]["system"] == "VAS"
    b = ask("jag registrerar det nu i efterhand i cosmic, vilka fält gäller då", a["conversation_id"])
    c = ask("och om besöket var 31/3?", b["conversation_id"])
    assert c["decision"] is not None and c["decision"]["system"] == "Cosmic"
    assert c["facts"]["visit_date"] == "2025-03-31" and c["facts"]["occasion"] == "inskrivning"


def test_a_year_naming_the_reports_own_year_neither_refuses_nor_picks_another_passage(ask):
    # walk-through, stop 24: "2022" made the router read it as off-topic; then the passage
    # naming 2022 was quoted instead of the section on äldremottagningar
    body = ask("Vad föreslog förvaltningen 2022 om äldremottagningar?")
    assert body["kind"] == "search"
    assert body["citations"][0]["quote"].startswith("För att stärka den mobila vården kan "
                                                    "äldremottagningar prioriteras")


def test_weekend_responsibility_asked_in_abbreviations_is_answered_from_jourtid(ask):
    # walk-through, stop 24: "khsv pat på helgen" shares no word of its own with "Under jourtid
    # har Hallandsjouren ansvar för hemsjukvårdens patienter", only the lexicon's, and was refused
    body = ask("vem ansvarar för khsv pat på helgen")
    assert body["kind"] == "search"
    assert "Hallandsjouren" in body["citations"][0]["quote"]


def test_lm_for_lakarmedverkan_and_utskr_for_discharge_are_read(ask):
    # walk-through, stop 24: "hur länge har LM ansvaret" got slide fragments without the 14
    # days, "kan det förlängas" then asked for the discharge date already given, and "efter
    # utskr" set no occasion
    a = ask("pat skrevs ut 3/11 2026 hög risk återinskrivning, hur länge har LM ansvaret")
    assert a["date_rule"]["support_until"] == "2026-11-17"
    b = ask("kan det förlängas", a["conversation_id"])
    assert "individuellt beslut och särskild prövning" in b["answer"]
    assert "2026-11-17" in b["answer"] and "Ange utskrivningsdatumet" not in b["answer"]
    assert b["question"] is None
    c = ask("hembesök efter utskr, 88 år, säbo, 30/11 2026")
    assert c["facts"]["occasion"] == "utskrivning" and c["decision"]["compensation_sek"] == 500
    # LM for läkemedel stays what it is
    d = ask("hur ofta ska LM-genomgång göras på säbo")
    assert d.get("date_rule") is None


def test_an_english_question_naming_a_swedish_term_gets_an_english_answer(ask):
    # walk-through, stop 24: "discharged 2/11, how long does läkarmedverkan support last" tied
    # on its words and was answered in Swedish
    body = ask("discharged 2/11 2026, how long does läkarmedverkan support last")
    assert body["date_rule"]["support_until"] == "2026-11-16"
    assert body["answer"].startswith("Under “")
    assert "up to and including 2026-11-16" in body["answer"] and "Enligt" not in body["answer"]


def test_english_discharge_and_home_care_as_a_locum_writes_them_are_read(ask):
    # walk-through, stop 24: "came home from hospital yesterday" was no discharge and "has home
    # care in his own house" no enrolment, so the occasion was asked; "has no home care" (and
    # "har ingen hemsjukvård") read as enrolled
    a = ask("did a home visit 30/11 2026, 80 y/o man, came home from hospital yesterday, has "
            "home care in his own house")
    assert a["facts"]["occasion"] == "utskrivning" and a["facts"]["municipal_home_care"] is True
    assert a["decision"]["compensation_sek"] == 500
    b = ask("ok so which vårdtjänst do I pick then", a["conversation_id"])
    assert b["decision"] is not None and "inskrivningssamtal" in b["answer"]
    assert "Visit date" in b["answer"]  # answered in English
    for text in ("80 y/o, visit 30/11 2026, has no home care, lives at home, discharged last week",
                 "besök 30/11 2026, 80 år, har ingen hemsjukvård, bor hemma, utskriven förra veckan"):
        c = ask(text)
        assert c["facts"]["municipal_home_care"] is False, text
        assert c["decision"]["compensation_sek"] == 0, text


def test_a_discharge_day_restated_after_a_card_does_not_move_the_visit(ask):
    # walk-through, stop 24: "discharge, she came home from the hospital yesterday like I said"
    # moved the visit of 2/12 to the discharge's day
    a = ask("I did a home visit 2/12 2026 at a Sabo for a 79 year old lady who came home from "
            "hospital the day before. How do I register it in Cosmic?")
    assert a["facts"]["visit_date"] == "2026-12-02" and a["facts"]["occasion"] == "utskrivning"
    b = ask("discharge, she came home from the hospital on 1/12 2026 like I said",
            a["conversation_id"])
    assert b["facts"]["visit_date"] == "2026-12-02"
    assert b["decision"]["compensation_sek"] == 500


def test_same_thing_in_another_month_is_the_same_visit_in_that_months_version(ask):
    # walk-through, stop 24: "same thing but visit was in april 2025" got a version note
    # without the registration
    a = ask("home visit 10 feb 2025, patient 82 yo, enrolment conversation in ordinary housing, "
            "how to register")
    assert a["decision"]["system"] == "VAS"
    b = ask("same thing but visit was in april 2025", a["conversation_id"])
    assert b["decision"] is not None and b["decision"]["system"] == "Cosmic"
    assert b["facts"]["occasion"] == "inskrivning" and b["decision"]["compensation_sek"] == 500
    c = ask("besök 10/2 2025, 82 år, inskrivning, ordinärt boende")
    d = ask("samma sak fast i april 2025", c["conversation_id"])
    assert d["decision"] is not None and d["decision"]["system"] == "Cosmic"


def test_whether_the_home_care_agreement_holds_is_searched_not_a_routines_version(ask):
    # walk-through, stop 24: an agreement the documents mention is no catalog document; the
    # version answer gave the Cosmic routine's
    body = ask("gäller hemsjukvårdsavtalet fortfarande")
    assert body["kind"] == "search"
    assert "2021-2028" in body["answer"] and "Cosmic" not in body["answer"]


def test_why_it_is_different_after_the_same_visit_in_the_next_version_names_the_new_version(ask):
    # walk-through, stop 24: "why is it different?" got the decision's "Mer jämlik vård"
    a = ask("besök 10/2 2025, 82 år, inskrivning, ordinärt boende")
    b = ask("samma sak fast i april 2025", a["conversation_id"])
    assert b["decision"]["system"] == "Cosmic"
    c = ask("varför blev det annorlunda?", b["conversation_id"])
    assert c["decision"] is not None and c["decision"]["system"] == "Cosmic"
    assert "journalsystembytet till Cosmic" in c["answer"]
    d = ask("why is it different?", b["conversation_id"])
    assert d["decision"] is not None and "journalsystembytet" in d["answer"]


def test_the_day_after_a_cards_visit_is_that_visit_a_day_later(ask):
    # re-check, stop 24: "och dagen efter?" after a visit on VAS's last day got an indicator
    # bullet; "brytpkt samtal" was no brytpunktssamtal
    a = ask("brytpkt samtal 30/3-25 hemma khsv 79 år")
    assert a["facts"]["occasion"] == "brytpunktssamtal" and a["decision"]["system"] == "VAS"
    b = ask("och dagen efter?", a["conversation_id"])
    assert b["decision"] is not None and b["decision"]["system"] == "Cosmic"
    assert b["facts"]["visit_date"] == "2025-03-31" and b["decision"]["compensation_sek"] == 500


def test_an_age_given_as_today_is_not_the_age_on_an_earlier_visit(ask):
    # re-check, stop 24: "pat är 85 år idag" with a visit on 1/4 2025 made that visit free
    body = ask("besök 1/4 2025 efter utskrivning från slutenvård, pat är 85 år idag, ordinärt "
               "boende med khsv")
    assert body["decision"]["patient_fee_sek"] == 200
    assert "83 eller 84" in body["answer"]


def test_a_reply_without_words_of_its_language_keeps_the_conversations_language(ask):
    # re-check, stop 24: "born 20 march 1940" in an English conversation was answered in Swedish
    a = ask("home visit today for an old lady, nursing home, after discharge")
    b = ask("born 20 march 1940", a["conversation_id"])
    assert b["facts"]["birth_date"] == "1940-03-20"
    assert b["answer"].startswith("Under “") and "Enligt" not in b["answer"]


def test_whether_the_new_compensation_replaces_the_500_kr_is_answered_as_not_said(ask):
    # walk-through, stop 24: decision items were quoted as if they answered
    for text, words in (("Ersätter den nya ersättningen de 500 kronorna för riktade besök?",
                         "säger inte heller om den ersätter de 500 kr"),
                        ("does the new compensation replace the 500 kr",
                         "Nor do the documents say whether it replaces the SEK 500")):
        body = ask(text)
        assert body["kind"] == "no_answer" and words in body["answer"], text


def test_a_discharged_patient_not_enrolled_gets_no_500_kr_without_asking_the_housing(ask):
    # re-check, stop 24: "som inte är inskriven i khsv, efter utskrivning" asked for the
    # housing although no housing gives it the 500 kr (a SäBo resident always is enrolled)
    body = ask("hembesök 2/11 2026 hos 70-åring som inte är inskriven i khsv, efter utskrivning "
               "från sjukhus, blir det 500")
    assert body["decision"]["compensation_sek"] == 0 and body["question"] is None


def test_a_journal_system_asked_of_the_cards_day_is_the_version_then(ask):
    # re-check, stop 24: "Var det inte Cosmic redan då?" after a card of 14/10 2024 quoted
    # Cosmic's conditions; then "och vad hade det blivit för 84-åring" was refused
    a = ask("87-åring säbo, besök efter utskrivning 14/10 2024")
    b = ask("Var det inte Cosmic redan då?", a["conversation_id"])
    assert b["kind"] == "version"
    # (said no first, since stop 53: "Var det inte Cosmic …" asks yes or no)
    assert b["answer"].startswith("Nej, ”Registrering av riktade hemsjukvårdsbesök av läkare i "
                                  "Cosmic” (Region Halland) gällde inte den 2024-10-14")
    assert "Den 2024-10-14 gällde ”Registrering av riktade hemsjukvårdsbesök av läkare i VAS”" \
        in b["answer"]
    c = ask("och vad hade det blivit för 84-åring", b["conversation_id"])
    assert c["decision"] is not None and c["decision"]["system"] == "VAS"
    assert c["decision"]["patient_fee_sek"] == 200


def test_fields_of_another_system_asked_after_a_card_say_which_version_held_that_day(ask):
    # re-check, stop 24: registering a VAS-period visit afterwards in Cosmic got today's
    # fields with no word of VAS applying on the visit's day
    a = ask("besök 28/3 2025 inskrivning ny pat khsv 80 år, hur reg")
    b = ask("jag registrerar det nu i efterhand i cosmic, vilka fält gäller då", a["conversation_id"])
    assert b["answer"].startswith("Obs: besöket 2025-03-28 gjordes när ”Registrering av riktade "
                                  "hemsjukvårdsbesök av läkare i VAS” gällde")
    assert "Kontakttyp: Hemsjukvårdsbesök" in b["answer"]


def test_not_enrolled_after_a_sabo_visit_drops_the_sabo_instead_of_an_input_error(ask):
    # walk-through, stop 24: "ok men pat 70 år ej inskriven i khsv …" after a SäBo visit showed
    # "municipal_home_care kan inte vara false när setting är 'sabo'" and no answer
    a = ask("hembesök 1/12 2026 säbo 88 år utskrivning")
    b = ask("ok men pat 70 år ej inskriven i khsv, hembesök pga pneumoni. ersättning?",
            a["conversation_id"])
    assert b["kind"] != "clarify" and "kan inte vara false" not in b["answer"]
    assert b["decision"] is not None and b["decision"]["compensation_sek"] == 0
    assert "setting" not in b["facts"]


def test_changes_between_the_two_systems_asked_in_other_words_are_the_version_comparison(ask):
    # walk-through, stop 24: "Vilka förändringar i sak … från VAS till Cosmic …?" got the VAS card
    body = ask("Vilka förändringar i sak gjordes i registreringsrutinen när man gick från VAS till "
               "Cosmic, utöver själva systembytet?")
    assert body["kind"] == "version"
    assert "Skillnader enligt regeltabellerna (VAS → Cosmic)" in body["answer"]


def test_a_question_after_a_notice_is_not_pulled_to_the_notices_section(ask):
    # walk-through, stop 24: after the notice on the new compensation, "Hur mycket höjs
    # ersättningen för säbo-uppdraget?" got the decision's points and "no amount"
    a = ask("Vad blir ersättningen per hemsjukvårdsbesök enligt beslutet och från vilket datum "
            "gäller den?")
    b = ask("Hur mycket höjs ersättningen för säbo-uppdraget?", a["conversation_id"])
    assert "50 procent" in b["answer"] and "inget belopp" not in b["answer"]


def test_a_municipality_asking_for_the_500_kr_is_told_it_goes_to_the_clinic(ask):
    # walk-through, stop 25: "Får vår kommun 500 kr …" got the rule as if the municipality
    # were paid
    a = ask("Får vår kommun 500 kr när läkaren gör ett hembesök hos våra patienter?")
    assert a["kind"] == "search" and a["decision"] is None
    assert a["answer"].startswith("Nej: ersättningen betalar Region Halland till vårdcentralen")
    b = ask("får vc 500 kr för riktade hembesök")
    assert "inte till kommunen" not in b["answer"]
    # a nurse's visit too (walk-through, stop 27: told only that a nurse's visit gives none)
    c = ask("Får vi i kommunen 500 kronor när sjuksköterskan gör ett hembesök?")
    assert c["answer"].startswith("Nej: ersättningen betalar Region Halland till vårdcentralen")
    assert "gjordes inte av en läkare" in c["answer"]


def test_what_someone_pays_for_home_health_care_is_the_municipal_fee_without_an_amount(ask):
    # walk-through, stop 25: "Vad betalar en 90-åring för hemsjukvård hos oss i kommunen?" got
    # Region Halland's fee for the physician's visit
    a = ask("Vad betalar en 90-åring för hemsjukvård hos oss i kommunen?")
    assert a["kind"] == "no_answer" and "Nivå 2" in a["answer"]
    assert "Läkare närsjukvård" not in a["answer"]
    # an amount named (walk-through, stop 26: Cosmic's "Patientavgift: 200 kr …" read as a yes)
    for question in ("Betalar patienten 200 kr för hemsjukvården hos oss i kommunen?",
                     "kostar hemsjukvård 200 kr"):
        body = ask(question)
        assert body["kind"] == "no_answer" and "Nivå 2" in body["answer"], question
        assert "Patientavgift: 200 kr" not in body["answer"], question


def test_a_month_alone_after_a_card_is_the_same_visit_then(ask):
    # walk-through, stop 25: "juni 2024" after a card was refused
    a = ask("brytpunktssamtal säbo 83-åring 12/5 2024")
    b = ask("juni 2024", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS" and "juni 2024" in b["answer"]


def test_a_question_another_organizations_routine_answers_says_where_it_is(client):
    # walk-through, stop 25: with the municipality picked, "Hur registrerar jag ett hembesök i
    # Cosmic?" got a bare refusal
    r = client.post("/api/v1/chat", json={
        "message": "Hur registrerar jag ett hembesök i Cosmic?",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    body = r.json()
    assert body["kind"] == "no_answer" and body["citations"] == []
    assert "Det gör en rutin från Region Halland" in body["answer"]
    assert "Registrering i Cosmic" in body["answer"]
    # nothing anywhere: the plain refusal
    r = client.post("/api/v1/chat", json={
        "message": "parkering vid hembesök",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    assert "Det gör en rutin från" not in r.json()["answer"]


@pytest.mark.parametrize("message", [
    "vem ska vaccinera våra boende mot influensa, kommunen eller vårdcentralen",
    "en ssk är sjukskriven 3 veckor, vem täcker hennes patienter",
    "får hemsjukvårdspersonalen parkera gratis när dom gör hembesök"])
def test_a_question_no_routine_covers_is_never_said_to_be_covered_by_another_organization(
        client, message):
    # walk-through, stop 41: with the municipality picked, each was said to be covered by a
    # Region Halland routine (the decision's agreement text, Läkarmedverkan, the buses)
    r = client.post("/api/v1/chat", json={
        "message": message, "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    body = r.json()
    assert body["kind"] == "no_answer" and "Det gör en rutin från" not in body["answer"]


def test_when_a_journal_systems_routine_ended_is_its_versions_end(ask):
    # walk-through, stop 41: "när slutade vas gälla" got the VAS routine's "Rutinen är ny och
    # börjar gälla 2023-01-01", its start
    body = ask("när slutade vas gälla")
    assert body["kind"] == "version", body["answer"]
    assert "2023-01-01 – 2025-03-30" in body["answer"] and "gäller inte längre" in body["answer"]


@pytest.mark.parametrize("first, follow_up", [
    ("what is brytpunktssamtal", "is it paid extra?"),
    ("vad är ett brytpunktssamtal", "ger det extra ersättning?")])
def test_it_after_a_question_on_an_occasion_is_that_occasion(ask, first, follow_up):
    # walk-through, stop 26: "is it paid extra?" got the compensation's start date alone
    a = ask(first)
    b = ask(follow_up, a["conversation_id"])
    assert b["kind"] == "search" and b["decision"] is None  # no card for a general question
    assert "500 kr" in b["answer"] and "brytpunktssamtal" in b["answer"]
    # "det" in another question is no occasion
    c = ask("vem gör det", a["conversation_id"])
    assert c["decision"] is None


def test_an_age_moved_to_two_possible_ages_is_never_stated_as_one(ask):
    # walk-through, stop 26: "var patienten 69 eller 70 år" above "Patientens ålder på
    # besöksdagen: 69 år"
    a = ask("khsv besök säbo 87-åring efter utskrivn igår hur reg i cosmic")
    b = ask("och om hon var 72", a["conversation_id"])
    c = ask("samma men besöket var 3/4 2024", b["conversation_id"])
    assert "var patienten 69 eller 70 år" in c["answer"]
    assert "Patientens ålder på besöksdagen: 69 eller 70 år." in c["answer"]
    assert "Patientens ålder på besöksdagen: 69 eller 70 år." in c["decision"]["reasons"]
    assert c["decision"]["patient_fee_sek"] == 200


def test_a_month_before_the_first_routine_needs_no_day(ask):
    # walk-through, stop 26: "dec 2022" asked for the day, though no day of it has a routine
    body = ask("hembesök dec 2022 utskrivn säbo 80-åring får VC 500kr")
    assert body["answer"].startswith("Dagen saknas, men hela ”dec 2022” ligger före den första")
    assert body["decision"]["compensation_sek"] == 0 and not body["question"]


def test_a_short_500_kr_question_with_a_month_is_answered_for_that_month(ask):
    # walk-through, stop 26: "hembesök dec 2022 utskrivning säbo 500kr?" got today's rule, a
    # yes, though the compensation began 2023-01-01; "… i juni 2024?" named today's routine
    a = ask("hembesök dec 2022 utskrivning säbo 500kr?")
    assert a["kind"] == "rule" and a["decision"]["compensation_sek"] == 0
    b = ask("får man 500 kr för utskrivningsbesök på säbo i juni 2024?")
    assert "Registrering av riktade hemsjukvårdsbesök av läkare i VAS" in b["answer"]
    assert "Ja, ett sådant besök ger 500 kr" in b["answer"]


def test_what_she_pays_asked_while_a_question_waits_is_the_cards_fee_line(ask):
    # walk-through, stop 26: "vad betalar hon" after the card asked whether she is enrolled got
    # "Jag förstod inte svaret"
    a = ask("brytpunktssamtal hemma ordinärt boende 90-åring 15/3 2025 hur reg")
    assert a["question"] == "Är patienten inskriven i kommunal hemsjukvård?"
    b = ask("vad betalar hon", a["conversation_id"])
    assert b["answer"].startswith("Patientavgift: 0 kr.") and "förstod inte" not in b["answer"]
    assert b["question"] == a["question"]  # still waiting for it
    c = ask("ja", b["conversation_id"])
    assert c["decision"]["compensation_sek"] == 500


def test_which_of_two_decides_is_a_who_decides_question(client, ask):
    # walk-through, stop 26: "Är det regionen eller kommunen som fattar det beslutet?" got the
    # SAMSA sentence, never who decides
    body = client.post("/api/v1/chat", json={
        "message": "Är det regionen eller kommunen som beslutar om anslutning till hemsjukvården?",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"}).json()
    assert "tas av hemsjukvårdens planeringsfunktion" in body["answer"]
    body = ask("is it the region or the municipality that decides on enrolment in home care?")
    assert "tas av hemsjukvårdens planeringsfunktion" in body["answer"]


def test_who_decides_what_only_another_organizations_routine_says_is_said_to_be_there(client):
    # walk-through, stop 25: "vem beslutar om anslutning" with Region Halland picked quoted the
    # HSU decision's "individuellt beslut" on Läkarmedverkan's 14 days
    for message in ("vem beslutar om anslutning",
                    "who decides if a patient is enrolled in home care"):
        body = client.post("/api/v1/chat", json={"message": message,
                                                 "organization": "Region Halland"}).json()
        assert body["kind"] == "no_answer" and body["citations"] == [], message
        assert "Kommun i Västra Götaland (Sektor Välfärd)" in body["answer"]
        assert "Bedömning och beslut" in body["answer"]
    # the municipality picked: its own sentence answers
    body = client.post("/api/v1/chat", json={
        "message": "vem beslutar om anslutning",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"}).json()
    assert "tas av hemsjukvårdens planeringsfunktion" in body["answer"]


def test_a_visit_moved_years_back_says_the_age_and_asks_it_when_85_is_possible(ask):
    # walk-through, stop 25: 88 on the planned day, the visit moved to 1/1 2023, was taken as
    # 84 (200 kr) without a word, though she may have been 85 (free of charge)
    a = ask("planerat inskrivningssamtal säbo imorgon 88-åring vad ska jag reg")
    b = ask("samma men om det hade varit 1/1 2023", a["conversation_id"])
    assert "var patienten 84 eller 85 år" in b["answer"]
    assert b["decision"]["patient_fee_sek"] is None and b["question"]
    c = ask("inskrivningssamtal ny säbo-pat idag, 86-åring")
    d = ask("samma men 10/2 2024", c["conversation_id"])
    assert "var patienten 83 eller 84 år" in d["answer"]
    assert d["decision"]["patient_fee_sek"] == 200


def test_a_name_only_another_organizations_documents_use_is_not_answered_from_the_one_picked(
        client):
    # walk-through, stop 25: "Vad innebär Läkarmedverkan i hemsjukvården?" with the
    # municipality picked got its enrolment criteria
    vg = "Kommun i Västra Götaland (Sektor Välfärd)"
    r = client.post("/api/v1/chat", json={
        "message": "Vad innebär Läkarmedverkan i hemsjukvården?", "organization": vg})
    body = r.json()
    assert body["kind"] == "no_answer" and "Det gör en rutin från Region Halland" in body["answer"]
    # the municipality's own word for SäBo keeps its answer
    r = client.post("/api/v1/chat", json={"message": "ansluts alla på säbo?", "organization": vg})
    assert r.json()["kind"] == "search" and "Vård-och omsorgsboende" in r.json()["answer"]


def test_lm_making_the_visit_takes_away_the_500_kr(ask):
    # walk-through, stop 25: "det var LM som gjorde besöket" after a card was refused, and
    # the 500 kr stood
    a = ask("utskr säbo 80 år igår reg")
    assert a["decision"]["compensation_sek"] == 500
    b = ask("det var LM som gjorde besöket", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is False


def test_lm_who_went_there_takes_away_the_500_kr(client):
    # walk-through, stop 41: "det var LM som åkte" after a card was refused, and "ja, 500 kr"
    # stood
    a = _ask_halland(client, "pat 86 brytpunktssamtal hemma khsv 2 dec")
    assert a["decision"]["compensation_sek"] == 500
    b = _ask_halland(client, "det var LM som åkte", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is False, b["answer"]


def test_a_passive_yes_no_question_gets_the_rule_and_its_exception(client):
    # walk-through, stop 25: "… Ansluts hon då till kommunal hälso- och sjukvård?" lost
    # "Patienterna ansluts inte …"
    r = client.post("/api/v1/chat", json={
        "message": "En patient som normalt går till vårdcentralen behöver en planerad insats på "
                   "natten. Ansluts hon då till kommunal hälso- och sjukvård?",
        "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    assert "ansluts inte" in r.json()["answer"]


def test_an_organization_the_user_named_is_not_said_to_be_picked(ask):
    # walk-through, stop 27: "… som du har valt" and "Välj … eller alla organisationer" were
    # said of an organization named in a question, with "Alla organisationer" picked
    a = ask("Vad betalar patienten för ett läkarbesök i hemmet hos oss i Västra Götaland?")
    # (Region Halland's fee is not said to cover it: its rules do not hold there; stop 34)
    assert a["kind"] == "no_answer" and "Region Hallands regler för riktade " \
        "hemsjukvårdsbesök gäller inte där" in a["answer"]
    assert "Välj" not in a["answer"]
    b = ask("Vad gör Hallandsjouren?", a["conversation_id"])
    assert "som du nämnde tidigare" in b["answer"] and "som du har valt" not in b["answer"]
    # a word's meaning is no organization's own: the Region Halland report spells SIP out
    c = ask("Vad betyder SIP?", a["conversation_id"])
    assert "samordnad individuell plan" in c["answer"]


def test_an_organization_picked_on_the_page_is_still_said_to_be_chosen(client):
    r = client.post("/api/v1/chat", json={"message": "Vad gör Hallandsjouren?",
                                          "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    assert "som du har valt" in r.json()["answer"]
    # a word explained only in another organization's document: said whose (walk-through,
    # stop 27: the Region Halland report was quoted without saying so)
    r = client.post("/api/v1/chat", json={"message": "Vad betyder SIP?",
                                          "organization": "Kommun i Västra Götaland (Sektor Välfärd)"})
    body = r.json()
    assert body["answer"].startswith("Rutinerna från Kommun i Västra Götaland (Sektor Välfärd) "
                                     "förklarar inte ordet; förklaringen kommer från Region Halland")
    assert "samordnad individuell plan" in body["answer"]


VG = "Kommun i Västra Götaland (Sektor Välfärd)"


@pytest.mark.parametrize("first, follow_up, said", [
    # walk-through, stop 43: refused, the municipality picked ("Rutinerna från Kommun i Västra
    # Götaland … tar inte upp det")
    ("vad beslutade hsu i halland 2026-03-03", "hur mycket pengar handlar det om",
     "28,5 miljoner kronor"),
    ("hur länge kan läkarmedverkan stötta efter utskrivning i halland", "kan det förlängas",
     "möjlighet till förlängning"),
    ("statistiken i halland, hur många hembesök gjorde läkare 2020", "och året innan?",
     "2019: 3016"),
    ("vad får vc i ersättning för hembesök hos pat i khsv i halland",
     "gäller det om läkarmedverkan gör besöket?", "ger inte den extra ersättningen")])
def test_a_follow_up_of_an_answer_from_the_organization_named_stays_with_it(client, first,
                                                                            follow_up, said):
    a = ask_in(client, VG, first)
    assert a["answer"].startswith("Frågan nämner Region Halland")
    b = ask_in(client, VG, follow_up, a["conversation_id"])
    assert b["kind"] == "search" and said in b["answer"]
    assert b["answer"].startswith("Frågan följer upp svaret från Region Halland, så svaret "
                                  "kommer från dess dokument – inte från " + VG)
    assert {c["organization"] for c in b["citations"]} == {"Region Halland"}
    # a question of its own goes back to the organization picked
    c = ask_in(client, VG, "vem beslutar om anslutning till hemsjukvården?", b["conversation_id"])
    assert "planeringsfunktion" in c["answer"]
    assert {c["organization"] for c in c["citations"]} == {VG}


def test_a_visit_in_the_organization_named_keeps_its_rules_through_follow_ups(client):
    # walk-through, stop 43: "vad betalar en 84-åring" after Region Halland's 500 kr, the
    # municipality picked, got "… beskriver inte registrering …"; a what-if of a visit told
    # "i halland" was refused
    a = ask_in(client, VG, "vad får vc i ersättning för hembesök hos pat i khsv i halland")
    b = ask_in(client, VG, "vad betalar en 84-åring", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200
    assert b["answer"].startswith("Frågan följer upp svaret från Region Halland")
    # (and the reply to the question it asks)
    b2 = ask_in(client, VG, "inskrivning", b["conversation_id"])
    assert b2["kind"] == "rule" and b2["facts"]["occasion"] == "inskrivning"
    c = ask_in(client, VG, "hembesök hos 84-åring i halland igår, inskrivning i khsv, bor hemma")
    assert c["kind"] == "rule" and c["decision"]["patient_fee_sek"] == 200
    d = ask_in(client, VG, "och om hen var 85?", c["conversation_id"])
    assert d["kind"] == "rule" and d["decision"]["patient_fee_sek"] == 0
    assert d["decision"]["compensation_sek"] == 500


def test_a_birthday_asked_of_a_fee_card_with_no_visit_day_is_the_patients(client):
    # walk-through, stop 43: "och om hen fyller 85 nästa vecka" after "vad betalar en
    # 84-åring" was refused as a matter the routines never name
    a = ask_halland(client, "vad betalar en 84-åring")
    b = ask_halland(client, "och om hen fyller 85 nästa vecka", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200
    assert b["decision"]["patient_age"] == 84


@pytest.mark.parametrize("first, second, fee, age", [
    # walk-through, stop 28: the visit moved 85 days back into the VAS routine
    ("utskrivning säbo 84-åring 2/4 2025 reg", "hon fyllde 85 dagen innan besöket", 0, 85),
    # walk-through, stop 28: taken as 83 on 2025-03-31 (the birthday placed in 2026)
    ("utskrivning säbo 85-åring 31/3 2025 reg", "hon fyller 85 först 1/4", 200, 84)])
def test_a_birthday_told_after_the_visit_is_placed_by_the_visits_day(ask, first, second, fee,
                                                                     age):
    a = ask(first)
    b = ask(second, a["conversation_id"])
    assert b["facts"]["visit_date"] == a["facts"]["visit_date"]
    assert b["decision"]["patient_fee_sek"] == fee
    assert f"ålder på besöksdagen: {age} år" in b["answer"]
    assert "Ändrat: födelsedatum" in b["answer"]


def test_a_birthday_without_its_year_in_the_visits_message_is_that_years(ask):
    # walk-through, stop 28: "pat fyllde 85 1/4" was 2026's, so 84 and 200 kr on 2025-04-02
    body = ask("utskrivning säbo 2/4 2025 reg, pat fyllde 85 1/4")
    assert body["decision"]["patient_fee_sek"] == 0
    assert "ålder på besöksdagen: 85 år" in body["answer"]


@pytest.mark.parametrize("first, second, said", [
    # walk-through, stop 28 (page and widget): the brytpunktssamtal bullet with "… blir
    # underlag för ersättning" read as a yes
    ("500 kr", "gäller det vid telefonsamtal", "kan aldrig ske på distans"),
    ("when does the clinic get the extra 500 kr", "does it apply to a video call",
     "can never take place remotely")])
def test_a_remote_contact_asked_of_the_500_kr_just_quoted_is_told_it_never_counts(
        ask, first, second, said):
    a = ask(first)
    assert a["kind"] == "search" and "500 kr" in a["answer"]
    b = ask(second, a["conversation_id"])
    assert said in b["answer"]
    assert "blir underlag för ersättning" not in b["answer"]


def test_a_follow_up_after_two_questions_answered_points_at_the_second_answer(ask):
    # walk-through, stop 28: "Can that be extended?" got the HSU decision's aims (the period
    # statement's question waited unseen behind the two-part answer), and the discharge date
    # in the next message was refused
    a = ask("What is Läkarmedverkan and how long can they support a patient after discharge?")
    assert a["kind"] == "search" and a["question"] is None
    b = ask("Can that be extended?", a["conversation_id"])
    assert "möjlighet till förlängning" in b["answer"]
    c = ask("Patient was discharged on 20 November, until which date?", a["conversation_id"])
    # (14 days from the day after 20 November, of whichever year is meant)
    assert c["kind"] == "rule" and "-12-04" in c["answer"]


def test_who_is_responsible_after_the_days_is_not_the_period_again(ask):
    # walk-through, stop 28: "och efter 14 dagar vem har ansvaret" repeated the 14 days and
    # asked again for the discharge date given in the first message
    a = ask("pat utskriven 1/11 hög risk återinskrivning hur länge läkarmedverkan")
    assert a["kind"] == "rule"
    b = ask("och efter 14 dagar vem har ansvaret", a["conversation_id"])
    assert "Ange utskrivningsdatumet" not in b["answer"] and b["question"] is None


def test_a_message_typed_without_a_ring_or_dots_is_read_as_if_with_them(ask):
    # answer set D, tuning part: "hur manga hembesok …" was no count question and got a table
    a = ask("hur manga hembesok gjorde sjukskoterskorna/dsk under pandemiaret 2020")
    assert "797" in a["answer"] and "Sjuksköterska/DSK 2020: 797" in a["answer"]
    b = ask("vem bestammer om anslutning till hemsjukvard")
    assert "planeringsfunktion" in b["answer"]
    c = ask("hembesok sabo 87 ar igar efter utskrivning")
    assert c["facts"]["patient_age"] == 87 and c["facts"]["setting"] == "sabo"
    assert c["decision"]["compensation_sek"] == 500


def test_a_visit_in_a_journal_system_no_longer_used_is_answered_for_its_whole_period(ask):
    # answer set D, tuning part: "… när vi körde vas" asked for the day, though every day of
    # the VAS routine gives the same answer
    body = ask("hon är 92, vad blev avgiften när vi körde vas")
    assert body["kind"] == "rule" and body["decision"]["patient_fee_sek"] == 0
    assert "besök som registrerades i VAS gällde" in body["answer"]
    assert "2023-01-01 – 2025-03-30" in body["answer"]
    # with nothing of the visit told, the day is asked as before
    assert ask("hembesök registrerat i VAS")["kind"] == "clarify"


def test_a_birthday_on_the_same_day_as_the_visit_makes_that_age_on_it(ask):
    # walk-through, stop 28: "fyller 85 samma dag" was 84 on the visit's day, 200 kr; and
    # "ord boende" was no housing, so it was asked again
    a = ask("inskrivn ny pat khsv ord boende 31/3-25 84-åring")
    assert a["facts"]["setting"] == "ordinart_boende" and a["decision"]["compensation_sek"] == 500
    b = ask("fyller 85 samma dag", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 0
    assert "ålder på besöksdagen: 85 år" in b["answer"]


@pytest.mark.parametrize("question", ["vad får VC för ett riktat hembesök",
                                      "vad får vårdcentralen betalt för ett hembesök"])
def test_what_the_clinic_gets_is_the_compensation_rule(ask, question):
    # walk-through, stop 28: the Cosmic fields, or a decision's line without an amount
    body = ask(question)
    assert "Ersättning utgår med 500 kr per hemsjukvårdsbesök" in body["answer"]
    assert "Läkarmedverkan i hemsjukvården" in body["answer"]


def test_what_the_clinic_gets_after_a_visit_is_that_visits_compensation(ask):
    # walk-through, stop 28: refused after a full visit answer
    a = ask("khsv säbo 3/4 87-åring utskr, hur reg")
    b = ask("vad får VC", a["conversation_id"])
    assert b["kind"] == "rule" and "Extra ersättning: ja, 500 kr" in b["answer"]


def test_an_abbreviation_alone_that_a_passage_spells_out_is_explained_once(ask):
    # walk-through, stop 28: the widget's "SIP" quoted a sentence using it; a name no passage
    # spells out keeps what the routines say of it
    body = ask("SIP")
    assert body["answer"].count("samordnad individuell plan") == 1
    assert "Vårdbegäran" in ask("SAMSA")["answer"]


def test_a_salary_question_naming_a_nurse_is_not_answered_with_the_visit_rule(ask):
    # walk-through, stop 29: "only physicians' visits give the extra compensation"
    body = ask("vilken lön kan man förvänta sig som sjuksköterska i hemsjukvården")
    assert body["kind"] == "no_answer"
    assert "500 kr" not in body["answer"]


def test_an_ordinary_follow_up_physician_visit_gets_no_compensation_and_no_fee(ask):
    # walk-through, stop 29: the riktat besök's 200 kr, and nothing on the 500 kr
    body = ask("vad betalar en 80-åring för ett vanligt uppföljande läkarbesök på säbo och "
               "blir det 500 kr")
    assert body["facts"]["occasion"] == "annat"
    assert body["decision"]["compensation_sek"] == 0
    assert "varken registrering eller patientavgift" in body["answer"]


def test_a_day_noted_with_both_systems_named_is_answered_with_the_system_in_force(ask):
    # walk-through, stop 29: "besök 31/3 2025, vas eller cosmic" was asked what the person
    # wanted to know
    a = ask("besök 31/3 2025, vas eller cosmic")
    assert a["kind"] == "version"
    assert a["answer"].startswith("Den 2025-03-31 gällde ”Registrering av riktade "
                                  "hemsjukvårdsbesök av läkare i Cosmic”")
    b = ask("besök 28/3 2025, vas eller cosmic")
    assert "läkare i VAS”" in b["answer"].splitlines()[0]


def test_how_long_and_whether_extended_is_one_period_statement(ask):
    # walk-through, stop 29: split in two, the second part got the 500 kr exclusion
    body = ask("Hur länge kan Läkarmedverkan stödja en patient efter utskrivning, och kan det "
               "förlängas?")
    assert "med möjlighet till förlängning utifrån individuellt beslut" in body["answer"]
    assert "ersättning" not in body["answer"].lower()


def test_a_day_said_last_year_in_a_visits_conversation_is_last_years(ask):
    # walk-through, stop 29: "28/3 förra året" after a visit of this year kept this year and
    # gave the Cosmic card instead of the VAS one; "nyinflyttad" asked the occasion again
    a = ask("reg av hembesök 3/4")
    b = ask("säbo, 90 år, nyinflyttad", a["conversation_id"])
    assert b["facts"]["occasion"] == "inskrivning"
    assert b["decision"]["compensation_sek"] == 500
    c = ask("nej vänta det var 28/3 förra året", a["conversation_id"])
    assert c["facts"]["visit_date"] == "2025-03-28"
    assert "läkare i VAS”" in c["answer"]


def test_a_birthday_with_its_subject_after_the_verb_amends_the_visit(ask):
    # walk-through, stop 29: "förresten fyller hon 85 nästa vecka" was refused
    a = ask("hembesök igår hos 84-åring ordinärt boende inskriven khsv, brytpunktssamtal. hur reg")
    b = ask("förresten fyller hon 85 nästa vecka, spelar det ngn roll", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200
    c = ask("och om hon fyllde 85 i förrgår", a["conversation_id"])
    assert c["decision"]["patient_fee_sek"] == 0


def test_an_age_after_a_resident_or_first_before_a_comma_is_read(ask):
    # walk-throughs, stop 29: "Sabo resident 90, …" and "79, lives in her own flat, …" asked
    # for the age again
    a = ask("Sabo resident 90, end of life talk yesterday - what does pt pay and does the "
            "clinic get extra")
    assert a["facts"]["patient_age"] == 90 and a["decision"]["patient_fee_sek"] == 0
    b = ask("how do i register a home visit")
    ask("march 20 2025", b["conversation_id"])
    c = ask("79, lives in her own flat, enrolled in municipal home care, it was an end of life "
            "talk", b["conversation_id"])
    assert c["decision"]["patient_fee_sek"] == 200 and c["decision"]["compensation_sek"] == 500


def test_a_visit_asked_about_in_general_keeps_its_facts_for_the_check_it_offered(ask):
    # walk-through, stop 29: the occasion and housing of the first message were asked again
    a = ask("hembesök inskrivning ny pat på säbo vad betalar pat")
    assert a["kind"] == "search"
    b = ask("nej besöket var 2/11, pat är 85 sen i somras", a["conversation_id"])
    assert b["kind"] == "rule"
    assert b["facts"]["occasion"] == "inskrivning" and b["facts"]["setting"] == "sabo"
    assert b["decision"]["compensation_sek"] == 500 and b["decision"]["patient_fee_sek"] == 0


def test_an_amount_found_in_another_organizations_routine_names_the_version_in_force(ask):
    # walk-through, stop 29: the VAS routine, ended 2025-03-30, was named as the one in force
    body = ask("jag jobbar i kommunen i VG, gäller den där Halland-rutinen med 500 kr för "
               "hembesök även oss?")
    assert body["kind"] == "no_answer"
    assert "”Registrering av riktade hemsjukvårdsbesök av läkare i Cosmic”" in body["answer"]


def test_a_birthday_last_week_keeps_the_visits_day(ask):
    # walk-through, stop 29: "i förra veckan" of the birthday was taken for the visit's period
    # and the visit's day asked again
    a = ask("brytpunktssamtal säbo 79-åring igår, hur reggar jag i cosmic")
    b = ask("och om hen fyllt 85 i förra veckan då", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0
    assert b["facts"].get("visit_date", a["facts"]["visit_date"]) == a["facts"]["visit_date"]


def test_going_there_instead_of_a_video_visit_makes_the_visit_in_person(ask):
    # walk-through, stop 30: "ok om jag åker dit imorgon istället" kept "på distans: ja", so
    # the card again said no 500 kr
    a = ask("videobesök med säbo-pat efter utskrivning igår, kan jag reg som riktat "
            "hemsjukvårdsbesök")
    assert a["decision"]["eligible"] is False
    b = ask("ok om jag åker dit imorgon istället, hon är 84", a["conversation_id"])
    assert b["facts"]["remote"] is False and "på distans ja → nej" in b["answer"]
    assert b["decision"]["eligible"] is True


def test_a_year_alone_in_reply_completes_the_visits_day_and_keeps_its_age(ask):
    # walk-through, stop 30: "2025" after "… 78-åring brytpunktssamtal 3/4 hur reg" asked for
    # the day again
    a = ask("hembesök khsv 78-åring brytpunktssamtal 3/4 hur reg")
    b = ask("2025", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["visit_date"] == "2025-04-03"
    assert b["facts"]["patient_age"] == 78 and "77 år" not in b["answer"]
    c = ask("nej 2024 alltså", b["conversation_id"])
    assert c["decision"]["system"] == "VAS" and c["facts"]["visit_date"] == "2024-04-03"


def test_an_english_age_after_they_are_gives_that_ages_fee_alone(ask):
    # walk-through, stop 30: "… if they are 86?" got both rows, the first "The patient is
    # under 85 and pays SEK 200"
    body = ask("what does the patient pay for a home visit if they are 86? visit is next week")
    assert "85 or older" in body["answer"] and "under 85" not in body["answer"]


def test_the_patient_who_called_does_not_make_the_visit_remote(ask):
    # walk-through, stop 30: "… ringde pga fall" read the home visit as a phone call, so the
    # enrolment asked next got no 500 kr
    a = ask("besök igår hos 90-åring i eget boende, ej inskriven i khsv, ringde pga fall")
    assert a["facts"].get("remote") is not True
    b = ask("men om han skrivs in i khsv vid besöket då?", a["conversation_id"])
    assert b["decision"]["eligible"] is True and b["decision"]["compensation_sek"] == 500
    c = ask("jag ringde pat igår om provsvar, 80 år säbo, ger det 500")
    assert c["facts"]["remote"] is True and c["decision"]["eligible"] is False


def test_an_age_between_commas_and_a_routine_med_check_are_read(ask):
    # walk-through, stop 30: the age 88 and the occasion were asked for
    body = ask("Visited a patient in her flat last tuesday, she's in municipal home care, 88, "
               "routine med check")
    assert body["facts"]["patient_age"] == 88 and body["facts"]["occasion"] == "annat"
    assert body["decision"]["eligible"] is False


def test_an_english_birthday_statement_after_a_card_amends_the_age(ask):
    # walk-through, stop 30: "her birthday is …" read "is" as a question, searched and refused
    a = ask("whats the patient fee for an 84 yo, visit 2024-06-01, sabo, enrolment")
    b = ask("her birthday is 1 june, she turned 85 that day", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0
    assert "age 84 → 85" in b["answer"]


def test_what_a_code_of_the_card_is_for_nåt_is_its_meaning_question(ask):
    # walk-through, stop 30: "vad är H3 för nåt" after a VAS card was refused
    a = ask("gjorde hembesk 12/1 2024 pga utskrivning, pat 77 inskriven khsv, hur skulle det "
            "reggas")
    b = ask("vad är H3 för nåt", a["conversation_id"])
    assert b["kind"] == "search" and "Avgiftstyp: H3" in b["answer"]


def test_did_they_change_after_the_versions_changes_stays_with_those_versions(ask):
    # walk-through, stop 30: "och kriterierna för 500 kr, ändrades de?" was refused
    a = ask("vad ändrades mellan VAS och Cosmic-versionen?")
    b = ask("och kriterierna för 500 kr, ändrades de?", a["conversation_id"])
    assert b["kind"] == "version"
    assert "Villkoret för utskrivning är omformulerat i Cosmic" in b["answer"]


def test_living_at_home_with_home_care_is_enrolled(ask):
    # walk-through, stop 30: "bor hemma med hemsjukvård" was asked again whether enrolled
    a = ask("besök 28/3-25 hos 84-åring")
    b = ask("utskrivning från sjukhus, bor hemma med hemsjukvård", a["conversation_id"])
    assert b["facts"]["municipal_home_care"] is True
    assert b["decision"]["eligible"] is True and b["decision"]["system"] == "VAS"


def test_a_diagnosis_code_asked_of_a_visit_is_not_covered_not_a_card(ask):
    # walk-through, stop 30: "vilken icd-kod …" got a visit card with "Extra ersättning: nej"
    for question in ("vilken icd-kod för fall i hemmet hos khsv-pat",
                     "vilken diagnoskod sätter jag vid inskrivningssamtal på säbo 3/11, 88 år"):
        body = ask(question)
        assert body["kind"] == "no_answer" and body["decision"] is None, question


@pytest.mark.parametrize("question", ["när fattades beslutet om läkarinsatser i hemmet",
                                      "vilket datum är hsu-beslutet från"])
def test_the_date_of_a_decision_document_is_its_own_date(ask, question):
    # walk-through, stop 30: "Tilläggsbeslut från HSU 2025-02-11 att utreda …" was quoted
    body = ask(question)
    assert body["kind"] == "version" and "daterat 2026-03-03" in body["answer"]
    assert "2025-02-11" not in body["answer"]


def test_the_date_of_a_decision_the_documents_tell_of_is_searched(ask):
    body = ask("när togs beslutet om utredning")
    assert body["kind"] == "search" and "2023-11-28" in body["answer"]


def test_an_english_ordinal_day_of_a_month_is_the_visits_day(ask):
    # walk-through, stop 30: "28th of March 2025" read no day and asked for it; "the 28th of
    # march" assumed today
    body = ask("home visit 28th of March 2025, patient 80, nursing home, enrolment")
    assert body["facts"]["visit_date"] == "2025-03-28" and body["decision"]["system"] == "VAS"


def test_a_remote_contact_said_with_a_filler_word_amends_the_visit(ask):
    # walk-through, stop 30: "var via telefon faktiskt" after a card was refused
    a = ask("brytpunktssamtal säbo igår 88 år")
    b = ask("var via telefon faktiskt", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["remote"] is True
    assert b["decision"]["eligible"] is False


def test_she_is_enrolled_after_a_card_confirms_the_visit_not_refused(ask):
    # walk-through, stop 30: "ja hon är inskriven sen i höstas" was refused as out of scope
    a = ask("pat 78 år khsv ordinärt boende brytpunktssamtal 12/3 2025 hur reg")
    b = ask("ja hon är inskriven sen i höstas", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS"
    assert b["decision"]["eligible"] is True
    # admitted to a hospital is no enrolment in home care
    assert ask("hon är inskriven på sjukhuset")["facts"].get("municipal_home_care") is None


@pytest.mark.parametrize("question", [
    "gäller läkarmedverkan 14 dagar efter utskrivning för oss i kommunen också",
    "jag är ny ssk i kommunen, gäller Region Hallands rutin om 500 kr för hembesök för oss också?"])
def test_a_municipal_askers_answer_from_a_regions_document_says_whose_it_is(ask, question):
    # walk-throughs, stop 30: answered as if the region's rules were the municipality's
    body = ask(question)
    assert body["answer"].startswith("Obs: svaret kommer från ett dokument från Region Halland")


def test_a_municipal_askers_answer_from_the_municipalitys_routine_has_no_such_note(ask):
    body = ask("vilka avgiftsnivåer finns för hemsjukvården i vår kommun")
    assert "Obs:" not in body["answer"] and "Nivå 1" in body["answer"]


def test_a_visit_for_a_stated_reason_that_is_no_occasion_gets_no_compensation_at_once(ask):
    # walk-through, stop 31: "pga pneumoni" was not read, so the card showed the riktade codes,
    # "kan inte avgöras ännu" and asked for the occasion
    b = ask("pat 70 år bor hemma, inte inskriven i hemsjukvården, hembesök pga pneumoni 2/11. "
            "blir det 500 kr?")
    assert b["kind"] == "rule" and b["question"] is None
    assert b["decision"]["compensation_sek"] == 0
    assert "Riktad hemsjukvård" not in b["answer"]
    # a reason that is one of the occasions stays that occasion
    b = ask("hembesök pga utskrivning igår, 80 år, bor på säbo")
    assert b["decision"]["compensation_sek"] == 500


def test_a_change_between_the_versions_is_the_comparison_of_the_versioned_routine(ask):
    # walk-through, stop 31: today's conditions alone; routed as a version question, the
    # municipality's routine (named by "utskrivning") was said to have no earlier version;
    # in English the question was refused
    b = ask("Vad ändrades i villkoret för utskrivning mellan versionerna, och är 500 kr "
            "fortfarande samma?")
    assert b["kind"] == "version"
    assert "Villkoret för utskrivning är omformulerat i Cosmic" in b["answer"]
    assert "Ersättningen är oförändrad: 500 kr" in b["answer"]
    b = ask("what changed between the two versions of the registration routine")
    assert b["kind"] == "version" and "VAS → Cosmic" in b["answer"]


@pytest.mark.parametrize("query, name", [("hemsjukvård göteborg stad", "Göteborg stad"),
                                         ("jag jobbar i borås kommun, vem beslutar om hsv",
                                          "Borås kommun")])
def test_a_municipality_named_in_lower_case_is_one_the_knowledge_base_has_no_routine_from(
        ask, query, name):
    # walk-through, stop 31: "hemsjukvård göteborg stad" quoted Halland's SäBo contract
    b = ask(query)
    assert b["kind"] == "no_answer" and name in b["answer"]


@pytest.mark.parametrize("query", ["pat flyttar till en annan kommun, vad gör jag",
                                   "vem har ansvaret för hemsjukvård inom kommun",
                                   "gäller det i varje kommun"])
def test_a_municipality_pointed_at_names_no_organization(ask, query):
    b = ask(query)
    assert "inga rutiner från" not in b["answer"]


def test_an_age_with_an_adverb_before_it_changes_the_visit_just_answered(ask):
    # walk-throughs, stop 32: "och om pat bara är 60?" was refused as out of scope, and the
    # next follow-up ("what about in 2024?") lost the visit with it
    first = ask("hembesök 3/4 brytpunktssamtal säbo 87-åring hur reg")
    cid = first["conversation_id"]
    b = ask("och om pat bara är 60?", cid)
    assert b["kind"] == "rule" and b["facts"]["patient_age"] == 60
    assert b["decision"]["patient_fee_sek"] == 200
    assert b["decision"]["compensation_sek"] == 500
    b = ask("what about in 2024?", cid)
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS"


def test_a_month_named_after_a_card_is_the_visit_at_that_time(ask):
    # walk-through, stop 32: "vad betalade pat i dec 2022 då" after a card of 2023-01-12 got
    # that card again (200 kr and 500 kr); December 2022 is before any routine, so no 500 kr
    cid = ask("riktat hembesök 12/1 2023 inskrivning 70-åring khsv")["conversation_id"]
    b = ask("vad betalade pat i dec 2022 då", cid)
    assert b["kind"] == "rule" and b["facts"]["visit_date"].startswith("2022-12")
    assert b["decision"]["compensation_sek"] == 0
    assert b["decision"]["patient_fee_sek"] is None


def test_a_relative_joining_by_video_leaves_the_physicians_visit_in_person(ask):
    # walk-through, stop 32: the visit stayed remote, so no 500 kr
    cid = ask("brytpunktssamtal via video på säbo 3/4, 88 år")["conversation_id"]
    b = ask("men om jag var där fysiskt o anhörig var med via video", cid)
    assert b["facts"]["remote"] is False
    assert b["decision"]["compensation_sek"] == 500
    b = ask("I was there in person, the daughter joined by video, end of life talk sabo 88 "
            "yesterday")
    assert b["facts"]["remote"] is False and b["decision"]["compensation_sek"] == 500


def test_a_year_alone_while_the_occasion_is_asked_is_the_visit_that_year_not_nonsense(ask):
    # walk-through, stop 32: "och 2024?" was answered right, below "Jag förstod inte svaret."
    cid = ask("vad betalar en 90-åring för läkarbesök i hemmet")["conversation_id"]
    b = ask("och 2024?", cid)
    assert "förstod inte" not in b["answer"]
    assert b["decision"]["system"] == "VAS" and b["facts"]["visit_date"].startswith("2024")
    b = ask("asdf", cid)
    assert b["answer"].startswith("Jag förstod inte svaret.")


@pytest.mark.parametrize("query", ["when did the 500 kr bonus start",
                                   "när infördes 500 kr ersättningen"])
def test_when_the_compensation_started_is_its_introduction_not_the_versions_start(ask, query):
    # walk-through, stop 32: the locum got "Cosmic … applies from 2025-03-31" and never the
    # routine's "… infördes 2023-01-01"
    b = ask(query)
    assert b["kind"] == "search" and "infördes 2023-01-01" in b["answer"]


def test_when_a_routine_started_is_still_the_versions_answer(ask):
    b = ask("when did the cosmic routine start")
    assert b["kind"] == "version" and "2025-03-31" in b["answer"]


def test_a_year_after_a_general_fee_answer_for_an_age_is_that_patients_visit_then(ask):
    # walk-through, stop 32: "what about in 2024?" after "what does a 90 year old pay …" was
    # refused as out of scope
    first = ask("what does a 90 year old pay for a doctors home visit")
    assert first["kind"] == "search"
    b = ask("what about in 2024?", first["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS"
    assert b["decision"]["patient_fee_sek"] == 0


def test_the_500_kr_for_the_visits_of_lakarmedverkan_just_answered_is_its_exception(ask):
    # walk-through, stop 32: "får vc 500 kr för de besöken" after Läkarmedverkan's days got
    # the three occasions, which reads as yes
    cid = ask("hur länge kan läkarmedverkan stötta efter utskrivning")["conversation_id"]
    ask("pat skrevs ut igår", cid)
    b = ask("får vc 500 kr för de besöken", cid)
    assert "ger inte den extra ersättningen" in b["answer"]
    # after the compensation rule itself, "de besöken" are its occasions' visits
    cid = ask("när får man 500 kr")["conversation_id"]
    b = ask("får vc 500 kr för de besöken", cid)
    assert "ger inte den extra ersättningen" not in b["answer"]


def test_right_after_a_card_is_answered_yes_with_the_card_again(ask):
    # walk-through, stop 32: "rätt?" after a card was refused as not covered
    cid = ask("läkarbesök på säbo igår efter utskrivning, pat 87 år, hur registrerar jag"
              )["conversation_id"]
    b = ask("rätt?", cid)
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 500
    assert b["answer"].startswith("Ja – svaret följer rutinens regler")
    assert "patienten betalar 0 kr" in b["answer"].split("\n")[0]
    assert b["citations"]


def test_a_claim_checked_after_a_card_gets_yes_or_no_from_that_visits_decision(ask):
    # walk-through, stop 32: "stämmer det att patienten betalar 200 kr?" about an 87-year-old
    # got the 500 kr's conditions quoted, with no word of the fee
    cid = ask("läkarbesök på säbo igår efter utskrivning, pat 87 år, hur registrerar jag"
              )["conversation_id"]
    wrong_fee = ask("stämmer det att patienten betalar 200 kr?", cid)
    assert wrong_fee["answer"].startswith("Nej: patienten betalar 0 kr, inte 200 kr")
    paid = ask("stämmer det att vc får 500 kr?", cid)
    assert paid["answer"].startswith("Ja, det stämmer: vårdcentralen får 500 kr")
    system = ask("stämmer det att det ska in i VAS", cid)
    assert system["answer"].startswith("Nej: det registreras i Cosmic, inte i VAS")
    service = ask("så det är inskrivningssamtal?", cid)
    assert service["answer"].startswith("Ja, det stämmer: vårdtjänst Riktad hemsjukvård")
    # the visit is unchanged by the checks: still a discharge, 87 years old
    assert service["decision"]["patient_age"] == 87 and service["facts"]["occasion"] == "utskrivning"


def test_a_claim_of_compensation_for_an_ordinary_visit_is_answered_no(ask):
    cid = ask("hembesök igår hos 80-åring, ordinärt boende, vanligt uppföljningsbesök"
              )["conversation_id"]
    b = ask("så vc får 500 kr?", cid)
    assert b["answer"].startswith("Nej: besöket ger ingen extra ersättning")


def test_a_check_while_a_fact_is_missing_says_it_cannot_be_decided_yet(ask):
    cid = ask("pat 90 år, hembesök hur registrerar jag")["conversation_id"]
    b = ask("stämmer det att vc får 500?", cid)
    assert b["answer"].startswith("Det går inte att avgöra ännu")
    assert b["question"]  # the occasion is still asked for


def test_an_english_check_after_a_card_is_answered_in_english(ask):
    cid = ask("home visit yesterday, 80 y/o, brytpunktssamtal at nursing home, how do I "
              "register")["conversation_id"]
    b = ask("so she pays nothing, right?", cid)
    assert b["answer"].startswith("No: the patient pays SEK 200, not SEK 0")


def test_a_what_if_with_a_check_word_still_changes_the_visit(ask):
    # a claim stating another fact of the visit is a what-if, not a check of the card
    cid = ask("läkarbesök på säbo igår efter utskrivning, pat 87 år, hur registrerar jag"
              )["conversation_id"]
    b = ask("så om hon är 60 betalar hon 200 kr, rätt?", cid)
    assert b["decision"]["patient_age"] == 60


def test_right_after_a_quoted_answer_points_to_the_passage(ask):
    cid = ask("vem beslutar om anslutning till hemsjukvård i vg?")["conversation_id"]
    b = ask("rätt?", cid)
    assert b["kind"] == "search" and b["answer"].startswith("Svaret återger vad rutinen")
    assert "Bedömning och beslut" in b["answer"] and b["citations"]


def test_moving_a_sabo_visit_home_asks_again_whether_the_patient_is_enrolled(ask):
    # walk-through, stop 33: "och om hon bor hemma?" after a SäBo card kept "inskriven i
    # kommunal hemsjukvård: ja", which came with the SäBo, and said 500 kr
    cid = ask("hembesök säbo 92-åring idag brytpunktssamtal")["conversation_id"]
    b = ask("och om hon bor hemma?", cid)
    assert b["decision"]["compensation_sek"] is None
    assert b["question"] == "Är patienten inskriven i kommunal hemsjukvård?"
    c = ask("ja hon är inskriven", cid)
    assert c["decision"]["compensation_sek"] == 500


def test_lives_in_a_house_is_ordinary_housing(ask):
    # walk-through, stop 33: under Cosmic the housing was asked again, the 500 kr left open
    cid = ask("home visit 10 March 2025 for a new patient being enrolled in home care, 84 "
              "years old, lives in a house")["conversation_id"]
    b = ask("and on 10 April 2025?", cid)
    assert b["facts"]["setting"] == "ordinart_boende"
    assert b["decision"]["compensation_sek"] == 500


def test_regga_is_read_as_registrera(ask):
    # walk-through, stop 33: "hur reggar jag khsv-besök" was refused as out of scope
    b = ask("hur reggar jag khsv-besök")
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic"


def test_a_day_naming_a_decision_is_no_sign_the_question_is_off_topic(ask):
    # walk-through, stop 33: refused; "hur finansieras satsningen" got the 28,5 miljoner
    b = ask("hur mycket pengar omfattar HSU-beslutet 3 mars 2026")
    assert b["kind"] == "search" and "28,5 miljoner kronor" in b["answer"]


def test_an_english_routine_home_visit_with_no_discharge_gets_no(ask):
    # walk-through, stop 33: only the discharge bullet was quoted, which reads as yes
    b = ask("is there extra pay for a routine home visit at a Sabo, no discharge or anything")
    assert "No, such a visit gives no extra compensation" in b["answer"]


def test_when_the_extra_compensation_began_to_apply_is_its_introduction(ask):
    # walk-through, stop 33: refused, the passage just under the support needed
    b = ask("när började extra ersättningen gälla")
    assert b["kind"] == "search" and "infördes 2023-01-01" in b["answer"]


def test_a_year_asked_of_the_versions_is_the_version_held_that_year(ask):
    # walk-through, stop 33: "och 2024?" after a version answer was refused, and "vilken
    # version … gällde 2024" led with the version in force today
    b = ask("vilken version av registreringsrutinen gällde 2024")
    assert b["kind"] == "version"
    assert b["answer"].startswith("Den 2024-01-01 gällde ”Registrering av riktade "
                                  "hemsjukvårdsbesök av läkare i VAS”")
    cid = ask("vilken gällde 1 mars 2025")["conversation_id"]
    again = ask("2024 då?", cid)
    assert again["kind"] == "version" and again["answer"].startswith("Den 2024-01-01 gällde")


def test_a_number_alone_after_a_general_fee_answer_is_the_patients_age(ask):
    # walk-through, stop 33: "79" after "patient fee for a home visit?" was refused
    cid = ask("patient fee for a home visit?")["conversation_id"]
    b = ask("79", cid)
    assert b["kind"] == "rule" and b["decision"]["patient_age"] == 79
    assert b["decision"]["patient_fee_sek"] == 200


def test_a_follow_up_pointing_back_while_a_date_is_offered_stays_with_that_answer(ask):
    # walk-through, stop 33: "hur ska det följas upp" after Läkarmedverkan's 14 days (which
    # offered to count them from the discharge) led with the municipality's follow-up rule
    cid = ask("Vad innebär HSU-beslutet för Läkarmedverkan?")["conversation_id"]
    ask("kan det förlängas efter 14 dagar", cid)
    b = ask("hur ska det följas upp", cid)
    assert b["kind"] == "search"
    assert {c["organization"] for c in b["citations"]} == {"Region Halland"}


def test_do_i_get_paid_extra_for_an_occasion_is_the_compensation_rule(ask):
    # walk-through, stop 33: refused as a question about the asker's salary
    b = ask("do I get paid extra for a home visit to a Sabo patient after hospital discharge?")
    assert "Yes, such a visit gives the clinic an extra SEK 500" in b["answer"]
    assert ask("do I get paid extra for a night visit")["kind"] == "no_answer"


def test_a_corrected_day_keeps_the_age_given_for_the_visit(ask):
    # walk-through, stop 33: "nej förlåt, det var 3/4 2025" made the 85-year-old 84 (200 kr)
    cid = ask("inskrivning säbo 85-åring 3/4")["conversation_id"]
    b = ask("nej förlåt, det var 3/4 2025", cid)
    assert b["decision"]["visit_date"] == "2025-04-03"
    assert b["decision"]["patient_age"] == 85 and b["decision"]["patient_fee_sek"] == 0


def test_tel_is_a_telephone_contact_and_a_refusal_keeps_the_visits_thread(ask):
    # walk-through, stop 33: "tel då" was refused, and "om det var per telefon då?" after it
    cid = ask("brytpunktssamtal 87-åring ordinärt boende igår, khsv")["conversation_id"]
    b = ask("tel då", cid)
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] in (0, None)
    assert b["facts"]["remote"] is True
    ask("asdfgh", cid)
    c = ask("om det var på plats då?", cid)
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500


@pytest.mark.parametrize("aside", [
    "vad är telefonnumret till hallandsjouren", "whats the phone nr to the on call?"])
def test_a_question_aside_in_a_visits_conversation_leaves_the_visit_as_told(ask, aside):
    # walk-through, stop 43: the phone number asked made the visit a phone call, without its
    # 500 kr ("Ändrat: på distans nej → ja"), and "ok vad blir kund då?" after the refusal was
    # refused
    cid = ask("hembesök igår hos 88-åring på säbo efter utskrivning")["conversation_id"]
    b = ask(aside, cid)
    assert b["kind"] == "no_answer" and "distans" not in b["answer"]
    c = ask("ok vad blir kund då?", cid)
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500
    assert c["facts"]["remote"] is False
    assert "Kund: Primärvård" in c["answer"]


def test_an_age_written_as_years_at_the_end_is_read(ask):
    # walk-through, stop 33: "…, 88 years." was asked for again
    b = ask("saw a sabo patient yesterday right after discharge from hospital, 88 years. "
            "fee and reg?")
    assert b["decision"]["patient_age"] == 88 and b["decision"]["patient_fee_sek"] == 0


def test_a_general_claim_about_an_ages_fee_gets_yes_or_no(ask):
    # walk-through, stop 33: "stämmer det att 85-åringar betalar 200 …" got the fee line alone
    b = ask("stämmer det att 85-åringar betalar 200 för hembesök")
    assert b["answer"].startswith("Nej: en patient som är 85 år betalar 0 kr, inte 200 kr.")
    assert "VAS-rutinen" in b["answer"].split("\n")[0]
    yes = ask("stämmer det att en 70-åring betalar 200 kr för hembesök av läkare")
    assert yes["answer"].startswith("Ja, det stämmer: en patient som är 70 år betalar 200 kr.")
    en = ask("is it true that patients over 85 pay 200 kr for a home visit")
    assert en["answer"].startswith("No: a patient aged 86 pays SEK 0, not SEK 200.")


def test_a_fee_claim_for_a_remote_contact_says_the_routine_states_no_fee(ask):
    # walk-through, stop 33: "det beror på patientens ålder" was said of a known 86-year-old
    cid = ask("hembesök via video igår, pat 86, brytpunktssamtal säbo")["conversation_id"]
    b = ask("stämmer det att hon betalar 200?", cid)
    assert b["answer"].startswith("Det säger rutinen inte: rutinen anger ingen patientavgift")


def test_a_decisions_day_named_in_full_gets_that_decisions_section(ask):
    # walk-through, stop 33: "Vad beslutade HSU 2026-03-03 …" got the background's
    # "Tilläggsbeslut från HSU 2025-02-11"
    b = ask("Vad beslutade HSU 2026-03-03 om läkarinsatser i hemmet?")
    assert "Beslut HSU 2026-03-03" in b["answer"] and "2025-02-11" not in b["answer"]


def test_vob_is_the_municipalitys_abbreviation_of_its_care_homes(ask):
    # walk-through, stop 33: refused
    b = ask("Vad står VoB för och ansluts de som bor där automatiskt?")
    assert "ansluts till hemsjukvården vid inflyttning" in b["answer"]


def test_a_follow_up_pointing_back_only_by_da_is_asked_on_its_own_when_it_can_be(ask):
    # walk-throughs, stop 33: "vem skickar vårdbegäran då?" after the enrolment criteria got
    # "… krävs en vårdbegäran"; "hur många besök gjorde läkarmedverkan 2020 då" after the HSU
    # decision was refused
    cid = ask("Vem kan anslutas till hemsjukvården?")["conversation_id"]
    b = ask("vem skickar vårdbegäran då?", cid)
    assert b["answer"].startswith("Vårdbegäran kan komma från patientens fasta vårdkontakt")
    cid = ask("vad innebär hsu beslutet för läkarmedverkan")["conversation_id"]
    c = ask("hur många besök gjorde läkarmedverkan 2020 då", cid)
    assert c["kind"] == "search" and "4 115" in c["answer"]


_VG = "Kommun i Västra Götaland (Sektor Välfärd)"


_ask_in, _ask_halland = ask_in, ask_halland


def test_the_next_of_several_visits_keeps_its_own_day(client):
    # walk-through, stop 34: "nästa: 20/12 -22, utskrivning, …" after a first visit read the
    # day as the discharge's and kept the first visit's day (Cosmic, 200 kr)
    a = _ask_halland(client, "har 3 besök att reg. först: 3/4 inskrivn ny pat säbo 91 år")
    b = _ask_halland(client, "nästa: 20/12 -22, utskrivning, 70 år, hemsjukvård i ordinärt",
                     a["conversation_id"])
    assert b["understood"]["facts"]["visit_date"] == "2022-12-20"
    assert "Ingen rutin i kunskapsbasen gäller besöksdagen 2022-12-20" in b["answer"]


def test_a_corrected_day_said_to_be_this_year_moves_the_visit_to_this_year(client):
    # walk-through, stop 34: "actually it was 20 march this year" kept last year's VAS codes
    a = _ask_halland(client, "is it Cosmic or VAS for a visit i did 20 march last year")
    b = _ask_halland(client, "she was 84, breakpoint talk at the sabo", a["conversation_id"])
    c = _ask_halland(client, "actually it was 20 march this year", b["conversation_id"])
    year = today_in_stockholm().year
    assert c["understood"]["facts"]["visit_date"] == f"{year}-03-20"
    assert c["decision"]["system"] == "Cosmic" and "registered in Cosmic" in c["answer"]
    # (the age said for the visit whose day was only assumed is its age on the day said: no
    # note moving it, stop 37)
    assert c["decision"]["patient_fee_sek"] == 200 and "84 or 85" not in c["answer"]


def test_an_age_changed_in_words_gives_the_fee_of_that_age(client):
    # walk-through, stop 34: "ändra åldern till 87" was refused
    a = _ask_halland(client, "besök 2/4-25 utskrivning 72 år ordinärt boende khsv")
    b = _ask_halland(client, "ändra åldern till 87", a["conversation_id"])
    assert b["kind"] == "rule" and "ålder 72 → 87" in b["answer"]
    assert "Patientavgift: 0 kr." in b["answer"]


def test_a_patient_said_not_to_be_enrolled_gets_no_compensation_for_the_discharge(client):
    # walk-through, stop 34: "not in municipal care" and "ej inskriven i hemsjukv" were not
    # read, so the enrolment was asked and the card listed the targeted codes
    for message in ("visited a pt on tuesday, 81, lives at home, not in municipal care, just "
                    "discharged",
                    "hembesök hos 77-åring i eget hem, ej inskriven i hemsjukv, uppfölj efter "
                    "utskrivning 2/11"):
        body = _ask_halland(client, message)
        assert body["decision"]["eligible"] is False, message
        assert body["understood"]["facts"]["municipal_home_care"] is False, message


def test_a_fee_asked_then_after_a_version_answer_is_of_that_time(ask):
    # walk-through, stop 34: "och vad betalade en 84-åring då" after "vilken registreringsrutin
    # gällde i december 2024" was answered for today, from the Cosmic routine
    a = ask("vilken registreringsrutin gällde i december 2024")
    assert a["kind"] == "version"
    b = ask("och vad betalade en 84-åring då", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS", b["answer"]
    assert "december 2024" in b["answer"] and b["decision"]["patient_fee_sek"] == 200
    c = ask("vilken version gällde 2024")
    d = ask("what did a 90 year old pay then", c["conversation_id"])
    assert d["kind"] == "rule" and d["decision"]["system"] == "VAS", d["answer"]
    assert d["decision"]["patient_fee_sek"] == 0


def test_the_registration_routine_asked_by_its_words_is_never_the_decision_on_home_visits(ask):
    # walk-through, stop 34: "… för registrering av läkarbesök i hemmet 15 feb 2025" named the
    # HSU decision "Läkarinsatser i hemmet" by "hemmet", and said no version held then
    body = ask("vilken rutin gällde för registrering av läkarbesök i hemmet 15 feb 2025")
    assert body["kind"] == "version"
    assert body["answer"].startswith("Den 2025-02-15 gällde ”Registrering av riktade "
                                     "hemsjukvårdsbesök av läkare i VAS”"), body["answer"]
    decision = ask("gäller beslutet om läkarinsatser i hemmet fortfarande")
    assert "Läkarinsatser i hemmet" in decision["answer"]


def test_another_organizations_date_rule_is_said_to_be_theirs_when_one_is_picked(client):
    # walk-throughs, stop 34: with Region Halland picked, the follow-up question asked for the
    # enrolment day and counted the Västra Götaland municipality's two months
    body = _ask_halland(client, "när ska första uppföljn ske efter inskrivning i hemsjukv")
    assert body["kind"] == "no_answer"
    assert body["answer"].startswith("Rutinerna från Region Halland tar inte upp det")
    assert "”Uppföljning av hemsjukvård”" in body["answer"]
    vg = _ask_in(client, _VG, "när ska första uppföljningen ske, pat ansluten 1/9")
    assert vg["date_rule"] is not None and "2 månader efter anslutningen" in vg["answer"]


def test_a_longer_time_asked_after_lakarmedverkans_days_gets_its_extension(ask):
    # walk-through, stop 34: "och om pat behöver längre tid än det" got the SäBo assignment's
    # "Ingen tid finns längre omnämnd – den tid som behövs ska avsättas"
    for first, then in (("hur länge kan läkarmedverkan stötta en pat efter utskrivning",
                         "och om pat behöver längre tid än det"),
                        ("how long can lakarmedverkan support a patient",
                         "what if they need longer")):
        a = ask(first)
        b = ask(then, a["conversation_id"])
        assert "individuellt beslut och särskild prövning" in b["answer"], then
        assert "Ingen tid finns längre omnämnd" not in b["answer"], then


def test_another_decisions_date_asked_after_the_inquirys_is_not_lakarmedverkans_days(ask):
    # walk-through, stop 34: "och tilläggsbeslutet från HSU, vilket datum" got the 14 days
    a = ask("när beslutades utredningen om läkarinsatser i hemmet")
    assert "2023-11-28" in a["answer"]
    b = ask("och tilläggsbeslutet från HSU, vilket datum", a["conversation_id"])
    assert "2025-02-11" in b["answer"] and "14 dagar" not in b["answer"]


def test_a_visit_fact_beside_a_question_on_something_else_gets_no_note_on_registration(client):
    # walk-through, stop 34: "pat flyttade in på vård och omsorgsboende igår, måste jag skicka
    # en vårdbegäran" with the municipality picked led with "… beskriver inte registrering,
    # patientavgift eller extra ersättning …"
    body = _ask_in(client, _VG, "pat flyttade in på vård och omsorgsboende igår, måste jag "
                                "skicka en vårdbegäran")
    assert "beskriver inte registrering" not in body["answer"]
    assert "ansluts till hemsjukvården vid inflyttning" in body["answer"]
    fee = _ask_in(client, _VG, "vad betalar en 87-åring för läkarbesök hemma igår")
    assert "beskriver inte registrering" in fee["answer"]


@pytest.mark.parametrize("message, named", [("does the 500 kr apply in Skane too", "Skåne"),
                                            ("hemsjukvård malmo", "Malmö"),
                                            ("hur gör man i orebro", "Örebro")])
def test_another_region_named_without_its_diacritics_never_gets_hallands_rules(ask, message,
                                                                                named):
    # walk-through, stop 34: "Skane" and "malmo" got Region Halland's 500 kr and HSU decision
    body = ask(message)
    assert body["kind"] == "no_answer" and body["decision"] is None, body["answer"]
    assert named in body["answer"]


def test_the_last_of_several_visits_is_another_patients_without_the_enrolment_before(client):
    # walk-through, stop 34: "sista: 92 år hemma utan hemsjukvård, utskriven från sjukhus igår"
    # kept the enrolment of the SäBo visit before ("utan hemsjukvård" was not read) and said
    # 500 kr; "samma dag" of the next visit is the day of the one before
    a = _ask_halland(client, "första besöket: 86 år, säbo, inskrivning 2/11")
    b = _ask_halland(client, "nästa: 67 år ordinärt boende khsv brytpunktssamtal samma dag",
                     a["conversation_id"])
    assert b["understood"]["facts"]["visit_date"] == a["understood"]["facts"]["visit_date"]
    assert b["decision"]["eligible"] is True
    c = _ask_halland(client, "sista: 92 år hemma utan hemsjukvård, utskriven från sjukhus igår",
                     b["conversation_id"])
    assert c["understood"]["facts"]["municipal_home_care"] is False
    assert c["decision"]["eligible"] is False


def test_a_municipality_in_vastra_gotaland_asking_for_the_500_kr_is_told_the_rules_do_not_hold(ask):
    # walk-through, stop 34: "I'm working in a Gothenburg municipality, do we get the 500 kr"
    # got Region Halland's rule as the answer
    body = ask("I'm working in a Gothenburg municipality, do we get the 500 kr")
    assert body["kind"] == "no_answer" and body["decision"] is None
    assert "no routines from Göteborg" in body["answer"]
    vg = ask("Får vi i Västra Götaland 500 kr för läkarbesök i hemmet?")
    assert vg["kind"] == "no_answer" and vg["decision"] is None


def test_an_age_said_to_have_been_another_is_read(client):
    # walk-through, stop 34: "och åldern var 93 inte 83" was refused
    a = _ask_halland(client, "inskrivningssamtal säbo 83 år 20/3 2025")
    b = _ask_halland(client, "och åldern var 93 inte 83", a["conversation_id"])
    assert "ålder 83 → 93" in b["answer"] and b["decision"]["patient_fee_sek"] == 0


def test_a_follow_up_naming_another_sections_heading_asks_about_that_section(client):
    # walk-through, stop 34: "och om det är en pat på permission från sjukhuset" after the
    # evening and night answer got the evening section again
    a = _ask_in(client, _VG, "ansluts patienter som bara behöver insatser på kvällen och natten")
    assert a["citations"][0]["section"] == "Kväll och natt"
    b = _ask_in(client, _VG, "och om det är en pat på permission från sjukhuset",
                a["conversation_id"])
    assert b["citations"][0]["section"] == "Permission från slutenvården", b["answer"]
    c = _ask_in(client, _VG, "krävs det nåt innan vi gör insatser vid permission",
                b["conversation_id"])
    assert "dialog och nödvändig informationsöverföring" in c["answer"], c["answer"]


def test_the_municipalitys_fee_in_kronor_is_said_not_to_be_given(client):
    # walk-through, stop 34: "hur mycket kostar det i kronor" after the fee levels, with the
    # municipality picked, was pointed to Region Halland's Cosmic routine
    a = _ask_in(client, _VG, "vad är avgiftsnivå 1")
    b = _ask_in(client, _VG, "hur mycket kostar det i kronor", a["conversation_id"])
    assert b["kind"] == "no_answer"
    # (with how the routine describes the fee: stop 39)
    assert b["answer"].startswith("Rutinerna anger inget belopp för avgiften.")
    assert "två avgiftsnivåer" in b["answer"]
    assert "Det gör en rutin från Region Halland" not in b["answer"]


def test_the_fields_asked_after_a_registration_answer_are_that_answers(ask):
    # walk-through, stop 34: "what fields do i fill in" after a VAS card was refused
    a = ask("visit feb 14 2023, new pt being enrolled in home care, age 91 which system")
    b = ask("what fields do i fill in", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "VAS", b["answer"]
    assert "Besökstyp: Hemsjukvårdsbesök" in b["answer"]
    # another system named asks for that system's fields
    c = ask("besök idag 87 år säbo utskrivning")
    d = ask("vilka fält fyllde man i i vas", c["conversation_id"])
    assert "Besökstyp" in d["answer"], d["answer"]


def test_a_nurse_named_as_company_leaves_the_physicians_visit_a_physicians(client):
    # walk-through, stop 35: "gick igenom med ssk", "dsk var också med", "the ssk on the ward
    # called me" each made the visit a nurse's: "Extra ersättning: nej" and no registration
    for message in ("var hos en tant på säbo igår, hon kom hem från HS i förrgår, 91 år, gick "
                    "igenom med ssk o ändrade lkm. blir det 500kr",
                    "hembesök igår hos 79-åring i ordinärt boende m khsv, inskrivningssamtal, "
                    "dsk var också med",
                    "home visit yesterday, sabo, 87 y/o, discharged from hospital last week, the "
                    "ssk on the ward called me beforehand. what do I register"):
        body = _ask_halland(client, message)
        assert "performed_by" not in body["understood"]["facts"], message
        assert body["decision"]["eligible"] is True, message
    nurse = _ask_halland(client, "ssk från vc gjorde hembesök hos khsv pat efter utskr igår, "
                                 "81 år, ger det 500")
    assert nurse["understood"]["facts"]["performed_by"] == "sjukskoterska"
    assert nurse["decision"]["eligible"] is False


def test_the_visit_after_a_discharge_keeps_its_own_day_when_said_as_going_there(client):
    # walk-through, stop 35: "skrevs ut från medicin 28/11, jag åkte hem till honom 1/12" took
    # the discharge's day for the visit's
    body = _ask_halland(client, "pat 76 år bor hemma, inskriven i khsv, skrevs ut från medicin "
                                "28/11/2025, jag åkte hem till honom 1/12/2025. 500 kr?")
    assert body["understood"]["facts"]["visit_date"] == "2025-12-01"


def test_at_home_in_a_sabo_is_the_sabo(client):
    # walk-through, stop 35: "brytpunktssamtal hemma hos en 90-åring på säbo" was read as
    # ordinary housing and the 500 kr left open
    body = _ask_halland(client, "hur registreras ett brytpunktssamtal hemma hos en 90-åring på "
                                "säbo 10 feb 2025")
    assert body["understood"]["facts"]["setting"] == "sabo"
    assert body["decision"]["eligible"] is True


def test_video_asked_of_the_physician_after_the_compensation_is_a_no(client):
    # walk-through, stop 35: "och om läkaren tar det via video" after the 500 kr's conditions
    # quoted them again with no "no"
    a = _ask_halland(client, "hur mycket får vårdcentralen för ett riktat hemsjukvårdsbesök")
    b = _ask_halland(client, "och om läkaren tar det via video", a["conversation_id"])
    assert "kan aldrig ske på distans" in b["answer"]
    assert "ger inte ersättningen" in b["answer"]


def test_a_longer_support_asked_after_lakarmedverkans_days_gets_the_extension(client):
    # walk-through, stop 35: "och om det behövs längre" got the SäBo assignment's "Ingen tid
    # finns längre omnämnd", read as no limit
    a = _ask_halland(client, "hur länge kan läkarmedverkan stötta en patient efter utskrivning")
    b = _ask_halland(client, "och om det behövs längre", a["conversation_id"])
    assert "individuellt beslut och särskild prövning" in b["answer"]
    assert "Ingen tid finns längre" not in b["answer"]


def test_the_night_asked_after_the_physicians_responsibility_is_hallandsjouren(client):
    # walk-through, stop 35: "och på natten då" got the listed vårdcentral's physician again
    a = _ask_halland(client, "vem har läkaransvaret för en hemsjukvårdspatient i ordinärt boende")
    b = _ask_halland(client, "och på natten då", a["conversation_id"])
    assert "Hallandsjouren" in b["answer"]


def test_region_or_municipality_asked_as_a_choice_is_not_answered_no(client):
    # walk-through, stop 35: "är det regionen eller kommunen som bestämmer …" got "Nej, inte
    # regionen eller kommunen" above the municipality's own planeringsfunktion
    body = _ask_in(client, "Kommun i Västra Götaland (Sektor Välfärd)",
                   "är det regionen eller kommunen som bestämmer om nån ska få hemsjukvård")
    assert "planeringsfunktion" in body["answer"]
    assert "Nej" not in body["answer"]


def test_what_changed_between_the_two_routines_compares_vas_and_cosmic(client):
    # walk-through, stop 35: refused, though the home page offers the question as an example
    for message in ("what changed between the two routines besides the system",
                    "vad ändrades mellan rutinerna"):
        body = _ask_halland(client, message)
        assert body["kind"] == "version", message
        assert "VAS → Cosmic" in body["answer"], message


def test_one_field_asked_after_a_card_is_answered_from_that_card(client):
    # walk-through, stop 35: "o kunden?" and "bara kontakttypen tack" were refused
    a = _ask_halland(client, "hembesök igår 88 år säbo efter utskrivning")
    b = _ask_halland(client, "o kunden?", a["conversation_id"])
    assert b["kind"] == "rule" and b["answer"].startswith("Kund: Primärvård")
    c = _ask_halland(client, "bara kontakttypen tack", b["conversation_id"])
    assert c["answer"].startswith("Kontakttyp: Hemsjukvårdsbesök")
    d = _ask_halland(client, "vad betyder vårdtjänst", c["conversation_id"])
    assert d["kind"] == "search"


def test_a_correction_saying_lakarmedverkan_made_the_visit_amends_it(client):
    # walk-through, stop 35: "vänta de va läkarmedverkan som åkte dit inte vi, ändras ngt?"
    # was read as a version question and refused; the card before stood
    a = _ask_halland(client, "hembesök idag hos pat 80 år på säbo efter utskrivning")
    assert a["decision"]["eligible"] is True
    b = _ask_halland(client, "vänta de va läkarmedverkan som åkte dit inte vi, ändras ngt?",
                     a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is False
    assert b["facts"]["lakarmedverkan"] is True


def test_the_count_of_a_personnummers_digits_is_no_age(client):
    # walk-through, stop 35: "patient 12 digits 195802297712 …" was 12 years old, 200 kr
    body = _ask_halland(client, "patient 12 digits 195802297712 home visit yesterday after "
                                "discharge, sabo, fee?")
    assert "patient_age" not in body["understood"]["facts"]
    assert "195802297712" not in body["answer"]


def test_a_question_only_the_other_organization_covers_says_so_with_one_picked(client):
    # walk-through, stop 35: with Region Halland picked, the municipality's fee levels got
    # Cosmic's 200 kr and who sends the vårdbegäran a report's sentence on enrolment
    for message, section in (("avgift hemsjukvård nivå 1 o 2 vad e skillnaden",
                              "Avgift för Hemsjukvård"),
                             ("skriv ut pat idag från khsv, vem skickar vårdbegäran",
                              "Utskrivning från hemsjukvård")):
        body = _ask_halland(client, message)
        assert body["kind"] == "no_answer" and body["citations"] == [], message
        assert "Kommun i Västra Götaland" in body["answer"] and section in body["answer"]
    night = _ask_halland(client, "vem har ansvaret på natten")
    assert night["kind"] == "search" and "Hallandsjouren" in night["answer"]


def test_home_care_said_with_the_swedish_word_in_english_is_the_enrolment(client):
    # walk-through, stop 35: "… but gets hemsjukvård from the kommun" asked the enrolment
    # again; "and if she was not enrolled in kommunal hemsjukvård at all" quoted a bullet
    a = _ask_halland(client, "did a home visit yesterday at a Sabo, lady 89, she was just "
                             "discharged from the hospital")
    b = _ask_halland(client, "actually she is not at sabo, she lives in her own flat but gets "
                             "hemsjukvård from the kommun", a["conversation_id"])
    assert b["facts"]["municipal_home_care"] is True
    assert b["decision"]["eligible"] is True
    c = _ask_halland(client, "and if she was not enrolled in kommunal hemsjukvård at all",
                     b["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["eligible"] is False


def test_a_nurse_beside_the_patient_on_a_phone_call_leaves_it_the_physicians_call(client):
    # walk-through, stop 35: "tel samtal m pat …, ssk satt bredvid pat" and "phone follow up …,
    # the nurse was with the pt" were the nurse's visits; they are the physician's remote
    # contacts (no extra compensation, for that reason)
    for message in ("tel samtal m pat 82 år säbo brytpunkt, ssk satt bredvid pat. ger det 500",
                    "phone follow up with 88 y/o in khsv after discharge, the nurse was with "
                    "the pt"):
        body = _ask_halland(client, message)
        facts = body["understood"]["facts"]
        assert facts.get("remote") is True and "performed_by" not in facts, message
        assert body["decision"]["eligible"] is False


def test_logging_a_visit_in_english_is_registering_it(client):
    # walk-through, stop 35: "how do i log a home visit in cosmic, pt just got discharged" was
    # refused; "how do i register …" worked
    body = client.post("/api/v1/chat", json={
        "message": "hi, how do i log a home visit in cosmic, pt just got discharged from "
                   "hospital"}).json()
    assert body["kind"] == "rule" and body["decision"]["system"] == "Cosmic"


def test_one_after_what_an_occasion_is_asks_of_that_occasion(client):
    # walk-through, stop 35: "ok do we get the extra money for one at a nursing home" after
    # "whats a brytpunktssamtal" got the SäBo assignment's pay
    a = client.post("/api/v1/chat", json={"message": "whats a brytpunktssamtal"}).json()
    b = client.post("/api/v1/chat", json={
        "message": "ok do we get the extra money for one at a nursing home",
        "conversation_id": a["conversation_id"]}).json()
    assert "SEK 500" in b["answer"] and b["answer"].count("Yes") >= 1


def test_which_system_after_a_card_is_the_one_of_the_visits_day(client):
    # walk-through, stop 35: "which system do i use for that one then" after a 2023 visit got
    # an IT-system sentence of the HSU decision; "vilket journalsystem" today's
    for message, follow_up in (
            ("visited a sabo resident on 15 june 2023 after she came home from hospital, "
             "shes 90", "which system do i use for that one then"),
            ("besök 3/2 2025 88 år säbo efter utskrivning", "vilket journalsystem")):
        a = _ask_halland(client, message)
        b = _ask_halland(client, follow_up, a["conversation_id"])
        assert b["kind"] == "version", follow_up
        assert "i VAS" in b["answer"].split("\n")[0], b["answer"]


def test_a_version_asked_of_last_year_and_then_of_a_year_before_any(client):
    # walk-through, stop 35: "what was the registration routine last year" got today's, and
    # "and back in 2022?" the same again
    a = client.post("/api/v1/chat", json={
        "message": "what was the registration routine last year"}).json()
    last = today_in_stockholm().year - 1
    assert a["kind"] == "version" and a["answer"].startswith(f"On {last}-01-01")
    b = client.post("/api/v1/chat", json={"message": "and back in 2022?",
                                          "conversation_id": a["conversation_id"]}).json()
    assert "no version of the routine that applied on 2022-01-01" in b["answer"]


def test_a_search_box_abbreviation_naming_a_section_by_the_lexicon_is_answered(client):
    # walk-through in the widget, stop 35: "lmv" was refused while naming the section
    # "Läkarmedverkan" as the nearest
    body = client.post("/api/v1/chat", json={"message": "lmv"}).json()
    assert body["kind"] == "search"
    assert body["citations"][0]["section"] == "Läkarmedverkan"
    off = client.post("/api/v1/chat", json={"message": "lunchmeny idag"}).json()
    assert off["kind"] == "no_answer"


# walk-through, stop 36 (a Halland physician's visits around the change of system)

@pytest.mark.parametrize("message", ["hembesök 28 mars 25 utskrivning säbo 84 år",
                                     "home visit 28 mar 25 after discharge, 84, at sabo"])
def test_a_written_date_with_a_two_digit_year_is_that_years(client, message):
    # "28 mars 25" was read as this year's 28 March: the Cosmic card for a VAS visit
    body = _ask_halland(client, message)
    assert body["kind"] == "rule" and body["decision"]["system"] == "VAS", body["answer"]
    assert body["understood"]["facts"]["visit_date"] == "2025-03-28"


@pytest.mark.parametrize("message, day, system", [
    ("15 jan -24 besök efter utskrivning, 91-åring i eget hem m khsv", "2024-01-15", "VAS"),
    ("besök 20250330 brytpunktssamtal säbo 84 år", "2025-03-30", "VAS"),
    ("hembesök 2025.03.31 inskrivningssamtal säbo 84 år", "2025-03-31", "Cosmic")])
def test_a_date_with_a_dashed_year_or_run_together_is_that_day(client, message, day, system):
    # walk-throughs, stop 41: "15 jan -24" was read as this year's 15 January and "20250330"
    # as no date, each answered with the Cosmic routine for a VAS visit
    body = _ask_halland(client, message)
    assert body["kind"] == "rule" and body["decision"]["system"] == system, body["answer"]
    assert body["understood"]["facts"]["visit_date"] == day


@pytest.mark.parametrize("first, correction, day, system", [
    ("hembesök 12/3 pat 77 inskriven khsv utskriven från sjukhus", "jag menar 2025",
     "2025-03-12", "VAS"),
    ("hembesök 2/12 pat 88 säbo brytpunkt", "fel år, 2024 var det", "2024-12-02", "VAS")])
def test_a_year_corrected_in_words_after_a_card_moves_that_visit(client, first, correction,
                                                                 day, system):
    # walk-through, stop 41: each correction of the year was refused, and the card of the
    # wrong journal system stood
    a = _ask_halland(client, first)
    b = _ask_halland(client, correction, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == system, b["answer"]
    assert b["understood"]["facts"]["visit_date"] == day


def test_an_impossible_run_together_date_is_asked_for_never_today(client):
    # walk-through, stop 41: "20241301" (month 13) was taken as today's visit, unsaid
    body = _ask_halland(client, "hembesök säbo inskrivning 20241301 88år")
    assert body["kind"] == "clarify" and body["decision"] is None, body["answer"]


def test_a_week_number_is_asked_for_its_day_never_today(client):
    # walk-through, stop 41: "v.14 2025" was no date, and the visit was taken to be today's
    body = _ask_halland(client, "hembesök v.14 2025 pat 80 säbo inskrivningssamtal")
    assert body["kind"] == "clarify" and "v.14" in body["answer"], body["answer"]


@pytest.mark.parametrize("first, again", [
    ("besök 30 mars 2025, inskrivning, pat 80", "och 31 mars?"),
    ("visit was 30 march 2025, enrolment, pt 80. VAS or Cosmic?", "and 31 march?"),
    ("besök 30/3 2025, inskrivning, pat 80", "och 31/3?")])
def test_a_day_without_its_year_after_a_card_is_that_visit_on_that_day(client, first, again):
    # walk-through, stop 41: "and 31 march?" after a VAS card of 30 March 2025 quoted the
    # Cosmic routine's references, "och 31 mars?" was refused
    a = _ask_halland(client, first)
    assert a["decision"]["system"] == "VAS"
    b = _ask_halland(client, again, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic", b["answer"]
    assert b["understood"]["facts"]["visit_date"] == "2025-03-31"


def test_an_age_corrected_with_or_actually_is_the_later_age(client):
    body = _ask_halland(client, "pt 87 or actually 84 not sure, enrolment visit khsv 10/11 2026")
    assert body["understood"]["facts"]["patient_age"] == 84
    assert body["decision"]["patient_fee_sek"] == 200


@pytest.mark.parametrize("message, reply, fee", [
    ("pat 82 år född 1938 hembesök efter utskrivning säbo 2/12 2026", "82", 200),
    ("visit 3/12 2026, discharge, sabo, pt is 90, born 1950", "90", 0)])
def test_an_age_that_contradicts_the_birth_year_is_asked_not_guessed(client, message, reply,
                                                                     fee):
    # the birth year won silently; the fee turns on the age at 85
    a = _ask_halland(client, message)
    assert a["kind"] == "clarify" and a["decision"] is None, a["answer"]
    assert reply in a["answer"] and ("stämmer inte" in a["answer"]
                                     or "does not match" in a["answer"])
    b = _ask_halland(client, reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == fee
    assert b["decision"]["compensation_sek"] == 500


def test_a_discharge_said_after_a_home_care_the_patient_lacks_is_still_the_occasion(client):
    # "utan hemsjukvård efter utskrivning": the negation is the home care's; the occasion
    # was asked and the 500 kr left open
    body = _ask_halland(client, "hembesök hos pat i eget boende utan hemsjukvård efter "
                                "utskrivning 70 år 1/12 2026, ger det ersättn")
    assert body["understood"]["facts"]["occasion"] == "utskrivning"
    assert body["kind"] == "rule" and body["decision"]["eligible"] is False


def test_a_visit_after_a_hospital_stay_is_a_discharge_visit(client):
    a = _ask_halland(client, "hembesök khsv ordinärt boende efter inläggning på sjukhus, 83 år "
                             "14/10-24, vad gäller")
    assert a["understood"]["facts"]["occasion"] == "utskrivning"
    assert a["decision"]["system"] == "VAS" and a["decision"]["compensation_sek"] == 500
    b = _ask_halland(client, "och om hon varit inlagd men inte inskriven i khsv",
                     a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is False


def test_what_it_would_have_been_today_is_the_same_visit_today(client):
    a = _ask_halland(client, "hembesök säbo efter utskrivning, 83 år 14/10-24")
    b = _ask_halland(client, "vad hade det varit idag", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic", b["answer"]


@pytest.mark.parametrize("first, same, last_year", [
    ("gjorde hembesök på säbo 30/11 2026 efter utskrivning, pat 91 år hur reggar jag",
     "samma fast på distans", "vad hade det varit förra året"),
    ("home visit sabo 30/11 2026 after discharge, pt 88, how do i register in cosmic",
     "same but by video", "what about last yr")])
def test_the_same_visit_remote_and_a_year_earlier_are_that_visit_amended(client, first, same,
                                                                         last_year):
    # "samma fast på distans" quoted the SäBo residents' "fast läkarkontakt"; "förra året"
    # got a version answer, "last yr" a refusal
    a = _ask_halland(client, first)
    b = _ask_halland(client, same, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 0, b["answer"]
    c = _ask_halland(client, last_year, a["conversation_id"])
    assert c["kind"] == "rule", c["answer"]
    assert c["understood"]["facts"]["visit_date"] == "2025-11-30"


@pytest.mark.parametrize("first, field, system", [
    ("brytpunktssamtal khsv ordinärt boende 12/3-25, 78 år", "vad blir kund", "VAS"),
    ("breakpoint convo at sabo, pt 92, 15 march 2024, what do i put in VAS",
     "what about the customer field", "VAS")])
def test_a_field_the_days_system_lacks_is_said_to_be_lacking(client, first, field, system):
    # walk-through, stop 36: the VAS card again, as if it answered "Kund"
    a = _ask_halland(client, first)
    b = _ask_halland(client, field, a["conversation_id"])
    head = b["answer"].split("\n")[0]
    assert b["kind"] == "rule" and system in head and "Kund" in head, b["answer"]
    assert "inget fält" in head or "no “Kund” field" in head


@pytest.mark.parametrize("first, day", [
    ("visit 30/3/2025, discharge, 70 yo, sabo", "oops it was the 31st"),
    ("hembesök 30/3 2025 utskrivning säbo 70 år", "nej det var den 31:a")])
def test_a_day_of_the_month_said_alone_moves_the_visit_within_its_month(client, first, day):
    # walk-through, stop 36: "oops it was the 31st" was refused as out of scope
    a = _ask_halland(client, first)
    assert a["decision"]["system"] == "VAS"
    b = _ask_halland(client, day, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic", b["answer"]
    assert b["understood"]["facts"]["visit_date"] == "2025-03-31"


@pytest.mark.parametrize("message", ["pat 19121212-1212 färdtjänst",
                                     "min kollega 19121212-1212 undrar om friskvårdsbidrag",
                                     "pat 85 år färdtjänst"])
def test_an_age_beside_a_matter_the_routines_never_name_is_no_visit(ask, message):
    # walk-through, stop 36: a Cosmic card for a 113-year-old, or "Jag har noterat
    # uppgifterna om besöket: ålder 113" and a question about the visit
    body = ask(message)
    assert body["kind"] == "no_answer", body["answer"]
    assert body["decision"] is None
    assert "19121212" not in str(body)


def test_a_personnummer_with_a_visit_is_still_that_visit(ask):
    body = ask("19121212-1212 hembesök säbo efter utskrivning 1/12 2026")
    assert body["kind"] == "rule" and body["decision"]["compensation_sek"] == 500


def test_the_documents_in_force_on_a_day_are_those_of_that_day(ask):
    # walk-through, stop 36: "vilka dokument var i kraft 1 jan 2024" listed every document,
    # the Cosmic routine of 2025 and the decision of 2026 among them
    body = ask("vilka dokument var i kraft 1 jan 2024")
    assert body["kind"] == "version"
    kept, _, left = body["answer"].partition("Inte i kraft då")
    assert "2024-01-01" in kept.split("\n")[0]
    assert "i VAS" in kept and "i Cosmic" not in kept and "beslut i hälso" not in kept
    assert "i Cosmic" in left and "beslut i hälso" in left
    month = ask("vilka rutiner gällde i mars 2025")
    listed = month["answer"].partition("Inte i kraft då")[0]
    assert "i VAS" in listed and "i Cosmic" in listed  # the change was on 31 March


def test_a_matter_before_kommun_is_no_place(ask):
    # walk-through in the widget, stop 36: "avgift hemsjukvård kommun" was told the knowledge
    # base holds no routines from "Hemsjukvård kommun"
    body = ask("avgift hemsjukvård kommun")
    assert body["kind"] == "search" and "avgiftsnivåer" in body["answer"], body["answer"]
    town = ask("hemsjukvård göteborg stad")
    assert town["kind"] == "no_answer" and "Göteborg" in town["answer"]


def test_a_call_instead_of_going_there_is_a_remote_contact(client):
    # walk-through, stop 36: "och om läkaren bara ringde istället för att åka dit" after a
    # card kept the visit in person and its 500 kr
    a = _ask_halland(client, "84-åring på säbo, läkaren var där igår efter utskrivning från "
                             "sjukhuset, vad blir avgiften och får vc ersättningen")
    assert a["decision"]["compensation_sek"] == 500
    b = _ask_halland(client, "och om läkaren bara ringde istället för att åka dit",
                     a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 0, b["answer"]
    c = _ask_halland(client, "what if the doctor just phoned instead of going there",
                     a["conversation_id"])
    assert c["decision"]["compensation_sek"] == 0


@pytest.mark.parametrize("first, follow_up, said", [
    ("sedan när får vc 500 kr extra för riktade hembesök", "ges den för besök inom läkarmedverkan",
     "Läkarmedverkan i hemsjukvården ger inte den extra ersättningen"),
    ("500 kr", "gäller det ssk besök", "Endast hemsjukvårdsbesök utförda av läkare")])
def test_it_after_the_500_kr_asked_of_a_kind_of_visit_is_the_rule(client, first, follow_up,
                                                                   said):
    # walk-throughs, stop 36: the first was sent to the other organization's routine
    a = _ask_halland(client, first)
    b = _ask_halland(client, follow_up, a["conversation_id"])
    assert said in b["answer"], b["answer"]


@pytest.mark.parametrize("message, day", [
    ("nyårsafton 2022 inskrivning ny pat khsv 84-åring, fick vi 500", "2022-12-31"),
    ("visit on christmas eve 2024, sabo, 88 yo, after discharge", "2024-12-24")])
def test_a_holiday_with_its_year_is_that_day(client, message, day):
    # walk-through, stop 36: "nyårsafton 2022" was read as 2022-01-01
    body = _ask_halland(client, message)
    assert body["understood"]["facts"]["visit_date"] == day, body["answer"]


def test_a_routine_check_is_an_ordinary_visit(client):
    # walk-through, stop 36: "bara rutinkoll" left the 500 kr undecided
    body = _ask_halland(client, "igår en 70-åring på säbo, bara rutinkoll. blir det ersättning")
    assert body["understood"]["facts"]["occasion"] == "annat"
    assert body["decision"]["compensation_sek"] == 0


def test_it_after_an_answer_on_laekarmedverkan_asked_of_the_500_kr_is_laekarmedverkan(ask):
    # walk-through, stop 36: the occasions were quoted as if a visit within it qualified
    for first, then in (("what does Läkarmedverkan mean",
                         "do I get the 500 kr if I visit as part of it"),
                        ("vad är läkarmedverkan", "får vc 500 kr för det")):
        a = ask(first)
        b = ask(then, a["conversation_id"])
        assert "Läkarmedverkan i hemsjukvården" in b["answer"], b["answer"]
        assert "inte" in b["answer"] or "not" in b["answer"]


def test_laekarmedverkan_cut_short_is_laekarmedverkan(ask):
    # walk-through in the widget, stop 36: a Cosmic card for a "visit" on 20/11
    body = ask("läkarmedv pat utskriven 20/11 2026 när slutar stödet")
    assert body["kind"] == "rule" and body.get("date_rule"), body["answer"]
    assert "2026-12-04" in body["answer"]


@pytest.mark.parametrize("first, then", [
    ("visit on 30 march 2025 - VAS or Cosmic?", "and on the 31st?"),
    ("besök 30 mars 2025, vas eller cosmic?", "och den 31:a då")])
def test_a_day_of_the_month_after_a_version_answer_asks_that_day(ask, first, then):
    # walk-through, stop 36: refused
    a = ask(first)
    b = ask(then, a["conversation_id"])
    assert b["kind"] == "version" and "2025-03-31" in b["answer"].split("\n")[0], b["answer"]
    assert "Cosmic" in b["answer"].split("\n")[0]


def test_what_the_patient_pays_typed_short_is_the_fee(ask):
    # walk-through in the widget, stop 36: "vad betalar pat" refused
    body = ask("vad betalar pat")
    assert body["kind"] == "search" and "200 kr" in body["answer"], body["answer"]


def test_a_difference_between_two_things_a_routine_names_is_no_version_question(ask):
    # walk-through, stop 36: "difference between fee level 1 and 2 in the VG routine" got
    # "no earlier version"; a difference between the versions is still one
    body = ask("difference between fee level 1 and 2 in the VG routine")
    assert body["kind"] == "search" and "Nivå 1" in body["answer"], body["answer"]
    versions = ask("vad är skillnaden mellan vas och cosmic")
    assert versions["kind"] == "version"


def test_an_age_that_contradicts_the_personnummer_is_asked(client):
    # walk-through, stop 36: the personnummer's 88 was used without a word beside "pat 82 år"
    a = _ask_halland(client, "idag säbo 19380214-7896 hembesök efter utskrivn, pat 82 år. avgift?")
    assert a["kind"] == "clarify" and "personnumret" in a["answer"], a["answer"]
    assert "19380214" not in str(a) and "7896" not in a["answer"]
    b = _ask_halland(client, "88", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0


def test_the_last_question_asked_of_another_place_is_asked_again_there(ask):
    # walk-through (stop 37's own trial): "och i halland då" after who decides on enrolment in
    # the VG municipality got Region Halland's "Övergripande insatser" (read with the VG
    # passage's heading); asked again of Halland, whose routines do not say, it is not covered
    # there and the VG routine is named; "men i VG?" is the VG answer again
    first = ask("vem beslutar om inskrivning i hemsjukvården i VG")
    assert "planeringsfunktion" in first["answer"]
    cid = first["conversation_id"]
    there = ask("och i halland då", cid)
    assert there["kind"] == "no_answer"
    assert "Region Halland" in there["answer"] and "Västra Götaland" in there["answer"]
    assert "Övergripande insatser" not in there["answer"]
    back = ask("men i VG?", cid)
    assert back["kind"] == "search" and "planeringsfunktion" in back["answer"]
    assert back["citations"][0]["document_id"] == first["citations"][0]["document_id"]
    # another region the knowledge base has nothing of, asked in English: said so, in English
    elsewhere = ask("what about region skåne", cid)
    assert elsewhere["kind"] == "no_answer"
    assert "Region Skåne" in elsewhere["answer"] and "knowledge base" in elsewhere["answer"]


def test_a_table_value_asked_of_another_place_is_not_that_places_to_give(ask):
    first = ask("hur många hembesök gjorde läkarna 2021 i halland")
    assert "2715" in first["answer"].replace(" ", "")
    other = ask("och i vg då", first["conversation_id"])
    assert other["kind"] == "no_answer" and "2715" not in other["answer"].replace(" ", "")


def test_a_region_named_in_a_general_fee_question_is_its_scope_not_a_sign_it_is_off_topic(ask):
    # stop 37's own trial: "… i halland" made the router read it as out of scope (0.90)
    answer = ask("vad kostar ett hembesök för patienten i halland")
    assert answer["kind"] == "search", answer["answer"]
    assert "200 kr" in answer["answer"]
    assert answer["understood"]["organization"] == "Region Halland"


def test_whether_a_fact_told_changes_the_answer_just_given_is_no_version_question(client):
    # walk-through, stop 37: "ingen tidigare version av ”Rutin för anslutning …”"
    from tests.chat.helpers import ask_in

    vg = "Kommun i Västra Götaland (Sektor Välfärd)"
    first = ask_in(client, vg, "min pat är på korttids några veckor för avlastning och har "
                               "sjukvårdsinsatser där men inga hemma. vilken avgift blir det")
    assert "Nivå 1" in first["answer"]
    again = ask_in(client, vg, "förlåt jag sa fel, hon är på växelvård inte avlastning. "
                               "ändrar det nåt", first["conversation_id"])
    assert again["kind"] == "search", again["answer"]
    assert "Växelvård eller Avlastning" in again["answer"]
    assert "tidigare version" not in again["answer"]


@pytest.mark.parametrize("question", ["och när började 500 kr gälla",
                                      "när började 500 kr gälla"])
def test_since_when_a_compensation_applies_is_the_day_its_routine_says_it_was_introduced(
        client, question):
    # walk-through, stop 37: refused while naming the 500 kr's "Förutsättningar" as nearest
    from tests.chat.helpers import ask_halland

    body = ask_halland(client, question)
    assert body["kind"] == "search", body["answer"]
    assert "2023-01-01" in body["answer"]
    assert body["citations"][0]["section"] == "Bakgrund"


@pytest.mark.parametrize("first, then", [
    ("vad är ersättningen för ett riktat hembesök", "och för sjuksköterskor?"),
    ("vad är ersättningen för ett riktat hembesök", "gäller det sjuksköterskor också"),
    ("whats the compensation for a targeted home visit", "and for nurses?"),
    ("when do you get 500 kr", "does it apply to nurses too"),
])
def test_another_profession_named_after_the_500_kr_is_told_it_is_the_physicians_only(
        ask, first, then):
    # walk-throughs, stop 37: the report's table of nurses' visits, a Vårdtjänst line
    body = ask(then, ask(first)["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert ("Endast hemsjukvårdsbesök utförda av läkare" in body["answer"]
            or "Only home health care visits made by a physician" in body["answer"])
    assert "Totala antalet" not in body["answer"]


def test_what_the_patient_pays_after_the_500_kr_is_the_fee_not_the_compensation_again(ask):
    # walk-through, stop 37: "and what does the pt pay" quoted the 500 kr's conditions again
    for first, then in (("vad är ersättningen för ett riktat hembesök",
                         "och vad betalar patienten"),
                        ("whats the compensation for a targeted home visit",
                         "and what does the pt pay")):
        body = ask(then, ask(first)["conversation_id"])
        assert "Patientavgift: 200 kr" in body["answer"], body["answer"]
        assert "Ersättning utgår med 500 kr" not in body["answer"]


def test_the_day_said_after_an_age_given_with_none_is_that_visits_day_not_a_move(ask):
    # walk-through in the widget, stop 37: "om hon e 86 då", then "besöket var i februari
    # 2024 förresten" made her 83 or 84 and charged 200 kr
    a = ask("vad kostar läkarbesök hemma för en 80 åring")
    b = ask("om hon e 86 då", a["conversation_id"])
    c = ask("besöket var i februari 2024 förresten", b["conversation_id"])
    assert c["decision"]["system"] == "VAS" and c["decision"]["patient_fee_sek"] == 0
    assert "83 eller 84" not in c["answer"]
    # "samma men …" moves the same patient's visit to another day, her age with it
    d = ask("inskrivningssamtal säbo 86-åring")
    e = ask("samma men 10/2 2024", d["conversation_id"])
    assert "83 eller 84" in e["answer"] and e["decision"]["patient_fee_sek"] == 200


def test_what_the_old_routine_said_of_the_fee_is_its_fee_rows_and_the_other_system_follows(ask):
    # walk-through, stop 37: "Avgiftstyp: H3" alone, then a Vårdtjänst line of Cosmic's; in
    # Swedish the question got VAS's dates, then its fee rows beside Cosmic's fee line
    a = ask("what did the VAS routine say about the pt fee")
    assert "SEK 200" in a["answer"] and "free of charge" in a["answer"], a["answer"]
    assert {c["document_id"] for c in a["citations"]} == {"rh-hemsjukvardsbesok-vas"}
    b = ask("and cosmic?", a["conversation_id"])
    assert "Läkare närsjukvård äldre" in b["answer"] and "Vårdtjänst" not in b["answer"]
    # (the 85-and-older row rests on the VAS routine, and cites it too)
    assert "rh-hemsjukvardsbesok-cosmic" in {c["document_id"] for c in b["citations"]}
    c = ask("vad sa vas-rutinen om patientavgiften")
    assert c["kind"] == "search" and "besöket är avgiftsfritt" in c["answer"], c["answer"]
    assert {x["document_id"] for x in c["citations"]} == {"rh-hemsjukvardsbesok-vas"}


@pytest.mark.parametrize("question, line", [
    ("vad skriver jag i kund", "Kund: Primärvård"),
    ("what do i enter as customer", "Kund: Primärvård"),
    ("vad ska stå i kontakttyp", "Kontakttyp: Hemsjukvårdsbesök"),
    ("vad skriver man i avgiftstyp i vas", "Avgiftstyp: H3"),
])
def test_what_to_write_in_one_registration_field_is_that_fields_line(client, question, line):
    # walk-through, stop 37: "vad skriver jag i kund" was refused with Region Halland picked
    # and sent to the other organization's discharge section
    from tests.chat.helpers import ask_halland

    body = ask_halland(client, question)
    assert body["kind"] == "search", body["answer"]
    assert line in body["answer"]
    # that field alone, not every field of the registration
    assert body["answer"].count("\n- ") == 1, body["answer"]


@pytest.mark.parametrize("text, days", [("saw pt yday at sabo 88yo", 1),
                                        ("home visit 2 wks ago 90 yo", 14),
                                        ("hembesök för två veckor sen 90 år", 14),
                                        ("hembesök för 3 dagar sen", 3)])
def test_a_day_said_the_short_or_spoken_way_is_read_never_taken_as_today(text, days):
    # walk-through, stop 37: "yday" and "2 wks ago" were read as today
    from datetime import date, timedelta

    from server.chat.facts import extract_facts

    today = date(2026, 12, 1)
    assert extract_facts(text, today).visit_date == today - timedelta(days=days)


@pytest.mark.parametrize("question", ["how much does the clinic get per visit",
                                      "hur mycket får vc per besök"])
def test_what_the_clinic_gets_per_visit_is_the_compensation_rule(client, question):
    # walk-through, stop 37: refused as out of scope, or the HSU decision's new compensation
    # (which names no amount) quoted
    from tests.chat.helpers import ask_halland

    body = ask_halland(client, question)
    assert body["kind"] == "search", body["answer"]
    assert "Ersättning utgår med 500 kr per hemsjukvårdsbesök utfört av läkare" in body["answer"]


def test_a_follow_up_asking_what_the_passage_just_quoted_gives_is_answered_from_it(ask):
    # walk-through in the widget, stop 37: "hur mycket ökar det" after the SäBo assignment's
    # "Ökad ersättning med 50 procent" was refused (routed out of scope, 0.51, and the passage
    # just under the threshold)
    first = ask("säbo avtal ersättning")
    assert "50 procent" in first["answer"]
    body = ask("hur mycket ökar det", first["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert "50 procent" in body["answer"]


def test_a_question_naming_its_region_bare_asked_of_another_place_loses_that_name(ask):
    # walk-through in the widget, stop 37: "gäller det kommunen i vg också" after "jour
    # halland" repeated Hallandsjouren's sentence, which reads as yes
    first = ask("jour halland")
    assert "Hallandsjouren" in first["answer"]
    body = ask("gäller det kommunen i vg också", first["conversation_id"])
    assert "Hallandsjouren" not in body["answer"]
    assert body["understood"]["organization"] == "Kommun i Västra Götaland (Sektor Välfärd)"


def test_a_visit_said_to_be_within_lakarmedverkan_after_its_card_amends_it(client):
    # walk-through, stop 37: "gick via läkarmedverkan dock" after a card quoted a report's
    # "Resurserna är dock inte tillräckliga …"
    from tests.chat.helpers import ask_halland

    first = ask_halland(client, "ny pat skrivs in i khsv, bor i eget hus, jag gjorde "
                                "inskrivningssamtalet hemma hos henne 12/11. hon är född 1940")
    assert first["decision"]["compensation_sek"] == 500
    body = ask_halland(client, "gick via läkarmedverkan dock", first["conversation_id"])
    assert body["kind"] == "rule" and body["decision"]["compensation_sek"] == 0, body["answer"]


@pytest.mark.parametrize("first, then", [
    ("whats the patient fee over 85", "is that the same in VAS"),
    ("vad betalar patienten för ett läkarbesök i hemmet", "och i vas?"),
])
def test_the_last_question_asked_of_the_other_journal_system_names_no_system_itself(
        client, first, then):
    # walk-through, stop 37: "is that the same in VAS" after the fee got VAS's visit type
    from tests.chat.helpers import ask_halland

    a = ask_halland(client, first)
    body = ask_halland(client, then, a["conversation_id"])
    assert {c["document_id"] for c in body["citations"]} == {"rh-hemsjukvardsbesok-vas"}
    assert "Besökstyp" not in body["answer"]
    assert "free of charge" in body["answer"] or "avgiftsfritt" in body["answer"]


@pytest.mark.parametrize("turns", [
    ["var hos en 91-åring idag, hon är inskriven i khsv sen i våras o kom hem från lasarettet "
     "i tisdags. vad reggar jag", "om hon hade varit 84 då", "samma men per video",
     "nej vänta, besöket var 28/3 2025 inte idag, hon var 91 då också"],
    ["did a home visit today 88yo lady on sabo after she got dischargd from hospital monday, "
     "how do i register in cosmic", "what if shes 70", "and if it was by phone",
     "sorry visit was actually on 10 jan 2025, not today"],
])
def test_a_correction_of_the_visit_told_drops_the_what_ifs_asked_meanwhile(client, turns):
    # walk-through, stop 37: the video of "samma men per video" stayed after the real visit's
    # day was corrected, which was then told it gave no 500 kr and got no registration
    from tests.chat.helpers import ask_halland

    cid = None
    for turn in turns:
        body = ask_halland(client, turn, cid)
        cid = body["conversation_id"]
    assert body["kind"] == "rule" and body["decision"]["system"] == "VAS"
    assert body["facts"].get("remote") is not True
    assert body["decision"]["compensation_sek"] == 500 and body["decision"]["patient_fee_sek"] == 0


def test_a_stored_visit_as_told_is_facts_only_and_anything_else_is_dropped():
    from server.chat.conversations import conversation_from_json

    told = {"patient_age": 91, "remote": False}
    assert conversation_from_json({"told": told}, "x" * 32).told == told
    for bad in ({"message": "19380503-1234"}, {"patient_age": "x"}, ["patient_age"], "x"):
        assert conversation_from_json({"told": bad}, "x" * 32).told is None


def test_which_journal_system_a_day_had_asked_on_its_own_is_the_routine_in_force_then(ask):
    # walk-through, stop 37: "which journal system do i use for a visit on 15 march 2025" got
    # the HSU decision's "befintligt IT-systemet", and "and 2 april 2025?" a follow-up line
    first = ask("which journal system do i use for a visit on 15 march 2025")
    then = ask("and 2 april 2025?", first["conversation_id"])
    month = ask("journal system in june 2023?")
    swedish = ask("vilket journalsystem använder jag för ett besök 15 mars 2025")
    assert first["kind"] == "version" and "i VAS" in first["answer"].split("\n")[0]
    assert "2025-03-15" in first["answer"]
    assert then["kind"] == "version" and "i Cosmic" in then["answer"].split("\n")[0]
    assert month["kind"] == "version" and "i VAS" in month["answer"].split("\n")[0]
    assert swedish["kind"] == "version" and "i VAS" in swedish["answer"].split("\n")[0]


def test_how_do_i_register_a_home_visit_abbreviated_is_the_visit_asked_for_what_is_missing(ask):
    # walk-through, stop 37: "hur reg jag hembes" was refused as not covered
    answer = ask("hur reg jag hembes")
    assert answer["kind"] in ("rule", "clarify") and "Kontakttyp" in answer["answer"]


def test_the_clinics_physician_said_after_a_visit_by_lakarmedverkan_gives_the_500_kr(ask):
    # walk-through, stop 37: the visit stayed within Läkarmedverkan, "Extra ersättning: nej"
    first = ask("läkarmedverkan gjorde hembes efter utskr 88 år hemma khsv 3 juni 2025 ersättn?")
    then = ask("och om det var vc-läkaren som åkte ut", first["conversation_id"])
    assert "Extra ersättning: nej" in first["answer"]
    assert "Extra ersättning: ja, 500 kr" in then["answer"]


def test_a_housing_what_if_after_the_500_kr_conditions_stays_with_them(ask):
    # walk-through, stop 37: the what-if quoted the VG municipality's enrolment rule beside
    # the conditions, and "and if it's Läkarmedverkan doing the visit" was then read as the
    # municipality's (its evening and night rule)
    first = ask("extra 500 kr - when do i get it")
    what_if = ask("what if the pt is in ordinary housing but not enrolled in home care",
                  first["conversation_id"])
    lmv = ask("and if it's Läkarmedverkan doing the visit", what_if["conversation_id"])
    assert {c["document_id"] for c in what_if["citations"]} == {
        c["document_id"] for c in first["citations"]}
    assert "Läkarmedverkan" in lmv["answer"] and "do not give" in lmv["answer"]
    assert "Kväll och natt" not in json.dumps(lmv["citations"], ensure_ascii=False)


def test_change_it_to_video_after_a_card_amends_the_visit(client):
    # walk-through, stop 37: "ändra till video" after a card was refused as not covered
    card = ask_halland(client, "hembes 87åring säbo utskr i tisd")
    video = ask_halland(client, "ändra till video", card["conversation_id"])
    assert "Extra ersättning: ja, 500 kr" in card["answer"]
    assert video["kind"] == "rule" and "Extra ersättning: nej" in video["answer"]


def test_how_much_the_sabo_compensation_rises_after_the_decisions_cost_is_its_50_percent(
        client):
    # walk-throughs, stop 37: "och säbo ersättn ökar m hur mkt" said no amount was given and
    # quoted "stärkt ekonomisk ersättning"; "förlängs säbo avtalen varje år" got Läkarmedverkan's
    # 14 days and their extension
    cost = ask_halland(client, "vad kostar satsningen i hsu beslutet")
    rise = ask_halland(client, "och säbo ersättn ökar m hur mkt", cost["conversation_id"])
    renewed = ask_halland(client, "förlängs säbo avtalen varje år", rise["conversation_id"])
    assert "28,5 miljoner kronor" in cost["answer"]
    assert "50 procent" in rise["answer"] and "inget belopp" not in rise["answer"]
    assert "förlängs automatiskt" in renewed["answer"] and "14 dagar" not in renewed["answer"]


def test_who_judges_a_patients_high_risk_of_readmission_is_the_hospital_physician(ask):
    # walk-through, stop 37: "who decides that he is high risk" after Läkarmedverkan's period
    # was told the routines name no one ("efter bedömning av patientansvarig läkare på HS")
    first = ask("pt discharged from Hallands sjukhus, high risk of readmission. who follows up "
                "at home and for how long")
    longer = ask("can it be extended beyond that?", first["conversation_id"])
    who = ask("who decides that he is high risk", longer["conversation_id"])
    assert "patientansvarig läkare" in who["answer"]
    assert "do not say who" not in who["answer"]


def test_a_regular_check_of_a_patient_not_enrolled_gets_no_targeted_visits_card_in_english(ask):
    # walk-through, stop 37: the targeted visit's registration and "kan inte avgöras ännu",
    # in Swedish, for an English message naming its Swedish terms
    answer = ask("did a hembesök igår, 86 yo in ordinärt boende, not enrolled in hemsjukvård, "
                 "just a regular check")
    assert answer["kind"] == "rule" and "Extra compensation: no." in answer["answer"]
    assert "Vårdtjänst" not in answer["answer"]


def test_who_takes_over_after_the_discharge_section_is_asked_of_that_section(ask):
    # walk-through, stop 37: "vem tar över då" after "kan man bli utskriven från
    # hemsjukvården" was asked on its own and got the enrolment's "… tar över ansvar för
    # insatser"
    first = ask("kan man bli utskriven från hemsjukvården")
    who = ask("vem tar över då", first["conversation_id"])
    assert "vilken vårdgivare som tar över" in who["answer"]


def test_a_month_or_a_day_alone_replying_to_the_day_asked_is_read_within_the_period_given(ask):
    # walk-through, stop 37: "det var i mars" after "förra våren" quoted digital care of 2022,
    # "nej den 3:e april var det" was refused, and "the 20th" after "march last year" was not
    # understood (the periods are named by their years here, so that the test holds any day)
    first = ask("hembesök 2025 hos 78-åring m khsv i ordinärt boende, brytpunktssamtal. "
                "vilket journalsystem o vad betalar pat")
    march = ask("det var i mars", first["conversation_id"])
    april = ask("nej den 3:e april var det", march["conversation_id"])
    assert first["kind"] == "clarify" and march["kind"] == "clarify"
    assert "mars 2025" in march["answer"]
    assert april["kind"] == "rule" and "2025-04-03" in april["answer"]
    assert "i Cosmic" in april["answer"]
    english = ask("visit in march 2025, 80 yo, sabo, after discharge. fee and system?")
    day = ask("the 20th", english["conversation_id"])
    assert day["kind"] == "rule" and "2025-03-20" in day["answer"] and "in VAS" in day["answer"]


def test_o_typed_for_och_between_two_words_is_read_as_och(client):
    # walk-through, stop 40: "kvällar o nätter" with the municipality picked was read as out of
    # scope and pointed to Region Halland; "kvällar och nätter" was answered
    from tests.chat.helpers import ask_in
    body = ask_in(client, "Kommun i Västra Götaland (Sektor Välfärd)",
                  "hur funkar det kvällar o nätter för patienter som normalt går till "
                  "vårdcentralen")
    assert body["kind"] == "search", body["answer"]
    assert "på kvälls- och nattetid" in body["answer"]


def test_o_typed_for_och_opens_a_follow_up(client):
    # walk-through, stop 37: "o på helgerna" after who is responsible at night was refused
    night = ask_halland(client, "vem har ansv för khsv pat på natten i halland")
    weekends = ask_halland(client, "o på helgerna", night["conversation_id"])
    assert weekends["kind"] == "search" and "Hallandsjouren" in weekends["answer"]


def test_what_the_clinic_gets_asked_of_a_card_is_its_compensation_line_first(client):
    # walk-through, stop 37: "hur mycket får vc extra" after a card was refused
    card = ask_halland(client, "hembesök igår 87 år säbo utskrivning")
    pay = ask_halland(client, "hur mycket får vc extra", card["conversation_id"])
    assert pay["kind"] == "rule"
    assert pay["answer"].startswith("Extra ersättning: ja, 500 kr")


def test_how_much_and_since_when_the_extra_payment_is_answered_in_both_parts(ask):
    # walk-through, stop 37: "how much is the extra payment per visit and since when" was
    # refused, and "hur mycket är extraersättningen per besök" too (the VAS routine's
    # conditions, ended, were left out of the top passages and Cosmic's were fifth)
    english = ask("how much is the extra payment per visit and since when")
    swedish = ask("hur mycket är extraersättningen per besök")
    for answer in (english, swedish):
        assert answer["kind"] == "search" and "500 kr" in answer["answer"]
    assert "2023-01-01" in english["answer"]


def test_the_extra_500_named_by_its_number_alone_is_not_the_municipalitys(client):
    # walk-through, stop 37: with the VG municipality picked, "and the extra 500 for the
    # clinic?" quoted its evening and night rule as if it answered
    vg = "Kommun i Västra Götaland (Sektor Välfärd)"
    fee = ask_in(client, vg, "what does the patient pay for a doctor's home visit")
    extra = ask_in(client, vg, "and the extra 500 for the clinic?", fee["conversation_id"])
    assert extra["kind"] == "no_answer" and "Kväll och natt" not in json.dumps(
        extra["citations"], ensure_ascii=False)


def test_the_new_per_visit_payment_of_the_decision_asked_in_english_is_its_notice(ask):
    # walk-through, stop 37: quoted the SäBo assignment's "Ökad ersättning med 50 procent" as
    # if it were the amount; the decision gives none
    answer = ask("how much does the clinic get for the new per-visit payment in the HSU "
                 "decision")
    assert answer["kind"] == "no_answer" and "neither an amount" in answer["answer"]
    assert "50 procent" not in answer["answer"]


def test_a_version_question_naming_a_year_or_a_season_anywhere_is_about_that_time(ask):
    # walk-through, stop 39: both led with the routine in force today
    a = ask("vilken rutin gällde för registrering av läkarbesök i hemmet 2021")
    assert a["kind"] == "version"
    assert a["answer"].startswith("Kunskapsbasen har ingen version av rutinen som gällde 2021-01-01")
    today = today_in_stockholm()
    spring = today.year if today.month >= 6 else today.year - 1
    b = ask("vilken rutin gällde i våras för läkarnas hembesök")
    assert b["answer"].startswith(f"Den {spring}-03-01 gällde")
    assert "Cosmic" in b["answer"].split("\n")[0]


def test_before_that_after_a_version_answer_is_the_version_before_it(ask):
    # walk-through, stop 39: "och innan dess?" was refused as out of scope
    a = ask("which journal system was used in 2024")
    assert a["answer"].startswith("On 2024-01-01") and "VAS" in a["answer"].split("\n")[0]
    b = ask("and before that", a["conversation_id"])
    assert b["kind"] == "version"
    assert b["answer"].startswith("The knowledge base holds no version of the routine that "
                                  "applied on 2022-12-31")
    c = ask("vilken rutin gällde i februari 2026")
    d = ask("och innan dess?", c["conversation_id"])
    assert d["answer"].startswith("Den 2025-03-30 gällde") and "VAS" in d["answer"].split("\n")[0]


def test_why_or_when_alone_after_a_version_answer_gets_the_catalogs_note(ask):
    # walk-through, stop 39: "varför byttes den ut" and "när" were refused as out of scope
    a = ask("vilket dokument-id hade den förra versionen av registreringsrutinen")
    for follow in ("varför byttes den ut", "när", "när slutade den gamla gälla"):
        b = ask(follow, a["conversation_id"])
        assert b["kind"] == "version", follow
        assert "på grund av journalsystembytet till Cosmic" in b["answer"]


def test_a_visit_said_to_be_by_me_from_the_clinic_after_lakarmedverkan_gets_the_500_kr(ask):
    # walk-through, stop 39: refused as out of scope
    a = ask("läkarmedverkan var ut på ett brytpunktssamtal hos 79åring i ordinärt boende med "
            "hemsjukvård, får vc 500")
    assert a["kind"] == "rule" and a["decision"]["compensation_sek"] == 0
    b = ask("nej vänta, det var jag från vc som åkte", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 500
    assert "Läkarmedverkan ja → nej" in b["answer"]


@pytest.mark.parametrize("message", ["räknas det som hembesök om läkaren bara ringer pat",
                                     "så om doktorn bara ringer pat blir det ingen extra peng"])
def test_the_physician_only_phoning_the_patient_is_answered_by_the_remote_rule(ask, message):
    # walk-through, stop 39: the first quoted the 500 kr's occasions without the line that
    # settles it, the second was refused
    body = ask(message)
    assert "kan aldrig ske på distans" in body["answer"]
    assert body["kind"] != "rule"


def test_weekends_after_who_is_responsible_at_night_is_the_on_call_sentence_again(client):
    # walk-through, stop 39: with Region Halland picked, "what about on weekends" was read as
    # out of scope and sent to another organization's evening rule (its one-word heading
    # "Jourtid", named by the lexicon's weekends, did not count as named)
    first = ask_halland(client, "who's responsible for home care pts at night")
    assert "Hallandsjouren" in first["answer"]
    b = ask_halland(client, "what about on weekends", first["conversation_id"])
    assert b["kind"] == "search" and "Under jourtid har Hallandsjouren ansvar" in b["answer"]


def test_an_unsure_version_route_naming_nothing_of_a_version_asks_the_routines(ask):
    # walk-through, stop 39: "evenings and nights home care whats the rule" got the
    # registration routine's versions (the router: version 0.47, search 0.39)
    body = ask("evenings and nights home care whats the rule")
    assert body["kind"] == "search" and "Hallandsjouren" in body["answer"]
    # (a version named is still a version question)
    assert ask("vilken version gäller nu för registreringen")["kind"] == "version"


def test_a_fee_asked_more_exactly_then_an_age_told_and_corrected_is_that_patients_fee(client):
    # walk-through, stop 39: "jag menar när läkaren kommer hem till pat" after "vad kostar
    # hemsjukvård för patienten" got a sentence on reaching a physician, "hon är 85 precis" the
    # fee line again and "förlåt hon fyller 85 nästa månad, är 84 nu" was refused
    a = ask_halland(client, "vad kostar hemsjukvård för patienten")
    b = ask_halland(client, "jag menar när läkaren kommer hem till pat", a["conversation_id"])
    assert "200 kr" in b["answer"] and "Läkare närsjukvård äldre" in b["answer"]
    c = ask_halland(client, "hon är 85 precis", a["conversation_id"])
    assert "Patienten är 85 år eller äldre" in c["answer"] and "200 kr" not in c["answer"]
    d = ask_halland(client, "förlåt hon fyller 85 nästa månad, är 84 nu", a["conversation_id"])
    assert "Patienten är under 85 år och betalar 200 kr" in d["answer"]
    assert "85 år eller äldre" not in d["answer"]


def test_a_decision_asked_by_its_month_then_its_money_is_that_months_decision(client):
    # walk-through, stop 39: "vad beslutade hsu i mars …" quoted the background's
    # "Tilläggsbeslut från HSU 2025-02-11", and "hur mycket pengar handlar det om" was refused
    a = ask_halland(client, "vad beslutade hsu i mars om läkarinsatser i hemmet")
    assert "beslutar om förslaget om stärkt läkarsamverkan" in a["answer"]
    assert "2025-02-11" not in a["answer"]
    b = ask_halland(client, "hur mycket pengar handlar det om", a["conversation_id"])
    assert b["kind"] == "search" and "28,5 miljoner kronor" in b["answer"]


def test_a_visit_told_in_a_few_words_asking_nothing_gets_the_visit_answer(ask):
    # walk-through, stop 39: "hembesök hos gubbe 78 som inte har khsv" quoted BVC's home visits
    # at 8 months, and its age was not read
    body = ask("hembesök hos gubbe 78 som inte har khsv")
    assert body["kind"] in ("rule", "clarify")
    assert body["facts"]["patient_age"] == 78
    assert body["facts"]["municipal_home_care"] is False
    assert "8 månader" not in body["answer"]
    # (a search-box registration of a visit gets the routine's fields, and its housing is kept
    # for the visit it offers to check)
    a = ask("registrering av läkarbesök hemsjukvård säbo")
    assert "Kontakttyp: Hemsjukvårdsbesök" in a["answer"]
    b = ask("hon är 88", a["conversation_id"])
    assert b["kind"] in ("rule", "clarify") and b["facts"]["setting"] == "sabo"


def test_video_asked_after_a_paid_visit_question_and_now_after_a_past_month(client):
    # walk-through, stop 39: "Och om besöket görs via video?" after whether a visit by
    # Läkarmedverkan is paid got the 500 kr's occasions; "och nu" after "vilken journal reggade
    # man i juni 2024" got a field of the old routine; "vilken dag bytte vi till cosmic" was
    # refused
    a = ask_halland(client, "Får vårdcentralen 500 kr om Läkarmedverkan gör besöket?")
    b = ask_halland(client, "Och om besöket görs via video?", a["conversation_id"])
    assert "kan aldrig ske på distans" in b["answer"]
    c = ask_halland(client, "vilken journal reggade man i juni 2024")
    assert "VAS" in c["answer"].split("\n")[0]
    d = ask_halland(client, "och nu", c["conversation_id"])
    assert "Cosmic" in d["answer"].split("\n")[0] and "Kontakttyp" in d["answer"]
    e = ask_halland(client, "vilken dag bytte vi till cosmic")
    assert e["kind"] == "version" and "2025-03-31" in e["answer"]


def test_an_english_house_call_and_working_for_lakarmedverkan_correct_the_card_in_english(ask):
    # walk-through, stop 39: "no sorry it was a house call" after "it was by video" was refused,
    # and "im from Läkarmedverkan btw" quoted Läkarmedverkan's history in Swedish
    a = ask("enrolment visit new patient ordinary housing 70 yo 2 June 2025")
    assert a["decision"]["compensation_sek"] == 500
    cid = a["conversation_id"]
    assert ask("it was by video", cid)["decision"]["compensation_sek"] == 0
    c = ask("no sorry it was a house call", cid)
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500
    d = ask("im from Läkarmedverkan btw", cid)
    assert d["kind"] == "rule" and d["decision"]["compensation_sek"] == 0
    assert "Extra compensation: no." in d["answer"]


def test_an_english_visit_at_sabo_then_its_system_fields_and_another_date_stay_english(ask):
    # walk-through, stop 39: "breakpoint conversation at Sabo 14 Feb 2025, patient 85" was
    # answered in Swedish ("Sabo" restored to "Säbo" counted as Swedish), "what fields do I
    # fill in" after "which journal system" was refused, and "what if it was 14 Feb 2026" then
    # got a sentence of the HSU decision
    a = ask("breakpoint conversation at Sabo 14 Feb 2025, patient 85")
    assert a["kind"] == "rule" and a["answer"].startswith("Under “Registrering")
    cid = a["conversation_id"]
    assert ask("which journal system", cid)["kind"] == "version"
    c = ask("what fields do I fill in", cid)
    assert c["kind"] == "rule" and c["decision"]["system"] == "VAS"
    d = ask("what if it was 14 Feb 2026", cid)
    assert d["kind"] == "rule" and d["decision"]["system"] == "Cosmic"
    assert d["answer"].startswith("Changed: visit date 2025-02-14 → 2026-02-14.")


def test_the_day_and_an_extension_asked_after_lakarmedverkans_days_are_answered(ask):
    # walk-through, stop 39: "so until what date" and "can it be extended" after
    # Läkarmedverkan's last day were refused
    a = ask("pt discharged 10 May 2026 with high risk of readmission, how many days can "
            "Läkarmedverkan support")
    assert "2026-05-24" in a["answer"]
    b = ask("so until what date", a["conversation_id"])
    assert b["kind"] == "rule" and "2026-05-24" in b["answer"]
    c = ask("can it be extended", a["conversation_id"])
    assert c["kind"] == "search" and "möjlighet till förlängning" in c["answer"]


def test_how_much_money_after_the_decision_searched_by_its_name_is_its_28_5_million(ask):
    # walk-through in the widget, stop 39: "hsu beslut" then "hur mycket pengar" was refused
    a = ask("hsu beslut")
    b = ask("hur mycket pengar", a["conversation_id"])
    assert b["kind"] == "search" and "28,5 miljoner kronor" in b["answer"]


def test_where_the_asker_works_said_after_an_answer_asks_it_again_of_that_organization(ask):
    # walk-through, stop 39: "jag jobbar i västra götaland alltså, kommunen" after a fee answered
    # from Region Halland's routine was refused
    from server.chat.organization import only_a_place

    assert only_a_place("jag jobbar i västra götaland alltså, kommunen",
                        ["Region Halland", "Kommun i Västra Götaland (Sektor Välfärd)"])
    a = ask("betalar patienten 200 kr när jag gör ett hembesök")
    b = ask("jag jobbar i västra götaland alltså, kommunen", a["conversation_id"])
    assert "Kommun i Västra Götaland" in b["answer"]
    assert "Region Hallands regler för riktade hemsjukvårdsbesök gäller inte där" in b["answer"]


def test_where_the_asker_works_said_with_a_place_denied_asks_it_again_of_the_other(ask):
    # walk-through, stop 41: "jag jobbar i kommunen i västra götaland alltså inte halland" after
    # a two-part answer on evenings and weekends was refused
    a = ask("kvällar och helger vem har ansvar för patienterna")
    b = ask("jag jobbar i kommunen i västra götaland alltså inte halland", a["conversation_id"])
    assert b["kind"] == "search", b["answer"]
    assert "Kväll och natt" in b["answer"] and "Hallandsjouren" not in b["answer"]


def test_a_version_question_naming_another_organizations_routine_answers_it_and_says_whose(client):
    # walk-through, stop 40: with the Västra Götaland municipality picked (remembered from an
    # earlier conversation), "gäller vas-rutinen fortfarande" got the municipality's routine
    from tests.chat.helpers import ask_in
    vg = "Kommun i Västra Götaland (Sektor Välfärd)"
    body = ask_in(client, vg, "gäller vas-rutinen fortfarande")
    assert body["kind"] == "version"
    lines = body["answer"].split("\n")
    assert lines[0].startswith("Obs: dokumentet du frågar om kommer från Region Halland")
    assert lines[1].startswith("Nej, ”Registrering av riktade hemsjukvårdsbesök av läkare i VAS”")
    own = ask_in(client, vg, "vilken version gäller av vår rutin")
    assert "Obs:" not in own["answer"] and "Rutin för anslutning" in own["answer"]


def test_when_what_was_just_quoted_starts_to_hold_is_its_documents_dates(ask):
    # walk-through, stop 40: "när börjar det gälla" after the HSU decision's points got its
    # background's "Giltighet 2028-12-31", the home care agreement's end date
    first = ask("vad beslutade HSU i mars om läkarinsatser i hemmet")
    body = ask("när börjar det gälla", first["conversation_id"])
    assert body["kind"] == "version", body["answer"]
    assert "beslut daterat 2026-03-03" in body["answer"]
    assert "anger inga belopp eller startdatum" in body["answer"]
    assert "Giltighet 2028-12-31" not in body["answer"]


def test_the_doctor_phoning_instead_of_coming_is_asked_whether_a_visit_may_be_remote(ask):
    # walk-through, stop 40: "kan doktorn ringa istället för att komma när dom ska ha
    # brytpunktsamtal" was refused; its English version was answered
    body = ask("kan doktorn ringa istället för att komma när dom ska ha brytpunktsamtal")
    assert "kan aldrig ske på distans" in body["answer"], body["answer"]
    assert body["understood"]["facts"].get("remote") is True


def test_who_made_the_visit_told_after_the_pay_rule_is_that_visits_answer(ask):
    # walk-through in the widget, stop 40: "läkarmedverkan gjorde besöket" after what the
    # clinic is paid got Läkarmedverkan's "ökning med 45 procent"
    first = ask("vad får vc betalt för hembesök")
    assert "500 kr" in first["answer"]
    body = ask("läkarmedverkan gjorde besöket", first["conversation_id"])
    assert body["kind"] == "rule" and body["decision"]["eligible"] is False
    assert "Läkarmedverkan i hemsjukvården ger inte den extra ersättningen" in body["answer"]


def test_whether_the_decision_changes_the_500_kr_is_the_notice_of_the_new_compensation(ask):
    # walk-through, stop 40: "Blir det fortfarande 500 kr per riktat hembesök efter
    # HSU-beslutet, eller ändras beloppet?" got "no earlier version" of the decision
    body = ask("Blir det fortfarande 500 kr per riktat hembesök efter HSU-beslutet, eller "
               "ändras beloppet?")
    assert "ingen tidigare version" not in body["answer"]
    assert "Dokumenten anger varken belopp eller startdatum" in body["answer"], body["answer"]


@pytest.mark.parametrize("reply", [
    "vet ej",
    # walk-through, stop 44: "dunno", "ingen koll" were answered "Jag förstod inte svaret"
    "dunno", "ingen koll", "idk"])
def test_not_knowing_the_occasion_leaves_it_open_and_asks_once(ask, reply):
    # known since stop 41: "vet ej" after the occasion's question was answered "Jag förstod
    # inte svaret.", the question said twice
    a = ask("hembesök idag 87-åring på säbo, hur registrerar jag")
    b = ask(reply, a["conversation_id"])
    assert "förstod inte" not in b["answer"]
    assert b["answer"].startswith("Okej, det lämnar jag öppet"), b["answer"]
    assert b["answer"].count(a["question"]) == 1 and b["question"] == a["question"]
    assert b["decision"]["system"] == "Cosmic" and b["decision"]["patient_fee_sek"] == 0


def test_not_knowing_the_visit_day_asks_for_it_again_without_guessing(ask):
    a = ask("hur registrerar jag ett hembesök hos 90-åring på säbo efter utskrivning, "
            "datumet 2024-13-45")
    assert a["kind"] == "clarify", a["answer"]
    b = ask("ingen aning", a["conversation_id"])
    assert b["kind"] == "clarify" and b["decision"] is None
    assert "Utan besöksdagen kan jag inte säga vilken version" in b["answer"], b["answer"]


def test_not_knowing_with_nothing_asked_is_never_said_to_be_another_organizations_matter(
        client):
    # known since stop 41: "vet inte" after a whole card was said to be covered by the
    # municipality's routine, section "Bedömning och beslut"
    a = ask_halland(client, "besök hos 90-åring på säbo idag, utskrivning")
    b = ask_halland(client, "vet inte", a["conversation_id"])
    assert "Kommun i Västra Götaland" not in b["answer"], b["answer"]


def test_years_lived_somewhere_are_never_the_patients_age(ask):
    # walk-through, stop 42: "hon bor på säbo sen 2 år" gave "Ändrat: ålder 91 → 2" and 200 kr
    a = ask("läkaren var hos en 91-åring på säbo igår för brytpunktsamtal, hur regas det")
    b = ask("hon bor på säbo sen 2 år", a["conversation_id"])
    assert b["facts"]["patient_age"] == 91 and b["decision"]["patient_fee_sek"] == 0
    assert "ålder 91 → 2" not in b["answer"]


def test_nej_opening_a_correction_of_the_age_never_answers_the_enrolment_question(ask):
    # walk-through, stop 42: "nej förresten hen hade fyllt 85 i februari" while enrolment was
    # asked was read as not enrolled, and the fee and the 500 kr were taken away
    a = ask("läkarbesök hemma hos en 84-åring 15/3-2025 efter utskrivning, vad betalade pat")
    assert a["question"] == "Är patienten inskriven i kommunal hemsjukvård?"
    b = ask("nej förresten hen hade fyllt 85 i februari", a["conversation_id"])
    assert "municipal_home_care" not in b["facts"], b["facts"]
    assert b["decision"]["patient_fee_sek"] == 0
    assert b["question"] == a["question"]


def test_neither_to_the_occasions_question_is_none_of_the_three(ask):
    # walk-through, stop 42: "neither, just checking her leg ulcer" was read as a new question
    # and refused, the visit's thread lost
    a = ask("home visit today, sabo, pt 78")
    assert a["question"] and "discharge" in a["question"]
    b = ask("neither, just checking her leg ulcer", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["occasion"] == "annat", b["answer"]
    assert b["decision"]["eligible"] is False


@pytest.mark.parametrize("question", ["vad skriver jag i cosmic då",
                                      "so what do i put in cosmic then"])
def test_what_to_enter_in_the_visits_system_after_its_answer_is_that_answer(ask, question):
    # walk-through, stop 42: after the answer for a visit of none of the three occasions, this
    # got the Cosmic version's dates (and once the riktade vårdtjänst codes)
    a = ask("pat 91 khsv hemma, besök i tisdags, vanlig kontroll")
    assert a["decision"]["eligible"] is False
    b = ask(question, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["eligible"] is False, b["answer"]
    assert "Riktad hemsjukvård" not in b["answer"]


def test_a_nurse_making_the_visit_herself_is_never_noted_as_the_physicians(ask):
    # walk-through, stop 42: "gör hembesök m läkaren imorgon, vad gäller om jag som dsk gör
    # besöket själv" was noted "besöket gjordes av: läkare", with a Cosmic registration
    body = ask("hej, gör hembesök m läkaren imorgon, vad gäller om jag som dsk gör besöket själv")
    assert body["facts"]["performed_by"] == "sjukskoterska", body["facts"]
    assert body["decision"]["eligible"] is False
    assert "besöket gjordes inte av en läkare" in body["answer"]


def test_the_physician_coming_home_to_the_patient_corrects_a_phone_call(ask):
    # walk-through, stop 42: "nej förresten läkaren kommer med hem till pat" after a visit with
    # the physician on the phone kept it remote, and no 500 kr
    a = ask("jag håller i inskrivningssamtalet hemma hos ny pat khsv, läkaren är med på telefon, "
            "pat 79, idag")
    assert a["decision"]["eligible"] is False
    b = ask("nej förresten läkaren kommer med hem till pat", a["conversation_id"])
    assert b["facts"]["remote"] is False and b["decision"]["eligible"] is True, b["answer"]


@pytest.mark.parametrize("message", [
    "how do i registre a home visit in cosmic for a pt in sabo after discharge from hospital?",
    "how to registr visit in kosmik for brytpunktsamtal",
])
def test_english_keywords_typed_with_a_slip_get_the_registration(ask, message):
    # walk-through, stop 42: "registre" got one quoted line, not the registration; "registr …
    # kosmik" was refused, while the same questions spelled right were answered
    body = ask(message)
    assert body["kind"] == "rule" and body["decision"]["system"] == "Cosmic", body["answer"]


def test_whether_the_last_answer_holds_for_our_organization_is_asked_there(client):
    # walk-through, stop 42: "gäller det oss i halland me?" after the municipality's fee levels
    # got the HSU decision's background bullets ("Giltighet 2028-12-31"), read as a yes
    a = ask_in(client, None, "vilka avgiftsnivåer finns för hemsjukvård")
    assert "Nivå 1" in a["answer"]
    b = ask_in(client, None, "gäller det oss i halland me?", a["conversation_id"])
    assert b["kind"] == "no_answer", b["answer"]
    assert "Rutinerna från Region Halland tar inte upp det" in b["answer"]
    assert "Giltighet" not in b["answer"]


@pytest.mark.parametrize("first", [None, "pat 90 säbo igår"])
def test_whether_the_500_kr_is_the_same_in_both_versions_is_what_changed(ask, first):
    # walk-through, stop 42: "is it the same 500kr in both versions?" got which version is in
    # force, or (after a card) the card again
    cid = ask(first)["conversation_id"] if first else None
    body = ask("is it the same 500kr in both versions?", cid)
    assert body["kind"] == "version", body["answer"]
    assert "The compensation is unchanged: SEK 500 per visit." in body["answer"]


def test_tomorrow_typed_short_is_tomorrow(ask):
    # walk-through, stop 42: "imorrn" was not read, and the visit was taken as today's
    body = ask("pat 84 år, brytpunktssamtal hemma imorrn m dr, hon har khsv. vad betalar hon")
    assert body["facts"]["visit_date"] == (today_in_stockholm() + timedelta(days=1)).isoformat()


def test_a_weekday_still_to_come_moves_the_visit_to_it(ask):
    # walk-through, stop 42: "om besöket flyttas till tisdag då" after a card was refused
    today = today_in_stockholm()
    a = ask("pat 84 år, brytpunktssamtal hemma idag m dr, hon har khsv. vad betalar hon")
    b = ask("om besöket flyttas till tisdag då", a["conversation_id"])
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    assert b["kind"] == "rule" and b["facts"]["visit_date"] == tuesday.isoformat(), b["answer"]


def test_a_year_corrected_after_nae_is_the_visit_that_year(ask):
    # walk-through, stop 42: "näe 2024 va det" after a card was refused
    a = ask("besök 3/4 2025, 82 år hemma khsv, ny inskrivning. vas el cosmic")
    b = ask("näe 2024 va det", a["conversation_id"])
    assert b["facts"]["visit_date"] == "2024-04-03" and b["decision"]["system"] == "VAS"


def test_an_age_said_roughly_after_the_verb_is_read(ask):
    # walk-through, stop 42: "pat var typ 90" was refused as not covered
    body = ask("hembesök idag på säbo efter utskrivning, pat var typ 90")
    assert body["facts"]["patient_age"] == 90 and body["decision"]["patient_fee_sek"] == 0


@pytest.mark.parametrize("reply", ["ordinary", "own hous"])
def test_own_home_in_a_word_answers_the_housing_question(ask, reply):
    # walk-through, stop 42: "ordinary" was not understood; "own hous" was searched as a new
    # question and the visit lost
    a = ask("home visit today, pt 80, discharge")
    assert "ordinary housing" in a["question"]
    b = ask(reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["setting"] == "ordinart_boende", b["answer"]


def test_a_rough_age_with_a_filler_word_answers_the_age_question(ask):
    # walk-through, stop 42: "typ 84 då" was not understood
    a = ask("hembesök idag säbo utskrivning")
    b = ask("typ 84 då", a["conversation_id"])
    assert b["facts"]["patient_age"] == 84 and b["decision"]["patient_fee_sek"] == 200


def test_breakpoint_misspelt_is_the_brytpunktssamtal(ask):
    # walk-through, stop 42: "brakepoint" kept the occasion before, and the enrolment's
    # vårdtjänst was given
    body = ask("pt 92 on sabo, brakepoint talk yesterday, registration pls")
    assert body["facts"]["occasion"] == "brytpunktssamtal", body["facts"]


def test_what_changed_in_a_named_section_between_the_versions_is_that_sections_text(ask):
    # walk-through, stop 42: "ändrades uppföljningen mellan versionerna?" got every rule-table
    # difference but the one asked, which read as "no"
    body = ask("ändrades uppföljningen mellan versionerna?")
    assert body["kind"] == "version", body["answer"]
    assert "”Uppföljning”: nu ”Antal riktade hemsjukvårdsbesök" in body["answer"]


def test_a_day_typed_as_15e_answers_which_day_of_the_month_asked(ask):
    # walk-through, stop 42: "typ 15:e" after "i mars 2025 anger ingen dag … Vilket datum" was
    # not understood
    a = ask("hembesök idag 90-åring på säbo, inskrivningssamtal ny pat")
    b = ask("om det hade varit i mars 2025?", a["conversation_id"])
    assert b["kind"] == "clarify", b["answer"]
    c = ask("typ 15:e", a["conversation_id"])
    assert c["facts"]["visit_date"] == "2025-03-15" and c["decision"]["system"] == "VAS", \
        c["answer"]


@pytest.mark.parametrize("said", ["nej åldern är fortf 87 idag", "pat är 85 år idag"])
def test_an_age_said_to_hold_today_never_moves_the_visit_to_today(ask, said):
    # walk-through, stop 42: "nej åldern är fortf 87 idag" moved a visit of 2025 to today (and
    # its age was not read)
    a = ask("pat 87 år säbo utskrivning 15/3 2025")
    b = ask(said, a["conversation_id"])
    assert b["facts"]["visit_date"] == "2025-03-15", b["answer"]
    assert b["decision"]["system"] == "VAS"


def test_a_birthday_told_in_the_past_on_a_weekday_is_the_one_gone(ask):
    # walk-through, stop 42: "o första, hon fyllde 85 på fredag alltså" went to the third visit
    # and put the birthday on the Friday to come
    today = today_in_stockholm()
    a = ask("3 besök: 1) 87-åring säbo efter utskrivning 15/3 2025 2) 72-åring khsv ordinärt "
            "boende, brytpunktssamtal 2/4 2025 3) 90-åring på säbo, inskrivningssamtal ny pat "
            "10/5 2025")
    b = ask("o första, hon fyllde 85 på fredag alltså", a["conversation_id"])
    assert b["answer"].startswith("Gäller besök 1."), b["answer"]
    friday = today - timedelta(days=(today.weekday() - 4) % 7 or 7)
    assert b["facts"]["birth_date"] == friday.replace(year=friday.year - 85).isoformat()
    # (85 on that Friday, so under 85 on the visit's day in 2025)
    assert b["facts"]["visit_date"] == "2025-03-15" and b["decision"]["patient_fee_sek"] == 200


@pytest.mark.parametrize("question", ["vem har läkaransvaret för khsv pat på natten",
                                      "vem har läkaransvaret för hemsjukvårdspatienter på natten"])
def test_the_night_asked_with_region_halland_picked_is_its_on_call_section(client, question):
    # own check, stop 43: with Region Halland picked, the report's daytime "… den högsta
    # medicinska kompetensen ligger på regionen för läkaransvaret" was quoted, "Jourtid" being
    # fourth and seventh among its passages
    body = ask_halland(client, question)
    assert body["answer"].startswith("Under jourtid har Hallandsjouren ansvar"), body["answer"]
    assert body["citations"][0]["section"] == "Jourtid"


@pytest.mark.parametrize("night, day", [
    ("vem har läkaransvaret för hemsjukvårdspatienter på natten", "och dagtid då?"),
    ("who is responsible for khsv patients at night?", "and during the day?")])
def test_the_daytime_asked_after_the_night_is_no_longer_the_on_call_section(client, night, day):
    # own check, stop 43: "and during the day?" after the night's answer quoted "Under jourtid
    # har Hallandsjouren ansvar …" again
    a = ask_halland(client, night)
    assert "Hallandsjouren" in a["answer"]
    b = ask_halland(client, day, a["conversation_id"])
    assert b["kind"] == "search", b["answer"]
    assert "Hallandsjouren" not in b["answer"] and "läkaransvar" in b["answer"].lower()
    assert all(c["section"] != "Jourtid" for c in b["citations"])


@pytest.mark.parametrize("question, line", [
    ("stämmer det att patientavgiften höjdes i nya versionen?",
     "Patientavgiften är inte höjd eller sänkt: under 85 år: 200 kr i båda; från 85 år: 0 kr i "
     "VAS; Cosmic anger Läkare närsjukvård äldre utan belopp."),
    ("did the patient fee go up in the cosmic version?",
     "The patient fee was neither raised nor lowered: under 85: SEK 200 in both; from 85: "
     "SEK 0 in VAS; Cosmic names Läkare närsjukvård äldre without an amount.")])
def test_a_fee_said_to_have_gone_up_in_the_new_version_is_compared_age_by_age(
        client, question, line):
    # own check, stop 43: "stämmer det att patientavgiften höjdes i nya versionen?" got which
    # version is in force, and the changes listed the fee only as "Nytt i Cosmic: … 200 kr"
    body = ask_halland(client, question)
    assert body["kind"] == "version", body["answer"]
    assert line in body["answer"]
    assert any("Summa: 200 kr, om person är under 85 år." in c["quote"]
               for c in body["citations"]), body["citations"]


def test_the_daytime_asked_after_two_follow_ups_of_the_nights_is_the_first_question_again(
        client):
    # walk-through, stop 43: "och dagtid då?" after "och på natten?" and "och helger o röda
    # dagar då" quoted "Under jourtid har Hallandsjouren ansvar …" again (and, with the nights'
    # section left out, a passage on the buses)
    a = ask_halland(client, "vem har läkaransvaret för mina pat i khsv ordinärt boende dagtid")
    cid = a["conversation_id"]
    assert "Hallandsjouren" in ask_halland(client, "och på natten?", cid)["answer"]
    assert "Hallandsjouren" in ask_halland(client, "och helger o röda dagar då", cid)["answer"]
    d = ask_halland(client, "och dagtid då?", cid)
    assert d["kind"] == "search" and "Hallandsjouren" not in d["answer"], d["answer"]
    assert d["citations"][0]["section"] == "Nulägesbild av hembesök"
    assert "läkaransvar" in d["answer"]


def test_the_weekend_asked_after_an_answer_on_infection_control_is_the_on_call_section(client):
    # walk-through, stop 43: "och på helgen vem kommer ut då" got the next bullet of the
    # decision's list, on training
    a = ask_halland(client, "magsjuka på säbo, vem ansvarar för provtagning om pat är listade "
                            "på olika vc")
    assert "smittskydd, provtagning" in a["answer"]
    b = ask_halland(client, "och på helgen vem kommer ut då", a["conversation_id"])
    assert b["answer"].startswith("Under jourtid har Hallandsjouren ansvar"), b["answer"]


def test_a_birthday_to_come_in_a_month_is_counted_from_the_visits_day(ask):
    # walk-through, stop 43: "hembesök 12/6-24 pat 84 år fyller 85 i juli" was born in July
    # 1942 (counted from today), 81 on the visit's day, and the stated 84 said not to agree
    body = ask("hembesök 12/6-24 pat 84 år fyller 85 i juli, inskrivning säbo")
    assert body["kind"] == "rule", body["answer"]
    assert body["facts"]["visit_date"] == "2024-06-12" and body["decision"]["system"] == "VAS"
    assert body["decision"]["patient_fee_sek"] == 200


def test_an_age_said_as_todays_beside_a_visit_yesterday_keeps_the_visit_yesterday(ask):
    # walk-through, stop 43: "pat 85 år idag, besök igår …" was a visit of today, 85 and free
    # of charge; on the day before, 84 or 85, the fee depends on which
    yesterday = (today_in_stockholm() - timedelta(days=1)).isoformat()
    body = ask("pat 85 år idag, besök igår efter utskrivning, hemma i khsv, vad betalar hen")
    assert body["facts"]["visit_date"] == yesterday, body["answer"]
    assert body["decision"]["patient_fee_sek"] is None
    assert "84 eller 85 år" in body["answer"]


def test_a_visit_told_with_last_month_is_no_question_about_versions(ask):
    # walk-through, stop 43: "brytpunktssamtal förra månaden hemma hos pat" got the HSU
    # decision's date ("förra" was read as "the previous version")
    body = ask("brytpunktssamtal förra månaden hemma hos pat")
    assert body["kind"] != "version", body["answer"]
    assert "brytpunktssamtal" in body["answer"]


@pytest.mark.parametrize("message", ["pat skrevs ut 28/11, när slutar stödet",
                                     "pt discharged nov 28, when does the support end"])
def test_the_end_of_the_support_after_a_discharge_is_lakarmedverkans_date(client, message):
    # walk-through, stop 43: "pat skrevs ut 28/11, när slutar stödet" got a visit card for
    # 28/11 asking where the patient lives
    body = ask_halland(client, message)
    assert body["kind"] == "rule" and body["date_rule"]["rule"] == "lakarmedverkan", body["answer"]
    assert body["date_rule"]["discharge_date"].endswith("-11-28")
    assert body["date_rule"]["support_until"].endswith("-12-12")
    # (support from someone else is no such question)
    other = ask_halland(client, "pat skrevs ut 28/11 hur länge har hon rätt till stöd från vc")
    assert other.get("date_rule") is None


@pytest.mark.parametrize("reply", ["christmas eve 1941 lol", "24/12 1941"])
def test_a_birth_date_given_as_a_day_to_the_question_for_it_is_never_the_visits_day(
        ask, reply):
    # walk-through, stop 43: "christmas eve 1941 lol" to "What is the patient's date of
    # birth?" moved the visit to 1941-12-24: no routine, no compensation
    yesterday = (today_in_stockholm() - timedelta(days=1)).isoformat()
    a = ask("hembesök igår khsv ordinärt boende brytpunktssamtal född 1941")
    assert a["facts"]["visit_date"] == yesterday
    b = ask(reply, a["conversation_id"])
    assert b["kind"] == "rule", b["answer"]
    assert b["facts"]["visit_date"] == yesterday and b["facts"]["birth_date"] == "1941-12-24"
    assert b["decision"]["compensation_sek"] == 500
    day = date.fromisoformat(yesterday)
    age = day.year - 1941 - ((day.month, day.day) < (12, 24))
    assert b["decision"]["patient_fee_sek"] == (0 if age >= 85 else 200)


def test_an_age_written_as_84_y_man_and_repeated_as_like_i_wrote_is_read(ask):
    # walk-through, stop 43: "3) 84 y man, brytpunktssamtal at home" asked the age, and "84
    # like i wrote" was refused as not covered
    a = ask("did 3 visits today. 1) 91yo on Sabo after discharge from hallands sjukhus 2) 68 yo "
            "new to khsv, enrolment visit in her flat 3) 84 y man, brytpunktssamtal at home, he "
            "has khsv. how do i register each one and what do they pay")
    assert a["visits"] == 3
    assert [d["patient_fee_sek"] for d in a["decisions"]] == [0, 200, 200], a["answer"]
    b = ask("visit today brytpunktssamtal at home, khsv")
    assert b["answer"].rstrip().endswith("How old is the patient?")
    c = ask("84 like i wrote", b["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["patient_fee_sek"] == 200, c["answer"]


def test_back_from_hospital_is_a_discharge(ask):
    # walk-through, stop 43: "… Sabo, back from hospital" asked whether the visit was
    # connected to a discharge
    body = ask("home visit 28/3 2025, pat 80, Sabo, back from hospital. what system and codes")
    assert body["facts"]["occasion"] == "utskrivning", body["answer"]
    assert body["decision"]["compensation_sek"] == 500


def test_what_hsu_decided_on_its_day_is_the_decisions_own_section(client):
    # walk-through, stop 43: "what did HSU decide on 3 march 2026?" quoted the background's
    # "Tilläggsbeslut från HSU 2025-02-11 …", "Beslut HSU 2026-03-03" being fourth
    body = ask_halland(client, "what did HSU decide on 3 march 2026?")
    assert body["citations"][0]["section"] == "Beslut HSU 2026-03-03", body["answer"]
    assert "2025-02-11" not in body["answer"]


@pytest.mark.parametrize("message", ["hemtjänst", "färdtjänst?"])
def test_a_social_service_named_alone_in_a_search_box_is_not_covered(ask, message):
    # walk-through, stop 43: "hemtjänst" in the widget got Cosmic's "Vårdtjänst: …" lines
    body = ask(message)
    assert body["kind"] == "no_answer", body["answer"]
    assert "Vårdtjänst" not in body["answer"].split("Närmast")[0]


def test_another_word_after_what_a_word_means_asks_what_that_one_means(ask):
    # walk-through, stop 43: "and inskrivningssamtal?" after "what does brytpunktssamtal mean"
    # got a visit card for today asking where the patient lives
    a = ask("what does brytpunktssamtal mean")
    b = ask("and inskrivningssamtal?", a["conversation_id"])
    assert b["kind"] == "search", b["answer"]
    assert "“inskrivningssamtal”" in b["answer"] and b.get("decision") is None


def test_the_meaning_of_a_word_only_another_organizations_routines_use_is_said_to_be_theirs(
        client):
    # walk-through, stop 43: "vad betyder vårdbegäran" with Region Halland picked quoted a
    # sentence on the buses of a report
    body = ask_halland(client, "vad betyder vårdbegäran")
    assert body["kind"] == "no_answer", body["answer"]
    assert "Kommun i Västra Götaland" in body["answer"] and "Bedömning och beslut" in body["answer"]
    # (a word Region Halland's routines use in the lexicon's other words is explained)
    assert ask_halland(client, "vad betyder SIP")["kind"] == "search"


@pytest.mark.parametrize("message, opening", [
    ("stämmer det att cosmic började gälla 1 april 2025?",
     "Nej, ”Registrering av riktade hemsjukvårdsbesök av läkare i Cosmic” (Region Halland) "
     "började inte gälla 2025-04-01: den gäller från 2025-03-31."),
    ("is it true that the cosmic routine started on 1 april 2025?",
     "No, “Registrering av riktade hemsjukvårdsbesök av läkare i Cosmic” (Region Halland) did "
     "not start on 2025-04-01: it applies from 2025-03-31."),
    ("började cosmic gälla 31 mars 2025?",
     "Ja, ”Registrering av riktade hemsjukvårdsbesök av läkare i Cosmic” (Region Halland) "
     "gäller från 2025-03-31.")])
def test_a_routines_start_claimed_on_a_day_is_answered_with_its_first_day(client, message,
                                                                           opening):
    # walk-through, stop 43: "stämmer det att cosmic började gälla 1 april 2025?" got the VAS
    # routine's "… införs 2023-01-01"; asked as a version question it was told "Ja, den
    # 2025-04-01 gällde …", never that it began the day before
    body = ask_halland(client, message)
    assert body["kind"] == "version", body["answer"]
    assert body["answer"].startswith(opening), body["answer"]


@pytest.mark.parametrize("why", ["why 200? i thougth home visits were free for old people",
                                 "varför 200 kr?"])
def test_why_a_figure_of_the_card_just_given_is_that_cards_reasons(ask, why):
    # walk-through, stop 43: "why 200? …" after a card for a visit of today quoted the VAS
    # routine's fee line, no longer in force
    a = ask("did a home visit today on a 79 yo lady in khsv, ordinary housing, she came home "
            "from hospital yesterday. how do i registre it in Cosmic")
    assert a["decision"]["patient_fee_sek"] == 200
    b = ask(why, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic", b["answer"]
    assert all(c["document_id"] != "rh-hemsjukvardsbesok-vas" or "85" in c["quote"]
               for c in b["citations"])
    assert "under 85" in b["answer"]


def test_a_field_and_its_value_claimed_after_a_card_are_checked_against_that_cards_fields(ask):
    # walk-through, stop 43: "stämmer det att avgiftstyp H3 gäller då?" under a VAS card stating
    # it was answered "Nej: patienten betalar 0 kr, inte 3 kr"; "kund ska va primärvård i vas",
    # a field only Cosmic has, was told "Ja, det stämmer"
    a = ask("hembesök 3/2 2025 utskrivning säbo 85 år")
    assert a["decision"]["system"] == "VAS"
    cid = a["conversation_id"]
    h3 = ask("stämmer det att avgiftstyp H3 gäller då?", cid)
    assert h3["answer"].startswith("Ja, det stämmer: Avgiftstyp: H3"), h3["answer"]
    kund = ask("stämmer det att kund ska va primärvård i vas?", cid)
    assert kund["answer"].startswith("Nej: VAS har inget fält Kund"), kund["answer"]
    b = ask("hembesök idag utskrivning säbo 85 år")
    cosmic = ask("stämmer det att avgiftstyp ska vara H3?", b["conversation_id"])
    assert cosmic["answer"].startswith("Nej: Cosmic har inget fält Avgiftstyp"), cosmic["answer"]
    assert "3 kr" not in cosmic["answer"]


def test_what_the_cosmic_routine_says_of_the_fee_from_85_is_no_yes(client):
    # walk-through, stop 43: "stämmer det att cosmic-rutinen säger att 85+ är gratis?" opened
    # "Ja, det stämmer" and then said that Cosmic gives no amount
    body = ask_halland(client, "stämmer det att cosmic-rutinen säger att 85+ är gratis?")
    assert body["answer"].startswith("Inte med de orden: Cosmic-rutinen anger ingen avgift"), \
        body["answer"]
    assert "Ja, det stämmer" not in body["answer"]


def test_an_amount_claimed_of_the_new_compensation_after_its_notice_is_the_notice_again(client):
    # walk-through, stop 43: "stämmer det att den är 500 kr som den gamla?" right after "… anger
    # varken belopp eller startdatum" was told "Ja, det stämmer: den extra ersättningen är 500 kr"
    a = ask_halland(client, "hur mkt blir nya ersättningen per hembesök från hsu-beslutet")
    assert "varken belopp eller startdatum" in a["answer"]
    b = ask_halland(client, "stämmer det att den är 500 kr som den gamla?", a["conversation_id"])
    assert "varken belopp eller startdatum" in b["answer"], b["answer"]
    assert "Ja, det stämmer" not in b["answer"]


@pytest.mark.parametrize("born, fee", [("född 3 mars -41", 200), ("hon är född 410303", 200),
                                       ("född 3/3-41", 200)])
def test_a_birth_date_with_a_two_digit_year_or_in_one_run_answers_the_age_asked(ask, born, fee):
    # walk-through, stop 43: "född 3 mars -41" to "Hur gammal är patienten?" moved the visit to
    # 3 March and the age stayed missing; "hon är född 410303" was refused
    a = ask("brytpunktssamtal säbo 12/3-25 hur reg")
    assert a["answer"].rstrip().endswith("Hur gammal är patienten?")
    b = ask(born, a["conversation_id"])
    assert b["kind"] == "rule", b["answer"]
    assert b["facts"]["visit_date"] == "2025-03-12" and b["facts"]["birth_date"] == "1941-03-03"
    assert b["decision"]["patient_fee_sek"] == fee


def test_a_birth_date_with_a_two_digit_year_in_the_visits_message_is_read(ask):
    # walk-through, stop 43: "… pat född 3 mars -40" was ignored and the age said to be missing
    body = ask("inskrivningssamtal ny pat säbo 10/3-25, pat född 3 mars -40")
    assert body["facts"]["birth_date"] == "1940-03-03", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0


def test_an_age_alone_after_a_turn_on_something_else_is_the_visits_age_still_missing(ask):
    # walk-through, stop 43: "83" after a refused question, the card's "Hur gammal är
    # patienten?" two turns back, was refused as not covered
    a = ask("brytpunktssamtal säbo 12/3-25 hur reg")
    ask("vad är telefonnumret till hallandsjouren", a["conversation_id"])
    c = ask("83", a["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["patient_fee_sek"] == 200, c["answer"]
    assert c["facts"]["visit_date"] == "2025-03-12"


def test_an_organization_said_earlier_answers_nothing_it_lacks_and_another_has(ask):
    # walk-through, stop 43: after "Gäller det beslutet oss i Västra Götaland?" with all
    # organizations picked, "Hur många läkarbesök i hemmet gjordes 2021?" and "och 2020?" were
    # refused with "Välj Region Halland eller alla organisationer" (all were picked)
    a = ask("Vad beslutade HSU 2026-03-03?")
    cid = a["conversation_id"]
    ask("Gäller det beslutet oss i Västra Götaland?", cid)
    b = ask("Hur många läkarbesök i hemmet gjordes 2021?", cid)
    assert b["kind"] == "search", b["answer"]
    assert b["answer"].startswith("Rutinerna från Kommun i Västra Götaland (Sektor Välfärd) tar "
                                  "inte upp det; svaret kommer från Region Halland.")
    assert "2715" in b["answer"]
    c = ask("och 2020?", cid)
    assert "2213" in c["answer"], c["answer"]
    # (the organization said is still the one asked about next)
    d = ask("vem beslutar om anslutning", cid)
    assert "planeringsfunktion" in d["answer"]


def test_what_applies_to_a_matter_today_is_what_the_routines_say_of_it_not_a_version(ask):
    # walk-through, stop 43: "vad gäller för uppföljning av hemsjukvården idag" and "vad gäller
    # vid permission från sjukhuset nu" got which version of the HSU decision is in force
    body = ask("vad gäller vid permission från sjukhuset nu")
    assert body["kind"] == "search", body["answer"]
    assert body["citations"][0]["section"] == "Permission från slutenvården"
    assert ask("vad gäller för uppföljning av hemsjukvården idag")["kind"] == "search"
    # (which routine is in force today is still a version question)
    assert ask("vad gäller för rutinen idag")["kind"] == "version"


@pytest.mark.parametrize("message", ["hembesök idag 86 år ordinärt boende, tittade på ett bensår",
                                     "home visit today on a 86 yo in ordinary housing, looked at "
                                     "a leg ulcer"])
def test_a_visit_for_a_clinical_task_is_none_of_the_three_occasions(ask, message):
    # walk-through, stop 43: a wound check got the riktade vårdtjänster to copy and a fee for
    # three turns while the occasion was asked
    body = ask(message)
    assert body["facts"]["occasion"] == "annat", body["answer"]
    assert body["decision"]["eligible"] is False
    # (a discharge named beside the wound is still the discharge)
    other = ask("pat med bensår skrevs ut igår, hembesök idag säbo 88 år")
    assert other["facts"]["occasion"] == "utskrivning"


def test_the_next_patient_same_as_before_keeps_the_visits_day_and_occasion(ask):
    # walk-through, stop 43: "nästa pat: samma som förut fast 91 år och hemma hos sig" after a
    # brytpunktssamtal dropped the occasion and the day, and the day was assumed to be today
    a = ask("brytpunktssamtal på säbo 1/12, 88 år")
    b = ask("nästa pat: samma som förut fast 91 år och hemma hos sig", a["conversation_id"])
    assert b["facts"]["occasion"] == "brytpunktssamtal", b["answer"]
    assert b["facts"]["visit_date"] == a["facts"]["visit_date"]
    assert b["facts"]["patient_age"] == 91 and b["facts"]["setting"] == "ordinart_boende"
    assert b["answer"].startswith("En annan patient, samma slags besök")


def test_lakarmedverkans_days_asked_of_a_discharge_in_a_month_before_the_decision_say_so(ask):
    # walk-through, stop 43: "pat skrevs ut i februari 2025 med hög risk, fick hon
    # läkarmedverkan 14 dagar då?" got the 14 days of the decision of 2026-03-03 as if they
    # held then, and was asked the discharge date it had given
    body = ask("pat skrevs ut i februari 2025 med hög risk, fick hon läkarmedverkan 14 dagar då?")
    assert "gäller kanske inte en utskrivning före beslutet" in body["answer"], body["answer"]
    assert "Ange utskrivningsdatumet" not in body["answer"]


def test_a_patients_age_in_a_follow_up_on_the_criteria_gets_the_sentence_on_age(client):
    # walk-through, stop 43: "men om pat bara är 45 år kan hen få det då?" after the criteria
    # quoted the first criterion again, not "… oavsett ålder eller diagnos …"
    org = "Kommun i Västra Götaland (Sektor Välfärd)"
    a = ask_in(client, org, "vilka kriterier gäller för att en pat ska få hemsjukvård")
    b = ask_in(client, org, "men om pat bara är 45 år kan hen få det då?", a["conversation_id"])
    assert b["kind"] == "search", b["answer"]
    assert b["answer"].startswith("- Patienter med behov av hemsjukvård över tid, oavsett ålder"), \
        b["answer"]


def test_to_whom_after_who_sends_the_care_request_is_that_passage(client):
    # walk-through, stop 43: "till vem?" after "vem skickar vårdbegäran då" was refused
    org = "Kommun i Västra Götaland (Sektor Välfärd)"
    a = ask_in(client, org, "hur skriver man ut nån från hemsjukvården")
    b = ask_in(client, org, "vem skickar vårdbegäran då", a["conversation_id"])
    c = ask_in(client, org, "till vem?", b["conversation_id"])
    assert c["kind"] == "search", c["answer"]
    assert "till patientens fasta vårdkontakt" in c["answer"]


def test_checks_and_why_a_figure_say_no_where_the_card_differs_or_has_no_registration(ask):
    # walk-through, stop 43 (second round): "varför 200?" for a patient paying 0 kr led with
    # the Cosmic version's note and never said 0 kr; "stämmer det att kund är primärvård?"
    # after a visit within Läkarmedverkan got "Nej: Cosmic har inget fält Kund (fälten är )";
    # "… vårdtjänst är riktad hemsjukvård inskrivningssamtal?" on a VAS visit got no verdict
    a = ask("khsv hembesök igår efter utskrivning från slutenvården, pat född 3/3-41, ordinärt "
            "boende")
    assert a["decision"]["patient_fee_sek"] == 0
    why = ask("varför 200?", a["conversation_id"])
    assert why["answer"].startswith("Nej: patienten betalar 0 kr, inte 200 kr."), why["answer"]
    assert "Ny version 2025-03-31" not in why["answer"]
    b = ask("jag jobbar i läkarmedverkan, hembesök efter utskrivning 88-åring ordinärt boende "
            "inskriven khsv 1/12, blir det 500?")
    kund = ask("stämmer det att kund är primärvård?", b["conversation_id"])
    assert "fälten är )" not in kund["answer"] and not kund["answer"].startswith("Nej"), \
        kund["answer"]
    c = ask("inskrivningssamtal ny pat säbo 14/3 -25 pat 85 år")
    service = ask("stämmer det att vårdtjänst är riktad hemsjukvård inskrivningssamtal?",
                  c["conversation_id"])
    assert service["answer"].startswith("Nej: VAS har inget fält Vårdtjänst"), service["answer"]


def test_a_birth_date_after_f_dot_is_read(ask):
    # walk-through, stop 43 (third round): "hembesök säbo pat f. 410303 inskrivningssamtal igår"
    # asked the age
    body = ask("hembesök säbo pat f. 410303 inskrivningssamtal igår")
    assert body["facts"]["birth_date"] == "1941-03-03", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0


def test_the_night_asked_with_the_on_call_section_first_is_answered_from_it_not_its_neighbour(
        client):
    # walk-through, stop 43 (third round): "vem har ansvaret för mina hsv-pat på natten" with
    # "Jourtid" first quoted the daytime "Det är patientens läkare på den vårdcentral …" of the
    # second passage; the correction "nej jag menar på natten, inte dagtid …" and then "och
    # dagtid då?" each quoted the report's letterhead
    a = ask_halland(client, "vem har ansvaret för mina hsv-pat på natten")
    assert a["answer"].startswith("Under jourtid har Hallandsjouren ansvar"), a["answer"]
    b = ask_halland(client, "nej jag menar på natten, inte dagtid. vem ringer vi kl 02",
                    a["conversation_id"])
    assert b["answer"].startswith("Under jourtid har Hallandsjouren ansvar"), b["answer"]
    c = ask_halland(client, "och dagtid då?", b["conversation_id"])
    assert "Diarienummer" not in c["answer"] and "Hallandsjouren" not in c["answer"], c["answer"]
    # (what is asked of the document itself is answered from it: its proposed decision, never
    # the night duty; stop 55 answers the section "Förslag till beslut" itself, where the head
    # "Beslutsförslag …" was quoted before, answer set A's tuning part asking for it)
    d = ask_halland(client, "Vad är förslaget till beslut i informationsärendet om mobil "
                            "hemsjukvård?")
    assert "antecknar att informationen har lämnats" in d["answer"], d["answer"]


def test_a_swedish_term_in_quotation_marks_keeps_an_english_conversation_english(ask):
    # walk-through, stop 43: "and 'Läkare närsjukvård äldre'?" after two English questions
    # was answered in Swedish ("Källa: …")
    a = ask("what does brytpunktssamtal mean? english pls")
    b = ask("and 'Läkare närsjukvård äldre'?", a["conversation_id"])
    assert b["kind"] in ("search", "no_answer")
    assert "Källa:" not in b["answer"] and "Rutinerna" not in b["answer"]
    assert "(in Swedish)" in b["answer"] or "Source:" in b["answer"] \
        or b["answer"].startswith("The routines")


def test_a_hedged_yes_naming_the_municipalitys_nurse_answers_the_enrolment_asked(ask):
    # walk-through, stop 44: "prob yes, the dsk from kommunen comes every day i think" to
    # "Is the patient enrolled …?" made the physician's visit a nurse's, without the 500 kr
    a = ask("saw a 87-åring at home 3/4 this year, end of life talk w family, what do i register")
    assert a["kind"] == "rule" and a["decision"]["compensation_sek"] is None
    b = ask("prob yes, the dsk from kommunen comes every day i think", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["municipal_home_care"] is True
    assert b["facts"].get("performed_by", "lakare") == "lakare"
    assert b["decision"]["compensation_sek"] == 500


def test_a_drugs_dose_asked_after_a_card_is_no_fact_of_the_visit(ask):
    # walk-through, stop 44: "what dose of morfin sc do i start for a palliative pt at home"
    # made the discharge visit at a nursing home a brytpunktssamtal in ordinary housing
    cid = ask("home visit yesterday 88 yo sabo after discharge")["conversation_id"]
    b = ask("what dose of morfin sc do i start for a palliative pt at home", cid)
    assert b["kind"] == "no_answer"
    c = ask("ok so what do i put as customer?", cid)
    assert c["kind"] == "rule" and c["facts"]["occasion"] == "utskrivning"
    assert c["facts"]["setting"] == "sabo" and c["decision"]["compensation_sek"] == 500


def test_a_new_visit_announced_takes_nothing_of_the_visit_before(ask):
    # walk-through, stop 44: "ok. now a visit where …" kept the day 2022-12-15 of the visit
    # before ("No routine … covers the visit date 2022-12-15"), then said the patient of 80
    # was 83 or 84
    cid = ask("and one from way back, 15/12 2022, brytpunkt on sabo, 88 yo. does that give the "
              "500?")["conversation_id"]
    b = ask("ok. now a visit where i was working for lakarmedverkan, pt discharged from HSH "
            "last week, 80 years, own flat with khsv", cid)
    assert b["kind"] == "rule" and b["facts"].get("visit_date") != "2022-12-15"
    assert b["decision"]["system"] == "Cosmic" and b["decision"]["patient_age"] == 80
    assert b["decision"]["compensation_sek"] == 0


@pytest.mark.parametrize("message", [
    "pat 87 år utskriven från sjukhuset igår, jag åkte ut på säbo idag. vad registrerar jag",
    "did a home visit today at sabo, pt 91 yo, she was dischargd from hospital 2 days ago"])
def test_the_discharges_day_is_not_the_visits_when_the_visit_has_its_own(ask, message):
    # walk-throughs, stop 43 and 44: the visit got the discharge's day
    today = today_in_stockholm().isoformat()
    assert ask(message)["facts"]["visit_date"] == today


def test_a_yes_naming_the_organization_pointed_to_asks_the_question_there(client):
    # walk-throughs, stops 43 and 44: "ja halland" and "ok halland då" after "… Det gör en
    # rutin från Region Halland … Välj Region Halland …" were refused
    a = ask_in(client, VG, "hur länge kan läkarmedverkan stötta efter utskrivning")
    assert a["kind"] == "no_answer" and "Välj Region Halland" in a["answer"]
    b = ask_in(client, VG, "ja halland", a["conversation_id"])
    assert b["kind"] == "search" and "upp till 14 dagar" in b["answer"]
    assert b["answer"].startswith("Frågan nämner Region Halland")


def test_a_visit_asked_of_an_organization_without_rules_is_asked_again_of_a_place(client):
    # walk-through, stop 44: "i halland alltså" after a visit asked with the Västra Götaland
    # municipality picked was refused, and so were its follow-ups
    a = ask_in(client, VG, "hur registrerar jag brytpunktssamtal på säbo 91-åring igår")
    assert a["kind"] == "no_answer" and "Region Hallands regler" in a["answer"]
    b = ask_in(client, VG, "i halland alltså", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic"
    assert b["decision"]["patient_fee_sek"] == 0 and b["decision"]["compensation_sek"] == 500
    c = ask_in(client, VG, "och om hon vore 80?", a["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["patient_fee_sek"] == 200


def test_saying_where_one_works_is_acknowledged_not_refused(client, ask):
    # walk-throughs, stop 43 and 44: "vi är ju i VG förresten" was answered "Rutinerna i
    # kunskapsbasen tar inte upp det du frågar om"
    a = ask("vi är ju i VG förresten")
    assert a["kind"] == "clarify" and a["answer"].startswith(
        "Uppfattat: du arbetar i Kommun i Västra Götaland (Sektor Välfärd).")
    b = ask("vem beslutar om anslutning?", a["conversation_id"])
    assert "planeringsfunktion" in b["answer"]
    # another organization picked on the page: said which answers
    c = ask_in(client, VG, "jag jobbar i halland")
    assert c["kind"] == "clarify" and "välj Region Halland" in c["answer"]
    d = ask("I work in Halland btw")
    assert d["kind"] == "clarify" and d["answer"].startswith("Noted: you work in Region Halland.")


@pytest.mark.parametrize("typed, said", [
    # walk-through, stop 44: "avgft" in the widget was refused, "avgift" answered
    ("avgft", "avgiftsnivåer"), ("hemsjukvåd avgift", "avgiftsnivåer")])
def test_a_field_word_typed_one_letter_off_is_read_as_the_word(client, typed, said):
    a = ask_in(client, VG, typed)
    assert a["kind"] == "search" and said in a["answer"]


@pytest.mark.parametrize("message", [
    # walk-through, stop 44: the discharge's day was taken for the visit's, and VAS's
    # registration given for a visit under Cosmic
    "pat utskriven 28/3-25, jag var där 1/4, 87 år, säbo",
    "pat utskriven 26/3-25 men jag hann inte dit förrän 1/4, 87 år säbo",
    # (no comma between, and "utskr": walk-through, stop 44, after the first fix)
    "utskriven 28/3-25 var där 1/4, 87 år säbo", "utskr 28/3-25, besök 1/4-25, 87 år säbo"])
def test_a_visit_after_a_dated_discharge_is_on_its_own_day_of_that_year(ask, message):
    a = ask(message)
    assert a["kind"] == "rule" and a["facts"]["visit_date"] == "2025-04-01"
    assert a["decision"]["system"] == "Cosmic"


def test_a_day_denied_is_not_the_visits(ask):
    # walk-through, stop 44: "hon fyllde 85 igår, inte imorgon" moved the visit to tomorrow
    a = ask("hembesök 3/4-25 säbo brytpunktssamtal 84 år")
    b = ask("hon fyllde 85 igår, inte imorgon", a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["visit_date"] == "2025-04-03"


def test_lakarmedverkan_having_the_patient_is_no_visit_within_it(ask):
    # walk-through, stop 44: "om läkarmedverkan har henne då?" took away the 500 kr as if
    # the visit were made within Läkarmedverkan
    cid = ask("hembesök igår säbo inskrivning, 88 år")["conversation_id"]
    b = ask("om läkarmedverkan har henne då?", cid)
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] != 0
    assert b["facts"].get("lakarmedverkan") is not True


def test_an_age_said_again_as_already_written_answers_the_age_asked(ask):
    # walk-through, stop 44: "87 skrev jag ju" to "Hur gammal är patienten?" was refused
    a = ask("hembesök igår säbo inskrivning")
    assert a["kind"] == "rule" and a["facts"].get("patient_age") is None
    b = ask("87 skrev jag ju", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_age"] == 87


def test_a_question_only_the_conversations_organization_covers_is_answered_from_it(client):
    # walk-through, stop 44: after questions on the HSU decision answered from Region
    # Halland, the Västra Götaland municipality picked, "avtalstexten om huvudansvarig läkare
    # för säbo, är det ett måste nu?" was sent to "Välj Region Halland …"
    a = ask_in(client, VG, "vad beslutade HSU i halland 3 mars 2026 om läkarinsatser i hemmet")
    b = ask_in(client, VG, "avtalstexten om huvudansvarig läkare för säbo, är det ett måste nu?",
               a["conversation_id"])
    assert b["kind"] == "search" and b["answer"].startswith(
        "Samtalet gäller Region Halland, och bara dess rutiner tar upp det här")
    assert "huvudansvarig läkare" in b["answer"] and "det är ett förslag" in b["answer"]
    # a question the picked organization covers is its own
    c = ask_in(client, VG, "vem beslutar om anslutning till hemsjukvård?", a["conversation_id"])
    assert {x["organization"] for x in c["citations"]} == {VG}
    # asked on its own, with nothing said before, it is still pointed to
    d = ask_in(client, VG, "avtalstexten om huvudansvarig läkare för säbo, är det ett måste nu?")
    assert d["kind"] == "no_answer" and "Välj Region Halland" in d["answer"]


@pytest.mark.parametrize("reply", ["hon är född 40-03-31", "f. 1940-03-31"])
def test_a_birth_date_written_with_dashes_answers_the_age_asked(ask, reply):
    # walk-through, stop 44: "hon är född 40-03-31" to "Hur gammal är patienten?" was
    # refused; "f. 1940-03-31" was read as the visit's day
    a = ask("hembesök 2025-04-02 säbo inskrivning")
    b = ask(reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["visit_date"] == "2025-04-02"
    assert b["decision"]["patient_age"] == 85 and b["decision"]["patient_fee_sek"] == 0


def test_an_enrolment_told_after_a_follow_up_made_counts_two_months(client):
    # walk-through, stop 44: "en ny pat anslöts 3/3, …" after the next follow-up was counted
    # from one made was read as a follow-up made too (six months, not two)
    a = ask_in(client, VG, "vi gjorde första uppföljningen 15/6 2026, när måste nästa vara gjord?")
    assert a["date_rule"]["next_by"][0] == "2026-12-15"
    b = ask_in(client, VG, "en ny pat anslöts 3/3 2026, när ska första uppf senast ske",
               a["conversation_id"])
    assert b["kind"] == "rule" and "senast 2026-05-03 (2 månader efter anslutningen" in b["answer"]


@pytest.mark.parametrize("first, follow_up", [
    ("gäller den gamla fortfarande för besök jag gjorde i mars 2025?", "30/3 då"),
    ("vilken rutin ska ja följa för ett besök som gjordes 2025-03-31", "den 30:e då"),
    ("vilken rutin ska ja följa för ett besök som gjordes 2025-03-31",
     "nä alltså 30 mars samma år som cosmic kom"),
    ("gäller den gamla fortfarande för besök jag gjorde i mars 2025?",
     "nej menar 2025 alltså, 30 mars 2025")])
def test_a_day_without_its_year_after_a_version_answer_is_of_the_time_asked(ask, first,
                                                                          follow_up):
    # walk-through, stop 44: "30/3 då" after March 2025 and "den 30:e då" after 2025-03-31
    # were read as 2026-03-30 and 2026-11-30, the Cosmic routine named for the day before it
    # began; "nej menar 2025 alltså, 30 mars 2025" was refused
    a = ask(first)
    assert a["kind"] == "version"
    b = ask(follow_up, a["conversation_id"])
    assert b["kind"] == "version", b["answer"]
    assert b["answer"].startswith("Den 2025-03-30 gällde ”Registrering av riktade "
                                  "hemsjukvårdsbesök av läkare i VAS”"), b["answer"]


def test_a_day_after_a_year_asked_of_is_in_that_year(ask):
    a = ask("vilken rutin gällde 2024")
    b = ask("och 1/12?", a["conversation_id"])
    assert b["answer"].startswith("Den 2024-12-01 gällde"), b["answer"]
    # (never today: "och idag då" is today's)
    c = ask("och idag då", a["conversation_id"])
    assert c["answer"].startswith("I dag ("), c["answer"]


def test_living_far_from_the_clinic_finds_the_reports_sentence_on_it(client):
    # walk-through, stop 44: "is living far from the vårdcentral enough?" after the enrolment's
    # when quoted the report's summary
    a = _ask_halland(client, "when should a patient be enrolled in hemsjukvård here in Halland?")
    b = _ask_halland(client, "is living far from the vårdcentral enough?", a["conversation_id"])
    assert "Bor man långt ifrån den vårdcentral" in b["answer"], b["answer"]
    c = _ask_halland(client, "räcker det att bo långt från vc för att få hemsjukvård?")
    assert "Bor man långt ifrån den vårdcentral" in c["answer"], c["answer"]


def test_whether_the_patient_must_take_part_is_the_follow_ups_sentence(client):
    # walk-through, stop 44: "måste patienten vara med?" after who may follow up quoted the
    # enrolment criteria
    a = ask_in(client, VG, "kan en usk göra uppföljningen?")
    b = ask_in(client, VG, "måste patienten vara med?", a["conversation_id"])
    assert b["kind"] == "search" and "patienten ska vara delaktig" in b["answer"], b["answer"]
    assert "Västra Götalandsregionens mottagningar" not in b["answer"]


def test_why_they_switched_after_a_version_answer_is_the_catalogs_reason(ask):
    # walk-through, stop 44: "varför bytte dom" after "gäller VAS-rutinen fortfarande?" was
    # refused
    a = ask("gäller VAS-rutinen fortfarande?")
    b = ask("varför bytte dom", a["conversation_id"])
    assert b["kind"] == "version" and "journalsystembytet till Cosmic" in b["answer"], b["answer"]


@pytest.mark.parametrize("first, question", [
    ("gäller VAS-rutinen fortfarande?", "vad hände med ersättningen när dom bytte, blev den högre?"),
    (None, "blev ersättningen högre när man bytte från vas till cosmic?"),
    (None, "samma ersättning i vas som i cosmic?")])
def test_whether_the_compensation_changed_at_the_switch_is_the_tables_difference(ask, first,
                                                                                question):
    # walk-through, stop 44: refused after a version answer, or Cosmic's 500 kr quoted alone
    cid = ask(first)["conversation_id"] if first else None
    b = ask(question, cid)
    assert b["kind"] == "version", b["answer"]
    assert "Ersättningen är oförändrad: 500 kr per besök." in b["answer"]


def test_a_passage_of_another_organization_lacking_the_questions_rare_words_is_no_pointer(client):
    # walk-throughs, stop 44: with the municipality picked, "vilka arbetstider har vi …" was
    # said to be Region Halland's matter, by a bus section lacking "arbetstid", "natt", "jobb"
    b = ask_in(client, VG, "vilka arbetstider har vi i hemsjukvården, jobbar man natt?")
    assert b["kind"] == "no_answer" and "Region Halland" not in b["answer"], b["answer"]


@pytest.mark.parametrize("question", [
    "is there a fee when the district nurse visits, not the doctor?",
    "vad kostar det när distriktssköterskan gör hembesök, inte läkaren?"])
def test_a_fee_asked_of_the_nurse_not_the_doctor_is_not_the_physicians_fee(ask, question):
    # walk-through, stop 44: "… not the doctor?" got the physician visit's 200 kr
    body = ask(question)
    assert body["kind"] == "no_answer", body["answer"]
    assert "200" not in body["answer"]


def test_what_the_clinic_does_each_year_is_the_yearly_medication_review(client):
    # walk-through, stop 44: "what does the vårdcentral have to do for säbo residents each
    # year?" after the head physician quoted that sentence again
    a = _ask_halland(client, "who is the huvudansvarig läkare on a sabo then, is that the one "
                             "responsible for each resident?")
    b = _ask_halland(client, "what does the vårdcentral have to do for säbo residents each "
                             "year?", a["conversation_id"])
    assert "läkemedelsgenomgång" in b["answer"] and "minst en gång per år" in b["answer"], \
        b["answer"]


@pytest.mark.parametrize("question, said", [
    ("what does brytpunktssamtal mean btw, in english?",
     "The routines do not explain what “brytpunktssamtal” means."),
    ("vad betyder brytpunktssamtal egentligen?",
     "Rutinerna förklarar inte vad ”brytpunktssamtal” betyder.")])
def test_a_meaning_asked_with_a_filler_after_it_is_still_a_meaning_question(ask, question, said):
    # walk-through, stop 44: "… btw, in english?" got a Cosmic code line as if it were the
    # meaning
    body = ask(question)
    assert body["answer"].startswith(said), body["answer"]


@pytest.mark.parametrize("question", ["gäller vas", "gäller vas-rutinen än?"])
def test_whether_vas_holds_in_two_words_is_answered_no(ask, question):
    # walk-through in the widget, stop 44: "gäller vas" got VAS's "2022-12-19 Rutinen är ny och
    # börjar gälla 2023-01-01", read as yes
    body = ask(question)
    assert body["kind"] == "version" and body["answer"].startswith("Nej,"), body["answer"]
    assert "gäller inte längre" in body["answer"]


@pytest.mark.parametrize("question, said", [
    ("what does the patient pay for a doctor's home visit, she's 79",
     "The patient is under 85 and pays SEK 200"),
    ("what does a physician's home visit cost, pt 90", "The patient is 85 or older")])
def test_a_doctors_home_visit_is_no_housing_and_its_cost_is_the_fee_for_the_age(
        client, question, said):
    # walk-through, stop 44: "a doctor's home visit" was read as the patient's home (ordinary
    # housing)
    body = _ask_halland(client, question)
    assert "setting" not in body["understood"]["facts"]
    assert said in body["answer"], body["answer"]


def test_a_year_meant_after_a_version_answer_is_that_day_of_the_year(ask):
    # walk-through, stop 44: "nej menar 2024" after which routine held on 2025-03-01 was
    # refused, and then "nej jag menar 1/4 2024" too
    a = ask("vilken version av rutinen för läkarens hembesök gällde den 1 april 2025?")
    b = ask("nej menar 2024", a["conversation_id"])
    assert b["kind"] == "version" and b["answer"].startswith("Den 2024-04-01 gällde"), b["answer"]


def test_an_enrolment_day_as_a_what_if_after_the_follow_up_rule_counts_the_dates(client):
    # walk-through, stop 44: "om pat ansluts 15/1 2026?" after "när ska första uppföljningen
    # va" was refused
    a = ask_in(client, VG, "när ska första uppföljningen va")
    b = ask_in(client, VG, "om pat ansluts 15/1 2026?", a["conversation_id"])
    assert b["kind"] == "rule" and "senast 2026-03-15" in b["answer"], b["answer"]


def test_who_takes_over_then_after_the_discharge_stays_with_the_discharge(client):
    # walk-through, stop 44: "vem tar över ansvaret sen?" after how a patient is discharged
    # from home care got the background's "Hemsjukvårdens sjuksköterska … tar över ansvar",
    # the opposite
    a = ask_in(client, VG, "hur skriver man ut någon från hemsjukvården")
    b = ask_in(client, VG, "vem tar över ansvaret sen?", a["conversation_id"])
    assert {c["section"] for c in b["citations"]} == {"Utskrivning från hemsjukvård"}, b["answer"]
    assert "Hemsjukvårdens sjuksköterska" not in b["answer"]


def test_the_nurse_who_looks_after_the_patient_did_not_make_the_visit(client):
    # walk-through, stop 44: "idk, tror DSK på vc sköter honom" to whether he is enrolled was
    # read as a nurse's visit: no registration and no 500 kr
    a = _ask_halland(client, "nästa pat 79 år i eget hus, hembesök efter utskrivning igår")
    b = _ask_halland(client, "idk, tror DSK på vc sköter honom", a["conversation_id"])
    assert b["kind"] == "rule" and "performed_by" not in b["understood"]["facts"], b["answer"]
    assert b["decision"]["eligible"] is None


def test_not_enrolled_in_the_municipalitys_home_care_is_read(client):
    # walk-through, stop 44: "han är inte inskriven i kommunens hemsjukvård" was passed over and
    # the enrolment asked again
    a = _ask_halland(client, "hembesök igår 79 år eget hus efter utskrivning")
    b = _ask_halland(client, "nej förresten det var jag som gjorde besöket, jag är läkare. han är "
                             "inte inskriven i kommunens hemsjukvård", a["conversation_id"])
    assert b["understood"]["facts"].get("municipal_home_care") is False, b["answer"]
    assert b["decision"]["eligible"] is False


def test_an_abbreviation_in_brackets_after_other_words_is_no_meaning_of_it(client):
    # walk-through, stop 44: "vad betyder LSS" quoted "… daglig verksamhet (LSS)" as its
    # meaning
    body = ask_in(client, VG, "vad betyder LSS")
    assert body["answer"].startswith("Rutinerna förklarar inte vad ”LSS” betyder."), body["answer"]
    saebo = _ask_halland(client, "vad är säbo")
    assert saebo["answer"].startswith("SäBo står för ”Särskilt boende för äldre”")


def test_what_a_word_is_asked_with_an_article_is_a_meaning_question(client):
    # walk-through, stop 44: "vad är en vårdbegäran egentligen" quoted who sends one as if it
    # said what it is
    body = ask_in(client, VG, "vad är en vårdbegäran egentligen")
    assert body["answer"].startswith("Rutinerna förklarar inte vad ”vårdbegäran” betyder."), \
        body["answer"]


@pytest.mark.parametrize("visit, what_if, back", [
    ("Patienten är 87 år, bor på säbo, jag gjorde ett hembesök 2026-12-01 efter utskrivning "
     "från sjukhus. Hur registrerar jag?", "om det hade varit distriktssköterskan?",
     "nej det var jag ändå"),
    ("87 yo, home visit 2026-12-01 after discharge, lives in a nursing home (SäBo)",
     "what if the nurse had done it?", "ok no it was me"),
])
def test_a_what_if_taken_back_in_a_few_words_is_the_visit_as_told(ask, visit, what_if, back):
    # walk-throughs, stops 46 and 47: "ok no it was me" and "nej det var jag ändå" after a
    # nurse's what-if were refused
    a = ask(visit)
    assert a["decision"]["compensation_sek"] == 500
    b = ask(what_if, a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 0
    c = ask(back, b["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500, c["answer"]


def test_a_hospital_stay_told_before_the_question_is_not_asked_of_the_passages(client):
    # walk-through, stop 47: "Jag har en dam på säbo som kom hem från sjukhuset i fredags, …
    # Vem ansvarar för hennes hälso- och sjukvård nu?" was refused: every passage of the
    # municipality's routine lacked a discharge from hospital
    body = ask_in(client, VG, "Jag har en dam på säbo som kom hem från sjukhuset i fredags, hon "
                              "har demens och dottern ringer hela tiden. Vem ansvarar för hennes "
                              "hälso- och sjukvård nu?")
    assert body["kind"] == "search", body["answer"]
    assert body["citations"][0]["section"] == "Vem kan anslutas till hemsjukvård?"


def test_a_move_into_the_nursing_home_after_the_follow_up_rule_counts_its_dates(client):
    # walk-through, stop 47: "hon flyttade in 2/11, vilket datum blir det senast?" after the
    # follow-up rule was refused; the routine enrols residents of a vård- och omsorgsboende
    # when they move in
    a = ask_in(client, VG, "när ska jag göra första uppföljningen på henne")
    b = ask_in(client, VG, "hon flyttade in 2025-11-02, vilket datum blir det senast?",
               a["conversation_id"])
    assert b["kind"] == "rule" and "senast 2026-01-02" in b["answer"], b["answer"]


@pytest.mark.parametrize("general", ["ingen speciell pat, jag vill bara veta generellt hur många "
                                     "dagar", "no specific patient, just in general"])
def test_the_rule_asked_in_general_instead_of_the_date_asked_for_is_answered(client, general):
    # walk-through, stop 47: "ingen speciell pat, jag vill bara veta generellt hur många dagar"
    # after Läkarmedverkan's 14 days and the discharge date asked for was refused
    a = ask_in(client, "Region Halland", "hur länge kan läkarmedverkan stötta efter utskrivning?")
    b = ask_in(client, "Region Halland", general, a["conversation_id"])
    assert b["kind"] == "search" and "14" in b["answer"], b["answer"]


@pytest.mark.parametrize("question, words", [
    ("vad är 28,5 milj till", "28,5 miljoner kronor"),
    ("läkarmedverkan 14 dagr", "upp till 14 dagar"),
])
def test_amounts_and_days_abbreviated_as_typed_are_read(client, question, words):
    # walk-throughs, stop 47: "vad är 28,5 milj till" and, in the widget, "läkarmedverkan 14
    # dagr" were refused; written out, both were answered
    body = ask_in(client, "Region Halland", question)
    assert body["kind"] == "search" and words in body["answer"], body["answer"]


def test_a_birthday_in_a_season_with_the_birth_year_known_answers_the_age(ask):
    # walk-through, stop 47: "vet ej exakt, hon fyllde år nån gång i våras tror jag" of a
    # woman born 1941, after her birth date was asked, was refused; at a visit on 2026-12-05
    # she was 85 whatever the spring's day
    a = ask("reg hembesök 2026-12-05, tant f. -41 på säbo, hemkommen från sjukhuset 2026-12-04")
    assert a["decision"]["patient_fee_sek"] is None
    b = ask("vet ej exakt, hon fyllde år nån gång i våras tror jag", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0, b["answer"]


@pytest.mark.parametrize("visit, month, day", [
    ("hembesök hos en 79-åring, vad ska pat betala", "det var nån gång i mars", "-03-01"),
    ("hembesök 2025-03-20 hos en 84-åring på säbo efter utskrivning", "och i april?",
     "2025-04-01"),
])
def test_a_month_alone_after_a_card_is_the_visits_month(ask, visit, month, day):
    # walk-through, stop 47: "det var nån gång i mars" after a card of a visit taken as
    # today's was refused; "och i april?" after a visit of March 2025 got a sentence on
    # digital care of "mars/april 2022"
    a = ask(visit)
    b = ask(month, a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["visit_date"].endswith(day), b["answer"]
    assert b["answer"].startswith("Dagen saknas, men hela")


def test_the_500_kr_by_its_nickname_is_the_500_kr(client):
    # walk-through, stop 47: "gäller 500-kronan för oss också?" with the municipality picked
    # was refused without saying the 500 kr is Region Halland's
    body = ask_in(client, VG, "gäller 500-kronan för oss också?")
    assert "Region Halland" in body["answer"], body["answer"]
    halland = ask_in(client, "Region Halland", "när får man 500-kronan?")
    assert "Ersättning utgår med 500 kr" in halland["answer"], halland["answer"]


@pytest.mark.parametrize("question, words", [
    ("innan bytet då, vad var avgiftstypen", "H3"),
    ("vad betalade en 79-åring för ett riktat besök innan bytet", "i VAS"),
    ("what was the fee type before the switch?", "H3"),
])
def test_before_the_switch_of_journal_system_is_the_system_before(client, question, words):
    # walk-through, stop 47: "innan bytet då, vad var avgiftstypen" and "… innan bytet" got
    # today's Cosmic routine
    body = ask_in(client, "Region Halland", question)
    assert words in body["answer"] and "Cosmic" not in body["answer"], body["answer"]


def test_what_is_done_when_something_is_lacking_quotes_the_sentence_saying_so(client):
    # walk-throughs, stop 47: "vad händer om det saknas underlag i vårdbegäran?" got where a
    # vårdbegäran comes from, not "Saknas tillräckligt underlag, efterfrågas kompletterande
    # information"
    body = ask_in(client, VG, "vad händer om det saknas underlag i vårdbegäran?")
    assert "Saknas tillräckligt underlag, efterfrågas kompletterande information." \
        in body["answer"], body["answer"]


def test_a_story_naming_no_time_of_day_is_not_answered_from_the_evening_section(client):
    # walk-through, stop 47: "ska hem på perm över helgen … ska han anslutas?" got "Kväll och
    # natt" ("Patienterna ansluts inte …"), not "Permission från slutenvården"
    body = ask_in(client, VG, "Hej igen. En patient som ligger inne på medicin ska hem på perm "
                              "över helgen (lör-sön). Han har en PICC-line som måste spolas och "
                              "kan inte ta sig till mottagning. Avdelningen vill att vi sköter "
                              "det. Måste vi det och ska han anslutas?")
    assert body["citations"][0]["section"] == "Permission från slutenvården", body["answer"]
    evening = ask_in(client, VG, "Ny fråga. En man, 67 år, bor hemma i villa och brukar gå till "
                                 "vårdcentralen själv. Nu har läkaren på vc satt in insulin som "
                                 "måste ges kl 21 varje kväll i en vecka tills han lärt sig själv. "
                                 "Ska vi skriva in honom i hemsjukvården för det?")
    assert evening["citations"][0]["section"] == "Kväll och natt"


def test_the_day_before_the_switch_of_journal_system_is_that_day(ask):
    # walk-through, stop 47: "… dagen innan bytet till cosmic …" was read as 2023-01-01
    body = ask("brytpunktssamtal i ordinärt boende dagen innan bytet till cosmic, 79-åring "
               "inskriven i khsv. hur reggas det och blir det 500 kr?")
    assert body["facts"]["visit_date"] == "2025-03-30", body["answer"]
    assert body["decision"]["compensation_sek"] == 500


def test_the_cost_asked_after_a_decision_naming_lakarmedverkan_is_the_decisions(ask):
    # walk-through, stop 47: "hur mkt kostar det" after what HSU decided in March 2026 was read
    # as the cost of Läkarmedverkan, named in its first point, and refused
    a = ask("vad beslutade HSU i mars 2026?")
    b = ask("hur mkt kostar det", a["conversation_id"])
    assert "28,5 miljoner kronor" in b["answer"], b["answer"]


@pytest.mark.parametrize("reply", ["vet ej exakt, nån gång i mars", "född i mars alltså, -41"])
def test_a_birth_month_given_for_the_birth_date_asked_answers_the_fee(ask, reply):
    # walk-through, stop 47: both replies to "Vilket datum är patienten född?" of a patient
    # born 1941, at a visit on 2026-12-05, were left open or refused; she was 85
    a = ask("hembesök 2026-12-05 pat f. -41 utskriven från sjukhuset 2026-12-04, bor på säbo. "
            "hur reg")
    assert a["decision"]["patient_fee_sek"] is None
    b = ask(reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0, b["answer"]


def test_a_birth_month_and_year_told_with_the_visit_gives_the_age(ask):
    # walk-through, stop 47: "… she was born sometime in March 1941, no idea which day" had
    # the age asked, and 1941 was not even kept
    body = ask("another one: lady at a Sabo, home from hospital, I saw her on 05/12/2026 (UK "
               "date). she was born sometime in March 1941, no idea which day")
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]


@pytest.mark.parametrize("reply, enrolled", [("tror inte det", False), ("dunno, probably yes", True),
                                             ("inte säker", None)])
def test_a_hedged_reply_to_the_enrolment_question_is_read(ask, reply, enrolled):
    # walk-throughs, stops 46 and 47: "tror inte det" got "Jag förstod inte svaret" and
    # "dunno, probably yes" was refused as out of scope; "inte säker" is no "nej"
    a = ask("ny pat. 78 år, bor i egen lgh, var hemma hos honom 2026-12-02 direkt efter att han "
            "kom hem från sjukhuset")
    b = ask(reply, a["conversation_id"])
    assert b["kind"] == "rule", b["answer"]
    assert b["facts"].get("municipal_home_care") is enrolled


def test_a_fee_exemption_the_routines_never_name_is_said_not_covered_above_the_card(ask):
    # walk-through, stop 47: "han har frikort, betalar han 200 ändå?" got the card's 200 kr
    # as if it answered; "78 år, inskrivningssamtal 2026-12-08, eget boende" was refused
    a = ask("78 år, inskrivningssamtal 2026-12-08, eget boende")
    assert a["kind"] == "rule", a["answer"]
    b = ask("han har frikort, betalar han 200 ändå?", a["conversation_id"])
    assert b["answer"].startswith("Rutinerna säger inget om frikort eller högkostnadsskydd")
    assert b["decision"]["patient_fee_sek"] == 200


def test_the_fee_of_a_visit_at_the_health_centre_is_said_not_covered(ask):
    # walk-through, stop 47: "what's the patient fee for an ordinary appointment at the health
    # centre, not a home visit?" got the home visit's 200 kr and 0 kr
    body = ask("what's the patient fee for an ordinary appointment at the health centre, not a "
               "home visit?")
    assert body["kind"] == "no_answer" and "health centre" in body["answer"], body["answer"]
    home = ask("vad betalar en 90-åring för läkarbesök i hemmet?")
    assert home["kind"] == "search"


def test_going_out_again_on_a_follow_up_is_a_visit_of_no_occasion(ask):
    # walk-through, stop 47: "vad betalar hon om jag åker ut igen på uppföljning nästa vecka,
    # inget inskrivningssamtal då" got the targeted visit's 0 kr
    a = ask("dam 89 år, inskriven i khsv sedan 2026-11-03")
    b = ask("vad betalar hon om jag åker ut igen på uppföljning nästa vecka, inget "
            "inskrivningssamtal då", a["conversation_id"])
    assert b["facts"]["occasion"] == "annat" and b["decision"]["compensation_sek"] == 0
    assert "anger den varken registrering eller patientavgift" in b["answer"], b["answer"]


def test_the_other_organization_asked_out_of_curiosity_asks_the_last_question_there(client):
    # walk-through, stop 47: "ok men vad gäller i Halland då, bara av nyfikenhet" after a
    # physician's visit fee asked with the municipality picked was refused
    a = ask_in(client, VG, "vad betalar en 88-åring för läkarbesök på säbo?")
    b = ask_in(client, VG, "ok men vad gäller i Halland då, bara av nyfikenhet",
               a["conversation_id"])
    assert "Läkare närsjukvård äldre" in b["answer"], b["answer"]


def test_a_meaning_asked_after_a_few_words_is_a_meaning_question(client):
    # walk-through, stop 47: "dum fråga kanske men vad betyder SIP? det står i rutinen men ingen
    # förklarar" quoted the sentence using it again
    body = ask_in(client, VG, "dum fråga kanske men vad betyder SIP? det står i rutinen men "
                              "ingen förklarar")
    assert "samordnad individuell plan" in body["answer"], body["answer"]


def test_what_ifs_in_the_conditional_are_read_and_taken_back(ask):
    # walk-through, stop 47: "what if she'd been 84?" was refused; "om hon hade varit inskriven
    # då" was searched, so "nä hon är inte det, glöm det" after it was refused
    a = ask("Hi, I'm a locum GP in Halland. Did a home visit 2026-12-05 to an 88 year old lady at "
            "a Sabo, she was discharged from hospital the day before. How do I register it?")
    b = ask("what if she'd been 84?", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 200, b["answer"]
    c = ask("pat 62 år på LSS-boende, inte inskriven i khsv, gjorde hembesök 2026-12-05 pga "
            "försämring. ger det 500?")
    d = ask("om hon hade varit inskriven då", c["conversation_id"])
    assert d["kind"] == "rule" and d["facts"]["municipal_home_care"] is True, d["answer"]
    e = ask("nä hon är inte det, glöm det", d["conversation_id"])
    assert e["kind"] == "rule" and e["facts"]["municipal_home_care"] is False, e["answer"]


def test_then_a_patient_told_after_another_is_another_patient(ask):
    # walk-through, stop 47: "sen en gubbe som fyller 90 i vår, brytpunktssamtal hemma hos
    # honom 3/11" corrected the last patient and kept her enrolment
    a = ask("nästa pat: 87 år, bor hemma i villa, ny i khsv, jag gjorde inskrivningssamtalet "
            "2026-12-01")
    b = ask("sen en gubbe som fyller 90 i vår, brytpunktssamtal hemma hos honom 2026-11-03",
            a["conversation_id"])
    assert b["answer"].startswith("En annan patient:"), b["answer"]
    assert "municipal_home_care" not in b["facts"]


@pytest.mark.parametrize("question", [
    "kan vi ansluta honom till hemsjukvården fast han vägrar?",
    "Jag har en patient, kvinna 91 år i ordinärt boende, inskriven hos oss. Får hon säga nej till "
    "hemsjukvård?",
    "can a patient refuse home health care?",
])
def test_whether_home_care_can_be_refused_quotes_that_it_is_voluntary(client, question):
    # walk-throughs, stops 46 and 47: each got the enrolment criteria, read as "she must be
    # enrolled"; the routine says "Att vara ansluten till hemsjukvården är alltid frivilligt"
    body = ask_in(client, VG, question)
    assert "alltid frivilligt" in body["answer"], body["answer"]


def test_a_follow_ups_amount_stated_beside_the_passage_just_quoted_is_answered(ask):
    # walk-through, stop 47: "vad kostar det" after HSU's second point of March 2026 was
    # refused; the third, under the same heading, gives the 28,5 miljoner kronor
    a = ask("vad beslutade hsu i mars 2026 egentligen? kort")
    b = ask("vad kostar det", a["conversation_id"])
    assert "28,5 miljoner kronor" in b["answer"], b["answer"]


def test_what_changed_asked_again_after_the_versions_changes_is_their_answer(ask):
    # walk-through, stop 47: "ja men konkret, vilka fält är annorlunda och ändrades villkoren
    # för 500 kr?" after the VAS → Cosmic changes was refused
    a = ask("vad ändrades mellan vas-rutinen och cosmic-rutinen, och varför ändrade man?")
    b = ask("ja men konkret, vilka fält är annorlunda och ändrades villkoren för 500 kr?",
            a["conversation_id"])
    assert b["kind"] == "version" and "Fält i VAS" in b["answer"], b["answer"]


def test_a_fact_told_plainly_after_a_what_if_is_of_the_visit_as_told(ask):
    # walk-through, stop 47: "besöket var 10/3 -25 förresten, hur registrerades det då" after
    # "och om hon hade varit 84?" kept the what-if's 84 and charged an 87-year-old 200 kr
    a = ask("Patient 87 år på säbo, läkaren gjorde hembesök efter utskrivning från sjukhuset, "
            "vad betalar hon?")
    b = ask("och om hon hade varit 84?", a["conversation_id"])
    assert b["decision"]["patient_fee_sek"] == 200
    c = ask("besöket var 10/3 -25 förresten, hur registrerades det då", b["conversation_id"])
    assert c["decision"]["system"] == "VAS" and c["decision"]["patient_fee_sek"] == 0, c["answer"]
    assert c["answer"].startswith("Obs: svaret gäller besöket som du beskrev det")


def test_another_organizations_service_asked_for_us_is_said_not_to_be_ours(client):
    # walk-through, stop 47: "Hallandsjouren, gäller den för våra patienter på natten?" with the
    # municipality picked got the on-call service's sentence with no word that it is not theirs
    body = ask_in(client, VG, "Hallandsjouren, gäller den för våra patienter på natten?")
    assert "tar inte upp det; det som står nedan gäller Region Halland" in body["answer"], \
        body["answer"]
    follow = ask_in(client, VG, "gäller hallands regler för uppföljning av hemsjukvård även hos "
                                "oss?")
    assert "tar inte upp det" not in follow["answer"]


def test_a_visits_registration_asked_of_a_municipality_without_visit_rules_is_not_a_story_match(
        client):
    # own check, stop 48: with the municipality picked, "… efter att hon kommit hem från
    # sjukhuset … hur registrerar jag?" quoted its discharge from home care's "… kontaktuppgifter
    # dokumenteras i informationsbladet", and "hur dokumenterar jag det?" its criteria
    body = ask_in(client, VG, "jag var hos en 82-årig kvinna på säbo igår efter att hon kommit "
                              "hem från sjukhuset. hur registrerar jag?")
    assert body["kind"] == "no_answer", body["answer"]
    assert "beskriver inte registrering" in body["answer"], body["answer"]
    told = ask_in(client, VG, "gjorde hembesök hos 90-åring i ordinärt boende idag, hur "
                              "dokumenterar jag det?")
    assert told["kind"] == "no_answer", told["answer"]
    followed = ask_in(client, VG, "var dokumenteras uppföljningen?")
    assert "Vårdplanering i Treserva" in followed["answer"], followed["answer"]


def test_where_the_follow_up_is_documented_is_answered_beside_its_dates(client):
    # answer set C, tuning part: "pat skrevs in i hsv 15/9. när ska första uppföljningen
    # senast vara gjord och var i treserva dokumenterar jag den" counted the dates only
    body = ask_in(client, VG, "pat skrevs in i hsv 15/9. när ska första uppföljningen senast "
                              "vara gjord och var i treserva dokumenterar jag den")
    assert body["kind"] == "rule" and body["date_rule"]["rule"] == "followup", body
    assert "Vårdplanering i Treserva" in body["answer"], body["answer"]
    assert any("Treserva" in c["quote"] for c in body["citations"]), body["citations"]
    english = ask_in(client, VG, "pt enrolled 15/9, when is the first follow-up due and where "
                                 "do I document it?")
    assert "The first follow-up is due" in english["answer"], english["answer"]
    assert "Vårdplanering i Treserva" in english["answer"], english["answer"]


def test_another_patient_after_forget_it_starts_from_no_facts(client):
    # walk-through RE8921, stop 48: "ok glöm det. annan pat: inskrivningsbesök ordinärt boende
    # 12/3 2025, 80 år, hur reg det" after "kan jag ta det på telefon istället nästa gång" and
    # "video då?" kept the phone call: no registration and no 500 kr for the enrolment
    a = ask_halland(client, "riktat hembesök säbo efter utskrivn igår, 87-åring, hur reg")
    cid = a["conversation_id"]
    ask_halland(client, "kan jag ta det på telefon istället nästa gång", cid)
    ask_halland(client, "video då?", cid)
    d = ask_halland(client, "ok glöm det. annan pat: inskrivningsbesök ordinärt boende 12/3 2025, "
                            "80 år, hur reg det", cid)
    assert d["kind"] == "rule", d["answer"]
    assert d["decision"]["system"] == "VAS" and d["decision"]["compensation_sek"] == 500, \
        d["answer"]
    assert "Ändrat" not in d["answer"], d["answer"]


def test_a_plain_visit_said_against_a_call_corrects_the_way_not_the_occasion(client):
    # walk-through RE8921, stop 48: "va? det var ett vanligt hembesök hemma hos pat, inte
    # telefon" after a phone what-if was searched; "no it was a normal visit in person" dropped
    # the discharge told before and left the fee "not stated"
    a = ask_halland(client, "riktat hembesök säbo efter utskrivn igår, 87-åring, hur reg")
    cid = a["conversation_id"]
    ask_halland(client, "kan jag ta det på telefon istället nästa gång", cid)
    c = ask_halland(client, "va? det var ett vanligt hembesök hemma hos pat, inte telefon", cid)
    assert c["kind"] == "rule", c["answer"]
    assert c["decision"]["compensation_sek"] == 500, c["answer"]
    assert c["facts"]["setting"] == "sabo" and c["facts"]["occasion"] == "utskrivning", c["facts"]
    e = ask_halland(client, "hi, how do i register a targeted home visit in cosmic, 88 yo pt at "
                            "sabo after discharge from hospital")
    ask_halland(client, "could i have done it by phone instead", e["conversation_id"])
    f = ask_halland(client, "no it was a normal visit in person. actually shes 84 not 88, what "
                            "does she pay", e["conversation_id"])
    assert f["decision"]["patient_fee_sek"] == 200, f["answer"]
    assert f["decision"]["compensation_sek"] == 500, f["answer"]
    g = ask_halland(client, "riktat hembesök säbo efter utskrivn igår, 87-åring, hur reg")
    h = ask_halland(client, "det var inte telefon", g["conversation_id"])
    assert h["kind"] == "rule", h["answer"]


def test_the_occasion_chosen_by_its_place_in_the_question_is_read(client):
    # walk-through RE8921, stop 48: "hon kom hem från lasse förra veckan så typ det första" to
    # "Gjordes besöket i samband med utskrivning …, inskrivning …, ett brytpunktssamtal eller
    # något annat?" was refused
    a = ask_halland(client, "läkarbesök hemma hos 80-åring igår")
    assert a["question"] and "utskrivning" in a["question"], a
    b = ask_halland(client, "hon kom hem från lasse förra veckan så typ det första",
                    a["conversation_id"])
    assert b["kind"] == "rule" and b["facts"]["occasion"] == "utskrivning", b["answer"]
    c = ask_halland(client, "home visit for 80 yo pt yesterday")
    d = ask_halland(client, "the third one", c["conversation_id"])
    assert d["facts"]["occasion"] == "brytpunktssamtal", d["answer"]


def test_who_is_responsible_for_a_thing_the_routines_never_name_is_not_covered(client):
    # walk-through RE8923, stop 48: "vem ansvarar för pat:s läkemedel …", "hjälpmedel då?" and
    # "och vem ansvarar för läkemedlen?" with the municipality picked quoted its sentences on
    # the information sheet and the discharge
    body = ask_in(client, VG, "vem betalar hjälpmedel, regionen eller kommunen?")
    assert body["kind"] == "no_answer", body["answer"]
    a = ask_in(client, VG, "vem bestämmer om inskrivning i hemsjukvård?")
    assert "planeringsfunktion" in a["answer"]
    b = ask_in(client, VG, "och vem ansvarar för läkemedlen?", a["conversation_id"])
    assert b["kind"] == "no_answer", b["answer"]
    # (a compound of the routines' words is theirs: "hemsjukvårdspatienter")
    night = ask_halland(client, "vem har ansvaret för hemsjukvårdspatienter på natten i halland")
    assert "Hallandsjouren" in night["answer"], night["answer"]


def test_a_hospital_discharge_told_is_never_answered_with_the_discharge_from_home_care(client):
    # walk-through RE8923, stop 48: "pat ska skrivas ut från sjukhuset på fredag, … hur går det
    # till för att hon ska få hemsjukvård?" got "När beslut om utskrivning tas, skriver ansvarig
    # legitimerad person en Vårdbegäran …", the end of home care
    body = ask_in(client, VG, "pat ska skrivas ut från sjukhuset på fredag, bor i egen lägenhet och "
                              "behöver såromläggning varannan dag. hur går det till för att hon "
                              "ska få hemsjukvård?")
    assert body["kind"] == "search", body["answer"]
    assert all(c["section"] != "Utskrivning från hemsjukvård" for c in body["citations"]), \
        body["citations"]


def test_ending_home_care_is_its_discharge_not_the_fee_that_is_not_ended(client):
    # walk-through RE8923, stop 48: "hur avslutar jag hemsjukvården för en pat som blivit
    # bättre" and "avsluta hemsjukvård" got the fee levels' "HSV-avgiften avslutas ej …"
    for question in ("hur avslutar jag hemsjukvården för en pat som blivit bättre",
                     "avsluta hemsjukvård",
                     "men när hemsjukvården ska avslutas sen, vad gör jag då?"):
        body = ask_in(client, VG, question)
        assert body["citations"] and body["citations"][0]["section"] == \
            "Utskrivning från hemsjukvård", (question, body["answer"])
    fee = ask_in(client, VG, "ska hsv-avgiften avslutas när pat är hemma?")
    assert "HSV-avgiften avslutas ej" in fee["answer"], fee["answer"]



def test_what_the_decisions_venture_costs_is_its_amount(client):
    # walk-through RE8921, stop 48: "vad kostar hela satsningen" after the HSU decision was
    # refused and "how much money is the whole HSU package" got the patient fee; the decision's
    # third point, the passage after its first two, gives "… motsvarande 28,5 miljoner kronor"
    for question in ("vad kostar hela hsu-satsningen?", "how much money is the whole HSU package"):
        body = ask_halland(client, question)
        assert "28,5 miljoner kronor" in body["answer"], (question, body["answer"])


def test_an_age_said_in_the_present_beside_a_birthday_to_come_is_no_contradiction(client):
    # walk-through RE8922, stop 48: "läkarbesök på säbo efter utskrivning 10/3 2025, hon är 84 o
    # fyller 85 nästa vecka" was asked the age as a contradiction; she is 84 today and was 83 on
    # the visit's day, under 85 either way
    body = ask_halland(client, "läkarbesök på säbo efter utskrivning 10/3 2025, hon är 84 o "
                               "fyller 85 nästa vecka")
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["system"] == "VAS" and body["decision"]["patient_fee_sek"] == 200
    said_then = ask_halland(client, "läkarbesök på säbo efter utskrivning 10/3 2025, hon var 84 "
                                    "då o fyller 85 nästa vecka")
    assert said_then["kind"] == "clarify", said_then["answer"]


def test_a_change_asked_of_another_sections_subject_is_not_the_tables_row_again(client):
    # walk-through RE8922, stop 48: "hur mycket ökade läkarmedverkans besök 2021" after the
    # nurses' monthly averages got their −1,2; the report gives Läkarmedverkan's 45 procent
    a = ask_halland(client, "genomsnitt per månad för dsk 2020")
    b = ask_halland(client, "hur mycket ökade läkarmedverkans besök 2021", a["conversation_id"])
    assert "45 procent" in b["answer"], b["answer"]


def test_a_weekday_said_plainly_corrects_the_visits_day(client):
    # walk-through RE8921, stop 48: "wait no it was wednesday not yesterday" after a card was
    # refused; "det var onsdag" read no day either
    a = ask_halland(client, "palliative pt, i did the brytpunktssamtal at her flat yesterday, "
                            "shes 90, enrolled in home care. do we get the 500 sek")
    b = ask_halland(client, "wait no it was wednesday not yesterday", a["conversation_id"])
    assert b["kind"] == "rule", b["answer"]
    day = date.fromisoformat(b["decision"]["visit_date"])
    assert day.weekday() == 2 and day < today_in_stockholm(), b["decision"]["visit_date"]
    c = ask_halland(client, "det var onsdag", a["conversation_id"])
    assert date.fromisoformat(c["decision"]["visit_date"]).weekday() == 2, c["answer"]


def test_until_when_an_agreement_holds_is_its_validity_line(client):
    # walk-through RE8921, stop 48: "överenskommelsen om hemsjukvård gäller tom när" got "I
    # denna överenskommelse har kommunerna ansvar …", not its "Giltighet 2028-12-31"
    for question in ("överenskommelsen om hemsjukvård gäller tom när",
                     "överenskommelsen om hsv gäller till när?"):
        body = ask_halland(client, question)
        assert "Giltighet 2028-12-31" in body["answer"], (question, body["answer"])


def test_a_word_only_another_organization_uses_is_said_to_be_theirs_in_any_inflection(client):
    # walk-through RE8922, stop 48: "vad betyder planeringsfunktionen" with Region Halland
    # picked said nothing covers it and pointed to the report's buses; the municipality's
    # routine uses "planeringsfunktion"
    body = ask_halland(client, "vad betyder planeringsfunktionen")
    assert body["kind"] == "no_answer", body["answer"]
    assert "Kommun i Västra Götaland" in body["answer"], body["answer"]
    assert "Bussar" not in body["answer"], body["answer"]


def test_the_first_follow_up_asked_in_english_of_an_organization_without_it_is_no_quote(client):
    # walk-through RE8921, stop 48: "whens the first uppföljning after a pt is enrolled in
    # hemsjukvård" and "when is the first follow-up after a patient is enrolled in home care?"
    # with Region Halland picked quoted its indicators' working hypothesis; the Swedish
    # question is told that the municipality's routine has the rule
    for question in ("whens the first uppföljning after a pt is enrolled in hemsjukvård",
                     "when is the first follow-up after a patient is enrolled in home care?"):
        body = ask_halland(client, question)
        assert body["kind"] == "no_answer", (question, body["answer"])


def test_what_the_municipalitys_home_care_costs_in_a_story_with_an_age_is_its_fee_levels(client):
    # walk-through RE8923, stop 48: a nurse's story naming no physician, "Har en dam, 91 år,
    # … Hur gör vi och vad kostar det för henne?", with the municipality picked was told that
    # its routines describe no physician's visit
    body = ask_in(client, VG, "Hej! Har en dam, 91 år, bor i eget hus med maken. Hon har KOL och "
                              "hjärtsvikt och går knappt ut längre, dottern har kört henne till vc "
                              "men det funkar inte längre. DSK på vc vill att vi tar över "
                              "provtagning varannan vecka och omläggning av ett bensår. Hur gör "
                              "vi och vad kostar det för henne?")
    assert "två avgiftsnivåer" in body["answer"], body["answer"]
    assert "läkares hembesök" not in body["answer"], body["answer"]
    physician = ask_in(client, VG, "läkarbesök hemma hos 88-åring igår, vad betalar pat?")
    assert "läkares hembesök" in physician["answer"], physician["answer"]


def test_when_a_decision_just_quoted_takes_effect_is_its_own_date_not_a_routines_start(client):
    # walk-through RE8922, stop 48: "när träder det i kraft" after "Vad innebär HSU-beslutet
    # 2026-03-03?" got the Cosmic routine's start, 2025-03-31
    a = ask_halland(client, "Vad innebär HSU-beslutet 2026-03-03?")
    b = ask_halland(client, "när träder det i kraft", a["conversation_id"])
    assert b["kind"] == "version" and "beslut daterat 2026-03-03" in b["answer"], b["answer"]
    assert "2025-03-31" not in b["answer"], b["answer"]


def test_the_sabo_assignments_amount_in_kronor_is_not_the_whole_ventures(client):
    # walk-through RE8922, stop 48: "hur mycket i kronor får vc för säbo-uppdraget?" got the
    # decision's "… motsvarande 28,5 miljoner kronor", the financing of the whole venture
    body = ask_halland(client, "hur mycket i kronor får vc för säbo-uppdraget?")
    assert "28,5" not in body["answer"], body["answer"]
    raised = ask_halland(client, "hur mycket höjs ersättningen till vc för säbo-uppdraget?")
    assert "50 procent" in raised["answer"], raised["answer"]


def test_our_own_asked_after_another_organizations_answer_is_the_organization_picked(client):
    # walk-through RE8926, stop 48: with the municipality picked, "och hos oss?" after
    # "vem har jouren på natten i halland" told its nurse that Hallandsjouren covers her
    # patients, and "gäller det hos oss med?" after Halland's fee got its Cosmic registration
    a = ask_in(client, VG, "vem har jouren på natten i halland")
    assert "Hallandsjouren" in a["answer"]
    b = ask_in(client, VG, "och hos oss?", a["conversation_id"])
    assert "Hallandsjouren" not in b["answer"], b["answer"]
    assert all(c["document_id"] != "rh-mobil-hemsjukvard-rapport" for c in b["citations"])
    c = ask_in(client, VG, "vad kostar ett läkarbesök i hemmet i halland")
    d = ask_in(client, VG, "gäller det hos oss med?", c["conversation_id"])
    assert "Cosmic" not in d["answer"] and "Kontakttyp" not in d["answer"], d["answer"]


def test_yes_to_the_offer_to_check_a_visit_asks_for_the_visit_and_keeps_its_organization(client):
    # walk-through RE8926, stop 48: "ja" to "Vill du veta vad som gäller för ett visst besök?"
    # after Halland's fee, with the municipality picked, was refused, and so were the visit told
    # next ("typ igår, hon e 85 å bor på säbo, dr kom efter utskrivning från sjukhuset") and its
    # corrections
    a = ask_in(client, VG, "vad betalar pat för läkarbesök i hemmet i halland")
    b = ask_in(client, VG, "ja", a["conversation_id"])
    assert b["kind"] == "clarify" and b["answer"].startswith("Beskriv besöket"), b["answer"]
    c = ask_in(client, VG, "typ igår, hon e 85 å bor på säbo, dr kom efter utskrivning från "
                           "sjukhuset", a["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["compensation_sek"] == 500, c["answer"]
    d = ask_in(client, VG, "och om besöket var 2/2 2025?", a["conversation_id"])
    assert d["kind"] == "rule" and d["decision"]["system"] == "VAS", d["answer"]
    h = ask_halland(client, "vad betalar pat för läkarbesök i hemmet")
    assert ask_halland(client, "ja", h["conversation_id"])["kind"] == "clarify"


def test_follow_ups_pointing_back_at_laekarmedverkan_stay_with_it(client):
    # walk-through RE8925, stop 48: after "vad är läkarmedverkan för nåt", "hur länge kan dom
    # hjälpa till efter utskrivning", "pat skrevs ut 28/11, hur länge då", "kan det förlängas"
    # and "vem sätter igång det" each quoted the report's digital care ("hjälpmedel")
    a = ask_halland(client, "vad är läkarmedverkan för nåt")
    b = ask_halland(client, "hur länge kan dom hjälpa till efter utskrivning", a["conversation_id"])
    assert "14 dagar" in b["answer"], b["answer"]
    c = ask_halland(client, "pat skrevs ut 28/11, hur länge då", a["conversation_id"])
    assert c["kind"] == "rule" and c["date_rule"]["rule"] == "lakarmedverkan", c["answer"]
    d = ask_halland(client, "vem sätter igång det", a["conversation_id"])
    assert "identifierar och initierar" in d["answer"], d["answer"]
    assert all("digifysisk" not in x["answer"].lower() for x in (b, c, d))


def test_what_a_named_function_does_is_answered_from_the_passages_naming_it(client):
    # walk-through RE8925, stop 48: "vad gör planeringsfunktionen" with the municipality picked
    # was refused while "vad betyder planeringsfunktionen" was answered
    body = ask_in(client, VG, "vad gör planeringsfunktionen")
    assert body["kind"] == "search" and "planeringsfunktion" in body["answer"], body["answer"]


def test_a_word_explained_by_so_called_is_not_said_to_be_unexplained(client):
    # walk-through RE8925, stop 48: "vad menas med enstaka hembesök" quoted "… via så kallade
    # enstaka hembesök" under "Rutinerna förklarar inte vad ”enstaka hembesök” betyder"
    body = ask_halland(client, "vad menas med enstaka hembesök")
    assert "så kallade enstaka hembesök" in body["answer"], body["answer"]
    assert "förklarar inte" not in body["answer"], body["answer"]


def test_dates_after_one_written_month_first_are_read_month_first(client):
    # walk-through RE8924, stop 48: "actually discharge was 12/1" after "discharged … 11/28" was
    # read as 12 January, eleven months back, with a warning that the rule might not hold then
    a = ask_halland(client, "hi, pt was discharged from hospital 11/28, flagged high risk of "
                            "readmision. how long can Lakarmedverkan support him")
    assert a["date_rule"]["discharge_date"].endswith("-11-28"), a["answer"]
    b = ask_halland(client, "actually discharge was 12/1", a["conversation_id"])
    assert b["date_rule"]["discharge_date"][5:] == "12-01", b["answer"]
    alone = ask_halland(client, "pt discharged 12/1, how long can lakarmedverkan support him")
    assert alone["date_rule"]["discharge_date"][5:] == "01-12", alone["answer"]


def test_an_age_corrected_number_first_is_read(client):
    # walk-through RE8924, stop 48: "nej 90 var det" after a card for an 80-year-old was refused
    a = ask_halland(client, "läkarbesök på säbo efter utskrivning igår, hon är 80")
    b = ask_halland(client, "nej 90 var det", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0, b["answer"]


def test_a_place_where_a_relative_lives_or_the_patient_comes_from_is_not_the_scope(client):
    # walk-through RE8926, stop 48: "… dottern hjälper till men bor i Borås …" in a municipality
    # nurse's story got "Kunskapsbasen innehåller inga rutiner från Borås"; "pat flyttar från
    # kungsbacka till oss" was answered from Region Halland's routines
    body = ask_in(client, VG, "Har en dam, 92 år, dottern hjälper till men bor i Borås. Vem "
                              "bestämmer om hon får hemsjukvård?")
    assert "planeringsfunktion" in body["answer"], body["answer"]
    moved = ask_in(client, VG, "pat flyttar från kungsbacka till oss, följer hemsjukvården med?")
    assert "Region Halland" not in moved["answer"], moved["answer"]
    asked_there = ask_in(client, VG, "vem bestämmer om hemsjukvård i borås?")
    assert "Borås" in asked_there["answer"] and asked_there["kind"] == "no_answer"


def test_whom_a_routine_covers_is_no_question_of_its_validity(client):
    # walk-through RE8926, stop 48: "gäller rutinen för barn också" got "I dag gäller … den
    # anger ingen giltighetstid"
    body = ask_in(client, VG, "gäller rutinen för barn också")
    assert body["kind"] != "version" and not body["answer"].startswith("I dag"), body["answer"]
    still = ask_in(client, VG, "gäller rutinen fortfarande?")
    assert still["kind"] == "version", still["answer"]


def test_a_no_opening_a_correction_is_no_answer_to_the_occasion(client):
    # walk-through RE8924, stop 48: "nä sorry hon fyllde idag" to the occasion's question was
    # read as "none of them", which took away the fee and the 500 kr
    a = ask_halland(client, "vad betalar en 85-åring för hembesök")
    b = ask_halland(client, "fyller 85 imorrn, besöket var idag", a["conversation_id"])
    assert b["question"] and "utskrivning" in b["question"], b["answer"]
    c = ask_halland(client, "nä sorry hon fyllde idag", a["conversation_id"])
    assert c["facts"].get("occasion") != "annat", c["facts"]


def test_a_birthday_month_with_a_short_year_is_of_that_year(client):
    # walk-through RE8927, stop 48: "pat fyllde 85 i januari -25" was January 2026: born 1941,
    # 84 on a visit of 10/2 2025, 200 kr instead of free
    body = ask_halland(client, "inskrivningssamtal ny pat ordinärt boende khsv 10/2-25, pat fyllde "
                               "85 i januari -25, vad betalar hon")
    assert body["kind"] == "rule" and body["decision"]["system"] == "VAS", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]


def test_an_enrolled_patients_hospital_discharge_is_not_the_discharge_from_home_care(client):
    # walk-through RE8929, stop 48: "… Lades in på Kungälvs sjukhus … och ska skrivas ut i
    # morgon. Vad behöver jag som hemsjukvårdens ssk göra inför hemgången …?" and then "nej han
    # ska INTE skrivas ut från hemsjukvården, han ska hem från sjukhuset …" both got "När beslut
    # om utskrivning tas, skriver ansvarig legitimerad person en Vårdbegäran …"
    a = ask_in(client, VG, "Lång historia: Pat, man 92 år, bor med frun i villa. Inskriven i "
                           "hemsjukvården sedan 15/9. Lades in på Kungälvs sjukhus förra veckan pga "
                           "lunginflammation och ska skrivas ut i morgon. Vad behöver jag som "
                           "hemsjukvårdens ssk göra inför hemgången?")
    b = ask_in(client, VG, "nej han ska INTE skrivas ut från hemsjukvården, han ska hem från "
                           "sjukhuset och fortsätta hos oss", a["conversation_id"])
    for body in (a, b):
        assert all(c["section"] != "Utskrivning från hemsjukvård" for c in body["citations"]), \
            body["answer"]
    own = ask_in(client, VG, "hur skriver jag ut en pat från hemsjukvården?")
    assert own["citations"][0]["section"] == "Utskrivning från hemsjukvård", own["answer"]


def test_a_day_without_its_year_beside_its_month_and_year_is_of_that_year(client):
    # walk-through RE8927, stop 48: "om besöket var i dec 2022, 20/12" after a card was read as
    # 2026-12-20, two weeks ahead, and got the Cosmic card and the 500 kr
    a = ask_halland(client, "brytpunktssamtal hemma hos 88-åring med khsv igår, hur reg")
    b = ask_halland(client, "om besöket var i dec 2022, 20/12", a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["visit_date"] == "2022-12-20", b["answer"]
    assert b["decision"]["compensation_sek"] == 0, b["answer"]


def test_a_follow_up_of_a_decisions_cost_answered_beside_the_router_stays_with_the_decision(client):
    # walk-through RE8921, stop 48: "när träder det i kraft" after "vad kostar hela
    # hsu-satsningen?" (answered with the decision's 28,5 miljoner kronor) was refused
    a = ask_halland(client, "vad kostar hela hsu-satsningen?")
    assert "28,5 miljoner kronor" in a["answer"], a["answer"]
    b = ask_halland(client, "när träder det i kraft", a["conversation_id"])
    assert b["kind"] != "no_answer", b["answer"]
    assert b["citations"] and b["citations"][0]["document_id"] == a["citations"][0]["document_id"], \
        b["answer"]


def test_the_fee_asked_of_anyones_age_after_the_fee_is_the_fee_rule(client):
    # walk-through RE8933, stop 49: "avgift" then "gratis om man är 90?" with Region Halland
    # picked was refused, and "måste man betala om man är 80" too
    a = ask_halland(client, "avgift")
    b = ask_halland(client, "gratis om man är 90?", a["conversation_id"])
    assert b["kind"] == "search" and "85 år eller äldre" in b["answer"], b["answer"]
    c = ask_halland(client, "måste man betala om man är 80")
    assert c["kind"] == "search" and "200 kr" in c["answer"], c["answer"]


def test_what_a_patient_of_an_age_pays_asked_verb_first_is_asked_not_only_noted(client):
    # walk-through RE8933, stop 49: "betalar en 90-åring nåt för hembesök av läkare" was only
    # noted, and asked what one wanted to know
    body = ask_halland(client, "betalar en 90-åring nåt för hembesök av läkare")
    assert body["kind"] != "clarify", body["answer"]
    assert "85 år och äldre" in body["answer"] or body["decision"]["patient_fee_sek"] == 0, \
        body["answer"]


@pytest.mark.parametrize("reply", ["vad hen betalar", "vad betalar hon"])
def test_the_fee_chosen_after_facts_noted_is_that_patients_fee(client, reply):
    # walk-through RE8933, stop 49: "vad hen betalar" after "Jag har noterat uppgifterna om
    # besöket: ålder 90. Vad vill du veta …?" was sent to the municipality's fee levels
    a = ask_halland(client, "Patienten är 90 år.")
    assert a["kind"] == "clarify", a["answer"]
    b = ask_halland(client, reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == 0, b["answer"]


def test_forgetting_the_last_amendment_with_more_told_takes_that_amendment_back(client):
    # walk-through RE8931, stop 49: "glöm det, han skrevs aldrig in. och besöket var faktiskt
    # 20/3-25" after "men vi skrev in honom i khsv vid samma besök" applied only the day and kept
    # the enrolment: VAS registration and 500 kr for a discharge visit of a man without home care
    a = ask_halland(client, "hembesök i onsdags efter utskrivning, gubbe 81 bor i villa, har "
                            "INTE khsv. 500 kr?")
    assert a["decision"]["compensation_sek"] == 0, a["answer"]
    b = ask_halland(client, "men vi skrev in honom i khsv vid samma besök", a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 500, b["answer"]
    c = ask_halland(client, "glöm det, han skrevs aldrig in. och besöket var faktiskt 20/3-25",
                    a["conversation_id"])
    assert c["decision"]["visit_date"] == "2025-03-20", c["answer"]
    assert c["decision"]["compensation_sek"] == 0, c["answer"]
    assert "ja → nej" in c["answer"], c["answer"]


def test_a_birthday_gone_on_a_weekday_named_is_the_weekday_before(client):
    # walk-through RE8931, stop 49: "wait, she turned 85 on thursday, so the day before" after
    # a visit last Friday set the birthday on the coming Thursday: 84 and 200 kr
    friday = today_in_stockholm() - timedelta(days=(today_in_stockholm().weekday() - 4) % 7 or 7)
    a = ask_halland(client, f"breakpoint talk at a sabo on {friday:%d/%m %Y}, pt 84. "
                            "registration + fee pls")
    assert a["decision"]["patient_fee_sek"] == 200, a["answer"]
    b = ask_halland(client, "wait, she turned 85 on thursday, so the day before",
                    a["conversation_id"])
    thursday = today_in_stockholm() - timedelta(days=(today_in_stockholm().weekday() - 3) % 7 or 7)
    # (85 on the visit's day when that Thursday came before it; on a Friday the Thursday gone
    # is yesterday, after the visit)
    assert b["decision"]["patient_fee_sek"] == (0 if thursday <= friday else 200), b["answer"]


def test_a_visit_this_weekday_is_that_weekday_to_come(client):
    # walk-through RE8931, stop 49: "visit would be this thursday" was taken as today
    body = ask_halland(client, "hes 85, has municipal home care since last year. visit would be "
                               "this thursday, enrolment")
    day = date.fromisoformat(body["decision"]["visit_date"])
    assert day.weekday() == 3 and day > today_in_stockholm(), body["answer"]


@pytest.mark.parametrize("reply, fee", [("nä vänta hon fyllde igår, jag blandade ihop", 0),
                                        ("nä sorry hon fyllde idag", 0)])
def test_a_birthday_told_again_without_its_age_is_that_age_on_the_day_said(client, reply, fee):
    # walk-through RE8931, stop 49: "nä vänta hon fyllde igår, jag blandade ihop" after "fyller
    # 85 imorgon" was refused, the card's 200 kr left on screen
    a = ask_halland(client, "tant på säbo fyller 85 imorgon, gjorde brytpunktssamtal där idag. "
                            "vad betalar hon")
    assert a["decision"]["patient_fee_sek"] == 200, a["answer"]
    b = ask_halland(client, reply, a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["patient_fee_sek"] == fee, b["answer"]


def test_having_phoned_instead_after_a_card_is_a_remote_what_if(client):
    # walk-through RE8931, stop 49: "och om jag bara hade ringt henne istället den dagen" after
    # a VAS card was refused
    a = ask_halland(client, "inskrivningssamtal hemma hos pat 79 år 30/3-25 vad blir reggningen, "
                            "ordinärt boende")
    assert a["decision"]["compensation_sek"] == 500, a["answer"]
    b = ask_halland(client, "och om jag bara hade ringt henne istället den dagen",
                    a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["compensation_sek"] == 0, b["answer"]
    assert b["decision"]["visit_date"] == "2025-03-30", b["answer"]


def test_another_day_asked_whether_it_changes_the_card_is_that_visit_on_that_day(client):
    # walk-through RE8931, stop 49: "hmm could've been april 2nd actually, does that change
    # things" after a VAS card of 27 March 2025 was refused
    a = ask_halland(client, "enrolment visit for a new home care pt, 86, in her own flat, on 27 "
                            "march 2025. which system and what codes")
    assert a["decision"]["system"] == "VAS", a["answer"]
    b = ask_halland(client, "hmm could've been april 2nd actually, does that change things",
                    a["conversation_id"])
    assert b["kind"] == "rule" and b["decision"]["system"] == "Cosmic", b["answer"]
    assert b["decision"]["visit_date"] == "2025-04-02", b["answer"]


@pytest.mark.parametrize("message", ["enrolment visit for a new home care pt, 86, in her own "
                                     "flat, back in march 2025 (27th I think). which system",
                                     "inskrivningssamtal 86-åring ordinärt boende i mars 2025, "
                                     "den 27:e"])
def test_a_day_as_an_ordinal_beside_its_month_and_year_is_that_day(client, message):
    # walk-through RE8931, stop 49: "(27th I think)" beside "back in march 2025" was not read,
    # and the day asked for; "i mars 2025, den 27:e" was 2026-11-27
    body = ask_halland(client, message)
    assert body["kind"] == "rule" and body["decision"]["visit_date"] == "2025-03-27", body["answer"]
    assert body["decision"]["system"] == "VAS", body["answer"]


def test_a_remote_talk_for_an_occasion_asked_what_about_is_the_remote_rule(client):
    # walk-through RE8931, stop 49: "ok what about a phone call for a breakpoint talk with
    # family, same pt" after whether a video call counts was refused
    a = ask_halland(client, "did a video call today w a home care pt (78) to go over her meds, "
                            "can i log it as hemsjukvårdsbesök")
    b = ask_halland(client, "ok what about a phone call for a breakpoint talk with family, "
                            "same pt", a["conversation_id"])
    assert b["kind"] != "no_answer", b["answer"]
    assert "aldrig ske på distans" in b["answer"], b["answer"]


def test_an_occasions_compensation_asked_of_a_month_before_the_first_routine_is_no(ask):
    # walk-through RE8933, stop 49: "gav ett inskrivningssamtal i december 2022 de 500 kr?"
    # got today's Cosmic rule, a yes; the compensation was introduced 2023-01-01
    body = ask("gav ett inskrivningssamtal i december 2022 de 500 kr?")
    assert body["kind"] == "rule" and body["decision"]["compensation_sek"] == 0, body["answer"]
    assert "2023-01-01" in body["answer"], body["answer"]


def test_the_patient_having_lakarmedverkan_now_is_no_visit_within_it(client):
    # walk-through RE8931, stop 49: "men han har ju läkarmedverkan just nu, ändrar det nåt?"
    # after a VC physician's discharge visit was read as a visit within Läkarmedverkan: no
    # 500 kr, no fee
    a = ask_halland(client, "utskrivning från slutenvård, han är 78, bor hemma o har khsv sen "
                            "innan. besöket blir på onsdag")
    b = ask_halland(client, "men han har ju läkarmedverkan just nu, ändrar det nåt?",
                    a["conversation_id"])
    assert b["understood"]["facts"].get("lakarmedverkan") is not True, b["understood"]
    assert b["decision"]["compensation_sek"] != 0, b["answer"]
    assert b["decision"]["patient_fee_sek"] == 200, b["answer"]


def test_a_visit_told_with_another_day_and_age_is_another_patients(client):
    # walk-through RE8931, stop 49: "telefonuppföljning m 88-åring på säbo igår, hur reggas det"
    # after a phone brytpunktssamtal of 25/3-25 with a patient of 80 was merged into it: the
    # breakpoint talk kept
    a = ask_halland(client, "brytpunktssamtal per telefon 25/3-25 med pat 80 år i ordinärt boende "
                            "med khsv, ger det 500")
    b = ask_halland(client, "telefonuppföljning m 88-åring på säbo igår, hur reggas det",
                    a["conversation_id"])
    assert b["facts"].get("occasion") != "brytpunktssamtal", b["facts"]
    c = ask_halland(client, "brytpunktssamtal 25/3-25 med pat 80 år i ordinärt boende med khsv")
    d = ask_halland(client, "nej vänta, det var 12/3-25 och hon var 88", c["conversation_id"])
    assert d["facts"].get("occasion") == "brytpunktssamtal", d["facts"]


def test_a_visit_during_a_leave_from_hospital_is_no_discharge_visit(client):
    # walk-through RE8931, stop 49: "pt is home on leave from the hospital (permission) …, i did
    # a home visit today. does that count as the discharge visit?" got the discharge's Cosmic
    # registration to copy
    body = ask_halland(client, "pt is home on leave from the hospital (permission) over the "
                               "weekend, i did a home visit today. does that count as the "
                               "discharge visit?")
    assert body["understood"]["facts"].get("occasion") != "utskrivning", body["understood"]
    assert body["decision"]["compensation_sek"] == 0, body["answer"]


@pytest.mark.parametrize("first, reply, expected", [
    ("hur många hembesök gjorde läkarna 2021", "ok då", "2715"),
    ("hur registrerar jag ett hembesök i cosmic?", "ok visa hallands då", "Hemsjukvårdsbesök")])
def test_picking_the_organization_pointed_to_and_saying_ok_asks_the_question_there(
        client, first, reply, expected):
    # walk-throughs RE8932 and RE8933, stop 49: told "… Välj Region Halland eller alla
    # organisationer …", the person picked Region Halland and wrote "ok då": refused
    a = ask_in(client, VG, first)
    assert a["kind"] == "no_answer" and "Region Halland" in a["answer"], a["answer"]
    b = ask_halland(client, reply, a["conversation_id"])
    assert b["kind"] != "no_answer" and expected in b["answer"], b["answer"]
    # (or all organizations picked: "ok, visa vad halland beslutat då", RE8936)
    c = ask_in(client, VG, first)
    d = client.post("/api/v1/chat", json={"message": reply,
                                          "conversation_id": c["conversation_id"]}).json()
    assert d["kind"] != "no_answer" and expected in d["answer"], d["answer"]


def test_a_day_of_the_month_as_an_ordinal_corrects_the_discharge_of_lakarmedverkans_days(ask):
    # walk-through RE8936, stop 49: "nej förlåt, den 26e" after Läkarmedverkan's days counted
    # from 28/11 was refused
    a = ask("hur länge kan läkarmedverkan ha kvar en pat efter utskrivning")
    discharge = today_in_stockholm() - timedelta(days=8)
    b = ask(f"{discharge.day}/{discharge.month}", a["conversation_id"])
    assert b["kind"] == "rule", b["answer"]
    earlier = discharge - timedelta(days=2)
    c = ask(f"nej förlåt, den {earlier.day}e", a["conversation_id"])
    assert c["kind"] == "rule", c["answer"]
    assert (earlier + timedelta(days=14)).isoformat() in c["answer"], c["answer"]


def test_the_answer_to_the_question_a_what_if_asked_is_the_what_ifs(client):
    # walk-through RE8936, stop 49: "84 då" to "Hur gammal är patienten?" after "och om
    # besöket varit 1 mars 2025 istället" was applied to today's visit as told: Cosmic, 200 kr
    a = ask_halland(client, "vår läkare var hem till en 84-åring idag som skrevs ut från "
                            "sjukhuset igår, hon har khsv i eget boende. hur ska det registreras "
                            "och får vi ersättning")
    b = ask_halland(client, "nej förlåt hon är 86", a["conversation_id"])
    c = ask_halland(client, "och om besöket varit 1 mars 2025 istället", a["conversation_id"])
    assert c["decision"]["system"] == "VAS" and c["question"] == "Hur gammal är patienten?", \
        c["answer"]
    d = ask_halland(client, "84 då", a["conversation_id"])
    assert d["decision"]["system"] == "VAS" and d["decision"]["visit_date"] == "2025-03-01", \
        d["answer"]
    assert d["decision"]["patient_fee_sek"] == 200, d["answer"]
    assert b["decision"]["patient_fee_sek"] == 0, b["answer"]


@pytest.mark.parametrize("follow_up", ["vem ska ssk ringa om han blir sämre i natt",
                                       "who should the nurse call if he gets worse tonight"])
def test_whom_a_nurse_calls_asked_after_a_card_makes_no_nurses_visit(client, follow_up):
    # walk-through RE8934, stop 49: "vem ska ssk ringa om han blir sämre i natt" after a card
    # made the visit a nurse's: the 500 kr turned to no
    a = ask_halland(client, "inskrivningssamtal idag hemma hos 78-åring med khsv, hur reggar jag")
    assert a["decision"]["compensation_sek"] == 500, a["answer"]
    b = ask_halland(client, follow_up, a["conversation_id"])
    assert (b.get("understood") or {}).get("facts", {}).get("performed_by") != "sjukskoterska", \
        b["understood"]
    assert b["kind"] != "rule" or b["decision"]["compensation_sek"] == 500, b["answer"]
    own = ask_halland(client, "ssk gjorde hembesöket igår hos 80-åring med khsv, inskrivning. "
                              "ger det 500")
    assert own["decision"]["compensation_sek"] == 0, own["answer"]


def test_a_visits_day_corrected_after_a_question_between_corrects_the_visit(client):
    # walk-through RE8934, stop 49: "wait, I misread the note, it was April 14 not March" after
    # "what does H3 mean" between was refused, the VAS card left for a visit under Cosmic
    a = ask_halland(client, "I'm auditing some old notes. breakpoint talk at a Sabo on March 14 "
                            "2025, patient 88. the clinic says it should be registered in VAS. "
                            "which fields?")
    assert a["decision"]["system"] == "VAS", a["answer"]
    ask_halland(client, "what does H3 mean", a["conversation_id"])
    c = ask_halland(client, "wait, I misread the note, it was April 14 not March",
                    a["conversation_id"])
    assert c["kind"] == "rule" and c["decision"]["system"] == "Cosmic", c["answer"]
    assert c["decision"]["visit_date"] == "2025-04-14", c["answer"]


def test_whether_an_answer_holds_in_ones_own_organization_is_a_question_not_a_notice(client):
    # walk-through RE8935, stop 49: "gäller det här i vår kommun i västra götaland också?" after
    # Region Halland's 200 kr got "Uppfattat: du arbetar i …  Vad vill du veta?"
    a = client.post("/api/v1/chat", json={
        "message": "vad kostar det för patienten när doktorn kommer hem till dom"}).json()
    b = client.post("/api/v1/chat", json={
        "message": "gäller det här i vår kommun i västra götaland också?",
        "conversation_id": a["conversation_id"]}).json()
    assert not b["answer"].startswith("Uppfattat"), b["answer"]
    assert "200 kr" not in b["answer"], b["answer"]
    c = client.post("/api/v1/chat", json={"message": "vi är ju i VG förresten"}).json()
    assert c["answer"].startswith("Uppfattat"), c["answer"]


def test_the_same_visit_asked_of_a_month_asks_its_day_and_takes_short_replies(client):
    # walk-through RE8941, stop 50: "och om samma sak hänt i mars förra året" after a card got
    # which routine held on 1 March 2025; "den 31:a" and "och dagen innan?" were then refused
    first = ask_halland(client, "88-åring utskriven från sjukhuset i torsdags, bor hemma, inte "
                                "inskriven i hemsjukvården. var hem till honom igår. 500 kr?")
    cid = first["conversation_id"]
    ask_halland(client, "men vi gjorde inskrivningen i khsv vid samma besök", cid)
    # (the month of last year is the visit's, whichever year that is)
    last_year = ask_halland(client, "och om samma sak hänt i mars förra året", cid)
    assert last_year["kind"] in ("clarify", "rule"), last_year["answer"]
    # (March 2025 holds both routines, so the day is asked; "förra året" was 2025 then)
    month = ask_halland(client, "och om samma sak hänt i mars 2025", cid)
    assert month["kind"] == "clarify" and month["question"], month["answer"]
    day = ask_halland(client, "den 31:a", cid)
    assert day["decision"]["visit_date"] == "2025-03-31", day["answer"]
    assert day["decision"]["system"] == "Cosmic", day["answer"]
    before = ask_halland(client, "och dagen innan?", cid)
    assert before["decision"]["visit_date"] == "2025-03-30", before["answer"]
    assert before["decision"]["system"] == "VAS", before["answer"]


def test_the_last_question_asked_again_of_a_municipality_named_in_its_definite_form(client):
    # walk-through RE8941, stop 50: "och i vg-kommunen?" after "vem beslutar om inskrivning i
    # hemsjukvården, är det vi eller kommunen" (Region Halland picked, refused and pointed to
    # the municipality) got the municipality's purpose, not who decides
    first = ask_halland(client, "vem beslutar om inskrivning i hemsjukvården, är det vi eller "
                                "kommunen")
    body = ask_halland(client, "och i vg-kommunen?", first["conversation_id"])
    assert "tas av hemsjukvårdens planeringsfunktion" in body["answer"], body["answer"]


def test_another_age_after_a_question_naming_one_asks_that_question_of_it(client):
    # walk-through RE8941, stop 50: "and 84?" after "how much does the patient pay for a doctor
    # home visit if they are 85" got the Vårdtjänst lines; "och om hen är 84?" after the
    # Swedish question was refused
    def ask(message, cid=None):  # (no organization picked)
        return ask_in(client, None, message, cid)
    first = ask("how much does the patient pay for a doctor home visit if they are 85")
    body = ask("and 84?", first["conversation_id"])
    assert "pays SEK 200" in body["answer"], body["answer"]
    first = ask("vad betalar patienten för ett läkarbesök i hemmet om hen är 85")
    body = ask("och om hen är 84?", first["conversation_id"])
    assert "betalar 200 kr" in body["answer"], body["answer"]
    body = ask("och 90?", first["conversation_id"])
    assert "85 år eller äldre" in body["answer"] and "200 kr" not in body["answer"], \
        body["answer"]


def test_an_age_told_after_a_fee_question_refused_for_the_organization_stays_refused(client):
    # walk-through RE8942, stop 50: "hon är 87" after "ok men vad betalar patienten för
    # läkarbesöket hemma hos oss" (the municipality picked, whose routines give no physician
    # visit's fee) got its criteria's "… oavsett ålder eller diagnos …" as the answer
    first = ask_in(client, VG, "ok men vad betalar patienten för läkarbesöket hemma hos oss")
    assert first["kind"] == "no_answer", first["answer"]
    body = ask_in(client, VG, "hon är 87", first["conversation_id"])
    assert body["kind"] == "no_answer", body["answer"]
    assert "oavsett ålder" not in body["answer"], body["answer"]


def test_the_day_a_visit_was_entered_later_does_not_move_the_visit(client):
    # walk-through RE8941, stop 50: "fick inte in det förrän i cosmic 1/4, ska jag då reg enligt
    # cosmic-rutinen eller vas" after an enrolment visit of 30/3 2025 moved the visit to 1/4
    # and gave the Cosmic card; the visit's day decides the routine (VAS then)
    first = ask_halland(client, "inskrivningssamtal 30/3 -25, ny pat ordinärt boende, 90 år")
    body = ask_halland(client, "fick inte in det förrän i cosmic 1/4, ska jag då reg enligt "
                               "cosmic-rutinen eller vas", first["conversation_id"])
    assert "2025-04-01" not in body["answer"], body["answer"]
    assert "Den 2025-03-30 gällde" in body["answer"] and "i VAS" in body["answer"], \
        body["answer"]


def test_a_sentence_telling_the_organization_picked_was_switched_to_is_no_part_of_the_question(
        client):
    # walk-through RE8942, stop 50: "ok jag bytte till halland. vad är läkarmedverkan då" with
    # Region Halland picked got the HSU decision's bullet naming "vårdcentralerna i Halland",
    # "vad är läkarmedverkan då" the report's section on Läkarmedverkan
    body = ask_halland(client, "ok jag bytte till halland. vad är läkarmedverkan då")
    assert body["citations"][0]["section"] == "Läkarmedverkan", body["answer"]


def test_a_month_corrected_while_a_yes_or_no_is_asked_is_no_answer_to_it(client):
    # walk-through RE8946, stop 50: "nej förlåt, besöket var i april 2025" while "Är patienten
    # inskriven i kommunal hemsjukvård?" was asked was read as not enrolled (no 500 kr for a
    # breakpoint talk); read as the visit's month, the question stays open
    def ask(message, cid=None):  # (no organization picked)
        return ask_in(client, None, message, cid)
    first = ask("hur skulle ett brytpunktssamtal hemma hos en 80-åring registreras 15 februari "
                "2025")
    assert first["question"], first["answer"]
    body = ask("nej förlåt, besöket var i april 2025", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["visit_date"].startswith("2025-04"), body["decision"]
    assert body["decision"]["system"] == "Cosmic" and body["decision"]["compensation_sek"] is None
    assert body["understood"]["facts"].get("municipal_home_care") is None, body["understood"]
    yes = ask("ja", first["conversation_id"])
    assert yes["decision"]["compensation_sek"] == 500, yes["answer"]


def test_switching_the_organization_picked_asks_the_last_question_of_the_one_now_picked(client):
    # walk-through RE8948, stop 51: a visit's fee refused with the municipality picked, then
    # "jag bytte till alla organisationer, vad blir det då" with all organizations picked was
    # refused; it asks that visit's question again
    first = ask_in(client, VG, "läkaren var här igår på inskrivningssamtal, pat är 87, vad ska "
                               "hon betala")
    assert first["kind"] == "no_answer", first["answer"]
    body = ask_in(client, None, "jag bytte till alla organisationer, vad blir det då",
                  first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["decision"]
    assert "inskrivningssamtal" in body["answer"], body["answer"]
    assert "i dag" not in body["answer"].split("Besöksdag")[0], body["answer"]


def test_a_slip_owned_of_our_own_organization_keeps_the_question_for_the_other_next(client):
    # walk-through RE8948, stop 51: Läkarmedverkan's period asked with the municipality picked
    # (pointed to Region Halland), "oj sorry jag menade hos oss i kommunen" was taken as a
    # question of its own, so "okej men hur är det i halland då" with Region Halland picked
    # asked it of Halland and was refused; the 14 days are Halland's answer
    first = ask_in(client, VG, "hur länge får läkarmedverkan stötta en patient efter utskrivning")
    assert first["kind"] == "no_answer", first["answer"]
    ours = ask_in(client, VG, "oj sorry jag menade hos oss i kommunen", first["conversation_id"])
    assert ours["kind"] == "no_answer", ours["answer"]
    assert "Region Halland" in ours["answer"], ours["answer"]
    body = ask_halland(client, "okej men hur är det i halland då", first["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert "14 dagar" in body["answer"], body["answer"]
    assert "kommuns rutin" not in body["answer"], body["answer"]


def test_a_birth_day_corrected_without_its_year_is_of_the_birth_year_known(client):
    # walk-through RE8947, stop 51: "oj nej född 5 dec" after "pat född 7 dec 1941 …" moved
    # the visit to 5 December and kept the patient at 84 and 200 kr; "det är födelsedagen som
    # är 5 december 1941" moved it back. Born 5 December 1941, she is 85 on 6 December 2026
    first = ask_halland(client, "pat född 7 dec 1941, hembesök på säbo efter utskrivning 6/12 "
                                "2026")
    assert first["decision"]["patient_fee_sek"] == 200, first["answer"]
    body = ask_halland(client, "oj nej född 5 dec", first["conversation_id"])
    assert body["decision"]["visit_date"] == "2026-12-06", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    assert "födelsedatum 1941-12-07 → 1941-12-05" in body["answer"], body["answer"]
    again = ask_halland(client, "pat född 7 dec 1941, hembesök på säbo efter utskrivning 6/12 "
                                "2026")
    told = ask_halland(client, "nej, det är födelsedagen som är 5 december 1941",
                       again["conversation_id"])
    assert told["decision"]["visit_date"] == "2026-12-06", told["answer"]
    assert told["decision"]["patient_fee_sek"] == 0, told["answer"]


def test_which_one_after_an_answer_naming_versions_asks_which_routine_held_then(client):
    # walk-through RE8947, stop 51: after the difference between the VAS and Cosmic routines,
    # "which one applies to a visit on March 30 2025" and "and the day after?" were refused
    first = ask_halland(client, "whats the difference between the VAS and Cosmic routine? "
                                "colleague said something changed")
    assert first["kind"] == "version", first["answer"]
    body = ask_halland(client, "which one applies to a visit on March 30 2025",
                       first["conversation_id"])
    assert body["kind"] == "version", body["answer"]
    assert body["answer"].startswith("On 2025-03-30") and " VAS" in body["answer"].split("\n")[0]
    after = ask_halland(client, "and the day after?", first["conversation_id"])
    assert after["kind"] == "version", after["answer"]
    assert after["answer"].startswith("On 2025-03-31") and "Cosmic" in after["answer"].split(
        "\n")[0], after["answer"]
    sv = ask_halland(client, "vilken rutin gäller för ett besök 30/3 2025")
    before = ask_halland(client, "och två dagar innan?", sv["conversation_id"])
    assert before["answer"].startswith("Den 2025-03-28 gällde"), before["answer"]


def test_what_a_places_name_means_is_no_question_asked_again_of_that_place(client):
    # walk-through RE8948, stop 51: "vad är VGR" after "är det regionen som bestämmer om
    # inskrivning i hemsjukvården" repeated that answer, as if asked of "VGR"
    first = ask_in(client, VG, "är det regionen som bestämmer om inskrivning i hemsjukvården")
    body = ask_in(client, VG, "vad är VGR", first["conversation_id"])
    assert body["answer"] != first["answer"], body["answer"]
    assert "VGR" in body["answer"], body["answer"]


def test_another_visit_on_a_weekday_after_the_birthday_is_the_first_such_day_after_it(client):
    # walk-through RE8947, stop 51: "och om jag gör ett nytt besök hos henne nästa måndag,
    # efter födelsedagen?" after her enrolment visit (birthday on Friday) was the Monday
    # before the birthday, at 84, with the enrolment's vårdtjänst and 500 kr again
    weekdays = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
    today = date.today()
    gap = 3 if (today + timedelta(days=3)).strftime("%m-%d") != "02-29" else 4
    birthday = today + timedelta(days=gap)
    born = birthday.replace(year=birthday.year - 85)
    first = ask_halland(client, f"inskrivningssamtal ny pat som flyttat in på säbo "
                                f"{today.day}/{today.month} {today.year}, född "
                                f"{born.day}/{born.month} {born.year}")
    assert first["decision"]["patient_fee_sek"] == 200, first["answer"]
    tomorrow = today + timedelta(days=1)
    body = ask_halland(client, f"och om jag gör ett nytt besök hos henne på "
                               f"{weekdays[tomorrow.weekday()]}, efter födelsedagen?",
                       first["conversation_id"])
    assert body["decision"]["visit_date"] == (tomorrow + timedelta(days=7)).isoformat(), \
        body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    assert body["question"], body["answer"]  # what the new visit was, asked
    assert "inskrivningssamtal eller" in body["answer"], body["answer"]


def test_an_english_correction_asking_whether_it_changes_anything_amends_the_visit(client):
    # walk-through RE8947, stop 51: "ok. btw she actually lives at a Sabo, not her own flat,
    # sorry. does that change anything" after a card was refused ("change" was mended to
    # "changed", and the message read as a version question)
    first = ask_halland(client, "Hi, I did a home visit on 1 December 2026 to a lady who was "
                                "discharged from hospital, she lives in her own flat with "
                                "municipal home care. 83 yrs. How do I register it in Cosmic")
    assert first["kind"] == "rule", first["answer"]
    body = ask_halland(client, "ok. btw she actually lives at a Sabo, not her own flat, sorry. "
                               "does that change anything", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["answer"].startswith("Changed: housing ordinary housing → nursing home"), \
        body["answer"]
    assert body["decision"]["compensation_sek"] == 500, body["decision"]


def test_a_visits_day_told_in_a_question_of_its_routine_is_kept_for_the_visit_next(client):
    # walk-through RE8952, stop 51: "ett riktat besök gjordes 30 mars 2025, skulle det
    # registreras enligt vas eller cosmic-rutinen" (VAS, right), then "pat var 90, vad
    # betalade hen" said the day was missing and gave today's Cosmic registration
    first = ask_halland(client, "ett riktat besök gjordes 30 mars 2025, skulle det registreras "
                                "enligt vas eller cosmic-rutinen")
    assert "VAS" in first["answer"].split("\n")[0], first["answer"]
    body = ask_halland(client, "pat var 90, vad betalade hen", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["visit_date"] == "2025-03-30", body["decision"]
    assert body["decision"]["system"] == "VAS", body["decision"]
    assert "Besöksdagen saknas" not in body["answer"], body["answer"]


def test_what_they_pay_after_an_age_noted_is_the_patients_fee(client):
    # walk-through RE8952 in the widget, stop 51: "85 år" was noted and rutin asked what one
    # wanted to know ("… vad patienten betalar …"); "vad betalar dom" was then refused
    first = ask_in(client, None, "85 år")
    assert first["kind"] == "clarify", first["answer"]
    body = ask_in(client, None, "vad betalar dom", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["decision"]


def test_but_it_was_by_phone_does_it_still_count_amends_the_visit(client):
    # walk-through RE8950, stop 51: "fast samtalet blev via telefon, dottern satt hos honom.
    # gäller det ändå" after a breakpoint talk's card was searched and got a SäBo proposal's
    # sentence on "fast läkarkontakt"; the call is the visit's manner, and gives no 500 kr
    first = ask_halland(client, "brytpunktssamtal hemma hos 91-åring 30/3-25, har khsv i "
                                "ordinärt boende. hur reg")
    assert first["decision"]["compensation_sek"] == 500, first["answer"]
    body = ask_halland(client, "fast samtalet blev via telefon, dottern satt hos honom. gäller "
                               "det ändå", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 0, body["decision"]
    assert "telefon eller video ger den inte" in body["answer"], body["answer"]


def test_the_home_cares_own_fee_after_a_card_is_not_the_visits_fee(client):
    # walk-through RE8950, stop 51: "vad betalar hon till kommunen för själva hemsjukvården"
    # after a breakpoint talk's card got the physician's visit fee again (0 kr); Region
    # Halland's routines give no fee for the municipal home care itself
    first = ask_halland(client, "brytpunktssamtal hemma 1/12 2026, pat 85 år. khsv ordinärt "
                                "boende. avgift?")
    assert first["kind"] == "rule", first["answer"]
    body = ask_halland(client, "vad betalar hon till kommunen för själva hemsjukvården",
                       first["conversation_id"])
    assert body["kind"] == "no_answer", body["answer"]
    assert body["decision"] is None and "Kommun i Västra Götaland" in body["answer"], \
        body["answer"]


def test_a_follow_up_told_as_done_is_counted_from_not_the_enrolment(client):
    # walk-through RE8954, stop 52: "patienten anslöts 15 januari och följdes upp 10 mars, när
    # är nästa senast" counted six months from the enrolment (15 September), not from the
    # follow-up made ("följdes upp", the verb, was not read as one)
    body = ask_in(client, VG, "patienten anslöts 15 januari 2026 och följdes upp 10 mars 2026, "
                              "när är nästa senast")
    assert body["kind"] == "rule", body["answer"]
    assert "senast 2026-09-10 (6 månader efter den senaste uppföljningen 2026-03-10)" \
        in body["answer"], body["answer"]


def test_an_enrolment_supposed_on_a_holiday_is_the_next_one(client):
    # walk-through RE8954, stop 52: "och om hon ansluts på nyårsafton då" (and as a first
    # message) was last year's New Year's Eve, its first follow-up months gone
    today = today_in_stockholm()
    eve = date(today.year, 12, 31)
    first = ask_in(client, VG, "pat anslöts till hemsjukvården igår, när ska första "
                               "uppföljningen vara senast")
    assert first["kind"] == "rule", first["answer"]
    body = ask_in(client, VG, "och om hon ansluts på nyårsafton då", first["conversation_id"])
    assert f"efter anslutningen {eve.isoformat()})" in body["answer"], body["answer"]
    # told in the past, the last one gone
    past = ask_in(client, VG, "pat anslöts på nyårsafton, när skulle första uppföljningen vara "
                              "senast")
    assert f"efter anslutningen {eve.replace(year=today.year - 1).isoformat()})" \
        in past["answer"], past["answer"]


def test_a_search_box_word_narrowed_by_what_it_is_for_is_one_question(client):
    # walk-through RE8955 in the widget, stop 52: "avgift", then "för läkarbesök" quoted the
    # municipality's fee levels again, and "hon är 85" a level too; "avgift för läkarbesök" is
    # the physician's visit fee, and the age then gives that visit's fee
    first = ask_in(client, None, "avgift")
    body = ask_in(client, None, "för läkarbesök", first["conversation_id"])
    assert "200 kr" in body["answer"] and "Nivå 1" not in body["answer"], body["answer"]
    aged = ask_in(client, None, "hon är 85", first["conversation_id"])
    assert aged["kind"] == "rule", aged["answer"]
    assert aged["decision"]["patient_fee_sek"] == 0, aged["decision"]
    # walk-through RE8958, stop 52: "för läkarbesök då" was read with the fee levels' heading
    again = ask_in(client, None, "avgift")
    then = ask_in(client, None, "för läkarbesök då", again["conversation_id"])
    assert "200 kr" in then["answer"] and "Nivå 1" not in then["answer"], then["answer"]


def test_a_breakpoint_talk_taken_back_loses_its_500_kr(client):
    # walk-through RE8953, stop 52: "nej förresten, det blev inget brytpunktssamtal, vi gick
    # bara igenom medicinerna" after a breakpoint talk's card was refused, and "blir det 500
    # ändå då" next gave the talk's card and 500 kr again
    first = ask_halland(client, "brytpunktssamtal igår på säbo, 88 år")
    assert first["decision"]["compensation_sek"] == 500, first["answer"]
    body = ask_halland(client, "nej förresten, det blev inget brytpunktssamtal, vi gick bara "
                               "igenom medicinerna", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 0, body["decision"]
    again = ask_halland(client, "blir det 500 ändå då", first["conversation_id"])
    assert again["decision"]["compensation_sek"] == 0, again["answer"]


def test_a_breakpoint_talk_denied_alone_asks_what_the_visit_was(client):
    # walk-through RE8953, stop 52: "nej förresten, det blev inget brytpunktssamtal" after the
    # talk's card was refused; the visit stays, its occasion asked again
    first = ask_halland(client, "brytpunktssamtal igår på säbo, 88 år")
    body = ask_halland(client, "nej förresten, det blev inget brytpunktssamtal",
                       first["conversation_id"])
    assert body["kind"] in ("rule", "clarify"), body["answer"]
    assert body["decision"]["compensation_sek"] is None, body["decision"]
    assert "brytpunktssamtal eller något annat" in (body["question"] or ""), body["answer"]
    assert body["facts"].get("occasion") is None, body["facts"]


def test_an_enrolment_talk_written_short_is_the_enrolment_on_the_vas_day(client):
    # walk-through RE8953, stop 52: "inskrivn.samtal" was mended to "inskriven", the
    # patient's state, so the occasion was lost and a VAS day got Cosmic's vårdtjänst line
    body = ask_halland(client, "inskrivn.samtal säbo 30/3-25, 84 år. vas el cosmic?")
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["system"] == "VAS", body["decision"]
    assert body["decision"]["compensation_sek"] == 500, body["decision"]
    assert "Avgiftstyp: H3" in body["answer"], body["answer"]


def test_an_age_after_a_comma_ending_a_sentence_and_a_visit_on_a_weekday_are_read(client):
    # walk-through RE8953, stop 52: "…, 91. what was it in VAS" and "…, 83. what do i
    # register" asked the age; "enrolment visit by phone on sunday" assumed today
    body = ask_halland(client, "one more, i have an old visit to fix from before the switch, "
                               "12 march 2025, enrolment visit for new khsv patient in her own "
                               "flat, 91. what was it in VAS")
    assert body["facts"].get("patient_age") == 91, body["facts"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    today = today_in_stockholm()
    sunday = today - timedelta(days=(today.weekday() - 6) % 7 or 7)
    called = ask_halland(client, "enrolment visit by phone on sunday, sabo, 83")
    assert called["facts"].get("visit_date") == sunday.isoformat(), called["facts"]


def test_does_it_apply_to_us_after_hallandsjouren_says_it_is_not_ours(client):
    # walk-through RE8954, stop 52: "och gäller det hos oss?" after "vad är hallandsjouren"
    # with the municipality picked repeated Halland's on-call sentence, said the question
    # named Region Halland, and never that the municipality's routines do not say so
    first = ask_in(client, VG, "vad är hallandsjouren")
    body = ask_in(client, VG, "och gäller det hos oss?", first["conversation_id"])
    assert "Frågan nämner Region Halland" not in body["answer"], body["answer"]
    assert f"Rutinerna från {VG} tar inte upp det; det som står nedan gäller Region Halland" \
        in body["answer"], body["answer"]


def test_a_routine_without_validity_is_not_said_to_hold_on_a_past_day(client):
    # walk-through RE8955, stop 52: "gällde rutinen redan 2019" with the municipality picked
    # was told "Den 2019-01-01 gällde ”Rutin för anslutning …”; den anger ingen giltighetstid"
    body = ask_in(client, VG, "gällde rutinen redan 2019")
    assert body["kind"] == "version", body["answer"]
    assert "anger ingen giltighetstid, så dokumenten säger inte om den gällde den 2019-01-01" \
        in body["answer"], body["answer"]
    assert "Den 2019-01-01 gällde" not in body["answer"], body["answer"]


def test_an_age_said_beside_a_birthday_month_picks_the_year_that_agrees(client):
    # walk-through RE8956, stop 52: "pat var 84 egentligen, fyllde 85 i maj" after a VAS
    # visit of 10 January 2025 was read as born May 1941 (83 that day), the 84 said to
    # disagree and the age asked; May 1940 agrees with it
    first = ask_halland(client, "brytpunktssamtal hemma hos pat i villa 10 jan 2025, 85 år, "
                                "har khsv")
    assert first["decision"]["patient_fee_sek"] == 0, first["answer"]
    body = ask_halland(client, "pat var 84 egentligen, fyllde 85 i maj", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 200, body["decision"]


def test_the_fee_field_of_a_vas_card_waiting_for_the_age_is_not_said_to_be_missing(client):
    # walk-through RE8956, stop 52: "vad ska stå i summa då" of a VAS visit whose age was
    # unknown was told "Registreringen i VAS har inget fält ”Summa”"; VAS's Summa waits for it
    first = ask_halland(client, "brytpunktssamtal hemma hos pat i villa 10 jan 2025, har khsv")
    body = ask_halland(client, "vad ska stå i summa då", first["conversation_id"])
    assert "inget fält" not in body["answer"], body["answer"]
    assert "beror på åldern" in body["answer"], body["answer"]


def test_no_i_mean_in_our_municipality_asks_the_last_question_there(client):
    # walk-through RE8957, stop 52: "hmm nej jag menar hos oss i kommunen i västra götaland"
    # after "hur ofta ska man följa upp en patient som är inskriven i hemsjukvården" asked with
    # Region Halland picked was refused ("nej", "hmm" were no words of a place's follow-up,
    # and "följa" of "följa upp" no word of the municipality's "uppföljning")
    first = ask_halland(client, "hur ofta ska man följa upp en patient som är inskriven i "
                                "hemsjukvården")
    body = ask_halland(client, "hmm nej jag menar hos oss i kommunen i västra götaland",
                       first["conversation_id"])
    assert "En första uppföljning sker senast efter två månader" in body["answer"], \
        body["answer"]


def test_an_age_bound_what_if_after_a_vas_card_quotes_the_vas_fee(client):
    # walk-through RE8956, stop 52: "and if she was under 85?" after a VAS visit's card (20
    # March 2025) quoted the Cosmic routine's "Patientavgift: … (Läkare närsjukvård)", a
    # category VAS has not
    first = ask_halland(client, "locum here. home visit on march 20 2025, pt 90, nursing home, "
                                "end of life talk with the family. which system and what codes")
    assert first["decision"]["system"] == "VAS", first["answer"]
    body = ask_halland(client, "and if she was under 85?", first["conversation_id"])
    assert "Summa: 200 kr, om person är under 85 år" in body["answer"], body["answer"]
    assert "Läkare närsjukvård" not in body["answer"], body["answer"]


def test_an_english_question_whether_a_routine_applied_in_a_year_answers_for_that_year(client):
    # stop 53: "did the routine apply in 2019" led with the routine in force today, and "was
    # the VAS routine valid in 2024" was told it no longer applies (the verb split from its
    # word); the Swedish "gällde rutinen 2019" was answered for 2019
    body = ask_halland(client, "did the routine apply in 2019")
    assert body["kind"] == "version", body["answer"]
    assert "holds no version of the routine that applied on 2019-01-01" in body["answer"], \
        body["answer"]
    assert "Today (" not in body["answer"], body["answer"]
    # (the oldest version's period as in Swedish: it ended, it does not "apply from")
    assert "applied 2023-01-01 – 2025-03-30" in body["answer"], body["answer"]
    body = ask_halland(client, "was the VAS routine valid in 2024")
    assert body["answer"].startswith("Yes, on 2024-01-01"), body["answer"]


def test_whether_a_system_routine_held_in_a_year_is_answered_yes_or_no(client):
    # stop 53: "was the cosmic routine used in 2024" said which routine applied, never no;
    # "var cosmic i kraft 2024" was refused; "var vas-rutinen giltig 2024" was told no
    body = ask_halland(client, "was the cosmic routine used in 2024")
    assert body["answer"].startswith("No, “Registrering av riktade hemsjukvårdsbesök av läkare "
                                     "i Cosmic” (Region Halland) did not apply on 2024-01-01"), \
        body["answer"]
    body = ask_halland(client, "var cosmic i kraft 2024")
    assert body["kind"] == "version", body["answer"]
    assert body["answer"].startswith("Nej, ”Registrering av riktade hemsjukvårdsbesök av läkare "
                                     "i Cosmic” (Region Halland) gällde inte den 2024-01-01"), \
        body["answer"]
    body = ask_halland(client, "var vas-rutinen giltig 2024")
    assert body["answer"].startswith("Ja, den 2024-01-01 gällde"), body["answer"]


def test_a_month_of_the_same_year_after_a_card_moves_the_visit_to_that_month(client):
    # walk-through RE8959, stop 53: "och om besöket hade varit i juni samma år" after a
    # breakpoint talk of 3/4 -25 quoted the HSU decision's "Avtalen förlängs automatiskt …"
    first = ask_halland(client, "reggar i efterhand: brytpunktssamtal säbo 3/4 -25, 84 år")
    assert first["decision"]["visit_date"] == "2025-04-03", first["answer"]
    body = ask_halland(client, "och om besöket hade varit i juni samma år",
                       first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert "hela ”juni 2025”" in body["answer"], body["answer"]
    assert body["decision"]["visit_date"] == "2025-06-01", body["decision"]


def test_an_english_what_if_of_the_visits_manner_after_a_question_between_is_that_visit(client):
    # walk-through RE8959, stop 53: "what if it had been a video call instead" after "what
    # does Kund mean" (answered between) was refused; "och om det hade varit …" was the visit's
    first = ask_halland(client, "home visit last Monday, nursing home, after discharge, 91")
    assert first["decision"]["compensation_sek"] == 500, first["answer"]
    between = ask_halland(client, "what does Kund mean, what do i pick there",
                          first["conversation_id"])
    assert between["kind"] == "search", between["answer"]
    body = ask_halland(client, "what if it had been a video call instead",
                       first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 0, body["decision"]
    assert body["decision"]["visit_date"] == first["decision"]["visit_date"]


def test_the_next_patient_of_a_round_by_age_or_number_is_another_patient(client):
    # walk-through RE8959, stop 53: "sen en 92-åring i ordinärt boende, ny i khsv,
    # inskrivningssamtal" after "två hembesök idag. först en 83-åring på säbo …" was read as
    # the first patient's age, housing and occasion corrected ("Ändrat: ålder 83 → 92; …");
    # "tredje 83, …" in a round likewise (known since stop 52)
    first = ask_halland(client, "två hembesök idag. först en 83-åring på säbo som kom hem från "
                                "sjukhuset i fredags")
    body = ask_halland(client, "sen en 92-åring i ordinärt boende, ny i khsv, inskrivningssamtal",
                       first["conversation_id"])
    assert "En annan patient" in body["answer"], body["answer"]
    assert "Ändrat" not in body["answer"], body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["decision"]
    first = ask_halland(client, "tre hembesök idag. första 88 år säbo efter utskrivning")
    second = ask_halland(client, "andra 79 år brytpunktssamtal hemma, khsv",
                         first["conversation_id"])
    assert second["decision"]["patient_fee_sek"] == 200, second["answer"]
    body = ask_halland(client, "tredje 83 år, säbo, efter utskrivning", first["conversation_id"])
    assert "En annan patient" in body["answer"], body["answer"]
    assert "Ändrat" not in body["answer"], body["answer"]
    assert body["decision"]["patient_fee_sek"] == 200, body["decision"]


def test_a_call_told_without_i_instead_of_going_out_is_remote_and_not_paid(client):
    # walk-through RE8959, stop 53: "ringde upp en 90-åring i khsv efter utskrivning i tisdags
    # istället för att åka ut, kan jag regga det som riktat besök" got a full Cosmic card, "på
    # distans: nej", and after "ordinärt" 500 kr; the routine: "(dessa vårdkontakter kan aldrig
    # ske på distans)"
    body = ask_halland(client, "ringde upp en 90-åring i khsv efter utskrivning i tisdags "
                               "istället för att åka ut, kan jag regga det som riktat besök")
    assert body["facts"]["remote"] is True, body["facts"]
    assert body["decision"]["compensation_sek"] == 0, body["answer"]
    body = ask_halland(client, "called a 90 yo in municipal home care after discharge instead "
                               "of going out, does it count for the 500")
    assert "can never take place remotely" in body["answer"], body["answer"]
    # (someone else's call is no call of the physician's)
    body = ask_halland(client, "dottern ringde upp och berättade, jag gjorde hembesök idag på "
                               "säbo efter utskrivning, 88 år")
    assert body["decision"]["compensation_sek"] == 500, body["answer"]


def test_what_it_costs_her_after_a_card_is_the_cards_fee(client):
    # walk-through RE8959, stop 53: "anhöriga undrar vad det kostar henne" after a breakpoint
    # talk's card (82 years, 200 kr) was refused as out of scope
    first = ask_halland(client, "brytpunktssamtal hemma hos pat 82 år, ordinärt boende, inskriven "
                                "i hemsjukvården. var förra fredagen")
    body = ask_halland(client, "anhöriga undrar vad det kostar henne", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 200, body["decision"]


def test_who_is_responsible_after_a_card_is_no_what_if_of_the_visit(client):
    # walk-through RE8959, stop 53: "om hon blir sämre i helgen, vem har läkaransvaret då"
    # after a card asked the visit's day ("”i helgen” anger ingen dag"), and "och om han bott
    # på korttids istället, vem har läkaransvaret där" got the card again
    first = ask_halland(client, "brytpunktssamtal hemma hos pat 82 år, ordinärt boende, inskriven "
                                "i hemsjukvården. var förra fredagen")
    body = ask_halland(client, "om hon blir sämre i helgen, vem har läkaransvaret då",
                       first["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert "anger ingen dag" not in body["answer"], body["answer"]
    first = ask_halland(client, "pat 45 år på lss-boende, inskriven i khsv, hembesök efter "
                                "utskrivning i onsdags. ger det 500")
    body = ask_halland(client, "och om han bott på korttids istället, vem har läkaransvaret där",
                       first["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert body["decision"] is None, body["answer"]


def test_the_wrong_organization_owned_asks_the_last_question_of_the_one_named(client):
    # walk-through RE8960, stop 53: "oj jag hade valt fel, jag jobbar i kommunen i västra
    # götaland" after "hur ofta ska vi följa upp patienter i hemsjukvården" asked with Region
    # Halland picked was refused; the municipality's routine gives the follow-up's interval
    first = ask_halland(client, "hur ofta ska vi följa upp patienter i hemsjukvården")
    body = ask_halland(client, "oj jag hade valt fel, jag jobbar i kommunen i västra götaland",
                       first["conversation_id"])
    assert "En första uppföljning sker senast efter två månader" in body["answer"], \
        body["answer"]
    first = ask_halland(client, "what is level 2")
    body = ask_halland(client, "sorry I picked the wrong one, I work in the VG municipality",
                       first["conversation_id"])
    assert "Nivå 2 Behov av HSV -insatser dygnet runt" in body["answer"], body["answer"]


def test_whether_an_amount_of_another_organization_holds_for_us_says_it_does_not(client):
    # walk-through RE8960, stop 53: after the municipality's routines were said not to name
    # 200 kr (Region Halland's), "men gäller det här i vår kommun alltså" got its purpose's
    # "likvärdig för alla kommuninvånare", read as yes
    first = ask_in(client, VG, "patienten frågade om hon måste betala 200 kr när doktorn kommer "
                               "hem till henne, stämmer det")
    assert f"Rutinerna från {VG} tar inte upp 200 kr" in first["answer"], first["answer"]
    body = ask_in(client, VG, "men gäller det här i vår kommun alltså", first["conversation_id"])
    assert f"Rutinerna från {VG} tar inte upp 200 kr" in body["answer"], body["answer"]
    assert "likvärdig" not in body["answer"], body["answer"]


def test_a_first_visit_for_a_new_home_care_patient_is_an_enrolment(client):
    # walk-through RE8959, stop 53: "first visit for a new home care patient last Monday, she
    # lives in her own flat, 87. what goes in Vardtjanst and is it free for her" gave
    # Vårdtjänst as "one of …" and asked whether it was discharge, enrolment or breakpoint
    body = ask_halland(client, "first visit for a new home care patient last Monday, she lives "
                               "in her own flat, 87. what goes in Vardtjanst and is it free for "
                               "her")
    assert body["facts"]["occasion"] == "inskrivning", body["facts"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    assert "Riktad hemsjukvård| information| inskrivningssamtal" in body["answer"], body["answer"]


def test_how_often_after_a_two_organization_answer_follows_the_passage_saying_it(client):
    # walk-through RE8961, stop 53 (widget, no organization): "uppföljnig" was answered from
    # Region Halland's decision and the municipality's routine; "hur ofta sen då" then quoted
    # the decision's indicators again, not the routine's "minst var sjätte månad"
    first = ask_in(client, None, "uppföljnig")
    assert "minst var sjätte månad" in first["answer"], first["answer"]
    body = ask_in(client, None, "hur ofta sen då", first["conversation_id"])
    assert "minst var sjätte månad" in body["answer"], body["answer"]
    assert "Indikatorer för uppföljning" not in body["answer"], body["answer"]


def test_a_sabo_denied_beside_at_home_moves_the_patient_home(client):
    # walk-through RE8959, stop 53: "och hon bor inte på säbo utan hemma med hemsjukvård"
    # after a SäBo visit's card was ignored ("hemma" of a SäBo resident is her home there,
    # but not when the SäBo is denied)
    first = ask_halland(client, "hembesök 27 mars 2025 hos 86-åring på säbo efter utskrivning, "
                                "vad skulle det in som")
    assert first["facts"]["setting"] == "sabo", first["facts"]
    body = ask_halland(client, "och hon bor inte på säbo utan hemma med hemsjukvård",
                       first["conversation_id"])
    assert body["facts"]["setting"] == "ordinart_boende", body["facts"]
    assert "Ändrat: boende särskilt boende (SäBo) → ordinärt boende" in body["answer"], \
        body["answer"]


def test_a_discharge_visit_long_after_says_the_routine_sets_no_time_limit(client):
    # walk-through RE8959, stop 53: "Patient got discharged on Friday Nov 27 but I could only
    # visit her at home today. Still counts as the discharge visit for the 500? …" got "yes, SEK
    # 500" with no word on the gap; the routine says "i samband med" and sets no limit
    body = ask_halland(client, "Patient got discharged on Friday Nov 27 but I could only visit "
                               "her at home today. Still counts as the discharge visit for the "
                               "500? she's 79, Sabo")
    assert body["decision"]["compensation_sek"] == 500, body["answer"]
    assert "sets no time limit" in body["answer"], body["answer"]
    body = ask_halland(client, "pat utskriven för 5 veckor sen, 88 år, säbo, hembesök idag. "
                               "räknas det fortfarande som utskrivning?")
    assert "anger ingen tidsgräns" in body["answer"], body["answer"]
    # (a visit with no gap told says nothing of it)
    body = ask_halland(client, "hembesök på säbo idag 88 år utskrivning")
    assert "tidsgräns" not in body["answer"], body["answer"]


def test_a_visit_told_after_its_card_to_be_within_lakarmedverkan_loses_the_500_kr(client):
    # walk-through RE8962, stop 53: "hm vänta, jag gick dit som läkarmedverkan den dagen, inte
    # från VC. blir det samma?" after an enrolment's card (500 kr) quoted an indicator of the
    # HSU decision; the routine: "Denna ersättning utgår ej för hemsjukvårdsbesök inom ramen för
    # det särskilda uppdraget ”Läkarmedverkan i hemsjukvården”"
    first = ask_halland(client, "ny pat, 90 år, ska skrivas in i khsv i ordinärt boende. var där "
                                "i förrgår på inskrivningssamtal")
    assert first["decision"]["compensation_sek"] == 500, first["answer"]
    body = ask_halland(client, "hm vänta, jag gick dit som läkarmedverkan den dagen, inte från "
                               "VC. blir det samma?", first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 0, body["decision"]


def test_a_discharge_day_told_after_lakarmedverkans_support_counts_its_days(client):
    # walk-through RE8964, stop 53: "utskriven 20/12" after Läkarmedverkan's 14 days and a
    # question between (who decides on the support), with an ordinary follow-up visit told
    # earlier in the conversation, made that visit a discharge visit on 2026-12-20 with 500 kr
    cid = None
    for message in ("får vc 500 kr om det är läkarmedverkan som gör hembesöket",
                    "och ett vanligt uppföljande besök hemma hos en khsv-patient i ordinärt "
                    "boende?",
                    "hur länge kan läkarmedverkan stötta efter utskrivning",
                    "vem avgör att patienten ska få det stödet"):
        cid = ask_halland(client, message, cid)["conversation_id"]
    body = ask_halland(client, "utskriven 20/12", cid)
    assert "14 dagar efter utskrivningen" in body["answer"], body["answer"]
    assert body["decision"] is None or body["decision"].get("compensation_sek") is None, \
        body["decision"]


def test_a_birthday_gone_in_a_month_without_its_year_is_the_one_nearest_the_visit(client):
    # known since stop 53's walk-throughs: "brytpunktsamtal på säbo 14 feb 2025, pat fyllt 85
    # i januari" was January 2026, counted from today: born 1941, 84 on the visit's day and
    # 200 kr instead of free
    body = ask_halland(client, "brytpunktsamtal på säbo 14 feb 2025, pat fyllt 85 i januari")
    assert body["kind"] == "rule" and body["decision"]["visit_date"] == "2025-02-14", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    # (a month after the visit's is the one after it, not the year before: 84 that day)
    later = ask_halland(client, "hon fyllde 85 i april", body["conversation_id"])
    assert later["decision"]["patient_fee_sek"] == 200, later["answer"]


def test_a_greeting_before_a_question_is_no_part_of_it(ask):
    # walk-through RE8967, stop 54: "hej vad kostar ett hembesök" was refused, the same
    # question without "hej" answered with 200 kr under 85
    body = ask("hej vad kostar ett hembesök")
    assert body["kind"] == "search", body["answer"]
    assert "200 kr" in body["answer"], body["answer"]


def test_a_greeting_or_thanks_alone_is_answered_as_such_and_keeps_the_visit(client):
    # walk-through RE8967, stop 54: "hej" and "tack" were told the routines do not cover them
    hello = ask_in(client, None, "hej")
    assert hello["kind"] == "clarify" and "Vad vill du veta" in hello["answer"], hello["answer"]
    assert ask_in(client, None, "hi there")["answer"].startswith("Hi!")
    card = ask_halland(client, "brytpunktssamtal hemma hos 88-åring med khsv igår, hur reg")
    thanks = ask_halland(client, "tack så mycket!", card["conversation_id"])
    assert thanks["kind"] == "clarify" and thanks["answer"].startswith("Varsågod"), thanks
    assert not thanks["citations"]
    # (the visit's thread is kept: a what-if after the thanks is that visit's)
    after = ask_halland(client, "och om hon var 84", card["conversation_id"])
    assert after["kind"] == "rule", after["answer"]
    assert after["decision"]["patient_fee_sek"] == 200, after["decision"]
    assert after["decision"]["compensation_sek"] == 500, after["decision"]


def test_a_visit_moved_to_a_weekday_is_that_visit_on_that_day(client):
    # walk-through RE8965, stop 54: "visit got moved to wednesday" after a card of an
    # enrolment today, the patient turning 85 tomorrow, was refused; on Wednesday she is 85
    first = ask_halland(client, "quick one: seeing a lady today for enrolment into home care at "
                                "her flat, she turns 85 tomorrow. does she pay anything")
    assert first["decision"]["patient_fee_sek"] == 200, first["answer"]
    moved = ask_halland(client, "visit got moved to wednesday", first["conversation_id"])
    assert moved["kind"] == "rule", moved["answer"]
    day = date.fromisoformat(moved["decision"]["visit_date"])
    assert day.weekday() == 2 and day > date.fromisoformat(first["decision"]["visit_date"])
    assert moved["decision"]["patient_fee_sek"] == 0, moved["answer"]


def test_the_first_of_two_visits_corrected_to_85_is_free_of_charge(client):
    # walk-through RE8965, stop 54: "skrev fel, den första på säbo är 85 inte 79" after two
    # visits in one message gave the card of the 79-year-old again, 200 kr
    first = ask_halland(client, "två hembesök idag: först 79-åring som flyttat in på säbo, "
                                "inskrivningssamtal. sen 88-åring hemma med khsv, "
                                "brytpunktssamtal. hur reggar jag dom")
    body = ask_halland(client, "skrev fel, den första på säbo är 85 inte 79",
                       first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    assert "79 → 85" in body["answer"], body["answer"]


def test_a_question_on_enrolled_patients_asked_again_of_the_municipality_is_answered_there(client):
    # walk-through RE8966, stop 54: "när ska första uppföljningen göras efter att patienten
    # skrivits in i hemsjukvården" with Region Halland picked was pointed to the municipality's
    # routine, then "oj valde fel, jag jobbar i kommunen i västra götaland" and "och i vg då"
    # were refused: "skrivits in" was a word the municipality never names (it says "ansluts")
    first = ask_halland(client, "när ska första uppföljningen göras efter att patienten "
                                "skrivits in i hemsjukvården")
    for follow_up in ("och i vg då", "oj jag hade valt fel, jag jobbar i kommunen i västra götaland"):
        body = ask_halland(client, follow_up, first["conversation_id"])
        assert "En första uppföljning sker senast efter två månader" in body["answer"], \
            (follow_up, body["answer"])


def test_a_count_asked_again_of_halland_and_the_same_question_after_switching_are_answered(client):
    # walk-through RE8967, stop 54, the municipality picked: "ok och i halland då" after "hur
    # många hembesök gjorde läkare 2021" was pointed to Region Halland's report was refused
    # ("gjorde" was a word Halland's documents never name), and "samma fråga" with Region
    # Halland then picked got a SäBo proposal's sentence
    first = ask_in(client, VG, "hur många hembesök gjorde läkare 2021")
    again = ask_in(client, VG, "ok och i halland då", first["conversation_id"])
    assert again["kind"] == "search" and "2715" in again["answer"], again["answer"]
    same = ask_halland(client, "samma fråga", again["conversation_id"])
    assert same["kind"] == "search" and "2715" in same["answer"], same["answer"]


def test_there_after_a_question_asked_of_a_place_without_an_answer_is_that_place(client):
    # walk-through RE8966, stop 54, all organizations: "vad kostar hemsjukvården för patienten
    # där" after "och i halland?" (Region Halland's routines say nothing of who decides) got
    # the Västra Götaland municipality's fee levels; Region Halland's routines set no fee for
    # home health care
    first = ask_in(client, None, "vem beslutar om inskrivning i hemsjukvård")
    ask_in(client, None, "och i halland?", first["conversation_id"])
    body = ask_in(client, None, "vad kostar hemsjukvården för patienten där",
                  first["conversation_id"])
    assert all(c.get("organization") != VG for c in body["citations"]), body["citations"]
    assert "Nivå" not in body["answer"], body["answer"]


def test_a_visit_planned_on_from_a_what_if_keeps_its_day_and_drops_lakarmedverkan(client):
    # walk-through RE8965, stop 54: after a phone call's card and two what-ifs (going there
    # tomorrow, then Läkarmedverkan making that visit), "ok, jag gör det själv då, på plats"
    # went back to the call's day and kept Läkarmedverkan, no 500 kr
    first = ask_halland(client, "ringde en säbopat förra fredagen som kom hem från sjukhuset "
                                "dagen innan, 79 år. kan jag ta det som riktat besök")
    cid = first["conversation_id"]
    tomorrow = ask_halland(client, "ok och om jag åker ut till henne imorgon istället", cid)
    ask_halland(client, "om läkarmedverkan gör besöket imorgon istället för mig, blir det 500 "
                        "kr till dem", cid)
    body = ask_halland(client, "ok, jag gör det själv då, på plats", cid)
    assert body["decision"]["visit_date"] == tomorrow["decision"]["visit_date"], body["answer"]
    assert body["decision"]["compensation_sek"] == 500, body["answer"]


def test_what_the_routine_pointed_to_says_is_quoted_from_it(client):
    # walk-through RE8966, stop 54, the municipality picked: "ok vad står det där då" after
    # "… Det gör en rutin från Region Halland …" was refused
    first = ask_in(client, VG, "jag läste att patienter får läkarstöd i 14 dagar efter "
                               "utskrivning från sjukhuset, gäller det våra patienter också")
    assert first["kind"] == "no_answer" and "Region Halland" in first["answer"], first["answer"]
    body = ask_in(client, VG, "ok vad står det där då", first["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert body["citations"][0]["organization"] == "Region Halland", body["citations"]
    assert "14 dagar" in body["answer"] and "inte från Kommun" in body["answer"], body["answer"]


def test_lakarmedverkan_asked_to_go_on_after_its_last_day_is_its_extension(client):
    # walk-through RE8968, stop 54: "hon är fortf dålig efter 2 veckor, kan läkarmedverkan
    # fortsätta efter 16/12? vem bestämmer" after its 14 days to 16/12 took 16/12 for the
    # discharge and counted 14 more days to 30/12
    first = ask_halland(client, "pat med hög risk för återinläggning skrevs ut i onsdags, hur "
                                "länge har hon stöd från läkarmedverkan innan hon går tillbaka "
                                "till oss på VC")
    until = first["date_rule"]["support_until"]
    body = ask_halland(client, f"hon är fortf dålig efter 2 veckor, kan läkarmedverkan "
                               f"fortsätta efter {until[8:10].lstrip('0')}/{until[5:7].lstrip('0')}? "
                               f"vem bestämmer", first["conversation_id"])
    assert "individuellt beslut och särskild prövning" in body["answer"], body["answer"]
    assert f"till och med {until}" in body["answer"], body["answer"]


def test_a_year_alone_after_a_question_no_passage_answered_asks_it_of_that_year(client):
    # walk-through RE8970, stop 54: "2021 då" after "hur många hembesök gjorde fysioterapeuterna
    # 2022" (no figures for 2022) quoted the report's appendix list for its "2021"
    first = ask_halland(client, "hur många hembesök gjorde fysioterapeuterna 2022")
    assert first["kind"] == "no_answer", first["answer"]
    body = ask_halland(client, "2021 då", first["conversation_id"])
    assert body["kind"] == "search" and "Fysioterapeut 2021: 53" in body["answer"], body["answer"]


def test_what_is_paid_per_visit_nowadays_is_the_rule_not_a_visit_today(client):
    # walk-through RE8970, stop 54: "och vad får vi idag per riktat hembesök" got a card of a
    # visit today whose 500 kr "kan inte avgöras ännu"
    body = ask_halland(client, "och vad får vi idag per riktat hembesök")
    assert body["kind"] == "search" and body["decision"] is None, body["answer"]
    assert "500 kr" in body["answer"], body["answer"]


def test_an_enrolment_day_corrected_after_the_follow_up_rule_counts_its_dates(client):
    # walk-through RE8969, stop 54, the municipality picked: "nej vänta jag tittade fel, hon
    # anslöts 15 december förra året" after the follow-up dates of an enrolment on 15 January
    # and "och nästa efter det" was refused
    first = ask_in(client, VG, "när ska första uppföljningen göras efter att någon anslutits")
    cid = first["conversation_id"]
    ask_in(client, VG, "hon anslöts 15 januari, när senast då", cid)
    ask_in(client, VG, "och nästa efter det", cid)
    year = date.today().year - 1
    body = ask_in(client, VG, f"nej vänta jag tittade fel, hon anslöts 15 december {year}", cid)
    assert body["kind"] == "rule", body["answer"]
    assert f"senast {year + 1}-02-15" in body["answer"], body["answer"]


def test_a_call_in_the_pluperfect_and_a_talk_at_her_home_next_week_are_read(client):
    # walk-through RE8968, stop 54: "and if i had just phoned her instead of going there?" after
    # a card kept the visit in person; "nästa vecka ska vi ha brytpunktssamtal med henne …, kan
    # jag ta det på video …" was another patient, and "… och om vi gör det hemma hos henne på
    # riktigt, den 14/12?" then kept the video, no 500 kr
    first = ask_halland(client, "hi, locum here. patient 83 in a sabo, came home from hospital "
                                "last monday, I saw her at home today. how do i log this in cosmic")
    phoned = ask_halland(client, "and if i had just phoned her instead of going there?",
                         first["conversation_id"])
    assert phoned["decision"]["compensation_sek"] == 0, phoned["answer"]
    visit = ask_halland(client, "rutinbesök i tisdags hos 79-åring ordinärt boende, inskriven i "
                                "khsv. ger det extra ersättn till VC")
    cid = visit["conversation_id"]
    video = ask_halland(client, "nästa vecka ska vi ha brytpunktssamtal med henne och dottern, "
                                "kan jag ta det på video och ändå reg som riktat besök", cid)
    assert "En annan patient" not in video["answer"], video["answer"]
    home = ask_halland(client, "samma pat som nyss alltså, 79 år. och om vi gör det hemma hos "
                               "henne på riktigt, den 14/12?", cid)
    assert home["decision"]["compensation_sek"] == 500, home["answer"]
    assert home["decision"]["patient_fee_sek"] == 200, home["answer"]


@pytest.mark.parametrize("then", ["och om han är 90?", "han var 90"])
def test_a_visit_restated_by_samma_men_is_what_later_facts_ask_of(client, then):
    # walk-through RE8973, stop 55: "samma men 10/4 2025" moved a VAS visit of 10/2 2025 into
    # Cosmic's time, and "och om han är 90?" went back to 10/2 and gave VAS's H3
    first = ask_halland(client, "brytpunktssamtal 10/2 2025 hemma hos 79-åring i ordinärt "
                                "boende inskriven i khsv, registrering?")
    cid = first["conversation_id"]
    assert first["decision"]["system"] == "VAS"
    moved = ask_halland(client, "samma men 10/4 2025", cid)
    assert moved["decision"]["system"] == "Cosmic", moved["answer"]
    body = ask_halland(client, then, cid)
    assert body["decision"]["system"] == "Cosmic", body["answer"]
    assert body["facts"]["visit_date"] == "2025-04-10", body["facts"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]
    assert "Läkare närsjukvård äldre" in body["answer"], body["answer"]
    # a what-if next asks of the visit as restated, amended by a plain fact (90 on 10/4 2025),
    # never by a what-if before it (79, as stop 46's what-ifs ask of the visit as told)
    call = ask_halland(client, "och om det var per telefon", cid)
    assert call["facts"]["visit_date"] == "2025-04-10", call["facts"]
    assert call["facts"]["patient_age"] == (90 if then == "han var 90" else 79), call["facts"]


def test_a_visit_restated_keeps_its_day_through_two_what_ifs(client):
    # walk-through RE8973, stop 55: "samma men igår" then "och om hon är 84?" gave the VAS
    # visit of 3/3 2025 again, and the video asked next reasoned from VAS
    first = ask_halland(client, "hembesök 3/3 2025 efter utskrivning, 87-åring på säbo, hur reg")
    cid = first["conversation_id"]
    ask_halland(client, "samma men igår", cid)
    younger = ask_halland(client, "och om hon är 84?", cid)
    assert younger["decision"]["system"] == "Cosmic", younger["answer"]
    assert younger["decision"]["patient_fee_sek"] == 200, younger["answer"]
    video = ask_halland(client, "och om det var via video", cid)
    assert video["decision"]["system"] == "Cosmic", video["answer"]
    assert video["decision"]["compensation_sek"] == 0, video["answer"]


@pytest.mark.parametrize("question", ["ska ssk reg ngt", "behöver dsk också registrera något"])
def test_a_question_on_the_nurses_own_records_leaves_the_physicians_visit(client, question):
    # walk-through RE8971, stop 55: "ska ssk reg ngt" after an enrolment visit's card made the
    # visit the nurse's: "Extra ersättning: nej", no fee, in this and every later answer
    first = ask_halland(client, "inskrivningssamtal igår khsv ordinärt boende 80 år")
    cid = first["conversation_id"]
    asked = ask_halland(client, question, cid)
    assert "besöket gjordes inte av en läkare" not in asked["answer"], asked["answer"]
    body = ask_halland(client, "vad betalar pat", cid)
    assert body["decision"]["patient_fee_sek"] == 200, body["answer"]
    assert body["decision"]["compensation_sek"] == 500, body["answer"]
    # a visit the nurse made is still hers
    made = ask_halland(client, "och om ssk gjorde besöket själv", cid)
    assert made["decision"]["compensation_sek"] == 0, made["answer"]


def test_menar_with_another_day_corrects_the_visits_day_and_keeps_its_age(client):
    # walk-through RE8971, stop 55: "menar 15/1 förra året" after "… 70-åring …, 15/1" made
    # her 69 on the day corrected
    first = ask_halland(client, "hembesök m dsk hos 70-åring khsv ordinärt, inskrivn samtal, 15/1")
    body = ask_halland(client, "menar 15/1 förra året", first["conversation_id"])
    assert body["facts"]["visit_date"] == "2025-01-15", body["facts"]
    assert "Patientens ålder på besöksdagen: 70 år." in body["answer"], body["answer"]


def test_a_count_of_last_year_asked_after_a_card_is_no_visit_moved_and_not_covered(client):
    # walk-through RE8973, stop 55: "hur många riktade besök gjordes förra året" after a card
    # moved the visit a year back ("Ändrat: besöksdag 2025-03-03 → 2024-03-03"); asked alone,
    # the follow-up indicator "Antal riktade hemsjukvårdsbesök …" was quoted as if it answered
    first = ask_halland(client, "hembesök 3/3 2025 efter utskrivning, 87-åring på säbo, hur reg")
    body = ask_halland(client, "hur många riktade besök gjordes förra året",
                       first["conversation_id"])
    assert body["kind"] == "no_answer", body["answer"]
    assert "Ändrat" not in body["answer"], body["answer"]
    # the figures the report holds are still given for their years
    held = ask_halland(client, "hur många hembesök gjorde läkarna förra året")
    assert held["kind"] == "no_answer", held["answer"]
    told = ask_halland(client, "hur många hembesök gjorde läkarna 2021")
    assert "2715" in told["answer"], told["answer"]


def test_a_nurse_told_as_company_after_a_card_keeps_the_physicians_visit(client):
    # walk-through RE8971, stop 55: "var tillsammans m ssk från kommunen" after a card got a
    # proposal's sentence, and "besöksform" next another proposal
    first = ask_halland(client, "hembesök 10/3 2025 säbo utskriven från sjukhus 3 dgr innan, "
                                "82 år")
    cid = first["conversation_id"]
    company = ask_halland(client, "var tillsammans m ssk från kommunen", cid)
    assert company["kind"] == "rule", company["answer"]
    assert company["decision"]["compensation_sek"] == 500, company["answer"]
    field = ask_halland(client, "besöksform", cid)
    assert field["answer"].startswith("Besöksform: Enskilt besök"), field["answer"]


def test_and_what_if_in_english_after_a_card_is_a_what_if_of_the_visit(client):
    # walk-through RE8971, stop 55: "and what if the hospital's Läkarmedverkan doc did it"
    # after a card got an indicator's working hypothesis
    first = ask_halland(client, "did an enrolment visit for a new home care patient in her flat "
                                "on march 3rd, she's 88")
    body = ask_halland(client, "and what if the hospital's Läkarmedverkan doc did it",
                       first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 0, body["answer"]
    assert "Läkarmedverkan" in body["answer"], body["answer"]


@pytest.mark.parametrize("first,then,said", [
    ("how much does a patient over 85 pay for a doctor home visit", "and 84",
     "pays SEK 200"),
    ("vad betalar en patient över 85 för ett läkarbesök i hemmet", "och 84",
     "betalar 200 kr"),
    ("räknas videobesök för ersättningen", "och 84", "kan aldrig ske på distans"),
])
def test_an_age_alone_after_a_rule_statement_asks_the_rule_of_that_age(client, first, then,
                                                                         said):
    # walk-through RE8971, stop 55: "and 84" after the fee of a patient over 85 got the Cosmic
    # routine's Vårdtjänst lines
    a = ask_halland(client, first)
    body = ask_halland(client, then, a["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert said in body["answer"], body["answer"]
    assert "Vårdtjänst" not in body["answer"], body["answer"]


def test_what_about_another_journal_system_after_a_card_is_which_version_held(client):
    # walk-through RE8971, stop 55: "what about VAS" after a card of a visit today got the VAS
    # routine's Besökstyp and Summa lines, as if VAS applied
    first = ask_halland(client, "Hi, I did a home visit today at a Sabo for a patient just "
                                "discharged from hospital. She's 92. How do I register it in "
                                "Cosmic")
    body = ask_halland(client, "what about VAS", first["conversation_id"])
    assert body["kind"] == "version", body["answer"]
    assert "no longer applies" in body["answer"], body["answer"]


def test_lmg_is_the_medication_review_even_after_a_card(client):
    # walk-through RE8971, stop 55: "ok men hur ofta ska lmg göras" after a card got a bus's
    # hygiene rules; the SäBo proposal says "… minst en gång per år"
    first = ask_halland(client, "hur reg jag läkemedelsgenomgång på säbo i cosmic")
    body = ask_halland(client, "ok men hur ofta ska lmg göras", first["conversation_id"])
    assert "minst en gång per år" in body["answer"], body["answer"]


@pytest.mark.parametrize("organization", [None, "Region Halland"])
@pytest.mark.parametrize("then", ["och om patienten är 84 år?", "och 84"])
def test_another_age_after_a_fee_asked_of_an_age_is_that_ages_fee(client, organization, then):
    # walk-through RE8976, stop 55 (widget and chat): "avgift 85 år" then "och om patienten är
    # 84 år?" was read as "avgift 85 år, …": the first age, 85, and 0 kr; an 84-year-old pays
    # 200 kr
    first = ask_in(client, organization, "avgift 85 år")
    body = ask_in(client, organization, then, first["conversation_id"])
    assert "betalar 200 kr" in body["answer"], body["answer"]
    assert "85 år eller äldre" not in body["answer"], body["answer"]


def test_since_when_the_compensation_holds_after_a_calls_rule_is_no_visit_in_person(client):
    # walk-through RE8976, stop 55: "när infördes extraersättningen för riktade hembesök?" after
    # the rule for a phone call got a card, "Ändrat: på distans ja → nej", and no date
    first = ask_halland(client, "ger ett telefonsamtal med en säbo-patient de 500 kr?")
    body = ask_halland(client, "när infördes extraersättningen för riktade hembesök?",
                       first["conversation_id"])
    assert body["kind"] == "search", body["answer"]
    assert "infördes 2023-01-01" in body["answer"], body["answer"]


@pytest.mark.parametrize("message", [
    "Jag jobbar inte i Region Halland utan i kommunen. Hur ofta ska uppföljning av "
    "hemsjukvården göras?",
    "Oj, jag hade valt Region Halland. Jag jobbar i kommunen i Västra Götaland. Samma fråga: "
    "hur ofta ska uppföljning göras?",
])
def test_a_region_denied_or_picked_by_mistake_is_not_the_one_asked_about(client, message):
    # walk-through RE8975, stop 55, the municipality picked: both were told "Frågan nämner
    # Region Halland, så svaret kommer från dess dokument …" and answered from Halland's
    body = ask_in(client, VG, message)
    assert "Frågan nämner Region Halland" not in body["answer"], body["answer"]
    assert "minst var sjätte månad" in body["answer"], body["answer"]


@pytest.mark.parametrize("then", ["Gäller det här för oss i kommunen i Västra Götaland?",
                                  "och hos oss i kommunen då?"])
def test_a_visits_card_asked_of_the_municipality_says_hallands_rules_do_not_apply(client, then):
    # walk-through RE8975, stop 55: "Gäller det här för oss i kommunen i Västra Götaland?" after
    # Region Halland's card of a visit got the municipality's background sentence, which a
    # nurse could read as a yes
    first = ask_halland(client, "hembesök idag 84 år säbo utskrivning")
    body = ask_in(client, VG, then, first["conversation_id"])
    assert "Region Hallands regler för riktade hemsjukvårdsbesök gäller inte" in body["answer"], \
        body["answer"]


def test_the_same_asked_of_our_municipality_after_a_halland_answer_is_asked_there(client):
    # walk-through RE8975, stop 55: "Är det likadant hos oss i kommunen i Västra Götaland?"
    # after Hallandsjouren's night duty got the municipality's background sentence
    first = ask_halland(client, "Vem har ansvaret för patienterna på jourtid?")
    body = ask_in(client, VG, "Är det likadant hos oss i kommunen i Västra Götaland?",
                  first["conversation_id"])
    assert "Enligt Hälso- och sjukvårdsavtalet i Västra Götaland ska" not in body["answer"], \
        body["answer"]
    assert "kvälls- och nattetid" in body["answer"], body["answer"]


def test_what_if_i_was_working_for_lakarmedverkan_after_a_question_between_is_the_visits(client):
    # walk-through RE8974, stop 55: after a card, a version question and the 500 kr between,
    # "what if I was working for Läkarmedverkan" got an indicator's working hypothesis
    first = ask_halland(client, "Hi, I did a home visit yesterday at a Sabo, patient discharged "
                                "from hospital last week, she's 83. How do I register it in "
                                "Cosmic?")
    cid = first["conversation_id"]
    ask_halland(client, "and what about VAS, a colleague said use VAS", cid)
    ask_halland(client, "does the clinic get the extra 500", cid)
    body = ask_halland(client, "what if I was working for Läkarmedverkan", cid)
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 0, body["answer"]


def test_an_age_in_that_case_after_a_question_between_is_the_visits(client):
    # walk-through RE8977, stop 55: "patient 86 in that case, any fee?" after a VAS card and a
    # question between got the fee of today's Cosmic routine
    first = ask_halland(client, "Quick q - visit 12 Jan 2025, enrolment talk in the patient's own "
                                "home, 79yo. Which system and codes")
    cid = first["conversation_id"]
    ask_halland(client, "and when did the 500 kr start", cid)
    body = ask_halland(client, "patient 86 in that case, any fee?", cid)
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["system"] == "VAS", body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]


@pytest.mark.parametrize("then", ["två besök samma vecka efter utskrivning, 500 kr båda",
                                  "och om det var en vecka efter utskrivningen?"])
def test_a_week_counted_from_the_discharge_does_not_move_the_visit(ask, then):
    # walk-through RE8979, stop 56: "samma vecka efter utskrivning" after a card moved the visit
    # a week ahead, to a day still to come
    yesterday = (today_in_stockholm() - timedelta(days=1)).isoformat()
    a = ask("khsv pat 83 år ordinärt boende, hembesök igår efter utskrivning från sjukhuset")
    assert a["decision"]["routine"] is not None
    b = ask(then, a["conversation_id"])
    assert "Ändrat: besöksdag" not in b["answer"], b["answer"]
    assert f"Besöksdag: {yesterday}" in b["answer"], b["answer"]


@pytest.mark.parametrize("then", ["hon skrivs in i khsv nästa vecka, kan jag vänta o reg då",
                                  "she will be enrolled in home care next week, can I wait"])
def test_an_enrolment_still_to_come_does_not_make_the_visit_an_enrolment(ask, then):
    # walk-through RE8979, stop 56: after a card of a breakpoint talk for a patient not
    # enrolled, an enrolment next week made yesterday's visit an enrolment talk with 500 kr
    a = ask("brytpunktsamtal ordinärt boende ej inskriven khsv, 70 år, igår")
    assert a["decision"]["eligible"] is False
    b = ask(then, a["conversation_id"])
    assert "Ändrat: anledning" not in b["answer"], b["answer"]
    assert "Extra ersättning: ja" not in b["answer"], b["answer"]
    assert "Extra compensation: yes" not in b["answer"], b["answer"]
    assert (b.get("decision") or {}).get("compensation_sek") in (None, 0), b["answer"]


@pytest.mark.parametrize("message", [
    "Oj, jag hade visst valt Region Halland. Jag jobbar i kommunen i Västra Götaland – vem "
    "beslutar om anslutning?",
    "Oj, jag hade visst valt Region Halland. Vem beslutar om anslutning till hemsjukvården?",
    # (walk-through RE8986, stop 56: the past tense, "av misstag" after the name)
    "Hoppsan, jag valde Region Halland av misstag. Jag jobbar i kommunen i Västra Götaland. Vem "
    "bestämmer om inskrivning hos oss?",
])
def test_owning_a_wrong_pick_and_telling_ones_workplace_is_no_part_of_the_question(client,
                                                                                   message):
    # walk-through RE8980, stop 56, the municipality picked: "hade visst valt Region Halland"
    # was read as a question of Region Halland, and the workplace's "Västra Götaland" found
    # the routine's background
    body = ask_in(client, VG, message)
    assert "Frågan nämner" not in body["answer"], body["answer"]
    assert "planeringsfunktion" in body["answer"], body["answer"]


def test_a_nurse_along_as_tsm_or_with_me_keeps_the_physicians_visit(client):
    # walk-through RE8982, stop 56: "tsm khsv-ssk" made the physician's enrolment talk the
    # nurse's, no 500 kr; "the nurse was just there with me, I was physically there" after a
    # card did the same
    said = ask_halland(client, "inskrivningssamtal igår hemma hos pat 77 tsm khsv-ssk, pat ny "
                               "i hemsjukvården")
    assert said["kind"] == "rule" and said["decision"]["compensation_sek"] == 500, said["answer"]
    first = ask_halland(client, "I did the enrolment talk yesterday together with the municipal "
                                "nurse, patient 77 new in home care, own house. register?")
    assert first["decision"]["compensation_sek"] == 500, first["answer"]
    body = ask_halland(client, "the nurse was just there with me, I was physically there",
                       first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["decision"]["compensation_sek"] == 500, body["answer"]


def test_a_plain_follow_up_asked_to_be_registered_as_a_breakpoint_talk_anyway_stays_what_it_was(
        client):
    # walk-through RE8982, stop 56: "bara uppföljning" was no occasion read, and "kan jag reg det
    # som brytpunktssamtal ändå" next got a breakpoint talk's card with 500 kr
    first = ask_halland(client, "hembesök 14/10 säbo brytpunkt 88-åring")
    cid = first["conversation_id"]
    follow = ask_halland(client, "samma pat fick nytt besök 20/10 bara uppföljning", cid)
    assert follow["decision"]["eligible"] is False, follow["answer"]
    body = ask_halland(client, "kan jag reg det som brytpunktssamtal ändå", cid)
    assert body["kind"] == "rule", body["answer"]
    assert body["answer"].startswith("Besöket registreras efter vad det gällde (annat)"), \
        body["answer"]
    assert body["decision"]["eligible"] is False and body["decision"]["compensation_sek"] == 0


def test_an_enrolment_day_without_its_year_in_a_what_if_is_the_last_such_day(client):
    # walk-through RE8983, stop 56, the municipality picked: "anslöts" was "restored" to
    # "ansluts", and "och om hon anslöts 29/8?" counted from 29 August next year, hiding a
    # follow-up already overdue
    today = today_in_stockholm()
    first = ask_in(client, VG, "Vi anslöt en patient 31 december 2025. När måste första "
                               "uppföljningen vara gjord?")
    body = ask_in(client, VG, "och om hon anslöts 29/8?", first["conversation_id"])
    day = date(today.year, 8, 29)
    if day > today:
        day = date(today.year - 1, 8, 29)
    assert body["date_rule"]["enrolled_on"] == day.isoformat(), body["answer"]


def test_a_patient_enrolled_at_the_discharge_not_before_is_a_new_patients_enrolment(client):
    # walk-throughs RE8985 and RE8982, stop 56: "ej inskriven i khsv innan, nu ny inskrivning"
    # beside the discharge got the discharge's rule and no 500 kr, and so did "and if she
    # wasnt in home care before but got enrolled at discharge" after a card
    said = ask_halland(client, "hembesök idag hos 77-åring ordinärt boende, utskriven 2/12, ej "
                               "inskriven i khsv innan, nu ny inskrivning")
    assert said["decision"]["compensation_sek"] == 500, said["answer"]
    assert "inskrivningssamtal" in said["answer"], said["answer"]
    first = ask_halland(client, "home visit 2 weeks ago, patient in her own flat, 72, discharged "
                                "from Halmstad hospital the day before, she's had municipal home "
                                "care for a year. register?")
    body = ask_halland(client, "and if she wasnt in home care before but got enrolled at "
                               "discharge", first["conversation_id"])
    assert body["kind"] == "rule" and body["decision"]["compensation_sek"] == 500, body["answer"]


def test_the_bonus_asked_after_a_card_is_the_visits_compensation(client):
    # walk-through RE8985, stop 56: "Does the clinic get the bonus" after a card was refused
    first = ask_halland(client, "inskrivningssamtal khsv ordinärt boende 79 år igår")
    body = ask_halland(client, "does the clinic get the bonus for that",
                       first["conversation_id"])
    assert body["kind"] == "rule", body["answer"]
    assert body["answer"].startswith("Extra compensation: yes, SEK 500"), body["answer"]
