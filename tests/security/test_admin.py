"""Administrative re-ingest: off without a token setting, bearer token required when on."""

from __future__ import annotations


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
        response = client.post("/admin/reingest",
                               headers={"Authorization": "Bearer s3cret-token-for-tests"})
    assert response.status_code == 200
    body = response.json()
    assert body["documents"] == before["documents"] and body["chunks"] == before["chunks"]
    assert body["added"] == [] and sorted(body["unchanged"]) == sorted(
        d for d in body["unchanged"])
    assert len(body["unchanged"]) == before["documents"]


def test_admin_is_not_in_the_openapi_document(make_client):
    with make_client(admin_token="t0ken-t0ken") as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert not any(p.startswith("/admin") for p in paths)
