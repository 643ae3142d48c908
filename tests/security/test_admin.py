"""Administrative re-ingest: off without a token setting, bearer token required when on."""

from __future__ import annotations

import shutil

from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app


def test_admin_is_off_without_a_token_setting(make_client):
    with make_client() as client:
        response = client.post("/admin/reingest", headers={"Authorization": "Bearer x"})
    assert response.status_code == 404


def test_admin_refuses_a_missing_or_wrong_token(make_client):
    with make_client(admin_token="s3cret-token-for-tests") as client:
        missing = client.post("/admin/reingest")
        wrong = client.post("/admin/reingest", headers={"Authorization": "Bearer wrong"})
        basic = client.post("/admin/reingest", headers={"Authorization": "Basic czNjcmV0"})
    assert [missing.status_code, wrong.status_code, basic.status_code] == [401, 401, 401]
    assert missing.headers["www-authenticate"] == "Bearer"


def test_admin_reingest_with_the_token_reports_what_it_did(make_client):
    with make_client(admin_token="s3cret-token-for-tests") as client:
        before = client.get("/readyz").json()
        ids = sorted(d.id for d in client.app.state.rutin.kb.documents())
        response = client.post("/admin/reingest",
                               headers={"Authorization": "Bearer s3cret-token-for-tests"})
    assert response.status_code == 200
    body = response.json()
    assert body["documents"] == before["documents"] and body["chunks"] == before["chunks"]
    # Nothing changed on disk: every document the knowledge base holds is reported unchanged.
    assert body["added"] == body["updated"] == body["removed"] == []
    assert len(ids) == before["documents"] > 0
    assert sorted(body["unchanged"]) == ids


def test_admin_refusals_are_json_in_the_apis_error_shape(make_client):
    with make_client(admin_token="s3cret-token-for-tests") as client:
        missing = client.post("/admin/reingest")
        wrong = client.post("/admin/reingest", headers={"Authorization": "Bearer wrong"})
    for response in (missing, wrong):
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/json")
        body = response.json()
        assert body["detail"][0]["field"] == "authorization"
        assert body["error"] == body["detail"][0]["message"] and "token" in body["error"]


def test_an_admin_reingest_that_fails_answers_json_not_an_html_page(tmp_path, documents_dir):
    documents = tmp_path / "documents"
    shutil.copytree(documents_dir, documents)
    settings = Settings(data_dir=tmp_path / "data", documents_dir=documents,
                        embedding_model="none", admin_token="s3cret-token-for-tests")
    app = create_app(settings, load_in_background=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        shutil.rmtree(documents)  # the directory to ingest is gone
        response = client.post("/admin/reingest",
                               headers={"Authorization": "Bearer s3cret-token-for-tests"})
    assert response.status_code >= 500
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == body["detail"][0]["message"]
    assert "<html" not in response.text


def test_admin_is_not_in_the_openapi_document(make_client):
    with make_client(admin_token="t0ken-t0ken") as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith("/admin") for p in paths)
