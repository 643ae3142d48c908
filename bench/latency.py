"""Answer latency: the floor, search/visit/chat in-process and over HTTP, and throughput.

Latencies are taken after warm-up. Each question is first asked once ("new": the query
embedding is not cached) and then ``repeats`` more times ("repeat": cached). Ratios to the
floor use the new-question p50, the honest figure for a question nobody asked before.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench import kbaccess
from bench.measure import free_port, peak_rss_mib, summary_ms, time_calls
from bench.workload import VISIT_REQUESTS

#: Warm-up texts: never among the measured questions, so the first measured ask is a new one.
WARMUP = ["uppvärmning av modellen", "hur fungerar hemsjukvården", "registrering av besök",
          "patientavgift", "läkarbesök i hemmet"]


def floor(kb, settings, questions: list[str], k: int = 5) -> dict:
    """p50/p95 of one uncached query embedding plus one vector query on the KB's collection."""
    from kb.embedding import make_embedder

    collection = kbaccess.find_collection(kb)
    embedder = make_embedder(settings)
    if collection is None or embedder is None:
        return {"available": False}
    model = getattr(embedder, "_encode", None)

    def one(question: str) -> None:
        # Bypass the embedder's query cache: the floor is the model's real cost.
        vec = model([question], query=True) if model else embedder.embed_queries([question])
        collection.query(query_embeddings=[list(map(float, vec[0]))], n_results=k)

    for text in WARMUP:
        one(text)
    samples = time_calls(one, questions, repeats=2)
    return {"available": True, **summary_ms(samples)}


def _first_and_repeat(call, questions: list[str], repeats: int) -> dict:
    """Warm up, ask every question once (new), then ``repeats`` times more (repeat).

    A path that fails (e.g. a route not there yet) records its error; the others still run.
    """
    try:
        for text in WARMUP:
            call(text)
        first = time_calls(call, questions)
        again = time_calls(call, questions, repeats=repeats)
    except Exception as exc:  # shown in the report's row for this path
        return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}
    return {"new": summary_ms(first), "repeat": summary_ms(again)}


def _repeat_only(call, inputs: list[str], repeats: int) -> dict:
    """Warm up on the first input, then time every input ``repeats`` times."""
    try:
        call(inputs[0])
        return {"repeat": summary_ms(time_calls(call, inputs, repeats=repeats))}
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0]}"}


def run_inprocess(params: dict) -> dict:
    """Stage: floor, library search, and search/visit/chat through the app without sockets."""
    from fastapi.testclient import TestClient

    from server.app import create_app

    settings = kbaccess.settings_for(Path(params["data_dir"]), params["model"],
                                     Path(params["documents_dir"]))
    questions, messages, repeats = params["questions"], params["messages"], params["repeats"]
    out: dict = {"model": params["model"]}
    start = time.perf_counter()
    kb = kbaccess.open_kb(settings)
    out["open_s"] = round(time.perf_counter() - start, 2)
    out["chunks"] = kbaccess.chunk_count(kb)
    out["floor"] = floor(kb, settings, questions)
    out["library_search"] = _first_and_repeat(lambda q: kbaccess.search(kb, q), questions, repeats)
    kb.close()

    # One fresh app per answer path: each opens its own knowledge base, so no path finds the
    # query embeddings of another path's questions in the cache.
    def get_search(client, q):
        client.get("/api/v1/search", params={"q": q, "k": 5}).raise_for_status()

    def post_chat(client, message):
        client.post("/api/v1/chat", json={"message": message}).raise_for_status()

    def post_visit(client, i):
        body = VISIT_REQUESTS[int(i) % len(VISIT_REQUESTS)]
        client.post("/api/v1/visit", json=body).raise_for_status()

    with TestClient(create_app(settings, load_in_background=False)) as client:
        out["app_search"] = _first_and_repeat(lambda q: get_search(client, q), questions, repeats)
    with TestClient(create_app(settings, load_in_background=False)) as client:
        out["app_chat"] = _first_and_repeat(lambda m: post_chat(client, m), messages, repeats)
        visits = [str(i) for i in range(len(VISIT_REQUESTS))]
        out["app_visit"] = _repeat_only(lambda i: post_visit(client, i), visits, repeats * 3)
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def serve_command() -> list[str]:
    """The command that starts ``rutin serve`` with this interpreter's environment."""
    script = Path(sys.executable).parent / "rutin"
    if script.exists():
        return [str(script), "serve"]
    return [sys.executable, "-c", "from rutin.cli import main; main()", "serve"]


def serve_env(data_dir: Path, model: str, documents_dir: Path, port: int) -> dict:
    """The environment of a benchmark server: its own data dir, model and port; offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({
        "RUTIN_DATA_DIR": str(data_dir), "RUTIN_EMBEDDING_MODEL": model,
        "RUTIN_DOCUMENTS_DIR": str(documents_dir), "RUTIN_PORT": str(port),
        "RUTIN_HOST": "127.0.0.1", "RUTIN_LOG_LEVEL": "WARNING",
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
    })
    return env


class Server:
    """``rutin serve`` in a subprocess on 127.0.0.1 and a free port; stopped on exit."""

    def __init__(self, data_dir: Path, model: str, documents_dir: Path, log_path: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._args = (data_dir, model, documents_dir)
        self._log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.started_at = 0.0

    def __enter__(self) -> "Server":
        log = open(self._log_path, "ab")
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(serve_command(), env=serve_env(*self._args, self.port),
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        return self

    def wait_ready(self, timeout_s: float = 900.0) -> dict:
        """Poll /healthz and /readyz; seconds from process start to each first 200."""
        import httpx

        times: dict = {}
        deadline = time.perf_counter() + timeout_s
        with httpx.Client(base_url=self.base, timeout=2.0) as client:
            while time.perf_counter() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"rutin serve exited with {self.proc.returncode}; "
                                       f"see {self._log_path}")
                try:
                    if "healthz_s" not in times and client.get("/healthz").status_code == 200:
                        times["healthz_s"] = round(time.perf_counter() - self.started_at, 3)
                    response = client.get("/readyz")
                    if response.status_code == 200:
                        times["readyz_s"] = round(time.perf_counter() - self.started_at, 3)
                        times["readyz"] = response.json()
                        return times
                except httpx.TransportError:
                    pass
                time.sleep(0.02)
        raise TimeoutError(f"/readyz not ready after {timeout_s} s; see {self._log_path}")

    def peak_rss_mib(self) -> float:
        """The server's peak resident memory (VmHWM), in MiB."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024.0, 1)
        except OSError:
            pass
        return float("nan")

    def __exit__(self, *exc) -> None:
        if self.proc:
            from bench.measure import stop_process_group

            stop_process_group(self.proc, timeout=20)


def throughput(base: str, make_request, *, clients: int = 16, total: int = 480,
               time_limit_s: float = 60.0) -> dict:
    """Requests/s of ``clients`` threads sharing ``total`` requests (bounded in count and time)."""
    import httpx

    lock = threading.Lock()
    counter = {"next": 0, "ok": 0, "errors": 0}
    latencies: list[float] = []
    deadline = time.perf_counter() + time_limit_s

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=30.0) as client:
            while time.perf_counter() < deadline:
                with lock:
                    i = counter["next"]
                    if i >= total:
                        return
                    counter["next"] += 1
                start = time.perf_counter()
                try:
                    ok = make_request(client, i).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - start
                with lock:
                    counter["ok" if ok else "errors"] += 1
                    latencies.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    return {"clients": clients, "requests": counter["ok"] + counter["errors"],
            "errors": counter["errors"], "seconds": round(wall, 2),
            "rps": round((counter["ok"]) / wall, 1) if wall else 0.0, **summary_ms(latencies)}


def run_http(params: dict) -> dict:
    """Stage: ``rutin serve`` on loopback; sequential p50/p95 and 16-client throughput."""
    import httpx

    data_dir, documents_dir = Path(params["data_dir"]), Path(params["documents_dir"])
    questions, messages, repeats = params["questions"], params["messages"], params["repeats"]
    out: dict = {"model": params["model"]}
    log = Path(params["log"])

    def get_search(client, q):
        client.get("/api/v1/search", params={"q": q, "k": 5}).raise_for_status()

    def post_chat(client, m):
        client.post("/api/v1/chat", json={"message": m}).raise_for_status()

    def post_visit(client, i):
        client.post("/api/v1/visit", json=VISIT_REQUESTS[int(i) % len(VISIT_REQUESTS)]).raise_for_status()

    # A fresh server for search and another for chat: neither finds the other's questions'
    # embeddings in its cache.
    with Server(data_dir, params["model"], documents_dir, log) as server:
        out["ready"] = server.wait_ready()
        with httpx.Client(base_url=server.base, timeout=30.0) as client:
            out["http_healthz"] = _repeat_only(lambda _: client.get("/healthz").raise_for_status(),
                                               ["x"] * 50, 1)
            out["http_search"] = _first_and_repeat(lambda q: get_search(client, q), questions, repeats)
    with Server(data_dir, params["model"], documents_dir, log) as server:
        server.wait_ready()
        with httpx.Client(base_url=server.base, timeout=30.0) as client:
            out["http_chat"] = _first_and_repeat(lambda m: post_chat(client, m), messages, repeats)
            visits = [str(i) for i in range(len(VISIT_REQUESTS))]
            out["http_visit"] = _repeat_only(lambda i: post_visit(client, i), visits, repeats * 3)

        total = params.get("throughput_requests", 480)
        n_new = max(16, total // 3)
        out["throughput"] = {
            "search": throughput(server.base, lambda c, i: c.get(
                "/api/v1/search", params={"q": questions[i % len(questions)], "k": 5}), total=total),
            # every text asked once: each request pays a query embedding
            "search, new questions": throughput(server.base, lambda c, i: c.get(
                "/api/v1/search", params={"q": f"{questions[i % len(questions)]} ({i})", "k": 5}),
                total=n_new),
            "chat": throughput(server.base, lambda c, i: c.post(
                "/api/v1/chat", json={"message": messages[i % len(messages)]}), total=total),
            "visit": throughput(server.base, lambda c, i: c.post(
                "/api/v1/visit", json=VISIT_REQUESTS[i % len(VISIT_REQUESTS)]), total=total),
        }
        out["server_peak_rss_mib"] = server.peak_rss_mib()
    return out
