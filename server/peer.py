"""The address that connected, kept before X-Forwarded-For replaces the client address.

``RUTIN_TRUSTED_PROXIES`` makes the client address the forwarded one (uvicorn's
ProxyHeadersMiddleware, which the app applies itself, so that every ASGI server and the tests
see the same). The administration pages must also know who *connected*: the single-sign-on
header is believed only from a trusted proxy's own address (server/adminauth.py). The
middleware below keeps that address in the scope, then applies the proxy headers.
"""

from __future__ import annotations

PEER_KEY = "rutin.peer"


def peer_address(scope: dict) -> str | None:
    """The address of the connection (not a forwarded one)."""
    peer = scope.get(PEER_KEY)
    if peer is None:
        client = scope.get("client")
        peer = client[0] if client else None
    return peer


class PeerAndProxyHeaders:
    """Keep the connecting address in the scope; then, from a trusted proxy, take the client
    address and scheme from X-Forwarded-For and X-Forwarded-Proto (in place, so that uvicorn's
    access log shows the forwarded client, as it did with its own ``proxy_headers``)."""

    def __init__(self, app, trusted_proxies: list[str]) -> None:
        self.app = app
        self.forwarding = None
        if trusted_proxies:
            from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

            self.forwarding = ProxyHeadersMiddleware(app, trusted_hosts=list(trusted_proxies))

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket"):
            client = scope.get("client")
            scope[PEER_KEY] = client[0] if client else None
            if self.forwarding is not None:
                await self.forwarding(scope, receive, send)
                return
        await self.app(scope, receive, send)
