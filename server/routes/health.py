"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from server.errors import ERROR_RESPONSES
from server.state import State

router = APIRouter(tags=["health"], responses={
    status: ERROR_RESPONSES[status] for status in (413, 414, 500)})


class NotReady(BaseModel):
    """/readyz before the knowledge base is loaded, or when it could not be."""

    status: str = Field(description="\"loading\", or \"error\" when loading failed.")
    error: str | None = Field(default=None, description="Why loading failed.")


@router.get("/healthz")
def healthz() -> dict:
    """200 as soon as the process serves."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"model": NotReady, "description": "Not ready yet."}})
def readyz(state: State):
    """200 with counts once the knowledge base is loaded; 503 before."""
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
    }
