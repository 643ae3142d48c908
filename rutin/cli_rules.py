"""Subcommands of the rules: visit, lakarmedverkan, followup. Same answers as the HTTP API."""

from __future__ import annotations

from datetime import date

import typer

from rutin.clock import today_in_stockholm
from rutin.config import get_settings
from rutin.errors import InputError


def _tables():
    """The rule tables over the documents the server answers from: the indexed ones (an
    ingest that would break a rule's quote is refused, so they hold the version the rules
    cite), else the documents directory. Tables that do not stand: one line, exit 2."""
    from ingest.catalog import CatalogError
    from ingest.pipeline import load_directory
    from kb.manifest import Manifest
    from kb.service import manifest_path
    from rules.tables import RuleDataError, load_tables

    settings = get_settings()
    error: Exception | None = None
    indexed = Manifest.load(manifest_path(settings)).documents
    if indexed:
        try:
            return load_tables(indexed)
        except RuleDataError as exc:  # an index older than the rule tables: try the files
            error = exc
    try:
        documents, _failures = load_directory(settings.documents_dir)
        return load_tables({d.id: d for d in documents})
    except (RuleDataError, CatalogError, FileNotFoundError) as exc:
        typer.echo(f"rutin: {error or exc}", err=True)
        raise typer.Exit(code=2) from None


def _day(text: str | None, field: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(field, f"{field} är inget giltigt datum; ange ett datum som ÅÅÅÅ-MM-DD.") from None


def _fail(exc: InputError) -> None:
    typer.echo(f"rutin: {exc.message}", err=True)
    raise typer.Exit(code=2)


def _print_answer(answer: dict, as_json: bool) -> None:
    if as_json:
        import json

        typer.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    yes_no = {True: "ja", False: "nej", None: "okänt"}
    if "eligible" in answer:
        routine = answer["routine"] or {}
        typer.echo(f"Besöksdag:        {answer['visit_date']}")
        typer.echo(f"Journalsystem:    {answer['system'] or '–'}"
                   + (f"  (rutin {routine.get('document_id')}, från {routine.get('valid_from')})"
                      if routine else ""))
        comp = answer["compensation_sek"]
        typer.echo(f"Ger 500 kr:       {yes_no[answer['eligible']]}"
                   + (f" ({comp} kr)" if comp is not None else ""))
        fee = answer["patient_fee_sek"]
        typer.echo(f"Patientavgift:    {'okänd' if fee is None else f'{fee} kr'}"
                   + (f" ({answer['patient_fee_category']})" if answer.get("patient_fee_category") else ""))
        for alt in answer["fee_alternatives"]:
            typer.echo(f"                  {alt['when']}: {alt['amount_sek']} kr"
                       + (f" ({alt['category']})" if alt.get("category") else ""))
        if answer["registration"]:
            typer.echo("Registrering:")
            for row in answer["registration"]:
                typer.echo(f"  {row['field']}: {row['value']}")
        for alt in answer["alternatives"]:
            typer.echo(f"  {alt['field']}: ett av " + " / ".join(alt["values"]))
        if answer["missing"]:
            typer.echo("Saknas:           " + ", ".join(answer["missing"]))
    for reason in answer["reasons"]:
        typer.echo(f"- {reason}")
    for key in ("support_until", "first_by"):
        if key in answer:
            typer.echo(f"{key}: {answer[key]}")
    if answer.get("next_by"):
        typer.echo("next_by: " + ", ".join(answer["next_by"]))
    typer.echo("Källor:")
    for c in answer["citations"]:
        typer.echo(f"  [{c['url']}] \"{c['quote']}\"")


def visit(
    date_: str = typer.Option(None, "--date", help="Besöksdag ÅÅÅÅ-MM-DD (standard: i dag)."),
    age: int = typer.Option(None, "--age", help="Patientens ålder i hela år på besöksdagen."),
    birth_date: str = typer.Option(None, "--birth-date", help="Födelsedatum ÅÅÅÅ-MM-DD."),
    occasion: str = typer.Option(None, "--occasion",
                                 help="utskrivning, inskrivning, brytpunktssamtal eller annat."),
    setting: str = typer.Option(None, "--setting", help="sabo, ordinart_boende eller annat."),
    municipal_home_care: bool = typer.Option(None, "--municipal-home-care/--no-municipal-home-care",
                                             help="Inskriven i kommunal hemsjukvård."),
    remote: bool = typer.Option(False, "--remote", help="Kontakt per telefon eller video."),
    lakarmedverkan: bool = typer.Option(False, "--lakarmedverkan",
                                        help="Besök inom Läkarmedverkan i hemsjukvården."),
    performed_by: str = typer.Option("lakare", "--performed-by",
                                     help="lakare, sjukskoterska eller annan."),
    as_json: bool = typer.Option(False, "--json", help="Skriv svaret som JSON (samma som API:t)."),
) -> None:
    """Hur registreras besöket, vad betalar patienten, ger det 500 kr? (som POST /api/v1/visit)"""
    from rules.engine import decide
    from rules.facts import resolve_facts

    try:
        visit_date = _day(date_, "visit_date") or today_in_stockholm()
        if age is not None and not 0 <= age <= 130:
            raise InputError("patient_age", "patient_age ska vara ett heltal från 0 till 130.")
        facts = resolve_facts(visit_date, patient_age=age,
                              birth_date=_day(birth_date, "birth_date"), occasion=occasion,
                              setting=setting, municipal_home_care=municipal_home_care,
                              remote=remote, lakarmedverkan=lakarmedverkan,
                              performed_by=performed_by)
    except InputError as exc:
        _fail(exc)
    _print_answer(decide(facts, visit_date, _tables()).to_api(), as_json)


def lakarmedverkan(
    discharge_date: str = typer.Option(..., "--discharge-date", help="Utskrivningsdag ÅÅÅÅ-MM-DD."),
    as_json: bool = typer.Option(False, "--json", help="Skriv svaret som JSON."),
) -> None:
    """Till och med vilken dag ger Läkarmedverkan stöd efter utskrivningen? (HSU 2026-03-03)"""
    from rules.lakarmedverkan import decide_support

    try:
        day = _day(discharge_date, "discharge_date")
    except InputError as exc:
        _fail(exc)
    rule = _tables().lakarmedverkan
    if rule is None:
        _fail(InputError("discharge_date", "Beslutet om Läkarmedverkan finns inte i kunskapsbasen."))
    _print_answer(decide_support(day, rule).to_api(), as_json)


def followup(
    enrolled_on: str = typer.Option(..., "--enrolled-on", help="Dag för anslutning ÅÅÅÅ-MM-DD."),
    last_followup: str = typer.Option(None, "--last-followup", help="Senaste uppföljning."),
    as_json: bool = typer.Option(False, "--json", help="Skriv svaret som JSON."),
) -> None:
    """Senaste datum för uppföljning av hemsjukvård (kommun i Västra Götaland)."""
    from rules.followup import followup_schedule

    try:
        start, last = _day(enrolled_on, "enrolled_on"), _day(last_followup, "last_followup")
        if last is not None and last < start:
            raise InputError("last_followup", "last_followup kan inte vara före enrolled_on.")
    except InputError as exc:
        _fail(exc)
    rule = _tables().followup
    if rule is None:
        _fail(InputError("enrolled_on", "Rutinen för uppföljning finns inte i kunskapsbasen."))
    _print_answer(followup_schedule(start, rule, last_followup=last).to_api(), as_json)


COMMANDS: list = [visit, lakarmedverkan, followup]
