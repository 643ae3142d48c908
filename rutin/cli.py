"""The ``rutin`` command. Each subcommand delegates to kb/, rules/, server/ or bench/."""

from __future__ import annotations

import sys

import typer
from pydantic import ValidationError

from rutin.config import get_settings
from rutin.errors import ConfigurationError

app = typer.Typer(
    help="rutin: sök och fråga i rutinerna för hemsjukvård.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def serve(
    host: str = typer.Option(None, help="Address to bind (default: RUTIN_HOST or 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default: RUTIN_PORT or 8000)."),
) -> None:
    """Start the assistant (HTTP server), ingesting the documents on first start."""
    import uvicorn

    from server.app import create_app

    settings = get_settings()
    if settings.workers > 1 and settings.vector_store == "embedded":
        _fail("RUTIN_WORKERS > 1 needs RUTIN_VECTOR_STORE=http: the embedded chroma store "
              "is not safe for several processes.")
    from rutin.logs import configure_logging

    # masks personnummer in every record: uvicorn's access log carries search queries
    configure_logging(settings.log_level)
    try:
        # Checked here, not only in the lifespan: uvicorn prints a failing lifespan as a
        # traceback, the issue asks for one clear line and a non-zero exit.
        from kb.service import check_catalog, check_settings

        check_settings(settings)
        # A broken catalog with no earlier index to serve: one line naming the file and line
        # and exit, rather than a server that can only ever say it failed.
        check_catalog(settings)
        if settings.vector_store == "embedded":
            from rutin.datalock import acquire_data_dir

            acquire_data_dir(settings.data_dir)  # held until exit; the lifespan shares it
        if settings.workers > 1:
            _serve_workers(settings, host or settings.host, port or settings.port)
            return
        uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port,
                    **uvicorn_options(settings))
    except ConfigurationError as exc:
        _fail(str(exc))


#: How long uvicorn waits for a worker to answer its health check before it restarts it.
WORKER_HEALTHCHECK_SECONDS = 60


def _serve_workers(settings, host: str, port: int) -> None:
    """Several worker processes on a chroma server: ingest once here, then start the workers,
    which only open the index (concurrent ingests of one data directory would race)."""
    import os

    import uvicorn

    from kb.service import open_knowledge_base
    from server.security import load_secret

    load_secret(settings)  # the CSRF key file exists before the workers race to create it
    if settings.ingest_on_start:
        open_knowledge_base(settings, progress=False, ingest=True).close()
    # The workers build their app from the environment (server.app:app): the settings are the
    # ones read here, except that the ingest is done.
    os.environ["RUTIN_INGEST_ON_START"] = "false"
    # (a worker opening the index holds the GIL for seconds on a busy machine: uvicorn's
    # default 5 s health check would kill it mid-start and start another)
    uvicorn.run("server.app:app", host=host, port=port, workers=settings.workers,
                timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
                **uvicorn_options(settings))


def uvicorn_options(settings) -> dict:
    """The options of uvicorn's server, one place for one worker and for several."""
    from server.connections import http_protocol

    return {
        "log_level": settings.log_level.lower(),
        # connection and proxy options
        # Header size and count limits, header and body read timeouts (server/connections.py);
        # the keep-alive timeout also applies before a connection's first request.
        "http": http_protocol(settings),
        "timeout_keep_alive": settings.keep_alive_timeout_seconds,
        # X-Forwarded-For only from the configured proxies; none by default (issue 13: uvicorn
        # trusted it from 127.0.0.1 and logged its value as the client address). The app
        # applies RUTIN_TRUSTED_PROXIES itself (server/peer.py), after keeping the connecting
        # address that the admin pages' single sign-on is judged by; uvicorn's own handling
        # stays off.
        "proxy_headers": False,
        "forwarded_allow_ips": None,
    }


@app.callback()
def main_callback() -> None:
    """rutin: sök och fråga i rutinerna för hemsjukvård (home health care routines)."""


def _fail(message: str) -> None:
    typer.echo(f"rutin: {message}", err=True)
    raise typer.Exit(code=2)


def _register() -> None:
    """Add the subcommands that live beside the code they drive."""
    from rutin import cli_kb, cli_publish, cli_rules

    for module in (cli_kb, cli_rules, cli_publish):
        for command in module.COMMANDS:
            app.command()(command)
    from rutin.cli_report import report_app

    app.add_typer(report_app, name="report")
    from rutin.cli_catalog import catalog_app

    app.add_typer(catalog_app, name="catalog")
    try:
        from rutin import cli_bench
    except ImportError:  # the benchmark extras are not installed
        return
    for command in cli_bench.COMMANDS:
        app.command()(command)


_register()


def main() -> None:
    """The console entry point: a bad setting is one line on stderr and exit 2, no traceback."""
    try:
        app()
    except ConfigurationError as exc:
        typer.echo(f"rutin: {exc}", err=True)
        sys.exit(2)
    except ValidationError as exc:  # RUTIN_* values that do not parse
        for err in exc.errors():
            name = "RUTIN_" + "_".join(str(p) for p in err["loc"]).upper()
            typer.echo(f"rutin: ogiltig inställning {name}: {err['msg']}", err=True)
        sys.exit(2)
