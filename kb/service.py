"""The knowledge base as one object: open (ingesting if needed), search, ingest, close.

``open_knowledge_base(settings)`` is what the server's lifespan and the CLI call. Ingest is
incremental by content hash: unchanged documents are not embedded again, a changed document's
chunks are replaced as a whole, a document whose file is gone is removed. The write order
(vectors, then the manifest with os.replace, then deleting the superseded vectors) and the
reconciliation on open make a crash at any moment leave whole documents only (kb/manifest.py).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from ingest.model import Chunk, Document
from kb.embedding import Embedder, embedding_model_problem, make_embedder
from kb.claims import COMMIT as COMMIT_ITEM
from kb.indexstate import FileIndexState, index_state
from kb.manifest import Manifest, chunk_id, generation
from kb.retrieval import Corpus, SearchHit, index_text, search, support_threshold
from kb.store import VectorStore, make_client
from kb.units import split_sentences, unit_ids, unit_texts
from rutin.config import Settings
from rutin.errors import ConfigurationError, InputError

log = logging.getLogger("rutin.kb")

#: Chunks embedded per call: small enough for a smooth progress bar, big enough to batch.
EMBED_BATCH = 16

Progress = Callable[[int, int], None]


@dataclass
class IngestReport:
    """What an ingest did: document ids added, updated, unchanged and removed; the files that
    failed (objects with ``filename`` and ``reason``); seconds taken."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failures: list = field(default_factory=list)
    seconds: float = 0.0
    embedded_chunks: int = 0


@dataclass(frozen=True)
class Degradation:
    """Why the index served is not what the documents directory says now: the catalog cannot be
    read, so the last index that was ingested whole is served instead (issue 13, finding 5)."""

    reason: str  # Swedish; names the catalog file and line
    file: str
    line: int | None = None
    kind: str = "catalog"  # "catalog", or "rules": a document would break a rule's quote

    @classmethod
    def of(cls, error) -> "Degradation":
        """The degradation a ``CatalogError`` causes."""
        return cls(str(error), str(error.path or ""), error.line,
                   getattr(error, "kind", "catalog"))

    def to_api(self) -> dict:
        return {"reason": self.reason, "file": self.file, "line": self.line, "kind": self.kind}


def manifest_path(settings: Settings) -> Path:
    """Where the manifest of the index ``settings`` describe is kept."""
    return Path(settings.data_dir) / "kb" / "manifest.json"


def no_index_message(error: Exception) -> str:
    """The one line said when the catalog is broken and no earlier index can be served."""
    what = "dokumentet eller regeltabellen" if getattr(error, "kind", "") == "rules" \
        else "katalogen"
    return (f"{error}. Det finns inget tidigare inläst index att visa i stället; rätta {what} "
            "och försök igen.")


def check_catalog(settings: Settings) -> None:
    """Raise ConfigurationError naming the catalog's file and line when a start would ingest a
    broken catalog and there is no earlier index to serve instead (``rutin serve`` says so and
    exits rather than serving nothing). With an earlier index the start goes on, degraded."""
    from ingest.catalog import CatalogError, load_catalog

    if not settings.ingest_on_start:
        return
    try:
        load_catalog(Path(settings.documents_dir))
    except CatalogError as error:
        if not index_state(settings).load()[0].documents:
            raise ConfigurationError(no_index_message(error)) from None


def check_settings(settings: Settings) -> None:
    """Raise ConfigurationError, one line per problem naming the setting to fix, if the
    documents directory, the embedding model or the data directory cannot be used."""
    problems = []
    if settings.ingest_on_start and not Path(settings.documents_dir).is_dir():
        problems.append(f"Dokumentkatalogen {settings.documents_dir} finns inte; sätt "
                        "RUTIN_DOCUMENTS_DIR till katalogen med rutindokumenten.")
    model_problem = embedding_model_problem(settings.embedding_model.strip())
    if model_problem:
        problems.append(model_problem)
    try:
        Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
        # A probe of this check's own: the workers of one ``rutin serve`` check the same
        # directory at once, and a shared name let one worker remove another's probe.
        fd, probe = tempfile.mkstemp(prefix=".rutin-write-test-", dir=settings.data_dir)
        try:
            os.write(fd, b"ok")
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        problems.append(f"Datakatalogen {settings.data_dir} kan inte skapas eller skrivas "
                        f"({exc.strerror or exc}); sätt RUTIN_DATA_DIR till en skrivbar katalog.")
    if problems:
        raise ConfigurationError("\n".join(problems))


def _rich_progress(description: str):
    """A rich progress bar as a (callback, context manager) pair."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TimeElapsedColumn

    bar = Bar("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
              TimeElapsedColumn(), transient=False)
    task = bar.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar


class KnowledgeBase:
    """The documents, their vectors and lexical index. Searches may run concurrently; ingests
    run one at a time and swap in a new snapshot when done."""

    def __init__(self, settings: Settings, embedder: Embedder | None, store: VectorStore | None,
                 manifest: Manifest, manifest_path: Path, stale: set[str] | None = None,
                 unit_store: VectorStore | None = None, *, state=None,
                 generation: str | None = None) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.unit_store = unit_store  # the answer units' vectors (kb/units.py)
        self._unit_cache: dict[str, np.ndarray | None] = {}
        self._manifest = manifest
        self._manifest_path = manifest_path
        # Where the manifest is committed: the file at manifest_path, or (vector_store=http)
        # the chroma server's state collection, whose generation every instance follows.
        self._state = state if state is not None else FileIndexState(manifest_path)
        self.generation = generation  # the shared generation served (None: embedded)
        self._stale = set(stale or ())  # documents whose vectors are missing from the store
        self._write_lock = threading.Lock()
        # Files the last ingest could not read (name and reason), shown on /readyz and /documents.
        self.failures: list = []
        # Set while the catalog cannot be read and the last good index is served instead.
        self.degraded: Degradation | None = None
        self._corpus = Corpus.build(manifest.documents)

    # -- reading -------------------------------------------------------------------------

    @property
    def model_name(self) -> str:
        """The embedding model in use ('none' for lexical retrieval only)."""
        return self.embedder.name if self.embedder is not None else "none"

    def no_answer_threshold_for(self, lang: str = "sv") -> float:
        """RUTIN_NO_ANSWER_THRESHOLD, or when 0 the value tuned for this model and the
        question's language; compare it with ``SearchHit.support`` of the best hit
        (``kb.retrieval.is_supported``)."""
        return support_threshold(self.model_name, lang, self.settings.no_answer_threshold)

    @property
    def no_answer_threshold(self) -> float:
        """``no_answer_threshold_for("sv")``."""
        return self.no_answer_threshold_for("sv")

    @property
    def tokenizer(self):
        """The Swedish tokenizer of the lexical index (stems, compound parts)."""
        return self._corpus.lexical.tokenizer

    def term_frequencies(self) -> tuple[dict[str, int], int]:
        """(in how many passages each index term occurs, how many passages there are), of the
        current snapshot: the statistics the no-answer decision weighs question words by."""
        corpus = self._corpus
        return corpus.document_frequency, len(corpus.entries)

    @property
    def lexicon(self):
        """The domain lexicon the lexical index expands questions with."""
        return self._corpus.lexical.lexicon

    def documents(self) -> list[Document]:
        """Every indexed document (cleaned, with chunks), sorted by id."""
        return list(self._corpus.documents.values())

    def document(self, document_id: str) -> Document | None:
        """The document with this id, or None."""
        return self._corpus.documents.get(document_id)

    def organizations(self) -> list[str]:
        """The organizations of the indexed documents, sorted."""
        return self._corpus.organizations()

    def document_count(self) -> int:
        return len(self._corpus.documents)

    def chunk_count(self) -> int:
        return len(self._corpus.entries)

    def search(self, query: str, k: int = 5, *, document_id: str | None = None,
               organization: str | None = None, valid_on: date | None = None,
               mode: str = "hybrid") -> list[SearchHit]:
        """The ``k`` passages that best answer ``query``, best first.

        Filters: ``document_id``, ``organization`` (exact), ``valid_on`` (only documents in
        force that day). ``mode``: "hybrid", "dense" or "lexical". Raises InputError for a blank
        query, k < 1, or an unknown document_id/organization (the message lists the known ones).
        """
        if not query or not query.strip():
            raise InputError("q", "Sökfrågan får inte vara tom.")
        if k < 1:
            raise InputError("k", "k ska vara minst 1.")
        if mode not in ("hybrid", "dense", "lexical"):
            raise InputError("mode", "mode ska vara hybrid, dense eller lexical.")
        return search(self._corpus, query.strip(), k, embedder=self.embedder, store=self.store,
                      dense_weight=self.settings.fusion_dense_weight,
                      document_id=document_id, organization=organization, valid_on=valid_on,
                      mode=mode)

    # -- writing -------------------------------------------------------------------------

    def ingest(self, directory: Path | str, progress: bool | Progress = False) -> IngestReport:
        """Load every document in ``directory`` (with its catalog.toml) and bring the index in
        line with it; see ``apply``."""
        from ingest.catalog import CatalogError
        from ingest.published import load_sources

        started = time.perf_counter()
        try:
            # The directory and the documents published under the data directory (issue 12).
            documents, failures = load_sources(Path(directory), self.settings.data_dir)
        except CatalogError as error:
            # Nothing is changed: the index ingested last stays, and says it is behind.
            self.degraded = Degradation.of(error)
            raise

        from rules.quotecheck import RuleQuoteError, check_ingest

        try:
            # A document that breaks a quote of the rule tables is refused the same way, so
            # the rules never cite text the index no longer holds (issue 12, item 3).
            check_ingest(self._manifest.documents, documents, failures,
                         directory=Path(directory))
        except RuleQuoteError as error:
            self.degraded = Degradation.of(error)
            raise
        report = self.apply(documents, failures, progress=progress, started=started)
        self.degraded = None
        return report

    def apply(self, documents: Sequence[Document], failures: Sequence = (), *,
              progress: bool | Progress = False, started: float | None = None) -> IngestReport:
        """Make ``documents`` the indexed set: embed new and changed ones (by content hash),
        drop the ones not given. A document whose file failed to load (``failures``, matched by
        file name) keeps its previous version. Returns the IngestReport."""
        started = time.perf_counter() if started is None else started
        with self._write_lock:
            report, new_docs, to_embed = self._plan(documents, failures)
            if self.store is not None:
                report.embedded_chunks = self._embed(to_embed, progress)
            self._publish(report, new_docs)
        report.seconds = time.perf_counter() - started
        log.info("ingest: %d added, %d updated, %d unchanged, %d removed, %d failed (%.1f s)",
                 len(report.added), len(report.updated), len(report.unchanged),
                 len(report.removed), len(report.failures), report.seconds)
        return report

    def _plan(self, documents: Sequence[Document], failures: Sequence
              ) -> tuple[IngestReport, dict[str, Document], list[Document]]:
        """What an ingest of ``documents`` does: the report's lists, the new document set, and
        the documents to embed (new and changed ones)."""
        report = IngestReport(failures=list(failures))
        old = self._manifest.documents
        failed_files = {getattr(f, "filename", "") for f in failures}
        new_docs: dict[str, Document] = {
            d.id: d for d in old.values() if d.meta.filename and d.meta.filename in failed_files
        }
        to_embed: list[Document] = []
        for doc in documents:
            if doc.id in new_docs:
                log.warning("document id %s given twice; keeping the first", doc.id)
                continue
            new_docs[doc.id] = doc
            previous = old.get(doc.id)
            if previous is None:
                report.added.append(doc.id)
                to_embed.append(doc)
            elif (previous.content_hash != doc.content_hash or not doc.content_hash
                  or doc.id in self._stale
                  or self._manifest.embedding_model != self.model_name):
                report.updated.append(doc.id)
                to_embed.append(doc)
            else:
                report.unchanged.append(doc.id)
        report.removed = sorted(set(old) - set(new_docs))
        return report, new_docs, to_embed

    def _publish(self, report: IngestReport, new_docs: dict[str, Document]) -> None:
        """Commit ``new_docs`` (whose vectors are stored), unless nothing changed on a shared
        index (a new generation would only make every instance reload). Write lock held."""
        manifest = Manifest(self.model_name, self.embedder.dim if self.embedder else 0,
                            new_docs)
        unchanged = (self._state.shared and self.generation is not None
                     and not (report.added or report.updated or report.removed)
                     and self._manifest.embedding_model == manifest.embedding_model)
        if not unchanged:
            self.commit(manifest)
        self.failures = list(report.failures)

    def ingest_shared(self, directory: Path | str, db, *, lease: float = 60.0,
                      poll: float = 0.5, progress: Progress | None = None) -> dict:
        """Ingest ``directory`` together with other processes doing the same (kb/claims.py):
        embed the documents this process claims, and publish if it is the one that claims the
        commit. Returns {"report", "worker", "embedded" (this process's documents), "split"
        (documents and chunks per worker), "committed_here"}."""
        from ingest.pipeline import load_directory
        from kb.claims import ClaimBoard, plan_key, worker_name

        if not self._state.shared or self.store is None:
            raise ConfigurationError("En delad inläsning kräver RUTIN_VECTOR_STORE=http och en "
                                     "inbäddningsmodell.")
        started = time.perf_counter()
        documents, failures = load_directory(Path(directory))
        with self._write_lock:
            report, new_docs, to_embed = self._plan(documents, failures)
            base = self.generation
        board = ClaimBoard(db, plan_key(self.model_name, base, new_docs.values()),
                           worker_name(), lease)
        board.register({d.id: len(d.chunks) for d in to_embed})
        by_id = {d.id: d for d in to_embed}
        mine: list[str] = []
        committed_here = False
        while True:
            item = board.claim()
            if item is not None:
                doc = by_id[item]

                def renew(done: int, total: int, item=item) -> None:
                    board.renew(item)
                    if progress:
                        progress(done, total)
                report.embedded_chunks += self._embed([doc], renew)
                if board.finish(item):
                    mine.append(item)
                continue
            if board.open_documents():
                time.sleep(poll)  # others hold the rest under live leases: wait, or take over
                continue
            if board.committed():
                break
            if board.claim(commit=True) is not None:
                with self._write_lock:
                    self._publish(report, new_docs)
                board.finish(COMMIT_ITEM)
                committed_here = True
                break
            time.sleep(poll)  # another process is committing
        if not committed_here:
            self.refresh()
        report.seconds = time.perf_counter() - started
        log.info("shared ingest: %d of %d documents embedded here, %s", len(mine), len(to_embed),
                 "committed here" if committed_here else "committed by another process")
        return {"report": report, "worker": board.worker, "embedded": mine,
                "split": board.split(), "committed_here": committed_here}

    def commit(self, manifest: Manifest) -> None:
        """Make ``manifest`` (whose vectors are all stored) the index: the commit point (the
        manifest file, or the shared generation pointer), this process's snapshot, then the
        deletion of vectors no kept generation names. Call with the write lock held."""
        old = self._manifest
        corpus = Corpus.build(manifest.documents)
        generation, previous = self._state.publish(manifest)  # the commit point
        # Searches running now see either the old snapshot (whose vectors are still
        # stored) or the new one (whose vectors were written above): never a gap.
        self._manifest, self._corpus, self._stale = manifest, corpus, set()
        self._unit_cache = {}
        self.generation = generation
        keep, keep_units = manifest.expected_ids(), manifest.expected_unit_ids()
        if self._state.shared:
            # Other instances may serve the generation just replaced until their next poll:
            # its vectors stay until the next publish (kb/indexstate.py).
            kept = [old]
            if previous:
                earlier = self._state.load_generation(previous)
                if earlier is not None:
                    kept.append(earlier)
            for m in kept:
                keep |= m.expected_ids()
                keep_units |= m.expected_unit_ids()
        if self.store is not None:
            self.store.reconcile(keep)
        if self.unit_store is not None:
            self.unit_store.reconcile(keep_units)

    def refresh(self) -> bool:
        """Serve the shared generation if another instance published a new one (the background
        poll of server/app.py). True when the snapshot changed. Embedded: always False."""
        if not self._state.shared:
            return False
        serving = self.generation
        pointer = self._state.current()
        if pointer is None or pointer.generation == self.generation:
            return False
        manifest = self._state.load_generation(pointer.generation, pointer.documents)
        if manifest is None:  # superseded while read: the next poll takes the newer one
            return False
        manifest.embedding_model, manifest.dim = pointer.embedding_model, pointer.dim
        if self.embedder is not None and manifest.documents and \
                pointer.embedding_model != self.model_name:
            log.error("index generation %s is built with %r, this instance embeds with %r; "
                      "not switching", pointer.generation, pointer.embedding_model,
                      self.model_name)
            return False
        corpus = Corpus.build(manifest.documents)
        with self._write_lock:
            if self.generation != serving:  # this process published meanwhile: newer
                return False
            self._manifest, self._corpus, self._stale = manifest, corpus, set()
            self._unit_cache = {}
            self.generation = pointer.generation
            self.degraded = None
        log.info("index: now serving generation %s (%d documents)", pointer.generation,
                 len(manifest.documents))
        return True

    def _embed(self, docs: list[Document], progress: bool | Progress) -> int:
        items = [(d, c) for d in docs for c in d.chunks]
        if not items:
            return 0
        bar = None
        callback: Progress | None = None
        if progress is True:
            callback, bar = _rich_progress("Bäddar in avsnitt")
            bar.start()
        elif callable(progress):
            callback = progress
        try:
            for start in range(0, len(items), EMBED_BATCH):
                batch = items[start:start + EMBED_BATCH]
                vectors = self.embedder.embed_passages([index_text(d.meta, c) for d, c in batch])
                self.store.upsert(
                    [chunk_id(d, c) for d, c in batch], vectors,
                    [{"document_id": d.id, "generation": generation(d), "ordinal": c.ordinal,
                      "anchor": c.anchor, "organization": d.meta.organization}
                     for d, c in batch],
                )
                if self.unit_store is not None:
                    self._embed_units(batch)
                if callback:
                    callback(min(start + EMBED_BATCH, len(items)), len(items))
        finally:
            if bar is not None:
                bar.stop()
        return len(items)

    def _embed_units(self, items: list[tuple[Document, Chunk]]) -> None:
        """Embed and store the answer units of these chunks (kb/units.py)."""
        ids, texts, metas = [], [], []
        for d, c in items:
            unit_text = unit_texts(d.meta, c)
            ids += unit_ids(chunk_id(d, c), len(unit_text))
            texts += unit_text
            metas += [{"document_id": d.id, "generation": generation(d), "anchor": c.anchor,
                       "unit": i} for i in range(len(unit_text))]
        if ids:
            self.unit_store.upsert(ids, self.embedder.embed_passages(texts), metas)

    def unit_vectors(self, doc: Document, chunk: Chunk) -> np.ndarray | None:
        """The stored vectors of ``chunk``'s answer units, in order (kb.units.split_sentences),
        or None when there is no embedder or they are not stored (then answers score the units
        lexically only). Read once per snapshot."""
        if self.unit_store is None:
            return None
        key = chunk_id(doc, chunk)
        if key not in self._unit_cache:
            count = len(split_sentences(chunk.text))
            found = self.unit_store.vectors(unit_ids(key, count)) if count else []
            self._unit_cache[key] = (np.stack(found) if found and all(v is not None for v in found)
                                     else None)
        return self._unit_cache[key]

    def proper_names(self) -> dict[str, set[str]]:
        """The proper names of the documents (a word written with a capital inside a sentence
        at least three times as often as in lower case: "Läkarmedverkan", "Hallandsjouren",
        "Cosmic"), each as its stem with the organizations whose documents use it; counted once
        per snapshot."""
        corpus = self._corpus
        if corpus.proper_names is None:
            tokenize = corpus.lexical.tokenizer.tokenize
            used_by: dict[str, set[str]] = {}
            counts: dict[str, list[int]] = {}
            for doc, chunk in corpus.entries:
                for m in re.finditer(r"(?<=[\wåäö,] )([A-ZÅÄÖ][a-zåäö]{3,})\b|\b([a-zåäö]{4,})\b",
                                     chunk.text):
                    for stem in tokenize(m.group(1) or m.group(2), compounds=False):
                        counts.setdefault(stem, [0, 0])[0 if m.group(1) else 1] += 1
                        if m.group(1):
                            used_by.setdefault(stem, set()).add(doc.meta.organization)
            corpus.proper_names = {stem: orgs for stem, orgs in used_by.items()
                                   if counts[stem][0] >= 3 * counts[stem][1]}
        return corpus.proper_names

    def document_words(self) -> frozenset[str]:
        """Every word of the documents' text, in lower case; gathered once per snapshot."""
        corpus = self._corpus
        if corpus.document_words is None:
            corpus.document_words = frozenset(
                w for doc in corpus.documents.values()
                for w in re.findall(r"\w+", (doc.text or "").casefold()))
        return corpus.document_words

    def organization_terms(self, organization: str) -> frozenset[str]:
        """Every index term of ``organization``'s passages."""
        corpus = self._corpus
        return frozenset().union(*(corpus.term_sets[i] for i, (d, _) in enumerate(corpus.entries)
                                   if d.meta.organization == organization))

    def nearest_units(self, query: str, n: int, *, organization: str | None = None,
                      cover: str | None = None) -> list[tuple[SearchHit, int, float, float]]:
        """The ``n`` answer units nearest to ``query`` in the whole index (small-to-big: a
        sentence found on its own, wherever its passage ranks), each as (its passage as a
        search hit, the unit's index in ``split_sentences(chunk.text)``, its cosine, the
        IDF-weighted share of the question's words the unit and its heading cover, or of
        ``cover``'s words when given), best first. Empty without an embedder or stored units."""
        if self.unit_store is None or self.embedder is None or n <= 0:
            return []
        corpus = self._corpus
        allowed = None if organization is None else \
            corpus.allowed_documents(None, organization, None)
        vector = self.embedder.embed_queries([query])[0]
        coverage = corpus.term_coverage(query if cover is None else cover)
        found = []
        for uid, cosine in self.unit_store.query(vector, n, allowed):
            key, _, unit = uid.rpartition("#u")
            pos = corpus.positions.get(key)
            if pos is None or not unit.isdigit():
                continue  # a unit of a passage the manifest no longer names
            doc, chunk = corpus.entries[pos]
            spans = split_sentences(chunk.text)
            if int(unit) >= len(spans):
                continue
            span = spans[int(unit)]
            hit = SearchHit(chunk, doc.meta, cosine, cosine, 0.0, cosine,
                            coverage.of(corpus.term_sets[pos]))
            said = f"{chunk.section} {chunk.text[span.start:span.end]}"
            found.append((hit, int(unit), cosine,
                          coverage.of(set(corpus.lexical.tokenizer.tokenize(said)))))
        return found

    def close(self) -> None:
        """Release the store client (the embedded client holds the chroma directory)."""
        self.store = None
        self.unit_store = None


def open_knowledge_base(settings: Settings, progress: bool | Progress = False, *,
                        ingest: bool | None = None, rebuild: bool | None = None) -> KnowledgeBase:
    """Open the knowledge base ``settings`` describe.

    With ``ingest`` (default: RUTIN_INGEST_ON_START) the documents directory is ingested
    incrementally. With ``rebuild`` (default: same as ``ingest``) an index built with another
    embedding model is emptied so that the next ingest re-embeds everything ('rutin ingest'
    opens with rebuild and ingests itself); without it such an index is refused with a
    ConfigurationError saying what to do.
    Raises ConfigurationError for unusable settings (see ``check_settings``).
    """
    ingest = settings.ingest_on_start if ingest is None else ingest
    rebuild = ingest if rebuild is None else rebuild
    check_settings(settings)
    embedder = make_embedder(settings)
    client = make_client(settings) if (embedder is not None
                                       or settings.vector_store == "http") else None
    state = index_state(settings, client)
    manifest, generation = state.load()
    if state.shared and generation is None:
        # No generation in the chroma server yet: an index built before it kept its manifest
        # here is served (and published by the next ingest).
        manifest = Manifest.load(manifest_path(settings))
    store = unit_store = None
    stale: set[str] = set()
    if embedder is not None:
        store = VectorStore(client, settings.collection, embedder.name,
                            embedder.dim, on_mismatch="rebuild" if rebuild else "refuse")
        unit_store = VectorStore(client, f"{settings.collection}_units", embedder.name,
                                 embedder.dim, on_mismatch="rebuild" if rebuild else "refuse")
        if manifest.documents and manifest.embedding_model != embedder.name and not rebuild:
            raise ConfigurationError(
                f"Indexet i {settings.data_dir} är byggt med inbäddningsmodellen "
                f"{manifest.embedding_model!r}, men RUTIN_EMBEDDING_MODEL är {embedder.name!r}. "
                "Kör 'rutin ingest' för att bygga om indexet.")
        if settings.vector_store == "http":
            # A shared chroma server: other instances may serve the generation before this one,
            # or be writing the chunks of the next. Only a publish deletes there, and keeps the
            # generation it replaces (KnowledgeBase.commit). A serving instance reads nothing
            # but the manifest, so that it serves at once; an ingest checks for missing vectors.
            deleted, missing = 0, set()
            if ingest or rebuild:
                missing = manifest.expected_ids() - set(store.entries())
                missing |= manifest.expected_unit_ids() - set(unit_store.entries())
        else:
            deleted, missing = store.reconcile(manifest.expected_ids())
            deleted_units, missing_units = unit_store.reconcile(manifest.expected_unit_ids())
            deleted += deleted_units
            missing |= missing_units
        if deleted:
            log.warning("removed %d vectors no document in the manifest names", deleted)
        stale = {cid.split(":", 1)[0] for cid in missing}
        if stale and not ingest:
            log.warning("vectors missing for %s; run 'rutin ingest'", ", ".join(sorted(stale)))
    kb = KnowledgeBase(settings, embedder, store, manifest, manifest_path(settings), stale,
                       unit_store, state=state, generation=generation)
    from ingest.catalog import CatalogError, load_catalog

    try:
        if ingest:
            kb.ingest(settings.documents_dir, progress=progress)
        else:
            # Opened without an ingest (a worker of 'rutin serve', RUTIN_INGEST_ON_START=false):
            # a catalog that cannot be read is still said, since the next ingest will fail.
            load_catalog(Path(settings.documents_dir))
    except CatalogError as error:
        if ingest and not kb.document_count():
            kb.close()
            raise ConfigurationError(no_index_message(error)) from None
        kb.degraded = Degradation.of(error)
        # A warning where this start's ingest failed; where none was asked (the CLI ingests
        # next and says it, a worker's parent said it) a note.
        log.log(logging.WARNING if ingest else logging.INFO,
                "%s; serving the last good index (%d documents)", error, kb.document_count())
    return kb
