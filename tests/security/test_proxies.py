"""X-Forwarded-For is believed only from configured proxies (issue 13, finding 1). The app
applies RUTIN_TRUSTED_PROXIES itself (server/peer.py), so uvicorn's own proxy handling is off.
The behaviour of a real server is in test_served_sweep.py."""

from __future__ import annotations

from fastapi import Request
from fastapi.testclient import TestClient

from rutin.cli import uvicorn_options
from rutin.config import Settings
from server.app import create_app


def test_uvicorn_never_believes_forwarded_headers_itself():
    options = uvicorn_options(Settings(trusted_proxies=["10.0.0.5"]))
    assert options["proxy_headers"] is False
    assert options["forwarded_allow_ips"] is None


def _client_seen(tmp_path, trusted: list[str], connecting: str) -> tuple[str, str]:
    settings = Settings(data_dir=tmp_path / "data", embedding_model="none",
                        trusted_proxies=trusted, ingest_on_start=False)
    app = create_app(settings, load_in_background=False)

    @app.get("/_client")
    def _client(request: Request) -> dict:
        from server.peer import peer_address

        return {"client": request.client.host, "peer": peer_address(request.scope)}

    with TestClient(app, client=(connecting, 4321)) as client:
        body = client.get("/_client", headers={"x-forwarded-for": "203.0.113.7"}).json()
    return body["client"], body["peer"]


def test_no_proxy_is_trusted_by_default(tmp_path):
    assert _client_seen(tmp_path, [], "10.0.0.5") == ("10.0.0.5", "10.0.0.5")


def test_configured_proxies_are_the_only_ones_trusted(tmp_path):
    assert _client_seen(tmp_path, ["10.0.0.5", "192.168.1.0/24"], "10.0.0.5") == (
        "203.0.113.7", "10.0.0.5")
    assert _client_seen(tmp_path, ["10.0.0.5"], "10.0.0.6") == ("10.0.0.6", "10.0.0.6")
