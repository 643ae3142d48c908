"""The ASGI application: ``server.app:app``, or ``create_app(settings)`` for tests."""

from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from rutin.config import Settings, get_settings
from rutin.datalock import acquire_data_dir, release_data_dir
from rutin.errors import ConfigurationError
from rutin.logs import install_log_redaction
from server.admission import AdmissionControl, AdmissionGate, RateLimiter
from server.errors import install_error_handlers
from server.redirects import install_relative_redirects
from server.methods import HeadAsGet
from server.security import install_security
from server.state import AppState

log = logging.getLogger("rutin.server")

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


#: A failed load of the knowledge base is tried again this many times, after LOAD_RETRY_SECONDS,
#: then twice as long each time, before /readyz reports the error: a chroma server slow to
#: answer while the machine is busy is no reason for a worker to stay unready for good (a
#: fresh-clone CI run beside another, stop 22: one of two workers answered 503 throughout).
#: Only with vector_store=http (a server that may be slow or restarting); a ConfigurationError
#: or a broken document is never tried again: it must be fixed.
LOAD_ATTEMPTS = 4
LOAD_RETRY_SECONDS = 2.0


def _load(state: AppState, stop: threading.Event | None = None) -> None:
    """Open (ingesting if needed) the knowledge base, then the rule tables; then mark ready."""
    from kb.service import open_knowledge_base
    from rules.tables import load_tables

    wait = LOAD_RETRY_SECONDS
    for attempt in range(1, LOAD_ATTEMPTS + 1):
        try:
            kb = open_knowledge_base(state.settings)
            try:
                rules = load_tables({d.id: d for d in kb.documents()})
            except Exception:
                kb.close()
                raise
            state.kb, state.rules = kb, rules
            state.load_error = None
            state.ready.set()
            log.info("ready: %d documents, %d chunks", kb.document_count(), kb.chunk_count())
            return
        except Exception as exc:  # reported by /readyz; the process keeps serving /healthz
            state.load_error = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, ConfigurationError) or attempt == LOAD_ATTEMPTS \
                    or state.settings.vector_store != "http":
                log.error("could not load the knowledge base: %s", state.load_error)
                return
            log.warning("could not load the knowledge base (attempt %d of %d), trying again in "
                        "%.0f s: %s", attempt, LOAD_ATTEMPTS, wait, state.load_error)
            state.load_error = None  # still loading, as far as /readyz is concerned
            if stop is not None and stop.wait(wait):
                return
            if stop is None:
                threading.Event().wait(wait)
            wait *= 2


def _sweep_conversations(store, interval: float, stop: threading.Event,
                         reports: tuple = ()) -> None:
    """Delete expired and unreadable conversations and enforce the cap, and delete report
    entries past their retention: at start, then every ``interval`` seconds, in this
    background thread, so that no request waits for it."""
    while True:
        try:
            removed = store.sweep()
            if removed:
                log.info("conversations: %d deleted (expired, unreadable or past the cap)",
                         removed)
        except Exception as exc:  # a failing sweep must not end the sweeping
            log.error("conversations: the sweep failed: %s: %s", type(exc).__name__, exc)
        for report in reports:
            try:
                removed = report.purge() if report is not None else 0
                if removed:
                    log.info("report: %d entries past their retention deleted", removed)
            except Exception as exc:
                log.error("report: the purge failed: %s: %s", type(exc).__name__, exc)
        if stop.wait(interval):
            return


def _follow_index(state: AppState, interval: float, stop: threading.Event) -> None:
    """vector_store=http: every ``interval`` seconds, switch to the index generation another
    instance published (kb.service.KnowledgeBase.refresh), with its rule tables; in this
    background thread, without a restart."""
    from rules.tables import load_tables

    while not stop.wait(interval):
        kb = state.kb
        if kb is None or not state.ready.is_set():
            continue
        try:
            if kb.refresh():
                state.rules = load_tables({d.id: d for d in kb.documents()})
        except Exception as exc:  # the chroma server away: keep serving, try again
            log.warning("index: the generation could not be read: %s: %s",
                        type(exc).__name__, exc)


def create_app(settings: Settings | None = None, *, load_in_background: bool = True) -> FastAPI:
    """Build the app. The lifespan checks the settings, then loads the knowledge base."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from kb.service import check_settings
        from server.chat.conversations import ConversationStore

        check_settings(settings)  # raises ConfigurationError naming the setting to fix
        if settings.vector_store == "embedded":
            if settings.workers > 1:
                raise ConfigurationError(
                    "RUTIN_WORKERS > 1 kräver RUTIN_VECTOR_STORE=http: den inbäddade "
                    "vektorbutiken tål bara en process.")
            # chroma's embedded store is not process-safe: one process per data directory.
            acquire_data_dir(settings.data_dir)
        state = AppState(settings=settings)
        from rutin.db import open_database

        # Migrated here; an unreachable database is no reason not to start (/readyz says it,
        # requests get 503, and the first use after it came back migrates).
        state.database = open_database(settings)
        from rutin.errors import DatabaseUnavailable
        from server.legacy_files import import_legacy_files

        try:  # once: the conversations and JSON lines of an older rutin's data directory
            import_legacy_files(state.database, settings.data_dir)
        except (DatabaseUnavailable, OSError) as exc:
            log.error("database: the files of an older data directory were not imported now "
                      "(at the next start): %s", getattr(exc, "message", exc))
        state.conversations = ConversationStore(state.database,
                                                ttl_seconds=settings.conversation_ttl_seconds,
                                                max_conversations=settings.max_conversations)
        if settings.new_conversations_per_minute:
            state.new_conversations = RateLimiter(settings.new_conversations_per_minute)
        from server.feedback import FeedbackStore

        from server.report import UnansweredStore

        state.feedback = FeedbackStore(state.database,
                                       retention_days=settings.report_retention_days)
        state.unanswered = UnansweredStore(state.database, settings.report_retention_days)
        from server.report import AuditLog

        state.audit = AuditLog(state.database)
        app.state.rutin = state
        stop_sweeping = threading.Event()
        sweeper = threading.Thread(
            target=_sweep_conversations, name="rutin-conversation-sweep", daemon=True,
            args=(state.conversations, settings.conversation_sweep_seconds, stop_sweeping,
                  (state.feedback, state.unanswered)))
        sweeper.start()
        follower = None
        if settings.vector_store == "http":
            follower = threading.Thread(
                target=_follow_index, name="rutin-index-follow", daemon=True,
                args=(state, settings.index_poll_seconds, stop_sweeping))
            follower.start()
        if load_in_background:
            thread = threading.Thread(target=_load, args=(state, stop_sweeping),
                                      name="rutin-load", daemon=True)
            thread.start()
        else:
            _load(state, stop_sweeping)
        try:
            yield
        finally:
            stop_sweeping.set()
            sweeper.join(timeout=10)
            if follower is not None:
                follower.join(timeout=10)
            if state.kb is not None:
                state.kb.close()
            state.database.dispose()
            if settings.vector_store == "embedded":
                release_data_dir(settings.data_dir)

    app = FastAPI(
        title="rutin",
        summary="Sök och fråga i rutinerna för hemsjukvård",
        version="0.1.0",
        lifespan=lifespan,
        # Swagger UI and ReDoc load scripts from a CDN and run inline script: the CSP
        # (server/security.py) blocks both, and the intranet may not reach the CDN. The
        # contract is /openapi.json.
        docs_url=None,
        redoc_url=None,
        # No trailing-slash redirects: '/api/v1/search/?q=…' is a 404, not a Location that
        # repeats the query (issue 13, finding 2), built from the Host header (finding 9).
        redirect_slashes=False,
    )
    install_error_handlers(app, TEMPLATES_DIR)
    install_log_redaction()  # no personnummer in any log line (rutin/logs.py)
    # Inside the security middleware, so that its 503s carry the security headers.
    app.state.admission = AdmissionGate(max_active=settings.max_concurrent_requests,
                                        max_waiting=settings.max_queued_requests,
                                        wait_seconds=settings.queue_timeout_seconds)
    app.add_middleware(AdmissionControl, gate=app.state.admission, templates_dir=TEMPLATES_DIR)
    install_security(app, settings)  # headers, size limits, CSRF (server/security.py)
    install_relative_redirects(app)  # every Location relative and masked (server/redirects.py)

    from server.routes import api, health, pages, widget, admin

    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(widget.router)
    app.include_router(admin.router)
    from server.adminauth import admin_enabled

    # (the pages' footer links /admin only where it exists)
    app.state.admin_enabled = admin_enabled(settings)
    if admin_enabled(settings):  # without a way in, /admin does not exist (issue 12)
        from server.routes import admin_pages

        app.include_router(admin_pages.router)
    app.add_middleware(HeadAsGet, router=app.router)  # HEAD wherever GET (server/methods.py)
    # Outermost: the connecting address is kept before X-Forwarded-For from a trusted proxy
    # replaces the client address (server/peer.py).
    from server.peer import PeerAndProxyHeaders

    app.add_middleware(PeerAndProxyHeaders, trusted_proxies=settings.trusted_proxies)
    app.openapi = lambda: _openapi(app, settings)
    return app


def _openapi(app: FastAPI, settings: Settings) -> dict:
    """The OpenAPI document, once: FastAPI's, with what only the settings know (the length
    limit of ``q`` and ``message``)."""
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        limit = settings.max_message_chars
        for parameter in schema["paths"]["/api/v1/search"]["get"]["parameters"]:
            if parameter["name"] == "q":
                parameter["schema"]["maxLength"] = limit
        schema["components"]["schemas"]["ChatRequest"]["properties"]["message"][
            "maxLength"] = limit
    return app.openapi_schema


def __getattr__(name: str):
    # ``server.app:app`` for uvicorn, built on first access so importing this module
    # (e.g. in tests that build their own app) does not read the environment.
    if name == "app":
        # Worker processes of ``rutin serve`` with RUTIN_WORKERS > 1: the parent has ingested,
        # so a worker only opens the index, and does it before it serves. A worker that took
        # connections while it loaded would answer 503 while its sibling was ready; loading
        # in the lifespan keeps it off the shared socket until it can answer.
        settings = get_settings()
        return create_app(settings, load_in_background=settings.workers <= 1)
    raise AttributeError(name)
