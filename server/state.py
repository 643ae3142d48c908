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
    #: rutin.db.Database: conversations, feedback, report and audit log are kept in it.
    database: Any = None
    conversations: Any = None
    feedback: Any = None  # server.feedback.FeedbackStore
    unanswered: Any = None  # server.report.UnansweredStore
    audit: Any = None  # server.report.AuditLog
    #: Rate of new conversations per client address (server/admission.py); None: no limit.
    new_conversations: Any = None
    ready: threading.Event = field(default_factory=threading.Event)
    load_error: str | None = None

    def not_ready_message(self, what: str = "Kunskapsbasen") -> str:
        """Why ``what`` cannot answer: it is still loading, or its load failed (then the reason,
        which names the file to fix; never 'still loading' for a load that will not finish)."""
        if self.load_error:
            reason = self.load_error.rstrip()
            reason += "" if reason.endswith((".", "!", "?")) else "."
            return f"{what} kunde inte läsas in: {reason} Kontakta den som förvaltar tjänsten."
        return f"{what} laddas fortfarande; försök igen om en stund."


def get_state(request: Request) -> AppState:
    """The application's state object (set by the lifespan)."""
    return request.app.state.rutin


State = Annotated[AppState, Depends(get_state)]
