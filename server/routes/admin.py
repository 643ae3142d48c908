"""Administrative actions, behind a bearer token: off (404) unless RUTIN_ADMIN_TOKEN is set.

Issue "Limits and headers": administrative actions behind a token setting; without the setting
they are off. Not part of the public contract, so not in the OpenAPI document.
"""

from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, Header
from starlette.exceptions import HTTPException

from rutin.errors import InputError
from server.state import AppState, State

log = logging.getLogger("rutin.admin")

router = APIRouter(prefix="/admin", tags=["admin"], include_in_schema=False)

# One re-ingest at a time per process, and not beside a publish (kb/publishing.py); a second
# request is told so instead of queueing.
from kb.publishing import WRITE_LOCK as _reingest_lock  # noqa: E402


def require_admin(state: AppState, authorization: str | None) -> None:
    """Raise 404 when admin is off, 401 when the bearer token is missing or wrong."""
    expected = state.settings.admin_token
    if not expected:
        # Off: indistinguishable from a path that does not exist.
        raise HTTPException(404, detail="Det finns ingen sida eller resurs på den adressen.")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), expected.encode()):
        raise HTTPException(401, detail="Administrationen kräver en giltig token "
                            "(Authorization: Bearer <RUTIN_ADMIN_TOKEN>).",
                            headers={"WWW-Authenticate": "Bearer"})


#: Who an action is recorded as: the holder of the admin token (no personal identity).
from server.adminauth import TOKEN_HOLDER  # noqa: E402


def _audit(state: AppState, action: str, **detail) -> None:
    if state.audit is not None:
        try:
            state.audit.record(action, TOKEN_HOLDER, **detail)
        except OSError as exc:
            log.error("audit: could not record %s: %s", action, exc)


@router.post("/reingest")
def reingest(state: State, authorization: str | None = Header(default=None)) -> dict:
    """Ingest the documents directory again (incremental) and reload the rule tables."""
    require_admin(state, authorization)
    _audit(state, "reingest")
    if state.kb is None or not state.ready.is_set():
        raise InputError("kunskapsbas", state.not_ready_message(),
                         status_code=503)
    if not _reingest_lock.acquire(blocking=False):
        raise InputError("reingest", "En inläsning pågår redan; vänta tills den är klar.",
                         status_code=409)
    try:
        from ingest.catalog import CatalogError
        from rules.tables import load_tables

        try:
            report = state.kb.ingest(state.settings.documents_dir)
        except CatalogError as exc:
            # Nothing changed: the last good index is still served, and /readyz and
            # /documents say it is degraded and why.
            log.warning("admin re-ingest refused: %s", exc)
            raise InputError("catalog", f"{exc}. Inget har ändrats; kunskapsbasen visar den "
                             "senast inlästa versionen.", status_code=422) from None
        state.rules = load_tables({d.id: d for d in state.kb.documents()})
    finally:
        _reingest_lock.release()
    log.info("admin re-ingest: %d added, %d updated, %d removed, %d failed",
             len(report.added), len(report.updated), len(report.removed), len(report.failures))
    return {
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "removed": report.removed,
        "failures": [{"filename": getattr(f, "filename", ""), "reason": getattr(f, "reason", "")}
                     for f in report.failures],
        "documents": state.kb.document_count(),
        "chunks": state.kb.chunk_count(),
        "seconds": round(report.seconds, 3),
        "degraded": None,  # an ingest that got this far read the catalog
    }


@router.get("/feedback")
def feedback(state: State, authorization: str | None = Header(default=None),
             rating: str | None = None) -> dict:
    """The feedback given on answers (issue 11), newest first: each answer's latest vote, with
    the masked question, the reason, the answer's kind and the passages it cited. ``rating``:
    only "helpful" or "not_helpful". For the content owners (the admin pages of issue 12 read
    the same store)."""
    require_admin(state, authorization)
    _audit(state, "read_feedback", rating=rating or "all")
    from server.feedback import RATINGS

    if rating is not None and rating not in RATINGS:
        raise InputError("rating", "rating ska vara helpful eller not_helpful.")
    entries = [f for f in state.feedback.all() if rating is None or f.rating == rating]
    return {"count": len(entries),
            "helpful": sum(1 for f in entries if f.rating == "helpful"),
            "not_helpful": sum(1 for f in entries if f.rating == "not_helpful"),
            "feedback": [{"at": f.at, "rating": f.rating, "reason": f.reason,
                          "question": f.question, "kind": f.kind,
                          "citations": [{"document_id": d, "anchor": a}
                                        for d, a in f.citations]} for f in entries]}


@router.get("/report/unanswered")
def unanswered_report(state: State, authorization: str | None = Header(default=None),
                      format: str = "json"):
    """What users could not find: the questions answered no_answer and the answers marked not
    helpful, masked, grouped by similarity, counted per week and organization, with the
    passages shown. ``format=csv`` for a spreadsheet."""
    require_admin(state, authorization)
    from fastapi.responses import Response

    from server.report import build_report, document_organizations, report_csv

    if format not in ("json", "csv"):
        raise InputError("format", "format ska vara json eller csv.")
    groups = build_report(state.unanswered.all(), state.feedback.all(),
                          document_organizations(state.kb))
    _audit(state, "export_unanswered", format=format, groups=len(groups))
    log.info("admin report: unanswered questions exported (%s, %d groups)", format, len(groups))
    if format == "csv":
        return Response(report_csv(groups), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition":
                                 'attachment; filename="obesvarade-fragor.csv"'})
    return {"groups": [g.to_json() for g in groups],
            "questions": sum(g.count for g in groups),
            "retention_days": state.settings.report_retention_days}


@router.get("/audit")
def audit(state: State, authorization: str | None = Header(default=None)) -> dict:
    """The audit log, newest first: administrative actions with who and when."""
    require_admin(state, authorization)
    return {"entries": state.audit.entries() if state.audit is not None else []}
