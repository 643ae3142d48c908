"""The state the lifespan creates and the routes receive: one object, no module singletons."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request

from rutin.config import Settings

if TYPE_CHECKING:  # pragma: no cover
    from kb.service import KnowledgeBase
    from rules.tables import RuleTables


@dataclass
class AppState:
    """Everything long-lived: settings, knowledge base, rule tables, conversation store."""

    settings: Settings
    kb: "KnowledgeBase | None" = None
    rules: "RuleTables | None" = None
    conversations: Any = None
    #: Rate of new conversations per client address (server/admission.py); None: no limit.
    new_conversations: Any = None
    ready: threading.Event = field(default_factory=threading.Event)
    load_error: str | None = None


def get_state(request: Request) -> AppState:
    """The application's state object (set by the lifespan)."""
    return request.app.state.rutin


State = Annotated[AppState, Depends(get_state)]
