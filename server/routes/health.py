"""Liveness and readiness."""

from __future__ import annotations

import os

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from server.errors import ERROR_RESPONSES
from server.state import State
from server.storage import probe_database, probe_storage, storage_directories

router = APIRouter(tags=["health"], responses={
    status: ERROR_RESPONSES[status] for status in (413, 414, 500)})


class NotReady(BaseModel):
    """/readyz before the knowledge base is loaded, when it could not be, or when the data
    directory cannot be written (then with the counts of a loaded knowledge base too)."""

    model_config = {"extra": "allow"}

    status: str = Field(description="\"loading\", or \"error\" when loading failed or "
                        "storage cannot be written.")
    error: str | None = Field(default=None, description="Why it is not ready.")
    storage: dict | None = Field(default=None, description="{\"writable\": bool, \"error\": "
                                 "str | null, \"database\": \"sqlite\" | \"postgresql\"}: "
                                 "the probe of the data directory and the database.")
    worker: int | None = Field(default=None, description="This process's id.")


@router.get("/healthz")
def healthz() -> dict:
    """200 as soon as the process serves."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"model": NotReady, "description": "Not ready yet."}})
def readyz(state: State, request: Request):
    """200 with counts once the knowledge base is loaded, the data directory can be written and
    the database answers; 503 before, when the load failed (``error`` says why), or when the
    data directory cannot be written or the database cannot be reached (``storage`` says why).
    ``degraded`` is set while the catalog cannot be read and
    the last good index is served; ``worker`` is this process's id (several workers answer on
    one port). ``requests``: this process's requests at work and waiting now, and answered
    503 (overloaded) since start."""
    storage_error = probe_storage(storage_directories(state)) or probe_database(state)
    storage = {"writable": storage_error is None, "error": storage_error,
               "database": state.database.kind if state.database is not None else None}
    if not state.ready.is_set() or state.kb is None:
        body = {"status": "loading" if state.load_error is None else "error"}
        if state.load_error:
            body["error"] = state.load_error
        body.update(storage=storage, worker=os.getpid())
        return JSONResponse(body, status_code=503)
    kb = state.kb
    body = {
        "status": "ready" if storage_error is None else "error",
        "documents": kb.document_count(),
        "chunks": kb.chunk_count(),
        "embedding_model": kb.model_name,
        "failed_files": [{"filename": f.filename, "reason": f.reason} for f in kb.failures],
        "degraded": kb.degraded.to_api() if getattr(kb, "degraded", None) else None,
        "storage": storage,
        "worker": os.getpid(),
        "requests": request.app.state.admission.counts(),
        # vector_store=http: the shared index generation this instance serves (kb/indexstate.py)
        "generation": getattr(kb, "generation", None),
    }
    if storage_error is not None:
        body["error"] = storage_error
        return JSONResponse(body, status_code=503)
    return body
