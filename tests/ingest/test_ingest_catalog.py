"""The catalog: metadata per file, validated, with defaults for a document it does not name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ingest.catalog import CatalogError, load_catalog


def write_catalog(directory: Path, text: str) -> Path:
    (directory / "catalog.toml").write_text(text, encoding="utf-8")
    return directory


def test_bundled_catalog_describes_the_cosmic_routine_replacing_vas(documents_dir):
    catalog = load_catalog(documents_dir)
    cosmic = catalog["rh-hemsjukvardsbesok-cosmic.txt"]
    vas = catalog["rh-hemsjukvardsbesok-vas.txt"]
    assert cosmic.journal_system == "Cosmic"
    assert cosmic.supersedes == vas.id
    assert vas.superseded_by == cosmic.id
    assert vas.valid_to == cosmic.valid_from == date(2025, 3, 31)
    assert vas.in_force_on(date(2025, 3, 30)) and not vas.in_force_on(date(2025, 3, 31))
    assert vas.external_id == "RH-12272"
    assert cosmic.seed == "000_d8b825b3c7369ee2.txt"
    assert cosmic.filename == "rh-hemsjukvardsbesok-cosmic.txt" and cosmic.in_catalog


def test_every_bundled_document_has_an_entry(documents_dir):
    catalog = load_catalog(documents_dir)
    files = {p.name for p in documents_dir.iterdir() if p.name != "catalog.toml"}
    assert files == set(catalog)


def test_unknown_keys_are_ignored(tmp_path):
    write_catalog(tmp_path, '["a.txt"]\nid = "a"\ntitle = "A"\nfarg = "blå"\n')
    assert load_catalog(tmp_path)["a.txt"].id == "a"


def test_missing_catalog_is_an_empty_catalog(tmp_path):
    assert load_catalog(tmp_path) == {}


def test_duplicate_id_names_the_file_and_key(tmp_path):
    write_catalog(tmp_path, '["a.txt"]\nid = "x"\ntitle = "A"\n["b.txt"]\nid = "x"\ntitle = "B"\n')
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path)
    assert error.value.filename == "b.txt" and error.value.key == "id"
    assert "b.txt" in str(error.value)


def test_validity_must_start_before_it_ends(tmp_path):
    write_catalog(
        tmp_path,
        '["a.txt"]\nid = "a"\ntitle = "A"\nvalid_from = 2025-03-31\nvalid_to = 2025-03-31\n',
    )
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path)
    assert (error.value.filename, error.value.key) == ("a.txt", "valid_to")


def test_supersedes_must_name_an_existing_id(tmp_path):
    write_catalog(tmp_path, '["a.txt"]\nid = "a"\ntitle = "A"\nsupersedes = "saknas"\n')
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path)
    assert (error.value.filename, error.value.key) == ("a.txt", "supersedes")
    assert "saknas" in error.value.message


def test_a_date_written_as_text_is_refused(tmp_path):
    write_catalog(tmp_path, '["a.txt"]\nid = "a"\ntitle = "A"\nvalid_from = "2025-03-31"\n')
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path)
    assert error.value.key == "valid_from"


def test_an_entry_without_id_is_refused(tmp_path):
    write_catalog(tmp_path, '["a.txt"]\ntitle = "A"\n')
    with pytest.raises(CatalogError, match="id"):
        load_catalog(tmp_path)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('["a.txt"]\nid = "a"\ntitle = "A"\nvalid_from = 2025-13-31\n', 4,
         ("rad 4, kolumn", "ogiltig TOML")),
        ('["a.txt"]\nid = "a"\ntitle = "A"\n\n["b.txt"]\nid = "b"\nkind = "beslut"\n'
         'title = "B"\n', 7, ("['b.txt'] kind",)),
        ("# katalog\n\n['a.txt']\nid = 'a'\n", 3, ("title: saknas",)),
        ('["a.txt"]\nid = "a"\ntitle = "A"\n["b.txt"]\n"id" = "a"\ntitle = "B"\n', 5,
         ("används redan",)),
        ('"a.txt" = { id = "a", title = "A", valid_from = "2025-01-01" }\n', 1,
         ("valid_from",)),
    ],
)
def test_a_catalog_error_names_the_file_and_the_line(tmp_path, text, line, words):
    # Issue 13, finding 5: the one line an admin reads says where to look.
    write_catalog(tmp_path, text)
    with pytest.raises(CatalogError) as error:
        load_catalog(tmp_path)
    assert error.value.line == line
    assert error.value.path == tmp_path / "catalog.toml"
    assert str(error.value).startswith(f"{tmp_path / 'catalog.toml'}, rad {line}")
    for word in words:
        assert word in str(error.value)
