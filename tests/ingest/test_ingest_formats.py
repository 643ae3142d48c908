"""Each supported format reads into the same kind of document; bad files are named, not fatal."""

from __future__ import annotations

import pytest
from ingest_files import (
    LONG_SENTENCE,
    write_docx,
    write_docx_without_heading_styles,
    write_encrypted_pdf,
    write_pdf,
)

from ingest.formats import UnreadableDocument, read_blocks
from ingest.pipeline import load_document


def test_word_headings_nest_by_level_and_lists_and_tables_are_kept(tmp_path):
    document = load_document(write_docx(tmp_path / "rutin.docx"))
    paths = [chunk.heading_path for chunk in document.chunks]
    assert ("Rutin för hemsjukvårdsbesök", "Registrering", "Registrering i Cosmic") in paths
    cosmic = next(c for c in document.chunks if c.heading_path[-1] == "Registrering i Cosmic")
    assert cosmic.kind == "list"
    assert "Kontakttyp: Hemsjukvårdsbesök" in cosmic.text
    assert "- Riktad hemsjukvård| information| brytpunktssamtal" in cosmic.text
    table = next(c for c in document.chunks if c.kind == "table")
    assert table.heading_path[-1] == "Avgifter"
    assert "under 85 år | 200 kr" in table.text
    assert "85 år och äldre | 0 kr" in table.text


def test_word_without_heading_styles_gets_headings_from_their_look(tmp_path):
    document = load_document(write_docx_without_heading_styles(tmp_path / "enkel.docx"))
    sections = [chunk.section for chunk in document.chunks]
    assert sections == ["Syfte", "Uppföljning"]
    assert document.chunks[1].text.startswith("- Antal riktade hemsjukvårdsbesök")


def test_pdf_pages_lose_running_header_and_page_numbers(tmp_path):
    path = write_pdf(
        tmp_path / "rutin.pdf",
        [("Syfte", LONG_SENTENCE), ("Uppföljning", "Antal riktade hemsjukvårdsbesök av läkare.")],
        header="Region Halland - Rutin",
    )
    document = load_document(path)
    assert [chunk.section for chunk in document.chunks] == ["Syfte", "Uppföljning"]
    assert LONG_SENTENCE in document.text  # the wrapped lines are one sentence again
    assert "Region Halland - Rutin" not in document.text
    assert "Sida 1" not in document.text


def test_html_headings_lists_and_tables(tmp_path):
    path = tmp_path / "rutin.html"
    path.write_text(
        """<!doctype html><html><head><title>x</title><style>p{}</style></head><body>
        <nav>Meny</nav>
        <h1>Rutin</h1><h2>Syfte</h2><p>Rutinen ska leda till ett gemensamt sätt.</p>
        <h2>Registrering i VAS</h2>
        <ul><li>Besökstyp: Hemsjukvårdsbesök</li><li>Avgiftstyp: H3</li></ul>
        <h3>Statistik</h3>
        <table><tr><th>År</th><th>Besök</th></tr><tr><td>2021</td><td>2715</td></tr></table>
        <p>Se <a href="https://example.org/rutin.pdf">rutinen</a>.</p>
        </body></html>""",
        encoding="utf-8",
    )
    document = load_document(path)
    by_section = {chunk.heading_path: chunk for chunk in document.chunks}
    assert by_section[("Rutin", "Syfte")].text == "Rutinen ska leda till ett gemensamt sätt."
    vas = by_section[("Rutin", "Registrering i VAS")]
    assert vas.kind == "list" and vas.text == "- Besökstyp: Hemsjukvårdsbesök\n- Avgiftstyp: H3"
    table = next(c for c in document.chunks if c.kind == "table")
    assert table.heading_path == ("Rutin", "Registrering i VAS", "Statistik")
    assert "År | Besök\n2021 | 2715" in document.text
    assert "Meny" not in document.text
    assert "https://example.org/rutin.pdf" in document.links


def test_markdown_headings_nest(tmp_path):
    path = tmp_path / "rutin.md"
    path.write_text(
        "# Rutin\n\n## Syfte\n\nRutinen ska leda till ett\ngemensamt sätt.\n\n"
        "## Uppföljning\n\n* Antal besök\n* Antal samtal\n\nSe [överenskommelsen](https://example.org/a.pdf).\n"
        "\n## Avgift\n\n| Ålder | Avgift |\n|---|---:|\n| under 85 år | 200 kr |\n| 85 år och äldre | 0 kr |\n",
        encoding="utf-8",
    )
    document = load_document(path)
    assert "Rutinen ska leda till ett gemensamt sätt." in document.text
    follow_up = next(c for c in document.chunks if c.heading_path == ("Rutin", "Uppföljning"))
    assert follow_up.text.startswith("- Antal besök\n- Antal samtal")
    assert "Se överenskommelsen." in follow_up.text
    assert document.links == ["https://example.org/a.pdf"]
    fee = next(c for c in document.chunks if c.heading_path == ("Rutin", "Avgift"))
    assert fee.kind == "table"
    assert fee.text == "Ålder | Avgift\nunder 85 år | 200 kr\n85 år och äldre | 0 kr"


def test_text_in_windows_1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "gammal.txt"
    path.write_bytes("Syfte\n\nRutinen gäller för hemsjukvård i Halland.\n".encode("cp1252"))
    document = load_document(path)
    assert "Rutinen gäller för hemsjukvård i Halland." in document.text
    assert any("cp1252" in warning for warning in document.warnings)


def test_text_in_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "anteckning.txt"
    path.write_bytes("Syfte\n\nRutinen gäller för hemsjukvård i Halland.\n".encode("utf-16"))
    assert "Rutinen gäller för hemsjukvård i Halland." in load_document(path).text


def test_utf8_with_one_damaged_byte_is_read_as_utf8_not_windows_1252(tmp_path):
    path = tmp_path / "nastan.txt"
    path.write_bytes("Syfte\n\nRutinen gäller för hemsjukvård i Halland.\n".encode() * 5
                     + b"Slut \xff.\n")
    document = load_document(path)
    assert "Rutinen gäller för hemsjukvård i Halland." in document.text  # no 'gÃ¤ller'
    assert any("ogiltiga UTF-8" in warning for warning in document.warnings)


def test_a_stray_control_character_is_dropped_not_indexed(tmp_path):
    path = tmp_path / "vt.txt"
    path.write_bytes("Syfte\n\nRutinen gäller\x1b för hemsjukvård i Halland.\n".encode()
                     + "Rutinen gäller för hemsjukvård i Halland.\n".encode() * 20)
    document = load_document(path)
    assert "\x1b" not in document.text and "Rutinen gäller för hemsjukvård" in document.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("nul.txt", "Rutin för hemsjukvård\n".encode() + b"\x00" + b"mer text\n"),
        ("nul-latin.md", "Rutin för hemsjukvård\n".encode("cp1252") + b"\x00\x00"),
        ("styr.txt", b"Rutin " + bytes(range(1, 9)) * 10),
        ("slump.txt", bytes((i * 7919 + 13) % 255 + 1 for i in range(5000))),
        ("slump.html", b"<p>Rutin</p>" + bytes((i * 7919 + 13) % 255 + 1 for i in range(5000))),
    ],
)
def test_what_is_not_text_is_unreadable_with_a_reason(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as error:
        load_document(path)
    assert error.value.filename == name and "ingen" in error.value.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("tom.pdf", b"", "tom"),
        ("trasig.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "skadad"),
        ("trasig.docx", b"PK\x03\x04 inte ett riktigt paket", "skadad"),
        ("tom.txt", b"  \n\n ", "tom"),
        ("bild.png", b"\x89PNG\r\n", "stöds inte"),
    ],
)
def test_unreadable_files_say_why_in_swedish(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as error:
        read_blocks(path)
    assert error.value.filename == name
    assert reason in error.value.reason


def test_password_protected_pdf_is_unreadable(tmp_path):
    with pytest.raises(UnreadableDocument, match="lösenordsskyddad"):
        read_blocks(write_encrypted_pdf(tmp_path / "hemlig.pdf"))
