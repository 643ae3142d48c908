"""The synthetic corpus: varied, not copies; deterministic; a valid catalog."""

import tomllib
from pathlib import Path

from bench.synthetic import read_pools, write_corpus
from rutin.config import PROJECT_ROOT

DOCUMENTS = PROJECT_ROOT / "documents"


def _paragraphs(text: str) -> set[str]:
    return {p.strip() for p in text.split("\n\n") if len(p.strip()) > 40}


def test_same_seed_writes_the_same_corpus_byte_for_byte(tmp_path):
    first = write_corpus(tmp_path / "a", 6, documents_dir=DOCUMENTS, seed=3)
    second = write_corpus(tmp_path / "b", 6, documents_dir=DOCUMENTS, seed=3)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert (tmp_path / "a" / "catalog.toml").read_bytes() == (tmp_path / "b" / "catalog.toml").read_bytes()


def test_synthetic_documents_are_not_copies_of_each_other_or_of_the_real_ones(tmp_path):
    paths = write_corpus(tmp_path, 30, documents_dir=DOCUMENTS, seed=11)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == len(texts)
    real = set().union(*(_paragraphs(p.read_text(encoding="utf-8")) for p in DOCUMENTS.glob("*.txt")))
    synthetic = [para for text in texts for para in _paragraphs(text)]
    # Most paragraphs are recombined or substituted, so they stand nowhere in the real documents.
    copied = sum(1 for para in synthetic if para in real)
    assert copied < 0.2 * len(synthetic)
    assert len(set(synthetic)) > 0.9 * len(synthetic)


def test_every_synthetic_document_has_its_own_catalog_entry(tmp_path):
    paths = write_corpus(tmp_path, 12, documents_dir=DOCUMENTS, seed=5)
    catalog = tomllib.loads((tmp_path / "catalog.toml").read_text(encoding="utf-8"))
    assert sorted(catalog) == sorted(p.name for p in paths)
    ids = [entry["id"] for entry in catalog.values()]
    assert len(set(ids)) == len(ids)
    assert all(entry["title"] and entry["organization"] for entry in catalog.values())


def test_pools_come_from_the_bundled_documents():
    pools = read_pools(DOCUMENTS)
    assert "Förutsättningar" in pools.headings
    assert any("500 kr" in s for s in pools.sentences)
    assert len(pools.bullets) > 10
