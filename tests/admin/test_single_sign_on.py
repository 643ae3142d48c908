"""Single sign-on through a reverse proxy's identity header (issue 12, item 1)."""

from __future__ import annotations

import logging
from contextlib import contextmanager

from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

from .conftest import csrf, publish, ROUTINE

HEADER = "X-Forwarded-User"


@contextmanager
def _client(tmp_path, documents, connecting: str, **overrides):
    values = {"data_dir": tmp_path / "data", "documents_dir": documents,
              "embedding_model": "none", "admin_sso_header": HEADER,
              "admin_sso_proxies": ["10.0.0.5"], **overrides}
    app = create_app(Settings(**values), load_in_background=False)
    with TestClient(app, client=(connecting, 5555), follow_redirects=False) as client:
        yield client


def test_the_identity_header_from_the_trusted_proxy_signs_the_user_in(tmp_path, documents):
    with _client(tmp_path, documents, "10.0.0.5") as client:
        client.headers[HEADER] = "anna.andersson@region.example"
        page = client.get("/admin")
        again = client.get("/admin/logg")
        done = publish(client, "nyckel.md", ROUTINE.encode(), id="nyckelhantering")
        entries = client.app.state.rutin.audit.entries()
    assert page.status_code == 200
    assert "Inloggad: <strong>anna.andersson@region.example</strong>" in page.text
    assert again.status_code == 200
    assert done.status_code == 303
    sign_ins = [e for e in entries if e["action"] == "sign_in"]
    assert len(sign_ins) == 1 and sign_ins[0]["who"] == "anna.andersson@region.example"
    assert entries[0]["action"] == "publish"
    assert entries[0]["who"] == "anna.andersson@region.example"


def test_the_identity_header_from_an_untrusted_address_is_ignored_and_logged(
        tmp_path, documents, caplog):
    with caplog.at_level(logging.WARNING, logger="rutin.admin"):
        with _client(tmp_path, documents, "10.0.0.9") as client:
            client.headers[HEADER] = "mallory"
            page = client.get("/admin")
            post = client.post("/admin/logga-ut", data={"csrf_token": csrf(client, "/")})
    assert page.status_code == 303 and page.headers["location"] == "/admin/logga-in"
    assert post.status_code == 303
    assert any("not a trusted proxy" in r.getMessage() and "10.0.0.9" in r.getMessage()
               for r in caplog.records)
    assert not any("mallory" in r.getMessage() for r in caplog.records)


def test_single_sign_on_is_judged_by_the_connecting_address_not_x_forwarded_for(
        tmp_path, documents):
    # The app trusts 10.0.0.5's X-Forwarded-For (the client becomes 203.0.113.7); the SSO
    # header is still believed, since the connection came from the proxy ...
    with _client(tmp_path, documents, "10.0.0.5", trusted_proxies=["10.0.0.5"],
                 admin_sso_proxies=[]) as client:
        ok = client.get("/admin", headers={HEADER: "anna", "x-forwarded-for": "203.0.113.7"})
    # ... and a forged X-Forwarded-For naming the proxy does not make another address one.
    with _client(tmp_path, documents, "10.0.0.9", trusted_proxies=["10.0.0.5"],
                 admin_sso_proxies=[]) as client:
        forged = client.get("/admin", headers={HEADER: "anna", "x-forwarded-for": "10.0.0.5"})
    assert ok.status_code == 200 and forged.status_code == 303


def test_with_single_sign_on_only_there_is_no_token_form(tmp_path, documents):
    with _client(tmp_path, documents, "10.0.0.9") as client:
        page = client.get("/admin/logga-in")
        post = client.post("/admin/logga-in", data={"token": "x", "csrf_token": csrf(client, "/")})
    assert "intranätets inloggning" in page.text and 'name="token"' not in page.text
    assert post.status_code == 403
