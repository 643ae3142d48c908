"""Issue 13, findings 2 and 9: no personnummer in an error field, an echoed query or caption,
or a redirect; no redirect built from the Host header; no trailing-slash redirect at all."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse

from rutin.config import Settings
from server.app import create_app
from server.redirects import safe_location

from .identifiers import leaked, make_identifiers, percent_encode

IDENT = make_identifiers(1, seed=1313)[0]
T = IDENT.twelve
SPELLINGS = [f"{T[:8]}-{T[8:]}", f"{T[:4]}-{T[4:6]}-{T[6:8]}-{T[8:]}", f"{T[:8]}\u2013{T[8:]}",
             f"{T[:8]}.{T[8:]}", f"{T[:8]}/{T[8:]}", f"{T[:8]}_{T[8:]}", f"{T[:4]} {T[4:6]} "
             f"{T[6:8]} {T[8:]}", f"{T[:8]}\ufe63{T[8:]}", f"{T[:5]}\u200b{T[5:]}",
             "".join(chr(0xFF10 + int(d)) for d in T), percent_encode(f"{T[:8]}\u2212{T[8:]}")]


def test_a_personnummer_sent_as_a_json_key_is_not_the_field_of_the_422(make_client):
    with make_client() as client:
        for spelling in SPELLINGS:
            response = client.post("/api/v1/visit", json={spelling: True})
            assert response.status_code == 422
            detail = response.json()["detail"][0]
            assert detail["field"] == "[personnummer]", detail
            assert leaked(response.text, [IDENT]) == [], response.text


def test_search_query_and_documents_caption_echo_no_spelling(make_client):
    with make_client() as client:
        for spelling in SPELLINGS:
            search = client.get("/api/v1/search", params={"q": f"avgift {spelling}"})
            assert search.status_code == 200
            assert search.json()["query"] == "avgift [personnummer]", spelling
            caption = client.get("/documents", params={"organization": spelling})
            assert caption.status_code == 200 and "[personnummer]" in caption.text
            assert leaked(caption.text, [IDENT]) == [], spelling
            page = client.get("/documents/rh-hemsjukvardsbesok-cosmic",
                              params={"highlight": spelling, "q": spelling})
            assert page.status_code == 200 and leaked(page.text, [IDENT]) == [], spelling


def test_the_chat_names_an_unknown_organization_back_without_the_number(make_client):
    with make_client() as client:
        for spelling in [f"{T[:8]}-{T[8:]}", *SPELLINGS]:
            response = client.post("/api/v1/chat", json={"message": "Vad kostar ett hembesök?",
                                                         "organization": spelling})
            assert response.status_code == 200
            assert response.json()["understood"]["unknown_organization"] == "[personnummer]"
            assert leaked(response.text, [IDENT]) == [], response.text


def test_a_trailing_slash_is_a_404_and_never_a_redirect(make_client):
    with make_client() as client:
        for path in (f"/api/v1/search/?q={T[:8]}-{T[8:]}", "/documents/", "/widget/",
                     f"/documents/?organization={T}", "/api/v1/visit/"):
            response = client.get(path, headers={"host": "evil.example"},
                                  follow_redirects=False)
            assert response.status_code == 404, path
            assert "location" not in response.headers
            assert "evil.example" not in response.text
            assert leaked(response.text, [IDENT]) == []


def test_a_redirect_is_relative_and_masked_whatever_the_host_header(tmp_path):
    # No route of the app redirects today; one that did, the Starlette way (url_for builds an
    # absolute URL from the Host header), still sends nobody to another host or echoes a number.
    app = create_app(Settings(data_dir=tmp_path / "data", embedding_model="none"),
                     load_in_background=False)

    def go(request: Request):
        target = request.url_for("documents").include_query_params(
            organization=f"{T[:8]}\u2013{T[8:]}")
        return RedirectResponse(str(target), status_code=303)

    app.add_api_route("/go", go)
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        response = client.get("/go", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/documents?organization=[personnummer]"


def test_safe_location_keeps_the_path_and_drops_any_other_site():
    assert safe_location("http://evil.example/documents?x=1#a") == "/documents?x=1#a"
    assert safe_location("//evil.example/documents") == "/documents"
    assert safe_location("https://evil.example") == "/"
    assert safe_location("/\\evil.example") == "/"
    assert safe_location("javascript:alert(1)") == "/"
    assert safe_location(f"/documents?q={T[:8]}%E2%80%93{T[8:]}") == "/documents?q=[personnummer]"
