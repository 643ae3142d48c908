"""Subcommands of the knowledge base: ingest, search, eval."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer

from rutin.config import Settings, get_settings
from rutin.errors import ConfigurationError, InputError


def _fail(message: str) -> None:
    typer.echo(f"rutin: {message}", err=True)
    raise typer.Exit(code=2)


@contextmanager
def _knowledge_base(settings: Settings, *, ingest: bool, progress: bool = False,
                    rebuild: bool | None = None):
    """Open the knowledge base holding the data directory (one process per embedded store)."""
    from kb.service import open_knowledge_base
    from rutin.datalock import acquire_data_dir, release_data_dir

    held = False
    kb = None
    try:
        if settings.vector_store == "embedded":
            acquire_data_dir(settings.data_dir)
            held = True
        kb = open_knowledge_base(settings, progress=progress, ingest=ingest, rebuild=rebuild)
        yield kb
    except ConfigurationError as exc:
        _fail(str(exc))
    finally:
        if kb is not None:
            kb.close()
        if held:
            release_data_dir(settings.data_dir)


def _settings(model: str | None = None) -> Settings:
    settings = get_settings()
    if model is not None:
        settings = settings.model_copy(update={"embedding_model": model})
    return settings


def ingest(
    path: Path = typer.Argument(None, help="Directory of documents with catalog.toml "
                                           "(default: RUTIN_DOCUMENTS_DIR)."),
    share: bool = typer.Option(False, "--share", help="Split the embedding with the other "
                               "'rutin ingest --share' processes of this publish, on this host "
                               "or others, through the database (RUTIN_DATABASE_URL); needs "
                               "RUTIN_VECTOR_STORE=http. One of them publishes."),
) -> None:
    """Ingest the routine documents: embed new and changed ones, remove deleted ones."""
    settings = _settings()
    if path is not None:
        if not path.is_dir():
            _fail(f"Katalogen {path} finns inte.")
        settings = settings.model_copy(update={"documents_dir": path})
    if share:
        _ingest_shared(settings)
        return
    # rebuild: an index of another embedding model is emptied and re-embedded by this ingest.
    from ingest.catalog import CatalogError
    from kb.service import no_index_message

    with _knowledge_base(settings, ingest=False, rebuild=True) as kb:
        try:
            report = kb.ingest(settings.documents_dir, progress=True)
        except CatalogError as exc:  # one line naming the file and line; the index is kept
            _fail(str(exc) if kb.document_count() else no_index_message(exc))
        except ConfigurationError as exc:
            _fail(str(exc))
        for label, ids in (("Nya", report.added), ("Ändrade", report.updated),
                           ("Oförändrade", report.unchanged), ("Borttagna", report.removed)):
            typer.echo(f"{label + ':':13} {len(ids)}" + (f"  ({', '.join(ids)})" if ids else ""))
        typer.echo(f"{'Misslyckade:':13} {len(report.failures)}")
        for failure in report.failures:
            typer.echo(f"  {failure.filename}: {failure.reason}")
        typer.echo(f"{kb.document_count()} dokument, {kb.chunk_count()} avsnitt, modell "
                   f"{kb.model_name}; {report.embedded_chunks} avsnitt inbäddade på "
                   f"{report.seconds:.1f} s.")
        if report.failures:
            raise typer.Exit(code=1)


def _ingest_shared(settings: Settings) -> None:
    """``rutin ingest --share``: this process's part of a publish shared through the database."""
    from ingest.catalog import CatalogError
    from rutin.db import open_database
    from rutin.errors import DatabaseUnavailable

    if settings.vector_store != "http":
        _fail("--share kräver RUTIN_VECTOR_STORE=http: processerna delar chroma-servern.")
    with _knowledge_base(settings, ingest=False, rebuild=True) as kb:
        try:
            db = open_database(settings)
            result = kb.ingest_shared(settings.documents_dir, db,
                                      lease=settings.ingest_lease_seconds)
        except CatalogError as exc:
            _fail(str(exc))
        except (ConfigurationError, DatabaseUnavailable) as exc:
            _fail(getattr(exc, "message", None) or str(exc))
        report = result["report"]
        typer.echo(f"Process {result['worker']}: {len(result['embedded'])} dokument inbäddade "
                   f"här; {'publicerade' if result['committed_here'] else 'en annan process publicerade'}.")
        for worker, share in sorted(result["split"].items()):
            typer.echo(f"  {worker}: {share['documents']} dokument, {share['chunks']} avsnitt")
        typer.echo(f"{kb.document_count()} dokument, {kb.chunk_count()} avsnitt, modell "
                   f"{kb.model_name}; {report.embedded_chunks} avsnitt inbäddade här på "
                   f"{report.seconds:.1f} s.")
        if report.failures:
            raise typer.Exit(code=1)


def search(
    query: str = typer.Argument(..., help="The question or search words."),
    k: int = typer.Option(5, "--k", "-k", min=1, max=50, help="Number of passages (1..50)."),
    valid_on: str = typer.Option(None, "--valid-on", help="Only routines in force this day "
                                                         "(YYYY-MM-DD)."),
    document_id: str = typer.Option(None, "--document-id", help="Only this document."),
    organization: str = typer.Option(None, "--organization", help="Only this organization."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON."),
) -> None:
    """Search the routines and print the best passages with their sources."""
    day = None
    if valid_on is not None:
        try:
            day = date.fromisoformat(valid_on)
        except ValueError:
            _fail("--valid-on är inget giltigt datum; ange ett datum som ÅÅÅÅ-MM-DD.")
    with _knowledge_base(_settings(), ingest=True) as kb:
        try:
            hits = kb.search(query, k, document_id=document_id, organization=organization,
                             valid_on=day)
        except InputError as exc:
            _fail(exc.message)
        if as_json:
            import json

            typer.echo(json.dumps({"query": query, "results": [h.to_api() for h in hits]},
                                  ensure_ascii=False, indent=2))
            return
        if not hits:
            typer.echo("Inga träffar.")
        for i, hit in enumerate(hits, start=1):
            typer.echo(f"{i}. {hit.meta.title} ({hit.meta.organization})")
            typer.echo(f"   {hit.chunk.section}  [poäng {hit.score:.2f}]  {hit.url}")
            for line in hit.chunk.text.splitlines():
                typer.echo(f"   | {line}")
            typer.echo("")


def eval(  # noqa: A001 - the command is called eval
    retriever: str = typer.Option("hybrid", "--retriever",
                                  help="lexical, dense or hybrid."),
    model: str = typer.Option(None, "--model", help="Embedding model (default: "
                                                    "RUTIN_EMBEDDING_MODEL)."),
    questions: Path = typer.Option(None, "--questions", help="Evaluation set (TOML)."),
    tune: bool = typer.Option(False, "--tune", help="Also try fusion weights and RRF k."),
    show_misses: bool = typer.Option(False, "--misses", help="List the questions missed."),
    routing: bool = typer.Option(False, "--routing", help="Measure the chat's routing, "
                                 "dialogue and fact reading end to end on tests/eval/routing."),
    answers: bool = typer.Option(False, "--answers", help="Measure the chat's answers end to "
                                 "end (right / wrong / refused) and retrieval on "
                                 "tests/eval/answers."),
    part: str = typer.Option("all", "--part", help="With --routing/--answers: tuning, "
                             "held_out or all."),
    data_dir: Path = typer.Option(None, "--data-dir", help="Where the evaluation index is kept "
                                  "(default: RUTIN_DATA_DIR/eval-<model>, so the served index "
                                  "is never rebuilt for another model)."),
    answers_dir: Path = typer.Option(None, "--answers-dir", help="With --answers: the answer "
                                     "set's directory (default tests/eval/answers; "
                                     "tests/eval/answers-c is a later, separate set)."),
) -> None:
    """Measure retrieval on the evaluation set: recall@1, recall@5, MRR on the tuning part and,
    separately, on the held-out part (never tuned on), and (hybrid) the chat's no-answer
    decision on the tuning and the held-out part."""
    from kb.evaluation import QUESTIONS_PATH, evaluate, load_questions, no_answer_figures, \
        tune_fusion
    from server.chat.facts import detect_language

    if retriever not in ("lexical", "dense", "hybrid"):
        _fail("--retriever ska vara lexical, dense eller hybrid.")
    settings = _settings(model)
    if retriever == "lexical" and model is None:
        settings = settings.model_copy(update={"embedding_model": "none"})
    if retriever != "lexical" and settings.embedding_model == "none":
        _fail(f"--retriever {retriever} behöver en inbäddningsmodell (--model).")
    evalset = load_questions(questions or QUESTIONS_PATH)
    slug = "".join(ch if ch.isalnum() else "-" for ch in settings.embedding_model)[-40:]
    settings = settings.model_copy(update={
        "data_dir": data_dir or Path(settings.data_dir) / f"eval-{slug}"})
    if routing or answers:
        with _knowledge_base(settings, ingest=True) as kb:
            _chat_eval(settings, kb, routing=routing, answers=answers, part=part,
                       show_misses=show_misses, answers_dir=answers_dir)
        return
    with _knowledge_base(settings, ingest=True) as kb:
        results = [evaluate(kb, retriever, evalset, part)
                   for part in ("tuning", "held-out") if evalset.part(part)]
        typer.echo(f"model={kb.model_name} retriever={retriever} "
                   f"questions={len(evalset.questions)} held-out={len(evalset.held_out)}")
        typer.echo("part      n    recall@1 recall@5 MRR")
        for result in results:
            typer.echo(f"{result.part:<9} {result.n:<4} {result.recall_at_1:.3f}    "
                       f"{result.recall_at_5:.3f}    {result.mrr:.3f}")
        if retriever == "hybrid":  # the chat's no-answer decision runs on hybrid hits only
            for fig in no_answer_figures(kb, detect_language, questions or QUESTIONS_PATH):
                typer.echo(f"no-answer ({fig.part} part): on-topic answered "
                           f"{fig.answered}/{fig.on_topic}, off-topic refused "
                           f"{fig.refused}/{fig.off_topic}")
        if show_misses:
            for result in results:
                typer.echo(f"{result.part} part, not ranked first:")
                for qid, rank in result.ranks.items():
                    if rank != 1:
                        doc, words = result.firsts.get(qid, ("-", ""))
                        typer.echo(f"  {qid}: rank {rank if rank else '>10'}; first {doc}: "
                                   f"{words}")
        if tune and kb.embedder is not None:
            # tune_fusion uses the tuning part only: the held-out part is never tuned on.
            typer.echo("weight  k   recall@1 recall@5 MRR  (tuning part)")
            for w, k, r1, r5, mrr in tune_fusion(kb, evalset=evalset)[:10]:
                typer.echo(f"{w:<7} {k:<3} {r1:.3f}    {r5:.3f}    {mrr:.3f}")


def _chat_eval(settings: Settings, kb, *, routing: bool, answers: bool, part: str,
               show_misses: bool, answers_dir: Path | None = None) -> None:
    """The chat measured end to end (server.chat.evaluation), tuning and held-out side by side."""
    from rules.tables import load_tables
    from server.chat import evaluation as E
    from server.state import AppState

    if part not in ("all", *E.PARTS):
        _fail("--part ska vara tuning, held_out eller all.")
    state = AppState(settings=settings, kb=kb,
                     rules=load_tables({d.id: d for d in kb.documents()}))
    keep = (lambda item: True) if part == "all" else (lambda item: item["part"] == part)
    parts = E.PARTS if part == "all" else (part,)
    typer.echo(f"model={kb.model_name}")
    if routing:
        messages, dialogues = E.load_routing()
        figs = E.run_routing(state, [m for m in messages if keep(m)],
                             [d for d in dialogues if keep(d)])
        typer.echo("routing    messages accuracy card-violations age-read date-read "
                   "dialogues-passed turns-passed")
        for p in parts:
            f = figs[p]
            typer.echo(f"{p:<10} {f.messages:<8} {f.accuracy:.3f}    {f.card_violations:<15} "
                       f"{f.facts_read['age']}/{f.facts_total['age']:<6} "
                       f"{f.facts_read['date']}/{f.facts_total['date']:<7} "
                       f"{f.dialogues_passed}/{f.dialogues:<14} {f.turns_passed}/{f.turns}")
        if show_misses:
            for p in parts:
                typer.echo(f"-- {p}: confusion (gold -> observed) "
                           + ", ".join(f"{g}->{o}: {n}" for (g, o), n in
                                       sorted(figs[p].confusion.items()) if g != o))
                for line in figs[p].misses:
                    typer.echo(f"  {line}")
    if answers:
        if answers_dir is not None and not Path(answers_dir).is_dir():
            _fail(f"--answers-dir: {answers_dir} är ingen katalog.")
        questions = [q for q in (E.load_answer_questions(Path(answers_dir)) if answers_dir
                                 else E.load_answer_questions()) if keep(q)]
        figs = E.run_answers(state, questions)
        typer.echo("answers    answerable right  wrong refused | not-covered refused | "
                   "English right | retrieval n R@1   R@5   MRR")
        for p in parts:
            f = figs[p]
            n = f.retrieval_n or 1
            typer.echo(f"{p:<10} {f.answerable:<10} {f.right_share:.3f} {f.wrong:<5} "
                       f"{f.refused:<7} | {f.not_covered_refused}/{f.not_covered:<17} | "
                       f"{f.english_right}/{f.english:<11} | {f.retrieval_n:<11} "
                       f"{f.rank1 / n:.3f} {f.rank5 / n:.3f} {f.rr / n:.3f}")
        if show_misses:
            for p in parts:
                typer.echo(f"-- {p}:")
                for line in figs[p].misses:
                    typer.echo(f"  {line}")


COMMANDS: list = [ingest, search, eval]
