"""The one error type of the domain. kb/, rules/ and server/ raise it; one handler renders it."""

from __future__ import annotations


class InputError(ValueError):
    """Input a user sent that cannot be used.

    ``field`` names the input (``"visit_date"``, ``"q"``, ``"personnummer"``); ``message`` says in
    Swedish what is wrong and what is accepted. A message never repeats a personnummer.
    """

    status_code = 422

    def __init__(self, field: str, message: str, *, status_code: int | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        if status_code is not None:
            self.status_code = status_code


class NotFound(InputError):
    """A thing named in the request (a document, a conversation) does not exist."""

    status_code = 404


class TooManyRequests(InputError):
    """A client asked more often than it may; ``retry_after`` seconds until it may again (sent
    as the Retry-After header)."""

    status_code = 429

    def __init__(self, field: str, message: str, *, retry_after: int) -> None:
        super().__init__(field, message)
        self.retry_after = retry_after
        self.headers = {"Retry-After": str(retry_after)}


class ConfigurationError(RuntimeError):
    """A setting that makes the process unable to start; the message names the setting to fix."""


class DatabaseUnavailable(RuntimeError):
    """The database (rutin/db) cannot be reached or written now: a request that needs it is
    answered 503 with Retry-After. ``message`` says why in Swedish (never the URL's password)."""

    def __init__(self, message: str, *, retry_after: int = 5, embedded: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        #: The SQLite file under the data directory (else a database server).
        self.embedded = embedded
