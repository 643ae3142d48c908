"""The knowledge base with the real embedding model and a real chroma directory in tmp_path."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from ingest.model import Chunk, Document, DocumentMeta
from kb.manifest import Manifest
from kb.service import check_settings, open_knowledge_base
from kb.store import VectorStore, make_client
from rutin.config import Settings
from rutin.errors import ConfigurationError, InputError


def _doc(doc_id: str, paragraphs: list[str], content_hash: str, **meta) -> Document:
    meta.setdefault("organization", "Region Halland")
    m = DocumentMeta(id=doc_id, title=meta.pop("title", doc_id), filename=f"{doc_id}.txt", **meta)
    chunks = [Chunk(doc_id, f"{doc_id}-{i}", ("Avsnitt",), text, i) for i, text in
              enumerate(paragraphs)]
    return Document(m, "\n\n".join(paragraphs), chunks, content_hash)


COSMIC = _doc("cosmic", ["Patientavgift: 200 kr om patient under 85 år.",
                         "Kontakttyp: Hemsjukvårdsbesök (kan aldrig ske på distans)."],
              "hash-cosmic-1", valid_from=date(2025, 3, 31), title="Registrering i Cosmic")
VAS = _doc("vas", ["Avgiftstyp: H3. Summa: 200 kr, om person är under 85 år."],
           "hash-vas-1", valid_from=date(2023, 1, 1), valid_to=date(2025, 3, 31),
           title="Registrering i VAS")
VG = _doc("vg", ["Uppföljning sker minst var sjätte månad.", "Nivå 2: insatser dygnet runt."],
          "hash-vg-1", organization="Kommun i Västra Götaland", title="Anslutning")


def _settings(tmp_path: Path, **kw) -> Settings:
    kw.setdefault("ingest_on_start", False)
    return Settings(data_dir=tmp_path / "data", documents_dir=tmp_path, **kw)


@pytest.fixture()
def kb(tmp_path):
    knowledge_base = open_knowledge_base(_settings(tmp_path))
    knowledge_base.apply([COSMIC, VAS, VG])
    yield knowledge_base
    knowledge_base.close()


def test_second_ingest_of_the_same_documents_embeds_nothing(kb):
    report = kb.apply([COSMIC, VAS, VG])
    assert report.embedded_chunks == 0
    assert sorted(report.unchanged) == ["cosmic", "vas", "vg"]
    assert kb.chunk_count() == 5 == kb.store.count()


def test_changed_document_is_replaced_whole_and_only_it_is_embedded(kb):
    vg2 = _doc("vg", ["Uppföljning sker minst var tredje månad."], "hash-vg-2",
               organization="Kommun i Västra Götaland")
    report = kb.apply([COSMIC, VAS, vg2])
    assert report.updated == ["vg"] and report.embedded_chunks == 1
    assert kb.chunk_count() == 4 == kb.store.count()
    texts = [h.chunk.text for h in kb.search("uppföljning", k=10, document_id="vg")]
    assert texts == ["Uppföljning sker minst var tredje månad."]


def test_deleted_document_is_removed_from_search_and_store(kb):
    report = kb.apply([COSMIC, VG])
    assert report.removed == ["vas"]
    assert kb.document("vas") is None and kb.chunk_count() == 4 == kb.store.count()
    hits = kb.search("avgiftstyp H3", k=10)
    assert hits and all(h.meta.id != "vas" for h in hits)  # the others still answer


def test_documents_come_back_from_the_manifest_without_ingesting(kb, tmp_path):
    kb.close()
    reopened = open_knowledge_base(_settings(tmp_path))
    assert [d.id for d in reopened.documents()] == ["cosmic", "vas", "vg"]
    assert reopened.document("cosmic").chunks[1].text.startswith("Kontakttyp")
    assert reopened.search("kostar besöket", k=1)[0].meta.id in ("cosmic", "vas")


def test_vectors_left_by_a_crashed_ingest_are_deleted_on_open(kb, tmp_path):
    # A crash after writing a new version's vectors but before the manifest: the store holds
    # vectors the manifest does not name. Reopening must drop them, never show them.
    orphan = np.ones((1, kb.embedder.dim), dtype=np.float32) / np.sqrt(kb.embedder.dim)
    kb.store.upsert(["vg:halfwritten:0"], orphan,
                    [{"document_id": "vg", "generation": "halfwritten", "ordinal": 0}])
    assert kb.store.count() == 6
    kb.close()
    reopened = open_knowledge_base(_settings(tmp_path))
    assert reopened.store.count() == 5
    assert reopened.chunk_count() == 5


def test_document_whose_vectors_are_missing_is_embedded_again(kb, tmp_path):
    kb.store.delete(["vg:hash-vg-1:0"])
    kb.close()
    reopened = open_knowledge_base(_settings(tmp_path))
    report = reopened.apply([COSMIC, VAS, VG])
    assert report.updated == ["vg"] and reopened.store.count() == 5


def test_filters_by_document_organization_and_validity(kb):
    assert {h.meta.id for h in kb.search("avgift", k=10, document_id="vas")} == {"vas"}
    assert {h.meta.id for h in kb.search("avgift", k=10,
                                         organization="Kommun i Västra Götaland")} == {"vg"}
    ids_2024 = {h.meta.id for h in kb.search("patientavgift 200 kr", k=10,
                                             valid_on=date(2024, 6, 1))}
    assert "vas" in ids_2024 and "cosmic" not in ids_2024
    ids_2025 = {h.meta.id for h in kb.search("patientavgift 200 kr", k=10,
                                             valid_on=date(2025, 3, 31))}
    assert "cosmic" in ids_2025 and "vas" not in ids_2025
    assert "vg" in ids_2025  # a document without validity holds every day


def test_unknown_filter_values_name_the_accepted_ones(kb):
    with pytest.raises(InputError) as err:
        kb.search("avgift", document_id="finns-inte")
    assert err.value.field == "document_id" and "cosmic" in err.value.message
    with pytest.raises(InputError) as err:
        kb.search("avgift", organization="Region Skåne")
    assert err.value.field == "organization" and "Region Halland" in err.value.message


def test_hits_carry_a_dense_confidence_and_the_api_shape(kb):
    hit = kb.search("Kan besöket göras på distans?", k=1)[0]
    assert hit.chunk.anchor == "cosmic-1"
    assert 0 < hit.dense_score <= 1 and hit.confidence == hit.dense_score
    assert hit.to_api() == {
        "document_id": "cosmic", "title": "Registrering i Cosmic",
        "organization": "Region Halland", "section": "Avsnitt", "anchor": "cosmic-1",
        "text": "Kontakttyp: Hemsjukvårdsbesök (kan aldrig ske på distans).",
        "score": hit.to_api()["score"], "url": "/documents/cosmic#cosmic-1"}
    assert 0 < hit.to_api()["score"] <= 1


def test_blank_query_is_refused(kb):
    with pytest.raises(InputError):
        kb.search("   ")


def test_index_of_another_model_is_refused_without_ingest(kb, tmp_path):
    kb.close()
    with pytest.raises(ConfigurationError, match="RUTIN_EMBEDDING_MODEL"):
        open_knowledge_base(_settings(tmp_path, embedding_model="minilm"), ingest=False)


def test_ingest_with_another_model_rebuilds_the_index(kb, tmp_path):
    kb.close()
    for name, text in (("catalog.toml", ""), ("a.txt", "Syfte\n\nEn rutin om avgifter.\n")):
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    settings = _settings(tmp_path, embedding_model="minilm")
    settings = settings.model_copy(update={"documents_dir": tmp_path / "docs"})
    rebuilt = open_knowledge_base(settings, ingest=True)
    assert rebuilt.model_name == "minilm"
    assert rebuilt.store.count() == rebuilt.chunk_count() > 0
    assert Manifest.load(tmp_path / "data" / "kb" / "manifest.json").embedding_model == "minilm"
    store = VectorStore(make_client(settings), settings.collection, "minilm", rebuilt.embedder.dim)
    assert not store.rebuilt


def test_lexical_only_knowledge_base_searches_without_a_model(tmp_path):
    kb = open_knowledge_base(_settings(tmp_path, embedding_model="none"))
    kb.apply([COSMIC, VAS, VG])
    assert kb.model_name == "none" and kb.store is None
    hit = kb.search("avgiftstyp H3", k=1)[0]
    assert hit.meta.id == "vas" and hit.dense_score is None and hit.confidence > 0


def test_missing_documents_dir_names_the_setting(tmp_path):
    settings = Settings(data_dir=tmp_path / "d", documents_dir=tmp_path / "nope")
    with pytest.raises(ConfigurationError, match="RUTIN_DOCUMENTS_DIR"):
        check_settings(settings)


def test_missing_model_path_names_the_setting(tmp_path):
    settings = Settings(data_dir=tmp_path / "d", documents_dir=tmp_path,
                        embedding_model=str(tmp_path / "no-model"))
    with pytest.raises(ConfigurationError, match="RUTIN_EMBEDDING_MODEL"):
        check_settings(settings)


def test_unwritable_data_dir_names_the_setting(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    settings = Settings(data_dir=blocker / "data", documents_dir=tmp_path)
    with pytest.raises(ConfigurationError, match="RUTIN_DATA_DIR"):
        check_settings(settings)


def test_real_documents_ingest_incrementally(tmp_path, documents_dir):
    docs = tmp_path / "docs"
    shutil.copytree(documents_dir, docs)
    settings = Settings(data_dir=tmp_path / "data", documents_dir=docs, ingest_on_start=True)
    kb = open_knowledge_base(settings)
    assert kb.document_count() == 5 and kb.store.count() == kb.chunk_count() > 30
    again = kb.ingest(docs)
    assert again.embedded_chunks == 0 and len(again.unchanged) == 5

    vg = docs / "vg-hemsjukvard-anslutning-utskrivning.txt"
    vg.write_text(vg.read_text() + "\n\nTillägg\n\nEn ny mening om uppföljning av hemsjukvård.\n")
    (docs / "rh-mobil-hemsjukvard-rapport.txt").unlink()
    report = kb.ingest(docs)
    assert report.updated == ["vg-hemsjukvard-anslutning-utskrivning"]
    assert report.removed == ["rh-mobil-hemsjukvard-rapport"]
    assert report.embedded_chunks == len(kb.document(report.updated[0]).chunks)
    assert kb.store.count() == kb.chunk_count() == sum(len(d.chunks) for d in kb.documents())
    hits = kb.search("Hallandsjouren buss", k=10)
    assert hits and all(h.meta.id != "rh-mobil-hemsjukvard-rapport" for h in hits)


def test_concurrent_searches_give_the_same_answers_as_one_at_a_time(kb):
    from concurrent.futures import ThreadPoolExecutor

    questions = ["Vad kostar besöket?", "Kan besöket ske på distans?", "Hur ofta följs det upp?",
                 "Vad är nivå 2?", "avgiftstyp H3", "Patientavgift för 90-åring"] * 4
    expected = {q: [h.chunk.anchor for h in kb.search(q, k=3)] for q in set(questions)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: (q, [h.chunk.anchor for h in kb.search(q, k=3)]),
                            questions))
    assert all(anchors == expected[q] for q, anchors in got)


def test_searches_during_an_ingest_always_see_whole_documents(kb):
    import threading
    from concurrent.futures import ThreadPoolExecutor

    vg2 = _doc("vg", ["Uppföljning sker minst var tredje månad.", "Nivå 2: dygnet runt."],
               "hash-vg-2", organization="Kommun i Västra Götaland")
    old = tuple(sorted(c.text for c in VG.chunks))
    new = tuple(sorted(c.text for c in vg2.chunks))
    embedded = threading.Event()  # the new version's vectors are stored, not yet committed
    searched = threading.Event()

    def hold_after_embedding(done: int, total: int) -> None:
        embedded.set()
        searched.wait(timeout=300)  # the ingest goes on once the searches below have run

    def search() -> tuple:
        return tuple(sorted(h.chunk.text for h in kb.search("uppföljning nivå", k=10,
                                                            document_id="vg")))

    with ThreadPoolExecutor(max_workers=1) as pool:
        ingest = pool.submit(kb.apply, [COSMIC, VAS, vg2], progress=hold_after_embedding)
        assert embedded.wait(timeout=300), "the ingest never embedded the new version"
        during = [search() for _ in range(5)]  # certainly during the ingest: it is held
        searched.set()
        racing = []
        while not ingest.done():  # and whatever runs beside the rest of it
            racing.append(search())
        ingest.result()
    assert during == [old] * 5  # the old version, whole, although the new vectors are stored
    assert all(s in (old, new) for s in racing)
    assert search() == new


def test_every_answer_unit_is_embedded_beside_its_chunk(kb):
    # "Avgiftstyp: H3. Summa: 200 kr, …" is two units: each gets its own vector.
    chunk = kb.document("vas").chunks[0]
    vectors = kb.unit_vectors(kb.document("vas"), chunk)
    assert vectors.shape == (2, kb.embedder.dim)
    question = kb.embedder.embed_queries(["Vilken avgiftstyp?"])[0]
    assert float(vectors[0] @ question) > float(vectors[1] @ question)


def test_units_of_a_removed_document_are_deleted_and_missing_units_reembedded(kb, tmp_path):
    units_before = kb.unit_store.count()
    kb.apply([COSMIC, VAS])
    assert kb.unit_store.count() == units_before - 2  # vg's two one-sentence chunks
    kb.unit_store.delete(["vas:hash-vas-1:0#u1"])
    kb.close()
    reopened = open_knowledge_base(_settings(tmp_path))
    report = reopened.apply([COSMIC, VAS])
    assert report.updated == ["vas"]
    assert reopened.unit_vectors(reopened.document("vas"),
                                 reopened.document("vas").chunks[0]).shape[0] == 2


def test_workers_starting_together_all_find_the_data_dir_writable(tmp_path):
    """Each worker of ``rutin serve`` checks the data directory as it starts; two checks at once
    must not take each other's probe file away (one worker of two answered 503 on /readyz with
    "Datakatalogen … kan inte skapas eller skrivas" in a CI run)."""
    from concurrent.futures import ThreadPoolExecutor
    import threading

    settings = Settings(data_dir=tmp_path / "data", documents_dir=tmp_path, embedding_model="none")
    start = threading.Barrier(4)

    def check_many(_):
        start.wait()
        failures = []
        for _ in range(300):
            try:
                check_settings(settings)
            except ConfigurationError as error:
                failures.append(str(error))
        return failures

    with ThreadPoolExecutor(4) as pool:
        failures = [f for batch in pool.map(check_many, range(4)) for f in batch]
    assert failures == []
    assert [p.name for p in (tmp_path / "data").iterdir()] == []  # no probe left behind
