"""Issue 13, findings 3 and 8: header size and count limits, and the keep-alive, header and body
read timeouts of ``rutin serve`` (server/connections.py), against a real server over raw
sockets. The limits are shrunk (4 KiB, 20 headers, 1 s) so that the tests are quick; every test
waits for the server to act, none measures how long it took."""

from __future__ import annotations

import time

import pytest

from tests.security.serve_process import read_until_closed, rutin_serve, status_of

pytestmark = pytest.mark.slow

LIMITS = {"max_header_bytes": 4096, "max_header_count": 20, "keep_alive_timeout_seconds": 1,
          "header_timeout_seconds": 1, "body_timeout_seconds": 1}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with rutin_serve(tmp_path_factory.mktemp("limits"), ready=False, **LIMITS) as served:
        yield served


def _exchange(server, raw: bytes) -> tuple[int | None, bool]:
    """Send ``raw`` (the server may close before all of it is taken), then read until closed."""
    with server.connect() as sock:
        try:
            sock.sendall(raw)
        except OSError:
            pass
        data, closed = read_until_closed(sock)
    return status_of(data), closed


def _request(headers: list[str]) -> bytes:
    lines = ["GET /healthz HTTP/1.1", "Host: 127.0.0.1", *headers, "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def test_an_unfinished_header_past_the_size_limit_is_answered_431_and_closed(server):
    # what took the process from 294 MB to 801 MB: headers that never end
    status, closed = _exchange(server, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                       b"X-Filler: " + b"a" * 6000)
    assert (status, closed) == (431, True)


def test_a_complete_header_past_the_size_limit_is_431_and_one_within_it_is_answered(server):
    assert _exchange(server, _request(["X-Filler: " + "a" * 6000]))[0] == 431
    assert _exchange(server, _request(["X-Filler: " + "a" * 2000]))[0] == 200


def test_more_headers_than_the_limit_is_431_and_fewer_are_answered(server):
    assert _exchange(server, _request([f"X-H{i}: v" for i in range(25)]))[0] == 431
    assert _exchange(server, _request([f"X-H{i}: v" for i in range(15)]))[0] == 200


def test_a_connection_that_never_sends_a_request_is_closed(server):
    with server.connect() as sock:
        data, closed = read_until_closed(sock)
    assert closed and data == b""


def test_a_connection_idle_after_its_response_is_closed(server):
    with server.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        data, closed = read_until_closed(sock)
    assert status_of(data) == 200 and closed


def test_a_slowloris_connection_gets_408_and_is_closed(server):
    with server.connect() as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        # a header line now and then keeps an idle timer from firing, not the header timer
        for i in range(10):
            try:
                sock.sendall(f"X-Slow-{i}: v\r\n".encode())
            except OSError:
                break
            time.sleep(0.3)
        data, closed = read_until_closed(sock)
    assert status_of(data) == 408 and closed


def test_a_slow_body_gets_408_and_is_closed_and_the_server_goes_on(server):
    with server.connect() as sock:
        sock.sendall(b"POST /api/v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
        for _ in range(10):
            try:
                sock.sendall(b" ")
            except OSError:
                break
            time.sleep(0.3)
        data, closed = read_until_closed(sock)
    assert status_of(data) == 408 and closed
    assert _exchange(server, _request([]))[0] == 200
    assert "Exception in ASGI application" not in server.log_text()
