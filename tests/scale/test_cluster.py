"""Issue 14: the deployment of deploy/ as tested. Real services on 127.0.0.1, started here and
stopped after, shared by the module: a ``chroma run`` server, a throwaway PostgreSQL cluster
(tests/services/postgres.py, as a non-root user), two ``rutin serve`` instances with SEPARATE,
initially empty data directories and the settings of deploy/env/, and Debian's nginx with
deploy/nginx/rutin.conf in front of them. The index is published once by ``rutin ingest``
(deploy/systemd/rutin-ingest.service). Every wait is on a condition with a generous deadline."""

from __future__ import annotations

import re
import shutil
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from rutin.config import PROJECT_ROOT
from tests.scale.services import (DEPLOY, free_port, need_nginx, read_env_file, start_chroma,
                                  start_nginx, start_rutin, stop, wait_for, wait_url)

pytestmark = pytest.mark.slow

ADMIN = "admin-token-of-the-test-cluster"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SAMTAL = re.compile(r"^/samtal/([A-Za-z0-9_-]+)")
VISIT = ("Hembesök hos en patient på säbo den 2025-05-10 efter utskrivning, ger det "
         "ersättning?")
TOLD = {"visit_date": "2025-05-10", "occasion": "utskrivning", "setting": "sabo"}


@dataclass
class Instance:
    """One ``rutin serve`` with deploy/env/<n>.env's settings, on a free port."""

    name: str
    settings: dict[str, str]
    log: Path
    proc: object = None
    port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = start_rutin({**self.settings, "RUTIN_PORT": str(self.port)}, self.log)
        wait_url(f"{self.url}/readyz", self.proc, timeout=600)

    def ready(self) -> dict:
        return httpx.get(f"{self.url}/readyz", timeout=30).json()


@dataclass
class Cluster:
    one: Instance
    two: Instance
    nginx: str  # the base URL through nginx
    documents: Path
    postgres: object
    ingest_settings: dict[str, str]
    logs: Path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, postgres_server):
    need_nginx()
    root = tmp_path_factory.mktemp("cluster")
    documents = root / "documents"
    shutil.copytree(PROJECT_ROOT / "documents", documents)
    chroma, chroma_port = start_chroma(root / "chroma")
    procs = [chroma]
    try:
        common = read_env_file(DEPLOY / "env" / "common.env")
        common.update({
            "RUTIN_CHROMA_PORT": str(chroma_port),
            "RUTIN_DATABASE_URL": postgres_server.create_database(),
            "RUTIN_SECRET_KEY": "shared-secret-of-the-test-cluster",
            "RUTIN_ADMIN_TOKEN": ADMIN,
            "RUTIN_DOCUMENTS_DIR": str(documents),
            # the bundled small model and a short poll: the test's, not the deployment's
            "RUTIN_EMBEDDING_MODEL": "minilm",
            "RUTIN_INDEX_POLL_SECONDS": "1",
            # every test client is 127.0.0.1 behind nginx
            "RUTIN_NEW_CONVERSATIONS_PER_MINUTE": "0",
        })
        # The publish: one 'rutin ingest', as rutin-ingest.service runs it.
        ingest = {**common, "RUTIN_DATA_DIR": str(root / "ingest-data")}
        publish = start_rutin(ingest, root / "ingest.log", "ingest")
        assert publish.wait(timeout=900) == 0, (root / "ingest.log").read_text()
        instances = []
        for n in ("1", "2"):
            settings = {**common, **read_env_file(DEPLOY / "env" / f"{n}.env"),
                        "RUTIN_DATA_DIR": str(root / f"data-{n}")}
            instances.append(Instance(n, settings, root / f"rutin-{n}.log"))
        for instance in instances:  # started together: each serves the published index
            instance.proc = start_rutin({**instance.settings, "RUTIN_PORT": str(instance.port)},
                                        instance.log)
        for instance in instances:
            wait_url(f"{instance.url}/readyz", instance.proc, timeout=600)
        proxy, proxy_port = start_nginx(root / "nginx", [i.port for i in instances])
        procs.append(proxy)
        yield Cluster(*instances, f"http://127.0.0.1:{proxy_port}", documents, postgres_server,
                      ingest, root)
    finally:
        for instance in locals().get("instances", []):
            if instance.proc is not None:
                stop(instance.proc)
        for proc in reversed(procs):
            stop(proc)
        if not postgres_server.running:
            postgres_server.start()


def _chat(base: str, message: str, conversation_id: str | None = None,
          client: httpx.Client | None = None) -> httpx.Response:
    body = {"message": message}
    if conversation_id:
        body["conversation_id"] = conversation_id
    return (client or httpx).post(f"{base}/api/v1/chat", json=body, timeout=120)


def test_both_instances_serve_the_published_index_from_empty_data_directories(cluster):
    one, two = cluster.one.ready(), cluster.two.ready()
    assert one["status"] == two["status"] == "ready"
    assert one["generation"] and one["generation"] == two["generation"]
    assert one["chunks"] == two["chunks"] > 0 and one["documents"] == two["documents"] == 5
    for instance in (cluster.one, cluster.two):  # no manifest, no conversation on local disk
        data = Path(instance.settings["RUTIN_DATA_DIR"])
        assert not list(data.rglob("manifest.json")) and not list(data.rglob("*.sqlite*"))


def test_both_instances_give_the_same_answers(cluster):
    for question in ("Vad betalar en patient som fyllt 85 år?",
                     "Hur registreras ett riktat hemsjukvårdsbesök i Cosmic?",
                     "brytpunktssamtal ersättning"):
        answers = []
        for base in (cluster.one.url, cluster.two.url):
            search = httpx.get(f"{base}/api/v1/search", params={"q": question, "k": 5},
                               timeout=120)
            chat = _chat(base, question)
            assert search.status_code == chat.status_code == 200, (search.text, chat.text)
            answers.append(([h["anchor"] for h in search.json()["results"]],
                            chat.json()["kind"], chat.json()["answer"]))
        assert answers[0] == answers[1] and answers[0][0], question


def test_a_conversation_begun_on_one_instance_continues_on_the_other(cluster):
    first = _chat(cluster.one.url, VISIT)
    assert first.status_code == 200 and TOLD.items() <= first.json()["facts"].items()
    conversation = first.json()["conversation_id"]
    follow = _chat(cluster.two.url, "Patienten är 90 år.", conversation)
    assert follow.status_code == 200, follow.text
    assert follow.json()["conversation_id"] == conversation
    assert {**TOLD, "patient_age": 90}.items() <= follow.json()["facts"].items()


def test_a_conversation_in_the_pages_continues_on_the_other_instance(cluster):
    with httpx.Client(timeout=120) as browser:  # one browser: its CSRF cookie goes along
        token = CSRF.search(browser.get(f"{cluster.one.url}/").text).group(1)
        asked = browser.post(f"{cluster.one.url}/", data={"message": VISIT, "csrf_token": token},
                             follow_redirects=False)
        assert asked.status_code == 303, asked.text
        conversation = SAMTAL.match(asked.headers["location"]).group(1)
        # The follow-up form of the conversation page, served by the other instance.
        page = browser.get(f"{cluster.two.url}/samtal/{conversation}")
        assert page.status_code == 200 and "Du frågade" in page.text
        token = CSRF.search(page.text).group(1)
        browser.post(f"{cluster.two.url}/", data={"message": "Patienten är 90 år.",
                                                  "conversation_id": conversation,
                                                  "csrf_token": token})
        shown = browser.get(f"{cluster.one.url}/samtal/{conversation}").text
    asked_lines = re.findall(r'<p class="asked">(.*?)</p>', shown, re.S)
    assert len(asked_lines) == 2 and "Patienten är 90 år." in asked_lines[1], asked_lines


def test_feedback_given_on_one_instance_is_in_the_other_instances_report(cluster):
    question = "Vilken ersättning gäller för kvällsbesök av fotterapeut på ön?"
    with httpx.Client(timeout=120) as browser:  # one browser: the CSRF cookie goes along
        token = CSRF.search(browser.get(f"{cluster.one.url}/").text).group(1)
        asked = browser.post(f"{cluster.one.url}/", data={"message": question,
                                                          "csrf_token": token},
                             follow_redirects=False)
        conversation = SAMTAL.match(asked.headers["location"]).group(1)
        page = browser.get(f"{cluster.two.url}/samtal/{conversation}")
        token = CSRF.search(page.text).group(1)
        given = browser.post(f"{cluster.one.url}/samtal/{conversation}/svar/1/omdome",
                             data={"rating": "not_helpful", "reason": "saknar fotterapeut",
                                   "csrf_token": token}, follow_redirects=False)
    assert given.status_code == 303, given.text
    admin = {"Authorization": f"Bearer {ADMIN}"}
    feedback = httpx.get(f"{cluster.two.url}/admin/feedback", headers=admin, timeout=60).json()
    assert any(f["reason"] == "saknar fotterapeut" and "fotterapeut" in f["question"]
               for f in feedback["feedback"]), feedback
    report = httpx.get(f"{cluster.two.url}/admin/report/unanswered", headers=admin,
                       timeout=60).json()
    assert "fotterapeut" in str(report["groups"]), report


def test_a_publish_on_one_instance_is_served_by_the_other_without_a_restart(cluster):
    mark = "zebrafinkpolicyn"
    before = cluster.two.ready()["generation"]
    path = cluster.documents / "rh-mobil-hemsjukvard-rapport.txt"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n\nKontroll\n\nSe {mark} vid varje hembesök.\n",
                    encoding="utf-8")
    try:
        admin = {"Authorization": f"Bearer {ADMIN}"}
        published = httpx.post(f"{cluster.one.url}/admin/reingest", headers=admin, timeout=900)
        assert published.status_code == 200, published.text
        assert published.json()["updated"] == ["rh-mobil-hemsjukvard-rapport"], published.json()
        generation = cluster.one.ready()["generation"]
        assert generation != before
        wait_for(lambda: cluster.two.ready()["generation"] == generation,
                 "instance two serves the new generation", timeout=120, procs=(cluster.two.proc,))
        hits = httpx.get(f"{cluster.two.url}/api/v1/search", params={"q": mark, "k": 3},
                         timeout=120).json()["results"]
        assert hits and mark in hits[0]["text"], hits
        assert cluster.two.proc.poll() is None  # the same process: no restart
    finally:
        path.write_text(original, encoding="utf-8")


def _load(base: str, stop_at: threading.Event, results: list, conversations: dict,
          worker: int, cut: list) -> None:
    """A conversation per round through nginx: the visit, then the age; records every status
    and, for each conversation that got its first answer, the id; a request the connection
    was cut under is recorded by its exception's name, with the time it was sent in ``cut``."""
    round_ = 0
    with httpx.Client(timeout=120) as client:
        while not stop_at.is_set():
            round_ += 1
            sent = time.monotonic()
            try:
                first = _chat(base, f"{VISIT} (arbetare {worker}, varv {round_})", client=client)
                results.append(first.status_code)
                if first.status_code != 200:
                    continue
                cid = first.json()["conversation_id"]
                conversations[cid] = None
                sent = time.monotonic()
                follow = _chat(base, "Patienten är 90 år.", cid, client=client)
                results.append(follow.status_code)
                if follow.status_code == 200:
                    conversations[cid] = follow.json()["facts"].get("patient_age")
            except httpx.TransportError as exc:
                results.append(type(exc).__name__)
                cut.append(sent)


def _run_load(base: str, workers: int = 3, cut: list | None = None):
    stop_at = threading.Event()
    results: list = []
    conversations: dict = {}
    cut = [] if cut is None else cut
    threads = [threading.Thread(target=_load,
                                args=(base, stop_at, results, conversations, w, cut),
                                daemon=True) for w in range(workers)]
    for t in threads:
        t.start()
    return stop_at, threads, results, conversations


def test_kill_9_of_one_instance_under_load_loses_no_conversation(cluster):
    cut: list = []
    stop_at, threads, results, conversations = _run_load(cluster.nginx, cut=cut)
    try:
        wait_for(lambda: len(conversations) >= 3, "conversations under way", timeout=300)
        killed = time.monotonic()
        cluster.one.proc.send_signal(signal.SIGKILL)
        cluster.one.proc.wait(timeout=60)
        killed_at = len(results)
        wait_for(lambda: len(results) >= killed_at + 6, "answers after the kill", timeout=300)
    finally:
        stop_at.set()
        for t in threads:
            t.join(timeout=300)
    try:
        # Every request through nginx was answered, the ones in flight at the kill too
        # (retried on the other instance, when the killed one had sent nothing of its answer),
        # and after it the other kept answering. An answer the killed instance was already
        # writing cannot be retried by nginx (its client has part of it): such a request, sent
        # before the kill, is the one allowed a cut connection, one per worker at most (a busy
        # machine made that race likely: a suite beside CI, stop 28).
        assert set(results) <= {200, "RemoteProtocolError", "ReadError"}, results
        assert all(sent <= killed for sent in cut) and len(cut) <= 3, (cut, killed, results)
        # Every conversation begun (on either instance) is there, and continues.
        assert conversations
        for cid in conversations:
            follow = _chat(cluster.nginx, "Och om patienten är 70 år?", cid)
            assert follow.status_code == 200, follow.text
            assert follow.json()["conversation_id"] == cid
            assert TOLD.items() <= follow.json()["facts"].items(), follow.json()
    finally:
        cluster.one.start()  # back for the tests after this one


def test_the_database_restarted_under_load_is_503_while_down_and_recovers(cluster):
    stop_at, threads, results, conversations = _run_load(cluster.nginx, workers=2)
    try:
        wait_for(lambda: results.count(200) >= 2, "answers before the outage", timeout=300)
        cluster.postgres.stop()
        down_from = len(results)
        wait_for(lambda: 503 in results[down_from:], "a 503 while the database is down",
                 timeout=300)
        # /readyz says so on both instances: nginx passes the 503 on, never a 502.
        for instance in (cluster.one, cluster.two):
            ready = httpx.get(f"{instance.url}/readyz", timeout=60)
            assert ready.status_code == 503, ready.text
        cluster.postgres.start()
        up_from = len(results)
        wait_for(lambda: results[up_from:].count(200) >= 4, "answers after the restart",
                 timeout=300)
    finally:
        stop_at.set()
        for t in threads:
            t.join(timeout=300)
        if not cluster.postgres.running:
            cluster.postgres.start()
    assert set(results) <= {200, 503}, results
    fresh = _chat(cluster.nginx, VISIT)
    assert fresh.status_code == 200 and fresh.json()["conversation_id"]
    for instance in (cluster.one, cluster.two):
        wait_for(lambda: httpx.get(f"{instance.url}/readyz", timeout=60).status_code == 200,
                 "ready again", timeout=120)
