"""The pages: the chat (/), the documents (/documents, /documents/{id}) and static files.

Server-rendered Jinja2, Swedish; the chat works without JavaScript (a form that posts to /).
"""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse
from fastapi.templating import Jinja2Templates

from rutin.errors import InputError, NotFound
from rutin.redact import mask_personnummer
from server.chat.answer import validity
from server.chat.service import respond
from rutin.clock import today_in_stockholm
from server.state import State

router = APIRouter(include_in_schema=False)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))

# Document ids are catalog slugs; anything else (dots, slashes, encoded tricks) is no document.
DOCUMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$")
ANCHOR = re.compile(r"^[A-Za-z0-9_-]{1,120}$")
STATIC_NAME = re.compile(r"^[a-z0-9-]+\.(css|js|svg)$")
KIND_LABELS = {"routine": "Rutin", "decision": "Beslut", "report": "Rapport",
               "document": "Dokument"}


def chat_page(request: Request, state, *, reply=None, error=None, status=200,
              template="chat.html", message=""):
    """Render the chat (or widget) page with an optional answer or error."""
    ctx = {"reply": reply, "error": error, "message": message,
           "conversation_id": reply.conversation.id if reply else "",
           "lang": reply.language if reply else "sv", "loading": state.kb is None,
           "widget": template == "widget.html"}
    return templates.TemplateResponse(request, template, ctx, status_code=status)


def answer_form(request: Request, state, message: str, conversation_id: str, template: str):
    """Answer a posted form: the answer page, or the page with the error at 4xx."""
    try:
        reply = respond(state, message, conversation_id or None, today_in_stockholm())
    except InputError as exc:
        # A stale or tampered conversation id keeps the question, not the id.
        return chat_page(request, state, error=exc.message, status=exc.status_code,
                         template=template,
                         # Echoed into the form, so never with a personnummer in it.
                         message=mask_personnummer(message[:state.settings.max_message_chars]))
    return chat_page(request, state, reply=reply, template=template)


@router.get("/")
def chat_get(request: Request, state: State):
    """The chat: a question box."""
    return chat_page(request, state)


@router.post("/")
def chat_post(request: Request, state: State, message: str = Form(""),
              conversation_id: str = Form("")):
    """The chat without JavaScript: answer the posted question and show it."""
    return answer_form(request, state, message, conversation_id, "chat.html")


def _documents(state) -> list:
    if state.kb is None:
        raise InputError("kb", "Kunskapsbasen laddas fortfarande; försök igen om en stund.",
                         status_code=503)
    return [getattr(d, "meta", d) for d in state.kb.documents()]


@router.get("/documents")
def documents(request: Request, state: State, organization: str = ""):
    """Every document with organization, kind, validity and whether it is in force today."""
    today = today_in_stockholm()
    metas = _documents(state)
    organization = mask_personnummer(organization)  # shown back on the page
    organizations = sorted({m.organization for m in metas})
    shown = [m for m in metas if not organization or m.organization == organization]
    rows = [{"meta": m, "kind": KIND_LABELS.get(m.kind, m.kind), "validity": validity(m, "sv"),
             "in_force": m.in_force_on(today)} for m in shown]
    return templates.TemplateResponse(request, "documents.html", {
        "rows": rows, "organizations": organizations, "organization": organization,
        "today": today, "failures": state.kb.failures if state.kb is not None else []})


@router.get("/documents/{document_id}")
def document(request: Request, state: State, document_id: str, highlight: str = ""):
    """The cleaned document, sections anchored; ``highlight`` marks the cited passage."""
    if not DOCUMENT_ID.fullmatch(document_id):
        raise NotFound("document_id", "Det finns inget dokument med det id:t.")
    if state.kb is None:
        _documents(state)
    known = {d.id for d in state.kb.documents()}
    if document_id not in known:
        raise NotFound("document_id", "Det finns inget dokument med det id:t. Se listan på "
                                      "/documents.")
    doc = state.kb.document(document_id)
    meta = getattr(doc, "meta", doc)
    today = today_in_stockholm()
    sections, last = [], None
    for chunk in doc.chunks:
        heading = chunk.heading_path if chunk.heading_path != last else None
        last = chunk.heading_path
        sections.append({"chunk": chunk, "heading": heading,
                         "level": min(len(chunk.heading_path) + 1, 4)})
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "meta": meta, "sections": sections,
        "highlight": highlight if ANCHOR.fullmatch(mask_personnummer(highlight or "")) else "",
        "validity": validity(meta, "sv"), "in_force": meta.in_force_on(today),
        "kind": KIND_LABELS.get(meta.kind, meta.kind)})


@router.get("/static/{name}")
def static(name: str):
    """The style sheet and the small scripts (a fixed set of names, no paths)."""
    path = STATIC_DIR / name
    if not STATIC_NAME.fullmatch(name) or not path.is_file():
        raise NotFound("path", "Filen finns inte.")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})
