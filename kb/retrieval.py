"""Retrieval: filter, rank densely and lexically, fuse, and say how confident each hit is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ingest.model import Chunk, Document, DocumentMeta
from kb.embedding import Embedder
from kb.fusion import RRF_K, reciprocal_rank_fusion
from kb.lexical import LexicalIndex
from kb.manifest import chunk_id
from kb.store import VectorStore
from kb.support import (SUPPORT_LEXICAL_WEIGHT, TUNED_SUPPORT_THRESHOLD, TermCoverage,  # noqa: F401
                        is_supported, support_score, support_threshold)
from rutin.errors import InputError

#: How many candidates each ranking contributes to the fusion.
CANDIDATES = 40
#: The first RERANK_DEPTH fused passages are re-ranked by fused score + COVERAGE_WEIGHT x term
#: coverage (kb/support.py). Measured on the tuning part of the answer set
#: (tests/eval/answers, 99 questions): R@1 0.616 -> 0.677, R@5 0.899 -> 0.909 for weights
#: 0.1-0.3; 0.05 changed nothing.
RERANK_DEPTH = 10
COVERAGE_WEIGHT = 0.2

#: Passages sharing more than this share of their words are shown once (the Cosmic and the
#: VAS routine have the same Syfte and Bakgrund; two copies would push answers out of the top 5).
DUPLICATE_JACCARD = 0.8


@dataclass(frozen=True)
class SearchHit:
    """One retrieved passage.

    ``score``: the fused rank score in (0, 1] (1 = first in every ranking used).
    ``dense_score``: cosine similarity of question and passage (None without an embedder).
    ``lexical_score``: share of the question's words found in the passage (0..1).
    ``confidence``: the cosine when there is an embedder, else the lexical share.
    ``term_coverage``: IDF-weighted share of the question's words the passage covers (kb/support.py).
    ``support``: how well the passage supports an answer, the one score the no-answer threshold
    (``support_threshold``) is compared with: the cosine plus ``SUPPORT_LEXICAL_WEIGHT`` x the
    term coverage; without an embedder, the term coverage (``kb.support.support_score``).
    """

    chunk: Chunk
    meta: DocumentMeta
    score: float
    dense_score: float | None = None
    lexical_score: float = 0.0
    confidence: float = 0.0
    term_coverage: float = 0.0

    @property
    def support(self) -> float:
        return support_score(self.dense_score, self.term_coverage)

    @property
    def url(self) -> str:
        return f"/documents/{self.meta.id}#{self.chunk.anchor}"

    def to_api(self) -> dict:
        """The result object of ``GET /api/v1/search`` (shared/spec/api.md)."""
        return {
            "document_id": self.meta.id,
            "title": self.meta.title,
            "organization": self.meta.organization,
            "section": self.chunk.section,
            "anchor": self.chunk.anchor,
            "text": self.chunk.text,
            "score": round(self.score, 4),
            "url": self.url,
        }


def index_text(meta: DocumentMeta, chunk: Chunk) -> str:
    """What is embedded and indexed for a chunk: the document title and the heading path give
    the passage its context ("Registrering i Cosmic" vs "... i VAS")."""
    head = " – ".join(p for p in (meta.title, chunk.section) if p)
    return f"{head}\n{chunk.text}" if head else chunk.text


@dataclass
class Corpus:
    """An immutable snapshot of what is searchable; replaced as a whole after an ingest."""

    documents: dict[str, Document]
    entries: list[tuple[Document, Chunk]] = field(default_factory=list)
    positions: dict[str, int] = field(default_factory=dict)
    lexical: LexicalIndex | None = None
    word_sets: list[frozenset[str]] = field(default_factory=list)
    term_sets: list[frozenset[str]] = field(default_factory=list)
    document_frequency: dict[str, int] = field(default_factory=dict)
    #: KnowledgeBase.proper_names, counted on first use.
    proper_names: dict[str, set[str]] | None = None
    #: KnowledgeBase.document_words, gathered on first use.
    document_words: frozenset[str] | None = None

    @classmethod
    def build(cls, documents: dict[str, Document]) -> "Corpus":
        """Order the chunks, map store ids to positions, build the lexical index."""
        ordered = dict(sorted(documents.items()))
        entries = [(d, c) for d in ordered.values() for c in d.chunks]
        positions = {chunk_id(d, c): i for i, (d, c) in enumerate(entries)}
        lexical = LexicalIndex([index_text(d.meta, c) for d, c in entries])
        word_sets = [frozenset(lexical.tokenizer.tokenize(c.text, compounds=False))
                     for _, c in entries]
        # The index tokens of each passage, as BM25 indexed them: what the no-answer decision's
        # term coverage and document frequencies are counted on.
        term_sets = lexical.token_sets
        frequency: dict[str, int] = {}
        for tokens in term_sets:
            for token in tokens:
                frequency[token] = frequency.get(token, 0) + 1
        return cls(ordered, entries, positions, lexical, word_sets, term_sets, frequency)

    def term_coverage(self, query: str) -> TermCoverage:
        """The question's words weighted by their specificity here, to measure passages by."""
        return TermCoverage(query, self.lexical.tokenizer, self.lexical.lexicon,
                            self.document_frequency, len(self.entries))

    def collapse_duplicates(self, ranked: list[tuple[int, float]], k: int) -> list[tuple[int, float]]:
        """The first ``k`` of ``ranked`` (position, score), skipping a passage that nearly
        repeats one ranked above it, unless the two are versions of one document (one
        supersedes the other): which version answers is decided by validity, after search
        (walk-through, stop 20: a routine's new version, one sentence changed, was never found
        because its old version ranked first)."""
        kept: list[tuple[int, float]] = []
        for pos, score in ranked:
            words = self.word_sets[pos]
            meta = self.entries[pos][0].meta
            if any(len(words & self.word_sets[p])
                   > DUPLICATE_JACCARD * len(words | self.word_sets[p])
                   and not self._versions_of_one(meta, self.entries[p][0].meta)
                   for p, _ in kept):
                continue
            kept.append((pos, score))
            if len(kept) >= k:
                break
        return kept

    @staticmethod
    def _versions_of_one(a, b) -> bool:
        """Whether one of two documents' metadata supersedes the other."""
        return a.id != b.id and (a.superseded_by == b.id or b.superseded_by == a.id
                                 or a.supersedes == b.id or b.supersedes == a.id)

    def organizations(self) -> list[str]:
        return sorted({d.meta.organization for d in self.documents.values()})

    def allowed_documents(self, document_id: str | None, organization: str | None,
                          valid_on: date | None) -> list[str]:
        """Ids of the documents the filters let through. Raises InputError naming the accepted
        values for an unknown document_id or organization."""
        if document_id is not None and document_id not in self.documents:
            raise InputError("document_id", "Okänt dokument-id. Kända dokument-id är: "
                             + ", ".join(self.documents) + ".")
        if organization is not None and organization not in self.organizations():
            raise InputError("organization", "Okänd organisation. Kända organisationer är: "
                             + ", ".join(self.organizations()) + ".")
        return [d.id for d in self.documents.values()
                if (document_id is None or d.id == document_id)
                and (organization is None or d.meta.organization == organization)
                and (valid_on is None or d.meta.in_force_on(valid_on))]


def rank_dense(corpus: Corpus, query: str, n: int, embedder: Embedder, store: VectorStore,
               allowed_ids: list[str] | None = None) -> tuple[list[int], dict[int, float], np.ndarray]:
    """Positions of the ``n`` passages nearest to ``query`` (best first), their cosines, and the
    query vector. ``allowed_ids``: restrict to these documents (None: all)."""
    vector = embedder.embed_queries([query])[0]
    ranking: list[int] = []
    cosines: dict[int, float] = {}
    for cid, cos in store.query(vector, n, allowed_ids):
        pos = corpus.positions.get(cid)
        if pos is not None:  # ids the manifest does not name are never shown
            ranking.append(pos)
            cosines[pos] = cos
    return ranking, cosines, vector


def rank_lexical(corpus: Corpus, query: str, n: int,
                 mask: np.ndarray | None = None) -> tuple[list[int], dict[int, float]]:
    """Positions of the ``n`` best BM25 passages (best first) and their lexical coverage."""
    hits = corpus.lexical.search(query, n, mask)
    return [h.index for h in hits], {h.index: h.coverage for h in hits}


def search(corpus: Corpus, query: str, k: int, *, embedder: Embedder | None,
           store: VectorStore | None, dense_weight: float, rrf_k: int = RRF_K,
           document_id: str | None = None, organization: str | None = None,
           valid_on: date | None = None, mode: str = "hybrid") -> list[SearchHit]:
    """The ``k`` best passages for ``query`` among the documents the filters allow.

    ``mode``: "hybrid" (default), "dense" or "lexical" (for evaluation). Raises InputError for
    unknown filter values.
    """
    allowed_ids = corpus.allowed_documents(document_id, organization, valid_on)
    if not allowed_ids or not corpus.entries or k <= 0:
        return []
    all_allowed = len(allowed_ids) == len(corpus.documents)
    allowed_set = set(allowed_ids)
    mask = None if all_allowed else np.array([d.id in allowed_set for d, _ in corpus.entries])
    n = max(CANDIDATES, k)

    use_dense = mode in ("hybrid", "dense") and embedder is not None and store is not None
    dense_rank: list[int] = []
    cosines: dict[int, float] = {}
    vector = None
    if use_dense:
        dense_rank, cosines, vector = rank_dense(corpus, query, n, embedder, store,
                                                 None if all_allowed else allowed_ids)
    lexical_rank: list[int] = []
    coverage: dict[int, float] = {}
    if mode != "dense" or not use_dense:
        lexical_rank, coverage = rank_lexical(corpus, query, n, mask)

    if use_dense and mode == "dense":
        fused = reciprocal_rank_fusion(dense_rank, [], 1.0, rrf_k)
    elif use_dense:
        fused = reciprocal_rank_fusion(dense_rank, lexical_rank, dense_weight, rrf_k)
    else:
        fused = reciprocal_rank_fusion([], lexical_rank, 0.0, rrf_k)

    top = corpus.collapse_duplicates(fused, max(k, RERANK_DEPTH))
    covered = corpus.term_coverage(query)
    coverages = {pos: covered.of(corpus.term_sets[pos]) for pos, _ in top}
    # Re-rank the first RERANK_DEPTH by the fused score plus the IDF-weighted share of the
    # question's words each passage covers (issue 10, "Raise rank 1 on new questions").
    top = sorted(((pos, (score + COVERAGE_WEIGHT * coverages[pos]) / (1 + COVERAGE_WEIGHT))
                  for pos, score in top), key=lambda ps: -ps[1])[:k]
    if use_dense:
        # A hit found only lexically still gets its cosine, read back from the store.
        missing = [pos for pos, _ in top if pos not in cosines]
        if missing:
            ids = [chunk_id(*corpus.entries[pos]) for pos in missing]
            for pos, vec in zip(missing, store.vectors(ids)):
                cosines[pos] = float(np.dot(vector, vec)) if vec is not None else 0.0
    hits = []
    for pos, score in top:
        doc, chunk = corpus.entries[pos]
        if pos not in coverage:
            coverage[pos] = corpus.lexical.coverage(query, pos)
        cos = cosines.get(pos)
        hits.append(SearchHit(chunk, doc.meta, score, cos, coverage[pos],
                              cos if cos is not None else coverage[pos],
                              coverages[pos]))
    return hits
