"""CSRF protection of the HTML form posts; cookies HttpOnly and SameSite."""

from __future__ import annotations

import re

import pytest

TOKEN_RE = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')


def _token(html: str) -> str:
    match = TOKEN_RE.search(html)
    assert match, "the form carries no csrf_token"
    return match.group(1)


@pytest.mark.parametrize("path", ["/", "/widget"])
def test_form_post_without_token_is_refused(make_client, path):
    with make_client() as client:
        client.get(path)  # has the cookie, but posts no token
        response = client.post(path, data={"message": "Vad kostar ett hembesök?"})
    assert response.status_code == 403
    # what to do, with the question kept to send again (never answered without a token)
    assert "Din fråga finns kvar nedan" in response.text
    assert ">Vad kostar ett hembesök?</textarea>" in response.text
    assert 'id="answer"' not in response.text


@pytest.mark.parametrize("path", ["/", "/widget"])
def test_form_post_with_the_pages_token_is_answered(make_client, path):
    with make_client() as client:
        token = _token(client.get(path).text)
        response = client.post(path, data={"message": "Vad kostar ett hembesök?",
                                           "csrf_token": token})
    assert response.status_code == 200


def test_token_from_another_browser_is_refused(make_client):
    with make_client() as attacker, make_client() as victim:
        forged = _token(attacker.get("/").text)
        victim.get("/")
        response = victim.post("/", data={"message": "hej", "csrf_token": forged})
    assert response.status_code == 403


def test_csrf_cookie_is_httponly_and_samesite(make_client):
    with make_client() as client:
        page = client.get("/").headers.get_list("set-cookie")
        widget = client.get("/widget").headers.get_list("set-cookie")
    assert page and all("HttpOnly" in c and "SameSite=Strict" in c for c in page)
    assert widget and all("HttpOnly" in c and "SameSite=" in c and "Path=/widget" in c
                          for c in widget)


def test_json_api_needs_no_csrf_token(make_client):
    with make_client() as client:
        response = client.post("/api/v1/visit", json={"patient_age": 90})
    assert response.status_code == 200


def test_secret_key_file_is_private(make_client, tmp_path):
    with make_client() as client:
        client.get("/")
    key = tmp_path / "data" / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600
