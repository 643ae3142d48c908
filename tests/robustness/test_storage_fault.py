"""Issue 13, finding 6: with the data directory read-only /readyz said ready while every chat and
the start page's form returned 500, and each failure logged its traceback twice.

Storage that cannot be written or is gone: /readyz says so (503, ``storage``), requests that
write get a clear Swedish 503 (JSON for the API, the error page for pages), and the log has one
line per failure. The faults are made so that they stop root too (CI runs as root, for whom a
chmod stops nothing): the database file (rutin/db's SQLite file in the data directory) replaced
by a directory, the data directory removed."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rutin.config import Settings
from server.app import create_app

from .conftest import RUTIN, SEED_DOCUMENTS, rutin_env

QUESTION = "Vad betalar en patient som fyllt 85 år?"


def _database_becomes_a_directory(data: Path) -> None:
    (data / "rutin.sqlite3").rename(data.parent / "rutin.sqlite3.aside")
    (data / "rutin.sqlite3").mkdir()


def _database_comes_back(data: Path) -> None:
    (data / "rutin.sqlite3").rmdir()
    (data.parent / "rutin.sqlite3.aside").rename(data / "rutin.sqlite3")


def _data_dir_removed(data: Path) -> None:
    shutil.rmtree(data)


FAULTS = [pytest.param(_database_becomes_a_directory, "rutin.sqlite3",
                       id="database-a-directory"),
          pytest.param(_data_dir_removed, "finns inte", id="data-dir-removed")]


def _form_token(client: TestClient) -> str:
    page = client.get("/")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


@pytest.mark.parametrize(("fault", "said"), FAULTS)
def test_storage_that_cannot_be_written_is_a_clear_503_and_readyz_says_so(
        tmp_path, caplog, fault, said):
    data = tmp_path / "data"
    settings = Settings(data_dir=data, documents_dir=SEED_DOCUMENTS, embedding_model="none")
    with TestClient(create_app(settings, load_in_background=False)) as client:
        assert client.get("/readyz").json()["storage"] == {"writable": True, "error": None,
                                                           "database": "sqlite"}
        token = _form_token(client)
        fault(data)
        caplog.clear()
        caplog.set_level(logging.INFO)
        ready = client.get("/readyz")
        chat = client.post("/api/v1/chat", json={"message": QUESTION})
        form = client.post("/", data={"message": QUESTION, "csrf_token": token})
        search = client.get("/api/v1/search", params={"q": QUESTION})
    assert ready.status_code == 503
    assert ready.json()["status"] == "error" and ready.json()["storage"]["writable"] is False
    assert said in ready.json()["storage"]["error"]
    assert chat.status_code == 503, chat.text
    assert chat.headers["content-type"].startswith("application/json")
    assert "datakatalogen går inte att skriva" in chat.json()["error"]
    assert chat.headers["retry-after"]
    assert form.status_code == 503
    assert form.headers["content-type"].startswith("text/html")
    assert "datakatalogen går inte att skriva" in form.text
    assert search.status_code == 200  # what needs no writing is still served
    failures = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(failures) == 2, [r.getMessage() for r in failures]  # one per failed request
    for record in failures:
        assert record.exc_info is None and "storage failure" in record.getMessage()
        assert "\n" not in record.getMessage()


def test_storage_that_comes_back_is_ready_again(tmp_path):
    data = tmp_path / "data"
    settings = Settings(data_dir=data, documents_dir=SEED_DOCUMENTS, embedding_model="none")
    with TestClient(create_app(settings, load_in_background=False)) as client:
        first = client.post("/api/v1/chat", json={"message": QUESTION}).json()
        _database_becomes_a_directory(data)
        assert client.post("/api/v1/chat", json={"message": QUESTION}).status_code == 503
        _database_comes_back(data)
        assert client.get("/readyz").status_code == 200
        assert client.post("/api/v1/chat", json={"message": QUESTION}).status_code == 200
        # what was stored before the fault is still there
        follow_up = client.post("/api/v1/chat", json={
            "message": "Patienten är 90 år.", "conversation_id": first["conversation_id"]})
        assert follow_up.json()["conversation_id"] == first["conversation_id"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a read-only mode; the "
                    "faults above stop root too")
def test_a_read_only_data_directory_is_a_clear_503_for_other_users(tmp_path):
    data = tmp_path / "data"
    settings = Settings(data_dir=data, documents_dir=SEED_DOCUMENTS, embedding_model="none")
    with TestClient(create_app(settings, load_in_background=False)) as client:
        (data / "rutin.sqlite3").chmod(0o400)
        data.chmod(0o500)
        try:
            ready = client.get("/readyz")
            chat = client.post("/api/v1/chat", json={"message": QUESTION})
        finally:
            data.chmod(0o700)
            (data / "rutin.sqlite3").chmod(0o600)
    assert ready.status_code == 503 and ready.json()["storage"]["writable"] is False
    assert chat.status_code == 503


def test_root_is_not_stopped_by_a_read_only_mode(tmp_path):
    # Why the tests above replace or remove directories instead of chmod: as root (CI) a
    # directory without write permission is still written to. Checked, not assumed.
    directory = tmp_path / "ro"
    directory.mkdir()
    directory.chmod(0o500)
    try:
        (directory / "x").write_text("x")
        written = True
    except PermissionError:
        written = False
    finally:
        directory.chmod(0o700)
    assert written == (os.geteuid() == 0)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(base: str, proc: subprocess.Popen, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[0]
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(base)


def test_rutin_serve_logs_one_line_per_storage_failure(tmp_path):
    data = tmp_path / "data"
    port = _free_port()
    proc = subprocess.Popen([RUTIN, "serve", "--port", str(port)],
                            env=rutin_env(data, RUTIN_EMBEDDING_MODEL="none"),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc)
        _database_becomes_a_directory(data)
        answers = [httpx.post(f"{base}/api/v1/chat", json={"message": QUESTION}, timeout=60)
                   for _ in range(3)]
        ready = httpx.get(f"{base}/readyz", timeout=30)
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert [a.status_code for a in answers] == [503] * 3
    assert ready.status_code == 503 and ready.json()["storage"]["writable"] is False
    assert "Traceback" not in output and "Exception in ASGI application" not in output
    assert output.count("storage failure on POST /api/v1/chat") == 3, output


# An app whose one route fails unexpectedly, served by uvicorn: the 500 handler logs the
# traceback; Starlette re-raises so that servers can log, and uvicorn did, a second time.
FAILING_APP = """
from rutin.config import Settings
from server.app import create_app

def app():
    application = create_app(Settings(embedding_model="none", ingest_on_start=False))

    @application.get("/api/v1/boom")
    def boom():
        raise RuntimeError("boom for the test")

    return application
"""


def test_an_unexpected_error_writes_its_traceback_once_under_uvicorn(tmp_path):
    (tmp_path / "failing_app.py").write_text(FAILING_APP)
    port = _free_port()
    env = rutin_env(tmp_path / "data", tmp_path / "no-documents")
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")])
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "failing_app:app",
                             "--port", str(port)], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc)
        failed = httpx.get(f"{base}/api/v1/boom", timeout=30)
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert failed.status_code == 500 and failed.json()["error"] == "Ett internt fel uppstod."
    assert output.count("RuntimeError: boom for the test") == 1, output
    assert output.count("Traceback") == 1, output
