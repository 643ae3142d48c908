"""One handler for the domain's error type: JSON under /api/ and /admin/, the error page
elsewhere; and the error body's schema, which the OpenAPI document declares on every route."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from rutin.errors import DatabaseUnavailable, InputError
from rutin.redact import mask_personnummer

log = logging.getLogger("rutin.server")

# Swedish texts for pydantic's error types; the field name is added in front.
_PYDANTIC_MESSAGES = {
    "missing": "saknas men krävs",
    "date_from_datetime_parsing": "är inget giltigt datum; ange ett datum som ÅÅÅÅ-MM-DD",
    "date_parsing": "är inget giltigt datum; ange ett datum som ÅÅÅÅ-MM-DD",
    "date_type": "är inget giltigt datum; ange ett datum som ÅÅÅÅ-MM-DD",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "bool_parsing": "ska vara true eller false",
    "bool_type": "ska vara true eller false",
    "string_type": "ska vara en text",
    "string_too_long": "är för lång",
    "string_too_short": "får inte vara tom",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "extra_forbidden": "är inget känt fält",
    "json_invalid": "är ingen giltig JSON",
    "model_attributes_type": "ska vara ett JSON-objekt",
    "dict_type": "ska vara ett JSON-objekt",
}


class ErrorDetail(BaseModel):
    """One wrong input: which one, and what is wrong with it (Swedish)."""

    field: str = Field(description="The input that is wrong (\"q\", \"visit_date\", "
                                   "\"body\", \"path\"), never a personnummer.")
    message: str = Field(description="What is wrong and what is accepted, in Swedish.")


class ApiError(BaseModel):
    """The body of every error answer of the JSON API (4xx and 5xx)."""

    detail: list[ErrorDetail] = Field(description="Every wrong input, at least one.")
    error: str = Field(description="The first message, for a client that shows one line.")


def _error(description: str) -> dict:
    return {"model": ApiError, "description": description}


_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before asking again.",
                                "schema": {"type": "integer"}}}

#: The error answers every JSON route may give, for the OpenAPI document (``responses=`` of the
#: routers): the bodies are what ``install_error_handlers`` and the security middleware send.
ERROR_RESPONSES: dict[int | str, dict] = {
    413: _error("Begäran är för stor (RUTIN_MAX_BODY_BYTES)."),
    414: _error("Adressen är för lång."),
    422: _error("Felaktig uppgift: fältet som är fel och varför, på svenska."),
    500: _error("Internt fel."),
    503: {**_error("Kunskapsbasen eller reglerna laddas fortfarande; försök igen."),
          "headers": _RETRY_AFTER},
}

#: Why FastAPI could not read a body, by the exception under its generic 400.
_UNREADABLE_BODY = "There was an error parsing the body"


def _unreadable_body_message(cause: BaseException | None) -> str:
    if isinstance(cause, UnicodeDecodeError):
        return "body är inte kodad som UTF-8; skicka JSON i UTF-8."
    if isinstance(cause, RecursionError):
        return "body är för djupt nästlad JSON."
    if isinstance(cause, ValueError) and "digits" in str(cause):
        return "body innehåller ett för långt tal."
    return "body kunde inte läsas; skicka giltig JSON i UTF-8."


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or "body"


def describe_validation_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors as ``{field, message}`` in Swedish, never echoing the input value."""
    out = []
    for err in errors:
        etype = err.get("type", "")
        # A JSON syntax error's location is a character offset, which names no field.
        field = "body" if etype == "json_invalid" else _field_name(tuple(err.get("loc", ())))
        text = _PYDANTIC_MESSAGES.get(etype)
        ctx = err.get("ctx") or {}
        if etype == "literal_error":
            text = f"har ett okänt värde; tillåtna värden är {ctx.get('expected', '')}"
        elif etype in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            bounds = ", ".join(f"{k} {v}" for k, v in ctx.items())
            text = f"är utanför tillåtet intervall ({bounds})"
        elif etype == "string_too_long":
            text = f"är för lång (högst {ctx.get('max_length')} tecken)"
        elif etype == "value_error" and "error" in ctx:
            text = str(ctx["error"])
        elif text is None:
            text = "har ett ogiltigt värde"
        out.append({"field": field, "message": f"{field} {text}"})
    return out


def _wants_json(request: Request) -> bool:
    # /admin/ holds the administrative API (bearer token, JSON answers), not pages.
    # The admin pages (server/routes/admin_pages.py) answer pages.
    from server.adminauth import is_admin_page

    path = request.url.path
    if is_admin_page(path):
        return False
    return path.startswith(("/api/", "/admin/")) or path in ("/healthz", "/readyz")


def install_error_handlers(app: FastAPI, templates_dir: Path) -> None:
    """Register the handlers for InputError, validation errors and HTTP errors."""
    templates = Jinja2Templates(directory=str(templates_dir))

    def render(request: Request, status: int, errors: list[dict], title: str):
        # No error ever echoes a personnummer, whoever composed the message (issue: "masked
        # before ... echoed in an error"); nor in its field: a JSON key sent to the API is the
        # field of a 422 (issue 13, finding 2).
        errors = [{**e, "field": mask_personnummer(str(e.get("field", ""))),
                   "message": mask_personnummer(str(e.get("message", "")))} for e in errors]
        if _wants_json(request):
            body = {"detail": errors, "error": errors[0]["message"] if errors else title}
            return JSONResponse(body, status_code=status)
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "title": title, "errors": errors},
            status_code=status,
        )

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError):
        # (a page or an item that is not there is no wrong input: "Felaktig uppgift" above
        # "Dokumentet ersätter ingen tidigare version …" read as the user's mistake:
        # walk-through, stop 32)
        title = {429: "För många förfrågningar", 404: "Finns inte"}.get(exc.status_code,
                                                                       "Felaktig uppgift")
        resp = render(request, exc.status_code, [{"field": exc.field, "message": exc.message}],
                      title)
        for k, v in (getattr(exc, "headers", None) or {}).items():  # Retry-After of a 429
            resp.headers[k] = v
        return resp

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        return render(request, 422, describe_validation_errors(exc.errors()), "Felaktig uppgift")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and exc.detail == _UNREADABLE_BODY:
            # FastAPI's English 400 for a body json.loads cannot read (not UTF-8, nested too
            # deep, an integer of thousands of digits): the API's Swedish 422, like bad JSON.
            return render(request, 422, [{"field": "body",
                                          "message": _unreadable_body_message(exc.__cause__)}],
                          "Felaktig uppgift")
        titles = {404: "Sidan finns inte", 405: "Metoden stöds inte", 413: "För stor begäran"}
        title = titles.get(exc.status_code, "Fel")
        detail = exc.detail if isinstance(exc.detail, str) else title
        headers = dict(exc.headers or {})
        if exc.status_code == 404 and detail == "Not Found":
            detail = "Det finns ingen sida eller resurs på den adressen."
        if exc.status_code == 405:
            allowed = [m.strip() for m in headers.get("Allow", "").split(",") if m.strip()]
            if "GET" in allowed and "HEAD" not in allowed:
                allowed.append("HEAD")  # server.methods.HeadAsGet answers it
            headers["Allow"] = ", ".join(allowed)
            if detail == "Method Not Allowed":
                detail = f"Metoden stöds inte här; tillåtna metoder: {headers['Allow']}."
        field = {401: "authorization", 405: "method"}.get(exc.status_code, "path")
        resp = render(request, exc.status_code, [{"field": field, "message": detail}], title)
        for k, v in headers.items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(OSError)
    async def storage_error(request: Request, exc: OSError):
        if not is_storage_failure(exc):
            return await unexpected(request, exc)
        # The data directory turned read-only, full or went away: a clear 503 and one line in
        # the log, not a 500 and a traceback per request (issue 13, finding 6). /readyz says
        # it too (server/storage.py).
        log.error("storage failure on %s %s: %s", request.method, request.url.path,
                  describe_storage_failure(exc))
        resp = render(request, 503, [{"field": "lagring", "message": STORAGE_MESSAGE}],
                      "Tjänsten kan inte spara just nu")
        resp.headers["Retry-After"] = "60"
        return resp

    @app.exception_handler(DatabaseUnavailable)
    async def database_unavailable(request: Request, exc: DatabaseUnavailable):
        # The database (rutin/db) cannot be reached or written: a clear 503 with Retry-After and
        # one line in the log, never a 500 (issue 14). Connections are checked before use, so
        # the next request after the database came back succeeds. /readyz says it too.
        log.error("storage failure on %s %s: %s", request.method, request.url.path,
                  exc.message)
        message = STORAGE_MESSAGE if exc.embedded else DATABASE_MESSAGE
        resp = render(request, 503, [{"field": "lagring", "message": message}],
                      "Tjänsten kan inte spara just nu")
        resp.headers["Retry-After"] = str(exc.retry_after)
        return resp

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        _mark_logged(exc)
        return render(request, 500, [{"field": "server", "message": "Ett internt fel uppstod."}],
                      "Internt fel")

    _add_filter_once(logging.getLogger("uvicorn.error"), _AlreadyLogged())


#: What a request that needed to write is told when the data directory cannot be written.
STORAGE_MESSAGE = ("Tjänsten kan inte spara just nu: datakatalogen går inte att skriva till "
                   "(skrivskyddad, full eller borta). Försök igen senare; kontakta den som "
                   "förvaltar tjänsten om felet består.")

#: What a request that needed the database server is told while it cannot be reached.
DATABASE_MESSAGE = ("Tjänsten kan inte nå sin databas just nu, så inget kan sparas eller läsas. "
                    "Försök igen om en stund; kontakta den som förvaltar tjänsten om felet "
                    "består.")

#: The errors of a file system that cannot be written (or is gone), as opposed to a bug.
_STORAGE_ERRNOS = frozenset(
    getattr(errno, name) for name in ("EROFS", "EACCES", "EPERM", "ENOENT", "ENOTDIR", "EISDIR",
                                      "ENOSPC", "EDQUOT", "EIO", "ESTALE")
    if hasattr(errno, name))


def is_storage_failure(exc: BaseException) -> bool:
    """True for an OSError of a file system that is read-only, full, or gone."""
    return isinstance(exc, OSError) and exc.errno in _STORAGE_ERRNOS


def describe_storage_failure(exc: OSError) -> str:
    """``[Errno 30] Read-only file system: '/data/conversations/x.json'`` as one short line."""
    where = f": {exc.filename}" if exc.filename else ""
    return f"{exc.strerror or type(exc).__name__}{where}"


def _mark_logged(exc: BaseException) -> None:
    try:
        exc._rutin_logged = True  # type: ignore[attr-defined]
    except AttributeError:  # an exception type without a __dict__
        pass


class _AlreadyLogged(logging.Filter):
    """Drops uvicorn's "Exception in ASGI application" for an exception the 500 handler above
    has logged: Starlette's ServerErrorMiddleware calls the handler and then re-raises, so that
    servers can log; uvicorn does, and every failure wrote its traceback twice."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not getattr(exc, "_rutin_logged", False)


def _add_filter_once(logger: logging.Logger, new: logging.Filter) -> None:
    if not any(type(f) is type(new) for f in logger.filters):
        logger.addFilter(new)
