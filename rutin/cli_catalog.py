"""``rutin catalog suggest PATH``: the catalog fields read from a document's text."""

from __future__ import annotations

import json
from pathlib import Path

import typer

catalog_app = typer.Typer(help="Katalogen över dokumenten (the document catalog).",
                          no_args_is_help=True)

_LABELS = (
    ("title", "Titel"),
    ("organization", "Organisation"),
    ("kind", "Typ"),
    ("valid_from", "Giltig från"),
    ("valid_to", "Giltig till (exklusivt)"),
    ("published", "Datum"),
    ("document_id", "Dokument-id"),
    ("supersedes", "Ersätter"),
)


@catalog_app.command("suggest")
def suggest(
    path: Path = typer.Argument(..., help="Document (.txt, .md, .pdf, .docx, .html)."),
    as_json: bool = typer.Option(False, "--json", help="Print the suggestions as JSON."),
) -> None:
    """Förslag på katalogfält (titel, organisation, typ, datum, dokument-id, ersätter) lästa ur
    dokumentets text, med raden varje förslag kommer från."""
    from ingest.formats import UnreadableDocument
    from ingest.suggest import suggest_catalog

    try:
        data = path.read_bytes()
    except OSError as error:
        typer.echo(f"rutin: {path}: filen kunde inte läsas ({error.strerror})", err=True)
        raise typer.Exit(code=2) from None
    try:
        suggestion = suggest_catalog(path.name, data)
    except UnreadableDocument as error:
        typer.echo(f"rutin: {error.filename}: {error.reason}", err=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(suggestion.to_json(), ensure_ascii=False, indent=2))
        return
    values = suggestion.to_json()
    typer.echo(f"Förslag för {path.name}:")
    for key, label in _LABELS:
        value = values.get(key)
        typer.echo(f"  {label + ':':<26}{value if value is not None else '(okänt)'}")
        if key in suggestion.evidence:
            typer.echo(f"  {'':<26}ur: \"{suggestion.evidence[key][:110]}\"")
    for warning in suggestion.warnings:
        typer.echo(f"  Obs: {warning}")
