"""GET /api/v1/search through the real app (lifespan, real model, chroma in tmp_path)."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

COSMIC = "rh-hemsjukvardsbesok-cosmic"
VAS = "rh-hemsjukvardsbesok-vas"


@pytest.fixture(scope="module")
def client(tmp_path_factory, documents_dir):
    settings = Settings(data_dir=tmp_path_factory.mktemp("search-api"),
                        documents_dir=documents_dir)
    with TestClient(create_app(settings, load_in_background=False)) as c:
        assert c.get("/readyz").status_code == 200
        yield c


def test_search_answers_with_the_spec_result_objects(client):
    r = client.get("/api/v1/search", params={"q": "Får det riktade läkarbesöket ske via video?"})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "Får det riktade läkarbesöket ske via video?"
    assert 1 <= len(body["results"]) <= 5
    first = body["results"][0]
    assert set(first) == {"document_id", "title", "organization", "section", "anchor", "text",
                          "score", "url"}
    assert first["url"] == f"/documents/{first['document_id']}#{first['anchor']}"
    assert any("kan aldrig ske på distans" in hit["text"] for hit in body["results"])


def test_k_sets_the_number_of_results(client):
    r = client.get("/api/v1/search", params={"q": "hemsjukvård", "k": 12})
    assert r.status_code == 200 and len(r.json()["results"]) == 12


def test_valid_on_keeps_only_the_routine_in_force(client):
    before = client.get("/api/v1/search", params={"q": "Hur registreras besöket i journalen?",
                                                  "valid_on": "2024-05-01", "k": 50}).json()
    after = client.get("/api/v1/search", params={"q": "Hur registreras besöket i journalen?",
                                                 "valid_on": "2025-04-01", "k": 50}).json()
    ids_before = {h["document_id"] for h in before["results"]}
    ids_after = {h["document_id"] for h in after["results"]}
    assert VAS in ids_before and COSMIC not in ids_before
    assert COSMIC in ids_after and VAS not in ids_after


def test_document_and_organization_filters(client):
    r = client.get("/api/v1/search", params={"q": "avgift", "document_id": VAS, "k": 50})
    assert {h["document_id"] for h in r.json()["results"]} == {VAS}
    org = "Kommun i Västra Götaland (Sektor Välfärd)"
    r = client.get("/api/v1/search", params={"q": "avgift", "organization": org})
    assert r.status_code == 200
    assert {h["organization"] for h in r.json()["results"]} == {org}


@pytest.mark.parametrize("params", [
    {"q": ""}, {"q": "   "}, {}, {"q": "x" * 20_000}, {"q": "avgift", "k": 0},
    {"q": "avgift", "k": 51}, {"q": "avgift", "k": "fem"}, {"q": "avgift", "valid_on": "igår"},
    {"q": "avgift", "valid_on": "2025-02-30"},
])
def test_bad_input_is_422_with_a_swedish_message(client, params):
    r = client.get("/api/v1/search", params=params)
    assert r.status_code == 422
    assert r.json()["detail"][0]["message"]


def test_unknown_document_id_is_422_naming_the_known_ones(client):
    r = client.get("/api/v1/search", params={"q": "avgift", "document_id": "rh-finns-inte"})
    assert r.status_code == 422
    assert r.json()["detail"][0]["field"] == "document_id"
    assert COSMIC in r.json()["error"]


def test_unknown_organization_is_422_naming_the_known_ones(client):
    r = client.get("/api/v1/search", params={"q": "avgift", "organization": "Region Skåne"})
    assert r.status_code == 422
    assert "Region Halland" in r.json()["error"]


def test_a_personnummer_in_the_query_is_neither_searched_nor_echoed(client):
    r = client.get("/api/v1/search", params={"q": "avgift för 19400101-1234"})
    assert r.status_code == 200
    assert "19400101-1234" not in r.text and "1234" not in r.json()["query"]


def test_unrelated_questions_still_answer_200(client):
    for q in ("vad blir det för väder i morgon?", "%%%", "SELECT * FROM chunks;", "ö" * 3999):
        assert client.get("/api/v1/search", params={"q": q}).status_code == 200


def test_search_is_503_in_swedish_until_the_knowledge_base_is_loaded(tmp_path, documents_dir):
    # An empty model directory passes the settings check but cannot load: the app serves,
    # /readyz and search say "not ready" rather than failing.
    model_dir = tmp_path / "broken-model"
    model_dir.mkdir()
    settings = Settings(data_dir=tmp_path / "data", documents_dir=documents_dir,
                        embedding_model=str(model_dir))
    with TestClient(create_app(settings)) as c:
        loading = c.get("/api/v1/search", params={"q": "avgift"})  # loading or failed: 503
        deadline = time.monotonic() + 300
        while (ready := c.get("/readyz")).json().get("status") != "error":
            assert time.monotonic() < deadline, f"the load never failed: {ready.json()}"
            time.sleep(0.1)
        ready = c.get("/readyz")
        assert ready.status_code == 503 and ready.json()["status"] == "error", ready.text
        r = c.get("/api/v1/search", params={"q": "avgift"})
    assert ready.status_code == 503 and ready.json()["error"]
    for response in (loading, r):
        assert response.status_code == 503
    # A load that failed is said (with its reason), never "still loading" (issue 13, 5).
    assert "kunde inte läsas in" in r.json()["error"]
    assert "laddas fortfarande" not in r.json()["error"]
