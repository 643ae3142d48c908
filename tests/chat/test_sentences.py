"""Extractive answers: the sentence of a passage that answers the question, and highlighting."""

from kb.tokenizer import SwedishTokenizer, vocabulary_of

from server.chat.sentences import highlight_parts, select_sentences, split_sentences

PASSAGE = ("Registrering i Cosmic\n\nKontakttyp: Hemsjukvårdsbesök (dessa vårdkontakter kan aldrig "
           "ske på distans)\nKund: Primärvård\nPatientavgift: 200 kr om patient under 85 år "
           "(Läkare närsjukvård) eller Läkare närsjukvård äldre (85 år och äldre)")
TOK = SwedishTokenizer(vocabulary_of([PASSAGE]))


def test_sentences_split_at_line_breaks_and_full_stops():
    text = "Första meningen. Andra meningen!\n• en punkt\nsista"
    assert [text[s.start:s.end] for s in split_sentences(text)] == [
        "Första meningen.", "Andra meningen!", "• en punkt", "sista"]


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
