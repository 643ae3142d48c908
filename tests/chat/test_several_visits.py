"""Several visits described in one message, each registered by the rules on its own, through
the real app (walk-throughs, stops 33 and 34: only the first visit was answered, the others
silently dropped)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rutin.clock import today_in_stockholm
from server.chat.visits import visit_described
from tests.chat.helpers import ask_halland
from tests.pages.conftest import CSRF


def _service(decision: dict) -> str:
    return next(r["value"] for r in decision["registration"] if r["field"] == "Vårdtjänst")


def test_numbered_visits_in_one_message_each_get_their_own_registration(ask):
    body = ask("två besök idag: 1) 87-åring på säbo efter utskrivning 2) 70-åring hemma, "
               "brytpunktssamtal")
    assert body["kind"] == "rule" and body["visits"] == 2
    first, second = body["decisions"]
    assert body["decision"] == first
    assert _service(first).endswith("inskrivningssamtal")
    assert first["eligible"] is True and first["patient_fee_sek"] == 0
    assert _service(second).endswith("brytpunktssamtal")
    assert second["patient_fee_sek"] == 200
    assert "Besök 1 av 2" in body["answer"] and "Besök 2 av 2" in body["answer"]


def test_the_conversation_goes_on_with_the_visit_whose_question_waits(ask):
    # the second visit does not say whether the patient is enrolled in municipal care: that
    # question is asked, and a reply or a follow-up is about that visit
    body = ask("1) 87 år säbo utskrivning 2) 70 år hemma brytpunktssamtal")
    assert body["question"] and "besök 2" in body["answer"].split("\n\n")[-1]
    assert body["facts"]["patient_age"] == 70
    more = ask("och om det var per telefon", body["conversation_id"])
    assert more["decision"]["eligible"] is False
    assert more["facts"]["patient_age"] == 70


def test_visits_on_their_own_lines_share_the_day_said_before_them(ask):
    yesterday = (today_in_stockholm() - timedelta(days=1)).isoformat()
    body = ask("har 3 besök från igår att reg\n87 år säbo utskrivning\n"
               "70 år hemma khsv brytpunkt\n92 år ny pat inskrivning ordinärt boende")
    assert body["visits"] == 3
    assert [d["visit_date"] for d in body["decisions"]] == [yesterday] * 3
    assert [d["eligible"] for d in body["decisions"]] == [True, True, True]


def test_the_same_visit_at_another_age_takes_the_other_facts_of_the_visit_before(ask):
    body = ask("87 år säbo utskrivning idag; samma men 70 år")
    assert body["visits"] == 2
    first, second = body["decisions"]
    assert _service(first) == _service(second)
    assert (first["patient_fee_sek"], second["patient_fee_sek"]) == (0, 200)


def test_a_correction_after_a_semicolon_is_the_same_visit_not_another(ask):
    body = ask("87 år säbo utskrivning idag; nej förlåt, 78 år")
    assert body["visits"] is None and body["decisions"] is None
    assert body["decision"]["patient_fee_sek"] == 200


def test_english_visits_in_one_message_are_answered_in_english(ask):
    body = ask("visit 1: 88 y/o in nursing home after discharge today. visit 2: 60 yo at home "
               "in municipal care, end of life talk today")
    assert body["visits"] == 2
    assert "Visit 1 of 2" in body["answer"] and "Visit 2 of 2" in body["answer"]
    assert [d["eligible"] for d in body["decisions"]] == [True, True]


def test_the_chat_page_shows_a_card_for_each_visit(client):
    token = CSRF.search(client.get("/").text).group(1)
    r = client.post("/", data={"message": "1) 87 år säbo utskrivning idag 2) 70 år hemma "
                                          "khsv brytpunktssamtal idag",
                               "csrf_token": token})
    assert r.status_code == 200
    page = r.text
    assert page.count('class="fields registration-card"') == 2
    assert "Besök 1 av 2" in page and "Besök 2 av 2" in page
    assert "Riktad hemsjukvård| information| brytpunktssamtal" in page


def test_a_visit_named_by_its_number_or_place_is_the_one_followed_up(ask):
    # walk-through, stop 35: after three visits, "besök 2 var på distans faktiskt" changed the
    # third, "vad får vi för besök 1" answered with the third's facts, and "rättelse: trean var
    # 84 inte 91" was refused
    body = ask("1) 87 år säbo brytpunkt idag 2) 72 år hemma khsv inskrivning idag "
               "3) 91 år säbo utskrivning idag")
    cid = body["conversation_id"]
    second = ask("besök 2 var på distans faktiskt", cid)
    assert second["answer"].startswith("Gäller besök 2.")
    assert second["facts"]["patient_age"] == 72 and second["decision"]["eligible"] is False
    first = ask("vad får vi för besök 1", cid)
    assert first["facts"]["patient_age"] == 87 and first["decision"]["eligible"] is True
    assert first["decision"]["patient_fee_sek"] == 0
    third = ask("rättelse: trean var 84 inte 91", cid)
    assert "ålder 91 → 84" in third["answer"] and third["decision"]["patient_fee_sek"] == 200
    again = ask("och den andra, vad betalar hon", cid)
    assert again["facts"]["patient_age"] == 72 and again["facts"]["remote"] is True


def test_visits_joined_by_och_and_a_nurse_with_both_are_each_the_physicians(ask):
    # walk-through, stop 35: "… båda på Solgårdens säbo: 88 år brytpunkt och 90 år utskrivning.
    # ssk Anna var med på båda" was one nurse's visit, "nej", the second never answered
    body = ask("två besök igår båda på Solgårdens säbo: 88 år brytpunkt och 90 år "
               "utskrivning. ssk Anna var med på båda")
    assert body["visits"] == 2
    assert [d["eligible"] for d in body["decisions"]] == [True, True]


def test_a_day_said_first_is_the_day_of_every_visit_naming_none(ask):
    # walk-through, stop 35: "12 feb 2025 två besök: …, sen en 85-åring …" took the second as
    # today's, with Cosmic's fields instead of VAS's
    body = ask("12 feb 2025 två besök: 87 år säbo brytpunkt, sen en 85-åring utskrivning säbo")
    assert body["visits"] == 2
    assert [d["visit_date"] for d in body["decisions"]] == ["2025-02-12"] * 2
    assert [d["system"] for d in body["decisions"]] == ["VAS", "VAS"]


def test_todays_visits_as_a_list_and_with_sen_or_last_are_each_answered(ask):
    # walk-through, stop 35: "… efter utskrivning sen en 67-åring …" dropped the second visit,
    # "first …, then …, last …" the third; "hem från sjh i förrgår" was the visit's day, not a
    # discharge
    listed = ask("dagens besök:\n1. 91-åring säbo, brytpunktssamtal\n2. 78 år ordinärt boende "
                 "khsv, hem från sjh i förrgår\n3. ny pat inskrivning khsv 84 år")
    assert listed["visits"] == 3
    today = today_in_stockholm().isoformat()
    assert [d["visit_date"] for d in listed["decisions"]] == [today] * 3
    assert listed["decisions"][1]["eligible"] is True  # the discharge's 500 kr
    two = ask("idag 2 hembesök, en 88-åring på säbo efter utskrivning sen en 67-åring i eget "
              "boende inskrivningssamtal")
    assert two["visits"] == 2
    three = ask("Visits today: first 92 yo at sabo discharged from hospital on monday, then a "
                "79 yo in her own flat (khsv) for breakpoint talk, last an 83 yo ordinary "
                "housing not in khsv, routine bp check")
    assert three["visits"] == 3
    assert [d["eligible"] for d in three["decisions"]] == [True, True, False]


def test_a_visits_list_under_a_dated_heading_with_a_personnummer_is_each_visit(ask):
    # walk-through, stop 36: "dagens besök 28/3-25:" was read as this year's 28 March (the
    # colon after the year), and a personnummer in one visit merged two visits into one
    listed = ask("dagens besök 28/3-25:\n- säbo 80 år efter utskrivning\n"
                 "- ny inskrivning khsv ordinärt boende 70 år\nvad reggar jag")
    assert listed["visits"] == 2
    assert [d["system"] for d in listed["decisions"]] == ["VAS", "VAS"]
    two = ask("två besök 30/12-24: 1) 19391231-8429 säbo hem från sjukhus "
              "2) brytpunktssamtal khsv hemma 90 år. avgift för dom?")
    assert two["visits"] == 2, two["answer"]
    assert [d["visit_date"] for d in two["decisions"]] == ["2024-12-30"] * 2
    assert [d["patient_fee_sek"] for d in two["decisions"]] == [200, 0]  # 84, then 90
    assert "19391231" not in str(two) and "8429" not in two["answer"]


def test_visits_after_commas_in_prose_are_each_answered(ask):
    # walk-through, stop 36: "…, en 92-åring …" and "…, and new khsv enrolment 60yo …" were
    # answered as one visit ("hemkommen från HS" and "ny i khsv" unread too)
    prose = ask("i fredags 3 hembesök. en 84åring på säbo hemkommen från HS, en 92-åring med "
                "khsv där vi hade brytpunktssamtal och en 66-åring ny i khsv. hur mkt "
                "ersättning blir det totalt")
    assert prose["visits"] == 3, prose["answer"]
    # (the first at a SäBo after a discharge gives 500 kr; "med khsv" / "ny i khsv" name no
    # housing, which the rules then ask for, never guess)
    assert prose["decisions"][0]["compensation_sek"] == 500
    assert [d["missing"] for d in prose["decisions"]] == [[], ["setting"], ["setting"]]
    assert [d["patient_age"] for d in prose["decisions"]] == [84, 92, 66]
    english = ask("did 2 home visits 27 mar 2025: sabo pt 87 after discharge, and new khsv "
                  "enrolment 60yo in own home. registration for both pls")
    assert english["visits"] == 2, english["answer"]
    assert [d["patient_fee_sek"] for d in english["decisions"]] == [0, 200]


def test_an_ordinal_alone_opening_a_correction_names_that_visit(ask):
    # walk-through, stop 36: "fel av mig, tredje var 1934" was refused
    a = ask("1) 87 år säbo brytpunkt idag 2) 72 år hemma khsv inskrivning idag "
            "3) 91 år säbo utskrivning idag")
    b = ask("fel av mig, tredje var född 1934", a["conversation_id"])
    assert b["kind"] == "rule" and b["answer"].startswith("Gäller besök 3."), b["answer"]


def test_my_other_patient_is_another_visit_not_the_occasion_other(ask):
    # walk-through, stop 40: "my other patient is 64, also discharged to säbo" was read as the
    # occasion "other" and lost the discharge visit's 500 kr
    first = ask("saw a lady at a säbo today, discharged from hospital yesterday, she's 87. "
                "registration pls")
    assert first["decision"]["eligible"] is True
    body = ask("my other patient is 64, also discharged to säbo, seen today too",
               first["conversation_id"])
    assert body["understood"]["facts"]["occasion"] == "utskrivning"
    assert body["understood"]["facts"]["patient_age"] == 64
    assert body["decision"]["eligible"] is True


@pytest.mark.parametrize("message, fees", [
    ("inskrivningssamtal khsv 2 besök förra veckan, ena pat 72 andra 88, vad betalar de",
     [200, 0]),
    ("brytpunktssamtal på säbo igår, den ena 80 den andra 90", [200, 0]),
    ("enrolment visits yesterday at sabo, one pt 72 the other 88", [200, 0])])
def test_one_patient_and_the_other_in_one_message_are_two_visits(client, message, fees):
    # walk-through, stop 41: "… ena pat 72 andra 88, vad betalar de" answered the 72-year-old
    # alone (200 kr); the 88-year-old, free of charge, was dropped
    body = ask_halland(client, message)
    assert body["kind"] == "rule" and body["visits"] == 2, body["answer"]
    assert [d["patient_fee_sek"] for d in body["decisions"]] == fees


def test_a_correction_of_besok_1_with_a_colon_goes_to_the_first_visit(ask):
    # walk-through, stop 42: "besök 1: nej förresten hon var 84 …", the form the answer itself
    # suggests, changed the second visit (its age 79 became 84, its fee with it)
    a = ask("igår 2 besök: 87-åring säbo efter utskrivning, sen 79-åring hemma brytpunktssamtal")
    b = ask("ja", a["conversation_id"])
    c = ask("besök 1: nej förresten hon var 84", b["conversation_id"])
    assert c["answer"].startswith("Gäller besök 1."), c["answer"]
    assert c["decision"]["patient_fee_sek"] == 200 and c["decision"]["eligible"] is True
    assert _service(c["decision"]).endswith("inskrivningssamtal")
    d = ask("besök 2: vad betalar hen", c["conversation_id"])
    assert d["facts"]["patient_age"] == 79 and _service(d["decision"]).endswith("brytpunktssamtal")


def test_visits_each_opening_on_their_own_day_after_a_comma_are_each_answered(ask):
    # walk-through, stop 42: only the first of three visits was answered, the others dropped
    body = ask("3 besök att efterreg: 12/2 -25 inskrivning 86 år säbo, 2/4 -25 brytpunkt 70 år "
               "hemma m khsv, i fredags vanlig uppföljning 92 år säbo")
    assert body["visits"] == 3, body["answer"]
    first, second, third = body["decisions"]
    assert first["system"] == "VAS" and first["patient_fee_sek"] == 0
    assert second["system"] == "Cosmic" and second["patient_fee_sek"] == 200
    assert second["eligible"] is True and third["eligible"] is False


@pytest.mark.parametrize("message", [
    "idag har ja varit hos en 91-åring på säbo efter utskrivning, en 79 årig khsv-pat i eget "
    "hem som skrevs in nyss, och en 83-åring på säbo brytpunktsamtal",
    "tre besök idag. första en 91-åring på säbo, utskrivning. andra en 79-åring med khsv hemma, "
    "ny inskrivning. tredje 83 år brytpunktssamtal på säbo",
])
def test_three_visits_in_prose_are_three_visits(ask, message):
    # walk-through, stop 42: both became two visits, the 91-year-old charged 200 kr and a visit
    # giving 500 kr dropped
    body = ask(message)
    assert body["visits"] == 3, body["answer"]
    ages = [d["patient_fee_sek"] for d in body["decisions"]]
    assert ages == [0, 200, 200]
    assert all(d["eligible"] for d in body["decisions"])


def test_a_day_of_a_month_in_a_what_if_of_a_numbered_visit_is_never_its_age(ask):
    # walk-through, stop 42: "om besök 1 hade varit 31 mars 2025?" made the 87-year-old 31
    a = ask("2 besök idag: 1) 87-åring säbo efter utskrivning 2) 70-åring hemma khsv, "
            "brytpunktssamtal")
    b = ask("om besök 1 hade varit 31 mars 2025?", a["conversation_id"])
    assert b["facts"]["patient_age"] == 87 and b["facts"]["visit_date"] == "2025-03-31"
    assert b["decision"]["patient_fee_sek"] == 0


def test_the_first_patient_of_a_conversation_is_named_again_after_another(ask):
    # walk-throughs, stops 46 and 47: "tillbaka till den första tanten, vad betalar hon?"
    # after another patient got the second patient's card
    a = ask("tant 88 på säbo, hembesök 2026-12-01 efter utskrivning, hur reggar jag")
    b = ask("ny pat: gubbe 79 i eget hus, inte inskriven i hemsjukvården, hembesök 2026-12-02 "
            "brytpunktssamtal", a["conversation_id"])
    assert b["decision"]["compensation_sek"] == 0
    c = ask("tillbaka till den första tanten, vad betalar hon?", b["conversation_id"])
    assert c["kind"] == "rule" and c["facts"]["patient_age"] == 88, c["answer"]
    assert c["decision"]["patient_fee_sek"] == 0 and c["decision"]["compensation_sek"] == 500
    d = ask("och den andra då, får vi 500 kr för honom?", c["conversation_id"])
    assert d["facts"]["patient_age"] == 79 and d["decision"]["compensation_sek"] == 0


def test_a_patient_described_again_is_found_among_the_visits_told():
    # walk-through RE8965, stop 54: in a round of two patients, "tillbaka till tanten på säbo
    # 25/3, …" and "och gubben på 90, brytpunkten den 31:a, …" amended the visit of the
    # patient last spoken of
    today = date(2026, 12, 7)
    visits = [{"visit_date": "2025-03-25", "occasion": "inskrivning", "setting": "sabo",
               "patient_age": 84},
              {"visit_date": "2025-03-31", "occasion": "brytpunktssamtal",
               "setting": "ordinart_boende", "patient_age": 90}]
    assert visit_described("tillbaka till tanten på säbo 25/3, vad ska stå i besöksform och "
                           "summa igen", visits, 1, today) \
        == (0, "vad ska stå i besöksform och summa igen")
    assert visit_described("och gubben på 90, brytpunkten den 31:a, den reggar jag i cosmic va",
                           visits, 0, today) == (1, "den reggar jag i cosmic va")
    # (the patient spoken of, or one no visit agrees with, is no other visit)
    assert visit_described("och gubben på 90, vad betalar han", visits, 1, today) is None
    assert visit_described("och tanten på 70, vad betalar hon", visits, 1, today) is None
    assert visit_described("tanten på säbo 25/3", visits[:1], None, today) is None


def test_a_round_of_two_patients_goes_back_to_each_by_what_the_physician_called_them(ask):
    # walk-through RE8965, stop 54: the second patient's registration asked by describing him
    # got the first patient's day, the VAS card and 200 kr for a man of 90
    cid = ask("hittade ett oregistrerat besök från förra året, 25 mars typ. inskrivning på "
              "säbo, tant 84 år")["conversation_id"]
    ask("en till från samma vecka: brytpunktssamtal hemma 31/3 2025, gubbe 90 år med khsv", cid)
    back = ask("tillbaka till tanten på säbo 25/3, vad ska stå i summa igen", cid)
    assert back["decision"]["visit_date"] == "2025-03-25", back["answer"]
    assert back["decision"]["system"] == "VAS" and back["decision"]["patient_fee_sek"] == 200
    him = ask("och gubben på 90, brytpunkten den 31:a, den reggar jag i cosmic va", cid)
    assert him["decision"]["visit_date"] == "2025-03-31", him["answer"]
    assert him["decision"]["system"] == "Cosmic" and him["decision"]["patient_fee_sek"] == 0


def test_a_like_patient_is_another_patient_and_the_first_is_found_again_by_her_day(ask):
    # walk-through RE8968, stop 54: "hade en liknande pat i våras innan cosmic, besök 3/3 2025,
    # samma sak utskriven säbo, 91 år …" amended today's patient, and "ok. tillbaka till damen
    # från idag (84) – om det bara var ett vanligt uppföljningsbesök, …" then amended the
    # patient of 2025: a VAS card, 500 kr for an ordinary visit
    cid = ask("87-åring på säbo utskriven från sjukhuset i fredags, gjorde hembesök idag. hur "
              "reggar jag i cosmic")["conversation_id"]
    ask("nej förlåt hon är 84, fyller 85 i jan", cid)
    other = ask("hade en liknande pat i våras innan cosmic, besök 3/3 2025, samma sak utskriven "
                "säbo, 91 år. vad blev det i VAS", cid)
    assert other["decision"]["system"] == "VAS" and "En annan patient" in other["answer"]
    back = ask("ok. tillbaka till damen från idag (84) – om det bara var ett vanligt "
               "uppföljningsbesök, ingen utskrivning. blir det 500 då", cid)
    assert back["decision"]["system"] == "Cosmic", back["answer"]
    assert back["decision"]["visit_date"] == today_in_stockholm().isoformat(), back["answer"]
    assert back["decision"]["compensation_sek"] == 0, back["answer"]


def test_patients_lettered_a_and_b_are_two_visits_each_with_its_own_fee(client):
    # walk-through RE8974, stop 55: "pat A 86 …, pat B 70 …" and "Mrs A, 87, … Mr B, 64, …"
    # were merged into one visit: pat A was later charged pat B's 200 kr, Mr B got Mrs A's card
    from tests.chat.helpers import ask_halland

    first = ask_halland(client, "pat A 86 säbo brytpunktsamtal 20/11, pat B 70 khsv ordinärt "
                                "boende utskriven från lasarettet igår hembesök idag. reg båda")
    cid = first["conversation_id"]
    assert first["answer"].startswith("Meddelandet beskriver 2 besök"), first["answer"]
    b = ask_halland(client, "pat B är 66 inte 70", cid)
    assert b["decision"]["patient_fee_sek"] == 200, b["answer"]
    a = ask_halland(client, "pat A, vad betalar hen", cid)
    assert a["decision"]["patient_fee_sek"] == 0, a["answer"]
    assert "Läkare närsjukvård äldre" in a["answer"], a["answer"]
    english = ask_halland(client, "Two patients this morning: Mrs A, 87, Sabo, breakpoint talk. "
                                  "Mr B, 64, own home, enrolled in home care, visit after "
                                  "discharge. Codes for both?")
    cid = english["conversation_id"]
    mrs = ask_halland(client, "Mrs A - what's the fee", cid)
    assert mrs["decision"]["patient_fee_sek"] == 0, mrs["answer"]
    mr = ask_halland(client, "Mr B's fee?", cid)
    assert mr["decision"]["patient_fee_sek"] == 200, mr["answer"]


def test_both_visits_asked_of_together_are_each_answered(client):
    # walk-through RE8974, stop 55: "får vc 500 för båda" after a first patient's enrolment talk
    # and a second's fever visit answered "Extra ersättning: ja" of the current visit alone
    from tests.chat.helpers import ask_halland

    first = ask_halland(client, "två pat idag. först 72-åring ordinärt boende inskriven khsv, "
                                "inskrivningssamtal hemma. reg")
    cid = first["conversation_id"]
    ask_halland(client, "andra pat 91 år säbo, vanligt hembesök pga feber, ingen utskrivning", cid)
    body = ask_halland(client, "får vc 500 för båda", cid)
    assert body["answer"].startswith("Samtalet gäller 2 besök"), body["answer"]
    assert [d["compensation_sek"] for d in body["decisions"]] == [500, 0], body["answer"]


def test_the_first_guy_names_the_first_patient(client):
    # walk-through RE8977, stop 55: "the first guy" named no visit of a conversation of two
    from tests.chat.helpers import ask_halland

    first = ask_halland(client, "Two patients from this morning. First: 88yo man, Sabo, "
                                "breakpoint conversation with family. Codes?")
    cid = first["conversation_id"]
    ask_halland(client, "Second: 66yo woman, own house, not enrolled in home care before, I did "
                        "the enrolment visit together with the municipal nurse", cid)
    body = ask_halland(client, "the first guy, what does he pay", cid)
    assert body["answer"].startswith("About visit 1."), body["answer"]
    assert body["decision"]["patient_fee_sek"] == 0, body["answer"]


@pytest.mark.parametrize("first,second,asked,back", [
    ("2 pat idag. pat 1: 82 säbo inskrivn ny. reg", "pat 2: 93 khsv hemma, brytpunktsamtal",
     "vad betalar pat 2", "o pat 1"),
    ("pat A 82 säbo inskrivning idag", "pat B 93 khsv hemma brytpunktsamtal",
     "vad betalar pat B", "vad betalar pat A"),
])
def test_patients_numbered_or_lettered_one_per_message_are_visits_of_their_own(
        client, first, second, asked, back):
    # walk-through RE8982, stop 56: "pat 1: 82 …" lost its age, "pat 2: 93 …" next amended
    # patient 1's visit ("Ändrat: anledning …"), and "o pat 1" was not understood
    a = ask_halland(client, first)
    cid = a["conversation_id"]
    assert a["decision"]["patient_fee_sek"] == 200, a["answer"]
    b = ask_halland(client, second, cid)
    assert "Ändrat" not in b["answer"] and b["decision"]["patient_fee_sek"] == 0, b["answer"]
    c = ask_halland(client, asked, cid)
    assert c["decision"]["patient_fee_sek"] == 0, c["answer"]
    d = ask_halland(client, back, cid)
    assert d["kind"] == "rule" and d["decision"]["patient_fee_sek"] == 200, d["answer"]
    assert "Gäller besök 1." in d["answer"], d["answer"]
