"""Issue 13, finding 5: one typo in catalog.toml at restart was a full outage (503 "laddas
fortfarande" forever while the intact index was not served).

With an earlier index the server keeps serving it and says on /readyz and /documents that it is
degraded and why (the file and the line); without one the load fails visibly (never "still
loading"), and ``rutin serve`` / ``rutin ingest`` exit non-zero with one line naming the file and
the line."""

from __future__ import annotations

import json
import logging
import socket
import subprocess
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

from .conftest import RUTIN, rutin_env

# (what is replaced, by what, the line of the catalog it is on, a word of the reason)
TYPOS = [
    pytest.param("valid_from = 2025-03-31", "valid_from = 2025-13-31", 13, "TOML", id="bad-date"),
    pytest.param('kind = "decision"', 'kind = "beslut"', 36, "kind", id="unknown-kind"),
    pytest.param('supersedes = "rh-hemsjukvardsbesok-vas"', 'supersedes = "rh-vas"', 14,
                 "supersedes", id="dangling-reference"),
]


def _break(documents, old: str, new: str) -> None:
    catalog = documents / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    assert old in text
    catalog.write_text(text.replace(old, new, 1), encoding="utf-8")


def _settings(tmp_path, documents) -> Settings:
    return Settings(data_dir=tmp_path / "data", documents_dir=documents, embedding_model="none")


@pytest.mark.parametrize(("old", "new", "line", "word"), TYPOS)
def test_a_broken_catalog_at_restart_serves_the_last_good_index_and_says_why(
        tmp_path, seed_copy, caplog, old, new, line, word):
    settings = _settings(tmp_path, seed_copy)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        before = client.get("/readyz").json()
        hits_before = client.get("/api/v1/search", params={"q": "patientavgift 85 år"}).json()
    assert before["status"] == "ready" and before["degraded"] is None
    _break(seed_copy, old, new)
    caplog.set_level(logging.WARNING)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        ready = client.get("/readyz")
        search = client.get("/api/v1/search", params={"q": "patientavgift 85 år"})
        chat = client.post("/api/v1/chat", json={"message": "Vad betalar en patient som "
                                                            "fyllt 85 år?"})
        listing = client.get("/documents")
        page = client.get(f"/documents/{hits_before['results'][0]['document_id']}")
    assert ready.status_code == 200, ready.text
    body = ready.json()
    assert body["status"] == "ready" and body["documents"] == before["documents"] == 5
    assert body["degraded"]["file"] == str(seed_copy / "catalog.toml")
    assert body["degraded"]["line"] == line
    assert f"rad {line}" in body["degraded"]["reason"] and word in body["degraded"]["reason"]
    assert search.status_code == 200 and search.json()["results"] == hits_before["results"]
    assert chat.status_code == 200 and chat.json()["kind"] != "no_answer"
    assert page.status_code == 200
    assert listing.status_code == 200
    assert "Katalogen kunde inte läsas" in listing.text and f"rad {line}" in listing.text
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert [m for m in warnings if "catalog.toml" in m and f"rad {line}" in m], warnings
    # Fixed and restarted: no longer degraded.
    _break(seed_copy, new, old)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        assert client.get("/readyz").json()["degraded"] is None


def test_an_instance_that_does_not_ingest_also_says_the_catalog_is_broken(tmp_path, seed_copy):
    # The workers of 'rutin serve' with RUTIN_WORKERS > 1 open the index without ingesting
    # (the parent did); each of them answers /readyz, so each says it.
    settings = _settings(tmp_path, seed_copy)
    with TestClient(create_app(settings, load_in_background=False)):
        pass
    _break(seed_copy, 'kind = "decision"', 'kind = "beslut"')
    opened = settings.model_copy(update={"ingest_on_start": False})
    with TestClient(create_app(opened, load_in_background=False)) as client:
        ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["documents"] == 5
    assert ready.json()["degraded"]["line"] == 36


def test_admin_reingest_of_a_broken_catalog_keeps_the_index_and_says_why(tmp_path, seed_copy):
    settings = _settings(tmp_path, seed_copy).model_copy(update={"admin_token": "t" * 32})
    auth = {"Authorization": "Bearer " + "t" * 32}
    with TestClient(create_app(settings, load_in_background=False)) as client:
        _break(seed_copy, "valid_from = 2025-03-31", "valid_from = 2025-13-31")
        refused = client.post("/admin/reingest", headers=auth)
        degraded = client.get("/readyz").json()
        search = client.get("/api/v1/search", params={"q": "Cosmic"})
        _break(seed_copy, "valid_from = 2025-13-31", "valid_from = 2025-03-31")
        done = client.post("/admin/reingest", headers=auth)
        healed = client.get("/readyz").json()
    assert refused.status_code == 422
    assert "catalog.toml, rad 13" in refused.text
    assert degraded["status"] == "ready" and degraded["documents"] == 5
    assert degraded["degraded"]["line"] == 13
    assert search.status_code == 200 and search.json()["results"]
    assert done.status_code == 200 and done.json()["degraded"] is None
    assert healed["degraded"] is None


def test_a_broken_catalog_without_an_index_fails_visibly_not_loading_forever(
        tmp_path, seed_copy, caplog):
    _break(seed_copy, "valid_from = 2025-03-31", "valid_from = 2025-13-31")
    caplog.set_level(logging.INFO)
    with TestClient(create_app(_settings(tmp_path, seed_copy), load_in_background=False)) as c:
        ready = c.get("/readyz")
        search = c.get("/api/v1/search", params={"q": "Cosmic"})
        chat = c.post("/api/v1/chat", json={"message": "Hur registreras besöket i Cosmic?"})
        start = c.get("/")
        listing = c.get("/documents")
    assert ready.status_code == 503
    assert ready.json()["status"] == "error"
    assert "catalog.toml, rad 13" in ready.json()["error"]
    for response in (search, chat, listing):
        assert response.status_code == 503
        assert "laddas fortfarande" not in response.text
        assert "rad 13" in response.text
    assert "rad 13" in start.text and "Kunskapsbasen laddas" not in start.text
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert "catalog.toml, rad 13" in errors[0].getMessage() and errors[0].exc_info is None


def _one_line(done: subprocess.CompletedProcess, *words: str) -> str:
    assert done.returncode != 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_rutin_serve_with_a_broken_catalog_and_no_index_is_one_line_naming_file_and_line(
        tmp_path, seed_copy):
    _break(seed_copy, 'kind = "decision"', 'kind = "beslut"')
    done = subprocess.run([RUTIN, "serve", "--port", "1"], capture_output=True, text=True,
                          env=rutin_env(tmp_path / "data", seed_copy), timeout=300)
    _one_line(done, str(seed_copy / "catalog.toml"), "rad 36", "kind")


def test_rutin_ingest_with_a_broken_catalog_is_one_line_and_keeps_the_index(tmp_path,
                                                                            seed_copy):
    env = rutin_env(tmp_path / "data", seed_copy, RUTIN_EMBEDDING_MODEL="none")
    _break(seed_copy, "valid_from = 2025-03-31", "valid_from = 2025-13-31")
    first = subprocess.run([RUTIN, "ingest"], capture_output=True, text=True, env=env,
                           timeout=300)
    _one_line(first, "catalog.toml", "rad 13, kolumn 18", "inget tidigare inläst index")
    _break(seed_copy, "valid_from = 2025-13-31", "valid_from = 2025-03-31")
    good = subprocess.run([RUTIN, "ingest"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert good.returncode == 0, good.stderr
    manifest = tmp_path / "data" / "kb" / "manifest.json"
    kept = manifest.read_bytes()
    _break(seed_copy, 'supersedes = "rh-hemsjukvardsbesok-vas"', 'supersedes = "rh-vas"')
    second = subprocess.run([RUTIN, "ingest"], capture_output=True, text=True, env=env,
                            timeout=300)
    _one_line(second, "catalog.toml", "rad 14", "supersedes")
    assert manifest.read_bytes() == kept
    assert len(json.loads(kept)["documents"]) == 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_rutin_serve_restarted_on_a_broken_catalog_serves_the_last_good_index(tmp_path,
                                                                              seed_copy):
    env = rutin_env(tmp_path / "data", seed_copy, RUTIN_EMBEDDING_MODEL="none")
    assert subprocess.run([RUTIN, "ingest"], capture_output=True, env=env,
                          timeout=300).returncode == 0
    _break(seed_copy, "valid_from = 2025-03-31", "valid_from = 2025-13-31")
    port = _free_port()
    proc = subprocess.Popen([RUTIN, "serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        ready = None
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.communicate()[0]
            try:
                ready = httpx.get(f"{base}/readyz", timeout=5)
            except httpx.TransportError:
                ready = None
            if ready is not None and ready.json()["status"] != "loading":
                break
            time.sleep(0.2)
        assert ready is not None and ready.status_code == 200, ready and ready.text
        assert ready.json()["degraded"]["line"] == 13
        search = httpx.get(f"{base}/api/v1/search", params={"q": "Cosmic"}, timeout=30)
        assert search.status_code == 200 and search.json()["results"]
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert [line for line in output.splitlines()
            if "WARNING" in line and "catalog.toml, rad 13" in line], output
