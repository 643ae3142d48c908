"""Issue 12, item 3: which rule rows and quotes a new or changed document no longer contains.

Real documents from documents/, loaded by the real pipeline after an edit to their file, checked
against the real rule tables."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from ingest.catalog import load_catalog
from ingest.pipeline import load_document
from rules.quotecheck import BrokenQuote, RuleQuoteError, broken_quotes, check_ingest
from rules.tables import load_tables

from rutin.config import PROJECT_ROOT

DOCUMENTS_DIR = PROJECT_ROOT / "documents"

COSMIC = "rh-hemsjukvardsbesok-cosmic"
COSMIC_FILE = f"{COSMIC}.txt"
FEE_QUOTE = "Patientavgift: 200 kr om patient under 85 år (Läkare närsjukvård)"


@pytest.fixture()
def folder(tmp_path):
    target = tmp_path / "documents"
    shutil.copytree(DOCUMENTS_DIR, target)
    return target


def _edit(folder, filename: str, old: str, new: str):
    """The document ``filename`` of ``folder`` with ``old`` replaced, as the pipeline reads it."""
    path = folder / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_document(path, load_catalog(folder).get(filename))


def _add(folder, filename: str, text: str, entry: str):
    """A new document with its catalog entry, as the pipeline reads it."""
    (folder / filename).write_text(text, encoding="utf-8")
    catalog = folder / "catalog.toml"
    catalog.write_text(catalog.read_text(encoding="utf-8") + f'\n["{filename}"]\n{entry}\n',
                       encoding="utf-8")
    return load_document(folder / filename, load_catalog(folder)[filename])


def test_every_bundled_document_contains_every_quote_its_rules_rest_on(documents, tables):
    assert len(tables.quotes) > 40
    for document in documents.values():
        assert broken_quotes(document, tables) == [], document.id


def test_a_raised_fee_names_the_fee_row_with_its_conditions_and_the_quote(folder, tables):
    changed = _edit(folder, COSMIC_FILE, "Patientavgift: 200 kr", "Patientavgift: 250 kr")
    broken = broken_quotes(changed, tables)
    assert broken == [BrokenQuote(table=f"{COSMIC}.toml",
                                  row="cosmic.avgift_under_85 (när age_below = 85)",
                                  field="quotes", quote=FEE_QUOTE, document_id=COSMIC,
                                  new_document_id=COSMIC)]
    sentence = broken[0].describe()
    assert sentence == (f"Regeln cosmic.avgift_under_85 (när age_below = 85) i regeltabellen "
                        f"{COSMIC}.toml bygger på citatet ”{FEE_QUOTE}”, som inte står i den "
                        f"nya versionen av '{COSMIC}'.")


def test_a_quote_that_several_rows_rest_on_names_every_one_of_them(folder, tables):
    changed = _edit(folder, COSMIC_FILE, "Ersättning utgår med 500 kr",
                    "Ersättning utgår med 600 kr")
    rows = [b.row for b in broken_quotes(changed, tables)]
    assert rows == ["compensation",
                    "cosmic.endast_lakare (när performed_by = sjukskoterska eller annan)",
                    "cosmic.annat_tillfalle (när occasion = annat)"]


def test_a_validity_quote_edited_away_is_named_with_its_field(folder, tables):
    changed = _edit(folder, "rh-hsu-lakarinsatser-i-hemmet.txt", "Beslut HSU 2026-03-03",
                    "Beslut HSU 2026-03-10")
    named = {(b.row, b.field) for b in broken_quotes(changed, tables)}
    assert named == {("valid_from", "validity_quotes"),
                     ("lakarmedverkan.decided_on", "decided_quotes")}
    assert all("(validity_quotes)" in b.describe() or "(decided_quotes)" in b.describe()
               for b in broken_quotes(changed, tables))


def test_an_edit_away_from_every_quote_breaks_nothing(folder, tables):
    changed = _edit(folder, COSMIC_FILE, "Kund: Primärvård", "Kund: Primärvård\n\nNy rad om "
                    "något som ingen regel bygger på.")
    assert changed.content_hash != load_document(DOCUMENTS_DIR / COSMIC_FILE,
                                                 load_catalog(DOCUMENTS_DIR)[COSMIC_FILE]
                                                 ).content_hash
    assert broken_quotes(changed, tables) == []


def test_a_document_that_supersedes_a_cited_routine_must_contain_its_quotes(folder, tables):
    cosmic = (folder / COSMIC_FILE).read_text(encoding="utf-8")
    shortened = cosmic.replace("Patientavgift: 200 kr", "Patientavgift: 250 kr")
    successor = _add(folder, "cosmic-2027.txt", shortened,
                     'id = "rh-cosmic-2027"\ntitle = "Registrering i Cosmic 2027"\n'
                     'organization = "Region Halland"\nkind = "routine"\n'
                     f'valid_from = 2027-01-01\nsupersedes = "{COSMIC}"')
    broken = broken_quotes(successor, tables)
    assert [(b.row, b.quote) for b in broken] == [
        ("cosmic.avgift_under_85 (när age_below = 85)", FEE_QUOTE)]
    assert broken[0].document_id == COSMIC and broken[0].new_document_id == "rh-cosmic-2027"
    assert f"'rh-cosmic-2027', som ersätter '{COSMIC}'" in broken[0].describe()
    whole = _add(folder, "cosmic-2028.txt", cosmic,
                 'id = "rh-cosmic-2028"\ntitle = "Registrering i Cosmic 2028"\n'
                 'organization = "Region Halland"\nkind = "routine"\n'
                 f'valid_from = 2028-01-01\nsupersedes = "{COSMIC}"')
    assert broken_quotes(whole, tables) == []


def test_a_routine_whose_table_ends_when_its_successor_begins_is_not_broken_by_it(documents,
                                                                                   tables):
    # Cosmic supersedes VAS and holds none of its quotes; the VAS table ends 2025-03-31, the
    # day Cosmic begins, so the rules answer visits before it from VAS as they cite.
    cosmic = documents[COSMIC]
    assert cosmic.meta.supersedes == "rh-hemsjukvardsbesok-vas"
    assert cosmic.meta.valid_from == date(2025, 3, 31)
    assert any(q.document_id == "rh-hemsjukvardsbesok-vas" and q.quote not in cosmic.text
               for q in tables.quotes)
    assert broken_quotes(cosmic, tables) == []


def test_an_ingest_over_the_index_refuses_a_document_that_breaks_a_quote(folder, documents):
    changed = _edit(folder, COSMIC_FILE, "Patientavgift: 200 kr", "Patientavgift: 250 kr")
    new = [changed if d.id == COSMIC else d for d in documents.values()]
    with pytest.raises(RuleQuoteError) as refused:
        check_ingest(documents, new, directory=folder)
    assert refused.value.path == folder / COSMIC_FILE
    assert "cosmic.avgift_under_85" in str(refused.value) and FEE_QUOTE in str(refused.value)
    assert [b.quote for b in refused.value.broken] == [FEE_QUOTE]
    # What the ingest would leave must stand too: so also without an index to compare with.
    with pytest.raises(RuleQuoteError, match="Patientavgift: 200 kr"):
        check_ingest({}, new, directory=folder)
    # A file that failed to load keeps its indexed version, which still holds the quote.
    unchanged = [d for d in documents.values() if d.id != COSMIC]

    class Failure:
        filename = COSMIC_FILE
    tables = check_ingest(documents, unchanged, [Failure()], directory=folder)
    assert tables.visit_routine_on(date(2026, 1, 1)).document_id == COSMIC


def test_load_tables_still_fails_loudly_on_a_missing_quote(folder, documents):
    changed = _edit(folder, COSMIC_FILE, "Patientavgift: 200 kr", "Patientavgift: 250 kr")
    with pytest.raises(ValueError, match="citatet .*Patientavgift: 200 kr.* står inte ordagrant"):
        load_tables({**documents, COSMIC: changed})
