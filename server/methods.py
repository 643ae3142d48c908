"""HTTP methods as the contract says: HEAD wherever GET is, 405 for a method a path does not take.

Starlette's plain routes answer HEAD where they answer GET; FastAPI's routes do not, so every
HEAD was 405. ``HeadAsGet`` answers HEAD with what GET answers (status and headers, no body)
wherever a route takes GET, without declaring HEAD operations in the OpenAPI document; every
other HEAD answer loses its body too.
``takes`` tells the security middleware whether any route takes a method at a path, so that a
method no route takes gets the router's 405, not the CSRF check's 403.
"""

from __future__ import annotations

from typing import Awaitable, Callable

from starlette.routing import Match, Router

Scope = dict
Message = dict
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def takes(router: Router, scope: Scope) -> bool:
    """True if a route of ``router`` takes ``scope``'s method at its path."""
    return any(route.matches(scope)[0] is Match.FULL for route in router.routes)


class HeadAsGet:
    """A pure ASGI middleware: HEAD is served as GET where a route takes GET, body dropped."""

    def __init__(self, app, router: Router) -> None:
        self.app = app
        self.router = router

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return
        as_get = {**scope, "method": "GET"}  # a copy: the server's own scope still says HEAD

        async def headers_only(message: Message) -> None:
            # A HEAD answer never has a body, whatever the status (RFC 9110, 9.3.2).
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        # Where no route takes GET, HEAD goes on as HEAD: the router's 405 (or 404).
        await self.app(as_get if takes(self.router, as_get) else scope, receive, headers_only)
