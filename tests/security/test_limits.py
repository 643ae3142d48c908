"""Size limits on every input: request body (announced or chunked), query string, message."""

from __future__ import annotations

import json


def test_body_larger_than_the_limit_is_413_in_swedish(make_client):
    with make_client(max_body_bytes=2048) as client:
        response = client.post("/api/v1/chat", json={"message": "x" * 5000})
    assert response.status_code == 413
    assert "för stor" in response.json()["error"]


def test_chunked_body_without_length_is_cut_off_at_the_limit(make_client):
    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    with make_client(max_body_bytes=4096) as client:
        response = client.post("/api/v1/visit", content=chunks(),
                               headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert "högst 4096 byte" in response.json()["error"]


def test_oversized_form_post_gets_the_swedish_error_page(make_client):
    with make_client(max_body_bytes=2048) as client:
        response = client.post("/", data={"message": "y" * 4000})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "för stor" in response.text


def test_overlong_query_string_is_rejected(make_client):
    with make_client(max_body_bytes=2048) as client:
        response = client.get("/api/v1/search", params={"q": "avgift " * 1000})
    assert response.status_code == 414


def test_chat_message_longer_than_the_limit_is_422(make_client):
    with make_client(max_message_chars=200) as client:
        response = client.post("/api/v1/chat", json={"message": "hemsjukvård " * 50})
    assert response.status_code in (413, 422)
    assert response.json()["detail"][0]["field"] == "message"


def test_search_query_longer_than_the_limit_is_422(make_client):
    with make_client(max_message_chars=200) as client:
        response = client.get("/api/v1/search", params={"q": "avgift " * 60})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "q"


def test_body_just_under_the_limit_is_accepted(make_client):
    body = json.dumps({"patient_age": 90, "visit_date": "2026-03-03"}).encode()
    with make_client(max_body_bytes=len(body) + 1024) as client:
        response = client.post("/api/v1/visit", content=body,
                               headers={"content-type": "application/json"})
    assert response.status_code == 200
