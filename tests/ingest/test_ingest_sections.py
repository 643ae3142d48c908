"""Headings are found in every bundled document from their look, not from a list per document."""

from __future__ import annotations

import pytest

from ingest.blocks import Block
from ingest.pipeline import load_directory
from ingest.sections import looks_like_heading


@pytest.fixture(scope="module")
def sections(documents_dir):
    documents, _ = load_directory(documents_dir)
    return {
        document.id: [chunk.section for chunk in document.chunks] for document in documents
    }


def test_cosmic_routine_sections_in_order(sections):
    assert list(dict.fromkeys(sections["rh-hemsjukvardsbesok-cosmic"])) == [
        "Syfte",
        "Bakgrund",
        "Förutsättningar",
        "Registrering i Cosmic",
        "Uppföljning",
        "Referenser och bilagor",
        "Uppdaterat från föregående version",
    ]


def test_vas_routine_sections_in_order(sections):
    assert list(dict.fromkeys(sections["rh-hemsjukvardsbesok-vas"])) == [
        "Syfte",
        "Bakgrund",
        "Förutsättningar",
        "Registrering i VAS",
        "Uppföljning",
        "Referenser och bilagor",
    ]


def test_municipal_routine_sections(sections):
    found = set(sections["vg-hemsjukvard-anslutning-utskrivning"])
    assert {
        "Syfte",
        "Bakgrund",
        "Vem kan anslutas till hemsjukvård?",
        "Bedömning och beslut",
        "Avgift för Hemsjukvård",
        "Kväll och natt",
        "Permission från slutenvården",
        "Uppföljning av hemsjukvård",
        "Utskrivning från hemsjukvård",
    } <= found
    assert "Nivå 2" not in found  # an enumerated fee level, not a title


def test_decision_slide_titles(sections):
    found = set(sections["rh-hsu-lakarinsatser-i-hemmet"])
    assert {
        "Bakgrund",
        "Beslut HSU 2026-03-03",
        "Syfte",
        "Genomförande",
        "Nya avtal för särskilt boende",
        "Innebörd",
        "Förslag avtalstext: Övergripande insatser",
        "Planerad uppföljning",
    } <= found
    # The boxes of the flow chart slide are not titles.
    assert "Stöd från Läkarmedverkan upp till 14 dagar" not in found


def test_report_sections(sections):
    found = set(sections["rh-mobil-hemsjukvard-rapport"])
    assert {
        "Sammanfattning",
        "Nulägesbild av hembesök",
        "Hembesök av vårdpersonal",
        "Läkarmedverkan",
        "Jourtid",
        "Möjliga insatser för mobil vård",
        "Digifysisk vård",
        "Hembesök och mobila team",
        "Äldremottagningar på vårdcentraler",
    } <= found
    # The signature and the front matter are not titles.
    assert "Karin Hesselgard" not in found and "Datum" not in found
    assert "Driftnämnden Närsjukvård" not in found


@pytest.mark.parametrize(
    ("text", "is_heading"),
    [
        ("Registrering i Cosmic", True),
        ("Vem kan anslutas till hemsjukvård?", True),
        ("Beslut HSU 2026-03-03", True),
        ("Förslag avtalstext Övergripande insatser forts.", True),
        ("Antal hemsjukvårdsbesök av läkare i kommunal hälso- och sjukvård.", False),
        ("Nivå 1,", False),
        ("omhändertagande säkras", False),
        ("Kontakttyp: Hemsjukvårdsbesök. Vårdtjänst: Riktad", False),
        ("2022-12-19 Rutinen är ny och börjar gälla 2023-01-01", False),
    ],
)
def test_what_looks_like_a_heading(text, is_heading):
    assert looks_like_heading(Block("paragraph", text)) is is_heading


def test_a_paragraph_joined_from_several_lines_is_not_a_heading():
    assert not looks_like_heading(Block("paragraph", "Patient utan hög risk", line_count=2))
