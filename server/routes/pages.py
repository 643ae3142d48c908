"""The pages: the chat (/), the documents (/documents, /documents/{id}) and static files.

Server-rendered Jinja2, Swedish; the chat works without JavaScript (a form that posts to /).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse
from fastapi.templating import Jinja2Templates

from rutin.errors import InputError, NotFound
from rutin.redact import mask_personnummer
from server.chat.answer import validity
from server.chat.sentences import Span, highlight_parts
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
#: Longest quote a citation link carries and the document page marks (a few sentences; longer
#: links are cut, and the cut quote still marks its beginning).
QUOTE_MAX_CHARS = 400
KIND_LABELS = {"routine": "Rutin", "decision": "Beslut", "report": "Rapport",
               "document": "Dokument"}


def citation_link(document_id: str, anchor: str, quote: str | None = None) -> str:
    """The link the pages show for a cited passage: the document, the passage highlighted and
    scrolled to, and the quoted text (``q``) marked inside it. The API's citation ``url``
    stays ``/documents/<id>#<anchor>`` (shared/spec/api.md)."""
    params = {"highlight": anchor}
    if quote:
        params["q"] = quote[:QUOTE_MAX_CHARS]
    return f"/documents/{document_id}?{urlencode(params)}#{anchor}"


def passage_quote(reply, passage: dict) -> str | None:
    """The quote a reply cites from ``passage`` (its first citation of that passage), if any."""
    for c in reply.api.get("citations") or []:
        if (c.get("document_id"), c.get("anchor")) == (passage["document_id"], passage["anchor"]):
            if c.get("quote"):
                return c["quote"]
    return None


def quote_parts(text: str, quote: str) -> list[dict] | None:
    """``text`` cut into ``{"text", "mark"}`` parts with ``quote`` marked, whitespace between
    its words matching any whitespace (a search answer joins its sentences with a space);
    None when the quote is not in the text."""
    words = quote.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if match is None:
        return None
    return highlight_parts(text, [Span(match.start(), match.end())])


templates.env.globals.update(citation_link=citation_link, passage_quote=passage_quote)


#: The cookie that remembers the organization a person picked on the chat page (a year).
ORGANIZATION_COOKIE = "rutin_organization"
#: The picker's value for "all organizations" (an empty form value reaches the route as None,
#: which means "nothing picked").
ALL_ORGANIZATIONS = "alla"


def known_organization(state, value: str | None) -> str:
    """``value`` if it is one of the knowledge base's organizations, else ''."""
    if not value or state.kb is None:
        return ""
    return value if value in state.kb.organizations() else ""


def remembered_organization(request: Request, state) -> str:
    """The organization the chat page's cookie remembers ('' for none or an unknown one)."""
    return known_organization(state, unquote(request.cookies.get(ORGANIZATION_COOKIE, "")))


def chat_page(request: Request, state, *, reply=None, error=None, status=200,
              template="chat.html", message="", organization: str | None = None):
    """Render the chat (or widget) page with an optional answer or error. ``organization``:
    the one picked on this request (None: the remembered one on the chat page)."""
    remembered = remembered_organization(request, state)
    if organization is None:
        organization = remembered if template == "chat.html" else ""
    ctx = {"reply": reply, "error": error, "message": message,
           "conversation_id": reply.conversation.id if reply else "",
           "lang": reply.language if reply else "sv", "loading": state.kb is None,
           "widget": template == "widget.html",
           "organizations": state.kb.organizations() if state.kb is not None else [],
           "organization": organization}
    response = templates.TemplateResponse(request, template, ctx, status_code=status)
    if template == "chat.html" and organization != remembered:
        if organization:  # URL-encoded: a cookie value holds no spaces or non-ASCII letters
            response.set_cookie(ORGANIZATION_COOKIE, quote(organization),
                                max_age=365 * 24 * 3600, httponly=True, samesite="lax")
        else:
            response.delete_cookie(ORGANIZATION_COOKIE, httponly=True, samesite="lax")
    return response


def answer_form(request: Request, state, message: str, conversation_id: str, template: str,
                organization: str | None = None):
    """Answer a posted form: the answer page, or the page with the error at 4xx.
    ``organization``: the one picked in the form ('': all, or the instance's default); None
    when the form has no picker: the chat page's remembered one, else all."""
    if organization is None:
        organization = remembered_organization(request, state) if template == "chat.html" else ""
    elif organization == ALL_ORGANIZATIONS:
        organization = ""
    organization = mask_personnummer(organization)[:200]
    try:
        reply = respond(state, message, conversation_id or None, today_in_stockholm(),
                        organization=organization or None,
                        client=request.client.host if request.client else None)
    except InputError as exc:
        # A stale or tampered conversation id keeps the question, not the id.
        response = chat_page(request, state, error=exc.message, status=exc.status_code,
                             template=template,
                             # Echoed into the form, so never with a personnummer in it.
                             message=mask_personnummer(
                                 message[:state.settings.max_message_chars]),
                             organization=known_organization(state, organization))
        for k, v in (getattr(exc, "headers", None) or {}).items():  # Retry-After of a 429
            response.headers[k] = v
        return response
    return chat_page(request, state, reply=reply, template=template,
                     organization=known_organization(state, organization))


@router.get("/")
def chat_get(request: Request, state: State):
    """The chat: a question box."""
    return chat_page(request, state)


@router.post("/")
def chat_post(request: Request, state: State, message: str = Form(""),
              conversation_id: str = Form(""), organization: str | None = Form(None)):
    """The chat without JavaScript: answer the posted question and show it; the organization
    picked is remembered in a cookie."""
    return answer_form(request, state, message, conversation_id, "chat.html", organization)


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
def document(request: Request, state: State, document_id: str, highlight: str = "",
             q: str = ""):
    """The cleaned document, sections anchored; ``highlight`` marks the cited passage and
    ``q`` the quoted text inside it."""
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
    highlight = highlight if ANCHOR.fullmatch(mask_personnummer(highlight or "")) else ""
    # The quote comes from the link: masked (never echo a personnummer) and cut before use;
    # a quote not in the passage marks nothing.
    quote = mask_personnummer(q[:2 * QUOTE_MAX_CHARS])[:QUOTE_MAX_CHARS]
    marked = None
    if highlight and quote.strip():
        chunk = next((c for c in doc.chunks if c.anchor == highlight), None)
        marked = quote_parts(chunk.text, quote) if chunk is not None else None
    return templates.TemplateResponse(request, "document.html", {
        "doc": doc, "meta": meta, "sections": sections, "highlight": highlight,
        "quote_parts": marked,
        "validity": validity(meta, "sv"), "in_force": meta.in_force_on(today),
        "kind": KIND_LABELS.get(meta.kind, meta.kind)})


@router.get("/static/{name}")
def static(name: str):
    """The style sheet and the small scripts (a fixed set of names, no paths)."""
    path = STATIC_DIR / name
    if not STATIC_NAME.fullmatch(name) or not path.is_file():
        raise NotFound("path", "Filen finns inte.")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})
