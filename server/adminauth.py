"""Who may use the administration pages (issue 12, item 1), and how they are known.

Two ways in, each off unless its setting is set; with neither, ``/admin`` does not exist (404):

- the admin token (``RUTIN_ADMIN_TOKEN``): the JSON endpoints take it as a bearer token; the
  pages take it once in a sign-in form, which sets a signed session cookie (HttpOnly,
  SameSite=Strict, Path=/admin) that expires after ``RUTIN_ADMIN_SESSION_MINUTES``. The
  actions are recorded as done by "admin-token".
- single sign-on: a reverse proxy in front of /admin authenticates the user with the region's
  IdP and passes the identity in a header (``RUTIN_ADMIN_SSO_HEADER``). The header is believed
  only from the addresses in ``RUTIN_ADMIN_SSO_PROXIES`` (default: ``RUTIN_TRUSTED_PROXIES``),
  judged by the address that connected (``server.peer``), never by X-Forwarded-For; from any
  other address it is ignored and logged.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import time
from dataclasses import dataclass

from starlette.requests import Request

from rutin.config import Settings
from rutin.redact import mask_personnummer

log = logging.getLogger("rutin.admin")

SESSION_COOKIE = "rutin_admin"
SESSION_PATH = "/admin"
#: Who the token's holder is recorded as (no personal identity).
TOKEN_HOLDER = "admin-token"
IDENTITY_MAX_CHARS = 200


#: The administrative JSON endpoints (bearer token); every other path under /admin is a page.
ADMIN_API_PATHS = ("/admin/reingest", "/admin/feedback", "/admin/report/", "/admin/audit")
#: The form posts that carry a document file: their body may be as large as an upload.
UPLOAD_PATHS = ("/admin/forhandsgranska",)


def is_admin_page(path: str) -> bool:
    """/admin and the pages under it (not the JSON endpoints)."""
    return path == "/admin" or (path.startswith("/admin/") and not is_admin_api(path))


def is_admin_api(path: str) -> bool:
    return path.startswith(ADMIN_API_PATHS) or path in ("/admin/report",)


def admin_enabled(settings: Settings) -> bool:
    """True when some way into /admin is configured."""
    return bool(settings.admin_token) or bool(settings.admin_sso_header)


def sso_proxies(settings: Settings) -> list[str]:
    return list(settings.admin_sso_proxies or settings.trusted_proxies)


def address_in(address: str | None, networks: list[str]) -> bool:
    """True if ``address`` (an IP) is one of ``networks`` (addresses or CIDR networks)."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in networks:
        try:
            if ip in ipaddress.ip_network(entry.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def _sign(secret: bytes, payload: bytes) -> str:
    return hmac.new(secret, b"rutin-admin-session:" + payload, hashlib.sha256).hexdigest()


def session_cookie_value(secret: bytes, who: str, minutes: int, now: float | None = None) -> str:
    """A signed session: ``base64(json{who, exp}).hmac``."""
    now = time.time() if now is None else now
    payload = base64.urlsafe_b64encode(json.dumps(
        {"who": who, "exp": int(now + minutes * 60)}, separators=(",", ":")).encode()
    ).decode().rstrip("=")
    return f"{payload}.{_sign(secret, payload.encode())}"


@dataclass(frozen=True)
class SessionCheck:
    who: str | None  # the signed-in identity, or None
    expired: bool = False  # a valid signature whose time is up


def read_session(secret: bytes, value: str | None, now: float | None = None) -> SessionCheck:
    """The identity a session cookie holds, if its signature holds and it has not expired."""
    if not value or len(value) > 1000 or "." not in value:
        return SessionCheck(None)
    payload, _, signature = value.rpartition(".")
    if not hmac.compare_digest(_sign(secret, payload.encode()).encode(),
                               signature.encode("ascii", "replace")):
        return SessionCheck(None)
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        who, exp = str(data["who"]), float(data["exp"])
    except (ValueError, KeyError, TypeError):
        return SessionCheck(None)
    now = time.time() if now is None else now
    if exp <= now:
        return SessionCheck(None, expired=True)
    return SessionCheck(who)


def session_cookie_header(request: Request, value: str, minutes: int) -> str:
    secure = "; Secure" if request.url.scheme == "https" else ""
    return (f"{SESSION_COOKIE}={value}; Path={SESSION_PATH}; Max-Age={minutes * 60}; "
            f"HttpOnly; SameSite=Strict{secure}")


def clear_session_cookie_header(request: Request) -> str:
    secure = "; Secure" if request.url.scheme == "https" else ""
    return (f"{SESSION_COOKIE}=; Path={SESSION_PATH}; Max-Age=0; HttpOnly; "
            f"SameSite=Strict{secure}")


def sso_identity(request: Request, settings: Settings) -> str | None:
    """The identity the single-sign-on proxy vouches for, or None.

    A header from an address that is not one of the SSO proxies is ignored, and logged (the
    address and the header's name, never its value: it may be anything an attacker typed)."""
    name = settings.admin_sso_header
    if not name:
        return None
    value = request.headers.get(name)
    if value is None:
        return None
    from server.peer import peer_address

    peer = peer_address(request.scope)
    if not address_in(peer, sso_proxies(settings)):
        log.warning("admin: the single-sign-on header %s came from %s, which is not a "
                    "trusted proxy (RUTIN_ADMIN_SSO_PROXIES); ignored", name, peer or "?")
        return None
    identity = " ".join(value.split())[:IDENTITY_MAX_CHARS]
    return mask_personnummer(identity) or None
