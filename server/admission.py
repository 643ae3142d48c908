"""Admission control: a bounded number of requests at work, a bounded wait, then 503; and a
per-client rate of new conversations.

Issue 13: 200 new questions a second for 5 s queued to a p95 of 20.4 s, with no 429 or 503. A
server process now works on at most ``max_concurrent_requests`` requests; up to
``max_queued_requests`` more wait, each at most ``queue_timeout_seconds``; any other is answered
at once with 503 and ``Retry-After``, in Swedish, JSON under /api/ and an error page elsewhere
(as server/errors.py answers). Health checks and static files are never held back, so /healthz
and /readyz answer while the process is overloaded. uvicorn's own ``limit_concurrency`` is not
used: it counts idle connections too, answers in English plain text and spares no path.

``RateLimiter`` is a token bucket per client address; the chat uses it for new conversations
(server/chat/service.py), answered 429 with ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import logging
import math
import threading
import time
from collections import OrderedDict, deque
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.templating import Jinja2Templates

from server.errors import _wants_json

log = logging.getLogger("rutin.server")

TITLE = "Tjänsten är upptagen"


def exempt_from_admission(path: str) -> bool:
    """Paths never queued nor refused: health checks and static files."""
    return path in ("/healthz", "/readyz") or path.startswith("/static/")


class AdmissionGate:
    """The places of one server process: at most ``max_active`` requests at work,
    ``max_waiting`` more waiting at most ``wait_seconds`` each (first come, first served).
    Used from the event loop only; /readyz shows its counts."""

    def __init__(self, *, max_active: int, max_waiting: int, wait_seconds: float) -> None:
        self.max_active = max_active
        self.max_waiting = max_waiting
        self.wait_seconds = wait_seconds
        self.retry_after = max(1, math.ceil(wait_seconds))
        self.active = 0
        self.refused = 0  # since start
        self._waiters: deque[asyncio.Future] = deque()

    async def acquire(self) -> bool:
        """Take a place, waiting for one if need be; False when refused."""
        if self.active < self.max_active and not self._waiters:
            self.active += 1
            return True
        if len(self._waiters) >= self.max_waiting or self.wait_seconds <= 0:
            self.refused += 1
            return False
        place = asyncio.get_running_loop().create_future()
        self._waiters.append(place)
        try:
            await asyncio.wait_for(place, self.wait_seconds)
            return True  # release() handed its place over: self.active already counts it
        except asyncio.TimeoutError:
            self.refused += 1
            return False
        except asyncio.CancelledError:
            if place.done() and not place.cancelled():
                self.release()  # handed a place just as this request was cancelled
            raise
        finally:
            try:
                self._waiters.remove(place)
            except ValueError:
                pass

    def release(self) -> None:
        while self._waiters:
            place = self._waiters.popleft()
            if not place.done():
                place.set_result(None)  # the place passes to the longest waiting request
                return
        self.active -= 1

    def counts(self) -> dict:
        """Requests at work and waiting now, and refused since start (for /readyz)."""
        return {"active": self.active, "waiting": len(self._waiters), "refused": self.refused}


class AdmissionControl:
    """ASGI middleware: requests pass ``gate`` (health checks and static files need not);
    a refused one is answered 503 with Retry-After, in Swedish."""

    #: Refusals are logged at most this often (one line with the count), not one per request.
    LOG_EVERY_SECONDS = 10.0

    def __init__(self, app, *, gate: AdmissionGate, templates_dir: Path) -> None:
        self.app = app
        self.gate = gate
        self.templates = Jinja2Templates(directory=str(templates_dir))
        self._logged_at = 0.0
        self._logged_refused = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or exempt_from_admission(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        if not await self.gate.acquire():
            await self._refuse(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            self.gate.release()

    async def _refuse(self, scope, receive, send) -> None:
        gate = self.gate
        now = time.monotonic()
        if now - self._logged_at >= self.LOG_EVERY_SECONDS:
            log.warning("overloaded: %d request(s) answered 503 (%d at work, %d waiting)",
                        gate.refused - self._logged_refused, gate.active, len(gate._waiters))
            self._logged_at, self._logged_refused = now, gate.refused
        request = Request(scope, receive)
        message = (f"Tjänsten är hårt belastad just nu. Försök igen om "
                   f"{gate.retry_after} sekunder.")
        errors = [{"field": "server", "message": message}]
        headers = {"Retry-After": str(gate.retry_after)}
        if _wants_json(request):
            response = JSONResponse({"detail": errors, "error": message}, status_code=503,
                                    headers=headers)
        else:
            response = self.templates.TemplateResponse(
                request, "error.html", {"status": 503, "title": TITLE, "errors": errors},
                status_code=503, headers=headers)
        await response(scope, receive, send)


class RateLimiter:
    """A token bucket per key (a client address): ``per_minute`` tokens, refilled evenly; a
    full bucket allows a burst of as many. Thread-safe; keeps at most ``max_keys`` buckets (the
    least recently used is forgotten, which only refills it)."""

    def __init__(self, per_minute: int, *, max_keys: int = 10_000, clock=time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        """Take a token for ``key``: 0 if there was one, else the whole seconds until one is
        there (for Retry-After)."""
        now = self._clock()
        with self._lock:
            tokens, then = self._buckets.pop(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if tokens >= 1.0:
                tokens -= 1.0
                wait = 0
            else:
                wait = max(1, math.ceil((1.0 - tokens) / self.rate))
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        return wait
