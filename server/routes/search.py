"""GET /api/v1/search: passages of the routines for a question (shared/spec/api.md, "Search")."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from rutin.errors import InputError
from rutin.redact import mask_personnummer
from rutin.text import NOT_BLANK_PATTERN, is_blank
from server.state import State
from server.types import IsoDate

router = APIRouter(tags=["search"])


class SearchResult(BaseModel):
    """One passage, as cleaned text, with where it stands."""

    document_id: str
    title: str
    organization: str
    section: str = Field(description="Heading path, e.g. 'Förutsättningar'.")
    anchor: str = Field(description="Stable id of the passage inside the document.")
    text: str
    score: float = Field(description="Relevance in (0, 1]; 1 = first in every ranking.")
    url: str = Field(description="/documents/<document_id>#<anchor>")


class SearchAnswer(BaseModel):
    """The query as searched and the passages, best first."""

    query: str
    results: list[SearchResult]


@router.get("/search", response_model=SearchAnswer)
def search(
    state: State,
    q: str = Query(..., description="The question or search words; not blank (whitespace, "
                   "control and invisible characters only), at most RUTIN_MAX_MESSAGE_CHARS "
                   "characters.",
                   # Declared, not enforced here: the checks below give the Swedish messages.
                   # maxLength is the setting's value, filled in by server.app.
                   json_schema_extra={"minLength": 1, "pattern": NOT_BLANK_PATTERN}),
    k: int = Query(5, ge=1, le=50, description="Number of passages, 1..50."),
    document_id: str | None = Query(None, description="Only this document."),
    organization: str | None = Query(None, description="Only this organization's documents."),
    # Annotated, so that IsoDate's validator runs on a query parameter.
    valid_on: Annotated[IsoDate | None, Query(
        description="Only routine versions in force this day (YYYY-MM-DD); default: all.")] = None,
) -> dict:
    """Search the routines: hybrid (semantic and Swedish lexical) retrieval with filters."""
    if is_blank(q):
        raise InputError("q", "q får inte vara tom; skriv en fråga eller några sökord.")
    limit = state.settings.max_message_chars
    if len(q) > limit:
        raise InputError("q", f"q är för lång (högst {limit} tecken).")
    if not state.ready.is_set() or state.kb is None:
        raise HTTPException(503, state.not_ready_message(),
                            headers={"Retry-After": "5"})
    # A personnummer says nothing about the routines: it is neither searched nor echoed.
    query = mask_personnummer(q.strip())
    hits = state.kb.search(query, k, document_id=document_id or None,
                           organization=organization or None, valid_on=valid_on)
    return {"query": query, "results": [hit.to_api() for hit in hits]}
