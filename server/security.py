"""Security middleware: headers on every response, request-size limits, CSRF for form posts.

A pure ASGI middleware (not Starlette's BaseHTTPMiddleware, which buffers responses and breaks
streaming). What it does, from the issue "Limits and headers":

- Every response gets a Content-Security-Policy without inline script, ``nosniff``, a
  Referrer-Policy, and framing rules: ``frame-ancestors 'none'`` (plus X-Frame-Options DENY) on
  every page except ``/widget``, which the origins in ``widget_allowed_origins`` may frame.
- A request body larger than ``max_body_bytes`` is answered 413, whether it announces its length
  or streams in chunks; a query string longer than that is answered 414.
- HTML form posts (any unsafe method outside ``/api/`` and ``/admin/``, to a route that takes
  that method; any other is answered 405 or 404 by the router) must carry a CSRF token:
  a double-submit cookie holding a random value, and a form field ``csrf_token`` (or header
  ``X-CSRF-Token``) holding the HMAC of that value under the server's secret. Templates read the
  token from ``request.state.csrf_token``. The JSON API and the admin endpoints are not
  cookie-protected because no cookie authorises anything there: the API is open to the intranet
  and admin needs a bearer token, which a forged cross-site request cannot carry.
- Every cookie the app sets gets ``HttpOnly`` and a ``SameSite`` if it lacks them.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import secrets
import threading
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Awaitable, Callable

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Router

from rutin.config import Settings
from rutin.errors import ConfigurationError
from server.adminauth import UPLOAD_PATHS, is_admin_page
from server.methods import takes

Scope = dict
Message = dict
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

CSRF_COOKIE = "rutin_csrf"
CSRF_WIDGET_COOKIE = "rutin_csrf_widget"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SECRET_FILE = "secret_key"

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

BASE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def is_widget_path(path: str) -> bool:
    """``/widget`` and everything under it: the only pages another origin may frame."""
    return path == "/widget" or path.startswith("/widget/")


def _needs_csrf(method: str, path: str, headers: Headers | None = None) -> bool:
    # /api/ and the admin JSON endpoints carry no cookie authority (see the module docstring).
    # The admin pages do (a session cookie): their posts need the token, unless the request
    # authorises itself with a bearer token, which a forged cross-site request cannot carry.
    if method not in UNSAFE_METHODS or path.startswith("/api/"):
        return False
    if is_admin_page(path):
        return headers is None or not headers.get("authorization")
    return not path.startswith("/admin/")


def _serves_pages(path: str) -> bool:
    if is_admin_page(path):
        return True
    return not path.startswith(("/api/", "/admin/", "/static/")) and path not in (
        "/healthz", "/readyz", "/openapi.json")


def load_secret(settings: Settings) -> bytes:
    """The key that signs CSRF tokens: ``settings.secret_key``, else one kept in the data directory.

    The generated key is written once to ``<data_dir>/secret_key`` with mode 0600 and reused, so
    forms stay valid across restarts. Several instances behind a load balancer must share it:
    set ``RUTIN_SECRET_KEY`` on all of them. Raises ConfigurationError when it cannot be kept.
    """
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    path = Path(settings.data_dir) / SECRET_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)  # a key others can read is no secret
            key = path.read_text().strip()
            if key:
                return key.encode()
            os.unlink(path)  # an empty key from an interrupted first start
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        key = secrets.token_urlsafe(48)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        return key.encode()
    except OSError as exc:
        raise ConfigurationError(
            f"RUTIN_DATA_DIR: cannot keep the secret key in {path} ({exc.strerror}); "
            "make the directory writable or set RUTIN_SECRET_KEY") from exc


def csrf_token_for(secret: bytes, cookie_value: str) -> str:
    """The form token that goes with a CSRF cookie value (HMAC-SHA256, hex)."""
    return hmac.new(secret, b"rutin-csrf:" + cookie_value.encode(), hashlib.sha256).hexdigest()


def _valid_cookie_value(value: str | None) -> bool:
    return bool(value) and 20 <= len(value) <= 100 and all(
        c.isalnum() or c in "-_" for c in value)


def _cookies(headers: Headers) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed Cookie header is no cookie
        return {}
    return {k: m.value for k, m in jar.items()}


def _error_body(path: str, status: int, title: str, message: str) -> tuple[bytes, str]:
    if not _serves_pages(path):
        field = "csrf_token" if status == 403 else "body"
        body = {"detail": [{"field": field, "message": message}], "error": message}
        return json.dumps(body, ensure_ascii=False).encode(), "application/json"
    page = ("<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)} – rutin</title></head><body><main>"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p>"
            f"<p><a href=\"{'/admin' if is_admin_page(path) else '/'}\">"
            f"{'Till administrationen' if is_admin_page(path) else 'Till startsidan'}</a></p>"
            "</main></body></html>")
    return page.encode(), "text/html; charset=utf-8"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit; rendered as 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, detail=f"Begäran är för stor: högst {limit} byte tas emot.")


class SecurityMiddleware:
    """Security headers, body-size limit and CSRF check around the whole app (see module doc)."""

    def __init__(self, app, settings: Settings, router: Router | None = None) -> None:
        self.app = app
        self.settings = settings
        self.router = router
        self.limit = settings.max_body_bytes
        # A document upload to the admin pages: the file and the form around it.
        self.upload_limit = max(self.limit, settings.admin_upload_max_bytes + 64 * 1024)
        origins = " ".join(o.rstrip("/") for o in settings.widget_allowed_origins)
        self.page_csp = f"{BASE_CSP}; frame-ancestors 'none'"
        self.widget_csp = f"{BASE_CSP}; frame-ancestors 'self'" + (f" {origins}" if origins else "")
        self._secret: bytes | None = None
        self._secret_lock = threading.Lock()

    @property
    def secret(self) -> bytes:
        # Read on the first request rather than at import: the lifespan checks the data
        # directory first, and its message is the one an operator should see.
        if self._secret is None:
            with self._secret_lock:
                if self._secret is None:
                    self._secret = load_secret(self.settings)
        return self._secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        method: str = scope.get("method", "GET")
        headers = Headers(scope=scope)
        widget = is_widget_path(path)
        extra_cookie: str | None = None
        limit = self.upload_limit if method == "POST" and path in UPLOAD_PATHS else self.limit

        if len(scope.get("query_string", b"")) > self.limit:
            await self._reject(send, path, 414, "För lång adress",
                               f"Adressen är för lång: högst {self.limit} tecken tas emot.")
            return
        length = headers.get("content-length")
        if length is not None:
            try:
                too_large = int(length) > limit
            except ValueError:
                too_large = False  # the server rejects a malformed length itself
            if too_large:
                await self._reject(send, path, 413, "För stor begäran",
                                   f"Begäran är för stor: högst {limit} byte tas emot.")
                return

        receive = self._limited(receive, limit)

        # A method no route takes at this path (PUT /healthz) does nothing: the router answers
        # it 405 (or 404), which the CSRF check must not hide behind a 403.
        csrf = _needs_csrf(method, path, headers) and self._routed(scope)
        if _serves_pages(path) or csrf:
            cookie_name = CSRF_WIDGET_COOKIE if widget else CSRF_COOKIE
            cookie_value = _cookies(headers).get(cookie_name)
            if not _valid_cookie_value(cookie_value):
                cookie_value = None
            if csrf:
                try:
                    body, submitted = await self._read_token(scope, receive, headers)
                except BodyTooLarge:
                    await self._reject(send, path, 413, "För stor begäran",
                                       f"Begäran är för stor: högst {limit} byte tas emot.")
                    return
                expected = csrf_token_for(self.secret, cookie_value) if cookie_value else ""
                # Bytes: compare_digest refuses str with non-ASCII characters (a 500 before).
                if not (expected and submitted and hmac.compare_digest(
                        expected.encode(), submitted.encode("utf-8", "replace"))):
                    if method == "POST" and path in ("/", "/widget"):
                        await self._ask_again(scope, send, path, body, widget, cookie_name)
                        return
                    await self._reject(
                        send, path, 403, "Formuläret kunde inte tas emot",
                        "Formuläret har gått ut eller skickades från en annan webbplats. "
                        "Ladda om sidan och försök igen.")
                    return
                receive = _replay(body, receive)
            if cookie_value is None:
                cookie_value = secrets.token_urlsafe(32)
                extra_cookie = self._cookie_header(scope, cookie_name, cookie_value, widget)
            scope.setdefault("state", {})["csrf_token"] = csrf_token_for(self.secret, cookie_value)

        csp = self.widget_csp if widget else self.page_csp
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                out = MutableHeaders(scope=message)
                out["content-security-policy"] = csp
                out["x-content-type-options"] = "nosniff"
                out["referrer-policy"] = "same-origin"
                if not widget:
                    out["x-frame-options"] = "DENY"
                if not path.startswith("/static/") and "cache-control" not in out:
                    # Answers may hold what a clinician typed about a patient.
                    out["cache-control"] = "no-store"
                _harden_cookies(out)
                if extra_cookie:
                    out.append("set-cookie", extra_cookie)
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except BodyTooLarge:
            if started:
                raise
            await self._reject(send, path, 413, "För stor begäran",
                               f"Begäran är för stor: högst {limit} byte tas emot.")

    def _routed(self, scope: Scope) -> bool:
        """True unless the app's router is known and no route takes this method at this path."""
        if self.router is None:
            return True
        return takes(self.router, scope)

    def _limited(self, receive: Receive, limit: int | None = None) -> Receive:
        """``receive`` that raises BodyTooLarge once more than the limit has arrived."""
        received = 0
        limit = self.limit if limit is None else limit

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        return limited

    async def _read_token(self, scope: Scope, receive: Receive,
                          headers: Headers) -> tuple[bytes, str]:
        """The whole (size-limited) body, and the CSRF token from the header or the form."""
        chunks = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        token = headers.get(CSRF_HEADER, "")
        ctype = headers.get("content-type", "")
        if not token and ctype.startswith(("application/x-www-form-urlencoded",
                                           "multipart/form-data")):
            try:
                form = await Request(dict(scope), _replay(body, receive)).form()
                value = form.get(CSRF_FIELD)
                token = value if isinstance(value, str) else ""
                await form.close()
            except Exception:  # a malformed form has no token
                token = ""
        return body, token.strip()

    def _cookie_header(self, scope: Scope, name: str, value: str, widget: bool) -> str:
        https = scope.get("scheme") == "https"
        if widget:
            # The widget is framed by the intranet page; if that is another site, the browser
            # sends the cookie only with SameSite=None, which it accepts only with Secure.
            same_site = "None; Secure" if https else "Lax"
            cookie_path = "/widget"
        else:
            same_site = "Strict" + ("; Secure" if https else "")
            cookie_path = "/"
        return f"{name}={value}; Path={cookie_path}; HttpOnly; SameSite={same_site}"

    async def _ask_again(self, scope: Scope, send: Send, path: str, body: bytes, widget: bool,
                         cookie_name: str) -> None:
        """A question form whose token failed (the page was open too long, cookies were off,
        or it came from another site): 403 with the question kept in a fresh form, and what
        to do. The question is masked, as every echo."""
        from urllib.parse import parse_qs

        from rutin.redact import mask_personnummer

        try:
            fields = parse_qs(body.decode("utf-8"), max_num_fields=20)
        except (UnicodeDecodeError, ValueError):
            fields = {}
        message = mask_personnummer((fields.get("message") or [""])[0][:4000])
        conversation = (fields.get("conversation_id") or [""])[0]
        conversation = conversation if len(conversation) == 32 and all(
            c.isalnum() or c in "-_" for c in conversation) else ""
        cookie_value = secrets.token_urlsafe(32)
        token = csrf_token_for(self.secret, cookie_value)
        hidden = f'<input type="hidden" name="csrf_token" value="{token}">'
        if conversation:
            hidden += f'<input type="hidden" name="conversation_id" value="{conversation}">'
        page = (
            "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>Frågan skickades inte – rutin</title>"
            "<link rel=\"stylesheet\" href=\"/static/rutin.css\"></head>"
            f"<body class=\"{'widget' if widget else 'page'}\"><main id=\"main\" class=\"wrap\">"
            "<h1>Frågan skickades inte</h1>"
            "<p class=\"notice notice-error\" role=\"alert\">Formulärets säkerhetskod hade gått ut "
            "eller saknades, så frågan togs inte emot. Det händer när sidan har varit öppen "
            "länge, när webbläsaren inte sparar kakor eller när formuläret kom från en annan "
            "webbplats. Din fråga finns kvar nedan: kontrollera den och skicka igen.</p>"
            f"<form class=\"ask\" method=\"post\" action=\"{path}\">{hidden}"
            "<label for=\"message\">Din fråga</label><div class=\"ask-row\">"
            "<textarea id=\"message\" name=\"message\" rows=\"3\" maxlength=\"4000\" required>"
            f"{html.escape(message)}</textarea><button type=\"submit\">Skicka igen</button>"
            f"</div></form><p><a href=\"{path}\">Börja om</a></p></main></body></html>"
        ).encode("utf-8")
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-length", str(len(page)).encode()),
            (b"content-security-policy",
             (self.widget_csp if widget else self.page_csp).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"cache-control", b"no-store"),
            (b"set-cookie", self._cookie_header(scope, cookie_name, cookie_value,
                                                widget).encode("latin-1")),
        ]
        if not widget:
            headers.append((b"x-frame-options", b"DENY"))
        await send({"type": "http.response.start", "status": 403, "headers": headers})
        await send({"type": "http.response.body", "body": page})

    async def _reject(self, send: Send, path: str, status: int, title: str, message: str) -> None:
        body, ctype = _error_body(path, status, title, message)
        headers = [
            (b"content-type", ctype.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"content-security-policy",
             (self.widget_csp if is_widget_path(path) else self.page_csp).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"cache-control", b"no-store"),
        ]
        if not is_widget_path(path):
            headers.append((b"x-frame-options", b"DENY"))
        if status == 413:
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands ``body`` over once, then defers to the real one (disconnect)."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _harden_cookies(headers: MutableHeaders) -> None:
    """Give every Set-Cookie HttpOnly and SameSite=Lax unless it says otherwise."""
    cookies = headers.getlist("set-cookie")
    if not cookies:
        return
    del headers["set-cookie"]
    for cookie in cookies:
        lower = cookie.lower()
        if "httponly" not in lower:
            cookie += "; HttpOnly"
        if "samesite" not in lower:
            cookie += "; SameSite=Lax"
        headers.append("set-cookie", cookie)


def install_security(app, settings: Settings) -> None:
    """Add the security middleware to ``app`` (outermost of the app's own middleware)."""
    app.add_middleware(SecurityMiddleware, settings=settings, router=app.router)
