"""Extractive answers: the sentence of a passage that answers the question, and highlighting."""

from kb.tokenizer import SwedishTokenizer, vocabulary_of

import server.chat.sentences as S
from server.chat.sentences import highlight_parts, select_sentences, split_sentences

PASSAGE = ("Registrering i Cosmic\n\nKontakttyp: Hemsjukvårdsbesök (dessa vårdkontakter kan aldrig "
           "ske på distans)\nKund: Primärvård\nPatientavgift: 200 kr om patient under 85 år "
           "(Läkare närsjukvård) eller Läkare närsjukvård äldre (85 år och äldre)")
TOK = SwedishTokenizer(vocabulary_of([PASSAGE]))


def test_sentences_split_at_line_breaks_and_full_stops():
    text = "Första meningen. Andra meningen!\n• en punkt\nsista"
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "Första meningen.", "Andra meningen!", "• en punkt", "sista"]


def test_a_full_stop_ending_an_abbreviation_ends_no_sentence():
    # walk-through, stop 21: a published routine's "senast kl. 15.00 samma dag" was quoted as
    # "… senast kl." without the time
    text = "Beställs senast kl. 15.00 samma dag. Kostar ca. 100 kr. Se t.ex. Treserva."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "Beställs senast kl. 15.00 samma dag.", "Kostar ca. 100 kr.", "Se t.ex. Treserva."]


def test_a_list_number_starts_its_item_and_ends_no_sentence():
    # walk-through, stop 21: the HSU decision's points were quoted ending on a bare "2."
    text = "1. Utskottet beslutar om förslaget. 2. Utskottet genomför förslaget."
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "1. Utskottet beslutar om förslaget.", "2. Utskottet genomför förslaget."]


def test_the_sentence_sharing_the_questions_words_is_chosen():
    spans = select_sentences(set(TOK.tokenize("Vilken kund ska anges?")), PASSAGE, TOK.tokenize)
    assert PASSAGE[spans[0].start:spans[0].end] == "Kund: Primärvård"


def test_patient_fee_question_picks_the_fee_line():
    spans = select_sentences(set(TOK.tokenize("Vad är patientavgiften?")), PASSAGE, TOK.tokenize)
    assert PASSAGE[spans[0].start:spans[0].end].startswith("Patientavgift: 200 kr")


def test_highlight_parts_cover_the_whole_text_and_mark_the_spans():
    spans = select_sentences(set(TOK.tokenize("kund")), PASSAGE, TOK.tokenize)
    parts = highlight_parts(PASSAGE, spans)
    assert "".join(p["text"] for p in parts) == PASSAGE
    assert [p["text"] for p in parts if p["mark"]] == ["Kund: Primärvård"]


def _chosen(question: str, text: str, corpus: list[str] | None = None) -> str:
    from server.chat.sentences import TermFrequencies, question_terms
    tok = SwedishTokenizer(vocabulary_of([text, question, *(corpus or [])]))
    frequencies = None
    if corpus:
        df: dict[str, int] = {}
        for passage in corpus:
            for t in set(tok.tokenize(passage)):
                df[t] = df.get(t, 0) + 1
        frequencies = TermFrequencies(df, len(corpus))
    spans = select_sentences(question_terms(question, tok, None, frequencies), text, tok.tokenize)
    return " ".join(text[s.start:s.end] for s in spans)


VAS = ("Besökstyp: Hemsjukvårdsbesök\nBesöksform: Enskilt besök\nBesöksorsak: Samtal\n"
       "Avgiftstyp: H3\nSumma: 200 kr, om person är under 85 år.")


def test_a_field_the_question_names_is_chosen_over_a_line_sharing_more_words():
    assert _chosen("Vilken avgiftstyp fyller jag i för ett hemsjukvårdsbesök?", VAS) == "Avgiftstyp: H3"


def test_a_line_in_parentheses_stays_with_the_list_item_above_it():
    text = ("Ersättning utgår för besök som sker i samband med någon av nedan;\n"
            "- utskrivning från slutenvård för patienter på SäBo.\n"
            "(räknas som inskrivningssamtal i registrering vårdtjänst nedan)\n"
            "- brytpunktssamtal på SäBo.\n(räknas som brytpunktssamtal)")
    assert [text[s.start:s.end] for s in split_sentences(text)][1] == (
        "- utskrivning från slutenvård för patienter på SäBo.\n"
        "(räknas som inskrivningssamtal i registrering vårdtjänst nedan)")
    assert "räknas som inskrivningssamtal" in _chosen(
        "Hur registreras ett besök efter utskrivning från slutenvård?", text)


LEVELS = ("Vid anslutning till hemsjukvård, finns två avgiftsnivåer.\nNivå 1,\n"
          "Behov av insatser under vistelsetid på korttid.\nNivå 2\n"
          "Behov av insatser dygnet runt, oavsett vistelseplats.")


def test_a_lead_in_is_answered_by_the_labelled_item_the_question_names():
    assert _chosen("Vilken avgiftsnivå gäller för den som behöver insatser hela dygnet?", LEVELS) == (
        "Vid anslutning till hemsjukvård, finns två avgiftsnivåer. Nivå 2 "
        "Behov av insatser dygnet runt, oavsett vistelseplats.")
    assert "vistelsetid på korttid" in _chosen("Vad innebär avgiftsnivå 1?", LEVELS)


def test_a_sentence_going_on_from_the_best_one_is_joined():
    text = ("Inom barnhälsovården sker det första mötet med BVC-sköterskan i hemmet hos det "
            "nyfödda barnet.\nDärefter sker ytterligare hembesök vid 8 månader.\n"
            "När barnen börjar skolan tar skolhälsovården över.")
    assert "vid 8 månader" in _chosen("Gör BVC-sköterskorna hembesök hos nyfödda?", text)


def test_both_parts_of_a_two_part_question_are_answered():
    text = ("För patienter i palliativt skede finns ett konsultteam, PKT, anslutet till "
            "specialistvården.\nLäkaransvaret för patienterna som vårdas hemma ligger kvar på "
            "vårdcentralen där patienten är listad.")
    chosen = _chosen("Vad gör PKT och vem har läkaransvaret för en patient som vårdas hemma?", text)
    assert "PKT" in chosen and "Läkaransvaret" in chosen


def test_a_word_rare_in_the_corpus_outweighs_words_of_every_routine():
    text = ("Uppföljning kan göras i teamet runt patienten och patienten ska vara delaktig.\n"
            "En första uppföljning sker senast efter två månader.")
    corpus = [text] + [f"Patienten ska göra det som ska göras, rutin {i}." for i in range(20)]
    question = "När ska den första uppföljningen göras för en ny patient?"
    assert _chosen(question, text, corpus) == "En första uppföljning sker senast efter två månader."


FEES = ("Vid anslutning till hemsjukvård, finns två avgiftsnivåer.\nNivå 1,\nBehov av "
        "HSV-insatser under vistelsetid på korttid.\nBehov av HSV-insatser på Dagverksamhet.\n"
        "Nivå 2\nBehov av HSV -insatser dygnet runt, oavsett vistelseplats.")
FEE_TOK = SwedishTokenizer(vocabulary_of([FEES]))


def test_a_question_for_both_levels_gets_every_item_of_the_enumeration():
    from server.chat.sentences import question_terms

    q = question_terms("hsv-avgift nivå 1 och nivå 2, vad är skillnaden", FEE_TOK)
    quoted = " ".join(FEES[s.start:s.end] for s in select_sentences(q, FEES, FEE_TOK.tokenize))
    assert "korttid" in quoted and "Dagverksamhet" in quoted and "dygnet runt" in quoted


def test_a_question_for_one_level_gets_that_level():
    from server.chat.sentences import question_terms

    q = question_terms("Vad gäller för nivå 2?", FEE_TOK)
    quoted = " ".join(FEES[s.start:s.end] for s in select_sentences(q, FEES, FEE_TOK.tokenize))
    assert "dygnet runt" in quoted and "korttid" not in quoted


def test_a_sentence_opening_on_a_reference_comes_with_the_sentence_it_refers_to():
    text = ("Emellanåt är det svårt för läkare på vårdcentralen att genomföra hembesök. "
            "Med anledning av detta startades ett projekt 2015 med läkarmedverkan i hemsjukvård.")
    tok = SwedishTokenizer(vocabulary_of([text]))
    spans = select_sentences(set(tok.tokenize("När startades projektet med läkarmedverkan?")),
                             text, tok.tokenize)
    assert text[spans[0].start:spans[0].end].startswith("Emellanåt")
    assert "2015" in text[spans[-1].start:spans[-1].end]


def test_a_question_for_what_the_lead_in_announces_gets_every_item():
    # "vad är avgiften" names no level: both levels answer it, not level 1 cut after 3 lines
    from server.chat.sentences import question_terms

    q = question_terms("vad är avgiften för hemsjukvård?", FEE_TOK)
    quoted = " ".join(FEES[s.start:s.end] for s in select_sentences(q, FEES, FEE_TOK.tokenize))
    assert "korttid" in quoted and "Dagverksamhet" in quoted and "dygnet runt" in quoted


def test_a_list_without_a_lead_in_is_answered_whole_when_every_item_is_asked_for():
    from server.chat.sentences import question_terms

    text = ("- Antal utskrivna från slutenvården\n- Antal inskrivna i Läkarmedverkan\n"
            "- Andel oplanerad återinskrivning\n- Antal läkarbesök vårdcentral")
    tok = SwedishTokenizer(vocabulary_of([text]))
    q = question_terms("Vilka indikatorer för Läkarmedverkan ska följas upp?", tok)
    quoted = " ".join(text[s.start:s.end] for s in select_sentences(q, text, tok.tokenize))
    assert "utskrivna" in quoted and "återinskrivning" in quoted and "läkarbesök" in quoted


OCCASIONS = ("Ersättning utgår med 500 kr per hemsjukvårdsbesök utfört av läkare som sker i samband "
             "med någon av nedan;\n"
             "• utskrivning från slutenvård för patienter som redan är inskrivna på SäBo.\n"
             "• inskrivning för nya patienter på SäBo eller kommunal hemsjukvård.\n"
             "• brytpunktssamtal på SäBo eller kommunal hemsjukvård i ordinärt boende.")
OCCASIONS_TOK = SwedishTokenizer(vocabulary_of([OCCASIONS]))


def _quoted(question: str) -> str:
    from server.chat.sentences import question_terms

    q = question_terms(question, OCCASIONS_TOK)
    return " ".join(OCCASIONS[s.start:s.end]
                    for s in select_sentences(q, OCCASIONS, OCCASIONS_TOK.tokenize))


def test_a_lead_in_outranking_its_bullets_comes_with_every_bullet():
    # walk-through, stop 19: "när får man 500 kr?" got the lead-in and the first occasion only
    quoted = _quoted("när får man 500 kr?")
    assert "någon av nedan" in quoted
    assert "utskrivning" in quoted and "nya patienter" in quoted and "brytpunktssamtal" in quoted


def test_the_bullet_the_question_names_comes_alone_with_its_lead_in():
    quoted = _quoted("får vc 500 kr för brytpunktssamtal?")
    assert "någon av nedan" in quoted and "brytpunktssamtal" in quoted
    assert "utskrivning" not in quoted and "nya patienter" not in quoted


def test_a_bullet_comes_with_the_lead_in_that_says_what_it_is_one_of():
    quoted = _quoted("brytpunktssamtal på säbo eller i kommunal hemsjukvård i ordinärt boende?")
    assert quoted.startswith("Ersättning utgår med 500 kr") and "brytpunktssamtal" in quoted


def test_a_question_for_what_a_section_says_gets_the_whole_section():
    # walk-through, stop 19: "Vad innebär HSU-beslutet från 3 mars 2026?" got point 3 alone
    from server.chat.sentences import question_terms

    text = ("1. Utskottet beslutar om förslaget om stärkt läkarsamverkan.\n"
            "2. Utskottet genomför förslaget vilket innebär:\n"
            "● En utvidgning av Läkarmedverkans insatser\n"
            "3. Utskottet får information om att satsningen finansieras med omfördelade medel, "
            "motsvarande 28,5 miljoner kronor.\n"
            "4. Utskottet följer upp verksamheten.")
    tok = SwedishTokenizer(vocabulary_of([text, "Beslut HSU 2026-03-03"]))
    q = question_terms("Vad innebär HSU-beslutet från 3 mars 2026?", tok)
    generic = set(tok.tokenize("Beslut HSU 2026-03-03"))
    quoted = " ".join(text[s.start:s.end]
                      for s in select_sentences(q, text, tok.tokenize, generic=generic))
    assert "1. Utskottet" in quoted and "28,5 miljoner" in quoted and "4. Utskottet" in quoted


LEVEL_GROUPS = ("Vid anslutning till hemsjukvård, finns två avgiftsnivåer.\n\nNivå 1,\n\n"
          "Behov av insatser under vistelsetid på korttid.\nBehov av insatser under vistelsetid "
          "på dagverksamhet.\n\nNivå 2\n\nBehov av insatser dygnet runt.")


def test_a_label_asked_for_comes_with_its_whole_group_and_not_the_next_ones():
    # re-check, stop 22: "vad gäller för nivå 1" got "Nivå 1," with level 2's item ("Nivå 1,"
    # ends on a comma like a lead-in), then only the first line of level 1
    assert _chosen("vad gäller för nivå 1", LEVEL_GROUPS) == (
        "Nivå 1, Behov av insatser under vistelsetid på korttid. Behov av insatser under "
        "vistelsetid på dagverksamhet.")


def test_two_of_three_items_under_a_lead_in_bring_the_third():
    text = ("Ersättning utgår med 500 kr per besök som sker i samband med någon av nedan;\n"
            "- utskrivning från slutenvård för patienter på SäBo.\n"
            "- inskrivning för nya patienter på SäBo.\n"
            "- brytpunktssamtal på SäBo.\n"
            "Denna ersättning utgår ej inom Läkarmedverkan.")
    tok = SwedishTokenizer(vocabulary_of([text]))
    spans = select_sentences({"utskrivning", "brytpunktssamtal", "slutenvård", "säbo"}, text,
                             tok.tokenize)
    quoted = " ".join(text[x.start:x.end] for x in spans)
    if "utskrivning" in quoted and "brytpunktssamtal" in quoted:
        assert "inskrivning för nya patienter" in quoted


def test_a_compound_part_of_the_question_keeps_a_synonyms_expansion():
    # answer set, tuning part: "… nån som bor i egen lägenhet ska få hemsjukvård" lost the
    # lexicon's "ordinärt boende" in the routine's passage, because "hem" of "hemsjukvård"
    # was taken for the question's own word of the group ("eget hem")
    from kb.lexicon import Lexicon
    from server.chat.sentences import question_terms

    passage = ("Personer som bor på Vård-och omsorgsboende ansluts till hemsjukvården vid "
               "inflyttning. Personer i ordinärt boende kan beviljas hemsjukvård om "
               "vårdbegäran är gjord.")
    tok = SwedishTokenizer(vocabulary_of([passage, "vård i eget hem, sjukvård"]))
    question = question_terms("vad krävs för att nån som bor i egen lägenhet ska få "
                              "hemsjukvård", tok, Lexicon.load())
    assert "hem" in question.own  # a part of "hemsjukvård"
    kept = question.for_passage(set(tok.tokenize(passage)))
    assert "ordinärt" in kept.expanded


def test_a_stem_two_lexicon_groups_share_expands_neither():
    # answer sets A and D, tuning parts: "boende" of "ordinärt boende" found "Vård-och
    # omsorgsboende" for "nån som bor i egen lägenhet"
    from kb.lexicon import Lexicon
    from server.chat.sentences import question_terms

    lexicon = Lexicon.load()
    tok = SwedishTokenizer(vocabulary_of(["Personer i ordinärt boende. Vård-och omsorgsboende."]))
    assert tok.stem("boende") in lexicon.shared_stems(tok)  # särskilt boende, ordinärt boende
    question = question_terms("nån som bor i egen lägenhet", tok, lexicon)
    assert "ordinärt" in question.expanded and tok.stem("boende") not in question.expanded


def test_the_hours_of_a_shift_asked_are_a_typed_cue_for_a_sentence_giving_times_of_day():
    # walk-through, stop 37: "kvällssköterskans arbetstider" got a published routine's
    # purpose, its hours a passage further down
    asks = S.CUES["hours"][0]
    says = S.CUES["hours"][1]
    assert "hours" in S.TYPED_CUES
    for question in ("kvällssköterskans arbetstider", "när börjar kvällsjouren",
                     "vilka tider jobbar nattpatrullen", "when does the evening nurse start"):
        assert asks.search(question), question
    assert not asks.search("när började 500 kr gälla")
    assert says.search("Kvällsjouren börjar kl. 16.00 och slutar kl. 22.00.")
    assert says.search("Kvällssjuksköterska tjänstgör 16.30–21.30 alla dagar.")
    assert not says.search("Rutinen ska säkra att patienter får insatser under kvällen.")


def test_a_time_of_day_asked_is_held_by_a_range_past_midnight_and_not_by_others():
    # walk-through, stop 37: the evening nurse was given for 22.15
    assert S.clock_asked("vilket nr kl 22.15") == 22 * 60 + 15
    assert S.clock_asked("vem ringer jag kl 18") == 18 * 60
    assert S.clock_asked("besök 15.11.2026") is None
    assert S.holds_clock("Natt 21.30–07.00 alla dagar", 22 * 60 + 15) is True
    assert S.holds_clock("Natt 21.30–07.00 alla dagar", 6 * 60) is True
    assert S.holds_clock("Kväll 16.30–21.30 alla dagar", 22 * 60 + 15) is False
    assert S.holds_clock("Rutinen gäller från 2026-09-01.", 600) is None
