"""The JSON API under /api/v1: one router per surface, gathered here."""

from fastapi import APIRouter

from server.errors import ERROR_RESPONSES
from server.routes import chat, search, visit

# Every route declares the error answers it may give, with the body they really have
# (server/errors.py), instead of FastAPI's default 422 schema, which no answer matches.
router = APIRouter(prefix="/api/v1", responses=ERROR_RESPONSES)
router.include_router(search.router)
router.include_router(visit.router)
router.include_router(chat.router)
