"""The widget: a compact ask box for an intranet page (/widget), and /widget.js that places it.

The host page embeds it with a script tag or an iframe (see the README). Which origins may frame
it is ``settings.widget_allowed_origins`` (the frame-ancestors header reads the same setting).
"""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse

from server.routes.pages import STATIC_DIR, answer_form, chat_page, known_organization
from server.state import State

router = APIRouter(include_in_schema=False)


@router.get("/widget")
def widget(request: Request, state: State, organization: str = ""):
    """The compact ask box; ``organization`` (the embed's data-organization) scopes answers."""
    return chat_page(request, state, template="widget.html",
                     organization=known_organization(state, organization))


@router.post("/widget")
def widget_post(request: Request, state: State, message: str = Form(""),
                conversation_id: str = Form(""), organization: str | None = Form(None)):
    """Answer a question asked in the widget; the answer keeps its sources."""
    return answer_form(request, state, message, conversation_id, "widget.html", organization)


@router.get("/widget.js")
def widget_js():
    """The embed script: places an iframe with /widget where the script tag stands."""
    return FileResponse(STATIC_DIR / "widget.js", media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=3600"})
