"""The JSON API under /api/v1: one router per surface, gathered here."""

from fastapi import APIRouter

from server.routes import chat, search, visit

router = APIRouter(prefix="/api/v1")
router.include_router(search.router)
router.include_router(visit.router)
router.include_router(chat.router)
