"""uvicorn's HTTP protocol with the limits it lacks: header size and count, and timeouts.

uvicorn's httptools protocol (the one it picks when httptools is installed) reads request
headers without any bound: 16 connections each sending an unfinished 32 MiB header took the
process from 294 MB to 801 MB, and a complete 32 MiB header was answered 200 (issue 13). It also
arms no timer before a connection's first request, and none while a request's headers or body
arrive, so idle, slow-header ("slowloris") and slow-body connections were kept open for ever.
uvicorn offers ``timeout_keep_alive`` (only after a response) and, for its h11 protocol only,
``h11_max_incomplete_event_size``; nothing for the header count or read timeouts. This subclass
adds, per connection:

- a limit on the bytes of a request line plus headers (``max_header_bytes``): counted as they
  arrive, so an unfinished header is cut off as soon as it passes the limit, and counted again
  when a head arrived whole in one read: 431 and close;
- a limit on the number of headers (``max_header_count``): 431;
- a header timeout from the opening of the connection, or from the first byte of a later
  request, to the end of the headers: 408 and close (a connection that sent nothing is just
  closed). uvicorn's keep-alive timeout still closes a connection idle after a response;
- a body timeout from the end of the headers to the end of the body: 408 and close. It does
  not run while uvicorn itself has paused reading (the app has not yet taken the body).

``rutin serve`` passes it to uvicorn with the limits from the settings (``http_protocol``).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger("rutin.server")

_PHRASES = {408: b"Request Timeout", 431: b"Request Header Fields Too Large"}


@dataclass(frozen=True)
class ConnectionLimits:
    """The limits of one connection (see the module docstring)."""

    max_header_bytes: int = 32 * 1024
    max_header_count: int = 100
    header_timeout: float = 10.0
    body_timeout: float = 20.0

    @classmethod
    def from_settings(cls, settings) -> "ConnectionLimits":
        return cls(max_header_bytes=settings.max_header_bytes,
                   max_header_count=settings.max_header_count,
                   header_timeout=settings.header_timeout_seconds,
                   body_timeout=settings.body_timeout_seconds)


class _LimitPassed(Exception):
    """Raised from a parser callback to stop parsing a request that passed a limit."""


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with ``ConnectionLimits`` (see the module docstring)."""

    def __init__(self, *args, limits: ConnectionLimits | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.limits = limits or ConnectionLimits()
        self._in_head = True  # between requests, or reading a request line and headers
        self._head_started = False  # a byte of the next head has come
        self._head_bytes = 0
        self._head_count = 0
        self._head_size = 0
        self._messages_done = 0
        self._head_timer = None
        self._body_timer = None
        self._refusal: tuple[int, str] | None = None

    # -- connection

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # uvicorn arms its keep-alive timer only after a response: a connection that never
        # sends a request would stay open for ever. Its first request's head is due in time.
        self._head_timer = self.loop.call_later(self.limits.header_timeout,
                                                self._head_timed_out)

    def connection_lost(self, exc) -> None:
        self._cancel_timers()
        self._unset_keepalive_if_required()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        # uvicorn's data_received, with the header limits and the header timer around it.
        if self.transport.is_closing():
            return
        self._unset_keepalive_if_required()
        if self._in_head:
            self._head_started = True
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(self.limits.header_timeout,
                                                        self._head_timed_out)
        done_before = self._messages_done
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            if self._refusal is not None:
                self._refuse(*self._refusal)
                return
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
            return
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        # httptools keeps an unfinished header to itself: count what arrives while a head is
        # being read. A chunk in which a request ended belongs (mostly) to that request.
        if (self._in_head and self._messages_done == done_before
                and not self.transport.is_closing()):
            self._head_bytes += len(data)
            if self._head_bytes > self.limits.max_header_bytes:
                self._refuse(431, self._too_large())

    def _too_large(self) -> str:
        return (f"Begärans huvud är för stort: högst {self.limits.max_header_bytes} byte "
                "tas emot.")

    # -- parser callbacks

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_count = 0
        self._head_size = 0

    def on_url(self, url: bytes) -> None:
        self._head_size += len(url)
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._head_count += 1
        self._head_size += len(name) + len(value) + 4  # ": " and CRLF
        if self._head_count > self.limits.max_header_count:
            self._refusal = (431, f"Begäran har för många huvudfält: högst "
                                  f"{self.limits.max_header_count} tas emot.")
            raise _LimitPassed
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        # A head that arrived whole in one read was not counted by data_received.
        if self._head_size > self.limits.max_header_bytes:
            self._refusal = (431, self._too_large())
            raise _LimitPassed
        self._in_head = False
        self._head_started = False
        self._head_bytes = 0
        self._cancel(self._head_timer)
        self._head_timer = None
        super().on_headers_complete()
        self._body_timer = self.loop.call_later(self.limits.body_timeout, self._body_timed_out)

    def on_message_complete(self) -> None:
        self._cancel(self._body_timer)
        self._body_timer = None
        self._in_head = True
        self._messages_done += 1
        super().on_message_complete()

    # -- timers

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing():
            return
        if not self._head_started:  # nothing sent at all: no request to answer
            self._unset_keepalive_if_required()
            self.transport.close()
            return
        self._refuse(408, "Begärans huvud kom inte fram i tid.")

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self.transport.is_closing():
            return
        if self.flow.read_paused:  # the app has not taken the body yet: not the client's fault
            self._body_timer = self.loop.call_later(self.limits.body_timeout,
                                                    self._body_timed_out)
            return
        self._refuse(408, "Begärans innehåll kom inte fram i tid.")

    def _cancel_timers(self) -> None:
        self._cancel(self._head_timer)
        self._cancel(self._body_timer)
        self._head_timer = self._body_timer = None

    @staticmethod
    def _cancel(timer) -> None:
        if timer is not None:
            timer.cancel()

    # -- refusing

    def _refuse(self, status: int, message: str) -> None:
        """Answer ``status`` (unless a response has begun) and close the connection; the app,
        if it runs, sees a disconnect."""
        self._cancel_timers()
        self._unset_keepalive_if_required()
        client = "%s:%d" % self.client if self.client else "-"
        log.warning("%s: %d %s, connection closed", client, status, _PHRASES[status].decode())
        cycle = self.cycle
        # While a head is read, self.cycle is the previous request's: answer only if that one
        # is done (a pipelined request behind an unfinished answer gets the connection closed).
        idle = cycle is None or (cycle.response_complete if self._in_head
                                 else not cycle.response_started)
        if idle:
            body = message.encode("utf-8")
            head = [b"HTTP/1.1 %d %s\r\n" % (status, _PHRASES[status])]
            for name, value in self.server_state.default_headers:
                head.append(name + b": " + value + b"\r\n")
            head += [b"content-type: text/plain; charset=utf-8\r\n",
                     b"content-length: %d\r\n" % len(body), b"connection: close\r\n\r\n"]
            self.transport.write(b"".join(head) + body)
        if cycle is not None and not cycle.response_complete:
            cycle.disconnected = True
            cycle.message_event.set()
        self.transport.close()


def http_protocol(settings):
    """The protocol factory to give uvicorn (``http=``): picklable, for worker processes."""
    return functools.partial(LimitedHttpToolsProtocol,
                             limits=ConnectionLimits.from_settings(settings))
