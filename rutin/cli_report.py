"""``rutin report unanswered``: what users could not find, from the database (rutin/db)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from rutin.config import get_settings

report_app = typer.Typer(help="Rapporter för innehållsägarna (content owners' reports).",
                         no_args_is_help=True)


@report_app.command("unanswered")
def unanswered(
    csv_path: Path = typer.Option(None, "--csv", help="Write CSV here ('-': standard output)."),
    as_json: bool = typer.Option(False, "--json", help="Print the groups as JSON."),
) -> None:
    """Frågor som inte kunde besvaras och svar som markerats som inte till hjälp, grupperade,
    per vecka och organisation (maskerade)."""
    from server.feedback import FeedbackStore
    from server.report import UnansweredStore, build_report, report_csv

    from rutin.db import open_database

    settings = get_settings()
    database = open_database(settings)
    unanswered_store = UnansweredStore(database, settings.report_retention_days)
    feedback = FeedbackStore(database, retention_days=settings.report_retention_days)
    unanswered_store.purge()
    feedback.purge()
    groups = build_report(unanswered_store.all(), feedback.all())
    if csv_path is not None:
        text = report_csv(groups)
        if str(csv_path) == "-":
            typer.echo(text, nl=False)
        else:
            csv_path.write_text(text, encoding="utf-8")
            typer.echo(f"{len(groups)} grupper skrivna till {csv_path}")
        return
    if as_json:
        typer.echo(json.dumps([g.to_json() for g in groups], ensure_ascii=False, indent=2))
        return
    if not groups:
        typer.echo("Inga obesvarade frågor eller svar markerade som inte till hjälp.")
        return
    for g in groups:
        weeks = ", ".join(f"{w}: {n}" for w, n in sorted(g.weeks.items()))
        orgs = ", ".join(f"{o}: {n}" for o, n in g.organizations.items())
        typer.echo(f"{g.count:>4}  {g.question}  [{g.source}; {weeks}"
                   + (f"; {orgs}" if orgs else "") + "]")
