"""Issue 13, "the contract matches the behaviour": what the OpenAPI document says is what the
API does (error bodies, blank input, methods, unreadable bodies, dates), each gap the fuzzing
found pinned by one test."""

from __future__ import annotations

import concurrent.futures

import anyio
import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

BLANK = ["", " ", "\t\n ", "\u00a0", "\u200b", "\ufeff", "\x00", "\u3000\u2028"]


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    """One real app (lexical retrieval, knowledge base loaded) for the tests that need no
    setting of their own."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("data"), embedding_model="none"),
                     load_in_background=False)
    with TestClient(app) as client:
        yield client


def _validator(openapi: dict, ref: str):
    return jsonschema_rs.validator_for({"$ref": ref, "components": openapi["components"]})


def _parameter(openapi: dict, path: str, name: str) -> dict:
    return next(p["schema"] for p in openapi["paths"][path]["get"]["parameters"]
                if p["name"] == name)


def test_every_api_error_answer_is_declared_with_the_body_it_really_has(api):
    openapi = api.get("/openapi.json").json()
    errors = [
        api.get("/api/v1/search", params={"q": " "}),
        api.get("/api/v1/search", params={"q": "avgift", "k": 0}),
        api.post("/api/v1/visit", json={"visit_date": "i morgon"}),
        api.post("/api/v1/visit", json={"okänt": 1}),
        api.post("/api/v1/chat", json={}),
        api.post("/api/v1/chat", content=b"{", headers={"content-type": "application/json"}),
        api.get("/api/v1/followup"),
        api.get("/api/v1/finns-inte"),
    ]
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            declared = operation["responses"]
            if path.startswith("/api/"):
                assert {"422", "500", "503"} <= set(declared), (method, path)
            for status, response in declared.items():
                if int(status) >= 400 and (path, status) != ("/readyz", "503"):
                    assert response["content"]["application/json"]["schema"] == {
                        "$ref": "#/components/schemas/ApiError"}, (method, path, status)
    assert "HTTPValidationError" not in openapi["components"]["schemas"]
    api_error = _validator(openapi, "#/components/schemas/ApiError")
    for response in errors:
        assert 400 <= response.status_code < 500
        body = response.json()
        assert api_error.is_valid(body), body
        assert body["error"] == body["detail"][0]["message"]


@pytest.mark.parametrize("blank", BLANK)
def test_blank_q_and_message_are_refused_and_the_openapi_document_says_so(api, blank):
    openapi = api.get("/openapi.json").json()
    search = api.get("/api/v1/search", params={"q": blank})
    chat = api.post("/api/v1/chat", json={"message": blank})
    assert search.status_code == 422 and search.json()["detail"][0]["field"] == "q"
    assert chat.status_code == 422 and chat.json()["detail"][0]["field"] == "message"
    q = jsonschema_rs.validator_for(_parameter(openapi, "/api/v1/search", "q"))
    message = jsonschema_rs.validator_for(
        openapi["components"]["schemas"]["ChatRequest"]["properties"]["message"])
    assert not q.is_valid(blank) and not message.is_valid(blank)


@pytest.mark.parametrize("text", ["?", " x ", "\u200bhej", "\U000e0041", "ål"])
def test_text_the_openapi_document_allows_is_answered(api, text):
    openapi = api.get("/openapi.json").json()
    search = api.get("/api/v1/search", params={"q": text})
    chat = api.post("/api/v1/chat", json={"message": text})
    assert jsonschema_rs.validator_for(_parameter(openapi, "/api/v1/search", "q")).is_valid(text)
    assert search.status_code == 200 and chat.status_code == 200


def test_the_length_limit_in_the_openapi_document_is_the_setting(make_client):
    with make_client(max_message_chars=150) as client:
        openapi = client.get("/openapi.json").json()
        at_limit = client.post("/api/v1/chat", json={"message": "a" * 150})
        over = client.post("/api/v1/chat", json={"message": " " + "a" * 150})
        search_over = client.get("/api/v1/search", params={"q": "a" * 151})
    assert _parameter(openapi, "/api/v1/search", "q")["maxLength"] == 150
    assert openapi["components"]["schemas"]["ChatRequest"]["properties"]["message"][
        "maxLength"] == 150
    assert at_limit.status_code == 200
    assert over.status_code == 422 and "150" in over.json()["error"]
    assert search_over.status_code == 422


@pytest.mark.parametrize(("method", "path"), [
    ("PUT", "/healthz"), ("DELETE", "/readyz"), ("PUT", "/"), ("PATCH", "/widget"),
    ("POST", "/documents"), ("DELETE", "/documents/rh-hemsjukvardsbesok-cosmic"),
    ("PUT", "/api/v1/chat"), ("GET", "/api/v1/visit"), ("TRACE", "/api/v1/search"),
])
def test_a_method_the_path_does_not_take_is_405_with_allow_not_a_csrf_403(api, method,
                                                                            path):
    response = api.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"]
    if response.headers["content-type"].startswith("application/json"):
        assert response.json()["detail"][0]["field"] == "method"
        assert "Metoden stöds inte" in response.json()["error"]


def test_a_form_post_to_a_route_that_takes_it_still_needs_the_csrf_token(api):
    api.get("/")
    page = api.post("/", data={"message": "hej"})
    widget = api.post("/widget", data={"message": "hej"})
    assert page.status_code == widget.status_code == 403


GETS = ["/healthz", "/readyz", "/", "/documents", "/documents/rh-hemsjukvardsbesok-cosmic",
        "/widget", "/widget.js", "/static/rutin.css", "/openapi.json", "/api/v1/search?q=avgift",
        "/api/v1/search?q=", "/api/v1/lakarmedverkan?discharge_date=2026-04-01", "/finns-inte"]


async def _asgi(app, method: str, path: str) -> tuple[int, dict, bytes]:
    """One request straight to the ASGI app: status, headers and every body byte it sends
    (a test client or a server would drop a HEAD's body itself)."""
    raw_path, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": raw_path,
             "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 50000),
             "server": ("testserver", 80)}
    sent = []
    requested = False

    async def receive():
        nonlocal requested
        if requested:  # no disconnect while the answer is sent
            await anyio.sleep_forever()
        requested = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body


def _call(app, method: str, path: str):
    """``_asgi`` in an event loop of its own thread: the suite may hold a running loop in this
    one (Playwright's sync API keeps one for the session's browser tests)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, _asgi, app, method, path).result()


@pytest.mark.parametrize("path", GETS)
def test_head_is_answered_wherever_get_is_with_gets_headers_and_no_body(api, path):
    get_status, get_headers, get_body = _call(api.app, "GET", path)
    head_status, head_headers, head_body = _call(api.app, "HEAD", path)
    assert head_status == get_status
    assert head_body == b"" and get_body
    assert head_headers["content-type"] == get_headers["content-type"]
    assert head_headers.get("content-length") == get_headers.get("content-length")


def test_head_on_a_path_without_get_is_405(api):
    response = api.head("/api/v1/chat")
    assert response.status_code == 405 and response.headers["allow"] == "POST"


UNREADABLE = {
    "deep JSON": (b"[" * 50_000, "djupt nästlad"),
    "latin-1 bytes": ('{"message": "Vad kostar ett hembesök?"}'.encode("latin-1"), "UTF-8"),
    "a 5,000-digit integer": (b'{"message": "hej", "patient_age": ' + b"9" * 5000 + b"}",
                              "för långt tal"),
}


@pytest.mark.parametrize("path", ["/api/v1/chat", "/api/v1/visit"])
@pytest.mark.parametrize("case", list(UNREADABLE))
def test_an_unreadable_body_gets_the_swedish_422_in_the_error_shape(api, path, case):
    body, words = UNREADABLE[case]
    response = api.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == [{"field": "body", "message": response.json()["error"]}]
    assert words in response.json()["error"]
    assert "error parsing" not in response.text


@pytest.mark.parametrize("value", ["0", "1700000000", "2026-04-01T00:00:00", "2026-4-1"])
def test_a_date_is_iso_yyyy_mm_dd_only(api, value):
    responses = [
        api.get("/api/v1/lakarmedverkan", params={"discharge_date": value}),
        api.get("/api/v1/followup", params={"enrolled_on": value}),
        api.get("/api/v1/search", params={"q": "avgift", "valid_on": value}),
        api.post("/api/v1/visit", json={"visit_date": value, "patient_age": 90}),
    ]
    numeric = api.post("/api/v1/visit", json={"birth_date": 0, "visit_date": "2026-04-01"})
    iso = api.get("/api/v1/lakarmedverkan", params={"discharge_date": "2026-04-01"})
    assert [r.status_code for r in responses] == [422] * 4
    assert all("ÅÅÅÅ-MM-DD" in r.json()["error"] for r in responses)
    assert numeric.status_code == 422
    assert iso.status_code == 200


@pytest.mark.parametrize("facts", [{"patient_age": False}, {"patient_age": "90"},
                                   {"patient_age": 90, "remote": "ja"},
                                   {"patient_age": 90, "lakarmedverkan": 1}])
def test_visit_facts_are_the_json_types_the_openapi_document_names(api, facts):
    response = api.post("/api/v1/visit", json=facts)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] in facts
