"""POST /api/v1/chat: one turn of a conversation (shared/spec/api.md, "Chat")."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from rutin.clock import today_in_stockholm
from rutin.text import NOT_BLANK_PATTERN
from server.chat.conversations import ID_PATTERN
from server.chat.service import respond
from server.errors import ERROR_RESPONSES
from server.state import State

router = APIRouter(tags=["chat"])

class ChatRequest(BaseModel):
    """A message and, for a follow-up, the conversation it continues."""

    # The constraints are declared for the OpenAPI document and checked by server.chat.service
    # (clean_message, respond), whose Swedish messages name the limit; maxLength is the
    # setting's value, filled in by server.app.
    message: str = Field(
        description="Free text, Swedish or English; not blank (whitespace, control and "
                    "invisible characters only), at most RUTIN_MAX_MESSAGE_CHARS characters.",
        json_schema_extra={"minLength": 1, "pattern": NOT_BLANK_PATTERN})
    conversation_id: str | None = Field(
        default=None, description="From an earlier answer; unknown or expired ids start anew. "
        "Empty is the same as none.",
        json_schema_extra={"pattern": f"^({ID_PATTERN.pattern.strip('^$')})?$"})
    organization: str | None = Field(
        default=None, max_length=200,
        description="Answer from this organization's routines only (e.g. \"Region Halland\"); "
                    "default: the instance's RUTIN_DEFAULT_ORGANIZATION, else all.")


class ChatAnswer(BaseModel):
    """The answer of one turn."""

    conversation_id: str
    kind: str = Field(description="rule | search | clarify | no_answer | version (a question "
                                  "about documents and versions, answered from the catalog)")
    answer: str
    decision: dict | None = None
    date_rule: dict | None = Field(
        default=None, description="When kind is rule and the question was a date rule: the "
        "/api/v1/lakarmedverkan or /api/v1/followup answer plus \"rule\" (its name); else null.")
    visits: int | None = Field(
        default=None, description="When the message described several visits (\"1) 87 år "
        "säbo utskrivning 2) 70 år hemma brytpunktssamtal\"): how many; each is answered on "
        "its own, and decision is the first's. Else null.")
    decisions: list[dict] | None = Field(
        default=None, description="When visits is set: each visit's /api/v1/visit answer, in "
        "the order described. Else null.")
    citations: list[dict] = []
    passages: list[dict] = []
    question: str | None = Field(default=None, description="The one question asked back, if any.")
    facts: dict = Field(default_factory=dict,
                        description="The visit facts the conversation remembers (no personnummer).")
    understood: dict | None = Field(
        default=None, description="How the message was understood: kind (visit, date_rule, "
        "search, version, out_of_scope), organization, unknown_organization, reply_to (the "
        "pending fact a reply answered) and the router's probabilities.")
    conversation_restarted: bool = Field(
        default=False, description="True when the conversation_id sent had expired (or was "
        "unknown): the message was read as the first of a new conversation, with no facts or "
        "pending question from before.")


@router.post("/chat", response_model=ChatAnswer, responses={429: {
    **ERROR_RESPONSES[422], "description": "För många nya samtal från samma adress "
    "(RUTIN_NEW_CONVERSATIONS_PER_MINUTE); Retry-After säger när.",
    "headers": ERROR_RESPONSES[503]["headers"]}})
def chat(body: ChatRequest, state: State, request: Request) -> dict:
    """Answer a message: a rules decision, an extractive search answer, a question back, or
    no_answer when the routines do not cover it. A client that starts more new conversations
    than RUTIN_NEW_CONVERSATIONS_PER_MINUTE is answered 429 with Retry-After."""
    return respond(state, body.message, body.conversation_id, today_in_stockholm(),
                   organization=body.organization or None,
                   client=request.client.host if request.client else None).api
