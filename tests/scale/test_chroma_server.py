"""Issue "Scale out": chroma as a server (``chroma run``, from the chromadb package) on 127.0.0.1,
and several rutin processes on it (RUTIN_VECTOR_STORE=http): ingest through one, search through
both, same answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rutin.config import PROJECT_ROOT, Settings
from server.app import create_app

CHROMA = str(Path(sys.executable).parent / "chroma")
RUTIN = str(Path(sys.executable).parent / "rutin")
QUESTIONS = ["Vad betalar en patient som fyllt 85 år?", "Hur registreras ett riktat "
             "hemsjukvårdsbesök i Cosmic?", "brytpunktssamtal ersättning",
             "Läkarmedverkan efter utskrivning från slutenvård"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, timeout: float = 300) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"{proc.args[0]} exited with {proc.returncode}"
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == 200:
                return response
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def chroma_server(tmp_path):
    """``chroma run`` on 127.0.0.1 and a free port, telemetry off; its port."""
    port = _free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([CHROMA, "run", "--path", str(tmp_path / "chroma-server"),
                             "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, timeout=120)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_two_rutin_processes_on_one_chroma_server_give_the_same_answers(tmp_path, chroma_server):
    shared = tmp_path / "shared-data"  # the conversations (SQLite), on a shared volume
    common = {"RUTIN_VECTOR_STORE": "http", "RUTIN_CHROMA_HOST": "127.0.0.1",
              "RUTIN_CHROMA_PORT": str(chroma_server), "RUTIN_EMBEDDING_MODEL": "minilm",
              "RUTIN_DATA_DIR": str(shared), "RUTIN_DOCUMENTS_DIR": str(PROJECT_ROOT / "documents"),
              "RUTIN_SECRET_KEY": "shared-secret-of-the-test-cluster",
              "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    # Instance one ingests (in this process) ...
    settings = Settings(vector_store="http", chroma_host="127.0.0.1", chroma_port=chroma_server,
                        embedding_model="minilm", data_dir=shared,
                        secret_key="shared-secret-of-the-test-cluster")
    with TestClient(create_app(settings, load_in_background=False)) as one:
        ready_one = one.get("/readyz").json()
        assert ready_one["status"] == "ready" and ready_one["chunks"] > 0
        # ... instance two is another process on the same chroma server, without ingesting.
        port = _free_port()
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}, **common,
               "RUTIN_INGEST_ON_START": "false"}
        two = subprocess.Popen([RUTIN, "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            base = f"http://127.0.0.1:{port}"
            ready_two = _wait(f"{base}/readyz", two).json()
            assert ready_two["chunks"] == ready_one["chunks"]
            for question in QUESTIONS:
                a = one.get("/api/v1/search", params={"q": question, "k": 5}).json()["results"]
                b = httpx.get(f"{base}/api/v1/search", params={"q": question, "k": 5},
                              timeout=60).json()["results"]
                assert [r["anchor"] for r in a] == [r["anchor"] for r in b], question
                assert a, question
            # A conversation begun on one instance continues on the other (the SQLite database
            # in the shared data dir; tests/scale/test_cluster.py does it with PostgreSQL):
            # the facts told instance one are known to instance two, which asked nothing.
            first = one.post("/api/v1/chat", json={"message": "Hembesök hos en patient på säbo "
                                                   "den 2025-05-10 efter utskrivning, ger det "
                                                   "ersättning?"})
            told = {"visit_date": "2025-05-10", "occasion": "utskrivning", "setting": "sabo"}
            assert first.status_code == 200
            assert told.items() <= first.json()["facts"].items(), first.json()
            assert "patient_age" not in first.json()["facts"]
            follow = httpx.post(f"{base}/api/v1/chat", timeout=60, json={
                "message": "Patienten är 90 år.",
                "conversation_id": first.json()["conversation_id"]})
            assert follow.status_code == 200
            assert follow.json()["conversation_id"] == first.json()["conversation_id"]
            carried = follow.json()["facts"]
            assert {**told, "patient_age": 90}.items() <= carried.items(), follow.json()
            assert follow.json()["kind"] == "rule" and follow.json()["decision"], follow.json()
        finally:
            two.terminate()
            two.wait(timeout=30)
        # Both instances share one vector store: the server holds each chunk once.
        import chromadb

        client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server)
        assert client.get_collection(settings.collection).count() == ready_one["chunks"]
        # An instance started on an empty data directory without ingesting serves the shared
        # index at once (its manifest is in the chroma server) and deletes nothing.
        lonely = settings.model_copy(update={"data_dir": tmp_path / "empty-data",
                                             "ingest_on_start": False})
        with TestClient(create_app(lonely, load_in_background=False)) as three:
            ready_three = three.get("/readyz").json()
            assert ready_three["status"] == "ready", ready_three
            assert ready_three["chunks"] == ready_one["chunks"]
            assert ready_three["generation"] == ready_one["generation"]
        assert client.get_collection(settings.collection).count() == ready_one["chunks"]


@pytest.mark.slow
def test_rutin_serve_with_two_workers_on_a_chroma_server_answers_from_both(tmp_path,
                                                                          chroma_server):
    port = _free_port()
    env = {**os.environ, "RUTIN_VECTOR_STORE": "http", "RUTIN_CHROMA_HOST": "127.0.0.1",
           "RUTIN_CHROMA_PORT": str(chroma_server), "RUTIN_EMBEDDING_MODEL": "minilm",
           "RUTIN_WORKERS": "2", "RUTIN_DATA_DIR": str(tmp_path / "data"),
           "RUTIN_DOCUMENTS_DIR": str(PROJECT_ROOT / "documents"), "RUTIN_PORT": str(port),
           "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    proc = subprocess.Popen([RUTIN, "serve"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        ready = _wait(f"{base}/readyz", proc).json()
        assert ready["documents"] == 5
        # Each worker answers /readyz with its process id. New connections, several at once
        # so that a busy worker leaves the next to its sibling, until both have answered;
        # every answer of every worker is ready (a worker takes no connection before it is).
        workers: dict[int, dict] = {}
        statuses, refusals = [], []
        deadline = time.monotonic() + 300
        with ThreadPoolExecutor(8) as pool:
            while len(workers) < 2 and time.monotonic() < deadline:
                assert proc.poll() is None, "rutin serve exited"
                for r in pool.map(lambda _: httpx.get(f"{base}/readyz", timeout=60), range(8)):
                    statuses.append(r.status_code)
                    if r.status_code != 200:
                        refusals.append(r.json())
                    workers.setdefault(r.json()["worker"], r.json())
        assert len(workers) == 2, f"only worker(s) {sorted(workers)} answered"
        assert set(statuses) == {200}, (statuses, refusals[:3])
        assert all(w["status"] == "ready" and w["documents"] == 5 for w in workers.values())
        # Both give the same ranking: search until each worker has answered the question.
        answers: dict[int, tuple] = {}
        deadline = time.monotonic() + 300
        with ThreadPoolExecutor(8) as pool:
            while set(answers) != set(workers) and time.monotonic() < deadline:
                def ask(_):
                    # A new connection each; the worker on it says who it is before and after.
                    with httpx.Client(timeout=60) as client:
                        pid = client.get(f"{base}/readyz").json()["worker"]
                        r = client.get(f"{base}/api/v1/search",
                                       params={"q": QUESTIONS[0], "k": 3})
                        same = client.get(f"{base}/readyz").json()["worker"] == pid
                    assert r.status_code == 200, r.text
                    return pid if same else None, tuple(h["anchor"] for h in r.json()["results"])
                for pid, anchors in pool.map(ask, range(8)):
                    if pid is not None:
                        answers.setdefault(pid, anchors)
        assert set(answers) == set(workers), f"searched on {sorted(answers)} only"
        assert len(set(answers.values())) == 1 and all(answers.values()), answers
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert output.count("Started server process") == 2, output
    assert output.count("ingest:") <= 1, "only the parent ingests"
