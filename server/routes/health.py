"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from server.state import State

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict:
    """200 as soon as the process serves."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(state: State, request: Request):
    """200 with counts once the knowledge base is loaded; 503 before. ``requests``: this
    process's requests at work and waiting now, and answered 503 (overloaded) since start."""
    if not state.ready.is_set() or state.kb is None:
        body = {"status": "loading" if state.load_error is None else "error"}
        if state.load_error:
            body["error"] = state.load_error
        return JSONResponse(body, status_code=503)
    return {
        "status": "ready",
        "documents": state.kb.document_count(),
        "chunks": state.kb.chunk_count(),
        "embedding_model": state.kb.model_name,
        "failed_files": [{"filename": f.filename, "reason": f.reason} for f in state.kb.failures],
        "requests": request.app.state.admission.counts(),
    }
