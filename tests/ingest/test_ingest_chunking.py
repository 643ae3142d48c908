"""Chunks: verbatim slices of the text, tables and lists whole, anchors that do not move."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.catalog import load_catalog
from ingest.chunking import MAX_CHUNK_CHARS
from ingest.formats import UnreadableDocument
from ingest.pipeline import anchor_for, load_directory, load_document

COSMIC = "rh-hemsjukvardsbesok-cosmic.txt"


@pytest.fixture(scope="module")
def documents(documents_dir):
    loaded, _ = load_directory(documents_dir)
    return {document.id: document for document in loaded}


def chunk_with(document, needle):
    return next(chunk for chunk in document.chunks if needle in chunk.text)


def test_every_chunk_is_a_verbatim_slice_of_the_document_text(documents):
    for document in documents.values():
        assert document.chunks, document.id
        for chunk in document.chunks:
            assert chunk.text and chunk.text in document.text, (document.id, chunk.anchor)
            assert chunk.text == chunk.text.strip()
            assert chunk.document_id == document.id


def test_chunks_are_in_document_order(documents):
    for document in documents.values():
        positions = [document.text.index(chunk.text) for chunk in document.chunks]
        assert positions == sorted(positions)
        assert [chunk.ordinal for chunk in document.chunks] == list(range(len(document.chunks)))


def test_anchors_are_unique_and_fragment_safe(documents):
    for document in documents.values():
        anchors = [chunk.anchor for chunk in document.chunks]
        assert len(anchors) == len(set(anchors)), document.id
        for anchor in anchors:
            assert anchor.replace("-", "").isalnum() and anchor == anchor.lower() and anchor.isascii()


def test_anchor_names_the_section(documents):
    cosmic = documents["rh-hemsjukvardsbesok-cosmic"]
    registration = chunk_with(cosmic, "Kontakttyp:")
    assert registration.anchor.startswith("registrering-i-cosmic-")


def test_anchors_are_the_same_on_every_load(documents_dir, documents):
    again, _ = load_directory(documents_dir)
    for document in again:
        assert [c.anchor for c in document.chunks] == [c.anchor for c in documents[document.id].chunks]


def test_editing_one_section_moves_only_its_own_anchor(tmp_path, documents_dir, documents):
    original = documents["rh-hemsjukvardsbesok-cosmic"]
    meta = load_catalog(documents_dir)[COSMIC]
    copy = tmp_path / COSMIC
    text = (documents_dir / COSMIC).read_text(encoding="utf-8")
    edited = text.replace(
        "Antal riktade hemsjukvårdsbesök av läkare i kommunal hälso- och sjukvård.",
        "Antal riktade hemsjukvårdsbesök av läkare per vårdcentral och månad.",
    )
    assert edited != text
    copy.write_text(edited, encoding="utf-8")
    changed = load_document(copy, meta)

    before = {c.section: c.anchor for c in original.chunks}
    after = {c.section: c.anchor for c in changed.chunks}
    assert before.keys() == after.keys()
    assert after["Uppföljning"] != before["Uppföljning"]
    for section in before.keys() - {"Uppföljning"}:
        assert after[section] == before[section], section


def test_report_tables_are_whole_chunks_with_their_captions(documents):
    report = documents["rh-mobil-hemsjukvard-rapport"]
    totals = chunk_with(report, "Totala antalet hembesök inom Vårdcentralen Halland per kategori")
    assert totals.kind == "table"
    assert totals.text.startswith("Totala antalet hembesök")
    for row in ("2019 2020 2021", "Arbetsterapeut 2570 2844 3057", "Undersköterska 3461 4953 7018"):
        assert row in totals.text
    monthly = chunk_with(report, "Antal hembesök genomsnitt per månad per 23 vårdcentraler")
    assert monthly.kind == "table" and "Undersköterska 12,5 17,9 25,4" in monthly.text
    bus = chunk_with(report, "Mottagning Vårdpersonal")
    assert bus.kind == "table"
    assert "Buss 2 st distriktsköterskor 4 84 75%" in bus.text
    assert "Vårdcentral 2 st distriktsköterskor 16 336" in bus.text
    assert totals.section == monthly.section == "Hembesök av vårdpersonal"


def test_registration_field_lists_are_whole_chunks(documents):
    cosmic = chunk_with(documents["rh-hemsjukvardsbesok-cosmic"], "Kontakttyp:")
    assert cosmic.kind == "list" and cosmic.section == "Registrering i Cosmic"
    for field in ("Vårdtjänst:", "brytpunktssamtal", "Kund: Primärvård", "Patientavgift: 200 kr"):
        assert field in cosmic.text
    vas = chunk_with(documents["rh-hemsjukvardsbesok-vas"], "Besökstyp:")
    assert vas.kind == "list" and vas.section == "Registrering i VAS"
    assert "Avgiftstyp: H3" in vas.text and "Summa: 200 kr" in vas.text


def test_bullet_list_with_its_lead_in_stays_together(documents):
    conditions = chunk_with(documents["rh-hemsjukvardsbesok-cosmic"], "någon av nedan;")
    assert conditions.kind == "list"
    assert "- utskrivning från slutenvård" in conditions.text
    assert "- brytpunktssamtal på SäBo" in conditions.text


def test_long_sections_are_cut_at_paragraphs(documents):
    for document in documents.values():
        for chunk in document.chunks:
            if chunk.kind == "text" and "\n\n" in chunk.text:
                assert len(chunk.text) <= MAX_CHUNK_CHARS, (document.id, chunk.anchor)
    report = documents["rh-mobil-hemsjukvard-rapport"]
    assert len([c for c in report.chunks if c.section == "Digifysisk vård"]) >= 2


def test_a_long_list_is_never_cut(tmp_path):
    items = "\n".join(f"• Indikator nummer {n} för uppföljning av hemsjukvårdsbesök" for n in range(40))
    path = tmp_path / "lista.txt"
    path.write_text(f"Uppföljning\n\n{items}\n", encoding="utf-8")
    document = load_document(path)
    assert len(document.chunks) == 1
    assert document.chunks[0].kind == "list" and len(document.chunks[0].text) > MAX_CHUNK_CHARS


def test_identical_paragraphs_under_one_heading_get_distinct_anchors():
    from ingest.blocks import Block
    from ingest.chunking import assemble, chunk_sections
    from ingest.sections import split_sections

    body = "Kontakta vårdcentralen vid frågor om hemsjukvårdsbesök. " * 12
    sections = split_sections([Block("heading", "Kontakt", 1), Block("paragraph", body),
                               Block("paragraph", body)])
    anchors = [c.anchor for c in chunk_sections("dubbel", sections, assemble(sections))]
    assert len(anchors) == 2 and len(set(anchors)) == 2


def test_a_paragraph_repeated_on_the_page_is_indexed_once_and_shown_as_dropped(tmp_path):
    body = "Kontakta vårdcentralen vid frågor om hemsjukvårdsbesök. " * 12
    path = tmp_path / "dubbel.txt"
    path.write_text(f"Kontakt\n\n{body}\n\n{body}\n", encoding="utf-8")
    document = load_document(path)
    assert len(document.chunks) == 1
    assert document.text.count("Kontakta vårdcentralen vid frågor") == 12
    assert [reason for _, reason in document.dropped] == ["upprepat block"]


def test_a_quote_finds_its_chunk_regardless_of_whitespace(documents):
    cosmic = documents["rh-hemsjukvardsbesok-cosmic"]
    quote = "Ersättning utgår med 500 kr per\nhemsjukvårdsbesök  utfört av läkare"
    anchor = anchor_for(cosmic, quote)
    assert anchor is not None and anchor.startswith("forutsattningar-")
    assert cosmic.chunk(anchor).section == "Förutsättningar"
    assert anchor_for(cosmic, "Ersättning utgår med 700 kr") is None
    assert anchor_for(cosmic, "   ") is None


# Lines with text, and furniture the cleaning removes (a link, a page footer, a lone dot,
# blank lines): only a file of furniture alone may be unreadable.
_TEXT = [
    "Syfte",
    "Registrering i Cosmic",
    "Kontakttyp: Hemsjukvårdsbesök",
    "Vårdtjänst:",
    "• utskrivning från slutenvård för patienter som redan är inskrivna på SäBo eller i",
    "kommunal hemsjukvård i ordinärt boende.",
    "● Ersättning\u00a0per\u00a0hemsjukvårdsbesök",
    "o Giltighet 2028-12-31",
    "Läkare 3016 2213 2715",
    "2019 2020 2021",
    "[bookmark: _Toc1]Bakgrund",
    " Beslut HSU 2026-03-03",
    "Ersättning utgår med 500 kr per hemsjukvårdsbesök utfört av läkare som sker i samband",
    "med någon av nedan;",
]
_FURNITURE = [
    "https://vardgivare.regionhalland.se/a.pdf",
    "Region Halland  │Halland – Bästa livsplatsen 4",
    ".",
    "",
    " ",
]
_PIECES = st.sampled_from(_TEXT + _FURNITURE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, min_size=1, max_size=40))
def test_any_mix_of_artefacts_gives_verbatim_chunks_with_unique_anchors(tmp_path, pieces):
    path = tmp_path / "blandat.txt"
    path.write_text("\n".join(pieces), encoding="utf-8")
    try:
        document = load_document(path)
    except UnreadableDocument:
        assert set(pieces) <= set(_FURNITURE), f"a file with text was refused: {pieces}"
        return
    anchors = [chunk.anchor for chunk in document.chunks]
    assert len(anchors) == len(set(anchors))
    for chunk in document.chunks:
        assert chunk.text and chunk.text in document.text
    assert "[bookmark:" not in document.text and "Bästa livsplatsen" not in document.text
