"""Issue 13, finding 8: admission control. A real ``rutin serve`` working on at most one request,
with a queue; a request is held inside the app by sending its body only partly, and the tests
wait for /readyz's counts (never on time) before they check what the next requests get: 503 with
Retry-After in Swedish, JSON for the API and a page elsewhere, while /healthz and /readyz answer."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from tests.security.serve_process import read_until_closed, rutin_serve, status_of

pytestmark = pytest.mark.slow

QUESTION = '{"message": "Vad kostar ett hembesök av läkare?"}'.encode()


def _counts(server) -> dict:
    response = httpx.get(f"{server.url}/readyz", timeout=30)
    assert response.status_code == 200  # never held back
    return response.json()["requests"]


def _wait_for(server, what: str, condition, deadline_s: float = 120.0) -> dict:
    deadline = time.monotonic() + deadline_s
    while True:
        counts = _counts(server)
        if condition(counts):
            return counts
        assert time.monotonic() < deadline, f"gave up waiting for {what}: {counts}"
        time.sleep(0.05)


class HeldRequest:
    """POST /api/v1/chat whose body is sent only in part: the app waits for the rest while it
    holds its place; ``finish`` sends the rest and returns the status."""

    def __init__(self, server) -> None:
        self.sock = server.connect(timeout=120)
        self.sock.sendall(b"POST /api/v1/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          b"Content-Type: application/json\r\nConnection: close\r\n"
                          b"Content-Length: %d\r\n\r\n" % len(QUESTION) + QUESTION[:5])

    def finish(self) -> int | None:
        self.sock.sendall(QUESTION[5:])
        data, _ = read_until_closed(self.sock)
        self.sock.close()
        return status_of(data)


@pytest.fixture(scope="module")
def one_place(tmp_path_factory):
    """One request at work, one more may wait (long)."""
    with rutin_serve(tmp_path_factory.mktemp("admission"), ready=True,
                     max_concurrent_requests=1, max_queued_requests=1, queue_timeout_seconds=60,
                     body_timeout_seconds=300) as served:
        yield served


def test_past_the_queue_the_api_gets_503_with_retry_after_in_swedish_json(one_place):
    held = HeldRequest(one_place)
    _wait_for(one_place, "the held request at work", lambda c: c["active"] == 1)
    waiting: dict = {}
    thread = threading.Thread(target=lambda: waiting.update(
        response=httpx.get(f"{one_place.url}/api/v1/search", params={"q": "avgift"},
                           timeout=120)))
    thread.start()
    try:
        _wait_for(one_place, "a waiting request", lambda c: c["waiting"] == 1)
        refused = httpx.get(f"{one_place.url}/api/v1/search", params={"q": "avgift"}, timeout=30)
        page = httpx.get(f"{one_place.url}/documents", timeout=30)
        health = httpx.get(f"{one_place.url}/healthz", timeout=30)
    finally:
        status = held.finish()
        thread.join(timeout=120)
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "60"
    assert refused.headers["content-type"].startswith("application/json")
    assert "hårt belastad" in refused.json()["error"]
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["retry-after"] == "60"
    assert "hårt belastad" in page.text
    assert health.status_code == 200
    # the held request and the one that waited are answered once the place is free
    assert status == 200
    assert waiting["response"].status_code == 200
    counts = _wait_for(one_place, "all done", lambda c: c["active"] == c["waiting"] == 0)
    assert counts["refused"] >= 2


def test_a_request_that_waits_too_long_gets_503(tmp_path):
    with rutin_serve(tmp_path, ready=True, max_concurrent_requests=1, max_queued_requests=4,
                     queue_timeout_seconds=1, body_timeout_seconds=300) as server:
        held = HeldRequest(server)
        try:
            _wait_for(server, "the held request at work", lambda c: c["active"] == 1)
            # the queue has room, so only the wait can refuse it
            late = httpx.post(f"{server.url}/api/v1/chat", content=QUESTION, timeout=120,
                              headers={"content-type": "application/json"})
        finally:
            status = held.finish()
        assert late.status_code == 503
        assert late.headers["retry-after"] == "1"
        assert status == 200
        assert httpx.post(f"{server.url}/api/v1/chat", content=QUESTION, timeout=120,
                          headers={"content-type": "application/json"}).status_code == 200
