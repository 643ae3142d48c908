"""The extraction artefacts seen in the bundled documents are gone; the text reads naturally."""

from __future__ import annotations

import re

import pytest

from ingest.cleaning import bullet_item, is_artefact, normalize_inline
from ingest.pipeline import load_directory


@pytest.fixture(scope="module")
def documents(documents_dir):
    loaded, failures = load_directory(documents_dir)
    assert failures == []
    return {document.id: document for document in loaded}


@pytest.fixture(scope="module")
def cosmic(documents):
    return documents["rh-hemsjukvardsbesok-cosmic"]


@pytest.fixture(scope="module")
def vas(documents):
    return documents["rh-hemsjukvardsbesok-vas"]


@pytest.fixture(scope="module")
def hsu(documents):
    return documents["rh-hsu-lakarinsatser-i-hemmet"]


@pytest.fixture(scope="module")
def vg(documents):
    return documents["vg-hemsjukvard-anslutning-utskrivning"]


@pytest.fixture(scope="module")
def report(documents):
    return documents["rh-mobil-hemsjukvard-rapport"]


def lines(document):
    return document.text.split("\n")


def test_word_bookmarks_are_gone_from_the_vas_routine(vas):
    assert "[bookmark:" not in vas.text
    assert "_Toc" not in vas.text
    assert "Syfte" in lines(vas)


def test_slide_footer_and_signature_are_gone_from_the_decision(hsu):
    assert "Bästa livsplatsen" not in hsu.text
    assert "│" not in hsu.text
    assert "@regionhalland.se" not in hsu.text


def test_page_header_of_the_municipality_is_gone(vg):
    assert "Sektor Välfärd" not in vg.text
    # ... and the paragraph it interrupted reads on.
    assert "Beslut angående anslutning till hemsjukvården tas av hemsjukvårdens planeringsfunktion." in vg.text


def test_no_document_keeps_bare_url_lines_or_bullet_glyphs(documents):
    for document in documents.values():
        for line in lines(document):
            assert not re.match(r"^\s*(https?://|www\.)\S*$", line), (document.id, line)
            assert not re.match(r"^\s*[•·●o\uf0b7]\s", line), (document.id, line)
        assert "•" not in document.text and "●" not in document.text and "\uf0b7" not in document.text
        assert "\u00a0" not in document.text


def test_bare_urls_are_kept_as_links(cosmic, vg):
    assert any("Overenskommelse-om-hemsjukvarden-i-Halland-2021-2028.pdf" in link for link in cosmic.links)
    assert "https://www.vardsamverkan.se/dokument/halso--och-sjukvardsavtalet-2017-2020/" in vg.links


def test_no_trailing_spaces_stray_dots_or_blank_runs(documents):
    for document in documents.values():
        for line in lines(document):
            assert line == line.strip(), (document.id, line)
            assert line not in (".", "-"), document.id
        assert "\n\n\n" not in document.text


def test_cosmic_sentences_broken_over_lines_read_on_one_line(cosmic):
    assert (
        "Ersättning utgår med 500 kr per hemsjukvårdsbesök utfört av läkare som sker i samband "
        "med någon av nedan;"
    ) in lines(cosmic)
    assert "Kontakttyp: Hemsjukvårdsbesök (dessa vårdkontakter kan aldrig ske på distans)" in lines(cosmic)
    assert (
        "Rutinen ska leda till ett gemensamt sätt att registrera riktade hemsjukvårdsbesök i "
        "kommunal hälso- och sjukvård utfört av läkare."
    ) in lines(cosmic)


def test_cosmic_registration_fields_stay_on_their_own_lines(cosmic):
    text_lines = lines(cosmic)
    assert "Vårdtjänst:" in text_lines
    assert "- Riktad hemsjukvård| information| inskrivningssamtal" in text_lines
    assert "- Riktad hemsjukvård| information| brytpunktssamtal" in text_lines
    assert "Kund: Primärvård" in text_lines
    assert (
        "Patientavgift: 200 kr om patient under 85 år (Läkare närsjukvård) eller Läkare "
        "närsjukvård äldre (85 år och äldre)"
    ) in text_lines


def test_vas_registration_fields_stay_on_their_own_lines(vas):
    text_lines = lines(vas)
    for field in (
        "Besökstyp: Hemsjukvårdsbesök",
        "Besöksform: Enskilt besök",
        "Besöksorsak: Samtal",
        "Avgiftstyp: H3",
        "Summa: 200 kr, om person är under 85 år. Avgiftsfritt om 85 år och äldre.",
    ):
        assert field in text_lines


def test_bullets_become_dash_items_joined_over_their_wrapped_lines(cosmic, vas, hsu):
    assert (
        "- brytpunktssamtal på SäBo eller kommunal hemsjukvård i ordinärt boende. (räknas som "
        "brytpunktssamtal i registrering vårdtjänst nedan)"
    ) in lines(cosmic)
    assert "- vid inskrivningssamtal och brytpunktssamtal på SäBo eller kommunal hemsjukvård." in lines(vas)
    assert "- Giltighet 2028-12-31" in lines(hsu)  # an "o" sub-bullet of the slides


def test_repeated_slide_titles_appear_once(hsu):
    text_lines = lines(hsu)
    assert text_lines[0] == "Bakgrund" and text_lines[1] == ""
    assert "Bakgrund" not in text_lines[1:3]
    assert text_lines.count("Nya avtal för särskilt boende") == 1


def test_words_split_by_no_break_spaces_are_plain_words(hsu):
    assert "- Läkarstöd erbjuds från Läkarmedverkan i upp till 14 dagar, med möjlighet till förlängning" in hsu.text


def test_slide_title_is_not_glued_to_the_previous_slide(hsu):
    assert "Läkarinsatser i hemmet efter utskrivning" in lines(hsu)
    assert "vårdcentralerna Läkarinsatser" not in hsu.text


def test_references_stay_apart(cosmic):
    assert "Overenskommelse-om-hemsjukvarden-i-Halland-2021-2028.pdf (regionhalland.se)" in lines(cosmic)


def test_a_sentence_interrupted_by_a_blank_line_is_joined(vg, report):
    assert (
        "Enligt Hälso- och sjukvårdsavtalet i Västra Götaland ska ett gott, säkert och jämlikt "
        "omhändertagande säkras"
    ) in vg.text
    assert "- ta fram en nulägesanalys över hur Närsjukvårdens vårdcentraler arbetar med hembesök" in lines(report)


def test_report_tables_keep_one_row_per_line(report):
    text_lines = lines(report)
    assert "Totala antalet hembesök inom Vårdcentralen Halland per kategori" in text_lines
    assert "Läkare 3016 2213 2715" in text_lines
    assert "Undersköterska 12,5 17,9 25,4" in text_lines
    assert "Buss 2 st distriktsköterskor 4 84 75%" in text_lines
    assert "Besök per dag" in text_lines  # a header cell broken over two lines, whole again


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("[bookmark: _Toc120610691][bookmark: _Toc122354044]Bakgrund ", "Bakgrund"),
        ("Region\u00a0Halland\u00a0 ", "Region Halland"),
        ("  Syfte  \t", "Syfte"),
    ],
)
def test_normalize_inline(raw, clean):
    assert normalize_inline(raw) == clean


@pytest.mark.parametrize(
    ("raw", "item"),
    [
        ("• utskrivning från slutenvård", "- utskrivning från slutenvård"),
        ("· vid inskrivningssamtal", "- vid inskrivningssamtal"),
        ("● Inkomna avvikelser", "- Inkomna avvikelser"),
        ("o Giltighet 2028-12-31", "- Giltighet 2028-12-31"),
        ("\uf0b7 Antal besök", "- Antal besök"),
        ("1.Omvärldsanalys, projektgruppen", "1. Omvärldsanalys, projektgruppen"),
        ("Ordinärt boende", None),
        ("omsorg", None),
    ],
)
def test_bullet_glyphs_become_one_marker(raw, item):
    assert bullet_item(raw) == item


@pytest.mark.parametrize(
    "line",
    [
        "Region Halland │Halland – Bästa livsplatsen 4",
        "Britta Engvall Hälso- och sjukvårdsstrateg │Uppdrag och analys│ britta.engvall@regionhalland.se",
        "Sektor Välfärd",
        ".",
        "Sida 2 av 5",
    ],
)
def test_page_furniture_is_recognised(line):
    assert is_artefact(line)


def test_ordinary_text_is_not_furniture():
    assert not is_artefact("Region Halland ansvarar för läkarinsatserna.")
