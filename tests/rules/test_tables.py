"""The rule data: every quote verbatim, versions that never overlap, and loads that fail loudly."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from rules.engine import decide
from rules.facts import VisitFacts
from rules.tables import DATA_DIR, RuleDataError, load_tables


def _all_citations(tables):
    for r in tables.visit_routines:
        yield from r.system_citations + r.compensation_citations
        for row in r.exclusions + r.fees:
            yield from row.citations
        for o in r.occasions:
            yield from o.citations
        for f in r.registration:
            for opt in f.options:
                yield from opt.citations
        if r.before:
            yield from r.before.citations
    for n in tables.notices:
        for row in n.notices:
            yield from row.citations
    yield from tables.lakarmedverkan.citations + tables.lakarmedverkan.extension_citations
    yield from tables.followup.first_citations + tables.followup.then_citations
    for lv in tables.fee_levels.levels:
        yield from lv.citations


def test_every_citation_quote_stands_verbatim_in_its_document(tables, documents):
    citations = list(_all_citations(tables))
    assert len(citations) > 30
    for c in citations:
        document = documents[c.document_id]
        assert c.quote in document.text, c.quote
        chunk = next(ch for ch in document.chunks if ch.anchor == c.anchor)
        assert c.quote in chunk.text or chunk.heading_path[-1] == c.quote


def test_each_routine_version_holds_for_its_catalog_interval(tables):
    vas, cosmic = tables.visit_routines
    assert (vas.system, vas.valid_from, vas.valid_to) == ("VAS", date(2023, 1, 1), date(2025, 3, 31))
    assert (cosmic.system, cosmic.valid_from, cosmic.valid_to) == ("Cosmic", date(2025, 3, 31), None)


def test_municipal_rules_are_tagged_with_their_own_organization(tables):
    assert "Västra Götaland" in tables.followup.organization
    assert tables.visit_routines
    assert all(r.organization == "Region Halland" for r in tables.visit_routines)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_exactly_the_version_in_force_answers(tables, day):
    d = decide(VisitFacts(patient_age=80, occasion="utskrivning", setting="sabo",
                          municipal_home_care=True), day, tables)
    expected = None if day < date(2023, 1, 1) else "VAS" if day < date(2025, 3, 31) else "Cosmic"
    assert d.system == expected
    assert d.eligible is (expected is not None)
    assert d.compensation_sek == (500 if expected else 0)


@given(st.sampled_from([date(2023, 1, 1), date(2025, 3, 31)]), st.integers(1, 400))
def test_version_boundary_is_half_open(tables, boundary, days):
    before = tables.visit_routine_on(boundary - timedelta(days=days))
    on = tables.visit_routine_on(boundary)
    assert on is not None and on.valid_from == boundary
    assert before is None or before.valid_from < boundary


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_changed_document_fails_the_load(documents, tmp_path):
    changed = dict(documents)
    doc = documents["rh-hemsjukvardsbesok-cosmic"]
    changed[doc.id] = dataclasses.replace(doc, text=doc.text.replace("Kund: Primärvård",
                                                                      "Kund: Specialistvård"))
    with pytest.raises(RuleDataError, match="Kund: Primärvård"):
        load_tables(changed)


def test_overlapping_versions_fail_the_load(documents, tmp_path):
    data = _copy_data(tmp_path)
    path = data / "rh-hemsjukvardsbesok-vas.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("valid_to = 2025-03-31",
                                                             "valid_to = 2025-04-30"), "utf-8")
    meta = dataclasses.replace(documents["rh-hemsjukvardsbesok-vas"].meta, valid_to=date(2025, 4, 30))
    docs = dict(documents)
    docs["rh-hemsjukvardsbesok-vas"] = dataclasses.replace(documents["rh-hemsjukvardsbesok-vas"],
                                                           meta=meta)
    with pytest.raises(RuleDataError, match="överlappar"):
        load_tables(docs, data)


def test_a_table_without_an_end_ends_when_a_published_successor_begins(documents):
    # walk-through, stop 46: the Cosmic routine's 2027 version could not be published, the
    # table's open end disagreeing with the catalog's new end
    cosmic = documents["rh-hemsjukvardsbesok-cosmic"]
    ended = dataclasses.replace(cosmic.meta, valid_to=date(2027, 1, 1),
                                superseded_by="rh-hemsjukvardsbesok-cosmic-2027")
    docs = dict(documents)
    docs[cosmic.id] = dataclasses.replace(cosmic, meta=ended)
    tables = load_tables(docs)
    assert tables.visit_routines[-1].valid_to == date(2027, 1, 1)
    assert tables.visit_routine_on(date(2026, 12, 31)).system == "Cosmic"
    assert tables.visit_routine_on(date(2027, 1, 1)) is None
    # (an end the catalog gives without a successor still disagrees)
    docs[cosmic.id] = dataclasses.replace(cosmic, meta=dataclasses.replace(
        cosmic.meta, valid_to=date(2027, 1, 1)))
    with pytest.raises(RuleDataError, match="valid_to"):
        load_tables(docs)


def test_value_without_citation_fails_the_load(documents, tmp_path):
    data = _copy_data(tmp_path)
    path = data / "rh-hemsjukvardsbesok-cosmic.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('options = [{ value = "Primärvård", quotes = ["Kund: Primärvård"] }]',
                        'options = [{ value = "Primärvård" }]')
    path.write_text(text, "utf-8")
    with pytest.raises(RuleDataError, match="citat"):
        load_tables(documents, data)


def test_table_disagreeing_with_the_catalog_fails_the_load(documents, tmp_path):
    data = _copy_data(tmp_path)
    path = data / "rh-hemsjukvardsbesok-cosmic.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("valid_from = 2025-03-31",
                                                             "valid_from = 2025-04-01"), "utf-8")
    with pytest.raises(RuleDataError, match="katalogen"):
        load_tables(documents, data)


def _all_texts(tables):
    """Every (where, Swedish, English) text pair of the loaded tables."""
    for r in tables.visit_routines:
        for row in r.exclusions:
            yield row.id, row.text, row.text_en
        for o in r.occasions:
            yield o.id + ".met", o.reason_met, o.reason_met_en
            yield o.id + ".not_met", o.reason_not_met, o.reason_not_met_en
        for fee in r.fees:
            yield fee.id, fee.reason, fee.reason_en
        if r.before:
            yield r.source_file + ".before", r.before.text, r.before.text_en
    for n in tables.notices:
        for row in n.notices:
            yield row.id, row.text, row.text_en
    yield "lakarmedverkan.extension", tables.lakarmedverkan.extension, \
        tables.lakarmedverkan.extension_en
    yield "lakarmedverkan.eligibility", tables.lakarmedverkan.eligibility, \
        tables.lakarmedverkan.eligibility_en
    for lv in tables.fee_levels.levels:
        yield f"fee_level.{lv.level}", lv.text, lv.text_en
    yield "fee_note", tables.fee_levels.no_amount_note, tables.fee_levels.no_amount_note_en


# Words only a Swedish sentence has; an English text keeps Swedish system terms (SäBo,
# Läkarmedverkan, brytpunktssamtal) but none of these.
_SWEDISH_WORDS = {"och", "är", "ger", "gäller", "besöket", "patienten", "ersättningen", "inte",
                  "eller", "för", "på", "som", "bara", "rutinen", "vid"}


def test_every_rule_text_in_the_tables_has_an_english_version(tables):
    pairs = list(_all_texts(tables))
    assert len(pairs) >= 30
    for where, sv, en in pairs:
        assert sv.strip() and en.strip() and en != sv, where
        words = {w.strip(".,:;()").lower() for w in en.split()}
        assert not words & _SWEDISH_WORDS, (where, words & _SWEDISH_WORDS)


@pytest.mark.parametrize("key", ['reason_en = "Only home', 'reason_met_en = "The visit at the',
                                 'reason_en = "The patient is 85'])
def test_a_rule_row_without_its_english_reason_fails_the_load(documents, tmp_path, key):
    data = _copy_data(tmp_path)
    path = data / "rh-hemsjukvardsbesok-cosmic.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(key)]
    assert len(kept) == len(lines) - 1
    path.write_text("\n".join(kept), "utf-8")
    name = key.split(" = ")[0]
    with pytest.raises(RuleDataError, match=f"rh-hemsjukvardsbesok-cosmic.toml: .*'{name}' saknas"):
        load_tables(documents, data)


def test_a_notice_or_date_rule_without_its_english_text_fails_the_load(documents, tmp_path):
    for file, key in [("rh-hsu-lakarinsatser-i-hemmet.toml", "text_en"),
                      ("rh-hsu-lakarinsatser-i-hemmet.toml", "extension_en"),
                      ("vg-hemsjukvard-anslutning-utskrivning.toml", "text_en")]:
        data = _copy_data(tmp_path / f"{file}-{key}")
        path = data / file
        lines = path.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if not line.startswith(f"{key} = ")]
        assert len(kept) < len(lines)
        path.write_text("\n".join(kept), "utf-8")
        with pytest.raises(RuleDataError, match=f"{file}: .*'{key}' saknas"):
            load_tables(documents, data)


def test_a_visit_decision_has_as_many_english_reasons_as_swedish_ones(tables):
    cases = [VisitFacts(patient_age=87, occasion="inskrivning", setting="ordinart_boende",
                        remote=True),
             VisitFacts(patient_age=70, occasion="utskrivning", setting="sabo"),
             VisitFacts(occasion="brytpunktssamtal"),
             VisitFacts(patient_age=90, occasion="utskrivning", setting="sabo",
                        municipal_home_care=True)]
    for facts in cases:
        for day in (date(2022, 5, 1), date(2024, 5, 1), date(2026, 5, 1)):
            api = decide(facts, day, tables).to_api()
            assert len(api["reasons_en"]) == len(api["reasons"]) > 0
            assert len(api["notices_en"]) == len(api["notices"])
            for sv, en in zip(api["reasons"], api["reasons_en"]):
                assert sv != en
            assert not any("Besöksdagen" in r or "Patientens ålder" in r or "saknas" in r
                           for r in api["reasons_en"])
