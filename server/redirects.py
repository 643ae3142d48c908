"""Redirects that echo nothing (issue 13, findings 2 and 9).

The app itself redirects nowhere: FastAPI's trailing-slash redirect is off (``create_app``), so
``/api/v1/search/?q=…`` is a 404 and never a ``Location`` repeating the query. Should a redirect
ever be added (a ``RedirectResponse``, ``url_for``), this middleware keeps its ``Location`` safe
on the way out:

- relative: scheme and host are dropped, so a ``Host: evil.example`` request cannot send a
  browser to ``http://evil.example/…`` (Starlette builds absolute URLs from ``Host``);
- masked: a personnummer in the path or query, in any spelling or encoding, becomes
  ``[personnummer]`` (rutin/redact.py).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

from starlette.datastructures import MutableHeaders

from rutin.redact import mask_personnummer

# What a URL may hold unencoded; anything else (the mask's brackets excepted) is percent-encoded.
_URL_SAFE = "/?#&=%:+,;@!$'()*~-._[]"


def safe_location(location: str) -> str:
    """``location`` as a relative, masked URL: path, query and fragment only, on this site."""
    try:
        parts = urlsplit(location.strip())
    except ValueError:
        return "/"
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        path = "/"  # a relative or protocol-relative path could still leave the site
    url = urlunsplit(("", "", path, parts.query, parts.fragment))
    return quote(mask_personnummer(url), safe=_URL_SAFE)


class RelativeRedirectMiddleware:
    """Rewrites every ``Location`` header with ``safe_location`` (pure ASGI, no buffering)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapper(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "location" in headers:
                    headers["location"] = safe_location(headers["location"])
            await send(message)

        await self.app(scope, receive, send_wrapper)


def install_relative_redirects(app) -> None:
    """Add the middleware to ``app`` (outermost, so every response passes it)."""
    app.add_middleware(RelativeRedirectMiddleware)
