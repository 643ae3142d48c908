"""Loading a folder: every readable file loads, each unreadable one is named with a reason."""

from __future__ import annotations

import dataclasses
import logging
import shutil

import pytest

from ingest_files import write_docx

from ingest.catalog import load_catalog
from ingest.pipeline import IngestFailure, load_directory, load_document, quote_in_text

COSMIC = "rh-hemsjukvardsbesok-cosmic.txt"
CATALOG = """
["rh-hemsjukvardsbesok-cosmic.txt"]
id = "rh-hemsjukvardsbesok-cosmic"
title = "Registrering av riktade hemsjukvårdsbesök av läkare i Cosmic"
organization = "Region Halland"
kind = "routine"
valid_from = 2025-03-31
"""


def folder_with_bad_files(tmp_path, documents_dir):
    shutil.copy(documents_dir / COSMIC, tmp_path / COSMIC)
    (tmp_path / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    (tmp_path / "trasig.pdf").write_bytes(b"%PDF-1.7\n%garbage without objects")
    (tmp_path / "tom.docx").write_bytes(b"")
    (tmp_path / "tom.pdf").write_bytes(b"")
    (tmp_path / "trasig.docx").write_bytes(b"PK\x03\x04 inte ett Word-paket")
    (tmp_path / ".dold.txt").write_text("Syfte\n\nDold fil.\n", encoding="utf-8")
    write_docx(tmp_path / "ny-rutin.docx")
    return tmp_path


def test_unreadable_files_are_reported_by_name_while_the_rest_load(tmp_path, documents_dir):
    documents, failures = load_directory(folder_with_bad_files(tmp_path, documents_dir))
    assert sorted(d.meta.filename for d in documents) == ["ny-rutin.docx", COSMIC]
    assert {f.filename for f in failures} == {"trasig.pdf", "tom.docx", "tom.pdf", "trasig.docx"}
    assert all(isinstance(f, IngestFailure) and f.reason for f in failures)
    reasons = {f.filename: f.reason for f in failures}
    assert "skadad" in reasons["trasig.pdf"] and "skadad" in reasons["trasig.docx"]
    assert "tom" in reasons["tom.docx"] and "tom" in reasons["tom.pdf"]


def test_document_without_catalog_entry_loads_with_defaults_and_a_warning(
    tmp_path, documents_dir, caplog
):
    folder = folder_with_bad_files(tmp_path, documents_dir)
    with caplog.at_level(logging.WARNING, logger="rutin.ingest"):
        documents, _ = load_directory(folder)
    new = next(d for d in documents if d.meta.filename == "ny-rutin.docx")
    assert new.id == "ny-rutin"
    assert new.meta.in_catalog is False
    assert new.meta.organization == "Okänd"  # its text names none
    assert new.meta.kind == "routine"  # read from its title, "Rutin för ..."
    assert new.meta.title == "Rutin för hemsjukvårdsbesök"  # its first heading
    assert any("ny-rutin.docx" in w and "catalog.toml" in w for w in new.warnings)
    assert any("ny-rutin.docx" in record.getMessage() for record in caplog.records)
    cosmic = next(d for d in documents if d.meta.filename == COSMIC)
    assert cosmic.meta.in_catalog and cosmic.warnings == []


def test_the_bundled_documents_all_load(documents_dir):
    documents, failures = load_directory(documents_dir)
    assert failures == []
    assert {d.id for d in documents} == {m.id for m in load_catalog(documents_dir).values()}
    for document in documents:
        assert document.meta.in_catalog and len(document.content_hash) == 64


def test_content_hash_changes_with_the_file_or_the_catalog_entry(tmp_path, documents_dir):
    path = tmp_path / COSMIC
    shutil.copy(documents_dir / COSMIC, path)
    meta = load_catalog(documents_dir)[COSMIC]
    first = load_document(path, meta).content_hash
    assert load_document(path, meta).content_hash == first
    edited_meta = dataclasses.replace(meta, valid_from=meta.valid_from.replace(day=30))
    assert load_document(path, edited_meta).content_hash != first
    path.write_text(path.read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8")
    assert load_document(path, meta).content_hash != first


def test_quotes_are_checked_against_the_cleaned_text(documents_dir):
    meta = load_catalog(documents_dir)[COSMIC]
    document = load_document(documents_dir / COSMIC, meta)
    assert quote_in_text(document, "Kund: Primärvård")
    assert quote_in_text(document, "Ersättning utgår med 500 kr per\nhemsjukvårdsbesök")
    assert not quote_in_text(document, "Kund: Specialistvård")


def test_an_uncatalogued_file_named_like_a_catalogued_id_gets_its_own_id(tmp_path, documents_dir):
    shutil.copy(documents_dir / COSMIC, tmp_path / COSMIC)
    (tmp_path / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    # Same stem as the catalogued id, other file type: two documents, two ids.
    (tmp_path / "rh-hemsjukvardsbesok-cosmic.md").write_text("# Kopia\n\nEn kopia.\n", encoding="utf-8")
    documents, failures = load_directory(tmp_path)
    assert failures == []
    ids = [d.id for d in documents]
    assert len(ids) == len(set(ids)) == 2
    copy = next(d for d in documents if not d.meta.in_catalog)
    assert copy.id.startswith("rh-hemsjukvardsbesok-cosmic-")
    assert copy.chunks and all(chunk.document_id == copy.id for chunk in copy.chunks)


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="finns inte"):
        load_directory(tmp_path / "saknas")
