"""``rutin publish PATH`` and ``rutin remove ID``: what the administration pages do, against the
data directory (issue 12, item 7). Same checks, same atomic publish (kb/publishing.py), same
audit log."""

from __future__ import annotations

import getpass
from pathlib import Path

import typer

from rutin.config import get_settings


def _fail(message: str) -> None:
    typer.echo(f"rutin: {message}", err=True)
    raise typer.Exit(code=2)


def _who() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = "okänd"
    return f"kommandoraden ({user})"


def _progress(done: int, total: int) -> None:
    typer.echo(f"Indexerar: {done}/{total} avsnitt")


def audit_log(settings):
    """The audit log the server keeps for ``settings`` (its database where there is one)."""
    from server.report import AuditLog

    try:
        from rutin.db import open_database
    except ImportError:  # the file-based stores
        return AuditLog(settings.data_dir / "audit")
    return AuditLog(open_database(settings))


def _audit(settings, action: str, who: str, **detail) -> None:
    try:
        audit_log(settings).record(action, who, **detail)
    except OSError as exc:
        typer.echo(f"rutin: granskningsloggen kunde inte skrivas ({exc.strerror})", err=True)


def publish(
    path: Path = typer.Argument(..., help="The document file (.txt, .md, .pdf, .docx, .html)."),
    title: str = typer.Option(None, "--title", help="Titel (default: the suggestion)."),
    organization: str = typer.Option(None, "--organization", help="Organisation."),
    kind: str = typer.Option(None, "--kind", help="routine, decision, report or document."),
    valid_from: str = typer.Option(None, "--valid-from", help="Gäller från, ÅÅÅÅ-MM-DD."),
    valid_to: str = typer.Option(None, "--valid-to", help="Gäller till (exklusive), ÅÅÅÅ-MM-DD."),
    published: str = typer.Option(None, "--published", help="Publicerad/beslutad, ÅÅÅÅ-MM-DD."),
    supersedes: str = typer.Option(None, "--supersedes", help="Id of the document it replaces."),
    external_id: str = typer.Option(None, "--external-id",
                                    help="The organization's own document id, e.g. RH-12272."),
    document_id: str = typer.Option(None, "--id", help="Document id (default: from the title)."),
    replace: str = typer.Option(None, "--replace",
                                help="Publish as a new version of the document with this id."),
    no_suggest: bool = typer.Option(False, "--no-suggest",
                                    help="Do not fill missing fields from the suggestions."),
) -> None:
    """Publicera ett dokument (eller med --replace en ny version av ett) i kunskapsbasen."""
    from kb.publishing import Publisher, PublishError, suggest
    from rutin.cli_kb import _knowledge_base

    settings = get_settings()
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(f"Filen {path} kan inte läsas ({exc.strerror}).")
    fields = {"title": title, "organization": organization, "kind": kind,
              "valid_from": valid_from, "valid_to": valid_to, "published": published,
              "supersedes": supersedes, "external_id": external_id, "id": document_id}
    who = _who()
    with _knowledge_base(settings, ingest=False) as kb:
        publisher = Publisher(settings, kb)
        if not no_suggest:
            from kb.publishing import resolve_supersedes

            suggested = suggest(path.name, data)
            known = publisher.known()
            replaces = None if replace else resolve_supersedes(suggested.supersedes, known)
            if replaces and replaces not in known:
                typer.echo(f"Förslag som inte används: ersätter {replaces!r} (inget sådant "
                           "dokument; ange --supersedes)")
                replaces = None
            for key, value in (
                    ("title", suggested.title), ("organization", suggested.organization),
                    ("kind", suggested.kind), ("valid_from", suggested.valid_from),
                    ("valid_to", suggested.valid_to), ("published", suggested.published),
                    ("external_id", suggested.document_id),
                    ("supersedes", replaces)):
                if fields.get(key) in (None, "") and value:
                    fields[key] = value
                    typer.echo(f"Förslag: {key} = {value}")
        try:
            outcome = publisher.publish(path.name, data, fields, who, replace=replace,
                                        progress=_progress)
        except PublishError as exc:
            _audit(settings, "publish_refused", who, file=path.name, reason=exc.message)
            _fail(exc.message)
        _audit(settings, outcome.action, who, document_id=outcome.document_id,
               title=outcome.title, file=path.name)
        verb = "Ersatt" if outcome.action == "replace" else "Publicerat"
        typer.echo(f"{verb}: {outcome.document_id} ”{outcome.title}”, {outcome.chunks} avsnitt "
                   f"({outcome.seconds:.1f} s). {kb.document_count()} dokument i "
                   "kunskapsbasen.")


def remove(
    document_id: str = typer.Argument(..., help="The id of a published document."),
) -> None:
    """Ta bort ett publicerat dokument ur kunskapsbasen."""
    from kb.publishing import Publisher, PublishError
    from rutin.cli_kb import _knowledge_base

    settings = get_settings()
    who = _who()
    with _knowledge_base(settings, ingest=False) as kb:
        try:
            outcome = Publisher(settings, kb).remove(document_id, who, progress=_progress)
        except PublishError as exc:
            _fail(exc.message)
        _audit(settings, "remove", who, document_id=outcome.document_id, title=outcome.title)
        typer.echo(f"Borttaget: {outcome.document_id} ”{outcome.title}”. "
                   f"{kb.document_count()} dokument i kunskapsbasen.")


COMMANDS = [publish, remove]
